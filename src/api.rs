//! The operations of the JS API, on serde data, so that the wasm boundary only converts.
//! Native tests exercise everything here; `wasm/` adds nothing but the crossing.

use std::borrow::Cow;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use crate::evaluate::report::Report;
use crate::ledger::table::{Problem, Table};
use crate::ledger::RowCounts;
use crate::report::charts::{ChartData, ChartKind};
use crate::report::export::LedgerExport;
use crate::time::calendar::{Calendar, DayInfo};
use crate::error::{Error, ErrorKind, Result};
use crate::time::parse::{parse_clock, parse_date, parse_input, Field, Moment, TimeInput};
use crate::time::clock::{self, OfficeHours, Stop, WorkingClock};

pub use crate::error::Lang;

/// A clock-stop period as JS gives it (one type for the time functions and the cases).
pub use crate::plan::cases::StopInput;

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
    /// Whole arrangements in the format of the built-in data (`date,kind,name_zh,name_en`), such
    /// as a year announced after this release; applied before `holidays` and `workdays`.
    pub calendar_csv: Vec<String>,
    pub lang: Lang,
}

/// What `workingTime` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkingTimeReport {
    pub working_minutes: f64,
    pub working_hours: f64,
    pub working_days: f64,
    pub calendar_days: f64,
    /// Working minutes excluded because they fell in stops.
    pub stopped_minutes: f64,
    pub stopped_hours: f64,
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
        if self.holidays.is_empty() && self.workdays.is_empty() && self.calendar_csv.is_empty() {
            return Ok(Cow::Borrowed(Calendar::official_ref()?));
        }
        let holidays = self.holidays.iter().enumerate().map(|(i, d)| parse_date(Field::HOLIDAY, d).map_err(|e| numbered(e, i))).collect::<Result<Vec<_>>>()?;
        let workdays = self.workdays.iter().enumerate().map(|(i, d)| parse_date(Field::WORKDAY, d).map_err(|e| numbered(e, i))).collect::<Result<Vec<_>>>()?;
        let mut cal = Calendar::official()?;
        for csv in &self.calendar_csv {
            cal.load_csv(csv).map_err(|e| e.with_field("calendarCsv"))?;
        }
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
                    .enumerate()
                    .map(|(i, (s, e))| Ok((parse_clock(Field::SESSION_START, s).map_err(|e| e.with_item(i))?, parse_clock(Field::SESSION_END, e).map_err(|e| e.with_item(i))?)))
                    .collect::<Result<Vec<_>>>()?;
                OfficeHours::new(sessions, self.hours_per_day)
            }
        }
    }

    pub fn clock(&self) -> Result<WorkingClock> {
        Ok(WorkingClock::new(self.calendar()?, self.office_hours()?))
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
            let start = instant(Field::STOP_START, s).map_err(|e| numbered_stop(e, i))?;
            let end = instant(Field::STOP_END, e).map_err(|e| numbered_stop(e, i))?;
            Ok(Stop { start, end })
        })
        .collect()
}

fn numbered(err: Error, index: usize) -> Error {
    err.context(&format!("第 {} 项", index + 1), &format!("item {}", index + 1))
}

fn numbered_stop(err: Error, index: usize) -> Error {
    err.context(&format!("第 {} 个停止计时时段", index + 1), &format!("stop {}", index + 1)).with_item(index)
}

/// Parses a time input into the instant it stands for (date-only: end of that day).
pub fn instant(field: Field, input: &TimeInput) -> Result<DateTime> {
    moment_instant(field, &parse_input(field, input)?)
}

