//! A blank ledger template for one indicator: an .xlsx whose first sheet has the headers the
//! importer recognises for the indicator's method (the indicator's own names where the plan gives
//! them, e.g. 受理申请时间 / 装表接电时间 for electricity, 已签订劳动合同的职工人数 for 4.1), one example row, time columns formatted
//! as `yyyy-mm-dd hh:mm`, and drop-down lists for the county and the customer class or project type;
//! a second sheet explains each column and the accepted forms. Everything comes from the plan's
//! data (`data/case-fields.json`, `data/methods.json`, the catalogue).
//!
//! The headers stay in Chinese in the English template too: they are what the importer reads.
//!
//! ```
//! use bizenv::error::Lang;
//! use bizenv::plan::catalog::Catalog;
//! use bizenv::report::template::{ledger_template, template_columns};
//! let catalog = Catalog::builtin().unwrap();
//! let columns = template_columns(catalog, catalog.get("3.4").unwrap(), "pooled").unwrap();
//! let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
//! assert_eq!(headers, ["编号", "名称", "县区", "受理申请时间", "装表接电时间", "停止计时开始", "停止计时结束", "停止计时原因", "客户类别", "备注"]);
//! let bytes = ledger_template(catalog, "3.4", "pooled", Lang::Zh).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! ```

#[cfg(feature = "files")]
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Formula, Workbook, XlsxError};

use crate::error::{Error, ErrorKind, Lang, Result};
use crate::plan::catalog::{Catalog, ClassKind, Indicator};
use crate::plan::fields::{case_field, method_tables, CaseField, Example, FieldKind, ListKind, Situation};

/// One column of a template.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateColumn {
    /// The case field it fills.
    pub field: String,
    /// The header written in the sheet (one the importer maps back to `field`).
    pub header: String,
    /// What the column holds, in the plan's words for this indicator where it has them.
    pub label_zh: String,
    pub label_en: String,
    pub kind: FieldKind,
    /// The example row's value, if the field has one.
    pub example: Option<Example>,
    /// The values a drop-down offers (counties, classes, choices); empty for free entry.
    pub choices: Vec<String>,
}

/// A template's workbook as the writer needs it: the columns, and the notes sheet's first lines
/// in the chosen language. Made by the core (which knows the catalogue), written by the ledger
/// module (`crate::ledger::transfer`).
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateBook {
    pub english: bool,
    /// The notes sheet's first lines: (label, value).
    pub intro: Vec<(String, String)>,
    pub columns: Vec<TemplateColumn>,
}

#[cfg(feature = "files")]
fn xlsx_error(e: XlsxError) -> Error {
    Error::new(ErrorKind::Case, format!("生成台账模板失败：{e}"), format!("could not write the ledger template: {e}"))
}

fn not_found(id: &str) -> Error {
    Error::new(ErrorKind::Catalog, format!("没有指标「{id}」"), format!("there is no indicator \"{id}\"")).with_field("indicatorId")
}

/// The columns of the indicator's template, in order.
pub fn template_columns(catalog: &Catalog, indicator: &Indicator, recovery_method: &str) -> Result<Vec<TemplateColumn>> {
    let tables = method_tables()?;
    let situation = Situation { indicator, recovery_method, judged: true, any_case: &|_| false };
    let mut columns = Vec::new();
    for name in tables.list(ListKind::Ledger, &situation) {
        let Some(field) = case_field(name) else { continue };
        let own = indicator.field_labels.get(name);
        // The plan's own name for the column (装表接电时间, 公告发布日期), which the importer reads for
        // this indicator, else the field's usual header.
        let header = own.map_or_else(|| canonical_header(field), |l| l.zh.clone());
        let label_zh = own.map_or_else(|| field.zh.clone(), |l| l.zh.clone());
        let label_en = own.map_or_else(|| field.en.clone(), |l| l.en.clone());
        let class_kind = match name {
            "customerClass" => Some(ClassKind::CustomerClass),
            "projectType" => Some(ClassKind::ProjectType),
            _ => None,
        };
        let (choices, example) = if name == "county" {
            let counties: Vec<String> = catalog.counties.iter().map(|c| c.zh.clone()).collect();
            let first = counties.first().cloned().map(Example::Text);
            (counties, first)
        } else if let Some(kind) = class_kind {
            let classes = catalog.classes.of(kind);
            let own = kind.of(indicator).and_then(|code| classes.iter().find(|c| c.code == code)).map(|c| Example::Text(c.zh.clone()));
            (classes.iter().map(|c| c.zh.clone()).collect(), own)
        } else if name == "measure" && !indicator.measures.is_empty() {
            (indicator.measures.iter().map(|m| m.name_zh.clone()).collect(), indicator.measures.first().map(|m| Example::Text(m.name_zh.clone())))
        } else if !field.choices.is_empty() {
            (field.choices.iter().map(|c| c.zh.clone()).collect(), field.choices.first().map(|c| Example::Text(c.zh.clone())))
        } else {
            (Vec::new(), field.example.clone())
        };
        columns.push(TemplateColumn { field: name.to_string(), header, label_zh, label_en, kind: field.kind, example, choices });
    }
    Ok(columns)
}

