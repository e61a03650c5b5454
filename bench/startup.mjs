// Time to a usable dashboard (issue 11's budget: ≤ 300 ms after navigation, served or from disk,
// ≤ 600 ms framed).
//
//   make build && make dist && node bench/startup.mjs [runs=15]
//
// Drives headless Debian Chromium (playwright-core, /usr/bin/chromium --no-sandbox). Each run is
// a fresh context (empty storage: the built-in sample, no autosave) and page, for three ways of
// opening the calculator:
//   served  www/index.html from tests/e2e/server.mjs (127.0.0.1, no-store: nothing cached)
//   file    dist/bizenv.html from file:// (the single file)
//   framed  www/bizenv.html (the single file) in a sandboxed iframe, as the embed example's
//           snippet gives it (allow-scripts allow-downloads allow-modals), served
//
// "Usable" is what the browser tests wait for (tests/e2e/support.mjs ready()): the page has
// started (<html data-ready="true">) and no request to the workspace worker is pending (no
// data-busy), and besides the dashboard's table is drawn with the sample's rows. It is stamped
// inside the page by a MutationObserver (no polling from outside), in the page's own clock,
// from the top document's navigation start (performance.timeOrigin), framed too.
//
// The breakdown comes from the page's performance marks (www/js/main.js: bizenv:start,
// bizenv:core, bizenv:workspace, bizenv:ready), the workspace worker's (workspace-worker.js:
// bizenv:worker-start, -core, -open, -read, -sample) and, served, the wasm's resource timing.
// Besides the wall clock, the CPU time all of Chromium's processes spent on the page (from /proc),
// which the other work on a shared machine disturbs less.
// Prints the median, min and max of each figure over `runs` pages.
//
// To measure a change, BENCH_BASELINE=<a copy of www/ from before it, with its bizenv.html>
// adds the same three ways for that copy, interleaved with this tree's run by run (several
// copies: separated by commas). BENCH_WAYS=served (or file, framed, comma-separated) keeps only
// those ways.

import { pathToFileURL } from "node:url";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { startServer, WWW } from "../tests/e2e/server.mjs";

const RUNS = Number(process.argv[2] ?? 15);
const ROOT = new URL("../", import.meta.url).pathname;
// $E2E_WWW (server.mjs) serves another copy of www/, e.g. to compare a change: its bizenv.html then.
const DIST = process.env.E2E_WWW ? join(WWW, "bizenv.html") : join(ROOT, "dist", "bizenv.html");
for (const file of [join(WWW, "pkg", "bizenv_bg.wasm"), DIST, join(WWW, "bizenv.html")]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`make build && make dist\` first`);
}

/** In every document (the top page and the frame): stamp when the dashboard is first usable. */
function watchUsable() {
  const usable = () => {
    const html = document.documentElement;
    return html.dataset.ready === "true" && !html.dataset.busy && document.querySelectorAll("#dashboard-table tr[data-indicator]").length > 0;
  };
  const observer = new MutationObserver(() => {
    if (window.benchUsableAt === undefined && usable()) {
      // Absolute (epoch ms, sub-millisecond): comparable between the frame and the top page.
      window.benchUsableAt = performance.timeOrigin + performance.now();
      const marks = Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("bizenv:")).map((m) => [m.name.slice(7), performance.timeOrigin + m.startTime]));
      const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
      if (wasm) marks.wasmFetched = performance.timeOrigin + wasm.responseEnd;
      window.benchMarks = marks;
      observer.disconnect();
      // The top page reads the frame's figures by message (a sandboxed frame is of another origin).
      if (window.parent !== window) window.parent.postMessage({ benchUsableAt: window.benchUsableAt, benchMarks: marks }, "*");
    }
  });
  const begin = () => observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready", "data-busy"] });
  if (document.documentElement) begin();
  else document.addEventListener("readystatechange", begin, { once: true });
  if (window.parent === window) {
    window.addEventListener("message", (event) => {
      if (event.data?.benchUsableAt) {
        window.benchUsableAt = event.data.benchUsableAt;
        window.benchMarks = event.data.benchMarks;
      }
    });
  }
}

/**
 * CPU time (ms, user + system) used so far by every process this one started (Chromium's browser,
 * renderers, GPU and utility processes), from /proc: less at the mercy of the other work on a
 * shared machine than the wall clock. 10 ms ticks per process.
 */
function chromiumCpuMs() {
  const procs = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // After "(comm)": state, ppid, … utime and stime are the 14th and 15th fields.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(name), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // gone meanwhile
    }
  }
  let ticks = 0;
  for (const [pid, p] of procs) {
    let up = p.ppid;
    for (let hops = 0; up > 1 && up !== process.pid && hops < 20; hops++) up = procs.get(up)?.ppid ?? 0;
    if (up === process.pid && pid !== process.pid) ticks += p.ticks;
  }
  return ticks * TICK_MS;
}
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim() || 100);

/** A sandboxed frame of the single file, as the embed example's snippet writes it. */
const FRAME_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>frame</title></head><body>
<iframe src="bizenv.html" title="营商环境指标计算器" sandbox="allow-scripts allow-downloads allow-modals" width="100%" height="760"></iframe>
</body></html>`;

/** The three ways of opening the page whose www/ is served at `url` (its bizenv.html beside it). */
function waysOf(tag, url, singleFile) {
  return [
    [`served  ${tag}(http://127.0.0.1/, index.html)`, url, {}],
    [`file    ${tag}(file://…/${singleFile.split("/").slice(-2).join("/")})`, pathToFileURL(singleFile).href, {}],
    [`framed  ${tag}(sandboxed iframe of bizenv.html, served)`, `${url}frame-bench.html`, { frame: true }],
  ];
}

