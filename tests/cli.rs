//! The `bizenv` command-line tool end to end: the binary run on real files (a GBK CSV written
//! with encoding_rs, an .xlsx written with rust_xlsxwriter), its stdout, stderr, exit code and
//! output workbook checked against values worked by hand.
//!
//! The ledgers (indicator 1.1, company setup, target ≤ 0.4 working days on the mean; office hours
//! 09:00–12:00 and 14:00–18:00, 7 h a day):
//! - A 2023-07-14 09:00 → 11:48: 2 h 48 min = 2.8 h = 0.4 days.
//! - B Fri 2023-07-14 17:00 → Mon 07-17 10:00: 1 h + 1 h = 2 h = 2/7 = 0.285714 days.
//! - C Thu 2023-09-28 16:00 → Sat 10-07 10:00: 2 h on Sep 28; Sep 29 – Oct 6 off (Mid-Autumn and
//!   National Day); Oct 7 is a make-up working Saturday: 1 h. 3 h = 3/7 = 0.428571 days, late.
//! - D ends (2023-07-19 10:00) before it starts (07-20 10:00): a problem row, kept, invalid.
//!
//! Mean of A, B, C: (2.8 + 2 + 3) h / 3 / 7 h = 7.8 / 21 = 0.371429 days ≤ 0.4: met.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook_auto, Data, Reader};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn bizenv(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_bizenv")).args(args).output().expect("the bizenv binary runs");
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

/// A fresh folder under cargo's per-test temporary directory.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    dir
}

/// Cases A and B as a GBK CSV (as Excel and WPS save it on a Chinese Windows), C and D as .xlsx.
fn ledgers(dir: &Path) {
    let csv = "编号,所属县区,受理时间,办结时间\r\nA,麒麟区,2023-07-14 09:00,2023-07-14 11:48\r\nB,麒麟区,2023年7月14日 17:00,2023年7月17日 10:00\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(csv);
    assert!(!unmappable);
    std::fs::write(dir.join("台账-1.1.csv"), &gbk).expect("write csv");

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [["编号", "所属县区", "受理时间", "办结时间"], ["C", "沾益区", "2023-09-28 16:00", "2023-10-07 10:00"], ["D", "沾益区", "2023-07-20 10:00", "2023-07-19 10:00"]];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).expect("write cell");
        }
    }
    book.save(dir.join("台账-1.1.xlsx")).expect("write xlsx");
}

