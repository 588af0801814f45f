//! Reporters turn one typed event stream into each output format: human text, `--explain`
//! lines, JSON lines (and later GitHub annotations, SARIF, an HTML review page). The engine
//! makes the events from each unit's outcome, in input order; errors and skipped files are
//! events too, so every format reports them.

mod event;
mod explain;
mod human;
mod json;
mod progress;
mod stats;

pub(crate) use event::{events, Event};
pub(crate) use explain::ExplainReporter;
pub(crate) use human::{DiagnosticsReporter, ListReporter};
pub(crate) use json::JsonReporter;
pub(crate) use progress::{bar as progress_bar, Slot, Stderr};
pub(crate) use stats::Stats;

/// A format. `report` sees every event in order; a write error on a shared stream (a closed
/// stdout) stops this reporter, not the run.
pub(crate) trait Reporter {
    fn report(&mut self, event: &Event) -> std::io::Result<()>;
    /// Does this reporter use `Event::Edit`? Most only count: edit events are made only when
    /// one of the run's reporters asks for them.
    fn wants_edits(&self) -> bool {
        false
    }
    /// Write out what is buffered (before the summary goes to stderr, so a terminal shows
    /// the listing first).
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    /// Called once after the last event.
    fn finish(&mut self) -> std::io::Result<()> {
        self.flush()
    }
}

/// The reporters of a run and the totals they all share. A reporter whose stream fails stops
/// listening; the others go on.
pub(crate) struct Reporters<'a> {
    list: Vec<Box<dyn Reporter + 'a>>,
    listening: Vec<bool>,
    /// Counted from the same events, for the summary and the exit code.
    pub stats: Stats,
}

impl<'a> Reporters<'a> {
    pub(super) fn new(list: Vec<Box<dyn Reporter + 'a>>) -> Self {
        let listening = vec![true; list.len()];
        Reporters {
            list,
            listening,
            stats: Stats::default(),
        }
    }

    /// Add a reporter (the progress bar, once the number of units is known).
    pub(super) fn push(&mut self, reporter: Box<dyn Reporter + 'a>) {
        self.list.push(reporter);
        self.listening.push(true);
    }

    /// Does any reporter use edit events?
    pub(crate) fn want_edits(&self) -> bool {
        self.list.iter().any(|r| r.wants_edits())
    }

    /// Hand one event to every reporter still listening; the first write error is returned.
    pub(super) fn tell(&mut self, event: &Event) -> std::io::Result<()> {
        count(&mut self.stats, event);
        let mut first = Ok(());
        for (reporter, on) in self.list.iter_mut().zip(self.listening.iter_mut()) {
            if !*on {
                continue;
            }
            if let Err(e) = reporter.report(event) {
                *on = false;
                if first.is_ok() {
                    first = Err(e);
                }
            }
        }
        first
    }

    /// Send the summary, then finish every reporter still listening.
    pub(super) fn finish(&mut self) -> std::io::Result<()> {
        let mut first = Ok(());
        for (reporter, on) in self.list.iter_mut().zip(self.listening.iter_mut()) {
            if let (true, Err(e)) = (*on, reporter.flush()) {
                *on = false;
                first = first.and(Err(e));
            }
        }
        let stats = self.stats.clone();
        first = first.and(self.tell(&Event::Summary(&stats)));
        for (reporter, on) in self.list.iter_mut().zip(&self.listening) {
            if let (true, Err(e)) = (*on, reporter.finish()) {
                if first.is_ok() {
                    first = Err(e);
                }
            }
        }
        first
    }
}

/// Count one event into the run's totals.
fn count(stats: &mut Stats, event: &Event) {
    match event {
        Event::File(f) if f.error.is_some() => {
            stats.failed += 1;
            *stats
                .files_per_encoding
                .entry(f.encoding.to_string())
                .or_default() += 1;
        }
        Event::File(f) => {
            stats.files_read += 1;
            stats.replaced_spots += f.replaced.unwrap_or(0);
            *stats
                .files_per_encoding
                .entry(f.encoding.to_string())
                .or_default() += 1;
            if f.low_confidence() {
                stats.low_confidence.push(f.path.to_string());
            }
            match f.changed {
                Some(true) => stats.changed += 1,
                Some(false) => stats.unchanged += 1,
                None => {}
            }
            stats.bytes_in += f.bytes_in.unwrap_or(0) as u64;
            stats.bytes_out += f.bytes_out.unwrap_or(0) as u64;
            for (rule, n) in f.rules.iter().flatten() {
                // Look up before inserting: no String per file on the hot path.
                match stats.edits_per_rule.get_mut(*rule) {
                    Some(count) => *count += n,
                    None => {
                        stats.edits_per_rule.insert(rule.to_string(), *n);
                    }
                }
            }
        }
        Event::Skipped { .. } => stats.skipped += 1,
        Event::Error { .. } => stats.failed += 1,
        Event::Warning { .. } => stats.warnings += 1,
        Event::Edit { .. } | Event::Summary(_) => {}
    }
}
