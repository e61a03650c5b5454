// 办理用时计算: reads the form, asks the core, shows results and errors.
// Every number shown comes from the core; this module only arranges text.

import { attempt } from "./api.js";
import { byId, debounce, setError } from "./dom.js";
import { fixed } from "./format.js";
import { language, t } from "./i18n.js";
import { createSessions } from "./sessions.js";
import { createStops } from "./stops.js";

const TYPING_PAUSE_MS = 400;
/** Any valid date: the fixed other end of the single-value checks. */
const SAMPLE = "2000-01-01";

/**
 * @param api  the functions from loadApi()
 * @param onUpdate  called after each calculation with { start, startOk,
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

  // Each value is first checked on its own, so that a message can be shown
  // next to the input it is about. The messages are the core's own; the
  // other values in these checks are a fixed valid date (SAMPLE), so only
  // the value under test can fail.

  function options(extra) {
    return { lang: language(), ...extra };
  }

  function readTime(input, requiredKey, probe) {
    const value = input.value.trim();
    if (!value) return { value, problem: t(requiredKey) };
    const check = attempt(() => api.dayInfo(value));
    if (check.ok) return { value, problem: null, date: check.value.date };
    return { value, problem: failure(probe(value)) ?? check.message };
  }

  function readStart() {
    return readTime(startInput, "errors.startRequired", (v) => () => api.workingTime(v, SAMPLE, options()));
  }

  function readEnd() {
    return readTime(endInput, "errors.endRequired", (v) => () => api.workingTime(SAMPLE, v, options()));
  }

  /** The core's message when `call` throws, else null. */
  function failure(call) {
    const r = attempt(call);
    return r.ok ? null : r.message;
  }

  /** Checks `extra` options alone on an empty interval; the core's message or null. */
  function optionProblem(extra) {
    return failure(() => api.workingTime(SAMPLE, SAMPLE, options(extra)));
  }

  /** { options, ok } — showing a message next to each faulty option input. */
  function readOptions() {
    let ok = true;
    const result = {};

    const stopList = [];
    for (const stop of stops.read()) {
      const { row } = stop;
      if (!stop.start || !stop.end) {
        stops.setRowError(row, t("errors.stopIncomplete"), [!stop.start && row.start, !stop.end && row.end]);
        ok = false;
        continue;
      }
      const item = { start: stop.start, end: stop.end, reason: stop.reason || t("stops.defaultReason") };
      // Placeholders before it make the core number the item as the page does.
      const before = Array.from({ length: stop.n - 1 }, () => [SAMPLE, SAMPLE]);
      const problem = optionProblem({ stops: [...before, item] });
      if (problem) {
        const startBad = !attempt(() => api.dayInfo(stop.start)).ok;
        const endBad = !attempt(() => api.dayInfo(stop.end)).ok;
        const marked = startBad || endBad ? [startBad && row.start, endBad && row.end] : [row.start, row.end];
        stops.setRowError(row, problem, marked);
        ok = false;
        continue;
      }
      stopList.push(item);
    }
    if (stopList.length) result.stops = stopList;

    const s = sessions.read();
    let sessionsOk = false;
    if (s.problem) {
      sessions.setError(s.problem, s.inputs);
    } else {
      const single = s.sessions
        .map((session) => ({ session, problem: optionProblem({ sessions: [session.pair] }) }))
        .filter((x) => x.problem);
      const pairs = s.sessions.map((session) => session.pair);
      const together = single.length ? null : optionProblem({ sessions: pairs });
      if (single.length) {
        sessions.setError(single[0].problem, single.flatMap((x) => x.session.inputs));
      } else if (together) {
        sessions.setError(together);
      } else {
        result.sessions = pairs;
        sessionsOk = true;
      }
    }
    ok &&= sessionsOk;

    if (hpdEnable.checked) {
      const text = hpdInput.value.trim();
      const hours = Number(text);
      const problem =
        !text || !Number.isFinite(hours)
          ? t("errors.hoursPerDay")
          : sessionsOk
            ? optionProblem({ sessions: result.sessions, hoursPerDay: hours })
            : null;
      if (problem) {
        setError(hpdError, problem, [hpdInput]);
        ok = false;
      } else {
        result.hoursPerDay = hours;
      }
    }
    return { options: result, ok };
  }

  /**
   * Every value passed on its own, yet the core refused the whole: an end
   * before the start, as a rule. Show its message under the end time.
   */
  function placeError(message) {
    setError(endError, message, [startInput, endInput]);
  }

  function clearErrors() {
    setError(startError, "", [startInput]);
    setError(endError, "", [endInput]);
    setError(hpdError, "", [hpdInput]);
    stops.clearErrors();
    sessions.clearErrors();
  }

  function showResult(result) {
    out.days.textContent = fixed(result.workingDays, 2, 4);
    const hours = typeof result.workingHours === "number" ? result.workingHours : result.workingMinutes / 60;
    out.hours.textContent = fixed(hours, 0, 2);
    out.minutes.textContent = fixed(result.workingMinutes, 0, 2);
    out.calendar.textContent = fixed(result.calendarDays, 0, 4);
    showStopped(result.stoppedMinutes);
    showWarnings(result.warnings ?? []);
  }

  function showEmpty(stateKey, state) {
    for (const node of Object.values(out)) node.textContent = t("results.empty");
    showStopped(0);
    showWarnings([]);
    setState(stateKey, state);
  }

  function setState(key, state) {
    stateLine.textContent = t(key);
    stateLine.dataset.state = state;
  }

  function showStopped(minutes) {
    const any = typeof minutes === "number" && minutes > 0;
    stoppedNote.textContent = any ? t("results.stopped", { hours: fixed(minutes / 60, 0, 2), minutes: fixed(minutes, 0, 2) }) : "";
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
    const start = readStart();
    const end = readEnd();
    const { options: opts, ok: optionsOk } = readOptions();
    const state = {
      start: start.value,
      startOk: !start.problem,
      startDate: start.problem ? null : start.date,
      endDate: end.problem ? null : end.date,
      options: opts,
      optionsOk,
    };

    if (!start.value && !end.value) {
      // A cleared form: say what is needed without flagging anything red.
      showEmpty("results.pending", "pending");
      onUpdate(state);
      return state;
    }
    if (start.problem) setError(startError, start.problem, [startInput]);
    if (end.problem) setError(endError, end.problem, [endInput]);
    if (start.problem || end.problem || !optionsOk) {
      showEmpty("results.invalid", "invalid");
      onUpdate(state);
      return state;
    }

    const r = attempt(() => api.workingTime(start.value, end.value, options(opts)));
    if (r.ok) {
      showResult(r.value);
      setState("results.ok", "ok");
    } else {
      placeError(r.message);
      showEmpty("results.invalid", "invalid");
    }
    onUpdate(state);
    return state;
  }

  return { calculate, stops, sessions };
}
