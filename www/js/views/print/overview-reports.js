// 打印报告 of the whole plan: the dashboard (totals, every indicator, the ranking) and 县区排名
// (the ranking and every county's score on each ranked indicator).

import { el } from "../../lib/dom.js";
import { nameOf, score } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { scoringNote } from "../../lib/plan-notes.js";
import { getState } from "../../core/state.js";
import { head, pairTable, section, tableCopy } from "./report-parts.js";

/** The dashboard on paper: the totals, every indicator against its target, the ranking. */
export function dashboardReport(ctx) {
  const { evaluation, dashboardEvaluation } = ctx;
  const parts = [head(ctx, t("print.title.dashboard"))];
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
  if (ranking.length) parts.push(rankingSection(ctx, ranking));
  return parts;
}

/** The county ranking as a table: rank, county, score, coverage, own mean; the scoring stated. */
function rankingSection({ evaluation }, ranking, { withScores = false } = {}) {
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
  if (withScores) parts.push(...scoreMatrix(evaluation, ranking));
  return section(t("ranking.heading"), ...parts);
}

/**
 * Each ranked indicator's score by county (counties in rank order across): the ranking page's
 * 展开 details on one sheet. An indicator a county has no data for counts 0 and says so.
 */
function scoreMatrix(evaluation, ranking) {
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
export function rankingReport(ctx) {
  const { evaluation } = ctx;
  const parts = [head(ctx, t("print.title.ranking"))];
  const result = evaluation.last("ranking") ?? { ok: false, message: t("print.notReady") };
  if (!result.ok) {
    parts.push(el("p", { class: "report-error" }, t("ranking.failed", { msg: result.message })));
    return parts;
  }
  const ranking = result.value.ranking ?? [];
  parts.push(ranking.length ? rankingSection(ctx, ranking, { withScores: true }) : el("p", {}, t("ranking.empty")));
  return parts;
}
