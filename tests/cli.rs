//! The CLI checks that case files cannot express, through the real binary: applying a generated
//! patch with git and patch(1), inodes and mtimes of an in-place rewrite, a run killed mid-way,
//! thread counts, a closed pipe, hard links and symlinks.
//!
//! Everything else the CLI promises (output, exit codes, errors, files written or left alone)
//! is a case file under `tests/cmd/`, run by `tests/cmd.rs`.

mod common;

use common::{
    bin, clean_out, cmd, git, names, patch_p1, read_tree, write_tree, ARTICLE, ARTICLE_CLEAN,
};
use std::process::Command;

#[test]
fn patch_applies_with_git_apply_and_patch() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let crlf = ARTICLE.replace('\n', "\r\n");
    let bom = format!("\u{feff}{ARTICLE}");
    let no_final_newline = "标题\n正文,结尾";
    // Legacy and UTF-16 inputs: the patch carries their exact bytes, so it still applies.
    let gbk = encoding_rs::GBK
        .encode(&ARTICLE.replace('\u{a0}', " "))
        .0
        .into_owned();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(ARTICLE.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    write_tree(
        &src,
        &[
            ("news/a.txt", ARTICLE.as_bytes()),
            ("news/crlf.txt", crlf.as_bytes()),
            ("bom.txt", bom.as_bytes()),
            ("tail.txt", no_final_newline.as_bytes()),
            ("clean.txt", ARTICLE_CLEAN.as_bytes()),
            ("legacy/gbk.txt", &gbk),
            ("legacy/utf16.txt", &utf16),
        ],
    );
    let out = dir.path().join("out");
    let patch = dir.path().join("changes.patch");
    clean_out(&src, &out)
        .arg("--patch")
        .arg(&patch)
        .arg("-q")
        .assert()
        .code(0);
    // What the patch holds (and `diff` prints) is compared whole by
    // tests/cmd/clean-out-patch.toml and tests/cmd/diff.toml; here it has to apply.
    git(
        &src,
        &["apply".as_ref(), "--check".as_ref(), patch.as_os_str()],
    );
    git(&src, &["apply".as_ref(), patch.as_os_str()]);
    assert_eq!(
        read_tree(&src),
        read_tree(&out),
        "applying the patch gives the cleaned tree"
    );
}

#[test]
fn patch_applies_with_patch_p1() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    write_tree(&src, &[("d/a.txt", ARTICLE.as_bytes())]);
    let patch = dir.path().join("p.patch");
    cmd()
        .arg("clean")
        .arg(&src)
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--patch")
        .arg(&patch)
        .arg("-q")
        .assert()
        .code(0);
    if !patch_p1(&src, &patch) {
        eprintln!("patch(1) not installed; git apply is tested above");
        return;
    }
    assert_eq!(
        std::fs::read(src.join("d/a.txt")).unwrap(),
        ARTICLE_CLEAN.as_bytes()
    );
}

#[test]
fn in_place_rewrites_only_changed_files_via_rename() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("a.txt", ARTICLE.as_bytes()),
            ("ok.txt", ARTICLE_CLEAN.as_bytes()),
        ],
    );
    let inode_a = std::fs::metadata(dir.path().join("a.txt")).unwrap().ino();
    let mtime_ok = std::fs::metadata(dir.path().join("ok.txt"))
        .unwrap()
        .modified()
        .unwrap();
    cmd()
        .arg("clean")
        .arg(dir.path())
        .arg("--in-place")
        .arg("-q")
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read(dir.path().join("a.txt")).unwrap(),
        ARTICLE_CLEAN.as_bytes()
    );
    assert_ne!(
        std::fs::metadata(dir.path().join("a.txt")).unwrap().ino(),
        inode_a,
        "replaced by rename, not rewritten"
    );
    assert_eq!(
        std::fs::metadata(dir.path().join("ok.txt"))
            .unwrap()
            .modified()
            .unwrap(),
        mtime_ok,
        "unchanged file untouched"
    );
    let written = names(dir.path());
    assert_eq!(
        written,
        ["a.txt", "ok.txt"],
        "no temporary files left behind"
    );
}

#[test]
fn in_place_killed_mid_run_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    // Large files so that the run is still going when it is killed.
    let big: String = ARTICLE.repeat(1500);
    let cleaned = {
        let out = cmd()
            .args(["clean", "-"])
            .stdin(big.clone())
            .output()
            .unwrap();
        out.stdout
    };
    let n = 120;
    for i in 0..n {
        std::fs::write(dir.path().join(format!("f{i:03}.txt")), &big).unwrap();
    }
    let mut child = Command::new(bin())
        .arg("clean")
        .arg(dir.path())
        .args(["--in-place", "-q", "--threads", "1"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    let (mut old, mut new) = (0, 0);
    for i in 0..n {
        let bytes = std::fs::read(dir.path().join(format!("f{i:03}.txt"))).unwrap();
        if bytes == big.as_bytes() {
            old += 1;
        } else if bytes == cleaned {
            new += 1;
        } else {
            panic!("f{i:03}.txt is neither the original nor the cleaned text: a partial write");
        }
    }
    eprintln!("killed after {new} of {n} files were rewritten ({old} untouched)");
    assert!(
        old > 0,
        "the run finished before it was killed: make the files bigger so the kill lands mid-run"
    );
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    for i in 0..40 {
        write_tree(
            &src,
            &[(
                &format!("d{}/f{i}.txt", i % 3),
                ARTICLE.replace("300", &i.to_string()).as_bytes(),
            )],
        );
    }
    let run = |threads: &str| {
        let out = cmd()
            .arg("diff")
            .arg(&src)
            .args(["--threads", threads])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(
        one,
        run("4"),
        "diff output is in path order whatever the threads"
    );
}

#[test]
fn closed_stdout_ends_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        write_tree(dir.path(), &[(&format!("f{i:03}.txt"), ARTICLE.as_bytes())]);
    }
    let mut child = Command::new(bin())
        .arg("diff")
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap(); // then the pipe closes
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "like `doctidy diff | head`");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn outputs_replace_links_instead_of_writing_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    write_tree(&src, &[("a.txt", ARTICLE.as_bytes())]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::hard_link(src.join("a.txt"), out.join("a.txt")).unwrap();
    clean_out(&src, &out).arg("-q").assert().code(0);
    assert_eq!(
        std::fs::read(src.join("a.txt")).unwrap(),
        ARTICLE.as_bytes(),
        "input untouched"
    );
    assert_eq!(
        std::fs::read(out.join("a.txt")).unwrap(),
        ARTICLE_CLEAN.as_bytes()
    );
    // --in-place on a symlink rewrites the target and keeps the link.
    let real = dir.path().join("real.txt");
    std::fs::write(&real, ARTICLE).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    cmd()
        .arg("clean")
        .arg(&link)
        .arg("--in-place")
        .arg("-q")
        .assert()
        .code(0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&real).unwrap(), ARTICLE_CLEAN.as_bytes());
}

#[test]
fn names_with_spaces_patch_with_git_and_patch() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    write_tree(&src, &[("with space.txt", ARTICLE.as_bytes())]);
    let patch = dir.path().join("p.patch");
    cmd()
        .arg("clean")
        .arg(&src)
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--patch")
        .arg(&patch)
        .arg("-q")
        .assert()
        .code(0);
    git(
        &src,
        &["apply".as_ref(), "--check".as_ref(), patch.as_os_str()],
    );
    if patch_p1(&src, &patch) {
        assert_eq!(
            std::fs::read(src.join("with space.txt")).unwrap(),
            ARTICLE_CLEAN.as_bytes()
        );
    }
}
