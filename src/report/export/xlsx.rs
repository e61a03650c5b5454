//! Sheets written as an .xlsx workbook (rust_xlsxwriter): a bold header row, frozen, with a
//! filter; numbers as numbers, text as text (never run as a formula), cut at Excel's 32 767
//! characters a cell.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::error::{Error, ErrorKind, Result};

use super::{Out, Sheet};

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

fn write_sheet(wb: &mut Workbook, sheet: &Sheet) -> std::result::Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    let numbers = Format::new().set_num_format("0.####");
    let ws = wb.add_worksheet().set_name(&sheet.name)?;
    for (i, h) in sheet.headers.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, col, h, &bold)?;
        ws.set_column_width(col, (h.chars().count() as f64 * 2.2).clamp(10.0, 40.0))?;
    }
    for (r, cells) in sheet.rows.iter().enumerate() {
        write_row(ws, u32::try_from(r + 1).unwrap_or(u32::MAX), cells, &numbers)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !sheet.headers.is_empty() {
        ws.autofilter(0, 0, u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX), u16::try_from(sheet.headers.len() - 1).unwrap_or(0))?;
    }
    Ok(())
}

/// The sheets as a workbook. The first sheet's size is checked against Excel's limits first.
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>> {
    if let Some(first) = sheets.first() {
        if first.headers.len() > 16_384 {
            return Err(Error::new(
                ErrorKind::Range,
                format!("{}有 {} 列，超过了 Excel 的上限 16384 列：请改为导出 CSV", first.name, first.headers.len()),
                format!("{} has {} columns, more than Excel's 16 384: export it as CSV instead", first.name, first.headers.len()),
            ));
        }
        if first.rows.len() >= 1_048_576 {
            return Err(Error::new(
                ErrorKind::Range,
                format!("{}有 {} 行，超过了 Excel 的上限 1048575 行：请改为导出 CSV", first.name, first.rows.len()),
                format!("{} has {} rows, more than Excel's 1 048 575: export it as CSV instead", first.name, first.rows.len()),
            ));
        }
    }
    let mut wb = Workbook::new();
    for sheet in sheets {
        write_sheet(&mut wb, sheet).map_err(xlsx_error)?;
    }
    wb.save_to_buffer().map_err(xlsx_error)
}
