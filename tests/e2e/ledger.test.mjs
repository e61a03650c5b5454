// End-to-end tests of ledgers in and out (导入台账, exports, project file,
// autosave, calendar settings) in headless Debian Chromium, driven by
// playwright-core. Values on screen are checked against literals worked by
// hand from the fixtures (their lines are commented in examples/make_fixtures.rs).
//
// Needs: `make build`, /usr/bin/chromium, node_modules/playwright-core,
// tests/fixtures/ (cargo run --example make_fixtures). Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";

// The core in Node, initialised by useBrowser() (checkBuilt in support.mjs): only to read back
// the files the page exports.
import * as core from "../../www/pkg/bizenv.js";

import { confirmImport, download, fixture, go, importCounts, importFile, ready, routed, settled, text, unlabeled, until, useBrowser, visible } from "./support.mjs";

const site = useBrowser({ fixtures: ["construction-2.1-gbk.csv", "construction-2.1.csv", "electricity-3.5.xlsx"], viewport: { width: 1366, height: 900 } });

/** A fresh browser profile (empty storage) with one page on `hash`, once the core has loaded. */
const openPage = (hash = "#/import") => site.openPage(hash);

/** The autosave line says it saved (after `since`, an ISO instant, when given). */
async function saved(page, since = "") {
  await until(() => page.getAttribute("#autosave-status", "data-saved-at"), (v) => Boolean(v) && v > since, "autosave", 10_000);
}

