//! Case evaluation: every indicator of a catalogue computed from case data, compared with its
//! target, summarised, split by county and scored.

use std::collections::BTreeMap;

use jiff::civil::DateTime;
use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use crate::api::{instant, parse_stops, Lang, WorkOptions};
use crate::cases::{normalize_class, Case, Num, CUSTOMER_CLASSES, PROJECT_TYPES, QUJING_COUNTIES};
use crate::catalog::{Catalog, Direction, Frontier, Indicator, Method, Unit};
use crate::error::{Error, ErrorKind, Result};
use crate::parse::{Field, TimeInput};
use crate::stats::describe;
use crate::worktime::{self, merge_stops, Stop, WorkingClock};

/// How the creditor recovery rate (10.5) is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryMethod {
    /// `recovered / claims`, pooled.
    #[default]
    Pooled,
    /// World Bank Doing Business present value: outcome (100 going concern, 70 piecemeal), less
    /// one cent per percent of cost, furniture (a quarter of assets) depreciating 20 % a year,
    /// discounted at the lending rate over the time in years.
    DoingBusiness,
}

/// Where the best and worst of a distance-to-frontier score come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrontierMode {
    /// Doing Business 2020 best/worst where the indicator has a counterpart, else the counties'.
    #[default]
    Default,
    /// Always the best and worst county.
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
    pub frontier_mode: FrontierMode,
    /// Per indicator id, a frontier that replaces the default one.
    pub frontiers: BTreeMap<String, Frontier>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Closed,
    Open,
    Invalid,
}

/// Alert level of an open case: `warning` once 80 % of the limit is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    Ok,
    Warning,
    Overdue,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepResult {
    pub name: Option<String>,
    pub value: Option<f64>,
    pub working_minutes: Option<f64>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_days: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepResult>,
    /// Open cases: time used so far, in the indicator's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed: Option<f64>,
    /// Open cases: time left before the target, in the indicator's unit (negative when overdue).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<f64>,
    /// The instant the target is reached (`YYYY-MM-DDTHH:MM`), for time indicators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<Alert>,
    /// Pooled methods: this case's share of the numerator and denominator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodValue {
    pub period: String,
    pub value: f64,
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
    /// Closed cases over target plus open cases already overdue.
    pub late: usize,
    /// Mean (time, days, cost ratio, index), pooled (rates, growth, recovery) or sum (counts);
    /// for trends, the latest period's value.
    pub value: Option<f64>,
    pub met: Option<bool>,
    /// `value − target`.
    pub gap: Option<f64>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Share of closed valid cases that meet the target on their own (0–1).
    pub met_share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// Trends: the value of each period, oldest first, and the one before the latest.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<PeriodValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<f64>,
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
    /// Distance to frontier, 0–100.
    pub score: Option<f64>,
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
    pub cases: Vec<CaseResult>,
    pub summary: Summary,
    pub by_county: Vec<CountyResult>,
    /// The frontier the county scores were computed against.
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
}

const NO_COUNTY_ZH: &str = "（未填写县区）";

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
        let ctx = Context {
            clock: options.work.clock()?,
            as_of: options.as_of.as_ref().map(|t| instant(Field { zh: "评估时点", en: "asOf", key: "asOf" }, t)).transpose()?,
            lang: options.work.lang,
            recovery: options.recovery_method,
        };
        let results: Vec<CaseResult> = cases.iter().enumerate().map(|(i, raw)| self.evaluate_case(ind, i, raw, &ctx)).collect();
        let summary = summarize(ind, &results, ctx.recovery);
        let frontier = options.frontiers.get(id).cloned().or_else(|| match options.frontier_mode {
            FrontierMode::Default => ind.frontier.clone(),
            FrontierMode::Counties => None,
        });
        let (by_county, frontier) = by_county(ind, &results, frontier, ctx.recovery);
        let mut warnings = Vec::new();
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
            cases: results,
            summary,
            by_county,
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
        if let Err(e) = self.check_class(ind, &case).and_then(|()| compute(ind, &case, ctx, &mut result)) {
            result.status = Status::Invalid;
            result.value = None;
            result.met = None;
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
        let routed = dataset;
        let mut indicators = Vec::with_capacity(self.catalog.indicators.len());
        let mut reports = BTreeMap::new();
        for ind in &self.catalog.indicators {
            let cases = routed.get(&ind.id).map(Vec::as_slice).unwrap_or(&[]);
            let report = self.evaluate(&ind.id, cases, options)?;
            indicators.push(IndicatorSummary::of(ind, &report.summary));
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
        let ranking = rank(&reports);
        Ok(Dashboard { plan_name_zh: self.catalog.plan.name_zh.clone(), indicators, topics, totals, ranking, warnings })
    }

    /// Counties ranked by the mean of their distance-to-frontier scores over all indicators.
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
}

