//! Import + evaluation of a ledger through the Workspace, natively: the path the page's worker
//! takes, without the wasm boundary. Medians of several runs (this machine is shared and noisy).
//!
//! Run: `node bench/import-data.mjs && cargo bench --bench import -- target/bench/ledger-1.1-1000000.csv`
//! (or `make bench-import`). Each file named is imported `RUNS` times (env, default 5) into a new
//! workspace; the rows, the median time, rows per second and the destinations are printed. With
//! `ONCE=1` a file is imported once and nothing else is printed (for callgrind).

use std::time::Instant;

use bizenv::workspace::{ImportOptions, Workspace};

fn options(file: &str) -> ImportOptions {
    let indicator = if file.contains("power") { "3.4" } else { "1.1" };
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
