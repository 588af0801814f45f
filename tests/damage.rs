//! The damage set (see `damage/mod.rs`) through the library and the real binary: every clean
//! file must decode right, and no damaged file may be written as mojibake. A damaged file is
//! either refused (exit 2, an error naming the file and the byte) or decoded to its text
//! except a few characters at the damage (a stray byte that forms a valid character: no
//! decoder can see that).
//!
//! The library's `detect` + `decode` give the verdict, since they compare the decoded text
//! before any rule touches it; one run of `doctidy clean --out` and one of `doctidy detect
//! --format json` over the whole set must agree with them file by file.
//!
//! `cargo test --test damage -- --nocapture` prints the table of verdicts;
//! `DAMAGE_DIR=dir` keeps the set (`dir/in`), the cleaned copies (`dir/out`) and each file's
//! verdict and detection (`dir/verdicts.tsv`, to compare two detectors with `diff`).

#[path = "damage/mod.rs"]
mod set;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use doctidy::encoding::{decode, detect, DecodeError, Detection};
use doctidy::{CleanOptions, Cleaner, RuleSet};
use set::{truncate, Enc, Kind, Variant};

/// A decoding that differs from the text in at most this many characters on each side, in one
/// place starting at most this far from the damage, is near: a stray byte that formed a
/// character, a dropped byte that merged into a neighbour.
const NEAR: usize = 3;

/// The bar: at most this share of the ten-character GBK and Big5 slices with a stray
/// byte may be mojibake (too little text to tell a stray byte from a rare character).
const SLICE_MOJIBAKE_PERCENT: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Right,
    Near,
    Refused,
    Mojibake,
}

/// What the library made of one variant.
struct Outcome<'a> {
    v: &'a Variant,
    det: Detection,
    decoded: Result<String, DecodeError>,
    verdict: Verdict,
}

fn classify(v: &Variant) -> Outcome<'_> {
    let det = detect(&v.bytes);
    let decoded = decode(&v.bytes, &det);
    let verdict = match &decoded {
        Err(_) => Verdict::Refused,
        Ok(t) if *t == v.original => Verdict::Right,
        Ok(t) if near(t, &v.original, v.spot) => Verdict::Near,
        Ok(_) => Verdict::Mojibake,
    };
    Outcome {
        v,
        det,
        decoded,
        verdict,
    }
}

/// `decoded` is `original` except for at most [`NEAR`] characters in one place near `spot`.
fn near(decoded: &str, original: &str, spot: usize) -> bool {
    let a: Vec<char> = original.chars().collect();
    let b: Vec<char> = decoded.chars().collect();
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let s = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (da, db) = (a.len() - p - s, b.len() - p - s);
    da <= NEAR && db <= NEAR && p + NEAR >= spot && p <= spot + NEAR
}

/// The set is the same on every run, sized as planned, and says the truth about itself: each
/// clean variant is its text in its encoding, each damaged one differs from every clean one.
#[test]
fn the_set_is_deterministic_and_well_formed() {
    let t0 = Instant::now();
    let set = set::generate();
    let took = t0.elapsed();
    assert_eq!(set, set::generate());
    assert!(set.len() > 2000, "only {} variants", set.len());
    let mut paths: Vec<&str> = set.iter().map(|v| v.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), set.len(), "two variants share a path");
    let clean: std::collections::HashSet<&[u8]> = set
        .iter()
        .filter(|v| !v.kind.damaged())
        .map(|v| &v.bytes[..])
        .collect();
    for v in &set {
        if v.kind.damaged() {
            assert!(!clean.contains(&v.bytes[..]), "{} is not damaged", v.path);
            assert!(v.spot <= v.original.chars().count(), "{}", v.path);
        } else {
            let (text, malformed) = v.enc.rs().decode_without_bom_handling(&v.bytes);
            assert!(!malformed && text == v.original, "{}", v.path);
        }
    }
    for enc in [Enc::Utf8, Enc::Gbk, Enc::Big5] {
        for kind in [Kind::Clean, Kind::Stray, Kind::SliceStray] {
            let n = set
                .iter()
                .filter(|v| v.enc == enc && v.kind == kind)
                .count();
            assert!(n >= 10, "{} {}: {n}", enc.name(), kind.name());
        }
    }
    eprintln!("{} variants generated in {took:.0?}", set.len());
}