impl IndicatorSummary {
    fn of(ind: &Indicator, s: &Summary) -> IndicatorSummary {
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

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CountyRank {
    pub rank: usize,
    pub county: String,
    /// Mean score over the indicators the county has a score for, 0–100.
    pub score: f64,
    pub indicators: usize,
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
    pub warnings: Vec<String>,
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
            working_minutes: None,
            stopped_minutes: None,
            calendar_days: None,
            steps: Vec::new(),
            elapsed: None,
            remaining: None,
            deadline: None,
            alert: None,
            numerator: None,
            denominator: None,
            period: None,
        }
    }
}

fn missing(zh: &str, en: &str) -> Error {
    keyed(Error::new(ErrorKind::Case, format!("缺少{zh}"), format!("{en} is missing")), en)
}

fn keyed(err: Error, en: &str) -> Error {
    match field_key(en) {
        Some(k) if err.field().is_none() => err.with_field(k),
        _ => err,
    }
}

/// API names of case fields, for errors: the English label's first word, as the API spells it.
fn field_key(en: &str) -> Option<&'static str> {
    const KEYS: [&str; 17] = ["start", "end", "stops", "steps", "cost", "fees", "base", "numerator", "denominator", "current", "previous", "count", "period", "value", "recovered", "claims", "years"];
    let first = en.split([' ', '(']).next().unwrap_or("");
    KEYS.iter().copied().find(|k| *k == first).or(match first {
        "costPercent" => Some("costPercent"),
        "outcome" => Some("outcome"),
        "lendingRate" => Some("lendingRate"),
        "fee" => Some("fees"),
        _ => None,
    })
}

fn num(field: &Option<Num>, zh: &str, en: &str) -> Result<f64> {
    field.as_ref().ok_or_else(|| missing(zh, en))?.value(zh, en).map_err(|e| keyed(e, en))
}

fn opt_num(field: &Option<Num>, zh: &str, en: &str) -> Result<Option<f64>> {
    field.as_ref().map(|n| n.value(zh, en)).transpose().map_err(|e| keyed(e, en))
}

fn non_negative(x: f64, zh: &str, en: &str) -> Result<f64> {
    if x < 0.0 {
        Err(keyed(Error::new(ErrorKind::Case, format!("{zh}为 {x}，不能为负数"), format!("{en} is {x}: it must not be negative")), en))
    } else {
        Ok(x)
    }
}

fn positive(x: f64, zh: &str, en: &str) -> Result<f64> {
    if x <= 0.0 {
        Err(keyed(Error::new(ErrorKind::Case, format!("{zh}为 {x}，应大于 0"), format!("{en} is {x}: it must be greater than 0")), en))
    } else {
        Ok(x)
    }
}

fn iso(at: DateTime) -> String {
    format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute())
}

