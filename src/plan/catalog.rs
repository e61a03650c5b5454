//! The indicator catalogue: every numeric target of a plan, as data.
//!
//! The Qujing 2023 plan (曲政办发〔2023〕49号) is compiled in from
//! `data/catalog-qujing-2023.json`; another city's plan is loaded the same way.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{builtin_broken, Error, ErrorKind, Result};
use crate::plan::fields::{FieldRange, Label};

const QUJING_2023: &str = include_str!("../../data/catalog-qujing-2023.json");

/// The unit an indicator's value is expressed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    WorkingDays,
    CalendarDays,
    Years,
    Hours,
    Percent,
    /// (Also what a report read back without a unit is taken to be: a plain number.)
    #[default]
    Count,
    Index,
}

/// Which way a value must lie relative to the target to meet it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
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
    /// use bizenv::plan::catalog::Direction;
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    #[default]
    Index,
}

/// A best and a worst value for county scores, with where each comes from.
///
/// The catalogue's `frontier` is Doing Business 2020's best and worst (the `doing_business`
/// scoring option); its `scale` is the best and worst of the default, target-anchored scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Frontier {
    pub best: f64,
    pub worst: f64,
    /// Where the values come from, in English and in Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_zh: Option<String>,
    /// Where the best value comes from, when the two have different sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_source_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst_source_zh: Option<String>,
}

/// What a working-time value measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// First start to last end; parallel steps' overlaps once; stops excluded.
    Span,
    /// The working time covered by the case's stages (the union of its steps); the time between
    /// stages (the applicant's or the customer's) is not counted; stops inside a stage excluded.
    Stages,
}

/// How case values make the indicator's value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Mean of the closed cases' values.
    #[default]
    Mean,
    /// Σ numerators ÷ Σ denominators.
    Pooled,
    /// Several pooled shares (one per `measure`); the value is the lowest, met when all meet.
    Shares,
    /// Mean per county; met only when every county with data meets; the value is the county
    /// that binds (the worst mean).
    EachCounty,
    /// A level at a date: the latest `period` of each county, summed over counties.
    Stock,
    /// A flow: the records summed.
    Sum,
    /// Trends: each series (`series`, and the county when given) latest period against the one
    /// before; met when every series with two periods fell.
    Series,
}

/// How counties are scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringMethod {
    /// 60 at the plan's target, 100 at the scale's best, 0 at its worst, linear in between.
    #[default]
    TargetAnchored,
    /// Doing Business distance to frontier `(worst − value) / (worst − best)`, 0–100.
    DoingBusiness,
}

/// The catalogue's statement of how counties are scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scoring {
    #[serde(default)]
    pub method: ScoringMethod,
    /// The score of a value exactly at the target (target-anchored scores).
    #[serde(default = "default_anchor")]
    pub anchor_score: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}

fn default_anchor() -> f64 {
    60.0
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring { method: ScoringMethod::TargetAnchored, anchor_score: default_anchor(), note_zh: None, note_en: None }
    }
}

/// A suggested name of a case's step (a procedure or a stage), for forms and ledgers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepName {
    pub zh: String,
    pub en: String,
}

