//! Runs every rule's `[[case]]` examples: the same check for `cargo test` and `doctidy rules test`.

use super::Rule;
use std::sync::Arc;

/// A `[[case]]` whose rule did not turn its input into the expected text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    /// The rule's id.
    pub rule: String,
    /// The rule's file.
    pub origin: String,
    /// 1-based number of the case in the file.
    pub index: usize,
    /// The case's input.
    pub input: String,
    /// What the case expects.
    pub expected: String,
    /// What the rule made of it (of its own output, when not idempotent).
    pub actual: String,
    /// The rule changed its own output again: it would not be idempotent.
    pub not_idempotent: bool,
}

/// What running the rules' examples found.
#[derive(Debug, Default)]
pub struct CaseReport {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failures: Vec<CaseFailure>,
    /// Rules with no case at all: a rule without an example is untested.
    pub without_cases: Vec<String>,
}

/// `with_earlier(i, text)`: the rules up to the `i`th, in order, applied to `text` (for the
/// cases marked `earlier`).
pub(crate) fn run(rules: &[Arc<Rule>], with_earlier: impl Fn(usize, &str) -> String) -> CaseReport {
    let mut report = CaseReport::default();
    for (r, rule) in rules.iter().enumerate() {
        if rule.cases.is_empty() {
            report.without_cases.push(rule.id.to_string());
        }
        for (index, case) in rule.cases.iter().enumerate() {
            let apply = |text: &str| {
                if case.earlier {
                    with_earlier(r, text)
                } else {
                    rule.apply_to_text(text).0
                }
            };
            let actual = apply(&case.input);
            let again = apply(&actual);
            let not_idempotent = actual == case.expected && again != actual;
            if actual == case.expected && !not_idempotent {
                report.passed += 1;
            } else {
                report.failures.push(CaseFailure {
                    rule: rule.id.to_string(),
                    origin: rule.origin.clone(),
                    index: index + 1,
                    input: case.input.clone(),
                    expected: case.expected.clone(),
                    actual: if not_idempotent { again } else { actual },
                    not_idempotent,
                });
            }
        }
    }
    report
}
