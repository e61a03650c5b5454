use bizenv::evaluate::Calculator;
use bizenv::import::{parse_table, TableOptions};
use bizenv::ledger::{evaluate_table, LedgerOptions};

#[test]
fn dump() {
    for (f, id) in [("electricity-3.5.xlsx", "3.5"), ("construction-2.1.csv", "2.1"), ("construction-2.1-gbk.csv", "2.3"), ("company-1.1-tab.txt", "1.1"), ("rates-4.1.csv", "4.1")] {
        let bytes = std::fs::read(format!("tests/fixtures/{f}")).unwrap();
        let t = parse_table(&bytes, f, &TableOptions::default()).unwrap();
        println!("=== {f}: enc {} delim {:?} header {} sheets {:?} blank {}", t.encoding, t.delimiter, t.header_row, t.sheets, t.blank_rows);
        for c in &t.columns { println!("  {} {} {:?}", c.letter, c.header, c.field); }
        let opts: LedgerOptions = serde_json::from_value(serde_json::json!({"lang": "zh"})).unwrap();
        let r = evaluate_table(&Calculator::default(), id, &bytes, f, &opts).unwrap();
        println!("counts {:?}", r.counts);
        for p in &r.problems { println!("  P {} {:?} {:?} {:?} {}", p.row, p.column, p.column_letter, p.value, p.message); }
        for c in &r.report.cases { println!("  C {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}", c.row, c.id, c.county, c.status, c.value, c.met, c.start, c.end, c.working_minutes); }
        println!("summary {:?}", r.report.summary);
        println!("byCounty {:?}", r.report.by_county.iter().map(|c| (&c.county, c.count)).collect::<Vec<_>>());
        println!("warnings {:?}", r.report.warnings);
    }
}
