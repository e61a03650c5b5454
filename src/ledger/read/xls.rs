//! Old binary .xls workbooks (BIFF, Excel 97–2003), read by calamine once their largest sheet's
//! range is known to fit: calamine reads every sheet of an .xls into its full range.

use std::io::{Cursor, Read};

use calamine::{Reader, SheetVisible, Xls};

use super::xlsx::{cell_of, choose, hidden_of, unreadable, SheetRead, SparseRows};
use super::{column_letter, TableOptions};
use crate::error::{Error, ErrorKind, Result};

/// Most cells the range of one sheet of an .xls may span: calamine reads every sheet of an .xls
/// into its full range when the file is opened (about 56 bytes a cell), so a sheet with one cell
/// at A1 and one at IV65536 would take 900 MB. 4 M cells (a 65 536-row sheet of 64 columns) is
/// about 220 MB.
const XLS_RANGE_CELLS: u64 = 4 << 20;

/// The largest range any sheet of a BIFF .xls spans, told from its cell records before calamine
/// opens it: (rows, columns, last row from 0, last column from 0).
/// A cell area as (rows, columns, first row, first column).
type Area = (u64, u64, u32, u32);
/// A cell as (row, column).
type At = (u32, u32);

fn xls_largest_range(bytes: &[u8]) -> Option<Area> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let name = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"].into_iter().find(|n| file.is_stream(n))?;
    let mut stream = Vec::new();
    file.open_stream(name).ok()?.take(256 << 20).read_to_end(&mut stream).ok()?;
    let (mut largest, mut first, mut last): (Area, At, At) = ((0, 0, 0, 0), (u32::MAX, u32::MAX), (0, 0));
    let mut seen = false;
    let close = |first: &mut At, last: &mut At, seen: &mut bool, largest: &mut Area| {
        if *seen {
            let (rows, cols) = (u64::from(last.0 - first.0) + 1, u64::from(last.1 - first.1) + 1);
            if rows * cols > largest.0 * largest.1 {
                *largest = (rows, cols, last.0, last.1);
            }
        }
        *first = (u32::MAX, u32::MAX);
        *last = (0, 0);
        *seen = false;
    };
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&[]);
        at += 4 + len;
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])));
        let cells: Option<(u32, u32, u32)> = match kind {
            // BOF: a new sheet (or the workbook globals) starts.
            0x0809 => {
                close(&mut first, &mut last, &mut seen, &mut largest);
                None
            }
            // NUMBER, LABEL, LABELSST, RK, BLANK, BOOLERR, FORMULA, RSTRING: row, column.
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0201 | 0x0205 | 0x0006 | 0x00D6 => u16_at(0).zip(u16_at(2)).map(|(r, c)| (r, c, c)),
            // MULRK, MULBLANK: row, first column, …, last column.
            0x00BD | 0x00BE => u16_at(0).zip(u16_at(2)).zip(data.len().checked_sub(2).and_then(u16_at)).map(|((r, c), l)| (r, c, l.max(c))),
            _ => None,
        };
        if let Some((row, col, last_col)) = cells {
            seen = true;
            first = (first.0.min(row), first.1.min(col));
            last = (last.0.max(row), last.1.max(last_col));
        }
    }
    close(&mut first, &mut last, &mut seen, &mut largest);
    Some(largest)
}

/// Reads one sheet of an old binary .xls (BIFF, Excel 97–2003).
pub(crate) fn read_xls(bytes: &[u8], options: &TableOptions) -> Result<SheetRead> {
    if let Some((rows, cols, last_row, last_col)) = xls_largest_range(bytes) {
        if rows * cols > XLS_RANGE_CELLS {
            let cell = format!("{}{}", column_letter(last_col as usize), last_row + 1);
            return Err(Error::new(
                ErrorKind::Range,
                format!("这个旧版 .xls 文件的一个工作表跨 {rows} 行 × {cols} 列（到 {cell}），超过了 .xls 可读取的 {XLS_RANGE_CELLS} 个单元格：请删除远处的单元格，或在 Excel/WPS 中另存为 .xlsx 后再导入"),
                format!("a sheet of this old .xls file spans {rows} rows × {cols} columns (to {cell}), more than the {XLS_RANGE_CELLS} cells an .xls can be read with: delete the far cells, or save it as .xlsx in Excel or WPS and import that"),
            )
            .with_field("limits"));
        }
    }
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| unreadable(".xls", &e))?;
    let meta = wb.sheets_metadata().to_vec();
    let names: Vec<String> = meta.iter().map(|s| s.name.clone()).collect();
    let visible: Vec<bool> = meta.iter().map(|s| s.visible == SheetVisible::Visible).collect();
    let (sheet, notes) = choose(&names, &visible, options)?;
    let range = wb.worksheet_range(&sheet).map_err(|e| unreadable(".xls", &e))?;
    let mut rows = SparseRows::new(&options.limits);
    for (row0, col0, data) in range.used_cells() {
        let (row0, col0) = (u32::try_from(row0).unwrap_or(u32::MAX), u32::try_from(col0).unwrap_or(u32::MAX));
        let (row0, col0) = (row0.saturating_add(range.start().map_or(0, |s| s.0)), col0.saturating_add(range.start().map_or(0, |s| s.1)));
        let cell = cell_of(&mut rows, row0, col0, data);
        rows.put(row0, col0, cell)?;
    }
    let merges = wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default().into_iter().take(100_000).collect();
    let (grid, issues) = rows.into_grid();
    Ok(SheetRead { sheets: names, hidden: hidden_of(&meta), sheet, grid, merges, issues, notes })
}

