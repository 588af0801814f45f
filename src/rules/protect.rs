//! Protected lines: code and the lines a user marks to keep, which no other rule may change or
//! drop. The rule marks lines (`Line::protected`); the other rules and `Document::drop_lines`
//! pass marked lines by. It records no edit: it changes nothing itself.

use super::pattern::Pattern;
use super::predicates::{is_han, no_han_outside_quotes};
use crate::chars::{is_blank_line, trim_blank};
use crate::document::{Document, Line};
use crate::markup::is_underline_of;

#[derive(Debug, Clone)]
pub(crate) struct Protect {
    pub fences: bool,
    pub indented_code: bool,
    /// Unfenced code under the prose line that introduces it (see `protect_introduced_code`).
    pub introduced_code: bool,
    /// The underline of a Markdown heading (see `markup::is_underline_of`).
    pub setext_headings: bool,
    /// Lines ending in a colon that introduce no code: a page's labels (`分享到：`, `扫码关注我们：`).
    pub code_intro_unless: Option<Pattern>,
    pub keep_lines: Option<Pattern>,
    pub keep_between: Option<(Pattern, Pattern)>,
}

impl Protect {
    pub(crate) fn apply(&self, doc: &mut Document) {
        let lines = &mut doc.lines;
        if self.fences {
            let mut open: Option<(char, usize)> = None;
            for line in lines.iter_mut() {
                let fence = fence_of(&line.text);
                match (open, fence) {
                    (None, Some(f)) => {
                        open = Some(f);
                        line.protected = true;
                    }
                    (Some((c, n)), Some((d, m))) if c == d && m >= n && closes(&line.text) => {
                        open = None;
                        line.protected = true;
                    }
                    // A copy button glued to the closing fence (`` ```一键复制 ``): the block
                    // ends there, and the line is left to the rules that cut the button.
                    (Some((c, n)), Some((d, m)))
                        if c == d && m >= n && closes_glued(&line.text) =>
                    {
                        open = None;
                    }
                    (Some(_), _) => line.protected = true,
                    (None, None) => {}
                }
            }
        }
        if self.indented_code {
            let mut i = 0;
            while i < lines.len() {
                let after_blank = i == 0 || is_blank_line(&lines[i - 1].text);
                if !after_blank || !is_indented_code(&lines[i].text) {
                    i += 1;
                    continue;
                }
                // The block: indented code lines, and blank lines followed by more of them.
                let mut end = i;
                let mut j = i;
                while j < lines.len() {
                    if is_indented_code(&lines[j].text) {
                        end = j + 1;
                    } else if !is_blank_line(&lines[j].text) {
                        break;
                    }
                    j += 1;
                }
                let looks_like_code = lines[i..end]
                    .iter()
                    .any(|l| l.text.contains([';', '{', '}', '(', ')', '=', '<', '>']));
                if looks_like_code {
                    lines[i..end].iter_mut().for_each(|l| l.protected = true);
                }
                i = end.max(i + 1);
            }
        }
        if self.introduced_code {
            self.protect_introduced_code(lines);
        }
        if self.setext_headings {
            for i in 1..lines.len() {
                if !lines[i - 1].protected && is_underline_of(&lines[i].text, &lines[i - 1].text) {
                    lines[i].protected = true;
                    lines[i].underline = true;
                }
            }
        }
        if let Some(keep) = &self.keep_lines {
            for line in lines.iter_mut() {
                let text = trim_blank(&line.text);
                if !text.is_empty() && keep.is_match_alone(text) {
                    line.protected = true;
                }
            }
        }
        if let Some((begin, end)) = &self.keep_between {
            let mut inside = false;
            for line in lines.iter_mut() {
                let text = trim_blank(&line.text);
                if !inside && !text.is_empty() && begin.is_match_alone(text) {
                    inside = true;
                    line.protected = true;
                } else if inside {
                    line.protected = true;
                    if !text.is_empty() && end.is_match_alone(text) {
                        inside = false;
                    }
                }
            }
        }
    }

    /// Code a page's own prose introduces (`……用信号量限制并发数量：`), copied without its
    /// fence: after the line ending in a colon (and perhaps one short button line such as
    /// `一键复制`), the lines with no Han outside strings and comments, up to the first other
    /// line. At least two code lines, one of them with a bracket, `=` or `;`: a contact list
    /// under `联系我们：` is no code.
    fn protect_introduced_code(&self, lines: &mut [Line]) {
        let mut i = 0;
        while i < lines.len() {
            // Either a line of prose ending in a colon, or a code statement that cannot be
            // prose (`import pandas as pd`) opening the run itself.
            let opener = !lines[i].protected && opens_code(&lines[i].text);
            if lines[i].protected || !(opener || self.introduces_code(&lines[i].text)) {
                i += 1;
                continue;
            }
            let mut start = if opener {
                i
            } else {
                after_blanks(lines, i + 1)
            };
            if !opener && start < lines.len() && is_button_line(&lines[start].text) {
                start = after_blanks(lines, start + 1);
            }
            let end = code_run_end(lines, start);
            let run = &lines[start..end];
            let code_lines = run.iter().filter(|l| !is_blank_line(&l.text)).count();
            let has_syntax = run
                .iter()
                .any(|l| l.text.contains(['(', ')', '{', '}', '[', ']', '=', ';']));
            if code_lines >= 2 && has_syntax {
                // The line that introduces the code is its evidence: kept too, so a second
                // run finds the same code (a rule that dropped it would leave the code bare).
                lines[i].protected = true;
                lines[start..end]
                    .iter_mut()
                    .for_each(|l| l.protected = true);
            }
            i = end.max(i + 1);
        }
    }

