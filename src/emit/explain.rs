//! `--explain`: every edit with the rule that made it, `PATH:LINE:COL: RULE: before → after`.

use super::{fatal, EmitError, Emitter};
use crate::outcome::FileOutcome;
use std::io::Write;

pub struct ExplainEmitter<W: Write> {
    out: W,
}

impl<W: Write> ExplainEmitter<W> {
    pub fn new(out: W) -> Self {
        ExplainEmitter { out }
    }
}

impl<W: Write> Emitter for ExplainEmitter<W> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        let mut text = String::new();
        // In reading order: whole-file changes first, then by line and column (stable, so the
        // rule order is kept within a place).
        let mut edits: Vec<_> = p.cleaned.edits.iter().collect();
        edits.sort_by_key(|e| (e.line, e.column));
        for e in edits {
            let place = match (e.line, e.column) {
                (0, _) => String::new(),
                (l, 0) => format!(":{l}"),
                (l, c) => format!(":{l}:{c}"),
            };
            let what = if e.is_line_removal() {
                format!("removed line {:?}", e.before)
            } else {
                format!("{:?} → {:?}", e.before, e.after)
            };
            text.push_str(&format!(
                "{}{place}: {}: {what}\n",
                outcome.input.display(),
                e.rule
            ));
        }
        self.out
            .write_all(text.as_bytes())
            .map_err(|e| fatal("the explanation", e))
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
