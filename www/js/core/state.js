// What the page knows of the working set: its settings, evaluation instant, provenance and
// sources — small, and all the main thread holds. The cases themselves live in the core's
// Workspace inside the workspace worker (core/workspace.js); views ask it for what they show.
//
//   { asOf, settings: { sessions, hoursPerDay, recoveryMethod, caseLimits, scoring, calendarCsv,
//     holidays, workdays }, source: { kind: "sample" | "user" | "project" | "empty", labelZh,
//     labelEn, fileName? }, sources: [{ fileName, sheet, indicatorId, count }], cases, revision }
//
// Views read it with getState() and re-render when notified through subscribe(). Settings and
// the evaluation instant are checked here, synchronously, by the core on the main thread before
// they are sent on (a refused value changes nothing and throws at once, where it was typed);
// data changes are committed by core/workspace.js once the worker has answered.

import { DEFAULT_SESSIONS } from "../widgets/sessions.js";

/** @typedef {{ type: string, indicatorId?: string, key?: number }} Change */

export function defaultSettings() {
  return {
    sessions: DEFAULT_SESSIONS.map((pair) => [...pair]),
    /** null: one working day is the total length of the sessions. */
    hoursPerDay: null,
    /** How 10.5 (creditor recovery rate) is computed: "pooled" or "doing_business". */
    recoveryMethod: "pooled",
    /** Per indicator id, a statutory per-case limit switched on (targets on an average: 8.2). */
    caseLimits: {},
    /** County scores: "target_anchored" (the catalogue's) or "doing_business". */
    scoring: "target_anchored",
    /** Whole years' arrangements (CSV text date,kind,name_zh,name_en), added to the official calendar. */
    calendarCsv: [],
    /** Single days marked as days off / working days ("YYYY-MM-DD"). */
    holidays: [],
    workdays: [],
  };
}

let state = Object.freeze({
  asOf: "",
  settings: defaultSettings(),
  source: null,
  sources: [],
  cases: 0,
  revision: 0,
});
let version = 0;
const listeners = new Set();

/** The core's check of settings and asOf: (settings, asOf) → throws an Error with kind and field. */
let checkSettings = null;
/** Where checked settings go (the workspace worker): (partial) → void. */
let sendSettings = () => {};

export function setSettingsCheck(check) {
  checkSettings = check;
}

export function setSettingsSink(sink) {
  sendSettings = sink;
}

function validate(settings, asOf) {
  checkSettings?.(settings, asOf);
}

export function getState() {
  return state;
}

/** Increases with every change; lets views tell whether an answer is stale. */
export function stateVersion() {
  return version;
}

/** Calls `listener(state, change)` after every change; returns the unsubscribe function. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @param {Change} change */
export function commit(partial, change) {
  state = Object.freeze({ ...state, ...partial });
  version += 1;
  for (const listener of listeners) listener(state, change);
}

/**
 * The user's calendar additions, as every calculator call takes them:
 * { calendarCsv?, holidays?, workdays? } (empty lists left out).
 */
export function calendarOptions() {
  const { calendarCsv, holidays, workdays } = state.settings;
  const options = {};
  if (calendarCsv?.length) options.calendarCsv = calendarCsv;
  if (holidays?.length) options.holidays = holidays;
  if (workdays?.length) options.workdays = workdays;
  return options;
}

/** "YYYY-MM-DD HH:MM" of now, local. */
export function nowText(d = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The instant open cases are evaluated at: the one set, else — for real data, not the sample,
 * which keeps its own — the time the data was last evaluated (`nowUsed`, set by the workspace).
 * { text, followsNow }.
 */
export function effectiveAsOf() {
  if (state.asOf || state.source?.kind === "sample" || state.source?.kind === "mixed") return { text: state.asOf, followsNow: false };
  return { text: state.nowUsed ?? "", followsNow: true };
}

/** Sets the evaluation instant; throws (and changes nothing) when the core cannot read it. */
export function setAsOf(text) {
  if (text === state.asOf) return;
  validate(state.settings, text);
  sendSettings({ asOf: text || null });
  commit({ asOf: text }, { type: "asOf" });
}

/**
 * Merges `partial` into the settings: { sessions?, hoursPerDay?, recoveryMethod?, caseLimits?,
 * scoring?, calendarCsv?, holidays?, workdays? }. Throws (and changes nothing) when the result is
 * not usable.
 */
export function setSettings(partial) {
  const settings = { ...state.settings, ...partial };
  validate(settings, state.asOf);
  sendSettings(partial);
  commit({ settings }, { type: "settings" });
}

/** Whether settings and asOf pass the core's check: null, or the error it would throw. */
export function settingsProblem(settings, asOf) {
  try {
    validate(settings, asOf);
    return null;
  } catch (error) {
    return error;
  }
}
