//! Cases: as users enter or import them (`CaseInput`, the JS API's and the project file's JSON
//! shape) and as the core keeps them (`Case`, typed and compact).
//!
//! A kept case holds its times as integers ([`Stamp`]: civil seconds, and whether only a date was
//! given), its numbers as `f64`, its county, source and other repeated words interned in a
//! [`Strings`] table, and the text a user gave only where it could not be read ([`Entry::Raw`]):
//! such a case is kept, and its evaluation explains what is wrong with the value, in the words of
//! the parser that refused it.

use std::collections::HashMap;
use std::num::NonZeroU32;

use jiff::civil::{Date, DateTime, Time};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Message, Result};
use crate::time::calendar::{date_of_unix_day, unix_day};
use crate::time::parse::{parse_input, Field, Moment, TimeInput};

// ---- Interned words ----------------------------------------------------------------------------

/// An interned word (a county, a file name, a class, a period): an index into [`Strings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(NonZeroU32);

/// The words cases share, each kept once.
///
/// ```
/// use bizenv::plan::cases::Strings;
/// let mut s = Strings::default();
/// let a = s.intern("麒麟区");
/// assert_eq!(s.intern("麒麟区"), a);
/// assert_eq!(s.get(a), "麒麟区");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Strings {
    list: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
}

impl Strings {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(sym) = self.index.get(text) {
            return *sym;
        }
        // Index 0 is never used, so that `Option<Sym>` takes four bytes; u32::MAX words would not
        // fit in a tab's memory long before the count overflows.
        let n = u32::try_from(self.list.len() + 1).unwrap_or(u32::MAX);
        let sym = Sym(NonZeroU32::MIN.saturating_add(n - 1));
        self.list.push(text.into());
        self.index.insert(text.into(), sym);
        sym
    }

    /// The symbol of a word already interned.
    pub fn find(&self, text: &str) -> Option<Sym> {
        self.index.get(text).copied()
    }

    pub fn get(&self, sym: Sym) -> &str {
        self.list.get(sym.0.get() as usize - 1).map_or("", |s| s)
    }

    /// Interns every word of `other` here, in `other`'s order (so that words new here are
    /// numbered as if interned here first hand), and returns how `other`'s symbols map to these.
    ///
    /// ```
    /// use bizenv::plan::cases::Strings;
    /// let (mut here, mut there) = (Strings::default(), Strings::default());
    /// here.intern("麒麟区");
    /// let (a, b) = (there.intern("沾益区"), there.intern("麒麟区"));
    /// let renumber = here.absorb(&there);
    /// assert_eq!((here.get(renumber(a)), here.get(renumber(b)), here.len()), ("沾益区", "麒麟区", 2));
    /// ```
    pub fn absorb(&mut self, other: &Strings) -> impl Fn(Sym) -> Sym {
        let renumbered: Vec<Sym> = other.list.iter().map(|word| self.intern(word)).collect();
        move |sym| renumbered.get(sym.0.get() as usize - 1).copied().unwrap_or(sym)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

// ---- Times -------------------------------------------------------------------------------------

/// Civil seconds count from this instant (China Standard Time wall clock throughout).
const EPOCH: DateTime = DateTime::constant(1970, 1, 1, 0, 0, 0, 0);

/// A point in time as a case keeps it: the date-time as written, in whole civil seconds, and
/// whether only a date was given (which means the end of that day).
///
/// ```
/// use bizenv::plan::cases::Stamp;
/// use bizenv::time::parse::{parse_moment, Field};
/// let s = Stamp::of(parse_moment(Field::START, "2023年7月14日 9:30").unwrap()).unwrap();
/// assert_eq!((s.shown(), s.text()), ("2023-07-14T09:30".to_string(), "2023-07-14 09:30".to_string()));
/// let d = Stamp::of(parse_moment(Field::START, "2023/7/14").unwrap()).unwrap();
/// assert!(d.is_date_only());
/// assert_eq!(d.instant().unwrap().to_string(), "2023-07-15T00:00:00");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(i64);

impl Stamp {
    /// The stamp of a parsed moment (`None` only outside jiff's range, which parsing never gives).
    pub fn of(m: Moment) -> Option<Stamp> {
        let at = m.date.to_datetime(m.time.unwrap_or(Time::midnight()));
        Some(Stamp(civil_seconds(at).checked_mul(2)? + i64::from(m.time.is_none())))
    }

    /// The stamp of an instant with a time.
    pub fn at(at: DateTime) -> Stamp {
        Stamp(civil_seconds(at) * 2)
    }

    pub fn is_date_only(self) -> bool {
        self.0 & 1 == 1
    }

    /// The date-time as written (a date alone: its midnight).
    pub fn written(self) -> DateTime {
        let secs = self.0 >> 1;
        let (day, second) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as i32);
        match date_of_unix_day(day) {
            Some(date) => date.at((second / 3600) as i8, (second / 60 % 60) as i8, (second % 60) as i8, 0),
            None => EPOCH,
        }
    }

    pub fn moment(self) -> Moment {
        let at = self.written();
        Moment { date: at.date(), time: (!self.is_date_only()).then(|| at.time()) }
    }

    /// The instant it stands for: the written date-time, or the end of a date given alone.
    pub fn instant(self) -> Option<DateTime> {
        self.moment().instant()
    }

    /// As results show it: `2023-07-14T09:30`, or the date alone.
    pub fn shown(self) -> String {
        let at = self.written();
        if self.is_date_only() {
            at.date().to_string()
        } else {
            format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute())
        }
    }

    /// As a form or a project file gives it back: `2023-07-14 09:30` (seconds when there are
    /// some), or the date alone.
    pub fn text(self) -> String {
        let at = self.written();
        match (self.is_date_only(), at.second()) {
            (true, _) => at.date().to_string(),
            (false, 0) => format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute()),
            (false, s) => format!("{} {:02}:{:02}:{s:02}", at.date(), at.hour(), at.minute()),
        }
    }

    /// The date as written.
    pub fn date(self) -> Date {
        self.written().date()
    }
}

