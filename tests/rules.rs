//! Every rule file's `[[case]]`s, its size (patterns short enough to read), and idempotence of the
//! whole rule set on generated text.

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

/// The worked example in rules/README.md is the tested file under examples/site-rules.
#[test]
fn readme_worked_example_is_the_tested_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("rules/README.md")).unwrap();
    let file =
        std::fs::read_to_string(root.join("examples/site-rules/30-landaily-picks.toml")).unwrap();
    let block = format!("```toml\n{file}```");
    assert!(
        readme.contains(&block),
        "rules/README.md's worked example differs from examples/site-rules/30-landaily-picks.toml"
    );
}

/// A rule that strips a marker inside lines runs after the rule that drops the whole line the
/// marker stands on, and says so (`after`), so the line is named for what it is.
#[test]
fn inline_strippers_run_after_their_whole_line_rules() {
    let set = doctidy::RuleSet::builtin().unwrap();
    let ids: Vec<&str> = set.ids().collect();
    for (name, text) in doctidy::RuleSet::builtin_files() {
        let table: toml::Table = toml::from_str(text).unwrap();
        let Some(id) = table.get("id").and_then(|i| i.as_str()) else {
            continue; // a fragment file
        };
        if !id.ends_with("-inline") {
            continue;
        }
        let after = table
            .get("after")
            .and_then(|a| a.as_array())
            .unwrap_or_else(|| panic!("{name}: an inline rule needs `after`"));
        for line_rule in after {
            let line_rule = line_rule.as_str().unwrap();
            let (a, b) = (
                ids.iter().position(|i| *i == line_rule),
                ids.iter().position(|i| *i == id),
            );
            assert!(
                a.is_some() && a < b,
                "{name}: {line_rule} must run before {id}"
            );
        }
    }
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

/// A rule file's patterns and fragments, summed before fragments are expanded, stay under this
/// many bytes: a reader takes a rule in at one look, and a long list shared by several rules goes
/// to `rules/_fragments.toml` once.
const MAX_PATTERN_BYTES: usize = 2048;
/// No line of a pattern or a fragment is longer than this: split a long alternation or class
/// over lines in a verbose (`(?x)`) pattern or fragment.
const MAX_LINE_CHARS: usize = 200;

/// The keys of a rule file that hold prose or examples, not rule text: everything else (patterns,
/// `unless` exceptions, `needs` literals, replacement templates, `after` lists, fragments, the
/// keys of item and line shapes) is what a reader reads to know what the rule does.
const PROSE_KEYS: [&str; 4] = ["id", "description", "kind", "case"];

/// The rule text of a rule file, each with the key it is under (`patterns[2]`, `item.pattern`,
/// `fragments.name`): every string under every key but [`PROSE_KEYS`], in file order.
fn pattern_texts(rule: &toml::Table) -> Vec<(String, String)> {
    fn strings(key: String, value: &toml::Value, out: &mut Vec<(String, String)>) {
        match value {
            toml::Value::String(s) => out.push((key, s.clone())),
            toml::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    strings(format!("{key}[{i}]"), item, out);
                }
            }
            toml::Value::Table(table) => {
                for (name, value) in table {
                    strings(format!("{key}.{name}"), value, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (key, value) in rule {
        if !PROSE_KEYS.contains(&key.as_str()) {
            strings(key.clone(), value, &mut out);
        }
    }
    out
}

#[test]
fn rule_files_are_short_enough_to_read() {
    let mut problems = Vec::new();
    let mut fragment_files = 0;
    for (name, text) in RuleSet::builtin_files() {
        let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let long_line = |key: &str, text: &str, problems: &mut Vec<String>| {
            for (i, line) in text.lines().enumerate() {
                let chars = line.chars().count();
                if chars > MAX_LINE_CHARS {
                    problems.push(format!(
                        "{name}: {key}, line {}: {chars} characters, more than {MAX_LINE_CHARS}",
                        i + 1
                    ));
                }
            }
        };
        if name.starts_with('_') {
            // A shared fragment file: every line, values and comments alike.
            fragment_files += 1;
            long_line("the file", text, &mut problems);
            continue;
        }
        let texts = pattern_texts(&table);
        let total: usize = texts.iter().map(|(_, text)| text.len()).sum();
        if total > MAX_PATTERN_BYTES {
            let mut sizes: Vec<(usize, &str)> = texts
                .iter()
                .map(|(key, text)| (text.len(), key.as_str()))
                .collect();
            sizes.sort_unstable_by(|a, b| b.cmp(a));
            let largest: Vec<String> = sizes
                .iter()
                .take(3)
                .map(|(bytes, key)| format!("{key} {bytes}"))
                .collect();
            problems.push(format!(
                "{name}: patterns and fragments hold {total} bytes, more than {MAX_PATTERN_BYTES} \
                 (largest: {}); move what other rules repeat to _fragments.toml",
                largest.join(", ")
            ));
        }
        for (key, text) in &texts {
            long_line(key, text, &mut problems);
        }
    }
    assert!(
        fragment_files > 0,
        "no built-in fragment file (_fragments.toml)"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pattern_texts_finds_every_pattern_key() {
    let rule: toml::Table = toml::from_str(
        "id = 'r'\ndescription = 'not a pattern'\nkind = 'replace'\n\
         pattern = 'a'\npatterns = ['bb', 'ccc']\nreplace = '$x'\nafter = ['other']\n\
         item = { pattern = 'h', max_chars = 3, unless = 'v' }\n\
         [fragments]\nname = 'jj'\n[[case]]\ninput = 'x'\nexpected = ''\n",
    )
    .unwrap();
    let mut keys: Vec<String> = pattern_texts(&rule).into_iter().map(|(k, _)| k).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "after[0]",
            "fragments.name",
            "item.pattern",
            "item.unless",
            "pattern",
            "patterns[0]",
            "patterns[1]",
            "replace",
        ]
    );
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

/// The message of loading a `drop-block` rule with `trigger`, an item `b` and `keys`, which must
/// be refused.
fn block_rule_refusal(trigger: &str, keys: &str) -> String {
    let toml = format!(
        "id = \"x\"\ndescription = \"x\"\nkind = \"drop-block\"\ntrigger = {trigger}\nitem = {{ pattern = 'b' }}\n{keys}[[case]]\ninput = \"a\\nb\\n\"\nexpected = \"\"\n"
    );
    RuleSet::from_files(&[("99-x.toml", toml.as_str())])
        .err()
        .unwrap_or_else(|| panic!("{keys} loaded"))
        .to_string()
}

/// `stop = "required"` and `keep_items` say what ends a block and what of it goes, and
/// `page_has_above` where the page's mark stands; without the `required_item` or `page_has`
/// they are about, loading refuses them with a message naming the key.
#[test]
fn block_keys_that_need_a_required_item_are_refused_without_one() {
    for (key, said) in [
        (
            "stop = \"required\"",
            "stop = \"required\" needs `required_item`",
        ),
        ("keep_items = true", "`keep_items` needs `required_item`"),
        ("page_has_above = true", "`page_has_above` needs `page_has`"),
    ] {
        let err = block_rule_refusal("'a'", &format!("{key}\n"));
        assert!(err.contains(said), "{key}: {err}");
    }
}

/// `drop_between` takes the lines between a title bar and its heading: only with
/// `repeats = "title"`, and only for a bar whose trigger names the site (`site` group), so a
/// headline shaped like a bar never takes the lines under it.
#[test]
fn drop_between_needs_a_title_bar_that_names_its_site() {
    for (trigger, extra, said) in [
        ("'a'", "", "`drop_between` needs repeats = \"title\""),
        (
            "'(?P<title>a+)_b'",
            "repeats = \"title\"\n",
            "`drop_between` needs a `(?P<site>…)` group",
        ),
    ] {
        let err = block_rule_refusal(trigger, &format!("{extra}drop_between = true\n"));
        assert!(err.contains(said), "{trigger}: {err}");
    }
}
