//! The rule set: the rules of a run in order (built-in, a user's, their fragments), which are
//! switched on, and the prefilter over the enabled ones.

use super::*;
use crate::edit::RuleId;
use fragments::Fragments;
use plan::Plan;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The built-in rule set, compiled once per process; [`RuleSet::builtin`] hands out clones.
static BUILTIN: LazyLock<Result<RuleSet, String>> =
    LazyLock::new(|| RuleSet::from_files(BUILTIN_RULES).map_err(|e| e.to_string()));

/// The ordered rules of one run.
#[derive(Debug, Default, Clone)]
pub struct RuleSet {
    rules: Vec<Arc<Rule>>,
    /// Ids switched off (`--disable`); their rules stay loaded, so they can be switched on again.
    disabled: std::collections::BTreeSet<RuleId>,
    /// The shared fragments rule files of this set may use.
    fragments: Fragments,
    /// The enabled rules in order, and the plan of a pass over them (their prefilter).
    pub(super) active: Vec<Arc<Rule>>,
    pub(super) plan: Plan,
}

impl RuleSet {
    /// The rules compiled into the binary (the `rules/` folder of the source tree). They are
    /// compiled the first time this is called; later calls clone the compiled set.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        BUILTIN.clone().map_err(|message| RuleError::Invalid {
            file: "built-in rules".into(),
            message,
        })
    }

    /// The built-in rule files as (file name, TOML text), in the order they run
    /// (`_fragments.toml` among them).
    pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
        BUILTIN_RULES
    }

    /// Compile rule files given as (file name, TOML text), in that order; `_*.toml` files are
    /// fragment files, loaded first. A file with a built-in rule's id replaces that rule; any
    /// other repeated id is an error. build.rs checks the built-in files with this before
    /// embedding them (there, without built-ins yet, every id must be unique).
    pub fn from_files<N: AsRef<str>, T: AsRef<str>>(
        files: &[(N, T)],
    ) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (name, text) in files.iter().filter(|(n, _)| is_fragment_file(n.as_ref())) {
            set.add_fragments(name.as_ref(), text.as_ref())?;
        }
        for (name, text) in files.iter().filter(|(n, _)| !is_fragment_file(n.as_ref())) {
            let name = name.as_ref();
            set.add(name, Rule::compile(name, text.as_ref(), &set.fragments)?)?;
        }
        set.refresh()?;
        Ok(set)
    }

    fn add_fragments(&mut self, name: &str, text: &str) -> Result<(), RuleError> {
        self.fragments
            .add_file(name, text)
            .map_err(|message| RuleError::Invalid {
                file: name.to_string(),
                message,
            })
    }

    /// Add one rule from the text of a rule file; `name` is its file name
    /// (`30-my-footer.toml`), whose number places it among the others. A rule with a
    /// built-in's id replaces that rule. A `_name.toml` adds named fragments instead.
    pub fn add_str(&mut self, name: &str, toml: &str) -> Result<(), RuleError> {
        if is_fragment_file(name) {
            return self.add_fragments(name, toml);
        }
        let rule = Rule::compile(name, toml, &self.fragments)?;
        let before = self.rules.clone();
        self.add(name, rule)?;
        self.refresh().inspect_err(|_| {
            // A rule that breaks the order is not kept.
            self.rules = before;
        })
    }

    /// Add every `*.toml` in `dir` (file-name order, fragment files `_*.toml` first); a rule
    /// whose id is already present replaces that rule in place, a new one is placed by its
    /// file name among the others.
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
        files.sort_by_key(|p| !is_fragment_file(&p.to_string_lossy()));
        for path in files {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| RuleError::Io {
                file: shown.clone(),
                source,
            })?;
            if is_fragment_file(&shown) {
                self.add_fragments(&shown, &text)?;
                continue;
            }
            let rule = Rule::compile(&shown, &text, &self.fragments)?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            self.add(&name, rule)?;
        }
        self.refresh()
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
            self.rules[i] = Arc::new(rule);
        } else {
            let at = self
                .rules
                .partition_point(|r| sort_key(&r.origin) <= sort_key(file_name));
            self.rules.insert(at, Arc::new(rule));
        }
        Ok(())
    }

    /// Switch rules off by id (`--disable`); an unknown id is an error, not a silent no-op.
    pub fn disable<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), RuleError> {
        if ids.is_empty() {
            // Nothing to rebuild: the prefilter is a tenth of loading the rules.
            return Ok(());
        }
        for id in ids {
            let rule = self.find(id.as_ref(), "--disable")?;
            self.disabled.insert(rule);
        }
        self.refresh()
    }

    /// Switch rules that were switched off back on; an unknown id is an error.
    pub fn enable<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), RuleError> {
        if ids.is_empty() {
            // Nothing to rebuild: the prefilter is a tenth of loading the rules.
            return Ok(());
        }
        for id in ids {
            let rule = self.find(id.as_ref(), "--enable")?;
            self.disabled.remove(&rule);
        }
        self.refresh()
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

    /// Every loaded rule, in order, switched-off ones included.
    pub fn all_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|r| &**r)
    }

    /// The shared fragments as (name, pattern, file).
    pub fn fragments(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.fragments.iter()
    }

    /// After any change to the rules: check their order, and rebuild the enabled list and its
    /// prefilter.
    fn refresh(&mut self) -> Result<(), RuleError> {
        for (i, rule) in self.rules.iter().enumerate() {
            for before in &rule.after {
                if let Some(j) = self.rules.iter().position(|r| &*r.id == before) {
                    if j > i {
                        return Err(RuleError::Invalid {
                            file: rule.origin.clone(),
                            message: format!(
                                "rule {} must run after {before} ({}), but its file name sorts before it",
                                rule.id, self.rules[j].origin
                            ),
                        });
                    }
                }
            }
        }
        self.active = self
            .rules
            .iter()
            .filter(|r| !self.disabled.contains(&r.id))
            .cloned()
            .collect();
        self.plan = Plan::new(&self.rules());
        Ok(())
    }

    /// The rules that run, in order.
    pub fn rules(&self) -> Vec<&Rule> {
        self.active.iter().map(|r| &**r).collect()
    }

    /// Run every enabled rule's `[[case]]`s, each alone and twice (idempotence).
    pub fn test_cases(&self) -> CaseReport {
        cases::run(&self.active, |r, text| self.apply_up_to(r, text))
    }

    /// The enabled rules up to the `r`th, in order, applied to `text` (until a pass changes
    /// nothing, as in a run).
    fn apply_up_to(&self, r: usize, text: &str) -> String {
        let mut set = RuleSet {
            rules: self.active[..=r].to_vec(),
            fragments: self.fragments.clone(),
            ..RuleSet::default()
        };
        set.refresh()
            .expect("a prefix of an ordered set is ordered");
        let mut doc = Document::parse(text);
        set.apply(&mut doc, &mut Vec::new(), false);
        doc.compact();
        doc.render("\n")
    }
}

