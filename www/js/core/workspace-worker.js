// The workspace worker: the page's working set lives here, in the core's Workspace, off the
// page's thread, so that importing a large ledger or evaluating everything again after a setting
// changed never freezes the page. The page reaches it through workspace-client.js.
//
// Messages in:  { id, type, args }, where `type` is a Workspace method (dashboard, indicator,
//               cases, case, ranking, chart, export, template, problems, sources, settings, setSettings,
//               putCase, checkCase, deleteCase, undo, importTable, loadSample, clear,
//               loadProject, saveProject, catalog, revision) or one of the worker's own:
//   "open"         { storage } → restores the last autosave (else loads the sample):
//                  { restored, savedAt, sample, failed }
//   "importFile"   (bytes, fileName, options) → importTable, with progress reports
//   "state"        () → what the page mirrors: { settings, asOf, nowUsed, provenance, sources,
//                  sampleCases, cases, revision }
//   "setAsOf"      (text) → the evaluation instant set; "" follows now (for real data)
//   "flush"        () → the autosave written now
//   "forgetSaved"  () → the autosave deleted (the data stays)
// Messages out: see workspace-client.js. Autosave outcomes are events "saved" { savedAt } and
// "saveFailed" { message }.

import init, * as core from "../../pkg/bizenv.js";
import { wasmSource } from "../runtime.js";
import { createWorkspaceStore } from "./workspace-store.js";

const ready = wasmSource().then((module_or_path) => init({ module_or_path }));

/**
 * Quiet time before the autosave is written: after the last edit, and after the last request —
 * writing a large working set holds the worker (about 1.5 s for 100 000 cases), so it waits
 * while the page is asking for views, up to AUTOSAVE_MAX_WAIT_MS after the edit.
 */
const AUTOSAVE_DELAY_MS = 300;
const AUTOSAVE_MAX_WAIT_MS = 5000;

/** The Workspace methods the page may call, and whether they change the working set. */
const METHODS = {
  catalog: false, settings: false, dashboard: false, indicator: false, cases: false, case: false,
  ranking: false, chart: false, export: false, template: false, problems: false, sources: false, revision: false,
  checkCase: false, saveProject: false,
  setSettings: true, putCase: true, deleteCase: true, undo: true, importTable: true,
  loadSample: true, dropSample: true, clear: true, loadProject: true,
};

let workspace = null;
let store = null;
let savedRevision = 0;
/** The next autosave writes every indicator (nothing usable is kept: first save, or after forgetSaved). */
let saveEverything = true;
let saveTimer = 0;
let saving = Promise.resolve();
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

function scheduleSave() {
  if (!store) return;
  if (!unsavedSince) unsavedSince = Date.now();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => flush(), AUTOSAVE_DELAY_MS);
}

/** A request came: a pending autosave waits until the page is quiet again (not beyond the limit). */
function postponeSave() {
  if (!unsavedSince || Date.now() - unsavedSince > AUTOSAVE_MAX_WAIT_MS) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => flush(), AUTOSAVE_DELAY_MS);
}

/** Writes what changed since the last autosave (only the indicators that changed). */
function flush() {
  clearTimeout(saveTimer);
  unsavedSince = 0;
  if (!store || !workspace) return Promise.resolve(null);
  saving = saving.then(async () => {
    if (workspace.revision() === savedRevision) return null;
    try {
      const record = workspace.autosave(saveEverything ? 0 : savedRevision);
      const savedAt = await store.write(record, { followsNow, sources: sourcesNow() });
      savedRevision = record.revision;
      saveEverything = false;
      event("saved", { savedAt, indicators: record.indicators.length });
      return savedAt;
    } catch (error) {
      event("saveFailed", { message: messageOf(error) });
      return null;
    }
  });
  return saving;
}

function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error?.message ?? error);
}

const own = {
  async open({ storage = true, lang = "zh" } = {}) {
    workspace = new core.Workspace();
    workspace.setSettings({ lang });
    store = storage ? await createWorkspaceStore() : null;
    const saved = store ? await store.read().catch(() => null) : null;
    if (saved) {
      try {
        workspace.restoreAutosave(saved.meta, saved.records);
        followsNow = saved.page?.followsNow ?? !workspace.settings().asOf;
        restoredSources = Array.isArray(saved.page?.sources) ? saved.page.sources : [];
        applyNow();
        savedRevision = workspace.revision();
        saveEverything = false;
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
    const report = workspace.importTable(new Uint8Array(bytes), fileName, options ?? {}, (progress) => {
      post({ id, type: "progress", progress });
      return true;
    });
    importedAt.set(report.importId, new Date().toISOString());
    scheduleSave();
    return report;
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
    return null;
  },
};

self.addEventListener("message", async (message) => {
  const { id, type, args = [] } = message.data ?? {};
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
