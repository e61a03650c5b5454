//! Tests of the JavaScript API exported from `bizenv::wasm`, run as wasm32 code.
//!
//! The same test binary runs twice in `make test`: in Node.js (the default of
//! wasm-bindgen-test-runner) and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`).
//! That is why there is no `wasm_bindgen_test_configure!(run_in_browser)` here: it
//! would pin the file to the browser.
//!
//! Inputs are built the way the page builds them: options objects come from
//! `JSON.parse`, dates are JS strings or numbers (Excel serial days). Results are
//! read back with `Reflect` and `JSON.stringify`, i.e. as plain JS objects.
//!
//! Facts checked here (default office hours 09:00–12:00 + 14:00–18:00 = 7 h = 420 min a day):
//! * 2023-09-29 … 2023-10-06 are holidays (中秋 + 国庆节), 2023-10-07 and 2023-10-08 (Sat, Sun)
//!   are make-up workdays (data/prc-calendar-2004-2026.csv);
//! * 2023-07-14 is a Friday, 2023-07-15 a Saturday, 2023-10-10 a Tuesday, 2023-10-14 a Saturday;
//! * Excel serial 45121 = 2023-07-14, 45197 = 2023-09-28, 45208 = 2023-10-09
//!   (days since 1899-12-30);
//! * the built-in calendar covers 2004–2026;
//! * a date without a time stands for the END of that day (the first day of a period is not
//!   counted, the last is counted whole), so "2023-09-28" → "2023-10-09" covers Sep 29 … Oct 9.
#![cfg(target_arch = "wasm32")]

use bizenv::wasm::{
    add_working_days, calendar_coverage, calendar_days, catalog, day_info, deadline, evaluate, evaluate_all, evaluate_table,
    export_csv, export_xlsx, load_catalog, load_project, month_info, needs_ledger_module, parse_table, rank_counties, read_ledger,
    route_cases, sample_dataset, save_project, span_month, working_time, write_sheets, write_template, Calculator,
};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// ---------------------------------------------------------------------------------------------
// helpers

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn n(x: f64) -> JsValue {
    JsValue::from_f64(x)
}

/// File bytes as the page passes them: a `Uint8Array`.
fn bytes(data: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(data).into()
}

/// A JS value from JSON text, exactly as `JSON.parse` on the page would make it.
fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|e| panic!("bad JSON in test: {json}: {e:?}"))
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    assert!(obj.is_object(), "expected an object with field {key:?}, got {obj:?}");
    Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

fn num(obj: &JsValue, key: &str) -> f64 {
    let v = get(obj, key);
    v.as_f64().unwrap_or_else(|| panic!("field {key:?} is not a number: {v:?} in {}", show(obj)))
}

fn string(obj: &JsValue, key: &str) -> String {
    let v = get(obj, key);
    v.as_string().unwrap_or_else(|| panic!("field {key:?} is not a string: {v:?} in {}", show(obj)))
}

fn boolean(obj: &JsValue, key: &str) -> bool {
    let v = get(obj, key);
    v.as_bool().unwrap_or_else(|| panic!("field {key:?} is not a boolean: {v:?} in {}", show(obj)))
}

fn strings(obj: &JsValue, key: &str) -> Vec<String> {
    let v = get(obj, key);
    assert!(Array::is_array(&v), "field {key:?} is not an array: {v:?} in {}", show(obj));
    Array::from(&v)
        .iter()
        .map(|item| item.as_string().unwrap_or_else(|| panic!("{key:?} holds a non-string {item:?}")))
        .collect()
}

/// JSON text of a value, for assertion messages.
fn show(v: &JsValue) -> String {
    JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_else(|| format!("{v:?}"))
}

/// The `Error` object an API function returned, as JS would catch it. (Generic so that it
/// works whether the boundary returns `JsError` or a `JsValue` holding an `Error`.)
fn error_object(err: impl Into<JsValue>) -> js_sys::Error {
    let v: JsValue = err.into();
    match v.dyn_into::<js_sys::Error>() {
        Ok(e) => e,
        Err(v) => panic!("errors must reach JS as Error objects, got {v:?}"),
    }
}

/// The message of an error returned across the boundary, as JS would see it (`err.message`).
fn message(err: impl Into<JsValue>) -> String {
    error_object(err).message().into()
}

fn wt(start: JsValue, end: JsValue, options: JsValue) -> JsValue {
    match working_time(start.clone(), end.clone(), options.clone()) {
        Ok(v) => v,
        Err(e) => panic!(
            "workingTime({}, {}, {}) failed: {}",
            show(&start),
            show(&end),
            show(&options),
            message(e)
        ),
    }
}

fn assert_no_warnings(r: &JsValue) {
    let w = strings(r, "warnings");
    assert!(w.is_empty(), "unexpected warnings {w:?} in {}", show(r));
}

// ---------------------------------------------------------------------------------------------
// workingTime

