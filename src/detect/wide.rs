//! UTF-16 and UTF-32 without a BOM: NUL patterns, or (for UTF-16 without any NUL)
//! text made almost only of common CJK characters that beats every legacy reading.

use encoding_rs::{UTF_16BE, UTF_16LE};

use super::charset::Charset;
use super::detection::{Confidence, Detection, Reason};
use super::legacy::best_legacy_sum;
use super::score::{Score, Scorer, NO_READING};
use super::PREFIX;

/// First, cheaper pass of the BOM-less UTF-16 check: 4 KiB (2,048 units) is plenty to reject
/// legacy text, which fails the strict CJK test within its first few characters.
const QUICK: usize = 4 * 1024;

/// With NULs, the byte order is clear (high confidence) when the other order is implausible
/// or scores less than half as much: real text read in the wrong order is mostly rare blocks.
const CLEAR_ORDER_FACTOR: f32 = 2.0;

/// Pure-ASCII bytes read as NUL-free UTF-16 need at least this many characters: one pair of
/// letters that happens to be a common hanzi ("-N" is 中 in UTF-16LE) is no evidence.
const ASCII_AS_UTF16_MIN_UNITS: usize = 2;

/// NUL-free UTF-16 must beat the best legacy reading by this much plus
/// [`UTF16_MARGIN_PER_UNIT`] per character: both are sums, so the margin grows with length.
const UTF16_MARGIN_BASE: f32 = 0.5;
/// See [`UTF16_MARGIN_BASE`]: 0.05 per character, a twentieth of a plain ASCII character.
const UTF16_MARGIN_PER_UNIT: f32 = 0.05;

/// NUL-free UTF-16 with fewer characters than this is reported as low confidence (a 1-3
/// character title can also be a legacy reading).
const UTF16_SURE_UNITS: usize = 4;

/// NUL-free UTF-16 that beats the best legacy reading by less than this many margins is
/// reported as low confidence.
const UTF16_SURE_MARGINS: f32 = 2.0;

fn even_prefix(bytes: &[u8], limit: usize, unit: usize) -> &[u8] {
    let n = bytes.len().min(limit);
    &bytes[..n - n % unit]
}

pub(super) fn detect_utf32(bytes: &[u8]) -> Option<Detection> {
    let p = even_prefix(bytes, PREFIX, 4);
    if p.is_empty() || !p.contains(&0) {
        return None;
    }
    let mut best: Option<(Charset, Score)> = None;
    for (charset, be) in [(Charset::Utf32Le, false), (Charset::Utf32Be, true)] {
        let mut sc = Scorer::default();
        let ok = p.chunks_exact(4).all(|u| {
            let u = [u[0], u[1], u[2], u[3]];
            let v = if be {
                u32::from_be_bytes(u)
            } else {
                u32::from_le_bytes(u)
            };
            char::from_u32(v).map(|c| sc.push(c)).is_some()
        });
        let s = sc.finish();
        if ok && s.plausible() && best.is_none_or(|(_, b)| s.sum > b.sum) {
            best = Some((charset, s));
        }
    }
    let (charset, _) = best?;
    let conf = if bytes.len().is_multiple_of(4) {
        Confidence::High
    } else {
        Confidence::Low
    };
    Some(Detection::new(charset, conf, Reason::Utf32NulPattern))
}

pub(super) fn score_utf16(p: &[u8], be: bool) -> Score {
    let unit = |u: &[u8]| {
        if be {
            u16::from_be_bytes([u[0], u[1]])
        } else {
            u16::from_le_bytes([u[0], u[1]])
        }
    };
    let mut n = p.len() / 2;
    // A high surrogate cut off by the prefix end is not evidence against UTF-16.
    if n > 1 && (0xD800..0xDC00).contains(&unit(&p[2 * n - 2..])) {
        n -= 1;
    }
    let mut sc = Scorer::default();
    for r in char::decode_utf16(p[..2 * n].chunks_exact(2).map(unit)) {
        match r {
            Ok(c) => sc.push(c),
            Err(_) => sc.push_bad(),
        }
    }
    sc.finish()
}

pub(super) fn detect_utf16(bytes: &[u8]) -> Option<Detection> {
    if bytes.len() < 2 {
        return None;
    }
    let has_nul = even_prefix(bytes, PREFIX, 2).contains(&0);
    let conf_len = if bytes.len().is_multiple_of(2) {
        Confidence::High
    } else {
        Confidence::Low
    };
    let orientations = [
        (Charset::Rs(UTF_16LE), false),
        (Charset::Rs(UTF_16BE), true),
    ];
    if has_nul {
        let p = even_prefix(bytes, PREFIX, 2);
        let le = score_utf16(p, false);
        let be = score_utf16(p, true);
        let (charset, s, other) = if le.sum >= be.sum {
            (orientations[0].0, le, be)
        } else {
            (orientations[1].0, be, le)
        };
        if !s.plausible() {
            return None;
        }
        let clear = !other.plausible() || other.sum * CLEAR_ORDER_FACTOR < s.sum;
        let conf = if clear { conf_len } else { Confidence::Low };
        return Some(Detection::new(charset, conf, Reason::Utf16NulPattern));
    }
    // No NUL at all: only text made purely of chars >= U+0100 (CJK) can look
    // like this, so demand that nearly every unit is a common CJK character,
    // first on a small prefix (cheap rejection of legacy text), then on the
    // bounded prefix, and finally that it beats every legacy reading.
    let quick = even_prefix(bytes, QUICK, 2);
    let full = even_prefix(bytes, PREFIX, 2);
    let mut best: Option<(Charset, Score)> = None;
    for (charset, be) in orientations {
        if !score_utf16(quick, be).strict_cjk() {
            continue;
        }
        let s = if full.len() > quick.len() {
            score_utf16(full, be)
        } else {
            score_utf16(quick, be)
        };
        if s.strict_cjk() && best.is_none_or(|(_, b)| s.sum > b.sum) {
            best = Some((charset, s));
        }
    }
    let (charset, s) = best?;
    let ascii = full.is_ascii();
    if ascii && (s.units < ASCII_AS_UTF16_MIN_UNITS || s.rare > 0 || full.contains(&b' ')) {
        return None;
    }
    let last = full.len() == bytes.len();
    // Pure ASCII was judged by the stricter rule above; its ASCII reading
    // always scores 1 per byte, so a sum comparison would say nothing more.
    let legacy = if ascii {
        NO_READING
    } else {
        best_legacy_sum(full, last)
    };
    let margin = UTF16_MARGIN_BASE + UTF16_MARGIN_PER_UNIT * s.units as f32;
    if s.sum <= legacy + margin {
        return None;
    }
    let conf =
        if ascii || s.units < UTF16_SURE_UNITS || s.sum < legacy + UTF16_SURE_MARGINS * margin {
            Confidence::Low
        } else {
            conf_len
        };
    Some(Detection::new(charset, conf, Reason::Utf16NulPattern))
}
