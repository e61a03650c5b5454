//! The command line reads text ledgers a block at a time (memory does not grow with the file):
//! the outcome must be the one of reading each file whole, to the byte. Every ledger of the
//! corpus and the fixtures is evaluated whole (`BIZENV_READ_BLOCK=0`, the hidden knob the tests
//! use) and in blocks of 7 bytes, 64 bytes and the default size; stdout, stderr, exit code and
//! the written .csv and .xlsx must be identical. Then hand-worked files whose blocks cut a GBK
//! character, a quoted line break, a byte-order mark and a CRLF.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a person gets from a run: exit code, stdout, stderr (the output folder's path taken
/// out), and the files written.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    written: Vec<(String, Vec<u8>)>,
}

fn run(block: Option<&str>, out: &Path, args: &[&str]) -> Outcome {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).expect("output folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_bizenv"));
    command.args(args).current_dir(out);
    match block {
        Some(b) => command.env("BIZENV_READ_BLOCK", b),
        None => command.env_remove("BIZENV_READ_BLOCK"),
    };
    let o = command.output().expect("the bizenv binary runs");
    let mut written: Vec<(String, Vec<u8>)> = std::fs::read_dir(out)
        .expect("output folder")
        .filter_map(|e| e.ok())
        .flat_map(|e| contents(&e.file_name().to_string_lossy(), std::fs::read(e.path()).expect("written file")))
        .collect();
    written.sort();
    Outcome { code: o.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&o.stdout).into_owned(), stderr: String::from_utf8_lossy(&o.stderr).into_owned(), written }
}

/// A written file's contents: a workbook's parts one by one, but the moment it was made
/// (`docProps/core.xml`, which differs between two runs a second apart).
fn contents(name: &str, bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    if !name.ends_with(".xlsx") {
        return vec![(name.to_string(), bytes)];
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a workbook part");
        let part_name = part.name().map(|n| n.to_string()).unwrap_or_default();
        if part_name == "docProps/core.xml" {
            continue;
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).expect("a workbook part");
        parts.push((format!("{name}/{part_name}"), bytes));
    }
    parts
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_streamed").join(name)
}

/// The runs of one ledger (evaluate to .csv, to .xlsx, report as JSON) read whole, and read in
/// blocks of each size: all the same.
fn same_whole_and_in_blocks(test: &str, file: &Path, indicator: Option<&str>) {
    let path = file.to_string_lossy().into_owned();
    let mut with_indicator: Vec<&str> = Vec::new();
    if let Some(id) = indicator {
        with_indicator.extend(["--indicator", id]);
    }
    let runs: [Vec<&str>; 3] = [
        [&["evaluate", path.as_str(), "--as-of", "2023-12-29 17:00", "-o", "out.csv"][..], &with_indicator].concat(),
        [&["evaluate", path.as_str(), "--as-of", "2023-12-29 17:00", "-o", "out.xlsx", "--lang", "en"][..], &with_indicator].concat(),
        [&["report", path.as_str(), "--as-of", "2023-12-29 17:00", "--format", "json"][..], &with_indicator].concat(),
    ];
    for args in &runs {
        let whole = run(Some("0"), &scratch(&format!("{test}-whole")), args);
        for block in [Some("7"), Some("64"), None] {
            let blocks = run(block, &scratch(&format!("{test}-blocks")), args);
            let said = |o: &Outcome| (o.code, o.stdout.clone(), o.stderr.clone());
            assert_eq!(said(&blocks), said(&whole), "{path}, blocks of {block:?}, {args:?}");
            let names = |o: &Outcome| o.written.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
            assert_eq!(names(&blocks), names(&whole), "{path}, blocks of {block:?}, {args:?}");
            for ((name, a), (_, b)) in blocks.written.iter().zip(&whole.written) {
                assert!(a == b, "{path}, blocks of {block:?}, {args:?}: {name} differs");
            }
        }
    }
}

fn files_in(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("folder").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e != "json")).collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_reads_the_same_in_blocks_as_whole() {
    let files = files_in("tests/corpus");
    assert!(files.len() >= 60, "the corpus is there: {}", files.len());
    for file in files {
        same_whole_and_in_blocks("corpus", &file, Some("1.1"));
    }
}

