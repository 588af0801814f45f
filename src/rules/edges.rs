//! A line's edge sentences: the first and last sentences of a paragraph, where a crawler that
//! flattened a page glues a caption, a promo or a notice onto the body (`图为会场。（图片来源：
//! 某某）本场比赛过后……`, `……交出成绩单。喜欢本文，就点个“在看”吧~`). A drop-line rule with
//! `edge_sentences` cuts such a sentence when it alone would be a line the rule drops.

use std::ops::Range;

/// The longest edge sentence cut, in characters: a caption, a promo or a notice is short; a
/// longer first sentence with a picture's credit after it (`景区严格执行…聚集。（某某供图）`) is
/// the paragraph's own.
const MAX_CHARS: usize = 48;

/// The longest first sentence with a bracketed aside after it that is cut as one.
const MAX_CHARS_WITH_ASIDE: usize = 32;

/// Marks that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// Marks that close a quotation or bracket right after a sentence's end, and belong to it.
fn closes(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '〕' | '"' | '\''
    )
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// The byte offsets where sentences end in `text` (after the end marks and the closing marks
/// that follow them), in order, without the text's own end.
fn boundaries(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !ends_sentence(c) {
            continue;
        }
        let mut end = text.len();
        while let Some(&(i, next)) = chars.peek() {
            if ends_sentence(next) || closes(next) {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        // `《推销你的人生！》`: a title's mark, not the end of a sentence.
        if end < text.len() && !text[end..].starts_with('》') {
            found.push(end);
        }
    }
    found
}

/// A bracketed aside right at `at` (`（图片来源：某某）`), short and closed: it belongs to the
/// sentence before it. Returns where it ends.
fn aside_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let close = match rest.chars().next()? {
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '[' => ']',
        _ => return None,
    };
    let inner = rest.char_indices().skip(1).take(40);
    for (i, c) in inner {
        if c == close {
            return Some(at + i + c.len_utf8());
        }
    }
    None
}

/// Candidate cuts at the edges of `text`: the first sentence and the last. Each is (the byte
/// range to cut, the sentence text to test). A cut takes the blanks between it and the text
/// it leaves; it never takes the whole line. One sentence only: two let a pattern that allows
/// words before its cue (`.{0,30}扫码…`) take a body sentence with the promo.
pub(crate) fn edge_cuts(text: &str) -> Vec<(Range<usize>, &str)> {
    let found = boundaries(text);
    let mut cuts = Vec::new();
    let skip_blanks_forward = |mut at: usize| {
        while let Some(c) = text[at..].chars().next().filter(|&c| is_blank(c)) {
            at += c.len_utf8();
        }
        at
    };
    let lead = skip_blanks_forward(0);
    if let Some(&end) = found.first() {
        let aside = aside_at(text, end);
        let end = aside.unwrap_or(end);
        let next = skip_blanks_forward(end);
        // What is left must read as a paragraph, not as the rest of a caption (`△ 实验室。
        // 图片 | 某某（东方IC）`): some words and a sentence's or clause's mark.
        let rest = &text[next..];
        let reads_as_text = rest.chars().filter(|&c| !is_blank(c)).count() >= 8
            && rest
                .chars()
                .any(|c| ends_sentence(c) || matches!(c, '，' | ','));
        // With an aside, only a short sentence: a caption's (`图为会场。（图片来源：某某）`), not a
        // paragraph's first sentence that a media note follows (`……基本持平。（资料图）`).
        let short = aside.is_none() || text[lead..end].chars().count() <= MAX_CHARS_WITH_ASIDE;
        if reads_as_text && short {
            cuts.push((0..next, text[lead..end].trim_end_matches(is_blank)));
        }
    }
    let tail = text.trim_end_matches(is_blank).len();
    if let Some(&start) = found.last() {
        let body_end = text[..start].trim_end_matches(is_blank).len();
        if body_end > 0 && start < tail {
            cuts.push((
                body_end..text.len(),
                text[start..tail].trim_start_matches(is_blank),
            ));
        }
    }
    cuts.retain(|(_, sentence)| {
        !sentence.is_empty() && sentence.chars().filter(|&c| !is_blank(c)).count() <= MAX_CHARS
    });
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        edge_cuts(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn first_and_last_sentences_with_their_closing_marks_and_asides() {
        assert_eq!(
            sentences("图为会场。（图片来源：某某）本场比赛过后，球队升至第三。他说：“好！”"),
            vec!["图为会场。（图片来源：某某）", "他说：“好！”"]
        );
    }

    #[test]
    fn a_title_s_mark_and_a_long_sentence_are_no_edges() {
        assert_eq!(
            sentences("配图 |《推销你的人生！》剧照"),
            Vec::<&str>::new()
        );
        let long = format!("{}。正文。", "长".repeat(49));
        assert_eq!(sentences(&long), vec!["正文。"]);
    }

    #[test]
    fn a_line_of_one_sentence_has_no_edges() {
        assert!(sentences("今天天气很好。").is_empty());
        assert!(sentences("今天天气很好").is_empty());
    }

    #[test]
    fn a_cut_takes_the_blanks_beside_it() {
        let text = "正文一句。  点个在看吧~";
        let cuts = edge_cuts(text);
        let (range, sentence) = cuts.last().unwrap();
        assert_eq!(*sentence, "点个在看吧~");
        assert_eq!(&text[..range.start], "正文一句。");
        let text = "图为会场。 本场比赛过后，球队升至第三。";
        let (range, sentence) = &edge_cuts(text)[0];
        assert_eq!(*sentence, "图为会场。");
        assert_eq!(&text[range.end..], "本场比赛过后，球队升至第三。");
        // The rest of a caption is no paragraph: the first sentence stays.
        assert_eq!(
            sentences("△ 实验室。图片 | 某某（东方IC）"),
            vec!["图片 | 某某（东方IC）"]
        );
    }
}
