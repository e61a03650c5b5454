//! The table of a ledger as `parseTable` returns it — every sheet, the header, the columns and
//! the field each maps to, the data rows, the problems and warnings — and its rows as cases.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::{Error, ErrorKind, Lang, Result};
use crate::plan::cases::Num;

use super::headers::columns;
use super::read::{self, Issue, Meta};
use super::rows::{mapped, row_case, DataRow, LedgerRows};

pub use super::limits::{size as byte_size, Limits, CEILING};
pub use super::read::Cell;
pub use crate::plan::fields::{case_fields, CaseField, FieldKind};

/// One column of the table and the case field it is mapped to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Column {
    pub index: usize,
    /// The column letter as Excel shows it (A, B, … AA).
    pub letter: String,
    pub header: String,
    pub field: Option<String>,
}

/// One data row: its number as Excel shows it, and its cells.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Row {
    pub row: u32,
    pub cells: Vec<Cell>,
}

/// A row that could not be used, and why, in words an official can act on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Problem {
    pub sheet: String,
    pub row: u32,
    pub column: Option<String>,
    pub column_letter: Option<String>,
    pub value: Option<String>,
    pub message: String,
    /// The whole row is unusable (an unclosed quote, undecodable text), whatever its mapping.
    #[serde(skip)]
    pub whole_row: bool,
}

/// What `parseTable` returns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Table {
    pub file_name: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    /// Sheets hidden in Excel (never read unless asked for by name or position).
    pub hidden_sheets: Vec<String>,
    /// `xlsx`, `xls`, `html`, or the text encoding: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`,
    /// `gb18030` (GBK), `big5`…, or `utf-8+gb18030` for a file that mixes two.
    pub encoding: String,
    /// How sure the encoding is: `certain` (a workbook, a BOM, valid UTF-8), `high` or `low`.
    pub encoding_confidence: String,
    pub delimiter: Option<String>,
    /// Excel row number of the (last) header row.
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Rows with nothing in them between the header and the last data row, skipped (not data rows).
    pub blank_rows: usize,
    /// Cells and rows that could not be read as they are (error values, formulas without a saved
    /// result, undecodable text, an unclosed quote, over-long text), in the header's terms.
    pub problems: Vec<Problem>,
    /// What the user should know about the file as a whole (a hidden sheet passed over, an
    /// encoding guessed or mixed), in the language asked for.
    pub warnings: Vec<String>,
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
    /// How much the file may hold; see [`Limits`].
    pub limits: Limits,
    /// Language of problems and warnings (set by the caller from its own options).
    #[serde(skip)]
    pub lang: Lang,
    /// The indicator's own names for its columns (field, name: 3.4's 装表接电时间 is `end`, 4.1's
    /// 已签订劳动合同的职工人数 is `numerator`), read as headers before the general synonyms. Set by
    /// the caller that knows the indicator.
    #[serde(skip)]
    pub own_headers: Vec<(String, String)>,
}

