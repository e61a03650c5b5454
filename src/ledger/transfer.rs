//! What the page's two wasm modules hand each other, as bytes: a ledger file as read (by the
//! ledger module's readers) going to the core, and the sheets of an export or a template going
//! from the core to the ledger module's .xlsx writer.
//!
//! The page loads the core at once and the ledger module only when a file needs it (an .xlsx,
//! .xls or HTML table, a text file not in UTF-8, a workbook to write): the readers and writers
//! are most of the code, and most visits never use them. Both modules are this crate, so the
//! values are typed on both sides; the bytes are a private, versioned format (a magic number
//! first), never stored, and read back with every length checked: damaged bytes are an `Error`,
//! never a panic.
//!
//! ```
//! use bizenv::report::export::{Out, Sheet};
//! use bizenv::ledger::transfer::{decode_sheets, encode_sheets};
//! let sheets = vec![Sheet { name: "汇总".into(), headers: vec!["县区".into(), "件数".into()], rows: vec![vec![Out::Text("麒麟区".into()), Out::Number(3.0)]] }];
//! assert_eq!(decode_sheets(&encode_sheets(&sheets)).unwrap(), sheets);
//! assert!(decode_sheets(b"BZS\x01\xff").is_err());
//! ```

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result};
use crate::plan::fields::{Example, FieldKind};
use crate::report::export::{Out, Sheet, TimeShown};
use crate::report::template::{TemplateBook, TemplateColumn};

use super::read::encoding::Decoded;
use super::read::{Cell, Issue, Meta, Opened};

/// Whether a file must go through the ledger module's readers first (see `read_file`).
pub use super::read::needs_ledger_module;

/// A ledger file as read by the ledger module.
pub const READ_MAGIC: &[u8; 4] = b"BZR\x01";
/// Sheets to write as .xlsx.
pub const SHEETS_MAGIC: &[u8; 4] = b"BZS\x01";
/// A ledger template to write as .xlsx.
pub const TEMPLATE_MAGIC: &[u8; 4] = b"BZT\x01";

fn damaged() -> Error {
    Error::new(
        ErrorKind::Argument,
        "模块之间传递的数据已损坏：请刷新页面后重试",
        "the data passed between the page's modules is damaged: reload the page and try again",
    )
    .with_field("transfer")
}

/// What a core built without the readers and writers (the page's first module) says when asked
/// for a file only the ledger module can read or write. The page never sees it: it asks
/// `needsLedgerModule` first and sends such files through the ledger module.
pub fn ledger_module_needed() -> Error {
    Error::new(
        ErrorKind::Argument,
        "这个文件需要台账读写模块（.xlsx、.xls、网页表格或非 UTF-8 文本）：请先用台账模块读取，再交给工作区",
        "this file needs the ledger module (.xlsx, .xls, an HTML table or text not in UTF-8): read it with the ledger module first, then hand it to the workspace",
    )
    .with_field("bytes")
}

// ---- bytes out -----------------------------------------------------------------------------------

struct Writer(Vec<u8>);

