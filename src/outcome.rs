//! What a worker hands to the writer for one input: everything the emitters need, so that no
//! emitter re-reads or re-cleans a file.

use crate::detect::{Charset, DecodeError, EncodeError};
use crate::document::Newline;
use crate::pipeline::{Cleaned, Decoded};
use std::path::PathBuf;

/// One input: where it is and how it is named in output paths, diffs and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Path to read; `-` for standard input.
    pub path: PathBuf,
    /// `/`-separated path relative to the argument it was found under (the file name for a
    /// file named directly, `-` for stdin).
    pub rel: String,
    /// Named on the command line (an error if unreadable or binary), not found by walking
    /// (binary files are then skipped with a note).
    pub explicit: bool,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
    /// How the input is named in messages.
    pub fn display(&self) -> String {
        if self.is_stdin() {
            "<stdin>".into()
        } else {
            self.path.display().to_string()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
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
}

fn char_name(c: &char) -> String {
    format!("{c:?} U+{:04X}", *c as u32)
}

/// A file that was read, decoded and cleaned.
#[derive(Debug)]
pub struct Processed {
    pub input_bytes: Vec<u8>,
    pub decoded: Decoded,
    pub cleaned: Cleaned,
    /// The bytes the cleaned file consists of.
    pub output: Vec<u8>,
}

impl Processed {
    pub fn changed(&self) -> bool {
        self.output != self.input_bytes
    }

    /// The cleaned lines' origins, when they also number the `\n`-split lines of the input
    /// bytes: the encoding keeps ASCII newlines and no lone CR ends a line. A byte-level diff
    /// can then pair lines exactly.
    pub fn input_line_origins(&self) -> Option<&[usize]> {
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
pub enum Status {
    Done(Box<Processed>),
    /// `detect` mode: decoded, not cleaned.
    Detected(Box<Decoded>),
    /// Found while walking and not text (binary); noted, not an error.
    Skipped(&'static str),
    Failed(FileError),
}

#[derive(Debug)]
pub struct FileOutcome {
    pub input: Input,
    pub status: Status,
}

impl FileOutcome {
    pub fn processed(&self) -> Option<&Processed> {
        match &self.status {
            Status::Done(p) => Some(p),
            _ => None,
        }
    }
    /// Roughly the memory this outcome holds, for the engine's backlog limit.
    pub fn weight(&self) -> usize {
        match &self.status {
            Status::Done(p) => {
                p.input_bytes.len() + p.output.len() + p.decoded.text.len() + p.cleaned.text.len()
            }
            Status::Detected(d) => d.text.len(),
            _ => 0,
        }
    }

    /// The decoded input, whether it was cleaned or only detected.
    pub fn decoded(&self) -> Option<&Decoded> {
        match &self.status {
            Status::Done(p) => Some(&p.decoded),
            Status::Detected(d) => Some(d),
            _ => None,
        }
    }
    pub fn error(&self) -> Option<&FileError> {
        match &self.status {
            Status::Failed(e) => Some(e),
            _ => None,
        }
    }
}
