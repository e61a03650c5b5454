//! Time cases (1.1, 1.2, 2.1, 2.2, 3.1–3.7, 8.2, 10.1–10.3): the value over the indicator's time
//! basis — the span from first start to last end, or the union of the government's (or
//! utility's) own stages — with stops excluded, deadlines, and alerts compared exactly in whole
//! seconds.

use jiff::civil::DateTime;
use jiff::SignedDuration;

use crate::error::{Error, ErrorKind, Message, Result};
use crate::evaluate::report::{Alert, Status, StepResult};
use crate::plan::cases::{Case, Entry, Stamp, Strings};
use crate::plan::catalog::{Direction, Indicator, Method, TimeBasis};
use crate::time::clock::{self, merge_stops, Stop};
use crate::time::parse::Field;

use super::{missing, Context, Draft};

/// A time value in the indicator's unit and in whole seconds (working or calendar, stops out).
struct Measured {
    value: f64,
    seconds: i64,
    working_minutes: Option<f64>,
    stopped_minutes: Option<f64>,
    warnings: Vec<i16>,
}

/// A step as given: its name, its label for messages, and its bounds where given.
struct ParsedStep {
    name: Option<String>,
    label: String,
    start: Option<(DateTime, Stamp)>,
    end: Option<(DateTime, Stamp)>,
}

pub(super) fn compute(ind: &Indicator, case: &Case, strings: &Strings, ctx: &Context, d: &mut Draft) -> Result<()> {
    let stops = parse_stops(case).map_err(|e| e.context("停止计时", "stops"))?;
    let steps = parse_steps(case, strings)?;
    let basis = if ind.time_basis() == Some(TimeBasis::Stages) && !steps.is_empty() { TimeBasis::Stages } else { TimeBasis::Span };
    d.measured_by = Some(basis);
    match basis {
        TimeBasis::Span => span(ind, case, ctx, d, &stops, &steps),
        TimeBasis::Stages => stages(ind, case, ctx, d, &stops, &steps),
    }
}

/// The case's stops as instants, each error naming its stop.
fn parse_stops(case: &Case) -> Result<Vec<Stop>> {
    case.stops()
        .iter()
        .enumerate()
        .map(|(i, stop)| {
            let numbered = |e: Error| e.context(&format!("第 {} 个停止计时时段", i + 1), &format!("stop {}", i + 1)).with_item(i);
            let start = stop.start.instant(Field::STOP_START).map_err(numbered)?;
            let end = stop.end.instant(Field::STOP_END).map_err(numbered)?;
            Ok(Stop { start, end })
        })
        .collect()
}

fn parse_steps(case: &Case, strings: &Strings) -> Result<Vec<ParsedStep>> {
    case.steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let name = step.name.map(|n| strings.get(n).to_string());
            let label = name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("第 {} 个环节", i + 1));
            let in_step = |e: Error| e.context(&format!("环节「{label}」"), &format!("step \"{label}\""));
            let start = step.start.as_ref().map(|s| timed(Field::START, s)).transpose().map_err(in_step)?;
            let end = step.end.as_ref().map(|e| timed(Field::END, e)).transpose().map_err(in_step)?;
            if let (Some((s, _)), Some((e, _))) = (&start, &end) {
                if e < s {
                    return Err(in_step(end_before_start(*s, *e)));
                }
            }
            if start.is_none() && end.is_some() {
                return Err(in_step(missing("开始时间", "start")));
            }
            Ok(ParsedStep { name, label, start, end })
        })
        .collect()
}

fn end_before_start(start: DateTime, end: DateTime) -> Error {
    Error::new(
        ErrorKind::EndBeforeStart,
        format!("结束时间 {} 早于开始时间 {}", clock::show(end), clock::show(start)),
        format!("end {} is before start {}", clock::show(end), clock::show(start)),
    )
    .with_field("end")
}

