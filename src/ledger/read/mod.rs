//! Readers of ledger files. The kind is told by the content (a zip is an .xlsx, an OLE file an
//! .xls, markup with a `<table>` an HTML table whatever its name), then by the name; text is
//! decoded (`encoding`) and read as CSV (`csv`) row by row; workbooks (`xlsx`, `xls`) and HTML
//! tables (`html`) are read cell by cell, bounded by what the file holds, then handed out row by
//! row the same way.

pub(crate) mod csv;
pub(crate) mod encoding;
#[cfg_attr(not(feature = "files"), allow(dead_code))]
pub(crate) mod html;
#[cfg(feature = "files")]
pub(crate) mod stream;
#[cfg_attr(not(feature = "files"), allow(dead_code))]
pub(crate) mod xls;
#[cfg_attr(not(feature = "files"), allow(dead_code))]
pub(crate) mod xlsx;
#[cfg(feature = "files")]
pub(crate) mod xlsx_stream;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

pub(crate) use super::limits::{self, Limits};
pub(crate) use super::table::{clip, clip_message, column_letter, SheetChoice, TableOptions};

use self::csv::CsvRows;
use self::encoding::Decoded;

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
            // As `s.trim().is_empty()`, without looking at both ends of every cell.
            Cell::Text(s) => s.chars().all(char::is_whitespace),
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
    /// The whole row is unusable (an unclosed quote, undecodable text), whatever its mapping.
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

    /// A row holding bytes that were not text in the encoding tried.
    fn undecodable(row: u32, col: usize, tried: &str) -> Issue {
        Issue {
            row,
            col: Some(col),
            value: None,
            whole_row: true,
            error: Error::new(
                ErrorKind::Parse,
                format!("这一行有无法按 {tried} 编码识别的字符（显示为 �），文字可能已损坏：请在 Excel 或 WPS 中打开原文件，“另存为”“CSV UTF-8（逗号分隔）”后重新导入"),
                format!("this row holds bytes that are not text in {tried} (shown as �), so its text may be damaged: open the original file in Excel or WPS, save it as \"CSV UTF-8 (Comma delimited)\", and import that"),
            ),
        }
    }
}

/// One row as read: its number as Excel shows it, its cells, and the problems found in it.
#[derive(Clone, Debug)]
pub(crate) struct RawRow {
    pub row: u32,
    pub cells: Vec<Cell>,
    pub issues: Vec<Issue>,
    /// Text files: lines the row's quoted cells run over besides its own (not blank lines).
    pub extra_lines: u32,
}

/// A file, read as far as it needs to be before its rows are handed out: text decoded, a
/// workbook's sheet gathered cell by cell.
pub(crate) enum Opened<'a> {
    Text { decoded: Decoded<'a>, delimiter: u8, name: String },
    Grid { meta: Meta, grid: Grid, issues: Vec<Issue>, replaced: Option<String> },
    /// Text read from a reader a block at a time: what is known of it (its `text` empty), the
    /// text read so far (enough to tell the separator) and the rest to come.
    #[cfg(feature = "files")]
    Stream { decoded: Decoded<'static>, delimiter: u8, name: String, head: String, feed: Option<stream::TextFeed<'a>> },
    /// A workbook's sheet read from a reader row by row: what is known of it, its rows to come,
    /// the file, and whether its rows came out of order (it must then be read again whole).
    #[cfg(feature = "files")]
    Sheet { meta: Meta, feed: Option<xlsx_stream::SheetFeed>, file: xlsx_stream::SharedFile, out_of_order: std::sync::Arc<std::sync::atomic::AtomicBool> },
}

/// What is known of a file besides its rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Meta {
    pub sheets: Vec<String>,
    pub hidden: Vec<String>,
    pub sheet: String,
    /// `xlsx`, `xls`, `html/…`, or the text encoding.
    pub encoding: String,
    /// `certain`, `high` or `low`.
    pub confidence: String,
    pub delimiter: Option<String>,
    pub merges: Merges,
    /// What the user should know about the file as a whole.
    pub notes: Vec<Error>,
}

