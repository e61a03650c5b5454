// workingDaysBulk at the boundary (typed arrays in, typed array out, every wrong argument an
// Error naming it), and against npm chinese-days, an independent implementation of the same
// official calendar, on seeded intervals (skipped when chinese-days is not installed).
//
// Convention: bizenv counts a date-only interval the evaluator's way (the start day is not
// counted, the end day is); chinese-days' getWorkdaysInRange(a, b, true) includes both ends, so
// it is given (start + 1 day, end).

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import { loadCore } from "./core.mjs";

const DAY_MS = 86_400_000;
const day = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS;
const iso = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);

test("workingDaysBulk counts date-only intervals as workingTime does", async () => {
  const { core } = await loadCore();
  const starts = new Int32Array([day(2023, 9, 28), day(2024, 2, 3), day(2023, 12, 29), day(2023, 7, 14), day(2023, 7, 14)]);
  const ends = new Int32Array([day(2023, 10, 9), day(2024, 2, 18), day(2024, 1, 2), day(2023, 7, 14), day(2023, 7, 17)]);
  const counts = core.workingDaysBulk(starts, ends);
  assert.ok(counts instanceof Int32Array);
  // Oct 7, 8 (make-up), 9 | Feb 4 (make-up Sunday), 5–9, 18 (make-up Sunday) | Jan 2 (Jan 1 off) | none | Mon 17.
  assert.deepEqual([...counts], [3, 7, 1, 0, 1]);
  for (let i = 0; i < starts.length; i++) {
    assert.equal(core.workingTime(iso(starts[i]), iso(ends[i])).workingDays, counts[i], `interval ${i}`);
  }
  // A user day off on Oct 9 takes one away.
  assert.deepEqual([...core.workingDaysBulk(starts.slice(0, 1), ends.slice(0, 1), { holidays: ["2023-10-09"] })], [2]);
  assert.deepEqual([...core.workingDaysBulk(new Int32Array(0), new Int32Array(0))], []);
});

test("workingDaysBulk names the wrong argument", async () => {
  const { core } = await loadCore();
  const fails = (call, kind, field, index = null) => {
    try {
      call();
    } catch (error) {
      assert.ok(error instanceof Error);
      assert.equal(error.kind, kind, error.message);
      assert.equal(error.field, field, error.message);
      assert.equal(error.index, index, error.message);
      return error.message;
    }
    assert.fail("no error");
  };
  fails(() => core.workingDaysBulk([19628], new Int32Array([19639])), "argument", "starts");
  fails(() => core.workingDaysBulk(new Int32Array([19628]), new Float64Array([19639])), "argument", "ends");
  fails(() => core.workingDaysBulk(new Int32Array([1, 2]), new Int32Array([3])), "argument", "ends");
  const message = fails(() => core.workingDaysBulk(new Int32Array([5, 10]), new Int32Array([6, 9])), "end_before_start", "ends", 1);
  assert.match(message, /第 2 个区间/);
  fails(() => core.workingDaysBulk(new Int32Array([0, 2 ** 31 - 1]), new Int32Array([1, 2 ** 31 - 1])), "range", "starts", 1);
  fails(() => core.workingDaysBulk(new Int32Array([1]), new Int32Array([2]), "options"), "argument", "options");
});

let chineseDays = null;
try {
  chineseDays = createRequire(import.meta.url)("chinese-days");
} catch {
  // Not installed: the comparison below is skipped.
}

test("workingDaysBulk agrees with npm chinese-days on 3 000 seeded intervals, 2019–2026", { skip: chineseDays ? false : "chinese-days is not installed (npm ci)" }, async () => {
  const { core } = await loadCore();
  let seed = 20231229;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = 3000;
  const [first, last] = [day(2019, 1, 1), day(2026, 12, 31)];
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const length = 1 + Math.floor(random() * 120);
    starts[i] = first + Math.floor(random() * (last - length - first + 1));
    ends[i] = starts[i] + length;
  }
  const counts = core.workingDaysBulk(starts, ends);
  const differ = [];
  for (let i = 0; i < n; i++) {
    const theirs = chineseDays.getWorkdaysInRange(iso(starts[i] + 1), iso(ends[i]), true).length;
    if (theirs !== counts[i]) differ.push(`${iso(starts[i])}..${iso(ends[i])}: bizenv ${counts[i]}, chinese-days ${theirs}`);
  }
  assert.deepEqual(differ.slice(0, 5), []);
});
