//! Ledger import: .xlsx and CSV (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030; comma, tab or
//! semicolon), with every data row either turned into a case or listed as a problem with its
//! sheet, row, column and value. (The project's own JSON is read by `project::load_project`.)

use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::OnceLock;

use calamine::{Data, Reader, Xlsx};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::api::Lang;
use crate::cases::{FieldRange, Num};
use crate::error::{Error, ErrorKind, Result};
use crate::parse::{parse_input, Field, TimeInput};

const CASE_FIELDS_JSON: &str = include_str!("../data/case-fields.json");

/// How a case field's cells are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Time,
    Number,
    Text,
}

/// A case field a column can be mapped to, with the header names source systems use for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseField {
    pub field: String,
    pub kind: FieldKind,
    pub zh: String,
    pub en: String,
    pub synonyms: Vec<String>,
    /// The valid values of a number field; an indicator may narrow them (catalogue `fieldRanges`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<FieldRange>,
}

/// The synonym table (`data/case-fields.json`).
pub fn case_fields() -> &'static [CaseField] {
    static FIELDS: OnceLock<Vec<CaseField>> = OnceLock::new();
    // Validated by the test suite; an empty table only disables automatic mapping.
    FIELDS.get_or_init(|| serde_json::from_str(CASE_FIELDS_JSON).unwrap_or_default())
}

fn field_meta(name: &str) -> Option<&'static CaseField> {
    case_fields().iter().find(|f| f.field == name)
}

/// A cell as read: text, a number, or an Excel date-time serial.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }

    /// The cell as it would read in the sheet, for messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(x) => format_number(*x),
            Cell::Text(s) => s.clone(),
        }
    }
}

fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// One column of the table and the case field it is mapped to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    pub index: usize,
    /// The column letter as Excel shows it (A, B, … AA).
    pub letter: String,
    pub header: String,
    pub field: Option<String>,
}

/// One data row: its number as Excel shows it, and its cells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub row: u32,
    pub cells: Vec<Cell>,
}

/// A row that could not be used, and why, in words an official can act on.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub sheet: String,
    pub row: u32,
    pub column: Option<String>,
    pub column_letter: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

/// What `parseTable` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub file_name: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    /// `xlsx`, `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030` or `json`.
    pub encoding: String,
    pub delimiter: Option<String>,
    /// Excel row number of the (last) header row.
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Rows with nothing in them, skipped (not data rows).
    pub blank_rows: usize,
}

/// Options of `parseTable`: which sheet, which header row, and corrections to the mapping.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TableOptions {
    /// Sheet name, or its position from 0.
    pub sheet: Option<SheetChoice>,
    /// Excel row number of the header row; detected when absent.
    pub header_row: Option<u32>,
    /// Header text or column letter → case field (`""` or `null` to unmap).
    pub mapping: BTreeMap<String, Option<String>>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum SheetChoice {
    Index(usize),
    Name(String),
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
///
/// ```
/// assert_eq!(bizenv::import::column_letter(0), "A");
/// assert_eq!(bizenv::import::column_letter(27), "AB");
/// ```
pub fn column_letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Reads a table from a file's bytes; the kind is told by the name and the content.
pub fn parse_table(bytes: &[u8], file_name: &str, options: &TableOptions) -> Result<Table> {
    let lower = file_name.to_lowercase();
    let (sheets, sheet, encoding, delimiter, grid, merges) = if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        let (sheets, sheet, grid, merges) = read_xlsx(bytes, options)?;
        (sheets, sheet, "xlsx".to_string(), None, grid, merges)
    } else if lower.ends_with(".json") {
        return Err(Error::new(
            ErrorKind::Parse,
            "JSON 文件是项目文件：请用“打开项目”打开，而不是作为台账导入",
            "a JSON file is a project file: open it with Open project rather than importing it as a ledger",
        ));
    } else if lower.ends_with(".xls") && bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::new(
            ErrorKind::Parse,
            "不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入",
            "old .xls files are not supported: save the file as .xlsx or CSV in Excel or WPS, then import it",
        ));
    } else {
        let (text, encoding) = decode_text(bytes);
        let delimiter = sniff_delimiter(&text);
        let grid = read_csv(&text, delimiter)?;
        let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).to_string();
        (vec![name.clone()], name, encoding.to_string(), Some((delimiter as char).to_string()), grid, Vec::new())
    };
    build_table(file_name, sheets, sheet, encoding, delimiter, grid, &merges, options)
}