/// Order by file name without its folder, so user rules interleave with built-ins by prefix.
pub(super) fn sort_key(origin: &str) -> &str {
    origin.rsplit(['/', '\\']).next().unwrap_or(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_a_builtin_rule_names_is_a_rule() {
        let set = RuleSet::builtin().expect("built-in rules compile");
        let known = |id: &str| set.rules.iter().any(|r| &*r.id == id);
        for rule in &set.rules {
            for id in &rule.after {
                assert!(known(id), "{}: after = {id:?} names no rule", rule.origin);
            }
            if let RuleKind::DropTail(tail) = &rule.kind {
                for id in &tail.not_set_apart_by {
                    assert!(known(id), "{}: {id:?} names no rule", rule.origin);
                }
            }
        }
    }

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
    fn a_numbered_replace_needs_its_groups() {
        let err = Rule::from_toml(
            "x.toml",
            "id='foo'\ndescription='d'\nkind='replace'\npattern='^\\d/\\d'\nreplace=''\nnumbered=true\n",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("`numbered = true` needs the groups"),
            "{err}"
        );
    }

    #[test]
    fn key_of_another_kind_names_key_rule_and_file() {
        let err = Rule::from_toml(
            "x.toml",
            "id='foo'\ndescription='d'\nkind='replace'\npattern='x'\nreplace=''\nmax_chars=3\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.toml: rule foo (kind replace) does not use the key \"max_chars\"; keys it takes: \
             pattern, patterns, needs, traditional, replace, zone, zone_lines, min_lines, numbered (besides id, description and [[case]])"
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
    fn an_order_that_after_forbids_is_an_error_naming_both_files() {
        let mut set = RuleSet::default();
        set.add_str(
            "20-line.toml",
            "id='line'\ndescription='d'\nkind='drop-line'\npattern='x'\n",
        )
        .unwrap();
        let err = set
            .add_str(
                "10-inline.toml",
                "id='inline'\ndescription='d'\nkind='replace'\npattern='x'\nreplace=''\nafter=['line']\n",
            )
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "10-inline.toml: rule inline must run after line (20-line.toml), but its file name sorts before it"
        );
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
