// The single file's runtime, page side: stands in for www/js/core/runtime.js when
// scripts/build-dist.mjs bundles the page (see that module for the contract).
//
// The core's wasm is inlined gzip-compressed as base64 (unpack.js); it is
// unpacked with the browser's own DecompressionStream and compiled once. The
// ledger module's is inlined in the worker's code, unpacked there when a file
// first needs it (runtime-worker.js). The compiled module is given to the
// core's init() here and posted to the workspace worker, so nothing is
// fetched and nothing is compiled twice.
//
// The worker is a *classic* worker from a Blob URL of the bundled worker code
// (one script, no imports). From file:// and in a sandboxed frame (opaque
// origin) a worker script URL is refused, and Chromium refuses a Blob-URL
// *module* worker there too; a classic Blob-URL worker starts.

import { WASM_GZIP_BASE64, WORKSPACE_WORKER_SOURCE } from "bizenv:inline";
import { compileInlined } from "./unpack.js";

/** The message that hands a worker the compiled core (runtime-worker.js takes it). */
const WASM_MESSAGE = "bizenv-wasm";

let compiled = null;

/** The core as a WebAssembly.Module, unpacked and compiled on first use. */
function compiledCore() {
  compiled ??= compileInlined(WASM_GZIP_BASE64);
  return compiled;
}

export function wasmSource() {
  return compiledCore();
}

const workerUrls = new Map();

/** A classic Blob-URL worker of bundled `source`, handed the compiled core first. */
function startWorker(source) {
  if (!workerUrls.has(source)) workerUrls.set(source, URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  const worker = new Worker(workerUrls.get(source));
  // Messages sent before this one wait in the worker until it has the core.
  compiledCore().then(
    (module) => worker.postMessage({ type: WASM_MESSAGE, module }),
    () => {}, // the page itself reports a core that cannot load
  );
  return worker;
}

/** The ledger module is the worker's (runtime-worker.js): the page never loads it. */
export function ledgerWasmSource() {
  return Promise.reject(new Error("the page does not load the ledger module; its worker does"));
}

export function createWorkspaceWorker() {
  return startWorker(WORKSPACE_WORKER_SOURCE);
}
