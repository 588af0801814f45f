//! The run's totals (summary, exit code) and its per-file diagnostics on stderr.

use super::{EmitError, Emitter};
use crate::config::Mode;
use crate::detect::Confidence;
use crate::outcome::{FileOutcome, Status};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    pub files_read: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub skipped: usize,
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
    pub fn add(&mut self, outcome: &FileOutcome) {
        if let Some(d) = outcome.decoded() {
            *self
                .files_per_encoding
                .entry(d.charset().name().to_string())
                .or_default() += 1;
            if d.detection.confidence == Confidence::Low {
                self.low_confidence.push(outcome.input.display());
            }
        }
        match &outcome.status {
            Status::Done(p) => {
                self.files_read += 1;
                self.bytes_in += p.input_bytes.len() as u64;
                self.bytes_out += p.output.len() as u64;
                if p.changed() {
                    self.changed += 1;
                } else {
                    self.unchanged += 1;
                }
                for e in &p.cleaned.edits {
                    // Look up before inserting: no String per edit on the hot path.
                    match self.edits_per_rule.get_mut(&*e.rule) {
                        Some(n) => *n += 1,
                        None => {
                            self.edits_per_rule.insert(e.rule.to_string(), 1);
                        }
                    }
                }
            }
            Status::Detected(_) => self.files_read += 1,
            Status::Skipped(_) => self.skipped += 1,
            Status::Failed(_) => self.failed += 1,
        }
    }

    /// Every input of the run, whatever became of it.
    pub fn inputs(&self) -> usize {
        self.files_read + self.failed + self.skipped
    }

    /// The human summary printed at the end of a run.
    /// `mode` words the summary: `Mode::Check` and `Mode::Diff` say "would change", detect
    /// leaves out what only cleaning counts.
    pub fn render(&self, mode: &Mode) -> String {
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
            s.push_str(&format!(", {} skipped (binary)", self.skipped));
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

/// Counts every outcome into a [`Stats`] owned by the caller.
pub struct StatsEmitter<'a> {
    stats: &'a mut Stats,
}

impl<'a> StatsEmitter<'a> {
    pub fn new(stats: &'a mut Stats) -> Self {
        StatsEmitter { stats }
    }
}

impl Emitter for StatsEmitter<'_> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        self.stats.add(outcome);
        Ok(())
    }
}

/// Per-file errors (always) and notes about skipped files (unless quiet), as they happen.
pub struct DiagnosticsEmitter<W: Write> {
    err: W,
    quiet: bool,
}

impl<W: Write> DiagnosticsEmitter<W> {
    pub fn new(err: W, quiet: bool) -> Self {
        DiagnosticsEmitter { err, quiet }
    }
}

impl<W: Write> Emitter for DiagnosticsEmitter<W> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let line = match &outcome.status {
            Status::Failed(e) => format!("error: {}: {e}\n", outcome.input.display()),
            Status::Skipped(kind) if !self.quiet => format!(
                "note: skipped {}: binary file ({kind})\n",
                outcome.input.display()
            ),
            _ => return Ok(()),
        };
        // stderr going away must not stop the run; the exit code still reports failures.
        let _ = self.err.write_all(line.as_bytes());
        Ok(())
    }
}
