//! The parallel stage and the one writer. Workers (rayon) read, decode and clean; the calling
//! thread receives their outcomes, puts them back in input order and hands each to the
//! emitters, so output is deterministic and never interleaves. Memory stays bounded: inputs
//! are handed out in order (`par_bridge`) and no worker runs more than a small window ahead
//! of the writer.

use crate::config::{Config, Mode};
use crate::detect;
use crate::emit::{EmitError, Emitter};
use crate::outcome::{FileError, FileOutcome, Input, Processed, Status};
use crate::pipeline::{self, Target};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{mpsc, Condvar, Mutex};

/// Everything a worker needs, shared read-only across threads.
pub struct Job<'a> {
    pub config: &'a Config,
    pub rules: &'a RuleSet,
}

impl Job<'_> {
    fn target(&self) -> Target {
        if self.config.keep_encoding && self.config.mode == Mode::InPlace {
            Target::Original
        } else {
            Target::Utf8
        }
    }

    /// Read, decode and clean one input. Pure but for the read.
    pub fn process(&self, input: Input) -> FileOutcome {
        let status = match read(&input) {
            Err(e) => Status::Failed(FileError::Read(e)),
            Ok(bytes) => self.process_bytes(&input, bytes),
        };
        FileOutcome { input, status }
    }

    fn process_bytes(&self, input: &Input, bytes: Vec<u8>) -> Status {
        if self.config.encoding.is_none() {
            if let Some(kind) = detect::sniff_binary(&bytes) {
                return if input.explicit {
                    Status::Failed(FileError::Binary(kind))
                } else {
                    Status::Skipped(kind)
                };
            }
        }
        let decoded = match pipeline::decode(&bytes, self.config.encoding) {
            Ok(d) => d,
            Err(e) => return Status::Failed(FileError::Decode(e)),
        };
        if self.config.mode == Mode::Detect {
            return Status::Detected(Box::new(decoded));
        }
        let target = self.target();
        let cleaned = pipeline::clean(&decoded, self.rules, target);
        match pipeline::encode_output(&cleaned, &decoded, target) {
            Ok(output) => Status::Done(Box::new(Processed {
                input_bytes: bytes,
                decoded,
                cleaned,
                output,
            })),
            Err(e) => Status::Failed(FileError::Encode(e)),
        }
    }
}

fn read(input: &Input) -> std::io::Result<Vec<u8>> {
    if input.is_stdin() {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(&input.path)
    }
}

/// Bytes held by outcomes waiting to be emitted before workers pause (the one the writer
/// waits for is always started).
const PENDING_BYTES: usize = 64 << 20;

/// What the writer has not emitted yet: the next input it waits for, and the bytes of the
/// outcomes it holds.
#[derive(Default)]
struct Backlog {
    next: usize,
    bytes: usize,
}

/// Why the writer stopped before the end.
#[derive(Debug)]
pub enum Stop {
    /// An output failed (message says which and why).
    Failed(String),
    /// Standard output was closed by its reader.
    Closed,
}

/// Process `inputs` in parallel and emit every outcome in input order. An emitter's error on
/// one file turns that file's outcome into a failure that the later emitters see.
pub fn run(
    job: &Job,
    inputs: Vec<Input>,
    emitters: &mut [Box<dyn Emitter + '_>],
) -> Result<(), Stop> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.config.threads.unwrap_or(0))
        .build()
        .map_err(|e| Stop::Failed(format!("cannot start worker threads: {e}")))?;
    let (tx, rx) = mpsc::sync_channel::<(usize, FileOutcome)>(256);
    // Bounded memory: outcomes that wait for an earlier, slower one are counted in bytes; past
    // PENDING_BYTES a worker starts no input but the one the writer waits for. Inputs are
    // handed out in order, so that one is always under way and the run cannot stall.
    let gate = (Mutex::new(Backlog::default()), Condvar::new());
    let gate = &gate;
    // An emitter whose output failed (a full disk under the patch file, a closed stdout) is
    // switched off; the others go on, so the cleaned files are still written.
    let mut alive = vec![true; emitters.len()];
    let mut stop: Option<Stop> = None;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                inputs
                    .into_iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (i, input)| {
                        let mut backlog = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                        while i != backlog.next && backlog.bytes > PENDING_BYTES {
                            backlog = gate.1.wait(backlog).unwrap_or_else(|e| e.into_inner());
                        }
                        drop(backlog);
                        // Sending fails only if the writer is gone; nothing is left to do then.
                        let _ = tx.send((i, job.process(input)));
                    });
            });
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in rx {
            gate.0.lock().unwrap_or_else(|e| e.into_inner()).bytes += outcome.weight();
            pending.insert(i, outcome);
            while let Some(mut outcome) = pending.remove(&next) {
                next += 1;
                {
                    let mut backlog = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                    backlog.next = next;
                    backlog.bytes -= outcome.weight();
                }
                gate.1.notify_all();
                for (emitter, alive) in emitters.iter_mut().zip(alive.iter_mut()) {
                    if !*alive {
                        continue;
                    }
                    match emitter.emit(&outcome) {
                        Ok(()) => {}
                        Err(EmitError::File(e)) => outcome.status = Status::Failed(e),
                        Err(EmitError::Fatal(e)) => {
                            *alive = false;
                            record(&mut stop, Stop::Failed(e));
                        }
                        Err(EmitError::Closed) => {
                            *alive = false;
                            record(&mut stop, Stop::Closed);
                        }
                    }
                }
            }
        }
    });
    for (emitter, alive) in emitters.iter_mut().zip(&alive) {
        if !alive {
            continue;
        }
        match emitter.finish() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => record(&mut stop, Stop::Closed),
            Err(e) => record(&mut stop, Stop::Failed(e.to_string())),
            Ok(()) => {}
        }
    }
    match stop {
        Some(stop) => Err(stop),
        None => Ok(()),
    }
}

/// Keep the first failure; a failure outranks a closed stdout.
fn record(stop: &mut Option<Stop>, new: Stop) {
    if stop.is_none() || (matches!(stop, Some(Stop::Closed)) && matches!(new, Stop::Failed(_))) {
        *stop = Some(new);
    }
}
