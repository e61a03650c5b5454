//! Every date 2004-01-01 … 2026-12-31 against the State Council data, read independently here.

use std::collections::HashMap;

use bizenv::time::calendar::{Calendar, DayKind};
use jiff::civil::{date, Date, Weekday};

const CSV: &str = include_str!("../data/prc-calendar-2004-2026.csv");

#[test]
fn every_date_matches_the_official_csv() {
    let mut listed: HashMap<Date, (bool, String)> = HashMap::new();
    for line in CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        listed.insert(f[0].parse().unwrap(), (f[1] == "workday", f[2].to_string()));
    }
    let cal = Calendar::official().unwrap();
    let (mut day, mut checked, mut workdays_2023) = (date(2004, 1, 1), 0, 0);
    while day <= date(2026, 12, 31) {
        let info = cal.day_info(day);
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        let (want_workday, want_kind, want_name) = match listed.get(&day) {
            Some((true, name)) => (true, DayKind::MakeupWorkday, Some(name.clone())),
            Some((false, name)) => (false, DayKind::Holiday, Some(name.clone())),
            None if weekend => (false, DayKind::Weekend, None),
            None => (true, DayKind::Weekday, None),
        };
        assert_eq!((info.workday, info.kind, info.name.clone()), (want_workday, want_kind, want_name), "{day}");
        assert!(info.covered, "{day}");
        if day.year() == 2023 && info.workday {
            workdays_2023 += 1;
        }
        checked += 1;
        day = day.tomorrow().unwrap();
    }
    assert_eq!(checked, 8401);
    // 2023 had 249 working days, the figure published with the 2023 arrangement.
    assert_eq!(workdays_2023, 249);
    assert_eq!(cal.workdays_between(date(2023, 1, 1), date(2024, 1, 1)), 249);
}

#[test]
fn counting_agrees_with_day_by_day_lookup_for_every_month() {
    let cal = Calendar::official().unwrap();
    let mut month = date(2003, 12, 1);
    while month < date(2027, 2, 1) {
        let next = month.checked_add(jiff::Span::new().months(1)).unwrap();
        let mut walked = 0;
        let mut d = month;
        while d < next {
            walked += i64::from(cal.day_info(d).workday);
            d = d.tomorrow().unwrap();
        }
        assert_eq!(cal.workdays_between(month, next), walked, "{month}");
        month = next;
    }
}
