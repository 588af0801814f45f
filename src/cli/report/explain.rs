//! `--explain`: every edit with the rule that made it, `PATH:LINE:COL: RULE: before → after`,
//! placed in the input file.

use super::{Event, Reporter};
use std::io::Write;

pub(crate) struct ExplainReporter<W: Write> {
    out: W,
}

impl<W: Write> ExplainReporter<W> {
    pub(crate) fn new(out: W) -> Self {
        ExplainReporter { out }
    }
}

impl<W: Write> Reporter for ExplainReporter<W> {
    fn wants_edits(&self) -> bool {
        true
    }
    fn report(&mut self, event: &Event) -> std::io::Result<()> {
        let Event::Edit { path, edit: e } = event else {
            return Ok(());
        };
        let place = match (e.line, e.column) {
            (0, _) => String::new(),
            (l, 0) => format!(":{l}"),
            (l, c) => format!(":{l}:{c}"),
        };
        let what = if e.is_line_removal() {
            format!("removed line {:?}", e.before)
        } else {
            format!("{:?} → {:?}", e.before, e.after)
        };
        writeln!(self.out, "{path}{place}: {}: {what}", e.rule)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