/// One of the shares an indicator of `shares` aggregation pools separately (5.3: 户数, 金额).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Measure {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// Words a ledger or a form may use for it (besides the id).
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// A per-case statutory limit (审限) an indicator on an average may use for case alerts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseLimit {
    /// In the indicator's unit.
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
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
    /// The plan's sentence, quoted character for character.
    #[serde(default)]
    pub clause: Option<String>,
    /// An English rendering of the clause (not an official translation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause_en: Option<String>,
    /// Where the clause stands in the plan: `二、（一）1`.
    #[serde(default)]
    pub clause_ref: Option<String>,
    /// The same place in English: `Part II (1) 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause_ref_en: Option<String>,
    #[serde(default)]
    pub notes_zh: Option<String>,
    /// For electricity indicators: the customer class whose cases it judges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_class: Option<String>,
    /// For construction approvals: the project type whose cases it judges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_type: Option<String>,
    /// Doing Business 2020's best and worst, for the `doing_business` scoring option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frontier: Option<Frontier>,
    /// Best and worst of the default target-anchored county scores, each with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Frontier>,
    /// Time methods: what the value measures; `span` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_basis: Option<TimeBasis>,
    /// How case values make the indicator's value; from the method when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Aggregation>,
    /// Whether the target binds each case (`false` for targets on an average: 8.2, 10.1, 10.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_case: Option<bool>,
    /// A statutory per-case limit that may be switched on for case alerts (option `caseLimits`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_limit: Option<CaseLimit>,
    /// Whether the indicator takes part in the county ranking (`false` for counts and trends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<bool>,
    /// One or two sentences: scope, time basis, aggregation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_note_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method_note_en: Option<String>,
    /// Suggested names of the case's steps (procedures of 1.1, stages of 2.x, 3.6, 3.7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_names: Vec<StepName>,
    /// The shares of a `shares` indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// Valid ranges of case fields that differ from the defaults of `data/case-fields.json`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub field_ranges: BTreeMap<String, FieldRange>,
    /// The indicator's own names for case fields (`end` of 3.5 is 装表接电时间), for forms,
    /// tables and exports.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub field_labels: BTreeMap<String, Label>,
}

impl Indicator {
    /// Whether the method measures time (working or calendar).
    pub fn is_timed(&self) -> bool {
        matches!(self.method, Method::ElapsedWorking | Method::CalendarDays | Method::Years)
    }

    /// The time basis in force: `stages` only where the catalogue says so.
    pub fn time_basis(&self) -> Option<TimeBasis> {
        self.is_timed().then(|| self.time_basis.unwrap_or(TimeBasis::Span))
    }

    /// The aggregation in force: the catalogue's, else the method's usual one.
    ///
    /// ```
    /// use bizenv::plan::catalog::{Aggregation, Catalog};
    /// let cat = Catalog::builtin().unwrap();
    /// let of = |id: &str| cat.get(id).unwrap().aggregation();
    /// assert_eq!((of("1.1"), of("4.1"), of("5.3"), of("10.1"), of("4.4"), of("12.3"), of("6.1")),
    ///     (Aggregation::Mean, Aggregation::Pooled, Aggregation::Shares, Aggregation::EachCounty,
    ///      Aggregation::Stock, Aggregation::Sum, Aggregation::Series));
    /// ```
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation.unwrap_or(match self.method {
            Method::Rate | Method::Growth | Method::RecoveryRate => Aggregation::Pooled,
            Method::Count => Aggregation::Sum,
            Method::Trend => Aggregation::Series,
            _ => Aggregation::Mean,
        })
    }

    /// Whether each case is judged against the target on its own.
    pub fn per_case(&self) -> bool {
        self.per_case.unwrap_or(!matches!(self.method, Method::Count | Method::Trend))
    }

    /// Whether the indicator takes part in the county ranking.
    pub fn ranked(&self) -> bool {
        self.rank.unwrap_or(!matches!(self.method, Method::Count | Method::Trend))
    }

    /// The measure a record names (`households`, `户数`...), if the indicator has it.
    pub fn measure(&self, text: &str) -> Option<&Measure> {
        let t = text.trim();
        self.measures.iter().find(|m| m.id == t || m.name_zh == t || m.synonyms.iter().any(|s| s == t))
    }
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
    /// The document number romanised: `Qu Zheng Ban Fa [2023] No. 49`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_en: Option<String>,
    #[serde(default)]
    pub issued: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
}

/// A county (or district, or development zone) of the plan, in the plan's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct County {
    pub zh: String,
    pub en: String,
}

/// A class that files a case under one of several sibling indicators: an electricity customer
/// class (3.4–3.7) or a construction project type (2.1, 2.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    /// What the indicator's `customerClass` / `projectType` names.
    pub code: String,
    pub zh: String,
    pub en: String,
    /// Words ledgers and forms use for it (besides the code).
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// The classes of a plan: customer classes and project types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Classes {
    pub customer_class: Vec<Class>,
    pub project_type: Vec<Class>,
}

