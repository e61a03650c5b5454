//! Counts (4.4, 12.2 stocks; 12.3, 12.5, 12.6 flows): the count, with the date of the count for
//! a stock.

use crate::error::Result;
use crate::plan::cases::{Case, NumField, Strings, TextField};
use crate::plan::catalog::{Aggregation, Indicator};

use super::{missing, num, word, Draft};
use super::trend::normalize_period;

pub(super) fn compute(ind: &Indicator, case: &Case, strings: &mut Strings, d: &mut Draft) -> Result<()> {
    d.value = Some(num(ind, case, NumField::Count, "数量", "count")?);
    let period = word(case, strings, TextField::Period).map(normalize_period).filter(|p| !p.is_empty());
    if period.is_none() && ind.aggregation() == Aggregation::Stock {
        return Err(missing(
            "统计时点（期末日期或月份，如 2023-12）：本指标是存量，按各县区最近一次的数量汇总",
            "period (the date of the count, e.g. 2023-12): this indicator is a stock, summed from each county's latest count",
        ));
    }
    d.period = period.map(|p| strings.intern(&p));
    Ok(())
}
