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
    /// Fields a page's prose presents (see `protect_introduced_data`).
    pub introduced_data: bool,
    /// The underline of a Markdown heading (see `markup::is_underline_of`).
    pub setext_headings: bool,
    /// Lines ending in a colon that introduce no code: a page's labels (`分享到：`, `扫码关注我们：`).
    pub code_intro_unless: Option<Pattern>,
    /// With `introduced_data`: the words a line that introduces data holds (`配置`, `日志`,
    /// `返回`, a program's name); without it, no line introduces data.
    pub data_intro: Option<Pattern>,
    /// With `introduced_data`: a field that marks a crawler's record (`content:` bare,
    /// `crawl_time: …`): a run holding one is no data a text shows.
    pub data_unless: Option<Pattern>,
    /// With `introduced_data`: what a line that introduces data ends in (`：`, `如下`), a
    /// closing `。` aside.
    pub data_intro_ends: Vec<String>,
    /// With `introduced_data`: the words one of which the last eight characters of a sentence
    /// with a comma hold when it points at what follows (`这样`, `下面`).
    pub data_intro_cues: Vec<String>,
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
        if self.introduced_data {
            self.protect_introduced_data(lines);
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

    /// Fields or settings a page's prose presents (`配置如下：`, `每份答卷是这样的格式：`,
    /// `排查时，我们在服务器上看到了这样一段日志`): after the line that introduces them, two or
    /// more `key: value` or `key=value` lines with an ASCII key, with list items and `---`
    /// among them, up to the first other line. A crawler writes its record's fields at the
    /// top of the text or after it, under no such line; a config, a log or an API's answer
    /// quoted in an article has them, and is the article's.
    fn protect_introduced_data(&self, lines: &mut [Line]) {
        let mut i = 0;
        while i < lines.len() {
            if lines[i].protected || !self.introduces_data(&lines[i].text) {
                i += 1;
                continue;
            }
            // At most two blank lines between: the data belongs to the line above it.
            let start = after_blanks(lines, i + 1);
            if start - (i + 1) > 2 {
                i += 1;
                continue;
            }
            let end = data_run_end(lines, start);
            let run = &lines[start..end];
            let fields = run.iter().filter(|l| is_field_line(&l.text)).count();
            // A crawler's field (`data_unless`) last before prose (`content:`, the record's
            // text under it), or anywhere in fields that end the text: a record, not data shown.
            let marks = |l: &Line| {
                let text = trim_blank(&l.text);
                !text.is_empty()
                    && (self.data_unless.as_ref()).is_some_and(|u| u.is_match_alone(text))
            };
            let ends_text = lines[end..].iter().all(|l| is_blank_line(&l.text));
            let last = run.iter().rev().find(|l| !is_blank_line(&l.text));
            let record =
                (ends_text && run.iter().any(marks)) || (!ends_text && last.is_some_and(marks));
            if fields >= 2 && !record {
                lines[i].protected = true;
                lines[start..end]
                    .iter_mut()
                    .for_each(|l| l.protected = true);
            }
            i = end.max(i + 1);
        }
    }

    /// A line of prose that announces data (it holds a `data_intro` word): it ends in a colon,
    /// in `如下` or `这样的`, or it is a sentence with a comma whose last words point at what
    /// follows (`……看到了这样一段日志`). A text that ends `名单如下：` before the next record
    /// of a crawl names no data, and its fields are the crawler's.
    fn introduces_data(&self, text: &str) -> bool {
        let text = trim_blank(text);
        let Some(intro) = &self.data_intro else {
            return false;
        };
        // An English sentence that ends in a colon (`The deployment looks like this:`).
        let english = text.ends_with(':')
            && text.split_whitespace().count() >= 3
            && text.starts_with(|c: char| c.is_ascii_uppercase());
        if english {
            return true;
        }
        // The ending first: it rules out most lines without a search.
        let bare = text.trim_end_matches('。');
        let ends = self
            .data_intro_ends
            .iter()
            .any(|e| bare.ends_with(e.as_str()));
        let points_on = || {
            let tail = match text.char_indices().rev().nth(7) {
                Some((at, _)) => &text[at..],
                None => text,
            };
            text.contains('，')
                && !text.ends_with(['。', '！', '？', '”', '；'])
                && self
                    .data_intro_cues
                    .iter()
                    .any(|cue| tail.contains(cue.as_str()))
        };
        (ends || points_on()) && text.chars().any(is_han) && intro.is_match_alone(text)
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

/// The end of the data lines from `start`: fields, list items and `---`, with blank runs of
/// at most two lines and whole-line `# ` comments right over more data between them; a
/// trailing blank line is not in it.
fn data_run_end(lines: &[Line], start: usize) -> usize {
    let is_data = |text: &str| {
        let t = trim_blank(text);
        t.starts_with("- ") || t.starts_with("* ") || t == "---" || is_field_line(text)
    };
    let mut end = start;
    let mut j = start;
    while j < lines.len() && !lines[j].protected {
        let text = &lines[j].text;
        if is_blank_line(text) {
            if after_blanks(lines, j) - j > 2 {
                break;
            }
            j += 1;
            continue;
        }
        let comment = end > start
            && trim_blank(text).starts_with("# ")
            && lines.get(j + 1).is_some_and(|next| is_data(&next.text));
        if !(comment || is_data(text)) {
            break;
        }
        j += 1;
        end = j;
    }
    end
}

/// A field or a setting: an ASCII key (`image`, `pub_date`, `app.name`), then `:`, `：` or
/// `=` (`time=2024-07-02T09:40:11+08:00 level=info`); not an address (`https://…`).
fn is_field_line(text: &str) -> bool {
    let t = trim_blank(text);
    let key_len = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(t.len());
    let (key, rest) = t.split_at(key_len);
    let rest = rest.trim_start_matches([' ', '\t']);
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && (rest.starts_with(['：', '=']) || (rest.starts_with(':') && !rest.starts_with("://")))
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
