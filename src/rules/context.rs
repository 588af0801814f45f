//! What the rules of one pass over a document share: the prefilter's verdict and each line
//! rule's match per line (cached on the line until its text changes), and the zones, found by
//! walking in from each end of the text only as far as the widest zone reaches.

use super::edges::edge_cuts;
use super::plan::Plan;
use super::{Rule, Zone};
use crate::chars::is_blank_line;
use crate::chars::is_nfc_safe;
use crate::document::{Document, Line, Pass};
use crate::line_facts::{LineFacts, RuleBits};
use crate::markup::plain_view;
use std::ops::Range;

pub(crate) struct Context<'r> {
    pub rules: Vec<&'r Rule>,
    /// The set's prefilter and rule groups (drop-line rules, edge rules, the zones' reach).
    plan: &'r Plan,
    /// The zone bounds, and the moment when they were found.
    zones: Option<(Pass, Zones)>,
    /// The rules some line of the document may match: the union of every line's
    /// candidates, grown as rules rewrite lines. A rule outside it skips the document
    /// without walking its lines (a forum rule on a news page).
    present: RuleBits,
    /// For each rule, the input line numbers (`origin`, which dropping lines does not move)
    /// of the lines it may match, so that a rule visits only those: on a long document,
    /// sweeping every line for every rule cost more in memory traffic than the rules. Rules
    /// tried on every line keep no list.
    lines_of: Vec<Vec<u32>>,
    /// The lists that a rewrite appended to out of order (sorted before the next walk).
    unsorted: RuleBits,
    /// Rules that try every line: no literal and no shape decides for them.
    every_line: RuleBits,
    /// The index in `lines` of each input line number (`u32::MAX` once it has left), for
    /// `index_for_len` lines.
    index_of_origin: Vec<u32>,
    index_for_len: usize,
    /// Every rewrite of a line, in order: when, and the line's input line number. A later
    /// pass walks a rule over the lines changed since it last ran, not over all its lines.
    changes: Vec<(Pass, u32)>,
    /// The lines of the current walk over changes, by input line number, ascending.
    changed_lines: Vec<u32>,
    surveyed: bool,
}

/// A rule's walk over line indexes (see [`Context::walk`]): the lines are not borrowed, so
/// the walker may change them between steps (but not remove them).
pub(crate) struct Walk {
    rule: usize,
    /// In `Every` mode the next line index, else the next place in the list walked.
    at: usize,
    /// The end of the range of line indexes.
    end: usize,
    mode: WalkMode,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WalkMode {
    /// Every line of the range.
    Every,
    /// The lines the rule may match (its list in `lines_of`).
    Candidates,
    /// The lines changed since a moment (`changed_lines`).
    Changed,
}

impl Walk {
    pub(crate) fn next(&mut self, ctx: &Context) -> Option<usize> {
        let list = match self.mode {
            WalkMode::Every => {
                if self.at >= self.end {
                    return None;
                }
                self.at += 1;
                return Some(self.at - 1);
            }
            WalkMode::Candidates => &ctx.lines_of[self.rule],
            WalkMode::Changed => &ctx.changed_lines,
        };
        while let Some(&origin) = list.get(self.at) {
            self.at += 1;
            // A line that has left is passed by (past the last line, it has no entry).
            let i = match ctx.index_of_origin.get(origin as usize) {
                Some(&i) if i != u32::MAX => i as usize,
                _ => continue,
            };
            return (i < self.end).then_some(i);
        }
        None
    }
}

/// The first content lines (not blank, not furniture) from the top and from the bottom, as
/// many as the widest zone needs, by their input line number (`origin`): a line is in `top N`
/// when it comes no later than the N-th content line from the top. Dropping furniture does
/// not move them (a dropped line was not content), so they hold until one of them goes or a
/// line they looked at changes.
#[derive(Default)]
struct Zones {
    top: Vec<usize>,
    bottom: Vec<usize>,
    /// The lines looked at: origins below `top_seen` and from `bottom_seen` on.
    top_seen: usize,
    bottom_seen: usize,
}

/// The index of the line with input line number `origin`, if it is still in `lines`.
fn index_of(lines: &[Line], origin: usize) -> Option<usize> {
    let i = lines.partition_point(|l| l.origin < origin);
    (lines.get(i).is_some_and(|l| l.origin == origin && !l.gone)).then_some(i)
}

impl<'r> Context<'r> {
    pub(crate) fn new(rules: Vec<&'r Rule>, plan: &'r Plan) -> Context<'r> {
        Context {
            rules,
            plan,
            zones: None,
            present: RuleBits::default(),
            lines_of: Vec::new(),
            unsorted: RuleBits::default(),
            every_line: plan.prefilter.every_line(),
            index_of_origin: Vec::new(),
            index_for_len: usize::MAX,
            changes: Vec::new(),
            changed_lines: Vec::new(),
            surveyed: false,
        }
    }

