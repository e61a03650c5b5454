//! Ledger import: .xlsx and CSV (UTF-8, UTF-8 with BOM, UTF-16, GBK/GB18030; comma, tab or
//! semicolon), with every data row either turned into a case or listed as a problem with its
//! sheet, row, column and value. (The project's own JSON is read by `project::load_project`.)

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::api::Lang;
use crate::plan::cases::Num;
pub use crate::plan::fields::{case_fields, CaseField, FieldKind};
use crate::error::{Error, ErrorKind, Result};
use crate::time::parse::{parse_input, Field, TimeInput};

use super::read::{csv as text, html, xlsx as sheet};

pub use super::limits::{size as byte_size, Limits, CEILING};

fn field_meta(name: &str) -> Option<&'static CaseField> {
    crate::plan::fields::case_field(name)
}

/// A cell as read: text, a number, or an Excel date-time serial.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    #[default]
    Empty,
    Number(f64),
    Text(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
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

/// Rows by their number as Excel shows it (from 1), each with its cells; only rows holding
/// something are kept, so memory follows what the file holds.
pub(crate) type Grid = Vec<(u32, Vec<Cell>)>;
pub(crate) type Merges = Vec<calamine::Dimensions>;

/// Stored cells (rows × their width) one import may hold, whatever the limits say: about 512 MB
/// of cells in wasm32.
pub(crate) const CELL_BUDGET: u64 = 32_000_000;

pub(crate) fn too_many_cells() -> Error {
    Error::new(
        ErrorKind::Range,
        format!("表格的单元格超过 {CELL_BUDGET} 个，浏览器放不下：请按月份或县区拆分文件，或删除不需要的列后再导入"),
        format!("the table has more than {CELL_BUDGET} cells, more than a browser tab can hold: split it (by month or county) or delete the columns not needed, then import again"),
    )
    .with_field("limits")
}

/// A problem found while reading, before the header (and so the column names) is known.
#[derive(Clone, Debug)]
pub(crate) struct Issue {
    /// Row number as Excel shows it.
    pub(crate) row: u32,
    pub(crate) col: Option<usize>,
    /// The value to show, when not the cell as read.
    pub(crate) value: Option<String>,
    pub(crate) whole_row: bool,
    pub(crate) error: Error,
}

impl Issue {
    pub(crate) fn long_cell(row: u32, col: usize, chars: u64, limit: u64) -> Issue {
        Issue {
            row,
            col: Some(col),
            value: None,
            whole_row: false,
            error: Error::new(
                ErrorKind::Range,
                format!("单元格有 {chars} 个字符，超过了上限 {limit}：内容已截断，请检查该单元格"),
                format!("the cell holds {chars} characters, over the limit of {limit}: its text was cut; check the cell"),
            ),
        }
    }
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

/// What a reader hands to [`build_table`].
struct Read {
    sheets: Vec<String>,
    hidden: Vec<String>,
    sheet: String,
    encoding: String,
    confidence: String,
    delimiter: Option<String>,
    grid: Grid,
    merges: Merges,
    issues: Vec<Issue>,
    notes: Vec<Error>,
    /// Text files: the last line, so that blank lines at the end count as blank rows, and the
    /// rows whose cells run over several lines (row → extra lines), which are not blank.
    last_line: Option<u32>,
    continued: BTreeMap<u32, u32>,
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
    options.limits.check()?;
    options.limits.check_file(bytes.len())?;
    let lower = file_name.to_lowercase();
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = clip(name, 200);
    let workbook = |r: sheet::SheetRead, encoding: &str| Read {
        sheets: r.sheets,
        hidden: r.hidden,
        sheet: r.sheet,
        encoding: encoding.into(),
        confidence: "certain".into(),
        delimiter: None,
        grid: r.grid,
        merges: r.merges,
        issues: r.issues,
        notes: r.notes,
        last_line: None,
        continued: BTreeMap::new(),
    };
    let read = if bytes.starts_with(b"PK\x03\x04") || (bytes.starts_with(b"PK") && (lower.ends_with(".xlsx") || lower.ends_with(".xlsm"))) {
        workbook(sheet::read_xlsx(bytes, options)?, "xlsx")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        workbook(sheet::read_xls(bytes, options)?, "xls")
    } else if html::looks_like_html(bytes) {
        let mut decoded = match html::declared_charset(bytes) {
            Some(enc) if enc != encoding_rs::UTF_8 => {
                let enc = if enc == encoding_rs::GBK { encoding_rs::GB18030 } else { enc };
                let (text, replaced) = enc.decode_without_bom_handling(bytes);
                text::Decoded { text: text.into_owned(), encoding: enc.name().to_lowercase(), confidence: "high", replaced, tried: enc.name().to_lowercase(), notes: Vec::new() }
            }
            _ => text::decode(bytes),
        };
        let (grid, merges, mut issues) = html::read_html(&decoded.text, &options.limits)?;
        if decoded.replaced {
            issues.extend(replacement_issues(&grid, &decoded.tried));
        }
        decoded.notes.push(Error::new(
            ErrorKind::Parse,
            "这个文件是网页格式的表格（HTML，许多系统“导出Excel”时生成的就是这种文件），已按表格读取",
            "this file is a web-page (HTML) table, as many systems' \"export to Excel\" write, and was read as a table",
        ));
        Read {
            sheets: vec![name.clone()],
            hidden: Vec::new(),
            sheet: name,
            encoding: format!("html/{}", decoded.encoding),
            confidence: decoded.confidence.into(),
            delimiter: None,
            grid,
            merges,
            issues,
            notes: decoded.notes,
            last_line: None,
            continued: BTreeMap::new(),
        }
    } else if lower.ends_with(".json") {
        return Err(Error::new(
            ErrorKind::Parse,
            "JSON 文件是项目文件：请用“打开项目”打开，而不是作为台账导入",
            "a JSON file is a project file: open it with Open project rather than importing it as a ledger",
        ));
    } else if bytes.starts_with(b"PK") {
        workbook(sheet::read_xlsx(bytes, options)?, "xlsx")
    } else {
        let decoded = text::decode(bytes);
        let delimiter = text::sniff_delimiter(&decoded.text);
        let mut issues = Vec::new();
        let text::CsvRead { grid, last_line, continued } = text::read_csv(&decoded.text, delimiter, &options.limits, &mut issues)?;
        if decoded.replaced {
            issues.extend(replacement_issues(&grid, &decoded.tried));
        }
        Read {
            sheets: vec![name.clone()],
            hidden: Vec::new(),
            sheet: name,
            encoding: decoded.encoding,
            confidence: decoded.confidence.into(),
            delimiter: Some((delimiter as char).to_string()),
            grid,
            merges: Vec::new(),
            issues,
            notes: decoded.notes,
            last_line: Some(last_line),
            continued,
        }
    };
    build_table(file_name, read, options)
}

/// Rows whose text holds U+FFFD after decoding: bytes that were not text in the encoding tried.
fn replacement_issues(grid: &Grid, tried: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (row, cells) in grid {
        if let Some(col) = cells.iter().position(|c| matches!(c, Cell::Text(s) if s.contains('\u{FFFD}'))) {
            issues.push(Issue {
                row: *row,
                col: Some(col),
                value: None,
                whole_row: true,
                error: Error::new(
                    ErrorKind::Parse,
                    format!("这一行有无法按 {tried} 编码识别的字符（显示为 �），文字可能已损坏：请在 Excel 或 WPS 中打开原文件，“另存为”“CSV UTF-8（逗号分隔）”后重新导入"),
                    format!("this row holds bytes that are not text in {tried} (shown as �), so its text may be damaged: open the original file in Excel or WPS, save it as \"CSV UTF-8 (Comma delimited)\", and import that"),
                ),
            });
        }
    }
    issues
}

/// Text in whatever encoding Excel, WPS or a platform wrote it in.
///
/// ```
/// let gbk = [0xD2, 0xB5, 0xCE, 0xF1]; // 业务 in GBK
/// assert_eq!(bizenv::ledger::table::decode_text(&gbk), ("业务".to_string(), "gb18030".to_string()));
/// assert_eq!(bizenv::ledger::table::decode_text("\u{feff}a".as_bytes()), ("a".to_string(), "utf-8-bom".to_string()));
/// ```
pub fn decode_text(bytes: &[u8]) -> (String, String) {
    let d = text::decode(bytes);
    (d.text, d.encoding)
}

/// A cell that is a value, not a column name: a number, or text that reads as one or as a date.
fn is_data(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => false,
        Cell::Number(_) => true,
        Cell::Text(s) => s.trim().parse::<f64>().is_ok() || crate::time::parse::parse_moment(Field::DATE, s).is_ok(),
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

/// Every field's names, normalized once: (field, its own name, its synonyms).
fn normalized_names() -> &'static [(&'static str, String, Vec<String>)] {
    static NAMES: OnceLock<Vec<(&'static str, String, Vec<String>)>> = OnceLock::new();
    NAMES.get_or_init(|| case_fields().unwrap_or(&[]).iter().map(|f| (f.field.as_str(), f.field.to_lowercase(), f.synonyms.iter().map(|s| normalize_header(s)).collect())).collect())
}

/// The field a header names: exact synonym first, then the longest synonym it contains.
fn match_header(header: &str) -> Option<&'static str> {
    // No header is longer than this; a long cell is a value, not a column name.
    if header.len() > 200 {
        return None;
    }
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    let names = normalized_names();
    for (field, own, synonyms) in names {
        if *own == h || synonyms.iter().any(|s| *s == h) {
            return Some(field);
        }
    }
    let mut best: Option<(&'static str, usize)> = None;
    for (field, _, synonyms) in names {
        for s in synonyms {
            if s.chars().count() >= 2 && h.contains(s.as_str()) && best.map_or(true, |(_, len)| s.len() > len) {
                best = Some((field, s.len()));
            }
        }
    }
    best.map(|(f, _)| f)
}

fn build_table(file_name: &str, read: Read, options: &TableOptions) -> Result<Table> {
    let Read { sheets, hidden, sheet, encoding, confidence, delimiter, grid, merges, issues, notes, last_line, continued } = read;
    let merges = &merges;
    let non_empty = |cells: &[Cell]| cells.iter().filter(|c| !c.is_empty()).count();
    // The header is the row among the first 20 that names most known fields; failing that, the
    // first with two or more cells (a merged title row above it has only one). A header names
    // each field once and holds no numbers or dates: a row of notes or messages that mention
    // 受理时间 twice, or a data row that quotes a column name, is not one.
    let header_index = match options.header_row {
        Some(r) => grid.iter().position(|(row, _)| *row == r).ok_or_else(|| {
            Error::new(ErrorKind::Parse, format!("表头行 {r} 不在表格范围内（或是空行）"), format!("header row {r} is outside the table (or empty)")).with_field("headerRow")
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
    // The same two-row header without merged cells (CSV, or a sheet whose top cell was not
    // merged): a row of names right below, with names under header cells left empty.
    let mut sub_names: Vec<String> = Vec::new();
    if spanning.is_empty() {
        if let Some((sub_row, sub_cells)) = grid.get(header_index + 1).filter(|(r, _)| *r == *header_row + 1) {
            let under_gap = sub_cells.iter().enumerate().any(|(c, cell)| !cell.is_empty() && headers.get(c).map_or(true, |h| h.trim().is_empty()));
            if under_gap && !sub_cells.iter().any(is_data) {
                let width = headers.len().max(sub_cells.len());
                headers.resize(width, String::new());
                let mut top = String::new();
                for (c, h) in headers.iter_mut().enumerate() {
                    let sub = sub_cells.get(c).map(Cell::display).unwrap_or_default();
                    if !h.trim().is_empty() {
                        top = h.clone();
                        if !sub.is_empty() {
                            *h = format!("{top}{sub}");
                        }
                    } else if !sub.is_empty() {
                        *h = format!("{top}{sub}");
                    }
                    sub_names.push(sub);
                }
                last_header_row = *sub_row;
                data_start += 1;
            }
        }
    }
    let width = grid.iter().skip(data_start).map(|(_, c)| c.len()).max().unwrap_or(0).max(headers.len());
    headers.resize(width, String::new());
    let mut columns: Vec<Column> = headers.iter().enumerate().map(|(index, header)| Column { index, letter: column_letter(index), header: header.clone(), field: None }).collect();
    let mut taken: Vec<&str> = Vec::new();
    for col in columns.iter_mut() {
        // A combined header (办理时间开始) that names nothing is tried by its lower part (开始).
        let named = match_header(&col.header).or_else(|| sub_names.get(col.index).and_then(|s| match_header(s)));
        if let Some(f) = named.filter(|f| !taken.contains(f)) {
            taken.push(f);
            col.field = Some(f.to_string());
        }
    }
    for (key, field) in &options.mapping {
        let field = field.as_deref().filter(|f| !f.is_empty());
        if let Some(f) = field {
            if field_meta(f).is_none() {
                let all: Vec<&str> = case_fields().unwrap_or(&[]).iter().map(|f| f.field.as_str()).collect();
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!("列映射中的字段「{}」不存在：可用字段为 {}", clip(f, 80), all.join("、")),
                    format!("mapping names an unknown field \"{}\": the fields are {}", clip(f, 80), all.join(", ")),
                )
                .with_field("mapping"));
            }
        }
        let target = columns.iter().position(|c| &c.letter == key || &c.header == key).ok_or_else(|| {
            Error::new(ErrorKind::Parse, format!("列映射中的列「{}」不在表头中", clip(key, 80)), format!("mapping names a column \"{}\" that is not in the header", clip(key, 80))).with_field("mapping")
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
    let lang = options.lang;
    let mut rows = Vec::new();
    // Blank rows are the rows between the header and the last data row that hold nothing: the
    // ones missing from the grid and the ones holding only empty cells.
    let mut blank_rows = 0usize;
    let mut previous = last_header_row;
    for (row, mut cells) in grid.into_iter().skip(data_start) {
        if non_empty(&cells) == 0 {
            continue;
        }
        blank_rows += row.saturating_sub(previous).saturating_sub(1) as usize;
        previous = row + continued.get(&row).copied().unwrap_or(0);
        cells.resize(width, Cell::Empty);
        rows.push(Row { row, cells });
    }
    if let Some(last) = last_line {
        blank_rows += last.saturating_sub(previous) as usize;
    }
    let problems = issues
        .into_iter()
        .filter(|i| i.row > last_header_row && rows.binary_search_by_key(&i.row, |r| r.row).is_ok())
        .map(|i| {
            let column = i.col.and_then(|c| columns.get(c));
            let value = i.value.or_else(|| {
                let r = rows.binary_search_by_key(&i.row, |r| r.row).ok()?;
                Some(rows.get(r)?.cells.get(i.col?)?.display())
            });
            Problem {
                sheet: sheet.clone(),
                row: i.row,
                column: column.map(|c| c.header.clone()),
                column_letter: column.map(|c| c.letter.clone()).or_else(|| i.col.map(column_letter)),
                value: value.map(|v| clip(&v, 200)),
                message: lang.error(&i.error),
                whole_row: i.whole_row,
            }
        })
        .collect();
    let mut warnings: Vec<String> = notes.iter().map(|n| lang.error(n)).collect();
    if !columns.iter().any(|c| c.field.is_some()) {
        // Nothing mapped: every row will lack its fields. Say why that may be.
        let guessed = confidence != "certain" && !encoding.starts_with("html");
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
    Ok(Table {
        file_name: clip(file_name, 200),
        sheets,
        hidden_sheets: hidden,
        sheet,
        encoding,
        encoding_confidence: confidence,
        delimiter,
        header_row: last_header_row,
        columns,
        rows,
        blank_rows,
        problems,
        warnings,
    })
}

/// Turns table rows into cases (JSON objects with `row`), collecting problems for cells that
/// cannot be read. A row with a problem is not turned into a case.
pub fn rows_to_cases(table: &Table, lang: Lang) -> (Vec<Value>, Vec<Problem>) {
    let mapped: Vec<(&Column, &'static CaseField)> = table.columns.iter().filter_map(|c| Some((c, field_meta(c.field.as_deref()?)?))).collect();
    let mut cases = Vec::with_capacity(table.rows.len());
    let mut problems = Vec::new();
    // Problems found while reading count when they spoil the whole row or a mapped cell.
    let mut read_problems: BTreeMap<u32, Vec<&Problem>> = BTreeMap::new();
    for p in &table.problems {
        read_problems.entry(p.row).or_default().push(p);
    }
    for row in &table.rows {
        let mut case = Map::new();
        let mut stop = Map::new();
        let mut row_ok = true;
        let mut spoiled: Vec<&str> = Vec::new();
        for p in read_problems.get(&row.row).map_or(&[][..], Vec::as_slice) {
            let letter = p.column_letter.as_deref();
            if p.whole_row || mapped.iter().any(|(c, _)| Some(c.letter.as_str()) == letter) {
                row_ok = false;
                problems.push((*p).clone());
                spoiled.extend(letter);
            }
        }
        case.insert("row".into(), json!(row.row));
        for (col, meta) in &mapped {
            let Some(cell) = row.cells.get(col.index) else { continue };
            if cell.is_empty() || spoiled.contains(&col.letter.as_str()) {
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
                        value: Some(clip(&cell.display(), 200)),
                        message: lang.error(&e),
                        whole_row: false,
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
    case_fields().unwrap_or(&[]).iter().find_map(|f| if f.zh == label { Some(f.zh.as_str()) } else if f.en == label { Some(f.en.as_str()) } else { None }).unwrap_or("")
}

/// The column a case field was read from, for problems reported after evaluation.
pub fn column_of<'a>(table: &'a Table, field: &str) -> Option<&'a Column> {
    table.columns.iter().find(|c| c.field.as_deref() == Some(field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::text::sniff_delimiter;

    #[test]
    fn synonym_table_is_valid() {
        let fields = case_fields().unwrap();
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
