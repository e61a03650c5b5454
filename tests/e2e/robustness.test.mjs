// Settings refused wherever they enter, and storage failures that are loud and lose nothing,
// in headless Debian Chromium (issue "Never trap, never drop a row").
//
// Needs: `make build`, /usr/bin/chromium, node_modules/playwright-core. Run: node --test tests/e2e/

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { download, go, newPage, ready, text, until, useBrowser, visible } from "./support.mjs";

const site = useBrowser({ viewport: { width: 1366, height: 900 } });

/**
 * A page whose browser storage is full: the origin's quota is set to one byte (through the
 * DevTools protocol, so that it holds in the page and in its workers alike), so every autosave
 * fails as it would on a full disk.
 */
async function openWithFullStorage(hash) {
  const opened = await newPage(site.browser, { viewport: { width: 1366, height: 900 } });
  const cdp = await opened.context.newCDPSession(opened.page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(site.server.url).origin, quotaSize: 1 });
  await opened.page.goto(site.server.url + hash);
  await ready(opened.page, opened.problems);
  return opened;
}

describe("robustness of the page", () => {
  test("when storage is full, a banner says so on every view and offers the project file at once", async () => {
    const { page, problems, close } = await openWithFullStorage("#/dashboard");
    try {
      assert.equal(await visible(page, "#storage-failed"), false);
      await page.locator("#as-of").fill("2024-01-10 17:00");
      await page.locator("#as-of").press("Enter");
      await until(() => visible(page, "#storage-failed"), (v) => v, "storage banner");
      assert.match(await text(page, "#storage-failed"), /自动保存失败.*下载项目文件/s);
      // Outside the data bar: still there on the calculator view, where the data bar is hidden.
      await go(page, "#/calculator");
      assert.equal(await visible(page, "#data-bar"), false);
      assert.equal(await visible(page, "#storage-failed"), true);
      // The last state is in memory and goes into the project file.
      const file = await download(page, "#storage-failed-download");
      const project = JSON.parse(file.bytes.toString("utf8"));
      assert.equal(project.schema, "bizenv-project");
      assert.equal(project.asOf, "2024-01-10 17:00");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a project file whose settings the core refuses is refused with the reason, and the data is kept", async () => {
    const { page, problems, close } = await site.openPage("#/import");
    try {
      const asOf = await page.inputValue("#as-of");
      const bad = '{"schema":"bizenv-project","version":1,"dataset":{"1.1":[]},"settings":{"sessions":[["09:00","25:00"]]}}';
      await page.setInputFiles("#project-file", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from(bad) });
      await until(() => text(page, "#project-error"), (s) => s.includes("25:00"), "refused");
      assert.match(await text(page, "#project-error"), /无法打开 bad\.json.*办公时段结束「25:00」/);
      assert.equal(await page.locator("#project-open-dialog[open]").count(), 0);
      // Still the sample data, evaluated at the same instant.
      assert.equal(await page.inputValue("#as-of"), asOf);
      assert.equal(await visible(page, "#sample-banner"), true);
      const notPairs = '{"schema":"bizenv-project","version":1,"settings":{"sessions":[1]}}';
      await page.setInputFiles("#project-file", { name: "pairs.json", mimeType: "application/json", buffer: Buffer.from(notPairs) });
      await until(() => text(page, "#project-error"), (s) => s.includes("pairs.json"), "refused");
      assert.match(await text(page, "#project-error"), /一对时刻/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("office hours in the URL that the core refuses are ignored with a warning", async () => {
    const { page, problems, close } = await site.openPage("?hours=09:00-25:00#/calculator");
    try {
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0], /ignoring hours.*25:00/);
      // The default sessions stay.
      assert.equal(await page.locator("#session-list input").first().inputValue(), "09:00");
    } finally {
      await close();
    }
  });
});
