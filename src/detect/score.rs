//! Plausibility scoring: how much a decoded reading looks like real Chinese, Japanese,
//! Korean or Western text, and how much like the debris of a wrong decoding.

use super::tiers::{hangul_tier, hanzi_tier};

/// Score of a reading that does not exist (it does not decode): below every real score, yet
/// far enough from `f32::MIN` that adding a margin to it stays finite.
pub(super) const NO_READING: f32 = f32::MIN / 4.0;

/// [`Score::plausible`]: at most one bad character (control, private use, U+FFFD, unpaired
/// surrogate) per this many: 2%, room for a stray control in real text.
const PLAUSIBLE_MAX_BAD_ONE_IN: usize = 50;
/// [`Score::plausible`]: the average weight must reach this, half a plain ASCII character.
const PLAUSIBLE_MIN_AVG: f32 = 0.5;

/// [`Score::strict_cjk`] (NUL-free UTF-16): at most one rare character per this many (5%).
const STRICT_CJK_MAX_RARE_ONE_IN: usize = 20;
/// [`Score::strict_cjk`]: at least this many tenths of the characters are non-ASCII with a
/// positive weight (90%).
const STRICT_CJK_MIN_OK_TENTHS: usize = 9;
/// [`Score::strict_cjk`]: at least one per this many is strong CJK evidence (half).
const STRICT_CJK_MIN_GOOD_ONE_IN: usize = 2;

/// An unpaired UTF-16 surrogate costs what a control character weighs in [`weight`] (-8).
const UNPAIRED_SURROGATE_PENALTY: f32 = 8.0;
/// A lone ASCII letter glued to non-ASCII text loses this: the weight of an ASCII letter.
const GLUED_LETTER_PENALTY: f32 = 1.0;
/// ASCII punctuation or letters right next to a non-Latin wide character ("合/e")...
const ASCII_BY_WIDE_PENALTY: f32 = 1.0;
/// ... but a digit there is common in real text (2019年), so it costs less than a third.
const DIGIT_BY_WIDE_PENALTY: f32 = 0.3;
/// A non-ASCII letter right after a letter of another script.
const SCRIPT_SWITCH_PENALTY: f32 = 3.0;
/// A non-ASCII uppercase letter right after a lowercase one of the same script.
const NON_ASCII_CASE_FLIP_PENALTY: f32 = 1.5;
/// A non-ASCII Latin letter right after another in a word without ASCII letters ("ÖÐ" is
/// GBK 中 read as Latin-1, "Ãœ" is UTF-8 Ü read as windows-1252): the debris of a wrong reading.
const ACCENT_RUN_PENALTY: f32 = 2.0;
/// A character weighing this or less counts as bad: private use (-5), controls (-8), U+FFFD.
const BAD_AT_MOST: f32 = -5.0;
/// A non-ASCII character weighing this or more is strong CJK evidence: CJK punctuation,
/// kana, tier-1/2 hanzi, KS X 1001 hangul, fullwidth forms.
const GOOD_AT_LEAST: f32 = 2.0;

/// Sum of per-character plausibility weights, plus counts used by the rules.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Score {
    pub(super) sum: f32,
    pub(super) units: usize,
    /// Control characters, private use, U+FFFD, unpaired surrogates.
    pub(super) bad: usize,
    /// Valid but unlikely characters (rare hanzi, odd blocks).
    pub(super) rare: usize,
    /// Strong CJK evidence: common hanzi, kana, common hangul, CJK punctuation.
    pub(super) good: usize,
    /// Non-ASCII characters with a positive weight (includes `good`).
    pub(super) ok: usize,
}

impl Score {
    pub(super) fn avg(&self) -> f32 {
        if self.units == 0 {
            0.0
        } else {
            self.sum / self.units as f32
        }
    }

    /// Good enough to be text when NULs already rule out legacy encodings.
    pub(super) fn plausible(&self) -> bool {
        self.units > 0
            && self.bad * PLAUSIBLE_MAX_BAD_ONE_IN <= self.units
            && self.avg() >= PLAUSIBLE_MIN_AVG
    }

