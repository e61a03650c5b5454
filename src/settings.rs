//! The page's settings, checked in one place wherever they enter: the settings form, a project
//! file, the URL (`hours=`), an old autosave, the workspace (`setSettings`), or the JS API
//! (`checkSettings`). Settings that fail are refused with a message naming the setting, the
//! value and what is expected; nothing invalid is ever kept.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::api::{check_calendar_csv, WorkOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::evaluate::{EvaluateOptions, FrontierMode, RecoveryMethod};
use crate::plan::catalog::ScoringMethod;
use crate::time::clock::OfficeHours;
use crate::time::parse::{parse_clock, parse_date, parse_input, Field, TimeInput};

/// Settings once checked, in their canonical form (`"9:00"` becomes `"09:00"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub sessions: Vec<(String, String)>,
    pub hours_per_day: Option<f64>,
    pub recovery_method: RecoveryMethod,
    pub calendar_csv: Vec<String>,
    pub holidays: Vec<String>,
    pub workdays: Vec<String>,
    /// Per indicator id, a statutory per-case limit switched on (targets on an average: 8.2).
    pub case_limits: BTreeMap<String, f64>,
    /// County scores: target-anchored (the catalogue's) or Doing Business.
    pub scoring: ScoringMethod,
    pub frontier_mode: FrontierMode,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sessions: OfficeHours::default().sessions().iter().map(|(s, e)| (clock(*s), clock(*e))).collect(),
            hours_per_day: None,
            recovery_method: RecoveryMethod::Pooled,
            calendar_csv: Vec::new(),
            holidays: Vec::new(),
            workdays: Vec::new(),
            case_limits: BTreeMap::new(),
            scoring: ScoringMethod::TargetAnchored,
            frontier_mode: FrontierMode::Default,
        }
    }
}

impl Settings {
    /// The evaluation options these settings stand for, at the evaluation instant `as_of`.
    pub fn evaluate_options(&self, as_of: Option<&str>) -> EvaluateOptions {
        EvaluateOptions {
            work: WorkOptions {
                sessions: Some(self.sessions.clone()),
                hours_per_day: self.hours_per_day,
                calendar_csv: self.calendar_csv.clone(),
                holidays: self.holidays.iter().map(|d| TimeInput::Text(d.clone())).collect(),
                workdays: self.workdays.iter().map(|d| TimeInput::Text(d.clone())).collect(),
                ..WorkOptions::default()
            },
            as_of: as_of.filter(|t| !t.trim().is_empty()).map(|t| TimeInput::Text(t.to_string())),
            recovery_method: self.recovery_method,
            scoring: Some(self.scoring),
            frontier_mode: self.frontier_mode,
            case_limits: self.case_limits.clone(),
            ..EvaluateOptions::default()
        }
    }

    /// The settings as JSON, the shape `check_settings` reads (and project files hold).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

fn bad(field: &'static str, zh: String, en: String) -> Error {
    Error::new(ErrorKind::Range, zh, en).with_field(field)
}

/// A value as it can be quoted in a message: short, and never the whole of a huge input.
fn shown(v: &Value) -> String {
    crate::ledger::table::clip(&v.to_string(), 60)
}

fn text_list<'a>(settings: &'a Value, key: &'static str) -> Result<Vec<&'a str>> {
    match settings.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.as_str().ok_or_else(|| bad(key, format!("{key} 的第 {} 项 {} 应为文本", i + 1, shown(item)), format!("item {} of {key}, {}, must be text", i + 1, shown(item))).with_item(i))
            })
            .collect(),
        Some(other) => Err(bad(key, format!("{key} 应为列表，而不是 {}", shown(other)), format!("{key} must be a list, not {}", shown(other)))),
    }
}

/// A choice among names, or its default when absent.
fn choice<T: Copy>(settings: &Value, key: &'static str, options: &[(&str, T)], default: T, zh: &str) -> Result<T> {
    match settings.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::String(s)) => options.iter().find(|(name, _)| name == s).map(|(_, v)| *v).ok_or_else(|| choice_error(key, zh, &Value::String(s.clone()), options)),
        Some(other) => Err(choice_error(key, zh, other, options)),
    }
}

