//! Workbooks read by their cells, never by their declared range: memory follows the cells that
//! are present. An .xlsx is a zip: its XML entries are checked before calamine reads them, by the
//! sizes they declare and by the bytes they really unpack to, so that a zip bomb or a lying header
//! is refused with a message instead of filling the tab's memory.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, SheetVisible, Xlsx};

use super::limits::size;
use super::{clip, clip_message, too_many_cells, Cell, Grid, Issue, Limits, Merges, SheetChoice, TableOptions, CELL_BUDGET};
use crate::error::{Error, ErrorKind, Result};

/// One sheet as read: every sheet's name, the one read, its rows, its merged areas, what went wrong
/// in its cells, and what the user should know (a hidden sheet passed over).
pub(crate) struct SheetRead {
    pub sheets: Vec<String>,
    pub hidden: Vec<String>,
    pub sheet: String,
    pub grid: Grid,
    pub merges: Merges,
    /// Problems found in cells (error values, formulas without a result, over-long text).
    pub issues: Vec<Issue>,
    pub notes: Vec<Error>,
}

pub(super) fn unreadable(kind: &str, e: &dyn std::fmt::Display) -> Error {
    let detail = clip_message(&e.to_string());
    Error::new(
        ErrorKind::Parse,
        format!("无法读取 Excel 文件：{detail}；请确认是未加密的 {kind} 文件，或在 Excel/WPS 中另存为 .xlsx 后再导入"),
        format!("cannot read the Excel file: {detail}; check that it is an unencrypted {kind} file, or save it as .xlsx in Excel or WPS and import it again"),
    )
}

/// Checks every XML entry of a zip before it is unpacked: declared size and packing ratio, then
/// the bytes it really unpacks to (read and thrown away, never held).
pub(crate) fn check_zip<R: Read + std::io::Seek>(reader: R, limits: &Limits) -> Result<()> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| unreadable(".xlsx", &e))?;
    if zip.len() > 10_000 {
        return Err(unreadable(".xlsx", &format!("{} entries", zip.len())));
    }
    let bomb = |name: &str, what_zh: String, what_en: String| {
        Error::new(
            ErrorKind::Range,
            format!("Excel 文件中的「{}」{what_zh}：文件已损坏或是恶意构造的，未读取", clip(name, 80)),
            format!("the Excel file's entry \"{}\" {what_en}: the file is damaged or crafted, and was not read", clip(name, 80)),
        )
        .with_field("limits")
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| unreadable(".xlsx", &e))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        // calamine reads only the XML parts (workbook, sheets, strings, styles, relations).
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let packed = entry.compressed_size().max(1);
        let ratio_breached = |unpacked: u64| unpacked > 1 << 20 && unpacked / packed > limits.zip_ratio;
        let declared = entry.size();
        if declared > limits.unzipped_bytes.saturating_sub(total) {
            return Err(bomb(&name, format!("解压后有 {}，超过了上限 {}", size(declared), size(limits.unzipped_bytes)), format!("unpacks to {}, over the limit of {}", size(declared), size(limits.unzipped_bytes))));
        }
        if ratio_breached(declared) {
            return Err(bomb(&name, format!("压缩比 {}:1 超过了上限 {}:1", declared / packed, limits.zip_ratio), format!("is packed {}:1, over the limit of {}:1", declared / packed, limits.zip_ratio)));
        }
        let room = limits.unzipped_bytes - total;
        let unpacked = std::io::copy(&mut entry.take(room + 1), &mut std::io::sink()).map_err(|e| unreadable(".xlsx", &e))?;
        if unpacked > room {
            return Err(bomb(&name, format!("解压后超过了上限 {}（文件头声明的大小不实）", size(limits.unzipped_bytes)), format!("unpacks to more than the limit of {} (its header understates its size)", size(limits.unzipped_bytes))));
        }
        if ratio_breached(unpacked) {
            return Err(bomb(&name, format!("压缩比 {}:1 超过了上限 {}:1", unpacked / packed, limits.zip_ratio), format!("is packed {}:1, over the limit of {}:1", unpacked / packed, limits.zip_ratio)));
        }
        total += unpacked;
    }
    Ok(())
}

