//! The set of encodings doctidy reads and writes, their names and their byte-order marks.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// An encoding doctidy can read and write: everything encoding_rs has, plus the two it lacks,
/// UTF-32 and HZ-GB-2312 (encoding_rs maps the HZ label to its replacement encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// An encoding of encoding_rs (UTF-8, UTF-16, GBK, GB18030, Big5, Shift_JIS, ...).
    Rs(&'static Encoding),
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
    /// HZ-GB-2312 (RFC 1843), decoded and encoded by `hz.rs`.
    Hz,
    /// ISO-2022-KR (RFC 1557), decoded and encoded by `iso2022kr.rs`.
    Iso2022Kr,
    /// Johab (KS X 1001 annex 3), decoded and encoded by `johab.rs`.
    Johab,
    /// No encoding reads the bytes as text: decoding fails, naming the first byte >= 0x80.
    Unknown,
}

impl Charset {
    /// The encoding's canonical name (`UTF-8`, `GBK`, `UTF-32LE`, `HZ-GB-2312`).
    pub fn name(&self) -> &'static str {
        match self {
            Charset::Rs(e) => e.name(),
            Charset::Utf32Le => "UTF-32LE",
            Charset::Utf32Be => "UTF-32BE",
            Charset::Hz => "HZ-GB-2312",
            Charset::Iso2022Kr => "ISO-2022-KR",
            Charset::Johab => "Johab",
            Charset::Unknown => "unknown",
        }
    }

    /// Is this UTF-8?
    pub fn is_utf8(&self) -> bool {
        *self == Charset::Rs(UTF_8)
    }

    /// The byte-order mark of this encoding, if it has one.
    pub(super) fn bom(&self) -> &'static [u8] {
        match self {
            Charset::Utf32Le => &[0xFF, 0xFE, 0, 0],
            Charset::Utf32Be => &[0, 0, 0xFE, 0xFF],
            Charset::Rs(e) if *e == UTF_8 => &[0xEF, 0xBB, 0xBF],
            Charset::Rs(e) if *e == UTF_16LE => &[0xFF, 0xFE],
            Charset::Rs(e) if *e == UTF_16BE => &[0xFE, 0xFF],
            Charset::Rs(e) if *e == GB18030 => &[0x84, 0x31, 0x95, 0x33],
            Charset::Rs(_)
            | Charset::Hz
            | Charset::Iso2022Kr
            | Charset::Johab
            | Charset::Unknown => &[],
        }
    }
}

/// UTF-32 BOMs come first: FF FE 00 00 also starts with the UTF-16LE BOM.
pub(super) fn bom_charset(bytes: &[u8]) -> Option<Charset> {
    [
        Charset::Utf32Le,
        Charset::Utf32Be,
        Charset::Rs(UTF_8),
        Charset::Rs(UTF_16LE),
        Charset::Rs(UTF_16BE),
        Charset::Rs(GB18030),
    ]
    .into_iter()
    .find(|c| bytes.starts_with(c.bom()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn names() {
        assert_eq!(Charset::Utf32Be.name(), "UTF-32BE");
        assert_eq!(Charset::Hz.name(), "HZ-GB-2312");
        assert!(Charset::Rs(UTF_8).is_utf8());
        assert!(!Charset::Rs(GBK).is_utf8());
    }

    #[test]
    fn bom_order() {
        assert_eq!(
            bom_charset(&[0xFF, 0xFE, 0, 0, 0x41]),
            Some(Charset::Utf32Le)
        );
        assert_eq!(
            bom_charset(&[0xFF, 0xFE, 0x41, 0]),
            Some(Charset::Rs(UTF_16LE))
        );
        assert_eq!(bom_charset(&[0, 0, 0xFE, 0xFF]), Some(Charset::Utf32Be));
        assert_eq!(bom_charset(b"abc"), None);
    }
}