/// The separator is told from a file's first twenty lines, read before any row: a small file is
/// all in them. So each text file of the corpus once more with twenty-five lines of separators
/// after its first line (whatever that does to it, both ways must agree), for blocks to cut the
/// rest.
#[test]
fn every_corpus_text_file_after_twenty_five_more_lines_reads_the_same_in_blocks_as_whole() {
    let dir = scratch("padded");
    std::fs::create_dir_all(&dir).expect("folder");
    let files: Vec<PathBuf> = files_in("tests/corpus").into_iter().filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "txt")).collect();
    assert!(files.len() >= 40, "the corpus is there: {}", files.len());
    for file in files {
        let bytes = std::fs::read(&file).expect("corpus file");
        let cut = bytes.iter().position(|b| *b == b'\n' || *b == b'\r').map_or(bytes.len(), |i| i + 1);
        let padded = [&bytes[..cut], ",,,,\r\n".repeat(25).as_bytes(), &bytes[cut..]].concat();
        let copy = dir.join(file.file_name().expect("a file name"));
        std::fs::write(&copy, padded).expect("padded copy");
        same_whole_and_in_blocks("padded", &copy, Some("1.1"));
    }
}

#[test]
fn every_fixture_reads_the_same_in_blocks_as_whole_its_indicator_told_from_its_name() {
    for file in files_in("tests/fixtures") {
        same_whole_and_in_blocks("fixtures", &file, None);
    }
}

/// Indicator 1.1 (office hours 09:00–12:00, 14:00–18:00, 7 h a day). A 2023-07-14 09:00 → 11:48
/// is 2.8 h = 0.4 days; B 2023-07-13 09:00 → 18:00 is 7 h = 1 day. Mean 0.7 days, not met.
/// After the header, twenty lines of separators alone (blank rows: lines 2–21): the separator is
/// told from the first twenty lines, read before any row, and the cases (rows 22 and 23) must
/// come block by block after them.
fn two_cases() -> String {
    format!("编号,所属县区,受理时间,办结时间\r\n{}A,麒麟区,2023-07-14 09:00,2023-07-14 11:48\r\nB,沾益区,2023-07-13 09:00,2023-07-13 18:00\r\n", ",,,\r\n".repeat(20))
}
const TWO_CASES_LINE: &str = "1.1 企业开办时间：0.7工作日（目标 0.4工作日）未达标；2 件，有效 2，未办结 0，未达标 1，有问题 0\n";

fn evaluate_in_blocks(name: &str, bytes: &[u8], block: &str) -> Outcome {
    let dir = scratch(name);
    std::fs::create_dir_all(&dir).expect("folder");
    let file = dir.join(format!("{name}.csv"));
    std::fs::write(&file, bytes).expect("ledger");
    let path = file.to_string_lossy().into_owned();
    run(Some(block), &dir.join("out"), &["evaluate", &path, "--indicator", "1.1", "-o", "out.csv"])
}

/// GBK: "编" is 0xB1 0xE0. Blocks of 1, 2, 3 and 5 bytes cut some character of every row in
/// two; the cases read are A and B all the same, in the GBK file and in the same with a UTF-8
/// byte-order mark (3 bytes, cut by blocks of 1 and 2).
#[test]
fn characters_and_a_byte_order_mark_cut_by_blocks_read_whole() {
    let text = two_cases();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert_eq!(&gbk[..2], [0xB1, 0xE0]);
    let utf8_bom = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    for (name, bytes) in [("gbk", gbk.into_owned()), ("utf8-bom", utf8_bom)] {
        for block in ["1", "2", "3", "5"] {
            let r = evaluate_in_blocks(name, &bytes, block);
            assert_eq!((r.code, r.stdout.as_str()), (0, TWO_CASES_LINE), "{name}, blocks of {block}");
            let csv = String::from_utf8_lossy(&r.written[0].1).into_owned();
            assert!(csv.contains("\n22,A,,麒麟区,2023-07-14 09:00,2023-07-14 11:48,0.40,"), "{name}, blocks of {block}: {csv}");
            assert!(csv.contains("\n23,B,,沾益区,2023-07-13 09:00,2023-07-13 18:00,1.00,"), "{name}, blocks of {block}: {csv}");
        }
    }
}

