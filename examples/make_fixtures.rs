//! Writes the synthetic ledgers (台账) that `tests/ledger.rs` imports: `cargo run --example make_fixtures`.
//!
//! Every file is made the way the source systems and office software make it: a power-company
//! workbook with a merged title and a two-row header, a CSV saved by Excel in UTF-8 with BOM and in
//! GBK, an Excel "Unicode 文本" (UTF-16LE, tab-separated) export and a semicolon-separated CSV.
//! The data are invented; names, codes and counties only look real. The output is deterministic:
//! running the generator again reproduces the committed files byte for byte.

use std::fs;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

const DIR: &str = "tests/fixtures";

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    fs::create_dir_all(&dir).expect("create tests/fixtures");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("electricity-3.5.xlsx", electricity().expect("electricity-3.5.xlsx")),
        ("construction-2.1.csv", construction_utf8_bom()),
        ("construction-2.1-gbk.csv", construction_gbk()),
        ("company-1.1-tab.txt", company_utf16()),
        ("rates-4.1.csv", rates()),
    ];
    for (name, bytes) in files {
        assert!(bytes.len() < 30 * 1024, "{name} is {} bytes: fixtures must stay small", bytes.len());
        fs::write(dir.join(name), &bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        println!("{DIR}/{name}: {} bytes", bytes.len());
    }
}

// ---------------------------------------------------------------------------------------------
// electricity-3.5.xlsx: low-voltage non-residential connections (3.5, target 7 working days).

