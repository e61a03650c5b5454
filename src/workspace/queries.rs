//! What the screens show, each query only what one screen needs: the dashboard, an indicator, a
//! page of cases (sorted, filtered and searched over an index of positions, never copies of the
//! cases), one case for the form, the ranking, a chart, an export, the sources. Numbers come
//! with their display text, rounded by the core, and their raw value.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Lang, Result};
use crate::evaluate::{case_result, dashboard, rank, Alert, CaseResult, CountyRank, CountyResult, Dashboard, Status, StepResult, Summary, Verdict, NO_COUNTY_ZH};

/// The row of cases without a county, on an English page.
const NO_COUNTY_EN: &str = "(no county)";
use crate::plan::cases::{Case, CaseInput, Entry, NumField, Strings, TextField};
use crate::plan::catalog::{Aggregation, ClassKind, Frontier, Indicator, ScoringMethod, TimeBasis};
use crate::plan::fields::{case_field, case_fields, method_tables, CaseField, ColumnKind, FieldKind, ListKind, MethodTables, Situation};
use crate::report::charts::{chart_svg, CasePoint, ChartData, ChartKind};
use crate::report::export::{self, Out, Sheet};

use super::store::Key;
use super::Workspace;

/// Where the working set's cases came from, for the banner over the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// No cases at all.
    Empty,
    /// Only the built-in sample.
    Sample,
    /// The sample and the user's own cases together.
    Mixed,
    /// Only the user's cases.
    Real,
}

/// What `dashboard()` returns: `evaluateAll`'s dashboard (indicators, topics, totals, ranking),
/// with where the data came from and when it is evaluated at.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardView {
    #[serde(flatten)]
    pub dashboard: Dashboard,
    pub provenance: Provenance,
    pub as_of: Option<String>,
    /// Every case in the workspace.
    pub cases: usize,
    pub revision: u64,
}

/// A column of the case table: its id, its label, how its values are shown, whether it sorts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnView {
    pub id: String,
    pub label: String,
    pub kind: ColumnKind,
    pub sortable: bool,
}

/// A field of the case form: the field, its label in the indicator's words, how it is entered,
/// and its choices (a customer class, a measure, an outcome).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    pub field: String,
    pub label: String,
    /// `time`, `number`, `text`, `choice` or `list` (stops, steps, fees).
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ChoiceView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChoiceView {
    pub value: String,
    pub label: String,
}

/// What `indicator(id)` returns: the catalogue's entry, its summary and county table, its case
/// table's columns and its form's fields.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorView {
    pub indicator: Indicator,
    pub summary: Summary,
    pub by_county: Vec<CountyResult>,
    pub scoring: ScoringMethod,
    pub frontier: Option<Frontier>,
    pub aggregation: Aggregation,
    pub per_case: bool,
    pub case_limit: Option<f64>,
    pub time_basis: Option<TimeBasis>,
    pub unit_label: String,
    pub columns: Vec<ColumnView>,
    pub form: Vec<FormField>,
    /// The charts the view shows, chosen by the method (`data/methods.json`).
    pub charts: Vec<ChartKind>,
    pub warnings: Vec<String>,
    pub cases: usize,
    pub revision: u64,
}

/// How a page of cases is sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SortBy {
    pub column: String,
    pub descending: bool,
}

/// Which cases a page shows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseQuery {
    pub offset: usize,
    /// Rows on the page (50 when absent; at most 1000).
    pub limit: Option<usize>,
    pub sort: Option<SortBy>,
    /// A county's name; `""` for the cases that name none.
    pub county: Option<String>,
    pub status: Option<Status>,
    /// Only the cases over the target or the statutory limit (closed or open).
    pub late_only: bool,
    /// Text in the case's id, name, county, note or source file.
    pub search: Option<String>,
    /// Only the cases read from this file (its name, as `sources()` gives it): an import's result.
    pub source: Option<String>,
}

/// A value as the screen shows it: the text, rounded by the core, and the raw value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellView {
    /// The raw value: a number, text, a boolean, or nothing.
    pub v: Raw,
    /// The display text (`""` for nothing).
    pub t: String,
}

/// A raw value of a cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Raw {
    Number(f64),
    Text(String),
    Bool(bool),
    None,
}

/// One row of the case table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseRow {
    pub key: Key,
    /// Position in the indicator's cases, from 1.
    pub index: usize,
    /// The row of the sheet it was imported from, as Excel shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    pub id: String,
    pub status: Status,
    pub met: Option<bool>,
    /// Over the target (per case) or over the statutory limit (averages), closed or open.
    pub late: bool,
    pub alert: Option<Alert>,
    pub paused: bool,
    pub within_limit: Option<bool>,
    pub error: Option<String>,
    pub error_field: Option<String>,
    pub warnings: Vec<String>,
    /// Open cases: time used so far and time left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed: Option<CellView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<CellView>,
    /// Measured by stages: the time between them, not counted (shown under the stages' line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<CellView>,
    /// One cell per column of the page, in order.
    pub cells: Vec<CellView>,
    /// The stages on the case's timeline, when the table shows them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepResult>,
}

/// What `cases(id, query)` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CasePage {
    /// The indicator's cases.
    pub total: usize,
    /// The cases the filters let through (the page is a part of them).
    pub matched: usize,
    pub offset: usize,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<CaseRow>,
}

/// What `indicator_screen(id, query)` is asked: the page of cases the view shows first, and which
/// charts (those the method calls for when absent).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScreenQuery {
    pub cases: CaseQuery,
    pub charts: Option<Vec<ChartKind>>,
}

/// One chart of a screen: its SVG, or why it could not be drawn (the others still show).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartAnswer {
    pub kind: ChartKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub svg: Option<String>,
    /// The reason, in the workspace's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What `indicator_screen(id, query)` returns: everything the indicator view shows, in one
/// answer (one round trip to the worker instead of one per part), from the kept evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorScreen {
    pub view: IndicatorView,
    pub charts: Vec<ChartAnswer>,
    pub cases: CasePage,
}

/// A page of problem rows of an import.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemPage {
    pub import_id: u32,
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<crate::ledger::table::Problem>,
}

