//! Charts of an evaluated indicator, drawn as self-contained SVG: the distribution of case values,
//! the counties against the target, and the monthly trend.
//!
//! # Why hand-drawn SVG rather than a plotting library
//!
//! The issue asked for a well-kept library (plotters' SVG backend) unless a measured reason says
//! otherwise. plotters 0.3.7 with `default-features = false, features = ["svg_backend",
//! "histogram", "line_series"]` was built into the wasm module with the three charts, and
//! measured (release, LTO, `make build`):
//!
//! * **It panics where the page runs the core.** On `wasm32-unknown-unknown` plotters always
//!   measures text through the DOM (`style/font/web.rs`: `window().unwrap()`, a `<span>`
//!   appended to `document.body`, `offsetWidth`); the `ttf`/`ab_glyph` backends are compiled
//!   out on that target. Every chart with axis labels or a caption measures text, so
//!   `chartSvg` died with `unreachable` (a panic) in a Web Worker — where www/js/worker.js runs
//!   the core — and in Node.js, where tests/wasm_api.rs runs. It worked only on a page's main
//!   thread, with a DOM reflow per label.
//! * **The same report gave different SVG natively and in wasm** (the counties chart of 3.5:
//!   20,606 characters natively, 20,504 in Chromium): natively the no-font backend estimates
//!   width as `0.7 × UTF-8 bytes`, which takes a Chinese character for 1.7 times its drawn
//!   width, so county label areas and captions were laid out for text much wider than it is.
//! * **Size**: `www/pkg/bizenv_bg.wasm` grew from 2,801,581 to 2,914,733 bytes (+113,152;
//!   gzip −9 +39,242), and the JS glue from 25,266 to 31,516 bytes (web-sys DOM imports).
//!   This module, with more labelling than that prototype, adds 60,110 bytes (2,803,493 →
//!   2,863,603; gzip −9 +23,408) and 944 bytes of JS glue.
//!
//! So the geometry is drawn here: a linear scale, "nice" ticks, rectangles, lines and text, with
//! a character-width table (CJK full width, ASCII about half) that is the same on every target.
//!
//! # What the SVG is like
//!
//! 720 px wide, with a `viewBox` so that it scales; `width`/`height` are set so that an `<img>`
//! or a canvas `drawImage` of the SVG blob gets its intrinsic size. No external fonts, images or
//! CSS: a font-family list (`Microsoft YaHei`, `PingFang SC`, `Noto Sans CJK SC`, sans-serif),
//! black text of at least 11 px, a white background. Bars carry `class="bar met|late|unjudged"`,
//! the target line `class="target"`, and each mark a `<title>` that a browser shows on hover.
//! All text from the report (names, counties, periods) is XML-escaped, and characters that XML
//! 1.0 forbids are dropped.

use std::fmt::Write as _;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::Lang;
use crate::plan::catalog::Direction;
use crate::error::{Error, ErrorKind, Result};

/// Which chart of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Histogram of the case values, the target as a vertical line, late cases in another colour.
    Distribution,
    /// One horizontal bar per county, coloured by met / not met, with the target line.
    Counties,
    /// Monthly mean of the case values by month of `end` (time indicators), or the value of each
    /// period (trend indicators), with the target line.
    Trend,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] = [ChartKind::Distribution, ChartKind::Counties, ChartKind::Trend];

    /// The name the JS API uses: `distribution`, `counties`, `trend`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Distribution => "distribution",
            ChartKind::Counties => "counties",
            ChartKind::Trend => "trend",
        }
    }
}

impl FromStr for ChartKind {
    type Err = Error;

    /// ```
    /// use bizenv::report::charts::ChartKind;
    /// assert_eq!("counties".parse::<ChartKind>().unwrap(), ChartKind::Counties);
    /// assert!("pie".parse::<ChartKind>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.as_str() == s.trim()).ok_or_else(|| {
            Error::new(
                ErrorKind::Range,
                format!("图表类型「{s}」无效：应为 distribution、counties 或 trend"),
                format!("chart kind \"{s}\" is invalid: expected distribution, counties or trend"),
            )
            .with_field("kind")
        })
    }
}

/// Draws chart `kind` of `report` (an `evaluate` report as JSON, as the page passes it back) as an
/// SVG document. Labels are in English for [`Lang::En`], in Chinese otherwise. A report without
/// data for the chart gives a small SVG that says 暂无数据 / No data; only a report that is not a
/// JSON object is an error.
///
/// ```
/// use bizenv::api::Lang;
/// use bizenv::report::charts::{chart_svg, ChartKind};
/// use bizenv::evaluate::{Calculator, EvaluateOptions};
/// let cases = serde_json::json!([
///     {"county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48"},
///     {"county": "宣威市", "start": "2023-07-14 09:00", "end": "2023-07-17 15:00"},
/// ]);
/// let report = Calculator::builtin().unwrap().evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
/// let svg = chart_svg(ChartKind::Counties, &serde_json::to_value(&report).unwrap(), Lang::Zh).unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("宣威市") && svg.contains(r#"class="target""#));
/// ```
pub fn chart_svg(kind: ChartKind, report: &Value, lang: Lang) -> Result<String> {
    if !report.is_object() {
        return Err(Error::new(ErrorKind::Parse, "报告格式不对：应为 evaluate 返回的对象", "report has the wrong shape: expected the object that evaluate returns").with_field("report"));
    }
    let meta = Meta::of(report, lang);
    Ok(match kind {
        ChartKind::Distribution => distribution(report, &meta),
        ChartKind::Counties => counties(report, &meta),
        ChartKind::Trend => trend(report, &meta),
    })
}

