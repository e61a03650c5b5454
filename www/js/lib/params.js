// Options in the page's URL, for sites that embed the calculator (README,
// "Embedding"). They work the same on the served page and in the single file
// (bizenv.html?readonly=1):
//
//   lang=zh|en                        the language (not remembered)
//   indicators=1.1,3.4                the dashboard shows only these indicators
//   hours=09:00-12:00,14:00-18:00     office hours (sessions) for every calculation
//   readonly=1                        no case form, no import, no delete or clear
//                                     buttons, no calendar settings: the data is
//                                     shown and evaluated, not changed
//
// readParams() only reads; the apply* functions below are called by main.js
// at the right moments. A value that cannot be used is ignored with a
// console warning, and the page opens as without it.

import * as i18n from "./i18n.js";
import { DEFAULT_SESSIONS } from "../widgets/sessions.js";
import { setSettings } from "../core/state.js";

const TIME = /^\d{1,2}:\d{2}$/;

/** "09:00-12:00,14:00-18:00" → [["09:00","12:00"],["14:00","18:00"]], or null when malformed. */
export function parseHours(text) {
  const pairs = [];
  for (const part of text.split(",")) {
    const [from, to, ...rest] = part.trim().split("-").map((s) => s.trim());
    if (rest.length || !TIME.test(from ?? "") || !TIME.test(to ?? "")) return null;
    pairs.push([from, to]);
  }
  return pairs.length ? pairs : null;
}

/**
 * The options of `search` (location.search by default):
 * { lang: "zh" | "en" | null, indicators: [id...] | null, hours: [[from, to]...] | null, readonly: boolean }
 */
export function readParams(search = globalThis.location?.search ?? "") {
  const query = new URLSearchParams(search);
  const params = { lang: null, indicators: null, hours: null, readonly: false };

  const lang = query.get("lang")?.trim().toLowerCase();
  if (lang) {
    if (lang === "zh" || lang === "en") params.lang = lang;
    else console.warn(`bizenv: ignoring lang=${lang} (zh or en)`);
  }

  const indicators = query.get("indicators");
  if (indicators) {
    const ids = indicators.split(",").map((s) => s.trim()).filter(Boolean);
    if (ids.length) params.indicators = [...new Set(ids)];
  }

  const hours = query.get("hours");
  if (hours) {
    params.hours = parseHours(hours);
    if (!params.hours) console.warn(`bizenv: ignoring hours=${hours} (e.g. 09:00-12:00,14:00-18:00)`);
  }

  const readonly = query.get("readonly");
  params.readonly = readonly !== null && !/^(0|false|no)$/i.test(readonly.trim());
  return params;
}

/** lang=: switches the page's language (not remembered), when the i18n module can. */
export function applyLanguage(params) {
  if (!params.lang) return;
  if (typeof i18n.setLanguage === "function") i18n.setLanguage(params.lang, { persist: false });
}

/**
 * hours=: the office sessions of every calculation — the data's settings and
 * the calculator's form, whose "restore default sessions" restores these.
 * Call after the data is loaded and before the calculator is made. Sessions
 * the core refuses (overlapping, out of order) are ignored.
 */
export function applyHours(api, params) {
  if (!params.hours) return;
  try {
    // The core's own check of settings, as for a project file or the settings form.
    api.checkSettings({ sessions: params.hours });
    setSettings({ sessions: params.hours.map((pair) => [...pair]) });
  } catch (error) {
    console.warn(`bizenv: ignoring hours: ${error?.message ?? error}`);
    return;
  }
  DEFAULT_SESSIONS.splice(0, DEFAULT_SESSIONS.length, ...params.hours.map((pair) => [...pair]));
}

/**
 * indicators=: the evaluation the dashboard gets, with only those indicators
 * (and their topics; totals counted over them). Unknown ids are ignored; with
 * none left, the whole plan.
 */
export function dashboardEvaluation(evaluation, params) {
  if (!params.indicators) return evaluation;
  const keep = new Set(params.indicators.filter((id) => evaluation.indicator(id)));
  const unknown = params.indicators.filter((id) => !keep.has(id));
  if (unknown.length) console.warn(`bizenv: no indicator ${unknown.join(", ")}`);
  if (!keep.size) return evaluation;
  return {
    ...evaluation,
    only: (all) => onlyIndicators(all, keep),
    async all() {
      const result = await evaluation.all();
      return result.ok ? { ok: true, value: onlyIndicators(result.value, keep) } : result;
    },
  };
}

/** evaluateAll's result cut down to the indicators in `keep`. */
export function onlyIndicators(all, keep) {
  const indicators = all.indicators.filter((ind) => keep.has(ind.id));
  const count = (list) => ({
    indicators: list.length,
    met: list.filter((i) => i.met === true).length,
    notMet: list.filter((i) => i.met === false).length,
    noData: list.filter((i) => i.met === null || i.met === undefined).length,
  });
  const topics = all.topics
    .map((topic) => ({ ...topic, ...count(indicators.filter((i) => i.topic === topic.id)) }))
    .filter((topic) => topic.indicators > 0);
  const totals = { ...all.totals, ...count(indicators), withData: indicators.filter((i) => i.value !== null && i.value !== undefined).length };
  return { ...all, indicators, topics, totals };
}

/**
 * readonly=: no import view (its link hidden, its route going to the
 * dashboard); the case form, the per-case edit and delete buttons and the
 * calendar settings are hidden by embed.css (html[data-readonly]).
 */
export function applyReadonly(params, views) {
  if (!params.readonly) return;
  document.documentElement.dataset.readonly = "";
  delete views.import;
  const link = document.getElementById("nav-import");
  if (link) (link.closest("li") ?? link).hidden = true;
}