/// A quoted remark holding a CRLF, cut by every block size from 1 to 9: the remark stays one
/// cell ("x\r\ny" on row 22, after the header and twenty blank lines, which runs over two
/// lines), and B is row 24 (lines 22 and 23 are A's).
#[test]
fn a_quoted_line_break_cut_by_blocks_stays_in_its_cell() {
    let text = format!("编号,所属县区,受理时间,办结时间,备注\r\n{}A,麒麟区,2023-07-14 09:00,2023-07-14 11:48,\"x\r\ny\"\r\nB,沾益区,2023-07-13 09:00,2023-07-13 18:00,z\r\n", ",,,,\r\n".repeat(20));
    for block in 1..=9 {
        let r = evaluate_in_blocks("quoted", text.as_bytes(), &block.to_string());
        assert_eq!((r.code, r.stdout.as_str()), (0, TWO_CASES_LINE), "blocks of {block}");
        let csv = String::from_utf8_lossy(&r.written[0].1).into_owned();
        assert!(csv.contains(",已办结,,达标,,quoted.csv,\"x\r\ny\"\r\n"), "blocks of {block}: {csv:?}");
        assert!(csv.contains("\n22,A,,麒麟区,") && csv.contains("\n24,B,,沾益区,"), "blocks of {block}: {csv}");
    }
}

/// A byte that is not GBK (0xFF) in B's county: the row is reported as read whole would report
/// it, on row 23, column B (所属县区), whatever the blocks.
#[test]
fn a_bad_byte_is_reported_on_its_row_and_column_in_blocks() {
    let text = two_cases();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut bytes = gbk.into_owned();
    let at = bytes.windows(2).position(|w| w == b"B,").expect("row B") + 2;
    bytes.insert(at, 0xFF);
    for block in ["1", "7", "64"] {
        let r = evaluate_in_blocks("bad-byte", &bytes, block);
        assert_eq!(r.code, 1, "blocks of {block}");
        assert!(
            r.stderr.starts_with("bad-byte.csv，工作表 bad-byte.csv，第 23 行，B 列（所属县区），值「�沾益区」：这一行有无法按 gb18030 编码识别的字符（显示为 �）"),
            "blocks of {block}: {}",
            r.stderr
        );
    }
}

// Workbooks: the command line reads an .xlsx sheet row by row (a thread reads the cells, rows
// are handed over as each one ends). The corpus and fixture tests above already compare every
// .xlsx read so with the same read whole (`BIZENV_READ_BLOCK=0`); these are hand-made sheets
// for what a row-by-row reader could get wrong, with the outcome worked by hand.