// ---- Labels ---------------------------------------------------------------------------------

const WIDTH: f64 = 720.0;
const FONT_FAMILY: &str = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
const MET: &str = "#2b6cb0";
const LATE: &str = "#f08c00";
const UNJUDGED: &str = "#a0a4a8";
const TARGET: &str = "#c92a2a";
const GRID: &str = "#dddddd";

/// What every chart needs to know about the indicator, in the chosen language.
struct Meta {
    en: bool,
    title: String,
    target: Option<f64>,
    direction: Option<Direction>,
    /// `工作日`, `%`, ...
    unit: String,
    /// Axis title of the values: `时长（工作日）`, `Rate (%)`.
    axis: String,
    method: String,
    /// Time indicators: their cases have an `end` to date them by.
    timed: bool,
}

impl Meta {
    fn of(report: &Value, lang: Lang) -> Meta {
        let en = lang == Lang::En;
        let text = |key: &str| report.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let unit_code = text("unit").unwrap_or("");
        let unit = if en { text("unitLabelEn") } else { text("unitLabelZh") }.map(str::to_string).unwrap_or_else(|| unit_name(unit_code, en).to_string());
        let quantity = match unit_code {
            "working_days" | "calendar_days" | "years" | "hours" => ["时长", "Time"],
            "percent" => ["比率", "Rate"],
            "count" => ["数量", "Count"],
            "index" => ["指数", "Index"],
            _ => ["数值", "Value"],
        };
        let axis = match (unit.is_empty(), en) {
            (true, false) => quantity[0].to_string(),
            (true, true) => quantity[1].to_string(),
            (false, false) => format!("{}（{unit}）", quantity[0]),
            (false, true) => format!("{} ({unit})", quantity[1]),
        };
        let name = if en { text("nameEn").or(text("nameZh")) } else { text("nameZh").or(text("nameEn")) }.unwrap_or("");
        let title = match text("indicatorId") {
            Some(id) => format!("{id} {name}").trim().to_string(),
            None => name.to_string(),
        };
        let method = text("method").unwrap_or("").to_string();
        Meta {
            en,
            title,
            target: report.get("target").and_then(finite),
            direction: report.get("direction").and_then(|d| Direction::deserialize(d).ok()),
            unit,
            axis,
            timed: matches!(method.as_str(), "elapsed_working" | "calendar_days" | "years"),
            method,
        }
    }

    fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.en {
            en
        } else {
            zh
        }
    }

    /// `7 工作日`, `98%`.
    fn with_unit(&self, v: f64) -> String {
        match self.unit.as_str() {
            "" => num(v),
            u if u.starts_with('%') => format!("{}{u}", num(v)),
            u => format!("{} {u}", num(v)),
        }
    }

    /// `目标 ≤ 7 工作日`.
    fn target_label(&self) -> Option<String> {
        Some(format!("{} {}", self.pick("目标", "Target"), self.target_text()?))
    }

    /// `≤ 7 工作日`.
    fn target_text(&self) -> Option<String> {
        let t = self.target?;
        let op = match self.direction {
            Some(Direction::Le) => "≤ ",
            Some(Direction::Lt) => "< ",
            Some(Direction::Ge) => "≥ ",
            Some(Direction::Gt) => "> ",
            Some(Direction::Eq) => "= ",
            _ => "",
        };
        Some(format!("{op}{}", self.with_unit(t)))
    }

    fn meets(&self, v: f64) -> Option<bool> {
        match (self.direction, self.target) {
            (Some(d), Some(t)) if d != Direction::Decrease => Some(d.meets(v, t)),
            _ => None,
        }
    }
}

fn unit_name(code: &str, en: bool) -> &'static str {
    let (zh, e) = match code {
        "working_days" => ("工作日", "working days"),
        "calendar_days" => ("天", "calendar days"),
        "years" => ("年", "years"),
        "hours" => ("小时", "hours"),
        "percent" => ("%", "%"),
        _ => ("", ""),
    };
    if en {
        e
    } else {
        zh
    }
}

/// A JSON number usable on a chart: finite and not absurdly large (so spans stay finite).
fn finite(v: &Value) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite() && x.abs() < 1e15)
}

/// A number as people read it: at most two decimals, no trailing zeros.
fn num(v: f64) -> String {
    fixed(v, 2)
}

