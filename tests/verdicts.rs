//! The verdicts of issue 8, each worked by hand on the official calendar
//! (data/prc-calendar-2004-2026.csv) with the default office hours 09:00–12:00 and 14:00–18:00
//! (7 h = 1 working day = 25 200 s). Calendar facts used below:
//! * 2023-03-06, 2023-04-10, 2023-05-15, 2023-07-03, 2023-08-28, 2023-12-18 are Mondays;
//! * 2023-04-05 (清明) and 2023-04-29 … 2023-05-03 (劳动节) are days off; Sunday 2023-04-23 and
//!   Saturday 2023-05-06 are make-up working days;
//! * 2023-12-30 … 2024-01-01 (元旦) and 2024-02-10 … 2024-02-17 (春节) are days off; Sundays
//!   2024-02-04 and 2024-02-18 are make-up working days.

use bizenv::evaluate::{doing_business_recovery, Alert, Calculator, Dataset, EvaluateOptions, Report, Status};
use serde_json::{json, Value};

fn eval_with(id: &str, cases: Value, options: Value) -> Report {
    let options: EvaluateOptions = serde_json::from_value(options).unwrap();
    Calculator::builtin().unwrap().evaluate(id, cases.as_array().unwrap(), &options).unwrap()
}

fn eval(id: &str, cases: Value) -> Report {
    eval_with(id, cases, json!({"lang": "zh"}))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

// ---- 1. Time basis: the government's and the utility's own stages ---------------------------

/// Three approval stages of 5 working days each (Mon 09:00 to Fri 18:00), a month apart while the
/// applicant prepared the next one.
fn three_stages() -> Value {
    json!([
        {"name": "立项用地规划许可", "start": "2023-03-06 09:00", "end": "2023-03-10 18:00"},
        {"name": "工程建设许可", "start": "2023-04-10 09:00", "end": "2023-04-14 18:00"},
        {"name": "施工许可", "start": "2023-05-15 09:00", "end": "2023-05-19 18:00"}
    ])
}

#[test]
fn construction_approval_counts_the_stages_not_the_applicants_time() {
    // Stages: 3 × 5 = 15 working days, met. The span Mar 6 – May 19 holds 53 working days:
    // March 6–31 20; April 20 (no Apr 5, with Sunday Apr 23); May 1–19 13 (May 4, 5, Sat 6,
    // 8–12, 15–19). The 38 between the stages are the applicant's.
    let r = eval("2.1", json!([{ "id": "P", "county": "麒麟区", "projectType": "社会投资", "steps": three_stages() }]));
    let c = &r.cases[0];
    assert_eq!(c.status, Status::Closed);
    assert_eq!(c.measured_by, Some(bizenv::plan::catalog::TimeBasis::Stages));
    assert!(close(c.value, 15.0), "{:?}", c.value);
    assert_eq!(c.working_minutes, Some(15.0 * 420.0));
    assert!(close(c.between, 38.0), "{:?}", c.between);
    assert_eq!(c.met, Some(true));
    assert_eq!((c.start.as_deref(), c.end.as_deref()), (Some("2023-03-06T09:00"), Some("2023-05-19T18:00")));
    assert_eq!(c.steps.len(), 3);
    assert!(close(c.steps[1].value, 5.0));
    // The timeline: the first stage starts at 0, the last ends at 1, the gaps show.
    assert_eq!((c.steps[0].from, c.steps[2].to), (Some(0.0), Some(1.0)));
    assert!(c.steps[0].to.unwrap() < c.steps[1].from.unwrap());
    assert_eq!(r.time_basis, Some(bizenv::plan::catalog::TimeBasis::Stages));
    // The same project given only its acceptance and completion is measured over the span.
    let r = eval("2.1", json!([{ "start": "2023-03-06 09:00", "end": "2023-05-19 18:00" }]));
    assert!(close(r.cases[0].value, 53.0), "{:?}", r.cases[0].value);
    assert_eq!(r.cases[0].met, Some(false));
    // A stop inside a stage still stops the clock: expert review Apr 11 09:00 – Apr 12 18:00 (2 days).
    let r = eval("2.2", json!([{ "steps": three_stages(), "stops": [{"start": "2023-04-11 09:00", "end": "2023-04-12 18:00", "reason": "专家评审"}] }]));
    assert!(close(r.cases[0].value, 13.0), "{:?}", r.cases[0].value);
    assert_eq!(r.cases[0].stopped_minutes, Some(2.0 * 420.0));
}

#[test]
fn high_voltage_connection_leaves_out_the_customers_construction() {
    // Supply plan Mon Jul 3 – Fri Jul 7 (5 days), metering Mon Aug 28 – Tue Aug 29 (2 days): 7.
    // The span Jul 3 – Aug 29 is 42 working days (July 21, August 1–29 21).
    let steps = json!([
        {"name": "供电方案答复", "start": "2023-07-03 09:00", "end": "2023-07-07 18:00"},
        {"name": "装表接电", "start": "2023-08-28 09:00", "end": "2023-08-29 18:00"}
    ]);
    let r = eval("3.6", json!([{ "customerClass": "高压单电源", "steps": steps }]));
    assert!(close(r.cases[0].value, 7.0), "{:?}", r.cases[0].value);
    assert!(close(r.cases[0].between, 35.0), "{:?}", r.cases[0].between);
    assert_eq!(r.cases[0].met, Some(true));
    let r = eval("3.6", json!([{ "start": "2023-07-03 09:00", "end": "2023-08-29 18:00" }]));
    assert!(close(r.cases[0].value, 42.0), "{:?}", r.cases[0].value);
}

#[test]
fn an_open_stage_runs_to_as_of_and_a_case_between_stages_is_paused() {
    let opts = json!({"asOf": "2023-12-20 18:00", "lang": "zh"});
    // Supply plan Jul 3–7 (5 days) closed; design review open since Mon Dec 18 09:00: 3 days
    // by Wed Dec 20 18:00, 8 in all, 42 left of 50. The limit runs out 45 working days after
    // Dec 18 09:00 (50 − 5): Dec 18–29 10, Jan 2–5 4 (元旦 Dec 30 – Jan 1 off), Jan 8 – Feb 2 20,
    // Sun Feb 4 1, Feb 5–9 5 (40), Sun Feb 18 1 (春节 Feb 10–17 off), Feb 19–22 4: Thursday
    // 2024-02-22 at 18:00.
    let running = json!([{ "id": "R", "steps": [
        {"name": "供电方案答复", "start": "2023-07-03 09:00", "end": "2023-07-07 18:00"},
        {"name": "设计审查", "start": "2023-12-18 09:00"}
    ]}]);
    let r = eval_with("3.6", running, opts.clone());
    let c = &r.cases[0];
    assert_eq!((c.status, c.paused), (Status::Open, false));
    assert!(close(c.elapsed, 8.0) && close(c.remaining, 42.0), "{c:?}");
    assert_eq!(c.deadline.as_deref(), Some("2024-02-22T18:00"));
    assert_eq!(c.alert, Some(Alert::Ok));
    assert!(c.steps[1].open && c.steps[1].to == Some(1.0));
    // Between stages: the supply plan replied, the design not yet submitted. The clock is paused:
    // 5 days used, no deadline running, the alert as measured.
    let paused = json!([{ "id": "P", "steps": [
        {"name": "供电方案答复", "start": "2023-07-03 09:00", "end": "2023-07-07 18:00"},
        {"name": "设计审查"}
    ]}]);
    let r = eval_with("3.6", paused, opts);
    let c = &r.cases[0];
    assert_eq!((c.status, c.paused), (Status::Open, true));
    assert!(close(c.elapsed, 5.0) && close(c.remaining, 45.0), "{c:?}");
    assert_eq!((c.deadline.as_deref(), c.alert), (None, Some(Alert::Ok)));
    assert!(c.steps[1].pending);
    // A closed case needs every stage's end.
    let r = eval("3.6", json!([{ "end": "2023-08-29 18:00", "steps": [{"name": "装表接电", "start": "2023-08-28 09:00"}] }]));
    assert!(r.cases[0].error.as_deref().unwrap().contains("环节「装表接电」缺少结束时间"), "{:?}", r.cases[0].error);
}

// ---- 2. Aggregation -------------------------------------------------------------------------

#[test]
fn two_shares_each_must_reach_ninety_percent() {
    // Households 95 of 100 = 95 %, amount 800 of 1 000 = 80 %: the lower, 80, misses 90. Pooled
    // into one figure they would read 895 / 1 100 = 81.4 %.
    let records = json!([
        { "county": "麒麟区", "measure": "户数", "numerator": 95, "denominator": 100 },
        { "county": "麒麟区", "measure": "金额", "numerator": 800, "denominator": 1000 }
    ]);
    let r = eval("5.3", records);
    assert_eq!((r.summary.value, r.summary.met), (Some(80.0), Some(false)));
    let shares: Vec<(&str, Option<f64>, Option<bool>)> = r.summary.shares.iter().map(|s| (s.measure.as_str(), s.value, s.met)).collect();
    assert_eq!(shares, [("households", Some(95.0), Some(true)), ("amount", Some(80.0), Some(false))]);
    assert_eq!(r.aggregation, bizenv::plan::catalog::Aggregation::Shares);
    // Both 95 %: met. One share only: undecided, with a warning.
    let r = eval("5.3", json!([{ "measure": "households", "numerator": 95, "denominator": 100 }, { "measure": "amount", "numerator": 950, "denominator": 1000 }]));
    assert_eq!((r.summary.value, r.summary.met), (Some(95.0), Some(true)));
    let r = eval("5.3", json!([{ "measure": "户数", "numerator": 95, "denominator": 100 }]));
    assert_eq!((r.summary.value, r.summary.met), (Some(95.0), None));
    assert!(r.warnings[0].contains("缺少金额占比的数据"), "{:?}", r.warnings);
    // A record must say which share it counts.
    let r = eval("5.3", json!([{ "numerator": 95, "denominator": 100 }, { "measure": "笔数金额", "numerator": 1, "denominator": 2 }]));
    assert!(r.cases[0].error.as_deref().unwrap().starts_with("缺少统计口径"));
    assert_eq!(r.cases[0].error_field.as_deref(), Some("measure"));
    assert!(r.cases[1].error.as_deref().unwrap().contains("「笔数金额」无法识别"));
}

#[test]
fn every_county_court_must_meet_the_average() {
    // 宣威市 799 days (2021-06-01 to 2023-08-09: 365 + 365 + 69), 麒麟区 400 days (2022-06-01 to
    // 2023-07-06: 365 + 35), and 300 days without a county. City mean (799 + 400 + 300) / 3 =
    // 499.67 meets 730; the plan binds each court and 宣威市 misses.
    let r = eval("10.1", json!([
        { "county": "麒麟区", "start": "2022-06-01", "end": "2023-07-06" },
        { "county": "宣威市", "start": "2021-06-01", "end": "2023-08-09" },
        { "start": "2022-06-01", "end": "2023-03-28" }
    ]));
    assert_eq!((r.summary.value, r.summary.met), (Some(799.0), Some(false)));
    assert_eq!(r.summary.binding_county.as_deref(), Some("宣威市"));
    assert_eq!(r.summary.failing_counties, ["宣威市"]);
    assert_eq!(r.summary.counties_judged, Some(2));
    assert!(close(r.summary.mean, 1499.0 / 3.0));
    assert!(r.warnings.iter().any(|w| w.contains("1 件案件未填写县区")), "{:?}", r.warnings);
    assert_eq!(r.summary.gap, Some(69.0));
    // No case is late on an average target; each shows its distance from it.
    assert_eq!(r.summary.late, 0);
    assert!(r.cases.iter().all(|c| c.met.is_none()));
    assert_eq!(r.cases.iter().map(|c| c.gap).collect::<Vec<_>>(), [Some(-330.0), Some(69.0), Some(-430.0)]);
    let by: Vec<(&str, Option<bool>)> = r.by_county.iter().map(|c| (c.county.as_str(), c.met)).collect();
    assert_eq!(by, [("麒麟区", Some(true)), ("宣威市", Some(false)), ("（未填写县区）", Some(true))]);
    // The dashboard names the failing court.
    let dataset: Dataset = serde_json::from_value(json!({ "10.1": [
        { "county": "麒麟区", "start": "2022-06-01", "end": "2023-07-06" },
        { "county": "宣威市", "start": "2021-06-01", "end": "2023-08-09" }
    ]})).unwrap();
    let d = Calculator::builtin().unwrap().evaluate_all(&dataset, &EvaluateOptions::default()).unwrap();
    let row = d.indicators.iter().find(|i| i.id == "10.1").unwrap();
    assert_eq!((row.met, row.failing_counties.as_slice()), (Some(false), &["宣威市".to_string()][..]));
}

#[test]
fn a_stock_takes_each_countys_latest_count() {
    // 麒麟区 200 in June and 210 in December: 210, not 410; with 沾益区's 100, 310 < 330.
    let r = eval("4.4", json!([
        { "county": "麒麟区", "period": "2023-06", "count": 200 },
        { "county": "麒麟区", "period": "2023年12月", "count": 210 },
        { "county": "沾益区", "period": "2023-12", "count": 100 }
    ]));
    assert_eq!((r.summary.value, r.summary.met), (Some(310.0), Some(false)));
    let by: Vec<(&str, Option<f64>, Option<&str>)> = r.by_county.iter().map(|c| (c.county.as_str(), c.value, c.period.as_deref())).collect();
    assert_eq!(by, [("麒麟区", Some(210.0), Some("2023-12")), ("沾益区", Some(100.0), Some("2023-12"))]);
    // An older latest count is named; a count without its date is an error asking for it.
    let r = eval("4.4", json!([{ "county": "麒麟区", "period": "2023-12", "count": 210 }, { "county": "马龙区", "period": "2023-06", "count": 30 }, { "county": "陆良县", "count": 5 }]));
    assert_eq!(r.summary.value, Some(240.0));
    assert!(r.warnings.iter().any(|w| w.contains("马龙区 2023-06")), "{:?}", r.warnings);
    assert!(r.cases[2].error.as_deref().unwrap().starts_with("缺少统计时点"), "{:?}", r.cases[2].error);
    assert_eq!(r.cases[2].error_field.as_deref(), Some("period"));
    // Flows are summed: 12.3's new centres.
    let r = eval("12.3", json!([{ "county": "麒麟区", "count": 2 }, { "county": "麒麟区", "count": 1 }, { "county": "宣威市", "count": 1 }]));
    assert_eq!((r.summary.value, r.summary.met), (Some(4.0), Some(true)));
}

#[test]
fn trends_compare_each_series_with_itself() {
    // Import 32 → 30 hours fell; export 2.0 → 2.5 rose: not met, and the summary says which.
    let r = eval("6.1", json!([
        { "series": "进口", "period": "2023-11", "value": 32 }, { "series": "进口", "period": "2023-12", "value": 30 },
        { "series": "出口", "period": "2023-11", "value": 2.0 }, { "series": "出口", "period": "2023-12", "value": 2.5 }
    ]));
    assert_eq!(r.summary.met, Some(false));
    let fell: Vec<(Option<&str>, Option<bool>)> = r.summary.series.iter().map(|s| (s.series.as_deref(), s.fell)).collect();
    assert_eq!(fell, [(Some("出口"), Some(false)), (Some("进口"), Some(true))]);
    // Value and previous: the series' means, (30 + 2.5) / 2 and (32 + 2) / 2.
    assert_eq!((r.summary.value, r.summary.previous, r.summary.gap), (Some(16.25), Some(17.0), Some(-0.75)));
    // Counties are series too: each county against itself, not a mix of whoever reported.
    let r = eval("7.3", json!([
        { "county": "麒麟区", "period": "2023-11", "value": 100 }, { "county": "麒麟区", "period": "2023-12", "value": 90 },
        { "county": "会泽县", "period": "2023-12", "value": 200 }
    ]));
    assert_eq!(r.summary.met, Some(true));
    assert!(r.warnings.iter().any(|w| w.contains("「会泽县」只有一期数据（2023-12）")), "{:?}", r.warnings);
}

// ---- 3. Averages: no per-case verdicts, a statutory limit if set ---------------------------------

#[test]
fn contract_cases_are_not_late_against_an_average() {
    // A closed 120-day case and an open one at 150 days: neither is late, overdue or "met".
    // 2023-07-31 (date only) counts from Aug 1 00:00; to 2023-12-29 00:00 is 31 + 30 + 31 + 30 + 28 = 150 days.
    let cases = json!([
        { "id": "closed", "start": "2023-01-01", "end": "2023-05-01" },
        { "id": "open", "start": "2023-07-31" }
    ]);
    let r = eval_with("8.2", cases.clone(), json!({"asOf": "2023-12-29 00:00"}));
    let (closed, open) = (&r.cases[0], &r.cases[1]);
    assert_eq!((closed.value, closed.met, closed.gap), (Some(120.0), None, Some(9.0)));
    assert_eq!((open.status, open.elapsed, open.alert, open.met, open.deadline.as_deref()), (Status::Open, Some(150.0), None, None, None));
    assert_eq!((r.summary.late, r.summary.met_share, r.per_case, r.case_limit), (0, None, false, None));
    assert_eq!((r.summary.value, r.summary.met), (Some(120.0), Some(false)));
    // With the statutory limit of 183 days set: 150 × 5 = 750 ≥ 183 × 4 = 732, a warning; a
    // closed 200-day case (2023-01-01 to 2023-07-20) is over it and counts as late.
    let cases = json!([{ "id": "open", "start": "2023-07-31" }, { "id": "long", "start": "2023-01-01", "end": "2023-07-20" }]);
    let r = eval_with("8.2", cases, json!({"asOf": "2023-12-29 00:00", "caseLimits": {"8.2": 183}}));
    assert_eq!((r.cases[0].alert, r.cases[0].remaining), (Some(Alert::Warning), Some(33.0)));
    assert_eq!(r.cases[0].deadline.as_deref(), Some("2024-01-31T00:00"));
    assert_eq!((r.cases[1].value, r.cases[1].within_limit, r.cases[1].met), (Some(200.0), Some(false), None));
    assert_eq!((r.summary.late, r.case_limit), (1, Some(183.0)));
    let err = Calculator::builtin().unwrap().evaluate("8.2", &[], &serde_json::from_value(json!({"caseLimits": {"8.2": -1}})).unwrap()).unwrap_err();
    assert_eq!(err.field(), Some("caseLimits"));
}

#[test]
fn eighty_percent_of_the_limit_is_a_warning_exactly() {
    // Residential, target 3 days. From Mon Jul 3 09:00: Monday 7 h, Tuesday 7 h, Wednesday
    // 09:00–11:48 2 h 48 min = 16.8 h = 2.4 days, 80 % of 3 to the second.
    let case = json!([{ "start": "2023-07-03 09:00" }]);
    let at = |t: &str| eval_with("3.4", case.clone(), json!({ "asOf": t })).cases[0].alert;
    assert_eq!(at("2023-07-05 11:48"), Some(Alert::Warning));
    assert_eq!(at("2023-07-05 11:47"), Some(Alert::Ok));
    assert_eq!(at("2023-07-06 18:00"), Some(Alert::Overdue));
}

// ---- 4. County scores ------------------------------------------------------------------------

#[test]
fn county_scores_are_anchored_on_the_target() {
    // 1.1 (≤ 0.4; best 0, worst 0.8): 麒麟区 2 h 48 min = 0.4 → 60; 宣威市 09:00–12:00 and
    // 14:00–14:17 = 197 min = 0.469 days, a miss: 60 × (0.8 − 197/420) / 0.4 = 120 − 70.36 = 49.64.
    let r = eval("1.1", json!([
        { "county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48" },
        { "county": "宣威市", "start": "2023-07-14 09:00", "end": "2023-07-14 14:17" }
    ]));
    let s: Vec<f64> = r.by_county.iter().map(|c| c.score.unwrap()).collect();
    assert!((s[0] - 60.0).abs() < 1e-9 && (s[1] - (120.0 - 150.0 * 197.0 / 420.0)).abs() < 1e-9, "{s:?}");
    assert_eq!(r.scoring, bizenv::plan::catalog::ScoringMethod::TargetAnchored);
    // 8.2 (≤ 111 days; best 0, worst 222): 102 days → 60 + 40 × 9 / 111; 133 → 60 × 89 / 111.
    let r = eval("8.2", json!([
        { "county": "麒麟区", "start": "2023-01-01", "end": "2023-04-13" },
        { "county": "会泽县", "start": "2023-01-01", "end": "2023-05-14" }
    ]));
    let s: Vec<f64> = r.by_county.iter().map(|c| c.score.unwrap()).collect();
    assert!((s[0] - (60.0 + 40.0 * 9.0 / 111.0)).abs() < 1e-9 && (s[1] - 60.0 * 89.0 / 111.0).abs() < 1e-9, "{s:?}");
    // 4.1 (≥ 98 %; best 100, worst 96): 97.1 % → 33, 99.5 % → 90 — not 0 and 100.
    let r = eval("4.1", json!([{ "county": "麒麟区", "numerator": 971, "denominator": 1000 }, { "county": "沾益区", "numerator": 995, "denominator": 1000 }]));
    let s: Vec<f64> = r.by_county.iter().map(|c| c.score.unwrap()).collect();
    assert!((s[0] - 33.0).abs() < 1e-9 && (s[1] - 90.0).abs() < 1e-9, "{s:?}");
}

#[test]
fn the_ranking_leaves_out_counts_and_does_not_reward_missing_data() {
    // 麒麟区: 1.1 at the target (60) and 4.1 at 99.5 % (90); 沾益区: 4.1 only, 99.5 % (90);
    // 4.4: 沾益区 far larger, which must not lift it. Ranked indicators with data: 2.
    // 麒麟区 (60 + 90) / 2 = 75 over 2 of 2; 沾益区 90 / 2 = 45 over 1 of 2, own mean 90.
    let dataset: Dataset = serde_json::from_value(json!({
        "1.1": [{ "county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48" }],
        "4.1": [{ "county": "麒麟区", "numerator": 995, "denominator": 1000 }, { "county": "沾益区", "numerator": 995, "denominator": 1000 }],
        "4.4": [{ "county": "麒麟区", "period": "2023-12", "count": 10 }, { "county": "沾益区", "period": "2023-12", "count": 300 }]
    }))
    .unwrap();
    let d = Calculator::builtin().unwrap().evaluate_all(&dataset, &EvaluateOptions::default()).unwrap();
    let rows: Vec<(usize, &str, f64, usize, usize, f64)> = d.ranking.iter().map(|r| (r.rank, r.county.as_str(), r.score, r.indicators, r.ranked_indicators, r.own_mean)).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].0, rows[0].1, rows[0].3, rows[0].4), (1, "麒麟区", 2, 2));
    assert!((rows[0].2 - 75.0).abs() < 1e-9 && (rows[0].5 - 75.0).abs() < 1e-9);
    assert_eq!((rows[1].0, rows[1].1, rows[1].3, rows[1].4), (2, "沾益区", 1, 2));
    assert!((rows[1].2 - 45.0).abs() < 1e-9 && (rows[1].5 - 90.0).abs() < 1e-9);
    assert!(d.ranking.iter().all(|r| !r.scores.contains_key("4.4")));
    assert_eq!(d.ranked_indicators, 2);
    // 4.4 is still shown by county, without a score.
    let r = Calculator::builtin().unwrap().evaluate("4.4", &dataset["4.4"], &EvaluateOptions::default()).unwrap();
    assert!(r.by_county.iter().all(|c| c.value.is_some() && c.score.is_none()));
}