/// Which kind of class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    CustomerClass,
    ProjectType,
}

impl ClassKind {
    /// The case field that holds it.
    pub fn field(self) -> &'static str {
        match self {
            ClassKind::CustomerClass => "customerClass",
            ClassKind::ProjectType => "projectType",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            ClassKind::CustomerClass => ("客户类别", "customerClass"),
            ClassKind::ProjectType => ("项目类型", "projectType"),
        }
    }

    /// The class an indicator judges, of this kind.
    pub fn of(self, ind: &Indicator) -> Option<&str> {
        match self {
            ClassKind::CustomerClass => ind.customer_class.as_deref(),
            ClassKind::ProjectType => ind.project_type.as_deref(),
        }
    }
}

impl Classes {
    pub fn of(&self, kind: ClassKind) -> &[Class] {
        match kind {
            ClassKind::CustomerClass => &self.customer_class,
            ClassKind::ProjectType => &self.project_type,
        }
    }

    /// The class code for a user's text, or an error listing the accepted values.
    ///
    /// ```
    /// use bizenv::plan::catalog::{Catalog, ClassKind};
    /// let classes = &Catalog::builtin().unwrap().classes;
    /// assert_eq!(classes.normalize(ClassKind::CustomerClass, "高压单电源").unwrap(), "high_voltage_single");
    /// assert!(classes.normalize(ClassKind::CustomerClass, "中压").is_err());
    /// ```
    pub fn normalize(&self, kind: ClassKind, text: &str) -> Result<&str> {
        let t = text.trim();
        let list = self.of(kind);
        list.iter().find(|c| c.code == t || c.synonyms.iter().any(|s| s == t)).map(|c| c.code.as_str()).ok_or_else(|| {
            let (field_zh, field_en) = kind.label();
            let zh: Vec<&str> = list.iter().map(|c| c.zh.as_str()).collect();
            let en: Vec<&str> = list.iter().map(|c| c.code.as_str()).collect();
            Error::new(
                ErrorKind::Case,
                format!("{field_zh}「{t}」无法识别：应为 {}", zh.join("、")),
                format!("{field_en} \"{t}\" is not recognised: expected one of {}", en.join(", ")),
            )
        })
    }
}

/// A plan's topics and indicators.
///
/// ```
/// use bizenv::plan::catalog::{Catalog, Method};
/// let cat = Catalog::builtin().unwrap();
/// assert_eq!(cat.indicators.len(), 42);
/// let setup = cat.get("1.1").unwrap();
/// assert_eq!((setup.target, setup.method), (Some(0.4), Method::ElapsedWorking));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub plan: Plan,
    /// How counties are scored, stated once for the page and every printed report.
    #[serde(default)]
    pub scoring: Scoring,
    /// The plan's counties in its order: the presets of forms, the order of every county table.
    #[serde(default)]
    pub counties: Vec<County>,
    /// Customer classes and project types that file cases under sibling indicators.
    #[serde(default)]
    pub classes: Classes,
    pub topics: Vec<Topic>,
    pub indicators: Vec<Indicator>,
}

impl Catalog {
    /// The compiled-in Qujing 2023 catalogue, parsed once. It is checked by the test suite; if it
    /// ever failed to load, this is an error of kind `internal`, never an empty catalogue.
    pub fn builtin() -> Result<&'static Catalog> {
        static BUILTIN: OnceLock<Result<Catalog>> = OnceLock::new();
        BUILTIN.get_or_init(|| Catalog::from_json(QUJING_2023).map_err(|e| builtin_broken("catalog-qujing-2023.json", &e))).as_ref().map_err(Clone::clone)
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
        for county in other.counties {
            if !self.counties.iter().any(|c| c.zh == county.zh) {
                self.counties.push(county);
            }
        }
        for kind in [ClassKind::CustomerClass, ClassKind::ProjectType] {
            let list = match kind {
                ClassKind::CustomerClass => &mut self.classes.customer_class,
                ClassKind::ProjectType => &mut self.classes.project_type,
            };
            for class in other.classes.of(kind) {
                match list.iter_mut().find(|c| c.code == class.code) {
                    Some(c) => *c = class.clone(),
                    None => list.push(class.clone()),
                }
            }
        }
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

