//! The plan's knowledge: its indicators, targets, counties and classes (`catalog`), the fields a
//! case may have and which of them each method uses (`fields`), cases as given and as kept
//! (`cases`), and the built-in sample data (`samples`).

pub mod cases;
pub mod catalog;
pub mod fields;
pub mod samples;
