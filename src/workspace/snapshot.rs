//! The working set as a project file (one JSON document: cases, settings, evaluation instant,
//! sources) and as autosave records (one per indicator, written again only when its cases
//! changed, and one for the settings). The project format stays version 1: files saved by the
//! page before the workspace load as they are.
//!
//! The autosave can also be written in slices, so that writing a large working set never holds
//! the caller long: `autosave_plan` says what changed (without serialising anything) and
//! `autosave_slice` gives an indicator's cases a chunk at a time; `restore_autosave` joins the
//! chunks of an indicator back in the order given.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Message, Result};
use crate::evaluate::{parse_dataset, typed_cases, Engine};
use crate::ledger::project::{check_project_text, SCHEMA, VERSION};
use crate::plan::cases::Case;
use crate::settings::{check_as_of, check_settings};

use super::edits::{Loaded, Undo};
use super::store::{Key, Set};
use super::{Provenance, Workspace};

/// What changed since an autosave: the records to write again.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutosaveRecord {
    /// The workspace's revision now: the `since` of the next call.
    pub revision: u64,
    /// The settings, evaluation instant and sources, as JSON text, when they changed.
    pub meta: Option<String>,
    /// The indicators whose cases changed: their id, revision and cases (JSON text of an array).
    pub indicators: Vec<IndicatorRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorRecord {
    pub id: String,
    pub revision: u64,
    pub cases: String,
}

/// What changed since an autosave, without the cases: what a sliced save writes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutosavePlan {
    /// The workspace's revision now: the `since` of the next call.
    pub revision: u64,
    /// The settings, evaluation instant and sources, as JSON text, when they changed.
    pub meta: Option<String>,
    /// The indicators whose cases changed, with how many cases each holds now (0: emptied).
    pub indicators: Vec<PlannedIndicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedIndicator {
    pub id: String,
    /// The revision of the indicator's cases: a slice asked with another one is refused.
    pub revision: u64,
    pub cases: usize,
}

impl Workspace {
    fn cases_json(&self, i: usize) -> Result<String> {
        self.cases_range_json(i, 0, self.sets[i].cases.len())
    }

    fn cases_range_json(&self, i: usize, from: usize, to: usize) -> Result<String> {
        let cases = self.sets[i].cases.get(from..to).unwrap_or_default();
        let inputs: Vec<_> = cases.iter().map(|c| c.to_input(&self.strings)).collect();
        serde_json::to_string(&inputs).map_err(|e| Error::new(ErrorKind::Internal, format!("无法保存案件：{e}"), format!("cannot save the cases: {e}")))
    }

    fn changed_since(&self, i: usize, since: u64) -> bool {
        self.sets[i].revision > since || (since == 0 && !self.sets[i].cases.is_empty())
    }

    fn meta_since(&self, since: u64) -> Option<String> {
        (self.settings_revision > since || since == 0 || self.imports_changed_since(since)).then(|| Value::Object(self.meta_json()).to_string())
    }

    fn meta_json(&self) -> Map<String, Value> {
        let mut meta = Map::new();
        meta.insert("asOf".into(), Value::String(self.as_of.clone().unwrap_or_default()));
        meta.insert("settings".into(), self.settings.to_json());
        let sources: Vec<Value> = self
            .imports
            .iter()
            .flat_map(|im| im.destinations.iter().map(move |(id, n)| serde_json::json!({ "fileName": im.file_name, "sheet": im.meta.sheet, "indicatorId": id, "count": n })))
            .collect();
        meta.insert("sources".into(), Value::Array(sources));
        let kind = match self.provenance() {
            Provenance::Sample => "sample",
            _ => "user",
        };
        meta.insert("source".into(), serde_json::json!({ "kind": kind }));
        meta
    }

