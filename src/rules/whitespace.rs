//! Layout rules: indentation, trailing spaces, blank-line runs, the final newline.

use crate::chars::{is_blank, is_blank_line};
use crate::document::Document;
use crate::edit::{Edit, RuleId};

/// Remove leading spaces, NBSP, U+3000 and invisibles: paragraph indentation is layout the
/// output format does not keep.
pub(crate) fn strip_indent(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    for line in doc.lines.iter_mut().filter(|l| l.visit(doc.pass)) {
        let kept = line.text.trim_start_matches(is_blank);
        if kept.len() != line.text.len() && !kept.is_empty() {
            let cut = line.text.len() - kept.len();
            line.rewrite(id, doc.input, vec![(0..cut, String::new())], edits);
        }
    }
}

/// Remove spaces and invisibles at line ends (whole-blank lines become empty).
pub(crate) fn trailing(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    for line in doc.lines.iter_mut().filter(|l| l.visit(doc.pass)) {
        let kept = line.text.trim_end_matches(is_blank).len();
        if kept != line.text.len() {
            let end = line.text.len();
            line.rewrite(id, doc.input, vec![(kept..end, String::new())], edits);
        }
    }
}

/// Remove blank lines at the start and end and collapse every run of blank lines to one.
pub(crate) fn blank_lines(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    let len = doc.lines.len();
    let blank: Vec<bool> = doc.lines.iter().map(|l| is_blank_line(&l.text)).collect();
    let first = blank.iter().position(|b| !b).unwrap_or(len);
    let last = blank.iter().rposition(|b| !b).map_or(0, |i| i + 1);
    doc.drop_lines(
        id,
        |i, _| blank[i] && (i < first || i >= last || blank[i - 1]),
        edits,
    );
}

/// A non-empty text ends with exactly one line break.
pub(crate) fn final_newline(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    doc.add_final_newline(id, edits);
}
