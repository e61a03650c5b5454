//! From case values to the indicator's value and verdict, as the catalogue's aggregation says:
//! a mean, a pooled rate, several shares that must all meet, every county on its own, a stock
//! at its latest date, a sum, or trends compared like with like.

use std::collections::BTreeMap;

use crate::error::Message;
use crate::evaluate::stats::describe;
use crate::plan::cases::Strings;
use crate::plan::catalog::{Aggregation, Catalog, Direction, Indicator, Method};
use crate::plan::fields::format_number;

use super::report::{PeriodValue, SeriesTrend, ShareResult, Status, Summary};
use super::verdict::Verdict;
use super::{RecoveryMethod, NO_COUNTY_ZH};

/// A case as aggregation sees it: its county, and what it came to.
#[derive(Clone, Copy)]
pub(crate) struct Item<'a> {
    pub county: Option<&'a str>,
    pub verdict: &'a Verdict,
}

/// What aggregation reads besides the cases: the indicator, the catalogue's county order, the
/// words of the cases.
#[derive(Clone, Copy)]
pub(crate) struct Frame<'a> {
    pub ind: &'a Indicator,
    pub catalog: &'a Catalog,
    pub strings: &'a Strings,
    pub recovery: RecoveryMethod,
}

/// The aggregation actually used: the Doing Business recovery rate is a value per case, so
/// its cases are averaged.
pub(crate) fn aggregation_in_force(ind: &Indicator, recovery: RecoveryMethod) -> Aggregation {
    if ind.method == Method::RecoveryRate && recovery == RecoveryMethod::DoingBusiness {
        Aggregation::Mean
    } else {
        ind.aggregation()
    }
}

/// Whether the cases are the whole city's or one county's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    City,
    County,
}

