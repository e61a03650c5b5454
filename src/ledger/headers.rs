//! The header of a ledger: which row names the columns (the one among the first 20 that names most
//! known fields; failing that, the first with two or more cells), a two-row header (办理时间 over
//! 开始 | 结束, merged or not), and which case field each column holds — by the synonyms of
//! `data/case-fields.json`, corrected by the user's mapping.

use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};
use crate::plan::fields::{case_field, case_fields};
use crate::time::parse::Field;

use super::read::{column_letter, Cell, Merges};
use super::table::{clip, Column, TableOptions};

/// A cell that is a value, not a column name: a number, or text that reads as one or as a date.
pub(crate) fn is_data(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => false,
        Cell::Number(_) => true,
        Cell::Text(s) => s.trim().parse::<f64>().is_ok() || crate::time::parse::parse_moment(Field::DATE, s).is_ok(),
    }
}

/// Header text reduced to what identifies it: no spaces, half-width brackets, no unit suffix.
pub(crate) fn normalize_header(h: &str) -> String {
    let mut s: String = h
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect();
    if let Some(i) = s.find('(') {
        if s.ends_with(')') && i > 0 {
            s.truncate(i);
        }
    }
    s.trim_end_matches(['*', ':', '：']).to_lowercase()
}

/// Every field's names, normalized once: (field, its own name, its synonyms).
fn normalized_names() -> Result<&'static [(&'static str, String, Vec<String>)]> {
    static NAMES: OnceLock<Vec<(&'static str, String, Vec<String>)>> = OnceLock::new();
    let fields = case_fields()?;
    Ok(NAMES.get_or_init(|| fields.iter().map(|f| (f.field.as_str(), f.field.to_lowercase(), f.synonyms.iter().map(|s| normalize_header(s)).collect())).collect()))
}

/// The field a header names: exact synonym first, then the longest synonym it contains.
pub(crate) fn match_header(header: &str) -> Result<Option<&'static str>> {
    // No header is longer than this; a long cell is a value, not a column name.
    if header.len() > 200 {
        return Ok(None);
    }
    let h = normalize_header(header);
    if h.is_empty() {
        return Ok(None);
    }
    let names = normalized_names()?;
    for (field, own, synonyms) in names {
        if *own == h || synonyms.contains(&h) {
            return Ok(Some(field));
        }
    }
    let mut best: Option<(&'static str, usize)> = None;
    for (field, _, synonyms) in names {
        for s in synonyms {
            if s.chars().count() >= 2 && h.contains(s.as_str()) && best.map_or(true, |(_, len)| s.len() > len) {
                best = Some((field, s.len()));
            }
        }
    }
    Ok(best.map(|(f, _)| f))
}

fn non_empty(cells: &[Cell]) -> usize {
    cells.iter().filter(|c| !c.is_empty()).count()
}

/// Rows gathered before the header is decided: at least the first 21 (20 to choose from and the
/// row under the header), more when the header is asked for further down or none is found there.
pub(crate) const LOOK_AHEAD: usize = 21;

/// Where the header is among the rows looked at, or `None` while more rows are needed (and
/// there are more).
pub(crate) fn header_index(rows: &[(u32, Vec<Cell>)], options: &TableOptions, more: bool) -> Result<Option<usize>> {
    // The header is the row among the first 20 that names most known fields; failing that, the
    // first with two or more cells (a merged title row above it has only one). A header names
    // each field once and holds no numbers or dates: a row of notes or messages that mention
    // 受理时间 twice, or a data row that quotes a column name, is not one.
    if let Some(r) = options.header_row {
        return match rows.iter().position(|(row, _)| *row == r) {
            Some(i) => Ok(Some(i)),
            None if more && rows.last().map_or(true, |(row, _)| *row < r) => Ok(None),
            None => Err(Error::new(ErrorKind::Parse, format!("表头行 {r} 不在表格范围内（或是空行）"), format!("header row {r} is outside the table (or empty)")).with_field("headerRow")),
        };
    }
    if more && rows.len() < LOOK_AHEAD {
        return Ok(None);
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, cells)) in rows.iter().take(20).enumerate() {
        let n = if cells.iter().any(is_data) {
            0
        } else {
            let mut named = Vec::new();
            for c in cells {
                if let Some(f) = match_header(&c.display())? {
                    named.push(f);
                }
            }
            named.sort_unstable();
            named.dedup();
            named.len()
        };
        if best.map_or(true, |(_, m)| n > m) {
            best = Some((i, n));
        }
    }
    match best {
        Some((i, n)) if n > 0 => Ok(Some(i)),
        _ => match rows.iter().position(|(_, cells)| non_empty(cells) >= 2) {
            Some(i) => Ok(Some(i)),
            None if more => Ok(None),
            None => Err(Error::new(ErrorKind::Parse, "表格中没有找到表头行：至少需要一行包含两个以上的列名", "no header row found: a row with at least two column names is needed")),
        },
    }
}

