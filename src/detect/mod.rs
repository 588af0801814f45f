//! Encoding detection for doctidy: BOMs, UTF-16/32 without BOM, escape
//! encodings, strict UTF-8, then chardetng plus a CJK plausibility check.
//!
//! Everything is cheap on the common path (valid UTF-8); the statistical
//! parts only ever look at a bounded prefix.
//!
//! [`detect`] below runs the steps in order; each step lives in its own module:
//! `charset` (the encodings and their BOMs), `wide` (UTF-16/32 without BOM),
//! `escapes` (ISO-2022-JP and HZ in pure ASCII), `utf8` (strict UTF-8 and its traps),
//! `legacy` (chardetng and the double-byte CJK check), `single_byte` (which single-byte
//! reading), `score` and `tiers` (how plausible a reading is), `codec` and `hz` (strict
//! decoding and encoding, including what encoding_rs lacks), `labels` (`--encoding NAME`)
//! and `binary` (files that are not text at all).
//!
//! Where the numbers come from: every threshold is a named constant next to the code that
//! uses it, with the reasoning behind its value. Unless its doc says otherwise, a constant
//! dates from the first detector (commit cb22720) and was left as it was when that detector
//! was measured in d5eaef3 on public labelled test files (from chardet, uchardet and
//! charset_normalizer: 525 decodable files and 25k short slices; 99.4% of the files right).
//! The single-byte check's numbers came with that measured commit. The per-character weights
//! of the plausibility score are a table in `score.rs`, not constants.

mod binary;
mod charset;
mod codec;
mod damage;
mod debris;
mod detection;
mod errors;
mod escapes;
mod hz;
mod iso2022kr;
mod johab;
mod labels;
mod legacy;
mod lossless;
mod score;
mod single_byte;
mod tiers;
mod utf8;
mod wide;

pub use binary::sniff_binary;
pub use charset::Charset;
pub use codec::{decode, encode};
pub use detection::{Confidence, Detection, Reason};
pub use errors::{DecodeError, EncodeError};
pub use labels::charset_for_label;

/// Read `body` as `enc`, each damaged spot replaced with one U+FFFD (`--on-invalid replace`).
pub(crate) fn read_damaged(enc: &'static encoding_rs::Encoding, body: &[u8]) -> damage::Reading {
    damage::read(enc, body, true)
}

use charset::bom_charset;
use damage::utf8_evidence;
use encoding_rs::{ISO_2022_JP, UTF_8};
use escapes::{has_iso2022jp_escapes, looks_like_hz};
use legacy::legacy;

use utf8::utf8_or_gbk_trap;
use wide::{detect_utf16, detect_utf32};

/// Statistical steps never look further than this: chardetng runs at single-digit MB/s, so
/// 64 KiB bounds its cost per file to a few milliseconds (cb22720).
const PREFIX: usize = 64 * 1024;

/// Below this many bytes >= 0x80 a legacy guess is reported as low confidence: 12 bytes are
/// six double-byte characters, too few for statistics to tell GBK, Big5 and friends apart.
const FEW_HIGH_BYTES: usize = 12;

/// Guess the encoding, most decisive evidence first (see the module docs).
pub fn detect(bytes: &[u8]) -> Detection {
    use Confidence::*;
    if bytes.is_empty() {
        return Detection::new(Charset::Rs(UTF_8), High, Reason::Empty);
    }
    if let Some(charset) = bom_charset(bytes) {
        return Detection {
            charset,
            bom_len: charset.bom().len(),
            confidence: High,
            reason: Reason::Bom,
        };
    }
    // Valid UTF-8 without NULs is not read as BOM-less UTF-16/32 when it has an odd length or
    // Latin-1 characters (an NBSP left by cleaning): those are everyday UTF-8, and a wide
    // reading of them would not even decode.
    let plain_utf8 = !bytes.contains(&0)
        && std::str::from_utf8(bytes).is_ok_and(|t| {
            bytes.len() % 2 == 1 || t.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c))
        });
    if !plain_utf8 {
        if let Some(d) = detect_utf32(bytes) {
            return d;
        }
        if let Some(d) = detect_utf16(bytes) {
            return d;
        }
    }
    // Past the wide encodings (whose text can end in 0x00 or 0x1A bytes), trailing NULs and a
    // DOS end-of-file mark are padding, not evidence.
    let bytes = binary::without_padding(bytes);
    let ascii = bytes.is_ascii();
    if ascii {
        if has_iso2022jp_escapes(bytes) {
            return Detection::new(Charset::Rs(ISO_2022_JP), High, Reason::EscapeSequences);
        }
        if looks_like_hz(bytes) {
            return Detection::new(Charset::Hz, High, Reason::EscapeSequences);
        }
        if iso2022kr::looks_like_iso2022kr(bytes) {
            return Detection::new(Charset::Iso2022Kr, High, Reason::EscapeSequences);
        }
        return Detection::new(Charset::Rs(UTF_8), High, Reason::Ascii);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => utf8_or_gbk_trap(bytes, text),
        // Meant as UTF-8 and damaged: decoding names the place. Two-byte lookalikes are
        // GBK's trap again when the bytes read cleanly as CJK.
        Err(_) if damaged_utf8(bytes) => {
            Detection::new(Charset::Rs(UTF_8), High, Reason::Utf8Damaged)
        }
        Err(_) => legacy(bytes),
    }
}

/// Damaged UTF-8, unless its valid sequences are mostly two-byte lookalikes and the bytes
/// read cleanly as CJK in a double-byte encoding (GBK's trap again).
fn damaged_utf8(bytes: &[u8]) -> bool {
    let ev = utf8_evidence(bytes);
    ev.damaged_utf8() && !(ev.mostly_two_byte() && legacy::clean_cjk_reading(bytes))
}

/// Forced encoding (--encoding NAME): still strips a BOM of that same encoding if present.
pub fn forced(bytes: &[u8], charset: Charset) -> Detection {
    let bom = charset.bom();
    let bom_len = if !bom.is_empty() && bytes.starts_with(bom) {
        bom.len()
    } else {
        0
    };
    Detection {
        charset,
        bom_len,
        confidence: Confidence::High,
        reason: Reason::Override,
    }
}

/// Bytes >= 0x80: the evidence every legacy-encoding step weighs.
fn high_bytes(p: &[u8]) -> usize {
    p.iter().filter(|&&b| b >= 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_not_utf16() {
        for s in ["no", "Test", "none", "README", "Hello world", "OK\r\n"] {
            let d = detect(s.as_bytes());
            assert_eq!(d.charset.name(), "UTF-8", "{s}");
        }
    }
}
