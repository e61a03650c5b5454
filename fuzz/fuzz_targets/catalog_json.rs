//! A catalogue as `loadCatalog` takes it, then evaluated against with one case per indicator.
#![no_main]
use bizenv::plan::catalog::Catalog;
use bizenv::evaluate::{Calculator, EvaluateOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(catalog) = Catalog::from_json(text) else { return };
    let calc = Calculator::new(catalog);
    let case = serde_json::json!({"id": "A", "start": "2023-07-14 09:00", "end": "2023-07-20 10:00", "numerator": 1, "denominator": 2, "cost": 1, "base": 10, "count": 3, "value": 1, "period": "2023-07", "current": 2, "previous": 1, "recovered": 1, "claims": 2});
    let ids: Vec<String> = calc.catalog.indicators.iter().map(|i| i.id.clone()).collect();
    for id in ids.iter().take(8) {
        let _ = calc.evaluate(id, std::slice::from_ref(&case), &EvaluateOptions::default());
    }
});
