//! Cost of one working-time query and one deadline, by interval length, against a day-by-day walk.
//!
//! Run: `cargo bench --bench working_time` (or `make bench`). Prints the median of 31 samples,
//! each the mean over a batch of queries, and the walk/engine ratio. Medians, because this machine
//! is shared and noisy.

#[path = "../tests/common/naive.rs"]
mod naive;

use std::hint::black_box;
use std::time::Instant;

use bizenv::time::calendar::Calendar;
use bizenv::time::clock::{OfficeHours, Stop, WorkingClock};
use jiff::civil::date;
use jiff::SignedDuration;

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
    let sessions = clock.hours().sessions().to_vec();
    let days = naive::Days::official();
    let start = date(2010, 3, 15).at(10, 17, 0, 0);
    let stops = [
        Stop { start: start + SignedDuration::from_hours(30), end: start + SignedDuration::from_hours(80) },
        Stop { start: start + SignedDuration::from_hours(60), end: start + SignedDuration::from_hours(200) },
    ];
    println!("{:<14} {:>14} {:>16} {:>14} {:>10}", "interval", "engine ns", "engine+2 stops", "day walk ns", "walk/engine");
    for (label, days) in [("1 day", 1), ("30 days", 30), ("1 year", 365), ("10 years", 3650)] {
        let end = start + SignedDuration::from_hours(24 * days);
        let engine = median_ns(20_000, || {
            black_box(clock.elapsed(black_box(start), black_box(end), &[]).map(|e| e.working_seconds).unwrap_or(0));
        });
        let with_stops = median_ns(20_000, || {
            black_box(clock.elapsed(black_box(start), black_box(end), &stops).map(|e| e.working_seconds).unwrap_or(0));
        });
        let walk_batch = (20_000 / days).max(5) as u32;
        let walk = median_ns(walk_batch, || {
            black_box(naive::working_seconds(&days, &sessions, black_box(start), black_box(end), &[]));
        });
        println!("{label:<14} {engine:>14.0} {with_stops:>16.0} {walk:>14.0} {:>10.0}", walk / engine);
    }
    for (label, days) in [("deadline 1 d", 1i64), ("deadline 50 d", 50), ("deadline 2000 d", 2000)] {
        let secs = days * 7 * 3600;
        let ns = median_ns(20_000, || {
            black_box(clock.deadline(black_box(start), secs, &[]).ok());
        });
        println!("{label:<14} {ns:>14.0}");
    }
}
