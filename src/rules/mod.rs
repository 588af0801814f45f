//! Rules are data: each `rules/NN-name.toml` file is one rule (the prefix gives the order).
//! The built-in files are compiled into the binary; `--rules DIR` adds a user's, and a user
//! rule with a built-in's id replaces it. Regexes are compiled once, when the set is loaded.

mod cases;
mod lines;
mod punct;
pub mod spec;
mod whitespace;

pub use cases::{CaseFailure, CaseReport};

use crate::document::Document;
use crate::edit::{Edit, RuleId};
use regex::Regex;
use spec::{KindSpec, RuleSpec, ZoneSpec};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{file}: cannot read rule file: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
}

/// Where in a document a line rule may fire, counted in non-blank lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Any,
    Top(usize),
    Bottom(usize),
}

#[derive(Debug)]
pub enum RuleKind {
    DropLine { pattern: Regex, zone: Zone },
    Replace { pattern: Regex, replacement: String },
    CjkPunctuation(punct::PunctMap),
    UnicodeNfc,
    HtmlEntities,
    StripIndent,
    TrailingWhitespace,
    BlankLines,
    FinalNewline,
}

#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    pub description: String,
    /// File the rule came from (`10-pagination.toml`, or a user's path).
    pub origin: String,
    pub kind: RuleKind,
    pub cases: Vec<spec::CaseSpec>,
}

impl Rule {
    /// Parse and compile one rule file.
    pub fn from_toml(origin: &str, text: &str) -> Result<Rule, RuleError> {
        let invalid = |message: String| RuleError::Invalid {
            file: origin.to_string(),
            message,
        };
        let spec = RuleSpec::parse(text).map_err(invalid)?;
        let id = &spec.id;
        // `drop-line` and `replace`: the patterns as one regex, the alternatives in file order.
        let compile = |pattern: Option<String>,
                       mut patterns: Vec<String>,
                       traditional: bool,
                       anchored: bool|
         -> Result<Regex, RuleError> {
            patterns.extend(pattern);
            if patterns.is_empty() {
                return Err(invalid(format!("rule {id} needs `pattern` or `patterns`")));
            }
            let alternatives: Vec<String> = patterns
                .iter()
                .map(|p| {
                    if traditional {
                        format!("(?:{})", crate::chars::with_traditional(p))
                    } else {
                        format!("(?:{p})")
                    }
                })
                .collect();
            let joined = alternatives.join("|");
            let source = if anchored {
                format!("^(?:{joined})$")
            } else {
                joined
            };
            Regex::new(&source).map_err(|e| invalid(format!("rule {id}: bad pattern: {e}")))
        };
        let kind = match spec.kind {
            KindSpec::DropLine {
                pattern,
                patterns,
                traditional,
                zone,
                zone_lines,
            } => {
                let n = zone_lines.unwrap_or(5);
                let zone = match zone {
                    ZoneSpec::Any if zone_lines.is_some() => {
                        return Err(invalid(format!(
                            "rule {id}: `zone_lines` counts from the top or the bottom; \
                             it needs zone = \"top\" or \"bottom\""
                        )))
                    }
                    ZoneSpec::Any => Zone::Any,
                    ZoneSpec::Top => Zone::Top(n),
                    ZoneSpec::Bottom => Zone::Bottom(n),
                };
                RuleKind::DropLine {
                    pattern: compile(pattern, patterns, traditional, true)?,
                    zone,
                }
            }
            KindSpec::Replace {
                pattern,
                patterns,
                traditional,
                replace,
            } => RuleKind::Replace {
                pattern: compile(pattern, patterns, traditional, false)?,
                replacement: replace,
            },
            KindSpec::CjkPunctuation { map, brackets } => RuleKind::CjkPunctuation(
                punct::PunctMap::new(&map, &brackets)
                    .map_err(|e| invalid(format!("rule {id}: {e}")))?,
            ),
            KindSpec::UnicodeNfc {} => RuleKind::UnicodeNfc,
            KindSpec::HtmlEntities {} => RuleKind::HtmlEntities,
            KindSpec::StripIndent {} => RuleKind::StripIndent,
            KindSpec::TrailingWhitespace {} => RuleKind::TrailingWhitespace,
            KindSpec::BlankLines {} => RuleKind::BlankLines,
            KindSpec::FinalNewline {} => RuleKind::FinalNewline,
        };
        Ok(Rule {
            id: spec.id.as_str().into(),
            description: spec.description.trim().to_string(),
            origin: origin.to_string(),
            kind,
            cases: spec.cases,
        })
    }

