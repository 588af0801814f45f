//! Legacy encodings: chardetng's guess on a bounded prefix, then the CJK check that scores
//! every double-byte reading (GBK/GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR) against it.

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS};

use super::charset::Charset;
use super::detection::{Confidence, Detection, Reason};
use super::lossless::decode_clean;
use super::score::score_str;
use super::single_byte::single_byte_check;
use super::{high_bytes, FEW_HIGH_BYTES, PREFIX};

/// Two candidate readings are "close" within this margin plus
/// [`CANDIDATE_MARGIN_PER_HIGH_BYTE`] per byte >= 0x80: scores are sums, so the margin grows
/// with the evidence. A close runner-up means low confidence; a double-byte chardetng guess
/// within the margin of the best candidate is kept.
const CANDIDATE_MARGIN_BASE: f32 = 1.0;
/// See [`CANDIDATE_MARGIN_BASE`]: 0.1 per high byte, i.e. 0.2 per double-byte character.
const CANDIDATE_MARGIN_PER_HIGH_BYTE: f32 = 0.1;

/// Text is "full of paired high bytes" with at least this many lead/trail pairs...
const PAIRED_MIN: usize = 2;
/// ... and at most one lone high byte per this many pairs.
const PAIRED_MAX_SINGLE_ONE_IN: usize = 10;

/// Best score of the bytes read as an ASCII-compatible legacy encoding.
pub(super) fn best_legacy_sum(p: &[u8], last: bool) -> f32 {
    let mut best = f32::MIN;
    if let Ok(s) = std::str::from_utf8(p) {
        best = score_str(s).sum;
    }
    for enc in [GBK, BIG5, SHIFT_JIS, EUC_JP, EUC_KR] {
        if let Some(s) = decode_clean(enc, p, last) {
            best = best.max(score_str(&s).sum);
        }
    }
    best
}

/// Steps 6 and 7: chardetng on a bounded prefix, then the CJK check.
pub(super) fn statistical(bytes: &[u8]) -> Detection {
    let p = &bytes[..bytes.len().min(PREFIX)];
    let last = p.len() == bytes.len();
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(p, last);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    let few = high_bytes(p) < FEW_HIGH_BYTES;
    let four_byte = has_gb18030_four_byte(bytes);
    let gbk_like = if four_byte { GB18030 } else { GBK };
    if guess == GBK && four_byte {
        let conf = if few {
            Confidence::Low
        } else {
            Confidence::High
        };
        return Detection::new(Charset::Rs(GB18030), conf, Reason::CjkCheck);
    }
    let statistical =
        |enc: &'static Encoding, conf| Detection::new(Charset::Rs(enc), conf, Reason::Statistical);
    if !paired_high_bytes(p) {
        let conf = if few {
            Confidence::Low
        } else {
            Confidence::High
        };
        if is_double_byte(guess) {
            return statistical(guess, conf);
        }
        return statistical(single_byte_check(p, last, guess), conf);
    }
    // Candidates are scored as if more input followed: a file cut inside its last character
    // must still be recognised (and then fail to decode with the offset), not read as Latin.
    let guess_score = decode_clean(guess, p, false).map(|s| score_str(&s).sum);
    let mut cands: Vec<(&'static Encoding, f32)> = [gbk_like, BIG5, SHIFT_JIS, EUC_JP, EUC_KR]
        .into_iter()
        .filter_map(|e| decode_clean(e, p, false).map(|s| (e, score_str(&s).sum)))
        .collect();
    cands.sort_by(|a, b| b.1.total_cmp(&a.1));
    let margin = CANDIDATE_MARGIN_PER_HIGH_BYTE * high_bytes(p) as f32 + CANDIDATE_MARGIN_BASE;
    let close = |a: f32, b: f32| (a - b).abs() < margin;
    let guess_margin = if is_double_byte(guess) { margin } else { 0.0 };
    let Some(&(best, best_sum)) = cands.first() else {
        if is_double_byte(guess) {
            return statistical(guess, Confidence::Low);
        }
        return statistical(single_byte_check(p, last, guess), Confidence::Low);
    };
    let runner_up_close = cands.get(1).is_some_and(|&(_, s)| close(s, best_sum));
    let chosen_is_guess = best == guess || (guess == GBK && best == GB18030);
    let enc = match guess_score {
        // A single-byte guess for paired high bytes gets no benefit of doubt.
        Some(g) if !chosen_is_guess && g + guess_margin >= best_sum => {
            if is_double_byte(guess) {
                guess
            } else {
                single_byte_check(p, last, guess)
            }
        }
        _ => best,
    };
    let changed = enc != guess;
    let conf = if few || runner_up_close || changed && guess_score.is_some() {
        Confidence::Low
    } else {
        Confidence::High
    };
    let reason = if changed {
        Reason::CjkCheck
    } else {
        Reason::Statistical
    };
    Detection::new(Charset::Rs(enc), conf, reason)
}

fn is_double_byte(e: &'static Encoding) -> bool {
    [GBK, GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR].contains(&e)
}

/// Four-byte GB18030 sequences (0x81-0xFE 0x30-0x39 0x81-0xFE 0x30-0x39)
/// never occur in GBK, so they tell the two apart.
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1..i + 4) {
            Some([b1, b2, b3])
                if (0x30..=0x39).contains(b1)
                    && (0x81..=0xFE).contains(b2)
                    && (0x30..=0x39).contains(b3) =>
            {
                return true
            }
            _ => i += 2,
        }
    }
    false
}

/// Text "full of paired high bytes": most bytes >= 0x80 are a lead byte
/// followed by a plausible double-byte trail byte.
fn paired_high_bytes(p: &[u8]) -> bool {
    let (mut paired, mut single) = (0usize, 0usize);
    let mut i = 0;
    while i < p.len() {
        if p[i] < 0x80 {
            i += 1;
            continue;
        }
        match p.get(i + 1) {
            Some(&t) if t >= 0x40 && t != 0x7F && t != 0xFF => {
                paired += 1;
                i += 2;
            }
            Some(_) => {
                single += 1;
                i += 1;
            }
            None => break,
        }
    }
    paired >= PAIRED_MIN && single * PAIRED_MAX_SINGLE_ONE_IN <= paired
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_four_byte_scan() {
        let (b, _, _) = GB18030.encode("中\u{20000}");
        assert!(has_gb18030_four_byte(&b));
        let (b, _, _) = GBK.encode("中文字符");
        assert!(!has_gb18030_four_byte(&b));
    }
}
