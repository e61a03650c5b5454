//! What leaves the core as a file or a picture: exports (`export`), charts (`charts`) and the
//! blank ledger templates (`template`).

pub mod charts;
pub mod export;
pub mod template;
