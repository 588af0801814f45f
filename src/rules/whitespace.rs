//! Layout rules: indentation, trailing spaces, blank-line runs, the final newline.

use crate::chars::{is_blank, is_blank_line};
use crate::document::Document;
use crate::edit::{Edit, RuleId};

/// Remove leading spaces, NBSP, U+3000 and invisibles: paragraph indentation is layout the
/// output format does not keep.
pub fn strip_indent(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    for line in &mut doc.lines {
        let kept = line.text.trim_start_matches(is_blank);
        if kept.len() != line.text.len() && !kept.is_empty() {
            let cut = line.text.len() - kept.len();
            edits.push(Edit {
                rule: id.clone(),
                line: line.origin,
                column: 1,
                before: line.text[..cut].to_string(),
                after: String::new(),
            });
            line.text.drain(..cut);
        }
    }
}

/// Remove spaces and invisibles at line ends (whole-blank lines become empty).
pub fn trailing(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    for line in &mut doc.lines {
        let kept = line.text.trim_end_matches(is_blank).len();
        if kept != line.text.len() {
            let column = line.text[..kept].chars().count() + 1;
            edits.push(Edit {
                rule: id.clone(),
                line: line.origin,
                column,
                before: line.text[kept..].to_string(),
                after: String::new(),
            });
            line.text.truncate(kept);
        }
    }
}

/// Remove blank lines at the start and end and collapse every run of blank lines to one.
pub fn blank_lines(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    let len = doc.lines.len();
    let blank: Vec<bool> = doc.lines.iter().map(|l| is_blank_line(&l.text)).collect();
    let first = blank.iter().position(|b| !b).unwrap_or(len);
    let last = blank.iter().rposition(|b| !b).map_or(0, |i| i + 1);
    let mut index = 0;
    doc.lines.retain(|line| {
        let i = index;
        index += 1;
        let drop = blank[i] && (i < first || i >= last || blank[i - 1]);
        if drop {
            edits.push(Edit::whole_line(id, line.origin, line.text.clone(), ""));
        }
        !drop
    });
    if doc.lines.is_empty() {
        doc.final_newline = false;
    }
}

/// A non-empty text ends with exactly one line break.
pub fn final_newline(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    if let Some(last) = doc.lines.last() {
        if !doc.final_newline {
            let column = last.text.chars().count() + 1;
            edits.push(Edit {
                rule: id.clone(),
                line: last.origin,
                column,
                before: String::new(),
                after: "\n".into(),
            });
            doc.final_newline = true;
        }
    }
}
