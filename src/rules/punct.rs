//! Half-width punctuation inside Chinese prose becomes full-width, decided by context: the
//! nearest "strong" character on either side (skipping spaces, quotes and other punctuation)
//! must be CJK. `3:2`, `a.php?id=1` and `Hello, world` stay as they are.
//!
//! One pass per line, linear in its length whatever it holds: what a decision needs to know
//! about the characters behind is kept as it goes ([`Behind`]), what it needs ahead comes from
//! cursors that only move forward ([`Cursor`]), and brackets match on one stack per kind.

use crate::chars::{is_cjk, is_space};
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use std::collections::BTreeMap;

/// How far to look for a strong character: context further away than this says nothing about
/// the mark.
const CONTEXT: usize = 32;

// Classes of a character, looked up once per character of a line.
const SPACE: u8 = 1;
/// Never context (see [`PunctMap::class`]); digits aside.
const NEUTRAL: u8 = 1 << 1;
const DIGIT: u8 = 1 << 2;
const CJK: u8 = 1 << 3;
/// A key of `map` or `brackets`.
const MARK: u8 = 1 << 4;
/// Skipped when asking whether a comma sits between numbers: spaces and units.
const SKIP: u8 = 1 << 5;
/// May appear in notation such as `(0,1)`.
const NOTATION: u8 = 1 << 6;
/// ASCII letter, digit or `_`: brackets right after one are code or notation.
const WORD: u8 = 1 << 7;

// Flags of a line's bytes, for the look before any work.
const ASCII_MARK: u8 = 1;
/// Every CJK character (U+2E80 and up) starts with a byte 0xE2 or above.
const CJK_LEAD: u8 = 1 << 2;

#[derive(Debug, Clone, Copy)]
struct Bracket {
    /// Brackets of one kind close each other: `(` and `（` both close with `)` or `）`.
    kind: usize,
    full_open: char,
    full_close: char,
}

