// The workspace worker: the page's working set lives here, in the core's Workspace, off the
// page's thread, so that importing a large ledger or evaluating everything again after a setting
// changed never freezes the page. The page reaches it through workspace-client.js.
//
// Messages in:  { id, type, args }, where `type` is a Workspace method (dashboard, indicator,
//               indicatorScreen, cases, case, ranking, chart, problems, sources, settings, setSettings,
//               putCase, checkCase, deleteCase, undo, loadSample, clear,
//               loadProject, saveProject, catalog, revision) or one of the worker's own:
//   "export"       (target, format) → the file's bytes (.xlsx written by the ledger module)
//   "template"     (indicatorId) → the blank ledger template (.xlsx, by the ledger module)
//   "open"         { storage } → restores the last autosave (else loads the sample):
//                  { restored, savedAt, sample, failed }
//   "importFile"   (bytes, fileName, options) → importTable, with progress reports (a file the
//                  core does not read itself, see needsLedgerModule, is read by the ledger
//                  module first: core/ledger-module.js)
//   "stageFile"    (bytes, fileName, options) → stageImport, with progress reports
//   "commitImport" (importId) / "discardImport" (importId): the staged import added or dropped
//   "state"        () → what the page mirrors: { settings, asOf, nowUsed, provenance, sources,
//                  sampleCases, cases, revision }
//   "setAsOf"      (text) → the evaluation instant set; "" follows now (for real data)
//   "flush"        () → the autosave written now
//   "forgetSaved"  () → the autosave deleted (the data stays)
// Messages out: see workspace-client.js. Autosave outcomes are events "saved" { savedAt,
// indicators, chunks } and "saveFailed" { message }; each slice written is an event
// "autosaveSlice" { indicatorId, offset, cases, generation }.
//
// The autosave is written in slices (AUTOSAVE_SLICE_CASES cases each, workspace-store.js keeps
// them as one generation committed at the end): between two slices the worker answers the
// page, so a save of 100 000 cases never holds it for more than one slice. A small write (at
// most one slice: a case added, changed or deleted in a small indicator, a setting) starts
// right away; a large one (an import, a project, an edit in a large indicator) waits until the
// page has been quiet for AUTOSAVE_DELAY_MS, and not beyond AUTOSAVE_MAX_WAIT_MS.

import init, * as core from "../../pkg/core/bizenv.js";
import { wasmSource } from "./runtime.js";
import { createWorkspaceStore } from "./workspace-store.js";
import { loadLedgerModule } from "./ledger-module.js";

const ready = wasmSource().then((module_or_path) => init({ module_or_path }));

/** Startup marks, "bizenv:worker-" + step (bench/startup.mjs reads them): start, core, open, read, sample. */
const mark = (step) => performance.mark?.(`bizenv:worker-${step}`);
mark("start");
ready.then(() => mark("core"), () => {});

/**
 * Cases per autosave slice: serialising and writing one holds the worker about 50–70 ms on the
 * 2-core build machine (the whole of 100 000 cases held it 1.3–1.9 s; BENCHMARKS.md).
 */
const AUTOSAVE_SLICE_CASES = 5000;
/**
 * Quiet time before a large autosave is written: after the last edit, and after the last
 * request (its slices would still slow the views asked meanwhile), up to AUTOSAVE_MAX_WAIT_MS
 * after the edit. A small one (at most one slice) is written at once.
 */
const AUTOSAVE_DELAY_MS = 300;
const AUTOSAVE_MAX_WAIT_MS = 5000;
/**
 * Between two slices, a save waits while the page is asking (a view sends its requests one
 * after the other: without the wait, each could meet a slice): until no request came for
 * AUTOSAVE_QUIET_MS. It never waits longer in all than it has spent writing, plus
 * AUTOSAVE_PAUSE_GRACE_MS (a view or two): a page that keeps asking gets the worker for that
 * second, then at most half its time while the save is due, and the save still ends.
 */
const AUTOSAVE_QUIET_MS = 20;
const AUTOSAVE_PAUSE_GRACE_MS = 1000;
/** A save that meets this many edits of the cases it is writing gives up (the next edit saves). */
const AUTOSAVE_ATTEMPTS = 5;

/** The Workspace methods the page may call, and whether they change the working set. */
const METHODS = {
  catalog: false, settings: false, dashboard: false, indicator: false, indicatorScreen: false, cases: false, case: false,
  ranking: false, chart: false, problems: false, sources: false, revision: false,
  checkCase: false, saveProject: false, exportSheets: false, templateBook: false,
  setSettings: true, putCase: true, deleteCase: true, undo: true,
  loadSample: true, dropSample: true, clear: true, loadProject: true,
};

