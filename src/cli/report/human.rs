//! Human text: per-file lines on stdout (`check`, `detect`), diagnostics and the summary on
//! stderr.

use super::{Event, Reporter};
use crate::cli::config::Mode;
use std::io::Write;

/// `check` lists the files that would change with their edit counts per rule; `detect` says
/// how each file is encoded and how that was decided.
pub(crate) struct ListReporter<W: Write> {
    out: W,
    mode: Mode,
}

impl<W: Write> ListReporter<W> {
    pub(crate) fn new(out: W, mode: Mode) -> Self {
        ListReporter { out, mode }
    }
}

impl<W: Write> Reporter for ListReporter<W> {
    fn report(&mut self, event: &Event) -> std::io::Result<()> {
        let Event::File(f) = event else {
            return Ok(());
        };
        let line = match (&self.mode, &f.rules) {
            (Mode::Detect, _) if f.error.is_some() => format!(
                "{}: {} ({} confidence, {}): error: {}\n",
                f.path,
                f.encoding,
                f.confidence,
                f.reason,
                f.error.as_deref().unwrap_or_default()
            ),
            (Mode::Detect, _) => format!(
                "{}: {} ({} confidence, {}){}{}\n",
                f.path,
                f.encoding,
                f.confidence,
                f.reason,
                if f.bom { ", BOM" } else { "" },
                match f.newline {
                    "none" => String::new(),
                    n => format!(", {} line endings", n.to_uppercase()),
                },
            ),
            (Mode::Check, Some(rules)) if f.changed == Some(true) => {
                let rules: Vec<String> = rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
                format!("would change: {} ({})\n", f.path, rules.join(", "))
            }
            _ => return Ok(()),
        };
        self.out.write_all(line.as_bytes())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Errors (always), warnings and notes (unless quiet) as they happen, then the summary.
pub(crate) struct DiagnosticsReporter<W: Write> {
    err: W,
    quiet: bool,
    mode: Mode,
}

impl<W: Write> DiagnosticsReporter<W> {
    pub(crate) fn new(err: W, quiet: bool, mode: Mode) -> Self {
        DiagnosticsReporter { err, quiet, mode }
    }
}

impl<W: Write> Reporter for DiagnosticsReporter<W> {
    fn report(&mut self, event: &Event) -> std::io::Result<()> {
        let text = match event {
            Event::Error { path, message } => format!("error: {path}: {message}\n"),
            _ if self.quiet => return Ok(()),
            Event::Warning { path, message } => format!("warning: {path}: {message}\n"),
            Event::Skipped { path, reason } => format!("note: skipped {path}: {reason}\n"),
            // Cleaning to stdout prints no summary, so a guessed encoding is noted right away.
            Event::File(f) if f.low_confidence() && self.mode == Mode::Stdout => format!(
                "note: {}: encoding detected as {} with low confidence; check the output or \
                 pass --encoding\n",
                f.path, f.encoding
            ),
            Event::Summary(stats) if self.mode != Mode::Stdout => stats.render(&self.mode),
            _ => return Ok(()),
        };
        // stderr going away must not stop the run; the exit code still reports failures.
        let _ = self.err.write_all(text.as_bytes());
        Ok(())
    }
}
