//! The prefilter for rules without a required literal (a code line, a bare date, a pen name in
//! brackets): their patterns' gates (see `Pattern::gate`), loosened patterns that match
//! wherever the rule's own pattern does.
//!
//! A whole-line gate is tried only on texts whose first and last visible characters it can
//! start and end with, whose length it allows, and that hold a character it requires (the `|`
//! of a nav row, see `literals::required_chars`): table lookups leave a few of the hundred-odd
//! gates for most lines (`^\d{4}-\d{2}-\d{2}$` never sees a line ending in `。`), and each of
//! those runs as its own small lazy DFA. They were once joined in one
//! multi-pattern DFA: one search a line, but its states are combinations of every gate's, so
//! on text it had not seen it kept building new ones (half of all cleaning time on new pages).
//! The few gates that may match anywhere in a line stay joined: a search must read the whole
//! line for them anyway.

use super::forward::Forward;
use super::literals::{required_chars, visible_edge, End};
use crate::chars::is_blank;
use crate::line_facts::RuleBits;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::sync::{Arc, OnceLock};

/// The lazy DFA's cache for the joined floating gates. Too small a cache and the DFA keeps
/// clearing it and building the same states again. Memory is taken only as states are built.
const DFA_CACHE: usize = 64 << 20;

/// The longest bound on a text's visible characters the length table keeps.
const MAX_BOUND: usize = 600;

/// The cache of one whole-line gate's DFA.
const GATE_CACHE: usize = 8 << 20;

/// A rule's gate: the loosened pattern, and the most visible characters a text it is tried on
/// may hold (its `max_chars`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gate {
    pub hir: Hir,
    pub max_chars: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ShapeSet {
    /// The gates that match only from the start of a line (whole-line shapes).
    whole: WholeLine,
    /// The others, which a search must carry to the end of the line.
    floating: Group,
    /// The rules this set decides for.
    pub gated: RuleBits,
}

/// The NFA size limit of one joined DFA. A group whose gates do not fit is split in halves
/// until each part does.
const NFA_LIMIT: usize = 32 << 20;

/// Gates joined in multi-pattern lazy DFAs (as few as fit the NFA limit), and the rules of
/// each gate (rules with the same gate share it).
#[derive(Debug, Clone, Default)]
struct Group {
    gates: Arc<[Hir]>,
    /// Built on the first search, so that commands that clean nothing do not pay for it.
    parts: Arc<OnceLock<Parts>>,
    /// The rules of each gate.
    rules: Vec<Vec<usize>>,
    nfa_limit: usize,
}

/// The DFAs of a group, each with the gates it joins (by index), and the gates that could
/// not be built even alone (their rules are tried on every line).
#[derive(Debug, Default)]
struct Parts {
    joined: Vec<(Forward, Vec<usize>)>,
    unbuilt: Vec<usize>,
}

/// The characters of `text` that are not spaces (what `max_chars` counts), counting at most
/// to `limit + 1`.
fn visible_chars(text: &str, limit: usize) -> usize {
    text.chars()
        .filter(|&c| !crate::chars::is_space(c))
        .take(limit + 1)
        .count()
}

/// Distinct gates and the rules of each, in order of first appearance.
fn distinct(gates: Vec<(usize, Gate)>) -> (Vec<Gate>, Vec<Vec<usize>>) {
    let mut distinct: Vec<Gate> = Vec::new();
    let mut rules: Vec<Vec<usize>> = Vec::new();
    for (rule, gate) in gates {
        match distinct.iter().position(|g| g.hir == gate.hir) {
            Some(i) => {
                rules[i].push(rule);
                // The loosest bound of the rules sharing the gate.
                let bound = &mut distinct[i].max_chars;
                *bound = bound.zip(gate.max_chars).map(|(a, b)| a.max(b));
            }
            None => {
                distinct.push(gate);
                rules.push(vec![rule]);
            }
        }
    }
    (distinct, rules)
}

impl ShapeSet {
    /// `gates`: (rule, gate) pairs.
    pub(crate) fn new(gates: Vec<(usize, Gate)>) -> ShapeSet {
        let mut gated = RuleBits::default();
        let (mut whole, mut floating) = (Vec::new(), Vec::new());
        for (rule, gate) in gates {
            gated.set(rule);
            if gate
                .hir
                .properties()
                .look_set_prefix()
                .contains(Look::Start)
            {
                whole.push((rule, gate));
            } else {
                floating.push((rule, gate));
            }
        }
        ShapeSet {
            whole: WholeLine::new(whole),
            floating: Group::new(floating),
            gated,
        }
    }

