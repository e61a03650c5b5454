// 月历: one month, Monday first, each day marked as the core's monthInfo()
// describes it (the weekday of the first day, every day's kind and name),
// so this module does no date arithmetic of its own.

import { attempt } from "./api.js";
import { byId, el } from "./dom.js";
import { language, onLanguageChange, t } from "./i18n.js";
import { calendarOptions } from "./state.js";

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
  /** Dates ("YYYY-MM-DD", as the core wrote them) of the calculation's start and end. */
  let marks = { start: null, end: null };

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

  /** Mark the days of the calculation's start and end; redraws when they changed. */
  function setMarks(start, end) {
    if (marks.start === start && marks.end === end) return;
    marks = { start, end };
    render();
  }

  function render() {
    // The user's calendar additions (日历设置) are shown as they count.
    const result = attempt(() => api.monthInfo(year, month, { ...calendarOptions(), lang: language() }));
    if (!result.ok) {
      grid.replaceChildren(el("p", { class: "field-error" }, t("calendar.failed", { msg: result.message })));
      return;
    }
    const info = result.value;

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
    for (const day of info.days) cells.push(dayCell(day));
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

  function dayCell(info) {
    const { date, kind } = info;
    const d = Number(date.slice(8, 10));
    const kindText = t(`calendar.kind.${kind}`);
    const name = (language() === "en" ? info.nameEn : null) || info.name;
    const label = name
      ? t("calendar.cellLabelNamed", { m: month, d, kind: kindText, name })
      : t("calendar.cellLabel", { m: month, d, kind: kindText });
    const parts = [el("span", { class: "cal-num" }, String(d))];
    if (kind === "holiday" || kind === "makeup_workday") {
      parts.push(el("span", { class: "cal-badge", "aria-hidden": "true" }, t(`calendar.badge.${kind}`)));
    }
    if (kind === "holiday") {
      parts.push(el("span", { class: "cal-name" }, name || kindText));
    } else if (kind === "makeup_workday") {
      parts.push(el("span", { class: "cal-name" }, kindText));
    } else if (kind === "weekend") {
      parts.push(el("span", { class: "visually-hidden" }, kindText));
    }
    const roles = [date === marks.start && "start", date === marks.end && "end"].filter(Boolean);
    if (roles.length) {
      parts.push(
        el(
          "span",
          { class: "cal-marks" },
          ...roles.map((role) =>
            el(
              "span",
              { class: "cal-mark", title: t(`calendar.mark.${role}Long`) },
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
        class: `cal-day kind-${kind}${roles.map((r) => ` is-${r}`).join("")}`,
        "data-date": date,
        "data-kind": kind,
        "data-workday": info.workday ? "true" : "false",
        title: label,
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

  return { show, step, setMarks, refresh: render };
}
