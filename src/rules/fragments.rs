//! Named pattern fragments: `{{surname}}` in a pattern stands for the fragment `surname`,
//! defined in a shared fragment file (`rules/_fragments.toml`, or `_*.toml` in a user's rule
//! folder) or in the rule file's own `[fragments]` table. One definition of a surname list or a
//! date form keeps rule files short enough to read and review. A fragment file may also name
//! lists of rule ids (`[lists]`), which a rule's id list writes as `{{name}}`: two rules that
//! look past the same furniture share one list.

use std::collections::BTreeMap;

/// Fragments by name, each with the file that defined it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fragments {
    map: BTreeMap<String, Fragment>,
    /// Lists of rule ids by name (`thread_furniture = ["post-stamp-repeated", …]`).
    lists: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
struct Fragment {
    pattern: String,
    origin: String,
}

/// Is `name` a fragment name: a lowercase word (`editor_role`, `date2`)?
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Check a `[fragments]` table: each name a lowercase word, each value a string.
pub(crate) fn parse_table(value: toml::Value) -> Result<BTreeMap<String, String>, String> {
    parse_named(
        "fragment",
        "`fragments` must be a table of name = 'pattern'",
        value,
        |name, value| match value {
            toml::Value::String(p) => Ok(p),
            other => Err(format!("fragment {name} must be a string, not {other}")),
        },
    )
}

/// Check a `[lists]` table: names as for fragments, each an array of rule ids.
fn parse_lists(value: toml::Value) -> Result<BTreeMap<String, Vec<String>>, String> {
    parse_named(
        "list",
        "`lists` must be a table of name = ['rule-id', …]",
        value,
        |name, value| {
            let toml::Value::Array(items) = value else {
                return Err(format!(
                    "list {name} must be an array of rule ids, not {value}"
                ));
            };
            items
                .into_iter()
                .map(|item| match item {
                    toml::Value::String(id) => Ok(id),
                    other => Err(format!("list {name} holds rule ids, not {other}")),
                })
                .collect()
        },
    )
}

/// A table of named entries, each name a lowercase word and each value read by `entry`;
/// `what` names an entry and `shape` says what the table must be, in the errors.
fn parse_named<T>(
    what: &str,
    shape: &str,
    value: toml::Value,
    entry: impl Fn(&str, toml::Value) -> Result<T, String>,
) -> Result<BTreeMap<String, T>, String> {
    let toml::Value::Table(table) = value else {
        return Err(shape.into());
    };
    table
        .into_iter()
        .map(|(name, value)| {
            if !is_name(&name) {
                return Err(format!(
                    "{what} name {name:?} must be a lowercase word (letters, digits, _)"
                ));
            }
            let value = entry(&name, value)?;
            Ok((name, value))
        })
        .collect()
}

impl Fragments {
    /// Add the fragments of a shared fragment file (a TOML file with a `[fragments]` table,
    /// and a `[lists]` table of rule-id lists if it names any). Every fragment must expand (no
    /// unknown name, no cycle), so a broken fragment is an error naming its file when it is
    /// loaded, not when a rule first uses it.
    pub(crate) fn add_file(&mut self, origin: &str, text: &str) -> Result<(), String> {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let fragments = match table.remove("fragments") {
            Some(value) => parse_table(value)?,
            None => return Err("a fragment file holds one [fragments] table".into()),
        };
        if let Some(value) = table.remove("lists") {
            self.lists.extend(parse_lists(value)?);
        }
        if let Some(key) = table.keys().next() {
            return Err(format!(
                "a fragment file holds only a [fragments] and a [lists] table, not {key:?}"
            ));
        }
        for (name, pattern) in &fragments {
            self.map.insert(
                name.clone(),
                Fragment {
                    pattern: pattern.clone(),
                    origin: origin.to_string(),
                },
            );
        }
        for name in fragments.keys() {
            self.expand(&BTreeMap::new(), &format!("{{{{{name}}}}}"))?;
        }
        Ok(())
    }