/// The header a template writes for a field: its first synonym, the name ledgers use most.
fn canonical_header(field: &CaseField) -> String {
    field.synonyms.first().cloned().unwrap_or_else(|| field.zh.clone())
}

/// What each kind of column accepts, for the notes sheet.
#[cfg(feature = "files")]
fn accepted(kind: FieldKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (FieldKind::Time, Lang::En) => {
            "An Excel date-time, or text such as 2023-07-14 09:30, 2023/7/14 9:30, 2023年7月14日 9:30. A date without a time means the end of that day."
        }
        (FieldKind::Time, _) => "Excel 日期时间，或文字如 2023-07-14 09:30、2023/7/14 9:30、2023年7月14日 9:30；只填日期时，按当天结束时计算。",
        (FieldKind::Number, Lang::En) => "A number (1234.5; 1,234.5 and ¥ are read too).",
        (FieldKind::Number, _) => "数字（如 1234.5；带千位分隔符或 ¥ 也可）。",
        (FieldKind::Text, Lang::En) => "Text.",
        (FieldKind::Text, _) => "文字。",
    }
}

/// What the template of indicator `id` holds, ready for the writer.
pub fn template_book(catalog: &Catalog, id: &str, recovery_method: &str, lang: Lang) -> Result<TemplateBook> {
    let indicator = catalog.get(id).ok_or_else(|| not_found(id))?;
    let columns = template_columns(catalog, indicator, recovery_method)?;
    let en = lang == Lang::En;
    let name = if en { &indicator.name_en } else { &indicator.name_zh };
    let target = indicator.target.map_or_else(String::new, crate::plan::fields::format_number);
    let note = if en { indicator.method_note_en.as_deref() } else { indicator.method_note_zh.as_deref() };
    let intro = if en {
        vec![
            ("Plan".to_string(), catalog.plan.name_en.clone().unwrap_or_else(|| catalog.plan.name_zh.clone())),
            ("Indicator".to_string(), format!("{} {}", indicator.id, name)),
            ("Target".to_string(), target),
            ("How it is counted".to_string(), note.unwrap_or_default().to_string()),
        ]
    } else {
        vec![
            ("方案".to_string(), catalog.plan.name_zh.clone()),
            ("指标".to_string(), format!("{} {}", indicator.id, name)),
            ("目标值".to_string(), target),
            ("计算方法".to_string(), note.unwrap_or_default().to_string()),
        ]
    };
    Ok(TemplateBook { english: en, intro, columns })
}

/// The blank ledger template of indicator `id` as .xlsx bytes.
#[cfg(feature = "files")]
pub fn ledger_template(catalog: &Catalog, id: &str, recovery_method: &str, lang: Lang) -> Result<Vec<u8>> {
    write_template(&template_book(catalog, id, recovery_method, lang)?)
}

/// Without the `files` feature (the page's core module) the template is written by the ledger
/// module, from `template_book` passed as bytes (`crate::ledger::transfer::encode_template`).
#[cfg(not(feature = "files"))]
pub fn ledger_template(_catalog: &Catalog, _id: &str, _recovery_method: &str, _lang: Lang) -> Result<Vec<u8>> {
    Err(crate::ledger::transfer::ledger_module_needed())
}

/// A template's workbook as .xlsx bytes.
#[cfg(feature = "files")]
pub fn write_template(book: &TemplateBook) -> Result<Vec<u8>> {
    write_book(book).map_err(xlsx_error)
}

