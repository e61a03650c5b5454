// The single-file build (make dist → dist/bizenv.html), opened from file:// as
// a user double-clicking it would: one file, everything inline, a strict CSP
// with the script's hash, and no request that is not file:, data: or blob: —
// while it opens on the dashboard with the sample data, computes in the
// calculator, and imports a ledger through its Web Worker.
//
// Needs: `make build`, /usr/bin/chromium, node_modules (playwright-core,
// esbuild). The file is built here (scripts/build-dist.mjs). Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { DIST, assertStrictCsp, cspOf, fixture, importCounts, importFile, routed, text, until, useBrowser, visible } from "./support.mjs";

// No server: the file is opened from file://.
const site = useBrowser({ fixtures: ["electricity-3.5.xlsx"], dist: true, serve: false, viewport: { width: 1366, height: 900 } });

const LOCAL = /^(file|data|blob):/;

describe("the single file dist/bizenv.html", () => {
  test("is one file: one inline module script allowed by its hash, styles by theirs, nothing loaded from anywhere", () => {
    const html = readFileSync(DIST, "utf8");
    const csp = assertStrictCsp(cspOf(html), "dist/bizenv.html");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1, "one <script>");
    assert.doesNotMatch(scripts[0][1], /\bsrc=/);
    assert.match(scripts[0][1], /type="module"/);
    const hash = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
    assert.deepEqual(csp["script-src"], [hash(scripts[0][2]), "'wasm-unsafe-eval'"]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    assert.equal(styles.length, 1, "one <style>");
    assert.deepEqual(csp["style-src"], [hash(styles[0][1])]);
    assert.deepEqual(csp["default-src"], ["'none'"]);
    assert.deepEqual(csp["worker-src"], ["blob:"]);
    // No element loads anything but data: URLs.
    for (const m of html.matchAll(/<(?:link|img|iframe|source|script)\b[^>]*\b(?:src|href)="([^"]*)"/g)) {
      assert.match(m[1], /^data:/, `refers to ${m[1]}`);
    }
  });

  test("from file://: the dashboard with the sample data, the calculator, an .xlsx import through the worker, a CSV export — no request leaves the file", async () => {
    const { page, requests, problems, close } = await site.open(pathToFileURL(DIST).href);
    try {
      // The dashboard, on the built-in sample data: the plan's 42 indicators, 36 met and 6 not
      // (the sample's figures, as the served page shows them too).
      assert.equal(new URL(page.url()).hash, "#/dashboard");
      assert.ok(await visible(page, "#view-dashboard"));
      assert.ok(await page.locator("#sample-banner").isVisible());
      assert.equal(await page.locator("#dashboard-table tr[data-indicator]").count(), 42);
      assert.equal(Number(await text(page, "#total-indicators")), 42);
      assert.equal(Number(await text(page, "#total-met")), 36);
      assert.equal(Number(await text(page, "#total-not-met")), 6);

      // An indicator view.
      await page.click('#dashboard-table tr[data-indicator="1.1"] th a');
      await routed(page, (h) => h === "#/indicator/1.1", "indicator 1.1");
      // The sample has 24 cases of 1.1.
      assert.equal(Number(await text(page, "#summary-count")), 24);

      // The calculator: 2023-09-28 → 2023-10-09 is 3 working days (Oct 7 and 8 are make-up days).
      await page.click("#nav-calculator");
      await page.fill("#start", "2023-09-28");
      await page.fill("#end", "2023-10-09");
      await page.click("#calc-submit");
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === 3, "3 working days");

      // An .xlsx ledger, read and evaluated in the Blob-URL worker.
      await page.click("#nav-import");
      // Imported in one pass, the sample kept beside it.
      await importFile(page, "3.5", fixture("electricity-3.5.xlsx"), { sample: "keep" });
      // The fixture's 14 data rows (sheet rows 4–18 less the blank row 8): rows 10 (ends before it
      // starts) and 12 (受理时间 "七月十四日") have problems; row 13 (a 高压单电源 customer) is
      // evaluated under 3.6, its own class; 12 are evaluated.
      assert.deepEqual(await importCounts(page), { rowsIn: 14, evaluated: 12, withProblems: 2, blank: 1 });

      // An export from the worker, saved as a download (a blob: URL).
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click("#import-export-csv")]);
      const csv = readFileSync(await download.path());
      assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with BOM");

      // In the data, it reaches the dashboard.
      await until(() => text(page, "#import-add-status"), (s) => s.includes("3.5"), "added");
      await page.click("#nav-dashboard");
      // 20 sample cases of 3.5, and 13 of the ledger's 14 rows: every row is kept (the two faulty
      // ones as 有误, explained), but the 高压单电源 row is filed under 3.6, its own class.
      await until(() => text(page, '#dashboard-table tr[data-indicator="3.5"] .count-total'), (v) => Number(v) === 33, "3.5 counted");

      const outside = requests.filter((u) => !LOCAL.test(u));
      assert.deepEqual(outside, [], "requests that are not file:, data: or blob:");
      assert.ok(requests.some((u) => u.startsWith("blob:")), "the worker came from a Blob URL");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
