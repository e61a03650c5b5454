//! Exports: sheets of typed values (`Sheet`), written as an .xlsx workbook (`xlsx`) or as CSV
//! (`csv`). An evaluated ledger exports as its cases with the computed columns (the source
//! columns first, when it came from a file), the summary, the counties and the problem rows.

mod csv;
#[cfg(feature = "files")]
mod xlsx;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Lang, Result};
use crate::evaluate::report::{Alert, CaseResult, CountyResult, Report, Status, Summary};
use crate::ledger::table::{Cell, Problem, Table};
use crate::ledger::RowCounts;

pub use self::csv::{write_csv, write_csv_rows};
#[cfg(feature = "files")]
pub use self::xlsx::{write_xlsx, write_xlsx_streamed};

/// Without the `files` feature (the page's core module) workbooks are written by the ledger
/// module: the sheets go there as bytes (`crate::ledger::transfer::encode_sheets`).
#[cfg(not(feature = "files"))]
pub fn write_xlsx(_sheets: &[Sheet]) -> Result<Vec<u8>> {
    Err(crate::ledger::transfer::ledger_module_needed())
}

/// As `write_xlsx`, without the `files` feature.
#[cfg(not(feature = "files"))]
pub fn write_xlsx_streamed<R: AsRef<[Out]>>(_name: &str, _headers: &[String], _rows: impl ExactSizeIterator<Item = R>, _rest: &[Sheet]) -> Result<Vec<u8>> {
    Err(crate::ledger::transfer::ledger_module_needed())
}

/// A cell value: text or a number (or nothing); a time, a number as shown on screen, or a share
/// (a fraction shown as a percentage), which Excel gets as typed values with their format.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Text(String),
    Number(f64),
    /// A time (or a date, when it has no time of day): an Excel date-time `yyyy-mm-dd hh:mm`.
    Time(jiff::civil::DateTime, TimeShown),
    /// A number as the screen shows it: rounded to `decimals`, written with that many.
    Shown { value: f64, decimals: u8 },
    /// A fraction shown as a percentage with one decimal (0.6 → 60.0 %).
    Percent(f64),
    Empty,
}

/// Whether a time is shown with its time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeShown {
    DateTime,
    Date,
}

impl Out {
    /// A time as the core writes it (`2023-10-09T09:15`, `2023-10-09`): a typed time, or the text
    /// as it is when it is none.
    pub fn time(text: &str) -> Out {
        if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
            return Out::Time(dt, TimeShown::DateTime);
        }
        match text.parse::<jiff::civil::Date>() {
            Ok(d) => Out::Time(d.to_datetime(jiff::civil::Time::midnight()), TimeShown::Date),
            Err(_) => Out::text(text),
        }
    }

    /// A number rounded as shown with `decimals` places.
    pub fn shown(x: Option<f64>, decimals: usize) -> Out {
        match x.filter(|x| x.is_finite()) {
            Some(value) => {
                let decimals = u8::try_from(decimals.min(10)).unwrap_or(10);
                let scale = 10f64.powi(i32::from(decimals));
                let rounded = (value * scale).round() / scale;
                Out::Shown { value: if rounded.is_finite() { rounded } else { value }, decimals }
            }
            None => Out::Empty,
        }
    }

    /// The cell as text, as a CSV holds it and as the screen shows it.
    pub fn display(&self) -> String {
        match self {
            Out::Text(s) => s.clone(),
            Out::Number(x) => format!("{x}"),
            Out::Time(dt, TimeShown::DateTime) => dt.strftime("%Y-%m-%d %H:%M").to_string(),
            Out::Time(dt, TimeShown::Date) => dt.strftime("%Y-%m-%d").to_string(),
            Out::Shown { value, decimals } => format!("{value:.*}", usize::from(*decimals)),
            Out::Percent(x) => format!("{:.1}%", x * 100.0),
            Out::Empty => String::new(),
        }
    }
    pub fn text(s: impl Into<String>) -> Out {
        let s = s.into();
        if s.is_empty() {
            Out::Empty
        } else {
            Out::Text(s)
        }
    }

    pub fn opt_text(s: Option<&str>) -> Out {
        s.map_or(Out::Empty, Out::text)
    }

    pub fn number(x: Option<f64>) -> Out {
        x.filter(|x| x.is_finite()).map_or(Out::Empty, Out::Number)
    }
}

/// One sheet: its name, its header row and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Out>>,
}

