//! The JS API: the one module that speaks `#[wasm_bindgen]`. It converts JS values to the
//! [`crate::api`] types, delegates, and converts back; errors become JS `Error`s, never panics.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api::{self, Lang, WorkOptions};
use crate::parse::TimeInput;

/// A JS `Error` whose `message` is in the chosen language, with `kind` and `field` properties so
/// that a form can put the message beside the right input.
fn js_error(message: &str, kind: &str, field: Option<&str>) -> JsValue {
    js_error_at(message, kind, field, None)
}

/// As [`js_error`], with `index`: which item of a list input (a stop, a session; from 0).
fn js_error_at(message: &str, kind: &str, field: Option<&str>, index: Option<usize>) -> JsValue {
    let err = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    let field = field.map_or(JsValue::NULL, JsValue::from_str);
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("field"), &field);
    let index = index.map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("index"), &index);
    err.into()
}

/// Converts through JSON text: for the bulk data this boundary carries (whole case lists,
/// reports), the browser's native `JSON.stringify` plus serde_json is many times faster than
/// walking the object field by field. A string argument is taken as JSON text already.
fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsValue> {
    let wrong = |e: &dyn std::fmt::Display| js_error(&format!("{what}：格式不对 / {what}: wrong shape: {e}"), "parse", Some(what));
    if value.is_undefined() {
        return serde_json::from_str("null").map_err(|e| wrong(&e));
    }
    let text = match value.as_string() {
        // A bare string is a value of its own (a date), unless the target wants structured data.
        Some(s) => serde_json::to_string(&s).map_err(|e| wrong(&e))?,
        None => js_sys::JSON::stringify(&value).map_err(|_| wrong(&"JSON.stringify"))?.as_string().unwrap_or_default(),
    };
    serde_json::from_str(&text).map_err(|e| wrong(&e))
}

/// Like [`from_js`], but a string argument is JSON text (for reports passed back as text).
fn from_js_text<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsValue> {
    match value.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| js_error(&format!("{what}：JSON 格式不对 / {what}: invalid JSON: {e}"), "parse", Some(what))),
        None => from_js(what, value),
    }
}

fn options(value: JsValue) -> Result<WorkOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(WorkOptions::default())
    } else {
        from_js("options", value)
    }
}

/// Grows the wasm memory once, in one step, before bulk work. Growing it in many small steps
/// while a big ledger is read makes V8 (Node 20, older Chromium) collect garbage at every step:
/// measured at 104 s instead of 3.5 s for a 100 000-row import. dlmalloc keeps what it got, so
/// the later allocations find the room already there.
fn reserve(bytes: usize) {
    // In 128 KiB pieces: one huge block would be given back to no one (the allocator maps
    // blocks that large separately), while freed pieces coalesce into the heap for reuse.
    const PIECE: usize = 128 * 1024;
    let pieces: Vec<Vec<u8>> = (0..bytes.min(1 << 30) / PIECE).map(|_| Vec::with_capacity(PIECE)).collect();
    drop(pieces);
}

/// Results cross as JSON text parsed by the browser's native `JSON.parse`, for the same reason.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| js_error(&e.to_string(), "internal", None))?;
    js_sys::JSON::parse(&text)
}

fn fail(lang: Lang) -> impl Fn(crate::Error) -> JsValue {
    move |e| js_error_at(&lang.error(&e), e.kind().as_str(), e.field(), e.item())
}

/// `workingTime(start, end, options?)` → `{ workingMinutes, workingDays, calendarDays, stoppedMinutes, warnings }`.
#[wasm_bindgen(js_name = workingTime)]
pub fn working_time(start: JsValue, end: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = self::options(options)?;
    let (start, end): (TimeInput, TimeInput) = (from_js("start", start)?, from_js("end", end)?);
    to_js(&api::working_time(&start, &end, &opts).map_err(fail(opts.lang))?)
}

