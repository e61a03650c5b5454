//! SVG primitives of the charts: text measured by a character-width table (the same on every
//! target), escaped text, a document with a heading, legend and axes, linear scales with "nice"
//! ticks, and the target line.

use std::fmt::Write as _;


pub(super) const WIDTH: f64 = 720.0;
pub(super) const FONT_FAMILY: &str = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
pub(super) const MET: &str = "#2b6cb0";
pub(super) const LATE: &str = "#f08c00";
pub(super) const UNJUDGED: &str = "#a0a4a8";
pub(super) const TARGET: &str = "#c92a2a";
pub(super) const GRID: &str = "#dddddd";


/// A number as people read it: at most two decimals, no trailing zeros.
pub(super) fn num(v: f64) -> String {
    fixed(v, 2)
}

/// `v` rounded to `decimals`, trailing zeros dropped.
pub(super) fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}


/// Text for XML character data and attribute values: `& < > " '` escaped, characters that XML
/// 1.0 does not allow dropped.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Approximate advance of a character in ems, for a CJK UI font: full width for CJK and
/// full-width punctuation, about half for ASCII. Errs wide, so labels do not collide.
pub(super) fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | '(' | ')' | '[' | ']' => 0.32,
        '0'..='9' => 0.58,
        'm' | 'w' | 'M' | 'W' => 0.85,
        'A'..='Z' => 0.68,
        c if c.is_ascii() => 0.55,
        '–' | '—' => 0.6,
        _ => 1.0,
    }
}