fn moment_instant(field: Field, moment: &Moment) -> Result<DateTime> {
    moment.instant().ok_or_else(|| {
        Error::new(ErrorKind::Range, format!("{}超出可计算的日期范围", field.zh), format!("{} is beyond the supported date range", field.en)).with_field(field.key)
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
    let (a, b) = ordered(start, end)?;
    let elapsed = clock.elapsed(a, b, &options.parsed_stops()?)?;
    Ok(WorkingTimeReport {
        working_minutes: elapsed.working_seconds as f64 / 60.0,
        working_hours: elapsed.working_seconds as f64 / 3600.0,
        working_days: elapsed.working_seconds as f64 / clock.hours().day_seconds() as f64,
        calendar_days: clock::calendar_days(a, b),
        stopped_minutes: elapsed.stopped_seconds as f64 / 60.0,
        stopped_hours: elapsed.stopped_seconds as f64 / 3600.0,
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
        )
        .with_field("days"));
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
    let (a, b) = ordered(start, end)?;
    Ok(clock::calendar_days(a, b))
}

/// The instants of a start and an end, or an error quoting both as the user wrote them.
pub fn ordered(start: &TimeInput, end: &TimeInput) -> Result<(DateTime, DateTime)> {
    let (ms, me) = (parse_input(Field::START, start)?, parse_input(Field::END, end)?);
    let (a, b) = (moment_instant(Field::START, &ms)?, moment_instant(Field::END, &me)?);
    if b < a {
        let same_day = ms.is_date_only() && ms.date == me.date;
        let (hint_zh, hint_en) = if same_day {
            ("；开始时间只填日期时从次日起算，同日办结请填写具体时刻", "; a start given as a date alone counts from the next day, so give times for a same-day case")
        } else {
            ("", "")
        };
        return Err(Error::new(
            ErrorKind::EndBeforeStart,
            format!("结束时间 {} 早于开始时间 {}{hint_zh}", me.describe_zh(), ms.describe_zh()),
            format!("end {} is before start {}{hint_en}", me.describe_en(), ms.describe_en()),
        )
        .with_field("end"));
    }
    Ok((a, b))
}

/// What the calendar (with the user's days) says about one date.
pub fn day_info(date: &TimeInput, options: &WorkOptions) -> Result<DayInfo> {
    let d = parse_date(Field::DATE, date)?;
    Ok(options.calendar()?.day_info(d))
}

/// The first day of `year`-`month`, or an error naming the month.
fn first_of_month(year: i32, month: i32) -> Result<jiff::civil::Date> {
    i16::try_from(year).ok().zip(i8::try_from(month).ok()).and_then(|(y, m)| jiff::civil::Date::new(y, m, 1).ok()).ok_or_else(|| {
        Error::new(
            ErrorKind::Range,
            format!("年月 {year}-{month} 无效：年份应为 1 至 9999，月份应为 1 至 12"),
            format!("year-month {year}-{month} is invalid: year 1–9999 and month 1–12 expected"),
        )
        .with_field("month")
    })
}

/// One month of the calendar, for month views.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthInfo {
    pub year: i16,
    pub month: i8,
    /// Weekday of the 1st, 1 = Monday … 7 = Sunday.
    pub first_weekday: i8,
    pub days: Vec<DayInfo>,
    /// Whether official or user data covers the year.
    pub covered: bool,
}

/// Every day of `year`-`month` with its kind and name.
///
/// ```
/// use bizenv::api::{month_info, WorkOptions};
/// let m = month_info(2023, 10, &WorkOptions::default()).unwrap();
/// assert_eq!((m.first_weekday, m.days.len()), (7, 31)); // Oct 1 2023 was a Sunday
/// assert_eq!(m.days[6].name.as_deref(), Some("国庆节调休上班")); // Oct 7 worked
/// ```
pub fn month_info(year: i32, month: i32, options: &WorkOptions) -> Result<MonthInfo> {
    let first = first_of_month(year, month)?;
    let cal = options.calendar()?;
    let days = (0..first.days_in_month()).filter_map(|i| first.checked_add(jiff::SignedDuration::from_hours(24 * i64::from(i))).ok()).map(|d| cal.day_info(d)).collect();
    Ok(MonthInfo { year: first.year(), month: first.month(), first_weekday: first.weekday().to_monday_one_offset(), days, covered: cal.covers(first.year()) })
}

/// One day of a case's span, as the month calendar marks it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpanDay {
    #[serde(serialize_with = "crate::serialize_date")]
    pub date: jiff::civil::Date,
    /// Working minutes of this day that count: inside the span, in office hours, outside stops.
    pub counted_minutes: f64,
    /// Whether a clock stop covers part of this day (weekends and nights included).
    pub stopped: bool,
}

