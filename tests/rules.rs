//! Every rule file's `[[case]]`s, and idempotence of the whole rule set on generated text.

use doctidy::{CleanOptions, Cleaner, RuleSet};
use proptest::prelude::*;
use std::sync::LazyLock;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::new(
        RuleSet::builtin().expect("built-in rules load"),
        CleanOptions::for_files(),
    )
});

#[test]
fn every_builtin_rule_has_passing_cases() {
    // Through the binary, as a user runs it: every case passes, every rule has cases.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_doctidy"))
        .args(["rules", "test"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        !stdout.contains("WARN"),
        "rules without examples:\n{stdout}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    let rules: usize = last
        .rsplit(", ")
        .next()
        .unwrap()
        .trim_end_matches(" rules")
        .parse()
        .unwrap();
    assert!(passed >= 2 * rules, "{last}: too few cases per rule");
}

#[test]
fn rule_ids_are_unique() {
    let rules = RuleSet::builtin().unwrap();
    let mut ids: Vec<_> = rules.ids().collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len());
}

/// Pieces that exercise every rule's edges: furniture, punctuation in all contexts, spaces.
fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "中文",
        "新闻",
        "Hello",
        "3",
        "10:30",
        ",",
        ":",
        ";",
        "?",
        "!",
        "(",
        ")",
        "（",
        "）",
        "，",
        "“",
        "”",
        " ",
        "\u{a0}",
        "\u{3000}",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\u{200b}",
        "上一页 1 2 下一页",
        "责任编辑: 王五",
        "2019年03月12日 09:30 来源: 某网",
        "(未完待续)",
        "来源：某报",
        "http://a.cn/?x=1,2",
        "。",
        ".",
        "-",
        "—",
        "\u{0}",
        "\u{1a}",
        "\u{1b}[0m",
        "é",
        "©",
        "Ж",
        "한국",
        "かな",
    ])
    .prop_map(str::to_string)
}

proptest! {
    // 2,000 cases in CI; PROPTEST_CASES=100000 for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
    ))]
    #[test]
    fn cleaning_is_idempotent(pieces in prop::collection::vec(piece(), 0..40)) {
        // Through detection too: the output, read back as bytes, must decode to itself and
        // clean to itself (a cleaned NBSP or © must not be re-read as GBK).
        let cleaner = &*CLEANER;
        let text: String = pieces.concat();
        // Inputs the detector refuses (a NUL inside short ASCII reads as UTF-16) say nothing
        // about outputs.
        let decoded = cleaner.decode(text.as_bytes());
        prop_assume!(decoded.is_ok());
        let once = cleaner.clean_decoded(&decoded.unwrap());
        prop_assert!(once.converged, "did not converge on {:?}", text);
        let again = cleaner.decode(once.text.as_bytes()).unwrap();
        prop_assert_eq!(&again.text, &once.text, "re-read as {}", again.charset().name());
        // The output detects as what it is, sure of it, on the next run.
        prop_assert!(
            again.charset().is_utf8() && again.detection.confidence == doctidy::Confidence::High,
            "{:?} re-detected as {:?}", once.text, again.detection
        );
        let twice = cleaner.clean_decoded(&again);
        prop_assert_eq!(&twice.text, &once.text, "input {:?}", text);
        prop_assert!(twice.edits.is_empty(), "second pass edited: {:?}", twice.edits);
    }
}
