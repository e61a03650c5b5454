// Small pieces of markup shared by the views. State is always written as
// text (and an icon), never shown by colour alone.

import { el } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

/** 达标 / 未达标 / 无数据 (met: true / false / null); other words for the three states may be given. */
export function metBadge(met, { noDataKey = "met.none", yesKey = "met.yes", noKey = "met.no" } = {}) {
  const [cls, icon, key] =
    met === true ? ["met", "\u2713", yesKey] : met === false ? ["not-met", "\u2717", noKey] : ["no-data", "\u2013", noDataKey];
  return el("span", { class: `badge badge-${cls}`, "data-met": String(met) }, el("span", { class: "badge-icon", "aria-hidden": "true" }, icon), t(key));
}

/** 已办结 / 办理中 / 有误. */
export function statusBadge(status) {
  const icon = { closed: "\u25CF", open: "\u25CB", invalid: "!" }[status] ?? "?";
  return el(
    "span",
    { class: `badge badge-status-${status}`, "data-status": status },
    el("span", { class: "badge-icon", "aria-hidden": "true" }, icon),
    t(`case.status.${status}`),
  );
}

/** 正常 / 预警 / 超期, for open cases. */
export function alertBadge(alert) {
  const icon = { ok: "\u2713", warning: "\u26A0", overdue: "\u2717" }[alert] ?? "";
  return el(
    "span",
    { class: `badge badge-alert-${alert}`, "data-alert": alert },
    el("span", { class: "badge-icon", "aria-hidden": "true" }, icon),
    t(`case.alert.${alert}`),
  );
}

/** A bracketed part of a text: "（工作日）", "(working days)", "〔2023〕". */
const BRACKETED = /（[^（）]*）|\([^()]*\)|〔[^〔〕]*〕/g;

/**
 * The text nodes under `root` with each bracketed part wrapped in
 * <span class="nowrap">, so that a column head wraps before "（工作日）" and
 * never inside it ("用时（工作 / 日）"). Returns `root`.
 */
export function keepBracketsTogether(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest(".nowrap")) texts.push(node);
  }
  for (const node of texts) {
    const text = node.data;
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(BRACKETED)) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      parts.push(el("span", { class: "nowrap" }, match[0]));
      last = match.index + match[0].length;
    }
    if (!parts.length) continue;
    if (last < text.length) parts.push(text.slice(last));
    node.replaceWith(...parts);
  }
  return root;
}

/** A table with a caption, column heads and body rows (arrays of cells or <tr>s). */
export function dataTable({ caption, captionHidden = false, heads, rows, className = "", id = null }) {
  const head = keepBracketsTogether(el("tr", {}, ...heads.map((h) => (typeof h === "string" ? el("th", { scope: "col" }, h) : h))));
  return el(
    "table",
    { class: `data-table ${className}`.trim(), id },
    caption ? el("caption", { class: captionHidden ? "visually-hidden" : null }, caption) : null,
    el("thead", {}, head),
    el("tbody", {}, ...rows),
  );
}

/** A <ul class="warnings"> of messages, or nothing. */
export function warningList(warnings, id = null) {
  if (!warnings?.length) return null;
  return el("ul", { class: "warnings", id, role: "status" }, ...warnings.map((w) => el("li", {}, w)));
}
