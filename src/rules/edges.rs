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

/// A half-width `.`, `?` or `!` after a Chinese character (or a quote closing one), not
/// followed by a letter or digit, ends a sentence: scraped prose often has `公告.来源：某报`
/// (`3.5`, `a.php?id=1`, `U.S.` and English sentences do not).
fn ascii_stop_ends(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(['"', '”', '」', '』', '）']);
    let prev = before.chars().next_back();
    let next = text[at + 1..].chars().next();
    if next.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    // `提高到92%.相关阅读：`: after a number, when Chinese follows.
    prev.is_some_and(crate::chars::is_cjk)
        || (prev.is_some_and(|c| c.is_ascii_digit() || c == '%')
            && next.is_some_and(crate::chars::is_cjk))
}

/// Labels that open a notice of their own (`……。消息来源：某某免责声明：本文……`): in a chain
/// glued after the last sentence, each starts an item.
const LABELS: [&str; 14] = [
    "免责声明",
    "特别声明",
    "声明",
    "消息来源",
    "图片来源",
    "来源",
    "责任编辑",
    "编辑",
    "责编",
    "作者",
    "原标题",
    "校对",
    "审核",
    "本文",
];

/// The first characters of [`LABELS`].
const LABEL_STARTS: [char; 13] = [
    '免', '特', '声', '消', '图', '来', '责', '编', '作', '原', '校', '审', '本',
];

/// The label at `at`, if one starts there.
fn label_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    // Most characters are passed by at one compare (this walk runs over the last sentence of
    // every line).
    if !rest.starts_with(LABEL_STARTS) {
        return None;
    }
    LABELS.iter().find_map(|label| {
        let after = rest.strip_prefix(label)?;
        // `本文` opens a sentence (`本文仅代表作者观点`); the others take a colon.
        (*label == "本文" || after.starts_with(['：', ':'])).then_some(label.len())
    })
}

/// The byte offsets where the first and the last sentence end in `text` (after the end marks
/// and the closing marks that follow them), without the text's own end; `None` for a text of
/// one sentence. Only the two edges: the sentences between are never cut.
fn boundaries(text: &str) -> Option<(usize, usize)> {
    let mut found: Option<(usize, usize)> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        // A half-width mark ends a sentence only in Chinese text (`http://a.cn/?x=1` goes on).
        let ends = if c.is_ascii() {
            matches!(c, '.' | '?' | '!') && ascii_stop_ends(text, at)
        } else {
            ends_sentence(c)
        };
        if !ends {
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
            found = Some((found.map_or(end, |(first, _)| first), end));
        }
    }
    found
}

/// A short, closed bracket group right at `at`: an aside that belongs to the sentence before
/// it (`（图片来源：某某）`), or an item of a glued chain. Returns where it ends.
fn aside_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let close = closer_of(rest.chars().next()?)?;
    rest.char_indices()
        .skip(1)
        .take(40)
        .find(|&(_, c)| c == close)
        .map(|(i, c)| at + i + c.len_utf8())
}

/// Does a bracket group name who made or sent the text or picture (`（记者 王五 摄）`,
/// `（某某供图）`, `【某某快讯／记者 王五】`)?
fn holds_credit(group: &str) -> bool {
    const CREDITS: &str =
        "摄 攝 供图 供圖 记者 記者 通讯员 通訊員 来源 來源 图源 圖源 报道 報導 资料图 資料圖";
    CREDITS.split(' ').any(|c| group.contains(c))
}

/// Does a caption's mark open the text (`▲`, `[IMG]`, `图：`, `图为`)?
fn is_marked_caption(text: &str) -> bool {
    const MARKS: &str = "▲ △ ■ ● ◆ [IMG] [图片] 图： 图片： 图为 圖為";
    MARKS.split(' ').any(|m| text.starts_with(m))
}

