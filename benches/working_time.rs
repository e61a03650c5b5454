//! Cost of one working-time query and one deadline, by interval length, against a day-by-day walk.
//!
//! Run: `cargo bench --bench working_time` (or `make bench`). Prints the median of 31 samples,
//! each the mean over a batch of queries, and the walk/engine ratio. Medians, because this machine
//! is shared and noisy. The last line times 100 000 different queries (0–120 days, any minute,
//! 2019–2026), the mix `make bench-calendar` also times.
//!
//! Instructions per query, the figure the machine's load does not move:
//! `valgrind --tool=callgrind --toggle-collect='*queries_with_two_stops*' target/release/deps/working_time-* --instructions 100000`
//! (and `*queries_without_stops*`); divide the collected total by 100 000.

#[path = "../tests/common/naive.rs"]
mod naive;

use std::hint::black_box;
use std::time::Instant;

use bizenv::time::calendar::Calendar;
use bizenv::time::clock::{OfficeHours, Stop, WorkingClock};
use jiff::civil::{date, DateTime};
use jiff::SignedDuration;

/// A minute-resolution query: start, end and two clock stops.
type Query = (DateTime, DateTime, [Stop; 2]);

fn median_ns(batch: u32, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..31)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let clock = WorkingClock::new(Calendar::official().unwrap(), OfficeHours::default());
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--instructions") {
        let n = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
        count_instructions(&clock, n);
        return;
    }
    let sessions = clock.hours().sessions().to_vec();
    let official_days = naive::Days::official();
    let start = date(2010, 3, 15).at(10, 17, 0, 0);
    let stops = [
        Stop { start: start + SignedDuration::from_hours(30), end: start + SignedDuration::from_hours(80) },
        Stop { start: start + SignedDuration::from_hours(60), end: start + SignedDuration::from_hours(200) },
    ];
    println!("{:<14} {:>14} {:>16} {:>14} {:>10}", "interval", "engine ns", "engine+2 stops", "day walk ns", "walk/engine");
    for (label, span_days) in [("1 day", 1), ("30 days", 30), ("1 year", 365), ("10 years", 3650)] {
        let end = start + SignedDuration::from_hours(24 * span_days);
        let engine = median_ns(20_000, || {
            black_box(clock.elapsed(black_box(start), black_box(end), &[]).map(|e| e.working_seconds).unwrap_or(0));
        });
        let with_stops = median_ns(20_000, || {
            black_box(clock.elapsed(black_box(start), black_box(end), &stops).map(|e| e.working_seconds).unwrap_or(0));
        });
        let walk_batch = (20_000 / span_days).max(5) as u32;
        let walk = median_ns(walk_batch, || {
            black_box(naive::working_seconds(&official_days, &sessions, black_box(start), black_box(end), &[]));
        });
        println!("{label:<14} {engine:>14.0} {with_stops:>16.0} {walk:>14.0} {:>10.0}", walk / engine);
    }
    let queries = minute_queries(100_000);
    let per_query = |f: fn(&WorkingClock, &[Query]) -> i64| {
        let mut samples: Vec<f64> = (0..11)
            .map(|_| {
                let t = Instant::now();
                black_box(f(&clock, black_box(&queries)));
                t.elapsed().as_nanos() as f64 / queries.len() as f64
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    };
    let (mixed, mixed_stops) = (per_query(queries_without_stops), per_query(queries_with_two_stops));
    println!("{:<14} {mixed:>14.0} {mixed_stops:>16.0}", "mixed 0-120 d");
    for (label, days) in [("deadline 1 d", 1i64), ("deadline 50 d", 50), ("deadline 2000 d", 2000)] {
        let secs = days * 7 * 3600;
        let ns = median_ns(20_000, || {
            black_box(clock.deadline(black_box(start), secs, &[]).ok());
        });
        println!("{label:<14} {ns:>14.0}");
    }
}

/// Queries for the instruction count: `n` different start/end minutes in 2019–2026 (a fixed
/// linear congruential sequence), up to 120 days apart, each with two overlapping stops at 20–50 %
/// and 40–70 % of the interval (the calendar benchmark's pattern).
fn minute_queries(n: usize) -> Vec<Query> {
    let first = date(2019, 1, 1).at(0, 0, 0, 0);
    let mut state: u64 = 20_231_229;
    let mut next = |below: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    (0..n)
        .map(|_| {
            let a = first + SignedDuration::from_mins(next(8 * 365 * 1440) as i64);
            let b = a + SignedDuration::from_mins(next(120 * 1440) as i64);
            let at = |tenths: i32| a + b.duration_since(a) / 10 * tenths;
            (a, b, [Stop { start: at(2), end: at(5) }, Stop { start: at(4), end: at(7) }])
        })
        .collect()
}

/// One `elapsed` query per element, without stops; not inlined, so that callgrind can count it alone.
#[inline(never)]
fn queries_without_stops(clock: &WorkingClock, queries: &[Query]) -> i64 {
    queries.iter().map(|(a, b, _)| clock.elapsed(black_box(*a), black_box(*b), &[]).map_or(0, |e| e.working_seconds)).sum()
}

/// The same queries with their two overlapping stops.
#[inline(never)]
fn queries_with_two_stops(clock: &WorkingClock, queries: &[Query]) -> i64 {
    queries.iter().map(|(a, b, stops)| clock.elapsed(black_box(*a), black_box(*b), stops).map_or(0, |e| e.working_seconds)).sum()
}

/// `--instructions N`: runs each kind of query once over N queries, for
/// `valgrind --tool=callgrind --toggle-collect='*queries_with_two_stops*'` (and `*queries_without_stops*`):
/// instructions per query = the collected total / N, free of the machine's load.
fn count_instructions(clock: &WorkingClock, n: usize) {
    let queries = minute_queries(n);
    let plain = queries_without_stops(clock, &queries);
    let stopped = queries_with_two_stops(clock, &queries);
    println!("{n} queries: {plain} working seconds without stops, {stopped} with two stops");
}
