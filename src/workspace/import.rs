//! A ledger imported into the workspace: read row by row (never held whole: a CSV is decoded
//! once, borrowed when it is UTF-8, and each row becomes a compact case at once), each row filed
//! under its indicator by its class (a power ledger fills 3.4–3.7 in one go), evaluated as it is
//! kept, with progress reported and a cancel honoured between chunks of rows. Every row is kept:
//! one that cannot be read is kept invalid, explained on its row and column. The rows are read
//! into a staged import (`staging`), added to the working set when it is committed.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Message, Result};
use crate::evaluate::method::Context;
use crate::evaluate::{route, Status, Summary, Verdict};
use crate::ledger::headers::columns;
use crate::ledger::read::{self, Meta};
use crate::ledger::rows::{mapped, problem, row_case, LedgerRows};
use crate::ledger::table::{clip, Column, Problem, Row, TableOptions};
use crate::ledger::RowCounts;
use crate::plan::cases::{Case, Sym};
use crate::plan::catalog::ClassKind;

use super::store::evaluate_one;
use super::Workspace;

/// Rows read between two progress reports (and two chances to cancel).
const CHUNK: usize = 4096;

/// Data rows of the file returned as read, for the page's preview of the table.
pub const PREVIEW_ROWS: usize = 20;

fn yes() -> bool {
    true
}

/// Options of `importTable`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    /// The indicator the ledger is for (its siblings by class receive their rows when `route`).
    pub indicator: String,
    /// Sheet, header row, mapping and limits, as `parseTable` takes them.
    #[serde(flatten)]
    pub table: TableOptions,
    /// File each row under the indicator of its customer class or project type.
    #[serde(default = "yes")]
    pub route: bool,
    /// Cases imported before from a file of the same name (into the same indicators) are
    /// replaced, so that a corrected ledger imported again does not count twice.
    #[serde(default = "yes")]
    pub replace: bool,
}

/// Where an import stands, reported after each chunk of rows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// Data rows read so far.
    pub rows: usize,
    /// How far through the file, 0–1.
    pub fraction: f64,
    /// The file's size, and about how much of it was read.
    pub bytes_done: u64,
    pub total_bytes: u64,
}

/// What an import put into one indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    pub indicator_id: String,
    /// Rows filed under this indicator (kept as cases, every one).
    pub rows: usize,
    /// Of these, the ones evaluated without a problem, and the ones with one.
    pub evaluated: usize,
    pub with_problems: usize,
    /// Cases of an earlier import of the same file, replaced.
    pub replaced: usize,
    /// Staged: the summary of the rows staged for this indicator alone; committed: the
    /// indicator's summary with the new cases.
    pub summary: Summary,
}

/// What `importTable` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// The import's id, for `problems(importId, …)` and `sources()`.
    pub import_id: u32,
    /// `false`: staged (read and evaluated, not in the working set until `commitImport`);
    /// `true`: in the working set.
    pub committed: bool,
    pub file_name: String,
    pub sheets: Vec<String>,
    pub hidden_sheets: Vec<String>,
    pub sheet: String,
    pub encoding: String,
    pub encoding_confidence: String,
    pub delimiter: Option<String>,
    pub header_row: u32,
    pub columns: Vec<Column>,
    /// The first data rows as read (cells as the file holds them), for a preview.
    pub preview: Vec<Row>,
    /// Rows in = evaluated + with problems, always.
    pub counts: RowCounts,
    pub destinations: Vec<Destination>,
    /// The first problem rows (all of them through `problems`).
    pub problems: Vec<Problem>,
    pub problems_total: usize,
    pub warnings: Vec<String>,
}

/// An import as the workspace remembers it: enough to list its problems and to name it.
#[derive(Clone, Debug)]
pub(crate) struct Import {
    pub id: u32,
    pub file_name: String,
    pub source: Sym,
    pub indicator: String,
    pub meta: Meta,
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub counts: RowCounts,
    pub destinations: Vec<(String, usize)>,
    pub warnings: Vec<Message>,
}

