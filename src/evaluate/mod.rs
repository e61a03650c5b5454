//! Case evaluation: every indicator of a catalogue measured the way the plan defines it — over
//! its time basis (the span, or the government's own stages), aggregated as its wording says
//! (a mean, pooled rates, two shares that must both meet, every county court, a stock at a date,
//! a flow, like-with-like trends) — compared with its target, split by county and scored.
//!
//! The pieces: `case` computes one case's value from its fields, `time` measures working and
//! calendar time (span or stages, deadlines, exact alerts), `aggregate` turns case values into
//! the indicator's value and verdict, `score` scores counties and ranks them.

pub mod stats;
mod summary;
mod case;
mod ranking;
mod time;

use std::collections::BTreeMap;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use crate::api::{instant, Lang, WorkOptions};
use crate::plan::cases::{normalize_class, Case, CUSTOMER_CLASSES, PROJECT_TYPES};
use crate::plan::catalog::{Aggregation, Catalog, Direction, Frontier, Indicator, Method, ScoringMethod, TimeBasis, Unit};
use crate::error::{Error, ErrorKind, Result};
use crate::time::parse::{Field, TimeInput};
use crate::time::clock::WorkingClock;

pub use case::doing_business_recovery;
pub use ranking::{distance_to_frontier, target_anchored_score};

/// How the creditor recovery rate (10.5) is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryMethod {
    /// `recovered / claims`, pooled: the actual recovery (实际清偿率).
    #[default]
    Pooled,
    /// World Bank Doing Business present value per case (see [`doing_business_recovery`]);
    /// the indicator's value is the mean of the cases.
    DoingBusiness,
}

/// Where the best and worst of a `doing_business` score come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrontierMode {
    /// Doing Business 2020's best and worst where the indicator has a counterpart, else the
    /// catalogue's scale.
    #[default]
    Default,
    /// The best and worst county.
    Counties,
}

/// Options of `evaluate`: the engine's options plus the evaluation instant and scoring choices.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EvaluateOptions {
    #[serde(flatten)]
    pub work: WorkOptions,
    /// The instant open cases are evaluated at (time so far, remaining, alert).
    pub as_of: Option<TimeInput>,
    pub recovery_method: RecoveryMethod,
    /// County scores: the catalogue's method (target-anchored) when absent.
    pub scoring: Option<ScoringMethod>,
    pub frontier_mode: FrontierMode,
    /// Per indicator id, a best and worst that replace the catalogue's for scores.
    pub frontiers: BTreeMap<String, Frontier>,
    /// Per indicator id, a per-case statutory limit (审限) in the indicator's unit, for the
    /// indicators whose target is on an average: it drives their case alerts and late count.
    pub case_limits: BTreeMap<String, f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Closed,
    Open,
    Invalid,
}

/// Alert level of an open case: `warning` once 80 % of the limit is used, `overdue` past it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    Ok,
    Warning,
    Overdue,
}

/// One step (a parallel procedure, or a stage) of a case.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepResult {
    pub name: Option<String>,
    /// As typed, or as the instant it stands for (`YYYY-MM-DDTHH:MM`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Started and not finished (counted up to `asOf`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// Not started yet.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
    /// The step's own time in the indicator's unit, stops excluded.
    pub value: Option<f64>,
    pub working_minutes: Option<f64>,
    /// Where the step lies on the case's timeline (first start to last end, or `asOf`), as
    /// fractions 0–1 of calendar time, so that the time between steps shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    pub error: Option<String>,
}

/// One evaluated case. `value` is in the indicator's unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    pub name: Option<String>,
    pub county: Option<String>,
    pub status: Status,
    pub value: Option<f64>,
    /// Whether the case meets the target on its own; `None` where the target is on an average.
    pub met: Option<bool>,
    pub error: Option<String>,
    /// The case field the error is about (`start`, `end`, `cost`...), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_field: Option<String>,
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Time cases: `span` or `stages`, what the value measures for this case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<TimeBasis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_minutes: Option<f64>,
    /// Stage cases: the working time between the stages (the applicant's or the customer's),
    /// not counted, in the indicator's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_days: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepResult>,
    /// Open cases: time used so far, in the indicator's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed: Option<f64>,
    /// Open cases: time left before the limit, in the indicator's unit (negative when overdue).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<f64>,
    /// Open stage cases between two stages: no stage is running, so neither is the clock.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
    /// The instant the limit is reached (`YYYY-MM-DDTHH:MM`), for time indicators with a per-case limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<Alert>,
    /// Targets on an average: the case's distance from the target (`value − target`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Targets on an average with a statutory limit set: whether the case kept to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_limit: Option<bool>,
    /// Pooled methods: this case's share of the numerator and denominator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Shares: which measure the record counts (`households`, `amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// Trends: the series the value belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
}

