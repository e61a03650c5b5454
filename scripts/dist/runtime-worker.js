// The single file's runtime, worker side: stands in for www/js/core/runtime.js
// when scripts/build-dist.mjs bundles core/workspace-worker.js. The page posts
// the compiled core as the worker's first message of type "bizenv-wasm" (see
// runtime-page.js); the worker waits for it before any request. This module
// is evaluated before the worker's body, so its listener runs first and keeps
// that message from the worker's own listener. The ledger module's wasm is
// inlined here, and unpacked only when a file needs it.

import { LEDGER_WASM_GZIP_BASE64 } from "bizenv:inline";
import { compileInlined } from "./unpack.js";

const WASM_MESSAGE = "bizenv-wasm";

const received = new Promise((resolve) => {
  self.addEventListener("message", function take(event) {
    if (event.data?.type !== WASM_MESSAGE) return;
    event.stopImmediatePropagation();
    self.removeEventListener("message", take);
    resolve(event.data.module);
  });
});

export function wasmSource() {
  return received;
}

let ledger = null;

/** The ledger module, inlined in this worker's code, unpacked and compiled when first needed. */
export function ledgerWasmSource() {
  ledger ??= compileInlined(LEDGER_WASM_GZIP_BASE64);
  return ledger;
}

export function createWorkspaceWorker() {
  throw new Error("a worker does not start workers");
}
