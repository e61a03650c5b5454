//! A deliberately simple reference: walks day by day and subtracts stops interval by interval.
//! Used as the oracle in property tests and as the baseline in the benchmark.

use bizenv::time::calendar::Calendar;
use jiff::civil::{DateTime, Time};

pub fn working_seconds(cal: &Calendar, sessions: &[(u32, u32)], a: DateTime, b: DateTime, stops: &[(DateTime, DateTime)]) -> i64 {
    let mut total = 0;
    let mut day = a.date();
    while day <= b.date() {
        if cal.day_info(day).workday {
            let midnight = day.to_datetime(Time::midnight());
            for &(s, e) in sessions {
                let s = midnight + jiff::SignedDuration::from_secs(i64::from(s));
                let e = midnight + jiff::SignedDuration::from_secs(i64::from(e));
                let (lo, hi) = (s.max(a), e.min(b));
                if lo < hi {
                    total += covered_outside(lo, hi, stops);
                }
            }
        }
        day = match day.tomorrow() {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    total
}

/// Seconds of `[lo, hi)` not inside any stop.
fn covered_outside(lo: DateTime, hi: DateTime, stops: &[(DateTime, DateTime)]) -> i64 {
    let mut pieces = vec![(lo, hi)];
    for &(s, e) in stops {
        let mut next = Vec::new();
        for (p, q) in pieces {
            if e <= p || s >= q {
                next.push((p, q));
                continue;
            }
            if s > p {
                next.push((p, s));
            }
            if e < q {
                next.push((e, q));
            }
        }
        pieces = next;
    }
    pieces.iter().map(|(p, q)| q.duration_since(*p).as_secs()).sum()
}
