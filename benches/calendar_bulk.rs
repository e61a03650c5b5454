//! bizenv natively, for the side-by-side calendar benchmark (`make bench-calendar`, see
//! bench/calendar.mjs, which generates the intervals and compares the libraries).
//!
//! Reads `target/bench/intervals.i32` (n, then n start days, then n end days: Unix epoch days,
//! little-endian i32), and writes:
//! - `target/bench/native-counts.i32`: `working_days_bulk`'s count for every interval, which the
//!   comparison checks against the wasm build and the other libraries interval by interval;
//! - `target/bench/native.json`: medians (ns per interval or query) of the bulk call and of
//!   minute-resolution working-time queries with and without clock stops.
//!
//! Run: `cargo bench --bench calendar_bulk` (after `node bench/calendar.mjs generate`).

use std::hint::black_box;
use std::time::Instant;

use bizenv::time::bulk::working_days_bulk;
use bizenv::time::calendar::Calendar;
use bizenv::time::clock::{OfficeHours, Stop, WorkingClock};
use jiff::civil::{date, DateTime};
use jiff::SignedDuration;

const RUNS: usize = 11;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn read_intervals(path: &str) -> Result<(Vec<i32>, Vec<i32>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e} (run `node bench/calendar.mjs generate` first)"))?;
    let words: Vec<i32> = bytes.chunks_exact(4).map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let n = *words.first().ok_or("empty intervals file")? as usize;
    if words.len() != 1 + 2 * n {
        return Err(format!("{path}: expected {} words, found {}", 1 + 2 * n, words.len()));
    }
    Ok((words[1..1 + n].to_vec(), words[1 + n..].to_vec()))
}

/// Minute-resolution instants from the same intervals: a start and an end within office hours or
/// outside them, by a fixed pattern, so that every query is different.
fn instants(starts: &[i32], ends: &[i32], count: usize) -> Vec<(DateTime, DateTime)> {
    let unix = date(1970, 1, 1).at(0, 0, 0, 0);
    starts
        .iter()
        .zip(ends)
        .take(count)
        .enumerate()
        .map(|(i, (&s, &e))| {
            let minute_a = (i as i64 * 37) % 1440;
            let minute_b = (i as i64 * 53) % 1440;
            let a = unix + SignedDuration::from_mins(i64::from(s) * 1440 + minute_a);
            let b = unix + SignedDuration::from_mins(i64::from(e) * 1440 + minute_b);
            if b < a { (b, a) } else { (a, b) }
        })
        .collect()
}

fn main() -> Result<(), String> {
    let (starts, ends) = read_intervals("target/bench/intervals.i32")?;
    let n = starts.len();
    let calendar = Calendar::official_ref().map_err(|e| e.to_string())?;

    let mut counts = Vec::new();
    let bulk = median(
        (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                counts = black_box(working_days_bulk(calendar, black_box(&starts), black_box(&ends))).unwrap_or_default();
                t.elapsed().as_nanos() as f64 / n as f64
            })
            .collect(),
    );
    if counts.len() != n {
        return Err("working_days_bulk refused the intervals".into());
    }
    let bytes: Vec<u8> = counts.iter().flat_map(|c| c.to_le_bytes()).collect();
    std::fs::write("target/bench/native-counts.i32", bytes).map_err(|e| e.to_string())?;

    // Minute resolution, one query at a time through the working clock (office hours 09–12, 14–18).
    let clock = WorkingClock::new(calendar, OfficeHours::default());
    let queries = instants(&starts, &ends, n.min(200_000));
    let per_query = |stops: &dyn Fn(DateTime, DateTime) -> Vec<Stop>| {
        let stop_lists: Vec<Vec<Stop>> = queries.iter().map(|&(a, b)| stops(a, b)).collect();
        median(
            (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    let mut total = 0i64;
                    for ((a, b), s) in queries.iter().zip(&stop_lists) {
                        total += clock.elapsed(black_box(*a), black_box(*b), s).map_or(0, |e| e.working_seconds);
                    }
                    black_box(total);
                    t.elapsed().as_nanos() as f64 / queries.len() as f64
                })
                .collect(),
        )
    };
    let no_stops = per_query(&|_, _| Vec::new());
    // Two overlapping stops inside the interval (a correction request, then an expert review).
    let two_stops = per_query(&|a, b| {
        let span = b.duration_since(a);
        let at = |f: i32| a.checked_add(span / 10 * f).unwrap_or(a);
        vec![Stop { start: at(2), end: at(5) }, Stop { start: at(4), end: at(7) }]
    });
    let json = format!(
        "{{\"intervals\":{n},\"bulkNsPerInterval\":{bulk:.2},\"minuteQueries\":{},\"minuteNsPerQuery\":{no_stops:.2},\"minuteTwoStopsNsPerQuery\":{two_stops:.2},\"runs\":{RUNS}}}\n",
        queries.len()
    );
    std::fs::write("target/bench/native.json", &json).map_err(|e| e.to_string())?;
    print!("native: {json}");
    Ok(())
}
