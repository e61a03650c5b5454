//! CSV text read row by row: the separator from the first lines, lines numbered as Excel shows
//! them whatever ends them (CR, LF, CRLF or a mix), a quote never closed reported on its own row
//! instead of swallowing the rows after it. Rows are handed out one at a time, so that an import
//! never holds more than the text and the row at hand.

use std::borrow::Cow;

#[cfg(feature = "files")]
use super::stream::TextFeed;
use super::{Cell, Issue, Limits, RawRow};
use crate::error::{Error, ErrorKind, Result};

/// The separator that splits the first lines most consistently into more than one field.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    // The first megabyte, cut back to a character's start (slicing inside one would panic).
    let mut cut = text.len().min(1 << 20);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let lines: Vec<&str> = head.split(['\n', '\r']).filter(|l| !l.trim().is_empty()).take(20).collect();
    let mut best = (b',', 0usize);
    for d in [b',', b'\t', b';', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| l.bytes().filter(|b| *b == d).count()).collect();
        let Some(&max) = counts.iter().max() else { continue };
        // Rows that have the separator at the maximal count: robust to a title line without any.
        let consistent = counts.iter().filter(|c| **c == max && max > 0).count() * max;
        if consistent > best.1 {
            best = (d, consistent);
        }
    }
    best.0
}

/// The rows of CSV text, one at a time. Only rows with something in them are handed out (blank
/// ones are counted from the gaps), each cut after its last non-empty cell. The text is whole,
/// or comes a block at a time from a feed (`streamed`): then what was read is dropped as rows
/// are handed out, and a row cut by a block's end is read again once the next block is there.
pub(crate) struct CsvRows<'a> {
    text: Cow<'a, str>,
    #[cfg(feature = "files")]
    feed: Option<TextFeed<'a>>,
    delimiter: u8,
    limits: Limits,
    pos: usize,
    line: u32,
    /// Widest record so far: a quoted field that swallows whole records is an unclosed quote.
    widest: usize,
    rows: u64,
    cells_stored: u64,
    /// Whether the text read so far ends with a line end (the text itself may be gone).
    ends_with_line_end: bool,
}

/// What reading a record from the text at hand gave.
enum Step {
    Row(RawRow),
    /// The text at hand ends inside the record (or before one): read on.
    More,
    End,
}

/// The text at hand ends where the record needs to look further, and more is to come.
macro_rules! need_more {
    ($more_to_come:expr) => {
        if $more_to_come {
            return Ok(Step::More);
        }
    };
}

