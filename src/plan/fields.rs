//! The fields a case may have, and which of them each method uses, as data read by Rust and JS
//! alike: `data/case-fields.json` (every field with its labels, the header names source systems
//! use for it, and its valid range) and `data/methods.json` (per method: the form's inputs, the
//! case table's columns, the export's columns, the fields a ledger maps; the units and their
//! decimals; the labels of the computed columns).
//!
//! Both files are compiled in and checked by the tests; if one ever failed to load, every call
//! that needs it returns an error of kind `internal` instead of working on an empty table.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{builtin_broken, Error, ErrorKind, Result};
use crate::plan::catalog::{Aggregation, Indicator, Method, TimeBasis, Unit};

const CASE_FIELDS_JSON: &str = include_str!("../../data/case-fields.json");
const METHODS_JSON: &str = include_str!("../../data/methods.json");

/// How a case field's cells are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Time,
    Number,
    Text,
}

/// A case field a column can be mapped to, with the header names source systems use for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseField {
    pub field: String,
    pub kind: FieldKind,
    pub zh: String,
    pub en: String,
    pub synonyms: Vec<String>,
    /// The valid values of a number field; an indicator may narrow them (catalogue `fieldRanges`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<FieldRange>,
    /// The values a choice field takes, with their labels (a form offers them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// The value the blank ledger template's example row shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
}

/// An example value of a field: a number, or text (a time as `YYYY-MM-DD hh:mm`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Number(f64),
    Text(String),
}

/// One value of a choice field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub zh: String,
    pub en: String,
}

/// The valid values of a numeric case field, as data (`data/case-fields.json`, and per
/// indicator in the catalogue's `fieldRanges`).
///
/// ```
/// use bizenv::plan::fields::FieldRange;
/// let index = FieldRange { min: Some(0.0), max: Some(10.0), ..FieldRange::default() };
/// assert!(index.check(10.0, "指数值", "value").is_ok());
/// let err = index.check(12.0, "指数值", "value").unwrap_err();
/// assert_eq!(err.message_zh(), "指数值为 12，超出有效范围：应在 0 至 10 之间");
/// assert_eq!(err.message_en(), "value is 12: out of range, expected between 0 and 10");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FieldRange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The minimum itself is not allowed (a denominator must be more than 0).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub min_exclusive: bool,
    /// Another field this one may not exceed (a numerator its denominator).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_most: Option<String>,
}

impl FieldRange {
    /// The range in words: `0 至 10 之间` / `between 0 and 10`.
    pub fn describe(&self) -> (String, String) {
        let n = |x: f64| format_number(x);
        match (self.min, self.max, self.min_exclusive) {
            (Some(lo), Some(hi), false) => (format!("在 {} 至 {} 之间", n(lo), n(hi)), format!("between {} and {}", n(lo), n(hi))),
            (Some(lo), Some(hi), true) => (format!("大于 {} 且不大于 {}", n(lo), n(hi)), format!("more than {} and at most {}", n(lo), n(hi))),
            (Some(lo), None, false) => (format!("不小于 {}", n(lo)), format!("at least {}", n(lo))),
            (Some(lo), None, true) => (format!("大于 {}", n(lo)), format!("more than {}", n(lo))),
            (None, Some(hi), _) => (format!("不大于 {}", n(hi)), format!("at most {}", n(hi))),
            (None, None, _) => ("任意数值".to_string(), "any number".to_string()),
        }
    }

    /// `x` if it lies in the range, else an error naming the field, the value and the range.
    pub fn check(&self, x: f64, label_zh: &str, label_en: &str) -> Result<f64> {
        let below = self.min.is_some_and(|lo| if self.min_exclusive { x <= lo } else { x < lo });
        let above = self.max.is_some_and(|hi| x > hi);
        if !(below || above) {
            return Ok(x);
        }
        let (zh, en) = self.describe();
        let shown = format_number(x);
        // The usual cases keep the words users know from the form: 不能为负数, 应大于 0.
        let zero_floor = below && self.min == Some(0.0) && self.max.is_none();
        let err = if zero_floor && !self.min_exclusive {
            Error::new(ErrorKind::Range, format!("{label_zh}为 {shown}，不能为负数"), format!("{label_en} is {shown}: it must not be negative"))
        } else if zero_floor {
            Error::new(ErrorKind::Range, format!("{label_zh}为 {shown}，应大于 0"), format!("{label_en} is {shown}: it must be greater than 0"))
        } else {
            Error::new(ErrorKind::Range, format!("{label_zh}为 {shown}，超出有效范围：应{zh}"), format!("{label_en} is {shown}: out of range, expected {en}"))
        };
        Err(err)
    }
}

