// The workspace client's bookkeeping (www/js/core/workspace-client.js) against a fake worker:
// answers matched to their requests by id, progress forwarded, errors with kind and field,
// cancel and crash recovery (a fresh worker, the lost requests rejected, the page told).
// Run: node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

import { Cancelled, CoreError, createWorkspaceClient } from "../../www/js/core/workspace-client.js";

/** A stand-in for a Worker: records what was posted; the test answers through `reply`/`fail`. */
function fakeWorkers() {
  const started = [];
  function startWorker() {
    const listeners = { message: [], error: [] };
    const worker = {
      posted: [],
      terminated: false,
      postMessage(message) {
        this.posted.push(message);
      },
      terminate() {
        this.terminated = true;
      },
      addEventListener(type, fn) {
        listeners[type].push(fn);
      },
      send(data) {
        for (const fn of listeners.message) fn({ data });
      },
      crash(message) {
        for (const fn of listeners.error) fn({ message, preventDefault() {} });
      },
    };
    started.push(worker);
    return worker;
  }
  return { started, startWorker };
}

test("answers reach the request with the same id, whatever their order", async () => {
  const { started, startWorker } = fakeWorkers();
  const client = createWorkspaceClient({ startWorker });
  const first = client.request("dashboard");
  const second = client.request("cases", ["1.1", { offset: 50, limit: 50 }]);
  const [w] = started;
  assert.deepEqual(w.posted, [
    { id: 1, type: "dashboard", args: [] },
    { id: 2, type: "cases", args: ["1.1", { offset: 50, limit: 50 }] },
  ]);
  w.send({ id: 2, type: "done", value: { matched: 7 } });
  w.send({ id: 1, type: "done", value: { cases: 3 } });
  assert.deepEqual(await second, { matched: 7 });
  assert.deepEqual(await first, { cases: 3 });
  assert.equal(client.pendingCount(), 0);
});

test("progress goes to the request's onProgress; an error carries the core's kind and field", async () => {
  const { started, startWorker } = fakeWorkers();
  const client = createWorkspaceClient({ startWorker });
  const seen = [];
  const importing = client.request("importTable", [], { onProgress: (p) => seen.push(p.rows) });
  started[0].send({ id: 1, type: "progress", progress: { rows: 4096 } });
  started[0].send({ id: 1, type: "progress", progress: { rows: 8192 } });
  started[0].send({ id: 1, type: "error", message: "第 3 行：开始时间无法识别", kind: "parse", field: "start" });
  const error = await importing.catch((e) => e);
  assert.ok(error instanceof CoreError);
  assert.deepEqual([error.message, error.kind, error.field], ["第 3 行：开始时间无法识别", "parse", "start"]);
  assert.deepEqual(seen, [4096, 8192]);
});

test("cancel: the worker is stopped, a fresh one started, every lost request rejected, the page told", async () => {
  const { started, startWorker } = fakeWorkers();
  const reasons = [];
  const client = createWorkspaceClient({ startWorker, onRestart: (r) => reasons.push(r) });
  const controller = new AbortController();
  const importing = client.request("importTable", [], { signal: controller.signal });
  const waiting = client.request("dashboard");
  controller.abort();
  assert.ok((await importing.catch((e) => e)) instanceof Cancelled);
  assert.ok((await waiting.catch((e) => e)) instanceof Cancelled);
  assert.equal(started.length, 2);
  assert.equal(started[0].terminated, true);
  assert.deepEqual(reasons, ["cancelled"]);
  // A late answer of the stopped worker is ignored; the new one answers the next request.
  started[0].send({ id: 1, type: "done", value: "stale" });
  const next = client.request("dashboard");
  assert.deepEqual(started[1].posted, [{ id: 3, type: "dashboard", args: [] }]);
  started[1].send({ id: 3, type: "done", value: "fresh" });
  assert.equal(await next, "fresh");
  assert.equal(client.restarts(), 1);
});

test("aborting after the answer changes nothing; an aborted signal never sends", async () => {
  const { started, startWorker } = fakeWorkers();
  const client = createWorkspaceClient({ startWorker });
  const controller = new AbortController();
  const asked = client.request("ranking", [], { signal: controller.signal });
  started[0].send({ id: 1, type: "done", value: 10 });
  assert.equal(await asked, 10);
  controller.abort();
  assert.equal(started.length, 1);
  assert.equal(started[0].terminated, false);
  const never = client.request("ranking", [], { signal: controller.signal });
  assert.ok((await never.catch((e) => e)) instanceof Cancelled);
  assert.equal(started[0].posted.length, 1);
});

test("a crash or a trapped Workspace: a fresh worker, the requests fail with kind internal", async () => {
  const { started, startWorker } = fakeWorkers();
  const reasons = [];
  const client = createWorkspaceClient({ startWorker, onRestart: (r) => reasons.push(r) });
  const lost = client.request("dashboard");
  started[0].crash("out of memory");
  const error = await lost.catch((e) => e);
  assert.ok(error instanceof CoreError);
  assert.equal(error.kind, "internal");
  const trapping = client.request("putCase", ["1.1", null, {}]);
  started[1].send({ id: 2, type: "error", message: "unreachable", kind: "internal", trapped: true });
  assert.equal((await trapping.catch((e) => e)).message, "unreachable");
  assert.equal(started.length, 3);
  assert.deepEqual(reasons, ["crashed", "trapped"]);
});

test("events go to onEvent, not to a request", () => {
  const { started, startWorker } = fakeWorkers();
  const events = [];
  const client = createWorkspaceClient({ startWorker, onEvent: (name, detail) => events.push([name, detail]) });
  client.request("dashboard");
  started[0].send({ type: "event", name: "saved", detail: { savedAt: "2026-11-30T04:00:00Z" } });
  assert.deepEqual(events, [["saved", { savedAt: "2026-11-30T04:00:00Z" }]]);
  assert.equal(client.pendingCount(), 1);
});
