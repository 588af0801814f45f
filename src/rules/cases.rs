//! Runs every rule's `[[case]]` examples: the same check for `cargo test` and `doctidy rules test`.

use super::Rule;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    pub rule: String,
    pub origin: String,
    pub index: usize,
    pub input: String,
    pub expected: String,
    pub actual: String,
    /// The rule changed its own output again: it would not be idempotent.
    pub not_idempotent: bool,
}

#[derive(Debug, Default)]
pub struct CaseReport {
    pub passed: usize,
    pub failures: Vec<CaseFailure>,
    /// Rules with no case at all: a rule without an example is untested.
    pub without_cases: Vec<String>,
}

pub fn run(rules: &[Rule]) -> CaseReport {
    let mut report = CaseReport::default();
    for rule in rules {
        if rule.cases.is_empty() {
            report.without_cases.push(rule.id.to_string());
        }
        for (index, case) in rule.cases.iter().enumerate() {
            let (actual, _) = rule.apply_to_text(&case.input);
            let (again, _) = rule.apply_to_text(&actual);
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
