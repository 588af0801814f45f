//! The pass loop: every rule in order, again while a pass changes something, and what a
//! run reports of it.

use super::context::Context;
use super::plan::flag;
use super::RuleSet;
use crate::document::{Document, Pass};
use crate::edit::{Edit, RuleId};

/// Passes over a document before giving up on reaching a fixed point (rules that undo each
/// other); the idempotence tests would catch such a pair, and a run that hits it says so.
/// Eight, not four: a chain of furniture glued after a paragraph loses its last item a pass when
/// each item is another rule's (`……（未完待续）责任编辑：王五 2019年03月12日 09:30 来源：某网` takes
/// one pass for the source, one for the date, one for the credit), and later passes visit only
/// the lines the pass before changed, so a document that settles early pays nothing for them.
pub(crate) const MAX_PASSES: u8 = 8;

/// Whether the rules reached a fixed point on a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Convergence {
    /// The last pass changed nothing.
    pub converged: bool,
    /// Rules that still changed something in the last pass (empty when converged).
    pub still_changing: Vec<RuleId>,
}

impl RuleSet {
    /// Apply every rule in order, and again while a pass still changes something (one rule's
    /// output can be another's input: removing spaces can make a line match a furniture
    /// pattern). Like ruff's fix loop, this makes cleaning idempotent by construction; a
    /// document still changing after [`MAX_PASSES`] is reported, not hidden. Passes after the
    /// first visit, for line-local rules, only the lines the pass before changed.
    /// `final_newline` says whether the final-newline rule may run (not for bare strings).
    pub(crate) fn apply(
        &self,
        doc: &mut Document,
        edits: &mut Vec<Edit>,
        final_newline: bool,
    ) -> Convergence {
        let first = edits.len();
        let convergence = self.run_passes(doc, edits, final_newline);
        forget_edits_of_removed_lines(edits, first);
        convergence
    }

    fn run_passes(
        &self,
        doc: &mut Document,
        edits: &mut Vec<Edit>,
        final_newline: bool,
    ) -> Convergence {
        let plan = &self.plan;
        let mut ctx = Context::new(self.rules(), plan);
        for pass in 1..=MAX_PASSES {
            let before = edits.len();
            for r in 0..self.active.len() {
                // The flags first: most rules skip most documents, and asking each rule
                // itself cost more than running the few that apply.
                let prefiltered = plan.has(r, flag::PREFILTERED);
                if prefiltered && !ctx.surveyed() {
                    // After the first rewrites (indents stripped): fewer lines to look at twice.
                    ctx.survey(doc);
                }
                let skip = (pass > 1 && !plan.has(r, flag::REPEATABLE))
                    || (!final_newline && plan.has(r, flag::FINAL_NEWLINE))
                    || (prefiltered && !ctx.may_match_somewhere(r));
                if skip {
                    continue;
                }
                let rule = &self.active[r];
                doc.pass = Pass {
                    number: pass,
                    rule: u16::try_from(r).unwrap_or(u16::MAX),
                };
                if !plan.has(r, flag::LINE_LOCAL) {
                    doc.compact();
                }
                let at = edits.len();
                rule.apply(r, doc, edits, &mut ctx);
                if edits.len() > at {
                    if plan.has(r, flag::DROPS_ONLY) {
                        // No line was rewritten: no sweep for changed lines (on a long
                        // document, one sweep per rule that changed something adds up).
                        doc.last_change = doc.pass;
                    } else {
                        let now = doc.pass;
                        doc.stamp(&edits[at..], |line| ctx.survey_changed(line, now));
                    }
                }
            }
            doc.compact();
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
}

/// A furniture line may have been rewritten before it went (its indentation stripped, its
/// controls removed, or in a later pass). Those rewrites changed nothing in the output: only
/// the removal is reported (with the line as it was in the input).
fn forget_edits_of_removed_lines(edits: &mut Vec<Edit>, first: usize) {
    let mut removed: Vec<usize> = edits[first..]
        .iter()
        .filter(|e| e.is_line_removal())
        .map(|e| e.line)
        .collect();
    if removed.is_empty() {
        return;
    }
    removed.sort_unstable();
    let mut i = 0;
    edits.retain(|e| {
        i += 1;
        i <= first || e.is_line_removal() || removed.binary_search(&e.line).is_err()
    });
}
