// Shared helpers of the shipping tests (dist, embed, security): the browser,
// a page that records every problem and every request, the single-file
// build, and polling. Not a test file itself (node --test runs *.test.mjs).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { WWW } from "./server.mjs";
import * as core from "../../www/pkg/bizenv.js";

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

/** www/pkg is built, the fixtures exist; the core is loaded here in Node to cross-check the page. */
export function checkBuilt() {
  for (const file of ["bizenv.js", "bizenv_bg.wasm"]) {
    assert.ok(existsSync(join(WWW, "pkg", file)), `www/pkg/${file} is missing: run \`make build\` first`);
  }
  assert.ok(existsSync(fixture("electricity-3.5.xlsx")), "tests/fixtures/electricity-3.5.xlsx is missing: run `cargo run --example make_fixtures`");
  core.initSync({ module: readFileSync(join(WWW, "pkg", "bizenv_bg.wasm")) });
  return core;
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
 * A fresh context and page. `problems` collects console errors and warnings,
 * page errors, failed requests, HTTP errors and CSP violations (of the page
 * and of its frames); `requests` every URL requested by the page, its frames
 * and its workers.
 */
export async function newPage(browser, { viewport = { width: 1366, height: 900 } } = {}) {
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
  // Every CSP violation in every document, reported as a console error.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page, requests, problems, close: () => context.close() };
}

/** Waits until the calculator page in `frame` (a Page or a Frame) has started, and checks it did. */
export async function ready(frame, problems = []) {
  await frame.waitForFunction(() => document.documentElement.dataset.ready, null, { timeout: 20_000 });
  const state = await frame.evaluate(() => document.documentElement.dataset.ready);
  const status = await frame.locator("#app-status").textContent().catch(() => "");
  assert.equal(state, "true", `page did not start: ${status}\n${problems.join("\n")}`);
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

export const text = async (frame, selector) => (await frame.locator(selector).textContent()).trim();

/** Picks the indicator and the file in 导入台账 and waits for the worker to finish. */
export async function importFile(frame, indicatorId, file) {
  await frame.selectOption("#import-indicator", indicatorId);
  await frame.setInputFiles("#import-file", file);
  await frame.waitForSelector('#import-progress[data-stage="done"]', { timeout: 60_000 });
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
