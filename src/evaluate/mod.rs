//! Case evaluation: every indicator of a catalogue measured the way the plan defines it — over
//! its time basis (the span, or the government's own stages), aggregated as its wording says
//! (a mean, pooled rates, two shares that must both meet, every county court, a stock at a date,
//! a flow, like-with-like trends) — compared with its target, split by county and scored.
//!
//! The pieces: `method` computes one case's value from its fields (one module per method),
//! `verdict` keeps what a case came to, `summary` turns case values into the indicator's value
//! and verdict, `counties` makes and scores the county table, `ranking` ranks the counties from
//! the county tables, `stats` describes a sample as Excel does, `report` holds what is reported.

mod counties;
pub(crate) mod method;
mod ranking;
pub mod report;
pub mod stats;
mod summary;
mod verdict;

use std::collections::BTreeMap;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use crate::api::{instant, WorkOptions};
use crate::error::{Error, ErrorKind, Lang, Message, Result};
use crate::plan::cases::{input_of, Case, ReadProblem, Strings};
use crate::plan::catalog::{Catalog, ClassKind, Indicator, Method, ScoringMethod};
use crate::time::clock::WorkingClock;
use crate::time::parse::{Field, TimeInput};

pub use counties::{distance_to_frontier, target_anchored_score, Scoring};
pub use method::doing_business_recovery;
pub use report::*;
pub use verdict::Verdict;

pub(crate) use method::Context;
pub(crate) use summary::{Frame, Item};

/// How the creditor recovery rate (10.5) is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryMethod {
    /// `recovered / claims`, pooled: the actual recovery (实际清偿率).
    #[default]
    Pooled,
    /// World Bank Doing Business present value per case (see [`doing_business_recovery`]);
    /// the indicator's value is the mean of the cases.
    DoingBusiness,
}

impl RecoveryMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryMethod::Pooled => "pooled",
            RecoveryMethod::DoingBusiness => "doing_business",
        }
    }
}

/// Where the best and worst of a `doing_business` score come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    pub frontiers: BTreeMap<String, crate::plan::catalog::Frontier>,
    /// Per indicator id, a per-case statutory limit (审限) in the indicator's unit, for the
    /// indicators whose target is on an average: it drives their case alerts and late count.
    pub case_limits: BTreeMap<String, f64>,
}

/// The group of cases that name no county.
pub(crate) const NO_COUNTY_ZH: &str = "（未填写县区）";

/// Everything an evaluation needs besides the cases, read once from the options: the clock
/// (calendar with the user's days, office hours), the evaluation instant, the choices.
#[derive(Clone, Debug)]
pub struct Engine {
    pub clock: WorkingClock,
    pub as_of: Option<DateTime>,
    pub recovery: RecoveryMethod,
    pub scoring: Scoring,
    pub case_limits: BTreeMap<String, f64>,
    pub lang: Lang,
}

/// The field of the evaluation instant, for messages.
pub(crate) const AS_OF: Field = Field { zh: "评估时点", en: "asOf", key: "asOf" };

impl Engine {
    pub fn new(options: &EvaluateOptions, catalog: &Catalog) -> Result<Engine> {
        Ok(Engine {
            clock: options.work.clock()?,
            as_of: options.as_of.as_ref().map(|t| instant(AS_OF, t)).transpose()?,
            recovery: options.recovery_method,
            scoring: Scoring {
                method: options.scoring.unwrap_or(catalog.scoring.method),
                frontier_mode: options.frontier_mode,
                frontiers: options.frontiers.clone(),
            },
            case_limits: options.case_limits.clone(),
            lang: options.work.lang,
        })
    }

    /// The statutory limit set for an indicator, checked.
    pub fn case_limit(&self, id: &str) -> Result<Option<f64>> {
        match self.case_limits.get(id) {
            Some(&x) if x.is_finite() && x > 0.0 => Ok(Some(x)),
            Some(&x) => Err(Error::new(
                ErrorKind::Range,
                format!("指标 {id} 的个案时限 {x} 无效：应为大于 0 的数"),
                format!("the case limit of indicator {id} ({x}) is invalid: expected a number greater than 0"),
            )
            .with_field("caseLimits")),
            None => Ok(None),
        }
    }

    /// The context the cases of `ind` are evaluated in.
    pub(crate) fn context<'a>(&'a self, catalog: &'a Catalog, ind: &Indicator) -> Result<Context<'a>> {
        let case_limit = self.case_limit(&ind.id)?;
        let per_case = ind.per_case();
        Ok(Context {
            catalog,
            clock: &self.clock,
            as_of: self.as_of,
            recovery: self.recovery,
            limit: if per_case { ind.target.filter(|t| *t > 0.0) } else { case_limit.filter(|_| ind.is_timed()) },
            per_case,
        })
    }
}

