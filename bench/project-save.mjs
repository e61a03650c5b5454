// saveProject / loadProject of 100 000 six-step cases through the JS API (make build first):
//   node bench/project-save.mjs [cases]
// Prints the median of 5 runs of each, after one warm-up run.

import { readFileSync } from "node:fs";
import * as core from "../www/pkg/bizenv.js";

core.initSync({ module: readFileSync(new URL("../www/pkg/bizenv_bg.wasm", import.meta.url)) });
const n = Number(process.argv[2] ?? 100_000);
const step = (i, k) => ({ name: `环节${k + 1}`, start: `2023-07-${String(3 + (i % 20)).padStart(2, "0")} 09:00`, end: `2023-07-${String(4 + (i % 20)).padStart(2, "0")} 17:00`, stops: [[`2023-07-${String(3 + (i % 20)).padStart(2, "0")} 10:00`, `2023-07-${String(3 + (i % 20)).padStart(2, "0")} 11:00`]] });
const cases = Array.from({ length: n }, (_, i) => ({ id: `C${i}`, county: "麒麟区", name: `项目${i}`, start: "2023-07-03 09:00", end: "2023-08-11 17:00", steps: Array.from({ length: 6 }, (_, k) => step(i, k)) }));
const project = { dataset: { "2.1": cases }, asOf: "2023-12-29 17:00", settings: { sessions: [["09:00", "12:00"], ["14:00", "18:00"]], hoursPerDay: null, recoveryMethod: "pooled", calendarCsv: [], holidays: [], workdays: [] }, sources: [] };

function median(f) {
  f();
  const times = [];
  let out;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [times[2], out];
}

const [save, text] = median(() => core.saveProject(JSON.stringify(project)));
const [load] = median(() => core.loadProject(text));
console.log(`${n} six-step cases, project file ${(text.length / 2 ** 20).toFixed(1)} MB: saveProject (JSON.stringify + core) ${save.toFixed(0)} ms, loadProject ${load.toFixed(0)} ms (medians of 5)`);
