//! Built-in sample data (示例数据, synthetic), so that a new user sees the whole plan working on
//! first open: every indicator, every county, the plan's definitions at work.
//!
//! Generated here, by the engine's own calendar and clock, from a fixed seed: the same data on
//! every call, in every build. Every name, number and case is invented. The story it tells is
//! built in and checked by the tests (`tests/samples.rs`): each county has a standing (麒麟区 and
//! the development zone strong, 会泽县 and 宣威市 weak) that shows through its cases, so the
//! ranking means something; the development zone has no insolvency cases, so its coverage is
//! short; construction and high-voltage cases come as stages months apart; 5.3 misses on the
//! amount while the households pass; 宣威市's court misses 10.1 while the city's mean passes;
//! 4.4 and 12.2 are counted at two dates; 6.1's export series rose while the import fell.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use jiff::civil::{date, Date, DateTime};
use jiff::SignedDuration;
use serde_json::{json, Map, Value};

use crate::time::calendar::Calendar;
use crate::plan::catalog::Catalog;
use crate::error::Result;
use crate::time::clock::{OfficeHours, Stop, WorkingClock};

/// The instant the sample's open cases are evaluated at.
pub const AS_OF: &str = "2023-12-29 17:00";

/// The sample dataset: `{ label_zh, label_en, asOf, indicators: { "1.1": [cases], ... } }`.
///
/// ```
/// let sample = bizenv::plan::samples::sample_dataset().unwrap();
/// assert_eq!(sample["asOf"], "2023-12-29 17:00");
/// assert!(sample["indicators"]["1.1"].as_array().is_some_and(|cases| !cases.is_empty()));
/// assert_eq!(sample, bizenv::plan::samples::sample_dataset().unwrap()); // the same every time
/// ```
pub fn sample_dataset() -> Result<Value> {
    static SAMPLE: OnceLock<Result<Value>> = OnceLock::new();
    SAMPLE.get_or_init(build).clone()
}

/// Counties with their standing (0 weak … 1 strong) and relative size.
const COUNTIES: [(&str, f64, f64); 10] = [
    ("麒麟区", 0.85, 3.0),
    ("沾益区", 0.70, 1.2),
    ("马龙区", 0.60, 0.7),
    ("宣威市", 0.35, 2.0),
    ("陆良县", 0.65, 1.3),
    ("师宗县", 0.45, 0.7),
    ("罗平县", 0.55, 1.0),
    ("富源县", 0.50, 1.1),
    ("会泽县", 0.30, 1.3),
    ("曲靖经开区", 0.90, 0.9),
];

const TRADE: [&str; 40] = [
    "恒晟", "瑞丰", "鑫源", "华磊", "锦程", "顺达", "盛鑫", "云珠", "宏泰", "佳和", "永盛", "嘉禾", "聚丰", "兴曲", "珠源", "麒锦", "南盘", "爨乡", "滇峰", "腾越", "福瑞", "祥和", "翠峰", "润泽",
    "誉达", "博远", "立信", "安泰", "汇通", "金曲", "众诚", "德昌", "华曜", "益康", "凯旋", "明远", "裕丰", "天泓", "卓越", "乌蒙",
];
const INDUSTRY: [&str; 16] = ["商贸", "建材", "餐饮管理", "农业科技", "物流", "信息技术", "电子商务", "装饰工程", "食品", "医药", "汽车服务", "文化传媒", "新能源科技", "劳务服务", "酒店管理", "环保科技"];
const SURNAMES: [&str; 16] = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "朱", "马", "浦", "缪"];

/// SplitMix64: a tiny, well-known generator, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in `lo..=hi`.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1).max(1) as u64) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(SignedDuration::from_hours(24 * n)).unwrap_or(d)
}

