//! Ledgers in and out: the synthetic ledgers of `tests/fixtures/` (written by
//! `cargo run --example make_fixtures`) imported, evaluated, accounted for row by row, exported and
//! read back.
//!
//! Facts used below (default office hours 09:00–12:00 + 14:00–18:00 = 7 h = 420 min a day):
//! * 2023-09-29 … 2023-10-06 are holidays, 2023-10-07 (Sat) and 2023-10-08 (Sun) make-up working
//!   days; 2023-12-30 … 2024-01-01 are the New Year holiday;
//! * 2023-07-03, 2023-07-10, 2023-08-21 and 2023-10-09 are Mondays;
//! * Excel serial 45128.375 is 2023-07-21 (Fri) 09:00;
//! * a date without a time stands for the end of that day.
//!
//! Row numbers are as Excel shows them: the xlsx has a title row and a two-row header (data from
//! row 4), the construction CSV a title line and a header (data from line 3).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Cursor;
use std::time::Instant;

use bizenv::api::Lang;
use bizenv::evaluate::{parse_dataset, Alert, Calculator, EvaluateOptions, Status};
use bizenv::api::{export_csv, export_xlsx};
use bizenv::ledger::table::{parse_table, rows_to_cases, Cell, Problem, SheetChoice, Table, TableOptions};
use bizenv::ledger::{evaluate_table, LedgerOptions, LedgerReport, RowCounts};
use bizenv::ledger::project::{load_project, save_project};
use calamine::{Data, Reader, Xlsx};
use serde_json::{json, Value};

const ELECTRICITY: &[u8] = include_bytes!("fixtures/electricity-3.5.xlsx");
const CONSTRUCTION: &[u8] = include_bytes!("fixtures/construction-2.1.csv");
const CONSTRUCTION_GBK: &[u8] = include_bytes!("fixtures/construction-2.1-gbk.csv");
const COMPANY: &[u8] = include_bytes!("fixtures/company-1.1-tab.txt");
const RATES: &[u8] = include_bytes!("fixtures/rates-4.1.csv");