/// What `ranking()` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RankingView {
    pub ranking: Vec<CountyRank>,
    pub ranked_indicators: usize,
    pub scoring: ScoringMethod,
}

/// One import, as the sources list shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportView {
    pub import_id: u32,
    pub file_name: String,
    pub sheet: String,
    pub header_row: u32,
    pub indicator_id: String,
    pub counts: crate::ledger::RowCounts,
    /// Rows filed under each indicator.
    pub destinations: Vec<DestinationRows>,
}

/// How many rows of an import an indicator received.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRows {
    pub indicator_id: String,
    pub rows: usize,
}

/// What `sources()` returns: where the cases came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceView {
    pub provenance: Provenance,
    pub sample_cases: usize,
    pub cases: usize,
    pub imports: Vec<ImportView>,
}

/// What an export is of.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportTarget {
    /// An indicator: its cases with the computed columns, its summary, counties and problems.
    Indicator(String),
    Dashboard,
    Ranking,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

/// The order of the cases a page query matched, kept while nothing changes, so that paging
/// through a million cases sorts them once.
pub(crate) struct PageCache {
    set: usize,
    revision: u64,
    key: String,
    order: Vec<u32>,
}

/// `v` rounded to between `min` and `max` decimals, as the page shows it ("−" for minus).
///
/// ```
/// use bizenv::workspace::fixed;
/// assert_eq!((fixed(3.0, (2, 2)), fixed(0.1875, (2, 4)), fixed(90.0, (0, 2)), fixed(-0.4, (2, 2))), ("3.00".into(), "0.1875".into(), "90".into(), "−0.40".into()));
/// ```
pub fn fixed(v: f64, (min, max): (usize, usize)) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let mut text = format!("{v:.max$}");
    if max > min && text.contains('.') {
        while text.ends_with('0') && text.split('.').nth(1).map_or(0, str::len) > min {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    if text.starts_with('-') {
        if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
            text.remove(0);
        } else {
            text.replace_range(0..1, "\u{2212}");
        }
    }
    text
}

fn number_cell(x: Option<f64>, decimals: (usize, usize)) -> CellView {
    match x.filter(|x| x.is_finite()) {
        Some(x) => CellView { v: Raw::Number(x), t: fixed(x, decimals) },
        None => CellView { v: Raw::None, t: String::new() },
    }
}

fn text_cell(t: Option<String>) -> CellView {
    match t {
        Some(t) => CellView { t: t.clone(), v: Raw::Text(t) },
        None => CellView { v: Raw::None, t: String::new() },
    }
}

/// A time as the table shows it: `2023-07-14 09:30`, or the date alone.
/// How many decimals a number shown as text has (`0.40` → 2).
fn shown_decimals(text: &str) -> usize {
    text.split('.').nth(1).map_or(0, |d| d.chars().take_while(char::is_ascii_digit).count())
}

fn time_text(shown: &str) -> String {
    shown.replacen('T', " ", 1)
}

/// How a column sorts.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
enum SortKey {
    Number(f64),
    Text(String),
}

/// Everything a column's value is read from.
struct RowContext<'a> {
    ind: &'a Indicator,
    tables: &'a MethodTables,
    strings: &'a Strings,
    case: &'a Case,
    verdict: &'a Verdict,
    result: &'a CaseResult,
    lang: Lang,
}

fn unit_decimals(tables: &MethodTables, ind: &Indicator) -> (usize, usize) {
    tables.decimals(ind.unit)
}

fn label_of<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En {
        en
    } else {
        zh
    }
}

/// The label of a class or a choice a case names, in the language (the text as given when it
/// names none known).
fn word_label(ind: &Indicator, catalog: &crate::plan::catalog::Catalog, field: TextField, text: &str, lang: Lang) -> String {
    match field {
        TextField::CustomerClass | TextField::ProjectType => {
            let kind = if field == TextField::CustomerClass { ClassKind::CustomerClass } else { ClassKind::ProjectType };
            match catalog.classes.normalize(kind, text).ok().and_then(|code| catalog.classes.of(kind).iter().find(|c| c.code == code)) {
                Some(c) => label_of(lang, &c.zh, &c.en).to_string(),
                None => text.to_string(),
            }
        }
        TextField::Measure => ind.measure(text).map_or_else(|| text.to_string(), |m| label_of(lang, &m.name_zh, &m.name_en).to_string()),
        TextField::Outcome => case_field("outcome").and_then(|f| f.choices.iter().find(|c| c.value == text.trim() || c.zh == text.trim())).map_or_else(|| text.to_string(), |c| label_of(lang, &c.zh, &c.en).to_string()),
        _ => text.to_string(),
    }
}