/// A [`Stamp`] or none, in eight bytes (the kept verdicts hold three of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OptStamp(i64);

impl OptStamp {
    pub const NONE: OptStamp = OptStamp(i64::MIN);

    pub fn get(self) -> Option<Stamp> {
        (self.0 != i64::MIN).then_some(Stamp(self.0))
    }
}

impl Default for OptStamp {
    fn default() -> Self {
        OptStamp::NONE
    }
}

impl From<Option<Stamp>> for OptStamp {
    fn from(s: Option<Stamp>) -> Self {
        s.map_or(OptStamp::NONE, |s| OptStamp(s.0))
    }
}

/// Whole civil seconds since [`EPOCH`] (what jiff's `duration_since(EPOCH).as_secs()` gives,
/// in integer arithmetic: every kept time goes through here).
fn civil_seconds(at: DateTime) -> i64 {
    if at.subsec_nanosecond() != 0 {
        // Truncated toward the epoch, as `as_secs` does; never from a parsed or computed time.
        return at.duration_since(EPOCH).as_secs();
    }
    unix_day(at.date()) * 86_400 + i64::from(at.hour()) * 3600 + i64::from(at.minute()) * 60 + i64::from(at.second())
}

// ---- Values --------------------------------------------------------------------------------------

/// A value as kept: read, or the text (or number) given when it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry<T> {
    Given(T),
    /// Text that did not read as a value of the field.
    Raw(Box<str>),
    /// A number that is not a value of the field (an Excel serial out of range).
    RawNumber(f64),
}

impl<T: Copy> Entry<T> {
    pub fn given(&self) -> Option<T> {
        match self {
            Entry::Given(x) => Some(*x),
            _ => None,
        }
    }
}

impl Entry<Stamp> {
    /// A time as given: read when it can be, else kept as given.
    pub fn of_time(input: &TimeInput) -> Entry<Stamp> {
        match parse_input(Field::DATE, input).ok().and_then(Stamp::of) {
            Some(s) => Entry::Given(s),
            None => match input {
                TimeInput::Text(t) => Entry::Raw(t.as_str().into()),
                TimeInput::Serial(x) => Entry::RawNumber(*x),
            },
        }
    }

    /// What the user gave, for the form and the project file.
    pub fn to_input(&self) -> TimeInput {
        match self {
            Entry::Given(s) => TimeInput::Text(s.text()),
            Entry::Raw(t) => TimeInput::Text(t.to_string()),
            Entry::RawNumber(x) => TimeInput::Serial(*x),
        }
    }

    /// The instant, or the parser's error for what was given, naming `field`.
    pub fn instant(&self, field: Field) -> Result<DateTime> {
        let moment = self.moment(field)?;
        moment.instant().ok_or_else(|| {
            Error::new(ErrorKind::Range, format!("{}超出可计算的日期范围", field.zh), format!("{} is beyond the supported date range", field.en)).with_field(field.key)
        })
    }