/// Picks the sheet to read: the one asked for, else the first visible one, saying so when a
/// hidden sheet comes first or a hidden sheet was asked for.
pub(super) fn choose(names: &[String], visible: &[bool], options: &TableOptions) -> Result<(String, Vec<Error>)> {
    let mut notes = Vec::new();
    let index = match &options.sheet {
        None => {
            let first = visible.iter().position(|v| *v);
            if let Some(i) = first.filter(|i| *i > 0) {
                let skipped: Vec<&str> = names[..i].iter().map(String::as_str).collect();
                notes.push(Error::new(
                    ErrorKind::Parse,
                    format!("隐藏的工作表「{}」未读取，已读取第一个可见的工作表「{}」；如需读取隐藏的表，请在“工作表”中选择（命令行用 --sheet）", skipped.join("」「"), names[i]),
                    format!("hidden sheet \"{}\" was not read; the first visible sheet \"{}\" was; choose a hidden sheet under Sheet (--sheet on the command line) to read it", skipped.join("\", \""), names[i]),
                ));
            }
            first.or(if names.is_empty() { None } else { Some(0) })
        }
        Some(SheetChoice::Index(i)) => (*i < names.len()).then_some(*i),
        Some(SheetChoice::Name(n)) => names.iter().position(|s| s == n),
    };
    let Some(index) = index else {
        let wanted = match &options.sheet {
            Some(SheetChoice::Index(i)) => (format!("第 {} 个", i + 1), format!("number {}", i + 1)),
            Some(SheetChoice::Name(n)) => (format!("「{}」", clip(n, 80)), format!("\"{}\"", clip(n, 80))),
            None => (String::new(), String::new()),
        };
        return Err(Error::new(
            ErrorKind::Parse,
            format!("找不到工作表{}：文件中的工作表为 {}", wanted.0, names.join("、")),
            format!("no sheet {}: the file's sheets are {}", wanted.1, names.join(", ")),
        )
        .with_field("sheet"));
    };
    if options.sheet.is_some() && !visible.get(index).copied().unwrap_or(true) {
        notes.push(Error::new(ErrorKind::Parse, format!("工作表「{}」在 Excel 中是隐藏的", names[index]), format!("sheet \"{}\" is hidden in Excel", names[index])));
    }
    Ok((names[index].clone(), notes))
}

/// Rows gathered cell by cell, within the limits.
pub(crate) struct SparseRows<'a> {
    rows: BTreeMap<u32, Vec<Cell>>,
    limits: &'a Limits,
    stored: u64,
    /// Rows already handed out by [`SparseRows::finished_before`] (a sheet read row by row).
    handed_out: u64,
    /// Problems handed out with their rows: with those still held, at most 100 000 are kept, as
    /// when the sheet is read whole.
    issues_handed_out: usize,
    pub issues: Vec<Issue>,
}

impl<'a> SparseRows<'a> {
    pub fn new(limits: &'a Limits) -> Self {
        SparseRows { rows: BTreeMap::new(), limits, stored: 0, handed_out: 0, issues_handed_out: 0, issues: Vec::new() }
    }

