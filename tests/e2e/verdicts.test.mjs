// End-to-end tests of what the page shows of the plan's definitions (issue 8):
// stages on a timeline, the method note, the two shares of 5.3, the failing
// court on the dashboard, averages without per-case verdicts and their
// statutory limit, anchored scores and their switch, and 评估时点 following
// now once the data is real. Every figure is cross-checked with the core.
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { core, fixture, go, importFile, text, unlabeled, until, useBrowser, visible } from "./support.mjs";

const { openPage } = useBrowser({ fixtures: ["construction-2.1-gbk.csv"] });

/** The sample's report of one indicator, as the core computes it in the page. */
function sampleReport(page, id, lang = "zh") {
  return core(
    page,
    ([id, lang]) => {
      const s = window.core.sampleDataset();
      return window.core.evaluate(id, s.indicators[id], { asOf: s.asOf, lang });
    },
    [id, lang],
  );
}

describe("verdicts as the plan defines them", () => {
  test("2.1: stages on a timeline, the time between them left out; the form fills in the plan's stages", async () => {
    const { page, problems, close } = await openPage("#/indicator/2.1");
    try {
      assert.match(await text(page, "#meta-basis"), /按各办理环节计时/);
      assert.match(await text(page, "#indicator-method-note"), /环节之间申请人准备材料的时间不计/);
      const report = await sampleReport(page, "2.1");
      const staged = report.cases.filter((c) => c.measuredBy === "stages");
      // One bar per stage started; the time between stages said in the unit.
      const first = staged.find((c) => c.status === "closed");
      const row = page.locator(`#case-table tr[data-case-id="${first.id}"]`);
      assert.equal(await row.locator(".timeline-bar").count(), first.steps.length);
      assert.equal(await text(row, ".between"), `环节之间（不计）${first.between.toFixed(2)} 工作日`);
      // The case paused between stages: its badge and the stage not started.
      const paused = report.cases.find((c) => c.paused);
      const pausedRow = page.locator(`#case-table tr[data-case-id="${paused.id}"]`);
      assert.match(await pausedRow.textContent(), /环节间暂停/);
      assert.match(await text(pausedRow, ".timeline-pending"), /^尚未开始：/);
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
      const shares = await sampleReport(page, "5.3");
      const [households, amount] = shares.summary.shares;
      assert.equal(await text(page, "#summary-share-households"), `${households.value.toFixed(2)}% ✓达标`);
      assert.equal(await text(page, "#summary-share-amount"), `${amount.value.toFixed(2)}% ✗未达标`);
      assert.match(await text(page, "#summary-met"), /未达标/);
      // The county table shows both shares of each county.
      assert.match(await text(page, '#indicator-county-table tr[data-county="麒麟区"]'), /户数 \d+\.\d\d%.*金额 \d+\.\d\d%/);

      await go(page, "#/indicator/10.1");
      const courts = await sampleReport(page, "10.1");
      assert.equal(await text(page, "#summary-failing"), courts.summary.failingCounties.join("、"));
      assert.equal(await text(page, "#summary-binding"), `${courts.summary.bindingCounty} ${courts.summary.value} 天`);
      assert.match(await text(page, "#meta-judged"), /单个案件不判定是否达标/);
      // No case is late against an average: no 达标 column, a distance instead.
      assert.equal(await page.locator("#case-table").getAttribute("data-per-case"), "false");
      assert.equal(await page.locator("#case-table tr.is-late").count(), 0);
      const first = courts.cases.find((c) => c.status === "closed");
      const gap = first.gap > 0 ? `+${first.gap}` : `\u2212${-first.gap}`;
      assert.equal(await text(page, `#case-table tr[data-case-id="${first.id}"] .case-gap`), gap);

      await go(page, "#/dashboard");
      assert.equal(await text(page, '#dashboard-table tr[data-indicator="10.1"] .ind-detail'), `未达标：${courts.summary.failingCounties.join("、")}`);
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
      const open = page.locator('#case-table tr[data-status="open"]');
      assert.ok((await open.count()) > 0);
      assert.equal(await page.locator("#case-table tr[data-alert]").count(), 0, "no alert on an average");
      const openCount = await open.count();
      await page.locator("#case-limit-on").check();
      await until(() => page.locator("#case-table tr[data-alert]").count(), (n) => n === openCount, "alerts against 183 days");
      const limited = await core(page, () => {
        const s = window.core.sampleDataset();
        return window.core.evaluate("8.2", s.indicators["8.2"], { asOf: s.asOf, caseLimits: { "8.2": 183 }, lang: "zh" });
      });
      for (const c of limited.cases.filter((c) => c.alert)) {
        assert.equal(await page.locator(`#case-table tr[data-case-id="${c.id}"]`).getAttribute("data-alert"), c.alert);
      }
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
      const first = page.locator("#ranking-table tr.ranking-row").first();
      const anchored = await text(first, ".score");
      await page.locator("#scoring-doing_business").check();
      await until(() => text(page, "#ranking-scoring-note"), (v) => /距前沿法/.test(v), "scoring note");
      const db = await core(page, () => {
        const s = window.core.sampleDataset();
        return window.core.rankCounties(s.indicators, { asOf: s.asOf, scoring: "doing_business", lang: "zh" });
      });
      await until(() => text(page.locator("#ranking-table tr.ranking-row").first(), ".score"), (v) => v === db[0].score.toFixed(1), "Doing Business scores");
      assert.notEqual(db[0].score.toFixed(1), anchored);
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
      await importFile(page, "2.1", fixture("construction-2.1-gbk.csv"));
      await page.click("#import-add");
      await page.locator('dialog#import-sample-dialog button[data-value="clear"]').click();
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