fn text(at: DateTime) -> String {
    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Place names use the city's for its districts, the county's own for the others.
fn place(county: &str) -> &str {
    if matches!(county, "麒麟区" | "沾益区" | "马龙区" | "曲靖经开区") {
        "曲靖"
    } else {
        county
    }
}

struct Gen {
    rng: Rng,
    clock: WorkingClock,
    as_of: DateTime,
    names: BTreeSet<String>,
}

/// How a time case is meant: its share of the limit, or open with a share used by `asOf`.
#[derive(Clone, Copy)]
enum Plan {
    Closed(f64),
    Open(f64),
}

impl Gen {
    fn workday(&self, d: Date) -> bool {
        self.clock.calendar().day_info(d).workday
    }

    fn next_workday(&self, mut d: Date) -> Date {
        for _ in 0..30 {
            if self.workday(d) {
                break;
            }
            d = plus_days(d, 1);
        }
        d
    }

    /// A minute inside office hours: 09:00–11:50 or 14:00–17:30.
    fn office_time(&mut self, d: Date) -> DateTime {
        let minute = if self.rng.chance(0.55) { 9 * 60 + self.rng.int(0, 170) } else { 14 * 60 + self.rng.int(0, 210) };
        d.at((minute / 60) as i8, (minute % 60) as i8, 0, 0)
    }

    fn add_working(&self, start: DateTime, minutes: i64, stops: &[Stop]) -> Result<DateTime> {
        self.clock.deadline(start, minutes * 60, stops)
    }

    fn working_minutes(&self, start: DateTime, end: DateTime) -> Result<i64> {
        Ok(self.clock.elapsed(start, end, &[])?.working_seconds / 60)
    }

    fn unique(&mut self, make: impl Fn(&mut Rng) -> String) -> String {
        for _ in 0..500 {
            let name = make(&mut self.rng);
            if self.names.insert(name.clone()) {
                return name;
            }
        }
        make(&mut self.rng)
    }

    fn company(&mut self, county: &str) -> String {
        let p = place(county).to_string();
        self.unique(|r| format!("{p}{}{}有限公司", r.pick(&TRADE), r.pick(&INDUSTRY)))
    }

    /// A case's share of its limit by the county's standing: stronger counties are faster, and
    /// a weak county now and then runs over.
    fn share(&mut self, quality: f64, late_scale: f64) -> f64 {
        if self.rng.chance(late_scale * (0.9 - quality)) {
            self.rng.range(1.06, 1.3)
        } else {
            (0.95 - 0.5 * quality + self.rng.range(-0.14, 0.14)).clamp(0.25, 0.98)
        }
    }

    /// A closed span case of `net` working minutes ending in the second half of 2023 (before
    /// `asOf`), with a clock stop now and then.
    fn span_case(&mut self, net: i64, stop: Option<(f64, &str, (i64, i64))>) -> Result<Value> {
        let calendar_span = net as f64 / 420.0 * 1.45 + stop.map_or(0.0, |s| s.0 * (s.2 .0 + s.2 .1) as f64 / 2.0);
        let mut first = plus_days(date(2023, 7, 3), self.rng.int(0, 150));
        for _ in 0..40 {
            let start = self.office_time(self.next_workday(first));
            let mut stops = Vec::new();
            let mut reason = None;
            if let Some((p, why, (lo, hi))) = stop {
                if self.rng.chance(p) && net > 60 {
                    let part = net * self.rng.int(20, 70) / 100;
                    let a = self.add_working(start, part, &[])?;
                    let away = self.rng.int(lo, hi);
                    let back = self.next_workday(plus_days(a.date(), away));
                    let b = self.office_time(back).max(a + SignedDuration::from_hours(2));
                    stops.push(Stop { start: a, end: b });
                    reason = Some(why.to_string());
                }
            }
            let end = self.add_working(start, net, &stops)?;
            if end < self.as_of - SignedDuration::from_hours(24) {
                let mut case = Map::new();
                case.insert("start".into(), json!(text(start)));
                case.insert("end".into(), json!(text(end)));
                if let (Some(s), Some(why)) = (stops.first(), reason) {
                    case.insert("stops".into(), json!([{ "start": text(s.start), "end": text(s.end), "reason": why }]));
                }
                return Ok(Value::Object(case));
            }
            first = plus_days(first, -(calendar_span as i64) - 20);
        }
        Ok(json!({}))
    }

    /// An open span case that has used about `used` working minutes by `asOf`.
    fn open_case(&mut self, used: i64) -> Result<Value> {
        let mut d = plus_days(self.as_of.date(), -1);
        for _ in 0..400 {
            if self.workday(d) {
                let s = self.office_time(d);
                if self.working_minutes(s, self.as_of)? >= used {
                    return Ok(json!({ "start": text(s) }));
                }
            }
            d = plus_days(d, -1);
        }
        Ok(json!({ "start": text(self.as_of) }))
    }

    /// A stage case: `stages` (name, weight) taking `total` working days between them, with
    /// gaps of `gap` calendar days (the applicant's or the customer's own time) in between; the
    /// last `open` stages not finished (`running`: the first of them started in December) or
    /// not started (`paused`).
    fn stage_case(&mut self, stages: &[(&str, f64)], total: f64, gap: (i64, i64), stop: Option<(f64, &str)>, open: Option<(usize, bool)>) -> Result<Value> {
        let weights: Vec<f64> = stages.iter().map(|(_, w)| w * self.rng.range(0.8, 1.2)).collect();
        let sum: f64 = weights.iter().sum();
        let minutes: Vec<i64> = weights.iter().map(|w| ((total * w / sum) * 420.0).round().max(30.0) as i64).collect();
        let gaps: Vec<i64> = stages.iter().map(|_| self.rng.int(gap.0, gap.1)).collect();
        let stop_in = stop.filter(|(p, _)| self.rng.chance(*p)).map(|(_, why)| why.to_string());
        let (closed, running) = match open {
            Some((n, running)) => (stages.len().saturating_sub(n), running),
            None => (stages.len(), false),
        };
        let mut first = plus_days(date(2023, 3, 1), self.rng.int(0, 110));
        for _ in 0..60 {
            let mut steps = Vec::new();
            let mut stops = Vec::new();
            let mut at = self.office_time(self.next_workday(first));
            let mut last_end = at;
            for (i, (name, _)) in stages.iter().enumerate().take(closed) {
                let mut stage_stops = Vec::new();
                if i == 1 {
                    if let Some(why) = &stop_in {
                        let a = self.add_working(at, minutes[i] / 3, &[])?;
                        let b = self.office_time(self.next_workday(plus_days(a.date(), 6 + (minutes[i] % 5))));
                        stage_stops.push(Stop { start: a, end: b });
                        stops.push(json!({ "start": text(a), "end": text(b), "reason": why }));
                    }
                }
                let end = self.add_working(at, minutes[i], &stage_stops)?;
                steps.push(json!({ "name": name, "start": text(at), "end": text(end) }));
                last_end = end;
                at = self.office_time(self.next_workday(plus_days(end.date(), gaps[i])));
            }
            if running {
                // The next stage started in the second half of December, and runs on.
                let d = self.next_workday(date(2023, 12, 11 + (minutes[closed] % 8) as i8));
                if last_end.date() >= d {
                    first = plus_days(first, -40);
                    continue;
                }
                let started = self.office_time(d);
                steps.push(json!({ "name": stages[closed].0, "start": text(started) }));
                for (name, _) in stages.iter().skip(closed + 1) {
                    steps.push(json!({ "name": name }));
                }
            } else {
                for (name, _) in stages.iter().skip(closed) {
                    steps.push(json!({ "name": name }));
                }
            }
            let latest = if open.is_some() { plus_days(self.as_of.date(), -10) } else { plus_days(self.as_of.date(), -2) };
            if last_end.date() <= latest {
                let mut case = Map::new();
                case.insert("steps".into(), Value::Array(steps));
                if !stops.is_empty() {
                    case.insert("stops".into(), Value::Array(stops));
                }
                return Ok(Value::Object(case));
            }
            first = plus_days(first, -30);
        }
        Ok(json!({}))
    }
}

/// Cases spread over the counties: `n` cases, each county in turn, in a shuffled order.
fn counties_for(rng: &mut Rng, n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (0..n).map(|i| i % COUNTIES.len()).collect();
    for i in (1..out.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
    out
}

/// Records with ids in order of their start (or as given), fields in the API's order.
fn finish(id: &str, mut cases: Vec<Value>, sort: bool) -> Vec<Value> {
    if sort {
        cases.sort_by_key(start_key);
    }
    cases
        .into_iter()
        .enumerate()
        .map(|(k, case)| {
            let mut out = Map::new();
            out.insert("id".into(), json!(format!("QJ-{id}-{:04}", k + 1)));
            if let Value::Object(map) = case {
                for key in ORDER {
                    if let Some(v) = map.get(key) {
                        out.insert(key.to_string(), v.clone());
                    }
                }
            }
            Value::Object(out)
        })
        .collect()
}

/// The order fields are written in, as a ledger's columns would run.
const ORDER: [&str; 27] = [
    "name", "county", "period", "series", "measure", "customerClass", "projectType", "start", "end", "stops", "steps", "cost", "fees", "base", "numerator", "denominator", "current", "previous", "count",
    "value", "recovered", "claims", "outcome", "years", "costPercent", "lendingRate", "note",
];

fn start_key(case: &Value) -> String {
    case.get("start").or_else(|| case.pointer("/steps/0/start")).and_then(Value::as_str).unwrap_or("").to_string()
}

fn with(mut case: Value, fields: Value) -> Value {
    if let (Value::Object(map), Value::Object(more)) = (&mut case, fields) {
        map.extend(more);
    }
    case
}

fn build() -> Result<Value> {
    let catalog = Catalog::builtin()?;
    let mut g = Gen {
        rng: Rng(2023),
        clock: WorkingClock::new(Cow::Borrowed(Calendar::official_ref()?), OfficeHours::default()),
        as_of: date(2023, 12, 29).at(17, 0, 0, 0),
        names: BTreeSet::new(),
    };
    let mut indicators = Map::new();
    for ind in &catalog.indicators {
        let cases = indicator(&mut g, &ind.id)?;
        indicators.insert(ind.id.clone(), Value::Array(cases));
    }
    Ok(json!({
        "label_zh": "示例数据（虚构，仅供演示）",
        "label_en": "Sample data (synthetic, for demonstration)",
        "asOf": AS_OF,
        "indicators": indicators,
    }))
}

/// Working-time indicators by span: `n` cases by the counties' standing, `open` of them open
/// with the given shares of the limit used.
fn span_indicator(g: &mut Gen, target: f64, n: usize, opens: &[f64], stop: Option<(f64, &str, (i64, i64))>, name: &dyn Fn(&mut Gen, &str) -> String, extra: Value) -> Result<Vec<Value>> {
    let limit = (target * 420.0).round() as i64;
    let counties = counties_for(&mut g.rng, n);
    let mut cases = Vec::new();
    for (k, &c) in counties.iter().enumerate() {
        let (county, quality, _) = COUNTIES[c];
        let plan = match opens.get(k) {
            Some(&used) => Plan::Open(used),
            None => Plan::Closed(g.share(quality, 0.3)),
        };
        let base = match plan {
            Plan::Closed(f) => g.span_case(((limit as f64) * f).round().max(5.0) as i64, stop)?,
            Plan::Open(used) => g.open_case(((limit as f64) * used).round() as i64)?,
        };
        let named = json!({ "name": name(g, county), "county": county });
        cases.push(with(with(named, extra.clone()), base));
    }
    Ok(cases)
}

/// Calendar-day cases (courts, notices), date only: `days(quality)` each.
fn day_cases(g: &mut Gen, n: usize, counties: &[usize], days: &dyn Fn(&mut Gen, f64) -> i64, name: &dyn Fn(&mut Gen, &str) -> String) -> Vec<Value> {
    let mut cases = Vec::new();
    for k in 0..n {
        let c = counties[k % counties.len()];
        let (county, quality, _) = COUNTIES[c];
        let length = days(g, quality);
        let end = plus_days(date(2023, 7, 3), g.rng.int(0, 175)).min(date(2023, 12, 27));
        let start = plus_days(end, -length);
        cases.push(json!({ "name": name(g, county), "county": county, "start": start.to_string(), "end": end.to_string() }));
    }
    cases
}

fn rate_records(g: &mut Gen, label: &str, target: f64, spread: f64, denominator: f64, note: Option<&str>) -> Vec<Value> {
    COUNTIES
        .iter()
        .map(|&(county, quality, size)| {
            let d = (denominator * size * g.rng.range(0.85, 1.15)).round().max(20.0);
            let rate = (target + (quality - 0.45) * spread + g.rng.range(-0.12, 0.12) * spread).min(100.0);
            let n = ((rate / 100.0) * d).round().min(d);
            let mut r = json!({ "name": format!("{county}{label}"), "county": county, "numerator": n, "denominator": d });
            if let Some(note) = note {
                r["note"] = json!(note);
            }
            r
        })
        .collect()
}

const APPROVAL_STAGES: [(&str, f64); 4] = [("立项用地规划许可", 0.28), ("工程建设许可", 0.30), ("施工许可", 0.20), ("竣工验收", 0.22)];
const POWER_STAGES: [(&str, f64); 5] = [("供电方案答复", 0.30), ("设计审查", 0.18), ("中间检查", 0.12), ("竣工检验", 0.18), ("装表接电", 0.22)];
const PERIOD_NOTE: &str = "统计期：2023 年 1—11 月";

fn indicator(g: &mut Gen, id: &str) -> Result<Vec<Value>> {
    let company = |g: &mut Gen, county: &str| g.company(county);
    let cases = match id {
        "1.1" => {
            let mut cases = span_indicator(g, 0.4, 22, &[], None, &company, json!({}))?;
            for case in &mut cases {
                add_setup_steps(g, case)?;
            }
            cases.push(json!({ "name": g.company("麒麟区"), "county": "麒麟区", "start": "2023-09-28 16:30", "end": "2023-10-07 11:00",
                "steps": [{"name": "营业执照", "start": "2023-09-28 16:30", "end": "2023-10-07 09:40"}, {"name": "公章刻制", "start": "2023-10-07 09:40", "end": "2023-10-07 10:20"}, {"name": "发票申领", "start": "2023-10-07 09:40", "end": "2023-10-07 11:00"}],
                "note": "跨中秋国庆假期：9 月 28 日 16:30 提交，9 月 29 日—10 月 6 日放假不计，10 月 7 日（周六调休上班）11:00 办结，净 2.5 小时" }));
            cases.push(json!({ "name": g.company("曲靖经开区"), "county": "曲靖经开区", "start": "2023-11-21 10:30", "end": "2023-11-21 15:18",
                "note": "跨午休：10:30 提交、15:18 全部办结，午休 12:00—14:00 不计，净 2 小时 48 分钟 = 0.4 个工作日（等于目标）" }));
            finish(id, cases, true)
        }
        "1.2" => {
            let counties = counties_for(&mut g.rng, 20);
            let mut cases = day_cases(g, 20, &counties, &|_, _| 20, &|g: &mut Gen, c: &str| g.company(c));
            // A notice whose last day falls on a day off runs on to the next working day (民法典第二百零三条).
            for (k, extra) in [(3usize, 1i64), (11, 2)] {
                let start: Date = cases[k]["start"].as_str().unwrap_or("2023-09-09").parse().unwrap_or(date(2023, 9, 9));
                cases[k]["end"] = json!(plus_days(start, 20 + extra).to_string());
                cases[k]["note"] = json!("公示期最后一日为休息日，顺延至下一工作日届满");
            }
            finish(id, cases, true)
        }
        "2.1" | "2.2" => {
            let (target, n, kind) = if id == "2.1" { (35.0, 16, "social_investment") } else { (45.0, 14, "government_investment") };
            let counties = counties_for(&mut g.rng, n);
            let mut cases = Vec::new();
            for (k, &c) in counties.iter().enumerate() {
                let (county, quality, _) = COUNTIES[c];
                let name = if id == "2.1" {
                    let p = place(county).to_string();
                    g.unique(|r| format!("{p}{}{}项目", r.pick(&TRADE), r.pick(&["商业综合体", "仓储物流中心", "标准厂房", "住宅小区（一期）", "农产品加工厂", "冷链物流园", "光伏组件厂房", "养老公寓"])))
                } else {
                    let p = county.to_string();
                    g.unique(|r| format!("{p}{}", r.pick(&["第一中学教学综合楼建设项目", "人民医院住院楼建设项目", "城区道路提升改造工程", "污水处理厂提标改造工程", "中心卫生院改扩建项目", "老旧小区改造项目", "幼儿园新建项目", "防洪排涝工程"])))
                };
                let body = match k {
                    // One running its third stage, one between its third and fourth.
                    0 => g.stage_case(&APPROVAL_STAGES, target * 0.62, (20, 45), Some((0.5, "专家评审")), Some((2, true)))?,
                    1 => g.stage_case(&APPROVAL_STAGES, target * 0.7, (20, 45), None, Some((1, false)))?,
                    // One from a system that records only acceptance and completion.
                    2 => g.span_case((target * 0.8 * 420.0) as i64, None)?,
                    _ => {
                        let f = g.share(quality, 0.3);
                        g.stage_case(&APPROVAL_STAGES, target * f, (15, 60), Some((0.4, "专家评审")), None)?
                    }
                };
                let mut case = with(json!({ "name": name, "county": county, "projectType": kind }), body);
                if k == 2 {
                    case["note"] = json!("系统只记录受理和办结时间，按起止计算（含申请人准备时间）");
                }
                cases.push(case);
            }
            finish(id, cases, true)
        }
        "2.3" => {
            let counties = counties_for(&mut g.rng, 12);
            let spec = CostSpec {
                target: 2.2,
                bases: &[800.0, 1200.0, 2000.0, 3000.0, 4500.0, 8000.0, 12000.0],
                step: 10_000.0,
                parts: &[("城市基础设施配套费", 0.62), ("防空地下室易地建设费", 0.18), ("多测合一测绘费", 0.08), ("工程质量检测费", 0.08), ("水土保持补偿费", 0.04)],
            };
            // One project gives its cost as a single figure instead of an itemised list.
            finish(id, cost_cases(g, &counties, &spec, &|k| k == 5, &|g: &mut Gen, c: &str| g.company(c).replace("有限公司", "项目")), false)
        }
        "3.1" => finish(id, span_indicator(g, 1.0, 20, &[], Some((0.1, "补正材料", (1, 3))), &|g: &mut Gen, c: &str| format!("{} 用水报装", g.company(c)), json!({}))?, true),
        "3.2" => finish(id, span_indicator(g, 1.0, 18, &[], Some((0.1, "补正材料", (1, 3))), &|g: &mut Gen, c: &str| format!("{} 用气报装", g.company(c)), json!({}))?, true),
        "3.3" => finish(id, span_indicator(g, 0.5, 14, &[], Some((0.1, "现场勘查", (1, 2))), &|g: &mut Gen, c: &str| format!("{}供水外线工程（规划、占道、掘路并联审批）", g.company(c)), json!({}))?, true),
        "3.4" => {
            let name = |g: &mut Gen, c: &str| {
                let c = c.to_string();
                g.unique(|r| format!("{}某某 居民住宅新装（{c}）", r.pick(&SURNAMES)))
            };
            let mut cases = span_indicator(g, 3.0, 21, &[], Some((0.2, "客户原因暂停", (1, 4))), &name, json!({ "customerClass": "residential" }))?;
            cases.push(json!({ "name": "缪某某 居民住宅新装（陆良县）", "county": "陆良县", "customerClass": "residential", "start": "2023-09-28 15:00", "end": "2023-10-09 15:00",
                "note": "9 月 28 日受理、10 月 9 日接电：自然日 11 天，但 9 月 29 日—10 月 6 日放假不计，10 月 7、8 日调休上班计入，恰好 3 个工作日（等于目标）" }));
            finish(id, cases, true)
        }
        "3.5" => {
            let name = |g: &mut Gen, c: &str| {
                let c = c.to_string();
                g.unique(|r| format!("{c}{}{} 低压新装", r.pick(&TRADE), r.pick(&["便利店", "餐馆", "农资店", "汽修店", "药店", "五金店", "茶叶店"])))
            };
            finish(id, span_indicator(g, 7.0, 20, &[0.86, 0.35], Some((0.2, "客户原因暂停", (1, 4))), &name, json!({ "customerClass": "low_voltage_non_residential" }))?, true)
        }
        "3.6" | "3.7" => {
            let (target, n, kind, kva) = if id == "3.6" { (50.0, 14, "high_voltage_single", [630, 800, 1250, 2000]) } else { (70.0, 11, "high_voltage_dual", [2000, 3150, 5000, 8000]) };
            let counties = counties_for(&mut g.rng, n);
            let mut cases = Vec::new();
            for (k, &c) in counties.iter().enumerate() {
                let (county, quality, _) = COUNTIES[c];
                let size = *g.rng.pick(&kva);
                let name = format!("{} 10kV {}电源新装（{size} kVA）", g.company(county), if id == "3.6" { "单" } else { "双" });
                let body = match k {
                    // Running its fourth stage, close to the limit: a warning.
                    0 => g.stage_case(&POWER_STAGES, target * 1.15, (20, 60), None, Some((2, true)))?,
                    1 => g.stage_case(&POWER_STAGES, target * 0.4, (20, 60), None, Some((3, false)))?,
                    _ => {
                        let f = g.share(quality, 0.25);
                        g.stage_case(&POWER_STAGES, target * f, (15, 70), None, None)?
                    }
                };
                let mut case = with(json!({ "name": name, "county": county, "customerClass": kind }), body);
                if k == 1 {
                    case["note"] = json!("供电方案已答复、设计已审查，客户自行施工中，尚未报中间检查");
                }
                cases.push(case);
            }
            finish(id, cases, true)
        }
        "4.1" => finish(id, rate_records(g, "企业劳动合同签订情况（职工人数）", 98.0, 3.0, 12_000.0, Some(PERIOD_NOTE)), false),
        "4.2" => finish(id, rate_records(g, "劳动人事争议仲裁结案情况（件）", 91.0, 10.0, 150.0, Some(PERIOD_NOTE)), false),
        "4.3" => finish(id, rate_records(g, "劳动人事争议调解情况（件）", 61.5, 14.0, 300.0, Some(PERIOD_NOTE)), false),
        "4.4" => {
            let november = [108.0, 26.0, 14.0, 40.0, 29.0, 15.0, 20.0, 22.0, 31.0, 35.0];
            let mut cases = Vec::new();
            for (k, &(county, _, _)) in COUNTIES.iter().enumerate() {
                let june = november[k] - g.rng.int(1, 4) as f64;
                cases.push(json!({ "name": format!("{county}人力资源服务机构（家）"), "county": county, "period": "2023-06", "count": june, "note": "截至 2023 年 6 月底" }));
                // 会泽县 has not reported since June: its June count stands.
                if county != "会泽县" {
                    cases.push(json!({ "name": format!("{county}人力资源服务机构（家）"), "county": county, "period": "2023-11", "count": november[k], "note": "截至 2023 年 11 月底" }));
                }
            }
            finish(id, cases, false)
        }
        "5.1" => finish(id, rate_records(g, "中小微企业申贷获得情况（户）", 99.15, 1.2, 2_500.0, Some(PERIOD_NOTE)), false),
        "5.2" => {
            let cases = COUNTIES
                .iter()
                .map(|&(county, quality, size)| {
                    let previous = round2(20.0 * size * g.rng.range(0.9, 1.1));
                    let growth = 30.0 + (quality - 0.45) * 25.0 + g.rng.range(-2.0, 2.0);
                    json!({ "name": format!("{county}普惠小微贷款余额（亿元）"), "county": county, "current": round2(previous * (1.0 + growth / 100.0)), "previous": previous, "note": "2023 年 11 月末与 2022 年 11 月末比较" })
                })
                .collect();
            finish(id, cases, false)
        }
        "5.3" => {
            let mut cases = Vec::new();
            for &(county, quality, size) in &COUNTIES {
                let guarantees = (60.0 * size * g.rng.range(0.85, 1.15)).round();
                let to_small = ((94.0 + (quality - 0.45) * 8.0 + g.rng.range(-1.0, 1.0)).min(99.0) / 100.0 * guarantees).round();
                let amount = (9_000.0 * size * g.rng.range(0.85, 1.15)).round();
                let amount_small = ((87.5 + (quality - 0.45) * 8.0 + g.rng.range(-1.5, 1.5)).min(99.0) / 100.0 * amount).round();
                cases.push(json!({ "name": format!("{county}新增小微企业和“三农”融资担保户数（户）"), "county": county, "measure": "户数", "numerator": to_small, "denominator": guarantees, "note": PERIOD_NOTE }));
                cases.push(json!({ "name": format!("{county}新增小微企业和“三农”融资担保金额（万元）"), "county": county, "measure": "金额", "numerator": amount_small, "denominator": amount, "note": PERIOD_NOTE }));
            }
            finish(id, cases, false)
        }
        "6.1" => {
            let import = [38.6, 37.9, 36.4, 36.8, 35.1, 34.2, 33.5, 31.9, 32.3, 30.4, 29.6];
            let export = [2.10, 2.02, 1.95, 1.98, 1.84, 1.79, 1.71, 1.66, 1.62, 1.55, 1.61];
            let mut cases = Vec::new();
            for (m, (i, e)) in import.iter().zip(export).enumerate() {
                cases.push(json!({ "name": format!("2023 年 {} 月进口整体通关时间（小时）", m + 1), "series": "进口", "period": format!("2023-{:02}", m + 1), "value": i }));
                cases.push(json!({ "name": format!("2023 年 {} 月出口整体通关时间（小时）", m + 1), "series": "出口", "period": format!("2023-{:02}", m + 1), "value": e }));
            }
            finish(id, cases, false)
        }
        "7.1" => finish(id, COUNTIES.iter().map(|&(c, _, _)| json!({ "name": format!("{c}纳税基本信息共享（项）"), "county": c, "numerator": 48, "denominator": 48 })).collect(), false),
        "7.2" => finish(
            id,
            COUNTIES
                .iter()
                .map(|&(c, _, _)| {
                    if c == "会泽县" {
                        json!({ "name": format!("{c}主要涉税服务事项网上办理（项）"), "county": c, "numerator": 224, "denominator": 226, "note": "2 项事项仍须到厅办理" })
                    } else {
                        json!({ "name": format!("{c}主要涉税服务事项网上办理（项）"), "county": c, "numerator": 226, "denominator": 226 })
                    }
                })
                .collect(),
            false,
        ),
        "7.3" => {
            let hours = [112.0, 109.5, 110.2, 106.8, 104.0, 101.5, 99.8, 97.2, 96.5, 94.1, 92.0];
            finish(id, hours.iter().enumerate().map(|(m, v)| json!({ "name": format!("2023 年 {} 月市场主体纳税时间（小时）", m + 1), "period": format!("2023-{:02}", m + 1), "value": v })).collect(), false)
        }
        "8.1" => {
            let mut cases = rate_records(g, "涉企合同案件电子送达（次）", 90.0, 8.0, 1_200.0, None);
            // Exactly 90 % is not "higher than 90 %".
            cases[5]["numerator"] = json!(630);
            cases[5]["denominator"] = json!(700);
            cases[5]["note"] = json!("恰好 90%，未高于 90%，不达标（目标为“高于 90%”）");
            finish(id, cases, false)
        }
        "8.2" => {
            let counties = counties_for(&mut g.rng, 20);
            let mut cases = day_cases(g, 20, &counties, &|g: &mut Gen, q: f64| (111.0 * (1.05 - 0.55 * q + g.rng.range(-0.3, 0.3))).round().max(35.0) as i64, &dispute_name);
            for (k, used) in [(0usize, 150i64), (1, 40)] {
                reopen(&mut cases[k], used, "审理中");
            }
            finish(id, cases, true)
        }
        "8.3" => {
            let counties = counties_for(&mut g.rng, 12);
            let spec = CostSpec { target: 13.0, bases: &[8.0, 15.0, 30.0, 50.0, 80.0, 120.0, 200.0, 350.0], step: 100.0, parts: &[("诉讼费", 0.25), ("律师费", 0.55), ("保全费", 0.05), ("执行费", 0.15)] };
            finish(id, cost_cases(g, &counties, &spec, &|k| k % 3 == 0, &dispute_name), false)
        }
        "8.4" => {
            let listed = [("麒麟区", "新能源科技", 10.0), ("曲靖经开区", "新材料", 10.0), ("宣威市", "食品", 9.0), ("陆良县", "化工", 10.0), ("沾益区", "农业发展", 9.5), ("罗平县", "生物科技", 8.0)];
            let cases = listed
                .iter()
                .map(|&(county, industry, value)| {
                    let p = place(county).to_string();
                    let name = g.unique(|r| format!("{p}{}{industry}股份有限公司", r.pick(&TRADE)));
                    let mut r = json!({ "name": name, "county": county, "value": value });
                    if value < 10.0 {
                        r["note"] = json!(if value <= 9.0 { "关联交易披露不完整" } else { "年报未披露个别关联方" });
                    }
                    r
                })
                .collect();
            finish(id, cases, false)
        }
        "9.1" => finish(id, rate_records(g, "政府采购意向公开（项目数）", 95.0, 6.0, 250.0, Some(PERIOD_NOTE)), false),
        "9.2" => finish(id, rate_records(g, "公共资源全流程电子化交易（项目数）", 95.0, 6.0, 220.0, Some(PERIOD_NOTE)), false),
        "9.3" => finish(id, rate_records(g, "在线（不见面）开标（项目数）", 99.0, 1.5, 200.0, Some(PERIOD_NOTE)), false),
        "10.1" | "10.2" | "10.3" => {
            // The development zone (index 9) had no insolvency cases.
            let courts: Vec<usize> = (0..9).collect();
            let (n, kind) = match id {
                "10.1" => (12, "破产清算案"),
                "10.2" => (12, "破产申请审查案"),
                _ => (10, "破产债权清偿"),
            };
            let days = move |g: &mut Gen, q: f64| -> i64 {
                match id {
                    "10.1" if q < 0.4 && q > 0.32 => g.rng.int(770, 830),
                    "10.1" => (730.0 * (0.95 - 0.6 * q + g.rng.range(-0.15, 0.15))) as i64,
                    "10.2" => (55.0 * (0.98 - 0.55 * q + g.rng.range(-0.15, 0.15))) as i64,
                    _ => (438.0 * (1.0 - 0.45 * q + g.rng.range(-0.2, 0.2))) as i64,
                }
            };
            let name = move |g: &mut Gen, c: &str| {
                let p = place(c).to_string();
                g.unique(|r| format!("{p}{}{}有限公司{kind}", r.pick(&TRADE), r.pick(&["煤业", "水泥", "房地产开发", "建材", "焦化", "矿业", "铁合金", "酒店管理"])))
            };
            let mut cases = day_cases(g, n, &courts, &days, &name);
            if id != "10.3" {
                // Two cases still before the court.
                for (k, used) in [(0usize, if id == "10.1" { 400 } else { 20 }), (7, if id == "10.1" { 90 } else { 12 })] {
                    reopen(&mut cases[k], used, if id == "10.1" { "审理中" } else { "审查中" });
                }
            }
            finish(id, cases, true)
        }
        "10.4" => {
            let courts: Vec<usize> = (0..10).map(|k| k % 9).collect();
            let spec = CostSpec {
                target: 13.0,
                bases: &[300.0, 600.0, 900.0, 1500.0, 2400.0, 4000.0],
                step: 1_000.0,
                parts: &[("管理人报酬", 0.45), ("评估审计费", 0.18), ("拍卖佣金", 0.2), ("诉讼费", 0.07), ("资产管理变价费", 0.1)],
            };
            finish(id, cost_cases(g, &courts, &spec, &|_| false, &|g: &mut Gen, c: &str| format!("{}破产清算案", g.company(c))), false)
        }
        "10.5" => {
            let cases = (0..10)
                .map(|k| {
                    let (county, quality, _) = COUNTIES[k % 9];
                    let claims = (*g.rng.pick(&[900.0, 1600.0, 2500.0, 4000.0, 6500.0, 9000.0]) * 10_000.0 + g.rng.int(0, 99) as f64 * 1_000.0).round();
                    let share = (0.3 + 0.3 * quality + g.rng.range(-0.08, 0.08)).clamp(0.1, 0.9);
                    let going_concern = share > 0.5;
                    let mut r = json!({ "name": format!("{}破产案债权清偿", g.company(county)), "county": county, "recovered": round2(claims * share), "claims": claims,
                        "outcome": if going_concern { "going_concern" } else { "piecemeal" }, "years": round2(0.8 + 0.1 * (k % 6) as f64), "costPercent": 8 + (k * 3) % 10, "lendingRate": 4.35 });
                    if going_concern {
                        r["note"] = json!("重整成功，继续经营价值较高");
                    }
                    r
                })
                .collect();
            finish(id, cases, false)
        }
        "11.1" => finish(id, rate_records(g, "信用修复企业（家）", 55.0, 25.0, 300.0, Some(PERIOD_NOTE)), false),
        "12.1" => finish(id, rate_records(g, "随迁子女义务教育（人）", 91.0, 8.0, 2_500.0, Some("2023 年秋季学期")), false),
        "12.2" => {
            let november = [3.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0];
            let june = [2.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0];
            let mut cases = Vec::new();
            for (k, &(county, _, _)) in COUNTIES.iter().enumerate() {
                cases.push(json!({ "name": format!("{county}区域医疗共享中心（个，含孵化）"), "county": county, "period": "2023-06", "count": june[k], "note": "截至 2023 年 6 月底" }));
                cases.push(json!({ "name": format!("{county}区域医疗共享中心（个，含孵化）"), "county": county, "period": "2023-11", "count": november[k], "note": "截至 2023 年 11 月底" }));
            }
            finish(id, cases, false)
        }
        "12.3" => finish(id, flows("街道（乡镇）级区域养老服务中心（个，新建或改造）", &[1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0], "2023 年内建成"), false),
        "12.4" => finish(id, rate_records(g, "运营养老机构护理型床位（张）", 55.0, 15.0, 700.0, Some("截至 2023 年 11 月底")), false),
        "12.5" => finish(id, flows("“老年幸福食堂”（个）", &[2.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0], "2023 年内建成"), false),
        "12.6" => finish(id, flows("完成营造林（万亩）", &[0.66, 0.82, 0.58, 1.56, 0.71, 0.77, 0.88, 0.85, 1.52, 0.13], "2023 年 1—11 月"), false),
        _ => Vec::new(),
    };
    Ok(cases)
}

/// Cost-ratio records: a base of `bases` (in 10 000 yuan) plus up to 99 `step`s, a cost by the
/// county's standing around `target` % of it, itemised by `parts` (or one figure where `whole`).
struct CostSpec<'a> {
    target: f64,
    bases: &'a [f64],
    step: f64,
    parts: &'a [(&'a str, f64)],
}