/// A cell of the electricity ledger.
enum C {
    /// Text.
    T(&'static str),
    /// A number (序号), or a date as a bare serial without a date format.
    N(f64),
    /// A real Excel date-time cell: y, m, d, h, min (format `yyyy-mm-dd hh:mm`).
    Dt(u16, u8, u8, u16, u8),
    /// A real Excel date cell without a time (format `yyyy-mm-dd`).
    D(u16, u8, u8),
    /// Nothing.
    E,
}

use C::{Dt, D, E, N, T};

const ELECTRICITY_TITLE: &str = "2023年低压非居民客户办电台账（示例数据）";

/// Data rows from Excel row 4 (rows 1–3: title and the two-row header); `None` is a blank row.
fn electricity_rows() -> Vec<Option<[C; 8]>> {
    vec![
        // Row 4. Mon 09:00 → Thu 11:00: 7 h + 7 h + 7 h + 2 h = 23 h = 3.2857 working days.
        Some([N(1.0), T("GD2307030011"), T("曲靖市宏达商贸有限公司"), T("麒麟区"), T("低压非居民"), Dt(2023, 7, 3, 9, 0), Dt(2023, 7, 6, 11, 0), E]),
        // Row 5. Wed 10:30 → Fri 16:00: 5.5 h + 7 h + 5 h = 17.5 h = 2.5.
        Some([N(2.0), T("GD2307050027"), T("沾益区鑫源五金店"), T("沾益区"), T("低压非居民"), Dt(2023, 7, 5, 10, 30), Dt(2023, 7, 7, 16, 0), E]),
        // Row 6. Dates typed as text. Fri 09:30 → Tue 16:00: 6.5 h + 7 h + 5 h = 18.5 h = 2.6429.
        Some([N(3.0), T("GD2307140003"), T("马龙区旧县街道小微餐饮店"), T("马龙区"), T("低压小微"), T("2023年7月14日 9:30"), T("2023年7月18日 16:00"), T("线下受理，手工补录")]),
        // Row 7. Start as a bare serial 45128.375 = 2023-07-21 (Fri) 09:00 → Tue 17:00: 7 + 7 + 6 = 20 h = 2.8571.
        Some([N(4.0), T("GD2307210015"), T("宣威市板桥镇农资经营部"), T("宣威市"), T("低压非居民"), N(45128.375), Dt(2023, 7, 25, 17, 0), T("受理时间为系统导出的日期序号")]),
        // Row 8: blank.
        None,
        // Row 9. Tue 2023-08-01 09:00 → Mon 2023-08-14 17:00: 9 days × 7 h + 6 h = 69 h = 9.8571: over 7.
        Some([N(5.0), T("GD2308010008"), T("陆良县同乐纸制品厂"), T("陆良县"), T("低压非居民"), Dt(2023, 8, 1, 9, 0), Dt(2023, 8, 14, 17, 0), T("客户原因延期")]),
        // Row 10. End before start.
        Some([N(6.0), T("GD2308100031"), T("师宗县丹凤街道便民超市"), T("师宗县"), T("三零"), Dt(2023, 8, 10, 15, 0), Dt(2023, 8, 8, 10, 0), T("工单时间录入有误")]),
        // Row 11. No county (allowed). Tue 09:00 → Thu 12:00: 7 + 7 + 3 = 17 h = 2.4286.
        Some([N(7.0), T("GD2308150002"), T("曲靖市云岭汽车维修部"), E, T("低压非居民"), Dt(2023, 8, 15, 9, 0), Dt(2023, 8, 17, 12, 0), E]),
        // Row 12. A start that cannot be read.
        Some([N(8.0), T("GD2307140019"), T("罗平县九龙街道花卉合作社"), T("罗平县"), T("低压非居民"), T("七月十四日"), Dt(2023, 7, 20, 10, 0), T("受理时间手写")]),
        // Row 13. High-voltage single source: belongs to 3.6.
        Some([N(9.0), T("GD2308210004"), T("富源县胜境工业园区机械厂"), T("富源县"), T("高压单电源"), Dt(2023, 8, 21, 9, 0), Dt(2023, 9, 15, 17, 0), E]),
        // Row 14. Date-only cells: from the end of Mon 08-21 to the end of Thu 08-24 = Tue–Thu = 3.0.
        Some([N(10.0), T("GD2308210022"), T("会泽县金钟街道茶叶店"), T("会泽县"), T("低压非居民"), D(2023, 8, 21), D(2023, 8, 24), T("仅记录日期")]),
        // Row 15. Across National Day: Wed 09-27 14:00 → Mon 10-09 10:00:
        // 4 h (09-27) + 7 h (09-28) + 7 h (Sat 10-07, make-up) + 7 h (Sun 10-08, make-up) + 1 h = 26 h = 3.7143.
        Some([N(11.0), T("GD2309270016"), T("曲靖经开区西城街道文具店"), T("曲靖经开区"), T("低压小微"), Dt(2023, 9, 27, 14, 0), Dt(2023, 10, 9, 10, 0), E]),
        // Row 16. Still open (no connection yet).
        Some([N(12.0), T("GD2309250005"), T("麒麟区南宁街道烘焙坊"), T("麒麟区"), T("低压非居民"), Dt(2023, 9, 25, 9, 0), E, T("在途工单")]),
        // Row 17. Mon 09:00 → Fri 18:00: 5 × 7 h = 35 h = 5.0.
        Some([N(13.0), T("GD2310090012"), T("沾益区西平街道洗车店"), T("沾益区"), T("低压非居民"), Dt(2023, 10, 9, 9, 0), Dt(2023, 10, 13, 18, 0), E]),
        // Row 18. Mon 14:00 → Tue 12:00: 4 h + 3 h = 7 h = 1.0.
        Some([N(14.0), T("GD2310160009"), T("麒麟区益宁街道打印店"), T("麒麟区"), T("低压非居民"), Dt(2023, 10, 16, 14, 0), Dt(2023, 10, 17, 12, 0), E]),
    ]
}

fn electricity() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation date: the document properties are the only part that would change per run.
    let created = ExcelDateTime::from_ymd(2023, 10, 31)?.and_hms(9, 0, 0)?;
    wb.set_properties(&DocProperties::new().set_title(ELECTRICITY_TITLE).set_author("供电公司营销系统导出").set_creation_datetime(&created));

    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    let head = Format::new().set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_border(FormatBorder::Thin).set_background_color("#D9E1F2");
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm").set_border(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd").set_border(FormatBorder::Thin);
    let plain = Format::new().set_border(FormatBorder::Thin);

    let ws = wb.add_worksheet().set_name("低压非居民台账")?;
    ws.merge_range(0, 0, 0, 7, ELECTRICITY_TITLE, &title)?;
    ws.set_row_height(0, 28)?;
    // Two-row header: 办理时间 spans F:G with its sub-headers below; the other headers span both rows.
    for (col, h) in [(0, "序号"), (1, "工单号"), (2, "客户名称"), (3, "所属县区"), (4, "客户类别"), (7, "备注")] {
        ws.merge_range(1, col, 2, col, h, &head)?;
    }
    ws.merge_range(1, 5, 1, 6, "办理时间", &head)?;
    ws.write_string_with_format(2, 5, "受理申请时间", &head)?;
    ws.write_string_with_format(2, 6, "装表接电时间", &head)?;
    for (col, width) in [(0, 6.0), (1, 16.0), (2, 30.0), (3, 12.0), (4, 12.0), (5, 18.0), (6, 18.0), (7, 24.0)] {
        ws.set_column_width(col, width)?;
    }
    for (i, row) in electricity_rows().into_iter().enumerate() {
        let r = 3 + i as u32;
        let Some(cells) = row else { continue };
        for (c, cell) in cells.into_iter().enumerate() {
            let c = c as u16;
            match cell {
                T(s) => drop(ws.write_string_with_format(r, c, s, &plain)?),
                N(x) => drop(ws.write_number_with_format(r, c, x, &plain)?),
                Dt(y, mo, d, h, mi) => drop(ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, mo, d)?.and_hms(h, mi, 0)?, &date_time)?),
                D(y, mo, d) => drop(ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, mo, d)?, &date)?),
                E => drop(ws.write_blank(r, c, &plain)?),
            }
        }
    }
    ws.set_freeze_panes(3, 0)?;

    let notes = wb.add_worksheet().set_name("说明")?;
    let lines = [
        ("项目", "说明"),
        ("数据来源", "供电公司营销系统“业扩报装”工单导出，示例数据，非真实客户"),
        ("统计口径", "实行“三零”服务的低压非居民客户，自受理申请至装表接电"),
        ("受理申请时间", "营销系统工单受理时间"),
        ("装表接电时间", "装表接电完成时间；在途工单为空"),
        ("客户类别", "高压客户应在高压台账中填报"),
        ("填报单位", "曲靖供电局营销部"),
    ];
    for (r, (k, v)) in lines.iter().enumerate() {
        let fmt = if r == 0 { &head } else { &plain };
        notes.write_string_with_format(r as u32, 0, *k, fmt)?;
        notes.write_string_with_format(r as u32, 1, *v, fmt)?;
    }
    notes.set_column_width(0, 16)?;
    notes.set_column_width(1, 60)?;
    wb.save_to_buffer()
}

