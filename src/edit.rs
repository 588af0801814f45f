//! The one record of a change. The report, `--explain`, per-rule counts, every output format
//! and the diff all read these, so every stage that changes text must produce them.

use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

/// Identifier of the rule that made a change (`pagination`, `cjk-punctuation`, `decode.bom`, ...).
pub type RuleId = Arc<str>;

/// One change made by one rule, placed in the coordinates of the **input** text (the text
/// handed to [`crate::Cleaner::clean`], or the decoded file), whatever earlier rules did to
/// the line before this one saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The rule that made the change.
    pub rule: RuleId,
    /// 1-based line of the input the change is on; 0 for a whole-file change (encoding, BOM,
    /// line endings).
    pub line: usize,
    /// 1-based character column of the change's start within that input line; 0 when the
    /// whole line (a dropped line) or the whole file is the subject.
    pub column: usize,
    /// Byte range of the input text the change covers (`0..0` for a whole-file change). When
    /// an earlier rule had already rewritten part of it, the range covers what that rule
    /// started from.
    pub range: Range<usize>,
    /// The pass of the rule set that made it, from 1 (rules re-run until nothing changes;
    /// see [`crate::Cleaned::converged`]); 0 for decoding changes made before the rules.
    pub pass: u8,
    /// The text the rule replaced, as the rule saw it; for a removed line, the line as it was
    /// in the input (rewrites of a line that then went are not reported).
    pub before: String,
    /// What the rule put in its place.
    pub after: String,
}

impl Edit {
    /// A change to the file as a whole (encoding, BOM, line endings).
    pub(crate) fn whole_file(
        rule: &str,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Self {
        Edit {
            rule: rule.into(),
            line: 0,
            column: 0,
            range: 0..0,
            pass: 0,
            before: before.into(),
            after: after.into(),
        }
    }

    /// Is this the removal of a whole line (the common case for page furniture)?
    pub fn is_line_removal(&self) -> bool {
        self.column == 0 && self.line > 0 && self.after.is_empty()
    }
}
