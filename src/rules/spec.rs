//! The TOML schema of a rule file (`rules/NN-name.toml`; `rules/README.md` documents it).
//! Every rule has `id`, `description`, `kind` and `[[case]]`s; the other keys depend on the kind,
//! one [`KindSpec`] variant per kind. A key the rule's kind does not use is an error naming the
//! key and the keys the kind takes, so a typo, or a key copied from another kind of rule, fails
//! loudly instead of being silently ignored.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::{Table, Value};

/// One rule file.
#[derive(Debug)]
pub(crate) struct RuleSpec {
    pub id: String,
    pub description: String,
    pub kind: KindSpec,
    pub cases: Vec<CaseSpec>,
    /// The rule's own named fragments (`[fragments]`), besides the shared ones.
    pub fragments: BTreeMap<String, String>,
    /// What the rule is about, for `rules list` (`furniture`, `punctuation`, ...).
    pub category: Option<String>,
    /// Ids of rules this one must run after (checked when the set is loaded).
    pub after: Vec<String>,
}

/// The keys of every rule, whatever its kind (`case` is the `[[case]]` array).
pub(crate) const COMMON_KEYS: &[&str] = &[
    "id",
    "description",
    "kind",
    "case",
    "fragments",
    "category",
    "after",
];

/// Every kind as written in `kind = "..."`, with the keys it takes besides [`COMMON_KEYS`]: the
/// variants of [`KindSpec`] and their fields (a test keeps the two in step).
pub(crate) const KINDS: &[(&str, &[&str])] = &[
    (
        "drop-line",
        &[
            "pattern",
            "patterns",
            "needs",
            "traditional",
            "zone",
            "zone_lines",
            "max_chars",
            "min_chars",
            "han_ratio",
            "symbol_ratio",
            "ends_with_sentence_punct",
            "no_han_outside_quotes",
            "is_link_list",
        ],
    ),
    (
        "replace",
        &[
            "pattern",
            "patterns",
            "needs",
            "traditional",
            "replace",
            "zone",
            "zone_lines",
        ],
    ),
    (
        "drop-block",
        &[
            "trigger",
            "item",
            "above",
            "stop",
            "gap",
            "drop_trigger",
            "min_items",
            "max_items",
            "keep_last",
            "repeats",
            "traditional",
            "zone",
            "zone_lines",
        ],
    ),
    ("drop-tail", &["body", "item", "max_group_lines", "gap"]),
    (
        "protect",
        &["fences", "indented_code", "keep_lines", "keep_between"],
    ),
    ("cjk-punctuation", &["map", "brackets"]),
    ("unicode-nfc", &[]),
    ("html-entities", &[]),
    ("strip-indent", &[]),
    ("trailing-whitespace", &[]),
    ("blank-lines", &[]),
    ("final-newline", &[]),
];

