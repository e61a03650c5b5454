//! The counties against the target: one horizontal bar per county, coloured by met or not.

use crate::evaluate::NO_COUNTY_ZH;
use crate::plan::catalog::Method;

use super::svg::{c, fixed, heading_end, met_colour, nice_axis, num, target_line, text_width, fit, x_axis, Anchor, Scale, Svg, LATE, MET, UNJUDGED, WIDTH};
use super::{empty, finite, ChartData, Meta};


/// One county's bar: its name as shown, value, verdict and case count.
struct Row {
    county: String,
    value: Option<f64>,
    met: Option<bool>,
    count: u64,
}

/// The counties to draw. Cases without a county are no county: their bar only where no case
/// names one.
fn rows(data: &ChartData, meta: &Meta) -> Vec<Row> {
    let no_county = meta.pick("（未填写县区）", "(no county)");
    let rows: Vec<Row> = data
        .counties
        .iter()
        .map(|r| {
            let county = r.county.trim();
            let county = if county.is_empty() || county == NO_COUNTY_ZH { no_county } else { county };
            Row { county: county.to_string(), value: finite(r.value), met: r.met, count: r.count as u64 }
        })
        .collect();
    if rows.iter().any(|r| r.county != no_county) {
        rows.into_iter().filter(|r| r.county != no_county).collect()
    } else {
        rows
    }
}

/// The value axis (lo, hi, ticks, decimals) and the subtitle, which says when the axis does not
/// start at 0.
fn axis_and_subtitle(rows: &[Row], meta: &Meta, target: Option<f64>, citywide: bool) -> (f64, f64, Vec<f64>, usize, String) {
    let values = rows.iter().filter_map(|r| r.value).chain(target);
    let lo = values.clone().fold(0.0, f64::min);
    let hi = values.clone().fold(0.0, f64::max);
    // Rates close together (97–99.5 %) on a 0–100 axis all look the same: the axis then starts
    // near the lowest, and the subtitle says so.
    let low = values.fold(f64::INFINITY, f64::min);
    let zoom = matches!(meta.method, Method::Rate | Method::RecoveryRate) && low > 0.0 && hi - low < 0.5 * hi;
    let (lo, hi, ticks, dec) = if zoom { nice_axis(low - (hi - low).max(0.5) * 0.1, hi, 6.0) } else { nice_axis(lo, hi, 6.0) };
    let mut subtitle = match (citywide, meta.target_text()) {
        (true, Some(t)) if meta.en => format!("Count by county (the target {t} is for the whole city; counties are not judged)"),
        (true, Some(t)) => format!("各县区数量（目标 {t} 为全市合计，不分县判定）"),
        _ => meta.pick("各县区数值与目标", "Value by county against the target").to_string(),
    };
    if lo > 0.0 {
        let start = fixed(lo, dec);
        subtitle.push_str(&if meta.en { format!(" (the axis starts at {start}, not at 0)") } else { format!("（横轴自 {start} 起，未从 0 开始）") });
    }
    (lo, hi, ticks, dec, subtitle)
}

/// Two slanted strokes where an axis that starts above 0 leaves out 0 … its start.
fn axis_break(svg: &mut Svg, meta: &Meta, left: f64, bottom: f64) {
    let _ = std::fmt::Write::write_fmt(
        &mut svg.out,
        format_args!(
            r##"<g class="axis-break"><title>{}</title><rect x="{}" y="{}" width="10" height="12" fill="#ffffff"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000000" stroke-width="1.2"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000000" stroke-width="1.2"/></g>"##,
            super::svg::esc(meta.pick("坐标轴截断：0 至起点之间省略", "axis break: 0 up to its start left out")),
            c(left + 4.0),
            c(bottom - 6.0),
            c(left + 2.0),
            c(bottom + 6.0),
            c(left + 8.0),
            c(bottom - 6.0),
            c(left + 7.0),
            c(bottom + 6.0),
            c(left + 13.0),
            c(bottom - 6.0),
        ),
    );
}