#[test]
fn days_counts_working_days_the_evaluators_way() {
    let r = bizenv(&["days", "2023-09-28", "2023-10-09"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "2023-09-28 → 2023-10-09：3 个工作日，11 个自然日\n", ""));
    let r = bizenv(&["--lang", "en", "days", "2023-09-28", "2023-10-09"]);
    assert_eq!(r.stdout, "2023-09-28 → 2023-10-09: 3 working days, 11 calendar days\n");
    // A user day off on Oct 9 leaves Oct 7 and 8.
    let r = bizenv(&["days", "2023-09-28", "2023-10-09", "--holiday", "2023-10-09"]);
    assert_eq!(r.stdout, "2023-09-28 → 2023-10-09：2 个工作日，11 个自然日\n");
    // Times: Fri 17:00 → Mon 10:00 is 2 h = 2/7 working days; 2 days 17 h = 2.71 calendar days.
    let r = bizenv(&["days", "2023-07-14 17:00", "2023-07-17 10:00", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!((v["workingMinutes"].as_f64(), v["calendarDays"].as_f64()), (Some(120.0), Some(2.0 + 17.0 / 24.0)));
}

#[test]
fn deadline_skips_the_national_day_holiday() {
    // From the end of Wed 2023-09-20: Sep 21–22 (2), 25–28 (6), Oct 7–8 make-up weekend (8),
    // then five a week from Oct 9: Oct 13 (13), 20 (18), 27 (23), Nov 3 (28), 10 (33), 17 (38),
    // 24 (43), Mon 27 (44), Tue 28 (45): the end of office hours on 2023-11-28.
    let r = bizenv(&["deadline", "2023-09-20", "45"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "2023-09-20 起 45 个工作日：2023-11-28 18:00\n"));
    let r = bizenv(&["--lang", "en", "deadline", "2023-09-20", "45", "--json"]);
    assert_eq!(r.stdout, "{\n  \"deadline\": \"2023-11-28T18:00\",\n  \"warnings\": []\n}\n");
}

#[test]
fn wrong_arguments_exit_2_naming_the_argument() {
    let r = bizenv(&["days", "2023-13-01", "2023-10-09"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("2023-13-01"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = bizenv(&["deadline", "2023-09-20", "-5"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = bizenv(&["frobnicate"]);
    assert_eq!(r.code, 2);
}

#[test]
fn evaluate_merges_a_folder_of_gbk_csv_and_xlsx_ledgers() {
    let dir = folder("evaluate");
    ledgers(&dir);
    let out = dir.join("结果.xlsx");
    let r = bizenv(&["evaluate", dir.to_str().unwrap(), "--as-of", "2023-12-29 17:00", "-o", out.to_str().unwrap()]);
    // One row with a problem: exit code 1, the row named by file, sheet, row and column.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "1.1 企业开办时间：0.3714工作日（目标 0.4工作日）达标；4 件，有效 3，未办结 0，未达标 1，有问题 1\n");
    assert!(r.stderr.contains("台账-1.1.xlsx，工作表 Sheet1，第 3 行，D 列（办结时间），值「2023-07-19 10:00」：结束时间 2023-07-19 10:00 早于开始时间 2023-07-20 10:00"), "{}", r.stderr);
    assert!(r.stderr.contains("已写入"), "{}", r.stderr);

    // The workbook: the cases, whichever file they came from, with the computed columns.
    let mut book = open_workbook_auto(&out).expect("the output is an .xlsx workbook");
    let first = book.sheet_names().first().cloned().expect("a sheet");
    let range = book.worksheet_range(&first).expect("first sheet");
    assert_eq!(first, "案件明细");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let column = |name: &str| rows[0].iter().position(|c| *c == name).unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]));
    let (id, days, met, source) = (column("编号"), column("用时（工作日）"), column("达标"), column("来源文件"));
    let cases: Vec<(String, String, String, String)> = rows[1..]
        .iter()
        .map(|r| {
            let days = match &r[days] { Data::Float(v) => format!("{v:.4}"), other => other.to_string() };
            (r[id].to_string(), days, r[met].to_string(), r[source].to_string())
        })
        .collect();
    let row = |id: &str, days: &str, met: &str, source: &str| (id.to_string(), days.to_string(), met.to_string(), source.to_string());
    assert_eq!(
        cases,
        // Values as the page shows them, to 2 decimals: B 2 h / 7 h = 0.2857… → 0.29; C 3 h / 7 h = 0.4286… → 0.43.
        [row("A", "0.4000", "达标", "台账-1.1.csv"), row("B", "0.2900", "达标", "台账-1.1.csv"), row("C", "0.4300", "未达标", "台账-1.1.xlsx"), row("D", "", "", "台账-1.1.xlsx")]
    );
    assert!(book.sheet_names().contains(&"问题行".to_string()), "{:?}", book.sheet_names());

    // Only the file given, in English: A and B, mean 2.4 h / 7 h = 0.342857 days.
    let csv = dir.join("台账-1.1.csv");
    let r = bizenv(&["--lang", "en", "evaluate", csv.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "1.1 Company setup time: 0.3429 working days (target 0.4 working days) met; 2 cases, 2 valid, 0 open, 0 not met, 0 with problems\n"));
}

#[test]
fn report_gives_the_dashboard_as_json_csv_or_xlsx() {
    let dir = folder("report");
    ledgers(&dir);
    let r = bizenv(&["report", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json on stdout");
    let setup = v["indicators"].as_array().and_then(|list| list.iter().find(|i| i["id"] == "1.1")).expect("1.1 in the dashboard");
    assert_eq!((setup["count"].as_u64(), setup["met"].as_bool()), (Some(4), Some(true)));
    assert!((setup["value"].as_f64().unwrap_or(0.0) - 7.8 / 21.0).abs() < 1e-9, "{setup}");
    assert_eq!(v["cases"].as_u64(), Some(4));

    let xlsx = dir.join("dashboard.xlsx");
    let r = bizenv(&["report", dir.to_str().unwrap(), "-o", xlsx.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert_eq!(std::fs::read(&xlsx).expect("written")[..2], *b"PK");
    let r = bizenv(&["report", dir.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(r.code, 2, "xlsx needs -o: {}", r.stderr);
}

#[test]
fn unreadable_inputs_exit_3_and_unknown_indicators_exit_2() {
    let dir = folder("bad");
    let r = bizenv(&["evaluate", dir.join("missing-1.1.csv").to_str().unwrap()]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("无法读取") && r.stderr.contains("missing-1.1.csv"), "{}", r.stderr);
    std::fs::write(dir.join("ledger.csv"), "编号,受理时间,办结时间\nA,2023-07-14 09:00,2023-07-14 11:48\n").expect("write");
    let r = bizenv(&["evaluate", dir.join("ledger.csv").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--indicator"), "{}", r.stderr);
    let r = bizenv(&["evaluate", dir.join("ledger.csv").to_str().unwrap(), "--indicator", "1.1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Loading a project replaces the workspace: two cannot be merged, and are refused.
    std::fs::write(dir.join("a.json"), "{}").expect("write");
    std::fs::write(dir.join("b.json"), "{}").expect("write");
    let r = bizenv(&["report", dir.join("a.json").to_str().unwrap(), dir.join("b.json").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("一次只能打开一个项目文件"), "{}", r.stderr);
}

/// Indicator 4.1 (labour contracts signed, pooled: Σ signed / Σ staff, target ≥ 98 %), named by
/// neither the file nor a flag, recognised by 4.1's own column names:
/// (95 + 45) / (100 + 50) = 140 / 150 = 93.3333 %, below 98 %: not met.
#[test]
fn evaluate_recognises_the_indicator_from_the_headers() {
    let dir = folder("guess");
    let csv = "所属县区,已签订劳动合同的职工人数,职工总人数\r\n麒麟区,95,100\r\n沾益区,45,50\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(csv);
    assert!(!unmappable);
    let file = dir.join("用工情况.csv");
    std::fs::write(&file, &gbk).expect("write csv");
    let r = bizenv(&["evaluate", file.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "4.1 企业劳动合同签订率：93.3333%（目标 98%）未达标；2 件，有效 2，未办结 0，未达标 2，有问题 0\n"), "{}", r.stderr);
    assert_eq!(r.stderr, "用工情况.csv：按表头识别为指标 4.1（企业劳动合同签订率）\n");
    // A flag still wins over the headers (4.2 reads numerator and denominator too; nothing said).
    let r = bizenv(&["evaluate", file.to_str().unwrap(), "--indicator", "4.1"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

/// A power ledger (.xlsx) with a customer-class column fits 3.4–3.7 alike: the topic is
/// recognised and each row filed under its class's indicator.
/// - 甲 residential, Fri 2023-07-14 09:00 → 11:00: 2 h = 2/7 = 0.2857 working days ≤ 3.
/// - 乙 high-voltage single source, Mon 2023-07-03 09:00 → Mon 07-31 18:00, no holiday in July
///   2023: Jul 3–7, 10–14, 17–21, 24–28 and 31 are 21 full working days ≤ 50.
#[test]
fn evaluate_recognises_a_power_ledger_and_files_rows_by_class() {
    let dir = folder("guess-topic");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [["户名", "用户类别", "所属县区", "受理申请时间", "装表接电时间"], ["甲", "居民", "麒麟区", "2023-07-14 09:00", "2023-07-14 11:00"], ["乙", "高压单电源", "沾益区", "2023-07-03 09:00", "2023-07-31 18:00"]];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).expect("write cell");
        }
    }
    let file = dir.join("办电台账.xlsx");
    book.save(&file).expect("write xlsx");
    let r = bizenv(&["evaluate", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "3.4 居民客户全过程办电时间：0.2857工作日（目标 3工作日）达标；1 件，有效 1，未办结 0，未达标 0，有问题 0\n\
         3.6 高压单电源客户办电时间：21工作日（目标 50工作日）达标；1 件，有效 1，未办结 0，未达标 0，有问题 0\n"
    );
    assert_eq!(r.stderr, "办电台账.xlsx：按表头识别为「公共基础设施接入」台账，各行按客户类别分到指标 3.4、3.5、3.6、3.7\n");
}

/// Headers that fit several indicators alike, or none: exit code 2 (wrong arguments), the
/// candidates named, and --indicator asked for.
#[test]
fn evaluate_refuses_to_guess_between_indicators_that_fit_alike() {
    let dir = folder("guess-unclear");
    // Fees and a claim: the three cost ratios 2.3, 8.3, 10.4 and 10.5 (which reads costs too).
    let file = dir.join("费用.csv");
    std::fs::write(&file, "案号,费用合计,索赔额\nA,10,100\n").expect("write");
    let r = bizenv(&["evaluate", file.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert!(
        r.stderr.contains("以下指标同样符合：2.3（办理成本占项目总投资额的比重）、8.3（解决商业纠纷费用占索赔额的比例）、10.4（收回债务成本）、10.5（债权人回收率）；请用 --indicator 指定（如 --indicator 2.3）"),
        "{}",
        r.stderr
    );
    // Start and end times alone fit all 16 timed indicators: six named, and how many more.
    let file = dir.join("办件.csv");
    std::fs::write(&file, "编号,受理时间,办结时间\nA,2023-07-14 09:00,2023-07-14 11:48\n").expect("write");
    let r = bizenv(&["--lang", "en", "evaluate", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("these fit equally: 1.1 (Company setup time), 1.2 ("), "{}", r.stderr);
    assert!(r.stderr.contains(", 10 more; give --indicator (e.g. --indicator 1.1)"), "{}", r.stderr);
    // Nothing an indicator reads.
    let file = dir.join("通讯录.csv");
    std::fs::write(&file, "姓名,联系电话\n张三,123\n").expect("write");
    let r = bizenv(&["evaluate", file.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("表头中也没有识别出任何指标的字段；请用 --indicator 指定"), "{}", r.stderr);
}

/// Four ledgers of 1.1 read on one thread or on four give the same run: the files are added in
/// the order given, each county kept with its own cases (every file numbers its words from
/// scratch on its thread), the problems listed file by file.
/// - a: A 麒麟区 2023-07-14 09:00 → 11:48: 2.8 h = 0.4 days, met.
/// - b: B 沾益区 Fri 07-14 17:00 → Mon 07-17 10:00: 2 h = 0.2857 days; E ends (07-19) before it
///   starts (07-20): a problem on row 3, column D.
/// - c: C 马龙区 Thu 09-28 16:00 → Sat 10-07 10:00 (make-up working day): 3 h = 0.4286, late.
/// - d: F 会泽县 07-14 09:00 → 10:00: 1 h = 0.1429 days; G ends before it starts: row 2.
///
/// Mean of A, B, C, F: (2.8 + 2 + 3 + 1) h / 4 / 7 h = 8.8 / 28 = 0.3143 days ≤ 0.4: met.
#[test]
fn evaluate_reads_many_files_on_several_threads_as_on_one() {
    let dir = folder("jobs");
    let files = [
        ("a-1.1.csv", "编号,所属县区,受理时间,办结时间\nA,麒麟区,2023-07-14 09:00,2023-07-14 11:48\n"),
        ("b-1.1.csv", "编号,所属县区,受理时间,办结时间\nB,沾益区,2023-07-14 17:00,2023-07-17 10:00\nE,沾益区,2023-07-20 10:00,2023-07-19 10:00\n"),
        ("c-1.1.csv", "编号,所属县区,受理时间,办结时间\nC,马龙区,2023-09-28 16:00,2023-10-07 10:00\n"),
        ("d-1.1.csv", "编号,所属县区,受理时间,办结时间\nG,会泽县,2023-07-20 10:00,2023-07-19 10:00\nF,会泽县,2023-07-14 09:00,2023-07-14 10:00\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write csv");
    }
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let problem = |file: &str, id_row: u32| format!("{file}，工作表 {file}，第 {id_row} 行，D 列（办结时间），值「2023-07-19 10:00」：结束时间 2023-07-19 10:00 早于开始时间 2023-07-20 10:00\n");
    for jobs in ["1", "4"] {
        let out = dir.join(format!("结果-{jobs}.xlsx"));
        let r = bizenv(&["evaluate", &path("a-1.1.csv"), &path("b-1.1.csv"), &path("c-1.1.csv"), &path("d-1.1.csv"), "--jobs", jobs, "-o", out.to_str().unwrap()]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (1, "1.1 企业开办时间：0.3143工作日（目标 0.4工作日）达标；6 件，有效 4，未办结 0，未达标 1，有问题 2\n", format!("{}{}已写入 {}\n", problem("b-1.1.csv", 3), problem("d-1.1.csv", 2), out.display()).as_str()),
            "--jobs {jobs}"
        );
        // The evaluated ledger: the cases in file order, each with its own county and file.
        let mut book = open_workbook_auto(&out).expect("the output is an .xlsx workbook");
        let range = book.worksheet_range("案件明细").expect("the cases' sheet");
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let column = |name: &str| rows[0].iter().position(|c| *c == name).unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]));
        let (id, county, source) = (column("编号"), column("县区"), column("来源文件"));
        let cases: Vec<String> = rows[1..].iter().map(|r| format!("{} {} {}", r[id], r[county], r[source])).collect();
        assert_eq!(cases, ["A 麒麟区 a-1.1.csv", "B 沾益区 b-1.1.csv", "E 沾益区 b-1.1.csv", "C 马龙区 c-1.1.csv", "G 会泽县 d-1.1.csv", "F 会泽县 d-1.1.csv"], "--jobs {jobs}");
        // A file that cannot be read ends the run there, after the files before it, whichever
        // thread read the ones after.
        let r = bizenv(&["evaluate", &path("a-1.1.csv"), &path("b-1.1.csv"), &path("missing-1.1.csv"), &path("d-1.1.csv"), "--jobs", jobs]);
        assert_eq!((r.code, r.stdout.as_str()), (3, ""), "--jobs {jobs}");
        assert!(r.stderr.starts_with(&format!("{}bizenv: 无法读取 {}：", problem("b-1.1.csv", 3), path("missing-1.1.csv"))), "--jobs {jobs}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 2, "--jobs {jobs}: {}", r.stderr);
    }
    // Zero threads is a wrong argument.
    let r = bizenv(&["evaluate", &path("a-1.1.csv"), "--jobs", "0"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}
