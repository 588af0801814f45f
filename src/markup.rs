//! A line as its reader sees it: the Markdown and `lynx -dump` markup a crawler leaves around
//! page furniture taken out (`> **相关阅读**`, `*图：…（图片来源：…）*`, `[19]上一篇：…`,
//! `[分享到微信](javascript:void(0))`). Line shapes match the line as written or this view, so
//! one rule serves a page saved as plain text, as Markdown and as a lynx dump.

/// The line without its markup, if it has any: leading quote and heading markers,
/// emphasis (`**`, `__`, a `*` or `_` around the whole line), link and image syntax (the text
/// stays, the address goes) and lynx reference numbers (`[12]`). `None` when nothing changes
/// or nothing is left.
pub(crate) fn plain_view(line: &str) -> Option<String> {
    // Quote and heading marks count only at the start; the rest only in these three bytes.
    let leading = line.trim_start().bytes().next();
    if !matches!(leading, Some(b'>' | b'#'))
        && memchr::memchr3(b'[', b'*', b'_', line.as_bytes()).is_none()
    {
        return None;
    }
    let body = strip_leading_markers(line);
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(['[', '*', '_', '!']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            rest = after;
        } else if let Some((text, after)) = link(rest) {
            out.push_str(text);
            rest = after;
        } else if let Some(after) = lynx_reference(rest) {
            rest = after;
        } else {
            let c = rest.chars().next().expect("found a character");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    let mut view = out.trim();
    for mark in ['*', '_'] {
        if let Some(inner) = view
            .strip_prefix(mark)
            .and_then(|v| v.strip_suffix(mark))
            .filter(|v| !v.is_empty())
        {
            view = inner.trim();
        }
    }
    // A page's button row set in spaced brackets: `[ 分享到：微博 | 微信 | 复制链接 ]`. Words
    // with a sentence's or a clause's mark in them are a note's (`[ 上一篇：我们讲了…。 ]`).
    if let Some(inner) = view
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .filter(|v| {
            v.starts_with(crate::chars::is_blank)
                && v.ends_with(crate::chars::is_blank)
                && !v.contains(['[', ']', '。', '，', '！', '？', '；', ',', '!', '?', ';'])
        })
    {
        view = inner.trim();
    }
    (view != line.trim() && !view.is_empty()).then(|| view.to_string())
}

/// The characters of `text` that are not `blank`, a Markdown link counted as its brackets and
/// its text, without its address.
pub(crate) fn visible_len(text: &str, blank: impl Fn(char) -> bool) -> usize {
    let count = |s: &str| s.chars().filter(|&c| !blank(c)).count();
    let mut total = 0;
    let mut rest = text;
    while let Some(at) = rest.find('[') {
        total += count(&rest[..at]);
        match link(&rest[at..]) {
            Some((words, after)) => {
                total += 2 + count(words);
                rest = after;
            }
            None => {
                total += 1;
                rest = &rest[at + 1..];
            }
        }
    }
    total + count(rest)
}

/// The line after its leading blockquote (`>`) and heading (`## `) markers, in any nesting.
/// A list marker stays: `- 图片` is an item of the text's own list.
fn strip_leading_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        let before = rest.len();
        if let Some(after) = rest.strip_prefix('>') {
            rest = after.trim_start();
        }
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ') {
            rest = rest[hashes..].trim_start();
        }
        if rest.len() == before {
            return rest;
        }
    }
}

