//! Date-time text and Excel serials, alone and as the bounds of a working-time query.
#![no_main]
use bizenv::api::{add_working_days, working_time, WorkOptions};
use bizenv::time::parse::{parse_input, Field, TimeInput};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        if data.len() >= 8 {
            let x = f64::from_le_bytes(data[..8].try_into().unwrap_or_default());
            let _ = parse_input(Field::START, &TimeInput::Serial(x));
            let _ = add_working_days(&TimeInput::Serial(x), 3.0, &WorkOptions::default());
        }
        return;
    };
    let _ = parse_input(Field::START, &TimeInput::Text(text.to_string()));
    // "start|end": the engine on both, with default office hours.
    if let Some((a, b)) = text.split_once('|') {
        let _ = working_time(&TimeInput::Text(a.into()), &TimeInput::Text(b.into()), &WorkOptions::default());
        if let Ok(days) = b.trim().parse::<f64>() {
            let _ = add_working_days(&TimeInput::Text(a.into()), days, &WorkOptions::default());
        }
    }
});
