//! How much one file may hold. The defaults fit a browser tab (wasm32 memory ends at 4 GiB, and a
//! JS string at 512 MiB); each can be lowered, or raised up to a hard ceiling, through the
//! `limits` option of `parseTable` / `evaluateTable`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// Limits on one imported file; every breach is an error naming the limit and the value found.
///
/// ```
/// use bizenv::ledger::table::{parse_table, Limits, TableOptions};
/// let options = TableOptions { limits: Limits { rows: 2, ..Limits::default() }, ..TableOptions::default() };
/// let csv = "编号,受理时间\nA,2023-07-14\nB,2023-07-14\nC,2023-07-14\n";
/// let err = parse_table(csv.as_bytes(), "a.csv", &options).unwrap_err();
/// assert!(err.message_en().contains("more than 2 rows"), "{err}");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Limits {
    /// Size of the file itself, in bytes.
    pub file_bytes: u64,
    /// Rows holding anything (header rows included).
    pub rows: u64,
    /// Columns: the position of the last cell of a row, counted from 1.
    pub columns: u64,
    /// Characters in one cell (Excel's own limit is 32 767).
    pub cell_chars: u64,
    /// Bytes of XML an .xlsx may unpack to, all entries together.
    pub unzipped_bytes: u64,
    /// How many times larger than its packed size one .xlsx entry may unpack to (entries over 1 MiB).
    pub zip_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { file_bytes: 200 << 20, rows: MAX_ROWS, columns: 1_000, cell_chars: 32_767, unzipped_bytes: 1 << 30, zip_ratio: 200 }
    }
}

/// Rows one import may hold, by default and at most. Measured (BENCHMARKS.md, "Import and
/// memory"): a Workspace holds about 240 bytes a 1.1 case and 410 bytes a power case, so
/// 2 000 000 power rows take about 1 GiB of wasm memory, and importing the same file again
/// (the earlier cases are held until the new ones are in) about 2 GiB: still clear of wasm32's
/// 4 GiB, where twice as many would not be.
pub const MAX_ROWS: u64 = 2_000_000;

/// The most any limit can be raised to: beyond this a browser tab runs out of memory.
pub const CEILING: Limits = Limits { file_bytes: 1 << 30, rows: MAX_ROWS, columns: 16_384, cell_chars: 1 << 20, unzipped_bytes: 3 << 30, zip_ratio: 10_000 };

impl Limits {
    /// Checks that every limit is at least 1 and at most [`CEILING`].
    pub fn check(&self) -> Result<()> {
        let pairs = [
            ("fileBytes", self.file_bytes, CEILING.file_bytes),
            ("rows", self.rows, CEILING.rows),
            ("columns", self.columns, CEILING.columns),
            ("cellChars", self.cell_chars, CEILING.cell_chars),
            ("unzippedBytes", self.unzipped_bytes, CEILING.unzipped_bytes),
            ("zipRatio", self.zip_ratio, CEILING.zip_ratio),
        ];
        for (name, value, max) in pairs {
            if value == 0 || value > max {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!("limits.{name} = {value} 无效：应为 1 至 {max}"),
                    format!("limits.{name} = {value} is out of range: expected 1 to {max}"),
                )
                .with_field("limits"));
            }
        }
        Ok(())
    }

    /// The file is larger than [`Limits::file_bytes`].
    pub fn check_file(&self, len: usize) -> Result<()> {
        if len as u64 > self.file_bytes {
            return Err(Error::new(
                ErrorKind::Range,
                format!("文件有 {}，超过了上限 {}：请拆分文件后分别导入", size(len as u64), size(self.file_bytes)),
                format!("the file is {}, over the limit of {}: split it and import the parts", size(len as u64), size(self.file_bytes)),
            )
            .with_field("limits"));
        }
        Ok(())
    }

    pub(crate) fn too_many_rows(&self) -> Error {
        Error::new(
            ErrorKind::Range,
            format!("表格有超过 {} 行数据，超过了行数上限：请按月份或县区拆分文件后分别导入", self.rows),
            format!("the table has more than {} rows, the limit: split it (by month or county) and import the parts", self.rows),
        )
        .with_field("limits")
    }

    pub(crate) fn too_many_columns(&self, row: u64, column: u64) -> Error {
        let letter = super::table::column_letter(usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX).min(1 << 20));
        Error::new(
            ErrorKind::Range,
            format!("第 {row} 行的 {letter} 列（第 {column} 列）有内容，超过了列数上限 {}：请删除多余的列后再导入", self.columns),
            format!("row {row} has a value in column {letter} (column {column}), beyond the limit of {} columns: delete the extra columns and import again", self.columns),
        )
        .with_field("limits")
    }
}

/// A byte count as people read it: "1.5 MB".
pub fn size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes >= 1 << 30 {
        format!("{:.2} GB", bytes as f64 / (MB * 1024.0))
    } else if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / MB)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}
