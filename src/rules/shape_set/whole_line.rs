//! The whole-line gates: each its own lazy DFA, searched only on texts that the tables of its
//! branches (edges, length, characters held) allow.

use super::branches::{alphabet, branches, few_chars, holds, MAX_BRANCHES};
use super::edge_index::EdgeIndex;
use super::{distinct, visible_chars, Gate};
use crate::chars::is_blank;
use crate::line_facts::RuleBits;
use crate::rules::forward::Forward;
use crate::rules::literals::{required_chars, visible_edge, End};
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{Hir, Look};
use std::sync::{Arc, OnceLock};

/// The longest bound on a text's visible characters the length table keeps.
const MAX_BOUND: usize = 600;

/// The cache of one whole-line gate's DFA.
const GATE_CACHE: usize = 8 << 20;

/// Whole-line gates, each its own DFA, and the tables that say which of them a text's edges,
/// length and characters allow. The tables look at each gate's branches (see [`branches`]):
/// a gate is searched when one of its branches is allowed.
#[derive(Debug, Clone, Default)]
pub(super) struct WholeLine {
    pub(super) gates: Arc<[Gate]>,
    /// The rules of each gate.
    rules: Vec<Vec<usize>>,
    /// Each gate's branches: (gate, branch).
    pub(super) branches: Arc<[(usize, Hir)]>,
    /// Built on the first search, so that commands that clean nothing do not pay for them.
    tables: Arc<OnceLock<Tables>>,
}

/// How many characters the notable-character mask tells apart (bit 0 is "none").
const NOTABLE: usize = 128;

/// Characters of prose that a furniture shape often cannot hold anywhere (a list of UI words,
/// a date, a name, a nav row): a line holding one of them is no line for it. The notable
/// characters are chosen from these and from the gates' required characters.
const PROSE: &str = "，。、；：！？“”‘’（）《》…—,.;:!?\"'()的了是在和有不这我他她们也就都说要会对";

#[derive(Debug)]
struct Tables {
    /// The branches by the first visible character of a text, and by its last.
    first: EdgeIndex,
    last: EdgeIndex,
    /// The branches by a character one of which each of them requires
    /// (`literals::required_chars`), for those whose set is not all notable characters, and
    /// the branches that require no known character.
    required: EdgeIndex,
    unrequired: RuleBits,
    /// The bit (1 up to `NOTABLE`) of each notable character in the BMP, 0 for the others.
    notable: Box<[u8]>,
    /// For each notable bit, the branches a text holding it rules out (the character is not
    /// in the branch's alphabet: a whole-line branch consumes every character of a line), and
    /// the branches whose required set it meets.
    forbidden_by: Vec<RuleBits>,
    met_by: Vec<RuleBits>,
    /// The branches whose required set is all notable characters.
    notable_required: RuleBits,
    /// `by_length[n]`: the branches that allow `n` visible characters, up to `widest`; past it
    /// only the unbounded ones.
    by_length: Vec<RuleBits>,
    widest: usize,
    /// Branches past the capacity of a bit set: their gates are always tried.
    overflow: Vec<usize>,
    /// Each gate's DFA, built when a text first gets that far (`None`: too big to build,
    /// and its rules are tried on every line).
    dfas: Vec<OnceLock<Option<Forward>>>,
}