    /// Apply the rule to the document, recording one edit per change. `furniture`: the
    /// patterns of every line-dropping rule in the set (see [`lines::drop_lines`]).
    pub fn apply(&self, doc: &mut Document, edits: &mut Vec<Edit>, furniture: &[Regex]) {
        match &self.kind {
            RuleKind::DropLine { pattern, zone } => {
                lines::drop_lines(&self.id, pattern, *zone, furniture, doc, edits)
            }
            RuleKind::Replace {
                pattern,
                replacement,
            } => lines::replace(&self.id, pattern, replacement, doc, edits),
            RuleKind::CjkPunctuation(map) => punct::apply(&self.id, map, doc, edits),
            RuleKind::UnicodeNfc => lines::nfc(&self.id, doc, edits),
            RuleKind::HtmlEntities => lines::html_entities(&self.id, doc, edits),
            RuleKind::StripIndent => whitespace::strip_indent(&self.id, doc, edits),
            RuleKind::TrailingWhitespace => whitespace::trailing(&self.id, doc, edits),
            RuleKind::BlankLines => whitespace::blank_lines(&self.id, doc, edits),
            RuleKind::FinalNewline => whitespace::final_newline(&self.id, doc, edits),
        }
    }

    /// Decoders run once: `&amp;lt;` is the text `&lt;`, and decoding again would change
    /// what the author wrote.
    fn repeatable(&self) -> bool {
        !matches!(self.kind, RuleKind::HtmlEntities)
    }

    /// The rule alone applied to a text (LF line endings): what `[[case]]`s check.
    pub fn apply_to_text(&self, text: &str) -> (String, Vec<Edit>) {
        let mut doc = Document::parse(text);
        let mut edits = Vec::new();
        self.apply(&mut doc, &mut edits, &[]);
        (doc.render("\n"), edits)
    }
}

/// Passes over a document before giving up on reaching a fixed point (rules that undo each
/// other); the idempotence tests would catch such a pair.
const MAX_PASSES: usize = 4;