// ---- 5. Recovery rate by the World Bank method ------------------------------------------------

#[test]
fn doing_business_recovery_reproduces_published_rates() {
    // Source: World Bank, Doing Business 2020, economy profiles, "Resolving insolvency": time
    // (years), cost (% of estate), outcome (0 piecemeal sale, 1 going concern), recovery rate
    // (cents on the dollar). Lending rates: IMF International Financial Statistics, 2018 (the
    // rate Doing Business 2020 discounts at): China 4.35 % (one-year benchmark lending rate),
    // United States 4.90 % (bank prime loan rate, annual average).
    // China: 1.7 years, 22 %, piecemeal, published 36.9:
    //   (70 − 22 − 5 × 1.7) / 1.0435^1.7 = 39.5 / 1.07507 = 36.74.
    let china = doing_business_recovery(70.0, 22.0, 1.7, 0.0435);
    assert!((china - 36.9).abs() < 0.5, "{china}");
    assert!((china - 36.74).abs() < 0.01, "{china}");
    // United States: 1.0 year, 10 %, going concern, published 81.0: (100 − 10 − 5) / 1.049 = 81.03.
    let us = doing_business_recovery(100.0, 10.0, 1.0, 0.049);
    assert!((us - 81.0).abs() < 0.5, "{us}");
    assert!((us - 85.0 / 1.049).abs() < 1e-9, "{us}");
    // Through a case, and never below 0: piecemeal, 60 % cost, 3 years → 70 − 60 − 15 < 0.
    let r = eval_with("10.5", json!([{ "outcome": "分散出售", "costPercent": 22, "years": 1.7, "lendingRate": 4.35 }, { "outcome": "piecemeal", "costPercent": 60, "years": 3, "lendingRate": 4.35 }]), json!({"recoveryMethod": "doing_business"}));
    assert!(close(r.cases[0].value, china));
    assert_eq!(r.cases[1].value, Some(0.0));
    assert_eq!(r.aggregation, bizenv::plan::catalog::Aggregation::Mean);
}

