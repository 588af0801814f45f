//! Writing cleaned files: a mirrored output tree, or the inputs themselves.

use super::{EmitError, Emitter};
use crate::outcome::{FileError, FileOutcome};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `clean --out DIR`: every input gets a cleaned UTF-8 copy at `DIR/REL`, changed or not, so
/// DIR is a complete clean corpus.
pub struct OutDirEmitter {
    root: PathBuf,
}

impl OutDirEmitter {
    pub fn new(root: PathBuf) -> Self {
        OutDirEmitter { root }
    }
}

impl Emitter for OutDirEmitter {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        let dest = self.root.join(&outcome.input.rel);
        if same_file(&dest, &outcome.input.path) {
            return Err(EmitError::File(FileError::Other(format!(
                "not written: {} is the input itself (use --in-place to rewrite inputs)",
                dest.display()
            ))));
        }
        let write = || -> std::io::Result<()> {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&dest, &p.output)
        };
        write().map_err(|source| {
            EmitError::File(FileError::Write {
                path: dest.display().to_string(),
                source,
            })
        })
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `clean --in-place`: a changed input is replaced atomically (a temporary file in the same
/// folder, then a rename), so a killed run leaves every file either old or new, never partial.
#[derive(Default)]
pub struct InPlaceEmitter;

impl Emitter for InPlaceEmitter {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        if !p.changed() {
            return Ok(());
        }
        replace_atomically(&outcome.input.path, &p.output).map_err(|source| {
            EmitError::File(FileError::Write {
                path: outcome.input.path.display().to_string(),
                source,
            })
        })
    }
}

fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".doctidy-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