fn cost_cases(g: &mut Gen, counties: &[usize], spec: &CostSpec, whole: &dyn Fn(usize) -> bool, name: &dyn Fn(&mut Gen, &str) -> String) -> Vec<Value> {
    counties
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let (county, quality, _) = COUNTIES[c];
            let base = (*g.rng.pick(spec.bases) * 10_000.0 + g.rng.int(0, 99) as f64 * spec.step).round();
            let ratio = spec.target * g.share(quality, 0.5);
            let fees = split_fees(g, base * ratio / 100.0, spec.parts);
            let name = name(g, county);
            if whole(k) {
                let total: f64 = fees.iter().filter_map(|f| f["amount"].as_f64()).sum();
                json!({ "name": name, "county": county, "cost": round2(total), "base": base })
            } else {
                json!({ "name": name, "county": county, "fees": fees, "base": base })
            }
        })
        .collect()
}

/// An open case instead: begun `used` days before the sample's evaluation date, no end.
fn reopen(case: &mut Value, used: i64, note: &str) {
    case["start"] = json!(plus_days(date(2023, 12, 29), -used - 1).to_string());
    if let Some(m) = case.as_object_mut() {
        m.remove("end");
    }
    case["note"] = json!(note);
}

fn flows(label: &str, values: &[f64], note: &str) -> Vec<Value> {
    COUNTIES.iter().zip(values).map(|(&(county, _, _), v)| json!({ "name": format!("{county}{label}"), "county": county, "count": v, "note": note })).collect()
}

