//! Character classes shared by every rule that looks at context ("is this next to Chinese?").
//! Kept in one place so that rules agree on what counts as CJK, space or neutral.

/// Han ideographs, kana, hangul, bopomofo, CJK and full-width punctuation and forms.
pub(crate) fn is_cjk(c: char) -> bool {
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

/// Horizontal space as it appears in scraped text: ASCII space and tab, NBSP, U+3000 and the
/// other Unicode spaces.
pub(crate) fn is_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace()
}

/// Invisible characters that scraped pages leave behind and that count as nothing when a rule
/// asks whether a line is empty.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Space or invisible: what indentation and blank lines are made of.
pub(crate) fn is_blank(c: char) -> bool {
    is_space(c) || is_invisible(c)
}

/// A line with nothing visible on it.
pub(crate) fn is_blank_line(s: &str) -> bool {
    s.chars().all(is_blank)
}

/// The visible content of a line: surrounding spaces and invisibles removed.
pub(crate) fn trim_blank(s: &str) -> &str {
    s.trim_matches(is_blank)
}

/// Simplified → traditional forms of the characters boilerplate rules are written with, so one
/// pattern (`责任编辑`, `上一页`, `来源`) also matches Big5-era pages (`責任編輯`, `上一頁`, `來源`).
const TRADITIONAL: &[(char, char)] = &[
    ('页', '頁'),
    ('来', '來'),
    ('责', '責'),
    ('编', '編'),
    ('辑', '輯'),
    ('审', '審'),
    ('对', '對'),
    ('览', '覽'),
    ('击', '擊'),
    ('发', '發'),
    ('时', '時'),
    ('间', '間'),
    ('记', '記'),
    ('讯', '訊'),
    ('员', '員'),
    ('续', '續'),
    ('权', '權'),
    ('关', '關'),
    ('众', '眾'),
    ('号', '號'),
    ('扫', '掃'),
    ('维', '維'),
    ('码', '碼'),
    ('点', '點'),
    ('载', '載'),
    ('阅', '閱'),
    ('读', '讀'),
    ('链', '鏈'),
    ('网', '網'),
    ('报', '報'),
    ('图', '圖'),
    ('视', '視'),
    ('频', '頻'),
    ('资', '資'),
    ('处', '處'),
    ('闻', '聞'),
    ('内', '內'),
    ('统', '統'),
    ('筹', '籌'),
    ('监', '監'),
    ('终', '終'),
    ('实', '實'),
    ('习', '習'),
    ('络', '絡'),
    ('热', '熱'),
    ('荐', '薦'),
    ('欢', '歡'),
    ('请', '請'),
    ('长', '長'),
    ('识', '識'),
    ('别', '別'),
    ('观', '觀'),
    ('声', '聲'),
    ('严', '嚴'),
    ('谢', '謝'),
    ('镜', '鏡'),
    ('许', '許'),
    ('书', '書'),
    ('归', '歸'),
    ('进', '進'),
    ('这', '這'),
    ('周', '週'),
    ('条', '條'),
    ('专', '專'),
    ('题', '題'),
    ('态', '態'),
    ('订', '訂'),
    ('户', '戶'),
    ('复', '複'),
    ('制', '製'),
    ('转', '轉'),
    ('经', '經'),
    ('术', '術'),
];

/// The traditional form of a simplified character, where boilerplate vocabulary differs.
pub(crate) fn traditional(c: char) -> Option<char> {
    TRADITIONAL.iter().find(|&&(s, _)| s == c).map(|&(_, t)| t)
}

/// Rewrite a regex so each simplified character with a traditional form (outside character
/// classes) matches both: `来源` → `[来來]源`.
pub(crate) fn with_traditional(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                out.extend(chars.next());
                continue;
            }
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        match traditional(c) {
            Some(t) if !in_class => {
                out.push('[');
                out.push(c);
                out.push(t);
                out.push(']');
            }
            Some(t) => {
                out.push(c);
                out.push(t);
            }
            None => out.push(c),
        }
    }
    out
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

    #[test]
    fn traditional_variants() {
        assert_eq!(
            with_traditional("(?:来源|上一页)"),
            "(?:[来來]源|上一[页頁])"
        );
        assert_eq!(with_traditional("[^页\\]]x"), "[^页頁\\]]x");
        assert_eq!(with_traditional("\\d来"), "\\d[来來]");
    }
}
