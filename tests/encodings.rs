//! Encoding detection and decoding through the real binary: every encoding our users meet,
//! short files, CRLF, BOMs, the GBK-that-is-valid-UTF-8 trap, broken and binary files.

mod common;

use common::{clean_out, cmd, names, read_tree, stderr_of, write_tree, ARTICLE, ARTICLE_CLEAN};
use encoding_rs::Encoding;

fn enc(label: &str, text: &str) -> Vec<u8> {
    let encoding = Encoding::for_label(label.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{label} cannot hold the sample");
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

fn utf32(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let chars = bom.then_some('\u{feff}').into_iter().chain(text.chars());
    for c in chars {
        out.extend(if big_endian {
            (c as u32).to_be_bytes()
        } else {
            (c as u32).to_le_bytes()
        });
    }
    out
}

/// `detect --format json` on one file: (encoding, reason, confidence).
fn detect(bytes: &[u8]) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.txt");
    std::fs::write(&path, bytes).unwrap();
    let out = cmd()
        .args(["detect", "--format", "json", "-q"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    (s("encoding"), s("reason"), s("confidence"))
}

#[test]
fn same_text_in_every_unicode_and_chinese_encoding_cleans_to_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    // GBK has no NBSP: indent with ASCII and ideographic spaces instead.
    let article = ARTICLE.replace('\u{a0}', " ");
    let crlf = article.replace('\n', "\r\n");
    let samples: Vec<(&str, Vec<u8>)> = vec![
        ("utf8.txt", article.as_bytes().to_vec()),
        (
            "utf8-bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), article.as_bytes()].concat(),
        ),
        ("gbk.txt", enc("gbk", &article)),
        ("gbk-crlf.txt", enc("gbk", &crlf)),
        ("gb18030.txt", enc("gb18030", &article)),
        ("utf16le-bom.txt", utf16(&article, false, true)),
        ("utf16be-bom.txt", utf16(&article, true, true)),
        ("utf16le.txt", utf16(&article, false, false)),
        ("utf16be.txt", utf16(&article, true, false)),
        ("utf32le-bom.txt", utf32(&article, false, true)),
        ("utf32be.txt", utf32(&article, true, false)),
    ];
    let files: Vec<(&str, &[u8])> = samples.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    write_tree(&src, &files);
    let out = dir.path().join("out");
    clean_out(&src, &out).arg("-q").assert().code(0);
    let got = read_tree(&out);
    assert_eq!(got.len(), samples.len());
    for (name, bytes) in got {
        assert_eq!(String::from_utf8_lossy(&bytes), ARTICLE_CLEAN, "{name}");
    }
}

#[test]
fn each_encoding_is_detected_by_name() {
    let zh = "市政府今天召开新闻发布会，介绍了城市轨道交通建设的最新进展。预计明年底将有三条新线路开通运营，届时全市轨道交通总里程将超过三百公里。";
    let zh_t = "市政府今天召開新聞發布會，介紹了城市軌道交通建設的最新進展。預計明年底將有三條新線路開通運營，屆時全市軌道交通總里程將超過三百公里。";
    let ja = "市立図書館は来月から開館時間を延長し、平日は夜九時まで利用できるようになると発表しました。改装工事も予定されています。";
    let ko = "시립 도서관은 다음 달부터 개관 시간을 연장하여 평일에는 밤 아홉 시까지 이용할 수 있다고 발표했습니다.";
    let fr = "Le conseil municipal a adopté hier soir le budget de l'année prochaine, qui prévoit une hausse des dépenses consacrées aux écoles élémentaires et à la rénovation énergétique des bâtiments publics.";
    let ru = "Городской совет вчера вечером утвердил бюджет на следующий год, который предусматривает рост расходов на начальные школы и ремонт общественных зданий.";
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (zh.as_bytes().to_vec(), "UTF-8"),
        (enc("gbk", zh), "GBK"),
        (enc("gb18030", &format!("{zh}€𠀀")), "gb18030"),
        (enc("big5", zh_t), "Big5"),
        (enc("shift_jis", ja), "Shift_JIS"),
        (enc("euc-jp", ja), "EUC-JP"),
        (enc("iso-2022-jp", ja), "ISO-2022-JP"),
        (enc("euc-kr", ko), "EUC-KR"),
        (enc("windows-1252", fr), "windows-1252"),
        (enc("windows-1251", ru), "windows-1251"),
        (utf16(zh, false, false), "UTF-16LE"),
        (utf16(zh, true, false), "UTF-16BE"),
        (utf32(zh, false, false), "UTF-32LE"),
        (utf32(zh, false, true), "UTF-32LE"),
        (utf32(zh, true, true), "UTF-32BE"),
    ];
    let mut wrong = Vec::new();
    for (bytes, want) in &cases {
        let (got, reason, _) = detect(bytes);
        if got != *want {
            wrong.push(format!("{want}: detected {got} ({reason})"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn bom_reasons_and_utf32_before_utf16() {
    assert_eq!(
        detect(&utf32("中文标题", false, true)),
        ("UTF-32LE".into(), "bom".into(), "high".into())
    );
    assert_eq!(detect(&utf16("中文标题", false, true)).0, "UTF-16LE");
    assert_eq!(
        detect(&[b"\xEF\xBB\xBF".as_slice(), "标题".as_bytes()].concat()).1,
        "bom"
    );
}

#[test]
fn short_titles_are_decoded_right() {
    for title in ["禁毒新举措", "城市交通", "图书馆开放"] {
        assert_eq!(detect(&utf16(title, false, false)).0, "UTF-16LE", "{title}");
        assert_eq!(detect(&utf16(title, true, false)).0, "UTF-16BE", "{title}");
        assert_eq!(detect(title.as_bytes()).0, "UTF-8", "{title}");
        assert_eq!(detect(&enc("gbk", title)).0, "GBK", "{title}");
    }
}

#[test]
fn gbk_bytes_that_are_valid_utf8_decode_as_gbk_in_a_gbk_file() {
    // 系统 in GBK is CF B5 CD B3, which is also valid UTF-8 ("ϵͳ").
    assert!(std::str::from_utf8(&enc("gbk", "系统")).is_ok());
    let text = "本市今年完成了交通信号系统的升级改造，新系统可以根据车流量自动调整红绿灯时长。\n";
    let gbk = enc("gbk", text);
    let dir = tempfile::tempdir().unwrap();
    write_tree(
        dir.path(),
        &[
            ("gbk.txt", &gbk),
            ("utf8.txt", text.as_bytes()),
            ("only.txt", &enc("gbk", "系统")),
        ],
    );
    let out = dir.path().join("out");
    cmd()
        .arg("clean")
        .arg(dir.path().join("gbk.txt"))
        .arg(dir.path().join("utf8.txt"))
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(0);
    for name in ["gbk.txt", "utf8.txt"] {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            text,
            "{name}"
        );
    }
}

#[test]
fn truncated_sequences_are_per_file_errors_with_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let mut gbk = enc("gbk", "市政府召开新闻发布会，介绍轨道交通建设进展。\n");
    gbk.push(0xD6); // first byte of a two-byte sequence, then end of file
    let utf8_cut = &"新闻发布会".as_bytes()[..14]; // cut inside the last character
    let utf16_cut = &utf16("新闻发布会", false, true)[..9]; // odd length: half a code unit
    write_tree(
        &src,
        &[
            ("a-good.txt", ARTICLE.as_bytes()),
            ("gbk-cut.txt", &gbk),
            ("utf16-cut.txt", utf16_cut),
            ("z-good.txt", ARTICLE.as_bytes()),
        ],
    );
    std::fs::write(
        src.join("utf8-cut.txt"),
        [ARTICLE.as_bytes(), utf8_cut].concat(),
    )
    .unwrap();
    let out = dir.path().join("out");
    let assert = clean_out(&src, &out).arg("-q").assert().code(2);
    let stderr = stderr_of(&assert);
    for name in ["gbk-cut.txt", "utf16-cut.txt", "utf8-cut.txt"] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no error for {name}: {stderr}"));
        assert!(line.contains("byte "), "error names the offset: {line}");
    }
    assert!(!stderr.contains('\u{FFFD}'));
    let written = names(&out);
    assert_eq!(written, ["a-good.txt", "z-good.txt"]);
}

#[test]
fn binary_files_are_skipped_when_walking_and_errors_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let png: &[u8] =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let zip: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0\0\0\0\0";
    write_tree(
        dir.path(),
        &[
            ("a.txt", ARTICLE.as_bytes()),
            ("logo.png", png),
            ("pack.zip", zip),
        ],
    );
    let out = dir.path().join("out");
    let assert = clean_out(dir.path(), &out).assert().code(0);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("note: skipped")
            && stderr.contains("logo.png")
            && stderr.contains("pack.zip"),
        "{stderr}"
    );
    assert!(stderr.contains("2 skipped"), "{stderr}");
    let assert = cmd()
        .arg("check")
        .arg(dir.path().join("logo.png"))
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("logo.png") && stderr.contains("binary"),
        "{stderr}"
    );
}