/// The ordered rules of one run.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Patterns of the line-dropping rules, which zones do not count as content.
    furniture: Vec<Regex>,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (name, text) in BUILTIN_RULES {
            set.add(name, Rule::from_toml(name, text)?)?;
        }
        Ok(set)
    }

    /// Add every `*.toml` in `dir` (file-name order); a rule whose id is already present
    /// replaces that rule in place, a new one is placed by its file name among the others.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), RuleError> {
        let io = |source| RuleError::Io {
            file: dir.display().to_string(),
            source,
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| RuleError::Io {
                file: shown.clone(),
                source,
            })?;
            let rule = Rule::from_toml(&shown, &text)?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            self.add(&name, rule)?;
        }
        Ok(())
    }

    fn add(&mut self, file_name: &str, rule: Rule) -> Result<(), RuleError> {
        if let Some(i) = self.rules.iter().position(|r| r.id == rule.id) {
            let existing = &self.rules[i].origin;
            if !BUILTIN_RULES.iter().any(|(name, _)| name == existing) {
                return Err(RuleError::Invalid {
                    file: rule.origin.clone(),
                    message: format!("rule id {} is already defined in {existing}", rule.id),
                });
            }
            // A user's rule with a built-in's id replaces it where it stood.
            self.rules[i] = rule;
        } else {
            let at = self
                .rules
                .partition_point(|r| sort_key(&r.origin) <= sort_key(file_name));
            self.rules.insert(at, rule);
        }
        self.refresh_furniture();
        Ok(())
    }

    /// Switch rules off by id (`--disable`); an unknown id is an error, not a silent no-op.
    pub fn disable(&mut self, ids: &[String]) -> Result<(), RuleError> {
        for id in ids {
            let before = self.rules.len();
            self.rules.retain(|r| &*r.id != id.as_str());
            if self.rules.len() == before {
                return Err(RuleError::Invalid {
                    file: "--disable".into(),
                    message: format!("no rule has the id {id:?} (see `doctidy rules list`)"),
                });
            }
        }
        self.refresh_furniture();
        Ok(())
    }

    fn refresh_furniture(&mut self) {
        self.furniture = self
            .rules
            .iter()
            .filter_map(|r| match &r.kind {
                RuleKind::DropLine { pattern, .. } => Some(pattern.clone()),
                _ => None,
            })
            .collect();
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Apply every rule in order, and again while a pass still changes something (one rule's
    /// output can be another's input: removing spaces can make a line match a furniture
    /// pattern). Like ruff's fix loop, this makes cleaning idempotent by construction.
    pub fn apply(&self, doc: &mut Document, edits: &mut Vec<Edit>) {
        for pass in 0..MAX_PASSES {
            let before = edits.len();
            for rule in self.rules.iter().filter(|r| pass == 0 || r.repeatable()) {
                rule.apply(doc, edits, &self.furniture);
            }
            if edits.len() == before {
                break;
            }
        }
    }

    /// Run every rule's `[[case]]`s.
    pub fn test_cases(&self) -> CaseReport {
        cases::run(&self.rules)
    }
}

/// Order by file name without its folder, so user rules interleave with built-ins by prefix.
fn sort_key(origin: &str) -> &str {
    origin.rsplit(['/', '\\']).next().unwrap_or(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load_in_prefix_order() {
        let set = RuleSet::builtin().expect("built-in rules compile");
        assert!(set.rules().len() >= 8, "only {} rules", set.rules().len());
        let origins: Vec<_> = set.rules().iter().map(|r| r.origin.clone()).collect();
        let mut sorted = origins.clone();
        sorted.sort();
        assert_eq!(origins, sorted);
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = Rule::from_toml(
            "x.toml",
            "id='a'\ndescription='d'\nkind='drop-line'\npatern='x'\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("patern"), "{err}");
    }

    #[test]
    fn key_of_another_kind_names_key_rule_and_file() {
        let err = Rule::from_toml(
            "x.toml",
            "id='foo'\ndescription='d'\nkind='replace'\npattern='x'\nreplace=''\nzone='top'\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.toml: rule foo (kind replace) does not use the key \"zone\"; keys it takes: \
             pattern, patterns, traditional, replace (besides id, description and [[case]])"
        );
    }

    #[test]
    fn every_kind_rejects_a_typo_naming_the_file() {
        for (kind, _) in spec::KINDS {
            let text = format!("id='r'\ndescription='d'\nkind='{kind}'\nzonne='top'\n");
            let err = Rule::from_toml("x.toml", &text).unwrap_err().to_string();
            let head = format!("x.toml: rule r (kind {kind}) does not use the key \"zonne\"; ");
            assert!(err.starts_with(&head), "{err}");
        }
    }

    #[test]
    fn zone_lines_needs_a_zone() {
        let text = "id='a'\ndescription='d'\nkind='drop-line'\npattern='x'\nzone_lines=3\n";
        let err = Rule::from_toml("x.toml", text).unwrap_err().to_string();
        assert!(
            err.starts_with("x.toml: rule a: `zone_lines` counts from"),
            "{err}"
        );
        let text = text.replace("zone_lines", "zone='bottom'\nzone_lines");
        let rule = Rule::from_toml("x.toml", &text).unwrap();
        assert!(matches!(
            rule.kind,
            RuleKind::DropLine {
                zone: Zone::Bottom(3),
                ..
            }
        ));
    }

    #[test]
    fn bad_regex_names_rule_and_file() {
        let err = Rule::from_toml(
            "x.toml",
            "id='a'\ndescription='d'\nkind='drop-line'\npattern='('\n",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.toml: rule a: bad pattern"), "{msg}");
    }
}
