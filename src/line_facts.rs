//! What the rule set found out about a line, kept on the line until its text changes: which
//! rules may match it (the prefilter's verdict), which were tried and which matched. Kept
//! apart from `document`, which only carries it: the rules fill it in and read it.

/// What the rule set found out about a line's current text, kept until the text changes: the
/// rules its literals allow ([`crate::rules`]'s prefilter), and which line-dropping rules match
/// it (the furniture mask that zones count past).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineFacts {
    /// Bit `i`: rule `i` of the set may match this line (its required literals occur).
    pub candidates: RuleBits,
    /// The line rules tried on the line, and whether each matches the whole line.
    pub verdicts: Verdicts,
    /// Some character might change under NFC (see [`crate::rules`]' `is_nfc_safe`).
    pub maybe_denormal: bool,
    /// Characters rewrites put in (or joined across) since `candidates` was found: a literal
    /// that occurs now and did not before holds one of them, so the candidates grow by the
    /// rules whose literals hold them instead of a new scan of the line.
    pub pending: KeyChars,
    /// The text changed since the shape pass looked at it: removing characters can make a
    /// line match a shape it did not (`\u{1a},` becomes a lone `,`), so literals do not tell.
    pub reshape: bool,
}

impl LineFacts {
    /// Do the candidates describe the line's text as it is now?
    pub(crate) fn is_current(&self) -> bool {
        self.pending.is_empty() && !self.reshape
    }
}

/// The verdicts of the last few line rules tried on a line. Only rules whose literals the line
/// holds are tried, so a line sees a handful; one that falls out is tried again. Small, not a
/// bit per rule: a long document keeps one per line, and a rule's walk reads it on every line
/// it may match (two 128-byte bit sets per line made a 30 MB document's walks miss the cache).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Verdicts {
    rules: [u16; 16],
    /// Bit `k`: `rules[k]` matched.
    matched: u16,
    len: u8,
    /// Where the next verdict goes once all sixteen are taken (the oldest).
    next: u8,
}

impl Verdicts {
    /// Rule `r`'s verdict, if it is kept.
    pub(crate) fn get(&self, r: usize) -> Option<bool> {
        let k = self.rules[..self.len as usize]
            .iter()
            .position(|&x| x as usize == r)?;
        Some(self.matched & (1 << k) != 0)
    }

    pub(crate) fn set(&mut self, r: usize, matched: bool) {
        let Ok(rule) = u16::try_from(r) else {
            return; // not kept: tried again
        };
        let kept = self.rules[..self.len as usize]
            .iter()
            .position(|&x| x == rule);
        let k = if let Some(k) = kept {
            k
        } else if (self.len as usize) < self.rules.len() {
            self.len += 1;
            self.len as usize - 1
        } else {
            let k = self.next as usize;
            self.next = (self.next + 1) % self.rules.len() as u8;
            k
        };
        self.rules[k] = rule;
        if matched {
            self.matched |= 1 << k;
        } else {
            self.matched &= !(1 << k);
        }
    }
}

/// A few characters; too many for the set makes it `full` (scan the line again).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct KeyChars {
    chars: [char; 8],
    len: u8,
    pub full: bool,
}

impl KeyChars {
    pub(crate) fn add(&mut self, c: char) {
        if self.full || self.chars[..self.len as usize].contains(&c) {
            return;
        }
        if self.len as usize == self.chars.len() {
            self.full = true;
        } else {
            self.chars[self.len as usize] = c;
            self.len += 1;
        }
    }

    pub(crate) fn chars(&self) -> &[char] {
        &self.chars[..self.len as usize]
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0 && !self.full
    }
}

/// The 64-bit words of a [`RuleBits`].
const WORDS: usize = 16;

/// A set of rule indexes. Rules past the last bit are always candidates and never cached:
/// 1,024 leaves room for the built-in catalogue doubled and a user's own rules beside it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RuleBits([u64; WORDS]);

impl RuleBits {
    /// How many rules the bits can tell apart.
    pub(crate) const CAPACITY: usize = WORDS * 64;

    pub(crate) fn set(&mut self, i: usize) {
        if i < Self::CAPACITY {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    pub(crate) fn get(&self, i: usize) -> bool {
        i >= Self::CAPACITY || self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub(crate) fn clear(&mut self, i: usize) {
        if i < Self::CAPACITY {
            self.0[i / 64] &= !(1 << (i % 64));
        }
    }

    /// Keep only the bits also set in `other`.
    pub(crate) fn intersect(&mut self, other: &RuleBits) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a &= b;
        }
    }

    /// The indexes of the set bits, in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = usize> {
        (0..WORDS).flat_map(move |w| {
            let mut word = self.0[w];
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    w * 64 + bit
                })
            })
        })
    }

    /// Clear the bits set in `other`.
    pub(crate) fn remove(&mut self, other: &RuleBits) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a &= !b;
        }
    }

    pub(crate) fn union(&mut self, other: &RuleBits) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_keep_the_last_sixteen_rules_tried() {
        let mut v = Verdicts::default();
        assert_eq!(v.get(3), None);
        for r in 0..20 {
            v.set(r, r % 3 == 0);
        }
        // The four oldest fell out; the others keep their verdicts.
        assert!((0..4).all(|r| v.get(r).is_none()));
        assert!((4..20).all(|r| v.get(r) == Some(r % 3 == 0)));
        v.set(7, true);
        v.set(8, true);
        assert_eq!((v.get(7), v.get(8)), (Some(true), Some(true)));
        assert_eq!(
            v.get(4),
            Some(false),
            "a verdict changed in place evicts nothing"
        );
        assert_eq!(v.get(100_000), None);
        v.set(100_000, true);
        assert_eq!(v.get(100_000), None, "an index past u16 is not kept");
    }
}