/** One fresh page at `url`: { usable, marks } in ms from the top document's navigation start. */
async function once(browser, url, { frame = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  try {
    await context.addInitScript(watchUsable);
    if (frame) {
      await context.route("**/frame-bench.html", (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: FRAME_PAGE }));
    }
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const cpuBefore = chromiumCpuMs();
    await page.goto(url);
    await page.waitForFunction(() => window.benchUsableAt !== undefined, null, { timeout: 60_000, polling: 100 });
    const cpu = chromiumCpuMs() - cpuBefore;
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    const { origin, usableAt, marks } = await page.evaluate(() => ({ origin: performance.timeOrigin, usableAt: window.benchUsableAt, marks: window.benchMarks }));
    // The workspace worker's own marks (core/workspace-worker.js, "bizenv:worker-*"), in the same
    // epoch clock (Playwright lists the framed page's worker too).
    for (const worker of page.workers()) {
      const own = await worker
        .evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("bizenv:worker-")).map((m) => [m.name.slice(7), performance.timeOrigin + m.startTime])))
        .catch(() => ({}));
      Object.assign(marks, own);
    }
    const since = Object.fromEntries(Object.entries(marks).map(([name, at]) => [name, at - origin]));
    return { usable: usableAt - origin, cpu, ...since };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The steps between the marks, in the order the page passes them. */
const STEPS = [
  ["wasmFetched", "navigation → wasm fetched (page)"],
  ["start", "navigation → main.js starts"],
  ["core", "main.js → core compiled (page)"],
  ["workspace", "core → workspace open (worker, sample)"],
  ["ready", "workspace → views wired (data-ready)"],
  ["usable", "ready → dashboard answered, drawn"],
];

function summarise(label, runs) {
  const row = (name, values) => {
    const ok = values.filter((v) => Number.isFinite(v));
    if (!ok.length) return;
    console.log(`  ${name.padEnd(42)} median ${median(ok).toFixed(0).padStart(5)} ms   (min ${Math.min(...ok).toFixed(0)}, max ${Math.max(...ok).toFixed(0)})`);
  };
  console.log(`${label}: ${runs.length} fresh pages`);
  row("navigation → dashboard usable", runs.map((r) => r.usable));
  // Up to a poll (100 ms) after usable: what the whole browser spent on the page, all processes.
  row("Chromium CPU time, navigation → usable", runs.map((r) => r.cpu));
  const order = ["start", "core", "workspace", "ready", "usable"];
  row(STEPS[0][1], runs.map((r) => r.wasmFetched));
  row(STEPS[1][1], runs.map((r) => r.start));
  for (let i = 1; i < order.length; i++) {
    row(STEPS[i + 1][1], runs.map((r) => r[order[i]] - r[order[i - 1]]));
  }
  // Inside the worker, between the page's core and workspace marks.
  row("  worker: navigation → its modules ran", runs.map((r) => r["worker-start"]));
  row("  worker: navigation → its core ready", runs.map((r) => r["worker-core"]));
  row("  worker: core or page's core → 'open' came", runs.map((r) => r["worker-open"] - Math.max(r["worker-core"], r.core)));
  row("  worker: open → autosave store read", runs.map((r) => r["worker-read"] - r["worker-open"]));
  row("  worker: read → sample loaded", runs.map((r) => r["worker-sample"] - r["worker-read"]));
  row("  worker: sample → page's workspace open", runs.map((r) => r.workspace - r["worker-sample"]));
}

const server = await startServer();
// BENCH_BASELINE: one copy of www/, or several separated by commas (each measured alike).
const baselineDirs = (process.env.BENCH_BASELINE ?? "").split(",").filter(Boolean);
const baselines = await Promise.all(baselineDirs.map((dir) => startServer(dir)));
// BENCH_WAYS=served (or file, framed; comma-separated): only those ways.
const onlyWays = (process.env.BENCH_WAYS ?? "").split(",").filter(Boolean);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  console.log(`startup: ${new Date().toISOString()}; ${execFileSync("uptime").toString().trim()}`);
  console.log(`chromium ${browser.version()}; ${RUNS} runs each, interleaved`);
  const all = waysOf("", server.url, DIST);
  baselines.forEach((b, i) => all.push(...waysOf(`BASELINE ${baselineDirs[i]} `, b.url, join(baselineDirs[i], "bizenv.html"))));
  const ways = all.filter(([label]) => !onlyWays.length || onlyWays.includes(label.split(" ")[0]));
  const results = ways.map(() => []);
  // One warm-up page each (the OS file cache, Chromium's first process), not counted.
  for (const [, url, options] of ways) await once(browser, url, options);
  // Interleaved, so that a busy moment of this shared machine falls on all three alike.
  for (let run = 0; run < RUNS; run++) {
    for (let w = 0; w < ways.length; w++) results[w].push(await once(browser, ways[w][1], ways[w][2]));
  }
  ways.forEach(([label], w) => summarise(label, results[w]));
  console.log(`after: ${execFileSync("uptime").toString().trim()}`);
} finally {
  await browser.close();
  await server.close();
  for (const b of baselines) await b.close();
}
