//! What doctidy does to the file system and its streams, through the real binary: file modes
//! and owners, special files, hard links, file names that are not UTF-8, pipes, patches that
//! apply from where doctidy ran, and the files it refuses to clean.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Run the binary through `sh` so the umask can be set for it alone.
#[cfg(unix)]
fn with_umask(umask: &str, dir: &Path, args: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" {args}"))
        .arg(bin())
        .current_dir(dir)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn outputs_and_patches_follow_the_umask_and_in_place_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("src/a.txt", ARTICLE.as_bytes())]);
    let out = with_umask("022", dir.path(), "clean src --out out --patch p.patch -q");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&dir.path().join("out/a.txt")), 0o644, "like cp");
    assert_eq!(mode(&dir.path().join("p.patch")), 0o644);
    let out = with_umask("027", dir.path(), "clean src --out out2 -q");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&dir.path().join("out2/a.txt")), 0o640);

    let file = dir.path().join("src/a.txt");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o604)).unwrap();
    let out = with_umask("077", dir.path(), "clean src --in-place -q");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read(&file).unwrap(), ARTICLE_CLEAN.as_bytes());
    assert_eq!(mode(&file), 0o604, "the rewritten file keeps its mode");
}

#[cfg(unix)]
#[test]
fn in_place_as_root_keeps_the_owner() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    // Only root can give a file away; elsewhere the test has nothing to show.
    if std::os::unix::fs::chown(&file, Some(4242), Some(4343)).is_err() {
        return;
    }
    cmd()
        .args(["clean", "--in-place", "-q"])
        .arg(&file)
        .assert()
        .code(0);
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), ARTICLE_CLEAN.as_bytes());
    assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
}

#[cfg(unix)]
#[test]
fn in_place_refuses_fifos_and_hard_linked_files_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("linked.txt", ARTICLE.as_bytes()),
            ("plain.txt", ARTICLE.as_bytes()),
        ],
    );
    std::fs::hard_link(
        dir.path().join("linked.txt"),
        dir.path().join("other-name.txt"),
    )
    .unwrap();
    let fifo = dir.path().join("pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let assert = cmd()
        .args(["clean", "--in-place", "-q"])
        .args([
            &fifo,
            &dir.path().join("linked.txt"),
            &dir.path().join("plain.txt"),
        ])
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("pipe.txt: not a regular file (a FIFO, socket or device)"),
        "{stderr}"
    );
    assert!(stderr.contains("linked.txt: has 2 hard links"), "{stderr}");
    // The FIFO is still a FIFO, both names of the linked file keep the old text, and the
    // plain file is cleaned.
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    for name in ["linked.txt", "other-name.txt"] {
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            ARTICLE.as_bytes()
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("plain.txt")).unwrap(),
        ARTICLE_CLEAN.as_bytes()
    );
}

#[test]
fn rules_list_into_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(bin())
        .args(["rules", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // `| head -0`: the reader is gone before the first line
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn json_lines_files_are_refused_not_corrupted() {
    let dir = tempfile::tempdir().unwrap();
    let record = "{\"id\":1,\"text\":\"中文,中文\"}\n{\"id\":2,\"text\":\"好\"}\n";
    write_tree(
        dir.path(),
        &[
            ("src/shard.jsonl", record.as_bytes()),
            ("src/records.txt", record.as_bytes()),
            ("src/a.txt", ARTICLE.as_bytes()),
        ],
    );
    let assert = clean_out(dir.path().join("src"), dir.path().join("out"))
        .arg("-q")
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    for name in ["shard.jsonl", "records.txt"] {
        assert!(
            stderr.contains(&format!("{name}: JSON or JSON Lines, not a text document")),
            "{stderr}"
        );
    }
    assert_eq!(names(&dir.path().join("out")), ["a.txt"]);
}

#[test]
fn a_json_file_is_refused_and_a_record_with_a_json_header_is_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let pretty = "{\n  \"id\": 1,\n  \"text\": \"中文,中文\"\n}\n";
    let record = format!("{{\"id\": 7, \"lang\": \"zh\"}}\n{ARTICLE}");
    write_tree(
        dir.path(),
        &[
            ("src/pretty.json", pretty.as_bytes()),
            ("src/record.txt", record.as_bytes()),
        ],
    );
    let assert = clean_out(dir.path().join("src"), dir.path().join("out"))
        .arg("-q")
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("pretty.json: JSON or JSON Lines, not a text document"),
        "{stderr}"
    );
    assert_eq!(names(&dir.path().join("out")), ["record.txt"]);
    // Cleaned as text: the article is there, and the metadata line went (crawl-meta-json).
    let cleaned = std::fs::read_to_string(dir.path().join("out/record.txt")).unwrap();
    let title = ARTICLE.lines().next().unwrap();
    assert!(cleaned.starts_with(title), "{cleaned}");
    assert!(!cleaned.contains("\"lang\""), "{cleaned}");
}