    /// The moment, or the parser's error for what was given, naming `field`.
    pub fn moment(&self, field: Field) -> Result<Moment> {
        match self {
            Entry::Given(s) => Ok(s.moment()),
            Entry::Raw(t) => parse_input(field, &TimeInput::Text(t.to_string())),
            Entry::RawNumber(x) => parse_input(field, &TimeInput::Serial(*x)),
        }
    }
}

/// A number as people write it in forms and spreadsheets: `1,234.5`, `¥52000`, `3 000元`.
///
/// ```
/// use bizenv::plan::cases::read_number;
/// assert_eq!(read_number("1,234.5"), Some(1234.5));
/// assert_eq!(read_number("￥52000元"), Some(52000.0));
/// assert_eq!(read_number("many"), None);
/// ```
pub fn read_number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '¥' | '￥')).collect();
    let cleaned = cleaned.trim_end_matches('元');
    cleaned.parse::<f64>().ok().filter(|x| x.is_finite())
}

impl Entry<f64> {
    pub fn of_num(input: &Num) -> Entry<f64> {
        match input {
            Num::Number(x) if x.is_finite() => Entry::Given(*x),
            Num::Number(x) => Entry::RawNumber(*x),
            Num::Text(t) => read_number(t).map_or_else(|| Entry::Raw(t.as_str().into()), Entry::Given),
        }
    }

    pub fn to_input(&self) -> Num {
        match self {
            Entry::Given(x) | Entry::RawNumber(x) => Num::Number(*x),
            Entry::Raw(t) => Num::Text(t.to_string()),
        }
    }

    /// The number, or an error naming the field and what was given.
    pub fn value(&self, field_zh: &str, field_en: &str) -> Result<f64> {
        self.to_input().value(field_zh, field_en)
    }
}

/// A number case field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumField {
    Cost,
    Base,
    Numerator,
    Denominator,
    Current,
    Previous,
    Count,
    Value,
    Recovered,
    Claims,
    Years,
    CostPercent,
    LendingRate,
}

impl NumField {
    pub const ALL: [NumField; 13] = [
        NumField::Cost,
        NumField::Base,
        NumField::Numerator,
        NumField::Denominator,
        NumField::Current,
        NumField::Previous,
        NumField::Count,
        NumField::Value,
        NumField::Recovered,
        NumField::Claims,
        NumField::Years,
        NumField::CostPercent,
        NumField::LendingRate,
    ];

    /// The field's API name.
    pub fn key(self) -> &'static str {
        match self {
            NumField::Cost => "cost",
            NumField::Base => "base",
            NumField::Numerator => "numerator",
            NumField::Denominator => "denominator",
            NumField::Current => "current",
            NumField::Previous => "previous",
            NumField::Count => "count",
            NumField::Value => "value",
            NumField::Recovered => "recovered",
            NumField::Claims => "claims",
            NumField::Years => "years",
            NumField::CostPercent => "costPercent",
            NumField::LendingRate => "lendingRate",
        }
    }

    pub fn from_key(key: &str) -> Option<NumField> {
        NumField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A word case field (interned: the same few words recur across a ledger).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextField {
    #[default]
    CustomerClass,
    ProjectType,
    Period,
    Outcome,
    Measure,
    Series,
}

impl TextField {
    pub const ALL: [TextField; 6] = [TextField::CustomerClass, TextField::ProjectType, TextField::Period, TextField::Outcome, TextField::Measure, TextField::Series];

    pub fn key(self) -> &'static str {
        match self {
            TextField::CustomerClass => "customerClass",
            TextField::ProjectType => "projectType",
            TextField::Period => "period",
            TextField::Outcome => "outcome",
            TextField::Measure => "measure",
            TextField::Series => "series",
        }
    }

    pub fn from_key(key: &str) -> Option<TextField> {
        TextField::ALL.into_iter().find(|f| f.key() == key)
    }
}

// ---- The kept case -------------------------------------------------------------------------------

/// A clock stop as kept.
#[derive(Clone, Debug, PartialEq)]
pub struct StopEntry {
    pub start: Entry<Stamp>,
    pub end: Entry<Stamp>,
    pub reason: Option<Sym>,
}

/// A step (a parallel procedure, or a stage) as kept.
#[derive(Clone, Debug, PartialEq)]
pub struct StepEntry {
    pub name: Option<Sym>,
    pub start: Option<Entry<Stamp>>,
    pub end: Option<Entry<Stamp>>,
}

