//! One case's value from its fields, by the indicator's method, with every number checked
//! against its valid range (data: `data/case-fields.json`, narrowed by the catalogue).

use crate::plan::cases::{Case, FieldRange, Num};
use crate::plan::catalog::{Aggregation, Indicator, Method};
use crate::error::{Error, ErrorKind, Result};

use super::{time, CaseResult, Context, RecoveryMethod, Status};

pub(super) fn missing(zh: &str, en: &str) -> Error {
    keyed(Error::new(ErrorKind::Case, format!("缺少{zh}"), format!("{en} is missing")), en)
}

fn keyed(err: Error, en: &str) -> Error {
    match field_key(en) {
        Some(k) if err.field().is_none() => err.with_field(k),
        _ => err,
    }
}

/// API names of case fields, for errors: the English label's first word, as the API spells it.
fn field_key(en: &str) -> Option<&'static str> {
    const KEYS: [&str; 22] = [
        "start", "end", "stops", "steps", "cost", "fees", "base", "numerator", "denominator", "current", "previous", "count", "period", "value", "recovered", "claims", "years", "costPercent", "outcome",
        "lendingRate", "measure", "series",
    ];
    let first = en.split([' ', '(']).next().unwrap_or("");
    KEYS.iter().copied().find(|k| *k == first).or(match first {
        "fee" => Some("fees"),
        _ => None,
    })
}

/// The valid range of a case field for this indicator: the catalogue's, else the field's own.
fn range_of(ind: &Indicator, key: &str) -> Option<FieldRange> {
    ind.field_ranges.get(key).cloned().or_else(|| crate::ledger::table::case_fields().iter().find(|f| f.field == key).and_then(|f| f.range.clone()))
}

/// A number field: present, a number, within its range.
fn num(ind: &Indicator, field: &Option<Num>, key: &'static str, zh: &str, en: &str) -> Result<f64> {
    let x = field.as_ref().ok_or_else(|| missing(zh, en))?.value(zh, en).map_err(|e| keyed(e, en))?;
    ranged(ind, x, key, zh, en)
}

fn opt_num(ind: &Indicator, field: &Option<Num>, key: &'static str, zh: &str, en: &str) -> Result<Option<f64>> {
    field.as_ref().map(|n| n.value(zh, en).map_err(|e| keyed(e, en)).and_then(|x| ranged(ind, x, key, zh, en))).transpose()
}

fn ranged(ind: &Indicator, x: f64, key: &'static str, zh: &str, en: &str) -> Result<f64> {
    match range_of(ind, key) {
        Some(range) => range.check(x, zh, en).map_err(|e| e.with_field(key)),
        None => Ok(x),
    }
}

/// `a` may not exceed `b` when the range of `key` says so (a numerator its denominator).
fn at_most(ind: &Indicator, key: &'static str, a: f64, b: f64, (a_zh, a_en): (&str, &str), (b_zh, b_en): (&str, &str)) -> Result<()> {
    if range_of(ind, key).is_some_and(|r| r.at_most.is_some()) && a > b {
        return Err(Error::new(
            ErrorKind::Range,
            format!("{a_zh} {} 大于{b_zh} {}：{a_zh}不能超过{b_zh}，比率不能超过 100%", fmt(a), fmt(b)),
            format!("{a_en} {} exceeds {b_en} {}: a rate cannot exceed 100 %", fmt(a), fmt(b)),
        )
        .with_field(key));
    }
    Ok(())
}

/// A part over a whole, in percent, both checked fields (the part at most the whole where its
/// range says so); kept as the case's share of the pooled sums.
fn ratio(ind: &Indicator, r: &mut CaseResult, (part, part_key, part_zh): (&Option<Num>, &'static str, &str), (whole, whole_key, whole_zh): (&Option<Num>, &'static str, &str)) -> Result<()> {
    let n = num(ind, part, part_key, part_zh, part_key)?;
    let d = num(ind, whole, whole_key, whole_zh, whole_key)?;
    at_most(ind, part_key, n, d, (part_zh, part_key), (whole_zh, whole_key))?;
    r.value = Some(100.0 * n / d);
    r.numerator = Some(n);
    r.denominator = Some(d);
    Ok(())
}

fn fmt(x: f64) -> String {
    crate::plan::cases::format_number(x)
}

