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
/// A rule that cannot be loaded; `file` names where it came from.
pub enum RuleError {
    /// The rule file says something wrong (bad key, bad pattern, duplicate id, unknown id).
    #[error("{file}: {message}")]
    Invalid {
        /// The rule file (or the option) at fault.
        file: String,
        /// What is wrong with it.
        message: String,
    },
    /// The rule file or folder cannot be read.
    #[error("{file}: cannot read rule file: {source}")]
    Io {
        /// The file or folder.
        file: String,
        /// The read error.
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

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub(crate) id: RuleId,
    pub(crate) description: String,
    /// File the rule came from (`10-pagination.toml`, or a user's path).
    pub(crate) origin: String,
    pub(crate) kind: RuleKind,
    pub(crate) cases: Vec<spec::CaseSpec>,
}

impl Rule {
    /// The rule's id (what edits, `--disable` and reports name it by).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What the rule removes or changes, and why it is safe.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// The file the rule came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Parse and compile one rule file.
    pub fn from_toml(origin: &str, text: &str) -> Result<Rule, RuleError> {
        let invalid = |message: String| RuleError::Invalid {
            file: origin.to_string(),
            message,
        };
        let spec: RuleSpec = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if spec.id.trim().is_empty() || spec.id.contains(char::is_whitespace) {
            return Err(invalid(format!(
                "rule id {:?} must be a non-empty word",
                spec.id
            )));
        }
        let mut patterns = spec.patterns.clone();
        patterns.extend(spec.pattern.clone());
        let compile = |anchored: bool| -> Result<Regex, RuleError> {
            if patterns.is_empty() {
                return Err(invalid(format!(
                    "rule {} needs `pattern` or `patterns`",
                    spec.id
                )));
            }
            let alternatives: Vec<String> = patterns
                .iter()
                .map(|p| {
                    if spec.traditional {
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
            Regex::new(&source).map_err(|e| invalid(format!("rule {}: bad pattern: {e}", spec.id)))
        };
        let kind = match spec.kind {
            KindSpec::DropLine => {
                let n = spec.zone_lines.unwrap_or(5);
                let zone = match spec.zone {
                    ZoneSpec::Any => Zone::Any,
                    ZoneSpec::Top => Zone::Top(n),
                    ZoneSpec::Bottom => Zone::Bottom(n),
                };
                RuleKind::DropLine {
                    pattern: compile(true)?,
                    zone,
                }
            }
            KindSpec::Replace => RuleKind::Replace {
                pattern: compile(false)?,
                replacement: spec
                    .replace
                    .clone()
                    .ok_or_else(|| invalid(format!("rule {} needs `replace`", spec.id)))?,
            },
            KindSpec::CjkPunctuation => RuleKind::CjkPunctuation(
                punct::PunctMap::new(&spec.map, &spec.brackets).map_err(invalid)?,
            ),
            KindSpec::UnicodeNfc => RuleKind::UnicodeNfc,
            KindSpec::HtmlEntities => RuleKind::HtmlEntities,
            KindSpec::StripIndent => RuleKind::StripIndent,
            KindSpec::TrailingWhitespace => RuleKind::TrailingWhitespace,
            KindSpec::BlankLines => RuleKind::BlankLines,
            KindSpec::FinalNewline => RuleKind::FinalNewline,
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
    pub(crate) fn apply(&self, doc: &mut Document, edits: &mut Vec<Edit>, furniture: &[Regex]) {
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
    pub(crate) fn apply_to_text(&self, text: &str) -> (String, Vec<Edit>) {
        let mut doc = Document::parse(text);
        let mut edits = Vec::new();
        self.apply(&mut doc, &mut edits, &[]);
        (doc.render("\n"), edits)
    }
}

/// Passes over a document before giving up on reaching a fixed point (rules that undo each
/// other); the idempotence tests would catch such a pair, and a run that hits it says so.
pub(crate) const MAX_PASSES: u8 = 4;

/// Whether the rules reached a fixed point on a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Convergence {
    /// The last pass changed nothing.
    pub converged: bool,
    /// Rules that still changed something in the last pass (empty when converged).
    pub still_changing: Vec<RuleId>,
}

/// The ordered rules of one run.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Ids switched off (`--disable`); their rules stay loaded, so they can be switched on again.
    disabled: std::collections::BTreeSet<RuleId>,
    /// Patterns of the enabled line-dropping rules, which zones do not count as content.
    furniture: Vec<Regex>,
}

impl RuleSet {
    /// The rules compiled into the binary (the `rules/` folder of the source tree).
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (name, text) in BUILTIN_RULES {
            set.add(name, Rule::from_toml(name, text)?)?;
        }
        Ok(set)
    }

    /// Add one rule from the text of a rule file; `name` is its file name
    /// (`30-my-footer.toml`), whose number places it among the others. A rule with a
    /// built-in's id replaces that rule.
    pub fn add_str(&mut self, name: &str, toml: &str) -> Result<(), RuleError> {
        let rule = Rule::from_toml(name, toml)?;
        self.add(name, rule)
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
    pub fn disable<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), RuleError> {
        for id in ids {
            let rule = self.find(id.as_ref(), "--disable")?;
            self.disabled.insert(rule);
        }
        self.refresh_furniture();
        Ok(())
    }

    /// Switch rules that were switched off back on; an unknown id is an error.
    pub fn enable<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), RuleError> {
        for id in ids {
            let rule = self.find(id.as_ref(), "--enable")?;
            self.disabled.remove(&rule);
        }
        self.refresh_furniture();
        Ok(())
    }

    fn find(&self, id: &str, what: &str) -> Result<RuleId, RuleError> {
        self.rules
            .iter()
            .find(|r| &*r.id == id)
            .map(|r| r.id.clone())
            .ok_or_else(|| RuleError::Invalid {
                file: what.into(),
                message: format!("no rule has the id {id:?} (see `doctidy rules list`)"),
            })
    }

    /// Is the rule with this id loaded and switched on?
    pub fn is_enabled(&self, id: &str) -> bool {
        self.rules.iter().any(|r| &*r.id == id) && !self.disabled.contains(id)
    }

    /// The ids of the rules, in the order they run (switched-off ones included).
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| &*r.id)
    }