let workspace = null;
let store = null;
let savedRevision = 0;
/** The next autosave writes every indicator (nothing usable is kept: first save, or after forgetSaved). */
let saveEverything = true;
let saveTimer = 0;
let saving = Promise.resolve();
/** When the autosave that holds the data now was written (null: none since the last forgetSaved). */
let lastSavedAt = null;
/**
 * Real data with no evaluation instant set is evaluated now (the minute of the last request);
 * the sample keeps its own. Kept with the autosave, so a reload follows now again.
 */
let followsNow = true;
/**
 * The ledgers behind the cases, for the sources list: [{ fileName, sheet, indicatorId, count,
 * addedAt }]. Those of imports made here come from the Workspace (`sources()`), with the time
 * noted here; those restored from the autosave are kept as saved until the data is replaced.
 */
let restoredSources = [];
const importedAt = new Map();

function sourcesNow() {
  const current = workspace.sources().imports.flatMap((im) =>
    im.destinations.map((d) => ({ fileName: im.fileName, sheet: im.sheet, indicatorId: d.indicatorId, count: d.rows, addedAt: importedAt.get(im.importId) ?? null })),
  );
  const replaced = new Set(current.map((s) => `${s.fileName}|${s.indicatorId}`));
  return [...restoredSources.filter((s) => !replaced.has(`${s.fileName}|${s.indicatorId}`)), ...current];
}

function nowText(d = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** While following now: the Workspace's instant moved to this minute (once the data is real). */
function applyNow() {
  if (!followsNow || !workspace) return;
  const { provenance } = workspace.sources();
  if (provenance === "sample" || provenance === "mixed") return;
  const now = nowText();
  if (workspace.settings().asOf !== now) workspace.setSettings({ asOf: now });
}

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

function event(name, detail) {
  post({ type: "event", name, detail });
}

/** When the first unsaved edit was made (0: everything saved). */
let unsavedSince = 0;
/** The pending autosave is large (more than one slice): it waits for a quiet page. */
let largeSavePending = false;

/** The cases the next autosave would write (cheap: nothing is serialised). */
function casesToSave() {
  return workspace.autosavePlan(saveEverything ? 0 : savedRevision).indicators.reduce((n, ind) => n + ind.cases, 0);
}

function scheduleSave() {
  if (!store || !workspace) return;
  if (!unsavedSince) unsavedSince = Date.now();
  clearTimeout(saveTimer);
  largeSavePending = casesToSave() > AUTOSAVE_SLICE_CASES;
  saveTimer = setTimeout(() => flush(), largeSavePending ? AUTOSAVE_DELAY_MS : 0);
}

/** A request came: a pending large autosave waits until the page is quiet again (not beyond the limit). */
function postponeSave() {
  if (!unsavedSince || !largeSavePending || Date.now() - unsavedSince > AUTOSAVE_MAX_WAIT_MS) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => flush(), AUTOSAVE_DELAY_MS);
}

/** Writes what changed since the last autosave (only the indicators that changed), in slices. */
function flush() {
  clearTimeout(saveTimer);
  unsavedSince = 0;
  largeSavePending = false;
  if (!store || !workspace) return Promise.resolve(null);
  saving = saving.then(async () => {
    try {
      for (let attempt = 0; attempt < AUTOSAVE_ATTEMPTS; attempt++) {
        const outcome = await saveInSlices();
        if (outcome !== STALE) return outcome;
      }
      return null;
    } catch (error) {
      event("saveFailed", { message: messageOf(error) });
      return null;
    }
  });
  return saving;
}

/** What saveInSlices gives back when the cases it was writing changed under it. */
const STALE = Symbol("stale");

/** One turn of the worker's event loop: the page's requests queued meanwhile are answered. */
const turns = new MessageChannel();
function nextTurn() {
  return new Promise((resolve) => {
    turns.port1.onmessage = () => resolve();
    turns.port2.postMessage(null);
  });
}

/** When the page last asked something (see AUTOSAVE_QUIET_MS). */
let lastRequestAt = 0;

/**
 * Between two slices: a turn of the event loop, then a wait while the page is asking, within
 * the save's budget (`time`: { writing, paused } in ms so far, updated here).
 */