/// An indicator's cases evaluated: a verdict per case, the summary, the county table (scored),
/// and the warnings, in both languages. What a workspace keeps per indicator.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub verdicts: Vec<Verdict>,
    pub summary: Summary,
    pub by_county: Vec<CountyResult>,
    pub frontier: Option<crate::plan::catalog::Frontier>,
    pub scoring: ScoringMethod,
    /// The aggregation in force (the Doing Business recovery rate is a mean).
    pub aggregation: crate::plan::catalog::Aggregation,
    pub warnings: Vec<Message>,
}

impl Evaluation {
    /// Summary, county table and warnings from the verdicts (which are kept as they are).
    pub(crate) fn aggregate(catalog: &Catalog, ind: &Indicator, cases: &[Case], strings: &Strings, engine: &Engine, verdicts: Vec<Verdict>) -> Evaluation {
        let frame = Frame { ind, catalog, strings, recovery: engine.recovery };
        let items: Vec<Item> = cases.iter().zip(&verdicts).map(|(c, v)| Item { county: c.county.map(|s| strings.get(s)), verdict: v }).collect();
        let mut warnings = Vec::new();
        let summary = summary::summarize(frame, &items, &mut warnings);
        let rows = counties::by_county(frame, &items);
        let (by_county, frontier) = counties::score_counties(ind, rows, &engine.scoring, catalog.scoring.anchor_score);
        if verdicts.iter().any(|v| v.status == Status::Open) && engine.as_of.is_none() {
            warnings.push(Message::new("有未办结案件，但未指定评估时点（asOf），无法计算已用时间和预警", "some cases are open but no asOf was given: time used and alerts cannot be computed"));
        }
        drop(items);
        Evaluation { verdicts, summary, by_county, frontier, scoring: engine.scoring.method, aggregation: summary::aggregation_in_force(ind, engine.recovery), warnings }
    }

    /// The county scores again, for a new scoring choice: the cases are not evaluated again.
    pub(crate) fn rescore(&mut self, catalog: &Catalog, ind: &Indicator, scoring: &Scoring) {
        let rows = std::mem::take(&mut self.by_county).into_iter().map(|r| CountyResult { score: None, ..r }).collect();
        let (by_county, frontier) = counties::score_counties(ind, rows, scoring, catalog.scoring.anchor_score);
        self.by_county = by_county;
        self.frontier = frontier;
        self.scoring = scoring.method;
    }
}

/// Evaluates the cases of one indicator.
pub(crate) fn evaluate_cases(catalog: &Catalog, ind: &Indicator, cases: &[Case], strings: &mut Strings, engine: &Engine) -> Result<Evaluation> {
    let ctx = engine.context(catalog, ind)?;
    let verdicts: Vec<Verdict> = cases.iter().map(|c| method::evaluate(ind, c, strings, &ctx)).collect();
    Ok(Evaluation::aggregate(catalog, ind, cases, strings, engine, verdicts))
}

/// One case as a report shows it: what it came to, with its stages on the timeline. `index`
/// names a case without an id (`#1`…).
pub(crate) fn case_result(ind: &Indicator, case: &Case, index: usize, strings: &Strings, ctx: &Context, v: &Verdict, lang: Lang) -> CaseResult {
    let mut r = CaseResult {
        id: case.id.as_deref().filter(|s| !s.trim().is_empty()).map_or_else(|| format!("#{}", index + 1), str::to_string),
        row: case.row(),
        name: case.name.as_deref().map(str::to_string),
        county: case.county.map(|s| strings.get(s).to_string()),
        status: v.status,
        warnings: v.warnings().iter().map(|w| w.pick(lang)).collect(),
        ..CaseResult::default()
    };
    if let Some(e) = v.error() {
        r.error = Some(lang.error(e));
        r.error_field = e.field().map(str::to_string);
        return r;
    }
    r.value = v.value();
    r.elapsed = v.elapsed();
    r.met = v.met;
    r.within_limit = v.within_limit;
    r.alert = v.alert;
    r.paused = v.paused;
    r.measured_by = v.measured_by;
    r.start = v.start().map(|s| s.shown());
    r.end = v.end().map(|s| s.shown());
    r.deadline = v.deadline().map(|s| s.shown());
    r.working_minutes = v.working_minutes();
    r.stopped_minutes = v.stopped_minutes();
    r.between = v.between();
    r.calendar_days = v.calendar_days();
    r.numerator = v.numerator();
    r.denominator = v.denominator();
    r.period = v.period().map(|p| strings.get(p).to_string());
    r.series = v.series().map(|s| strings.get(s).to_string());
    r.measure = v.measure().and_then(|i| ind.measures.get(i)).map(|m| m.id.clone());
    if let (Some(limit), Some(elapsed)) = (ctx.limit, r.elapsed) {
        r.remaining = Some(limit - elapsed);
    }
    if let (Some(value), Some(t), false, false) = (r.value, ind.target, ctx.per_case, matches!(ind.method, Method::Count | Method::Trend)) {
        r.gap = Some(value - t);
    }
    if ind.is_timed() && !case.steps().is_empty() {
        r.steps = method::time::step_results(ind, case, strings, ctx).unwrap_or_default();
    }
    r
}

