//! `doctidy rules why FILE:LINE`: each rule's verdict on one line of a file, and the edits a
//! run makes there, so a rule author sees which rule fired, which was tried and missed, and
//! which the prefilter skipped.

use super::args::Cli;
use crate::{CleanOptions, Cleaner, RuleSet, Verdict};
use std::fmt::Write;

pub(crate) fn run(
    rules: &RuleSet,
    cli: &Cli,
    target: &str,
    out: &mut String,
) -> Result<(), String> {
    let (file, line) = target
        .rsplit_once(':')
        .and_then(|(f, l)| Some((f, l.parse::<usize>().ok().filter(|&n| n > 0)?)))
        .ok_or_else(|| format!("{target:?}: expected FILE:LINE, with lines counted from 1"))?;
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let mut options = CleanOptions::for_files();
    if let Some(label) = &cli.global.encoding {
        options.encoding = Some(
            crate::detect::charset_for_label(label)
                .ok_or_else(|| format!("--encoding {label}: unknown encoding"))?,
        );
    }
    // A rule may need hundreds of literals (every traditional spelling): a line shows a few.
    const SHOWN_NEEDS: usize = 12;
    let cleaner = Cleaner::new(rules.clone(), options);
    let decoded = cleaner.decode(&bytes).map_err(|e| format!("{file}: {e}"))?;
    let verdicts = rules
        .why(&decoded.text, line)
        .ok_or_else(|| format!("{file} has no line {line}"))?;
    let shown = decoded.text.lines().nth(line - 1).unwrap_or_default();
    let _ = writeln!(out, "{file}:{line}: {shown}");
    let width = verdicts.iter().map(|v| v.rule.len()).max().unwrap_or(0);
    for v in &verdicts {
        let what = match &v.verdict {
            Verdict::Matches => "matches".to_string(),
            Verdict::NoMatch => "tried, does not match".to_string(),
            Verdict::OutsideZone => "matches, but the line is outside its zone".to_string(),
            Verdict::Prefiltered { needs } => {
                let shown = crate::cli::shown_literals(&needs[..needs.len().min(SHOWN_NEEDS)]);
                let more = match needs.len() {
                    n if n > SHOWN_NEEDS => format!(" … {n} in all, see `rules show {}`", v.rule),
                    _ => String::new(),
                };
                format!("skipped by the prefilter (needs one of {shown}{more})")
            }
            Verdict::ShapeSkipped => {
                "skipped by the shape pass (its pattern cannot match this line)".to_string()
            }
            Verdict::Protected => "protected line: not touched".to_string(),
            Verdict::NotALineRule => continue,
        };
        let _ = writeln!(out, "  {:<width$}  {:<10}  {what}", v.rule, v.kind);
    }
    let cleaned = cleaner.clean_decoded(&decoded);
    let edits: Vec<_> = cleaned.edits.iter().filter(|e| e.line == line).collect();
    if edits.is_empty() {
        let _ = writeln!(out, "edits on this line: none");
    } else {
        let _ = writeln!(out, "edits on this line:");
        for e in edits {
            let change = if e.after.is_empty() && e.column == 0 {
                "dropped the line".to_string()
            } else {
                format!("column {}: {:?} → {:?}", e.column, e.before, e.after)
            };
            let _ = writeln!(out, "  {:<width$}  pass {}  {change}", e.rule, e.pass);
        }
    }
    Ok(())
}