impl RowContext<'_> {
    fn cell(&self, column: &str, catalog: &crate::plan::catalog::Catalog) -> CellView {
        let unit = unit_decimals(self.tables, self.ind);
        let r = self.result;
        let labels = export::labels(self.lang);
        let col_decimals = |id: &str| self.tables.columns.get(id).and_then(|c| c.decimals).unwrap_or((0, 2));
        match column {
            "id" => text_cell(Some(r.id.clone())),
            "name" => text_cell(r.name.clone()),
            "county" => text_cell(r.county.clone()),
            "row" => number_cell(r.row.map(f64::from), (0, 0)),
            "start" => text_cell(r.start.as_deref().map(time_text)),
            "end" => text_cell(r.end.as_deref().map(time_text)),
            "deadline" => text_cell(r.deadline.as_deref().map(time_text)),
            "value" => number_cell(r.value.or(r.elapsed), unit),
            "elapsed" => number_cell(r.elapsed, unit),
            "remaining" => number_cell(r.remaining, unit),
            "gap" => number_cell(r.gap, unit),
            "between" => number_cell(r.between, unit),
            "workingMinutes" => number_cell(r.working_minutes, col_decimals(column)),
            "stoppedMinutes" => number_cell(r.stopped_minutes, col_decimals(column)),
            "calendarDays" => number_cell(r.calendar_days, col_decimals(column)),
            "steps" => CellView { v: Raw::Number(r.steps.len() as f64), t: String::new() },
            "status" => {
                let code = match r.status {
                    Status::Closed => "closed",
                    Status::Open => "open",
                    Status::Invalid => "invalid",
                };
                CellView { v: Raw::Text(code.into()), t: match export::status_label(labels, r.status) { Out::Text(t) => t, _ => String::new() } }
            }
            "alert" => match r.alert {
                Some(a) => CellView { v: Raw::Text(format!("{a:?}").to_lowercase()), t: match export::alert_label(labels, Some(a)) { Out::Text(t) => t, _ => String::new() } },
                None => text_cell(None),
            },
            "verdict" => {
                if self.ind.per_case() {
                    match r.met {
                        Some(m) => CellView { v: Raw::Bool(m), t: match export::met_label(labels, Some(m)) { Out::Text(t) => t, _ => String::new() } },
                        None => text_cell(None),
                    }
                } else {
                    match r.gap {
                        Some(g) => {
                            let t = fixed(g, unit);
                            CellView { v: Raw::Number(g), t: if t.starts_with('\u{2212}') || t.trim_start_matches(['0', '.']).is_empty() { t } else { format!("+{t}") } }
                        }
                        None => text_cell(None),
                    }
                }
            }
            "error" => text_cell(r.error.clone()),
            "source" => text_cell(self.case.source.map(|s| self.strings.get(s).to_string())),
            "note" => text_cell(self.case.note().map(str::to_string)),
            other => {
                // A column computed from the verdict (cost is the sum of the fees when they are given).
                if let Some(from) = self.tables.columns.get(other).and_then(|c| c.from.as_deref()) {
                    let x = match from {
                        "numerator" => self.verdict.numerator(),
                        "denominator" => self.verdict.denominator(),
                        _ => None,
                    };
                    if x.is_some() || self.verdict.status != Status::Invalid {
                        return number_cell(x, (0, 2));
                    }
                }
                if let Some(f) = NumField::from_key(other) {
                    return match self.case.number(f) {
                        Some(Entry::Given(x)) | Some(Entry::RawNumber(x)) => number_cell(Some(*x), (0, 2)),
                        Some(Entry::Raw(t)) => text_cell(Some(t.to_string())),
                        None => text_cell(None),
                    };
                }
                if let Some(f) = TextField::from_key(other) {
                    // Periods and series as the verdict wrote them; words by their labels.
                    let text = match f {
                        TextField::Period => r.period.clone().or_else(|| self.case.text(f).map(|s| self.strings.get(s).to_string())),
                        TextField::Series => r.series.clone().or_else(|| self.case.text(f).map(|s| self.strings.get(s).to_string())),
                        _ => self.case.text(f).map(|s| self.strings.get(s).to_string()),
                    };
                    return match text {
                        Some(t) => CellView { t: word_label(self.ind, catalog, f, &t, self.lang), v: Raw::Text(t) },
                        None => text_cell(None),
                    };
                }
                text_cell(None)
            }
        }
    }
}

/// How a case sorts by a column.
fn sort_key(column: &str, ind: &Indicator, catalog: &crate::plan::catalog::Catalog, strings: &Strings, case: &Case, v: &Verdict, pos: usize) -> Option<SortKey> {
    let num = |x: Option<f64>| x.filter(|x| x.is_finite()).map(SortKey::Number);
    let stamp = |s: Option<crate::plan::cases::Stamp>| s.and_then(|s| s.instant()).map(|at| SortKey::Number(at.duration_since(jiff::civil::DateTime::constant(1970, 1, 1, 0, 0, 0, 0)).as_secs() as f64));
    match column {
        "id" => Some(SortKey::Text(case.id.as_deref().map_or_else(|| format!("#{:010}", pos + 1), str::to_string))),
        "name" => case.name.as_deref().map(|n| SortKey::Text(n.to_string())),
        "county" => case.county.map(|c| {
            let (order, name) = catalog.county_order(strings.get(c));
            SortKey::Text(format!("{order:05}{name}"))
        }),
        "row" => num(case.row().map(f64::from)),
        "start" => stamp(v.start()),
        "end" => stamp(v.end()),
        "deadline" => stamp(v.deadline()),
        "value" | "elapsed" => num(v.value_or_elapsed()),
        "workingMinutes" => num(v.working_minutes()),
        "stoppedMinutes" => num(v.stopped_minutes()),
        "calendarDays" => num(v.calendar_days()),
        "between" => num(v.between()),
        "status" => Some(SortKey::Number(match v.status {
            Status::Invalid => 0.0,
            Status::Open => 1.0,
            Status::Closed => 2.0,
        })),
        "alert" => num(v.alert.map(|a| match a {
            Alert::Ok => 0.0,
            Alert::Warning => 1.0,
            Alert::Overdue => 2.0,
        })),
        "verdict" | "gap" => {
            if ind.per_case() && column == "verdict" {
                num(v.met.map(|m| if m { 1.0 } else { 0.0 }))
            } else {
                num(v.value().zip(ind.target).map(|(x, t)| x - t))
            }
        }
        "source" => case.source.map(|s| SortKey::Text(strings.get(s).to_string())),
        "note" => case.note().map(|n| SortKey::Text(n.to_string())),
        "cost" => num(v.numerator()),
        "base" => num(v.denominator()),
        other => {
            if let Some(f) = NumField::from_key(other) {
                return case.number(f).and_then(|e| e.given()).map(SortKey::Number);
            }
            if let Some(f) = TextField::from_key(other) {
                return match f {
                    TextField::Period => v.period().or(case.text(f)),
                    TextField::Series => v.series().or(case.text(f)),
                    _ => case.text(f),
                }
                .map(|s| SortKey::Text(strings.get(s).to_string()));
            }
            None
        }
    }
}

/// Whether a column sorts.
fn sortable(column: &str) -> bool {
    !matches!(column, "steps" | "error")
}

