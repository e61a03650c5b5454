//! A calendar arrangement as the user adds it (date,kind,name_zh,name_en), then used.
#![no_main]
use bizenv::api::{check_calendar_csv, working_time, WorkOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if check_calendar_csv(text).is_ok() {
        let options = WorkOptions { calendar_csv: vec![text.to_string()], ..WorkOptions::default() };
        let _ = working_time(&"2026-12-01".into(), &"2027-02-01".into(), &options);
    }
});