/// The header as read: the column names, and where the data starts.
#[derive(Clone, Debug)]
pub(crate) struct Head {
    pub headers: Vec<String>,
    /// The lower row of a two-row header, per column (empty when there is none).
    pub sub_names: Vec<String>,
    /// Excel row number of the (last) header row.
    pub last_header_row: u32,
    /// Index of the first data row among the rows looked at.
    pub data_start: usize,
}

/// Reads the header at `header_index` (and the row under it, when it completes the header).
pub(crate) fn read_head(rows: &[(u32, Vec<Cell>)], header_index: usize, merges: &Merges) -> Result<Head> {
    let Some((header_row, header_cells)) = rows.get(header_index) else {
        return Err(Error::new(ErrorKind::Parse, "表格是空的", "the table is empty"));
    };
    let mut headers: Vec<String> = header_cells.iter().map(Cell::display).collect();
    let mut last_header_row = *header_row;
    let mut data_start = header_index + 1;
    // A header cell merged across columns (办理时间 over 开始 | 结束) takes the row below as sub-headers.
    let header_r0 = header_row.saturating_sub(1);
    let mut spanning: Vec<&calamine::Dimensions> = merges.iter().filter(|m| m.start.0 == header_r0 && m.end.1 > m.start.1).collect();
    if !spanning.is_empty() {
        if let Some((sub_row, sub_cells)) = rows.get(header_index + 1) {
            let width = headers.len().max(sub_cells.len());
            headers.resize(width, String::new());
            // Each column of the header once, and none beyond it: merged areas do not overlap in
            // a workbook Excel wrote, but a crafted one may overlap or reach column 4 294 967 295
            // (a loop over that took seconds per file).
            spanning.sort_by_key(|m| m.start.1);
            let last_column = u32::try_from(width).unwrap_or(u32::MAX).saturating_sub(1);
            let mut first_free = 0u32;
            for m in &spanning {
                let top = headers.get(m.start.1 as usize).cloned().unwrap_or_default();
                let end = m.end.1.min(last_column);
                for c in m.start.1.max(first_free)..=end {
                    let sub = sub_cells.get(c as usize).map(Cell::display).unwrap_or_default();
                    if let Some(h) = headers.get_mut(c as usize) {
                        *h = if sub.is_empty() { top.clone() } else { format!("{top}{sub}") };
                    }
                }
                first_free = first_free.max(end.saturating_add(1));
            }
            for (c, h) in headers.iter_mut().enumerate() {
                if h.is_empty() {
                    *h = sub_cells.get(c).map(Cell::display).unwrap_or_default();
                }
            }
            last_header_row = *sub_row;
            data_start += 1;
        }
    }
    // The same two-row header without merged cells (CSV, or a sheet whose top cell was not
    // merged): a row of names right below, with names under header cells left empty.
    let mut sub_names: Vec<String> = Vec::new();
    if spanning.is_empty() {
        if let Some((sub_row, sub_cells)) = rows.get(header_index + 1).filter(|(r, _)| *r == *header_row + 1) {
            let under_gap = sub_cells.iter().enumerate().any(|(c, cell)| !cell.is_empty() && headers.get(c).map_or(true, |h| h.trim().is_empty()));
            if under_gap && !sub_cells.iter().any(is_data) {
                let width = headers.len().max(sub_cells.len());
                headers.resize(width, String::new());
                let mut top = String::new();
                for (c, h) in headers.iter_mut().enumerate() {
                    let sub = sub_cells.get(c).map(Cell::display).unwrap_or_default();
                    if !h.trim().is_empty() {
                        top = h.clone();
                        if !sub.is_empty() {
                            *h = format!("{top}{sub}");
                        }
                    } else if !sub.is_empty() {
                        *h = format!("{top}{sub}");
                    }
                    sub_names.push(sub);
                }
                last_header_row = *sub_row;
                data_start += 1;
            }
        }
    }
    Ok(Head { headers, sub_names, last_header_row, data_start })
}

