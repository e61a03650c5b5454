//! The indicator catalogue: every numeric target of a plan, as data.
//!
//! The Qujing 2023 plan (曲政办发〔2023〕49号) is compiled in from
//! `data/catalog-qujing-2023.json`; another city's plan is loaded the same way.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

const QUJING_2023: &str = include_str!("../data/catalog-qujing-2023.json");

/// The unit an indicator's value is expressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    WorkingDays,
    CalendarDays,
    Years,
    Hours,
    Percent,
    Count,
    Index,
}

/// Which way a value must lie relative to the target to meet it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Le,
    Lt,
    Ge,
    Gt,
    Eq,
    /// Keep falling: the latest period lower than the one before.
    Decrease,
}

impl Direction {
    /// Whether `value` meets `target` (boundary inclusive for `le`/`ge`, with a tolerance of
    /// 1e-9 relative, so that 2 h 48 min measures as exactly 0.4 working days).
    ///
    /// ```
    /// use bizenv::catalog::Direction;
    /// assert!(Direction::Le.meets(0.4, 0.4));
    /// assert!(!Direction::Lt.meets(0.4, 0.4));
    /// assert!(Direction::Eq.meets(100.0, 100.0));
    /// ```
    pub fn meets(self, value: f64, target: f64) -> bool {
        let tol = 1e-9 * target.abs().max(1.0);
        match self {
            Direction::Le => value <= target + tol,
            Direction::Lt => value < target - tol,
            Direction::Ge => value >= target - tol,
            Direction::Gt => value > target + tol,
            Direction::Eq => (value - target).abs() <= tol,
            Direction::Decrease => value < target - tol,
        }
    }

    /// Whether a lower value is better (for scores and for "worst"/"best" among counties).
    pub fn lower_is_better(self) -> bool {
        matches!(self, Direction::Le | Direction::Lt | Direction::Decrease)
    }
}

/// How a case's value and the indicator's value are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Working time from `start` (or the earliest step) to `end` (or the latest step), stops excluded.
    ElapsedWorking,
    CalendarDays,
    /// Calendar days / 365.
    Years,
    /// `cost` (or the sum of `fees`) over `base`, in percent; the indicator's value is the mean.
    CostRatio,
    /// `numerator` over `denominator`, in percent, pooled.
    Rate,
    /// `(current − previous) / previous`, in percent, pooled.
    Growth,
    /// `count`, summed.
    Count,
    /// `value` per `period`; met when the latest period is lower than the one before.
    Trend,
    /// `recovered` over `claims`, in percent, pooled; or the Doing Business present-value method.
    RecoveryRate,
    /// `value` as given; the indicator's value is the mean.
    Index,
}

/// A best and a worst value for distance-to-frontier scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Frontier {
    pub best: f64,
    pub worst: f64,
    /// Where the values come from, in English and in Chinese.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_zh: Option<String>,
}

/// One target of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub id: String,
    pub topic: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit: Unit,
    #[serde(default)]
    pub unit_label_zh: Option<String>,
    #[serde(default)]
    pub unit_label_en: Option<String>,
    pub direction: Direction,
    /// `None` for trends, which compare periods rather than a number.
    pub target: Option<f64>,
    pub method: Method,
    #[serde(default)]
    pub clause: Option<String>,
    #[serde(default)]
    pub clause_ref: Option<String>,
    #[serde(default)]
    pub notes_zh: Option<String>,
    /// For electricity indicators: the customer class whose cases it judges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_class: Option<String>,
    /// For construction approvals: the project type whose cases it judges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frontier: Option<Frontier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Topic {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub issued: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
}

/// A plan's topics and indicators.
///
/// ```
/// use bizenv::catalog::{Catalog, Method};
/// let cat = Catalog::builtin();
/// assert_eq!(cat.indicators.len(), 42);
/// let setup = cat.get("1.1").unwrap();
/// assert_eq!((setup.target, setup.method), (Some(0.4), Method::ElapsedWorking));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub plan: Plan,
    pub topics: Vec<Topic>,
    pub indicators: Vec<Indicator>,
}

impl Catalog {
    /// The compiled-in Qujing 2023 catalogue.
    pub fn builtin() -> Catalog {
        static BUILTIN: OnceLock<Option<Catalog>> = OnceLock::new();
        // The embedded file is validated by the test suite; the fallback is never reached in a build
        // that passed its tests.
        BUILTIN.get_or_init(|| Catalog::from_json(QUJING_2023).ok()).clone().unwrap_or_else(|| Catalog {
            plan: Plan { id: String::new(), name_zh: String::new(), name_en: None, document: None, issued: None, year: None },
            topics: Vec::new(),
            indicators: Vec::new(),
        })
    }

    /// Parses and validates a catalogue.
    pub fn from_json(json: &str) -> Result<Catalog> {
        let cat: Catalog = serde_json::from_str(json).map_err(|e| {
            Error::new(
                ErrorKind::Catalog,
                format!("指标目录格式错误（第 {} 行第 {} 列）：{e}", e.line(), e.column()),
                format!("malformed catalogue (line {}, column {}): {e}", e.line(), e.column()),
            )
        })?;
        cat.validate()?;
        Ok(cat)
    }