#[cfg_attr(not(feature = "files"), allow(dead_code))]
impl Writer {
    fn new(magic: &[u8; 4]) -> Writer {
        Writer(magic.to_vec())
    }
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    fn f64(&mut self, x: f64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    fn strs(&mut self, list: &[String]) {
        self.len(list.len());
        for s in list {
            self.str(s);
        }
    }
    fn error(&mut self, e: &Error) {
        self.str(e.kind().as_str());
        self.str(e.message_zh());
        self.str(e.message_en());
        self.opt_str(e.field());
        match e.item() {
            Some(i) => {
                self.u8(1);
                self.len(i);
            }
            None => self.u8(0),
        }
    }
    fn errors(&mut self, list: &[Error]) {
        self.len(list.len());
        for e in list {
            self.error(e);
        }
    }
}

// ---- bytes in --------------------------------------------------------------------------------------

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], magic: &[u8; 4]) -> Result<Reader<'a>> {
        bytes.strip_prefix(&magic[..]).map(|rest| Reader { rest }).ok_or_else(damaged)
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.rest.len() {
            return Err(damaged());
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// A count of items each at least `min_bytes` long: one the remaining bytes cannot hold is
    /// damage, so that no list is reserved larger than the input.
    fn count(&mut self, min_bytes: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes.max(1)) > self.rest.len() {
            return Err(damaged());
        }
        Ok(n)
    }
    fn f64(&mut self) -> Result<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| damaged())
    }
    fn string(&mut self) -> Result<String> {
        self.str().map(str::to_owned)
    }
    fn flag(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(damaged()),
        }
    }
    fn opt_string(&mut self) -> Result<Option<String>> {
        if self.flag()? {
            self.string().map(Some)
        } else {
            Ok(None)
        }
    }
    fn strings(&mut self) -> Result<Vec<String>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.string()).collect()
    }
    fn error(&mut self) -> Result<Error> {
        let kind = ErrorKind::from_name(self.str()?).ok_or_else(damaged)?;
        let zh = self.string()?;
        let en = self.string()?;
        let field = self.opt_string()?;
        let item = if self.flag()? { Some(self.u32()? as usize) } else { None };
        let mut e = Error::new(kind, zh, en);
        if let Some(field) = field.as_deref().and_then(known_field) {
            e = e.with_field(field);
        }
        if let Some(i) = item {
            e = e.with_item(i);
        }
        Ok(e)
    }
    fn errors(&mut self) -> Result<Vec<Error>> {
        let n = self.count(13)?;
        (0..n).map(|_| self.error()).collect()
    }
    fn end(&self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(damaged())
        }
    }
}

/// The inputs a reader's error may name (errors carry their field as a `&'static str`).
fn known_field(name: &str) -> Option<&'static str> {
    ["limits", "sheet", "headerRow", "mapping", "bytes", "fileName", "options", "indicator", "transfer"].into_iter().find(|f| *f == name)
}

fn confidence(name: &str) -> Result<&'static str> {
    ["certain", "high", "low"].into_iter().find(|c| *c == name).ok_or_else(damaged)
}

// ---- a file as read ------------------------------------------------------------------------------

/// A ledger file read by the readers (the ledger module's `readLedger`): the bytes the core
/// takes in the file's place. `options` are those of the import (sheet and limits are used).
#[cfg(feature = "files")]
pub fn read_file(bytes: &[u8], file_name: &str, options: &super::table::TableOptions) -> Result<Vec<u8>> {
    let opened = super::read::open(bytes, file_name, options)?;
    encode_opened(&opened)
}

/// A file opened by the readers from its bytes, as bytes for the core. A file opened from a
/// reader (the command line's) holds its rows in the reader, not here: it is refused rather than
/// sent without them.
#[cfg(feature = "files")]
pub(crate) fn encode_opened(opened: &Opened) -> Result<Vec<u8>> {
    let mut w = Writer::new(READ_MAGIC);
    match opened {
        Opened::Stream { .. } | Opened::Sheet { .. } => {
            return Err(Error::new(ErrorKind::Internal, "从文件中逐块读取的台账不能转交：请报告这个问题", "a ledger read from a file block by block cannot be handed over: please report it"));
        }
        Opened::Text { decoded, delimiter, name } => {
            w.u8(0);
            w.str(&decoded.encoding);
            w.str(decoded.confidence);
            w.u8(u8::from(decoded.replaced));
            w.str(&decoded.tried);
            w.errors(&decoded.notes);
            w.u8(*delimiter);
            w.str(name);
            w.str(&decoded.text);
        }
        Opened::Grid { meta, grid, issues, replaced } => {
            w.u8(1);
            encode_grid(&mut w, meta, grid, issues, replaced.as_deref());
        }
    }
    Ok(w.0)
}

/// A workbook's sheet (or an HTML table) as read, after its tag.
#[cfg(feature = "files")]
fn encode_grid(w: &mut Writer, meta: &Meta, grid: &[(u32, Vec<Cell>)], issues: &[Issue], replaced: Option<&str>) {
    w.strs(&meta.sheets);
    w.strs(&meta.hidden);
    w.str(&meta.sheet);
    w.str(&meta.encoding);
    w.str(&meta.confidence);
    w.opt_str(meta.delimiter.as_deref());
    w.len(meta.merges.len());
    for m in &meta.merges {
        for x in [m.start.0, m.start.1, m.end.0, m.end.1] {
            w.u32(x);
        }
    }
    w.errors(&meta.notes);
    w.opt_str(replaced);
    w.len(issues.len());
    for issue in issues {
        w.u32(issue.row);
        match issue.col {
            Some(c) => {
                w.u8(1);
                w.len(c);
            }
            None => w.u8(0),
        }
        w.opt_str(issue.value.as_deref());
        w.u8(u8::from(issue.whole_row));
        w.error(&issue.error);
    }
    w.len(grid.len());
    for (row, cells) in grid {
        w.u32(*row);
        w.len(cells.len());
        for cell in cells {
            match cell {
                Cell::Empty => w.u8(0),
                Cell::Number(x) => {
                    w.u8(1);
                    w.f64(*x);
                }
                Cell::Text(s) => {
                    w.u8(2);
                    w.str(s);
                }
            }
        }
    }
}

