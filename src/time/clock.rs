//! Working time: the clock runs only inside office sessions on working days, and not at all during
//! clock-stop periods (补正, 公示, 专家评审, customer-caused delay...).
//!
//! Every instant has a cumulative working time since a fixed epoch,
//! `working days before its date × session length + session time elapsed that day`, found in
//! O(log n) from the calendar's prefix sums. Elapsed working time is then a difference of two such
//! values, and a deadline is the inverse, with no walk day by day.

use std::borrow::Cow;

use jiff::civil::{Date, DateTime, Time};
use jiff::SignedDuration;

use crate::time::calendar::{date_of_number, day_number, Calendar};
use crate::error::{Error, ErrorKind, Result};

const DAY_SECONDS: u32 = 86_400;

/// Office sessions of a working day, and how many hours count as one working day.
///
/// ```
/// use bizenv::time::clock::OfficeHours;
/// let hours = OfficeHours::default();
/// assert_eq!(hours.session_seconds(), 7 * 3600);
/// let eight = OfficeHours::new(vec![(8 * 3600, 12 * 3600), (13 * 3600, 17 * 3600)], None).unwrap();
/// assert_eq!(eight.day_seconds(), 8 * 3600);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct OfficeHours {
    /// `(start, end)` in seconds after midnight, sorted, non-overlapping, each non-empty.
    sessions: Vec<(u32, u32)>,
    session_seconds: i64,
    /// Seconds that count as one working day: the sessions' sum, or a fixed `hoursPerDay`.
    day_seconds: i64,
}

impl Default for OfficeHours {
    /// 09:00–12:00 and 14:00–18:00: seven hours.
    fn default() -> Self {
        OfficeHours { sessions: vec![(9 * 3600, 12 * 3600), (14 * 3600, 18 * 3600)], session_seconds: 7 * 3600, day_seconds: 7 * 3600 }
    }
}

impl OfficeHours {
    /// Sessions as `(start, end)` seconds after midnight (end may be 86 400), in any order;
    /// `hours_per_day` fixes the length of a working day instead of the sessions' sum.
    pub fn new(mut sessions: Vec<(u32, u32)>, hours_per_day: Option<f64>) -> Result<OfficeHours> {
        if sessions.is_empty() {
            return Err(Error::new(ErrorKind::OfficeHours, "办公时段不能为空：至少需要一个时段，如 09:00–12:00", "sessions must not be empty: give at least one, e.g. 09:00–12:00").with_field("sessions"));
        }
        sessions.sort_unstable();
        for (i, &(start, end)) in sessions.iter().enumerate() {
            if end <= start || end > DAY_SECONDS {
                return Err(Error::new(
                    ErrorKind::OfficeHours,
                    format!("办公时段 {}–{} 无效：结束须晚于开始，且不晚于 24:00", clock(start), clock(end)),
                    format!("session {}–{} is invalid: its end must be after its start and no later than 24:00", clock(start), clock(end)),
                )
                .with_field("sessions")
                .with_item(i));
            }
            if let Some(&(next_start, next_end)) = sessions.get(i + 1) {
                if next_start < end {
                    return Err(Error::new(
                        ErrorKind::OfficeHours,
                        format!("办公时段 {}–{} 与 {}–{} 重叠", clock(start), clock(end), clock(next_start), clock(next_end)),
                        format!("sessions {}–{} and {}–{} overlap", clock(start), clock(end), clock(next_start), clock(next_end)),
                    )
                    .with_field("sessions")
                    .with_item(i + 1));
                }
            }
        }
        let session_seconds: i64 = sessions.iter().map(|(s, e)| i64::from(e - s)).sum();
        let day_seconds = match hours_per_day {
            None => session_seconds,
            Some(h) if h.is_finite() && h > 0.0 && h <= 24.0 => (h * 3600.0).round() as i64,
            Some(h) => {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!("每个工作日小时数 {h} 无效：应大于 0 且不超过 24"),
                    format!("hoursPerDay {h} is out of range: expected more than 0 and at most 24"),
                )
                .with_field("hoursPerDay"))
            }
        };
        Ok(OfficeHours { sessions, session_seconds, day_seconds })
    }

    /// Seconds of session time in one working day.
    pub fn session_seconds(&self) -> i64 {
        self.session_seconds
    }

    /// Seconds that count as one working day when converting to days.
    pub fn day_seconds(&self) -> i64 {
        self.day_seconds
    }

    pub fn sessions(&self) -> &[(u32, u32)] {
        &self.sessions
    }

    /// Session seconds elapsed on a working day by `second_of_day`.
    #[inline]
    fn elapsed_by(&self, second_of_day: u32) -> i64 {
        // `min` then a saturating `-`: the same as clamping to the session, without a branch.
        self.sessions.iter().map(|&(s, e)| i64::from(second_of_day.min(e).saturating_sub(s))).sum()
    }

    /// The earliest second of the day by which `r` session seconds have elapsed (`0 < r <= session_seconds`).
    fn second_when_elapsed(&self, mut r: i64) -> u32 {
        for &(s, e) in &self.sessions {
            let len = i64::from(e - s);
            if r <= len {
                return s + r as u32;
            }
            r -= len;
        }
        self.sessions.last().map_or(0, |&(_, e)| e)
    }
}