pub(super) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// `s`, cut with `…` to fit `max` px.
pub(super) fn fit(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = char_em('…') * size;
    for c in s.chars() {
        w += char_em(c) * size;
        if w > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` on one line, or on two (broken at a space where there is one), the second cut to fit.
pub(super) fn wrap2(s: &str, size: f64, max: f64) -> Vec<String> {
    if text_width(s, size) <= max {
        return vec![s.to_string()];
    }
    let mut w = 0.0;
    let mut cut = 0;
    for (i, c) in s.char_indices() {
        w += char_em(c) * size;
        if w > max {
            cut = i;
            break;
        }
    }
    let head = s.get(..cut).unwrap_or(s);
    let split = match head.rfind(' ') {
        Some(sp) if sp > head.len() / 2 => sp,
        _ => cut,
    };
    let (first, rest) = (s.get(..split).unwrap_or(s), s.get(split..).unwrap_or(""));
    vec![first.trim_end().to_string(), fit(rest.trim_start(), size, max)]
}


/// Coordinates with one decimal, no trailing zeros.
pub(super) fn c(v: f64) -> String {
    fixed(if v.is_finite() { v } else { 0.0 }, 1)
}

#[derive(Clone, Copy)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG document being written.
pub(super) struct Svg {
    pub(super) out: String,
    /// Value labels, drawn last so that no bar or line covers them.
    pub(super) over: String,
}

impl Svg {
    pub(super) fn new(height: f64, label: &str) -> Svg {
        let mut out = String::with_capacity(16 * 1024);
        let (w, h) = (c(WIDTH), c(height));
        let label = esc(label);
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}"><title>{label}</title><rect class="background" x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/><g font-family="{FONT_FAMILY}" font-size="12" fill="#000000">"##
        );
        Svg { out, over: String::new() }
    }

    pub(super) fn finish(mut self) -> String {
        self.out.push_str(&self.over);
        self.out.push_str("</g></svg>");
        self.out
    }

    pub(super) fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, extra: &str, content: &str) {
        let _ = write!(self.out, r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}"{extra}>{}</text>"#, c(x), c(y), c(size), anchor.as_str(), esc(content));
    }

    /// Text with a white halo, readable over bars and lines, on top of everything else.
    pub(super) fn label(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, content: &str) {
        let main = std::mem::take(&mut self.out);
        self.text(x, y, size, anchor, r##" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##, content);
        let label = std::mem::replace(&mut self.out, main);
        self.over.push_str(&label);
    }

    pub(super) fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, width: f64, extra: &str) {
        let _ = write!(self.out, r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{extra}/>"#, c(x1), c(y1), c(x2), c(y2), c(width));
    }

    pub(super) fn rect(&mut self, class: &str, (x, y, w, h): (f64, f64, f64, f64), fill: &str, tip: Option<&str>) {
        let _ = write!(self.out, r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" fill="{fill}""#, c(x), c(y), c(w.max(0.0)), c(h.max(0.0)));
        match tip {
            Some(t) => {
                let _ = write!(self.out, "><title>{}</title></rect>", esc(t));
            }
            None => self.out.push_str("/>"),
        }
    }

    /// Title (one or two lines) and subtitle; returns the y below them, as [`heading_end`].
    pub(super) fn heading(&mut self, title: &str, subtitle: &str) -> f64 {
        let mut y = 28.0;
        for line in wrap2(title, 16.0, WIDTH - 40.0) {
            self.text(WIDTH / 2.0, y, 16.0, Anchor::Middle, r#" font-weight="bold""#, &line);
            y += 21.0;
        }
        if !subtitle.is_empty() {
            self.text(WIDTH / 2.0, y, 12.0, Anchor::Middle, "", &fit(subtitle, 12.0, WIDTH - 40.0));
            y += 18.0;
        }
        y
    }

    /// A legend row centred at `y`: colour swatches, and a target line sample with its label.
    pub(super) fn legend(&mut self, y: f64, items: &[(&str, String)], target: Option<&str>) {
        const SIZE: f64 = 12.0;
        let widths: Vec<f64> = items.iter().map(|(_, l)| 16.0 + text_width(l, SIZE) + 18.0).collect();
        let target_w = target.map_or(0.0, |t| 26.0 + text_width(t, SIZE) + 18.0);
        let mut x = (WIDTH - widths.iter().sum::<f64>() - target_w + 18.0) / 2.0;
        for ((fill, label), w) in items.iter().zip(&widths) {
            self.rect("swatch", (x, y - 10.0, 12.0, 12.0), fill, None);
            self.text(x + 16.0, y, SIZE, Anchor::Start, "", label);
            x += w;
        }
        if let Some(t) = target {
            self.line((x, y - 4.0), (x + 20.0, y - 4.0), TARGET, 2.0, r#" stroke-dasharray="6 3""#);
            self.text(x + 26.0, y, SIZE, Anchor::Start, "", t);
        }
    }

    /// Vertical axis title, rotated, centred on the plot's height.
    pub(super) fn y_title(&mut self, x: f64, top: f64, bottom: f64, title: &str) {
        let y = (top + bottom) / 2.0;
        let _ = write!(self.out, r#"<text x="{}" y="{}" font-size="13" text-anchor="middle" transform="rotate(-90 {} {})">{}</text>"#, c(x), c(y), c(x), c(y), esc(&fit(title, 13.0, bottom - top + 40.0)));
    }
}

/// Where [`Svg::heading`] ends.
pub(super) fn heading_end(title: &str, subtitle: &str) -> f64 {
    28.0 + 21.0 * wrap2(title, 16.0, WIDTH - 40.0).len() as f64 + if subtitle.is_empty() { 0.0 } else { 18.0 }
}

/// A linear map from values to pixels.
#[derive(Clone, Copy)]
pub(super) struct Scale {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) from: f64,
    pub(super) to: f64,
}

impl Scale {
    pub(super) fn at(&self, v: f64) -> f64 {
        let span = self.hi - self.lo;
        if span > 0.0 && span.is_finite() {
            self.from + (v.clamp(self.lo, self.hi) - self.lo) / span * (self.to - self.from)
        } else {
            self.from
        }
    }
}

/// A step of 1, 2, 2.5 or 5 × 10ⁿ that cuts `span` into about `count` parts.
pub(super) fn nice_step(span: f64, count: f64) -> f64 {
    let raw = span / count.max(1.0);
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let mult = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    mult * mag
}

/// Decimals needed to show multiples of `step` exactly.
pub(super) fn decimals(step: f64) -> usize {
    (0..6).find(|d| {
        let scaled = step * 10f64.powi(*d as i32);
        (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
    })
    .unwrap_or(6)
}

/// `lo..hi` widened to whole steps of a nice step, and the ticks on it.
pub(super) fn nice_axis(lo: f64, hi: f64, count: f64) -> (f64, f64, Vec<f64>, usize) {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, lo + 0.5) };
    let step = nice_step(hi - lo, count);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let n = ((end - start) / step).round().clamp(1.0, 100.0) as usize;
    let ticks = (0..=n).map(|i| start + i as f64 * step).collect();
    (start, start + n as f64 * step, ticks, decimals(step))
}

/// Grid lines and tick labels of a horizontal value axis along the bottom of the plot.
pub(super) fn x_axis(svg: &mut Svg, x: Scale, ticks: &[f64], dec: usize, top: f64, bottom: f64, title: &str) {
    for t in ticks {
        let px = x.at(*t);
        svg.line((px, top), (px, bottom), GRID, 1.0, "");
        svg.line((px, bottom), (px, bottom + 5.0), "#000000", 1.0, "");
        svg.text(px, bottom + 19.0, 12.0, Anchor::Middle, "", &fixed(*t, dec));
    }
    svg.line((x.from, bottom), (x.to, bottom), "#000000", 1.0, "");
    svg.text((x.from + x.to) / 2.0, bottom + 40.0, 13.0, Anchor::Middle, "", title);
}

/// Grid lines and tick labels of a vertical value axis along the left of the plot.
pub(super) fn y_axis(svg: &mut Svg, y: Scale, ticks: &[f64], dec: usize, left: f64, right: f64, title: &str) {
    for t in ticks {
        let py = y.at(*t);
        svg.line((left, py), (right, py), GRID, 1.0, "");
        svg.line((left - 5.0, py), (left, py), "#000000", 1.0, "");
        svg.text(left - 8.0, py + 4.0, 12.0, Anchor::End, "", &fixed(*t, dec));
    }
    svg.line((left, y.from), (left, y.to), "#000000", 1.0, "");
    svg.y_title(18.0, y.to, y.from, title);
}

/// The target as a dashed line across the plot; a vertical one labelled above its top (a
/// horizontal one is labelled in the legend, where no point can cover the label).
pub(super) fn target_line(svg: &mut Svg, (x1, y1, x2, y2): (f64, f64, f64, f64), label: Option<&str>) {
    svg.line((x1, y1), (x2, y2), TARGET, 2.0, r#" class="target" stroke-dasharray="6 3""#);
    if let Some(label) = label {
        let half = text_width(label, 12.0) / 2.0;
        let anchor = if x1 + half > WIDTH - 10.0 {
            Anchor::End
        } else if x1 - half < 10.0 {
            Anchor::Start
        } else {
            Anchor::Middle
        };
        svg.label(x1, y1 - 5.0, 12.0, anchor, label);
    }
}

pub(super) fn met_colour(met: Option<bool>) -> (&'static str, &'static str) {
    match met {
        Some(true) => ("bar met", MET),
        Some(false) => ("bar late", LATE),
        None => ("bar unjudged", UNJUDGED),
    }
}

