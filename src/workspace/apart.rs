//! Ledgers read apart, on other threads, and added to one workspace in a set order: the command
//! line's many files on every core. Reading a file (decoding, parsing, converting each row into
//! a case, routing and evaluating it) is the work; it needs no working set, only the catalogue
//! and the settings, so each file is read in an empty workspace of its own ([`Workspace::reader`]).
//! Adding it ([`Workspace::absorb`]) renumbers its words into the receiving workspace's and
//! stages and commits it as `import_table` would: the same cases, rows, problems and summaries
//! as reading the files one after the other into that workspace.

use crate::error::Result;
use crate::plan::cases::Strings;

use super::import::{ImportOptions, ImportProgress, ImportReport, Read};
use super::{Stats, Workspace};

/// A ledger read, routed and evaluated in a workspace of its own, waiting to be absorbed. It can
/// be sent to another thread.
pub struct LedgerRead {
    read: Read,
    strings: Strings,
    options: ImportOptions,
    stats: Stats,
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
        Ok(LedgerRead { read, strings: self.strings, options: options.clone(), stats: self.stats })
    }

    /// Adds a ledger read apart to the working set, as if `import_table` had read it here: its
    /// words renumbered into this workspace's, staged (a stage before it is discarded) and
    /// committed. Its reader must have had this workspace's settings.
    pub fn absorb(&mut self, ledger: LedgerRead) -> Result<ImportReport> {
        let LedgerRead { mut read, strings, options, stats } = ledger;
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
        let staged = self.stage_read(read, &options)?;
        self.commit_import(staged.import_id)
    }
}
