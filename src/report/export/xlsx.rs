//! Sheets written as an .xlsx workbook (rust_xlsxwriter): a bold header row, frozen, with a
//! filter; numbers as numbers (rounded and formatted as the screen shows them where the sheet says
//! so), times as Excel date-times (`yyyy-mm-dd hh:mm`), shares as percentages, text as text (never
//! run as a formula, cut at Excel's 32 767 characters a cell); columns as wide as what they hold.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::error::{Error, ErrorKind, Result};

use super::{Out, Sheet, TimeShown};

fn xlsx_error(e: XlsxError) -> Error {
    Error::new(ErrorKind::Case, format!("生成 Excel 文件失败：{e}"), format!("could not write the Excel file: {e}"))
}

/// The formats of a sheet's cells, made once.
struct Formats {
    numbers: Format,
    date_time: Format,
    date: Format,
    percent: Format,
    /// `0`, `0.0`, `0.00`, ... by decimals.
    fixed: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        let fixed = (0..=10usize).map(|d| Format::new().set_num_format(if d == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(d)) })).collect();
        Formats {
            numbers: Format::new().set_num_format("0.####"),
            date_time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0.0%"),
            fixed,
        }
    }
}

fn excel_time(dt: &jiff::civil::DateTime) -> Option<ExcelDateTime> {
    let date = ExcelDateTime::from_ymd(u16::try_from(dt.year()).ok()?, u8::try_from(dt.month()).ok()?, u8::try_from(dt.day()).ok()?).ok()?;
    date.and_hms(u16::try_from(dt.hour()).ok()?, u8::try_from(dt.minute()).ok()?, f64::from(dt.second())).ok()
}

fn write_row(ws: &mut Worksheet, row: u32, cells: &[Out], formats: &Formats) -> std::result::Result<(), XlsxError> {
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
            Out::Number(x) => drop(ws.write_number_with_format(row, col, *x, &formats.numbers)?),
            Out::Time(dt, shown) => {
                let format = if *shown == TimeShown::Date { &formats.date } else { &formats.date_time };
                match excel_time(dt) {
                    Some(t) => drop(ws.write_datetime_with_format(row, col, &t, format)?),
                    // Before 1900 or after 9999: Excel has no date for it; the text says what it was.
                    None => drop(ws.write_string(row, col, cell.display())?),
                }
            }
            Out::Shown { value, decimals } => {
                let format = formats.fixed.get(usize::from(*decimals)).unwrap_or(&formats.numbers);
                ws.write_number_with_format(row, col, *value, format)?;
            }
            Out::Percent(x) => drop(ws.write_number_with_format(row, col, *x, &formats.percent)?),
            Out::Empty => {}
        }
    }
    Ok(())
}

/// How wide a text shows: a CJK character takes two columns.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 }).sum()
}

/// A new worksheet. Natively it is written row by row to a temporary file (rust_xlsxwriter's
/// constant-memory mode): a 200 000-row ledger is not held cell by cell in memory while it is
/// written. Strings are then stored inline rather than in a shared table, which Excel, WPS and
/// calamine all read. Where no temporary file can be made, and in the wasm build (no file system;
/// the feature is not compiled there), the sheet is kept in memory as before.
fn add_sheet(wb: &mut Workbook) -> std::result::Result<&mut Worksheet, XlsxError> {
    #[cfg(not(target_arch = "wasm32"))]
    let streamed = wb.add_worksheet_with_constant_memory().is_ok();
    #[cfg(target_arch = "wasm32")]
    let streamed = false;
    if !streamed {
        wb.add_worksheet();
    }
    let last = wb.worksheets_mut().len().saturating_sub(1);
    wb.worksheet_from_index(last)
}

/// Writes a sheet: its header row, then its rows as they come. Column widths come from the
/// header and the first thousand rows, held until the widths are set (a streamed sheet cannot
/// go back); the rest are written one at a time and dropped.
fn write_sheet<R: AsRef<[Out]>>(wb: &mut Workbook, name: &str, headers: &[String], rows: impl Iterator<Item = R>, formats: &Formats) -> std::result::Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    // A sheet without headers (a list of label and value) has no header row to freeze or filter.
    let has_header = headers.iter().any(|h| !h.is_empty());
    let first_data_row = u32::from(has_header);
    let mut rows = rows;
    let first: Vec<R> = rows.by_ref().take(1000).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| if has_header { display_width(h) } else { 0 }).collect();
    for cells in &first {
        let cells = cells.as_ref();
        if widths.len() < cells.len() {
            widths.resize(cells.len(), 0);
        }
        for (i, cell) in cells.iter().enumerate() {
            let w = match cell {
                Out::Time(_, TimeShown::DateTime) => 16,
                Out::Time(_, TimeShown::Date) => 10,
                Out::Empty => 0,
                other => display_width(&other.display()),
            };
            widths[i] = widths[i].max(w);
        }
    }
    let ws = add_sheet(wb)?.set_name(name)?;
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(u16::try_from(i).unwrap_or(u16::MAX), (*w as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    if has_header {
        for (i, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, u16::try_from(i).unwrap_or(u16::MAX), h, &bold)?;
        }
    }
    let mut written: u32 = 0;
    for cells in first.into_iter().chain(rows) {
        write_row(ws, written.saturating_add(first_data_row), cells.as_ref(), formats)?;
        written = written.saturating_add(1);
    }
    if has_header {
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, written, u16::try_from(headers.len() - 1).unwrap_or(0))?;
    }
    Ok(())
}

/// The sheets as a workbook. The first sheet's size is checked against Excel's limits first.
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>> {
    match sheets.split_first() {
        Some((first, rest)) => write_xlsx_streamed(&first.name, &first.headers, first.rows.iter(), rest),
        None => Workbook::new().save_to_buffer().map_err(xlsx_error),
    }
}

/// A workbook whose first sheet's rows are made one by one as they are written (natively, each
/// goes to the sheet's temporary file and is dropped: an evaluated ledger is never held whole as
/// cells), followed by `rest`. The first sheet's size is checked against Excel's limits first.
pub fn write_xlsx_streamed<R: AsRef<[Out]>>(name: &str, headers: &[String], rows: impl ExactSizeIterator<Item = R>, rest: &[Sheet]) -> Result<Vec<u8>> {
    if headers.len() > 16_384 {
        return Err(Error::new(
            ErrorKind::Range,
            format!("{name}有 {} 列，超过了 Excel 的上限 16384 列：请改为导出 CSV", headers.len()),
            format!("{name} has {} columns, more than Excel's 16 384: export it as CSV instead", headers.len()),
        ));
    }
    if rows.len() >= 1_048_576 {
        return Err(Error::new(
            ErrorKind::Range,
            format!("{name}有 {} 行，超过了 Excel 的上限 1048575 行：请改为导出 CSV", rows.len()),
            format!("{name} has {} rows, more than Excel's 1 048 575: export it as CSV instead", rows.len()),
        ));
    }
    let mut wb = Workbook::new();
    let formats = Formats::new();
    write_sheet(&mut wb, name, headers, rows, &formats).map_err(xlsx_error)?;
    for sheet in rest {
        write_sheet(&mut wb, &sheet.name, &sheet.headers, sheet.rows.iter(), &formats).map_err(xlsx_error)?;
    }
    wb.save_to_buffer().map_err(xlsx_error)
}
