// End-to-end tests of the plan views (总览, 指标详情, 县区排名) of www/index.html
// in headless Debian Chromium, driven by playwright-core, on the built-in
// sample data.
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.
// Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { calendarDates, calendarMarks, routed, settled, text, unlabeled, until, useBrowser, visible } from "./support.mjs";

const SAMPLE_BANNER = "当前显示示例数据（虚构，仅供演示）";

/** openPage(hash): a fresh page at `hash` (default: none, i.e. as a user first opens it) once the core has loaded. */
const { openPage } = useBrowser();

/** Fills the case form of the indicator view and saves it. */
async function saveCase(page, fields) {
  for (const [name, value] of Object.entries(fields)) await page.locator(`#case-${name}`).fill(value);
  await page.locator("#case-save").click();
}

describe("plan views on the sample data", () => {
  test("opens on the dashboard: sample banner, 42 indicators, 36 targets met and 6 missed", async () => {
    const { page, problems, close } = await openPage();
    try {
      assert.equal(new URL(page.url()).hash, "#/dashboard", "the default view is made linkable");
      assert.equal(await visible(page, "#view-dashboard"), true);
      assert.equal(await visible(page, "#view-calculator"), false);
      assert.equal(await page.getAttribute("#nav-dashboard", "aria-current"), "page");
      assert.match(await page.title(), /^总览/);

      // The sample is labelled as such, with its own label, and keeps its own 评估时点.
      assert.ok(await visible(page, "#sample-banner"));
      const banner = await text(page, "#sample-banner");
      assert.match(banner, new RegExp(SAMPLE_BANNER.replace(/[()（）]/g, "\\$&")));
      assert.ok(banner.includes("示例数据（虚构，仅供演示）"), "banner names the dataset");
      assert.equal(await page.inputValue("#as-of"), "2023-12-29 17:00");

      // One row per indicator of the plan, in twelve topics.
      const rows = page.locator("#dashboard-table tbody tr[data-indicator]");
      assert.equal(await rows.count(), 42);
      assert.equal(await page.locator("#dashboard-table tbody[data-topic]").count(), 12);

      // The sample misses six targets, each for its own reason (README "The sample data",
      // tests/samples.rs): 1.2, 5.3, 6.1, 7.2, 8.4 and 10.1. 42 = 36 met + 6 missed + 0 without data.
      const shown = {
        indicators: Number(await text(page, "#total-indicators")),
        met: Number(await text(page, "#total-met")),
        notMet: Number(await text(page, "#total-not-met")),
        noData: Number(await text(page, "#total-no-data")),
      };
      assert.deepEqual(shown, { indicators: 42, met: 36, notMet: 6, noData: 0 });
      assert.deepEqual(
        await page.locator('#dashboard-table tr[data-met="false"]').evaluateAll((rows) => rows.map((r) => r.dataset.indicator)),
        ["1.2", "5.3", "6.1", "7.2", "8.4", "10.1"],
      );
      // And they agree with the rows: each row says its result in words, not by colour alone.
      assert.equal(await page.locator('#dashboard-table tr[data-met="true"]').count(), shown.met);
      assert.equal(await page.locator('#dashboard-table tr[data-met="false"]').count(), shown.notMet);
      for (const word of await page.locator("#dashboard-table tr[data-indicator] td.met").allTextContents()) {
        assert.match(word, /达标|未达标|无数据/);
      }

      // Row 1.1: target as the plan states it, value in its unit, case count.
      const r11 = page.locator('#dashboard-table tr[data-indicator="1.1"]');
      assert.match(await r11.locator(".target").textContent(), /^≤ 0\.4 工作日$/);
      assert.match(await r11.locator(".value").textContent(), /^\d+\.\d\d 工作日$/);
      assert.match(await r11.locator(".count-total").textContent(), /^\d+$/);
      // Trends say so.
      assert.match(await page.locator('#dashboard-table tr[data-indicator="6.1"] .target').textContent(), /持续下降/);
      assert.deepEqual(await unlabeled(page), []);
      await settled(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("clicking 1.1 opens its detail with the same summary; back returns to the dashboard", async () => {
    const { page, problems, close } = await openPage();
    try {
      const row = page.locator('#dashboard-table tr[data-indicator="1.1"]');
      const value = (await row.locator(".value").textContent()).trim();
      const count = (await row.locator(".count-total").textContent()).trim();
      await row.getByRole("link", { name: "企业开办时间" }).click();
      await routed(page, (h) => h === "#/indicator/1.1", "hash");
      assert.ok(await visible(page, "#view-indicator"));
      assert.equal(await visible(page, "#view-dashboard"), false);
      assert.equal(await text(page, "#indicator-heading"), "1.1 企业开办时间");
      assert.equal(await page.inputValue("#indicator-picker"), "1.1");
      assert.match(await text(page, "#indicator-clause"), /0\.4 个工作日/);
      assert.match(await text(page, "#indicator-clause-ref"), /二、（一）1/);

      assert.equal(await text(page, "#summary-value"), value);
      assert.equal(await text(page, "#summary-count"), count);
      assert.match(await text(page, "#summary-met"), /达标/);
      assert.match(await text(page, "#summary-met-share"), /%$/);
      for (const id of ["summary-mean", "summary-median", "summary-p90", "summary-min", "summary-max"]) {
        assert.match(await text(page, `#${id}`), /\d/, id);
      }
      assert.equal(await page.locator("#case-table tbody tr").count(), Number(count));
      assert.equal(await page.locator("#indicator-county-table tbody tr").count(), 10);
      // Scores anchored on the target, each end with its source (the catalogue's).
      assert.match(await text(page, "#frontier-source"), /达到目标 0\.4 工作日 记 60 分；最好值 0 工作日 记 100 分（逻辑理想值/);
      // The method note: span basis, and the working day in force.
      assert.match(await text(page, "#indicator-method-note"), /重叠时段只计一次.*一个工作日为各办公时段之和（09:00–12:00、14:00–18:00）/);
      assert.deepEqual(await unlabeled(page), []);

      await page.goBack();
      await routed(page, (h) => h === "#/dashboard", "hash after back");
      assert.ok(await visible(page, "#view-dashboard"));
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a case added through the 1.1 form is evaluated, highlighted as late and counted", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      const before = Number(await text(page, "#summary-count"));
      // 2023-07-14 is a Friday: 09:00–12:00 and 14:00–15:00 are 240 working minutes, 240 / 420 =
      // 0.57 of the 7-hour working day of the default sessions, over the 0.4 target.

      await saveCase(page, { id: "QJ-1.1-E2E", name: "测试企业", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 15:00" });
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-E2E"]');
      await until(() => row.count(), (n) => n === 1, "new row");
      assert.match(await row.getAttribute("class"), /\bis-late\b/);
      assert.equal(await row.getAttribute("data-met"), "false");
      assert.equal((await row.locator("td.value").textContent()).trim(), "0.57");
      assert.match(await row.textContent(), /未达标/);
      assert.match(await row.textContent(), /240/, "working minutes");
      assert.equal(Number(await text(page, "#summary-count")), before + 1);
      assert.match(await text(page, "#case-form-status"), /QJ-1\.1-E2E/);
      // The form is empty again for the next case.
      assert.equal(await page.inputValue("#case-start"), "");
      // The same 编号 again is refused, and the form offers the case that has it.
      await saveCase(page, { id: "QJ-1.1-E2E", county: "麒麟区", start: "2023-07-17 09:00", end: "2023-07-17 10:00" });
      await until(() => text(page, "#case-id-error"), (v) => v.includes("编号「QJ-1.1-E2E」已被本指标的另一件案件使用"), "duplicate 编号");
      assert.equal(Number(await text(page, "#summary-count")), before + 1, "not counted twice");
      await page.locator("#case-open-existing").click();
      await until(() => page.inputValue("#case-end"), (v) => v === "2023-07-14 15:00", "the existing case in the form");

      // The dashboard counts it too.
      await page.locator("#nav-dashboard").click();
      await until(
        () => page.locator('#dashboard-table tr[data-indicator="1.1"] .count-total').textContent(),
        (v) => Number(v) === before + 1,
        "dashboard count",
      );

      // Sample and real data together: the banner says 含示例数据 and offers to remove the sample.
      await until(() => text(page, "#sample-banner-text"), (v) => v === "当前数据含示例数据（虚构）", "mixed banner");
      assert.equal(await visible(page, "#sample-drop"), true);
      await page.locator("#sample-drop").click();
      await until(() => visible(page, "#sample-banner"), (v) => v === false, "no banner on real data only");
      // Only the one case typed in is left: 1 case of 1.1, none of 3.5.
      await until(() => page.locator('#dashboard-table tr[data-indicator="1.1"] .count-total').textContent(), (v) => v.trim() === "1", "1.1 count");
      assert.equal((await page.locator('#dashboard-table tr[data-indicator="3.5"] .count-total').textContent()).trim(), "0");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a case ending before it starts is refused with the core's message beside the end; corrected, it is kept", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      // The sample has 24 cases of 1.1.
      assert.equal(Number(await text(page, "#summary-count")), 24);
      const before = 24;
      await saveCase(page, { id: "QJ-1.1-BAD", county: "沾益区", start: "2023-07-14 15:00", end: "2023-07-14 09:00" });
      await until(() => text(page, "#case-end-error"), (v) => /早于/.test(v), "the core's message beside the end");
      assert.equal(await page.getAttribute("#case-end", "aria-invalid"), "true");
      assert.match(await text(page, "#case-form-status"), /QJ-1\.1-BAD.*未保存/);
      // Nothing was kept: what was typed stays in the form to be corrected.
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-BAD"]');
      assert.equal(await row.count(), 0);
      assert.equal(Number(await text(page, "#summary-count")), before);
      assert.equal(await page.inputValue("#case-id"), "QJ-1.1-BAD");

      // Corrected (15:00 to 16:00, one working hour), it is kept.
      await page.locator("#case-end").fill("2023-07-14 16:00");
      await page.locator("#case-save").click();
      await until(() => row.getAttribute("data-status"), (s) => s === "closed", "corrected row");
      assert.equal(Number(await text(page, "#summary-count")), before + 1);
      assert.equal(Number(await text(page, "#summary-invalid")), 0);
      assert.equal(await visible(page, "#case-end-error"), false);

      // Deleting it (with undo).
      await row.getByRole("button", { name: "删除案件 QJ-1.1-BAD" }).click();
      await until(() => row.count(), (n) => n === 0, "deleted row");
      assert.equal(Number(await text(page, "#summary-count")), before);
      await page.locator("#case-undo").click();
      await until(() => row.count(), (n) => n === 1, "restored row");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("3.6 shows open cases with alerts; a later 评估时点 turns one overdue", async () => {
    const { page, problems, close } = await openPage("#/indicator/3.6");
    try {
      assert.equal(await text(page, "#indicator-heading"), "3.6 高压单电源客户办电时间");
      assert.equal(await page.inputValue("#case-customerClass"), "high_voltage_single");
      const open = page.locator('#case-table tr[data-status="open"]');
      assert.equal(await open.count(), Number(await text(page, "#summary-open")));
      assert.ok((await open.count()) > 0);
      assert.match(await open.first().textContent(), /办理中/);
      assert.match(await open.first().textContent(), /已用/);
      const warned = page.locator('#case-table tr[data-alert="warning"]');
      assert.ok((await warned.count()) > 0, "a case close to its limit is marked");
      assert.match(await warned.first().textContent(), /预警/);
      const id = await warned.first().getAttribute("data-case-id");

      // A month later the same case is past its 50 working days; the case paused between
      // stages keeps its alert: no stage runs, so neither does its clock.
      const paused = page.locator('#case-table tr:has(.badge-paused)');
      assert.equal(await paused.count(), 1);
      const pausedId = await paused.getAttribute("data-case-id");
      const pausedAlert = await paused.getAttribute("data-alert");
      await page.locator("#as-of").fill("2024-01-31 17:00");
      await page.locator("#as-of").press("Enter");
      const row = page.locator(`#case-table tr[data-case-id="${id}"]`);
      await until(() => row.getAttribute("data-alert"), (a) => a === "overdue", "overdue alert");
      assert.match(await row.textContent(), /超期/);
      assert.match(await row.getAttribute("class"), /\bis-late\b/);
      assert.equal(await page.locator(`#case-table tr[data-case-id="${pausedId}"]`).getAttribute("data-alert"), pausedAlert);

      // A 评估时点 the core cannot read is reported next to its input.
      await page.locator("#as-of").fill("2024-13-01");
      await page.locator("#as-of").press("Enter");
      await until(() => text(page, "#as-of-error"), (v) => /评估时点/.test(v), "asOf error");
      assert.equal(await page.getAttribute("#as-of", "aria-invalid"), "true");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the indicator picker and the form follow the method (10.5 recovery rate)", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      await page.selectOption("#indicator-picker", "10.5");
      await routed(page, (h) => h === "#/indicator/10.5", "hash");
      assert.equal(await text(page, "#indicator-heading"), "10.5 债权人回收率");
      assert.ok(await visible(page, "#case-recovered"));
      assert.ok(await visible(page, "#case-claims"));
      assert.equal(await page.locator("#case-start").count(), 0);
      assert.match(await text(page, "#summary-numerator"), /\d/);

      // The World Bank method: other fields, another value.
      const pooled = await text(page, "#summary-value");
      await page.locator("#recovery-doing_business").check();
      await until(() => page.locator("#case-outcome").count(), (n) => n === 1, "outcome field");
      assert.ok(await visible(page, "#case-lendingRate"));
      assert.equal(await page.locator("#case-recovered").count(), 0);
      await page.locator("#recovery-pooled").check();
      await until(() => text(page, "#summary-value"), (v) => v === pooled, "pooled value back");

      // A rate: numerator and denominator labelled with what they count.
      await page.selectOption("#indicator-picker", "4.1");
      await until(() => text(page, "#indicator-heading"), (v) => v.startsWith("4.1"), "4.1");
      assert.match(await text(page, 'label[for="case-numerator"]'), /劳动合同/);
      // A trend: periods listed.
      await page.selectOption("#indicator-picker", "6.1");
      await until(() => text(page, "#indicator-heading"), (v) => v.startsWith("6.1"), "6.1");
      assert.ok((await page.locator('.periods-table th[scope="col"]').count()) > 1, "one column per period");
      assert.ok(await visible(page, "#case-period"));
      assert.deepEqual(await unlabeled(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the county ranking lists the 10 counties with their scores and details", async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.locator("#nav-counties").click();
      await routed(page, (h) => h === "#/counties", "hash");
      assert.ok(await visible(page, "#view-counties"));
      assert.match(await text(page, "#ranking-scoring-note"), /以方案目标为锚点：达到目标记 60 分.*未达标的县区得分低于 60 分/);
      const rows = page.locator("#ranking-table tr.ranking-row");
      assert.equal(await rows.count(), 10);
      // The order of tests/samples.rs: the counties' standing, the development zone sixth for
      // want of insolvency cases (its own mean 78.4 × 29 / 34 = 66.9); 麒麟区 first at 77.0 with
      // all 34 ranked indicators, 会泽县 last at 56.4 (README "The sample data").
      assert.deepEqual(
        await rows.locator("th").allTextContents(),
        ["麒麟区", "沾益区", "陆良县", "马龙区", "罗平县", "曲靖经开区", "师宗县", "宣威市", "富源县", "会泽县"],
      );
      assert.equal((await rows.first().locator(".score").textContent()).trim(), "77.0");
      assert.equal((await rows.nth(5).locator(".score").textContent()).trim(), "66.9");
      assert.equal((await rows.nth(5).locator(".coverage").textContent()).trim(), "29 / 34");
      assert.equal((await rows.last().locator(".score").textContent()).trim(), "56.4");

      // Expanding a county shows its score per indicator.
      const toggle = rows.first().getByRole("button");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      await toggle.click();
      const detail = page.locator("#ranking-detail-0");
      await until(() => detail.isVisible(), (v) => v, "detail shown");
      // Every ranked indicator with data, those the county lacks marked as counting 0:
      // 麒麟区 has all 34, so none is marked.
      assert.equal(await page.locator("#ranking-detail-0 .score-table tbody tr").count(), 34);
      assert.equal(await page.locator("#ranking-detail-0 .score-table tbody tr.no-data").count(), 0);
      assert.equal((await rows.first().locator(".coverage").textContent()).trim(), "34 / 34");
      assert.equal(await rows.first().getByRole("button").getAttribute("aria-expanded"), "true");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the calculator tab still calculates", async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.locator("#nav-calculator").click();
      await routed(page, (h) => h === "#/calculator", "hash");
      assert.ok(await visible(page, "#view-calculator"));
      assert.equal(await visible(page, "#data-bar"), false, "the dataset bar belongs to the plan views");
      assert.match(await page.title(), /工作日计算器/);
      assert.equal(await text(page, "#result-working-days"), "3.00");
      await page.locator("#end").fill("2023-10-10");
      await page.locator("#end").press("Tab");
      await until(() => text(page, "#result-working-days"), (v) => v === "4.00", "recalculated");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("6.1, a trend, is drawn as one line per series with the target's direction; no county chart", async () => {
    const { page, problems, close } = await openPage("#/indicator/6.1");
    try {
      const chart = page.locator("#chart-trend svg");
      await until(() => chart.count(), (n) => n === 1, "trend chart");
      assert.equal(await page.locator("#indicator-charts svg").count(), 1, "the trend only: no histogram, no county bars");
      // The sample: imports 38.6 … 30.4 → 29.6 hours (fell), exports 2.10 … 1.55 → 1.61 (rose).
      assert.match(await chart.textContent(), /每个系列一条线，各用自己的纵轴（未从 0 开始）；目标：逐期下降 ↓/);
      assert.deepEqual(await chart.locator("g.series .series-name").allTextContents(), ["出口：最近一期未下降 ↑", "进口：最近一期较上期下降 ↓"]);
      assert.equal(await chart.locator("path.line").count(), 2);
      assert.equal(await chart.locator("circle").count(), 22, "11 months × 2 series");
      // Each series on its own axis: exports 1.55–2.10 in steps of 0.2 (0.55 in about 4 parts),
      // imports 29.6–38.6 in steps of 2.5 (9 in about 4 parts).
      const ticks = (k) => chart.locator("g.series").nth(k).locator('text[text-anchor="end"]').allTextContents();
      assert.deepEqual(await ticks(0), ["1.4", "1.6", "1.8", "2", "2.2"]);
      assert.deepEqual(await ticks(1), ["27.5", "30", "32.5", "35", "37.5", "40"]);
      assert.deepEqual(await chart.locator("g.series").nth(0).locator("text.period").allTextContents(), ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11"]);
      // Points that did not fall: exports 1.95 → 1.98 in April and 1.55 → 1.61 in November,
      // imports 36.4 → 36.8 in April and 31.9 → 32.3 in September.
      assert.deepEqual(await chart.locator("circle.late title").allTextContents(), ["出口，2023-04：1.98 小时", "出口，2023-11：1.61 小时", "进口，2023-04：36.8 小时", "进口，2023-09：32.3 小时"]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("times typed as 9:30 are shown as 09:30 in the case table and in the form", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      // 2023-07-14 (Friday) 09:30–11:05: 95 working minutes, 95 / 420 = 0.23 working days.
      await saveCase(page, { id: "QJ-1.1-TIME", name: "时刻测试", county: "麒麟区", start: "2023/7/14 9:30", end: "2023年7月14日 11:05" });
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-TIME"]');
      await until(() => row.count(), (n) => n === 1, "new row");
      assert.equal((await row.locator("td.start").textContent()).trim(), "2023-07-14 09:30");
      assert.equal((await row.locator("td.end").textContent()).trim(), "2023-07-14 11:05");
      assert.equal((await row.locator("td.value").textContent()).trim(), "0.23");
      await row.getByRole("button", { name: /修改/ }).first().click();
      await until(() => page.inputValue("#case-start"), (v) => v === "2023-07-14 09:30", "the form gives the time back as 09:30");
      assert.equal(await page.inputValue("#case-end"), "2023-07-14 11:05");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("4.1, rates of 97–99.5 %, is drawn on an axis from 97 with the break and the target line", async () => {
    const { page, problems, close } = await openPage("#/indicator/4.1");
    try {
      const chart = page.locator("#chart-counties svg");
      await until(() => chart.count(), (n) => n === 1, "county chart");
      // The sample's counties: 97.33 % (会泽县) … 99.51 % (麒麟区), target ≥ 98 %. The axis starts
      // 10 % of the spread below the lowest, 97.33 − 0.218 = 97.112, in steps of 0.5 (about 2.4 in
      // 6 parts): 97 … 100.
      assert.match(await chart.textContent(), /各县区数值与目标（横轴自 97 起，未从 0 开始）/);
      const ticks = await chart.locator('text[text-anchor="middle"]').allTextContents();
      assert.deepEqual(ticks.filter((x) => /^\d+(\.\d+)?$/.test(x)), ["97", "97.5", "98", "98.5", "99", "99.5", "100"]);
      assert.equal(await chart.locator("g.axis-break title").textContent(), "坐标轴截断：0 至起点之间省略");
      assert.equal(await chart.locator("line.target").count(), 1);
      assert.match(await chart.textContent(), /目标 ≥ 98%/);
      assert.equal(await chart.locator(".bar").count(), 10);
      assert.equal(await chart.locator(".bar.late").count(), 4, "宣威市, 师宗县, 富源县, 会泽县 under 98 %");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a case opened on the month calendar: its start, deadline, end and the days counted", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      // Thursday 28 September 2023 14:00 to Monday 9 October 10:00. Counted: 28 Sep 14:00–18:00,
      // the make-up working days 7 and 8 October, 9 October 09:00–10:00; National Day (29 Sep–
      // 6 Oct) counts nothing. The 0.4-working-day limit is 0.4 × 7 h = 2 h 48 min after the
      // start: 2023-09-28 16:48.
      await saveCase(page, { id: "QJ-1.1-CAL", name: "月历测试", county: "麒麟区", start: "2023-09-28 14:00", end: "2023-10-09 10:00" });
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-CAL"]');
      await until(() => row.count(), (n) => n === 1, "new row");
      await row.getByRole("button", { name: "在月历中查看案件 QJ-1.1-CAL" }).click();

      await routed(page, (h) => h === "#/calculator", "the calculator");
      assert.equal(await page.inputValue("#start"), "2023-09-28 14:00");
      assert.equal(await page.inputValue("#end"), "2023-10-09 10:00");
      assert.equal(await page.inputValue("#deadline-days"), "0.4");
      await until(() => page.locator("#deadline-result").getAttribute("data-value"), (v) => v === "2023-09-28T16:48", "the case's deadline");
      await until(() => text(page, "#cal-caption"), (v) => v === "2023年10月", "the month of the end");
      await until(() => calendarDates(page, "td.is-counted"), (v) => v.join() === "2023-10-07,2023-10-08,2023-10-09", "counted in October");
      assert.deepEqual(await calendarMarks(page, "2023-10-09"), ["止"]);
      await page.locator("#cal-prev").click();
      await until(() => text(page, "#cal-caption"), (v) => v === "2023年9月", "September");
      assert.deepEqual(await calendarMarks(page, "2023-09-28"), ["起", "限"]);
      assert.deepEqual(await calendarDates(page, "td.is-counted"), ["2023-09-28"]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