impl CaseResult {
    fn blank(id: String) -> CaseResult {
        CaseResult {
            id,
            row: None,
            name: None,
            county: None,
            status: Status::Closed,
            value: None,
            met: None,
            error: None,
            error_field: None,
            warnings: Vec::new(),
            start: None,
            end: None,
            measured_by: None,
            working_minutes: None,
            stopped_minutes: None,
            between: None,
            calendar_days: None,
            steps: Vec::new(),
            elapsed: None,
            remaining: None,
            paused: false,
            deadline: None,
            alert: None,
            gap: None,
            within_limit: None,
            numerator: None,
            denominator: None,
            period: None,
            measure: None,
            series: None,
        }
    }

    /// Valid and closed: its value counts in the aggregate.
    fn counts(&self) -> bool {
        self.status == Status::Closed && self.error.is_none()
    }

    /// Late: over the target (per-case targets) or over the statutory limit (averages), closed
    /// or open.
    fn is_late(&self) -> bool {
        self.met == Some(false) || self.within_limit == Some(false)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodValue {
    pub period: String,
    pub value: f64,
}

/// One share of an indicator of several shares (5.3: households, amount), pooled on its own.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareResult {
    pub measure: String,
    pub name_zh: String,
    pub name_en: String,
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub numerator: f64,
    pub denominator: f64,
    pub records: usize,
}

/// One series of a trend: its latest period against the one before.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriesTrend {
    /// The series as given (进口, 出口), if any.
    pub series: Option<String>,
    /// The county, if given; county and series together name the series.
    pub county: Option<String>,
    pub latest: PeriodValue,
    pub previous: Option<PeriodValue>,
    /// Whether the latest period is lower than the one before; `None` with one period only.
    pub fell: Option<bool>,
}

/// What is compared with the target, and the distribution of case values.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub count: usize,
    /// Cases without error (open ones included).
    pub valid: usize,
    pub invalid: usize,
    pub open: usize,
    /// Over the target (cases judged on their own) or over the statutory limit (targets on an
    /// average with a limit set), closed or open.
    pub late: usize,
    /// The indicator's value, aggregated as the catalogue says: a mean, a pooled rate, the lower
    /// share, the binding county's mean, a stock or a sum; for trends, the series' latest values.
    pub value: Option<f64>,
    pub met: Option<bool>,
    /// `value − target` (trends: `value − previous`).
    pub gap: Option<f64>,
    /// The mean, median, 90th percentile, min and max of the closed cases' values (city-wide).
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Share of closed valid cases that meet the target on their own (0–1); `None` where the
    /// target is on an average.
    pub met_share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// Trends: the mean value of each period over all series, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<PeriodValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
    /// Trends: each series, and whether it fell.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesTrend>,
    /// Several shares: each one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<ShareResult>,
    /// Every county must meet: the county whose mean binds (the worst), and those that miss.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binding_county: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failing_counties: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counties_judged: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountyResult {
    pub county: String,
    pub count: usize,
    pub valid: usize,
    pub late: usize,
    pub value: Option<f64>,
    /// `None` for counts, whose target is for the whole city.
    pub met: Option<bool>,
    pub met_share: Option<f64>,
    /// 0–100, by the scoring method of the report.
    pub score: Option<f64>,
    /// Stocks: the date of the county's latest count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Several shares: the county's shares.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<ShareResult>,
}

