//! Walking the line around a mark: decoding UTF-8 by hand, what lies behind a mark
//! ([`Behind`], carried from mark to mark) and ahead of it ([`Ahead`], cursors that only move
//! forward), each bounded by [`CONTEXT`].

use super::*;

/// The character starting at byte `i` of valid UTF-8, and its length.
#[inline]
pub(super) fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b = bytes[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let (len, mut code) = match b {
        0xC0..0xE0 => (2, u32::from(b & 0x1F)),
        0xE0..0xF0 => (3, u32::from(b & 0x0F)),
        _ => (4, u32::from(b & 0x07)),
    };
    for &b in &bytes[i + 1..i + len] {
        code = code << 6 | u32::from(b & 0x3F);
    }
    (char::from_u32(code).expect("valid UTF-8"), len)
}

/// The character ending at byte `end` of valid UTF-8, and where it starts.
#[inline]
pub(super) fn decode_back(bytes: &[u8], end: usize) -> (usize, char) {
    let mut start = end - 1;
    while bytes[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    (start, decode(bytes, start).0)
}

/// Is the character at byte `to` within [`CONTEXT`] characters of the one at byte `from`?
pub(super) fn within(bytes: &[u8], from: usize, to: usize) -> bool {
    let span = to - from;
    span <= CONTEXT
        || (span <= CONTEXT_BYTES
            && bytes[from..to]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
                <= CONTEXT)
}

// What [`Behind::advance`] looks for.
pub(super) const FIND_STRONG: u8 = 1;
pub(super) const FIND_STRONG_NOT_DIGIT: u8 = 1 << 1;
pub(super) const FIND_NONSPACE: u8 = 1 << 2;
pub(super) const FIND_NONSKIP: u8 = 1 << 3;
pub(super) const FIND_CJK: u8 = 1 << 4;
pub(super) const FIND_NOT_NOTATION: u8 = 1 << 5;
pub(super) const FIND_WORD: u8 = 1 << 6;

/// The nearest character of each sort before a byte of the line (byte and class): no
/// decision scans backwards further than the previous mark.
pub(super) struct Behind {
    /// The byte everything before which is accounted for.
    pub(super) at: usize,
    /// What to look for: brackets need the last two only.
    pub(super) find: u8,
    /// Nearest strong character; `[1]` with digits neutral.
    pub(super) strong: [Option<(usize, u8)>; 2],
    pub(super) nonspace: Option<(usize, u8)>,
    pub(super) nonskip: Option<(usize, u8)>,
    /// Nearest strong CJK and non-notation character: a bracket pair's content is checked in
    /// O(1) however deeply pairs nest.
    pub(super) cjk: Option<usize>,
    pub(super) not_notation: Option<usize>,
    /// Nearest ASCII letter or digit: notation has one (`(,)` is not notation).
    pub(super) word: Option<usize>,
    /// The last `,`: every one is a stop, so the pass over the stops keeps this.
    pub(super) comma: Option<usize>,
}

impl Behind {
    pub(super) fn new(brackets: bool) -> Self {
        let find = FIND_STRONG | FIND_STRONG_NOT_DIGIT | FIND_NONSPACE | FIND_NONSKIP;
        Behind {
            at: 0,
            find: if brackets {
                find | FIND_CJK | FIND_NOT_NOTATION | FIND_WORD
            } else {
                find
            },
            strong: [None; 2],
            nonspace: None,
            nonskip: None,
            cjk: None,
            not_notation: None,
            word: None,
            comma: None,
        }
    }

    /// Move on to byte `to`: the characters since the last position are walked back only
    /// until each sort is found (usually the one right before `to` settles them all).
    pub(super) fn advance(&mut self, map: &PunctMap, bytes: &[u8], to: usize) {
        let mut find = self.find;
        let mut end = to;
        while find != 0 && end > self.at {
            let (k, class) = map.class_back(bytes, end);
            let mut found = |what: u8, hit: bool| {
                let now = find & what != 0 && hit;
                if now {
                    find &= !what;
                }
                now
            };
            if found(FIND_STRONG, class & NEUTRAL == 0) {
                self.strong[0] = Some((k, class));
            }
            if found(FIND_STRONG_NOT_DIGIT, class & (NEUTRAL | DIGIT) == 0) {
                self.strong[1] = Some((k, class));
            }
            if found(FIND_NONSPACE, class & SPACE == 0) {
                self.nonspace = Some((k, class));
            }
            if found(FIND_NONSKIP, class & SKIP == 0) {
                self.nonskip = Some((k, class));
            }
            if found(FIND_CJK, class & (NEUTRAL | CJK) == CJK) {
                self.cjk = Some(k);
            }
            if found(FIND_NOT_NOTATION, class & NOTATION == 0) {
                self.not_notation = Some(k);
            }
            if found(FIND_WORD, class & WORD != 0) {
                self.word = Some(k);
            }
            end = k;
        }
        self.at = to;
    }

    /// The strong character before byte `i` (`numbers`: digits neutral), if within CONTEXT.
    pub(super) fn strong(&self, bytes: &[u8], numbers: usize, i: usize) -> Option<(usize, u8)> {
        self.strong[numbers].filter(|&(k, _)| within(bytes, k, i))
    }
}

/// The first strong character at or after the byte a search starts from, as far as the
/// context reaches. Asked with starts never decreasing, it walks each byte once.
#[derive(Default)]
pub(super) struct Cursor {
    /// No strong character from the last search's start up to here.
    pub(super) at: usize,
    /// The strong character at `at`, when the last search found one.
    pub(super) hit: Option<(usize, u8)>,
}

/// The nearest strong character after a mark: `[1]` with digits neutral.
#[derive(Default)]
pub(super) struct Ahead {
    pub(super) strong: [Cursor; 2],
}

impl Ahead {
    /// The strong character after the mark at byte `i`, of `len` bytes (`numbers`: digits
    /// neutral), if within CONTEXT.
    pub(super) fn strong(
        &mut self,
        map: &PunctMap,
        bytes: &[u8],
        numbers: usize,
        i: usize,
        len: usize,
    ) -> Option<(usize, u8)> {
        let neutral = if numbers == 1 {
            NEUTRAL | DIGIT
        } else {
            NEUTRAL
        };
        let cursor = &mut self.strong[numbers];
        let from = i + len;
        let hit = match cursor.hit {
            Some(hit) if hit.0 >= from => Some(hit),
            _ => {
                let end = bytes.len().min(i + CONTEXT_BYTES + 1);
                let mut k = cursor.at.max(from);
                cursor.hit = None;
                while k < end {
                    let (class, len) = map.class_at(bytes, k);
                    if class & neutral == 0 {
                        cursor.hit = Some((k, class));
                        break;
                    }
                    k += len;
                }
                cursor.at = k;
                cursor.hit
            }
        };
        hit.filter(|&(k, _)| within(bytes, i, k))
    }
}