/// A number as people write it: no trailing `.0`, no float noise.
///
/// ```
/// use bizenv::plan::fields::format_number;
/// assert_eq!((format_number(12.0), format_number(0.1 + 0.2), format_number(-2.5)), ("12".into(), "0.3".into(), "-2.5".into()));
/// ```
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let text = format!("{:.6}", x);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The field table (`data/case-fields.json`).
pub fn case_fields() -> Result<&'static [CaseField]> {
    static FIELDS: OnceLock<std::result::Result<Vec<CaseField>, Error>> = OnceLock::new();
    FIELDS
        .get_or_init(|| {
            serde_json::from_str(CASE_FIELDS_JSON).map_err(|e| builtin_broken("case-fields.json", &Error::new(ErrorKind::Parse, e.to_string(), e.to_string())))
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// One field of the table, by its API name.
pub fn case_field(name: &str) -> Option<&'static CaseField> {
    case_fields().ok()?.iter().find(|f| f.field == name)
}

/// A label in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

impl Label {
    pub fn pick(&self, lang: crate::error::Lang) -> String {
        lang.pick(&self.zh, &self.en)
    }
}

/// A unit's label and how many decimals a value in it is shown with (at least, at most).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitInfo {
    pub zh: String,
    pub en: String,
    pub decimals: (usize, usize),
    /// What a value in the unit is, for axis titles: 时长 / Time, 比率 / Rate.
    pub axis: Label,
}

/// What a column of the case table or the export shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    Time,
    Number,
    Steps,
    Status,
    Alert,
    Verdict,
}

/// A computed (or common) column: its label and how its values are shown. Columns that are
/// case fields take the field's label (or the indicator's own name for it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    pub kind: ColumnKind,
    /// `indicator`: in the indicator's unit (its decimals apply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<(usize, usize)>,
    /// A field column whose value is the computed one (`cost` is the sum of the fees when they are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// When an entry of a field list applies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    /// The indicator names a customer class or a project type (`customerClass`, `projectType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_has: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Aggregation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_basis: Option<TimeBasis>,
    /// `pooled` or `doing_business` (10.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_method: Option<String>,
    /// Some case of the indicator has the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_case: Option<String>,
    /// Cases are judged against a limit: the target binds each case, or a statutory limit is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged: Option<bool>,
}

/// An entry of a field list: a name, or a name with the condition under which it applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Item {
    Always(String),
    When { field: String, when: Condition },
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Always(f) | Item::When { field: f, .. } => f,
        }
    }
}

/// The field lists of one method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MethodFields {
    /// The label of the value column, `{unit}` standing for the indicator's unit.
    pub value_label: Label,
    /// The charts that tell something for this method, in the order a view shows them
    /// (`distribution`, `counties`, `trend`): a trend is a line, not a histogram of its months.
    pub charts: Vec<String>,
    /// What the case form asks for.
    pub form: Vec<Item>,
    /// The case table's columns.
    pub table: Vec<Item>,
    /// The columns of an indicator's export.
    pub export: Vec<Item>,
    /// The case fields a ledger column is usually mapped to for this method.
    pub ledger: Vec<Item>,
}

/// `data/methods.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodTables {
    /// English unit words for a count of one ("1 working day"): the page and the charts alike.
    #[serde(default, rename = "englishSingulars")]
    pub english_singulars: BTreeMap<String, String>,
    pub units: BTreeMap<Unit, UnitInfo>,
    /// Fields that hold lists (stops, steps, fees), with their labels.
    pub lists: BTreeMap<String, Label>,
    pub columns: BTreeMap<String, ColumnInfo>,
    pub methods: BTreeMap<Method, MethodFields>,
}

/// The method tables (`data/methods.json`).
pub fn method_tables() -> Result<&'static MethodTables> {
    static TABLES: OnceLock<std::result::Result<MethodTables, Error>> = OnceLock::new();
    TABLES
        .get_or_init(|| {
            serde_json::from_str(METHODS_JSON).map_err(|e| builtin_broken("methods.json", &Error::new(ErrorKind::Parse, e.to_string(), e.to_string())))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Which list of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Form,
    Table,
    Export,
    Ledger,
}

/// What a condition is judged against: the indicator, the settings in force, and the cases.
pub struct Situation<'a> {
    pub indicator: &'a Indicator,
    /// `pooled` or `doing_business`.
    pub recovery_method: &'a str,
    /// Whether cases are judged against a limit (the target per case, or a statutory limit set).
    pub judged: bool,
    /// Whether some case of the indicator has the field.
    pub any_case: &'a dyn Fn(&str) -> bool,
}

