//! The PRC working-day calendar: the Mon–Fri rule, corrected by the State Council's statutory
//! holidays and make-up working days (调休), plus whatever days a user adds.
//!
//! Counting working days between two dates costs O(log n) in the number of special days: the
//! Mon–Fri days are counted arithmetically by whole weeks, and the corrections (a holiday on a
//! weekday takes one away, a make-up working weekend day adds one) are kept as a sorted prefix sum.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use crate::error::{builtin_broken, Error, ErrorKind, Result};

/// The official arrangement 2004–2026, from the State Council's annual notices.
const OFFICIAL_CSV: &str = include_str!("../../data/prc-calendar-2004-2026.csv");


/// How a date stands in the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary Monday to Friday: a working day.
    Weekday,
    /// An ordinary Saturday or Sunday: a day off.
    Weekend,
    /// A statutory holiday day off (法定节假日), including one that falls on a weekend.
    Holiday,
    /// A weekend day worked in exchange for a holiday bridge (调休上班).
    MakeupWorkday,
}

impl DayKind {
    pub fn is_workday(self) -> bool {
        matches!(self, DayKind::Weekday | DayKind::MakeupWorkday)
    }
}

/// A date whose status the Mon–Fri rule does not tell: a holiday or a make-up working day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecialDay {
    pub workday: bool,
    pub name_zh: String,
    pub name_en: String,
}

/// Everything the calendar knows about one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: Date,
    pub workday: bool,
    pub kind: DayKind,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i8,
    /// The holiday's Chinese name (e.g. 国庆节, 国庆节调休上班), or `None` for an ordinary day.
    pub name: Option<String>,
    /// Its English name (National Day, National Day make-up working day), for an English page.
    #[serde(rename = "nameEn")]
    pub name_en: Option<String>,
    /// Whether official or user data covers the date's year; when not, the Mon–Fri rule was assumed.
    pub covered: bool,
}

/// A working-day calendar.
///
/// ```
/// use bizenv::time::calendar::{Calendar, DayKind};
/// use jiff::civil::date;
///
/// let cal = Calendar::official().unwrap();
/// assert_eq!(cal.day_info(date(2023, 10, 2)).kind, DayKind::Holiday);
/// assert_eq!(cal.day_info(date(2023, 10, 7)).kind, DayKind::MakeupWorkday);
/// // Sep 29 – Oct 6 2023 off, Oct 7 and 8 worked: Oct 1 to Oct 10 holds 4 working days.
/// assert_eq!(cal.workdays_between(date(2023, 10, 1), date(2023, 10, 11)), 4);
/// ```
#[derive(Clone, Debug)]
pub struct Calendar {
    special: BTreeMap<Date, SpecialDay>,
    /// Sorted by day number: the running sum of corrections to the Mon–Fri count, up to and
    /// including that day. Only days that change the count are listed.
    corrections: Vec<(i64, i64)>,
    official_years: (i16, i16),
    covered_years: BTreeSet<i16>,
    /// The same counts, dense, over the covered years and the [`DENSE_YEARS_AFTER`] years after
    /// them: `dense[k]` = working days before day number `dense_first + k`. One load instead of a
    /// binary search and a map lookup per query (the hot path of every case evaluated and of the
    /// bulk API).
    dense_first: i64,
    dense: Vec<i32>,
    /// Where each month begins in `dense`: `month_starts[12 * (year - dense_first_year) + month - 1]`
    /// is the index of its first day, for the months whose first day the table holds. A date's
    /// place in the table is then one more load, without the civil-date arithmetic.
    dense_first_year: i16,
    month_starts: Vec<u32>,
    /// First and last covered year when the covered years have no gap.
    covered_run: Option<(i16, i16)>,
}

impl Calendar {
    /// The built-in official calendar (2004–2026), as a copy to add days to.
    pub fn official() -> Result<Calendar> {
        Calendar::official_ref().cloned()
    }