/// `kind` and the keys that depend on it. serde refuses unknown keys here too
/// (`deny_unknown_fields`), but [`RuleSpec::parse`] checks them first, for a message that names
/// the rule and the keys its kind takes.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum KindSpec {
    /// Drop every line that matches as a whole: the patterns (any of them), if given, and
    /// every predicate given.
    DropLine {
        /// Regular expressions (Rust `regex` syntax); several patterns are alternatives.
        #[serde(default)]
        pattern: Option<String>,
        #[serde(default)]
        patterns: Vec<String>,
        /// Literals one of which every match holds, for the prefilter (found from the pattern
        /// when not given).
        #[serde(default)]
        needs: Option<Vec<String>>,
        /// Also match the other forms of the patterns' characters, traditional for simplified
        /// and simplified for traditional (`责任编辑` → `責任編輯`, see
        /// `chars::with_traditional`); on by default.
        #[serde(default = "yes")]
        traditional: bool,
        /// Where in the document the line must be.
        #[serde(default)]
        zone: ZoneSpec,
        /// With `zone = "top"` or `"bottom"`: how many content lines from that end (5 if
        /// not given).
        #[serde(default)]
        zone_lines: Option<usize>,
        #[serde(default)]
        max_chars: Option<usize>,
        #[serde(default)]
        min_chars: Option<usize>,
        #[serde(default)]
        han_ratio: Option<Ratio>,
        #[serde(default)]
        symbol_ratio: Option<Ratio>,
        #[serde(default)]
        ends_with_sentence_punct: Option<bool>,
        #[serde(default)]
        no_han_outside_quotes: Option<bool>,
        #[serde(default)]
        is_link_list: Option<bool>,
    },
    /// Replace every match of the patterns inside each line (of the zone).
    Replace {
        #[serde(default)]
        pattern: Option<String>,
        #[serde(default)]
        patterns: Vec<String>,
        #[serde(default)]
        needs: Option<Vec<String>>,
        #[serde(default = "yes")]
        traditional: bool,
        /// The replacement template (`$1`, `${name}`).
        replace: String,
        #[serde(default)]
        zone: ZoneSpec,
        #[serde(default)]
        zone_lines: Option<usize>,
    },
    /// Drop a trigger line (a heading such as `相关阅读`) and the lines of the item shape
    /// after it, up to the stop condition.
    DropBlock {
        /// The trigger line's pattern (matched as a whole line).
        trigger: String,
        /// The shape of the lines the block consists of.
        item: Shape,
        /// The shape of a line directly above the trigger that goes with the block when an item
        /// repeats it (a poster's name over the rank box, named again in the post stamp).
        #[serde(default)]
        above: Option<Shape>,
        #[serde(default)]
        stop: StopSpec,
        /// With `stop = "gap"`: this many blank lines in a row end the block (1 if not given).
        #[serde(default)]
        gap: Option<usize>,
        /// Drop the trigger line too (default).
        #[serde(default = "yes")]
        drop_trigger: bool,
        /// Fewer items than this after the trigger: no block (1 if not given).
        #[serde(default)]
        min_items: Option<usize>,
        /// At most this many items (20 if not given).
        #[serde(default)]
        max_items: Option<usize>,
        /// Keep the last item when more text follows the block: a plain list's last line may be
        /// the sub-head of the next section (false if not given).
        #[serde(default)]
        keep_last: bool,
        /// Every item must repeat what stands earlier in the document (a quoted post, a title
        /// printed twice).
        #[serde(default)]
        repeats: Option<RepeatSpec>,
        #[serde(default = "yes")]
        traditional: bool,
        /// Where the trigger must be.
        #[serde(default)]
        zone: ZoneSpec,
        #[serde(default)]
        zone_lines: Option<usize>,
    },
    /// After the last line of the body shape, drop the small groups of item-shaped lines that
    /// blank lines set apart (end-of-page leftovers).
    DropTail {
        /// What a body line looks like; the tail starts after the last one.
        body: Shape,
        /// What every line of a dropped group looks like.
        item: Shape,
        /// A group of more lines than this is kept (3 if not given).
        #[serde(default)]
        max_group_lines: Option<usize>,
        /// Blank lines that must set a group apart from what comes before it (1 if not given).
        #[serde(default)]
        gap: Option<usize>,
    },
    /// Lines no other rule may change or drop: fenced code, indented code without Chinese
    /// prose, lines a user marks.
    Protect {
        /// Markdown code fences (``` or ~~~) and the lines between them.
        #[serde(default)]
        fences: bool,
        /// Blocks indented by four spaces or a tab, after a blank line, with no Han outside
        /// string literals and comments.
        #[serde(default)]
        indented_code: bool,
        /// Lines matching this pattern.
        #[serde(default)]
        keep_lines: Option<String>,
        /// `[begin, end]` patterns: the lines from a begin line to the next end line.
        #[serde(default)]
        keep_between: Option<[String; 2]>,
    },
    /// Half-width punctuation next to CJK text becomes full-width.
    CjkPunctuation {
        /// ASCII mark → its full-width form.
        #[serde(default)]
        map: BTreeMap<String, String>,
        /// Bracket pairs converted together, `[open, close, full_open, full_close]`.
        #[serde(default)]
        brackets: Vec<[String; 4]>,
    },
    // The kinds without parameters are empty struct variants, not unit variants: serde lets a
    // unit variant of an internally tagged enum ignore any other key, deny_unknown_fields or not.
    UnicodeNfc {},
    HtmlEntities {},
    StripIndent {},
    TrailingWhitespace {},
    BlankLines {},
    FinalNewline {},
}

