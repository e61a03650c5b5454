//! HTML tables saved with an .xls name: what many government systems' "导出Excel" really write,
//! and what Excel opens as a sheet. Told by the bytes, never by the file name.

use super::Limits;
use super::xlsx::SparseRows;
use super::{Grid, Issue, Merges};
use crate::error::Result;

/// Whether the bytes are an HTML document or fragment with a table in it.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    if head.get(start) != Some(&b'<') {
        return false;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    lower.windows(6).any(|w| w == b"<table")
}

/// The encoding an HTML file declares in its `<meta>` (`charset=gb2312`), if any.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')).unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

/// The rows of the first table of the document. `colspan` and `rowspan` take their room and are
/// reported as merged areas, so a two-row header (办理时间 over 开始 | 结束) maps as in a sheet.
pub(crate) fn read_html(text: &str, limits: &Limits) -> Result<(Grid, Merges, Vec<Issue>)> {
    let mut rows = SparseRows::new(limits);
    let mut merges = Merges::new();
    // Columns still covered by a rowspan from above: column → rows left.
    let mut covered: std::collections::BTreeMap<u32, u32> = Default::default();
    let mut row: Option<u32> = None;
    let mut row_open = false;
    let mut next_row: u32 = 0;
    let mut col: u32 = 0;
    let mut cell: Option<(String, u32, u32)> = None;
    let mut depth = 0usize;
    let mut seen_table = false;
    let mut rest = text;
    let finish_cell = |cell: &mut Option<(String, u32, u32)>, rows: &mut SparseRows, merges: &mut Merges, covered: &mut std::collections::BTreeMap<u32, u32>, row: u32, col: &mut u32| -> Result<()> {
        if let Some((content, colspan, rowspan)) = cell.take() {
            let value = collapse(&content);
            let c = super::csv::cell_of_text(value, row + 1, *col as usize, limits, &mut Vec::new());
            rows.put(row, *col, c)?;
            if colspan > 1 || rowspan > 1 {
                merges.push(calamine::Dimensions { start: (row, *col), end: (row + rowspan - 1, *col + colspan - 1) });
            }
            if rowspan > 1 {
                for c in *col..*col + colspan {
                    covered.insert(c, rowspan);
                }
            }
            *col += colspan;
        }
        Ok(())
    };
    while let Some(lt) = rest.find('<') {
        if let Some((content, _, _)) = cell.as_mut() {
            content.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("script" | "style", false) => {
                let end = format!("</{name}");
                rest = rest.to_ascii_lowercase().find(&end).map_or("", |i| &rest[i..]);
            }
            ("table", false) => {
                if seen_table && depth == 0 {
                    break; // only the first table
                }
                seen_table = true;
                depth += 1;
            }
            ("table", true) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(r) = row {
                        finish_cell(&mut cell, &mut rows, &mut merges, &mut covered, r, &mut col)?;
                    }
                    break;
                }
            }
            ("tr", _) if depth == 1 => {
                if let (Some(r), true) = (row, row_open) {
                    finish_cell(&mut cell, &mut rows, &mut merges, &mut covered, r, &mut col)?;
                    // The row is done: rowspans from it and above cover one row less.
                    for left in covered.values_mut() {
                        *left = left.saturating_sub(1);
                    }
                    covered.retain(|_, left| *left > 0);
                    row_open = false;
                }
                if !closing {
                    if u64::from(next_row) >= limits.rows.saturating_mul(2) {
                        return Err(limits.too_many_rows());
                    }
                    row = Some(next_row);
                    row_open = true;
                    next_row += 1;
                    col = 0;
                }
            }
            ("td" | "th", false) if depth == 1 => {
                let (Some(r), true) = (row, row_open) else { continue };
                finish_cell(&mut cell, &mut rows, &mut merges, &mut covered, r, &mut col)?;
                while covered.contains_key(&col) {
                    col += 1;
                }
                let span = |attr: &str| attribute(tag, attr).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1).clamp(1, 1000);
                cell = Some((String::new(), span("colspan"), span("rowspan")));
            }
            ("td" | "th", true) if depth == 1 => {
                if let Some(r) = row {
                    finish_cell(&mut cell, &mut rows, &mut merges, &mut covered, r, &mut col)?;
                }
            }
            ("br" | "p" | "div", _) => {
                if let Some((content, _, _)) = cell.as_mut() {
                    content.push('\n');
                }
            }
            _ => {}
        }
    }
    let (grid, issues) = rows.into_grid();
    Ok((grid, merges, issues))
}

/// The value of `name="…"` (or `name=…`) in a tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let offset = tag.len() - rest.len() + 1;
        let value = tag[offset..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        });
    }
    None
}

/// Text of a cell: entities decoded, runs of white space made one space, line breaks kept.
fn collapse(content: &str) -> String {
    let decoded = entities(content);
    decoded.split('\n').map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // By bytes: a ';' is ASCII, so its index is a char boundary (a fuzzed input had a
        // multi-byte character across the twelfth byte).
        let end = rest.as_bytes()[..rest.len().min(12)].iter().position(|b| *b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::table::Cell;

    #[test]
    fn a_table_with_spans_and_entities() {
        let html = r#"<html><head><meta charset="gb2312"><style>td{x:1}</style></head><body><table border=1>
            <tr><th rowspan="2">编号</th><th colspan=2>办理时间</th></tr>
            <tr><th>开始</th><th>结束</th></tr>
            <tr><td>A&amp;1</td><td>2023-07-14&nbsp;09:00</td><td>2023-07-14<br>11:00</td></tr>
            </table></body></html>"#;
        assert!(looks_like_html(html.as_bytes()));
        assert_eq!(declared_charset(html.as_bytes()), Some(encoding_rs::GBK));
        let (grid, merges, _) = read_html(html, &Limits::default()).unwrap();
        let text = |r: usize| grid[r].1.iter().map(Cell::display).collect::<Vec<_>>();
        assert_eq!(text(0), ["编号", "办理时间"]);
        assert_eq!(text(1), ["", "开始", "结束"]);
        assert_eq!(text(2), ["A&1", "2023-07-14 09:00", "2023-07-14\n11:00"]);
        assert_eq!(merges.len(), 2);
        assert_eq!((merges[1].start, merges[1].end), ((0, 1), (0, 2)));
    }
}
