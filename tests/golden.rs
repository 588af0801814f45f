//! The golden corpus: `corpus/raw/X` must clean to `corpus/expected/X` byte for byte, through
//! the real binary; cleaning the expected output again must change nothing.

mod common;

use common::{clean_out, cmd, read_tree, repo_path};

/// Guard against a suite that silently compares nothing (rustfmt does the same).
const MIN_GOLDEN_FILES: usize = 12;

#[test]
fn raw_corpus_cleans_to_expected() {
    let raw = repo_path("corpus/raw");
    let expected = read_tree(&repo_path("corpus/expected"));
    assert!(
        expected.len() >= MIN_GOLDEN_FILES,
        "only {} golden files",
        expected.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    clean_out(&raw, &out).arg("-q").assert().code(0);
    let got = read_tree(&out);
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&got),
        names(&expected),
        "every raw file has a golden twin"
    );
    let mut mismatches = Vec::new();
    for ((name, got), (_, want)) in got.iter().zip(&expected) {
        if got != want {
            mismatches.push(format!("{name}:\n{}", first_difference(want, got)));
        }
    }
    assert!(
        mismatches.is_empty(),
        "cleaned output differs from corpus/expected:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn expected_corpus_is_a_fixed_point() {
    let expected = repo_path("corpus/expected");
    assert!(read_tree(&expected).len() >= MIN_GOLDEN_FILES);
    cmd()
        .arg("check")
        .arg(&expected)
        .assert()
        .code(0)
        .stdout_eq("");
}

#[test]
fn raw_corpus_needs_cleaning() {
    cmd()
        .arg("check")
        .arg(repo_path("corpus/raw"))
        .arg("-q")
        .assert()
        .code(1);
}

/// The first line where two files differ, for the failure message.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let mut lines = want.lines().zip(got.lines()).enumerate();
    match lines.find(|(_, (w, g))| w != g) {
        Some((i, (w, g))) => format!("line {}:\n  want {w:?}\n  got  {g:?}", i + 1),
        None => format!(
            "one is a prefix of the other ({} vs {} lines)",
            want.lines().count(),
            got.lines().count()
        ),
    }
}
