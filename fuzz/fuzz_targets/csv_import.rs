//! Any bytes as a CSV ledger: read, mapped, evaluated; rows always accounted.
#![no_main]
use bizenv::evaluate::Calculator;
use bizenv::ledger::{evaluate_table, LedgerOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let calc = Calculator::builtin().unwrap();
    if let Ok(r) = evaluate_table(&calc, "1.1", data, "ledger.csv", &LedgerOptions::default()) {
        assert_eq!(r.counts.rows_in, r.counts.evaluated + r.counts.with_problems, "{:?}", r.counts);
        assert_eq!(r.counts.rows_in, r.source.rows.len());
    }
});
