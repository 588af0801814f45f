//! Half-width punctuation inside Chinese prose becomes full-width, decided by context: the
//! nearest "strong" character on either side (skipping spaces, quotes and other punctuation)
//! must be CJK. `3:2`, `a.php?id=1` and `Hello, world` stay as they are.

use crate::chars::{is_cjk, is_space};
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use std::collections::{BTreeMap, HashMap};

/// How far to look for a strong character: context further away than this says nothing about
/// the mark, and the bound keeps a hostile line of a million spaces and commas linear.
const CONTEXT: usize = 32;

#[derive(Debug, Default)]
pub(crate) struct PunctMap {
    single: HashMap<char, char>,
    /// open → (close, full_open, full_close)
    open: HashMap<char, (char, char, char)>,
    /// close → open, for the full-width close too, so `（…)` pairs up.
    close: HashMap<char, char>,
    /// Characters that are never context: the marks, their full-width forms, quotes, units.
    neutral: std::collections::HashSet<char>,
}

fn one_char(s: &str) -> Result<char, String> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!("{s:?} must be exactly one character")),
    }
}

impl PunctMap {
    pub(crate) fn new(
        map: &BTreeMap<String, String>,
        brackets: &[[String; 4]],
    ) -> Result<Self, String> {
        let mut p = PunctMap::default();
        for (from, to) in map {
            p.single.insert(one_char(from)?, one_char(to)?);
        }
        for [o, c, fo, fc] in brackets {
            let (o, c, fo, fc) = (one_char(o)?, one_char(c)?, one_char(fo)?, one_char(fc)?);
            p.open.insert(o, (c, fo, fc));
            p.open.insert(fo, (c, fo, fc));
            p.close.insert(c, o);
            p.close.insert(fc, o);
        }
        if p.single.is_empty() && p.open.is_empty() {
            return Err("cjk-punctuation needs `map` or `brackets`".into());
        }
        p.neutral = p
            .single
            .keys()
            .chain(p.single.values())
            .chain(p.open.keys())
            .chain(p.close.keys())
            .copied()
            .collect();
        p.neutral
            .extend(['"', '\'', '“', '”', '‘', '’', '.', '…', '-', '—']);
        p.neutral.extend(['%', '‰', '％', '℃', '℉', '°']);
        Ok(p)
    }

    /// Characters that say nothing about the language around them: spaces, quotes, dashes,
    /// the marks themselves, units such as `%` and `℃`. With `numbers`, digits too (for marks
    /// that end a sentence, `达到95%!` is Chinese).
    fn is_neutral(&self, c: char, numbers: bool) -> bool {
        is_space(c) || self.neutral.contains(&c) || (numbers && c.is_ascii_digit())
    }

    /// Nearest strong character before `i` / after `i` (both exclusive).
    fn strong_before(&self, chars: &[char], i: usize, numbers: bool) -> Option<char> {
        chars[..i]
            .iter()
            .rev()
            .take(CONTEXT)
            .copied()
            .find(|&c| !self.is_neutral(c, numbers))
    }
    fn strong_after(&self, chars: &[char], i: usize, numbers: bool) -> Option<char> {
        chars[i + 1..]
            .iter()
            .take(CONTEXT)
            .copied()
            .find(|&c| !self.is_neutral(c, numbers))
    }

    /// Should the mark at `i` become full-width? CJK before it decides; CJK after it decides
    /// only when nothing Latin precedes, or when the CJK follows right away (`iPhone,你`), so
    /// `print("Hello, world!"),屏幕` keeps its English `!`.
    fn converts(&self, chars: &[char], i: usize) -> bool {
        let c = chars[i];
        if c == ',' && (is_thousands_separator(chars, i) || between_numbers(chars, i)) {
            return false;
        }
        if c == ';' && ends_html_entity(chars, i) {
            return false;
        }
        let numbers = matches!(c, '!' | '?' | ',');
        let before = self.strong_before(chars, i, numbers);
        if before.is_some_and(is_cjk) {
            return true;
        }
        let Some(after) = self.strong_after(chars, i, numbers) else {
            return false;
        };
        if !is_cjk(after) {
            return false;
        }
        before.is_none() || chars[i + 1..].iter().copied().find(|&c| !is_space(c)) == Some(after)
    }
}

