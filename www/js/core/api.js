// The only module that talks to the calculation core (Rust → WebAssembly).

import init, * as core from "../../pkg/core/bizenv.js";
import { wasmSource } from "./runtime.js";

let ready = null;

/** Load the wasm module once; resolves to the API functions. */
export function loadApi() {
  if (!ready) {
    ready = wasmSource()
      .then((module_or_path) => init({ module_or_path }))
      .then(() => ({
        workingTime: core.workingTime,
        addWorkingDays: core.addWorkingDays,
        deadline: core.deadline,
        calendarDays: core.calendarDays,
        dayInfo: core.dayInfo,
        monthInfo: core.monthInfo,
        spanMonth: core.spanMonth,
        calendarCoverage: core.calendarCoverage,
        catalog: core.catalog,
        loadCatalog: core.loadCatalog,
        sampleDataset: core.sampleDataset,
        evaluate: core.evaluate,
        evaluateAll: core.evaluateAll,
        rankCounties: core.rankCounties,
        Calculator: core.Calculator,
        caseFields: core.caseFields,
        checkCalendarCsv: core.checkCalendarCsv,
        checkSettings: core.checkSettings,
        saveProject: core.saveProject,
        loadProject: core.loadProject,
        exportCsv: core.exportCsv,
        chartSvg: core.chartSvg,
      }));
  }
  return ready;
}

/** The readable message of whatever the core threw (Error, string or other). */
export function messageOf(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  if (error && typeof error.message === "string") return error.message;
  return String(error);
}

/**
 * Run `fn`; return { ok: true, value } or { ok: false, message, kind, field }.
 * `kind` and `field` are the core's (field: the input the error is about,
 * such as "start", "end", "stops", "sessions", "asOf"; null when unknown).
 */
export function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, message: messageOf(error), kind: error?.kind ?? null, field: error?.field ?? null };
  }
}
