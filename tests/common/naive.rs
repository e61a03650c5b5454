//! A deliberately simple reference: its own calendar (the official CSV read here, the user's
//! years and days applied here, the Mon–Fri rule), walked day by day, stops subtracted interval by
//! interval. Used as the oracle in property tests and as the baseline in the benchmark; it shares
//! no code with the engine but the date type.
#![allow(dead_code)]

use std::collections::HashMap;

use jiff::civil::{Date, DateTime, Time, Weekday};

const OFFICIAL: &str = include_str!("../../data/prc-calendar-2004-2026.csv");

/// Which days are working days: the listed ones as listed, the others by the Mon–Fri rule.
#[derive(Clone, Debug, Default)]
pub struct Days {
    listed: HashMap<Date, bool>,
}

impl Days {
    /// The State Council's arrangement 2004–2026.
    pub fn official() -> Days {
        let mut days = Days::default();
        days.add_csv(OFFICIAL);
        days
    }

    /// Lines `date,kind,…` with `kind` holiday or workday (a header line is skipped).
    pub fn add_csv(&mut self, text: &str) {
        for line in text.lines() {
            let mut fields = line.split(',');
            let (Some(day), Some(kind)) = (fields.next(), fields.next()) else { continue };
            let Ok(day) = day.trim().parse::<Date>() else { continue };
            self.listed.insert(day, kind.trim() == "workday");
        }
    }

    pub fn set(&mut self, day: Date, workday: bool) {
        self.listed.insert(day, workday);
    }

    pub fn is_workday(&self, day: Date) -> bool {
        self.listed.get(&day).copied().unwrap_or(!matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday))
    }
}

pub fn working_seconds(days: &Days, sessions: &[(u32, u32)], a: DateTime, b: DateTime, stops: &[(DateTime, DateTime)]) -> i64 {
    let mut total = 0;
    let mut day = a.date();
    while day <= b.date() {
        if days.is_workday(day) {
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
