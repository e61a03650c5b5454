//! Property tests of the working-time engine against a day-by-day reference.

mod common;

use bizenv::api::WorkOptions;
use bizenv::time::calendar::Calendar;
use bizenv::time::clock::{OfficeHours, Stop, WorkingClock};
use bizenv::time::parse::TimeInput;
use common::naive::Days;
use jiff::civil::{date, Date, DateTime};
use jiff::SignedDuration;
use proptest::prelude::*;

/// Instants from 2003 to 2028 (around the official data and both uncovered edges), minute precision.
fn instant() -> impl Strategy<Value = DateTime> {
    (0i64..(26 * 365 * 24 * 60)).prop_map(|m| date(2003, 1, 1).at(0, 0, 0, 0) + SignedDuration::from_mins(m))
}

fn sessions() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop_oneof![
        Just(vec![(9 * 3600, 12 * 3600), (14 * 3600, 18 * 3600)]),
        Just(vec![(8 * 3600 + 1800, 12 * 3600), (13 * 3600, 17 * 3600 + 1800)]),
        Just(vec![(0, 86_400)]),
        Just(vec![(9 * 3600, 17 * 3600)]),
    ]
}

fn clock(sessions: Vec<(u32, u32)>) -> WorkingClock {
    WorkingClock::new(Calendar::official().unwrap(), OfficeHours::new(sessions, None).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn additive_over_a_midpoint(s in sessions(), mut x in prop::array::uniform3(instant())) {
        x.sort();
        let c = clock(s);
        let w = |p, q| c.elapsed(p, q, &[]).unwrap().working_seconds;
        prop_assert_eq!(w(x[0], x[2]), w(x[0], x[1]) + w(x[1], x[2]));
    }

    #[test]
    fn matches_the_day_by_day_walk(s in sessions(), a in instant(), len in 0i64..(800 * 24 * 60),
                                   raw_stops in prop::collection::vec((instant(), 0i64..(20 * 24 * 60)), 0..4)) {
        let b = a + SignedDuration::from_mins(len);
        // Stops near the interval, so that they overlap it and each other.
        let stops: Vec<Stop> = raw_stops.iter().map(|(t, l)| {
            let offset = SignedDuration::from_mins((t.duration_since(date(2003, 1, 1).at(0, 0, 0, 0)).as_mins()) % (len + 1));
            let start = a + offset - SignedDuration::from_hours(24);
            Stop { start, end: start + SignedDuration::from_mins(*l) }
        }).collect();
        let c = clock(s.clone());
        let pairs: Vec<_> = stops.iter().map(|s| (s.start, s.end)).collect();
        let fast = c.elapsed(a, b, &stops).unwrap().working_seconds;
        prop_assert_eq!(fast, common::naive::working_seconds(&Days::official(), &s, a, b, &pairs));
    }

    #[test]
    fn deadline_and_measure_round_trip(s in sessions(), a in instant(), secs in 0i64..(300 * 7 * 3600)) {
        let c = clock(s);
        let due = c.deadline(a, secs, &[]).unwrap();
        prop_assert!(due >= a);
        prop_assert_eq!(c.elapsed(a, due, &[]).unwrap().working_seconds, secs);
        // Earliest: one second before, the time had not yet run (unless nothing was asked).
        if secs > 0 {
            prop_assert!(c.elapsed(a, due - SignedDuration::from_secs(1), &[]).unwrap().working_seconds < secs);
        }
    }

    #[test]
    fn deadline_with_stops_round_trips(a in instant(), secs in 1i64..(60 * 7 * 3600),
                                       raw in prop::collection::vec((0i64..(90 * 24 * 60), 0i64..(15 * 24 * 60)), 0..4)) {
        let c = clock(vec![(9 * 3600, 12 * 3600), (14 * 3600, 18 * 3600)]);
        let stops: Vec<Stop> = raw.iter().map(|(o, l)| {
            let start = a + SignedDuration::from_mins(*o) - SignedDuration::from_hours(48);
            Stop { start, end: start + SignedDuration::from_mins(*l) }
        }).collect();
        let due = c.deadline(a, secs, &stops).unwrap();
        prop_assert_eq!(c.elapsed(a, due, &stops).unwrap().working_seconds, secs);
        prop_assert!(c.elapsed(a, due - SignedDuration::from_secs(1), &stops).unwrap().working_seconds < secs);
    }

    /// With many clock stops (more than any small fixed-size buffer holds), overlapping, touching,
    /// empty, straddling either bound or wholly outside it: working and stopped time against a count
    /// minute by minute, written here and sharing nothing with the engine but the calendar data.
    #[test]
    fn stops_match_a_minute_by_minute_count(s in sessions(), a in instant(), len in 0i64..(20 * 24 * 60),
                                            raw in prop::collection::vec((0i64..(24 * 24 * 60), 0i64..(5 * 24 * 60)), 0..14)) {
        let b = a + SignedDuration::from_mins(len);
        let stops: Vec<Stop> = raw.iter().map(|(o, l)| {
            let start = a + SignedDuration::from_mins(*o) - SignedDuration::from_hours(48);
            Stop { start, end: start + SignedDuration::from_mins(*l) }
        }).collect();
        let e = clock(s.clone()).elapsed(a, b, &stops).unwrap();
        let (working, stopped) = count_minutes(&Days::official(), &s, a, b, &stops);
        prop_assert_eq!((e.working_seconds, e.stopped_seconds), (working * 60, stopped * 60));
    }

    /// The user's calendar: a year announced after this release (2027, as CSV lines), single days
    /// off and working days (the workdays applied last, as the engine applies them) — against the
    /// reference's own reading of the same data.
    #[test]
    fn user_years_and_days_match_the_walk(s in sessions(), year in user_year(), holidays in prop::collection::vec(day_near(), 0..12),
                                          workdays in prop::collection::vec(day_near(), 0..12), a in instant_near(), len in 0i64..(500 * 24 * 60)) {
        let b = a + SignedDuration::from_mins(len);
        let csv = year.iter().map(|(d, w)| format!("{d},{},节,day\n", if *w { "workday" } else { "holiday" })).collect::<String>();
        let options = WorkOptions {
            sessions: Some(s.iter().map(|(x, y)| (hm(*x), hm(*y))).collect()),
            calendar_csv: vec![format!("date,kind,name_zh,name_en\n{csv}")],
            holidays: holidays.iter().map(|d| TimeInput::Text(d.to_string())).collect(),
            workdays: workdays.iter().map(|d| TimeInput::Text(d.to_string())).collect(),
            ..WorkOptions::default()
        };
        let clock = options.clock().unwrap();
        let mut days = Days::official();
        days.add_csv(&csv);
        for d in &holidays {
            days.set(*d, false);
        }
        for d in &workdays {
            days.set(*d, true);
        }
        prop_assert_eq!(clock.elapsed(a, b, &[]).unwrap().working_seconds, common::naive::working_seconds(&days, &s, a, b, &[]));
        // And the deadline on that calendar lands where the walk reaches the time.
        let secs = clock.elapsed(a, b, &[]).unwrap().working_seconds;
        let due = clock.deadline(a, secs, &[]).unwrap();
        prop_assert_eq!(common::naive::working_seconds(&days, &s, a, due, &[]), secs);
        prop_assert!(due <= b);
    }
}

fn hm(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// Days of 2025–2028, where the official data ends and a user's year begins.
fn day_near() -> impl Strategy<Value = Date> {
    (0i64..(4 * 365)).prop_map(|d| date(2025, 1, 1) + SignedDuration::from_hours(24 * d))
}

/// A year the official data does not cover (2027), some of its days marked off or worked.
fn user_year() -> impl Strategy<Value = Vec<(Date, bool)>> {
    prop::collection::vec(((0i64..365), any::<bool>()), 0..30).prop_map(|v| v.into_iter().map(|(d, w)| (date(2027, 1, 1) + SignedDuration::from_hours(24 * d), w)).collect())
}

/// Instants from 2025 to 2028, minute precision.
fn instant_near() -> impl Strategy<Value = DateTime> {
    (0i64..(3 * 365 * 24 * 60)).prop_map(|m| date(2025, 1, 1).at(0, 0, 0, 0) + SignedDuration::from_mins(m))
}

/// Minutes of `[a, b)` on a working day inside a session: `(not inside any stop, inside one)`.
/// `a`, `b`, the sessions and the stops fall on whole minutes.
fn count_minutes(days: &Days, sessions: &[(u32, u32)], a: DateTime, b: DateTime, stops: &[Stop]) -> (i64, i64) {
    let (mut working, mut stopped) = (0, 0);
    let mut day = a.date();
    while day <= b.date() {
        if days.is_workday(day) {
            for minute in 0..24 * 60 {
                let in_session = sessions.iter().any(|&(s, e)| s / 60 <= minute && minute < e / 60);
                let at = day.at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
                if !in_session || at < a || at >= b {
                    continue;
                }
                if stops.iter().any(|stop| stop.start <= at && at < stop.end) {
                    stopped += 1;
                } else {
                    working += 1;
                }
            }
        }
        day = day.tomorrow().unwrap();
    }
    (working, stopped)
}