impl<'a> CsvRows<'a> {
    pub fn new(text: &'a str, delimiter: u8, limits: &Limits) -> CsvRows<'a> {
        CsvRows {
            text: Cow::Borrowed(text),
            #[cfg(feature = "files")]
            feed: None,
            delimiter,
            limits: *limits,
            pos: 0,
            line: 1,
            widest: 0,
            rows: 0,
            cells_stored: 0,
            ends_with_line_end: text.ends_with(['\n', '\r']),
        }
    }

    /// Rows of `head` and then of the text the feed gives (none when `feed` is `None`).
    #[cfg(feature = "files")]
    pub fn streamed(head: String, feed: Option<TextFeed<'a>>, delimiter: u8, limits: &Limits) -> CsvRows<'a> {
        let ends_with_line_end = head.ends_with(['\n', '\r']);
        let feed = feed.filter(|f| !f.done);
        CsvRows { text: Cow::Owned(head), feed, ends_with_line_end, ..CsvRows::new("", delimiter, limits) }
    }

    /// Whether more text is to come from the feed.
    fn more_to_come(&self) -> bool {
        #[cfg(feature = "files")]
        return self.feed.is_some();
        #[cfg(not(feature = "files"))]
        return false;
    }

    /// How far through the text, 0–1.
    pub fn progress(&self) -> f64 {
        #[cfg(feature = "files")]
        if let Some(feed) = &self.feed {
            return feed.progress();
        }
        if self.text.is_empty() || (self.pos == self.text.len() && !self.more_to_come()) {
            1.0
        } else {
            self.pos as f64 / self.text.len() as f64
        }
    }

    /// The number of the last line (once every row was read): a final line end closes the last
    /// line; text after it would be one more line.
    pub fn last_line(&self) -> u32 {
        if self.ends_with_line_end {
            self.line.saturating_sub(1)
        } else {
            self.line
        }
    }

    /// The next row holding something, or `None` at the end of the text.
    pub fn next_row(&mut self) -> Result<Option<RawRow>> {
        loop {
            match self.record()? {
                Step::Row(row) => return Ok(Some(row)),
                Step::End => return Ok(None),
                Step::More => self.read_on()?,
            }
        }
    }

    /// Drops the text already read and appends at least as much again as is left (a block at
    /// least): a record cut by a block's end is read again, and a long one (a quote open to the
    /// end of the file) so no more than a few times, not once per block.
    #[cfg(feature = "files")]
    fn read_on(&mut self) -> Result<()> {
        let Some(feed) = &mut self.feed else { return Ok(()) };
        let text = self.text.to_mut();
        text.drain(..self.pos);
        self.pos = 0;
        let before = text.len();
        while !feed.done && text.len() <= before * 2 {
            feed.fill(text)?;
        }
        if text.len() > before {
            self.ends_with_line_end = text.ends_with(['\n', '\r']);
        }
        if feed.done {
            self.feed = None;
        }
        Ok(())
    }

    #[cfg(not(feature = "files"))]
    fn read_on(&mut self) -> Result<()> {
        Ok(())
    }

    /// The next record holding something, from the text at hand.
    fn record(&mut self) -> Result<Step> {
        let more = self.more_to_come();
        let text: &str = &self.text;
        let delimiter = self.delimiter;
        let b = text.as_bytes();
        let n = b.len();
        let limits = self.limits;
        let is_end = |c: u8| c == b'\n' || c == b'\r';
        // Moves past one line end at `p`, if there is one; `None` when a CR ends the text at
        // hand and an LF may follow.
        let skip_end = |p: usize| -> Option<usize> {
            match b.get(p) {
                Some(b'\r') if b.get(p + 1) == Some(&b'\n') => Some(p + 2),
                Some(b'\r') if p + 1 == n && more => None,
                Some(b'\r' | b'\n') => Some(p + 1),
                _ => Some(p),
            }
        };
        while self.pos < n {
            let mut pos = self.pos;
            let mut line = self.line;
            let record_start = pos;
            let record_line = line;
            // As wide as the widest row so far: a row's cells are pushed without growing.
            let mut cells: Vec<Cell> = Vec::with_capacity(self.widest.min(limits.columns as usize));
            let mut issues: Vec<Issue> = Vec::new();
            let mut unclosed: Option<usize> = None;
            loop {
                let mut value = String::new();
                if pos == n {
                    need_more!(more);
                }
                if b[pos..].first() == Some(&b'"') {
                    let open_line = line;
                    let column = cells.len();
                    let mut p = pos + 1;
                    let mut seg = p;
                    let mut closed = false;
                    let mut inner_lines = 0u32;
                    while p < n {
                        match b[p] {
                            b'"' if p + 1 == n && more => return Ok(Step::More),
                            b'"' if b.get(p + 1) == Some(&b'"') => {
                                value.push_str(&text[seg..=p]);
                                p += 2;
                                seg = p;
                            }
                            b'"' => {
                                value.push_str(&text[seg..p]);
                                p += 1;
                                closed = true;
                                break;
                            }
                            b'\r' | b'\n' => {
                                let Some(next) = skip_end(p) else { return Ok(Step::More) };
                                p = next;
                                inner_lines += 1;
                            }
                            _ => p += 1,
                        }
                    }
                    if !closed {
                        need_more!(more);
                        value.push_str(&text[seg..p]);
                    }
                    let swallowed = inner_lines > 0 && swallows_records(&value, delimiter, self.widest.max(column + 2));
                    if !closed || swallowed {
                        unclosed = Some(column);
                        line = open_line;
                        break;
                    }
                    line += inner_lines;
                    pos = p;
                    // Text after the closing quote belongs to the same cell (lenient, as Excel reads it).
                    let rest_end = match b[pos..].iter().position(|c| *c == delimiter || is_end(*c)) {
                        Some(i) => pos + i,
                        None => {
                            need_more!(more);
                            n
                        }
                    };
                    value.push_str(&text[pos..rest_end]);
                    pos = rest_end;
                } else {
                    let end = match b[pos..].iter().position(|c| *c == delimiter || is_end(*c)) {
                        Some(i) => pos + i,
                        None => {
                            need_more!(more);
                            n
                        }
                    };
                    value = text[pos..end].to_string();
                    pos = end;
                }
                let cell = cell_of_text(value, record_line, cells.len(), &limits, &mut issues);
                if (cells.len() as u64) < limits.columns {
                    cells.push(cell);
                } else if !cell.is_empty() {
                    return Err(limits.too_many_columns(u64::from(record_line), cells.len() as u64 + 1));
                }
                // (An empty cell past the limit is dropped: separators at the end of a line are harmless.)
                match b.get(pos) {
                    Some(c) if *c == delimiter => pos += 1,
                    Some(c) if is_end(*c) => {
                        let Some(next) = skip_end(pos) else { return Ok(Step::More) };
                        pos = next;
                        line += 1;
                        break;
                    }
                    _ => break,
                }
            }
            if let Some(column) = unclosed {
                // Read the line the quote opened on as plain text, report it, and go on from the next line.
                let line_end = match b[record_start..].iter().position(|c| is_end(*c)) {
                    Some(i) => record_start + i,
                    None => {
                        need_more!(more);
                        n
                    }
                };
                let Some(after_line) = skip_end(line_end) else { return Ok(Step::More) };
                cells = Vec::new();
                issues.clear();
                for (i, s) in text[record_start..line_end].split(char::from(delimiter)).enumerate() {
                    let cell = cell_of_text(s.to_string(), record_line, i, &limits, &mut issues);
                    if (i as u64) < limits.columns {
                        cells.push(cell);
                    } else if !cell.is_empty() {
                        return Err(limits.too_many_columns(u64::from(record_line), i as u64 + 1));
                    }
                }
                issues.push(Issue {
                    row: record_line,
                    col: Some(column),
                    value: None,
                    whole_row: true,
                    error: Error::new(
                        ErrorKind::Parse,
                        "这一行的引号（\"）没有配对闭合，本行无法可靠读取；后面的行已照常读取。请检查该单元格，删去多余的引号或补上缺少的引号",
                        "the quote (\") opened on this row is never closed, so this row cannot be read reliably; the rows after it were read as usual. Check the cell: remove the stray quote or add the missing one",
                    ),
                });
                pos = after_line;
                line = record_line + 1;
            }
            self.pos = pos;
            self.line = line;
            self.widest = self.widest.max(cells.len());
            let extra = line.saturating_sub(record_line).saturating_sub(1);
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            if cells.is_empty() {
                continue;
            }
            if self.rows >= limits.rows {
                return Err(limits.too_many_rows());
            }
            self.rows += 1;
            self.cells_stored += cells.len() as u64;
            if self.cells_stored > limits.rows.saturating_mul(limits.columns).min(super::CELL_BUDGET) {
                return Err(super::too_many_cells());
            }
            return Ok(Step::Row(RawRow { row: record_line, cells, issues, extra_lines: extra }));
        }
        Ok(if more { Step::More } else { Step::End })
    }
}

/// Whether a quoted value that runs over line ends holds what look like whole records.
fn swallows_records(value: &str, delimiter: u8, width: usize) -> bool {
    let needed = width.saturating_sub(1).max(2);
    value.split(['\n', '\r']).skip(1).any(|l| l.bytes().filter(|c| *c == delimiter).count() >= needed)
}

/// A text cell, trimmed; one longer than the limit is cut and reported.
pub(crate) fn cell_of_text(value: String, row: u32, col: usize, limits: &Limits, issues: &mut Vec<Issue>) -> Cell {
    let trimmed = trim(&value);
    if trimmed.is_empty() {
        return Cell::Empty;
    }
    if trimmed.len() as u64 > limits.cell_chars {
        let chars = trimmed.chars().count() as u64;
        if chars > limits.cell_chars {
            issues.push(Issue::long_cell(row, col, chars, limits.cell_chars));
            return Cell::Text(trimmed.chars().take(200).collect::<String>() + "…");
        }
    }
    Cell::Text(if trimmed.len() == value.len() { value } else { trimmed.to_string() })
}

/// `text.trim()`, answered at once when both ends are visible ASCII (a date, a number, a code:
/// most cells of a ledger), where the general trim decodes characters from each end.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<(u32, Vec<String>)>, Vec<Issue>) {
        let mut reader = CsvRows::new(text, b',', &Limits::default());
        let (mut grid, mut issues) = (Vec::new(), Vec::new());
        while let Some(row) = reader.next_row().unwrap() {
            grid.push((row.row, row.cells.iter().map(Cell::display).collect()));
            issues.extend(row.issues);
        }
        (grid, issues)
    }

