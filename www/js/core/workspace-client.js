// The page's side of the workspace worker (workspace-worker.js): the working set lives there, in
// the core's Workspace; the page sends edits and asks for what a view shows, through
// `request(type, args, { onProgress, signal })`, one promise per request.
//
// Bookkeeping only (no DOM, no wasm): request ids, the answers matched to them, progress
// forwarded, and recovery. A request whose `signal` aborts while the worker works on it stops
// the worker (a Workspace call cannot be interrupted from outside) and starts a fresh one, which
// restores the last autosave; so does a worker that crashes or whose Workspace trapped. The
// requests lost that way reject, and `onRestart(reason)` tells the page ("cancelled", "crashed",
// "trapped"), so it can say so and ask again.
//
// Messages to the worker:   { id, type, args }
// Messages from the worker: { id, type: "progress", progress }
//                           { id, type: "done", value }
//                           { id, type: "error", message, kind, field, trapped? }
//                           { type: "event", name, detail }   (autosave outcome and the like)

/** The rejection of a request that was cancelled (its signal aborted, or the worker restarted). */
export class Cancelled extends Error {
  constructor(message = "cancelled") {
    super(message);
    this.name = "Cancelled";
  }
}

/** An error the core reported, with its `kind` and `field`. */
export class CoreError extends Error {
  constructor(message, kind, field) {
    super(message);
    this.name = "CoreError";
    this.kind = kind ?? null;
    this.field = field ?? null;
  }
}

/**
 * @param startWorker  () → a Worker-like object ({ postMessage, terminate, addEventListener })
 * @param onRestart    (reason) → void, after a fresh worker replaced the old one
 * @param onEvent      (name, detail) → void, for the worker's unsolicited events
 */
export function createWorkspaceClient({ startWorker, onRestart = () => {}, onEvent = () => {} }) {
  let worker = null;
  let nextId = 1;
  let restarts = 0;
  /** id → { resolve, reject, onProgress, type } of the requests sent and not answered. */
  const pending = new Map();

  function start() {
    const current = startWorker();
    worker = current;
    current.addEventListener("message", (event) => {
      if (worker !== current) return; // an answer of a worker already replaced
      receive(event.data ?? {});
    });
    current.addEventListener("error", (event) => {
      event?.preventDefault?.();
      if (worker !== current) return;
      restart("crashed", event?.message || "worker error");
    });
  }

  function receive(message) {
    if (message.type === "event") {
      onEvent(message.name, message.detail);
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return; // an answer to a request given up
    if (message.type === "progress") {
      entry.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.type === "done") entry.resolve(message.value);
    else entry.reject(new CoreError(message.message, message.kind, message.field));
    // A Workspace that trapped may hold half an edit: never ask it again.
    if (message.trapped) restart("trapped", message.message);
  }

  /** Stops the worker, fails what it was doing, starts a fresh one (which restores the autosave). */
  function restart(reason, detail = reason) {
    const lost = [...pending.values()];
    pending.clear();
    worker?.terminate();
    worker = null;
    restarts += 1;
    start();
    for (const entry of lost) {
      entry.reject(reason === "cancelled" ? new Cancelled() : new CoreError(String(detail), "internal", null));
    }
    onRestart(reason);
  }

  /**
   * Sends one request; resolves to the worker's answer. `onProgress(progress)` is called for each
   * progress report; `signal` (an AbortSignal) cancels it: the promise rejects with Cancelled.
   */
  function request(type, args = [], { onProgress, signal, transfer = [] } = {}) {
    if (signal?.aborted) return Promise.reject(new Cancelled());
    if (!worker) start();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, type });
      signal?.addEventListener("abort", () => {
        if (pending.has(id)) restart("cancelled");
      });
      worker.postMessage({ id, type, args }, transfer);
    });
  }

  return {
    request,
    /** Requests sent and not answered yet. */
    pendingCount: () => pending.size,
    /** How many times a fresh worker replaced the old one. */
    restarts: () => restarts,
    /** Stops the worker for good (tests, page unload). */
    close() {
      worker?.terminate();
      worker = null;
      for (const entry of pending.values()) entry.reject(new Cancelled("closed"));
      pending.clear();
    },
  };
}
