// Every view of www/index.html on a phone (390×844, and the page's width at
// 360 and 414), in Chinese and in English, in headless Debian Chromium: the
// page never scrolls sideways; the navigation, 选择指标, 打印报告 and the
// other named controls lie inside the screen; wide tables scroll inside their
// own box with their first column held at the left; the dashboard's rows are
// cards whose verdict is on screen; a column head never breaks inside its
// bracketed unit ("用时（工作 / 日）").
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.
// Run: node --test tests/e2e/phone.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { fixture, go, importFile, settled, text, useBrowser } from "./support.mjs";

const PHONE = { width: 390, height: 844 };
const { openPage } = useBrowser({ viewport: PHONE, fixtures: ["electricity-3.5.xlsx"] });

/** Every view the navigation offers, and the indicators whose methods lay out differently. */
const VIEWS = ["#/dashboard", "#/indicator/1.1", "#/indicator/3.6", "#/indicator/5.3", "#/indicator/6.1", "#/indicator/10.5", "#/counties", "#/import", "#/calculator"];

/** How far the page scrolls sideways: 0 when nothing is wider than the screen. */
const sideways = (page) => page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);

/** The box of `selector` (the first match), or null. */
const box = (page, selector) => page.locator(selector).first().boundingBox();

/** Fails unless the element lies, left to right, within the screen's width. */
async function assertOnScreen(page, selector, where) {
  const rect = await box(page, selector);
  assert.ok(rect, `${where}: ${selector} is shown`);
  const width = page.viewportSize().width;
  assert.ok(rect.x >= 0 && rect.x + rect.width <= width + 0.5, `${where}: ${selector} spans ${Math.round(rect.x)}–${Math.round(rect.x + rect.width)} px on a ${width} px screen`);
}

/** The number of lines the text `part` of the first element matching `selector` takes. */
function linesOf(page, selector, part) {
  return page.evaluate(
    ([selector, part]) => {
      const root = document.querySelector(selector);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(part);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + part.length);
        // Glyphs of one line may sit a pixel apart (a bracket from another font): a rect starts
        // a new line only below the line before it.
        const rects = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
        let lines = 0;
        let bottom = -Infinity;
        for (const r of rects) {
          if (r.top >= bottom - 1) lines += 1;
          bottom = r.top >= bottom - 1 ? r.bottom : Math.max(bottom, r.bottom);
        }
        return lines;
      }
      return null;
    },
    [selector, part],
  );
}

/** Every view at the phone's width: no sideways scroll, the navigation on screen. */
async function everyView(page, lang) {
  for (const hash of VIEWS) {
    await go(page, hash);
    const where = `${lang} ${hash}`;
    assert.equal(await sideways(page), 0, `${where}: the page does not scroll sideways`);
    for (const link of ["#nav-dashboard", "#nav-indicator", "#nav-counties", "#nav-import", "#nav-calculator"]) await assertOnScreen(page, link, where);
    await assertOnScreen(page, lang === "en" ? "#lang-zh" : "#lang-en", where);
    if (hash.startsWith("#/indicator/")) {
      await assertOnScreen(page, "#indicator-picker", where);
      await assertOnScreen(page, "#indicator-print", where);
      await assertOnScreen(page, "#indicator-heading", where);
      await assertOnScreen(page, "#case-table-box", where);
    }
  }
}

