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

mod counties;
mod distribution;
mod svg;
mod trend;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Lang, Result};
use crate::evaluate::report::{CountyResult, PeriodValue, Report, SeriesTrend, Status};
use crate::plan::catalog::{Direction, Method, Unit};
use crate::plan::fields::method_tables;

use svg::{c, num, Anchor, Svg, WIDTH};

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

/// One case as a chart sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CasePoint {
    pub status: Status,
    /// Closed cases: the value.
    pub value: Option<f64>,
    /// Open cases: the time used so far.
    pub elapsed: Option<f64>,
    pub met: Option<bool>,
    /// Time cases: the month of the end, `(year, month)`.
    pub month: Option<(i32, u32)>,
}

/// What a chart draws: the indicator, its cases and its county table, typed. Made from a
/// [`Report`] ([`ChartData::of_report`]) or from a workspace's kept verdicts.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData<'a> {
    pub indicator_id: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    pub unit: Unit,
    pub unit_label_zh: Option<&'a str>,
    pub unit_label_en: Option<&'a str>,
    pub target: Option<f64>,
    pub direction: Direction,
    pub method: Method,
    pub cases: Vec<CasePoint>,
    pub counties: &'a [CountyResult],
    /// Trends: the mean value of each period.
    pub periods: &'a [PeriodValue],
    /// Trends: each series (county, series) with all its periods; one line each.
    pub series: &'a [SeriesTrend],
}

impl<'a> ChartData<'a> {
    /// The chart data of an evaluated report.
    pub fn of_report(r: &'a Report) -> ChartData<'a> {
        let cases = r
            .cases
            .iter()
            .map(|c| CasePoint { status: c.status, value: c.value, elapsed: c.elapsed, met: c.met, month: c.end.as_deref().and_then(trend::month_of) })
            .collect();
        ChartData {
            indicator_id: &r.indicator_id,
            name_zh: &r.name_zh,
            name_en: &r.name_en,
            unit: r.unit,
            unit_label_zh: r.unit_label_zh.as_deref(),
            unit_label_en: r.unit_label_en.as_deref(),
            target: r.target,
            direction: r.direction,
            method: r.method,
            cases,
            counties: &r.by_county,
            periods: &r.summary.periods,
            series: &r.summary.series,
        }
    }
}

/// Draws chart `kind` of an evaluated indicator as an SVG document. Labels are in English for
/// [`Lang::En`], in Chinese otherwise. An indicator without data for the chart gives a small SVG
/// that says 暂无数据 / No data.
///
/// ```
/// use bizenv::error::Lang;
/// use bizenv::report::charts::{chart_svg, ChartData, ChartKind};
/// use bizenv::evaluate::{Calculator, EvaluateOptions};
/// let cases = serde_json::json!([
///     {"county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48"},
///     {"county": "宣威市", "start": "2023-07-14 09:00", "end": "2023-07-17 15:00"},
/// ]);
/// let report = Calculator::builtin().unwrap().evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
/// let svg = chart_svg(ChartKind::Counties, &ChartData::of_report(&report), Lang::Zh).unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("宣威市") && svg.contains(r#"class="target""#));
/// ```
pub fn chart_svg(kind: ChartKind, data: &ChartData, lang: Lang) -> Result<String> {
    let meta = Meta::of(data, lang)?;
    Ok(match kind {
        ChartKind::Distribution => distribution::draw(data, &meta),
        ChartKind::Counties => counties::draw(data, &meta),
        ChartKind::Trend => trend::draw(data, &meta),
    })
}

/// A number usable on a chart: finite and not absurdly large (so spans stay finite).
fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite() && x.abs() < 1e15)
}

/// What every chart needs to know about the indicator, in the chosen language.
struct Meta {
    en: bool,
    title: String,
    target: Option<f64>,
    direction: Direction,
    /// `工作日`, `%`, ...
    unit: String,
    /// The unit for a count of one, where English has a singular (`working day`).
    unit_one: Option<String>,
    /// Axis title of the values: `时长（工作日）`, `Rate (%)`.
    axis: String,
    method: Method,
    /// Time indicators: their cases have an `end` to date them by.
    timed: bool,
}

