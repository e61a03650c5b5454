//! The county table of an indicator: each county's cases aggregated on their own, and its score.
//!
//! Default: anchored on the plan's target — 60 at the target, 100 at the catalogue's best
//! value, 0 at its worst, linear in between and clipped — so that a county that misses the
//! target scores below every county that meets it. Option: Doing Business distance to frontier.

use std::collections::BTreeMap;

use crate::plan::catalog::{Direction, Frontier, Indicator, Method, ScoringMethod};

use super::report::{CountyResult, Status};
use super::summary::{aggregation_in_force, outcome, share, Frame, Item, Scope};
use super::{FrontierMode, NO_COUNTY_ZH};

/// How county scores are computed: the method, and where best and worst come from.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoring {
    pub method: ScoringMethod,
    pub frontier_mode: FrontierMode,
    /// Per indicator id, a best and worst that replace the catalogue's.
    pub frontiers: BTreeMap<String, Frontier>,
}

/// One row per county (and one for the cases that name none), each aggregated on its own.
pub(crate) fn by_county(f: Frame, items: &[Item]) -> Vec<CountyResult> {
    let mut groups: BTreeMap<(usize, String), Vec<Item>> = BTreeMap::new();
    for r in items {
        let name = r.county.unwrap_or(NO_COUNTY_ZH);
        groups.entry(f.catalog.county_order(name)).or_default().push(*r);
    }
    let aggregation = aggregation_in_force(f.ind, f.recovery);
    groups
        .into_iter()
        .map(|((_, county), rs)| {
            let o = outcome(f, &rs, aggregation, Scope::County, &mut Vec::new());
            let judged: Vec<bool> = rs.iter().filter(|r| r.verdict.counts()).filter_map(|r| r.verdict.met).collect();
            CountyResult {
                county,
                count: rs.len(),
                valid: rs.iter().filter(|r| r.verdict.status != Status::Invalid).count(),
                late: rs.iter().filter(|r| r.verdict.is_late()).count(),
                value: o.value,
                met: if f.ind.method == Method::Count { None } else { o.met },
                met_share: share(&judged),
                score: None,
                period: o.period,
                shares: o.shares,
            }
        })
        .collect()
}

/// The target-anchored score of `value`: `anchor` (60) at the target, 100 at `best`, 0 at
/// `worst`, linear in between, clipped to 0–100. A value that meets the target scores at least
/// `anchor`, one that misses it less (except exactly at a strict target such as "> 90 %",
/// which misses at `anchor`); an `eq` target at the ideal scores 100 when met.
///
/// ```
/// use bizenv::plan::catalog::Direction;
/// use bizenv::evaluate::target_anchored_score;
/// // 1.1 (≤ 0.4 working days; best 0, worst 0.8): 0.2 → 80, 0.47 → 49.5, 0.4 → 60.
/// let s = |v| target_anchored_score(v, 0.4, Direction::Le, 0.0, 0.8, 60.0);
/// assert!((s(0.2) - 80.0).abs() < 1e-9 && (s(0.47) - 49.5).abs() < 1e-9 && (s(0.4) - 60.0).abs() < 1e-9);
/// // 4.1 (≥ 98 %; best 100, worst 96): 99.5 → 90, 97.1 → 33.
/// let r = |v| target_anchored_score(v, 98.0, Direction::Ge, 100.0, 96.0, 60.0);
/// assert!((r(99.5) - 90.0).abs() < 1e-9 && (r(97.1) - 33.0).abs() < 1e-9);
/// ```
pub fn target_anchored_score(value: f64, target: f64, direction: Direction, best: f64, worst: f64, anchor: f64) -> f64 {
    // Oriented so that larger is better.
    let sign = if direction.lower_is_better() { -1.0 } else { 1.0 };
    let (v, t, b, w) = (sign * value, sign * target, sign * best, sign * worst);
    if direction.meets(value, target) {
        if b <= t {
            return 100.0;
        }
        (anchor + (100.0 - anchor) * (v - t) / (b - t)).clamp(anchor, 100.0)
    } else {
        if t <= w {
            return 0.0;
        }
        (anchor * (v - w) / (t - w)).clamp(0.0, anchor)
    }
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

/// Scores every county row (the group without a county aside) and says against what.
pub(crate) fn score_counties(ind: &Indicator, mut rows: Vec<CountyResult>, scoring: &Scoring, anchor: f64) -> (Vec<CountyResult>, Option<Frontier>) {
    let (options, scoring) = (scoring, scoring.method);
    // A count's target is the whole city's, and a trend has none: no county is scored on them.
    let Some(target) = ind.target.filter(|_| !matches!(ind.method, Method::Count | Method::Trend)) else { return (rows, None) };
    let given = options.frontiers.get(&ind.id).cloned();
    let frontier = match scoring {
        ScoringMethod::TargetAnchored => given.or_else(|| ind.scale.clone()),
        ScoringMethod::DoingBusiness => given.or_else(|| match options.frontier_mode {
            FrontierMode::Counties => counties_frontier(ind, &rows),
            FrontierMode::Default => ind.frontier.clone().or_else(|| ind.scale.clone()),
        }),
    };
    if let Some(f) = &frontier {
        for row in rows.iter_mut().filter(|r| r.county != NO_COUNTY_ZH) {
            row.score = row.value.map(|v| match scoring {
                ScoringMethod::TargetAnchored => target_anchored_score(v, target, ind.direction, f.best, f.worst, anchor),
                ScoringMethod::DoingBusiness => distance_to_frontier(v, f.best, f.worst),
            });
        }
    }
    (rows, frontier)
}

fn counties_frontier(ind: &Indicator, rows: &[CountyResult]) -> Option<Frontier> {
    let values: Vec<f64> = rows.iter().filter(|r| r.county != NO_COUNTY_ZH).filter_map(|r| r.value).collect();
    let lo = values.iter().copied().reduce(f64::min)?;
    let hi = values.iter().copied().reduce(f64::max)?;
    let (best, worst) = if ind.direction.lower_is_better() { (lo, hi) } else { (hi, lo) };
    Some(Frontier { best, worst, source: Some("best and worst county".to_string()), source_zh: Some("各县区最好值与最差值".to_string()), ..Frontier::default() })
}

