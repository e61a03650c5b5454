//! The working set of a page (or of a worker): the cases per indicator, their sources, the
//! settings, and the evaluated results, kept up to date edit by edit.
//!
//! JS sends edits (put, delete, undo, import a file, load the sample or a project, change a
//! setting) and asks for what a screen shows (the dashboard, an indicator, a page of cases, a
//! case for the form, the ranking, a chart, an export, a page of problem rows, the sources).
//! Every case is evaluated once and its verdict kept; an edit evaluates the cases it touches and
//! aggregates the indicators they belong to; a setting re-evaluates only what it affects (the
//! evaluation instant: the open cases; office hours and calendar: the time indicators; scoring:
//! the county scores only); the ranking is made from the kept county tables.
//!
//! - `store`: the cases of one indicator, their keys, their evaluation.
//! - `edits`: put, check, delete, undo, clear, sample.
//! - `import`: a ledger read row by row, routed, evaluated as it goes.
//! - `apart`: ledgers read on other threads, then added in order.
//! - `staging`: an import held beside the working set until it is committed or discarded.
//! - `queries`: what the screens show.
//! - `snapshot`: the project file and the autosave records.

mod apart;
mod edits;
mod import;
mod queries;
mod snapshot;
mod staging;
mod store;

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Lang, Message, Result};
use crate::evaluate::{Engine, Evaluation};
use crate::plan::cases::Strings;
use crate::plan::catalog::{Catalog, Indicator};
use crate::settings::{check_as_of, check_settings, Settings};

pub use apart::LedgerRead;
#[cfg(feature = "files")]
pub use apart::READ_BLOCK;
pub use edits::{CaseCheck, Cleared, Deleted, FieldError, Loaded, PutOutcome, Undone};
pub use import::{Destination, ImportOptions, ImportProgress, ImportReport};
pub use queries::{fixed, CatalogView, CellView, FormField, ImportView, Raw, CasePage, CaseQuery, CaseRow, ColumnView, DashboardView, ExportFormat, ExportTarget, ChartAnswer, IndicatorScreen, IndicatorView, ProblemPage, Provenance, RankingView, ScreenQuery, SourceView, SortBy};
pub use staging::Discarded;
pub use snapshot::{AutosavePlan, AutosaveRecord, PlannedIndicator};
pub use store::Key;

use store::Set;
use edits::Undo;
use import::Import;

/// How much work the workspace has done since it was made: the proof, for tests and for the
/// curious, that nothing is evaluated twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Cases evaluated (one method call each).
    pub cases_evaluated: u64,
    /// Indicators aggregated (summary and county table from the kept verdicts).
    pub aggregations: u64,
    /// County tables scored again without evaluating anything (a new scoring choice).
    pub rescorings: u64,
    /// Rankings made from the county tables.
    pub rankings: u64,
}

/// The workspace: one per page or worker.
///
/// ```
/// use bizenv::workspace::Workspace;
/// let mut ws = Workspace::new().unwrap();
/// let put = ws.put_case("1.1", None, &serde_json::json!({"id": "A", "start": "2023-07-14 09:00", "end": "2023-07-14 11:48"})).unwrap();
/// assert!(put.key.is_some());
/// assert_eq!(ws.dashboard().unwrap().dashboard.indicators[0].met, Some(true));
/// ```
pub struct Workspace {
    catalog: Catalog,
    strings: Strings,
    settings: Settings,
    as_of: Option<String>,
    lang: Lang,
    engine: Engine,
    sets: Vec<Set>,
    next_key: Key,
    imports: Vec<Import>,
    /// The import read and evaluated but not yet added (see `staging`).
    staged: Option<staging::Staged>,
    /// The last import id handed out (a discarded stage's id is not given again).
    last_import_id: u32,
    undo: Vec<Undo>,
    /// Increases with every change of the data or the settings.
    revision: u64,
    /// The revision of the settings (for autosave).
    settings_revision: u64,
    stats: Stats,
    /// The ranking made from the county tables, while none of them changed.
    ranking: Option<Vec<crate::evaluate::CountyRank>>,
    /// The last page of cases asked for: its query and the order of the cases it matched.
    page_cache: Option<queries::PageCache>,
}

/// What changed when settings were set.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChange {
    /// The settings now in force, canonical.
    pub settings: Settings,
    pub as_of: Option<String>,
    pub lang: Lang,
    /// The settings that changed (`sessions`, `asOf`, `scoring`…).
    pub changed: Vec<String>,
    /// The indicators whose cases (all, or the open ones) were evaluated again.
    pub reevaluated: Vec<String>,
    /// Whether the county scores were made again.
    pub rescored: bool,
    pub warnings: Vec<String>,
}