/// `v` rounded to `decimals`, trailing zeros dropped.
fn fixed(v: f64, decimals: usize) -> String {
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

// ---- Text ----------------------------------------------------------------------------------

/// Text for XML character data and attribute values: `& < > " '` escaped, characters that XML
/// 1.0 does not allow dropped.
fn esc(s: &str) -> String {
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
fn char_em(c: char) -> f64 {
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

fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// `s`, cut with `…` to fit `max` px.
fn fit(s: &str, size: f64, max: f64) -> String {
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
fn wrap2(s: &str, size: f64, max: f64) -> Vec<String> {
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

// ---- Drawing --------------------------------------------------------------------------------

/// Coordinates with one decimal, no trailing zeros.
fn c(v: f64) -> String {
    fixed(if v.is_finite() { v } else { 0.0 }, 1)
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG document being written.
struct Svg {
    out: String,
    /// Value labels, drawn last so that no bar or line covers them.
    over: String,
}

impl Svg {
    fn new(height: f64, label: &str) -> Svg {
        let mut out = String::with_capacity(16 * 1024);
        let (w, h) = (c(WIDTH), c(height));
        let label = esc(label);
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}"><title>{label}</title><rect class="background" x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/><g font-family="{FONT_FAMILY}" font-size="12" fill="#000000">"##
        );
        Svg { out, over: String::new() }
    }

    fn finish(mut self) -> String {
        self.out.push_str(&self.over);
        self.out.push_str("</g></svg>");
        self.out
    }

    fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, extra: &str, content: &str) {
        let _ = write!(self.out, r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}"{extra}>{}</text>"#, c(x), c(y), c(size), anchor.as_str(), esc(content));
    }

    /// Text with a white halo, readable over bars and lines, on top of everything else.
    fn label(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, content: &str) {
        let main = std::mem::take(&mut self.out);
        self.text(x, y, size, anchor, r##" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##, content);
        let label = std::mem::replace(&mut self.out, main);
        self.over.push_str(&label);
    }

    fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &str, width: f64, extra: &str) {
        let _ = write!(self.out, r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{extra}/>"#, c(x1), c(y1), c(x2), c(y2), c(width));
    }

    fn rect(&mut self, class: &str, (x, y, w, h): (f64, f64, f64, f64), fill: &str, tip: Option<&str>) {
        let _ = write!(self.out, r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" fill="{fill}""#, c(x), c(y), c(w.max(0.0)), c(h.max(0.0)));
        match tip {
            Some(t) => {
                let _ = write!(self.out, "><title>{}</title></rect>", esc(t));
            }
            None => self.out.push_str("/>"),
        }
    }

    /// Title (one or two lines) and subtitle; returns the y below them, as [`heading_end`].
    fn heading(&mut self, title: &str, subtitle: &str) -> f64 {
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
    fn legend(&mut self, y: f64, items: &[(&str, String)], target: Option<&str>) {
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
    fn y_title(&mut self, x: f64, top: f64, bottom: f64, title: &str) {
        let y = (top + bottom) / 2.0;
        let _ = write!(self.out, r#"<text x="{}" y="{}" font-size="13" text-anchor="middle" transform="rotate(-90 {} {})">{}</text>"#, c(x), c(y), c(x), c(y), esc(&fit(title, 13.0, bottom - top + 40.0)));
    }
}

/// Where [`Svg::heading`] ends.
fn heading_end(title: &str, subtitle: &str) -> f64 {
    28.0 + 21.0 * wrap2(title, 16.0, WIDTH - 40.0).len() as f64 + if subtitle.is_empty() { 0.0 } else { 18.0 }
}

/// The small chart for a report without data: its title and 暂无数据.
fn empty(meta: &Meta, note: &str) -> String {
    let height = 170.0;
    let mut svg = Svg::new(height, &meta.title);
    let y = svg.heading(&meta.title, "");
    let mid = (y + height) / 2.0;
    let _ = write!(svg.out, r##"<rect x="20" y="{}" width="{}" height="{}" fill="none" stroke="#bbbbbb" stroke-dasharray="4 3"/>"##, c(y), c(WIDTH - 40.0), c(height - y - 16.0));
    svg.text(WIDTH / 2.0, mid + 2.0, 16.0, Anchor::Middle, r#" class="empty""#, meta.pick("暂无数据", "No data"));
    if !note.is_empty() {
        svg.text(WIDTH / 2.0, mid + 24.0, 12.0, Anchor::Middle, "", note);
    }
    svg.finish()
}

/// A linear map from values to pixels.
#[derive(Clone, Copy)]
struct Scale {
    lo: f64,
    hi: f64,
    from: f64,
    to: f64,
}

impl Scale {
    fn at(&self, v: f64) -> f64 {
        let span = self.hi - self.lo;
        if span > 0.0 && span.is_finite() {
            self.from + (v.clamp(self.lo, self.hi) - self.lo) / span * (self.to - self.from)
        } else {
            self.from
        }
    }
}

/// A step of 1, 2, 2.5 or 5 × 10ⁿ that cuts `span` into about `count` parts.
fn nice_step(span: f64, count: f64) -> f64 {
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
fn decimals(step: f64) -> usize {
    (0..6).find(|d| {
        let scaled = step * 10f64.powi(*d as i32);
        (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
    })
    .unwrap_or(6)
}

/// `lo..hi` widened to whole steps of a nice step, and the ticks on it.
fn nice_axis(lo: f64, hi: f64, count: f64) -> (f64, f64, Vec<f64>, usize) {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, lo + 0.5) };
    let step = nice_step(hi - lo, count);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let n = ((end - start) / step).round().clamp(1.0, 100.0) as usize;
    let ticks = (0..=n).map(|i| start + i as f64 * step).collect();
    (start, start + n as f64 * step, ticks, decimals(step))
}

/// Grid lines and tick labels of a horizontal value axis along the bottom of the plot.
fn x_axis(svg: &mut Svg, x: Scale, ticks: &[f64], dec: usize, top: f64, bottom: f64, title: &str) {
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
fn y_axis(svg: &mut Svg, y: Scale, ticks: &[f64], dec: usize, left: f64, right: f64, title: &str) {
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
fn target_line(svg: &mut Svg, (x1, y1, x2, y2): (f64, f64, f64, f64), label: Option<&str>) {
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

fn met_colour(met: Option<bool>) -> (&'static str, &'static str) {
    match met {
        Some(true) => ("bar met", MET),
        Some(false) => ("bar late", LATE),
        None => ("bar unjudged", UNJUDGED),
    }
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

// ---- Distribution ---------------------------------------------------------------------------

fn distribution(report: &Value, meta: &Meta) -> String {
    // Closed cases with a value, and open cases already overdue at their time so far.
    let mut points: Vec<(f64, Option<bool>)> = Vec::new();
    let mut overdue_open = 0;
    for case in array(report, "cases") {
        let met = case.get("met").and_then(Value::as_bool);
        match case.get("status").and_then(Value::as_str) {
            Some("closed") => {
                if let Some(v) = case.get("value").and_then(finite) {
                    points.push((v, met));
                }
            }
            Some("open") if met == Some(false) => {
                if let Some(v) = case.get("elapsed").and_then(finite) {
                    points.push((v, met));
                    overdue_open += 1;
                }
            }
            _ => {}
        }
    }
    if points.is_empty() {
        return empty(meta, "");
    }
    let late = points.iter().filter(|p| p.1 == Some(false)).count();
    // A target on an average judges no case: no count of late cases to give.
    let judged = points.iter().any(|p| p.1.is_some());
    let subtitle = if !judged {
        if meta.en {
            format!("Distribution of case values: {} cases", points.len())
        } else {
            format!("案件数值分布：共 {} 件", points.len())
        }
    } else if meta.en {
        let open = if overdue_open > 0 { format!(", of which {overdue_open} open and overdue") } else { String::new() };
        format!("Distribution of case values: {} cases, {late} late{open}", points.len())
    } else {
        let open = if overdue_open > 0 { format!("，其中 {overdue_open} 件在办已超期") } else { String::new() };
        format!("案件数值分布：共 {} 件，未达标 {late} 件{open}", points.len())
    };

    // Bins: a nice width over the values and the target; closed on the side the target is met
    // on, so that a case exactly at a "≤ 7" target sits left of the line.
    let mut lo = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let mut hi = points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
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
    let right_closed = matches!(meta.direction, Some(Direction::Le | Direction::Lt | Direction::Decrease));
    let step = nice_step(hi - lo, 10.0);
    // Bin edges run from the target, so that every bin lies on one side of the line and the
    // colours split exactly there; for an "= 100" target the target is a bin's middle.
    let first = match (meta.target, meta.direction) {
        (Some(t), Some(Direction::Eq)) => t - step / 2.0 - ((t - step / 2.0 - lo) / step - 1e-9).ceil().max(0.0) * step,
        (Some(t), _) => t - ((t - lo) / step - 1e-9).ceil().max(0.0) * step,
        (None, _) => (lo / step).floor() * step,
    };
    let bins = if right_closed { ((hi - first) / step - 1e-9).ceil() } else { ((hi - first) / step + 1e-9).floor() + 1.0 }.clamp(1.0, 60.0) as usize;
    let mut counts = vec![[0usize; 3]; bins];
    for (v, met) in &points {
        // A value on an edge (within rounding: 2 h 48 min is 0.4000…01 days) goes to the side it meets.
        let pos = (v - first) / step;
        let i = if right_closed { (pos - 1e-6).ceil() - 1.0 } else { (pos + 1e-6).floor() };
        let i = (i.max(0.0) as usize).min(bins - 1);
        let slot = match met {
            Some(true) => 0,
            None => 1,
            Some(false) => 2,
        };
        if let Some(bin) = counts.get_mut(i).and_then(|b| b.get_mut(slot)) {
            *bin += 1;
        }
    }
    let max_count = counts.iter().map(|b| b.iter().sum::<usize>()).max().unwrap_or(1).max(1);

    let mut svg = Svg::new(420.0, &meta.title);
    let y0 = svg.heading(&meta.title, &subtitle);
    let mut legend = Vec::new();
    if points.iter().any(|p| p.1 == Some(true)) {
        legend.push((MET, meta.pick("达标", "met").to_string()));
    }
    if late > 0 {
        legend.push((LATE, meta.pick("未达标", "late").to_string()));
    }
    if points.iter().any(|p| p.1.is_none()) {
        legend.push((UNJUDGED, meta.pick("不逐件判定", "not judged per case").to_string()));
    }
    let target_label = meta.target_label();
    svg.legend(y0 + 4.0, &legend, None);
    let (top, bottom, left, right) = (y0 + 36.0, 420.0 - 58.0, 70.0, WIDTH - 30.0);
    let x = Scale { lo: first, hi: first + bins as f64 * step, from: left, to: right };
    // Room above the tallest bar for its count, clear of the target's label.
    let headroom = (max_count as f64 * 1.12).max(max_count as f64 + 1.0);
    let (_, y_hi, y_ticks, _) = nice_axis(0.0, headroom, 5.0);
    let y_step = y_ticks.get(1).copied().unwrap_or(1.0) - y_ticks.first().copied().unwrap_or(0.0);
    // Counts are whole: a step of 2.5 becomes 2, one below 1 becomes 1.
    let (y_hi, y_ticks) = if y_step.fract() != 0.0 {
        let step = y_step.floor().max(1.0);
        let n = (headroom / step).ceil().clamp(1.0, 100.0) as usize;
        (n as f64 * step, (0..=n).map(|i| i as f64 * step).collect())
    } else {
        (y_hi, y_ticks)
    };
    let y = Scale { lo: 0.0, hi: y_hi, from: bottom, to: top };
    y_axis(&mut svg, y, &y_ticks, 0, left, right, meta.pick("案件数", "Cases"));
    // Ticks on round numbers, which the bin edges (run from the target) need not be.
    let (_, _, ticks, tick_dec) = nice_axis(x.lo, x.hi, 8.0);
    let eps = step * 1e-6;
    let ticks: Vec<f64> = ticks.into_iter().filter(|t| *t >= x.lo - eps && *t <= x.hi + eps).collect();
    x_axis(&mut svg, x, &ticks, tick_dec, top, bottom, &meta.axis);

    let dec = decimals(step).max(decimals(first.abs()));
    for (i, bin) in counts.iter().enumerate() {
        let (a, b) = (first + i as f64 * step, first + (i + 1) as f64 * step);
        let range = if right_closed { format!("({}, {}]", fixed(a, dec), fixed(b, dec)) } else { format!("[{}, {})", fixed(a, dec), fixed(b, dec)) };
        let (px, pw) = (x.at(a) + 1.0, x.at(b) - x.at(a) - 2.0);
        let mut base = 0usize;
        for (slot, met) in [(0, Some(true)), (1, None), (2, Some(false))] {
            let n = bin.get(slot).copied().unwrap_or(0);
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
    if let (Some(t), Some(label)) = (meta.target, target_label.as_deref()) {
        let px = x.at(t);
        target_line(&mut svg, (px, top - 4.0, px, bottom), Some(label));
    }
    svg.finish()
}

// ---- Counties -------------------------------------------------------------------------------

fn counties(report: &Value, meta: &Meta) -> String {
    let rows: Vec<(String, Option<f64>, Option<bool>, u64)> = array(report, "byCounty")
        .iter()
        .map(|r| {
            let county = r.get("county").and_then(Value::as_str).unwrap_or("").trim();
            let county = if county.is_empty() { meta.pick("（未填写县区）", "(no county)") } else { county };
            (county.to_string(), r.get("value").and_then(finite), r.get("met").and_then(Value::as_bool), r.get("count").and_then(Value::as_u64).unwrap_or(0))
        })
        .collect();
    if rows.iter().all(|r| r.1.is_none()) {
        return empty(meta, "");
    }
    // A count's target is for the whole city: no county is judged against it, so no line.
    let citywide = meta.method == "count";
    let target = if citywide { None } else { meta.target };
    let subtitle = match (citywide, meta.target_text()) {
        (true, Some(t)) if meta.en => format!("Count by county (the target {t} is for the whole city; counties are not judged)"),
        (true, Some(t)) => format!("各县区数量（目标 {t} 为全市合计，不分县判定）"),
        _ => meta.pick("各县区数值与目标", "Value by county against the target").to_string(),
    };

    const ROW: f64 = 28.0;
    let label_w = rows.iter().map(|r| text_width(&r.0, 12.0)).fold(40.0, f64::max).min(180.0);
    let y0 = heading_end(&meta.title, &subtitle);
    // Room for the legend and the target's label; a city-wide count has neither.
    let top = y0 + if citywide { 12.0 } else { 36.0 };
    let bottom = top + rows.len() as f64 * ROW;
    let mut svg = Svg::new(bottom + 56.0, &meta.title);
    svg.heading(&meta.title, &subtitle);
    let mut legend = Vec::new();
    if rows.iter().any(|r| r.2 == Some(true)) {
        legend.push((MET, meta.pick("达标", "met").to_string()));
    }
    if rows.iter().any(|r| r.2 == Some(false)) {
        legend.push((LATE, meta.pick("未达标", "not met").to_string()));
    }
    if !citywide && rows.iter().any(|r| r.1.is_some() && r.2.is_none()) {
        legend.push((UNJUDGED, meta.pick("未判定", "not judged").to_string()));
    }
    let target_label = target.and(meta.target_label());
    svg.legend(y0 + 4.0, &legend, None);
    let (left, right) = (24.0 + label_w + 10.0, WIDTH - 64.0);
    let values = rows.iter().filter_map(|r| r.1).chain(target);
    let lo = values.clone().fold(0.0, f64::min);
    let hi = values.fold(0.0, f64::max);
    let (lo, hi, ticks, dec) = nice_axis(lo, hi, 6.0);
    let x = Scale { lo, hi, from: left, to: right };
    x_axis(&mut svg, x, &ticks, dec, top, bottom, &meta.axis);
    let zero = x.at(0.0);
    for (i, (county, value, met, count)) in rows.iter().enumerate() {
        let cy = top + (i as f64 + 0.5) * ROW;
        svg.text(left - 8.0, cy + 4.0, 12.0, Anchor::End, "", &fit(county, 12.0, label_w));
        match value {
            Some(v) => {
                let (class, fill) = met_colour(*met);
                let px = x.at(*v);
                let verdict = match met {
                    Some(true) => meta.pick("达标", "met"),
                    Some(false) => meta.pick("未达标", "not met"),
                    None => "",
                };
                let tip = if meta.en { format!("{county}: {} ({count} cases) {verdict}", meta.with_unit(*v)) } else { format!("{county}：{}（{count} 件）{verdict}", meta.with_unit(*v)) };
                svg.rect(class, (zero.min(px), cy - 9.0, (px - zero).abs().max(1.0), 18.0), fill, Some(tip.trim_end()));
                // The value beside the bar's end, moved past the target line if it would straddle it.
                let text = num(*v);
                let w = text_width(&text, 11.0);
                let line = target.map(|t| x.at(t));
                if *v >= 0.0 {
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

// ---- Trend ----------------------------------------------------------------------------------

/// `YYYY-MM` of a date or period text (`2023-07-05T10:00`, `2023/7`, `2023年7月`), if it has one.
fn month_of(text: &str) -> Option<(i32, u32)> {
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

fn trend(report: &Value, meta: &Meta) -> String {
    let is_trend = meta.method == "trend";
    let mut points: Vec<Point> = Vec::new();
    if is_trend {
        let periods = report.get("summary").map_or(&[][..], |s| array(s, "periods"));
        let listed: Vec<(String, f64)> =
            periods.iter().filter_map(|p| Some((p.get("period").and_then(Value::as_str)?.trim().to_string(), p.get("value").and_then(finite)?))).collect();
        let monthly: Option<Vec<((i32, u32), f64)>> = listed.iter().map(|(p, v)| Some((month_of(p)?, *v))).collect();
        let rows = match monthly {
            Some(m) if !m.is_empty() => months(m),
            _ => listed.into_iter().map(|(p, v)| (p, Some(v), 1)).collect(),
        };
        let mut previous: Option<f64> = None;
        for (label, value, count) in rows {
            // Keep falling: each period against the one before it.
            let met = match (value, previous) {
                (Some(v), Some(p)) => Some(v < p),
                _ => None,
            };
            previous = value.or(previous);
            points.push(Point { label, value, count, met });
        }
    } else if meta.timed {
        let values: Vec<((i32, u32), f64)> = array(report, "cases")
            .iter()
            .filter(|c| c.get("status").and_then(Value::as_str) == Some("closed"))
            .filter_map(|c| Some((month_of(c.get("end")?.as_str()?)?, c.get("value").and_then(finite)?)))
            .collect();
        points = months(values).into_iter().map(|(label, value, count)| Point { met: value.and_then(|v| meta.meets(v)), label, value, count }).collect();
    }
    if points.iter().all(|p| p.value.is_none()) {
        let note = if is_trend || meta.timed { "" } else { meta.pick("按月趋势只用于办理时长类和按期填报的指标", "the monthly trend is for time indicators and per-period indicators") };
        return empty(meta, note);
    }
    let n_cases: usize = points.iter().map(|p| p.count).sum();
    let subtitle = match (is_trend, meta.en) {
        (true, false) => "各期数值；目标：逐期下降".to_string(),
        (true, true) => "Value per period; target: keep falling".to_string(),
        (false, false) => format!("按办结月份的月平均值（共 {n_cases} 件）"),
        (false, true) => format!("Monthly mean by month of completion ({n_cases} cases)"),
    };
    let target = if is_trend { None } else { meta.target };
    let target_label = target.and(meta.target_label());

    let mut svg = Svg::new(420.0, &meta.title);
    let y0 = svg.heading(&meta.title, &subtitle);
    let legend = if is_trend {
        vec![(UNJUDGED, meta.pick("首期", "first period").to_string()), (MET, meta.pick("较上期下降", "lower than the period before").to_string()), (LATE, meta.pick("未下降", "not lower").to_string())]
    } else if target.is_some() {
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
    svg.text((left + right) / 2.0, bottom + 40.0, 13.0, Anchor::Middle, "", meta.pick(if is_trend { "期间" } else { "办结月份" }, if is_trend { "Period" } else { "Month of completion" }));
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
        let tip = match (is_trend, meta.en) {
            (true, _) => format!("{}: {}", p.label, meta.with_unit(v)),
            (false, false) => format!("{}：平均 {}（{} 件）", p.label, meta.with_unit(v), p.count),
            (false, true) => format!("{}: mean {} ({} cases)", p.label, meta.with_unit(v), p.count),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{Calculator, EvaluateOptions};
    use quick_xml::events::Event;
    use quick_xml::Reader;
    use serde_json::json;

    /// Parses `svg` as XML (every tag closed, every entity known); returns the element names.
    fn elements(svg: &str) -> Vec<String> {
        let mut reader = Reader::from_str(svg);
        reader.config_mut().check_end_names = true;
        let mut names = Vec::new();
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    depth += 1;
                    names.push(e.name().as_ref().to_string());
                }
                Ok(Event::Empty(e)) => names.push(e.name().as_ref().to_string()),
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::GeneralRef(r)) => {
                    let name: &str = r.as_ref();
                    assert!(["lt", "gt", "amp", "quot", "apos"].contains(&name), "unknown entity &{name};");
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed at {}: {e}\n{svg}", reader.buffer_position()),
            }
        }
        assert_eq!(depth, 0, "unbalanced tags");
        assert_eq!(names.first().map(String::as_str), Some("svg"));
        names
    }

    fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    fn report(id: &str, cases: serde_json::Value, lang: Lang) -> Value {
        let mut options = EvaluateOptions::default();
        options.work.lang = lang;
        let r = Calculator::builtin().unwrap().evaluate(id, cases.as_array().unwrap(), &options).unwrap();
        serde_json::to_value(r).unwrap()
    }

    /// 3.5 (≤ 7 working days): four counties, one of them named `<script>`, one late.
    fn electricity() -> Value {
        report(
            "3.5",
            json!([
                {"county": "麒麟区", "start": "2023-07-03 09:00", "end": "2023-07-06 17:00"},
                {"county": "麒麟区", "start": "2023-08-01 09:00", "end": "2023-08-03 12:00"},
                {"county": "宣威市", "start": "2023-07-03 09:00", "end": "2023-07-20 17:00"},
                {"county": "<script>", "start": "2023-09-04 09:00", "end": "2023-09-07 10:00"},
                {"county": "A&B \"县\"", "start": "2023-09-04 09:00", "end": "2023-09-05 10:00"},
                {"county": "会泽县", "start": "bad"},
            ]),
            Lang::Zh,
        )
    }

    #[test]
    fn counties_have_one_bar_each_and_escaped_names() {
        let r = electricity();
        let svg = chart_svg(ChartKind::Counties, &r, Lang::Zh).unwrap();
        elements(&svg);
        // Four counties with a value: four bars; 会泽县 has only an invalid case.
        assert_eq!(count(&svg, r#"class="bar "#), 4, "{svg}");
        assert_eq!(count(&svg, r#"class="bar late""#), 1);
        assert_eq!(count(&svg, r#"class="bar met""#), 3);
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"), "county names are escaped");
        assert!(svg.contains("A&amp;B &quot;县&quot;"));
        assert!(svg.contains("会泽县") && svg.contains(r#"class="no-data""#));
        assert_eq!(count(&svg, r#"class="target""#), 1);
        assert!(svg.contains("目标 ≤ 7 工作日"));
        assert!(svg.contains("时长（工作日）"), "Chinese axis title");
        assert!(svg.contains(r#"viewBox="0 0 720 "#));
        // The height grows with the rows.
        let h: f64 = svg.split(r#"height=""#).nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse().ok()).unwrap();
        assert!(h > 5.0 * 28.0, "height {h}");
        assert!(svg.contains(&format!(r#"viewBox="0 0 720 {}""#, c(h))));
    }

    #[test]
    fn distribution_stacks_met_and_late_with_the_target_line() {
        let r = electricity();
        let svg = chart_svg(ChartKind::Distribution, &r, Lang::Zh).unwrap();
        elements(&svg);
        assert_eq!(count(&svg, r#"class="target""#), 1);
        assert!(svg.contains("案件数") && svg.contains("时长（工作日）"));
        assert!(svg.contains("共 5 件，未达标 1 件"), "{svg}");
        assert_eq!(count(&svg, r#"class="bar late""#), 1);
        assert!(count(&svg, r#"class="bar met""#) >= 1);
        // Every stacked segment counted once: the tips add up to the five cases.
        let total: usize = svg.split("<title>").skip(1).filter_map(|t| t.split("</title>").next()).filter_map(|t| t.trim_end_matches(" 件").rsplit(' ').next()?.parse::<usize>().ok()).sum();
        assert_eq!(total, 5, "{svg}");
        let en = chart_svg(ChartKind::Distribution, &r, Lang::En).unwrap();
        elements(&en);
        assert!(en.contains("Cases") && en.contains("Time (working days)") && en.contains("Target ≤ 7 working days"));
    }

    #[test]
    fn a_case_exactly_at_the_target_is_left_of_the_line() {
        // 1.1 ≤ 0.4 working days: 2 h 48 min is exactly 0.4.
        let r = report(
            "1.1",
            json!([
                {"county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48"},
                {"county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 10:00"},
            ]),
            Lang::Zh,
        );
        let svg = chart_svg(ChartKind::Distribution, &r, Lang::Zh).unwrap();
        assert_no_bar_straddles_the_target(&svg);
        assert_eq!(count(&svg, r#"class="bar met""#), 2);
    }

    fn attr(element: &str, name: &str) -> f64 {
        element.split(&format!(" {name}=\"")).nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no {name} in {element}"))
    }

    /// Every bar of a distribution lies wholly on one side of the target line.
    fn assert_no_bar_straddles_the_target(svg: &str) {
        let Some(line) = svg.split("<line").find(|l| l.contains(r#"class="target""#)) else { return };
        let target_x = attr(line, "x1");
        for bar in svg.split(r#"<rect class="bar"#).skip(1) {
            let (x, w) = (attr(bar, "x"), attr(bar, "width"));
            assert!(x + w <= target_x + 1.01 || x >= target_x - 1.01, "bar {x}+{w} straddles the target at {target_x}\n{svg}");
        }
    }

    #[test]
    fn trend_of_a_time_indicator_is_the_monthly_mean_with_gaps() {
        let r = electricity();
        let svg = chart_svg(ChartKind::Trend, &r, Lang::Zh).unwrap();
        elements(&svg);
        // July, August, September: three points; the line has one piece per run of months.
        assert_eq!(count(&svg, "<circle "), 3, "{svg}");
        assert!(svg.contains("2023-07") && svg.contains("2023-08") && svg.contains("2023-09"));
        assert!(svg.contains("办结月份") && svg.contains("按办结月份的月平均值（共 5 件）"));
        assert_eq!(count(&svg, r#"class="target""#), 1);
        // Two July cases, one over target: the July mean is late.
        assert_eq!(count(&svg, r#"class="point late""#), 1);
        let gap = report(
            "3.5",
            json!([
                {"county": "麒麟区", "start": "2023-01-03 09:00", "end": "2023-01-04 17:00"},
                {"county": "麒麟区", "start": "2023-04-03 09:00", "end": "2023-04-04 12:00"},
            ]),
            Lang::Zh,
        );
        let svg = chart_svg(ChartKind::Trend, &gap, Lang::Zh).unwrap();
        assert_eq!(count(&svg, "<circle "), 2);
        assert!(svg.contains("2023-02") || svg.contains("2023-03"), "the months between are on the axis");
        assert_eq!(svg.split(r#"class="line" d=""#).nth(1).map(|d| count(d.split('"').next().unwrap(), "M")), Some(2), "the line is broken at the gap");
    }

    #[test]
    fn trend_indicators_use_the_periods() {
        let r = report(
            "6.1",
            json!([
                {"period": "2023-01", "value": 38.6},
                {"period": "2023年2月", "value": 37.9},
                {"period": "2023-03", "value": 38.2},
            ]),
            Lang::Zh,
        );
        let svg = chart_svg(ChartKind::Trend, &r, Lang::Zh).unwrap();
        elements(&svg);
        assert_eq!(count(&svg, "<circle "), 3);
        assert_eq!(count(&svg, r#"class="point met""#), 1);
        assert_eq!(count(&svg, r#"class="point late""#), 1);
        assert!(svg.contains("逐期下降") && !svg.contains(r#"class="target""#));
    }

    #[test]
    fn no_data_is_a_small_chart_not_an_error() {
        let r = report("3.5", json!([]), Lang::Zh);
        for kind in ChartKind::ALL {
            let svg = chart_svg(kind, &r, Lang::Zh).unwrap();
            elements(&svg);
            assert!(svg.contains("暂无数据"), "{kind:?}");
            assert!(chart_svg(kind, &r, Lang::En).unwrap().contains("No data"));
        }
        // Rates have no months to chart.
        let rate = report("4.1", json!([{"county": "麒麟区", "numerator": 98, "denominator": 100}]), Lang::Zh);
        assert!(chart_svg(ChartKind::Trend, &rate, Lang::Zh).unwrap().contains("暂无数据"));
        assert!(chart_svg(ChartKind::Counties, &rate, Lang::Zh).unwrap().contains(r#"class="bar met""#));
    }

    #[test]
    fn any_json_gives_a_chart_or_an_error_never_a_panic() {
        let odd = [
            json!(null),
            json!("text"),
            json!([1, 2]),
            json!({}),
            json!({"cases": "x", "byCounty": 3, "summary": []}),
            json!({"target": "7", "direction": "sideways", "unit": 5, "cases": [null, 1, {"status": "closed", "value": "x"}, {"status": "closed", "value": 1e300}, {"status": "closed", "value": -1e300}]}),
            json!({"target": 1e14, "direction": "le", "cases": [{"status": "closed", "value": -1e14, "met": true}, {"status": "closed", "value": 1e14, "met": false}], "byCounty": [{"county": "\u{1}\u{FFFF}x", "value": -5, "met": false}, {"county": null, "value": 0}]}),
            json!({"method": "trend", "summary": {"periods": [{"period": "9999-12", "value": 1}, {"period": "0000-01", "value": 2}, {"period": 7, "value": 3}]}}),
            json!({"method": "elapsed_working", "target": 0, "direction": "ge", "cases": [{"status": "closed", "end": "2023-13-01", "value": 0}, {"status": "closed", "end": "2023-12", "value": 0}]}),
        ];
        for r in &odd {
            for kind in ChartKind::ALL {
                for lang in [Lang::Zh, Lang::En, Lang::Both] {
                    match chart_svg(kind, r, lang) {
                        Ok(svg) => {
                            elements(&svg);
                        }
                        Err(e) => assert!(!r.is_object(), "{e:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn all_sample_indicators_draw_well_formed_charts() {
        let sample = crate::plan::samples::sample_dataset().unwrap();
        let options: EvaluateOptions = serde_json::from_value(json!({"asOf": sample["asOf"]})).unwrap();
        let calc = Calculator::builtin().unwrap();
        for (id, cases) in sample["indicators"].as_object().unwrap() {
            let r = serde_json::to_value(calc.evaluate(id, cases.as_array().unwrap(), &options).unwrap()).unwrap();
            for kind in ChartKind::ALL {
                for lang in [Lang::Zh, Lang::En] {
                    let svg = chart_svg(kind, &r, lang).unwrap();
                    elements(&svg);
                    if kind == ChartKind::Distribution && r["direction"] != "eq" {
                        assert_no_bar_straddles_the_target(&svg);
                    }
                    for size in svg.split("font-size=\"").skip(1).filter_map(|s| s.split('"').next()) {
                        assert!(size.parse::<f64>().unwrap() >= 11.0, "{id} {kind:?}: font-size {size}");
                    }
                    assert!(!svg.contains("NaN") && !svg.contains("=\"inf") && !svg.contains("=\"-inf"), "{id} {kind:?}");
                }
            }
        }
    }

    #[test]
    fn an_average_target_counts_no_late_cases() {
        // 8.2 is on the average: its cases are not judged, so the subtitle counts none late.
        let cases = json!([{ "start": "2023-01-01", "end": "2023-05-01" }, { "start": "2023-01-01", "end": "2023-03-01" }]);
        let r = serde_json::to_value(Calculator::builtin().unwrap().evaluate("8.2", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap()).unwrap();
        let svg = chart_svg(ChartKind::Distribution, &r, Lang::Zh).unwrap();
        assert!(svg.contains("案件数值分布：共 2 件") && !svg.contains("未达标"), "{svg}");
    }

    #[test]
    fn kinds_by_name() {
        for kind in ChartKind::ALL {
            assert_eq!(kind.as_str().parse::<ChartKind>().unwrap(), kind);
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
            assert_eq!(serde_json::from_value::<ChartKind>(json!(kind.as_str())).unwrap(), kind);
        }
        let err = "bars".parse::<ChartKind>().unwrap_err();
        assert_eq!((err.kind(), err.field()), (ErrorKind::Range, Some("kind")));
    }

    #[test]
    fn text_helpers() {
        assert_eq!(esc("<a href='x'>&\"\u{0}\t"), "&lt;a href=&apos;x&apos;&gt;&amp;&quot; ");
        assert_eq!(num(7.0), "7");
        assert_eq!(num(0.4000001), "0.4");
        assert_eq!(num(-0.001), "0");
        assert_eq!(decimals(2.5), 1);
        assert_eq!(decimals(0.25), 2);
        assert_eq!(decimals(20.0), 0);
        assert_eq!(nice_step(10.0, 10.0), 1.0);
        assert_eq!(month_of("2023-07-05T10:00"), Some((2023, 7)));
        assert_eq!(month_of("2023年7月"), Some((2023, 7)));
        assert_eq!(month_of("45112"), None);
        let long = "非常长的县区名称".repeat(10);
        assert!(text_width(&fit(&long, 12.0, 100.0), 12.0) <= 100.0);
        let lines = wrap2(&"word ".repeat(60), 16.0, 300.0);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 16.0) <= 300.0 + 16.0));
    }
}
