//! The cases of one indicator, each under a stable key, with their kept evaluation.
//!
//! Keys are handed out in increasing order and cases are only ever appended, or put back where
//! they were, so the keys of an indicator stay sorted: a key is found by binary search, and no
//! map from keys to positions has to be kept for a million cases.

use crate::error::Result;
use crate::evaluate::method::{self, Context};
use crate::evaluate::{Engine, Evaluation, Verdict};
use crate::plan::cases::{Case, Strings};
use crate::plan::catalog::{Catalog, Indicator};

use super::Stats;

/// A case's key: unique in the workspace, never reused.
pub type Key = u32;

/// The cases of one indicator.
#[derive(Clone, Debug, Default)]
pub(crate) struct Set {
    pub keys: Vec<Key>,
    pub cases: Vec<Case>,
    /// The kept evaluation: one verdict per case, the summary, the county table. `None` until the
    /// indicator is first asked for.
    pub eval: Option<Evaluation>,
    /// The workspace revision of the last change of these cases (for autosave).
    pub revision: u64,
    /// Verdicts kept but not aggregated yet, while `eval` is `None`: ledgers added one after
    /// another (`absorb`) are aggregated once, when the indicator is next asked for, rather than
    /// after each file. Dropped (evaluated afresh then) when the settings change.
    pub unaggregated: Option<Vec<Verdict>>,
}

impl Set {
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// The position of a key.
    pub fn position(&self, key: Key) -> Option<usize> {
        self.keys.binary_search(&key).ok()
    }

    /// Whether some case's verdict depends on the evaluation instant.
    pub fn depends_on_as_of(&self) -> bool {
        self.eval.as_ref().is_some_and(|e| e.verdicts.iter().any(|v| v.uses_as_of))
    }

    /// Evaluates every case again and aggregates.
    pub fn evaluate_all(&mut self, catalog: &Catalog, ind: &Indicator, strings: &mut Strings, engine: &Engine, stats: &mut Stats) -> Result<()> {
        let ctx = engine.context(catalog, ind)?;
        let verdicts: Vec<Verdict> = self.cases.iter().map(|c| method::evaluate(ind, c, strings, &ctx)).collect();
        stats.cases_evaluated += verdicts.len() as u64;
        self.aggregate(catalog, ind, strings, engine, stats, verdicts);
        Ok(())
    }

    /// Evaluates again the cases whose kept verdict matches `again` (the open ones, after a new
    /// evaluation instant), keeps the others, and aggregates.
    pub fn evaluate_where(&mut self, catalog: &Catalog, ind: &Indicator, strings: &mut Strings, engine: &Engine, stats: &mut Stats, again: impl Fn(&Verdict) -> bool) -> Result<()> {
        let Some(eval) = self.eval.take() else { return self.evaluate_all(catalog, ind, strings, engine, stats) };
        let ctx = engine.context(catalog, ind)?;
        let mut verdicts = eval.verdicts;
        for (v, c) in verdicts.iter_mut().zip(&self.cases) {
            if again(v) {
                *v = method::evaluate(ind, c, strings, &ctx);
                stats.cases_evaluated += 1;
            }
        }
        self.aggregate(catalog, ind, strings, engine, stats, verdicts);
        Ok(())
    }

    /// Summary and county table from the verdicts.
    pub fn aggregate(&mut self, catalog: &Catalog, ind: &Indicator, strings: &Strings, engine: &Engine, stats: &mut Stats, verdicts: Vec<Verdict>) {
        stats.aggregations += 1;
        self.eval = Some(Evaluation::aggregate(catalog, ind, &self.cases, strings, engine, verdicts));
    }

    /// The verdicts kept, taken out to be changed (the evaluation is aggregated again after).
    pub fn take_verdicts(&mut self) -> Option<Vec<Verdict>> {
        self.eval.take().map(|e| e.verdicts).or_else(|| self.unaggregated.take())
    }

    /// The verdicts kept, aggregated or not.
    pub fn verdicts(&self) -> Option<&[Verdict]> {
        self.eval.as_ref().map(|e| e.verdicts.as_slice()).or(self.unaggregated.as_deref())
    }
}

/// One case evaluated in the indicator's context.
pub(crate) fn evaluate_one(ind: &Indicator, case: &Case, strings: &mut Strings, ctx: &Context, stats: &mut Stats) -> Verdict {
    stats.cases_evaluated += 1;
    method::evaluate(ind, case, strings, ctx)
}
