//! Sample-based tests for encoding detection. All sentences are written for
//! these tests; encoded bytes come from encoding_rs or are built by hand.

use doctidy::encoding::{
    charset_for_label, decode, detect, encode, forced, sniff_binary, Charset, Confidence,
    Detection, Reason,
};
use encoding_rs::Encoding;

const ZH: &str = "本市今年春季植树活动于三月中旬正式启动，各区共组织志愿者两万余人参与。园林部门负责人表示，今年新增绿地面积将超过去年同期，重点改善老旧小区周边环境。";
const ZH_TW: &str = "本市今年春季植樹活動於三月中旬正式啟動，各區共組織志工兩萬餘人參與。園林部門負責人表示，今年新增綠地面積將超過去年同期，重點改善老舊社區周邊環境。";
const ZH_LONG: &str = "据市统计局最新发布的数据，今年前三个季度全市经济运行总体平稳，居民收入稳步增长。其中，消费市场持续回暖，社会消费品零售总额同比增长明显，餐饮和旅游等服务行业恢复较快。与此同时，工业生产保持稳定，高新技术企业数量继续增加，新能源汽车和电子信息产品的产量创下历史新高。专家认为，下一阶段应当继续扩大有效投资，加强对中小企业的金融支持，稳定就业岗位，并进一步改善营商环境。市政府表示，将在年底前完成多项重点工程建设，推动城市交通、教育和医疗条件全面提升，让群众切实感受到发展带来的变化。";
const ZH_TW_LONG: &str = "據市政府統計處最新公布的資料，今年前三季全市經濟運行大致平穩，居民所得穩定成長。其中，消費市場持續回溫，零售業營業額較去年同期明顯增加，餐飲與觀光等服務業恢復較快。另一方面，工業生產維持穩定，高科技企業數量繼續增加，電動車與電子資訊產品的產量創下歷史新高。學者認為，下一階段應繼續擴大公共投資，加強對中小企業的資金協助，穩定就業機會，並進一步改善經營環境。市府表示，將在年底前完成多項重大工程，推動城市交通、教育與醫療條件全面提升，讓民眾確實感受到發展帶來的改變。";
const JA: &str = "今年の春は例年より気温が高く、桜の開花も一週間ほど早まる見込みだと気象庁が発表した。観光地では早くも受け入れの準備が始まっている。";
const KO: &str = "올해 봄 기온이 평년보다 높아 벚꽃 개화 시기가 일주일가량 앞당겨질 것으로 보인다고 기상청이 밝혔다. 관광지에서는 벌써 준비가 시작되었다.";
const FR: &str = "Le conseil municipal a approuvé mardi un nouveau plan de rénovation des écoles. Les travaux débuteront à l'été et coûteront près de deux millions d'euros, a précisé la maire.";
const DE: &str = "Die Stadtverwaltung hat am Dienstag neue Öffnungszeiten für die Bürgerämter beschlossen. Künftig können Anträge auch samstags gestellt werden, teilte der Bürgermeister mit.";
const RU: &str = "Городской совет во вторник утвердил новый план ремонта школ. Работы начнутся летом и обойдутся почти в два миллиона рублей, сообщила мэр города.";
const PL: &str = "Rada miasta zatwierdziła we wtorek nowy plan remontu szkół. Prace rozpoczną się latem i będą kosztować prawie dwa miliony złotych, poinformowała pani burmistrz.";
const CS: &str = "Městská rada v úterý schválila nový plán oprav škol. Práce začnou v létě a budou stát téměř dva miliony korun, uvedla starostka. Účastníci jednání ocenili rychlé řešení.";

fn rs(label: &str) -> &'static Encoding {
    Encoding::for_label(label.as_bytes()).unwrap()
}

fn enc(text: &str, label: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = rs(label).encode(text);
    assert_eq!(used, rs(label), "{label} has no encoder of its own");
    assert!(!unmappable, "sample not representable in {label}");
    bytes.into_owned()
}

fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom
        .then_some(0xFEFFu16)
        .into_iter()
        .chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn utf32(text: &str, be: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let chars = bom.then_some('\u{FEFF}').into_iter().chain(text.chars());
    for c in chars {
        let v = c as u32;
        out.extend_from_slice(&if be { v.to_be_bytes() } else { v.to_le_bytes() });
    }
    out
}

