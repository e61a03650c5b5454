// The page's side of the ledger worker (worker.js): one request at a time,
// its stages reported as they happen, and a cancel that really stops the
// work (the worker is terminated and a fresh one started).

import { createWorker } from "./runtime.js";

// One Cancelled and one CoreError for both workers, so that `instanceof` means the same everywhere.
export { Cancelled, CoreError } from "./core/workspace-client.js";
import { Cancelled, CoreError } from "./core/workspace-client.js";

export function createWorkerClient() {
  let worker = null;
  let nextId = 1;
  /** Counts the workers started: a new one knows nothing of what the old one kept. */
  let generation = 0;
  /** The request in progress: { id, resolve, reject, onStage } or null. */
  let pending = null;

  function start() {
    generation += 1;
    worker = createWorker();
    worker.addEventListener("message", (event) => {
      const message = event.data ?? {};
      if (!pending || message.id !== pending.id) return;
      if (message.type === "progress") {
        pending.onStage?.(message.stage);
        return;
      }
      const { resolve, reject } = pending;
      pending = null;
      if (message.type === "done") resolve(message.value);
      else reject(new CoreError(message.message, message.kind, message.field));
    });
    worker.addEventListener("error", (event) => {
      // A worker that cannot start (or crashed): fail the request; the next one starts afresh.
      event.preventDefault?.();
      const failed = pending;
      pending = null;
      worker?.terminate();
      worker = null;
      failed?.reject(new CoreError(event.message || "worker error", "internal", null));
    });
  }

  /**
   * Sends `{ type, ...payload }`; resolves to the worker's value. `onStage(stage)`
   * is called for each stage the worker reaches. A request still running is
   * cancelled first.
   */
  function request(type, payload, { onStage, transfer = [] } = {}) {
    if (pending) cancel();
    if (!worker) start();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending = { id, resolve, reject, onStage };
      worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  /** Stops the request in progress (if any); its promise rejects with Cancelled. */
  function cancel() {
    const stopped = pending;
    pending = null;
    if (worker) worker.terminate();
    worker = null;
    start();
    stopped?.reject(new Cancelled());
    return Boolean(stopped);
  }

  return { request, cancel, busy: () => pending !== null, generation: () => (worker ? generation : -1) };
}
