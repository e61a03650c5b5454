// The worker of bench/import-browser.mjs: loads the core as the page's worker does, fetches a
// ledger, imports it into a new Workspace (twice, the second into another new Workspace) and
// reports each call's time and the wasm memory after it.
import init, { Workspace } from "/www/pkg/bizenv.js";

self.onmessage = async ({ data: { url, indicator, fileName } }) => {
  try {
    const exports = await init({ module_or_path: "/www/pkg/bizenv_bg.wasm" });
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const calls = [];
    for (let call = 0; call < 2; call++) {
      const ws = new Workspace();
      let progressReports = 0;
      const t = performance.now();
      const report = ws.importTable(bytes, fileName, { indicator }, () => {
        progressReports++;
        return true;
      });
      const ms = performance.now() - t;
      calls.push({ ms, rows: report.counts.rowsIn, withProblems: report.counts.withProblems, progressReports, memory: exports.memory.buffer.byteLength });
      ws.free();
    }
    self.postMessage({ ok: true, size: bytes.length, calls });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.message ?? error) });
  }
};
