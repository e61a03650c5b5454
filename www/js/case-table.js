// 案件明细: the cases of one indicator as the core evaluated them, with
// columns fitted to the indicator's method. The values come from
// evaluate(); the entered fields (dates as typed, amounts) from the case.

import { el } from "./dom.js";
import { amount, compactInstant, number, signed, withUnit } from "./format.js";
import { fieldLabel, t } from "./i18n.js";
import { pick } from "./plan-notes.js";
import { alertBadge, metBadge, statusBadge } from "./widgets.js";

export const TIME_METHODS = new Set(["elapsed_working", "calendar_days", "years"]);

const empty = () => t("results.empty");

/** A text cell; numbers get class "num". */
function td(content, cls = null) {
  return el("td", { class: cls }, ...(Array.isArray(content) ? content : [content]));
}

function entered(value) {
  if (value === undefined || value === null || value === "") return empty();
  return typeof value === "number" ? amount(value) : String(value);
}

/**
 * A case's steps on one line: each stage (or parallel procedure) a bar placed
 * where the core says it lies on the case's timeline (from/to, 0–1 of its
 * calendar time), so that the time between stages shows as a gap; an open
 * stage is hatched, a stage not started is listed after the line. Each bar
 * names its stage, dates and time for readers that cannot see it.
 */
export function stepTimeline(result, unit, label) {
  const steps = result.steps ?? [];
  if (!steps.length) return null;
  const placed = steps.filter((s) => typeof s.from === "number" && typeof s.to === "number");
  const describe = (s) =>
    t(s.open ? "timeline.stepOpen" : "timeline.step", {
      name: s.name || t("timeline.unnamed"),
      start: compactInstant(s.start),
      end: compactInstant(s.end),
      value: s.value === null || s.value === undefined ? t("results.empty") : withUnit(s.value, unit, label),
    });
  const bars = placed.map((s) => {
    const bar = el("span", { class: `timeline-bar${s.open ? " is-open" : ""}`, title: describe(s) });
    // Set through the CSSOM: the pages' CSP allows no inline style attributes.
    bar.style.left = `${(s.from * 100).toFixed(2)}%`;
    bar.style.width = `${Math.max((s.to - s.from) * 100, 0.8).toFixed(2)}%`;
    return bar;
  });
  const pending = steps.filter((s) => s.pending).map((s) => s.name || t("timeline.unnamed"));
  return el(
    "div",
    { class: "timeline" },
    el("div", { class: "timeline-line", "aria-hidden": "true" }, ...bars),
    el("ul", { class: "visually-hidden" }, ...placed.map((s) => el("li", {}, describe(s)))),
    pending.length ? el("span", { class: "timeline-pending" }, t("timeline.pending", { names: pending.join(t("print.listSeparator")) })) : null,
  );
}