/// Whether a mapping key names a column by its letter (A … XFD).
fn letter_index(key: &str) -> Option<usize> {
    if key.is_empty() || key.len() > 3 || !key.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = key.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1);
    (n <= 16_384).then(|| n - 1)
}

/// The columns of a table `width` cells wide: each with its header and the field it names, then
/// the user's corrections. `grow`: a mapping may name a column by a letter beyond the width (a
/// ledger read row by row does not know its width before the end).
pub(crate) fn columns(head: &Head, width: usize, options: &TableOptions, grow: bool) -> Result<Vec<Column>> {
    let mut headers = head.headers.clone();
    headers.resize(width.max(headers.len()), String::new());
    let mut columns: Vec<Column> = headers.iter().enumerate().map(|(index, header)| Column { index, letter: column_letter(index), header: header.clone(), field: None }).collect();
    let mut taken: Vec<&str> = Vec::new();
    let own: Vec<(&str, String)> = options.own_headers.iter().map(|(f, h)| (f.as_str(), normalize_header(h))).filter(|(_, h)| !h.is_empty()).collect();
    for col in columns.iter_mut() {
        // The indicator's own name for a column first; then the synonyms of every field. A
        // combined header (办理时间开始) that names nothing is tried by its lower part (开始).
        let header = normalize_header(&col.header);
        let own_field = own.iter().find(|(_, h)| *h == header).and_then(|(f, _)| case_field(f).map(|cf| cf.field.as_str()));
        let named = match own_field.map_or_else(|| match_header(&col.header), |f| Ok(Some(f)))? {
            Some(f) => Some(f),
            None => match head.sub_names.get(col.index) {
                Some(s) => match_header(s)?,
                None => None,
            },
        };
        if let Some(f) = named.filter(|f| !taken.contains(f)) {
            taken.push(f);
            col.field = Some(f.to_string());
        }
    }
    for (key, field) in &options.mapping {
        let field = field.as_deref().filter(|f| !f.is_empty());
        if let Some(f) = field {
            if case_field(f).is_none() {
                let all: Vec<&str> = case_fields()?.iter().map(|f| f.field.as_str()).collect();
                return Err(Error::new(
                    ErrorKind::Parse,
                    format!("列映射中的字段「{}」不存在：可用字段为 {}", clip(f, 80), all.join("、")),
                    format!("mapping names an unknown field \"{}\": the fields are {}", clip(f, 80), all.join(", ")),
                )
                .with_field("mapping"));
            }
        }
        if grow {
            if let Some(i) = letter_index(key).filter(|i| *i >= columns.len() && !columns.iter().any(|c| &c.header == key)) {
                let start = columns.len();
                columns.extend((start..=i).map(|index| Column { index, letter: column_letter(index), header: String::new(), field: None }));
            }
        }
        let target = columns.iter().position(|c| &c.letter == key || &c.header == key).ok_or_else(|| {
            Error::new(ErrorKind::Parse, format!("列映射中的列「{}」不在表头中", clip(key, 80)), format!("mapping names a column \"{}\" that is not in the header", clip(key, 80))).with_field("mapping")
        })?;
        // A field mapped by hand leaves the column it was on automatically.
        if let Some(f) = field {
            for c in columns.iter_mut() {
                if c.field.as_deref() == Some(f) {
                    c.field = None;
                }
            }
        }
        if let Some(c) = columns.get_mut(target) {
            c.field = field.map(str::to_string);
        }
    }
    Ok(columns)
}

