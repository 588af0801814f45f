//! A decoded text as lines that remember where in the input they came from, so that every
//! edit can name its place in the original even after earlier rules dropped or rewrote lines.

use crate::chars::trim_blank;
use crate::edit::{Edit, RuleId};
use crate::line_facts::LineFacts;
use crate::markup::plain_view;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

/// Line-ending style found in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Newline {
    /// No line break at all.
    None,
    /// `\n` only.
    Lf,
    /// `\r\n` only.
    Crlf,
    /// Lone `\r` only (old Mac files).
    Cr,
    /// More than one style.
    Mixed,
}

impl Newline {
    /// The style's name in reports (`lf`, `crlf`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Newline::None => "none",
            Newline::Lf => "lf",
            Newline::Crlf => "crlf",
            Newline::Cr => "cr",
            Newline::Mixed => "mixed",
        }
    }

    /// The byte sequence written for this style when the original style is kept.
    pub fn sequence(self) -> &'static str {
        match self {
            Newline::Crlf => "\r\n",
            Newline::Cr => "\r",
            _ => "\n",
        }
    }
}

/// The line-ending style of a text.
pub(crate) fn newline_style(text: &str) -> Newline {
    let bytes = text.as_bytes();
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => crlf = true,
            b'\n' => lf = true,
            _ if bytes.get(i + 1) != Some(&b'\n') => cr = true,
            _ => {}
        }
    }
    match (lf, crlf, cr) {
        (false, false, false) => Newline::None,
        (true, false, false) => Newline::Lf,
        (false, true, false) => Newline::Crlf,
        (false, false, true) => Newline::Cr,
        _ => Newline::Mixed,
    }
}

/// One line of a document: its current text, and how that text maps back onto the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The text as the rules have left it so far: borrowed from the input until a rule
    /// rewrites it, so an unchanged line costs no allocation.
    pub text: Cow<'a, str>,
    /// No rule may change or drop this line (fenced code, lines a user marked to keep).
    pub protected: bool,
    /// The Markdown underline of the heading above (protected too): it goes with its heading.
    pub underline: bool,
    /// A rule dropped the line; it leaves `lines` at the next [`Document::compact`].
    pub gone: bool,
    /// The text changed since the last [`Document::stamp`].
    pub dirty: bool,
    /// When the text last changed: the pass and the rule.
    changed_at: Pass,
    /// Facts rules computed about the current text (cleared when the text changes).
    /// Boxed: a line moves often (dropped lines leave by a `retain`), its facts need not.
    pub facts: Option<Box<LineFacts>>,
    /// The text without its Markdown or lynx markup ([`plain_view`]), found on first use.
    view: OnceCell<Option<Box<str>>>,
    /// 1-based number of the input line this came from.
    pub origin: usize,
    /// Byte offset of the input line in the input text.
    start: usize,
    /// Byte length of the input line (without its line break).
    len: usize,
    /// Spans of `text` that rules rewrote, in order, each with the input span (relative to
    /// `start`) it replaced: what maps a later rule's position back onto the input.
    rewritten: Vec<Span>,
}

/// A moment of cleaning: pass `number` (from 1), rule `rule` (its place in the order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pass {
    pub number: u8,
    pub rule: u16,
}