/// Every label of the exported files, in Chinese and English.
pub(crate) struct Labels {
    pub cases: &'static str,
    pub summary: &'static str,
    pub counties: &'static str,
    pub problems: &'static str,
    pub case_headers: [&'static str; 15],
    pub summary_rows: [&'static str; 22],
    pub county_headers: [&'static str; 8],
    pub problem_headers: [&'static str; 6],
    pub status: [&'static str; 3],
    pub alert: [&'static str; 3],
    pub met: [&'static str; 2],
    /// What a figure rests on, in the 汇总 sheet: plan, 评估时点, office hours, working-day
    /// length, calendar additions, data sources.
    pub basis: [&'static str; 6],
}

const ZH: Labels = Labels {
    cases: "案件明细",
    summary: "汇总",
    counties: "县区",
    problems: "问题行",
    case_headers: ["行号", "编号", "名称", "县区", "开始时间", "结束时间", "数值", "工作分钟", "停止计时分钟", "自然日", "期限", "状态", "预警", "是否达标", "问题说明"],
    summary_rows: [
        "指标编号", "指标名称", "单位", "目标", "当前值", "是否达标", "差距", "案件数", "有效", "有误", "办理中", "未达标（含超期）", "平均值", "中位数", "90分位", "最小值", "最大值", "个案达标率",
        "来源文件", "导入行数", "已计算行数", "问题行数",
    ],
    county_headers: ["县区", "案件数", "有效", "未达标", "当前值", "是否达标", "个案达标率", "距前沿分数"],
    problem_headers: ["工作表", "行号", "列", "列名", "值", "问题"],
    status: ["已办结", "办理中", "有误"],
    alert: ["正常", "预警", "超期"],
    met: ["达标", "未达标"],
    basis: ["方案", "评估时点", "办公时间", "工作日折算", "日历调整", "数据来源"],
};

const EN: Labels = Labels {
    cases: "Cases",
    summary: "Summary",
    counties: "Counties",
    problems: "Problems",
    case_headers: ["Row", "ID", "Name", "County", "Start", "End", "Value", "Working minutes", "Stopped minutes", "Calendar days", "Deadline", "Status", "Alert", "Met", "Problem"],
    summary_rows: [
        "Indicator", "Name", "Unit", "Target", "Value", "Met", "Gap", "Cases", "Valid", "Invalid", "Open", "Late (incl. overdue)", "Mean", "Median", "90th percentile", "Min", "Max", "Share of cases met",
        "Source file", "Rows in", "Rows evaluated", "Rows with problems",
    ],
    county_headers: ["County", "Cases", "Valid", "Late", "Value", "Met", "Share of cases met", "Distance-to-frontier score"],
    problem_headers: ["Sheet", "Row", "Column", "Header", "Value", "Problem"],
    status: ["closed", "open", "invalid"],
    alert: ["ok", "warning", "overdue"],
    met: ["met", "not met"],
    basis: ["Plan", "Evaluated as of", "Office hours", "Working day", "Calendar changes", "Data sources"],
};

pub(crate) fn labels(lang: Lang) -> &'static Labels {
    if lang == Lang::En {
        &EN
    } else {
        &ZH
    }
}

/// A plain decimal number written as text (`-2.5`, `52000`, `0.75`), as CSV ledgers hold them:
/// exported as a number, so that Excel sums it. Text that only looks numeric stays text: leading
/// zeros (codes such as `00123`), thousands separators, more than 15 significant digits.
///
/// ```
/// assert_eq!(bizenv::report::export::plain_number("-2.5"), Some(-2.5));
/// assert_eq!(bizenv::report::export::plain_number("00123"), None);
/// assert_eq!(bizenv::report::export::plain_number("2307-530302"), None);
/// ```
pub fn plain_number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && !(digits.contains('.') && frac.is_empty())
        && int.len() + frac.len() <= 15;
    if ok {
        s.parse().ok()
    } else {
        None
    }
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice).
///
/// ```
/// assert_eq!(bizenv::report::export::defuse("=1+1"), "'=1+1");
/// assert_eq!(bizenv::report::export::defuse("麒麟区"), "麒麟区");
/// ```
pub fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A cell of the imported ledger: numbers read from text become numbers again.
fn source_cell(cell: &Cell) -> Out {
    match cell {
        Cell::Empty => Out::Empty,
        Cell::Number(x) => Out::number(Some(*x)),
        Cell::Text(s) => plain_number(s).map_or_else(|| Out::text(s.as_str()), Out::Number),
    }
}

pub(crate) fn status_label(l: &Labels, s: Status) -> Out {
    Out::text(match s {
        Status::Closed => l.status[0],
        Status::Open => l.status[1],
        Status::Invalid => l.status[2],
    })
}

pub(crate) fn alert_label(l: &Labels, a: Option<Alert>) -> Out {
    match a {
        Some(Alert::Ok) => Out::text(l.alert[0]),
        Some(Alert::Warning) => Out::text(l.alert[1]),
        Some(Alert::Overdue) => Out::text(l.alert[2]),
        None => Out::Empty,
    }
}

pub(crate) fn met_label(l: &Labels, met: Option<bool>) -> Out {
    match met {
        Some(true) => Out::text(l.met[0]),
        Some(false) => Out::text(l.met[1]),
        None => Out::Empty,
    }
}

/// The computed columns of one evaluated case.
fn computed(c: &CaseResult, l: &Labels) -> [Out; 11] {
    [
        Out::opt_text(c.start.as_deref()),
        Out::opt_text(c.end.as_deref()),
        Out::number(c.value),
        Out::number(c.working_minutes),
        Out::number(c.stopped_minutes),
        Out::number(c.calendar_days),
        Out::opt_text(c.deadline.as_deref()),
        status_label(l, c.status),
        alert_label(l, c.alert),
        met_label(l, c.met),
        Out::opt_text(c.error.as_deref()),
    ]
}

/// An evaluated report with what it was read from: the ledger's table, the rows that could not
/// be read, the row accounting.
#[derive(Clone, Copy, Debug)]
pub struct LedgerExport<'a> {
    pub report: &'a Report,
    pub source: Option<&'a Table>,
    pub problems: &'a [Problem],
    pub counts: Option<RowCounts>,
}

impl<'a> LedgerExport<'a> {
    /// A report that came from no file.
    pub fn of(report: &'a Report) -> LedgerExport<'a> {
        LedgerExport { report, source: None, problems: &[], counts: None }
    }
}

/// The case table: the source columns (when the report came from a ledger), then computed ones.
///
/// A ledger gives back every data row it was read from, in its order: a row whose cells could not
/// be read has no case, and carries its problems instead, so that the exported ledger has as many
/// rows as the imported one. Cases without a source row (added after the import) come last.
fn case_sheet(input: &LedgerExport, l: &Labels) -> Sheet {
    let report = input.report;
    let source_columns: Vec<String> = input.source.map(|t| t.columns.iter().map(|c| c.header.clone()).collect()).unwrap_or_default();
    let mut headers = source_columns.clone();
    let computed_headers: Vec<&str> = if source_columns.is_empty() { l.case_headers.to_vec() } else { l.case_headers[4..].to_vec() };
    let unit = report.unit_label_zh.as_deref().unwrap_or("");
    headers.extend(computed_headers.iter().map(|h| if *h == l.case_headers[6] && !unit.is_empty() { format!("{h}（{unit}）") } else { h.to_string() }));
    let cases = &report.cases;
    let Some(source) = input.source.filter(|_| !source_columns.is_empty()) else {
        let rows = cases
            .iter()
            .map(|c| {
                let mut out = vec![Out::number(c.row.map(f64::from)), Out::text(c.id.as_str()), Out::opt_text(c.name.as_deref()), Out::opt_text(c.county.as_deref())];
                out.extend(computed(c, l));
                out
            })
            .collect();
        return Sheet { name: l.cases.to_string(), headers, rows };
    };
    let width = source_columns.len();
    let source_cells = |cells: Option<&Vec<Cell>>| -> Vec<Out> { (0..width).map(|i| cells.and_then(|cs| cs.get(i)).map_or(Out::Empty, source_cell)).collect() };
    let mut case_of_row: BTreeMap<u32, &CaseResult> = BTreeMap::new();
    for c in cases {
        if let Some(row) = c.row {
            case_of_row.entry(row).or_insert(c);
        }
    }
    let mut problems_of_row: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for p in input.problems {
        problems_of_row.entry(p.row).or_default().push(p.message.as_str());
    }
    let mut rows = Vec::with_capacity(source.rows.len());
    for row in &source.rows {
        let mut out = source_cells(Some(&row.cells));
        match case_of_row.remove(&row.row) {
            Some(c) => out.extend(computed(c, l)),
            None => {
                let messages = problems_of_row.get(&row.row).map_or(Out::Empty, |m| Out::text(m.join("；")));
                out.extend((0..7).map(|_| Out::Empty));
                out.extend([Out::text(l.status[2]), Out::Empty, Out::Empty, messages]);
            }
        }
        rows.push(out);
    }
    let sourced: BTreeSet<u32> = source.rows.iter().map(|r| r.row).collect();
    for c in cases.iter().filter(|c| c.row.map_or(true, |r| !sourced.contains(&r))) {
        let mut out = source_cells(None);
        out.extend(computed(c, l));
        rows.push(out);
    }
    Sheet { name: l.cases.to_string(), headers, rows }
}

/// What a summary sheet says about the indicator besides its summary.
pub(crate) struct SummaryHead<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    pub target: Option<f64>,
    /// The decimals the unit is shown with (values rounded to them, as on screen).
    pub decimals: usize,
}

/// The summary as two columns: label, value; with the file's accounting when it came from one.
pub(crate) fn summary_sheet(head: &SummaryHead, s: &Summary, file: Option<(&str, RowCounts)>, l: &Labels) -> Sheet {
    let mut values = vec![
        Out::text(head.id),
        Out::text(head.name),
        Out::text(head.unit),
        Out::number(head.target),
        Out::shown(s.value, head.decimals),
        met_label(l, s.met),
        Out::shown(s.gap, head.decimals),
        Out::Number(s.count as f64),
        Out::Number(s.valid as f64),
        Out::Number(s.invalid as f64),
        Out::Number(s.open as f64),
        Out::Number(s.late as f64),
        Out::shown(s.mean, head.decimals),
        Out::shown(s.median, head.decimals),
        Out::shown(s.p90, head.decimals),
        Out::shown(s.min, head.decimals),
        Out::shown(s.max, head.decimals),
        s.met_share.filter(|x| x.is_finite()).map_or(Out::Empty, Out::Percent),
    ];
    let mut labels_used = l.summary_rows[..18].to_vec();
    if let Some((name, c)) = file {
        values.extend([Out::text(name), Out::Number(c.rows_in as f64), Out::Number(c.evaluated as f64), Out::Number(c.with_problems as f64)]);
        labels_used.extend(&l.summary_rows[18..]);
    }
    let rows = labels_used.iter().zip(values).map(|(k, v)| vec![Out::text(*k), v]).collect();
    Sheet { name: l.summary.to_string(), headers: vec![String::new(), String::new()], rows }
}

/// The county table.
pub(crate) fn county_sheet(by_county: &[CountyResult], l: &Labels) -> Sheet {
    let rows = by_county
        .iter()
        .map(|c| {
            vec![
                Out::text(c.county.as_str()),
                Out::Number(c.count as f64),
                Out::Number(c.valid as f64),
                Out::Number(c.late as f64),
                Out::number(c.value),
                met_label(l, c.met),
                c.met_share.filter(|x| x.is_finite()).map_or(Out::Empty, Out::Percent),
                Out::shown(c.score, 1),
            ]
        })
        .collect();
    Sheet { name: l.counties.to_string(), headers: l.county_headers.iter().map(|s| s.to_string()).collect(), rows }
}

/// The rows that could not be used, and why.
pub(crate) fn problem_sheet<'p>(problems: impl Iterator<Item = &'p Problem>, l: &Labels) -> Sheet {
    let rows = problems
        .map(|p| {
            vec![
                Out::text(p.sheet.as_str()),
                Out::Number(f64::from(p.row)),
                Out::opt_text(p.column_letter.as_deref()),
                Out::opt_text(p.column.as_deref()),
                Out::opt_text(p.value.as_deref()),
                Out::text(p.message.as_str()),
            ]
        })
        .collect();
    Sheet { name: l.problems.to_string(), headers: l.problem_headers.iter().map(|s| s.to_string()).collect(), rows }
}

/// The evaluated report as an .xlsx workbook: cases, summary, counties and problem rows.
///
/// ```
/// use bizenv::{error::Lang, evaluate::{Calculator, EvaluateOptions}, report::export::{export_xlsx, LedgerExport}};
/// let cases = serde_json::json!([{"id": "=HYPERLINK(\"x\")", "start": "2023-07-14 09:00", "end": "2023-07-14 10:00"}]);
/// let report = Calculator::builtin().unwrap().evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
/// let bytes = export_xlsx(&LedgerExport::of(&report), Lang::Zh).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn export_xlsx(input: &LedgerExport, lang: Lang) -> Result<Vec<u8>> {
    let l = labels(lang);
    let r = input.report;
    let head = SummaryHead {
        id: &r.indicator_id,
        name: if lang == Lang::En { &r.name_en } else { &r.name_zh },
        unit: if lang == Lang::En { r.unit_label_en.as_deref().unwrap_or("") } else { r.unit_label_zh.as_deref().unwrap_or("") },
        target: r.target,
        decimals: crate::plan::fields::method_tables().map_or(2, |t| t.decimals(r.unit).1),
    };
    let file = input.counts.map(|c| (input.source.map_or("", |t| t.file_name.as_str()), c));
    let sheets = [case_sheet(input, l), summary_sheet(&head, &r.summary, file, l), county_sheet(&r.by_county, l), problem_sheet(input.problems.iter(), l)];
    write_xlsx(&sheets)
}

/// The case table as CSV: UTF-8 with BOM, CRLF, so that Excel opens it correctly.
pub fn export_csv(input: &LedgerExport, lang: Lang) -> Result<String> {
    write_csv(&case_sheet(input, labels(lang)))
}
