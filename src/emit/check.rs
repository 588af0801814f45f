//! `check`: list the files that would change, with their edit counts per rule.

use super::{fatal, EmitError, Emitter};
use crate::config::Format;
use crate::outcome::FileOutcome;
use std::collections::BTreeMap;
use std::io::Write;

pub struct CheckEmitter<W: Write> {
    out: W,
    format: Format,
}

impl<W: Write> CheckEmitter<W> {
    pub fn new(out: W, format: Format) -> Self {
        CheckEmitter { out, format }
    }
}

impl<W: Write> Emitter for CheckEmitter<W> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        if !p.changed() {
            return Ok(());
        }
        let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for edit in &p.cleaned.edits {
            *per_rule.entry(&edit.rule).or_default() += 1;
        }
        let line = match self.format {
            Format::Human => {
                let rules: Vec<String> = per_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
                format!(
                    "would change: {} ({})\n",
                    outcome.input.display(),
                    rules.join(", ")
                )
            }
            Format::Json => {
                let det = &p.decoded.detection;
                let value = serde_json::json!({
                    "path": outcome.input.display(),
                    "changed": true,
                    "edits": p.cleaned.edits.len(),
                    "rules": per_rule,
                    "encoding": det.charset.name(),
                    "confidence": det.confidence.as_str(),
                });
                format!("{value}\n")
            }
        };
        self.out
            .write_all(line.as_bytes())
            .map_err(|e| fatal("standard output", e))
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
