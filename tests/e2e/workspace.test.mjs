// The workspace worker in headless Debian Chromium, through its promise client: the working set
// in the core's Workspace inside a module worker, a page of cases sorted and searched, an edit,
// autosave in IndexedDB from inside the worker and its restore in a fresh worker, and an import
// cancelled half-way (the worker stopped, a fresh one restoring the last autosave). The autosave
// in slices: a request answered between them, a half-written generation ignored, the records
// of the release before slices still read.
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { useBrowser } from "./support.mjs";

const site = useBrowser();

/**
 * Runs `body` in the page, after giving it `window.workspaceClient()`: a client of a fresh
 * workspace worker, `{ client, Cancelled, restarts, events }` (restarts: the reasons reported;
 * events: the worker's events, `{ name, detail }`, in order), and `window.ledgerOf(prefix, n)`.
 */
async function inWorker(page, body) {
  await page.evaluate(() => {
    window.workspaceClient ??= async () => {
      const { createWorkspaceClient, Cancelled } = await import("/js/core/workspace-client.js");
      const { createWorkspaceWorker } = await import("/js/core/runtime.js");
      const restarts = [];
      // The worker's events ("autosaveSlice", "saved"...) in the order they came.
      const events = [];
      const client = createWorkspaceClient({ startWorker: createWorkspaceWorker, onRestart: (reason) => restarts.push(reason), onEvent: (name, detail) => events.push({ name, detail }) });
      return { client, Cancelled, restarts, events };
    };
    // A 1.1 ledger of `n` cases `${prefix}0`…, each Fri 2023-07-14 09:00 → 10:00, as CSV bytes.
    window.ledgerOf ??= (prefix, n) => {
      const lines = ["办件编号,所属县区,受理时间,办结时间"];
      for (let i = 0; i < n; i++) lines.push(`${prefix}${i},麒麟区,2023-07-14 09:00,2023-07-14 10:00`);
      return new TextEncoder().encode(lines.join("\n"));
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
        const bytes = window.ledgerOf("CX-", 300_000);
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

  test("a 30 000-case import is saved in slices: a request is answered between them, and a fresh worker restores every case", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const result = await inWorker(page, async () => {
        const { client, events } = await window.workspaceClient();
        await client.request("open", [{ storage: true }]);
        await client.request("clear");
        await client.request("importFile", [window.ledgerOf("CS-", 30_000), "slices.csv", { indicator: "1.1" }]);
        events.length = 0;
        // The save asked for, and at once a page of cases: its answer goes into the same log.
        const flushed = client.request("flush");
        const asked = client.request("cases", ["1.1", { search: "CS-29999" }]).then((found) => events.push({ name: "answer", detail: found.matched }));
        const savedAt = await flushed;
        await asked;
        const log = events.map((e) => (e.name === "autosaveSlice" ? `slice ${e.detail.indicatorId} ${e.detail.offset}+${e.detail.cases}` : e.name === "answer" ? `answer ${e.detail}` : e.name));
        client.close();

        const fresh = (await window.workspaceClient()).client;
        const opened = await fresh.request("open", [{ storage: true }]);
        const all = await fresh.request("cases", ["1.1", { limit: 1 }]);
        const last = await fresh.request("cases", ["1.1", { offset: 29_999, limit: 1 }]);
        fresh.close();
        return { savedAt: typeof savedAt, log, restored: opened.restored, total: all.total, first: all.rows[0].id, last: last.rows[0].id };
      });
      // 30 000 cases in slices of 5 000: six slices, then the commit ("saved").
      const slices = result.log.filter((l) => l.startsWith("slice"));
      assert.deepEqual(slices, ["slice 1.1 0+5000", "slice 1.1 5000+5000", "slice 1.1 10000+5000", "slice 1.1 15000+5000", "slice 1.1 20000+5000", "slice 1.1 25000+5000"]);
      assert.equal(result.log.at(-1), "saved");
      // The page's request was answered while slices were still to be written, not after the save.
      const answered = result.log.indexOf("answer 1");
      assert.ok(answered >= 0 && answered < result.log.lastIndexOf("slice 1.1 25000+5000"), result.log.join(" | "));
      assert.deepEqual([result.savedAt, result.restored, result.total, result.first, result.last], ["string", true, 30_000, "CS-0", "CS-29999"]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("an edit to the cases being saved starts the save again: the autosave holds the edit, never a mix of two revisions", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const result = await inWorker(page, async () => {
        const { client, events } = await window.workspaceClient();
        await client.request("open", [{ storage: true }]);
        await client.request("clear");
        await client.request("importFile", [window.ledgerOf("RS-", 30_000), "restart.csv", { indicator: "1.1" }]);
        events.length = 0;
        // The save asked for, and at once a case added to the indicator it is writing.
        const flushed = client.request("flush");
        const put = client.request("putCase", ["1.1", null, { id: "RS-EDIT", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]).then((r) => events.push({ name: "put" }) && r);
        const savedAt = await flushed;
        await put;
        const log = events.map((e) => (e.name === "autosaveSlice" ? `slice ${e.detail.offset}+${e.detail.cases}` : e.name));
        client.close();

        const fresh = (await window.workspaceClient()).client;
        const opened = await fresh.request("open", [{ storage: true }]);
        const all = await fresh.request("cases", ["1.1", { search: "RS-EDIT" }]);
        fresh.close();
        return { savedAt: typeof savedAt, log, restored: opened.restored, total: all.total, edit: all.matched };
      });
      // The edit came while slices of 30 000 cases were being written; the save began again and
      // wrote the 30 001 cases (the last slice holds one), then committed.
      const put = result.log.indexOf("put");
      assert.ok(put >= 0 && put < result.log.indexOf("slice 30000+1"), result.log.join(" | "));
      assert.equal(result.log.filter((l) => l === "slice 0+5000").length >= 2, true, result.log.join(" | "));
      assert.equal(result.log.includes("saveFailed"), false);
      assert.deepEqual([result.savedAt, result.restored, result.total, result.edit], ["string", true, 30_001, 1]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a save that stopped half-way (chunks written, never committed) leaves the previous autosave whole; the next save clears its chunks", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const result = await inWorker(page, async () => {
        const { client } = await window.workspaceClient();
        await client.request("open", [{ storage: true }]);
        await client.request("putCase", ["1.1", null, { id: "HALF-KEPT", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        await client.request("flush");
        const before = (await client.request("cases", ["1.1", {}])).total;
        client.close();

        // Chunks of the next generation, as a worker stopped mid-save leaves them: no commit.
        const { createWorkspaceStore } = await import("/js/core/workspace-store.js");
        const store = await createWorkspaceStore();
        await store.read();
        const generation = store.nextGeneration();
        const half = (id) => JSON.stringify([{ id, start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        await store.writeChunk(generation, "1.1", 0, half("HALF-ORPHAN-0"));
        await store.writeChunk(generation, "1.1", 1, half("HALF-ORPHAN-1"));

        const second = (await window.workspaceClient()).client;
        const opened = await second.request("open", [{ storage: true }]);
        const kept = await second.request("cases", ["1.1", { search: "HALF-KEPT" }]);
        const halfFound = await second.request("cases", ["1.1", { search: "HALF-ORPHAN" }]);
        // The next save: a case added, written at once.
        await second.request("putCase", ["1.1", null, { id: "HALF-AFTER", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        await second.request("flush");
        second.close();

        const third = (await window.workspaceClient()).client;
        await third.request("open", [{ storage: true }]);
        const after = await third.request("cases", ["1.1", { search: "HALF-" }]);
        third.close();
        // What IndexedDB holds now: the chunks the meta record names, and no other.
        const db = await new Promise((ok, fail) => Object.assign(indexedDB.open("bizenv-workspace"), { onsuccess: (e) => ok(e.target.result), onerror: fail }));
        const [keys, meta] = await new Promise((ok) => {
          const tx = db.transaction("records");
          const k = tx.objectStore("records").getAllKeys();
          const m = tx.objectStore("records").get("meta");
          tx.oncomplete = () => ok([k.result, m.result]);
        });
        db.close();
        const named = Object.values(meta.indicators).reduce((n, ind) => n + ind.chunks, 0);
        return {
          restored: opened.restored,
          total: kept.total,
          before,
          kept: kept.matched,
          half: halfFound.matched,
          after: after.rows.map((r) => r.id).sort(),
          chunkKeys: keys.filter(Array.isArray).length,
          named,
          indicators: Object.keys(meta.indicators).length,
        };
      });
      assert.deepEqual([result.restored, result.total, result.kept, result.half], [true, result.before, 1, 0]);
      assert.deepEqual(result.after, ["HALF-AFTER", "HALF-KEPT"]);
      // The sample's 42 indicators with cases, each one chunk (none holds 5 000 cases).
      assert.deepEqual([result.indicators, result.named, result.chunkKeys], [42, 42, 42]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("an autosave of the release before slices (one record per indicator) is restored, then written again in chunks", async () => {
    const { page, problems, close } = await site.openPage("#/calculator");
    try {
      const result = await inWorker(page, async () => {
        const db = await new Promise((ok, fail) => Object.assign(indexedDB.open("bizenv-workspace", 1), { onupgradeneeded: (e) => e.target.result.createObjectStore("records"), onsuccess: (e) => ok(e.target.result), onerror: fail }));
        const records = (mode) => db.transaction("records", mode);
        await new Promise((ok) => {
          const tx = records("readwrite");
          const store = tx.objectStore("records");
          store.clear();
          const cases = JSON.stringify([
            { id: "OLD-1", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 10:00" },
            { id: "OLD-2", county: "宣威市", start: "2023-07-14 09:00", end: "2023-07-14 11:00" },
          ]);
          store.put({ id: "1.1", revision: 3, cases }, "indicator:1.1");
          store.put({ schema: "bizenv-workspace", version: 1, savedAt: "2026-11-29T08:00:00.000Z", meta: JSON.stringify({ asOf: "2023-12-29 17:00", settings: {} }), page: { followsNow: false } }, "meta");
          tx.oncomplete = ok;
        });
        const { client } = await window.workspaceClient();
        const opened = await client.request("open", [{ storage: true }]);
        const restored = await client.request("cases", ["1.1", {}]);
        await client.request("putCase", ["1.1", null, { id: "OLD-3", start: "2023-07-14 09:00", end: "2023-07-14 10:00" }]);
        await client.request("flush");
        client.close();
        const keys = await new Promise((ok) => {
          const request = records("readonly").objectStore("records").getAllKeys();
          request.onsuccess = () => ok(request.result);
        });
        db.close();
        const again = (await window.workspaceClient()).client;
        await again.request("open", [{ storage: true }]);
        const after = await again.request("cases", ["1.1", {}]);
        again.close();
        return {
          restored: opened.restored,
          savedAt: opened.savedAt,
          ids: restored.rows.map((r) => r.id),
          keys: keys.map((k) => (Array.isArray(k) ? k.join("/") : k)).sort(),
          afterIds: after.rows.map((r) => r.id),
        };
      });
      assert.deepEqual(result, {
        restored: true,
        savedAt: "2026-11-29T08:00:00.000Z",
        ids: ["OLD-1", "OLD-2"],
        keys: ["chunk/1.1/1/0", "meta"],
        afterIds: ["OLD-1", "OLD-2", "OLD-3"],
      });
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
