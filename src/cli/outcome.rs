//! What a worker hands to the writer for one unit: everything the emitters and reporters
//! need, so that none of them re-reads or re-cleans a file.

use super::source::Unit;
use crate::detect::{Charset, DecodeError, EncodeError};
use crate::document::Newline;
use crate::{Cleaned, Decoded};

#[derive(Debug, thiserror::Error)]
pub(crate) enum FileError {
    #[error("cannot read: {0}")]
    Read(std::io::Error),
    #[error("{0}")]
    Decode(DecodeError),
    #[error("binary file ({0}), not text")]
    Binary(&'static str),
    #[error("cannot write back as {}: {} (character {}) is not representable; original kept", .0.encoding, char_name(&.0.ch), .0.char_index + 1)]
    Encode(EncodeError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
    /// Cleaning panicked: a bug in doctidy, not in the file. The file is left as it was and
    /// the run goes on.
    #[error("internal error while cleaning ({0}); the file was left as it was (a doctidy bug: please report it with the file)")]
    Internal(String),
}

fn char_name(c: &char) -> String {
    format!("{c:?} U+{:04X}", *c as u32)
}

/// A file that was read, decoded and cleaned.
#[derive(Debug)]
pub(crate) struct Processed {
    pub input_bytes: Vec<u8>,
    pub decoded: Decoded,
    pub cleaned: Cleaned,
    /// The bytes the cleaned file consists of.
    pub output: Vec<u8>,
}

impl Processed {
    pub(super) fn changed(&self) -> bool {
        self.output != self.input_bytes
    }

    /// The cleaned lines' origins, when they also number the `\n`-split lines of the input
    /// bytes: the encoding keeps ASCII newlines and no lone CR ends a line. A byte-level diff
    /// can then pair lines exactly.
    pub(super) fn input_line_origins(&self) -> Option<&[usize]> {
        let ascii_newlines = match self.decoded.charset() {
            Charset::Rs(e) => e.is_ascii_compatible(),
            _ => false,
        };
        let lf_split = matches!(
            self.decoded.newline,
            Newline::Lf | Newline::Crlf | Newline::None
        );
        (ascii_newlines && lf_split).then_some(self.cleaned.origins.as_slice())
    }
}

#[derive(Debug)]
pub(crate) enum Status {
    Done(Box<Processed>),
    /// `detect` mode: decoded, not cleaned.
    Detected(Box<Decoded>),
    /// `detect` mode: the detector's answer for a file that does not decode with it.
    Undecodable(Box<crate::Detection>, DecodeError),
    /// Left out with a note, not an error: binary files found while walking, undecodable ones
    /// with `--on-invalid skip`. Says why.
    Skipped(String),
    Failed(FileError),
}

#[derive(Debug)]
pub(crate) struct FileOutcome {
    pub unit: Unit,
    pub status: Status,
}

impl FileOutcome {
    pub(super) fn processed(&self) -> Option<&Processed> {
        match &self.status {
            Status::Done(p) => Some(p),
            _ => None,
        }
    }

    /// Roughly the memory this outcome holds, for the engine's backlog limit.
    pub(super) fn weight(&self) -> usize {
        match &self.status {
            Status::Done(p) => {
                p.input_bytes.len() + p.output.len() + p.decoded.text.len() + p.cleaned.text.len()
            }
            Status::Detected(d) => d.text.len(),
            _ => 0,
        }
    }
}
