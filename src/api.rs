//! The operations of the JS API, on serde data, so that the wasm boundary only converts.
//! Native tests exercise everything here; `wasm.rs` adds nothing but the crossing.

use std::borrow::Cow;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, DayInfo};
use crate::error::{Error, ErrorKind, Result};
use crate::parse::{parse_clock, parse_date, parse_input, Field, Moment, TimeInput};
use crate::worktime::{self, OfficeHours, Stop, WorkingClock};

/// Interface language of messages and warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese, then English after a slash: for callers that did not say.
    #[default]
    Both,
    Zh,
    En,
}

impl Lang {
    pub fn pick(self, zh: &str, en: &str) -> String {
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
            Lang::Both => format!("{zh} / {en}"),
        }
    }

    pub fn error(self, err: &Error) -> String {
        self.pick(err.message_zh(), err.message_en())
    }
}

/// A clock-stop period as JS gives it: `[start, end]` or `{start, end, reason}`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum StopInput {
    Pair(TimeInput, TimeInput),
    Object {
        start: TimeInput,
        end: TimeInput,
        #[serde(default)]
        reason: Option<String>,
    },
}

/// The engine's options, as the JS API takes them (`options` of `workingTime` and friends).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkOptions {
    /// Office sessions `[["09:00","12:00"],["14:00","18:00"]]`.
    pub sessions: Option<Vec<(String, String)>>,
    /// Hours that count as one working day, instead of the sessions' sum.
    pub hours_per_day: Option<f64>,
    pub stops: Vec<StopInput>,
    /// User days off, added to or overriding the official calendar.
    pub holidays: Vec<TimeInput>,
    /// User working days, added to or overriding the official calendar.
    pub workdays: Vec<TimeInput>,
    pub lang: Lang,
}

/// What `workingTime` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkingTimeReport {
    pub working_minutes: f64,
    pub working_days: f64,
    pub calendar_days: f64,
    /// Working minutes excluded because they fell in stops.
    pub stopped_minutes: f64,
    pub warnings: Vec<String>,
}

/// What `calendarCoverage` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub first_year: i16,
    pub last_year: i16,
}

impl WorkOptions {
    /// The calendar with the user's days applied; the shared official one when there are none.
    pub fn calendar(&self) -> Result<Cow<'static, Calendar>> {
        if self.holidays.is_empty() && self.workdays.is_empty() {
            return Ok(Cow::Owned(Calendar::official()));
        }
        let holidays = self.holidays.iter().enumerate().map(|(i, d)| parse_date(Field::HOLIDAY, d).map_err(|e| numbered(e, i))).collect::<Result<Vec<_>>>()?;
        let workdays = self.workdays.iter().enumerate().map(|(i, d)| parse_date(Field::WORKDAY, d).map_err(|e| numbered(e, i))).collect::<Result<Vec<_>>>()?;
        let mut cal = Calendar::official();
        cal.apply_overrides(&holidays, &workdays);
        Ok(Cow::Owned(cal))
    }

    pub fn office_hours(&self) -> Result<OfficeHours> {
        match &self.sessions {
            None => match self.hours_per_day {
                None => Ok(OfficeHours::default()),
                Some(h) => OfficeHours::new(OfficeHours::default().sessions().to_vec(), Some(h)),
            },
            Some(list) => {
                let sessions = list
                    .iter()
                    .map(|(s, e)| Ok((parse_clock(Field::SESSION_START, s)?, parse_clock(Field::SESSION_END, e)?)))
                    .collect::<Result<Vec<_>>>()?;
                OfficeHours::new(sessions, self.hours_per_day)
            }
        }
    }

    pub fn clock(&self) -> Result<WorkingClock> {
        Ok(WorkingClock::new(self.calendar()?.into_owned(), self.office_hours()?))
    }

    pub fn parsed_stops(&self) -> Result<Vec<Stop>> {
        parse_stops(&self.stops)
    }
}

/// Parses stops, naming the stop's position in errors.
pub fn parse_stops(stops: &[StopInput]) -> Result<Vec<Stop>> {
    stops
        .iter()
        .enumerate()
        .map(|(i, stop)| {
            let (s, e) = match stop {
                StopInput::Pair(s, e) => (s, e),
                StopInput::Object { start, end, .. } => (start, end),
            };
            let start = instant(Field::STOP_START, s).map_err(|e| numbered(e, i))?;
            let end = instant(Field::STOP_END, e).map_err(|e| numbered(e, i))?;
            Ok(Stop { start, end })
        })
        .collect()
}

