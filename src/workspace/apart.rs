//! Ledgers read apart, on other threads, and added to one workspace in a set order: the command
//! line's many files on every core. Reading a file (decoding, parsing, converting each row into
//! a case, routing and evaluating it) is the work; it needs no working set, only the catalogue
//! and the settings, so each file is read in an empty workspace of its own ([`Workspace::reader`]).
//! Adding it ([`Workspace::absorb`]) renumbers its words into the receiving workspace's and
//! stages and commits it as `import_table` would: the same cases, rows, problems and summaries
//! as reading the files one after the other into that workspace.

use crate::error::{Error, ErrorKind, Lang, Result};
use crate::plan::catalog::Catalog;
use crate::plan::cases::Strings;
use crate::settings::Settings;

use super::import::{ImportOptions, ImportProgress, ImportReport, Read};
use super::{Stats, Workspace};
#[cfg(feature = "files")]
use crate::ledger::read::stream;

/// Bytes a ledger read from a reader is read at a time ([`Workspace::read_apart_from`]).
#[cfg(feature = "files")]
pub const READ_BLOCK: usize = stream::BLOCK;

/// A ledger read, routed and evaluated in a workspace of its own, waiting to be absorbed. It can
/// be sent to another thread.
pub struct LedgerRead {
    read: Read,
    strings: Strings,
    options: ImportOptions,
    stats: Stats,
    /// What the rows were read and evaluated under: `absorb` takes them only into a workspace
    /// with the same (the verdicts are kept, and the sets are found by catalogue position).
    read_under: (Catalog, Settings, Option<String>, Lang),
}

impl Workspace {
    /// An empty workspace with this one's catalogue and settings (evaluation instant and language
    /// included), to read a ledger in on another thread.
    pub fn reader(&self) -> Workspace {
        let mut reader = Workspace::blank(self.catalog.clone(), self.settings.clone(), self.engine.clone());
        reader.as_of = self.as_of.clone();
        reader.lang = self.lang;
        reader
    }

    /// Reads a ledger file in this (reader) workspace: every row read, routed and evaluated as
    /// `import_table` does, kept aside for [`Workspace::absorb`].
    ///
    /// ```
    /// use bizenv::workspace::{ImportOptions, Workspace};
    /// let mut ws = Workspace::new().unwrap();
    /// let options = ImportOptions { indicator: "1.1".into(), route: true, replace: false, ..ImportOptions::default() };
    /// let csv = "编号,所属县区,受理时间,办结时间\nA,麒麟区,2023-07-14 09:00,2023-07-14 10:00\n";
    /// let read = std::thread::scope(|s| s.spawn(|| ws.reader().read_apart(csv.as_bytes(), "a.csv", &options, &mut |_| true)).join()).unwrap().unwrap();
    /// let report = ws.absorb(read).unwrap();
    /// assert_eq!((report.committed, report.counts.rows_in, ws.dashboard().unwrap().cases), (true, 1, 1));
    /// ```
    pub fn read_apart(mut self, bytes: &[u8], file_name: &str, options: &ImportOptions, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<LedgerRead> {
        let read = self.read_ledger(bytes, file_name, options, progress)?;
        Ok(LedgerRead { read, strings: self.strings, options: options.clone(), stats: self.stats, read_under: (self.catalog, self.settings, self.as_of, self.lang) })
    }

    /// Reads a ledger file from a reader in this (reader) workspace, as [`Workspace::read_apart`]
    /// reads its bytes, with the same outcome: a text file (CSV, TSV, in any encoding the import
    /// reads) is read a block at a time, so that memory holds a block and the cases, not the
    /// file; an .xlsx sheet is read row by row on a thread of its own (read again whole, from
    /// scratch, when its rows come out of order); an .xls or an HTML table is read whole.
    ///
    /// ```
    /// use bizenv::workspace::{ImportOptions, Workspace};
    /// let mut ws = Workspace::new().unwrap();
    /// let options = ImportOptions { indicator: "1.1".into(), route: true, replace: false, ..ImportOptions::default() };
    /// let csv = "编号,所属县区,受理时间,办结时间\nA,麒麟区,2023-07-14 09:00,2023-07-14 10:00\n";
    /// let read = ws.reader().read_apart_from(std::io::Cursor::new(csv), "a.csv", &options, &mut |_| true).unwrap();
    /// let report = ws.absorb(read).unwrap();
    /// assert_eq!((report.committed, report.counts.rows_in, ws.dashboard().unwrap().cases), (true, 1, 1));
    /// ```
    #[cfg(feature = "files")]
    pub fn read_apart_from<R: std::io::Read + std::io::Seek + Send + 'static>(self, reader: R, file_name: &str, options: &ImportOptions, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<LedgerRead> {
        self.read_apart_in_blocks(reader, file_name, options, READ_BLOCK, progress)
    }

