//! The CLI contract as case files: every `tests/cmd/NAME.toml` runs the real binary once and
//! every `tests/cmd/NAME.md` runs the `$ ` commands of its console blocks in turn (see the
//! trycmd docs for both formats).
//!
//! To update the expected output after a deliberate change of the CLI's output, run
//!
//! ```sh
//! TRYCMD=overwrite cargo test --test cmd
//! ```
//!
//! and review the diff: it rewrites `NAME.stdout`, `NAME.stderr`, the `status` of a `.toml`,
//! the expected output in a `.md` and the files under `NAME.out/` whose content differs. It
//! neither adds nor removes files under `NAME.out/`: `TRYCMD=dump cargo test --test cmd` writes
//! each case's whole output, folders included, under `dump/` to copy from. `[..]` matches the
//! rest of a line (and `...` any lines): it stands only for what changes from run to run, the
//! summary's timing (`in [..]`); `[CWD]` is the scratch folder the case ran in.
//! `cargo test --test cmd -- cli_cases trycmd=NAME` runs only the cases whose path has NAME.
//!
//! A case's folders:
//! - `NAME.in/` is copied to a scratch folder that is the command's working directory
//!   (`fs.sandbox = true`, implied by `NAME.out/`), so nothing is written into `tests/cmd`.
//! - `NAME.out/` is what that folder must hold afterwards: inputs that must stay as they were
//!   and the files the command wrote. It checks only the files it holds, so a case that must
//!   show a file was NOT written (or that nothing else was) has a `NAME.md` beside its `.toml`,
//!   sharing its `.in/` and `.out/`, that runs the same command and then lists the folder with
//!   `ls -RA`. (`.md` steps see stdout and stderr merged, hence the `.toml` for the streams.)
//!   A sequence of commands on one folder is a `.md` of its own (`check-after-clean.md`).
//! - Text files are compared with line endings normalized (as `.stdout` is); bytes that are
//!   not UTF-8 (the GBK and UTF-16 inputs, the patch that carries them) are compared exactly.
//!
//! What case files cannot express stays in `tests/cli.rs`: killing a run, inodes and mtimes,
//! hard links and symlinks, applying a generated patch with git and patch(1), thread counts
//! and a closed pipe.

use std::path::{Path, PathBuf};

/// `ls` from PATH, for the `.md` cases that list a folder.
fn ls() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("ls"))
        .find(|p| p.is_file())
        .expect("the .md cases list folders with ls(1), which is not on PATH")
}

#[test]
fn cli_cases() {
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("doctidy", PathBuf::from(env!("CARGO_BIN_EXE_doctidy")))
        .register_bin("ls", ls())
        // ls sorts byte-wise whatever the machine's locale.
        .env("LC_ALL", "C")
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.md");
    if !Path::new("/dev/full").exists() {
        cases
            .skip("tests/cmd/clean-patch-dev-full.toml")
            .skip("tests/cmd/clean-patch-dev-full.md");
    }
    cases.run();
}
