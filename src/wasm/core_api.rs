//! The JS API of the page and of Node: every function the calculation core offers, its
//! arguments checked and converted by the helpers of `super`.

use super::*;

// ---- Working time --------------------------------------------------------------------------------

/// `workingTime(start, end, options?)` → `{ workingMinutes, workingDays, calendarDays, stoppedMinutes, warnings }`.
#[wasm_bindgen(js_name = workingTime)]
pub fn working_time(start: JsValue, end: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: WorkOptions = options_of(&options)?;
    let (start, end) = (time_arg(&start, "start")?, time_arg(&end, "end")?);
    to_js(&api::working_time(&start, &end, &opts).map_err(fail(opts.lang))?)
}

/// `addWorkingDays(start, days, options?)` → `"YYYY-MM-DDTHH:MM"`.
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days(start: JsValue, days: JsValue, options: JsValue) -> Result<String, JsValue> {
    let opts: WorkOptions = options_of(&options)?;
    let start = time_arg(&start, "start")?;
    let days = number_arg(&days, "days", f64::MIN, f64::MAX)?;
    api::add_working_days(&start, days, &opts).map(|(due, _)| due).map_err(fail(opts.lang))
}

/// `deadline(start, days, options?)` → `{ deadline, warnings }`: `addWorkingDays` with its warnings.
#[wasm_bindgen]
pub fn deadline(start: JsValue, days: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Deadline {
        deadline: String,
        warnings: Vec<String>,
    }
    let opts: WorkOptions = options_of(&options)?;
    let start = time_arg(&start, "start")?;
    let days = number_arg(&days, "days", f64::MIN, f64::MAX)?;
    let (deadline, warnings) = api::add_working_days(&start, days, &opts).map_err(fail(opts.lang))?;
    to_js(&Deadline { deadline, warnings })
}

/// `calendarDays(start, end)` → number.
#[wasm_bindgen(js_name = calendarDays)]
pub fn calendar_days(start: JsValue, end: JsValue) -> Result<f64, JsValue> {
    let (start, end) = (time_arg(&start, "start")?, time_arg(&end, "end")?);
    api::calendar_days(&start, &end).map_err(fail(Lang::Both))
}

/// Dates of `workingDaysBulk`: an `Int32Array` of Unix epoch days, copied into memory reserved first.
fn days_arg(value: &JsValue, field: &str) -> Result<Vec<i32>, JsValue> {
    let Some(array) = value.dyn_ref::<js_sys::Int32Array>() else {
        return Err(wrong(field, " Int32Array（Unix 日序号，即 Date.UTC(年, 月 - 1, 日) / 864e5）", "an Int32Array of Unix epoch days (Date.UTC(y, m - 1, d) / 864e5)", value));
    };
    let mut days = Vec::new();
    days.try_reserve_exact(array.length() as usize).map_err(|_| out_of_memory(field))?;
    days.resize(array.length() as usize, 0);
    array.copy_to(&mut days);
    Ok(days)
}

/// `workingDaysBulk(starts, ends, options?)` → `Int32Array`: for each pair of Unix epoch days
/// (`Int32Array`s of one length), the working days after the start day up to and including the
/// end day (date-only values, as `workingTime` counts them). `options` takes the calendar options
/// of `workingTime` (`holidays`, `workdays`, `calendarCsv`, `lang`). An error names the array
/// (`field`) and the position (`index`).
#[wasm_bindgen(js_name = workingDaysBulk)]
pub fn working_days_bulk(starts: JsValue, ends: JsValue, options: JsValue) -> Result<js_sys::Int32Array, JsValue> {
    let opts: WorkOptions = options_of(&options)?;
    let (starts, ends) = (days_arg(&starts, "starts")?, days_arg(&ends, "ends")?);
    let calendar = opts.calendar().map_err(fail(opts.lang))?;
    let counts = crate::time::bulk::working_days_bulk(&calendar, &starts, &ends).map_err(fail(opts.lang))?;
    Ok(js_sys::Int32Array::from(counts.as_slice()))
}

/// `dayInfo(date, options?)` → `{ date, workday, kind, weekday, name, nameEn, covered }`.
#[wasm_bindgen(js_name = dayInfo)]
pub fn day_info(date: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: WorkOptions = options_of(&options)?;
    let date = time_arg(&date, "date")?;
    to_js(&api::day_info(&date, &opts).map_err(fail(opts.lang))?)
}

/// `monthInfo(year, month, options?)` → `{ year, month, firstWeekday, covered, days: [dayInfo…] }`.
#[wasm_bindgen(js_name = monthInfo)]
pub fn month_info(year: JsValue, month: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: WorkOptions = options_of(&options)?;
    let (year, month) = (int_arg(&year, "year", 1, 9999)?, int_arg(&month, "month", 1, 12)?);
    to_js(&api::month_info(year, month, &opts).map_err(fail(opts.lang))?)
}