/// Whether these bytes are a file as read by the ledger module (rather than a file itself).
pub fn is_read(bytes: &[u8]) -> bool {
    bytes.starts_with(READ_MAGIC)
}

/// A file as read, back from its bytes.
pub(crate) fn decode_opened(bytes: &[u8]) -> Result<Opened<'static>> {
    let mut r = Reader::new(bytes, READ_MAGIC)?;
    let opened = match r.u8()? {
        0 => {
            let encoding = r.string()?;
            let confidence = confidence(r.str()?)?;
            let replaced = r.flag()?;
            let tried = r.string()?;
            let notes = r.errors()?;
            let delimiter = r.u8()?;
            let name = r.string()?;
            let text = r.string()?;
            Opened::Text { decoded: Decoded { text: Cow::Owned(text), encoding, confidence, replaced, tried, notes }, delimiter, name }
        }
        1 => {
            let sheets = r.strings()?;
            let hidden = r.strings()?;
            let sheet = r.string()?;
            let encoding = r.string()?;
            let confidence = r.string()?;
            let delimiter = r.opt_string()?;
            let n = r.count(16)?;
            let mut merges = Vec::with_capacity(n);
            for _ in 0..n {
                let (a, b, c, d) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
                merges.push(calamine::Dimensions { start: (a, b), end: (c, d) });
            }
            let notes = r.errors()?;
            let replaced = r.opt_string()?;
            let n = r.count(20)?;
            let mut issues = Vec::with_capacity(n);
            for _ in 0..n {
                let row = r.u32()?;
                let col = if r.flag()? { Some(r.u32()? as usize) } else { None };
                let value = r.opt_string()?;
                let whole_row = r.flag()?;
                let error = r.error()?;
                issues.push(Issue { row, col, value, whole_row, error });
            }
            let n = r.count(8)?;
            let mut grid = Vec::with_capacity(n);
            for _ in 0..n {
                let row = r.u32()?;
                let width = r.count(1)?;
                let mut cells = Vec::with_capacity(width);
                for _ in 0..width {
                    cells.push(match r.u8()? {
                        0 => Cell::Empty,
                        1 => Cell::Number(r.f64()?),
                        2 => Cell::Text(r.string()?),
                        _ => return Err(damaged()),
                    });
                }
                grid.push((row, cells));
            }
            Opened::Grid { meta: Meta { sheets, hidden, sheet, encoding, confidence, delimiter, merges, notes }, grid, issues, replaced }
        }
        _ => return Err(damaged()),
    };
    r.end()?;
    Ok(opened)
}

// ---- sheets to write -----------------------------------------------------------------------------

/// Sheets (an export) as bytes for the ledger module's writer.
pub fn encode_sheets(sheets: &[Sheet]) -> Vec<u8> {
    let mut w = Writer::new(SHEETS_MAGIC);
    w.len(sheets.len());
    for sheet in sheets {
        w.str(&sheet.name);
        w.strs(&sheet.headers);
        w.len(sheet.rows.len());
        for row in &sheet.rows {
            w.len(row.len());
            for cell in row {
                match cell {
                    Out::Empty => w.u8(0),
                    Out::Text(s) => {
                        w.u8(1);
                        w.str(s);
                    }
                    Out::Number(x) => {
                        w.u8(2);
                        w.f64(*x);
                    }
                    Out::Time(dt, shown) => {
                        w.u8(if *shown == TimeShown::Date { 4 } else { 3 });
                        w.u32(dt.year() as u16 as u32);
                        for part in [dt.month(), dt.day(), dt.hour(), dt.minute(), dt.second()] {
                            w.u8(part as u8);
                        }
                    }
                    Out::Shown { value, decimals } => {
                        w.u8(5);
                        w.f64(*value);
                        w.u8(*decimals);
                    }
                    Out::Percent(x) => {
                        w.u8(6);
                        w.f64(*x);
                    }
                }
            }
        }
    }
    w.0
}