/// Computes `r` from `case` by the indicator's method, and its verdict where the target binds
/// each case.
pub(super) fn compute(ind: &Indicator, case: &Case, ctx: &Context, r: &mut CaseResult) -> Result<()> {
    match ind.method {
        Method::ElapsedWorking | Method::CalendarDays | Method::Years => return time::compute_time(ind, case, ctx, r),
        Method::CostRatio => {
            let fees = case
                .fees
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let (zh, en) = (format!("费用第 {} 项", i + 1), format!("fee {}", i + 1));
                    let x = f.amount.value(&zh, &en).map_err(|e| e.with_field("fees").with_item(i))?;
                    FieldRange { min: Some(0.0), ..FieldRange::default() }.check(x, &zh, &en).map_err(|e| e.with_field("fees").with_item(i))
                })
                .collect::<Result<Vec<f64>>>()?;
            let cost = opt_num(ind, &case.cost, "cost", "费用", "cost")?;
            let total = match (cost, fees.is_empty()) {
                (None, true) => return Err(missing("费用（cost 或 fees）", "cost (or fees)")),
                (Some(c), true) => c,
                (c, false) => {
                    let sum: f64 = fees.iter().sum();
                    if let Some(c) = c.filter(|c| (c - sum).abs() > 1e-6 * sum.abs().max(1.0)) {
                        r.warnings.push(ctx.lang.pick(&format!("费用 {} 与费用明细合计 {} 不一致，按明细合计计算", fmt(c), fmt(sum)), &format!("cost {} differs from the sum of fees {}; the sum of fees is used", fmt(c), fmt(sum))));
                    }
                    sum
                }
            };
            let base = num(ind, &case.base, "base", "基数（总投资、索赔额或财产价值）", "base")?;
            r.value = Some(100.0 * total / base);
            r.numerator = Some(total);
            r.denominator = Some(base);
        }
        Method::Rate => {
            ratio(ind, r, (&case.numerator, "numerator", "分子"), (&case.denominator, "denominator", "分母"))?;
            if ind.aggregation() == Aggregation::Shares {
                r.measure = Some(measure_of(ind, case)?);
            }
        }
        Method::Growth => {
            let cur = num(ind, &case.current, "current", "本期值", "current")?;
            let prev = num(ind, &case.previous, "previous", "上年同期值", "previous")?;
            r.value = Some(100.0 * (cur - prev) / prev);
            r.numerator = Some(cur - prev);
            r.denominator = Some(prev);
        }
        Method::Count => {
            r.value = Some(num(ind, &case.count, "count", "数量", "count")?);
            let period = case.period.as_deref().map(normalize_period).filter(|p| !p.is_empty());
            if period.is_none() && ind.aggregation() == Aggregation::Stock {
                return Err(missing("统计时点（期末日期或月份，如 2023-12）：本指标是存量，按各县区最近一次的数量汇总", "period (the date of the count, e.g. 2023-12): this indicator is a stock, summed from each county's latest count"));
            }
            r.period = period;
        }
        Method::Index => {
            r.value = Some(num(ind, &case.value, "value", "指数值", "value")?);
        }
        Method::Trend => {
            let period = case.period.as_deref().map(normalize_period).filter(|p| !p.is_empty()).ok_or_else(|| missing("期间（如 2023-07）", "period (e.g. 2023-07)"))?;
            r.value = Some(num(ind, &case.value, "value", "数值", "value")?);
            r.period = Some(period);
            r.series = case.series.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        }
        Method::RecoveryRate => compute_recovery(ind, case, ctx, r)?,
    }
    // Trends and counts are judged in aggregate only; so are targets on an average, whose
    // cases show their distance from the target instead.
    if let (Some(v), Some(t), Status::Closed) = (r.value, ind.target, r.status) {
        if ctx.per_case {
            r.met = Some(ind.direction.meets(v, t));
        } else if !matches!(ind.method, Method::Count | Method::Trend) {
            r.gap = Some(v - t);
        }
    }
    Ok(())
}

/// The measure a record of a `shares` indicator counts, or an error listing the measures.
fn measure_of(ind: &Indicator, case: &Case) -> Result<String> {
    let names_zh: Vec<&str> = ind.measures.iter().map(|m| m.name_zh.as_str()).collect();
    let names_en: Vec<&str> = ind.measures.iter().map(|m| m.id.as_str()).collect();
    let text = case.measure.as_deref().map(str::trim).filter(|t| !t.is_empty()).ok_or_else(|| {
        Error::new(
            ErrorKind::Case,
            format!("缺少统计口径：本指标按{}分别计算占比，应填写其中之一", names_zh.join("、")),
            format!("measure is missing: this indicator pools {} separately; give one of them", names_en.join(" and ")),
        )
        .with_field("measure")
    })?;
    ind.measure(text).map(|m| m.id.clone()).ok_or_else(|| {
        Error::new(
            ErrorKind::Case,
            format!("统计口径「{text}」无法识别：应为{}", names_zh.join("或")),
            format!("measure \"{text}\" is not recognised: expected {}", names_en.join(" or ")),
        )
        .with_field("measure")
    })
}

