//! What the rules of one pass over a document share: the prefilter's verdicts and the
//! furniture mask per line (cached on the line until its text changes), and the zone index
//! computed from that mask, recomputed only after lines changed or went.

use super::prefilter::Prefilter;
use super::{Rule, RuleKind, Zone};
use crate::chars::{is_blank_line, trim_blank};
use crate::document::{Document, Line, LineFacts, RuleBits};

pub(crate) struct Context<'r> {
    pub rules: Vec<&'r Rule>,
    prefilter: &'r Prefilter,
    /// Indexes of the `drop-line` rules: the furniture mask is "some drop-line rule matches".
    line_rules: Vec<usize>,
    /// The zone index and the number of edits when it was computed (any edit since may have
    /// moved a line or changed whether it is furniture).
    zones: Option<(usize, ZoneIndex)>,
}

/// For each line, how many content lines (not blank, not furniture) lie before it and after
/// it: a line is in `top N` when fewer than N content lines precede it.
#[derive(Default)]
struct ZoneIndex {
    before: Vec<u32>,
    after: Vec<u32>,
}

impl<'r> Context<'r> {
    pub(crate) fn new(rules: Vec<&'r Rule>, prefilter: &'r Prefilter) -> Context<'r> {
        let line_rules = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.kind, RuleKind::DropLine { .. }))
            .map(|(i, _)| i)
            .collect();
        Context {
            rules,
            prefilter,
            line_rules,
            zones: None,
        }
    }

    /// The rules that may match the line (its required literals occur in it).
    pub(crate) fn candidates(&self, line: &mut Line) -> RuleBits {
        if let Some(f) = &line.facts {
            return f.candidates;
        }
        let candidates = if is_blank_line(&line.text) {
            RuleBits::default()
        } else {
            self.prefilter.candidates(&line.text)
        };
        line.facts = Some(LineFacts {
            candidates,
            ..LineFacts::default()
        });
        candidates
    }

    /// Which drop-line rules match the line as a whole (each tried only if the prefilter lets it).
    fn matches(&self, line: &mut Line) -> RuleBits {
        let candidates = self.candidates(line);
        let facts = line.facts.as_mut().expect("facts computed");
        if !facts.matched {
            let trimmed = trim_blank(&line.text);
            for &r in &self.line_rules {
                if candidates.get(r) && self.rules[r].line_shape_matches(trimmed) {
                    facts.matches.set(r);
                }
            }
            facts.matched = true;
        }
        facts.matches
    }

    /// Does drop-line rule `r` match this line?
    pub(crate) fn line_matches(&self, r: usize, line: &mut Line) -> bool {
        if r >= RuleBits::CAPACITY {
            return !is_blank_line(&line.text)
                && self.rules[r].line_shape_matches(trim_blank(&line.text));
        }
        !line.protected && self.matches(line).get(r)
    }

    /// Is the line furniture (some drop-line rule matches it)?
    fn is_furniture(&self, line: &mut Line) -> bool {
        !line.protected && !is_blank_line(&line.text) && self.matches(line).any()
    }

    /// Bring the zone index up to date with the document (`edits`: how many edits so far).
    pub(crate) fn update_zones(&mut self, doc: &mut Document, edits: usize) {
        if self
            .zones
            .as_ref()
            .is_some_and(|(at, z)| *at == edits && z.before.len() == doc.lines.len())
        {
            return;
        }
        let content: Vec<bool> = doc
            .lines
            .iter_mut()
            .map(|l| !is_blank_line(&l.text) && !self.is_furniture(l))
            .collect();
        let mut index = ZoneIndex::default();
        let mut count = 0u32;
        for &c in &content {
            index.before.push(count);
            count += u32::from(c);
        }
        let mut after = vec![0u32; content.len()];
        let mut count = 0u32;
        for i in (0..content.len()).rev() {
            after[i] = count;
            count += u32::from(content[i]);
        }
        index.after = after;
        self.zones = Some((edits, index));
    }

    /// Is line `i` inside `zone`? (Call [`Context::update_zones`] first.)
    pub(crate) fn in_zone(&self, zone: Zone, i: usize) -> bool {
        let Some((_, z)) = &self.zones else {
            return zone == Zone::Any;
        };
        match zone {
            Zone::Any => true,
            Zone::Top(n) => (z.before[i] as usize) < n,
            Zone::Bottom(n) => (z.after[i] as usize) < n,
        }
    }
}