    /// [`Workspace::read_apart_from`] reading `block` bytes at a time: for the tests that cut
    /// text at every place (a character, a quoted line break, a byte-order mark across blocks).
    #[doc(hidden)]
    #[cfg(feature = "files")]
    pub fn read_apart_in_blocks<R: std::io::Read + std::io::Seek + Send + 'static>(mut self, reader: R, file_name: &str, options: &ImportOptions, block: usize, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<LedgerRead> {
        let table_options = self.table_options(options)?;
        let mut reader = reader;
        let file_size = reader.seek(std::io::SeekFrom::End(0)).unwrap_or(0);
        let read = match stream::open_reader(reader, file_name, &table_options, block)? {
            stream::Opening::Whole(bytes) => return self.read_apart(&bytes, file_name, options, progress),
            stream::Opening::Stream(mut opened) => {
                let total = match &*opened {
                    crate::ledger::read::Opened::Stream { feed: Some(feed), .. } => feed.total(),
                    _ => file_size,
                };
                let outcome = self.read_opened(&mut opened, file_name, options, &table_options, total, progress);
                // A sheet whose rows came out of order is read again whole, in a fresh reader:
                // nothing of the first attempt (cases, words) is kept.
                if let Some(bytes) = opened.read_again_whole() {
                    return self.reader().read_apart(&bytes?, file_name, options, progress);
                }
                outcome?
            }
        };
        Ok(LedgerRead { read, strings: self.strings, options: options.clone(), stats: self.stats, read_under: (self.catalog, self.settings, self.as_of, self.lang) })
    }

    /// Adds a ledger read apart to the working set, as if `import_table` had read it here: its
    /// words renumbered into this workspace's, staged (a stage before it is discarded) and
    /// committed. Its reader must have had this workspace's settings. The indicators it fills
    /// are aggregated when next asked for (once after many files, not after each), so the
    /// report's destinations carry no summary (an empty one): ask the workspace.
    pub fn absorb(&mut self, ledger: LedgerRead) -> Result<ImportReport> {
        let LedgerRead { mut read, strings, options, stats, read_under } = ledger;
        let (catalog, settings, as_of, lang) = &read_under;
        if (catalog, settings, as_of, lang) != (&self.catalog, &self.settings, &self.as_of, &self.lang) {
            return Err(Error::new(
                ErrorKind::Internal,
                "台账是在另一套指标目录或设置下读取的，不能并入：请重新读取",
                "the ledger was read under another catalogue or other settings and cannot be added: read it again",
            ));
        }
        let renumber = self.strings.absorb(&strings);
        read.source = renumber(read.source);
        for r in &mut read.receiving {
            for case in &mut r.cases {
                case.remap_words(&renumber);
            }
            for verdict in &mut r.verdicts {
                verdict.remap_words(&renumber);
            }
        }
        self.stats.cases_evaluated += stats.cases_evaluated;
        let staged = self.stage_read(read, &options, false)?;
        self.commit(staged.import_id, false)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const HEAD: &str = "编号,所属县区,受理时间,办结时间\n";

    fn options() -> ImportOptions {
        ImportOptions { indicator: "1.1".into(), route: true, replace: false, ..ImportOptions::default() }
    }

    fn read(ws: &Workspace, rows: &str, name: &str) -> LedgerRead {
        let text = format!("{HEAD}{rows}");
        std::thread::scope(|s| s.spawn(|| ws.reader().read_apart(text.as_bytes(), name, &options(), &mut |_| true)).join()).unwrap().unwrap()
    }

    fn setup_row(ws: &mut Workspace) -> (Option<f64>, usize, Option<bool>) {
        let view = ws.dashboard().unwrap();
        let row = view.dashboard.indicators.iter().find(|i| i.id == "1.1").unwrap();
        (row.value.map(|v| (v * 1e6).round() / 1e6), row.count, row.met)
    }

    /// Office hours 09:00–12:00 and 14:00–18:00 (7 h a day). A 2023-07-14 09:00 → 11:48 is 2.8 h;
    /// B Fri 17:00 → Mon 07-17 10:00 is 1 h + 1 h = 2 h. Read in the order b, a; added a, b.
    /// Mean (2.8 + 2) / 2 / 7 = 0.342857 days ≤ 0.4: met. Each case keeps its own county, though
    /// each file numbered its words from scratch.
    #[test]
    fn ledgers_read_apart_and_absorbed_are_aggregated_once_asked_for() {
        let mut ws = Workspace::new().unwrap();
        let b = read(&ws, "B,沾益区,2023-07-14 17:00,2023-07-17 10:00\n", "b.csv");
        let a = read(&ws, "A,麒麟区,2023-07-14 09:00,2023-07-14 11:48\n", "a.csv");
        ws.absorb(a).unwrap();
        ws.absorb(b).unwrap();
        assert_eq!(setup_row(&mut ws), (Some(0.342857), 2, Some(true)));
        let i = ws.index_of("1.1").unwrap();
        let counties: Vec<(&str, &str)> = ws.sets[i].cases.iter().map(|c| (ws.strings.get(c.county.unwrap()), ws.strings.get(c.source.unwrap()))).collect();
        assert_eq!(counties, [("麒麟区", "a.csv"), ("沾益区", "b.csv")]);
        // Undone as one edit each, the last first: A alone, 2.8 h / 7 h = 0.4 days.
        ws.undo().unwrap();
        assert_eq!(setup_row(&mut ws), (Some(0.4), 1, Some(true)));
    }

    /// A ledger read under other settings is refused, not added with verdicts that no longer hold.
    #[test]
    fn a_ledger_read_under_other_settings_is_refused() {
        let mut ws = Workspace::new().unwrap();
        let a = read(&ws, "A,麒麟区,2023-07-14 09:00,2023-07-14 11:48\n", "a.csv");
        ws.set_settings(&json!({"sessions": [["09:00", "12:00"]]})).unwrap();
        assert_eq!(ws.absorb(a).unwrap_err().kind(), ErrorKind::Internal);
        assert_eq!(setup_row(&mut ws).1, 0);
    }

    /// Verdicts waiting to be aggregated are not kept across a change of settings: with office
    /// hours 09:00–12:00 alone a day is 3 h, and A's 2.8 h are 0.933333 days, not 0.4.
    #[test]
    fn a_settings_change_before_aggregating_evaluates_the_absorbed_cases_again() {
        let mut ws = Workspace::new().unwrap();
        let a = read(&ws, "A,麒麟区,2023-07-14 09:00,2023-07-14 11:48\n", "a.csv");
        ws.absorb(a).unwrap();
        ws.set_settings(&json!({"sessions": [["09:00", "12:00"]]})).unwrap();
        assert_eq!(setup_row(&mut ws), (Some(0.933333), 1, Some(false)));
    }
}
