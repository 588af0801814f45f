//! Encoding names users type after `--encoding`, mapped to a [`Charset`].

use encoding_rs::{
    Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, REPLACEMENT, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8,
};

use super::charset::Charset;

/// Labels users type: everything encoding_rs::Encoding::for_label accepts plus common Windows/Unix aliases.
pub fn charset_for_label(label: &str) -> Option<Charset> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    let rs = |e: &'static Encoding| Some(Charset::Rs(e));
    match l.as_str() {
        "cp936" | "ms936" | "windows-936" | "gb2312" | "gb-2312" | "936" => return rs(GBK),
        "gb18030" | "gb-18030" | "cp54936" => return rs(GB18030),
        "cp932" | "ms932" | "sjis" | "shift-jis" | "shiftjis" | "windows-31j" | "932" => {
            return rs(SHIFT_JIS)
        }
        "cp949" | "ms949" | "uhc" | "windows-949" | "949" | "euckr" => return rs(EUC_KR),
        "eucjp" => return rs(EUC_JP),
        "utf16" | "utf-16" | "utf16le" | "utf-16le" | "ucs-2" | "ucs2" => return rs(UTF_16LE),
        "utf16be" | "utf-16be" => return rs(UTF_16BE),
        "utf32" | "utf-32" | "utf32le" | "utf-32le" | "ucs-4" | "ucs4" => {
            return Some(Charset::Utf32Le)
        }
        "utf32be" | "utf-32be" => return Some(Charset::Utf32Be),
        "utf8" | "utf-8" | "utf8-bom" | "utf-8-bom" | "utf-8-sig" | "utf8-sig" => return rs(UTF_8),
        "latin1" | "latin-1" | "l1" => return rs(encoding_rs::WINDOWS_1252),
        "big5-hkscs" | "big5hkscs" | "cp950" | "ms950" | "950" => return rs(BIG5),
        "hz" | "hz-gb-2312" | "hzgb" | "hz-gb2312" => return Some(Charset::Hz),
        "iso-2022-kr" | "iso2022kr" | "csiso2022kr" => return Some(Charset::Iso2022Kr),
        "johab" | "cp1361" | "x-johab" => return Some(Charset::Johab),
        _ => {}
    }
    let windows = l
        .strip_prefix("cp")
        .filter(|n| n.len() == 4 && n.starts_with("125"))
        .map(|n| format!("windows-{n}"));
    let tries = [
        windows,
        Some(l.clone()),
        Some(l.replace('-', "_")),
        Some(l.replace('-', "")),
    ];
    tries
        .into_iter()
        .flatten()
        .find_map(|t| Encoding::for_label(t.as_bytes()))
        // Labels encoding_rs maps to its replacement encoding (ISO-2022-KR, ...) cannot be
        // decoded; HZ, which it also maps there, was matched by name above.
        .filter(|e| *e != REPLACEMENT && *e != encoding_rs::X_USER_DEFINED)
        .map(Charset::Rs)
}