fn compute(ind: &Indicator, case: &Case, ctx: &Context, r: &mut CaseResult) -> Result<()> {
    let target = ind.target;
    match ind.method {
        Method::ElapsedWorking | Method::CalendarDays | Method::Years => compute_time(ind, case, ctx, r)?,
        Method::CostRatio => {
            let fees = case
                .fees
                .iter()
                .enumerate()
                .map(|(i, f)| non_negative(f.amount.value(&format!("费用第 {} 项", i + 1), &format!("fee {}", i + 1))?, &format!("费用第 {} 项", i + 1), &format!("fee {}", i + 1)))
                .collect::<Result<Vec<f64>>>()?;
            let cost = opt_num(&case.cost, "费用", "cost")?;
            let total = match (cost, fees.is_empty()) {
                (None, true) => return Err(missing("费用（cost 或 fees）", "cost (or fees)")),
                (Some(c), true) => c,
                (c, false) => {
                    let sum: f64 = fees.iter().sum();
                    if let Some(c) = c.filter(|c| (c - sum).abs() > 1e-6 * sum.abs().max(1.0)) {
                        r.warnings.push(ctx.lang.pick(&format!("费用 {c} 与费用明细合计 {sum} 不一致，按明细合计计算"), &format!("cost {c} differs from the sum of fees {sum}; the sum of fees is used")));
                    }
                    sum
                }
            };
            let total = non_negative(total, "费用", "cost")?;
            let base = positive(num(&case.base, "基数（总投资、索赔额或财产价值）", "base")?, "基数", "base")?;
            r.value = Some(100.0 * total / base);
            r.numerator = Some(total);
            r.denominator = Some(base);
        }
        Method::Rate => {
            let n = non_negative(num(&case.numerator, "分子", "numerator")?, "分子", "numerator")?;
            let d = positive(num(&case.denominator, "分母", "denominator")?, "分母", "denominator")?;
            if n > d {
                return Err(Error::new(ErrorKind::Case, format!("分子 {n} 大于分母 {d}：比率不能超过 100%"), format!("numerator {n} exceeds denominator {d}: a rate cannot exceed 100 %")).with_field("numerator"));
            }
            r.value = Some(100.0 * n / d);
            r.numerator = Some(n);
            r.denominator = Some(d);
        }
        Method::Growth => {
            let cur = non_negative(num(&case.current, "本期值", "current")?, "本期值", "current")?;
            let prev = positive(num(&case.previous, "上年同期值", "previous")?, "上年同期值", "previous")?;
            r.value = Some(100.0 * (cur - prev) / prev);
            r.numerator = Some(cur - prev);
            r.denominator = Some(prev);
        }
        Method::Count => {
            r.value = Some(non_negative(num(&case.count, "数量", "count")?, "数量", "count")?);
        }
        Method::Index => {
            r.value = Some(num(&case.value, "指数值", "value")?);
        }
        Method::Trend => {
            let period = case.period.as_deref().map(normalize_period).filter(|p| !p.is_empty()).ok_or_else(|| missing("期间（如 2023-07）", "period (e.g. 2023-07)"))?;
            r.value = Some(non_negative(num(&case.value, "数值", "value")?, "数值", "value")?);
            r.period = Some(period);
        }
        Method::RecoveryRate => compute_recovery(case, ctx, r)?,
    }
    // Trends and counts are judged in aggregate only.
    if !matches!(ind.method, Method::Trend | Method::Count) {
        if let (Some(v), Some(t), Status::Closed) = (r.value, target, r.status) {
            r.met = Some(ind.direction.meets(v, t));
        }
    }
    Ok(())
}

fn compute_recovery(case: &Case, ctx: &Context, r: &mut CaseResult) -> Result<()> {
    match ctx.recovery {
        RecoveryMethod::Pooled => {
            let rec = non_negative(num(&case.recovered, "回收金额", "recovered")?, "回收金额", "recovered")?;
            let claims = positive(num(&case.claims, "债权总额", "claims")?, "债权总额", "claims")?;
            if rec > claims {
                return Err(Error::new(ErrorKind::Case, format!("回收金额 {rec} 大于债权总额 {claims}"), format!("recovered {rec} exceeds claims {claims}")).with_field("recovered"));
            }
            r.value = Some(100.0 * rec / claims);
            r.numerator = Some(rec);
            r.denominator = Some(claims);
        }
        RecoveryMethod::DoingBusiness => {
            let years = match opt_num(&case.years, "收回债务时间（年）", "years")? {
                Some(y) => y,
                None => {
                    let (a, b) = (case.start.as_ref().ok_or_else(|| missing("收回债务时间（年数，或开始、结束日期）", "years (or start and end)"))?, case.end.as_ref().ok_or_else(|| missing("结束日期", "end"))?);
                    crate::api::calendar_days(a, b)? / 365.0
                }
            };
            let years = non_negative(years, "收回债务时间", "years")?;
            let cost = match opt_num(&case.cost_percent, "收回债务成本（%）", "costPercent")? {
                Some(c) => c,
                None => 100.0 * num(&case.cost, "收回债务成本（占财产价值的百分比，或费用与财产价值）", "costPercent (or cost and base)")? / positive(num(&case.base, "财产价值", "base")?, "财产价值", "base")?,
            };
            let cost = non_negative(cost, "收回债务成本", "costPercent")?;
            let outcome = match case.outcome.as_deref().map(str::trim) {
                Some("going_concern" | "持续经营" | "整体出售" | "重整") => 100.0,
                Some("piecemeal" | "分散出售" | "清算" | "资产分拆出售") => 70.0,
                Some(other) => {
                    return Err(Error::new(ErrorKind::Case, format!("处置方式「{other}」无法识别：应为 持续经营（going_concern）或 分散出售（piecemeal）"), format!("outcome \"{other}\" is not recognised: expected going_concern or piecemeal")))
                }
                None => return Err(missing("处置方式（持续经营或分散出售）", "outcome (going_concern or piecemeal)")),
            };
            let rate = non_negative(num(&case.lending_rate, "贷款利率（%）", "lendingRate")?, "贷款利率", "lendingRate")? / 100.0;
            r.value = Some(doing_business_recovery(outcome, cost, years, rate));
        }
    }
    Ok(())
}

