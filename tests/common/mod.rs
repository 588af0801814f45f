//! Helpers shared by the integration tests: the real binary and scratch folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_doctidy")
}

pub fn cmd() -> snapbox::cmd::Command {
    snapbox::cmd::Command::new(bin())
}

/// Write `files` (relative path → bytes) under `root`.
pub fn write_tree(root: &Path, files: &[(&str, &[u8])]) {
    for (rel, bytes) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Every file under `root` as (relative path, bytes), sorted.
pub fn read_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    walk(root, root, &mut out);
    out.sort();
    out
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A small article with every kind of artefact the first rules handle.
pub const ARTICLE: &str = "市图书馆完成改造 周末恢复开放\n\n2021年04月02日 08:15:00 来源: 本地新闻网-文化频道\n\n\u{a0}\u{a0}\u{a0}\u{a0}记者:馆长,改造后有哪些变化?\n\n\u{3000}\u{3000}馆长:新增座位300个(其中儿童区80个),开放时间延长到21:00。\n\n\n\n   上一页 1 2 下一页  \n\n责任编辑: 林小雨\n";

pub const ARTICLE_CLEAN: &str = "市图书馆完成改造 周末恢复开放\n\n记者：馆长，改造后有哪些变化？\n\n馆长：新增座位300个（其中儿童区80个），开放时间延长到21:00。\n";

/// What a finished command printed on stderr.
pub fn stderr_of(assert: &snapbox::cmd::OutputAssert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The relative paths of every file under `root`, sorted.
pub fn names(root: &Path) -> Vec<String> {
    read_tree(root).into_iter().map(|(n, _)| n).collect()
}

/// Run git with `args` in `dir` and fail the test with git's own message if it fails.
pub fn git(dir: &Path, args: &[&std::ffi::OsStr]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `doctidy clean SRC --out OUT`, ready for more arguments.
pub fn clean_out(
    src: impl AsRef<std::ffi::OsStr>,
    out: impl AsRef<std::ffi::OsStr>,
) -> snapbox::cmd::Command {
    cmd().arg("clean").arg(src).arg("--out").arg(out)
}

/// Apply `patch` with `patch -p1` inside `dir`, failing the test with patch's own message;
/// false when patch(1) is not installed (`.ci/run` installs it).
pub fn patch_p1(dir: &Path, patch: &Path) -> bool {
    let Ok(out) = std::process::Command::new("patch")
        .args(["-p1", "-i"])
        .arg(patch)
        .current_dir(dir)
        .output()
    else {
        return false;
    };
    assert!(
        out.status.success(),
        "patch -p1 failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}