#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    single: Option<char>,
    open: Option<Bracket>,
    /// The kind of bracket this one closes.
    close: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct PunctMap {
    /// Sorted by character: the map is a handful of marks, a binary search beats hashing.
    marks: Vec<(char, Mark)>,
    kinds: usize,
    // Boxed: the rule enum holds a PunctMap inline.
    ascii: Box<[u8; 128]>,
    /// The non-ASCII neutral characters, sorted (spaces are neutral without being listed).
    wide_neutral: Vec<char>,
    first_byte: Box<[u8; 256]>,
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
        let mut single = BTreeMap::new();
        for (from, to) in map {
            single.insert(one_char(from)?, one_char(to)?);
        }
        // open → (close, full_open, full_close); close → the open it closes. A later bracket
        // overrides an earlier one that shares a character.
        let mut open = BTreeMap::new();
        let mut close = BTreeMap::new();
        for [o, c, fo, fc] in brackets {
            let (o, c, fo, fc) = (one_char(o)?, one_char(c)?, one_char(fo)?, one_char(fc)?);
            open.insert(o, (c, fo, fc));
            open.insert(fo, (c, fo, fc));
            close.insert(c, o);
            close.insert(fc, o);
        }
        if single.is_empty() && open.is_empty() {
            return Err("cjk-punctuation needs `map` or `brackets`".into());
        }
        // A bracket's kind is the half-width close its open pairs with.
        let mut kinds: Vec<char> = open.values().map(|&(c, _, _)| c).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let kind = |o: char| kinds.binary_search(&open[&o].0).expect("a kind per open");
        let mut marks: BTreeMap<char, Mark> = BTreeMap::new();
        for (&c, &full) in &single {
            marks.entry(c).or_default().single = Some(full);
        }
        for (&o, &(_, full_open, full_close)) in &open {
            marks.entry(o).or_default().open = Some(Bracket {
                kind: kind(o),
                full_open,
                full_close,
            });
        }
        for (&c, &o) in &close {
            marks.entry(c).or_default().close = Some(kind(o));
        }

        let mut neutral: Vec<char> = marks.keys().chain(single.values()).copied().collect();
        neutral.extend(['"', '\'', '“', '”', '‘', '’', '.', '…', '-', '—']);
        neutral.extend(['%', '‰', '％', '℃', '℉', '°']);
        let mut wide_neutral: Vec<char> =
            neutral.iter().copied().filter(|c| !c.is_ascii()).collect();
        wide_neutral.sort_unstable();
        wide_neutral.dedup();

        let mut ascii = Box::new([0; 128]);
        for (b, class) in (0u8..128).zip(ascii.iter_mut()) {
            let c = char::from(b);
            let flag = |on: bool, flag: u8| if on { flag } else { 0 };
            *class = flag(is_space(c), SPACE | NEUTRAL | SKIP)
                | flag(neutral.contains(&c), NEUTRAL)
                | flag(c.is_ascii_digit(), DIGIT)
                | flag(marks.contains_key(&c), MARK)
                | flag(c == '%', SKIP)
                | flag(c.is_ascii_alphanumeric() || ",.-+ ".contains(c), NOTATION)
                | flag(c.is_ascii_alphanumeric() || c == '_', WORD);
        }
        let mut first_byte = Box::new([0; 256]);
        first_byte[0xE2..].fill(CJK_LEAD);
        for &c in marks.keys().filter(|c| c.is_ascii()) {
            first_byte[c as usize] |= ASCII_MARK;
        }
        Ok(PunctMap {
            marks: marks.into_iter().collect(),
            kinds: kinds.len(),
            ascii,
            wide_neutral,
            first_byte,
        })
    }

    fn mark(&self, c: char) -> Option<&Mark> {
        let k = self.marks.binary_search_by_key(&c, |&(m, _)| m).ok()?;
        Some(&self.marks[k].1)
    }

    /// Could the line change at all? It needs an ASCII mark (only those convert; a full-width
    /// bracket matters only beside a half-width one) and a CJK character. Looks at the bytes
    /// only, so most lines cost no more than a read.
    fn worth_a_look(&self, line: &str) -> bool {
        if line.is_ascii() {
            return false;
        }
        let (mut mark, mut cjk) = (false, false);
        for &b in line.as_bytes() {
            let flags = self.first_byte[usize::from(b)];
            if flags == 0 {
                continue;
            }
            cjk |= flags & CJK_LEAD != 0;
            // A lead byte starts a character, so `k` is a character boundary.
            mark |= flags & ASCII_MARK != 0;
            if mark && cjk {
                return true;
            }
        }
        false
    }

    /// Spaces, quotes, dashes, the marks themselves (both widths) and units such as `%` and
    /// `℃` say nothing about the language around them: they are NEUTRAL. For marks that end a
    /// sentence digits are neutral too (`达到95%!` is Chinese).
    fn class(&self, c: char) -> u8 {
        if c.is_ascii() {
            return self.ascii[c as usize];
        }
        let mut class = 0;
        if is_space(c) {
            class |= SPACE | NEUTRAL | SKIP;
        }
        if self.wide_neutral.binary_search(&c).is_ok() {
            class |= NEUTRAL;
            if self.mark(c).is_some() {
                class |= MARK;
            }
        }
        if matches!(c, '‰' | '％' | '℃' | '°') {
            class |= SKIP;
        }
        if is_cjk(c) {
            class |= CJK;
        }
        class
    }

    /// The line's conversions: the byte range of each (with the spaces it absorbs: full-width
    /// punctuation carries its own spacing) and its full-width mark.
    fn changes(&self, line: &str, scratch: &mut Scratch) -> Vec<Change> {
        let Scratch {
            chars,
            class,
            in_url,
            target,
            owner,
            opens,
        } = scratch;
        chars.clear();
        class.clear();
        for c in line.chars() {
            chars.push(c);
            class.push(self.class(c));
        }
        let (chars, class) = (&chars[..], &class[..]);
        let n = chars.len();
        url_spans(chars, in_url);
        target.clear();
        target.resize(n, None);
        opens.clear(self.kinds);
        let mut behind = Behind::default();
        let mut ahead = Ahead::default();
        let mut any = false;
        for (i, &c) in chars.iter().enumerate() {
            if let Some(mark) = self.mark_at(chars, class, in_url, i) {
                if let Some(full) = mark.single {
                    if converts(chars, class, i, &behind, &mut ahead) {
                        target[i] = Some(full);
                        any = true;
                    }
                }
                if let Some(bracket) = mark.open {
                    opens.push(Open {
                        at: i,
                        bracket,
                        below: None,
                        after_word: behind.nonspace.is_some_and(|k| class[k] & WORD != 0),
                        cjk_before: behind.strong(0, i).is_some_and(|k| class[k] & CJK != 0),
                    });
                } else if let Some(open) = mark.close.and_then(|kind| opens.close(kind)) {
                    if pair_converts(&open, class, i, &behind, &mut ahead) {
                        let Bracket {
                            full_open,
                            full_close,
                            ..
                        } = open.bracket;
                        if chars[open.at] != full_open {
                            target[open.at] = Some(full_open);
                            any = true;
                        }
                        if c != full_close {
                            target[i] = Some(full_close);
                            any = true;
                        }
                    }
                }
            }
            behind.pass(i, c, class[i]);
        }
        if !any {
            return Vec::new();
        }
        absorb_spaces(chars, class, target, owner);
        let mut changes = Vec::new();
        let (mut i, mut byte) = (0, 0);
        while i < n {
            let (o, start) = (owner[i], byte);
            byte += chars[i].len_utf8();
            i += 1;
            if o == FREE {
                continue;
            }
            while i < n && owner[i] == o {
                byte += chars[i].len_utf8();
                i += 1;
            }
            let full = target[o].expect("an owner is a conversion");
            changes.push((start..byte, full.to_string()));
        }
        changes
    }

    fn mark_at(&self, chars: &[char], class: &[u8], in_url: &[bool], i: usize) -> Option<&Mark> {
        if class[i] & MARK == 0 || in_url[i] {
            return None;
        }
        self.mark(chars[i])
    }
}

