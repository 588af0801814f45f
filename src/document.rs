//! A decoded text as lines that remember where in the input they came from, so that every
//! edit can name its place in the original even after earlier rules dropped or rewrote lines.

use crate::edit::{Edit, RuleId};
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
pub fn newline_style(text: &str) -> Newline {
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
pub(crate) struct Line {
    /// The text as the rules have left it so far.
    pub text: String,
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

#[derive(Clone, Debug, PartialEq, Eq)]
struct Span {
    now: Range<usize>,
    input: Range<usize>,
}

impl Line {
    /// The input line's byte range in the input text.
    pub fn input_range(&self) -> Range<usize> {
        self.start..self.start + self.len
    }

    /// Replace `changes` (byte ranges of the current text, in order, not overlapping, each
    /// with its replacement) and record one [`Edit`] per change that changes something.
    /// `input` is the document's input text, for character columns.
    pub fn rewrite(
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
        let mut text = String::with_capacity(self.text.len());
        let mut last = 0;
        for ((range, after), span) in changes.into_iter().zip(input_spans) {
            if span.start >= counted_to {
                column += line_input[counted_to..span.start].chars().count();
                counted_to = span.start;
            }
            text.push_str(&self.text[last..range.start]);
            text.push_str(&after);
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
        self.text = text;
    }

    /// Fold a batch of changes (current ranges in order, with their new lengths) into the
    /// map of rewritten spans, and return the input span (relative to the line) each change
    /// covers. One merge over both lists: linear however many changes a line takes.
    fn compose(&mut self, changes: &[(Range<usize>, usize)]) -> Vec<Range<usize>> {
        let old = std::mem::take(&mut self.rewritten);
        let mut spans = Vec::with_capacity(old.len() + changes.len());
        let mut covered = Vec::with_capacity(changes.len());
        let mut i = 0;
        // `delta`: input offset minus current offset just after the spans passed so far;
        // `shift`: new offset minus current offset after the changes placed so far.
        let (mut delta, mut shift) = (0isize, 0isize);
        let moved = |at: usize, by: isize| (at as isize + by) as usize;
        for (range, new_len) in changes {
            while i < old.len() && old[i].now.end <= range.start {
                let s = &old[i];
                spans.push(Span {
                    now: moved(s.now.start, shift)..moved(s.now.end, shift),
                    input: s.input.clone(),
                });
                delta = s.input.end as isize - s.now.end as isize;
                i += 1;
            }
            let (mut now_start, mut now_end) = (range.start, range.end);
            let mut input_start = moved(range.start, delta);
            // Spans the change overlaps are folded into one.
            while i < old.len() && old[i].now.start < range.end {
                let s = &old[i];
                now_start = now_start.min(s.now.start);
                now_end = now_end.max(s.now.end);
                input_start = input_start.min(s.input.start);
                delta = s.input.end as isize - s.now.end as isize;
                i += 1;
            }
            let input_end = moved(now_end, delta);
            let grow = *new_len as isize - (range.end - range.start) as isize;
            spans.push(Span {
                now: moved(now_start, shift)..moved(now_end, shift + grow),
                input: input_start..input_end,
            });
            covered.push(input_start..input_end);
            shift += grow;
        }
        for s in &old[i..] {
            spans.push(Span {
                now: moved(s.now.start, shift)..moved(s.now.end, shift),
                input: s.input.clone(),
            });
        }
        self.rewritten = spans;
        covered
    }

    /// The input offset (absolute) of the current end of the line.
    fn input_end(&self) -> usize {
        self.input_range().end
    }
}

/// A text as lines that remember where in the input they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Document<'a> {
    /// The input text the lines were parsed from: edits are placed in it.
    pub input: &'a str,
    pub lines: Vec<Line>,
    /// Whether the text ended with a line break.
    pub final_newline: bool,
}

impl<'a> Document<'a> {
    /// Split on `\n`, `\r\n` and lone `\r` (the style is [`newline_style`]'s business).
    pub fn parse(text: &'a str) -> Document<'a> {
        let mut lines = Vec::new();
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        let mut push = |start: usize, end: usize| {
            lines.push(Line {
                text: text[start..end].to_string(),
                origin: lines.len() + 1,
                start,
                len: end - start,
                rewritten: Vec::new(),
            })
        };
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    push(start, i);
                    start = i + 1;
                }
                b'\r' => {
                    push(start, i);
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        let final_newline = start == bytes.len() && !bytes.is_empty();
        if start < bytes.len() {
            push(start, bytes.len());
        }
        Document {
            input: text,
            lines,
            final_newline,
        }
    }

    /// Remove the lines for which `drop(index, line)` says so, recording a whole-line edit
    /// for each. Dropping the last line of a text without a final line break keeps the break
    /// that ended the line before it: `a\nfooter` becomes `a\n`, not `a`.
    pub fn drop_lines(
        &mut self,
        rule: &RuleId,
        mut drop: impl FnMut(usize, &Line) -> bool,
        edits: &mut Vec<Edit>,
    ) {
        let last = self.lines.len();
        let mut dropped_last = false;
        let mut index = 0;
        self.lines.retain(|line| {
            let gone = drop(index, line);
            index += 1;
            if gone {
                dropped_last |= index == last;
                edits.push(Edit {
                    rule: rule.clone(),
                    line: line.origin,
                    column: 0,
                    range: line.input_range(),
                    pass: 0,
                    before: line.text.clone(),
                    after: String::new(),
                });
            }
            !gone
        });
        if self.lines.is_empty() {
            self.final_newline = false;
        } else if dropped_last {
            self.final_newline = true;
        }
    }

    /// Add the line break a text should end with, recording it as an edit at the end of the
    /// last line.
    pub fn add_final_newline(&mut self, rule: &RuleId, edits: &mut Vec<Edit>) {
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
    pub fn render(&self, newline: &str) -> String {
        let size: usize = self
            .lines
            .iter()
            .map(|l| l.text.len() + newline.len())
            .sum();
        let mut out = String::with_capacity(size);
        for (i, line) in self.lines.iter().enumerate() {
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
            d.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
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
}
