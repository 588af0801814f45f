//! Character classes shared by every rule that looks at context ("is this next to Chinese?").
//! Kept in one place so that rules agree on what counts as CJK, space or neutral. Also the
//! simplified and traditional forms of each character, with which rule patterns are widened.

use regex_syntax::ast::{
    parse::Parser, visit, Ast, ClassBracketed, ClassSet, ClassSetItem, ClassSetUnion, Literal,
    LiteralKind, Visitor,
};
use std::sync::LazyLock;

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

/// OpenCC's character tables, vendored unchanged with their license (see
/// `src/data/opencc/NOTICE`): simplified → traditional forms and traditional → simplified forms,
/// `KEY<TAB>FORM FORM ...` a line. Paths are relative to this file, so `build.rs`, which compiles
/// this module by path, reads them too.
const ST_CHARACTERS: &str = include_str!("data/opencc/STCharacters.txt");
const TS_CHARACTERS: &str = include_str!("data/opencc/TSCharacters.txt");

/// Every (character, other form) pair of both tables, each entry taken in both directions,
/// sorted and without repeats: the forms of `c` are one run found by binary search.
static VARIANTS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut pairs = Vec::with_capacity(17_000);
    for table in [ST_CHARACTERS, TS_CHARACTERS] {
        for line in table.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, forms) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("OpenCC table line without a tab: {line:?}"));
            let key = single_char(key, line);
            for form in forms.split(' ').map(|f| single_char(f, line)) {
                if form != key {
                    pairs.push((key, form));
                    pairs.push((form, key));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
});

fn single_char(s: &str, line: &str) -> char {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c,
        _ => panic!("OpenCC table entry {s:?} is not one character: {line:?}"),
    }
}

/// The other forms of a character, in code point order: its traditional forms if it is
/// simplified (`发` → `發`, `髮`), its simplified forms if it is traditional (`為` → `为`), both if
/// it is both; nothing for a character written the same in both scripts.
pub(crate) fn variants(c: char) -> impl Iterator<Item = char> {
    let pairs = &VARIANTS[..];
    let start = pairs.partition_point(|&(k, _)| k < c);
    pairs[start..]
        .iter()
        .take_while(move |&&(k, _)| k == c)
        .map(|&(_, v)| v)
}

/// Every spelling of `literal` with each character in any of its forms (see [`variants`]):
/// `图为` → `图为`, `图為`, `图爲`, `圖为`, …; `None` past `limit` spellings.
pub(crate) fn all_forms(literal: &str, limit: usize) -> Option<Vec<String>> {
    let mut spellings = vec![String::new()];
    for c in literal.chars() {
        let forms: Vec<char> = std::iter::once(c).chain(variants(c)).collect();
        if spellings.len() * forms.len() > limit {
            return None;
        }
        spellings = spellings
            .iter()
            .flat_map(|s| forms.iter().map(move |&f| format!("{s}{f}")))
            .collect();
    }
    Some(spellings)
}

