// The ledger module: the readers of .xlsx, .xls and HTML tables and of text in legacy encodings
// (GBK...), and the .xlsx writer. Most of the wasm is these; the page's core module has none of
// them and reads UTF-8 CSV itself, so this module is fetched and compiled only when a file needs
// it (the core's needsLedgerModule), then kept. Only the workspace worker loads it.

import { ledgerWasmSource } from "./runtime.js";

let loading = null;

/** The ledger module's functions (readLedger, writeSheets, writeTemplate), loaded once. */
export function loadLedgerModule() {
  loading ??= (async () => {
    const module = await import("../../pkg/ledger/bizenv.js");
    await module.default({ module_or_path: await ledgerWasmSource() });
    return module;
  })().catch((error) => {
    // A failed load (offline, a file missing) is tried again next time; the page says it in
    // its own words (kind "ledgerModule", core/workspace.js).
    loading = null;
    const failed = new Error(`the ledger module could not be loaded: ${error?.message ?? error}`);
    failed.kind = "ledgerModule";
    throw failed;
  });
  return loading;
}
