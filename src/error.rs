//! One error type for the whole crate, in the manner of `jiff::Error`: a [`ErrorKind`] to match on
//! and a message, in Chinese and in English, that names the parameter, the value and what is expected.

use std::fmt;

/// What went wrong, for callers that want to react differently to different failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A date, time or number could not be read.
    Parse,
    /// A value was read but lies outside what is allowed (an hour of 25, a negative day count...).
    Range,
    /// An interval ends before it starts.
    EndBeforeStart,
    /// Office hours that are empty, reversed or overlapping.
    OfficeHours,
    /// Calendar data (built-in or user supplied) that cannot be used.
    Calendar,
    /// An indicator catalogue that cannot be used, or an indicator id it lacks.
    Catalog,
    /// A case that lacks a field its indicator needs, or has one that cannot be used.
    Case,
    /// An argument of the wrong type or shape at the JS boundary.
    Argument,
    /// Something that can only be a bug of this program (built-in data that does not load).
    Internal,
    /// Work stopped because the caller asked it to (an import cancelled between two chunks).
    Cancelled,
}

impl ErrorKind {
    /// The kind's name as the JS API reports it (`parse`, `range`, `end_before_start`...).
    /// The kind of a name `as_str` gives, back.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        use ErrorKind::*;
        [Parse, Range, EndBeforeStart, OfficeHours, Calendar, Catalog, Case, Argument, Internal, Cancelled].into_iter().find(|k| k.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Parse => "parse",
            ErrorKind::Range => "range",
            ErrorKind::EndBeforeStart => "end_before_start",
            ErrorKind::OfficeHours => "office_hours",
            ErrorKind::Calendar => "calendar",
            ErrorKind::Catalog => "catalog",
            ErrorKind::Case => "case",
            ErrorKind::Argument => "argument",
            ErrorKind::Internal => "internal",
            ErrorKind::Cancelled => "cancelled",
        }
    }
}

/// An error with a message in both interface languages.
///
/// ```
/// use bizenv::{time::parse::{parse_input, Field}, ErrorKind};
/// let err = parse_input(Field::START, &"2023-13-01".into()).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Parse);
/// assert_eq!(err.field(), Some("start"));
/// assert!(err.message_zh().contains("2023-13-01"));
/// assert!(err.message_en().contains("start"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    zh: String,
    en: String,
    field: Option<&'static str>,
    item: Option<usize>,
}

impl Error {
    /// Builds an error from its kind and its Chinese and English messages.
    pub fn new(kind: ErrorKind, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Error { kind, zh: zh.into(), en: en.into(), field: None, item: None }
    }

    /// Names the input the error is about, by its API name (`start`, `end`, `stops`, `cost`...),
    /// so that a form can show the message beside that input.
    pub fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    /// The API name of the input the error is about, if known.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    /// Which item of a list input (a stop, a session; from 0) the error is about.
    pub fn with_item(mut self, index: usize) -> Self {
        self.item = Some(index);
        self
    }

    pub fn item(&self) -> Option<usize> {
        self.item
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message_zh(&self) -> &str {
        &self.zh
    }

    pub fn message_en(&self) -> &str {
        &self.en
    }

    /// Prefixes both messages with the name of the field or item the error belongs to.
    pub fn context(self, zh: &str, en: &str) -> Self {
        Error { kind: self.kind, zh: format!("{zh}：{}", self.zh), en: format!("{en}: {}", self.en), field: self.field, item: self.item }
    }
}

impl fmt::Display for Error {
    /// Both languages, Chinese first: what a bilingual page shows when it has nothing better.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Interface language of messages and warnings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese, then English after a slash: for callers that did not say.
    #[default]
    Both,
    Zh,
    En,
}

impl Lang {
    pub fn pick(self, zh: &str, en: &str) -> String {
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
            Lang::Both => format!("{zh} / {en}"),
        }
    }

    pub fn error(self, err: &Error) -> String {
        self.pick(err.message_zh(), err.message_en())
    }

    /// `"zh"`, `"en"`, anything else both.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "zh" => Lang::Zh,
            "en" => Lang::En,
            _ => Lang::Both,
        }
    }
}

/// A message in both interface languages, kept until it is shown, so that switching the
/// language never computes anything again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message { zh: zh.into(), en: en.into() }
    }

    pub fn pick(&self, lang: Lang) -> String {
        lang.pick(&self.zh, &self.en)
    }
}

impl From<&Error> for Message {
    fn from(e: &Error) -> Message {
        Message::new(e.message_zh(), e.message_en())
    }
}

/// Built-in data (the calendar, the catalogue, the field tables) that does not load: a bug
/// the test suite catches, reported as an error rather than a trap or an empty table.
pub(crate) fn builtin_broken(what: &str, detail: &Error) -> Error {
    Error::new(
        ErrorKind::Internal,
        format!("内置数据「{what}」无法读取（程序缺陷，请报告）：{}", detail.message_zh()),
        format!("the built-in {what} cannot be read (a bug, please report it): {}", detail.message_en()),
    )
}
