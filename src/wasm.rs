//! The JS API: the one module that speaks `#[wasm_bindgen]`. It converts JS values to the
//! [`crate::api`] types, delegates, and converts back; errors become JS `Error`s, never panics.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::{self, Lang, WorkOptions};
use crate::parse::TimeInput;

fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}：格式不对 / {what}: wrong shape: {e}")))
}

fn options(value: JsValue) -> Result<WorkOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(WorkOptions::default())
    } else {
        from_js("options", value)
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

fn fail(lang: Lang) -> impl Fn(crate::Error) -> JsError {
    move |e| JsError::new(&lang.error(&e))
}

/// `workingTime(start, end, options?)` → `{ workingMinutes, workingDays, calendarDays, stoppedMinutes, warnings }`.
#[wasm_bindgen(js_name = workingTime)]
pub fn working_time(start: JsValue, end: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let (start, end): (TimeInput, TimeInput) = (from_js("start", start)?, from_js("end", end)?);
    to_js(&api::working_time(&start, &end, &opts).map_err(fail(opts.lang))?)
}

/// `addWorkingDays(start, days, options?)` → `"YYYY-MM-DDTHH:MM"`.
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days(start: JsValue, days: f64, options: JsValue) -> Result<String, JsError> {
    let opts = self::options(options)?;
    let start: TimeInput = from_js("start", start)?;
    api::add_working_days(&start, days, &opts).map(|(due, _)| due).map_err(fail(opts.lang))
}

/// `deadline(start, days, options?)` → `{ deadline, warnings }`: `addWorkingDays` with its warnings.
#[wasm_bindgen]
pub fn deadline(start: JsValue, days: f64, options: JsValue) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Deadline {
        deadline: String,
        warnings: Vec<String>,
    }
    let opts = self::options(options)?;
    let start: TimeInput = from_js("start", start)?;
    let (deadline, warnings) = api::add_working_days(&start, days, &opts).map_err(fail(opts.lang))?;
    to_js(&Deadline { deadline, warnings })
}

/// `calendarDays(start, end)` → number.
#[wasm_bindgen(js_name = calendarDays)]
pub fn calendar_days(start: JsValue, end: JsValue) -> Result<f64, JsError> {
    let (start, end): (TimeInput, TimeInput) = (from_js("start", start)?, from_js("end", end)?);
    api::calendar_days(&start, &end).map_err(fail(Lang::Both))
}

/// `dayInfo(date, options?)` → `{ date, workday, kind, name, covered }`.
#[wasm_bindgen(js_name = dayInfo)]
pub fn day_info(date: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let opts = self::options(options)?;
    let date: TimeInput = from_js("date", date)?;
    to_js(&api::day_info(&date, &opts).map_err(fail(opts.lang))?)
}

/// `calendarCoverage()` → `{ firstYear, lastYear }`.
#[wasm_bindgen(js_name = calendarCoverage)]
pub fn calendar_coverage() -> Result<JsValue, JsError> {
    to_js(&api::calendar_coverage())
}

// ---- Indicators: evaluation against the catalogue -------------------------------------------

use std::cell::RefCell;

use crate::catalog::Catalog;
use crate::evaluate::{parse_dataset, Calculator as Core, EvaluateOptions};

thread_local! {
    /// The calculator behind the free functions; `loadCatalog` changes its catalogue.
    static DEFAULT: RefCell<Core> = RefCell::new(Core::default());
}

fn evaluate_options(value: JsValue) -> Result<EvaluateOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(EvaluateOptions::default())
    } else {
        from_js("options", value)
    }
}

fn run_evaluate(core: &Core, id: &str, cases: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let opts = evaluate_options(options)?;
    let cases: Vec<serde_json::Value> = from_js("cases", cases)?;
    to_js(&core.evaluate(id, &cases, &opts).map_err(fail(opts.work.lang))?)
}

fn run_evaluate_all(core: &Core, dataset: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let mut opts = evaluate_options(options)?;
    let (dataset, as_of) = parse_dataset(from_js("dataset", dataset)?).map_err(fail(opts.work.lang))?;
    opts.as_of = opts.as_of.or(as_of);
    to_js(&core.evaluate_all(&dataset, &opts).map_err(fail(opts.work.lang))?)
}

