// Accessibility of www/index.html in headless Debian Chromium: an axe-core
// audit of every view (dashboard, an indicator with its charts, the county
// ranking with a county opened, the import view with a ledger read, the
// calculator with a bad date, a confirmation dialog) in Chinese and in
// English, with no serious or critical violation; and the keyboard: tab
// order, visible focus, the language switch, the navigation, dialogs that
// keep the focus.
//
// axe-core (pinned devDependency) is run in the page with page.evaluate():
// the page's CSP (script-src 'self') refuses page.addScriptTag's inline
// script, and the CSP is left as it ships.
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/{playwright-core,axe-core}.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { fixture, go, importFile, routed, until, useBrowser } from "./support.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const LEDGER = fixture("construction-2.1.csv");

/** openPage(hash): a fresh page (no saved data or language) once the core has loaded; `problems` collects what newPage() in support.mjs records. */
const { openPage } = useBrowser({ fixtures: ["construction-2.1.csv"] });

/** Runs axe on the whole document; fails on serious or critical violations, naming the nodes. */
async function audit(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], `${what}: ${JSON.stringify(bad, null, 2)}`);
  return violations;
}

/** The id (or a short description) of the focused element. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a?.id || (a?.className ? `.${String(a.className).split(" ")[0]}` : a?.tagName.toLowerCase());
  });

describe("accessibility", () => {
  for (const lang of ["zh", "en"]) {
    test(`axe finds no serious or critical violation in any view (${lang})`, async () => {
      const { page, problems, close } = await openPage();
      try {
        if (lang === "en") {
          await page.click("#lang-en");
          await until(() => page.getAttribute("html", "lang"), (v) => v === "en", "html lang");
        }
        await audit(page, `${lang} dashboard`);

        await go(page, "#/indicator/1.1");
        await page.locator("#chart-distribution svg").waitFor();
        await audit(page, `${lang} indicator 1.1 with charts`);

        await go(page, "#/counties");
        await page.locator("#ranking-table button[aria-expanded]").first().click();
        await page.locator(".ranking-detail:not([hidden]) .score-table").waitFor();
        await audit(page, `${lang} county ranking, one county opened`);

        await go(page, "#/import");
        await audit(page, `${lang} import view`);
        await importFile(page, "2.1", LEDGER);
        await audit(page, `${lang} import view with a ledger read`);

        await page.click("#data-clear");
        await page.locator("dialog[open]").waitFor();
        await audit(page, `${lang} confirmation dialog`);
        await page.keyboard.press("Escape");
        await page.locator("dialog").waitFor({ state: "detached" });

        await go(page, "#/calculator");
        await page.fill("#start", "2023-02-30");
        await page.press("#start", "Enter");
        await until(() => page.textContent("#start-error"), (v) => v.trim().length > 0, "start error");
        await audit(page, `${lang} calculator with a bad date`);

        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }

  test("keyboard: skip link, language switch and navigation in order, visible focus, Enter opens a view", async () => {
    const { page, problems, close } = await openPage();
    try {
      const order = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press("Tab");
        order.push(await focused(page));
      }
      assert.deepEqual(order, [".skip-link", "lang-zh", "lang-en", "nav-dashboard", "nav-indicator", "nav-counties", "nav-import", "nav-calculator"]);

      // Focus is visible on the navigation (an outline, not only a colour change).
      await page.focus("#nav-counties");
      const outline = await page.$eval("#nav-counties", (a) => {
        const s = getComputedStyle(a);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      assert.notEqual(outline.style, "none");
      assert.ok(outline.width >= 2, `outline ${outline.width}px`);

      await page.keyboard.press("Enter");
      // Waits for the view, not the hash: the view is shown on hashchange, a task after the hash changed.
      await routed(page, (h) => h === "#/counties", "counties route");
      assert.equal(await focused(page), "counties-heading");
      assert.equal(await page.getAttribute("#nav-counties", "aria-current"), "page");

      // The language switch with the keyboard: pressed state, page language, remembered.
      await page.focus("#lang-en");
      await page.keyboard.press("Enter");
      await until(() => page.getAttribute("html", "lang"), (v) => v === "en", "html lang en");
      assert.equal(await page.getAttribute("#lang-en", "aria-pressed"), "true");
      assert.equal(await page.getAttribute("#lang-zh", "aria-pressed"), "false");
      assert.equal((await page.textContent("#counties-heading")).trim(), "County ranking");
      assert.equal(await page.evaluate(() => localStorage.getItem("bizenv-lang")), "en");
      await page.focus("#lang-zh");
      await page.keyboard.press(" ");
      await until(() => page.getAttribute("html", "lang"), (v) => v === "zh-CN", "html lang zh-CN");
      assert.equal((await page.textContent("#counties-heading")).trim(), "县区排名");

      // The skip link moves the focus to the main content.
      await page.focus(".skip-link");
      await page.keyboard.press("Enter");
      await until(() => focused(page), (f) => f === "main", "focus on the main content");

      // The chart download buttons of an indicator are reachable and named.
      await go(page, "#/indicator/1.1");
      const names = await page.$$eval("#indicator-charts button", (buttons) => buttons.map((b) => b.getAttribute("aria-label")));
      assert.ok(names.length >= 4, names.join(" | "));
      assert.ok(names.every((n) => /^下载 (SVG|PNG)：/.test(n)), names.join(" | "));
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a dialog keeps the focus: Tab and Shift+Tab go round its buttons, Esc closes it and the focus returns", async () => {
    const { page, problems, close } = await openPage("#/import");
    try {
      await page.focus("#data-clear");
      await page.keyboard.press("Enter");
      const dialog = page.locator("dialog#data-clear-dialog[open]");
      await dialog.waitFor();
      const inside = () => page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")));
      assert.equal(await inside(), true, "the first button has the focus");
      const seen = new Set();
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press("Tab");
        assert.equal(await inside(), true, `after ${i + 1} Tab`);
        seen.add(await page.evaluate(() => document.activeElement.dataset.value));
      }
      assert.deepEqual([...seen].sort(), ["", "clear"], "both buttons are reached");
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press("Shift+Tab");
        assert.equal(await inside(), true, `after ${i + 1} Shift+Tab`);
      }
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      assert.equal(await focused(page), "data-clear");
      // Nothing was cleared.
      assert.equal(await page.isVisible("#sample-banner"), true);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