/// `spanMonth(year, month, start, end, options?)` → `{ start, end, days: [{ date, countedMinutes, stopped }…] }`:
/// the days of the month inside the case's span and what each counts, for the month calendar.
#[wasm_bindgen(js_name = spanMonth)]
pub fn span_month(year: JsValue, month: JsValue, start: JsValue, end: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: WorkOptions = options_of(&options)?;
    let (year, month) = (int_arg(&year, "year", 1, 9999)?, int_arg(&month, "month", 1, 12)?);
    let (start, end) = (time_arg(&start, "start")?, time_arg(&end, "end")?);
    to_js(&api::span_month(year, month, &start, &end, &opts).map_err(fail(opts.lang))?)
}

/// `calendarCoverage()` → `{ firstYear, lastYear }`.
#[wasm_bindgen(js_name = calendarCoverage)]
pub fn calendar_coverage() -> Result<JsValue, JsValue> {
    to_js(&api::calendar_coverage().map_err(fail(Lang::Both))?)
}

/// `checkCalendarCsv(text, options?)` → `{ days, years }`, or an error naming the bad line.
#[wasm_bindgen(js_name = checkCalendarCsv)]
pub fn check_calendar_csv(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(&options)?;
    let text = text_arg(&text, "text", LONG_TEXT)?;
    to_js(&api::check_calendar_csv(&text).map_err(fail(lang))?)
}

/// `checkSettings(settings, options?)` → the settings in canonical form, or an error naming the
/// setting (`field`: `sessions`, `hoursPerDay`, `recoveryMethod`, `calendarCsv`, `holidays`,
/// `workdays`, `asOf`) and, for lists, the item (`index`). `options.asOf` is checked too.
#[wasm_bindgen(js_name = checkSettings)]
pub fn check_settings(settings: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(&options)?;
    let settings: serde_json::Value = if settings.is_undefined() || settings.is_null() { serde_json::Value::Null } else { from_js("settings", &settings)? };
    let checked = crate::settings::check_settings(&settings).map_err(fail(lang))?;
    if options.is_object() {
        let as_of = js_sys::Reflect::get(&options, &JsValue::from_str("asOf")).unwrap_or(JsValue::UNDEFINED);
        if !as_of.is_undefined() {
            let as_of: serde_json::Value = from_js("asOf", &as_of)?;
            crate::settings::check_as_of(&as_of).map_err(fail(lang))?;
        }
    }
    to_js(&checked)
}

// ---- Indicators: evaluation against the catalogue -------------------------------------------

use crate::plan::catalog::Catalog;
use crate::evaluate::{parse_dataset, Calculator as Core, EvaluateOptions};

thread_local! {
    /// The calculator behind the free functions (made on first use); `loadCatalog` swaps in another.
    static DEFAULT: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// The default calculator, taken out of its cell in one short borrow: nothing stays borrowed
/// while it works, whatever happens during the work.
fn default_core() -> Result<Rc<Core>, JsValue> {
    if let Some(core) = DEFAULT.with(|cell| cell.borrow().clone()) {
        return Ok(core);
    }
    let core = Rc::new(Core::builtin().map_err(fail(Lang::Both))?);
    DEFAULT.with(|cell| cell.replace(Some(core.clone())));
    Ok(core)
}

fn indicator_arg(value: &JsValue) -> Result<String, JsValue> {
    text_arg(value, "indicatorId", 200)
}

fn run_evaluate(core: &Core, id: &JsValue, cases: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts: EvaluateOptions = options_of(options)?;
    let id = indicator_arg(id)?;
    let cases: Vec<serde_json::Value> = from_js_text("cases", cases)?;
    to_js(&core.evaluate(&id, &cases, &opts).map_err(fail(opts.work.lang))?)
}

fn run_evaluate_all(core: &Core, dataset: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let mut opts: EvaluateOptions = options_of(options)?;
    let (dataset, as_of) = parse_dataset(from_js_text("dataset", dataset)?).map_err(fail(opts.work.lang))?;
    opts.as_of = opts.as_of.or(as_of);
    to_js(&core.evaluate_all(&dataset, &opts).map_err(fail(opts.work.lang))?)
}

fn run_rank(core: &Core, dataset: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts: EvaluateOptions = options_of(options)?;
    let (dataset, _) = parse_dataset(from_js_text("dataset", dataset)?).map_err(fail(opts.work.lang))?;
    to_js(&core.rank_counties(&dataset, &opts).map_err(fail(opts.work.lang))?)
}

/// The calculator that `loadCatalog(json, mode)` makes from `core`; `core` itself is untouched.
fn loaded(core: &Core, json: &JsValue, mode: &JsValue) -> Result<Core, JsValue> {
    let json = text_arg(json, "json", LONG_TEXT)?;
    let mode = opt_text_arg(mode, "mode", 100)?;
    let catalog = Catalog::from_json(&json).map_err(fail(Lang::Both))?;
    match mode.as_deref() {
        None | Some("replace") => Ok(Core::new(catalog)),
        Some("extend") => {
            let mut next = core.clone();
            next.catalog.extend(catalog);
            Ok(next)
        }
        Some(other) => {
            let other = crate::ledger::table::clip(other, 40);
            Err(js_error(&format!("mode「{other}」无效：应为 replace 或 extend / mode \"{other}\" is invalid: expected replace or extend"), "range", Some("mode")))
        }
    }
}

/// `evaluate(indicatorId, cases, options?)` → the indicator's report (cases, summary, byCounty).
#[wasm_bindgen]
pub fn evaluate(indicator_id: JsValue, cases: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_evaluate(&*default_core()?, &indicator_id, &cases, &options)
}

/// `evaluateAll(dataset, options?)` → every indicator's summary, topics, totals and county ranking.
#[wasm_bindgen(js_name = evaluateAll)]
pub fn evaluate_all(dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_evaluate_all(&*default_core()?, &dataset, &options)
}

/// `rankCounties(dataset, options?)` → `[{ rank, county, score, indicators, scores }]`.
#[wasm_bindgen(js_name = rankCounties)]
pub fn rank_counties(dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_rank(&*default_core()?, &dataset, &options)
}

/// `routeCases(indicatorId, cases)` → `{ "3.4": [...], "3.6": [...] }`: cases entered for an
/// indicator, filed under their customer class's or project type's indicator.
#[wasm_bindgen(js_name = routeCases)]
pub fn route_cases(indicator_id: JsValue, cases: JsValue) -> Result<JsValue, JsValue> {
    let id = indicator_arg(&indicator_id)?;
    let cases: Vec<serde_json::Value> = from_js_text("cases", &cases)?;
    to_js(&default_core()?.route_cases(&id, &cases))
}

/// `loadCatalog(json, mode?)` replaces (`"replace"`, default) or extends (`"extend"`) the catalogue.
/// A catalogue that fails leaves the one in use as it was.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(json: JsValue, mode: JsValue) -> Result<JsValue, JsValue> {
    let next = Rc::new(loaded(&*default_core()?, &json, &mode)?);
    let shown = to_js(&next.catalog);
    let previous = DEFAULT.with(|cell| cell.replace(Some(next)));
    drop(previous);
    shown
}

