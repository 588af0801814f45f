//! Line predicates: cheap measures of a line (length, share of Han, share of symbols, how it
//! ends, whether it reads as code or as a row of links) that rules use beside or instead of a
//! regex. `max_chars = 30` says what `^.{1,30}$` only imitates, and is easier to review.

use super::pattern::Pattern;
use super::spec::{Ratio, Shape};
use crate::chars::is_space;
use crate::chars::trim_blank;
use crate::document::Line;
use crate::markup::plain_view;

/// The predicates of a rule or a line shape; every one given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Predicates {
    pub max_chars: Option<usize>,
    pub min_chars: Option<usize>,
    pub han_ratio: Option<Ratio>,
    pub symbol_ratio: Option<Ratio>,
    pub ends_with_sentence_punct: Option<bool>,
    pub no_han_outside_quotes: Option<bool>,
    pub is_link_list: Option<bool>,
}

/// A pattern (if any) and predicates, all of which a line must meet.
#[derive(Debug, Clone)]
pub(crate) struct LineShape {
    pub pattern: Option<Pattern>,
    /// Lines of this pattern never have the shape.
    pub unless: Option<Box<Pattern>>,
    pub predicates: Predicates,
}

impl LineShape {
    /// Does the line's visible text (trimmed of blanks), as written or without its Markdown
    /// or lynx markup ([`plain_view`]), have this shape?
    pub(crate) fn matches(&self, trimmed: &str) -> bool {
        self.matches_as_written(trimmed)
            || plain_view(trimmed).is_some_and(|view| self.matches_as_written(&view))
    }

    /// [`LineShape::matches`] for a line of the document, whose view is found once.
    pub(crate) fn matches_line(&self, line: &Line) -> bool {
        self.matches_as_written(trim_blank(&line.text))
            || line
                .view()
                .is_some_and(|view| self.matches_as_written(view))
    }

    /// Predicates first: they cost less than the regex.
    fn matches_as_written(&self, trimmed: &str) -> bool {
        self.predicates.hold(trimmed)
            && self.pattern.as_ref().is_none_or(|p| p.is_match(trimmed))
            && !self.unless.as_ref().is_some_and(|p| p.is_match(trimmed))
    }
}

impl Predicates {
    pub(crate) fn of_shape(shape: &Shape) -> Result<Predicates, String> {
        let p = Predicates {
            max_chars: shape.max_chars,
            min_chars: shape.min_chars,
            han_ratio: shape.han_ratio,
            symbol_ratio: shape.symbol_ratio,
            ends_with_sentence_punct: shape.ends_with_sentence_punct,
            no_han_outside_quotes: shape.no_han_outside_quotes,
            is_link_list: shape.is_link_list,
        };
        for (name, ratio) in [("han_ratio", p.han_ratio), ("symbol_ratio", p.symbol_ratio)] {
            let Some(r) = ratio else { continue };
            let ok = |v: Option<f64>| v.is_none_or(|v| (0.0..=1.0).contains(&v));
            if !ok(r.min) || !ok(r.max) || (r.min.is_none() && r.max.is_none()) {
                return Err(format!(
                    "`{name}` takes `min` and/or `max` between 0 and 1 (`{name} = {{ min = 0.5 }}`)"
                ));
            }
        }
        Ok(p)
    }

    pub(crate) fn is_empty(&self) -> bool {
        *self == Predicates::default()
    }

    /// Do all the given predicates hold for this (trimmed) line?
    pub(crate) fn hold(&self, text: &str) -> bool {
        if self.is_empty() {
            return true;
        }
        // The cheap tests first: a length bound stops counting at the bound (a long body
        // line is refused after `max_chars` characters, not walked to its end), and the end
        // of a sentence is read from the line's end.
        if let Some(n) = self.max_chars {
            if text.len() > n && non_space_chars_beyond(text, n) {
                return false;
            }
        }
        if let Some(want) = self.ends_with_sentence_punct {
            if ends_with_sentence_punct(text) != want {
                return false;
            }
        }
        if self.han_ratio.is_none() && self.symbol_ratio.is_none() {
            // A length floor alone stops counting at the floor.
            return self
                .min_chars
                .is_none_or(|n| n == 0 || non_space_chars_beyond(text, n - 1))
                && self.hold_shapes(text);
        }
        let counts = Counts::of(text);
        let in_ratio = |ratio: Option<Ratio>, part: usize| {
            ratio.is_none_or(|r| {
                let v = if counts.chars == 0 {
                    0.0
                } else {
                    part as f64 / counts.chars as f64
                };
                r.min.is_none_or(|m| v >= m) && r.max.is_none_or(|m| v <= m)
            })
        };
        self.min_chars.is_none_or(|n| counts.chars >= n)
            && in_ratio(self.han_ratio, counts.han)
            && in_ratio(self.symbol_ratio, counts.symbols)
            && self.hold_shapes(text)
    }

    /// The predicates that read the line's structure (quotes, link separators).
    fn hold_shapes(&self, text: &str) -> bool {
        self.no_han_outside_quotes
            .is_none_or(|want| no_han_outside_quotes(text) == want)
            && self
                .is_link_list
                .is_none_or(|want| is_link_list(text) == want)
    }
}

/// A Han ideograph (CJK unified ideographs, their extensions, compatibility ideographs).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F | 0x3007)
}

/// Does `text` hold more than `n` characters that are not spaces? Stops counting past `n`.
fn non_space_chars_beyond(text: &str, n: usize) -> bool {
    text.chars().filter(|&c| !is_space(c)).nth(n).is_some()
}