#[test]
fn keep_encoding_works_with_out_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = ARTICLE.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    write_tree(dir.path(), &[("src/a.txt", &gbk)]);
    let src = dir.path().join("src");
    clean_out(&src, dir.path().join("out"))
        .args(["--keep-encoding", "-q"])
        .assert()
        .code(0);
    let clean_crlf = ARTICLE_CLEAN.replace('\n', "\r\n");
    let (want, _, _) = encoding_rs::GBK.encode(&clean_crlf);
    assert_eq!(
        std::fs::read(dir.path().join("out/a.txt")).unwrap(),
        want.to_vec()
    );

    cmd()
        .args(["check", "--keep-encoding", "-q"])
        .arg(&src)
        .assert()
        .code(1);
    cmd()
        .args(["clean", "--in-place", "--keep-encoding", "-q"])
        .arg(&src)
        .assert()
        .code(0);
    assert_eq!(std::fs::read(src.join("a.txt")).unwrap(), want.to_vec());
    cmd()
        .args(["check", "--keep-encoding", "-q"])
        .arg(&src)
        .assert()
        .code(0);
    // Without --keep-encoding, check still wants UTF-8 with LF.
    cmd().args(["check", "-q"]).arg(&src).assert().code(1);
}

#[test]
fn the_diff_help_example_works_from_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("submissions/a.txt", ARTICLE.as_bytes())]);
    git(dir.path(), &["init".as_ref(), "-q".as_ref()]);
    // The command exactly as `doctidy diff --help` shows it, from the root.
    let out = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" diff submissions/ > review.patch && git apply --check review.patch")
        .arg(bin())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let help = cmd().args(["diff", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout)
        .contains("doctidy diff submissions/ > review.patch && git apply --check review.patch"));
    git(dir.path(), &["apply".as_ref(), "review.patch".as_ref()]);
    assert_eq!(
        std::fs::read(dir.path().join("submissions/a.txt")).unwrap(),
        ARTICLE_CLEAN.as_bytes()
    );
}

#[test]
fn a_patch_inside_the_input_folder_survives_a_rerun() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("src/a.txt", ARTICLE.as_bytes())]);
    let src = dir.path().join("src");
    for _ in 0..2 {
        clean_out("src", "out")
            .args(["--patch", "src/changes.patch", "-q"])
            .current_dir(dir.path())
            .assert()
            .code(0);
    }
    assert_eq!(
        names(&dir.path().join("out")),
        ["a.txt"],
        "the patch is not an input"
    );
    let patch = std::fs::read_to_string(src.join("changes.patch")).unwrap();
    assert!(patch.starts_with("--- a/src/a.txt\n"), "{patch}");
}

#[test]
fn dropping_the_last_line_is_one_edit() {
    let assert = cmd()
        .args(["check", "--explain", "-"])
        .stdin("正文内容。\n责任编辑: 林小雨")
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(
        stdout,
        "would change: <stdin> (editor-credit 1)\n<stdin>:2: editor-credit: removed line \"责任编辑: 林小雨\"\n"
    );
}