/// `catalog()` → the catalogue in use: `{ plan, scoring, counties, classes, topics, indicators,
/// fields, methods }` (the case fields and the method tables: the plan's knowledge as data).
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    catalog_view(&default_core()?.catalog)
}

fn catalog_view(catalog: &Catalog) -> Result<JsValue, JsValue> {
    let fields = crate::plan::fields::case_fields().map_err(fail(Lang::Both))?;
    let methods = crate::plan::fields::method_tables().map_err(fail(Lang::Both))?;
    to_js(&crate::workspace::CatalogView { catalog, fields, methods })
}

/// `sampleDataset()` → the built-in synthetic sample cases for every indicator.
#[wasm_bindgen(js_name = sampleDataset)]
pub fn sample_dataset() -> Result<JsValue, JsValue> {
    to_js(&crate::plan::samples::sample_dataset().map_err(fail(Lang::Both))?)
}

/// An independent calculator with its own catalogue, for pages that compare plans. Every method
/// takes `&self`, and the catalogue is swapped, not changed in place, so a failure leaves the
/// object usable.
#[wasm_bindgen(js_name = Calculator)]
pub struct Calculator {
    core: RefCell<Rc<Core>>,
}

#[wasm_bindgen(js_class = Calculator)]
impl Calculator {
    /// `new Calculator(catalogJson?)`: the built-in catalogue, or the one given.
    #[wasm_bindgen(constructor)]
    pub fn new(catalog_json: JsValue) -> Result<Calculator, JsValue> {
        let core = match opt_text_arg(&catalog_json, "catalogJson", LONG_TEXT)? {
            None => Core::builtin().map_err(fail(Lang::Both))?,
            Some(json) => Core::new(Catalog::from_json(&json).map_err(fail(Lang::Both))?),
        };
        Ok(Calculator { core: RefCell::new(Rc::new(core)) })
    }

    fn core(&self) -> Rc<Core> {
        self.core.borrow().clone()
    }

    pub fn evaluate(&self, indicator_id: JsValue, cases: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        run_evaluate(&self.core(), &indicator_id, &cases, &options)
    }

    #[wasm_bindgen(js_name = evaluateAll)]
    pub fn evaluate_all(&self, dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        run_evaluate_all(&self.core(), &dataset, &options)
    }

    #[wasm_bindgen(js_name = rankCounties)]
    pub fn rank_counties(&self, dataset: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        run_rank(&self.core(), &dataset, &options)
    }

    #[wasm_bindgen(js_name = loadCatalog)]
    pub fn load_catalog(&self, json: JsValue, mode: JsValue) -> Result<JsValue, JsValue> {
        let next = Rc::new(loaded(&self.core(), &json, &mode)?);
        let shown = to_js(&next.catalog);
        let previous = self.core.replace(next);
        drop(previous);
        shown
    }

    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        catalog_view(&self.core().catalog)
    }
}

// ---- Ledgers: import, export, project file ---------------------------------------------------

use crate::ledger::table::{case_fields, parse_table as table_of, TableOptions};
use crate::ledger::{evaluate_table as ledger_of, LedgerOptions};
use crate::ledger::project::{check_project_text, save_project_text};

/// A ledger file's bytes, at most `max`; or the file as the ledger module read it
/// (`readLedger`), which is bigger than the file was (cells unpacked) and was checked against
/// the limits there.
fn file_arg(value: &JsValue, max: u64) -> Result<Vec<u8>, JsValue> {
    let max = if starts_with(value, crate::ledger::transfer::READ_MAGIC) { TRANSFER_BYTES } else { max };
    bytes_arg(value, "bytes", max)
}

