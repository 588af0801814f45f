//! The precision probe: every file in `tests/probe/` holds ordinary body lines that a careless
//! furniture rule would take for page furniture (sub-heads, list items, line-ups, score rows,
//! signatures, sentences that mention 分享, 举报, 公众号, 来源 ...). Cleaned through the real binary,
//! no line may be dropped or cut by a furniture rule; whitespace, text and punctuation rules may
//! still normalize them.

mod common;

use common::{bin, repo_path};
use std::collections::BTreeSet;
use std::process::{Command, Stdio};

/// Guard against a probe that silently checks nothing.
const MIN_PROBE_LINES: usize = 260;

/// The categories whose edits keep every line: layout, characters and punctuation.
const HARMLESS: [&str; 4] = ["whitespace", "text", "punctuation", "protect"];

/// The ids of the furniture rules: every rule whose category in `doctidy rules list` is not
/// harmless.
fn furniture_rules() -> BTreeSet<String> {
    let out = Command::new(bin())
        .args(["rules", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    let mut ids = BTreeSet::new();
    for line in list.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() >= 3 && !HARMLESS.contains(&cols[2]) {
            ids.insert(cols[0].to_string());
        }
    }
    assert!(ids.len() >= 10, "too few furniture rules parsed:\n{list}");
    ids
}

/// `doctidy clean - --explain` on `text`: the explanation lines (stderr).
fn explain(text: &str) -> String {
    let mut child = Command::new(bin())
        .args(["clean", "-", "--explain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn every_probe_body_line_survives() {
    let furniture = furniture_rules();
    let dir = repo_path("tests/probe");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no probe files in {}", dir.display());
    let mut lines = 0;
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        lines += text.lines().filter(|l| !l.trim().is_empty()).count();
        for edit in explain(&text).lines() {
            // `<stdin>:LINE[:COL]: RULE: what changed`
            let Some(rule) = edit
                .split(": ")
                .nth(1)
                .map(|r| r.trim())
                .filter(|r| !r.contains(' '))
            else {
                continue;
            };
            if furniture.contains(rule) {
                problems.push(format!("{}: {edit}", file.display()));
            }
        }
    }
    assert!(
        lines >= MIN_PROBE_LINES,
        "only {lines} probe lines in {}",
        dir.display()
    );
    assert!(
        problems.is_empty(),
        "furniture rules touched body lines:\n{}",
        problems.join("\n")
    );
}