/// Does the text open a sentence of its own, as a paragraph after a glued caption does: a date
/// (`8月4日，`, `2024年`), a time word, or a word that points back or names the paper (`该剧`,
/// `据介绍`, `记者`, `本报`)?
fn opens_sentence(text: &str) -> bool {
    const OPENERS: &str =
        "该 据 近日 日前 今年 去年 今天 昨天 昨日 今日 记者 記者 本报 本報 当地时间 當地時間";
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = text[digits..].chars().next();
    (digits > 0 && matches!(after, Some('月' | '年' | '日')))
        || OPENERS.split(' ').any(|o| text.starts_with(o))
}

/// The closing mark of a bracket that opens an aside or a glued item.
fn closer_of(c: char) -> Option<char> {
    match c {
        '（' => Some('）'),
        '(' => Some(')'),
        '【' => Some('】'),
        '[' => Some(']'),
        '〔' => Some('〕'),
        _ => None,
    }
}

/// Where the items of a glued chain start in `text` from `from` on, after the first: a
/// flattened page runs a pen name, an editor's credit and a counter row together
/// (`（阿舟）(责编：某某)点赞 12 评论 3`). A closed bracket group is an item, and so is the text
/// between groups or after a ` | ` bar, and a label opens one ([`LABELS`]). Each start comes
/// with where its item's words begin (after the bar and the blanks).
fn item_starts(text: &str, from: usize) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut at = from;
    let skip_blanks = |mut i: usize| {
        while let Some(c) = text[i..].chars().next().filter(|&c| is_blank(c)) {
            i += c.len_utf8();
        }
        i
    };
    while let Some(c) = text[at..].chars().next() {
        if closer_of(c).is_some() {
            let Some(end) = aside_at(text, at) else { break };
            if at > from && starts.last().is_none_or(|&(_, words)| words != at) {
                starts.push((at, at));
            }
            at = end;
            let next = skip_blanks(at);
            if next < text.len() && closer_of(text[next..].chars().next().unwrap_or(' ')).is_none()
            {
                starts.push((at, next));
            }
            at = next;
            continue;
        }
        if matches!(c, '|' | '｜' | '丨') && at > from {
            starts.push((at, skip_blanks(at + c.len_utf8())));
        }
        if let Some(len) = label_at(text, at) {
            // A label right after a bar or a group opens the item those opened.
            if at > from && starts.last().is_none_or(|&(_, words)| words != at) {
                starts.push((at, at));
            }
            // The label's own words (`免责声明：本文……`) open no item.
            at += len;
            at = skip_blanks(
                at + text[at..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '：' | ':'))
                    .map_or(0, char::len_utf8),
            );
            at += label_at(text, at).unwrap_or(0);
            continue;
        }
        at += c.len_utf8();
    }
    starts.dedup_by_key(|s| s.0);
    starts
}

/// What is left after a cut must read as a paragraph, not as the rest of a caption (`△ 实验室。
/// 图片 | 某某（东方IC）`): some words and a sentence's or clause's mark.
fn reads_as_paragraph(rest: &str) -> bool {
    // One walk that stops as soon as both are seen (the rest is most of a paragraph).
    let (mut words, mut mark) = (0, false);
    for c in rest.chars() {
        words += usize::from(!is_blank(c));
        mark |= ends_sentence(c) || matches!(c, '，' | ',');
        if words >= 8 && mark {
            return true;
        }
    }
    false
}

