//! Built-in sample data (示例数据, synthetic), so a new user sees the whole plan working on first open.

/// The sample dataset: `{ label_zh, label_en, asOf, indicators: { "1.1": [cases], ... } }`.
pub const SAMPLE_DATASET: &str = include_str!("../data/sample-dataset.json");

/// The sample dataset parsed.
///
/// ```
/// let sample = bizenv::samples::sample_dataset().unwrap();
/// assert!(sample["indicators"]["1.1"].as_array().is_some_and(|cases| !cases.is_empty()));
/// ```
pub fn sample_dataset() -> crate::Result<serde_json::Value> {
    serde_json::from_str(SAMPLE_DATASET).map_err(|e| crate::Error::new(crate::ErrorKind::Case, format!("示例数据损坏：{e}"), format!("sample data is corrupt: {e}")))
}
