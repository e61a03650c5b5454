//! Index (8.4): the value as given (0–10), averaged.

use crate::error::Result;
use crate::plan::cases::{Case, NumField};
use crate::plan::catalog::Indicator;

use super::{num, Draft};

pub(super) fn compute(ind: &Indicator, case: &Case, d: &mut Draft) -> Result<()> {
    d.value = Some(num(ind, case, NumField::Value, "指数值", "value")?);
    Ok(())
}