/// Whether a file needs the ledger module's readers: a workbook (.xlsx, .xls), an HTML table, or
/// text that is not UTF-8 alone. The page's core module reads the rest (UTF-8 CSV, the big
/// ledgers) itself.
pub fn needs_ledger_module(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK") || bytes.starts_with(&OLE_MAGIC) || html::looks_like_html(bytes) || encoding::utf8(bytes).is_none()
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Opens a file's bytes: the kind told by the content, then by the name. A file already read by
/// the ledger module (`super::transfer`) is taken as it was read.
pub(crate) fn open<'a>(bytes: &'a [u8], file_name: &str, options: &TableOptions) -> Result<Opened<'a>> {
    options.limits.check()?;
    if super::transfer::is_read(bytes) {
        return super::transfer::decode_opened(bytes);
    }
    options.limits.check_file(bytes.len())?;
    let lower = file_name.to_lowercase();
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = clip(name, 200);
    let project_file = lower.ends_with(".json");
    #[cfg(feature = "files")]
    if let Some(opened) = open_with_readers(bytes, &lower, &name, options)? {
        return Ok(opened);
    }
    #[cfg(not(feature = "files"))]
    if needs_ledger_module(bytes) && !project_file {
        return Err(super::transfer::ledger_module_needed());
    }
    if project_file {
        return Err(Error::new(
            ErrorKind::Parse,
            "JSON 文件是项目文件：请用“打开项目”打开，而不是作为台账导入",
            "a JSON file is a project file: open it with Open project rather than importing it as a ledger",
        ));
    }
    let decoded = encoding::decode(bytes);
    let delimiter = csv::sniff_delimiter(&decoded.text);
    Ok(Opened::Text { decoded, delimiter, name })
}

/// A workbook or an HTML table, read by its reader; `None` for text (and for a project file,
/// which `open` refuses).
#[cfg(feature = "files")]
fn open_with_readers<'a>(bytes: &'a [u8], lower: &str, name: &str, options: &TableOptions) -> Result<Option<Opened<'a>>> {
    let workbook = |r: xlsx::SheetRead, encoding: &str| Opened::Grid {
        meta: Meta { sheets: r.sheets, hidden: r.hidden, sheet: r.sheet, encoding: encoding.into(), confidence: "certain".into(), delimiter: None, merges: r.merges, notes: r.notes },
        grid: r.grid,
        issues: r.issues,
        replaced: None,
    };
    if bytes.starts_with(b"PK\x03\x04") || (bytes.starts_with(b"PK") && (lower.ends_with(".xlsx") || lower.ends_with(".xlsm"))) {
        return Ok(Some(workbook(xlsx::read_xlsx(bytes, options)?, "xlsx")));
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Ok(Some(workbook(xls::read_xls(bytes, options)?, "xls")));
    }
    if html::looks_like_html(bytes) {
        let mut decoded = encoding::decode_declared(bytes, html::declared_charset(bytes));
        let (grid, merges, issues) = html::read_html(&decoded.text, &options.limits)?;
        decoded.notes.push(Error::new(
            ErrorKind::Parse,
            "这个文件是网页格式的表格（HTML，许多系统“导出Excel”时生成的就是这种文件），已按表格读取",
            "this file is a web-page (HTML) table, as many systems' \"export to Excel\" write, and was read as a table",
        ));
        let meta = Meta {
            sheets: vec![name.to_string()],
            hidden: Vec::new(),
            sheet: name.to_string(),
            encoding: format!("html/{}", decoded.encoding),
            confidence: decoded.confidence.into(),
            delimiter: None,
            merges,
            notes: decoded.notes,
        };
        return Ok(Some(Opened::Grid { meta, grid, issues, replaced: decoded.replaced.then_some(decoded.tried) }));
    }
    if bytes.starts_with(b"PK") && !lower.ends_with(".json") {
        return Ok(Some(workbook(xlsx::read_xlsx(bytes, options)?, "xlsx")));
    }
    Ok(None)
}

/// What is known of a text file (one "sheet" named after the file), and the encoding tried when
/// some of its bytes could not be decoded.
fn text_meta(decoded: &mut Decoded<'_>, delimiter: u8, name: &str) -> (Meta, Option<String>) {
    let meta = Meta {
        sheets: vec![name.to_string()],
        hidden: Vec::new(),
        sheet: name.to_string(),
        encoding: decoded.encoding.clone(),
        confidence: decoded.confidence.into(),
        delimiter: Some((delimiter as char).to_string()),
        merges: Vec::new(),
        notes: std::mem::take(&mut decoded.notes),
    };
    (meta, decoded.replaced.then(|| decoded.tried.clone()))
}

