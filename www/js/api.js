// The only module that talks to the calculation core (Rust → WebAssembly).

import init, * as core from "../pkg/bizenv.js";

let ready = null;

/** Load the wasm module once; resolves to the API functions. */
export function loadApi() {
  if (!ready) {
    ready = init().then(() => ({
      workingTime: core.workingTime,
      addWorkingDays: core.addWorkingDays,
      // deadline() is addWorkingDays() with its warnings; fall back if absent.
      deadline:
        core.deadline ?? ((start, days, options) => ({ deadline: core.addWorkingDays(start, days, options), warnings: [] })),
      calendarDays: core.calendarDays,
      dayInfo: core.dayInfo,
      calendarCoverage: core.calendarCoverage,
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

/** Run `fn`; return { ok: true, value } or { ok: false, message }. */
export function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}
