// The ledger worker: reading a ledger for the import view's preview (table,
// mapping, the evaluation as it would be added) and writing its exports run here, off the page's thread, so that a 100 000-row ledger does not
// freeze the page. It loads its own copy of the calculation core.
//
// Messages in:  { id, type, ...payload }
//   "table"   { bytes, fileName, options }            → parseTable (rows cut to a preview)
//   "ledger"  { indicatorId, bytes, fileName, options } → evaluateTable (the preview of an import;
//             adding the ledger to the data is the workspace worker's importTable)
//   "export"  { format: "xlsx" | "csv", report?, lang } → exportXlsx / exportCsv of `report`,
//             or of the last ledger evaluated here when `report` is absent
// Messages out: { id, type: "progress", stage } while working (stages:
// "parse", "evaluate", "export"), then { id, type: "done", value } or
// { id, type: "error", message, kind, field }.

import init, * as core from "../pkg/bizenv.js";
import { wasmSource } from "./runtime.js";

// The core sets memory aside itself before bulk work (in pieces, with fallible
// allocation): the worker does not call the allocator directly, where a size
// the tab cannot hold would trap instead of failing softly.
const ready = wasmSource().then((module_or_path) => init({ module_or_path }));

/** Rows of the table sent back for the preview; the whole table stays here. */
const PREVIEW_ROWS = 20;
/** Rows of cases and problems sent back for display (few enough to draw at once); exports get them all. */
const SHOWN_ROWS = 200;

/** The last ledger evaluated: { report, text } (text made when first exported). */
let lastLedger = null;

function progress(id, stage) {
  self.postMessage({ id, type: "progress", stage });
}

const handlers = {
  table({ id, bytes, fileName, options }) {
    progress(id, "parse");
    const table = core.parseTable(new Uint8Array(bytes), fileName, options ?? {});
    const rowsTotal = table.rows.length;
    table.rows = table.rows.slice(0, PREVIEW_ROWS);
    return { ...table, rowsTotal };
  },

  ledger({ id, indicatorId, bytes, fileName, options }) {
    lastLedger = null;
    progress(id, "evaluate");
    const report = core.evaluateTable(indicatorId, new Uint8Array(bytes), fileName, options ?? {});
    lastLedger = { report, text: null };
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

  export({ id, format, report, lang }) {
    progress(id, "export");
    let input;
    if (report === undefined || report === null) {
      if (!lastLedger) throw new Error("no report to export");
      // JSON text crosses into the core much faster than the object.
      lastLedger.text ??= JSON.stringify(lastLedger.report);
      input = lastLedger.text;
    } else {
      input = typeof report === "string" ? report : JSON.stringify(report);
    }
    if (format === "csv") return core.exportCsv(input, { lang });
    return core.exportXlsx(input, { lang });
  },
};

self.addEventListener("message", async (event) => {
  const message = event.data ?? {};
  const { id, type } = message;
  try {
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    const value = handler(message);
    const transfer = value instanceof Uint8Array ? [value.buffer] : [];
    self.postMessage({ id, type: "done", value }, transfer);
  } catch (error) {
    self.postMessage({
      id,
      type: "error",
      message: error instanceof Error ? error.message : String(error?.message ?? error),
      kind: error?.kind ?? null,
      field: error?.field ?? null,
    });
  }
});
