//! One run from a [`Config`]: load rules, find inputs, pick the emitters for the mode, drive
//! the engine, and say which exit code the run earned. The caller supplies the streams.

use super::config::{Config, Format, Mode};
use super::emit::{self, Emitter};
use super::engine::{self, Job};
use super::report::{self, Event, Reporter, Reporters};
use super::source;
use crate::{CleanOptions, Cleaner, RuleError, RuleSet, Target};
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

/// Exit codes everywhere: 0 success, 1 "would change" (check only), 2 error.
pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_WOULD_CHANGE: i32 = 1;
pub(crate) const EXIT_ERROR: i32 = 2;

#[derive(Debug, thiserror::Error)]
pub(crate) enum RunError {
    #[error(transparent)]
    Rules(#[from] RuleError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(String),
}

#[derive(Debug)]
pub(crate) struct Report {
    pub exit_code: i32,
}

/// A writer several outputs share (check lines and explanations both go to stdout).
#[derive(Clone)]
pub(crate) struct Shared<'a>(Rc<RefCell<dyn Write + 'a>>);

impl<'a> Shared<'a> {
    pub(super) fn new(w: impl Write + 'a) -> Self {
        Shared(Rc::new(RefCell::new(w)))
    }
}

impl emit::Sink for Shared<'_> {}

impl Write for Shared<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// Built-in rules plus the config's rule folders, minus the disabled ones.
pub(crate) fn load_rules(config: &Config) -> Result<RuleSet, RuleError> {
    let mut rules = RuleSet::builtin()?;
    for dir in &config.rules_dirs {
        rules.add_dir(dir)?;
    }
    rules.disable(&config.disabled_rules)?;
    Ok(rules)
}

/// The cleaner a run uses. `detect` cleans nothing, so it compiles no rules.
fn cleaner(config: &Config) -> Result<Cleaner, RuleError> {
    let rules = if config.mode == Mode::Detect {
        RuleSet::default()
    } else {
        load_rules(config)?
    };
    let options = CleanOptions {
        encoding: config.encoding,
        target: if config.keep_encoding {
            Target::Original
        } else {
            Target::Utf8
        },
        replace_invalid: config.on_invalid == super::config::OnInvalid::Replace,
        min_confidence: config.never_guess.then_some(crate::Confidence::High),
        ..CleanOptions::for_files()
    };
    Ok(Cleaner::new(rules, options))
}

/// Combinations of inputs and modes that cannot work, refused before anything is read.
fn check_usage(config: &Config) -> Result<(), RunError> {
    let stdin = config.inputs.iter().any(|p| p.as_os_str() == "-");
    let usage = |m: &str| Err(RunError::Usage(format!("clean: {m}")));
    match &config.mode {
        Mode::Stdout if config.inputs.len() > 1 || config.inputs.iter().any(|p| p.is_dir()) => {
            usage(
                "more than one file to clean; say where the cleaned files go with --out DIR, \
             or rewrite them with --in-place",
            )
        }
        Mode::InPlace if stdin => usage("standard input cannot be rewritten in place"),
        Mode::Out(_) if stdin => usage("standard input is cleaned to standard output; drop --out"),
        _ => Ok(()),
    }
}

/// `--patch FILE` must not be one of the inputs: writing the patch would destroy it. A patch
/// inside an input folder is fine when it is new or an earlier patch (a rerun rewrites it):
/// the walk leaves it out either way.
fn refuse_patch_over_input(patch: &Path, inputs: &[PathBuf]) -> Result<(), RunError> {
    let Ok(canonical) = patch.canonicalize() else {
        return Ok(());
    }; // a new file: nothing to lose
    for input in inputs.iter().filter_map(|p| p.canonicalize().ok()) {
        let inside = input.is_dir() && canonical.starts_with(&input);
        if canonical == input || (inside && !is_earlier_patch(patch)) {
            return Err(RunError::Usage(format!(
                "clean: the patch file {} is one of the inputs; write it somewhere else",
                canonical.display()
            )));
        }
    }
    Ok(())
}

/// Does the file hold a patch doctidy wrote (or nothing at all)?
fn is_earlier_patch(path: &Path) -> bool {
    let mut head = [0u8; 16];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head))
    else {
        return false;
    };
    let head = &head[..n];
    n == 0
        || [&b"--- a/"[..], b"--- \"a/", b"doctidy: "]
            .iter()
            .any(|p| head.starts_with(p))
}

