//! A sequence of workspace edits and queries, one per line: `p` put a case (JSON), `c` check a
//! draft, `d` delete the first case, `u` undo, `s` set settings (JSON), `q` a page of cases
//! (query JSON), `i` import the rest of the line (and the lines after it, up to a line `.`) as a
//! CSV ledger, `g` stage it the same way (read and evaluated beside the working set), `k` commit
//! the staged import, `z` discard it, `x` an export, `r` save the project and load it into a new
//! workspace. The second character picks the indicator. After every step the dashboard answers
//! and counts every case once; a stage changes no count, a commit adds its rows; what a project
//! saves loads back to the same dashboard.
#![no_main]
use bizenv::workspace::{CaseQuery, ExportFormat, ExportTarget, ImportOptions, Workspace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut ws = Workspace::new().expect("the built-in catalogue loads");
    let ids: Vec<String> = ws.catalog().indicators.iter().map(|i| i.id.clone()).collect();
    let mut lines = text.lines().take(64);
    while let Some(line) = lines.next() {
        let mut chars = line.chars();
        let op = chars.next().unwrap_or(' ');
        let id = ids[chars.next().map_or(0, |c| c as usize) % ids.len()].clone();
        let rest: String = chars.collect();
        let json = || serde_json::from_str::<serde_json::Value>(&rest).ok();
        match op {
            'p' => {
                if let Some(v) = json() {
                    let _ = ws.put_case(&id, None, &v);
                }
            }
            'c' => {
                if let Some(v) = json() {
                    let _ = ws.check_case(&id, &v);
                }
            }
            'd' => {
                if let Some(key) = ws.cases(&id, &CaseQuery::default()).ok().and_then(|p| p.rows.first().map(|r| r.key)) {
                    ws.delete_case(&id, key).expect("a listed case deletes");
                }
            }
            'u' => {
                let _ = ws.undo();
            }
            's' => {
                if let Some(v) = json() {
                    let _ = ws.set_settings(&v);
                }
            }
            'q' => {
                if let Some(q) = json().and_then(|v| serde_json::from_value::<CaseQuery>(v).ok()) {
                    if let Ok(page) = ws.cases(&id, &q) {
                        assert!(page.matched <= page.total && page.rows.len() <= page.matched);
                    }
                }
            }
            'i' | 'g' => {
                let mut csv = rest.clone();
                for more in lines.by_ref() {
                    if more == "." {
                        break;
                    }
                    csv.push('\n');
                    csv.push_str(more);
                }
                let options = ImportOptions { indicator: id.clone(), route: true, replace: true, ..ImportOptions::default() };
                let before = ws.dashboard().expect("the dashboard always answers").cases;
                let report = if op == 'i' { ws.import_table(csv.as_bytes(), "ledger.csv", &options, &mut |_| true) } else { ws.stage_import(csv.as_bytes(), "ledger.csv", &options, &mut |_| true) };
                if let Ok(r) = report {
                    assert_eq!(r.counts.rows_in, r.counts.evaluated + r.counts.with_problems);
                    assert_eq!(r.counts.rows_in, r.destinations.iter().map(|d| d.rows).sum::<usize>());
                    if op == 'g' {
                        assert_eq!(ws.dashboard().expect("the dashboard always answers").cases, before);
                    }
                }
            }
            'k' => {
                if let Some(staged) = ws.staged_import() {
                    let before = ws.dashboard().expect("the dashboard always answers").cases;
                    let r = ws.commit_import(staged).expect("the staged import commits");
                    let replaced: usize = r.destinations.iter().map(|d| d.replaced).sum();
                    assert_eq!(ws.dashboard().expect("the dashboard always answers").cases + replaced, before + r.counts.rows_in);
                    assert_eq!(ws.staged_import(), None);
                }
            }
            'z' => {
                if let Some(staged) = ws.staged_import() {
                    ws.discard_import(staged).expect("the staged import is discarded");
                    assert!(ws.commit_import(staged).is_err());
                }
            }
            'x' => {
                let _ = ws.export(&ExportTarget::Indicator(id.clone()), ExportFormat::Csv);
            }
            'r' => {
                let saved = ws.save_project().expect("a working set saves");
                let mut other = Workspace::new().expect("the built-in catalogue loads");
                other.load_project(&saved).expect("a saved project loads");
                let (a, b) = (ws.dashboard().expect("dashboard"), other.dashboard().expect("dashboard"));
                assert_eq!(a.dashboard.indicators, b.dashboard.indicators);
            }
            _ => {}
        }
        let d = ws.dashboard().expect("the dashboard always answers");
        assert_eq!(d.cases, d.dashboard.indicators.iter().map(|i| i.count).sum::<usize>());
    }
});
