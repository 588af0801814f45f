//! Character classes shared by every rule that looks at context ("is this next to Chinese?").
//! Kept in one place so that rules agree on what counts as CJK, space or neutral.

/// Han ideographs, kana, hangul, bopomofo, CJK and full-width punctuation and forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF       // radicals
        | 0x3001..=0x303F     // CJK symbols and punctuation (U+3000 is a space, see is_space)
        | 0x3040..=0x31FF     // kana, bopomofo, hangul compatibility jamo, kanbun, strokes
        | 0x3200..=0x9FFF     // enclosed CJK, compatibility, ext A, unified ideographs
        | 0xAC00..=0xD7AF     // hangul syllables
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0xFE30..=0xFE4F     // CJK compatibility forms
        | 0xFF01..=0xFF60     // full-width ASCII variants and punctuation
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF) // supplementary ideographs
}

/// Han ideographs only (the strongest evidence of Chinese prose).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Horizontal space as it appears in scraped text: ASCII space and tab, NBSP, U+3000 and the
/// other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace()
}

/// Invisible characters that scraped pages leave behind and that count as nothing when a rule
/// asks whether a line is empty.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Space or invisible: what indentation and blank lines are made of.
pub fn is_blank(c: char) -> bool {
    is_space(c) || is_invisible(c)
}

/// A line with nothing visible on it.
pub fn is_blank_line(s: &str) -> bool {
    s.chars().all(is_blank)
}

/// The visible content of a line: surrounding spaces and invisibles removed.
pub fn trim_blank(s: &str) -> &str {
    s.trim_matches(is_blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['中', '。', '，', '（', 'ア', '한', '𠀀', 'Ａ'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '1', ',', '“', '\u{3000}', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(is_space('\u{3000}') && is_space('\u{a0}') && is_space('\t'));
        assert!(!is_space('\n'));
        assert!(is_blank_line(" \u{3000}\u{200b}\u{a0}"));
        assert_eq!(trim_blank("\u{a0}\u{a0} 正文 \u{3000}"), "正文");
    }
}