fn check(bytes: &[u8], name: &str, reason: Reason, text: &str) -> Detection {
    let d = detect(bytes);
    assert_eq!(d.charset.name(), name, "charset for {text:?}: {d:?}");
    // Legacy text is decided by reading it: clearly CJK in one double-byte encoding
    // (cjk-check) or by chardetng and the candidates' scores (statistical).
    let reading = |r: Reason| matches!(r, Reason::Statistical | Reason::CjkCheck);
    assert!(
        d.reason == reason || reading(d.reason) && reading(reason),
        "reason for {text:?}: {d:?}, expected {reason:?}"
    );
    assert_eq!(decode(bytes, &d).unwrap(), text);
    d
}

fn detected_name(bytes: &[u8]) -> &'static str {
    detect(bytes).charset.name()
}

#[test]
fn empty_and_ascii() {
    let d = check(b"", "UTF-8", Reason::Empty, "");
    assert_eq!(d.confidence, Confidence::High);
    check(
        b"Plain ASCII report.\r\n",
        "UTF-8",
        Reason::Ascii,
        "Plain ASCII report.\r\n",
    );
}

#[test]
fn utf8_with_and_without_bom() {
    for text in [ZH, ZH_TW, JA, KO, FR, RU, CS] {
        let d = check(text.as_bytes(), "UTF-8", Reason::Utf8Valid, text);
        assert_eq!(d.confidence, Confidence::High, "{text}");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let d = check(&bom, "UTF-8", Reason::Bom, text);
        assert_eq!(d.bom_len, 3);
    }
}

#[test]
fn utf16_with_bom() {
    for be in [false, true] {
        let name = if be { "UTF-16BE" } else { "UTF-16LE" };
        for text in [ZH, JA, KO, FR, "Mixed 中文 text\r\n"] {
            let d = check(&utf16(text, be, true), name, Reason::Bom, text);
            assert_eq!(d.bom_len, 2);
        }
    }
}

#[test]
fn utf16_without_bom() {
    for be in [false, true] {
        let name = if be { "UTF-16BE" } else { "UTF-16LE" };
        for text in [ZH, ZH_TW, JA, KO, FR, RU, "年度报告\r\n第一章\r\n"] {
            let d = check(&utf16(text, be, false), name, Reason::Utf16NulPattern, text);
            assert_eq!(d.confidence, Confidence::High, "{text}");
        }
    }
}

#[test]
fn utf16_short_without_bom() {
    // "中文" is 2D 4E 87 65 in UTF-16LE.
    assert_eq!(utf16("中文", false, false), [0x2D, 0x4E, 0x87, 0x65]);
    for text in [
        "中文",
        "新闻",
        "报告",
        "经济",
        "市场",
        "年度报告",
        "城市交通建设",
    ] {
        for be in [false, true] {
            let name = if be { "UTF-16BE" } else { "UTF-16LE" };
            check(&utf16(text, be, false), name, Reason::Utf16NulPattern, text);
        }
    }
}

#[test]
fn utf32_with_and_without_bom() {
    for be in [false, true] {
        let name = if be { "UTF-32BE" } else { "UTF-32LE" };
        for text in [ZH, KO, FR, "中文", "A"] {
            let d = check(&utf32(text, be, true), name, Reason::Bom, text);
            assert_eq!(d.bom_len, 4);
            check(&utf32(text, be, false), name, Reason::Utf32NulPattern, text);
        }
    }
}

#[test]
fn utf32le_bom_is_not_utf16le() {
    let bytes = utf32("abc", false, true);
    assert_eq!(&bytes[..4], &[0xFF, 0xFE, 0, 0]);
    assert_eq!(detected_name(&bytes), "UTF-32LE");
}

#[test]
fn gbk_samples() {
    for text in [
        ZH,
        ZH_LONG,
        "第一章\r\n市场概况\r\n本季度销售额稳步上升。\r\n",
    ] {
        let d = check(&enc(text, "gbk"), "GBK", Reason::Statistical, text);
        assert_eq!(d.confidence, Confidence::High, "{text}");
    }
}

#[test]
fn gbk_short_title() {
    let title = "年度工作报告";
    let bytes = enc(&title[..15], "gbk"); // 5 hanzi
    let d = detect(&bytes);
    assert_eq!(d.charset.name(), "GBK", "{d:?}");
    assert_eq!(decode(&bytes, &d).unwrap(), &title[..15]);
}

