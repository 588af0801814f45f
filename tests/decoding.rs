//! Decoding you can trust, through the real binary: damaged files are refused with the place
//! of the damage (never written as mojibake), `--on-invalid` and `--min-confidence` choose
//! otherwise, and `detect` reports every file.

mod common;

use common::*;

const ARTICLE_LINE: &str = "这是一篇关于城市交通建设的新闻报道，记者在现场采访了多位市民。\n";

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

/// `doctidy clean FILE` on these bytes: (exit code, stdout, stderr).
fn clean_bytes(bytes: &[u8], args: &[&str]) -> (i32, Vec<u8>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new(bin())
        .arg("clean")
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&*path.to_string_lossy(), "PAGE");
    (out.status.code().unwrap(), out.stdout, stderr)
}

#[test]
fn the_issues_damaged_shapes_are_refused_with_their_place() {
    let article = ARTICLE_LINE.repeat(12);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "UTF-8 with three bad bytes",
            ["正常的文字".as_bytes(), b"\xff\xfe\xfa", "后面".as_bytes()].concat(),
            "cannot decode as UTF-8: invalid byte sequence 0xFF 0xFE at byte 15 (line 1, column 6); 1 damaged spot, the rest decodes cleanly",
        ),
        (
            "seven hanzi with the last one cut",
            "七个汉字的句子".as_bytes()[..20].to_vec(),
            "cannot decode as UTF-8: truncated sequence at end of file at byte 18 (line 1, column 7)",
        ),
        (
            "a UTF-8 article with one GBK line",
            [article.as_bytes(), &gbk("市民普遍认为新线路方便了出行。\n"), article.as_bytes()].concat(),
            "read as GBK",
        ),
        (
            "a GBK article with one UTF-8 line",
            [gbk(&article), "市民普遍认为新线路方便了出行。\n".as_bytes().to_vec(), gbk(&article)].concat(),
            "read as UTF-8",
        ),
        (
            "GBK with a line cut after a lead byte",
            [&gbk(&article)[..63], b"\xd6\n", &gbk(&article)[63..]].concat(),
            "cannot decode as GBK",
        ),
    ];
    for (what, bytes, message) in cases {
        let (code, stdout, stderr) = clean_bytes(&bytes, &[]);
        assert_eq!(code, 2, "{what}: {stderr}");
        assert!(stdout.is_empty(), "{what}: nothing is written");
        assert!(stderr.contains(message), "{what}: {stderr}");
        assert!(
            stderr.contains("error: PAGE: cannot decode"),
            "{what}: {stderr}"
        );
    }
}

#[test]
fn a_stray_byte_in_english_text_swallows_no_letter() {
    let bytes = b"The committee met for three mo\x81nths before it published the report.\n";
    let (code, stdout, stderr) = clean_bytes(bytes, &[]);
    let text = String::from_utf8_lossy(&stdout);
    // Refused, or read as a single-byte character in place of the stray byte; never a
    // double-byte character eating the `n`.
    assert!(
        code == 2 || text.contains("nths before"),
        "{code} {text:?} {stderr}"
    );
}