/// A fee item as kept.
#[derive(Clone, Debug, PartialEq)]
pub struct FeeEntry {
    pub name: Option<Box<str>>,
    pub amount: Entry<f64>,
}

/// What was wrong with one cell (or the whole row) of a ledger row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowIssue {
    /// The case field of the cell, when the problem is in one mapped cell.
    pub field: Option<String>,
    /// The column (from 0) of the cell, when known.
    pub column: Option<u32>,
    /// The cell as read, cut to a readable length.
    pub value: Option<String>,
    pub message: Message,
}

/// Why a row of a ledger could not be read as it is (a date that is no date, an error value, an
/// unclosed quote, text that is not in the file's encoding): the case is kept, invalid, with
/// these messages (the first is its error).
#[derive(Clone, Debug, PartialEq)]
pub struct ReadProblem {
    pub issues: Vec<RowIssue>,
}

impl ReadProblem {
    /// A problem of the whole record (a JSON case of the wrong shape).
    pub fn of(message: Message) -> ReadProblem {
        ReadProblem { issues: vec![RowIssue { field: None, column: None, value: None, message }] }
    }
}

/// What few cases have: kept apart so that the common case (an id, a county, two times) stays
/// small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct More {
    pub note: Option<Box<str>>,
    pub stops: Vec<StopEntry>,
    pub steps: Vec<StepEntry>,
    pub fees: Vec<FeeEntry>,
    pub numbers: Vec<(NumField, Entry<f64>)>,
    pub texts: Vec<(TextField, Sym)>,
    pub problem: Option<ReadProblem>,
}

/// One case, record or report line, typed. Which fields matter depends on the indicator's
/// method; the words are in the [`Strings`] of whoever keeps the case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Case {
    pub id: Option<Box<str>>,
    pub name: Option<Box<str>>,
    pub county: Option<Sym>,
    /// The ledger file the case was imported from.
    pub source: Option<Sym>,
    /// Source row in an imported sheet, as Excel shows it (from 1; a row 0 given through the API
    /// is kept as none). Four bytes, so that the inline word field (`first_text`) fits in padding on
    /// wasm32 too. Read through [`Case::row`].
    pub(crate) row_number: Option<NonZeroU32>,
    pub start: Option<Entry<Stamp>>,
    pub end: Option<Entry<Stamp>>,
    /// Part of the built-in sample data.
    pub sample: bool,
    pub more: Option<Box<More>>,
    /// The first word field given (a customer class, a project type: most cases of a routed
    /// ledger have one and nothing else of `more`), kept in the case's own padding so that such a
    /// case needs no `more` at all: about 180 bytes less each, 170 MiB for a million power cases.
    /// Further word fields go to `more`. Read and written through [`Case::text`] and
    /// [`Case::set_text`]; `first_text_field` means nothing while `first_text` is `None`.
    pub(crate) first_text: Option<Sym>,
    pub(crate) first_text_field: TextField,
}

impl Case {
    /// A case read from row `row` of a sheet (as Excel numbers it).
    pub fn at_row(row: u32) -> Case {
        Case { row_number: NonZeroU32::new(row), ..Case::default() }
    }

    /// Its row in the sheet it was imported from, as Excel shows it.
    pub fn row(&self) -> Option<u32> {
        self.row_number.map(NonZeroU32::get)
    }

    fn more_mut(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }

    pub fn note(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.note.as_deref())
    }

    pub fn stops(&self) -> &[StopEntry] {
        self.more.as_ref().map_or(&[], |m| &m.stops)
    }

    pub fn steps(&self) -> &[StepEntry] {
        self.more.as_ref().map_or(&[], |m| &m.steps)
    }

    pub fn fees(&self) -> &[FeeEntry] {
        self.more.as_ref().map_or(&[], |m| &m.fees)
    }

    pub fn problem(&self) -> Option<&ReadProblem> {
        self.more.as_ref().and_then(|m| m.problem.as_ref())
    }

    pub fn number(&self, field: NumField) -> Option<&Entry<f64>> {
        self.more.as_ref()?.numbers.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    pub fn text(&self, field: TextField) -> Option<Sym> {
        if self.first_text.is_some() && self.first_text_field == field {
            return self.first_text;
        }
        self.more.as_ref()?.texts.iter().find(|(f, _)| *f == field).map(|(_, s)| *s)
    }

    pub fn set_number(&mut self, field: NumField, value: Entry<f64>) {
        let more = self.more_mut();
        more.numbers.retain(|(f, _)| *f != field);
        more.numbers.push((field, value));
    }

    pub fn set_text(&mut self, field: TextField, value: Sym) {
        if self.first_text.is_none() || self.first_text_field == field {
            self.first_text = Some(value);
            self.first_text_field = field;
            return;
        }
        let more = self.more_mut();
        more.texts.retain(|(f, _)| *f != field);
        more.texts.push((field, value));
    }

    pub fn set_note(&mut self, note: &str) {
        self.more_mut().note = Some(note.into());
    }

    pub fn add_stop(&mut self, stop: StopEntry) {
        self.more_mut().stops.push(stop);
    }

    pub fn set_problem(&mut self, problem: ReadProblem) {
        self.more_mut().problem = Some(problem);
    }

    /// Puts every word of the case through `word`: for a case read in a workspace of its own
    /// (another thread's) and moved into one whose [`Strings`] number the words otherwise.
    pub fn remap_words(&mut self, mut word: impl FnMut(Sym) -> Sym) {
        for sym in [&mut self.county, &mut self.source, &mut self.first_text].into_iter().flatten() {
            *sym = word(*sym);
        }
        if let Some(more) = self.more.as_mut() {
            for stop in &mut more.stops {
                stop.reason = stop.reason.map(&mut word);
            }
            for step in &mut more.steps {
                step.name = step.name.map(&mut word);
            }
            for (_, sym) in &mut more.texts {
                *sym = word(*sym);
            }
        }
    }

    /// Whether the case gives a value for the field (by its API name).
    pub fn has(&self, field: &str) -> bool {
        match field {
            "id" => self.id.is_some(),
            "name" => self.name.is_some(),
            "county" => self.county.is_some(),
            "start" => self.start.is_some(),
            "end" => self.end.is_some(),
            "note" => self.note().is_some(),
            "stops" => !self.stops().is_empty(),
            "steps" => !self.steps().is_empty(),
            "fees" => !self.fees().is_empty(),
            other => NumField::from_key(other).is_some_and(|f| self.number(f).is_some()) || TextField::from_key(other).is_some_and(|f| self.text(f).is_some()),
        }
    }

    /// Reads a case as the API and the project file give it, interning its words.
    pub fn from_input(input: &CaseInput, strings: &mut Strings) -> Case {
        let word = |s: &Option<String>, strings: &mut Strings| s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| strings.intern(t));
        let mut case = Case {
            id: input.id.as_deref().map(Into::into),
            name: input.name.as_deref().map(Into::into),
            county: word(&input.county, strings),
            source: word(&input.source, strings),
            row_number: input.row.and_then(NonZeroU32::new),
            start: input.start.as_ref().map(Entry::of_time),
            end: input.end.as_ref().map(Entry::of_time),
            sample: input.sample,
            ..Case::default()
        };
        if let Some(note) = &input.note {
            case.set_note(note);
        }
        for stop in &input.stops {
            let (s, e, reason) = match stop {
                StopInput::Pair(s, e) => (s, e, None),
                StopInput::Object { start, end, reason } => (start, end, reason.as_deref()),
            };
            let reason = reason.map(|r| strings.intern(r));
            case.add_stop(StopEntry { start: Entry::of_time(s), end: Entry::of_time(e), reason });
        }
        for step in &input.steps {
            let name = step.name.as_deref().map(|n| strings.intern(n));
            case.more_mut().steps.push(StepEntry { name, start: step.start.as_ref().map(Entry::of_time), end: step.end.as_ref().map(Entry::of_time) });
        }
        if !input.read_problems.is_empty() {
            let issues = input
                .read_problems
                .iter()
                .map(|i| RowIssue { field: i.field.clone(), column: i.column, value: i.value.clone(), message: Message::new(i.zh.as_str(), i.en.as_str()) })
                .collect();
            case.set_problem(ReadProblem { issues });
        }
        for fee in &input.fees {
            case.more_mut().fees.push(FeeEntry { name: fee.name.as_deref().map(Into::into), amount: Entry::of_num(&fee.amount) });
        }
        for (field, value) in input.numbers() {
            if let Some(v) = value {
                case.set_number(field, Entry::of_num(v));
            }
        }
        for (field, value) in input.texts() {
            if let Some(v) = value {
                let sym = strings.intern(v);
                case.set_text(field, sym);
            }
        }
        case
    }

    /// The case as the API and the project file give it.
    pub fn to_input(&self, strings: &Strings) -> CaseInput {
        let word = |s: Option<Sym>| s.map(|s| strings.get(s).to_string());
        let mut input = CaseInput {
            id: self.id.as_deref().map(str::to_string),
            name: self.name.as_deref().map(str::to_string),
            county: word(self.county),
            row: self.row(),
            start: self.start.as_ref().map(Entry::<Stamp>::to_input),
            end: self.end.as_ref().map(Entry::<Stamp>::to_input),
            note: self.note().map(str::to_string),
            source: word(self.source),
            sample: self.sample,
            ..CaseInput::default()
        };
        input.stops = self
            .stops()
            .iter()
            .map(|s| match s.reason {
                Some(r) => StopInput::Object { start: s.start.to_input(), end: s.end.to_input(), reason: Some(strings.get(r).to_string()) },
                None => StopInput::Pair(s.start.to_input(), s.end.to_input()),
            })
            .collect();
        input.steps = self
            .steps()
            .iter()
            .map(|s| Step { name: s.name.map(|n| strings.get(n).to_string()), start: s.start.as_ref().map(Entry::<Stamp>::to_input), end: s.end.as_ref().map(Entry::<Stamp>::to_input) })
            .collect();
        input.read_problems = self
            .problem()
            .map(|p| p.issues.iter().map(|i| ReadIssueInput { field: i.field.clone(), column: i.column, value: i.value.clone(), zh: i.message.zh.clone(), en: i.message.en.clone() }).collect())
            .unwrap_or_default();
        input.fees = self.fees().iter().map(|f| Fee { name: f.name.as_deref().map(str::to_string), amount: f.amount.to_input() }).collect();
        for field in NumField::ALL {
            if let Some(e) = self.number(field) {
                *input.number_mut(field) = Some(e.to_input());
            }
        }
        for field in TextField::ALL {
            if let Some(s) = self.text(field) {
                *input.text_mut(field) = Some(strings.get(s).to_string());
            }
        }
        input
    }
}

