// Generates the ledgers the import benchmarks read, deterministically (same bytes every run):
//   target/bench/ledger-1.1-N.csv    a 1.1 ledger: 办件编号, 所属县区, 受理时间, 办结时间
//   target/bench/ledger-power-N.csv  a mixed power ledger (3.4–3.7 by 客户类别, some clock stops)
// Run: `node bench/import-data.mjs [N ...]` (default 100000 1000000).
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const out = fileURLToPath(new URL("../target/bench/", import.meta.url));
mkdirSync(out, { recursive: true });

const counties = ["麒麟区", "沾益区", "马龙区", "宣威市", "富源县", "罗平县", "师宗县", "陆良县", "会泽县", "曲靖经开区"];
const classes = ["居民客户", "低压非居民客户", "高压单电源客户", "高压双电源客户"];

/** A small deterministic generator (LCG), so that every run writes the same file. */
function random(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n; // the high bits: the low ones of an LCG repeat with a short period
  };
}

const pad = (n, w = 2) => String(n).padStart(w, "0");
const DAY = 86400000;
const YEAR_START = Date.UTC(2023, 0, 3);
/** A wall-clock time `minutes` after 2023-01-03 00:00, as `YYYY-MM-DD HH:MM`. */
function stamp(minutes) {
  const d = new Date(YEAR_START + minutes * 60000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Start in office hours on some day of 2023, end a few minutes to a few days later. */
function span(rnd, maxMinutes) {
  const day = rnd(350);
  const start = day * 1440 + 9 * 60 + rnd(8 * 60);
  return [start, start + 5 + rnd(maxMinutes)];
}

function ledger11(rows) {
  const rnd = random(11);
  const parts = ["办件编号,所属县区,受理时间,办结时间\n"];
  for (let i = 0; i < rows; i++) {
    const [s, e] = span(rnd, rnd(10) < 8 ? 300 : 4000);
    parts.push(`QJ2023-${pad(i, 7)},${counties[rnd(counties.length)]},${stamp(s)},${stamp(e)}\n`);
  }
  return parts.join("");
}

function ledgerPower(rows) {
  const rnd = random(34);
  const parts = ["工单编号,所属县区,客户类别,受理时间,装表接电时间,停止计时开始,停止计时结束\n"];
  for (let i = 0; i < rows; i++) {
    const cls = rnd(classes.length);
    const [s, e] = span(rnd, [3000, 9000, 60000, 90000][cls]);
    let stop = ",";
    if (rnd(5) === 0 && e - s > 600) {
      const a = s + 60 + rnd(Math.floor((e - s) / 3));
      stop = `${stamp(a)},${stamp(a + 30 + rnd(600))}`;
    }
    parts.push(`GD${pad(i, 7)},${counties[rnd(counties.length)]},${classes[cls]},${stamp(s)},${stamp(e)},${stop}\n`);
  }
  return parts.join("");
}

const sizes = process.argv.slice(2).map(Number);
for (const rows of sizes.length ? sizes : [100000, 1000000]) {
  for (const [name, make] of [["1.1", ledger11], ["power", ledgerPower]]) {
    const file = `${out}ledger-${name}-${rows}.csv`;
    if (existsSync(file)) continue;
    const text = make(rows);
    writeFileSync(file, text);
    console.log(`${file}: ${rows} rows, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`);
  }
}
