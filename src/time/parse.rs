//! Reading dates and times in the forms that officials' systems export.
//!
//! Accepted: `2023-07-14 09:30`, `2023-07-14T09:30:00`, `2023/7/14 9:30`, `2023.7.14 9:30`,
//! `2023年7月14日 9:30`, `2023年7月14日9时30分`, the date-only form of each, and Excel serial
//! numbers (`45121.395833`, 1900 date system). Full-width digits and colons are accepted too.

use jiff::civil::{Date, DateTime, Time};
use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};

/// A value a user gave for a date or date-time: text in any accepted form, or an Excel serial.
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum TimeInput {
    Serial(f64),
    Text(String),
}

impl From<&str> for TimeInput {
    fn from(s: &str) -> Self {
        TimeInput::Text(s.to_string())
    }
}

impl From<f64> for TimeInput {
    fn from(x: f64) -> Self {
        TimeInput::Serial(x)
    }
}

/// The name of the thing being parsed, for error messages in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub zh: &'static str,
    pub en: &'static str,
    /// The API name of the input, attached to errors.
    pub key: &'static str,
}

impl Field {
    pub const START: Field = Field { zh: "开始时间", en: "start", key: "start" };
    pub const END: Field = Field { zh: "结束时间", en: "end", key: "end" };
    pub const DATE: Field = Field { zh: "日期", en: "date", key: "date" };
    pub const STOP_START: Field = Field { zh: "停止计时开始", en: "stop start", key: "stops" };
    pub const STOP_END: Field = Field { zh: "停止计时结束", en: "stop end", key: "stops" };
    pub const HOLIDAY: Field = Field { zh: "自定义休息日", en: "holiday", key: "holidays" };
    pub const WORKDAY: Field = Field { zh: "自定义工作日", en: "workday", key: "workdays" };
    pub const SESSION_START: Field = Field { zh: "办公时段开始", en: "session start", key: "sessions" };
    pub const SESSION_END: Field = Field { zh: "办公时段结束", en: "session end", key: "sessions" };
}

/// A parsed point in time, China Standard Time wall clock.
///
/// A date given without a time means the **end** of that day, as the law counts periods: the day
/// of acceptance is not counted, and the day of decision is counted whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// The date as written.
    pub date: Date,
    /// The time as written, or `None` for a date-only value.
    pub time: Option<Time>,
}

impl Moment {
    /// The value as the user wrote it, for messages: the date-time, or the date marked as counting
    /// from the end of that day.
    pub fn describe_zh(&self) -> String {
        match self.time {
            Some(t) => format!("{} {:02}:{:02}", self.date, t.hour(), t.minute()),
            None => format!("{}（仅日期，按当日结束计）", self.date),
        }
    }

    pub fn describe_en(&self) -> String {
        match self.time {
            Some(t) => format!("{} {:02}:{:02}", self.date, t.hour(), t.minute()),
            None => format!("{} (date only: counts from the end of that day)", self.date),
        }
    }

    /// The instant the moment stands for: the written date-time, or the following midnight for a
    /// date-only value. `None` only for 9999-12-31 given without a time.
    pub fn instant(&self) -> Option<DateTime> {
        match self.time {
            Some(t) => Some(self.date.to_datetime(t)),
            None => self.date.tomorrow().ok().map(|d| d.to_datetime(Time::midnight())),
        }
    }

    pub fn is_date_only(&self) -> bool {
        self.time.is_none()
    }
}

const FORMS_ZH: &str = "如 2023-07-14 09:30、2023/7/14 9:30、2023年7月14日 9:30、2023-07-14（仅日期）或 Excel 日期序号 45121.5";
const FORMS_EN: &str =
    "e.g. 2023-07-14 09:30, 2023/7/14 9:30, 2023年7月14日 9:30, 2023-07-14 (date only) or an Excel serial such as 45121.5";

/// Parses a user value for `field`.
///
/// ```
/// use bizenv::time::parse::{parse_input, Field, TimeInput};
/// let m = parse_input(Field::START, &TimeInput::from("2023年7月14日9时30分")).unwrap();
/// assert_eq!(m.instant().unwrap().to_string(), "2023-07-14T09:30:00");
/// let m = parse_input(Field::START, &TimeInput::from(45121.5)).unwrap();
/// assert_eq!(m.instant().unwrap().to_string(), "2023-07-14T12:00:00");
/// ```
pub fn parse_input(field: Field, input: &TimeInput) -> Result<Moment> {
    match input {
        TimeInput::Serial(x) => from_excel_serial(field, *x),
        TimeInput::Text(s) => parse_moment(field, s),
    }
    .map_err(|e| e.with_field(field.key))
}

