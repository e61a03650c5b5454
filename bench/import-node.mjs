// A ledger imported through the wasm Workspace in Node: the first call of a fresh process
// against the second and third (each into a new Workspace), and the wasm memory after each.
// Medians over several fresh processes (the first call is only first once per process).
//
// Run: `make build && node bench/import-data.mjs && node bench/import-node.mjs target/bench/ledger-1.1-100000.csv`
// Options: RUNS=5 (processes), API=workspace|evaluateTable (the legacy free function),
// PKG=www/pkg/core (the page's core module; default www/pkg, the whole module).
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 1 << 20;
const file = process.argv[2];
const api = process.env.API ?? "workspace";
if (!file) {
  console.error("usage: node bench/import-node.mjs LEDGER.csv|xlsx");
  process.exit(2);
}

if (process.env.IMPORT_CHILD) {
  const pkg = process.env.PKG ?? "www/pkg";
  const bizenv = await import(new URL(`../${pkg}/bizenv.js`, import.meta.url));
  const wasm = fileURLToPath(new URL(`../${pkg}/bizenv_bg.wasm`, import.meta.url));
  const exports = bizenv.initSync({ module: readFileSync(wasm) });
  const bytes = new Uint8Array(readFileSync(file));
  const indicator = file.includes("power") ? "3.4" : "1.1";
  const calls = [];
  for (let call = 0; call < 3; call++) {
    const t = performance.now();
    let rows;
    if (api === "evaluateTable") {
      rows = bizenv.evaluateTable(indicator, bytes, basename(file), { lang: "zh" }).counts?.rowsIn;
    } else {
      const ws = new bizenv.Workspace();
      rows = ws.importTable(bytes, basename(file), { indicator }).counts.rowsIn;
      ws.free();
    }
    calls.push({ ms: performance.now() - t, rows, memory: exports.memory.buffer.byteLength });
  }
  process.stdout.write(JSON.stringify(calls));
  process.exit(0);
}

const runs = Number(process.env.RUNS ?? 5);
const results = [];
for (let i = 0; i < runs; i++) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), file], { env: { ...process.env, IMPORT_CHILD: "1" }, maxBuffer: 1 << 20 });
  results.push(JSON.parse(out));
}
const size = statSync(file).size;
const [first, second, third] = [0, 1, 2].map((c) => median(results.map((r) => r[c].ms)));
const memory = [0, 1, 2].map((c) => median(results.map((r) => r[c].memory)));
console.log(
  `${file} (${(size / 1e6).toFixed(1)} MB, ${results[0][0].rows} rows), ${api}, ${process.env.PKG ?? "www/pkg"}, Node ${process.version}, median of ${runs} processes:\n` +
    `  first call ${first.toFixed(0)} ms, second ${second.toFixed(0)} ms, third ${third.toFixed(0)} ms; first/second ${(first / second).toFixed(2)}\n` +
    `  wasm memory after each: ${memory.map((m) => (m / MB).toFixed(0)).join(" / ")} MiB = ${(memory[0] / size).toFixed(1)}× the file; budget 4× + 64 MiB = ${((4 * size) / MB + 64).toFixed(0)} MiB`,
);