/// Sheets back from their bytes.
pub fn decode_sheets(bytes: &[u8]) -> Result<Vec<Sheet>> {
    let mut r = Reader::new(bytes, SHEETS_MAGIC)?;
    let n = r.count(12)?;
    let mut sheets = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.string()?;
        let headers = r.strings()?;
        let rows_n = r.count(4)?;
        let mut rows = Vec::with_capacity(rows_n);
        for _ in 0..rows_n {
            let width = r.count(1)?;
            let mut cells = Vec::with_capacity(width);
            for _ in 0..width {
                cells.push(match r.u8()? {
                    0 => Out::Empty,
                    1 => Out::Text(r.string()?),
                    2 => Out::Number(r.f64()?),
                    tag @ (3 | 4) => {
                        let year = r.u32()? as u16 as i16;
                        let (mo, d, h, mi, s) = (r.u8()?, r.u8()?, r.u8()?, r.u8()?, r.u8()?);
                        let dt = jiff::civil::DateTime::new(year, mo as i8, d as i8, h as i8, mi as i8, s as i8, 0).map_err(|_| damaged())?;
                        Out::Time(dt, if tag == 4 { TimeShown::Date } else { TimeShown::DateTime })
                    }
                    5 => {
                        let value = r.f64()?;
                        Out::Shown { value, decimals: r.u8()? }
                    }
                    6 => Out::Percent(r.f64()?),
                    _ => return Err(damaged()),
                });
            }
            rows.push(cells);
        }
        sheets.push(Sheet { name, headers, rows });
    }
    r.end()?;
    Ok(sheets)
}

// ---- a template to write -------------------------------------------------------------------------

fn kind_code(kind: FieldKind) -> u8 {
    match kind {
        FieldKind::Time => 0,
        FieldKind::Number => 1,
        FieldKind::Text => 2,
    }
}

/// A ledger template as bytes for the ledger module's writer.
pub fn encode_template(book: &TemplateBook) -> Vec<u8> {
    let mut w = Writer::new(TEMPLATE_MAGIC);
    w.u8(u8::from(book.english));
    w.len(book.intro.len());
    for (label, value) in &book.intro {
        w.str(label);
        w.str(value);
    }
    w.len(book.columns.len());
    for c in &book.columns {
        w.str(&c.field);
        w.str(&c.header);
        w.str(&c.label_zh);
        w.str(&c.label_en);
        w.u8(kind_code(c.kind));
        match &c.example {
            None => w.u8(0),
            Some(Example::Number(x)) => {
                w.u8(1);
                w.f64(*x);
            }
            Some(Example::Text(t)) => {
                w.u8(2);
                w.str(t);
            }
        }
        w.strs(&c.choices);
    }
    w.0
}

/// A ledger template back from its bytes.
pub fn decode_template(bytes: &[u8]) -> Result<TemplateBook> {
    let mut r = Reader::new(bytes, TEMPLATE_MAGIC)?;
    let english = r.flag()?;
    let n = r.count(8)?;
    let mut intro = Vec::with_capacity(n);
    for _ in 0..n {
        intro.push((r.string()?, r.string()?));
    }
    let n = r.count(22)?;
    let mut columns = Vec::with_capacity(n);
    for _ in 0..n {
        let field = r.string()?;
        let header = r.string()?;
        let label_zh = r.string()?;
        let label_en = r.string()?;
        let kind = match r.u8()? {
            0 => FieldKind::Time,
            1 => FieldKind::Number,
            2 => FieldKind::Text,
            _ => return Err(damaged()),
        };
        let example = match r.u8()? {
            0 => None,
            1 => Some(Example::Number(r.f64()?)),
            2 => Some(Example::Text(r.string()?)),
            _ => return Err(damaged()),
        };
        let choices = r.strings()?;
        columns.push(TemplateColumn { field, header, label_zh, label_en, kind, example, choices });
    }
    r.end()?;
    Ok(TemplateBook { english, intro, columns })
}
