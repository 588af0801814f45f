//! Where an ASCII mark inside Chinese text is not prose punctuation: inside a URL, ending an
//! HTML entity, separating thousands.

use crate::chars::is_cjk;
use std::ops::Range;

/// Which bytes belong to a URL (`scheme://…` or `www.…`, up to a space or full-width
/// punctuation): a URL's `?`, `,` and `(` are the address, not prose. `spans` gets them in
/// order, apart.
pub(super) fn url_spans(line: &str, chars: &mut Vec<(usize, char)>, spans: &mut Vec<Range<usize>>) {
    chars.clear();
    chars.extend(line.char_indices());
    let byte = |k: usize| chars.get(k).map_or(line.len(), |&(b, _)| b);
    let at = |k: usize| chars[k].1;
    let starts_with = |i: usize, s: &[char]| {
        chars.len() - i >= s.len() && s.iter().enumerate().all(|(k, &c)| at(i + k) == c)
    };
    let ends = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '，' | '。'
                    | '；'
                    | '！'
                    | '？'
                    | '、'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '（'
                    | '）'
                    | '《'
                    | '》'
                    | '「'
                    | '」'
                    | '【'
                    | '】'
            )
    };
    let is_mark = |c: char| matches!(c, ',' | ';' | '!' | '?' | '.' | ')' | ']');
    // The end of the run of marks the scan is in. The scan only moves forward, so a run of a
    // million commas inside a URL is walked once.
    let mut run_end = 0;
    let mut i = 0;
    while i < chars.len() {
        let scheme = starts_with(i, &[':', '/', '/']);
        let www =
            starts_with(i, &['w', 'w', 'w', '.']) && (i == 0 || !at(i - 1).is_ascii_alphanumeric());
        if !scheme && !www {
            i += 1;
            continue;
        }
        let mut start = i;
        if scheme {
            // Stops at the previous `://` at the latest: each character is walked back once.
            while start > 0
                && (at(start - 1).is_ascii_alphanumeric() || "+.-".contains(at(start - 1)))
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
        let mut end = i;
        while end < chars.len() && !ends(at(end)) {
            if is_mark(at(end)) {
                if run_end <= end {
                    run_end = end;
                    while run_end < chars.len() && is_mark(at(run_end)) {
                        run_end += 1;
                    }
                }
                if run_end == chars.len() || is_cjk(at(run_end)) || at(run_end).is_whitespace() {
                    break;
                }
            }
            end += 1;
        }
        if start < end {
            spans.push(byte(start)..byte(end));
        }
        i = end.max(i + 1);
    }
    spans.sort_unstable_by_key(|span| span.start);
    let mut kept = 0;
    for k in 0..spans.len() {
        if kept > 0 && spans[k].start <= spans[kept - 1].end {
            spans[kept - 1].end = spans[kept - 1].end.max(spans[k].end);
        } else {
            spans[kept] = spans[k].clone();
            kept += 1;
        }
    }
    spans.truncate(kept);
}

/// `&quot;` or `&#8220;` (or the escaped `&amp;lt;`): the `;` at byte `i` belongs to an HTML
/// entity, not to the sentence. All of it is ASCII, so bytes are characters here.
pub(super) fn ends_html_entity(bytes: &[u8], i: usize) -> bool {
    let name_len = bytes[..i]
        .iter()
        .rev()
        .take(10)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    if name_len == 0 {
        return false;
    }
    let start = i - name_len;
    let amp_escaped = start >= 5 && &bytes[start - 5..start] == b"&amp;";
    start > 0 && (bytes[start - 1] == b'&' || amp_escaped)
}

/// `1,234` and `12,345,678.9`: digits before the comma at byte `i`, exactly three digits
/// after. A digit is one byte, and no other character holds a byte that looks like one.
pub(super) fn is_thousands_separator(bytes: &[u8], i: usize) -> bool {
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}
