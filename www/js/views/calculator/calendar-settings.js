// 日历设置: the calendar additions every calculation uses — a year's official
// arrangement imported as CSV (date,kind,name_zh,name_en, as the built-in
// data), and single days marked as 休息日 (day off) or 上班日 (working day).
// They live in state.settings (calendarCsv, holidays, workdays), so they are
// saved with the project and by autosave. The core checks every text.

import { attempt, messageOf } from "../../core/api.js";
import { el, setError } from "../../lib/dom.js";
import { language, onLanguageChange, t } from "../../lib/i18n.js";
import { getState, setSettings, subscribe } from "../../core/state.js";

export function createCalendarSettings(api, { container }) {
  // Fixed texts carry their key (data-i18n): applyI18n() writes them again in another language.
  const heading = el("h2", { id: "calset-heading", "data-i18n": "calset.heading" }, t("calset.heading"));

  // Importing a year's arrangement.
  const fileInput = el("input", { type: "file", id: "calset-file", accept: ".csv,.txt", "aria-describedby": "calset-file-hint calset-file-error" });
  const fileError = el("p", { class: "field-error", id: "calset-file-error", role: "alert", hidden: true });
  const fileStatus = el("p", { class: "form-status", id: "calset-file-status", role: "status" });
  const csvList = el("ul", { class: "calset-list", id: "calset-csv-list" });
  const csvEmpty = el("p", { class: "empty", id: "calset-csv-empty", "data-i18n": "calset.csv.empty" }, t("calset.csv.empty"));

  // Marking single days.
  const dayInput = el("input", {
    type: "text",
    id: "calset-day",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: t("calset.day.placeholder"),
    "data-i18n-placeholder": "calset.day.placeholder",
    "aria-describedby": "calset-day-hint calset-day-error",
  });
  const asHoliday = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "calset-add-holiday", "data-i18n": "calset.day.holiday" }, t("calset.day.holiday"));
  const asWorkday = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "calset-add-workday", "data-i18n": "calset.day.workday" }, t("calset.day.workday"));
  const dayError = el("p", { class: "field-error", id: "calset-day-error", role: "alert", hidden: true });
  const dayStatus = el("p", { class: "form-status", id: "calset-day-status", role: "status" });
  const dayList = el("ul", { class: "calset-list", id: "calset-day-list" });
  const dayEmpty = el("p", { class: "empty", id: "calset-day-empty", "data-i18n": "calset.days.empty" }, t("calset.days.empty"));

  const card = el(
    "section",
    { class: "card", id: "calendar-settings", "aria-labelledby": "calset-heading" },
    heading,
    el("p", { class: "card-desc", "data-i18n": "calset.desc" }, t("calset.desc")),
    el("h3", { class: "sub-heading", "data-i18n": "calset.csv.heading" }, t("calset.csv.heading")),
    el("div", { class: "field" }, el("label", { for: "calset-file", "data-i18n": "calset.file" }, t("calset.file")), fileInput),
    el("p", { class: "hint", id: "calset-file-hint", "data-i18n": "calset.file.hint" }, t("calset.file.hint")),
    fileError,
    fileStatus,
    csvEmpty,
    csvList,
    el("h3", { class: "sub-heading", "data-i18n": "calset.days.heading" }, t("calset.days.heading")),
    el(
      "div",
      { class: "field" },
      el("label", { for: "calset-day", "data-i18n": "calset.day" }, t("calset.day")),
      dayInput,
      el("p", { class: "hint", id: "calset-day-hint", "data-i18n": "calset.day.hint" }, t("calset.day.hint")),
    ),
    el("div", { class: "btn-row" }, asHoliday, asWorkday),
    dayError,
    dayStatus,
    dayEmpty,
    dayList,
  );
  container.append(card);

  const settings = () => getState().settings;

  fileInput.addEventListener("change", async () => {
    const picked = fileInput.files?.[0];
    fileInput.value = "";
    if (!picked) return;
    setError(fileError, "", [fileInput]);
    fileStatus.textContent = "";
    let text;
    try {
      text = await picked.text();
    } catch (error) {
      setError(fileError, t("calset.file.readFailed", { name: picked.name, msg: messageOf(error) }), [fileInput]);
      return;
    }
    const checked = attempt(() => api.checkCalendarCsv(text, { lang: language() }));
    if (!checked.ok) {
      setError(fileError, t("calset.file.invalid", { name: picked.name, msg: checked.message }), [fileInput]);
      return;
    }
    const list = settings().calendarCsv ?? [];
    if (list.includes(text)) {
      fileStatus.textContent = t("calset.file.same", { name: picked.name });
      return;
    }
    setSettings({ calendarCsv: [...list, text] });
    fileStatus.textContent = t("calset.file.added", { name: picked.name, years: checked.value.years.join(t("list.separator")), days: checked.value.days });
  });

  /** Adds the date typed as a day off or a working day (replacing an earlier mark of it). */
  function mark(kind) {
    const value = dayInput.value.trim();
    dayStatus.textContent = "";
    if (!value) {
      setError(dayError, t("calset.day.missing"), [dayInput]);
      return;
    }
    // The core reads the date (any form it accepts) and gives it back as YYYY-MM-DD.
    const info = attempt(() => api.dayInfo(value, { lang: language() }));
    if (!info.ok) {
      setError(dayError, info.message, [dayInput]);
      return;
    }
    setError(dayError, "", [dayInput]);
    const date = info.value.date;
    const holidays = (settings().holidays ?? []).filter((d) => d !== date);
    const workdays = (settings().workdays ?? []).filter((d) => d !== date);
    if (kind === "holiday") holidays.push(date);
    else workdays.push(date);
    setSettings({ holidays: holidays.sort(), workdays: workdays.sort() });
    dayStatus.textContent = t(`calset.day.added.${kind}`, { date });
  }
  asHoliday.addEventListener("click", () => mark("holiday"));
  asWorkday.addEventListener("click", () => mark("workday"));
  dayInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      mark("holiday");
    }
  });

  // A click on a day of the month calendar puts its date in the field.
  const grid = document.getElementById("cal-grid");
  grid?.addEventListener("click", (event) => {
    const cell = event.target.closest?.("td[data-date]");
    if (!cell) return;
    dayInput.value = cell.dataset.date;
    dayInput.focus();
  });

  function removeButton(label, onClick) {
    const button = el("button", { type: "button", class: "btn btn-link btn-small btn-danger", "aria-label": label }, t("calset.remove"));
    button.addEventListener("click", onClick);
    return button;
  }

  function render() {
    const s = settings();
    const csvs = s.calendarCsv ?? [];
    csvList.replaceChildren(
      ...csvs.map((text, i) => {
        const info = attempt(() => api.checkCalendarCsv(text, { lang: language() }));
        const label = info.ok
          ? t("calset.csv.item", { years: info.value.years.join(t("list.separator")), days: info.value.days })
          : t("calset.csv.itemBad", { msg: info.message });
        return el(
          "li",
          { "data-index": i },
          el("span", {}, label),
          " ",
          removeButton(t("calset.csv.removeAria", { label }), () => {
            setSettings({ calendarCsv: csvs.filter((_, j) => j !== i) });
            fileStatus.textContent = t("calset.csv.removed", { label });
          }),
        );
      }),
    );
    csvEmpty.hidden = csvs.length > 0;
    csvList.hidden = csvs.length === 0;

    const days = [
      ...(s.holidays ?? []).map((date) => ({ date, kind: "holiday" })),
      ...(s.workdays ?? []).map((date) => ({ date, kind: "workday" })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    dayList.replaceChildren(
      ...days.map(({ date, kind }) => {
        const label = t(`calset.days.item.${kind}`, { date });
        return el(
          "li",
          { "data-date": date, "data-kind": kind },
          el("span", {}, label),
          " ",
          removeButton(t("calset.days.removeAria", { label }), () => {
            const key = kind === "holiday" ? "holidays" : "workdays";
            setSettings({ [key]: (s[key] ?? []).filter((d) => d !== date) });
            dayStatus.textContent = t("calset.days.removed", { label });
          }),
        );
      }),
    );
    dayEmpty.hidden = days.length > 0;
    dayList.hidden = days.length === 0;
  }

  render();
  subscribe((_, change) => {
    if (change.type === "settings" || change.type === "replace") render();
  });
  onLanguageChange(() => {
    for (const line of [fileStatus, dayStatus]) line.textContent = "";
    setError(fileError, "", [fileInput]);
    setError(dayError, "", [dayInput]);
    render();
  });

  return { card, render };
}
