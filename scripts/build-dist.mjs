#!/usr/bin/env node
// `make dist`: the whole page as ONE self-contained file, dist/bizenv.html —
// wasm, JS, CSS and the sample data (compiled into the wasm) inlined — that
// works when double-clicked (file://), with no network, in a sandboxed
// <iframe> (opaque origin), and under a strict CSP.
//
//   node scripts/build-dist.mjs [--out FILE]     (needs `make build` first)
//
// How it is made:
//   1. esbuild bundles www/js/core/workspace-worker.js (the page's working
//      set) into a classic script and www/js/main.js (the page) into one ES
//      module. In both bundles
//      www/js/core/runtime.js — where the wasm and the worker come from — is
//      swapped for scripts/dist/runtime-worker.js / runtime-page.js. The page
//      bundle gets the worker bundle as a string (started from a Blob URL)
//      and the core's wasm as gzip + base64 (unpacked by DecompressionStream,
//      compiled once, given to the core's init() and posted to the workers);
//      the worker bundle gets the ledger module's wasm the same way, unpacked
//      only when a file needs it (scripts/dist/unpack.js).
//      Every other module is the served page's own, unchanged.
//   2. www/index.html becomes the shell: its stylesheets go into one <style>,
//      the favicon becomes a data: URL, and <script src="js/main.js"> becomes
//      one inline module script. Any other reference to a file fails the
//      build rather than leaving a request in the single file.
//   3. The CSP meta is rewritten: script-src allows exactly that script by
//      its SHA-256 (no 'unsafe-inline', no 'unsafe-eval') plus
//      'wasm-unsafe-eval'; style-src exactly that <style> by its hash;
//      worker-src blob:; everything else 'none'.
//
// Why esbuild rather than a hand-written inliner: the page is ~30 ES modules
// with named imports, re-exports and `import * as`, plus wasm-bindgen's glue;
// joining them by hand means rewriting import/export syntax and scoping
// correctly, which is exactly what a bundler is for. esbuild is one pinned
// devDependency whose native binary ships as an npm package (nothing is
// downloaded at install time), and it bundles all of it in well under a
// second. It is used only here, at build time; the served page needs no build
// step beyond `make build`.
//
// The file is also copied to www/bizenv.html (generated, git-ignored, like
// www/pkg/) so that the served www/embed-example.html can frame it: a
// sandboxed frame without allow-same-origin cannot load the multi-file page
// (module scripts, module workers and the wasm fetch all need CORS from an
// opaque origin), while the single file needs nothing from the server.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WWW = join(ROOT, "www");
const DIST_RUNTIME = join(ROOT, "scripts", "dist");
const WASM = join(WWW, "pkg", "core", "bizenv_bg.wasm");
const LEDGER_WASM = join(WWW, "pkg", "ledger", "bizenv_bg.wasm");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  fail("esbuild is not installed: run `npm ci` (it is a pinned devDependency in package.json)");
}

function fail(message) {
  console.error(`build-dist: ${message}`);
  process.exit(1);
}

function args(argv) {
  const out = { out: join(ROOT, "dist", "bizenv.html"), copy: join(WWW, "bizenv.html") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      out.out = resolve(argv[++i] ?? fail("--out needs a file"));
      out.copy = null;
    } else fail(`unknown argument ${argv[i]}`);
  }
  return out;
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const base64Length = (bytes) => Math.ceil(bytes.length / 3) * 4;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

/** esbuild plugin: runtime.js → the dist runtime of `side`; "bizenv:inline" → the given exports. */
function distPlugin(side, inline = {}) {
  return {
    name: "bizenv-dist",
    setup(build) {
      build.onResolve({ filter: /(^|\/)runtime\.js$/ }, (a) => {
        const from = resolve(a.resolveDir, a.path);
        if (from !== join(WWW, "js", "core", "runtime.js")) return undefined;
        return { path: join(DIST_RUNTIME, `runtime-${side}.js`) };
      });
      build.onResolve({ filter: /^bizenv:inline$/ }, () => ({ path: "inline", namespace: "bizenv-inline" }));
      build.onLoad({ filter: /.*/, namespace: "bizenv-inline" }, () => ({
        contents: Object.entries(inline)
          .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
          .join("\n"),
        loader: "js",
      }));
    },
  };
}

/** `format`: "esm" for the page (an inline module script), "iife" for the worker (a classic Blob-URL worker). */
async function bundle(entry, side, format, inline) {
  const result = await esbuild.build({
    entryPoints: [join(WWW, "js", entry)],
    bundle: true,
    format,
    // The glue's `new URL("bizenv_bg.wasm", import.meta.url)` is its default
    // when init() is given nothing; the runtime always gives the module.
    logOverride: { "empty-import-meta": "silent" },
    minify: true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "warning",
    plugins: [distPlugin(side, inline)],
  });
  return result.outputFiles[0].text;
}

