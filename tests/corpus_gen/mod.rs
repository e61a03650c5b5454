//! The bad-input corpus (`tests/corpus/`): every file made here, so that each is reproducible and
//! the big hostile ones need not be committed. `cargo run --example make_corpus` writes the small
//! ones to `tests/corpus/` (committed) and the big ones to `target/corpus-generated/`;
//! `tests/corpus.rs` checks that the committed files are what this makes, then runs them all
//! against `tests/corpus/manifest.json`, as `tests/js/corpus.test.mjs` does through wasm.
#![allow(dead_code)]

use std::io::Write;

/// A corpus file: its name, its bytes, and whether it is generated at test time (too big to commit).
pub struct File {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub generated: bool,
}

fn small(name: &'static str, bytes: impl Into<Vec<u8>>) -> File {
    File { name, bytes: bytes.into(), generated: false }
}

fn big(name: &'static str, bytes: Vec<u8>) -> File {
    File { name, bytes, generated: true }
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

/// A workbook written by hand, part by part, as hostile or unusual producers write them:
/// `sheets` = (name, state: "visible" | "hidden", sheet XML).
pub fn raw_xlsx(sheets: &[(&str, &str, String)]) -> Vec<u8> {
    raw_xlsx_with(sheets, zip::CompressionMethod::Deflated)
}

pub fn raw_xlsx_with(sheets: &[(&str, &str, String)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method).last_modified_time(zip::DateTime::default());
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    };
    let overrides: String = (1..=sheets.len()).map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#)).collect();
    put(
        "[Content_Types].xml",
        &format!(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#),
    );
    put("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    let sheet_list: String = sheets.iter().enumerate().map(|(i, (name, state, _))| format!(r#"<sheet name="{name}" sheetId="{}" state="{state}" r:id="rId{}"/>"#, i + 1, i + 1)).collect();
    put(
        "xl/workbook.xml",
        &format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheet_list}</sheets></workbook>"#),
    );
    let rels: String = (1..=sheets.len()).map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#)).collect();
    put("xl/_rels/workbook.xml.rels", &format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#));
    for (i, (_, _, xml)) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), xml);
    }
    zip.finish().expect("zip").into_inner()
}

/// A zip bomb: one sheet of `bytes` of empty-looking rows without `r` attributes (each row one
/// cell), written in pieces so that it is never held whole.
pub fn bomb_xlsx(bytes: usize) -> Vec<u8> {
    let mut out = raw_xlsx(&[("台账", "visible", String::from("<worksheet/>"))]);
    // Rebuild with the sheet streamed: the parts before it are the same.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(9)).last_modified_time(zip::DateTime::default());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(std::mem::take(&mut out))).expect("own zip");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut text).expect("read");
        zip.start_file(name.as_str(), options).expect("zip entry");
        if name.ends_with("sheet1.xml") {
            zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).expect("write");
            let row = "<row><c><v>1</v></c></row>".repeat(40_000);
            let mut written = 0;
            while written < bytes {
                zip.write_all(row.as_bytes()).expect("write");
                written += row.len();
            }
            zip.write_all(b"</sheetData></worksheet>").expect("write");
        } else {
            zip.write_all(&text).expect("write");
        }
    }
    zip.finish().expect("zip").into_inner()
}

