//! Which spaces a conversion takes with it: full-width punctuation carries its own spacing,
//! so the spaces around a converted mark go, except a line's indentation and the spaces that
//! lay out a table row around a column bar.

use super::{Change, PunctMap, SPACE};

impl PunctMap {
    /// The changes for `targets` (byte, length, full-width form; by position): each
    /// conversion absorbs the spaces next to it that no earlier conversion took; a line's
    /// leading spaces are indentation, not spacing around punctuation. Conversions interact
    /// only through the spaces between them, so this works on one stretch of spaces and
    /// conversions at a time; each space is walked a bounded number of times.
    pub(super) fn absorb_spaces(
        &self,
        bytes: &[u8],
        targets: &[(usize, usize, char)],
        cells: &mut Vec<Cell>,
    ) -> Vec<Change> {
        let space = |(class, _): (u8, usize)| class & SPACE != 0;
        let mut lead = None;
        let mut changes = Vec::with_capacity(targets.len());
        let mut t = 0;
        while t < targets.len() {
            // Most conversions have no space next to them.
            let (at, len, full) = targets[t];
            if !space(self.class_at(bytes, at))
                && (at == 0 || self.class_back(bytes, at).1 & SPACE == 0)
                && (at + len == bytes.len() || !space(self.class_at(bytes, at + len)))
            {
                changes.push((at..at + len, full.to_string()));
                t += 1;
                continue;
            }
            let lead = *lead.get_or_insert_with(|| {
                let mut lead = 0;
                while lead < bytes.len() && space(self.class_at(bytes, lead)) {
                    lead += self.class_at(bytes, lead).1;
                }
                lead
            });
            // The stretch around the next conversion: spaces and conversions.
            let mut start = targets[t].0;
            while start > 0 {
                let (s, class) = self.class_back(bytes, start);
                if class & SPACE == 0 {
                    break;
                }
                start = s;
            }
            cells.clear();
            let mut k = start;
            while k < bytes.len() {
                let (class, len) = self.class_at(bytes, k);
                let space = class & SPACE != 0;
                let target = targets.get(t).filter(|&&(at, _, _)| at == k);
                if target.is_none() && !space {
                    break;
                }
                cells.push(Cell {
                    at: k,
                    len,
                    space,
                    full: target.map(|&(_, _, full)| full),
                    owner: FREE,
                });
                t += usize::from(target.is_some());
                k += len;
            }
            let n = cells.len();
            for i in 0..n {
                if cells[i].full.is_none() {
                    continue;
                }
                cells[i].owner = i;
                let mut j = i;
                while j > 0 && cells[j - 1].space && cells[j - 1].owner == FREE {
                    j -= 1;
                    cells[j].owner = i;
                }
                let mut k = i + 1;
                while k < n && cells[k].space && cells[k].owner == FREE {
                    cells[k].owner = i;
                    k += 1;
                }
            }
            for cell in cells.iter_mut().take_while(|cell| cell.at < lead) {
                cell.owner = FREE;
            }
            // Spaces around a column bar (`区域 | 成交(套) | 环比`) lay out a table row: they stay.
            if start > 0 && is_bar(self.class_back(bytes, start).0, bytes) {
                for cell in cells.iter_mut().take_while(|cell| cell.space) {
                    cell.owner = FREE;
                }
            }
            if is_bar(k, bytes) {
                for cell in cells.iter_mut().rev().take_while(|cell| cell.space) {
                    cell.owner = FREE;
                }
            }
            let mut i = 0;
            while i < n {
                let (o, from) = (cells[i].owner, cells[i].at);
                i += 1;
                if o == FREE {
                    continue;
                }
                while i < n && cells[i].owner == o {
                    i += 1;
                }
                let full = cells[o].full.expect("an owner is a conversion");
                let last = &cells[i - 1];
                changes.push((from..last.at + last.len, full.to_string()));
            }
        }
        changes
    }
}

/// A character of a stretch of spaces and conversions, in [`PunctMap::absorb_spaces`].
pub(super) struct Cell {
    at: usize,
    len: usize,
    space: bool,
    full: Option<char>,
    /// The cell of the conversion that replaces this one, or [`FREE`].
    owner: usize,
}

/// Not taken by any conversion.
const FREE: usize = usize::MAX;

/// Is the character at byte `at` a column bar (`|`, `｜`)?
fn is_bar(at: usize, bytes: &[u8]) -> bool {
    bytes
        .get(at..)
        .is_some_and(|rest| rest.starts_with(b"|") || rest.starts_with("｜".as_bytes()))
}