// ---- The case as given ---------------------------------------------------------------------------

/// A number as a form or a spreadsheet gives it: a number, or text such as `"1,234.5"`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Num {
    Number(f64),
    Text(String),
}

impl Num {
    /// The value, or an error naming the field and the text.
    pub fn value(&self, field_zh: &str, field_en: &str) -> Result<f64> {
        let parsed = match self {
            Num::Number(x) => Some(*x).filter(|x| x.is_finite()),
            Num::Text(s) => read_number(s),
        };
        parsed.ok_or_else(|| {
            let shown = match self {
                Num::Number(x) => x.to_string(),
                Num::Text(s) => s.clone(),
            };
            Error::new(ErrorKind::Case, format!("{field_zh}「{shown}」不是数字：应填写如 1234.5 的数值"), format!("{field_en} \"{shown}\" is not a number: expected e.g. 1234.5"))
        })
    }
}

/// A clock-stop period as JS gives it: `[start, end]` or `{start, end, reason}`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum StopInput {
    Pair(TimeInput, TimeInput),
    Object {
        start: TimeInput,
        end: TimeInput,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

/// A parallel procedure within a case (company setup: licence, seal, invoice, social security...).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Step {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeInput>,
}

/// A fee item of an approval or proceeding.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub amount: Num,
}

/// One case as the JS API, the page's forms and the project file give it: one flat record whose
/// fields each method picks from. Field names are the JS API's (camelCase).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Source row in an imported sheet, as Excel shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<TimeInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<TimeInput>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stops: Vec<StopInput>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_class: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<Num>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovered: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<Num>,
    /// Doing Business recovery method: time in years (or from `start`/`end`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<Num>,
    /// Doing Business recovery method: cost in % of the estate (or from `cost`/`base`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_percent: Option<Num>,
    /// Doing Business recovery method: `going_concern` or `piecemeal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Doing Business recovery method: annual lending rate, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lending_rate: Option<Num>,
    /// Indicators of several shares (5.3): which share the record counts (`households`, `amount`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// Trends: which series the value belongs to (进口, 出口...); the county is a series too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The ledger file the case was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Part of the built-in sample data.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// Why the ledger row could not be read as it was (an unclosed quote, an error value...): kept
    /// in the project file so that a case invalid on import stays invalid, explained, when the
    /// project is opened again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub read_problems: Vec<ReadIssueInput>,
}

/// One [`RowIssue`] as the project file keeps it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReadIssueInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub zh: String,
    pub en: String,
}

