//! Edits: a case put (added or changed), checked without being kept, deleted; the sample
//! loaded; everything cleared; and the last of these (or an import) undone.

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::evaluate::{case_result, typed_cases, CaseResult, Engine, Status, Verdict};
use crate::plan::cases::{input_of, Case, CaseInput, Entry, NumField, Stamp};
use crate::plan::fields::case_field;
use crate::plan::samples::sample_dataset;
use crate::settings::Settings;
use crate::time::parse::Field;

use super::import::Import;
use super::queries::CaseRow;
use super::store::{evaluate_one, Key, Set};
use super::Workspace;

/// The cases an import replaced in one indicator (its set's index), with their keys and verdicts.
type Replaced = (usize, Vec<(Key, Case, Kept)>);

/// What can be undone.
pub(crate) enum Undo {
    /// A case put under `key`: `previous` is what it replaced (none: the put added it), with its
    /// verdict.
    Put { set: usize, key: Key, previous: Option<(Case, Kept)> },
    /// A case deleted, with its verdict.
    Delete { set: usize, key: Key, case: Case, verdict: Kept },
    /// An import: the keys it added per indicator, and the cases it replaced (the same file
    /// imported before).
    Import { added: Vec<(usize, Vec<Key>)>, replaced: Vec<Replaced>, import: Box<Import> },
    /// The whole working set replaced (cleared, the sample or a project loaded): what it was.
    /// What it was is kept whole, evaluations included: undoing evaluates nothing again.
    Replace { kind: &'static str, sets: Vec<Set>, imports: Vec<Import>, settings: Box<(Settings, Option<String>)> },
}

/// A verdict kept for undo, and the settings revision it was made under: put back as it is
/// while the settings stay, evaluated again when they changed.
pub(crate) type Kept = Option<(Verdict, u64)>;

/// At most this many edits can be undone; clearing or loading a whole working set keeps only
/// itself (the whole set it replaced is held for undo, and one is enough).
const UNDO_DEPTH: usize = 50;

/// An input's problem, for the form: the field (and the item of a list) and the message.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: Option<String>,
    pub index: Option<usize>,
    pub kind: &'static str,
    pub message: String,
    /// For a duplicate 编号: the key of the case that has it, so that the form can open it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing: Option<Key>,
}

impl FieldError {
    fn of(e: &Error, lang: crate::error::Lang) -> FieldError {
        FieldError { field: e.field().map(str::to_string), index: e.item(), kind: e.kind().as_str(), message: lang.error(e), existing: None }
    }
}

/// What `putCase` did: the case kept under its key, with its row for the case table; or the
/// errors that kept it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PutOutcome {
    /// The key the case is kept under; `None` when it was refused.
    pub key: Option<Key>,
    /// The case as the table shows it (when kept).
    pub row: Option<CaseRow>,
    /// The case evaluated, in full.
    pub result: CaseResult,
    /// Why it was refused: every field that cannot be used, each once.
    pub errors: Vec<FieldError>,
}

