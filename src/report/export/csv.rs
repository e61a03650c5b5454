//! A sheet written as CSV: UTF-8 with BOM and CRLF, so that Excel opens it correctly; text that a
//! spreadsheet would run as a formula defused.

use crate::error::{Error, ErrorKind, Result};

use super::{defuse, Out, Sheet};

pub fn write_csv(sheet: &Sheet) -> Result<String> {
    let mut bytes = Vec::new();
    write_csv_rows(&sheet.headers, sheet.rows.iter(), &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A sheet as CSV written to `out` row by row as its rows are made (the command line's
/// `-o ledger.csv`: never the whole ledger as cells); the bytes of `write_csv`.
pub fn write_csv_rows<R: AsRef<[Out]>>(headers: &[String], rows: impl Iterator<Item = R>, out: &mut dyn std::io::Write) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| Error::new(ErrorKind::Case, format!("生成 CSV 失败：{e}"), format!("could not write the CSV: {e}"));
    out.write_all("\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(headers.iter().map(|h| defuse(h))).map_err(|e| fail(&e))?;
    for row in rows {
        w.write_record(row.as_ref().iter().map(|c| match c {
            Out::Text(s) => defuse(s),
            other => other.display(),
        }))
        .map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}
