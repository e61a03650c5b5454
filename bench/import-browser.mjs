// A ledger imported through the wasm Workspace in a Web Worker of headless Chromium (Debian's,
// driven by playwright-core), as the page's worker does: the import call's time (bytes already
// in the worker) and the wasm memory after it; a fresh worker per run, medians of RUNS (5).
//
// Run: `make build && node bench/import-data.mjs && node bench/import-browser.mjs target/bench/ledger-1.1-1000000.csv`
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 1 << 20;

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node bench/import-browser.mjs LEDGER.csv|xlsx ...");
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 5);

// The repository served read-only on a free port: www/pkg for the core, bench/ for the worker,
// target/bench/ for the ledgers.
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  const file = join(ROOT, path);
  if (!file.startsWith(ROOT) || !/^\/(www\/pkg|bench|target\/bench)\//.test(path)) {
    res.writeHead(404).end();
    return;
  }
  try {
    statSync(file);
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const version = browser.version();
  for (const file of files) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.goto(`${base}/bench/import-worker.mjs`);
      const result = await page.evaluate(
        ({ url, indicator, fileName }) =>
          new Promise((resolve) => {
            const worker = new Worker("/bench/import-worker.mjs", { type: "module" });
            worker.onmessage = ({ data }) => {
              worker.terminate();
              resolve(data);
            };
            worker.onerror = (e) => resolve({ ok: false, error: e.message });
            worker.postMessage({ url, indicator, fileName });
          }),
        { url: `/${file.replace(/^\.?\//, "")}`, indicator: file.includes("power") ? "3.4" : "1.1", fileName: file.split("/").pop() },
      );
      await page.close();
      if (!result.ok) throw new Error(`${file}: ${result.error}`);
      results.push(result);
    }
    const size = results[0].size;
    const [first, second] = [0, 1].map((c) => median(results.map((r) => r.calls[c].ms)));
    const memory = median(results.map((r) => r.calls[0].memory));
    const c = results[0].calls[0];
    console.log(
      `${file} (${(size / 1e6).toFixed(1)} MB, ${c.rows} rows, ${c.withProblems} with problems), Chromium ${version}, worker, median of ${runs}:\n` +
        `  import + evaluation ${first.toFixed(0)} ms (second import in the same worker ${second.toFixed(0)} ms), ${(c.rows / first / 1000).toFixed(2)} M rows/s, ${c.progressReports} progress reports\n` +
        `  wasm memory after: ${(memory / MB).toFixed(0)} MiB = ${(memory / size).toFixed(1)}× the file; budget 4× + 64 MiB = ${((4 * size) / MB + 64).toFixed(0)} MiB`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