/** The columns between 县区 and 状态, per method: [{ head, cell(input, result) }]. */
function methodColumns(ind, report, settings) {
  const unit = report.unit;
  const label = ind.unitLabel;
  const value = (r) => withUnit(r.value, unit, label);
  const head = (key, params) => t(key, params);
  switch (report.method) {
    case "elapsed_working":
    case "calendar_days":
    case "years": {
      const cols = [
        { head: head("col.start"), cell: (c, r) => td(c.start ? String(c.start) : compactInstant(r.start), "when") },
        {
          head: head("col.end"),
          cell: (c, r) => td(c.end ? String(c.end) : r.status === "open" ? t("case.notFinished") : compactInstant(r.end), "when"),
        },
        {
          head: head("col.timeIn", { unit: label }),
          cls: "num",
          cell: (c, r) => {
            if (r.status === "open" && typeof r.elapsed === "number") {
              return td(
                [
                  el("span", { class: "elapsed" }, t("case.elapsed", { v: number(r.elapsed, unit) })),
                  typeof r.remaining === "number" ? el("span", { class: "remaining" }, t("case.remaining", { v: number(r.remaining, unit) })) : null,
                ],
                "num",
              );
            }
            return td(number(r.value, unit), "num value");
          },
        },
      ];
      if (report.method === "elapsed_working") {
        cols.push(
          { head: head("col.workingMinutes"), cls: "num", cell: (c, r) => td(number(r.workingMinutes, "count"), "num") },
          { head: head("col.stoppedMinutes"), cls: "num", cell: (c, r) => td(r.stoppedMinutes ? number(r.stoppedMinutes, "count") : empty(), "num") },
        );
      }
      // Cases with steps: the stages on a line, and (by stages) the time between them, not counted.
      if (report.cases.some((r) => r.steps?.length)) {
        cols.push({
          head: head(report.timeBasis === "stages" ? "col.stages" : "col.steps"),
          cls: "steps",
          cell: (c, r) => {
            const line = stepTimeline(r, unit, label);
            const between = typeof r.between === "number" ? el("span", { class: "between" }, t("timeline.between", { v: withUnit(r.between, unit, label) })) : null;
            return td(line ? [line, between] : [empty()], "steps");
          },
        });
      }
      if (report.perCase || report.caseLimit) cols.push({ head: head("col.deadline"), cell: (c, r) => td(r.deadline ? compactInstant(r.deadline) : empty(), "when") });
      return cols;
    }
    case "cost_ratio":
      return [
        { head: fieldLabel("cost", report.indicatorId), cls: "num", cell: (c, r) => td(amount(r.numerator), "num") },
        { head: fieldLabel("base", report.indicatorId), cls: "num", cell: (c, r) => td(amount(r.denominator), "num") },
        { head: head("col.ratio"), cls: "num", cell: (c, r) => td(value(r), "num value") },
      ];
    case "rate":
      return [
        ...(report.aggregation === "shares"
          ? [{ head: fieldLabel("measure"), cell: (c, r) => td(measureName(ind, r.measure) ?? entered(c.measure)) }]
          : []),
        { head: fieldLabel("numerator", report.indicatorId), cls: "num", cell: (c) => td(entered(c.numerator), "num") },
        { head: fieldLabel("denominator", report.indicatorId), cls: "num", cell: (c) => td(entered(c.denominator), "num") },
        { head: head("col.rate"), cls: "num", cell: (c, r) => td(value(r), "num value") },
      ];
    case "growth":
      return [
        { head: fieldLabel("current", report.indicatorId), cls: "num", cell: (c) => td(entered(c.current), "num") },
        { head: fieldLabel("previous", report.indicatorId), cls: "num", cell: (c) => td(entered(c.previous), "num") },
        { head: head("col.growth"), cls: "num", cell: (c, r) => td(value(r), "num value") },
      ];
    case "count":
      return [
        ...(report.cases.some((r) => r.period) ? [{ head: head(report.aggregation === "stock" ? "col.stockPeriod" : "col.period"), cell: (c, r) => td(r.period ?? entered(c.period)) }] : []),
        { head: head("col.countIn", { unit: label }), cls: "num", cell: (c, r) => td(number(r.value, unit), "num value") },
      ];
    case "trend":
      return [
        ...(report.cases.some((r) => r.series) ? [{ head: fieldLabel("series"), cell: (c, r) => td(r.series ?? empty()) }] : []),
        { head: head("col.period"), cell: (c, r) => td(r.period ?? entered(c.period)) },
        { head: head("col.valueIn", { unit: label }), cls: "num", cell: (c, r) => td(number(r.value, unit), "num value") },
      ];
    case "recovery_rate":
      if (settings.recoveryMethod === "doing_business") {
        return [
          { head: fieldLabel("outcome"), cell: (c) => td(c.outcome ? t(`outcome.${c.outcome}`, {}, String(c.outcome)) : empty()) },
          { head: fieldLabel("costPercent"), cls: "num", cell: (c) => td(entered(c.costPercent), "num") },
          { head: fieldLabel("years"), cls: "num", cell: (c) => td(entered(c.years), "num") },
          { head: fieldLabel("lendingRate"), cls: "num", cell: (c) => td(entered(c.lendingRate), "num") },
          { head: head("col.recovery"), cls: "num", cell: (c, r) => td(value(r), "num value") },
        ];
      }
      return [
        { head: fieldLabel("recovered"), cls: "num", cell: (c) => td(entered(c.recovered), "num") },
        { head: fieldLabel("claims"), cls: "num", cell: (c) => td(entered(c.claims), "num") },
        { head: head("col.recovery"), cls: "num", cell: (c, r) => td(value(r), "num value") },
      ];
    default:
      return [{ head: head("col.valueIn", { unit: label }), cls: "num", cell: (c, r) => td(number(r.value, unit), "num value") }];
  }
}

/**
 * @param report  evaluate()'s result
 * @param cases   the cases as stored (same order as report.cases)
 * @param ind     { unitLabel }
 * @param actions { onEdit(index), onDelete(index) }
 * @param marked  index of a row to mark as just saved, or null
 */
