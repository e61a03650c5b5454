//! The data rows of a ledger, after its header, one at a time: numbered as Excel shows them, blank
//! rows counted, the problems found while reading attached; and each row read into a typed case,
//! every cell that cannot be read explained on its row and column.

use crate::error::{Error, Lang, Message, Result};
use jiff::civil::{Date, Time};

use crate::plan::cases::{Case, Entry, Num, ReadProblem, RowIssue, Stamp, StopEntry, Strings, TextField};
use crate::plan::fields::{case_field, CaseField, FieldKind};
use crate::time::parse::{parse_input, Field, Moment, TimeInput};

use super::headers::{header_index, read_head, Head, LOOK_AHEAD};
use super::read::{Cell, Issue, Meta, Opened, Rows};
use super::table::{clip, Column, Problem, TableOptions};

/// A data row: its number, its cells, and what went wrong reading it.
#[derive(Clone, Debug)]
pub(crate) struct DataRow {
    pub row: u32,
    pub cells: Vec<Cell>,
    pub issues: Vec<Issue>,
}

/// A ledger opened as far as its header: what is known of the file, the header, and its data
/// rows, handed out one at a time.
pub(crate) struct LedgerRows<'a> {
    pub meta: Meta,
    pub head: Head,
    /// The widest row seen before the header was decided.
    pub seen_width: usize,
    pending: std::vec::IntoIter<super::read::RawRow>,
    rows: Rows<'a>,
    previous: u32,
    /// Rows with nothing in them between the header and the last data row.
    pub blank_rows: usize,
    finished: bool,
}