impl CaseInput {
    fn numbers(&self) -> [(NumField, &Option<Num>); 13] {
        [
            (NumField::Cost, &self.cost),
            (NumField::Base, &self.base),
            (NumField::Numerator, &self.numerator),
            (NumField::Denominator, &self.denominator),
            (NumField::Current, &self.current),
            (NumField::Previous, &self.previous),
            (NumField::Count, &self.count),
            (NumField::Value, &self.value),
            (NumField::Recovered, &self.recovered),
            (NumField::Claims, &self.claims),
            (NumField::Years, &self.years),
            (NumField::CostPercent, &self.cost_percent),
            (NumField::LendingRate, &self.lending_rate),
        ]
    }

    fn number_mut(&mut self, field: NumField) -> &mut Option<Num> {
        match field {
            NumField::Cost => &mut self.cost,
            NumField::Base => &mut self.base,
            NumField::Numerator => &mut self.numerator,
            NumField::Denominator => &mut self.denominator,
            NumField::Current => &mut self.current,
            NumField::Previous => &mut self.previous,
            NumField::Count => &mut self.count,
            NumField::Value => &mut self.value,
            NumField::Recovered => &mut self.recovered,
            NumField::Claims => &mut self.claims,
            NumField::Years => &mut self.years,
            NumField::CostPercent => &mut self.cost_percent,
            NumField::LendingRate => &mut self.lending_rate,
        }
    }

    fn texts(&self) -> [(TextField, Option<&str>); 6] {
        // Kept as given: a class or a period of spaces is still what the user typed.
        [
            (TextField::CustomerClass, self.customer_class.as_deref()),
            (TextField::ProjectType, self.project_type.as_deref()),
            (TextField::Period, self.period.as_deref()),
            (TextField::Outcome, self.outcome.as_deref()),
            (TextField::Measure, self.measure.as_deref()),
            (TextField::Series, self.series.as_deref()),
        ]
    }

    fn text_mut(&mut self, field: TextField) -> &mut Option<String> {
        match field {
            TextField::CustomerClass => &mut self.customer_class,
            TextField::ProjectType => &mut self.project_type,
            TextField::Period => &mut self.period,
            TextField::Outcome => &mut self.outcome,
            TextField::Measure => &mut self.measure,
            TextField::Series => &mut self.series,
        }
    }
}