export function caseTable({ report, cases, ind, settings, actions, marked = null }) {
  const middle = methodColumns(ind, report, settings);
  // A target on an average judges no case: each shows its distance from the target instead,
  // and its standing against the statutory limit when one is set.
  const verdictHead = report.perCase ? t("col.caseMet") : t(report.caseLimit ? "col.gapAndLimit" : "col.caseGap");
  const heads = [
    t("col.caseId"),
    t("col.name"),
    t("col.county"),
    ...middle.map((c) => el("th", { scope: "col", class: c.cls ?? null }, c.head)),
    t("col.status"),
    el("th", { scope: "col", class: report.perCase ? null : "num" }, verdictHead),
    el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("col.actions"))),
  ];

  const rows = report.cases.map((r, i) => {
    const input = cases[i] ?? {};
    const classes = [
      (r.met === false || r.withinLimit === false) && "is-late",
      r.status === "invalid" && "is-invalid",
      r.status === "open" && "is-open",
      r.alert && r.alert !== "ok" && `alert-${r.alert}`,
      i === marked && "is-marked",
    ].filter(Boolean);

    const nameCell = el(
      "td",
      { class: "case-name" },
      input.name ? String(input.name) : empty(),
      input.note ? el("span", { class: "case-note" }, String(input.note)) : null,
      ...(r.warnings ?? []).map((w) => el("span", { class: "case-warning" }, w)),
    );

    const statusCell = el("td", { class: "case-status" }, statusBadge(r.status));
    if (r.status === "open" && r.alert) statusCell.append(" ", alertBadge(r.alert));
    if (r.paused) statusCell.append(" ", el("span", { class: "badge badge-paused", "data-paused": "true" }, t("case.paused")));
    // A faulty case has no values to show: its message takes their place.
    const middleCells =
      r.status === "invalid"
        ? [
            el(
              "td",
              { class: "case-error", colspan: String(middle.length) },
              r.errorField ? el("span", { class: "case-error-field" }, t("case.errorField", { field: fieldLabel(r.errorField, report.indicatorId) })) : null,
              r.error ?? "",
            ),
          ]
        : middle.map((c) => c.cell(input, r));

    const caseName = r.id;
    const edit = el("button", { type: "button", class: "btn btn-link btn-small", "aria-label": t("case.editAria", { id: caseName }) }, t("case.edit"));
    const remove = el(
      "button",
      { type: "button", class: "btn btn-link btn-small btn-danger", "aria-label": t("case.deleteAria", { id: caseName }) },
      t("case.delete"),
    );
    edit.addEventListener("click", () => actions.onEdit(i));
    remove.addEventListener("click", () => actions.onDelete(i));

    return el(
      "tr",
      {
        class: classes.join(" ") || null,
        "data-index": i,
        "data-case-id": r.id,
        "data-status": r.status,
        "data-met": String(r.met),
        "data-alert": r.alert ?? null,
      },
      el("td", { class: "case-id" }, r.id),
      nameCell,
      el("td", { class: "county" }, r.county ?? empty()),
      ...middleCells,
      statusCell,
      verdictCell(report, r),
      el("td", { class: "actions" }, el("span", { class: "btn-row" }, edit, remove)),
    );
  });

  return el(
    "table",
    { class: "data-table case-table", id: "case-table", "data-per-case": String(report.perCase) },
    el("caption", { class: "visually-hidden" }, t("cases.caption", { id: report.indicatorId })),
    el("thead", {}, el("tr", {}, ...heads.map((h) => (typeof h === "string" ? el("th", { scope: "col" }, h) : h)))),
    el("tbody", {}, ...rows),
  );
}

/** Met or not (targets per case); else the distance from the target and, with a limit set, within it or not. */
function verdictCell(report, r) {
  if (report.perCase) return el("td", { class: "case-met" }, r.met === null || r.met === undefined ? empty() : metBadge(r.met));
  const gap = typeof r.gap === "number" ? el("span", { class: "case-gap" }, signed(r.gap, report.unit)) : null;
  const limit =
    typeof r.withinLimit === "boolean" ? metBadge(r.withinLimit, { yesKey: "limit.within", noKey: "limit.over" }) : null;
  return el("td", { class: "case-met num" }, ...(gap || limit ? [gap, gap && limit ? " " : null, limit] : [empty()]));
}

/** A share's name (户数, 金额) from the catalogue. */
function measureName(ind, id) {
  const m = (ind.measures ?? []).find((x) => x.id === id);
  return m ? pick(m.nameZh, m.nameEn) : null;
}
