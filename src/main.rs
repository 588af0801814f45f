//! The thin binary: parse arguments, build the config, run, print the summary, exit.

mod cli;
mod progress;

use clap::Parser;
use cli::{Cli, Command, RulesCommand};
use doctidy::config::{Config, Mode};
use doctidy::run::{self, Shared, EXIT_ERROR, EXIT_OK};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli::to_config(&cli) {
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
    let slot = progress::Slot::default();
    let stderr = Shared::new(progress::Stderr(slot.clone()));
    let quiet = config.quiet;
    let result = run::run(config, stdout.clone(), stderr, |total| {
        progress::bar(total, quiet, slot)
    });
    let mut stdout = stdout;
    let _ = stdout.flush();
    match result {
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
        Ok(report) => {
            if !config.quiet && config.mode != Mode::Stdout {
                eprint!("{}", report.stats.render(&config.mode));
            }
            report.exit_code
        }
    }
}

/// The description's first sentence, on one line: what `rules list` shows.
fn first_sentence(description: &str) -> String {
    let flat = description.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(": ").or_else(|| flat.find(". ")) {
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
    match sub {
        RulesCommand::List => {
            for rule in rules.rules() {
                let summary = first_sentence(&rule.description);
                println!("{:<22} {:<28} {}", rule.id, rule.origin, summary);
            }
            EXIT_OK
        }
        RulesCommand::Test => {
            let report = rules.test_cases();
            for f in &report.failures {
                let why = if f.not_idempotent {
                    "not idempotent; second run gave"
                } else {
                    "got"
                };
                println!(
                    "FAIL {} case {} ({})\n  input:    {:?}\n  expected: {:?}\n  {why}: {:?}",
                    f.rule, f.index, f.origin, f.input, f.expected, f.actual
                );
            }
            for id in &report.without_cases {
                println!("WARN {id}: no [[case]] examples");
            }
            println!(
                "{} cases passed, {} failed, {} rules",
                report.passed,
                report.failures.len(),
                rules.rules().len()
            );
            if report.failures.is_empty() {
                EXIT_OK
            } else {
                EXIT_ERROR
            }
        }
    }
}
