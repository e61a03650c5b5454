//! Growth (5.2): `(current − previous) / previous`, in percent, pooled.

use crate::error::Result;
use crate::plan::cases::{Case, NumField};
use crate::plan::catalog::Indicator;

use super::{num, Draft};

pub(super) fn compute(ind: &Indicator, case: &Case, d: &mut Draft) -> Result<()> {
    let cur = num(ind, case, NumField::Current, "本期值", "current")?;
    let prev = num(ind, case, NumField::Previous, "上年同期值", "previous")?;
    d.value = Some(100.0 * (cur - prev) / prev);
    d.numerator = Some(cur - prev);
    d.denominator = Some(prev);
    Ok(())
}
