//! The one plain description of a run. The CLI builds it; the engine never sees clap.

use crate::Charset;
use std::path::PathBuf;

/// What a run does with the cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Write a cleaned copy of every input under this folder.
    Out(PathBuf),
    /// Rewrite changed inputs atomically.
    InPlace,
    /// Write the cleaned text to standard output (stdin or one file).
    Stdout,
    /// Print a unified diff of what would change; write nothing.
    Diff,
    /// List the files that would change; write nothing.
    Check,
    /// Report each file's encoding; clean nothing.
    Detect,
}

/// What becomes of a file that does not decode cleanly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnInvalid {
    /// An error naming the place (exit 2).
    Error,
    /// Each damaged spot becomes U+FFFD, reported per spot.
    Replace,
    /// Left out with a note, counted as skipped (corpus runs that drop bad documents).
    Skip,
}

/// Machine or human output for per-file reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Files and folders; `-` is standard input.
    pub inputs: Vec<PathBuf>,
    pub mode: Mode,
    /// Also write one unified diff of every change to this file.
    pub patch: Option<PathBuf>,
    /// Worker threads; `None` = all cores.
    pub threads: Option<usize>,
    /// No progress bar, no summary.
    pub quiet: bool,
    /// List every edit with its rule.
    pub explain: bool,
    /// Extra rule folders, added over the built-in rules.
    pub rules_dirs: Vec<PathBuf>,
    /// Rule ids switched off.
    pub disabled_rules: Vec<String>,
    /// Decode every input with this encoding instead of detecting.
    pub encoding: Option<Charset>,
    /// Write (or compare against) each file in its own encoding, BOM and line endings.
    pub keep_encoding: bool,
    pub format: Format,
    /// What to do with a file that does not decode cleanly.
    pub on_invalid: OnInvalid,
    /// Turn every low-confidence detection into an error.
    pub never_guess: bool,
    /// Colour the diff (the CLI decides: only on a terminal).
    pub color: bool,
}

impl Config {
    pub(super) fn new(inputs: Vec<PathBuf>, mode: Mode) -> Self {
        Config {
            inputs,
            mode,
            patch: None,
            threads: None,
            quiet: false,
            explain: false,
            rules_dirs: Vec::new(),
            disabled_rules: Vec::new(),
            encoding: None,
            keep_encoding: false,
            format: Format::Human,
            on_invalid: OnInvalid::Error,
            never_guess: false,
            color: false,
        }
    }
}