fn clock(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// A time interval `[start, end)` during which the clock stops.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop {
    pub start: DateTime,
    pub end: DateTime,
}

/// The calendar and office hours that together say when the clock runs.
#[derive(Clone, Debug)]
pub struct WorkingClock {
    /// Borrowed when it is the shared official calendar, so a query need not copy it.
    calendar: Cow<'static, Calendar>,
    hours: OfficeHours,
}

/// Elapsed working time between two instants.
#[derive(Clone, Debug, PartialEq)]
pub struct Elapsed {
    /// Working seconds, stops excluded.
    pub working_seconds: i64,
    /// Working seconds that fell inside stops (after merging and clipping).
    pub stopped_seconds: i64,
    /// Years touched that no official or user calendar data covers (Mon–Fri rule assumed).
    pub uncovered_years: Vec<i16>,
}

impl WorkingClock {
    pub fn new(calendar: impl Into<Cow<'static, Calendar>>, hours: OfficeHours) -> WorkingClock {
        WorkingClock { calendar: calendar.into(), hours }
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    pub fn hours(&self) -> &OfficeHours {
        &self.hours
    }

    /// Working seconds from the epoch to `at` (negative before it): two loads from the calendar's
    /// day table when it holds the date, O(log n) outside it.
    pub fn cumulative(&self, at: DateTime) -> i64 {
        self.cumulative_inline(at)
    }

    /// [`WorkingClock::cumulative`], inlined into the queries that call it up to six times.
    #[inline(always)]
    fn cumulative_inline(&self, at: DateTime) -> i64 {
        let (workdays_before, workday) = self.calendar.standing(at.date());
        // Computed either way and masked: whether a day is worked is as good as random across
        // queries, and a mispredicted branch costs more than the few instructions saved.
        let today = self.hours.elapsed_by(second_of_day(at.time()));
        workdays_before * self.hours.session_seconds + (today & -i64::from(workday))
    }

    /// Working seconds in `[start, end)` less the stops, which may overlap each other and the bounds.
    ///
    /// ```
    /// use bizenv::{time::calendar::Calendar, time::clock::{OfficeHours, WorkingClock}};
    /// use jiff::civil::date;
    /// let clock = WorkingClock::new(Calendar::official().unwrap(), OfficeHours::default());
    /// // Accepted Sep 28 2023 (not counted), decided Oct 9: Oct 7, 8 and 9 are working days.
    /// let e = clock.elapsed(date(2023, 9, 29).at(0, 0, 0, 0), date(2023, 10, 10).at(0, 0, 0, 0), &[]).unwrap();
    /// assert_eq!(e.working_seconds, 3 * 7 * 3600);
    /// ```
    pub fn elapsed(&self, start: DateTime, end: DateTime, stops: &[Stop]) -> Result<Elapsed> {
        if is_before(end, start) {
            return Err(Error::new(
                ErrorKind::EndBeforeStart,
                format!("结束时间 {} 早于开始时间 {}", show(end), show(start)),
                format!("end {} is before start {}", show(end), show(start)),
            )
            .with_field("end"));
        }
        let (from, to) = (self.cumulative_inline(start), self.cumulative_inline(end));
        let stopped = self.stopped_between(stops, from, to)?;
        Ok(Elapsed { working_seconds: to - from - stopped, stopped_seconds: stopped, uncovered_years: self.uncovered(start, end) })
    }

    /// Working seconds of the cumulative span `[from, to)` that fall inside the stops.
    ///
    /// Each stop is mapped to its cumulative working times and clipped, sorted and merged there,
    /// as plain integers: cumulative time never decreases, so this counts exactly the working time
    /// that clipping and merging the instants would ([`merge_stops`]), without copying date-times
    /// and, for up to [`STOPS_ON_STACK`] stops, without allocating.
    fn stopped_between(&self, stops: &[Stop], from: i64, to: i64) -> Result<i64> {
        let mut on_stack = [(0i64, 0i64); STOPS_ON_STACK];
        let mut on_heap = Vec::new();
        let buffer: &mut [(i64, i64)] = if stops.len() <= STOPS_ON_STACK {
            &mut on_stack[..stops.len()]
        } else {
            on_heap.try_reserve_exact(stops.len()).map_err(|_| {
                Error::new(ErrorKind::Range, "停止计时时段过多：内存不足", "too many clock stops: not enough memory").with_field("stops")
            })?;
            on_heap.resize(stops.len(), (0, 0));
            &mut on_heap
        };
        let mut len = 0;
        for (i, stop) in stops.iter().enumerate() {
            if is_before(stop.end, stop.start) {
                return Err(reversed_stop(i, stop));
            }
            let span = (self.cumulative_inline(stop.start).max(from), self.cumulative_inline(stop.end).min(to));
            if span.0 < span.1 {
                if let Some(slot) = buffer.get_mut(len) {
                    *slot = span;
                    len += 1;
                }
            }
        }
        let spans = &mut buffer[..len];
        spans.sort_unstable();
        // In start order, each span adds only what lies beyond the furthest end so far.
        let (mut stopped, mut reached) = (0, i64::MIN);
        for &(begin, end) in spans.iter() {
            let begin = begin.max(reached);
            if end > begin {
                stopped += end - begin;
                reached = end;
            }
        }
        Ok(stopped)
    }

    /// The earliest instant at which `working_seconds` of working time have run from `start`,
    /// not counting stops. Landing exactly on the end of a session gives that end.
    ///
    /// ```
    /// use bizenv::{time::calendar::Calendar, time::clock::{OfficeHours, WorkingClock}};
    /// use jiff::civil::date;
    /// let clock = WorkingClock::new(Calendar::official().unwrap(), OfficeHours::default());
    /// let due = clock.deadline(date(2023, 9, 29).at(0, 0, 0, 0), 3 * 7 * 3600, &[]).unwrap();
    /// assert_eq!(due, date(2023, 10, 9).at(18, 0, 0, 0));
    /// ```
    pub fn deadline(&self, start: DateTime, working_seconds: i64, stops: &[Stop]) -> Result<DateTime> {
        if working_seconds < 0 {
            return Err(Error::new(ErrorKind::Range, "工作时长不能为负", "working time must not be negative"));
        }
        let mut target = self.cumulative(start) + working_seconds;
        // Stops are merged and sorted; each one that begins before the deadline pushes it back.
        let far = DateTime::MAX;
        for stop in merge_stops(stops, start, far)? {
            let begins = self.cumulative(stop.start);
            if begins >= target {
                break;
            }
            target += self.cumulative(stop.end) - begins;
        }
        let at = self.instant_at(target, day_number(start.date())).ok_or_else(|| {
            Error::new(ErrorKind::Range, "期限超出可计算的日期范围（9999 年以前）", "the deadline is beyond the supported date range (before year 9999)")
        })?;
        Ok(at.max(start))
    }

    /// The earliest instant whose cumulative working time reaches `target`.
    fn instant_at(&self, target: i64, near_day: i64) -> Option<DateTime> {
        let per_day = self.hours.session_seconds;
        // The working day holding the target: k working days before it, r seconds into it, 0 < r <= per_day.
        let mut k = target.div_euclid(per_day);
        let mut r = target.rem_euclid(per_day);
        if r == 0 {
            k -= 1;
            r = per_day;
        }
        let n = self.calendar.nth_workday_number(k, near_day)?;
        let date = date_of_number(n)?;
        let second = self.hours.second_when_elapsed(r);
        at_second(date, second)
    }

    fn uncovered(&self, start: DateTime, end: DateTime) -> Vec<i16> {
        // An end at midnight does not reach into that day's year.
        let last = if end.time() == Time::midnight() && end > start { end.date().yesterday().unwrap_or(end.date()) } else { end.date() };
        self.calendar.uncovered_years(start.date().year(), last.year().max(start.date().year()))
    }

    /// Years between `start` and `end` that no calendar data covers.
    pub fn uncovered_years(&self, start: DateTime, end: DateTime) -> Vec<i16> {
        self.uncovered(start, end)
    }
}

/// Calendar days from `start` to `end`, fractional.
///
/// ```
/// use bizenv::time::clock::calendar_days;
/// use jiff::civil::date;
/// assert_eq!(calendar_days(date(2023, 9, 29).at(0, 0, 0, 0), date(2023, 10, 10).at(0, 0, 0, 0)), 11.0);
/// assert_eq!(calendar_days(date(2023, 9, 29).at(0, 0, 0, 0), date(2023, 9, 29).at(12, 0, 0, 0)), 0.5);
/// ```
pub fn calendar_days(start: DateTime, end: DateTime) -> f64 {
    end.duration_since(start).as_secs_f64() / 86_400.0
}

/// Sorts, clips to `[lo, hi]` and merges overlapping stops; rejects a stop that ends before it starts.
pub fn merge_stops(stops: &[Stop], lo: DateTime, hi: DateTime) -> Result<Vec<Stop>> {
    let mut clipped = Vec::with_capacity(stops.len());
    for (i, stop) in stops.iter().enumerate() {
        if stop.end < stop.start {
            return Err(reversed_stop(i, stop));
        }
        let (s, e) = (stop.start.max(lo), stop.end.min(hi));
        if s < e {
            clipped.push(Stop { start: s, end: e });
        }
    }
    clipped.sort_by_key(|s| s.start);
    let mut merged: Vec<Stop> = Vec::with_capacity(clipped.len());
    for stop in clipped {
        match merged.last_mut() {
            Some(last) if stop.start <= last.end => last.end = last.end.max(stop.end),
            _ => merged.push(stop),
        }
    }
    Ok(merged)
}

/// Stops a working-time query handles without allocating; most cases have none, one or two.
const STOPS_ON_STACK: usize = 8;

/// `a < b`, as jiff orders date-times, with one well-predicted comparison in the common case:
/// jiff's comparison takes a different path whenever the year or the month differ, which costs
/// a mispredicted branch in a query over varied data.
#[inline(always)]
fn is_before(a: DateTime, b: DateTime) -> bool {
    let (ka, kb) = (whole_second_key(a), whole_second_key(b));
    ka < kb || (ka == kb && a.subsec_nanosecond() < b.subsec_nanosecond())
}

/// An integer that orders date-times to the whole second: months below 16, days below 32 and
/// seconds below 86 400 each fit under the next field (years -9999..=9999: under 2^40).
#[inline(always)]
fn whole_second_key(at: DateTime) -> i64 {
    let date = at.date();
    ((i64::from(date.year()) * 16 + i64::from(date.month())) * 32 + i64::from(date.day())) * i64::from(DAY_SECONDS) + i64::from(second_of_day(at.time()))
}

/// The error for stop number `i` (from 0) ending before it starts.
fn reversed_stop(i: usize, stop: &Stop) -> Error {
    Error::new(
        ErrorKind::EndBeforeStart,
        format!("第 {} 个停止计时时段：结束 {} 早于开始 {}", i + 1, show(stop.end), show(stop.start)),
        format!("stop {}: its end ({}) is before its start ({})", i + 1, show(stop.end), show(stop.start)),
    )
    .with_field("stops")
    .with_item(i)
}

fn second_of_day(t: Time) -> u32 {
    // Hour, minute and second are within their ranges, so this is at most 86 399.
    (t.hour() as u32) * 3600 + (t.minute() as u32) * 60 + (t.second() as u32)
}

fn at_second(date: Date, second: u32) -> Option<DateTime> {
    if second < DAY_SECONDS {
        // Within the day: built directly, without jiff's span arithmetic.
        return Some(date.at((second / 3600) as i8, (second / 60 % 60) as i8, (second % 60) as i8, 0));
    }
    date.to_datetime(Time::midnight()).checked_add(SignedDuration::from_secs(i64::from(second))).ok()
}

/// `YYYY-MM-DD HH:MM` for messages.
pub(crate) fn show(at: DateTime) -> String {
    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn clock() -> WorkingClock {
        WorkingClock::new(Calendar::official().unwrap(), OfficeHours::default())
    }

    fn dt(y: i16, m: i8, d: i8, h: i8, min: i8) -> DateTime {
        date(y, m, d).at(h, min, 0, 0)
    }

    #[test]
    fn within_one_session() {
        let e = clock().elapsed(dt(2023, 7, 14, 9, 30), dt(2023, 7, 14, 11, 0), &[]).unwrap();
        assert_eq!(e.working_seconds, 90 * 60);
    }

    #[test]
    fn lunch_break_and_evening_do_not_count() {
        // 11:00 → 15:00: 1 h morning + 1 h afternoon.
        assert_eq!(clock().elapsed(dt(2023, 7, 14, 11, 0), dt(2023, 7, 14, 15, 0), &[]).unwrap().working_seconds, 2 * 3600);
        // Fri 17:00 → Mon 10:00: 1 h + 1 h.
        assert_eq!(clock().elapsed(dt(2023, 7, 14, 17, 0), dt(2023, 7, 17, 10, 0), &[]).unwrap().working_seconds, 2 * 3600);
        // Starting and ending outside office hours.
        assert_eq!(clock().elapsed(dt(2023, 7, 14, 20, 0), dt(2023, 7, 15, 23, 0), &[]).unwrap().working_seconds, 0);
    }

    #[test]
    fn spring_festival_2024_with_makeup_days() {
        // 2024: Feb 4 (Sun) and Feb 18 (Sun) worked; Feb 10–17 off.
        let c = clock();
        let e = c.elapsed(date(2024, 2, 3).at(0, 0, 0, 0), date(2024, 2, 19).at(0, 0, 0, 0), &[]).unwrap();
        // Feb 4 (Sun, make-up), Feb 5–9, Feb 18 (Sun, make-up): 7 working days.
        assert_eq!(e.working_seconds, 7 * 7 * 3600);
    }

    #[test]
    fn stops_are_merged_clipped_and_excluded() {
        let c = clock();
        let stops = vec![
            Stop { start: dt(2023, 7, 14, 8, 0), end: dt(2023, 7, 14, 10, 0) },  // clipped to 9:30
            Stop { start: dt(2023, 7, 14, 9, 45), end: dt(2023, 7, 14, 10, 30) }, // overlaps the first
            Stop { start: dt(2023, 7, 17, 9, 0), end: dt(2023, 7, 20, 9, 0) },  // past the end
        ];
        let e = c.elapsed(dt(2023, 7, 14, 9, 30), dt(2023, 7, 17, 12, 0), &stops).unwrap();
        // Gross: Fri 9:30–12 (2.5 h) + 14–18 (4 h) + Mon 9–12 (3 h) = 9.5 h; stopped 9:30–10:30 Fri and Mon 9–12.
        assert_eq!(e.stopped_seconds, 4 * 3600);
        assert_eq!(e.working_seconds, (9 * 3600 + 1800) - 4 * 3600);
    }

    #[test]
    fn many_stops_in_any_order() {
        // Mon Jul 10 – Fri Jul 14 2023, no holiday: 5 × 7 h gross. Each day 09:00–10:00 and
        // 15:00–16:00 stopped (given last day first), plus a repeat of Monday's first stop and an
        // empty one: 12 stops, 10 h stopped.
        let mut stops: Vec<Stop> = (10..=14)
            .rev()
            .flat_map(|d| [Stop { start: dt(2023, 7, d, 9, 0), end: dt(2023, 7, d, 10, 0) }, Stop { start: dt(2023, 7, d, 15, 0), end: dt(2023, 7, d, 16, 0) }])
            .collect();
        stops.push(Stop { start: dt(2023, 7, 10, 9, 0), end: dt(2023, 7, 10, 10, 0) });
        stops.push(Stop { start: dt(2023, 7, 11, 11, 0), end: dt(2023, 7, 11, 11, 0) });
        let e = clock().elapsed(dt(2023, 7, 10, 9, 0), dt(2023, 7, 14, 18, 0), &stops).unwrap();
        assert_eq!((e.working_seconds, e.stopped_seconds), (25 * 3600, 10 * 3600));
    }

    #[test]
    fn instants_count_to_the_whole_second() {
        let at = |h: i8, m: i8, s: i8, ns: i32| date(2023, 7, 14).at(h, m, s, ns);
        // Fractions of a second are dropped: 09:00:00.9 → 09:30:00.1 is 30 minutes.
        let e = clock().elapsed(at(9, 0, 0, 900_000_000), at(9, 30, 0, 100_000_000), &[]).unwrap();
        assert_eq!(e.working_seconds, 1800);
        // Stops 09:10:00.5–09:15:00.2 and 09:15:00.4–09:20:00: five minutes each, ten in all; a
        // stop inside one second stops nothing.
        let stops = [
            Stop { start: at(9, 10, 0, 500_000_000), end: at(9, 15, 0, 200_000_000) },
            Stop { start: at(9, 15, 0, 400_000_000), end: at(9, 20, 0, 0) },
            Stop { start: at(9, 40, 7, 100), end: at(9, 40, 7, 900) },
        ];
        let e = clock().elapsed(at(9, 0, 0, 0), at(10, 0, 0, 0), &stops).unwrap();
        assert_eq!((e.working_seconds, e.stopped_seconds), (3000, 600));
    }

    #[test]
    fn whole_second_keys_order_like_jiff() {
        let at = |y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8, ns: i32| date(y, mo, d).at(h, mi, s, ns);
        let instants = [
            at(-9999, 1, 1, 0, 0, 0, 0),
            at(-1, 12, 31, 23, 59, 59, 999_999_999),
            at(0, 1, 1, 0, 0, 0, 0),
            at(2023, 1, 31, 23, 59, 59, 0),
            at(2023, 2, 1, 0, 0, 0, 0),
            at(2023, 2, 1, 0, 0, 0, 1),
            at(2023, 2, 1, 0, 0, 1, 0),
            at(2023, 12, 31, 12, 0, 0, 500),
            at(2024, 1, 1, 0, 0, 0, 0),
            at(9999, 12, 31, 23, 59, 59, 999_999_999),
        ];
        for a in instants {
            for b in instants {
                assert_eq!(is_before(a, b), a < b, "{a} {b}");
            }
        }
    }

    #[test]
    fn errors_for_reversed_intervals() {
        let c = clock();
        let err = c.elapsed(dt(2023, 7, 14, 10, 0), dt(2023, 7, 14, 9, 0), &[]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::EndBeforeStart);
        assert!(err.message_zh().contains("2023-07-14 09:00"));
        let bad = [Stop { start: dt(2023, 7, 14, 11, 0), end: dt(2023, 7, 14, 10, 0) }];
        let err = c.elapsed(dt(2023, 7, 14, 9, 0), dt(2023, 7, 14, 12, 0), &bad).unwrap_err();
        assert!(err.message_zh().contains("第 1 个停止计时"), "{err}");
        // The first bad stop is named, by its position in the list as given.
        let second_bad = [Stop { start: dt(2023, 7, 14, 9, 0), end: dt(2023, 7, 14, 10, 0) }, bad[0].clone()];
        let err = c.elapsed(dt(2023, 7, 14, 9, 0), dt(2023, 7, 14, 12, 0), &second_bad).unwrap_err();
        assert_eq!((err.kind(), err.field(), err.item()), (ErrorKind::EndBeforeStart, Some("stops"), Some(1)));
        assert!(err.message_zh().contains("第 2 个停止计时时段"), "{err}");
        // A reversed stop is refused even when it lies wholly outside the interval.
        let outside = [Stop { start: dt(2023, 8, 1, 11, 0), end: dt(2023, 8, 1, 10, 0) }];
        assert_eq!(c.elapsed(dt(2023, 7, 14, 9, 0), dt(2023, 7, 14, 12, 0), &outside).unwrap_err().item(), Some(0));
    }

    #[test]
    fn deadline_lands_on_session_end() {
        let c = clock();
        assert_eq!(c.deadline(date(2023, 9, 29).at(0, 0, 0, 0), 3 * 7 * 3600, &[]).unwrap(), dt(2023, 10, 9, 18, 0));
        // Half a day from Friday 09:00: 3.5 h → 14:30.
        assert_eq!(c.deadline(dt(2023, 7, 14, 9, 0), 3 * 3600 + 1800, &[]).unwrap(), dt(2023, 7, 14, 14, 30));
        // Exactly the morning: 12:00, not 14:00.
        assert_eq!(c.deadline(dt(2023, 7, 14, 9, 0), 3 * 3600, &[]).unwrap(), dt(2023, 7, 14, 12, 0));
        // Zero from after hours: the start itself.
        assert_eq!(c.deadline(dt(2023, 7, 14, 20, 0), 0, &[]).unwrap(), dt(2023, 7, 14, 20, 0));
    }

    #[test]
    fn deadline_skips_stops() {
        let c = clock();
        let stops = [Stop { start: dt(2023, 7, 14, 10, 0), end: dt(2023, 7, 17, 10, 0) }];
        // 2 h from Fri 09:00 with Fri 10:00 – Mon 10:00 stopped: 1 h Fri, then Mon 10–11.
        assert_eq!(c.deadline(dt(2023, 7, 14, 9, 0), 2 * 3600, &stops).unwrap(), dt(2023, 7, 17, 11, 0));
        // A stop after the deadline changes nothing.
        let later = [Stop { start: dt(2023, 8, 1, 9, 0), end: dt(2023, 8, 2, 9, 0) }];
        assert_eq!(c.deadline(dt(2023, 7, 14, 9, 0), 3600, &later).unwrap(), dt(2023, 7, 14, 10, 0));
    }

    #[test]
    fn fixed_hours_per_day_changes_only_the_unit() {
        let h = OfficeHours::new(vec![(9 * 3600, 12 * 3600), (14 * 3600, 18 * 3600)], Some(8.0)).unwrap();
        assert_eq!(h.session_seconds(), 7 * 3600);
        assert_eq!(h.day_seconds(), 8 * 3600);
    }

    #[test]
    fn office_hours_validation() {
        assert!(OfficeHours::new(vec![], None).is_err());
        assert!(OfficeHours::new(vec![(9 * 3600, 9 * 3600)], None).is_err());
        let err = OfficeHours::new(vec![(9 * 3600, 12 * 3600), (11 * 3600, 13 * 3600)], None).unwrap_err();
        assert!(err.message_zh().contains("重叠"), "{err}");
        assert!(OfficeHours::new(vec![(9 * 3600, 12 * 3600)], Some(0.0)).is_err());
        assert!(OfficeHours::new(vec![(9 * 3600, 12 * 3600)], Some(f64::NAN)).is_err());
        assert!(OfficeHours::new(vec![(0, 86_400)], None).is_ok());
    }

    #[test]
    fn uncovered_years_are_reported() {
        let c = clock();
        let e = c.elapsed(dt(2026, 12, 30, 9, 0), dt(2027, 1, 5, 9, 0), &[]).unwrap();
        assert_eq!(e.uncovered_years, vec![2027]);
        // Ending at midnight of Jan 1 does not touch 2027.
        let e = c.elapsed(dt(2026, 12, 30, 9, 0), date(2027, 1, 1).at(0, 0, 0, 0), &[]).unwrap();
        assert!(e.uncovered_years.is_empty());
    }

    #[test]
    fn round_the_clock_sessions() {
        let c = WorkingClock::new(Calendar::official().unwrap(), OfficeHours::new(vec![(0, 86_400)], None).unwrap());
        // A deadline of exactly one full day lands on 24:00, i.e. next midnight.
        assert_eq!(c.deadline(dt(2023, 7, 14, 0, 0), 86_400, &[]).unwrap(), dt(2023, 7, 15, 0, 0));
    }
}
