// The calculation core for the Node tests of tests/js/: the release build of `make build`
// (www/pkg), or the trap-test build (target/trap-pkg, `make trap-pkg`), initialised once.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Loads the glue in `dir` (relative to the repository) and returns { core, exports }. */
export async function loadCore(dir = "www/pkg") {
  for (const file of ["bizenv.js", "bizenv_bg.wasm"]) {
    assert.ok(existsSync(join(ROOT, dir, file)), `${dir}/${file} is missing: run \`make build\` (or \`make trap-pkg\`) first`);
  }
  const core = await import(join(ROOT, dir, "bizenv.js"));
  const exports = core.initSync({ module: readFileSync(join(ROOT, dir, "bizenv_bg.wasm")) });
  return { core, exports };
}

/**
 * Every exported function answers a known-good call with the answer worked out by hand
 * (2023-09-28 → 2023-10-09 spans National Day: 3 working days, 11 calendar days; see
 * tests/wasm_api.rs for the calendar facts). Throws on the first that does not.
 */
export function assertHealthy(core) {
  const checks = {
    workingTime: () => assert.equal(core.workingTime("2023-09-28", "2023-10-09").workingDays, 3),
    addWorkingDays: () => assert.equal(core.addWorkingDays("2023-09-28", 3), "2023-10-09T18:00"),
    deadline: () => assert.equal(core.deadline("2023-09-28", 3).deadline, "2023-10-09T18:00"),
    calendarDays: () => assert.equal(core.calendarDays("2023-09-28", "2023-10-09"), 11),
    // Unix days 19 628 = 2023-09-28 and 19 639 = 2023-10-09: the same 3 working days.
    workingDaysBulk: () => assert.deepEqual([...core.workingDaysBulk(new Int32Array([19628]), new Int32Array([19639]))], [3]),
    dayInfo: () => assert.equal(core.dayInfo("2023-10-07").kind, "makeup_workday"),
    monthInfo: () => assert.equal(core.monthInfo(2023, 10).firstWeekday, 7),
    calendarCoverage: () => assert.deepEqual(core.calendarCoverage(), { firstYear: 2004, lastYear: 2026 }),
    checkCalendarCsv: () => assert.deepEqual(core.checkCalendarCsv("date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n"), { days: 1, years: [2027] }),
    checkSettings: () => assert.deepEqual(core.checkSettings({ sessions: [["9:00", "12:00"]] }).sessions, [["09:00", "12:00"]]),
    catalog: () => assert.equal(core.catalog().indicators.find((i) => i.id === "1.1").target, 0.4),
    loadCatalog: () => assert.equal(core.loadCatalog(JSON.stringify(core.catalog()), "replace").indicators.find((i) => i.id === "1.1").target, 0.4),
    sampleDataset: () => assert.ok(Array.isArray(core.sampleDataset().indicators["1.1"])),
    evaluate: () => {
      // 09:00–11:48 is 168 minutes = 0.4 working days of 7 hours: meets 1.1's target of 0.4.
      const r = core.evaluate("1.1", [{ id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }], { asOf: "2023-12-29 17:00" });
      assert.equal(r.cases[0].value, 0.4);
      assert.equal(r.summary.met, true);
    },
    evaluateAll: () => assert.equal(core.evaluateAll({ "1.1": [{ id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }] }, { asOf: "2023-12-29 17:00" }).indicators.find((i) => i.id === "1.1").met, true),
    rankCounties: () => assert.equal(core.rankCounties({ "1.1": [{ id: "A", county: "麒麟区", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }] })[0].county, "麒麟区"),
    routeCases: () => assert.deepEqual(Object.keys(core.routeCases("3.4", [{ id: "A", customerClass: "高压单电源" }])), ["3.6"]),
    caseFields: () => assert.ok(core.caseFields().some((f) => f.field === "start")),
    parseTable: () => assert.equal(core.parseTable(new TextEncoder().encode("编号,受理时间\nA,2023-07-14\n"), "a.csv").rows.length, 1),
    evaluateTable: () => assert.deepEqual(core.evaluateTable("1.1", new TextEncoder().encode("编号,受理时间,办结时间\nA,2023-07-14 09:00,2023-07-14 11:48\n"), "a.csv").counts, { rowsIn: 1, evaluated: 1, withProblems: 0, blank: 0 }),
    exportCsv: () => assert.ok(core.exportCsv(core.evaluate("1.1", [{ id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }])).startsWith("\ufeff")),
    exportXlsx: () => assert.deepEqual([...core.exportXlsx(core.evaluate("1.1", [])).slice(0, 2)], [0x50, 0x4b]),
    saveProject: () => assert.equal(core.saveProject({ dataset: {} }), '{"schema":"bizenv-project","version":1,"dataset":{}}'),
    loadProject: () => assert.deepEqual(core.loadProject('{"schema":"bizenv-project","version":1}'), { schema: "bizenv-project", version: 1 }),
    chartSvg: () => assert.ok(core.chartSvg("distribution", core.evaluate("1.1", [])).startsWith("<svg")),
    Calculator: () => assert.equal(new core.Calculator().evaluate("1.1", [{ id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }]).cases[0].value, 0.4),
    Workspace: () => {
      // A fresh workspace keeps a case and shows it: 0.4 working days, met; "0.40" for display.
      const ws = new core.Workspace();
      try {
        const put = ws.putCase("1.1", null, { id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" });
        assert.equal(put.row.met, true);
        const page = ws.cases("1.1", { limit: 5 });
        assert.equal(page.rows[0].cells[page.columns.findIndex((c) => c.id === "value")].t, "0.40");
        assert.equal(ws.dashboard().indicators.find((i) => i.id === "1.1").met, true);
        // 42 indicators aggregated once each, 1.1 once more with its case; the case evaluated once.
        assert.deepEqual(ws.stats(), { casesEvaluated: 1, aggregations: 43, rescorings: 0, rankings: 1 });
      } finally {
        ws.free();
      }
    },
  };
  for (const [name, check] of Object.entries(checks)) {
    try {
      check();
    } catch (error) {
      throw new Error(`${name} no longer answers as it should: ${error?.message ?? error}`, { cause: error });
    }
  }
  return Object.keys(checks).length;
}
