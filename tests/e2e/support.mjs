// Shared helpers of the browser tests (tests/e2e/*.test.mjs): the build and
// fixtures checked, the server and Chromium of a test file, a page that
// records every problem and every request, the single-file build, polling,
// and small reads of the page. Not a test file itself (node --test runs
// *.test.mjs); server.mjs stays on its own (`node tests/e2e/server.mjs`).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { startServer, WWW } from "./server.mjs";
// The same module instance as a test file's own `import * as core from "../../www/pkg/bizenv.js"`:
// checkBuilt() initialises it for them.
import * as wasmCore from "../../www/pkg/bizenv.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(ROOT, "dist", "bizenv.html");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const fixture = (name) => join(FIXTURES, name);

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The window of a page unless a test asks for another. */
export const VIEWPORT = { width: 1366, height: 768 };

/**
 * www/pkg is built and the `fixtures` named (files of tests/fixtures/) exist;
 * the core is loaded here in Node to cross-check the page, and returned.
 */
export function checkBuilt(fixtures = []) {
  for (const file of ["bizenv.js", "bizenv_bg.wasm"]) {
    assert.ok(existsSync(join(WWW, "pkg", file)), `www/pkg/${file} is missing: run \`make build\` first`);
  }
  for (const name of fixtures) {
    assert.ok(existsSync(fixture(name)), `tests/fixtures/${name} is missing: run \`cargo run --example make_fixtures\``);
  }
  wasmCore.initSync({ module: readFileSync(join(WWW, "pkg", "bizenv_bg.wasm")) });
  return wasmCore;
}

