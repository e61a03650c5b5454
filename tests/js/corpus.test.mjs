// The bad-input corpus through the wasm build (www/pkg): the same manifest as tests/corpus.rs
// (tests/corpus/manifest.json), the same expected outcomes, through the JS API as the page calls
// it. Also measures the wasm memory left after the rejected files. Then the same again through
// the page's two modules (www/pkg/core, and www/pkg/ledger for the files the core does not read
// itself): splitting the readers off must change no outcome.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ROOT, assertHealthy, loadCore } from "./core.mjs";

const manifest = JSON.parse(readFileSync(join(ROOT, "tests/corpus/manifest.json"), "utf8"));
const GENERATED = join(ROOT, "target/corpus-generated");

function bytesOf(name) {
  const committed = join(ROOT, "tests/corpus", name);
  if (existsSync(committed)) return readFileSync(committed);
  if (!existsSync(join(GENERATED, name))) {
    execFileSync("cargo", ["run", "--quiet", "--example", "make_corpus"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  }
  return readFileSync(join(GENERATED, name));
}

/**
 * What happened to a file. With `ledger`, `core` is the page's core module (www/pkg/core) and a
 * file it does not read itself goes through the ledger module (www/pkg/ledger) first, as the
 * page's worker sends it.
 */
function outcome(core, name, entry, ledger = null) {
  const options = { ...manifest.defaults.options, ...(entry.options ?? {}) };
  let bytes = bytesOf(name);
  try {
    if (ledger && entry.api !== "loadProject" && core.needsLedgerModule(bytes)) bytes = ledger.readLedger(bytes, name, options);
    if (entry.api === "loadProject") {
      core.loadProject(new TextDecoder().decode(bytes), { lang: "zh" });
      return { ok: true };
    }
    const r = core.evaluateTable(entry.indicator ?? manifest.defaults.indicator, bytes, name, options);
    assert.equal(r.counts.rowsIn, r.counts.evaluated + r.counts.withProblems, `${name}: rows in = evaluated + with problems`);
    return {
      ...r.counts,
      encoding: r.source.encoding,
      sheet: r.source.sheet,
      problems: r.problems.map((p) => ({ row: p.row, column: p.columnLetter, message: p.message })),
      warnings: r.source.warnings,
      met: r.cases.map((c) => c.met ?? null),
    };
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name}: the core trapped: ${error}`);
    assert.ok(error instanceof Error, `${name}: threw a non-Error ${error}`);
    return { error: { kind: error.kind ?? null, field: error.field ?? null, message: error.message } };
  }
}

function differences(expect, got) {
  const out = [];
  const lacks = (text, words = []) => words.filter((w) => !String(text ?? "").includes(w)).map((w) => `message «${String(text).slice(0, 300)}» lacks «${w}»`);
  if (expect.error) {
    if (!got.error) return [`expected an error, got ${JSON.stringify(got).slice(0, 400)}`];
    for (const key of ["kind", "field"]) {
      if (key in expect.error && expect.error[key] !== got.error[key]) out.push(`${key}: expected ${expect.error[key]}, got ${got.error[key]}`);
    }
    out.push(...lacks(got.error.message, expect.error.contains));
    if (got.error.message.length > 2000) out.push("the message is longer than 2000 characters");
    return out;
  }
  if (got.error) return [`unexpected error: ${JSON.stringify(got.error)}`];
  for (const key of ["ok", "rowsIn", "evaluated", "withProblems", "blank", "encoding", "sheet", "met"]) {
    if (key in expect && JSON.stringify(expect[key]) !== JSON.stringify(got[key])) out.push(`${key}: expected ${JSON.stringify(expect[key])}, got ${JSON.stringify(got[key])}`);
  }
  if (expect.problems) {
    if (expect.problems.length !== got.problems.length) {
      out.push(`${expect.problems.length} problems expected, got ${JSON.stringify(got.problems).slice(0, 1500)}`);
    } else {
      expect.problems.forEach((p, i) => {
        const g = got.problems[i];
        if (p.row !== g.row || ("column" in p && p.column !== g.column)) out.push(`problem at row ${p.row} column ${p.column} expected, got row ${g.row} column ${g.column}`);
        out.push(...lacks(g.message, p.contains));
      });
    }
  }
  if (expect.warnings) {
    if (expect.warnings.length !== got.warnings.length) out.push(`${expect.warnings.length} warnings expected, got ${JSON.stringify(got.warnings)}`);
    else expect.warnings.forEach((w, i) => out.push(...lacks(got.warnings[i], w)));
  }
  return out;
}

test("every corpus file has its expected outcome through wasm, and the core stays healthy and small", async () => {
  const { core, exports } = await loadCore();
  const failures = [];
  for (const [name, entry] of Object.entries(manifest.files)) {
    for (const d of differences(entry.expect, outcome(core, name, entry))) failures.push(`${name}: ${d}`);
  }
  assert.ok(Object.keys(manifest.files).length >= 60);
  assert.deepEqual(failures, []);
  // Rejected files leave no gigabytes behind: the memory is what the largest accepted work
  // needed (plus the reserve set aside before bulk work, at most 512 MB).
  const mb = exports.memory.buffer.byteLength / 2 ** 20;
  console.log(`wasm memory after the corpus: ${mb.toFixed(0)} MB`);
  assert.ok(mb < 1024, `wasm memory grew to ${mb} MB`);
  assertHealthy(core);
});

test("every corpus file has the same expected outcome through the page's two modules", async () => {
  const { core } = await loadCore("www/pkg/core");
  const { core: ledger } = await loadCore("www/pkg/ledger");
  const failures = [];
  let throughLedger = 0;
  for (const [name, entry] of Object.entries(manifest.files)) {
    if (entry.api !== "loadProject" && core.needsLedgerModule(bytesOf(name))) throughLedger += 1;
    for (const d of differences(entry.expect, outcome(core, name, entry, ledger))) failures.push(`${name}: ${d}`);
  }
  assert.deepEqual(failures, []);
  // Every .xlsx and .xls of the corpus (13 + 7), its HTML tables and its non-UTF-8 texts went
  // through the ledger module; its UTF-8 CSV did not.
  assert.ok(throughLedger >= 20, `${throughLedger} files went through the ledger module`);
  assert.equal(core.workingTime("2023-09-28", "2023-10-09").workingDays, 3);
});

test("the page's core module refuses a workbook with a message that names the ledger module", async () => {
  const { core } = await loadCore("www/pkg/core");
  const xlsx = readFileSync(join(ROOT, "tests/fixtures/electricity-3.5.xlsx"));
  assert.equal(core.needsLedgerModule(xlsx), true);
  assert.equal(core.needsLedgerModule(new TextEncoder().encode("编号,受理时间\nA,2023-07-14\n")), false);
  assert.throws(() => core.parseTable(xlsx, "electricity-3.5.xlsx", { lang: "en" }), (e) => e.kind === "argument" && e.field === "bytes" && /needs the ledger module/.test(e.message));
  const ws = new core.Workspace();
  assert.throws(() => ws.export("dashboard", "xlsx"), (e) => e.kind === "argument" && /台账读写模块/.test(e.message));
  // CSV it writes itself.
  assert.match(new TextDecoder("utf-8", { ignoreBOM: true }).decode(ws.export("dashboard", "csv")), /^\uFEFF指标编号,/);
});