impl Condition {
    fn holds(&self, s: &Situation) -> bool {
        let ind = s.indicator;
        self.indicator_has.as_deref().map_or(true, |f| match f {
            "customerClass" => ind.customer_class.is_some(),
            "projectType" => ind.project_type.is_some(),
            _ => false,
        }) && self.aggregation.map_or(true, |a| ind.aggregation() == a)
            && self.time_basis.map_or(true, |b| ind.time_basis() == Some(b))
            && self.recovery_method.as_deref().map_or(true, |m| ind.method != Method::RecoveryRate || m == s.recovery_method)
            && self.any_case.as_deref().map_or(true, |f| (s.any_case)(f))
            && self.judged.map_or(true, |j| j == s.judged)
    }
}

impl MethodTables {
    /// The names of a list of the indicator's method, in order, whose conditions hold.
    ///
    /// ```
    /// use bizenv::plan::{catalog::Catalog, fields::{method_tables, ListKind, Situation}};
    /// let cat = Catalog::builtin().unwrap();
    /// let s = |id| Situation { indicator: cat.get(id).unwrap(), recovery_method: "pooled", judged: true, any_case: &|_| false };
    /// let tables = method_tables().unwrap();
    /// assert_eq!(tables.list(ListKind::Form, &s("5.3")), ["id", "name", "county", "measure", "numerator", "denominator", "note"]);
    /// assert!(tables.list(ListKind::Form, &s("3.6")).contains(&"customerClass"));
    /// assert!(!tables.list(ListKind::Form, &s("1.1")).contains(&"customerClass"));
    /// ```
    pub fn list<'a>(&'a self, kind: ListKind, s: &Situation) -> Vec<&'a str> {
        let Some(m) = self.methods.get(&s.indicator.method) else { return Vec::new() };
        let items = match kind {
            ListKind::Form => &m.form,
            ListKind::Table => &m.table,
            ListKind::Export => &m.export,
            ListKind::Ledger => &m.ledger,
        };
        items
            .iter()
            .filter(|i| match i {
                Item::Always(_) => true,
                Item::When { when, .. } => when.holds(s),
            })
            .map(Item::name)
            .collect()
    }

    /// The decimals a value in `unit` is shown with.
    pub fn decimals(&self, unit: Unit) -> (usize, usize) {
        self.units.get(&unit).map_or((0, 2), |u| u.decimals)
    }

    /// A column's label for the indicator: its own label, the indicator's name for the field, or
    /// the field's; `{unit}` filled in.
    pub fn column_label(&self, column: &str, ind: &Indicator) -> Label {
        let unit = self.units.get(&ind.unit);
        let unit_zh = ind.unit_label_zh.clone().or_else(|| unit.map(|u| u.zh.clone())).unwrap_or_default();
        let unit_en = ind.unit_label_en.clone().or_else(|| unit.map(|u| u.en.clone())).unwrap_or_default();
        let fill = |text: &str, unit: &str| if unit.is_empty() { text.replace("（{unit}）", "").replace(" ({unit})", "") } else { text.replace("{unit}", unit) };
        if column == "value" {
            if let Some(m) = self.methods.get(&ind.method) {
                return Label { zh: fill(&m.value_label.zh, &unit_zh), en: fill(&m.value_label.en, &unit_en) };
            }
        }
        if let Some(own) = ind.field_labels.get(column) {
            return own.clone();
        }
        if let Some(Some((zh, en))) = self.columns.get(column).map(|c| c.zh.clone().zip(c.en.clone())) {
            return Label { zh: fill(&zh, &unit_zh), en: fill(&en, &unit_en) };
        }
        if let Some(list) = self.lists.get(column) {
            return list.clone();
        }
        match case_field(column) {
            Some(f) => Label { zh: f.zh.clone(), en: f.en.clone() },
            None => Label { zh: column.to_string(), en: column.to_string() },
        }
    }

    /// Checks the tables against the field table: every name a list uses is a field, a list
    /// field or a column; every method and unit of the catalogue has its entry.
    pub fn check(&self, fields: &[CaseField]) -> std::result::Result<(), String> {
        let is_field = |n: &str| fields.iter().any(|f| f.field == n) || self.lists.contains_key(n);
        for (method, m) in &self.methods {
            for (kind, items) in [("form", &m.form), ("ledger", &m.ledger)] {
                for item in items {
                    if !is_field(item.name()) {
                        return Err(format!("{method:?}.{kind}: \"{}\" is not a case field", item.name()));
                    }
                }
            }
            for (kind, items) in [("table", &m.table), ("export", &m.export)] {
                for item in items {
                    if !(is_field(item.name()) || self.columns.contains_key(item.name())) {
                        return Err(format!("{method:?}.{kind}: \"{}\" is neither a column nor a case field", item.name()));
                    }
                }
            }
        }
        for (id, c) in &self.columns {
            if c.zh.is_some() != c.en.is_some() || (c.zh.is_none() && !is_field(id)) {
                return Err(format!("column {id} needs both labels, or must be a case field"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::catalog::Catalog;

    #[test]
    fn the_field_table_loads_and_its_synonyms_are_unique() {
        let fields = case_fields().unwrap();
        assert!(fields.len() >= 20);
        let mut seen = std::collections::BTreeSet::new();
        for f in fields {
            assert!(seen.insert(f.field.as_str()), "field {} twice", f.field);
            assert!(!f.zh.is_empty() && !f.en.is_empty(), "{}", f.field);
        }
    }

    /// The English page and English exports read these labels: each must be there, free of
    /// Chinese (an empty unit, such as a count's, is allowed where the Chinese is empty too).
    #[test]
    fn every_label_of_the_field_and_method_tables_has_its_english() {
        let chinese = |t: &str| t.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c));
        let mut missing = Vec::new();
        let mut check = |what: String, zh: &str, en: Option<&str>| {
            let en = en.unwrap_or("");
            if chinese(en) || (en.trim().is_empty() && !zh.trim().is_empty()) {
                missing.push(format!("{what}: {zh} → {en:?}"));
            }
        };
        for f in case_fields().unwrap() {
            check(format!("case field {}", f.field), &f.zh, Some(&f.en));
            for c in &f.choices {
                check(format!("choice {} of {}", c.value, f.field), &c.zh, Some(&c.en));
            }
        }
        let tables = method_tables().unwrap();
        for (unit, info) in &tables.units {
            check(format!("unit {unit:?}"), &info.zh, Some(&info.en));
            check(format!("axis of {unit:?}"), &info.axis.zh, Some(&info.axis.en));
        }
        for (id, label) in &tables.lists {
            check(format!("list {id}"), &label.zh, Some(&label.en));
        }
        for (id, column) in &tables.columns {
            check(format!("column {id}"), column.zh.as_deref().unwrap_or(""), column.en.as_deref());
        }
        for (method, fields) in &tables.methods {
            check(format!("value label of {method:?}"), &fields.value_label.zh, Some(&fields.value_label.en));
        }
        assert!(missing.is_empty(), "English missing from data/case-fields.json or data/methods.json:\n{}", missing.join("\n"));
    }

    #[test]
    fn the_method_tables_load_and_name_only_known_fields() {
        let tables = method_tables().unwrap();
        tables.check(case_fields().unwrap()).unwrap();
        let cat = Catalog::builtin().unwrap();
        for ind in &cat.indicators {
            assert!(tables.methods.contains_key(&ind.method), "{}: no method entry", ind.id);
            assert!(tables.units.contains_key(&ind.unit), "{}: no unit entry", ind.id);
            for field in ind.field_labels.keys() {
                assert!(case_field(field).is_some() || tables.lists.contains_key(field), "{}: label for unknown field {field}", ind.id);
            }
        }
        // Every method's lists are never empty and start with the case's identity.
        for (method, m) in &tables.methods {
            for list in [&m.form, &m.table, &m.export, &m.ledger] {
                assert!(list.iter().any(|i| i.name() == "id"), "{method:?}");
            }
        }
    }

    #[test]
    fn labels_come_from_the_indicator_then_the_columns_then_the_fields() {
        let tables = method_tables().unwrap();
        let cat = Catalog::builtin().unwrap();
        let ind = cat.get("3.5").unwrap();
        assert_eq!(tables.column_label("end", ind).zh, "装表接电时间");
        assert_eq!(tables.column_label("value", ind), Label { zh: "用时（工作日）".into(), en: "Time (working days)".into() });
        assert_eq!(tables.column_label("workingMinutes", ind).en, "Working minutes");
        assert_eq!(tables.column_label("numerator", cat.get("4.1").unwrap()).zh, "已签订劳动合同的职工人数");
        assert_eq!(tables.column_label("value", cat.get("4.4").unwrap()).zh, "数量（家）");
        assert_eq!(tables.decimals(Unit::Percent), (2, 2));
    }
}
