//! The one record of a change. The report, `--explain`, per-rule counts and reviewers all read
//! these, so every stage that changes text must produce them.

use serde::Serialize;
use std::sync::Arc;

/// Identifier of the rule that made a change (`pagination`, `cjk-punctuation`, `decode.bom`, ...).
pub type RuleId = Arc<str>;

/// One change made by one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub rule: RuleId,
    /// 1-based line of the decoded input the change is on; 0 for a whole-file change
    /// (encoding, BOM, line endings).
    pub line: usize,
    /// 1-based character column within that line as the rule saw it; 0 when the whole line
    /// was the subject (a dropped or re-indented line).
    pub column: usize,
    pub before: String,
    pub after: String,
}

impl Edit {
    pub fn whole_line(
        rule: &RuleId,
        line: usize,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Self {
        Edit {
            rule: rule.clone(),
            line,
            column: 0,
            before: before.into(),
            after: after.into(),
        }
    }

    pub fn whole_file(rule: &str, before: impl Into<String>, after: impl Into<String>) -> Self {
        Edit {
            rule: rule.into(),
            line: 0,
            column: 0,
            before: before.into(),
            after: after.into(),
        }
    }

    /// Is this a removal of a whole line (the common case for boilerplate)?
    pub fn is_line_removal(&self) -> bool {
        self.column == 0 && self.line > 0 && self.after.is_empty()
    }
}
