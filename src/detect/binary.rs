//! Files that are not text at all (images, archives, executables, NUL-heavy data) are
//! recognised up front, so a folder walk skips them instead of failing to decode them.

use encoding_rs::{GB18030, UTF_8};

use super::charset::{bom_charset, Charset};
use super::wide::{detect_utf16, detect_utf32};

/// "MZ" and "ID3" are also how a text file may start: they count as binary only with a NUL
/// in this many first bytes (real headers have one within a few dozen bytes).
const HEADER_BYTES: usize = 64;

/// Control bytes are counted in this prefix, the same order as git's 8,000-byte check.
const SNIFF_PREFIX: usize = 8192;

/// Fewer stray NUL/control bytes than this...
const FEW_STRAY_CONTROLS: usize = 8;
/// ... that are also under one per this many bytes (2%) are damage in a text file, not binary.
const STRAY_CONTROLS_ONE_IN: usize = 50;

/// The bytes without the padding old tools leave after the text: trailing NULs and one DOS
/// end-of-file mark (0x1A). Padding says nothing about the encoding, and is no reason to call
/// a short text binary.
pub(crate) fn without_padding(bytes: &[u8]) -> &[u8] {
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] == 0 {
        end -= 1;
    }
    if end > 0 && bytes[end - 1] == 0x1A {
        end -= 1;
    }
    while end > 0 && bytes[end - 1] == 0 {
        end -= 1;
    }
    &bytes[..end]
}

/// ISO-2022-KR announces itself with `ESC $ ) C`; its shift bytes 0x0E/0x0F are then text.
fn has_iso2022kr_designator(bytes: &[u8]) -> bool {
    let designator = super::iso2022kr::DESIGNATOR;
    bytes.windows(designator.len()).any(|w| w == designator)
}

/// Known binary formats (by magic), or NUL-heavy data that is not plausible UTF-16/32.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "zip archive (or docx/xlsx/epub)"),
        (b"PK\x05\x06", "zip archive (empty)"),
        (b"PK\x07\x08", "zip archive (spanned)"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x28\xB5\x2F\xFD", "zstd archive"),
        (b"7z\xBC\xAF\x27\x1C", "7z archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"\x7FELF", "ELF executable"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "OLE2 document (doc/xls/ppt)",
        ),
        (b"\xCA\xFE\xBA\xBE", "Mach-O or Java class file"),
        (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
        (b"\xCE\xFA\xED\xFE", "Mach-O executable"),
        (b"\x00asm", "WebAssembly module"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"OggS", "Ogg media"),
        (b"fLaC", "FLAC audio"),
        (b"RIFF", "RIFF media (WAV/AVI/WebP)"),
        (b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"wOFF", "WOFF font"),
        (b"wOF2", "WOFF2 font"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(HEADER_BYTES)];
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some("MP4/QuickTime media");
    }
    if bytes.starts_with(b"MZ") && head.contains(&0) {
        return Some("Windows executable");
    }
    if bytes.starts_with(b"BZh") && bytes.get(4..10) == Some(b"1AY&SY") {
        return Some("bzip2 archive");
    }
    if bytes.starts_with(b"ID3") && head.contains(&0) {
        return Some("MP3 audio");
    }
    let text = without_padding(bytes);
    let p = &text[..text.len().min(SNIFF_PREFIX)];
    let shifts = has_iso2022kr_designator(p);
    let nul = p.iter().filter(|&&b| b == 0).count();
    let ctl = p
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | 0x09 | 0x0A | 0x0C | 0x0D | 0x1B))
        .filter(|&&b| !(shifts && matches!(b, 0x0E | 0x0F)))
        .count();
    let suspicious = nul + ctl;
    if suspicious == 0
        || (suspicious < FEW_STRAY_CONTROLS && suspicious * STRAY_CONTROLS_ONE_IN < p.len())
    {
        return None;
    }
    if bom_charset(bytes).is_some_and(|c| c != Charset::Rs(UTF_8) && c != Charset::Rs(GB18030)) {
        return None;
    }
    if detect_utf32(bytes).is_some() || detect_utf16(bytes).is_some() {
        return None;
    }
    Some(if nul > 0 {
        "binary data (NUL bytes)"
    } else {
        "binary data (control bytes)"
    })
}