/// Text in whatever encoding Excel, WPS or a platform wrote it in.
///
/// ```
/// let gbk = [0xD2, 0xB5, 0xCE, 0xF1]; // 业务 in GBK
/// assert_eq!(bizenv::import::decode_text(&gbk), ("业务".to_string(), "gb18030"));
/// assert_eq!(bizenv::import::decode_text("\u{feff}a".as_bytes()), ("a".to_string(), "utf-8-bom"));
/// ```
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "utf-8-bom");
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0.into_owned(), "utf-16le");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return (encoding_rs::UTF_16BE.decode_with_bom_removal(bytes).0.into_owned(), "utf-16be");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "utf-8"),
        // Not UTF-8: in a Chinese office that is GBK, of which GB18030 is the superset.
        Err(_) => (encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(), "gb18030"),
    }
}

/// The separator that splits the first lines most consistently into more than one field.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let mut best = (b',', 0usize);
    for d in [b',', b'\t', b';'] {
        let counts: Vec<usize> = lines.iter().map(|l| l.bytes().filter(|b| *b == d).count()).collect();
        let Some(&max) = counts.iter().max() else { continue };
        // Rows that have the separator at the maximal count: robust to a title line without any.
        let consistent = counts.iter().filter(|c| **c == max && max > 0).count() * max;
        if consistent > best.1 {
            best = (d, consistent);
        }
    }
    best.0
}

type Grid = Vec<(u32, Vec<Cell>)>;

fn read_csv(text: &str, delimiter: u8) -> Result<Grid> {
    // Line numbers from byte offsets: the csv reader skips empty lines, which Excel still counts.
    let newlines: Vec<usize> = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect();
    let bytes = text.as_bytes();
    let line_of = |byte: u64| {
        // A record's position can point at the empty lines before it; its line is where it starts.
        let mut b = byte as usize;
        while matches!(bytes.get(b), Some(b'\r' | b'\n')) {
            b += 1;
        }
        newlines.partition_point(|&nl| nl < b) as u32 + 1
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_of(p.byte()));
            Error::new(ErrorKind::Parse, format!("CSV 第 {line} 行无法读取：{e}"), format!("CSV line {line} cannot be read: {e}"))
        })?;
        let line = record.position().map_or(grid.len() as u32 + 1, |p| line_of(p.byte()));
        let cells = record.iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.trim().to_string()) }).collect();
        grid.push((line, cells));
    }
    // Empty lines become empty rows, so that they are counted as blank like in a sheet.
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            grid.push((i as u32 + 1, Vec::new()));
        }
    }
    grid.sort_by_key(|(line, _)| *line);
    Ok(grid)
}

type Merges = Vec<calamine::Dimensions>;