    /// A line of prose that ends in a colon (`……写法如下：`), not a page's label.
    fn introduces_code(&self, text: &str) -> bool {
        let text = trim_blank(text);
        (text.ends_with('：') || text.ends_with(':'))
            && text.chars().any(is_han)
            && !self
                .code_intro_unless
                .as_ref()
                .is_some_and(|p| p.is_match_alone(text))
    }
}

/// A statement that opens a program and reads as nothing else: `import x`, `from x import y`,
/// `#include <x>`, `package x;`, `using namespace x;`, `#!/bin/sh`.
fn opens_code(text: &str) -> bool {
    let t = trim_blank(text);
    let words: Vec<&str> = t.split_whitespace().take(4).collect();
    let name = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '*' | ','))
    };
    match words.as_slice() {
        ["import", m] | ["import", m, "as", _] => name(m),
        ["from", m, "import", ..] => name(m),
        ["package", m] => m.ends_with(';') && name(m.trim_end_matches(';')),
        ["using", "namespace", ..] => t.ends_with(';'),
        _ => t.starts_with("#include <") || t.starts_with("#include \"") || t.starts_with("#!/"),
    }
}

/// A Markdown code fence: up to three spaces, then three or more backticks or tildes.
fn fence_of(text: &str) -> Option<(char, usize)> {
    let rest = text.trim_start_matches(' ');
    if text.len() - rest.len() > 3 {
        return None;
    }
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// A closing fence has nothing after its marks.
fn closes(text: &str) -> bool {
    text.trim().chars().all(|c| c == '`' || c == '~')
}

/// A fence whose marks are followed by text that is no info string: a scraper's copy button
/// (`一键复制`) glued on. An info string (`python`) opens a block and is written in ASCII.
fn closes_glued(text: &str) -> bool {
    let rest = text.trim().trim_start_matches(['`', '~']).trim_start();
    rest.chars().next().is_some_and(|c| !c.is_ascii()) && !rest.contains(['`', '~'])
}

/// The first line from `from` on that is not blank.
fn after_blanks(lines: &[Line], from: usize) -> usize {
    from + lines[from..]
        .iter()
        .take_while(|l| is_blank_line(&l.text))
        .count()
}

/// A code box's button or label over the code: a few characters, no sentence.
fn is_button_line(text: &str) -> bool {
    let text = trim_blank(text);
    (1..=6).contains(&text.chars().count()) && !text.contains(['：', ':', '。', '，'])
}

/// The end of the code lines from `start`: blank runs of at most two lines inside, and a
/// whole-line `#` comment only right over more code; trailing blank lines are not in it, and
/// neither is a fence or what it marked, nor an English sentence after the code.
fn code_run_end(lines: &[Line], start: usize) -> usize {
    let mut end = start;
    let mut j = start;
    while j < lines.len() {
        let text = &lines[j].text;
        // A fenced block is the fence's to mark.
        if lines[j].protected || fence_of(text).is_some() {
            break;
        }
        if is_blank_line(text) {
            let next = after_blanks(lines, j);
            if next - j > 2 {
                break;
            }
            j = next;
            continue;
        }
        // A whole-line `# 注释` inside the run, right over more code.
        let comment_in_run = end > start
            && trim_blank(text).starts_with("# ")
            && lines
                .get(j + 1)
                .is_some_and(|next| is_code_line(&next.text));
        if !(is_code_line(text) || comment_in_run) || is_english_sentence(text) {
            break;
        }
        j += 1;
        end = j;
    }
    end
}

/// A sentence in English, not a line of code: four words or more from a capital to a full
/// stop, with no bracket, operator or quote (`Copyright © 2024 Example. All Rights Reserved.`).
fn is_english_sentence(text: &str) -> bool {
    let text = trim_blank(text);
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.ends_with(['.', '!', '?'])
        && text.split_whitespace().count() >= 4
        && !text.contains([
            '(', ')', '[', ']', '{', '}', '=', ';', '<', '>', '"', '\'', '`',
        ])
}

/// No Han outside strings and comments, a `#` comment after code included (`x = 1  # 次数`).
fn is_code_line(text: &str) -> bool {
    let code = match text.find(" #") {
        Some(at) if !trim_blank(&text[..at]).is_empty() => &text[..at],
        _ => text,
    };
    !is_blank_line(text) && no_han_outside_quotes(code)
}

/// Indented by four spaces or a tab, and no Han outside strings and comments.
fn is_indented_code(text: &str) -> bool {
    (text.starts_with("    ") || text.starts_with('\t'))
        && !is_blank_line(text)
        && no_han_outside_quotes(text)
}