#[test]
fn on_invalid_replace_marks_each_spot_and_skip_leaves_the_file_out() {
    let bytes = [
        "正常的文字".as_bytes(),
        b"\xff\xfe",
        "后面的内容".as_bytes(),
    ]
    .concat();
    let (code, stdout, stderr) = clean_bytes(&bytes, &["--on-invalid", "replace", "--explain"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        "正常的文字\u{FFFD}后面的内容\n"
    );
    assert!(
        stderr.contains("PAGE:1:6: decode.replace: \"bytes 0xFF 0xFE at byte 15\" → \"\u{FFFD}\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: PAGE: 1 damaged spot replaced with U+FFFD"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("src/bad.txt", &bytes),
            ("src/good.txt", ARTICLE.as_bytes()),
        ],
    );
    let assert = clean_out(dir.path().join("src"), dir.path().join("out"))
        .args(["--on-invalid", "skip"])
        .assert()
        .code(0);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("bad.txt: not decodable (cannot decode as UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("1 skipped"), "{stderr}");
    assert_eq!(names(&dir.path().join("out")), ["good.txt"]);
}

#[test]
fn min_confidence_high_refuses_to_guess() {
    let bytes = gbk("城市交通");
    let (code, _, stderr) = clean_bytes(&bytes, &[]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = clean_bytes(&bytes, &["--min-confidence", "high"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("--min-confidence high refuses to guess"),
        "{stderr}"
    );
}

#[test]
fn detect_prints_a_record_for_every_file() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            (
                "bad.txt",
                &["正常的文字".as_bytes(), b"\xff", "后面".as_bytes()].concat(),
            ),
            ("good.txt", ARTICLE.as_bytes()),
        ],
    );
    let out = std::process::Command::new(bin())
        .args(["detect", "--format", "json", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files: Vec<&serde_json::Value> = records.iter().filter(|r| r["type"] == "file").collect();
    assert_eq!(files.len(), 2, "{records:?}");
    assert_eq!(files[0]["encoding"], "UTF-8");
    assert!(files[0]["error"].as_str().unwrap().contains("at byte 15"));
    assert!(files[1].get("error").is_none());
}

#[test]
fn padded_and_seven_bit_korean_files_are_text() {
    let mut padded = gbk("短文本测试内容");
    padded.push(0x1A);
    let (code, stdout, stderr) = clean_bytes(&padded, &[]);
    assert_eq!(
        (code, stdout),
        (0, "短文本测试内容\n".as_bytes().to_vec()),
        "{stderr}"
    );
    let mut nul = gbk("短文本测试内容");
    nul.extend_from_slice(&[0; 6]);
    let (code, stdout, stderr) = clean_bytes(&nul, &[]);
    assert_eq!(
        (code, stdout),
        (0, "短文本测试内容\n".as_bytes().to_vec()),
        "{stderr}"
    );
    // A single NUL cleans to nothing, not to something that reads back as UTF-16.
    let (code, stdout, _) = clean_bytes(b"\0", &[]);
    assert_eq!((code, stdout), (0, Vec::new()));

    // ISO-2022-KR: the designator, then SO, KS X 1001 less 0x80 per byte, SI.
    let euc_kr = encoding_rs::EUC_KR.encode("서울").0.into_owned();
    let shifted: Vec<u8> = euc_kr.iter().map(|b| b & 0x7F).collect();
    let kr = [&b"\x1b$)C\x0e"[..], &shifted, b"\x0f news\n"].concat();
    let (code, stdout, stderr) = clean_bytes(&kr, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(String::from_utf8(stdout).unwrap(), "서울 news\n");
}

#[test]
fn windows_1252_smart_quotes_stay_quotes() {
    for (bytes, want) in [
        (
            &b"It\x92s a \x93big\x94 deal, she said \x96 twice.\n"[..],
            "It’s a “big” deal, she said – twice.\n",
        ),
        (&b"\x93Yes,\x94 she replied.\n"[..], "“Yes,” she replied.\n"),
    ] {
        let (code, stdout, stderr) = clean_bytes(bytes, &[]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(String::from_utf8(stdout).unwrap(), want);
    }
}

#[test]
fn johab_only_on_strong_evidence() {
    // Johab spells a syllable from its jamo: 0x8000 | initial << 10 | vowel << 5 | final.
    fn johab(text: &str) -> Vec<u8> {
        const VOWEL: [u16; 21] = [
            3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 26, 27, 28, 29,
        ];
        let mut out = Vec::new();
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c as u8);
                continue;
            }
            let n = c as u32 - 0xAC00;
            let (l, v, t) = (n / 588, n % 588 / 28, n % 28);
            let t = match t {
                0 => 1,
                1..=16 => t + 1,
                _ => t + 2,
            };
            let code = 0x8000 | (l as u16 + 2) << 10 | VOWEL[v as usize] << 5 | t as u16;
            out.extend_from_slice(&code.to_be_bytes());
        }
        out
    }
    let text = "서울 지역은 오늘 오후부터 비가 내리겠습니다. 내일은 대체로 맑겠고 기온은 평년과 비슷하겠습니다.\n";
    let (code, stdout, stderr) = clean_bytes(&johab(text), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(String::from_utf8(stdout).unwrap(), text);
    // A Latin file with three high bytes is never Johab.
    let (_, stdout, stderr) = clean_bytes(b"Caf\xe9 cr\xe8me and p\xe2t\xe9 for lunch.\n", &[]);
    assert_eq!(
        String::from_utf8_lossy(&stdout),
        "Café crème and pâté for lunch.\n",
        "{stderr}"
    );
}
