// Where the calculation core's wasm and the workspace worker come from.
//
// Served page (www/index.html): the files beside these modules — the core's
// init() fetches ../../pkg/core/bizenv_bg.wasm itself (the ledger module's,
// ../../pkg/ledger/bizenv_bg.wasm, when a file first needs it), and the worker
// is the module worker ./workspace-worker.js beside it.
//
// Single-file build (dist/bizenv.html, made by scripts/build-dist.mjs): this
// module is swapped at bundle time for scripts/dist/runtime-page.js (in the
// page) and scripts/dist/runtime-worker.js (in the worker), which give the
// wasm bytes inlined in the file and a Blob-URL worker made from the bundled
// worker code. Every other module is the same in both.

/**
 * What the core's init() gets as `module_or_path`: undefined means
 * bizenv_bg.wasm beside bizenv.js (fetched); the single file gives the bytes.
 */
export async function wasmSource() {
  return undefined;
}

/**
 * The same for the ledger module (ledger-module.js): undefined means its
 * bizenv_bg.wasm beside its bizenv.js; the single file gives it compiled.
 */
export async function ledgerWasmSource() {
  return undefined;
}

/** Starts a workspace worker (core/workspace-worker.js, a module worker): the page's working set. */
export function createWorkspaceWorker() {
  return new Worker(new URL("./workspace-worker.js", import.meta.url), { type: "module" });
}