/// Parses text; a bare number is read as an Excel serial.
pub fn parse_moment(field: Field, text: &str) -> Result<Moment> {
    let normalized = normalize(text);
    let s = normalized.trim();
    if s.is_empty() {
        return Err(Error::new(
            ErrorKind::Parse,
            format!("{}为空：请填写日期或日期时间，{FORMS_ZH}", field.zh),
            format!("{} is empty: expected a date or date-time, {FORMS_EN}", field.en),
        ));
    }
    if s.chars().all(|c| c.is_ascii_digit() || c == '.') && s.chars().filter(|c| *c == '.').count() <= 1 && s.len() <= 20 {
        if let Ok(x) = s.parse::<f64>() {
            // 8-digit numbers such as 20230714 are a date written without separators, not a serial.
            if s.len() != 8 || s.contains('.') {
                return from_excel_serial(field, x);
            }
        }
    }
    let bad = || not_understood(field, text);
    let mut cur = Cursor { rest: s };
    let (year, month, day);
    if s.len() >= 8 && s.as_bytes().iter().take(8).all(u8::is_ascii_digit) && s.as_bytes().get(8).map_or(true, |b| !b.is_ascii_digit()) {
        // Compact form 20230714, as some exports write it.
        year = cur.number(4, 4).ok_or_else(bad)?;
        month = cur.number(2, 2).ok_or_else(bad)?;
        day = cur.number(2, 2).ok_or_else(bad)?;
    } else {
        year = cur.number(4, 4).ok_or_else(bad)?;
        let sep = cur.one_of(&["-", "/", ".", "年"]).ok_or_else(bad)?;
        month = cur.number(1, 2).ok_or_else(bad)?;
        let second = if sep == "年" { "月" } else { sep };
        cur.expect(second).ok_or_else(bad)?;
        day = cur.number(1, 2).ok_or_else(bad)?;
        if sep == "年" {
            let _ = cur.one_of(&["日", "号"]);
        }
    }
    let date = make_date(field, text, year, month, day)?;
    let had_separator = cur.skip_separators();
    if cur.rest.is_empty() {
        return Ok(Moment { date, time: None });
    }
    let after_chinese_date = s.len() != cur.rest.len() && s[..s.len() - cur.rest.len()].trim_end().ends_with(['日', '号']);
    if !had_separator && !after_chinese_date {
        return Err(bad());
    }
    let hour = cur.number(1, 2).ok_or_else(bad)?;
    let (mut minute, mut second) = (0, 0);
    if cur.one_of(&[":"]).is_some() {
        minute = cur.number(2, 2).ok_or_else(bad)?;
        if cur.one_of(&[":"]).is_some() {
            second = cur.number(2, 2).ok_or_else(bad)?;
            if cur.one_of(&["."]).is_some() {
                cur.number(1, 9).ok_or_else(bad)?; // fractions of a second are dropped
            }
        }
    } else if cur.one_of(&["时", "点"]).is_some() {
        if let Some(m) = cur.number(1, 2) {
            minute = m;
            cur.expect("分").ok_or_else(bad)?;
            if let Some(sec) = cur.number(1, 2) {
                second = sec;
                cur.expect("秒").ok_or_else(bad)?;
            }
        }
    } else {
        return Err(bad());
    }
    cur.skip_separators();
    if !cur.rest.is_empty() {
        return Err(bad());
    }
    let time = make_time(field, text, hour, minute, second)?;
    Ok(Moment { date, time: Some(time) })
}

/// Parses a date only, for calendar entries such as `holidays`.
pub fn parse_date(field: Field, input: &TimeInput) -> Result<Date> {
    parse_input(field, input).map(|m| m.date)
}

/// Parses an office-hours boundary `HH:MM` into seconds after midnight; `24:00` is allowed.
pub fn parse_clock(field: Field, text: &str) -> Result<u32> {
    let normalized = normalize(text);
    let s = normalized.trim();
    let mut cur = Cursor { rest: s };
    let parsed = (|| {
        let h = cur.number(1, 2)?;
        cur.one_of(&[":", "时", "点"])?;
        let m = cur.number(2, 2)?;
        let _ = cur.one_of(&["分"]);
        cur.rest.is_empty().then_some((h, m))
    })();
    match parsed {
        Some((h, m)) if (h < 24 && m < 60) || (h == 24 && m == 0) => Ok(h * 3600 + m * 60),
        _ => Err(Error::new(
            ErrorKind::Parse,
            format!("{}「{text}」无法识别：应为 00:00 至 24:00 之间的时刻，如 09:00", field.zh),
            format!("{} \"{text}\" is not a clock time: expected HH:MM between 00:00 and 24:00, e.g. 09:00", field.en),
        )
        .with_field(field.key)),
    }
}

