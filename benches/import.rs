//! Import + evaluation of a ledger through the Workspace, natively: the path the page's worker
//! takes, without the wasm boundary. Medians of several runs (this machine is shared and noisy).
//!
//! Run: `node bench/import-data.mjs && cargo bench --bench import -- target/bench/ledger-1.1-1000000.csv`
//! (or `make bench-import`). Each file named is imported `RUNS` times (env, default 5) into a new
//! workspace; the rows, the median time, rows per second and the destinations are printed. With
//! `ONCE=1` a file is imported once and nothing else is printed (for callgrind). A `.xlsx` named
//! that does not exist is first written from the `.csv` of the same name: text cells, and the
//! times as Excel date-times (numbers with a date format), as office systems export them.

use std::time::Instant;

use bizenv::workspace::{ImportOptions, Workspace};

fn options(file: &str) -> ImportOptions {
    let indicator = if file.contains("power") { "3.4" } else { "1.1" };
    // The default limits, as the page imports (2 000 000 rows).
    serde_json::from_value(serde_json::json!({ "indicator": indicator })).unwrap_or_default()
}

fn import_once(bytes: &[u8], file: &str) -> Result<(f64, bizenv::workspace::ImportReport), String> {
    let mut ws = Workspace::new().map_err(|e| e.to_string())?;
    let t = Instant::now();
    let report = ws.import_table(bytes, file, &options(file), &mut |_| true).map_err(|e| e.to_string())?;
    let seconds = t.elapsed().as_secs_f64();
    drop(ws);
    Ok((seconds, report))
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: cargo bench --bench import -- LEDGER.csv|xlsx ...  (node bench/import-data.mjs writes target/bench/*.csv)");
        return;
    }
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let once = std::env::var("ONCE").is_ok();
    for file in &files {
        if file.ends_with(".xlsx") && !std::path::Path::new(file).exists() {
            if let Err(e) = xlsx_of_csv(&file.replace(".xlsx", ".csv"), file) {
                eprintln!("{file}: {e}");
                std::process::exit(1);
            }
        }
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(1);
            }
        };
        if once {
            if let Err(e) = import_once(&bytes, file) {
                eprintln!("{file}: {e}");
                std::process::exit(1);
            }
            continue;
        }
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            match import_once(&bytes, file) {
                Ok((t, report)) => {
                    times.push(t);
                    last = Some(report);
                }
                Err(e) => {
                    eprintln!("{file}: {e}");
                    std::process::exit(1);
                }
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let Some(report) = last else { continue };
        let rows = report.counts.rows_in;
        println!(
            "{file}: {:.1} MB, {rows} rows ({} with problems): median {:.3} s of {runs} (min {:.3}, max {:.3}), {:.2} M rows/s",
            bytes.len() as f64 / 1e6,
            report.counts.with_problems,
            median,
            times[0],
            times[times.len() - 1],
            rows as f64 / median / 1e6
        );
        let dest: Vec<String> = report.destinations.iter().map(|d| format!("{} {} ({} problems)", d.indicator_id, d.rows, d.with_problems)).collect();
        println!("  destinations: {}", dest.join(", "));
    }
}

/// Writes the generated CSV ledger `csv` as an .xlsx workbook at `xlsx`.
fn xlsx_of_csv(csv: &str, xlsx: &str) -> Result<(), Box<dyn std::error::Error>> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let text = std::fs::read_to_string(csv)?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (row, col) = (u32::try_from(r)?, u16::try_from(c)?);
            let b = cell.as_bytes();
            if r > 0 && b.len() == 16 && b[4] == b'-' && b[13] == b':' {
                let at = ExcelDateTime::parse_from_str(&format!("{cell}:00"))?;
                sheet.write_datetime_with_format(row, col, &at, &date_time)?;
            } else if !cell.is_empty() {
                sheet.write_string(row, col, cell)?;
            }
        }
    }
    workbook.save(xlsx)?;
    Ok(())
}
