// End-to-end tests of the working-day calculator page (www/index.html) in
// headless Debian Chromium, driven by playwright-core.
//
// Needs: `make build` (www/pkg/bizenv.js + bizenv_bg.wasm), /usr/bin/chromium,
// node_modules/playwright-core. Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";

// `text` untrimmed here: the calculator's results are compared as they stand.
import { calendarDates, calendarMarks, rawText as text, settled, unlabeled, until, useBrowser, visible } from "./support.mjs";

const site = useBrowser();

/**
 * A fresh page on the calculator view (#/calculator), once the core has loaded. `problems`
 * collects console errors and warnings, uncaught exceptions, failed requests and the rest
 * newPage() in support.mjs records.
 */
const openPage = () => site.openPage("#/calculator");

/** Types a value like a person (select all, type) and leaves the field, so the page recalculates. */
async function enter(page, selector, value) {
  const input = page.locator(selector);
  await input.fill(value);
  await input.press("Tab");
}

describe("working-day calculator page", () => {
  test("loads without console errors, with every label and text filled in", async () => {
    const { page, problems, close } = await openPage();
    try {
      assert.equal(await text(page, "h1"), "营商环境指标计算器");
      assert.match(await page.title(), /工作日计算器/);
      assert.equal(await visible(page, "#app-status"), false, "the loading notice is gone");
      // Every form control has a label (a <label for> or a wrapping one).
      assert.deepEqual(await unlabeled(page), []);
      // No data-i18n element was left empty (a missing dictionary entry shows its key).
      const empty = await page.evaluate(() =>
        [...document.querySelectorAll("[data-i18n]")].filter((n) => !n.textContent.trim() || n.textContent === n.dataset.i18n).map((n) => n.dataset.i18n),
      );
      assert.deepEqual(empty, []);
      await settled(page);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the prefilled example shows 3 working days across National Day 2023", async () => {
    const { page, problems, close } = await openPage();
    try {
      assert.equal(await page.inputValue("#start"), "2023-09-28");
      assert.equal(await page.inputValue("#end"), "2023-10-09");
      assert.equal(await text(page, "#result-working-days"), "3.00");
      assert.equal(await text(page, "#result-working-hours"), "21");
      assert.equal(await text(page, "#result-working-minutes"), "1260");
      assert.equal(await text(page, "#result-calendar-days"), "11");
      assert.equal(await visible(page, "#result-warnings"), false);
      // The counting rule is explained on the page.
      assert.match(await page.locator(".rule-hint").textContent(), /开始日当天不计入/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("Chinese and slashed date-times: 9:30 to 11:00 is 90 minutes, 1.5 hours", async () => {
    const { page, problems, close } = await openPage();
    try {
      await enter(page, "#start", "2023年7月14日 9:30");
      await enter(page, "#end", "2023/7/14 11:00");
      await until(() => text(page, "#result-working-minutes"), (v) => v === "90", "minutes");
      assert.equal(await text(page, "#result-working-hours"), "1.5");
      // 90 minutes of the default 7-hour day (09:00–12:00, 14:00–18:00).
      assert.equal(await text(page, "#result-working-days"), "0.2143");

      // Counting a working day as 8 hours instead: 1.5 / 8.
      await page.locator("#hpd-enable").check();
      assert.equal(await page.locator("#hpd").isEnabled(), true);
      await until(() => text(page, "#result-working-days"), (v) => v === "0.1875", "days at 8 h/day");
      assert.equal(await text(page, "#result-working-minutes"), "90");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("live calculation while typing, without pressing a button", async () => {
    const { page, close } = await openPage();
    try {
      await page.locator("#end").fill("2023-10-10");
      await until(() => text(page, "#result-working-days"), (v) => v === "4.00", "live result");
    } finally {
      await close();
    }
  });

  test("a bad date shows the core's message next to the input; the page keeps working", async () => {
    const { page, problems, close } = await openPage();
    try {
      await enter(page, "#start", "2023-13-45");
      const message = await until(() => text(page, "#start-error"), (v) => v.length > 0, "start error");
      assert.ok(await visible(page, "#start-error"));
      assert.match(message, /开始时间/, "the message names the field");
      assert.match(message, /2023-13-45/, "the message quotes the value");
      assert.equal(await page.getAttribute("#start", "aria-invalid"), "true");
      assert.equal(await text(page, "#result-working-days"), "—");
      assert.equal(await page.getAttribute("#result-state", "data-state"), "invalid");
      assert.equal(await visible(page, "#end-error"), false, "the end is fine");

      // An end before the start is reported at the end.
      await enter(page, "#start", "2023-10-09");
      await enter(page, "#end", "2023-09-28");
      await until(() => text(page, "#end-error"), (v) => /早于/.test(v), "end-before-start error");

      // Correcting the input brings the result back and clears the errors.
      await enter(page, "#start", "2023-09-28");
      await enter(page, "#end", "2023-10-09");
      await until(() => text(page, "#result-working-days"), (v) => v === "3.00", "result after fix");
      assert.equal(await visible(page, "#start-error"), false);
      assert.equal(await visible(page, "#end-error"), false);
      assert.equal(await page.getAttribute("#start", "aria-invalid"), null);

      // An empty field says what is missing.
      await enter(page, "#end", "");
      await until(() => text(page, "#end-error"), (v) => v === "请填写结束时间。", "required message");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("stop periods can be added from the keyboard, are deducted, and removed", async () => {
    const { page, problems, close } = await openPage();
    try {
      assert.ok(await visible(page, "#stops-empty"));
      await page.locator("#stop-add").focus();
      await page.keyboard.press("Enter");
      // Focus moved to the new row's start input.
      const focused = await page.evaluate(() => document.activeElement.id);
      assert.match(focused, /^stop-\d+-start$/);
      await page.keyboard.type("2023-10-07 09:00");
      await page.keyboard.press("Tab");
      await page.keyboard.type("2023-10-08 18:00");
      await page.keyboard.press("Tab");
      await page.keyboard.type("补正材料");
      await page.keyboard.press("Tab");
      // The two make-up working days are suspended: 3 − 2 = 1.
      await until(() => text(page, "#result-working-days"), (v) => v === "1.00", "days with a stop");
      assert.equal(await visible(page, "#stops-empty"), false);

      // A stop that ends before it starts is reported in its row.
      const row = page.locator(".stop-row").first();
      await row.locator("input").nth(1).fill("2023-10-06 09:00");
      await row.locator("input").nth(1).press("Tab");
      await until(() => row.locator(".field-error").textContent(), (v) => v.length > 0, "stop row error");
      assert.equal(await text(page, "#result-working-days"), "—");

      await row.getByRole("button").click();
      await until(() => text(page, "#result-working-days"), (v) => v === "3.00", "days after removing the stop");
      assert.equal(await page.locator(".stop-row").count(), 0);
      assert.ok(await visible(page, "#stops-empty"));
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("office hours: sessions are editable and bad ones are explained", async () => {
    const { page, close } = await openPage();
    try {
      const sessions = page.locator(".session-row");
      assert.equal(await sessions.count(), 2);
      assert.equal(await sessions.nth(0).locator("input").nth(0).inputValue(), "09:00");
      assert.equal(await sessions.nth(1).locator("input").nth(1).inputValue(), "18:00");

      // A morning session that ends before it starts.
      await sessions.nth(0).locator("input").nth(1).fill("08:00");
      await sessions.nth(0).locator("input").nth(1).press("Tab");
      await until(() => text(page, "#sessions-error"), (v) => v.length > 0, "sessions error");
      assert.equal(await text(page, "#result-working-days"), "—");

      await page.locator("#session-reset").click();
      await until(() => text(page, "#result-working-days"), (v) => v === "3.00", "after reset");
      assert.equal(await visible(page, "#sessions-error"), false);
    } finally {
      await close();
    }
  });

  test("deadline: 3 working days from 2023-09-28 end at 18:00 on 2023-10-09", async () => {
    const { page, problems, close } = await openPage();
    try {
      await enter(page, "#deadline-days", "3");
      const value = await until(() => page.getAttribute("#deadline-result", "data-value"), (v) => v === "2023-10-09T18:00", "deadline value");
      assert.equal(value, "2023-10-09T18:00");
      assert.equal(await text(page, "#deadline-result"), "2023年10月9日 18:00");

      // Half a day more: 3.5 days of 7 hours = 21 h + 3.5 h, i.e. 09:00–12:00 and 14:00–14:30 on 10 October.
      await enter(page, "#deadline-days", "3.5");
      await until(() => page.getAttribute("#deadline-result", "data-value"), (v) => v === "2023-10-10T14:30", "fractional deadline");

      // A negative count is refused with the core's message.
      await enter(page, "#deadline-days", "-1");
      await until(() => text(page, "#deadline-error"), (v) => v.length > 0, "deadline error");
      assert.equal(await text(page, "#deadline-result"), "—");

      // The deadline waits for a valid start.
      await enter(page, "#deadline-days", "3");
      await enter(page, "#start", "不是日期");
      await until(() => text(page, "#deadline-note"), (v) => v.length > 0, "deadline note");
      assert.equal(await text(page, "#deadline-result"), "—");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("month calendar marks the case: start, the days counted, a stop, the deadline and the end", async () => {
    const { page, problems, close } = await openPage();
    try {
      // Thursday 28 September 2023 14:00 to Thursday 12 October 10:00, the clock stopped from
      // Monday 9 October 09:00 to Tuesday 10 October 18:00 (补正). Counted: 28 Sep 14:00–18:00,
      // the make-up working days 7 and 8 October, 11 October, 12 October 09:00–10:00; National
      // Day (29 Sep–6 Oct) and the two stopped days count nothing. 3 working days (21 hours) from
      // the start: 4 + 7 + 7 hours by 8 October, the stop, then 3 hours on 11 October: due
      // 2023-10-11 12:00.
      await enter(page, "#start", "2023-09-28 14:00");
      await enter(page, "#end", "2023-10-12 10:00");
      await page.locator("#stop-add").click();
      const stop = page.locator(".stop-row").first();
      await enter(page, "#" + (await stop.locator("input").nth(0).getAttribute("id")), "2023-10-09 09:00");
      await enter(page, "#" + (await stop.locator("input").nth(1).getAttribute("id")), "2023-10-10 18:00");
      await enter(page, "#deadline-days", "3");
      await until(() => page.locator("#deadline-result").getAttribute("data-value"), (v) => v === "2023-10-11T12:00", "deadline");

      // The calendar turned to the month of the end.
      await until(() => text(page, "#cal-caption"), (v) => v === "2023年10月", "October");
      await until(() => calendarDates(page, "td.is-counted"), (v) => v.join() === "2023-10-07,2023-10-08,2023-10-11,2023-10-12", "counted days");
      assert.deepEqual(await calendarDates(page, '.cal-mark[data-mark="stop"]'), ["2023-10-09", "2023-10-10"]);
      assert.deepEqual(await calendarMarks(page, "2023-10-09"), ["停"]);
      assert.deepEqual(await calendarMarks(page, "2023-10-11"), ["限"]);
      assert.deepEqual(await calendarMarks(page, "2023-10-12"), ["止"]);
      assert.deepEqual(await calendarDates(page, '.cal-mark[data-mark="start"]'), [], "the start is in September");
      assert.equal(await page.getAttribute('#cal-table td[data-date="2023-10-11"]', "title"), "10月11日，工作日；计入工作时间的日子；期限届满日");

      // September: the start, counted that afternoon; the holiday after it is not counted.
      await page.locator("#cal-prev").click();
      await until(() => text(page, "#cal-caption"), (v) => v === "2023年9月", "September");
      assert.deepEqual(await calendarMarks(page, "2023-09-28"), ["起"]);
      assert.deepEqual(await calendarDates(page, "td.is-counted"), ["2023-09-28"]);
      assert.deepEqual(await page.$$eval(".cal-legend li", (items) => items.slice(-3).map((li) => li.textContent.trim())), ["停有停止计时的日子", "限期限届满日", "计入工作时间的日子"]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("month calendar: October 2023 marks National Day and the make-up working day", async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.selectOption("#cal-year", "2023");
      await page.selectOption("#cal-month", "10");
      await until(() => text(page, "#cal-caption"), (v) => v === "2023年10月", "caption");

      const oct1 = page.locator('td[data-date="2023-10-01"]');
      assert.equal(await oct1.getAttribute("data-kind"), "holiday");
      assert.match(await oct1.textContent(), /国庆节/);
      assert.match(await oct1.textContent(), /休/);
      const oct7 = page.locator('td[data-date="2023-10-07"]');
      assert.equal(await oct7.getAttribute("data-kind"), "makeup_workday");
      assert.match(await oct7.textContent(), /调休上班/);
      assert.equal(await page.locator('td[data-date="2023-10-14"]').getAttribute("data-kind"), "weekend");
      assert.equal(await page.locator('td[data-date="2023-10-09"]').getAttribute("data-kind"), "weekday");

      // 1 October 2023 was a Sunday: six empty cells before it in a Monday-first grid.
      const lead = await page.evaluate(() => {
        const cells = [...document.querySelectorAll("#cal-table tbody td")];
        return cells.findIndex((td) => td.dataset.date === "2023-10-01");
      });
      assert.equal(lead, 6);
      assert.equal(await page.locator("#cal-table tbody td[data-date]").count(), 31);

      // Navigation by the buttons.
      await page.locator("#cal-next").click();
      assert.equal(await text(page, "#cal-caption"), "2023年11月");
      assert.equal(await page.inputValue("#cal-month"), "11");
      await page.locator("#cal-prev").click();
      await page.locator("#cal-prev").click();
      assert.equal(await text(page, "#cal-caption"), "2023年9月");
      assert.equal(await page.locator('td[data-date="2023-09-29"]').getAttribute("data-kind"), "holiday");
      assert.equal(await page.locator("#cal-table tbody td[data-date]").count(), 30);

      // A year without official data says so.
      await page.selectOption("#cal-year", "2027");
      assert.ok(await visible(page, "#cal-note"));
      assert.match(await text(page, "#cal-note"), /2027/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a 2027 date shows a warning that names 2027", async () => {
    const { page, problems, close } = await openPage();
    try {
      await enter(page, "#start", "2027-03-01");
      await enter(page, "#end", "2027-03-05");
      const warning = await until(() => text(page, "#result-warnings"), (v) => /2027/.test(v), "warning");
      assert.ok(await visible(page, "#result-warnings"));
      assert.match(warning, /2027/);
      // Still calculated (Monday to Friday by the default rule).
      assert.equal(await text(page, "#result-working-days"), "4.00");
      // The calendar turned to the month of the end, marks it, and says 2027 has no data.
      assert.equal(await text(page, "#cal-caption"), "2027年3月");
      assert.match(await page.getAttribute('td[data-date="2027-03-05"]', "class"), /\bis-end\b/);
      assert.match(await page.getAttribute('td[data-date="2027-03-01"]', "class"), /\bis-start\b/);
      assert.ok(await visible(page, "#cal-note"));
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