/// Which characters belong to a URL (`scheme://…` or `www.…`, up to a space or full-width
/// punctuation): a URL's `?`, `,` and `(` are the address, not prose.
fn url_spans(chars: &[char]) -> Vec<bool> {
    let mut inside = vec![false; chars.len()];
    let ends = |c: char| c.is_whitespace() || "，。；！？、“”‘’（）《》「」【】".contains(c);
    let mut i = 0;
    while i < chars.len() {
        let scheme = chars[i..].starts_with(&[':', '/', '/']);
        let www = chars[i..].starts_with(&['w', 'w', 'w', '.'])
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if !scheme && !www {
            i += 1;
            continue;
        }
        let mut start = i;
        if scheme {
            while start > 0
                && (chars[start - 1].is_ascii_alphanumeric() || "+.-".contains(chars[start - 1]))
            {
                start -= 1;
            }
            if start == i {
                i += 1;
                continue;
            }
        }
        // ASCII punctuation followed by prose (CJK, a space, the line end) closes the URL:
        // `…/a?id=3,查询` keeps `?id=3` and leaves the comma to the sentence.
        // A run of them counts as one (`…x=1),,; ` ends before the `)`), so the decision does
        // not hinge on marks a previous pass converted.
        let closes = |j: usize| {
            let is_mark = |c: char| ",;!?.)]".contains(c);
            if !is_mark(chars[j]) {
                return false;
            }
            let after = chars[j..]
                .iter()
                .position(|&c| !is_mark(c))
                .map(|k| chars[j + k]);
            after.is_none_or(|n| is_cjk(n) || n.is_whitespace())
        };
        let mut end = i;
        while end < chars.len() && !ends(chars[end]) && !closes(end) {
            end += 1;
        }
        inside[start..end].fill(true);
        i = end.max(i + 1);
    }
    inside
}

/// `(115.395, 2.75, 2.44%)`: a list of numbers keeps its ASCII commas.
fn between_numbers(chars: &[char], i: usize) -> bool {
    let skip = |c: &&char| is_space(**c) || matches!(**c, '%' | '‰' | '％' | '℃' | '°');
    let before = chars[..i].iter().rev().find(|c| !skip(c));
    let after = chars[i + 1..].iter().find(|c| !skip(c));
    before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit())
}

/// `&quot;` or `&#8220;` (or the escaped `&amp;lt;`): the `;` belongs to an HTML entity, not
/// to the sentence.
fn ends_html_entity(chars: &[char], i: usize) -> bool {
    let name_len = chars[..i]
        .iter()
        .rev()
        .take(10)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    if name_len == 0 {
        return false;
    }
    let start = i - name_len;
    let amp_escaped = start >= 5 && chars[start - 5..start].iter().copied().eq("&amp;".chars());
    start > 0 && (chars[start - 1] == '&' || amp_escaped)
}

/// `1,234` and `12,345,678.9`: digits before, exactly three digits after.
fn is_thousands_separator(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(|c| c.is_ascii_digit());
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}

/// The byte range of one conversion in the line, and the full-width mark replacing it.
type Change = (std::ops::Range<usize>, String);

pub(crate) fn apply(id: &RuleId, map: &PunctMap, doc: &mut Document, edits: &mut Vec<Edit>) {
    for line in &mut doc.lines {
        if line.text.is_ascii()
            || !line.text.chars().any(|c| {
                map.single.contains_key(&c)
                    || map.open.contains_key(&c)
                    || map.close.contains_key(&c)
            })
        {
            continue;
        }
        if let Some((_, changes)) = convert_line(map, &line.text) {
            line.rewrite(id, doc.input, changes, edits);
        }
    }
}