/// A case as JSON (one object of a dataset), read into a case; a field of the wrong type
/// (a date as `true`, stops as a number) is an error naming the record.
pub fn input_of(value: &serde_json::Value, index: usize) -> Result<CaseInput> {
    CaseInput::deserialize(value).map_err(|e| {
        Error::new(
            ErrorKind::Case,
            format!("第 {} 条记录有字段类型不对（日期应为文本或 Excel 序号，金额和数量应为数字）：{e}", index + 1),
            format!("record {} has a field of the wrong type (dates must be text or Excel serials, amounts and counts numbers): {e}", index + 1),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn word_fields_are_kept_once_each() {
        let mut strings = Strings::default();
        let (a, b, c) = (strings.intern("居民客户"), strings.intern("2023-07"), strings.intern("低压非居民客户"));
        let mut case = Case::default();
        case.set_text(TextField::CustomerClass, a);
        // One word field: in the case itself, nothing else kept.
        assert!(case.more.is_none());
        case.set_text(TextField::Period, b);
        case.set_text(TextField::CustomerClass, c);
        assert_eq!((case.text(TextField::CustomerClass), case.text(TextField::Period), case.text(TextField::Outcome)), (Some(c), Some(b), None));
        case.set_text(TextField::Period, a);
        assert_eq!((case.text(TextField::CustomerClass), case.text(TextField::Period)), (Some(c), Some(a)));
        assert_eq!(case.more.as_ref().map(|m| m.texts.len()), Some(1));
        // The word field fits in what was padding: a case is no larger for it (112 bytes on
        // 64-bit; on wasm32, 72).
        assert_eq!(std::mem::size_of::<Case>(), if cfg!(target_pointer_width = "64") { 112 } else { 72 });
    }

    #[test]
    fn stamps_are_civil_seconds() {
        use jiff::civil::date;
        // 2023-07-14 is Unix day 19 552; 09:30 is 34 200 s into it; the stamp doubles the seconds.
        let at = date(2023, 7, 14).at(9, 30, 0, 0);
        assert_eq!(Stamp::at(at), Stamp(3_378_654_000));
        assert_eq!(Stamp(3_378_654_000).written(), at);
        // A date alone: its midnight, marked by the low bit.
        let d = Stamp::of(Moment { date: date(2023, 7, 14), time: None }).unwrap();
        assert_eq!(d, Stamp(19_552 * 86_400 * 2 + 1));
        assert_eq!(d.written(), date(2023, 7, 14).at(0, 0, 0, 0));
        // Before 1970: one second before the epoch.
        assert_eq!(Stamp::at(date(1969, 12, 31).at(23, 59, 59, 0)), Stamp(-2));
        assert_eq!(Stamp(-2).written(), date(1969, 12, 31).at(23, 59, 59, 0));
        // The ends of jiff's range round-trip.
        for at in [date(9999, 12, 31).at(23, 59, 59, 0), date(-9999, 1, 1).at(0, 0, 0, 0)] {
            assert_eq!(Stamp::at(at).written(), at);
        }
        // A fraction of a second is cut toward the epoch, as before.
        assert_eq!(Stamp::at(date(1969, 12, 31).at(23, 59, 59, 500_000_000)), Stamp(0));
    }

    #[test]
    fn a_case_round_trips_through_its_typed_form() {
        let given = json!({
            "id": "A1", "name": "某某公司", "county": " 麒麟区 ", "row": 7,
            "start": "2023年7月14日 9:30", "end": 45121.75,
            "stops": [["2023-07-14 10:00", "2023-07-14 10:15"], {"start": "2023-07-14", "end": "bad", "reason": "补正"}],
            "steps": [{"name": "营业执照", "start": "2023-07-14 09:30"}],
            "fees": [{"name": "登记费", "amount": "1,200"}],
            "numerator": "98", "denominator": "abc", "measure": "户数", "note": "备注", "source": "台账.xlsx"
        });
        let input: CaseInput = serde_json::from_value(given).unwrap();
        let mut strings = Strings::default();
        let case = Case::from_input(&input, &mut strings);
        assert_eq!(strings.get(case.county.unwrap()), "麒麟区");
        assert_eq!(case.start.as_ref().and_then(Entry::given).map(Stamp::shown).as_deref(), Some("2023-07-14T09:30"));
        assert_eq!(case.end.as_ref().and_then(Entry::given).map(Stamp::shown).as_deref(), Some("2023-07-14T18:00"));
        assert_eq!(case.stops()[1].end, Entry::Raw("bad".into()));
        assert_eq!(case.number(NumField::Numerator), Some(&Entry::Given(98.0)));
        assert_eq!(case.number(NumField::Denominator), Some(&Entry::Raw("abc".into())));
        assert_eq!(case.fees()[0].amount, Entry::Given(1200.0));
        let back = serde_json::to_value(case.to_input(&strings)).unwrap();
        assert_eq!(
            back,
            json!({
                "id": "A1", "name": "某某公司", "county": "麒麟区", "row": 7,
                "start": "2023-07-14 09:30", "end": "2023-07-14 18:00",
                "stops": [["2023-07-14 10:00", "2023-07-14 10:15"], {"start": "2023-07-14", "end": "bad", "reason": "补正"}],
                "steps": [{"name": "营业执照", "start": "2023-07-14 09:30"}],
                "fees": [{"name": "登记费", "amount": 1200.0}],
                "numerator": 98.0, "denominator": "abc", "measure": "户数", "note": "备注", "source": "台账.xlsx"
            })
        );
        // What was read back reads the same again.
        let again = Case::from_input(&serde_json::from_value(back).unwrap(), &mut strings);
        assert_eq!(again, case);
    }

    #[test]
    fn raw_values_explain_themselves_as_the_parser_would() {
        let e = Entry::of_time(&TimeInput::Text("2023-02-30".into())).instant(Field::START).unwrap_err();
        assert!(e.message_zh().contains("2 月 30 日"), "{e}");
        assert_eq!(e.field(), Some("start"));
        let e = Entry::of_time(&TimeInput::Serial(60.0)).instant(Field::END).unwrap_err();
        assert!(e.message_zh().contains("Excel 日期序号"), "{e}");
        let e = Entry::of_num(&Num::Text("many".into())).value("分子", "numerator").unwrap_err();
        assert_eq!(e.message_zh(), "分子「many」不是数字：应填写如 1234.5 的数值");
    }

    #[test]
    fn the_common_case_stays_small() {
        // An id, a name, a county, a source, a row and two times, with nothing boxed besides.
        assert!(std::mem::size_of::<Case>() <= 112, "{}", std::mem::size_of::<Case>());
        assert_eq!(std::mem::size_of::<Option<Sym>>(), 4);
    }
}
