//! The project file: the whole working set (cases, calendar additions, settings, sources) in one
//! JSON document that saves and loads without losing anything.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::evaluate::parse_dataset;

/// The `schema` value that marks a bizenv project file.
pub const SCHEMA: &str = "bizenv-project";
/// The current version of the project format.
pub const VERSION: u64 = 1;

/// Reads and checks a project file. Everything in it is kept as it is, keys in their order, so
/// that saving what was loaded gives the same file.
///
/// ```
/// use bizenv::project::{load_project, save_project};
/// let text = r#"{"schema":"bizenv-project","version":1,"dataset":{"1.1":[{"id":"A","start":"2023-07-14 09:00"}]},"settings":{"hoursPerDay":null}}"#;
/// let project = load_project(text).unwrap();
/// assert_eq!(save_project(&project).unwrap(), save_project(&load_project(&save_project(&project).unwrap()).unwrap()).unwrap());
/// assert!(load_project(r#"{"schema":"bizenv-project","version":99}"#).is_err());
/// ```
pub fn load_project(text: &str) -> Result<Value> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        Error::new(
            ErrorKind::Parse,
            format!("项目文件不是有效的 JSON（第 {} 行第 {} 列）：{e}", e.line(), e.column()),
            format!("the project file is not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
        )
    })?;
    check(&value)?;
    Ok(value)
}

/// Stamps the schema and version and writes the project as pretty JSON.
pub fn save_project(project: &Value) -> Result<String> {
    let Value::Object(map) = project else {
        return Err(Error::new(ErrorKind::Parse, "项目数据应为对象", "the project must be an object"));
    };
    let mut out = Map::new();
    out.insert("schema".into(), Value::from(SCHEMA));
    out.insert("version".into(), Value::from(VERSION));
    for (k, v) in map {
        if k != "schema" && k != "version" {
            out.insert(k.clone(), v.clone());
        }
    }
    let out = Value::Object(out);
    check(&out)?;
    serde_json::to_string_pretty(&out).map_err(|e| Error::new(ErrorKind::Parse, format!("无法保存项目：{e}"), format!("cannot save the project: {e}")))
}

fn check(value: &Value) -> Result<()> {
    let bad = |zh: &str, en: &str| Err(Error::new(ErrorKind::Parse, format!("不是 bizenv 项目文件：{zh}"), format!("not a bizenv project file: {en}")));
    if value.get("schema").and_then(Value::as_str) != Some(SCHEMA) {
        return bad("缺少 \"schema\": \"bizenv-project\"", "\"schema\": \"bizenv-project\" is missing");
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v <= VERSION => {}
        Some(v) => {
            return Err(Error::new(
                ErrorKind::Parse,
                format!("项目文件版本 {v} 高于本程序支持的版本 {VERSION}：请使用新版程序打开"),
                format!("project version {v} is newer than this program supports ({VERSION}): open it with a newer release"),
            ))
        }
        None => return bad("缺少版本号 version", "\"version\" is missing"),
    }
    if let Some(dataset) = value.get("dataset") {
        parse_dataset(dataset.clone())?;
    }
    for section in ["settings", "calendar"] {
        for key in ["holidays", "workdays", "calendarCsv"] {
            if let Some(v) = value.get(section).and_then(|c| c.get(key)) {
                if !v.is_array() {
                    return bad(&format!("{section}.{key} 应为数组"), &format!("{section}.{key} must be an array"));
                }
            }
        }
    }
    // Calendar additions are checked as the engine will read them.
    if let Some(list) = value.get("settings").and_then(|s| s.get("calendarCsv")).and_then(Value::as_array) {
        for text in list.iter().filter_map(Value::as_str) {
            crate::api::check_calendar_csv(text)?;
        }
    }
    Ok(())
}
