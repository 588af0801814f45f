//! Every rule file's `[[case]]`s, and idempotence of the whole rule set on generated text.

use doctidy::rules::RuleSet;
use proptest::prelude::*;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in rules load"));

#[test]
fn every_builtin_rule_has_passing_cases() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let report = rules.test_cases();
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| {
            format!(
                "{} case {}: input {:?}\n  expected {:?}\n  got      {:?}",
                f.rule, f.index, f.input, f.expected, f.actual
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        report.without_cases.is_empty(),
        "rules without examples: {:?}",
        report.without_cases
    );
    assert!(
        report.passed >= rules.rules().len(),
        "{} cases for {} rules",
        report.passed,
        rules.rules().len()
    );
}

#[test]
fn rule_ids_are_unique() {
    let rules = RuleSet::builtin().unwrap();
    let mut ids: Vec<_> = rules.rules().iter().map(|r| r.id.to_string()).collect();
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
        let rules = &*RULES;
        let text: String = pieces.concat();
        let decoded = doctidy::decode(text.as_bytes(), None).unwrap();
        let once = doctidy::clean(&decoded, rules, doctidy::Target::Utf8);
        let again = doctidy::decode(once.text.as_bytes(), None).unwrap();
        prop_assert_eq!(&again.text, &once.text, "re-read as {}", again.charset().name());
        let twice = doctidy::clean(&again, rules, doctidy::Target::Utf8);
        prop_assert_eq!(&twice.text, &once.text, "input {:?}", text);
        prop_assert!(twice.edits.is_empty(), "second pass edited: {:?}", twice.edits);
    }
}