    /// The gated rules whose patterns can match `text`, added to `bits`.
    pub(crate) fn add_hits(&self, text: &str, bits: &mut RuleBits) {
        self.whole.add_hits(text, bits);
        self.floating.add_hits(text, bits);
    }
}

/// Whole-line gates, each its own DFA, and the tables that say which of them a text's edges,
/// length and characters allow. The tables look at each gate's branches (see [`branches`]):
/// a gate is searched when one of its branches is allowed.
#[derive(Debug, Clone, Default)]
struct WholeLine {
    gates: Arc<[Gate]>,
    /// The rules of each gate.
    rules: Vec<Vec<usize>>,
    /// Each gate's branches: (gate, branch).
    branches: Arc<[(usize, Hir)]>,
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

/// For each stretch of characters, the branches whose edge may be one of them: `starts[i]`
/// begins a stretch that runs up to `starts[i + 1]`.
#[derive(Debug, Default)]
struct EdgeIndex {
    starts: Vec<char>,
    gates: Vec<RuleBits>,
    /// The stretch of each character of the BMP: a lookup where a search took a dozen steps
    /// (the required characters are asked of every character of a line).
    bmp: Box<[u16]>,
}

impl EdgeIndex {
    /// `sets[g]`: the characters branch `g`'s edge may be, `None` for any.
    fn new(sets: &[Option<Vec<(char, char)>>]) -> EdgeIndex {
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

    fn get(&self, c: char) -> &RuleBits {
        if let Some(&i) = self.bmp.get(c as usize) {
            return &self.gates[usize::from(i)];
        }
        let i = self.starts.partition_point(|&s| s <= c);
        &self.gates[i - 1]
    }
}

/// The most branches one whole-line gate is split into.
const MAX_BRANCHES: usize = 16;

/// A whole-line gate as one gate per branch of its alternations (`\A x (a|b) y \z` →
/// `\A x a y \z`, `\A x b y \z`), at most `budget` of them, so that each branch's edges,
/// length and characters rule it out on its own: a rule for `知道了`, `取消` or `相关阅读` is
/// one alternation, and as a whole its edges allowed almost any line.
fn branches(hir: &Hir, budget: usize) -> Vec<Hir> {
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
fn alphabet(hir: &Hir, into: &mut Vec<(char, char)>) -> Option<()> {
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

fn holds(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(a, b)| a <= c && c <= b)
}

/// The characters of `ranges` when there are at most `most`.
fn few_chars(ranges: &[(char, char)], most: usize) -> Option<Vec<char>> {
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

impl WholeLine {
    fn new(gates: Vec<(usize, Gate)>) -> WholeLine {
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
    fn allowed(&self, text: &str) -> RuleBits {
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

    fn add_hits(&self, text: &str, bits: &mut RuleBits) {
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

impl Group {
    fn new(gates: Vec<(usize, Gate)>) -> Group {
        let (gates, rules) = distinct(gates);
        Group {
            gates: gates.into_iter().map(|g| g.hir).collect(),
            parts: Arc::default(),
            rules,
            nfa_limit: NFA_LIMIT,
        }
    }

    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            let mut parts = Parts::default();
            let all: Vec<usize> = (0..self.gates.len()).collect();
            if !all.is_empty() {
                self.build(&all, &mut parts);
            }
            parts
        })
    }

    fn build(&self, gates: &[usize], parts: &mut Parts) {
        let hirs: Vec<&Hir> = gates.iter().map(|&g| &self.gates[g]).collect();
        match Forward::build(&hirs, MatchKind::All, Some(self.nfa_limit), DFA_CACHE) {
            Some(regex) => parts.joined.push((regex, gates.to_vec())),
            None if gates.len() > 1 => {
                let (a, b) = gates.split_at(gates.len() / 2);
                self.build(a, parts);
                self.build(b, parts);
            }
            None => parts.unbuilt.extend(gates),
        }
    }

    fn add_hits(&self, text: &str, bits: &mut RuleBits) {
        if self.rules.is_empty() {
            return;
        }
        let parts = self.parts();
        for &gate in &parts.unbuilt {
            self.rules[gate].iter().for_each(|&r| bits.set(r));
        }
        let input = Input::new(text);
        for (regex, gates) in &parts.joined {
            if !regex.is_match(&input) {
                continue;
            }
            let mut found = PatternSet::new(regex.pattern_len());
            regex.which_overlapping_matches(&input, &mut found);
            for pattern in found.iter() {
                for &r in &self.rules[gates[pattern.as_usize()]] {
                    bits.set(r);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

    fn gate(pattern: &str) -> Gate {
        Gate {
            hir: hir(pattern),
            max_chars: None,
        }
    }

    /// The rules `add_hits` finds for `text`.
    fn found(add_hits: impl Fn(&str, &mut RuleBits), text: &str) -> Vec<usize> {
        let mut bits = RuleBits::default();
        add_hits(text, &mut bits);
        bits.iter().collect()
    }

    #[test]
    fn tells_which_gates_can_match_in_one_search() {
        let set = ShapeSet::new(vec![
            (0, gate(r"^\d{4}-\d{2}-\d{2}$")),
            (3, gate(r"（\p{Han}{1,3}）$")),
        ]);
        let hits = |text: &str| {
            let mut bits = RuleBits::default();
            set.add_hits(text, &mut bits);
            (bits.get(0), bits.get(3))
        };
        assert_eq!(hits("2019-05-03"), (true, false));
        assert_eq!(hits("名单今天公布。（小雨）"), (false, true));
        assert_eq!(hits("今天天气很好。"), (false, false));
        assert!(set.gated.get(0) && set.gated.get(3) && !set.gated.get(1));
    }

    #[test]
    fn a_group_too_big_for_one_dfa_is_split_and_tells_the_same() {
        let gates = |n: usize| -> Vec<(usize, Gate)> {
            (0..n)
                .map(|i| (i, gate(&format!(r"^\p{{Han}}{{2,9}}第{i}[页頁]$"))))
                .collect()
        };
        let whole = Group::new(gates(12));
        let mut split = Group::new(gates(12));
        // Room for a few gates at a time, not for twelve.
        let one = regex_automata::nfa::thompson::NFA::compiler()
            .configure(
                regex_automata::nfa::thompson::Config::new()
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::None),
            )
            .build_from_hir(&Group::new(gates(1)).gates[0])
            .unwrap();
        let size = one.memory_usage();
        split.nfa_limit = size * 4;
        assert_eq!(whole.parts().joined.len(), 1);
        assert!(split.parts().joined.len() > 1, "the group was split");
        assert!(split.parts().unbuilt.is_empty());
        for text in ["目录第3页", "目录第11頁", "目录第3页。", "第3页"] {
            let (mut a, mut b) = (RuleBits::default(), RuleBits::default());
            whole.add_hits(text, &mut a);
            split.add_hits(text, &mut b);
            assert_eq!(a, b, "{text}");
        }
        let mut bits = RuleBits::default();
        split.add_hits("目录第11頁", &mut bits);
        assert_eq!(bits.iter().collect::<Vec<_>>(), vec![11]);
    }

    #[test]
    fn a_text_longer_than_every_bound_of_a_dfa_skips_it() {
        // A whole-line gate that reads through prose, bounded like a `max_chars = 12` rule.
        let bounded = Gate {
            max_chars: Some(12),
            ..gate(r"^\s*.*[★☆]+\s*$")
        };
        let set = ShapeSet::new(vec![(0, bounded), (1, gate(r"^\s*.*！$"))]);
        let hits = |text: &str| found(|t, b| set.add_hits(t, b), text);
        assert_eq!(hits("好评 ★★★★★"), vec![0]);
        // Spaces are not counted: twelve visible characters.
        assert_eq!(hits("好 评 好 评 好 评 好 评 好 评 ★ ★"), vec![0]);
        assert!(hits("这款商品用了三个月，质量很好，推荐 ★★★★★").is_empty());
        // A gate without a bound in its own DFA is still asked.
        assert_eq!(hits("这款商品用了三个月，质量很好，推荐购买！"), vec![1]);
    }

    #[test]
    fn a_gate_is_skipped_only_where_its_edges_or_length_rule_it_out() {
        let set = ShapeSet::new(vec![
            (0, gate(r"^\s*【广告】\s*$")),
            // Anchored at the start only: the end of the text says nothing about it.
            (1, gate(r"^\s*\d+/\d+")),
            (
                2,
                Gate {
                    max_chars: Some(4),
                    ..gate(r"^\s*.*[0-9]$")
                },
            ),
        ]);
        let hits = |text: &str| found(|t, b| set.add_hits(t, b), text);
        assert_eq!(hits("  【广告】\u{3000}"), vec![0]);
        assert_eq!(hits("【广告】。"), Vec::<usize>::new());
        assert_eq!(hits("1/8 10月7日，村民举行开镰节。"), vec![1]);
        assert_eq!(hits("第 1 页"), Vec::<usize>::new());
        assert_eq!(hits("共 2 页"), Vec::<usize>::new());
        assert_eq!(hits("2/3"), vec![1, 2]);
    }

    #[test]
    fn a_gate_is_tried_only_on_texts_holding_a_character_it_requires() {
        let set = ShapeSet::new(vec![
            (0, gate(r"^\s*[^。]{1,30}\s*[|｜]\s*[^。]{1,30}$")),
            (1, gate(r"^\s*[标標][签簽籤]\s*[:：].*$")),
        ]);
        let hits = |text: &str| found(|t, b| set.add_hits(t, b), text);
        assert_eq!(hits("首页 | 新闻"), vec![0]);
        assert_eq!(hits("首页｜新闻"), vec![0]);
        assert_eq!(hits("標簽：旅游"), vec![1]);
        assert_eq!(hits("首页 新闻"), Vec::<usize>::new());
        assert_eq!(hits("标签 旅游"), Vec::<usize>::new());
        // A blank can be the character required.
        let spaces = ShapeSet::new(vec![(0, gate(r"^ +"))]);
        assert_eq!(found(|t, b| spaces.add_hits(t, b), "  一"), vec![0]);
    }

    /// The gates a whole-line set would search for `text` (each once).
    fn searched(set: &WholeLine, text: &str) -> Vec<usize> {
        let mut gates: Vec<usize> = set
            .allowed(text)
            .iter()
            .map(|b| set.branches[b].0)
            .collect();
        gates.dedup();
        gates
    }

    #[test]
    fn each_branch_of_a_gate_is_ruled_out_on_its_own() {
        // Whole, the gate could start with `知` or `相` and end with anything: each branch alone
        // rules out a sentence that starts with `相` and ends with `。`.
        let set = WholeLine::new(vec![(0, gate(r"^(?:知道了|相关阅读[:：].*)$"))]);
        assert_eq!(set.branches.len(), 2);
        assert!(searched(&set, "相声演员昨天来到学校，和同学们聊了一下午。").is_empty());
        assert_eq!(searched(&set, "相关阅读：某地今年的新变化"), vec![0]);
        assert_eq!(searched(&set, "知道了"), vec![0]);
    }

    #[test]
    fn a_line_holding_a_character_a_whole_line_gate_cannot_is_not_searched() {
        let set = WholeLine::new(vec![
            (0, gate(r"^\s*\p{Han}{2,4}(?:\s+\p{Han}{2,4})+\s*$")),
            // Not anchored at the end: what follows its match may hold anything.
            (1, gate(r"^\s*\p{Han}{2,4}\s+\p{Han}")),
        ]);
        assert_eq!(searched(&set, "首页 新闻 体育"), vec![0, 1]);
        assert_eq!(searched(&set, "首页 新闻，体育"), vec![1]);
        // The verdicts are the DFAs': pruning only spares searches.
        let hits = |text: &str| {
            let mut bits = RuleBits::default();
            set.add_hits(text, &mut bits);
            bits.iter().collect::<Vec<_>>()
        };
        assert_eq!(hits("首页 新闻 体育"), vec![0, 1]);
        assert_eq!(hits("首页 新闻，体育"), vec![1]);
    }

    #[test]
    fn rules_with_the_same_gate_share_one_pattern() {
        let group = WholeLine::new(vec![(2, gate(r"^\d+$")), (5, gate(r"^\d+$"))]);
        assert_eq!(group.gates.len(), 1);
        let mut bits = RuleBits::default();
        group.add_hits("2024", &mut bits);
        assert_eq!(bits.iter().collect::<Vec<_>>(), vec![2, 5]);
    }
}
