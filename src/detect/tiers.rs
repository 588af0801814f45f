//! Frequency tiers of hanzi and hangul, the backbone of the CJK plausibility score. The
//! hand-picked lists are data files under `data/` (their sources are noted in each file);
//! the standard "frequently used" levels of GB2312, Big5, JIS X 0208 and KS X 1001 are
//! enumerated from encoding_rs at first use.

use std::sync::OnceLock;

use encoding_rs::{BIG5, EUC_KR, GBK, SHIFT_JIS};

/// Hanzi tier 1: the most frequent hanzi (simplified and traditional forms).
const TIER1: &str = include_str!("data/hanzi_tier1.txt");
/// Hanzi tier 2: the next most frequent hanzi.
const TIER2: &str = include_str!("data/hanzi_tier2.txt");
/// Most frequent hangul syllables of Korean prose.
const HANGUL_TOP: &str = include_str!("data/hangul_top.txt");

/// The entries of a table file: every character of the lines that are not `#` comments.
fn entries(table: &'static str) -> impl Iterator<Item = char> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
}

struct Tables {
    /// 0 = rare, 1 = tier 1, 2 = tier 2, 3 = other level-1 GB2312/Big5/JIS X 0208
    /// characters; indexed by code point - 0x4E00.
    hanzi: Vec<u8>,
    /// 0 = not in KS X 1001, 1 = KS X 1001, 2 = very frequent.
    hangul: Vec<u8>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut hanzi = vec![0u8; 0xA000 - 0x4E00];
        for (tier, list) in [(2u8, TIER2), (1u8, TIER1)] {
            for c in entries(list) {
                hanzi[c as usize - 0x4E00] = tier;
            }
        }
        // Level 1 of GB2312 (0xB0A1..=0xD7FE) and Big5 (0xA440..=0xC67E) are
        // the standard "frequently used" sets; they fill gaps in the tiers.
        let mut level1 = Vec::new();
        for lead in 0xB0u8..=0xD7 {
            (0xA1u8..=0xFE).for_each(|t| level1.extend_from_slice(&[lead, t]));
        }
        let (gb, _) = GBK.decode_without_bom_handling(&level1);
        let mut big5_level1 = Vec::new();
        for lead in 0xA4u8..=0xC6 {
            let trails = (0x40u8..=0x7E).chain(0xA1..=0xFE);
            trails.for_each(|t| big5_level1.extend_from_slice(&[lead, t]));
        }
        let (b5, _) = BIG5.decode_without_bom_handling(&big5_level1);
        // JIS X 0208 level 1 (Shift_JIS 0x889F..=0x9872): the common
        // Japanese kanji, including shinjitai forms absent from GB2312/Big5.
        let mut jis_level1 = Vec::new();
        for lead in 0x88u8..=0x98 {
            for t in (0x40u8..=0x7E).chain(0x80..=0xFC) {
                let code = u16::from_be_bytes([lead, t]);
                if (0x889F..=0x9872).contains(&code) {
                    jis_level1.extend_from_slice(&[lead, t]);
                }
            }
        }
        let (jis, _) = SHIFT_JIS.decode_without_bom_handling(&jis_level1);
        for c in gb.chars().chain(b5.chars()).chain(jis.chars()) {
            if let Some(t) = hanzi.get_mut((c as usize).wrapping_sub(0x4E00)) {
                if *t == 0 {
                    *t = 3;
                }
            }
        }
        // KS X 1001 hangul = EUC-KR rows 0xB0..=0xC8 with trail 0xA1..=0xFE.
        let mut ksx = Vec::with_capacity(25 * 94 * 2);
        for lead in 0xB0u8..=0xC8 {
            for trail in 0xA1u8..=0xFE {
                ksx.extend_from_slice(&[lead, trail]);
            }
        }
        let (text, _) = EUC_KR.decode_without_bom_handling(&ksx);
        let mut hangul = vec![0u8; 0xD7A4 - 0xAC00];
        for c in text
            .chars()
            .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
        {
            hangul[c as usize - 0xAC00] = 1;
        }
        for c in entries(HANGUL_TOP) {
            hangul[c as usize - 0xAC00] = 2;
        }
        Tables { hanzi, hangul }
    })
}

pub(super) fn hanzi_tier(c: char) -> u8 {
    tables().hanzi[c as usize - 0x4E00]
}

pub(super) fn hangul_tier(c: char) -> u8 {
    tables().hangul[c as usize - 0xAC00]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables as they were when they moved out of the code into data files (character
    /// counts, code point sums) and the tier sizes they produce.
    #[test]
    fn tables_unchanged() {
        let stats = |t: &'static str| {
            let cs: Vec<char> = entries(t).collect();
            let unique: std::collections::BTreeSet<char> = cs.iter().copied().collect();
            let sum: u64 = cs.iter().map(|&c| c as u64).sum();
            (cs.len(), unique.len(), sum)
        };
        assert_eq!(stats(TIER1), (1111, 1111, 31307712));
        assert_eq!(stats(TIER2), (2964, 2964, 87741429));
        assert_eq!(stats(HANGUL_TOP), (113, 113, 5531938));
        assert!(entries(TIER1)
            .chain(entries(TIER2))
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)));
        assert!(entries(HANGUL_TOP).all(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)));
        let t = tables();
        let mut hanzi = [0usize; 4];
        t.hanzi.iter().for_each(|&v| hanzi[v as usize] += 1);
        let mut hangul = [0usize; 3];
        t.hangul.iter().for_each(|&v| hangul[v as usize] += 1);
        assert_eq!(hanzi, [13700, 1111, 2964, 3217]);
        assert_eq!(hangul, [8822, 2237, 113]);
    }
}
