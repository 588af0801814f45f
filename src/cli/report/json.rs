//! JSON lines: every event as one JSON object per line (`"type"` says which), for scripts
//! and CI. `check` lists the files that would change, `detect` every file; with `--explain`
//! every edit follows its file.

use super::{Event, Reporter};
use crate::cli::config::Mode;
use std::io::Write;

pub(crate) struct JsonReporter<W: Write> {
    out: W,
    mode: Mode,
    edits: bool,
}

impl<W: Write> JsonReporter<W> {
    pub(crate) fn new(out: W, mode: Mode, edits: bool) -> Self {
        JsonReporter { out, mode, edits }
    }
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn wants_edits(&self) -> bool {
        self.edits
    }
    fn report(&mut self, event: &Event) -> std::io::Result<()> {
        let wanted = match event {
            Event::File(f) => self.mode == Mode::Detect || f.changed != Some(false),
            Event::Edit { .. } => self.edits,
            _ => true,
        };
        if !wanted {
            return Ok(());
        }
        let mut line = serde_json::to_vec(event).map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.out.write_all(&line)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