/// One indicator receiving rows: its verdicts while the import runs.
pub(super) struct Receiving {
    pub set: usize,
    pub verdicts: Vec<Verdict>,
    /// The rows filed here, read into cases (in the staged set, not the working set).
    pub cases: Vec<Case>,
    pub rows: usize,
    pub with_problems: usize,
}

/// A ledger read, routed and evaluated, not (yet) in the working set: `staging` keeps it.
pub(super) struct Read {
    pub name: String,
    pub source: Sym,
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub meta: Meta,
    pub blank: usize,
    pub preview: Vec<Row>,
    /// Every indicator rows may be filed under (some may have received none).
    pub receiving: Vec<Receiving>,
}

impl Workspace {
    /// Imports a ledger file: staged (read, routed, evaluated) and added to the working set at
    /// once. `progress` is told where the import stands after each chunk of rows and returns
    /// whether to go on: `false` cancels, and the workspace is as it was.
    pub fn import_table(&mut self, bytes: &[u8], file_name: &str, options: &ImportOptions, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<ImportReport> {
        let staged = self.stage_import(bytes, file_name, options, progress)?;
        self.commit_import(staged.import_id)
    }

    /// Reads a ledger file row by row into cases, each filed under its indicator and evaluated,
    /// without touching the working set (a cancel or an error leaves nothing behind).
    pub(super) fn read_ledger(&mut self, bytes: &[u8], file_name: &str, options: &ImportOptions, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<Read> {
        let table_options = self.table_options(options)?;
        let mut opened = read::open(bytes, file_name, &table_options)?;
        self.read_opened(&mut opened, file_name, options, &table_options, bytes.len() as u64, progress)
    }

    /// The table options an import of `options` reads its file with.
    pub(super) fn table_options(&self, options: &ImportOptions) -> Result<TableOptions> {
        let main = self.index_of(&options.indicator).map_err(|e| e.with_field("indicator"))?;
        Ok(TableOptions { lang: self.lang, ..options.table.clone() }.with_own_headers(&self.catalog.indicators[main]))
    }

    /// Reads an opened file row by row, as `read_ledger` does: opened with `table_options` (those
    /// of `options`); `total_bytes` is its size, for progress.
    pub(super) fn read_opened(&mut self, opened: &mut read::Opened<'_>, file_name: &str, options: &ImportOptions, table_options: &TableOptions, total_bytes: u64, progress: &mut dyn FnMut(&ImportProgress) -> bool) -> Result<Read> {
        let main = self.index_of(&options.indicator).map_err(|e| e.with_field("indicator"))?;
        let mut ledger = LedgerRows::open(opened, table_options)?;
        let columns = columns(&ledger.head, ledger.seen_width, table_options, true)?;
        let fields = mapped(&columns);
        let name = clip(file_name.rsplit(['/', '\\']).next().unwrap_or(file_name), 200);
        let source = self.strings.intern(&name);
        // The indicators rows may be filed under: the one chosen, and its siblings by class.
        let ind_main = &self.catalog.indicators[main];
        let kind = if ind_main.customer_class.is_some() {
            Some(ClassKind::CustomerClass)
        } else if ind_main.project_type.is_some() {
            Some(ClassKind::ProjectType)
        } else {
            None
        };
        let candidates: Vec<usize> = self.catalog.indicators.iter().enumerate().filter(|(i, ind)| *i == main || (options.route && kind.is_some_and(|k| k.of(ind).is_some()))).map(|(i, _)| i).collect();
        // The rows are read into empty sets put in the place of the working ones, which are
        // held aside meanwhile and put back after: the working set never sees the rows.
        let mut receiving: Vec<Receiving> = Vec::new();
        let mut held = Vec::new();
        for &i in &candidates {
            held.push(std::mem::take(&mut self.sets[i]));
            receiving.push(Receiving { set: i, verdicts: Vec::new(), cases: Vec::new(), rows: 0, with_problems: 0 });
        }
        let mut preview = Vec::new();
        let first_key = self.next_key;
        let outcome = self.read_rows(&mut ledger, &fields, source, main, &mut receiving, &mut preview, total_bytes, progress);
        for (r, working) in receiving.iter_mut().zip(held) {
            let staged = std::mem::replace(&mut self.sets[r.set], working);
            r.cases = staged.cases;
        }
        // The keys the rows got while read are not theirs: committing hands out keys then.
        self.next_key = first_key;
        let blank = ledger.blank_rows;
        let meta = std::mem::take(&mut ledger.meta);
        let header_row = ledger.head.last_header_row;
        drop(ledger);
        outcome?;
        Ok(Read { name, source, header_row, columns, meta, blank, preview, receiving })
    }

    /// Reads every data row into a case, files it, evaluates it; reports progress by chunks.
    #[allow(clippy::too_many_arguments)]
    fn read_rows(
        &mut self,
        ledger: &mut LedgerRows,
        fields: &[(&Column, &'static crate::plan::fields::CaseField)],
        source: Sym,
        main: usize,
        receiving: &mut [Receiving],
        preview: &mut Vec<Row>,
        total_bytes: u64,
        progress: &mut dyn FnMut(&ImportProgress) -> bool,
    ) -> Result<()> {
        let Workspace { catalog, strings, engine, sets, stats, next_key, .. } = self;
        let contexts: Vec<Context> = receiving.iter().map(|r| engine.context(catalog, &catalog.indicators[r.set])).collect::<Result<_>>()?;
        let ind_main = &catalog.indicators[main];
        let main_pos = receiving.iter().position(|r| r.set == main).unwrap_or(0);
        let mut rows = 0usize;
        while let Some(row) = ledger.next_row()? {
            if preview.len() < PREVIEW_ROWS {
                preview.push(Row { row: row.row, cells: row.cells.clone() });
            }
            let converted = row_case(&row, fields, strings);
            let had_issues = !converted.issues.is_empty();
            let mut case = converted.kept();
            case.source = Some(source);
            // Filed by its class; a class the catalogue does not know stays with the indicator
            // chosen (where its evaluation says what is wrong with it).
            let dest = route(catalog, ind_main, |field| crate::plan::cases::TextField::from_key(field).and_then(|f| case.text(f)).map(|s| strings.get(s)))
                .and_then(|ind| receiving.iter().position(|r| catalog.indicators[r.set].id == ind.id))
                .unwrap_or(main_pos);
            let r = &mut receiving[dest];
            let ind = &catalog.indicators[r.set];
            let verdict = evaluate_one(ind, &case, strings, &contexts[dest], stats);
            r.rows += 1;
            if had_issues || verdict.status == Status::Invalid {
                r.with_problems += 1;
            }
            let set = &mut sets[r.set];
            set.keys.push(*next_key);
            *next_key += 1;
            set.cases.push(case);
            r.verdicts.push(verdict);
            rows += 1;
            if rows % CHUNK == 0 {
                let fraction = ledger.progress();
                if rows == CHUNK {
                    make_room(sets, receiving, rows, fraction);
                }
                let report = ImportProgress { rows, fraction, bytes_done: (fraction * total_bytes as f64) as u64, total_bytes };
                if !progress(&report) {
                    return Err(Error::new(ErrorKind::Cancelled, "导入已取消，数据未作改动", "the import was cancelled; nothing was changed"));
                }
            }
        }
        progress(&ImportProgress { rows, fraction: 1.0, bytes_done: total_bytes, total_bytes });
        Ok(())
    }

    /// The problems of an import, a page at a time: every row it kept that cannot be used
    /// (still; a case since corrected or deleted no longer shows), in row order. A staged
    /// import's are those of its staged rows.
    pub fn problems(&mut self, import_id: u32, offset: usize, limit: usize) -> Result<super::queries::ProblemPage> {
        let mut found: Vec<Problem> = Vec::new();
        if let Some(staged) = self.staged.as_ref().filter(|s| s.import.id == import_id) {
            for part in &staged.parts {
                found.extend(self.problem_rows(&staged.import, part.cases.iter().zip(&part.verdicts)));
            }
        } else {
            let import = self
                .imports
                .iter()
                .find(|i| i.id == import_id)
                .cloned()
                .ok_or_else(|| Error::new(ErrorKind::Argument, format!("没有编号为 {import_id} 的导入"), format!("there is no import {import_id}")).with_field("importId"))?;
            for (ind_id, _) in &import.destinations {
                let i = self.index_of(ind_id)?;
                self.ensure_verdicts(i)?;
                let set = &self.sets[i];
                let Some(verdicts) = set.verdicts() else { continue };
                found.extend(self.problem_rows(&import, set.cases.iter().zip(verdicts)));
            }
        }
        found.sort_by_key(|p| p.row);
        let total = found.len();
        let rows = found.into_iter().skip(offset).take(limit.min(1000)).collect();
        Ok(super::queries::ProblemPage { import_id, total, offset, rows })
    }

    /// The problems among the cases of an import (with their verdicts), each on its row and column.
    fn problem_rows<'a>(&self, import: &Import, cases: impl Iterator<Item = (&'a Case, &'a Verdict)>) -> Vec<Problem> {
        let lang = self.lang;
        let mut found = Vec::new();
        for (case, v) in cases {
            if case.source != Some(import.source) || v.status != Status::Invalid {
                continue;
            }
            let row = case.row().unwrap_or(0);
            match case.problem() {
                Some(p) => found.extend(p.issues.iter().map(|issue| problem(issue, row, &import.meta.sheet, &import.columns, lang))),
                None => {
                    let field = v.error().and_then(|e| e.field());
                    let column = field.and_then(|f| import.columns.iter().find(|c| c.field.as_deref() == Some(f)));
                    found.push(Problem {
                        sheet: import.meta.sheet.clone(),
                        row,
                        column: column.map(|c| c.header.clone()),
                        column_letter: column.map(|c| c.letter.clone()),
                        value: field.and_then(|f| raw_text(case, f, &self.strings)),
                        message: v.error().map(|e| lang.error(e)).unwrap_or_default(),
                        whole_row: false,
                    });
                }
            }
        }
        found
    }
}

/// Room for the rows still to come, from the first chunk: each receiving indicator's share of it
/// times the rows the file holds at that rate, and a little more. Growing a million-case list
/// by doubling copies it again and again, and leaves freed blocks of every size behind it in a
/// wasm memory that never shrinks. Best effort: a file whose rows grow longer further down just
/// grows as before, and memory that is not there is not an error here.
fn make_room(sets: &mut [super::store::Set], receiving: &mut [Receiving], rows: usize, fraction: f64) {
    if rows == 0 || !(fraction > 0.0 && fraction < 1.0) {
        return;
    }
    // Never more than a sheet can hold: a file of short rows first and long ones after is not
    // taken for hundreds of millions of rows.
    let ceiling = usize::try_from(crate::ledger::limits::CEILING.rows).unwrap_or(usize::MAX);
    let expected = ((rows as f64 / fraction * 1.02) as usize).min(ceiling);
    for r in receiving.iter_mut() {
        let more = (expected.saturating_mul(r.rows) / rows).saturating_sub(r.rows);
        let set = &mut sets[r.set];
        let _ = set.keys.try_reserve_exact(more);
        let _ = set.cases.try_reserve_exact(more);
        let _ = r.verdicts.try_reserve_exact(more);
    }
}

/// What a case holds for a field, as text (for a problem's value).
fn raw_text(case: &Case, field: &str, strings: &crate::plan::cases::Strings) -> Option<String> {
    use crate::plan::cases::{Entry, NumField, TextField};
    let time = |e: &Entry<crate::plan::cases::Stamp>| match e {
        Entry::Given(s) => s.text(),
        Entry::Raw(t) => t.to_string(),
        Entry::RawNumber(x) => x.to_string(),
    };
    let text = match field {
        "start" => case.start.as_ref().map(time),
        "end" => case.end.as_ref().map(time),
        "id" => case.id.as_deref().map(str::to_string),
        "county" => case.county.map(|s| strings.get(s).to_string()),
        other => match (NumField::from_key(other), TextField::from_key(other)) {
            (Some(f), _) => case.number(f).map(|e| match e {
                Entry::Given(x) | Entry::RawNumber(x) => crate::plan::fields::format_number(*x),
                Entry::Raw(t) => t.to_string(),
            }),
            (_, Some(f)) => case.text(f).map(|s| strings.get(s).to_string()),
            _ => None,
        },
    };
    text.map(|t| clip(&t, 200))
}
