// Side by side: bizenv (natively and through wasm in Node), npm chinese-days and PyPI
// chinesecalendar, on the same seeded date-only intervals, agreement checked interval by interval.
//
//   node bench/calendar.mjs generate [N]    writes N intervals (default 1 000 000) to target/bench/
//   node bench/calendar.mjs compare [--quick]
//                                           times bizenv's wasm build (www/pkg, `make build`) and
//                                           chinese-days, reads what benches/calendar_bulk.rs and
//                                           bench/calendar_chinesecalendar.py wrote, checks every
//                                           count, prints the table and writes target/bench/calendar.md
//
// `make bench-calendar` runs the whole sequence. The intervals: start day uniform in 2019-01-01 ..
// 2026-12-31 less the length, length 1..120 days uniform, from a fixed seed (mulberry32).
//
// Conventions, compared like with like: bizenv counts a date-only interval the evaluator's way (a
// date-only start is the end of that day: working days after the start day, up to and including
// the end day). chinese-days' getWorkdaysInRange(a, b, true) and chinesecalendar's
// get_workdays(a, b, include_weekends=True) list the working days of [a, b], both ends included
// (true/True: make-up working weekends are included). So the libraries get (start + 1 day, end).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import os from "node:os";

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const dir = root("target/bench");
const DAY_MS = 86_400_000;

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n) {
  const random = mulberry32(20231229);
  const first = Date.UTC(2019, 0, 1) / DAY_MS;
  const last = Date.UTC(2026, 11, 31) / DAY_MS;
  const words = new Int32Array(1 + 2 * n);
  words[0] = n;
  for (let i = 0; i < n; i++) {
    const length = 1 + Math.floor(random() * 120);
    const start = first + Math.floor(random() * (last - length - first + 1));
    words[1 + i] = start;
    words[1 + n + i] = start + length;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/intervals.i32`, words);
  console.log(`intervals: ${n} written to target/bench/intervals.i32`);
}

function readIntervals() {
  const bytes = readFileSync(`${dir}/intervals.i32`);
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const n = words[0];
  return { n, starts: words.slice(1, 1 + n), ends: words.slice(1 + n, 1 + 2 * n) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const iso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Checks `counts` (for the first counts.length intervals) against bizenv's; the first disagreements. */
function agreement(name, counts, reference, starts, ends) {
  const bad = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] !== reference[i]) bad.push(i);
  }
  const shown = bad.slice(0, 5).map((i) => `#${i} ${iso(starts[i])}..${iso(ends[i])}: bizenv ${reference[i]}, ${name} ${counts[i]}`);
  return { checked: counts.length, disagree: bad.length, shown };
}

async function compare(quick) {
  const { n, starts, ends } = readIntervals();
  const runs = quick ? 3 : 7;
  const rows = [];

  // bizenv through wasm, in this Node process.
  const bizenv = await import("../www/pkg/bizenv.js");
  bizenv.initSync({ module: readFileSync(root("www/pkg/bizenv_bg.wasm")) });
  let wasmCounts;
  const wasmNs = median(Array.from({ length: runs }, () => {
    const t = performance.now();
    wasmCounts = bizenv.workingDaysBulk(starts, ends);
    return ((performance.now() - t) * 1e6) / n;
  }));
  const wasmBytes = readFileSync(root("www/pkg/bizenv_bg.wasm")).length;

  // bizenv natively (benches/calendar_bulk.rs).
  let native = null;
  if (existsSync(`${dir}/native.json`) && existsSync(`${dir}/native-counts.i32`)) {
    native = JSON.parse(readFileSync(`${dir}/native.json`, "utf8"));
    const bytes = readFileSync(`${dir}/native-counts.i32`);
    const counts = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    native.agree = native.intervals === n ? agreement("native", counts, wasmCounts, starts, ends) : null;
  }

  rows.push({ name: "bizenv wasm `workingDaysBulk` (Node " + process.versions.node + ")", timed: n, ns: wasmNs, agree: null });
  if (native) {
    rows.push({ name: "bizenv native `working_days_bulk`", timed: native.intervals, ns: native.bulkNsPerInterval, agree: native.agree });
  }

  // npm chinese-days, on a sample (about 100 µs an interval).
  let chineseDays = null;
  try {
    chineseDays = (await import("chinese-days")).default;
  } catch {
    console.log("chinese-days: not installed (npm ci), skipped");
  }
  if (chineseDays) {
    const sample = Math.min(n, quick ? 2_000 : 20_000);
    const from = Array.from({ length: sample }, (_, i) => iso(starts[i] + 1));
    const to = Array.from({ length: sample }, (_, i) => iso(ends[i]));
    let counts;
    const ns = median(Array.from({ length: quick ? 1 : 3 }, () => {
      const t = performance.now();
      counts = from.map((a, i) => chineseDays.getWorkdaysInRange(a, to[i], true).length);
      return ((performance.now() - t) * 1e6) / sample;
    }));
    const version = JSON.parse(readFileSync(root("node_modules/chinese-days/package.json"), "utf8")).version;
    rows.push({ name: `npm chinese-days ${version} \`getWorkdaysInRange(a, b, true)\``, timed: sample, ns, agree: agreement("chinese-days", counts, wasmCounts, starts, ends) });
  }

  // PyPI chinesecalendar (bench/calendar_chinesecalendar.py).
  if (existsSync(`${dir}/chinesecalendar.json`)) {
    const py = JSON.parse(readFileSync(`${dir}/chinesecalendar.json`, "utf8"));
    rows.push({ name: `PyPI chinesecalendar ${py.version} \`get_workdays(a, b)\` (Python ${py.python})`, timed: py.sample, ns: py.usPerInterval * 1000, agree: agreement("chinesecalendar", py.counts, wasmCounts, starts, ends) });
  } else {
    console.log("chinesecalendar: no target/bench/chinesecalendar.json, skipped");
  }

  const fmt = (ns) => (ns >= 10_000 ? `${(ns / 1000).toFixed(0)} µs` : ns >= 1000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(1)} ns`);
  const lines = [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), ${n.toLocaleString("en")} intervals, median of ${runs} runs for bizenv.`,
    "",
    "| library | intervals timed | per interval | × bizenv wasm | agreement with bizenv |",
    "| --- | ---: | ---: | ---: | --- |",
  ];
  for (const r of rows) {
    const agree = r.agree ? (r.agree.disagree === 0 ? `all ${r.agree.checked.toLocaleString("en")} agree` : `${r.agree.disagree} of ${r.agree.checked} differ`) : "(the reference)";
    lines.push(`| ${r.name} | ${r.timed.toLocaleString("en")} | ${fmt(r.ns)} | ${(r.ns / wasmNs).toFixed(r.ns / wasmNs < 10 ? 2 : 0)} | ${agree} |`);
  }
  if (native) {
    lines.push("", `bizenv alone, minute resolution (office hours 09:00–12:00, 14:00–18:00), one query at a time natively over ${native.minuteQueries.toLocaleString("en")} queries: ${fmt(native.minuteNsPerQuery)} per query without stops, ${fmt(native.minuteTwoStopsNsPerQuery)} with two overlapping clock stops.`);
  }
  lines.push("", `wasm module: ${(wasmBytes / 1024).toFixed(0)} KB (www/pkg/bizenv_bg.wasm).`);
  const report = lines.join("\n");
  console.log(report);
  for (const r of rows) for (const s of r.agree?.shown ?? []) console.log("  differs: " + s);
  writeFileSync(`${dir}/calendar.md`, report + "\n");
  const disagreements = rows.reduce((sum, r) => sum + (r.agree?.disagree ?? 0), 0);
  if (disagreements > 0) {
    console.error(`calendar bench: ${disagreements} disagreements`);
    process.exitCode = 1;
  }
}

const [command, arg] = process.argv.slice(2);
if (command === "generate") generate(arg ? Number(arg) : 1_000_000);
else if (command === "compare") await compare(arg === "--quick");
else {
  console.error("usage: node bench/calendar.mjs generate [N] | compare [--quick]");
  process.exitCode = 2;
}
