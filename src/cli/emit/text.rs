//! `clean -` and `clean FILE` without `--out`: the cleaned text on standard output.

use super::{fatal, EmitError, Emitter};
use crate::cli::outcome::FileOutcome;
use std::io::Write;

pub(crate) struct TextEmitter<W: Write> {
    out: W,
}

impl<W: Write> TextEmitter<W> {
    pub(crate) fn new(out: W) -> Self {
        TextEmitter { out }
    }
}

impl<W: Write> Emitter for TextEmitter<W> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        if let Some(p) = outcome.processed() {
            self.out
                .write_all(&p.output)
                .map_err(|e| fatal("standard output", e))?;
        }
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
