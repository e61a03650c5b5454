//! Descriptive statistics of case values, computed the way Excel does, since that is what
//! officials check them against.

use serde::Serialize;

/// Mean, median, 90th percentile, min and max of a sample.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Describe {
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Statistics of `values`; all `None` for an empty sample. NaNs must not be passed.
///
/// ```
/// use bizenv::evaluate::stats::describe;
/// let d = describe(&[1.0, 2.0, 3.0, 4.0]);
/// assert_eq!((d.mean, d.median, d.p90), (Some(2.5), Some(2.5), Some(3.7)));
/// ```
pub fn describe(values: &[f64]) -> Describe {
    if values.is_empty() {
        return Describe::default();
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Describe {
        mean: Some(sorted.iter().sum::<f64>() / sorted.len() as f64),
        median: percentile_inc(&sorted, 0.5),
        p90: percentile_inc(&sorted, 0.9),
        min: sorted.first().copied(),
        max: sorted.last().copied(),
    }
}

/// Excel's `PERCENTILE.INC`: linear interpolation between closest ranks, on sorted data.
pub fn percentile_inc(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    let lo = rank.floor() as usize;
    let hi = (lo + 1).min(last);
    let (a, b) = (*sorted.get(lo)?, *sorted.get(hi)?);
    Some(a + (b - a) * (rank - lo as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_excel_percentile_inc() {
        // =PERCENTILE.INC({3,1,4,1,5,9,2,6},0.9) is 6.9 in Excel.
        let d = describe(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]);
        assert!((d.p90.unwrap() - 6.9).abs() < 1e-12);
        assert_eq!(d.median, Some(3.5));
        assert_eq!((d.min, d.max), (Some(1.0), Some(9.0)));
        assert_eq!(describe(&[7.0]).p90, Some(7.0));
        assert_eq!(describe(&[]), Describe::default());
    }
}