impl WholeLine {
    pub(super) fn new(gates: Vec<(usize, Gate)>) -> WholeLine {
        let (gates, rules) = distinct(gates);
        let branches = (gates.iter().enumerate())
            .flat_map(|(g, gate)| {
                branches(&gate.hir, MAX_BRANCHES)
                    .into_iter()
                    .map(move |b| (g, b))
            })
            .collect();
        WholeLine {
            gates: gates.into(),
            rules,
            branches,
            tables: Arc::default(),
        }
    }

    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| {
            let n = self.branches.len().min(RuleBits::CAPACITY);
            let branches = &self.branches[..n];
            let ends_line = |h: &Hir| h.properties().look_set_suffix().contains(Look::End);
            let edges = |end| -> Vec<Option<Vec<(char, char)>>> {
                // A branch that need not run to the end of the text says nothing of its end.
                (branches.iter())
                    .map(|(_, h)| (end == End::First || ends_line(h)).then(|| visible_edge(h, end)))
                    .map(Option::flatten)
                    .collect()
            };
            // A bound past the longest lines that are not prose is no bound worth counting to.
            let bound = |g: usize| self.gates[g].max_chars.filter(|&most| most <= MAX_BOUND);
            let widest = branches
                .iter()
                .filter_map(|&(g, _)| bound(g))
                .max()
                .unwrap_or(0);
            let by_length = (0..=widest + 1)
                .map(|length| {
                    let mut bits = RuleBits::default();
                    for (b, &(g, _)) in branches.iter().enumerate() {
                        if bound(g).is_none_or(|most| length <= most) {
                            bits.set(b);
                        }
                    }
                    bits
                })
                .collect();
            let required: Vec<Option<Vec<(char, char)>>> =
                branches.iter().map(|(_, h)| required_chars(h)).collect();
            let alphabets: Vec<Option<Vec<(char, char)>>> = (branches.iter())
                .map(|(_, h)| {
                    let mut into = Vec::new();
                    (ends_line(h) && alphabet(h, &mut into).is_some()).then_some(into)
                })
                .collect();
            // The notable characters: the small required sets first (smallest first), then
            // the prose characters the most alphabets lack.
            let mut notable: Vec<char> = Vec::new();
            let mut small: Vec<(usize, Vec<char>)> = (required.iter().enumerate())
                .filter_map(|(b, r)| Some((b, few_chars(r.as_ref()?, 8)?)))
                .collect();
            small.sort_by_key(|(_, chars)| chars.len());
            let mut notable_required = RuleBits::default();
            for (b, chars) in &small {
                let new = chars.iter().filter(|c| !notable.contains(c)).count();
                if notable.len() + new < NOTABLE - 1 - 16 {
                    for &c in chars {
                        if !notable.contains(&c) {
                            notable.push(c);
                        }
                    }
                    notable_required.set(*b);
                }
            }
            let mut prose: Vec<(usize, char)> = PROSE
                .chars()
                .filter(|c| !notable.contains(c))
                .map(|c| {
                    let lacking = (alphabets.iter().flatten())
                        .filter(|a| !holds(a, c))
                        .count();
                    (lacking, c)
                })
                .filter(|&(lacking, _)| lacking > 0)
                .collect();
            prose.sort_by_key(|&(lacking, _)| std::cmp::Reverse(lacking));
            notable.extend(
                prose
                    .iter()
                    .map(|&(_, c)| c)
                    .take(NOTABLE - 1 - notable.len()),
            );
            let mut table = vec![0u8; 0x10000].into_boxed_slice();
            let mut forbidden_by = vec![RuleBits::default(); NOTABLE];
            let mut met_by = vec![RuleBits::default(); NOTABLE];
            for (i, &c) in notable.iter().enumerate() {
                let bit = i + 1;
                table[c as usize] = bit as u8;
                for (b, a) in alphabets.iter().enumerate() {
                    if a.as_ref().is_some_and(|a| !holds(a, c)) {
                        forbidden_by[bit].set(b);
                    }
                }
                for (b, r) in required.iter().enumerate() {
                    if notable_required.get(b) && r.as_ref().is_some_and(|r| holds(r, c)) {
                        met_by[bit].set(b);
                    }
                }
            }
            let mut unrequired = RuleBits::default();
            for (b, r) in required.iter().enumerate() {
                if r.is_none() || notable_required.get(b) {
                    unrequired.set(b);
                }
            }
            // In the index a branch without a required set (or with a notable one) is under
            // no character.
            let required: Vec<_> = (required.into_iter().enumerate())
                .map(|(b, r)| Some(r.filter(|_| !notable_required.get(b)).unwrap_or_default()))
                .collect();
            Tables {
                first: EdgeIndex::new(&edges(End::First)),
                last: EdgeIndex::new(&edges(End::Last)),
                required: EdgeIndex::new(&required),
                unrequired,
                notable: table,
                forbidden_by,
                met_by,
                notable_required,
                by_length,
                widest,
                overflow: (n..self.branches.len()).collect(),
                dfas: (0..self.gates.len()).map(|_| OnceLock::new()).collect(),
            }
        })
    }

    /// The branches whose edges, length and characters allow `text` (past the capacity of
    /// a bit set, see `Tables::overflow`).
    pub(super) fn allowed(&self, text: &str) -> RuleBits {
        let tables = self.tables();
        let visible = text.trim_matches(is_blank);
        let length = visible_chars(visible, tables.widest).min(tables.widest + 1);
        let mut candidates = tables.by_length[length];
        if let (Some(first), Some(last)) = (visible.chars().next(), visible.chars().next_back()) {
            candidates.intersect(tables.first.get(first));
            candidates.intersect(tables.last.get(last));
        }
        if candidates != RuleBits::default() {
            let mut mask = 0u128;
            for c in text.chars() {
                if let Some(&bit) = tables.notable.get(c as usize) {
                    mask |= 1 << bit;
                }
            }
            mask &= !1;
            let mut met = RuleBits::default();
            while mask != 0 {
                let bit = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                candidates.remove(&tables.forbidden_by[bit]);
                met.union(&tables.met_by[bit]);
            }
            let mut unmet = tables.notable_required;
            unmet.remove(&met);
            candidates.remove(&unmet);
        }
        // Only when the edges and the length left a branch that requires a character: then
        // the whole text is read (a required character may be a blank, `^ +`).
        let mut requiring = candidates;
        requiring.remove(&tables.unrequired);
        if requiring != RuleBits::default() {
            let mut held = tables.unrequired;
            for c in text.chars() {
                held.union(tables.required.get(c));
            }
            candidates.intersect(&held);
        }
        candidates
    }

    pub(super) fn add_hits(&self, text: &str, bits: &mut RuleBits) {
        if self.gates.is_empty() {
            return;
        }
        let tables = self.tables();
        let candidates = self.allowed(text);
        let input = Input::new(text).anchored(Anchored::Yes);
        let overflow = tables.overflow.iter().copied();
        // The gates searched already (another branch of theirs was allowed).
        let mut searched = RuleBits::default();
        for b in candidates.iter().chain(overflow) {
            let g = self.branches[b].0;
            if g < RuleBits::CAPACITY && searched.get(g) {
                continue;
            }
            searched.set(g);
            if self.rules[g].iter().all(|&r| bits.get(r)) {
                continue;
            }
            let dfa = tables.dfas[g].get_or_init(|| {
                let hir = [&self.gates[g].hir];
                Forward::build(&hir, MatchKind::LeftmostFirst, None, GATE_CACHE)
            });
            if dfa.as_ref().is_none_or(|dfa| dfa.is_match(&input)) {
                self.rules[g].iter().for_each(|&r| bits.set(r));
            }
        }
    }
}