    /// Look at every line of a new document once: what rules its lines may match.
    pub(crate) fn survey(&mut self, doc: &mut Document) {
        self.lines_of = vec![Vec::new(); self.rules.len()];
        self.surveyed = true;
        for line in &mut doc.lines {
            self.note(line);
        }
    }

    pub(crate) fn surveyed(&self) -> bool {
        self.surveyed
    }

    /// After a rule rewrote a line (at `now`): rules its new text may match (before the
    /// survey, it will see the new text).
    pub(crate) fn survey_changed(&mut self, line: &mut Line, now: Pass) {
        self.changes.push((now, line.origin as u32));
        if self.surveyed && !line.gone {
            self.note(line);
        }
    }

    fn note(&mut self, line: &mut Line) {
        let mut candidates = self.candidates(line);
        self.present.union(&candidates);
        candidates.remove(&self.every_line);
        let origin = line.origin as u32;
        let rules = self.lines_of.len();
        for r in candidates.iter().take_while(|&r| r < rules) {
            let list = &mut self.lines_of[r];
            match list.last() {
                Some(&last) if last == origin => continue,
                Some(&last) if last > origin => self.unsorted.set(r),
                _ => {}
            }
            list.push(origin);
        }
    }

    /// Can rule `r` match anywhere in the document? Only for rules that try lines the
    /// prefilter hands them (see [`Context::survey`]).
    pub(crate) fn may_match_somewhere(&self, r: usize) -> bool {
        self.present.get(r)
    }

    /// Walk the indexes of `range` of the lines rule `r` may match (all of them for a rule
    /// without literals or shapes, or before the survey). With `changed_after`, only the lines
    /// among them that changed after that moment (for a line-local rule in a later pass:
    /// the lines it has not seen as they are now).
    pub(crate) fn walk(
        &mut self,
        r: usize,
        range: Range<usize>,
        lines: &[Line],
        changed_after: Option<Pass>,
    ) -> Walk {
        let every = Walk {
            rule: r,
            at: range.start,
            end: range.end,
            mode: WalkMode::Every,
        };
        let Some(first) = lines.get(range.start) else {
            return every; // an empty range
        };
        let first = first.origin as u32;
        let candidates = self.surveyed && r < self.lines_of.len() && !self.every_line.get(r);
        if !candidates && changed_after.is_none() {
            return every; // the index of origins is not needed
        }
        if self.index_for_len != lines.len() {
            let size = lines.last().map_or(0, |l| l.origin + 1);
            self.index_of_origin.clear();
            self.index_of_origin.resize(size, u32::MAX);
            for (i, line) in lines.iter().enumerate() {
                self.index_of_origin[line.origin] = u32::try_from(i).unwrap_or(u32::MAX);
            }
            self.index_for_len = lines.len();
        }
        if let Some(after) = changed_after {
            let since = self.changes.partition_point(|&(at, _)| at <= after);
            let changed = &self.changes[since..];
            if !candidates || changed.len() < self.lines_of[r].len() {
                self.changed_lines.clear();
                self.changed_lines
                    .extend(changed.iter().map(|&(_, origin)| origin));
                self.changed_lines.sort_unstable();
                self.changed_lines.dedup();
                return Walk {
                    at: self.changed_lines.partition_point(|&o| o < first),
                    mode: WalkMode::Changed,
                    ..every
                };
            }
        }
        if !candidates {
            return every;
        }
        if self.unsorted.get(r) {
            self.lines_of[r].sort_unstable();
            self.lines_of[r].dedup();
            self.unsorted.clear(r);
        }
        Walk {
            at: self.lines_of[r].partition_point(|&o| o < first),
            mode: WalkMode::Candidates,
            ..every
        }
    }