    fn refresh_furniture(&mut self) {
        self.furniture = self
            .enabled()
            .filter_map(|r| match &r.kind {
                RuleKind::DropLine { pattern, .. } => Some(pattern.clone()),
                _ => None,
            })
            .collect();
    }

    fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| !self.disabled.contains(&r.id))
    }

    /// The rules that run, in order.
    pub fn rules(&self) -> Vec<&Rule> {
        self.enabled().collect()
    }

    /// Apply every rule in order, and again while a pass still changes something (one rule's
    /// output can be another's input: removing spaces can make a line match a furniture
    /// pattern). Like ruff's fix loop, this makes cleaning idempotent by construction; a
    /// document still changing after [`MAX_PASSES`] is reported, not hidden.
    /// `final_newline` says whether the final-newline rule may run (not for bare strings).
    pub(crate) fn apply(
        &self,
        doc: &mut Document,
        edits: &mut Vec<Edit>,
        final_newline: bool,
    ) -> Convergence {
        let rules: Vec<&Rule> = self
            .enabled()
            .filter(|r| final_newline || !matches!(r.kind, RuleKind::FinalNewline))
            .collect();
        for pass in 1..=MAX_PASSES {
            let before = edits.len();
            for rule in rules.iter().filter(|r| pass == 1 || r.repeatable()) {
                rule.apply(doc, edits, &self.furniture);
            }
            if edits.len() == before {
                return Convergence {
                    converged: true,
                    still_changing: Vec::new(),
                };
            }
            for edit in &mut edits[before..] {
                edit.pass = pass;
            }
            if pass == MAX_PASSES {
                let mut still: Vec<RuleId> = Vec::new();
                for edit in &edits[before..] {
                    if !still.contains(&edit.rule) {
                        still.push(edit.rule.clone());
                    }
                }
                return Convergence {
                    converged: false,
                    still_changing: still,
                };
            }
        }
        Convergence::default()
    }

    /// Run every enabled rule's `[[case]]`s, each alone and twice (idempotence).
    pub fn test_cases(&self) -> CaseReport {
        cases::run(self.enabled())
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
