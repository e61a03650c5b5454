// No network at run time and a strict CSP on the served page, and text from
// users or ledgers always shown as text (no HTML injection), in headless
// Debian Chromium. The single file's own checks are in dist.test.mjs.
//
// Needs: `make build`, /usr/bin/chromium, node_modules/playwright-core.
// Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { WWW } from "./server.mjs";
import { assertStrictCsp, confirmImport, cspOf, fixture, importCounts, importFile, ready, routed, settled, text, until, useBrowser } from "./support.mjs";

const site = useBrowser({ fixtures: ["electricity-3.5.xlsx"], viewport: { width: 1366, height: 900 } });
const { openPage } = site;

const NAME = '<img src=x onerror="window.__xss=1">';
const COUNTY = "<script>window.__xss=2</script>";

/** Nothing the injected text could have made: no flag, no <img src=x>, no script carrying it. */
async function assertNoInjection(page) {
  const found = await page.evaluate(() => ({
    xss: window.__xss,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("__xss")).length,
    svgScripts: document.querySelectorAll("svg script, svg foreignObject").length,
  }));
  assert.deepEqual(found, { xss: undefined, images: 0, scripts: 0, svgScripts: 0 });
}

describe("security", () => {
  test("the CSP metas: script-src without 'unsafe-inline', nothing with 'unsafe-eval', no other site", () => {
    for (const file of ["index.html", "embed-example.html"]) {
      const d = assertStrictCsp(cspOf(readFileSync(join(WWW, file), "utf8")), file);
      assert.deepEqual(d["script-src"], ["'self'", "'wasm-unsafe-eval'"], file);
    }
    // No inline script to need it: every <script> of the pages has a src.
    for (const file of ["index.html", "embed-example.html"]) {
      for (const m of readFileSync(join(WWW, file), "utf8").matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        assert.match(m[1], /\bsrc="/, `${file}: an inline script`);
        assert.equal(m[2].trim(), "", `${file}: script content`);
      }
    }
  });

  test("no request leaves the page's origin: dashboard, an indicator, the counties, the calculator, an import", async () => {
    const { page, requests, problems, close } = await openPage();
    try {
      await page.click('#dashboard-table tr[data-indicator="3.5"] th a');
      await routed(page, (h) => h === "#/indicator/3.5", "indicator");
      await page.waitForSelector("#case-table");
      await page.click("#nav-counties");
      await page.waitForSelector("#county-ranking table");
      await page.click("#nav-calculator");
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === 3, "calculated");
      await page.click("#nav-import");
      await importFile(page, "3.5", fixture("electricity-3.5.xlsx"));
      await settled(page);

      const origin = new URL(site.server.url).origin;
      assert.ok(requests.length > 5, `requests seen: ${requests.length}`);
      const outside = requests.filter((u) => new URL(u).origin !== origin && !/^(data|blob):/.test(u));
      assert.deepEqual(outside, [], "requests to anywhere but the page's origin");
      assert.ok(requests.some((u) => u.endsWith("/js/core/workspace-worker.js")), "the import ran in the workspace worker");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("markup in a case entered through the form is shown as text", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      for (const [name, value] of Object.entries({ id: "XSS-1", name: NAME, county: COUNTY, start: "2023-07-14 09:00", end: "2023-07-14 11:00" })) {
        await page.locator(`#case-${name}`).fill(value);
      }
      await page.locator("#case-save").click();
      const row = page.locator('#case-table tr[data-case-id="XSS-1"]');
      await until(() => row.count(), (n) => n === 1, "saved");
      assert.equal(await row.locator(".case-name").evaluate((n) => n.firstChild.textContent), NAME);
      assert.equal(await text(row, "td.county"), COUNTY);
      await until(() => page.locator("#indicator-county-table tbody th").allTextContents(), (c) => c.includes(COUNTY), "county table");
      await assertNoInjection(page);

      // Every other view that shows counties or names.
      await page.click("#nav-counties");
      await until(() => page.locator("#county-ranking").textContent(), (s) => s.includes(COUNTY), "ranking");
      await page.click("#nav-dashboard");
      await page.waitForSelector("#dashboard-table");
      await page.goto(`${site.server.url}#/indicator/1.1`);
      await ready(page, problems);
      await page.waitForSelector('#case-table tr[data-case-id="XSS-1"]');
      await assertNoInjection(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("markup in an imported CSV ledger is shown as text, in the preview, the results and, once added, everywhere", async () => {
    const { page, problems, close } = await openPage("#/import");
    try {
      const quote = (s) => `"${s.replace(/"/g, '""')}"`;
      const csv = [
        "编号,企业名称,所属县区,申请时间,办结时间",
        `XSS-CSV-1,${quote(NAME)},${quote(COUNTY)},2023-07-14 09:00,2023-07-14 11:00`,
        `XSS-CSV-2,${quote(`${NAME}<b>bold</b>`)},麒麟区,2023-07-17 09:00,2023-07-17 10:00`,
      ].join("\n");
      const file = { name: '<img src=x onerror="window.__xss=3">.csv', mimeType: "text/csv", buffer: Buffer.from(`${csv}\n`) };
      await page.selectOption("#import-indicator", "1.1");
      await page.setInputFiles("#import-file", file);
      await page.locator('dialog#import-sample-dialog button[data-value="keep"]').click();
      await page.waitForSelector('#import-progress[data-stage="done"]', { timeout: 60_000 });
      await confirmImport(page);
      // The markup is data, not a problem: both rows are read and evaluated. Line 2, Fri 2023-07-14
      // 09:00–11:00 = 120 working minutes = 120 / 420 = 0.29 working days; line 3, Mon 2023-07-17
      // 09:00–10:00 = 60 / 420 = 0.14.
      assert.deepEqual(await importCounts(page), { rowsIn: 2, evaluated: 2, withProblems: 0, blank: 0 });
      assert.equal(await text(page, '#import-cases tr[data-row="2"] td.value'), "0.29 工作日");
      assert.equal(await text(page, '#import-cases tr[data-row="3"] td.value'), "0.14 工作日");
      assert.ok((await page.locator("#import-preview").textContent()).includes(NAME), "the preview shows the name as text");
      assert.ok((await page.locator("#import-preview").textContent()).includes(COUNTY));
      await assertNoInjection(page);

      await until(() => text(page, "#import-add-status"), (s) => s.includes("1.1"), "added");
      assert.ok((await page.locator("#source-list").textContent()).includes(file.name), "the file name as text");
      await page.click("#import-open-indicator");
      const row = page.locator('#case-table tr[data-case-id="XSS-CSV-1"]');
      await until(() => row.count(), (n) => n === 1, "case in the indicator");
      assert.equal(await row.locator(".case-name").evaluate((n) => n.firstChild.textContent), NAME);
      assert.equal(await text(row, "td.county"), COUNTY);
      assert.equal(await page.locator("#case-table b").count(), 0);
      await page.click("#nav-counties");
      await until(() => page.locator("#county-ranking").textContent(), (s) => s.includes(COUNTY), "ranking");
      await page.click("#nav-dashboard");
      await page.waitForSelector("#dashboard-table");
      await assertNoInjection(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