    fn facts<'l>(&self, line: &'l mut Line) -> &'l mut LineFacts {
        let stale = line.facts.as_ref().map(|f| !f.is_current());
        if stale != Some(false) {
            // A rewrite moves a line's edge sentences: the edge rules' verdicts need a new
            // look at them, which only a full scan takes.
            let full = stale.is_none()
                || line.facts.as_ref().is_some_and(|f| f.pending.full)
                || line.view().is_some()
                || self.plan.edge_rules != RuleBits::default();
            let found = full.then(|| self.scan(line));
            let text = &line.text;
            let facts = line.facts.get_or_insert_with(Box::default);
            match found {
                Some((candidates, maybe_denormal)) => {
                    (facts.candidates, facts.maybe_denormal) = (candidates, maybe_denormal);
                }
                None => {
                    let chars = facts.pending.chars();
                    facts
                        .candidates
                        .union(&self.plan.prefilter.rules_with_chars(chars));
                    self.plan
                        .prefilter
                        .recheck_shapes(text, &mut facts.candidates);
                    facts.maybe_denormal |= chars.iter().any(|&c| !is_nfc_safe(c as u32));
                }
            }
            facts.pending = Default::default();
            facts.reshape = false;
        }
        line.facts.as_mut().expect("facts found above")
    }

    /// The prefilter's candidates (none on a blank line), and whether NFC might change it.
    fn scan(&self, line: &Line) -> (RuleBits, bool) {
        let text = &line.text;
        if is_blank_line(text) {
            let denormal = text.chars().any(|c| !is_nfc_safe(c as u32));
            (RuleBits::default(), denormal)
        } else {
            let (mut candidates, denormal) = self.plan.prefilter.scan(text);
            // A literal may span the markup a line shape looks through (`**声明：**本文`).
            if let Some(view) = line.view() {
                candidates.union(&self.plan.prefilter.scan(view).0);
            }
            // An edge rule's literals are in the line if they are in its edge sentence; its
            // whole-line shape gate is not, so the gates look at the sentences alone.
            if self.plan.edge_shapes != RuleBits::default() {
                for (_, sentence) in edge_cuts(text) {
                    let mut found = self.plan.prefilter.shape_hits(sentence);
                    // A sentence in markup (a Markdown link) is matched as its reader sees it.
                    if let Some(view) = plain_view(sentence) {
                        found.union(&self.plan.prefilter.shape_hits(&view));
                    }
                    found.intersect(&self.plan.edge_shapes);
                    candidates.union(&found);
                }
            }
            (candidates, denormal)
        }
    }

    /// Is the line surely in NFC already? One look at the characters, shared with the prefilter.
    pub(crate) fn surely_nfc(&self, line: &mut Line) -> bool {
        !self.facts(line).maybe_denormal
    }

    /// The rules that may match the line (its required literals occur in it).
    pub(crate) fn candidates(&self, line: &mut Line) -> RuleBits {
        self.facts(line).candidates
    }

    /// Does drop-line rule `r` match this line as a whole? Tried once per line text, and only
    /// if the prefilter lets it.
    pub(crate) fn line_matches(&self, r: usize, line: &mut Line) -> bool {
        if line.protected || line.gone {
            return false;
        }
        let facts = self.facts(line);
        if let Some(matched) = facts.verdicts.get(r) {
            return matched;
        }
        let matches = facts.candidates.get(r)
            && !is_blank_line(&line.text)
            && self.rules[r].line_shape_matches(line);
        self.facts(line).verdicts.set(r, matches);
        matches
    }

    /// Is the line content: not blank, not protected furniture, matched by no drop-line rule?
    /// Its facts are kept, so that [`Context::update_zones`] sees when it changes.
    /// Only the drop-line rules among the line's candidates are tried.
    pub(crate) fn is_content(&self, line: &mut Line) -> bool {
        let mut maybe = self.facts(line).candidates;
        if is_blank_line(&line.text) {
            return false;
        }
        maybe.intersect(&self.plan.line_rules);
        let past = self.plan.line_rules_past.iter().copied();
        !maybe.iter().chain(past).any(|r| self.line_matches(r, line))
    }

    /// Bring the zone bounds up to date with the document.
    pub(crate) fn update_zones(&mut self, doc: &mut Document) {
        let lines = &doc.lines;
        let still_valid = |at: Pass, z: &Zones| {
            let top_end = lines.partition_point(|l| l.origin < z.top_seen);
            let bottom_start = lines.partition_point(|l| l.origin < z.bottom_seen);
            z.top
                .iter()
                .chain(&z.bottom)
                .all(|&o| index_of(lines, o).is_some())
                && lines[..top_end]
                    .iter()
                    .chain(&lines[bottom_start.max(top_end)..])
                    .all(|l| l.gone || (l.facts.is_some() && !l.changed_since(at)))
        };
        if let Some((at, z)) = &mut self.zones {
            // Nothing changed since they were found (the common case), or nothing they
            // depend on: they hold now.
            if doc.last_change < *at || still_valid(*at, z) {
                *at = doc.pass;
                return;
            }
        }
        let len = doc.lines.len();
        let mut zones = Zones {
            top_seen: 0,
            bottom_seen: usize::MAX,
            ..Zones::default()
        };
        for i in 0..len {
            if zones.top.len() == self.plan.reach.0 {
                break;
            }
            let line = &mut doc.lines[i];
            zones.top_seen = line.origin + 1;
            if !line.gone && self.is_content(line) {
                zones.top.push(line.origin);
            }
        }
        for i in (0..len).rev() {
            if zones.bottom.len() == self.plan.reach.1 {
                break;
            }
            let line = &mut doc.lines[i];
            zones.bottom_seen = line.origin;
            if !line.gone && self.is_content(line) {
                zones.bottom.push(line.origin);
            }
        }
        self.zones = Some((doc.pass, zones));
    }

    /// The lines of `zone`, as a range of line indexes. (Call [`Context::update_zones`] first.)
    pub(crate) fn zone_lines(&self, zone: Zone, lines: &[Line]) -> Range<usize> {
        let len = lines.len();
        let z = match &self.zones {
            Some((_, z)) => z,
            None => return 0..len,
        };
        let at = |o: usize| index_of(lines, o).expect("zone lines are live");
        match zone {
            Zone::Any => 0..len,
            Zone::Top(n) => 0..z.top.get(n - 1).map_or(len, |&o| at(o) + 1),
            Zone::Bottom(n) => z.bottom.get(n - 1).map_or(0, |&o| at(o))..len,
        }
    }

    /// Is line `i` inside `zone`?
    pub(crate) fn in_zone(&self, zone: Zone, i: usize, lines: &[Line]) -> bool {
        self.zone_lines(zone, lines).contains(&i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn a_walk_visits_only_the_lines_that_may_match() {
        let set = RuleSet::builtin().unwrap();
        let rules = set.rules();
        let credit = rules
            .iter()
            .position(|r| &*r.id == "editor-credit")
            .unwrap();
        let text: String = (1..=100)
            .map(|n| match n {
                70 => "责任编辑：张三\n".to_string(),
                _ => format!("第{n}行正文。\n"),
            })
            .collect();
        let mut doc = Document::parse(&text);
        let mut ctx = Context::new(rules, &set.plan);
        ctx.survey(&mut doc);
        let walked = |ctx: &mut Context, doc: &Document| {
            let mut walk = ctx.walk(credit, 0..doc.lines.len(), &doc.lines, None);
            let mut seen = Vec::new();
            while let Some(i) = walk.next(ctx) {
                seen.push(doc.lines[i].origin);
            }
            seen
        };
        // Only line 70 holds the rule's literals.
        assert_eq!(walked(&mut ctx, &doc), vec![70]);
        // Lines leave: the walk finds the same input lines at their new indexes.
        let leaving: Vec<usize> = (9..30).collect();
        doc.drop_indexes(&"test".into(), &leaving, &mut Vec::new());
        doc.compact();
        assert_eq!(doc.lines.len(), 79);
        assert_eq!(walked(&mut ctx, &doc), vec![70]);
        // A walk over a range that starts at the line, and one past it.
        let at_70 = doc.lines.iter().position(|l| l.origin == 70).unwrap();
        let mut walk = ctx.walk(credit, at_70..at_70 + 2, &doc.lines, None);
        assert_eq!(
            (walk.next(&ctx), walk.next(&ctx), walk.next(&ctx)),
            (Some(at_70), None, None)
        );
        let mut walk = ctx.walk(credit, at_70 + 40..doc.lines.len(), &doc.lines, None);
        assert_eq!(walk.next(&ctx), None);
    }
}