    #[test]
    fn trim_is_the_general_trim() {
        for text in ["", " ", "a", " a", "a ", "2023-07-14 09:30", "\u{3000}麒麟区\u{3000}", "麒麟区", "a\u{a0}", "\ta\r", "x y", "é", "~!"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn every_line_end_counts_one_line() {
        for text in ["a,b\nc,d\n\ne,f\n", "a,b\rc,d\r\re,f\r", "a,b\r\nc,d\r\n\r\ne,f\r\n", "a,b\rc,d\n\r\ne,f"] {
            let (grid, issues) = rows(text);
            assert_eq!(grid.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [1, 2, 4], "{text:?}");
            assert_eq!(grid[2].1, ["e", "f"]);
            assert!(issues.is_empty());
        }
    }

    #[test]
    fn quoted_line_breaks_stay_in_their_cell_and_count() {
        let (grid, _) = rows("a,\"x\r\ny\"\nb,c\n");
        assert_eq!(grid, [(1, vec!["a".into(), "x\r\ny".into()]), (3, vec!["b".into(), "c".into()])]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_row_and_the_rest_is_read() {
        let (grid, issues) = rows("id,start,end\nA,\"2023-07-14,2023-07-15\nB,2023-07-14,2023-07-15\nC,2023-07-14,2023-07-15\n");
        assert_eq!(grid.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert_eq!(grid[2].1, ["B", "2023-07-14", "2023-07-15"]);
        assert_eq!((issues.len(), issues[0].row, issues[0].col), (1, 2, Some(1)));
        // Closed much later, after swallowing whole records: the same.
        let (grid, issues) = rows("id,start,end\nA,\"x,y\nB,2023-07-14,2023-07-15\nC,\"z\",w\n");
        assert_eq!(grid.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [1, 2, 3, 4]);
        assert_eq!(issues[0].row, 2);
    }

    #[test]
    fn the_separator_is_found_when_the_first_megabyte_ends_inside_a_character() {
        // "客" is three bytes: after "a," (2 bytes) the characters start at 2 + 3k, and byte
        // 1 048 576 = 2 + 3 × 349 524 + 2 is inside one; after "a;b\nc;" (6 bytes) too.
        let text = format!("a,{}\n", "客".repeat(349_526));
        assert_eq!(sniff_delimiter(&text), b',');
        let text = format!("a;b\nc;{}\n", "客".repeat(349_526));
        assert_eq!(sniff_delimiter(&text), b';');
    }
}