/// Excel serial numbers, 1900 date system: 1 is 1900-01-01, and 60 is Excel's fictitious
/// 1900-02-29. A whole number is a date without a time, as Excel stores a date-only cell.
pub fn from_excel_serial(field: Field, x: f64) -> Result<Moment> {
    const MAX_SERIAL: f64 = 2_958_466.0; // 10000-01-01
    if !x.is_finite() || !(1.0..MAX_SERIAL).contains(&x) || (60.0..61.0).contains(&x) {
        return Err(Error::new(
            ErrorKind::Range,
            format!("{}「{x}」不是有效的 Excel 日期序号：应为 1（1900-01-01）至 2958465（9999-12-31）之间的数，且不能是 60（Excel 虚构的 1900-02-29）", field.zh),
            format!("{} {x} is not a valid Excel date serial: expected 1 (1900-01-01) to 2958465 (9999-12-31), and not 60 (Excel's fictitious 1900-02-29)", field.en),
        ));
    }
    let total_seconds = (x * 86_400.0).round() as i64;
    let days = total_seconds.div_euclid(86_400);
    let seconds = total_seconds.rem_euclid(86_400);
    // Serials from 61 on count from 1899-12-30 because of the fictitious leap day.
    let base = if days >= 61 { Date::constant(1899, 12, 30) } else { Date::constant(1899, 12, 31) };
    let out_of_range = || Error::new(ErrorKind::Range, format!("{}「{x}」超出日期范围", field.zh), format!("{} {x} is out of range", field.en));
    let date = base.checked_add(jiff::SignedDuration::from_hours(days * 24)).map_err(|_| out_of_range())?;
    let whole = x.fract() == 0.0;
    let time = if whole {
        None
    } else {
        Some(Time::midnight().checked_add(jiff::SignedDuration::from_secs(seconds)).map_err(|_| out_of_range())?)
    };
    Ok(Moment { date, time })
}

fn make_date(field: Field, text: &str, year: u32, month: u32, day: u32) -> Result<Date> {
    let valid = i16::try_from(year).ok().zip(i8::try_from(month).ok()).zip(i8::try_from(day).ok());
    valid.and_then(|((y, m), d)| Date::new(y, m, d).ok()).ok_or_else(|| {
        Error::new(
            ErrorKind::Parse,
            format!("{}「{text}」不是有效日期：{year} 年没有 {month} 月 {day} 日", field.zh),
            format!("{} \"{text}\" is not a valid date: {year}-{month:02}-{day:02} does not exist", field.en),
        )
    })
}

fn make_time(field: Field, text: &str, hour: u32, minute: u32, second: u32) -> Result<Time> {
    if hour > 23 || minute > 59 || second > 59 {
        return Err(Error::new(
            ErrorKind::Parse,
            format!("{}「{text}」的时刻无效：小时应为 0–23，分、秒应为 0–59", field.zh),
            format!("{} \"{text}\" has an invalid time: hour 0–23, minute and second 0–59 expected", field.en),
        ));
    }
    // In range by the check above.
    Time::new(hour as i8, minute as i8, second as i8, 0).map_err(|_| not_understood(field, text))
}

fn not_understood(field: Field, text: &str) -> Error {
    Error::new(
        ErrorKind::Parse,
        format!("{}「{text}」无法识别：应为日期或日期时间，{FORMS_ZH}", field.zh),
        format!("{} \"{text}\" is not a date or date-time: {FORMS_EN}", field.en),
    )
}

/// Full-width digits, colon, slash and space to their ASCII forms, as Chinese input methods type them.
fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '／' => '/',
            '－' => '-',
            '．' => '.',
            '\u{3000}' | '\u{a0}' => ' ',
            _ => c,
        })
        .collect()
}

struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    /// Reads `min..=max` ASCII digits.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let len = self.rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if len < min {
            return None;
        }
        let (digits, rest) = self.rest.split_at(len);
        self.rest = rest;
        digits.parse().ok()
    }

    fn one_of(&mut self, options: &[&'static str]) -> Option<&'static str> {
        let found = options.iter().copied().find(|o| self.rest.starts_with(o))?;
        self.rest = &self.rest[found.len()..];
        Some(found)
    }

    fn expect(&mut self, s: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(s)?;
        Some(())
    }

    /// Skips spaces and a `T` between date and time; says whether anything was skipped.
    fn skip_separators(&mut self) -> bool {
        let before = self.rest.len();
        self.rest = self.rest.trim_start();
        if let Some(r) = self.rest.strip_prefix('T') {
            self.rest = r.trim_start();
        }
        self.rest.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(s: &str) -> String {
        match parse_moment(Field::START, s) {
            Ok(m) => match m.time {
                Some(t) => format!("{}T{}", m.date, t),
                None => m.date.to_string(),
            },
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn every_documented_form() {
        for s in [
            "2023-07-14 09:30",
            "2023-07-14T09:30:00",
            "2023-7-14 9:30",
            "2023/7/14 9:30",
            "2023.7.14 9:30",
            "2023年7月14日 9:30",
            "2023年7月14日9时30分",
            "2023年7月14日 9点30分",
            "２０２３年７月１４日　９：３０",
            "  2023/07/14   09:30  ",
            "20230714 09:30",
        ] {
            assert_eq!(instant(s), "2023-07-14T09:30:00", "{s}");
        }
        for s in ["2023-07-14", "2023/7/14", "2023.7.14", "2023年7月14日", "2023年7月14号", "20230714"] {
            assert_eq!(instant(s), "2023-07-14", "{s}");
        }
        assert_eq!(instant("2023年7月14日9时"), "2023-07-14T09:00:00");
        assert_eq!(instant("2023-07-14 09:30:15.250"), "2023-07-14T09:30:15");
        assert_eq!(instant("2023年7月14日9时30分15秒"), "2023-07-14T09:30:15");
    }

    #[test]
    fn excel_serials() {
        assert_eq!(instant("45121"), "2023-07-14");
        assert_eq!(instant("45121.395833333"), "2023-07-14T09:30:00");
        assert_eq!(instant("1"), "1900-01-01");
        assert_eq!(instant("59"), "1900-02-28");
        assert_eq!(instant("61"), "1900-03-01");
        assert!(instant("60").starts_with("ERR"));
        assert!(instant("0").starts_with("ERR"));
        let m = from_excel_serial(Field::END, 45121.999999).unwrap();
        assert_eq!(m.instant().unwrap().to_string(), "2023-07-15T00:00:00");
        assert!(from_excel_serial(Field::END, f64::NAN).is_err());
        assert!(from_excel_serial(Field::END, -3.0).is_err());
    }

    #[test]
    fn errors_name_the_field_the_value_and_the_forms() {
        for s in ["", "garbage", "2023-02-30", "2023-13-01", "2023-07-14 25:00", "2023-07-14 9:3", "2023-07-1409:30", "2023年7月14日 9时30", "2023-07/14", "2023-07-14 09:30 extra"] {
            let err = parse_moment(Field::END, s).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Parse, "{s}");
            assert!(err.message_zh().starts_with("结束时间"), "{err}");
            assert!(err.message_en().starts_with("end"), "{err}");
            assert!(err.message_zh().contains(s.trim()), "{err}");
        }
        assert!(parse_moment(Field::END, "2023-02-30").unwrap_err().message_zh().contains("没有 2 月 30 日"));
    }

    #[test]
    fn date_only_means_end_of_day() {
        let m = parse_moment(Field::START, "2023-09-28").unwrap();
        assert!(m.is_date_only());
        assert_eq!(m.instant().unwrap().to_string(), "2023-09-29T00:00:00");
        assert_eq!(parse_moment(Field::END, "9999-12-31").unwrap().instant(), None);
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock(Field::START, "09:00").unwrap(), 9 * 3600);
        assert_eq!(parse_clock(Field::START, "9:30").unwrap(), 9 * 3600 + 1800);
        assert_eq!(parse_clock(Field::START, "24:00").unwrap(), 86_400);
        for bad in ["24:01", "9", "09:60", "ab", ""] {
            assert!(parse_clock(Field::START, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for s in ["年", "2023年", "2023年7", "2023年7月", "２", "9999-12-31 23:59", "-1", "1e5", "..", "2023-07-14T", "时分秒", "2023-07-14 9时30分55"] {
            let _ = parse_moment(Field::START, s);
        }
    }
}
