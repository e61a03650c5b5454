//! Any bytes as an .xlsx / .xls ledger (seeded with real workbooks): read, evaluated, exported.
#![no_main]
use bizenv::api::Lang;
use bizenv::evaluate::Calculator;
use bizenv::report::export::{export_csv, LedgerExport};
use bizenv::ledger::{evaluate_table, LedgerOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let calc = Calculator::builtin().unwrap();
    let name = if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) { "ledger.xls" } else { "ledger.xlsx" };
    if let Ok(r) = evaluate_table(&calc, "3.5", data, name, &LedgerOptions::default()) {
        assert_eq!(r.counts.rows_in, r.counts.evaluated + r.counts.with_problems, "{:?}", r.counts);
        let input = LedgerExport { report: &r.report, source: Some(&r.source), problems: &r.problems, counts: Some(r.counts) };
        let _ = export_csv(&input, Lang::Zh);
    }
});
