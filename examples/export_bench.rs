//! Times import, evaluation and export of a synthetic ledger: `cargo run --release --example export_bench -- 100000`.

use std::time::Instant;

use bizenv::api::Lang;
use bizenv::evaluate::Calculator;
use bizenv::report::export::{export_csv, export_xlsx, LedgerExport};
use bizenv::ledger::{evaluate_table, LedgerOptions};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut csv = String::from("编号,受理时间,办结时间,所属县区\n");
    for i in 0..n {
        csv.push_str(&format!("C{i},2023-07-{} 09:{:02},2023-07-{} 10:00,麒麟区\n", 10 + i % 15, i % 60, 11 + i % 15));
    }
    let t = Instant::now();
    let report = evaluate_table(&Calculator::builtin().unwrap(), "1.1", csv.as_bytes(), "big.csv", &LedgerOptions::default()).expect("evaluate");
    println!("evaluate_table {n} rows: {:?}", t.elapsed());
    // Typed end to end: the export reads the report as it is, no JSON in between.
    let input = LedgerExport { report: &report.report, source: Some(&report.source), problems: &report.problems, counts: Some(report.counts) };
    let t = Instant::now();
    let xlsx = export_xlsx(&input, Lang::Zh).expect("xlsx");
    println!("export_xlsx: {:?} ({} bytes)", t.elapsed(), xlsx.len());
    let t = Instant::now();
    let text = export_csv(&input, Lang::Zh).expect("csv");
    println!("export_csv: {:?} ({} bytes)", t.elapsed(), text.len());
}
