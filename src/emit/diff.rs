//! `diff` and `--patch FILE`: one unified diff of every change.

use super::{fatal, EmitError, Emitter, Sink};
use crate::diff;
use crate::outcome::FileOutcome;

pub struct DiffEmitter<W: Sink> {
    out: W,
    what: String,
    color: bool,
}

impl<W: Sink> DiffEmitter<W> {
    /// `what` names the destination in error messages ("the patch file x.patch").
    pub fn new(out: W, what: impl Into<String>, color: bool) -> Self {
        DiffEmitter {
            out,
            what: what.into(),
            color,
        }
    }
}

impl<W: Sink> Emitter for DiffEmitter<W> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        let origins = p.input_line_origins();
        let mut text = diff::unified(&p.input_bytes, &p.output, &outcome.input.rel, origins);
        if text.is_empty() {
            return Ok(());
        }
        let charset = p.decoded.charset();
        if !charset.is_utf8() {
            // A comment line before the headers, which git apply and patch skip.
            let note = format!(
                "doctidy: {} re-encoded from {} to UTF-8\n",
                outcome.input.rel,
                charset.name()
            );
            text.splice(0..0, note.into_bytes());
        }
        if self.color {
            text = diff::colorize(&text);
        }
        self.out.write_all(&text).map_err(|e| fatal(&self.what, e))
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out
            .close()
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot write {}: {e}", self.what)))
    }
}
