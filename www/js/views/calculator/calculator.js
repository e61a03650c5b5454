// 办理用时计算: reads the form, asks the core, shows results and errors.
// Every number shown comes from the core; this module only arranges text.
//
// The core's errors name the input they are about (error.field: "start",
// "end", "stops", "sessions", ...), so one call places its message next to
// the right input.

import { attempt } from "../../core/api.js";
import { byId, debounce, setError } from "../../lib/dom.js";
import { fixed } from "../../lib/format.js";
import { language, t } from "../../lib/i18n.js";
import { createSessions } from "../../widgets/sessions.js";
import { calendarOptions } from "../../core/state.js";
import { createStops } from "../../widgets/stops.js";

const TYPING_PAUSE_MS = 400;

/**
 * @param api  the functions from loadApi()
 * @param onUpdate  called after each calculation with { start, end, startOk,
 *                  startDate, endDate ("YYYY-MM-DD" from the core, or null),
 *                  options, optionsOk }
 */
export function createCalculator(api, onUpdate = () => {}) {
  const form = byId("calc-form");
  const startInput = byId("start");
  const endInput = byId("end");
  const startError = byId("start-error");
  const endError = byId("end-error");
  const hpdEnable = byId("hpd-enable");
  const hpdInput = byId("hpd");
  const hpdError = byId("hpd-error");

  const out = {
    days: byId("result-working-days"),
    hours: byId("result-working-hours"),
    minutes: byId("result-working-minutes"),
    calendar: byId("result-calendar-days"),
  };
  const stateLine = byId("result-state");
  const stoppedNote = byId("result-stopped");
  // What the result was computed from, in words: printed in place of the form (print-only).
  const basisLine = byId("result-basis");
  const warningsBox = byId("result-warnings");
  const warningList = byId("result-warning-list");

  const later = debounce(() => calculate(), TYPING_PAUSE_MS);
  const changed = ({ immediate }) => {
    if (immediate) {
      later.cancel();
      calculate();
    } else {
      later();
    }
  };

  const stops = createStops(
    {
      list: byId("stop-list"),
      empty: byId("stops-empty"),
      addButton: byId("stop-add"),
      datalist: byId("stop-reasons"),
      error: byId("stops-error"),
    },
    changed,
  );
  const sessions = createSessions(
    {
      list: byId("session-list"),
      addButton: byId("session-add"),
      resetButton: byId("session-reset"),
      error: byId("sessions-error"),
    },
    changed,
  );

  for (const input of [startInput, endInput, hpdInput]) {
    input.addEventListener("input", () => changed({ immediate: false }));
    input.addEventListener("change", () => changed({ immediate: true }));
  }
  hpdEnable.addEventListener("change", () => {
    hpdInput.disabled = !hpdEnable.checked;
    changed({ immediate: true });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changed({ immediate: true });
  });

  /**
   * The options as entered: { options, stopRows, ok }. Only what the core
   * cannot judge is checked here: rows left half empty, a non-number.
   */
  function readOptions() {
    let ok = true;
    // The calendar additions of 日历设置 count here as in every other calculation.
    const options = { lang: language(), ...calendarOptions() };

    const stopRows = [];
    for (const stop of stops.read()) {
      if (!stop.start || !stop.end) {
        stops.setRowError(stop.row, t("errors.stopIncomplete"), [!stop.start && stop.row.inputs.start, !stop.end && stop.row.inputs.end]);
        ok = false;
        continue;
      }
      stopRows.push({ row: stop.row, item: { start: stop.start, end: stop.end, reason: stop.reason || t("stops.defaultReason") } });
    }
    if (stopRows.length) options.stops = stopRows.map((s) => s.item);

    const s = sessions.read();
    if (s.problem) {
      sessions.setError(s.problem, s.inputs);
      ok = false;
    } else {
      options.sessions = s.sessions.map((session) => session.pair);
    }

    if (hpdEnable.checked) {
      const text = hpdInput.value.trim();
      const hours = Number(text);
      if (!text || !Number.isFinite(hours)) {
        setError(hpdError, t("errors.hoursPerDay"), [hpdInput]);
        ok = false;
      } else {
        options.hoursPerDay = hours;
      }
    }
    return { options, stopRows, ok };
  }

  /** The calendar date ("YYYY-MM-DD") of a start or end the core can read, else null. */
  function dateOf(value) {
    if (!value) return null;
    const info = attempt(() => api.dayInfo(value, { ...calendarOptions(), lang: language() }));
    return info.ok ? info.value.date : null;
  }

  /**
   * Shows the core's message next to the input it names. Returns which part
   * failed: "start", "end" or "options".
   */
  function placeError(failure, options, stopRows) {
    const { message, field, kind } = failure;
    if (field === "start") {
      setError(startError, message, [startInput]);
      return "start";
    }
    if (field === "stops") {
      // The message numbers the stop; find its row by trying each alone.
      const bad = stopRows.filter(
        ({ item }) => !attempt(() => api.workingTime(startInput.value.trim(), endInput.value.trim(), { ...options, stops: [item] })).ok,
      );
      if (bad.length) for (const { row } of bad) stops.setRowError(row, message);
      else stops.setError(message);
      return "options";
    }
    if (field === "sessions" || kind === "office_hours") {
      sessions.setError(message);
      return "options";
    }
    if (field === "hoursPerDay" || (field === null && kind === "range" && "hoursPerDay" in options)) {
      setError(hpdError, message, [hpdInput]);
      return "options";
    }
    // An end before the start, a bad end, or anything else: under the end.
    setError(endError, message, kind === "end_before_start" ? [startInput, endInput] : [endInput]);
    return "end";
  }

  function clearErrors() {
    setError(startError, "", [startInput]);
    setError(endError, "", [startInput, endInput]);
    setError(hpdError, "", [hpdInput]);
    stops.clearErrors();
    sessions.clearErrors();
  }

  function showResult(result) {
    out.days.textContent = fixed(result.workingDays, 2, 4);
    out.hours.textContent = fixed(result.workingHours, 0, 2);
    out.minutes.textContent = fixed(result.workingMinutes, 0, 2);
    out.calendar.textContent = fixed(result.calendarDays, 0, 4);
    showStopped(result.stoppedMinutes, result.stoppedHours);
    showWarnings(result.warnings ?? []);
  }

  function showEmpty(stateKey, state) {
    for (const node of Object.values(out)) node.textContent = t("results.empty");
    showStopped(0, 0);
    showWarnings([]);
    setState(stateKey, state);
  }

  function setState(key, state) {
    stateLine.textContent = t(key);
    stateLine.dataset.state = state;
  }

  function showStopped(minutes, hours) {
    const any = typeof minutes === "number" && minutes > 0;
    stoppedNote.textContent = any ? t("results.stopped", { hours: fixed(hours, 0, 2), minutes: fixed(minutes, 0, 2) }) : "";
    stoppedNote.hidden = !any;
  }

  function showWarnings(warnings) {
    warningList.replaceChildren();
    for (const warning of warnings) {
      const li = document.createElement("li");
      li.textContent = warning;
      warningList.append(li);
    }
    warningsBox.hidden = warnings.length === 0;
  }

  function calculate() {
    clearErrors();
    const start = startInput.value.trim();
    const end = endInput.value.trim();
    const { options, stopRows, ok: optionsOk } = readOptions();
    const startDate = dateOf(start);
    const state = {
      start,
      end,
      startOk: startDate !== null,
      startDate,
      endDate: dateOf(end),
      options,
      optionsOk,
    };

    if (!start && !end) {
      // A cleared form: say what is needed without flagging anything red.
      showEmpty("results.pending", "pending");
      onUpdate(state);
      return state;
    }
    if (!start) setError(startError, t("errors.startRequired"), [startInput]);
    if (!end) setError(endError, t("errors.endRequired"), [endInput]);
    if (!start || !end || !optionsOk) {
      // A start the core cannot read is still reported, next to its input.
      if (start && !state.startOk) {
        const r = attempt(() => api.dayInfo(start, { ...calendarOptions(), lang: language() }));
        if (!r.ok) setError(startError, r.message, [startInput]);
      }
      showEmpty("results.invalid", "invalid");
      onUpdate(state);
      return state;
    }

    const r = attempt(() => api.workingTime(start, end, options));
    basisLine.textContent = "";
    if (r.ok) {
      showResult(r.value);
      setState("results.ok", "ok");
      const separator = t("print.listSeparator");
      basisLine.textContent = t("results.basis", {
        start,
        end,
        stops: stopRows.length,
        sessions: options.sessions.map(([from, to]) => t("print.session", { from, to })).join(separator),
        perDay: options.hoursPerDay === undefined ? t("results.basis.day.sessions") : t("results.basis.day.fixed", { h: fixed(options.hoursPerDay, 0, 2) }),
      });
    } else {
      const part = placeError(r, options, stopRows);
      if (part === "start") state.startOk = false;
      if (part === "options") state.optionsOk = false;
      showEmpty("results.invalid", "invalid");
    }
    onUpdate(state);
    return state;
  }

  /** A case opened from an indicator: its start, end and stops in the form, calculated at once. */
  function load({ start = "", end = "", stops: periods = [] }) {
    startInput.value = start;
    endInput.value = end;
    stops.clear();
    for (const period of periods) stops.add(period);
    later.cancel();
    return calculate();
  }

  return { calculate, load, stops, sessions };
}