/// A county's bar from `zero` to its value, with the value beside the bar's end, moved past the
/// target line if it would straddle it.
fn bar(svg: &mut Svg, meta: &Meta, row: &Row, v: f64, (x, zero, cy): (Scale, f64, f64), line: Option<f64>) {
    let (class, fill) = met_colour(row.met);
    let px = x.at(v);
    let verdict = match row.met {
        Some(true) => meta.pick("达标", "met"),
        Some(false) => meta.pick("未达标", "not met"),
        None => "",
    };
    let (county, count) = (&row.county, row.count);
    let tip = if meta.en { format!("{county}: {} ({count} cases) {verdict}", meta.with_unit(v)) } else { format!("{county}：{}（{count} 件）{verdict}", meta.with_unit(v)) };
    svg.rect(class, (zero.min(px), cy - 9.0, (px - zero).abs().max(1.0), 18.0), fill, Some(tip.trim_end()));
    let text = num(v);
    let w = text_width(&text, 11.0);
    if v >= 0.0 {
        let at = zero.max(px) + 4.0;
        let at = match line {
            Some(l) if at - 3.0 < l && l < at + w + 3.0 => l + 4.0,
            _ => at,
        };
        svg.label(at, cy + 4.0, 11.0, Anchor::Start, &text);
    } else {
        let at = zero.min(px) - 4.0;
        let at = match line {
            Some(l) if at - w - 3.0 < l && l < at + 3.0 => l - 4.0,
            _ => at,
        };
        svg.label(at, cy + 4.0, 11.0, Anchor::End, &text);
    }
}

pub(super) fn draw(data: &ChartData, meta: &Meta) -> String {
    let rows = rows(data, meta);
    if rows.iter().all(|r| r.value.is_none()) {
        return empty(meta, "");
    }
    // A count's target is for the whole city: no county is judged against it, so no line.
    let citywide = meta.method == Method::Count;
    let target = if citywide { None } else { meta.target };
    let (lo, hi, ticks, dec, subtitle) = axis_and_subtitle(&rows, meta, target, citywide);

    const ROW: f64 = 28.0;
    let label_w = rows.iter().map(|r| text_width(&r.county, 12.0)).fold(40.0, f64::max).min(180.0);
    let y0 = heading_end(&meta.title, &subtitle);
    // Room for the legend and the target's label; a city-wide count has neither.
    let top = y0 + if citywide { 12.0 } else { 36.0 };
    let bottom = top + rows.len() as f64 * ROW;
    let mut svg = Svg::new(bottom + 56.0, &meta.title);
    svg.heading(&meta.title, &subtitle);
    let mut legend = Vec::new();
    if rows.iter().any(|r| r.met == Some(true)) {
        legend.push((MET, meta.pick("达标", "met").to_string()));
    }
    if rows.iter().any(|r| r.met == Some(false)) {
        legend.push((LATE, meta.pick("未达标", "not met").to_string()));
    }
    if !citywide && rows.iter().any(|r| r.value.is_some() && r.met.is_none()) {
        legend.push((UNJUDGED, meta.pick("未判定", "not judged").to_string()));
    }
    let target_label = target.and(meta.target_label());
    svg.legend(y0 + 4.0, &legend, None);
    let (left, right) = (24.0 + label_w + 10.0, WIDTH - 64.0);
    let x = Scale { lo, hi, from: left, to: right };
    x_axis(&mut svg, x, &ticks, dec, top, bottom, &meta.axis);
    if lo > 0.0 {
        axis_break(&mut svg, meta, left, bottom);
    }
    let zero = x.at(lo.max(0.0));
    let line = target.map(|t| x.at(t));
    for (i, row) in rows.iter().enumerate() {
        let cy = top + (i as f64 + 0.5) * ROW;
        svg.text(left - 8.0, cy + 4.0, 12.0, Anchor::End, "", &fit(&row.county, 12.0, label_w));
        match row.value {
            Some(v) => bar(&mut svg, meta, row, v, (x, zero, cy), line),
            None => svg.text(zero + 4.0, cy + 4.0, 11.0, Anchor::Start, r#" class="no-data""#, meta.pick("暂无数据", "no data")),
        }
    }
    svg.line((zero, top), (zero, bottom), "#000000", 1.0, "");
    if let (Some(t), Some(label)) = (target, target_label.as_deref()) {
        let px = x.at(t);
        target_line(&mut svg, (px, top - 4.0, px, bottom), Some(label));
    }
    svg.finish()
}