/// Doing Business recovery rate in cents on the yuan.
///
/// ```
/// use bizenv::evaluate::doing_business_recovery;
/// // Going concern, no cost, no time: everything recovered.
/// assert_eq!(doing_business_recovery(100.0, 0.0, 0.0, 0.05), 100.0);
/// // Piecemeal, 10 % cost, one year at 5 %, furniture a quarter of assets losing 20 %:
/// let expected = (70.0 - 10.0) * (0.75 + 0.25 * 0.8) / 1.05;
/// assert!((doing_business_recovery(70.0, 10.0, 1.0, 0.05) - expected).abs() < 1e-9);
/// ```
pub fn doing_business_recovery(outcome: f64, cost_percent: f64, years: f64, lending_rate: f64) -> f64 {
    let proceeds = (outcome - cost_percent).max(0.0);
    let depreciated = proceeds * (0.75 + 0.25 * 0.8f64.powf(years));
    depreciated / (1.0 + lending_rate).powf(years)
}

fn compute_time(ind: &Indicator, case: &Case, ctx: &Context, r: &mut CaseResult) -> Result<()> {
    let stops = parse_stops(&case.stops).map_err(|e| e.context("停止计时", "stops"))?;
    // The case runs from its earliest start to its latest end, over its own dates and its steps.
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut open = false;
    if let Some(s) = &case.start {
        starts.push(timed(Field::START, s)?);
    }
    match &case.end {
        Some(e) => ends.push(timed(Field::END, e)?),
        None if case.steps.is_empty() => open = true,
        None => {}
    }
    for (i, step) in case.steps.iter().enumerate() {
        let label = step.name.clone().unwrap_or_else(|| format!("第 {} 个环节", i + 1));
        let in_step = |e: Error| e.context(&format!("环节「{label}」"), &format!("step \"{label}\""));
        let s = step.start.as_ref().ok_or_else(|| in_step(missing("开始时间", "start")))?;
        let (s, shown) = timed(Field::START, s).map_err(in_step)?;
        starts.push((s, shown));
        let mut step_result = StepResult { name: step.name.clone(), ..StepResult::default() };
        match &step.end {
            Some(e) => {
                let (e, shown) = timed(Field::END, e).map_err(in_step)?;
                ends.push((e, shown));
                let value = measure(ind, ctx, s, e, &stops).map_err(in_step)?;
                step_result.value = Some(value.value);
                step_result.working_minutes = value.working_minutes;
            }
            None if case.end.is_none() => open = true,
            None => {}
        }
        r.steps.push(step_result);
    }
    let (start, shown) = starts.into_iter().min_by_key(|(at, _)| *at).ok_or_else(|| missing("开始时间（受理或申请时间）", "start"))?;
    r.start = Some(shown);
    let limit = ind.target.filter(|t| *t > 0.0);
    if let Some(t) = limit {
        r.deadline = deadline(ind, ctx, start, t, &stops)?.map(iso);
    }
    if open {
        r.status = Status::Open;
        let Some(as_of) = ctx.as_of else { return Ok(()) };
        let so_far = measure(ind, ctx, start, as_of.max(start), &stops)?;
        r.elapsed = Some(so_far.value);
        r.working_minutes = so_far.working_minutes;
        if let Some(t) = limit {
            r.remaining = Some(t - so_far.value);
            let used = so_far.value / t;
            r.alert = Some(if !ind.direction.meets(so_far.value, t) {
                Alert::Overdue
            } else if used >= 0.8 {
                Alert::Warning
            } else {
                Alert::Ok
            });
            if r.alert == Some(Alert::Overdue) {
                r.met = Some(false);
            }
        }
        return Ok(());
    }
    let (end, shown) = ends.into_iter().max_by_key(|(at, _)| *at).ok_or_else(|| missing("结束时间（办结时间）", "end"))?;
    r.end = Some(shown);
    let m = measure(ind, ctx, start, end, &stops)?;
    r.value = Some(m.value);
    r.working_minutes = m.working_minutes;
    r.stopped_minutes = m.stopped_minutes;
    r.calendar_days = Some(worktime::calendar_days(start, end));
    r.warnings.extend(m.warnings.iter().map(|y| year_warning(*y, ctx.lang)));
    Ok(())
}