fn file_name_arg(value: &JsValue) -> Result<String, JsValue> {
    text_arg(value, "fileName", SHORT_TEXT)
}

/// `parseTable(bytes, fileName, options?)` → `{ sheets, hiddenSheets, sheet, encoding,
/// encodingConfidence, delimiter, headerRow, columns, rows, blankRows, problems, warnings }`.
/// `options` = `{ sheet?, headerRow?, mapping?: { header or letter: field }, limits?, lang? }`.
#[wasm_bindgen(js_name = parseTable)]
pub fn parse_table(bytes: JsValue, file_name: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(&options)?;
    let mut opts: TableOptions = options_of(&options)?;
    opts.lang = lang;
    opts.limits.check().map_err(fail(lang))?;
    let file_name = file_name_arg(&file_name)?;
    let bytes = file_arg(&bytes, opts.limits.file_bytes)?;
    to_js(&table_of(&bytes, &file_name, &opts).map_err(fail(lang))?)
}

/// `evaluateTable(indicatorId, bytes, fileName, options?)` → the `evaluate` report with each case's
/// source `row`, plus `problems`, `source` and `counts` (rowsIn = evaluated + withProblems).
#[wasm_bindgen(js_name = evaluateTable)]
pub fn evaluate_table(indicator_id: JsValue, bytes: JsValue, file_name: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: LedgerOptions = options_of(&options)?;
    let lang = opts.evaluate.work.lang;
    opts.table.limits.check().map_err(fail(lang))?;
    let id = indicator_arg(&indicator_id)?;
    let file_name = file_name_arg(&file_name)?;
    let bytes = file_arg(&bytes, opts.table.limits.file_bytes)?;
    to_js(&ledger_of(&*default_core()?, &id, &bytes, &file_name, &opts).map_err(fail(lang))?)
}

/// `needsLedgerModule(bytes)` → whether the file must be read by the ledger module first (an
/// .xlsx, .xls or HTML table, or text not in UTF-8): its `readLedger` gives bytes that
/// `Workspace.stageImport` / `importTable` and `parseTable` take in the file's place. UTF-8 text
/// (CSV, tab-separated) the core reads itself.
#[wasm_bindgen(js_name = needsLedgerModule)]
pub fn needs_ledger_module(bytes: JsValue) -> Result<bool, JsValue> {
    let bytes = bytes_arg(&bytes, "bytes", TRANSFER_BYTES)?;
    Ok(!crate::ledger::transfer::is_read(&bytes) && crate::ledger::transfer::needs_ledger_module(&bytes))
}

/// `caseFields()` → `[{ field, kind, zh, en, synonyms }]`: what a column can be mapped to.
#[wasm_bindgen(js_name = caseFields)]
pub fn case_fields_js() -> Result<JsValue, JsValue> {
    to_js(&case_fields().map_err(fail(Lang::Both))?)
}

/// A report given back (an object, or JSON text: much faster for big ones), as JSON text: the
/// core reads it into the typed report.
fn report_arg(report: &JsValue) -> Result<String, JsValue> {
    if !(report.is_object() || report.is_string()) || js_sys::Array::is_array(report) {
        return Err(wrong("report", " evaluate 或 evaluateTable 返回的报告（对象或 JSON 文本）", "a report as evaluate or evaluateTable return it (an object or JSON text)", report));
    }
    json_text("report", report, false)
}

/// `exportXlsx(report, options?)` → `Uint8Array` of an .xlsx workbook.
#[wasm_bindgen(js_name = exportXlsx)]
pub fn export_xlsx(report: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let lang = lang_of(&options)?;
    let report = report_arg(&report)?;
    api::export_xlsx(&report, lang).map_err(fail(lang))
}

/// `exportCsv(report, options?)` → CSV text, UTF-8 with BOM.
#[wasm_bindgen(js_name = exportCsv)]
pub fn export_csv(report: JsValue, options: JsValue) -> Result<String, JsValue> {
    let lang = lang_of(&options)?;
    let report = report_arg(&report)?;
    let text = api::export_csv(&report, lang).map_err(fail(lang))?;
    result_text(&text)?;
    Ok(text)
}

/// `loadProject(text, options?)` → the project object, checked (settings and asOf included): a
/// file that fails is refused with the reason.
#[wasm_bindgen(js_name = loadProject)]
pub fn load_project(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let lang = lang_of(&options)?;
    let text = text_arg(&text, "text", LONG_TEXT)?;
    // Checked as text (no tree of the cases is built here), then parsed by the browser.
    check_project_text(&text).map_err(fail(lang))?;
    js_sys::JSON::parse(text.trim_start_matches('\u{feff}')).map_err(|_| result_too_big(text.len()))
}

/// `saveProject(project, options?)` → JSON text with schema and version, checked first.
#[wasm_bindgen(js_name = saveProject)]
pub fn save_project(project: JsValue, options: JsValue) -> Result<String, JsValue> {
    let lang = lang_of(&options)?;
    if project.is_undefined() || project.is_null() || !(project.is_object() || project.is_string()) || js_sys::Array::is_array(&project) {
        return Err(wrong("project", "对象", "an object", &project));
    }
    let text = json_text("project", &project, false)?;
    let saved = save_project_text(&text).map_err(fail(lang))?;
    result_text(&saved)?;
    Ok(saved)
}

