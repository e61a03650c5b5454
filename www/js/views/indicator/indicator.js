// 指标详情: one indicator — its plan clause, its evaluation against the
// target, its cases, its counties, and the form to add or change cases.

import { byId, el } from "../../lib/dom.js";
import { chartFigure } from "./charts.js";
import { createCaseForm } from "./case-form.js";
import { amount, nameOf, number, score, share, signed, targetText, unitLabel, withUnit } from "../../lib/format.js";
import { fieldLabel, onLanguageChange, t } from "../../lib/i18n.js";
import { aggregationText, basisText, clauseRefText, clauseText, frontierText, methodNote, pick } from "../../lib/plan-notes.js";
import { getState, setSettings } from "../../core/state.js";
import { dataTable, keepBracketsTogether, metBadge, warningList } from "../../widgets/common.js";
import { createCasePager } from "../../widgets/case-pager.js";

const DEFAULT_ID = "1.1";

export function createIndicatorView(evaluation, { openInCalendar = null } = {}) {
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
  const { workspace } = evaluation;
  const form = createCaseForm({
    container: byId("case-form-box"),
    evaluation,
    onSaved: (id, key, isNew) => {
      pager.mark(key, { lastPage: isNew });
    },
  });
  const pager = createCasePager({
    container: casesBox,
    ask: (id, query) => evaluation.cases(id, query),
    counties: evaluation.catalog.counties ?? [],
    actions: {
      onEdit: (row) => form.edit(row.key, row),
      onDelete: (row) => remove(current.id, row),
      onCalendar: openInCalendar ? (row) => showOnCalendar(row) : null,
    },
  });
  onLanguageChange(() => pager.refreshTexts());

  /** A case on the calculator's month calendar: its times and stops as kept, the per-case limit. */
  async function showOnCalendar(row) {
    const ind = current;
    const record = (await workspace.caseInput(ind.id, row.key)) ?? {};
    const timed = ind.method === "elapsed_working" && ind.perCase !== false && typeof ind.target === "number";
    openInCalendar({
      start: record.start === undefined || record.start === null ? "" : String(record.start),
      end: record.end === undefined || record.end === null ? "" : String(record.end),
      stops: (record.stops ?? []).map((s) => (Array.isArray(s) ? { start: s[0], end: s[1] } : s)),
      deadlineDays: timed ? ind.target : null,
    });
  }

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

  /** The target, the method and how it is measured: basis, aggregation, per case or on the average. */
  function renderHeader(ind, report) {
    picker.value = ind.id;
    heading.textContent = t("indicator.option", { id: ind.id, name: nameOf(ind) });
    const topic = evaluation.topic(ind.topic);
    const items = [
      [t("indicator.target"), targetText(ind), "meta-target"],
      [t("indicator.topic"), topic ? t("dashboard.topic.name", { id: topic.id, name: nameOf(topic) }) : ind.topic, null],
      [t("indicator.method"), t(`method.${ind.method}`), null],
    ];
    if (report?.timeBasis) items.push([t("indicator.basis"), basisText(report.timeBasis), "meta-basis"]);
    if (report) items.push([t("indicator.aggregation"), aggregationText(report.aggregation), "meta-aggregation"]);
    if (report && !report.perCase && !["count", "trend"].includes(report.method)) items.push([t("indicator.judged"), t("indicator.judged.average"), "meta-judged"]);
    if (ind.customerClass) items.push([fieldLabel("customerClass"), t(`class.${ind.customerClass}`), null]);
    if (ind.projectType) items.push([fieldLabel("projectType"), t(`class.${ind.projectType}`), null]);
    meta.replaceChildren(...items.map(([k, v, id]) => el("div", {}, el("dt", {}, k), el("dd", { id }, v))));
    clause.textContent = clauseText(ind);
    clauseRef.textContent = clauseRefText(ind);
    const note = methodNote(ind, getState().settings);
    notes.replaceChildren(...(note ? [el("strong", {}, t("indicator.notes")), el("span", { id: "indicator-method-note" }, note)] : []));
    notes.hidden = !note;
  }

  function item(key, content, { id = null, main = false, hint = null } = {}) {
    return el(
      "div",
      { class: `result${main ? " result-main" : ""}` },
      keepBracketsTogether(el("dt", {}, key, hint ? el("span", { class: "dt-hint" }, hint) : null)),
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
      item(t(`summary.value.${report.aggregation}`, {}, t("summary.value")), v(s.value), { id: "summary-value", main: true }),
      item(t("summary.target"), targetText(ind), { id: "summary-target" }),
      item(t("summary.met"), metBadge(s.met), { id: "summary-met" }),
      item(t(trend ? "summary.gap.trend" : "summary.gap"), s.value === null ? t("results.empty") : signed(s.gap, unit), { id: "summary-gap" }),
    ];
    if (s.metShare !== null && s.metShare !== undefined) {
      items.push(item(t("summary.metShare"), share(s.metShare), { id: "summary-met-share", hint: t("summary.metShare.hint") }));
    }
    if (trend) items.push(item(t("summary.previous"), v(s.previous), { id: "summary-previous" }));
    // Several shares: each one against the target.
    for (const sh of s.shares ?? []) {
      items.push(
        item(t("summary.share", { name: pick(sh.nameZh, sh.nameEn) }), el("span", {}, v(sh.value), " ", metBadge(sh.met)), { id: `summary-share-${sh.measure}` }),
      );
    }
    // Every county must meet: the binding county, those that miss, and the city-wide mean.
    if (report.aggregation === "each_county") {
      items.push(
        item(t("summary.binding"), s.bindingCounty ? `${s.bindingCounty} ${v(s.value)}` : t("results.empty"), { id: "summary-binding" }),
        item(t("summary.failing"), s.failingCounties?.length ? s.failingCounties.join(t("print.listSeparator")) : t("summary.failing.none"), {
          id: "summary-failing",
        }),
        item(t("summary.cityMean"), v(s.mean), { id: "summary-city-mean" }),
      );
    }
    // The late count means over the target, or over the statutory limit for an average.
    const lateKey = report.perCase ? "summary.late" : report.caseLimit ? "summary.overLimit" : null;
    const counts = el(
      "dl",
      { class: "stat-grid counts" },
      ...[
        ["summary.count", s.count, "summary-count"],
        ["summary.valid", s.valid, "summary-valid"],
        ["summary.invalid", s.invalid, "summary-invalid"],
        ["summary.open", s.open, "summary-open"],
        lateKey ? [lateKey, s.late, "summary-late"] : null,
      ]
        .filter(Boolean)
        .map(([k, n, id]) => el("div", { class: n && (id === "summary-invalid" || id === "summary-late") ? "is-alert" : null }, el("dt", {}, t(k)), el("dd", { id }, String(n)))),
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
    if (s.series?.length) parts.push(seriesTable(s.series, report));
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

  /** Trends: each series, its previous and latest period, and whether it fell. */
  function seriesTable(series, report) {
    const unit = report.unit;
    return el(
      "div",
      { class: "table-wrap" },
      dataTable({
        caption: t("summary.series"),
        id: "summary-series",
        className: "series-table",
        heads: [t("col.series"), t("col.previousPeriod"), t("col.latestPeriod"), t("col.fell")],
        rows: series.map((x) =>
          el(
            "tr",
            { "data-fell": String(x.fell) },
            el("th", { scope: "row" }, [x.county, x.series].filter(Boolean).join(" · ") || t("detail.city")),
            el("td", {}, x.previous ? t("series.point", { period: x.previous.period, value: number(x.previous.value, unit) }) : t("results.empty")),
            el("td", {}, t("series.point", { period: x.latest.period, value: number(x.latest.value, unit) })),
            el("td", {}, x.fell === null ? t("summary.series.single") : metBadge(x.fell, { yesKey: "series.fell", noKey: "series.notFell" })),
          ),
        ),
      }),
    );
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
    const limit = ind.perCase === false && ind.caseLimit ? caseLimitOption(ind) : null;
    optionsBox.hidden = ind.method !== "recovery_rate" && !limit;
    if (limit) optionsBox.append(limit);
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

  /**
   * Targets on an average (8.2): a statutory per-case limit (审限) from the
   * catalogue that may be switched on to drive case alerts and the late count.
   */
  function caseLimitOption(ind) {
    const limits = getState().settings.caseLimits ?? {};
    const on = typeof limits[ind.id] === "number";
    const check = el("input", { type: "checkbox", id: "case-limit-on", checked: on });
    const value = el("input", {
      type: "number",
      id: "case-limit-value",
      inputmode: "decimal",
      min: "1",
      step: "any",
      value: String(on ? limits[ind.id] : ind.caseLimit.value),
      disabled: !on,
      "aria-describedby": "case-limit-unit case-limit-note",
    });
    const apply = () => {
      const next = { ...(getState().settings.caseLimits ?? {}) };
      const x = Number(value.value);
      if (check.checked && Number.isFinite(x) && x > 0) next[ind.id] = x;
      else delete next[ind.id];
      value.disabled = !check.checked;
      setSettings({ caseLimits: next });
    };
    check.addEventListener("change", apply);
    value.addEventListener("change", apply);
    return el(
      "fieldset",
      { class: "group case-limit" },
      el("legend", {}, t("limit.legend")),
      el("div", { class: "check" }, check, el("label", { for: check.id }, t("limit.enable"))),
      el(
        "div",
        { class: "inline-field" },
        el("label", { for: value.id }, t("limit.value")),
        value,
        el("span", { id: "case-limit-unit" }, unitLabel(ind)),
      ),
      el("p", { class: "hint", id: "case-limit-note" }, pick(ind.caseLimit.noteZh, ind.caseLimit.noteEn), " ", t("limit.hint")),
    );
  }

  /** A page of the cases, asked of the core (sorted, filtered and searched there). */
  function renderCases(report) {
    casesCount.textContent = t("cases.count", { n: report.summary.count });
    return pager.show(report.indicatorId, { unit: report.unit, unitLabel: unitLabel(report), perCase: report.perCase });
  }

  async function remove(id, row) {
    caseStatus.textContent = "";
    try {
      await workspace.deleteCase(id, row.key);
    } catch (error) {
      caseStatus.textContent = error.message;
      return;
    }
    form.deleted(row.key);
    const undo = el("button", { type: "button", class: "btn btn-link", id: "case-undo" }, t("case.undo"));
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      await workspace.undo();
      caseStatus.textContent = t("case.restored", { id: row.id });
    });
    caseStatus.replaceChildren(t("case.deleted", { id: row.id }), " ", undo);
    undo.focus();
  }

  function renderCounties(report) {
    const unit = report.unit;
    const label = unitLabel(report);
    const stock = report.aggregation === "stock";
    const shares = report.aggregation === "shares";
    if (!report.byCounty.length) {
      countiesBox.replaceChildren(el("p", { class: "empty" }, t("counties.none")));
    } else {
      const valueCell = (c) => {
        if (!shares || !c.shares?.length) return withUnit(c.value, unit, label);
        return c.shares.map((sh) => `${pick(sh.nameZh, sh.nameEn)} ${withUnit(sh.value, unit, label)}`).join(t("list.separator"));
      };
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
              el("th", { scope: "col", class: "num" }, t(report.aggregation === "each_county" ? "col.countyMean" : "col.value")),
              stock ? t("col.stockPeriod") : null,
              t("col.met"),
              report.perCase ? el("th", { scope: "col", class: "num" }, t("col.metShare")) : null,
              el("th", { scope: "col", class: "num" }, t("col.score")),
            ].filter(Boolean),
            rows: report.byCounty.map((c) =>
              el(
                "tr",
                { "data-county": c.county, class: c.met === false ? "is-late" : null },
                el("th", { scope: "row" }, c.county),
                el(
                  "td",
                  { class: "num count" },
                  el("span", { class: "count-total" }, String(c.count)),
                  c.late ? el("span", { class: "count-hints" }, t(report.perCase ? "dashboard.hint.late" : "dashboard.hint.overLimit", { n: c.late })) : null,
                ),
                el("td", { class: "num" }, valueCell(c)),
                stock ? el("td", {}, c.period ?? t("results.empty")) : null,
                el("td", {}, c.met === null ? t("results.empty") : metBadge(c.met)),
                report.perCase ? el("td", { class: "num" }, share(c.metShare)) : null,
                el("td", { class: "num score" }, c.score === null ? t("results.empty") : score(c.score)),
              ),
            ),
          }),
        ),
      );
    }
    const anchor = evaluation.catalog.scoring?.anchorScore ?? 60;
    frontierBox.replaceChildren(el("span", { id: "frontier-source" }, frontierText(report, anchor)));
  }

  let asked = 0;

  /** Asks for the indicator's summary, counties, charts and a page of cases; the old view stays until they are here. */
  async function render() {
    const ind = current;
    const ticket = ++asked;
    // One round trip: the summary, charts and first page below all come from this answer.
    evaluation.prefetchScreen(ind.id, pager.queryFor(ind.id));
    const result = await evaluation.report(ind.id);
    if (ticket !== asked || ind !== current) return;
    renderHeader(ind, result.ok ? result.value : null);
    renderOptions(ind);
    form.show(ind);
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
    renderCounties(result.value);
    await Promise.all([renderCharts(ind, result.value.charts ?? [], ticket), renderCases(result.value)]);
  }

  /** The charts the indicator's method calls for (the core's choice: a trend is a line only), drawn by the core. */
  async function renderCharts(ind, kinds, ticket) {
    const indicator = { id: ind.id, name: nameOf(ind) };
    const charts = await Promise.all(kinds.map((kind) => evaluation.chart(kind, ind.id)));
    if (ticket !== asked) return;
    chartsBox.replaceChildren(...kinds.map((kind, i) => chartFigure(kind, charts[i], { indicator, id: `chart-${kind}` })));
  }

  return {
    section,
    heading: () => heading,
    /** The id shown last (for the navigation link). */
    currentId: () => current?.id ?? DEFAULT_ID,
    show(param) {
      const next = evaluation.indicator(param) ?? evaluation.indicator(current?.id ?? DEFAULT_ID);
      if (next !== current) caseStatus.textContent = "";
      current = next;
      render();
      return t("indicator.title", { id: current.id, name: nameOf(current) });
    },
  };
}
