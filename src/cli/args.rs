//! Command-line interface: clap definitions and their translation into one plain [`Config`].

use super::config::{Config, Format, Mode, OnInvalid};
use crate::detect;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "doctidy",
    version,
    about = "Batch-clean scraped and submitted Chinese text documents",
    long_about = "Batch-clean scraped and submitted Chinese text documents: detect and decode any \
encoding, strip page furniture (pagination, editor credits, datelines) by declarative rules, \
normalize punctuation and whitespace, and report every change with the rule that made it.",
    after_help = "Examples:
  doctidy clean corpus/raw --out cleaned --patch cleaned.patch
  doctidy diff submissions/
  doctidy check submissions/ && echo clean
  cat page.txt | doctidy clean -

Exit codes: 0 success, 1 files would change (check), 2 error."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Args, Debug)]
pub(crate) struct Global {
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar, no summary, no notes (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Add the rules in this folder (`NN-name.toml` files) to the built-in ones; a rule with a
    /// built-in's id replaces it. Repeatable.
    #[arg(long = "rules", global = true, value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Switch a rule off by its id (see `doctidy rules list`). Repeatable.
    #[arg(long = "disable", global = true, value_name = "RULE")]
    pub disabled_rules: Vec<String>,
    /// Decode every input as this encoding instead of detecting it (e.g. gbk, gb18030, big5,
    /// shift_jis, utf-16le, cp936, latin1).
    #[arg(long, global = true, value_name = "NAME")]
    pub encoding: Option<String>,
    /// What to do with a file that does not decode cleanly: error (exit 2), replace each
    /// damaged spot with U+FFFD (reported per spot), or skip the file with a note.
    #[arg(long, global = true, value_enum, default_value = "error")]
    pub on_invalid: OnInvalidArg,
    /// `high` turns every low-confidence detection into an error: for pipelines that must
    /// never guess.
    #[arg(long, global = true, value_enum, default_value = "low")]
    pub min_confidence: ConfidenceArg,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum OnInvalidArg {
    Error,
    Replace,
    Skip,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum ConfidenceArg {
    Low,
    High,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Clean files: write cleaned UTF-8 copies (--out), rewrite them (--in-place), or print one to stdout.
    #[command(after_help = "Examples:
  doctidy clean corpus/raw --out cleaned            # cleaned copy of every file under cleaned/
  doctidy clean corpus/raw --out cleaned --patch cleaned.patch --explain
  doctidy clean drafts/ --in-place                  # rewrite changed files atomically
  doctidy clean - < page.txt > page.clean.txt       # stdin to stdout")]
    Clean(CleanArgs),
    /// Print a unified diff of what clean would change; write nothing.
    #[command(after_help = "Examples:
  doctidy diff submissions/
  doctidy diff submissions/ > review.patch && git apply --check review.patch
Paths in the diff are the paths as given (relative ones), so the patch applies from where
doctidy ran; for absolute paths they are relative to each PATH.")]
    Diff(DiffArgs),
    /// List files that would change; exit 1 if any would, 0 if none, 2 on errors. Writes nothing.
    #[command(after_help = "Examples:
  doctidy check submissions/
  doctidy check --format json submissions/ > report.jsonl")]
    Check(CheckArgs),
    /// Report each file's detected encoding, BOM and line endings.
    #[command(after_help = "Examples:
  doctidy detect corpus/raw
  doctidy detect --format json corpus/raw")]
    Detect(DetectArgs),
    /// List, show and test the rules, or ask why a line was changed.
    #[command(
        subcommand,
        after_help = "Examples:
  doctidy rules list
  doctidy rules show editor-credit
  doctidy rules test --rules my-rules/
  doctidy rules why page.txt:12"
    )]
    Rules(RulesCommand),
}

#[derive(Args, Debug)]
pub(crate) struct CleanArgs {
    /// Files or folders to clean; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write a cleaned copy of every input under DIR, mirroring paths relative to each PATH.
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    pub out: Option<PathBuf>,
    /// Rewrite changed inputs (temporary file, then rename).
    #[arg(long)]
    pub in_place: bool,
    /// Keep each file's own encoding, BOM and line endings (with --in-place, --out or to
    /// stdout) instead of writing UTF-8 with LF.
    #[arg(long)]
    pub keep_encoding: bool,
    /// Also write one unified diff of every change to FILE (apply it with `git apply` or
    /// `patch -p1` from where doctidy ran).
    #[arg(long, value_name = "FILE")]
    pub patch: Option<PathBuf>,
    /// List every edit with the rule that made it.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Args, Debug)]
pub(crate) struct DiffArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Colour the diff: auto (only on a terminal), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// List every edit with the rule that made it (on stderr).
    #[arg(long)]
    pub explain: bool,
    /// Diff against each file written in its own encoding, BOM and line endings.
    #[arg(long)]
    pub keep_encoding: bool,
}

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// List every edit with the rule that made it.
    #[arg(long)]
    pub explain: bool,
    /// A file passes when cleaning it in its own encoding, BOM and line endings changes
    /// nothing (for trees kept with `clean --in-place --keep-encoding`).
    #[arg(long)]
    pub keep_encoding: bool,
}