fn after_as_of(start: DateTime, as_of: DateTime) -> Error {
    Error::new(
        ErrorKind::Range,
        format!("开始时间 {} 晚于评估时点 {}：案件尚未开始，请核对开始时间或评估时点", clock::show(start), clock::show(as_of)),
        format!("start {} is after the evaluation instant (asOf) {}: the case has not begun; check the start or asOf", clock::show(start), clock::show(as_of)),
    )
    .with_field("start")
}

/// First start to last end (steps run in parallel: overlaps once), stops excluded.
fn span(ind: &Indicator, case: &Case, ctx: &Context, d: &mut Draft, stops: &[Stop], steps: &[ParsedStep]) -> Result<()> {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    if let Some(s) = &case.start {
        starts.push(timed(Field::START, s)?);
    }
    if let Some(e) = &case.end {
        ends.push(timed(Field::END, e)?);
    }
    let mut open = case.end.is_none() && steps.is_empty();
    for step in steps {
        let start = step.start.ok_or_else(|| missing("开始时间", "start").context(&format!("环节「{}」", step.label), &format!("step \"{}\"", step.label)))?;
        starts.push(start);
        match &step.end {
            Some(e) => ends.push(*e),
            None if case.end.is_none() => open = true,
            None => {}
        }
    }
    let (start, shown) = starts.into_iter().min_by_key(|(at, _)| *at).ok_or_else(|| missing("开始时间（受理或申请时间）", "start"))?;
    d.start = Some(shown);
    if let Some(limit) = ctx.limit {
        d.deadline = deadline(ind, ctx, start, limit, stops)?;
    }
    if open {
        d.status = Status::Open;
        d.uses_as_of = true;
        let Some(as_of) = ctx.as_of else { return Ok(()) };
        if as_of < start {
            return Err(after_as_of(start, as_of));
        }
        let so_far = measure(ind, ctx, start, as_of, stops)?;
        d.elapsed = Some(so_far.value);
        d.working_minutes = so_far.working_minutes;
        judge_open(ind, ctx, d, so_far.value, so_far.seconds);
        return Ok(());
    }
    let (end, shown) = ends.into_iter().max_by_key(|(at, _)| *at).ok_or_else(|| missing("结束时间（办结时间）", "end"))?;
    d.end = Some(shown);
    let m = measure(ind, ctx, start, end, stops)?;
    d.value = Some(m.value);
    d.working_minutes = m.working_minutes;
    d.stopped_minutes = m.stopped_minutes;
    d.calendar_days = Some(clock::calendar_days(start, end));
    d.warnings.extend(m.warnings.iter().map(|y| year_warning(*y)));
    judge_closed(ind, ctx, d, m.seconds);
    Ok(())
}