#[wasm_bindgen_test]
fn national_day_2023_counts_make_up_workdays_and_skips_holidays() {
    let r = wt(s("2023-09-28"), s("2023-10-09"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingDays"), 3.0, "{}", show(&r));
    assert_eq!(num(&r, "workingMinutes"), 1260.0, "{}", show(&r));
    assert_eq!(num(&r, "calendarDays"), 11.0, "{}", show(&r));
    assert_no_warnings(&r);
}

#[wasm_bindgen_test]
fn options_null_and_empty_object_mean_defaults() {
    for options in [JsValue::NULL, js("{}")] {
        let r = wt(s("2023-09-28"), s("2023-10-09"), options);
        assert_eq!(num(&r, "workingMinutes"), 1260.0, "{}", show(&r));
        assert_eq!(num(&r, "workingDays"), 3.0, "{}", show(&r));
    }
}

#[wasm_bindgen_test]
fn times_within_one_morning_session() {
    let r = wt(s("2023-07-14 09:30"), s("2023-07-14 11:00"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 90.0, "{}", show(&r));
    assert_no_warnings(&r);
}

#[wasm_bindgen_test]
fn lunch_break_is_not_working_time() {
    // 11:00–12:00 and 14:00–15:00 count, 12:00–14:00 does not.
    let r = wt(s("2023-07-14 11:00"), s("2023-07-14 15:00"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 120.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn one_full_friday_is_one_working_day() {
    let r = wt(s("2023-07-14 09:00"), s("2023-07-14 18:00"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 420.0, "{}", show(&r));
    assert_eq!(num(&r, "workingDays"), 1.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn weekend_has_no_working_time() {
    // End of Friday 07-14 to end of Sunday 07-16: Saturday and Sunday only.
    let r = wt(s("2023-07-14"), s("2023-07-16"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 0.0, "{}", show(&r));
    assert_eq!(num(&r, "workingDays"), 0.0, "{}", show(&r));
    assert_eq!(num(&r, "calendarDays"), 2.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn excel_serial_numbers_are_dates() {
    let r = wt(n(45197.0), n(45208.0), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 1260.0, "{}", show(&r));
    assert_eq!(num(&r, "workingDays"), 3.0, "{}", show(&r));
    assert_eq!(num(&r, "calendarDays"), 11.0, "{}", show(&r));
    // A fraction is a time of day: 45121.375 = 2023-07-14 09:00, .5 = 12:00.
    let r = wt(n(45121.375), n(45121.5), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 180.0, "{}", show(&r));
    // Strings and numbers mix.
    let r = wt(s("2023-09-28"), n(45208.0), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 1260.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn custom_sessions() {
    let options = js(r#"{"sessions": [["08:30", "12:00"], ["13:00", "17:30"]]}"#);
    let r = wt(s("2023-07-14 00:00"), s("2023-07-14 23:59"), options);
    assert_eq!(num(&r, "workingMinutes"), 480.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn stops_as_pairs_and_as_objects_are_subtracted() {
    let pairs = js(r#"{"stops": [["2023-07-14 10:00", "2023-07-14 11:00"]]}"#);
    let r = wt(s("2023-07-14 09:00"), s("2023-07-14 18:00"), pairs);
    assert_eq!(num(&r, "workingMinutes"), 360.0, "{}", show(&r));
    assert_eq!(num(&r, "stoppedMinutes"), 60.0, "{}", show(&r));

    let objects =
        js(r#"{"stops": [{"start": "2023-07-14 10:00", "end": "2023-07-14 11:00", "reason": "专家评审"}]}"#);
    let r = wt(s("2023-07-14 09:00"), s("2023-07-14 18:00"), objects);
    assert_eq!(num(&r, "workingMinutes"), 360.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn extra_holidays_and_workdays_from_options() {
    // End of Thu 07-13 to end of Fri 07-14: just Friday.
    let r = wt(s("2023-07-13"), s("2023-07-14"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 420.0, "{}", show(&r));
    let holiday = js(r#"{"holidays": ["2023-07-14"]}"#);
    let r = wt(s("2023-07-13"), s("2023-07-14"), holiday);
    assert_eq!(num(&r, "workingMinutes"), 0.0, "{}", show(&r));

    // End of Fri 07-14 to end of Sat 07-15: just Saturday, worked on request.
    let r = wt(s("2023-07-14"), s("2023-07-15"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 0.0, "{}", show(&r));
    let workday = js(r#"{"workdays": ["2023-07-15"]}"#);
    let r = wt(s("2023-07-14"), s("2023-07-15"), workday);
    assert_eq!(num(&r, "workingMinutes"), 420.0, "{}", show(&r));
}

#[wasm_bindgen_test]
fn dates_outside_the_calendar_data_warn() {
    let r = wt(s("2026-12-30"), s("2027-01-05"), JsValue::UNDEFINED);
    let w = strings(&r, "warnings");
    assert!(!w.is_empty(), "expected a warning for 2027 in {}", show(&r));
    assert!(w.iter().any(|m| m.contains("2027")), "no warning mentions 2027: {w:?}");
}

#[wasm_bindgen_test]
fn garbage_is_an_error_and_the_module_keeps_working() {
    let err = working_time(s("garbage"), s("2023-01-01"), JsValue::UNDEFINED)
        .expect_err("workingTime(\"garbage\", ...) must fail");
    let msg = message(err);
    assert!(!msg.trim().is_empty(), "error message is empty");
    assert!(msg.contains("garbage"), "error message does not name the bad value: {msg}");

    // The instance is still usable afterwards (no panic/trap poisoned it).
    let r = wt(s("2023-09-28"), s("2023-10-09"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 1260.0);
}

#[wasm_bindgen_test]
fn errors_carry_kind_and_field() {
    // The page puts the message beside the input named by `field`.
    let e = error_object(working_time(s("garbage"), s("2023-01-01"), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(string(&e, "kind"), "parse", "{:?}", e.message());
    assert_eq!(string(&e, "field"), "start", "{:?}", e.message());

    let e = error_object(working_time(s("2023-01-01"), s("garbage"), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(string(&e, "field"), "end", "{:?}", e.message());

    let e = error_object(working_time(s("2023-10-09"), s("2023-09-28"), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(string(&e, "kind"), "end_before_start", "{:?}", e.message());
}

#[wasm_bindgen_test]
fn wrong_types_are_errors_not_panics() {
    for (start, end, options) in [
        (JsValue::UNDEFINED, s("2023-01-01"), JsValue::UNDEFINED),
        (JsValue::NULL, s("2023-01-01"), JsValue::UNDEFINED),
        (JsValue::TRUE, s("2023-01-01"), JsValue::UNDEFINED),
        (js("{}"), s("2023-01-01"), JsValue::UNDEFINED),
        (n(f64::NAN), s("2023-01-01"), JsValue::UNDEFINED),
        (s(""), s("2023-01-01"), JsValue::UNDEFINED),
        (s("2023-02-30"), s("2023-03-01"), JsValue::UNDEFINED),
        (s("2023-07-14 25:00"), s("2023-07-15"), JsValue::UNDEFINED),
        (s("2023-07-14"), s("2023-07-15"), s("not an object")),
        (s("2023-07-14"), s("2023-07-15"), js(r#"{"sessions": "09:00-12:00"}"#)),
        (s("2023-07-14"), s("2023-07-15"), js(r#"{"sessions": [["12:00", "09:00"]]}"#)),
        (s("2023-07-14"), s("2023-07-15"), js(r#"{"holidays": ["not a date"]}"#)),
    ] {
        let label = format!("workingTime({}, {}, {})", show(&start), show(&end), show(&options));
        match working_time(start, end, options) {
            Ok(v) => panic!("{label} should fail, got {}", show(&v)),
            Err(e) => assert!(!message(e).trim().is_empty(), "{label}: empty error message"),
        }
    }
    // Still alive.
    let r = wt(s("2023-07-14 09:30"), s("2023-07-14 11:00"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 90.0);
}

#[wasm_bindgen_test]
fn lang_option_picks_the_message_language() {
    let both = message(working_time(s("garbage"), s("2023-01-01"), JsValue::UNDEFINED).unwrap_err());
    let en = message(working_time(s("garbage"), s("2023-01-01"), js(r#"{"lang": "en"}"#)).unwrap_err());
    let zh = message(working_time(s("garbage"), s("2023-01-01"), js(r#"{"lang": "zh"}"#)).unwrap_err());
    assert!(both.contains(&en) && both.contains(&zh), "both={both:?} en={en:?} zh={zh:?}");
    assert!(en.contains("start"), "English message does not name the field: {en:?}");
    assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese message has no Chinese: {zh:?}");
    assert_ne!(en, zh);
}

#[wasm_bindgen_test]
fn end_before_start_is_an_error() {
    let err = working_time(s("2023-10-09"), s("2023-09-28"), JsValue::UNDEFINED)
        .expect_err("an interval that ends before it starts must fail");
    assert!(!message(err).trim().is_empty());
    assert!(calendar_days(s("2023-10-09"), s("2023-09-28")).is_err());
}

#[wasm_bindgen_test]
fn empty_interval_is_zero() {
    let r = wt(s("2023-07-14 10:00"), s("2023-07-14 10:00"), JsValue::UNDEFINED);
    assert_eq!(num(&r, "workingMinutes"), 0.0, "{}", show(&r));
    assert_eq!(num(&r, "calendarDays"), 0.0, "{}", show(&r));
}

// ---------------------------------------------------------------------------------------------
// addWorkingDays

#[wasm_bindgen_test]
fn add_working_days_across_national_day() {
    // The start day is not counted; day 1 = Oct 7, day 2 = Oct 8, day 3 = Oct 9, ends at close.
    let due = add_working_days(s("2023-09-28"), n(3.0), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("addWorkingDays failed: {}", message(e)));
    assert_eq!(due, "2023-10-09T18:00");
}

#[wasm_bindgen_test]
fn add_working_days_accepts_serials_and_rejects_nonsense() {
    let due = add_working_days(n(45197.0), n(3.0), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("addWorkingDays(45197, 3) failed: {}", message(e)));
    assert_eq!(due, "2023-10-09T18:00");
    for days in [f64::NAN, f64::INFINITY, -1.0] {
        assert!(
            add_working_days(s("2023-09-28"), n(days), JsValue::UNDEFINED).is_err(),
            "addWorkingDays(\"2023-09-28\", {days}) should fail"
        );
    }
    assert!(add_working_days(s("garbage"), n(3.0), JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn deadline_returns_the_due_time_and_warnings() {
    let d = deadline(s("2023-09-28"), n(3.0), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("deadline failed: {}", message(e)));
    assert_eq!(string(&d, "deadline"), "2023-10-09T18:00", "{}", show(&d));
    assert_no_warnings(&d);

    let d = deadline(s("2026-12-30"), n(5.0), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("deadline failed: {}", message(e)));
    let w = strings(&d, "warnings");
    assert!(w.iter().any(|m| m.contains("2027")), "no warning mentions 2027: {}", show(&d));
}

// ---------------------------------------------------------------------------------------------
// calendarDays

#[wasm_bindgen_test]
fn calendar_days_counts_every_day() {
    let d = calendar_days(s("2023-09-28"), s("2023-10-09"))
        .unwrap_or_else(|e| panic!("calendarDays failed: {}", message(e)));
    assert_eq!(d, 11.0);
    assert_eq!(calendar_days(n(45197.0), n(45208.0)).ok(), Some(11.0));
    assert!(calendar_days(s("garbage"), s("2023-10-09")).is_err());
}

// ---------------------------------------------------------------------------------------------
// dayInfo

fn info(date: &str, options: JsValue) -> JsValue {
    day_info(s(date), options).unwrap_or_else(|e| panic!("dayInfo({date:?}) failed: {}", message(e)))
}

#[wasm_bindgen_test]
fn day_info_national_day_holiday() {
    let d = info("2023-10-01", JsValue::UNDEFINED);
    assert_eq!(string(&d, "date"), "2023-10-01", "{}", show(&d));
    assert_eq!(string(&d, "kind"), "holiday", "{}", show(&d));
    assert!(!boolean(&d, "workday"), "{}", show(&d));
    assert_eq!(string(&d, "name"), "国庆节", "{}", show(&d));
    assert!(boolean(&d, "covered"), "{}", show(&d));
}

#[wasm_bindgen_test]
fn day_info_outside_the_data_is_not_covered() {
    // 2027-03-01 is a Monday; no official data for 2027, so the Mon–Fri rule is assumed.
    let d = info("2027-03-01", JsValue::UNDEFINED);
    assert!(!boolean(&d, "covered"), "{}", show(&d));
    assert!(boolean(&d, "workday"), "{}", show(&d));
}

#[wasm_bindgen_test]
fn day_info_make_up_workday() {
    let d = info("2023-10-07", JsValue::UNDEFINED);
    assert_eq!(string(&d, "kind"), "makeup_workday", "{}", show(&d));
    assert!(boolean(&d, "workday"), "{}", show(&d));
}

#[wasm_bindgen_test]
fn day_info_plain_weekday_and_weekend() {
    let d = info("2023-10-10", JsValue::UNDEFINED);
    assert_eq!(string(&d, "kind"), "weekday", "{}", show(&d));
    assert!(boolean(&d, "workday"), "{}", show(&d));
    assert!(get(&d, "name").is_null(), "name of a plain weekday should be null: {}", show(&d));

    let d = info("2023-10-14", JsValue::UNDEFINED);
    assert_eq!(string(&d, "kind"), "weekend", "{}", show(&d));
    assert!(!boolean(&d, "workday"), "{}", show(&d));
    assert!(get(&d, "name").is_null(), "name of a plain weekend day should be null: {}", show(&d));
}

#[wasm_bindgen_test]
fn day_info_follows_option_overrides() {
    let d = info("2023-07-14", js(r#"{"holidays": ["2023-07-14"]}"#));
    assert!(!boolean(&d, "workday"), "{}", show(&d));
    let d = info("2023-07-15", js(r#"{"workdays": ["2023-07-15"]}"#));
    assert!(boolean(&d, "workday"), "{}", show(&d));
}

#[wasm_bindgen_test]
fn day_info_rejects_garbage() {
    assert!(day_info(s("garbage"), JsValue::UNDEFINED).is_err());
    assert!(day_info(JsValue::UNDEFINED, JsValue::UNDEFINED).is_err());
}

// ---------------------------------------------------------------------------------------------
// spanMonth

#[wasm_bindgen_test]
fn span_month_counts_each_day_of_a_case_in_october_2023() {
    // Thursday 28 Sep 14:00 to Thursday 12 Oct 10:00, stopped 9 Oct 09:00 – 10 Oct 18:00: counted
    // are the make-up working days 7 and 8 October (7 hours each), 11 October (7 hours) and
    // 12 October 09:00–10:00; 9 and 10 October are stopped.
    let options = JSON::parse(r#"{"stops": [["2023-10-09 09:00", "2023-10-10 18:00"]]}"#).unwrap();
    let m = span_month(n(2023.0), n(10.0), s("2023-09-28 14:00"), s("2023-10-12 10:00"), options)
        .unwrap_or_else(|e| panic!("spanMonth failed: {}", message(e)));
    assert_eq!((string(&m, "start"), string(&m, "end")), ("2023-09-28".to_string(), "2023-10-12".to_string()));
    let days = Array::from(&get(&m, "days"));
    assert_eq!(days.length(), 12, "1–12 October: {}", show(&m));
    let counted: Vec<(String, f64)> = days.iter().filter(|d| num(d, "countedMinutes") > 0.0).map(|d| (string(&d, "date"), num(&d, "countedMinutes"))).collect();
    assert_eq!(counted, [("2023-10-07".into(), 420.0), ("2023-10-08".into(), 420.0), ("2023-10-11".into(), 420.0), ("2023-10-12".into(), 60.0)]);
    let stopped: Vec<String> = days.iter().filter(|d| boolean(d, "stopped")).map(|d| string(&d, "date")).collect();
    assert_eq!(stopped, ["2023-10-09", "2023-10-10"]);
    // An end before the start is the core's error, not a trap.
    assert!(span_month(n(2023.0), n(10.0), s("2023-10-12"), s("2023-10-01"), JsValue::UNDEFINED).is_err());
    assert!(span_month(n(2023.0), n(13.0), s("2023-10-01"), s("2023-10-12"), JsValue::UNDEFINED).is_err());
}

// ---------------------------------------------------------------------------------------------
// monthInfo

#[wasm_bindgen_test]
fn month_info_october_2023() {
    let m = month_info(n(2023 as f64), n(10 as f64), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("monthInfo(2023, 10) failed: {}", message(e)));
    assert_eq!(num(&m, "year"), 2023.0, "{}", show(&m));
    assert_eq!(num(&m, "month"), 10.0, "{}", show(&m));
    assert_eq!(num(&m, "firstWeekday"), 7.0, "Oct 1 2023 was a Sunday: {}", show(&m));
    assert!(boolean(&m, "covered"), "{}", show(&m));
    let days = Array::from(&get(&m, "days"));
    assert_eq!(days.length(), 31);
    let first = days.get(0);
    assert_eq!(string(&first, "date"), "2023-10-01", "{}", show(&first));
    assert_eq!(string(&first, "kind"), "holiday", "{}", show(&first));
    let seventh = days.get(6);
    assert_eq!(string(&seventh, "date"), "2023-10-07", "{}", show(&seventh));
    assert_eq!(string(&seventh, "kind"), "makeup_workday", "{}", show(&seventh));
    // Sep 29 and 30 are in September; October's holidays are Oct 1–6.
    let holidays = days.iter().filter(|d| string(d, "kind") == "holiday").count();
    assert_eq!(holidays, 6, "Oct 1–6 are the October holidays");

    assert!(month_info(n(2023 as f64), n(13 as f64), JsValue::UNDEFINED).is_err());
    assert!(month_info(n(2023 as f64), n(0 as f64), JsValue::UNDEFINED).is_err());
}

// ---------------------------------------------------------------------------------------------
// calendarCoverage

#[wasm_bindgen_test]
fn calendar_coverage_is_2004_to_2026() {
    let c = calendar_coverage().unwrap_or_else(|e| panic!("calendarCoverage failed: {}", message(e)));
    assert_eq!(num(&c, "firstYear"), 2004.0, "{}", show(&c));
    assert_eq!(num(&c, "lastYear"), 2026.0, "{}", show(&c));
}

// ---------------------------------------------------------------------------------------------
// Indicators: evaluate, evaluateAll, rankCounties, catalogue

fn first_case(report: &JsValue) -> JsValue {
    Array::from(&get(report, "cases")).get(0)
}

#[wasm_bindgen_test]
fn evaluate_company_setup_through_js() {
    // 09:00–11:48 is 168 minutes = 0.4 of a 7-hour day: exactly the target, met.
    let cases = js(r#"[{"id":"A","county":"麒麟区","start":"2023-07-14 09:00","end":"2023-07-14 11:48"},
                      {"id":"B","county":"宣威市","start":"2023-07-14 09:00","end":"2023-07-14 15:00"}]"#);
    let r = evaluate(s("1.1"), cases.clone(), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{}", message(e)));
    // The same cases as JSON text give the same report.
    let as_text = evaluate(s("1.1"), JSON::stringify(&cases).unwrap().into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(show(&as_text), show(&r));
    let a = first_case(&r);
    assert_eq!((string(&a, "id"), num(&a, "value"), boolean(&a, "met")), ("A".to_string(), 0.4, true));
    assert_eq!(num(&a, "workingMinutes"), 168.0);
    let b = Array::from(&get(&r, "cases")).get(1);
    // 09:00–12:00 and 14:00–15:00: 240 minutes = 4/7 of a day, late.
    assert!((num(&b, "value") - 4.0 / 7.0).abs() < 1e-12);
    assert!(!boolean(&b, "met"));
    let summary = get(&r, "summary");
    assert_eq!((num(&summary, "count"), num(&summary, "late"), num(&summary, "metShare")), (2.0, 1.0, 0.5));
    assert_eq!(Array::from(&get(&r, "byCounty")).length(), 2);
}

#[wasm_bindgen_test]
fn evaluate_reports_bad_cases_without_failing_the_call() {
    let cases = js(r#"[{"numerator":99,"denominator":100},{"numerator":5,"denominator":0},{"numerator":"x","denominator":1}]"#);
    let r = evaluate(s("4.1"), cases, js(r#"{"lang":"zh"}"#)).unwrap_or_else(|e| panic!("{}", message(e)));
    let list = Array::from(&get(&r, "cases"));
    assert!(string(&list.get(1), "error").contains("应大于 0"));
    assert_eq!(string(&list.get(1), "errorField"), "denominator");
    assert!(string(&list.get(2), "error").contains("不是数字"));
    let summary = get(&r, "summary");
    assert_eq!((num(&summary, "valid"), num(&summary, "invalid"), num(&summary, "value")), (1.0, 2.0, 99.0));
    // An unknown indicator is an error for the whole call, and the module still works after it.
    let err = error_object(evaluate(s("99.9"), js("[]"), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(get(&err.clone().into(), "kind").as_string().as_deref(), Some("catalog"));
    assert!(evaluate(s("4.1"), js("[]"), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn the_sample_dataset_evaluates_across_the_whole_plan() {
    let sample = sample_dataset().unwrap();
    let d = evaluate_all(sample.clone(), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{}", message(e)));
    let totals = get(&d, "totals");
    assert_eq!(num(&totals, "indicators"), 42.0);
    assert_eq!(num(&totals, "withData"), 42.0);
    assert_eq!(num(&totals, "met") + num(&totals, "notMet"), 42.0);
    let ranking = rank_counties(sample, JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&ranking).length(), 10);
    assert_eq!(num(&Array::from(&ranking).get(0), "rank"), 1.0);
}

#[wasm_bindgen_test]
fn catalogue_loads_and_rejects_malformed_json() {
    assert_eq!(Array::from(&get(&catalog().unwrap(), "indicators")).length(), 42);
    let err = message(load_catalog(s("{"), JsValue::UNDEFINED).unwrap_err());
    assert!(err.contains("第 1 行"), "{err}");
    // A separate calculator with a one-indicator catalogue; the default one is untouched.
    let one = r#"{"plan":{"id":"x","nameZh":"x"},"topics":[{"id":"1","nameZh":"t","nameEn":"t"}],
        "indicators":[{"id":"1.1","topic":"1","nameZh":"开办","nameEn":"setup","unit":"working_days","direction":"le","target":1,"method":"elapsed_working"}]}"#;
    let calc = Calculator::new(s(&one)).unwrap_or_else(|e| panic!("{}", message(e)));
    let r = calc.evaluate(s("1.1"), js(r#"[{"start":"2023-07-14 09:00","end":"2023-07-14 15:00"}]"#), JsValue::UNDEFINED).unwrap();
    assert!(boolean(&first_case(&r), "met"));
    assert_eq!(Array::from(&get(&catalog().unwrap(), "indicators")).length(), 42);
}

#[wasm_bindgen_test]
fn cases_are_routed_by_customer_class() {
    let routed = route_cases(s("3.4"), js(r#"[{"customerClass":"高压单电源"},{"customerClass":"居民"}]"#)).unwrap();
    assert_eq!(Array::from(&get(&routed, "3.6")).length(), 1);
    assert_eq!(Array::from(&get(&routed, "3.4")).length(), 1);
}

// ---------------------------------------------------------------------------------------------
// Ledgers: parseTable, evaluateTable, export, project file

const LEDGER: &str = "2023年企业开办台账\n编号,受理时间,办结时间,所属县区\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\n,,,\nB,2023/7/14 10:00,yesterday,宣威市\nC,2023-07-14 10:00,2023-07-14 09:00,会泽县\n";

#[wasm_bindgen_test]
fn a_ledger_is_parsed_and_every_row_accounted_for() {
    let t = parse_table(bytes(LEDGER.as_bytes()), s("台账.csv"), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{}", message(e)));
    assert_eq!((string(&t, "encoding"), num(&t, "headerRow"), num(&t, "blankRows")), ("utf-8".to_string(), 2.0, 1.0));
    let fields: Vec<String> = Array::from(&get(&t, "columns")).iter().map(|c| string(&c, "field")).collect();
    assert_eq!(fields, ["id", "start", "end", "county"]);
    let r = evaluate_table(s("1.1"), bytes(LEDGER.as_bytes()), s("台账.csv"), js(r#"{"lang":"zh"}"#)).unwrap_or_else(|e| panic!("{}", message(e)));
    let counts = get(&r, "counts");
    assert_eq!((num(&counts, "rowsIn"), num(&counts, "evaluated"), num(&counts, "withProblems")), (3.0, 1.0, 2.0));
    let problems = Array::from(&get(&r, "problems"));
    assert_eq!((num(&problems.get(0), "row"), string(&problems.get(0), "columnLetter")), (5.0, "C".to_string()));
    assert_eq!(string(&problems.get(0), "value"), "yesterday");
    assert_eq!(num(&problems.get(1), "row"), 6.0);
    assert!(string(&problems.get(1), "message").contains("早于"));
    // Garbage bytes are an error, not a crash; the next call works.
    assert!(parse_table(bytes(b"PK\x03\x04garbage"), s("x.xlsx"), JsValue::UNDEFINED).is_err());
    assert!(parse_table(bytes(LEDGER.as_bytes()), s("台账.csv"), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn exports_are_an_xlsx_that_reads_back_and_a_defused_csv() {
    let ledger = LEDGER.replace("麒麟区", "=HYPERLINK(\"x\")");
    let r = evaluate_table(s("1.1"), bytes(ledger.as_bytes()), s("台账.csv"), js(r#"{"lang":"zh"}"#)).unwrap();
    let xlsx = export_xlsx(r.clone(), js(r#"{"lang":"zh"}"#)).unwrap_or_else(|e| panic!("{}", message(e)));
    assert!(xlsx.starts_with(b"PK"));
    let back = parse_table(bytes(&xlsx), s("export.xlsx"), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{}", message(e)));
    assert_eq!(strings(&back, "sheets"), ["案件明细", "汇总", "县区", "问题行"]);
    let text = JSON::stringify(&r).unwrap().as_string().unwrap();
    let csv = export_csv(JsValue::from_str(&text), JsValue::UNDEFINED).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[wasm_bindgen_test]
fn a_project_round_trips() {
    let text = save_project(js(r#"{"dataset":{"1.1":[{"id":"A","start":"2023-07-14 09:00"}]},"settings":{"hoursPerDay":8}}"#), JsValue::UNDEFINED).unwrap();
    let again = save_project(load_project(s(&text), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{}", message(e))), JsValue::UNDEFINED).unwrap();
    assert_eq!(text, again);
    let err = message(load_project(s(r#"{"schema":"bizenv-project","version":99}"#), js(r#"{"lang":"en"}"#)).unwrap_err());
    assert!(err.starts_with("project version 99"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// chartSvg

#[wasm_bindgen_test]
fn chart_svg_draws_every_kind_from_a_report_object_or_text() {
    use bizenv::wasm::chart_svg;
    let cases = js(r#"[{"county":"<script>","start":"2023-07-14 09:00","end":"2023-07-14 11:48"},{"county":"宣威市","start":"2023-07-14 09:00","end":"2023-07-18 15:00"}]"#);
    let report = evaluate(s("1.1"), cases, js(r#"{"lang":"zh"}"#)).unwrap_or_else(|e| panic!("{}", message(e)));
    for kind in ["distribution", "counties", "trend"] {
        let svg = chart_svg(s(kind), report.clone(), js(r#"{"lang":"zh"}"#)).unwrap_or_else(|e| panic!("{kind}: {}", message(e)));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{kind}");
        assert!(svg.contains(r#"class="target""#), "{kind}");
        let as_text = chart_svg(s(kind), JSON::stringify(&report).unwrap().into(), JsValue::UNDEFINED).unwrap();
        assert_eq!(as_text, svg, "{kind}: report as JSON text, lang defaulting to Chinese");
    }
    let counties = chart_svg(s("counties"), report.clone(), JsValue::UNDEFINED).unwrap();
    assert!(counties.contains("&lt;script&gt;") && !counties.contains("<script"));
    assert!(chart_svg(s("trend"), report.clone(), js(r#"{"lang":"en"}"#)).unwrap().contains("Month of completion"));
    let empty = evaluate(s("1.1"), js("[]"), JsValue::UNDEFINED).unwrap();
    assert!(chart_svg(s("distribution"), empty, JsValue::UNDEFINED).unwrap().contains("暂无数据"));
    let err = error_object(chart_svg(s("pie"), report.clone(), js(r#"{"lang":"en"}"#)).unwrap_err());
    assert!(String::from(err.message()).contains("pie"));
    assert_eq!(Reflect::get(&err, &s("kind")).unwrap().as_string().as_deref(), Some("range"));
    assert_eq!(Reflect::get(&err, &s("field")).unwrap().as_string().as_deref(), Some("kind"));
    assert!(chart_svg(s("counties"), js("[1,2]"), JsValue::UNDEFINED).is_err());
    assert!(chart_svg(s("counties"), s("not json"), JsValue::UNDEFINED).is_err());
}

// ---------------------------------------------------------------------------------------------
// The boundary: wrong arguments are Errors with kind "argument" and the parameter's name, never
// traps (each of these trapped in the generated glue before the arguments were checked).

fn kind_and_field(err: JsValue) -> (String, String) {
    let e = error_object(err);
    let get = |k: &str| Reflect::get(&e, &s(k)).unwrap().as_string().unwrap_or_default();
    (get("kind"), get("field"))
}

fn array_like(length: f64) -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &s("length"), &n(length)).unwrap();
    o.into()
}

#[wasm_bindgen_test]
fn wrong_argument_types_are_argument_errors_naming_the_parameter() {
    let u = JsValue::UNDEFINED;
    let cases: [(Result<JsValue, JsValue>, &str); 12] = [
        (evaluate(n(1.1), js("[]"), u.clone()), "indicatorId"),
        (load_project(JsValue::FALSE, u.clone()), "text"),
        (bizenv::wasm::check_calendar_csv(js("{}"), u.clone()), "text"),
        (parse_table(bytes(b"a,b\n1,2\n"), n(5.0), u.clone()), "fileName"),
        (parse_table(array_like(-1.0), s("a.csv"), u.clone()), "bytes"),
        (parse_table(array_like(2f64.powi(31)), s("a.csv"), u.clone()), "bytes"),
        (parse_table(array_like(1.5e9), s("a.csv"), u.clone()), "bytes"),
        (evaluate_table(s("1.1"), s("编号,受理时间"), s("a.csv"), u.clone()), "bytes"),
        (working_time(js("{}"), s("2023-07-14"), u.clone()), "start"),
        (working_time(s("2023-07-14"), s("2023-07-15"), n(3.0)), "options"),
        (month_info(s("2023"), n(10.0), u.clone()), "year"),
        (load_catalog(js("[]"), u.clone()), "json"),
    ];
    for (i, (result, field)) in cases.into_iter().enumerate() {
        let err = result.expect_err(&format!("case {i} should be refused"));
        assert_eq!(kind_and_field(err), ("argument".to_string(), field.to_string()), "case {i}");
    }
    let err = Calculator::new(js("{}")).err().expect("a catalogue must be text");
    assert_eq!(kind_and_field(err), ("argument".into(), "catalogJson".into()));
    // Numbers must be finite and in range.
    let err = add_working_days(s("2023-07-14"), n(f64::NAN), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(kind_and_field(err).1, "days");
    // And after all of that, the module answers.
    assert_eq!(num(&wt(s("2023-09-28"), s("2023-10-09"), JsValue::UNDEFINED), "workingDays"), 3.0);
}

#[wasm_bindgen_test]
fn a_huge_value_gives_a_short_message() {
    // A ten-million-character date: refused by its length before it is copied, in a few words.
    let huge = s(&"9".repeat(10_000_000));
    let text = message(working_time(huge, s("2023-07-14"), JsValue::UNDEFINED).unwrap_err());
    assert!(text.len() < 500, "{} bytes", text.len());
    assert!(text.contains("start"), "{text}");
}

#[wasm_bindgen_test]
fn settings_are_checked_by_the_core() {
    let ok = bizenv::wasm::check_settings(js(r#"{"sessions": [["9:00", "12:00"]], "hoursPerDay": 8}"#), JsValue::UNDEFINED).unwrap();
    assert_eq!(show(&get(&ok, "sessions")), r#"[["09:00","12:00"]]"#);
    for (settings, field) in [(r#"{"sessions": [1]}"#, "sessions"), (r#"{"sessions": [["09:00", "25:00"]]}"#, "sessions"), (r#"{"hoursPerDay": -1}"#, "hoursPerDay")] {
        let err = bizenv::wasm::check_settings(js(settings), JsValue::UNDEFINED).unwrap_err();
        assert_eq!(kind_and_field(err).1, field, "{settings}");
    }
    let err = bizenv::wasm::check_settings(JsValue::UNDEFINED, js(r#"{"asOf": "garbage"}"#)).unwrap_err();
    assert_eq!(kind_and_field(err).1, "asOf");
}

// ---------------------------------------------------------------------------------------------
// Verdicts as the plan defines them (issue 8): through the JS API, as the page calls it.
// Worked by hand in tests/verdicts.rs; the same figures must cross the boundary.

fn eval_js(id: &str, cases: &str, options: &str) -> JsValue {
    evaluate(id.into(), js(cases), js(options)).unwrap_or_else(|e| panic!("evaluate({id}) failed: {}", message(e)))
}

#[wasm_bindgen_test]
fn stages_count_the_governments_time_only() {
    // Three 5-day stages a month apart (Mon 09:00 – Fri 18:00): 15 working days; the 53-day span
    // (Mar 6 – May 19, 2023) would fail 35.
    let r = eval_js(
        "2.1",
        r#"[{"id":"P","steps":[
            {"name":"立项用地规划许可","start":"2023-03-06 09:00","end":"2023-03-10 18:00"},
            {"name":"工程建设许可","start":"2023-04-10 09:00","end":"2023-04-14 18:00"},
            {"name":"施工许可","start":"2023-05-15 09:00","end":"2023-05-19 18:00"}]}]"#,
        r#"{"lang":"zh"}"#,
    );
    assert_eq!(string(&r, "timeBasis"), "stages");
    let c = first_case(&r);
    assert_eq!((num(&c, "value"), num(&c, "between"), boolean(&c, "met")), (15.0, 38.0, true));
    assert_eq!(string(&c, "measuredBy"), "stages");
    let steps = Array::from(&get(&c, "steps"));
    assert_eq!((num(&steps.get(0), "from"), num(&steps.get(2), "to")), (0.0, 1.0));
    // Between stages: paused, no deadline.
    let r = eval_js("3.6", r#"[{"steps":[{"name":"供电方案答复","start":"2023-07-03 09:00","end":"2023-07-07 18:00"},{"name":"设计审查"}]}]"#, r#"{"asOf":"2023-12-20 18:00"}"#);
    let c = first_case(&r);
    assert_eq!((string(&c, "status"), boolean(&c, "paused"), num(&c, "elapsed")), ("open".to_string(), true, 5.0));
    assert!(get(&c, "deadline").is_undefined(), "{}", show(&c));
}

#[wasm_bindgen_test]
fn shares_counties_stocks_and_series_reach_js() {
    let r = eval_js("5.3", r#"[{"measure":"户数","numerator":95,"denominator":100},{"measure":"金额","numerator":800,"denominator":1000}]"#, r#"{"lang":"zh"}"#);
    let summary = get(&r, "summary");
    assert_eq!((num(&summary, "value"), boolean(&summary, "met")), (80.0, false));
    let shares = Array::from(&get(&summary, "shares"));
    assert_eq!((string(&shares.get(0), "nameZh"), num(&shares.get(0), "value")), ("户数".to_string(), 95.0));
    let r = eval_js(
        "10.1",
        r#"[{"county":"麒麟区","start":"2022-06-01","end":"2023-07-06"},{"county":"宣威市","start":"2021-06-01","end":"2023-08-09"}]"#,
        r#"{"lang":"zh"}"#,
    );
    let summary = get(&r, "summary");
    assert_eq!((num(&summary, "value"), boolean(&summary, "met"), num(&summary, "mean")), (799.0, false, 599.5));
    assert_eq!(strings(&summary, "failingCounties"), ["宣威市"]);
    assert!(get(&first_case(&r), "met").is_null());
    assert_eq!(num(&first_case(&r), "gap"), -330.0);
    let r = eval_js("4.4", r#"[{"county":"麒麟区","period":"2023-06","count":200},{"county":"麒麟区","period":"2023-12","count":210}]"#, "{}");
    assert_eq!(num(&get(&r, "summary"), "value"), 210.0);
    let r = eval_js("6.1", r#"[{"series":"进口","period":"2023-11","value":32},{"series":"进口","period":"2023-12","value":30},{"series":"出口","period":"2023-11","value":2},{"series":"出口","period":"2023-12","value":2.5}]"#, "{}");
    let series = Array::from(&get(&get(&r, "summary"), "series"));
    assert_eq!((string(&series.get(0), "series"), boolean(&series.get(0), "fell")), ("出口".to_string(), false));
    // The dashboard row names the failing court.
    let d = evaluate_all(js(r#"{"10.1":[{"county":"麒麟区","start":"2022-06-01","end":"2023-07-06"},{"county":"宣威市","start":"2021-06-01","end":"2023-08-09"}]}"#), JsValue::UNDEFINED).unwrap();
    let row = Array::from(&get(&d, "indicators")).iter().find(|i| string(i, "id") == "10.1").unwrap();
    assert_eq!(strings(&row, "failingCounties"), ["宣威市"]);
}

#[wasm_bindgen_test]
fn averages_alert_only_against_a_statutory_limit_set_in_the_options() {
    let cases = r#"[{"start":"2023-07-31"}]"#;
    let c = first_case(&eval_js("8.2", cases, r#"{"asOf":"2023-12-29 00:00"}"#));
    assert_eq!(num(&c, "elapsed"), 150.0);
    assert!(get(&c, "alert").is_undefined() && get(&c, "met").is_null(), "{}", show(&c));
    // 150 of 183 days: 750 ≥ 732, a warning.
    let r = eval_js("8.2", cases, r#"{"asOf":"2023-12-29 00:00","caseLimits":{"8.2":183}}"#);
    assert_eq!((string(&first_case(&r), "alert"), num(&r, "caseLimit")), ("warning".to_string(), 183.0));
    // A 3-working-day case at exactly 2.4 days: a warning, not "ok".
    let c = first_case(&eval_js("3.4", r#"[{"start":"2023-07-03 09:00"}]"#, r#"{"asOf":"2023-07-05 11:48"}"#));
    assert_eq!(string(&c, "alert"), "warning");
}

#[wasm_bindgen_test]
fn scores_are_anchored_and_the_ranking_states_its_coverage() {
    // 4.1 (≥ 98 %; best 100, worst 96): 97.1 % → 33, 99.5 % → 90.
    let r = eval_js("4.1", r#"[{"county":"麒麟区","numerator":971,"denominator":1000},{"county":"沾益区","numerator":995,"denominator":1000}]"#, "{}");
    let rows = Array::from(&get(&r, "byCounty"));
    assert!((num(&rows.get(0), "score") - 33.0).abs() < 1e-9 && (num(&rows.get(1), "score") - 90.0).abs() < 1e-9, "{}", show(&r));
    assert_eq!(string(&r, "scoring"), "target_anchored");
    let ranking = rank_counties(
        js(r#"{"1.1":[{"county":"麒麟区","start":"2023-07-14 09:00","end":"2023-07-14 11:48"}],"4.1":[{"county":"麒麟区","numerator":995,"denominator":1000},{"county":"沾益区","numerator":995,"denominator":1000}]}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let second = Array::from(&ranking).get(1);
    // 沾益区: 90 on 4.1, nothing on 1.1: 90 / 2 = 45 over 1 of 2 indicators, own mean 90.
    assert_eq!((string(&second, "county"), num(&second, "indicators"), num(&second, "rankedIndicators")), ("沾益区".to_string(), 1.0, 2.0));
    assert!((num(&second, "score") - 45.0).abs() < 1e-9 && (num(&second, "ownMean") - 90.0).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn the_catalogue_carries_the_plans_methods_and_the_core_checks_ranges() {
    let cat = catalog().unwrap();
    assert_eq!(num(&get(&cat, "scoring"), "anchorScore"), 60.0);
    let indicators = Array::from(&get(&cat, "indicators"));
    let find = |id: &str| indicators.iter().find(|i| string(i, "id") == id).unwrap();
    let construction = find("2.1");
    assert_eq!((string(&construction, "timeBasis"), string(&construction, "aggregation")), ("stages".to_string(), "mean".to_string()));
    assert!(string(&construction, "methodNoteZh").contains("环节之间申请人准备材料的时间不计"));
    assert_eq!(Array::from(&get(&construction, "stepNames")).length(), 4);
    assert!(string(&find("8.4"), "clause").contains("信息披露"));
    // An index of 12 is refused with its range; a case starting after asOf is an error.
    let r = eval_js("8.4", r#"[{"value":12}]"#, r#"{"lang":"en"}"#);
    assert_eq!(string(&first_case(&r), "error"), "value is 12: out of range, expected between 0 and 10");
    let r = eval_js("3.5", r#"[{"start":"2024-03-01 09:00"}]"#, r#"{"asOf":"2023-12-29 17:00","lang":"zh"}"#);
    assert!(string(&first_case(&r), "error").starts_with("开始时间 2024-03-01 09:00 晚于评估时点"));
    // The World Bank recovery rate: China, DB2020 (1.7 years, 22 %, piecemeal, 4.35 %): 36.74.
    let r = eval_js("10.5", r#"[{"outcome":"piecemeal","costPercent":22,"years":1.7,"lendingRate":4.35}]"#, r#"{"recoveryMethod":"doing_business"}"#);
    assert!((num(&first_case(&r), "value") - 36.74).abs() < 0.01, "{}", show(&r));
    // The sample data is generated by the core, the same each time.
    assert_eq!(show(&sample_dataset().unwrap()), show(&sample_dataset().unwrap()));
}

// ---------------------------------------------------------------------------------------------
// The Workspace class: the protocol across the boundary (what crosses, errors as JS Errors with
// kind and field, survival after errors). The arithmetic is tested natively (tests/workspace.rs).

use bizenv::wasm::Workspace;

fn workspace() -> Workspace {
    let mut ws = Workspace::new(JsValue::UNDEFINED).unwrap();
    ws.set_settings(js(r#"{"lang":"zh"}"#)).unwrap();
    ws
}

#[wasm_bindgen_test]
fn the_workspace_keeps_cases_and_answers_each_screen() {
    let mut ws = workspace();
    // 09:00–11:48 is 0.4 of a 7-hour day: meets 1.1.
    let put = ws.put_case(s("1.1"), JsValue::NULL, js(r#"{"id":"A","county":"麒麟区","start":"2023-07-14 09:00","end":"2023-07-14 11:48"}"#)).unwrap();
    let key = get(&put, "key");
    assert!(key.as_f64().is_some_and(|k| k >= 1.0), "{}", show(&put));
    assert!(Array::from(&get(&put, "errors")).length() == 0);
    let page = ws.cases(s("1.1"), js(r#"{"limit":10,"sort":{"column":"value","descending":true}}"#)).unwrap();
    assert_eq!((num(&page, "total"), num(&page, "matched")), (1.0, 1.0));
    let row = Array::from(&get(&page, "rows")).get(0);
    assert_eq!((string(&row, "id"), boolean(&row, "met")), ("A".to_string(), true));
    let columns = Array::from(&get(&page, "columns"));
    let value = columns.iter().position(|c| string(&c, "id") == "value").unwrap() as u32;
    let cell = Array::from(&get(&row, "cells")).get(value);
    assert_eq!((string(&cell, "t"), num(&cell, "v")), ("0.40".to_string(), 0.4));
    let d = ws.dashboard().unwrap();
    assert_eq!(string(&d, "provenance"), "real");
    let first = Array::from(&get(&d, "indicators")).get(0);
    assert_eq!((string(&first, "id"), boolean(&first, "met")), ("1.1".to_string(), true));
    // The form gets the case back; a refused case is not kept and names its fields.
    assert_eq!(string(&ws.case(s("1.1"), key.clone()).unwrap(), "end"), "2023-07-14 11:48");
    let refused = ws.put_case(s("2.3"), JsValue::NULL, js(r#"{"cost":"abc","base":1000}"#)).unwrap();
    assert!(get(&refused, "key").is_null());
    assert_eq!(string(&Array::from(&get(&refused, "errors")).get(0), "field"), "cost");
    // Delete, undo, stats.
    assert_eq!(string(&ws.delete_case(s("1.1"), key).unwrap(), "id"), "A");
    assert_eq!(string(&ws.undo().unwrap(), "kind"), "delete");
    assert_eq!(num(&ws.stats().unwrap(), "casesEvaluated"), 2.0);
    // The indicator's view and a chart.
    let view = ws.indicator(s("1.1")).unwrap();
    assert_eq!(num(&get(&view, "summary"), "count"), 1.0);
    assert!(ws.chart(s("counties"), s("1.1")).unwrap().contains("麒麟区"));
    // Exports cross as bytes.
    let xlsx = ws.export(js(r#"{"indicator":"1.1"}"#), s("xlsx")).unwrap();
    assert_eq!(&xlsx[..2], b"PK");
    let csv = ws.export(s("ranking"), s("csv")).unwrap();
    assert!(String::from_utf8(csv).unwrap().starts_with("\u{feff}名次"));
}

#[wasm_bindgen_test]
fn the_indicator_screen_crosses_as_one_object_and_checks_its_query() {
    let mut ws = workspace();
    // 09:00–11:48 is 0.4 of a 7-hour day; 09:00–15:00 is 4 h = 4/7, shown 0.57.
    for (id, end) in [("A", "11:48"), ("B", "15:00")] {
        ws.put_case(s("1.1"), JsValue::NULL, js(&format!(r#"{{"id":"{id}","county":"麒麟区","start":"2023-07-14 09:00","end":"2023-07-14 {end}"}}"#))).unwrap();
    }
    let screen = ws.indicator_screen(s("1.1"), js(r#"{"cases":{"limit":1,"sort":{"column":"value","descending":true}},"charts":["counties"]}"#)).unwrap();
    assert_eq!(num(&get(&get(&screen, "view"), "summary"), "count"), 2.0);
    let cases = get(&screen, "cases");
    assert_eq!((num(&cases, "total"), num(&cases, "matched")), (2.0, 2.0));
    assert_eq!(string(&Array::from(&get(&cases, "rows")).get(0), "id"), "B");
    let charts = Array::from(&get(&screen, "charts"));
    assert_eq!(charts.length(), 1);
    let chart = charts.get(0);
    assert_eq!(string(&chart, "kind"), "counties");
    assert!(string(&chart, "svg").contains("麒麟区"));
    assert!(get(&chart, "error").is_undefined());
    // No query: the first page, and the charts the method calls for (1.1: three).
    let whole = ws.indicator_screen(s("1.1"), JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&get(&whole, "charts")).length(), 3);
    assert_eq!(Array::from(&get(&get(&whole, "cases"), "rows")).length(), 2);
    // Bad arguments are Errors with kind and field; the workspace still answers.
    for (result, expected) in [
        (ws.indicator_screen(n(1.1), JsValue::UNDEFINED), ("argument", "indicatorId")),
        (ws.indicator_screen(s("1.1"), s("x")), ("argument", "query")),
        (ws.indicator_screen(s("1.1"), js(r#"{"charts":["pie"]}"#)), ("argument", "query")),
        (ws.indicator_screen(s("1.1"), js(r#"{"cases":{"sort":{"column":"steps"}}}"#)), ("range", "sort")),
    ] {
        assert_eq!(kind_and_field(result.unwrap_err()), (expected.0.to_string(), expected.1.to_string()));
    }
    assert_eq!(num(&get(&ws.indicator(s("1.1")).unwrap(), "summary"), "count"), 2.0);
}

#[wasm_bindgen_test]
fn a_staged_import_is_committed_or_discarded_by_its_id() {
    let mut ws = workspace();
    let csv = "工单号,客户类别,受理申请时间,装表接电时间\nA1,居民,2023-07-03 09:00,2023-07-05 09:00\nA2,低压非居民,2023-07-03 09:00,2023-07-14 18:00\nA3,居民,yesterday,2023-07-05 09:00\n";
    let u = JsValue::UNDEFINED;
    let staged = ws.stage_import(bytes(csv.as_bytes()), s("供电台账.csv"), js(r#"{"indicator":"3.4"}"#), u.clone()).unwrap();
    // Where the rows go: A1 and A3 (a problem) under 3.4, A2 under 3.5; nothing added yet.
    assert!(!boolean(&staged, "committed"));
    let dest: Vec<(String, f64, f64)> = Array::from(&get(&staged, "destinations")).iter().map(|d| (string(&d, "indicatorId"), num(&d, "rows"), num(&d, "withProblems"))).collect();
    assert_eq!(dest, [("3.4".to_string(), 2.0, 1.0), ("3.5".to_string(), 1.0, 0.0)]);
    assert_eq!(num(&get(&staged, "counts"), "rowsIn"), 3.0);
    assert_eq!(num(&ws.dashboard().unwrap(), "cases"), 0.0);
    let id = get(&staged, "importId");
    assert_eq!(num(&ws.problems(id.clone(), u.clone(), u.clone()).unwrap(), "total"), 1.0);
    // Discarded: nothing added; the id is gone.
    assert_eq!(num(&ws.discard_import(id.clone()).unwrap(), "rows"), 3.0);
    assert_eq!(kind_and_field(ws.commit_import(id.clone()).unwrap_err()), ("argument".to_string(), "importId".to_string()));
    assert_eq!(kind_and_field(ws.discard_import(id).unwrap_err()), ("argument".to_string(), "importId".to_string()));
    // Staged again and committed: three cases in the working set, undoable as one import.
    let again = ws.stage_import(bytes(csv.as_bytes()), s("供电台账.csv"), js(r#"{"indicator":"3.4"}"#), u.clone()).unwrap();
    let done = ws.commit_import(get(&again, "importId")).unwrap();
    assert!(boolean(&done, "committed"));
    assert_eq!(num(&ws.dashboard().unwrap(), "cases"), 3.0);
    assert_eq!(string(&ws.undo().unwrap(), "kind"), "import");
    assert_eq!(num(&ws.dashboard().unwrap(), "cases"), 0.0);
    // Ids of the wrong type are errors naming the argument, not traps.
    for bad in [s("1"), n(0.0), n(1.5), JsValue::NULL] {
        assert_eq!(kind_and_field(ws.commit_import(bad.clone()).unwrap_err()).1, "importId");
        assert_eq!(kind_and_field(ws.discard_import(bad).unwrap_err()).1, "importId");
    }
}

/// The page's path for a file its core module does not read itself (a GBK CSV here): the core
/// says so, the ledger module reads it, and the workspace takes what it read in the file's place,
/// with the same rows as from the UTF-8 file; workbooks go the other way as typed sheets.
#[wasm_bindgen_test]
fn a_file_read_by_the_ledger_module_imports_as_the_file_itself() {
    let csv = "工单号,客户类别,受理申请时间,装表接电时间\nA1,居民,2023-07-03 09:00,2023-07-05 09:00\nA2,低压非居民,2023-07-03 09:00,2023-07-14 18:00\nA3,居民,yesterday,2023-07-05 09:00\n";
    let gbk = encoding_rs::GBK.encode(csv).0.into_owned();
    assert!(needs_ledger_module(bytes(&gbk)).unwrap());
    assert!(!needs_ledger_module(bytes(csv.as_bytes())).unwrap());
    let u = JsValue::UNDEFINED;
    let options = js(r#"{"indicator":"3.4"}"#);
    let read = read_ledger(bytes(&gbk), s("供电台账.csv"), options.clone()).unwrap();
    assert!(!needs_ledger_module(bytes(&read)).unwrap());
    let mut ws = workspace();
    let staged = ws.stage_import(bytes(&read), s("供电台账.csv"), options.clone(), u.clone()).unwrap();
    let dest: Vec<(String, f64, f64)> = Array::from(&get(&staged, "destinations")).iter().map(|d| (string(&d, "indicatorId"), num(&d, "rows"), num(&d, "withProblems"))).collect();
    assert_eq!(dest, [("3.4".to_string(), 2.0, 1.0), ("3.5".to_string(), 1.0, 0.0)]);
    ws.commit_import(get(&staged, "importId")).unwrap();
    assert_eq!(num(&ws.dashboard().unwrap(), "cases"), 3.0);
    // An .xlsx export: the core's sheets, written by the ledger module, read back.
    let sheets = ws.export_sheets(js(r#"{"indicator":"3.5"}"#)).unwrap();
    let xlsx = write_sheets(bytes(&sheets), u.clone()).unwrap();
    assert_eq!(&xlsx[..2], b"PK");
    let table = parse_table(bytes(&xlsx), s("3.5.xlsx"), u.clone()).unwrap();
    assert_eq!(Array::from(&get(&table, "rows")).length(), 1);
    let template = write_template(bytes(&ws.template_book(s("3.4")).unwrap()), u.clone()).unwrap();
    assert_eq!(&template[..2], b"PK");
    // Damaged or wrong bytes are errors naming the argument, never traps.
    assert_eq!(kind_and_field(ws.stage_import(bytes(&read[..read.len() - 3]), s("x.csv"), options.clone(), u.clone()).unwrap_err()), ("argument".to_string(), "transfer".to_string()));
    assert_eq!(kind_and_field(write_sheets(bytes(&sheets[..sheets.len() / 2]), u.clone()).unwrap_err()), ("argument".to_string(), "transfer".to_string()));
    assert_eq!(kind_and_field(write_template(bytes(&read), u.clone()).unwrap_err()), ("argument".to_string(), "transfer".to_string()));
    assert_eq!(kind_and_field(read_ledger(n(1.0), s("x.csv"), u.clone()).unwrap_err()), ("argument".to_string(), "bytes".to_string()));
    assert_eq!(kind_and_field(write_sheets(s("PK"), u).unwrap_err()), ("argument".to_string(), "sheets".to_string()));
}

#[wasm_bindgen_test]
fn a_workspace_import_reports_progress_through_a_js_callback_and_can_be_cancelled() {
    let mut ws = workspace();
    let mut csv = String::from("工单号,客户类别,受理申请时间,装表接电时间\n");
    for i in 0..5000 {
        csv.push_str(&format!("A{i},{},2023-07-03 09:00,2023-07-05 09:00\n", if i % 2 == 0 { "居民" } else { "低压非居民" }));
    }
    // A callback that counts its calls on `this`-free state: a global array.
    let calls = Array::new();
    Reflect::set(&js_sys::global(), &s("__bizenvCalls"), &calls).unwrap();
    let count = js_sys::Function::new_with_args("p", "globalThis.__bizenvCalls.push(p.rows); return true;");
    let report = ws.import_table(bytes(csv.as_bytes()), s("供电台账.csv"), js(r#"{"indicator":"3.4"}"#), count.into()).unwrap();
    assert_eq!(num(&get(&report, "counts"), "rowsIn"), 5000.0);
    let dest: Vec<(String, f64)> = Array::from(&get(&report, "destinations")).iter().map(|d| (string(&d, "indicatorId"), num(&d, "rows"))).collect();
    assert_eq!(dest, [("3.4".to_string(), 2500.0), ("3.5".to_string(), 2500.0)]);
    assert_eq!(calls.iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>(), [4096.0, 5000.0]);
    // Returning false cancels: an Error of kind "cancelled", nothing changed.
    let stop = js_sys::Function::new_with_args("p", "return false;");
    let err = ws.import_table(bytes(csv.as_bytes()), s("again.csv"), js(r#"{"indicator":"3.4"}"#), stop.into()).unwrap_err();
    assert_eq!(kind_and_field(err).0, "cancelled");
    // A callback that throws cancels too.
    let throws = js_sys::Function::new_with_args("p", "throw new Error('no');");
    assert!(ws.import_table(bytes(csv.as_bytes()), s("again.csv"), js(r#"{"indicator":"3.4"}"#), throws.into()).is_err());
    assert_eq!(num(&ws.dashboard().unwrap(), "cases"), 5000.0);
    // Problems page and sources.
    let importid = get(&report, "importId");
    assert_eq!(num(&ws.problems(importid, JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap(), "total"), 0.0);
    assert_eq!(Array::from(&get(&ws.sources().unwrap(), "imports")).length(), 1);
    // A project saved loads into another workspace.
    let text = ws.save_project().unwrap();
    let mut other = workspace();
    assert_eq!(num(&other.load_project(s(&text)).unwrap(), "cases"), 5000.0);
}

#[wasm_bindgen_test]
fn workspace_arguments_are_checked_and_the_workspace_survives_every_error() {
    let mut ws = workspace();
    let u = JsValue::UNDEFINED;
    let cases: Vec<(Result<JsValue, JsValue>, (&str, &str))> = vec![
        (ws.put_case(n(1.1), JsValue::NULL, js("{}")), ("argument", "indicatorId")),
        (ws.put_case(s("1.1"), s("x"), js("{}")), ("argument", "key")),
        (ws.put_case(s("1.1"), n(0.5), js("{}")), ("range", "key")),
        (ws.put_case(s("1.1"), JsValue::NULL, js("[1]")), ("argument", "input")),
        (ws.put_case(s("1.1"), JsValue::NULL, s("{}")), ("argument", "input")),
        (ws.put_case(s("1.1"), n(999.0), js("{}")), ("argument", "key")),
        (ws.put_case(s("99.9"), JsValue::NULL, js("{}")), ("catalog", "")),
        (ws.delete_case(s("1.1"), n(999.0)), ("argument", "key")),
        (ws.set_settings(js("[1]")), ("argument", "settings")),
        (ws.set_settings(js(r#"{"sessions":[["09:00","25:00"]]}"#)), ("parse", "sessions")),
        (ws.set_settings(js(r#"{"asOf":"garbage"}"#)), ("parse", "asOf")),
        (ws.set_settings(js(r#"{"lang":"fr"}"#)), ("range", "lang")),
        (ws.cases(s("1.1"), s("x")), ("argument", "query")),
        (ws.cases(s("1.1"), js(r#"{"sort":{"column":"steps"}}"#)), ("range", "sort")),
        (ws.import_table(array_like(-1.0), s("a.csv"), js(r#"{"indicator":"1.1"}"#), u.clone()), ("argument", "bytes")),
        (ws.import_table(bytes(b"a,b\n"), n(1.0), js(r#"{"indicator":"1.1"}"#), u.clone()), ("argument", "fileName")),
        (ws.import_table(bytes(b"a,b\n"), s("a.csv"), js(r#"{"indicator":"1.1"}"#), n(5.0)), ("argument", "onProgress")),
        (ws.import_table(bytes(b"a,b\n"), s("a.csv"), js(r#"{"indicator":"nope"}"#), u.clone()), ("catalog", "indicator")),
        (ws.load_project(s("{")), ("parse", "")),
        (ws.problems(n(7.0), u.clone(), u.clone()), ("argument", "importId")),
    ];
    for (i, (result, (kind, field))) in cases.into_iter().enumerate() {
        let err = result.expect_err(&format!("case {i} should be refused"));
        assert_eq!(kind_and_field(err), (kind.to_string(), field.to_string()), "case {i}");
    }
    assert!(ws.export(s("pdf"), s("xlsx")).is_err());
    assert!(ws.chart(s("pie"), s("1.1")).is_err());
    assert_eq!(kind_and_field(ws.template(n(3.4)).unwrap_err()), ("argument".to_string(), "indicatorId".to_string()));
    assert_eq!(kind_and_field(ws.template(s("9.9")).unwrap_err()), ("catalog".to_string(), "indicatorId".to_string()));
    // A blank ledger template is an .xlsx (a zip: "PK").
    assert_eq!(&ws.template(s("3.4")).unwrap()[..2], b"PK");
    assert!(Workspace::new(js("{}")).is_err());
    // After all of that, the workspace answers.
    let put = ws.put_case(s("1.1"), JsValue::NULL, js(r#"{"start":"2023-07-14 09:00","end":"2023-07-14 11:48"}"#)).unwrap();
    assert!(get(&put, "key").as_f64().is_some());
    assert_eq!(num(&ws.dashboard().unwrap(), "cases"), 1.0);

    // The autosave in slices: its arguments checked like the rest; a slice of cases that changed
    // since the plan was made is refused (the save starts again), and the workspace still answers.
    let slice = |r: Result<String, JsValue>| r.map(JsValue::from);
    let refused: Vec<(Result<JsValue, JsValue>, (&str, &str))> = vec![
        (ws.autosave_plan(s("0")), ("argument", "since")),
        (ws.autosave_plan(n(-1.0)), ("range", "since")),
        (slice(ws.autosave_slice(n(1.1), n(0.0), n(0.0), n(10.0))), ("argument", "indicatorId")),
        (slice(ws.autosave_slice(s("1.1"), s("1"), n(0.0), n(10.0))), ("argument", "revision")),
        (slice(ws.autosave_slice(s("1.1"), n(0.0), n(-1.0), n(10.0))), ("range", "offset")),
        (slice(ws.autosave_slice(s("1.1"), n(0.0), n(0.0), n(0.0))), ("range", "limit")),
        (slice(ws.autosave_slice(s("1.1"), n(0.0), n(0.5), n(10.0))), ("range", "offset")),
        (slice(ws.autosave_slice(s("9.9"), n(0.0), n(0.0), n(10.0))), ("catalog", "indicatorId")),
        (slice(ws.autosave_slice(s("1.1"), n(123_456.0), n(0.0), n(10.0))), ("range", "revision")),
    ];
    for (i, (result, (kind, field))) in refused.into_iter().enumerate() {
        let err = result.expect_err(&format!("autosave case {i} should be refused"));
        assert_eq!(kind_and_field(err), (kind.to_string(), field.to_string()), "autosave case {i}");
    }
    // The plan names 1.1 with its one case; the slice at the plan's revision holds it.
    let plan = ws.autosave_plan(n(0.0)).unwrap();
    let planned = js_sys::Array::from(&get(&plan, "indicators"));
    let one_one = planned.iter().find(|p| get(p, "id").as_string().as_deref() == Some("1.1")).expect("1.1 is in the plan");
    assert_eq!(num(&one_one, "cases"), 1.0);
    let text = ws.autosave_slice(s("1.1"), get(&one_one, "revision"), n(0.0), n(10.0)).unwrap();
    assert!(text.contains("2023-07-14 09:00"), "{text}");
}