/// Buffers kept from line to line: a document's lines allocate nothing once they are warm.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    class: Vec<u8>,
    in_url: Vec<bool>,
    target: Vec<Option<char>>,
    owner: Vec<usize>,
    opens: Opens,
}

#[derive(Clone, Copy)]
struct Open {
    at: usize,
    bracket: Bracket,
    /// The next open of the same kind down the stack.
    below: Option<usize>,
    after_word: bool,
    cjk_before: bool,
}

/// The unmatched opens, with the topmost of each kind at hand: a close finds its open in
/// O(1) even under a million opens of another kind.
#[derive(Default)]
struct Opens {
    stack: Vec<Open>,
    top: Vec<Option<usize>>,
}

impl Opens {
    fn clear(&mut self, kinds: usize) {
        self.stack.clear();
        self.top.clear();
        self.top.resize(kinds, None);
    }

    fn push(&mut self, mut open: Open) {
        let kind = open.bracket.kind;
        open.below = self.top[kind];
        self.top[kind] = Some(self.stack.len());
        self.stack.push(open);
    }

    /// The nearest open of the kind; the opens of other kinds above it go unmatched.
    fn close(&mut self, kind: usize) -> Option<Open> {
        let pos = self.top[kind]?;
        let open = self.stack[pos];
        for dropped in self.stack.drain(pos..).rev() {
            self.top[dropped.bracket.kind] = dropped.below;
        }
        Some(open)
    }
}

/// The nearest character of each sort before the position the pass is at: no decision scans
/// backwards.
#[derive(Default)]
struct Behind {
    /// Nearest strong character; `[1]` with digits neutral.
    strong: [Option<usize>; 2],
    nonspace: Option<usize>,
    nonskip: Option<usize>,
    /// Nearest strong CJK, comma and non-notation character: a bracket pair's content is
    /// checked in O(1) however deeply pairs nest.
    cjk: Option<usize>,
    comma: Option<usize>,
    not_notation: Option<usize>,
}