/// The union of the stages (overlaps once), stops inside a stage excluded; the time between
/// stages is the applicant's or the customer's and is not counted.
fn stages(ind: &Indicator, case: &Case, ctx: &Context, d: &mut Draft, stops: &[Stop], steps: &[ParsedStep]) -> Result<()> {
    let closed_case = case.end.is_some();
    let mut running = false;
    let mut pending = false;
    for step in steps {
        match (&step.start, &step.end) {
            (None, None) if !closed_case => pending = true,
            (None, _) => return Err(missing("开始时间", "start").context(&format!("环节「{}」", step.label), &format!("step \"{}\"", step.label))),
            (Some(_), None) if closed_case => {
                return Err(Error::new(
                    ErrorKind::Case,
                    format!("环节「{}」缺少结束时间：案件已办结，按环节计时须填写每个环节的开始和结束时间", step.label),
                    format!("step \"{}\" has no end: the case is closed, and measuring by stages needs every stage's start and end", step.label),
                )
                .with_field("steps"))
            }
            (Some(_), None) => running = true,
            (Some(_), Some(_)) => {}
        }
    }
    let first = steps.iter().filter_map(|s| s.start).min_by_key(|(at, _)| *at);
    d.start = first.map(|(_, shown)| shown);
    if running || pending {
        d.status = Status::Open;
        d.paused = !running;
        d.uses_as_of = true;
    }
    if running && ctx.as_of.is_none() {
        return Ok(());
    }
    if let (true, Some(as_of)) = (running, ctx.as_of) {
        if let Some((s, _)) = steps.iter().filter(|s| s.end.is_none()).filter_map(|s| s.start).find(|(s, _)| *s > as_of) {
            return Err(after_as_of(s, as_of));
        }
    }
    // Each stage as [start, end), an open one up to asOf (for time so far) or without end (for
    // the deadline).
    let bounded: Vec<(DateTime, Option<DateTime>)> = steps.iter().filter_map(|s| Some((s.start.as_ref()?.0, s.end.as_ref().map(|e| e.0).or(ctx.as_of)))).collect();
    let unbounded: Vec<(DateTime, Option<DateTime>)> = steps.iter().filter_map(|s| Some((s.start.as_ref()?.0, s.end.as_ref().map(|e| e.0)))).collect();
    let measured = union(bounded);
    let mut used = 0i64;
    let mut stopped = 0i64;
    let mut years = Vec::new();
    for &(a, b) in &measured {
        let e = ctx.clock.elapsed(a, b.unwrap_or(a), stops)?;
        used += e.working_seconds;
        stopped += e.stopped_seconds;
        years.extend(e.uncovered_years);
    }
    years.sort_unstable();
    years.dedup();
    let day = ctx.clock.hours().day_seconds() as f64;
    let value = used as f64 / day;
    if let (Some(&(lo, _)), Some(&(_, Some(hi)))) = (measured.first(), measured.last()) {
        let whole = ctx.clock.elapsed(lo, hi, stops)?;
        d.between = Some((whole.working_seconds - used) as f64 / day);
        if d.status == Status::Closed {
            d.calendar_days = Some(clock::calendar_days(lo, hi));
        }
    }
    d.working_minutes = Some(used as f64 / 60.0);
    d.stopped_minutes = Some(stopped as f64 / 60.0);
    d.warnings.extend(years.iter().map(|y| year_warning(*y)));
    if let Some(limit) = ctx.limit {
        // A paused case has no deadline running; a running or closed one reaches its limit
        // within a stage, if at all.
        if !d.paused {
            d.deadline = stage_deadline(ctx, &union(unbounded), seconds_of(ind, ctx, limit), stops)?;
        }
    }
    if d.status == Status::Open {
        d.elapsed = Some(value);
        judge_open(ind, ctx, d, value, used);
        return Ok(());
    }
    d.end = steps.iter().filter_map(|s| s.end).max_by_key(|(at, _)| *at).map(|(_, shown)| shown);
    d.value = Some(value);
    judge_closed(ind, ctx, d, used);
    Ok(())
}

/// Overlapping intervals merged; an interval without end runs on for ever.
fn union(mut intervals: Vec<(DateTime, Option<DateTime>)>) -> Vec<(DateTime, Option<DateTime>)> {
    intervals.sort_by_key(|(a, _)| *a);
    let mut merged: Vec<(DateTime, Option<DateTime>)> = Vec::with_capacity(intervals.len());
    for (a, b) in intervals {
        if let Some(last) = merged.last_mut() {
            match last.1 {
                // An open stage runs on: it covers everything after it.
                None => continue,
                Some(end) if a <= end => {
                    last.1 = b.map(|b| b.max(end));
                    continue;
                }
                Some(_) => {}
            }
        }
        merged.push((a, b));
    }
    merged
}

/// The instant the stages' working time reaches `limit` seconds, walking them in order; an
/// open stage runs on. `None` when the stages end before.
fn stage_deadline(ctx: &Context, stages: &[(DateTime, Option<DateTime>)], limit: i64, stops: &[Stop]) -> Result<Option<DateTime>> {
    let mut used = 0i64;
    for &(a, b) in stages {
        match b {
            Some(b) => {
                let w = ctx.clock.elapsed(a, b, stops)?.working_seconds;
                if used + w >= limit {
                    return ctx.clock.deadline(a, limit - used, stops).map(Some);
                }
                used += w;
            }
            None => return ctx.clock.deadline(a, (limit - used).max(0), stops).map(Some),
        }
    }
    Ok(None)
}