    /// The pattern with every `{{name}}` replaced by its fragment (the rule's own `local`
    /// fragments first, then the shared ones), recursively. Each fragment becomes a group with
    /// verbose mode off (`(?-x:…)`), so it means the same in a verbose pattern; a fragment
    /// that starts with `(?x)` is verbose inside its group.
    pub(crate) fn expand(
        &self,
        local: &BTreeMap<String, String>,
        pattern: &str,
    ) -> Result<String, String> {
        let mut out = String::with_capacity(pattern.len());
        self.expand_into(Some(local), pattern, &mut Vec::new(), &mut out)?;
        Ok(out)
    }

    fn expand_into(
        &self,
        local: Option<&BTreeMap<String, String>>,
        pattern: &str,
        stack: &mut Vec<String>,
        out: &mut String,
    ) -> Result<(), String> {
        let mut rest = pattern;
        while let Some(at) = find_reference(rest) {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let Some(end) = after.find("}}") else {
                return Err(format!(
                    "`{{{{` without `}}}}` in {:?}",
                    &rest[at..].chars().take(30).collect::<String>()
                ));
            };
            let name = after[..end].trim();
            if !is_name(name) {
                return Err(format!("{{{{{name}}}}} is not a fragment name"));
            }
            if let Some(i) = stack.iter().position(|n| n == name) {
                let mut cycle = stack[i..].to_vec();
                cycle.push(name.to_string());
                return Err(format!(
                    "fragments refer to each other: {}",
                    cycle.join(" → ")
                ));
            }
            // A rule's own fragments see the shared ones, not the other way round.
            let (body, scope) = match local.and_then(|l| l.get(name)) {
                Some(body) => (body.as_str(), local),
                None => match self.map.get(name) {
                    Some(f) => (f.pattern.as_str(), None),
                    None => return Err(self.unknown(name, local)),
                },
            };
            stack.push(name.to_string());
            out.push_str("(?-x:");
            self.expand_into(scope, body, stack, out)?;
            out.push(')');
            stack.pop();
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Ok(())
    }

    fn unknown(&self, name: &str, local: Option<&BTreeMap<String, String>>) -> String {
        let mut known: Vec<&str> = local
            .into_iter()
            .flat_map(|l| l.keys())
            .map(String::as_str)
            .collect();
        known.extend(self.map.keys().map(String::as_str));
        known.sort();
        known.dedup();
        // A misspelt name gets the nearest one; a name like none gets the whole list.
        let nearest = known
            .iter()
            .map(|k| (strsim::normalized_damerau_levenshtein(name, k), *k))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score >= 0.65);
        match nearest {
            Some((_, k)) => format!("unknown fragment {{{{{name}}}}}; did you mean {{{{{k}}}}}?"),
            None => format!(
                "unknown fragment {{{{{name}}}}}; fragments: {}",
                known.join(", ")
            ),
        }
    }

