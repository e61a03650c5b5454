// The workspace worker in headless Debian Chromium, through its promise client: the working set
// in the core's Workspace inside a module worker, a page of cases sorted and searched, an edit,
// autosave in IndexedDB from inside the worker and its restore in a fresh worker, and an import
// cancelled half-way (the worker stopped, a fresh one restoring the last autosave).
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { useBrowser } from "./support.mjs";

const site = useBrowser();

/**
 * Runs `body` in the page, after giving it `window.workspaceClient()`: a client of a fresh
 * workspace worker, `{ client, Cancelled, restarts }` (restarts: the reasons reported).
 */
async function inWorker(page, body) {
  await page.evaluate(() => {
    window.workspaceClient ??= async () => {
      const { createWorkspaceClient, Cancelled } = await import("/js/core/workspace-client.js");
      const { createWorkspaceWorker } = await import("/js/runtime.js");
      const restarts = [];
      const client = createWorkspaceClient({ startWorker: createWorkspaceWorker, onRestart: (reason) => restarts.push(reason) });
      return { client, Cancelled, restarts };
    };
  });
  return page.evaluate(body);
}

describe("the workspace worker", () => {
  test("opens on the sample, answers a page of cases, keeps an edit, autosaves it and restores it in a fresh worker", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const first = await inWorker(page, async () => {
        const { client } = await window.workspaceClient();
        const opened = await client.request("open", [{ storage: true }]);
        const before = (await client.request("indicator", ["1.1"])).cases;
        // 2023-07-14 is a Friday: 09:00–12:00 and 14:00–15:00 of the default sessions are
        // 240 working minutes, 240 / 420 = 0.57 of a 7-hour working day, over the 0.4 target.
        const put = await client.request("putCase", ["1.1", null, { id: "QJ-WS-1", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 15:00" }]);
        const found = await client.request("cases", ["1.1", { search: "qj-ws-1" }]);
        const late = await client.request("cases", ["1.1", { lateOnly: true, limit: 1000 }]);
        const sorted = await client.request("cases", ["1.1", { sort: { column: "value", descending: true }, limit: 3 }]);
        const savedAt = await client.request("flush");
        const valueColumn = found.columns.findIndex((c) => c.id === "value");
        const summary = {
          opened,
          before,
          put: { kept: put.key !== null, errors: put.errors },
          found: { matched: found.matched, total: found.total, late: found.rows[0].late, met: found.rows[0].met, value: found.rows[0].cells[valueColumn].t },
          lateIncludesIt: late.rows.some((r) => r.id === "QJ-WS-1"),
          lateAllLate: late.rows.every((r) => r.late),
          sortedValues: sorted.rows.map((r) => r.cells[valueColumn].v),
          savedAt,
        };
        client.close();
        return summary;
      });
      assert.equal(first.opened.restored, false);
      assert.deepEqual(first.put, { kept: true, errors: [] });
      assert.deepEqual(first.found, { matched: 1, total: first.before + 1, late: true, met: false, value: "0.57" });
      assert.equal(first.lateIncludesIt, true);
      assert.equal(first.lateAllLate, true);
      assert.equal(first.sortedValues.length, 3);
      assert.ok(first.sortedValues[0] >= first.sortedValues[1] && first.sortedValues[1] >= first.sortedValues[2], first.sortedValues.join(" "));
      assert.equal(typeof first.savedAt, "string");

      // A fresh worker (as after a reload or a crash) finds the case in the autosave.
      const second = await inWorker(page, async () => {
        const { client } = await window.workspaceClient();
        const opened = await client.request("open", [{ storage: true }]);
        const found = await client.request("cases", ["1.1", { search: "QJ-WS-1" }]);
        client.close();
        return { restored: opened.restored, matched: found.matched, total: found.total };
      });
      assert.deepEqual(second, { restored: true, matched: 1, total: first.before + 1 });
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("forgetting the autosave keeps nothing: requests that follow, and a flush, write no sample back", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const result = await inWorker(page, async () => {
        const { client } = await window.workspaceClient();
        await client.request("open", [{ storage: true }]);
        await client.request("putCase", ["1.1", null, { id: "QJ-GONE", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        const firstSave = await client.request("flush");
        // 清除数据 as the page does it: the sample back, then the autosave forgotten; the views
        // then ask again (each request used to put the pending autosave of the sample back).
        await client.request("loadSample");
        await client.request("forgetSaved");
        await client.request("dashboard");
        await client.request("indicator", ["1.1"]);
        const afterForget = await client.request("flush");
        const reopened = await client.request("open", [{ storage: true }]);
        const gone = await client.request("cases", ["1.1", { search: "QJ-GONE" }]);
        // The next real edit is saved whole again.
        await client.request("putCase", ["1.1", null, { id: "QJ-NEXT", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        const nextSave = await client.request("flush");
        const third = await client.request("open", [{ storage: true }]);
        const next = await client.request("cases", ["1.1", { search: "QJ-NEXT" }]);
        client.close();
        return { firstSave: typeof firstSave, afterForget, restored: reopened.restored, gone: gone.matched, nextSave: typeof nextSave, thirdRestored: third.restored, next: next.matched };
      });
      assert.deepEqual(result, { firstSave: "string", afterForget: null, restored: false, gone: 0, nextSave: "string", thirdRestored: true, next: 1 });
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("an import cancelled half-way stops the worker; a fresh one comes back with the last autosave", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const result = await inWorker(page, async () => {
        const { client, Cancelled, restarts } = await window.workspaceClient();
        await client.request("open", [{ storage: true }]);
        await client.request("putCase", ["1.1", null, { id: "QJ-KEEP", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        await client.request("flush");
        // 300 000 rows: many chunks of 4 096, so the first progress report comes long before the end.
        const lines = ["办件编号,所属县区,受理时间,办结时间"];
        for (let i = 0; i < 300_000; i++) lines.push(`CX-${i},麒麟区,2023-07-14 09:00,2023-07-14 10:00`);
        const bytes = new TextEncoder().encode(lines.join("\n"));
        const controller = new AbortController();
        const progress = [];
        const outcome = await client
          .request("importFile", [bytes, "big.csv", { indicator: "1.1" }], {
            signal: controller.signal,
            onProgress: (p) => {
              progress.push(p.rows);
              controller.abort();
            },
          })
          .then(() => "finished", (error) => (error instanceof Cancelled ? "cancelled" : `failed: ${error.message}`));
        const reopened = await client.request("open", [{ storage: true }]);
        const kept = await client.request("cases", ["1.1", { search: "QJ-KEEP" }]);
        const imported = await client.request("cases", ["1.1", { search: "CX-" }]);
        client.close();
        return { outcome, firstProgress: progress[0], restarts, restored: reopened.restored, kept: kept.matched, imported: imported.matched };
      });
      assert.equal(result.outcome, "cancelled");
      assert.ok(result.firstProgress > 0 && result.firstProgress < 300_000, String(result.firstProgress));
      assert.deepEqual(result.restarts, ["cancelled"]);
      assert.deepEqual([result.restored, result.kept, result.imported], [true, 1, 0]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
