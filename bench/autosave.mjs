// How long the autosave holds the workspace worker after a large import (issue 10: "the
// autosave never holds the worker long").
//
//   make build && node bench/autosave.mjs [rows=100000] [runs=3]
//
// In headless Debian Chromium, through the worker's promise client (www/js/core/): a fresh
// workspace worker with IndexedDB, a generated 1.1 ledger of `rows` cases imported, then the
// autosave asked for ("flush") while the page keeps asking the worker for its revision, one
// request after the other. The longest of those round trips is how long a view asked during the
// save would have waited for the worker. Prints, per run and as medians of `runs` fresh pages:
// the save from start to written, the longest round trip during it, and the round trips counted.
// ($E2E_WWW serves another copy of www/, e.g. an older build, for a before/after.)

import { chromium } from "playwright-core";

import { startServer } from "../tests/e2e/server.mjs";

const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function oneRun(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/calculator`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 60_000 });
  const result = await page.evaluate(async (rows) => {
    const { createWorkspaceClient } = await import("/js/core/workspace-client.js");
    const { createWorkspaceWorker } = await import("/js/core/runtime.js");
    const client = createWorkspaceClient({ startWorker: createWorkspaceWorker });
    await client.request("open", [{ storage: true }]);
    const counties = ["麒麟区", "沾益区", "马龙区", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "曲靖经开区"];
    const lines = ["办件编号,企业名称,所属县区,受理时间,办结时间"];
    for (let i = 0; i < rows; i++) {
      const day = String(3 + (i % 25)).padStart(2, "0");
      lines.push(`Q${i},企业${i},${counties[i % 10]},2023-07-${day} 09:00,2023-07-${day} ${10 + (i % 8)}:30`);
    }
    const bytes = new TextEncoder().encode(lines.join("\n"));
    await client.request("importFile", [bytes, "bench.csv", { indicator: "1.1" }]);
    let saving = true;
    const t0 = performance.now();
    const saved = client.request("flush").then((v) => {
      saving = false;
      return { savedAt: v, ms: performance.now() - t0 };
    });
    const trips = [];
    while (saving) {
      const a = performance.now();
      await client.request("revision");
      trips.push(performance.now() - a);
    }
    const { savedAt, ms } = await saved;
    client.close();
    return { written: typeof savedAt === "string", saveMs: ms, longestTrip: trips.reduce((a, b) => Math.max(a, b), 0), trips: trips.length };
  }, ROWS);
  await context.close();
  return result;
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await oneRun(browser, server.url);
      console.log(`run ${i + 1}: written ${r.written}, save ${r.saveMs.toFixed(0)} ms, longest round trip ${r.longestTrip.toFixed(0)} ms over ${r.trips} requests`);
      runs.push(r);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`bizenv autosave after a ${ROWS}-case import, ${RUNS} runs (medians; ms)`);
  console.log(`save (flush → written): ${median(runs.map((r) => r.saveMs)).toFixed(0)}`);
  console.log(`longest worker round trip during the save: ${median(runs.map((r) => r.longestTrip)).toFixed(0)}`);
  console.log(`round trips answered during the save: ${median(runs.map((r) => r.trips))}`);
}

await main();
