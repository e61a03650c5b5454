// The pieces every printed report is made of: its head (title, the plan, where the data came
// from, the instant, office hours and the calendar used), sections, tables of pairs, and copies of
// the page's own tables without their controls. `ctx` is { api, evaluation } of the page.

import { attempt } from "../../core/api.js";
import { localTime } from "../import/data-panel.js";
import { el } from "../../lib/dom.js";
import { fixed, nameOf } from "../../lib/format.js";
import { language, t } from "../../lib/i18n.js";
import { effectiveAsOf, getState } from "../../core/state.js";

/** Attributes that tie a copied node to the page (ids, states, handlers' data) and are dropped from the copy. */
export function detach(root) {
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const attr of [...node.attributes]) {
      const name = attr.name;
      const keep = name === "aria-label" && node.getAttribute("role") === "img";
      if (!keep && (name === "id" || name === "tabindex" || name === "for" || name.startsWith("data-") || name.startsWith("aria-"))) {
        node.removeAttribute(name);
      }
    }
  }
  // Links and a head's sort button read as plain text on paper; other controls are of no use there.
  for (const mark of [...root.querySelectorAll(".sort-mark")]) mark.remove();
  for (const link of [...root.querySelectorAll("a, th button")]) link.replaceWith(...link.childNodes);
  for (const control of [...root.querySelectorAll("button, input, select, textarea, .visually-hidden:not(caption)")]) control.remove();
  return root;
}

/** A copy of a table on the page, for the report; without its last column when `dropLast`. */
export function tableCopy(table, { dropLast = false } = {}) {
  if (!table) return null;
  const copy = table.cloneNode(true);
  if (dropLast) for (const row of copy.querySelectorAll("tr")) row.lastElementChild?.remove();
  for (const caption of copy.querySelectorAll("caption")) caption.remove();
  // "2023-06-25 11:35": the date and the time each on one line, never broken at a hyphen.
  for (const cell of copy.querySelectorAll("td.when, td.deadline")) {
    const parts = cell.textContent.trim().split(/\s+/);
    if (parts.length > 1 && cell.children.length === 0) cell.replaceChildren(...parts.map((part) => el("span", { class: "report-nowrap" }, part)));
  }
  return detach(copy);
}

export function section(heading, ...content) {
  return el("section", { class: "report-section" }, el("h2", { class: "report-h2" }, heading), ...content.filter(Boolean));
}

/** The plan the indicators come from. */
function planLine({ evaluation }) {
  const plan = evaluation.catalog.plan;
  return t("print.plan", { name: nameOf(plan) || plan.nameZh, doc: plan.document, issued: plan.issued });
}

/** Where the data of the report came from: one line each. */
function sourceLines({ evaluation }, indicatorId) {
  const { source, sources, cases: allCases } = getState();
  const lines = [];
  if (source?.kind === "sample" || source?.kind === "mixed") {
    lines.push(t(source.kind === "mixed" ? "print.source.mixed" : "print.source.sample", { label: (language() === "en" ? source.labelEn : source.labelZh) || "" }));
  }
  if (source?.kind === "project" && source.fileName) lines.push(t("print.source.project", { name: source.fileName }));
  for (const s of sources ?? []) {
    if (indicatorId && s.indicatorId !== indicatorId) continue;
    const sheet = s.sheet && s.sheet !== s.fileName ? t("sources.sheet", { sheet: s.sheet }) : "";
    lines.push(t("print.source.file", { file: s.fileName, sheet, id: s.indicatorId, n: s.count, when: localTime(s.addedAt) }));
  }
  // Cases beyond those the ledgers brought were entered by hand.
  const count = indicatorId ? evaluation.last(`report|${indicatorId}`)?.value?.cases ?? 0 : allCases;
  const imported = (sources ?? []).filter((s) => !indicatorId || s.indicatorId === indicatorId).reduce((n, s) => n + s.count, 0);
  if (source?.kind !== "sample" && source?.kind !== "mixed" && count > imported) lines.push(t("print.source.manual"));
  if (!lines.length) lines.push(t("print.source.none"));
  return lines;
}

/** The calendar used: the official years, and the user's additions. */
function calendarLines({ api }) {
  const { settings } = getState();
  const coverage = api.calendarCoverage();
  const lines = [t("print.calendar.official", { first: coverage.firstYear, last: coverage.lastYear })];
  const separator = t("print.listSeparator");
  for (const text of settings.calendarCsv ?? []) {
    const info = attempt(() => api.checkCalendarCsv(text, { lang: language() }));
    lines.push(info.ok ? t("print.calendar.added", { years: info.value.years.join(separator), days: info.value.days }) : t("calset.csv.itemBad", { msg: info.message }));
  }
  if (settings.holidays?.length) lines.push(t("print.calendar.holidays", { dates: settings.holidays.join(separator) }));
  if (settings.workdays?.length) lines.push(t("print.calendar.workdays", { dates: settings.workdays.join(separator) }));
  return lines;
}

/** The facts under the title: printed, source, asOf, office hours, calendar. */
function facts(ctx, ind) {
  const { asOf, settings } = getState();
  const separator = t("print.listSeparator");
  const lines = (list) => list.map((line) => el("span", { class: "report-line" }, line));
  const rows = [
    [t("print.printed"), [localTime(new Date().toISOString())]],
    [t("print.source"), lines(sourceLines(ctx, ind?.id ?? null))],
    [t("print.asOf"), [asOfLine(asOf)]],
    [t("print.sessions"), [settings.sessions.map(([from, to]) => t("print.session", { from, to })).join(separator)]],
    [
      t("print.hoursPerDay"),
      [settings.hoursPerDay === null ? t("print.hoursPerDay.sessions") : t("print.hoursPerDay.fixed", { h: fixed(settings.hoursPerDay, 0, 2) })],
    ],
    [t("print.calendar"), lines(calendarLines(ctx))],
  ];
  if (ind?.method === "recovery_rate") rows.push([t("recovery.legend"), [t(`recovery.${settings.recoveryMethod}`)]]);
  return el("dl", { class: "report-facts" }, ...rows.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, ...v))));
}

/** The instant open cases were evaluated at, as set or (real data) now. */
function asOfLine(asOf) {
  const used = effectiveAsOf();
  if (used.followsNow) return t("data.asOf.now", { when: used.text });
  return asOf || t("print.asOf.none");
}

/** The report's head: kicker, title, the plan and the facts. */
export function head(ctx, title, ind = null) {
  return el(
    "header",
    { class: "report-head" },
    el("p", { class: "report-kicker" }, t("print.kicker")),
    el("h1", { class: "report-title" }, title),
    el("p", { class: "report-plan" }, planLine(ctx)),
    facts(ctx, ind),
  );
}

/** Pairs of [label, value] as a table of two pairs a row. */
export function pairTable(pairs) {
  const rows = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const cells = pairs.slice(i, i + 2).flatMap(([k, v]) => [el("th", { scope: "row" }, k), el("td", {}, v)]);
    rows.push(el("tr", {}, ...cells));
  }
  return el("table", { class: "report-table report-pairs" }, el("tbody", {}, ...rows));
}