/// Characters of a line by class; spaces are not counted at all.
struct Counts {
    chars: usize,
    han: usize,
    symbols: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        let mut c = Counts {
            chars: 0,
            han: 0,
            symbols: 0,
        };
        for ch in text.chars().filter(|&ch| !is_space(ch)) {
            c.chars += 1;
            if is_han(ch) {
                c.han += 1;
            } else if !ch.is_alphanumeric() {
                c.symbols += 1;
            }
        }
        c
    }
}

/// Closing marks that may follow a sentence's final punctuation: `他说：“好。”`.
const CLOSERS: &[char] = &['”', '’', '"', '\'', '）', ')', '】', '」', '』', '》', '〉'];

/// Does the line end like a sentence (`。！？…；` or `!?;.`, before closing quotes)?
pub(crate) fn ends_with_sentence_punct(text: &str) -> bool {
    text.trim_end_matches(|c| is_space(c) || CLOSERS.contains(&c))
        .chars()
        .next_back()
        .is_some_and(|c| "。！？…；!?;.".contains(c))
}

/// No Han character outside string literals (`"…"`, `'…'`, `“…”`, `‘…’`, `` `…` ``) and
/// comments (`//…`, `/*…*/`, `<!--…-->`): code or markup, even with Chinese strings in it.
pub(crate) fn no_han_outside_quotes(text: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut comment: Option<&str> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(end) = comment {
            if text[i..].starts_with(end) {
                comment = None;
                for _ in 1..end.chars().count() {
                    chars.next();
                }
            }
            continue;
        }
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => {
                let rest = &text[i..];
                if rest.starts_with("//") {
                    return true;
                } else if rest.starts_with("/*") {
                    comment = Some("*/");
                } else if rest.starts_with("<!--") {
                    comment = Some("-->");
                } else if let Some(close) = match c {
                    '"' | '\'' | '`' => Some(c),
                    '“' => Some('”'),
                    '‘' => Some('’'),
                    _ => None,
                } {
                    quote = Some(close);
                } else if is_han(c) {
                    return false;
                }
            }
        }
    }
    true
}

/// Separators of navigation rows and link lists: `首页 | 新闻 | 体育`, `上一篇 · 下一篇`.
const LINK_SEPARATORS: &[char] = &[
    '|', '｜', '·', '•', '/', '／', '>', '»', '›', '→', '\u{3000}', '\t', ' ', '\u{a0}',
];

/// A row of three or more short items (at most 8 characters each, 16 for a Latin word),
/// separated by spaces, bars or dots, with no sentence punctuation: a menu or a list of links,
/// not a sentence.
pub(crate) fn is_link_list(text: &str) -> bool {
    if text.contains(['，', '。', '；', '！', '？', ',']) {
        return false;
    }
    let mut items = 0;
    for item in text.split(LINK_SEPARATORS).filter(|s| !s.is_empty()) {
        // A Latin word may be longer than a Chinese item (`Complaint`, `Newsletter`).
        let limit = if item.is_ascii() { 16 } else { 8 };
        if item.chars().count() > limit {
            return false;
        }
        if item.chars().any(char::is_alphanumeric) {
            items += 1;
        }
    }
    items >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_with_sentence_punct("他说：“好。”"));
        assert!(ends_with_sentence_punct("Done. "));
        assert!(!ends_with_sentence_punct("相关阅读"));
        assert!(!ends_with_sentence_punct(""));
    }

    #[test]
    fn han_outside_quotes() {
        assert!(no_han_outside_quotes(r#"var s = "中文";"#));
        assert!(no_han_outside_quotes("x = 1; // 注释"));
        assert!(no_han_outside_quotes("<p class='标题'><!-- 说明 --></p>"));
        assert!(no_han_outside_quotes(r#"alert("引号\"里");"#));
        assert!(!no_han_outside_quotes("他说“好”然后走了"));
        assert!(!no_han_outside_quotes("var 名 = 1;"));
    }

    #[test]
    fn link_lists() {
        assert!(is_link_list("首页 | 新闻 | 体育 | 娱乐"));
        assert!(is_link_list(
            "关于我们 - About - 联系我们 - Complaint Center"
        ));
        assert!(!is_link_list("关于我们 - Internationalization - 联系我们"));
        assert!(is_link_list("首页 新闻 体育 娱乐 财经"));
        assert!(is_link_list("上一篇 · 下一篇 · 返回目录"));
        assert!(!is_link_list("今天天气很好，我们去公园"));
        assert!(!is_link_list("首页 | 新闻"));
        assert!(!is_link_list("这是一个很长很长的标题项目 | 新闻 | 体育"));
    }

    #[test]
    fn ratios_and_lengths() {
        let p = Predicates {
            han_ratio: Some(Ratio {
                min: Some(0.5),
                max: None,
            }),
            max_chars: Some(6),
            ..Predicates::default()
        };
        assert!(p.hold("中文ab"));
        assert!(!p.hold("中abc"));
        assert!(!p.hold("中文中文中文中"));
        let symbols = Predicates {
            symbol_ratio: Some(Ratio {
                min: Some(0.5),
                max: None,
            }),
            ..Predicates::default()
        };
        assert!(symbols.hold("=== * ==="));
        // Spaces do not count toward `max_chars`, though the line is longer in bytes.
        let short = Predicates {
            max_chars: Some(4),
            ends_with_sentence_punct: Some(false),
            ..Predicates::default()
        };
        assert!(short.hold("相 关 阅 读"));
        assert!(!short.hold("相关阅读吧"));
        assert!(!short.hold("好的。"));
        assert!(!symbols.hold("正文 。"));
    }
}
