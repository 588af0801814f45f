//! Shift debris: what a stray or missing byte leaves in a double-byte reading that still
//! decodes. The bytes after it pair up wrongly until the text realigns, which gives a short
//! run of rare characters, often closed by a lone ASCII letter or symbol that was a trail
//! byte (Big5 `開弩捰璊@個月`), or a longer run of rare characters (GBK). Real text has
//! rare characters too, but seldom three in a row, or one right before a letter wedged
//! between two CJK characters.

use super::tiers::hanzi_tier;
use crate::chars::is_cjk;
use encoding_rs::{Encoding, EUC_JP, GB18030, GBK, SHIFT_JIS};

/// Rare hanzi in a row that count as debris.
const RARE_RUN: usize = 3;
/// How far before a wedged ASCII character a rare hanzi is looked for.
const WEDGE_LOOKBACK: usize = 3;

fn is_rare_hanzi(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) && hanzi_tier(c) == 0
}

/// The character index where debris starts in `text`, if any.
pub(crate) fn shift_debris(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut run = 0;
    for (i, &c) in chars.iter().enumerate() {
        // The user-defined rows decode to private use: a lead byte with the wrong partner
        // lands there far more often than a real document uses them.
        if ('\u{E000}'..='\u{F8FF}').contains(&c) {
            return Some(i);
        }
        if is_rare_hanzi(c) {
            run += 1;
            if run == RARE_RUN {
                return Some(i + 1 - RARE_RUN);
            }
            continue;
        }
        run = 0;
        // A symbol of the double-byte symbol rows (①, ※) with a loose `^` after it is the
        // same debris: no text writes `⑦^，`.
        let after_symbol = matches!(c, '^' | '`' | '\\' | '{' | '}')
            && i > 0
            && ('\u{2000}'..='\u{2BFF}').contains(&chars[i - 1]);
        let wedged = (c.is_ascii_graphic() && c as u32 >= 0x40 || c == '€')
            && i > 0
            && chars.get(i + 1).is_some_and(|&n| is_cjk(n))
            && (is_cjk(chars[i - 1]) || after_symbol);
        if wedged {
            // Cantonese writes d and o between hanzi (佢d仔, 睇o個): they take two rare
            // characters before them; any other wedged letter or symbol takes one.
            let need = if matches!(c, 'd' | 'o' | 'D' | 'O') {
                2
            } else {
                1
            };
            let from = i.saturating_sub(WEDGE_LOOKBACK);
            let rare: Vec<usize> = (from..i)
                .filter(|&k| is_rare_hanzi(chars[k]) || stray_symbol(&chars, k))
                .collect();
            if rare.len() >= need {
                return Some(rare[0]);
            }
            // A symbol of the double-byte symbol rows (≠, ↑, ═) right before a wedged
            // character is a lead byte that took the wrong partner.
            if ('\u{2000}'..='\u{2BFF}').contains(&chars[i - 1]) {
                return Some(i - 1);
            }
        }
    }
    None
}

/// Where each character of a clean double-byte reading starts in `body`, from the lead bytes
/// (the decoder has already checked the pairs).
fn char_starts(enc: &'static Encoding, body: &[u8]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        starts.push(i);
        let b = body[i];
        let len = if b < 0x80 {
            1
        } else if enc == SHIFT_JIS {
            if (0xA1..=0xDF).contains(&b) {
                1
            } else {
                2
            }
        } else if enc == EUC_JP {
            if b == 0x8F {
                3
            } else {
                2
            }
        } else if enc == GB18030 || enc == GBK {
            match body.get(i + 1) {
                _ if b == 0x80 => 1,
                Some(0x30..=0x39) => 4,
                _ => 2,
            }
        } else {
            2
        };
        i += len;
    }
    starts
}

