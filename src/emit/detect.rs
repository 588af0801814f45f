//! `detect`: one line per file saying how it is encoded and how that was decided.

use super::{fatal, EmitError, Emitter};
use crate::config::Format;
use crate::outcome::FileOutcome;
use std::io::Write;

pub struct DetectEmitter<W: Write> {
    out: W,
    format: Format,
}

impl<W: Write> DetectEmitter<W> {
    pub fn new(out: W, format: Format) -> Self {
        DetectEmitter { out, format }
    }
}

impl<W: Write> Emitter for DetectEmitter<W> {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(d) = outcome.decoded() else {
            return Ok(());
        };
        let det = &d.detection;
        let line = match self.format {
            Format::Human => format!(
                "{}: {} ({} confidence, {}){}{}\n",
                outcome.input.display(),
                det.charset.name(),
                det.confidence.as_str(),
                det.reason.as_str(),
                if d.bom() { ", BOM" } else { "" },
                match d.newline {
                    crate::document::Newline::None => String::new(),
                    n => format!(", {} line endings", n.as_str().to_uppercase()),
                },
            ),
            Format::Json => {
                let value = serde_json::json!({
                    "path": outcome.input.display(),
                    "encoding": det.charset.name(),
                    "confidence": det.confidence.as_str(),
                    "bom": d.bom(),
                    "newline": d.newline.as_str(),
                    "reason": det.reason.as_str(),
                });
                format!("{value}\n")
            }
        };
        self.out
            .write_all(line.as_bytes())
            .map_err(|e| fatal("standard output", e))
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
