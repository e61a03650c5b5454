//! The county ranking, from the scores of the county tables of the ranked indicators: never by
//! evaluating a case again.

use std::collections::BTreeMap;

use crate::plan::catalog::Catalog;

use super::report::{CountyRank, CountyResult};
use super::NO_COUNTY_ZH;

/// Counties ranked over the ranked indicators that have any county score: a county's score is
/// the sum of its scores divided by the number of those indicators (no data counts 0), so a
/// county is not rewarded for missing data; ties go to the mean over its own indicators.
pub(crate) fn rank(catalog: &Catalog, tables: &[(&str, &[CountyResult])]) -> Vec<CountyRank> {
    let mut scores: BTreeMap<(usize, String), BTreeMap<String, f64>> = BTreeMap::new();
    let mut with_data = 0;
    for (id, rows) in tables {
        let mut any = false;
        for row in rows.iter().filter(|r| r.county != NO_COUNTY_ZH) {
            if let Some(s) = row.score {
                scores.entry(catalog.county_order(&row.county)).or_default().insert(id.to_string(), s);
                any = true;
            }
        }
        with_data += usize::from(any);
    }
    let mut ranking: Vec<CountyRank> = scores
        .into_iter()
        .map(|((_, county), s)| {
            let sum: f64 = s.values().sum();
            CountyRank { rank: 0, score: sum / with_data.max(1) as f64, indicators: s.len(), ranked_indicators: with_data, own_mean: sum / s.len().max(1) as f64, county, scores: s }
        })
        .collect();
    ranking.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| b.own_mean.total_cmp(&a.own_mean)).then_with(|| catalog.county_order(&a.county).cmp(&catalog.county_order(&b.county))));
    for (i, r) in ranking.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    ranking
}
