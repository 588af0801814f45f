//! What a gate's pattern says about the texts it can match: its branches, and every
//! character a match can hold.

use regex_syntax::hir::{Hir, HirKind};

/// The most branches one whole-line gate is split into.
pub(super) const MAX_BRANCHES: usize = 16;

/// A whole-line gate as one gate per branch of its alternations (`\A x (a|b) y \z` →
/// `\A x a y \z`, `\A x b y \z`), at most `budget` of them, so that each branch's edges,
/// length and characters rule it out on its own: a rule for `知道了`, `取消` or `相关阅读` is
/// one alternation, and as a whole its edges allowed almost any line.
pub(super) fn branches(hir: &Hir, budget: usize) -> Vec<Hir> {
    let HirKind::Concat(parts) = hir.kind() else {
        return vec![hir.clone()];
    };
    let found = parts.iter().enumerate().find_map(|(at, p)| match p.kind() {
        HirKind::Alternation(alternatives) => Some((at, alternatives)),
        _ => None,
    });
    let Some((at, alternatives)) = found.filter(|(_, a)| a.len() <= budget) else {
        return vec![hir.clone()];
    };
    let each = budget / alternatives.len();
    alternatives
        .iter()
        .flat_map(|alternative| {
            let mut concat = parts[..at].to_vec();
            concat.push(alternative.clone());
            concat.extend_from_slice(&parts[at + 1..]);
            branches(&Hir::concat(concat), each)
        })
        .collect()
}

/// Every character a match of `hir` can hold, or `None` when that is not known (bytes
/// outside ASCII).
pub(super) fn alphabet(hir: &Hir, into: &mut Vec<(char, char)>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => {
            for c in std::str::from_utf8(&lit.0).ok()?.chars() {
                into.push((c, c));
            }
        }
        HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => {
            into.extend(class.ranges().iter().map(|r| (r.start(), r.end())));
        }
        HirKind::Class(regex_syntax::hir::Class::Bytes(class)) => {
            for r in class.ranges() {
                if r.end() >= 0x80 {
                    return None;
                }
                into.push((char::from(r.start()), char::from(r.end())));
            }
        }
        HirKind::Repetition(rep) => alphabet(&rep.sub, into)?,
        HirKind::Capture(cap) => alphabet(&cap.sub, into)?,
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                alphabet(sub, into)?;
            }
        }
    }
    Some(())
}

pub(super) fn holds(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(a, b)| a <= c && c <= b)
}

/// The characters of `ranges` when there are at most `most`.
pub(super) fn few_chars(ranges: &[(char, char)], most: usize) -> Option<Vec<char>> {
    let mut chars = Vec::new();
    for &(a, b) in ranges {
        if b as usize - a as usize >= most {
            return None;
        }
        chars.extend((a..=b).filter(|&c| (c as u32) < 0x10000));
        if chars.len() > most || (b as u32) >= 0x10000 {
            return None;
        }
    }
    chars.sort_unstable();
    chars.dedup();
    Some(chars)
}
