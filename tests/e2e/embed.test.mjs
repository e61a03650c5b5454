// Embedding (README, "Embedding"): www/embed-example.html frames the single
// file in <iframe sandbox="allow-scripts allow-downloads allow-modals"> — an opaque origin,
// where the browser's storage throws: the page still works, with autosave off
// and a note, its worker imports a ledger and exports download — and its
// second example computes through the JS module API. The URL options lang,
// indicators, hours and readonly, in the frame and on the served page.
// Without allow-modals (?modals=0) the browser ignores print(): 打印报告 says
// so and downloads the report as a self-contained HTML file instead.
//
// Needs: `make build`, /usr/bin/chromium, node_modules (playwright-core,
// esbuild); the single file is built here. Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { fixture, importCounts, importFile, ready, routed, settled, text, until, useBrowser } from "./support.mjs";

// The single file is built before the tests: also www/bizenv.html, which the example frames.
const site = useBrowser({ fixtures: ["electricity-3.5.xlsx"], dist: true, viewport: { width: 1366, height: 900 } });
const { openPage } = site;

/** The example page with `query`, its framed calculator once started, and the example's own API section done. */
async function openExample(query = "") {
  const opened = await site.openPage(`embed-example.html${query}`, { viewport: { width: 1366, height: 1200 } });
  const { page, problems } = opened;
  const frameElement = page.locator("#embed-frame");
  const src = await frameElement.getAttribute("src");
  const frame = await until(() => page.frames().find((f) => f !== page.mainFrame() && f.url().includes("bizenv.html")), Boolean, "the frame");
  await until(() => frame.url(), (u) => u.includes(src.split("?")[0]) && u.includes(src.split("?")[1] ?? ""), "the frame's URL");
  await ready(frame, problems);
  return { ...opened, frame, src };
}

