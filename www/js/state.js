// The working data of the page, and the one place that changes it.
//
//   { dataset: { "1.1": [case, ...], ... }, asOf,
//     settings: { sessions, hoursPerDay, recoveryMethod, caseLimits, scoring, calendarCsv, holidays, workdays },
//     sources: [{ fileName, sheet, indicatorId, count, addedAt }], source }
//
// Views read the state with getState() and re-render when notified through
// subscribe(). Nothing outside this module assigns to it: every change goes
// through one of the actions below, which builds a new state object (the
// old one is never modified) and then calls commit(). Saving to the browser
// (autosave) or importing a file can therefore be added by subscribing to
// changes and by one more action, without touching the views.

import { DEFAULT_SESSIONS } from "./sessions.js";

/** @typedef {{ type: string, indicatorId?: string, index?: number }} Change */

function defaultSettings() {
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

let state = {
  /** Cases per indicator id; a case is a plain object whose field names are the API's. */
  dataset: {},
  /** Instant at which open cases are evaluated (text as the engine reads it); empty: now, for real data. */
  asOf: "",
  settings: defaultSettings(),
  /** Ledger files whose cases were added: [{ fileName, sheet, indicatorId, count, addedAt }]. */
  sources: [],
  /** Where the dataset came from: { kind: "sample" | "user" | "project", labelZh, labelEn, fileName? } or null. */
  source: null,
};
let version = 0;
const listeners = new Set();

/**
 * The core's check of settings and asOf (api.checkSettings), set by main.js
 * once the core is loaded: (settings, asOf) → throws an Error with `kind`,
 * `field` and a message in the page's language when they cannot be used.
 * Every action that changes them calls it first, so the state — and so
 * autosave — never holds settings the engine would refuse.
 */
let checkSettings = null;

export function setSettingsCheck(check) {
  checkSettings = check;
}

function validate(settings, asOf) {
  checkSettings?.(settings, asOf);
}

/** Whether `state` passes the check: null, or the error it would throw. */
export function settingsProblem(candidate = state) {
  try {
    validate(candidate.settings, candidate.asOf);
    return null;
  } catch (error) {
    return error;
  }
}

export function getState() {
  return state;
}

/** Increases with every change; lets views and caches tell whether they are stale. */
export function stateVersion() {
  return version;
}

/** Calls `listener(state, change)` after every change; returns the unsubscribe function. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @param {Change} change */
function commit(next, change) {
  state = Object.freeze(next);
  version += 1;
  for (const listener of listeners) listener(state, change);
}

/** The cases of one indicator (an empty list when it has none). */
export function casesOf(indicatorId) {
  return state.dataset[indicatorId] ?? [];
}

/**
 * The user's calendar additions, as every API call takes them:
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

let now = { version: -1, text: "" };

/**
 * The instant open cases are evaluated at: the one set, else — for real data,
 * not the sample, which keeps its own — the time the data last changed
 * ("YYYY-MM-DD HH:MM", local). { text, followsNow }.
 */
export function effectiveAsOf() {
  if (state.asOf || state.source?.kind === "sample") return { text: state.asOf, followsNow: false };
  if (now.version !== version) {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    now = { version, text: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}` };
  }
  return { text: now.text, followsNow: true };
}

/** The options every evaluation call gets: { asOf, sessions, hoursPerDay?, recoveryMethod?, caseLimits?, scoring?, calendar additions, lang }. */
export function evaluationOptions(lang) {
  const { settings } = state;
  const options = { sessions: settings.sessions, lang, ...calendarOptions() };
  const asOf = effectiveAsOf().text;
  if (asOf) options.asOf = asOf;
  if (settings.hoursPerDay !== null) options.hoursPerDay = settings.hoursPerDay;
  if (settings.recoveryMethod !== "pooled") options.recoveryMethod = settings.recoveryMethod;
  if (Object.keys(settings.caseLimits ?? {}).length) options.caseLimits = settings.caseLimits;
  if (settings.scoring && settings.scoring !== "target_anchored") options.scoring = settings.scoring;
  return options;
}

/** What is saved (autosave, project file): the whole working set, as plain data. */
export function snapshot() {
  const { dataset, asOf, settings, sources, source } = state;
  return { dataset, asOf, settings, sources, source };
}

const isText = (x) => typeof x === "string";
const textList = (x) => (Array.isArray(x) ? x.filter(isText) : []);

/**
 * Replaces the whole working set with a saved one (autosave record's state,
 * or a project file checked by loadProject). Missing or malformed parts take
 * their defaults; `source` is used when the saved set names none.
 */
export function replaceState(saved, source = null) {
  const dataset = {};
  for (const [id, cases] of Object.entries(saved?.dataset ?? {})) {
    if (Array.isArray(cases)) dataset[id] = cases.filter((c) => c && typeof c === "object").map((c) => ({ ...c }));
  }
  const defaults = defaultSettings();
  const given = saved?.settings && typeof saved.settings === "object" ? saved.settings : {};
  // Settings or an asOf that the core refuses are refused whole (this throws), before anything
  // is read from them: the current data stays as it was.
  validate(given, isText(saved?.asOf) ? saved.asOf : "");
  const settings = {
    sessions: Array.isArray(given.sessions) && given.sessions.length ? given.sessions.map((pair) => [...pair]) : defaults.sessions,
    hoursPerDay: typeof given.hoursPerDay === "number" ? given.hoursPerDay : null,
    recoveryMethod: given.recoveryMethod === "doing_business" ? "doing_business" : "pooled",
    caseLimits: Object.fromEntries(
      Object.entries(given.caseLimits && typeof given.caseLimits === "object" ? given.caseLimits : {}).filter(([, v]) => typeof v === "number" && v > 0),
    ),
    scoring: given.scoring === "doing_business" ? "doing_business" : "target_anchored",
    calendarCsv: textList(given.calendarCsv),
    holidays: textList(given.holidays),
    workdays: textList(given.workdays),
  };
  const sources = Array.isArray(saved?.sources) ? saved.sources.filter((s) => s && isText(s.fileName)) : [];
  commit(
    {
      dataset,
      asOf: isText(saved?.asOf) ? saved.asOf : "",
      settings,
      sources,
      source: saved?.source && typeof saved.source === "object" ? saved.source : source,
    },
    { type: "replace" },
  );
}

/**
 * Adds the cases read from a ledger file to an indicator. Cases added
 * earlier from a file of the same name are replaced (importing a corrected
 * ledger again does not count it twice). `clearSample`: drop the sample data
 * first. Returns { added, replaced }.
 */
export function addCases(indicatorId, cases, { fileName, sheet = null, clearSample = false }) {
  const base = clearSample ? {} : state.dataset;
  const before = base[indicatorId] ?? [];
  const kept = before.filter((c) => c.source !== fileName);
  const list = [...kept, ...cases.map((c) => ({ ...c, source: fileName }))];
  const sources = (clearSample ? [] : state.sources).filter((s) => !(s.fileName === fileName && s.indicatorId === indicatorId));
  sources.push({ fileName, sheet, indicatorId, count: cases.length, addedAt: new Date().toISOString() });
  const source = clearSample ? { kind: "user", labelZh: "", labelEn: "" } : state.source;
  // Without the sample, its evaluation instant goes too: real data is evaluated now.
  const asOf = clearSample ? "" : state.asOf;
  commit({ ...state, dataset: { ...base, [indicatorId]: list }, sources, source, asOf }, { type: "import", indicatorId });
  return { added: cases.length, replaced: before.length - kept.length };
}

/**
 * Replaces the whole dataset, e.g. with sampleDataset() from the core:
 * { indicators: { "1.1": [...] }, asOf, label_zh, label_en }.
 */
export function loadDataset({ indicators, asOf, label_zh, label_en }, kind = "sample") {
  const dataset = {};
  for (const [id, cases] of Object.entries(indicators ?? {})) {
    if (Array.isArray(cases)) dataset[id] = cases.map((c) => ({ ...c }));
  }
  commit(
    { ...state, dataset, asOf: asOf ?? state.asOf, sources: [], source: { kind, labelZh: label_zh ?? "", labelEn: label_en ?? "" } },
    { type: "dataset" },
  );
}

/**
 * Stores `record` as case `index` of the indicator (a new case when index is
 * null or out of range). Returns the index it was stored at.
 */
export function saveCase(indicatorId, index, record) {
  const list = [...casesOf(indicatorId)];
  const at = index === null || index === undefined || index < 0 || index >= list.length ? list.length : index;
  list[at] = { ...record };
  commit({ ...state, dataset: { ...state.dataset, [indicatorId]: list } }, { type: "case", indicatorId, index: at });
  return at;
}

/** Removes case `index` of the indicator; returns the removed case (for undo). */
export function deleteCase(indicatorId, index) {
  const list = [...casesOf(indicatorId)];
  const [removed] = list.splice(index, 1);
  commit({ ...state, dataset: { ...state.dataset, [indicatorId]: list } }, { type: "delete", indicatorId, index });
  return removed;
}

/** Puts a removed case back at its old place. */
export function restoreCase(indicatorId, index, record) {
  const list = [...casesOf(indicatorId)];
  list.splice(Math.min(index, list.length), 0, { ...record });
  commit({ ...state, dataset: { ...state.dataset, [indicatorId]: list } }, { type: "case", indicatorId, index });
}

/** Sets the evaluation instant; throws (and changes nothing) when the core cannot read it. */
export function setAsOf(text) {
  if (text === state.asOf) return;
  validate(state.settings, text);
  commit({ ...state, asOf: text }, { type: "asOf" });
}

/**
 * Merges `partial` into the settings: { sessions?, hoursPerDay?, recoveryMethod?, calendarCsv?, holidays?, workdays? }.
 * Throws (and changes nothing) when the result is not usable.
 */
export function setSettings(partial) {
  const settings = { ...state.settings, ...partial };
  validate(settings, state.asOf);
  commit({ ...state, settings }, { type: "settings" });
}
