//! Protected lines: code and the lines a user marks to keep, which no other rule may change or
//! drop. The rule marks lines (`Line::protected`); the other rules and `Document::drop_lines`
//! pass marked lines by. It records no edit: it changes nothing itself.

use super::pattern::Pattern;
use super::predicates::no_han_outside_quotes;
use crate::chars::{is_blank_line, trim_blank};
use crate::document::Document;

#[derive(Debug, Clone)]
pub(crate) struct Protect {
    pub fences: bool,
    pub indented_code: bool,
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

/// Indented by four spaces or a tab, and no Han outside strings and comments.
fn is_indented_code(text: &str) -> bool {
    (text.starts_with("    ") || text.starts_with('\t'))
        && !is_blank_line(text)
        && no_han_outside_quotes(text)
}