/// `addWorkingDays(start, days, options?)` → `"YYYY-MM-DDTHH:MM"`.
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days(start: JsValue, days: f64, options: JsValue) -> Result<String, JsValue> {
    let opts = self::options(options)?;
    let start: TimeInput = from_js("start", start)?;
    api::add_working_days(&start, days, &opts).map(|(due, _)| due).map_err(fail(opts.lang))
}

/// `deadline(start, days, options?)` → `{ deadline, warnings }`: `addWorkingDays` with its warnings.
#[wasm_bindgen]
pub fn deadline(start: JsValue, days: f64, options: JsValue) -> Result<JsValue, JsValue> {
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
pub fn calendar_days(start: JsValue, end: JsValue) -> Result<f64, JsValue> {
    let (start, end): (TimeInput, TimeInput) = (from_js("start", start)?, from_js("end", end)?);
    api::calendar_days(&start, &end).map_err(fail(Lang::Both))
}

/// `dayInfo(date, options?)` → `{ date, workday, kind, weekday, name, nameEn, covered }`.
#[wasm_bindgen(js_name = dayInfo)]
pub fn day_info(date: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = self::options(options)?;
    let date: TimeInput = from_js("date", date)?;
    to_js(&api::day_info(&date, &opts).map_err(fail(opts.lang))?)
}

/// `monthInfo(year, month, options?)` → `{ year, month, firstWeekday, covered, days: [dayInfo…] }`.
#[wasm_bindgen(js_name = monthInfo)]
pub fn month_info(year: i32, month: i32, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = self::options(options)?;
    to_js(&api::month_info(year, month, &opts).map_err(fail(opts.lang))?)
}

/// `calendarCoverage()` → `{ firstYear, lastYear }`.
#[wasm_bindgen(js_name = calendarCoverage)]
pub fn calendar_coverage() -> Result<JsValue, JsValue> {
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

fn evaluate_options(value: JsValue) -> Result<EvaluateOptions, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(EvaluateOptions::default())
    } else {
        from_js("options", value)
    }
}

fn run_evaluate(core: &Core, id: &str, cases: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = evaluate_options(options)?;
    let cases: Vec<serde_json::Value> = from_js_text("cases", cases)?;
    to_js(&core.evaluate(id, &cases, &opts).map_err(fail(opts.work.lang))?)
}

fn run_evaluate_all(core: &Core, dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut opts = evaluate_options(options)?;
    let (dataset, as_of) = parse_dataset(from_js_text("dataset", dataset)?).map_err(fail(opts.work.lang))?;
    opts.as_of = opts.as_of.or(as_of);
    to_js(&core.evaluate_all(&dataset, &opts).map_err(fail(opts.work.lang))?)
}

fn run_rank(core: &Core, dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = evaluate_options(options)?;
    let (dataset, _) = parse_dataset(from_js_text("dataset", dataset)?).map_err(fail(opts.work.lang))?;
    to_js(&core.rank_counties(&dataset, &opts).map_err(fail(opts.work.lang))?)
}

fn run_load(core: &mut Core, json: &str, mode: Option<String>) -> Result<JsValue, JsValue> {
    let loaded = Catalog::from_json(json).map_err(fail(Lang::Both))?;
    match mode.as_deref() {
        None | Some("replace") => core.catalog = loaded,
        Some("extend") => core.catalog.extend(loaded),
        Some(other) => return Err(js_error(&format!("mode「{other}」无效：应为 replace 或 extend / mode \"{other}\" is invalid: expected replace or extend"), "range", Some("mode"))),
    }
    to_js(&core.catalog)
}

/// `evaluate(indicatorId, cases, options?)` → the indicator's report (cases, summary, byCounty).
#[wasm_bindgen]
pub fn evaluate(indicator_id: &str, cases: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    DEFAULT.with(|c| run_evaluate(&c.borrow(), indicator_id, cases, options))
}

/// `evaluateAll(dataset, options?)` → every indicator's summary, topics, totals and county ranking.
#[wasm_bindgen(js_name = evaluateAll)]
pub fn evaluate_all(dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    DEFAULT.with(|c| run_evaluate_all(&c.borrow(), dataset, options))
}

