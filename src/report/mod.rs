//! What leaves the core as a file or a picture: exports (`export`) and charts (`charts`).

pub mod charts;
pub mod export;
