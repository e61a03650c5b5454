//! An import staged: a ledger read, routed and evaluated into sets of its own, held beside the
//! working set until the user has seen where its rows go. The dashboard, the counts, the
//! autosave, the project file and the exports see only the working set; `commit_import` moves
//! the staged cases in (nothing evaluated again; an undo entry as for any import) and
//! `discard_import` drops them.
//!
//! What happens meanwhile, decided once:
//! - **One stage at a time**: staging another import discards the one before (the page re-stages
//!   when the sheet, header row, a column or the indicator changes).
//! - **Edits of the working set leave the stage as it is** (a case put or deleted, undo, clear,
//!   the sample or a project loaded): each staged row was evaluated on its own, so the working
//!   set does not change its verdict; committing adds the rows to the working set as it is then,
//!   replacing the cases of an earlier import of the same file found there then.
//! - **Settings changed meanwhile**: the staged rows are evaluated again once, on commit, under
//!   the settings in force then (a verdict is never kept from other settings).

use serde::Serialize;

use crate::error::{Error, ErrorKind, Lang, Message, Result};
use crate::evaluate::{method, Evaluation, Status, Summary, Verdict};
use crate::ledger::table::warnings;
use crate::ledger::RowCounts;
use crate::plan::cases::Case;

use super::edits::Undo;
use super::import::{Destination, Import, ImportOptions, ImportProgress, ImportReport, Read};
use super::store::Key;
use super::Workspace;

/// The import staged: its record, its rows per receiving indicator, and its report.
pub(crate) struct Staged {
    pub import: Import,
    pub parts: Vec<Part>,
    /// The settings revision the rows were evaluated under.
    pub settings_revision: u64,
    /// Whether committing replaces the cases of an earlier import of the same file.
    pub replace: bool,
    pub report: ImportReport,
}

/// The staged rows of one indicator the ledger may fill (possibly none: committing still
/// replaces that indicator's cases of an earlier import of the same file).
pub(crate) struct Part {
    pub set: usize,
    pub cases: Vec<Case>,
    pub verdicts: Vec<Verdict>,
    pub with_problems: usize,
}

/// What `discard_import` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Discarded {
    pub import_id: u32,
    /// The rows dropped.
    pub rows: usize,
}

