//! The command-line front end (feature `cli`): arguments → one plain [`config::Config`] →
//! units from a source → the parallel engine → emitters (where cleaned bytes go) and
//! reporters (what is said about them). The core library never sees any of it.

mod args;
mod config;
mod diff;
mod emit;
mod engine;
mod outcome;
mod report;
mod run;
mod source;
mod why;

use args::{Cli, Command, RulesCommand};

use clap::Parser;
use config::{Config, Mode};
use run::{Shared, EXIT_ERROR, EXIT_OK};
use std::io::Write;
use std::process::ExitCode;

/// Run the `doctidy` command with the process's arguments and streams.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match args::to_config(&cli) {
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
        Ok(Some(config)) => run_files(&config),
        Ok(None) => match &cli.command {
            Command::Rules(sub) => run_rules(&cli, sub),
            _ => unreachable!("only `rules` has no file config"),
        },
    };
    ExitCode::from(code as u8)
}

fn run_files(config: &Config) -> i32 {
    let stdout = Shared::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let slot = report::Slot::default();
    let stderr = Shared::new(report::Stderr(slot.clone()));
    let quiet = config.quiet;
    let result = run::run(config, stdout.clone(), stderr, |total| {
        report::progress_bar(total, quiet, slot).map(|b| Box::new(b) as Box<dyn report::Reporter>)
    });
    let mut stdout = stdout;
    let _ = stdout.flush();
    match result {
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
        Ok(report) => report.exit_code,
    }
}

/// `rules show`: everything about one rule a rule author needs.
fn show_rule(rule: &crate::Rule, enabled: bool, text: &mut String) {
    use std::fmt::Write;
    let off = if enabled { "" } else { ", switched off" };
    let _ = writeln!(
        text,
        "{} ({}, {}{off})\nfile: {}\n",
        rule.id(),
        rule.kind(),
        rule.category(),
        rule.origin()
    );
    for line in rule.description().lines() {
        let _ = writeln!(text, "  {line}");
    }
    for (what, source) in rule.patterns() {
        let _ = writeln!(
            text,
            "\n{what} (fragments expanded, traditional forms added):"
        );
        for line in source.lines() {
            let _ = writeln!(text, "  {line}");
        }
    }
    match rule.prefilter_literals() {
        Some(needs) => {
            let _ = writeln!(
                text,
                "\nprefilter: tried only on lines holding one of {}",
                crate::cli::shown_literals(needs)
            );
        }
        None if rule.shape_gated() => {
            let _ = writeln!(
                text,
                "\nprefilter: no literals; the shape pass (one lazy DFA over the patterns of every \
                 such rule, run once per line) tries it only on lines its pattern can match"
            );
        }
        None if !rule.patterns().is_empty() => {
            let _ = writeln!(text, "\nprefilter: none (tried on every line)");
        }
        None => {}
    }
    let cases: Vec<_> = rule.cases().collect();
    let _ = writeln!(text, "\ncases: {}", cases.len());
    for (i, (input, expected)) in cases.iter().enumerate() {
        let _ = writeln!(text, "  {}. {input:?}\n     → {expected:?}", i + 1);
    }
}

/// Literals as a rule author reads them: invisible characters escaped (`\u{200b}`).
fn shown_literals(literals: &[String]) -> String {
    literals
        .iter()
        .map(|l| {
            if l.chars()
                .all(|c| !c.is_control() && !crate::chars::is_invisible(c) && !c.is_whitespace())
            {
                l.clone()
            } else {
                l.escape_debug().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The description's first sentence, on one line: what `rules list` shows.
fn first_sentence(description: &str) -> String {
    let flat = description.split_whitespace().collect::<Vec<_>>().join(" ");
    // Whichever ends first: a description may explain itself after a colon in its second
    // sentence.
    let colon = flat.find(": ");
    let period = flat.find(". ");
    match colon.into_iter().chain(period).min() {
        Some(end) => flat[..end].to_string(),
        None => flat,
    }
}

fn run_rules(cli: &Cli, sub: &RulesCommand) -> i32 {
    let mut config = Config::new(Vec::new(), Mode::Check);
    config.rules_dirs = cli.global.rules_dirs.clone();
    config.disabled_rules = cli.global.disabled_rules.clone();
    let rules = match run::load_rules(&config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    // Written through one buffer whose errors end the listing quietly: `rules list | head`
    // closes the pipe, which is not a failure.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut text = String::new();
    let code = match sub {
        RulesCommand::List => {
            for rule in rules.rules() {
                let summary = first_sentence(rule.description());
                text.push_str(&format!(
                    "{:<22} {:<19} {:<12} {:<28} {}\n",
                    rule.id(),
                    rule.kind(),
                    rule.category(),
                    rule.origin(),
                    summary
                ));
            }
            EXIT_OK
        }
        RulesCommand::Show { id } => match rules.all_rules().find(|r| r.id() == id) {
            Some(rule) => {
                show_rule(rule, rules.is_enabled(id), &mut text);
                EXIT_OK
            }
            None => {
                eprintln!("error: no rule has the id {id:?} (see `doctidy rules list`)");
                EXIT_ERROR
            }
        },
        RulesCommand::Why { target } => match why::run(&rules, cli, target, &mut text) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_ERROR
            }
        },
        RulesCommand::Test => {
            let report = rules.test_cases();
            for f in &report.failures {
                let why = if f.not_idempotent {
                    "not idempotent; second run gave"
                } else {
                    "got"
                };
                text.push_str(&format!(
                    "FAIL {} case {} ({})\n  input:    {:?}\n  expected: {:?}\n  {why}: {:?}\n",
                    f.rule, f.index, f.origin, f.input, f.expected, f.actual
                ));
            }
            for id in &report.without_cases {
                text.push_str(&format!("WARN {id}: no [[case]] examples\n"));
            }
            // A user's own rules, by name, so a rule author sees theirs were loaded and tested.
            let builtin = crate::RuleSet::builtin_files();
            for rule in rules.rules() {
                if !builtin.iter().any(|(name, _)| *name == rule.origin()) {
                    let cases = rule.cases().count();
                    let failed = report
                        .failures
                        .iter()
                        .filter(|f| f.rule == rule.id())
                        .count();
                    text.push_str(&format!(
                        "{} ({}): {} of {cases} cases passed\n",
                        rule.id(),
                        rule.origin(),
                        cases - failed
                    ));
                }
            }
            text.push_str(&format!(
                "{} cases passed, {} failed, {} rules\n",
                report.passed,
                report.failures.len(),
                rules.rules().len()
            ));
            if report.failures.is_empty() {
                EXIT_OK
            } else {
                EXIT_ERROR
            }
        }
    };
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    code
}
