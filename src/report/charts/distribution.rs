//! The distribution of case values: a histogram, met and late stacked, the target as a line.

use crate::evaluate::report::Status;
use crate::plan::catalog::Direction;

use super::svg::{decimals, fixed, met_colour, nice_axis, nice_step, target_line, x_axis, y_axis, Anchor, Scale, Svg, LATE, MET, UNJUDGED, WIDTH};
use super::{empty, finite, ChartData, Meta};


/// What the histogram shows: closed cases with a value, and open cases already overdue at their
/// time so far (with their count, for the subtitle).
struct Points {
    values: Vec<(f64, Option<bool>)>,
    overdue_open: usize,
}

impl Points {
    fn of(data: &ChartData) -> Points {
        let mut values = Vec::new();
        let mut overdue_open = 0;
        for case in &data.cases {
            match case.status {
                Status::Closed => {
                    if let Some(v) = finite(case.value) {
                        values.push((v, case.met));
                    }
                }
                Status::Open if case.met == Some(false) => {
                    if let Some(v) = finite(case.elapsed) {
                        values.push((v, case.met));
                        overdue_open += 1;
                    }
                }
                _ => {}
            }
        }
        Points { values, overdue_open }
    }

    fn late(&self) -> usize {
        self.values.iter().filter(|p| p.1 == Some(false)).count()
    }

    fn any(&self, met: Option<bool>) -> bool {
        self.values.iter().any(|p| p.1 == met)
    }

    fn subtitle(&self, meta: &Meta) -> String {
        let (n, late, overdue_open) = (self.values.len(), self.late(), self.overdue_open);
        // A target on an average judges no case: no count of late cases to give.
        let judged = self.values.iter().any(|p| p.1.is_some());
        if !judged {
            if meta.en {
                format!("Distribution of case values: {n} cases")
            } else {
                format!("案件数值分布：共 {n} 件")
            }
        } else if meta.en {
            let open = if overdue_open > 0 { format!(", of which {overdue_open} open and overdue") } else { String::new() };
            format!("Distribution of case values: {n} cases, {late} late{open}")
        } else {
            let open = if overdue_open > 0 { format!("，其中 {overdue_open} 件在办已超期") } else { String::new() };
            format!("案件数值分布：共 {n} 件，未达标 {late} 件{open}")
        }
    }
}

/// The bins: `counts[i]` = [met, not judged, late] in `[first + i·step, first + (i+1)·step)`
/// (closed on the right when the target is an upper bound).
struct Bins {
    first: f64,
    step: f64,
    right_closed: bool,
    counts: Vec<[usize; 3]>,
}

impl Bins {
    /// A nice width over the values and the target; closed on the side the target is met on, so
    /// that a case exactly at a "≤ 7" target sits left of the line.
    fn of(points: &Points, meta: &Meta) -> Bins {
        let mut lo = points.values.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
        let mut hi = points.values.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
        if let Some(t) = meta.target {
            lo = lo.min(t);
            hi = hi.max(t);
        }
        if lo >= 0.0 && lo <= 0.25 * hi {
            lo = 0.0;
        }
        if hi - lo <= 0.0 {
            let pad = (hi.abs() * 0.1).max(0.5);
            lo = if lo >= 0.0 { (lo - pad).max(0.0) } else { lo - pad };
            hi += pad;
        }
        let right_closed = matches!(meta.direction, Direction::Le | Direction::Lt | Direction::Decrease);
        let step = nice_step(hi - lo, 10.0);
        // Bin edges run from the target, so that every bin lies on one side of the line and the
        // colours split exactly there; for an "= 100" target the target is a bin's middle.
        let first = match (meta.target, meta.direction) {
            (Some(t), Direction::Eq) => t - step / 2.0 - ((t - step / 2.0 - lo) / step - 1e-9).ceil().max(0.0) * step,
            (Some(t), _) => t - ((t - lo) / step - 1e-9).ceil().max(0.0) * step,
            (None, _) => (lo / step).floor() * step,
        };
        let bins = if right_closed { ((hi - first) / step - 1e-9).ceil() } else { ((hi - first) / step + 1e-9).floor() + 1.0 }.clamp(1.0, 60.0) as usize;
        let mut counts = vec![[0usize; 3]; bins];
        for (v, met) in &points.values {
            // A value on an edge (within rounding: 2 h 48 min is 0.4000…01 days) goes to the side it meets.
            let pos = (v - first) / step;
            let i = if right_closed { (pos - 1e-6).ceil() - 1.0 } else { (pos + 1e-6).floor() };
            let i = (i.max(0.0) as usize).min(bins - 1);
            if let Some(bin) = counts.get_mut(i).and_then(|b| b.get_mut(slot_of(*met))) {
                *bin += 1;
            }
        }
        Bins { first, step, right_closed, counts }
    }

    fn tallest(&self) -> usize {
        self.counts.iter().map(|b| b.iter().sum::<usize>()).max().unwrap_or(1).max(1)
    }