#[derive(Args, Debug)]
pub(crate) struct DetectArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
}

#[derive(Subcommand, Debug)]
pub(crate) enum RulesCommand {
    /// List the rules in the order they run, with kind and category.
    List,
    /// Show a rule: description, kind, its patterns with fragments expanded and traditional
    /// forms added, the literals the prefilter looks for, and its examples.
    Show {
        /// The rule's id (see `doctidy rules list`).
        id: String,
    },
    /// Run every rule's [[case]] examples (and check each is idempotent).
    Test,
    /// Which rules match a line of a file, which were tried and did not, which the prefilter
    /// skipped, and the edits a run makes on that line.
    Why {
        /// FILE:LINE (line numbers from 1).
        #[arg(value_name = "FILE:LINE")]
        target: String,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum FormatArg {
    Human,
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
        }
    }
}

/// The plain config for a subcommand that processes files; `None` for `rules`.
pub(crate) fn to_config(cli: &Cli) -> Result<Option<Config>, String> {
    let mut config = match &cli.command {
        Command::Clean(a) => {
            let mode = match (&a.out, a.in_place) {
                (Some(dir), _) => Mode::Out(dir.clone()),
                (None, true) => Mode::InPlace,
                (None, false) => Mode::Stdout,
            };
            let mut c = Config::new(a.paths.clone(), mode);
            c.patch = a.patch.clone();
            c.explain = a.explain;
            c.keep_encoding = a.keep_encoding;
            c
        }
        Command::Diff(a) => {
            let mut c = Config::new(a.paths.clone(), Mode::Diff);
            c.explain = a.explain;
            c.keep_encoding = a.keep_encoding;
            c.color = match a.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            c
        }
        Command::Check(a) => {
            let mut c = Config::new(a.paths.clone(), Mode::Check);
            c.explain = a.explain;
            c.keep_encoding = a.keep_encoding;
            c.format = a.format.into();
            c
        }
        Command::Detect(a) => {
            let mut c = Config::new(a.paths.clone(), Mode::Detect);
            c.format = a.format.into();
            c
        }
        Command::Rules(_) => Config::new(Vec::new(), Mode::Check),
    };
    config.threads = cli.global.threads;
    config.on_invalid = match cli.global.on_invalid {
        OnInvalidArg::Error => OnInvalid::Error,
        OnInvalidArg::Replace => OnInvalid::Replace,
        OnInvalidArg::Skip => OnInvalid::Skip,
    };
    config.never_guess = matches!(cli.global.min_confidence, ConfidenceArg::High);
    config.quiet = cli.global.quiet;
    config.rules_dirs = cli.global.rules_dirs.clone();
    config.disabled_rules = cli.global.disabled_rules.clone();
    if let Some(label) = &cli.global.encoding {
        config.encoding = Some(detect::charset_for_label(label).ok_or_else(|| {
            format!("unknown encoding {label:?} (try utf-8, gbk, gb18030, big5, shift_jis, euc-jp, euc-kr, utf-16le, utf-16be, windows-1252)")
        })?);
    }
    Ok(match cli.command {
        Command::Rules(_) => None,
        _ => Some(config),
    })
}