/// Fields every ledger may have, whatever its indicator: they say nothing about which one it is.
const COMMON_FIELDS: [&str; 5] = ["id", "name", "county", "note", "row"];

/// The field a header names exactly (a field's own name or one of its synonyms), not by containing one.
fn exact_field(normalized: &str) -> Result<Option<&'static str>> {
    Ok(normalized_names()?.iter().find(|(_, own, synonyms)| *own == normalized || synonyms.iter().any(|s| s == normalized)).map(|(f, _, _)| *f))
}

/// How well a ledger's headers fit one indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorScore {
    pub id: String,
    /// Distinct case fields of the indicator's method (beyond id, name, county, note) that a column
    /// names, plus one for each column named by the indicator's own label for a field that is not
    /// a generic synonym (已签订劳动合同的职工人数 for 4.1; 结束时间 says nothing).
    pub score: usize,
}

/// What the headers of a ledger say about the indicator it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndicatorGuess {
    /// One indicator fits better than every other.
    One(String),
    /// Indicators tied, all siblings by a class that a column holds (a power ledger with 用户类别
    /// fits 3.4–3.7): import as the first, and each row is filed under its class's indicator.
    Topic { ids: Vec<String>, class_field: &'static str },
    /// No indicator fits better than the others: the best candidates (empty when no column
    /// names any indicator's field).
    Unclear(Vec<String>),
}

/// Scores every indicator of `catalog` by the columns of `headers` (the header row as read,
/// two-row headers joined) that name its method's ledger fields and its own labels, highest
/// score first, ties in catalogue order.
///
/// ```
/// use bizenv::ledger::headers::{score_indicators, IndicatorScore};
/// use bizenv::plan::catalog::Catalog;
/// let catalog = Catalog::builtin().unwrap();
/// let headers = ["所属县区", "已签订劳动合同的职工人数", "职工总人数"].map(String::from);
/// let scores = score_indicators(&headers, catalog).unwrap();
/// // numerator and denominator, both by 4.1's own labels: 2 fields + 2 labels.
/// assert_eq!(scores[0], IndicatorScore { id: "4.1".into(), score: 4 });
/// assert_eq!(scores[1].score, 0);
/// ```
pub fn score_indicators(headers: &[String], catalog: &crate::plan::catalog::Catalog) -> Result<Vec<IndicatorScore>> {
    use crate::plan::fields::{method_tables, ListKind, Situation};
    let tables = method_tables()?;
    let generic: Vec<Option<&'static str>> = headers.iter().map(|h| match_header(h)).collect::<Result<_>>()?;
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut scores = Vec::with_capacity(catalog.indicators.len());
    for ind in &catalog.indicators {
        // 10.5 reads either set of fields (pooled, or Doing Business): both count.
        let mut wanted: Vec<&str> = Vec::new();
        for recovery_method in ["pooled", "doing_business"] {
            let s = Situation { indicator: ind, recovery_method, judged: false, any_case: &|_| false };
            wanted.extend(tables.list(ListKind::Ledger, &s));
        }
        let own: Vec<(&str, String)> = ind
            .field_labels
            .iter()
            .flat_map(|(field, label)| [(field.as_str(), normalize_header(&label.zh)), (field.as_str(), normalize_header(&label.en))])
            .filter(|(_, label)| !label.is_empty())
            .collect();
        let mut named: Vec<&str> = Vec::new();
        let mut own_hits = 0;
        for (header, field) in normalized.iter().zip(&generic) {
            let by_own = own.iter().find(|(_, label)| label == header).map(|(f, _)| *f);
            match by_own {
                Some(f) => {
                    if exact_field(header)?.is_none() {
                        own_hits += 1;
                    }
                    named.push(f);
                }
                None => named.extend(*field),
            }
        }
        named.sort_unstable();
        named.dedup();
        let fields = named.iter().filter(|f| !COMMON_FIELDS.contains(f) && wanted.contains(f)).count();
        scores.push(IndicatorScore { id: ind.id.clone(), score: fields + own_hits });
    }
    // A stable sort keeps the catalogue's order among equals.
    scores.sort_by_key(|s| std::cmp::Reverse(s.score));
    Ok(scores)
}

