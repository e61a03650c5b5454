//! One case's value from its fields, one module per method, with every number checked against
//! its valid range (data: `data/case-fields.json`, narrowed by the catalogue's `fieldRanges`).

mod cost_ratio;
mod count;
mod growth;
mod index;
mod rate;
mod recovery;
pub(crate) mod time;
mod trend;

use jiff::civil::DateTime;

use crate::error::{Error, ErrorKind, Result};
use crate::plan::cases::{Case, NumField, Strings, TextField};
use crate::plan::catalog::{Catalog, ClassKind, Indicator, Method};
use crate::plan::fields::{case_fields, format_number, FieldRange};
use crate::time::clock::WorkingClock;

use super::report::Status;
use super::verdict::{Draft, Verdict};
use super::RecoveryMethod;

pub use recovery::doing_business_recovery;

/// What every case of one indicator is evaluated with: the clock, the evaluation instant, and
/// the limit each case is held to.
pub(crate) struct Context<'a> {
    pub catalog: &'a Catalog,
    pub clock: &'a WorkingClock,
    pub as_of: Option<DateTime>,
    pub recovery: RecoveryMethod,
    /// The limit each case is held to, in the indicator's unit: the target where it binds each
    /// case, the statutory limit set for an average, else none.
    pub limit: Option<f64>,
    pub per_case: bool,
}

/// Evaluates one case. Never fails: a case that cannot be evaluated is invalid, with the reason.
pub(crate) fn evaluate(ind: &Indicator, case: &Case, strings: &mut Strings, ctx: &Context) -> Verdict {
    let mut d = Draft::default();
    match run(ind, case, strings, ctx, &mut d) {
        Ok(()) => Verdict::keep(d),
        Err(e) => Verdict::invalid(e, d.uses_as_of, d.warnings),
    }
}

fn run(ind: &Indicator, case: &Case, strings: &mut Strings, ctx: &Context, d: &mut Draft) -> Result<()> {
    if let Some(issue) = case.problem().and_then(|p| p.issues.first()) {
        let err = Error::new(ErrorKind::Parse, issue.message.zh.clone(), issue.message.en.clone());
        return Err(match issue.field.as_deref().and_then(static_key) {
            Some(f) => err.with_field(f),
            None => err,
        });
    }
    check_class(ind, case, strings, ctx.catalog)?;
    match ind.method {
        Method::ElapsedWorking | Method::CalendarDays | Method::Years => return time::compute(ind, case, strings, ctx, d),
        Method::CostRatio => cost_ratio::compute(ind, case, ctx, d)?,
        Method::Rate => rate::compute(ind, case, strings, d)?,
        Method::Growth => growth::compute(ind, case, d)?,
        Method::Count => count::compute(ind, case, strings, d)?,
        Method::Index => index::compute(ind, case, d)?,
        Method::Trend => trend::compute(ind, case, strings, d)?,
        Method::RecoveryRate => recovery::compute(ind, case, strings, ctx, d)?,
    }
    // Trends and counts are judged in aggregate only; so are targets on an average, whose
    // cases show their distance from the target instead.
    if let (Some(v), Some(t), Status::Closed, true) = (d.value, ind.target, d.status, ctx.per_case) {
        d.met = Some(ind.direction.meets(v, t));
    }
    Ok(())
}

/// A case of another customer class or project type belongs to the sibling indicator.
fn check_class(ind: &Indicator, case: &Case, strings: &Strings, catalog: &Catalog) -> Result<()> {
    for (kind, field) in [(ClassKind::CustomerClass, TextField::CustomerClass), (ClassKind::ProjectType, TextField::ProjectType)] {
        let (Some(wanted), Some(given)) = (kind.of(ind), case.text(field).map(|s| strings.get(s)).filter(|g| !g.trim().is_empty())) else { continue };
        let (zh, en) = kind.label();
        let code = catalog.classes.normalize(kind, given).map_err(|e| e.with_field(en))?;
        if code != wanted {
            let sibling = catalog.sibling(kind, code);
            let (sid, sname) = sibling.map_or(("?", ""), |s| (s.id.as_str(), s.name_zh.as_str()));
            return Err(Error::new(
                ErrorKind::Case,
                format!("{zh}为「{given}」，应计入指标 {sid}（{sname}），不计入 {}", ind.id),
                format!("{en} is \"{given}\": this case belongs to indicator {sid}, not {}", ind.id),
            )
            .with_field(en));
        }
    }
    Ok(())
}

