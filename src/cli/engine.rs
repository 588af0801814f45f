//! The parallel stage and the one writer. Workers (rayon) read, decode and clean; the calling
//! thread receives their outcomes, puts them back in input order and hands each to the
//! emitters, so output is deterministic and never interleaves. Memory stays bounded: inputs
//! are handed out in order (`par_bridge`) and no worker runs more than a small window ahead
//! of the writer.

use super::config::{Config, Mode, OnInvalid};
use super::emit::{EmitError, Emitter};
use super::outcome::{FileError, FileOutcome, Processed, Status};
use super::report::{self, Reporters};
use super::source::Unit;
use crate::detect;
use crate::Cleaner;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::{mpsc, Condvar, Mutex};

/// Everything a worker needs, shared read-only across threads.
pub(crate) struct Job<'a> {
    pub config: &'a Config,
    pub cleaner: &'a Cleaner,
}

impl Job<'_> {
    /// Read, decode and clean one unit. Pure but for the read.
    pub(super) fn process(&self, unit: Unit) -> FileOutcome {
        let status = match self.refuse(&unit) {
            Some(e) => Status::Failed(e),
            None => match unit.read() {
                Err(e) => Status::Failed(FileError::Read(e)),
                Ok(bytes) => self.process_bytes(&unit, bytes),
            },
        };
        FileOutcome { unit, status }
    }

    /// Units this run must not touch, refused before they are read.
    fn refuse(&self, unit: &Unit) -> Option<FileError> {
        if unit.named_json_lines() {
            return Some(json_lines_refused());
        }
        if self.config.mode == Mode::InPlace {
            return in_place_refusal(unit);
        }
        None
    }

    fn process_bytes(&self, unit: &Unit, bytes: Vec<u8>) -> Status {
        if self.config.encoding.is_none() {
            if let Some(kind) = detect::sniff_binary(&bytes) {
                return if unit.explicit {
                    Status::Failed(FileError::Binary(kind))
                } else {
                    Status::Skipped(format!("binary file ({kind})"))
                };
            }
        }
        let detection = self.cleaner.detect(&bytes);
        let decoded = match self.cleaner.decode_as(&bytes, detection) {
            Ok(d) => d,
            Err(e) if self.config.mode == Mode::Detect => {
                return Status::Undecodable(Box::new(detection), e)
            }
            Err(e) if self.config.on_invalid == OnInvalid::Skip => {
                return Status::Skipped(format!("not decodable ({e})"))
            }
            Err(e) => return Status::Failed(FileError::Decode(e)),
        };
        if self.config.mode == Mode::Detect {
            return Status::Detected(Box::new(decoded));
        }
        // A crawler's record saved as one pretty-printed JSON object whose text field holds
        // prose is a document in a wrapper: the `json-record` rule unwraps its text.
        if looks_like_json_lines(&decoded.text) && !crate::is_text_record(&decoded.text) {
            return Status::Failed(json_lines_refused());
        }
        // A panic in a rule is a bug of ours, not the file's: that file fails, the others go on.
        let cleaning = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.cleaner.clean_decoded(&decoded)
        }));
        let cleaned = match cleaning {
            Ok(cleaned) => cleaned,
            Err(panic) => return Status::Failed(FileError::Internal(panic_message(&*panic))),
        };
        match self.cleaner.encode(&cleaned, &decoded) {
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

/// What a panic said, if it said it with a string.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Cleaning JSON Lines as prose would corrupt it (`","` between fields becomes `"，"`).
fn json_lines_refused() -> FileError {
    FileError::Other(
        "JSON or JSON Lines, not a text document: cleaning it as prose would corrupt its syntax; \
         not cleaned (the corpus mode for JSON Lines shards is not built yet)"
            .into(),
    )
}

/// JSON Lines (its first lines, up to five, are each a whole JSON object) or a JSON file (the
/// whole text parses): not prose. A crawler's record that opens with one JSON line of
/// metadata and goes on in prose is a text document, and is cleaned.
fn looks_like_json_lines(text: &str) -> bool {
    let is_object = |line: &str| {
        let line = line.trim();
        line.starts_with('{')
            && line.ends_with('}')
            && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
    };
    let trimmed = text.trim();
    if trimmed.starts_with(['{', '[']) && serde_json::from_str::<serde_json::Value>(trimmed).is_ok()
    {
        return true;
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(5);
    lines.next().is_some_and(is_object) && lines.all(is_object)
}

/// `--in-place` rewrites regular files only, and not one with other names: the rename that
/// makes the rewrite atomic would replace a FIFO or device with a file and split a hard link
/// (the other names would keep the old text).
fn in_place_refusal(unit: &Unit) -> Option<FileError> {
    let meta = std::fs::metadata(&unit.path).ok()?;
    if !meta.is_file() {
        return Some(FileError::Other(
            "not a regular file (a FIFO, socket or device); --in-place rewrites regular files \
             only"
                .into(),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Some(FileError::Other(format!(
                "has {} hard links; rewriting it in place would leave the other names with the \
                 old text, so it is left as it is (clean a copy, or use --out)",
                meta.nlink()
            )));
        }
    }
    None
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
pub(crate) enum Stop {
    /// An output failed (message says which and why).
    Failed(String),
    /// Standard output was closed by its reader.
    Closed,
}

/// Process `units` in parallel and emit every outcome in input order, then hand its events to
/// every reporter. An emitter's error on one file turns that file's outcome into a failure
/// that the later emitters and the reporters see.
pub(crate) fn run(
    job: &Job,
    units: Vec<Unit>,
    emitters: &mut [Box<dyn Emitter + '_>],
    reporters: &mut Reporters,
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
    let want_edits = reporters.want_edits();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                units
                    .into_iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (i, unit)| {
                        let mut backlog = gate.0.lock().unwrap_or_else(|e| e.into_inner());
                        while i != backlog.next && backlog.bytes > PENDING_BYTES {
                            backlog = gate.1.wait(backlog).unwrap_or_else(|e| e.into_inner());
                        }
                        drop(backlog);
                        // Sending fails only if the writer is gone; nothing is left to do then.
                        let _ = tx.send((i, job.process(unit)));
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
                let path = outcome.unit.display();
                for event in report::events(&outcome, &path, want_edits) {
                    if let Err(e) = reporters.tell(&event) {
                        record(&mut stop, Stop::from_report(e));
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

impl Stop {
    /// A reporter's stream failed: a closed pipe is a reader that has seen enough.
    pub(super) fn from_report(e: std::io::Error) -> Stop {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Failed(format!("cannot write a report: {e}"))
        }
    }
}

/// Keep the first failure; a failure outranks a closed stdout.
pub(crate) fn record(stop: &mut Option<Stop>, new: Stop) {
    if stop.is_none() || (matches!(stop, Some(Stop::Closed)) && matches!(new, Stop::Failed(_))) {
        *stop = Some(new);
    }
}
