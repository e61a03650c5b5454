//! # bizenv — 营商环境指标计算器
//!
//! A business-environment indicator calculator: elapsed working time on the PRC calendar
//! (statutory holidays and make-up working weekends), within office hours, with clock-stop
//! periods excluded.
//!
//! The core modules are plain Rust and know nothing of JavaScript; [`api`] holds the operations
//! of the JS API on serde data, and `wasm` (only on `wasm32`) is the one boundary module that
//! speaks `#[wasm_bindgen]`.
//!
//! ```
//! use bizenv::api::{working_time, WorkOptions};
//! // Accepted 2023-09-28, decided 2023-10-09: across National Day, 3 working days.
//! let r = working_time(&"2023-09-28".into(), &"2023-10-09".into(), &WorkOptions::default()).unwrap();
//! assert_eq!(r.working_days, 3.0);
//! ```

pub mod api;
pub mod error;
pub mod evaluate;
pub mod ledger;
pub mod plan;
pub mod report;
pub mod settings;
pub mod time;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind, Result};

/// Dates cross to JS and JSON as ISO `YYYY-MM-DD` strings.
pub(crate) fn serialize_date<S: serde::Serializer>(date: &jiff::civil::Date, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(date)
}
