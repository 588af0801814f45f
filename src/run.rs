//! One run from a [`Config`]: load rules, find inputs, pick the emitters for the mode, drive
//! the engine, and say which exit code the run earned. The caller supplies the streams.

use crate::config::{Config, Format, Mode};
use crate::emit::{self, Emitter, Stats};
use crate::engine::{self, Job};
use crate::rules::{RuleError, RuleSet};
use crate::walk;
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

/// Exit codes everywhere: 0 success, 1 "would change" (check only), 2 error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_WOULD_CHANGE: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Rules(#[from] RuleError),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(String),
}

#[derive(Debug)]
pub struct Report {
    pub stats: Stats,
    pub exit_code: i32,
}

/// A writer several emitters share (check lines and explanations both go to stdout).
#[derive(Clone)]
pub struct Shared<'a>(Rc<RefCell<dyn Write + 'a>>);

impl<'a> Shared<'a> {
    pub fn new(w: impl Write + 'a) -> Self {
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

/// Built-in rules plus the config's rule folders.
pub fn load_rules(config: &Config) -> Result<RuleSet, RuleError> {
    let mut rules = RuleSet::builtin()?;
    for dir in &config.rules_dirs {
        rules.add_dir(dir)?;
    }
    rules.disable(&config.disabled_rules)?;
    Ok(rules)
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

/// `--patch FILE` must not be one of the inputs (or a file inside an input folder): writing the
/// patch would destroy it.
fn refuse_patch_over_input(patch: &Path, inputs: &[PathBuf]) -> Result<(), RunError> {
    let Ok(patch) = patch.canonicalize() else {
        return Ok(());
    }; // a new file: nothing to lose
    for input in inputs.iter().filter_map(|p| p.canonicalize().ok()) {
        if patch == input || (input.is_dir() && patch.starts_with(&input)) {
            return Err(RunError::Usage(format!(
                "clean: the patch file {} is one of the inputs; write it somewhere else",
                patch.display()
            )));
        }
    }
    Ok(())
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

/// `progress` gets the number of inputs and may return an emitter that shows progress.
pub fn run<'a>(
    config: &Config,
    stdout: Shared<'a>,
    mut stderr: Shared<'a>,
    progress: impl FnOnce(usize) -> Option<Box<dyn Emitter + 'a>>,
) -> Result<Report, RunError> {
    let started = Instant::now();
    let rules = load_rules(config)?;
    check_usage(config)?;
    if let Some(patch) = &config.patch {
        refuse_patch_over_input(patch, &config.inputs)?;
    }
    let mut exclude: Vec<&Path> = config.patch.iter().map(|p| p.as_path()).collect();
    if let Mode::Out(dir) = &config.mode {
        refuse_output_over_input(dir, &config.inputs)?;
        exclude.push(dir);
    }
    let (inputs, walk_errors) = walk::collect_inputs(&config.inputs, &exclude);
    for e in &walk_errors {
        let _ = writeln!(stderr, "error: {e}");
    }

    let mut stats = Stats::default();
    let mut emitters: Vec<Box<dyn Emitter + '_>> = Vec::new();
    // Explanations share stdout only with human-readable lists; never with the cleaned text,
    // a diff, or JSON lines.
    let explain_to =
        if matches!(config.mode, Mode::Stdout | Mode::Diff) || config.format == Format::Json {
            stderr.clone()
        } else {
            stdout.clone()
        };
    match &config.mode {
        Mode::Out(dir) => emitters.push(Box::new(emit::OutDirEmitter::new(dir.clone()))),
        Mode::InPlace => emitters.push(Box::new(emit::InPlaceEmitter)),
        Mode::Stdout => emitters.push(Box::new(emit::TextEmitter::new(stdout.clone()))),
        Mode::Diff => emitters.push(Box::new(emit::DiffEmitter::new(
            stdout.clone(),
            "standard output",
            config.color,
        ))),
        Mode::Check => emitters.push(Box::new(emit::CheckEmitter::new(
            stdout.clone(),
            config.format,
        ))),
        Mode::Detect => emitters.push(Box::new(emit::DetectEmitter::new(
            stdout.clone(),
            config.format,
        ))),
    }
    if let Some(path) = &config.patch {
        let file = emit::AtomicFile::create(path).map_err(|e| {
            RunError::Io(format!("cannot create patch file {}: {e}", path.display()))
        })?;
        let what = format!("the patch file {}", path.display());
        emitters.push(Box::new(emit::DiffEmitter::new(file, what, false)));
    }
    if config.explain {
        emitters.push(Box::new(emit::ExplainEmitter::new(explain_to)));
    }
    emitters.push(Box::new(emit::DiagnosticsEmitter::new(
        stderr.clone(),
        config.quiet,
    )));
    if let Some(bar) = progress(inputs.len()) {
        emitters.push(bar);
    }
    emitters.push(Box::new(emit::StatsEmitter::new(&mut stats)));

    let job = Job {
        config,
        rules: &rules,
    };
    let result = engine::run(&job, inputs, &mut emitters);
    drop(emitters);
    match result {
        Ok(()) => {}
        Err(engine::Stop::Failed(e)) => return Err(RunError::Io(e)),
        // The reader has what it wanted (`doctidy diff | head`): not an error; the exit code
        // still says what was seen (check stays 1 if a change was listed).
        Err(engine::Stop::Closed) => {}
    }

    stats.failed += walk_errors.len();
    stats.elapsed = started.elapsed();
    let exit_code = if stats.failed > 0 {
        EXIT_ERROR
    } else if config.mode == Mode::Check && stats.changed > 0 {
        EXIT_WOULD_CHANGE
    } else {
        EXIT_OK
    };
    Ok(Report { stats, exit_code })
}
