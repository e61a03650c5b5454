//! A sheet written as CSV: UTF-8 with BOM and CRLF, so that Excel opens it correctly; text that a
//! spreadsheet would run as a formula defused.

use crate::error::{Error, ErrorKind, Result};

use super::{defuse, Out, Sheet};

pub fn write_csv(sheet: &Sheet) -> Result<String> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let fail = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Case, format!("生成 CSV 失败：{e}"), format!("could not write the CSV: {e}"));
    w.write_record(sheet.headers.iter().map(|h| defuse(h))).map_err(|e| fail(&e))?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|c| match c {
            Out::Text(s) => defuse(s),
            other => other.display(),
        }))
        .map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