/// Returns the converted line and the byte range and replacement of each conversion; a conversion's
/// `before` includes the spaces it absorbed (full-width punctuation carries its own spacing).
fn convert_line(map: &PunctMap, line: &str) -> Option<(String, Vec<Change>)> {
    let chars: Vec<char> = line.chars().collect();
    let mut target: Vec<Option<char>> = vec![None; chars.len()];
    let in_url = url_spans(&chars);

    for (i, &c) in chars.iter().enumerate() {
        if in_url[i] {
            continue;
        }
        if let Some(&full) = map.single.get(&c) {
            if map.converts(&chars, i) {
                target[i] = Some(full);
            }
        }
    }
    // Brackets convert as pairs: when the content holds CJK or the pair sits next to CJK.
    // `cjk_before[k]`: CJK letters in `chars[..k]`, so a pair's content is checked in O(1)
    // (nested brackets would otherwise make a hostile line quadratic).
    let mut cjk_before = Vec::with_capacity(chars.len() + 1);
    cjk_before.push(0usize);
    for &c in &chars {
        let strong_cjk = is_cjk(c) && !map.is_neutral(c, false);
        cjk_before.push(cjk_before.last().copied().unwrap_or(0) + usize::from(strong_cjk));
    }
    let mut stack: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if in_url[i] {
            continue;
        }
        if map.open.contains_key(&c) {
            stack.push(i);
        } else if let Some(&open_of) = map.close.get(&c) {
            let Some(pos) = stack
                .iter()
                .rposition(|&o| map.open[&chars[o]].0 == map.open[&open_of].0)
            else {
                continue;
            };
            let o = stack[pos];
            stack.truncate(pos);
            let (_, full_open, full_close) = map.open[&chars[o]];
            // Brackets right after a Latin letter or digit with no CJK inside are code or
            // notation (`f(x)`, `AVERAGE(B2:B9)`), whatever surrounds them.
            let content_cjk = cjk_before[i] > cjk_before[o + 1];
            let word_before = chars[..o].iter().rev().find(|c| !is_space(**c));
            let after_word = word_before.is_some_and(|&c| c.is_ascii_alphanumeric() || c == '_');
            // `(0,1)` or `(3, 4)`: an interval or coordinates, notation rather than prose.
            let content = &chars[o + 1..i];
            let notation = content.contains(&',')
                && content.iter().all(|&c| {
                    c.is_ascii_alphanumeric() || matches!(c, ',' | '.' | ' ' | '-' | '+')
                });
            let cjk = (content_cjk && !notation)
                || (!after_word
                    && !notation
                    && (map.strong_before(&chars, o, false).is_some_and(is_cjk)
                        || map.strong_after(&chars, i, false).is_some_and(is_cjk)));
            if cjk {
                if chars[o] != full_open {
                    target[o] = Some(full_open);
                }
                if chars[i] != full_close {
                    target[i] = Some(full_close);
                }
            }
        }
    }
    if target.iter().all(Option::is_none) {
        return None;
    }
    // Each conversion absorbs the spaces next to it that no earlier conversion took.
    let mut owner: Vec<Option<usize>> = vec![None; chars.len()];
    for i in (0..chars.len()).filter(|&i| target[i].is_some()) {
        owner[i] = Some(i);
        let mut j = i;
        while j > 0 && is_space(chars[j - 1]) && owner[j - 1].is_none() {
            j -= 1;
            owner[j] = Some(i);
        }
        let mut k = i + 1;
        while k < chars.len() && is_space(chars[k]) && owner[k].is_none() {
            owner[k] = Some(i);
            k += 1;
        }
    }
    // A line's leading spaces are indentation, not spacing around punctuation.
    let lead = chars.iter().take_while(|&&c| is_space(c)).count();
    owner[..lead].fill(None);
    let mut out = String::with_capacity(line.len() + 8);
    let offsets: Vec<usize> = line
        .char_indices()
        .map(|(b, _)| b)
        .chain([line.len()])
        .collect();
    let mut changes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match owner[i] {
            None => {
                out.push(chars[i]);
                i += 1;
            }
            Some(o) => {
                let start = i;
                while i < chars.len() && owner[i] == Some(o) {
                    i += 1;
                }
                let full = target[o].expect("owner is a conversion");
                out.push(full);
                changes.push((offsets[start]..offsets[i], full.to_string()));
            }
        }
    }
    Some((out, changes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> PunctMap {
        let m: BTreeMap<String, String> = [
            (",", "，"),
            (":", "："),
            (";", "；"),
            ("?", "？"),
            ("!", "！"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        PunctMap::new(&m, &[["(".into(), ")".into(), "（".into(), "）".into()]]).unwrap()
    }

    fn conv(s: &str) -> String {
        convert_line(&map(), s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn converts_by_context() {
        assert_eq!(conv("中文,中文"), "中文，中文");
        assert_eq!(conv("上升了34.59%,其中"), "上升了34.59%，其中");
        assert_eq!(conv("网址:http://a.cn/?x=1,2"), "网址：http://a.cn/?x=1,2");
        assert_eq!(conv("比分3:2,胜"), "比分3:2，胜");
        assert_eq!(conv("Hello, world"), "Hello, world");
        assert_eq!(conv("“好”,他说"), "“好”，他说");
        assert_eq!(conv("真的?!"), "真的？！");
        assert_eq!(conv("时间: 10:30"), "时间：10:30");
        assert_eq!(conv("增幅达到95%!”"), "增幅达到95%！”");
        assert_eq!(conv("回到20℃!"), "回到20℃！");
        assert_eq!(conv("上午7:30,2019年"), "上午7:30,2019年");
        assert_eq!(
            conv("摩根大通(115.395, 2.75, 2.44%)"),
            "摩根大通（115.395, 2.75, 2.44%）"
        );
        assert_eq!(conv("所谓&quot;保护伞&quot;"), "所谓&quot;保护伞&quot;");
        assert_eq!(conv("中，&amp;lt;表示"), "中，&amp;lt;表示");
        assert_eq!(
            conv("见https://baike.example.com/item/北京?from=1,2 和wiki/长城_(消歧义),好"),
            "见https://baike.example.com/item/北京?from=1,2 和wiki/长城_（消歧义），好"
        );
        assert_eq!(
            conv("访问www.example.com/a?b=(1),谢谢"),
            "访问www.example.com/a?b=(1)，谢谢"
        );
        assert_eq!(
            conv("登录http://www.example.com/a?id=3,查询"),
            "登录http://www.example.com/a?id=3，查询"
        );
        assert_eq!(
            conv("详见https://a.cn/x?y=1。再见,朋友"),
            "详见https://a.cn/x?y=1。再见，朋友"
        );
        assert_eq!(
            conv("(http://a.cn/?x=1,2(未完待续),,,; "),
            "（http://a.cn/?x=1,2(未完待续），，，；"
        );
        assert_eq!(conv("共1,234.5元,其中"), "共1,234.5元，其中");
        assert_eq!(
            conv("print(\"Hello, world!\"),屏幕"),
            "print(\"Hello, world!\")，屏幕"
        );
        assert_eq!(conv("我用iPhone,你呢?"), "我用iPhone，你呢？");
        assert_eq!(conv("version 2!"), "version 2!");
    }

    #[test]
    fn brackets_pair_up() {
        assert_eq!(
            conv("社工1427人(其中专业社工471人),分别"),
            "社工1427人（其中专业社工471人），分别"
        );
        assert_eq!(conv("世界卫生组织 (WHO) 发布"), "世界卫生组织（WHO）发布");
        assert_eq!(conv("f(a) + g(b)"), "f(a) + g(b)");
        assert_eq!(conv("画出f(x)的图像"), "画出f(x)的图像");
        assert_eq!(conv("公式=AVERAGE(B2:B9)计算"), "公式=AVERAGE(B2:B9)计算");
        assert_eq!(conv("(1)第一条"), "（1）第一条");
        assert_eq!(
            conv("if (x > 0) 这个条件判断写错了"),
            "if (x > 0) 这个条件判断写错了"
        );
        assert_eq!(
            conv("函数f(x)=x^2在(0,1)上单调递增"),
            "函数f(x)=x^2在(0,1)上单调递增"
        );
        assert_eq!(conv("县(市)"), "县（市）");
        assert_eq!(conv("（注释)"), "（注释）");
        assert_eq!(conv("未闭合(括号"), "未闭合(括号");
    }

    #[test]
    fn keeps_indentation_and_reports_columns() {
        let (t, ch) = convert_line(&map(), "  记者:张三").unwrap();
        assert_eq!(t, "  记者：张三");
        assert_eq!(ch, vec![(8..9, "：".to_string())]);
    }

    /// `map()` with square brackets as a second kind.
    fn conv2(s: &str) -> String {
        let mut brackets = vec![["(".into(), ")".into(), "（".into(), "）".into()]];
        brackets.push(["[".into(), "]".into(), "【".into(), "】".into()]);
        let singles: BTreeMap<String, String> = [(",", "，"), (":", "：")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let map = PunctMap::new(&singles, &brackets).unwrap();
        convert_line(&map, s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn nested_and_unmatched_brackets() {
        assert_eq!(conv("中文(((文字)))"), "中文（（（文字）））");
        assert_eq!(conv("中文(((1)))"), "中文（（（1）））");
        assert_eq!(conv("f(((x)))"), "f(((x)))");
        // An interval inside converted brackets stays notation.
        assert_eq!(conv("中(((0,1)))"), "中（（(0,1)））");
        assert_eq!(conv("中(1,2,3)"), "中(1,2,3)");
        assert_eq!(conv("中(1,2,文)"), "中（1,2，文）");
        assert_eq!(conv("中文((("), "中文(((");
        assert_eq!(conv("中文)))"), "中文)))");
        assert_eq!(conv("中)))(a)"), "中)))（a）");
        assert_eq!(
            conv(&format!("中{}a", "(".repeat(40))),
            format!("中{}a", "(".repeat(40))
        );
        assert_eq!(conv(&format!("中(a{})", " ".repeat(40))), "中（a）");
        let deep = format!("中文{}文字{}", "(".repeat(10_000), ")".repeat(10_000));
        let full = format!("中文{}文字{}", "（".repeat(10_000), "）".repeat(10_000));
        assert_eq!(conv(&deep), full);
    }

    #[test]
    fn bracket_kinds_match_apart() {
        assert_eq!(conv2("中[(文)]"), "中【（文）】");
        assert_eq!(conv2("中((([[[文]]])))"), "中（（（【【【文】】】）））");
        // A close drops the unmatched opens of other kinds inside it.
        assert_eq!(conv2("中(文[字)文]"), "中（文[字）文]");
        assert_eq!(conv2("中[[[)))文"), "中[[[)))文");
    }

    #[test]
    fn context_ends_at_32_characters() {
        assert_eq!(conv(&format!("中{},a", " ".repeat(31))), "中，a");
        let far = format!("中{},a", " ".repeat(32));
        assert_eq!(conv(&far), far);
        // Latin within reach before the mark: CJK after it must follow right away.
        let near = format!("a{},“中”", " ".repeat(31));
        assert_eq!(conv(&near), near);
        assert_eq!(conv(&format!("a{},“中”", " ".repeat(32))), "a，“中”");
        assert_eq!(conv(&format!("(a){}中", " ".repeat(31))), "（a）中");
        let far = format!("(a){}中", " ".repeat(32));
        assert_eq!(conv(&far), far);
        assert_eq!(
            conv(&format!("中{}a", ",".repeat(32))),
            format!("中{}a", "，".repeat(32))
        );
        assert_eq!(
            conv(&format!("a{}:中", ",".repeat(32))),
            format!("a{}：中", ",".repeat(32))
        );
    }

    #[test]
    fn runs_of_marks_and_spaces() {
        assert_eq!(conv("中, , , ,文"), "中，，，，文");
        assert_eq!(conv("  , 中 , "), "  ，中，");
        assert_eq!(conv("中a中a,中a中"), "中a中a，中a中");
        assert_eq!(conv("a中a中:a中a"), "a中a中：a中a");
        let url = format!("见 https://example.com/a?x={}", ",".repeat(1000));
        assert_eq!(conv(&url), url);
        // Marks inside a URL followed by more address stay in it.
        assert_eq!(
            conv(&format!("见https://a.cn/?x=1{}b 好,的", ",".repeat(1000))),
            format!("见https://a.cn/?x=1{}b 好，的", ",".repeat(1000))
        );
        assert_eq!(
            conv("见https://a.cn/?x=1,,,,,好"),
            "见https://a.cn/?x=1,,,,，好"
        );
    }
}