/// Each step's own time and its place on the case's timeline (first start to last end, or
/// `asOf`), for the case table: computed only for the cases a screen shows.
pub(crate) fn step_results(ind: &Indicator, case: &Case, strings: &Strings, ctx: &Context) -> Result<Vec<StepResult>> {
    let stops = parse_stops(case)?;
    let steps = parse_steps(case, strings)?;
    let closed_case = case.end.is_some();
    let lo = steps.iter().filter_map(|s| s.start.as_ref().map(|x| x.0)).min();
    let running = steps.iter().any(|s| s.start.is_some() && s.end.is_none()) && !closed_case;
    let hi = steps.iter().filter_map(|s| s.end.as_ref().map(|x| x.0)).chain(ctx.as_of.filter(|_| running)).chain(lo).max();
    let width = match (lo, hi) {
        (Some(lo), Some(hi)) if hi > lo => Some((lo, hi.duration_since(lo).as_secs_f64())),
        _ => None,
    };
    let at = |t: DateTime| width.map(|(lo, w)| (t.duration_since(lo).as_secs_f64() / w).clamp(0.0, 1.0));
    steps
        .iter()
        .map(|step| {
            let mut out = StepResult { name: step.name.clone(), start: step.start.as_ref().map(|s| s.1.shown()), end: step.end.as_ref().map(|e| e.1.shown()), ..StepResult::default() };
            out.pending = step.start.is_none();
            out.open = step.start.is_some() && step.end.is_none() && !closed_case;
            if let (Some((s, _)), Some((e, _))) = (&step.start, &step.end) {
                let m = measure(ind, ctx, *s, *e, &stops)?;
                out.value = Some(m.value);
                out.working_minutes = m.working_minutes;
            }
            if let Some((s, _)) = &step.start {
                let e = step.end.as_ref().map(|e| e.0).or(ctx.as_of.filter(|_| out.open)).unwrap_or(*s);
                out.from = at(*s);
                out.to = at(e.max(*s));
            }
            Ok(out)
        })
        .collect()
}

/// A closed case against its limit: the target where it binds each case (met or not), the
/// statutory limit where the target is on an average (within it or not, and the distance
/// from the target).
fn judge_closed(ind: &Indicator, ctx: &Context, d: &mut Draft, seconds: i64) {
    if let Some(limit) = ctx.limit {
        let over = exceeds(ind.direction, seconds, seconds_of(ind, ctx, limit));
        if ctx.per_case {
            d.met = Some(!over);
        } else {
            d.within_limit = Some(!over);
        }
    }
}

/// An open case against its limit: time left, and an alert from 80 % of it.
fn judge_open(ind: &Indicator, ctx: &Context, d: &mut Draft, value: f64, seconds: i64) {
    let Some(limit) = ctx.limit else { return };
    let limit_seconds = seconds_of(ind, ctx, limit);
    let _ = value;
    let alert = alert(ind.direction, seconds, limit_seconds);
    d.alert = Some(alert);
    if alert == Alert::Overdue {
        if ctx.per_case {
            d.met = Some(false);
        } else {
            d.within_limit = Some(false);
        }
    }
}

/// Whether `used` seconds break a limit of `limit` seconds, exactly.
fn exceeds(direction: Direction, used: i64, limit: i64) -> bool {
    match direction {
        Direction::Le => used > limit,
        Direction::Lt => used >= limit,
        other => !other.meets(used as f64, limit as f64),
    }
}

/// `overdue` past the limit, `warning` from 80 % of it (used × 5 ≥ limit × 4, in whole
/// seconds, so that 2.4 of 3 working days is a warning), else `ok`.
fn alert(direction: Direction, used: i64, limit: i64) -> Alert {
    if exceeds(direction, used, limit) {
        Alert::Overdue
    } else if i128::from(used) * 5 >= i128::from(limit) * 4 {
        Alert::Warning
    } else {
        Alert::Ok
    }
}

