// Where the calculation core's wasm and the workspace worker come from.
//
// Served page (www/index.html): the page fetches ../../pkg/core/bizenv_bg.wasm and compiles it
// once (compiled while it downloads); the compiled WebAssembly.Module goes to the core's init()
// on the page and is posted to the workspace worker (the module worker ./workspace-worker.js),
// which instantiates it: one fetch and one compile for both, not two. The ledger module
// (ledger-module.js) is the worker's alone: its glue fetches ../../pkg/ledger/bizenv_bg.wasm
// when a file first needs it.
//
// Single-file build (dist/bizenv.html, made by scripts/build-dist.mjs): this
// module is swapped at bundle time for scripts/dist/runtime-page.js (in the
// page) and scripts/dist/runtime-worker.js (in the worker), which give the
// wasm bytes inlined in the file and a Blob-URL worker made from the bundled
// worker code, with the same hand-over of the compiled module. Every other
// module is the same in both.

/** The message that hands a worker the compiled core (its first; see createWorkspaceWorker). */
const WASM_MESSAGE = "bizenv-wasm";

const inWorker = typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope;

/**
 * In the worker: the compiled core, from the page. This module is evaluated before the worker's
 * body, so this listener runs first and keeps that message from the worker's own; requests that
 * came before it wait there for this promise.
 */
const received = inWorker
  ? new Promise((resolve) => {
      self.addEventListener("message", function take(event) {
        if (event.data?.type !== WASM_MESSAGE) return;
        event.stopImmediatePropagation();
        self.removeEventListener("message", take);
        resolve(event.data.module);
      });
    })
  : null;

let compiled = null;

/** On the page: bizenv_bg.wasm fetched and compiled, once. */
async function compileCore() {
  const response = await fetch(new URL("../../pkg/core/bizenv_bg.wasm", import.meta.url));
  if (!response.ok) throw new Error(`pkg/core/bizenv_bg.wasm: HTTP ${response.status}`);
  // Compiling while the bytes arrive needs the server to say application/wasm; else all at once.
  if (response.headers.get("Content-Type")?.split(";")[0].trim() === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** What the core's init() gets as `module_or_path`: the compiled core (a WebAssembly.Module). */
export function wasmSource() {
  if (inWorker) return received;
  compiled ??= compileCore();
  return compiled;
}

/**
 * The ledger module's wasm for its init() (ledger-module.js, in the worker): undefined means its
 * bizenv_bg.wasm beside its bizenv.js, fetched when first needed; the single file gives it
 * compiled.
 */
export async function ledgerWasmSource() {
  return undefined;
}

/** Starts a workspace worker (core/workspace-worker.js, a module worker), handed the compiled core. */
export function createWorkspaceWorker() {
  const worker = new Worker(new URL("./workspace-worker.js", import.meta.url), { type: "module" });
  // Messages sent before this one wait in the worker until it has the core.
  wasmSource().then(
    (module) => worker.postMessage({ type: WASM_MESSAGE, module }),
    () => {}, // the page itself reports a core that cannot load
  );
  return worker;
}
