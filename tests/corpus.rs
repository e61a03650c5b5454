//! The bad-input corpus (`tests/corpus/`, made by `tests/corpus_gen/`), each file against its
//! exact expected outcome in `tests/corpus/manifest.json`: an error (kind, field, words of the
//! message), or the row accounting (rows in, evaluated, with problems, blank), the encoding, the
//! problems (row, column letter, words) and warnings. `tests/js/corpus.test.mjs` runs the same
//! manifest through the wasm build. Every outcome was worked out by hand from the file.
#![cfg(not(target_arch = "wasm32"))]

#[path = "corpus_gen/mod.rs"]
mod corpus_gen;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bizenv::api::Lang;
use bizenv::evaluate::Calculator;
use bizenv::ledger::{evaluate_table, LedgerOptions};
use bizenv::ledger::project::load_project;
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(root().join("tests/corpus/manifest.json")).expect("manifest");
    serde_json::from_str(&text).expect("manifest is JSON")
}

/// The bytes of a corpus file: committed, or generated (and kept in target/ for the wasm run).
fn bytes(name: &str, generated: &BTreeMap<&'static str, Vec<u8>>) -> Vec<u8> {
    if let Some(b) = generated.get(name) {
        return b.clone();
    }
    std::fs::read(root().join("tests/corpus").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What happened to a file, in the manifest's terms.
fn outcome(name: &str, entry: &Value, bytes: &[u8], defaults: &Value) -> Value {
    let mut options = defaults["options"].clone();
    if let (Some(o), Some(extra)) = (options.as_object_mut(), entry["options"].as_object()) {
        o.extend(extra.clone());
    }
    if entry["api"] == "loadProject" {
        let text = String::from_utf8_lossy(bytes);
        return match load_project(&text) {
            Ok(_) => json!({ "ok": true }),
            Err(e) => json!({ "error": { "kind": e.kind().as_str(), "field": e.field(), "message": Lang::Zh.error(&e) } }),
        };
    }
    let indicator = entry["indicator"].as_str().or(defaults["indicator"].as_str()).unwrap_or("1.1");
    let options: LedgerOptions = match serde_json::from_value(options) {
        Ok(o) => o,
        Err(e) => return json!({ "error": { "kind": "argument", "field": "options", "message": e.to_string() } }),
    };
    match evaluate_table(&Calculator::builtin().unwrap(), indicator, bytes, name, &options) {
        Err(e) => json!({ "error": { "kind": e.kind().as_str(), "field": e.field(), "message": Lang::Zh.error(&e) } }),
        Ok(r) => {
            let c = r.counts;
            assert_eq!(c.rows_in, c.evaluated + c.with_problems, "{name}: rows in = evaluated + with problems");
            json!({
                "rowsIn": c.rows_in, "evaluated": c.evaluated, "withProblems": c.with_problems, "blank": c.blank,
                "encoding": r.source.encoding, "sheet": r.source.sheet,
                "problems": r.problems.iter().map(|p| json!({ "row": p.row, "column": p.column_letter, "message": p.message })).collect::<Vec<_>>(),
                "warnings": r.source.warnings,
                "met": r.report.cases.iter().map(|c| c.met).collect::<Vec<_>>(),
            })
        }
    }
}

/// Checks `got` against the manifest's `expect`; returns what differs.
fn differences(expect: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let contains = |text: &Value, words: &Value| -> Vec<String> {
        let text = text.as_str().unwrap_or("");
        words.as_array().map_or(vec![], |w| w.iter().filter_map(Value::as_str).filter(|w| !text.contains(w)).map(|w| format!("message «{}» lacks «{w}»", bizenv::ledger::table::clip(text, 300))).collect())
    };
    if let Some(e) = expect.get("error") {
        let Some(g) = got.get("error") else { return vec![format!("expected an error, got {}", bizenv::ledger::table::clip(&got.to_string(), 400))] };
        for key in ["kind", "field"] {
            if e.get(key).is_some() && e[key] != g[key] {
                out.push(format!("{key}: expected {}, got {}", e[key], g[key]));
            }
        }
        out.extend(contains(&g["message"], &e["contains"]));
        if g["message"].as_str().map_or(0, str::len) > 2000 {
            out.push("the message is longer than 2000 bytes".into());
        }
        return out;
    }
    if let Some(g) = got.get("error") {
        return vec![format!("unexpected error: {g}")];
    }
    for key in ["ok", "rowsIn", "evaluated", "withProblems", "blank", "encoding", "sheet", "met"] {
        if expect.get(key).is_some() && expect[key] != got[key] {
            out.push(format!("{key}: expected {}, got {}", expect[key], got[key]));
        }
    }
    if let Some(problems) = expect.get("problems").and_then(Value::as_array) {
        let got_problems = got["problems"].as_array().cloned().unwrap_or_default();
        if problems.len() != got_problems.len() {
            out.push(format!("{} problems expected, got {}: {}", problems.len(), got_problems.len(), bizenv::ledger::table::clip(&Value::Array(got_problems.clone()).to_string(), 1500)));
        } else {
            for (p, g) in problems.iter().zip(&got_problems) {
                if p["row"] != g["row"] || p.get("column").is_some_and(|c| *c != g["column"]) {
                    out.push(format!("problem at row {} column {} expected, got row {} column {}", p["row"], p["column"], g["row"], g["column"]));
                }
                out.extend(contains(&g["message"], &p["contains"]));
            }
        }
    }
    if let Some(warnings) = expect.get("warnings").and_then(Value::as_array) {
        let got_warnings = got["warnings"].as_array().cloned().unwrap_or_default();
        if warnings.len() != got_warnings.len() {
            out.push(format!("{} warnings expected, got {got_warnings:?}", warnings.len()));
        } else {
            for (w, g) in warnings.iter().zip(&got_warnings) {
                out.extend(contains(g, w));
            }
        }
    }
    out
}

#[test]
fn every_corpus_file_has_its_expected_outcome() {
    let manifest = manifest();
    let defaults = &manifest["defaults"];
    let files = corpus_gen::files();
    let generated: BTreeMap<&'static str, Vec<u8>> = files.iter().filter(|f| f.generated).map(|f| (f.name, f.bytes.clone())).collect();
    // The wasm run reads the generated files from target/.
    let dir = root().join("target/corpus-generated");
    std::fs::create_dir_all(&dir).expect("target/corpus-generated");
    for (name, b) in &generated {
        let path: PathBuf = dir.join(name);
        if std::fs::metadata(&path).map(|m| m.len() as usize) .ok() != Some(b.len()) {
            std::fs::write(&path, b).expect("write generated corpus file");
        }
    }
    let entries = manifest["files"].as_object().expect("files");
    let mut failures = Vec::new();
    let dump = std::env::var("CORPUS_DUMP").is_ok();
    for (name, entry) in entries {
        let b = bytes(name, &generated);
        let started = Instant::now();
        let got = outcome(name, entry, &b, defaults);
        let took = started.elapsed();
        if dump {
            println!("{name} ({took:?}): {}", bizenv::ledger::table::clip(&got.to_string(), 1500));
        }
        // Hangs are failures too: nothing under 10 MB may take 5 s (a debug build is slower: 20 s).
        if b.len() < 10 << 20 && took.as_secs_f64() > if cfg!(debug_assertions) { 20.0 } else { 5.0 } {
            failures.push(format!("{name}: took {took:?}"));
        }
        for d in differences(&entry["expect"], &got) {
            failures.push(format!("{name}: {d}"));
        }
    }
    // Every file is in the manifest, and every manifest entry is a file.
    for f in &files {
        if !entries.contains_key(f.name) {
            failures.push(format!("{}: not in the manifest", f.name));
        }
    }
    assert!(entries.len() >= 60, "the corpus has {} files", entries.len());
    assert!(failures.is_empty(), "{} corpus failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn committed_corpus_files_are_what_the_generator_makes() {
    for f in corpus_gen::files().iter().filter(|f| !f.generated) {
        let committed = std::fs::read(root().join("tests/corpus").join(f.name)).unwrap_or_else(|e| panic!("{}: {e} (cargo run --example make_corpus)", f.name));
        assert!(committed == f.bytes, "{} differs from the generator's output (cargo run --example make_corpus)", f.name);
    }
}