/// `--out` must not be an input folder (or hold one): the copies would overwrite the inputs,
/// which only `--in-place` may do, and then atomically.
fn refuse_output_over_input(out: &Path, inputs: &[PathBuf]) -> Result<(), RunError> {
    let Ok(out) = out.canonicalize() else {
        return Ok(());
    }; // not there yet: cannot be an input
    for input in inputs.iter().filter(|p| p.is_dir()) {
        if input.canonicalize().is_ok_and(|i| i.starts_with(&out)) {
            return Err(RunError::Usage(format!(
                "clean: the output folder {} holds the input {}; cleaning would overwrite the inputs \
                 (use another --out, or --in-place to rewrite them)",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// One run. `progress` gets the number of units and may return a reporter that shows
/// progress.
pub(crate) fn run<'a>(
    config: &Config,
    stdout: Shared<'a>,
    stderr: Shared<'a>,
    progress: impl FnOnce(usize) -> Option<Box<dyn Reporter + 'a>>,
) -> Result<Report, RunError> {
    let started = Instant::now();
    let cleaner = cleaner(config)?;
    check_usage(config)?;
    if let Some(patch) = &config.patch {
        refuse_patch_over_input(patch, &config.inputs)?;
    }
    let mut exclude: Vec<&Path> = config.patch.iter().map(|p| p.as_path()).collect();
    if let Mode::Out(dir) = &config.mode {
        refuse_output_over_input(dir, &config.inputs)?;
        exclude.push(dir);
    }
    let (units, walk_errors) = source::collect_inputs(&config.inputs, &exclude);

    let mut emitters: Vec<Box<dyn Emitter + '_>> = Vec::new();
    match &config.mode {
        Mode::Out(dir) => emitters.push(Box::new(emit::OutDirEmitter::new(dir.clone()))),
        Mode::InPlace => emitters.push(Box::new(emit::InPlaceEmitter)),
        Mode::Stdout => emitters.push(Box::new(emit::TextEmitter::new(stdout.clone()))),
        Mode::Diff => emitters.push(Box::new(emit::DiffEmitter::new(
            stdout.clone(),
            "standard output",
            config.color,
        ))),
        Mode::Check | Mode::Detect => {}
    }
    if let Some(path) = &config.patch {
        let file = emit::AtomicFile::create(path).map_err(|e| {
            RunError::Io(format!("cannot create patch file {}: {e}", path.display()))
        })?;
        let what = format!("the patch file {}", path.display());
        emitters.push(Box::new(emit::DiffEmitter::new(file, what, false)));
    }
    let mut reporters = Reporters::new(reporters(config, &stdout, &stderr));
    if let Some(bar) = progress(units.len()) {
        reporters.push(bar);
    }
    let mut stop = None;
    for e in &walk_errors {
        let event = Event::Error {
            path: &e.path,
            message: e.message.clone(),
        };
        if let Err(e) = reporters.tell(&event) {
            engine::record(&mut stop, engine::Stop::from_report(e));
        }
    }

    let job = Job {
        config,
        cleaner: &cleaner,
    };
    if let Err(s) = engine::run(&job, units, &mut emitters, &mut reporters) {
        engine::record(&mut stop, s);
    }
    drop(emitters);
    reporters.stats.elapsed = started.elapsed();
    if let Err(e) = reporters.finish() {
        engine::record(&mut stop, engine::Stop::from_report(e));
    }
    match stop {
        None => {}
        Some(engine::Stop::Failed(e)) => return Err(RunError::Io(e)),
        // The reader has what it wanted (`doctidy diff | head`): not an error; the exit code
        // still says what was seen (check stays 1 if a change was listed).
        Some(engine::Stop::Closed) => {}
    }
    let stats = reporters.stats;
    let exit_code = if stats.failed > 0 {
        EXIT_ERROR
    } else if config.mode == Mode::Check && stats.changed > 0 {
        EXIT_WOULD_CHANGE
    } else {
        EXIT_OK
    };
    Ok(Report { exit_code })
}

/// The reporters for the config's mode and format.
fn reporters<'a>(
    config: &Config,
    stdout: &Shared<'a>,
    stderr: &Shared<'a>,
) -> Vec<Box<dyn Reporter + 'a>> {
    let mut list: Vec<Box<dyn Reporter + 'a>> = Vec::new();
    let listing = matches!(config.mode, Mode::Check | Mode::Detect);
    match config.format {
        Format::Json if listing => list.push(Box::new(report::JsonReporter::new(
            stdout.clone(),
            config.mode.clone(),
            config.explain,
        ))),
        _ if listing => list.push(Box::new(report::ListReporter::new(
            stdout.clone(),
            config.mode.clone(),
        ))),
        _ => {}
    }
    // Explanations share stdout only with human-readable lists; never with the cleaned text
    // or a diff. In JSON the edits are records of the stream itself.
    if config.explain && !(listing && config.format == Format::Json) {
        let to = if matches!(config.mode, Mode::Stdout | Mode::Diff) {
            stderr.clone()
        } else {
            stdout.clone()
        };
        list.push(Box::new(report::ExplainReporter::new(to)));
    }
    list.push(Box::new(report::DiagnosticsReporter::new(
        stderr.clone(),
        config.quiet,
        config.mode.clone(),
    )));
    list
}