    /// Where a county sorts: the catalogue's counties in their order, then the others by name.
    ///
    /// ```
    /// let cat = bizenv::plan::catalog::Catalog::builtin().unwrap();
    /// assert!(cat.county_order("麒麟区") < cat.county_order("曲靖经开区"));
    /// assert!(cat.county_order("曲靖经开区") < cat.county_order("外地"));
    /// ```
    pub fn county_order(&self, name: &str) -> (usize, String) {
        (self.counties.iter().position(|c| c.zh == name).unwrap_or(self.counties.len()), name.to_string())
    }

    /// The indicator that judges cases of `code` (a customer class or project type).
    pub fn sibling(&self, kind: ClassKind, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| kind.of(i) == Some(code))
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
        let mut names = BTreeSet::new();
        for c in &self.counties {
            if c.zh.trim().is_empty() || !names.insert(c.zh.as_str()) {
                return bad(format!("县区「{}」为空或重复", c.zh), format!("county \"{}\" is empty or listed twice", c.zh));
            }
        }
        for kind in [ClassKind::CustomerClass, ClassKind::ProjectType] {
            let mut words = BTreeSet::new();
            for class in self.classes.of(kind) {
                for w in std::iter::once(&class.code).chain(&class.synonyms) {
                    if !words.insert(w.as_str()) {
                        return bad(format!("类别用词「{w}」重复"), format!("class word \"{w}\" appears twice"));
                    }
                }
            }
        }
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
            if let Some(f) = &ind.scale {
                check_scale(ind, f).or_else(|(zh, en)| bad(zh, en))?;
            }
            check_shape(ind).or_else(|(zh, en)| bad(zh, en))?;
            for kind in [ClassKind::CustomerClass, ClassKind::ProjectType] {
                if let Some(code) = kind.of(ind) {
                    if !self.classes.of(kind).iter().any(|c| c.code == code) {
                        return bad(
                            format!("指标 {} 的{}「{code}」不在目录的类别（classes）中", ind.id, kind.label().0),
                            format!("indicator {}: {} \"{code}\" is not among the catalogue's classes", ind.id, kind.label().1),
                        );
                    }
                }
            }
        }
        Ok(())
    }
}

/// A scale's best must lie on the good side of the target (or on it, for an `eq` target at the
/// ideal) and its worst on the bad side, so that 60 falls at the target.
fn check_scale(ind: &Indicator, f: &Frontier) -> std::result::Result<(), (String, String)> {
    let id = &ind.id;
    let Some(t) = ind.target else {
        return Err((format!("指标 {id} 没有目标值，不能设评分刻度"), format!("indicator {id} has no target and cannot have a scale")));
    };
    if !(f.best.is_finite() && f.worst.is_finite()) {
        return Err((format!("指标 {id} 的评分刻度无效：最好值与最差值须为数"), format!("indicator {id} has an invalid scale: best and worst must be numbers")));
    }
    // Oriented so that larger is better.
    let sign = if ind.direction.lower_is_better() { -1.0 } else { 1.0 };
    let (b, w, t) = (sign * f.best, sign * f.worst, sign * t);
    let best_ok = if ind.direction == Direction::Eq { b >= t } else { b > t };
    if !best_ok || w >= t {
        return Err((
            format!("指标 {id} 的评分刻度无效：最好值 {} 应优于目标 {}，最差值 {} 应劣于目标", f.best, sign * t, f.worst),
            format!("indicator {id} has an invalid scale: best {} must be better than the target {} and worst {} worse", f.best, sign * t, f.worst),
        ));
    }
    Ok(())
}

