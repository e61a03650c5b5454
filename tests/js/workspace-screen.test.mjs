// The page's workspace handle (www/js/core/workspace.js) against a fake worker: the indicator
// view's screen is one request whose parts answer the separate questions (indicator, each
// chart, the page of cases) with no further request; an edit's `state` is asked right behind
// the edit, before its answer.
// Run: node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

// workspace.js marks <html data-busy> while a request is pending: a stand-in for that element.
globalThis.document = { documentElement: { dataset: {} } };
const { createWorkspace } = await import("../../www/js/core/workspace.js");

/** A stand-in for the workspace worker: records what was posted; the test answers by id. */
function fakeWorker() {
  const listeners = [];
  const worker = {
    posted: [],
    postMessage(message) {
      this.posted.push(message);
    },
    terminate() {},
    addEventListener(type, fn) {
      if (type === "message") listeners.push(fn);
    },
    answer(id, value) {
      for (const fn of listeners) fn({ data: { id, type: "done", value } });
    },
  };
  return worker;
}

/** Lets the promise chains run (settingsChain.then → postMessage). */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

test("the indicator screen is one request, and its parts answer the separate questions", async () => {
  const worker = fakeWorker();
  const ws = createWorkspace({ startWorker: () => worker, storage: false });
  const query = { offset: 0, limit: 50, sort: { column: "value", descending: true } };
  const screen = ws.indicatorScreen("1.1", query);
  await turn();
  assert.deepEqual(
    worker.posted.map((m) => [m.type, m.args]),
    [["indicatorScreen", ["1.1", { cases: query }]]],
  );
  worker.answer(worker.posted[0].id, {
    view: { summary: { count: 2 } },
    charts: [
      { kind: "counties", svg: "<svg>counties</svg>" },
      { kind: "trend", error: "没有可画的月份" },
    ],
    cases: { total: 2, matched: 2, rows: [{ id: "B" }, { id: "A" }] },
  });
  assert.equal((await screen).cases.total, 2);
  // Asked as the view asks them: answered from the screen, nothing more sent.
  assert.deepEqual(await ws.indicator("1.1"), { summary: { count: 2 } });
  assert.equal(await ws.chart("counties", "1.1"), "<svg>counties</svg>");
  assert.deepEqual((await ws.cases("1.1", { offset: 0, limit: 50, sort: { column: "value", descending: true } })).rows, [{ id: "B" }, { id: "A" }]);
  assert.deepEqual(
    worker.posted.map((m) => m.type),
    ["indicatorScreen"],
  );
  // A chart the core could not draw is not kept (as any failed answer): asked again, it is a
  // request of its own; so is another page.
  const trend = ws.chart("trend", "1.1");
  const next = ws.cases("1.1", { offset: 50, limit: 50, sort: { column: "value", descending: true } });
  await turn();
  assert.deepEqual(
    worker.posted.map((m) => [m.type, m.args]),
    [
      ["indicatorScreen", ["1.1", { cases: query }]],
      ["chart", ["trend", "1.1"]],
      ["cases", ["1.1", { offset: 50, limit: 50, sort: { column: "value", descending: true } }]],
    ],
  );
  worker.answer(worker.posted[1].id, "<svg>trend</svg>");
  worker.answer(worker.posted[2].id, { total: 2, matched: 2, rows: [] });
  assert.equal(await trend, "<svg>trend</svg>");
  assert.deepEqual((await next).rows, []);
  assert.equal(document.documentElement.dataset.busy, undefined);
});

test("an edit's state is asked behind it at once, and the answers after it are fresh", async () => {
  const worker = fakeWorker();
  const ws = createWorkspace({ startWorker: () => worker, storage: false });
  const first = ws.indicator("1.1");
  await turn();
  worker.answer(worker.posted[0].id, { summary: { count: 1 } });
  assert.deepEqual(await first, { summary: { count: 1 } });

  const put = ws.putCase("1.1", null, { id: "C" });
  await turn();
  // Both sent before either is answered: no round trip between the edit and the mirror.
  assert.deepEqual(
    worker.posted.slice(1).map((m) => m.type),
    ["putCase", "state"],
  );
  worker.answer(worker.posted[1].id, { key: 3, errors: [] });
  worker.answer(worker.posted[2].id, {
    settings: {},
    asOf: "",
    nowUsed: null,
    provenance: "real",
    sources: [],
    sampleCases: 0,
    cases: 2,
    revision: 7,
  });
  assert.deepEqual(await put, { key: 3, errors: [] });
  // The revision moved: the indicator is asked again, not taken from before the edit.
  const after = ws.indicator("1.1");
  await turn();
  assert.deepEqual(
    worker.posted.slice(3).map((m) => m.type),
    ["indicator"],
  );
  worker.answer(worker.posted[3].id, { summary: { count: 2 } });
  assert.deepEqual(await after, { summary: { count: 2 } });
});