/// `rankCounties(dataset, options?)` → `[{ rank, county, score, indicators, scores }]`.
#[wasm_bindgen(js_name = rankCounties)]
pub fn rank_counties(dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    DEFAULT.with(|c| run_rank(&c.borrow(), dataset, options))
}

/// `routeCases(indicatorId, cases)` → `{ "3.4": [...], "3.6": [...] }`: cases entered for an
/// indicator, filed under their customer class's or project type's indicator.
#[wasm_bindgen(js_name = routeCases)]
pub fn route_cases(indicator_id: &str, cases: JsValue) -> Result<JsValue, JsValue> {
    let cases: Vec<serde_json::Value> = from_js_text("cases", cases)?;
    DEFAULT.with(|c| to_js(&c.borrow().route_cases(indicator_id, &cases)))
}

/// `loadCatalog(json, mode?)` replaces (`"replace"`, default) or extends (`"extend"`) the catalogue.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(json: &str, mode: Option<String>) -> Result<JsValue, JsValue> {
    DEFAULT.with(|c| run_load(&mut c.borrow_mut(), json, mode))
}

/// `catalog()` → the catalogue in use: `{ plan, topics, indicators }`.
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    DEFAULT.with(|c| to_js(&c.borrow().catalog))
}

/// `sampleDataset()` → the built-in synthetic sample cases for every indicator.
#[wasm_bindgen(js_name = sampleDataset)]
pub fn sample_dataset() -> Result<JsValue, JsValue> {
    to_js(&crate::samples::sample_dataset().map_err(fail(Lang::Both))?)
}

/// An independent calculator with its own catalogue, for pages that compare plans.
#[wasm_bindgen(js_name = Calculator)]
pub struct Calculator(Core);

#[wasm_bindgen(js_class = Calculator)]
impl Calculator {
    /// `new Calculator(catalogJson?)`: the built-in catalogue, or the one given.
    #[wasm_bindgen(constructor)]
    pub fn new(catalog_json: Option<String>) -> Result<Calculator, JsValue> {
        match catalog_json {
            None => Ok(Calculator(Core::default())),
            Some(json) => Ok(Calculator(Core::new(Catalog::from_json(&json).map_err(fail(Lang::Both))?))),
        }
    }

    pub fn evaluate(&self, indicator_id: &str, cases: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        run_evaluate(&self.0, indicator_id, cases, options)
    }

    #[wasm_bindgen(js_name = evaluateAll)]
    pub fn evaluate_all(&self, dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        run_evaluate_all(&self.0, dataset, options)
    }

    #[wasm_bindgen(js_name = rankCounties)]
    pub fn rank_counties(&self, dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        run_rank(&self.0, dataset, options)
    }

    #[wasm_bindgen(js_name = loadCatalog)]
    pub fn load_catalog(&mut self, json: &str, mode: Option<String>) -> Result<JsValue, JsValue> {
        run_load(&mut self.0, json, mode)
    }

    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.catalog)
    }
}

// ---- Ledgers: import, export, project file ---------------------------------------------------

use crate::export::{export_csv as csv_of, export_xlsx as xlsx_of};
use crate::import::{case_fields, parse_table as table_of, TableOptions};
use crate::ledger::{evaluate_table as ledger_of, LedgerOptions};
use crate::project::{load_project as project_of, save_project as project_text};

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct LangOnly {
    lang: Lang,
}

fn lang_of(options: JsValue) -> Result<Lang, JsValue> {
    if options.is_undefined() || options.is_null() {
        Ok(Lang::Both)
    } else {
        Ok(from_js::<LangOnly>("options", options)?.lang)
    }
}