/// What `evaluate` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub indicator_id: String,
    pub name_zh: String,
    pub name_en: String,
    pub target: Option<f64>,
    pub unit: Unit,
    pub unit_label_zh: Option<String>,
    pub unit_label_en: Option<String>,
    pub direction: Direction,
    pub method: Method,
    /// Time methods: what a case's value measures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_basis: Option<TimeBasis>,
    pub aggregation: Aggregation,
    /// Whether cases are judged against the target one by one.
    pub per_case: bool,
    /// The statutory per-case limit in force (targets on an average), if one was set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_limit: Option<f64>,
    pub cases: Vec<CaseResult>,
    pub summary: Summary,
    pub by_county: Vec<CountyResult>,
    /// How the county scores were computed.
    pub scoring: ScoringMethod,
    /// The best and worst the county scores were computed against, with their sources.
    pub frontier: Option<Frontier>,
    pub warnings: Vec<String>,
}

/// A catalogue and everything computed against it.
#[derive(Clone, Debug)]
pub struct Calculator {
    pub catalog: Catalog,
}

impl Default for Calculator {
    fn default() -> Self {
        Calculator { catalog: Catalog::builtin() }
    }
}

/// Per-call context: the clock and the evaluation instant, parsed once.
struct Context {
    clock: WorkingClock,
    as_of: Option<DateTime>,
    lang: Lang,
    recovery: RecoveryMethod,
    /// The limit each case is held to, in the indicator's unit: the target where it binds each
    /// case, the statutory limit set for an average, else none.
    limit: Option<f64>,
    per_case: bool,
}

/// The group of cases that name no county.
pub(crate) const NO_COUNTY_ZH: &str = "（未填写县区）";

impl Calculator {
    pub fn new(catalog: Catalog) -> Calculator {
        Calculator { catalog }
    }