impl Meta {
    fn of(data: &ChartData, lang: Lang) -> Result<Meta> {
        let en = lang == Lang::En;
        let tables = method_tables()?;
        let info = tables.units.get(&data.unit);
        let label = if en { data.unit_label_en } else { data.unit_label_zh }.map(str::trim).filter(|s| !s.is_empty());
        let unit = label.map(str::to_string).or_else(|| info.map(|u| if en { u.en.clone() } else { u.zh.clone() })).unwrap_or_default();
        let quantity = info.map_or(("数值", "Value"), |u| (u.axis.zh.as_str(), u.axis.en.as_str()));
        let axis = match (unit.is_empty(), en) {
            (true, false) => quantity.0.to_string(),
            (true, true) => quantity.1.to_string(),
            (false, false) => format!("{}（{unit}）", quantity.0),
            (false, true) => format!("{} ({unit})", quantity.1),
        };
        let (zh, en_name) = (data.name_zh.trim(), data.name_en.trim());
        let name = if en { if en_name.is_empty() { zh } else { en_name } } else if zh.is_empty() { en_name } else { zh };
        let title = format!("{} {name}", data.indicator_id.trim()).trim().to_string();
        Ok(Meta {
            en,
            title,
            target: finite(data.target),
            direction: data.direction,
            unit_one: if en { tables.english_singulars.get(&unit).cloned() } else { None },
            unit,
            axis,
            timed: matches!(data.method, Method::ElapsedWorking | Method::CalendarDays | Method::Years),
            method: data.method,
        })
    }
    fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.en {
            en
        } else {
            zh
        }
    }

    /// `7 工作日`, `98%`, `1 working day`.
    fn with_unit(&self, v: f64) -> String {
        let text = num(v);
        match (self.unit.as_str(), self.unit_one.as_deref()) {
            ("", _) => text,
            (u, _) if u.starts_with('%') => format!("{text}{u}"),
            (_, Some(one)) if text == "1" => format!("{text} {one}"),
            (u, _) => format!("{text} {u}"),
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
            Direction::Le => "≤ ",
            Direction::Lt => "< ",
            Direction::Ge => "≥ ",
            Direction::Gt => "> ",
            Direction::Eq => "= ",
            Direction::Decrease => "",
        };
        Some(format!("{op}{}", self.with_unit(t)))
    }

    /// Whether `v` moved from `before` the way the target wants (trends: lower).
    fn direction_meets(&self, v: f64, before: f64) -> bool {
        self.direction.meets(v, before)
    }

    fn meets(&self, v: f64) -> Option<bool> {
        match (self.direction, self.target) {
            (d, Some(t)) if d != Direction::Decrease => Some(d.meets(v, t)),
            _ => None,
        }
    }
}