/// A cell of inline text (no shared-strings part needed).
fn text_cell(at: &str, text: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

/// A row of text cells from column A, in the order given.
fn text_row(row: u32, cells: &[&str]) -> String {
    let cells: String = cells.iter().enumerate().map(|(i, t)| text_cell(&format!("{}{row}", char::from(b'A' + i as u8)), t)).collect();
    format!("<row r=\"{row}\">{cells}</row>")
}

/// A workbook of sheets (name, hidden, the XML inside `<sheetData>`, what follows it), written
/// part by part as a spreadsheet program would, in whatever row order it is given.
fn workbook(sheets: &[(&str, bool, String, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let overrides: String = (1..=sheets.len()).map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")).collect();
    let listed: String = sheets.iter().enumerate().map(|(i, (name, hidden, _, _))| format!("<sheet name=\"{name}\" sheetId=\"{}\"{} r:id=\"rId{}\"/>", i + 1, if *hidden { " state=\"hidden\"" } else { "" }, i + 1)).collect();
    let related: String = (1..=sheets.len()).map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>")).collect();
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{overrides}</Types>")),
        ("_rels/.rels".to_string(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml".to_string(), format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{listed}</sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels".to_string(), format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{related}</Relationships>")),
    ];
    for (i, (_, _, rows, after)) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData>{after}</worksheet>")));
    }
    for (name, xml) in parts {
        zip.start_file(name, options).expect("a zip entry");
        zip.write_all(xml.as_bytes()).expect("a zip entry");
    }
    zip.finish().expect("a workbook").into_inner()
}

const TWO_CASES_HEADER: [&str; 4] = ["编号", "所属县区", "受理时间", "办结时间"];
const CASE_A: [&str; 4] = ["A", "麒麟区", "2023-07-14 09:00", "2023-07-14 11:48"];
const CASE_B: [&str; 4] = ["B", "沾益区", "2023-07-13 09:00", "2023-07-13 18:00"];

/// Evaluates a workbook for indicator 1.1, read row by row (`None`) or whole (`Some("0")`).
fn evaluate_workbook(name: &str, bytes: &[u8], block: Option<&str>) -> Outcome {
    let dir = scratch(name);
    std::fs::create_dir_all(&dir).expect("folder");
    let file = dir.join(format!("{name}.xlsx"));
    std::fs::write(&file, bytes).expect("workbook");
    let path = file.to_string_lossy().into_owned();
    run(block, &dir.join(if block.is_some() { "whole" } else { "rows" }), &["evaluate", &path, "--indicator", "1.1", "-o", "out.csv"])
}

/// Both ways of reading a workbook: the outcome read row by row, once it is checked to be the
/// outcome read whole (exit code, stdout, stderr, written files).
fn evaluate_workbook_both_ways(name: &str, bytes: &[u8]) -> Outcome {
    let whole = evaluate_workbook(name, bytes, Some("0"));
    let rows = evaluate_workbook(name, bytes, None);
    assert_eq!((rows.code, &rows.stdout, &rows.stderr), (whole.code, &whole.stdout, &whole.stderr), "{name}");
    assert!(rows.written == whole.written, "{name}: the written files differ");
    rows
}

/// The rows of the evaluated ledger (out.csv) that hold a case, each cut after its value.
fn case_lines(o: &Outcome) -> Vec<String> {
    let csv = String::from_utf8_lossy(&o.written[0].1).into_owned();
    csv.lines().filter(|l| l.contains(",麒麟区,") || l.contains(",沾益区,")).map(|l| l.split(',').take(7).collect::<Vec<_>>().join(",")).collect()
}

/// Rows written out of order: the header last (rows 2, 3, 1), or a remark for row 2 written
/// after row 3 (row 2 was handed on already). Read row by row, such a sheet is read again whole:
/// the same two cases as in order (A row 2: 0.4 days; B row 3: 1 day; mean 0.7, not met),
/// neither lost nor doubled.
#[test]
fn a_sheet_whose_rows_come_out_of_order_is_read_as_if_in_order() {
    let header_last = [text_row(2, &CASE_A), text_row(3, &CASE_B), text_row(1, &TWO_CASES_HEADER)].concat();
    let header = [&TWO_CASES_HEADER[..], &["备注"]].concat();
    let remark_late = [text_row(1, &header), text_row(2, &CASE_A), text_row(3, &CASE_B), format!("<row r=\"2\">{}</row>", text_cell("E2", "补正"))].concat();
    let expected = [
        ("header-last", header_last, ["2,A,,麒麟区,2023-07-14 09:00,2023-07-14 11:48,0.40", "3,B,,沾益区,2023-07-13 09:00,2023-07-13 18:00,1.00"]),
        ("remark-late", remark_late, ["2,A,,麒麟区,2023-07-14 09:00,2023-07-14 11:48,0.40", "3,B,,沾益区,2023-07-13 09:00,2023-07-13 18:00,1.00"]),
    ];
    for (name, rows, cases) in expected {
        let book = workbook(&[("台账", false, rows, "")]);
        let o = evaluate_workbook_both_ways(name, &book);
        assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, TWO_CASES_LINE, "已写入 out.csv\n"), "{name}");
        assert_eq!(case_lines(&o), cases, "{name}");
        // Without --indicator the headers are read first (the sheet to its end, to know its rows
        // were in order): 编号, 所属县区, 受理时间 and 办结时间 fit every timed indicator alike, so
        // the run stops with exit code 2 both ways, not with the streamed read's disorder.
        let path = scratch(name).join(format!("{name}.xlsx")).to_string_lossy().into_owned();
        let whole = run(Some("0"), &scratch(&format!("{name}-guess-whole")), &["evaluate", &path, "-o", "out.csv"]);
        let rows = run(None, &scratch(&format!("{name}-guess-rows")), &["evaluate", &path, "-o", "out.csv"]);
        assert_eq!((rows.code, whole.code, &rows.stdout, &rows.stderr), (2, 2, &whole.stdout, &whole.stderr), "{name}: {}", rows.stderr);
    }
}

/// A cell for row 2 written after 400 rows, when row 2 went to the import long before (the
/// reader sends rows in batches of 128): A1–A300 on rows 2–301 (0.4 days each), B1–B100 on rows
/// 302–401 (1 day each). Mean (300 × 0.4 + 100 × 1) / 400 = 0.55 days, 100 not met; 400 cases,
/// not 401, and row 2's remark in its row.
#[test]
fn a_cell_for_a_row_handed_on_long_before_is_read_as_if_in_order() {
    let header = [&TWO_CASES_HEADER[..], &["备注"]].concat();
    let mut rows = text_row(1, &header);
    for i in 1..=300u32 {
        rows += &text_row(i + 1, &[&format!("A{i}"), CASE_A[1], CASE_A[2], CASE_A[3]]);
    }
    for i in 1..=100u32 {
        rows += &text_row(i + 301, &[&format!("B{i}"), CASE_B[1], CASE_B[2], CASE_B[3]]);
    }
    rows += &format!("<row r=\"2\">{}</row>", text_cell("E2", "补正"));
    let o = evaluate_workbook_both_ways("far-back", &workbook(&[("台账", false, rows, "")]));
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, "1.1 企业开办时间：0.55工作日（目标 0.4工作日）未达标；400 件，有效 400，未办结 0，未达标 100，有问题 0\n", "已写入 out.csv\n"));
    let cases = case_lines(&o);
    assert_eq!(cases.len(), 400);
    assert_eq!((cases[0].as_str(), cases[399].as_str()), ("2,A1,,麒麟区,2023-07-14 09:00,2023-07-14 11:48,0.40", "401,B100,,沾益区,2023-07-13 09:00,2023-07-13 18:00,1.00"));
    let csv = String::from_utf8_lossy(&o.written[0].1).into_owned();
    assert_eq!(csv.matches("补正").count(), 1);
    assert!(csv.lines().any(|l| l.starts_with("2,A1,") && l.ends_with(",补正")), "{csv}");
}