// ---------------------------------------------------------------------------------------------
// construction-2.1.csv / construction-2.1-gbk.csv: engineering approval ledger (2.1, 2.2, 2.3).

const CONSTRUCTION_HEADER: [&str; 11] =
    ["项目代码", "项目名称", "所属县区", "项目类型", "受理时间", "办结时间", "补正开始时间", "补正结束时间", "补正原因", "总投资（万元）", "费用（万元）"];

/// Lines after the title and header, from line 3; `None` is an empty line (a row of only
/// separators is a row of empty fields).
fn construction_rows() -> Vec<Option<[&'static str; 11]>> {
    vec![
        // Line 3. Mon 07-03 09:00 → Fri 08-11 17:00: 29 full working days (203 h) + 6 h = 209 h,
        // less the 补正 stop Mon 07-10 09:00 – Fri 07-14 18:00 (5 days, 35 h) = 174 h = 24.8571 working days.
        // Cost ratio 860 / 52000 = 1.6538 %.
        Some(["2307-530302-04-01-100001", "麒麟区城北片区商业综合体项目", "麒麟区", "一般社会投资", "2023-07-03 09:00", "2023-08-11 17:00", "2023-07-10 09:00", "2023-07-14 18:00", "补正施工图设计文件", "52000", "860"]),
        // Line 4. Date only: from the end of Fri 07-14 to the end of Fri 08-25 = 30 working days.
        Some(["2307-530303-04-01-100002", "沾益区物流园仓储中心", "沾益区", "社会投资", "2023/7/14", "2023年8月25日", "", "", "", "18500", "392"]),
        Some(["2307-530304-04-01-100003", "马龙区农产品加工厂房", "马龙区", "一般社会投资项目", "2023.7.17 9:30", "2023.8.18 16:00", "", "", "", "9600", "185.6"]),
        Some(["2307-530381-04-01-100004", "宣威市火腿产业园冷链仓库", "宣威市", "企业投资", "2023-07-20 10:00", "2023-09-01 11:30", "2023-08-07 09:00", "2023-08-11 18:00", "补充消防设计审查材料", "126,000", "2,310"]),
        Some(["2307-530322-04-01-100005", "陆良县蚕桑丝绸产业园标准厂房", "陆良县", "一般社会投资", "2023年7月24日", "2023年9月8日", "", "", "", "34200", "702"]),
        Some(["2307-530323-04-01-100006", "师宗县菌子山景区游客服务中心", "师宗县", "一般社会投资", "2023/7/25 9:00", "2023/8/30 17:00", "2023/8/14 9:00", "2023/8/16 18:00", "补正规划许可附图", "15800", "356.4"]),
        None,
        Some(["2308-530324-04-01-100007", "罗平县油菜花海民宿集群", "罗平县", "社会投资", "2023-08-01 09:00", "2023-09-12 16:00", "", "", "", "22400", "468"]),
        // Line 11. End before start.
        Some(["2308-530325-04-01-100008", "富源县煤化工配套仓储项目", "富源县", "一般社会投资", "2023-08-15 10:00", "2023-08-05 10:00", "", "", "", "41000", "820"]),
        Some(["2308-530326-04-01-100009", "会泽县古城文旅街区改造项目", "会泽县", "一般社会投资", "2023.8.7 14:00", "2023.9.20 10:00", "", "", "", "27600", "590"]),
        // Line 13. Negative cost: harmless for 2.1 (cost is not used), a problem for 2.3.
        Some(["2308-530300-04-01-100010", "曲靖经开区新能源电池材料厂房", "曲靖经开区", "一般社会投资", "2023-08-08 09:00", "2023-09-15 18:00", "", "", "", "88000", "-12.5"]),
        // Line 14. Only separators.
        Some(["", "", "", "", "", "", "", "", "", "", ""]),
        // Line 15. No 受理时间.
        Some(["2308-530302-04-01-100011", "麒麟区南片区社区商业中心", "麒麟区", "一般社会投资", "", "2023-09-22 17:00", "", "", "", "12600", "268"]),
        // Line 16. A name a spreadsheet would run as a formula: it must be exported as text.
        Some(["2308-530303-04-01-100012", "=HYPERLINK(\"http://x\")", "沾益区", "一般社会投资", "2023-08-14 09:00", "2023-09-19 12:00", "", "", "", "7300", "154"]),
        // Line 17. Government-invested: belongs to 2.2.
        Some(["2308-530381-01-01-100013", "宣威市第三中学教学楼新建项目", "宣威市", "政府投资", "2023-08-16 09:00", "2023-10-20 17:00", "", "", "", "9800", "118"]),
        Some(["2308-530322-04-01-100014", "陆良县沙林景区停车场", "陆良县", "一般社会投资", "2023年8月21日 9:00", "2023年9月27日 17:00", "2023年9月4日 9:00", "2023年9月6日 18:00", "补正土地权属证明", "5400", "121.5"]),
        Some(["2308-530323-04-01-100015", "师宗县五龙乡农旅综合体", "师宗县", "社会投资", "2023/8/28", "2023/10/16", "", "", "", "14300", "301"]),
        // Line 20. Across National Day: 2023-09-20 09:00 → 2023-10-31 17:00.
        Some(["2309-530324-04-01-100016", "罗平县多依河康养小镇一期", "罗平县", "一般社会投资", "2023-09-20 09:00", "2023-10-31 17:00", "", "", "", "46800", "985"]),
        Some(["2309-530325-04-01-100017", "富源县大河镇肉牛养殖基地", "富源县", "企业投资", "2023-09-22 10:30", "2023-11-24 16:00", "2023-10-16 09:00", "2023-10-20 18:00", "补充环评批复", "8800", "206"]),
        Some(["2309-530326-04-01-100018", "会泽县以礼河电站生活区改造", "会泽县", "一般社会投资", "2023.9.25 9:00", "2023.11.10 17:00", "", "", "", "6900", "158"]),
        Some(["2310-530300-04-01-100019", "曲靖经开区智能制造产业园二期", "曲靖经开区", "一般社会投资", "2023-10-09 09:00", "2023-11-20 17:00", "", "", "", "132000", "2,640"]),
        Some(["2310-530302-04-01-100020", "麒麟区珠江源大道商务楼", "麒麟区", "一般社会投资", "2023-10-10 14:00", "2023-11-23 10:00", "", "", "", "38500", "770"]),
        Some(["2310-530304-04-01-100021", "马龙区月望乡光伏支架厂", "马龙区", "社会投资", "2023年10月16日", "2023年11月30日", "", "", "", "11200", "246"]),
        Some(["2310-530381-04-01-100022", "宣威市东山镇农贸市场", "宣威市", "一般社会投资", "2023-10-23 09:00", "2023-12-08 17:00", "", "", "", "4300", "95"]),
        Some(["2311-530303-04-01-100023", "沾益区花山街道养老服务中心", "沾益区", "一般社会投资", "2023/11/1 9:00", "2023/12/15 17:30", "", "", "", "6100", "139"]),
    ]
}

