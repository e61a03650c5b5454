//! Ledgers (台账): reading files of any kind a source system writes (`read`), their header
//! (`headers`) and data rows read into cases (`rows`), the table as `parseTable` returns it (`table`), the limits on what one file may hold (`limits`), the project file
//! (`project`), and a ledger evaluated as a whole (import, evaluation and row accounting in one call).

pub mod headers;
pub mod limits;
pub mod project;
pub(crate) mod read;
pub(crate) mod rows;
pub mod table;
pub mod transfer;

use serde::{Deserialize, Serialize};

use crate::evaluate::{Calculator, Engine, EvaluateOptions, Report};
use crate::ledger::table::{column_of, read_ledger, Problem, Table, TableOptions};
use crate::plan::cases::Strings;
use crate::Result;

/// Options of `evaluateTable`: those of `evaluate` and of `parseTable` together.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LedgerOptions {
    #[serde(flatten)]
    pub evaluate: EvaluateOptions,
    #[serde(flatten)]
    pub table: TableOptions,
}

/// Rows in = rows evaluated + rows with problems, always.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RowCounts {
    pub rows_in: usize,
    pub evaluated: usize,
    pub with_problems: usize,
    /// Empty rows, skipped; not data rows.
    pub blank: usize,
}

/// What `evaluateTable` returns: the `evaluate` report, plus problems, source and counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerReport {
    #[serde(flatten)]
    pub report: Report,
    pub problems: Vec<Problem>,
    /// The table as read (file, sheet, encoding, columns and their mapping, the data rows), so
    /// that an export can give back the ledger with its computed columns.
    pub source: Table,
    pub counts: RowCounts,
    /// The cases as read from the rows without problems (with `row`), to add to a dataset.
    pub inputs: Vec<serde_json::Value>,
}

/// Imports `bytes` and evaluates every row against indicator `id`.
///
/// ```
/// use bizenv::{evaluate::Calculator, ledger::{evaluate_table, LedgerOptions}};
/// let csv = "编号,受理时间,办结时间,所属县区\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\nB,2023-07-14 10:00,2023-07-14 09:00,宣威市\n";
/// let r = evaluate_table(&Calculator::builtin().unwrap(), "1.1", csv.as_bytes(), "台账.csv", &LedgerOptions::default()).unwrap();
/// assert_eq!((r.counts.rows_in, r.counts.evaluated, r.counts.with_problems), (2, 1, 1));
/// assert_eq!(r.problems[0].row, 3);
/// assert_eq!(r.problems[0].column.as_deref(), Some("办结时间"));
/// ```
pub fn evaluate_table(calc: &Calculator, id: &str, bytes: &[u8], file_name: &str, options: &LedgerOptions) -> Result<LedgerReport> {
    let lang = options.evaluate.work.lang;
    let ind = calc.catalog.require(id)?;
    let engine = Engine::new(&options.evaluate, &calc.catalog)?;
    let table_options = TableOptions { lang, ..options.table.clone() }.with_own_headers(ind);
    let read = read_ledger(bytes, file_name, &table_options)?;
    let fields = rows::mapped(&read.columns);
    let mut strings = Strings::default();
    let mut problems = Vec::new();
    let mut cases = Vec::with_capacity(read.rows.len());
    for row in &read.rows {
        let converted = rows::row_case(row, &fields, &mut strings);
        if converted.issues.is_empty() {
            cases.push(converted.case);
        } else {
            problems.extend(converted.problems(&read.meta.sheet, &read.columns, lang));
        }
    }
    let inputs = cases.iter().map(|c| serde_json::to_value(c.to_input(&strings)).unwrap_or_default()).collect();
    let table = read.into_table(file_name, lang);
    let report = calc.report(ind, &cases, &mut strings, &engine)?;
    for case in report.cases.iter().filter(|c| c.error.is_some()) {
        let row = case.row.unwrap_or(0);
        let column = case.error_field.as_deref().and_then(|f| column_of(&table, f));
        let value = column.and_then(|c| table.rows.binary_search_by_key(&row, |r| r.row).ok().and_then(|i| table.rows.get(i)).and_then(|r| r.cells.get(c.index)).map(|cell| table::clip(&cell.display(), 200)));
        problems.push(Problem {
            sheet: table.sheet.clone(),
            row,
            column: column.map(|c| c.header.clone()),
            column_letter: column.map(|c| c.letter.clone()),
            value,
            message: case.error.clone().unwrap_or_default(),
            whole_row: false,
        });
    }
    problems.sort_by_key(|p| p.row);
    let mut problem_rows: Vec<u32> = problems.iter().map(|p| p.row).collect();
    problem_rows.dedup();
    let counts = RowCounts {
        rows_in: table.rows.len(),
        evaluated: report.cases.iter().filter(|c| c.error.is_none()).count(),
        with_problems: problem_rows.len(),
        blank: table.blank_rows,
    };
    Ok(LedgerReport { report, problems, source: table, counts, inputs })
}