#[test]
fn gb18030_four_byte_sequences() {
    let text = "古籍整理中心公布了新收录的罕见字𠀀与𠮷，并附德文译名Straße以便检索。";
    let bytes = enc(text, "gb18030");
    let d = check(&bytes, "gb18030", Reason::CjkCheck, text);
    assert_eq!(d.charset, Charset::Rs(encoding_rs::GB18030));
    let mut with_bom = vec![0x84, 0x31, 0x95, 0x33];
    with_bom.extend_from_slice(&bytes);
    let d = check(&with_bom, "gb18030", Reason::Bom, text);
    assert_eq!(d.bom_len, 4);
}

#[test]
fn big5_samples() {
    for text in [ZH_TW, ZH_TW_LONG] {
        check(&enc(text, "big5"), "Big5", Reason::Statistical, text);
    }
}

#[test]
fn japanese_samples() {
    check(&enc(JA, "shift_jis"), "Shift_JIS", Reason::Statistical, JA);
    check(&enc(JA, "euc-jp"), "EUC-JP", Reason::Statistical, JA);
    let iso = enc(JA, "iso-2022-jp");
    assert!(iso.is_ascii());
    check(&iso, "ISO-2022-JP", Reason::EscapeSequences, JA);
}

#[test]
fn korean_sample() {
    check(&enc(KO, "euc-kr"), "EUC-KR", Reason::Statistical, KO);
}

#[test]
fn western_samples() {
    check(
        &enc(FR, "windows-1252"),
        "windows-1252",
        Reason::Statistical,
        FR,
    );
    check(
        &enc(DE, "windows-1252"),
        "windows-1252",
        Reason::Statistical,
        DE,
    );
    check(
        &enc(RU, "windows-1251"),
        "windows-1251",
        Reason::Statistical,
        RU,
    );
    for (text, label) in [
        (PL, "windows-1250"),
        (CS, "windows-1250"),
        (CS, "iso-8859-2"),
    ] {
        let bytes = enc(text, label);
        let d = detect(&bytes);
        assert!(
            ["windows-1250", "ISO-8859-2"].contains(&d.charset.name()),
            "{label}: {d:?}"
        );
        assert_eq!(decode(&bytes, &d).unwrap(), text);
    }
}

#[test]
fn koi8_sample() {
    let bytes = enc(RU, "koi8-r");
    let d = detect(&bytes);
    // chardetng only knows KOI8-U, which agrees with KOI8-R on Russian letters.
    assert!(["KOI8-R", "KOI8-U"].contains(&d.charset.name()), "{d:?}");
    assert_eq!(decode(&bytes, &d).unwrap(), RU);
}

#[test]
fn crlf_samples() {
    let zh = "会议纪要\r\n一、时间：周三上午\r\n二、地点：第三会议室\r\n三、议题：年度预算调整\r\n";
    check(&enc(zh, "gbk"), "GBK", Reason::Statistical, zh);
    check(zh.as_bytes(), "UTF-8", Reason::Utf8Valid, zh);
    check(
        &utf16(zh, false, false),
        "UTF-16LE",
        Reason::Utf16NulPattern,
        zh,
    );
    let fr = "Compte rendu\r\nRéunion du comité : décisions prises.\r\n";
    check(
        &enc(fr, "windows-1252"),
        "windows-1252",
        Reason::Statistical,
        fr,
    );
}

#[test]
fn gbk_valid_as_utf8_trap() {
    // 系统 in GBK is CF B5 CD B3, which is also valid UTF-8 ("ϵͳ").
    let short = enc("系统", "gbk");
    assert_eq!(short, [0xCF, 0xB5, 0xCD, 0xB3]);
    assert!(std::str::from_utf8(&short).is_ok());
    let d = detect(&short);
    assert_eq!(d.charset.name(), "GBK", "{d:?}");
    assert_eq!(d.confidence, Confidence::Low);
    assert_eq!(decode(&short, &d).unwrap(), "系统");

    let longer = "本公司新一代办公系统已于本月上线，系统运行稳定，用户反馈良好。";
    check(&enc(longer, "gbk"), "GBK", Reason::Statistical, longer);
    check(longer.as_bytes(), "UTF-8", Reason::Utf8Valid, longer);
    check("系统".as_bytes(), "UTF-8", Reason::Utf8Valid, "系统");

    // Genuine two-byte UTF-8 text must stay UTF-8.
    for text in ["она", "Привет", "αβγ", "Straße", "café", "Ωμέγα", "déjà vu"]
    {
        check(text.as_bytes(), "UTF-8", Reason::Utf8Valid, text);
    }
}