async function betweenSlices(time) {
  await nextTurn();
  while (Date.now() - lastRequestAt < AUTOSAVE_QUIET_MS && time.paused < time.writing + AUTOSAVE_PAUSE_GRACE_MS) {
    const pausedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_QUIET_MS));
    time.paused += Date.now() - pausedAt;
  }
}

/**
 * One autosave: the plan (what changed since the last one, at this revision), each changed
 * indicator's cases a slice at a time into a new generation, a turn of the event loop after
 * each, then the generation committed. An edit meanwhile to the cases being written makes the
 * slices refused (their revision moved): the generation is left uncommitted (the previous
 * autosave stays whole) and STALE comes back, to start again. Edits to what was already
 * written, or to other indicators, are newer than the plan's revision: the next save has them.
 * Resolves to savedAt (that of the last save when nothing changed since; null if none).
 */
async function saveInSlices() {
  const current = workspace;
  if (current.revision() === savedRevision) return lastSavedAt;
  const whole = saveEverything;
  const plan = current.autosavePlan(whole ? 0 : savedRevision);
  const generation = store.nextGeneration();
  const written = [];
  let chunks = 0;
  const time = { writing: 0, paused: 0 };
  for (const ind of plan.indicators) {
    let n = 0;
    for (let offset = 0; offset < ind.cases; offset += AUTOSAVE_SLICE_CASES, n++) {
      // The data replaced by a fresh workspace (open): this save has nothing left to write.
      if (workspace !== current) return null;
      const sliceAt = Date.now();
      let text;
      try {
        text = current.autosaveSlice(ind.id, ind.revision, offset, AUTOSAVE_SLICE_CASES);
      } catch (error) {
        if (error?.field === "revision") return STALE;
        throw error;
      }
      await store.writeChunk(generation, ind.id, n, text);
      time.writing += Date.now() - sliceAt;
      event("autosaveSlice", { indicatorId: ind.id, offset, cases: Math.min(AUTOSAVE_SLICE_CASES, ind.cases - offset), generation });
      await betweenSlices(time);
    }
    written.push({ id: ind.id, revision: ind.revision, chunks: n });
    chunks += n;
  }
  if (workspace !== current) return null;
  const savedAt = await store.commit(generation, { written, meta: plan.meta, whole, page: { followsNow, sources: sourcesNow() } });
  savedRevision = plan.revision;
  saveEverything = false;
  lastSavedAt = savedAt;
  event("saved", { savedAt, indicators: written.length, chunks });
  return savedAt;
}

function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error?.message ?? error);
}

/** The workspace's language, for the ledger module's messages. */
function lang() {
  return workspace.settings().lang ?? "zh";
}

/**
 * The bytes the workspace imports: the file itself when the core reads it (UTF-8 text), else the
 * file as the ledger module read it (an .xlsx, .xls or HTML table, text in GBK...).
 */
async function readable(bytes, fileName, options) {
  const file = new Uint8Array(bytes);
  if (!core.needsLedgerModule(file)) return file;
  const ledger = await loadLedgerModule();
  return ledger.readLedger(file, fileName, { ...(options ?? {}), lang: lang() });
}

