//! Legacy encodings, for bytes that are not UTF-8. Every double-byte reading (GBK/GB18030,
//! Big5, Shift_JIS, EUC-JP, EUC-KR) is read with its damage counted. One clean reading that
//! clearly reads as common CJK text is the answer at once; several go to chardetng's guess on a
//! bounded prefix and the CJK check that scores them against it; none clean, but one with very
//! few damaged spots that reads as CJK, is that encoding (and decoding then fails with the
//! place). Only when no double-byte reading holds is a single-byte encoding considered, and
//! only if the text reads as that script; otherwise the encoding is unknown.

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, WINDOWS_1252};

use super::charset::Charset;
use super::damage::{self, Reading};
use super::detection::{Confidence, Detection, Reason};
use super::johab;
use super::lossless::decode_clean;
use super::score::{score_non_ascii, score_str};
use super::single_byte::{single_byte_check, single_byte_plausible};
use super::{high_bytes, FEW_HIGH_BYTES, PREFIX};

/// A CJK reading needs at least this many double-byte characters.
const CJK_MIN_CHARS: usize = 1;
/// A clean reading is CJK text when at least half its non-ASCII characters are strong CJK
/// evidence (common hanzi, kana, hangul, CJK punctuation); real text scores over 90%.
const CJK_MIN_GOOD_HALVES: usize = 2;
/// A damaged reading must do better: 70% strong evidence, as the damage already counts
/// against it.
const DAMAGED_MIN_GOOD_TENTHS: usize = 7;
/// The shortcut that skips chardetng wants 90% strong evidence, no bad character and at most
/// 5% rare ones: clearly CJK, where no labelled file read otherwise (prototype measured on
/// the labelled sets: GBK detection from 573 to about 120 µs per file).
const CLEAR_MIN_GOOD_TENTHS: usize = 9;
/// See [`CLEAR_MIN_GOOD_TENTHS`].
const CLEAR_MAX_RARE_ONE_IN: usize = 20;
/// ...and at least this many characters.
const CLEAR_MIN_CHARS: usize = 4;
/// A damaged reading may have one spot plus one per this many characters ("very few").
const CHARS_PER_EXTRA_SPOT: usize = 200;
/// A damaged reading may hold one bad character (private use: debris of the damage) in this
/// many.
const DAMAGED_MAX_BAD_ONE_IN: usize = 10;
/// A clean reading may hold one bad character (private use, user-defined areas) in this many.
const CLEAN_MAX_BAD_ONE_IN: usize = 20;
/// A reading whose CJK characters are this few and all sit glued inside ASCII words
/// ("mo］ths") is a stray byte swallowing a letter, not CJK text ("pico和webwork集成" is).
const GLUED_MAX_CHARS: usize = 2;

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

/// How a reading's non-ASCII part looks as CJK text.
#[derive(Debug, Clone, Copy, Default)]
struct CjkLook {
    chars: usize,
    good: usize,
    rare: usize,
    bad: usize,
    glued: usize,
}