// ---- Charts -----------------------------------------------------------------------------------

/// `chartSvg(kind, report, options?)` → SVG text: `kind` is `"distribution"`, `"counties"` or
/// `"trend"`, `report` what `evaluate` returned (object or JSON text), `options` `{ lang }`.
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(kind: JsValue, report: JsValue, options: JsValue) -> Result<String, JsValue> {
    let lang = lang_of(&options)?;
    let kind = text_arg(&kind, "kind", 100)?;
    let kind: crate::report::charts::ChartKind = kind.parse().map_err(|e: crate::Error| js_error(&lang.error(&e), e.kind().as_str(), e.field()))?;
    let report = report_arg(&report)?;
    api::chart_svg(kind, &report, lang).map_err(fail(lang))
}

// ---- The workspace ------------------------------------------------------------------------------

use crate::report::charts::ChartKind;
use crate::workspace::{CaseQuery, ExportFormat, ScreenQuery, ExportTarget, ImportOptions, Workspace as Core2};

/// The working set of a page, kept in the core (see `src/workspace/`): JS sends edits and asks
/// for what a screen shows. Every method checks its arguments (a wrong type is an `Error` with
/// `kind: "argument"` and `field`), and errors of the core are `Error`s with `kind`, `field` and
/// `index`, in the workspace's language (`setSettings({ lang })`).
///
/// A method takes the workspace through wasm-bindgen's own borrow. Should one ever trap (a bug,
/// or memory exhausted), that handle is lost: its later calls throw an `Error` ("recursive use of
/// an object…"), never a trap; the module, its free functions and every other handle keep working,
/// and a new `Workspace` can be made (the page's worker makes a fresh one and restores the last
/// autosave).
#[wasm_bindgen(js_name = Workspace)]
pub struct Workspace {
    core: Core2,
}

/// A case key: a whole number from 1 (`null` or `undefined` for a new case where allowed).
fn key_arg(value: &JsValue, field: &str) -> Result<u32, JsValue> {
    Ok(int_arg(value, field, 1, i32::MAX)? as u32)
}

fn opt_key_arg(value: &JsValue) -> Result<Option<u32>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        key_arg(value, "key").map(Some)
    }
}

/// A plain object argument as JSON (not an array, a function or anything else).
fn object_arg(value: &JsValue, field: &str) -> Result<serde_json::Value, JsValue> {
    if value.is_string() || !value.is_object() || js_sys::Array::is_array(value) || value.is_function() {
        return Err(wrong(field, "对象", "an object", value));
    }
    from_js(field, value)
}

#[wasm_bindgen(js_class = Workspace)]
impl Workspace {
    /// `new Workspace(catalogJson?)`: on the built-in catalogue, or on the one given.
    #[wasm_bindgen(constructor)]
    pub fn new(catalog_json: JsValue) -> Result<Workspace, JsValue> {
        let core = match opt_text_arg(&catalog_json, "catalogJson", LONG_TEXT)? {
            None => Core2::new(),
            Some(json) => Catalog::from_json(&json).and_then(Core2::with_catalog),
        }
        .map_err(fail(Lang::Both))?;
        Ok(Workspace { core })
    }

    fn fail(&self) -> impl Fn(crate::Error) -> JsValue {
        fail(self.core.lang())
    }

