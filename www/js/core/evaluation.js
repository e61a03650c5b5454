// What the views show of the working set, asked of the workspace (core/workspace.js), each
// answer as { ok, value } or { ok: false, message, kind, field }. The catalogue comes from the
// main thread's core (the calculator's own instance): the same built-in data, read at once.

import { messageOf } from "./api.js";
import { subscribe } from "./state.js";
import { setEnglishSingulars } from "../lib/format.js";

/** A promise's outcome as { ok, value } or { ok: false, message, kind, field }. */
export async function settle(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, message: messageOf(error), kind: error?.kind ?? null, field: error?.field ?? null };
  }
}

/**
 * The workspace's indicator view in the words the views use (those of evaluate()'s report):
 * indicatorId, unit, method, target and direction at the top.
 */
export function asReport(view) {
  const ind = view.indicator;
  return { ...view, indicatorId: ind.id, unit: ind.unit, method: ind.method, target: ind.target, direction: ind.direction, nameZh: ind.nameZh, nameEn: ind.nameEn, unitLabelZh: ind.unitLabelZh, unitLabelEn: ind.unitLabelEn };
}

export function createEvaluation(api, workspace) {
  const catalog = api.catalog();
  setEnglishSingulars(catalog.methods?.englishSingulars);
  const byId = new Map(catalog.indicators.map((ind) => [ind.id, ind]));
  /** The last failed answer, for the bar above the views (an asOf the core refused, say). */
  let lastFailure = null;
  /** The last answer of each question, for the print report (built synchronously, before printing). */
  const answered = new Map();
  // A failure belongs to the data it was about: any change starts afresh.
  subscribe(() => {
    lastFailure = null;
  });

  async function track(promise, key = null) {
    const result = await settle(promise);
    if (!result.ok) lastFailure = result;
    if (key) answered.set(key, result);
    return result;
  }

  return {
    catalog,
    workspace,
    /** The catalogue entry of an indicator, or undefined. */
    indicator: (id) => byId.get(id),
    topic: (id) => catalog.topics.find((topic) => topic.id === id),
    /** The dashboard: every indicator's row, topics, totals, provenance. */
    all: () => track(workspace.dashboard(), "all"),
    /** The last answer to all(), ranking(), report(id), chart(kind, id) (keys "all", "ranking", "report|ID", "chart|KIND|ID"), or null. */
    last: (key) => answered.get(key) ?? null,
    /** The county ranking (its entries). */
    async ranking() {
      const result = await track(workspace.ranking(), "ranking");
      return result.ok ? { ok: true, value: result.value.ranking } : result;
    },
    /** The first failed answer since the data last changed, or null: { message, kind, field }. */
    failure: () => lastFailure,
    /** One indicator: summary, counties, columns, form (no cases: those come a page at a time). */
    async report(id) {
      const result = await settle(workspace.indicator(id));
      if (!result.ok) lastFailure = result;
      const report = result.ok ? { ok: true, value: asReport(result.value) } : result;
      answered.set(`report|${id}`, report);
      return report;
    },
    /**
     * Asks for the indicator view's whole screen at once (view, charts, the page of cases
     * `casesQuery`): report(id), chart(kind, id) and cases(id, casesQuery) then answer from it.
     */
    prefetchScreen: (id, casesQuery) => settle(workspace.indicatorScreen(id, casesQuery)),
    /** A page of an indicator's cases: { total, matched, offset, columns, rows }. */
    cases: (id, query) => track(workspace.cases(id, query)),
    /** A chart of one indicator, as SVG text. */
    chart: (kind, id) => track(workspace.chart(kind, id), `chart|${kind}|${id}`),
  };
}