fn dispute_name(g: &mut Gen, county: &str) -> String {
    let p = place(county).to_string();
    g.unique(|r| {
        format!(
            "{p}{}{}有限公司诉{}{}{}有限公司{}",
            r.pick(&TRADE),
            r.pick(&INDUSTRY),
            r.pick(&["曲靖", "云南"]),
            r.pick(&TRADE),
            r.pick(&INDUSTRY),
            r.pick(&["买卖合同纠纷", "建设工程施工合同纠纷", "租赁合同纠纷", "金融借款合同纠纷", "承揽合同纠纷", "服务合同纠纷"])
        )
    })
}

/// Fee items summing to `total` (to the fen), each near its nominal share.
fn split_fees(g: &mut Gen, total: f64, parts: &[(&str, f64)]) -> Vec<Value> {
    let weights: Vec<f64> = parts.iter().map(|(_, share)| share * g.rng.range(0.85, 1.15)).collect();
    let sum: f64 = weights.iter().sum();
    let mut amounts: Vec<f64> = weights.iter().take(parts.len() - 1).map(|w| round2(total * w / sum)).collect();
    amounts.push(round2(total - amounts.iter().sum::<f64>()));
    parts.iter().zip(amounts).map(|((name, _), amount)| json!({ "name": name, "amount": amount })).collect()
}

