//! The progress bar: a reporter that appears on stderr only when stderr is a terminal and the
//! run has lasted longer than a moment. Messages on stderr go through [`Stderr`], which lifts
//! the bar while they are printed so an error line is never glued to the bar.

use super::{Event, Reporter};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(400);

/// The bar, once it has appeared; shared by the emitter that draws it and the stderr writer.
pub(crate) type Slot = Arc<OnceLock<ProgressBar>>;

/// The bar for a run of `total` units, when stderr is a terminal and there is more than one.
pub(crate) fn bar(total: usize, quiet: bool, slot: Slot) -> Option<ProgressReporter> {
    if quiet || !std::io::stderr().is_terminal() || total < 2 {
        return None;
    }
    Some(ProgressReporter {
        total: total as u64,
        done: 0,
        started: Instant::now(),
        slot,
    })
}

pub(crate) struct ProgressReporter {
    total: u64,
    done: u64,
    started: Instant,
    slot: Slot,
}

impl Reporter for ProgressReporter {
    fn report(&mut self, event: &Event) -> std::io::Result<()> {
        if matches!(
            event,
            Event::Edit { .. } | Event::Warning { .. } | Event::Summary(_)
        ) {
            return Ok(());
        }
        self.done += 1;
        if self.slot.get().is_none() && self.started.elapsed() > DELAY {
            // At most 10 redraws a second, whatever the file rate.
            let bar = ProgressBar::with_draw_target(
                Some(self.total),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let _ = self.slot.set(bar);
        }
        if let Some(bar) = self.slot.get() {
            bar.set_position(self.done);
        }
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(bar) = self.slot.get() {
            bar.finish_and_clear();
        }
        Ok(())
    }
}

/// Standard error that hides the bar while a message is written.
pub(crate) struct Stderr(pub Slot);

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.get() {
            Some(bar) if !bar.is_finished() => bar.suspend(|| std::io::stderr().write(buf)),
            _ => std::io::stderr().write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}
