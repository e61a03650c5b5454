// End-to-end tests of what the page shows of the plan's definitions (issue 8):
// stages on a timeline, the method note, the two shares of 5.3, the failing
// court on the dashboard, averages without per-case verdicts and their
// statutory limit, anchored scores and their switch, and 评估时点 following
// now once the data is real. Figures are worked by hand from the sample's records
// (README "The sample data", tests/samples.rs).
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { fixture, go, importFile, text, unlabeled, until, useBrowser, visible } from "./support.mjs";

const { openPage } = useBrowser({ fixtures: ["construction-2.1-gbk.csv"] });

describe("verdicts as the plan defines them", () => {
  test("2.1: stages on a timeline, the time between them left out; the form fills in the plan's stages", async () => {
    const { page, problems, close } = await openPage("#/indicator/2.1");
    try {
      assert.match(await text(page, "#meta-basis"), /按各办理环节计时/);
      assert.match(await text(page, "#indicator-method-note"), /环节之间申请人准备材料的时间不计/);
      // One bar per stage started; the time between stages said in the unit. QJ-2.1-0001 ran its
      // four stages; between them, in working minutes (09:00–12:00, 14:00–18:00):
      // Thu 03-09 14:49 → Thu 04-20 10:19: 191 + 28 days × 420 (清明 04-05 off) + 79 = 12 030;
      // Wed 05-10 10:48 → Wed 06-14 10:46: 312 + 24 × 420 + 106 = 10 498;
      // Tue 06-20 14:22 → Fri 07-14 15:26: 218 + 16 × 420 (端午 06-22/23 off, Sun 06-25 worked) + 266 = 7 204;
      // 29 732 / 420 = 70.79 working days.
      const row = page.locator('#case-table tr[data-case-id="QJ-2.1-0001"]');
      assert.equal(await row.locator(".timeline-bar").count(), 4);
      assert.equal(await text(row, ".between"), "环节之间（不计）70.79 工作日");
      // QJ-2.1-0014 finished 施工许可 on 09-06 and has not begun 竣工验收: paused between stages.
      const pausedRow = page.locator('#case-table tr[data-case-id="QJ-2.1-0014"]');
      assert.match(await pausedRow.textContent(), /环节间暂停/);
      assert.equal(await text(pausedRow, ".timeline-pending"), "尚未开始：竣工验收");
      // A new case, by stages: the plan's four stages filled in, two of them given.
      await page.locator("#case-steps-suggest").click();
      const names = page.locator("#case-steps-list li input[id$='-name']");
      assert.deepEqual(await names.evaluateAll((inputs) => inputs.map((i) => i.value)), ["立项用地规划许可", "工程建设许可", "施工许可", "竣工验收"]);
      await page.locator("#case-id").fill("E2E-STAGES");
      const starts = page.locator("#case-steps-list li input[id$='-start']");
      const ends = page.locator("#case-steps-list li input[id$='-end']");
      await starts.nth(0).fill("2023-03-06 09:00");
      await ends.nth(0).fill("2023-03-10 18:00");
      await starts.nth(1).fill("2023-04-10 09:00");
      await ends.nth(1).fill("2023-04-14 18:00");
      await page.locator("#case-save").click();
      // 10 working days in two stages a month apart; two stages not begun: paused.
      const saved = page.locator('#case-table tr[data-case-id="E2E-STAGES"]');
      await until(() => saved.count(), (n) => n === 1, "saved case");
      assert.match(await saved.textContent(), /已用 10\.00/);
      assert.match(await saved.textContent(), /环节间暂停/);
      assert.equal(await text(saved, ".timeline-pending"), "尚未开始：施工许可、竣工验收");
      assert.deepEqual(await unlabeled(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("5.3 and 10.1: the two shares and the failing court, on the indicator and on the dashboard", async () => {
    const { page, problems, close } = await openPage("#/indicator/5.3");
    try {
      // Summed over the ten counties: households 743 / 782 = 95.01 % ≥ 90; amount
      // 106 549 / 119 364 = 89.26 % < 90.
      assert.equal(await text(page, "#summary-share-households"), "95.01% ✓达标");
      assert.equal(await text(page, "#summary-share-amount"), "89.26% ✗未达标");
      assert.match(await text(page, "#summary-met"), /未达标/);
      // The county table shows both shares of each county.
      assert.match(await text(page, '#indicator-county-table tr[data-county="麒麟区"]'), /户数 \d+\.\d\d%.*金额 \d+\.\d\d%/);

      await go(page, "#/indicator/10.1");
      // 宣威市's one closed case ran 2021-04-15 → 2023-07-21: 365 + 365 + 91 + 6 = 827 days > 730;
      // every other court's mean is within 730.
      assert.equal(await text(page, "#summary-failing"), "宣威市");
      assert.equal(await text(page, "#summary-binding"), "宣威市 827 天");
      assert.match(await text(page, "#meta-judged"), /单个案件不判定是否达标/);
      // No case is late against an average: no 达标 column, a distance instead.
      assert.equal(await page.locator("#case-table").getAttribute("data-per-case"), "false");
      assert.equal(await page.locator("#case-table tr.is-late").count(), 0);
      // 827 − 730 = +97; QJ-10.1-0002 (沾益区) 2022-03-16 → 2023-07-12: 365 + 122 − 4 = 483 days,
      // 483 − 730 = −247.
      assert.equal(await text(page, '#case-table tr[data-case-id="QJ-10.1-0001"] .case-gap'), "+97");
      assert.equal(await text(page, '#case-table tr[data-case-id="QJ-10.1-0002"] .case-gap'), "\u2212247");

      await go(page, "#/dashboard");
      assert.equal(await text(page, '#dashboard-table tr[data-indicator="10.1"] .ind-detail'), "未达标：宣威市");
      assert.match(await text(page, '#dashboard-table tr[data-indicator="5.3"] .ind-detail'), /^户数 \d+\.\d\d% · 金额 \d+\.\d\d%$/);
      assert.match(await text(page, '#dashboard-table tr[data-indicator="6.1"] .ind-detail'), /下降：进口；未下降：出口/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("8.2: a statutory limit switched on drives the alerts; in English too", async () => {
    const { page, problems, close } = await openPage("#/indicator/8.2");
    try {
      // Two cases are still being tried at the sample's 评估时点 2023-12-29 17:00.
      const open = page.locator('#case-table tr[data-status="open"]');
      assert.equal(await open.count(), 2);
      assert.equal(await page.locator("#case-table tr[data-alert]").count(), 0, "no alert on an average");
      await page.locator("#case-limit-on").check();
      await until(() => page.locator("#case-table tr[data-alert]").count(), (n) => n === 2, "alerts against 183 days");
      // A warning from 80 % of the limit, 0.8 × 183 = 146.4 days. QJ-8.2-0015, filed 2023-07-31:
      // 31 + 30 + 31 + 30 + 29 = 151 days and 17 hours ≥ 146.4, within 183: a warning.
      // QJ-8.2-0020, filed 2023-11-18: 12 + 29 = 41 days: ok.
      assert.equal(await page.locator('#case-table tr[data-case-id="QJ-8.2-0015"]').getAttribute("data-alert"), "warning");
      assert.equal(await page.locator('#case-table tr[data-case-id="QJ-8.2-0020"]').getAttribute("data-alert"), "ok");
      assert.match(await text(page, "#case-limit-note"), /普通程序一审审限/);
      await page.locator("#lang-en").click();
      await until(() => text(page, "#meta-judged"), (v) => /single cases are not judged/.test(v), "English");
      assert.match(await text(page, "#case-limit-note"), /ordinary procedure/);
      assert.match(await text(page, "#indicator-method-note"), /Average trial period/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the ranking: anchored scores with coverage, or the World Bank's distance to frontier", async () => {
    const { page, problems, close } = await openPage("#/counties");
    try {
      // Anchored on the target: 麒麟区 first at 77.0 (README "The sample data").
      const first = page.locator("#ranking-table tr.ranking-row").first();
      assert.equal(await text(first, ".score"), "77.0");
      await page.locator("#scoring-doing_business").check();
      await until(() => text(page, "#ranking-scoring-note"), (v) => /距前沿法/.test(v), "scoring note");
      // Distance to frontier gives other scores. Its figure is not worked by hand here (a mean over
      // 34 indicators' county values): the check is that the page re-scores, with one decimal.
      await until(() => text(page.locator("#ranking-table tr.ranking-row").first(), ".score"), (v) => /^\d+\.\d$/.test(v) && v !== "77.0", "Doing Business scores");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("评估时点 follows now once the sample is gone; a case starting after it is an error", async () => {
    const { page, problems, close } = await openPage("#/import");
    try {
      // The sample keeps its own date.
      assert.equal(await page.inputValue("#as-of"), "2023-12-29 17:00");
      assert.equal(await visible(page, "#as-of-now"), false);
      await importFile(page, "2.1", fixture("construction-2.1-gbk.csv"), { sample: "clear" });
      await until(() => text(page, "#import-add-status"), (s) => s.includes("已将"), "added");
      await go(page, "#/indicator/3.5");
      assert.equal(await page.inputValue("#as-of"), "");
      assert.match(await text(page, "#as-of-now"), /按当前时间 \d{4}-\d\d-\d\d \d\d:\d\d 计算/);
      // An open case from December 2023 is long overdue now.
      await page.locator("#case-id").fill("E2E-OPEN");
      await page.locator("#case-start").fill("2023-12-01 09:00");
      await page.locator("#case-save").click();
      const row = page.locator('#case-table tr[data-case-id="E2E-OPEN"]');
      await until(() => row.getAttribute("data-alert"), (a) => a === "overdue", "overdue now");
      // At an instant before it began, the case is an error on that case, not a silent 0.
      await page.locator("#as-of").fill("2023-11-01 09:00");
      await page.locator("#as-of").press("Enter");
      await until(() => row.getAttribute("data-status"), (s) => s === "invalid", "invalid");
      assert.match(await row.textContent(), /开始时间 2023-12-01 09:00 晚于评估时点 2023-11-01 09:00/);
      assert.equal(await visible(page, "#as-of-now"), false);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