#[test]
fn forced_encoding_and_aliases() {
    let zh = "系统";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.txt");
    std::fs::write(&path, enc("gbk", zh)).unwrap();
    for label in ["gbk", "cp936", "gb2312", "GB18030"] {
        cmd()
            .args(["clean", "--encoding", label])
            .arg(&path)
            .assert()
            .code(0)
            .stdout_eq("系统\n");
    }
    let (enc_name, reason, _) = {
        let out = cmd()
            .args(["detect", "--format", "json", "--encoding", "cp936"])
            .arg(&path)
            .output()
            .unwrap();
        let v: serde_json::Value =
            serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
        (
            v["encoding"].as_str().unwrap().to_string(),
            v["reason"].as_str().unwrap().to_string(),
            (),
        )
    };
    assert_eq!((enc_name.as_str(), reason.as_str()), ("GBK", "override"));
    std::fs::write(&path, enc("shift_jis", "図書館")).unwrap();
    cmd()
        .args(["clean", "--encoding", "cp932"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout_eq("図書館\n");
    std::fs::write(&path, utf16("图书馆", false, false)).unwrap();
    cmd()
        .args(["clean", "--encoding", "utf16"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout_eq("图书馆\n");
    std::fs::write(&path, b"caf\xe9\n").unwrap();
    cmd()
        .args(["clean", "--encoding", "latin1"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout_eq("café\n");
}

#[test]
fn keep_encoding_writes_back_in_place_in_the_original_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = ARTICLE.replace('\u{a0}', " ").replace('\n', "\r\n");
    let clean_crlf = ARTICLE_CLEAN.replace('\n', "\r\n");
    write_tree(
        dir.path(),
        &[
            ("gbk.txt", &enc("gbk", &crlf)),
            ("u16.txt", &utf16(ARTICLE, false, true)),
            (
                "u8bom.txt",
                &[b"\xEF\xBB\xBF".as_slice(), ARTICLE.as_bytes()].concat(),
            ),
        ],
    );
    cmd()
        .arg("clean")
        .arg(dir.path())
        .args(["--in-place", "--keep-encoding", "-q"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read(dir.path().join("gbk.txt")).unwrap(),
        enc("gbk", &clean_crlf),
        "GBK and CRLF kept"
    );
    assert_eq!(
        std::fs::read(dir.path().join("u16.txt")).unwrap(),
        utf16(ARTICLE_CLEAN, false, true),
        "UTF-16LE and BOM kept"
    );
    assert_eq!(
        std::fs::read(dir.path().join("u8bom.txt")).unwrap(),
        [b"\xEF\xBB\xBF".as_slice(), ARTICLE_CLEAN.as_bytes()].concat()
    );
}

#[test]
fn keep_encoding_fails_a_file_whose_cleaned_text_does_not_fit() {
    // A user rule writes → (U+2192), which windows-1252 cannot hold: that file fails and is
    // kept as it was; a file the rule leaves alone is still written back.
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("60-arrow.toml"),
        "id = \"arrow\"\ndescription = \"ASCII arrows become U+2192.\"\nkind = \"replace\"\npattern = '->'\nreplace = \"\\u2192\"\n[[case]]\ninput = \"a -> b\\n\"\nexpected = \"a \\u2192 b\\n\"\n",
    )
    .unwrap();
    let src = dir.path().join("src");
    let arrow = b"Caf\xe9 -> th\xe9\n".to_vec();
    let plain = b"Caf\xe9 ouvert.   \n".to_vec();
    write_tree(&src, &[("arrow.txt", &arrow), ("plain.txt", &plain)]);
    let assert = cmd()
        .arg("clean")
        .arg(&src)
        .args([
            "--in-place",
            "--keep-encoding",
            "--encoding",
            "windows-1252",
            "-q",
            "--rules",
        ])
        .arg(&rules)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("arrow.txt")
            && stderr.contains("windows-1252")
            && stderr.contains("U+2192"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(src.join("arrow.txt")).unwrap(),
        arrow,
        "original kept"
    );
    assert_eq!(
        std::fs::read(src.join("plain.txt")).unwrap(),
        b"Caf\xe9 ouvert.\n",
        "the other file is written back"
    );
}