impl Workspace {
    fn situation_columns(&self, i: usize, kind: ListKind) -> Result<Vec<String>> {
        let tables = method_tables()?;
        let ind = self.indicator(i);
        let set = &self.sets[i];
        let any_case = |field: &str| set.cases.iter().any(|c| c.has(field));
        let judged = ind.per_case() || (ind.is_timed() && self.engine.case_limit(&ind.id).ok().flatten().is_some());
        let s = Situation { indicator: ind, recovery_method: self.settings.recovery_method.as_str(), judged, any_case: &any_case };
        Ok(tables.list(kind, &s).into_iter().map(str::to_string).collect())
    }

    fn column_views(&self, i: usize) -> Result<Vec<ColumnView>> {
        let tables = method_tables()?;
        let ind = self.indicator(i);
        let lang = self.lang;
        Ok(self
            .situation_columns(i, ListKind::Table)?
            .into_iter()
            .map(|id| {
                let label = tables.column_label(&id, ind);
                let kind = tables.columns.get(&id).map(|c| c.kind).unwrap_or(match case_field(&id).map(|f| f.kind) {
                    Some(FieldKind::Time) => ColumnKind::Time,
                    Some(FieldKind::Number) => ColumnKind::Number,
                    _ => ColumnKind::Text,
                });
                ColumnView { sortable: sortable(&id), label: label.pick(lang), kind, id }
            })
            .collect())
    }

    fn form_fields(&self, i: usize) -> Result<Vec<FormField>> {
        let tables = method_tables()?;
        let ind = self.indicator(i);
        let lang = self.lang;
        let choices_of = |field: &str| -> Vec<ChoiceView> {
            let class = |kind: ClassKind| self.catalog.classes.of(kind).iter().map(|c| ChoiceView { value: c.code.clone(), label: label_of(lang, &c.zh, &c.en).to_string() }).collect();
            match field {
                "customerClass" => class(ClassKind::CustomerClass),
                "projectType" => class(ClassKind::ProjectType),
                "measure" => ind.measures.iter().map(|m| ChoiceView { value: m.id.clone(), label: label_of(lang, &m.name_zh, &m.name_en).to_string() }).collect(),
                "county" => self.catalog.counties.iter().map(|c| ChoiceView { value: c.zh.clone(), label: label_of(lang, &c.zh, &c.en).to_string() }).collect(),
                other => case_field(other).map_or_else(Vec::new, |f| f.choices.iter().map(|c| ChoiceView { value: c.value.clone(), label: label_of(lang, &c.zh, &c.en).to_string() }).collect()),
            }
        };
        Ok(self
            .situation_columns(i, ListKind::Form)?
            .into_iter()
            .map(|field| {
                let choices = choices_of(&field);
                let kind = if tables.lists.contains_key(&field) {
                    "list"
                } else if !choices.is_empty() && field != "county" {
                    "choice"
                } else {
                    match case_field(&field).map(|f| f.kind) {
                        Some(FieldKind::Time) => "time",
                        Some(FieldKind::Number) => "number",
                        _ => "text",
                    }
                };
                FormField { label: tables.column_label(&field, ind).pick(lang), kind, choices, field }
            })
            .collect())
    }

    /// Where the cases came from.
    pub fn provenance(&self) -> Provenance {
        let (mut sample, mut total) = (0usize, 0usize);
        for s in &self.sets {
            total += s.cases.len();
            sample += s.cases.iter().filter(|c| c.sample).count();
        }
        match (total, sample) {
            (0, _) => Provenance::Empty,
            (t, s) if s == t => Provenance::Sample,
            (_, 0) => Provenance::Real,
            _ => Provenance::Mixed,
        }
    }

    /// The ranking, made from the kept county tables (once, until one of them changes).
    fn ranking_made(&mut self) -> Result<Vec<CountyRank>> {
        self.ensure_all()?;
        if self.ranking.is_none() {
            self.stats.rankings += 1;
            self.ranking = Some(rank(&self.catalog, &self.evaluations()));
        }
        Ok(self.ranking.clone().unwrap_or_default())
    }

    /// The dashboard: every indicator's row, topics, totals, the ranking, provenance and asOf.
    pub fn dashboard(&mut self) -> Result<DashboardView> {
        let ranking = self.ranking_made()?;
        let mut d = dashboard(&self.catalog, &self.evaluations(), self.settings.scoring, Vec::new());
        d.ranking = ranking;
        d.ranked_indicators = d.ranking.first().map_or(0, |r| r.ranked_indicators);
        Ok(DashboardView { dashboard: d, provenance: self.provenance(), as_of: self.as_of.clone(), cases: self.sets.iter().map(|s| s.cases.len()).sum(), revision: self.revision })
    }

    /// One indicator: its catalogue entry, summary, county table, columns and form.
    pub fn indicator_view(&mut self, id: &str) -> Result<IndicatorView> {
        let i = self.index_of(id)?;
        self.ensure(i)?;
        let columns = self.column_views(i)?;
        let form = self.form_fields(i)?;
        let ind = self.indicator(i).clone();
        let lang = self.lang;
        let tables = method_tables()?;
        let set = &self.sets[i];
        let eval = set.eval.as_ref().ok_or_else(|| Error::new(ErrorKind::Internal, "指标尚未计算", "the indicator is not evaluated"))?;
        let case_limit = if ind.per_case() { None } else { self.engine.case_limit(&ind.id).ok().flatten().filter(|_| ind.is_timed()) };
        let unit_label = match lang {
            Lang::En => ind.unit_label_en.clone(),
            _ => ind.unit_label_zh.clone(),
        }
        .or_else(|| tables.units.get(&ind.unit).map(|u| label_of(lang, &u.zh, &u.en).to_string()))
        .unwrap_or_default();
        Ok(IndicatorView {
            summary: eval.summary.clone(),
            // Cases without a county make a row of their own, named in the page language.
            by_county: eval
                .by_county
                .iter()
                .cloned()
                .map(|mut c| {
                    if lang == Lang::En && c.county == NO_COUNTY_ZH {
                        c.county = NO_COUNTY_EN.to_string();
                    }
                    c
                })
                .collect(),
            scoring: eval.scoring,
            frontier: eval.frontier.clone(),
            aggregation: eval.aggregation,
            per_case: ind.per_case(),
            case_limit,
            time_basis: ind.time_basis(),
            unit_label,
            columns,
            form,
            charts: tables.methods.get(&ind.method).map(|m| m.charts.iter().filter_map(|c| c.parse().ok()).collect()).unwrap_or_default(),
            warnings: eval.warnings.iter().map(|w| w.pick(lang)).collect(),
            cases: set.cases.len(),
            revision: set.revision,
            indicator: ind,
        })
    }