/// A case's span seen from one month: the start and end dates as written, and each day of the
/// month inside the span with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpanMonth {
    #[serde(serialize_with = "crate::serialize_date")]
    pub start: jiff::civil::Date,
    #[serde(serialize_with = "crate::serialize_date")]
    pub end: jiff::civil::Date,
    pub days: Vec<SpanDay>,
}

/// What each day of `year`-`month` counts of the case from `start` to `end` (with the options'
/// stops, office hours and calendar): the month calendar marks the counted days and the stops
/// from it, so that the page does no date arithmetic.
///
/// ```
/// use bizenv::api::{span_month, WorkOptions};
/// // Thursday 28 September 2023 14:00 to Monday 9 October 10:00: the National Day holiday
/// // (29 Sep–6 Oct) counts nothing; Saturday 7 and Sunday 8 October were make-up working days.
/// let m = span_month(2023, 10, &"2023-09-28 14:00".into(), &"2023-10-09 10:00".into(), &WorkOptions::default()).unwrap();
/// let counted: Vec<(String, f64)> = m.days.iter().filter(|d| d.counted_minutes > 0.0).map(|d| (d.date.to_string(), d.counted_minutes)).collect();
/// assert_eq!(counted, [("2023-10-07".to_string(), 420.0), ("2023-10-08".to_string(), 420.0), ("2023-10-09".to_string(), 60.0)]);
/// assert_eq!((m.start.to_string(), m.days.len()), ("2023-09-28".to_string(), 9));
/// ```
pub fn span_month(year: i32, month: i32, start: &TimeInput, end: &TimeInput, options: &WorkOptions) -> Result<SpanMonth> {
    let first = first_of_month(year, month)?;
    let (a, b) = ordered(start, end)?;
    let (written_start, written_end) = (parse_input(Field::START, start)?.date, parse_input(Field::END, end)?.date);
    let clock = options.clock()?;
    let stops = options.parsed_stops()?;
    let mut days = Vec::new();
    for i in 0..i64::from(first.days_in_month()) {
        let Ok(date) = first.checked_add(jiff::SignedDuration::from_hours(24 * i)) else { continue };
        let (midnight, next) = (date.to_datetime(jiff::civil::Time::midnight()), date.tomorrow().map(|d| d.to_datetime(jiff::civil::Time::midnight())));
        let (lo, hi) = (a.max(midnight), next.map_or(b, |n| b.min(n)));
        // Days of the month outside the span are left out; the written start and end stay
        // (a start given as a date alone counts from the next day, but it is still the start).
        if lo > hi || (lo == hi && date != written_start && date != written_end) {
            continue;
        }
        let elapsed = clock.elapsed(lo, hi, &stops)?;
        let stopped = stops.iter().any(|s| s.start < hi && s.end > lo);
        days.push(SpanDay { date, counted_minutes: elapsed.working_seconds as f64 / 60.0, stopped });
    }
    Ok(SpanMonth { start: written_start, end: written_end, days })
}

/// What a calendar CSV holds, once checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarCsvSummary {
    pub days: usize,
    pub years: Vec<i16>,
}

/// Checks a calendar CSV (the built-in data's format) before it is saved with a project.
///
/// ```
/// let s = bizenv::api::check_calendar_csv("date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n").unwrap();
/// assert_eq!((s.days, s.years), (1, vec![2027]));
/// ```
pub fn check_calendar_csv(text: &str) -> Result<CalendarCsvSummary> {
    let mut cal = Calendar::empty();
    let days = cal.load_csv(text)?;
    let years = (1..=9999).filter(|y| cal.covers(*y)).collect();
    Ok(CalendarCsvSummary { days, years })
}

/// First and last year of the built-in official data.
pub fn calendar_coverage() -> Result<Coverage> {
    let (first_year, last_year) = Calendar::official_ref()?.official_years();
    Ok(Coverage { first_year, last_year })
}

