// A fuzzer of the exported JS API: random and adversarial arguments (wrong types, array-likes
// with bad lengths, huge strings, NaN, nested garbage, getters that throw, cycles) to every
// export, seeded and reproducible (FUZZ_SEED, FUZZ_CALLS). No call may trap
// (`WebAssembly.RuntimeError`); every thrown thing is an `Error`; and at the end every function
// still answers a known-good call with the known answer.

import assert from "node:assert/strict";
import { test } from "node:test";

import { assertHealthy, loadCore } from "./core.mjs";

const SEED = Number(process.env.FUZZ_SEED ?? 20231231);
const CALLS = Number(process.env.FUZZ_CALLS ?? 6000);

/** mulberry32: a small seeded generator, so that a failure can be replayed from its seed. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON text of a generated value, or "" when it has none (a BigInt, a cycle, a throwing getter). */
function json(v) {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
}

function fuzzer(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const dates = ["2023-07-14 09:30", "2023-09-28", "2023年7月14日 9:30", "45121.5", "2023-13-01", "9999-12-31", "0000-00-00", "", " ", "garbage", "2023-07-14T09:30:00Z", "２０２３-07-14"];
  const keys = ["sessions", "hoursPerDay", "asOf", "lang", "stops", "holidays", "workdays", "calendarCsv", "limits", "sheet", "headerRow", "mapping", "recoveryMethod", "frontierMode", "frontiers", "indicators", "dataset", "settings", "schema", "version", "rows", "columns", "fileBytes", "cellChars", "zipRatio", "unzippedBytes", "start", "end", "id", "county", "cases", "summary", "source", "counts", "__proto__", "constructor", "toJSON", "length", "0"];
  const numbers = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 1.5e308, 5e-324, 45121.375, 36500, 36501, 1e9, 24, 25, 13, 9999, 10000];
  const text = () => {
    switch (int(8)) {
      case 0: return pick(dates);
      case 1: return String.fromCharCode(...Array.from({ length: int(40) }, () => int(0x3000)));
      case 2: return json(value(3));
      case 3: return pick(["{", "[", "]", "null", "true", '{"schema":"bizenv-project","version":1}', "date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,x\n", "\uD800", "\u0000", "replace", "extend", "distribution", "counties", "trend", "zh", "en", "1.1", "3.5", "99.9"]);
      case 4: return "x".repeat(int(3) === 0 ? 2_000_000 + int(1000) : int(5000));
      case 5: return "编号,受理时间,办结时间\n" + Array.from({ length: int(20) }, () => `${int(99)},${pick(dates)},${pick(dates)}`).join(pick(["\n", "\r", "\r\n"]));
      case 6: return pick(["2023-07-14 09:00", "09:00", "25:00", "24:00", "00:00"]);
      default: return "";
    }
  };
  const bytes = () => {
    const heads = [[], [0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0x3c, 0x74, 0x61, 0x62, 0x6c, 0x65, 0x3e]];
    const out = [...pick(heads)];
    const n = int(4) === 0 ? int(200_000) : int(300);
    for (let i = 0; i < n; i++) out.push(int(256));
    const array = new Uint8Array(out);
    return pick([array, array.buffer, new Uint16Array(array.buffer.slice(0, array.length & ~1)), new DataView(array.buffer), Buffer.from(array), new TextEncoder().encode(text())]);
  };
  const arrayLike = () => pick([{ length: -1 }, { length: 2 ** 31 }, { length: 1.5e9 }, { length: NaN }, { length: "3", 0: 1 }, { length: 3, 0: 80, 1: 75 }, { byteLength: 10 }, { buffer: new ArrayBuffer(8) }]);
  const hostile = () => {
    switch (int(9)) {
      case 0: { const o = {}; o.self = o; return o; }
      case 1: return { toJSON() { throw new Error("toJSON says no"); } };
      case 2: return Object.defineProperty({}, "sessions", { enumerable: true, get() { throw new RangeError("getter says no"); } });
      case 3: return new Proxy({}, { get() { throw new Error("proxy says no"); }, ownKeys() { throw new Error("proxy keys"); } });
      case 4: { let a = []; for (let i = 0; i < 20_000; i++) a = [a]; return a; }
      case 5: return 10n ** 30n;
      case 6: return Symbol("s");
      case 7: return () => 1;
      default: return new Map([[1, 2]]);
    }
  };
  function value(depth = 0) {
    switch (int(depth > 3 ? 4 : 9)) {
      case 0: return pick([undefined, null, true, false]);
      case 1: return pick(numbers);
      case 2: return text();
      case 3: return random() * 1e6 - 5e5;
      case 4: return Array.from({ length: int(6) }, () => value(depth + 1));
      case 5: return Object.fromEntries(Array.from({ length: int(6) }, () => [pick(keys), value(depth + 1)]));
      case 6: return arrayLike();
      case 7: return int(3) === 0 ? hostile() : bytes();
      default: return [pick(dates), pick(dates)];
    }
  }
  return { int, pick, value, bytes, text };
}

