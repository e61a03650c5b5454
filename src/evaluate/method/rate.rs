//! Rates (4.1–4.3, 5.1, 5.3, 7.1, 7.2, 8.1, 9.1–9.3, 11.1, 12.1, 12.4): a numerator over a
//! denominator, in percent, pooled; for an indicator of several shares (5.3), the measure the
//! record counts.

use crate::error::{Error, ErrorKind, Result};
use crate::plan::cases::{Case, NumField, Strings, TextField};
use crate::plan::catalog::{Aggregation, Indicator};

use super::{ratio, word, Draft};

pub(super) fn compute(ind: &Indicator, case: &Case, strings: &Strings, d: &mut Draft) -> Result<()> {
    ratio(ind, case, d, (NumField::Numerator, "分子"), (NumField::Denominator, "分母"))?;
    if ind.aggregation() == Aggregation::Shares {
        d.measure = Some(measure_of(ind, case, strings)?);
    }
    Ok(())
}

/// The measure a record of a `shares` indicator counts (its position), or an error listing
/// the measures.
fn measure_of(ind: &Indicator, case: &Case, strings: &Strings) -> Result<u8> {
    let names_zh: Vec<&str> = ind.measures.iter().map(|m| m.name_zh.as_str()).collect();
    let names_en: Vec<&str> = ind.measures.iter().map(|m| m.id.as_str()).collect();
    let text = word(case, strings, TextField::Measure).ok_or_else(|| {
        Error::new(
            ErrorKind::Case,
            format!("缺少统计口径：本指标按{}分别计算占比，应填写其中之一", names_zh.join("、")),
            format!("measure is missing: this indicator pools {} separately; give one of them", names_en.join(" and ")),
        )
        .with_field("measure")
    })?;
    let found = ind.measure(text).and_then(|m| ind.measures.iter().position(|x| x.id == m.id)).and_then(|i| u8::try_from(i).ok());
    found.ok_or_else(|| {
        Error::new(
            ErrorKind::Case,
            format!("统计口径「{text}」无法识别：应为{}", names_zh.join("或")),
            format!("measure \"{text}\" is not recognised: expected {}", names_en.join(" or ")),
        )
        .with_field("measure")
    })
}