#[test]
fn low_confidence_is_noted_when_cleaning_to_stdout() {
    // Four GBK bytes: too short for a sure answer.
    let (gbk, _, _) = encoding_rs::GBK.encode("新闻");
    let assert = cmd().args(["clean", "-"]).stdin(gbk.to_vec()).assert();
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("note: <stdin>: encoding detected as") && stderr.contains("low confidence"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_reach_out_byte_for_byte() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    // Two GBK-encoded names that a lossy conversion would make equal (`����.txt`).
    let names = [b"\xd6\xd0\xce\xc4.txt".as_slice(), b"\xd0\xc2\xce\xc5.txt"];
    for name in names {
        std::fs::write(src.join(OsStr::from_bytes(name)), ARTICLE).unwrap();
    }
    clean_out(&src, dir.path().join("out"))
        .arg("-q")
        .assert()
        .code(0);
    for name in names {
        let written = dir.path().join("out").join(OsStr::from_bytes(name));
        assert_eq!(std::fs::read(written).unwrap(), ARTICLE_CLEAN.as_bytes());
    }
}

#[cfg(unix)]
#[test]
fn patches_quote_unusual_names_so_git_applies_them() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let names = [
        b"new\nline.txt".as_slice(),
        b"\xd6\xd0\xce\xc4.txt",
        b"say \"hi\".txt",
        b"plain.txt",
    ];
    for name in names {
        std::fs::write(src.join(OsStr::from_bytes(name)), ARTICLE).unwrap();
    }
    let patch = dir.path().join("all.patch");
    let out = Command::new(bin()).arg("diff").arg(&src).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&patch, &out.stdout).unwrap();
    let text = std::fs::read(&patch).unwrap();
    assert!(text
        .windows(br#"--- "a/new\nline.txt""#.len())
        .any(|w| w == br#"--- "a/new\nline.txt""#));
    git(&src, &["apply".as_ref(), patch.as_os_str()]);
    for name in names {
        let cleaned = std::fs::read(src.join(OsStr::from_bytes(name))).unwrap();
        assert_eq!(
            cleaned,
            ARTICLE_CLEAN.as_bytes(),
            "{:?}",
            OsStr::from_bytes(name)
        );
    }
}

#[test]
fn rules_that_undo_each_other_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let rule = |id: &str, from: &str, to: &str| {
        format!(
            "id = \"{id}\"\ndescription = \"d\"\nkind = \"replace\"\npattern = '{from}'\nreplace = '{to}'\n[[case]]\ninput = \"{from}\\n\"\nexpected = \"{to}\\n\"\n"
        )
    };
    write_tree(
        dir.path(),
        &[
            ("rules/30-a.toml", rule("flip", "甲", "乙").as_bytes()),
            ("rules/31-b.toml", rule("flop", "乙", "甲甲").as_bytes()),
        ],
    );
    let assert = cmd()
        .args(["check", "--rules"])
        .arg(dir.path().join("rules"))
        .arg("-")
        .stdin("甲方\n")
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(
            "warning: <stdin>: the rules did not settle after 8 passes (still changing: flip, flop)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1 with warnings"), "{stderr}");
}

#[test]
fn a_crawler_record_saved_as_pretty_json_is_cleaned_to_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let record = "{\n  \"url\": \"https://www.example.cn/p/1\",\n  \"crawl_time\": \"2024-08-02 03:14:55\",\n  \"content\": [\n    \"去年冬天，团队把十二辆测试车开上了高速和山路。\",\n    \"两千多个小时下来，最大的感受是让车听懂人话不难。\"\n  ],\n  \"read_count\": 12873\n}\n";
    write_tree(dir.path(), &[("src/record.json", record.as_bytes())]);
    clean_out(dir.path().join("src"), dir.path().join("out"))
        .arg("-q")
        .assert()
        .code(0);
    let cleaned = std::fs::read_to_string(dir.path().join("out/record.json")).unwrap();
    assert_eq!(
        cleaned,
        "去年冬天，团队把十二辆测试车开上了高速和山路。\n两千多个小时下来，最大的感受是让车听懂人话不难。\n"
    );
}
