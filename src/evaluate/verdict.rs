//! What one case came to. A method computes a [`Draft`] (plain options, easy to fill in); it is
//! kept as a [`Verdict`] (compact: a workspace keeps one per case, a million of them after a
//! province's import), and shown as a [`CaseResult`](super::CaseResult) only for the cases a
//! screen or a report shows.

use jiff::civil::DateTime;

use crate::error::{Error, Message};
use crate::plan::cases::{OptStamp, Stamp, Sym};
use crate::plan::catalog::TimeBasis;

use super::report::{Alert, Status};

/// A case's outcome while its method computes it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Draft {
    pub status: Status,
    pub value: Option<f64>,
    /// Open cases: time used so far, in the indicator's unit.
    pub elapsed: Option<f64>,
    pub met: Option<bool>,
    pub within_limit: Option<bool>,
    pub alert: Option<Alert>,
    pub paused: bool,
    pub measured_by: Option<TimeBasis>,
    /// The evaluation instant was consulted: a new one may change the outcome.
    pub uses_as_of: bool,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub working_minutes: Option<f64>,
    pub stopped_minutes: Option<f64>,
    pub between: Option<f64>,
    pub calendar_days: Option<f64>,
    pub deadline: Option<DateTime>,
    /// First start and last end, as given (a date alone stays a date).
    pub start: Option<Stamp>,
    pub end: Option<Stamp>,
    /// Counts and trends: the period, written one way (`2023-07`).
    pub period: Option<Sym>,
    /// Trends: the series.
    pub series: Option<Sym>,
    /// Shares: which measure of the indicator (its position).
    pub measure: Option<u8>,
    pub warnings: Vec<Message>,
}

/// Messages and errors are rare: kept apart.
#[derive(Clone, Debug, PartialEq)]
struct Notes {
    warnings: Vec<Message>,
    error: Option<Error>,
}

/// A case's outcome as kept. Number slots hold NaN for "none"; `details` are the method's:
/// working time (working minutes, stopped minutes, time between stages, calendar days) or a
/// ratio (numerator, denominator).
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Closed: the value; open: the time used so far.
    value: f64,
    details: [f64; 4],
    start: OptStamp,
    end: OptStamp,
    deadline: OptStamp,
    period: Option<Sym>,
    series: Option<Sym>,
    pub status: Status,
    pub met: Option<bool>,
    pub within_limit: Option<bool>,
    pub alert: Option<Alert>,
    pub paused: bool,
    pub measured_by: Option<TimeBasis>,
    pub uses_as_of: bool,
    measure: Option<u8>,
    notes: Option<Box<Notes>>,
}

fn opt(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

fn nan(x: Option<f64>) -> f64 {
    x.unwrap_or(f64::NAN)
}

impl Verdict {
    /// The kept form of a computed case.
    pub(crate) fn keep(d: Draft) -> Verdict {
        let open = d.status == Status::Open;
        let details = if d.measured_by.is_some() {
            [nan(d.working_minutes), nan(d.stopped_minutes), nan(d.between), nan(d.calendar_days)]
        } else {
            [nan(d.numerator), nan(d.denominator), f64::NAN, f64::NAN]
        };
        let notes = (!d.warnings.is_empty()).then(|| Box::new(Notes { warnings: d.warnings, error: None }));
        Verdict {
            value: nan(if open { d.elapsed } else { d.value }),
            details,
            start: d.start.into(),
            end: d.end.into(),
            deadline: d.deadline.map(Stamp::at).into(),
            period: d.period,
            series: d.series,
            status: d.status,
            met: d.met,
            within_limit: d.within_limit,
            alert: d.alert,
            paused: d.paused,
            measured_by: d.measured_by,
            uses_as_of: d.uses_as_of,
            measure: d.measure,
            notes,
        }
    }

    /// An invalid case: its error, and whether the evaluation instant was consulted before it.
    pub(crate) fn invalid(error: Error, uses_as_of: bool, warnings: Vec<Message>) -> Verdict {
        Verdict {
            value: f64::NAN,
            details: [f64::NAN; 4],
            start: OptStamp::NONE,
            end: OptStamp::NONE,
            deadline: OptStamp::NONE,
            period: None,
            series: None,
            status: Status::Invalid,
            met: None,
            within_limit: None,
            alert: None,
            paused: false,
            measured_by: None,
            uses_as_of,
            measure: None,
            notes: Some(Box::new(Notes { warnings, error: Some(error) })),
        }
    }

    /// Valid and closed: its value counts in the aggregate.
    pub fn counts(&self) -> bool {
        self.status == Status::Closed
    }

    /// Late: over the target (per-case targets) or over the statutory limit (averages), closed
    /// or open.
    pub fn is_late(&self) -> bool {
        self.met == Some(false) || self.within_limit == Some(false)
    }

    /// Closed cases: the value.
    pub fn value(&self) -> Option<f64> {
        if self.status == Status::Open {
            None
        } else {
            opt(self.value)
        }
    }

    /// Open cases: the time used so far.
    pub fn elapsed(&self) -> Option<f64> {
        if self.status == Status::Open {
            opt(self.value)
        } else {
            None
        }
    }

    /// The value, or the time used so far: what the case's number is.
    pub fn value_or_elapsed(&self) -> Option<f64> {
        opt(self.value)
    }

    fn timed(&self) -> bool {
        self.measured_by.is_some()
    }

    pub fn numerator(&self) -> Option<f64> {
        (!self.timed()).then(|| opt(self.details[0])).flatten()
    }

    pub fn denominator(&self) -> Option<f64> {
        (!self.timed()).then(|| opt(self.details[1])).flatten()
    }

    pub fn working_minutes(&self) -> Option<f64> {
        self.timed().then(|| opt(self.details[0])).flatten()
    }

    pub fn stopped_minutes(&self) -> Option<f64> {
        self.timed().then(|| opt(self.details[1])).flatten()
    }

    pub fn between(&self) -> Option<f64> {
        self.timed().then(|| opt(self.details[2])).flatten()
    }

    pub fn calendar_days(&self) -> Option<f64> {
        self.timed().then(|| opt(self.details[3])).flatten()
    }

    pub fn start(&self) -> Option<Stamp> {
        self.start.get()
    }

    pub fn end(&self) -> Option<Stamp> {
        self.end.get()
    }

    pub fn deadline(&self) -> Option<Stamp> {
        self.deadline.get()
    }

    /// Puts the words it holds (period, series) through `word`, as [`Case::remap_words`](crate::plan::cases::Case::remap_words).
    pub(crate) fn remap_words(&mut self, mut word: impl FnMut(Sym) -> Sym) {
        self.period = self.period.map(&mut word);
        self.series = self.series.map(&mut word);
    }

    pub fn period(&self) -> Option<Sym> {
        self.period
    }

    pub fn series(&self) -> Option<Sym> {
        self.series
    }

    /// Shares: the position of the measure among the indicator's.
    pub fn measure(&self) -> Option<usize> {
        self.measure.map(usize::from)
    }

    pub fn error(&self) -> Option<&Error> {
        self.notes.as_ref().and_then(|n| n.error.as_ref())
    }

    pub fn warnings(&self) -> &[Message] {
        self.notes.as_ref().map_or(&[], |n| &n.warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_verdict_is_small() {
        // A million cases of a province's ledgers: every byte here is a megabyte there.
        assert!(std::mem::size_of::<Verdict>() <= 104, "{}", std::mem::size_of::<Verdict>());
    }
}
