//! The trend: the monthly mean of a time indicator's cases by month of completion, or the value
//! of each period of a trend indicator, with the target line.

use std::fmt::Write as _;

use crate::evaluate::report::{SeriesTrend, Status};
use crate::plan::catalog::Method;

use super::svg::{c, esc, heading_end, met_colour, nice_axis, num, target_line, text_width, y_axis, Anchor, Scale, Svg, LATE, MET, UNJUDGED, WIDTH};
use super::{empty, finite, ChartData, Meta};


/// `YYYY-MM` of a date or period text (`2023-07-05T10:00`, `2023/7`, `2023年7月`), if it has one.
pub(super) fn month_of(text: &str) -> Option<(i32, u32)> {
    let mut parts = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    let (y, m) = (parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() > 2 {
        return None;
    }
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

fn month_index((y, m): (i32, u32)) -> i64 {
    i64::from(y) * 12 + i64::from(m) - 1
}

/// One point of the trend: its label, its value (none for a month without data) and its count.
struct Point {
    label: String,
    value: Option<f64>,
    count: usize,
    met: Option<bool>,
}

/// Months from the first to the last one with data, the gaps kept as gaps.
fn months(values: Vec<((i32, u32), f64)>) -> Vec<(String, Option<f64>, usize)> {
    let mut sums: std::collections::BTreeMap<i64, (f64, usize)> = std::collections::BTreeMap::new();
    for (month, v) in values {
        let e = sums.entry(month_index(month)).or_insert((0.0, 0));
        e.0 += v;
        e.1 += 1;
    }
    let (Some(first), Some(last)) = (sums.keys().next().copied(), sums.keys().next_back().copied()) else { return Vec::new() };
    // More than ten years of months would not be readable: then only the months with data.
    let span: Vec<i64> = if last - first < 120 { (first..=last).collect() } else { sums.keys().copied().collect() };
    span.into_iter()
        .map(|i| {
            let label = format!("{}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1);
            match sums.get(&i) {
                Some((sum, n)) => (label, Some(sum / *n as f64), *n),
                None => (label, None, 0),
            }
        })
        .collect()
}

/// Height of one series' panel: its name, the plot, and the period labels under it.
const PANEL: f64 = 168.0;
const PANEL_PLOT: f64 = 112.0;

/// The name of a series as its panel shows it: county and series, or the city.
fn series_label(s: &SeriesTrend, meta: &Meta) -> String {
    let name = [s.county.as_deref(), s.series.as_deref()].into_iter().flatten().map(str::trim).filter(|n| !n.is_empty()).collect::<Vec<_>>().join(" · ");
    if name.is_empty() { meta.pick("全市", "City").to_string() } else { name }
}

/// A trend indicator (6.1, 7.3): one panel per series, each its own line on its own value axis
/// (imports take 30 hours, exports 2: on one axis the export line would be flat), the points
/// coloured by whether they fell from the period before, and the target's direction in the
/// subtitle and in each panel's verdict.
/// A series drawn: its label, its (period, value) points, and whether its last period fell.
type Line = (String, Vec<(String, f64)>, Option<bool>);

fn draw_series(data: &ChartData, meta: &Meta) -> String {
    let lines: Vec<Line> = data
        .series
        .iter()
        .map(|s| (series_label(s, meta), s.periods.iter().filter_map(|p| Some((p.period.trim().to_string(), finite(Some(p.value))?))).collect::<Vec<_>>(), s.fell))
        .filter(|(_, points, _)| !points.is_empty())
        .collect();
    if lines.is_empty() {
        return empty(meta, "");
    }
    // One period axis for every panel, so that the same month stands at the same x.
    let periods: Vec<String> = lines.iter().flat_map(|(_, points, _)| points.iter().map(|(p, _)| p.clone())).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let subtitle = meta.pick(
        "每个系列一条线，各用自己的纵轴（未从 0 开始）；目标：逐期下降 ↓",
        "One line per series, each on its own axis (not from 0); target: falling ↓",
    );
    let y0 = heading_end(&meta.title, subtitle);
    let top = y0 + 30.0;
    let height = top + lines.len() as f64 * PANEL + 40.0;
    let mut svg = Svg::new(height, &meta.title);
    svg.heading(&meta.title, subtitle);
    let legend = vec![
        (UNJUDGED, meta.pick("首期", "first period").to_string()),
        (MET, meta.pick("较上期下降", "lower than the period before").to_string()),
        (LATE, meta.pick("未下降", "not lower").to_string()),
    ];
    svg.legend(y0 + 4.0, &legend, None);
    let (left, right) = (70.0, WIDTH - 30.0);
    let slot = (right - left) / periods.len() as f64;
    let px = |period: &str| left + (periods.iter().position(|p| p == period).unwrap_or(0) as f64 + 0.5) * slot;
    let widest = periods.iter().map(|p| text_width(p, 12.0)).fold(0.0, f64::max);
    let every = ((widest + 8.0) / slot).ceil().max(1.0) as usize;
    for (k, (name, points, fell)) in lines.iter().enumerate() {
        let panel_top = top + k as f64 * PANEL;
        let verdict = match fell {
            Some(true) => meta.pick("最近一期较上期下降 ↓", "latest period lower ↓"),
            Some(false) => meta.pick("最近一期未下降 ↑", "latest period not lower ↑"),
            None => meta.pick("只有一期，未比较", "one period only, not compared"),
        };
        let heading = if meta.en { format!("{name}: {verdict}") } else { format!("{name}：{verdict}") };
        let _ = write!(svg.out, r#"<g class="series" data-series="{}">"#, esc(name));
        svg.text(left, panel_top + 14.0, 13.0, Anchor::Start, r#" class="series-name" font-weight="bold""#, &heading);
        let (plot_top, plot_bottom) = (panel_top + 26.0, panel_top + 26.0 + PANEL_PLOT);
        let lo = points.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
        let hi = points.iter().map(|(_, v)| *v).fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi, ticks, dec) = nice_axis(lo, hi, 4.0);
        let y = Scale { lo, hi, from: plot_bottom, to: plot_top };
        y_axis(&mut svg, y, &ticks, dec, left, right, &meta.axis);
        for (i, period) in periods.iter().enumerate() {
            svg.line((px(period), plot_bottom), (px(period), plot_bottom + 5.0), "#000000", 1.0, "");
            if i % every == 0 {
                svg.text(px(period), plot_bottom + 19.0, 12.0, Anchor::Middle, r#" class="period""#, period);
            }
        }
        svg.line((left, plot_bottom), (right, plot_bottom), "#000000", 1.0, "");
        let path: Vec<String> = points.iter().enumerate().map(|(i, (p, v))| format!("{}{},{}", if i == 0 { "M" } else { "L" }, c(px(p)), c(y.at(*v)))).collect();
        let _ = write!(svg.out, r##"<path class="line" d="{}" fill="none" stroke="#1f3f73" stroke-width="2" stroke-linejoin="round"/>"##, path.join(" "));
        let labelled = periods.len() <= 18;
        for (i, (p, v)) in points.iter().enumerate() {
            let met = i.checked_sub(1).and_then(|j| points.get(j)).map(|(_, before)| meta.direction_meets(*v, *before));
            let (_, fill) = met_colour(met);
            let class = match met {
                Some(true) => "point met",
                Some(false) => "point late",
                None => "point unjudged",
            };
            let tip = if meta.en { format!("{name}, {p}: {}", meta.with_unit(*v)) } else { format!("{name}，{p}：{}", meta.with_unit(*v)) };
            let _ = write!(
                svg.out,
                r##"<circle class="{class}" cx="{}" cy="{}" r="4.5" fill="{fill}" stroke="#1f3f73" stroke-width="1.5"><title>{}</title></circle>"##,
                c(px(p)),
                c(y.at(*v)),
                esc(&tip)
            );
            if labelled {
                svg.label(px(p), y.at(*v) - 9.0, 11.0, Anchor::Middle, &num(*v));
            }
        }
        svg.out.push_str("</g>");
    }
    svg.text((left + right) / 2.0, height - 12.0, 13.0, Anchor::Middle, "", meta.pick("期间", "Period"));
    svg.finish()
}

pub(super) fn draw(data: &ChartData, meta: &Meta) -> String {
    if meta.method == Method::Trend {
        return draw_series(data, meta);
    }
    let mut points: Vec<Point> = Vec::new();
    if meta.timed {
        let values: Vec<((i32, u32), f64)> = data.cases.iter().filter(|c| c.status == Status::Closed).filter_map(|c| Some((c.month?, finite(c.value)?))).collect();
        points = months(values).into_iter().map(|(label, value, count)| Point { met: value.and_then(|v| meta.meets(v)), label, value, count }).collect();
    }
    if points.iter().all(|p| p.value.is_none()) {
        let note = if meta.timed { "" } else { meta.pick("按月趋势只用于办理时长类和按期填报的指标", "the monthly trend is for time indicators and per-period indicators") };
        return empty(meta, note);
    }
    let n_cases: usize = points.iter().map(|p| p.count).sum();
    let subtitle = if meta.en { format!("Monthly mean by month of completion ({n_cases} cases)") } else { format!("按办结月份的月平均值（共 {n_cases} 件）") };
    let target = meta.target;
    let target_label = target.and(meta.target_label());

    let mut svg = Svg::new(420.0, &meta.title);
    let y0 = svg.heading(&meta.title, &subtitle);
    let legend = if target.is_some() {
        vec![(MET, meta.pick("月均达标", "monthly mean met").to_string()), (LATE, meta.pick("月均未达标", "monthly mean not met").to_string())]
    } else {
        Vec::new()
    };
    svg.legend(y0 + 4.0, &legend, target_label.as_deref());
    let (top, bottom, left, right) = (y0 + 36.0, 420.0 - 58.0, 70.0, WIDTH - 30.0);
    let values = points.iter().filter_map(|p| p.value).chain(target);
    let lo = values.clone().fold(0.0, f64::min);
    let hi = values.fold(f64::NEG_INFINITY, f64::max).max(lo);
    let (lo, hi, ticks, dec) = nice_axis(lo, hi * 1.05, 5.0);
    let y = Scale { lo, hi, from: bottom, to: top };
    y_axis(&mut svg, y, &ticks, dec, left, right, &meta.axis);

    let n = points.len();
    let slot = (right - left) / n as f64;
    let px = |i: usize| left + (i as f64 + 0.5) * slot;
    let widest = points.iter().map(|p| text_width(&p.label, 12.0)).fold(0.0, f64::max);
    let every = ((widest + 8.0) / slot).ceil().max(1.0) as usize;
    for (i, p) in points.iter().enumerate() {
        svg.line((px(i), bottom), (px(i), bottom + 5.0), "#000000", 1.0, "");
        if i % every == 0 {
            svg.text(px(i), bottom + 19.0, 12.0, Anchor::Middle, "", &p.label);
        }
    }
    svg.line((left, bottom), (right, bottom), "#000000", 1.0, "");
    svg.text((left + right) / 2.0, bottom + 40.0, 13.0, Anchor::Middle, "", meta.pick("办结月份", "Month of completion"));
    if let Some(t) = target {
        let py = y.at(t);
        target_line(&mut svg, (left, py, right, py), None);
    }

    // The line, broken where a month has no data.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, p) in points.iter().enumerate() {
        match p.value {
            Some(v) => {
                let _ = write!(path, "{}{},{} ", if pen_down { "L" } else { "M" }, c(px(i)), c(y.at(v)));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let _ = write!(svg.out, r##"<path class="line" d="{}" fill="none" stroke="#1f3f73" stroke-width="2" stroke-linejoin="round"/>"##, path.trim_end());
    let labelled = n <= 18;
    for (i, p) in points.iter().enumerate() {
        let Some(v) = p.value else { continue };
        let (_, fill) = met_colour(p.met);
        let class = match p.met {
            Some(true) => "point met",
            Some(false) => "point late",
            None => "point unjudged",
        };
        let tip = match meta.en {
            false => format!("{}：平均 {}（{} 件）", p.label, meta.with_unit(v), p.count),
            true => format!("{}: mean {} ({} cases)", p.label, meta.with_unit(v), p.count),
        };
        let _ = write!(
            svg.out,
            r##"<circle class="{class}" cx="{}" cy="{}" r="4.5" fill="{fill}" stroke="#1f3f73" stroke-width="1.5"><title>{}</title></circle>"##,
            c(px(i)),
            c(y.at(v)),
            esc(&tip)
        );
        if labelled {
            svg.label(px(i), y.at(v) - 10.0, 11.0, Anchor::Middle, &num(v));
        }
    }
    svg.finish()
}