    /// Puts a cell at its 0-based position. Empty cells take no room.
    pub fn put(&mut self, row0: u32, col0: u32, cell: Cell) -> Result<()> {
        if cell.is_empty() {
            return Ok(());
        }
        let row = row0.saturating_add(1);
        if u64::from(col0) >= self.limits.columns {
            return Err(self.limits.too_many_columns(u64::from(row), u64::from(col0) + 1));
        }
        if !self.rows.contains_key(&row) && self.rows.len() as u64 + self.handed_out >= self.limits.rows {
            return Err(self.limits.too_many_rows());
        }
        let cells = self.rows.entry(row).or_default();
        let col = col0 as usize;
        if cells.len() <= col {
            self.stored += (col + 1 - cells.len()) as u64;
            if self.stored > self.limits.rows.saturating_mul(self.limits.columns).min(CELL_BUDGET) {
                return Err(too_many_cells());
            }
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        Ok(())
    }

    /// A problem found in a cell (1-based row).
    pub fn issue(&mut self, row0: u32, col0: u32, value: Option<String>, error: Error) {
        if self.issues.len() + self.issues_handed_out < 100_000 {
            self.issues.push(Issue { row: row0.saturating_add(1), col: Some(col0 as usize), value, whole_row: false, error });
        }
    }

    pub fn into_grid(self) -> (Grid, Vec<Issue>) {
        (self.rows.into_iter().collect(), self.issues)
    }

    /// Hands out the rows numbered below `below` (1-based; `None`: every row), in order, each
    /// with its problems; problems of rows that hold nothing are dropped, as the rows of
    /// `into_grid` drop them.
    #[cfg(feature = "files")]
    pub fn finished_before(&mut self, below: Option<u32>) -> Vec<super::RawRow> {
        let later = match below {
            Some(row) => self.rows.split_off(&row),
            None => BTreeMap::new(),
        };
        let finished = std::mem::replace(&mut self.rows, later);
        let (mut before, after): (Vec<Issue>, Vec<Issue>) = std::mem::take(&mut self.issues).into_iter().partition(|i| below.map_or(true, |row| i.row < row));
        self.issues = after;
        self.issues_handed_out += before.len();
        self.handed_out += finished.len() as u64;
        finished
            .into_iter()
            .map(|(row, cells)| {
                let (mine, others): (Vec<Issue>, Vec<Issue>) = before.drain(..).partition(|i| i.row == row);
                before = others;
                super::RawRow { row, cells, issues: mine, extra_lines: 0 }
            })
            .collect()
    }
}

/// A cell as read: text trimmed, dates written out, error values reported.
pub(crate) fn cell_of(rows: &mut SparseRows, row0: u32, col0: u32, data: &Data) -> Cell {
    let text = |s: &str, rows: &mut SparseRows| super::csv::cell_of_text(s.to_string(), row0 + 1, col0 as usize, rows.limits, &mut rows.issues);
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(x) => Cell::Number(*x),
        // Written out as text so that the 1904 date system needs no care downstream; a whole
        // serial is a date without a time, as Excel stores a date-only cell.
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let time = (dt.as_f64().fract() != 0.0).then_some((h, mi, s));
            Cell::Text(date_time_text(y, mo, d, time))
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text(s, rows),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::Error(e) => {
            let shown = e.to_string();
            rows.issue(
                row0,
                col0,
                Some(shown.clone()),
                Error::new(
                    ErrorKind::Parse,
                    format!("单元格是错误值 {shown}（公式出错）：请在 Excel 或 WPS 中改正公式或填入数值后再导入"),
                    format!("the cell holds the error value {shown} (a failed formula): fix the formula or enter the value in Excel or WPS, then import again"),
                ),
            );
            Cell::Text(shown)
        }
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, as `format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")`
/// writes it, digit by digit: `format!` was a tenth of reading a sheet of dates.
fn date_time_text(year: u16, month: u8, day: u8, time: Option<(u8, u8, u8)>) -> String {
    if year > 9999 || [month, day].into_iter().chain(time.map_or([0; 3], |(h, mi, s)| [h, mi, s])).any(|n| n > 99) {
        return match time {
            None => format!("{year:04}-{month:02}-{day:02}"),
            Some((h, mi, s)) => format!("{year:04}-{month:02}-{day:02} {h:02}:{mi:02}:{s:02}"),
        };
    }
    let mut text = String::with_capacity(19);
    push_digits(&mut text, year, 4);
    for (separator, n) in [('-', month), ('-', day)] {
        text.push(separator);
        push_digits(&mut text, u16::from(n), 2);
    }
    if let Some((h, mi, s)) = time {
        for (separator, n) in [(' ', h), (':', mi), (':', s)] {
            text.push(separator);
            push_digits(&mut text, u16::from(n), 2);
        }
    }
    text
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(text: &mut String, n: u16, width: u32) {
    for place in (0..width).rev() {
        text.push(char::from(b'0' + (n / 10u16.pow(place) % 10) as u8));
    }
}

/// Reads one sheet of an .xlsx, cell by cell.
pub(crate) fn read_xlsx(bytes: &[u8], options: &TableOptions) -> Result<SheetRead> {
    check_zip(Cursor::new(bytes), &options.limits)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(".xlsx", &e))?;
    let (names, meta, sheet, notes) = open_sheet(&mut wb, options)?;
    let mut rows = SparseRows::new(&options.limits);
    {
        let mut reader = wb.worksheet_cells_reader(&sheet).map_err(|e| unreadable(".xlsx", &e))?;
        while let Some(record) = reader.next_cell_with_formula_metadata().map_err(|e| unreadable(".xlsx", &e))? {
            take_cell(&mut rows, record)?;
        }
    }
    let merges = merges_of(&mut wb, &sheet);
    let (grid, issues) = rows.into_grid();
    Ok(SheetRead { sheets: names, hidden: hidden_of(&meta), sheet, grid, merges, issues, notes })
}

/// A workbook's sheet names and metadata, the sheet to read and what to say about the choice.
pub(super) type SheetChosen = (Vec<String>, Vec<calamine::Sheet>, String, Vec<Error>);

/// Lists a workbook's sheets and picks the one to read (`choose`).
pub(super) fn open_sheet<RS: Read + std::io::Seek>(wb: &mut Xlsx<RS>, options: &TableOptions) -> Result<SheetChosen> {
    let meta = wb.sheets_metadata().to_vec();
    let names: Vec<String> = meta.iter().map(|s| s.name.clone()).collect();
    let visible: Vec<bool> = meta.iter().map(|s| s.visible == SheetVisible::Visible).collect();
    let (sheet, notes) = choose(&names, &visible, options)?;
    Ok((names, meta, sheet, notes))
}

/// A sheet's merged areas (a pass of their own over its XML), at most 100 000 of them.
pub(super) fn merges_of<RS: Read + std::io::Seek>(wb: &mut Xlsx<RS>, sheet: &str) -> Merges {
    let merges = wb.merge_cells_by_sheet_name(sheet).unwrap_or_default();
    merges.into_iter().take(100_000).collect()
}

/// Puts one cell as read into `rows`: its value, or for a formula whose result was not saved a
/// placeholder and a problem to report.
pub(super) fn take_cell(rows: &mut SparseRows, record: calamine::XlsxCellFormulaMetadataRecord<'_>) -> Result<()> {
    let (row0, col0) = record.pos;
    if record.formula.is_some() && matches!(record.value, DataRef::Empty) {
        let formula = match &record.formula {
            Some(calamine::XlsxFormulaMetadata::Normal { formula } | calamine::XlsxFormulaMetadata::Shared { formula, .. }) => Some(format!("={}", clip(formula, 80))),
            _ => None,
        };
        if u64::from(col0) < rows.limits.columns {
            rows.issue(
                row0,
                col0,
                formula.clone(),
                Error::new(
                    ErrorKind::Parse,
                    "单元格是公式，但文件中没有保存它的计算结果（文件不是由 Excel/WPS 保存的，或保存前未重新计算）：请在 Excel 或 WPS 中打开文件、保存一次后再导入",
                    "the cell is a formula whose result was not saved in the file (it was not saved by Excel or WPS, or not recalculated before saving): open the file in Excel or WPS, save it once, and import it again",
                ),
            );
            // A placeholder, so that the row is not taken for empty.
            rows.put(row0, col0, Cell::Text(formula.unwrap_or_else(|| "=…".into())))?;
        }
        return Ok(());
    }
    let data = Data::from(record.value);
    let cell = cell_of(rows, row0, col0, &data);
    rows.put(row0, col0, cell)
}

pub(super) fn hidden_of(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter().filter(|s| s.visible != SheetVisible::Visible).map(|s| s.name.clone()).collect()
}

#[cfg(test)]
mod date_text_tests {
    use super::date_time_text;

    #[test]
    fn dates_are_written_as_format_writes_them() {
        assert_eq!(date_time_text(2023, 7, 14, None), "2023-07-14");
        assert_eq!(date_time_text(2023, 7, 14, Some((9, 30, 0))), "2023-07-14 09:30:00");
        assert_eq!(date_time_text(900, 1, 2, Some((23, 5, 59))), "0900-01-02 23:05:59");
        for (y, mo, d, h, mi, s) in [(1900, 1, 1, 0, 0, 0), (9999, 12, 31, 23, 59, 59), (2024, 2, 29, 12, 0, 1)] {
            assert_eq!(date_time_text(y, mo, d, Some((h, mi, s))), format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"));
        }
    }
}
