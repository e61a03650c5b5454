//! The page's settings, checked in one place wherever they enter: the settings form, a project
//! file, the URL (`hours=`), an old autosave, or the JS API (`checkSettings`). Settings that fail
//! are refused with a message naming the setting, the value and what is expected; nothing invalid
//! is ever kept.

use serde::Serialize;
use serde_json::Value;

use crate::api::check_calendar_csv;
use crate::error::{Error, ErrorKind, Result};
use crate::time::parse::{parse_clock, parse_date, parse_input, Field, TimeInput};
use crate::time::clock::OfficeHours;

/// Settings once checked, in their canonical form (`"9:00"` becomes `"09:00"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub sessions: Vec<(String, String)>,
    pub hours_per_day: Option<f64>,
    pub recovery_method: String,
    pub calendar_csv: Vec<String>,
    pub holidays: Vec<String>,
    pub workdays: Vec<String>,
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

/// Checks settings as the page keeps them:
/// `{ sessions: [["09:00","12:00"], …], hoursPerDay: null | h, recoveryMethod, calendarCsv: [text],
/// holidays: [date], workdays: [date] }`. Missing keys take their defaults; unknown keys are left
/// to later versions.
///
/// ```
/// use bizenv::settings::check_settings;
/// use serde_json::json;
/// let s = check_settings(&json!({"sessions": [["9:00", "12:00"], ["14:00", "18:00"]], "hoursPerDay": 8})).unwrap();
/// assert_eq!(s.sessions[0], ("09:00".to_string(), "12:00".to_string()));
/// assert_eq!(check_settings(&json!({"sessions": [1]})).unwrap_err().field(), Some("sessions"));
/// assert_eq!(check_settings(&json!({"sessions": [["09:00", "25:00"]]})).unwrap_err().field(), Some("sessions"));
/// assert_eq!(check_settings(&json!({"hoursPerDay": -1})).unwrap_err().field(), Some("hoursPerDay"));
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
        None | Some(Value::Null) => OfficeHours::default().sessions().iter().map(|(s, e)| (clock(*s), clock(*e))).collect(),
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
    let recovery_method = match settings.get("recoveryMethod") {
        None | Some(Value::Null) => "pooled".to_string(),
        Some(Value::String(s)) if s == "pooled" || s == "doing_business" => s.clone(),
        Some(other) => {
            return Err(bad("recoveryMethod", format!("回收率算法 {} 无效：应为 pooled 或 doing_business", shown(other)), format!("recoveryMethod {} is invalid: expected pooled or doing_business", shown(other))))
        }
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
    })
}

/// Checks the evaluation instant (评估时点): empty (meaning now), or a date-time the engine reads.
///
/// ```
/// use bizenv::settings::check_as_of;
/// assert!(check_as_of(&serde_json::json!("2023-12-29 17:00")).is_ok());
/// assert!(check_as_of(&serde_json::json!("")).is_ok());
/// assert_eq!(check_as_of(&serde_json::json!("garbage")).unwrap_err().field(), Some("asOf"));
/// ```
pub fn check_as_of(as_of: &Value) -> Result<()> {
    const AS_OF: Field = Field { zh: "评估时点", en: "asOf", key: "asOf" };
    let input = match as_of {
        Value::Null => return Ok(()),
        Value::String(s) if s.trim().is_empty() => return Ok(()),
        Value::String(s) => TimeInput::Text(s.clone()),
        Value::Number(n) => TimeInput::Serial(n.as_f64().unwrap_or(f64::NAN)),
        other => return Err(bad("asOf", format!("评估时点 {} 应为日期时间文本", shown(other)), format!("asOf {} must be a date-time text", shown(other)))),
    };
    parse_input(AS_OF, &input).map(|_| ()).map_err(|e| e.with_field("asOf"))
}

fn clock(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}