fn run_rank(core: &Core, dataset: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let opts = evaluate_options(options)?;
    let (dataset, _) = parse_dataset(from_js("dataset", dataset)?).map_err(fail(opts.work.lang))?;
    to_js(&core.rank_counties(&dataset, &opts).map_err(fail(opts.work.lang))?)
}

fn run_load(core: &mut Core, json: &str, mode: Option<String>) -> Result<JsValue, JsError> {
    let loaded = Catalog::from_json(json).map_err(fail(Lang::Both))?;
    match mode.as_deref() {
        None | Some("replace") => core.catalog = loaded,
        Some("extend") => core.catalog.extend(loaded),
        Some(other) => return Err(JsError::new(&format!("mode「{other}」无效：应为 replace 或 extend / mode \"{other}\" is invalid: expected replace or extend"))),
    }
    to_js(&core.catalog)
}

/// `evaluate(indicatorId, cases, options?)` → the indicator's report (cases, summary, byCounty).
#[wasm_bindgen]
pub fn evaluate(indicator_id: &str, cases: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    DEFAULT.with(|c| run_evaluate(&c.borrow(), indicator_id, cases, options))
}

/// `evaluateAll(dataset, options?)` → every indicator's summary, topics, totals and county ranking.
#[wasm_bindgen(js_name = evaluateAll)]
pub fn evaluate_all(dataset: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    DEFAULT.with(|c| run_evaluate_all(&c.borrow(), dataset, options))
}

/// `rankCounties(dataset, options?)` → `[{ rank, county, score, indicators, scores }]`.
#[wasm_bindgen(js_name = rankCounties)]
pub fn rank_counties(dataset: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    DEFAULT.with(|c| run_rank(&c.borrow(), dataset, options))
}

/// `loadCatalog(json, mode?)` replaces (`"replace"`, default) or extends (`"extend"`) the catalogue.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(json: &str, mode: Option<String>) -> Result<JsValue, JsError> {
    DEFAULT.with(|c| run_load(&mut c.borrow_mut(), json, mode))
}

/// `catalog()` → the catalogue in use: `{ plan, topics, indicators }`.
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsError> {
    DEFAULT.with(|c| to_js(&c.borrow().catalog))
}

/// `sampleDataset()` → the built-in synthetic sample cases for every indicator.
#[wasm_bindgen(js_name = sampleDataset)]
pub fn sample_dataset() -> Result<JsValue, JsError> {
    to_js(&crate::samples::sample_dataset().map_err(fail(Lang::Both))?)
}

/// An independent calculator with its own catalogue, for pages that compare plans.
#[wasm_bindgen(js_name = Calculator)]
pub struct Calculator(Core);

#[wasm_bindgen(js_class = Calculator)]
impl Calculator {
    /// `new Calculator(catalogJson?)`: the built-in catalogue, or the one given.
    #[wasm_bindgen(constructor)]
    pub fn new(catalog_json: Option<String>) -> Result<Calculator, JsError> {
        match catalog_json {
            None => Ok(Calculator(Core::default())),
            Some(json) => Ok(Calculator(Core::new(Catalog::from_json(&json).map_err(fail(Lang::Both))?))),
        }
    }

    pub fn evaluate(&self, indicator_id: &str, cases: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        run_evaluate(&self.0, indicator_id, cases, options)
    }

    #[wasm_bindgen(js_name = evaluateAll)]
    pub fn evaluate_all(&self, dataset: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        run_evaluate_all(&self.0, dataset, options)
    }

    #[wasm_bindgen(js_name = rankCounties)]
    pub fn rank_counties(&self, dataset: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        run_rank(&self.0, dataset, options)
    }

    #[wasm_bindgen(js_name = loadCatalog)]
    pub fn load_catalog(&mut self, json: &str, mode: Option<String>) -> Result<JsValue, JsError> {
        run_load(&mut self.0, json, mode)
    }

    pub fn catalog(&self) -> Result<JsValue, JsError> {
        to_js(&self.0.catalog)
    }
}