fn read_xlsx(bytes: &[u8], options: &TableOptions) -> Result<(Vec<String>, String, Grid, Merges)> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::new(ErrorKind::Parse, format!("无法读取 Excel 文件：{e}；请确认是 .xlsx 文件且未加密"), format!("cannot read the Excel file: {e}; check that it is an unencrypted .xlsx file"))
    };
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let sheets = wb.sheet_names();
    let sheet = match &options.sheet {
        None => sheets.first().cloned(),
        Some(SheetChoice::Index(i)) => sheets.get(*i).cloned(),
        Some(SheetChoice::Name(n)) => sheets.iter().find(|s| *s == n).cloned(),
    }
    .ok_or_else(|| {
        let wanted = match &options.sheet {
            Some(SheetChoice::Index(i)) => format!("第 {} 个", i + 1),
            Some(SheetChoice::Name(n)) => format!("「{n}」"),
            None => String::new(),
        };
        Error::new(
            ErrorKind::Parse,
            format!("找不到工作表{wanted}：文件中的工作表为 {}", sheets.join("、")),
            format!("no sheet {wanted}: the file's sheets are {}", sheets.join(", ")),
        )
        .with_field("sheet")
    })?;
    let range = wb.worksheet_range(&sheet).map_err(|e| unreadable(&e))?;
    let merges = wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut grid = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        let mut row = vec![Cell::Empty; col0 as usize];
        row.extend(cells.iter().map(cell_of));
        grid.push((row0 + i as u32 + 1, row));
    }
    Ok((sheets, sheet, grid, merges))
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(x) => Cell::Number(*x),
        // Written out as text so that the 1904 date system needs no care downstream; a whole
        // serial is a date without a time, as Excel stores a date-only cell.
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.as_f64().fract() == 0.0 {
                Cell::Text(format!("{y:04}-{mo:02}-{d:02}"))
            } else {
                Cell::Text(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"))
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.trim().to_string()) },
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// A cell that is a value, not a column name: a number, or text that reads as one or as a date.
fn is_data(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => false,
        Cell::Number(_) => true,
        Cell::Text(s) => s.trim().parse::<f64>().is_ok() || crate::parse::parse_moment(Field::DATE, s).is_ok(),
    }
}

/// Header text reduced to what identifies it: no spaces, half-width brackets, no unit suffix.
fn normalize_header(h: &str) -> String {
    let mut s: String = h.chars().filter(|c| !c.is_whitespace()).map(|c| match c {
        '（' => '(',
        '）' => ')',
        _ => c,
    }).collect();
    if let Some(i) = s.find('(') {
        if s.ends_with(')') && i > 0 {
            s.truncate(i);
        }
    }
    s.trim_end_matches(['*', ':', '：']).to_lowercase()
}

/// The field a header names: exact synonym first, then the longest synonym it contains.
fn match_header(header: &str) -> Option<&'static str> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    for f in case_fields() {
        if f.field.to_lowercase() == h || f.synonyms.iter().any(|s| normalize_header(s) == h) {
            return Some(f.field.as_str());
        }
    }
    let mut best: Option<(&'static str, usize)> = None;
    for f in case_fields() {
        for s in &f.synonyms {
            let s = normalize_header(s);
            if s.chars().count() >= 2 && h.contains(&s) && best.map_or(true, |(_, len)| s.len() > len) {
                best = Some((f.field.as_str(), s.len()));
            }
        }
    }
    best.map(|(f, _)| f)
}