/// The indicator's value over a set of cases, and how it was reached.
#[derive(Default)]
pub(crate) struct Outcome {
    pub(crate) value: Option<f64>,
    pub(crate) met: Option<bool>,
    pub(crate) gap: Option<f64>,
    pub(crate) previous: Option<f64>,
    pub(crate) numerator: Option<f64>,
    pub(crate) denominator: Option<f64>,
    pub(crate) periods: Vec<PeriodValue>,
    pub(crate) series: Vec<SeriesTrend>,
    pub(crate) shares: Vec<ShareResult>,
    pub(crate) binding_county: Option<String>,
    pub(crate) failing_counties: Vec<String>,
    pub(crate) counties_judged: Option<usize>,
    /// Stocks: the latest date of the count (one county).
    pub(crate) period: Option<String>,
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn judge(ind: &Indicator, value: Option<f64>) -> (Option<bool>, Option<f64>) {
    match (value, ind.target) {
        (Some(v), Some(t)) => (Some(ind.direction.meets(v, t)), Some(v - t)),
        _ => (None, None),
    }
}

pub(crate) fn outcome(f: Frame, cases: &[Item], aggregation: Aggregation, scope: Scope, warnings: &mut Vec<Message>) -> Outcome {
    let ind = f.ind;
    let valid: Vec<Item> = cases.iter().copied().filter(|r| r.verdict.counts()).collect();
    let mut out = Outcome::default();
    match aggregation {
        Aggregation::Mean => out.value = mean_of(valid.iter().filter_map(|r| r.verdict.value())),
        Aggregation::EachCounty if scope == Scope::County => out.value = mean_of(valid.iter().filter_map(|r| r.verdict.value())),
        Aggregation::Sum => {
            let values: Vec<f64> = valid.iter().filter_map(|r| r.verdict.value()).collect();
            out.value = (!values.is_empty()).then(|| values.iter().sum());
        }
        Aggregation::Pooled => {
            let (n, d) = pooled(&valid);
            out.numerator = Some(n);
            out.denominator = Some(d);
            out.value = (d > 0.0).then(|| 100.0 * n / d);
        }
        Aggregation::Shares => return shares(ind, &valid, scope, warnings),
        Aggregation::EachCounty => return each_county(f, &valid, warnings),
        Aggregation::Stock => stock(f, &valid, scope, warnings, &mut out),
        Aggregation::Series => return series(f, &valid, scope, warnings),
    }
    (out.met, out.gap) = judge(ind, out.value);
    out
}

fn mean_of(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn pooled(cases: &[Item]) -> (f64, f64) {
    (cases.iter().filter_map(|r| r.verdict.numerator()).sum(), cases.iter().filter_map(|r| r.verdict.denominator()).sum())
}

/// Each measure pooled on its own; the value is the lowest share, met when every share meets,
/// undecided while one is missing.
fn shares(ind: &Indicator, valid: &[Item], scope: Scope, warnings: &mut Vec<Message>) -> Outcome {
    let mut out = Outcome::default();
    if valid.is_empty() {
        return out;
    }
    for (i, m) in ind.measures.iter().enumerate() {
        let of: Vec<Item> = valid.iter().copied().filter(|r| r.verdict.measure() == Some(i)).collect();
        let (n, d) = pooled(&of);
        let value = (d > 0.0).then(|| 100.0 * n / d);
        let (met, _) = judge(ind, value);
        out.shares.push(ShareResult { measure: m.id.clone(), name_zh: m.name_zh.clone(), name_en: m.name_en.clone(), value, met, numerator: n, denominator: d, records: of.len() });
    }
    let better_is_lower = ind.direction.lower_is_better();
    out.value = out.shares.iter().filter_map(|s| s.value).reduce(|a, b| if better_is_lower { a.max(b) } else { a.min(b) });
    let missing: Vec<&ShareResult> = out.shares.iter().filter(|s| s.value.is_none()).collect();
    out.gap = judge(ind, out.value).1;
    if missing.is_empty() {
        out.met = Some(out.shares.iter().all(|s| s.met == Some(true)));
    } else if scope == Scope::City {
        let all_zh: Vec<&str> = ind.measures.iter().map(|m| m.name_zh.as_str()).collect();
        let all_en: Vec<&str> = ind.measures.iter().map(|m| m.name_en.as_str()).collect();
        let miss_zh: Vec<&str> = missing.iter().map(|s| s.name_zh.as_str()).collect();
        let miss_en: Vec<&str> = missing.iter().map(|s| s.name_en.as_str()).collect();
        let t = ind.target.map(format_number).unwrap_or_default();
        warnings.push(Message::new(
            format!("缺少{}占比的数据：方案要求{}占比均不低于 {t}%，只有一项时无法判定是否达标", miss_zh.join("、"), all_zh.join("、")),
            format!("no data for the share by {}: the plan requires the shares by {} each to reach {t} %, so with one missing the target cannot be judged", miss_en.join(", "), all_en.join(" and ")),
        ));
    }
    out
}

/// Every county's mean against the target; the value is the binding (worst) county's mean.
fn each_county(f: Frame, valid: &[Item], warnings: &mut Vec<Message>) -> Outcome {
    let ind = f.ind;
    let mut out = Outcome::default();
    let mut groups: BTreeMap<(usize, String), Vec<f64>> = BTreeMap::new();
    let mut without_county = 0;
    for r in valid {
        match (r.county, r.verdict.value()) {
            (Some(c), Some(v)) => groups.entry(f.catalog.county_order(c)).or_default().push(v),
            (None, Some(_)) => without_county += 1,
            _ => {}
        }
    }
    let means: Vec<(String, f64)> = groups.into_iter().filter_map(|((_, c), vs)| Some((c, mean(&vs)?))).collect();
    let lower = ind.direction.lower_is_better();
    let binding = means.iter().reduce(|a, b| if (lower && b.1 > a.1) || (!lower && b.1 < a.1) { b } else { a });
    out.value = binding.map(|b| b.1);
    out.binding_county = binding.map(|b| b.0.clone());
    out.counties_judged = Some(means.len());
    if let Some(t) = ind.target {
        out.failing_counties = means.iter().filter(|(_, m)| !ind.direction.meets(*m, t)).map(|(c, _)| c.clone()).collect();
        out.met = (!means.is_empty()).then_some(out.failing_counties.is_empty());
        out.gap = out.value.map(|v| v - t);
    }
    if without_county > 0 {
        warnings.push(Message::new(
            format!("{without_county} 件案件未填写县区：计入全市平均值，不参与逐县（法院）判定"),
            format!("{without_county} case(s) name no county: they count in the city-wide mean but not in the county-by-county check"),
        ));
    }
    out
}

/// Each county's count at its latest date, summed.
fn stock(f: Frame, valid: &[Item], scope: Scope, warnings: &mut Vec<Message>, out: &mut Outcome) {
    let mut latest: BTreeMap<(usize, String), (String, f64)> = BTreeMap::new();
    for r in valid {
        let (Some(p), Some(v)) = (r.verdict.period().map(|p| f.strings.get(p)), r.verdict.value()) else { continue };
        let key = f.catalog.county_order(r.county.unwrap_or(""));
        let e = latest.entry(key).or_insert_with(|| (p.to_string(), 0.0));
        if *p > *e.0 {
            *e = (p.to_string(), v);
        } else if *p == *e.0 {
            e.1 += v;
        }
    }
    if latest.is_empty() {
        return;
    }
    out.value = Some(latest.values().map(|(_, v)| v).sum());
    let newest = latest.values().map(|(p, _)| p.as_str()).max().unwrap_or("").to_string();
    if scope == Scope::County {
        out.period = Some(newest);
        return;
    }
    let behind: Vec<(String, String)> = latest.iter().filter(|(_, (p, _))| *p != newest).map(|((_, c), (p, _))| (if c.is_empty() { NO_COUNTY_ZH.to_string() } else { c.clone() }, p.clone())).collect();
    if !behind.is_empty() {
        let zh: Vec<String> = behind.iter().map(|(c, p)| format!("{c} {p}")).collect();
        warnings.push(Message::new(
            format!("存量按各县区最近一次报数汇总，以下县区的最近报数早于 {newest}：{}", zh.join("、")),
            format!("the stock sums each county's latest count; these counties' latest counts are older than {newest}: {}", zh.join(", ")),
        ));
    }
}

/// Each series' latest period against the one before; met when every series with two
/// periods fell.
fn series(f: Frame, valid: &[Item], scope: Scope, warnings: &mut Vec<Message>) -> Outcome {
    let mut out = Outcome::default();
    let mut all: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    // (county, series) → period → (sum, records)
    type Periods = BTreeMap<String, (f64, usize)>;
    let mut groups: BTreeMap<((usize, String), String), Periods> = BTreeMap::new();
    for r in valid {
        let (Some(p), Some(v)) = (r.verdict.period().map(|p| f.strings.get(p)), r.verdict.value()) else { continue };
        let a = all.entry(p.to_string()).or_insert((0.0, 0));
        a.0 += v;
        a.1 += 1;
        let key = (f.catalog.county_order(r.county.unwrap_or("")), r.verdict.series().map_or(String::new(), |s| f.strings.get(s).to_string()));
        let e = groups.entry(key).or_default().entry(p.to_string()).or_insert((0.0, 0));
        e.0 += v;
        e.1 += 1;
    }
    out.periods = all.into_iter().map(|(period, (sum, n))| PeriodValue { period, value: sum / n as f64 }).collect();
    for (((_, county), series), periods) in groups {
        let list: Vec<PeriodValue> = periods.into_iter().map(|(period, (sum, n))| PeriodValue { period, value: sum / n as f64 }).collect();
        let Some(latest) = list.last().cloned() else { continue };
        let previous = list.len().checked_sub(2).and_then(|i| list.get(i)).cloned();
        let fell = previous.as_ref().map(|p| Direction::Decrease.meets(latest.value, p.value));
        out.series.push(SeriesTrend { series: (!series.is_empty()).then_some(series), county: (!county.is_empty()).then_some(county), latest, previous, fell, periods: list });
    }
    let compared: Vec<&SeriesTrend> = out.series.iter().filter(|s| s.previous.is_some()).collect();
    if compared.is_empty() {
        out.value = mean(&out.series.iter().map(|s| s.latest.value).collect::<Vec<_>>());
    } else {
        out.value = mean(&compared.iter().map(|s| s.latest.value).collect::<Vec<_>>());
        out.previous = mean(&compared.iter().filter_map(|s| s.previous.as_ref().map(|p| p.value)).collect::<Vec<_>>());
        out.met = Some(compared.iter().all(|s| s.fell == Some(true)));
        out.gap = out.value.zip(out.previous).map(|(v, p)| v - p);
    }
    if scope == Scope::City {
        for s in out.series.iter().filter(|s| s.previous.is_none() && out.series.len() > 1) {
            let name = series_name(s);
            warnings.push(Message::new(
                format!("{}只有一期数据（{}），无法与上一期比较，不参与判定", if name.is_empty() { "全市".to_string() } else { format!("「{name}」") }, s.latest.period),
                format!("{} has one period only ({}): it cannot be compared and is left out of the verdict", if name.is_empty() { "the city".to_string() } else { format!("\"{name}\"") }, s.latest.period),
            ));
        }
    }
    out
}

fn series_name(s: &SeriesTrend) -> String {
    [s.county.as_deref(), s.series.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

/// The report's summary over all cases.
pub(crate) fn summarize(f: Frame, items: &[Item], warnings: &mut Vec<Message>) -> Summary {
    let aggregation = aggregation_in_force(f.ind, f.recovery);
    let o = outcome(f, items, aggregation, Scope::City, warnings);
    let values: Vec<f64> = items.iter().filter(|r| r.verdict.counts()).filter_map(|r| r.verdict.value()).collect();
    let d = describe(&values);
    let judged: Vec<bool> = items.iter().filter(|r| r.verdict.counts()).filter_map(|r| r.verdict.met).collect();
    Summary {
        count: items.len(),
        valid: items.iter().filter(|r| r.verdict.status != Status::Invalid).count(),
        invalid: items.iter().filter(|r| r.verdict.status == Status::Invalid).count(),
        open: items.iter().filter(|r| r.verdict.status == Status::Open).count(),
        late: items.iter().filter(|r| r.verdict.is_late()).count(),
        value: o.value,
        met: o.met,
        gap: o.gap,
        mean: d.mean,
        median: d.median,
        p90: d.p90,
        min: d.min,
        max: d.max,
        met_share: share(&judged),
        numerator: o.numerator,
        denominator: o.denominator,
        periods: o.periods,
        previous: o.previous,
        series: o.series,
        shares: o.shares,
        binding_county: o.binding_county,
        failing_counties: o.failing_counties,
        counties_judged: o.counties_judged,
    }
}

pub(crate) fn share(judged: &[bool]) -> Option<f64> {
    (!judged.is_empty()).then(|| judged.iter().filter(|m| **m).count() as f64 / judged.len() as f64)
}

