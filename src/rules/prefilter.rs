//! Which rules can match a line at all: every pattern rule's required literals (found in its
//! pattern, or declared with `needs`), looked up by their first two characters. One walk
//! over a line's characters tells which rules to try; a body sentence without `编辑`, `来源` or `页`
//! is never handed to the editor-credit, source or pagination regexes.
//!
//! Why not an Aho-Corasick automaton: with the traditional forms the set holds some 800
//! literals whose first bytes are the lead bytes of every Han character, so the automaton's
//! own prefilter never skips and its overlapping scan cost ~27 instructions a byte. Two 8 KB
//! bit sets (one-character literals by character, longer ones by a hash of their first two
//! characters) reject almost every position in a few instructions; the few left are checked
//! with a `starts_with`. The verdict is the same set of literals found.

use super::shape_set::{Gate, ShapeSet};
use crate::chars::is_nfc_safe;
use crate::line_facts::RuleBits;
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone)]
pub(crate) struct Prefilter {
    /// Bit `c`: some literal starts with the BMP character `c` (the one test most
    /// characters get).
    first_bits: Box<[u64; 1024]>,
    /// Bit `c`: some one-character literal is the BMP character `c`.
    single_bits: Box<[u64; 1024]>,
    /// The one-character literals, sorted, with the rules that need them.
    singles: Vec<(char, RuleBits)>,
    /// Bit `pair_hash(a, b)`: some longer literal starts with the characters `a`, `b`.
    pair_bits: Box<[u64; 1024]>,
    /// The longer literals grouped by their first two characters, sorted by them:
    /// `(first, second, range)`. By pair, not by first character: a common first character
    /// (`本`, `来`) starts some twenty literals, and each hit compared them all.
    groups: Vec<(char, char, Range<usize>)>,
    /// The longer literals, sorted, with the rules that need them.
    literals: Vec<(Box<str>, RuleBits)>,
    /// Every character of every literal, sorted, with the rules whose literals hold it.
    holders: Vec<(char, RuleBits)>,
    /// Rules to try on every line: no literal set, or no pattern at all.
    always: RuleBits,
    /// Rules without literals whose patterns one lazy DFA tries instead.
    shapes: ShapeSet,
}

impl Default for Prefilter {
    fn default() -> Self {
        Prefilter {
            first_bits: Box::new([0; 1024]),
            single_bits: Box::new([0; 1024]),
            singles: Vec::new(),
            pair_bits: Box::new([0; 1024]),
            groups: Vec::new(),
            literals: Vec::new(),
            holders: Vec::new(),
            always: RuleBits::default(),
            shapes: ShapeSet::default(),
        }
    }
}

const BMP: usize = 0x10000;
const PAIR_BITS: usize = 1 << 16;

/// Where the pair `a`, `b` sits in the pair bit set: Han pairs spread over all of it.
fn pair_hash(a: u32, b: u32) -> usize {
    (a.wrapping_mul(0x9E37) ^ b) as usize % PAIR_BITS
}

/// Bit `i` (taken modulo 65,536) of a 65,536-bit set.
fn test_bit(bits: &[u64; 1024], i: usize) -> bool {
    bits[(i / 64) % 1024] & (1 << (i % 64)) != 0
}

/// The character at `at` (a character boundary of valid UTF-8) and its width in bytes.
#[inline(always)]
fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let lead = bytes[at] as u32;
    let next = |k: usize| (bytes[at + k] & 0x3F) as u32;
    match lead {
        0x00..=0x7F => (lead, 1),
        0x80..=0xDF => ((lead & 0x1F) << 6 | next(1), 2),
        0xE0..=0xEF => ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3),
        _ => (
            (lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3),
            4,
        ),
    }
}

fn set_bit(bits: &mut [u64; 1024], i: usize) {
    bits[(i / 64) % 1024] |= 1 << (i % 64);
}

impl Prefilter {
    /// `needs[i]`: the literals rule `i` needs, `None` to try it on every line.
    pub(crate) fn new(needs: &[Option<&[String]>]) -> Prefilter {
        // Keyed maps: the built-in rules have some 3,500 literals, and a linear search for
        // each made building the prefilter a quarter of every run's start-up.
        let mut all: BTreeMap<&str, RuleBits> = BTreeMap::new();
        let mut always = RuleBits::default();
        for (rule, needs) in needs.iter().enumerate() {
            match needs {
                None => always.set(rule),
                Some(needs) => {
                    for literal in needs.iter() {
                        if literal.is_empty() {
                            // Every line holds the empty string.
                            always.set(rule);
                            continue;
                        }
                        all.entry(literal.as_str()).or_default().set(rule);
                    }
                }
            }
        }
        let mut p = Prefilter {
            always,
            ..Prefilter::default()
        };
        let mut holders: BTreeMap<char, RuleBits> = BTreeMap::new();
        for (literal, bits) in &all {
            for c in literal.chars() {
                holders.entry(c).or_default().union(bits);
            }
        }
        p.holders = holders.into_iter().collect();
        for (literal, bits) in all {
            let mut chars = literal.chars();
            let first = chars.next().expect("literal is not empty");
            if (first as usize) < BMP {
                set_bit(&mut p.first_bits, first as usize);
            }
            match chars.next() {
                None => {
                    if (first as usize) < BMP {
                        set_bit(&mut p.single_bits, first as usize);
                    }
                    p.singles.push((first, bits));
                }
                Some(second) => {
                    set_bit(&mut p.pair_bits, pair_hash(first as u32, second as u32));
                    let i = p.literals.len();
                    p.literals.push((literal.into(), bits));
                    match p.groups.last_mut() {
                        Some((a, b, range)) if (*a, *b) == (first, second) => range.end = i + 1,
                        _ => p.groups.push((first, second, i..i + 1)),
                    }
                }
            }
        }
        p
    }