fn numbered(err: Error, index: usize) -> Error {
    err.context(&format!("第 {} 项", index + 1), &format!("item {}", index + 1))
}

/// Parses a time input into the instant it stands for (date-only: end of that day).
pub fn instant(field: Field, input: &TimeInput) -> Result<DateTime> {
    let moment: Moment = parse_input(field, input)?;
    moment.instant().ok_or_else(|| {
        Error::new(ErrorKind::Range, format!("{}超出可计算的日期范围", field.zh), format!("{} is beyond the supported date range", field.en))
    })
}

fn year_warnings(years: &[i16], lang: Lang) -> Vec<String> {
    years
        .iter()
        .map(|y| {
            lang.pick(
                &format!("{y} 年没有官方节假日安排数据，已按周一至周五上班计算；公布后请在日历中补充 {y} 年的节假日和调休"),
                &format!("no official holiday data for {y}: computed as plain Mon–Fri working days; add {y}'s holidays and make-up days to the calendar once published"),
            )
        })
        .collect()
}

/// Working time between two instants, minus stops.
///
/// ```
/// use bizenv::api::{working_time, WorkOptions};
/// let r = working_time(&"2023-09-28".into(), &"2023-10-09".into(), &WorkOptions::default()).unwrap();
/// assert_eq!((r.working_days, r.working_minutes, r.calendar_days), (3.0, 1260.0, 11.0));
/// assert!(r.warnings.is_empty());
/// ```
pub fn working_time(start: &TimeInput, end: &TimeInput, options: &WorkOptions) -> Result<WorkingTimeReport> {
    let clock = options.clock()?;
    let (a, b) = (instant(Field::START, start)?, instant(Field::END, end)?);
    let elapsed = clock.elapsed(a, b, &options.parsed_stops()?)?;
    Ok(WorkingTimeReport {
        working_minutes: elapsed.working_seconds as f64 / 60.0,
        working_days: elapsed.working_seconds as f64 / clock.hours().day_seconds() as f64,
        calendar_days: worktime::calendar_days(a, b),
        stopped_minutes: elapsed.stopped_seconds as f64 / 60.0,
        warnings: year_warnings(&elapsed.uncovered_years, options.lang),
    })
}

/// The deadline after `days` working days (fractional allowed) from `start`, skipping stops,
/// with the warnings for years the calendar does not cover.
///
/// ```
/// use bizenv::api::{add_working_days, WorkOptions};
/// let (due, warnings) = add_working_days(&"2023-09-28".into(), 3.0, &WorkOptions::default()).unwrap();
/// assert_eq!(due, "2023-10-09T18:00");
/// assert!(warnings.is_empty());
/// ```
pub fn add_working_days(start: &TimeInput, days: f64, options: &WorkOptions) -> Result<(String, Vec<String>)> {
    if !days.is_finite() || !(0.0..=36_500.0).contains(&days) {
        return Err(Error::new(
            ErrorKind::Range,
            format!("工作日数 {days} 无效：应为 0 至 36500 之间的数"),
            format!("days {days} is out of range: expected a number from 0 to 36500"),
        ));
    }
    let clock = options.clock()?;
    let a = instant(Field::START, start)?;
    let seconds = (days * clock.hours().day_seconds() as f64).round() as i64;
    let due = clock.deadline(a, seconds, &options.parsed_stops()?)?;
    let warnings = year_warnings(&clock.uncovered_years(a, due), options.lang);
    Ok((format!("{}T{:02}:{:02}", due.date(), due.hour(), due.minute()), warnings))
}

/// Calendar days between two instants (date-only values: whole days, first day not counted).
///
/// ```
/// use bizenv::api::calendar_days;
/// assert_eq!(calendar_days(&"2023-09-28".into(), &"2023-10-09".into()).unwrap(), 11.0);
/// ```
pub fn calendar_days(start: &TimeInput, end: &TimeInput) -> Result<f64> {
    let (a, b) = (instant(Field::START, start)?, instant(Field::END, end)?);
    if b < a {
        return Err(Error::new(
            ErrorKind::EndBeforeStart,
            format!("结束时间 {} 早于开始时间 {}", worktime::show(b), worktime::show(a)),
            format!("end {} is before start {}", worktime::show(b), worktime::show(a)),
        ));
    }
    Ok(worktime::calendar_days(a, b))
}