/// A hidden first sheet (说明) passed over for the first visible one (台账), whose header is
/// 办理时间 merged over C1:D1 with 开始 | 结束 under it: the merged area makes row 2 part of the
/// header (the 1 in E2 would otherwise make it a data row), so C and D are 办理时间开始 and
/// 办理时间结束. Cases A (row 3, 0.4 days) and B (row 4, 1 day); C's remark (E5) is a formula
/// saved without its result, D's (E6) the error value #DIV/0!: each reported on its row and
/// column, and neither case counted. Mean of A and B 0.7 days, not met; 4 cases, 2 valid.
#[test]
fn a_hidden_sheet_a_merged_header_a_formula_without_result_and_an_error_value_read_row_by_row() {
    let notes = text_row(1, &["请勿修改"]);
    let rows = [
        text_row(1, &["编号", "所属县区", "办理时间", "", "备注"]).replace(&text_cell("D1", ""), ""),
        format!("<row r=\"2\">{}{}<c r=\"E2\"><v>1</v></c></row>", text_cell("C2", "开始"), text_cell("D2", "结束")),
        text_row(3, &CASE_A),
        text_row(4, &CASE_B),
        text_row(5, &["C", CASE_A[1], CASE_A[2], CASE_A[3]]).replace("</row>", "<c r=\"E5\"><f>1+1</f></c></row>"),
        text_row(6, &["D", CASE_B[1], CASE_B[2], CASE_B[3]]).replace("</row>", "<c r=\"E6\" t=\"e\"><v>#DIV/0!</v></c></row>"),
    ]
    .concat();
    let merged = "<mergeCells count=\"1\"><mergeCell ref=\"C1:D1\"/></mergeCells>";
    let o = evaluate_workbook_both_ways("hidden-merged", &workbook(&[("说明", true, notes, ""), ("台账", false, rows, merged)]));
    let stderr = "hidden-merged.xlsx：隐藏的工作表「说明」未读取，已读取第一个可见的工作表「台账」；如需读取隐藏的表，请在“工作表”中选择（命令行用 --sheet）\n\
        hidden-merged.xlsx，工作表 台账，第 5 行，E 列（备注），值「=1+1」：单元格是公式，但文件中没有保存它的计算结果（文件不是由 Excel/WPS 保存的，或保存前未重新计算）：请在 Excel 或 WPS 中打开文件、保存一次后再导入\n\
        hidden-merged.xlsx，工作表 台账，第 6 行，E 列（备注），值「#DIV/0!」：单元格是错误值 #DIV/0!（公式出错）：请在 Excel 或 WPS 中改正公式或填入数值后再导入\n已写入 out.csv\n";
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (1, "1.1 企业开办时间：0.7工作日（目标 0.4工作日）未达标；4 件，有效 2，未办结 0，未达标 1，有问题 2\n", stderr));
    assert_eq!(case_lines(&o), ["3,A,,麒麟区,2023-07-14 09:00,2023-07-14 11:48,0.40", "4,B,,沾益区,2023-07-13 09:00,2023-07-13 18:00,1.00", "5,C,,麒麟区,,,", "6,D,,沾益区,,,"]);
}