fn table(bytes: &[u8], name: &str) -> Table {
    parse_table(bytes, name, &TableOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn options(json: Value) -> LedgerOptions {
    serde_json::from_value(json).expect("ledger options")
}

/// Evaluates a fixture with messages in Chinese.
fn ledger(id: &str, bytes: &[u8], name: &str, extra: Value) -> LedgerReport {
    let mut o = json!({ "lang": "zh" });
    if let (Some(o), Value::Object(extra)) = (o.as_object_mut(), extra) {
        o.extend(extra);
    }
    let r = evaluate_table(&Calculator::builtin().unwrap(), id, bytes, name, &options(o)).unwrap_or_else(|e| panic!("{name}: {e}"));
    // The accounting that every ledger obeys.
    assert_eq!(r.counts.rows_in, r.counts.evaluated + r.counts.with_problems, "{name}: {:?}", r.counts);
    assert_eq!(r.counts.rows_in, r.source.rows.len());
    r
}

fn fields(t: &Table) -> Vec<(&str, &str, Option<&str>)> {
    t.columns.iter().map(|c| (c.letter.as_str(), c.header.as_str(), c.field.as_deref())).collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn problem_at(r: &LedgerReport, row: u32) -> &Problem {
    let found: Vec<&Problem> = r.problems.iter().filter(|p| p.row == row).collect();
    assert_eq!(found.len(), 1, "row {row}: {:?}", r.problems);
    found[0]
}

/// Row, header, letter and value of a problem, and that its message says what is expected.
fn assert_problem(r: &LedgerReport, row: u32, header: Option<&str>, letter: Option<&str>, value: Option<&str>, expected: &[&str]) {
    let p = problem_at(r, row);
    assert_eq!((p.column.as_deref(), p.column_letter.as_deref()), (header, letter), "row {row}: {p:?}");
    assert_eq!(p.value.as_deref().unwrap_or(""), value.unwrap_or(""), "row {row}: {p:?}");
    assert_eq!(p.sheet, r.source.sheet);
    for words in expected {
        assert!(p.message.contains(words), "row {row}: «{}» should say «{words}»", p.message);
    }
}

fn case_at(r: &LedgerReport, row: u32) -> &bizenv::evaluate::CaseResult {
    r.report.cases.iter().find(|c| c.row == Some(row)).unwrap_or_else(|| panic!("no case for row {row}"))
}

// ---------------------------------------------------------------------------------------------
// electricity-3.5.xlsx

#[test]
fn electricity_workbook_is_detected() {
    let t = table(ELECTRICITY, "electricity-3.5.xlsx");
    assert_eq!(t.encoding, "xlsx");
    assert_eq!(t.delimiter, None);
    assert_eq!(t.sheets, ["低压非居民台账", "说明"]);
    assert_eq!(t.sheet, "低压非居民台账");
    // Title in row 1 (merged A1:H1), header in rows 2–3: 办理时间 merged over F2:G2 with its
    // sub-headers in row 3, the other headers merged down over both rows.
    assert_eq!(t.header_row, 3);
    assert_eq!(
        fields(&t),
        [
            ("A", "序号", Some("id")),
            // Also a synonym of the ID, but the ID is already taken by 序号: see the mapping test.
            ("B", "工单号", None),
            ("C", "客户名称", Some("name")),
            ("D", "所属县区", Some("county")),
            ("E", "客户类别", Some("customerClass")),
            ("F", "办理时间受理申请时间", Some("start")),
            ("G", "办理时间装表接电时间", Some("end")),
            ("H", "备注", Some("note")),
        ]
    );
    assert_eq!(t.rows.first().map(|r| r.row), Some(4));
    assert_eq!(t.rows.last().map(|r| r.row), Some(18));
    assert_eq!(t.blank_rows, 1); // row 8
    assert!(t.rows.iter().all(|r| r.row != 8));
    let row = |n: u32| &t.rows.iter().find(|r| r.row == n).unwrap().cells;
    // A date-time cell, a text date, a bare serial and a date-only cell, as read.
    assert_eq!(row(4)[5], Cell::Text("2023-07-03 09:00:00".into()));
    assert_eq!(row(6)[5], Cell::Text("2023年7月14日 9:30".into()));
    assert_eq!(row(7)[5], Cell::Number(45128.375));
    assert_eq!(row(14)[5], Cell::Text("2023-08-21".into()));
    assert_eq!(row(4)[0], Cell::Number(1.0));
}

#[test]
fn electricity_rows_are_accounted_for() {
    let r = ledger("3.5", ELECTRICITY, "electricity-3.5.xlsx", json!({}));
    // 15 rows below the header: one blank, 14 data rows; 3 with problems, 11 evaluated (one open).
    assert_eq!(r.counts, RowCounts { rows_in: 14, evaluated: 11, with_problems: 3, blank: 1 });
    assert_eq!(r.problems.len(), 3);
    // End before start: the end column, as typed in the sheet.
    assert_problem(&r, 10, Some("办理时间装表接电时间"), Some("G"), Some("2023-08-08 10:00:00"), &["结束时间 2023-08-08 10:00 早于开始时间 2023-08-10 15:00"]);
    // An unreadable text date: not turned into a case at all.
    assert_problem(&r, 12, Some("办理时间受理申请时间"), Some("F"), Some("七月十四日"), &["「七月十四日」无法识别", "应为日期或日期时间", "2023年7月14日 9:30"]);
    assert!(r.report.cases.iter().all(|c| c.row != Some(12)));
    // Another customer class: belongs to 3.6.
    assert_problem(&r, 13, Some("客户类别"), Some("E"), Some("高压单电源"), &["应计入指标 3.6", "不计入 3.5"]);
    assert_eq!(case_at(&r, 13).status, Status::Invalid);

    // Row 4, by hand: Mon 07-03 09:00 → Thu 07-06 11:00 = 7 h + 7 h + 7 h + 2 h = 23 h = 1380 min
    // = 23 / 7 = 3.2857 working days, within 7.
    let c = case_at(&r, 4);
    assert_eq!(c.working_minutes, Some(1380.0));
    assert!(close(c.value, 23.0 / 7.0));
    assert_eq!((c.id.as_str(), c.met), ("1", Some(true)));
    // Row 6, text dates, by hand: Fri 07-14 09:30 → Tue 07-18 16:00 = (2.5 + 4) + 7 + (3 + 2)
    // = 18.5 h = 2.6429 working days.
    assert_eq!(case_at(&r, 6).working_minutes, Some(1110.0));
    // Row 7, a bare serial 45128.375 = Fri 07-21 09:00 → Tue 07-25 17:00 = 7 + 7 + 6 = 20 h.
    assert_eq!(case_at(&r, 7).start.as_deref(), Some("2023-07-21T09:00"));
    assert_eq!(case_at(&r, 7).working_minutes, Some(1200.0));
    // Row 9: 9 full days + 6 h = 69 h = 9.8571 > 7: late.
    assert!(close(case_at(&r, 9).value, 69.0 / 7.0));
    assert_eq!(case_at(&r, 9).met, Some(false));
    // Row 14, date-only cells: from the end of Mon 08-21 to the end of Thu 08-24 = 3 days exactly.
    assert_eq!((case_at(&r, 14).value, case_at(&r, 14).working_minutes), (Some(3.0), Some(1260.0)));
    // Row 15, across National Day: Wed 09-27 14:00 → Mon 10-09 10:00 = 4 h + 7 h (09-28) + 7 h
    // (Sat 10-07, make-up) + 7 h (Sun 10-08, make-up) + 1 h = 26 h = 3.7143.
    assert_eq!(case_at(&r, 15).working_minutes, Some(1560.0));
    // Row 16 is still open: valid, not a problem.
    assert_eq!(case_at(&r, 16).status, Status::Open);
    assert!(r.report.warnings.iter().any(|w| w.contains("asOf")));

    // Row 11 has no county: allowed, grouped under （未填写县区）, not a problem.
    assert_eq!(case_at(&r, 11).county, None);
    assert!(close(case_at(&r, 11).value, 17.0 / 7.0));
    let unnamed = r.report.by_county.iter().find(|c| c.county == "（未填写县区）").expect("unnamed group");
    assert_eq!((unnamed.count, unnamed.valid, unnamed.score), (1, 1, None));
    assert_eq!(r.report.by_county.iter().map(|c| c.count).sum::<usize>(), 13);

    // Summary over the 10 closed valid cases: 9 within 7 working days.
    let s = &r.report.summary;
    assert_eq!((s.count, s.valid, s.invalid, s.open, s.late), (13, 11, 2, 1, 1));
    assert_eq!(s.met_share, Some(0.9));
    let minutes = [1380.0, 1050.0, 1110.0, 1200.0, 4140.0, 1020.0, 1260.0, 1560.0, 2100.0, 420.0];
    assert!(close(s.value, minutes.iter().sum::<f64>() / 420.0 / 10.0));
    assert_eq!(s.met, Some(true));
}

#[test]
fn open_electricity_case_is_judged_at_as_of() {
    // Row 16 opened Mon 09-25 09:00; at Tue 10-10 18:00: 09-25…09-28 (4 days) + 10-07…10-10
    // (4 days) = 8 working days: overdue against 7.
    let r = ledger("3.5", ELECTRICITY, "electricity-3.5.xlsx", json!({ "asOf": "2023-10-10 18:00" }));
    let c = case_at(&r, 16);
    assert_eq!((c.status, c.elapsed, c.remaining, c.alert, c.met), (Status::Open, Some(8.0), Some(-1.0), Some(Alert::Overdue), Some(false)));
    // The 7-day deadline: Mon 09-25 09:00 + 49 h → 09-28 ends at 28 h, 10-07 35, 10-08 42, 10-09 49 → 10-09 18:00.
    assert_eq!(c.deadline.as_deref(), Some("2023-10-09T18:00"));
    assert!(r.report.warnings.is_empty());
}

#[test]
fn sheet_is_chosen_by_name_or_index() {
    let by_name = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &TableOptions { sheet: Some(SheetChoice::Name("说明".into())), ..TableOptions::default() }).unwrap();
    let by_index = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &TableOptions { sheet: Some(SheetChoice::Index(1)), ..TableOptions::default() }).unwrap();
    assert_eq!(by_name, by_index);
    assert_eq!(by_name.sheet, "说明");
    assert_eq!(by_name.header_row, 1);
    assert_eq!(fields(&by_name), [("A", "项目", None), ("B", "说明", Some("note"))]);
    assert_eq!(by_name.rows.len(), 6);
    let first = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &TableOptions { sheet: Some(SheetChoice::Index(0)), ..TableOptions::default() }).unwrap();
    assert_eq!(first, table(ELECTRICITY, "electricity-3.5.xlsx"));
    // The option as JSON gives it: a name or a number.
    let o: TableOptions = serde_json::from_value(json!({ "sheet": 1 })).unwrap();
    assert_eq!(o.sheet, Some(SheetChoice::Index(1)));
    let o: TableOptions = serde_json::from_value(json!({ "sheet": "说明" })).unwrap();
    assert_eq!(o.sheet, Some(SheetChoice::Name("说明".into())));

    // Evaluating the notes sheet by mistake: every row is a problem, none silently dropped.
    let r = ledger("3.5", ELECTRICITY, "electricity-3.5.xlsx", json!({ "sheet": "说明" }));
    assert_eq!(r.counts, RowCounts { rows_in: 6, evaluated: 0, with_problems: 6, blank: 0 });
    assert!(r.problems.iter().all(|p| p.sheet == "说明" && p.column.is_none() && p.message.contains("缺少开始时间")), "{:?}", r.problems);

    // A sheet that is not there: the error names the sheets there are.
    for choice in [SheetChoice::Name("台账".into()), SheetChoice::Index(2)] {
        let e = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &TableOptions { sheet: Some(choice), ..TableOptions::default() }).unwrap_err();
        assert_eq!(e.field(), Some("sheet"));
        assert!(e.message_zh().contains("低压非居民台账、说明"), "{e}");
    }
}