impl Workspace {
    /// Reads, routes and evaluates a ledger file into a staged import, beside the working set
    /// (which does not change): its report says where the rows would go. A staged import before
    /// it is discarded. `progress` as for `import_table`; a cancel leaves nothing staged.
    ///
    /// ```
    /// use bizenv::workspace::{ImportOptions, Workspace};
    /// let mut ws = Workspace::new().unwrap();
    /// let csv = "编号,受理时间,办结时间\nA,2023-07-14 09:00,2023-07-14 10:00\n";
    /// let options = ImportOptions { indicator: "1.1".into(), route: true, replace: true, ..ImportOptions::default() };
    /// let staged = ws.stage_import(csv.as_bytes(), "a.csv", &options, &mut |_| true).unwrap();
    /// assert_eq!((staged.committed, staged.counts.rows_in, ws.dashboard().unwrap().cases), (false, 1, 0));
    /// let done = ws.commit_import(staged.import_id).unwrap();
    /// assert_eq!((done.committed, ws.dashboard().unwrap().cases), (true, 1));
    /// ```
    pub fn stage_import(&mut self, bytes: &[u8], file_name: &str, options: &ImportOptions, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<ImportReport> {
        // Dropped first: never two staged ledgers in memory at once.
        self.staged = None;
        let read = self.read_ledger(bytes, file_name, options, progress)?;
        self.stage_read(read, options, true)
    }

    /// Stages a ledger already read (here, or apart and absorbed): its report says where the
    /// rows would go, with the summary of the rows going to each indicator when `summaries`
    /// (else an empty one: `absorb` commits at once and aggregates later).
    pub(super) fn stage_read(&mut self, read: Read, options: &ImportOptions, summaries: bool) -> Result<ImportReport> {
        self.staged = None;
        let import_id = self.imports.iter().map(|i| i.id).max().unwrap_or(0).max(self.last_import_id) + 1;
        self.last_import_id = import_id;
        let mut parts = Vec::new();
        let mut destinations = Vec::new();
        let (mut rows_in, mut with_problems) = (0, 0);
        for r in read.receiving {
            let Workspace { catalog, strings, engine, sets, stats, .. } = self;
            let ind = &catalog.indicators[r.set];
            // Cases of an earlier import of this file that committing would replace.
            let replaced = if options.replace { sets[r.set].cases.iter().filter(|c| c.source == Some(read.source)).count() } else { 0 };
            rows_in += r.rows;
            with_problems += r.with_problems;
            // The staged rows' own summary (aggregated, not evaluated again).
            let (summary, verdicts) = if summaries {
                stats.aggregations += 1;
                let eval = Evaluation::aggregate(catalog, ind, &r.cases, strings, engine, r.verdicts);
                (eval.summary, eval.verdicts)
            } else {
                (Summary::default(), r.verdicts)
            };
            if r.rows > 0 || replaced > 0 {
                destinations.push(Destination {
                    indicator_id: ind.id.clone(),
                    rows: r.rows,
                    evaluated: r.rows.saturating_sub(r.with_problems),
                    with_problems: r.with_problems,
                    replaced,
                    summary,
                });
            }
            parts.push(Part { set: r.set, cases: r.cases, verdicts, with_problems: r.with_problems });
        }
        let counts = RowCounts { rows_in, evaluated: rows_in.saturating_sub(with_problems), with_problems, blank: read.blank };
        let import = Import {
            id: import_id,
            file_name: read.name.clone(),
            source: read.source,
            indicator: options.indicator.clone(),
            header_row: read.header_row,
            columns: read.columns.clone(),
            counts,
            destinations: destinations.iter().map(|d| (d.indicator_id.clone(), d.rows)).collect(),
            warnings: warnings(&read.meta, &read.columns, Lang::Zh).into_iter().zip(warnings(&read.meta, &read.columns, Lang::En)).map(|(zh, en)| Message::new(zh, en)).collect(),
            meta: read.meta,
        };
        let report = ImportReport {
            import_id,
            committed: false,
            file_name: read.name,
            sheets: import.meta.sheets.clone(),
            hidden_sheets: import.meta.hidden.clone(),
            sheet: import.meta.sheet.clone(),
            encoding: import.meta.encoding.clone(),
            encoding_confidence: import.meta.confidence.clone(),
            delimiter: import.meta.delimiter.clone(),
            header_row: read.header_row,
            columns: read.columns,
            preview: read.preview,
            counts,
            destinations,
            problems: Vec::new(),
            problems_total: 0,
            warnings: import.warnings.iter().map(|w| w.pick(self.lang)).collect(),
        };
        self.staged = Some(Staged { import, parts, settings_revision: self.settings_revision, replace: options.replace, report });
        let page = self.problems(import_id, 0, 100)?;
        let staged = self.staged.as_mut().ok_or_else(|| no_staged(import_id))?;
        staged.report.problems = page.rows;
        staged.report.problems_total = page.total;
        Ok(staged.report.clone())
    }

    /// The id of the import staged, if any.
    pub fn staged_import(&self) -> Option<u32> {
        self.staged.as_ref().map(|s| s.import.id)
    }

    /// Adds the staged import `import_id` to the working set: its cases move in under new keys
    /// with their verdicts (evaluated again only if the settings changed since it was staged),
    /// the cases of an earlier import of the same file are replaced, each indicator it fills is
    /// aggregated once, and the import can be undone as one edit. Returns its report, with each
    /// destination's summary now that of the indicator with the new cases.
    pub fn commit_import(&mut self, import_id: u32) -> Result<ImportReport> {
        self.commit(import_id, true)
    }

    /// Commits the staged import; `aggregate: false` keeps the indicators' verdicts to be
    /// aggregated when they are next asked for (for many ledgers added in a row), and the report's
    /// summaries are then those of the staged report.
    pub(super) fn commit(&mut self, import_id: u32, aggregate: bool) -> Result<ImportReport> {
        let mut staged = match self.staged.take() {
            Some(s) if s.import.id == import_id => s,
            other => {
                self.staged = other;
                return Err(no_staged(import_id));
            }
        };
        // Everything that can fail comes before the working set changes: an error leaves the
        // import staged and the working set as it was, never half an import without its undo.
        if let Err(e) = self.ready_to_commit(&mut staged) {
            self.staged = Some(staged);
            return Err(e);
        }
        let Staged { mut import, parts, replace, mut report, .. } = staged;
        let mut destinations = Vec::new();
        let mut added = Vec::new();
        let mut replaced_all = Vec::new();
        let (mut rows_in, mut with_problems) = (0, 0);
        for mut part in parts {
            let i = part.set;
            let rows = part.cases.len();
            let earlier = replace && self.sets[i].cases.iter().any(|c| c.source == Some(import.source));
            if rows == 0 && !earlier {
                continue;
            }
            let revision = self.settings_revision;
            let Workspace { catalog, strings, engine, sets, stats, next_key, .. } = self;
            let ind = &catalog.indicators[i];
            let set = &mut sets[i];
            let mut verdicts = set.take_verdicts().unwrap_or_default();
            let mut replaced = Vec::new();
            if earlier {
                let (keys, cases) = (std::mem::take(&mut set.keys), std::mem::take(&mut set.cases));
                let mut kept = Vec::with_capacity(cases.len());
                let mut kept_verdicts = Vec::with_capacity(verdicts.len());
                for ((k, c), v) in keys.into_iter().zip(cases).zip(verdicts) {
                    if c.source == Some(import.source) {
                        replaced.push((k, c, Some((v, revision))));
                    } else {
                        kept.push((k, c));
                        kept_verdicts.push(v);
                    }
                }
                (set.keys, set.cases) = kept.into_iter().unzip();
                verdicts = kept_verdicts;
            }
            // New keys, handed out now: keys stay in increasing order within the set.
            let new_keys: Vec<Key> = (0..rows).map(|n| *next_key + n as Key).collect();
            *next_key += rows as Key;
            set.keys.extend_from_slice(&new_keys);
            // Into an empty set the staged rows are moved, not copied: a big ledger is never
            // held twice (its cases and verdicts are most of the memory of a run).
            if set.cases.is_empty() {
                set.cases = std::mem::take(&mut part.cases);
            } else {
                set.cases.append(&mut part.cases);
            }
            if verdicts.is_empty() {
                verdicts = std::mem::take(&mut part.verdicts);
            } else {
                verdicts.append(&mut part.verdicts);
            }
            let summary = if aggregate {
                set.aggregate(catalog, ind, strings, engine, stats, verdicts);
                set.eval.as_ref().map(|e| e.summary.clone()).unwrap_or_default()
            } else {
                set.unaggregated = Some(verdicts);
                report.destinations.iter().find(|d| d.indicator_id == ind.id).map(|d| d.summary.clone()).unwrap_or_default()
            };
            rows_in += rows;
            with_problems += part.with_problems;
            destinations.push(Destination {
                indicator_id: ind.id.clone(),
                rows,
                evaluated: rows.saturating_sub(part.with_problems),
                with_problems: part.with_problems,
                replaced: replaced.len(),
                summary,
            });
            added.push((i, new_keys));
            replaced_all.push((i, replaced));
            self.touched(i);
        }
        let counts = RowCounts { rows_in, evaluated: rows_in.saturating_sub(with_problems), with_problems, blank: import.counts.blank };
        import.counts = counts;
        import.destinations = destinations.iter().map(|d| (d.indicator_id.clone(), d.rows)).collect();
        self.imports.push(import.clone());
        self.push_undo(Undo::Import { added, replaced: replaced_all, import: Box::new(import) });
        let page = self.problems(import_id, 0, 100)?;
        report.committed = true;
        report.counts = counts;
        report.destinations = destinations;
        report.problems = page.rows;
        report.problems_total = page.total;
        Ok(report)
    }

    /// Re-evaluates the staged rows if the settings changed since they were staged, and makes
    /// sure every indicator they go to is evaluated: the fallible part of a commit.
    fn ready_to_commit(&mut self, staged: &mut Staged) -> Result<()> {
        let stale = staged.settings_revision != self.settings_revision;
        for part in &mut staged.parts {
            let i = part.set;
            if stale {
                let Workspace { catalog, strings, engine, stats, .. } = self;
                let ind = &catalog.indicators[i];
                let ctx = engine.context(catalog, ind)?;
                part.verdicts = part.cases.iter().map(|c| method::evaluate(ind, c, strings, &ctx)).collect();
                stats.cases_evaluated += part.cases.len() as u64;
                part.with_problems = part.cases.iter().zip(&part.verdicts).filter(|(c, v)| c.problem().is_some() || v.status == Status::Invalid).count();
            }
            self.ensure_verdicts(i)?;
        }
        staged.settings_revision = self.settings_revision;
        Ok(())
    }

    /// Drops the staged import `import_id`: the working set never saw it.
    pub fn discard_import(&mut self, import_id: u32) -> Result<Discarded> {
        match self.staged.take() {
            Some(s) if s.import.id == import_id => Ok(Discarded { import_id, rows: s.parts.iter().map(|p| p.cases.len()).sum() }),
            other => {
                self.staged = other;
                Err(no_staged(import_id))
            }
        }
    }
}

fn no_staged(import_id: u32) -> Error {
    Error::new(ErrorKind::Argument, format!("没有编号为 {import_id} 的待确认导入（已导入、已取消或已被新的导入替代）"), format!("there is no staged import {import_id} (committed, discarded or replaced by a newer one)")).with_field("importId")
}