    /// Evaluates `cases` (JSON objects, one per case) against indicator `id`.
    ///
    /// ```
    /// use bizenv::evaluate::{Calculator, EvaluateOptions};
    /// let cases = serde_json::json!([
    ///     {"id": "A", "county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48"},
    ///     {"id": "B", "county": "宣威市", "start": "2023-07-14 09:00", "end": "2023-07-14 15:00"},
    /// ]);
    /// let report = Calculator::default().evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
    /// assert_eq!(report.cases[0].value, Some(0.4)); // 2 h 48 min of a 7-hour day
    /// assert_eq!(report.cases[0].met, Some(true));
    /// assert_eq!(report.cases[1].met, Some(false));
    /// assert_eq!(report.summary.met_share, Some(0.5));
    /// ```
    pub fn evaluate(&self, id: &str, cases: &[serde_json::Value], options: &EvaluateOptions) -> Result<Report> {
        let ind = self.catalog.require(id)?;
        let case_limit = match options.case_limits.get(id) {
            Some(&x) if x.is_finite() && x > 0.0 => Some(x),
            Some(&x) => {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!("指标 {id} 的个案时限 {x} 无效：应为大于 0 的数"),
                    format!("the case limit of indicator {id} ({x}) is invalid: expected a number greater than 0"),
                )
                .with_field("caseLimits"))
            }
            None => None,
        };
        let per_case = ind.per_case();
        let ctx = Context {
            clock: options.work.clock()?,
            as_of: options.as_of.as_ref().map(|t| instant(Field { zh: "评估时点", en: "asOf", key: "asOf" }, t)).transpose()?,
            lang: options.work.lang,
            recovery: options.recovery_method,
            limit: if per_case { ind.target.filter(|t| *t > 0.0) } else { case_limit.filter(|_| ind.is_timed()) },
            per_case,
        };
        let results: Vec<CaseResult> = cases.iter().enumerate().map(|(i, raw)| self.evaluate_case(ind, i, raw, &ctx)).collect();
        let mut warnings = Vec::new();
        let summary = summary::summarize(ind, &results, ctx.recovery, ctx.lang, &mut warnings);
        let scoring = options.scoring.unwrap_or(self.catalog.scoring.method);
        let by_county = summary::by_county(ind, &results, ctx.recovery, ctx.lang);
        let (by_county, frontier) = ranking::score_counties(ind, by_county, scoring, options, self.catalog.scoring.anchor_score);
        if results.iter().any(|r| r.status == Status::Open) && ctx.as_of.is_none() {
            warnings.push(ctx.lang.pick("有未办结案件，但未指定评估时点（asOf），无法计算已用时间和预警", "some cases are open but no asOf was given: time used and alerts cannot be computed"));
        }
        Ok(Report {
            indicator_id: ind.id.clone(),
            name_zh: ind.name_zh.clone(),
            name_en: ind.name_en.clone(),
            target: ind.target,
            unit: ind.unit,
            unit_label_zh: ind.unit_label_zh.clone(),
            unit_label_en: ind.unit_label_en.clone(),
            direction: ind.direction,
            method: ind.method,
            time_basis: ind.time_basis(),
            aggregation: summary::aggregation_in_force(ind, ctx.recovery),
            per_case,
            case_limit: if per_case { None } else { ctx.limit },
            cases: results,
            summary,
            by_county,
            scoring,
            frontier,
            warnings,
        })
    }

    fn evaluate_case(&self, ind: &Indicator, index: usize, raw: &serde_json::Value, ctx: &Context) -> CaseResult {
        let mut result = CaseResult::blank(format!("#{}", index + 1));
        let case: Case = match serde_json::from_value(raw.clone()) {
            Ok(c) => c,
            Err(e) => {
                result.error = Some(ctx.lang.pick(&format!("第 {} 条记录有字段类型不对（日期应为文本或 Excel 序号，金额和数量应为数字）：{e}", index + 1), &format!("record {} has a field of the wrong type (dates must be text or Excel serials, amounts and counts numbers): {e}", index + 1)));
                result.row = raw.get("row").and_then(serde_json::Value::as_u64).and_then(|r| u32::try_from(r).ok());
                result.status = Status::Invalid;
                return result;
            }
        };
        if let Some(id) = case.id.as_ref().filter(|s| !s.trim().is_empty()) {
            result.id = id.clone();
        }
        result.row = case.row;
        result.name = case.name.clone();
        result.county = case.county.as_ref().map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
        if let Err(e) = self.check_class(ind, &case).and_then(|()| case::compute(ind, &case, ctx, &mut result)) {
            result.status = Status::Invalid;
            result.value = None;
            result.met = None;
            result.alert = None;
            result.within_limit = None;
            result.error = Some(ctx.lang.error(&e));
            result.error_field = e.field().map(str::to_string);
        }
        result
    }

    /// A case of another customer class or project type belongs to the sibling indicator.
    fn check_class(&self, ind: &Indicator, case: &Case) -> Result<()> {
        let checks = [
            (ind.customer_class.as_deref(), case.customer_class.as_deref(), &CUSTOMER_CLASSES[..], "客户类别", "customerClass"),
            (ind.project_type.as_deref(), case.project_type.as_deref(), &PROJECT_TYPES[..], "项目类型", "projectType"),
        ];
        for (wanted, given, classes, zh, en) in checks {
            let (Some(wanted), Some(given)) = (wanted, given.filter(|g| !g.trim().is_empty())) else { continue };
            let code = normalize_class(classes, given, zh, en).map_err(|e| e.with_field(en))?;
            if code != wanted {
                let sibling = self.catalog.indicators.iter().find(|i| i.customer_class.as_deref() == Some(code) || i.project_type.as_deref() == Some(code));
                let (sid, sname) = sibling.map_or(("?", ""), |s| (s.id.as_str(), s.name_zh.as_str()));
                return Err(Error::new(
                    ErrorKind::Case,
                    format!("{zh}为「{given}」，应计入指标 {sid}（{sname}），不计入 {}", ind.id),
                    format!("{en} is \"{given}\": this case belongs to indicator {sid}, not {}", ind.id),
                )
                .with_field(en));
            }
        }
        Ok(())
    }

    /// Every indicator's summary, for the dashboard. Each indicator's cases are judged exactly as
    /// `evaluate` judges them, so the dashboard and the indicator view always agree.
    pub fn evaluate_all(&self, dataset: &Dataset, options: &EvaluateOptions) -> Result<Dashboard> {
        let mut indicators = Vec::with_capacity(self.catalog.indicators.len());
        let mut reports = BTreeMap::new();
        for ind in &self.catalog.indicators {
            let cases = dataset.get(&ind.id).map(Vec::as_slice).unwrap_or(&[]);
            let report = self.evaluate(&ind.id, cases, options)?;
            indicators.push(IndicatorSummary::of(ind, &report));
            reports.insert(ind.id.clone(), report);
        }
        let unknown: Vec<String> = dataset.keys().filter(|k| self.catalog.get(k).is_none()).cloned().collect();
        let mut warnings = Vec::new();
        if !unknown.is_empty() {
            warnings.push(options.work.lang.pick(
                &format!("数据中的指标编号 {} 不在指标目录中，已忽略", unknown.join("、")),
                &format!("indicator ids {} are not in the catalogue and were ignored", unknown.join(", ")),
            ));
        }
        let topics = self
            .catalog
            .topics
            .iter()
            .map(|t| {
                let of_topic: Vec<&IndicatorSummary> = indicators.iter().filter(|i| i.topic == t.id).collect();
                TopicSummary {
                    id: t.id.clone(),
                    name_zh: t.name_zh.clone(),
                    name_en: t.name_en.clone(),
                    indicators: of_topic.len(),
                    met: of_topic.iter().filter(|i| i.met == Some(true)).count(),
                    not_met: of_topic.iter().filter(|i| i.met == Some(false)).count(),
                    no_data: of_topic.iter().filter(|i| i.met.is_none()).count(),
                }
            })
            .collect();
        let totals = Totals {
            indicators: indicators.len(),
            with_data: indicators.iter().filter(|i| i.value.is_some()).count(),
            met: indicators.iter().filter(|i| i.met == Some(true)).count(),
            not_met: indicators.iter().filter(|i| i.met == Some(false)).count(),
            no_data: indicators.iter().filter(|i| i.met.is_none()).count(),
        };
        let ranked: Vec<&Report> = self.catalog.indicators.iter().filter(|i| i.ranked()).filter_map(|i| reports.get(&i.id)).collect();
        let ranking = ranking::rank(&ranked);
        let scoring = options.scoring.unwrap_or(self.catalog.scoring.method);
        let ranked_indicators = ranking.first().map_or(0, |r| r.ranked_indicators);
        Ok(Dashboard { plan_name_zh: self.catalog.plan.name_zh.clone(), indicators, topics, totals, ranking, scoring, ranked_indicators, warnings })
    }

    /// Counties ranked by their scores over the ranked indicators (see `evaluate_all`).
    pub fn rank_counties(&self, dataset: &Dataset, options: &EvaluateOptions) -> Result<Vec<CountyRank>> {
        Ok(self.evaluate_all(dataset, options)?.ranking)
    }

    /// Sorts cases entered or imported for indicator `id` by customer class or project type: a
    /// case of another class goes to its class's indicator (3.4–3.7, 2.1/2.2), the rest stay.
    ///
    /// ```
    /// use bizenv::evaluate::Calculator;
    /// let cases = serde_json::json!([{"customerClass": "高压单电源"}, {"customerClass": "居民"}, {}]);
    /// let routed = Calculator::default().route_cases("3.4", cases.as_array().unwrap());
    /// assert_eq!((routed["3.4"].len(), routed["3.6"].len()), (2, 1));
    /// ```
    pub fn route_cases(&self, id: &str, cases: &[serde_json::Value]) -> Dataset {
        let mut routed = Dataset::new();
        for case in cases {
            let target = self.sibling_for(id, case).unwrap_or_else(|| id.to_string());
            routed.entry(target).or_default().push(case.clone());
        }
        routed
    }

    fn sibling_for(&self, id: &str, case: &serde_json::Value) -> Option<String> {
        let ind = self.catalog.get(id)?;
        type ClassOf = fn(&Indicator) -> Option<&str>;
        let (field, classes, key): (&str, &[_], ClassOf) = if ind.customer_class.is_some() {
            ("customerClass", &CUSTOMER_CLASSES, |i| i.customer_class.as_deref())
        } else if ind.project_type.is_some() {
            ("projectType", &PROJECT_TYPES, |i| i.project_type.as_deref())
        } else {
            return None;
        };
        let code = normalize_class(classes, case.get(field)?.as_str()?, "", "").ok()?;
        self.catalog.indicators.iter().find(|i| key(i) == Some(code)).map(|i| i.id.clone())
    }
}