impl<'a> LedgerRows<'a> {
    /// Reads the file until its header is decided.
    pub fn open(opened: &'a mut Opened<'_>, options: &TableOptions) -> Result<LedgerRows<'a>> {
        let (meta, mut rows) = opened.source(&options.limits);
        let mut ahead: Vec<super::read::RawRow> = Vec::new();
        let mut want = LOOK_AHEAD;
        let mut more = true;
        let index = loop {
            while more && ahead.len() < want {
                match rows.next_row()? {
                    Some(r) => ahead.push(r),
                    None => more = false,
                }
            }
            let view: Vec<(u32, Vec<Cell>)> = ahead.iter().map(|r| (r.row, r.cells.clone())).collect();
            if let Some(i) = header_index(&view, options, more)? {
                break i;
            }
            // Read on in growing steps: a header asked for far down, or none among the first rows.
            want = want.saturating_mul(2);
        };
        let view: Vec<(u32, Vec<Cell>)> = ahead.iter().map(|r| (r.row, r.cells.clone())).collect();
        let head = read_head(&view, index, &meta.merges)?;
        drop(view);
        let seen_width = ahead.iter().skip(head.data_start).map(|r| r.cells.len()).max().unwrap_or(0);
        let previous = head.last_header_row;
        let pending: Vec<super::read::RawRow> = ahead.into_iter().skip(head.data_start).collect();
        Ok(LedgerRows { meta, head, seen_width, pending: pending.into_iter(), rows, previous, blank_rows: 0, finished: false })
    }

    /// The next data row, or `None` at the end (when the blank lines at the end are counted).
    pub fn next_row(&mut self) -> Result<Option<DataRow>> {
        loop {
            let raw = match self.pending.next() {
                Some(r) => Some(r),
                None => self.rows.next_row()?,
            };
            let Some(raw) = raw else {
                if !self.finished {
                    self.finished = true;
                    if let Some(last) = self.rows.last_line() {
                        self.blank_rows += last.saturating_sub(self.previous) as usize;
                    }
                }
                return Ok(None);
            };
            if raw.cells.iter().all(Cell::is_empty) {
                continue;
            }
            self.blank_rows += raw.row.saturating_sub(self.previous).saturating_sub(1) as usize;
            self.previous = raw.row + raw.extra_lines;
            return Ok(Some(DataRow { row: raw.row, cells: raw.cells, issues: raw.issues }));
        }
    }

    /// How far through the file, 0–1.
    pub fn progress(&self) -> f64 {
        self.rows.progress()
    }
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (or with `/`), ASCII and nothing
/// around it: the form ledgers are exported in, read without the general parser's normalising,
/// trimming and searching (a third of an import's time). Anything else, including an invalid
/// date or time, is `None` and goes to the general parser, which reads these forms the same way
/// and explains the others.
fn plain_stamp(text: &str) -> Option<Stamp> {
    let b = text.as_bytes();
    if !matches!(b.len(), 10 | 16 | 19) {
        return None;
    }
    let digits = |at: usize, n: usize| -> Option<u32> {
        b.get(at..at + n)?.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let sep = b[4];
    if !(sep == b'-' || sep == b'/') || b[7] != sep {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let date = Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    if b.len() == 10 {
        return Stamp::of(Moment { date, time: None });
    }
    if b[10] != b' ' || b[13] != b':' || (b.len() == 19 && b[16] != b':') {
        return None;
    }
    let (hour, minute) = (digits(11, 2)?, digits(14, 2)?);
    let second = if b.len() == 19 { digits(17, 2)? } else { 0 };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let time = Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
    Stamp::of(Moment { date, time: Some(time) })
}

/// The columns mapped to a case field, with the field.
pub(crate) fn mapped(columns: &[Column]) -> Vec<(&Column, &'static CaseField)> {
    columns.iter().filter_map(|c| Some((c, case_field(c.field.as_deref()?)?))).collect()
}

/// A row read into a case: the case (values that could not be read kept as given), and what
/// was wrong with the row.
pub(crate) struct RowCase {
    pub case: Case,
    pub issues: Vec<RowIssue>,
}

/// Reads a data row into a case. A problem found while reading counts when it spoils the whole
/// row or a mapped cell; a mapped cell that cannot be read as its field is a problem too.
pub(crate) fn row_case(row: &DataRow, mapped: &[(&Column, &'static CaseField)], strings: &mut Strings) -> RowCase {
    let mut case = Case::at_row(row.row);
    let mut issues = Vec::new();
    let mut spoiled: Vec<usize> = Vec::new();
    for issue in &row.issues {
        let on_mapped = issue.col.and_then(|c| mapped.iter().find(|(col, _)| col.index == c));
        if issue.whole_row || on_mapped.is_some() {
            let value = issue.value.clone().or_else(|| issue.col.and_then(|c| row.cells.get(c)).map(Cell::display));
            issues.push(RowIssue {
                field: on_mapped.map(|(_, f)| f.field.clone()),
                column: issue.col.and_then(|c| u32::try_from(c).ok()),
                value: value.map(|v| clip(&v, 200)),
                message: Message::from(&issue.error),
            });
            spoiled.extend(issue.col);
        }
    }
    let (mut stop_start, mut stop_end, mut stop_reason) = (None, None, None);
    for (col, meta) in mapped {
        let Some(cell) = row.cells.get(col.index) else { continue };
        if cell.is_empty() || spoiled.contains(&col.index) {
            continue;
        }
        let mut problem = |e: Error| {
            issues.push(RowIssue { field: Some(meta.field.clone()), column: u32::try_from(col.index).ok(), value: Some(clip(&cell.display(), 200)), message: Message::from(&e) });
        };
        match meta.kind {
            FieldKind::Time => {
                // The form every system exports, read at once; anything else by the full parser.
                let quick = match cell {
                    Cell::Text(text) => plain_stamp(text).map(Entry::Given),
                    _ => None,
                };
                let entry = quick.unwrap_or_else(|| {
                    let input = match cell {
                        Cell::Number(x) => TimeInput::Serial(*x),
                        c => TimeInput::Text(c.display()),
                    };
                    let entry = Entry::of_time(&input);
                    if entry.given().is_none() {
                        // The parser's words, naming the column's field as the file names it.
                        if let Err(e) = parse_input(Field { zh: &meta.zh, en: &meta.en, key: "" }, &input) {
                            problem(e);
                        }
                    }
                    entry
                });
                match meta.field.as_str() {
                    "start" => case.start = Some(entry),
                    "end" => case.end = Some(entry),
                    "stopStart" => stop_start = Some(entry),
                    "stopEnd" => stop_end = Some(entry),
                    _ => {}
                }
            }
            FieldKind::Number => {
                let input = match cell {
                    Cell::Number(x) => Num::Number(*x),
                    c => Num::Text(c.display()),
                };
                let entry = Entry::of_num(&input);
                if let Err(e) = input.value(&meta.zh, &meta.en) {
                    problem(e);
                }
                if let Some(field) = crate::plan::cases::NumField::from_key(&meta.field) {
                    case.set_number(field, entry);
                }
            }
            FieldKind::Text => {
                let text: std::borrow::Cow<str> = match cell {
                    Cell::Text(t) => t.as_str().into(),
                    c => c.display().into(),
                };
                match meta.field.as_str() {
                    "id" => case.id = Some(text.as_ref().into()),
                    "name" => case.name = Some(text.as_ref().into()),
                    "county" => {
                        let county = super::read::csv::trim(&text);
                        case.county = (!county.is_empty()).then(|| strings.intern(county));
                    }
                    "note" => case.set_note(&text),
                    "stopReason" => stop_reason = Some(strings.intern(&text)),
                    other => {
                        if let Some(field) = TextField::from_key(other) {
                            let sym = strings.intern(&text);
                            case.set_text(field, sym);
                        }
                    }
                }
            }
        }
    }
    match (stop_start, stop_end) {
        (Some(start), Some(end)) => case.add_stop(StopEntry { start, end, reason: stop_reason }),
        (None, None) => {}
        (start, _) => {
            let (missing_zh, missing_en) = if start.is_none() { ("停止计时开始", "the clock stop's start") } else { ("停止计时结束", "the clock stop's end") };
            issues.push(RowIssue {
                field: Some(if start.is_none() { "stopStart" } else { "stopEnd" }.to_string()),
                column: None,
                value: None,
                message: Message::new(format!("缺少{missing_zh}：停止计时的开始和结束须同时填写"), format!("{missing_en} is missing: a clock stop needs both its start and its end")),
            });
        }
    }
    RowCase { case, issues }
}

impl RowCase {
    /// The case, kept with its problems (a workspace keeps every row, explained).
    pub fn kept(mut self) -> Case {
        if !self.issues.is_empty() {
            self.case.set_problem(ReadProblem { issues: std::mem::take(&mut self.issues) });
        }
        self.case
    }

    /// The row's problems as a ledger reports them.
    pub fn problems(&self, sheet: &str, columns: &[Column], lang: Lang) -> Vec<Problem> {
        self.issues.iter().map(|i| problem(i, self.case.row().unwrap_or(0), sheet, columns, lang)).collect()
    }
}

/// One problem of a row, in the header's terms.
pub(crate) fn problem(issue: &RowIssue, row: u32, sheet: &str, columns: &[Column], lang: Lang) -> Problem {
    let column = issue.column.and_then(|c| columns.get(c as usize)).or_else(|| issue.field.as_deref().and_then(|f| columns.iter().find(|c| c.field.as_deref() == Some(f))));
    Problem {
        sheet: sheet.to_string(),
        row,
        column: column.map(|c| c.header.clone()),
        column_letter: column.map(|c| c.letter.clone()).or_else(|| issue.column.map(|c| super::read::column_letter(c as usize))),
        value: issue.value.clone(),
        message: issue.message.pick(lang),
        whole_row: issue.field.is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn plain_stamps_are_read_at_once() {
        let at = plain_stamp("2023-07-14 09:30").map(|s| (s.written(), s.is_date_only()));
        assert_eq!(at, Some((date(2023, 7, 14).at(9, 30, 0, 0), false)));
        let at = plain_stamp("2024/02/29 23:59:58").map(|s| (s.written(), s.is_date_only()));
        assert_eq!(at, Some((date(2024, 2, 29).at(23, 59, 58, 0), false)));
        let at = plain_stamp("2023-10-01").map(|s| (s.written(), s.is_date_only()));
        assert_eq!(at, Some((date(2023, 10, 1).at(0, 0, 0, 0), true)));
        // Left to the general parser: other forms, and what is not a valid date or time.
        for other in ["2023-7-14 9:30", "2023-07-14T09:30", " 2023-07-14 09:30", "2023-07/14", "2023年07月14日", "2023-02-29", "2023-07-14 24:00", "2023-07-14 09:60", "2023-07-14 09:30:60", "２０２３-07-14"] {
            assert_eq!(plain_stamp(other), None, "{other}");
        }
    }

    #[test]
    fn plain_stamps_agree_with_the_general_parser() {
        let mut read = 0;
        for year in ["0000", "1900", "2000", "2023", "2024", "9999"] {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    for time in ["", " 00:00", " 09:30", " 23:59", " 24:00", " 12:60", " 17:30:59", " 17:30:60", " 00:00:00"] {
                        for sep in ['-', '/'] {
                            let text = format!("{year}{sep}{month:02}{sep}{day:02}{time}");
                            let general = Entry::of_time(&TimeInput::Text(text.clone()));
                            match plain_stamp(&text) {
                                Some(stamp) => {
                                    assert_eq!(general, Entry::Given(stamp), "{text}");
                                    read += 1;
                                }
                                // Refused: the general parser refuses it too (the quick path only
                                // leaves out forms it does not read).
                                None => assert!(general.given().is_none(), "{text}"),
                            }
                        }
                    }
                }
            }
        }
        assert!(read > 1000, "{read}");
    }
}