/// Candidate cuts at the edges of `text`: the first sentence and the last, and the last item
/// of a chain glued after the last sentence (see [`item_starts`]), and a bracketed item the
/// line opens with (`【某报记者某某报道】今年……`) or that closes its first words. Each is (the byte range to cut, the text to
/// test). A cut takes the blanks between it and the text it leaves; it never takes the whole
/// line. One sentence only: two let a pattern that allows words before its cue
/// (`.{0,30}扫码…`) take a body sentence with the promo.
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
    // A bracketed item the line opens with, and the words up to a later bracket group that
    // closes them: a caption or a lead ended by its credit and glued on without a mark
    // (`某某亮相发布会（某某记者 王五 摄）该剧改编自……`). The first three groups of the
    // first sentence; before the sentence, so the shortest cut is tried first.
    let first_end = found.map_or(text.len(), |(f, _)| f);
    let mut at = lead;
    for _ in 0..3 {
        if at >= first_end {
            break;
        }
        let Some(open) = text[at..first_end].find(|c| closer_of(c).is_some()) else {
            break;
        };
        let Some(end) = aside_at(text, at + open) else {
            break;
        };
        let next = skip_blanks_forward(end);
        // Words before the group only when the group is a credit (`美国版权局（U.S. Copyright
        // Office）表示，……` and `回复(12)楼的朋友` are a clause's) and the words are a caption's
        // or a new sentence starts after it: `这张老照片（王五 摄）记录了……` is one sentence.
        let words_before = open > 0 || at > lead;
        if end < first_end
            && reads_as_paragraph(&text[next..])
            && (!words_before
                || (holds_credit(&text[at + open..end])
                    && (is_marked_caption(&text[lead..]) || opens_sentence(&text[next..]))))
        {
            cuts.push((0..next, &text[lead..end]));
        }
        at = end;
    }
    // The first sentence.
    if let Some((end, _)) = found {
        let aside = aside_at(text, end);
        let end = aside.unwrap_or(end);
        let next = skip_blanks_forward(end);
        let reads_as_text = reads_as_paragraph(&text[next..]);
        // With an aside, only a short sentence: a caption's (`图为会场。（图片来源：某某）`), not a
        // paragraph's first sentence that a media note follows (`……基本持平。（资料图）`).
        let short = aside.is_none() || text[lead..end].chars().count() <= MAX_CHARS_WITH_ASIDE;
        if reads_as_text && short {
            cuts.push((0..next, text[lead..end].trim_end_matches(is_blank)));
        }
    }
    let tail = text.trim_end_matches(is_blank).len();
    if let Some((_, start)) = found {
        let body_end = text[..start].trim_end_matches(is_blank).len();
        if body_end > 0 && start < tail {
            let start = skip_blanks_forward(start);
            // A caption glued between two paragraphs ends at its credit
            // (`……缺席本场比赛。▲马塞洛（资料图）火炬本赛季……`): only the caption is cut.
            if let Some(end) = caption_credit_end(&text[..tail], start) {
                cuts.push((body_end..skip_blanks_forward(end), &text[start..end]));
                cuts.retain(|(_, sentence)| visible_chars(sentence) <= MAX_CHARS);
                return cuts;
            }
            cuts.push((body_end..text.len(), &text[start..tail]));
            if let Some(&(cut, words)) = item_starts(&text[..tail], start).last() {
                let cut = text[..cut].trim_end_matches(is_blank).len();
                // A link glued into a clause (`感兴趣的可以看[往期回顾：…](…)`) is an item only
                // as long as its address: the address counts here.
                let raw = text[words..tail].chars().filter(|&c| !is_blank(c)).count();
                if words < tail && raw <= MAX_CHARS {
                    cuts.push((cut..text.len(), &text[words..tail]));
                }
            }
        }
    }
    cuts.retain(|(_, sentence)| !sentence.is_empty() && visible_chars(sentence) <= MAX_CHARS);
    cuts
}

/// Where a picture's caption that opens `text[start..]` ends at its credit with a paragraph
/// after it (`▲马塞洛（资料图）火炬本赛季……`): the end of the group. The first three groups. Only
/// a picture's marks and credits: `■`, `●` and `◆` open list items and steps, and a group that
/// names a source or a reporter (`▲推进老旧小区改造（来源：市住建局）`) may close a list item.
fn caption_credit_end(text: &str, start: usize) -> Option<usize> {
    const PICTURE_MARKS: &str = "▲ △ [IMG] [图片] 图： 图片： 图为 圖為";
    const PICTURE_CREDITS: &str = "摄 攝 供图 供圖 资料图 資料圖 图源 圖源 图片来源 圖片來源";
    let caption = &text[start..];
    if !PICTURE_MARKS.split(' ').any(|m| caption.starts_with(m)) {
        return None;
    }
    let mut at = start;
    for _ in 0..3 {
        let open = at + text[at..].find(|c| closer_of(c).is_some())?;
        let end = aside_at(text, open)?;
        let next = text[end..]
            .find(|c: char| !is_blank(c))
            .map_or(text.len(), |i| end + i);
        if PICTURE_CREDITS
            .split(' ')
            .any(|c| text[open..end].contains(c))
        {
            return (next < text.len() && reads_as_paragraph(&text[next..])).then_some(end);
        }
        at = end;
    }
    None
}

