//! Half-width punctuation inside Chinese prose becomes full-width, decided by context: the
//! nearest "strong" character on either side (skipping spaces, quotes and other punctuation)
//! must be CJK. `3:2`, `a.php?id=1` and `Hello, world` stay as they are.
//!
//! One pass per line over the bytes, stopping only at the marks (found with a byte table):
//! the text between two marks is decoded only as far back as a decision needs, what is known
//! about the characters behind is carried from mark to mark ([`Behind`]), what a decision
//! needs ahead is looked for within the context bound by cursors that only move forward
//! ([`Ahead`]; both in `walk`), and brackets match on one stack per kind (`brackets`). Each
//! step is bounded or walks a stretch of the line that no other step walks for the same
//! purpose, so a line costs time linear in its length whatever it holds.

use crate::chars::{is_cjk, is_space};
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use memchr::memmem;
use std::collections::BTreeMap;
use std::ops::Range;

/// How far to look for a strong character: context further away than this says nothing about
/// the mark.
mod brackets;
mod shapes;
mod spacing;
mod walk;
use brackets::{Bracket, Open, Opens};
use shapes::{ends_html_entity, is_thousands_separator, url_spans};
use spacing::Cell;
use walk::{decode, decode_back, Ahead, Behind};

const CONTEXT: usize = 32;
/// A character takes at most 4 bytes: a character further than this many bytes away is out
/// of [`CONTEXT`].
const CONTEXT_BYTES: usize = 4 * CONTEXT;

// Classes of a character, looked up as a decision needs them.
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

