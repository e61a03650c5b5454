//! Cases and options as JSON, evaluated against an indicator picked by the first byte.
#![no_main]
use bizenv::evaluate::{Calculator, EvaluateOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn calc() -> &'static Calculator {
    static CALC: OnceLock<Calculator> = OnceLock::new();
    CALC.get_or_init(|| Calculator::builtin().expect("the built-in catalogue loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    // "cases JSON" or "cases JSON\u{0}options JSON".
    let (cases, options) = text.split_once('\0').unwrap_or((text, "{}"));
    let Ok(serde_json::Value::Array(cases)) = serde_json::from_str(cases) else { return };
    let Ok(options) = serde_json::from_str::<EvaluateOptions>(options) else { return };
    let ids: Vec<&str> = calc().catalog.indicators.iter().map(|i| i.id.as_str()).collect();
    let id = ids[usize::from(pick) % ids.len()];
    if let Ok(report) = calc().evaluate(id, &cases, &options) {
        assert_eq!(report.cases.len(), cases.len());
    }
});
