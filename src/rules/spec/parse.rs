//! Reading a rule file into its [`RuleSpec`]: the common keys by hand, so that each error is a
//! sentence for a person naming the rule, its kind and the key; the kind's own keys by serde,
//! after the keys the kind does not take are refused.

use super::{CaseSpec, KindSpec, RuleSpec, COMMON_KEYS, KINDS};
use std::collections::BTreeMap;
use toml::{Table, Value};

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
                super::super::fragments::parse_table(value).map_err(|e| format!("{rule}: {e}"))?
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
    use super::super::ZoneSpec;
    use super::*;

    /// A valid value for every kind-specific key.
    fn sample(key: &str) -> &'static str {
        match key {
            "pattern" | "unless" => "'x'",
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
            "edge_sentences" => "true",
            "trigger" => "'相关阅读'",
            "trigger_unless" => "'相关'",
            "item" | "above" | "follows" | "required_item" | "keep_item" | "below" => {
                "{ max_chars = 30 }"
            }
            "min_blocks" => "2",
            "page_has" => "'回复'",
            "page_has_above" => "true",
            "stop" => "'gap'",
            "gap" => "2",
            "drop_trigger" => "true",
            "min_items" => "1",
            "max_items" => "9",
            "keep_last" => "false",
            "keep_last_before_text" => "false",
            "keep_last_before_sentence" => "false",
            "keep_last_copy" => "false",
            "keep_items" => "false",
            "repeats" => "'trigger'",
            "drop_between" => "true",
            "body" => "{ min_chars = 20 }",
            "max_group_lines" => "3",
            "min_lines" => "2",
            "numbered" => "false",
            "keep" => "{ max_chars = 5 }",
            "set_apart" => "'furniture'",
            "not_set_apart_by" => "['counter-row']",
            "fences" => "true",
            "indented_code" => "false",
            "introduced_code" => "false",
            "introduced_data" => "false",
            "data_intro" => "'x'",
            "data_unless" => "'x'",
            "data_intro_ends" => "['x']",
            "data_intro_cues" => "['x']",
            "setext_headings" => "true",
            "code_intro_unless" => "'x'",
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
             patterns, needs, traditional, replace, zone, zone_lines, min_lines, numbered (besides id, description and [[case]])"
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
             final-newline, json-record"
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
             `expected`, `earlier`, `note`"
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
                min_lines: None,
                unless: None,
                max_chars: None,
                min_chars: None,
                han_ratio: None,
                symbol_ratio: None,
                ends_with_sentence_punct: None,
                no_han_outside_quotes: None,
                is_link_list: None,
                edge_sentences: false,
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
