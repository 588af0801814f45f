//! The CLI contract, through the real binary: modes, exit codes, errors, patches, atomicity.

mod common;

use common::{
    bin, clean_out, cmd, git, names, patch_p1, read_tree, stderr_of, write_tree, ARTICLE,
    ARTICLE_CLEAN,
};
use snapbox::str;
use std::process::Command;

#[test]
fn stdin_to_stdout() {
    cmd()
        .args(["clean", "-"])
        .stdin(ARTICLE)
        .assert()
        .code(0)
        .stdout_eq(ARTICLE_CLEAN)
        .stderr_eq("");
}

#[test]
fn stdin_with_crlf_and_bom() {
    let input = format!("\u{feff}{}", ARTICLE.replace('\n', "\r\n"));
    cmd()
        .args(["clean", "-"])
        .stdin(input)
        .assert()
        .code(0)
        .stdout_eq(ARTICLE_CLEAN);
}

#[test]
fn clean_out_mirrors_tree_and_keeps_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let files: &[(&str, &[u8])] = &[
        ("a/b.txt", ARTICLE.as_bytes()),
        ("c.txt", ARTICLE_CLEAN.as_bytes()),
        ("a/d/e.md", "标题\n正文,内容\n".as_bytes()),
    ];
    write_tree(&src, files);
    let before = read_tree(&src);
    let out = dir.path().join("out");
    cmd()
        .args(["clean"])
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0)
        .stdout_eq("")
        .stderr_eq(str![[r#"
3 files: 2 changed, 1 unchanged, 0 failed; [..] B → [..] B in [..]
encodings: UTF-8 3
edits per rule:
  blank-lines      5
  cjk-punctuation  8
  dateline         1
  editor-credit    1
  pagination       1
  strip-indent     2

"#]]);
    assert_eq!(
        read_tree(&src),
        before,
        "inputs must be byte-identical after clean --out"
    );
    let got = read_tree(&out);
    let written: Vec<_> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(written, ["a/b.txt", "a/d/e.md", "c.txt"]);
    assert_eq!(got[0].1, ARTICLE_CLEAN.as_bytes());
    assert_eq!(got[1].1, "标题\n正文，内容\n".as_bytes());
    assert_eq!(
        got[2].1,
        ARTICLE_CLEAN.as_bytes(),
        "unchanged files are written too"
    );
}

#[test]
fn check_exits_1_then_0_on_cleaned_tree() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    write_tree(
        &src,
        &[
            ("x.txt", ARTICLE.as_bytes()),
            ("ok.txt", ARTICLE_CLEAN.as_bytes()),
        ],
    );
    let before = read_tree(&src);
    cmd()
        .arg("check")
        .arg(&src)
        .assert()
        .code(1)
        .stdout_eq(str![[r#"
would change: [..]x.txt (blank-lines 5, cjk-punctuation 7, dateline 1, editor-credit 1, pagination 1, strip-indent 2)

"#]]);
    assert_eq!(read_tree(&src), before, "check writes nothing");
    let out = dir.path().join("out");
    clean_out(&src, &out).arg("-q").assert().code(0);
    cmd().arg("check").arg(&out).assert().code(0).stdout_eq("");
}

#[test]
fn check_json_lines() {
    cmd()
        .args(["check", "--format", "json", "-"])
        .stdin("中文,中文\n")
        .assert()
        .code(1)
        .stdout_eq(str![[r#"
{"type":"file","path":"<stdin>","encoding":"UTF-8","confidence":"high","reason":"utf8-valid","bom":false,"newline":"lf","changed":true,"rules":{"cjk-punctuation":1},"edits":1,"bytes_in":14,"bytes_out":16}
{"type":"summary","files_read":1,"changed":1,"unchanged":0,"failed":0,"skipped":0,"warnings":0,"bytes_in":14,"bytes_out":16,"edits_per_rule":{"cjk-punctuation":1},"files_per_encoding":{"UTF-8":1},"low_confidence":[]}

"#]]);
}

#[test]
fn undecodable_file_is_an_error_and_the_others_are_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    // A UTF-16LE BOM followed by an odd number of bytes cannot be decoded in any reading.
    let broken: &[u8] = b"\xFF\xFE\x2D\x4E\x87";
    write_tree(
        &src,
        &[
            ("a.txt", ARTICLE.as_bytes()),
            ("bad.txt", broken),
            ("z.txt", ARTICLE.as_bytes()),
        ],
    );
    let out = dir.path().join("out");
    let assert = clean_out(&src, &out).arg("-q").assert().code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("bad.txt") && stderr.contains("UTF-16LE"),
        "{stderr}"
    );
    let written = names(&out);
    assert_eq!(
        written,
        ["a.txt", "z.txt"],
        "the other files are written, the bad one is not"
    );
    // check: 2 wins over 1
    cmd().arg("check").arg(&src).assert().code(2);
}

#[test]
fn forced_utf8_on_invalid_bytes_names_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.txt");
    std::fs::write(&path, b"ok\n\xD6\xD0\xCE\xC4\n").unwrap();
    let assert = cmd()
        .args(["clean", "--encoding", "utf-8"])
        .arg(&path)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("gbk.txt") && stderr.contains("UTF-8") && stderr.contains("byte 3"),
        "{stderr}"
    );
    assert!(
        assert.get_output().stdout.is_empty(),
        "nothing is written for an undecodable file"
    );
}

#[test]
fn unknown_encoding_label_is_a_clear_error() {
    cmd()
        .args(["clean", "--encoding", "klingon", "-"])
        .stdin("x")
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: unknown encoding "klingon" (try [..])

"#]]);
}

#[test]
fn clean_folder_without_destination_refuses() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("a.txt", ARTICLE.as_bytes())]);
    cmd()
        .arg("clean")
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(str![[r#"
error: clean: more than one file to clean; say where the cleaned files go with --out DIR, or rewrite them with --in-place

"#]]);
    assert_eq!(
        std::fs::read(dir.path().join("a.txt")).unwrap(),
        ARTICLE.as_bytes()
    );
}

#[test]
fn missing_path_is_an_error_but_others_are_processed() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("a.txt", ARTICLE_CLEAN.as_bytes())]);
    let assert = cmd()
        .arg("check")
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("nope.txt"))
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("nope.txt"), "{stderr}");
    assert!(
        stderr.contains("2 files: 0 would change, 1 unchanged, 1 failed"),
        "{stderr}"
    );
}

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
    let text = std::fs::read(&patch).unwrap();
    assert!(
        text.starts_with(b"--- a/bom.txt\n+++ b/bom.txt\n"),
        "{}",
        String::from_utf8_lossy(&text)
    );
    assert!(
        !String::from_utf8_lossy(&text).contains("clean.txt"),
        "unchanged files are not in the patch"
    );

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

    // `diff` prints the same patch (no colour when piped).
    let copy = dir.path().join("copy");
    write_tree(&copy, &[("news/a.txt", ARTICLE.as_bytes())]);
    let assert = cmd().arg("diff").arg(&copy).assert().code(0);
    let diff = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        diff.starts_with("--- a/news/a.txt\n+++ b/news/a.txt\n@@ "),
        "{diff}"
    );
    assert!(!diff.contains('\x1b'), "no colour when piped");
    assert_eq!(
        read_tree(&copy)[0].1,
        ARTICLE.as_bytes(),
        "diff writes nothing"
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
fn explain_names_rule_line_and_change() {
    cmd()
        .args(["check", "--explain", "-"])
        .stdin("标题\n\n  正文,内容\n责任编辑: 林小雨\n")
        .assert()
        .code(1)
        .stdout_eq(str![[r#"
would change: <stdin> (cjk-punctuation 1, editor-credit 1, strip-indent 1)
<stdin>:3:1: strip-indent: "  " → ""
<stdin>:3:5: cjk-punctuation: "," → "，"
<stdin>:4: editor-credit: removed line "责任编辑: 林小雨"

"#]]);
}

#[test]
fn output_folder_inside_input_is_not_cleaned_again() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("a.txt", ARTICLE.as_bytes())]);
    let out = dir.path().join("cleaned");
    for _ in 0..2 {
        clean_out(dir.path(), &out).arg("-q").assert().code(0);
    }
    let written = names(dir.path());
    assert_eq!(written, ["a.txt", "cleaned/a.txt"]);
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
fn output_over_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &[("src/a.txt", ARTICLE.as_bytes())]);
    let src = dir.path().join("src");
    let assert = clean_out(&src, &src).assert().code(2);
    assert!(
        stderr_of(&assert).contains("would overwrite the inputs"),
        "{}",
        stderr_of(&assert)
    );
    let assert = clean_out(src.join("a.txt"), &src).assert().code(2);
    assert!(
        stderr_of(&assert).contains("is the input itself"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(
        std::fs::read(src.join("a.txt")).unwrap(),
        ARTICLE.as_bytes(),
        "input untouched"
    );
}

#[test]
fn rules_test_and_user_rules() {
    cmd()
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout_eq(str![[r#"
[..] cases passed, 0 failed, [..] rules

"#]]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("19-wechat.toml"),
        "id = \"wechat\"\ndescription = \"Drops ad lines.\"\nkind = \"drop-line\"\npattern = '''广告[:：].*'''\n[[case]]\ninput = \"正文。\\n广告：某某\\n\"\nexpected = \"正文。\\n\"\n",
    )
    .unwrap();
    cmd()
        .args(["rules", "test", "--rules"])
        .arg(dir.path())
        .assert()
        .code(0);
    cmd()
        .args(["clean", "-", "--rules"])
        .arg(dir.path())
        .stdin("正文。\n广告：某某\n")
        .assert()
        .code(0)
        .stdout_eq("正文。\n");
    let listed = cmd()
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    // Columns: id, file; the user's 19-wechat.toml sits among the built-ins by file name.
    let files: Vec<String> = listed
        .lines()
        .map(|l| {
            l.split_whitespace()
                .nth(1)
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(files.iter().any(|f| f == "19-wechat.toml"), "{files:?}");
    assert!(
        files.windows(2).all(|w| w[0] <= w[1]),
        "placed by file name: {files:?}"
    );

    std::fs::write(
        dir.path().join("30-bad.toml"),
        "id = \"bad\"\ndescription = \"x\"\nkind = \"drop-line\"\npattern = \"(\"\n",
    )
    .unwrap();
    let assert = cmd()
        .args(["clean", "-", "--rules"])
        .arg(dir.path())
        .stdin("x")
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("30-bad.toml") && stderr.contains("bad pattern"),
        "{stderr}"
    );
}

#[test]
fn disable_and_override_builtin_rules() {
    let input = "标题\n\n  正文,内容\n";
    cmd()
        .args(["clean", "-", "--disable", "strip-indent"])
        .stdin(input)
        .assert()
        .code(0)
        .stdout_eq("标题\n\n  正文，内容\n");
    cmd()
        .args(["clean", "-", "--disable", "no-such-rule"])
        .stdin(input)
        .assert()
        .code(2)
        .stderr_eq(str![[r#"
error: --disable: no rule has the id "no-such-rule" (see `doctidy rules list`)

"#]]);
    // A user rule with a built-in's id replaces it: here an indent rule that keeps U+3000.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("80-indent.toml"),
        "id = \"strip-indent\"\ndescription = \"Only ASCII indentation goes.\"\nkind = \"replace\"\npattern = '^ +'\nreplace = \"\"\n[[case]]\ninput = \"  a\\n\"\nexpected = \"a\\n\"\n",
    )
    .unwrap();
    cmd()
        .args(["clean", "-", "--rules"])
        .arg(dir.path())
        .stdin("  一\n\u{3000}\u{3000}二\n")
        .assert()
        .code(0)
        .stdout_eq("一\n\u{3000}\u{3000}二\n");
}

#[test]
fn failing_rule_case_fails_rules_test() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("20-x.toml"),
        "id = \"x\"\ndescription = \"d\"\nkind = \"drop-line\"\npattern = 'x'\n[[case]]\ninput = \"x\\ny\\n\"\nexpected = \"x\\ny\\n\"\n",
    )
    .unwrap();
    cmd()
        .args(["rules", "test", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout_eq(str![[r#"
FAIL x case 1 ([..]20-x.toml)
  input:    "x/ny/n"
  expected: "x/ny/n"
  got: "y/n"
[..] cases passed, 1 failed, [..] rules

"#]]);
}

#[test]
fn user_rule_with_a_key_its_kind_does_not_use_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("20-x.toml"),
        "id = \"x\"\ndescription = \"d\"\nkind = \"replace\"\npattern = 'x'\nreplace = ''\nzone = \"top\"\n[[case]]\ninput = \"x\\n\"\nexpected = \"\\n\"\n",
    )
    .unwrap();
    cmd()
        .args(["rules", "test", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(str![[r#"
error: [..]20-x.toml: rule x (kind replace) does not use the key "zone"; keys it takes: pattern, patterns, traditional, replace (besides id, description and [[case]])

"#]]);
}

#[test]
fn help_has_an_example_per_subcommand() {
    for sub in ["clean", "diff", "check", "detect", "rules"] {
        let out = cmd().args([sub, "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Examples:") && text.contains(&format!("doctidy {sub}")),
            "{sub}: {text}"
        );
    }
}

#[test]
fn patch_is_never_written_over_an_input_and_a_failed_patch_spares_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    write_tree(
        &src,
        &[
            ("a.txt", ARTICLE.as_bytes()),
            ("keep.txt", ARTICLE_CLEAN.as_bytes()),
        ],
    );
    let out = dir.path().join("out");
    for patch in [src.join("a.txt"), src.join("keep.txt")] {
        let assert = clean_out(&src, &out)
            .arg("--patch")
            .arg(&patch)
            .assert()
            .code(2);
        assert!(
            stderr_of(&assert).contains("is one of the inputs"),
            "{}",
            stderr_of(&assert)
        );
    }
    assert_eq!(
        std::fs::read(src.join("keep.txt")).unwrap(),
        ARTICLE_CLEAN.as_bytes()
    );
    assert_eq!(
        std::fs::read(src.join("a.txt")).unwrap(),
        ARTICLE.as_bytes()
    );
    if std::path::Path::new("/dev/full").exists() {
        let assert = clean_out(&src, &out)
            .args(["--patch", "/dev/full", "-q"])
            .assert()
            .code(2);
        assert!(
            stderr_of(&assert).contains("cannot write the patch file /dev/full"),
            "{}",
            stderr_of(&assert)
        );
        assert_eq!(
            names(&out),
            ["a.txt", "keep.txt"],
            "the cleaned files are still written"
        );
    }
}

#[test]
fn two_inputs_for_one_output_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("d1/x.txt", ARTICLE.as_bytes()),
            ("d2/x.txt", ARTICLE_CLEAN.as_bytes()),
        ],
    );
    let out = dir.path().join("out");
    let assert = cmd()
        .arg("clean")
        .arg(dir.path().join("d1"))
        .arg(dir.path().join("d2"))
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).contains("another input was already written"),
        "{}",
        stderr_of(&assert)
    );
    // A folder named twice is cleaned once.
    let out2 = dir.path().join("out2");
    cmd()
        .arg("clean")
        .arg(dir.path().join("d1"))
        .arg(dir.path().join("d1"))
        .arg("--out")
        .arg(&out2)
        .arg("-q")
        .assert()
        .code(0);
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

#[test]
fn json_output_stays_json_with_explain() {
    let out = cmd()
        .args(["check", "--format", "json", "--explain", "-"])
        .stdin("中文,中文\n")
        .output()
        .unwrap();
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect();
    // With --explain the edits are records of the JSON stream, placed in the input.
    let edit = records.iter().find(|r| r["type"] == "edit").unwrap();
    assert_eq!(edit["rule"], "cjk-punctuation");
    assert_eq!(
        (edit["line"].as_u64(), edit["column"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(edit["range"], serde_json::json!({"start": 6, "end": 7}));
}
