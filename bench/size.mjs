// The page's weight against its budgets (issue 11): the wasm module gzipped ≤ 700 KB, the single
// file dist/bizenv.html ≤ 1 MB. Run: `make size` (builds www/pkg and dist first).
// With `--sections`, also the module's code by crate (from the function names of cargo's module,
// which `make build` strips from www/pkg), to see what bounds the size.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

function measure(label, path, budget, gz) {
  if (!existsSync(root(path))) {
    console.log(`${label}: ${path} missing (make build / make dist)`);
    return;
  }
  const bytes = readFileSync(root(path));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  const measured = gz ? zipped : bytes.length;
  const verdict = measured <= budget ? "within" : "OVER";
  const against = Number.isFinite(budget) ? `; budget ${kb(budget)}${gz ? " gzipped" : ""}: ${verdict}` : "";
  console.log(`${label}: ${kb(bytes.length)} raw, ${kb(zipped)} gzipped (-9)${against}`);
}

// The page loads the core module on every visit (the budget is for it) and the ledger module
// only when a file needs it; the whole module is the JS API for Node and embedders.
measure("wasm   www/pkg/core/bizenv_bg.wasm   (the page, every visit)", "www/pkg/core/bizenv_bg.wasm", 700 * 1024, true);
measure("wasm   www/pkg/ledger/bizenv_bg.wasm (the page, when a file needs it)", "www/pkg/ledger/bizenv_bg.wasm", Infinity, true);
measure("wasm   www/pkg/bizenv_bg.wasm        (the whole JS API, one module)", "www/pkg/bizenv_bg.wasm", Infinity, true);
measure("glue   www/pkg/core/bizenv.js        ", "www/pkg/core/bizenv.js", Infinity, true);
measure("single dist/bizenv.html              ", "dist/bizenv.html", 1024 * 1024, false);

/** Unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** The crate a (mangled or plain) function name belongs to. */
function crateOf(name) {
  let s = name;
  if (s.startsWith("_ZN")) {
    const m = /^_ZN(\d+)/.exec(s);
    if (m) s = s.slice(m[0].length, m[0].length + Number(m[1]));
    s = s.replace(/^_\$LT\$/, "").replace(/\$LT\$|\$GT\$|\$u20\$|\$RF\$|\$BP\$/g, " ");
    s = s.trim().split(/\.\.| /)[0];
  } else if (s.includes("::")) {
    // "<&mut serde_json::Serializer as …>" → serde_json; "core[c5930c85a12de822]" → core.
    s = s.replace(/^<+/, "").replace(/^(&mut |&|dyn |impl )+/, "").replace(/^T as /, "").split("::")[0].replace(/\[[0-9a-f]+\]$/, "");
  } else {
    return "(other: " + (s.length > 20 ? s.slice(0, 20) + "…" : s) + ")";
  }
  return s || "(unknown)";
}

/** Code bytes by crate (from the name section), data bytes, and the other sections. */
function sections(path) {
  const bytes = readFileSync(root(path));
  let at = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  const other = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (id === 2) {
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(bytes, p); p += len; // module
        [len, p] = leb(bytes, p); p += len; // field
        const kind = bytes[p++];
        if (kind === 0) { imported++; [, p] = leb(bytes, p); }
        else if (kind === 1) { p++; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) { p += 2; }
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(bytes, p);
        bodies.push(len);
        p += len;
      }
    } else if (id === 0) {
      let [len, p] = leb(bytes, at);
      const name = new TextDecoder().decode(bytes.subarray(p, p + len));
      p += len;
      other.set(`custom "${name}"`, size);
      if (name === "name") {
        while (p < end) {
          const sub = bytes[p++];
          let subSize;
          [subSize, p] = leb(bytes, p);
          const subEnd = p + subSize;
          if (sub === 1) {
            let [count, q] = leb(bytes, p);
            for (let i = 0; i < count; i++) {
              let index, l;
              [index, q] = leb(bytes, q);
              [l, q] = leb(bytes, q);
              names.set(index, new TextDecoder().decode(bytes.subarray(q, q + l)));
              q += l;
            }
          }
          p = subEnd;
        }
      }
    }
    if (id !== 0) other.set(["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"][id] ?? `section ${id}`, size);
    at = end;
  }
  const byCrate = new Map();
  bodies.forEach((len, i) => {
    const crate = crateOf(names.get(imported + i) ?? "");
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + len);
  });
  console.log(`\n${path}: sections`);
  for (const [name, size] of [...other].sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(28)} ${kb(size).padStart(8)}`);
  console.log(`code by crate (${names.size ? "name section" : "no name section: all unknown"}):`);
  for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${crate.padEnd(28)} ${kb(size).padStart(8)}`);
}

// cargo's module, before wasm-bindgen drops the name section (`make build`): the same code.
if (process.argv.includes("--sections")) {
  for (const [label, profile] of [["core module", "wasm-page"], ["ledger module", "wasm-ledger"]]) {
    console.log(`\n${label} (target/wasm32-unknown-unknown/${profile}/bizenv.wasm):`);
    sections(`target/wasm32-unknown-unknown/${profile}/bizenv.wasm`);
  }
}