/// The instant a value stands for, and how to show it: a date-only value as the date typed.
fn timed(field: Field, input: &TimeInput) -> Result<(DateTime, String)> {
    let moment = crate::parse::parse_input(field, input)?;
    let at = instant(field, input)?;
    let shown = if moment.is_date_only() { moment.date.to_string() } else { iso(at) };
    Ok((at, shown))
}

fn year_warning(year: i16, lang: Lang) -> String {
    lang.pick(&format!("{year} 年没有官方节假日安排数据，已按周一至周五上班计算"), &format!("no official holiday data for {year}: computed as plain Mon–Fri"))
}

struct Measured {
    value: f64,
    working_minutes: Option<f64>,
    stopped_minutes: Option<f64>,
    warnings: Vec<i16>,
}

/// The value of `[start, end)` in the indicator's unit, stops excluded.
fn measure(ind: &Indicator, ctx: &Context, start: DateTime, end: DateTime, stops: &[Stop]) -> Result<Measured> {
    if ind.method == Method::ElapsedWorking {
        let e = ctx.clock.elapsed(start, end, stops)?;
        return Ok(Measured {
            value: e.working_seconds as f64 / ctx.clock.hours().day_seconds() as f64,
            working_minutes: Some(e.working_seconds as f64 / 60.0),
            stopped_minutes: Some(e.stopped_seconds as f64 / 60.0),
            warnings: e.uncovered_years,
        });
    }
    if end < start {
        return Err(Error::new(
            ErrorKind::EndBeforeStart,
            format!("结束时间 {} 早于开始时间 {}", worktime::show(end), worktime::show(start)),
            format!("end {} is before start {}", worktime::show(end), worktime::show(start)),
        )
        .with_field("end"));
    }
    let stopped: f64 = merge_stops(stops, start, end)?.iter().map(|s| worktime::calendar_days(s.start, s.end)).sum();
    let days = worktime::calendar_days(start, end) - stopped;
    let value = if ind.method == Method::Years { days / 365.0 } else { days };
    Ok(Measured { value, working_minutes: None, stopped_minutes: (stopped > 0.0).then_some(stopped * 1440.0), warnings: Vec::new() })
}

/// When the target is reached from `start`: working time on the clock, or calendar time, both
/// pushed back by stops.
fn deadline(ind: &Indicator, ctx: &Context, start: DateTime, target: f64, stops: &[Stop]) -> Result<Option<DateTime>> {
    match ind.method {
        Method::ElapsedWorking => {
            let secs = (target * ctx.clock.hours().day_seconds() as f64).round() as i64;
            Ok(Some(ctx.clock.deadline(start, secs, stops)?))
        }
        Method::CalendarDays | Method::Years => {
            let days = if ind.method == Method::Years { target * 365.0 } else { target };
            let mut due = start.checked_add(SignedDuration::from_secs((days * 86_400.0).round() as i64)).ok();
            for stop in merge_stops(stops, start, DateTime::MAX)? {
                match due {
                    Some(d) if stop.start < d => due = d.checked_add(stop.end.duration_since(stop.start)).ok(),
                    _ => break,
                }
            }
            Ok(due)
        }
        _ => Ok(None),
    }
}