impl Workspace {
    /// A workspace on the built-in catalogue, with the default settings and no cases.
    pub fn new() -> Result<Workspace> {
        Workspace::with_catalog(Catalog::builtin()?.clone())
    }

    /// A workspace on another plan's catalogue.
    pub fn with_catalog(catalog: Catalog) -> Result<Workspace> {
        let settings = Settings::default();
        let engine = Engine::new(&settings.evaluate_options(None), &catalog)?;
        Ok(Workspace::blank(catalog, settings, engine))
    }

    /// A workspace with no cases, on a catalogue with its settings and the engine made from them.
    fn blank(catalog: Catalog, settings: Settings, engine: Engine) -> Workspace {
        let sets = catalog.indicators.iter().map(|_| Set::default()).collect();
        Workspace {
            catalog,
            strings: Strings::default(),
            settings,
            as_of: None,
            lang: Lang::Zh,
            engine,
            sets,
            next_key: 1,
            imports: Vec::new(),
            staged: None,
            last_import_id: 0,
            undo: Vec::new(),
            revision: 0,
            settings_revision: 0,
            stats: Stats::default(),
            ranking: None,
            page_cache: None,
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn as_of(&self) -> Option<&str> {
        self.as_of.as_deref()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Increases with every change of the data or the settings.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The position of an indicator in the catalogue, or an error naming the id.
    fn index_of(&self, id: &str) -> Result<usize> {
        self.catalog.require(id)?;
        self.catalog.indicators.iter().position(|i| i.id == id).ok_or_else(|| Error::new(ErrorKind::Catalog, "", ""))
    }

    fn indicator(&self, i: usize) -> &Indicator {
        &self.catalog.indicators[i]
    }

    /// Marks a change of the data of indicator `i`.
    fn touched(&mut self, i: usize) {
        self.revision += 1;
        self.sets[i].revision = self.revision;
        self.ranking = None;
        self.page_cache = None;
    }

    /// Makes sure indicator `i` is evaluated (evaluating its cases if it never was) and
    /// aggregated.
    fn ensure(&mut self, i: usize) -> Result<()> {
        if self.sets[i].eval.is_none() {
            let Workspace { catalog, strings, engine, sets, stats, .. } = self;
            let ind = &catalog.indicators[i];
            match sets[i].unaggregated.take() {
                Some(verdicts) => sets[i].aggregate(catalog, ind, strings, engine, stats, verdicts),
                None => sets[i].evaluate_all(catalog, ind, strings, engine, stats)?,
            }
        }
        Ok(())
    }

    /// Makes sure every case of indicator `i` has its verdict, aggregated or not.
    fn ensure_verdicts(&mut self, i: usize) -> Result<()> {
        if self.sets[i].verdicts().is_none() {
            self.ensure(i)?;
        }
        Ok(())
    }

    /// Every indicator evaluated.
    fn ensure_all(&mut self) -> Result<()> {
        for i in 0..self.sets.len() {
            self.ensure(i)?;
        }
        Ok(())
    }

    fn evaluations(&self) -> Vec<&Evaluation> {
        self.sets.iter().filter_map(|s| s.eval.as_ref()).collect()
    }

    /// Sets some settings (the others stay): `{ sessions, hoursPerDay, recoveryMethod, caseLimits,
    /// scoring, frontierMode, calendarCsv, holidays, workdays, asOf, lang }`. The whole is checked
    /// first (nothing changes when it fails); then only what the change affects is done again.
    ///
    /// ```
    /// use bizenv::workspace::Workspace;
    /// use serde_json::json;
    /// let mut ws = Workspace::new().unwrap();
    /// let change = ws.set_settings(&json!({"hoursPerDay": 8, "asOf": "2023-12-29 17:00"})).unwrap();
    /// assert_eq!(change.changed, ["hoursPerDay", "asOf"]);
    /// assert_eq!(ws.set_settings(&json!({"sessions": [["09:00", "08:00"]]})).unwrap_err().field(), Some("sessions"));
    /// ```
    pub fn set_settings(&mut self, partial: &Value) -> Result<SettingsChange> {
        let Value::Object(partial) = partial else {
            return Err(Error::new(ErrorKind::Argument, "设置应为对象", "settings must be an object").with_field("settings"));
        };
        let mut merged = match self.settings.to_json() {
            Value::Object(m) => m,
            _ => serde_json::Map::new(),
        };
        for (k, v) in partial {
            if !matches!(k.as_str(), "asOf" | "lang") {
                merged.insert(k.clone(), v.clone());
            }
        }
        let next = check_settings(&Value::Object(merged))?;
        let as_of = match partial.get("asOf") {
            Some(v) => check_as_of(v)?,
            None => self.as_of.clone(),
        };
        let lang = match partial.get("lang") {
            None => self.lang,
            Some(Value::String(s)) if matches!(s.as_str(), "zh" | "en") => Lang::from_code(s),
            Some(other) => {
                return Err(Error::new(ErrorKind::Range, format!("界面语言 {other} 无效：应为 zh 或 en"), format!("lang {other} is invalid: expected zh or en")).with_field("lang"));
            }
        };
        let engine = Engine::new(&next.evaluate_options(as_of.as_deref()), &self.catalog)?;
        let before = std::mem::replace(&mut self.settings, next);
        let mut changed: Vec<String> = Vec::new();
        let s = &self.settings;
        let timing = before.sessions != s.sessions || before.hours_per_day != s.hours_per_day || before.calendar_csv != s.calendar_csv || before.holidays != s.holidays || before.workdays != s.workdays;
        for (name, differs) in [
            ("sessions", before.sessions != s.sessions),
            ("hoursPerDay", before.hours_per_day != s.hours_per_day),
            ("calendarCsv", before.calendar_csv != s.calendar_csv),
            ("holidays", before.holidays != s.holidays),
            ("workdays", before.workdays != s.workdays),
            ("recoveryMethod", before.recovery_method != s.recovery_method),
            ("caseLimits", before.case_limits != s.case_limits),
            ("scoring", before.scoring != s.scoring),
            ("frontierMode", before.frontier_mode != s.frontier_mode),
            ("asOf", as_of != self.as_of),
            ("lang", lang != self.lang),
        ] {
            if differs {
                changed.push(name.to_string());
            }
        }
        let as_of_changed = as_of != self.as_of;
        let scoring_changed = before.scoring != self.settings.scoring || before.frontier_mode != self.settings.frontier_mode;
        let recovery_changed = before.recovery_method != self.settings.recovery_method;
        let limits: BTreeSet<String> = before.case_limits.iter().chain(&self.settings.case_limits).filter(|(id, _)| before.case_limits.get(*id) != self.settings.case_limits.get(*id)).map(|(id, _)| id.clone()).collect();
        let mut warnings: Vec<Message> = Vec::new();
        for id in self.settings.case_limits.keys() {
            match self.catalog.get(id) {
                None => warnings.push(Message::new(format!("个案时限中的指标编号 {id} 不在指标目录中，已忽略"), format!("caseLimits names indicator {id}, which is not in the catalogue: ignored"))),
                Some(ind) if ind.per_case() || !ind.is_timed() => warnings.push(Message::new(
                    format!("指标 {id} 的目标针对每件案件（或不计时），个案时限不起作用"),
                    format!("indicator {id} judges each case against its target (or measures no time): a case limit has no effect"),
                )),
                Some(_) => {}
            }
        }
        self.engine = engine;
        self.as_of = as_of;
        self.lang = lang;
        if changed.iter().any(|c| c != "lang") {
            self.revision += 1;
            self.settings_revision = self.revision;
            self.page_cache = None;
        }
        // What each change affects, evaluated again now (an indicator never evaluated waits for
        // its first query).
        let mut reevaluated = Vec::new();
        let mut rescored = false;
        for i in 0..self.sets.len() {
            // Verdicts waiting to be aggregated were made under the settings before.
            self.sets[i].unaggregated = None;
            if self.sets[i].eval.is_none() {
                continue;
            }
            let ind = &self.catalog.indicators[i];
            let all = (timing && ind.is_timed()) || (recovery_changed && ind.method == crate::plan::catalog::Method::RecoveryRate) || limits.contains(&ind.id);
            let Workspace { catalog, strings, engine, sets, stats, .. } = self;
            let ind = &catalog.indicators[i];
            if all {
                sets[i].evaluate_all(catalog, ind, strings, engine, stats)?;
                reevaluated.push(ind.id.clone());
            } else if as_of_changed && sets[i].depends_on_as_of() {
                sets[i].evaluate_where(catalog, ind, strings, engine, stats, |v| v.uses_as_of)?;
                reevaluated.push(ind.id.clone());
            } else if scoring_changed {
                if let Some(eval) = sets[i].eval.as_mut() {
                    eval.rescore(catalog, ind, &engine.scoring);
                    stats.rescorings += 1;
                    rescored = true;
                }
            }
        }
        if !reevaluated.is_empty() || rescored {
            self.ranking = None;
        }
        Ok(SettingsChange {
            settings: self.settings.clone(),
            as_of: self.as_of.clone(),
            lang: self.lang,
            changed,
            reevaluated,
            rescored,
            warnings: warnings.iter().map(|w| w.pick(self.lang)).collect(),
        })
    }
}