/// Every UTF-16 slice must be right; legacy slices are reported as a rate.
#[test]
fn short_slices() {
    let mut total = 0;
    let mut utf16_wrong = Vec::new();
    let mut legacy_wrong = Vec::new();
    let mut legacy = [(0usize, 0usize); 2];
    for (src, label, slot) in [(ZH_LONG, "gbk", 0), (ZH_TW_LONG, "big5", 1)] {
        let chars: Vec<char> = src.chars().collect();
        for len in 2..=100usize {
            let step = (len / 3).max(1);
            for start in (0..chars.len().saturating_sub(len)).step_by(step) {
                let slice: String = chars[start..start + len].iter().collect();
                for be in [false, true] {
                    let bytes = utf16(&slice, be, false);
                    let d = detect(&bytes);
                    let want = if be { "UTF-16BE" } else { "UTF-16LE" };
                    total += 1;
                    if d.charset.name() != want || decode(&bytes, &d).ok() != Some(slice.clone()) {
                        utf16_wrong.push(format!("{slice:?} as {want}: {d:?}"));
                    }
                }
                let bytes = enc(&slice, label);
                let d = detect(&bytes);
                legacy[slot].1 += 1;
                if decode(&bytes, &d).is_ok_and(|s| s == slice) {
                    legacy[slot].0 += 1;
                } else if legacy_wrong.len() < 20 {
                    legacy_wrong.push(format!("{slice:?} as {label}: {}", d.charset.name()));
                }
            }
        }
    }
    let [(gbk_ok, gbk_n), (big5_ok, big5_n)] = legacy;
    let ok16 = total - utf16_wrong.len();
    println!("UTF-16 slices right: {ok16}/{total}");
    for w in utf16_wrong.iter().take(30) {
        println!("  wrong: {w}");
    }
    println!("GBK slices right: {gbk_ok}/{gbk_n}");
    println!("Big5 slices right: {big5_ok}/{big5_n}");
    for w in &legacy_wrong {
        println!("  wrong: {w}");
    }
    assert!(
        utf16_wrong.is_empty(),
        "{} UTF-16 slices wrong",
        utf16_wrong.len()
    );
    assert!(gbk_ok * 100 >= gbk_n * 90, "GBK {gbk_ok}/{gbk_n}");
    assert!(big5_ok * 100 >= big5_n * 80, "Big5 {big5_ok}/{big5_n}");
}