// Flags of a line's bytes.
/// Starts a mark that can change (a half-width mark, a bracket that is not its full-width
/// form; for the built-in map, the ASCII marks only).
const CAN_CHANGE: u8 = 1;
/// Starts a character the pass stops at: a mark, or a `,` (brackets ask where the last one
/// is).
const STOP: u8 = 1 << 1;
/// Every CJK character (U+2E80 and up) starts with a byte 0xE2 or above.
const CJK_LEAD: u8 = 1 << 2;
/// May start a bracket that changes (see [`PunctMap::new`]): without one, a line's brackets
/// are left unpaired.
const LIVE_BRACKET: u8 = 1 << 3;

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
    /// The ASCII ones, at hand.
    ascii_marks: Box<[Option<Mark>; 128]>,
    kinds: usize,
    // Boxed: the rule enum holds a PunctMap inline.
    ascii: Box<[u8; 128]>,
    /// The non-ASCII neutral characters, sorted (spaces are neutral without being listed).
    wide_neutral: Vec<char>,
    /// No character of U+3400..=U+9FFF is neutral: the common Han characters' class is CJK
    /// without a look at the lists.
    plain_han: bool,
    first_byte: Box<[u8; 256]>,
    /// The classes of U+2000..=U+20FF, U+3000..=U+30FF and U+FF00..=U+FFFF (general and CJK
    /// punctuation, full-width forms): the non-Han characters of Chinese text.
    wide: Box<[u8; 3 * 256]>,
    /// `://` and `www.`, which every URL holds. Boxed: they are large.
    url_marks: Box<[memmem::Finder<'static>; 2]>,
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
        // A bracket is live when a pair it is in can change it: an open that is not its own
        // full-width form, a close that some open of its kind replaces. A pair of brackets
        // that are not live changes nothing (`（注释）`).
        let live = |c: char, m: &Mark| match (m.open, m.close) {
            (Some(b), _) => b.full_open != c,
            (None, Some(k)) => open.iter().any(|(&o, &(_, _, fc))| kind(o) == k && fc != c),
            (None, None) => false,
        };

        let mut neutral: Vec<char> = marks.keys().chain(single.values()).copied().collect();
        neutral.extend(['"', '\'', '“', '”', '‘', '’', '.', '…', '-', '—']);
        neutral.extend(['%', '‰', '％', '℃', '℉', '°']);
        let mut wide_neutral: Vec<char> =
            neutral.iter().copied().filter(|c| !c.is_ascii()).collect();
        wide_neutral.sort_unstable();
        wide_neutral.dedup();
        let plain_han = !wide_neutral
            .iter()
            .any(|c| ('\u{3400}'..='\u{9FFF}').contains(c));

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
        for (&c, m) in &marks {
            let mut utf8 = [0; 4];
            let lead = usize::from(c.encode_utf8(&mut utf8).as_bytes()[0]);
            first_byte[lead] |= STOP;
            if m.single.is_some_and(|full| full != c) || live(c, m) {
                first_byte[lead] |= CAN_CHANGE;
            }
            if live(c, m) {
                first_byte[lead] |= LIVE_BRACKET;
            }
        }
        if !open.is_empty() {
            first_byte[usize::from(b',')] |= STOP;
        }
        let mut ascii_marks = Box::new([None; 128]);
        for (&c, &m) in marks.iter().filter(|(c, _)| c.is_ascii()) {
            ascii_marks[c as usize] = Some(m);
        }
        let mut map = PunctMap {
            marks: marks.into_iter().collect(),
            ascii_marks,
            kinds: kinds.len(),
            ascii,
            wide_neutral,
            plain_han,
            first_byte,
            wide: Box::new([0; 3 * 256]),
            url_marks: Box::new(
                [b"://".as_slice(), b"www."].map(|s| memmem::Finder::new(s).into_owned()),
            ),
        };
        for (k, block) in [0x2000, 0x3000, 0xFF00].into_iter().enumerate() {
            for low in 0..256 {
                let c = char::from_u32(block + low).expect("no surrogates here");
                map.wide[k * 256 + low as usize] = map.class_of(c);
            }
        }
        Ok(map)
    }

    fn mark(&self, c: char) -> Option<&Mark> {
        if c.is_ascii() {
            return self.ascii_marks[c as usize].as_ref();
        }
        let k = self.marks.binary_search_by_key(&c, |&(m, _)| m).ok()?;
        Some(&self.marks[k].1)
    }

    /// Could the line change at all? It needs a mark that can change (a full-width bracket
    /// matters only beside a half-width one) and a CJK character. Looks at the bytes only, so
    /// most lines cost no more than a read.
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
            mark |= flags & CAN_CHANGE != 0;
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
        if self.plain_han && ('\u{3400}'..='\u{9FFF}').contains(&c) {
            return CJK;
        }
        let low = c as usize & 0xFF;
        match c as u32 >> 8 {
            0x20 => self.wide[low],
            0x30 => self.wide[256 + low],
            0xFF => self.wide[512 + low],
            _ => self.class_of(c),
        }
    }

    /// [`PunctMap::class`] worked out.
    fn class_of(&self, c: char) -> u8 {
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

    /// The class and length of the character at byte `k`.
    #[inline]
    fn class_at(&self, bytes: &[u8], k: usize) -> (u8, usize) {
        let b = bytes[k];
        if b < 0x80 {
            return (self.ascii[usize::from(b)], 1);
        }
        // U+4000..=U+9FFF.
        if self.plain_han && (0xE4..=0xE9).contains(&b) {
            return (CJK, 3);
        }
        let (c, len) = decode(bytes, k);
        (self.class(c), len)
    }

    /// The start and class of the character ending at byte `end`.
    #[inline]
    fn class_back(&self, bytes: &[u8], end: usize) -> (usize, u8) {
        let b = bytes[end - 1];
        if b < 0x80 {
            return (end - 1, self.ascii[usize::from(b)]);
        }
        if self.plain_han && end >= 3 && (0xE4..=0xE9).contains(&bytes[end - 3]) {
            return (end - 3, CJK);
        }
        let (start, c) = decode_back(bytes, end);
        (start, self.class(c))
    }

    /// The line's conversions: the byte range of each (with the spaces it absorbs: full-width
    /// punctuation carries its own spacing) and its full-width mark.
    fn changes(&self, line: &str, scratch: &mut Scratch) -> Vec<Change> {
        let Scratch {
            stops,
            urls,
            url_chars,
            targets,
            cells,
            opens,
        } = scratch;
        let bytes = line.as_bytes();
        let seen = self.stops(bytes, stops);
        // Brackets are paired only on lines where a pair can change something.
        let brackets = seen & LIVE_BRACKET != 0;
        urls.clear();
        if self.url_marks.iter().any(|f| f.find(bytes).is_some()) {
            url_spans(line, url_chars, urls);
        }
        targets.clear();
        opens.clear(self.kinds);
        let mut behind = Behind::new(brackets);
        let mut ahead = Ahead::default();
        let mut comma = None;
        let mut url = 0;
        for &i in stops.iter() {
            let (c, len) = decode(bytes, i);
            while url < urls.len() && urls[url].end <= i {
                url += 1;
            }
            let in_url = url < urls.len() && urls[url].start <= i;
            let mut converted = false;
            if let Some(mark) = self.mark(c).filter(|_| !in_url) {
                behind.advance(self, bytes, i);
                if let Some(full) = mark.single {
                    if self.converts(bytes, c, i, len, &behind, &mut ahead) {
                        targets.push((i, len, full));
                        converted = true;
                    }
                }
                if !brackets {
                    // No pair on the line can change.
                } else if let Some(bracket) = mark.open {
                    opens.push(Open {
                        at: i,
                        len,
                        full: c == bracket.full_open,
                        bracket,
                        below: None,
                        after_word: behind.nonspace.is_some_and(|(_, cl)| cl & WORD != 0),
                        link: i > 0 && bytes[i - 1] == b']',
                        cjk_before: behind
                            .strong(bytes, 0, i)
                            .is_some_and(|(_, cl)| cl & CJK != 0),
                    });
                } else if let Some(open) = mark.close.and_then(|kind| opens.close(kind)) {
                    behind.comma = comma;
                    if self.pair_converts(&open, bytes, i, len, &behind, &mut ahead) {
                        let Bracket {
                            full_open,
                            full_close,
                            ..
                        } = open.bracket;
                        if !open.full {
                            targets.push((open.at, open.len, full_open));
                        }
                        if c != full_close {
                            targets.push((i, len, full_close));
                        }
                    }
                }
            }
            // Notation keeps its commas (`(0,1)`); a comma that turns full-width is prose, and
            // counting it would make `(3,)` notation now and not in the next run.
            if c == ',' && !converted {
                comma = Some(i);
            }
        }
        if targets.is_empty() {
            return Vec::new();
        }
        // Opens are decided at their close: in order of position, the last decision on a
        // mark (a pair's over the mark's own) stands.
        targets.sort_by_key(|&(at, _, _)| at);
        let mut kept = 0;
        for k in 0..targets.len() {
            if kept > 0 && targets[kept - 1].0 == targets[k].0 {
                targets[kept - 1] = targets[k];
            } else {
                targets[kept] = targets[k];
                kept += 1;
            }
        }
        targets.truncate(kept);
        self.absorb_spaces(bytes, targets, cells)
    }

    /// The bytes the pass stops at, into `stops`, and their flags together. Most stretches of
    /// 8 bytes hold none, and are passed with one test.
    fn stops(&self, bytes: &[u8], stops: &mut Vec<usize>) -> u8 {
        let flag = |b: u8| self.first_byte[usize::from(b)];
        stops.clear();
        let mut seen = 0;
        let mut chunks = bytes.chunks_exact(8);
        let mut at = 0;
        let mut look = |at: usize, chunk: &[u8]| {
            for (k, &b) in chunk.iter().enumerate() {
                if flag(b) & STOP != 0 {
                    stops.push(at + k);
                    seen |= flag(b);
                }
            }
        };
        for chunk in &mut chunks {
            if chunk.iter().fold(0, |any, &b| any | flag(b)) & STOP != 0 {
                look(at, chunk);
            }
            at += 8;
        }
        look(at, chunks.remainder());
        seen
    }

    /// Should the mark `c` at byte `i` become full-width? CJK before it decides; CJK after it
    /// decides only when nothing Latin precedes, or when the CJK follows right away
    /// (`iPhone,你`), so `print("Hello, world!"),屏幕` keeps its English `!`.
    fn converts(
        &self,
        bytes: &[u8],
        c: char,
        i: usize,
        len: usize,
        behind: &Behind,
        ahead: &mut Ahead,
    ) -> bool {
        let digit = |k: Option<(usize, u8)>| k.is_some_and(|(_, cl)| cl & DIGIT != 0);
        // `(115.395, 2.75, 2.44%)`: a list of numbers keeps its ASCII commas.
        if c == ','
            && (is_thousands_separator(bytes, i)
                || (digit(behind.nonskip) && digit(self.next(bytes, i + len, SKIP))))
        {
            return false;
        }
        if c == ';' && ends_html_entity(bytes, i) {
            return false;
        }
        let numbers = usize::from(matches!(c, '!' | '?' | ','));
        let cjk = |(_, cl): (usize, u8)| cl & CJK != 0;
        let before = behind.strong(bytes, numbers, i);
        if before.is_some_and(cjk) {
            return true;
        }
        let Some(after) = ahead.strong(self, bytes, numbers, i, len) else {
            return false;
        };
        if !cjk(after) {
            return false;
        }
        // `soupdumpling: 辛苦了`, `site_name: 某某网`: a colon after a Latin word and before a
        // space is set in the Latin way, a label or a handle; it stays.
        if c == ':' && before.is_some() && matches!(bytes.get(i + len), Some(b' ' | b'\t')) {
            return false;
        }
        before.is_none() || self.next(bytes, i + len, SPACE).map(|(k, _)| k) == Some(after.0)
    }

    /// Does the pair from `open` to the close at byte `i` become full-width? When it holds CJK
    /// or sits next to CJK.
    fn pair_converts(
        &self,
        open: &Open,
        bytes: &[u8],
        i: usize,
        len: usize,
        behind: &Behind,
        ahead: &mut Ahead,
    ) -> bool {
        // `(0,1)` or `(3, 4)`: an interval or coordinates, notation rather than prose. It holds
        // a letter or digit: `(,)` is not notation, and would be once its comma turned
        // full-width (a second run would then convert the pair: not idempotent).
        let notation = behind.comma.is_some_and(|k| k > open.at)
            && behind.word.is_some_and(|k| k > open.at)
            && behind.not_notation.is_none_or(|k| k <= open.at);
        // `[text](url)`: Markdown link syntax, not prose brackets.
        if notation || open.link {
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
                    .strong(self, bytes, 0, i, len)
                    .is_some_and(|(_, cl)| cl & CJK != 0))
    }

    /// The first character at or after byte `from` without any of the classes `skip`, with
    /// its class. Asked after a comma for SKIP, the walk ends at the next comma at the
    /// latest; asked for SPACE, at a strong character within the context.
    fn next(&self, bytes: &[u8], from: usize, skip: u8) -> Option<(usize, u8)> {
        let mut k = from;
        while k < bytes.len() {
            let (class, len) = self.class_at(bytes, k);
            if class & skip == 0 {
                return Some((k, class));
            }
            k += len;
        }
        None
    }
}