    /// UTF-16 without any NUL: essentially only common CJK characters.
    pub(super) fn strict_cjk(&self) -> bool {
        self.units > 0
            && self.bad == 0
            && self.rare * STRICT_CJK_MAX_RARE_ONE_IN <= self.units
            && self.ok * 10 >= self.units * STRICT_CJK_MIN_OK_TENTHS
            && self.good * STRICT_CJK_MIN_GOOD_ONE_IN >= self.units
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    None,
    Latin,
    Greek,
    Cyrillic,
    Other(u32),
}

#[derive(Default)]
pub(super) struct Scorer {
    s: Score,
    only_non_ascii: bool,
    prev_script: Option<Script>,
    prev_lower: bool,
    prev_non_ascii_latin: bool,
    word_has_ascii_letter: bool,
    last2: [Option<char>; 2],
}

impl Scorer {
    pub(super) fn push_bad(&mut self) {
        self.shift(Some('\u{FFFD}'));
        self.s.units += 1;
        self.s.bad += 1;
        self.s.sum -= UNPAIRED_SURROGATE_PENALTY;
        self.prev_script = None;
    }

    /// A lone ASCII letter glued to non-ASCII text ("N体t") is what a wrong
    /// reading of UTF-16 or double-byte text produces; take back its weight.
    fn shift(&mut self, next: Option<char>) {
        let [before, mid] = self.last2;
        self.last2 = [mid, next];
        if !mid.is_some_and(|m| m.is_ascii_alphabetic()) {
            return;
        }
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        if !alnum(before) && !alnum(next) && (wide(before) || wide(next)) {
            self.s.sum -= GLUED_LETTER_PENALTY;
        }
    }

    /// ASCII glued to non-Latin non-ASCII ("合/e") is rare in real text but
    /// typical of a wrong reading; digits next to hanzi are common, so cheap.
    fn transition(&mut self, c: char) {
        let prev = self.last2[0];
        let Some(p) = prev else { return };
        let (a, w) = match (p.is_ascii(), c.is_ascii()) {
            (true, false) => (p, c),
            (false, true) => (c, p),
            _ => return,
        };
        if a.is_ascii_whitespace() || weight(w).1 == Script::Latin {
            return;
        }
        self.s.sum -= if a.is_ascii_digit() {
            DIGIT_BY_WIDE_PENALTY
        } else {
            ASCII_BY_WIDE_PENALTY
        };
    }

    pub(super) fn push(&mut self, c: char) {
        if !self.only_non_ascii {
            self.shift(Some(c));
            self.transition(c);
        }
        let (w, script) = weight(c);
        let ascii = c.is_ascii();
        let mut w = w;
        if script != Script::None {
            let upper = c.is_uppercase();
            if !ascii {
                if let Some(prev) = self.prev_script {
                    if prev != Script::None && prev != script {
                        w -= SCRIPT_SWITCH_PENALTY;
                    } else if prev == script && self.prev_lower && upper {
                        w -= NON_ASCII_CASE_FLIP_PENALTY;
                    }
                }
                if script == Script::Latin
                    && self.prev_non_ascii_latin
                    && !self.word_has_ascii_letter
                {
                    w -= ACCENT_RUN_PENALTY;
                }
            }
            if ascii {
                self.word_has_ascii_letter = true;
            }
            self.prev_lower = c.is_lowercase();
            self.prev_non_ascii_latin = !ascii && script == Script::Latin;
            self.prev_script = Some(script);
        } else {
            self.prev_script = None;
            self.prev_lower = false;
            self.prev_non_ascii_latin = false;
            self.word_has_ascii_letter = false;
        }
        if ascii && self.only_non_ascii {
            return;
        }
        self.s.units += 1;
        self.s.sum += w;
        if w <= BAD_AT_MOST {
            self.s.bad += 1;
        } else if w < 0.0 {
            self.s.rare += 1;
        } else if !ascii && w > 0.0 {
            self.s.ok += 1;
            if w >= GOOD_AT_LEAST {
                self.s.good += 1;
            }
        }
    }