impl<'a> Opened<'a> {
    /// What is known of the file, and its rows, one at a time.
    pub(crate) fn source<'s>(&'s mut self, limits: &Limits) -> (Meta, Rows<'s>) {
        match self {
            Opened::Text { decoded, delimiter, name } => {
                let (meta, replaced) = text_meta(decoded, *delimiter, name);
                (meta, Rows { inner: Inner::Csv(CsvRows::new(&decoded.text, *delimiter, limits)), replaced })
            }
            #[cfg(feature = "files")]
            Opened::Stream { decoded, delimiter, name, head, feed } => {
                let (meta, replaced) = text_meta(decoded, *delimiter, name);
                (meta, Rows { inner: Inner::Csv(CsvRows::streamed(std::mem::take(head), feed.take(), *delimiter, limits)), replaced })
            }
            #[cfg(feature = "files")]
            Opened::Sheet { meta, feed, .. } => (std::mem::take(meta), Rows { inner: Inner::Sheet(feed.take()), replaced: None }),
            Opened::Grid { meta, grid, issues, replaced } => {
                let mut by_row: BTreeMap<u32, Vec<Issue>> = BTreeMap::new();
                for issue in std::mem::take(issues) {
                    by_row.entry(issue.row).or_default().push(issue);
                }
                let total = grid.len();
                let rows = std::mem::take(grid).into_iter();
                (std::mem::take(meta), Rows { inner: Inner::Grid { rows, issues: by_row, total, done: 0 }, replaced: replaced.take() })
            }
        }
    }
}

#[cfg(feature = "files")]
impl Opened<'_> {
    /// A sheet whose rows came out of order: the file's bytes, to be read again whole (nothing
    /// read of it so far may be kept).
    pub(crate) fn read_again_whole(&self) -> Option<Result<Vec<u8>>> {
        match self {
            Opened::Sheet { file, out_of_order, .. } if out_of_order.load(std::sync::atomic::Ordering::SeqCst) => Some(file.whole()),
            _ => None,
        }
    }
}

enum Inner<'a> {
    Csv(CsvRows<'a>),
    Grid { rows: std::vec::IntoIter<(u32, Vec<Cell>)>, issues: BTreeMap<u32, Vec<Issue>>, total: usize, done: usize },
    #[cfg(feature = "files")]
    Sheet(Option<xlsx_stream::SheetFeed>),
}

/// The rows of a file, one at a time, in order.
pub(crate) struct Rows<'a> {
    inner: Inner<'a>,
    /// The encoding tried, when some bytes were not text in it: rows holding them are reported.
    replaced: Option<String>,
}

impl Rows<'_> {
    pub(crate) fn next_row(&mut self) -> Result<Option<RawRow>> {
        let row = match &mut self.inner {
            Inner::Csv(csv) => csv.next_row()?,
            Inner::Grid { rows, issues, done, .. } => rows.next().map(|(row, cells)| {
                *done += 1;
                RawRow { row, cells, issues: issues.remove(&row).unwrap_or_default(), extra_lines: 0 }
            }),
            #[cfg(feature = "files")]
            Inner::Sheet(Some(feed)) => feed.next_row()?,
            #[cfg(feature = "files")]
            Inner::Sheet(None) => None,
        };
        Ok(row.map(|mut r| {
            if let Some(tried) = &self.replaced {
                if let Some(col) = r.cells.iter().position(|c| matches!(c, Cell::Text(s) if s.contains('\u{FFFD}'))) {
                    r.issues.push(Issue::undecodable(r.row, col, tried));
                }
            }
            r
        }))
    }

    /// How far through the file, 0–1.
    pub(crate) fn progress(&self) -> f64 {
        match &self.inner {
            Inner::Csv(csv) => csv.progress(),
            Inner::Grid { total, done, .. } => {
                if *total == 0 {
                    1.0
                } else {
                    *done as f64 / *total as f64
                }
            }
            #[cfg(feature = "files")]
            Inner::Sheet(feed) => feed.as_ref().map_or(1.0, xlsx_stream::SheetFeed::progress),
        }
    }

    /// Text files: the number of the last line, once every row was read.
    pub(crate) fn last_line(&self) -> Option<u32> {
        match &self.inner {
            Inner::Csv(csv) => Some(csv.last_line()),
            Inner::Grid { .. } => None,
            #[cfg(feature = "files")]
            Inner::Sheet(_) => None,
        }
    }
}
