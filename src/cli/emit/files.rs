//! Writing cleaned files: a mirrored output tree, or the inputs themselves.

use super::{EmitError, Emitter, Sink};
use crate::cli::outcome::{FileError, FileOutcome};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `clean --out DIR`: every input gets a cleaned UTF-8 copy at `DIR/REL`, changed or not, so
/// DIR is a complete clean corpus.
pub(crate) struct OutDirEmitter {
    root: PathBuf,
    /// Destinations written in this run: two inputs that map to one file are an error, not a
    /// silent overwrite (`clean a b --out o` with `a/x.txt` and `b/x.txt`).
    written: std::collections::HashSet<PathBuf>,
    /// Folders already created, so a large tree costs one mkdir per folder, not per file.
    folders: std::collections::HashSet<PathBuf>,
}

impl OutDirEmitter {
    pub(crate) fn new(root: PathBuf) -> Self {
        OutDirEmitter {
            root,
            written: Default::default(),
            folders: Default::default(),
        }
    }
}

impl Emitter for OutDirEmitter {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        let dest = self.root.join(&outcome.unit.rel);
        let refuse = |why: String| Err(EmitError::File(FileError::Other(why)));
        if same_file(&dest, &outcome.unit.path) {
            return refuse(format!(
                "not written: {} is the input itself (use --in-place to rewrite inputs)",
                dest.display()
            ));
        }
        if !self.written.insert(dest.clone()) {
            return refuse(format!(
                "not written: another input was already written to {}",
                dest.display()
            ));
        }
        // Through a rename, so an existing output that is a hard link or symlink to an input
        // is replaced, never written through.
        let folders = &mut self.folders;
        let mut write = || -> std::io::Result<()> {
            if let Some(parent) = dest.parent() {
                if !folders.contains(parent) {
                    std::fs::create_dir_all(parent)?;
                    folders.insert(parent.to_path_buf());
                }
            }
            write_via_rename(&dest, &p.output, false)
        };
        write().map_err(|source| {
            EmitError::File(FileError::Write {
                path: dest.display().to_string(),
                source,
            })
        })
    }
}

/// Is `out` the very file `input` (same path once links are resolved)? Only an existing
/// output can be, so a fresh output folder costs one failed stat, not two path resolutions.
fn same_file(out: &Path, input: &Path) -> bool {
    if std::fs::symlink_metadata(out).is_err() {
        return false;
    }
    match (out.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `clean --in-place`: a changed input is replaced atomically (a temporary file in the same
/// folder, then a rename), so a killed run leaves every file either old or new, never partial.
#[derive(Default)]
pub(crate) struct InPlaceEmitter;

impl Emitter for InPlaceEmitter {
    fn emit(&mut self, outcome: &FileOutcome) -> Result<(), EmitError> {
        let Some(p) = outcome.processed() else {
            return Ok(());
        };
        if !p.changed() {
            return Ok(());
        }
        // A symlinked input is rewritten at its target; the link stays a link.
        let target = outcome.unit.path.canonicalize();
        target
            .and_then(|path| write_via_rename(&path, &p.output, true))
            .map_err(|source| {
                EmitError::File(FileError::Write {
                    path: outcome.unit.path.display().to_string(),
                    source,
                })
            })
    }
}

/// Write `bytes` to a temporary file beside `path`, then rename it over `path`: readers see the
/// old file or the new one, never a partial one. `durable` also syncs the data first (in-place
/// rewrites of the user's own files). A new file's mode follows the umask, as `cp` makes it;
/// a replaced file keeps its mode and, where the process may set it (as root), its owner.
fn write_via_rename(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = temporary_in(dir)?;
    tmp.write_all(bytes)?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
        keep_owner(tmp.as_file(), &meta);
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A hidden temporary file in `dir`, created with mode 0666 less the umask (tempfile's own
/// default, 0600, would make every output private).
fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".doctidy-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Give the new file the replaced file's owner and group. Only root may give a file away, so
/// for anyone else a different owner stays as it is (the file is theirs now, as with `sed -i`).
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, original: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else {
        return;
    };
    if (now.uid(), now.gid()) != (original.uid(), original.gid()) {
        let _ = std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _original: &std::fs::Metadata) {}

/// A file that appears whole or not at all: bytes go to a temporary file in the same folder,
/// renamed over `dest` on [`Sink::close`]; dropped without closing, it leaves nothing behind.
/// A destination that exists and is not a regular file (`/dev/stdout`, a FIFO) is written
/// directly: renaming over it would replace the device.
pub(crate) struct AtomicFile {
    out: Option<Target>,
    dest: PathBuf,
}

enum Target {
    Temporary(std::io::BufWriter<tempfile::NamedTempFile>),
    Direct(std::io::BufWriter<std::fs::File>),
}

impl AtomicFile {
    pub(crate) fn create(dest: &Path) -> std::io::Result<Self> {
        let special = std::fs::metadata(dest).is_ok_and(|m| !m.is_file());
        let out = if special {
            Target::Direct(std::io::BufWriter::new(
                std::fs::OpenOptions::new().write(true).open(dest)?,
            ))
        } else {
            let dir = dest
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)?;
            let tmp = temporary_in(dir)?;
            Target::Temporary(std::io::BufWriter::new(tmp))
        };
        Ok(AtomicFile {
            out: Some(out),
            dest: dest.to_path_buf(),
        })
    }

    fn out(&mut self) -> std::io::Result<&mut dyn Write> {
        match self.out.as_mut() {
            Some(Target::Temporary(w)) => Ok(w),
            Some(Target::Direct(w)) => Ok(w),
            None => Err(std::io::Error::other("file already closed")),
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

impl Sink for AtomicFile {
    fn close(&mut self) -> std::io::Result<()> {
        match self.out.take() {
            Some(Target::Temporary(w)) => {
                let tmp = w.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                tmp.persist(&self.dest).map_err(|e| e.error)?;
                Ok(())
            }
            Some(Target::Direct(mut w)) => w.flush(),
            None => Err(std::io::Error::other("file already closed")),
        }
    }
}