    /// The positions of the cases a query matches, in its order (kept for the next page).
    fn ordered(&mut self, i: usize, query: &CaseQuery) -> Result<Vec<u32>> {
        let key = serde_json::to_string(&CaseQuery { offset: 0, limit: None, ..query.clone() }).unwrap_or_default();
        if let Some(c) = &self.page_cache {
            if c.set == i && c.revision == self.revision && c.key == key {
                return Ok(c.order.clone());
            }
        }
        let set = &self.sets[i];
        let eval = set.eval.as_ref().ok_or_else(|| Error::new(ErrorKind::Internal, "指标尚未计算", "the indicator is not evaluated"))?;
        let ind = &self.catalog.indicators[i];
        let county = query.county.as_deref().map(str::trim);
        let county_sym = county.filter(|c| !c.is_empty()).map(|c| self.strings.find(c));
        let search = query.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_lowercase);
        // A file never read matches no case.
        let source = query.source.as_deref().map(|name| self.strings.find(name));
        let strings = &self.strings;
        let mut order: Vec<u32> = (0..set.cases.len() as u32)
            .filter(|&p| {
                let (case, v) = (&set.cases[p as usize], &eval.verdicts[p as usize]);
                let county_ok = match (county, county_sym) {
                    (None, _) => true,
                    (Some(""), _) => case.county.is_none(),
                    (Some(_), Some(sym)) => sym.is_some() && case.county == sym,
                    (Some(_), None) => true,
                };
                county_ok
                    && source.map_or(true, |sym| sym.is_some() && case.source == sym)
                    && query.status.map_or(true, |s| v.status == s)
                    && (!query.late_only || v.is_late())
                    && search.as_deref().map_or(true, |needle| {
                        let hay = [case.id.as_deref(), case.name.as_deref(), case.county.map(|s| strings.get(s)), case.note(), case.source.map(|s| strings.get(s))];
                        hay.iter().flatten().any(|h| h.to_lowercase().contains(needle))
                    })
            })
            .collect();
        if let Some(sort) = &query.sort {
            let keys: Vec<Option<SortKey>> = order.iter().map(|&p| sort_key(&sort.column, ind, &self.catalog, strings, &set.cases[p as usize], &eval.verdicts[p as usize], p as usize)).collect();
            let mut idx: Vec<usize> = (0..order.len()).collect();
            // Cases without a value last, whichever way; ties keep the cases' order.
            idx.sort_by(|&a, &b| match (&keys[a], &keys[b]) {
                (Some(x), Some(y)) => {
                    let o = x.partial_cmp(y).unwrap_or(Ordering::Equal);
                    if sort.descending {
                        o.reverse()
                    } else {
                        o
                    }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
            order = idx.into_iter().map(|k| order[k]).collect();
        }
        self.page_cache = Some(PageCache { set: i, revision: self.revision, key, order: order.clone() });
        Ok(order)
    }

    /// A page of an indicator's cases, sorted, filtered and searched.
    pub fn cases(&mut self, id: &str, query: &CaseQuery) -> Result<CasePage> {
        let i = self.index_of(id)?;
        self.ensure(i)?;
        if let Some(sort) = &query.sort {
            if !sortable(&sort.column) {
                return Err(Error::new(ErrorKind::Range, format!("不能按「{}」排序", crate::ledger::table::clip(&sort.column, 40)), format!("cannot sort by \"{}\"", crate::ledger::table::clip(&sort.column, 40))).with_field("sort"));
            }
        }
        let columns = self.column_views(i)?;
        self.page_of(i, query, columns)
    }

    /// The page of `query` with the columns already chosen.
    fn page_of(&mut self, i: usize, query: &CaseQuery, columns: Vec<ColumnView>) -> Result<CasePage> {
        let order = self.ordered(i, query)?;
        let limit = query.limit.unwrap_or(50).min(1000);
        let positions: Vec<usize> = order.iter().skip(query.offset).take(limit).map(|&p| p as usize).collect();
        let rows = positions.into_iter().map(|p| self.row_of(i, p, &columns)).collect::<Result<Vec<_>>>()?;
        Ok(CasePage { total: self.sets[i].cases.len(), matched: order.len(), offset: query.offset, columns, rows })
    }

    /// Everything the indicator view shows, in one answer: the view (summary, counties, columns,
    /// form), its charts and the first page of its cases, all from the kept evaluation (the
    /// indicator is evaluated at most once, the columns chosen once). Each part is what the
    /// separate query (`indicator_view`, `chart`, `cases`) gives; a chart that cannot be drawn
    /// carries its reason and leaves the rest whole.
    pub fn indicator_screen(&mut self, id: &str, query: &ScreenQuery) -> Result<IndicatorScreen> {
        if let Some(sort) = &query.cases.sort {
            if !sortable(&sort.column) {
                return Err(Error::new(ErrorKind::Range, format!("不能按「{}」排序", crate::ledger::table::clip(&sort.column, 40)), format!("cannot sort by \"{}\"", crate::ledger::table::clip(&sort.column, 40))).with_field("sort"));
            }
        }
        let view = self.indicator_view(id)?;
        let i = self.index_of(id)?;
        let kinds = query.charts.clone().unwrap_or_else(|| view.charts.clone());
        let lang = self.lang;
        let charts = kinds
            .into_iter()
            .map(|kind| match self.chart(kind, id) {
                Ok(svg) => ChartAnswer { kind, svg: Some(svg), error: None },
                Err(e) => ChartAnswer { kind, svg: None, error: Some(lang.error(&e)) },
            })
            .collect();
        let cases = self.page_of(i, &query.cases, view.columns.clone())?;
        Ok(IndicatorScreen { view, charts, cases })
    }

    /// One row of the case table, for the case at `pos` of indicator `i`.
    pub(crate) fn case_row(&mut self, i: usize, pos: usize) -> Result<CaseRow> {
        self.ensure(i)?;
        let columns = self.column_views(i)?;
        self.row_of(i, pos, &columns)
    }

    fn row_of(&self, i: usize, pos: usize, columns: &[ColumnView]) -> Result<CaseRow> {
        let tables = method_tables()?;
        let ind = &self.catalog.indicators[i];
        let set = &self.sets[i];
        let eval = set.eval.as_ref().ok_or_else(|| Error::new(ErrorKind::Internal, "指标尚未计算", "the indicator is not evaluated"))?;
        let (case, verdict) = (&set.cases[pos], &eval.verdicts[pos]);
        let ctx = self.engine.context(&self.catalog, ind)?;
        let mut result = case_result(ind, case, pos, &self.strings, &ctx, verdict, self.lang);
        let rc = RowContext { ind, tables, strings: &self.strings, case, verdict, result: &result, lang: self.lang };
        let cells = columns.iter().map(|c| rc.cell(&c.id, &self.catalog)).collect();
        let unit = unit_decimals(tables, ind);
        let (elapsed, remaining) = (result.elapsed.map(|x| number_cell(Some(x), unit)), result.remaining.map(|x| number_cell(Some(x), unit)));
        let between = result.between.map(|x| number_cell(Some(x), unit));
        let mut steps = if columns.iter().any(|c| c.id == "steps") { std::mem::take(&mut result.steps) } else { Vec::new() };
        // The plan's own stage names read in English on an English page; names typed otherwise stay.
        if self.lang == Lang::En {
            for name in steps.iter_mut().filter_map(|s| s.name.as_mut()) {
                if let Some(known) = ind.step_names.iter().find(|n| n.zh == *name) {
                    name.clone_from(&known.en);
                }
            }
        }
        Ok(CaseRow {
            key: set.keys[pos],
            index: pos + 1,
            row: case.row(),
            late: result.is_late(),
            id: result.id,
            status: result.status,
            met: result.met,
            alert: result.alert,
            paused: result.paused,
            within_limit: result.within_limit,
            error: result.error,
            error_field: result.error_field,
            warnings: result.warnings,
            elapsed,
            remaining,
            between,
            cells,
            steps,
        })
    }

    /// A kept case as the form fills in from it.
    pub fn case_input(&self, id: &str, key: Key) -> Result<CaseInput> {
        let i = self.index_of(id)?;
        let set = &self.sets[i];
        let pos = set.position(key).ok_or_else(|| super::edits::unknown_key(id, key))?;
        Ok(set.cases[pos].to_input(&self.strings))
    }

    /// The county ranking.
    pub fn ranking_view(&mut self) -> Result<RankingView> {
        let ranking = self.ranking_made()?;
        Ok(RankingView { ranked_indicators: ranking.first().map_or(0, |r| r.ranked_indicators), scoring: self.settings.scoring, ranking })
    }

    /// A chart of an indicator as SVG.
    pub fn chart(&mut self, kind: ChartKind, id: &str) -> Result<String> {
        let i = self.index_of(id)?;
        self.ensure(i)?;
        let ind = &self.catalog.indicators[i];
        let set = &self.sets[i];
        let eval = set.eval.as_ref().ok_or_else(|| Error::new(ErrorKind::Internal, "指标尚未计算", "the indicator is not evaluated"))?;
        let cases = eval
            .verdicts
            .iter()
            .map(|v| CasePoint { status: v.status, value: v.value(), elapsed: v.elapsed(), met: v.met, month: v.end().map(|s| s.written()).map(|at| (i32::from(at.year()), at.month() as u32)) })
            .collect();
        let data = ChartData {
            indicator_id: &ind.id,
            name_zh: &ind.name_zh,
            name_en: &ind.name_en,
            unit: ind.unit,
            unit_label_zh: ind.unit_label_zh.as_deref(),
            unit_label_en: ind.unit_label_en.as_deref(),
            target: ind.target,
            direction: ind.direction,
            method: ind.method,
            cases,
            counties: &eval.by_county,
            periods: &eval.summary.periods,
            series: &eval.summary.series,
        };
        chart_svg(kind, &data, self.lang)
    }

    /// Where the cases came from: the sample, the imports.
    pub fn sources(&self) -> SourceView {
        SourceView {
            provenance: self.provenance(),
            sample_cases: self.sets.iter().map(|s| s.cases.iter().filter(|c| c.sample).count()).sum(),
            cases: self.sets.iter().map(|s| s.cases.len()).sum(),
            imports: self
                .imports
                .iter()
                .map(|im| ImportView { import_id: im.id, file_name: im.file_name.clone(), sheet: im.meta.sheet.clone(), header_row: im.header_row, indicator_id: im.indicator.clone(), counts: im.counts, destinations: im.destinations.iter().map(|(id, rows)| DestinationRows { indicator_id: id.clone(), rows: *rows }).collect() })
                .collect(),
        }
    }

    /// An export: an indicator (cases with the computed columns, summary, counties, problems),
    /// the dashboard, or the ranking; as an .xlsx workbook, or its first sheet as CSV.
    pub fn export(&mut self, target: &ExportTarget, format: ExportFormat) -> Result<Vec<u8>> {
        if let (ExportTarget::Indicator(id), ExportFormat::Xlsx) = (target, format) {
            // The cases' sheet written as its rows are made: never the whole ledger as cells.
            let parts = self.indicator_export(id)?;
            let cases = self.case_cells(parts.indicator, &parts.columns)?;
            return export::write_xlsx_streamed(export::labels(self.lang).cases, &parts.headers, cases, &parts.others);
        }
        let sheets = self.export_sheets(target)?;
        match format {
            ExportFormat::Xlsx => export::write_xlsx(&sheets),
            ExportFormat::Csv => export::write_csv(sheets.first().ok_or_else(|| Error::new(ErrorKind::Internal, "没有可导出的表", "nothing to export"))?).map(String::into_bytes),
        }
    }

    /// An indicator's cases as CSV (the first sheet of its export), written to `out` row by row
    /// as they are made: the bytes of `export(Indicator(id), Csv)`, never the ledger as cells.
    pub fn export_csv_to(&mut self, id: &str, out: &mut dyn std::io::Write) -> Result<()> {
        let parts = self.indicator_export(id)?;
        let cases = self.case_cells(parts.indicator, &parts.columns)?;
        export::write_csv_rows(&parts.headers, cases, out)
    }

    /// The blank ledger template of an indicator (.xlsx): the headers the importer reads for
    /// its method, an example row, drop-downs for county and class, and a notes sheet.
    pub fn template(&self, id: &str) -> Result<Vec<u8>> {
        crate::report::template::ledger_template(&self.catalog, id, self.settings.recovery_method.as_str(), self.lang)
    }

    /// The sheets of an export, typed, before any file is written: what the page's core module
    /// hands the ledger module's .xlsx writer (`crate::ledger::transfer::encode_sheets`).
    pub fn export_sheets(&mut self, target: &ExportTarget) -> Result<Vec<Sheet>> {
        Ok(match target {
            ExportTarget::Indicator(id) => self.indicator_sheets(id)?,
            ExportTarget::Dashboard => vec![self.dashboard_sheet()?],
            ExportTarget::Ranking => vec![self.ranking_sheet()?],
        })
    }

    /// What the blank ledger template of an indicator holds, before it is written (as
    /// `export_sheets`, for the ledger module).
    pub fn template_book(&self, id: &str) -> Result<crate::report::template::TemplateBook> {
        crate::report::template::template_book(&self.catalog, id, self.settings.recovery_method.as_str(), self.lang)
    }

    fn indicator_sheets(&mut self, id: &str) -> Result<Vec<Sheet>> {
        let parts = self.indicator_export(id)?;
        let rows = self.case_cells(parts.indicator, &parts.columns)?.collect();
        let mut sheets = vec![Sheet { name: export::labels(self.lang).cases.to_string(), headers: parts.headers, rows }];
        sheets.extend(parts.others);
        Ok(sheets)
    }

    /// An indicator's export but its cases' rows.
    fn indicator_export(&mut self, id: &str) -> Result<IndicatorExport> {
        let i = self.index_of(id)?;
        self.ensure(i)?;
        let tables = method_tables()?;
        let lang = self.lang;
        let labels = export::labels(lang);
        let columns = self.situation_columns(i, ListKind::Export)?;
        let ind = &self.catalog.indicators[i];
        let eval = self.sets[i].eval.as_ref().ok_or_else(not_evaluated)?;
        let headers = columns.iter().map(|c| tables.column_label(c, ind).pick(lang)).collect();
        let name = label_of(lang, &ind.name_zh, &ind.name_en);
        let unit = label_of(lang, ind.unit_label_zh.as_deref().unwrap_or(""), ind.unit_label_en.as_deref().unwrap_or(""));
        let head = export::SummaryHead { id: &ind.id, name, unit, target: ind.target, decimals: unit_decimals(tables, ind).1 };
        let mut summary = export::summary_sheet(&head, &eval.summary, None, labels);
        summary.rows.extend(self.basis_rows(id));
        let counties = export::county_sheet(&eval.by_county, labels);
        // The problem rows of every import into this indicator.
        let imports: Vec<u32> = self.imports.iter().filter(|im| im.destinations.iter().any(|(d, _)| d == id)).map(|im| im.id).collect();
        let mut problems = Vec::new();
        for im in imports {
            let page = self.problems(im, 0, usize::MAX)?;
            problems.extend(page.rows);
        }
        Ok(IndicatorExport { indicator: i, columns, headers, others: vec![summary, counties, export::problem_sheet(problems.iter(), labels)] })
    }

    /// The cases of indicator `i` (evaluated) as rows of the export's `columns`, each made when
    /// it is asked for.
    fn case_cells<'a>(&'a self, i: usize, columns: &'a [String]) -> Result<impl ExactSizeIterator<Item = Vec<Out>> + 'a> {
        let tables = method_tables()?;
        let lang = self.lang;
        let ind = &self.catalog.indicators[i];
        let set = &self.sets[i];
        let eval = set.eval.as_ref().ok_or_else(not_evaluated)?;
        let ctx = self.engine.context(&self.catalog, ind)?;
        Ok(set.cases.iter().zip(&eval.verdicts).enumerate().map(move |(pos, (case, verdict))| {
            let result = case_result(ind, case, pos, &self.strings, &ctx, verdict, lang);
            let rc = RowContext { ind, tables, strings: &self.strings, case, verdict, result: &result, lang };
            columns
                .iter()
                .map(|c| {
                    let cell = rc.cell(c, &self.catalog);
                    match (c.as_str(), cell.v) {
                        // Times as Excel date-times, numbers rounded as the screen shows them.
                        ("start" | "end" | "deadline", Raw::Text(raw)) => Out::time(&raw),
                        (_, Raw::Number(x)) if !cell.t.is_empty() => Out::shown(Some(x), shown_decimals(&cell.t)),
                        (_, Raw::Number(x)) => Out::Number(x),
                        (_, Raw::None) => Out::Empty,
                        _ => Out::text(cell.t),
                    }
                })
                .collect()
        }))
    }

    /// What a figure rests on, for the 汇总 sheet: the plan, the evaluation instant, the office
    /// hours, the working-day length, the calendar additions and the data sources.
    fn basis_rows(&self, id: &str) -> Vec<Vec<Out>> {
        let en = self.lang == Lang::En;
        let s = &self.settings;
        let plan = &self.catalog.plan;
        let plan_name = match (en, &plan.name_en) {
            (true, Some(n)) => n.clone(),
            _ => plan.name_zh.clone(),
        };
        let plan_text = match &plan.document {
            Some(doc) => format!("{plan_name}（{doc}）"),
            None => plan_name,
        };
        let sessions = s.sessions.iter().map(|(a, b)| format!("{a}–{b}")).collect::<Vec<_>>().join(if en { ", " } else { "、" });
        // In the words of the printed report (工作日折算).
        let day_length = match s.hours_per_day {
            Some(h) => if en { format!("{} hours as one working day", crate::plan::fields::format_number(h)) } else { format!("以 {} 小时为 1 个工作日", crate::plan::fields::format_number(h)) },
            None => if en { "the office sessions' total as one working day".to_string() } else { "以各办公时段合计时长为 1 个工作日".to_string() },
        };
        let additions = if en {
            format!("{} days off and {} working days added; {} calendar files imported", s.holidays.len(), s.workdays.len(), s.calendar_csv.len())
        } else {
            format!("另设休息日 {} 天、工作日 {} 天；导入节假日安排文件 {} 个", s.holidays.len(), s.workdays.len(), s.calendar_csv.len())
        };
        let mut files: Vec<&str> = self.imports.iter().filter(|im| im.destinations.iter().any(|(d, _)| d == id)).map(|im| im.file_name.as_str()).collect();
        files.dedup();
        let sources = if files.is_empty() { if en { "entered in the page, or the sample".to_string() } else { "页面录入或示例数据".to_string() } } else { files.join(if en { ", " } else { "、" }) };
        let as_of = self.as_of().map_or_else(|| if en { "not set: open cases up to the time of export".to_string() } else { "未填写：未办结案件按导出时的当前时间计算".to_string() }, str::to_string);
        let labels = export::labels(self.lang);
        labels.basis.iter().zip([plan_text, as_of, sessions, day_length, additions, sources]).map(|(label, value)| vec![Out::text(*label), Out::text(value)]).collect()
    }

    fn dashboard_sheet(&mut self) -> Result<Sheet> {
        let view = self.dashboard()?;
        let lang = self.lang;
        let labels = export::labels(lang);
        let headers: Vec<String> = if lang == Lang::En {
            ["Indicator", "Name", "Unit", "Target", "Value", "Met", "Gap", "Cases", "Valid", "Invalid", "Open", "Late (incl. overdue)", "Share of cases met"].map(String::from).to_vec()
        } else {
            ["指标编号", "指标名称", "单位", "目标", "当前值", "是否达标", "差距", "案件数", "有效", "有误", "办理中", "未达标（含超期）", "个案达标率"].map(String::from).to_vec()
        };
        let rows = view
            .dashboard
            .indicators
            .iter()
            .map(|r| {
                vec![
                    Out::text(r.id.as_str()),
                    Out::text(label_of(lang, &r.name_zh, &r.name_en)),
                    Out::text(label_of(lang, r.unit_label_zh.as_deref().unwrap_or(""), r.unit_label_en.as_deref().unwrap_or(""))),
                    Out::number(r.target),
                    Out::shown(r.value, method_tables().map_or(2, |t| t.decimals(r.unit).1)),
                    export::met_label(labels, r.met),
                    Out::shown(r.gap, method_tables().map_or(2, |t| t.decimals(r.unit).1)),
                    Out::Number(r.count as f64),
                    Out::Number(r.valid as f64),
                    Out::Number(r.invalid as f64),
                    Out::Number(r.open as f64),
                    Out::Number(r.late as f64),
                    r.met_share.filter(|x| x.is_finite()).map_or(Out::Empty, Out::Percent),
                ]
            })
            .collect();
        Ok(Sheet { name: if lang == Lang::En { "Dashboard".into() } else { "总览".into() }, headers, rows })
    }

    fn ranking_sheet(&mut self) -> Result<Sheet> {
        let view = self.ranking_view()?;
        let lang = self.lang;
        let ranked: Vec<&Indicator> = self.catalog.indicators.iter().filter(|i| i.ranked()).collect();
        let mut headers: Vec<String> = if lang == Lang::En {
            ["Rank", "County", "Score", "Indicators with data", "Ranked indicators", "Own mean"].map(String::from).to_vec()
        } else {
            ["名次", "县区", "综合得分", "有数据的指标", "参与排名的指标", "自身平均"].map(String::from).to_vec()
        };
        headers.extend(ranked.iter().map(|i| format!("{} {}", i.id, label_of(lang, &i.name_zh, &i.name_en))));
        // Scores as the ranking page shows them (one decimal): the CSV says 77.0 where the screen does.
        const SCORE_DECIMALS: usize = 1;
        let rows = view
            .ranking
            .iter()
            .map(|r| {
                let mut row = vec![
                    Out::Number(r.rank as f64),
                    Out::text(r.county.as_str()),
                    Out::shown(Some(r.score), SCORE_DECIMALS),
                    Out::Number(r.indicators as f64),
                    Out::Number(r.ranked_indicators as f64),
                    Out::shown(Some(r.own_mean), SCORE_DECIMALS),
                ];
                row.extend(ranked.iter().map(|i| Out::shown(r.scores.get(&i.id).copied(), SCORE_DECIMALS)));
                row
            })
            .collect();
        Ok(Sheet { name: if lang == Lang::En { "Ranking".into() } else { "县区排名".into() }, headers, rows })
    }

    /// The catalogue with the field and method tables: everything the page needs to know of the
    /// plan, read by Rust and JS alike.
    pub fn catalog_view(&self) -> Result<CatalogView<'_>> {
        Ok(CatalogView { catalog: &self.catalog, fields: case_fields()?, methods: method_tables()? })
    }
}

/// The plan's knowledge as one object: the catalogue (indicators, topics, counties, classes),
/// the case fields, the method tables (form, table, export and ledger fields; units; columns).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogView<'a> {
    #[serde(flatten)]
    pub catalog: &'a crate::plan::catalog::Catalog,
    pub fields: &'a [CaseField],
    pub methods: &'a MethodTables,
}

/// An indicator's export but its cases' rows (made as they are written).
struct IndicatorExport {
    /// The indicator's position in the catalogue.
    indicator: usize,
    /// The cases' sheet's columns and their headers.
    columns: Vec<String>,
    headers: Vec<String>,
    /// The summary, county and problem sheets.
    others: Vec<Sheet>,
}

fn not_evaluated() -> Error {
    Error::new(ErrorKind::Internal, "指标尚未计算", "the indicator is not evaluated")
}
