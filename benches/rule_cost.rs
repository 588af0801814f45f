//! What each built-in rule costs: the time to clean ~10 MB of the corpus texts (as separate
//! documents, one thread) with every rule, and with each rule switched off in turn; best of
//! three. `cargo bench --bench rule_cost [-- BYTES]`; `-- BYTES once` cleans once with every
//! rule and prints nothing (for callgrind and perf); `-- BYTES once joined` cleans the texts
//! as one document.
use doctidy::{CleanOptions, Cleaner, RuleSet};
use std::time::Instant;
fn main() {
    let mut texts = Vec::new();
    fn walk(d: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out)
            } else if let Ok(t) = String::from_utf8(std::fs::read(&p).unwrap()) {
                out.push(t)
            }
        }
    }
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/raw"),
        &mut texts,
    );
    let mut docs = Vec::new();
    let mut n = 0;
    let target: usize = std::env::args()
        .skip(1)
        .find(|a| a.parse::<usize>().is_ok())
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    while n < target {
        for t in &texts {
            n += t.len();
            docs.push(t.clone());
        }
    }
    if std::env::args().any(|a| a == "once") {
        let c = Cleaner::new(RuleSet::builtin().unwrap(), CleanOptions::default());
        if std::env::args().any(|a| a == "joined") {
            std::hint::black_box(c.clean(&docs.concat()));
            return;
        }
        for d in &docs {
            std::hint::black_box(c.clean(d));
        }
        return;
    }
    let time = |set: RuleSet| {
        let c = Cleaner::new(set, CleanOptions::default());
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            for d in &docs {
                std::hint::black_box(c.clean(d));
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let all = time(RuleSet::builtin().unwrap());
    println!("all: {all:.3}s {:.1} MB/s", n as f64 / 1e6 / all);
    let none = {
        let mut s = RuleSet::builtin().unwrap();
        let ids: Vec<String> = s.ids().map(String::from).collect();
        s.disable(&ids).unwrap();
        time(s)
    };
    println!("none: {none:.3}s");
    let ids: Vec<String> = RuleSet::builtin()
        .unwrap()
        .ids()
        .map(String::from)
        .collect();
    for id in ids {
        let mut s = RuleSet::builtin().unwrap();
        s.disable(std::slice::from_ref(&id)).unwrap();
        let t = time(s);
        println!(
            "{id:<24} saves {:+.3}s ({:.0}%)",
            all - t,
            (all - t) / all * 100.0
        );
    }
}
