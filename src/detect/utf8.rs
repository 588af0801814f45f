//! Valid and almost-valid UTF-8: the GBK-valid-as-UTF-8 trap, and invalid bytes in text
//! that is clearly meant as UTF-8 (reported as UTF-8 so decoding names the bad offset).

use encoding_rs::{GBK, UTF_8};

use super::charset::Charset;
use super::detection::{Confidence, Detection, Reason};
use super::lossless::decode_clean;
use super::score::score_non_ascii;
use super::{high_bytes, FEW_HIGH_BYTES, PREFIX};

/// The trap needs at least this many GBK characters.
const TRAP_MIN_CHARS: usize = 1;

/// The GBK reading of the trap must average at least this per non-ASCII character: 2.0 is
/// the weight of a tier-2 hanzi, so the reading is made of common hanzi.
const TRAP_GBK_MIN_AVG: f32 = 2.0;

/// ... and at most one of this many of its characters may be rare.
const TRAP_GBK_MAX_RARE_ONE_IN: usize = 5;

/// The UTF-8 reading's non-ASCII characters average below this when they are debris: real
/// Greek, Cyrillic or Latin letters weigh 1.0, the odd blocks GBK bytes land in much less.
const TRAP_UTF8_MAX_AVG: f32 = 0.5;

/// A GBK verdict on fewer bytes >= 0x80 than this (24 hanzi) is low confidence: the trap
/// overrides a valid UTF-8 reading, so it asks for four times the usual evidence.
const TRAP_SURE_HIGH_BYTES: usize = 4 * FEW_HIGH_BYTES;

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
    // The UTF-8 reading's characters on their own, without the ASCII around them: a real
    // letter glued to Latin text ("HelloЖ") is still a letter.
    let alone: String = ptext
        .chars()
        .filter(|c| !c.is_ascii())
        .flat_map(|c| [c, ' '])
        .collect();
    let u = score_non_ascii(&alone);
    let Some(g) = decode_clean(GBK, p, p.len() == bytes.len()) else {
        return utf8;
    };
    let g = score_non_ascii(&g);
    if g.units >= TRAP_MIN_CHARS
        && g.avg() >= TRAP_GBK_MIN_AVG
        && g.rare * TRAP_GBK_MAX_RARE_ONE_IN <= g.units
        && u.avg() < TRAP_UTF8_MAX_AVG
    {
        let short = high_bytes(p) < TRAP_SURE_HIGH_BYTES;
        let conf = if short {
            Confidence::Low
        } else {
            Confidence::High
        };
        return Detection::new(Charset::Rs(GBK), conf, Reason::CjkCheck);
    }
    // Valid UTF-8 that is not the trap is UTF-8, sure of it, however short: nothing else
    // decodes it losslessly into something more likely, and doctidy's own output must read
    // back as itself.
    utf8
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
