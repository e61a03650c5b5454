// The page's handle on its working set: the core's Workspace in the workspace worker, reached
// through the promise client. Edits go there and, once answered, the small mirror in state.js is
// brought up to date (settings, instant, provenance, sources) and views are told; views ask here
// for what they show (dashboard, an indicator, a page of cases, a chart, an export). Answers are
// kept per revision of the working set and language, so that two views showing the same thing
// ask once.

import { commit, getState, setSettingsSink } from "./state.js";
import { language, onLanguageChange, t } from "../lib/i18n.js";
import { CoreError, createWorkspaceClient } from "./workspace-client.js";

/**
 * @param startWorker  () → a worker (runtime.createWorkspaceWorker)
 * @param storage      whether the browser can keep the autosave
 * @param onNotice     (kind, detail) → void: "restarted" (reason), "saved" (savedAt), "saveFailed" (message)
 * @param sampleLabel  { zh, en }: the name of the built-in sample, for the banner
 */
export function createWorkspace({ startWorker, storage, sampleLabel = { zh: "", en: "" }, onNotice = () => {} }) {
  let catalog = null;
  let cache = new Map();
  let cacheKey = "";
  /** Queued settings changes: sent in order, before any request that follows them. */
  let settingsChain = Promise.resolve();

  /**
   * Without browser storage there is no autosave to come back to: before an import (which a
   * cancel stops by stopping the worker) the working set is kept here as a project file, and
   * given to the fresh worker. The only time the page holds the cases, and only there.
   */
  let beforeImport = null;

  const client = createWorkspaceClient({
    startWorker,
    onRestart: async (reason) => {
      // A fresh worker knows only the autosave: open it, then show what it holds.
      await open().catch(() => {});
      if (beforeImport !== null) {
        await client.request("loadProject", [beforeImport]).catch(() => {});
        beforeImport = null;
        await refresh({ type: "replace" }).catch(() => {});
      }
      onNotice("restarted", reason);
    },
    onEvent: (name, detail) => onNotice(name, detail),
  });

  /** Requests not answered yet; while there are any, <html data-busy> says so (tests and assistive tools wait on it). */
  let inFlight = 0;
  function busy(promise) {
    inFlight += 1;
    document.documentElement.dataset.busy = "true";
    const done = () => {
      inFlight -= 1;
      if (inFlight === 0) delete document.documentElement.dataset.busy;
    };
    promise.then(done, done);
    return promise;
  }

  function request(type, args = [], options) {
    return busy(settingsChain.then(() => client.request(type, args, options))).catch((error) => {
      // The ledger module (files other than UTF-8 CSV, .xlsx written) could not be loaded: said
      // in the page's words, not the browser's.
      if (error?.kind === "ledgerModule") throw new CoreError(t("errors.ledgerModule"), error.kind, null);
      throw error;
    });
  }

  /** The answers kept for the current revision and language. */
  function kept(key, ask) {
    const current = `${getState().revision}|${language()}`;
    if (current !== cacheKey) {
      cache = new Map();
      cacheKey = current;
    }
    if (!cache.has(key)) {
      const answer = ask();
      cache.set(key, answer);
      // A failed answer is not kept: the next view that asks tries again.
      answer.catch(() => cache.delete(key));
    }
    return cache.get(key);
  }

  /**
   * Keeps `answer` under `key` for the revision and language of `generation` (those current
   * when it was asked), unless that question is kept already: a part of a screen's answer
   * stands for the separate question it answers.
   */
  function seed(generation, key, answer) {
    answer.catch(() => cache.delete(key));
    if (generation === cacheKey && !cache.has(key)) cache.set(key, answer);
  }

  /**
   * The indicator view's screen in one request: the view, its charts and the first page of
   * cases (the core's indicatorScreen), each part kept as the answer of its own question
   * (indicator, chart, cases), so that the view's calls for them cost no round trip.
   */
  function indicatorScreen(id, casesQuery) {
    const casesKey = `cases|${id}|${JSON.stringify(casesQuery)}`;
    return kept(`screen|${id}|${JSON.stringify(casesQuery)}`, () => {
      const generation = cacheKey;
      const answer = request("indicatorScreen", [id, { cases: casesQuery }]);
      seed(generation, `indicator|${id}`, answer.then((s) => s.view));
      seed(generation, casesKey, answer.then((s) => s.cases));
      answer.then(
        (s) => {
          for (const c of s.charts) {
            seed(generation, `chart|${c.kind}|${id}`, c.svg === undefined ? Promise.reject(new CoreError(c.error, null, null)) : Promise.resolve(c.svg));
          }
        },
        () => {},
      );
      return answer;
    });
  }

  /**
   * The mirror in state.js, from the worker's `state` answer (`asked`: that answer, when it was
   * asked already).
   */
  async function refresh(change, asked = busy(client.request("state"))) {
    const s = await asked;
    // While any of the sample is there, the page says so (and names it): all sample, or mixed.
    const source =
      s.provenance === "sample" || s.provenance === "mixed"
        ? { kind: s.provenance, labelZh: sampleLabel.zh, labelEn: sampleLabel.en }
        : { kind: s.provenance === "empty" ? "empty" : "user", labelZh: "", labelEn: "" };
    commit({ settings: s.settings, asOf: s.asOf, nowUsed: s.nowUsed, source, sources: s.sources, cases: s.cases, revision: s.revision }, change);
    return s;
  }

  async function open() {
    const opened = await client.request("open", [{ storage, lang: language() }]);
    catalog ??= await client.request("catalog");
    await refresh({ type: "replace" });
    return opened;
  }

  /**
   * An edit: sent, then the mirror refreshed and views told. The mirror's `state` is asked right
   * behind the edit, without waiting for its answer: the worker answers in the order asked, so it
   * describes the data after the edit, and no round trip lies between the two. (Not behind an
   * import: that one flushes the autosave first, and may be cancelled.)
   */
  async function edit(type, args, change, options) {
    const answer = request(type, args, options);
    if (type === "importFile") {
      const value = await answer;
      await refresh(change);
      return value;
    }
    const state = busy(settingsChain.then(() => client.request("state")));
    // An edit refused: the state asked behind it is dropped (nothing changed).
    state.catch(() => {});
    const value = await answer;
    await refresh(change, state);
    return value;
  }

  // Checked settings (state.js) go to the worker in order; the views refresh on the answer.
  setSettingsSink((partial) => {
    const send = "asOf" in partial ? client.request("setAsOf", [partial.asOf ?? ""]) : client.request("setSettings", [partial]);
    // The mirror asked right behind the change, as for an edit.
    const state = busy(client.request("state"));
    state.catch(() => {});
    settingsChain = busy(send).then(
      () => refresh({ type: "asOf" in partial ? "asOf" : "settings" }, state),
      (error) => onNotice("settingsFailed", error),
    );
  });
  onLanguageChange(() => {
    settingsChain = settingsChain.then(() => client.request("setSettings", [{ lang: language() }])).catch(() => {});
  });

  return {
    open,
    /** The plan's knowledge (counties, indicators, fields, methods), as the core has it. */
    catalog: () => catalog,
    dashboard: () => kept("dashboard", () => request("dashboard")),
    indicator: (id) => kept(`indicator|${id}`, () => request("indicator", [id])),
    indicatorScreen,
    ranking: () => kept("ranking", () => request("ranking")),
    chart: (kind, id) => kept(`chart|${kind}|${id}`, () => request("chart", [kind, id])),
    cases: (id, query) => kept(`cases|${id}|${JSON.stringify(query)}`, () => request("cases", [id, query])),
    caseInput: (id, key) => request("case", [id, key]),
    problems: (importId, offset, limit) => request("problems", [importId, offset, limit]),
    exportOf: (target, format) => request("export", [target, format]),
    /** The indicator's blank ledger template (.xlsx bytes), in the workspace's language. */
    template: (id) => request("template", [id]),
    saveProject: () => request("saveProject"),
    checkCase: (id, input) => request("checkCase", [id, input]),
    putCase: (id, key, input) => edit("putCase", [id, key, input], { type: "case", indicatorId: id }),
    deleteCase: (id, key) => edit("deleteCase", [id, key], { type: "delete", indicatorId: id }),
    undo: () => edit("undo", [], { type: "undo" }),
    loadSample: () => edit("loadSample", [], { type: "dataset" }),
    clear: () => edit("clear", [], { type: "dataset" }),
    /** Takes the sample's cases out of mixed data, keeping the user's own. */
    dropSample: () => edit("dropSample", [], { type: "dataset" }),
    loadProject: (text) => edit("loadProject", [text], { type: "replace" }),
    /** Imports a ledger into the working set (options: { indicator, sheet?, headerRow?, mapping?, replace? }). */
    async importFile(bytes, fileName, options, { onProgress, signal } = {}) {
      if (!storage) beforeImport = await request("saveProject");
      try {
        return await edit("importFile", [bytes, fileName, options], { type: "import", indicatorId: options.indicator }, { onProgress, signal });
      } finally {
        // Kept only while the import runs (the restart after a cancel takes it first).
        if (!signal?.aborted) beforeImport = null;
      }
    },
    /**
     * Reads a ledger into a staged import: where its rows would go, evaluated, the working set
     * unchanged until commitImport (or dropped by discardImport, or by the next stage).
     */
    async stageFile(bytes, fileName, options, { onProgress, signal } = {}) {
      if (!storage) beforeImport = await request("saveProject");
      try {
        return await request("stageFile", [bytes, fileName, options], { onProgress, signal });
      } finally {
        if (!signal?.aborted) beforeImport = null;
      }
    },
    /** The staged import added to the working set (undoable as one import). */
    commitImport: (importId, indicatorId) => edit("commitImport", [importId], { type: "import", indicatorId }),
    discardImport: (importId) => request("discardImport", [importId]),
    flush: () => request("flush"),
    forgetSaved: () => request("forgetSaved"),
  };
}
