//! Johab (KS X 1001 annex 3), the Korean encoding that spells every hangul syllable from its
//! jamo bits; symbols and hanja map onto KS X 1001 rows. encoding_rs lacks it. It is only
//! detected on strong evidence (see `legacy.rs`), since almost any bytes >= 0x84 decode.

use encoding_rs::EUC_KR;

use super::errors::EncodeError;
use super::lossless::decode_clean;

/// Initial consonant of a 5-bit code (index into the 19 of Unicode's syllable formula).
fn initial(code: u16) -> Option<u32> {
    (2..=20).contains(&code).then(|| u32::from(code) - 2)
}

/// Vowel of a 5-bit code (the 21 of the formula; Johab skips some codes).
fn medial(code: u16) -> Option<u32> {
    const TABLE: [i8; 32] = [
        -1, -1, -1, 0, 1, 2, 3, 4, -1, -1, 5, 6, 7, 8, 9, 10, -1, -1, 11, 12, 13, 14, 15, 16, -1,
        -1, 17, 18, 19, 20, -1, -1,
    ];
    u32::try_from(TABLE[usize::from(code)]).ok()
}

/// Final consonant of a 5-bit code (0 = none; Johab skips code 18).
fn last(code: u16) -> Option<u32> {
    match code {
        1 => Some(0),
        2..=17 => Some(u32::from(code) - 1),
        19..=29 => Some(u32::from(code) - 2),
        _ => None,
    }
}

/// One two-byte Johab character.
fn char_of(lead: u8, trail: u8) -> Option<char> {
    if (0x84..=0xD3).contains(&lead) {
        let code = u16::from_be_bytes([lead, trail]);
        let (l, v, t) = (code >> 10 & 0x1F, code >> 5 & 0x1F, code & 0x1F);
        let syllable = 0xAC00 + (initial(l)? * 21 + medial(v)?) * 28 + last(t)?;
        return char::from_u32(syllable);
    }
    let base = match lead {
        0xD9..=0xDE => 2 * (lead - 0xD9) + 0x21,
        0xE0..=0xF9 => 2 * (lead - 0xE0) + 0x4A,
        _ => return None,
    };
    let (row, cell) = match trail {
        0x31..=0x7E => (base, trail - 0x31),
        0x91..=0xA0 => (base, trail - 0x91 + 78),
        0xA1..=0xFE => (base + 1, trail - 0xA1),
        _ => return None,
    };
    decode_clean(EUC_KR, &[row | 0x80, (cell + 0x21) | 0x80], true)?
        .chars()
        .next()
}

/// Johab needs this many bytes >= 0x80 (twenty syllables) before it is considered: a Latin
/// file with a few high bytes must never read as Johab.
const STRONG_HIGH_BYTES: usize = 40;
/// ...and at least this many tenths of its characters must be common hangul.
const STRONG_COMMON_TENTHS: usize = 8;

/// Do these bytes read cleanly as Johab, with enough common hangul to leave no doubt?
pub(super) fn strong_evidence(p: &[u8]) -> bool {
    if p.iter().filter(|&&b| b >= 0x80).count() < STRONG_HIGH_BYTES {
        return false;
    }
    let Ok(text) = johab_decode(p) else {
        return false;
    };
    let hangul: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    let common = hangul
        .iter()
        .filter(|&&c| ('\u{AC00}'..='\u{D7A3}').contains(&c) && super::tiers::hangul_tier(c) > 0)
        .count();
    common * 10 >= hangul.len() * STRONG_COMMON_TENTHS
}

/// Strict decoder; errors are `(offset, detail)`.
pub(super) fn johab_decode(body: &[u8]) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b < 0x80 {
            out.push(b as char);
            i += 1;
            continue;
        }
        let Some(&t) = body.get(i + 1) else {
            return Err((i, "truncated sequence at end of file".into()));
        };
        match char_of(b, t) {
            Some(c) => out.push(c),
            None => return Err((i, format!("invalid byte sequence 0x{b:02X} 0x{t:02X}"))),
        }
        i += 2;
    }
    Ok(out)
}

/// Encoder for ASCII and hangul syllables (what Johab text is made of); other characters
/// are an error naming them.
pub(super) fn johab_encode(text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    const MEDIAL: [u16; 21] = [
        3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 26, 27, 28, 29,
    ];
    for (index, c) in text.chars().enumerate() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let s = c as u32;
        if !(0xAC00..=0xD7A3).contains(&s) {
            return Err(EncodeError {
                encoding: "Johab",
                ch: c,
                char_index: index,
            });
        }
        let n = s - 0xAC00;
        let (l, v, t) = (n / (21 * 28), n % (21 * 28) / 28, n % 28);
        let t = if t == 0 {
            1
        } else if t <= 16 {
            t + 1
        } else {
            t + 2
        };
        let code = 0x8000 | (l as u16 + 2) << 10 | MEDIAL[v as usize] << 5 | t as u16;
        out.extend_from_slice(&code.to_be_bytes());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_round_trips_and_known_codes_decode() {
        // 가 is 0x8861 and 한 0xD065 in Johab.
        assert_eq!(johab_decode(&[0x88, 0x61, 0xD0, 0x65]).unwrap(), "가한");
        let text = "서울 날씨는 맑음, 내일은 비가 옵니다.\n";
        let mut bytes = Vec::new();
        johab_encode(text, &mut bytes).unwrap();
        assert_eq!(johab_decode(&bytes).unwrap(), text);
    }
}