const own = {
  async open({ storage = true, lang = "zh" } = {}) {
    mark("open");
    workspace = new core.Workspace();
    workspace.setSettings({ lang });
    lastSavedAt = null;
    store = storage ? await createWorkspaceStore() : null;
    let saved = null;
    let unreadable = null;
    if (store) saved = await store.read().catch((error) => ((unreadable = error), null));
    mark("read");
    if (saved || unreadable) {
      try {
        if (unreadable) throw unreadable;
        workspace.restoreAutosave(saved.meta, saved.records);
        followsNow = saved.page?.followsNow ?? !workspace.settings().asOf;
        restoredSources = Array.isArray(saved.page?.sources) ? saved.page.sources : [];
        applyNow();
        savedRevision = workspace.revision();
        // Records of the release before slices: the next save writes everything again, in chunks.
        saveEverything = saved.legacy;
        lastSavedAt = saved.savedAt;
        return { restored: true, savedAt: saved.savedAt, failed: null };
      } catch (error) {
        // A record this release cannot read: the sample instead, and the reason for the page.
        workspace = new core.Workspace();
        workspace.setSettings({ lang });
        workspace.loadSample();
        savedRevision = workspace.revision();
        saveEverything = true;
        return { restored: false, savedAt: null, failed: messageOf(error) };
      }
    }
    workspace.loadSample();
    mark("sample");
    // Nothing saved yet, and the sample needs no saving: the first autosave (after the first
    // edit) writes everything.
    savedRevision = workspace.revision();
    saveEverything = true;
    return { restored: false, savedAt: null, failed: null };
  },

  /** importTable with the worker's progress reports; the autosave is written first (see below). */
  async importFile(bytes, fileName, options, id) {
    // What is saved now is what a cancelled import comes back to (cancelling stops this worker).
    await flush();
    const report = workspace.importTable(await readable(bytes, fileName, options), fileName, options ?? {}, (progress) => {
      post({ id, type: "progress", progress });
      return true;
    });
    importedAt.set(report.importId, new Date().toISOString());
    scheduleSave();
    return report;
  },

  /**
   * stageImport with the worker's progress reports: the rows read and evaluated beside the
   * working set, which does not change. The autosave is written first all the same: cancelling
   * stops this worker, and the fresh one comes back to what is saved.
   */
  async stageFile(bytes, fileName, options, id) {
    await flush();
    return workspace.stageImport(await readable(bytes, fileName, options), fileName, options ?? {}, (progress) => {
      post({ id, type: "progress", progress });
      return true;
    });
  },

  /** The staged import added to the working set (noted for the sources list, then saved). */
  commitImport(importId) {
    const report = workspace.commitImport(importId);
    importedAt.set(report.importId, new Date().toISOString());
    applyNow();
    scheduleSave();
    return report;
  },

  /** The staged import dropped: the working set never had it, nothing to save. */
  discardImport: (importId) => workspace.discardImport(importId),

  /** An export: an .xlsx written by the ledger module from the core's sheets; CSV by the core. */
  async export(target, format) {
    if (format !== "xlsx") return workspace.export(target, format);
    const sheets = workspace.exportSheets(target);
    const ledger = await loadLedgerModule();
    return ledger.writeSheets(sheets, { lang: lang() });
  },

  /** An indicator's blank ledger template (.xlsx), written by the ledger module. */
  async template(indicatorId) {
    const book = workspace.templateBook(indicatorId);
    const ledger = await loadLedgerModule();
    return ledger.writeTemplate(book, { lang: lang() });
  },

  flush: () => flush(),

  state() {
    applyNow();
    const { settings, asOf } = workspace.settings();
    const sources = workspace.sources();
    return {
      settings,
      asOf: followsNow && sources.provenance !== "sample" && sources.provenance !== "mixed" ? "" : asOf ?? "",
      nowUsed: followsNow ? asOf ?? "" : null,
      provenance: sources.provenance,
      sources: sourcesNow(),
      sampleCases: sources.sampleCases,
      cases: sources.cases,
      revision: workspace.revision(),
    };
  },

  setAsOf(text) {
    const change = workspace.setSettings({ asOf: text ? text : null });
    followsNow = !text;
    applyNow();
    scheduleSave();
    return change;
  },

  async forgetSaved() {
    // No autosave pending, and none rescheduled by the requests that follow (postponeSave):
    // what the page holds now is what the user asked to forget, not an unsaved edit.
    clearTimeout(saveTimer);
    unsavedSince = 0;
    await saving;
    await store?.clear();
    // Nothing is kept now: the next edit writes everything again.
    savedRevision = workspace?.revision() ?? 0;
    saveEverything = true;
    lastSavedAt = null;
    return null;
  },
};

self.addEventListener("message", async (message) => {
  const { id, type, args = [] } = message.data ?? {};
  lastRequestAt = Date.now();
  postponeSave();
  try {
    await ready;
    let value;
    if (type in own) value = await own[type](...args, id);
    else if (type in METHODS) {
      if (!workspace) throw new Error("the workspace is not open");
      value = workspace[type](...args);
      // The data replaced whole: the restored sources list goes with it.
      if (type === "loadSample" || type === "clear" || type === "loadProject") restoredSources = [];
      if (METHODS[type]) applyNow();
      // The language of the core's messages is the page's, not the data's: nothing to save.
      const languageOnly = type === "setSettings" && Object.keys(args[0] ?? {}).join() === "lang";
      if (METHODS[type] && !languageOnly) scheduleSave();
    } else throw new Error(`unknown request ${type}`);
    post({ id, type: "done", value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (error) {
    const trapped = error instanceof WebAssembly.RuntimeError;
    post({ id, type: "error", message: messageOf(error), kind: error?.kind ?? (trapped ? "internal" : null), field: error?.field ?? null, trapped });
  }
});
