//! The rule engine in memory, one thread, with every built-in rule: MB/s on a ~30 MB
//! concatenation of the project's own corpus texts (one document, and the same texts as
//! separate documents), the same with every rule loaded twice (the rule count doubled), and
//! the time of each hostile line. Medians of `RUNS` runs (default 5).
//!
//! `cargo bench --bench engine` (add `-- --quick` for one run of each, `--no-hostile` to
//! leave out the hostile lines).

use doctidy::{CleanOptions, Cleaner, RuleSet};
use std::path::Path;
use std::time::{Duration, Instant};

const TARGET_BYTES: usize = 30_000_000;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs: usize = if quick {
        1
    } else {
        std::env::var("RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(5)
    };
    let texts = corpus_texts();
    let mut documents = Vec::new();
    let mut size = 0;
    while size < TARGET_BYTES {
        for t in &texts {
            size += t.len();
            documents.push(t.clone());
        }
    }
    let joined = documents.concat();
    let mb = joined.len() as f64 / 1e6;

    let single = Cleaner::new(
        RuleSet::builtin().expect("built-in rules"),
        CleanOptions::default(),
    );
    let doubled = Cleaner::new(doubled_rules(), CleanOptions::default());
    println!(
        "{} corpus texts, {:.1} MB; {} rules, doubled {}; median of {runs}",
        texts.len(),
        mb,
        single.rules().rules().len(),
        doubled.rules().rules().len()
    );
    println!("| workload | median s | MB/s |");
    println!("|---|---:|---:|");
    let row = |name: &str, t: Duration| {
        println!(
            "| {name} | {:.3} | {:.1} |",
            t.as_secs_f64(),
            mb / t.as_secs_f64()
        )
    };
    let one_doc = |c: &Cleaner| {
        std::hint::black_box(c.clean(&joined));
    };
    let many_docs = |c: &Cleaner| {
        for d in &documents {
            std::hint::black_box(c.clean(d));
        }
    };
    row(
        "one document, built-in rules",
        median(runs, || one_doc(&single)),
    );
    row(
        "separate documents, built-in rules",
        median(runs, || many_docs(&single)),
    );
    row(
        "one document, rules doubled",
        median(runs, || one_doc(&doubled)),
    );
    row(
        "separate documents, rules doubled",
        median(runs, || many_docs(&doubled)),
    );

    if std::env::args().any(|a| a == "--no-hostile") {
        return;
    }
    println!();
    println!("| hostile line | size MB | median s |");
    println!("|---|---:|---:|");
    for (name, text) in hostile_lines() {
        let t = median(runs.min(3), || {
            std::hint::black_box(single.clean(&text));
        });
        println!(
            "| {name} | {:.1} | {:.3} |",
            text.len() as f64 / 1e6,
            t.as_secs_f64()
        );
    }
}

/// The UTF-8 texts of `corpus/raw` (the legacy-encoded samples are skipped).
fn corpus_texts() -> Vec<String> {
    let mut paths = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/raw"),
        &mut paths,
    );
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
        .map(|t| t.trim_start_matches('\u{feff}').to_string())
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("corpus/raw").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every built-in rule, and a copy of each under another id: twice the rules to try per line.
fn doubled_rules() -> RuleSet {
    let mut set = RuleSet::builtin().expect("built-in rules");
    for (name, text) in RuleSet::builtin_files() {
        let Some(id_line) = text.lines().find(|l| l.starts_with("id = ")) else {
            continue;
        };
        let id = id_line.trim_start_matches("id = ").trim_matches('"');
        let copy = text.replacen(id_line, &format!("id = \"{id}-copy\""), 1);
        set.add_str(&format!("{name}-copy"), &copy)
            .expect("copied rule");
    }
    set
}

fn hostile_lines() -> Vec<(&'static str, String)> {
    vec![
        (
            "1 MB of commas after a URL",
            format!("见 https://example.com/a?x={}\n", ",".repeat(1_000_000)),
        ),
        (
            "200,000 nested brackets",
            format!("中文{}文字{}\n", "(".repeat(200_000), ")".repeat(200_000)),
        ),
        (
            "100,000 furniture words",
            format!("{}\n", "责任编辑 上一页 ".repeat(100_000)),
        ),
        (
            "10 MB line of Han",
            format!("{}\n", "汉".repeat(10_000_000 / 3)),
        ),
    ]
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