/// At `[text](address)` or `![alt](address)`: the text, and what follows the link. The address
/// may hold parentheses of its own, bare or escaped (`javascript:void(0)`, `doZoom\(18\)`), and a
/// quoted title after a space (`(https://… "某某")`, as Jina writes a user's link).
fn link(at: &str) -> Option<(&str, &str)> {
    let at = at.strip_prefix('!').unwrap_or(at);
    let inner = at.strip_prefix('[')?;
    let (text, rest) = if inner.starts_with("![") {
        // A linked image `[![alt](img)](page)`: its alt text is the text.
        let (alt, after) = link(inner)?;
        (alt, after.strip_prefix(']')?)
    } else {
        let close = inner.find(']')?;
        (&inner[..close], &inner[close + 1..])
    };
    if text.contains('[') {
        return None;
    }
    let address = rest.strip_prefix('(')?;
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, c) in address.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '(' => depth += 1,
            ')' if depth == 0 => return Some((text, &address[i + 1..])),
            ')' => depth -= 1,
            ' ' if !address[..i].contains(['"', '\'']) => {
                let after = address[i..].trim_start();
                if !after.starts_with(['"', '\'']) {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// At a lynx reference number (`[12]`): what follows it.
fn lynx_reference(at: &str) -> Option<&str> {
    let inner = at.strip_prefix('[')?;
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=5).contains(&digits).then_some(())?;
    inner[digits..].strip_prefix(']')
}

/// Is `line` the underline of the heading `above` (Markdown's `Title` over `=====` or
/// `-----`, as a Markdown crawl writes its headings)? The line above must read as a heading
/// (short, no mark that ends a sentence or a clause) and the underline be about as wide as it
/// (at most twice as many marks, and four more): a rule under the last sentence of a post, or a
/// long one under a short name, is a separator. The heading itself is not protected: the
/// protect rule marks the underline (`Line::underline`), and a rule that drops the heading drops
/// it too (`Document::drop_indexes`). A list item (`- 随笔`) is no heading (as in CommonMark), nor
/// a YAML `key: value` line: the `---` under either closes a front matter.
pub(crate) fn is_underline_of(line: &str, above: &str) -> bool {
    let above = above.trim_matches(crate::chars::is_blank);
    let width = above.chars().count();
    underline_marks(line).is_some_and(|marks| {
        (1..=60).contains(&width)
            && marks <= 2 * width + 4
            && underline_marks(above).is_none()
            && !is_yaml_key_line(above)
            && !above.starts_with(['-', '*', '+'])
            && !above.ends_with([
                '。', '！', '？', '!', '?', '…', '；', ';', '，', ',', '：', ':',
            ])
    })
}

/// A YAML mapping line: an ASCII key (`title`, `cover_image`) right before `: `.
fn is_yaml_key_line(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(key, _)| {
        key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key.len() <= 31
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// The number of marks of a line made only of three or more `=` or `-` (spaces around aside).
fn underline_marks(line: &str) -> Option<usize> {
    let marks = line.trim_matches(|c: char| c == ' ' || c == '\t');
    let first = marks.chars().next()?;
    let all_same = (first == '=' || first == '-') && marks.chars().all(|c| c == first);
    (all_same && marks.len() >= 3).then_some(marks.len())
}

#[cfg(test)]
mod tests {
    use super::{is_underline_of, plain_view};

    #[test]
    fn a_heading_underline_is_told_from_a_separator() {
        assert!(is_underline_of(
            "============",
            "储能电池出货量同比增长三成"
        ));
        assert!(is_underline_of("----", "相关阅读"));
        assert!(is_underline_of("  -------  ", "产能利用率回升"));
        // under a sentence, far wider than a name, mixed marks, too few marks: separators
        assert!(!is_underline_of("-------", "谢谢大家看完。"));
        assert!(!is_underline_of("------------------------------", "张三"));
        assert!(!is_underline_of("-=-=-=", "标题"));
        assert!(!is_underline_of("--", "标题"));
        assert!(!is_underline_of("-----", "-----"));
        // the `---` closing a front matter under its last key
        assert!(!is_underline_of("---", "title: 第一次看海"));
        assert!(is_underline_of("---", "Step 1: 安装"));
        assert!(!is_underline_of("---", "  - 随笔"));
    }

    #[test]
    fn a_button_row_in_spaced_brackets_is_read_without_them() {
        assert_eq!(
            plain_view("[ 分享到：微博 | 微信 | 复制链接 ]").as_deref(),
            Some("分享到：微博 | 微信 | 复制链接")
        );
        // No space inside: a tag or a footnote; brackets inside: more than one group.
        assert_eq!(plain_view("[分享]"), None);
        assert_eq!(plain_view("[ 打印 ] [ 关闭 ]").as_deref(), None);
        assert_eq!(plain_view("[ 上一篇：我们讲了老陈怎样学会补胎。 ]"), None);
    }

    #[test]
    fn markdown_and_lynx_markup_is_taken_out() {
        let view = |s: &str| plain_view(s);
        assert_eq!(view("> **相关阅读**").as_deref(), Some("相关阅读"));
        assert_eq!(
            view("*图：银杏变色（图片来源：西岭科普图库）*").as_deref(),
            Some("图：银杏变色（图片来源：西岭科普图库）")
        );
        assert_eq!(
            view("   [19]上一篇：公交调整").as_deref(),
            Some("上一篇：公交调整")
        );
        assert_eq!(
            view("分享到：[微信](javascript:void(0)) [复制链接](javascript:void(0))").as_deref(),
            Some("分享到：微信 复制链接")
        );
        assert_eq!(
            view("【字体：[大](javascript:doZoom\\(18\\)) [小](javascript:doZoom\\(14\\))】")
                .as_deref(),
            Some("【字体：大 小】")
        );
        assert_eq!(
            view("## [![封面](a.jpg)](/p/1) **声明：**本文为原创").as_deref(),
            Some("封面 声明：本文为原创")
        );
        assert_eq!(view("  * [20]航拍：候鸟").as_deref(), Some("* 航拍：候鸟"));
        assert_eq!(view("- [图片](a.html)").as_deref(), Some("- 图片"));
        assert_eq!(
            view("[乔木](https://x.net/u_q \"乔木\") 于 2023-11-24 10:21:33 发布").as_deref(),
            Some("乔木 于 2023-11-24 10:21:33 发布")
        );
        assert_eq!(view("[乔木](a b)").as_deref(), None);
    }

    #[test]
    fn plain_lines_and_lone_marks_have_no_view() {
        assert_eq!(plain_view("今天天气很好。"), None);
        assert_eq!(plain_view("2026-11-30"), None);
        assert_eq!(plain_view("a_b 与 c*d"), None);
        assert_eq!(plain_view("**"), None);
        assert_eq!(plain_view("[1]"), None);
        // Emphasis inside a sentence goes, the sentence stays.
        assert_eq!(
            plain_view("这是**重点**内容。").as_deref(),
            Some("这是重点内容。")
        );
    }
}
