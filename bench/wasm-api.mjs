// Cost of the JS API as a page sees it (wasm in Node), medians of repeated runs.
// Run: `make build && node bench/wasm-api.mjs` (or `make bench`).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as bizenv from "../www/pkg/bizenv.js";

const pkg = (name) => fileURLToPath(new URL(`../www/pkg/${name}`, import.meta.url));
bizenv.initSync({ module: readFileSync(pkg("bizenv_bg.wasm")) });

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median of `runs` timings; `first` also keeps the first run, which pays for growing memory. */
function time(runs, fn, first = null) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  if (first) first.value = samples[0];
  return median(samples);
}

const perCall = (n, fn) => (time(15, () => { for (let i = 0; i < n; i++) fn(i); }) / n) * 1000;

console.log("per call (µs, median of 15 batches):");
console.log(`  workingTime 1 day      ${perCall(2000, () => bizenv.workingTime("2023-07-14 09:30", "2023-07-15 10:00")).toFixed(1)}`);
console.log(`  workingTime 10 years   ${perCall(2000, () => bizenv.workingTime("2013-07-14 09:30", "2023-07-15 10:00")).toFixed(1)}`);
console.log(`  addWorkingDays 50      ${perCall(2000, () => bizenv.addWorkingDays("2023-07-14 09:30", 50)).toFixed(1)}`);
console.log(`  dayInfo                ${perCall(2000, () => bizenv.dayInfo("2023-10-01")).toFixed(1)}`);

function ledger(rows) {
  let csv = "编号,受理时间,办结时间,所属县区\n";
  for (let i = 0; i < rows; i++) {
    csv += `C${i},2023-07-${10 + (i % 15)} 09:${String(i % 60).padStart(2, "0")},2023-07-${11 + (i % 15)} 10:00,麒麟区\n`;
  }
  return new TextEncoder().encode(csv);
}

console.log("ledgers (ms, median of 3 runs; first run in brackets):");
for (const rows of [1000, 10000, 100000]) {
  const bytes = ledger(rows);
  let report;
  const [f1, f2, f3] = [{}, {}, {}];
  const evaluate = time(3, () => { report = bizenv.evaluateTable("1.1", bytes, "ledger.csv", { lang: "zh" }); }, f1);
  const text = JSON.stringify(report);
  const csv = time(3, () => bizenv.exportCsv(text, { lang: "zh" }), f2);
  const xlsx = time(3, () => bizenv.exportXlsx(text, { lang: "zh" }), f3);
  const cell = (m, f) => `${m.toFixed(0)} [${f.value.toFixed(0)}]`;
  console.log(`  ${String(rows).padStart(6)} rows: evaluateTable ${cell(evaluate, f1)}, exportCsv ${cell(csv, f2)}, exportXlsx ${cell(xlsx, f3)}`);
}
const sample = bizenv.sampleDataset();
console.log(`evaluateAll(sample dataset, ${Object.values(sample.indicators).flat().length} cases): ${time(15, () => bizenv.evaluateAll(sample)).toFixed(1)} ms`);
