//! Where units of work come from. Today a unit is a file (or standard input) found from the
//! command-line paths; the corpus mode adds JSON Lines records as another source. A unit's
//! name is kept as an OS string, so a non-UTF-8 file name reaches `--out` byte for byte and is
//! shown lossily only in messages.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// One input to clean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Path to read; `-` for standard input.
    pub path: PathBuf,
    /// Path relative to the argument it was found under (the file name for a file named
    /// directly, `-` for stdin): where its copy goes under `--out`, its name in diffs.
    pub rel: PathBuf,
    /// How diffs and patches name it: the path as given when that is relative and stays
    /// inside the working folder (so a patch applies from where doctidy ran, as git's do),
    /// else `rel`.
    pub name: PathBuf,
    /// Named on the command line (an error if unreadable or binary), not found by walking
    /// (binary files are then skipped with a note).
    pub explicit: bool,
}

impl Unit {
    pub(super) fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// How the unit is named in messages (lossy for non-UTF-8 names).
    pub(super) fn display(&self) -> String {
        if self.is_stdin() {
            "<stdin>".into()
        } else {
            self.path.display().to_string()
        }
    }

    /// The relative name as bytes, `/`-separated: the order units are listed in.
    pub(super) fn rel_bytes(&self) -> Vec<u8> {
        joined(&self.rel)
    }

    /// The name diff headers carry, as bytes, `/`-separated.
    pub(super) fn diff_name(&self) -> Vec<u8> {
        joined(&self.name)
    }

    /// Does the name say JSON Lines (`.jsonl`, `.ndjson`, also compressed)?
    pub(super) fn named_json_lines(&self) -> bool {
        let name = self
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_lowercase();
        [
            ".jsonl",
            ".ndjson",
            ".jsonl.gz",
            ".jsonl.zst",
            ".ndjson.gz",
            ".ndjson.zst",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
    }

    /// The unit's bytes.
    pub(super) fn read(&self) -> std::io::Result<Vec<u8>> {
        if self.is_stdin() {
            let mut buf = Vec::new();
            std::io::stdin().lock().read_to_end(&mut buf)?;
            Ok(buf)
        } else {
            std::fs::read(&self.path)
        }
    }
}

fn joined(path: &Path) -> Vec<u8> {
    let parts: Vec<&[u8]> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| os_bytes(c.as_os_str()))
        .collect();
    parts.join(&b'/')
}

/// Is `path` relative and inside the working folder (no `..`)? Then it names files as the
/// user sees them from there.
fn names_from_here(path: &Path) -> bool {
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(unix)]
fn os_bytes(s: &OsStr) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes()
}

#[cfg(not(unix))]
fn os_bytes(s: &OsStr) -> &[u8] {
    s.as_encoded_bytes()
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub(crate) struct WalkError {
    pub path: String,
    pub message: String,
}

/// Expand folders (hidden files and folders skipped, symlinks followed, `.gitignore` NOT
/// honoured: a corpus folder is data, not a source tree) and keep files named directly.
/// Paths in `exclude` (the output folder, the patch file) are never walked into, so a rerun
/// does not clean its own output.
/// Each argument's files come out sorted; arguments keep their order. Errors are per argument.
pub(crate) fn collect_inputs(args: &[PathBuf], exclude: &[&Path]) -> (Vec<Unit>, Vec<WalkError>) {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut walked = std::collections::HashSet::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Unit {
                path: arg.clone(),
                rel: "-".into(),
                name: "-".into(),
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
            let rel = arg.file_name().map_or_else(|| arg.clone(), PathBuf::from);
            let name = if names_from_here(arg) {
                arg.clone()
            } else {
                rel.clone()
            };
            inputs.push(Unit {
                path: arg.clone(),
                rel,
                name,
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
                    let rel = path.strip_prefix(arg).unwrap_or(&path).to_path_buf();
                    let name = if names_from_here(arg) {
                        path.clone()
                    } else {
                        rel.clone()
                    };
                    found.push(Unit {
                        name,
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
        // Byte order of the `/`-joined names, as `ls` and `git` list them.
        found.sort_by_cached_key(Unit::rel_bytes);
        inputs.extend(found);
    }
    (inputs, errors)
}