impl Behind {
    fn pass(&mut self, i: usize, c: char, class: u8) {
        if class & NEUTRAL == 0 {
            self.strong[0] = Some(i);
            if class & DIGIT == 0 {
                self.strong[1] = Some(i);
            }
            if class & CJK != 0 {
                self.cjk = Some(i);
            }
        }
        if class & SPACE == 0 {
            self.nonspace = Some(i);
        }
        if class & SKIP == 0 {
            self.nonskip = Some(i);
        }
        if c == ',' {
            self.comma = Some(i);
        }
        if class & NOTATION == 0 {
            self.not_notation = Some(i);
        }
    }

    /// The strong character before `i` (`numbers`: digits neutral), if within CONTEXT.
    fn strong(&self, numbers: usize, i: usize) -> Option<usize> {
        self.strong[numbers].filter(|&k| i - k <= CONTEXT)
    }
}

/// The first position at or after `from` whose class passes a test. Asked with `from` never
/// decreasing, it walks the line once in all.
#[derive(Default)]
struct Cursor(usize);

impl Cursor {
    fn find(&mut self, class: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
        self.0 = self.0.max(from);
        while self.0 < class.len() && !hit(class[self.0]) {
            self.0 += 1;
        }
        (self.0 < class.len()).then_some(self.0)
    }
}

/// The nearest character of each sort after the position the pass is at.
#[derive(Default)]
struct Ahead {
    strong: [Cursor; 2],
    nonspace: Cursor,
    nonskip: Cursor,
}

impl Ahead {
    /// The strong character after `i` (`numbers`: digits neutral), if within CONTEXT.
    fn strong(&mut self, class: &[u8], numbers: usize, i: usize) -> Option<usize> {
        let neutral = if numbers == 1 {
            NEUTRAL | DIGIT
        } else {
            NEUTRAL
        };
        self.strong[numbers]
            .find(class, i + 1, |c| c & neutral == 0)
            .filter(|&k| k - i <= CONTEXT)
    }
}

/// Should the mark at `i` become full-width? CJK before it decides; CJK after it decides
/// only when nothing Latin precedes, or when the CJK follows right away (`iPhone,你`), so
/// `print("Hello, world!"),屏幕` keeps its English `!`.
fn converts(chars: &[char], class: &[u8], i: usize, behind: &Behind, ahead: &mut Ahead) -> bool {
    let c = chars[i];
    let digit = |k: Option<usize>| k.is_some_and(|k| class[k] & DIGIT != 0);
    // `(115.395, 2.75, 2.44%)`: a list of numbers keeps its ASCII commas.
    if c == ','
        && (is_thousands_separator(class, i)
            || (digit(behind.nonskip)
                && digit(ahead.nonskip.find(class, i + 1, |c| c & SKIP == 0))))
    {
        return false;
    }
    if c == ';' && ends_html_entity(chars, i) {
        return false;
    }
    let numbers = usize::from(matches!(c, '!' | '?' | ','));
    let cjk = |k: usize| class[k] & CJK != 0;
    let before = behind.strong(numbers, i);
    if before.is_some_and(cjk) {
        return true;
    }
    let Some(after) = ahead.strong(class, numbers, i) else {
        return false;
    };
    if !cjk(after) {
        return false;
    }
    before.is_none() || ahead.nonspace.find(class, i + 1, |c| c & SPACE == 0) == Some(after)
}

/// Does the pair from `open` to the close at `i` become full-width? When it holds CJK or sits
/// next to CJK.
fn pair_converts(open: &Open, class: &[u8], i: usize, behind: &Behind, ahead: &mut Ahead) -> bool {
    // `(0,1)` or `(3, 4)`: an interval or coordinates, notation rather than prose.
    let notation = behind.comma.is_some_and(|k| k > open.at)
        && behind.not_notation.is_none_or(|k| k <= open.at);
    if notation {
        return false;
    }
    if behind.cjk.is_some_and(|k| k > open.at) {
        return true;
    }
    // Brackets right after a Latin letter or digit with no CJK inside are code or notation
    // (`f(x)`, `AVERAGE(B2:B9)`), whatever surrounds them.
    !open.after_word
        && (open.cjk_before
            || ahead
                .strong(class, 0, i)
                .is_some_and(|k| class[k] & CJK != 0))
}

