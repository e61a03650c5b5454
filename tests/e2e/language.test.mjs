// The 中文 / English switch of www/index.html in headless Debian Chromium:
// Chinese by default; English from the switch in every view, including the
// messages of the core (Rust), which every call asks for in the page
// language; the choice remembered after a reload; what was typed kept.
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { go, ready, text, until, useBrowser } from "./support.mjs";

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

const { openPage } = useBrowser();

async function switchTo(page, lang) {
  await page.click(`#lang-${lang}`);
  await until(() => page.getAttribute("html", "lang"), (v) => v === (lang === "en" ? "en" : "zh-CN"), `html lang ${lang}`);
}

/**
 * The texts of the page's own furniture in the visible view — headings,
 * labels, legends, buttons, column heads, hints — that contain Chinese. Data
 * (case names, counties, the plan's clauses, file contents) is not furniture.
 */
function chineseFurniture(page) {
  return page.evaluate((pattern) => {
    const cjk = new RegExp(pattern);
    const visible = (node) => node.getClientRects().length > 0;
    const selector = "h1, h2, h3, h4, label, legend, button, thead th, .hint, .card-desc, .site-nav a, .total-label, .result dt, .stat-grid dt, .meta dt";
    return [...document.querySelectorAll(selector)]
      // Examples of accepted input ("2023年7月14日 9:30", a CSV line "2027-01-01,holiday,元旦,…") are Chinese on purpose; county names are data.
      .filter((node) => visible(node) && !node.closest("[lang='zh-CN']:not(html)") && cjk.test(node.textContent.replace(/\d+年\d+月\d+日/g, "").replace(/[\u4e00-\u9fff]+(区|县|市)/g, "").replace(/,元旦,/g, "")))
      .map((node) => `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}: ${node.textContent.trim().slice(0, 60)}`);
  }, CJK.source);
}


/**
 * Every visible text of the indicator view that still holds Chinese once the
 * user's data is taken out of it. User data is what was typed or imported and
 * is shown as given: case names (td.case-name), counties (td.county), trend
 * series (td.series) — each removed wherever it appears (county table, chart
 * labels, series panel headings). The one other exemption is the example of an
 * accepted date format, "2023年7月14日 9:30", in the form's hint.
 */
function chineseBesidesUserData(page) {
  return page.evaluate((pattern) => {
    const cjk = new RegExp(pattern, "g");
    const view = document.querySelector("#view-indicator");
    const userData = new Set(
      [...view.querySelectorAll("td.case-name, td.county, td.series")].map((node) => node.textContent.trim()).filter(Boolean),
    );
    // Longest first, so that "曲靖经开区" goes before a shorter name inside it.
    const exempt = [...userData, "2023年7月14日"].sort((a, b) => b.length - a.length);
    const found = [];
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      if (!parent || parent.closest("td.case-name, td.county, td.series, option") || !parent.getClientRects().length) continue;
      let rest = node.textContent;
      for (const value of exempt) rest = rest.split(value).join("");
      if (rest.match(cjk)) found.push(`${parent.tagName.toLowerCase()}${parent.id ? `#${parent.id}` : ""}: ${node.textContent.trim().slice(0, 80)}`);
    }
    return [...new Set(found)];
  }, CJK.source);
}