impl Pass {
    /// The same rule one pass earlier.
    pub(crate) fn before(self) -> Pass {
        Pass {
            number: self.number.saturating_sub(1),
            rule: self.rule,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Span {
    now: Range<usize>,
    input: Range<usize>,
}

impl Line<'_> {
    /// Whether a line-local rule must look at this line now: in the first pass every line; in
    /// later passes only a line that changed since this rule last looked at it, one pass ago
    /// (a rule's own output is already clean for it: its cases check it is idempotent).
    pub(crate) fn visit(&self, now: Pass) -> bool {
        !self.protected
            && !self.gone
            && (now.number <= 1 || self.dirty || self.changed_at > now.before())
    }

    /// Did the text change at or after `at` (or since the last stamp)?
    pub(crate) fn changed_since(&self, at: Pass) -> bool {
        self.dirty || self.changed_at >= at
    }

    /// The input line's byte range in the input text.
    pub(crate) fn input_range(&self) -> Range<usize> {
        self.start..self.start + self.len
    }

    /// The text (trimmed of blanks) without its Markdown or lynx markup, if it has any.
    pub(crate) fn view(&self) -> Option<&str> {
        self.view
            .get_or_init(|| plain_view(trim_blank(&self.text)).map(String::into_boxed_str))
            .as_deref()
    }

    /// Replace `changes` (byte ranges of the current text, in order, not overlapping, each
    /// with its replacement) and record one [`Edit`] per change that changes something.
    /// `input` is the document's input text, for character columns.
    pub(crate) fn rewrite(
        &mut self,
        rule: &RuleId,
        input: &str,
        changes: Vec<(Range<usize>, String)>,
        edits: &mut Vec<Edit>,
    ) {
        let changes: Vec<_> = changes
            .into_iter()
            .filter(|(r, after)| self.text[r.clone()] != **after)
            .collect();
        if changes.is_empty() {
            return;
        }
        let lengths: Vec<(Range<usize>, usize)> =
            changes.iter().map(|(r, a)| (r.clone(), a.len())).collect();
        let input_spans = self.compose(&lengths);
        let line_input = &input[self.input_range()];
        // Columns counted incrementally: spans come in order, so a line of many changes
        // stays linear.
        let (mut counted_to, mut column) = (0, 1);
        let grown: usize = changes.iter().map(|(_, after)| after.len()).sum();
        let mut text = String::with_capacity(self.text.len() + grown);
        let mut last = 0;
        for ((range, after), span) in changes.into_iter().zip(input_spans) {
            if span.start >= counted_to {
                column += line_input[counted_to..span.start].chars().count();
                counted_to = span.start;
            }
            text.push_str(&self.text[last..range.start]);
            text.push_str(&after);
            if let Some(facts) = &mut self.facts {
                if after.is_empty() {
                    // A deletion: a literal across the join holds the character before it.
                    if let Some(c) = text.chars().next_back() {
                        facts.pending.add(c);
                    }
                } else {
                    after.chars().for_each(|c| facts.pending.add(c));
                }
            }
            edits.push(Edit {
                rule: rule.clone(),
                line: self.origin,
                column,
                range: self.start + span.start..self.start + span.end,
                pass: 0,
                before: self.text[range.clone()].to_string(),
                after,
            });
            last = range.end;
        }
        text.push_str(&self.text[last..]);
        if let Some(facts) = &mut self.facts {
            facts.verdicts = Default::default();
            facts.reshape = true;
        }
        self.text = Cow::Owned(text);
        self.view = OnceCell::new();
        self.dirty = true;
    }

    /// Fold a batch of changes (current ranges in order, not overlapping, with their new
    /// lengths) into the map of rewritten spans, and return the input span (relative to the
    /// line) each change covers. Binary searches and one sort: a line of many changes stays
    /// `O(n log n)`.
    fn compose(&mut self, changes: &[(Range<usize>, usize)]) -> Vec<Range<usize>> {
        if self.rewritten.is_empty() {
            return self.compose_first(changes);
        }
        let old = std::mem::take(&mut self.rewritten);
        let covered: Vec<Range<usize>> = changes
            .iter()
            .map(|(r, _)| {
                let start = to_input(&old, r.start, Side::Start);
                start..to_input(&old, r.end, Side::End).max(start)
            })
            .collect();
        // Where each change starts in the new text, and the growth of the changes before it.
        let mut new_start = Vec::with_capacity(changes.len());
        let mut shift_before = Vec::with_capacity(changes.len() + 1);
        let mut shift = 0isize;
        for (r, len) in changes {
            shift_before.push(shift);
            new_start.push(moved(r.start, shift));
            shift += *len as isize - r.len() as isize;
        }
        shift_before.push(shift);
        // A current offset in the new text: moved by the changes before it, or snapped to the
        // start or end of the change it lies inside.
        let to_new = |p: usize, side: Side| -> usize {
            let before = match side {
                Side::Start => changes.partition_point(|(r, _)| r.end <= p),
                Side::End => {
                    changes.partition_point(|(r, _)| r.end < p || (r.end == p && !r.is_empty()))
                }
            };
            match changes.get(before) {
                Some((r, len)) if r.start < p && p < r.end => match side {
                    Side::Start => new_start[before],
                    Side::End => new_start[before] + len,
                },
                _ => moved(p, shift_before[before]),
            }
        };
        let mut spans: Vec<Span> = Vec::with_capacity(old.len() + changes.len());
        for s in &old {
            let start = to_new(s.now.start, Side::Start);
            let end = if s.now.is_empty() {
                start
            } else {
                to_new(s.now.end, Side::End).max(start)
            };
            spans.push(Span {
                now: start..end,
                input: s.input.clone(),
            });
        }
        for (i, (_, len)) in changes.iter().enumerate() {
            spans.push(Span {
                now: new_start[i]..new_start[i] + len,
                input: covered[i].clone(),
            });
        }
        spans.sort_by_key(|s| (s.now.start, s.now.end));
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.now.start < last.now.end || span.now.start == last.now.start => {
                    last.now.end = last.now.end.max(span.now.end);
                    last.input.start = last.input.start.min(span.input.start);
                    last.input.end = last.input.end.max(span.input.end);
                }
                _ => merged.push(span),
            }
        }
        self.rewritten = merged;
        covered
    }