    /// The working set as a project file (JSON text, schema `bizenv-project` version 1).
    pub fn save_project(&self) -> Result<String> {
        let mut out = String::with_capacity(1 << 16);
        out.push_str(&format!(r#"{{"schema":"{SCHEMA}","version":{VERSION},"dataset":{{"#));
        let mut first = true;
        for (i, ind) in self.catalog.indicators.iter().enumerate() {
            if self.sets[i].cases.is_empty() {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&serde_json::to_string(&ind.id).unwrap_or_default());
            out.push(':');
            out.push_str(&self.cases_json(i)?);
        }
        out.push('}');
        for (k, v) in self.meta_json() {
            out.push(',');
            out.push_str(&serde_json::to_string(&k).unwrap_or_default());
            out.push(':');
            out.push_str(&v.to_string());
        }
        out.push('}');
        Ok(out)
    }

    /// Replaces the working set with a project file's (checked first: a file that fails changes
    /// nothing). Files saved by the page before the workspace load too. Undoable.
    pub fn load_project(&mut self, text: &str) -> Result<Loaded> {
        check_project_text(text)?;
        let project: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| Error::new(ErrorKind::Parse, e.to_string(), e.to_string()))?;
        self.load_parts(&project, project.get("dataset").cloned().unwrap_or(Value::Null), "project")
    }

    /// What changed since revision `since` (0: everything), as autosave records.
    pub fn autosave(&self, since: u64) -> Result<AutosaveRecord> {
        let mut indicators = Vec::new();
        for (i, ind) in self.catalog.indicators.iter().enumerate() {
            if self.changed_since(i, since) {
                indicators.push(IndicatorRecord { id: ind.id.clone(), revision: self.sets[i].revision, cases: self.cases_json(i)? });
            }
        }
        Ok(AutosaveRecord { revision: self.revision, meta: self.meta_since(since), indicators })
    }

    /// What changed since revision `since` (0: everything), as `autosave` would write it, but
    /// with only the number of cases of each indicator: their text comes from `autosave_slice`.
    pub fn autosave_plan(&self, since: u64) -> AutosavePlan {
        let indicators = (self.catalog.indicators.iter().enumerate())
            .filter(|(i, _)| self.changed_since(*i, since))
            .map(|(i, ind)| PlannedIndicator { id: ind.id.clone(), revision: self.sets[i].revision, cases: self.sets[i].cases.len() })
            .collect();
        AutosavePlan { revision: self.revision, meta: self.meta_since(since), indicators }
    }

    /// The cases `offset..offset + limit` of an indicator (fewer at the end; none past it) as the
    /// JSON text of an array, provided its cases are still at `revision` (the plan's): slices of
    /// one revision put end to end give back exactly its cases. A later revision is refused
    /// (kind `range`, field `revision`), so a save never mixes the cases of two revisions.
    pub fn autosave_slice(&self, indicator_id: &str, revision: u64, offset: usize, limit: usize) -> Result<String> {
        let i = self.catalog.indicators.iter().position(|ind| ind.id == indicator_id).ok_or_else(|| {
            Error::new(ErrorKind::Catalog, format!("指标目录中没有编号为 {indicator_id} 的指标"), format!("the catalogue has no indicator {indicator_id}")).with_field("indicatorId")
        })?;
        let now = self.sets[i].revision;
        if now != revision {
            return Err(Error::new(
                ErrorKind::Range,
                format!("指标 {indicator_id} 的案件在保存期间已修改（版本 {revision} → {now}）"),
                format!("the cases of indicator {indicator_id} changed during the save (revision {revision} → {now})"),
            )
            .with_field("revision"));
        }
        let len = self.sets[i].cases.len();
        let from = offset.min(len);
        self.cases_range_json(i, from, from.saturating_add(limit).min(len))
    }

    fn imports_changed_since(&self, since: u64) -> bool {
        // Imports change the sources list: any indicator changed since then may have been one.
        self.sets.iter().any(|s| s.revision > since) && !self.imports.is_empty()
    }

    /// Restores autosave records: the meta record (settings, asOf, sources) and the records of
    /// the indicators (id and the JSON text of an array of its cases). Records of the same id are
    /// the chunks of one indicator, joined in the order given. Undoable.
    pub fn restore_autosave(&mut self, meta: &str, indicators: &[(String, String)]) -> Result<Loaded> {
        let meta: Value = if meta.trim().is_empty() { Value::Object(Map::new()) } else { serde_json::from_str(meta).map_err(|e| Error::new(ErrorKind::Parse, format!("自动保存的设置无法读取：{e}"), format!("the autosaved settings cannot be read: {e}")).with_field("meta"))? };
        let mut dataset = Map::new();
        for (id, cases) in indicators {
            let list: Value = serde_json::from_str(cases).map_err(|e| Error::new(ErrorKind::Parse, format!("自动保存的指标 {id} 无法读取：{e}"), format!("the autosaved indicator {id} cannot be read: {e}")).with_field("indicators"))?;
            match (dataset.get_mut(id), list) {
                (Some(Value::Array(joined)), Value::Array(chunk)) => joined.extend(chunk),
                (_, list) => {
                    dataset.insert(id.clone(), list);
                }
            }
        }
        self.load_parts(&meta, Value::Object(dataset), "project")
    }

    /// Loads a dataset, settings and evaluation instant (from a project or autosave records).
    fn load_parts(&mut self, project: &Value, dataset: Value, kind: &'static str) -> Result<Loaded> {
        let mut settings_json = project.get("settings").cloned().unwrap_or(Value::Null);
        // Old files kept calendar additions apart.
        if let (Some(Value::Object(cal)), Value::Object(s)) = (project.get("calendar"), &mut settings_json) {
            for key in ["holidays", "workdays", "calendarCsv"] {
                if let Some(v) = cal.get(key) {
                    s.entry(key).or_insert(v.clone());
                }
            }
        }
        let settings = check_settings(&settings_json).map_err(|e| e.context("项目文件中的设置无效", "the project file's settings are invalid"))?;
        let (groups, dataset_as_of) = if dataset.is_null() { (Default::default(), None) } else { parse_dataset(dataset)? };
        let as_of = match project.get("asOf") {
            Some(v) if !v.is_null() => check_as_of(v)?,
            _ => match dataset_as_of {
                Some(crate::time::parse::TimeInput::Text(t)) => check_as_of(&Value::String(t))?,
                _ => None,
            },
        };
        let sample = project.pointer("/source/kind").and_then(Value::as_str) == Some("sample");
        let engine = Engine::new(&settings.evaluate_options(as_of.as_deref()), &self.catalog)?;
        let mut sets: Vec<Set> = self.catalog.indicators.iter().map(|_| Set::default()).collect();
        let mut warnings = Vec::new();
        let mut total = 0;
        for (id, list) in groups {
            let Some(i) = self.catalog.indicators.iter().position(|ind| ind.id == id) else {
                warnings.push(Message::new(format!("项目中的指标编号 {id} 不在指标目录中，已忽略"), format!("indicator {id} of the project is not in the catalogue: ignored")));
                continue;
            };
            let mut cases: Vec<Case> = typed_cases(&list, &mut self.strings);
            if sample {
                for c in &mut cases {
                    c.sample = true;
                }
            }
            total += cases.len();
            let keys: Vec<Key> = (0..cases.len())
                .map(|_| {
                    self.next_key += 1;
                    self.next_key - 1
                })
                .collect();
            sets[i] = Set { keys, cases, eval: None, revision: 0, unaggregated: None };
        }
        let undo_settings = Box::new((self.settings.clone(), self.as_of.clone()));
        let (old, imports) = self.take_all();
        self.replace_all(sets, Vec::new());
        self.push_undo(Undo::Replace { kind, sets: old, imports, settings: undo_settings });
        self.settings = settings;
        self.as_of = as_of;
        self.engine = engine;
        self.revision += 1;
        self.settings_revision = self.revision;
        Ok(Loaded { cases: total, indicators: self.sets.iter().filter(|s| !s.cases.is_empty()).count(), as_of: self.as_of.clone(), warnings: warnings.iter().map(|w| w.pick(self.lang)).collect() })
    }
}