    /// Rules without literals (`needs[rule]` was `None`) are no longer tried on every line
    /// but only where their `gates` (see `Pattern::gate`) match.
    pub(crate) fn with_shapes(mut self, gates: Vec<(usize, Gate)>) -> Prefilter {
        self.shapes = ShapeSet::new(gates);
        self.always.remove(&self.shapes.gated);
        self
    }

    /// The rules tried on every line: neither a literal nor a shape decides for them.
    pub(crate) fn every_line(&self) -> RuleBits {
        self.always
    }

    /// The rules the shape pass decides for.
    pub(crate) fn shape_gated(&self) -> RuleBits {
        self.shapes.gated
    }

    /// After a rewrite: the gated rules' verdict on the new `text`.
    pub(crate) fn recheck_shapes(&self, text: &str, bits: &mut RuleBits) {
        bits.remove(&self.shapes.gated);
        self.shapes.add_hits(text, bits);
    }

    /// The rules without literals whose shape gates match `text` (a literal in `text` is one
    /// in any line that holds it, so a part of a line needs only this second look).
    pub(crate) fn shape_hits(&self, text: &str) -> RuleBits {
        let mut bits = RuleBits::default();
        self.shapes.add_hits(text, &mut bits);
        bits
    }

    /// The rules that may match `text`.
    #[cfg(test)]
    pub(crate) fn candidates(&self, text: &str) -> RuleBits {
        self.scan(text).0
    }

    /// The rules that may match `text`, and whether a character of it might change under NFC
    /// (the NFC rule's quick check, made in the same walk).
    pub(crate) fn scan(&self, text: &str) -> (RuleBits, bool) {
        let mut bits = self.always;
        let mut maybe_denormal = false;
        // A hand-decoded walk (the text is valid UTF-8): this loop is the prefilter's whole
        // cost, paid on every line.
        let bytes = text.as_bytes();
        // The start of the character before, when some literal starts with it.
        let mut opener: Option<(usize, u32)> = None;
        let mut at = 0;
        while at < bytes.len() {
            let (c, width) = decode(bytes, at);
            maybe_denormal |= !is_nfc_safe(c);
            if let Some((start, first)) = opener.take() {
                if test_bit(&self.pair_bits, pair_hash(first, c)) {
                    self.check_group(first, c, &text[start..], &mut bits);
                }
            }
            if c >= BMP as u32 || test_bit(&self.first_bits, c as usize) {
                if c >= BMP as u32 || test_bit(&self.single_bits, c as usize) {
                    self.check_single(c, &mut bits);
                }
                opener = Some((at, c));
            }
            at += width;
        }
        self.shapes.add_hits(text, &mut bits);
        (bits, maybe_denormal)
    }

    fn check_single(&self, c: u32, bits: &mut RuleBits) {
        if let Ok(s) = self
            .singles
            .binary_search_by(|(single, _)| (*single as u32).cmp(&c))
        {
            bits.union(&self.singles[s].1);
        }
    }

    /// The rules with a literal that holds one of `chars`: after a rewrite put `chars` into a
    /// line, these are the only rules whose literals can occur in it where they did not.
    pub(crate) fn rules_with_chars(&self, chars: &[char]) -> RuleBits {
        let mut bits = RuleBits::default();
        for c in chars {
            if let Ok(h) = self.holders.binary_search_by(|(h, _)| h.cmp(c)) {
                bits.union(&self.holders[h].1);
            }
        }
        bits
    }

    /// Add the rules of every longer literal that `rest` starts with (it starts with the
    /// characters `first`, `second`).
    fn check_group(&self, first: u32, second: u32, rest: &str, bits: &mut RuleBits) {
        if let Ok(g) = self
            .groups
            .binary_search_by(|(a, b, _)| (*a as u32, *b as u32).cmp(&(first, second)))
        {
            for (literal, rules) in &self.literals[self.groups[g].2.clone()] {
                if rest.starts_with(&**literal) {
                    bits.union(rules);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_without_a_rules_literals_skips_it() {
        let editor = ["编辑".to_string(), "责编".to_string()];
        let page = ["页".to_string()];
        let p = Prefilter::new(&[Some(&editor), None, Some(&page)]);
        let bits = p.candidates("责编：王五");
        assert!(bits.get(0) && bits.get(1) && !bits.get(2));
        let bits = p.candidates("今天天气很好。");
        assert!(!bits.get(0) && bits.get(1) && !bits.get(2));
        let bits = p.candidates("上一页 编辑");
        assert!(bits.get(0) && bits.get(2));
    }

    #[test]
    fn overlapping_and_nested_literals_are_all_found() {
        // `来源` ends where `源网络` starts inside it; `编辑` sits inside `责任编辑`.
        let source = ["来源".to_string()];
        let network = ["源网络".to_string()];
        let credit = ["责任编辑".to_string()];
        let editor = ["编辑".to_string()];
        let p = Prefilter::new(&[Some(&source), Some(&network), Some(&credit), Some(&editor)]);
        let bits = p.candidates("图片来源网络 责任编辑");
        assert!((0..4).all(|r| bits.get(r)));
        assert!(!p.candidates("图片来自网络").get(1));
    }

    #[test]
    fn literals_outside_the_bmp_and_ascii_controls_are_found() {
        let emoji = ["👉点击".to_string()];
        let escape = ["\u{1b}[".to_string()];
        let p = Prefilter::new(&[Some(&emoji), Some(&escape)]);
        assert!(p.candidates("看这里👉点击阅读").get(0));
        assert!(!p.candidates("看这里👉阅读").get(0));
        assert!(p.candidates("x\u{1b}[31m").get(1));
        assert!(!p.candidates("x\u{1b}").get(1));
    }
}
