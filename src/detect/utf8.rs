//! Valid and almost-valid UTF-8: the GBK-valid-as-UTF-8 trap, and invalid bytes in text
//! that is clearly meant as UTF-8 (reported as UTF-8 so decoding names the bad offset).

use encoding_rs::{GBK, UTF_8};

use super::charset::Charset;
use super::codec::decode_clean;
use super::detection::{Confidence, Detection, Reason};
use super::score::score_non_ascii;
use super::{high_bytes, FEW_HIGH_BYTES, PREFIX};

/// Valid UTF-8: keep it, unless it is the GBK trap (short GBK text whose
/// bytes happen to form 2-byte UTF-8 sequences like "系统" = "ϵͳ").
pub(super) fn utf8_or_gbk_trap(bytes: &[u8], text: &str) -> Detection {
    let utf8 = Detection::new(Charset::Rs(UTF_8), Confidence::High, Reason::Utf8Valid);
    // GBK lead bytes that are valid UTF-8 leads only make 2-byte sequences;
    // a 3/4-byte UTF-8 sequence is practically never GBK.
    if bytes.iter().any(|&b| b >= 0xE0) {
        return utf8;
    }
    // Latin-1 characters (NBSP, ©, é, ü: lead bytes C2/C3) are everyday UTF-8; reading them as
    // GBK would turn a cleaned `&nbsp;` into 聽 on the next run. Only exotic 2-byte UTF-8
    // (ϵͳ) is the trap.
    if text.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) {
        return utf8;
    }
    let p = &bytes[..bytes.len().min(PREFIX)];
    let ptext = &text[..floor_char_boundary(text, p.len())];
    let u = score_non_ascii(ptext);
    let Some(g) = decode_clean(GBK, p, p.len() == bytes.len()) else {
        return utf8;
    };
    let g = score_non_ascii(&g);
    if g.units > 0 && g.avg() >= 2.0 && g.rare * 5 <= g.units && u.avg() < 0.5 {
        let short = high_bytes(p) < 4 * FEW_HIGH_BYTES;
        let conf = if short {
            Confidence::Low
        } else {
            Confidence::High
        };
        return Detection::new(Charset::Rs(GBK), conf, Reason::CjkCheck);
    }
    if u.avg() < 0.5 || high_bytes(p) < FEW_HIGH_BYTES && g.units > 0 && g.avg() >= 2.0 {
        return Detection {
            confidence: Confidence::Low,
            ..utf8
        };
    }
    utf8
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Invalid UTF-8 but clearly meant as UTF-8 (a stray bad byte or a cut-off
/// last character): report UTF-8 so decode() names the bad offset.
pub(super) fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut errors = 0usize;
    let mut multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                multibyte += good.iter().filter(|&&b| b >= 0xC0).count();
                errors += 1;
                if errors > 16 {
                    return false;
                }
                match e.error_len() {
                    Some(n) => rest = &rest[e.valid_up_to() + n..],
                    // A cut-off last character is the classic truncated file.
                    None => {
                        errors -= 1;
                        break;
                    }
                }
            }
        }
    }
    multibyte >= 8 && errors * 100 <= multibyte
}
