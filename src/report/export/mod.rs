//! Export of an evaluated ledger: an .xlsx workbook (cases with computed columns, summary,
//! counties, problem rows) and a CSV of the cases, UTF-8 with BOM so that Excel opens it.
//!
//! Reports are read as JSON, as `evaluate` and `evaluateTable` return them, so the page can hand
//! back exactly what it shows.

use std::collections::{BTreeMap, BTreeSet};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde_json::Value;

use crate::api::Lang;
use crate::error::{Error, ErrorKind, Result};

/// Every label of the exported files, in Chinese and English.
struct Labels {
    cases: &'static str,
    summary: &'static str,
    counties: &'static str,
    problems: &'static str,
    case_headers: [&'static str; 15],
    summary_rows: [&'static str; 22],
    county_headers: [&'static str; 8],
    problem_headers: [&'static str; 6],
    status: [&'static str; 3],
    alert: [&'static str; 3],
    met: [&'static str; 2],
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
};

fn labels(lang: Lang) -> &'static Labels {
    if lang == Lang::En {
        &EN
    } else {
        &ZH
    }
}

/// A cell value: text or a number (or nothing).
enum Out {
    Text(String),
    Number(f64),
    Empty,
}

fn text(v: &Value) -> Out {
    match v {
        Value::Null => Out::Empty,
        Value::String(s) if s.is_empty() => Out::Empty,
        Value::String(s) => Out::Text(s.clone()),
        Value::Number(n) => n.as_f64().map_or(Out::Empty, Out::Number),
        Value::Bool(b) => Out::Text(b.to_string()),
        other => Out::Text(other.to_string()),
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

/// A cell of the imported ledger: numbers read from text become numbers again.
fn source(v: &Value) -> Out {
    match v {
        Value::String(s) => plain_number(s).map_or_else(|| text(v), Out::Number),
        _ => text(v),
    }
}

fn number(v: &Value) -> Out {
    v.as_f64().map_or(Out::Empty, Out::Number)
}

fn pick(v: &Value, codes: [&str; 3], names: [&'static str; 3]) -> Out {
    v.as_str().and_then(|s| codes.iter().position(|c| *c == s)).and_then(|i| names.get(i)).map_or(Out::Empty, |s| Out::Text(s.to_string()))
}

fn met(v: &Value, l: &Labels) -> Out {
    match v.as_bool() {
        Some(true) => Out::Text(l.met[0].to_string()),
        Some(false) => Out::Text(l.met[1].to_string()),
        None => Out::Empty,
    }
}

/// The computed columns of one evaluated case.
fn computed(c: &Value, l: &Labels) -> [Out; 11] {
    [
        text(&c["start"]),
        text(&c["end"]),
        number(&c["value"]),
        number(&c["workingMinutes"]),
        number(&c["stoppedMinutes"]),
        number(&c["calendarDays"]),
        text(&c["deadline"]),
        pick(&c["status"], ["closed", "open", "invalid"], l.status),
        pick(&c["alert"], ["ok", "warning", "overdue"], l.alert),
        met(&c["met"], l),
        text(&c["error"]),
    ]
}

/// The case table: the source columns (when the report came from a ledger), then computed ones.
///
/// A ledger gives back every data row it was read from, in its order: a row whose cells could not
/// be read has no case, and carries its problems instead, so that the exported ledger has as many
/// rows as the imported one. Cases without a source row (added after the import) come last.
fn case_table(report: &Value, l: &Labels) -> (Vec<String>, Vec<Vec<Out>>) {
    let source_columns: Vec<String> = report["source"]["columns"].as_array().map(|cols| cols.iter().map(|c| c["header"].as_str().unwrap_or("").to_string()).collect()).unwrap_or_default();
    let source_rows: Vec<(u64, &Vec<Value>)> = report["source"]["rows"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| Some((r["row"].as_u64()?, r["cells"].as_array()?))).collect())
        .unwrap_or_default();
    let mut headers = source_columns.clone();
    let computed_headers: Vec<&str> = if source_columns.is_empty() { l.case_headers.to_vec() } else { l.case_headers[4..].to_vec() };
    let unit = report["unitLabelZh"].as_str().unwrap_or("");
    headers.extend(computed_headers.iter().map(|h| if *h == l.case_headers[6] && !unit.is_empty() { format!("{h}（{unit}）") } else { h.to_string() }));
    let empty = Vec::new();
    let cases = report["cases"].as_array().unwrap_or(&empty);
    if source_columns.is_empty() {
        let rows = cases
            .iter()
            .map(|c| {
                let mut out = vec![number(&c["row"]), text(&c["id"]), text(&c["name"]), text(&c["county"])];
                out.extend(computed(c, l));
                out
            })
            .collect();
        return (headers, rows);
    }
    let source_cells = |cells: Option<&Vec<Value>>| -> Vec<Out> { (0..source_columns.len()).map(|i| cells.and_then(|cs| cs.get(i)).map_or(Out::Empty, source)).collect() };
    let mut case_of_row: BTreeMap<u64, &Value> = BTreeMap::new();
    for c in cases {
        if let Some(row) = c["row"].as_u64() {
            case_of_row.entry(row).or_insert(c);
        }
    }
    let mut problems_of_row: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for p in report["problems"].as_array().unwrap_or(&empty) {
        if let (Some(row), Some(message)) = (p["row"].as_u64(), p["message"].as_str()) {
            problems_of_row.entry(row).or_default().push(message);
        }
    }
    let mut rows = Vec::with_capacity(source_rows.len());
    for (row, cells) in &source_rows {
        let mut out = source_cells(Some(cells));
        match case_of_row.remove(row) {
            Some(c) => out.extend(computed(c, l)),
            None => {
                let messages = problems_of_row.get(row).map_or(Out::Empty, |m| Out::Text(m.join("；")));
                out.extend((0..7).map(|_| Out::Empty));
                out.extend([Out::Text(l.status[2].to_string()), Out::Empty, Out::Empty, messages]);
            }
        }
        rows.push(out);
    }
    let sourced: BTreeSet<u64> = source_rows.iter().map(|(r, _)| *r).collect();
    for c in cases.iter().filter(|c| c["row"].as_u64().map_or(true, |r| !sourced.contains(&r))) {
        let mut out = source_cells(None);
        out.extend(computed(c, l));
        rows.push(out);
    }
    (headers, rows)
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::new(ErrorKind::Case, format!("生成 Excel 文件失败：{e}"), format!("could not write the Excel file: {e}"))
}

fn write_row(ws: &mut Worksheet, row: u32, cells: &[Out], numbers: &Format) -> std::result::Result<(), XlsxError> {
    for (i, cell) in cells.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        match cell {
            // write_string stores text as text: a leading = + - @ is never run as a formula.
            // Excel holds at most 32 767 characters in a cell: longer text is cut, and says so.
            Out::Text(s) if s.len() > 32_767 && s.chars().count() > 32_767 => {
                let cut: String = s.chars().take(32_700).collect();
                ws.write_string(row, col, format!("{cut}…（已截断 / cut）"))?;
            }
            Out::Text(s) => drop(ws.write_string(row, col, s)?),
            Out::Number(x) => drop(ws.write_number_with_format(row, col, *x, numbers)?),
            Out::Empty => {}
        }
    }
    Ok(())
}

fn write_sheet(wb: &mut Workbook, name: &str, headers: &[String], rows: &[Vec<Out>]) -> std::result::Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    let numbers = Format::new().set_num_format("0.####");
    let ws = wb.add_worksheet().set_name(name)?;
    for (i, h) in headers.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, col, h, &bold)?;
        ws.set_column_width(col, (h.chars().count() as f64 * 2.2).clamp(10.0, 40.0))?;
    }
    for (r, cells) in rows.iter().enumerate() {
        write_row(ws, u32::try_from(r + 1).unwrap_or(u32::MAX), cells, &numbers)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        ws.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX), u16::try_from(headers.len() - 1).unwrap_or(0))?;
    }
    Ok(())
}

/// The evaluated report as an .xlsx workbook: cases, summary, counties and problem rows.
///
/// ```
/// use bizenv::{api::Lang, evaluate::{Calculator, EvaluateOptions}, report::export::export_xlsx};
/// let cases = serde_json::json!([{"id": "=HYPERLINK(\"x\")", "start": "2023-07-14 09:00", "end": "2023-07-14 10:00"}]);
/// let report = Calculator::builtin().unwrap().evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
/// let bytes = export_xlsx(&serde_json::to_value(&report).unwrap(), Lang::Zh).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn export_xlsx(report: &Value, lang: Lang) -> Result<Vec<u8>> {
    let l = labels(lang);
    let mut wb = Workbook::new();
    let (headers, rows) = case_table(report, l);
    if headers.len() > 16_384 {
        return Err(Error::new(
            ErrorKind::Range,
            format!("案件表有 {} 列，超过了 Excel 的上限 16384 列：请改为导出 CSV", headers.len()),
            format!("the case table has {} columns, more than Excel's 16 384: export it as CSV instead", headers.len()),
        ));
    }
    if rows.len() >= 1_048_576 {
        return Err(Error::new(
            ErrorKind::Range,
            format!("案件表有 {} 行，超过了 Excel 的上限 1048575 行：请改为导出 CSV", rows.len()),
            format!("the case table has {} rows, more than Excel's 1 048 575: export it as CSV instead", rows.len()),
        ));
    }
    write_sheet(&mut wb, l.cases, &headers, &rows).map_err(xlsx_error)?;
    let s = &report["summary"];
    let name = if lang == Lang::En { &report["nameEn"] } else { &report["nameZh"] };
    let unit = if lang == Lang::En { &report["unitLabelEn"] } else { &report["unitLabelZh"] };
    let mut values = vec![
        text(&report["indicatorId"]),
        text(name),
        text(unit),
        number(&report["target"]),
        number(&s["value"]),
        met(&s["met"], l),
        number(&s["gap"]),
        number(&s["count"]),
        number(&s["valid"]),
        number(&s["invalid"]),
        number(&s["open"]),
        number(&s["late"]),
        number(&s["mean"]),
        number(&s["median"]),
        number(&s["p90"]),
        number(&s["min"]),
        number(&s["max"]),
        number(&s["metShare"]),
    ];
    let mut labels_used = l.summary_rows[..18].to_vec();
    if report.get("counts").is_some() {
        values.extend([text(&report["source"]["fileName"]), number(&report["counts"]["rowsIn"]), number(&report["counts"]["evaluated"]), number(&report["counts"]["withProblems"])]);
        labels_used.extend(&l.summary_rows[18..]);
    }
    let summary_rows: Vec<Vec<Out>> = labels_used.iter().zip(values).map(|(k, v)| vec![Out::Text(k.to_string()), v]).collect();
    let two = [String::new(), String::new()];
    write_sheet(&mut wb, l.summary, &two, &summary_rows).map_err(xlsx_error)?;
    let empty = Vec::new();
    let county_rows: Vec<Vec<Out>> = report["byCounty"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|c| vec![text(&c["county"]), number(&c["count"]), number(&c["valid"]), number(&c["late"]), number(&c["value"]), met(&c["met"], l), number(&c["metShare"]), number(&c["score"])])
        .collect();
    let county_headers: Vec<String> = l.county_headers.iter().map(|s| s.to_string()).collect();
    write_sheet(&mut wb, l.counties, &county_headers, &county_rows).map_err(xlsx_error)?;
    let problem_rows: Vec<Vec<Out>> = report["problems"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|p| vec![text(&p["sheet"]), number(&p["row"]), text(&p["columnLetter"]), text(&p["column"]), text(&p["value"]), text(&p["message"])])
        .collect();
    let problem_headers: Vec<String> = l.problem_headers.iter().map(|s| s.to_string()).collect();
    write_sheet(&mut wb, l.problems, &problem_headers, &problem_rows).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
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

/// The case table as CSV: UTF-8 with BOM, CRLF, so that Excel opens it correctly.
pub fn export_csv(report: &Value, lang: Lang) -> Result<String> {
    let (headers, rows) = case_table(report, labels(lang));
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let fail = |e: csv::Error| Error::new(ErrorKind::Case, format!("生成 CSV 失败：{e}"), format!("could not write the CSV: {e}"));
    w.write_record(headers.iter().map(|h| defuse(h))).map_err(fail)?;
    for row in rows {
        w.write_record(row.iter().map(|c| match c {
            Out::Text(s) => defuse(s),
            Out::Number(x) => format!("{x}"),
            Out::Empty => String::new(),
        }))
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::new(ErrorKind::Case, format!("生成 CSV 失败：{e}"), format!("could not write the CSV: {e}")))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
