//! Text ledgers read from a reader a block at a time (the command line's files), so that memory
//! holds a block and the row at hand, not the file. The encoding is told exactly as for a file
//! read whole (`encoding::decode`): that decision needs every line (is the whole file UTF-8? a
//! mix?), so the reader is read once to tell it (keeping only counts and a 1 MB sample), once
//! more when the text may hold undecodable bytes (the rows holding U+FFFD are reported only
//! then), and a last time for the rows. An .xlsx sheet is read row by row (`xlsx_stream`);
//! .xls files and HTML tables are read whole: [`open_reader`] hands their bytes back.

use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};

use encoding_rs::{CoderResult, Decoder, Encoding};

use super::encoding::{self, Decoded, LineTally};
use super::{csv, html, xlsx_stream, Opened, TableOptions, OLE_MAGIC};
use crate::error::{Error, ErrorKind, Result};

/// Bytes read from the file at a time.
pub const BLOCK: usize = 64 * 1024;

/// The start of a file that tells its kind (HTML is looked for in the first 64 KB).
const HEAD: usize = 64 * 1024;

/// A file opened from a reader: text to be read a block at a time or an .xlsx sheet row by row,
/// or the bytes of a file read whole (an .xls, an HTML table, a project file, a file read by the
/// ledger module).
pub(crate) enum Opening<'a> {
    Stream(Box<Opened<'a>>),
    Whole(Vec<u8>),
}

fn unreadable(e: &std::io::Error) -> Error {
    Error::new(ErrorKind::Parse, format!("读取文件时出错：{e}"), format!("the file could not be read: {e}"))
}

/// Reads until `buf` is full or the reader ends; returns the bytes read.
fn read_full(reader: &mut dyn Read, buf: &mut [u8]) -> Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(&e)),
        }
    }
    Ok(filled)
}

fn rewind(reader: &mut dyn Seek, to: u64) -> Result<()> {
    reader.seek(SeekFrom::Start(to)).map(|_| ()).map_err(|e| unreadable(&e))
}

/// Opens a file from a reader, read `block` bytes at a time: a text file as a stream of rows, an
/// .xlsx (a zip, as [`super::open`] tells it) as its sheet's rows, anything else whole, as
/// [`super::open`] would read its bytes.
pub(crate) fn open_reader<'a, R: Read + Seek + Send + 'static>(mut reader: R, file_name: &str, options: &TableOptions, block: usize) -> Result<Opening<'a>> {
    let block = block.max(1);
    let total = reader.seek(SeekFrom::End(0)).map_err(|e| unreadable(&e))?;
    rewind(&mut reader, 0)?;
    let mut head = vec![0u8; HEAD];
    let got = read_full(&mut reader, &mut head)?;
    head.truncate(got);
    let lower = file_name.to_lowercase();
    let read_before = super::super::transfer::is_read(&head);
    // A workbook (as `open` tells it first, by its zip header): its sheet is read row by row.
    if !read_before && head.starts_with(b"PK\x03\x04") && !lower.ends_with(".json") {
        options.limits.check()?;
        options.limits.check_file(usize::try_from(total).unwrap_or(usize::MAX))?;
        let file = xlsx_stream::SharedFile::new(reader);
        let out_of_order = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (meta, feed) = xlsx_stream::open(file.clone(), options, out_of_order.clone())?;
        return Ok(Opening::Stream(Box::new(Opened::Sheet { meta, feed: Some(feed), file, out_of_order })));
    }
    let text_file = !(super::super::transfer::is_read(&head) || lower.ends_with(".json") || head.starts_with(b"PK") || head.starts_with(&OLE_MAGIC) || html::looks_like_html(&head));
    if !text_file {
        let mut bytes = head;
        reader.read_to_end(&mut bytes).map_err(|e| unreadable(&e))?;
        return Ok(Opening::Whole(bytes));
    }
    options.limits.check()?;
    options.limits.check_file(usize::try_from(total).unwrap_or(usize::MAX))?;
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = super::clip(name, 200);
    let (scheme, skip, mut told) = tell(&mut reader, &head, block)?;
    if !matches!(scheme, Scheme::Utf8) {
        rewind(&mut reader, skip)?;
        let mut feed = TextFeed::new(Box::new(&mut reader), scheme, block, total);
        let mut scratch = String::new();
        while !feed.done {
            scratch.clear();
            feed.fill(&mut scratch)?;
        }
        told.replaced = feed.replaced;
        if told.replaced {
            told.confidence = if matches!(scheme, Scheme::Lines { .. }) { "low" } else { told.confidence };
        }
    }
    rewind(&mut reader, skip)?;
    let mut feed = TextFeed::new(Box::new(reader), scheme, block, total);
    let head = sniffing_head(&mut feed)?;
    let delimiter = csv::sniff_delimiter(&head);
    Ok(Opening::Stream(Box::new(Opened::Stream { decoded: told, delimiter, name, head, feed: Some(feed) })))
}