/// The small chart for a report without data: its title and 暂无数据.
fn empty(meta: &Meta, note: &str) -> String {
    let height = 170.0;
    let mut svg = Svg::new(height, &meta.title);
    let y = svg.heading(&meta.title, "");
    let mid = (y + height) / 2.0;
    let _ = std::fmt::Write::write_fmt(&mut svg.out, format_args!( r##"<rect x="20" y="{}" width="{}" height="{}" fill="none" stroke="#bbbbbb" stroke-dasharray="4 3"/>"##, c(y), c(WIDTH - 40.0), c(height - y - 16.0)));
    svg.text(WIDTH / 2.0, mid + 2.0, 16.0, Anchor::Middle, r#" class="empty""#, meta.pick("暂无数据", "No data"));
    if !note.is_empty() {
        svg.text(WIDTH / 2.0, mid + 24.0, 12.0, Anchor::Middle, "", note);
    }
    svg.finish()
}


#[cfg(test)]
mod tests {
    use super::svg::*;
    use super::trend::month_of;
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

    #[test]
    fn english_counts_one_in_the_singular() {
        // 3.1 (water) is "≤ 1 working day"; a 0.4 target stays plural, Chinese has no plural.
        let cases = json!([{"county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:00"}]);
        let calc = Calculator::builtin().unwrap();
        let water = calc.evaluate("3.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
        let en = chart_svg(ChartKind::Distribution, &ChartData::of_report(&water), Lang::En).unwrap();
        assert!(en.contains("Target ≤ 1 working day<") || en.contains("Target ≤ 1 working day\""), "{en}");
        assert_eq!(count(&en, "1 working days"), 0);
        let setup = calc.evaluate("1.1", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
        assert!(chart_svg(ChartKind::Distribution, &ChartData::of_report(&setup), Lang::En).unwrap().contains("Target ≤ 0.4 working days"));
        assert!(chart_svg(ChartKind::Distribution, &ChartData::of_report(&water), Lang::Zh).unwrap().contains("目标 ≤ 1 工作日"));
    }

    fn report(id: &str, cases: serde_json::Value, lang: Lang) -> Report {
        let mut options = EvaluateOptions::default();
        options.work.lang = lang;
        Calculator::builtin().unwrap().evaluate(id, cases.as_array().unwrap(), &options).unwrap()
    }

    fn draw(kind: ChartKind, r: &Report, lang: Lang) -> Result<String> {
        chart_svg(kind, &ChartData::of_report(r), lang)
    }

    /// 3.5 (≤ 7 working days): four counties, one of them named `<script>`, one late.
    fn electricity() -> Report {
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
    fn close_rates_get_an_axis_that_shows_their_differences_and_says_where_it_starts() {
        // 4.1 (≥ 98 %): 97 of 100 and 199 of 200 → 97 % and 99.5 %. Axis: from 97 − 10 % of
        // the 2.5 spread = 96.75, a step of 0.5 (2.75 / 6 → 0.5) → 96.5 … 99.5.
        let r = report(
            "4.1",
            json!([
                {"county": "麒麟区", "numerator": 97, "denominator": 100},
                {"county": "宣威市", "numerator": 199, "denominator": 200},
                {"numerator": 5, "denominator": 5},
            ]),
            Lang::Zh,
        );
        let svg = draw(ChartKind::Counties, &r, Lang::Zh).unwrap();
        elements(&svg);
        assert!(svg.contains("（横轴自 96.5 起，未从 0 开始）"), "{svg}");
        assert!(svg.contains(">99.5</text>") && !svg.contains(">0</text>"), "ticks 96.5 … 99.5, no 0");
        assert_eq!(count(&svg, r#"<g class="axis-break"><title>坐标轴截断：0 至起点之间省略</title>"#), 1, "the break drawn on the axis");
        // The case without a county draws no bar of its own beside named counties.
        assert!(!svg.contains("未填写县区"), "{svg}");
        assert_eq!(count(&svg, r#"class="bar "#), 2);
        let en = draw(ChartKind::Counties, &report("4.1", json!([{"county": "麒麟区", "numerator": 97, "denominator": 100}, {"county": "宣威市", "numerator": 199, "denominator": 200}]), Lang::En), Lang::En).unwrap();
        assert!(en.contains("(the axis starts at 96.5, not at 0)"), "{en}");
    }

    #[test]
    fn counties_have_one_bar_each_and_escaped_names() {
        let r = electricity();
        let svg = draw(ChartKind::Counties, &r, Lang::Zh).unwrap();
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
        let svg = draw(ChartKind::Distribution, &r, Lang::Zh).unwrap();
        elements(&svg);
        assert_eq!(count(&svg, r#"class="target""#), 1);
        assert!(svg.contains("案件数") && svg.contains("时长（工作日）"));
        assert!(svg.contains("共 5 件，未达标 1 件"), "{svg}");
        assert_eq!(count(&svg, r#"class="bar late""#), 1);
        assert!(count(&svg, r#"class="bar met""#) >= 1);
        // Every stacked segment counted once: the tips add up to the five cases.
        let total: usize = svg.split("<title>").skip(1).filter_map(|t| t.split("</title>").next()).filter_map(|t| t.trim_end_matches(" 件").rsplit(' ').next()?.parse::<usize>().ok()).sum();
        assert_eq!(total, 5, "{svg}");
        let en = draw(ChartKind::Distribution, &r, Lang::En).unwrap();
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
        let svg = draw(ChartKind::Distribution, &r, Lang::Zh).unwrap();
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
        let svg = draw(ChartKind::Trend, &r, Lang::Zh).unwrap();
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
        let svg = draw(ChartKind::Trend, &gap, Lang::Zh).unwrap();
        assert_eq!(count(&svg, "<circle "), 2);
        assert!(svg.contains("2023-02") || svg.contains("2023-03"), "the months between are on the axis");
        assert_eq!(svg.split(r#"class="line" d=""#).nth(1).map(|d| count(d.split('"').next().unwrap(), "M")), Some(2), "the line is broken at the gap");
    }

    /// The tick labels (right-aligned texts) and the panel heading of each series' group.
    fn series_panels(svg: &str) -> Vec<(String, Vec<String>)> {
        svg.split(r#"<g class="series" data-series=""#)
            .skip(1)
            .map(|part| {
                let part = part.split("</g>").next().unwrap();
                let between = |s: &str, from: &str| s.split(from).nth(1).and_then(|r| r.split("</text>").next()).unwrap_or("").to_string();
                let ticks = part.split(r#"text-anchor="end">"#).skip(1).map(|t| t.split("</text>").next().unwrap().to_string()).collect();
                (between(part, r#"font-weight="bold">"#), ticks)
            })
            .collect()
    }

    #[test]
    fn trends_draw_one_line_per_series_on_its_own_axis_with_the_direction() {
        // Imports 30 → 28 → 29 hours (fell, then rose); exports 2.0 → 1.8 → 1.6 (fell twice).
        let cases = json!([
            {"series": "进口", "period": "2023-01", "value": 30}, {"series": "出口", "period": "2023-01", "value": 2.0},
            {"series": "进口", "period": "2023-02", "value": 28}, {"series": "出口", "period": "2023-02", "value": 1.8},
            {"series": "进口", "period": "2023-03", "value": 29}, {"series": "出口", "period": "2023-03", "value": 1.6},
        ]);
        let r = report("6.1", cases.clone(), Lang::Zh);
        let svg = draw(ChartKind::Trend, &r, Lang::Zh).unwrap();
        elements(&svg);
        // 出口 sorts before 进口 (the core's series order). Each axis spans its own values in
        // nice steps: 1.6–2.0 by 0.1 (span 0.4 in about 4 parts), 28–30 by 0.5 (span 2).
        assert_eq!(
            series_panels(&svg),
            [
                ("出口：最近一期较上期下降 ↓".to_string(), ["1.6", "1.7", "1.8", "1.9", "2"].map(String::from).to_vec()),
                ("进口：最近一期未下降 ↑".to_string(), ["28", "28.5", "29", "29.5", "30"].map(String::from).to_vec()),
            ]
        );
        assert_eq!(count(&svg, r#"class="line" d="M"#), 2, "one line per series");
        // First periods unjudged; 1.8, 1.6 and 28 fell; 29 rose.
        assert_eq!([count(&svg, r#"class="point unjudged""#), count(&svg, r#"class="point met""#), count(&svg, r#"class="point late""#)], [2, 3, 1]);
        // The same period at the same x in both panels: 3 periods across 70..690, slots of 620/3.
        let xs: Vec<String> = svg.split(r#"class="period""#).skip(1).map(|t| t.split('>').nth(1).unwrap().split('<').next().unwrap().to_string()).collect();
        assert_eq!(xs, ["2023-01", "2023-02", "2023-03", "2023-01", "2023-02", "2023-03"]);
        assert!(svg.contains("目标：逐期下降 ↓") && !svg.contains(r#"class="target""#));
        // No one "mean of all series" line: the old chart averaged 30 hours with 2.
        assert!(!svg.contains(">16<") && !svg.contains(">15<"));

        let en = draw(ChartKind::Trend, &report("6.1", cases, Lang::En), Lang::En).unwrap();
        let headings: Vec<String> = series_panels(&en).into_iter().map(|p| p.0).collect();
        assert_eq!(headings, ["出口: latest period lower ↓", "进口: latest period not lower ↑"]);
        assert!(en.contains("target: falling ↓"));

        // 7.3 has no series and no county: one line for the city, 92–112 hours on 90–115 by 5.
        let city = report("7.3", json!([{"period": "2023-09", "value": 112}, {"period": "2023-10", "value": 94.1}, {"period": "2023-11", "value": 92}]), Lang::Zh);
        let svg = draw(ChartKind::Trend, &city, Lang::Zh).unwrap();
        assert_eq!(series_panels(&svg), [("全市：最近一期较上期下降 ↓".to_string(), ["90", "95", "100", "105", "110", "115"].map(String::from).to_vec())]);
    }

    #[test]
    fn no_data_is_a_small_chart_not_an_error() {
        let r = report("3.5", json!([]), Lang::Zh);
        for kind in ChartKind::ALL {
            let svg = draw(kind, &r, Lang::Zh).unwrap();
            elements(&svg);
            assert!(svg.contains("暂无数据"), "{kind:?}");
            assert!(draw(kind, &r, Lang::En).unwrap().contains("No data"));
        }
        // Rates have no months to chart.
        let rate = report("4.1", json!([{"county": "麒麟区", "numerator": 98, "denominator": 100}]), Lang::Zh);
        assert!(draw(ChartKind::Trend, &rate, Lang::Zh).unwrap().contains("暂无数据"));
        assert!(draw(ChartKind::Counties, &rate, Lang::Zh).unwrap().contains(r#"class="bar met""#));
    }

    #[test]
    fn all_sample_indicators_draw_well_formed_charts() {
        let sample = crate::plan::samples::sample_dataset().unwrap();
        let options: EvaluateOptions = serde_json::from_value(json!({"asOf": sample["asOf"]})).unwrap();
        let calc = Calculator::builtin().unwrap();
        for (id, cases) in sample["indicators"].as_object().unwrap() {
            let r = calc.evaluate(id, cases.as_array().unwrap(), &options).unwrap();
            for kind in ChartKind::ALL {
                for lang in [Lang::Zh, Lang::En] {
                    let svg = draw(kind, &r, lang).unwrap();
                    elements(&svg);
                    if kind == ChartKind::Distribution && r.direction != Direction::Eq {
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
        let r = Calculator::builtin().unwrap().evaluate("8.2", cases.as_array().unwrap(), &EvaluateOptions::default()).unwrap();
        let svg = draw(ChartKind::Distribution, &r, Lang::Zh).unwrap();
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