    fn range_text(&self, i: usize, dec: usize) -> String {
        let (a, b) = (self.first + i as f64 * self.step, self.first + (i + 1) as f64 * self.step);
        if self.right_closed {
            format!("({}, {}]", fixed(a, dec), fixed(b, dec))
        } else {
            format!("[{}, {})", fixed(a, dec), fixed(b, dec))
        }
    }
}

/// The stacking order of a bin: met at the bottom, then not judged, then late.
const SLOTS: [Option<bool>; 3] = [Some(true), None, Some(false)];

fn slot_of(met: Option<bool>) -> usize {
    match met {
        Some(true) => 0,
        None => 1,
        Some(false) => 2,
    }
}

/// The count axis: whole numbers, with room above the tallest bar for its count, clear of the
/// target's label.
fn count_axis(tallest: usize) -> (f64, Vec<f64>) {
    let headroom = (tallest as f64 * 1.12).max(tallest as f64 + 1.0);
    let (_, y_hi, y_ticks, _) = nice_axis(0.0, headroom, 5.0);
    let y_step = y_ticks.get(1).copied().unwrap_or(1.0) - y_ticks.first().copied().unwrap_or(0.0);
    // Counts are whole: a step of 2.5 becomes 2, one below 1 becomes 1.
    if y_step.fract() != 0.0 {
        let step = y_step.floor().max(1.0);
        let n = (headroom / step).ceil().clamp(1.0, 100.0) as usize;
        (n as f64 * step, (0..=n).map(|i| i as f64 * step).collect())
    } else {
        (y_hi, y_ticks)
    }
}

pub(super) fn draw(data: &ChartData, meta: &Meta) -> String {
    let points = Points::of(data);
    if points.values.is_empty() {
        return empty(meta, "");
    }
    let bins = Bins::of(&points, meta);

    let mut svg = Svg::new(420.0, &meta.title);
    let y0 = svg.heading(&meta.title, &points.subtitle(meta));
    let mut legend = Vec::new();
    if points.any(Some(true)) {
        legend.push((MET, meta.pick("达标", "met").to_string()));
    }
    if points.late() > 0 {
        legend.push((LATE, meta.pick("未达标", "late").to_string()));
    }
    if points.any(None) {
        legend.push((UNJUDGED, meta.pick("不逐件判定", "not judged per case").to_string()));
    }
    svg.legend(y0 + 4.0, &legend, None);
    let (top, bottom, left, right) = (y0 + 36.0, 420.0 - 58.0, 70.0, WIDTH - 30.0);
    let (first, step) = (bins.first, bins.step);
    let x = Scale { lo: first, hi: first + bins.counts.len() as f64 * step, from: left, to: right };
    let (y_hi, y_ticks) = count_axis(bins.tallest());
    let y = Scale { lo: 0.0, hi: y_hi, from: bottom, to: top };
    y_axis(&mut svg, y, &y_ticks, 0, left, right, meta.pick("案件数", "Cases"));
    // Ticks on round numbers, which the bin edges (run from the target) need not be.
    let (_, _, ticks, tick_dec) = nice_axis(x.lo, x.hi, 8.0);
    let eps = step * 1e-6;
    let ticks: Vec<f64> = ticks.into_iter().filter(|t| *t >= x.lo - eps && *t <= x.hi + eps).collect();
    x_axis(&mut svg, x, &ticks, tick_dec, top, bottom, &meta.axis);

    let dec = decimals(step).max(decimals(first.abs()));
    for (i, bin) in bins.counts.iter().enumerate() {
        let range = bins.range_text(i, dec);
        let (a, b) = (first + i as f64 * step, first + (i + 1) as f64 * step);
        let (px, pw) = (x.at(a) + 1.0, x.at(b) - x.at(a) - 2.0);
        let mut base = 0usize;
        for met in SLOTS {
            let n = bin.get(slot_of(met)).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let (class, fill) = met_colour(met);
            let what = match met {
                Some(true) => meta.pick("达标", "met"),
                Some(false) => meta.pick("未达标", "late"),
                None => meta.pick("案件", "cases"),
            };
            let tip = if meta.en { format!("{range} {}: {what} {n}", meta.unit) } else { format!("{range} {}：{what} {n} 件", meta.unit) };
            let (y_top, y_bottom) = (y.at((base + n) as f64), y.at(base as f64));
            svg.rect(class, (px, y_top, pw, y_bottom - y_top), fill, Some(&tip));
            base += n;
        }
        if base > 0 {
            svg.label(px + pw / 2.0, y.at(base as f64) - 4.0, 11.0, Anchor::Middle, &base.to_string());
        }
    }
    if let (Some(t), Some(label)) = (meta.target, meta.target_label().as_deref()) {
        let px = x.at(t);
        target_line(&mut svg, (px, top - 4.0, px, bottom), Some(label));
    }
    svg.finish()
}
