//! Text ledgers: the encoding told from the bytes (per line, when a file mixes two), the separator
//! from the first lines, and a CSV reader that numbers lines as Excel shows them whatever ends
//! them (CR, LF, CRLF or a mix) and that reports a quote never closed on its own row instead of
//! swallowing the rows after it.

use encoding_rs::Encoding;

use super::{Cell, Grid, Issue, Limits};
use crate::error::{Error, ErrorKind, Result};

/// Text decoded from a file, with what was found out about its encoding.
pub(crate) struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`, `big5`, `utf-8+gb18030`…
    pub encoding: String,
    /// `certain` (a BOM, or valid UTF-8), `high` or `low` (a guess from the byte statistics).
    pub confidence: &'static str,
    /// Whether some bytes could not be decoded and became U+FFFD.
    pub replaced: bool,
    /// The encoding the undecodable bytes were read in, for the message on their rows.
    pub tried: String,
    /// What the user should know about the file as a whole.
    pub notes: Vec<Error>,
}

fn label(encoding: &'static Encoding) -> String {
    // GBK files are read as GB18030, its superset, which decodes every GBK byte sequence.
    if encoding == encoding_rs::GBK || encoding == encoding_rs::GB18030 {
        "gb18030".into()
    } else {
        encoding.name().to_lowercase()
    }
}

fn reading(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        encoding
    }
}

/// The legacy (non-UTF) encoding that the bytes look most like, as Firefox would guess it
/// (chardetng), told that the file comes from a Chinese office: (encoding, confident).
fn guess_legacy(bytes: &[u8]) -> (&'static Encoding, bool) {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (encoding, confident) = detector.guess_assess(Some(b"cn"), false);
    (reading(encoding), confident)
}

/// UTF-16 without a byte-order mark: ASCII characters (digits, separators, line ends) leave a
/// zero byte in every other position, on the odd side for little-endian, the even for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 5 >= pairs && even * 8 <= odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 5 >= pairs && odd * 8 <= even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Splits bytes after each line end (LF, CR or CRLF), keeping the line ends.
fn byte_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = match rest.iter().position(|b| *b == b'\n' || *b == b'\r') {
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Decodes a text file: BOM first, then UTF-16 without BOM, then UTF-8, then, line by line, the
/// legacy encoding the other lines look like (so that a file assembled from a UTF-8 export and a
/// GBK one reads right on every line).
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let plain = |text: String, encoding: &str, confidence| Decoded { text, encoding: encoding.into(), confidence, replaced: false, tried: encoding.into(), notes: Vec::new() };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return plain(s.to_string(), "utf-8-bom", "certain");
        }
        let mut d = decode_lines(rest);
        d.notes.push(Error::new(
            ErrorKind::Parse,
            format!("文件开头标明是 UTF-8 编码，但内容不是：已按 {} 读取", d.encoding),
            format!("the file starts with a UTF-8 byte-order mark but its text is not UTF-8: read as {}", d.encoding),
        ));
        return d;
    }
    for (bom, encoding, name) in [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "utf-16le"), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "utf-16be")] {
        if bytes.starts_with(bom) {
            let (text, replaced) = encoding.decode_with_bom_removal(bytes);
            return Decoded { replaced, ..plain(text.into_owned(), name, "certain") };
        }
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, replaced) = encoding.decode_without_bom_handling(bytes);
        let name = label(encoding);
        return Decoded { replaced, ..plain(text.into_owned(), &name, "high") };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => plain(s.to_string(), "utf-8", "certain"),
        Err(_) => decode_lines(bytes),
    }
}

fn decode_lines(bytes: &[u8]) -> Decoded {
    // The lines that are not UTF-8 tell the legacy encoding.
    let mut legacy_sample = Vec::new();
    let mut utf8_non_ascii = 0usize;
    let mut legacy_lines = Vec::new();
    for (i, line) in byte_lines(bytes).enumerate() {
        match std::str::from_utf8(line) {
            Ok(s) => utf8_non_ascii += usize::from(!s.is_ascii()),
            Err(_) => {
                if legacy_sample.len() < 1 << 20 {
                    legacy_sample.extend_from_slice(line);
                }
                legacy_lines.push(i + 1);
            }
        }
    }
    let (legacy, confident) = guess_legacy(&legacy_sample);
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut replaced = false;
    for line in byte_lines(bytes) {
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(_) => {
                let (s, errors) = legacy.decode_without_bom_handling(line);
                replaced |= errors;
                text.push_str(&s);
            }
        }
    }
    let legacy_name = label(legacy);
    let mut notes = Vec::new();
    let encoding = if utf8_non_ascii > 0 {
        let shown: Vec<String> = legacy_lines.iter().take(10).map(|n| n.to_string()).collect();
        let more = if legacy_lines.len() > 10 { "…" } else { "" };
        notes.push(Error::new(
            ErrorKind::Parse,
            format!("文件混合了 UTF-8 和 {legacy_name} 两种编码（第 {}{more} 行为 {legacy_name}），已逐行识别；建议在 Excel 或 WPS 中“另存为”CSV UTF-8 后再导入", shown.join("、")),
            format!("the file mixes UTF-8 and {legacy_name} (lines {}{more} are {legacy_name}); each line was read in its own encoding; saving it as \"CSV UTF-8\" in Excel or WPS avoids this", shown.join(", ")),
        ));
        format!("utf-8+{legacy_name}")
    } else {
        legacy_name.clone()
    };
    Decoded { text, encoding, confidence: if confident && !replaced { "high" } else { "low" }, replaced, tried: legacy_name, notes }
}

/// The separator that splits the first lines most consistently into more than one field.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut head = &text[..text.len().min(1 << 20)];
    while !text.is_char_boundary(head.len()) {
        head = &head[..head.len() - 1];
    }
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

/// What [`read_csv`] found: the rows, the number of the last line, and the rows whose quoted
/// cells run over more lines (row → extra lines), which are not blank lines.
pub(crate) struct CsvRead {
    pub grid: Grid,
    pub last_line: u32,
    pub continued: std::collections::BTreeMap<u32, u32>,
}

/// Reads CSV text into rows numbered by their first line. Only rows with something in them are
/// kept (blank ones are counted from the gaps), each cut after its last non-empty cell.
pub(crate) fn read_csv(text: &str, delimiter: u8, limits: &Limits, issues: &mut Vec<Issue>) -> Result<CsvRead> {
    let b = text.as_bytes();
    let n = b.len();
    let mut grid: Grid = Vec::new();
    let mut pos = 0usize;
    let mut line: u32 = 1;
    // Widest record so far: a quoted field that swallows whole records is an unclosed quote.
    let mut widest = 0usize;
    let mut cells_stored: u64 = 0;
    let mut continued = std::collections::BTreeMap::new();
    let is_end = |c: u8| c == b'\n' || c == b'\r';
    // Moves past one line end at `p`, if there is one.
    let skip_end = |p: usize| -> usize {
        match b.get(p) {
            Some(b'\r') if b.get(p + 1) == Some(&b'\n') => p + 2,
            Some(b'\r' | b'\n') => p + 1,
            _ => p,
        }
    };
    while pos < n {
        let record_start = pos;
        let record_line = line;
        let mut cells: Vec<Cell> = Vec::new();
        let mut unclosed: Option<usize> = None;
        loop {
            let mut value = String::new();
            if b[pos..].first() == Some(&b'"') {
                let open_line = line;
                let column = cells.len();
                let mut p = pos + 1;
                let mut seg = p;
                let mut closed = false;
                let mut inner_lines = 0u32;
                while p < n {
                    match b[p] {
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
                            p = skip_end(p);
                            inner_lines += 1;
                        }
                        _ => p += 1,
                    }
                }
                if !closed {
                    value.push_str(&text[seg..p]);
                }
                let swallowed = inner_lines > 0 && swallows_records(&value, delimiter, widest.max(column + 2));
                if !closed || swallowed {
                    unclosed = Some(column);
                    line = open_line;
                    break;
                }
                line += inner_lines;
                pos = p;
                // Text after the closing quote belongs to the same cell (lenient, as Excel reads it).
                let rest_end = b[pos..].iter().position(|c| *c == delimiter || is_end(*c)).map_or(n, |i| pos + i);
                value.push_str(&text[pos..rest_end]);
                pos = rest_end;
            } else {
                let end = b[pos..].iter().position(|c| *c == delimiter || is_end(*c)).map_or(n, |i| pos + i);
                value.push_str(&text[pos..end]);
                pos = end;
            }
            let cell = cell_of_text(value, record_line, cells.len(), limits, issues);
            if (cells.len() as u64) < limits.columns {
                cells.push(cell);
            } else if !cell.is_empty() {
                return Err(limits.too_many_columns(u64::from(record_line), cells.len() as u64 + 1));
            }
            // (An empty cell past the limit is dropped: separators at the end of a line are harmless.)
            match b.get(pos) {
                Some(c) if *c == delimiter => pos += 1,
                Some(c) if is_end(*c) => {
                    pos = skip_end(pos);
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        if let Some(column) = unclosed {
            // Read the line the quote opened on as plain text, report it, and go on from the next line.
            let line_end = b[record_start..].iter().position(|c| is_end(*c)).map_or(n, |i| record_start + i);
            cells = Vec::new();
            for (i, s) in text[record_start..line_end].split(char::from(delimiter)).enumerate() {
                let cell = cell_of_text(s.to_string(), record_line, i, limits, issues);
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
            pos = skip_end(line_end);
            line = record_line + 1;
        }
        widest = widest.max(cells.len());
        let extra = line.saturating_sub(record_line).saturating_sub(1);
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        if grid.len() as u64 >= limits.rows {
            return Err(limits.too_many_rows());
        }
        cells_stored += cells.len() as u64;
        if cells_stored > limits.rows.saturating_mul(limits.columns).min(super::CELL_BUDGET) {
            return Err(super::too_many_cells());
        }
        if extra > 0 {
            continued.insert(record_line, extra);
        }
        grid.push((record_line, cells));
    }
    // A final line end closes the last line; text after it would be one more line.
    let last_line = if text.ends_with(['\n', '\r']) { line.saturating_sub(1) } else { line };
    Ok(CsvRead { grid, last_line, continued })
}

/// Whether a quoted value that runs over line ends holds what look like whole records.
fn swallows_records(value: &str, delimiter: u8, width: usize) -> bool {
    let needed = width.saturating_sub(1).max(2);
    value.split(['\n', '\r']).skip(1).any(|l| l.bytes().filter(|c| *c == delimiter).count() >= needed)
}

/// A text cell, trimmed; one longer than the limit is cut and reported.
pub(crate) fn cell_of_text(value: String, row: u32, col: usize, limits: &Limits, issues: &mut Vec<Issue>) -> Cell {
    let trimmed = value.trim();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<(u32, Vec<String>)>, Vec<Issue>) {
        let mut issues = Vec::new();
        let grid = read_csv(text, b',', &Limits::default(), &mut issues).unwrap().grid;
        (grid.into_iter().map(|(r, c)| (r, c.iter().map(Cell::display).collect())).collect(), issues)
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
    fn encodings_are_told_apart() {
        let gbk = encoding_rs::GBK.encode("编号,受理时间\nA,2023年7月14日\n").0.into_owned();
        let d = decode(&gbk);
        assert_eq!((d.text.as_str(), d.encoding.as_str(), d.replaced), ("编号,受理时间\nA,2023年7月14日\n", "gb18030", false));
        let mut bom_then_gbk = b"\xEF\xBB\xBF".to_vec();
        bom_then_gbk.extend_from_slice(&gbk);
        let d = decode(&bom_then_gbk);
        assert_eq!((d.text.as_str(), d.encoding.as_str(), d.notes.len()), ("编号,受理时间\nA,2023年7月14日\n", "gb18030", 1));
        let mut mixed = "编号,受理时间\n".as_bytes().to_vec();
        mixed.extend_from_slice(&encoding_rs::GBK.encode("A,麒麟区\n").0);
        let d = decode(&mixed);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("编号,受理时间\nA,麒麟区\n", "utf-8+gb18030"));
        let utf16: Vec<u8> = "编号\t受理时间\r\nA\t2023-07-14\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&utf16);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("编号\t受理时间\r\nA\t2023-07-14\r\n", "utf-16le"));
    }
}