/// Rewrite a regex so each character written as itself also matches its other forms (see
/// [`variants`]), and parse it: `来源` → `[来來]源`, `图为` → `[图圖][为為爲]`, `來` → `[來来]`;
/// inside a class the forms join the class (`[^页]` → `[^页頁]`).
///
/// The pattern is parsed with the regex crate's own parser, so only literal characters change:
/// escapes (`\x{6765}`, `\p{Han}`), the ends of a range (`[一-龥]`), group names
/// (`(?P<来源>…)`) and verbose-mode comments stay as written. A pattern that does not parse is
/// an error, the parser's message.
///
/// Both the text (for `rules show`) and the syntax tree the widened text parses to come from one
/// parse of `pattern` (parsing the widened text again was a fifth of loading the built-in
/// rules); the tree's spans are `pattern`'s.
pub(crate) fn parse_with_traditional(pattern: &str) -> Result<(String, Ast), String> {
    /// Byte span of a literal, the literal, and whether it sits inside a class.
    struct Literals(Vec<(usize, usize, char, bool)>);
    impl Visitor for Literals {
        type Output = Vec<(usize, usize, char, bool)>;
        type Err = std::convert::Infallible;
        fn finish(self) -> Result<Self::Output, Self::Err> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), Self::Err> {
            if let Ast::Literal(lit) = ast {
                self.push(lit, false);
            }
            Ok(())
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), Self::Err> {
            // A range is one item: its ends are not visited as literals.
            if let ClassSetItem::Literal(lit) = item {
                self.push(lit, true);
            }
            Ok(())
        }
    }
    impl Literals {
        fn push(&mut self, lit: &Literal, in_class: bool) {
            if has_variants(lit) {
                let span = (lit.span.start.offset, lit.span.end.offset);
                self.0.push((span.0, span.1, lit.c, in_class));
            }
        }
    }

    let mut ast = Parser::new().parse(pattern).map_err(|e| e.to_string())?;
    let Ok(mut literals) = visit(&ast, Literals(Vec::new()));
    if literals.is_empty() {
        return Ok((pattern.to_string(), ast));
    }
    literals.sort_unstable_by_key(|&(start, ..)| start);
    let mut out = String::with_capacity(pattern.len() * 3);
    let mut done = 0;
    for (start, end, c, in_class) in literals {
        out.push_str(&pattern[done..start]);
        if !in_class {
            out.push('[');
        }
        out.push(c);
        out.extend(variants(c));
        if !in_class {
            out.push(']');
        }
        done = end;
    }
    out.push_str(&pattern[done..]);
    widen(&mut ast);
    Ok((out, ast))
}

/// A character written as itself that has other forms.
fn has_variants(lit: &Literal) -> bool {
    lit.kind == LiteralKind::Verbatim && variants(lit.c).next().is_some()
}

/// The literal and its other forms, as members of a class.
fn forms_of(lit: &Literal) -> Vec<ClassSetItem> {
    std::iter::once(lit.clone())
        .chain(variants(lit.c).map(|c| Literal { c, ..lit.clone() }))
        .map(ClassSetItem::Literal)
        .collect()
}

/// The tree of [`parse_with_traditional`]'s text: each literal with other forms becomes the
/// class of its forms, and inside a class its forms join it, as the text is rewritten.
fn widen(ast: &mut Ast) {
    match ast {
        Ast::Literal(lit) if has_variants(lit) => {
            let span = lit.span;
            let items = forms_of(lit);
            *ast = Ast::class_bracketed(ClassBracketed {
                span,
                negated: false,
                kind: ClassSet::Item(ClassSetItem::Union(ClassSetUnion { span, items })),
            });
        }
        Ast::ClassBracketed(class) => widen_set(&mut class.kind),
        Ast::Repetition(rep) => widen(&mut rep.ast),
        Ast::Group(group) => widen(&mut group.ast),
        Ast::Alternation(alt) => alt.asts.iter_mut().for_each(widen),
        Ast::Concat(concat) => concat.asts.iter_mut().for_each(widen),
        _ => {}
    }
}

fn widen_set(set: &mut ClassSet) {
    match set {
        ClassSet::Item(item) => widen_item(item),
        ClassSet::BinaryOp(op) => {
            widen_set(&mut op.lhs);
            widen_set(&mut op.rhs);
        }
    }
}

fn widen_item(item: &mut ClassSetItem) {
    match item {
        ClassSetItem::Literal(lit) if has_variants(lit) => {
            let span = lit.span;
            let items = forms_of(lit);
            *item = ClassSetItem::Union(ClassSetUnion { span, items });
        }
        ClassSetItem::Bracketed(class) => widen_set(&mut class.kind),
        ClassSetItem::Union(union) => union.items.iter_mut().for_each(widen_item),
        _ => {}
    }
}