/// How common the characters of a reading of `bytes` are: two per top-tier hanzi or CJK
/// punctuation, one per second-tier hanzi, minus four per character that does not decode or
/// lands in private use.
fn common_chars(enc: &'static Encoding, bytes: &[u8]) -> i32 {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.chars()
        .map(|c| match c {
            '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' => -4,
            '\u{4E00}'..='\u{9FFF}' => match hanzi_tier(c) {
                1 => 2,
                2 => 1,
                _ => 0,
            },
            '\u{3001}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' => 2,
            _ => 0,
        })
        .sum()
}

/// A symbol of the double-byte symbol rows (Greek, kana, bopomofo, box drawing, `∷`, `⑽`)
/// next to a hanzi: what a lead byte paired with the wrong trail often reads as.
fn stray_symbol(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let symbol =
        matches!(c as u32, 0x0370..=0x04FF | 0x2000..=0x2BFF | 0x3040..=0x30FF | 0x3100..=0x312F);
    let by_hanzi = |k: Option<&char>| k.is_some_and(|&k| ('\u{4E00}'..='\u{9FFF}').contains(&k));
    symbol
        && !matches!(c, '—' | '…' | '‘' | '’' | '“' | '”' | '·')
        && (by_hanzi(chars.get(i + 1)) || i > 0 && by_hanzi(chars.get(i - 1)))
}

/// A lone ASCII letter or symbol between two CJK characters: a trail byte the shift set
/// free, or a real `B` in 站B出 (which no repair improves).
fn wedged(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    c.is_ascii_graphic()
        && c as u32 >= 0x40
        && i > 0
        && is_cjk(chars[i - 1])
        && chars
            .get(i + 1)
            .is_some_and(|&n| is_cjk(n) || n.is_ascii_digit())
}

/// How many characters before the odd one the stray or missing byte may sit: a Big5 shift runs
/// until a trail byte falls in the ASCII range, a few characters on.
const REPAIR_REACH: usize = 5;

/// Rare characters tried as the place of a shift, at most: real text can hold many.
const MAX_SUSPECTS: usize = 64;
/// Removing one byte must win this many more common characters in the window around a rare
/// one: a real rare character gains nothing from it (its neighbours shift into debris).
const REPAIR_GAIN: i32 = 4;
/// See [`REPAIR_GAIN`]: the gain a repair that takes a wedged letter back in must bring.
const WEDGE_REPAIR_GAIN: i32 = 1;
/// ...or, with no gain, take at least this many odd characters away...
/// ...or mend a run of at least [`WEDGE_WIDE_REPAIR`] characters (a real `B` in 站B出 is one
/// character plus the letter).
const WEDGE_WIDE_REPAIR: usize = 4;
const WEDGE_ODD_GONE: i32 = 2;

/// A stray or missing byte in a clean double-byte reading: around some rare hanzi, taking one
/// byte out makes the text read as common characters again (the rest of the text realigns).
/// Returns the byte offset in `body` where the shift starts.
pub(crate) fn shift_repairable(enc: &'static Encoding, body: &[u8], text: &str) -> Option<usize> {
    let starts = char_starts(enc, body);
    let chars: Vec<char> = text.chars().collect();
    if starts.len() != chars.len() {
        return None; // not a reading this parser follows (HKSCS supplements): no claim
    }
    let at = |i: usize| starts.get(i).copied().unwrap_or(body.len());
    chars
        .iter()
        .enumerate()
        .filter(|(i, &c)| is_rare_hanzi(c) || stray_symbol(&chars, *i) || wedged(&chars, *i))
        .take(MAX_SUSPECTS)
        .find_map(|(i, _)| {
            let (from, to) = (at(i.saturating_sub(REPAIR_REACH + 1)), at(i + 6));
            let window = &body[from..to];
            let before = common_chars(enc, window);
            // The stray or missing byte may sit a few characters before the first odd one.
            let lo = at(i.saturating_sub(REPAIR_REACH)) - from;
            let hi = (at(i + 1) + 1).min(to) - from;
            // A freed trail byte (a letter wedged between CJK) that a repair takes back in
            // needs less gain: the letter itself was the debris.
            let odd_before = oddness(enc, window);
            let repaired = |d: usize| {
                let mut fixed = window.to_vec();
                fixed.remove(d);
                let gained = common_chars(enc, &fixed) - before;
                if !wedged(&chars, i) {
                    return gained >= REPAIR_GAIN;
                }
                // A wedged letter taken back in, and the text more common, or as common with
                // two odd characters gone or a run of characters mended (a real `B` in 站B出
                // takes one odd character and one neighbour at most).
                let odd_gone = odd_before - oddness(enc, &fixed);
                let wide = changed_chars(enc, window, &fixed) >= WEDGE_WIDE_REPAIR;
                !has_wedge(enc, &fixed)
                    && (gained >= WEDGE_REPAIR_GAIN
                        || gained >= 0 && (odd_gone >= WEDGE_ODD_GONE || wide))
            };
            (lo..hi).any(repaired).then(|| at(i))
        })
}