// ---- Reports handed back as JSON -----------------------------------------------------------------

/// A report handed back by a JS caller (what `evaluate` or `evaluateTable` returned, as JSON),
/// read into typed values: the report, and the ledger parts when it came from a file.
#[derive(Clone, Debug, Default)]
pub struct ReportBack {
    pub report: Report,
    pub problems: Vec<Problem>,
    pub source: Option<Table>,
    pub counts: Option<RowCounts>,
}

impl ReportBack {
    pub fn export(&self) -> LedgerExport<'_> {
        LedgerExport { report: &self.report, source: self.source.as_ref(), problems: &self.problems, counts: self.counts }
    }
}

/// Reads a report given back as JSON text. Text that is not JSON is an error of kind `parse`; JSON
/// that is not a report (a field of the wrong type) one of kind `argument`; both name `report`.
///
/// ```
/// let r = bizenv::api::read_report(r#"{"indicatorId": "1.1", "cases": [{"id": "A", "status": "closed", "value": 0.4}]}"#).unwrap();
/// assert_eq!(r.report.cases[0].value, Some(0.4));
/// assert_eq!(bizenv::api::read_report("{").unwrap_err().kind(), bizenv::ErrorKind::Parse);
/// assert_eq!(bizenv::api::read_report(r#"{"cases": "x"}"#).unwrap_err().kind(), bizenv::ErrorKind::Argument);
/// ```
pub fn read_report(json: &str) -> Result<ReportBack> {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Ledger {
        problems: Vec<Problem>,
        source: Option<Table>,
        counts: Option<RowCounts>,
    }
    let bad = |e: serde_json::Error| {
        let detail = crate::ledger::table::clip(&e.to_string(), 300);
        if e.is_syntax() || e.is_eof() {
            Error::new(ErrorKind::Parse, format!("report：JSON 格式不对：{detail}"), format!("report: invalid JSON: {detail}")).with_field("report")
        } else {
            Error::new(
                ErrorKind::Argument,
                format!("报告格式不对：应为 evaluate 或 evaluateTable 返回的对象：{detail}"),
                format!("report has the wrong shape: expected the object that evaluate or evaluateTable returns: {detail}"),
            )
            .with_field("report")
        }
    };
    // Two passes over the text, each skipping what the other reads: no tree of the whole report.
    let report: Report = serde_json::from_str(json).map_err(bad)?;
    let ledger: Ledger = serde_json::from_str(json).map_err(bad)?;
    Ok(ReportBack { report, problems: ledger.problems, source: ledger.source, counts: ledger.counts })
}

/// `exportXlsx(report)`: the report given back as JSON, as an .xlsx workbook.
pub fn export_xlsx(json: &str, lang: Lang) -> Result<Vec<u8>> {
    crate::report::export::export_xlsx(&read_report(json)?.export(), lang)
}

/// `exportCsv(report)`: the report given back as JSON, its case table as CSV.
pub fn export_csv(json: &str, lang: Lang) -> Result<String> {
    crate::report::export::export_csv(&read_report(json)?.export(), lang)
}