/// A limit in the indicator's unit as whole seconds: working seconds of the configured day,
/// or calendar seconds.
pub(crate) fn seconds_of(ind: &Indicator, ctx: &Context, limit: f64) -> i64 {
    let per_unit = match ind.method {
        Method::ElapsedWorking => ctx.clock.hours().day_seconds() as f64,
        Method::Years => 365.0 * 86_400.0,
        _ => 86_400.0,
    };
    (limit * per_unit).round() as i64
}

/// The instant a value stands for, and the value as given (a date alone stays a date).
fn timed(field: Field, entry: &Entry<Stamp>) -> Result<(DateTime, Stamp)> {
    let at = entry.instant(field)?;
    Ok((at, entry.given().unwrap_or(Stamp::at(at))))
}

fn year_warning(year: i16) -> Message {
    Message::new(format!("{year} 年没有官方节假日安排数据，已按周一至周五上班计算"), format!("no official holiday data for {year}: computed as plain Mon–Fri"))
}

/// The value of `[start, end)` in the indicator's unit, stops excluded.
fn measure(ind: &Indicator, ctx: &Context, start: DateTime, end: DateTime, stops: &[Stop]) -> Result<Measured> {
    if ind.method == Method::ElapsedWorking {
        let e = ctx.clock.elapsed(start, end, stops)?;
        return Ok(Measured {
            value: e.working_seconds as f64 / ctx.clock.hours().day_seconds() as f64,
            seconds: e.working_seconds,
            working_minutes: Some(e.working_seconds as f64 / 60.0),
            stopped_minutes: Some(e.stopped_seconds as f64 / 60.0),
            warnings: e.uncovered_years,
        });
    }
    if end < start {
        return Err(end_before_start(start, end));
    }
    let stopped: i64 = merge_stops(stops, start, end)?.iter().map(|s| s.end.duration_since(s.start).as_secs()).sum();
    let seconds = end.duration_since(start).as_secs() - stopped;
    let days = seconds as f64 / 86_400.0;
    let value = if ind.method == Method::Years { days / 365.0 } else { days };
    Ok(Measured { value, seconds, working_minutes: None, stopped_minutes: (stopped > 0).then_some(stopped as f64 / 60.0), warnings: Vec::new() })
}

/// When the limit is reached from `start`: working time on the clock, or calendar time, both
/// pushed back by stops.
fn deadline(ind: &Indicator, ctx: &Context, start: DateTime, limit: f64, stops: &[Stop]) -> Result<Option<DateTime>> {
    let seconds = seconds_of(ind, ctx, limit);
    match ind.method {
        Method::ElapsedWorking => Ok(Some(ctx.clock.deadline(start, seconds, stops)?)),
        Method::CalendarDays | Method::Years => {
            let mut due = start.checked_add(SignedDuration::from_secs(seconds)).ok();
            for stop in merge_stops(stops, start, DateTime::MAX)? {
                match due {
                    Some(d) if stop.start < d => due = d.checked_add(stop.end.duration_since(stop.start)).ok(),
                    _ => break,
                }
            }
            Ok(due)
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_compare_whole_seconds() {
        // 3 working days of 7 hours = 75 600 s; 80 % is 60 480 s exactly (2.4 days): a warning,
        // where 2.4 / 3 < 0.8 in floating point.
        assert_eq!(alert(Direction::Le, 60_480, 75_600), Alert::Warning);
        assert_eq!(alert(Direction::Le, 60_479, 75_600), Alert::Ok);
        assert_eq!(alert(Direction::Le, 75_600, 75_600), Alert::Warning);
        assert_eq!(alert(Direction::Le, 75_601, 75_600), Alert::Overdue);
        assert_eq!(alert(Direction::Lt, 75_600, 75_600), Alert::Overdue);
    }

    #[test]
    fn stages_merge_once_and_an_open_one_runs_on() {
        let d = |day: i8, h: i8| jiff::civil::date(2023, 7, day).at(h, 0, 0, 0);
        let merged = union(vec![(d(3, 9), Some(d(5, 9))), (d(4, 9), Some(d(6, 9))), (d(10, 9), None), (d(11, 9), Some(d(12, 9)))]);
        assert_eq!(merged, vec![(d(3, 9), Some(d(6, 9))), (d(10, 9), None)]);
    }
}