/// `parseTable(bytes, fileName, options?)` → `{ sheets, sheet, encoding, delimiter, headerRow, columns, rows, blankRows }`.
/// `options` = `{ sheet?, headerRow?, mapping?: { header or letter: field } }`.
#[wasm_bindgen(js_name = parseTable)]
pub fn parse_table(bytes: &[u8], file_name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    reserve(bytes.len().saturating_mul(24));
    let lang = if options.is_undefined() || options.is_null() { Lang::Both } else { lang_of(options.clone())? };
    let opts: TableOptions = if options.is_undefined() || options.is_null() { TableOptions::default() } else { from_js("options", options)? };
    to_js(&table_of(bytes, file_name, &opts).map_err(fail(lang))?)
}

/// `evaluateTable(indicatorId, bytes, fileName, options?)` → the `evaluate` report with each case's
/// source `row`, plus `problems`, `source` and `counts` (rowsIn = evaluated + withProblems).
#[wasm_bindgen(js_name = evaluateTable)]
pub fn evaluate_table(indicator_id: &str, bytes: &[u8], file_name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: LedgerOptions = if options.is_undefined() || options.is_null() { LedgerOptions::default() } else { from_js("options", options)? };
    let lang = opts.evaluate.work.lang;
    reserve(bytes.len().saturating_mul(48));
    DEFAULT.with(|c| to_js(&ledger_of(&c.borrow(), indicator_id, bytes, file_name, &opts).map_err(fail(lang))?))
}

/// `caseFields()` → `[{ field, kind, zh, en, synonyms }]`: what a column can be mapped to.
#[wasm_bindgen(js_name = caseFields)]
pub fn case_fields_js() -> Result<JsValue, JsValue> {
    to_js(&case_fields())
}

/// `exportXlsx(report, options?)` → `Uint8Array` of an .xlsx workbook.
#[wasm_bindgen(js_name = exportXlsx)]
pub fn export_xlsx(report: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let lang = lang_of(options)?;
    reserve(report.as_string().map_or(0, |s| s.len().saturating_mul(6)));
    let report: serde_json::Value = from_js_text("report", report)?;
    xlsx_of(&report, lang).map_err(fail(lang))
}

/// `exportCsv(report, options?)` → CSV text, UTF-8 with BOM.
#[wasm_bindgen(js_name = exportCsv)]
pub fn export_csv(report: JsValue, options: JsValue) -> Result<String, JsValue> {
    let lang = lang_of(options)?;
    reserve(report.as_string().map_or(0, |s| s.len().saturating_mul(6)));
    let report: serde_json::Value = from_js_text("report", report)?;
    csv_of(&report, lang).map_err(fail(lang))
}

/// `loadProject(text, options?)` → the project object, checked.
#[wasm_bindgen(js_name = loadProject)]
pub fn load_project(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(options)?;
    to_js(&project_of(text).map_err(fail(lang))?)
}

/// `saveProject(project, options?)` → JSON text with schema and version.
#[wasm_bindgen(js_name = saveProject)]
pub fn save_project(project: JsValue, options: JsValue) -> Result<String, JsValue> {
    let lang = lang_of(options)?;
    let project: serde_json::Value = from_js_text("project", project)?;
    project_text(&project).map_err(fail(lang))
}

/// `checkCalendarCsv(text, options?)` → `{ days, years }`, or an error naming the bad line.
#[wasm_bindgen(js_name = checkCalendarCsv)]
pub fn check_calendar_csv(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(options)?;
    to_js(&api::check_calendar_csv(text).map_err(fail(lang))?)
}

// ---- Charts -----------------------------------------------------------------------------------

/// `chartSvg(kind, report, options?)` → SVG text: `kind` is `"distribution"`, `"counties"` or
/// `"trend"`, `report` what `evaluate` returned (object or JSON text), `options` `{ lang }`.
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(kind: &str, report: JsValue, options: JsValue) -> Result<String, JsValue> {
    let lang = lang_of(options)?;
    let kind: crate::charts::ChartKind = kind.parse().map_err(|e: crate::Error| js_error(&lang.error(&e), e.kind().as_str(), e.field()))?;
    let report: serde_json::Value = from_js_text("report", report)?;
    crate::charts::chart_svg(kind, &report, lang).map_err(fail(lang))
}
