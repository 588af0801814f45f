//! Emitters decide where cleaned bytes go: an output folder, the inputs themselves, standard
//! output, a diff or patch file. The engine hands every outcome, in input order, to each
//! emitter of the run in turn; an emitter that fails on a file marks that file failed for the
//! emitters after it and for the reporters. What is *said* about a file is the reporters' job.

mod diff;
mod files;
mod text;

pub(crate) use diff::DiffEmitter;
pub(crate) use files::{AtomicFile, InPlaceEmitter, OutDirEmitter};
pub(crate) use text::TextEmitter;

use super::outcome::{FileError, FileOutcome};

#[derive(Debug)]
pub(crate) enum EmitError {
    /// This file failed (e.g. could not be written); the run goes on.
    File(FileError),
    /// The output itself failed (e.g. a full disk); the run stops emitting.
    Fatal(String),
    /// The reader of stdout went away (`doctidy diff | head`): stop quietly, as pipes expect.
    Closed,
}

/// Where an emitter's bytes go. `close` makes them final: a patch file is written to a
/// temporary file and renamed into place only then, so a failed run never leaves half a patch
/// (or clobbers a file of the same name early).
pub(crate) trait Sink: std::io::Write {
    fn close(&mut self) -> std::io::Result<()> {
        self.flush()
    }
}

pub(crate) trait Emitter {
    /// Called once per input, in input order.
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError>;
    /// Called once after the last input.
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A write to a shared stream (stdout, the patch file) failed: nothing more can be emitted.
fn fatal(what: &str, e: std::io::Error) -> EmitError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return EmitError::Closed;
    }
    EmitError::Fatal(format!("cannot write {what}: {e}"))
}
