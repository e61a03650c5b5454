//! Cost ratio (2.3, 8.3, 10.4): the cost (or the sum of its fee items) over a base, in percent.

use crate::error::{Message, Result};
use crate::plan::cases::{Case, NumField};
use crate::plan::catalog::Indicator;
use crate::plan::fields::FieldRange;

use super::{fmt, missing, num, opt_num, Context, Draft};

pub(super) fn compute(ind: &Indicator, case: &Case, _ctx: &Context, d: &mut Draft) -> Result<()> {
    let fees = case
        .fees()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (zh, en) = (format!("费用第 {} 项", i + 1), format!("fee {}", i + 1));
            let x = f.amount.value(&zh, &en).map_err(|e| e.with_field("fees").with_item(i))?;
            FieldRange { min: Some(0.0), ..FieldRange::default() }.check(x, &zh, &en).map_err(|e| e.with_field("fees").with_item(i))
        })
        .collect::<Result<Vec<f64>>>()?;
    let cost = opt_num(ind, case, NumField::Cost, "费用", "cost")?;
    let total = match (cost, fees.is_empty()) {
        (None, true) => return Err(missing("费用（cost 或 fees）", "cost (or fees)")),
        (Some(c), true) => c,
        (c, false) => {
            let sum: f64 = fees.iter().sum();
            if let Some(c) = c.filter(|c| (c - sum).abs() > 1e-6 * sum.abs().max(1.0)) {
                d.warnings.push(Message::new(
                    format!("费用 {} 与费用明细合计 {} 不一致，按明细合计计算", fmt(c), fmt(sum)),
                    format!("cost {} differs from the sum of fees {}; the sum of fees is used", fmt(c), fmt(sum)),
                ));
            }
            sum
        }
    };
    let base = num(ind, case, NumField::Base, "基数（总投资、索赔额或财产价值）", "base")?;
    d.value = Some(100.0 * total / base);
    d.numerator = Some(total);
    d.denominator = Some(base);
    Ok(())
}