/// A catalogue and everything computed against it.
#[derive(Clone, Debug)]
pub struct Calculator {
    pub catalog: Catalog,
}

impl Calculator {
    pub fn new(catalog: Catalog) -> Calculator {
        Calculator { catalog }
    }

    /// The calculator of the built-in catalogue.
    pub fn builtin() -> Result<Calculator> {
        Ok(Calculator::new(Catalog::builtin()?.clone()))
    }

    /// Evaluates `cases` (JSON objects, one per case) against indicator `id`.
    ///
    /// ```
    /// use bizenv::evaluate::{Calculator, EvaluateOptions};
    /// let cases = serde_json::json!([
    ///     {"id": "A", "county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48"},
    ///     {"id": "B", "county": "宣威市", "start": "2023-07-14 09:00", "end": "2023-07-14 15:00"},
    /// ]);
    /// let report = Calculator::builtin().unwrap().evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
    /// assert_eq!(report.cases[0].value, Some(0.4)); // 2 h 48 min of a 7-hour day
    /// assert_eq!(report.cases[0].met, Some(true));
    /// assert_eq!(report.cases[1].met, Some(false));
    /// assert_eq!(report.summary.met_share, Some(0.5));
    /// ```
    pub fn evaluate(&self, id: &str, cases: &[serde_json::Value], options: &EvaluateOptions) -> Result<Report> {
        let ind = self.catalog.require(id)?;
        let engine = Engine::new(options, &self.catalog)?;
        let mut strings = Strings::default();
        let typed = typed_cases(cases, &mut strings);
        self.report(ind, &typed, &mut strings, &engine)
    }

    /// The full report of typed cases.
    pub fn report(&self, ind: &Indicator, cases: &[Case], strings: &mut Strings, engine: &Engine) -> Result<Report> {
        let eval = evaluate_cases(&self.catalog, ind, cases, strings, engine)?;
        let ctx = engine.context(&self.catalog, ind)?;
        let lang = engine.lang;
        let results = cases.iter().zip(&eval.verdicts).enumerate().map(|(i, (c, v))| case_result(ind, c, i, strings, &ctx, v, lang)).collect();
        Ok(report_of(ind, engine, eval, results))
    }

