// The working data of the page, and the one place that changes it.
//
//   { dataset: { "1.1": [case, ...], ... }, asOf, settings: { sessions, hoursPerDay, recoveryMethod }, source }
//
// Views read the state with getState() and re-render when notified through
// subscribe(). Nothing outside this module assigns to it: every change goes
// through one of the actions below, which builds a new state object (the
// old one is never modified) and then calls commit(). Saving to the browser
// (autosave) or importing a file can therefore be added by subscribing to
// changes and by one more action, without touching the views.

import { DEFAULT_SESSIONS } from "./sessions.js";

/** @typedef {{ type: string, indicatorId?: string, index?: number }} Change */

let state = {
  /** Cases per indicator id; a case is a plain object whose field names are the API's. */
  dataset: {},
  /** Instant at which open cases are evaluated (text as the engine reads it). */
  asOf: "",
  settings: {
    sessions: DEFAULT_SESSIONS.map((pair) => [...pair]),
    /** null: one working day is the total length of the sessions. */
    hoursPerDay: null,
    /** How 10.5 (creditor recovery rate) is computed: "pooled" or "doing_business". */
    recoveryMethod: "pooled",
  },
  /** Where the dataset came from: { kind: "sample", labelZh, labelEn } or null. */
  source: null,
};
let version = 0;
const listeners = new Set();

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

/** The options every evaluation call gets: { asOf, sessions, hoursPerDay?, recoveryMethod?, lang }. */
export function evaluationOptions(lang) {
  const { settings } = state;
  const options = { sessions: settings.sessions, lang };
  if (state.asOf) options.asOf = state.asOf;
  if (settings.hoursPerDay !== null) options.hoursPerDay = settings.hoursPerDay;
  if (settings.recoveryMethod !== "pooled") options.recoveryMethod = settings.recoveryMethod;
  return options;
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
    { ...state, dataset, asOf: asOf ?? state.asOf, source: { kind, labelZh: label_zh ?? "", labelEn: label_en ?? "" } },
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

export function setAsOf(text) {
  if (text === state.asOf) return;
  commit({ ...state, asOf: text }, { type: "asOf" });
}

/** Merges `partial` into the settings: { sessions?, hoursPerDay?, recoveryMethod? }. */
export function setSettings(partial) {
  commit({ ...state, settings: { ...state.settings, ...partial } }, { type: "settings" });
}