fn yes() -> bool {
    true
}

/// A line shape: a pattern (any of `patterns`) and predicates, all of which must hold.
#[derive(Debug, Deserialize, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Shape {
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub max_chars: Option<usize>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub han_ratio: Option<Ratio>,
    #[serde(default)]
    pub symbol_ratio: Option<Ratio>,
    #[serde(default)]
    pub ends_with_sentence_punct: Option<bool>,
    #[serde(default)]
    pub no_han_outside_quotes: Option<bool>,
    #[serde(default)]
    pub is_link_list: Option<bool>,
}

/// Bounds of a ratio (`han_ratio = { min = 0.5 }`), each optional, both inclusive.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ratio {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ZoneSpec {
    #[default]
    Any,
    Top,
    Bottom,
    FirstLine,
    LastLine,
}

/// Where a `drop-block` ends.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum StopSpec {
    /// At the first line that is not an item (blank lines in between are passed over).
    #[default]
    Prose,
    /// At the first run of `gap` blank lines, or the first line that is not an item.
    Gap,
    /// The items must run to the end of the text; otherwise nothing is dropped.
    End,
    /// The items are the lines right under the trigger, up to the first blank line or the end
    /// of the text, and every one of them must be an item; otherwise nothing is dropped.
    Group,
}

/// What a `drop-block` item must repeat: dropping it then loses no words of the document.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RepeatSpec {
    /// The trigger line, the very same (blanks around aside).
    Trigger,
    /// Text within an earlier line: ten characters or more, a trailing ellipsis aside.
    Text,
}

/// An example the rule must turn `input` into `expected` (run alone, not with the other rules).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct CaseSpec {
    pub input: String,
    pub expected: String,
    /// For readers of the rule file; the loader only checks it is a string.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