    /// Adds the indicators and topics of `other`, replacing those with the same id.
    pub fn extend(&mut self, other: Catalog) {
        for topic in other.topics {
            match self.topics.iter_mut().find(|t| t.id == topic.id) {
                Some(t) => *t = topic,
                None => self.topics.push(topic),
            }
        }
        for ind in other.indicators {
            match self.indicators.iter_mut().find(|i| i.id == ind.id) {
                Some(i) => *i = ind,
                None => self.indicators.push(ind),
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The indicator or an error naming the id and what exists.
    pub fn require(&self, id: &str) -> Result<&Indicator> {
        self.get(id).ok_or_else(|| {
            let first = self.indicators.first().map_or("", |i| i.id.as_str());
            let last = self.indicators.last().map_or("", |i| i.id.as_str());
            Error::new(
                ErrorKind::Catalog,
                format!("没有编号为「{id}」的指标：目录中的编号为 {first} 至 {last}"),
                format!("no indicator \"{id}\": the catalogue's ids run from {first} to {last}"),
            )
        })
    }

    fn validate(&self) -> Result<()> {
        let bad = |zh: String, en: String| Err(Error::new(ErrorKind::Catalog, format!("指标目录无效：{zh}"), format!("invalid catalogue: {en}")));
        let mut ids = BTreeSet::new();
        for ind in &self.indicators {
            if ind.id.trim().is_empty() {
                return bad("有指标的编号为空".into(), "an indicator has an empty id".into());
            }
            if !ids.insert(ind.id.as_str()) {
                return bad(format!("指标编号「{}」重复", ind.id), format!("indicator id \"{}\" appears twice", ind.id));
            }
            match (ind.direction, ind.target) {
                (Direction::Decrease, _) => {}
                (_, None) => return bad(format!("指标 {} 缺少目标值", ind.id), format!("indicator {} has no target", ind.id)),
                (_, Some(t)) if !t.is_finite() => return bad(format!("指标 {} 的目标值无效", ind.id), format!("indicator {} has an invalid target", ind.id)),
                _ => {}
            }
            if ind.method == Method::Trend && ind.direction != Direction::Decrease {
                return bad(
                    format!("指标 {} 按趋势计算，方向应为 decrease", ind.id),
                    format!("indicator {} is a trend; its direction must be decrease", ind.id),
                );
            }
            if let Some(f) = &ind.frontier {
                if !(f.best.is_finite() && f.worst.is_finite()) || f.best == f.worst {
                    return bad(
                        format!("指标 {} 的前沿值无效：最好值与最差值须为不同的数", ind.id),
                        format!("indicator {} has an invalid frontier: best and worst must be different numbers", ind.id),
                    );
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_has_every_target_of_the_plan() {
        let cat = Catalog::from_json(QUJING_2023).unwrap();
        assert_eq!(cat.indicators.len(), 42);
        assert_eq!(cat.topics.len(), 12);
        for ind in &cat.indicators {
            assert!(cat.topics.iter().any(|t| t.id == ind.topic), "{}", ind.id);
            assert!(ind.clause.as_deref().is_some_and(|c| !c.is_empty()), "{}", ind.id);
        }
        let targets: Vec<(&str, Option<f64>)> = ["1.1", "2.1", "2.2", "2.3", "3.4", "3.7", "8.2", "10.5", "6.1"]
            .iter()
            .map(|id| (*id, cat.get(id).unwrap().target))
            .collect();
        assert_eq!(
            targets,
            vec![("1.1", Some(0.4)), ("2.1", Some(35.0)), ("2.2", Some(45.0)), ("2.3", Some(2.2)), ("3.4", Some(3.0)), ("3.7", Some(70.0)), ("8.2", Some(111.0)), ("10.5", Some(44.0)), ("6.1", None)]
        );
        assert_eq!(cat.get("8.1").unwrap().direction, Direction::Gt);
    }

    #[test]
    fn malformed_catalogues_are_rejected_with_a_reason() {
        let e = Catalog::from_json("{").unwrap_err();
        assert!(e.message_zh().contains("第 1 行"), "{e}");
        let one = r#"{"id":"1","topic":"1","nameZh":"a","nameEn":"a","unit":"percent","direction":"ge","target":1,"method":"rate"}"#;
        let e = Catalog::from_json(&format!(r#"{{"plan":{{"id":"x","nameZh":"x"}},"topics":[],"indicators":[{one},{one}]}}"#)).unwrap_err();
        assert!(e.message_zh().contains("重复"), "{e}");
        let e = Catalog::from_json(r#"{"plan":{"id":"x","nameZh":"x"},"topics":[],"indicators":[{"id":"1","topic":"1","nameZh":"a","nameEn":"a","unit":"furlongs","direction":"ge","target":1,"method":"rate"}]}"#).unwrap_err();
        assert!(e.message_en().contains("furlongs"), "{e}");
    }

    #[test]
    fn extend_replaces_by_id() {
        let mut cat = Catalog::builtin();
        let mut other = Catalog::builtin();
        other.indicators.truncate(1);
        other.indicators[0].target = Some(0.3);
        other.indicators.push(Indicator { id: "13.1".into(), ..other.indicators[0].clone() });
        cat.extend(other);
        assert_eq!(cat.indicators.len(), 43);
        assert_eq!(cat.get("1.1").unwrap().target, Some(0.3));
    }
}