/// What the calendar (with the user's days) says about one date.
pub fn day_info(date: &TimeInput, options: &WorkOptions) -> Result<DayInfo> {
    let d = parse_date(Field::DATE, date)?;
    Ok(options.calendar()?.day_info(d))
}

/// First and last year of the built-in official data.
pub fn calendar_coverage() -> Coverage {
    let (first_year, last_year) = Calendar::official().official_years();
    Coverage { first_year, last_year }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(json: &str) -> WorkOptions {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn options_from_json_in_both_stop_forms() {
        let o = opts(r#"{"sessions":[["08:30","12:00"],["14:30","17:30"]],"hoursPerDay":8,
            "stops":[["2023-07-14 10:00","2023-07-14 11:00"],{"start":45121.625,"end":"2023/7/14 16:00","reason":"补正"}],
            "holidays":["2023-07-13"],"workdays":[45123],"lang":"en"}"#);
        assert_eq!(o.office_hours().unwrap().session_seconds(), 6 * 3600 + 1800);
        let stops = o.parsed_stops().unwrap();
        assert_eq!(stops.len(), 2);
        assert_eq!(stops[1].start.to_string(), "2023-07-14T15:00:00");
        let cal = o.calendar().unwrap();
        assert!(!cal.day_info(jiff::civil::date(2023, 7, 13)).workday);
        assert!(cal.day_info(jiff::civil::date(2023, 7, 16)).workday);
    }

    #[test]
    fn hours_per_day_divides_minutes() {
        let r = working_time(&"2023-07-14 09:00".into(), &"2023-07-14 18:00".into(), &opts(r#"{"hoursPerDay":8}"#)).unwrap();
        assert_eq!(r.working_minutes, 420.0);
        assert_eq!(r.working_days, 420.0 / 480.0);
    }

    #[test]
    fn warnings_name_the_year_in_the_chosen_language() {
        let r = working_time(&"2026-12-31".into(), &"2027-01-04".into(), &opts(r#"{"lang":"zh"}"#)).unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].starts_with("2027 年"), "{:?}", r.warnings);
        // Jan 1 2027 (Fri) counted as a working day by the Mon–Fri rule, then Jan 4 (Mon).
        assert_eq!(r.working_days, 2.0);
        let r = working_time(&"2026-12-31".into(), &"2027-01-04".into(), &opts(r#"{"lang":"en","holidays":["2027-01-01"]}"#)).unwrap();
        assert!(r.warnings.is_empty(), "user data covers 2027: {:?}", r.warnings);
        assert_eq!(r.working_days, 1.0);
        let (_, w) = add_working_days(&"2026-12-30".into(), 5.0, &WorkOptions::default()).unwrap();
        assert!(w[0].contains("2027"));
    }

    #[test]
    fn errors_are_specific() {
        let e = working_time(&"garbage".into(), &"2023-01-01".into(), &WorkOptions::default()).unwrap_err();
        assert!(e.message_zh().contains("开始时间「garbage」"), "{e}");
        let e = working_time(&"2023-01-02".into(), &"2023-01-01".into(), &WorkOptions::default()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EndBeforeStart);
        let e = working_time(&"2023-01-01".into(), &"2023-01-02".into(), &opts(r#"{"stops":[["2023-01-01","bad"]]}"#)).unwrap_err();
        assert!(e.message_zh().starts_with("第 1 项"), "{e}");
        let e = working_time(&"2023-01-01".into(), &"2023-01-02".into(), &opts(r#"{"sessions":[["09:00","08:00"]]}"#)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::OfficeHours);
        assert!(add_working_days(&"2023-01-01".into(), -1.0, &WorkOptions::default()).is_err());
        assert!(add_working_days(&"2023-01-01".into(), f64::INFINITY, &WorkOptions::default()).is_err());
        assert!(calendar_days(&"2023-01-02".into(), &"2023-01-01".into()).is_err());
    }

    #[test]
    fn coverage_is_the_official_range() {
        assert_eq!(calendar_coverage(), Coverage { first_year: 2004, last_year: 2026 });
    }
}