/** `url(...)` of local files in CSS, as data: URLs (none today; kept honest for later). */
function inlineCssUrls(css, cssFile) {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _q, ref) => {
    if (/^(data:|#)/.test(ref)) return whole;
    if (/^[a-z]+:|^\/\//i.test(ref)) fail(`${relative(ROOT, cssFile)} loads ${ref} from the network`);
    return `url("${dataUrl(join(dirname(cssFile), ref))}")`;
  });
}

const MIME = { ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff" };

function dataUrl(file) {
  if (!existsSync(file)) fail(`missing ${relative(ROOT, file)}`);
  const type = MIME[extname(file).toLowerCase()] ?? fail(`no MIME type for ${relative(ROOT, file)}`);
  return `data:${type};base64,${readFileSync(file).toString("base64")}`;
}

/**
 * Fails when `text` would end its inline element early or change how HTML
 * parses it: "</script" or "<!--" in the script (esbuild writes "<\/script"
 * in strings), "</style" in the styles.
 */
function checkInline(text, element) {
  const bad = element === "script" ? /<\/script|<!--/i : /<\/style/i;
  if (bad.test(text)) fail(`the inline <${element}> would contain ${bad.source}`);
}

async function main() {
  const { out, copy } = args(process.argv.slice(2));
  for (const file of [WASM, LEDGER_WASM]) if (!existsSync(file)) fail(`${relative(ROOT, file)} is missing: run \`make build\` first`);

  const wasm = readFileSync(WASM);
  const wasmGzip = gzipSync(wasm, { level: 9 });
  const ledgerWasm = readFileSync(LEDGER_WASM);
  const ledgerGzip = gzipSync(ledgerWasm, { level: 9 });
  const workspaceWorker = await bundle("core/workspace-worker.js", "worker", "iife", {
    LEDGER_WASM_GZIP_BASE64: ledgerGzip.toString("base64"),
  });
  const script = await bundle("main.js", "page", "esm", {
    WASM_GZIP_BASE64: wasmGzip.toString("base64"),
    WORKSPACE_WORKER_SOURCE: workspaceWorker,
  });
  checkInline(script, "script");

  let html = readFileSync(join(WWW, "index.html"), "utf8");

  // Stylesheets → one <style> where the first one was.
  const styles = [];
  html = html.replace(/<link\s+rel="stylesheet"\s+href="([^"]+)"\s*>\n?/g, (_, href) => {
    const file = join(WWW, href);
    if (!existsSync(file)) fail(`index.html links a missing stylesheet ${href}`);
    styles.push(`/* ${href} */\n${inlineCssUrls(readFileSync(file, "utf8"), file)}`);
    return styles.length === 1 ? "@@STYLE@@\n" : "";
  });
  if (!styles.length) fail("index.html links no stylesheet");
  const css = styles.join("\n");
  checkInline(css, "style");

  // The favicon → a data: URL.
  html = html.replace(/(<link\s+rel="icon"\s+href=")([^"]+)(")/, (_, a, href, b) => `${a}${dataUrl(join(WWW, href))}${b}`);

  // The page's script → the bundle, inline.
  let scripts = 0;
  html = html.replace(/<script\s+type="module"\s+src="js\/main\.js"><\/script>/, () => {
    scripts += 1;
    return "@@SCRIPT@@";
  });
  if (scripts !== 1) fail('index.html has no <script type="module" src="js/main.js"></script>');

  // The served page's modulepreload block (scripts/modulepreload.mjs): the bundle has those modules.
  html = html.replace(/ *<!-- modulepreload: begin[\s\S]*?<!-- modulepreload: end -->\n?/, "");

  // Nothing else may point at a file: the single file makes no requests.
  for (const m of html.matchAll(/<(script|link|img|iframe|source|object|embed|audio|video)\b[^>]*\b(src|href)="([^"]*)"/gi)) {
    if (!m[3].startsWith("data:")) fail(`index.html still refers to ${m[3]} (<${m[1]}>): inline it in scripts/build-dist.mjs`);
  }

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    "worker-src blob:",
    `style-src ${sha256(css)}`,
    "img-src data: blob:",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
  let metas = 0;
  html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/, (_, a, b) => {
    metas += 1;
    return `${a}${csp}${b}`;
  });
  if (metas !== 1) fail("index.html has no CSP meta to rewrite");
  html = html.replace(
    /(<meta charset="utf-8">\n)/,
    "$1  <!-- bizenv single-file build (scripts/build-dist.mjs): everything is inline; this file makes no requests. -->\n",
  );
  // Replaced last, with functions, so that "$" in the code is taken literally.
  html = html.replace("@@STYLE@@", () => `<style>${css}</style>`).replace("@@SCRIPT@@", () => `<script type="module">${script}</script>`);

  for (const target of [out, copy].filter(Boolean)) {
    mkdirSync(dirname(target), { recursive: true });
    // Written whole, then renamed: a test building at the same time never reads half a file.
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, html);
    renameSync(tmp, target);
  }
  const size = Buffer.byteLength(html);
  console.log(
    `${relative(ROOT, out)}: ${kb(size)} (core wasm ${kb(wasm.length)} → gzip ${kb(wasmGzip.length)} → base64 ${kb(base64Length(wasmGzip))}; ` +
      `ledger wasm ${kb(ledgerWasm.length)} → gzip ${kb(ledgerGzip.length)} → base64 ${kb(base64Length(ledgerGzip))}; ` +
      `page JS ${kb(Buffer.byteLength(script) - base64Length(wasmGzip) - Buffer.byteLength(JSON.stringify(workspaceWorker)))}, ` +
      `workspace worker JS ${kb(Buffer.byteLength(workspaceWorker) - base64Length(ledgerGzip))}, CSS ${kb(Buffer.byteLength(css))})` +
      (copy ? `; copied to ${relative(ROOT, copy)}` : ""),
  );
}

await main();
