//! The labelled sets in `eval/` through the binary, for what must never happen: a body line of
//! a line set (`lines`, `lines-x`, `lines-z`, `lines-ab`, `lines-ad`, `lines-af`, `lines-ah`, `lines-aj`, `lines-al`, `lines-an`, `lines-ap`, `lines-ar`) removed, or a Chinese character of the body-only set cut. (How much furniture
//! goes is measured by `eval/score_lines.py` and `eval/score_inline.py`, not asserted here.)

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn eval_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("eval")
        .join(name)
}

/// Every edit `doctidy check --explain` reports on the files of `dir`.
fn edits(dir: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_doctidy"))
        .args(["check", "--format", "json", "--explain"])
        .arg(dir)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "edit")
        .collect()
}

fn han(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[test]
fn the_body_only_set_loses_no_chinese_character() {
    let lost: Vec<String> = edits(&eval_dir("body-only"))
        .iter()
        .filter(|e| han(text(&e["before"])) > han(text(&e["after"])))
        .map(|e| {
            format!(
                "{}:{} {}: {:?}",
                e["path"], e["line"], e["rule"], e["before"]
            )
        })
        .collect();
    assert!(lost.is_empty(), "body text cut:\n{}", lost.join("\n"));
}

#[test]
fn no_body_line_of_the_line_set_is_removed() {
    let temp = tempfile::tempdir().unwrap();
    let mut body = Vec::new();
    for (set, part) in [
        "lines", "lines-x", "lines-z", "lines-ab", "lines-ad", "lines-af", "lines-ah", "lines-aj",
        "lines-al", "lines-an", "lines-ap", "lines-ar", "lines-at", "lines-av", "lines-ax",
        "lines-bb", "lines-bd", "lines-bf", "lines-bh", "lines-bj", "lines-bl",
    ]
    .into_iter()
    .flat_map(|set| ["news", "other"].map(|part| (set, part)))
    {
        for entry in std::fs::read_dir(eval_dir(set).join(part)).unwrap() {
            let path = entry.unwrap().path();
            let labelled = std::fs::read_to_string(&path).unwrap();
            let name = format!(
                "{set}-{part}-{}",
                path.file_name().unwrap().to_string_lossy()
            );
            let mut raw = String::new();
            let mut page_body = Vec::new();
            for (i, line) in labelled.lines().filter(|l| !l.is_empty()).enumerate() {
                let (label, words) = line.split_once('|').expect("a B|, F| or E| label");
                if label == "B" {
                    page_body.push((name.clone(), i + 1, words.to_string()));
                }
                raw.push_str(if label == "E" { "" } else { words });
                raw.push('\n');
            }
            // A crawler's JSON record is refused as JSON (never cleaned as prose): nothing to see.
            if raw.trim_start().starts_with('{') {
                continue;
            }
            body.extend(page_body);
            std::fs::write(temp.path().join(&name), raw).unwrap();
        }
    }
    assert!(body.len() > 400, "{} body lines", body.len());
    let removed: Vec<(String, u64)> = edits(temp.path())
        .iter()
        .filter(|e| {
            e["column"] == 0 && text(&e["after"]).is_empty() && !text(&e["before"]).is_empty()
        })
        .map(|e| {
            let path = Path::new(text(&e["path"]));
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, e["line"].as_u64().unwrap())
        })
        .collect();
    assert!(
        !removed.is_empty(),
        "the line set's furniture is removed at all"
    );
    let lost: Vec<String> = body
        .iter()
        .filter(|(name, line, _)| removed.contains(&(name.clone(), *line as u64)))
        .map(|(name, line, words)| format!("{name}:{line}: {words}"))
        .collect();
    assert!(lost.is_empty(), "body lines removed:\n{}", lost.join("\n"));
}