#[test]
fn truncated_and_invalid_sequences() {
    // GBK: drop the trail byte of the last hanzi.
    let mut gbk = enc(ZH_LONG, "gbk");
    gbk.pop();
    let d = forced(&gbk, charset_for_label("gbk").unwrap());
    let e = decode(&gbk, &d).unwrap_err();
    assert_eq!(e.offset, gbk.len() - 1);
    assert_eq!(e.detail, "truncated sequence at end of file");
    assert_eq!(e.encoding, "GBK");

    // UTF-8 truncated: detection still says UTF-8, decode names the offset.
    let mut utf8 = ZH_LONG.as_bytes().to_vec();
    utf8.truncate(utf8.len() - 1);
    let d = detect(&utf8);
    assert_eq!(d.charset.name(), "UTF-8");
    let e = decode(&utf8, &d).unwrap_err();
    assert_eq!(e.offset, utf8.len() - 2);
    assert_eq!(e.detail, "truncated sequence at end of file");

    // UTF-8 invalid byte in the middle, after a BOM.
    let mut bad = vec![0xEF, 0xBB, 0xBF];
    bad.extend_from_slice("前言".as_bytes());
    let at = bad.len();
    bad.extend_from_slice(&[0xC3, 0x28]);
    bad.extend_from_slice("后记".as_bytes());
    let d = detect(&bad);
    assert_eq!(d.bom_len, 3);
    let e = decode(&bad, &d).unwrap_err();
    assert_eq!(e.offset, at);
    assert_eq!(e.detail, "invalid byte sequence 0xC3 0x28");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot decode as UTF-8: invalid byte sequence 0xC3 0x28 at byte {at} (line 1, \
             column 3); 1 damaged spot, the rest decodes cleanly"
        )
    );

    // GBK invalid lead/trail pair in the middle.
    let mut mid = enc("第一段文字", "gbk");
    let at = mid.len();
    mid.extend_from_slice(&[0x81, 0x20]);
    mid.extend_from_slice(&enc("第二段文字", "gbk"));
    let d = forced(&mid, Charset::Rs(encoding_rs::GBK));
    let e = decode(&mid, &d).unwrap_err();
    assert_eq!(e.offset, at);
    assert_eq!(e.detail, "invalid byte sequence 0x81 0x20");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot decode as GBK: invalid byte sequence 0x81 0x20 at byte {at} (line 1, \
             column 6); 1 damaged spot, the rest decodes cleanly"
        )
    );
    // Detected, not forced: the same damage is found, and named, without --encoding.
    let d = detect(&mid);
    assert_eq!(d.charset.name(), "GBK", "{d:?}");
    assert_eq!(decode(&mid, &d).unwrap_err().offset, at);

    // UTF-16 with an odd number of bytes.
    let mut odd = utf16("报告全文如下", false, true);
    odd.push(0x41);
    let d = detect(&odd);
    assert_eq!(d.charset.name(), "UTF-16LE");
    let e = decode(&odd, &d).unwrap_err();
    assert_eq!(e.detail, "odd number of bytes for UTF-16");
    assert_eq!(e.offset, odd.len() - 1);

    // Odd length without BOM: still UTF-16 by pattern, but low confidence.
    let mut odd = utf16("Annual report 年度报告", false, false);
    odd.push(0x41);
    let d = detect(&odd);
    assert_eq!(d.charset.name(), "UTF-16LE");
    assert_eq!(d.confidence, Confidence::Low);
    assert!(decode(&odd, &d).is_err());
}

#[test]
fn forced_strips_own_bom_only() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("标题".as_bytes());
    let d = forced(&bytes, Charset::Rs(encoding_rs::UTF_8));
    assert_eq!((d.bom_len, d.reason), (3, Reason::Override));
    assert_eq!(decode(&bytes, &d).unwrap(), "标题");
    let d = forced(&bytes, Charset::Rs(encoding_rs::GBK));
    assert_eq!(d.bom_len, 0);
    let le = utf16("标题", false, true);
    assert_eq!(forced(&le, Charset::Rs(encoding_rs::UTF_16LE)).bom_len, 2);
    assert_eq!(forced(&le, Charset::Rs(encoding_rs::UTF_16BE)).bom_len, 0);
}

#[test]
fn sniffing_binaries() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert_eq!(sniff_binary(png), Some("PNG image"));
    assert!(sniff_binary(b"PK\x03\x04\x14\0\0\0\x08\0").is_some());
    assert_eq!(
        sniff_binary(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"),
        Some("PDF document")
    );
    assert!(sniff_binary(b"\x1F\x8B\x08\0\0\0\0\0").is_some());
    assert!(sniff_binary(b"\x7FELF\x02\x01\x01\0").is_some());
    let mut blob = vec![0u8; 64];
    blob.extend_from_slice(&[1, 2, 3, 0, 0xFF, 0, 7, 0, 0, 0, 9]);
    assert!(sniff_binary(&blob).is_some());
    for text in [ZH, FR, KO, "中文"] {
        for be in [false, true] {
            assert_eq!(sniff_binary(&utf16(text, be, false)), None, "{text}");
            assert_eq!(sniff_binary(&utf16(text, be, true)), None, "{text}");
            assert_eq!(sniff_binary(&utf32(text, be, false)), None, "{text}");
        }
        assert_eq!(sniff_binary(text.as_bytes()), None);
        assert_eq!(sniff_binary(&enc(ZH, "gbk")), None);
    }
}