/// `chartSvg(kind, report)`: a chart of the report given back as JSON.
pub fn chart_svg(kind: ChartKind, json: &str, lang: Lang) -> Result<String> {
    let back = read_report(json)?;
    crate::report::charts::chart_svg(kind, &ChartData::of_report(&back.report), lang)
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
    fn a_published_year_can_be_added_as_csv() {
        let csv = "date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n".to_string();
        let o = WorkOptions { calendar_csv: vec![csv], ..WorkOptions::default() };
        let r = working_time(&"2026-12-31".into(), &"2027-01-04".into(), &o).unwrap();
        assert!(r.warnings.is_empty());
        assert_eq!(r.working_days, 1.0);
        let bad = WorkOptions { calendar_csv: vec!["2027-01-01,maybe".into()], ..WorkOptions::default() };
        assert_eq!(working_time(&"2026-12-31".into(), &"2027-01-04".into(), &bad).unwrap_err().field(), Some("calendarCsv"));
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
        assert!(e.message_zh().starts_with("第 1 个停止计时时段"), "{e}");
        assert_eq!(e.field(), Some("stops"));
        // A reversed interval quotes the values as typed, and explains the date-only rule on the same day.
        let e = working_time(&"2023-10-09".into(), &"2023-09-28".into(), &WorkOptions::default()).unwrap_err();
        assert_eq!(e.message_zh(), "结束时间 2023-09-28（仅日期，按当日结束计） 早于开始时间 2023-10-09（仅日期，按当日结束计）");
        assert_eq!(e.field(), Some("end"));
        let e = working_time(&"2023-09-28".into(), &"2023-09-28 10:00".into(), &WorkOptions::default()).unwrap_err();
        assert!(e.message_zh().contains("同日办结请填写具体时刻"), "{e}");
        let e = working_time(&"2023-09-28".into(), &"x".into(), &WorkOptions::default()).unwrap_err();
        assert_eq!(e.field(), Some("end"));
        let e = working_time(&"2023-01-01".into(), &"2023-01-02".into(), &opts(r#"{"sessions":[["09:00","08:00"]]}"#)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::OfficeHours);
        assert!(add_working_days(&"2023-01-01".into(), -1.0, &WorkOptions::default()).is_err());
        assert!(add_working_days(&"2023-01-01".into(), f64::INFINITY, &WorkOptions::default()).is_err());
        assert!(calendar_days(&"2023-01-02".into(), &"2023-01-01".into()).is_err());
    }

    #[test]
    fn coverage_is_the_official_range() {
        assert_eq!(calendar_coverage().unwrap(), Coverage { first_year: 2004, last_year: 2026 });
    }

    /// Any JSON handed back as a report gives a chart or an error naming `report`, never a panic;
    /// a report of the right shape always draws, whatever its values.
    #[test]
    fn any_json_gives_a_chart_or_an_error_never_a_panic() {
        use crate::report::charts::ChartKind;
        use serde_json::json;
        let draws = [
            json!({}),
            json!({"target": 1e14, "direction": "le", "cases": [{"status": "closed", "value": -1e14, "met": true}, {"status": "closed", "value": 1e14, "met": false}], "byCounty": [{"county": "\u{1}\u{FFFF}x", "value": -5, "met": false}, {"county": "", "value": 0}]}),
            json!({"method": "trend", "summary": {"periods": [{"period": "9999-12", "value": 1}, {"period": "0000-01", "value": 2}, {"period": "7", "value": 3}]}}),
            json!({"method": "elapsed_working", "target": 0, "direction": "ge", "cases": [{"status": "closed", "end": "2023-13-01", "value": 0}, {"status": "closed", "end": "2023-12", "value": 0}]}),
            json!({"cases": [{"status": "closed", "value": 1e300}, {"status": "closed", "value": -1e300}]}),
        ];
        let refused = [
            json!(null),
            json!("text"),
            json!([1, 2]),
            json!({"cases": "x", "byCounty": 3, "summary": []}),
            json!({"target": "7", "direction": "sideways", "unit": 5, "cases": [null, 1, {"status": "closed", "value": "x"}]}),
            json!({"byCounty": [{"county": null, "value": 0}]}),
        ];
        for kind in ChartKind::ALL {
            for lang in [Lang::Zh, Lang::En, Lang::Both] {
                for r in &draws {
                    let svg = chart_svg(kind, &r.to_string(), lang).unwrap_or_else(|e| panic!("{r}: {e}"));
                    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && !svg.contains("NaN"), "{svg}");
                }
                for r in &refused {
                    let e = chart_svg(kind, &r.to_string(), lang).unwrap_err();
                    assert_eq!((e.kind(), e.field()), (ErrorKind::Argument, Some("report")), "{r}");
                }
                assert_eq!(chart_svg(kind, "{nope", lang).unwrap_err().kind(), ErrorKind::Parse);
            }
        }
    }
}