/// What `checkCase` found: the draft evaluated, and its errors (none: it would be kept).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseCheck {
    pub result: CaseResult,
    pub errors: Vec<FieldError>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub indicator_id: String,
    pub key: Key,
    /// What the case was, for a message ("已删除案件 A-1").
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Undone {
    /// `put`, `delete`, `import`, `clear`, `sample` or `project`.
    pub kind: &'static str,
    /// The indicators whose cases changed back.
    pub indicators: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cleared {
    pub cases: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Loaded {
    pub cases: usize,
    pub indicators: usize,
    pub as_of: Option<String>,
    pub warnings: Vec<String>,
}

/// The errors of every value of a case that could not be read or lies outside its range, then
/// the evaluation's own.
fn field_errors(ind: &crate::plan::catalog::Indicator, case: &Case, result_error: Option<&Error>) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut time = |entry: Option<&Entry<Stamp>>, field: Field, item: Option<usize>| {
        if let Some(Err(e)) = entry.map(|e| e.moment(field)) {
            errors.push(match item {
                Some(i) => e.with_item(i),
                None => e,
            });
        }
    };
    time(case.start.as_ref(), Field::START, None);
    time(case.end.as_ref(), Field::END, None);
    for (i, s) in case.stops().iter().enumerate() {
        time(Some(&s.start), Field::STOP_START, Some(i));
        time(Some(&s.end), Field::STOP_END, Some(i));
    }
    for (i, s) in case.steps().iter().enumerate() {
        time(s.start.as_ref(), Field { key: "steps", ..Field::START }, Some(i));
        time(s.end.as_ref(), Field { key: "steps", ..Field::END }, Some(i));
    }
    for field in NumField::ALL {
        if let Some(entry) = case.number(field) {
            let (zh, en) = case_field(field.key()).map_or((field.key(), field.key()), |f| (f.zh.as_str(), f.en.as_str()));
            match entry.value(zh, en) {
                Err(e) => errors.push(e.with_field(field.key())),
                Ok(x) => {
                    if let Ok(Some(range)) = crate::evaluate::method::range_of(ind, field.key()) {
                        if let Err(e) = range.check(x, zh, en) {
                            errors.push(e.with_field(field.key()));
                        }
                    }
                }
            }
        }
    }
    for (i, fee) in case.fees().iter().enumerate() {
        if let Err(e) = fee.amount.value(&format!("费用第 {} 项", i + 1), &format!("fee {}", i + 1)) {
            errors.push(e.with_field("fees").with_item(i));
        }
    }
    if let Some(e) = result_error {
        if !errors.iter().any(|x| x.message_zh() == e.message_zh() || (x.field().is_some() && x.field() == e.field())) {
            errors.push(e.clone());
        }
    }
    errors
}

impl Workspace {
    /// A case input from JS, read; a record of the wrong shape is an error for the form.
    fn read_input(&self, input: &Value) -> std::result::Result<CaseInput, Error> {
        if !input.is_object() {
            return Err(Error::new(ErrorKind::Argument, "案件应为对象，如 {\"start\": \"2023-07-14 09:00\"}", "a case must be an object such as {\"start\": \"2023-07-14 09:00\"}").with_field("input"));
        }
        input_of(input, 0)
    }

    /// Evaluates a draft of a case for indicator `i`, without keeping it.
    fn draft(&mut self, i: usize, case: &Case) -> Result<(CaseResult, Vec<FieldError>, Verdict)> {
        let Workspace { catalog, strings, engine, stats, lang, .. } = self;
        let ind = &catalog.indicators[i];
        let ctx = engine.context(catalog, ind)?;
        let verdict = evaluate_one(ind, case, strings, &ctx, stats);
        let result = case_result(ind, case, 0, strings, &ctx, &verdict, *lang);
        let errors: Vec<FieldError> = field_errors(ind, case, verdict.error()).iter().map(|e| FieldError::of(e, *lang)).collect();
        Ok((result, errors, verdict))
    }

    /// Evaluates a draft of a case without keeping it: what the form shows while it is filled in.
    pub fn check_case(&mut self, id: &str, input: &Value) -> Result<CaseCheck> {
        let i = self.index_of(id)?;
        let input = self.read_input(input).map_err(|e| e.with_field("input"))?;
        let case = Case::from_input(&input, &mut self.strings);
        let (result, errors, _) = self.draft(i, &case)?;
        Ok(CaseCheck { result, errors })
    }

    /// Keeps a case: a new one (`key` none) or in place of the case under `key`. A case that
    /// cannot be evaluated is not kept: its errors say why, field by field.
    pub fn put_case(&mut self, id: &str, key: Option<Key>, input: &Value) -> Result<PutOutcome> {
        let i = self.index_of(id)?;
        if let Some(k) = key {
            if self.sets[i].position(k).is_none() {
                return Err(unknown_key(id, k));
            }
        }
        let input = match self.read_input(input) {
            Ok(input) => input,
            Err(e) if e.kind() == ErrorKind::Argument => return Err(e),
            Err(e) => {
                let lang = self.lang;
                return Ok(PutOutcome { key: None, row: None, result: CaseResult { id: "#1".into(), status: Status::Invalid, error: Some(lang.error(&e)), ..CaseResult::default() }, errors: vec![FieldError::of(&e, lang)] });
            }
        };
        let mut case = Case::from_input(&input, &mut self.strings);
        // 编号 is unique within an indicator: a second case under an existing number would be
        // counted twice. The form is told which case has it.
        if let Some(number) = case.id.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            let set = &self.sets[i];
            if let Some((existing, _)) = set.keys.iter().zip(&set.cases).find(|(k, c)| Some(**k) != key && c.id.as_deref().map(str::trim) == Some(number)) {
                let message = self.lang.pick(
                    &format!("编号「{number}」已被本指标的另一件案件使用：同一指标内编号不能重复（可打开那件案件修改）"),
                    &format!("ID \"{number}\" is already used by another case of this indicator: IDs are unique within an indicator (open that case to change it)"),
                );
                let result = CaseResult { id: number.to_string(), status: Status::Invalid, error: Some(message.clone()), ..CaseResult::default() };
                let error = FieldError { field: Some("id".into()), index: None, kind: "duplicate", message, existing: Some(*existing) };
                return Ok(PutOutcome { key: None, row: None, result, errors: vec![error] });
            }
        }
        // The indicator's cases evaluated first (once, if they never were), so that the draft's
        // verdict is the one kept.
        self.ensure(i)?;
        let (result, errors, verdict) = self.draft(i, &case)?;
        if verdict.status == Status::Invalid || !errors.is_empty() {
            return Ok(PutOutcome { key: None, row: None, result, errors });
        }
        let key = match key {
            Some(k) => k,
            None => {
                self.next_key += 1;
                self.next_key - 1
            }
        };
        // Kept as given; a case changed in the form keeps its sample flag off (it is the user's now).
        case.sample = false;
        let previous = self.store_evaluated(i, key, case, Some(verdict))?;
        self.push_undo(Undo::Put { set: i, key, previous });
        let pos = self.sets[i].position(key).unwrap_or(0);
        let row = self.case_row(i, pos)?;
        Ok(PutOutcome { key: Some(key), row: Some(row), result, errors: Vec::new() })
    }

    /// Puts a case back (undo) with the verdict it had, if the settings are still those it was
    /// made under; else evaluating it.
    fn put_back(&mut self, i: usize, key: Key, case: Case, kept: Kept) -> Result<()> {
        let verdict = kept.filter(|(_, rev)| *rev == self.settings_revision).map(|(v, _)| v);
        self.store_evaluated(i, key, case, verdict).map(drop)
    }

    /// Puts `case` under `key` of indicator `i` (in place, or appended), with its verdict when it
    /// was just computed (else evaluating it alone), and aggregates the indicator again. Returns
    /// the case it replaced, with its verdict.
    fn store_evaluated(&mut self, i: usize, key: Key, case: Case, verdict: Option<Verdict>) -> Result<Option<(Case, Kept)>> {
        let revision = self.settings_revision;
        let Workspace { catalog, strings, engine, sets, stats, .. } = self;
        let ind = &catalog.indicators[i];
        let set = &mut sets[i];
        let verdicts = set.take_verdicts();
        let ctx = engine.context(catalog, ind)?;
        let verdict = match verdict {
            Some(v) => verdicts.as_ref().map(|_| v),
            None => verdicts.as_ref().map(|_| evaluate_one(ind, &case, strings, &ctx, stats)),
        };
        let (previous, pos) = match set.position(key) {
            Some(pos) => (Some(std::mem::replace(&mut set.cases[pos], case)), pos),
            None => {
                let pos = set.keys.partition_point(|k| *k < key);
                set.keys.insert(pos, key);
                set.cases.insert(pos, case);
                (None, pos)
            }
        };
        let mut old_verdict = None;
        if let (Some(mut verdicts), Some(v)) = (verdicts, verdict) {
            if previous.is_some() {
                old_verdict = Some(std::mem::replace(&mut verdicts[pos], v));
            } else {
                verdicts.insert(pos, v);
            }
            set.aggregate(catalog, ind, strings, engine, stats, verdicts);
        }
        self.touched(i);
        Ok(previous.map(|c| (c, old_verdict.map(|v| (v, revision)))))
    }

    /// Removes the case under `key` of indicator `i`, aggregating the indicator again; returns it
    /// with its verdict.
    pub(crate) fn remove(&mut self, i: usize, key: Key) -> Option<(Case, Kept)> {
        let revision = self.settings_revision;
        let Workspace { catalog, strings, engine, sets, stats, .. } = self;
        let set = &mut sets[i];
        let pos = set.position(key)?;
        let verdicts = set.take_verdicts();
        set.keys.remove(pos);
        let case = set.cases.remove(pos);
        let mut kept = None;
        if let Some(mut verdicts) = verdicts {
            kept = Some((verdicts.remove(pos), revision));
            set.aggregate(catalog, &catalog.indicators[i], strings, engine, stats, verdicts);
        }
        self.touched(i);
        Some((case, kept))
    }

    /// Deletes a case.
    pub fn delete_case(&mut self, id: &str, key: Key) -> Result<Deleted> {
        let i = self.index_of(id)?;
        let pos = self.sets[i].position(key).ok_or_else(|| unknown_key(id, key))?;
        let shown = self.sets[i].cases[pos].id.as_deref().map_or_else(|| format!("#{}", pos + 1), str::to_string);
        let (case, verdict) = self.remove(i, key).ok_or_else(|| unknown_key(id, key))?;
        self.push_undo(Undo::Delete { set: i, key, case, verdict });
        Ok(Deleted { indicator_id: id.to_string(), key, id: shown })
    }

    pub(crate) fn push_undo(&mut self, entry: Undo) {
        if matches!(entry, Undo::Replace { .. }) {
            self.undo.clear();
        }
        self.undo.push(entry);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Undoes the last edit, import, delete, clear or load; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Undone>> {
        let Some(entry) = self.undo.pop() else { return Ok(None) };
        let id = |ws: &Workspace, i: usize| ws.catalog.indicators[i].id.clone();
        Ok(Some(match entry {
            Undo::Put { set, key, previous } => {
                match previous {
                    Some((case, kept)) => self.put_back(set, key, case, kept)?,
                    None => drop(self.remove(set, key)),
                }
                Undone { kind: "put", indicators: vec![id(self, set)] }
            }
            Undo::Delete { set, key, case, verdict } => {
                self.put_back(set, key, case, verdict)?;
                Undone { kind: "delete", indicators: vec![id(self, set)] }
            }
            Undo::Import { added, replaced, import } => {
                let mut indicators = Vec::new();
                for (set, keys) in &added {
                    self.remove_many(*set, keys);
                    indicators.push(id(self, *set));
                }
                for (set, cases) in replaced {
                    self.store_many(set, cases)?;
                }
                self.imports.retain(|i| i.id != import.id);
                indicators.dedup();
                Undone { kind: "import", indicators }
            }
            Undo::Replace { kind, sets, imports, settings } => {
                let (settings, as_of) = *settings;
                self.replace_all(sets, imports);
                self.restore_settings(settings, as_of)?;
                Undone { kind, indicators: self.catalog.indicators.iter().map(|i| i.id.clone()).collect() }
            }
        }))
    }

    /// Removes many cases of one indicator at once (one aggregation).
    pub(crate) fn remove_many(&mut self, i: usize, keys: &[Key]) {
        let Workspace { catalog, strings, engine, sets, stats, .. } = self;
        let set = &mut sets[i];
        let gone: std::collections::HashSet<Key> = keys.iter().copied().collect();
        let verdicts = set.take_verdicts();
        let keep: Vec<bool> = set.keys.iter().map(|k| !gone.contains(k)).collect();
        let mut it = keep.iter();
        set.keys.retain(|_| *it.next().unwrap_or(&true));
        let mut it = keep.iter();
        set.cases.retain(|_| *it.next().unwrap_or(&true));
        if let Some(mut verdicts) = verdicts {
            let mut it = keep.iter();
            verdicts.retain(|_| *it.next().unwrap_or(&true));
            set.aggregate(catalog, &catalog.indicators[i], strings, engine, stats, verdicts);
        }
        self.touched(i);
    }

    /// Puts many cases back under their keys (in place, or where their keys go), with the
    /// verdicts they had (evaluating those whose settings changed since), and aggregates the
    /// indicator once.
    pub(crate) fn store_many(&mut self, i: usize, cases: Vec<(Key, Case, Kept)>) -> Result<()> {
        let revision = self.settings_revision;
        let Workspace { catalog, strings, engine, sets, stats, .. } = self;
        let ind = &catalog.indicators[i];
        let set = &mut sets[i];
        let mut verdicts = set.take_verdicts();
        let ctx = engine.context(catalog, ind)?;
        for (key, case, kept) in cases {
            let verdict = verdicts.as_ref().map(|_| match kept {
                Some((v, rev)) if rev == revision => v,
                _ => evaluate_one(ind, &case, strings, &ctx, stats),
            });
            match set.position(key) {
                Some(pos) => {
                    set.cases[pos] = case;
                    if let (Some(vs), Some(v)) = (verdicts.as_mut(), verdict) {
                        vs[pos] = v;
                    }
                }
                None => {
                    let pos = set.keys.partition_point(|k| *k < key);
                    set.keys.insert(pos, key);
                    set.cases.insert(pos, case);
                    if let (Some(vs), Some(v)) = (verdicts.as_mut(), verdict) {
                        vs.insert(pos, v);
                    }
                }
            }
        }
        if let Some(verdicts) = verdicts {
            set.aggregate(catalog, ind, strings, engine, stats, verdicts);
        }
        self.touched(i);
        Ok(())
    }

    /// Replaces every indicator's cases (and the imports), with their kept evaluations if any.
    pub(crate) fn replace_all(&mut self, sets: Vec<Set>, imports: Vec<Import>) {
        for (i, set) in sets.into_iter().enumerate() {
            if let Some(s) = self.sets.get_mut(i) {
                *s = set;
            }
            self.touched(i);
        }
        self.imports = imports;
    }

    /// Takes the whole working set out (for undo), evaluations included, leaving it empty.
    pub(crate) fn take_all(&mut self) -> (Vec<Set>, Vec<Import>) {
        let sets = self.sets.iter_mut().map(std::mem::take).collect();
        for i in 0..self.sets.len() {
            self.touched(i);
        }
        (sets, std::mem::take(&mut self.imports))
    }

    /// Settings and evaluation instant put back as they were (undo of a load): the sets put back
    /// with them were evaluated under them.
    fn restore_settings(&mut self, settings: Settings, as_of: Option<String>) -> Result<()> {
        if settings != self.settings || as_of != self.as_of {
            self.engine = Engine::new(&settings.evaluate_options(as_of.as_deref()), &self.catalog)?;
            self.settings = settings;
            self.as_of = as_of;
            self.revision += 1;
            self.settings_revision = self.revision;
        }
        Ok(())
    }

    /// Removes every case (the settings stay). Undoable.
    pub fn clear(&mut self) -> Result<Cleared> {
        let cases = self.sets.iter().map(Set::len).sum();
        let (sets, imports) = self.take_all();
        let settings = Box::new((self.settings.clone(), self.as_of.clone()));
        self.push_undo(Undo::Replace { kind: "clear", sets, imports, settings });
        Ok(Cleared { cases })
    }

    /// Takes the built-in sample's cases out, keeping every case of the user's own (the page's
    /// "remove the sample" when sample and real data are mixed). Undoable.
    pub fn drop_sample(&mut self) -> Result<Cleared> {
        let settings = Box::new((self.settings.clone(), self.as_of.clone()));
        let (old, imports) = self.take_all();
        let mut removed = 0;
        let sets = old
            .iter()
            .map(|set| {
                let mut kept = Set::default();
                for (key, case) in set.keys.iter().zip(&set.cases) {
                    if case.sample {
                        removed += 1;
                    } else {
                        kept.keys.push(*key);
                        kept.cases.push(case.clone());
                    }
                }
                kept
            })
            .collect();
        self.replace_all(sets, imports.clone());
        self.push_undo(Undo::Replace { kind: "dropSample", sets: old, imports, settings });
        Ok(Cleared { cases: removed })
    }

    /// Replaces the working set with the built-in sample (which brings its evaluation instant).
    /// Undoable.
    pub fn load_sample(&mut self) -> Result<Loaded> {
        let sample = sample_dataset()?;
        let as_of = sample.get("asOf").and_then(Value::as_str).map(str::to_string);
        let groups = sample.get("indicators").and_then(Value::as_object).cloned().unwrap_or_default();
        let mut sets: Vec<Set> = self.catalog.indicators.iter().map(|_| Set::default()).collect();
        let mut total = 0;
        for (id, list) in groups {
            let Some(i) = self.catalog.indicators.iter().position(|ind| ind.id == id) else { continue };
            let mut cases = typed_cases(list.as_array().map_or(&[][..], Vec::as_slice), &mut self.strings);
            for c in &mut cases {
                c.sample = true;
            }
            total += cases.len();
            let keys = (0..cases.len()).map(|_| {
                self.next_key += 1;
                self.next_key - 1
            });
            sets[i] = Set { keys: keys.collect(), cases, eval: None, revision: 0, unaggregated: None };
        }
        let settings = Box::new((self.settings.clone(), self.as_of.clone()));
        let (old, imports) = self.take_all();
        self.replace_all(sets, Vec::new());
        self.push_undo(Undo::Replace { kind: "sample", sets: old, imports, settings });
        if as_of != self.as_of {
            self.engine = Engine::new(&self.settings.evaluate_options(as_of.as_deref()), &self.catalog)?;
            self.as_of = as_of;
            self.settings_revision = self.revision;
        }
        Ok(Loaded { cases: total, indicators: self.sets.iter().filter(|s| s.len() > 0).count(), as_of: self.as_of.clone(), warnings: Vec::new() })
    }
}

pub(crate) fn unknown_key(id: &str, key: Key) -> Error {
    Error::new(ErrorKind::Argument, format!("指标 {id} 中没有键为 {key} 的案件（可能已删除）"), format!("indicator {id} has no case with key {key} (it may have been deleted)")).with_field("key")
}

