// Evaluations of the working dataset, computed by the core and cached until
// the state changes. Views ask here instead of calling the core themselves,
// so one change of the state costs one evaluateAll(), however many views
// show it.

import { attempt } from "./api.js";
import { language } from "./i18n.js";
import { casesOf, evaluationOptions, getState, stateVersion } from "./state.js";

export function createEvaluation(api) {
  const catalog = api.catalog();
  const byId = new Map(catalog.indicators.map((ind) => [ind.id, ind]));
  let cache = { version: -1, lang: null, all: null, ranking: null, reports: new Map(), charts: new Map() };

  // Kept per state and per language: the core's messages and labels are in the page language.
  function fresh() {
    if (cache.version !== stateVersion() || cache.lang !== language()) {
      cache = { version: stateVersion(), lang: language(), all: null, ranking: null, reports: new Map(), charts: new Map() };
    }
    return cache;
  }

  return {
    catalog,
    /** The catalogue entry of an indicator, or undefined. */
    indicator: (id) => byId.get(id),
    topic: (id) => catalog.topics.find((topic) => topic.id === id),
    /** evaluateAll of the whole dataset: { ok, value } or { ok: false, message, field }. */
    all() {
      const c = fresh();
      c.all ??= attempt(() => api.evaluateAll(getState().dataset, evaluationOptions(language())));
      return c.all;
    },
    /** rankCounties of the whole dataset. */
    ranking() {
      const c = fresh();
      c.ranking ??= attempt(() => api.rankCounties(getState().dataset, evaluationOptions(language())));
      return c.ranking;
    },
    /** The first failed evaluation of the current state, or null: { message, kind, field }. */
    failure() {
      const c = fresh();
      return [c.all, c.ranking, ...c.reports.values()].find((r) => r && !r.ok) ?? null;
    },
    /** evaluate() of one indicator's cases. */
    report(id) {
      const c = fresh();
      if (!c.reports.has(id)) c.reports.set(id, attempt(() => api.evaluate(id, casesOf(id), evaluationOptions(language()))));
      return c.reports.get(id);
    },
    /** chartSvg of one indicator's report: { ok, value: SVG text } or { ok: false, message }. */
    chart(kind, id) {
      const c = fresh();
      const key = `${kind}|${id}`;
      if (!c.charts.has(key)) {
        const report = this.report(id);
        c.charts.set(key, report.ok ? attempt(() => api.chartSvg(kind, report.value, { lang: language() })) : report);
      }
      return c.charts.get(key);
    },
  };
}