/// `2023年7月`, `2023/7`, `2023.07` → `2023-07`; other text is kept as given (trimmed).
fn normalize_period(text: &str) -> String {
    let t = text.trim();
    let digits: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let looks_monthly = t.ends_with('月') || !t.chars().any(|c| c.is_alphabetic() && !matches!(c, '年' | '月'));
    match digits.as_slice() {
        [y, m] if y.len() == 4 && m.len() <= 2 && looks_monthly => match m.parse::<u8>() {
            Ok(month @ 1..=12) => format!("{y}-{month:02}"),
            _ => t.to_string(),
        },
        _ => t.to_string(),
    }
}

/// The indicator's value over a set of evaluated cases.
fn aggregate(ind: &Indicator, results: &[&CaseResult], recovery: RecoveryMethod) -> (Option<f64>, Vec<PeriodValue>) {
    let closed: Vec<&CaseResult> = results.iter().copied().filter(|r| r.status == Status::Closed && r.error.is_none()).collect();
    let values: Vec<f64> = closed.iter().filter_map(|r| r.value).collect();
    let pooled = |rs: &[&CaseResult]| {
        let n: f64 = rs.iter().filter_map(|r| r.numerator).sum();
        let d: f64 = rs.iter().filter_map(|r| r.denominator).sum();
        (d > 0.0).then(|| 100.0 * n / d)
    };
    match ind.method {
        Method::Rate | Method::Growth => (pooled(&closed), Vec::new()),
        Method::RecoveryRate if recovery == RecoveryMethod::Pooled => (pooled(&closed), Vec::new()),
        Method::Count => ((!values.is_empty()).then(|| values.iter().sum()), Vec::new()),
        Method::Trend => {
            let mut by_period: BTreeMap<String, (f64, usize)> = BTreeMap::new();
            for r in &closed {
                if let (Some(p), Some(v)) = (&r.period, r.value) {
                    let e = by_period.entry(p.clone()).or_insert((0.0, 0));
                    e.0 += v;
                    e.1 += 1;
                }
            }
            let periods: Vec<PeriodValue> = by_period.into_iter().map(|(period, (sum, n))| PeriodValue { period, value: sum / n as f64 }).collect();
            (periods.last().map(|p| p.value), periods)
        }
        _ => (describe(&values).mean, Vec::new()),
    }
}

fn judged(ind: &Indicator, value: Option<f64>, periods: &[PeriodValue]) -> (Option<bool>, Option<f64>) {
    match (ind.method, value) {
        (Method::Trend, Some(v)) => {
            let previous = periods.len().checked_sub(2).and_then(|i| periods.get(i)).map(|p| p.value);
            (previous.map(|p| Direction::Decrease.meets(v, p)), previous)
        }
        (_, Some(v)) => (ind.target.map(|t| ind.direction.meets(v, t)), None),
        _ => (None, None),
    }
}

fn summarize(ind: &Indicator, results: &[CaseResult], recovery: RecoveryMethod) -> Summary {
    let all: Vec<&CaseResult> = results.iter().collect();
    let (value, periods) = aggregate(ind, &all, recovery);
    let (met, previous) = judged(ind, value, &periods);
    let closed: Vec<&CaseResult> = results.iter().filter(|r| r.status == Status::Closed && r.error.is_none()).collect();
    let values: Vec<f64> = closed.iter().filter_map(|r| r.value).collect();
    let d = describe(&values);
    let judged_cases: Vec<bool> = closed.iter().filter_map(|r| r.met).collect();
    let pooled_method = matches!(ind.method, Method::Rate | Method::Growth) || (ind.method == Method::RecoveryRate && recovery == RecoveryMethod::Pooled);
    Summary {
        count: results.len(),
        valid: results.iter().filter(|r| r.error.is_none()).count(),
        invalid: results.iter().filter(|r| r.error.is_some()).count(),
        open: results.iter().filter(|r| r.status == Status::Open).count(),
        late: results.iter().filter(|r| r.met == Some(false)).count(),
        value,
        met,
        gap: match (value, ind.target, previous) {
            (Some(v), _, Some(p)) if ind.method == Method::Trend => Some(v - p),
            (Some(v), Some(t), _) => Some(v - t),
            _ => None,
        },
        mean: d.mean,
        median: d.median,
        p90: d.p90,
        min: d.min,
        max: d.max,
        met_share: (!judged_cases.is_empty()).then(|| judged_cases.iter().filter(|m| **m).count() as f64 / judged_cases.len() as f64),
        numerator: pooled_method.then(|| closed.iter().filter_map(|r| r.numerator).sum()),
        denominator: pooled_method.then(|| closed.iter().filter_map(|r| r.denominator).sum()),
        periods,
        previous,
    }
}

