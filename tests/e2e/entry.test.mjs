// End-to-end tests of clean data entry in the case form (issue 12, points 2 and 11): the native
// date(-time) picker beside the free-text date fields, a refused case kept as a draft while the
// page lives (never in the data), 取消修改 leaving the case as it was, and 撤销 after a saved
// edit and after 清除数据. Values are worked by hand on the default office hours (09:00–12:00 and
// 14:00–18:00: a working day of 420 minutes).
//
// Needs: `make build`, /usr/bin/chromium, node_modules/playwright-core. Run: node --test tests/e2e/entry.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { go, text, unlabeled, until, useBrowser, visible } from "./support.mjs";

const site = useBrowser({ viewport: { width: 1366, height: 900 } });

async function saveCase(page, fields) {
  for (const [name, value] of Object.entries(fields)) await page.locator(`#case-${name}`).fill(value);
  await page.locator("#case-save").click();
}

const count = (page) => text(page, "#summary-count").then(Number);

describe("clean entry in the case form", () => {
  test("a date-time picker beside 开始/结束 fills the free text as YYYY-MM-DD HH:MM; the text is what is saved", async () => {
    const { page, problems, close } = await site.openPage("#/indicator/1.1");
    try {
      assert.equal(await page.getAttribute("#case-start-picker", "type"), "datetime-local");
      assert.equal(await page.getAttribute("#case-end-picker", "type"), "datetime-local");
      assert.match(await text(page, 'label[for="case-start-picker"]'), /^用日历选择/);

      // Picked in the calendar: the text field gets the date and time as the ledgers write them.
      await page.locator("#case-start-picker").fill("2023-07-14T09:00");
      assert.equal(await page.inputValue("#case-start"), "2023-07-14 09:00");
      await page.locator("#case-end-picker").fill("2023-07-14T15:00");
      assert.equal(await page.inputValue("#case-end"), "2023-07-14 15:00");
      // The text stays editable and leads: typed, the picker opens on it.
      await page.locator("#case-end").fill("2023-07-14 15:30");
      assert.equal(await page.inputValue("#case-end-picker"), "2023-07-14T15:30");
      await page.locator("#case-end").fill("2023-07-14 15:00");

      // A stop's dates have their picker too: 10:00–11:00 picked, not counted.
      await page.click("#case-stops-add");
      const stop = page.locator("#case-stops-list li").first();
      await stop.locator("input.date-picker").nth(0).fill("2023-07-14T10:00");
      await stop.locator("input.date-picker").nth(1).fill("2023-07-14T11:00");
      assert.equal(await stop.locator("input[type=text]").nth(0).inputValue(), "2023-07-14 10:00");
      assert.equal(await stop.locator("input[type=text]").nth(1).inputValue(), "2023-07-14 11:00");

      // Friday 2023-07-14, 09:00–12:00 and 14:00–15:00: 240 working minutes, less the stop of 60:
      // 180 / 420 = 0.43 working days.
      await saveCase(page, { id: "QJ-1.1-PICK", county: "麒麟区" });
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-PICK"]');
      await until(() => row.count(), (n) => n === 1, "saved row");
      assert.equal((await row.locator("td.value").textContent()).trim(), "0.43");

      // Indicators counted in calendar days take a date alone (1.2 is one of them).
      await go(page, "#/indicator/1.2");
      await until(() => page.getAttribute("#case-start-picker", "type"), (v) => v === "date", "a date picker on 1.2");
      await page.locator("#case-start-picker").fill("2023-07-25");
      assert.equal(await page.inputValue("#case-start"), "2023-07-25");
      // Every picker has its label (for a screen reader: "用日历选择…").
      assert.deepEqual(await unlabeled(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a refused case is kept as a draft while the page lives, never counted; 打开草稿 brings it back; 撤销 takes back the save", async () => {
    const { page, problems, close } = await site.openPage("#/indicator/1.1");
    try {
      // The sample has 24 cases of 1.1.
      assert.equal(await count(page), 24);
      await saveCase(page, { id: "QJ-1.1-DRAFT", county: "沾益区", start: "2023-07-14 15:00", end: "2023-07-14 09:00" });
      await until(() => text(page, "#case-form-status"), (v) => v === "案件 QJ-1.1-DRAFT 未保存：填写有误，请按提示修改后再保存。", "refused");
      // The form holds it now: no line offering it.
      assert.equal(await visible(page, "#case-draft"), false);

      // Away to 2.1 and back: the form is empty, and offers the draft.
      await go(page, "#/indicator/2.1");
      await until(() => text(page, "#indicator-heading"), (v) => v.startsWith("2.1 "), "2.1 shown");
      assert.equal(await visible(page, "#case-draft"), false, "2.1 has no draft");
      await go(page, "#/indicator/1.1");
      await until(() => visible(page, "#case-draft"), (v) => v === true, "the draft line");
      assert.equal(await text(page, "#case-draft-text"), "有 1 份未保存的草稿（案件 QJ-1.1-DRAFT）：填写有误，未计入数据。");
      assert.equal(await page.inputValue("#case-id"), "");
      assert.equal(await count(page), 24, "a draft is not counted");
      assert.equal(await page.locator('#case-table tr[data-case-id="QJ-1.1-DRAFT"]').count(), 0);

      // Opened: what was typed, with the core's reason beside the end again.
      await page.locator("#case-draft-open").click();
      await until(() => page.inputValue("#case-id"), (v) => v === "QJ-1.1-DRAFT", "the draft in the form");
      assert.equal(await page.inputValue("#case-end"), "2023-07-14 09:00");
      await until(() => text(page, "#case-end-error"), (v) => /早于/.test(v), "the reason beside the end");
      assert.equal(await visible(page, "#case-draft"), false);

      // Corrected (15:00–16:00 on Friday 07-14, 60 working minutes / 420 = 0.14) and saved: kept, the draft gone.
      await page.locator("#case-end").fill("2023-07-14 16:00");
      await page.locator("#case-save").click();
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-DRAFT"]');
      await until(() => row.count(), (n) => n === 1, "saved row");
      assert.equal((await row.locator("td.value").textContent()).trim(), "0.14");
      assert.equal(await count(page), 25);
      await go(page, "#/indicator/2.1");
      await go(page, "#/indicator/1.1");
      await until(() => count(page), (n) => n === 25, "1.1 again");
      assert.equal(await visible(page, "#case-draft"), false, "no draft after the save");

      // 撤销 right after a save of a new case removes it again.
      await saveCase(page, { id: "QJ-1.1-UNDO", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 15:00" });
      await until(() => count(page), (n) => n === 26, "saved");
      await page.locator("#case-form-undo").click();
      await until(() => text(page, "#case-form-status"), (v) => v === "已撤销：新增的案件 QJ-1.1-UNDO 已移除，已重新计算。", "undone");
      await until(() => count(page), (n) => n === 25, "back to 25");
      assert.equal(await page.locator('#case-table tr[data-case-id="QJ-1.1-UNDO"]').count(), 0);

      // A draft can be given up.
      await saveCase(page, { id: "QJ-1.1-GONE", start: "2023-02-30 09:00" });
      await until(() => text(page, "#case-form-status"), (v) => v.startsWith("案件 QJ-1.1-GONE 未保存"), "refused");
      await page.locator("#case-new").click();
      await until(() => visible(page, "#case-draft"), (v) => v === true, "offered");
      await page.locator("#case-draft-discard").click();
      assert.equal(await visible(page, "#case-draft"), false);
      assert.equal(await text(page, "#case-form-status"), "已放弃草稿。");
      assert.equal(await count(page), 25);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("取消修改 leaves a case as it was; 撤销 takes back a saved change; 清除数据 can be undone", async () => {
    const { page, problems, close } = await site.openPage("#/indicator/1.1");
    try {
      // Friday 07-14, 09:00–15:00: 240 working minutes / 420 = 0.57.
      await saveCase(page, { id: "QJ-1.1-EDIT", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 15:00" });
      const row = page.locator('#case-table tr[data-case-id="QJ-1.1-EDIT"]');
      await until(() => row.count(), (n) => n === 1, "saved row");
      assert.equal((await row.locator("td.value").textContent()).trim(), "0.57");
      assert.equal(await count(page), 25);

      // A change that ends before the start is refused; 取消修改 drops it: the case is as it was.
      await row.getByRole("button", { name: "修改案件 QJ-1.1-EDIT" }).click();
      await until(() => page.inputValue("#case-end"), (v) => v === "2023-07-14 15:00", "the case in the form");
      await page.locator("#case-end").fill("2023-07-14 08:00");
      await page.locator("#case-save").click();
      await until(() => text(page, "#case-end-error"), (v) => /早于/.test(v), "refused");
      await page.locator("#case-cancel").click();
      assert.equal(await text(page, "#case-form-status"), "已取消修改，案件 QJ-1.1-EDIT 保持原样。");
      assert.equal(await page.inputValue("#case-end"), "");
      assert.equal((await row.locator("td.value").textContent()).trim(), "0.57");
      assert.equal(await visible(page, "#case-draft"), false, "a cancelled change leaves no draft");

      // Changed to 16:00 (09:00–12:00 and 14:00–16:00 = 300 minutes / 420 = 0.71) and saved; 撤销 puts back 0.57.
      await row.getByRole("button", { name: "修改案件 QJ-1.1-EDIT" }).click();
      await until(() => page.inputValue("#case-end"), (v) => v === "2023-07-14 15:00", "the case in the form");
      await page.locator("#case-end").fill("2023-07-14 16:00");
      await page.locator("#case-save").click();
      await until(() => row.locator("td.value").textContent(), (v) => v.trim() === "0.71", "changed");
      await page.locator("#case-form-undo").click();
      await until(() => text(page, "#case-form-status"), (v) => v === "已撤销：案件 QJ-1.1-EDIT 已恢复为修改前的内容，已重新计算。", "undone");
      await until(() => row.locator("td.value").textContent(), (v) => v.trim() === "0.57", "as before");
      assert.equal(await count(page), 25);

      // 清除数据 (back to the sample's 24), then 撤销清除: the 25 again.
      await go(page, "#/import");
      await page.click("#data-clear");
      const confirm = page.locator("dialog#data-clear-dialog");
      await confirm.waitFor();
      assert.match(await confirm.textContent(), /撤销清除/);
      await confirm.locator('button[data-value="clear"]').click();
      await until(() => text(page, "#project-status"), (s) => s === "已清除本机数据，当前显示示例数据。 撤销清除", "cleared");
      await go(page, "#/indicator/1.1");
      await until(() => count(page), (n) => n === 24, "the sample's 24");
      await go(page, "#/import");
      await page.click("#data-undo");
      await until(() => text(page, "#project-status"), (s) => s === "已撤销清除：之前的数据和设置已恢复。", "clearing undone");
      await go(page, "#/indicator/1.1");
      await until(() => count(page), (n) => n === 25, "25 again");
      assert.equal(await page.locator('#case-table tr[data-case-id="QJ-1.1-EDIT"]').count(), 1);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
