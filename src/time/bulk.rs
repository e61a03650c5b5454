//! Working days of many date-only intervals at once: the bulk query behind `workingDaysBulk` and
//! the side-by-side benchmarks (`make bench`).
//!
//! Dates cross as Unix epoch days (days since 1970-01-01: in JS, `Date.UTC(y, m - 1, d) / 864e5`),
//! so that a million intervals are two typed arrays, not a million strings.
//!
//! The count follows the evaluator's convention for date-only values, the same as `workingTime`:
//! a date-only start stands for the end of that day, so the start day is not counted and the end
//! day is. Accepted 2023-09-28, decided 2023-10-09: Oct 7, 8 (make-up working weekend) and 9,
//! three working days. A library that counts both ends inclusively gives the same number for
//! (start + 1 day, end).

use crate::error::{Error, ErrorKind, Result};
use crate::time::calendar::{Calendar, EPOCH_MONDAY_UNIX_DAY};

/// Unix epoch days of -9999-01-01 and 9999-12-31, the range of dates the engine knows.
pub const FIRST_UNIX_DAY: i32 = -4_371_587;
pub const LAST_UNIX_DAY: i32 = 2_932_896;

/// For each `i`, the working days after `starts[i]` up to and including `ends[i]` (Unix epoch days).
///
/// ```
/// use bizenv::time::{bulk::working_days_bulk, calendar::Calendar};
/// let cal = Calendar::official_ref().unwrap();
/// // 2023-09-28 is Unix day 19 628, 2023-10-09 is 19 639; 2023-07-14 (Fri) to 07-17 (Mon) is 19 552..19 555.
/// assert_eq!(working_days_bulk(cal, &[19_628, 19_552, 19_552], &[19_639, 19_555, 19_552]).unwrap(), [3, 1, 0]);
/// let err = working_days_bulk(cal, &[19_639], &[19_628]).unwrap_err();
/// assert_eq!((err.field(), err.item()), (Some("ends"), Some(0)));
/// ```
pub fn working_days_bulk(calendar: &Calendar, starts: &[i32], ends: &[i32]) -> Result<Vec<i32>> {
    if starts.len() != ends.len() {
        return Err(Error::new(
            ErrorKind::Argument,
            format!("starts 有 {} 个日期，ends 有 {} 个：两者应一一对应", starts.len(), ends.len()),
            format!("starts has {} dates and ends has {}: they must pair up one to one", starts.len(), ends.len()),
        )
        .with_field("ends"));
    }
    let mut counts = Vec::new();
    counts.try_reserve_exact(starts.len()).map_err(|_| {
        Error::new(ErrorKind::Range, "内存不足：请分批计算", "not enough memory: process the intervals in batches").with_field("starts")
    })?;
    for (i, (&start, &end)) in starts.iter().zip(ends).enumerate() {
        for (field, day) in [("starts", start), ("ends", end)] {
            if !(FIRST_UNIX_DAY..=LAST_UNIX_DAY).contains(&day) {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!("{field}[{i}] = {day} 超出范围：应为 {FIRST_UNIX_DAY} 至 {LAST_UNIX_DAY} 之间的 Unix 日序号（公元前 9999 年至 9999 年）"),
                    format!("{field}[{i}] = {day} is out of range: expected a Unix epoch day from {FIRST_UNIX_DAY} to {LAST_UNIX_DAY} (years -9999 to 9999)"),
                )
                .with_field(field)
                .with_item(i));
            }
        }
        if end < start {
            return Err(Error::new(
                ErrorKind::EndBeforeStart,
                format!("第 {} 个区间：结束日 {end} 早于开始日 {start}", i + 1),
                format!("interval {}: end day {end} is before start day {start}", i + 1),
            )
            .with_field("ends")
            .with_item(i));
        }
        // Day numbers of the days after start and after end: working days in [start + 1, end + 1).
        let after_start = i64::from(start) + 1 - EPOCH_MONDAY_UNIX_DAY;
        let after_end = i64::from(end) + 1 - EPOCH_MONDAY_UNIX_DAY;
        let count = calendar.workdays_before_number(after_end) - calendar.workdays_before_number(after_start);
        // At most the days in the range (under 7.4 million), so it fits.
        counts.push(count as i32);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::day_number;
    use jiff::civil::date;

    fn unix_day(y: i16, m: i8, d: i8) -> i32 {
        (day_number(date(y, m, d)) + EPOCH_MONDAY_UNIX_DAY) as i32
    }

    #[test]
    fn range_ends_are_the_engine_dates() {
        assert_eq!(unix_day(1970, 1, 1), 0);
        assert_eq!(unix_day(-9999, 1, 1), FIRST_UNIX_DAY);
        assert_eq!(unix_day(9999, 12, 31), LAST_UNIX_DAY);
    }

    #[test]
    fn counts_follow_the_date_only_convention() {
        let cal = Calendar::official_ref().unwrap();
        let starts = [unix_day(2023, 9, 28), unix_day(2024, 2, 3), unix_day(2023, 12, 29), unix_day(2023, 7, 14)];
        let ends = [unix_day(2023, 10, 9), unix_day(2024, 2, 18), unix_day(2024, 1, 2), unix_day(2023, 7, 14)];
        // Oct 7, 8, 9; Feb 4 (Sun, make-up), 5–9, 18 (Sun, make-up); Jan 2 (Jan 1 is New Year); same day: none.
        assert_eq!(working_days_bulk(cal, &starts, &ends).unwrap(), [3, 7, 1, 0]);
    }

    #[test]
    fn bad_input_is_named() {
        let cal = Calendar::official_ref().unwrap();
        let err = working_days_bulk(cal, &[0, 1], &[5]).unwrap_err();
        assert_eq!((err.kind(), err.field()), (ErrorKind::Argument, Some("ends")));
        let err = working_days_bulk(cal, &[0, LAST_UNIX_DAY + 1], &[5, 5]).unwrap_err();
        assert_eq!((err.kind(), err.field(), err.item()), (ErrorKind::Range, Some("starts"), Some(1)));
        let err = working_days_bulk(cal, &[0, 10], &[5, 9]).unwrap_err();
        assert_eq!((err.kind(), err.item()), (ErrorKind::EndBeforeStart, Some(1)));
        assert!(err.message_zh().contains("第 2 个区间"), "{err}");
        assert_eq!(working_days_bulk(cal, &[], &[]).unwrap(), Vec::<i32>::new());
    }
}