// ---- 6. Ranges as data; 7. asOf ------------------------------------------------------------------

#[test]
fn values_outside_their_range_are_named_with_the_range() {
    let r = eval_with("8.4", json!([{ "value": 12 }, { "value": -3 }, { "value": 10 }]), json!({"lang": "en"}));
    assert_eq!(r.cases[0].error.as_deref(), Some("value is 12: out of range, expected between 0 and 10"));
    assert_eq!(r.cases[1].error.as_deref(), Some("value is -3: out of range, expected between 0 and 10"));
    assert_eq!(r.cases[0].error_field.as_deref(), Some("value"));
    assert_eq!((r.summary.valid, r.summary.value), (1, Some(10.0)));
    let r = eval("8.4", json!([{ "value": 12 }]));
    assert_eq!(r.cases[0].error.as_deref(), Some("指数值为 12，超出有效范围：应在 0 至 10 之间"));
    // Shares 0–100 % follow from numerator ≤ denominator; counts ≥ 0; lending rates 0–100 %.
    let r = eval("4.1", json!([{ "numerator": 101, "denominator": 100 }]));
    assert_eq!(r.cases[0].error.as_deref(), Some("分子 101 大于分母 100：分子不能超过分母，比率不能超过 100%"));
    let r = eval("12.3", json!([{ "count": -1 }]));
    assert_eq!(r.cases[0].error.as_deref(), Some("数量为 -1，不能为负数"));
    let r = eval_with("10.5", json!([{ "outcome": "piecemeal", "costPercent": 22, "years": 1.7, "lendingRate": 435 }]), json!({"recoveryMethod": "doing_business", "lang": "zh"}));
    assert_eq!(r.cases[0].error.as_deref(), Some("贷款利率（%）为 435，超出有效范围：应在 0 至 100 之间"));
    assert_eq!(r.cases[0].error_field.as_deref(), Some("lendingRate"));
}

#[test]
fn a_case_starting_after_as_of_is_an_error_not_zero() {
    let r = eval_with("3.5", json!([{ "start": "2024-03-01 09:00" }]), json!({"asOf": "2023-12-29 17:00", "lang": "zh"}));
    let c = &r.cases[0];
    assert_eq!(c.status, Status::Invalid);
    assert!(c.error.as_deref().unwrap().starts_with("开始时间 2024-03-01 09:00 晚于评估时点 2023-12-29 17:00"), "{:?}", c.error);
    assert_eq!(c.error_field.as_deref(), Some("start"));
}