#[allow(clippy::too_many_arguments)]
fn build_table(file_name: &str, sheets: Vec<String>, sheet: String, encoding: String, delimiter: Option<String>, grid: Grid, merges: &Merges, options: &TableOptions) -> Result<Table> {
    let non_empty = |cells: &[Cell]| cells.iter().filter(|c| !c.is_empty()).count();
    // The header is the row among the first 20 that names most known fields; failing that, the
    // first with two or more cells (a merged title row above it has only one). A header names
    // each field once and holds no numbers or dates: a row of notes or messages that mention
    // 受理时间 twice, or a data row that quotes a column name, is not one.
    let header_index = match options.header_row {
        Some(r) => grid.iter().position(|(row, _)| *row == r).ok_or_else(|| {
            Error::new(ErrorKind::Parse, format!("表头行 {r} 不在表格范围内"), format!("header row {r} is outside the table")).with_field("headerRow")
        })?,
        None => {
            let score = |cells: &[Cell]| {
                if cells.iter().any(is_data) {
                    return 0;
                }
                let mut named: Vec<&str> = cells.iter().filter_map(|c| match_header(&c.display())).collect();
                named.sort_unstable();
                named.dedup();
                named.len()
            };
            let scored = grid.iter().take(20).enumerate().map(|(i, (_, cells))| (i, score(cells)));
            match scored.max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i))) {
                Some((i, n)) if n > 0 => i,
                _ => grid.iter().position(|(_, cells)| non_empty(cells) >= 2).ok_or_else(|| {
                    Error::new(ErrorKind::Parse, "表格中没有找到表头行：至少需要一行包含两个以上的列名", "no header row found: a row with at least two column names is needed")
                })?,
            }
        }
    };
    let Some((header_row, header_cells)) = grid.get(header_index) else {
        return Err(Error::new(ErrorKind::Parse, "表格是空的", "the table is empty"));
    };
    let mut headers: Vec<String> = header_cells.iter().map(Cell::display).collect();
    let mut last_header_row = *header_row;
    let mut data_start = header_index + 1;
    // A header cell merged across columns (办理时间 over 开始 | 结束) takes the row below as sub-headers.
    let header_r0 = header_row.saturating_sub(1);
    let spanning: Vec<&calamine::Dimensions> = merges.iter().filter(|m| m.start.0 == header_r0 && m.end.1 > m.start.1).collect();
    if !spanning.is_empty() {
        if let Some((sub_row, sub_cells)) = grid.get(header_index + 1) {
            let width = headers.len().max(sub_cells.len());
            headers.resize(width, String::new());
            for m in &spanning {
                let top = headers.get(m.start.1 as usize).cloned().unwrap_or_default();
                for c in m.start.1..=m.end.1 {
                    let sub = sub_cells.get(c as usize).map(Cell::display).unwrap_or_default();
                    if let Some(h) = headers.get_mut(c as usize) {
                        *h = if sub.is_empty() { top.clone() } else { format!("{top}{sub}") };
                    }
                }
            }
            for (c, h) in headers.iter_mut().enumerate() {
                if h.is_empty() {
                    *h = sub_cells.get(c).map(Cell::display).unwrap_or_default();
                }
            }
            last_header_row = *sub_row;
            data_start += 1;
        }
    }
    let width = grid.iter().skip(data_start).map(|(_, c)| c.len()).max().unwrap_or(0).max(headers.len());
    headers.resize(width, String::new());
    let mut columns: Vec<Column> = headers.iter().enumerate().map(|(index, header)| Column { index, letter: column_letter(index), header: header.clone(), field: None }).collect();
    let mut taken: Vec<&str> = Vec::new();
    for col in columns.iter_mut() {
        if let Some(f) = match_header(&col.header).filter(|f| !taken.contains(f)) {
            taken.push(f);
            col.field = Some(f.to_string());
        }
    }
    for (key, field) in &options.mapping {
        let field = field.as_deref().filter(|f| !f.is_empty());
        if let Some(f) = field {
            if field_meta(f).is_none() {
                let all: Vec<&str> = case_fields().iter().map(|f| f.field.as_str()).collect();
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!("列映射中的字段「{f}」不存在：可用字段为 {}", all.join("、")),
                    format!("mapping names an unknown field \"{f}\": the fields are {}", all.join(", ")),
                )
                .with_field("mapping"));
            }
        }
        let target = columns.iter().position(|c| &c.letter == key || &c.header == key).ok_or_else(|| {
            Error::new(ErrorKind::Parse, format!("列映射中的列「{key}」不在表头中"), format!("mapping names a column \"{key}\" that is not in the header")).with_field("mapping")
        })?;
        // A field mapped by hand leaves the column it was on automatically.
        if let Some(f) = field {
            for c in columns.iter_mut() {
                if c.field.as_deref() == Some(f) {
                    c.field = None;
                }
            }
        }
        if let Some(c) = columns.get_mut(target) {
            c.field = field.map(str::to_string);
        }
    }
    let mut rows = Vec::new();
    let mut blank_rows = 0;
    for (row, mut cells) in grid.into_iter().skip(data_start) {
        if non_empty(&cells) == 0 {
            blank_rows += 1;
            continue;
        }
        cells.resize(width, Cell::Empty);
        rows.push(Row { row, cells });
    }
    Ok(Table { file_name: file_name.to_string(), sheets, sheet, encoding, delimiter, header_row: last_header_row, columns, rows, blank_rows })
}