/// Sheet XML from rows of (reference, cell body) pairs; bodies are inline strings or numbers.
pub fn sheet_xml(rows: &[(u32, Vec<(&str, Cell)>)]) -> String {
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#);
    for (r, cells) in rows {
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for (reference, cell) in cells {
            xml.push_str(&cell.xml(reference));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

pub enum Cell {
    S(&'static str),
    N(f64),
    /// A formula with no cached value.
    F(&'static str),
    /// An error value, as Excel caches it (`#DIV/0!`).
    E(&'static str),
}

impl Cell {
    fn xml(&self, r: &str) -> String {
        match self {
            Cell::S(s) => format!(r#"<c r="{r}" t="inlineStr"><is><t>{s}</t></is></c>"#),
            Cell::N(x) => format!(r#"<c r="{r}"><v>{x}</v></c>"#),
            Cell::F(f) => format!(r#"<c r="{r}"><f>{f}</f></c>"#),
            Cell::E(e) => format!(r#"<c r="{r}" t="e"><v>{e}</v></c>"#),
        }
    }
}

use Cell::{E, F, N, S};

/// The header and two good rows of a 1.1 ledger (company setup, 0.4 working days): row 2 meets
/// the target (2 h 48 min = 0.4 days), row 3 does not (1 working day).
fn ledger_xml_rows() -> Vec<(u32, Vec<(&'static str, Cell)>)> {
    vec![
        (1, vec![("A1", S("编号")), ("B1", S("受理时间")), ("C1", S("办结时间")), ("D1", S("所属县区"))]),
        (2, vec![("A2", S("A")), ("B2", S("2023-07-14 09:00")), ("C2", S("2023-07-14 11:48")), ("D2", S("麒麟区"))]),
        (3, vec![("A3", S("B")), ("B3", S("2023-07-13 09:00")), ("C3", S("2023-07-13 18:00")), ("D3", S("沾益区"))]),
    ]
}

/// Every corpus file.
pub fn files() -> Vec<File> {
    let head = "编号,受理时间,办结时间,所属县区";
    let good = |sep: &str, end: &str| format!("{head}{end}A,2023-07-14 09:00,2023-07-14 11:48,麒麟区{end}B,2023-07-13 09:00,2023-07-13 18:00,沾益区{end}").replace(',', sep);
    let mut out = vec![
        // ---- line ends and structure
        small("lf.csv", good(",", "\n")),
        small("crlf.csv", good(",", "\r\n")),
        small("cr-only.csv", good(",", "\r")),
        small("mixed-line-ends.csv", format!("{head}\r\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\rB,2023-07-13 09:00,2023-07-13 18:00,沾益区\nC,2023-07-14 09:00,2023-07-14 10:00,马龙区\r\n")),
        small("no-final-newline.csv", format!("{head}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区")),
        small("blank-lines-inside.csv", format!("{head}\n\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\n,,,\n\nB,2023-07-13 09:00,2023-07-13 18:00,沾益区\n")),
        small("trailing-blank-lines.csv", format!("{head}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\n\n\n")),
        small("unclosed-quote-eof.csv", format!("{head}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\nB,\"2023-07-13 09:00,2023-07-13 18:00,沾益区\nC,2023-07-14 09:00,2023-07-14 10:00,马龙区\nD,2023-07-14 09:00,2023-07-14 10:00,马龙区\nE,2023-07-14 09:00,2023-07-14 10:00,马龙区\nF,2023-07-14 09:00,2023-07-14 10:00,马龙区\nG,2023-07-14 09:00,2023-07-14 10:00,马龙区\n")),
        small("unclosed-quote-swallow.csv", format!("{head}\nA,\"2023-07-14 09:00,2023-07-14 11:48,麒麟区\nB,2023-07-13 09:00,2023-07-13 18:00,沾益区\nC,2023-07-14 09:00,\"2023-07-14 10:00\",马龙区\n")),
        small("quoted-newline-cell.csv", "编号,受理时间,办结时间,备注\nA,2023-07-14 09:00,2023-07-14 11:48,\"第一行\n第二行\"\nB,2023-07-13 09:00,2023-07-13 18:00,无\n"),
        small("escaped-quotes.csv", "编号,名称,受理时间,办结时间\nA,\"某某\"\"有限\"\"公司\",2023-07-14 09:00,2023-07-14 11:48\n"),
        small("tab-delimited.txt", good("\t", "\r\n")),
        small("semicolon.csv", good(";", "\n")),
        small("pipe-delimited.csv", good("|", "\n")),
        small("header-only.csv", format!("{head}\n")),
        small("empty.csv", ""),
        small("whitespace-only.csv", "  \n\t\n \r\n"),
        small("single-cell.csv", "台账\n"),
        small("title-then-header.csv", format!("2023年企业开办台账\n{head}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\n")),
        small("two-row-header.csv", "编号,办理时间,,所属县区\n,开始,结束,\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\nB,2023-07-13 09:00,2023-07-13 18:00,沾益区\n"),
        small("cells-beyond-header.csv", format!("{head}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区,多余,更多\n")),
        small("formula-like-text.csv", "编号,名称,受理时间,办结时间\n=cmd|' /C calc'!A0,@SUM(1),2023-07-14 09:00,2023-07-14 11:48\n"),
        small("negative-cost.csv", "编号,总投资（万元）,费用（万元）\nA,52000,-2.5\nB,18500,392\n"),
        small("markup-in-cells.csv", "编号,名称,受理时间,办结时间,所属县区\n<script>alert(1)</script>,<img src=x onerror=alert(1)>,2023-07-14 09:00,2023-07-14 11:48,<b>麒麟区</b>\n"),
        small("nul-bytes.csv", format!("{head}\nA,2023-07-14 09:00,2023-07-14 11:48,麒\0麟区\n")),
        small("duplicate-headers.csv", "编号,受理时间,受理时间,办结时间\nA,2023-07-14 09:00,2023-07-15 09:00,2023-07-14 11:48\n"),
        small("bad-dates.csv", format!("{head}\nA,2023-02-30 09:00,2023-07-14 11:48,麒麟区\nB,2023-07-14 25:00,2023-07-14 11:48,沾益区\nC,yesterday,2023-07-14 11:48,马龙区\nD,2023-07-14 12:00,2023-07-14 09:00,宣威市\n")),
        small("long-cell.csv", format!("编号,名称,受理时间,办结时间\nA,{},2023-07-14 09:00,2023-07-14 11:48\nB,短,2023-07-13 09:00,2023-07-13 18:00\n", "长".repeat(40_000))),
        small("huge-bad-value.csv", format!("{head}\nA,{},2023-07-14 11:48,麒麟区\n", "9".repeat(100_000))),
        small("too-many-columns.csv", format!("{head}{}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区{},x\n", ",".repeat(2), ",".repeat(1000))),
        small("trailing-separators.csv", format!("{head}{}\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区{}\n", ",".repeat(3000), ",".repeat(3000))),
        small("rows-over-limit.csv", format!("{head}\n{}", (0..6).map(|i| format!("R{i},2023-07-14 09:00,2023-07-14 10:00,麒麟区\n")).collect::<String>())),
        small("file-over-limit.csv", good(",", "\n")),
        small("bad-limits-option.csv", good(",", "\n")),
        // ---- encodings
        small("utf8-bom.csv", [&b"\xEF\xBB\xBF"[..], good(",", "\r\n").as_bytes()].concat()),
        small("gbk.csv", gbk(&good(",", "\r\n"))),
        small("gb18030-four-byte.csv", encoding_rs::GB18030.encode(&format!("{head}\nA,2023-07-14 09:00,2023-07-14 11:48,𠀀县\n")).0.into_owned()),
        small("utf16le-bom.txt", utf16le(&good("\t", "\r\n"), true)),
        small("utf16be-bom.txt", utf16be(&good("\t", "\r\n"))),
        small("utf16le-no-bom.txt", utf16le(&good("\t", "\r\n"), false)),
        small("utf8-bom-then-gbk.csv", [&b"\xEF\xBB\xBF"[..], &gbk(&good(",", "\r\n"))].concat()),
        small("mixed-utf8-gbk.csv", [format!("{head}\r\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\r\n").into_bytes(), gbk("B,2023-07-13 09:00,2023-07-13 18:00,沾益区\r\n")].concat()),
        small("undecodable-bytes.csv", [gbk(&format!("{head}\r\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟区\r\n")), b"B,2023-07-13 09:00,2023-07-13 18:00,\x81\x20\xFF\r\n".to_vec()].concat()),
        small("big5.csv", encoding_rs::BIG5.encode("編號,受理時間,辦結時間,所屬縣區\r\nA,2023-07-14 09:00,2023-07-14 11:48,麒麟區\r\n").0.into_owned()),
        // ---- workbooks
        small("a1-and-xfd1048576.xlsx", raw_xlsx(&[("台账", "visible", sheet_xml(&[(1, vec![("A1", S("编号"))]), (1_048_576, vec![("XFD1048576", S("x"))])]))])),
        small("far-row.xlsx", raw_xlsx(&[("台账", "visible", { let mut rows = ledger_xml_rows(); rows.push((1_048_576, vec![("A1048576", S("C"))])); sheet_xml(&rows) })])),
        small("rows-without-r.xlsx", raw_xlsx(&[("台账", "visible", sheet_xml(&ledger_xml_rows()).replace(r#" r="A1""#, "").replace(r#"<row r="1">"#, "<row>").replace(r#"<row r="2">"#, "<row>").replace(r#"<row r="3">"#, "<row>").replace(r#" r="B1""#, "").replace(r#" r="C1""#, "").replace(r#" r="D1""#, "").replace(r#" r="A2""#, "").replace(r#" r="B2""#, "").replace(r#" r="C2""#, "").replace(r#" r="D2""#, "").replace(r#" r="A3""#, "").replace(r#" r="B3""#, "").replace(r#" r="C3""#, "").replace(r#" r="D3""#, ""))])),
        small("formula-without-value.xlsx", raw_xlsx(&[("台账", "visible", { let mut rows = ledger_xml_rows(); rows[2].1[2] = ("C3", F("B3+1")); sheet_xml(&rows) })])),
        small("error-values.xlsx", raw_xlsx(&[("台账", "visible", { let mut rows = ledger_xml_rows(); rows[1].1[2] = ("C2", E("#DIV/0!")); rows[2].1[1] = ("B3", E("#N/A")); sheet_xml(&rows) })])),
        small("hidden-first-sheet.xlsx", raw_xlsx(&[("旧数据", "hidden", sheet_xml(&[(1, vec![("A1", S("编号")), ("B1", S("受理时间"))]), (2, vec![("A2", S("OLD")), ("B2", S("bad"))])])), ("台账", "visible", sheet_xml(&ledger_xml_rows()))])),
        small("hidden-sheet-chosen.xlsx", raw_xlsx(&[("台账", "visible", sheet_xml(&ledger_xml_rows())), ("隐藏", "hidden", sheet_xml(&ledger_xml_rows()))])),
        small("serial-dates.xlsx", raw_xlsx(&[("台账", "visible", sheet_xml(&[(1, vec![("A1", S("编号")), ("B1", S("受理时间")), ("C1", S("办结时间"))]), (2, vec![("A2", S("A")), ("B2", N(45121.375)), ("C2", N(45121.5))])]))])),
        small("empty-sheet.xlsx", raw_xlsx(&[("台账", "visible", sheet_xml(&[]))])),
        small("not-a-worksheet.xlsx", raw_xlsx(&[("台账", "visible", "<?xml version=\"1.0\"?><chartsheet/>".to_string())])),
        small("zip-bomb-100mb.xlsx", bomb_xlsx(100_000_000)),
        small("corrupt.xlsx", b"PK\x03\x04\x14\x00\x00\x00garbage that is not a zip".to_vec()),
        small("truncated.xlsx", { let b = raw_xlsx(&[("台账", "visible", sheet_xml(&ledger_xml_rows()))]); b[..b.len() / 2].to_vec() }),
        small("ole-garbage.xls", [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0u8; 600][..]].concat()),
        small("html-table.xls", gbk("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><table border=\"1\"><tr><td>编号</td><td>受理时间</td><td>办结时间</td><td>所属县区</td></tr><tr><td>A</td><td>2023-07-14 09:00</td><td>2023-07-14 11:48</td><td>麒麟区</td></tr><tr><td>B</td><td>2023-07-13 09:00</td><td>2023-07-13 18:00</td><td>沾益区</td></tr></table></body></html>")),
        small("html-two-row-header.xls", "<table><tr><th rowspan=\"2\">编号</th><th colspan=\"2\">办理时间</th><th rowspan=\"2\">所属县区</th></tr><tr><th>开始</th><th>结束</th></tr><tr><td>A</td><td>2023-07-14&nbsp;09:00</td><td>2023-07-14 11:48</td><td>麒麟区</td></tr></table>"),
        small("png-named-csv.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89".to_vec()),
        small("project-as-ledger.json", r#"{"schema":"bizenv-project","version":1}"#),
        // ---- project files
        small("project-sessions-not-pairs.json", r#"{"schema":"bizenv-project","version":1,"settings":{"sessions":[1]}}"#),
        small("project-session-25h.json", r#"{"schema":"bizenv-project","version":1,"settings":{"sessions":[["09:00","25:00"]]}}"#),
        small("project-hours-negative.json", r#"{"schema":"bizenv-project","version":1,"settings":{"hoursPerDay":-1}}"#),
        small("project-asof-garbage.json", r#"{"schema":"bizenv-project","version":1,"asOf":"garbage"}"#),
        small("project-overlapping-sessions.json", r#"{"schema":"bizenv-project","version":1,"settings":{"sessions":[["09:00","12:00"],["11:00","13:00"]]}}"#),
        small("project-bad-calendar-csv.json", r#"{"schema":"bizenv-project","version":1,"settings":{"calendarCsv":["date,kind\n2027-13-01,holiday\n"]}}"#),
        small("project-dataset-not-arrays.json", r#"{"schema":"bizenv-project","version":1,"dataset":{"1.1":{"id":"A"}}}"#),
        small("project-good.json", r#"{"schema":"bizenv-project","version":1,"dataset":{"1.1":[{"id":"A","start":"2023-07-14 09:00","end":"2023-07-14 11:48"}]},"asOf":"2023-12-29 17:00","settings":{"sessions":[["09:00","12:00"],["14:00","18:00"]],"hoursPerDay":null}}"#),
    ];
    out.extend(generated());
    out
}

/// The big hostile files, made at test time (the issue's 3.7 MB → 1.1 GB bomb is
/// `bomb_xlsx(1_100_000_000)`, made only by `cargo run --release --example make_corpus -- --bomb`).
pub fn generated() -> Vec<File> {
    // 100 MB on one line, commas every few bytes.
    let one_line = {
        let mut s = Vec::with_capacity(100 << 20);
        s.extend_from_slice("编号,受理时间".as_bytes());
        while s.len() < 100 << 20 {
            s.extend_from_slice(b",x");
        }
        s
    };
    // A ledger with one row more than the default limit (2 000 000 data rows and its header).
    let many_rows = {
        let mut csv = "编号,受理时间\n".as_bytes().to_vec();
        for _ in 0..2_000_000 {
            csv.extend_from_slice(b"1\n");
        }
        csv
    };
    vec![big("one-line-100mb.csv", one_line), big("rows-over-default-limit.csv", many_rows)]
}
