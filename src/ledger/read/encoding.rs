//! The encoding of a text file, told from its bytes: a byte-order mark, UTF-16 without one (told
//! by its zero bytes), UTF-8, or — line by line, so that a file assembled from a UTF-8 export and
//! a GBK one reads right on every line — the legacy encoding the other lines look like.

use std::borrow::Cow;

#[cfg(feature = "files")]
use encoding_rs::Encoding;

#[cfg_attr(not(feature = "files"), allow(unused_imports))]
use crate::error::{Error, ErrorKind};

/// Text decoded from a file, with what was found out about its encoding. UTF-8 files are
/// borrowed, not copied: a big ledger is not held twice.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
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

#[cfg(feature = "files")]
pub(crate) fn label(encoding: &'static Encoding) -> String {
    // GBK files are read as GB18030, its superset, which decodes every GBK byte sequence.
    if encoding == encoding_rs::GBK || encoding == encoding_rs::GB18030 {
        "gb18030".into()
    } else {
        encoding.name().to_lowercase()
    }
}

#[cfg(feature = "files")]
fn reading(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        encoding
    }
}

#[cfg(feature = "files")]
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
/// UTF-16 without a byte-order mark, little-endian (`Some(true)`) or big-endian (`Some(false)`).
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 5 >= pairs && even * 8 <= odd {
        Some(true)
    } else if even * 5 >= pairs && odd * 8 <= even {
        Some(false)
    } else {
        None
    }
}

#[cfg(feature = "files")]
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

pub(crate) fn plain<'t>(text: Cow<'t, str>, encoding: &str, confidence: &'static str) -> Decoded<'t> {
    Decoded { text, encoding: encoding.into(), confidence, replaced: false, tried: encoding.into(), notes: Vec::new() }
}

/// Decodes a text file: BOM first, then UTF-16 without BOM, then UTF-8, then, line by line, the
/// legacy encoding the other lines look like (so that a file assembled from a UTF-8 export and a
/// GBK one reads right on every line).
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    match utf8(bytes) {
        Some(decoded) => decoded,
        None => not_utf8(bytes),
    }
}

/// The text, borrowed, when the file is UTF-8 (with or without its byte-order mark) and nothing
/// else: what the page's core module reads without the ledger module.
pub(crate) fn utf8(bytes: &[u8]) -> Option<Decoded<'_>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(|s| plain(Cow::Borrowed(s), "utf-8-bom", "certain"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || utf16_without_bom(bytes).is_some() {
        return None;
    }
    std::str::from_utf8(bytes).ok().map(|s| plain(Cow::Borrowed(s), "utf-8", "certain"))
}

/// Text not in UTF-8 alone: UTF-16, a legacy encoding, or a mix.
#[cfg(feature = "files")]
fn not_utf8(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let mut d = decode_lines(rest);
        d.notes.push(bom_but_not_utf8(&d.encoding));
        return d;
    }
    for (bom, encoding, name) in [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "utf-16le"), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "utf-16be")] {
        if bytes.starts_with(bom) {
            let (text, replaced) = encoding.decode_with_bom_removal(bytes);
            return Decoded { replaced, ..plain(text, name, "certain") };
        }
    }
    if let Some(little_endian) = utf16_without_bom(bytes) {
        let encoding = if little_endian { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, replaced) = encoding.decode_without_bom_handling(bytes);
        let name = label(encoding);
        return Decoded { replaced, ..plain(text, &name, "high") };
    }
    decode_lines(bytes)
}

/// The note on a file that starts with a UTF-8 byte-order mark but is read in `encoding`.
#[cfg(feature = "files")]
pub(crate) fn bom_but_not_utf8(encoding: &str) -> Error {
    Error::new(
        ErrorKind::Parse,
        format!("文件开头标明是 UTF-8 编码，但内容不是：已按 {encoding} 读取"),
        format!("the file starts with a UTF-8 byte-order mark but its text is not UTF-8: read as {encoding}"),
    )
}

/// Without the `files` feature (the page's core module, which sends such files through the
/// ledger module first): what is not UTF-8 shows as U+FFFD, and the rows holding it say so.
#[cfg(not(feature = "files"))]
fn not_utf8(bytes: &[u8]) -> Decoded<'_> {
    Decoded { text: String::from_utf8_lossy(bytes), encoding: "utf-8".into(), confidence: "low", replaced: true, tried: "utf-8".into(), notes: Vec::new() }
}

#[cfg(feature = "files")]
fn decode_lines(bytes: &[u8]) -> Decoded<'static> {
    let mut tally = LineTally::default();
    for line in byte_lines(bytes) {
        tally.line(line);
    }
    let told = tally.finish();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut replaced = false;
    for line in byte_lines(bytes) {
        replaced |= decode_line(line, told.legacy, &mut text);
    }
    told.decoded(Cow::Owned(text), replaced)
}

/// Appends one line of a file read line by line: as UTF-8 when it is, else in the legacy
/// encoding. Returns whether some bytes were not text in it.
#[cfg(feature = "files")]
pub(crate) fn decode_line(line: &[u8], legacy: &'static Encoding, text: &mut String) -> bool {
    match std::str::from_utf8(line) {
        Ok(s) => {
            text.push_str(s);
            false
        }
        Err(_) => {
            let (s, errors) = legacy.decode_without_bom_handling(line);
            text.push_str(&s);
            errors
        }
    }
}

