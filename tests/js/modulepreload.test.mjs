// www/index.html preloads every module main.js imports statically (scripts/modulepreload.mjs),
// so that the served page asks for them all at once rather than level by level. A module added,
// renamed or no longer imported must show here, or the page would be back to discovering it
// late (or would fetch one it does not use).
// Run: node --test tests/js/

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { INDEX, preloadedIn, preloadTag, staticImports } from "../../scripts/modulepreload.mjs";

test("index.html preloads exactly the modules main.js imports, however deep; `node scripts/modulepreload.mjs --write` rewrites them", async () => {
  const graph = await staticImports();
  const listed = preloadedIn(readFileSync(INDEX, "utf8"));
  assert.deepEqual(listed, graph.map(preloadTag));
});

test("the graph: direct and deep imports, the core's glue and the JSON dictionaries, each once, main.js itself not", async () => {
  const graph = await staticImports();
  // main.js imports these itself.
  assert.ok(graph.includes("js/core/api.js"));
  assert.ok(graph.includes("js/views/dashboard/dashboard.js"));
  // Deeper: api.js → the core module's wasm-bindgen glue; i18n.js → the dictionaries; case-pager.js → timeline.js.
  assert.ok(graph.includes("pkg/core/bizenv.js"));
  // The ledger module is imported when a file needs it (dynamic import, in the worker): not preloaded.
  assert.ok(!graph.includes("pkg/ledger/bizenv.js") && !graph.includes("pkg/bizenv.js"));
  assert.ok(graph.includes("i18n/zh.json"));
  assert.ok(graph.includes("js/widgets/timeline.js"));
  // The worker's own module is started by URL, not imported: the page does not preload it.
  assert.ok(!graph.includes("js/core/workspace-worker.js"));
  assert.ok(!graph.includes("js/main.js"));
  assert.equal(new Set(graph).size, graph.length);
});

test("a JSON module is preloaded as JSON, a script as a script", () => {
  assert.equal(preloadTag("i18n/en.json"), '<link rel="modulepreload" href="i18n/en.json" as="json">');
  assert.equal(preloadTag("js/lib/dom.js"), '<link rel="modulepreload" href="js/lib/dom.js">');
});