#[test]
fn mapping_can_be_corrected() {
    // 工单号 is the real case number: mapping it by header moves the ID off 序号.
    let o = options(json!({ "lang": "zh", "mapping": { "工单号": "id" } }));
    let t = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &o.table).unwrap();
    assert_eq!((t.columns[0].field.as_deref(), t.columns[1].field.as_deref()), (None, Some("id")));
    let r = evaluate_table(&Calculator::builtin().unwrap(), "3.5", ELECTRICITY, "electricity-3.5.xlsx", &o).unwrap();
    assert_eq!(case_at(&r, 4).id, "GD2307030011");
    assert_eq!(r.counts, RowCounts { rows_in: 14, evaluated: 11, with_problems: 3, blank: 1 });

    // By column letter, and unmapping: without 客户类别 the high-voltage row is no longer told apart
    // (and is computed like the others: Mon 08-21 09:00 → Fri 09-15 17:00 = 19 × 7 h + 6 h = 139 h).
    let o = options(json!({ "lang": "zh", "mapping": { "B": "id", "E": null, "H": "" } }));
    let r = evaluate_table(&Calculator::builtin().unwrap(), "3.5", ELECTRICITY, "electricity-3.5.xlsx", &o).unwrap();
    let mapped: Vec<Option<&str>> = r.source.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(mapped, [None, Some("id"), Some("name"), Some("county"), None, Some("start"), Some("end"), None]);
    assert_eq!(r.counts, RowCounts { rows_in: 14, evaluated: 12, with_problems: 2, blank: 1 });
    assert_eq!(case_at(&r, 13).working_minutes, Some(139.0 * 60.0));

    // Mapping the start by hand to the end column: the end loses its column, the start moves.
    let o = options(json!({ "mapping": { "G": "start" } }));
    let t = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &o.table).unwrap();
    assert_eq!((t.columns[5].field.as_deref(), t.columns[6].field.as_deref()), (None, Some("start")));

    // Unknown fields and columns are refused, naming what is wrong.
    let e = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &options(json!({ "mapping": { "B": "工单" } })).table).unwrap_err();
    assert_eq!(e.field(), Some("mapping"));
    assert!(e.message_zh().contains("「工单」不存在"), "{e}");
    let e = parse_table(ELECTRICITY, "electricity-3.5.xlsx", &options(json!({ "mapping": { "联系电话": "note" } })).table).unwrap_err();
    assert!(e.message_zh().contains("「联系电话」不在表头中"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// construction-2.1.csv and its GBK twin

#[test]
fn construction_csv_is_detected_in_both_encodings() {
    let utf8 = table(CONSTRUCTION, "construction-2.1.csv");
    let gbk = table(CONSTRUCTION_GBK, "construction-2.1-gbk.csv");
    assert_eq!((utf8.encoding.as_str(), utf8.delimiter.as_deref()), ("utf-8-bom", Some(",")));
    assert_eq!((gbk.encoding.as_str(), gbk.delimiter.as_deref()), ("gb18030", Some(",")));
    // Line 1 is the title (Excel writes it with the empty cells of its row), line 2 the header.
    assert_eq!(utf8.header_row, 2);
    assert_eq!(
        fields(&utf8),
        [
            ("A", "项目代码", Some("id")),
            ("B", "项目名称", Some("name")),
            ("C", "所属县区", Some("county")),
            ("D", "项目类型", Some("projectType")),
            ("E", "受理时间", Some("start")),
            ("F", "办结时间", Some("end")),
            ("G", "补正开始时间", Some("stopStart")),
            ("H", "补正结束时间", Some("stopEnd")),
            ("I", "补正原因", Some("stopReason")),
            ("J", "总投资（万元）", Some("base")),
            ("K", "费用（万元）", Some("cost")),
        ]
    );
    // Lines 9 (empty) and 14 (only commas) are blank; 23 data lines from 3 to 27.
    assert_eq!(utf8.blank_rows, 2);
    assert_eq!(utf8.rows.len(), 23);
    assert_eq!((utf8.rows[0].row, utf8.rows[22].row), (3, 27));
    assert!(utf8.rows.iter().all(|r| r.row != 9 && r.row != 14));
    // The quoted thousands "126,000" stays one cell; the formula-looking name is read as text.
    let row = |n: u32| &utf8.rows.iter().find(|r| r.row == n).unwrap().cells;
    assert_eq!(row(6)[9], Cell::Text("126,000".into()));
    assert_eq!(row(16)[1], Cell::Text("=HYPERLINK(\"http://x\")".into()));
    // The GBK file is the same ledger, cell for cell.
    assert_eq!(Table { file_name: String::new(), sheets: vec![], sheet: String::new(), encoding: String::new(), encoding_confidence: String::new(), ..gbk }, Table {
        file_name: String::new(),
        sheets: vec![],
        sheet: String::new(),
        encoding: String::new(),
        encoding_confidence: String::new(),
        ..utf8.clone()
    });
    // The header row can be given instead of detected.
    let given = parse_table(CONSTRUCTION, "construction-2.1.csv", &TableOptions { header_row: Some(2), ..TableOptions::default() }).unwrap();
    assert_eq!(given, utf8);
    let e = parse_table(CONSTRUCTION, "construction-2.1.csv", &TableOptions { header_row: Some(99), ..TableOptions::default() }).unwrap_err();
    assert_eq!(e.field(), Some("headerRow"));
}

#[test]
fn construction_rows_are_accounted_for() {
    for (bytes, name) in [(CONSTRUCTION, "construction-2.1.csv"), (CONSTRUCTION_GBK, "construction-2.1-gbk.csv")] {
        let r = ledger("2.1", bytes, name, json!({}));
        assert_eq!(r.counts, RowCounts { rows_in: 23, evaluated: 20, with_problems: 3, blank: 2 }, "{name}");
        assert_eq!(r.problems.len(), 3);
        assert_problem(&r, 11, Some("办结时间"), Some("F"), Some("2023-08-05 10:00"), &["结束时间 2023-08-05 10:00 早于开始时间 2023-08-15 10:00"]);
        assert_problem(&r, 15, Some("受理时间"), Some("E"), None, &["缺少开始时间"]);
        assert_problem(&r, 17, Some("项目类型"), Some("D"), Some("政府投资"), &["应计入指标 2.2", "不计入 2.1"]);
        // The negative cost (line 13) does not matter for approval time, and is not a problem here.
        assert_eq!(case_at(&r, 13).status, Status::Closed);

        // Line 3, by hand: Mon 07-03 09:00 → Fri 08-11 17:00 = 29 full working days (203 h) + 6 h
        // = 209 h; the 补正 stop Mon 07-10 09:00 – Fri 07-14 18:00 takes 5 days (35 h): 174 h
        // = 10440 min = 24.8571 working days.
        let c = case_at(&r, 3);
        assert_eq!((c.working_minutes, c.stopped_minutes), (Some(10440.0), Some(2100.0)));
        assert!(close(c.value, 174.0 / 7.0));
        // Line 4, dates only (2023/7/14 → 2023年8月25日): from the end of Fri 07-14 to the end of
        // Fri 08-25 = Jul 17–21, 24–28, 31, Aug 1–4, 7–11, 14–18, 21–25 = 30 working days.
        assert_eq!(case_at(&r, 4).value, Some(30.0));
        // Line 21: over the 35-day target.
        assert_eq!(case_at(&r, 21).met, Some(false));
        // 19 of the 20 closed cases within 35 working days.
        assert_eq!(r.report.summary.met_share, Some(0.95));
        assert_eq!(r.report.by_county.len(), 10);
    }
}

#[test]
fn construction_cost_ratio_flags_the_negative_cost() {
    // The same ledger against 2.3 (cost / total investment): only the negative cost is a problem;
    // no start or project type is needed.
    let r = ledger("2.3", CONSTRUCTION_GBK, "construction-2.1-gbk.csv", json!({}));
    assert_eq!(r.counts, RowCounts { rows_in: 23, evaluated: 22, with_problems: 1, blank: 2 });
    assert_problem(&r, 13, Some("费用（万元）"), Some("K"), Some("-12.5"), &["费用为 -12.5", "不能为负数"]);
    // Line 3: 860 / 52000 = 1.6538 %; line 6 with thousands separators: 2,310 / 126,000 = 1.8333 %.
    assert!(close(case_at(&r, 3).value, 100.0 * 860.0 / 52000.0));
    assert!(close(case_at(&r, 6).value, 100.0 * 2310.0 / 126000.0));
}

// ---------------------------------------------------------------------------------------------
// company-1.1-tab.txt and rates-4.1.csv

#[test]
fn company_unicode_text_export() {
    let t = table(COMPANY, "company-1.1-tab.txt");
    assert_eq!((t.encoding.as_str(), t.delimiter.as_deref(), t.header_row), ("utf-16le", Some("\t"), 1));
    assert_eq!(fields(&t), [("A", "申请时间", Some("start")), ("B", "办结时间", Some("end")), ("C", "企业名称", Some("name")), ("D", "所属县区", Some("county"))]);
    let r = ledger("1.1", COMPANY, "company-1.1-tab.txt", json!({}));
    assert_eq!(r.counts, RowCounts { rows_in: 11, evaluated: 11, with_problems: 0, blank: 0 });
    assert!(r.problems.is_empty());
    // Row 2: 09:00 → 11:48 = 168 min = 0.4 exactly: met (the target is inclusive).
    assert_eq!((case_at(&r, 2).working_minutes, case_at(&r, 2).value, case_at(&r, 2).met), (Some(168.0), Some(0.4), Some(true)));
    // Row 5, National Day, by hand: Thu 09-28 16:00 → 18:00 = 2 h; 09-29 … 10-06 off; Sat 10-07
    // is a make-up working day, 09:00 → 10:00 = 1 h. 3 h / 7 h = 0.4286 > 0.4: not met.
    let c = case_at(&r, 5);
    assert_eq!(c.working_minutes, Some(180.0));
    assert!(close(c.value, 3.0 / 7.0));
    assert_eq!(c.met, Some(false));
    // Row 8, filed on a holiday (09-29 10:00): the clock starts at 10-07 09:00 → 09:30 = 30 min.
    assert_eq!(case_at(&r, 8).working_minutes, Some(30.0));
    // Row 11, New Year: Fri 12-29 16:30 → 18:00 (1.5 h), 12-30 … 01-01 off, Tue 01-02 09:00 → 10:00 (1 h).
    assert_eq!(case_at(&r, 11).working_minutes, Some(150.0));
    assert!(r.report.cases.iter().all(|c| c.warnings.is_empty()));
    // Two of eleven over 0.4 (rows 5 and 10).
    assert!(close(r.report.summary.met_share, 9.0 / 11.0));
}

#[test]
fn rates_semicolon_csv() {
    let t = table(RATES, "rates-4.1.csv");
    assert_eq!((t.encoding.as_str(), t.delimiter.as_deref(), t.header_row), ("utf-8", Some(";"), 1));
    assert_eq!(fields(&t), [("A", "县区", Some("county")), ("B", "签订数", Some("numerator")), ("C", "应签订数", Some("denominator"))]);
    let r = ledger("4.1", RATES, "rates-4.1.csv", json!({}));
    assert_eq!(r.counts, RowCounts { rows_in: 10, evaluated: 9, with_problems: 1, blank: 0 });
    assert_problem(&r, 9, Some("签订数"), Some("B"), Some("5012"), &["分子 5012 大于分母 4987", "不能超过 100%"]);
    // Pooled over the nine valid counties (宣威市's "8,960" / "9,105" read with their separators):
    // 52610 / 53407 = 98.51 % ≥ 98.
    let s = &r.report.summary;
    assert_eq!((s.numerator, s.denominator), (Some(52610.0), Some(53407.0)));
    assert!(close(s.value, 100.0 * 52610.0 / 53407.0));
    assert_eq!(s.met, Some(true));
    assert!(close(case_at(&r, 5).value, 100.0 * 8960.0 / 9105.0));
}

// ---------------------------------------------------------------------------------------------
// Export and read back

fn xlsx_rows(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    wb.worksheet_range(sheet).unwrap().rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn exported_workbook_reads_back() {
    let r = ledger("2.1", CONSTRUCTION, "construction-2.1.csv", json!({}));
    let report = serde_json::to_value(&r).unwrap();
    let bytes = export_xlsx(&report.to_string(), Lang::Zh).unwrap();

    let back = table(&bytes, "导出.xlsx");
    assert_eq!(back.sheets, ["案件明细", "汇总", "县区", "问题行"]);
    assert_eq!(back.header_row, 1);
    let headers: Vec<&str> = back.columns.iter().map(|c| c.header.as_str()).collect();
    let original: Vec<&str> = r.source.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(&headers[..11], &original[..]);
    assert_eq!(&headers[11..], ["开始时间", "结束时间", "数值（工作日）", "工作分钟", "停止计时分钟", "自然日", "期限", "状态", "预警", "是否达标", "问题说明"]);
    // Every data row comes back, in order, with its original cells; numbers written as text in
    // the CSV ("52000", "-12.5") come back as numbers, so that Excel sums them.
    assert_eq!(back.rows.len(), r.counts.rows_in);
    let as_exported = |c: &Cell| match c {
        Cell::Text(t) => bizenv::report::export::plain_number(t).map_or_else(|| c.clone(), Cell::Number),
        other => other.clone(),
    };
    for (out, src) in back.rows.iter().zip(&r.source.rows) {
        assert_eq!(&out.cells[..11], &src.cells.iter().map(as_exported).collect::<Vec<_>>()[..], "source row {}", src.row);
    }
    assert_eq!(back.rows[0].cells[9], Cell::Number(52000.0));
    assert_eq!(back.rows.iter().find(|row| row.cells[0] == Cell::Text("2308-530300-04-01-100010".into())).map(|row| &row.cells[10]), Some(&Cell::Number(-12.5)));
    // Line 3 (exported row 2) with its computed columns.
    let first = &back.rows[0].cells;
    assert_eq!(back.rows[0].row, 2);
    assert_eq!(first[11], Cell::Text("2023-07-03T09:00".into()));
    assert_eq!(first[14], Cell::Number(10440.0));
    assert_eq!(first[15], Cell::Number(2100.0));
    assert_eq!((&first[18], &first[20]), (&Cell::Text("已办结".into()), &Cell::Text("达标".into())));
    // The problem rows say why, on their own row.
    let line11 = &back.rows.iter().find(|row| row.cells[0] == Cell::Text("2308-530325-04-01-100008".into())).unwrap().cells;
    assert_eq!(line11[18], Cell::Text("有误".into()));
    assert!(line11[21].display().contains("早于开始时间"));
    // Read back as a ledger, the export evaluates to the same values.
    let again = evaluate_table(&Calculator::builtin().unwrap(), "2.1", &bytes, "导出.xlsx", &options(json!({ "lang": "zh" }))).unwrap();
    assert_eq!(again.counts.rows_in, 23);
    assert_eq!(again.report.summary.value, r.report.summary.value);

    // The problems sheet: sheet, Excel row, column letter, header, value, message.
    let problems = parse_table(&bytes, "导出.xlsx", &TableOptions { sheet: Some(SheetChoice::Name("问题行".into())), ..TableOptions::default() }).unwrap();
    let header: Vec<&str> = problems.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(header, ["工作表", "行号", "列", "列名", "值", "问题"]);
    let got: Vec<(Cell, Cell, Cell)> = problems.rows.iter().map(|row| (row.cells[1].clone(), row.cells[2].clone(), row.cells[3].clone())).collect();
    assert_eq!(
        got,
        [
            (Cell::Number(11.0), Cell::Text("F".into()), Cell::Text("办结时间".into())),
            (Cell::Number(15.0), Cell::Text("E".into()), Cell::Text("受理时间".into())),
            (Cell::Number(17.0), Cell::Text("D".into()), Cell::Text("项目类型".into())),
        ]
    );
    assert_eq!(problems.rows[0].cells[0], Cell::Text("construction-2.1.csv".into()));

    // The summary carries the row accounting.
    let summary = xlsx_rows(&bytes, "汇总");
    let value_of = |label: &str| summary.iter().find(|row| row.first() == Some(&Data::String(label.into()))).and_then(|row| row.get(1).cloned());
    assert_eq!(value_of("导入行数"), Some(Data::Float(23.0)));
    assert_eq!(value_of("已计算行数"), Some(Data::Float(20.0)));
    assert_eq!(value_of("问题行数"), Some(Data::Float(3.0)));
}

#[test]
fn exported_xlsx_keeps_rows_that_could_not_be_read() {
    // Row 12 of the electricity ledger has no case (its start cannot be read); the export still
    // gives all 14 rows back, that one marked with its problem.
    let r = ledger("3.5", ELECTRICITY, "electricity-3.5.xlsx", json!({}));
    let bytes = export_xlsx(&serde_json::to_string(&r).unwrap(), Lang::Zh).unwrap();
    let back = table(&bytes, "导出.xlsx");
    assert_eq!(back.rows.len(), 14);
    let numbers: Vec<Cell> = back.rows.iter().map(|row| row.cells[0].clone()).collect();
    assert_eq!(numbers, (1..=14).map(|n| Cell::Number(n as f64)).collect::<Vec<_>>());
    let row12 = &back.rows[7].cells;
    assert_eq!(row12[5], Cell::Text("七月十四日".into()));
    assert_eq!(row12[15], Cell::Text("有误".into()));
    assert!(row12[18].display().contains("无法识别"), "{:?}", row12[18]);
    // The bare serial goes out as the number it was.
    assert_eq!(back.rows[3].cells[5], Cell::Number(45128.375));
}

#[test]
fn formula_looking_text_is_defused() {
    let r = ledger("2.1", CONSTRUCTION, "construction-2.1.csv", json!({}));
    let report = serde_json::to_value(&r).unwrap();
    let name = "=HYPERLINK(\"http://x\")";

    // xlsx: a string cell, not a formula. Line 16 is the 12th data row: exported row 13 (index 12).
    let bytes = export_xlsx(&report.to_string(), Lang::Zh).unwrap();
    let rows = xlsx_rows(&bytes, "案件明细");
    let at = rows.iter().position(|row| row.get(1) == Some(&Data::String(name.into()))).expect("the name as a string cell");
    assert_eq!(at, 12);
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let formulas = wb.worksheet_formula("案件明细").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "the export holds a formula");
    assert_eq!(formulas.get_value((at as u32, 1)).map(String::as_str).unwrap_or(""), "");

    // CSV: the cell starts with an apostrophe; Excel shows it as text.
    let text = export_csv(&report.to_string(), Lang::Zh).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{text}");
    assert!(!text.contains(",=HYPERLINK"));
    let back = table(text.as_bytes(), "导出.csv");
    assert_eq!(back.rows.len(), 23);
    let cell = &back.rows.iter().find(|row| row.cells[0] == Cell::Text("2308-530303-04-01-100012".into())).unwrap().cells[1];
    assert_eq!(cell, &Cell::Text(format!("'{name}")));
}

// ---------------------------------------------------------------------------------------------
// Project file

#[test]
fn project_round_trip_is_byte_identical() {
    // A realistic working set: the cases of three ledgers, calendar additions, settings, sources.
    let cases = |bytes: &[u8], name: &str| rows_to_cases(&table(bytes, name), Lang::Zh).0;
    let project = json!({
        "name": "曲靖市2023年营商环境指标监测（10月）",
        "dataset": {
            "asOf": "2023-10-31 18:00",
            "indicators": {
                "1.1": cases(COMPANY, "company-1.1-tab.txt"),
                "2.1": cases(CONSTRUCTION, "construction-2.1.csv"),
                "3.5": cases(ELECTRICITY, "electricity-3.5.xlsx"),
                "4.1": cases(RATES, "rates-4.1.csv"),
            }
        },
        "calendar": {
            "holidays": ["2023-12-25"],
            "workdays": ["2023-12-23"],
            "calendarCsv": ["date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n2027-02-06,holiday,春节,Spring Festival\n"]
        },
        "settings": {
            "sessions": [["09:00", "12:00"], ["14:00", "18:00"]],
            "hoursPerDay": null,
            "lang": "zh",
            "frontierMode": "default",
            "recoveryMethod": "pooled",
            "frontiers": { "1.1": { "best": 0.5, "worst": 100, "source": "DB2020" } }
        },
        "sources": [
            { "fileName": "electricity-3.5.xlsx", "sheet": "低压非居民台账", "headerRow": 3, "indicator": "3.5", "mapping": { "工单号": "id" } },
            { "fileName": "construction-2.1-gbk.csv", "encoding": "gb18030", "delimiter": ",", "indicator": "2.1", "mapping": {} }
        ],
        "notes": "含 \"引号\"、反斜杠 \\、制表符\t和 emoji 🏭；数值 45128.375、0.1、1e-7、-12.5"
    });
    let saved = save_project(&project).unwrap();
    assert!(saved.starts_with("{\n  \"schema\": \"bizenv-project\",\n  \"version\": 1,\n  \"name\""));
    let loaded = load_project(&saved).unwrap();
    let again = save_project(&loaded).unwrap();
    assert_eq!(again.as_bytes(), saved.as_bytes());
    // With a BOM in front, as a Windows editor may save it: still the same project.
    assert_eq!(save_project(&load_project(&format!("\u{feff}{saved}")).unwrap()).unwrap(), saved);
    // Nothing was lost: the loaded project is the project, stamped.
    let mut stamped = project.clone();
    stamped["schema"] = json!("bizenv-project");
    stamped["version"] = json!(1);
    assert_eq!(loaded, stamped);
    // The saved dataset evaluates to what the ledger gave (the serial 45128.375 survives as a number).
    let (dataset, as_of) = parse_dataset(loaded["dataset"].clone()).unwrap();
    assert!(as_of.is_some());
    assert_eq!(dataset["3.5"].iter().find(|c| c["row"] == 7).map(|c| c["start"].clone()), Some(json!(45128.375)));
    let from_project = Calculator::builtin().unwrap().evaluate("3.5", &dataset["3.5"], &EvaluateOptions::default()).unwrap();
    let from_ledger = ledger("3.5", ELECTRICITY, "electricity-3.5.xlsx", json!({}));
    assert_eq!(from_project.summary.value, from_ledger.report.summary.value);
    assert_eq!(from_project.cases.len(), from_ledger.report.cases.len());
}

// ---------------------------------------------------------------------------------------------
// Size

/// 100 000 rows under `cargo test --release`; 20 000 in a debug build, where 100 000 take about
/// 6.5 s of CPU (8–19 s on a busy 2-core machine), nearly all of it in `Calculator::evaluate`.
#[test]
fn a_large_csv_is_all_accounted_for() {
    const N: usize = if cfg!(debug_assertions) { 20_000 } else { 100_000 };
    let counties = ["麒麟区", "沾益区", "马龙区", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "曲靖经开区"];
    let mut csv = String::with_capacity(N * 80);
    csv.push_str("业务编号,受理时间,办结时间,所属县区,企业名称\r\n");
    let (mut blank, mut bad) = (0, 0);
    for i in 0..N {
        let day = 3 + i % 25; // July 3–27
        match i % 10_000 {
            // Every 10 000th row has an unreadable end, and is followed by a blank line.
            9_999 => {
                csv.push_str(&format!("Q{i:06},2023-07-{day:02} 09:00,待补录,{},企业{i}\r\n\r\n", counties[i % 10]));
                bad += 1;
                blank += 1;
            }
            _ => csv.push_str(&format!("Q{i:06},2023-07-{day:02} 09:{:02},2023-07-{day:02} 11:00,{},企业{i}\r\n", i % 60, counties[i % 10])),
        }
    }
    let t = Instant::now();
    let r = evaluate_table(&Calculator::builtin().unwrap(), "1.1", csv.as_bytes(), "big.csv", &LedgerOptions::default()).unwrap();
    let elapsed = t.elapsed();
    assert_eq!(r.counts, RowCounts { rows_in: N, evaluated: N - bad, with_problems: bad, blank });
    assert_eq!(r.problems.len(), bad);
    // The first bad row is data row 10 000: line 10 001 (after the header).
    assert_eq!((r.problems[0].row, r.problems[0].column_letter.as_deref()), (10_001, Some("C")));
    // Line numbers stay right past the blank lines: the last row is on line N + 1 + blank lines before it.
    assert_eq!(r.source.rows.last().map(|row| row.row), Some((N + 1 + blank - 1) as u32));
    assert_eq!(r.report.summary.count, N - bad);
    eprintln!("evaluate_table, {N} rows: {elapsed:?}");
}
