//! Why a line was (or was not) changed: each rule's verdict on one line of a text, for rule
//! authors (`doctidy rules why FILE:LINE`). The verdicts come from the same prefilter, facts
//! and zones as cleaning does, on the text as it is before any rule ran.

use super::context::Context;
use super::{RuleKind, RuleSet};
use crate::chars::{is_blank_line, trim_blank};
use crate::document::Document;

/// What a rule makes of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The line holds none of the literals the rule's pattern needs: the pattern is not tried.
    Prefiltered {
        /// The literals the rule looks for.
        needs: Vec<String>,
    },
    /// The rule has no literals, and the shape pass (one lazy DFA over the patterns of all such
    /// rules, block triggers included) found that its pattern cannot match the line: the rule
    /// is not tried.
    ShapeSkipped,
    /// The pattern (or shape) was tried and does not match the line.
    NoMatch,
    /// The rule matches the line but the line lies outside the rule's zone.
    OutsideZone,
    /// The rule matches the line (a drop rule drops it, a replace rule rewrites part of it).
    Matches,
    /// No rule may touch the line (a protect rule marked it).
    Protected,
    /// The rule does not judge single lines (punctuation, whitespace, blocks): see the edits
    /// of a real run.
    NotALineRule,
}

/// One rule's verdict on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineVerdict {
    /// The rule's id.
    pub rule: String,
    /// The rule's kind.
    pub kind: String,
    /// What the rule makes of the line.
    pub verdict: Verdict,
}

impl RuleSet {
    /// Each enabled rule's verdict on line `line` (1-based) of `text`, before any rule changed
    /// the text; `None` when the text has no such line.
    pub fn why(&self, text: &str, line: usize) -> Option<Vec<LineVerdict>> {
        let mut doc = Document::parse(text);
        let i = line.checked_sub(1).filter(|&i| i < doc.lines.len())?;
        let mut ctx = Context::new(self.rules(), &self.plan);
        doc.pass = crate::document::Pass { number: 1, rule: 0 };
        // Protection first, as in a run: protect rules come first in the order.
        for rule in &self.active {
            if let RuleKind::Protect(p) = &rule.kind {
                p.apply(&mut doc);
            }
        }
        ctx.update_zones(&mut doc);
        let protected = doc.lines[i].protected;
        let candidates = ctx.candidates(&mut doc.lines[i]);
        let text = doc.lines[i].text.to_string();
        let trimmed = trim_blank(&text);
        let verdicts = self
            .active
            .iter()
            .enumerate()
            .map(|(r, rule)| {
                let verdict = if protected && !matches!(rule.kind, RuleKind::Protect(_)) {
                    Verdict::Protected
                } else {
                    match &rule.kind {
                        RuleKind::DropLine { zone, .. } | RuleKind::Replace { zone, .. } => {
                            let skipped = !candidates.get(r) || is_blank_line(&text);
                            if skipped && rule.shape_gated() && !is_blank_line(&text) {
                                Verdict::ShapeSkipped
                            } else if skipped {
                                Verdict::Prefiltered {
                                    needs: rule.prefilter_literals().unwrap_or_default().to_vec(),
                                }
                            } else if !rule_matches(rule, trimmed, &text) {
                                Verdict::NoMatch
                            } else if !ctx.in_zone(*zone, i, &doc.lines) {
                                Verdict::OutsideZone
                            } else {
                                Verdict::Matches
                            }
                        }
                        _ => Verdict::NotALineRule,
                    }
                };
                LineVerdict {
                    rule: rule.id.to_string(),
                    kind: rule.kind().to_string(),
                    verdict,
                }
            })
            .collect();
        Some(verdicts)
    }
}

fn rule_matches(rule: &super::Rule, trimmed: &str, text: &str) -> bool {
    match &rule.kind {
        RuleKind::DropLine { shape, .. } => shape.matches(trimmed),
        RuleKind::Replace { pattern, .. } => !pattern.replacements(text, "").is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_name_prefiltered_tried_and_matching_rules() {
        let mut set = RuleSet::default();
        // A drop-line rule `id` in file `NN-id.toml`, with the given pattern and extra keys.
        fn add(set: &mut RuleSet, n: u8, id: &str, pattern: &str, extra: &str) {
            let text = format!(
                "id='{id}'\ndescription='d'\nkind='drop-line'\npattern='{pattern}'\n{extra}"
            );
            set.add_str(&format!("{n}-{id}.toml"), &text).unwrap();
        }
        add(&mut set, 10, "credit", "责任编辑：\\p{Han}+", "");
        add(&mut set, 11, "pages", "上一页.*", "traditional=false\n");
        add(&mut set, 12, "end", "责任编辑.*", "zone='first-line'\n");
        let v = set.why("正文。\n责任编辑：王五\n", 2).unwrap();
        assert_eq!(v[0].verdict, Verdict::Matches);
        assert_eq!(
            v[1].verdict,
            Verdict::Prefiltered {
                needs: vec!["上一页".into()]
            }
        );
        assert_eq!(v[2].verdict, Verdict::OutsideZone);
        let v = set.why("责任编辑：王五五1\n", 1).unwrap();
        assert_eq!(v[0].verdict, Verdict::NoMatch);
        add(&mut set, 13, "date", "\\d{4}-\\d{2}-\\d{2}", "");
        let v = set.why("正文。\n2019-05-03\n", 1).unwrap();
        assert_eq!(v[3].verdict, Verdict::ShapeSkipped);
        let v = set.why("正文。\n2019-05-03\n", 2).unwrap();
        assert_eq!(v[3].verdict, Verdict::Matches);
        // The gate does not count digits: the rule itself is tried and refuses.
        let v = set.why("2019-05-033\n", 1).unwrap();
        assert_eq!(v[3].verdict, Verdict::NoMatch);
        assert!(set.why("a\n", 2).is_none());
    }
}
