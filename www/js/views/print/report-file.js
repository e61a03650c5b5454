// The report as a self-contained HTML file (the page's print rules inlined, nothing to load and
// nothing to run), for a frame where printing is blocked: the browser prints it or saves it as PDF
// once opened.

import { el } from "../../lib/dom.js";
import { dateStamp } from "../../lib/download.js";
import { language, t } from "../../lib/i18n.js";
import { detach } from "./report-parts.js";

/** The view shown, for a view without a report (the calculator): its cards, without forms and controls. */
function viewCopy() {
  const view = document.querySelector("main .view:not([hidden])");
  if (!view) return el("article", { class: "report" });
  const copy = view.cloneNode(true);
  for (const node of copy.querySelectorAll(".no-print, form, #calendar-settings")) node.remove();
  return el("article", { class: "report report-view" }, ...detach(copy).childNodes);
}

/** The page's style rules as text: the print rules unwrapped, so the file shows on screen as on paper. */
function printStyles() {
  const lines = [];
  for (const sheet of document.styleSheets) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a sheet of another origin: none of the page's own
    }
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        if (rule.media.mediaText.includes("print")) for (const inner of rule.cssRules) lines.push(inner.cssText);
      } else {
        lines.push(rule.cssText);
      }
    }
  }
  // On screen: a sheet of paper's width, centred, the footer after the report; on paper the
  // footer in every page's margin, as the page prints it.
  lines.push("@media screen { body { max-width: 190mm; margin: 12mm auto; padding: 0 4mm; background: #fff; } }");
  lines.push(`@media print { html { --report-footer: ${JSON.stringify(t("print.footer"))}; } .report-foot { display: none; } }`);
  return lines.join("\n");
}

/**
 * The report of the view shown as one HTML file: { name, html }, built as a document of its own.
 * `report` is the report article built for the view, or null for a view without one.
 */
export function reportFile(report) {
  const article = report ? report.cloneNode(true) : viewCopy();
  const title = article.querySelector(".report-title")?.textContent.trim() || document.title;
  const file = document.implementation.createHTMLDocument(title);
  file.documentElement.lang = language() === "en" ? "en" : "zh-CN";
  file.documentElement.className = "report-file";
  const meta = (attrs) => {
    const node = file.createElement("meta");
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return node;
  };
  file.head.prepend(meta({ charset: "utf-8" }));
  file.head.append(
    meta({ name: "viewport", content: "width=device-width, initial-scale=1" }),
    // Nothing to load and nothing to run: the file is the report.
    meta({ "http-equiv": "Content-Security-Policy", content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }),
  );
  file.body.append(file.importNode(article, true));
  // The styles go in as text: a <style> element made here would be refused by the page's own CSP.
  const html = `<!doctype html>\n${file.documentElement.outerHTML}\n`.replace("</head>", () => `<style media="all">\n${printStyles()}\n</style></head>`);
  return { name: t("print.fileName", { title, date: dateStamp() }), html };
}