fn compute_recovery(ind: &Indicator, case: &Case, ctx: &Context, r: &mut CaseResult) -> Result<()> {
    match ctx.recovery {
        RecoveryMethod::Pooled => {
            ratio(ind, r, (&case.recovered, "recovered", "回收金额"), (&case.claims, "claims", "债权总额"))?;
        }
        RecoveryMethod::DoingBusiness => {
            let years = match opt_num(ind, &case.years, "years", "收回债务时间（年）", "years")? {
                Some(y) => y,
                None => {
                    let a = case.start.as_ref().ok_or_else(|| missing("收回债务时间（年数，或开始、结束日期）", "years (or start and end)"))?;
                    let b = case.end.as_ref().ok_or_else(|| missing("结束日期", "end"))?;
                    ranged(ind, crate::api::calendar_days(a, b)? / 365.0, "years", "收回债务时间（年）", "years")?
                }
            };
            let cost = match opt_num(ind, &case.cost_percent, "costPercent", "收回债务成本（%）", "costPercent")? {
                Some(c) => c,
                None => {
                    let cost = num(ind, &case.cost, "cost", "收回债务成本（占财产价值的百分比，或费用与财产价值）", "costPercent (or cost and base)")?;
                    let base = num(ind, &case.base, "base", "财产价值", "base")?;
                    ranged(ind, 100.0 * cost / base, "costPercent", "收回债务成本（%）", "costPercent")?
                }
            };
            let outcome = match case.outcome.as_deref().map(str::trim) {
                Some("going_concern" | "持续经营" | "整体出售" | "重整") => 100.0,
                Some("piecemeal" | "分散出售" | "清算" | "资产分拆出售") => 70.0,
                Some(other) => {
                    return Err(Error::new(ErrorKind::Case, format!("处置方式「{other}」无法识别：应为 持续经营（going_concern）或 分散出售（piecemeal）"), format!("outcome \"{other}\" is not recognised: expected going_concern or piecemeal"))
                        .with_field("outcome"))
                }
                None => return Err(missing("处置方式（持续经营或分散出售）", "outcome (going_concern or piecemeal)")),
            };
            let rate = num(ind, &case.lending_rate, "lendingRate", "贷款利率（%）", "lendingRate")? / 100.0;
            r.value = Some(doing_business_recovery(outcome, cost, years, rate));
        }
    }
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

/// `2023年7月`, `2023/7`, `2023.07` → `2023-07`; `2023年6月30日`, `2023/6/30` → `2023-06-30`;
/// other text is kept as given (trimmed), so that periods sort as they are meant.
pub(super) fn normalize_period(text: &str) -> String {
    let t = text.trim();
    let digits: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let only_dates = !t.chars().any(|c| c.is_alphabetic() && !matches!(c, '年' | '月' | '日'));
    match digits.as_slice() {
        [y, m] if y.len() == 4 && m.len() <= 2 && (t.ends_with('月') || only_dates) => match m.parse::<u8>() {
            Ok(month @ 1..=12) => format!("{y}-{month:02}"),
            _ => t.to_string(),
        },
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 && only_dates => match (m.parse::<u8>(), d.parse::<u8>()) {
            (Ok(month @ 1..=12), Ok(day @ 1..=31)) => format!("{y}-{month:02}-{day:02}"),
            _ => t.to_string(),
        },
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_written_one_way() {
        assert_eq!(normalize_period("2023年7月"), "2023-07");
        assert_eq!(normalize_period(" 2023/7 "), "2023-07");
        assert_eq!(normalize_period("2023.07"), "2023-07");
        assert_eq!(normalize_period("2023年6月30日"), "2023-06-30");
        assert_eq!(normalize_period("2023/6/30"), "2023-06-30");
        assert_eq!(normalize_period("2023-13"), "2023-13");
        assert_eq!(normalize_period("2023Q4"), "2023Q4");
    }
}