/// Cases grouped by indicator id.
pub type Dataset = BTreeMap<String, Vec<serde_json::Value>>;

/// One row of the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorSummary {
    pub id: String,
    pub topic: String,
    pub name_zh: String,
    pub name_en: String,
    pub unit: Unit,
    pub unit_label_zh: Option<String>,
    pub unit_label_en: Option<String>,
    pub direction: Direction,
    pub method: Method,
    pub aggregation: Aggregation,
    pub per_case: bool,
    pub target: Option<f64>,
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub gap: Option<f64>,
    pub count: usize,
    pub valid: usize,
    pub invalid: usize,
    pub open: usize,
    pub late: usize,
    pub met_share: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<ShareResult>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesTrend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binding_county: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failing_counties: Vec<String>,
}

impl IndicatorSummary {
    fn of(ind: &Indicator, r: &Report) -> IndicatorSummary {
        let s = &r.summary;
        IndicatorSummary {
            id: ind.id.clone(),
            topic: ind.topic.clone(),
            name_zh: ind.name_zh.clone(),
            name_en: ind.name_en.clone(),
            unit: ind.unit,
            unit_label_zh: ind.unit_label_zh.clone(),
            unit_label_en: ind.unit_label_en.clone(),
            direction: ind.direction,
            method: ind.method,
            aggregation: r.aggregation,
            per_case: r.per_case,
            target: ind.target,
            value: s.value,
            met: s.met,
            gap: s.gap,
            count: s.count,
            valid: s.valid,
            invalid: s.invalid,
            open: s.open,
            late: s.late,
            met_share: s.met_share,
            shares: s.shares.clone(),
            series: s.series.clone(),
            binding_county: s.binding_county.clone(),
            failing_counties: s.failing_counties.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicSummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub indicators: usize,
    pub met: usize,
    pub not_met: usize,
    pub no_data: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub indicators: usize,
    pub with_data: usize,
    pub met: usize,
    pub not_met: usize,
    pub no_data: usize,
}

/// A county's place in the ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountyRank {
    pub rank: usize,
    pub county: String,
    /// The county's scores summed over every ranked indicator with data in the city, divided by
    /// their number: an indicator the county has no data for counts 0. 0–100.
    pub score: f64,
    /// How many of the ranked indicators the county has a score for.
    pub indicators: usize,
    /// How many ranked indicators have data in the city (the divisor of `score`).
    pub ranked_indicators: usize,
    /// The mean over the county's own scored indicators (a secondary figure).
    pub own_mean: f64,
    /// The county's score per ranked indicator.
    pub scores: BTreeMap<String, f64>,
}

/// What `evaluateAll` returns: the whole plan at a glance.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub plan_name_zh: String,
    pub indicators: Vec<IndicatorSummary>,
    pub topics: Vec<TopicSummary>,
    pub totals: Totals,
    pub ranking: Vec<CountyRank>,
    /// How the ranking's scores were computed.
    pub scoring: ScoringMethod,
    /// How many indicators the ranking is over.
    pub ranked_indicators: usize,
    pub warnings: Vec<String>,
}