/// No character NFC could change or compose with what precedes it: NFC_Quick_Check = Yes
/// (the Maybe characters are exactly those that can compose with the one before) and
/// canonical combining class 0 (nothing to reorder). A line of only these is NFC; anything
/// else goes to the full check. ASCII, Latin-1 and the unified ideographs take two
/// comparisons; the rest of the BMP a bit in a table made once from the Unicode data.
#[inline(always)]
pub(crate) fn is_nfc_safe(c: u32) -> bool {
    c < 0x100
        || c.wrapping_sub(0x4000) < 0x6000
        || (c < 0x10000 && NFC_SAFE_BMP[(c / 64) as usize] & (1 << (c % 64)) != 0)
}

static NFC_SAFE_BMP: std::sync::LazyLock<Box<[u64; 1024]>> = std::sync::LazyLock::new(|| {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let mut bits = Box::new([0u64; 1024]);
    for code in 0..0x10000u32 {
        if let Some(c) = char::from_u32(code) {
            if canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                bits[(code / 64) as usize] |= 1 << (code % 64);
            }
        }
    }
    bits
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_forms_spells_a_literal_every_way() {
        let forms = all_forms("图为", 64).unwrap();
        for spelling in ["图为", "圖為", "圖爲", "图為"] {
            assert!(
                forms.contains(&spelling.to_string()),
                "{spelling} in {forms:?}"
            );
        }
        assert_eq!(all_forms("abc", 64).unwrap(), vec!["abc".to_string()]);
        // Too many spellings: none, rather than a set the prefilter cannot use.
        assert!(all_forms("发发发发发发发发", 64).is_none());
    }

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
    fn variants_of_both_scripts() {
        let forms = |c| variants(c).collect::<String>();
        assert_eq!(forms('为'), "為爲");
        assert_eq!(forms('為'), "为");
        assert_eq!(forms('发'), "發髮");
        assert_eq!(forms('髮'), "发");
        assert_eq!(forms('里'), "哩裏裡");
        assert_eq!(forms('正'), "");
        assert_eq!(forms('a'), "");
        // Both tables were read whole: every entry in both directions.
        assert!(VARIANTS.len() > 8_000, "{}", VARIANTS.len());
        // Every pair of the hand list this table replaced is still there.
        let former = "页頁来來责責编編辑輯审審对對览覽击擊发發时時间間记記讯訊员員续續权權关關众眾\
                      号號扫掃维維码碼点點载載阅閱读讀链鏈网網报報图圖视視频頻资資处處闻聞内內统統\
                      筹籌监監终終实實习習络絡热熱荐薦欢歡请請长長识識别別观觀声聲严嚴谢謝镜鏡许許\
                      书書归歸进進这這周週条條专專题題态態订訂户戶复複制製转轉经經术術";
        let former: Vec<char> = former.chars().collect();
        for pair in former.chunks(2) {
            assert!(
                variants(pair[0]).any(|v| v == pair[1]),
                "{}{}",
                pair[0],
                pair[1]
            );
            assert!(
                variants(pair[1]).any(|v| v == pair[0]),
                "{}{}",
                pair[1],
                pair[0]
            );
        }
    }

    fn with_traditional(pattern: &str) -> String {
        // A pattern that does not parse stays as written, for the compiler to report.
        parse_with_traditional(pattern).map_or(pattern.to_string(), |(text, _)| text)
    }

    /// The tree [`parse_with_traditional`] widens in place is the tree its text parses to.
    #[test]
    fn widened_tree_is_the_widened_text_parsed() {
        for pattern in [
            "(?:来源|上一页)",
            "[^页\\]]x",
            "\\d来+",
            "^(?:(?x) 图为 \\s* [来源]{1,3} # 注释里的来源\n)$",
            "[\\p{Han}--[地着著]]{2}",
            "[[来源]&&[^页]]",
            "(?i)发[a-z发]",
            "(?P<来源>来源)\\x{6765}[一-龥]",
            "正文",
        ] {
            let (text, ast) = parse_with_traditional(pattern).unwrap();
            let from_tree = regex_syntax::hir::translate::Translator::new()
                .translate(pattern, &ast)
                .unwrap();
            let from_text = regex_syntax::Parser::new().parse(&text).unwrap();
            assert_eq!(from_tree, from_text, "{pattern} → {text}");
        }
    }

    #[test]
    fn traditional_variants() {
        assert_eq!(
            with_traditional("(?:来源|上一页)"),
            "(?:[来來]源|上一[页頁])"
        );
        assert_eq!(with_traditional("[^页\\]]x"), "[^页頁\\]]x");
        assert_eq!(with_traditional("\\d来"), "\\d[来來]");
        assert_eq!(with_traditional("为"), "[为為爲]");
        assert_eq!(with_traditional("图为"), "[图圖][为為爲]");
        assert_eq!(with_traditional("发+"), "[发發髮]+");
        assert_eq!(with_traditional("正文"), "正文");
        // A traditional character also matches its simplified form.
        assert_eq!(with_traditional("來源"), "[來来]源");
    }

    #[test]
    fn traditional_variants_respect_regex_syntax() {
        // Ranges stay as written, whatever their ends; other members of the class grow.
        assert_eq!(with_traditional("[一-龥]+"), "[一-龥]+");
        assert_eq!(with_traditional("[来-面]"), "[来-面]");
        assert_eq!(with_traditional("[0-9页来-面]"), "[0-9页頁来-面]");
        assert_eq!(with_traditional("[页-]"), "[页頁-]");
        // Escapes stay as written, Han ones included.
        for p in [
            "\\p{Han}",
            "\\P{Han}",
            "\\x{6765}",
            "\\u{6765}",
            "\\u6765",
            "\\d\\s\\w",
        ] {
            assert_eq!(with_traditional(p), p);
        }
        assert_eq!(with_traditional("\\[来\\]"), "\\[[来來]\\]");
        assert_eq!(with_traditional("\\[来]"), "\\[[来來]]");
        assert_eq!(with_traditional("[\\[来\\]]"), "[\\[来來\\]]");
        // Nested classes and class set operations.
        assert_eq!(with_traditional("[[来]&&[^页]]"), "[[来來]&&[^页頁]]");
        assert_eq!(with_traditional("[\\p{Han}--[页]]"), "[\\p{Han}--[页頁]]");
        assert_eq!(with_traditional("[]来]"), "[]来來]");
        assert_eq!(with_traditional("[[:digit:]页]"), "[[:digit:]页頁]");
        // Group names and verbose-mode comments are not literals.
        assert_eq!(
            with_traditional("(?P<来源>来)(?<页>页)"),
            "(?P<来源>[来來])(?<页>[页頁])"
        );
        assert_eq!(
            with_traditional("(?x) 来 源 # 来源 [ 不是类\n 页"),
            "(?x) [来來] 源 # 来源 [ 不是类\n [页頁]"
        );
        // A pattern that does not parse comes back as it was, for the compiler to report.
        assert_eq!(with_traditional("来("), "来(");
    }

    #[test]
    fn traditional_variants_match() {
        let re = |p: &str| regex::Regex::new(&format!("^(?:{})$", with_traditional(p))).unwrap();
        let tuwei = re("图为");
        for text in ["图为", "圖為", "圖爲", "图為"] {
            assert!(tuwei.is_match(text), "{text}");
        }
        assert!(!tuwei.is_match("图片"));
        // Written in traditional, matches simplified text.
        let laiyuan = re("來源[:：]");
        assert!(laiyuan.is_match("来源：") && laiyuan.is_match("來源:"));
        let fa = re("[发]布|頭髮");
        for text in ["发布", "發布", "髮布", "头发", "頭髮"] {
            assert!(fa.is_match(text), "{text}");
        }
        // Ranges mean what they said; every rewritten form compiles.
        assert!(re("[一-龥]+").is_match("來源"));
        for p in [
            "\\x{6765}源",
            "\\u{6765}",
            "(?x) 来 # [ comment\n源",
            "[[来]&&[^页]]",
        ] {
            re(p);
        }
    }
}
