//! A project file: loaded and checked; what loads saves, and loads again to the same thing.
#![no_main]
use bizenv::ledger::project::{load_project, save_project};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(project) = load_project(text) else { return };
    let saved = save_project(&project).expect("a loaded project saves");
    let again = load_project(&saved).expect("a saved project loads");
    assert_eq!(save_project(&again).expect("saves again"), saved);
});