/// Reads a dataset in either shape the API accepts: `{ "1.1": [cases], ... }`, or the project's
/// `{ "indicators": { "1.1": [cases] }, "asOf": ... }`; returns the dataset and its `asOf`, if any.
pub fn parse_dataset(value: serde_json::Value) -> Result<(Dataset, Option<TimeInput>)> {
    let bad = |what: &str| {
        Error::new(
            ErrorKind::Case,
            format!("数据集格式不对：{what}；应为 {{\"1.1\": [案件…], …}} 或 {{\"indicators\": {{…}}}}"),
            format!("malformed dataset: {what}; expected {{\"1.1\": [cases…], …}} or {{\"indicators\": {{…}}}}"),
        )
    };
    let serde_json::Value::Object(mut map) = value else { return Err(bad("不是对象 / not an object")) };
    let as_of = map.get("asOf").cloned().and_then(|v| serde_json::from_value(v).ok());
    let groups = match map.remove("indicators") {
        Some(serde_json::Value::Object(inner)) => inner,
        Some(_) => return Err(bad("indicators 不是对象 / indicators is not an object")),
        None => map,
    };
    let mut dataset = Dataset::new();
    for (id, cases) in groups {
        match cases {
            serde_json::Value::Array(list) => {
                dataset.insert(id, list);
            }
            _ if id == "asOf" || id.starts_with("label") => {}
            _ => return Err(bad(&format!("「{id}」的值不是案件数组 / \"{id}\" is not an array of cases"))),
        }
    }
    Ok((dataset, as_of))
}
