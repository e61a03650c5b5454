use bizenv::evaluate::{parse_dataset, Calculator, EvaluateOptions};
fn main() {
    let sample = bizenv::samples::sample_dataset().unwrap();
    let (ds, as_of) = parse_dataset(sample).unwrap();
    let mut o = EvaluateOptions::default();
    o.as_of = as_of;
    let d = Calculator::default().evaluate_all(&ds, &o).unwrap();
    for i in &d.indicators { println!("{:5} {:>10?} {:?} n={} late={} open={}", i.id, i.value.map(|v| (v*100.0).round()/100.0), i.met, i.count, i.late, i.open); }
    println!("{:?}", d.totals);
    for r in &d.ranking { println!("{} {} {:.1} {}", r.rank, r.county, r.score, r.indicators); }
}