    /// `catalog()` → `{ plan, scoring, counties, classes, topics, indicators, fields, methods }`:
    /// the plan's knowledge, as data.
    pub fn catalog(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.catalog_view().map_err(self.fail())?)
    }

    /// `settings()` → `{ settings, asOf, lang }`.
    pub fn settings(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct View<'a> {
            settings: &'a crate::settings::Settings,
            as_of: Option<&'a str>,
            lang: Lang,
        }
        to_js(&View { settings: self.core.settings(), as_of: self.core.as_of(), lang: self.core.lang() })
    }

    /// `setSettings(partial)` → `{ settings, asOf, lang, changed, reevaluated, rescored, warnings }`.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, partial: JsValue) -> Result<JsValue, JsValue> {
        let partial = object_arg(&partial, "settings")?;
        to_js(&self.core.set_settings(&partial).map_err(self.fail())?)
    }

    /// `putCase(indicatorId, key | null, input)` → `{ key, row, result, errors }`; a case with
    /// errors is not kept (`key: null`, `errors` name every field).
    #[wasm_bindgen(js_name = putCase)]
    pub fn put_case(&mut self, indicator_id: JsValue, key: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let key = opt_key_arg(&key)?;
        let input = object_arg(&input, "input")?;
        to_js(&self.core.put_case(&id, key, &input).map_err(self.fail())?)
    }

    /// `checkCase(indicatorId, input)` → `{ result, errors }`: a draft evaluated, not kept.
    #[wasm_bindgen(js_name = checkCase)]
    pub fn check_case(&mut self, indicator_id: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let input = object_arg(&input, "input")?;
        to_js(&self.core.check_case(&id, &input).map_err(self.fail())?)
    }

    /// `deleteCase(indicatorId, key)` → `{ indicatorId, key, id }`.
    #[wasm_bindgen(js_name = deleteCase)]
    pub fn delete_case(&mut self, indicator_id: JsValue, key: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let key = key_arg(&key, "key")?;
        to_js(&self.core.delete_case(&id, key).map_err(self.fail())?)
    }

    /// `undo()` → `{ kind, indicators }`, or `null` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<JsValue, JsValue> {
        match self.core.undo().map_err(self.fail())? {
            Some(u) => to_js(&u),
            None => Ok(JsValue::NULL),
        }
    }

    /// `importTable(bytes, fileName, options, onProgress?)` → the import's report. `options` =
    /// `{ indicator, sheet?, headerRow?, mapping?, limits?, route?, replace? }`; `onProgress` is
    /// called with `{ rows, fraction, bytesDone, totalBytes }` after each chunk of rows and may
    /// return `false` to cancel (the workspace is then as it was; the error's kind is `cancelled`).
    /// The rows go into the working set at once (`stageImport` then `commitImport`).
    #[wasm_bindgen(js_name = importTable)]
    pub fn import_table(&mut self, bytes: JsValue, file_name: JsValue, options: JsValue, on_progress: JsValue) -> Result<JsValue, JsValue> {
        self.read_import(bytes, file_name, options, on_progress, false)
    }

    /// `stageImport(bytes, fileName, options, onProgress?)` → the import's report with
    /// `committed: false`: the rows read, routed and evaluated, held beside the working set (the
    /// dashboard, counts, autosave and exports do not see them) until `commitImport(importId)` or
    /// `discardImport(importId)`. A stage before it is discarded. Arguments as `importTable`.
    #[wasm_bindgen(js_name = stageImport)]
    pub fn stage_import(&mut self, bytes: JsValue, file_name: JsValue, options: JsValue, on_progress: JsValue) -> Result<JsValue, JsValue> {
        self.read_import(bytes, file_name, options, on_progress, true)
    }

    /// `commitImport(importId)` → the import's report with `committed: true`: the staged cases
    /// added to the working set (undoable as one import). An id that is not the one staged is an
    /// `Error` (kind `argument`, field `importId`).
    #[wasm_bindgen(js_name = commitImport)]
    pub fn commit_import(&mut self, import_id: JsValue) -> Result<JsValue, JsValue> {
        let import_id = key_arg(&import_id, "importId")?;
        to_js(&self.core.commit_import(import_id).map_err(self.fail())?)
    }

    /// `discardImport(importId)` → `{ importId, rows }`: the staged import dropped. An id that is
    /// not the one staged is an `Error` (kind `argument`, field `importId`).
    #[wasm_bindgen(js_name = discardImport)]
    pub fn discard_import(&mut self, import_id: JsValue) -> Result<JsValue, JsValue> {
        let import_id = key_arg(&import_id, "importId")?;
        to_js(&self.core.discard_import(import_id).map_err(self.fail())?)
    }

    /// `loadSample()` → `{ cases, indicators, asOf, warnings }`.
    #[wasm_bindgen(js_name = loadSample)]
    pub fn load_sample(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.core.load_sample().map_err(self.fail())?)
    }

    /// `dropSample()` → `{ cases }`: the sample's cases removed, the user's own kept (undoable).
    #[wasm_bindgen(js_name = dropSample)]
    pub fn drop_sample(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.core.drop_sample().map_err(self.fail())?)
    }

    /// `clear()` → `{ cases }`: every case removed (undoable); the settings stay.
    pub fn clear(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.core.clear().map_err(self.fail())?)
    }

    /// `loadProject(text)` → `{ cases, indicators, asOf, warnings }`; a file that fails changes
    /// nothing.
    #[wasm_bindgen(js_name = loadProject)]
    pub fn load_project(&mut self, text: JsValue) -> Result<JsValue, JsValue> {
        let text = text_arg(&text, "text", LONG_TEXT)?;
        to_js(&self.core.load_project(&text).map_err(self.fail())?)
    }

    /// `saveProject()` → JSON text (schema `bizenv-project`, version 1).
    #[wasm_bindgen(js_name = saveProject)]
    pub fn save_project(&self) -> Result<String, JsValue> {
        let text = self.core.save_project().map_err(self.fail())?;
        result_text(&text)?;
        Ok(text)
    }

    /// `dashboard()` → `evaluateAll`'s dashboard plus `{ provenance, asOf, cases, revision }`.
    pub fn dashboard(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.core.dashboard().map_err(self.fail())?)
    }

    /// `indicator(id)` → `{ indicator, summary, byCounty, scoring, frontier, aggregation, perCase,
    /// caseLimit, timeBasis, unitLabel, columns, form, warnings, cases, revision }`.
    pub fn indicator(&mut self, indicator_id: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        to_js(&self.core.indicator_view(&id).map_err(self.fail())?)
    }

    /// `cases(id, query?)` → `{ total, matched, offset, columns, rows }`; `query` = `{ offset,
    /// limit, sort: { column, descending }, county, status, lateOnly, search }`.
    pub fn cases(&mut self, indicator_id: JsValue, query: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let query: CaseQuery = if query.is_undefined() || query.is_null() { CaseQuery::default() } else { from_js("query", &query)? };
        to_js(&self.core.cases(&id, &query).map_err(self.fail())?)
    }

    /// `indicatorScreen(id, query?)` → `{ view, charts, cases }`: what the indicator view shows,
    /// in one call — `view` as `indicator(id)`, `charts` as `[{ kind, svg }]` or `[{ kind, error }]`,
    /// `cases` as `cases(id, query.cases)`; `query` = `{ cases: { offset, limit, sort, ... },
    /// charts: [kind] }` (the charts the method calls for when absent).
    #[wasm_bindgen(js_name = indicatorScreen)]
    pub fn indicator_screen(&mut self, indicator_id: JsValue, query: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let query: ScreenQuery = if query.is_undefined() || query.is_null() { ScreenQuery::default() } else { from_js("query", &query)? };
        to_js(&self.core.indicator_screen(&id, &query).map_err(self.fail())?)
    }

    /// `case(id, key)` → the case as given, for the form.
    pub fn case(&self, indicator_id: JsValue, key: JsValue) -> Result<JsValue, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let key = key_arg(&key, "key")?;
        to_js(&self.core.case_input(&id, key).map_err(self.fail())?)
    }

    /// `ranking()` → `{ ranking, rankedIndicators, scoring }`.
    pub fn ranking(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.core.ranking_view().map_err(self.fail())?)
    }

    /// `chart(kind, id)` → SVG text: `kind` is `distribution`, `counties` or `trend`.
    pub fn chart(&mut self, kind: JsValue, indicator_id: JsValue) -> Result<String, JsValue> {
        let kind: ChartKind = text_arg(&kind, "kind", 100)?.parse().map_err(self.fail())?;
        let id = indicator_arg(&indicator_id)?;
        self.core.chart(kind, &id).map_err(self.fail())
    }

    /// `export(target, format)` → `Uint8Array`: `target` is `"dashboard"`, `"ranking"` or
    /// `{ indicator: id }`; `format` is `"xlsx"` or `"csv"`.
    pub fn export(&mut self, target: JsValue, format: JsValue) -> Result<Vec<u8>, JsValue> {
        let target: ExportTarget = from_js("target", &target)?;
        let format: ExportFormat = from_js("format", &format)?;
        self.core.export(&target, format).map_err(self.fail())
    }

    /// `exportSheets(target)` → `Uint8Array`: the sheets `export(target, "xlsx")` would write, as
    /// bytes for the ledger module's `writeSheets` (the page's core module writes no .xlsx).
    #[wasm_bindgen(js_name = exportSheets)]
    pub fn export_sheets(&mut self, target: JsValue) -> Result<Vec<u8>, JsValue> {
        let target: ExportTarget = from_js("target", &target)?;
        let sheets = self.core.export_sheets(&target).map_err(self.fail())?;
        Ok(crate::ledger::transfer::encode_sheets(&sheets))
    }

    /// `templateBook(id)` → `Uint8Array`: what `template(id)` would write, as bytes for the
    /// ledger module's `writeTemplate`.
    #[wasm_bindgen(js_name = templateBook)]
    pub fn template_book(&self, indicator_id: JsValue) -> Result<Vec<u8>, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let book = self.core.template_book(&id).map_err(self.fail())?;
        Ok(crate::ledger::transfer::encode_template(&book))
    }

    /// `template(id)` → `Uint8Array`: the indicator's blank ledger template (.xlsx) in the
    /// workspace's language (the headers stay those the importer reads).
    pub fn template(&self, indicator_id: JsValue) -> Result<Vec<u8>, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        self.core.template(&id).map_err(self.fail())
    }

    /// `problems(importId, offset?, limit?)` → `{ importId, total, offset, rows }`.
    pub fn problems(&mut self, import_id: JsValue, offset: JsValue, limit: JsValue) -> Result<JsValue, JsValue> {
        let import_id = key_arg(&import_id, "importId")?;
        let offset = if offset.is_undefined() || offset.is_null() { 0 } else { int_arg(&offset, "offset", 0, i32::MAX)? as usize };
        let limit = if limit.is_undefined() || limit.is_null() { 100 } else { int_arg(&limit, "limit", 0, 1000)? as usize };
        to_js(&self.core.problems(import_id, offset, limit).map_err(self.fail())?)
    }

    /// `sources()` → `{ provenance, sampleCases, cases, imports }`.
    pub fn sources(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.sources())
    }

    /// `autosave(since?)` → `{ revision, meta, indicators: [{ id, revision, cases }] }`: only what
    /// changed since revision `since` (0 or absent: everything).
    pub fn autosave(&self, since: JsValue) -> Result<JsValue, JsValue> {
        let since = if since.is_undefined() || since.is_null() { 0.0 } else { number_arg(&since, "since", 0.0, 9e15)? };
        to_js(&self.core.autosave(since as u64).map_err(self.fail())?)
    }

    /// `autosavePlan(since?)` → `{ revision, meta, indicators: [{ id, revision, cases }] }`: what
    /// `autosave(since)` would write, with each indicator's number of cases instead of their
    /// text (nothing serialised: cheap), for a save written in slices by `autosaveSlice`.
    #[wasm_bindgen(js_name = autosavePlan)]
    pub fn autosave_plan(&self, since: JsValue) -> Result<JsValue, JsValue> {
        let since = if since.is_undefined() || since.is_null() { 0.0 } else { number_arg(&since, "since", 0.0, 9e15)? };
        to_js(&self.core.autosave_plan(since as u64))
    }

    /// `autosaveSlice(indicatorId, revision, offset, limit)` → the JSON text of the indicator's
    /// cases `offset..offset + limit`, if its cases are still at `revision` (the plan's); else an
    /// `Error` of kind `range`, field `revision` (they changed: start the save again).
    #[wasm_bindgen(js_name = autosaveSlice)]
    pub fn autosave_slice(&self, indicator_id: JsValue, revision: JsValue, offset: JsValue, limit: JsValue) -> Result<String, JsValue> {
        let id = indicator_arg(&indicator_id)?;
        let revision = number_arg(&revision, "revision", 0.0, 9e15)? as u64;
        let offset = int_arg(&offset, "offset", 0, i32::MAX)? as usize;
        let limit = int_arg(&limit, "limit", 1, i32::MAX)? as usize;
        self.core.autosave_slice(&id, revision, offset, limit).map_err(self.fail())
    }

    /// `restoreAutosave(meta, records)` with `records` = `[{ id, cases }]` (as `autosave` gave
    /// them, or the slices of `autosaveSlice`: records of the same id are joined in order)
    /// → `{ cases, indicators, asOf, warnings }`.
    #[wasm_bindgen(js_name = restoreAutosave)]
    pub fn restore_autosave(&mut self, meta: JsValue, records: JsValue) -> Result<JsValue, JsValue> {
        #[derive(serde::Deserialize)]
        struct Record {
            id: String,
            cases: String,
        }
        let meta = opt_text_arg(&meta, "meta", LONG_TEXT)?.unwrap_or_default();
        let records: Vec<Record> = from_js("records", &records)?;
        let parts: Vec<(String, String)> = records.into_iter().map(|r| (r.id, r.cases)).collect();
        to_js(&self.core.restore_autosave(&meta, &parts).map_err(self.fail())?)
    }

    /// `stats()` → `{ casesEvaluated, aggregations, rescorings, rankings }`: the work done so far.
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        to_js(&self.core.stats())
    }

    /// `revision()` → the revision of the working set (increases with every change).
    pub fn revision(&self) -> f64 {
        self.core.revision() as f64
    }
}