describe("embedding", () => {
  test("the example frames the single file in a sandbox: dashboard, autosave off with a note, an import through the worker, a download; the module API example computes", async () => {
    const { page, frame, src, problems, requests, close } = await openExample();
    try {
      assert.equal(src, "bizenv.html");
      // Printing is offered: 允许打印 is ticked, and the frame and the snippet carry allow-modals.
      assert.equal(await page.isChecked("#opt-modals"), true);
      assert.equal(await page.getAttribute("#embed-frame", "sandbox"), "allow-scripts allow-downloads allow-modals");
      assert.match(await text(page, "#embed-snippet"), /^<iframe src="bizenv\.html"[\s\S]*sandbox="allow-scripts allow-downloads allow-modals"/);

      // An opaque origin: no storage.
      assert.equal(await frame.evaluate(() => self.origin), "null");
      assert.equal(await frame.evaluate(() => { try { localStorage.length; return "storage"; } catch { return "throws"; } }), "throws");

      // The dashboard with the sample data, and the note that nothing is kept.
      assert.ok(await frame.locator("#view-dashboard").isVisible());
      assert.equal(await frame.locator("#dashboard-table tr[data-indicator]").count(), 42);
      assert.ok(await frame.locator("#storage-off").isVisible());
      assert.match(await text(frame, "#storage-off"), /自动保存已关闭/);

      // The worker (wasm inside it) imports a ledger; the data can be added and a CSV downloaded.
      await frame.click("#nav-import");
      assert.match(await text(frame, "#autosave-status"), /自动保存已关闭/);
      // The project card does not promise saving beside it.
      const projectNote = await text(frame, "#data-panel .card-desc");
      assert.doesNotMatch(projectNote, /每次修改后自动保存|自动恢复/, projectNote);
      assert.match(projectNote, /^数据只在本页打开期间保留：此页面不能使用浏览器存储，不会自动保存。/);
      await importFile(frame, "3.5", fixture("electricity-3.5.xlsx"));
      // 14 data rows, 2 with problems (see dist.test.mjs).
      assert.deepEqual(await importCounts(frame), { rowsIn: 14, evaluated: 12, withProblems: 2, blank: 1 });
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), frame.click("#import-export-csv")]);
      assert.match(download.suggestedFilename(), /^3\.5-.*\.csv$/);
      await until(() => text(frame, "#import-add-status"), (s) => s.includes("3.5"), "added");
      // The page has its answers (an autosave would be asked for by now): nothing failed loudly.
      await settled(frame);
      assert.match(await text(frame, "#autosave-status"), /自动保存已关闭/);

      // The case form saves (the frame allows no form submission: frame-forms.js stands in).
      await frame.click("#nav-indicator");
      await routed(frame, (h) => h.startsWith("#/indicator/"), "an indicator");
      await frame.selectOption("#indicator-picker", "1.1");
      for (const [name, value] of Object.entries({ id: "EMBED-1", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 11:00" })) {
        await frame.locator(`#case-${name}`).fill(value);
      }
      await frame.locator("#case-end").press("Enter");
      await until(() => frame.locator('#case-table tr[data-case-id="EMBED-1"]').count(), (n) => n === 1, "case saved with Enter");
      await frame.locator("#case-new").click();
      for (const [name, value] of Object.entries({ id: "EMBED-2", start: "2023-07-14 09:00", end: "2023-07-14 10:00" })) {
        await frame.locator(`#case-${name}`).fill(value);
      }
      await frame.locator("#case-save").click();
      await until(() => frame.locator('#case-table tr[data-case-id="EMBED-2"]').count(), (n) => n === 1, "case saved with the button");

      // The module API example on the embedding page itself.
      // 2023-09-28 → 10-09: the 28th, the make-up Saturday 7th and Sunday 8th (the 29th–6th are
      // National Day) are 3 working days; to the 10th, 4.
      assert.equal(await text(page, "#api-working-days"), "3");
      assert.equal(await text(page, "#api-calendar-days"), "11");
      assert.match(await text(page, "#api-evaluate"), /^value 0\.4 \(target 0\.4\), met: true$/);
      await page.fill("#api-end", "2023-10-10");
      await page.click("#api-run");
      await until(() => text(page, "#api-working-days"), (v) => v === "4", "recomputed");

      const origin = new URL(site.server.url).origin;
      assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u)), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("with allow-modals, 打印报告 prints in the frame: no word of printing being blocked", async () => {
    const { frame, problems, close } = await openExample();
    try {
      let printed = 0;
      await frame.evaluate(() => window.addEventListener("beforeprint", () => (document.documentElement.dataset.printed = "yes")));
      await frame.click("#dashboard-print");
      printed = await frame.evaluate(() => document.documentElement.dataset.printed);
      assert.equal(printed, "yes", "the print started");
      assert.equal(await frame.locator("#print-blocked").count(), 0);
      assert.equal(await text(frame, "#dashboard-print"), "打印报告");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("without allow-modals (?modals=0), 打印报告 says printing is blocked and downloads the report as an HTML file that prints", async () => {
    const { page, frame, src, problems, close } = await openExample("?modals=0");
    try {
      assert.equal(src, "bizenv.html");
      assert.equal(await page.isChecked("#opt-modals"), false);
      assert.equal(await page.getAttribute("#embed-frame", "sandbox"), "allow-scripts allow-downloads");
      assert.match(await text(page, "#embed-snippet"), /sandbox="allow-scripts allow-downloads"\n/);

      // The dashboard's 打印报告: the browser ignores print(); the page says so and offers the file.
      await frame.click("#dashboard-print");
      await frame.locator("#print-blocked").waitFor();
      assert.equal(
        await text(frame, "#print-blocked-text"),
        "此处不能打印：本页嵌在网站的框架中，网站没有允许它打开打印窗口（iframe 的 sandbox 缺少 allow-modals）。可下载报告（HTML 文件），用浏览器打开后打印或另存为 PDF。",
      );
      assert.equal(await text(frame, "#dashboard-print"), "下载报告（此处不能打印）");
      assert.equal(await text(frame, "#print-download"), "下载报告（HTML）");
      const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), frame.click("#print-download")]);
      assert.match(file.suggestedFilename(), /^全部指标完成情况总览-\d{8}\.html$/);
      const html = readFileSync(await file.path(), "utf8");
      assert.ok(html.startsWith("<!doctype html>"));
      assert.ok(html.includes("<title>全部指标完成情况总览</title>"));
      assert.ok(!/<script/i.test(html), "no script in the file");
      assert.ok(html.includes("display: table-header-group"), "the print styles are inlined");

      // What a person sees when the file is opened: the report on screen, and on paper.
      const reader = await frame.page().context().newPage();
      try {
        await reader.setContent(html);
        assert.equal(await text(reader, ".report-title"), "全部指标完成情况总览");
        assert.equal(await text(reader, ".report-kicker"), "营商环境指标评估报告");
        assert.ok(await reader.locator(".report").isVisible());
        const rows = reader.locator(".report tbody tr").filter({ hasText: "企业开办时间" });
        assert.match(await rows.first().textContent(), /^1\.1企业开办时间≤ 0\.4 工作日0\.31 工作日✓达标−0\.0924/);
        assert.match(await reader.locator(".report-ranking tbody tr").first().textContent(), /^1麒麟区77\.034 \/ 34/);
        await reader.emulateMedia({ media: "print" });
        assert.ok(await reader.locator(".report-title").isVisible(), "the report prints");
        assert.equal(await reader.locator(".report button, .report input, .report select").count(), 0);
      } finally {
        await reader.close();
      }

      // Once found blocked, an indicator's 打印报告 downloads its report at once.
      await frame.click("#nav-indicator");
      await routed(frame, (h) => h.startsWith("#/indicator/"), "an indicator");
      await frame.selectOption("#indicator-picker", "1.1");
      await until(() => text(frame, "#indicator-heading"), (h) => h === "1.1 企业开办时间", "indicator 1.1");
      assert.equal(await text(frame, "#indicator-print"), "下载报告（此处不能打印）");
      const [indicatorFile] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), frame.click("#indicator-print")]);
      assert.match(indicatorFile.suggestedFilename(), /^1\.1 企业开办时间-\d{8}\.html$/);
      const indicatorHtml = readFileSync(await indicatorFile.path(), "utf8");
      assert.ok(indicatorHtml.includes("QJ-1.1-0001"), "the case table");
      assert.ok(indicatorHtml.includes("案件明细（共 24 件）"));

      // The browser's own word on the ignored call is expected; nothing else.
      const ignored = (p) => p.includes("Ignored call to 'print()'");
      assert.ok(problems.some(ignored), problems.join("\n"));
      assert.deepEqual(problems.filter((p) => !ignored(p)), []);
    } finally {
      await close();
    }
  });

  test("?readonly=1&indicators=1.1,3.4: two indicator rows, no entry form, no import, no delete or clear", async () => {
    const { page, frame, src, problems, close } = await openExample("?readonly=1&indicators=1.1,3.4");
    try {
      assert.equal(src, "bizenv.html?indicators=1.1,3.4&readonly=1");
      assert.match(await text(page, "#embed-snippet"), /src="bizenv\.html\?indicators=1\.1,3\.4&amp;readonly=1"/);

      // The dashboard: only 1.1 and 3.4, their topics, totals over the two.
      const rows = frame.locator("#dashboard-table tr[data-indicator]");
      assert.equal(await rows.count(), 2);
      assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.indicator)), ["1.1", "3.4"]);
      assert.deepEqual(await frame.locator("#dashboard-table tbody[data-topic]").evaluateAll((b) => b.map((x) => x.dataset.topic)), ["1", "3"]);
      assert.equal(await text(frame, "#total-indicators"), "2");
      // Read-only needs no storage: no note about it.
      assert.equal(await frame.locator("#storage-off").count(), 0);

      // No import: its link is hidden and its route shows the dashboard.
      assert.equal(await frame.locator("#nav-import").isVisible(), false);
      await frame.evaluate(() => {
        delete document.documentElement.dataset.route; // so that the wait below sees this route's view
        location.hash = "#/import";
      });
      await routed(frame, (h) => h === "#/dashboard", "import route goes to the dashboard");
      assert.equal(await frame.locator("#data-clear").isVisible(), false);

      // An indicator: its cases and summary, but no form, no new / edit / delete buttons.
      await frame.click('#dashboard-table tr[data-indicator="1.1"] th a');
      await routed(frame, (h) => h === "#/indicator/1.1", "indicator 1.1");
      assert.equal(Number(await text(frame, "#summary-count")), 24);
      assert.ok((await frame.locator("#case-table tbody tr").count()) > 0);
      assert.equal(await frame.locator("#case-form").isVisible(), false);
      assert.equal(await frame.locator("#case-new").isVisible(), false);
      // The columns still sort; no case can be changed or deleted.
      assert.equal(await frame.locator("#case-table td.actions button:visible").count(), 0);
      assert.ok((await frame.locator("#case-table th button.sort-button:visible").count()) > 0);
      assert.equal(await frame.locator('#view-indicator a[href^="#/import"]:visible').count(), 0, "no link to the import");
      // Other indicators can still be opened (only the dashboard is cut down).
      await frame.selectOption("#indicator-picker", "2.1");
      await routed(frame, (h) => h === "#/indicator/2.1", "indicator 2.1");

      // The calculator works; its calendar settings (which change the data) are hidden.
      await frame.click("#nav-calculator");
      assert.equal(Number(await text(frame, "#result-working-days")), 3);
      assert.equal(await frame.locator("#calendar-settings").isVisible(), false);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("?lang=en&hours=…: the language, and office hours in the calculator and in every evaluation (served page)", async () => {
    const { page, problems, close } = await openPage("?lang=en&hours=08:30-12:00,14:30-17:30#/calculator");
    try {
      const sessions = [["08:30", "12:00"], ["14:30", "17:30"]];
      assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
      assert.equal(await text(page, "#nav-dashboard"), "Overview");
      // Not remembered: the next visit without ?lang= is in Chinese again.
      assert.equal(await page.evaluate(() => localStorage.getItem("bizenv-lang")), null);

      const inputs = await page.locator("#session-list input").evaluateAll((list) => list.map((i) => i.value));
      assert.deepEqual(inputs, sessions.flat());
      await page.fill("#start", "2023-07-14 08:30");
      await page.fill("#end", "2023-07-14 17:30");
      await page.click("#calc-submit");
      // 08:30–12:00 and 14:30–17:30: 210 + 180 = 390 minutes.
      await until(() => text(page, "#result-working-minutes"), (v) => Number(v) === 390, "minutes with the given hours");

      // The indicators are evaluated with them too.
      await page.click("#nav-indicator");
      // With the 6.5-hour day the sample's 1.1 mean is 0.29 working days (0.31 with the default 7 hours).
      const shown = await text(page, "#summary-value");
      assert.ok(shown.startsWith("0.29"), `1.1 with the given hours: ${shown}`);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("bad options are ignored with a warning, and the page opens as without them", async () => {
    const { page, problems, close } = await openPage("?lang=fr&hours=9-12&indicators=99.9#/dashboard");
    try {
      assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
      assert.equal(await page.locator("#dashboard-table tr[data-indicator]").count(), 42);
      const warnings = problems.filter((p) => p.startsWith("console warning: bizenv:"));
      assert.equal(warnings.length, 3, problems.join("\n"));
      assert.deepEqual(problems.filter((p) => !warnings.includes(p)), []);
    } finally {
      await close();
    }
  });
});