/// The characters a reader sees in `text`: no blanks, and no address of a Markdown link
/// (`[>>点击进入专题](https://…)` is as long as its words).
fn visible_chars(text: &str) -> usize {
    crate::markup::visible_len(text, is_blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_links_address_is_not_counted() {
        assert_eq!(visible_chars("[>>专题](https://example.com/a/b)"), 6);
        assert_eq!(visible_chars("看 [这里] (不是链接)"), 11);
        assert_eq!(visible_chars("a](b c)"), 6);
    }

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
    fn a_caption_glued_between_two_paragraphs_ends_at_its_credit() {
        let text = "确定缺席本场比赛。▲马塞洛（资料图）火炬本赛季客场仅取得2胜，且都是对阵弱旅。";
        let (range, sentence) = edge_cuts(text).pop().unwrap();
        assert_eq!(sentence, "▲马塞洛（资料图）");
        let mut left = text.to_string();
        left.replace_range(range, "");
        assert_eq!(
            left,
            "确定缺席本场比赛。火炬本赛季客场仅取得2胜，且都是对阵弱旅。"
        );
        // A group that is no credit (`（右）`) does not end the caption.
        assert_eq!(
            sentences("比赛结束。▲ 卡洛斯（右）庆祝进球")[0],
            "▲ 卡洛斯（右）庆祝进球"
        );
    }

    #[test]
    fn every_label_starts_with_a_listed_character() {
        for label in LABELS {
            assert!(label.starts_with(LABEL_STARTS), "{label}");
        }
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
            vec!["图片 | 某某（东方IC）", "（东方IC）"]
        );
    }

    #[test]
    fn the_last_item_of_a_glued_chain_and_a_bracketed_lead() {
        assert_eq!(
            sentences("球队将回到主场。（阿舟）(责编：温冉)点赞 126 评论 38 分享"),
            vec![
                "（阿舟）(责编：温冉)点赞 126 评论 38 分享",
                "点赞 126 评论 38 分享"
            ]
        );
        assert_eq!(
            sentences("本文含前瞻性陈述。消息来源：某某科技免责声明：本文为企业宣传稿件，不代表本站观点。"),
            vec![
                "本文含前瞻性陈述。",
                "消息来源：某某科技免责声明：本文为企业宣传稿件，不代表本站观点。",
                "免责声明：本文为企业宣传稿件，不代表本站观点。"
            ]
        );
        let text = "现场公告。来源：某报 | 编辑：某某";
        let cuts = edge_cuts(text);
        assert_eq!(cuts[1].1, "编辑：某某");
        assert_eq!(&text[..cuts[1].0.start], "现场公告。来源：某报");
        assert_eq!(
            sentences("【某报／记者某某台北报导】今年第5号台风持续接近，最快明天发布警报。"),
            vec!["【某报／记者某某台北报导】"]
        );
        // A bracketed lead with only a fragment after it is no lead.
        assert!(sentences("【视频】现场").is_empty());
    }

    #[test]
    fn a_half_width_stop_after_chinese_ends_a_sentence() {
        assert_eq!(
            sentences("请市民留意现场公告.来源:云溪晚报"),
            vec!["来源:云溪晚报"]
        );
        assert!(sentences("增长了3.5个百分点，访问a.php即可").is_empty());
        assert_eq!(
            sentences("覆盖率提高到92%.相关阅读：沿线站点一览"),
            vec!["相关阅读：沿线站点一览"]
        );
    }
}
