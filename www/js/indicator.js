// 指标详情: one indicator — its plan clause, its evaluation against the
// target, its cases, its counties, and the form to add or change cases.

import { byId, el } from "./dom.js";
import { caseTable } from "./case-table.js";
import { chartFigure } from "./charts.js";
import { chartKinds } from "./print-report.js";
import { createCaseForm } from "./case-form.js";
import { amount, nameOf, number, score, share, signed, targetText, unitLabel, withUnit } from "./format.js";
import { fieldLabel, onLanguageChange, t } from "./i18n.js";
import { deleteCase, getState, restoreCase, setSettings, casesOf } from "./state.js";
import { dataTable, metBadge, warningList } from "./widgets.js";

const DEFAULT_ID = "1.1";

export function createIndicatorView(evaluation) {
  const section = byId("view-indicator");
  const heading = byId("indicator-heading");
  const picker = byId("indicator-picker");
  const meta = byId("indicator-meta");
  const clause = byId("indicator-clause");
  const clauseRef = byId("indicator-clause-ref");
  const notes = byId("indicator-notes");
  const errorBox = byId("indicator-error");
  const summaryBox = byId("indicator-summary");
  const optionsBox = byId("indicator-options");
  const casesBox = byId("indicator-cases");
  const casesCount = byId("cases-count");
  const caseStatus = byId("case-status");
  const countiesBox = byId("indicator-counties");
  const frontierBox = byId("indicator-frontier");
  const newButton = byId("case-new");
  const chartsBox = byId("indicator-charts");

  let current = null; // catalogue entry shown
  let marked = null; // row index to mark after a save
  const form = createCaseForm({
    container: byId("case-form-box"),
    evaluation,
    onSaved: (id, index) => {
      marked = index;
      render();
      const row = casesBox.querySelector(`tr[data-index="${index}"]`);
      row?.scrollIntoView?.({ block: "nearest" });
    },
  });

  // The picker: every indicator, grouped by topic (again when the language changes).
  function fillPicker() {
    const groups = evaluation.catalog.topics.map((topic) => {
      const group = el("optgroup", { label: t("dashboard.topic.name", { id: topic.id, name: nameOf(topic) }) });
      for (const ind of evaluation.catalog.indicators.filter((i) => i.topic === topic.id)) {
        group.append(el("option", { value: ind.id }, t("indicator.option", { id: ind.id, name: nameOf(ind) })));
      }
      return group;
    });
    picker.replaceChildren(...groups);
    if (current) picker.value = current.id;
  }
  fillPicker();
  onLanguageChange(fillPicker);
  picker.addEventListener("change", () => {
    location.hash = `#/indicator/${encodeURIComponent(picker.value)}`;
  });
  newButton.addEventListener("click", () => form.edit(null));

  function renderHeader(ind) {
    picker.value = ind.id;
    heading.textContent = t("indicator.option", { id: ind.id, name: nameOf(ind) });
    const topic = evaluation.topic(ind.topic);
    const items = [
      [t("indicator.target"), targetText(ind)],
      [t("indicator.topic"), topic ? t("dashboard.topic.name", { id: topic.id, name: nameOf(topic) }) : ind.topic],
      [t("indicator.method"), t(`method.${ind.method}`)],
    ];
    if (ind.customerClass) items.push([fieldLabel("customerClass"), t(`class.${ind.customerClass}`)]);
    if (ind.projectType) items.push([fieldLabel("projectType"), t(`class.${ind.projectType}`)]);
    meta.replaceChildren(...items.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v))));
    clause.textContent = ind.clause ?? "";
    clauseRef.textContent = ind.clauseRef ? t("indicator.clauseRef", { ref: ind.clauseRef }) : "";
    notes.replaceChildren(...(ind.notesZh ? [el("strong", {}, t("indicator.notes")), ind.notesZh] : []));
    notes.hidden = !ind.notesZh;
  }

  function item(key, content, { id = null, main = false, hint = null } = {}) {
    return el(
      "div",
      { class: `result${main ? " result-main" : ""}` },
      el("dt", {}, key, hint ? el("span", { class: "dt-hint" }, hint) : null),
      el("dd", { id }, content),
    );
  }

  function renderSummary(report, ind) {
    const s = report.summary;
    const label = unitLabel(report);
    const unit = report.unit;
    const v = (x) => withUnit(x, unit, label);
    const trend = report.method === "trend";
    const items = [
      item(t(`summary.value.${report.method}`, {}, t("summary.value")), v(s.value), { id: "summary-value", main: true }),
      item(t("summary.target"), targetText(ind), { id: "summary-target" }),
      item(t("summary.met"), metBadge(s.met), { id: "summary-met" }),
      item(t(trend ? "summary.gap.trend" : "summary.gap"), s.value === null ? t("results.empty") : signed(s.gap, unit), { id: "summary-gap" }),
    ];
    if (s.metShare !== null && s.metShare !== undefined) {
      items.push(item(t("summary.metShare"), share(s.metShare), { id: "summary-met-share", hint: t("summary.metShare.hint") }));
    }
    if (trend) items.push(item(t("summary.previous"), v(s.previous), { id: "summary-previous" }));
    const counts = el(
      "dl",
      { class: "stat-grid counts" },
      ...[
        ["summary.count", s.count, "summary-count"],
        ["summary.valid", s.valid, "summary-valid"],
        ["summary.invalid", s.invalid, "summary-invalid"],
        ["summary.open", s.open, "summary-open"],
        ["summary.late", s.late, "summary-late"],
      ].map(([k, n, id]) => el("div", { class: n && (id === "summary-invalid" || id === "summary-late") ? "is-alert" : null }, el("dt", {}, t(k)), el("dd", { id }, String(n)))),
    );
    const stats = el(
      "dl",
      { class: "stat-grid" },
      ...[
        ["summary.mean", s.mean, "summary-mean"],
        ["summary.median", s.median, "summary-median"],
        ["summary.p90", s.p90, "summary-p90"],
        ["summary.min", s.min, "summary-min"],
        ["summary.max", s.max, "summary-max"],
      ].map(([k, x, id]) => el("div", {}, el("dt", {}, t(k)), el("dd", { id }, v(x)))),
    );
    const pooled = [];
    if (typeof s.numerator === "number") {
      pooled.push(
        el("div", {}, el("dt", {}, t("summary.sumOf", { field: fieldLabel(sumField(report, "numerator"), report.indicatorId) })), el("dd", { id: "summary-numerator" }, amount(s.numerator))),
        el("div", {}, el("dt", {}, t("summary.sumOf", { field: fieldLabel(sumField(report, "denominator"), report.indicatorId) })), el("dd", { id: "summary-denominator" }, amount(s.denominator))),
      );
    }
    const parts = [
      el("dl", { class: "result-grid summary-grid" }, ...items),
      el("h4", { class: "sub-heading" }, t("summary.cases")),
      counts,
      el("h4", { class: "sub-heading" }, t("summary.stats")),
      stats,
    ];
    if (pooled.length) parts.push(el("dl", { class: "stat-grid pooled" }, ...pooled));
    if (trend && s.periods?.length) {
      // One column per period, oldest first, as the core lists them.
      parts.push(
        el(
          "div",
          { class: "table-wrap" },
          el(
            "table",
            { class: "data-table periods-table" },
            el("caption", {}, t("summary.periods")),
            el(
              "tbody",
              {},
              el("tr", {}, el("th", { scope: "row" }, t("col.period")), ...s.periods.map((p) => el("th", { scope: "col", class: "num" }, p.period))),
              el(
                "tr",
                {},
                el("th", { scope: "row" }, t("col.valueIn", { unit: label })),
                ...s.periods.map((p) => el("td", { class: "num" }, number(p.value, unit))),
              ),
            ),
          ),
        ),
      );
    }
    const warnings = warningList(report.warnings);
    if (warnings) parts.push(warnings);
    summaryBox.replaceChildren(...parts);
  }

  /** Which case field the pooled sums add up, for their labels. */
  function sumField(report, which) {
    const names = {
      cost_ratio: { numerator: "cost", denominator: "base" },
      growth: { numerator: "growthAmount", denominator: "previous" },
      recovery_rate: { numerator: "recovered", denominator: "claims" },
    }[report.method];
    return names?.[which] ?? which;
  }

  function renderOptions(ind) {
    optionsBox.replaceChildren();
    optionsBox.hidden = ind.method !== "recovery_rate";
    if (ind.method !== "recovery_rate") return;
    const method = getState().settings.recoveryMethod;
    const radios = ["pooled", "doing_business"].map((value) => {
      const id = `recovery-${value}`;
      const input = el("input", { type: "radio", name: "recovery-method", id, value, checked: value === method });
      input.addEventListener("change", () => {
        if (input.checked) setSettings({ recoveryMethod: value });
      });
      return el("div", { class: "check" }, input, el("label", { for: id }, t(`recovery.${value}`)));
    });
    optionsBox.append(
      el("fieldset", { class: "group radio-group" }, el("legend", {}, t("recovery.legend")), ...radios, el("p", { class: "hint" }, t("recovery.hint"))),
    );
  }

  function renderCases(report) {
    const settings = getState().settings;
    casesCount.textContent = t("cases.count", { n: report.summary.count });
    if (report.cases.length === 0) {
      casesBox.replaceChildren(el("p", { class: "empty" }, t("cases.empty")));
      return;
    }
    const table = caseTable({
      report,
      cases: casesOf(report.indicatorId),
      ind: { unitLabel: unitLabel(report) },
      settings,
      marked,
      actions: {
        onEdit: (i) => form.edit(i, report.cases[i]),
        onDelete: (i) => remove(report.indicatorId, i, report.cases[i].id),
      },
    });
    casesBox.replaceChildren(el("div", { class: "table-wrap" }, table));
  }

  function remove(id, index, shownId) {
    const removed = deleteCase(id, index);
    form.deleted(index);
    marked = null;
    const undo = el("button", { type: "button", class: "btn btn-link", id: "case-undo" }, t("case.undo"));
    undo.addEventListener("click", () => {
      restoreCase(id, index, removed);
      marked = index;
      caseStatus.textContent = t("case.restored", { id: shownId });
    });
    caseStatus.replaceChildren(t("case.deleted", { id: shownId }), " ", undo);
    undo.focus();
  }

  function renderCounties(report) {
    const unit = report.unit;
    const label = unitLabel(report);
    if (!report.byCounty.length) {
      countiesBox.replaceChildren(el("p", { class: "empty" }, t("counties.none")));
    } else {
      countiesBox.replaceChildren(
        el(
          "div",
          { class: "table-wrap" },
          dataTable({
            caption: t("counties.caption", { id: report.indicatorId }),
            captionHidden: true,
            id: "indicator-county-table",
            className: "county-table",
            heads: [
              t("col.county"),
              el("th", { scope: "col", class: "num" }, t("col.cases")),
              el("th", { scope: "col", class: "num" }, t("col.value")),
              t("col.met"),
              el("th", { scope: "col", class: "num" }, t("col.metShare")),
              el("th", { scope: "col", class: "num" }, t("col.score")),
            ],
            rows: report.byCounty.map((c) =>
              el(
                "tr",
                { "data-county": c.county, class: c.met === false ? "is-late" : null },
                el("th", { scope: "row" }, c.county),
                el(
                  "td",
                  { class: "num count" },
                  el("span", { class: "count-total" }, String(c.count)),
                  c.late ? el("span", { class: "count-hints" }, t("dashboard.hint.late", { n: c.late })) : null,
                ),
                el("td", { class: "num" }, withUnit(c.value, unit, label)),
                el("td", {}, c.met === null ? t("results.empty") : metBadge(c.met)),
                el("td", { class: "num" }, share(c.metShare)),
                el("td", { class: "num score" }, c.score === null ? t("results.empty") : score(c.score)),
              ),
            ),
          }),
        ),
      );
    }
    const f = report.frontier;
    if (!f) {
      frontierBox.textContent = t("frontier.none");
      return;
    }
    const own = current.frontier;
    const source = own && own.source === f.source ? t("frontier.worldBank", { source: f.source }) : t("frontier.counties");
    frontierBox.replaceChildren(
      el("span", {}, t("frontier.used", { best: number(f.best, unit), worst: number(f.worst, unit) })),
      el("span", { class: "frontier-source", id: "frontier-source" }, source),
    );
  }

  function render() {
    const ind = current;
    renderHeader(ind);
    renderOptions(ind);
    form.show(ind);
    const result = evaluation.report(ind.id);
    errorBox.hidden = result.ok;
    if (!result.ok) {
      errorBox.textContent = t("indicator.failed", { msg: result.message });
      summaryBox.replaceChildren();
      casesBox.replaceChildren();
      countiesBox.replaceChildren();
      chartsBox.replaceChildren();
      return;
    }
    renderSummary(result.value, ind);
    renderCharts(ind);
    renderCases(result.value);
    renderCounties(result.value);
  }

  /** 分布图, 县区图 and (for values by month) 趋势图, drawn by the core. */
  function renderCharts(ind) {
    const indicator = { id: ind.id, name: nameOf(ind) };
    chartsBox.replaceChildren(
      ...chartKinds(ind).map((kind) => chartFigure(kind, evaluation.chart(kind, ind.id), { indicator, id: `chart-${kind}` })),
    );
  }

  return {
    section,
    heading: () => heading,
    /** The id shown last (for the navigation link). */
    currentId: () => current?.id ?? DEFAULT_ID,
    show(param) {
      const next = evaluation.indicator(param) ?? evaluation.indicator(current?.id ?? DEFAULT_ID);
      if (next !== current) {
        marked = null;
        caseStatus.textContent = "";
      }
      current = next;
      render();
      return t("indicator.title", { id: current.id, name: nameOf(current) });
    },
  };
}