    /// Rule ids with every `{{name}}` item replaced by the ids of list `name`.
    pub(crate) fn expand_ids(&self, ids: &[String]) -> Result<Vec<String>, String> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(name) = id.strip_prefix("{{").and_then(|n| n.strip_suffix("}}")) else {
                out.push(id.clone());
                continue;
            };
            match self.lists.get(name.trim()) {
                Some(list) => out.extend(list.iter().cloned()),
                None => {
                    let known: Vec<&str> = self.lists.keys().map(String::as_str).collect();
                    return Err(format!(
                        "unknown list {id}; lists: {}",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The fragments as (name, pattern, file), for `rules show`.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.map
            .iter()
            .map(|(n, f)| (n.as_str(), f.pattern.as_str(), f.origin.as_str()))
    }
}

/// Byte offset of the next `{{` that is not escaped (`\{{` is a literal brace and a `{`).
fn find_reference(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'{' if bytes[i + 1] == b'{' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(text: &str) -> Fragments {
        let mut f = Fragments::default();
        f.add_file("_fragments.toml", text).unwrap();
        f
    }

    #[test]
    fn expands_nested_and_local_fragments() {
        let f = shared("[fragments]\nday = '[0-9]{1,2}'\ndate = '{{day}}日'\n");
        let local: BTreeMap<String, String> = [("x".to_string(), "{{date}}x".to_string())].into();
        assert_eq!(
            f.expand(&local, "a{{x}}b").unwrap(),
            "a(?-x:(?-x:(?-x:[0-9]{1,2})日)x)b"
        );
        assert_eq!(f.expand(&local, r"\{{x}}").unwrap(), r"\{{x}}");
        assert_eq!(f.expand(&local, "{{ day }}").unwrap(), "(?-x:[0-9]{1,2})");
    }

    #[test]
    fn unknown_names_and_cycles_are_errors() {
        let f = shared("[fragments]\nday = '[0-9]'\n");
        assert_eq!(
            f.expand(&BTreeMap::new(), "{{dya}}").unwrap_err(),
            "unknown fragment {{dya}}; did you mean {{day}}?"
        );
        assert_eq!(
            f.expand(&BTreeMap::new(), "{{month}}").unwrap_err(),
            "unknown fragment {{month}}; fragments: day"
        );
        let f = shared("[fragments]\nday = '[0-9]'\nsurname = '王|李'\n");
        assert_eq!(
            f.expand(&BTreeMap::new(), "{{surnme}}").unwrap_err(),
            "unknown fragment {{surnme}}; did you mean {{surname}}?"
        );
        let mut g = Fragments::default();
        let err = g
            .add_file("_f.toml", "[fragments]\na = '{{b}}'\nb = 'x{{a}}'\n")
            .unwrap_err();
        assert_eq!(err, "fragments refer to each other: a → b → a");
        let local: BTreeMap<String, String> = [("me".to_string(), "{{me}}".to_string())].into();
        assert_eq!(
            f.expand(&local, "{{me}}").unwrap_err(),
            "fragments refer to each other: me → me"
        );
        assert!(f
            .expand(&BTreeMap::new(), "{{day")
            .unwrap_err()
            .contains("without"));
    }

    #[test]
    fn id_lists_expand_in_place_and_unknown_ones_are_errors() {
        let f = shared("[fragments]\nd = 'x'\n[lists]\nstamps = ['a-stamp', 'b-stamp']\n");
        let ids = ["x".to_string(), "{{stamps}}".to_string(), "y".to_string()];
        assert_eq!(
            f.expand_ids(&ids).unwrap(),
            ["x", "a-stamp", "b-stamp", "y"]
        );
        assert_eq!(
            f.expand_ids(&["{{stamp}}".to_string()]).unwrap_err(),
            "unknown list {{stamp}}; lists: stamps"
        );
        let mut g = Fragments::default();
        assert!(g
            .add_file("_f.toml", "[fragments]\n[lists]\nids = 'a'\n")
            .is_err());
        assert!(g
            .add_file("_f.toml", "[fragments]\n[lists]\nids = [1]\n")
            .is_err());
    }

    #[test]
    fn fragment_files_hold_one_table() {
        let mut f = Fragments::default();
        assert!(f.add_file("_f.toml", "x = 'y'\n").is_err());
        assert!(f.add_file("_f.toml", "[fragments]\nBad = 'y'\n").is_err());
        assert!(f.add_file("_f.toml", "[fragments]\nok = 3\n").is_err());
    }

    #[test]
    fn verbose_fragments_compile_inside_plain_patterns_and_back() {
        let f = shared("[fragments]\nv = '''(?x) a b # letters\n'''\np = 'c d'\n");
        let re = regex::Regex::new(&f.expand(&BTreeMap::new(), "^{{v}} {{p}}$").unwrap()).unwrap();
        assert!(re.is_match("ab c d"));
        let re = regex::Regex::new(&f.expand(&BTreeMap::new(), "(?x)^ {{p}} $").unwrap()).unwrap();
        assert!(re.is_match("c d"));
    }
}