describe("ledgers in and out", () => {
  test("a GBK CSV ledger: encoding, row accounting, problems with Excel row numbers, values worked by hand", async () => {
    const { page, problems, close } = await openPage();
    try {
      assert.equal(await page.getAttribute("#nav-import", "aria-current"), "page");
      assert.match(await page.title(), /^导入台账/);
      await importFile(page, "2.1", fixture("construction-2.1-gbk.csv"));

      // Line 1 is the title, line 2 the header; lines 3–27 hold 23 rows and 2 blank lines (9, 14).
      // In one pass each row goes to the indicator of its project type: 22 to 2.1 (20 evaluated,
      // 2 with problems: lines 11, 15) and line 17 (政府投资) to 2.2, evaluated there:
      // 23 = 21 evaluated + 2 with problems.
      assert.match(await text(page, "#import-encoding"), /GBK/);
      assert.equal(await text(page, "#import-header-row-fact"), "第 2 行");
      assert.deepEqual(await importCounts(page), { rowsIn: 23, evaluated: 21, withProblems: 2, blank: 2 });
      assert.equal(await text(page, "#import-counts"), "导入 23 行 = 已计算 21 行 + 有问题 2 行；空行 2 行已跳过");
      assert.deepEqual(await page.locator("#import-routes li").allTextContents(), [
        "2.1 一般社会投资工程项目审批时间：22 行（已计算 20 行，有问题 2 行）",
        "2.2 政府投资工程建设项目审批时间：1 行（已计算 1 行，有问题 0 行）",
      ]);

      // The preview: header cells decoded from GBK, Excel row numbers.
      assert.match(await text(page, "#import-preview thead"), /项目代码.*受理时间.*办结时间/);
      assert.equal(await page.locator("#import-preview tbody tr").first().getAttribute("data-row"), "3");
      assert.equal(await page.inputValue("#import-map-E"), "start");
      assert.equal(await page.inputValue("#import-map-F"), "end");

      // Problems: sheet (a CSV's is its file name), row as Excel shows it, column letter and
      // header, cell, message. Line 11 ends (08-05) before it starts (08-15); line 15 has no
      // 受理时间. (Line 17, government-invested, is no problem: 2.2 measures it.)
      const sheet = "construction-2.1-gbk.csv";
      const rows = page.locator("#import-problems tbody tr");
      const cells = [];
      for (let i = 0; i < (await rows.count()); i++) cells.push((await rows.nth(i).locator("td").allTextContents()).map((c) => c.replace(/\s+/g, " ")));
      assert.deepEqual(cells, [
        [sheet, "11", "F 办结时间", "2023-08-05 10:00", "结束时间 2023-08-05 10:00 早于开始时间 2023-08-15 10:00"],
        [sheet, "15", "E 受理时间", "", "缺少开始时间（受理或申请时间）"],
      ]);

      // Line 3: Mon 07-03 09:00 → Fri 08-11 17:00 = 29 working days (203 h) + 6 h = 209 h, less the
      // 补正 stop Mon 07-10 – Fri 07-14 (35 h) = 174 h / 7 = 24.857 → 24.86 working days.
      assert.equal(await text(page, '#import-cases tr[data-row="3"] td.value'), "24.86 工作日");
      // The mean of the 20 evaluated lines (in working days, 7 h each; date-only cells run from the
      // end of one day to the end of the other, National Day 09-29 – 10-06 off, 10-07/08 worked):
      // 24.857 + 30 + 24.643 + 26.214 + 34 + 23.857 + 30.714 + 31.714 + 29 + 26.429 + 24.857 + 31
      // + 25.857 + 36.5 + 30.857 + 30.857 + 31.714 + 33 + 34.857 + 32.929 = 4 157 h / 7 = 593.857;
      // / 20 = 29.69.
      assert.equal(await text(page, "#import-summary-value"), "29.69 工作日");
      assert.match(await text(page, "#import-summary-target"), /≤ 35 工作日/);
      assert.deepEqual(await unlabeled(page), []);
      await settled(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("an .xlsx when the ledger module cannot be loaded: the page says so in its words, and the next try loads it", async () => {
    const { page, context, problems, close } = await openPage();
    try {
      // The ledger module's files refused, as on a site that did not publish pkg/ledger/.
      const refuse = (route) => route.abort("aborted");
      await context.route("**/pkg/ledger/**", refuse);
      // A UTF-8 CSV never needs it: the core reads it.
      await importFile(page, "2.1", fixture("construction-2.1.csv"), { sample: "clear" });
      assert.deepEqual(await importCounts(page), { rowsIn: 23, evaluated: 21, withProblems: 2, blank: 2 });
      // An .xlsx does: the page says why it cannot be read, in its own words.
      await page.selectOption("#import-indicator", "3.5");
      await page.setInputFiles("#import-file", fixture("electricity-3.5.xlsx"));
      await page.waitForSelector("#import-error:not([hidden])", { timeout: 60_000 });
      assert.equal(
        await text(page, "#import-error"),
        "无法导入：台账读写模块未能加载，无法读取或生成这个文件（.xlsx、.xls、网页表格或非 UTF-8 文本）：请刷新页面后重试。",
      );
      // Published again: the same .xlsx is read (a failed load is tried again).
      await context.unroute("**/pkg/ledger/**", refuse);
      await importFile(page, "3.5", fixture("electricity-3.5.xlsx"));
      // As in the test of this workbook below: 14 rows in = 12 evaluated + 2 with problems.
      assert.equal(await text(page, "#import-encoding"), "Excel 工作簿");
      assert.deepEqual(await importCounts(page), { rowsIn: 14, evaluated: 12, withProblems: 2, blank: 1 });
      await settled(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("imported cases reach the indicator and the dashboard; the .xlsx export reads back; a reload keeps the data; 清除数据 asks first", async () => {
    const { page, problems, close } = await openPage();
    try {
      // The sample data is there: before the file goes in, the page asks whether to keep it, in a
      // real dialog.
      await page.selectOption("#import-indicator", "2.1");
      await page.setInputFiles("#import-file", fixture("construction-2.1-gbk.csv"));
      const dialog = page.locator("dialog#import-sample-dialog");
      await dialog.waitFor();
      assert.equal(await dialog.evaluate((d) => d.open && d.matches(":modal")), true);
      await dialog.locator('button[data-value="clear"]').click();
      // The preview first; 导入这 23 件 adds them (the sample dropped then, as answered).
      await until(() => text(page, "#import-commit"), (s) => s === "导入这 23 件", "the preview's button");
      await confirmImport(page);
      // Every one of the 23 rows goes in, in one pass: those with problems as faulty cases, explained.
      await until(() => text(page, "#import-add-status"), (s) => s.includes("已将 22 条案件加入指标 2.1"), "added");
      assert.equal(await visible(page, "#import-undo"), true);
      await saved(page);

      // 2.1 gets 22 of them: row 17 (政府投资) is filed under 2.2, its own project type. The
      // indicator and the dashboard count the 22 (rows 11 and 15 faulty), and nothing of the sample.
      await page.click("#import-open-indicator");
      await routed(page, (h) => h === "#/indicator/2.1", "hash");
      await until(() => text(page, "#summary-count"), (v) => v === "22", "22 cases of 2.1");
      assert.equal(await text(page, "#summary-invalid"), "2");
      assert.equal(await page.locator("#case-table tbody tr").count(), 22);
      assert.equal(await page.locator("#case-table tbody tr.is-invalid").count(), 2);
      assert.equal(await visible(page, "#sample-banner"), false);
      // Without the sample, its 评估时点 is gone: real data is evaluated now, and the bar says so.
      assert.equal(await page.inputValue("#as-of"), "");
      assert.match(await text(page, "#as-of-now"), /^评估时点未填写：未办结案件按当前时间 \d{4}-\d\d-\d\d \d\d:\d\d 计算。$/);
      // The mean of the 20 cases evaluated (the ledger's own figure, as the import showed it).
      assert.equal(await text(page, "#summary-value"), "29.69 工作日");
      await page.click("#nav-dashboard");
      await page.waitForSelector('#dashboard-table tr[data-indicator="2.1"]');
      assert.equal(await text(page, '#dashboard-table tr[data-indicator="2.1"] .count-total'), "22");
      assert.equal(await text(page, '#dashboard-table tr[data-indicator="1.1"] .count-total'), "0");

      // 导出 Excel on the indicator view: a real workbook, read back by the core.
      await page.goto(`${site.server.url}#/indicator/2.1`);
      const xlsx = await download(page, "#indicator-export-xlsx");
      assert.equal(xlsx.name, "2.1-一般社会投资工程项目审批时间-评估结果.xlsx");
      assert.equal(xlsx.bytes.subarray(0, 4).toString("latin1"), "PK\u0003\u0004");
      const sheet = core.parseTable(xlsx.bytes, xlsx.name, { sheet: "案件明细" });
      assert.deepEqual(sheet.sheets, ["案件明细", "汇总", "县区", "问题行"]);
      const valueColumn = sheet.columns.find((c) => c.header === "用时（工作日）");
      assert.ok(valueColumn, `a value column among ${sheet.columns.map((c) => c.header)}`);
      const idColumn = sheet.columns.find((c) => c.header === "编号");
      const row = sheet.rows.find((r) => r.cells[idColumn.index] === "2307-530302-04-01-100001");
      assert.ok(row, "case 2307-530302-04-01-100001 is in the export");
      // 2023-07-03 (Mon) 09:00 → 08-11 (Fri) 17:00: 30 weekdays of 420 minutes less the last
      // hour, 12 540 minutes, less the stop of 07-10 09:00 → 07-14 18:00 (5 days, 2 100): 10 440
      // minutes = 174/7 = 24.857… working days, exported rounded as the screen shows it: 24.86.
      assert.equal(row.cells[valueColumn.index], 24.86);

      // 下载空白台账模板: the headers the importer reads for 2.1, and the notes sheet.
      const template = await download(page, "#indicator-template");
      assert.equal(template.name, "2.1-一般社会投资工程项目审批时间-台账模板.xlsx");
      const blank = core.parseTable(template.bytes, template.name, {});
      assert.deepEqual([blank.sheets, blank.hiddenSheets, blank.sheet], [["台账", "填写说明", "选项"], ["选项"], "台账"]);
      assert.deepEqual(blank.columns.map((c) => c.field), ["id", "name", "county", "start", "end", "stopStart", "stopEnd", "stopReason", "projectType", "note"]);

      // A reload shows the same data, and says it was restored.
      await page.goto(`${site.server.url}#/indicator/2.1`);
      await page.reload();
      await ready(page, problems);
      // The view answers when the restored workspace does.
      await until(() => text(page, "#summary-count"), (v) => v === "22", "restored count");
      assert.ok(await visible(page, "#data-restored"));
      assert.match(await text(page, "#data-restored"), /^已恢复上次的数据（保存于 \d{4}-\d\d-\d\d \d\d:\d\d）。$/);
      await page.click("#nav-import");
      assert.match(await text(page, "#source-list"), /construction-2\.1-gbk\.csv → 2\.1 一般社会投资工程项目审批时间，22 条/);
      assert.match(await text(page, "#source-list"), /construction-2\.1-gbk\.csv → 2\.2 政府投资工程建设项目审批时间，1 条/);

      // 清除数据: a dialog first; cancelling keeps everything.
      await page.click("#data-clear");
      const confirm = page.locator("dialog#data-clear-dialog");
      await confirm.waitFor();
      assert.equal(await confirm.evaluate((d) => d.open && d.matches(":modal")), true);
      await page.keyboard.press("Escape");
      await confirm.waitFor({ state: "detached" });
      await page.click("#nav-indicator");
      await until(() => text(page, "#summary-count"), (v) => v === "22", "22 cases of 2.1");
      // Confirmed: back to the sample data, now and after a reload.
      await page.click("#nav-import");
      await page.click("#data-clear");
      await confirm.waitFor();
      await confirm.locator('button[data-value="clear"]').click();
      await until(() => text(page, "#project-status"), (s) => s.includes("已清除本机数据"), "cleared");
      assert.ok(await visible(page, "#sample-banner"));
      // The sample has 16 cases of 2.1.
      const sampleCount = "16";
      await page.goto(`${site.server.url}#/indicator/2.1`);
      await until(() => text(page, "#summary-count"), (v) => v === sampleCount, "the sample's 2.1 cases");
      await page.reload();
      await ready(page, problems);
      await until(() => text(page, "#summary-count"), (v) => v === sampleCount, "sample count after reload");
      assert.equal(await visible(page, "#data-restored"), false);
      assert.ok(await visible(page, "#sample-banner"));
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("an .xlsx ledger with two sheets and a merged header: sheet picker, remapping a column, CSV export", async () => {
    const { page, problems, close } = await openPage();
    try {
      await importFile(page, "3.5", fixture("electricity-3.5.xlsx"));
      // Rows 1–3 are the title and the two-row header; rows 4–18 hold 14 rows and a blank one (8).
      // Row 13 is a 高压单电源 customer: filed under 3.6 and evaluated there. 13 go to 3.5: 11
      // evaluated (10 closed, 1 open: row 16) + 2 with problems (rows 10, 12). 14 = 12 + 2.
      assert.deepEqual(await page.locator("#import-sheet option").allTextContents(), ["低压非居民台账", "说明"]);
      assert.equal(await page.inputValue("#import-sheet"), "低压非居民台账");
      assert.deepEqual(await importCounts(page), { rowsIn: 14, evaluated: 12, withProblems: 2, blank: 1 });
      assert.deepEqual(await page.locator("#import-routes li").allTextContents(), [
        "3.5 “三零”服务低压非居民客户办电时间：13 行（已计算 11 行，有问题 2 行）",
        "3.6 高压单电源客户办电时间：1 行（已计算 1 行，有问题 0 行）",
      ]);
      const problemRows = page.locator("#import-problems tbody tr");
      assert.deepEqual(await problemRows.evaluateAll((rows) => rows.map((r) => r.dataset.row)), ["10", "12"]);
      assert.equal(await problemRows.first().locator("td").first().textContent(), "低压非居民台账");
      // The closed cases, in working days of 7 h (the arithmetic of each row is beside it in
      // examples/make_fixtures.rs): row 4 Mon 09:00 → Thu 11:00 = 23 h; row 5 Wed 10:30 → Fri 16:00
      // = 17.5 h; row 6 (text dates) Fri 09:30 → Tue 16:00 = 18.5 h; row 7 (serial 45128.375 = Fri
      // 07-21 09:00) → Tue 17:00 = 20 h; row 9 Tue 08-01 09:00 → Mon 08-14 17:00 = 9 × 7 + 6 = 69 h;
      // row 11 Tue 09:00 → Thu 12:00 = 17 h; row 14 (dates only) Tue–Thu = 21 h; row 15 Wed 09-27
      // 14:00 → Mon 10-09 10:00 = 4 + 7 + 7 (Sat 10-07 worked) + 7 (Sun 10-08 worked) + 1 = 26 h;
      // row 17 Mon 09:00 → Fri 18:00 = 35 h; row 18 Mon 14:00 → Tue 12:00 = 7 h.
      const closed = { 4: "3.29", 5: "2.50", 6: "2.64", 7: "2.86", 9: "9.86", 11: "2.43", 14: "3.00", 15: "3.71", 17: "5.00", 18: "1.00" };
      for (const [row, value] of Object.entries(closed)) {
        assert.equal(await text(page, `#import-cases tr[data-row="${row}"] td.value`), `${value} 工作日`, `row ${row}`);
      }

      // Column B (工单号) is left out by the automatic mapping; make it the case number.
      assert.equal(await page.inputValue("#import-map-B"), "");
      await page.selectOption("#import-map-B", "id");
      await until(() => page.inputValue("#import-map-A"), (v) => v === "", "A unmapped once B takes id");
      // The import taken back and the file staged again with the new mapping: previewed, then added.
      await page.waitForSelector('#import-result-card[data-committed="false"] #import-commit');
      await confirmImport(page);
      // Row 4's 工单号 is now its case number; the rows are counted as before, and imported once:
      // the first reading was taken back (undo) before the file went in again.
      await until(() => page.locator("#import-cases tbody tr").first().getAttribute("data-case-id"), (id) => id === "GD2307030011", "case id from column B");
      assert.deepEqual(await importCounts(page), { rowsIn: 14, evaluated: 12, withProblems: 2, blank: 1 });
      assert.match(await text(page, "#import-add-status"), /^已将 13 条案件加入指标 3\.5 /);

      // 导出 CSV: UTF-8 with BOM, the indicator's evaluation as the working set holds it (the same
      // as the indicator view's export): each case with its sheet row, its times, the result and
      // the file it came from.
      const csv = await download(page, "#import-export-csv");
      assert.equal(csv.name, "3.5-“三零”服务低压非居民客户办电时间-评估结果.csv");
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const csvText = csv.bytes.toString("utf8");
      assert.match(csvText.split("\n")[0], /^\ufeff行号,编号,名称,县区,受理申请时间,装表接电时间,用时（工作日）,.*来源文件/);
      // Row 4: GD2307030011, Mon 09:00 → Thu 11:00 = 23 h / 7 = 3.29 working days.
      assert.match(csvText, /\n4,GD2307030011,.*,3\.29,/);
      assert.deepEqual(await unlabeled(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a power ledger is routed to 3.4–3.7 in one pass; every problem row is listed, a page at a time; 撤销导入 takes it back", async () => {
    const { page, problems, close } = await openPage();
    try {
      // Office hours 09:00–12:00 + 14:00–18:00, 7 h a working day; 2023-07-03 is a Monday.
      // Row 2 (居民, 3.4): Mon 09:00 → Wed 09:00 = 14 h = 2.00 working days. Row 3 (低压非居民,
      // 3.5): Mon 07-03 09:00 → Fri 07-14 18:00 = 10 days = 10.00. Row 4 (高压单电源, 3.6): Mon
      // 09:00 → Tue 09:00 = 1.00. Row 5 (高压双电源, 3.7): Mon 09:00 → Fri 18:00 = 5.00. Row 6
      // (居民) has no readable 受理申请时间 ("待定"): kept under 3.4, listed as a problem.
      const csv = [
        "工单号,客户名称,所属县区,客户类别,受理申请时间,装表接电时间",
        "P1,张三,麒麟区,居民,2023-07-03 09:00,2023-07-05 09:00",
        "P2,某公司,宣威市,低压非居民,2023-07-03 09:00,2023-07-14 18:00",
        "P3,某厂,会泽县,高压单电源,2023-07-03 09:00,2023-07-04 09:00",
        "P4,某医院,麒麟区,高压双电源,2023-07-03 09:00,2023-07-07 18:00",
        "P5,李四,麒麟区,居民,待定,2023-07-05 09:00",
      ].join("\n");
      await importFile(page, "3.5", { name: "供电台账.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv}\n`) });
      assert.equal(await text(page, "#import-counts"), "导入 5 行 = 已计算 4 行 + 有问题 1 行；空行 0 行已跳过");
      assert.deepEqual(await page.locator("#import-routes li").allTextContents(), [
        "3.4 居民客户全过程办电时间：2 行（已计算 1 行，有问题 1 行）",
        "3.5 “三零”服务低压非居民客户办电时间：1 行（已计算 1 行，有问题 0 行）",
        "3.6 高压单电源客户办电时间：1 行（已计算 1 行，有问题 0 行）",
        "3.7 高压双电源客户办电时间：1 行（已计算 1 行，有问题 0 行）",
      ]);
      const cells = (await page.locator("#import-problems tbody tr").first().locator("td").allTextContents()).map((c) => c.replace(/\s+/g, " "));
      assert.deepEqual(cells.slice(0, 4), ["供电台账.csv", "6", "E 受理申请时间", "待定"]);
      // In English the core's messages follow (asked of the Workspace again), the counts stay.
      await page.click("#lang-en");
      await until(() => text(page, "#import-problems tbody tr td.message"), (v) => /"待定" is not a date or date-time/.test(v), "the problem in English");
      assert.equal(await text(page, "#import-counts"), "Imported 5 rows = 4 evaluated + 1 with problems; empty rows skipped: 0");
      await page.click("#lang-zh");
      await until(() => text(page, "#import-problems tbody tr td.message"), (v) => /「待定」/.test(v), "back in Chinese");
      assert.equal(await text(page, '#import-cases tr[data-row="3"] td.value'), "10.00 工作日");
      // Each indicator has its rows.
      await page.click('#import-routes li[data-indicator="3.7"] a');
      await until(() => text(page, "#summary-count"), (v) => v === "1", "3.7 has its row");
      assert.equal(await text(page, '#case-table tr[data-case-id="P4"] td.value'), "5.00");

      // 撤销导入: the working set as it was before the file went in (the sample was cleared first).
      await go(page, "#/import");
      await page.click("#import-undo");
      await until(() => text(page, "#import-status"), (s) => s === "已撤销导入：从 供电台账.csv 导入的案件已移除，数据恢复为导入前的样子。", "undone");
      assert.equal(await visible(page, "#import-result-card"), false);
      await go(page, "#/indicator/3.4");
      await until(() => text(page, "#summary-count"), (v) => v === "0", "3.4 empty again");

      // 150 rows whose 受理时间 is "待定": every one is listed, a hundred at a time (data rows 2–151).
      const pending = ["编号,所属县区,受理时间,办结时间"];
      for (let i = 0; i < 150; i++) pending.push(`W${i},麒麟区,待定,2023-07-05 09:00`);
      await go(page, "#/import");
      await importFile(page, "1.1", { name: "待定.csv", mimeType: "text/csv", buffer: Buffer.from(`${pending.join("\n")}\n`) });
      assert.equal(await text(page, "#import-counts"), "导入 150 行 = 已计算 0 行 + 有问题 150 行；空行 0 行已跳过");
      assert.equal(await text(page, "#import-problems-range"), "第 1–100 处，共 150 处");
      assert.equal(await page.locator("#import-problems tbody tr").count(), 100);
      await page.click("#import-problems-next");
      await until(() => text(page, "#import-problems-range"), (v) => v === "第 101–150 处，共 150 处", "second page");
      assert.equal(await page.locator("#import-problems tbody tr").count(), 50);
      assert.equal(await page.getAttribute("#import-problems tbody tr:first-child", "data-row"), "102");

      // A case typed after the import sits above it on the undo stack: 撤销导入 says so rather
      // than take back the wrong edit.
      await go(page, "#/indicator/1.1");
      for (const [name, value] of Object.entries({ id: "AFTER", start: "2023-07-14 09:00", end: "2023-07-14 10:00" })) await page.fill(`#case-${name}`, value);
      await page.click("#case-save");
      await until(() => text(page, "#summary-count"), (v) => v === "151", "typed after the import");
      await go(page, "#/import");
      await page.click("#import-undo");
      assert.match(await text(page, "#import-status"), /^导入之后数据又有了改动/);
      await go(page, "#/indicator/1.1");
      await until(() => text(page, "#summary-count"), (v) => v === "151", "nothing taken back");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a power ledger previewed before anything is added: 取消 changes nothing, 导入 adds the rows, 撤销导入 takes them back", async () => {
    const { page, problems, close } = await openPage();
    try {
      // The sample is kept: 3.4 has its 22 cases (21 generated + the National Day one), 3.5 its
      // 20, 3.6 its 14 (src/plan/samples.rs).
      const dashboardCounts = async () => {
        await go(page, "#/dashboard");
        const count = (id) => text(page, `#dashboard-table tr[data-indicator="${id}"] .count-total`);
        await page.waitForSelector('#dashboard-table tr[data-indicator="3.4"] .count-total');
        return [await count("3.4"), await count("3.5"), await count("3.6")];
      };
      assert.deepEqual(await dashboardCounts(), ["22", "20", "14"]);
      // Rows 2, 3 and 6 are 居民 (3.4; row 6 has no readable 受理申请时间), row 4 低压非居民 (3.5),
      // row 5 高压单电源 (3.6).
      const csv = [
        "工单号,户名,所属县区,客户类别,受理申请时间,装表接电时间",
        "H1,张三,麒麟区,居民,2023-07-03 09:00,2023-07-05 09:00",
        "H2,王五,沾益区,居民,2023-07-04 09:00,2023-07-05 09:00",
        "H3,某公司,宣威市,低压非居民,2023-07-03 09:00,2023-07-14 18:00",
        "H4,某厂,会泽县,高压单电源,2023-07-03 09:00,2023-07-04 09:00",
        "H5,李四,麒麟区,居民,待定,2023-07-05 09:00",
      ].join("\n");
      const file = { name: "供电台账.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv}\n`) };
      await go(page, "#/import");
      await importFile(page, "3.4", file, { sample: "keep", confirm: false });
      assert.equal(await text(page, "#import-result-heading"), "导入预览");
      assert.equal(await text(page, "#import-staged-line"), "共 5 行：计入 3.4 3 行，3.5 1 行，3.6 1 行；有问题 1 行");
      assert.equal(await text(page, "#import-counts"), "读入 5 行 = 可计算 4 行 + 有问题 1 行；空行 0 行已跳过");
      assert.deepEqual(await page.locator("#import-routes li").allTextContents(), [
        "3.4 居民客户全过程办电时间：3 行（已计算 2 行，有问题 1 行）",
        "3.5 “三零”服务低压非居民客户办电时间：1 行（已计算 1 行，有问题 0 行）",
        "3.6 高压单电源客户办电时间：1 行（已计算 1 行，有问题 0 行）",
      ]);
      assert.equal(await text(page, "#import-commit"), "导入这 5 件");
      assert.equal(await visible(page, "#import-discard"), true);
      assert.equal(await visible(page, "#import-undo"), false);
      const cells = (await page.locator("#import-problems tbody tr").first().locator("td").allTextContents()).map((c) => c.replace(/\s+/g, " "));
      assert.deepEqual(cells.slice(0, 4), ["供电台账.csv", "6", "E 受理申请时间", "待定"]);
      assert.equal(await page.locator("#import-preview tbody tr").count(), 5);
      // In English, the same preview.
      await page.click("#lang-en");
      await until(() => text(page, "#import-staged-line"), (v) => v === "5 rows: 3 to 3.4, 1 to 3.5, 1 to 3.6; 1 with problems", "the preview in English");
      assert.equal(await text(page, "#import-commit"), "Import these 5");
      assert.equal(await text(page, "#import-discard"), "Cancel");
      await page.click("#lang-zh");
      await until(() => text(page, "#import-commit"), (v) => v === "导入这 5 件", "back in Chinese");
      // Previewed only: the dashboard still counts the sample alone.
      assert.deepEqual(await dashboardCounts(), ["22", "20", "14"]);

      // 取消: nothing changed.
      await go(page, "#/import");
      await page.click("#import-discard");
      await until(() => text(page, "#import-status"), (s) => s === "已取消导入：供电台账.csv 没有加入，数据没有改动。", "discarded");
      assert.equal(await visible(page, "#import-result-card"), false);
      assert.deepEqual(await dashboardCounts(), ["22", "20", "14"]);

      // Again, and 导入: 3 more cases in 3.4, 1 in 3.5, 1 in 3.6.
      await go(page, "#/import");
      await importFile(page, "3.4", file, { sample: "keep" });
      assert.equal(await text(page, "#import-result-heading"), "导入结果");
      assert.match(await text(page, "#import-add-status"), /^已将 3 条案件加入指标 3\.4 /);
      assert.equal(await visible(page, "#import-commit"), false);
      assert.deepEqual(await dashboardCounts(), ["25", "21", "15"]);

      // 撤销导入: back to the sample alone.
      await go(page, "#/import");
      await page.click("#import-undo");
      await until(() => text(page, "#import-status"), (s) => s.startsWith("已撤销导入"), "undone");
      assert.deepEqual(await dashboardCounts(), ["22", "20", "14"]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a 100 000-row ledger: stage progress and cancel, the page stays responsive, then it imports", async () => {
    const { page, problems, close } = await openPage();
    try {
      const counties = ["麒麟区", "沾益区", "马龙区", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "曲靖经开区"];
      const lines = ["编号,企业名称,所属县区,申请时间,办结时间"];
      for (let i = 0; i < 100_000; i++) {
        const d = String(3 + (i % 25)).padStart(2, "0");
        lines.push(`Q${i},企业${i},${counties[i % 10]},2023-07-${d} 09:00,2023-07-${d} ${10 + (i % 8)}:30`);
      }
      const file = { name: "big-1.1.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n") };
      await page.selectOption("#import-indicator", "1.1");

      // Started (the sample to be cleared, as answered), then cancelled while it reads.
      await page.setInputFiles("#import-file", file);
      await page.locator('dialog#import-sample-dialog button[data-value="clear"]').click();
      await page.waitForSelector('#import-progress[data-stage="parse"], #import-progress[data-stage="evaluate"]');
      const bar = page.locator('#import-progress [role="progressbar"]');
      assert.equal(await bar.getAttribute("aria-valuemax"), "4");
      assert.match(await bar.getAttribute("aria-valuetext"), /第 \d 步，共 4 步/);
      await page.click("#import-progress-cancel");
      await until(() => text(page, "#import-status"), (s) => s === "已取消。", "cancelled");
      assert.equal(await visible(page, "#import-progress"), false);

      // Again, to the end; the page answers while the worker reads and evaluates. Nothing was
      // added yet, so the sample is still there and the question comes again (the sample is
      // dropped when the rows are added).
      await page.setInputFiles("#import-file", file);
      // Every frame the page draws records the import's stage: frames drawn while the worker
      // evaluates show the page answering meanwhile (how fast is bench/page.mjs's question).
      await page.evaluate(() => {
        window.stagesDrawn = new Set();
        const tick = () => {
          const stage = document.querySelector("#import-progress")?.dataset.stage;
          if (stage) window.stagesDrawn.add(stage);
          if (stage !== "done") requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.locator('dialog#import-sample-dialog button[data-value="clear"]').click();
      await page.waitForSelector('#import-progress[data-stage="done"]', { state: "attached", timeout: 120_000 });
      const stages = await page.evaluate(() => [...window.stagesDrawn]);
      assert.ok(stages.includes("evaluate"), `stages seen in frames: ${stages}`);
      assert.deepEqual(await importCounts(page), { rowsIn: 100_000, evaluated: 100_000, withProblems: 0, blank: 0 });
      assert.equal(await text(page, "#import-staged-line"), "共 100000 行：计入 1.1 100000 行；有问题 0 行");
      await confirmImport(page);
      assert.equal(await page.locator("#import-cases tbody tr").count(), 200);
      assert.match(await text(page, "#import-cases-more"), /仅显示前 200 件，共 100000 件/);

      // In the data already (one pass), the case table shows a page at a time; paging, filters,
      // search and sort are the core's.
      assert.match(await text(page, "#import-add-status"), /已将 100000 条案件加入指标 1\.1/);
      await go(page, "#/indicator/1.1");
      const range = () => text(page, "#pager-range");
      assert.equal(await range(), "第 1–50 条，共 100000 条");
      assert.equal(await page.locator("#case-table tbody tr").count(), 50);
      await page.click("#pager-next");
      await until(range, (v) => v === "第 51–100 条，共 100000 条", "next page");
      assert.equal(await page.getAttribute("#case-table tbody tr:first-child", "data-case-id"), "Q50");
      await page.click("#pager-last");
      await until(range, (v) => v === "第 99951–100000 条，共 100000 条", "last page");
      assert.equal(await page.locator("#pager-next").isDisabled(), true);
      // Late: case i runs 09:00 → (10 + i mod 8):30 on July 3 + (i mod 25). Over 168 minutes (0.4 of
      // a 420-minute day) are the ends from 12:30 on (180 minutes and more: i mod 8 = 2…7) on the
      // 19 weekdays of those 25 days (the 8th, 9th, 15th, 16th, 22nd and 23rd are a weekend, 0
      // minutes). i mod 8 and i mod 25 meet once in each 200 rows: 6 × 19 = 114 late per 200,
      // 57 000 in all.
      await page.check("#pager-late-only");
      await until(range, (v) => v === "第 1–50 条，筛选出 57000 条，共 100000 条", "late only");
      assert.equal(await page.locator("#case-table tbody tr:not(.is-late)").count(), 0);
      await page.uncheck("#pager-late-only");
      // Every tenth row is 麒麟区's.
      await page.selectOption("#pager-county", "麒麟区");
      await until(range, (v) => v === "第 1–50 条，筛选出 10000 条，共 100000 条", "one county");
      await page.selectOption("#pager-county", "*");
      await page.fill("#pager-search", "Q99999");
      await page.press("#pager-search", "Enter");
      await until(range, (v) => v === "第 1–1 条，筛选出 1 条，共 100000 条", "searched");
      await page.fill("#pager-search", "");
      await page.press("#pager-search", "Enter");
      await until(range, (v) => v === "第 1–50 条，共 100000 条", "search cleared");
      // Longest first: 09:00 → 17:30 on a weekday, 390 minutes = 0.93 of a working day.
      await page.click('#case-table [data-sort="value"]');
      await page.click('#case-table [data-sort="value"]');
      await until(() => page.getAttribute('#case-table th[data-column="value"]', "aria-sort"), (v) => v === "descending", "sorted");
      assert.equal(await text(page, "#case-table tbody tr:first-child td.value"), "0.93");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("calendar settings: a marked day and an imported year count in the calculator, and travel in the project file", async () => {
    const { page, problems, close } = await openPage("#/calculator");
    try {
      // 2023-09-28 → 2023-10-09 is 3 working days (the 28th and the make-up 7th and 8th around
      // National Day); with 10-09 a day off, 2.
      const plain = { workingDays: 3 };
      const marked = { workingDays: 2 };
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === plain.workingDays, "the official calendar's count");
      await page.fill("#calset-day", "2023/10/9");
      await page.click("#calset-add-holiday");
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === marked.workingDays, "recalculated with the day off");
      assert.equal(await text(page, "#calset-day-list"), "2023-10-09 休息日 删除");
      await page.selectOption("#cal-year", "2023");
      await page.selectOption("#cal-month", "10");
      assert.equal(await page.getAttribute('#cal-table td[data-date="2023-10-09"]', "data-workday"), "false");

      // A year's arrangement: a bad line is named; a good file is listed.
      await page.setInputFiles("#calset-file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("date,kind,name_zh,name_en\n2027-02-30,holiday,春节,Spring Festival\n") });
      await until(() => text(page, "#calset-file-error"), (s) => /第 2 行/.test(s), "error names the line");
      const csv2027 = "date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n2027-02-06,holiday,春节,Spring Festival\n";
      await page.setInputFiles("#calset-file", { name: "2027.csv", mimeType: "text/csv", buffer: Buffer.from(csv2027) });
      await until(() => text(page, "#calset-csv-list"), (s) => s.includes("2027 年节假日安排（2 天）"), "listed");
      assert.equal(await visible(page, "#calset-file-error"), false);
      await page.selectOption("#cal-year", "2027");
      await page.selectOption("#cal-month", "2");
      assert.equal(await page.getAttribute('#cal-table td[data-date="2027-02-06"]', "data-kind"), "holiday");

      // The project file holds the settings; opening it (after a clear) brings them back.
      await page.click("#nav-import");
      await saved(page);
      const project = await download(page, "#project-save");
      assert.match(project.name, /^bizenv-项目-\d{8}\.json$/);
      const saved_ = JSON.parse(project.bytes.toString("utf8"));
      assert.equal(saved_.schema, "bizenv-project");
      assert.deepEqual(saved_.settings.holidays, ["2023-10-09"]);
      assert.deepEqual(saved_.settings.calendarCsv, [csv2027]);

      await page.click("#data-clear");
      await page.locator('dialog#data-clear-dialog button[data-value="clear"]').click();
      await until(() => text(page, "#project-status"), (s) => s.includes("已清除"), "cleared");
      await page.click("#nav-calculator");
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === plain.workingDays, "back to the official calendar");
      assert.equal(await visible(page, "#calset-day-list"), false);

      await page.click("#nav-import");
      // The autosave of the opened project comes after this one (read first: a small write is
      // saved at once, possibly before the page says it opened the project).
      const since = (await page.getAttribute("#autosave-status", "data-saved-at")) ?? "";
      await page.setInputFiles("#project-file", { name: project.name, mimeType: "application/json", buffer: project.bytes });
      const open = page.locator("dialog#project-open-dialog");
      await open.waitFor();
      await open.locator('button[data-value="open"]').click();
      await until(() => text(page, "#project-status"), (s) => s.includes("已打开项目"), "opened");
      await saved(page, since);
      await page.click("#nav-calculator");
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === marked.workingDays, "the day off is back");

      // And a reload keeps them.
      await page.reload();
      await ready(page, problems);
      await until(() => text(page, "#result-working-days"), (v) => Number(v) === marked.workingDays, "after reload");
      assert.match(await text(page, "#calset-csv-list"), /2027 年节假日安排/);

      // A file that is not a project is refused, naming the reason; nothing changes.
      await page.click("#nav-import");
      await page.setInputFiles("#project-file", { name: "other.json", mimeType: "application/json", buffer: Buffer.from('{"schema":"other"}') });
      await until(() => text(page, "#project-error"), (s) => s.includes("不是 bizenv 项目文件"), "refused");
      // A project file picked in 导入台账 is opened as a project too, after the same question.
      await page.setInputFiles("#import-file", { name: project.name, mimeType: "application/json", buffer: project.bytes });
      await open.waitFor();
      await open.locator('button[data-value=""]').click();
      await until(() => text(page, "#project-status"), (s) => s.includes("未打开项目"), "not opened");
      assert.deepEqual(await unlabeled(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