    /// Every indicator's summary, for the dashboard. Each indicator's cases are judged exactly as
    /// `evaluate` judges them, so the dashboard and the indicator view always agree; the ranking
    /// is made from the county tables, without evaluating anything again.
    pub fn evaluate_all(&self, dataset: &Dataset, options: &EvaluateOptions) -> Result<Dashboard> {
        let engine = Engine::new(options, &self.catalog)?;
        let mut strings = Strings::default();
        let mut evaluations = Vec::with_capacity(self.catalog.indicators.len());
        for ind in &self.catalog.indicators {
            let cases = typed_cases(dataset.get(&ind.id).map(Vec::as_slice).unwrap_or(&[]), &mut strings);
            evaluations.push(evaluate_cases(&self.catalog, ind, &cases, &mut strings, &engine)?);
        }
        let unknown: Vec<String> = dataset.keys().filter(|k| self.catalog.get(k).is_none()).cloned().collect();
        let mut warnings = Vec::new();
        if !unknown.is_empty() {
            warnings.push(Message::new(
                format!("数据中的指标编号 {} 不在指标目录中，已忽略", unknown.join("、")),
                format!("indicator ids {} are not in the catalogue and were ignored", unknown.join(", ")),
            ));
        }
        let refs: Vec<&Evaluation> = evaluations.iter().collect();
        Ok(dashboard(&self.catalog, &refs, engine.scoring.method, warnings.iter().map(|w| w.pick(engine.lang)).collect()))
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
    /// let routed = Calculator::builtin().unwrap().route_cases("3.4", cases.as_array().unwrap());
    /// assert_eq!((routed["3.4"].len(), routed["3.6"].len()), (2, 1));
    /// ```
    pub fn route_cases(&self, id: &str, cases: &[serde_json::Value]) -> Dataset {
        let mut routed = Dataset::new();
        for case in cases {
            let target = self.catalog.get(id).and_then(|ind| route(&self.catalog, ind, |field| case.get(field)?.as_str())).map_or_else(|| id.to_string(), |i| i.id.clone());
            routed.entry(target).or_default().push(case.clone());
        }
        routed
    }
}

/// The indicator a case entered for `ind` belongs to by its class (customer class, project
/// type), if it names one that another indicator judges.
pub(crate) fn route<'c, 'v>(catalog: &'c Catalog, ind: &Indicator, field: impl Fn(&str) -> Option<&'v str>) -> Option<&'c Indicator> {
    let kind = if ind.customer_class.is_some() {
        ClassKind::CustomerClass
    } else if ind.project_type.is_some() {
        ClassKind::ProjectType
    } else {
        return None;
    };
    let code = catalog.classes.normalize(kind, field(kind.field())?).ok()?;
    catalog.sibling(kind, code)
}

/// Cases as JSON read into typed cases; a record of the wrong shape is kept, invalid, with the
/// reason (and its row, if it names one).
pub(crate) fn typed_cases(cases: &[serde_json::Value], strings: &mut Strings) -> Vec<Case> {
    cases
        .iter()
        .enumerate()
        .map(|(i, raw)| match input_of(raw, i) {
            Ok(input) => Case::from_input(&input, strings),
            Err(e) => {
                let mut case = raw.get("row").and_then(serde_json::Value::as_u64).and_then(|r| u32::try_from(r).ok()).map_or_else(Case::default, Case::at_row);
                case.set_problem(ReadProblem::of(Message::from(&e)));
                case
            }
        })
        .collect()
}

/// The report of an evaluated indicator.
pub(crate) fn report_of(ind: &Indicator, engine: &Engine, eval: Evaluation, cases: Vec<CaseResult>) -> Report {
    let per_case = ind.per_case();
    let case_limit = if per_case { None } else { engine.case_limit(&ind.id).ok().flatten().filter(|_| ind.is_timed()) };
    Report {
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
        aggregation: eval.aggregation,
        per_case,
        case_limit,
        cases,
        summary: eval.summary,
        by_county: eval.by_county,
        scoring: eval.scoring,
        frontier: eval.frontier,
        warnings: eval.warnings.iter().map(|w| w.pick(engine.lang)).collect(),
    }
}

/// The dashboard of a catalogue's evaluations (one per indicator, in the catalogue's order).
pub(crate) fn dashboard(catalog: &Catalog, evaluations: &[&Evaluation], scoring: ScoringMethod, warnings: Vec<String>) -> Dashboard {
    let indicators: Vec<IndicatorSummary> = catalog.indicators.iter().zip(evaluations).map(|(ind, e)| IndicatorSummary::of(ind, e)).collect();
    let topics = catalog
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
    let ranking = rank(catalog, evaluations);
    let ranked_indicators = ranking.first().map_or(0, |r| r.ranked_indicators);
    Dashboard { plan_name_zh: catalog.plan.name_zh.clone(), indicators, topics, totals, ranking, scoring, ranked_indicators, warnings }
}

/// The county ranking from the evaluations' county tables (one per indicator, in the
/// catalogue's order).
pub(crate) fn rank(catalog: &Catalog, evaluations: &[&Evaluation]) -> Vec<CountyRank> {
    let tables: Vec<(&str, &[CountyResult])> =
        catalog.indicators.iter().zip(evaluations).filter(|(ind, _)| ind.ranked()).map(|(ind, e)| (ind.id.as_str(), e.by_county.as_slice())).collect();
    ranking::rank(catalog, &tables)
}

impl IndicatorSummary {
    pub(crate) fn of(ind: &Indicator, e: &Evaluation) -> IndicatorSummary {
        let s = &e.summary;
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
            aggregation: e.aggregation,
            per_case: ind.per_case(),
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

/// Cases grouped by indicator id.
pub type Dataset = BTreeMap<String, Vec<serde_json::Value>>;

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