    /// [`Line::compose`] for a line no rule rewrote yet (the common case): current offsets
    /// are input offsets, so each change covers its own range.
    fn compose_first(&mut self, changes: &[(Range<usize>, usize)]) -> Vec<Range<usize>> {
        let mut shift = 0isize;
        let mut spans: Vec<Span> = Vec::with_capacity(changes.len());
        for (r, len) in changes {
            let start = moved(r.start, shift);
            let span = Span {
                now: start..start + len,
                input: r.clone(),
            };
            // Touching or empty spans merge, as in `compose`.
            match spans.last_mut() {
                Some(last) if span.now.start < last.now.end || span.now.start == last.now.start => {
                    last.now.end = last.now.end.max(span.now.end);
                    last.input.end = last.input.end.max(span.input.end);
                }
                _ => spans.push(span),
            }
            shift += *len as isize - r.len() as isize;
        }
        self.rewritten = spans;
        changes.iter().map(|(r, _)| r.clone()).collect()
    }

    /// The input offset (absolute) of the current end of the line.
    fn input_end(&self) -> usize {
        self.input_range().end
    }
}

#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

fn moved(at: usize, by: isize) -> usize {
    (at as isize + by) as usize
}

/// The input offset (relative to the line) of current offset `p`, through the rewritten spans
/// (sorted, not overlapping). A start inside a rewritten span snaps to the start of its input,
/// an end to its end, so a range covers everything it touched.
fn to_input(spans: &[Span], p: usize, side: Side) -> usize {
    let at = match side {
        Side::Start => spans.partition_point(|s| s.now.start <= p),
        Side::End => spans.partition_point(|s| s.now.start < p),
    };
    let Some(s) = at.checked_sub(1).map(|i| &spans[i]) else {
        return p;
    };
    match side {
        Side::Start if p < s.now.end => s.input.start,
        Side::End if p <= s.now.end => s.input.end,
        _ => p - s.now.end + s.input.end,
    }
}

/// A text as lines that remember where in the input they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Document<'a> {
    /// The input text the lines were parsed from: edits are placed in it.
    pub input: &'a str,
    pub lines: Vec<Line<'a>>,
    /// Whether the text ended with a line break.
    pub final_newline: bool,
    /// The pass the rules are in, and the rule running.
    pub pass: Pass,
    /// Some lines are marked gone but still in `lines` (see [`Document::compact`]).
    gone_lines: bool,
    /// When a rule last changed the text: what was found of it before then still holds.
    pub last_change: Pass,
}