#[test]
fn no_damaged_file_is_written_as_mojibake() {
    let t0 = Instant::now();
    let set = set::generate();
    let generated = t0.elapsed();

    let t0 = Instant::now();
    let outcomes: Vec<Outcome> = set.iter().map(classify).collect();
    let classified = t0.elapsed();

    let kept = std::env::var_os("DAMAGE_DIR");
    let temp = tempfile::tempdir().unwrap();
    let root = kept.as_deref().map_or(temp.path(), Path::new);
    let (input, output) = (root.join("in"), root.join("out"));
    for dir in [&input, &output] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
    set::write(&set, &input);

    if kept.is_some() {
        std::fs::write(root.join("verdicts.tsv"), verdicts_tsv(&outcomes)).unwrap();
    }

    let mut failures = Vec::new();
    let t0 = Instant::now();
    failures.extend(binary_disagreements(&outcomes, &input, &output));
    let through_binary = t0.elapsed();

    println!(
        "damage set: {} variants, generated in {generated:.0?}, classified by the library in \
         {classified:.0?}, run through the binary (clean --out, detect --format json) in \
         {through_binary:.0?}",
        set.len()
    );
    println!("{}", table(&outcomes));
    println!("{}", examples(&outcomes, Verdict::Near, 1));
    println!("{}", examples(&outcomes, Verdict::Mojibake, 2));

    for o in &outcomes {
        if !o.v.kind.damaged() && o.verdict != Verdict::Right {
            failures.push(format!("clean file {:?}: {}", o.verdict, o.v.path));
        }
    }
    for ((enc, kind), counts) in counts(&outcomes) {
        let total: usize = counts.values().sum();
        let bad = counts.get(&Verdict::Mojibake).copied().unwrap_or(0);
        let allowed = if kind == Kind::SliceStray && matches!(enc, Enc::Gbk | Enc::Big5) {
            total * SLICE_MOJIBAKE_PERCENT / 100
        } else {
            0
        };
        if kind.damaged() && bad > allowed {
            failures.push(format!(
                "{} {}: {bad} of {total} written as mojibake (at most {allowed} allowed)",
                enc.name(),
                kind.name()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Run the binary once over the set and list every file where it did not do what the library
/// says: a refused file must have no output, an error naming it and its byte on stderr and in
/// `detect`'s JSON, and exit code 2; a written file must be the library's decoding, cleaned,
/// and `detect` must report the library's encoding.
fn binary_disagreements(outcomes: &[Outcome], input: &Path, output: &Path) -> Vec<String> {
    let bin = env!("CARGO_BIN_EXE_doctidy");
    let cleaner = Cleaner::new(RuleSet::builtin().unwrap(), CleanOptions::for_files());
    let mut wrong = Vec::new();
    let refused = outcomes.iter().any(|o| o.decoded.is_err());
    let want_code = if refused { 2 } else { 0 };

    let clean = Command::new(bin)
        .arg("clean")
        .arg(input)
        .arg("--out")
        .arg(output)
        .arg("-q")
        .output()
        .unwrap();
    if clean.status.code() != Some(want_code) {
        wrong.push(format!("doctidy clean exited {:?}", clean.status.code()));
    }
    let stderr = String::from_utf8_lossy(&clean.stderr);
    let errors: BTreeMap<String, &str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .filter_map(|l| {
            let rest = l.strip_prefix(input.to_str()?)?.strip_prefix('/')?;
            let (path, message) = rest.split_once(": ")?;
            Some((path.to_owned(), message))
        })
        .collect();

    let detect = Command::new(bin)
        .args(["detect", "--format", "json", "-q"])
        .arg(input)
        .output()
        .unwrap();
    if detect.status.code() != Some(want_code) {
        wrong.push(format!("doctidy detect exited {:?}", detect.status.code()));
    }
    let mut records = BTreeMap::new();
    for line in String::from_utf8(detect.stdout).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(path) = r["path"].as_str() {
            let rel = Path::new(path).strip_prefix(input).unwrap();
            records.insert(rel.to_string_lossy().replace('\\', "/"), r);
        }
    }

    for o in outcomes {
        let path = &o.v.path;
        let written = std::fs::read(output.join(path)).ok();
        let record = &records.get(path.as_str());
        match (&o.decoded, written) {
            (Err(_), Some(_)) => wrong.push(format!("{path}: refused by the library, written")),
            (Err(_), None) => {
                let says = |m: &str| m.contains("cannot decode") && m.contains(" at byte ");
                if !errors.get(path).is_some_and(|m| says(m)) {
                    wrong.push(format!("{path}: refused without an error naming it"));
                }
                // detect gives every file a record; an undecodable one carries the error.
                if !record
                    .is_some_and(|r| r["type"] == "file" && says(r["error"].as_str().unwrap_or("")))
                {
                    wrong.push(format!("{path}: detect does not report it refused"));
                }
            }
            (Ok(_), None) => wrong.push(format!("{path}: decoded by the library, not written")),
            (Ok(_), Some(bytes)) => {
                let decoded = cleaner.decode(&o.v.bytes).unwrap();
                if bytes != cleaner.clean_decoded(&decoded).text.as_bytes() {
                    wrong.push(format!(
                        "{path}: written text is not the library's decoding"
                    ));
                }
                if !record.is_some_and(|r| r["encoding"] == o.det.charset.name()) {
                    wrong.push(format!(
                        "{path}: detect disagrees with the library: {record:?}"
                    ));
                }
            }
        }
    }
    wrong
}

/// One line per file: path, verdict, detected encoding, reason, confidence, what was done.
fn verdicts_tsv(outcomes: &[Outcome]) -> String {
    let mut out = String::from("path\tverdict\tencoding\treason\tconfidence\tdamage\n");
    for o in outcomes {
        out += &format!(
            "{}\t{:?}\t{}\t{}\t{}\t{}\n",
            o.v.path,
            o.verdict,
            o.det.charset.name(),
            o.det.reason.as_str(),
            o.det.confidence.as_str(),
            o.v.note
        );
    }
    out
}

/// Verdict counts per encoding and kind.
fn counts(outcomes: &[Outcome]) -> BTreeMap<(Enc, Kind), BTreeMap<Verdict, usize>> {
    let mut counts: BTreeMap<(Enc, Kind), BTreeMap<Verdict, usize>> = BTreeMap::new();
    for o in outcomes {
        *counts
            .entry((o.v.enc, o.v.kind))
            .or_default()
            .entry(o.verdict)
            .or_default() += 1;
    }
    counts
}

/// The table: one row per encoding and kind, one column per verdict, then the totals.
fn table(outcomes: &[Outcome]) -> String {
    let mut out = format!(
        "{:<7} {:<12} {:>6} {:>6} {:>6} {:>8} {:>9}\n",
        "enc", "kind", "total", "right", "near", "refused", "mojibake"
    );
    let mut all = BTreeMap::new();
    let row = |enc: &str, kind: &str, c: &BTreeMap<Verdict, usize>| {
        let n = |v| c.get(&v).copied().unwrap_or(0);
        format!(
            "{enc:<7} {kind:<12} {:>6} {:>6} {:>6} {:>8} {:>9}\n",
            c.values().sum::<usize>(),
            n(Verdict::Right),
            n(Verdict::Near),
            n(Verdict::Refused),
            n(Verdict::Mojibake)
        )
    };
    for ((enc, kind), c) in counts(outcomes) {
        out += &row(enc.name(), kind.name(), &c);
        for (v, n) in c {
            *all.entry(v).or_insert(0) += n;
        }
    }
    out + &row("all", "", &all)
}

/// The encodings files with `verdict` were decoded as, and up to `per_row` of them per
/// encoding and kind: what was done to the bytes, what the detector said, the text around the
/// damage.
fn examples(outcomes: &[Outcome], verdict: Verdict, per_row: usize) -> String {
    let found: Vec<&Outcome> = outcomes.iter().filter(|o| o.verdict == verdict).collect();
    if found.is_empty() {
        return format!("no {verdict:?}");
    }
    let mut read_as: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &found {
        *read_as.entry(o.det.charset.name()).or_default() += 1;
    }
    let mut out = format!("{verdict:?} decoded as {read_as:?}; examples:\n");
    for enc in Enc::ALL {
        for kind in Kind::ALL {
            let rows = found.iter().filter(|o| o.v.enc == enc && o.v.kind == kind);
            for o in rows.take(per_row) {
                let text = o.decoded.as_ref().unwrap();
                let from = o.v.spot.saturating_sub(4);
                let around: String = text.chars().skip(from).take(12).collect();
                let was: String = o.v.original.chars().skip(from).take(12).collect();
                out += &format!(
                    "  {}  {}\n      -> {} ({}, {}): {:?} for {:?}\n",
                    o.v.path,
                    o.v.note,
                    o.det.charset.name(),
                    o.det.reason.as_str(),
                    o.det.confidence.as_str(),
                    truncate(&around, 12),
                    truncate(&was, 12)
                );
            }
        }
    }
    out
}
