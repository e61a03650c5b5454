//! The ledger module's functions: ledger files read, and workbooks written, for the page's core
//! module, which holds the working set and hands these functions bytes (`crate::ledger::transfer`).
//! The page loads this module only when a file needs it (`needsLedgerModule`), so the readers and
//! writers, most of the code, are not fetched and compiled on every visit.

use super::*;

use crate::ledger::table::TableOptions;
use crate::ledger::transfer;

/// `readLedger(bytes, fileName, options?)` → `Uint8Array`: the file read (a workbook's sheet, an
/// HTML table, text decoded from its encoding), for `Workspace.stageImport` / `importTable` or
/// `parseTable` of the core module in the file's place. `options` are the import's (`sheet` and
/// `limits` are used here; the rest where the rows are read).
#[wasm_bindgen(js_name = readLedger)]
pub fn read_ledger(bytes: JsValue, file_name: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let lang = lang_of(&options)?;
    let mut opts: TableOptions = options_of(&options)?;
    opts.lang = lang;
    opts.limits.check().map_err(fail(lang))?;
    let file_name = text_arg(&file_name, "fileName", SHORT_TEXT)?;
    let bytes = bytes_arg(&bytes, "bytes", opts.limits.file_bytes)?;
    transfer::read_file(&bytes, &file_name, &opts).map_err(fail(lang))
}

/// `writeSheets(sheets, options?)` → `Uint8Array` of an .xlsx workbook: `sheets` as the core
/// module's `Workspace.exportSheets` gives them.
#[wasm_bindgen(js_name = writeSheets)]
pub fn write_sheets(sheets: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let lang = lang_of(&options)?;
    let bytes = bytes_arg(&sheets, "sheets", TRANSFER_BYTES)?;
    let sheets = transfer::decode_sheets(&bytes).map_err(fail(lang))?;
    drop(bytes);
    crate::report::export::write_xlsx(&sheets).map_err(fail(lang))
}

/// `writeTemplate(book, options?)` → `Uint8Array` of an .xlsx ledger template: `book` as the
/// core module's `Workspace.templateBook` gives it.
#[wasm_bindgen(js_name = writeTemplate)]
pub fn write_template(book: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let lang = lang_of(&options)?;
    let bytes = bytes_arg(&book, "book", TRANSFER_BYTES)?;
    let book = transfer::decode_template(&bytes).map_err(fail(lang))?;
    crate::report::template::write_template(&book).map_err(fail(lang))
}
