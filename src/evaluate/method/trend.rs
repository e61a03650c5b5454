//! Trends (6.1, 7.3): a value per period and series, compared like with like in aggregate.

use crate::error::Result;
use crate::plan::cases::{Case, NumField, Strings, TextField};
use crate::plan::catalog::Indicator;

use super::{missing, num, word, Draft};

pub(super) fn compute(ind: &Indicator, case: &Case, strings: &mut Strings, d: &mut Draft) -> Result<()> {
    let period = word(case, strings, TextField::Period).map(normalize_period).filter(|p| !p.is_empty()).ok_or_else(|| missing("期间（如 2023-07）", "period (e.g. 2023-07)"))?;
    d.value = Some(num(ind, case, NumField::Value, "数值", "value")?);
    let series = word(case, strings, TextField::Series).map(str::to_string);
    d.period = Some(strings.intern(&period));
    d.series = series.map(|s| strings.intern(&s));
    Ok(())
}

/// `2023年7月`, `2023/7`, `2023.07` → `2023-07`; `2023年6月30日`, `2023/6/30` → `2023-06-30`;
/// other text is kept as given (trimmed), so that periods sort as they are meant.
pub(crate) fn normalize_period(text: &str) -> String {
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
