// 月历: one month, Monday first, each day marked as the core's monthInfo()
// describes it (the weekday of the first day, every day's kind and name), and
// the calculator's case marked on it as the core's spanMonth() counts it (the
// days whose working time counts, the days a stop covers, start, end and the
// deadline), so this module does no date arithmetic of its own.

import { attempt } from "../core/api.js";
import { byId, el } from "../lib/dom.js";
import { language, onLanguageChange, t } from "../lib/i18n.js";
import { calendarOptions } from "../core/state.js";

/** Years offered after the last year with official data (weekends only). */
const YEARS_AFTER = 3;

export function createMonthCalendar(api) {
  const grid = byId("cal-grid");
  const yearSelect = byId("cal-year");
  const monthSelect = byId("cal-month");
  const prev = byId("cal-prev");
  const next = byId("cal-next");
  const note = byId("cal-note");
  const coverageNode = byId("cal-coverage");

  const coverage = api.calendarCoverage();
  const firstYear = coverage.firstYear;
  const lastYear = coverage.lastYear + YEARS_AFTER;

  /** The texts that do not change with the month shown (again when the language changes). */
  function fillTexts() {
    coverageNode.textContent = t("calendar.coverage", { first: coverage.firstYear, last: coverage.lastYear });
    const years = [];
    for (let y = firstYear; y <= lastYear; y++) years.push(el("option", { value: y }, t("calendar.yearOption", { y })));
    const months = [];
    for (let m = 1; m <= 12; m++) months.push(el("option", { value: m }, t("calendar.monthOption", { m })));
    yearSelect.replaceChildren(...years);
    monthSelect.replaceChildren(...months);
  }
  fillTexts();

  let year = coverage.lastYear;
  let month = 1;
  /**
   * The case the calculator holds: start and end as typed, the options in force (stops,
   * office hours), the dates the core read ("YYYY-MM-DD") and the core's deadline, if any.
   */
  let shownCase = { start: "", end: "", startDate: null, endDate: null, options: {}, deadline: null };

  function clamp(y, m) {
    if (y < firstYear) return [firstYear, 1];
    if (y > lastYear) return [lastYear, 12];
    return [y, m];
  }

  function show(y, m) {
    [year, month] = clamp(y, m);
    yearSelect.value = String(year);
    monthSelect.value = String(month);
    prev.disabled = year === firstYear && month === 1;
    next.disabled = year === lastYear && month === 12;
    render();
  }

  function step(delta) {
    let y = year;
    let m = month + delta;
    if (m < 1) [y, m] = [y - 1, 12];
    if (m > 12) [y, m] = [y + 1, 1];
    show(y, m);
  }

  /** Mark the case's start, end, stops, deadline and counted days; redraws when any changed. */
  function setCase(next) {
    const merged = { ...shownCase, ...next };
    if (JSON.stringify(merged) === JSON.stringify(shownCase)) return;
    shownCase = merged;
    render();
  }

  /** Mark only the days of a start and an end (no span to count). */
  function setMarks(startDate, endDate) {
    setCase({ startDate, endDate });
  }

  /**
   * What the core says about this month of the case: the start and end as it read them, and for
   * each day of the month inside the span its counted working minutes and whether a stop
   * covers it. Null when there is no whole span (no end yet, or one the core refuses).
   */
  function spanOfMonth() {
    if (!shownCase.start || !shownCase.end) return null;
    const result = attempt(() =>
      api.spanMonth(year, month, shownCase.start, shownCase.end, { ...shownCase.options, ...calendarOptions(), lang: language() }),
    );
    return result.ok ? result.value : null;
  }

  function render() {
    // The user's calendar additions (日历设置) are shown as they count.
    const result = attempt(() => api.monthInfo(year, month, { ...calendarOptions(), lang: language() }));
    if (!result.ok) {
      grid.replaceChildren(el("p", { class: "field-error" }, t("calendar.failed", { msg: result.message })));
      return;
    }
    const info = result.value;
    const span = spanOfMonth();
    const spanDays = new Map((span?.days ?? []).map((d) => [d.date, d]));
    const marks = {
      start: span?.start ?? shownCase.startDate,
      end: span?.end ?? shownCase.endDate,
      // The core's deadline instant, "YYYY-MM-DDTHH:MM": its date is the day it falls on.
      deadline: shownCase.deadline ? shownCase.deadline.slice(0, 10) : null,
    };

    const weekdays = t("calendar.weekdays");
    const weekdaysLong = t("calendar.weekdaysLong");
    const head = el(
      "tr",
      {},
      ...weekdays.map((name, i) =>
        el("th", { scope: "col", class: i >= 5 ? "wkend" : null }, el("abbr", { title: weekdaysLong[i] }, name)),
      ),
    );

    const cells = [];
    // firstWeekday: 1 = Monday … 7 = Sunday; the empty cells before it.
    for (let i = 1; i < info.firstWeekday; i++) cells.push(el("td", { class: "cal-pad" }));
    for (const day of info.days) cells.push(dayCell(day, marks, spanDays.get(day.date)));
    while (cells.length % 7) cells.push(el("td", { class: "cal-pad" }));

    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(el("tr", {}, ...cells.slice(i, i + 7)));
    const table = el(
      "table",
      { class: "cal-table", id: "cal-table", "data-year": year, "data-month": month },
      el("caption", { id: "cal-caption" }, t("calendar.caption", { y: year, m: month })),
      el("thead", {}, head),
      el("tbody", {}, ...rows),
    );
    grid.replaceChildren(table);

    note.textContent = info.covered ? "" : t("calendar.noData", { y: year, first: coverage.firstYear, last: coverage.lastYear });
    note.hidden = info.covered;
  }

  /**
   * @param marks   { start, end, deadline } dates
   * @param counted the core's { countedMinutes, stopped } for a day inside the case's span
   */
  function dayCell(info, marks, counted) {
    const { date, kind } = info;
    const d = Number(date.slice(8, 10));
    const kindText = t(`calendar.kind.${kind}`);
    const name = (language() === "en" ? info.nameEn : null) || info.name;
    // A cell is a seventh of a phone's width: the official holidays by their short names
    // ("Nat'l Day", not "Nationa…"); a holiday the user named keeps its name.
    const cellName = language() === "en" && info.name ? t(`calendar.short.${info.name}`, {}, name) : name;
    const label = name
      ? t("calendar.cellLabelNamed", { m: month, d, kind: kindText, name })
      : t("calendar.cellLabel", { m: month, d, kind: kindText });
    const parts = [el("span", { class: "cal-num" }, String(d))];
    if (kind === "holiday" || kind === "makeup_workday") {
      parts.push(el("span", { class: "cal-badge", "aria-hidden": "true" }, t(`calendar.badge.${kind}`)));
    }
    if (kind === "holiday") {
      parts.push(el("span", { class: "cal-name" }, cellName || kindText));
    } else if (kind === "makeup_workday") {
      parts.push(el("span", { class: "cal-name" }, t("calendar.cellName.makeup_workday")));
    } else if (kind === "weekend") {
      parts.push(el("span", { class: "visually-hidden" }, kindText));
    }
    const roles = [
      date === marks.start && "start",
      counted?.stopped && "stop",
      date === marks.deadline && "deadline",
      date === marks.end && "end",
    ].filter(Boolean);
    const isCounted = Boolean(counted && counted.countedMinutes > 0);
    if (isCounted) parts.push(el("span", { class: "visually-hidden" }, t("calendar.mark.countedLong")));
    if (roles.length) {
      parts.push(
        el(
          "span",
          { class: "cal-marks" },
          ...roles.map((role) =>
            el(
              "span",
              { class: `cal-mark cal-mark-${role}`, "data-mark": role, title: t(`calendar.mark.${role}Long`) },
              el("span", { "aria-hidden": "true" }, t(`calendar.mark.${role}`)),
              el("span", { class: "visually-hidden" }, t(`calendar.mark.${role}Long`)),
            ),
          ),
        ),
      );
    }
    return el(
      "td",
      {
        class: `cal-day kind-${kind}${roles.map((r) => ` is-${r}`).join("")}${isCounted ? " is-counted" : ""}`,
        "data-date": date,
        "data-kind": kind,
        "data-workday": info.workday ? "true" : "false",
        title: [label, isCounted ? t("calendar.mark.countedLong") : null, ...roles.map((r) => t(`calendar.mark.${r}Long`))].filter(Boolean).join(t("calendar.titleJoin")),
      },
      ...parts,
    );
  }

  yearSelect.addEventListener("change", () => show(Number(yearSelect.value), month));
  monthSelect.addEventListener("change", () => show(year, Number(monthSelect.value)));
  prev.addEventListener("click", () => step(-1));
  next.addEventListener("click", () => step(1));
  onLanguageChange(() => {
    fillTexts();
    show(year, month);
  });

  return { show, step, setMarks, setCase, refresh: render };
}