/// Time basis, aggregation, measures, limits and ranges that fit the method.
fn check_shape(ind: &Indicator) -> std::result::Result<(), (String, String)> {
    let id = &ind.id;
    if ind.time_basis == Some(TimeBasis::Stages) && ind.method != Method::ElapsedWorking {
        return Err((format!("指标 {id} 不按工作日计时，不能按环节计时（timeBasis stages）"), format!("indicator {id} is not measured in working time and cannot use timeBasis stages")));
    }
    if ind.time_basis.is_some() && !ind.is_timed() {
        return Err((format!("指标 {id} 不计时，不能设计时口径（timeBasis）"), format!("indicator {id} measures no time and cannot have a timeBasis")));
    }
    let fits = match ind.aggregation() {
        Aggregation::Mean | Aggregation::EachCounty => !matches!(ind.method, Method::Rate | Method::Growth | Method::Count | Method::Trend),
        Aggregation::Pooled => matches!(ind.method, Method::Rate | Method::Growth | Method::RecoveryRate | Method::CostRatio),
        Aggregation::Shares => ind.method == Method::Rate,
        Aggregation::Stock | Aggregation::Sum => ind.method == Method::Count,
        Aggregation::Series => ind.method == Method::Trend,
    };
    if !fits {
        return Err((format!("指标 {id} 的汇总方式与计算方法不符"), format!("indicator {id} has an aggregation that does not fit its method")));
    }
    if ind.aggregation() == Aggregation::Shares && ind.measures.len() < 2 {
        return Err((format!("指标 {id} 按多个占比汇总，至少需要两个口径（measures）"), format!("indicator {id} pools several shares and needs at least two measures")));
    }
    let mut seen = BTreeSet::new();
    for m in &ind.measures {
        if !seen.insert(m.id.as_str()) {
            return Err((format!("指标 {id} 的口径「{}」重复", m.id), format!("indicator {id} lists measure \"{}\" twice", m.id)));
        }
    }
    if let Some(limit) = &ind.case_limit {
        if !(ind.is_timed() && limit.value.is_finite() && limit.value > 0.0) {
            return Err((format!("指标 {id} 的个案时限无效：应为计时指标的正数"), format!("indicator {id} has an invalid case limit: a positive number on a timed indicator")));
        }
    }
    for (field, range) in &ind.field_ranges {
        if let (Some(lo), Some(hi)) = (range.min, range.max) {
            if lo > hi || lo.is_nan() || hi.is_nan() {
                return Err((format!("指标 {id} 字段 {field} 的有效范围无效：最小值 {lo} 大于最大值 {hi}"), format!("indicator {id}: the range of {field} is invalid: min {lo} exceeds max {hi}")));
            }
        }
    }
    Ok(())
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

    /// The plan's text as published, with the extraction's line breaks undone: each line's
    /// leading indentation and its line break dropped ("信\n 息披露" is "信息披露").
    fn plan_text() -> String {
        include_str!("../../tests/fixtures/qujing-plan-2023-49.txt").lines().map(str::trim_start).collect()
    }

    /// The English page shows these texts of the catalogue: a missing one would put Chinese
    /// (or nothing) on it, so each must be there and free of Chinese.
    #[test]
    fn every_text_of_the_builtin_catalogue_has_its_english() {
        let cat = Catalog::from_json(QUJING_2023).unwrap();
        let mut missing = Vec::new();
        let mut check = |what: String, en: Option<&str>| {
            let ok = en.is_some_and(|t| !t.trim().is_empty() && !t.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)));
            if !ok {
                missing.push(format!("{what}: {en:?}"));
            }
        };
        check("plan name".into(), cat.plan.name_en.as_deref());
        check("plan document".into(), cat.plan.document_en.as_deref());
        check("scoring note".into(), cat.scoring.note_en.as_deref());
        for t in &cat.topics {
            check(format!("topic {}", t.id), Some(&t.name_en));
        }
        for c in &cat.counties {
            check(format!("county {}", c.zh), Some(&c.en));
        }
        for ind in &cat.indicators {
            let id = &ind.id;
            check(format!("{id} name"), Some(&ind.name_en));
            check(format!("{id} method note"), ind.method_note_en.as_deref());
            check(format!("{id} clause"), ind.clause_en.as_deref());
            check(format!("{id} clause reference"), ind.clause_ref_en.as_deref());
            if ind.unit_label_zh.as_deref().is_some_and(|l| !l.is_empty()) {
                check(format!("{id} unit"), ind.unit_label_en.as_deref());
            }
            for s in &ind.step_names {
                check(format!("{id} step {}", s.zh), Some(&s.en));
            }
            for m in &ind.measures {
                check(format!("{id} measure {}", m.id), Some(&m.name_en));
            }
            for (field, label) in &ind.field_labels {
                check(format!("{id} label of {field}"), Some(&label.en));
            }
        }
        assert!(missing.is_empty(), "English missing from data/catalog-qujing-2023.json:\n{}", missing.join("\n"));
        // Clause references as an English reader cites them.
        let refs: Vec<(&str, &str)> = ["1.1", "3.7", "10.5", "12.6"].iter().map(|id| cat.get(id).unwrap()).map(|i| (i.clause_ref.as_deref().unwrap(), i.clause_ref_en.as_deref().unwrap())).collect();
        assert_eq!(refs, [("二、（一）1", "Part II (1) 1"), ("二、（三）7", "Part II (3) 7"), ("二、（十）5", "Part II (10) 5"), ("二、（十二）6", "Part II (12) 6")]);
    }

    #[test]
    fn every_clause_is_quoted_from_the_plan_character_for_character() {
        let plan = plan_text();
        let cat = Catalog::from_json(QUJING_2023).unwrap();
        for ind in &cat.indicators {
            let clause = ind.clause.as_deref().unwrap();
            assert!(plan.contains(clause), "{}: clause not in the plan: {clause}", ind.id);
        }
        // The two the extraction had broken.
        assert!(cat.get("8.4").unwrap().clause.as_deref().unwrap().contains("信息披露"));
        assert!(cat.get("3.6").unwrap().clause.as_deref().unwrap().contains("低压非居民客户和实施投资界面延伸"));
    }

    #[test]
    fn every_indicator_states_its_method_and_scores_around_its_target() {
        let cat = Catalog::from_json(QUJING_2023).unwrap();
        assert_eq!((cat.scoring.method, cat.scoring.anchor_score), (ScoringMethod::TargetAnchored, 60.0));
        assert!(cat.scoring.note_zh.as_deref().is_some_and(|n| n.contains("60")) && cat.scoring.note_en.is_some());
        for ind in &cat.indicators {
            assert!(ind.method_note_zh.as_deref().is_some_and(|n| n.len() > 20), "{}", ind.id);
            assert!(ind.method_note_en.as_deref().is_some_and(|n| n.len() > 20), "{}", ind.id);
            assert!(ind.aggregation.is_some(), "{}: aggregation must be stated", ind.id);
            assert_eq!(ind.time_basis.is_some(), ind.is_timed(), "{}", ind.id);
            // Everything ranked has a target-anchored scale with a source for each end.
            if ind.ranked() {
                let s = ind.scale.as_ref().unwrap_or_else(|| panic!("{} is ranked but has no scale", ind.id));
                assert!(s.best_source_zh.is_some() && s.best_source.is_some() && s.worst_source_zh.is_some() && s.worst_source.is_some(), "{}", ind.id);
            }
        }
        let basis = |id: &str| cat.get(id).unwrap().time_basis();
        assert_eq!([basis("1.1"), basis("2.1"), basis("2.2"), basis("3.5"), basis("3.6"), basis("3.7"), basis("8.2")],
            [Some(TimeBasis::Span), Some(TimeBasis::Stages), Some(TimeBasis::Stages), Some(TimeBasis::Span), Some(TimeBasis::Stages), Some(TimeBasis::Stages), Some(TimeBasis::Span)]);
        let unranked: Vec<&str> = cat.indicators.iter().filter(|i| !i.ranked()).map(|i| i.id.as_str()).collect();
        assert_eq!(unranked, ["4.4", "6.1", "7.3", "8.4", "12.2", "12.3", "12.5", "12.6"]);
        let averages: Vec<&str> = cat.indicators.iter().filter(|i| !i.per_case()).map(|i| i.id.as_str()).collect();
        assert_eq!(averages, ["4.4", "6.1", "7.3", "8.2", "10.1", "10.2", "12.2", "12.3", "12.5", "12.6"]);
        // 1.1: 0 working days (ideal) to 0.8 (2 × 0.4 − 0); 5.3: 100 % to 80 %.
        let scale = |id: &str| cat.get(id).unwrap().scale.as_ref().map(|s| (s.best, s.worst)).unwrap();
        assert_eq!([scale("1.1"), scale("5.3"), scale("8.2"), scale("10.5"), scale("7.1")], [(0.0, 0.8), (100.0, 80.0), (0.0, 222.0), (92.9, 0.0), (100.0, 0.0)]);
        let shares = cat.get("5.3").unwrap();
        assert_eq!(shares.measure("户数").map(|m| m.id.as_str()), Some("households"));
        assert_eq!(shares.measure("amount").map(|m| m.id.as_str()), Some("amount"));
        assert_eq!(cat.get("8.2").unwrap().case_limit.as_ref().map(|l| l.value), Some(183.0));
    }

    #[test]
    fn counties_and_classes_are_the_plans() {
        let cat = Catalog::from_json(QUJING_2023).unwrap();
        let zh: Vec<&str> = cat.counties.iter().map(|c| c.zh.as_str()).collect();
        assert_eq!(zh, ["麒麟区", "沾益区", "马龙区", "宣威市", "陆良县", "师宗县", "罗平县", "富源县", "会泽县", "曲靖经开区"]);
        assert!(cat.counties.iter().all(|c| !c.en.is_empty()));
        let classes: Vec<(&str, Option<&str>)> =
            cat.classes.customer_class.iter().map(|c| (c.code.as_str(), cat.sibling(ClassKind::CustomerClass, &c.code).map(|i| i.id.as_str()))).collect();
        assert_eq!(classes, [("residential", Some("3.4")), ("low_voltage_non_residential", Some("3.5")), ("high_voltage_single", Some("3.6")), ("high_voltage_dual", Some("3.7"))]);
        assert_eq!(cat.classes.normalize(ClassKind::ProjectType, "政府投资").unwrap(), "government_investment");
        assert_eq!(cat.get("3.5").unwrap().field_labels["end"].zh, "装表接电时间");
        // A catalogue whose indicator names a class it does not list is refused.
        let mut broken = cat.clone();
        broken.classes.customer_class.clear();
        assert!(Catalog::from_json(&serde_json::to_string(&broken).unwrap()).unwrap_err().message_en().contains("classes"));
    }

    #[test]
    fn scales_on_the_wrong_side_of_the_target_are_rejected() {
        let mut cat = Catalog::builtin().unwrap().clone();
        let ind = cat.indicators.iter_mut().find(|i| i.id == "8.2").unwrap();
        // Doing Business's best for enforcing contracts (120 days) is worse than the plan's 111.
        ind.scale = Some(Frontier { best: 120.0, worst: 1340.0, ..Frontier::default() });
        let e = Catalog::from_json(&serde_json::to_string(&cat).unwrap()).unwrap_err();
        assert!(e.message_zh().contains("最好值 120 应优于目标 111"), "{e}");
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
        let mut cat = Catalog::builtin().unwrap().clone();
        let mut other = Catalog::builtin().unwrap().clone();
        other.indicators.truncate(1);
        other.indicators[0].target = Some(0.3);
        other.indicators.push(Indicator { id: "13.1".into(), ..other.indicators[0].clone() });
        cat.extend(other);
        assert_eq!(cat.indicators.len(), 43);
        assert_eq!(cat.get("1.1").unwrap().target, Some(0.3));
    }
}
