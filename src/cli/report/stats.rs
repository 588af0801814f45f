//! The run's totals: what the summary, the summary event and the exit code are made of.
//! Counted from the same events every reporter sees (see `Reporters::tell`).

use crate::cli::config::Mode;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;

#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct Stats {
    pub files_read: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub skipped: usize,
    pub warnings: usize,
    /// Damaged spots replaced with U+FFFD (`--on-invalid replace`).
    pub replaced_spots: usize,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub edits_per_rule: BTreeMap<String, usize>,
    pub files_per_encoding: BTreeMap<String, usize>,
    /// Files whose encoding was detected with low confidence.
    pub low_confidence: Vec<String>,
    #[serde(skip)]
    pub elapsed: Duration,
}

impl Stats {
    /// Every input of the run, whatever became of it.
    pub(crate) fn inputs(&self) -> usize {
        self.files_read + self.failed + self.skipped
    }

    /// The human summary printed at the end of a run.
    /// `mode` words the summary: `Mode::Check` and `Mode::Diff` say "would change", detect
    /// leaves out what only cleaning counts.
    pub(crate) fn render(&self, mode: &Mode) -> String {
        let detect_only = *mode == Mode::Detect;
        let changed = if matches!(mode, Mode::Check | Mode::Diff) {
            "would change"
        } else {
            "changed"
        };
        let mut s = if detect_only {
            format!("{}: {} detected", files(self.inputs()), self.files_read)
        } else {
            format!(
                "{}: {} {changed}, {} unchanged",
                files(self.inputs()),
                self.changed,
                self.unchanged
            )
        };
        s.push_str(&format!(", {} failed", self.failed));
        if self.skipped > 0 {
            s.push_str(&format!(", {} skipped", self.skipped));
        }
        if self.warnings > 0 {
            s.push_str(&format!(", {} with warnings", self.warnings));
        }
        if self.replaced_spots > 0 {
            s.push_str(&format!(
                ", {} damaged spots replaced with U+FFFD",
                self.replaced_spots
            ));
        }
        if !detect_only {
            s.push_str(&format!(
                "; {} → {}",
                human_bytes(self.bytes_in),
                human_bytes(self.bytes_out)
            ));
        }
        s.push_str(&format!(" in {:.2?}\n", self.elapsed));
        if !self.files_per_encoding.is_empty() {
            let list: Vec<String> = self
                .files_per_encoding
                .iter()
                .map(|(e, n)| format!("{e} {n}"))
                .collect();
            s.push_str(&format!("encodings: {}\n", list.join(", ")));
        }
        if !self.low_confidence.is_empty() {
            s.push_str(&format!(
                "low-confidence encoding ({}; check them or pass --encoding): {}\n",
                self.low_confidence.len(),
                self.low_confidence.join(", ")
            ));
        }
        if !self.edits_per_rule.is_empty() {
            let width = self
                .edits_per_rule
                .keys()
                .map(|k| k.len())
                .max()
                .unwrap_or(0);
            s.push_str("edits per rule:\n");
            for (rule, n) in &self.edits_per_rule {
                s.push_str(&format!("  {rule:<width$}  {n}\n"));
            }
        }
        s
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

fn human_bytes(n: u64) -> String {
    match n {
        0..=9_999 => format!("{n} B"),
        10_000..=9_999_999 => format!("{:.1} KB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}
