// 打印报告 of one indicator: its clause, how it is measured, the summary against the target, the
// charts its method calls for, the county table and the page of cases the view shows — each
// number as the view already asked the core for it.

import { chartFigure } from "../indicator/charts.js";
import { el } from "../../lib/dom.js";
import { nameOf, share, signed, targetText, unitLabel, withUnit } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { aggregationText, basisText, clauseRefText, clauseText, methodNote, scoringNote } from "../../lib/plan-notes.js";
import { getState } from "../../core/state.js";
import { metBadge } from "../../widgets/common.js";
import { head, pairTable, section, tableCopy } from "./report-parts.js";

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

/** An indicator on paper: clause, method, summary, charts, counties and the case page shown. */
export function indicatorReport(ctx, ind) {
  const { evaluation } = ctx;
  // The view shown asked for these already: the report uses its answers (printing cannot wait).
  const result = evaluation.last(`report|${ind.id}`) ?? { ok: false, message: t("print.notReady") };
  const title = t("indicator.title", { id: ind.id, name: nameOf(ind) });
  const parts = [head(ctx, title, ind)];
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
