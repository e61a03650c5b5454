//! A worked example per method, with the expected values computed by hand in the comments.

use bizenv::evaluate::{Alert, Calculator, Dataset, EvaluateOptions, Status};
use serde_json::{json, Value};

fn eval(id: &str, cases: Value) -> bizenv::evaluate::Report {
    eval_with(id, cases, json!({}))
}

fn eval_with(id: &str, cases: Value, options: Value) -> bizenv::evaluate::Report {
    let options: EvaluateOptions = serde_json::from_value(options).unwrap();
    Calculator::builtin().unwrap().evaluate(id, cases.as_array().unwrap(), &options).unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn company_setup_with_parallel_steps() {
    // Licence 09:00–10:30, seal 09:30–11:00, invoice 10:00–11:48: the case runs 09:00–11:48,
    // 168 minutes = 0.4 of a 7-hour day: exactly the target, which is met (boundary inclusive).
    let r = eval("1.1", json!([{ "id": "S1", "county": "麒麟区", "steps": [
        {"name": "营业执照", "start": "2023-07-14 09:00", "end": "2023-07-14 10:30"},
        {"name": "公章刻制", "start": "2023-07-14 09:30", "end": "2023-07-14 11:00"},
        {"name": "发票申领", "start": "2023-07-14 10:00", "end": "2023-07-14 11:48"}]}]));
    let c = &r.cases[0];
    assert_eq!(c.working_minutes, Some(168.0));
    assert!(close(c.value, 0.4));
    assert_eq!(c.met, Some(true));
    assert_eq!(c.steps.len(), 3);
    assert!(close(c.steps[0].value, 90.0 / 420.0));
    assert_eq!(r.summary.met, Some(true));
}

#[test]
fn construction_approval_across_national_day_with_a_stop() {
    // Accepted 2023-09-25 (date only: the clock starts on the 26th), approved 2023-11-10.
    // Working days Sep 26–28 (3), Oct 7–8 make-up (2), Oct 9–31 (17), Nov 1–10 (8): 30.
    // Expert review Oct 16–20 (5 working days, date-only bounds: end of Oct 15 to end of Oct 20) is stopped: 25.
    let r = eval("2.1", json!([{ "id": "P1", "start": "2023-09-25", "end": "2023-11-10",
        "stops": [{"start": "2023-10-15", "end": "2023-10-20", "reason": "专家评审"}], "projectType": "社会投资"}]));
    let c = &r.cases[0];
    assert!(close(c.value, 25.0), "{:?}", c.value);
    assert_eq!(c.stopped_minutes, Some(5.0 * 420.0));
    assert_eq!(c.met, Some(true));
    // A government-invested project is not judged here.
    let r = eval("2.1", json!([{ "start": "2023-09-25", "end": "2023-11-10", "projectType": "政府投资" }]));
    assert!(r.cases[0].error.as_deref().unwrap().contains("2.2"), "{:?}", r.cases[0].error);
}

#[test]
fn electricity_across_spring_festival_make_up_days() {
    // Residential, applied Fri 2024-02-02 16:00, connected Sun 2024-02-18 (make-up workday) 10:00.
    // Feb 2: 2 h; Feb 4 (Sun, make-up): 7 h; Feb 5–9: 35 h; Feb 10–17 off; Feb 18: 1 h. 45 h = 45/7 days > 3.
    let r = eval("3.4", json!([{ "start": "2024-02-02 16:00", "end": "2024-02-18 10:00", "customerClass": "居民" }]));
    assert!(close(r.cases[0].value, 45.0 / 7.0), "{:?}", r.cases[0].value);
    assert_eq!(r.cases[0].met, Some(false));
    assert_eq!(r.summary.late, 1);
}

#[test]
fn open_cases_get_deadline_and_alert() {
    // Low-voltage non-residential, target 7 working days, applied Mon 2023-12-18 09:00.
    // As of Tue 2023-12-26 18:00: Dec 18–22 (5) + Dec 25–26 (2) = 7 days used: exactly the limit → warning, not overdue.
    let opts = json!({"asOf": "2023-12-26 18:00"});
    let r = eval_with("3.5", json!([{ "id": "open", "start": "2023-12-18 09:00" },
                                   { "id": "late", "start": "2023-12-01 09:00" },
                                   { "id": "fresh", "start": "2023-12-26 09:00" }]), opts);
    let open = &r.cases[0];
    assert_eq!(open.status, Status::Open);
    assert!(close(open.elapsed, 7.0) && close(open.remaining, 0.0));
    assert_eq!(open.deadline.as_deref(), Some("2023-12-26T18:00"));
    assert_eq!(open.alert, Some(Alert::Warning));
    assert_eq!(open.met, None);
    assert_eq!(r.cases[1].alert, Some(Alert::Overdue));
    assert_eq!(r.cases[1].met, Some(false));
    assert_eq!(r.cases[2].alert, Some(Alert::Ok));
    assert_eq!((r.summary.open, r.summary.late, r.summary.value), (3, 1, None));
}

#[test]
fn calendar_days_and_years() {
    // Notice published 2023-07-01, period ended 2023-07-21: 20 days, the target.
    let r = eval("1.2", json!([{ "start": "2023-07-01", "end": "2023-07-21" }, { "start": "2023-07-01", "end": "2023-07-22" }]));
    assert_eq!((r.cases[0].value, r.cases[0].met), (Some(20.0), Some(true)));
    assert_eq!((r.cases[1].value, r.cases[1].met), (Some(21.0), Some(false)));
    assert!(close(r.summary.value, 20.5));
    assert_eq!(r.summary.met, Some(false));
    assert!(close(r.summary.met_share, 0.5));
    // Time to recover debt: 2022-01-01 to 2023-03-27 is 450 days = 1.2329 years > 1.2.
    let r = eval("10.3", json!([{ "start": "2022-01-01", "end": "2023-03-27" }]));
    assert!(close(r.cases[0].value, 450.0 / 365.0));
    assert_eq!(r.cases[0].met, Some(false));
}

#[test]
fn cost_ratio_from_fees() {
    // Fees 12 000 + 10 000 on an investment of 1 000 000: 2.2 %, exactly the target.
    let r = eval("2.3", json!([{ "fees": [{"name": "测绘", "amount": 12000}, {"name": "检测", "amount": "10,000"}], "base": 1000000 },
                              { "cost": -5, "base": 100 }, { "cost": 5, "base": 0 }]));
    assert!(close(r.cases[0].value, 2.2));
    assert_eq!(r.cases[0].met, Some(true));
    assert!(r.cases[1].error.as_deref().unwrap().contains("不能为负"));
    assert!(r.cases[2].error.as_deref().unwrap().contains("应大于 0"));
    assert_eq!((r.summary.valid, r.summary.invalid), (1, 2));
    assert!(close(r.summary.value, 2.2));
}

#[test]
fn rates_are_pooled_not_averaged() {
    // 99/100 and 1/2: the mean of percentages would be 74.5 %; pooled, 100/102 = 98.04 % ≥ 98: met.
    let r = eval("4.1", json!([{ "county": "麒麟区", "numerator": 99, "denominator": 100 }, { "county": "沾益区", "numerator": 1, "denominator": 2 }]));
    assert!(close(r.summary.value, 100.0 * 100.0 / 102.0));
    assert_eq!(r.summary.met, Some(true));
    assert_eq!((r.summary.numerator, r.summary.denominator), (Some(100.0), Some(102.0)));
    let r = eval("4.1", json!([{ "numerator": 3, "denominator": 2 }, { "numerator": 1 }]));
    assert!(r.cases[0].error.as_deref().unwrap().contains("大于分母"));
    assert!(r.cases[1].error.as_deref().unwrap().contains("缺少分母"));
    assert_eq!(r.summary.value, None);
}

#[test]
fn strict_and_equal_directions() {
    // 8.1 electronic service rate must exceed 90: exactly 90 is not met.
    let r = eval("8.1", json!([{ "numerator": 90, "denominator": 100 }]));
    assert_eq!(r.summary.met, Some(false));
    // 7.1 must equal 100.
    let r = eval("7.1", json!([{ "numerator": 50, "denominator": 50 }]));
    assert_eq!(r.summary.met, Some(true));
    // 8.4 index must equal 10.
    let r = eval("8.4", json!([{ "value": 10 }, { "value": 9 }]));
    assert!(close(r.summary.value, 9.5));
    assert_eq!(r.summary.met, Some(false));
}

#[test]
fn growth_is_pooled() {
    // (130 + 65) vs (100 + 50): 30 % growth, exactly the target.
    let r = eval("5.2", json!([{ "current": 130, "previous": 100 }, { "current": "65", "previous": 50 }, { "current": 1, "previous": 0 }]));
    assert!(close(r.summary.value, 30.0));
    assert_eq!(r.summary.met, Some(true));
    assert_eq!(r.summary.invalid, 1);
}

#[test]
fn counts_are_summed_and_judged_only_in_aggregate() {
    let r = eval("12.3", json!([{ "county": "麒麟区", "count": 1 }, { "county": "宣威市", "count": 2 }, { "county": "会泽县", "count": 1 }]));
    assert_eq!(r.summary.value, Some(4.0));
    assert_eq!(r.summary.met, Some(true));
    assert!(r.cases.iter().all(|c| c.met.is_none()));
    assert!(r.by_county.iter().all(|c| c.met.is_none()));
}

#[test]
fn trends_compare_the_latest_two_periods() {
    // Clearance hours by month, two ports: Oct mean 20, Nov mean 18: falling, met.
    let r = eval("6.1", json!([{ "period": "2023年10月", "value": 22 }, { "period": "2023-10", "value": 18 },
                              { "period": "2023/11", "value": 17 }, { "period": "2023.11", "value": 19 }]));
    assert_eq!(r.summary.periods.len(), 2);
    assert_eq!((r.summary.value, r.summary.previous, r.summary.met), (Some(18.0), Some(20.0), Some(true)));
    assert_eq!(r.summary.gap, Some(-2.0));
    let r = eval("7.3", json!([{ "period": "2023-10", "value": 10 }, { "period": "2023-11", "value": 10 }]));
    assert_eq!(r.summary.met, Some(false));
}

#[test]
fn recovery_rate_pooled_and_doing_business() {
    let r = eval("10.5", json!([{ "recovered": 40, "claims": 100 }, { "recovered": 60, "claims": 100 }]));
    assert_eq!((r.summary.value, r.summary.met), (Some(50.0), Some(true)));
    // DB: piecemeal 70 − 10 (cost) − 2 × 5 (furniture, a quarter of the estate at 20 % a year,
    // straight line) = 50 cents, discounted over 2 years at 5 %: 50 / 1.1025 = 45.35.
    let r = eval_with("10.5", json!([{ "outcome": "piecemeal", "costPercent": 10, "years": 2, "lendingRate": 5 }]), json!({"recoveryMethod": "doing_business"}));
    assert!(close(r.cases[0].value, 50.0 / 1.1025), "{:?}", r.cases[0]);
    assert_eq!(r.cases[0].met, Some(true));
}

#[test]
fn bad_cases_are_reported_and_left_out() {
    let r = eval("1.1", json!([
        { "id": "ok", "start": "2023-07-14 09:00", "end": "2023-07-14 10:00" },
        { "id": "reversed", "start": "2023-07-14 10:00", "end": "2023-07-14 09:00" },
        { "id": "garbled", "start": "2023-07-14 09:00", "end": "yesterday" },
        { "id": "nostart", "end": "2023-07-14 09:00" },
        { "id": "wrongtype", "start": true },
        "not an object"
    ]));
    let errors: Vec<&str> = r.cases.iter().map(|c| c.error.as_deref().unwrap_or("")).collect();
    assert_eq!(errors[0], "");
    assert!(errors[1].contains("早于"), "{}", errors[1]);
    assert!(errors[2].contains("yesterday"), "{}", errors[2]);
    assert!(errors[3].contains("缺少开始时间"), "{}", errors[3]);
    assert!(!errors[4].is_empty() && !errors[5].is_empty());
    assert_eq!((r.summary.count, r.summary.valid, r.summary.invalid), (6, 1, 5));
    assert!(close(r.summary.value, 1.0 / 7.0));
}

#[test]
fn counties_are_scored_against_the_target_or_doing_business_or_each_other() {
    // 麒麟区 09:00–14:30 = 3 h + 30 min (lunch 12:00–14:00 is not office time) = 0.5 working
    // day (misses 0.4); 宣威市 30 min = 1/14 day.
    let cases = json!([{ "county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 14:30" },
                       { "county": "宣威市", "start": "2023-07-14 09:00", "end": "2023-07-14 09:30" }]);
    let scores = |r: &bizenv::evaluate::Report| r.by_county.iter().map(|c| c.score.unwrap()).collect::<Vec<f64>>();
    // Default, anchored on the target (best 0, worst 0.8): 麒麟区 60 × (0.8 − 0.5) / 0.4 = 45;
    // 宣威市 60 + 40 × (0.4 − 1/14) / 0.4 = 100 − 50/7.
    let r = eval("1.1", cases.clone());
    let s = scores(&r);
    assert!((s[0] - 45.0).abs() < 1e-9 && (s[1] - (100.0 - 50.0 / 7.0)).abs() < 1e-9, "{s:?}");
    assert_eq!(r.frontier.as_ref().map(|f| (f.best, f.worst)), Some((0.0, 0.8)));
    // Doing Business (0.5 / 100 days): 0.5 is the frontier itself, 100 — although it misses the target.
    let r = eval_with("1.1", cases.clone(), json!({"scoring": "doing_business"}));
    assert_eq!(scores(&r)[0], 100.0);
    let r = eval_with("1.1", cases, json!({"scoring": "doing_business", "frontierMode": "counties"}));
    assert_eq!(scores(&r), vec![0.0, 100.0]);
}

#[test]
fn evaluate_all_agrees_with_evaluate_and_ranks_counties() {
    let dataset: Dataset = serde_json::from_value(json!({
        "3.4": [{ "county": "麒麟区", "start": "2023-07-14 09:00", "end": "2023-07-14 10:00", "customerClass": "居民" },
                { "county": "宣威市", "start": "2023-07-03 09:00", "end": "2023-07-31 10:00", "customerClass": "高压单电源" }],
        "4.1": [{ "county": "麒麟区", "numerator": 99, "denominator": 100 }, { "county": "宣威市", "numerator": 90, "denominator": 100 }],
        "99.9": []
    }))
    .unwrap();
    let d = Calculator::builtin().unwrap().evaluate_all(&dataset, &EvaluateOptions::default()).unwrap();
    assert_eq!(d.indicators.len(), 42);
    let get = |id: &str| d.indicators.iter().find(|i| i.id == id).unwrap();
    // A high-voltage case filed under 3.4 is reported there as a case of the wrong class, as
    // `evaluate("3.4")` reports it; `route_cases` files it under 3.6 when it is entered.
    assert_eq!((get("3.4").count, get("3.4").invalid, get("3.6").count), (2, 1, 0));
    assert_eq!(get("4.1").met, Some(false)); // 189/200 = 94.5 % < 98
    assert_eq!(d.totals.with_data, 2);
    assert!(d.warnings[0].contains("99.9"));
    assert_eq!(d.ranking[0].county, "麒麟区");
    assert_eq!(d.ranking.len(), 2);
}
