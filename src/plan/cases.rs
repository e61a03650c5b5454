//! Cases as users enter or import them: one flat record whose fields each method picks from.
//! Field names are the JS API's (camelCase).

use serde::{Deserialize, Serialize};

use crate::api::StopInput;
use crate::error::{Error, ErrorKind, Result};
use crate::time::parse::TimeInput;

/// The counties of Qujing and its development zone: the presets for the county field.
pub const QUJING_COUNTIES: [&str; 10] = ["麒麟区", "沾益区", "马龙区", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "曲靖经开区"];

/// A number as a form or a spreadsheet gives it: a number, or text such as `"1,234.5"`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Num {
    Number(f64),
    Text(String),
}

impl Num {
    /// The value, or an error naming the field and the text.
    pub fn value(&self, field_zh: &str, field_en: &str) -> Result<f64> {
        let parsed = match self {
            Num::Number(x) => Some(*x),
            Num::Text(s) => {
                let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '¥' | '￥')).collect();
                let cleaned = cleaned.trim_end_matches('元');
                cleaned.parse::<f64>().ok()
            }
        };
        match parsed {
            Some(x) if x.is_finite() => Ok(x),
            _ => {
                let shown = match self {
                    Num::Number(x) => x.to_string(),
                    Num::Text(s) => s.clone(),
                };
                Err(Error::new(
                    ErrorKind::Case,
                    format!("{field_zh}「{shown}」不是数字：应填写如 1234.5 的数值"),
                    format!("{field_en} \"{shown}\" is not a number: expected e.g. 1234.5"),
                ))
            }
        }
    }
}

/// A parallel procedure within a case (company setup: licence, seal, invoice, social security...).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Step {
    pub name: Option<String>,
    pub start: Option<TimeInput>,
    pub end: Option<TimeInput>,
}

/// A fee item of an approval or proceeding.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fee {
    #[serde(default)]
    pub name: Option<String>,
    pub amount: Num,
}

/// One case, record or report line. Which fields matter depends on the indicator's method.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Case {
    pub id: Option<String>,
    pub name: Option<String>,
    pub county: Option<String>,
    /// Source row in an imported sheet, as Excel shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    pub start: Option<TimeInput>,
    pub end: Option<TimeInput>,
    pub stops: Vec<StopInput>,
    pub steps: Vec<Step>,
    pub customer_class: Option<String>,
    pub project_type: Option<String>,
    pub cost: Option<Num>,
    pub fees: Vec<Fee>,
    pub base: Option<Num>,
    pub numerator: Option<Num>,
    pub denominator: Option<Num>,
    pub current: Option<Num>,
    pub previous: Option<Num>,
    pub count: Option<Num>,
    pub period: Option<String>,
    pub value: Option<Num>,
    pub recovered: Option<Num>,
    pub claims: Option<Num>,
    /// Doing Business recovery method: time in years (or from `start`/`end`).
    pub years: Option<Num>,
    /// Doing Business recovery method: cost in % of the estate (or from `cost`/`base`).
    pub cost_percent: Option<Num>,
    /// Doing Business recovery method: `going_concern` or `piecemeal`.
    pub outcome: Option<String>,
    /// Doing Business recovery method: annual lending rate, in percent.
    pub lending_rate: Option<Num>,
    /// Indicators of several shares (5.3): which share the record counts (`households`, `amount`).
    pub measure: Option<String>,
    /// Trends: which series the value belongs to (进口, 出口...); the county is a series too.
    pub series: Option<String>,
    pub note: Option<String>,
}

/// The valid values of a numeric case field, as data (`data/case-fields.json`, and per
/// indicator in the catalogue's `fieldRanges`).
///
/// ```
/// use bizenv::plan::cases::FieldRange;
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
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let text = format!("{:.6}", x);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A class that routes a case to one of several sibling indicators.
pub struct Class {
    pub code: &'static str,
    pub zh: &'static str,
    pub synonyms: &'static [&'static str],
}

/// Electricity customer classes (3.4–3.7), with the words ledgers use for them.
pub const CUSTOMER_CLASSES: [Class; 4] = [
    Class { code: "residential", zh: "居民客户", synonyms: &["居民", "居民客户", "低压居民", "居民用户"] },
    Class { code: "low_voltage_non_residential", zh: "低压非居民客户", synonyms: &["低压非居民", "低压非居民客户", "低压小微", "三零", "小微企业"] },
    Class { code: "high_voltage_single", zh: "高压单电源客户", synonyms: &["高压单电源", "高压单电源客户", "高压单电源用户"] },
    Class { code: "high_voltage_dual", zh: "高压双电源客户", synonyms: &["高压双电源", "高压双电源客户", "高压双电源用户", "高压多电源"] },
];

/// Construction project types (2.1, 2.2).
pub const PROJECT_TYPES: [Class; 2] = [
    Class { code: "social_investment", zh: "一般社会投资项目", synonyms: &["社会投资", "一般社会投资", "一般社会投资项目", "社会投资项目", "企业投资"] },
    Class { code: "government_investment", zh: "政府投资项目", synonyms: &["政府投资", "政府投资项目", "政府投资工程", "国有资金投资"] },
];

/// The class code for a user's text, or an error listing the accepted values.
///
/// ```
/// use bizenv::plan::cases::{normalize_class, CUSTOMER_CLASSES};
/// assert_eq!(normalize_class(&CUSTOMER_CLASSES, "高压单电源", "客户类别", "customerClass").unwrap(), "high_voltage_single");
/// assert!(normalize_class(&CUSTOMER_CLASSES, "中压", "客户类别", "customerClass").is_err());
/// ```
pub fn normalize_class(classes: &[Class], text: &str, field_zh: &str, field_en: &str) -> Result<&'static str> {
    let t = text.trim();
    classes.iter().find(|c| c.code == t || c.synonyms.contains(&t)).map(|c| c.code).ok_or_else(|| {
        let zh: Vec<&str> = classes.iter().map(|c| c.zh).collect();
        let en: Vec<&str> = classes.iter().map(|c| c.code).collect();
        Error::new(
            ErrorKind::Case,
            format!("{field_zh}「{t}」无法识别：应为 {}", zh.join("、")),
            format!("{field_en} \"{t}\" is not recognised: expected one of {}", en.join(", ")),
        )
    })
}