fn choice_error<T>(key: &'static str, zh: &str, value: &Value, options: &[(&str, T)]) -> Error {
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    bad(key, format!("{zh} {} 无效：应为 {}", shown(value), names.join(" 或 ")), format!("{key} {} is invalid: expected {}", shown(value), names.join(" or ")))
}

/// Checks settings as the page keeps them:
/// `{ sessions: [["09:00","12:00"], …], hoursPerDay: null | h, recoveryMethod, calendarCsv: [text],
/// holidays: [date], workdays: [date], caseLimits: { id: days }, scoring, frontierMode }`. Missing
/// keys take their defaults; unknown keys are left to later versions.
///
/// ```
/// use bizenv::settings::check_settings;
/// use serde_json::json;
/// let s = check_settings(&json!({"sessions": [["9:00", "12:00"], ["14:00", "18:00"]], "hoursPerDay": 8})).unwrap();
/// assert_eq!(s.sessions[0], ("09:00".to_string(), "12:00".to_string()));
/// assert_eq!(check_settings(&json!({"sessions": [1]})).unwrap_err().field(), Some("sessions"));
/// assert_eq!(check_settings(&json!({"sessions": [["09:00", "25:00"]]})).unwrap_err().field(), Some("sessions"));
/// assert_eq!(check_settings(&json!({"hoursPerDay": -1})).unwrap_err().field(), Some("hoursPerDay"));
/// assert_eq!(check_settings(&json!({"caseLimits": {"8.2": 0}})).unwrap_err().field(), Some("caseLimits"));
/// assert_eq!(check_settings(&json!({"scoring": "best"})).unwrap_err().field(), Some("scoring"));
/// ```
pub fn check_settings(settings: &Value) -> Result<Settings> {
    let settings = match settings {
        Value::Null => &Value::Null,
        Value::Object(_) => settings,
        other => return Err(bad("settings", format!("设置应为对象，而不是 {}", shown(other)), format!("settings must be an object, not {}", shown(other)))),
    };
    let hours_per_day = match settings.get("hoursPerDay") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(other) => return Err(bad("hoursPerDay", format!("每个工作日小时数 {} 应为数字或留空", shown(other)), format!("hoursPerDay {} must be a number or null", shown(other)))),
    };
    let sessions = match settings.get("sessions") {
        None | Some(Value::Null) => Settings::default().sessions,
        Some(Value::Array(items)) => {
            let mut pairs = Vec::with_capacity(items.len().min(100));
            for (i, item) in items.iter().enumerate() {
                let pair = item.as_array().filter(|p| p.len() == 2).and_then(|p| Some((p[0].as_str()?, p[1].as_str()?)));
                let Some((from, to)) = pair else {
                    return Err(Error::new(
                        ErrorKind::OfficeHours,
                        format!("第 {} 个办公时段 {} 应为一对时刻，如 [\"09:00\", \"12:00\"]", i + 1, shown(item)),
                        format!("session {}, {}, must be a pair of clock times such as [\"09:00\", \"12:00\"]", i + 1, shown(item)),
                    )
                    .with_field("sessions")
                    .with_item(i));
                };
                let from = parse_clock(Field::SESSION_START, from).map_err(|e| e.with_item(i))?;
                let to = parse_clock(Field::SESSION_END, to).map_err(|e| e.with_item(i))?;
                pairs.push((from, to));
            }
            // Order, overlap, emptiness and hoursPerDay, as the engine will check them.
            OfficeHours::new(pairs.clone(), hours_per_day)?;
            pairs.into_iter().map(|(s, e)| (clock(s), clock(e))).collect()
        }
        Some(other) => return Err(Error::new(ErrorKind::OfficeHours, format!("办公时段 {} 应为列表", shown(other)), format!("sessions {} must be a list", shown(other))).with_field("sessions")),
    };
    OfficeHours::new(OfficeHours::default().sessions().to_vec(), hours_per_day)?;
    let recovery_method = choice(settings, "recoveryMethod", &[("pooled", RecoveryMethod::Pooled), ("doing_business", RecoveryMethod::DoingBusiness)], RecoveryMethod::Pooled, "回收率算法")?;
    let scoring = choice(settings, "scoring", &[("target_anchored", ScoringMethod::TargetAnchored), ("doing_business", ScoringMethod::DoingBusiness)], ScoringMethod::TargetAnchored, "县区评分方法")?;
    let frontier_mode = choice(settings, "frontierMode", &[("default", FrontierMode::Default), ("counties", FrontierMode::Counties)], FrontierMode::Default, "前沿值来源")?;
    let case_limits = match settings.get("caseLimits") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(map)) => {
            let mut limits = BTreeMap::new();
            for (id, v) in map {
                match v {
                    // A limit switched off.
                    Value::Null => {}
                    Value::Number(n) if n.as_f64().is_some_and(|x| x.is_finite() && x > 0.0 && x <= 36_500.0) => {
                        limits.insert(id.clone(), n.as_f64().unwrap_or_default());
                    }
                    other => {
                        return Err(bad(
                            "caseLimits",
                            format!("指标 {} 的个案时限 {} 无效：应为大于 0、不超过 36500 的数，或 null（不设）", crate::ledger::table::clip(id, 40), shown(other)),
                            format!("the case limit of indicator {} ({}) is invalid: expected a number greater than 0 and at most 36500, or null (none)", crate::ledger::table::clip(id, 40), shown(other)),
                        ))
                    }
                }
            }
            limits
        }
        Some(other) => return Err(bad("caseLimits", format!("个案时限 {} 应为对象，如 {{\"8.2\": 183}}", shown(other)), format!("caseLimits {} must be an object such as {{\"8.2\": 183}}", shown(other)))),
    };
    let calendar_csv = text_list(settings, "calendarCsv")?;
    for (i, text) in calendar_csv.iter().enumerate() {
        check_calendar_csv(text).map_err(|e| e.with_field("calendarCsv").with_item(i))?;
    }
    let dates = |key: &'static str, field: Field| -> Result<Vec<String>> {
        text_list(settings, key)?
            .iter()
            .enumerate()
            .map(|(i, d)| parse_date(field, &TimeInput::Text((*d).to_string())).map(|d| d.to_string()).map_err(|e| e.with_field(key).with_item(i)))
            .collect()
    };
    Ok(Settings {
        sessions,
        hours_per_day,
        recovery_method,
        calendar_csv: calendar_csv.into_iter().map(str::to_string).collect(),
        holidays: dates("holidays", Field::HOLIDAY)?,
        workdays: dates("workdays", Field::WORKDAY)?,
        case_limits,
        scoring,
        frontier_mode,
    })
}

