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

import { attempt } from "../../core/api.js";
import { chartFigure } from "../indicator/charts.js";
import { localTime } from "../import/data-panel.js";
import { byId, el } from "../../lib/dom.js";
import { dateStamp, download } from "../../lib/download.js";
import { fixed, nameOf, score, share, signed, targetText, unitLabel, withUnit } from "../../lib/format.js";
import { language, t } from "../../lib/i18n.js";
import { aggregationText, basisText, clauseRefText, clauseText, methodNote, scoringNote } from "../../lib/plan-notes.js";
import { effectiveAsOf, getState } from "../../core/state.js";
import { metBadge } from "../../widgets/common.js";

/** Attributes that tie a copied node to the page (ids, states, handlers' data) and are dropped from the copy. */
function detach(root) {
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
function tableCopy(table, { dropLast = false } = {}) {
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

/**
 * @param evaluation           the cached evaluations of the working data
 * @param dashboardEvaluation  what the dashboard shows (the indicators an embedding chose)
 * @param route                () → { view, id } of the view shown
 */
export function createPrintReport({ api, evaluation, dashboardEvaluation = evaluation, route }) {
  const box = byId("print-report");
  const html = document.documentElement;

  function section(heading, ...content) {
    return el("section", { class: "report-section" }, el("h2", { class: "report-h2" }, heading), ...content.filter(Boolean));
  }

  /** The plan the indicators come from. */
  function planLine() {
    const plan = evaluation.catalog.plan;
    return t("print.plan", { name: nameOf(plan) || plan.nameZh, doc: plan.document, issued: plan.issued });
  }

  /** Where the data of the report came from: one line each. */
  function sourceLines(indicatorId) {
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
  function calendarLines() {
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
  function facts(ind) {
    const { asOf, settings } = getState();
    const separator = t("print.listSeparator");
    const lines = (list) => list.map((line) => el("span", { class: "report-line" }, line));
    const rows = [
      [t("print.printed"), [localTime(new Date().toISOString())]],
      [t("print.source"), lines(sourceLines(ind?.id ?? null))],
      [t("print.asOf"), [asOfLine(asOf)]],
      [t("print.sessions"), [settings.sessions.map(([from, to]) => t("print.session", { from, to })).join(separator)]],
      [
        t("print.hoursPerDay"),
        [settings.hoursPerDay === null ? t("print.hoursPerDay.sessions") : t("print.hoursPerDay.fixed", { h: fixed(settings.hoursPerDay, 0, 2) })],
      ],
      [t("print.calendar"), lines(calendarLines())],
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

  function head(title, ind = null) {
    return el(
      "header",
      { class: "report-head" },
      el("p", { class: "report-kicker" }, t("print.kicker")),
      el("h1", { class: "report-title" }, title),
      el("p", { class: "report-plan" }, planLine()),
      facts(ind),
    );
  }

  /** Pairs of [label, value] as a table of two pairs a row. */
  function pairTable(pairs) {
    const rows = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const cells = pairs.slice(i, i + 2).flatMap(([k, v]) => [el("th", { scope: "row" }, k), el("td", {}, v)]);
      rows.push(el("tr", {}, ...cells));
    }
    return el("table", { class: "report-table report-pairs" }, el("tbody", {}, ...rows));
  }

  function summaryTable(report, ind) {
    const s = report.summary;
    const unit = report.unit;
    const v = (x) => withUnit(x, unit, unitLabel(report));
    const pairs = [
      [t(`summary.value.${report.aggregation}`, {}, t("summary.value")), v(s.value)],
      [t("summary.target"), targetText(ind)],
      [t("summary.met"), metBadge(s.met)],
      [t(report.method === "trend" ? "summary.gap.trend" : "summary.gap"), s.value === null ? t("results.empty") : signed(s.gap, unit)],
    ];
    if (s.metShare !== null && s.metShare !== undefined) pairs.push([t("summary.metShare"), share(s.metShare)]);
    if (report.method === "trend") pairs.push([t("summary.previous"), v(s.previous)]);
    pairs.push(
      [t("summary.count"), String(s.count)],
      [t("summary.valid"), String(s.valid)],
      [t("summary.invalid"), String(s.invalid)],
      [t("summary.open"), String(s.open)],
      [t("summary.late"), String(s.late)],
      [t("summary.mean"), v(s.mean)],
      [t("summary.median"), v(s.median)],
      [t("summary.p90"), v(s.p90)],
      [t("summary.min"), v(s.min)],
      [t("summary.max"), v(s.max)],
    );
    return pairTable(pairs);
  }

  function indicatorReport(ind) {
    // The view shown asked for these already: the report uses its answers (printing cannot wait).
    const result = evaluation.last(`report|${ind.id}`) ?? { ok: false, message: t("print.notReady") };
    const title = t("indicator.title", { id: ind.id, name: nameOf(ind) });
    const parts = [head(title, ind)];
    if (ind.clause) {
      parts.push(
        section(
          t("print.clause"),
          el("blockquote", { class: "report-clause" }, clauseText(ind)),
          ind.clauseRef ? el("p", { class: "report-note" }, clauseRefText(ind)) : null,
        ),
      );
    }
    if (!result.ok) {
      parts.push(el("p", { class: "report-error" }, t("indicator.failed", { msg: result.message })));
      return parts;
    }
    const report = result.value;
    // What is measured, over which time, aggregated how: the catalogue's note and the settings.
    const how = [
      report.timeBasis ? t("print.basis", { basis: basisText(report.timeBasis) }) : null,
      t("print.aggregation", { aggregation: aggregationText(report.aggregation) }),
      report.perCase || ["count", "trend"].includes(report.method) ? null : t("indicator.judged.average"),
    ].filter(Boolean);
    parts.push(
      section(
        t("print.method"),
        el("p", { class: "report-method-note" }, methodNote(ind, getState().settings)),
        el("p", { class: "report-note" }, how.join(t("detail.join"))),
      ),
    );
    const warnings = report.warnings?.length ? el("ul", { class: "report-warnings" }, ...report.warnings.map((w) => el("li", {}, w))) : null;
    parts.push(section(t("summary.heading"), summaryTable(report, ind), warnings));

    // The charts the method calls for, as the core chose them (data/methods.json).
    const kinds = report.charts ?? [];
    const figures = kinds.map((kind) =>
      el("div", { class: "report-chart" }, chartFigure(kind, evaluation.last(`chart|${kind}|${ind.id}`) ?? { ok: false, message: t("print.notReady") }, { indicator: { id: ind.id, name: nameOf(ind) }, buttons: false })),
    );
    parts.push(section(t("chart.heading"), el("p", { class: "report-note" }, t("chart.desc.print")), ...figures));

    const counties = tableCopy(document.getElementById("indicator-county-table"));
    const frontier = document.getElementById("indicator-frontier")?.textContent.trim();
    parts.push(
      section(
        t("counties.heading"),
        counties ?? el("p", {}, t("counties.none")),
        frontier ? el("p", { class: "report-note" }, frontier) : null,
        el("p", { class: "report-note" }, scoringNote(evaluation.catalog, report.scoring)),
      ),
    );

    const cases = tableCopy(document.getElementById("case-table"), { dropLast: true });
    // The page of the table shown (its filters and sort), not every case: said under the heading.
    const shownRows = document.querySelectorAll("#case-table tbody tr").length;
    const range = shownRows < report.summary.count ? document.getElementById("pager-range")?.textContent.trim() : "";
    parts.push(
      section(
        t("print.cases", { n: report.summary.count }),
        range ? el("p", { class: "report-note", id: "report-cases-range" }, t("print.cases.page", { range })) : null,
        cases ? el("p", { class: "report-note" }, t("print.cases.legend")) : null,
        cases ?? el("p", {}, t("cases.empty")),
      ),
    );
    return parts;
  }

  function dashboardReport() {
    const parts = [head(t("print.title.dashboard"))];
    const shown = evaluation.last("all") ?? { ok: false, message: t("print.notReady") };
    const result = shown.ok && dashboardEvaluation !== evaluation ? { ok: true, value: dashboardEvaluation.only(shown.value) } : shown;
    if (!result.ok) {
      parts.push(el("p", { class: "report-error" }, t("dashboard.failed", { msg: result.message })));
      return parts;
    }
    const { totals } = result.value;
    parts.push(
      section(
        t("dashboard.totals"),
        pairTable([
          [t("dashboard.total.indicators"), String(totals.indicators)],
          [t("dashboard.total.met"), String(totals.met)],
          [t("dashboard.total.notMet"), String(totals.notMet)],
          [t("dashboard.total.noData"), String(totals.noData)],
        ]),
      ),
    );
    const table = tableCopy(document.getElementById("dashboard-table"));
    parts.push(section(t("dashboard.caption"), el("p", { class: "report-note" }, t("print.dashboard.legend")), table));

    const ranking = result.value.ranking ?? [];
    if (ranking.length) parts.push(rankingSection(ranking));
    return parts;
  }

  /** The county ranking as a table: rank, county, score, coverage, own mean; the scoring stated. */
  function rankingSection(ranking, { withScores = false } = {}) {
    const rows = ranking.map((entry) =>
      el(
        "tr",
        { "data-county": entry.county },
        el("td", { class: "num" }, String(entry.rank)),
        el("th", { scope: "row" }, entry.county),
        el("td", { class: "num" }, score(entry.score)),
        el("td", { class: "num" }, t("ranking.coverage", { k: entry.indicators, n: entry.rankedIndicators })),
        el("td", { class: "num" }, score(entry.ownMean)),
      ),
    );
    const head = (...cells) => el("thead", {}, el("tr", {}, ...cells));
    const table = el(
      "table",
      { class: "report-table data-table report-ranking" },
      head(
        el("th", { scope: "col", class: "num" }, t("col.rank")),
        el("th", { scope: "col" }, t("col.county")),
        el("th", { scope: "col", class: "num" }, t("col.countyScore")),
        el("th", { scope: "col", class: "num" }, t("col.scored")),
        el("th", { scope: "col", class: "num" }, t("col.ownMean")),
      ),
      el("tbody", {}, ...rows),
    );
    const parts = [
      table,
      el("p", { class: "report-note" }, t("print.ranking.note")),
      el("p", { class: "report-note report-scoring-note" }, scoringNote(evaluation.catalog, getState().settings.scoring)),
    ];
    if (withScores) parts.push(...scoreMatrix(ranking));
    return section(t("ranking.heading"), ...parts);
  }

  /**
   * Each ranked indicator's score by county (counties in rank order across): the ranking page's
   * 展开 details on one sheet. An indicator a county has no data for counts 0 and says so.
   */
  function scoreMatrix(ranking) {
    const ranked = new Set(ranking.flatMap((entry) => Object.keys(entry.scores)));
    const indicators = evaluation.catalog.indicators.filter((ind) => ranked.has(ind.id));
    if (!indicators.length) return [];
    const rows = indicators.map((ind) =>
      el(
        "tr",
        { "data-indicator": ind.id },
        el("th", { scope: "row" }, `${ind.id} ${nameOf(ind)}`),
        ...ranking.map((entry) => el("td", { class: "num" }, typeof entry.scores[ind.id] === "number" ? score(entry.scores[ind.id]) : "—")),
      ),
    );
    return [
      el("h3", { class: "report-h3" }, t("print.ranking.scores")),
      el("p", { class: "report-note" }, t("print.ranking.scoresNote")),
      el(
        "table",
        { class: "report-table data-table report-score-matrix" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("col.indicator")), ...ranking.map((entry) => el("th", { scope: "col", class: "num" }, entry.county)))),
        el("tbody", {}, ...rows),
      ),
    ];
  }

  /** 县区排名 on paper: the ranking as the page shows it, and every county's scores. */
  function rankingReport() {
    const parts = [head(t("print.title.ranking"))];
    const result = evaluation.last("ranking") ?? { ok: false, message: t("print.notReady") };
    if (!result.ok) {
      parts.push(el("p", { class: "report-error" }, t("ranking.failed", { msg: result.message })));
      return parts;
    }
    const ranking = result.value.ranking ?? [];
    parts.push(ranking.length ? rankingSection(ranking, { withScores: true }) : el("p", {}, t("ranking.empty")));
    return parts;
  }

  /**
   * Builds the report of the view shown (dashboard, an indicator or the ranking); returns
   * false (and prints the page as it is) on the other views.
   */
  function prepare() {
    const current = route();
    let parts = null;
    if (current?.view === "dashboard") parts = dashboardReport();
    else if (current?.view === "counties") parts = rankingReport();
    else if (current?.view === "indicator") {
      const ind = evaluation.indicator(current.id);
      if (ind) parts = indicatorReport(ind);
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

  /** The report of the view shown as one HTML file: { name, html }, built as a document of its own. */
  function reportFile() {
    const article = prepare() ? box.firstElementChild.cloneNode(true) : viewCopy();
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

  function downloadReport() {
    const { name, html } = reportFile();
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

  return { prepare, clear, print, reportFile };
}