impl<'a> Document<'a> {
    /// Split on `\n`, `\r\n` and lone `\r` (the style is [`newline_style`]'s business).
    pub(crate) fn parse(text: &'a str) -> Document<'a> {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(memchr::memchr2_iter(b'\n', b'\r', bytes).count() + 1);
        let mut start = 0;
        let mut push = |start: usize, end: usize| {
            lines.push(Line {
                text: Cow::Borrowed(&text[start..end]),
                protected: false,
                underline: false,
                gone: false,
                dirty: false,
                changed_at: Pass::default(),
                facts: None,
                view: OnceCell::new(),
                origin: lines.len() + 1,
                start,
                len: end - start,
                rewritten: Vec::new(),
            })
        };
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i < start {
                continue; // the `\n` of a `\r\n`
            }
            push(start, i);
            start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
        }
        let final_newline = start == bytes.len() && !bytes.is_empty();
        if start < bytes.len() {
            push(start, bytes.len());
        }
        Document {
            input: text,
            lines,
            final_newline,
            pass: Pass::default(),
            gone_lines: false,
            last_change: Pass::default(),
        }
    }

    /// After a rule ran: the lines it changed (those its `edits` name) are stamped with the
    /// pass and the rule, each shown to `changed` first. Found through the edits, not by
    /// sweeping the lines: on a long document one sweep per rule that changed something cost
    /// a tenth of the run.
    pub(crate) fn stamp(&mut self, edits: &[Edit], mut changed: impl FnMut(&mut Line<'a>)) {
        self.last_change = self.pass;
        let mut last = None;
        for edit in edits {
            if last == Some(edit.line) {
                continue;
            }
            last = Some(edit.line);
            let i = self.lines.partition_point(|l| l.origin < edit.line);
            let Some(line) = self.lines.get_mut(i).filter(|l| l.origin == edit.line) else {
                continue;
            };
            if line.dirty {
                changed(line);
                line.changed_at = self.pass;
                line.dirty = false;
            }
        }
    }

    /// Remove the lines for which `drop(index, line)` says so, recording a whole-line edit
    /// for each. Dropping the last line of a text without a final line break keeps the break
    /// that ended the line before it: `a\nfooter` becomes `a\n`, not `a`.
    pub(crate) fn drop_lines(
        &mut self,
        rule: &RuleId,
        mut drop: impl FnMut(usize, &Line<'a>) -> bool,
        edits: &mut Vec<Edit>,
    ) {
        let indexes: Vec<usize> = (0..self.lines.len())
            .filter(|&i| drop(i, &self.lines[i]))
            .collect();
        self.drop_indexes(rule, &indexes, edits);
    }

    /// [`Document::drop_lines`] for the lines at these indexes (ascending): touches only them,
    /// so a rule that drops a few lines of a long document does not walk all of it.
    pub(crate) fn drop_indexes(&mut self, rule: &RuleId, indexes: &[usize], edits: &mut Vec<Edit>) {
        let mut last_dropped = None;
        for &i in indexes {
            if self.lines[i].gone || self.lines[i].protected {
                continue;
            }
            // A Markdown heading's underline (protected on its own) goes with its heading.
            let underlined = self
                .lines
                .get(i + 1)
                .is_some_and(|l| l.underline && !l.gone);
            let with_underline = i + usize::from(underlined);
            for j in i..=with_underline {
                let line = &mut self.lines[j];
                line.gone = true;
                last_dropped = Some(j);
                edits.push(Edit {
                    rule: rule.clone(),
                    line: line.origin,
                    column: 0,
                    range: line.input_range(),
                    pass: 0,
                    before: self.input[line.input_range()].to_string(),
                    after: String::new(),
                });
            }
        }
        let Some(last_dropped) = last_dropped else {
            return;
        };
        self.gone_lines = true;
        match self.lines.iter().rposition(|l| !l.gone) {
            None => self.final_newline = false,
            Some(last_live) if last_dropped > last_live => self.final_newline = true,
            Some(_) => {}
        }
    }

    /// Remove the lines marked gone. Dropping only marks them: one removal after a run of
    /// line rules costs one move of the lines instead of one per rule (a long document).
    /// Rules that look at neighbours or positions compact first.
    pub(crate) fn compact(&mut self) {
        if std::mem::take(&mut self.gone_lines) {
            self.lines.retain(|l| !l.gone);
        }
    }

    /// Add the line break a text should end with, recording it as an edit at the end of the
    /// last line.
    pub(crate) fn add_final_newline(&mut self, rule: &RuleId, edits: &mut Vec<Edit>) {
        let Some(last) = self.lines.last() else {
            return;
        };
        if self.final_newline {
            return;
        }
        let end = last.input_end();
        let column = self.input[last.start..end].chars().count() + 1;
        edits.push(Edit {
            rule: rule.clone(),
            line: last.origin,
            column,
            range: end..end,
            pass: 0,
            before: String::new(),
            after: "\n".into(),
        });
        self.final_newline = true;
    }

    /// Join the lines with `newline`, ending with one when `final_newline` is set.
    pub(crate) fn render(&self, newline: &str) -> String {
        let size: usize = self
            .lines
            .iter()
            .map(|l| l.text.len() + newline.len())
            .sum();
        let mut out = String::with_capacity(size);
        for (i, line) in self.lines.iter().filter(|l| !l.gone).enumerate() {
            if i > 0 {
                out.push_str(newline);
            }
            out.push_str(&line.text);
        }
        if self.final_newline && !self.lines.is_empty() {
            out.push_str(newline);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_styles_and_origins() {
        let d = Document::parse("a\r\nb\r\n");
        assert_eq!(newline_style("a\r\nb\r\n"), Newline::Crlf);
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.lines[1].origin, 2);
        assert!(d.final_newline);
        let d = Document::parse("a\nb\rc");
        assert_eq!(newline_style("a\nb\rc"), Newline::Mixed);
        assert_eq!(
            d.lines.iter().map(|l| &*l.text).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert!(!d.final_newline);
        assert_eq!(d.render("\n"), "a\nb\nc");
    }

    #[test]
    fn empty_text() {
        let d = Document::parse("");
        assert_eq!(newline_style(""), Newline::None);
        assert!(d.lines.is_empty());
        assert_eq!(d.render("\n"), "");
    }

    #[test]
    fn blank_last_line_kept() {
        let d = Document::parse("a\n\n");
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.render("\n"), "a\n\n");
    }

    use proptest::prelude::*;

    /// Non-overlapping changes of `text`, in order, from random cut points.
    fn changes_of(text: &str, picks: &[(usize, usize, String)]) -> Vec<(Range<usize>, String)> {
        let mut out: Vec<(Range<usize>, String)> = Vec::new();
        let mut from = 0;
        for (gap, len, after) in picks {
            let start = from + gap;
            let end = start + len;
            if end > text.len() {
                break;
            }
            out.push((start..end, after.clone()));
            from = end + 1;
        }
        out
    }

    proptest! {
        #[test]
        fn text_outside_rewritten_spans_maps_back_to_the_same_input(
            input in "[a-f]{0,24}",
            rounds in prop::collection::vec(
                prop::collection::vec((0usize..4, 0usize..3, "[x-z]{0,3}"), 0..5), 1..5),
        ) {
            let mut doc = Document::parse(&input);
            let id: RuleId = "t".into();
            let mut edits = Vec::new();
            for (round, picks) in rounds.iter().enumerate() {
                if doc.lines.is_empty() {
                    break;
                }
                let line = &mut doc.lines[0];
                let changes = changes_of(&line.text, picks);
                let first = edits.len();
                line.rewrite(&id, &input, changes, &mut edits);
                for e in &edits[first..] {
                    prop_assert!(e.range.start <= e.range.end && e.range.end <= input.len());
                    if round == 0 {
                        prop_assert_eq!(&input[e.range.clone()], e.before.as_str());
                    }
                }
                let line = &doc.lines[0];
                for (p, byte) in line.text.bytes().enumerate() {
                    let inside = line.rewritten.iter().any(|s| s.now.start <= p && p < s.now.end);
                    if !inside {
                        let q = to_input(&line.rewritten, p, Side::Start);
                        prop_assert_eq!(input.as_bytes()[q], byte, "offset {} of {:?}", p, line.text);
                    }
                }
            }
        }
    }
}
