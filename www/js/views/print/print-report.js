// 打印报告: a report on paper (A4) of the dashboard or of one indicator —
// title, the date printed, where the data came from, the calendar and
// office-hours settings used, the summary, the charts, the county table and
// the case table. It is built in #print-report (shown only in print, see
// style.css) when 打印报告 is pressed or the browser is about to print
// (Ctrl+P) on one of those two views; on other views the page prints as it is.
// 县区排名 prints the ranking and every county's scores the same way.
// Every number in it was computed by the core; this module arranges text.
//
// In a frame sandboxed without allow-modals the browser ignores
// window.print() without a word. A print that started fires "beforeprint"
// within the call; when none came, the buttons say printing is blocked here
// and offer the same report as a self-contained HTML file (the page's print
// styles inlined), which the browser prints or saves as PDF once opened.

import { el, byId } from "../../lib/dom.js";
import { download } from "../../lib/download.js";
import { language, t } from "../../lib/i18n.js";
import { indicatorReport } from "./indicator-report.js";
import { dashboardReport, rankingReport } from "./overview-reports.js";
import { reportFile } from "./report-file.js";

/**
 * @param evaluation           the cached evaluations of the working data
 * @param dashboardEvaluation  what the dashboard shows (the indicators an embedding chose)
 * @param route                () → { view, id } of the view shown
 */
export function createPrintReport({ api, evaluation, dashboardEvaluation = evaluation, route }) {
  const box = byId("print-report");
  const html = document.documentElement;
  const ctx = { api, evaluation, dashboardEvaluation };

  /**
   * Builds the report of the view shown (dashboard, an indicator or the ranking); returns
   * false (and prints the page as it is) on the other views.
   */
  function prepare() {
    const current = route();
    let parts = null;
    if (current?.view === "dashboard") parts = dashboardReport(ctx);
    else if (current?.view === "counties") parts = rankingReport(ctx);
    else if (current?.view === "indicator") {
      const ind = evaluation.indicator(current.id);
      if (ind) parts = indicatorReport(ctx, ind);
    }
    if (!parts) {
      clear();
      return false;
    }
    box.replaceChildren(
      el("article", { class: "report", lang: language() === "en" ? "en" : "zh-CN" }, ...parts, el("footer", { class: "report-foot" }, t("print.footer"))),
    );
    html.classList.add("has-print-report");
    // The footer in every page's margin (style.css @page): CSSOM, which the page's CSP allows.
    html.style.setProperty("--report-footer", JSON.stringify(t("print.footer")));
    return true;
  }

  function clear() {
    box.replaceChildren();
    html.classList.remove("has-print-report");
    html.style.removeProperty("--report-footer");
  }

  /** The report of the view shown as one HTML file: { name, html }. */
  function file() {
    return reportFile(prepare() ? box.firstElementChild : null);
  }

  function downloadReport() {
    const { name, html } = file();
    download(html, name, "text/html;charset=utf-8");
    return name;
  }

  /** Printing was found blocked: every print button says so and downloads the report instead. */
  let blocked = false;
  const blockedNote = el(
    "div",
    { class: "notice notice-warn print-blocked no-print", id: "print-blocked", role: "alert" },
    el("p", { id: "print-blocked-text", "data-i18n": "print.blocked" }, t("print.blocked")),
    el("button", { type: "button", class: "btn btn-secondary btn-small", id: "print-download", "data-i18n": "print.download" }, t("print.download")),
    el("p", { class: "form-status", id: "print-download-status", role: "status" }),
  );
  blockedNote.querySelector("#print-download").addEventListener("click", () => {
    const name = downloadReport();
    blockedNote.querySelector("#print-download-status").textContent = t("export.started", { name });
  });

  function showBlocked(button) {
    blocked = true;
    for (const other of document.querySelectorAll(".print-button")) {
      other.dataset.i18n = "print.button.blocked";
      other.textContent = t("print.button.blocked");
    }
    (button.closest(".picker, .card-head, .btn-row") ?? button).after(blockedNote);
    blockedNote.querySelector("#print-download").focus();
  }

  function print(button) {
    if (blocked) {
      (button.closest(".picker, .card-head, .btn-row") ?? button).after(blockedNote);
      blockedNote.querySelector("#print-download-status").textContent = t("export.started", { name: downloadReport() });
      return;
    }
    prepare();
    let started = false;
    const seen = () => {
      started = true;
    };
    window.addEventListener("beforeprint", seen);
    try {
      window.print();
    } finally {
      window.removeEventListener("beforeprint", seen);
    }
    // Only a frame's sandbox blocks printing so; a top-level page always prints.
    if (!started && window.self !== window.top) showBlocked(button);
  }

  // Every 打印 button (dashboard, indicator, ranking, calculator), also those drawn later.
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest(".print-button") : null;
    if (button && !button.disabled) print(button);
  });
  // Ctrl+P or the browser's menu: the same report.
  window.addEventListener("beforeprint", () => prepare());

  return { prepare, clear, print, reportFile: file };
}