/// Checks the evaluation instant (评估时点): empty (meaning none set), or a date-time the engine
/// reads. Returns it trimmed, or `None` for empty.
///
/// ```
/// use bizenv::settings::check_as_of;
/// assert_eq!(check_as_of(&serde_json::json!("2023-12-29 17:00")).unwrap().as_deref(), Some("2023-12-29 17:00"));
/// assert_eq!(check_as_of(&serde_json::json!("")).unwrap(), None);
/// assert_eq!(check_as_of(&serde_json::json!("garbage")).unwrap_err().field(), Some("asOf"));
/// ```
pub fn check_as_of(as_of: &Value) -> Result<Option<String>> {
    const AS_OF: Field = Field { zh: "评估时点", en: "asOf", key: "asOf" };
    let input = match as_of {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => TimeInput::Text(s.clone()),
        Value::Number(n) => TimeInput::Serial(n.as_f64().unwrap_or(f64::NAN)),
        other => return Err(bad("asOf", format!("评估时点 {} 应为日期时间文本", shown(other)), format!("asOf {} must be a date-time text", shown(other)))),
    };
    parse_input(AS_OF, &input).map_err(|e| e.with_field("asOf"))?;
    Ok(Some(match input {
        TimeInput::Text(t) => t.trim().to_string(),
        TimeInput::Serial(x) => x.to_string(),
    }))
}

fn clock(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}
