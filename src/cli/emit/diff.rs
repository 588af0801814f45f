//! `diff` and `--patch FILE`: one unified diff of every change.

use super::{fatal, EmitError, Emitter, Sink};
use crate::cli::diff;
use crate::cli::outcome::FileOutcome;

pub(crate) struct DiffEmitter<W: Sink> {
    out: W,
    what: String,
    color: bool,
}

impl<W: Sink> DiffEmitter<W> {
    /// `what` names the destination in error messages ("the patch file x.patch").
    pub(crate) fn new(out: W, what: impl Into<String>, color: bool) -> Self {
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
        let name = outcome.unit.diff_name();
        let mut text = diff::unified(&p.input_bytes, &p.output, &name, origins);
        if text.is_empty() {
            return Ok(());
        }
        let re_encoded = p
            .cleaned
            .edits
            .iter()
            .any(|e| &*e.rule == "decode.encoding");
        if re_encoded {
            // A comment line before the headers, which git apply and patch skip.
            let mut note = b"doctidy: ".to_vec();
            note.extend_from_slice(&diff::header_name("", &name));
            note.extend_from_slice(
                format!(" re-encoded from {} to UTF-8\n", p.decoded.charset().name()).as_bytes(),
            );
            text.splice(0..0, note);
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
