//! The progress bar: an emitter that appears on stderr only when stderr is a terminal and the
//! run has lasted longer than a moment.

use doctidy::emit::{EmitError, Emitter};
use doctidy::outcome::FileOutcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(400);

pub fn bar<'a>(total: usize, quiet: bool) -> Option<Box<dyn Emitter + 'a>> {
    if quiet || !std::io::stderr().is_terminal() || total < 2 {
        return None;
    }
    Some(Box::new(Progress {
        total: total as u64,
        done: 0,
        started: Instant::now(),
        bar: None,
    }))
}

struct Progress {
    total: u64,
    done: u64,
    started: Instant,
    bar: Option<ProgressBar>,
}

impl Emitter for Progress {
    fn emit(&mut self, _outcome: &FileOutcome) -> Result<(), EmitError> {
        self.done += 1;
        if self.bar.is_none() && self.started.elapsed() > DELAY {
            // At most 10 redraws a second, whatever the file rate.
            let bar = ProgressBar::with_draw_target(
                Some(self.total),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        }
        Ok(())
    }
    fn finish(&mut self) -> std::io::Result<()> {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        Ok(())
    }
}