fn cjk_look(text: &str) -> CjkLook {
    let body: String = text.chars().filter(|&c| c != '\u{FFFD}').collect();
    let score = score_non_ascii(&body);
    let chars: Vec<char> = body.chars().collect();
    let glued = (0..chars.len())
        .filter(|&i| {
            let wordy = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            !chars[i].is_ascii()
                && !joins_latin_words(chars[i])
                && i > 0
                && wordy(chars.get(i - 1))
                && wordy(chars.get(i + 1))
        })
        .count();
    // Full-width forms of ASCII accents (＾ ￣ ＿ ｀) between two letters are what a wrong
    // double-byte reading of quotes and brackets gives; prose does not put them there (text
    // art does, between symbols: ＿|￣|○).
    let letter = |c: Option<&char>| {
        c.is_some_and(|&c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
    };
    let odd = (0..chars.len())
        .filter(|&i| {
            matches!(chars[i], '＾' | '￣' | '＿' | '｀')
                && i > 0
                && letter(chars.get(i - 1))
                && letter(chars.get(i + 1))
        })
        .count();
    CjkLook {
        chars: chars.iter().filter(|c| !c.is_ascii()).count(),
        good: score.good.saturating_sub(odd),
        rare: score.rare,
        bad: score.bad + odd,
        glued,
    }
}

impl CjkLook {
    /// Essentially ASCII text with a character or two wedged inside its words.
    fn stray_in_words(&self) -> bool {
        self.glued > 0 && self.glued == self.chars && self.chars <= GLUED_MAX_CHARS
    }

    /// Reads as CJK text at all.
    fn reads_as_cjk(&self) -> bool {
        self.chars >= CJK_MIN_CHARS
            && self.bad * CLEAN_MAX_BAD_ONE_IN <= self.chars
            && self.good * CJK_MIN_GOOD_HALVES >= self.chars
            && !self.stray_in_words()
    }
    /// Not plainly something else: no stray byte glued inside ASCII words, few bad characters.
    /// Short or mixed text may read as CJK without strong evidence; chardetng decides then.
    fn possible(&self) -> bool {
        self.chars >= CJK_MIN_CHARS
            && self.bad * CLEAN_MAX_BAD_ONE_IN <= self.chars
            && !self.stray_in_words()
    }
    /// Reads as CJK text despite damage.
    fn reads_as_cjk_damaged(&self) -> bool {
        self.chars >= CJK_MIN_CHARS
            && self.bad * DAMAGED_MAX_BAD_ONE_IN <= self.chars
            && self.good * 10 >= self.chars * DAMAGED_MIN_GOOD_TENTHS
            && !self.stray_in_words()
    }
    /// Leaves no doubt.
    fn clearly_cjk(&self) -> bool {
        self.chars >= CLEAR_MIN_CHARS
            && self.reads_as_cjk()
            && self.glued == 0
            && self.good * 10 >= self.chars * CLEAR_MIN_GOOD_TENTHS
            && self.rare * CLEAR_MAX_RARE_ONE_IN <= self.chars
    }
}

/// Punctuation that Chinese and Japanese text puts between Latin words ("IBM，Cisco",
/// "you’re", "Lennox、Sa"): not a stray byte's debris.
fn joins_latin_words(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '：'
            | '；'
            | '！'
            | '？'
            | '·'
            | '…'
            | '—'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '－'
    )
}

/// The double-byte encodings, GB18030 instead of GBK when its four-byte sequences appear.
fn double_byte(bytes: &[u8]) -> [&'static Encoding; 5] {
    let gbk_like = if has_gb18030_four_byte(bytes) {
        GB18030
    } else {
        GBK
    };
    [gbk_like, BIG5, SHIFT_JIS, EUC_JP, EUC_KR]
}