describe("language switch", () => {
  test("Chinese by default; English in every view and from the core; back to Chinese; remembered after a reload", async () => {
    const { page, problems, close } = await openPage();
    try {
      assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
      assert.equal(await page.getAttribute("#lang-zh", "aria-pressed"), "true");
      assert.equal(await text(page, "#dashboard-heading"), "总览");
      assert.match(await page.title(), /^总览/);

      await switchTo(page, "en");
      assert.equal(await page.getAttribute("#lang-en", "aria-pressed"), "true");
      assert.equal(await text(page, "#dashboard-heading"), "Overview");
      assert.match(await page.title(), /^Overview/);
      assert.equal(await text(page, "#nav-indicator"), "Indicator detail");
      assert.equal(await text(page, '#dashboard-table tr[data-indicator="1.1"] .ind-name'), "Company setup time");
      assert.match(await text(page, "#dashboard-plan"), /Qujing Action Plan/);
      assert.match(await text(page, "#sample-banner"), /sample data/i);
      assert.deepEqual(await chineseFurniture(page), []);

      // An indicator: heading, summary, case table, charts drawn by the core in English.
      await go(page, "#/indicator/1.1");
      assert.equal(await text(page, "#indicator-heading"), "1.1 Company setup time");
      assert.equal(await text(page, "#charts-heading"), "Charts");
      const chart = await page.locator("#chart-distribution svg").getAttribute("aria-label");
      assert.match(chart, /Company setup time/);
      assert.match(await page.locator("#chart-distribution svg").textContent(), /Distribution of case values/);
      assert.match(await text(page, "#indicator-picker option:checked"), /Company setup time/);
      assert.deepEqual(await chineseFurniture(page), []);

      await go(page, "#/counties");
      assert.equal(await text(page, "#counties-heading"), "County ranking");
      assert.deepEqual(await chineseFurniture(page), []);

      await go(page, "#/import");
      assert.equal(await text(page, "#import-heading"), "Import a ledger");
      assert.equal(await text(page, "#project-save"), "Save project");
      assert.deepEqual(await chineseFurniture(page), []);

      // The calculator: a date that does not exist; the core says so in English.
      await go(page, "#/calculator");
      assert.equal(await text(page, "#calc-heading"), "Time used");
      await page.fill("#start", "2023-02-30");
      await page.press("#start", "Enter");
      const english = await until(() => text(page, "#start-error"), (v) => v.length > 0, "start error");
      assert.doesNotMatch(english, CJK, english);
      assert.match(english, /valid date/);
      assert.deepEqual(await chineseFurniture(page), []);

      // Back to Chinese: the same error, now in Chinese, without retyping.
      await switchTo(page, "zh");
      const chinese = await until(() => text(page, "#start-error"), (v) => CJK.test(v), "start error in Chinese");
      assert.match(chinese, /不是有效日期/);
      assert.equal(await page.inputValue("#start"), "2023-02-30");
      assert.equal(await text(page, "#calc-heading"), "办理用时计算");

      // The choice is remembered: a reload opens in English.
      await switchTo(page, "en");
      await page.reload();
      await ready(page, problems);
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.equal(await page.getAttribute("#lang-en", "aria-pressed"), "true");
      assert.equal(await text(page, "#calc-heading"), "Time used");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("what was typed in the case form stays when the language changes; a faulty case's message follows the language", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      await page.fill("#case-name", "测试公司");
      await page.fill("#case-start", "2023-07-14 09:00");
      await switchTo(page, "en");
      assert.equal(await page.inputValue("#case-name"), "测试公司");
      assert.equal(await page.inputValue("#case-start"), "2023-07-14 09:00");
      assert.equal(await text(page, 'label[for="case-name"]'), "Name");

      // A case ending before it starts: refused, the core's message beside the end in English...
      await page.fill("#case-id", "LANG-1");
      await page.fill("#case-end", "2023-07-13 09:00");
      await page.click("#case-save");
      const message = "#case-end-error";
      const english = await until(() => text(page, message), (v) => v.length > 0, "case error");
      assert.doesNotMatch(english.replace(/2023-07-1\d/g, ""), CJK, english);
      assert.equal(await page.locator('#case-table tr[data-case-id="LANG-1"]').count(), 0, "not kept");
      // ...and in Chinese after the switch, what was typed still there.
      await switchTo(page, "zh");
      await until(() => text(page, message), (v) => /早于/.test(v), "case error in Chinese");
      assert.equal(await page.inputValue("#case-end"), "2023-07-13 09:00");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
  test("every indicator view in English: the catalogue's texts, method notes, clause references and units; no Chinese but user data", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      await switchTo(page, "en");
      const ids = await page.$$eval("#indicator-picker option", (options) => options.map((o) => o.value));
      assert.equal(ids.length, 42);
      for (const id of ids) {
        await go(page, `#/indicator/${id}`);
        await until(() => text(page, "#indicator-heading"), (v) => v.startsWith(`${id} `), `${id} shown`);
        await until(() => page.locator("#indicator-charts svg").count(), (n) => n > 0, `${id} charts`);
        assert.deepEqual(await chineseBesidesUserData(page), [], `indicator ${id}`);
      }

      // What a reader sees for a few of them, literally.
      await go(page, "#/indicator/1.1");
      await until(() => text(page, "#indicator-heading"), (v) => v === "1.1 Company setup time", "1.1");
      assert.equal(
        await text(page, "#indicator-clause"),
        "In 2023, keep company setup within 0.4 working days and hold it there, and cut the public notice period of simplified deregistration to 20 days and hold it there.",
      );
      assert.equal(await text(page, "#indicator-clause-ref"), "— Action plan, Part II (1) 1 (our English rendering; the plan is published in Chinese)");
      assert.match(
        await text(page, "#indicator-method-note"),
        /^Company setup runs its procedures in parallel: working time from the first application to the last procedure completed, overlaps counted once, clock stops excluded\. Each case is judged against 0\.4 working days; the city value is the mean of the cases\./,
      );
      // The plan's procedure names in the case table's stages, in English.
      assert.match(await page.locator("#case-table .timeline").first().textContent(), /^Business licence: /);

      await go(page, "#/indicator/3.7");
      await until(() => text(page, "#indicator-clause-ref"), (v) => v.startsWith("— Action plan, Part II (3) 7 "), "3.7 reference");

      await go(page, "#/indicator/12.6");
      await until(() => text(page, "#indicator-heading"), (v) => v === "12.6 Afforestation completed", "12.6");
      assert.equal(await text(page, "#meta-target"), "≥ 8 × 10,000 mu");
      assert.match(await text(page, "#indicator-clause"), /complete 80,000 mu of afforestation\.$/);

      // The plan's document number, romanised, on the overview.
      await go(page, "#/dashboard");
      assert.equal(
        await text(page, "#dashboard-plan"),
        "2023 targets of the Qujing Action Plan for the Year of Improving the Quality of the Business Environment (Qu Zheng Ban Fa [2023] No. 49, issued 2023-07-14)",
      );

      // A trend without counties: its one county row is "(no county)", not Chinese.
      await go(page, "#/indicator/7.3");
      await until(() => text(page, "#indicator-county-table tbody th"), (v) => v === "(no county)", "7.3 county row");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the month calendar fits in English: the official holidays by short names, nothing cut", async () => {
    const { page, problems, close } = await openPage("#/calculator");
    try {
      await switchTo(page, "en");
      await page.selectOption("#cal-year", "2023");
      await page.selectOption("#cal-month", "10");
      await until(() => text(page, "#cal-caption"), (v) => v === "2023-10", "October 2023");
      // 1–6 October: National Day; 7 and 8 October: make-up working days (Saturday, Sunday).
      assert.deepEqual(await page.$$eval('#cal-table td[data-kind="holiday"] .cal-name', (n) => n.map((x) => x.textContent)), Array(6).fill("Nat'l Day"));
      assert.deepEqual(await page.$$eval('#cal-table td[data-kind="makeup_workday"] .cal-name', (n) => n.map((x) => x.textContent)), ["Make-up", "Make-up"]);
      assert.equal(await page.getAttribute('#cal-table td[data-date="2023-10-02"]', "title"), "10/2, Public holiday (National Day)");
      await page.setViewportSize({ width: 390, height: 844 });
      for (const month of ["1", "2", "4", "5", "6", "9", "10"]) {
        await page.selectOption("#cal-month", month);
        await until(() => text(page, "#cal-caption"), (v) => v === `2023-${month}`, `month ${month}`);
        // No name is wider than its cell (an ellipsis or a cut word would be).
        const cut = await page.$$eval("#cal-table .cal-name", (names) => names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent));
        assert.deepEqual(cut, [], `2023-${month}`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