    pub(super) fn finish(mut self) -> Score {
        if !self.only_non_ascii {
            self.shift(None);
        }
        self.s
    }
}

pub(super) fn score_str(s: &str) -> Score {
    let mut sc = Scorer::default();
    s.chars().for_each(|c| sc.push(c));
    sc.finish()
}

/// Like score_str but ASCII only shapes context, so averages compare the
/// non-ASCII parts of two readings.
pub(super) fn score_non_ascii(s: &str) -> Score {
    let mut sc = Scorer {
        only_non_ascii: true,
        ..Scorer::default()
    };
    s.chars().for_each(|c| sc.push(c));
    sc.finish()
}

/// Weight of one character: positive for what Chinese/Japanese/Korean/Western
/// documents are made of, negative for what mis-decoding produces.
///
/// A lookup table, so its numbers stay next to the code ranges they weigh rather than
/// becoming constants. The scale: 1.0 is a plain ASCII letter or digit; 3.0 the most common
/// CJK (tier-1 hanzi, kana, top hangul) and 2.0 the common rest (tier-2 hanzi, KS X 1001
/// hangul, CJK and fullwidth punctuation); 0 to 1 plausible but weak evidence; below 0
/// what wrong readings produce, down to -8 for controls and -10 for U+FFFD. Set in cb22720;
/// d5eaef3 (measured) raised kana from 2.0 to 3.0 and added the CJK compatibility forms.
fn weight(c: char) -> (f32, Script) {
    let u = c as u32;
    let n = Script::None;
    match u {
        0x09 | 0x0A | 0x0D => (1.0, n),
        0x20..=0x7E => {
            if c.is_ascii_alphabetic() {
                (1.0, Script::Latin)
            } else if c.is_ascii_alphanumeric() || b" .,;:!?'\"()-/".contains(&(u as u8)) {
                (1.0, n)
            } else {
                (0.3, n)
            }
        }
        0x00..=0x1F | 0x7F..=0x9F => (-8.0, n),
        0xD7 | 0xF7 => (0.2, n),
        0xA0..=0xBF => (0.2, n),
        0xC0..=0xFF => (1.0, Script::Latin),
        0x100..=0x17F => (0.6, Script::Latin),
        0x180..=0x24F => (-1.0, Script::Latin),
        0x250..=0x36F => (-2.0, n),
        0x386..=0x3CE => (1.0, Script::Greek),
        0x370..=0x3FF => (-2.0, Script::Greek),
        0x400..=0x45F => (1.0, Script::Cyrillic),
        0x460..=0x52F => (-1.0, Script::Cyrillic),
        0x530..=0x7FF => (0.3, Script::Other(u >> 7)),
        0x2010..=0x2027 | 0x2030..=0x203B | 0x20AC | 0x2116 | 0x2122 => (1.0, n),
        0x2000..=0x206F => (-1.0, n),
        0x2100..=0x2BFF => (0.0, n),
        0x3000..=0x303F => (2.0, n),
        0x3041..=0x3096 | 0x309B..=0x309E | 0x30A1..=0x30FE => (3.0, n),
        0x3100..=0x31FF => (0.0, n),
        0x3200..=0x33FF => (-0.5, n),
        0x3400..=0x4DBF => (-2.0, n),
        0x4E00..=0x9FFF => match hanzi_tier(c) {
            1 => (3.0, n),
            2 => (2.0, n),
            3 => (1.0, n),
            _ => (-0.5, n),
        },
        0xA000..=0xABFF => (-3.0, n),
        0xAC00..=0xD7A3 => match hangul_tier(c) {
            2 => (3.0, n),
            1 => (2.0, n),
            _ => (-1.5, n),
        },
        0xE000..=0xF8FF => (-5.0, n),
        0xF900..=0xFAFF => (-2.0, n),
        0xFE30..=0xFE4F => (0.5, n),
        0xFF01..=0xFF5E => (2.0, n),
        0xFF61..=0xFF9F => (-0.5, n),
        0xFFE0..=0xFFE6 => (1.0, n),
        0xFFFD => (-10.0, n),
        0xFB00..=0xFFFF => (-2.0, n),
        0x1F300..=0x1FAFF => (0.5, n),
        0x20000..=0x3FFFF => (-1.0, n),
        _ => (-1.0, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::lossless::decode_clean;
    use crate::detect::wide::score_utf16;
    use encoding_rs::{BIG5, GBK};

    fn u16b(s: &str, be: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn scoring_prefers_right_reading() {
        let text = "今年经济运行总体平稳";
        let (gbk, _, _) = GBK.encode(text);
        let right = score_str(&decode_clean(GBK, &gbk, true).unwrap()).sum;
        let wrong = decode_clean(BIG5, &gbk, true).map_or(f32::MIN, |s| score_str(&s).sum);
        assert!(right > wrong, "{right} vs {wrong}");
        // GBK bytes read as UTF-16 are not strict CJK.
        assert!(!score_utf16(&gbk[..gbk.len() & !1], false).strict_cjk());
        assert!(score_utf16(&u16b(text, false), false).strict_cjk());
    }
}