#[cfg(feature = "files")]
fn write_book(book: &TemplateBook) -> std::result::Result<Vec<u8>, XlsxError> {
    let (en, columns) = (book.english, &book.columns);
    let lang = if en { Lang::En } else { Lang::Zh };
    let (ledger_name, notes_name, lists_name) = if en { ("Ledger", "Notes", "Lists") } else { ("台账", "填写说明", "选项") };
    let mut wb = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#DDEBF7").set_border(rust_xlsxwriter::FormatBorder::Thin);
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let example_text = Format::new().set_font_color("#595959").set_italic();
    let example_time = Format::new().set_num_format("yyyy-mm-dd hh:mm").set_font_color("#595959").set_italic();
    let example_number = Format::new().set_num_format("General").set_font_color("#595959").set_italic();

    // The lists the drop-downs read, on a hidden sheet of their own (a list typed into a rule is
    // limited to 255 characters; another plan may have many counties).
    let mut list_ranges: Vec<Option<String>> = Vec::with_capacity(columns.len());
    let mut list_col: u16 = 0;
    for column in columns {
        if column.choices.is_empty() {
            list_ranges.push(None);
        } else {
            let letter = column_letter(list_col);
            list_ranges.push(Some(format!("={lists_name}!${letter}$2:${letter}${}", column.choices.len() + 1)));
            list_col = list_col.saturating_add(1);
        }
    }

    let ledger = wb.add_worksheet().set_name(ledger_name)?;
    for (i, column) in columns.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ledger.write_string_with_format(0, col, &column.header, &header)?;
        let width = match column.kind {
            FieldKind::Time => 18.0,
            _ => (column.header.chars().count() as f64 * 2.2 + 2.0).clamp(10.0, 30.0),
        };
        ledger.set_column_width(col, width)?;
        if column.kind == FieldKind::Time {
            ledger.set_column_format(col, &time)?;
        }
        match &column.example {
            Some(Example::Number(x)) => drop(ledger.write_number_with_format(1, col, *x, &example_number)?),
            Some(Example::Text(t)) if column.kind == FieldKind::Time => match excel_time(t) {
                Some(dt) => drop(ledger.write_datetime_with_format(1, col, &dt, &example_time)?),
                None => drop(ledger.write_string_with_format(1, col, t, &example_text)?),
            },
            Some(Example::Text(t)) => drop(ledger.write_string_with_format(1, col, t, &example_text)?),
            None => {}
        }
        if let Some(Some(range)) = list_ranges.get(i) {
            let (title, message) = if en { ("Pick from the list", "Choose one of the values in the list.") } else { ("请从列表中选择", "请选择列表中的一项。") };
            let rule = DataValidation::new()
                .allow_list_formula(Formula::new(range.as_str()))
                .ignore_blank(true)
                .set_error_title(title)?
                .set_error_message(message)?;
            ledger.add_data_validation(1, col, 100_000, col, &rule)?;
        }
    }
    ledger.set_freeze_panes(1, 0)?;

    let notes = wb.add_worksheet().set_name(notes_name)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    notes.set_column_width(0, 22.0)?;
    notes.set_column_width(1, 26.0)?;
    notes.set_column_width(2, 70.0)?;
    let intro = &book.intro;
    for (r, (label, value)) in intro.iter().enumerate() {
        let row = u32::try_from(r).unwrap_or(u32::MAX);
        notes.write_string_with_format(row, 0, label, &bold)?;
        notes.write_string_with_format(row, 2, value, &wrap)?;
    }
    let first = u32::try_from(intro.len() + 1).unwrap_or(u32::MAX);
    let heads = if en { ["Column", "Meaning", "What to enter"] } else { ["列名", "含义", "填写要求"] };
    for (c, h) in heads.iter().enumerate() {
        notes.write_string_with_format(first, u16::try_from(c).unwrap_or(0), *h, &bold)?;
    }
    for (r, column) in columns.iter().enumerate() {
        let row = first + 1 + u32::try_from(r).unwrap_or(u32::MAX - first - 1);
        let meaning = if en { column.label_en.clone() } else { column.label_zh.clone() };
        let mut what = accepted(column.kind, lang).to_string();
        if !column.choices.is_empty() {
            what.push_str(if en { " One of: " } else { "可选：" });
            what.push_str(&column.choices.join(if en { ", " } else { "、" }));
        }
        notes.write_string(row, 0, &column.header)?;
        notes.write_string(row, 1, &meaning)?;
        notes.write_string_with_format(row, 2, &what, &wrap)?;
    }
    let tail = first + 2 + u32::try_from(columns.len()).unwrap_or(u32::MAX - first - 2);
    let closing = if en {
        "Row 2 is an example: overwrite or delete it. One row per case; keep the header row as it is. The sheet can be imported as it is (.xlsx), or saved as CSV."
    } else {
        "第 2 行是示例：填写时请覆盖或删除。每行一件；请勿修改表头。填好后可直接导入（.xlsx），也可另存为 CSV 导入。"
    };
    notes.write_string_with_format(tail, 0, closing, &wrap)?;

    let lists = wb.add_worksheet().set_name(lists_name)?;
    let mut list_col: u16 = 0;
    for column in columns.iter().filter(|c| !c.choices.is_empty()) {
        lists.write_string(0, list_col, &column.header)?;
        for (i, choice) in column.choices.iter().enumerate() {
            lists.write_string(u32::try_from(i + 1).unwrap_or(u32::MAX), list_col, choice)?;
        }
        list_col = list_col.saturating_add(1);
    }
    lists.set_hidden(true);

    wb.save_to_buffer()
}

/// `YYYY-MM-DD hh:mm` as an Excel date-time.
#[cfg(feature = "files")]
fn excel_time(text: &str) -> Option<ExcelDateTime> {
    let dt: jiff::civil::DateTime = text.replacen(' ', "T", 1).parse().ok()?;
    let year = u16::try_from(dt.year()).ok()?;
    let month = u8::try_from(dt.month()).ok()?;
    let day = u8::try_from(dt.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()?.and_hms(u16::try_from(dt.hour()).ok()?, u8::try_from(dt.minute()).ok()?, 0).ok()
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
#[cfg(feature = "files")]
fn column_letter(mut col: u16) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn column_letters() {
        assert_eq!((column_letter(0), column_letter(25), column_letter(26), column_letter(27)), ("A".into(), "Z".into(), "AA".into(), "AB".into()));
    }
}
