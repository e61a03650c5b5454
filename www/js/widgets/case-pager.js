// 案件明细 as pages: the core's `cases` query does the sorting, filtering and searching over all
// of an indicator's cases; this table draws only the page it answered (50–500 rows), with
// the columns the core chose for the method and the texts it rounded. Controls: search, county,
// status, 只看超时, rows per page, first / previous / next / last, and a sort button in each
// sortable column head (aria-sort says the order to screen readers).

import { el } from "../lib/dom.js";
import { withUnit } from "../lib/format.js";
import { fieldLabel, t } from "../lib/i18n.js";
import { pick } from "../lib/plan-notes.js";
import { PAGE_SIZES, caseQuery, clampOffset, nextSort, pageSpan, stepOffset } from "../lib/paging.js";
import { stepTimeline } from "./timeline.js";
import { alertBadge, keepBracketsTogether, metBadge, statusBadge } from "./common.js";

const NUMBER_KINDS = new Set(["number", "money", "percent", "duration", "value"]);

/**
 * @param container   where the controls and the table go
 * @param ask         (indicatorId, query) → Promise<{ ok, value: CasePage } | { ok: false, message }>
 * @param counties    [{ zh, en }] of the catalogue, for the county filter
 * @param actions     { onEdit(row), onDelete(row), onCalendar(row) or null: a case with a start on the month calendar }
 */
