//! The blank ledger templates: what a county office downloads, fills in and imports again.
//! Every indicator's template, imported as it comes (its one example row), gives one case of that
//! indicator without a problem; the headers are those the plan's data names.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Read;

use bizenv::workspace::{ImportOptions, Workspace};
use serde_json::json;

fn ws(lang: &str) -> Workspace {
    let mut ws = Workspace::new().unwrap();
    ws.set_settings(&json!({ "lang": lang })).unwrap();
    ws
}

fn import(ws: &mut Workspace, id: &str, bytes: &[u8]) -> bizenv::workspace::ImportReport {
    let options = ImportOptions { indicator: id.into(), route: true, replace: true, ..ImportOptions::default() };
    ws.import_table(bytes, "模板.xlsx", &options, &mut |_| true).unwrap()
}

/// The text of one part of the .xlsx zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn every_indicators_template_imports_its_example_as_one_good_case_of_that_indicator() {
    let ws = ws("zh");
    let ids: Vec<String> = ws.catalog().indicators.iter().map(|i| i.id.clone()).collect();
    assert_eq!(ids.len(), 42);
    for id in &ids {
        let bytes = ws.template(id).unwrap();
        let mut fresh = Workspace::new().unwrap();
        let r = import(&mut fresh, id, &bytes);
        assert_eq!((r.counts.rows_in, r.counts.evaluated, r.counts.with_problems), (1, 1, 0), "{id}: {:?}", r.problems);
        assert_eq!(r.destinations.iter().map(|d| (d.indicator_id.as_str(), d.rows)).collect::<Vec<_>>(), [(id.as_str(), 1)], "{id}");
        assert_eq!(r.sheet, "台账", "{id}: the ledger is the sheet read first");
    }
}

#[test]
fn the_example_row_is_worked_as_by_hand() {
    let mut ws = ws("zh");
    // 1.1: 2023-07-14 (a Friday) 09:00 → 11:48 = 168 working minutes = 0.4 working days of 7 h.
    let bytes = ws.template("1.1").unwrap();
    import(&mut ws, "1.1", &bytes);
    let row = ws.dashboard().unwrap().dashboard.indicators.into_iter().find(|i| i.id == "1.1").unwrap();
    assert_eq!((row.count, row.valid), (1, 1));
    assert!(row.value.is_some_and(|v| (v - 0.4).abs() < 1e-9), "{:?}", row.value);
    // 5.3: households 98 of 100 → 98 %.
    let bytes = ws.template("5.3").unwrap();
    import(&mut ws, "5.3", &bytes);
    let view = ws.indicator_view("5.3").unwrap();
    let first = view.summary.shares.first().unwrap();
    assert!(first.value.is_some_and(|v| (v - 98.0).abs() < 1e-9), "{:?}", view.summary.shares);
}

#[test]
fn headers_lists_and_notes_come_from_the_plans_data() {
    let ws = ws("zh");
    let bytes = ws.template("3.4").unwrap();
    let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");
    for header in ["编号", "名称", "县区", "受理申请时间", "装表接电时间", "停止计时开始", "停止计时结束", "停止计时原因", "客户类别", "备注"] {
        assert!(sheet1.contains(&format!("<t>{header}</t>")) || part(&bytes, "xl/sharedStrings.xml").contains(&format!("<t>{header}</t>")), "header {header}");
    }
    // Drop-downs for 县区 (column C) and 客户类别 (column I) read the hidden lists sheet.
    assert!(sheet1.contains(r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="请从列表中选择" error="请选择列表中的一项。" sqref="C2:C100001">"#), "{sheet1}");
    assert!(sheet1.contains("<formula1>选项!$A$2:$A$11</formula1>"), "10 counties (9 counties and districts, the development zone): {sheet1}");
    assert!(sheet1.contains("<formula1>选项!$B$2:$B$5</formula1>"), "4 customer classes");
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="台账" sheetId="1""#) && workbook.contains(r#"<sheet name="填写说明" sheetId="2""#));
    assert!(workbook.contains(r#"<sheet name="选项" sheetId="3" state="hidden""#), "{workbook}");
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("3.4 居民客户全过程办电时间"));
    assert!(strings.contains("居民客户自受理报装申请至装表接电的全过程工作时间"));
    assert!(strings.contains("可选：居民客户、低压非居民客户、高压单电源客户、高压双电源客户"));
    // The time columns show yyyy-mm-dd hh:mm.
    assert!(part(&bytes, "xl/styles.xml").contains(r#"formatCode="yyyy\-mm\-dd\ hh:mm""#) || part(&bytes, "xl/styles.xml").contains(r#"formatCode="yyyy-mm-dd hh:mm""#));
}

#[test]
fn the_english_template_explains_in_english_and_keeps_the_headers_the_importer_reads() {
    let mut ws = ws("en");
    let bytes = ws.template("3.4").unwrap();
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="Ledger""#) && workbook.contains(r#"<sheet name="Notes""#));
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("3.4 Electricity connection time, residential customer"));
    assert!(strings.contains("Application accepted") && strings.contains("<t>受理申请时间</t>"));
    let r = import(&mut ws, "3.4", &bytes);
    assert_eq!((r.counts.rows_in, r.counts.with_problems), (1, 0));
    assert_eq!(ws.template("9.9").unwrap_err().field(), Some("indicatorId"));
}