/// The CSV as Excel writes it: CRLF, the title in A1 followed by the empty cells of its row.
fn construction_text() -> String {
    let mut out = String::new();
    out.push_str("曲靖市2023年工程建设项目审批台账（示例数据）");
    out.push_str(&",".repeat(CONSTRUCTION_HEADER.len() - 1));
    out.push_str("\r\n");
    out.push_str(&CONSTRUCTION_HEADER.join(","));
    out.push_str("\r\n");
    for row in construction_rows() {
        if let Some(cells) = row {
            let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&fields.join(","));
        }
        out.push_str("\r\n");
    }
    out
}

/// Quotes a field as Excel does: when it holds a separator, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn construction_utf8_bom() -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(construction_text().as_bytes());
    bytes
}

/// Excel and WPS on Chinese Windows save "CSV (逗号分隔)" in the ANSI code page 936, i.e. GBK, no BOM.
fn construction_gbk() -> Vec<u8> {
    let text = construction_text();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "the construction ledger has a character GBK cannot encode");
    bytes.into_owned()
}

// ---------------------------------------------------------------------------------------------
// company-1.1-tab.txt: company setup, Excel "Unicode 文本" (UTF-16LE with BOM, tabs, CRLF).

const COMPANY_ROWS: [[&str; 4]; 11] = [
    // 09:00 → 11:48: 168 min = 0.4 working days, exactly the target.
    ["2023/7/14 9:00", "2023/7/14 11:48", "曲靖市宏远贸易有限公司", "麒麟区"],
    // Across lunch: 11:00–12:00 and 14:00–14:30 = 90 min.
    ["2023/7/14 11:00", "2023/7/14 14:30", "沾益区德泽农业开发有限公司", "沾益区"],
    // Submitted online on Saturday: the clock starts Monday 09:00; 60 min.
    ["2023/7/15 10:00", "2023/7/17 10:00", "马龙区通泉建材有限公司", "马龙区"],
    // Across National Day: Thu 09-28 16:00–18:00 (2 h), 09-29 – 10-06 off, Sat 10-07 is a make-up
    // working day: 09:00–10:00 (1 h). 3 h of a 7-hour day = 0.4286: over the 0.4 target.
    ["2023/9/28 16:00", "2023/10/7 10:00", "宣威市云岭火腿食品有限公司", "宣威市"],
    // 15:00–17:30 = 150 min.
    ["2023/9/28 15:00", "2023/9/28 17:30", "陆良县华兴包装有限公司", "陆良县"],
    // On the make-up Saturday 10-07: 2 h.
    ["2023/10/7 9:00", "2023/10/7 11:00", "师宗县龙庆农旅发展有限公司", "师宗县"],
    // Submitted on a holiday (09-29): the clock starts 10-07 09:00; 30 min.
    ["2023/9/29 10:00", "2023/10/7 9:30", "罗平县金鸡峰旅游服务有限公司", "罗平县"],
    // Make-up Sunday 10-08 17:00–18:00, then Mon 09:00–10:00: 2 h.
    ["2023/10/8 17:00", "2023/10/9 10:00", "富源县胜境新材料有限公司", "富源县"],
    // 14:00–18:00 and 09:00–09:30: 4.5 h = 0.6429: over the target.
    ["2023/11/2 14:00", "2023/11/3 9:30", "会泽县金沙江铜业贸易有限公司", "会泽县"],
    // New Year 2024 (12-30 – 01-01 off): Fri 16:30–18:00 and Tue 09:00–10:00 = 2.5 h.
    ["2023/12/29 16:30", "2024/1/2 10:00", "曲靖经开区智联科技有限公司", "曲靖经开区"],
    ["2023/7/20 9:00", "2023/7/20 10:00", "曲靖市麒麟区珠源餐饮管理有限公司", "麒麟区"],
];

fn company_utf16() -> Vec<u8> {
    let mut text = String::from("申请时间\t办结时间\t企业名称\t所属县区\r\n");
    for row in COMPANY_ROWS {
        text.push_str(&row.join("\t"));
        text.push_str("\r\n");
    }
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}

// ---------------------------------------------------------------------------------------------
// rates-4.1.csv: labor-contract signing per county, semicolon-separated.

fn rates() -> Vec<u8> {
    let rows = [
        ("麒麟区", "12850", "13020"),
        ("沾益区", "5230", "5301"),
        ("马龙区", "2105", "2140"),
        // Thousands separator as copied from a report: not a field separator here.
        ("宣威市", "8,960", "9,105"),
        ("陆良县", "6320", "6402"),
        ("师宗县", "3015", "3088"),
        ("罗平县", "4480", "4550"),
        // More signed than due: cannot be a rate.
        ("富源县", "5012", "4987"),
        ("会泽县", "5890", "6011"),
        ("曲靖经开区", "3760", "3790"),
    ];
    let mut text = String::from("县区;签订数;应签订数\n");
    for (county, n, d) in rows {
        text.push_str(&format!("{county};{n};{d}\n"));
    }
    text.into_bytes()
}