#[test]
fn labels() {
    let name = |l: &str| charset_for_label(l).map(|c| c.name());
    for (label, want) in [
        ("utf8", "UTF-8"),
        ("UTF_8", "UTF-8"),
        ("cp936", "GBK"),
        ("GB2312", "GBK"),
        ("gbk", "GBK"),
        ("GB18030", "gb18030"),
        ("cp932", "Shift_JIS"),
        ("MS932", "Shift_JIS"),
        ("sjis", "Shift_JIS"),
        ("Shift_JIS", "Shift_JIS"),
        ("cp949", "EUC-KR"),
        ("uhc", "EUC-KR"),
        ("euc_kr", "EUC-KR"),
        ("euc-jp", "EUC-JP"),
        ("utf16", "UTF-16LE"),
        ("UTF-16", "UTF-16LE"),
        ("utf16be", "UTF-16BE"),
        ("utf_16le", "UTF-16LE"),
        ("utf32", "UTF-32LE"),
        ("UTF-32", "UTF-32LE"),
        ("utf32le", "UTF-32LE"),
        ("utf32be", "UTF-32BE"),
        ("latin1", "windows-1252"),
        ("big5-hkscs", "Big5"),
        ("cp950", "Big5"),
        ("cp1252", "windows-1252"),
        ("CP1251", "windows-1251"),
        ("cp1250", "windows-1250"),
        ("koi8-r", "KOI8-R"),
        ("iso-8859-2", "ISO-8859-2"),
        ("ISO_2022_JP", "ISO-2022-JP"),
        ("hz-gb-2312", "HZ-GB-2312"),
    ] {
        assert_eq!(name(label), Some(want), "{label}");
    }
    assert_eq!(name("no-such-charset"), None);
    assert_eq!(name("iso-2022-kr"), Some("ISO-2022-KR"));
}

#[test]
fn encode_round_trips_and_errors() {
    let samples: [(&str, &str); 9] = [
        (ZH, "gbk"),
        (ZH, "gb18030"),
        (ZH_TW, "big5"),
        (JA, "shift_jis"),
        (JA, "euc-jp"),
        (JA, "iso-2022-jp"),
        (KO, "euc-kr"),
        (FR, "windows-1252"),
        (RU, "windows-1251"),
    ];
    for (text, label) in samples {
        let cs = charset_for_label(label).unwrap();
        let bytes = encode(text, cs, false).unwrap();
        assert_eq!(
            decode(&bytes, &forced(&bytes, cs)).unwrap(),
            text,
            "{label}"
        );
    }
    for label in [
        "utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be", "gb18030",
    ] {
        let cs = charset_for_label(label).unwrap();
        for bom in [false, true] {
            let bytes = encode(ZH, cs, bom).unwrap();
            let d = if bom {
                detect(&bytes)
            } else {
                forced(&bytes, cs)
            };
            assert_eq!(d.charset, cs, "{label} bom={bom}");
            assert_eq!(decode(&bytes, &d).unwrap(), ZH, "{label} bom={bom}");
        }
    }
    let e = encode("表情😀符号", Charset::Rs(encoding_rs::GBK), false).unwrap_err();
    assert_eq!((e.ch, e.char_index, e.encoding), ('😀', 2, "GBK"));
    assert!(e.to_string().contains('😀'), "{e}");
    let e = encode("Prix: 5€ — 中", charset_for_label("latin1").unwrap(), false).unwrap_err();
    assert_eq!((e.ch, e.char_index), ('中', 11));
}

#[test]
fn hz_round_trip() {
    let text = "会议通知~明天上午开会\n请准时参加。";
    let hz = charset_for_label("hz").unwrap();
    let bytes = encode(text, hz, false).unwrap();
    assert!(bytes.is_ascii());
    check(&bytes, "HZ-GB-2312", Reason::EscapeSequences, text);
    let e = encode("😀", hz, false).unwrap_err();
    assert_eq!(e.ch, '😀');
}

#[test]
fn large_utf8_is_fast_path() {
    let big = ZH_LONG.repeat(1_000_000 / ZH_LONG.len() + 1);
    let start = std::time::Instant::now();
    let d = detect(big.as_bytes());
    let took = start.elapsed();
    assert_eq!((d.charset.name(), d.reason), ("UTF-8", Reason::Utf8Valid));
    println!("detect() on {} bytes of UTF-8: {took:?}", big.len());
    let gbk = enc(&big, "gbk");
    let start = std::time::Instant::now();
    assert_eq!(detected_name(&gbk), "GBK");
    println!(
        "detect() on {} bytes of GBK: {:?}",
        gbk.len(),
        start.elapsed()
    );
}

