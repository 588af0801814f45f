//! Sets of branches by character: which branches a text's first or last character, or a
//! character it holds, leaves in play.

use crate::line_facts::RuleBits;

/// For each stretch of characters, the branches whose edge may be one of them: `starts[i]`
/// begins a stretch that runs up to `starts[i + 1]`.
#[derive(Debug, Default)]
pub(super) struct EdgeIndex {
    starts: Vec<char>,
    gates: Vec<RuleBits>,
    /// The stretch of each character of the BMP: a lookup where a search took a dozen steps
    /// (the required characters are asked of every character of a line).
    bmp: Box<[u16]>,
}

impl EdgeIndex {
    /// `sets[g]`: the characters branch `g`'s edge may be, `None` for any.
    pub(super) fn new(sets: &[Option<Vec<(char, char)>>]) -> EdgeIndex {
        // Where each branch's membership starts and stops, swept in order.
        let mut events: Vec<(u32, bool, usize)> = Vec::new();
        let mut always = RuleBits::default();
        for (g, set) in sets.iter().enumerate() {
            match set {
                None => always.set(g),
                Some(ranges) => {
                    for &(a, b) in ranges {
                        events.push((a as u32, true, g));
                        events.push((b as u32 + 1, false, g));
                    }
                }
            }
        }
        events.sort_unstable();
        let mut depth = vec![0u32; sets.len()];
        let mut index = EdgeIndex {
            starts: vec!['\0'],
            gates: vec![always],
            bmp: Box::default(),
        };
        let mut at = 0;
        while at < events.len() {
            let cut = events[at].0;
            while at < events.len() && events[at].0 == cut {
                let (_, opens, g) = events[at];
                if opens {
                    depth[g] += 1;
                } else {
                    depth[g] -= 1;
                }
                at += 1;
            }
            let mut bits = always;
            (0..sets.len())
                .filter(|&g| depth[g] > 0)
                .for_each(|g| bits.set(g));
            // A cut inside the surrogates starts its stretch at the next character.
            let Some(start) = (cut..=0x10FFFF).find_map(char::from_u32) else {
                continue;
            };
            if index.gates.last() == Some(&bits) {
                continue;
            }
            if index.starts.last() == Some(&start) {
                *index.gates.last_mut().expect("one stretch at least") = bits;
            } else {
                index.starts.push(start);
                index.gates.push(bits);
            }
        }
        if index.starts.len() <= usize::from(u16::MAX) {
            let mut stretch = 0;
            index.bmp = (0..0x10000u32)
                .map(|c| {
                    while index
                        .starts
                        .get(stretch + 1)
                        .is_some_and(|&s| s as u32 <= c)
                    {
                        stretch += 1;
                    }
                    stretch as u16
                })
                .collect();
        }
        index
    }

    pub(super) fn get(&self, c: char) -> &RuleBits {
        if let Some(&i) = self.bmp.get(c as usize) {
            return &self.gates[usize::from(i)];
        }
        let i = self.starts.partition_point(|&s| s <= c);
        &self.gates[i - 1]
    }
}
