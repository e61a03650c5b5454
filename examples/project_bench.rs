//! saveProject / loadProject of a big working set, natively: `cargo run --release --example
//! project_bench -- 100000` (100 000 six-step cases). Prints the median of 5 runs of each.

use std::time::Instant;

use bizenv::ledger::project::{check_project_text, load_project, save_project_text};

fn median(mut f: impl FnMut()) -> f64 {
    f();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mut cases = Vec::with_capacity(n);
    for i in 0..n {
        let day = 3 + i % 20;
        let steps: Vec<serde_json::Value> = (0..6)
            .map(|k| serde_json::json!({ "name": format!("环节{}", k + 1), "start": format!("2023-07-{day:02} 09:00"), "end": format!("2023-07-{:02} 17:00", day + 1), "stops": [[format!("2023-07-{day:02} 10:00"), format!("2023-07-{day:02} 11:00")]] }))
            .collect();
        cases.push(serde_json::json!({ "id": format!("C{i}"), "county": "麒麟区", "name": format!("项目{i}"), "start": "2023-07-03 09:00", "end": "2023-08-11 17:00", "steps": steps }));
    }
    let project = serde_json::json!({ "dataset": { "2.1": cases }, "asOf": "2023-12-29 17:00", "settings": { "sessions": [["09:00", "12:00"], ["14:00", "18:00"]], "hoursPerDay": null }, "sources": [] });
    // What the page hands over: JSON text (JSON.stringify in the browser).
    let text = serde_json::to_string(&project).expect("json");
    let mut saved = String::new();
    let save = median(|| saved = save_project_text(&text).expect("saves"));
    let check = median(|| check_project_text(&saved).expect("checks"));
    let load = median(|| drop(load_project(&saved).expect("loads")));
    println!("{n} six-step cases, {:.1} MB: save_project_text {:.0} ms, check_project_text (loadProject in the page) {:.0} ms, load_project to a tree {:.0} ms", saved.len() as f64 / 1048576.0, save * 1e3, check * 1e3, load * 1e3);
}
