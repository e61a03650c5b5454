// The import view's result: the counts (rows in = evaluated + with problems), where the rows go
// (or went) per indicator, and once added, the indicator's summary against its target and the
// import's cases as the Workspace evaluated them.

import { el } from "../../lib/dom.js";
import { nameOf, share, signed, targetText, unitLabel, withUnit } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { alertBadge, dataTable, keepBracketsTogether, metBadge, statusBadge } from "../../widgets/common.js";

export function countsLine(counts, key = "import.counts") {
  const strong = (id, n) => el("strong", { id, class: "count-num" }, String(n));
  const parts = t(key, {}).split(/(\{\w+\})/);
  const values = {
    rowsIn: strong("import-rows-in", counts.rowsIn),
    evaluated: strong("import-evaluated", counts.evaluated),
    withProblems: strong("import-with-problems", counts.withProblems),
    blank: strong("import-blank", counts.blank),
  };
  return el(
    "p",
    { class: `import-counts${counts.withProblems ? " has-problems" : ""}`, id: "import-counts" },
    ...parts.map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      return m && values[m[1]] ? values[m[1]] : part;
    }),
  );
}

/** "共 5 行：计入 3.4 3 行，3.5 1 行，3.6 1 行；有问题 2 行": where the staged rows would go. */
export function stagedLine(r) {
  const routes = r.destinations.filter((d) => d.rows > 0).map((d) => t("import.staged.route", { id: d.indicatorId, rows: d.rows }));
  return el(
    "p",
    { class: "import-staged-line", id: "import-staged-line" },
    t("import.staged.line", { rows: r.counts.rowsIn, routes: routes.join(t("import.staged.separator")), withProblems: r.counts.withProblems }),
  );
}

/** How many rows went to which indicator (a power ledger fills 3.4–3.7, a construction ledger 2.1 and 2.2). */
export function routeList(r, evaluation) {
  return el(
    "ul",
    { class: "import-routes", id: "import-routes" },
    ...r.destinations.map((d) => {
      const ind = evaluation.indicator(d.indicatorId);
      const link = el("a", { href: `#/indicator/${encodeURIComponent(d.indicatorId)}` }, t("indicator.option", { id: d.indicatorId, name: ind ? nameOf(ind) : "" }));
      const key = d.replaced ? "import.route.replaced" : "import.route";
      return el("li", { "data-indicator": d.indicatorId }, link, t(key, { rows: d.rows, evaluated: d.evaluated, withProblems: d.withProblems, replaced: d.replaced }));
    }),
  );
}

export function summaryList(ind, s) {
  const label = unitLabel(ind);
  const item = (key, content, id) => el("div", { class: "result" }, keepBracketsTogether(el("dt", {}, key)), el("dd", { id }, content));
  return el(
    "dl",
    { class: "result-grid summary-grid", id: "import-summary" },
    item(t(`summary.value.${ind.aggregation}`, {}, t("summary.value")), withUnit(s.value, ind.unit, label), "import-summary-value"),
    item(t("summary.target"), targetText(ind), "import-summary-target"),
    item(t("summary.met"), metBadge(s.met), "import-summary-met"),
    item(t(ind.method === "trend" ? "summary.gap.trend" : "summary.gap"), s.value === null ? t("results.empty") : signed(s.gap, ind.unit), "import-summary-gap"),
    ...(s.metShare !== null && s.metShare !== undefined ? [item(t("summary.metShare"), share(s.metShare), "import-summary-met-share")] : []),
  );
}

/** The import's cases of the indicator chosen, as the Workspace evaluated them (its rounding). */
export function caseTableOf(ind, page) {
  if (!page || !page.rows.length) return el("p", { class: "empty" }, t("import.cases.none"));
  const label = unitLabel(ind);
  const at = (id) => page.columns.findIndex((c) => c.id === id);
  const [name, county, start, end, value] = ["name", "county", "start", "end", "value"].map(at);
  const cell = (row, i) => (i >= 0 && row.cells[i]?.t ? row.cells[i].t : t("results.empty"));
  const withLabel = (text) => (label ? `${text}${ind.unit === "percent" ? "" : " "}${label}` : text);
  const rows = page.rows.map((c) => {
    let shown;
    if (c.status === "open" && c.elapsed) shown = t("case.elapsed", { v: c.elapsed.t });
    else shown = value >= 0 && c.cells[value]?.t ? withLabel(c.cells[value].t) : t("results.empty");
    const status = el("td", { class: "case-status" }, statusBadge(c.status));
    if (c.status === "open" && c.alert) status.append(" ", alertBadge(c.alert));
    if (c.error) status.append(el("span", { class: "case-error" }, c.error));
    return el(
      "tr",
      { "data-row": c.row ?? "", "data-case-id": c.id, "data-status": c.status, class: c.met === false ? "is-late" : null },
      el("td", { class: "num" }, c.row === undefined ? t("results.empty") : String(c.row)),
      el("td", { class: "case-id" }, c.id),
      el("td", {}, cell(c, name)),
      el("td", {}, cell(c, county)),
      el("td", { class: "when" }, cell(c, start)),
      el("td", { class: "when" }, cell(c, end)),
      el("td", { class: "num value" }, shown),
      status,
      el("td", {}, c.met === null || c.met === undefined ? t("results.empty") : metBadge(c.met)),
    );
  });
  const parts = [
    el(
      "div",
      { class: "table-wrap" },
      dataTable({
        caption: t("import.cases.caption", { id: ind.id }),
        captionHidden: true,
        id: "import-cases",
        className: "case-table",
        heads: [
          el("th", { scope: "col", class: "num" }, t("import.col.row")),
          t("col.caseId"),
          t("col.name"),
          t("col.county"),
          t("col.start"),
          t("col.end"),
          el("th", { scope: "col", class: "num" }, t("import.col.result", { unit: label || t("import.col.noUnit") })),
          t("col.status"),
          t("col.caseMet"),
        ],
        rows,
      }),
    ),
  ];
  if (page.matched > page.rows.length) parts.push(el("p", { class: "hint", id: "import-cases-more" }, t("import.cases.more", { n: page.rows.length, total: page.matched })));
  return el("div", {}, ...parts);
}