/// Steps 6 and 7 for bytes that are not UTF-8: see the module docs.
pub(super) fn legacy(bytes: &[u8]) -> Detection {
    let p = &bytes[..bytes.len().min(PREFIX)];
    let last = p.len() == bytes.len();
    let few = high_bytes(p) < FEW_HIGH_BYTES;
    if smart_punctuation(p) {
        let conf = if few {
            Confidence::Low
        } else {
            Confidence::High
        };
        return Detection::new(Charset::Rs(WINDOWS_1252), conf, Reason::Statistical);
    }
    let readings: Vec<(&'static Encoding, Reading, CjkLook)> = double_byte(bytes)
        .into_iter()
        .map(|e| {
            let r = damage::read(e, p, last);
            let look = cjk_look(&r.text);
            (e, r, look)
        })
        .collect();
    let strong: Vec<&(&'static Encoding, Reading, CjkLook)> = readings
        .iter()
        .filter(|(_, r, look)| r.is_clean() && look.reads_as_cjk())
        .collect();
    // Clean, and not plainly something else: what chardetng may choose among.
    let possible: Vec<&'static Encoding> = readings
        .iter()
        .filter(|(_, r, look)| r.is_clean() && look.possible())
        .map(|(e, _, _)| *e)
        .collect();
    if let [(enc, _, look)] = strong[..] {
        if look.clearly_cjk() {
            let conf = if few {
                Confidence::Low
            } else {
                Confidence::High
            };
            return Detection::new(Charset::Rs(enc), conf, Reason::CjkCheck);
        }
    }
    let holds = |d: &Detection| match d.charset {
        Charset::Rs(enc) if is_double_byte(enc) => possible
            .iter()
            .any(|&e| e == enc || (enc == GBK && e == GB18030)),
        Charset::Rs(enc) => single_byte_plausible(enc, p, last),
        _ => false,
    };
    if !strong.is_empty() {
        let d = statistical(bytes);
        if holds(&d) {
            return d;
        }
        // chardetng's answer does not hold: the best clean CJK reading does.
        let best = strong
            .iter()
            .max_by(|a, b| {
                score_str(&a.1.text)
                    .sum
                    .total_cmp(&score_str(&b.1.text).sum)
            })
            .map(|(e, _, _)| *e)
            .unwrap_or(GBK);
        return Detection::new(Charset::Rs(best), Confidence::Low, Reason::CjkCheck);
    }
    // No clean reading is CJK: an encoding with very few damaged spots that reads as CJK is
    // the encoding of a damaged file.
    let damaged = readings
        .iter()
        .filter(|(_, r, look)| {
            r.spots.len() <= 1 + look.chars / CHARS_PER_EXTRA_SPOT && look.reads_as_cjk_damaged()
        })
        .min_by(|a, b| {
            (a.1.spots.len(), -score_str(&a.1.text).sum)
                .partial_cmp(&(b.1.spots.len(), -score_str(&b.1.text).sum))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    if let Some((enc, _, _)) = damaged {
        return Detection::new(Charset::Rs(enc), Confidence::Low, Reason::CjkCheck);
    }
    // Johab, on strong evidence only: it decodes almost any high bytes, so it needs many of
    // them, all clean, and common hangul.
    if johab::strong_evidence(p) {
        return Detection::new(Charset::Johab, Confidence::High, Reason::CjkCheck);
    }
    // Short or mixed text: chardetng and the candidates' scores decide, as long as the
    // answer holds.
    let d = statistical(bytes);
    if holds(&d) {
        return d;
    }
    unknown()
}

/// windows-1252's typographic punctuation: curly quotes, dashes, ellipsis, euro, trade mark.
const SMART_PUNCTUATION: [u8; 10] = [0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0xA0];
/// ...in text that is at least this many times more ASCII than high bytes.
const SMART_ASCII_PER_HIGH: usize = 3;

/// English (or other Latin) text whose only high bytes are windows-1252's smart quotes and
/// dashes (`\x93big\x94`): double-byte readings would swallow the letters after them, and
/// chardetng reads some as Mac Roman or IBM866.
fn smart_punctuation(p: &[u8]) -> bool {
    let high = high_bytes(p);
    high > 0
        && p.iter()
            .filter(|&&b| b >= 0x80)
            .all(|b| SMART_PUNCTUATION.contains(b))
        && (p.len() - high) >= high * SMART_ASCII_PER_HIGH
}

/// No encoding reads the bytes as text.
fn unknown() -> Detection {
    Detection::new(Charset::Unknown, Confidence::Low, Reason::Unknown)
}

/// Does `bytes` read cleanly as CJK in some double-byte encoding? Then two-byte UTF-8 lookalikes
/// in it (GBK's 系统 is valid UTF-8 "ϵͳ") are that encoding, not damaged UTF-8.
pub(super) fn clean_cjk_reading(bytes: &[u8]) -> bool {
    let p = &bytes[..bytes.len().min(PREFIX)];
    let last = p.len() == bytes.len();
    double_byte(bytes).into_iter().any(|e| {
        let r = damage::read(e, p, last);
        r.is_clean() && cjk_look(&r.text).reads_as_cjk()
    })
}

/// Steps 6 and 7 for text some double-byte encoding reads cleanly: chardetng on a bounded
/// prefix, then the CJK check.
fn statistical(bytes: &[u8]) -> Detection {
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

/// The double-byte CJK encodings encoding_rs decodes.
pub(super) fn is_double_byte(e: &'static Encoding) -> bool {
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