    /// The built-in official calendar, parsed once and shared. It is checked by the test suite;
    /// if it ever failed to load, this is an error of kind `internal`, never an empty calendar.
    pub fn official_ref() -> Result<&'static Calendar> {
        static OFFICIAL: OnceLock<Result<Calendar>> = OnceLock::new();
        OFFICIAL
            .get_or_init(|| {
                let mut cal = Calendar::empty();
                cal.load_csv(OFFICIAL_CSV).map_err(|e| builtin_broken("prc-calendar-2004-2026.csv", &e))?;
                cal.official_years = match (cal.covered_years.first(), cal.covered_years.last()) {
                    (Some(first), Some(last)) => (*first, *last),
                    _ => return Err(builtin_broken("prc-calendar-2004-2026.csv", &Error::new(ErrorKind::Calendar, "没有任何日期", "no dates"))),
                };
                Ok(cal)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A calendar with no special days at all: the plain Mon–Fri rule, no year covered.
    pub fn empty() -> Calendar {
        Calendar {
            special: BTreeMap::new(),
            corrections: Vec::new(),
            official_years: (0, 0),
            covered_years: BTreeSet::new(),
            dense_first: 0,
            dense: Vec::new(),
            dense_first_year: 0,
            month_starts: Vec::new(),
            covered_run: None,
        }
    }

    /// First and last year of the built-in official data.
    pub fn official_years(&self) -> (i16, i16) {
        self.official_years
    }

    /// Whether official or user data covers `year`.
    pub fn covers(&self, year: i16) -> bool {
        self.covered_years.contains(&year)
    }

    /// Years in `first..=last` that no data covers, for the warnings a computation must give.
    pub fn uncovered_years(&self, first: i16, last: i16) -> Vec<i16> {
        // The common case, asked once per case evaluated: inside one unbroken run of covered
        // years (the official 2004–2026), with no set lookups and no allocation.
        if matches!(self.covered_run, Some((lo, hi)) if lo <= first && last <= hi) {
            return Vec::new();
        }
        (first..=last).filter(|y| !self.covers(*y)).collect()
    }

    /// Marks `date` as a day off (`workday == false`) or a working day, overriding any earlier entry,
    /// and counts its year as covered.
    pub fn set_day(&mut self, date: Date, workday: bool, name_zh: &str, name_en: &str) {
        self.insert(date, workday, name_zh, name_en);
        self.rebuild_corrections();
    }

    /// Marks many days at once: user holidays and user working days (the JS `holidays`/`workdays`).
    pub fn apply_overrides(&mut self, holidays: &[Date], workdays: &[Date]) {
        for d in holidays {
            self.insert(*d, false, "自定义休息日", "Custom day off");
        }
        for d in workdays {
            self.insert(*d, true, "自定义工作日", "Custom working day");
        }
        self.rebuild_corrections();
    }

    /// Reads days in the format of the built-in data: `date,kind,name_zh,name_en` with a header line,
    /// `kind` being `holiday` or `workday`. Returns how many days were read.
    ///
    /// ```
    /// use bizenv::time::calendar::Calendar;
    /// use jiff::civil::date;
    ///
    /// let mut cal = Calendar::official().unwrap();
    /// assert!(!cal.covers(2027));
    /// let n = cal.load_csv("date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n").unwrap();
    /// assert_eq!(n, 1);
    /// assert!(cal.covers(2027));
    /// assert!(!cal.day_info(date(2027, 1, 1)).workday);
    /// ```
    pub fn load_csv(&mut self, text: &str) -> Result<usize> {
        let mut count = 0;
        let mut rows = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line_no = index + 1;
            let line = raw.trim().trim_start_matches('\u{feff}');
            if line.is_empty() || (index == 0 && line.starts_with("date")) {
                continue;
            }
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            let bad = |zh: String, en: String| {
                Error::new(ErrorKind::Calendar, format!("日历数据第 {line_no} 行：{zh}"), format!("calendar data line {line_no}: {en}"))
            };
            if fields.len() < 2 {
                return Err(bad(
                    format!("「{line}」应为 日期,类别,中文名,英文名"),
                    format!("\"{line}\" should be date,kind,name_zh,name_en"),
                ));
            }
            let date: Date = fields[0].parse().map_err(|_| {
                bad(
                    format!("日期「{}」应为 YYYY-MM-DD 格式", fields[0]),
                    format!("date \"{}\" should be YYYY-MM-DD", fields[0]),
                )
            })?;
            let workday = match fields[1] {
                "holiday" | "休" | "假" => false,
                "workday" | "班" => true,
                other => {
                    return Err(bad(
                        format!("类别「{other}」应为 holiday（休息）或 workday（上班）"),
                        format!("kind \"{other}\" should be holiday or workday"),
                    ))
                }
            };
            let name_zh = fields.get(2).copied().unwrap_or("");
            let name_en = fields.get(3).copied().unwrap_or(name_zh);
            rows.push((date, workday, name_zh.to_string(), name_en.to_string()));
        }
        // All or nothing: a file with one bad line changes nothing.
        for (date, workday, zh, en) in rows {
            self.insert(date, workday, &zh, &en);
            count += 1;
        }
        self.rebuild_corrections();
        Ok(count)
    }

    fn insert(&mut self, date: Date, workday: bool, name_zh: &str, name_en: &str) {
        self.covered_years.insert(date.year());
        self.special.insert(
            date,
            SpecialDay { workday, name_zh: name_zh.to_string(), name_en: name_en.to_string() },
        );
    }

    fn rebuild_corrections(&mut self) {
        let mut running = 0;
        self.corrections.clear();
        for (date, special) in &self.special {
            let delta = match (is_weekend(*date), special.workday) {
                (true, true) => 1,
                (false, false) => -1,
                _ => 0,
            };
            if delta != 0 {
                running += delta;
                self.corrections.push((day_number(*date), running));
            }
        }
        self.rebuild_dense();
    }

    /// Fills [`Calendar::dense`] for the covered years and the [`DENSE_YEARS_AFTER`] after them (at
    /// most [`DENSE_MAX_DAYS`] days from the first covered year; a calendar with far-flung user
    /// years keeps the search for the rest).
    fn rebuild_dense(&mut self) {
        self.dense.clear();
        self.dense_first = 0;
        self.month_starts.clear();
        self.covered_run = None;
        let (Some(&first), Some(&last)) = (self.covered_years.first(), self.covered_years.last()) else { return };
        if usize::try_from(i32::from(last) - i32::from(first) + 1).ok() == Some(self.covered_years.len()) {
            self.covered_run = Some((first, last));
        }
        let (Ok(from), Ok(to)) = (Date::new(first, 1, 1), Date::new(last.saturating_add(1 + DENSE_YEARS_AFTER).min(9999), 1, 1)) else { return };
        let (from, to) = (day_number(from), day_number(to));
        let to = to.min(from + DENSE_MAX_DAYS);
        let dense: Option<Vec<i32>> = (from..=to).map(|n| i32::try_from(self.sparse_workdays_before(n)).ok()).collect();
        if let Some(dense) = dense {
            self.dense_first = from;
            self.dense = dense;
            self.dense_first_year = first;
            self.month_starts = month_starts(first, from, self.dense.len());
        }
    }

    /// What the calendar says about `date`.
    pub fn day_info(&self, date: Date) -> DayInfo {
        let covered = self.covers(date.year());
        match self.special.get(&date) {
            Some(s) => DayInfo {
                date,
                workday: s.workday,
                kind: if s.workday { DayKind::MakeupWorkday } else { DayKind::Holiday },
                weekday: date.weekday().to_monday_one_offset(),
                name: Some(s.name_zh.clone()).filter(|n| !n.is_empty()),
                name_en: Some(s.name_en.clone()).filter(|n| !n.is_empty()),
                covered,
            },
            None => {
                let weekend = is_weekend(date);
                DayInfo {
                    date,
                    workday: !weekend,
                    kind: if weekend { DayKind::Weekend } else { DayKind::Weekday },
                    weekday: date.weekday().to_monday_one_offset(),
                    name: None,
                    name_en: None,
                    covered,
                }
            }
        }
    }

    /// Whether the day with this day number is a working day.
    pub(crate) fn is_workday_number(&self, n: i64) -> bool {
        if let Some((before, after)) = self.dense_pair(n) {
            return after > before;
        }
        match date_of_number(n) {
            Some(date) => match self.special.get(&date) {
                Some(s) => s.workday,
                None => !is_weekend(date),
            },
            None => false,
        }
    }

    /// Working days strictly before day number `n`, counted from Monday 2000-01-03 (negative before it).
    #[inline]
    pub(crate) fn workdays_before_number(&self, n: i64) -> i64 {
        match usize::try_from(n - self.dense_first).ok().and_then(|k| self.dense.get(k)) {
            Some(&count) => i64::from(count),
            None => self.sparse_workdays_before(n),
        }
    }

    /// Working days before `date`, and whether `date` is a working day: two loads from the dense
    /// table when it holds the date (the hot path of every working-time query).
    #[inline(always)]
    pub(crate) fn standing(&self, date: Date) -> (i64, bool) {
        match self.dense_pair_of(date) {
            Some((before, after)) => (i64::from(before), after > before),
            None => self.standing_outside_dense(date),
        }
    }

    /// [`Calendar::standing`] for a date the dense table does not hold: kept out of line, so
    /// that the queries inline only the table lookup.
    #[inline(never)]
    fn standing_outside_dense(&self, date: Date) -> (i64, bool) {
        let n = day_number(date);
        (self.workdays_before_number(n), self.is_workday_number(n))
    }

    /// [`Calendar::dense_pair`] for a date, its index found through [`Calendar::month_starts`].
    #[inline(always)]
    fn dense_pair_of(&self, date: Date) -> Option<(i32, i32)> {
        let month = (i32::from(date.year()) - i32::from(self.dense_first_year)) * 12 + i32::from(date.month()) - 1;
        let first_of_month = *self.month_starts.get(usize::try_from(month).ok()?)?;
        // A valid date's day is 1..=31 and within its month, so this stays inside the month.
        let k = usize::try_from(first_of_month).ok()? + usize::try_from(date.day() - 1).ok()?;
        Some((*self.dense.get(k)?, *self.dense.get(k + 1)?))
    }

    /// Working days before day numbers `n` and `n + 1`, when both are in the dense table.
    #[inline]
    fn dense_pair(&self, n: i64) -> Option<(i32, i32)> {
        let k = usize::try_from(n - self.dense_first).ok()?;
        Some((*self.dense.get(k)?, *self.dense.get(k + 1)?))
    }

    /// [`Calendar::workdays_before_number`] from the week arithmetic and the sorted corrections.
    fn sparse_workdays_before(&self, n: i64) -> i64 {
        let plain = n.div_euclid(7) * 5 + n.rem_euclid(7).min(5);
        // Corrections on days < n: the last entry with day number < n holds their running sum.
        let idx = self.corrections.partition_point(|(d, _)| *d < n);
        let correction = if idx == 0 { 0 } else { self.corrections[idx - 1].1 };
        plain + correction
    }

    /// Working days in `[from, to)`: `from` counted, `to` not.
    pub fn workdays_between(&self, from: Date, to: Date) -> i64 {
        self.workdays_before_number(day_number(to)) - self.workdays_before_number(day_number(from))
    }

    /// The special days in `[from, to]`, for listings and month views.
    pub fn special_days(&self, from: Date, to: Date) -> impl Iterator<Item = (&Date, &SpecialDay)> {
        self.special.range(from..=to)
    }

    /// The day number of the working day that has exactly `k` working days before it, searching
    /// outward from day number `near` (exponential, then binary search: O(log)).
    pub(crate) fn nth_workday_number(&self, k: i64, near: i64) -> Option<i64> {
        // f(n) = working days up to and including day n; we want the least n with f(n) >= k + 1.
        let f = |n: i64| self.workdays_before_number(n + 1);
        let (mut lo, mut hi) = (near, near);
        let mut step = 8;
        while f(lo) > k {
            lo = lo.checked_sub(step)?;
            step = step.checked_mul(2)?;
            if lo < MIN_DAY_NUMBER {
                return None;
            }
        }
        step = 8;
        while f(hi) < k + 1 {
            hi = hi.checked_add(step)?;
            step = step.checked_mul(2)?;
            if hi > MAX_DAY_NUMBER {
                return None;
            }
        }
        // Invariant: f(lo) < k + 1 <= f(hi).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if f(mid) > k {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }
}

impl From<Calendar> for std::borrow::Cow<'static, Calendar> {
    fn from(cal: Calendar) -> Self {
        std::borrow::Cow::Owned(cal)
    }
}

impl From<&'static Calendar> for std::borrow::Cow<'static, Calendar> {
    fn from(cal: &'static Calendar) -> Self {
        std::borrow::Cow::Borrowed(cal)
    }
}

/// For each month from January of `first_year` whose first day falls in a dense table of
/// `len` days beginning at day number `dense_first`: the index of that first day.
fn month_starts(first_year: i16, dense_first: i64, len: usize) -> Vec<u32> {
    let mut starts = Vec::new();
    for year in first_year..=9999 {
        for month in 1..=12 {
            let Ok(first) = Date::new(year, month, 1) else { return starts };
            match u32::try_from(day_number(first) - dense_first) {
                Ok(k) if (k as usize) < len => starts.push(k),
                _ => return starts,
            }
        }
    }
    starts
}

/// Years after the last covered one that the dense table also holds (by the Mon–Fri rule): a
/// case still open when the official data ends, before the next year's notice is added, keeps
/// the fast path.
const DENSE_YEARS_AFTER: i16 = 2;

/// Longest span of the dense table: 400 years of days (under 600 KB).
const DENSE_MAX_DAYS: i64 = 146_097;

/// Day numbers of the dates jiff supports (years -9999..=9999), roughly; searches stay inside.
const MIN_DAY_NUMBER: i64 = -4_300_000;
const MAX_DAY_NUMBER: i64 = 2_900_000;

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Days since Monday 2000-01-03, so that whole weeks start on a day number divisible by 7.
#[inline]
pub(crate) fn day_number(date: Date) -> i64 {
    days_from_civil(date.year(), date.month(), date.day()) - EPOCH_MONDAY_UNIX_DAY
}

/// The Unix epoch day (days since 1970-01-01) of 2000-01-03.
pub(crate) const EPOCH_MONDAY_UNIX_DAY: i64 = 10_959;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`):
/// integer arithmetic only, a few nanoseconds, where a jiff span between two dates costs more.
#[inline]
fn days_from_civil(year: i16, month: i8, day: i8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date with this day number, or `None` outside jiff's range (years -9999..=9999).
pub(crate) fn date_of_number(n: i64) -> Option<Date> {
    date_of_unix_day(n.checked_add(EPOCH_MONDAY_UNIX_DAY)?)
}

/// The date of a Unix epoch day (days since 1970-01-01), or `None` outside jiff's range.
/// Integer arithmetic (Howard Hinnant's `civil_from_days`): a deadline and every kept time are
/// turned into dates this way, where jiff's date arithmetic costs several times more.
#[inline]
pub(crate) fn date_of_unix_day(z: i64) -> Option<Date> {
    // Far outside jiff's range the arithmetic below could overflow; jiff refuses these anyway.
    if !(-5_000_000..=4_000_000).contains(&z) {
        return None;
    }
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()
}

/// The Unix epoch day of a date: days since 1970-01-01.
#[inline]
pub(crate) fn unix_day(date: Date) -> i64 {
    days_from_civil(date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn official_data_spans_2004_to_2026() {
        let cal = Calendar::official().unwrap();
        assert_eq!(cal.official_years(), (2004, 2026));
        assert!(cal.covers(2004) && cal.covers(2026));
        assert!(!cal.covers(2003) && !cal.covers(2027));
    }

    #[test]
    fn embedded_csv_parses() {
        let mut cal = Calendar::empty();
        let n = cal.load_csv(OFFICIAL_CSV).unwrap();
        assert_eq!(n, OFFICIAL_CSV.lines().count() - 1);
    }

    #[test]
    fn standing_agrees_with_the_week_arithmetic_day_by_day() {
        // The dense table found through the month index, against the Mon–Fri count plus the sorted
        // corrections, on every day around the official years and the two after them (where the
        // dense table ends), around the end of a table cut short after 400 years by a far user
        // year (2404), and on a calendar without any.
        let mut far = Calendar::official().unwrap();
        far.set_day(date(2500, 1, 1), false, "元旦", "New Year's Day");
        for cal in [Calendar::official().unwrap(), far, Calendar::empty()] {
            for (from, to) in [(date(2003, 11, 1), date(2029, 3, 1)), (date(2403, 11, 1), date(2404, 3, 1)), (date(2499, 12, 25), date(2500, 1, 5))] {
                for n in day_number(from)..=day_number(to) {
                    let day = date_of_number(n).unwrap();
                    let before = cal.sparse_workdays_before(n);
                    assert_eq!(cal.standing(day), (before, cal.sparse_workdays_before(n + 1) > before), "{day}");
                }
            }
        }
        // By hand, with no special days: Mon 2000-01-03 is day 0, so five working days precede
        // Sat 01-08 and Mon 01-10.
        let plain = Calendar::empty();
        assert_eq!(plain.standing(date(2000, 1, 3)), (0, true));
        assert_eq!(plain.standing(date(2000, 1, 8)), (5, false));
        assert_eq!(plain.standing(date(2000, 1, 10)), (5, true));
        let official = Calendar::official_ref().unwrap();
        assert!(!official.standing(date(2023, 10, 2)).1 && official.standing(date(2023, 10, 7)).1);
    }

    #[test]
    fn day_numbers_round_trip() {
        for d in [date(1900, 1, 1), date(1999, 12, 31), date(2000, 1, 3), date(2023, 10, 9), date(2099, 12, 31)] {
            assert_eq!(date_of_number(day_number(d)), Some(d));
        }
        assert_eq!(day_number(date(2000, 1, 3)), 0);
        assert_eq!(day_number(date(2000, 1, 2)), -1);
        // 2000-01-03 is Unix day 10 957 (30 years of 365 days plus 7 leap days) + 2.
        assert_eq!(day_number(date(1970, 1, 1)), -10_959);
        // Year -9999 is not a leap year (-10 000 is): 31 + 28 days to March 1.
        assert_eq!(day_number(date(-9999, 1, 1)) - day_number(date(-9999, 3, 1)), -59);
        assert_eq!(day_number(date(2024, 3, 1)) - day_number(date(2024, 2, 28)), 2);
        assert_eq!(day_number(date(2100, 3, 1)) - day_number(date(2100, 2, 28)), 1);
    }

    #[test]
    fn dates_of_unix_days() {
        // Hand-counted: 2023-07-14 is 19 552 days after 1970-01-01 (53 years, 13 of them leap
        // years, = 19 358 days to 2023-01-01, then 194 days into the year).
        assert_eq!(date_of_unix_day(19_552), Some(date(2023, 7, 14)));
        assert_eq!(date_of_unix_day(0), Some(date(1970, 1, 1)));
        assert_eq!(date_of_unix_day(-1), Some(date(1969, 12, 31)));
        assert_eq!(date_of_unix_day(11_016), Some(date(2000, 2, 29)));
        assert_eq!(date_of_number(0), Some(date(2000, 1, 3)));
        // jiff's range ends at 9999-12-31 and begins at -9999-01-01.
        assert_eq!(date_of_unix_day(unix_day(date(9999, 12, 31))), Some(date(9999, 12, 31)));
        assert_eq!(date_of_unix_day(unix_day(date(9999, 12, 31)) + 1), None);
        assert_eq!(date_of_unix_day(unix_day(date(-9999, 1, 1))), Some(date(-9999, 1, 1)));
        assert_eq!(date_of_unix_day(unix_day(date(-9999, 1, 1)) - 1), None);
        assert_eq!(date_of_unix_day(i64::MIN), None);
        assert_eq!(date_of_unix_day(i64::MAX), None);
        // Every day of jiff's range agrees with jiff's own arithmetic (walked a day at a time).
        let mut d = date(-9999, 1, 1);
        let mut z = unix_day(d);
        loop {
            assert_eq!(date_of_unix_day(z), Some(d), "{z}");
            match d.tomorrow() {
                Ok(next) => (d, z) = (next, z + 1),
                Err(_) => break,
            }
        }
    }

    #[test]
    fn uncovered_years_with_and_without_gaps() {
        let mut cal = Calendar::official().unwrap();
        assert_eq!(cal.uncovered_years(2004, 2026), Vec::<i16>::new());
        assert_eq!(cal.uncovered_years(2002, 2005), [2002, 2003]);
        cal.load_csv("date,kind\n2030-01-01,holiday\n").unwrap();
        assert_eq!(cal.uncovered_years(2025, 2031), [2027, 2028, 2029, 2031]);
        assert_eq!(cal.uncovered_years(2010, 2020), Vec::<i16>::new());
    }

    #[test]
    fn dense_table_agrees_with_the_sparse_count() {
        let cal = Calendar::official().unwrap();
        assert!(!cal.dense.is_empty());
        let first = cal.dense_first;
        for n in (first - 30)..(first + cal.dense.len() as i64 + 30) {
            assert_eq!(cal.workdays_before_number(n), cal.sparse_workdays_before(n), "day number {n}");
        }
    }

    #[test]
    fn plain_weeks_have_five_working_days() {
        let cal = Calendar::empty();
        assert_eq!(cal.workdays_between(date(2031, 3, 3), date(2031, 3, 10)), 5);
        assert_eq!(cal.workdays_between(date(1995, 1, 1), date(1995, 1, 8)), 5);
        // Sat to Mon: nothing counted.
        assert_eq!(cal.workdays_between(date(2031, 3, 8), date(2031, 3, 10)), 0);
    }

    #[test]
    fn national_day_2023() {
        let cal = Calendar::official().unwrap();
        // Sep 28 (Thu) worked, Sep 29 – Oct 6 off, Oct 7 (Sat), Oct 8 (Sun) worked, Oct 9 (Mon) worked.
        assert_eq!(cal.workdays_between(date(2023, 9, 29), date(2023, 10, 10)), 3);
        let info = cal.day_info(date(2023, 10, 1));
        assert_eq!((info.kind, info.name.as_deref()), (DayKind::Holiday, Some("国庆节")));
        assert!(cal.day_info(date(2023, 10, 8)).workday);
    }

    #[test]
    fn overrides_replace_official_days() {
        let mut cal = Calendar::official().unwrap();
        cal.apply_overrides(&[date(2023, 7, 14)], &[date(2023, 10, 2)]);
        assert!(!cal.day_info(date(2023, 7, 14)).workday);
        assert_eq!(cal.day_info(date(2023, 10, 2)).kind, DayKind::MakeupWorkday);
        assert_eq!(cal.workdays_between(date(2023, 7, 10), date(2023, 7, 17)), 4);
    }

    #[test]
    fn bad_csv_names_the_line_and_changes_nothing() {
        let mut cal = Calendar::official().unwrap();
        let err = cal.load_csv("date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,NY\n2027-02-30,holiday,x,x\n").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Calendar);
        assert!(err.message_zh().contains("第 3 行"), "{err}");
        assert!(err.message_en().contains("2027-02-30"), "{err}");
        assert!(!cal.covers(2027));
        let err = cal.load_csv("2027-01-01,off\n").unwrap_err();
        assert!(err.message_en().contains("off"), "{err}");
    }

    #[test]
    fn nth_workday_finds_the_day() {
        let cal = Calendar::official().unwrap();
        let start = day_number(date(2023, 9, 29));
        let k = cal.workdays_before_number(start);
        // The first working day on or after Sep 29 2023 is Oct 7.
        let n = cal.nth_workday_number(k, start).unwrap();
        assert_eq!(date_of_number(n), Some(date(2023, 10, 7)));
        assert_eq!(cal.nth_workday_number(k, start + 5000), Some(n));
    }
}