/// The indicator a ledger's headers point to (see [`score_indicators`]).
///
/// ```
/// use bizenv::ledger::headers::{guess_indicator, IndicatorGuess};
/// use bizenv::plan::catalog::Catalog;
/// let catalog = Catalog::builtin().unwrap();
/// let guess = |h: &[&str]| guess_indicator(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>(), catalog).unwrap();
/// assert_eq!(guess(&["县区", "已签订劳动合同的职工人数", "职工总人数"]), IndicatorGuess::One("4.1".into()));
/// assert_eq!(guess(&["户名", "用户类别", "受理申请时间", "装表接电时间"]), IndicatorGuess::Topic { ids: ["3.4", "3.5", "3.6", "3.7"].map(String::from).to_vec(), class_field: "customerClass" });
/// assert_eq!(guess(&["项目名称", "项目类型", "申请时间", "办结时间"]), IndicatorGuess::Topic { ids: ["2.1", "2.2"].map(String::from).to_vec(), class_field: "projectType" });
/// // Fees and a claim: the three cost ratios and 10.5 (which also reads costs) fit alike.
/// assert_eq!(guess(&["案号", "费用合计", "索赔额"]), IndicatorGuess::Unclear(["2.3", "8.3", "10.4", "10.5"].map(String::from).to_vec()));
/// assert_eq!(guess(&["联系电话", "地址"]), IndicatorGuess::Unclear(vec![]));
/// ```
pub fn guess_indicator(headers: &[String], catalog: &crate::plan::catalog::Catalog) -> Result<IndicatorGuess> {
    use crate::plan::catalog::ClassKind;
    let scores = score_indicators(headers, catalog)?;
    let top = scores.first().map_or(0, |s| s.score);
    if top == 0 {
        return Ok(IndicatorGuess::Unclear(Vec::new()));
    }
    let best: Vec<String> = scores.iter().take_while(|s| s.score == top).map(|s| s.id.clone()).collect();
    if let [one] = best.as_slice() {
        return Ok(IndicatorGuess::One(one.clone()));
    }
    // Siblings by a class, and a column holding that class: the rows say which indicator each is for.
    let named: Vec<&str> = headers.iter().map(|h| match_header(h)).collect::<Result<Vec<_>>>()?.into_iter().flatten().collect();
    for kind in [ClassKind::CustomerClass, ClassKind::ProjectType] {
        let all_siblings = best.iter().all(|id| catalog.get(id).is_some_and(|ind| kind.of(ind).is_some()));
        if all_siblings && named.contains(&kind.field()) {
            return Ok(IndicatorGuess::Topic { ids: best, class_field: kind.field() });
        }
    }
    Ok(IndicatorGuess::Unclear(best))
}

/// The headers of a ledger file as the import reads them (header row found, a two-row header
/// joined), without reading its data rows beyond the header when the file is text.
pub fn read_headers(bytes: &[u8], file_name: &str, options: &TableOptions) -> Result<Vec<String>> {
    let mut opened = super::read::open(bytes, file_name, options)?;
    let ledger = super::rows::LedgerRows::open(&mut opened, options)?;
    Ok(ledger.head.headers.clone())
}