impl RuleSpec {
    /// Parse one rule file. The error is a message for a person (without the file name, which
    /// the caller adds): `rule foo (kind replace) does not use the key "zone"; keys it takes: ...`.
    pub(crate) fn parse(text: &str) -> Result<RuleSpec, String> {
        let mut table: Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let id = match table.remove("id") {
            Some(Value::String(id))
                if !id.trim().is_empty() && !id.contains(char::is_whitespace) =>
            {
                id
            }
            Some(Value::String(id)) => {
                return Err(format!("rule id {id:?} must be a non-empty word"));
            }
            Some(other) => return Err(format!("rule id must be a string, not {other}")),
            None => return Err("the rule has no `id`".into()),
        };
        let kind_names = || {
            KINDS
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (kind, keys) = match table.get("kind") {
            Some(Value::String(kind)) => match KINDS.iter().find(|(name, _)| name == kind) {
                Some(&(name, keys)) => (name, keys),
                None => {
                    return Err(format!(
                        "rule {id}: unknown kind {kind:?}; kinds: {}",
                        kind_names()
                    ))
                }
            },
            Some(other) => return Err(format!("rule {id}: `kind` must be a string, not {other}")),
            None => return Err(format!("rule {id} has no `kind` (one of {})", kind_names())),
        };
        let rule = format!("rule {id} (kind {kind})");
        if let Some(key) = table
            .keys()
            .find(|k| !COMMON_KEYS.contains(&k.as_str()) && !keys.contains(&k.as_str()))
        {
            let takes = if keys.is_empty() {
                "it takes no keys besides id, description and [[case]]".to_string()
            } else {
                format!(
                    "keys it takes: {} (besides id, description and [[case]])",
                    keys.join(", ")
                )
            };
            return Err(format!("{rule} does not use the key {key:?}; {takes}"));
        }
        let description = match table.remove("description") {
            Some(Value::String(d)) => d,
            Some(other) => {
                return Err(format!(
                    "{rule}: `description` must be a string, not {other}"
                ))
            }
            None => return Err(format!("{rule} has no `description`")),
        };
        let cases = match table.remove("case") {
            None => Vec::new(),
            Some(Value::Array(cases)) => cases
                .into_iter()
                .enumerate()
                .map(|(i, case)| {
                    case.try_into::<CaseSpec>().map_err(|e| {
                        format!("{rule}, case {}: {}", i + 1, e.to_string().trim_end())
                    })
                })
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(format!(
                    "{rule}: examples are an array of tables, each headed [[case]]"
                ))
            }
        };
        let fragments = match table.remove("fragments") {
            Some(value) => {
                super::fragments::parse_table(value).map_err(|e| format!("{rule}: {e}"))?
            }
            None => BTreeMap::new(),
        };
        let category = match table.remove("category") {
            Some(Value::String(c)) => Some(c),
            Some(other) => return Err(format!("{rule}: `category` must be a string, not {other}")),
            None => None,
        };
        let after = match table.remove("after") {
            Some(Value::Array(ids)) => ids
                .into_iter()
                .map(|v| match v {
                    Value::String(id) => Ok(id),
                    other => Err(format!("{rule}: `after` lists rule ids, not {other}")),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(format!(
                    "{rule}: `after` must be a list of rule ids, not {other}"
                ))
            }
            None => Vec::new(),
        };
        // What is left is `kind` and the keys checked above.
        let kind = table.clone().try_into::<KindSpec>().map_err(|e| {
            let e = e.to_string().trim_end().to_string();
            // serde names a missing or unknown key, but not the key whose value it cannot take
            // (`zone_lines = "3"`): that is the key that alone gives the same error.
            let alone = |key: &String, value: &Value| {
                let mut one = Table::new();
                one.insert("kind".into(), Value::String(kind.into()));
                one.insert(key.clone(), value.clone());
                one.try_into::<KindSpec>()
                    .is_err_and(|a| a.to_string().trim_end() == e)
            };
            let named = e.starts_with("missing field");
            match table
                .iter()
                .find(|(k, v)| !named && *k != "kind" && alone(k, v))
            {
                Some((key, _)) => format!("{rule}, key {key}: {e}"),
                None => format!("{rule}: {e}"),
            }
        })?;
        Ok(RuleSpec {
            id,
            description,
            kind,
            cases,
            fragments,
            category,
            after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid value for every kind-specific key.
    fn sample(key: &str) -> &'static str {
        match key {
            "pattern" => "'x'",
            "patterns" => "['y', 'z']",
            "traditional" => "false",
            "zone" => "'top'",
            "zone_lines" => "3",
            "replace" => "''",
            "map" => "{ ',' = '，' }",
            "brackets" => "[['(', ')', '（', '）']]",
            "needs" => "['x']",
            "max_chars" => "40",
            "min_chars" => "2",
            "han_ratio" => "{ min = 0.5 }",
            "symbol_ratio" => "{ max = 0.3 }",
            "ends_with_sentence_punct" => "false",
            "no_han_outside_quotes" => "true",
            "is_link_list" => "false",
            "trigger" => "'相关阅读'",
            "item" | "above" => "{ max_chars = 30 }",
            "stop" => "'gap'",
            "gap" => "2",
            "drop_trigger" => "true",
            "min_items" => "1",
            "max_items" => "9",
            "keep_last" => "false",
            "repeats" => "'trigger'",
            "body" => "{ min_chars = 20 }",
            "max_group_lines" => "3",
            "fences" => "true",
            "indented_code" => "false",
            "keep_lines" => "'x'",
            "keep_between" => "['a', 'b']",
            _ => panic!("no sample value for {key}"),
        }
    }

    fn rule_text(kind: &str, keys: &[&str]) -> String {
        let mut text = format!("id = 'r'\ndescription = 'd'\nkind = '{kind}'\n");
        for key in keys {
            text.push_str(&format!("{key} = {}\n", sample(key)));
        }
        text + "[[case]]\ninput = 'a'\nexpected = 'a'\n"
    }

    fn every_key() -> Vec<&'static str> {
        let mut keys: Vec<&str> = KINDS
            .iter()
            .flat_map(|(_, keys)| keys.iter().copied())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn every_kind_takes_its_keys() {
        for (kind, keys) in KINDS {
            let spec =
                RuleSpec::parse(&rule_text(kind, keys)).unwrap_or_else(|e| panic!("{kind}: {e}"));
            assert_eq!((spec.id.as_str(), spec.cases.len()), ("r", 1));
        }
    }

    #[test]
    fn every_kind_rejects_the_keys_of_other_kinds_naming_key_and_kind() {
        for (kind, keys) in KINDS {
            for key in every_key().into_iter().filter(|k| !keys.contains(k)) {
                let mut with = keys.to_vec();
                with.push(key);
                let err = RuleSpec::parse(&rule_text(kind, &with)).unwrap_err();
                let head = format!("rule r (kind {kind}) does not use the key {key:?}; ");
                assert!(err.starts_with(&head), "{kind} + {key}: {err}");
            }
        }
    }

    #[test]
    fn every_kind_rejects_a_typo() {
        for (kind, keys) in KINDS {
            let text =
                rule_text(kind, keys).replacen("description", "descripton = 'x'\ndescription", 1);
            let err = RuleSpec::parse(&text).unwrap_err();
            assert!(
                err.starts_with(&format!(
                    "rule r (kind {kind}) does not use the key \"descripton\"; "
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn rejection_messages() {
        let err = RuleSpec::parse(
            "id = 'foo'\ndescription = 'd'\nkind = 'replace'\npattern = 'x'\nreplace = ''\nmax_chars = 3\n",
        )
        .unwrap_err();
        assert_eq!(
            err,
            "rule foo (kind replace) does not use the key \"max_chars\"; keys it takes: pattern, \
             patterns, needs, traditional, replace, zone, zone_lines (besides id, description and [[case]])"
        );
        let err = RuleSpec::parse(
            "id = 'nl'\ndescription = 'd'\nkind = 'final-newline'\npattern = 'x'\n",
        )
        .unwrap_err();
        assert_eq!(
            err,
            "rule nl (kind final-newline) does not use the key \"pattern\"; it takes no keys \
             besides id, description and [[case]]"
        );
        let err = RuleSpec::parse(
            "id = 'p'\ndescription = 'd'\nkind = 'cjk-punctuation'\nbrackets = []\nbracket = []\n",
        )
        .unwrap_err();
        assert_eq!(
            err,
            "rule p (kind cjk-punctuation) does not use the key \"bracket\"; keys it takes: map, \
             brackets (besides id, description and [[case]])"
        );
    }

    #[test]
    fn kind_id_description_and_case_errors() {
        let err = |text: &str| RuleSpec::parse(text).unwrap_err();
        assert_eq!(
            err("id = 'a'\ndescription = 'd'\nkind = 'dropline'\n"),
            "rule a: unknown kind \"dropline\"; kinds: drop-line, replace, drop-block, drop-tail, protect, cjk-punctuation, \
             unicode-nfc, html-entities, strip-indent, trailing-whitespace, blank-lines, \
             final-newline"
        );
        assert!(err("id = 'a'\ndescription = 'd'\n")
            .starts_with("rule a has no `kind` (one of drop-line, "));
        assert_eq!(
            err("description = 'd'\nkind = 'blank-lines'\n"),
            "the rule has no `id`"
        );
        assert_eq!(
            err("id = 'a b'\ndescription = 'd'\nkind = 'blank-lines'\n"),
            "rule id \"a b\" must be a non-empty word"
        );
        assert_eq!(
            err("id = 'a'\nkind = 'blank-lines'\n"),
            "rule a (kind blank-lines) has no `description`"
        );
        assert_eq!(
            err("id = 'a'\ndescription = 'd'\nkind = 'blank-lines'\n[[case]]\ninput = ''\nexpected = ''\n[[case]]\ninput = ''\nexpect = ''\n"),
            "rule a (kind blank-lines), case 2: unknown field `expect`, expected one of `input`, \
             `expected`, `note`"
        );
        assert_eq!(
            err("id = 'a'\ndescription = 'd'\nkind = 'blank-lines'\n[case]\ninput = ''\nexpected = ''\n"),
            "rule a (kind blank-lines): examples are an array of tables, each headed [[case]]"
        );
        assert_eq!(
            err("id = 'a'\ndescription = 'd'\nkind = 'replace'\npattern = 'x'\n"),
            "rule a (kind replace): missing field `replace`"
        );
        assert_eq!(
            err(
                "id = 'a'\ndescription = 'd'\nkind = 'drop-line'\npattern = 'x'\nzone = 'middle'\n"
            ),
            "rule a (kind drop-line), key zone: unknown variant `middle`, expected one of `any`, \
             `top`, `bottom`, `first-line`, `last-line`"
        );
        assert_eq!(
            err("id = 'a'\ndescription = 'd'\nkind = 'drop-line'\npattern = 'x'\nzone_lines = '3'\n"),
            "rule a (kind drop-line), key zone_lines: invalid type: string \"3\", expected usize"
        );
        assert_eq!(
            err("id = 'a'\ndescription = 'd'\nkind = 'replace'\ntraditional = true\npattern = 3\n"),
            "rule a (kind replace), key pattern: invalid type: integer `3`, expected a string"
        );
    }

    #[test]
    fn parsed_fields_and_defaults() {
        let spec = RuleSpec::parse(&rule_text("drop-line", &["patterns"])).unwrap();
        assert_eq!(
            spec.kind,
            KindSpec::DropLine {
                pattern: None,
                patterns: vec!["y".into(), "z".into()],
                needs: None,
                traditional: true,
                zone: ZoneSpec::Any,
                zone_lines: None,
                max_chars: None,
                min_chars: None,
                han_ratio: None,
                symbol_ratio: None,
                ends_with_sentence_punct: None,
                no_han_outside_quotes: None,
                is_link_list: None,
            }
        );
        let spec = RuleSpec::parse(&rule_text("blank-lines", &[])).unwrap();
        assert_eq!(spec.kind, KindSpec::BlankLines {});
    }

    /// The keys serde takes for a kind (from its "unknown field" message), sorted.
    fn serde_keys(kind: &str) -> Vec<String> {
        let mut table = Table::new();
        table.insert("kind".into(), Value::String(kind.into()));
        table.insert("no_such_key".into(), Value::Integer(0));
        let err = table.try_into::<KindSpec>().unwrap_err().to_string();
        assert!(
            err.starts_with("unknown field `no_such_key`"),
            "{kind}: {err}"
        );
        let expected = err.split_once(", ").map_or("", |(_, rest)| rest);
        let mut keys: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn kinds_table_matches_the_enum() {
        // Same kinds, in the same order as serde lists the variants...
        let mut table = Table::new();
        table.insert("kind".into(), Value::String("no-such-kind".into()));
        let err = table.try_into::<KindSpec>().unwrap_err().to_string();
        let first_line = err.lines().next().unwrap_or_default();
        let variants: Vec<&str> = first_line.split('`').skip(3).step_by(2).collect();
        let names: Vec<&str> = KINDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(variants, names, "{err}");
        // ...and the same keys per kind as the variant's fields.
        for (kind, keys) in KINDS {
            let mut listed: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            listed.sort();
            assert_eq!(serde_keys(kind), listed, "{kind}");
        }
    }
}