/// Odd characters in a reading of `bytes`: rare hanzi, private use, undecodable bytes,
/// symbol-row characters next to hanzi, letters wedged between CJK characters.
fn oddness(enc: &'static Encoding, bytes: &[u8]) -> i32 {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| {
            let c = chars[i];
            is_rare_hanzi(c)
                || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FFFD}')
                || stray_symbol(&chars, i)
                || wedged(&chars, i)
        })
        .count() as i32
}

/// Characters of the reading of `old` that the reading of `new` replaces (all but the common
/// start and end).
fn changed_chars(enc: &'static Encoding, old: &[u8], new: &[u8]) -> usize {
    let (a, _) = enc.decode_without_bom_handling(old);
    let (b, _) = enc.decode_without_bom_handling(new);
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len() - prefix - suffix
}

/// Does a reading of `bytes` hold a letter wedged between CJK characters?
fn has_wedge(enc: &'static Encoding, bytes: &[u8]) -> bool {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|i| wedged(&chars, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_and_real_text() {
        assert_eq!(shift_debris("图书馆夜间開弩捰璊@個月"), Some(7));
        assert!(shift_debris("讀者兮々韖韖h年同期").is_some());
        assert_eq!(shift_debris("维生素C片和A股、B超"), None);
        assert_eq!(shift_debris("市图书馆完成改造，周末恢复开放。"), None);
        assert_eq!(shift_debris("朱镕基总理"), None);
        assert_eq!(shift_debris("佢d仔真係好恐怖，唔識睇o個d就"), None);
        // A trail byte let loose after a symbol row's character (GBK 用菜瓜布 with 0xD3 before 瓜).
        assert_eq!(shift_debris("。\n用菜庸喜妓⑦^，刷完"), Some(7));
        assert_eq!(shift_debris("★A股走强，①^_^好开心"), None);
    }

    #[test]
    fn a_stray_byte_is_found_by_repairing_it() {
        let (big5, _, _) =
            encoding_rs::BIG5.encode("館長表示，夜間開放後讀者人數比去年同期增加了三成。");
        // A stray byte somewhere in the first half: found wherever the text still decodes.
        let (mut decodes, mut found) = (0, 0);
        for at in 4..24 {
            let mut bytes = big5.to_vec();
            bytes.insert(at, 0xDA);
            let (text, _, malformed) = encoding_rs::BIG5.decode(&bytes);
            if !malformed {
                decodes += 1;
                let debris = shift_repairable(encoding_rs::BIG5, &bytes, &text)
                    .or_else(|| shift_debris(&text));
                found += usize::from(debris.is_some());
            }
        }
        assert!(
            decodes > 0 && found * 2 >= decodes,
            "found {found} of {decodes}"
        );
        let (clean, _, _) = encoding_rs::BIG5.decode(&big5);
        assert_eq!(shift_repairable(encoding_rs::BIG5, &big5, &clean), None);
        assert_eq!(shift_debris(&clean), None);
    }
}