// --- Regression tests for the single-byte check, Japanese kanji and kana ---

fn decodes_to(bytes: &[u8], text: &str) {
    let d = detect(bytes);
    assert_eq!(decode(bytes, &d).ok().as_deref(), Some(text), "{d:?}");
}

/// chardetng has no Mac encodings: Russian in x-mac-cyrillic came out as
/// windows-1251 or windows-1252 mojibake.
#[test]
fn mac_cyrillic_russian() {
    let text = "Вчера Московский театр показал новую постановку. Зрители, пришедшие на премьеру, долго аплодировали актёрам, а критики назвали спектакль главным событием сезона. Я тоже был там.";
    decodes_to(&enc(text, "x-mac-cyrillic"), text);
    decodes_to(&enc(RU, "x-mac-cyrillic"), RU);
}

/// Hungarian ő/ű read as windows-1252 become õ/û: no language has both.
#[test]
fn iso_8859_2_hungarian_not_windows_1252() {
    let text = "A városi tanács kedden jóváhagyta az iskolák felújítási tervét. A munkák nyáron kezdődnek, és közel két milliárd forintba kerülnek, közölte a polgármester. Ősszel újabb ülés következik.";
    decodes_to(&enc(text, "iso-8859-2"), text);
    decodes_to(&enc(text, "windows-1250"), text);
}

/// ISO-8859-15 differs from windows-1252 in € and œ: "c½ur" and "¤" are debris.
#[test]
fn iso_8859_15_euro_and_oe() {
    let text = "Le chœur de la ville a reçu une aide de 500 € pour son œuvre de l'été; chaque élève paiera 12 € de moins qu'à la rentrée précédente.";
    decodes_to(&enc(text, "iso-8859-15"), text);
}

/// Maltese and Esperanto letters exist only in ISO-8859-3.
#[test]
fn iso_8859_3_maltese_and_esperanto() {
    let mt = "Il-kunsill lokali ħabbar li x-xogħol fuq it-triq il-ġdida se jibda f'Ġunju, u ż-żona taċ-ċentru se tingħalaq għal ġimgħatejn.";
    decodes_to(&enc(mt, "iso-8859-3"), mt);
    let eo = "La urba konsilio ĉiujare aĉetas novajn ŝuojn por la ĥoro; ĝi ankaŭ subtenas la ĵurnalon de la lernejo.";
    decodes_to(&enc(eo, "iso-8859-3"), eo);
}

/// Western text must stay windows-1252 (no false switch to a sibling).
#[test]
fn western_text_stays_windows_1252() {
    for text in [FR, DE] {
        decodes_to(&enc(text, "windows-1252"), text);
    }
    let es = "El piso cuesta 2100 €/m² en el centro y la superficie útil es de 85 m²; según la agencia, España sigue igual.";
    decodes_to(&enc(es, "windows-1252"), es);
}

/// Japanese shinjitai kanji (続, 営, 売, 駅) are common: BOM-less UTF-16
/// slices made of them and kana must still be recognised.
#[test]
fn short_utf16_japanese_with_shinjitai() {
    for text in [
        "駅前の売店は毎朝営業を続けている",
        "続ける",
        "経験を積んだ",
        "売れた",
    ] {
        for be in [false, true] {
            decodes_to(&utf16(text, be, false), text);
        }
    }
}

/// Pure kana in EUC-JP: the same bytes read as Big5 are common hanzi, but
/// kana are the most frequent characters of Japanese.
#[test]
fn short_euc_jp_kana() {
    for text in ["されている", "ありがとう", "ですね", "コーヒー"] {
        decodes_to(&enc(text, "euc-jp"), text);
    }
}

#[test]
fn latin1_characters_in_utf8_stay_utf8() {
    for text in [
        "x\u{a0}y",
        "©2020 Foo",
        "éé",
        "Hello\u{a0}world",
        "Café olé",
        "价格\u{a0}100元",
    ] {
        let det = detect(text.as_bytes());
        assert_eq!(det.charset.name(), "UTF-8", "{text:?}");
        assert_eq!(decode(text.as_bytes(), &det).unwrap(), text);
    }
}
