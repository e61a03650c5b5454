#!/usr/bin/env node
// The `<link rel="modulepreload">` list of www/index.html: every module that www/js/main.js
// imports statically, directly or not (dynamic import() left out: those load when first used).
//
// Why: served, the browser learns of a module only once the one importing it has arrived and
// been parsed, so the page's ~40 modules came in level by level (a round trip per level: about
// 0.8 s of 1.7 s before main.js could start; BENCHMARKS.md "Startup"). With the whole list in the
// HTML, they are all requested at once while the document is parsed.
//
//   node scripts/modulepreload.mjs            prints the links
//   node scripts/modulepreload.mjs --check    fails if index.html's links differ (tests/js does this too)
//   node scripts/modulepreload.mjs --write    rewrites them in index.html
//
// The graph comes from esbuild (a pinned devDependency), which parses the imports exactly;
// www/pkg/ (the core's wasm-bindgen glue, built by `make build`) is listed without being read, so
// this needs no build.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const WWW = join(ROOT, "www");
export const INDEX = join(WWW, "index.html");
const ENTRY = join(WWW, "js", "main.js");

/** The modules main.js needs before it runs, as paths relative to www/, breadth first (main.js itself left out). */
export async function staticImports(entry = ENTRY) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    logLevel: "silent",
    absWorkingDir: WWW,
    plugins: [
      {
        name: "pkg-unread",
        setup(build) {
          // The glue may not be built yet; it imports nothing itself.
          build.onResolve({ filter: /(^|\/)pkg\// }, (a) => ({ path: resolve(a.resolveDir, a.path), external: true }));
        },
      },
    ],
  });
  const inputs = result.metafile.inputs;
  const order = [];
  const seen = new Set([relative(WWW, entry)]);
  const queue = [relative(WWW, entry)];
  while (queue.length) {
    const at = queue.shift();
    for (const edge of inputs[at]?.imports ?? []) {
      if (edge.kind !== "import-statement") continue;
      // Externals keep the absolute path given by the plugin; the rest are relative to www/ already.
      const path = edge.external ? relative(WWW, edge.path) : edge.path;
      if (seen.has(path)) continue;
      seen.add(path);
      order.push(path);
      if (!edge.external) queue.push(path);
    }
  }
  return order;
}

/** index.html's `<link rel="modulepreload">` tags, as written, in their order. */
export function preloadedIn(html) {
  return [...html.matchAll(/<link\s+rel="modulepreload"[^>]*>/g)].map((m) => m[0]);
}

/**
 * The tag for one module. A JSON module needs as="json": without it the browser preloads it as
 * a script, refuses it for its MIME type (a console error) and fetches it again when imported.
 */
export function preloadTag(path) {
  return `<link rel="modulepreload" href="${path}"${path.endsWith(".json") ? ' as="json"' : ""}>`;
}

/** The lines to put in index.html's head (indented as its other links). */
export function preloadLines(paths) {
  return paths.map((p) => `  ${preloadTag(p)}`).join("\n");
}

const BEGIN = "  <!-- modulepreload: begin";
const END = "  <!-- modulepreload: end -->";

/** index.html with its block of links replaced by `paths`. */
export function withPreloads(html, paths) {
  const from = html.indexOf(BEGIN);
  const to = html.indexOf(END);
  if (from < 0 || to < from) throw new Error("index.html has no <!-- modulepreload: begin … end --> block");
  // The block's opening comment runs over several lines: the links start after its "-->".
  const head = html.slice(0, html.indexOf("\n", html.indexOf("-->", from)) + 1);
  return head + preloadLines(paths) + "\n" + html.slice(to);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const paths = await staticImports();
  const mode = process.argv[2] ?? "";
  const html = readFileSync(INDEX, "utf8");
  if (mode === "--write") {
    writeFileSync(INDEX, withPreloads(html, paths));
    console.log(`www/index.html: ${paths.length} modulepreload links`);
  } else if (mode === "--check") {
    const listed = preloadedIn(html);
    if (listed.join("\n") !== paths.map(preloadTag).join("\n")) {
      console.error("www/index.html's modulepreload links are not main.js's static imports: run `node scripts/modulepreload.mjs --write`");
      process.exit(1);
    }
    console.log(`www/index.html: ${paths.length} modulepreload links, all current`);
  } else {
    console.log(preloadLines(paths));
  }
}
