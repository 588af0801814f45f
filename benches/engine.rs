//! The rule engine in memory, one thread, with every built-in rule: MB/s on a ~30 MB
//! concatenation of the project's own corpus texts (one document, and the same texts as
//! separate documents, and the same texts once cleaned), the same with every furniture rule
//! loaded twice (the rule count the catalogue heads for), and
//! the time of each hostile line. Medians of `RUNS` runs (default 5).
//!
//! `cargo bench --bench engine` (add `-- --quick` for one run of each, `--no-hostile` to
//! leave out the hostile lines, a word such as `separate` to run only the workloads it names).

use doctidy::{CleanOptions, Cleaner, RuleSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// The size of the concatenation; `ENGINE_MB` sets another (a small one for instruction
/// counts under `valgrind --tool=callgrind`, where this machine's timings swing too much).
const TARGET_BYTES: usize = 30_000_000;

const ALREADY_CLEAN: &str = "separate documents, already clean";
const ONE_DOUBLED: &str = "one document, furniture rules doubled";
const SEPARATE_DOUBLED: &str = "separate documents, furniture rules doubled";

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
    let target = std::env::var("ENGINE_MB")
        .ok()
        .and_then(|m| m.parse::<f64>().ok())
        .map_or(TARGET_BYTES, |m| (m * 1e6) as usize);
    while size < target {
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
    // `-- NAME` runs only the workloads whose name holds NAME.
    let only: Option<String> = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--") && a != "--bench");
    let wants = |name: &str| only.as_ref().is_none_or(|o| name.contains(o.as_str()));
    // Built only for the workloads that use them: loading the doubled set takes seconds.
    let doubled = (wants(ONE_DOUBLED) || wants(SEPARATE_DOUBLED))
        .then(|| Cleaner::new(doubled_rules(), CleanOptions::default()));
    println!(
        "{} corpus texts, {:.1} MB; {} rules, {} with the furniture rules doubled; median of {runs}",
        texts.len(),
        mb,
        single.rules().rules().len(),
        doubled
            .as_ref()
            .map_or("(not loaded)".to_string(), |d| d.rules().rules().len().to_string())
    );
    // The same texts once cleaned: the path of a second run, or of `check` on clean files.
    let cleaned_docs: Vec<String> = match wants(ALREADY_CLEAN) {
        true => documents.iter().map(|d| single.clean(d).text).collect(),
        false => Vec::new(),
    };
    let cleaned_mb = cleaned_docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("| workload | MB | median s | MB/s |");
    println!("|---|---:|---:|---:|");
    let run = |name: &str, mb: f64, f: &dyn Fn()| {
        if !wants(name) {
            return;
        }
        let t = median(runs, f);
        println!(
            "| {name} | {mb:.1} | {:.3} | {:.1} |",
            t.as_secs_f64(),
            mb / t.as_secs_f64()
        );
    };
    let many = |c: &Cleaner, docs: &[String]| {
        for d in docs {
            std::hint::black_box(c.clean(d));
        }
    };
    run("one document, built-in rules", mb, &|| {
        std::hint::black_box(single.clean(&joined));
    });
    run("separate documents, built-in rules", mb, &|| {
        many(&single, &documents)
    });
    run(ALREADY_CLEAN, cleaned_mb, &|| many(&single, &cleaned_docs));
    // Pages no rule has seen: a lazy DFA builds its states as lines need them, so text the
    // repeated corpus texts above have already walked costs far less than new text does. Each
    // run takes new rules, lets them clean the corpus texts once, then times these pages.
    let pages = eval_pages();
    let pages_mb = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    if wants("unseen pages") {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let fresh = Cleaner::new(
                    RuleSet::builtin().expect("built-in rules"),
                    CleanOptions::default(),
                );
                for t in &texts {
                    std::hint::black_box(fresh.clean(t));
                }
                let t = Instant::now();
                many(&fresh, &pages);
                t.elapsed()
            })
            .collect();
        times.sort();
        let t = times[times.len() / 2].as_secs_f64();
        println!(
            "| unseen pages (eval sets), first pass | {pages_mb:.1} | {t:.3} | {:.1} |",
            pages_mb / t
        );
    }
    if let Some(doubled) = &doubled {
        run(ONE_DOUBLED, mb, &|| {
            std::hint::black_box(doubled.clean(&joined));
        });
        run(SEPARATE_DOUBLED, mb, &|| many(doubled, &documents));
    }

    if std::env::args().any(|a| a == "--no-hostile") {
        return;
    }
    println!();
    println!("| hostile line | size MB | median s |");
    println!("|---|---:|---:|");
    for (name, text) in hostile_lines() {
        let t = median(runs.min(3), &|| {
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

/// The labelled pages of `eval/` as their plain text (line labels `F|`/`B|`/`E|` and the
/// `⟦…⟧` marks of glued furniture taken off).
fn eval_pages() -> Vec<String> {
    let mut paths = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("eval"),
        &mut paths,
    );
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| {
            let labelled = ["F|", "B|", "E|"].iter().any(|l| t.starts_with(l));
            t.lines()
                .map(|l| if labelled { l.get(2..).unwrap_or(l) } else { l })
                .map(|l| l.replace(['⟦', '⟧'], ""))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every built-in rule, and a copy of each furniture rule under another id: the rule count
/// the catalogue issue heads for, as a worst case for the prefilter (a copy needs the same
/// literals as its original, so it is tried on every line the original is).
fn doubled_rules() -> RuleSet {
    let mut set = RuleSet::builtin().expect("built-in rules");
    let furniture: Vec<String> = set
        .rules()
        .iter()
        .filter(|r| r.category() == "furniture")
        .map(|r| r.id().to_string())
        .collect();
    for (name, text) in RuleSet::builtin_files() {
        let Some(id_line) = text.lines().find(|l| l.starts_with("id = ")) else {
            continue;
        };
        let id = id_line.trim_start_matches("id = ").trim_matches('"');
        if !furniture.iter().any(|f| f == id) {
            continue;
        }
        let copy = text.replacen(id_line, &format!("id = \"{id}-copy\""), 1);
        set.add_str(&format!("{name}-copy"), &copy)
            .expect("copied rule");
    }
    set
}

/// Hostile inputs: single lines, and one document (a long forum thread).
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
            "a 5 MB thread of 50,000 posts that quote nothing",
            (0..50_000)
                .map(|i| {
                    format!("网友{i} 发表于 2026-9-14 20:41\n这是第{i}条回复，内容各不相同，没有引用任何人。\n")
                })
                .collect(),
        ),
        (
            "10 MB line of Han",
            format!("{}\n", "汉".repeat(10_000_000 / 3)),
        ),
    ]
}

fn median(runs: usize, f: &dyn Fn()) -> Duration {
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