fn county_order(name: &str) -> (usize, String) {
    (QUJING_COUNTIES.iter().position(|c| *c == name).unwrap_or(QUJING_COUNTIES.len()), name.to_string())
}

fn by_county(ind: &Indicator, results: &[CaseResult], frontier: Option<Frontier>, recovery: RecoveryMethod) -> (Vec<CountyResult>, Option<Frontier>) {
    let mut groups: BTreeMap<(usize, String), Vec<&CaseResult>> = BTreeMap::new();
    for r in results {
        let name = r.county.clone().unwrap_or_else(|| NO_COUNTY_ZH.to_string());
        groups.entry(county_order(&name)).or_default().push(r);
    }
    let mut rows: Vec<CountyResult> = groups
        .into_iter()
        .map(|((_, county), rs)| {
            let (value, periods) = aggregate(ind, &rs, recovery);
            let (met, _) = judged(ind, value, &periods);
            let judged_cases: Vec<bool> = rs.iter().filter(|r| r.status == Status::Closed).filter_map(|r| r.met).collect();
            CountyResult {
                county,
                count: rs.len(),
                valid: rs.iter().filter(|r| r.error.is_none()).count(),
                late: rs.iter().filter(|r| r.met == Some(false)).count(),
                value,
                met: if ind.method == Method::Count { None } else { met },
                met_share: (!judged_cases.is_empty()).then(|| judged_cases.iter().filter(|m| **m).count() as f64 / judged_cases.len() as f64),
                score: None,
            }
        })
        .collect();
    // Scores: against the given frontier, else the best and worst county (the unnamed group aside).
    let scored: Vec<f64> = rows.iter().filter(|r| r.county != NO_COUNTY_ZH).filter_map(|r| r.value).collect();
    let frontier = frontier.or_else(|| {
        let lo = scored.iter().copied().reduce(f64::min)?;
        let hi = scored.iter().copied().reduce(f64::max)?;
        let (best, worst) = if ind.direction.lower_is_better() { (lo, hi) } else { (hi, lo) };
        Some(Frontier { best, worst, source: Some("best and worst county".to_string()), source_zh: Some("各县区最好值与最差值".to_string()), ..Frontier::default() })
    });
    if let Some(f) = &frontier {
        for row in rows.iter_mut().filter(|r| r.county != NO_COUNTY_ZH) {
            row.score = row.value.map(|v| distance_to_frontier(v, f.best, f.worst));
        }
    }
    (rows, frontier)
}

/// `(worst − value) / (worst − best)`, clipped to 0–1, ×100; 100 when best equals worst.
///
/// ```
/// use bizenv::evaluate::distance_to_frontier;
/// assert_eq!(distance_to_frontier(0.5, 0.5, 100.0), 100.0);
/// assert_eq!(distance_to_frontier(50.25, 0.5, 100.0), 50.0);
/// assert_eq!(distance_to_frontier(46.45, 92.9, 0.0), 50.0); // higher is better
/// assert_eq!(distance_to_frontier(500.0, 0.5, 100.0), 0.0);
/// ```
pub fn distance_to_frontier(value: f64, best: f64, worst: f64) -> f64 {
    if best == worst {
        return 100.0;
    }
    ((worst - value) / (worst - best)).clamp(0.0, 1.0) * 100.0
}

fn rank(reports: &BTreeMap<String, Report>) -> Vec<CountyRank> {
    let mut scores: BTreeMap<(usize, String), BTreeMap<String, f64>> = BTreeMap::new();
    for (id, report) in reports {
        for row in &report.by_county {
            if let Some(s) = row.score {
                scores.entry(county_order(&row.county)).or_default().insert(id.clone(), s);
            }
        }
    }
    let mut ranking: Vec<CountyRank> = scores
        .into_iter()
        .map(|((_, county), s)| CountyRank { rank: 0, score: s.values().sum::<f64>() / s.len() as f64, indicators: s.len(), county, scores: s })
        .collect();
    ranking.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| county_order(&a.county).cmp(&county_order(&b.county))));
    for (i, r) in ranking.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    ranking
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
