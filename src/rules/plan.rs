//! What a pass over a document asks of every rule of a set, found once when the set is built:
//! the prefilter, each rule's flags for the pass loop, and the rule groups a context needs.
//! Asking each rule per document (its kind, its zone) cost more than most small documents'
//! own rules did.

use super::prefilter::Prefilter;
use super::{Rule, RuleKind, Zone};
use crate::line_facts::RuleBits;

/// The pass loop's questions about one rule, as bits (a byte a rule: the loop over a set's
/// rules reads a few cache lines, not every rule).
pub(crate) mod flag {
    /// Tries only the lines whose prefilter candidates name it.
    pub(crate) const PREFILTERED: u8 = 1;
    /// Looks at one line at a time (no zone, no neighbours).
    pub(crate) const LINE_LOCAL: u8 = 2;
    /// Runs again in later passes.
    pub(crate) const REPEATABLE: u8 = 4;
    /// Only drops whole lines (never rewrites one).
    pub(crate) const DROPS_ONLY: u8 = 8;
    /// The final-newline rule (not for bare strings).
    pub(crate) const FINAL_NEWLINE: u8 = 16;
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub prefilter: Prefilter,
    /// Each rule's [`flag`]s, by index.
    pub flags: Vec<u8>,
    /// The `drop-line` rules: the furniture mask is "some drop-line rule matches". Those
    /// past the capacity of [`RuleBits`] are listed apart.
    pub line_rules: RuleBits,
    pub line_rules_past: Vec<usize>,
    /// The drop-line rules that also cut a line's edge sentences.
    pub edge_rules: RuleBits,
    /// Those of them the shape pass gates (they have no literals).
    pub edge_shapes: RuleBits,
    /// The widest top and bottom zones of the set, in content lines.
    pub reach: (usize, usize),
}

impl Plan {
    pub(crate) fn new(rules: &[&Rule]) -> Plan {
        let needs: Vec<Option<&[String]>> = rules.iter().map(|r| r.prefilter_literals()).collect();
        let gates = (rules.iter().enumerate())
            .filter_map(|(r, rule)| Some((r, rule.shape_gate()?)))
            .collect();
        let prefilter = Prefilter::new(&needs).with_shapes(gates);
        let mut plan = Plan {
            flags: rules.iter().map(|r| flags_of(r)).collect(),
            ..Plan::default()
        };
        for (i, rule) in rules.iter().enumerate() {
            if matches!(
                rule.kind,
                RuleKind::DropLine {
                    edge_sentences: true,
                    ..
                }
            ) {
                plan.edge_rules.set(i);
            }
            // A repeated-template rule's line may stay: it does not move the zones.
            if matches!(rule.kind, RuleKind::DropLine { min_lines: 1, .. }) {
                if i < RuleBits::CAPACITY {
                    plan.line_rules.set(i);
                } else {
                    plan.line_rules_past.push(i);
                }
            }
            match rule.zone() {
                Some(Zone::Top(n)) => plan.reach.0 = plan.reach.0.max(n),
                Some(Zone::Bottom(n)) => plan.reach.1 = plan.reach.1.max(n),
                _ => {}
            }
        }
        plan.edge_shapes = prefilter.shape_gated();
        plan.edge_shapes.intersect(&plan.edge_rules);
        plan.prefilter = prefilter;
        plan
    }

    /// Does rule `r` have `flag`?
    pub(crate) fn has(&self, r: usize, flag: u8) -> bool {
        self.flags[r] & flag != 0
    }
}

fn flags_of(rule: &Rule) -> u8 {
    let mut flags = 0;
    let mut add = |yes: bool, flag: u8| {
        if yes {
            flags |= flag;
        }
    };
    add(rule.tries_prefiltered_lines(), flag::PREFILTERED);
    add(rule.is_line_local(), flag::LINE_LOCAL);
    add(rule.repeatable(), flag::REPEATABLE);
    add(rule.only_drops_lines(), flag::DROPS_ONLY);
    add(
        matches!(rule.kind, RuleKind::FinalNewline),
        flag::FINAL_NEWLINE,
    );
    flags
}
