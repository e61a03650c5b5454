//! The page's two wasm modules hand each other typed values as bytes (`bizenv::ledger::transfer`):
//! a file read by the ledger module's readers must give the core exactly the table the core would
//! have read from the file itself, and sheets and templates must reach the writer unchanged.
//! Damaged bytes are an error, never a panic. (The same files through the built modules, against
//! the corpus's hand-worked outcomes: tests/js/corpus.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use bizenv::error::Lang;
use bizenv::ledger::table::{parse_table, TableOptions};
use bizenv::ledger::transfer::{decode_sheets, decode_template, encode_sheets, encode_template, needs_ledger_module, read_file};
use bizenv::plan::catalog::Catalog;
use bizenv::report::template::template_book;
use bizenv::workspace::{ExportTarget, Workspace};
use serde_json::{json, Value};

fn table_or_error(bytes: &[u8], name: &str, options: &TableOptions) -> Value {
    match parse_table(bytes, name, options) {
        Ok(table) => serde_json::to_value(&table).unwrap(),
        Err(e) => json!({ "kind": e.kind().as_str(), "field": e.field(), "zh": e.message_zh(), "en": e.message_en() }),
    }
}

#[test]
fn a_file_read_by_the_ledger_module_reads_as_the_file_itself() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = TableOptions::default();
    let (mut compared, mut through_module) = (0, 0);
    for dir in ["tests/fixtures", "tests/corpus"] {
        let mut entries: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".json") || name.ends_with(".md") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let direct = table_or_error(&bytes, &name, &options);
            let via = match read_file(&bytes, &name, &options) {
                Ok(read) => table_or_error(&read, &name, &options),
                Err(e) => json!({ "kind": e.kind().as_str(), "field": e.field(), "zh": e.message_zh(), "en": e.message_en() }),
            };
            assert_eq!(direct, via, "{dir}/{name}");
            compared += 1;
            through_module += usize::from(needs_ledger_module(&bytes));
        }
    }
    eprintln!("{compared} files compared, {through_module} through the ledger module");
    // 71 files when this was written, 30 of them workbooks, HTML tables or text not in UTF-8.
    assert!(compared >= 71, "{compared} files compared");
    assert!(through_module >= 30, "{through_module} files need the ledger module");
}

#[test]
fn sheets_and_templates_reach_the_writer_unchanged() {
    let mut ws = Workspace::new().unwrap();
    ws.load_sample().unwrap();
    for target in [ExportTarget::Dashboard, ExportTarget::Ranking, ExportTarget::Indicator("3.4".into()), ExportTarget::Indicator("1.1".into())] {
        let sheets = ws.export_sheets(&target).unwrap();
        assert!(!sheets.is_empty() && !sheets[0].rows.is_empty());
        assert_eq!(decode_sheets(&encode_sheets(&sheets)).unwrap(), sheets);
    }
    let catalog = Catalog::builtin().unwrap();
    for indicator in &catalog.indicators {
        for lang in [Lang::Zh, Lang::En] {
            let book = template_book(catalog, &indicator.id, "pooled", lang).unwrap();
            assert_eq!(decode_template(&encode_template(&book)).unwrap(), book, "{}", indicator.id);
        }
    }
}

#[test]
fn damaged_bytes_are_an_error_at_every_length() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let xlsx = std::fs::read(root.join("tests/fixtures/electricity-3.5.xlsx")).unwrap();
    let read = read_file(&xlsx, "electricity-3.5.xlsx", &TableOptions::default()).unwrap();
    let options = TableOptions::default();
    // Every cut of the bytes after the magic number: the core says they are damaged.
    for cut in 4..read.len() {
        let e = parse_table(&read[..cut], "x.xlsx", &options).unwrap_err();
        assert_eq!((e.kind().as_str(), e.field()), ("argument", Some("transfer")), "cut at {cut}");
    }
    let mut ws = Workspace::new().unwrap();
    ws.load_sample().unwrap();
    let sheets = encode_sheets(&ws.export_sheets(&ExportTarget::Dashboard).unwrap());
    for cut in 0..sheets.len() {
        assert!(decode_sheets(&sheets[..cut]).is_err(), "cut at {cut}");
    }
    let mut flipped = sheets.clone();
    flipped[8] = 0xFF;
    assert!(decode_sheets(&flipped).is_err());
}