/// `--sheet` picks a workbook's sheet by name, read row by row as read whole: 一月 holds A (0.4
/// days, met), 二月 holds B (1 day, not met). A name the workbook lacks is refused (exit 3),
/// naming the sheets it has.
#[test]
fn the_sheet_named_by_sheet_is_the_one_read() {
    let book = workbook(&[("一月", false, [text_row(1, &TWO_CASES_HEADER), text_row(2, &CASE_A)].concat(), ""), ("二月", false, [text_row(1, &TWO_CASES_HEADER), text_row(2, &CASE_B)].concat(), "")]);
    let dir = scratch("sheet-choice");
    std::fs::create_dir_all(&dir).expect("folder");
    let file = dir.join("months.xlsx");
    std::fs::write(&file, &book).expect("workbook");
    let path = file.to_string_lossy().into_owned();
    let seen = |sheet: &str| {
        let args = ["evaluate", path.as_str(), "--indicator", "1.1", "--sheet", sheet, "-o", "out.csv"];
        let whole = run(Some("0"), &dir.join("whole"), &args);
        let rows = run(None, &dir.join("rows"), &args);
        assert_eq!((rows.code, &rows.stdout, &rows.stderr), (whole.code, &whole.stdout, &whole.stderr), "--sheet {sheet}");
        assert!(rows.written == whole.written, "--sheet {sheet}: the written files differ");
        (rows.code, rows.stdout.clone(), rows.stderr.replace(&path, "months.xlsx"))
    };
    assert_eq!(seen("二月"), (0, "1.1 企业开办时间：1工作日（目标 0.4工作日）未达标；1 件，有效 1，未办结 0，未达标 1，有问题 0\n".to_string(), "已写入 out.csv\n".to_string()));
    assert_eq!(seen("一月"), (0, "1.1 企业开办时间：0.4工作日（目标 0.4工作日）达标；1 件，有效 1，未办结 0，未达标 0，有问题 0\n".to_string(), "已写入 out.csv\n".to_string()));
    assert_eq!(seen("三月"), (3, String::new(), "bizenv: 无法读取 months.xlsx：找不到工作表「三月」：文件中的工作表为 一月、二月\n".to_string()));
}
