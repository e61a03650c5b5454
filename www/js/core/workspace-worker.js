// The workspace worker: the page's working set lives here, in the core's Workspace, off the
// page's thread, so that importing a large ledger or evaluating everything again after a setting
// changed never freezes the page. The page reaches it through workspace-client.js.
//
// Messages in:  { id, type, args }, where `type` is a Workspace method (dashboard, indicator,
//               cases, case, ranking, chart, export, problems, sources, settings, setSettings,
//               putCase, checkCase, deleteCase, undo, importTable, loadSample, clear,
//               loadProject, saveProject, catalog, revision) or one of the worker's own:
//   "open"         { storage } → restores the last autosave (else loads the sample):
//                  { restored, savedAt, sample, failed }
//   "previewTable" (bytes, fileName, options) → the table as read (first rows only); the bytes
//                  are kept for the import that follows
//   "previewLedger"(indicatorId, fileName, options) → evaluateTable of the kept bytes, cut to
//                  what the result screen shows (nothing stored)
//   "importKept"   (fileName, options) → importTable of the kept bytes, with progress
//   "flush"        () → the autosave written now
//   "forgetSaved"  () → the autosave deleted (the data stays)
// Messages out: see workspace-client.js. Autosave outcomes are events "saved" { savedAt } and
// "saveFailed" { message }.

import init, * as core from "../../pkg/bizenv.js";
import { wasmSource } from "../runtime.js";
import { createWorkspaceStore } from "./workspace-store.js";

const ready = wasmSource().then((module_or_path) => init({ module_or_path }));

/** Rows of a table or a ledger sent back for the preview; the whole file stays here. */
const PREVIEW_ROWS = 20;
const SHOWN_ROWS = 1000;
/** Quiet time after an edit before the autosave is written. */
const AUTOSAVE_DELAY_MS = 300;

/** The Workspace methods the page may call, and whether they change the working set. */
const METHODS = {
  catalog: false, settings: false, dashboard: false, indicator: false, cases: false, case: false,
  ranking: false, chart: false, export: false, problems: false, sources: false, revision: false,
  checkCase: false, saveProject: false,
  setSettings: true, putCase: true, deleteCase: true, undo: true, importTable: true,
  loadSample: true, clear: true, loadProject: true,
};

let workspace = null;
let store = null;
/** The bytes of the last file previewed, kept for its import. */
let keptFile = null;
let savedRevision = 0;
let saveTimer = 0;
let saving = Promise.resolve();

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

function event(name, detail) {
  post({ type: "event", name, detail });
}

function scheduleSave() {
  if (!store) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => flush(), AUTOSAVE_DELAY_MS);
}

/** Writes what changed since the last autosave (only the indicators that changed). */
function flush() {
  clearTimeout(saveTimer);
  if (!store || !workspace) return Promise.resolve(null);
  saving = saving.then(async () => {
    if (workspace.revision() === savedRevision) return null;
    try {
      const record = workspace.autosave(savedRevision);
      const savedAt = await store.write(record);
      savedRevision = record.revision;
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
  async open({ storage = true } = {}) {
    workspace = new core.Workspace();
    store = storage ? await createWorkspaceStore() : null;
    const saved = store ? await store.read().catch(() => null) : null;
    if (saved) {
      try {
        workspace.restoreAutosave(saved.meta, saved.records);
        savedRevision = workspace.revision();
        return { restored: true, savedAt: saved.savedAt, failed: null };
      } catch (error) {
        // A record this release cannot read: the sample instead, and the reason for the page.
        workspace = new core.Workspace();
        workspace.loadSample();
        return { restored: false, savedAt: null, failed: messageOf(error) };
      }
    }
    workspace.loadSample();
    savedRevision = workspace.revision();
    return { restored: false, savedAt: null, failed: null, storage: Boolean(store) };
  },

  previewTable(bytes, fileName, options) {
    keptFile = { bytes: new Uint8Array(bytes), fileName };
    const table = core.parseTable(keptFile.bytes, fileName, options ?? {});
    const rowsTotal = table.rows.length;
    table.rows = table.rows.slice(0, PREVIEW_ROWS);
    return { ...table, rowsTotal };
  },

  previewLedger(indicatorId, fileName, options) {
    if (!keptFile) throw new Error("no file");
    const report = core.evaluateTable(indicatorId, keptFile.bytes, fileName, options ?? {});
    const { rows, ...source } = report.source;
    return {
      ...report,
      source: { ...source, rows: rows.slice(0, PREVIEW_ROWS), rowsTotal: rows.length },
      cases: report.cases.slice(0, SHOWN_ROWS),
      casesTotal: report.cases.length,
      problems: report.problems.slice(0, SHOWN_ROWS),
      problemsTotal: report.problems.length,
    };
  },

  async importKept(fileName, options, id) {
    if (!keptFile) throw new Error("no file");
    // What is saved now is what a cancelled import comes back to.
    await flush();
    const report = workspace.importTable(keptFile.bytes, fileName, options ?? {}, (progress) => {
      post({ id, type: "progress", progress });
      return true;
    });
    scheduleSave();
    return report;
  },

  flush: () => flush(),

  async forgetSaved() {
    clearTimeout(saveTimer);
    await saving;
    await store?.clear();
    savedRevision = workspace.revision();
    return null;
  },
};

self.addEventListener("message", async (message) => {
  const { id, type, args = [] } = message.data ?? {};
  try {
    await ready;
    let value;
    if (type in own) value = await own[type](...args, id);
    else if (type in METHODS) {
      if (!workspace) throw new Error("the workspace is not open");
      value = workspace[type](...args);
      if (METHODS[type]) scheduleSave();
    } else throw new Error(`unknown request ${type}`);
    post({ id, type: "done", value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (error) {
    const trapped = error instanceof WebAssembly.RuntimeError;
    post({ id, type: "error", message: messageOf(error), kind: error?.kind ?? (trapped ? "internal" : null), field: error?.field ?? null, trapped });
  }
});

// Leaving the page: what is not saved yet is written (the worker lives as long as the page).
self.addEventListener("close", () => flush());