/// Company setup's parallel procedures, spanning the case's start to end exactly: the licence
/// first, the others from near its end, one of them last.
fn add_setup_steps(g: &mut Gen, case: &mut Value) -> Result<()> {
    let (Some(start), Some(end)) = (case["start"].as_str().and_then(parse), case["end"].as_str().and_then(parse)) else { return Ok(()) };
    let total = g.working_minutes(start, end)?;
    if total < 20 {
        return Ok(());
    }
    let licence = total * g.rng.int(30, 55) / 100;
    let last = *g.rng.pick(&[2usize, 5, 1]);
    let names = ["营业执照", "公章刻制", "发票申领", "社保登记", "公积金登记", "银行开户"];
    let mut steps = vec![json!({ "name": names[0], "start": text(start), "end": text(g.add_working(start, licence, &[])?) })];
    for (i, name) in names.iter().enumerate().skip(1) {
        let from = (licence * g.rng.int(80, 100) / 100).clamp(1, total - 2);
        let to = if i == last { total } else { (from + g.rng.int(5, 60)).min(total - 1) };
        steps.push(json!({ "name": name, "start": text(g.add_working(start, from, &[])?), "end": text(g.add_working(start, to.max(from + 1), &[])?) }));
    }
    case["steps"] = Value::Array(steps);
    Ok(())
}

fn parse(s: &str) -> Option<DateTime> {
    let (d, t) = s.split_once(' ')?;
    let (h, m) = t.split_once(':')?;
    Some(d.parse::<Date>().ok()?.at(h.parse().ok()?, m.parse().ok()?, 0, 0))
}