/// [`read_headers`] of a file read from a reader: a text file a block at a time (its encoding is
/// told from every line, as when read whole), anything else whole.
#[cfg(feature = "files")]
pub fn read_headers_from<R: std::io::Read + std::io::Seek + Send + 'static>(reader: R, file_name: &str, options: &TableOptions) -> Result<Vec<String>> {
    match super::read::stream::open_reader(reader, file_name, options, super::read::stream::BLOCK)? {
        super::read::stream::Opening::Whole(bytes) => read_headers(&bytes, file_name, options),
        super::read::stream::Opening::Stream(mut opened) => {
            let headers = headers_of_stream(&mut opened, options);
            match opened.read_again_whole() {
                Some(bytes) => read_headers(&bytes?, file_name, options),
                None => headers,
            }
        }
    }
}

/// The headers of a file opened from a reader. A workbook's sheet is read to its end: only then
/// is it known that its rows came in order, and so that the header rows found are its first.
#[cfg(feature = "files")]
fn headers_of_stream(opened: &mut super::read::Opened<'_>, options: &TableOptions) -> Result<Vec<String>> {
    let sheet = matches!(opened, super::read::Opened::Sheet { .. });
    let mut ledger = super::rows::LedgerRows::open(opened, options)?;
    let headers = ledger.head.headers.clone();
    if sheet {
        while ledger.next_row()?.is_some() {}
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_header_takes_the_row_below_within_the_header_only() {
        let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
        let rows: Vec<(u32, Vec<Cell>)> = vec![(1, ["办理时间", "", "县区"].map(text).to_vec()), (2, ["开始", "结束", ""].map(text).to_vec()), (3, ["2023-07-14", "2023-07-15", "麒麟区"].map(text).to_vec())];
        let merge = |from: u32, to: u32| calamine::Dimensions { start: (0, from), end: (0, to) };
        let head = read_head(&rows, 0, &vec![merge(0, 1)]).unwrap();
        assert_eq!((head.headers, head.last_header_row, head.data_start), (vec!["办理时间开始".to_string(), "办理时间结束".into(), "县区".into()], 2, 2));
        // A crafted merge reaching the last column a u32 can name: the header's three columns,
        // at once (the loop over every column it names took seconds).
        let head = read_head(&rows, 0, &vec![merge(0, u32::MAX)]).unwrap();
        assert_eq!(head.headers, ["办理时间开始", "办理时间结束", "办理时间"]);
        // Overlapping merges (no spreadsheet program writes them): each column once, by the
        // merge starting first; the later one's top cell (B) is then already 办理时间结束, and C
        // has nothing below it.
        let head = read_head(&rows, 0, &vec![merge(1, u32::MAX), merge(0, 1)]).unwrap();
        assert_eq!(head.headers, ["办理时间开始", "办理时间结束", "办理时间结束"]);
    }

    #[test]
    fn synonym_table_is_valid() {
        let fields = case_fields().unwrap();
        assert!(fields.len() >= 20);
        let mut seen = std::collections::BTreeSet::new();
        for f in fields {
            for s in &f.synonyms {
                assert!(seen.insert(normalize_header(s)), "synonym {s} appears twice");
            }
        }
    }

    #[test]
    fn headers_match_by_synonym() {
        let m = |h: &str| match_header(h).unwrap();
        assert_eq!(m("受理时间"), Some("start"));
        assert_eq!(m(" 办结时间 "), Some("end"));
        assert_eq!(m("所属县区"), Some("county"));
        assert_eq!(m("总投资（万元）"), Some("base"));
        assert_eq!(m("项目名称"), Some("name"));
        assert_eq!(m("装表接电时间"), Some("end"));
        assert_eq!(m("start"), Some("start"));
        assert_eq!(m("实际受理时间"), Some("start"));
        assert_eq!(m("联系电话"), None);
    }

    #[test]
    fn column_letters_name_columns() {
        assert_eq!((letter_index("A"), letter_index("Z"), letter_index("AA"), letter_index("XFD"), letter_index("XFE"), letter_index("a")), (Some(0), Some(25), Some(26), Some(16_383), None, None));
    }
}
