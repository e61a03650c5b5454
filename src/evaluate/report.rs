//! What an evaluation reports, as typed values: the cases (`CaseResult`), the indicator's
//! summary and county rows (`Report`), the dashboard (`Dashboard`) and the ranking
//! (`CountyRank`). Exports and charts take these; the JS API serializes them, and the legacy
//! functions that take a report back as JSON deserialize it into them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::plan::catalog::{Aggregation, Direction, Frontier, Method, ScoringMethod, TimeBasis, Unit};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Closed,
    Open,
    Invalid,
}

/// Alert level of an open case: `warning` once 80 % of the limit is used, `overdue` past it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    Ok,
    Warning,
    Overdue,
}

/// One step (a parallel procedure, or a stage) of a case.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
    /// Late: over the target (per-case targets) or over the statutory limit (averages), closed
    /// or open.
    pub fn is_late(&self) -> bool {
        self.met == Some(false) || self.within_limit == Some(false)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PeriodValue {
    pub period: String,
    pub value: f64,
}

/// One share of an indicator of several shares (5.3: households, amount), pooled on its own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SeriesTrend {
    /// The series as given (进口, 出口), if any.
    pub series: Option<String>,
    /// The county, if given; county and series together name the series.
    pub county: Option<String>,
    pub latest: PeriodValue,
    pub previous: Option<PeriodValue>,
    /// Whether the latest period is lower than the one before; `None` with one period only.
    pub fell: Option<bool>,
    /// Every period of the series, oldest first (the trend chart draws it as a line).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<PeriodValue>,
}

/// What is compared with the target, and the distribution of case values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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

/// One row of the dashboard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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


#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TopicSummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub indicators: usize,
    pub met: usize,
    pub not_met: usize,
    pub no_data: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Totals {
    pub indicators: usize,
    pub with_data: usize,
    pub met: usize,
    pub not_met: usize,
    pub no_data: usize,
}

/// A county's place in the ranking.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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