/// Which characters belong to a URL (`scheme://…` or `www.…`, up to a space or full-width
/// punctuation): a URL's `?`, `,` and `(` are the address, not prose.
fn url_spans(chars: &[char], inside: &mut Vec<bool>) {
    inside.clear();
    inside.resize(chars.len(), false);
    let ends = |c: char| c.is_whitespace() || "，。；！？、“”‘’（）《》「」【】".contains(c);
    let is_mark = |c: char| ",;!?.)]".contains(c);
    // The end of the run of marks the scan is in. The scan only moves forward, so a run of a
    // million commas inside a URL is walked once.
    let mut run_end = 0;
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
            // Stops at the previous `://` at the latest: each character is walked back once.
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
        let mut end = i;
        while end < chars.len() && !ends(chars[end]) {
            if is_mark(chars[end]) {
                if run_end <= end {
                    run_end = end;
                    while run_end < chars.len() && is_mark(chars[run_end]) {
                        run_end += 1;
                    }
                }
                if chars
                    .get(run_end)
                    .is_none_or(|&n| is_cjk(n) || n.is_whitespace())
                {
                    break;
                }
            }
            end += 1;
        }
        inside[start..end].fill(true);
        i = end.max(i + 1);
    }
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
fn is_thousands_separator(class: &[u8], i: usize) -> bool {
    let digit = |j: usize| class.get(j).is_some_and(|c| c & DIGIT != 0);
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}

/// Not taken by any conversion, in [`absorb_spaces`]'s `owner`.
const FREE: usize = usize::MAX;

/// `owner[k]`: the conversion that replaces character `k`, itself or a space next to it.
/// Each conversion absorbs the spaces next to it that no earlier conversion took; a line's
/// leading spaces are indentation, not spacing around punctuation. Each space is taken once,
/// so a line of a million spaces costs a million steps.
fn absorb_spaces(chars: &[char], class: &[u8], target: &[Option<char>], owner: &mut Vec<usize>) {
    let n = chars.len();
    let space = |k: usize| class[k] & SPACE != 0;
    owner.clear();
    owner.resize(n, FREE);
    for i in (0..n).filter(|&i| target[i].is_some()) {
        owner[i] = i;
        let mut j = i;
        while j > 0 && space(j - 1) && owner[j - 1] == FREE {
            j -= 1;
            owner[j] = i;
        }
        let mut k = i + 1;
        while k < n && space(k) && owner[k] == FREE {
            owner[k] = i;
            k += 1;
        }
    }
    let lead = (0..n).take_while(|&k| space(k)).count();
    owner[..lead].fill(FREE);
}

/// The byte range of one conversion in the line, and the full-width mark replacing it.
type Change = (std::ops::Range<usize>, String);

pub(crate) fn apply(id: &RuleId, map: &PunctMap, doc: &mut Document, edits: &mut Vec<Edit>) {
    let mut scratch = Scratch::default();
    for line in doc.lines.iter_mut().filter(|l| l.visit(doc.pass)) {
        if !map.worth_a_look(&line.text) {
            continue;
        }
        let changes = map.changes(&line.text, &mut scratch);
        if !changes.is_empty() {
            line.rewrite(id, doc.input, changes, edits);
        }
    }
}

/// The converted line and its changes, `None` when nothing converts.
#[cfg(test)]
fn convert_line(map: &PunctMap, line: &str) -> Option<(String, Vec<Change>)> {
    let changes = map.changes(line, &mut Scratch::default());
    if changes.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut last = 0;
    for (range, full) in &changes {
        out.push_str(&line[last..range.start]);
        out.push_str(full);
        last = range.end;
    }
    out.push_str(&line[last..]);
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

    #[test]
    fn skips_lines_without_marks_or_cjk() {
        let map = map();
        // Only ASCII marks convert: full-width brackets alone leave nothing to do.
        for line in [
            "中文，中文。",
            "Hello, world",
            "café, ça (va)",
            "",
            "中文",
            "中文（注释）",
            "（x",
        ] {
            assert!(!map.worth_a_look(line), "{line}");
        }
        for line in ["中文,中文", "中文（注释)", "𠀀!"] {
            assert!(map.worth_a_look(line), "{line}");
        }
    }
}
