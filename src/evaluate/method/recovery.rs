//! Recovery rate (10.5): the actual recovery (recovered ÷ claims, pooled), or the World Bank's
//! Doing Business present value per case.

use crate::error::{Error, ErrorKind, Result};
use crate::plan::cases::{Case, NumField, Strings, TextField};
use crate::plan::catalog::Indicator;

use super::{missing, num, opt_num, ranged, ratio, Context, Draft};
use crate::evaluate::RecoveryMethod;

pub(super) fn compute(ind: &Indicator, case: &Case, strings: &Strings, ctx: &Context, d: &mut Draft) -> Result<()> {
    match ctx.recovery {
        RecoveryMethod::Pooled => ratio(ind, case, d, (NumField::Recovered, "回收金额"), (NumField::Claims, "债权总额")),
        RecoveryMethod::DoingBusiness => doing_business(ind, case, strings, d),
    }
}

fn doing_business(ind: &Indicator, case: &Case, strings: &Strings, d: &mut Draft) -> Result<()> {
    let years = match opt_num(ind, case, NumField::Years, "收回债务时间（年）", "years")? {
        Some(y) => y,
        None => {
            let a = case.start.as_ref().ok_or_else(|| missing("收回债务时间（年数，或开始、结束日期）", "years (or start and end)"))?;
            let b = case.end.as_ref().ok_or_else(|| missing("结束日期", "end"))?;
            ranged(ind, crate::api::calendar_days(&a.to_input(), &b.to_input())? / 365.0, "years", "收回债务时间（年）", "years")?
        }
    };
    let cost = match opt_num(ind, case, NumField::CostPercent, "收回债务成本（%）", "costPercent")? {
        Some(c) => c,
        None => {
            let cost = num(ind, case, NumField::Cost, "收回债务成本（占财产价值的百分比，或费用与财产价值）", "costPercent (or cost and base)")?;
            let base = num(ind, case, NumField::Base, "财产价值", "base")?;
            ranged(ind, 100.0 * cost / base, "costPercent", "收回债务成本（%）", "costPercent")?
        }
    };
    let outcome = match case.text(TextField::Outcome).map(|s| strings.get(s).trim()) {
        Some("going_concern" | "持续经营" | "整体出售" | "重整") => 100.0,
        Some("piecemeal" | "分散出售" | "清算" | "资产分拆出售") => 70.0,
        Some(other) => {
            return Err(Error::new(
                ErrorKind::Case,
                format!("处置方式「{other}」无法识别：应为 持续经营（going_concern）或 分散出售（piecemeal）"),
                format!("outcome \"{other}\" is not recognised: expected going_concern or piecemeal"),
            )
            .with_field("outcome"))
        }
        None => return Err(missing("处置方式（持续经营或分散出售）", "outcome (going_concern or piecemeal)")),
    };
    let rate = num(ind, case, NumField::LendingRate, "贷款利率（%）", "lendingRate")? / 100.0;
    d.value = Some(doing_business_recovery(outcome, cost, years, rate));
    Ok(())
}

/// Doing Business recovery rate in cents on the dollar (yuan), as the World Bank computed it:
/// the outcome (100 cents when the business goes on as a going concern, 70 when its assets are
/// sold piecemeal), less one cent per percent of the estate spent on the proceedings, less the
/// furniture's depreciation — a quarter of the estate losing 20 % of its value a year, straight
/// line, so 5 cents a year and at most 25 — discounted at the lending rate over the time in
/// years; never below 0.
///
/// ```
/// use bizenv::evaluate::doing_business_recovery;
/// // Going concern, no cost, no time: everything recovered.
/// assert_eq!(doing_business_recovery(100.0, 0.0, 0.0, 0.05), 100.0);
/// // Piecemeal, 10 % cost, two years at 5 %: (70 − 10 − 2 × 5) / 1.05² = 50 / 1.1025.
/// assert!((doing_business_recovery(70.0, 10.0, 2.0, 0.05) - 50.0 / 1.1025).abs() < 1e-9);
/// ```
pub fn doing_business_recovery(outcome: f64, cost_percent: f64, years: f64, lending_rate: f64) -> f64 {
    /// The furniture: a quarter of the estate's value.
    const FURNITURE_CENTS: f64 = 25.0;
    const DEPRECIATION_PER_YEAR: f64 = 0.20;
    let depreciation = FURNITURE_CENTS * (DEPRECIATION_PER_YEAR * years).min(1.0);
    let remaining = outcome - cost_percent - depreciation;
    (remaining / (1.0 + lending_rate).powf(years)).max(0.0)
}