/// What the lines of a file say of its encoding, one line at a time (so that a file read in
/// blocks is told exactly as one read whole): which lines are not UTF-8, a sample of them for
/// the legacy guess, and whether the UTF-8 lines hold more than ASCII (a mix).
#[cfg(feature = "files")]
#[derive(Default)]
pub(crate) struct LineTally {
    legacy_sample: Vec<u8>,
    utf8_non_ascii: usize,
    legacy_lines: Vec<usize>,
    lines: usize,
}

#[cfg(feature = "files")]
impl LineTally {
    pub(crate) fn line(&mut self, line: &[u8]) {
        self.lines += 1;
        match std::str::from_utf8(line) {
            Ok(s) => self.utf8_non_ascii += usize::from(!s.is_ascii()),
            Err(_) => {
                if self.legacy_sample.len() < 1 << 20 {
                    self.legacy_sample.extend_from_slice(line);
                }
                // Only the first ten are named (and whether there are more): no list as long as the file.
                if self.legacy_lines.len() <= 10 {
                    self.legacy_lines.push(self.lines);
                }
            }
        }
    }

    /// Whether every line was UTF-8.
    pub(crate) fn all_utf8(&self) -> bool {
        self.legacy_lines.is_empty()
    }

    pub(crate) fn finish(self) -> LinesTold {
        let (legacy, confident) = guess_legacy(&self.legacy_sample);
        let legacy_name = label(legacy);
        let mut notes = Vec::new();
        let encoding = if self.utf8_non_ascii > 0 {
            let shown: Vec<String> = self.legacy_lines.iter().take(10).map(|n| n.to_string()).collect();
            let more = if self.legacy_lines.len() > 10 { "…" } else { "" };
            notes.push(Error::new(
                ErrorKind::Parse,
                format!("文件混合了 UTF-8 和 {legacy_name} 两种编码（第 {}{more} 行为 {legacy_name}），已逐行识别；建议在 Excel 或 WPS 中“另存为”CSV UTF-8 后再导入", shown.join("、")),
                format!("the file mixes UTF-8 and {legacy_name} (lines {}{more} are {legacy_name}); each line was read in its own encoding; saving it as \"CSV UTF-8\" in Excel or WPS avoids this", shown.join(", ")),
            ));
            format!("utf-8+{legacy_name}")
        } else {
            legacy_name.clone()
        };
        LinesTold { legacy, confident, legacy_name, encoding, notes }
    }
}

/// The encoding told from a file's lines: each line not UTF-8 is read in `legacy`.
#[cfg(feature = "files")]
pub(crate) struct LinesTold {
    pub(crate) legacy: &'static Encoding,
    confident: bool,
    legacy_name: String,
    encoding: String,
    notes: Vec<Error>,
}

#[cfg(feature = "files")]
impl LinesTold {
    /// The file's text decoded this way, with what was found out about it.
    pub(crate) fn decoded<'t>(self, text: Cow<'t, str>, replaced: bool) -> Decoded<'t> {
        Decoded { text, encoding: self.encoding, confidence: if self.confident && !replaced { "high" } else { "low" }, replaced, tried: self.legacy_name, notes: self.notes }
    }
}

#[cfg(feature = "files")]
/// The encoding an HTML table declares wins; else it is told like a text file's.
pub(crate) fn decode_declared<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> Decoded<'a> {
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let enc = reading(enc);
            let (text, replaced) = enc.decode_without_bom_handling(bytes);
            Decoded { text, encoding: enc.name().to_lowercase(), confidence: "high", replaced, tried: enc.name().to_lowercase(), notes: Vec::new() }
        }
        _ => decode(bytes),
    }
}

#[cfg(all(test, feature = "files"))]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        let gbk = encoding_rs::GBK.encode("编号,受理时间\nA,2023年7月14日\n").0.into_owned();
        let d = decode(&gbk);
        assert_eq!((&*d.text, d.encoding.as_str(), d.replaced), ("编号,受理时间\nA,2023年7月14日\n", "gb18030", false));
        let mut bom_then_gbk = b"\xEF\xBB\xBF".to_vec();
        bom_then_gbk.extend_from_slice(&gbk);
        let d = decode(&bom_then_gbk);
        assert_eq!((&*d.text, d.encoding.as_str(), d.notes.len()), ("编号,受理时间\nA,2023年7月14日\n", "gb18030", 1));
        let mut mixed = "编号,受理时间\n".as_bytes().to_vec();
        mixed.extend_from_slice(&encoding_rs::GBK.encode("A,麒麟区\n").0);
        let d = decode(&mixed);
        assert_eq!((&*d.text, d.encoding.as_str()), ("编号,受理时间\nA,麒麟区\n", "utf-8+gb18030"));
        let utf16: Vec<u8> = "编号\t受理时间\r\nA\t2023-07-14\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&utf16);
        assert_eq!((&*d.text, d.encoding.as_str()), ("编号\t受理时间\r\nA\t2023-07-14\r\n", "utf-16le"));
    }
}
