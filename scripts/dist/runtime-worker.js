// The single file's runtime, worker side: stands in for www/js/runtime.js
// when scripts/build-dist.mjs bundles worker.js. The page posts the compiled
// core as the worker's first message of type "bizenv-wasm" (see
// runtime-page.js); worker.js waits for it before any request. This module
// is evaluated before worker.js's body, so its listener runs first and keeps
// that message from worker.js's own listener.

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

export function createWorker() {
  throw new Error("a ledger worker does not start workers");
}

export function createWorkspaceWorker() {
  throw new Error("a worker does not start workers");
}
