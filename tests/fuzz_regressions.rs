//! Every input a fuzzer found to crash, hang or overflow (`fuzz/regressions/TARGET/`), run again
//! through what its target runs: each must now give an answer (a table or an error), quickly.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::time::Instant;

use bizenv::evaluate::Calculator;
use bizenv::ledger::{evaluate_table, LedgerOptions};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<(String, Vec<u8>)> = entries.filter_map(|e| e.ok()).map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read"))).collect();
    out.sort();
    out
}

fn ledger(target: &str, indicator: &str, name: &str) {
    for (file, bytes) in inputs(target) {
        let started = Instant::now();
        if let Ok(r) = evaluate_table(&Calculator::builtin().unwrap(), indicator, &bytes, name, &LedgerOptions::default()) {
            assert_eq!(r.counts.rows_in, r.counts.evaluated + r.counts.with_problems, "{file}");
        }
        assert!(started.elapsed().as_secs() < 5, "{file} took {:?}", started.elapsed());
    }
}

#[test]
fn csv_import_regressions() {
    ledger("csv_import", "1.1", "ledger.csv");
}

#[test]
fn xlsx_import_regressions() {
    ledger("xlsx_import", "3.5", "ledger.xlsx");
}

#[test]
fn project_json_regressions() {
    use bizenv::ledger::project::{load_project, save_project};
    for (file, bytes) in inputs("project_json") {
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let Ok(project) = load_project(text) else { continue };
        // What loads saves, and what was saved loads and saves to the same text: numbers included
        // (serde_json's float_roundtrip; without it 2.2222222222222222e77 came back ...224e77).
        let saved = save_project(&project).expect("saves");
        assert_eq!(save_project(&load_project(&saved).expect("loads")).expect("saves"), saved, "{file}");
    }
}