/// Turns table rows into cases (JSON objects with `row`), collecting problems for cells that
/// cannot be read. A row with a problem is not turned into a case.
pub fn rows_to_cases(table: &Table, lang: Lang) -> (Vec<Value>, Vec<Problem>) {
    let mapped: Vec<(&Column, &'static CaseField)> = table.columns.iter().filter_map(|c| Some((c, field_meta(c.field.as_deref()?)?))).collect();
    let mut cases = Vec::with_capacity(table.rows.len());
    let mut problems = Vec::new();
    for row in &table.rows {
        let mut case = Map::new();
        let mut stop = Map::new();
        let mut row_ok = true;
        case.insert("row".into(), json!(row.row));
        for (col, meta) in &mapped {
            let Some(cell) = row.cells.get(col.index) else { continue };
            if cell.is_empty() {
                continue;
            }
            let value = match read_cell(cell, meta) {
                Ok(v) => v,
                Err(e) => {
                    row_ok = false;
                    problems.push(Problem {
                        sheet: table.sheet.clone(),
                        row: row.row,
                        column: Some(col.header.clone()),
                        column_letter: Some(col.letter.clone()),
                        value: Some(cell.display()),
                        message: lang.error(&e),
                    });
                    continue;
                }
            };
            match meta.field.as_str() {
                "stopStart" => drop(stop.insert("start".into(), value)),
                "stopEnd" => drop(stop.insert("end".into(), value)),
                "stopReason" => drop(stop.insert("reason".into(), value)),
                f => drop(case.insert(f.to_string(), value)),
            }
        }
        if !stop.is_empty() {
            case.insert("stops".into(), Value::Array(vec![Value::Object(stop)]));
        }
        if row_ok {
            cases.push(Value::Object(case));
        }
    }
    (cases, problems)
}

fn read_cell(cell: &Cell, meta: &CaseField) -> Result<Value> {
    let field = Field { zh: leak_free_label(&meta.zh), en: leak_free_label(&meta.en), key: "" };
    match (meta.kind, cell) {
        (FieldKind::Time, Cell::Number(x)) => {
            parse_input(field, &TimeInput::Serial(*x))?;
            Ok(json!(x))
        }
        (FieldKind::Time, c) => {
            let text = c.display();
            parse_input(field, &TimeInput::Text(text.clone()))?;
            Ok(Value::String(text))
        }
        (FieldKind::Number, Cell::Number(x)) => Ok(json!(x)),
        (FieldKind::Number, c) => {
            let x = Num::Text(c.display()).value(&meta.zh, &meta.en)?;
            Ok(json!(x))
        }
        (FieldKind::Text, c) => Ok(Value::String(c.display())),
    }
}

/// Field labels for parse messages: the table's labels are static data, matched here.
fn leak_free_label(label: &str) -> &'static str {
    case_fields().iter().find_map(|f| if f.zh == label { Some(f.zh.as_str()) } else if f.en == label { Some(f.en.as_str()) } else { None }).unwrap_or("")
}