// ---- Test support ------------------------------------------------------------------------------

/// Traps in the middle of work, as a bug or an exhausted memory would: built only with the
/// `trap-test` feature, for the test that every function still answers afterwards.
#[cfg(feature = "trap-test")]
#[wasm_bindgen(js_name = __trapInsideWork)]
pub fn trap_inside_work() -> Result<(), JsValue> {
    let core = default_core()?;
    if core.catalog.indicators.len() < usize::MAX {
        core::arch::wasm32::unreachable();
    }
    Ok(())
}

impl Workspace {
    /// `importTable` and `stageImport`: the arguments checked, the progress callback wrapped.
    fn read_import(&mut self, bytes: JsValue, file_name: JsValue, options: JsValue, on_progress: JsValue, staged: bool) -> Result<JsValue, JsValue> {
        let opts: ImportOptions = options_of(&options)?;
        opts.table.limits.check().map_err(self.fail())?;
        let file_name = file_name_arg(&file_name)?;
        let callback = if on_progress.is_undefined() || on_progress.is_null() {
            None
        } else {
            Some(on_progress.dyn_into::<js_sys::Function>().map_err(|v| wrong("onProgress", "函数", "a function", &v))?)
        };
        let bytes = file_arg(&bytes, opts.table.limits.file_bytes)?;
        let mut progress = |p: &crate::workspace::ImportProgress| -> bool {
            let Some(f) = &callback else { return true };
            let Ok(arg) = to_js(p) else { return true };
            // Anything but `false` goes on; a callback that throws cancels.
            match f.call1(&JsValue::NULL, &arg) {
                Ok(v) => v.as_bool() != Some(false),
                Err(_) => false,
            }
        };
        let report = if staged { self.core.stage_import(&bytes, &file_name, &opts, &mut progress) } else { self.core.import_table(&bytes, &file_name, &opts, &mut progress) };
        to_js(&report.map_err(self.fail())?)
    }
}

#[cfg(feature = "trap-test")]
#[wasm_bindgen(js_class = Workspace)]
impl Workspace {
    /// The same inside a method of a `Workspace`, in the middle of changing it.
    #[wasm_bindgen(js_name = __trapInsideWork)]
    pub fn trap_inside_work(&mut self) {
        if self.core.revision() < u64::MAX {
            core::arch::wasm32::unreachable();
        }
    }
}

#[cfg(feature = "trap-test")]
#[wasm_bindgen(js_class = Calculator)]
impl Calculator {
    /// The same inside a method of a `Calculator`.
    #[wasm_bindgen(js_name = __trapInsideWork)]
    pub fn trap_inside_work(&self) {
        let core = self.core();
        if core.catalog.indicators.len() < usize::MAX {
            core::arch::wasm32::unreachable();
        }
    }
}
