//! The plan's knowledge: its indicators and targets (`catalog`), the fields a case may have
//! (`cases`), and the built-in sample data (`samples`).

pub mod cases;
pub mod catalog;
pub mod samples;