function describe(v) {
  if (typeof v === "string") return `string(${v.length}) ${JSON.stringify(v.slice(0, 40))}`;
  if (typeof v === "bigint" || typeof v === "symbol" || typeof v === "function") return typeof v;
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `${v.constructor.name}(${v.byteLength})`;
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 80);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

test(`${CALLS} fuzzed calls of the JS API (seed ${SEED}) never trap, and leave the core healthy`, async () => {
  const { core, exports } = await loadCore();
  const random = generator(SEED);
  const f = fuzzer(random);
  const calculators = [new core.Calculator()];
  const workspaces = [new core.Workspace()];
  const functions = Object.entries(core).filter(([name, fn]) => typeof fn === "function" && !["default", "initSync", "Calculator", "Workspace"].includes(name) && !name.startsWith("__"));
  const methods = ["evaluate", "evaluateAll", "rankCounties", "loadCatalog", "catalog", "free"];
  // Every method of the Workspace class but its constructor and the hidden trap.
  const wsMethods = Object.getOwnPropertyNames(core.Workspace.prototype).filter((m) => m !== "constructor" && !m.startsWith("__") && typeof core.Workspace.prototype[m] === "function");
  assert.ok(wsMethods.includes("putCase") && wsMethods.includes("importTable") && wsMethods.includes("cases"), wsMethods.join());
  const ids = ["1.1", "3.4", "3.5", "2.3", "4.1", "10.5", "99"];
  const counts = { ok: 0, error: 0 };
  for (let i = 0; i < CALLS; i++) {
    const args = Array.from({ length: f.int(5) }, () => f.value());
    let name;
    let call;
    const choice = f.int(20);
    if (choice >= 17) {
      // The workspace: often a valid indicator id first, so that the later arguments are reached.
      const ws = f.pick(workspaces);
      const method = f.pick(wsMethods);
      name = `Workspace.${method}`;
      if (["putCase", "checkCase", "deleteCase", "indicator", "cases", "case", "chart"].includes(method) && f.int(3)) args[method === "chart" ? 1 : 0] = f.pick(ids);
      if (method === "importTable" && f.int(2)) {
        args[0] = f.bytes();
        args[2] = { indicator: f.pick(ids) };
      }
      if (method === "loadSample" && f.int(4)) args.length = 0;
      call = () => ws[method](...args);
      if (method === "free") workspaces.splice(workspaces.indexOf(ws), 1, new core.Workspace());
    } else if (choice === 0) {
      name = "new Calculator";
      call = () => calculators.push(new core.Calculator(...args));
    } else if (choice === 1) {
      const calc = f.pick(calculators);
      const method = f.pick(methods);
      name = `Calculator.${method}`;
      call = () => calc[method](...args);
      if (method === "free") calculators.splice(calculators.indexOf(calc), 1, new core.Calculator());
    } else {
      const [fnName, fn] = f.pick(functions);
      name = fnName;
      // Often a valid first argument, so that the later ones are reached.
      if (["evaluateTable", "evaluate", "routeCases"].includes(fnName) && f.int(2)) args[0] = f.pick(["1.1", "3.5", "2.3"]);
      if (["parseTable"].includes(fnName) && f.int(2)) args[0] = f.bytes();
      if (fnName === "evaluateTable" && f.int(2)) args[1] = f.bytes();
      call = () => fn(...args);
    }
    try {
      call();
      counts.ok += 1;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError || !(error instanceof Error)) {
        assert.fail(`call ${i} (seed ${SEED}) ${name}(${args.map(describe).join(", ")}) ${error instanceof WebAssembly.RuntimeError ? "trapped" : "threw a non-Error"}: ${error}`);
      }
      counts.error += 1;
    }
  }
  console.log(`api fuzz: ${CALLS} calls (${counts.ok} answered, ${counts.error} refused with an Error); wasm memory ${(exports.memory.buffer.byteLength / 2 ** 20).toFixed(0)} MB`);
  // Every workspace still answers, whatever it was sent.
  for (const ws of workspaces) {
    assert.equal(typeof ws.dashboard().totals.indicators, "number");
    assert.ok(Array.isArray(ws.cases("1.1", { limit: 3 }).rows));
  }
  // Whatever loadCatalog calls did, put the built-in catalogue back before the health check.
  assertHealthy(core);
});
