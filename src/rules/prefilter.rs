//! Which rules can match a line at all: every pattern rule's required literals (found in its
//! pattern, or declared with `needs`) in one Aho-Corasick automaton. One scan of a line tells
//! which rules to try; a body sentence without `编辑`, `来源` or `页` is never handed to the
//! editor-credit, source or pagination regexes.

use crate::document::RuleBits;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

#[derive(Debug, Clone, Default)]
pub(crate) struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each literal of the automaton, the rules that need it.
    rules_of: Vec<RuleBits>,
    /// Rules to try on every line: no literal set, or no pattern at all.
    always: RuleBits,
}

impl Prefilter {
    /// `needs[i]`: the literals rule `i` needs, `None` to try it on every line.
    pub(crate) fn new(needs: &[Option<&[String]>]) -> Prefilter {
        let mut literals: Vec<&str> = Vec::new();
        let mut rules_of: Vec<RuleBits> = Vec::new();
        let mut always = RuleBits::default();
        for (rule, needs) in needs.iter().enumerate() {
            match needs {
                None => always.set(rule),
                Some(needs) => {
                    for literal in needs.iter() {
                        let at = match literals.iter().position(|l| l == literal) {
                            Some(at) => at,
                            None => {
                                literals.push(literal);
                                rules_of.push(RuleBits::default());
                                literals.len() - 1
                            }
                        };
                        rules_of[at].set(rule);
                    }
                }
            }
        }
        let automaton = (!literals.is_empty()).then(|| {
            // A DFA: the fastest scan, and the automaton is small (a few hundred literals).
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .expect("literal automaton")
        });
        Prefilter {
            automaton,
            rules_of,
            always,
        }
    }

    /// The rules that may match `text`.
    pub(crate) fn candidates(&self, text: &str) -> RuleBits {
        let mut bits = self.always;
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                bits.union(&self.rules_of[m.pattern().as_usize()]);
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_without_a_rules_literals_skips_it() {
        let editor = ["编辑".to_string(), "责编".to_string()];
        let page = ["页".to_string()];
        let p = Prefilter::new(&[Some(&editor), None, Some(&page)]);
        let bits = p.candidates("责编：王五");
        assert!(bits.get(0) && bits.get(1) && !bits.get(2));
        let bits = p.candidates("今天天气很好。");
        assert!(!bits.get(0) && bits.get(1) && !bits.get(2));
        let bits = p.candidates("上一页 编辑");
        assert!(bits.get(0) && bits.get(2));
    }
}
