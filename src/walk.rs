//! Turns the command-line paths into a sorted list of inputs.

use crate::outcome::Input;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct WalkError {
    pub path: String,
    pub message: String,
}

/// Expand folders (hidden files and folders skipped, symlinks not followed, `.gitignore` NOT
/// honoured: a corpus folder is data, not a source tree) and keep files named directly.
/// Paths in `exclude` (the output folder, the patch file) are never walked into, so a rerun
/// does not clean its own output.
/// Each argument's files come out sorted; arguments keep their order. Errors are per argument.
pub fn collect_inputs(args: &[PathBuf], exclude: &[&Path]) -> (Vec<Input>, Vec<WalkError>) {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut walked = std::collections::HashSet::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input {
                path: arg.clone(),
                rel: "-".into(),
                explicit: true,
            });
            continue;
        }
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                errors.push(WalkError {
                    path: arg.display().to_string(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            let rel = arg.file_name().map_or_else(
                || arg.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            inputs.push(Input {
                path: arg.clone(),
                rel,
                explicit: true,
            });
            continue;
        }
        if !walked.insert(arg.canonicalize().unwrap_or_else(|_| arg.clone())) {
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(arg)
            .standard_filters(false)
            .hidden(true)
            .follow_links(true)
            .filter_entry({
                let exclude = exclude.clone();
                // Only entries named like an excluded path pay for a canonicalize.
                move |entry| {
                    let named_like = exclude
                        .iter()
                        .any(|ex| ex.file_name() == Some(entry.file_name()));
                    !named_like
                        || entry
                            .path()
                            .canonicalize()
                            .map_or(true, |p| !exclude.contains(&p))
                }
            })
            .build();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let path = entry.into_path();
                    let rel = path
                        .strip_prefix(arg)
                        .unwrap_or(&path)
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    found.push(Input {
                        path,
                        rel,
                        explicit: false,
                    });
                }
                Ok(_) => {}
                Err(e) => errors.push(WalkError {
                    path: arg.display().to_string(),
                    message: e.to_string(),
                }),
            }
        }
        found.sort_by(|a, b| a.rel.cmp(&b.rel));
        inputs.extend(found);
    }
    (inputs, errors)
}