/** Runs scripts/build-dist.mjs (as `make dist` does): dist/bizenv.html and its copy www/bizenv.html, fresh. */
export function buildDist() {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-dist.mjs")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  assert.ok(existsSync(DIST));
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The before/after hooks of a test file. Before its tests: checkBuilt(fixtures)
 * (which also initialises the core for a test that imports it in Node), the
 * single file built when `dist` is set, www/ served by server.mjs unless
 * `serve` is false, and Chromium launched; after them, both closed again.
 * Returns the session: `server` and `browser` once the hooks have run, and
 * pages in a window of `viewport` unless asked otherwise.
 */
export function useBrowser({ fixtures = [], dist = false, serve = true, viewport = VIEWPORT } = {}) {
  const session = {
    server: undefined,
    browser: undefined,
    /** A fresh page at `url`, once started: openPage() below. */
    open: (url, options = {}) => openPage(session.browser, url, { viewport, ...options }),
    /** The same at the server's URL + `path` ("", "#/import", "embed-example.html?…"). */
    openPage: (path = "", options = {}) => session.open(session.server.url + path, options),
  };
  before(async () => {
    checkBuilt(fixtures);
    if (dist) buildDist();
    if (serve) session.server = await startServer();
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/**
 * A fresh context (empty storage, zh-CN) and page. `problems` collects console
 * errors and warnings (of the page, its frames and its workers), page errors,
 * failed requests (but those cut short by a reload or navigation,
 * net::ERR_ABORTED, which are no failure of the page), HTTP errors, CSP
 * violations and any native dialog (alert, confirm: the page asks in a
 * <dialog>), which is dismissed; `requests` every URL requested by the page,
 * its frames and its workers.
 */
export async function newPage(browser, { viewport = VIEWPORT } = {}) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true });
  const requests = [];
  const problems = [];
  context.on("request", (req) => requests.push(req.url()));
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (req) => {
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("worker", (worker) => {
    worker.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") problems.push(`worker console ${msg.type()}: ${msg.text()}`);
    });
  });
  page.on("dialog", (dialog) => {
    problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  // Every CSP violation in every document (an image the policy refused, say), reported as a console error.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page, requests, problems, close: () => context.close() };
}

/** newPage() gone to `url`, once the page there has started (see ready()). */
export async function openPage(browser, url, options) {
  const opened = await newPage(browser, options);
  try {
    await opened.page.goto(url);
    await ready(opened.page, opened.problems);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

/**
 * Waits until the page in `frame` (a Page or a Frame) has started
 * (`<html data-ready>`, set by the calculator page and the embedding example),
 * and checks it did.
 */
export async function ready(frame, problems = []) {
  await frame.waitForFunction(() => document.documentElement.dataset.ready, null, { timeout: 20_000 });
  const state = await frame.evaluate(() => document.documentElement.dataset.ready);
  if (state !== "true") {
    const status = await frame.locator("#app-status").textContent({ timeout: 1_000 }).catch(() => "");
    assert.equal(state, "true", `page did not start: ${status}\n${problems.join("\n")}`);
  }
  await settled(frame);
}

/**
 * Waits until the page has its answers: no request to the workspace worker is pending
 * (`<html data-busy>` is gone), in the page or frame `frame`.
 */
export async function settled(frame) {
  if (typeof frame.waitForFunction !== "function") return; // a locator: its page settles with the page
  await frame.waitForFunction(() => !document.documentElement.dataset.busy, null, { timeout: 20_000 });
}

/** Polls `read()` until `check(value)` holds; returns the value or fails with the last one. */
export async function until(read, check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: last value ${JSON.stringify(value)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** The text of the one node `selector` matches in `frame` (a Page, Frame or Locator), trimmed. */
export const text = async (frame, selector) => {
  await settled(frame);
  return (await frame.locator(selector).textContent()).trim();
};

/** The same, untrimmed: for comparisons where white space around the text counts too. */
export const rawText = (frame, selector) => frame.locator(selector).textContent();

export const visible = async (frame, selector) => {
  await settled(frame);
  return frame.locator(selector).isVisible();
};

/** Goes to the route `hash` as a link would, and waits until the page has it. */
export async function go(page, hash) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await routed(page, (h) => h === hash, `route ${hash}`);
}

/**
 * Waits until the view of a route `check` accepts is on screen (`<html data-route>`, set once
 * the view is shown and focused; `location.hash` changes a task earlier) and its answers are in.
 */
export async function routed(frame, check, what) {
  await until(() => frame.evaluate(() => document.documentElement.dataset.route), check, what);
  await settled(frame);
}

/**
 * Runs `fn(arg)` in the page with `window.core` set to the module the page
 * itself loaded (www/pkg/bizenv.js), to cross-check the screen against the core.
 */
export async function core(page, fn, arg) {
  await page.evaluate(async () => {
    const m = await import("./pkg/bizenv.js");
    await m.default();
    window.core = m;
  });
  return page.evaluate(fn, arg);
}

/** Controls without a (non-empty) label (a <label for> or a wrapping one), by id. */
export function unlabeled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((c) => c.labels.length === 0 || [...c.labels].every((l) => !l.textContent.trim()))
      .map((c) => c.id || c.outerHTML),
  );
}

/** Clicks `selector` and returns the download: { name, bytes }. */
export async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Picks the indicator and the file in 导入台账 and waits for the worker to finish. */
/**
 * Imports `file` under `indicatorId` through the import view (one pass: the file goes straight
 * into the data). While the data is the sample alone the page asks first: `sample` is the answer
 * ("clear" or "keep").
 */
/**
 * Picks a ledger for an indicator and imports it: the sample question answered (`sample`), the
 * preview awaited, then confirmed with 导入这 N 件 (`confirm: false` stops at the preview).
 */
export async function importFile(frame, indicatorId, file, { sample = "clear", confirm = true } = {}) {
  await frame.selectOption("#import-indicator", indicatorId);
  await frame.setInputFiles("#import-file", file);
  const dialog = frame.locator("dialog#import-sample-dialog");
  const staged = frame.locator('#import-result-card[data-committed="false"] #import-commit');
  await dialog.or(staged).first().waitFor({ timeout: 60_000 });
  if (await dialog.isVisible()) await dialog.locator(`button[data-value="${sample}"]`).click();
  await staged.waitFor({ timeout: 60_000 });
  if (!confirm) return;
  await confirmImport(frame);
}

/** 导入这 N 件 on the preview; resolves once the result (with 撤销导入) is shown. */
export async function confirmImport(frame) {
  await frame.click("#import-commit");
  await frame.waitForSelector('#import-result-card[data-committed="true"] #import-undo', { timeout: 60_000 });
  await frame.waitForSelector("#import-counts");
}

export async function importCounts(frame) {
  return {
    rowsIn: Number(await text(frame, "#import-rows-in")),
    evaluated: Number(await text(frame, "#import-evaluated")),
    withProblems: Number(await text(frame, "#import-with-problems")),
    blank: Number(await text(frame, "#import-blank")),
  };
}

/** The directives of a CSP text: { "script-src": ["'self'", ...], ... }. */
export function parseCsp(csp) {
  const directives = {};
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = values;
  }
  return directives;
}

/** Fails unless `csp` allows no inline script by 'unsafe-inline' and nothing by 'unsafe-eval'. */
export function assertStrictCsp(csp, where) {
  const d = parseCsp(csp);
  const scriptSrc = d["script-src"] ?? d["default-src"];
  assert.ok(scriptSrc, `${where}: a script-src`);
  assert.ok(!scriptSrc.includes("'unsafe-inline'"), `${where}: script-src without 'unsafe-inline': ${csp}`);
  for (const [name, values] of Object.entries(d)) {
    assert.ok(!values.includes("'unsafe-eval'"), `${where}: ${name} without 'unsafe-eval'`);
    assert.ok(!values.includes("*") && !values.includes("http:") && !values.includes("https:"), `${where}: ${name} allows no other site`);
  }
  return d;
}

/** The CSP meta of an HTML text. */
export function cspOf(html) {
  const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  assert.ok(m, "a CSP meta");
  return m[1];
}

/** The dates ("YYYY-MM-DD") of the month calendar's cells that hold `selector` (or are it). */
export const calendarDates = (page, selector) => page.$$eval(`#cal-table ${selector}`, (nodes) => nodes.map((n) => n.closest("td").dataset.date));

/** The marks a person sees in the month calendar's cell of `date` ("起", "停", "限", "止"). */
export const calendarMarks = (page, date) => page.$$eval(`#cal-table td[data-date="${date}"] .cal-mark [aria-hidden]`, (m) => m.map((x) => x.textContent));