/// The start of the text the separator is told from: as `sniff_delimiter` reads it from the whole
/// text (its first twenty non-blank lines within the first megabyte).
fn sniffing_head(feed: &mut TextFeed<'_>) -> Result<String> {
    let mut head = String::new();
    // `head[..counted]` is split into lines already, `non_blank` of them with something in them.
    // `head[counted..searched]` holds no line end (a long line is not searched again at every block).
    let (mut counted, mut searched, mut non_blank) = (0, 0, 0);
    while !feed.done && head.len() < 1 << 20 && non_blank < 20 {
        feed.fill(&mut head)?;
        while let Some(i) = head[searched..].find(['\n', '\r']).map(|i| searched + i) {
            non_blank += usize::from(!head[counted..i].trim().is_empty());
            counted = i + 1;
            searched = counted;
        }
        searched = head.len();
    }
    Ok(head)
}

/// How the bytes become text.
#[derive(Clone, Copy)]
pub(crate) enum Scheme {
    /// UTF-8 throughout (its byte-order mark skipped).
    Utf8,
    /// UTF-16.
    Utf16 { encoding: &'static Encoding, bom_removal: bool },
    /// Line by line: UTF-8 where a line is, else the legacy encoding.
    Lines { legacy: &'static Encoding },
}

/// Tells the encoding of the text as `encoding::decode` does for the whole file: the scheme,
/// where the text starts (after a UTF-8 byte-order mark), and what is known of it (`replaced`
/// not yet: it takes decoding).
fn tell<R: Read + Seek>(reader: &mut R, head: &[u8], block: usize) -> Result<(Scheme, u64, Decoded<'static>)> {
    let utf8_bom = head.starts_with(b"\xEF\xBB\xBF");
    if !utf8_bom {
        for (bom, encoding, name) in [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "utf-16le"), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "utf-16be")] {
            if head.starts_with(bom) {
                return Ok((Scheme::Utf16 { encoding, bom_removal: true }, 0, encoding::plain(Cow::Borrowed(""), name, "certain")));
            }
        }
        if let Some(little_endian) = encoding::utf16_without_bom(head) {
            let encoding = if little_endian { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            return Ok((Scheme::Utf16 { encoding, bom_removal: false }, 0, encoding::plain(Cow::Borrowed(""), &encoding::label(encoding), "high")));
        }
    }
    let skip = if utf8_bom { 3 } else { 0 };
    rewind(reader, skip)?;
    let mut tally = LineTally::default();
    let mut lines = LineSplitter::default();
    let mut buf = vec![0u8; block];
    loop {
        let n = read_full(reader, &mut buf)?;
        lines.feed(&buf[..n], n == 0, &mut |line| tally.line(line));
        if n == 0 {
            break;
        }
    }
    if tally.all_utf8() {
        let name = if utf8_bom { "utf-8-bom" } else { "utf-8" };
        return Ok((Scheme::Utf8, skip, encoding::plain(Cow::Borrowed(""), name, "certain")));
    }
    let told = tally.finish();
    let legacy = told.legacy;
    let mut decoded = told.decoded(Cow::Borrowed(""), false);
    if utf8_bom {
        decoded.notes.push(encoding::bom_but_not_utf8(&decoded.encoding));
    }
    Ok((Scheme::Lines { legacy }, skip, decoded))
}

/// Splits bytes fed a block at a time into lines, each with its line end (LF, CR or CRLF), as
/// `encoding::byte_lines` splits them whole: a CR at the end of a block waits for the next byte.
#[derive(Default)]
pub(crate) struct LineSplitter {
    pending: Vec<u8>,
    /// `pending[..clean]` holds no line end (a long line is not searched again at every block).
    clean: usize,
}

impl LineSplitter {
    pub(crate) fn feed(&mut self, bytes: &[u8], last: bool, each: &mut dyn FnMut(&[u8])) {
        self.pending.extend_from_slice(bytes);
        let b = &self.pending;
        let mut start = 0;
        let mut scan = self.clean;
        loop {
            let Some(i) = b[scan..].iter().position(|c| *c == b'\n' || *c == b'\r').map(|k| scan + k) else {
                scan = b.len();
                break;
            };
            let end = match (b[i], b.get(i + 1)) {
                (b'\r', Some(b'\n')) => i + 2,
                (b'\r', None) if !last => {
                    scan = i;
                    break;
                }
                _ => i + 1,
            };
            each(&b[start..end]);
            start = end;
            scan = end;
        }
        if last && start < b.len() {
            each(&b[start..]);
            start = b.len();
            scan = start;
        }
        self.pending.drain(..start);
        self.clean = scan - start;
    }
}

enum State {
    Decoder(Decoder),
    Lines { legacy: &'static Encoding, lines: LineSplitter },
}

/// The text of a reader, decoded a block at a time; a character cut by a block's end is kept
/// for the next (encoding_rs's decoders, and lines whole in the legacy case).
pub(crate) struct TextFeed<'a> {
    reader: Box<dyn Read + 'a>,
    buf: Vec<u8>,
    state: State,
    /// Bytes read so far, and the file's size: how far through it, for progress.
    read: u64,
    total: u64,
    pub(crate) done: bool,
    /// Whether some bytes were not text in the encoding and became U+FFFD.
    pub(crate) replaced: bool,
}

impl<'a> TextFeed<'a> {
    pub(crate) fn new(reader: Box<dyn Read + 'a>, scheme: Scheme, block: usize, total: u64) -> TextFeed<'a> {
        let state = match scheme {
            Scheme::Utf8 => State::Decoder(encoding_rs::UTF_8.new_decoder_without_bom_handling()),
            Scheme::Utf16 { encoding, bom_removal: true } => State::Decoder(encoding.new_decoder_with_bom_removal()),
            Scheme::Utf16 { encoding, bom_removal: false } => State::Decoder(encoding.new_decoder_without_bom_handling()),
            Scheme::Lines { legacy } => State::Lines { legacy, lines: LineSplitter::default() },
        };
        TextFeed { reader, buf: vec![0u8; block.max(1)], state, read: 0, total, done: false, replaced: false }
    }

    /// The file's size in bytes.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// How far through the file, 0–1.
    pub(crate) fn progress(&self) -> f64 {
        if self.total == 0 || self.done {
            1.0
        } else {
            (self.read as f64 / self.total as f64).min(1.0)
        }
    }

    /// Reads one block and appends its text to `out` (maybe nothing, when the block ends inside
    /// a character or a line); at the end of the reader, what was held back, and `done`.
    pub(crate) fn fill(&mut self, out: &mut String) -> Result<()> {
        if self.done {
            return Ok(());
        }
        let n = read_full(&mut self.reader, &mut self.buf)?;
        self.read += n as u64;
        let last = n == 0;
        let bytes = &self.buf[..n];
        match &mut self.state {
            State::Decoder(decoder) => self.replaced |= decode_into(decoder, bytes, last, out),
            State::Lines { legacy, lines } => {
                let legacy = *legacy;
                let mut replaced = false;
                lines.feed(bytes, last, &mut |line| replaced |= encoding::decode_line(line, legacy, out));
                self.replaced |= replaced;
            }
        }
        self.done = last;
        Ok(())
    }
}

/// Decodes `src` onto `out`; returns whether some bytes were replaced by U+FFFD.
fn decode_into(decoder: &mut Decoder, mut src: &[u8], last: bool, out: &mut String) -> bool {
    let mut replaced = false;
    loop {
        out.reserve(decoder.max_utf8_buffer_length(src.len()).unwrap_or(src.len().saturating_mul(3)).max(16));
        let (result, read, had_errors) = decoder.decode_to_string(src, out, last);
        replaced |= had_errors;
        src = &src[read..];
        if matches!(result, CoderResult::InputEmpty) {
            return replaced;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as a person would see them: number, cells, problems (row, column, whole row, message).
    fn seen(opened: &mut Opened<'_>) -> (super::super::Meta, Vec<String>, Option<u32>) {
        let limits = super::super::Limits::default();
        let (meta, mut rows) = opened.source(&limits);
        let mut seen = Vec::new();
        while let Some(r) = rows.next_row().unwrap() {
            let cells: Vec<String> = r.cells.iter().map(super::super::Cell::display).collect();
            let issues: Vec<String> = r.issues.iter().map(|i| format!("{}:{:?}:{}:{}", i.row, i.col, i.whole_row, i.error.message_zh())).collect();
            seen.push(format!("{} {:?} {:?} +{}", r.row, cells, issues, r.extra_lines));
        }
        (meta, seen, rows.last_line())
    }

    /// Text that cuts badly (a CR at a block's end before its LF, an escaped quote, a quote never
    /// closed, one that swallows records, GBK and UTF-8 mixed, a bad byte, UTF-16, a BOM), after
    /// twenty lines (the separator is told from the first twenty, read before any row: what
    /// follows them comes block by block): read in blocks of every size from 1 to 40 bytes, the
    /// rows, problems, encoding and last line are those of the text read whole.
    #[test]
    fn text_read_in_blocks_of_every_size_is_read_as_whole() {
        let twenty = "f,f\r\n".repeat(20);
        let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
        let utf16: Vec<u8> = format!("\u{feff}编号\t受理时间\r\n{}A\t2023-07-14\r\nB\t\"x\r\ny\"\r\n", twenty.replace(',', "\t")).encode_utf16().flat_map(u16::to_le_bytes).collect();
        let files: Vec<Vec<u8>> = vec![
            format!("id,a\r\n{twenty}1,\"x\"\"y\"\r\n\r\n2,\"p\r\nq\"z,w\r3,v").into_bytes(),
            format!("id,start,end\n{twenty}A,\"2023-07-14,2023-07-15\nB,2023-07-14,2023-07-15\nC,2023-07-14,2023-07-15\n").into_bytes(),
            format!("id,start,end\n{twenty}A,\"x,y\nB,2023-07-14,2023-07-15\nC,\"z\",w\n").into_bytes(),
            [&b"\xEF\xBB\xBF"[..], &gbk(&format!("编号,县区\r\n{twenty}A,麒麟区\r\n"))].concat(),
            [&b"\xEF\xBB\xBF"[..], format!("编号,县区\r\n{twenty}A,麒麟区\r\n").as_bytes()].concat(),
            [format!("编号,县区\n{twenty}").as_bytes(), &gbk("A,麒麟区\n"), b"B,\xFF\xD5\xB4\n"].concat(),
            utf16,
            format!("a;b;c\n{}1;2;3\r\n\n\"", twenty.replace(',', ";")).into_bytes(),
        ];
        for bytes in &files {
            let mut whole = super::super::open(bytes, "t.csv", &TableOptions::default()).unwrap();
            let (meta, rows, last) = seen(&mut whole);
            assert!(rows.len() > 21, "{rows:?}");
            for block in 1..=40 {
                let Opening::Stream(mut opened) = open_reader(std::io::Cursor::new(bytes.clone()), "t.csv", &TableOptions::default(), block).unwrap() else { panic!("text read whole") };
                let (m, r, l) = seen(&mut opened);
                assert_eq!((&m.encoding, &m.confidence, &m.delimiter, m.notes.len()), (&meta.encoding, &meta.confidence, &meta.delimiter, meta.notes.len()), "{bytes:?}, blocks of {block}");
                assert_eq!((&r, l), (&rows, last), "{bytes:?}, blocks of {block}");
            }
        }
    }

    /// Every way of cutting the bytes into blocks gives the lines `byte_lines` gives whole.
    #[test]
    fn lines_fed_in_blocks_are_the_lines_of_the_whole() {
        let bytes = b"a,b\r\nc\rd\n\r\n\re,\"x\r\ny\"\rlast";
        let whole: Vec<Vec<u8>> = vec![b"a,b\r\n".to_vec(), b"c\r".to_vec(), b"d\n".to_vec(), b"\r\n".to_vec(), b"\r".to_vec(), b"e,\"x\r\n".to_vec(), b"y\"\r".to_vec(), b"last".to_vec()];
        for block in 1..=bytes.len() {
            let mut splitter = LineSplitter::default();
            let mut got: Vec<Vec<u8>> = Vec::new();
            for chunk in bytes.chunks(block) {
                splitter.feed(chunk, false, &mut |l| got.push(l.to_vec()));
            }
            splitter.feed(&[], true, &mut |l| got.push(l.to_vec()));
            assert_eq!(got, whole, "block {block}");
        }
    }
}
