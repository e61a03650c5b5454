//! Readers of ledger files: text (encodings and CSV), workbooks (.xlsx, .xls) and HTML tables.

pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod xlsx;

pub(crate) use super::limits::{self, Limits};
pub(crate) use super::table::{clip, clip_message, too_many_cells, Cell, Grid, Issue, Merges, SheetChoice, TableOptions, CELL_BUDGET, column_letter};
