//! The events of a run, serializable as they are (the JSON lines format is their serde form).

use super::super::outcome::{FileOutcome, Processed, Status};
use super::stats::Stats;
use crate::{Decoded, Edit};
use serde::Serialize;
use std::collections::BTreeMap;

/// One thing that happened in a run.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub(crate) enum Event<'a> {
    /// A unit was decoded (and, unless `detect`, cleaned).
    File(FileRecord<'a>),
    /// One change, in the input's coordinates.
    Edit {
        path: &'a str,
        #[serde(flatten)]
        edit: &'a Edit,
    },
    /// A unit found while walking that is not text.
    Skipped { path: &'a str, reason: String },
    /// A unit that failed (read, decode, write); the run goes on.
    Error { path: &'a str, message: String },
    /// Something a person should look at that is not a failure.
    Warning { path: &'a str, message: String },
    /// The run's totals, last.
    Summary(&'a Stats),
}

/// What became of one decoded unit.
#[derive(Debug, Serialize)]
pub(crate) struct FileRecord<'a> {
    pub path: &'a str,
    pub encoding: &'static str,
    pub confidence: &'static str,
    pub reason: &'static str,
    pub bom: bool,
    pub newline: &'static str,
    /// Whether cleaning changes the file's bytes; absent for `detect`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<bool>,
    /// Edits per rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<BTreeMap<&'a str, usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edits: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes_in: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes_out: Option<usize>,
    /// Damaged spots replaced with U+FFFD (`--on-invalid replace`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced: Option<usize>,
    /// Why the file does not decode (`detect`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl FileRecord<'_> {
    pub(crate) fn low_confidence(&self) -> bool {
        self.confidence == "low"
    }
}

fn record<'a>(
    path: &'a str,
    decoded: &Decoded,
    processed: Option<&'a Processed>,
) -> FileRecord<'a> {
    let det = &decoded.detection;
    let mut record = FileRecord {
        path,
        encoding: det.charset.name(),
        confidence: det.confidence.as_str(),
        reason: det.reason.as_str(),
        bom: decoded.bom(),
        newline: decoded.newline.as_str(),
        changed: None,
        rules: None,
        edits: None,
        bytes_in: None,
        bytes_out: None,
        replaced: (!decoded.replaced.is_empty()).then_some(decoded.replaced.len()),
        error: None,
    };
    if let Some(p) = processed {
        let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for edit in &p.cleaned.edits {
            *per_rule.entry(&edit.rule).or_default() += 1;
        }
        record.changed = Some(p.changed());
        record.rules = Some(per_rule);
        record.edits = Some(p.cleaned.edits.len());
        record.bytes_in = Some(p.input_bytes.len());
        record.bytes_out = Some(p.output.len());
    }
    record
}

/// The events of one outcome, in the order reporters see them: the file, its edits (in
/// reading order, when some reporter wants them), then any warning.
pub(crate) fn events<'a>(outcome: &'a FileOutcome, path: &'a str, edits: bool) -> Vec<Event<'a>> {
    match &outcome.status {
        Status::Done(p) => {
            let mut out = vec![Event::File(record(path, &p.decoded, Some(p)))];
            if edits {
                let mut edits: Vec<&Edit> = p.cleaned.edits.iter().collect();
                // Whole-file changes first, then by place (stable: rule order within a place).
                edits.sort_by_key(|e| (e.line, e.column));
                out.extend(edits.into_iter().map(|edit| Event::Edit { path, edit }));
            }
            if !p.decoded.replaced.is_empty() {
                let spots = p.decoded.replaced.len();
                out.push(Event::Warning {
                    path,
                    message: format!(
                        "{spots} damaged spot{} replaced with U+FFFD (--on-invalid replace); \
                         first at byte {}",
                        if spots == 1 { "" } else { "s" },
                        p.decoded.replaced[0].input.start
                    ),
                });
            }
            if !p.cleaned.converged {
                let rules: Vec<&str> = p.cleaned.still_changing.iter().map(|r| &**r).collect();
                out.push(Event::Warning {
                    path,
                    message: format!(
                        "the rules did not settle after {} passes (still changing: {}); \
                         cleaning the output again would change it",
                        crate::rules::MAX_PASSES,
                        rules.join(", ")
                    ),
                });
            }
            out
        }
        Status::Detected(d) => vec![Event::File(record(path, d, None))],
        Status::Skipped(why) => vec![Event::Skipped {
            path,
            reason: why.clone(),
        }],
        Status::Undecodable(det, e) => vec![Event::File(FileRecord {
            path,
            encoding: det.charset.name(),
            confidence: det.confidence.as_str(),
            reason: det.reason.as_str(),
            bom: det.bom_len > 0,
            newline: "none",
            changed: None,
            rules: None,
            edits: None,
            bytes_in: None,
            bytes_out: None,
            replaced: None,
            error: Some(e.to_string()),
        })],
        Status::Failed(e) => vec![Event::Error {
            path,
            message: e.to_string(),
        }],
    }
}