describe("on a phone, 390×844", () => {
  test("中文: every view fits the screen; named controls on screen; tables scroll in their box with the first column held", async () => {
    const { page, problems, close } = await openPage();
    try {
      await everyView(page, "zh");

      // 总览: each indicator a card with its name, verdict, target, value, gap and cases on screen.
      await go(page, "#/dashboard");
      await assertOnScreen(page, "#dashboard-print", "dashboard");
      assert.equal(await text(page, "#dashboard-print"), "打印报告");
      assert.equal(await linesOf(page, "#dashboard-print", "打印报告"), 1, "打印报告 on one line");
      const row = '#dashboard-table tr[data-indicator="1.2"]';
      assert.equal(await text(page, `${row} .ind-name a`), "简易注销登记公示时间");
      assert.equal(await text(page, `${row} td.met`), "✗未达标");
      assert.equal(await text(page, `${row} td.target`), "≤ 20 天");
      assert.equal(await text(page, `${row} td.value`), "20.1 天");
      assert.equal(await page.getAttribute(`${row} td.target`, "data-label"), "目标");
      for (const cell of [".ind-id", ".ind-name", "td.met", "td.target", "td.value", "td.gap", "td.count"]) await assertOnScreen(page, `${row} ${cell}`, "dashboard 1.2");
      // The name reads as words, not a column two characters wide.
      assert.equal(await linesOf(page, `${row} .ind-name a`, "简易注销登记公示时间"), 1);

      // 指标详情 1.1: the picker's label and 打印报告 each on one line; "计算方法" never broken.
      await go(page, "#/indicator/1.1");
      assert.equal(await text(page, "#indicator-heading"), "1.1 企业开办时间");
      assert.equal(await text(page, 'label[for="indicator-picker"]'), "选择指标");
      assert.equal(await linesOf(page, "#indicator-print", "打印报告"), 1);
      assert.equal(await linesOf(page, "#indicator-meta", "计算方法"), 1);
      // The case table scrolls inside its box; its first column (编号) stays at the left edge.
      const wrap = await box(page, "#case-table-box");
      const scrolled = await page.evaluate(() => {
        const wrap = document.getElementById("case-table-box");
        wrap.scrollLeft = wrap.scrollWidth;
        return { scrollable: wrap.scrollWidth > wrap.clientWidth, left: wrap.scrollLeft };
      });
      assert.ok(scrolled.scrollable && scrolled.left > 0, "the case table scrolls sideways in its box");
      const firstCell = await box(page, "#case-table tbody tr:first-child > :first-child");
      assert.ok(Math.abs(firstCell.x - wrap.x) < 1, `编号 held at the left edge (cell at ${firstCell.x}, box at ${wrap.x})`);
      assert.equal(await text(page, "#case-table tbody tr:first-child > :first-child"), "QJ-1.1-0001");
      // A head wraps before its unit, never inside it: "（工作日）" on one line.
      assert.equal(await text(page, '#case-table th[data-column="value"]'), "用时（工作日）");
      assert.equal(await linesOf(page, '#case-table th[data-column="value"]', "（工作日）"), 1);
      assert.equal(await linesOf(page, '#case-table th[data-column="start"]', "（首个申请提交）"), 1);
      // The summary's labels too: "差距（当前值－目标值）" wraps before its bracket, not inside.
      const gapLabel = '#indicator-summary .result:has(#summary-gap) dt';
      assert.equal(await text(page, gapLabel), "差距（当前值－目标值）");
      assert.equal(await linesOf(page, gapLabel, "（当前值－目标值）"), 1);

      // 县区排名: the ranking fits; county names read on one line.
      await go(page, "#/counties");
      assert.equal(await text(page, '#ranking-table tr[data-county="麒麟区"] th'), "麒麟区");
      assert.equal(await linesOf(page, '#ranking-table tr[data-county="曲靖经开区"] th', "曲靖经开区"), 1);
      await assertOnScreen(page, '#ranking-table tr[data-county="麒麟区"] td.score', "ranking");
      for (const control of ["#ranking-print", "#ranking-export-xlsx", "#ranking-export-csv"]) await assertOnScreen(page, control, "ranking");
      assert.equal(await text(page, "#ranking-print"), "打印排名");

      // 导入台账 and the calculator: their controls on screen.
      await go(page, "#/import");
      await assertOnScreen(page, "#import-indicator", "import");
      await assertOnScreen(page, "#import-file", "import");
      await go(page, "#/calculator");
      await assertOnScreen(page, "#start", "calculator");
      await assertOnScreen(page, "#end", "calculator");

      // The narrower and the wider phone: still no sideways scroll.
      for (const width of [360, 414]) {
        await page.setViewportSize({ width, height: 844 });
        for (const hash of ["#/dashboard", "#/indicator/1.1", "#/indicator/10.5", "#/counties", "#/import", "#/calculator"]) {
          await go(page, hash);
          await settled(page);
          assert.equal(await sideways(page), 0, `${width} px ${hash}: no sideways scroll`);
        }
      }

      // An import's result at 390 px (last: it replaces the sample): its summary labels wrap
      // before their bracket, as the indicator view's do ("当前值（各案件平 / 均）" before).
      await page.setViewportSize({ width: 390, height: 844 });
      await go(page, "#/import");
      await importFile(page, "3.5", fixture("electricity-3.5.xlsx"));
      const meanLabel = "#import-summary .result:has(#import-summary-value) dt";
      assert.equal(await text(page, meanLabel), "当前值（各案件平均）");
      assert.equal(await linesOf(page, meanLabel, "（各案件平均）"), 1);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("English: every view fits the screen; named controls on screen; heads keep their bracketed unit whole", async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.click("#lang-en");
      await settled(page);
      await everyView(page, "en");

      await go(page, "#/dashboard");
      const row = '#dashboard-table tr[data-indicator="1.1"]';
      assert.equal(await text(page, `${row} .ind-name a`), "Company setup time");
      assert.equal(await text(page, `${row} td.met`), "✓Met");
      assert.equal(await page.getAttribute(`${row} td.value`, "data-label"), "Current value");
      for (const cell of ["td.met", "td.target", "td.value", "td.gap", "td.count"]) await assertOnScreen(page, `${row} ${cell}`, "dashboard 1.1");
      assert.equal(await linesOf(page, "#dashboard-print", "Print report"), 1);

      // 10.5: the big figure wraps between number and unit instead of leaving the card.
      await go(page, "#/indicator/10.5");
      assert.equal(await text(page, "#indicator-heading"), "10.5 Creditor recovery rate");
      await assertOnScreen(page, "#summary-value", "10.5");

      await go(page, "#/indicator/1.1");
      assert.equal(await text(page, '#case-table th[data-column="value"]'), "Time (working days)");
      assert.equal(await linesOf(page, '#case-table th[data-column="value"]', "(working days)"), 1);
      assert.equal(await linesOf(page, "#indicator-print", "Print report"), 1);

      // A ledger imported on the phone: its stages, mapping, preview, problems and cases fit or scroll in their boxes
      // (last: the import replaces the sample).
      await go(page, "#/import");
      await importFile(page, "3.5", fixture("electricity-3.5.xlsx"));
      assert.equal(await sideways(page), 0, "import result: no sideways scroll");
      for (const control of ["#import-indicator", "#import-file", "#import-export-xlsx"]) await assertOnScreen(page, control, "import result");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