/// The column a case field was read from, for problems reported after evaluation.
pub fn column_of<'a>(table: &'a Table, field: &str) -> Option<&'a Column> {
    table.columns.iter().find(|c| c.field.as_deref() == Some(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonym_table_is_valid() {
        let fields = case_fields();
        assert!(fields.len() >= 20);
        let mut seen = std::collections::BTreeSet::new();
        for f in fields {
            for s in &f.synonyms {
                assert!(seen.insert(normalize_header(s)), "synonym {s} appears twice");
            }
        }
    }

    #[test]
    fn headers_match_by_synonym() {
        assert_eq!(match_header("受理时间"), Some("start"));
        assert_eq!(match_header(" 办结时间 "), Some("end"));
        assert_eq!(match_header("所属县区"), Some("county"));
        assert_eq!(match_header("总投资（万元）"), Some("base"));
        assert_eq!(match_header("项目名称"), Some("name"));
        assert_eq!(match_header("装表接电时间"), Some("end"));
        assert_eq!(match_header("start"), Some("start"));
        assert_eq!(match_header("实际受理时间"), Some("start"));
        assert_eq!(match_header("联系电话"), None);
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("标题\na\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b\n1;2\n"), b';');
    }

    #[test]
    fn csv_rows_keep_their_line_numbers_and_blank_rows_are_counted() {
        let text = "2023年企业开办台账\n编号,受理时间,办结时间,所属县区\nA1,2023-07-14 09:00,2023-07-14 11:00,麒麟区\n,,,\n\nA2,2023/7/14 9:00,yesterday,\n";
        let t = parse_table(text.as_bytes(), "ledger.csv", &TableOptions::default()).unwrap();
        assert_eq!(t.header_row, 2);
        assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![3, 6]);
        assert_eq!(t.blank_rows, 2); // ",,," and the empty line
        let fields: Vec<Option<&str>> = t.columns.iter().map(|c| c.field.as_deref()).collect();
        assert_eq!(fields, vec![Some("id"), Some("start"), Some("end"), Some("county")]);
        let (cases, problems) = rows_to_cases(&t, Lang::Zh);
        assert_eq!(cases.len(), 1);
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!((p.row, p.column.as_deref(), p.column_letter.as_deref(), p.value.as_deref()), (6, Some("办结时间"), Some("C"), Some("yesterday")));
        assert!(p.message.contains("应为日期或日期时间"), "{}", p.message);
    }

    #[test]
    fn header_is_not_a_row_of_values_or_notes() {
        // A notes sheet: row 3 mentions the start field twice, row 1 names one field once.
        let notes = "项目,说明\n数据来源,营销系统导出\n受理申请时间,营销系统工单受理时间\n";
        assert_eq!(parse_table(notes.as_bytes(), "n.csv", &TableOptions::default()).unwrap().header_row, 1);
        // A problems list: its rows quote column names, but hold numbers and dates.
        let problems = "工作表,行号,列名,值\nA,11,办结时间,2023-08-05 10:00\nA,15,受理时间,\n";
        assert_eq!(parse_table(problems.as_bytes(), "p.csv", &TableOptions::default()).unwrap().header_row, 1);
    }

    #[test]
    fn mapping_can_be_corrected() {
        let text = "编号,时间一,时间二\nA,2023-07-14 09:00,2023-07-14 10:00\n";
        let mut opts = TableOptions::default();
        opts.mapping.insert("B".into(), Some("start".into()));
        opts.mapping.insert("时间二".into(), Some("end".into()));
        let t = parse_table(text.as_bytes(), "x.csv", &opts).unwrap();
        let (cases, _) = rows_to_cases(&t, Lang::Zh);
        assert_eq!(cases[0]["start"], "2023-07-14 09:00");
        assert_eq!(cases[0]["end"], "2023-07-14 10:00");
        opts.mapping.insert("B".into(), Some("nonsense".into()));
        assert!(parse_table(text.as_bytes(), "x.csv", &opts).is_err());
    }

    #[test]
    fn gbk_and_utf16_are_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("编号,受理时间\nA,2023-07-14\n");
        let t = parse_table(&gbk, "gbk.csv", &TableOptions::default()).unwrap();
        assert_eq!((t.encoding.as_str(), t.columns[1].field.as_deref()), ("gb18030", Some("start")));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "编号\t受理时间\r\nA\t2023-07-14\r\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let t = parse_table(&utf16, "export.txt", &TableOptions::default()).unwrap();
        assert_eq!((t.encoding.as_str(), t.delimiter.as_deref(), t.rows.len()), ("utf-16le", Some("\t"), 1));
    }

    #[test]
    fn garbage_never_panics() {
        for bytes in [&b""[..], b"PK\x03\x04garbage", b"\xff\xfe\x00", b"\"unterminated,quote\n", b",,,\n,,,", b"\xD0\xCF\x11\xE0"] {
            let _ = parse_table(bytes, "f.xlsx", &TableOptions::default());
            let _ = parse_table(bytes, "f.csv", &TableOptions::default());
        }
    }
}
