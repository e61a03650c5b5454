// A trap in the middle of work (an `unreachable`, as a bug or an exhausted memory would cause)
// must leave the module working: no state borrowed or poisoned, every function answering. The
// trap-test build (`make trap-pkg`: the `trap-test` feature) has a hidden export that traps
// while holding the default calculator, and `Calculator` and `Workspace` methods that do the same.

import assert from "node:assert/strict";
import { test } from "node:test";

import { assertHealthy, loadCore } from "./core.mjs";

test("after a trap inside work, every function still answers, a Calculator still works, a lost Workspace throws and a new one works", async () => {
  const { core } = await loadCore("target/trap-pkg");
  assertHealthy(core);
  assert.throws(() => core.__trapInsideWork(), WebAssembly.RuntimeError);
  assertHealthy(core);
  const calc = new core.Calculator();
  assert.throws(() => calc.__trapInsideWork(), WebAssembly.RuntimeError);
  assert.equal(calc.evaluate("1.1", [{ id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }]).cases[0].value, 0.4);
  assert.equal(calc.loadCatalog(JSON.stringify(calc.catalog())).indicators.length, core.catalog().indicators.length);
  // A trap inside a Workspace method: that handle is lost — its later calls throw an Error (never
  // trap again) — and the module, the free functions and a new Workspace all work.
  const ws = new core.Workspace();
  ws.putCase("1.1", null, { id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" });
  assert.throws(() => ws.__trapInsideWork(), WebAssembly.RuntimeError);
  assert.throws(() => ws.dashboard(), (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError));
  assertHealthy(core);
  const fresh = new core.Workspace();
  assert.equal(fresh.putCase("1.1", null, { id: "B", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }).row.met, true);
  // Twice more, to be sure nothing accumulates.
  for (let i = 0; i < 2; i++) {
    assert.throws(() => core.__trapInsideWork(), WebAssembly.RuntimeError);
    assertHealthy(core);
  }
});