impl TableOptions {
    /// The indicator's own column names (both languages) as headers the reader maps.
    pub fn with_own_headers(mut self, indicator: &crate::plan::catalog::Indicator) -> TableOptions {
        self.own_headers = indicator.field_labels.iter().flat_map(|(field, label)| [(field.clone(), label.zh.clone()), (field.clone(), label.en.clone())]).collect();
        self
    }
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
/// assert_eq!(bizenv::ledger::table::column_letter(0), "A");
/// assert_eq!(bizenv::ledger::table::column_letter(27), "AB");
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

/// Text cut to `max` characters, with the full length said, for messages and problem values: a
/// ten-million-character cell must not make a ten-million-character message.
///
/// ```
/// assert_eq!(bizenv::ledger::table::clip("麒麟区", 10), "麒麟区");
/// assert_eq!(bizenv::ledger::table::clip(&"x".repeat(100), 5), "xxxxx…（共 100 字 / 100 chars）");
/// ```
pub fn clip(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    format!("{}…（共 {count} 字 / {count} chars）", text.chars().take(max).collect::<String>())
}

/// A library's message (calamine, zip), cut to a sane length.
pub(crate) fn clip_message(text: &str) -> String {
    clip(text, 300)
}

/// Text in whatever encoding Excel, WPS or a platform wrote it in.
///
/// ```
/// let gbk = [0xD2, 0xB5, 0xCE, 0xF1]; // 业务 in GBK
/// assert_eq!(bizenv::ledger::table::decode_text(&gbk), ("业务".to_string(), "gb18030".to_string()));
/// assert_eq!(bizenv::ledger::table::decode_text("\u{feff}a".as_bytes()), ("a".to_string(), "utf-8-bom".to_string()));
/// ```
pub fn decode_text(bytes: &[u8]) -> (String, String) {
    let d = read::encoding::decode(bytes);
    (d.text.into_owned(), d.encoding)
}

/// A ledger read whole: what is known of the file, its header, its columns (mapped), its data
/// rows with what went wrong reading them, and its blank rows.
pub(crate) struct ReadLedger {
    pub meta: Meta,
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<DataRow>,
    pub blank_rows: usize,
}

/// Reads a whole ledger (what `parseTable` and `evaluateTable` return is the whole table).
pub(crate) fn read_ledger(bytes: &[u8], file_name: &str, options: &TableOptions) -> Result<ReadLedger> {
    let mut opened = read::open(bytes, file_name, options)?;
    let mut ledger = LedgerRows::open(&mut opened, options)?;
    let mut rows = Vec::new();
    while let Some(row) = ledger.next_row()? {
        rows.push(row);
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0).max(ledger.head.headers.len());
    let columns = columns(&ledger.head, width, options, false)?;
    Ok(ReadLedger { meta: std::mem::take(&mut ledger.meta), header_row: ledger.head.last_header_row, columns, rows, blank_rows: ledger.blank_rows })
}

/// A problem found while reading, in the header's terms.
fn read_problem(issue: &Issue, cells: &[Cell], sheet: &str, columns: &[Column], lang: Lang) -> Problem {
    let column = issue.col.and_then(|c| columns.get(c));
    let value = issue.value.clone().or_else(|| Some(cells.get(issue.col?)?.display()));
    Problem {
        sheet: sheet.to_string(),
        row: issue.row,
        column: column.map(|c| c.header.clone()),
        column_letter: column.map(|c| c.letter.clone()).or_else(|| issue.col.map(column_letter)),
        value: value.map(|v| clip(&v, 200)),
        message: lang.error(&issue.error),
        whole_row: issue.whole_row,
    }
}

/// The warnings of a file: what was found out reading it, and why nothing may be mapped.
pub(crate) fn warnings(meta: &Meta, columns: &[Column], lang: Lang) -> Vec<String> {
    let mut warnings: Vec<String> = meta.notes.iter().map(|n| lang.error(n)).collect();
    if !columns.iter().any(|c| c.field.is_some()) {
        // Nothing mapped: every row will lack its fields. Say why that may be.
        let encoding = &meta.encoding;
        let guessed = meta.confidence != "certain" && !encoding.starts_with("html");
        let (zh, en) = if guessed {
            (
                format!("没有一列的列名能识别为案件字段；文件的编码是推测的（{encoding}），可能推测错了：请在 Excel 或 WPS 中“另存为”“CSV UTF-8（逗号分隔）”后重新导入，或在列映射中指定各列"),
                format!("no column header names a case field; the file's encoding was guessed ({encoding}) and may be wrong: save it as \"CSV UTF-8 (Comma delimited)\" in Excel or WPS and import that, or map the columns by hand"),
            )
        } else {
            ("没有一列的列名能识别为案件字段：请在列映射中指定各列".to_string(), "no column header names a case field: map the columns by hand".to_string())
        };
        warnings.push(lang.pick(&zh, &en));
    }
    warnings
}

impl ReadLedger {
    /// The table as `parseTable` returns it.
    pub(crate) fn into_table(self, file_name: &str, lang: Lang) -> Table {
        let ReadLedger { meta, header_row, columns, rows, blank_rows } = self;
        let width = columns.len();
        let problems = rows.iter().flat_map(|r| r.issues.iter().map(|i| read_problem(i, &r.cells, &meta.sheet, &columns, lang))).collect();
        let warnings = warnings(&meta, &columns, lang);
        let rows = rows
            .into_iter()
            .map(|r| {
                let mut cells = r.cells;
                cells.resize(width, Cell::Empty);
                Row { row: r.row, cells }
            })
            .collect();
        Table {
            file_name: clip(file_name, 200),
            sheets: meta.sheets,
            sheet: meta.sheet,
            hidden_sheets: meta.hidden,
            encoding: meta.encoding,
            encoding_confidence: meta.confidence,
            delimiter: meta.delimiter,
            header_row,
            columns,
            rows,
            blank_rows,
            problems,
            warnings,
        }
    }
}

/// Reads a table from a file's bytes. The kind is told by the content (a zip is an .xlsx, an OLE
/// file an .xls, markup with a `<table>` an HTML table whatever its name), then by the name.
///
/// ```
/// use bizenv::ledger::table::{parse_table, TableOptions};
/// // Old Mac line ends (CR only): every row keeps its own number.
/// let t = parse_table(b"id,start\rA,2023-07-14\rB,2023-07-15\r", "mac.csv", &TableOptions::default()).unwrap();
/// assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3]);
/// ```
pub fn parse_table(bytes: &[u8], file_name: &str, options: &TableOptions) -> Result<Table> {
    Ok(read_ledger(bytes, file_name, options)?.into_table(file_name, options.lang))
}

/// Turns table rows into cases (JSON objects with `row`, the cells as they were: a serial stays a
/// number), collecting problems for cells that cannot be read. A row with a problem is not
/// turned into a case.
pub fn rows_to_cases(table: &Table, lang: Lang) -> (Vec<Value>, Vec<Problem>) {
    let fields = mapped(&table.columns);
    let mut cases = Vec::with_capacity(table.rows.len());
    let mut problems = Vec::new();
    // Problems found while reading count when they spoil the whole row or a mapped cell.
    let mut read_problems: BTreeMap<u32, Vec<&Problem>> = BTreeMap::new();
    for p in &table.problems {
        read_problems.entry(p.row).or_default().push(p);
    }
    let mut strings = crate::plan::cases::Strings::default();
    for row in &table.rows {
        let issues: Vec<Issue> = read_problems
            .get(&row.row)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|p| Issue {
                row: p.row,
                col: table.columns.iter().find(|c| Some(&c.letter) == p.column_letter.as_ref()).map(|c| c.index),
                value: p.value.clone(),
                whole_row: p.whole_row,
                error: Error::new(ErrorKind::Parse, p.message.clone(), p.message.clone()),
            })
            .collect();
        let data = DataRow { row: row.row, cells: row.cells.clone(), issues };
        let converted = row_case(&data, &fields, &mut strings);
        if !converted.issues.is_empty() {
            problems.extend(converted.problems(&table.sheet, &table.columns, lang));
            continue;
        }
        let mut case = Map::new();
        let mut stop = Map::new();
        case.insert("row".into(), json!(row.row));
        for (col, meta) in &fields {
            let Some(cell) = row.cells.get(col.index).filter(|c| !c.is_empty()) else { continue };
            let value = cell_value(cell, meta);
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
        cases.push(Value::Object(case));
    }
    (cases, problems)
}

/// A cell as a case's JSON holds it: a time as given (a serial stays a number), a number as a
/// number, text as text. (The cell was read into the case first, so it can be.)
fn cell_value(cell: &Cell, meta: &CaseField) -> Value {
    match (meta.kind, cell) {
        (FieldKind::Time, Cell::Number(x)) | (FieldKind::Number, Cell::Number(x)) => json!(x),
        (FieldKind::Time, c) => Value::String(c.display()),
        (FieldKind::Number, c) => Num::Text(c.display()).value("", "").map_or_else(|_| Value::String(c.display()), |x| json!(x)),
        (FieldKind::Text, c) => Value::String(c.display()),
    }
}

/// The column a case field was read from, for problems reported after evaluation.
pub fn column_of<'a>(table: &'a Table, field: &str) -> Option<&'a Column> {
    table.columns.iter().find(|c| c.field.as_deref() == Some(field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::read::csv::sniff_delimiter;

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