export function createCasePager({ container, ask, counties, actions }) {
  let view = { id: null, offset: 0, limit: PAGE_SIZES[0], sort: null, county: "*", status: "", lateOnly: false, search: "" };
  let asked = 0;
  let marked = null;
  let last = null; // the last page shown: { matched, total }

  const search = el("input", { type: "search", id: "pager-search", class: "input", autocomplete: "off", "aria-describedby": "pager-range" });
  const county = el("select", { id: "pager-county", class: "input" });
  const status = el("select", { id: "pager-status", class: "input" });
  const lateOnly = el("input", { type: "checkbox", id: "pager-late-only" });
  const size = el("select", { id: "pager-size", class: "input" }, ...PAGE_SIZES.map((n) => el("option", { value: String(n) }, String(n))));
  const range = el("p", { class: "pager-range", id: "pager-range", role: "status", "aria-live": "polite" });
  const buttons = Object.fromEntries(
    ["first", "prev", "next", "last"].map((move) => [move, el("button", { type: "button", class: "btn btn-secondary btn-small", id: `pager-${move}` })]),
  );
  const labels = {
    search: el("label", { for: search.id }),
    county: el("label", { for: county.id }),
    status: el("label", { for: status.id }),
    late: el("label", { for: lateOnly.id }),
    size: el("label", { for: size.id }),
  };
  const tableBox = el("div", { class: "table-wrap", id: "case-table-box" });
  const errorBox = el("p", { class: "notice notice-error", id: "pager-error", role: "alert", hidden: true });
  const filters = el(
    "div",
    { class: "case-filters", role: "search" },
    el("span", { class: "field-inline" }, labels.search, search),
    el("span", { class: "field-inline" }, labels.county, county),
    el("span", { class: "field-inline" }, labels.status, status),
    el("span", { class: "check" }, lateOnly, labels.late),
  );
  const pager = el(
    "nav",
    { class: "pager", id: "case-pager" },
    range,
    el("span", { class: "btn-row" }, buttons.first, buttons.prev, buttons.next, buttons.last),
    el("span", { class: "field-inline" }, labels.size, size),
  );
  container.replaceChildren(filters, errorBox, tableBox, pager);

  function writeTexts() {
    labels.search.textContent = t("pager.search");
    search.placeholder = t("pager.searchHint");
    labels.county.textContent = t("col.county");
    labels.status.textContent = t("col.status");
    labels.late.textContent = t("pager.lateOnly");
    labels.size.textContent = t("pager.size");
    pager.setAttribute("aria-label", t("pager.label"));
    for (const [move, button] of Object.entries(buttons)) button.textContent = t(`pager.${move}`);
    county.replaceChildren(
      el("option", { value: "*" }, t("pager.all")),
      ...counties.map((c) => el("option", { value: c.zh }, pick(c.zh, c.en))),
      el("option", { value: "" }, t("pager.noCounty")),
    );
    county.value = view.county;
    status.replaceChildren(
      el("option", { value: "" }, t("pager.all")),
      ...["closed", "open", "invalid"].map((s) => el("option", { value: s }, t(`case.status.${s}`))),
    );
    status.value = view.status;
  }
  writeTexts();

  function change(partial, { keepOffset = false } = {}) {
    view = { ...view, ...partial, offset: keepOffset ? partial.offset ?? view.offset : 0 };
    render();
  }
  let typing = 0;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => change({ search: search.value }), 200);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(typing);
      change({ search: search.value });
    }
  });
  county.addEventListener("change", () => change({ county: county.value }));
  status.addEventListener("change", () => change({ status: status.value }));
  lateOnly.addEventListener("change", () => change({ lateOnly: lateOnly.checked }));
  size.addEventListener("change", () => change({ limit: Number(size.value) }));
  for (const [move, button] of Object.entries(buttons)) {
    button.addEventListener("click", () => {
      if (!last) return;
      change({ offset: stepOffset(move, view.offset, view.limit, last.matched) }, { keepOffset: true });
    });
  }

  function head(column) {
    const sorted = view.sort?.column === column.id ? (view.sort.descending ? "descending" : "ascending") : null;
    const cls = NUMBER_KINDS.has(column.kind) ? "num" : null;
    if (!column.sortable) return el("th", { scope: "col", class: cls, "data-column": column.id }, column.label);
    const button = el(
      "button",
      { type: "button", class: "sort-button", "data-sort": column.id },
      column.label,
      el("span", { class: "sort-mark", "aria-hidden": "true" }, sorted === "ascending" ? " \u25B2" : sorted === "descending" ? " \u25BC" : ""),
    );
    button.addEventListener("click", () => {
      change({ sort: nextSort(view.sort, column.id) });
      // The table is drawn again: the focus goes back to this column's button.
      pendingFocus = column.id;
    });
    return el("th", { scope: "col", class: cls, "data-column": column.id, "aria-sort": sorted ?? "none" }, button);
  }
  let pendingFocus = null;

  function cell(column, value, row, page) {
    const cls = [column.id, NUMBER_KINDS.has(column.kind) ? "num" : null].filter(Boolean).join(" ");
    switch (column.id) {
      case "status": {
        const td = el("td", { class: `case-status ${cls}` }, statusBadge(row.status));
        if (row.status === "open" && row.alert) td.append(" ", alertBadge(row.alert));
        if (row.paused) td.append(" ", el("span", { class: "badge badge-paused", "data-paused": "true" }, t("case.paused")));
        return td;
      }
      case "verdict":
        if (typeof value.v === "boolean") return el("td", { class: `case-met ${cls}` }, metBadge(value.v));
        return el(
          "td",
          { class: `case-met num ${cls}` },
          value.t ? el("span", { class: "case-gap" }, value.t) : null,
          typeof row.withinLimit === "boolean" ? [" ", metBadge(row.withinLimit, { yesKey: "limit.within", noKey: "limit.over" })] : null,
          !value.t && typeof row.withinLimit !== "boolean" ? t("results.empty") : null,
        );
      case "steps": {
        // The stages on a line, and (by stages) the time between them, not counted.
        const line = stepTimeline(row, page.unit, page.unitLabel);
        const between = row.between ? el("span", { class: "between" }, t("timeline.between", { v: withUnit(row.between.v, page.unit, page.unitLabel) })) : null;
        return el("td", { class: `case-steps ${cls}` }, ...(line ? [line, between] : [t("results.empty")]));
      }
      case "name":
        return el("td", { class: `case-name ${cls}` }, value.t || t("results.empty"), ...(row.warnings ?? []).map((w) => el("span", { class: "case-warning" }, w)));
      case "end":
        return el("td", { class: `when ${cls}` }, value.t || (row.status === "open" ? t("case.notFinished") : t("results.empty")));
      case "value":
        if (row.status === "open" && row.elapsed) {
          return el(
            "td",
            { class: "num elapsed-cell" },
            el("span", { class: "elapsed" }, t("case.elapsed", { v: row.elapsed.t })),
            row.remaining ? el("span", { class: "remaining" }, t("case.remaining", { v: row.remaining.t })) : null,
          );
        }
        return el("td", { class: cls }, value.t || t("results.empty"));
      default:
        return el("td", { class: cls }, value.t || t("results.empty"));
    }
  }

  function rowOf(row, page) {
    const columns = page.columns;
    const classes = [
      (row.met === false || row.withinLimit === false) && "is-late",
      row.status === "invalid" && "is-invalid",
      row.status === "open" && "is-open",
      row.alert && row.alert !== "ok" && `alert-${row.alert}`,
      row.key === marked && "is-marked",
    ].filter(Boolean);
    // A faulty case has no values: its message takes their place, between county and status.
    const valueFrom = columns.findIndex((c) => !["id", "name", "county"].includes(c.id));
    const valueTo = columns.findIndex((c) => c.id === "status");
    const cells = [];
    columns.forEach((column, i) => {
      if (row.status === "invalid" && valueFrom >= 0 && i >= valueFrom && i < (valueTo < 0 ? columns.length : valueTo)) {
        if (i === valueFrom) {
          cells.push(
            el(
              "td",
              { class: "case-error", colspan: String((valueTo < 0 ? columns.length : valueTo) - valueFrom) },
              row.errorField ? el("span", { class: "case-error-field" }, t("case.errorField", { field: fieldLabel(row.errorField, view.id) })) : null,
              row.error ?? "",
            ),
          );
        }
        return;
      }
      cells.push(cell(column, row.cells[i] ?? { v: null, t: "" }, row, page));
    });
    const edit = el("button", { type: "button", class: "btn btn-link btn-small", "aria-label": t("case.editAria", { id: row.id }) }, t("case.edit"));
    const remove = el("button", { type: "button", class: "btn btn-link btn-small btn-danger", "aria-label": t("case.deleteAria", { id: row.id }) }, t("case.delete"));
    edit.addEventListener("click", () => actions.onEdit(row));
    const hasStart = page.columns.some((c) => c.id === "start");
    const calendar =
      actions.onCalendar && hasStart
        ? el("button", { type: "button", class: "btn btn-link btn-small case-calendar", "aria-label": t("case.calendarAria", { id: row.id }) }, t("case.calendar"))
        : null;
    calendar?.addEventListener("click", () => actions.onCalendar(row));
    remove.addEventListener("click", () => actions.onDelete(row));
    return el(
      "tr",
      {
        class: classes.join(" ") || null,
        "data-key": String(row.key),
        "data-index": String(row.index - 1),
        "data-case-id": row.id,
        "data-status": row.status,
        "data-met": String(row.met),
        "data-alert": row.alert ?? null,
      },
      ...cells,
      el("td", { class: "actions" }, el("span", { class: "btn-row" }, edit, calendar, remove)),
    );
  }

  function showRange(page) {
    const span = pageSpan(page.offset, view.limit, page.matched);
    range.textContent =
      page.matched === page.total
        ? t("pager.range", { from: span.from, to: span.to, n: page.total })
        : t("pager.rangeFiltered", { from: span.from, to: span.to, m: page.matched, n: page.total });
    buttons.first.disabled = buttons.prev.disabled = span.page <= 1;
    buttons.next.disabled = buttons.last.disabled = span.page >= span.pages;
  }

  async function render() {
    if (!view.id) return;
    const ticket = ++asked;
    tableBox.setAttribute("aria-busy", "true");
    const result = await ask(view.id, caseQuery(view));
    if (ticket !== asked) return; // a newer page was asked for: this answer is stale
    tableBox.removeAttribute("aria-busy");
    errorBox.hidden = result.ok;
    if (!result.ok) {
      errorBox.textContent = result.message;
      return;
    }
    const page = { ...result.value, unit: unitOf.unit, unitLabel: unitOf.label };
    // A filter that left fewer rows than the offset: the last page there is.
    const offset = clampOffset(view.offset, view.limit, page.matched);
    if (offset !== page.offset && page.matched > 0) {
      view.offset = offset;
      render();
      return;
    }
    last = { matched: page.matched, total: page.total };
    showRange(page);
    filters.hidden = pager.hidden = page.total === 0;
    if (page.total === 0) {
      tableBox.replaceChildren(el("p", { class: "empty" }, t("cases.empty")));
      return;
    }
    if (page.matched === 0) {
      tableBox.replaceChildren(el("p", { class: "empty", id: "pager-none-matched" }, t("pager.noneMatched")));
      return;
    }
    const table = el(
      "table",
      { class: "data-table case-table", id: "case-table", "data-per-case": String(unitOf.perCase) },
      el("caption", { class: "visually-hidden" }, t("cases.caption", { id: view.id })),
      el("thead", {}, keepBracketsTogether(el("tr", {}, ...page.columns.map(head), el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("col.actions")))))),
      el("tbody", {}, ...page.rows.map((row) => rowOf(row, page))),
    );
    tableBox.replaceChildren(table);
    if (pendingFocus) {
      table.querySelector(`[data-sort="${pendingFocus}"]`)?.focus();
      pendingFocus = null;
    }
  }

  let unitOf = { unit: null, label: "", perCase: true };

  /** The view `show(id)` keeps or starts: a new indicator starts from its first page, unfiltered. */
  function viewFor(id) {
    return id === view.id ? view : { ...view, id, offset: 0, sort: null, county: "*", status: "", lateOnly: false, search: "" };
  }

  return {
    /** The query `show(id)` will ask first (a screen asked at once answers it). */
    queryFor: (id) => caseQuery(viewFor(id)),
    /**
     * Shows indicator `id` (filters and page kept while it stays the same). `info` =
     * { unit, unitLabel, perCase } of the indicator.
     */
    show(id, info) {
      if (id !== view.id) {
        view = viewFor(id);
        search.value = "";
        county.value = "*";
        status.value = "";
        lateOnly.checked = false;
        marked = null;
      }
      unitOf = { unit: info.unit, label: info.unitLabel, perCase: info.perCase };
      return render();
    },
    /** Marks the row of `key` as just saved and shows the page where it is (the last, for a new case). */
    mark(key, { lastPage = false } = {}) {
      marked = key;
      if (lastPage && last && !view.sort) view.offset = stepOffset("last", 0, view.limit, last.matched + 1);
    },
    refreshTexts: writeTexts,
  };
}