/// Buffers kept from line to line: a document's lines allocate nothing once they are warm.
#[derive(Default)]
struct Scratch {
    /// The bytes the pass stops at.
    stops: Vec<usize>,
    /// The line's URLs, byte ranges in order.
    urls: Vec<Range<usize>>,
    url_chars: Vec<(usize, char)>,
    /// Conversions: byte, length and full-width form.
    targets: Vec<(usize, usize, char)>,
    cells: Vec<Cell>,
    opens: Opens,
}

/// The byte range of one conversion in the line, and the full-width mark replacing it.
type Change = (Range<usize>, String);

// Not inlined: one call per document pass, and profiles can tell the pass apart.
#[inline(never)]
pub(crate) fn apply(id: &RuleId, map: &PunctMap, doc: &mut Document, edits: &mut Vec<Edit>) {
    let mut scratch = Scratch::default();
    for line in doc.lines.iter_mut().filter(|l| l.visit(doc.pass)) {
        if !map.worth_a_look(&line.text) || is_code(&line.text) {
            continue;
        }
        let changes = map.changes(&line.text, &mut scratch);
        if !changes.is_empty() {
            line.rewrite(id, doc.input, changes, edits);
        }
    }
}

/// A line of code with Chinese only in its strings or comments (`var tip = "加载中,请稍候";`):
/// its marks are syntax, not prose. The code rule drops such lines whole; converting them
/// first would hide them from it.
fn is_code(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'{' | b'}' | b'=' | b';'))
        && text.bytes().any(|b| b.is_ascii_alphabetic())
        && super::predicates::no_han_outside_quotes(text)
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
mod tests;