pub(crate) fn missing(zh: &str, en: &str) -> Error {
    keyed(Error::new(ErrorKind::Case, format!("缺少{zh}"), format!("{en} is missing")), en)
}

fn keyed(err: Error, en: &str) -> Error {
    match field_key(en) {
        Some(k) if err.field().is_none() => err.with_field(k),
        _ => err,
    }
}

/// The API names of case fields, as `&'static str` for errors.
const KEYS: [&str; 30] = [
    "start", "end", "stops", "steps", "cost", "fees", "base", "numerator", "denominator", "current", "previous", "count", "period", "value", "recovered", "claims", "years", "costPercent", "outcome",
    "lendingRate", "measure", "series", "id", "name", "county", "customerClass", "projectType", "note", "stopStart", "stopEnd",
];

fn static_key(field: &str) -> Option<&'static str> {
    KEYS.iter().copied().find(|k| *k == field)
}

/// API names of case fields, for errors: the English label's first word, as the API spells it.
fn field_key(en: &str) -> Option<&'static str> {
    let first = en.split([' ', '(']).next().unwrap_or("");
    static_key(first).or(match first {
        "fee" => Some("fees"),
        _ => None,
    })
}

/// The valid range of a case field for this indicator: the catalogue's, else the field's own.
pub(crate) fn range_of(ind: &Indicator, key: &str) -> Result<Option<FieldRange>> {
    if let Some(r) = ind.field_ranges.get(key) {
        return Ok(Some(r.clone()));
    }
    Ok(case_fields()?.iter().find(|f| f.field == key).and_then(|f| f.range.clone()))
}

/// A number field: present, a number, within its range.
fn num(ind: &Indicator, case: &Case, field: NumField, zh: &str, en: &str) -> Result<f64> {
    let x = case.number(field).ok_or_else(|| missing(zh, en))?.value(zh, en).map_err(|e| keyed(e, en))?;
    ranged(ind, x, field.key(), zh, en)
}

fn opt_num(ind: &Indicator, case: &Case, field: NumField, zh: &str, en: &str) -> Result<Option<f64>> {
    case.number(field).map(|n| n.value(zh, en).map_err(|e| keyed(e, en)).and_then(|x| ranged(ind, x, field.key(), zh, en))).transpose()
}

fn ranged(ind: &Indicator, x: f64, key: &'static str, zh: &str, en: &str) -> Result<f64> {
    match range_of(ind, key)? {
        Some(range) => range.check(x, zh, en).map_err(|e| e.with_field(key)),
        None => Ok(x),
    }
}

/// `a` may not exceed `b` when the range of `key` says so (a numerator its denominator).
fn at_most(ind: &Indicator, key: &'static str, a: f64, b: f64, (a_zh, a_en): (&str, &str), (b_zh, b_en): (&str, &str)) -> Result<()> {
    if range_of(ind, key)?.is_some_and(|r| r.at_most.is_some()) && a > b {
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
fn ratio(ind: &Indicator, case: &Case, d: &mut Draft, (part, part_zh): (NumField, &str), (whole, whole_zh): (NumField, &str)) -> Result<()> {
    let (part_key, whole_key) = (part.key(), whole.key());
    let n = num(ind, case, part, part_zh, part_key)?;
    let w = num(ind, case, whole, whole_zh, whole_key)?;
    at_most(ind, part_key, n, w, (part_zh, part_key), (whole_zh, whole_key))?;
    d.value = Some(100.0 * n / w);
    d.numerator = Some(n);
    d.denominator = Some(w);
    Ok(())
}

fn fmt(x: f64) -> String {
    format_number(x)
}

/// A word field, trimmed, if given.
fn word<'s>(case: &Case, strings: &'s Strings, field: TextField) -> Option<&'s str> {
    case.text(field).map(|s| strings.get(s).trim()).filter(|t| !t.is_empty())
}
