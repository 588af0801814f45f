//! The prefilter for rules without a required literal (a code line, a bare date, a pen name in
//! brackets): their patterns' gates (see `Pattern::gate`) joined in a multi-pattern lazy DFA
//! (or a few, when they do not fit one), so that one pass over a line tells which of them can
//! match it, instead of one regex search per rule per line (~3,000 instructions each). A
//! whole-line gate that reads on through prose gets a DFA of its own (see `Group::parts`).

use super::forward::Forward;
use crate::line_facts::RuleBits;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::sync::{Arc, OnceLock};

/// The lazy DFA's cache for the joined gates. Too small a cache and the DFA keeps clearing it
/// and building the same states again: with the ~80 gates of 251 rules, 16 MB made cleaning
/// 10× slower (1 MB/s), nearly all of it in determinization. Memory is taken only as states
/// are built.
const DFA_CACHE: usize = 64 << 20;

/// A rule's gate: the loosened pattern, and the most visible characters a text it is tried on
/// may hold (its `max_chars`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gate {
    pub hir: Hir,
    pub max_chars: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ShapeSet {
    /// The gates that match only from the start of a line (whole-line shapes): searched
    /// anchored, so the search stops as soon as no gate can go on (a few bytes on most lines).
    anchored: Group,
    /// The others, which a search must carry to the end of the line.
    floating: Group,
    /// The rules this set decides for.
    pub gated: RuleBits,
}

/// The NFA size limit of one joined DFA. A group whose gates do not fit is split in halves
/// until each part does: with the catalogue doubled, 208 gates no longer built as one, and
/// every gated rule was then tried on every line (8× slower).
const NFA_LIMIT: usize = 32 << 20;

/// Gates joined in multi-pattern lazy DFAs (as few as fit the NFA limit), and the rules of
/// each gate (rules with the same gate share it).
#[derive(Debug, Clone, Default)]
struct Group {
    gates: Arc<[Hir]>,
    /// Each gate's bound on a text's visible characters (the loosest of its rules'; `None`:
    /// no bound). A body paragraph is longer than most furniture rules allow, and a gate's
    /// DFA is run only if the text is within some gate's bound: a count of characters up to
    /// the bound instead of a DFA's walk over the whole paragraph.
    max_chars: Vec<Option<usize>>,
    /// Built on the first search, so that commands that clean nothing do not pay for it.
    parts: Arc<OnceLock<Parts>>,
    /// The rules of each gate.
    rules: Vec<Vec<usize>>,
    start_anchored: bool,
    nfa_limit: usize,
}

/// The DFAs of a group, each with the gates it joins (by index), and the gates that could
/// not be built even alone (their rules are tried on every line).
#[derive(Debug, Default)]
struct Parts {
    joined: Vec<(Forward, Vec<usize>)>,
    unbuilt: Vec<usize>,
    /// For each DFA of `joined`: the loosest bound of its gates on a text's visible
    /// characters, when every gate has one (found once, not per line).
    bounds: Vec<Option<usize>>,
    /// The widest of `bounds`: counting further tells nothing.
    widest: usize,
}

/// The characters of `text` that are not spaces (what `max_chars` counts), counting at most
/// to `limit + 1`.
fn visible_chars(text: &str, limit: usize) -> usize {
    text.chars()
        .filter(|&c| !crate::chars::is_space(c))
        .take(limit + 1)
        .count()
}

impl ShapeSet {
    /// `gates`: (rule, gate) pairs.
    pub(crate) fn new(gates: Vec<(usize, Gate)>) -> ShapeSet {
        let mut gated = RuleBits::default();
        let (mut anchored, mut floating) = (Vec::new(), Vec::new());
        for (rule, gate) in gates {
            gated.set(rule);
            if gate
                .hir
                .properties()
                .look_set_prefix()
                .contains(Look::Start)
            {
                anchored.push((rule, gate));
            } else {
                floating.push((rule, gate));
            }
        }
        ShapeSet {
            anchored: Group::new(anchored, true),
            floating: Group::new(floating, false),
            gated,
        }
    }

    /// The gated rules whose patterns can match `text`, added to `bits`.
    pub(crate) fn add_hits(&self, text: &str, bits: &mut RuleBits) {
        self.anchored.add_hits(text, bits);
        self.floating.add_hits(text, bits);
    }
}

/// Ordinary prose, with the digits, Latin words and punctuation body lines hold.
const PROSE: &str = "据介绍，该项目于2025年3月启动，总投资约12亿元，建成后将服务周边5个街道、\
    约30万居民。负责人表示：“我们会按计划推进，确保年底前完工。”另外，App与Wi-Fi网络的覆盖也在同步推进；\
    市民可以通过热线咨询（工作日9:00-17:00）。";

/// Does a whole-line gate stay alive through a paragraph of prose (anchored at its start)?
/// Such a gate is as costly as a search to the end of every line. Read off the gate's syntax
/// tree by walking [`PROSE`] through it (the places in the text each part can reach), not by
/// compiling an automaton for each gate: that was a sixth of a small run's instructions.
fn reads_through_prose(gate: &Hir) -> bool {
    let prose: Vec<char> = PROSE.chars().collect();
    let mut walk = ProseWalk {
        prose: &prose,
        alive_at_end: false,
    };
    let mut start = Places::default();
    start.set(0);
    walk.reach(gate, start);
    walk.alive_at_end
}

/// A set of places (character offsets) in [`PROSE`].
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Places([u64; 4]);

impl Places {
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn get(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    fn union(&mut self, other: Places) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }
    fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
}

/// Walks the prose through a gate: a thread that reaches the prose's end (inside the gate or
/// at its end) keeps a lazy DFA alive after the last byte.
struct ProseWalk<'p> {
    prose: &'p [char],
    alive_at_end: bool,
}

impl ProseWalk<'_> {
    /// The places `hir` can end at from the places `from`.
    fn reach(&mut self, hir: &Hir, from: Places) -> Places {
        let end = self.prose.len();
        if from.get(end) {
            self.alive_at_end = true;
        }
        let mut to = Places::default();
        let each = |f: &mut dyn FnMut(usize)| (0..=end).filter(|&i| from.get(i)).for_each(f);
        match hir.kind() {
            HirKind::Empty => to = from,
            HirKind::Literal(lit) => {
                let text: Vec<char> = String::from_utf8_lossy(&lit.0).chars().collect();
                let mut alive = false;
                each(&mut |i| {
                    let rest = &self.prose[i..];
                    if rest.starts_with(&text) {
                        to.set(i + text.len());
                    } else if text.starts_with(rest) {
                        alive = true;
                    }
                });
                self.alive_at_end |= alive;
            }
            HirKind::Class(Class::Unicode(class)) => {
                let prose = self.prose;
                each(&mut |i| {
                    let holds = |c: char| {
                        (class.ranges())
                            .binary_search_by(|r| {
                                if r.end() < c {
                                    std::cmp::Ordering::Less
                                } else if r.start() > c {
                                    std::cmp::Ordering::Greater
                                } else {
                                    std::cmp::Ordering::Equal
                                }
                            })
                            .is_ok()
                    };
                    if i < end && holds(prose[i]) {
                        to.set(i + 1);
                    }
                });
            }
            HirKind::Class(Class::Bytes(_)) => {}
            HirKind::Look(Look::Start) => {
                if from.get(0) {
                    to.set(0);
                }
            }
            HirKind::Look(Look::End) => {
                if from.get(end) {
                    to.set(end);
                }
            }
            HirKind::Look(_) => to = from,
            HirKind::Capture(cap) => to = self.reach(&cap.sub, from),
            HirKind::Concat(subs) => {
                to = from;
                for sub in subs {
                    to = self.reach(sub, to);
                }
            }
            HirKind::Alternation(subs) => {
                for sub in subs {
                    to.union(self.reach(sub, from));
                }
            }
            HirKind::Repetition(rep) => {
                let mut at = from;
                for _ in 0..rep.min {
                    at = self.reach(&rep.sub, at);
                }
                to = at;
                let mut extra = 0;
                while rep.max.is_none_or(|max| extra < max - rep.min) && !at.is_empty() {
                    at = self.reach(&rep.sub, at);
                    let before = to;
                    to.union(at);
                    extra += 1;
                    if to == before && rep.max.is_none() {
                        break;
                    }
                }
            }
        }
        if to.get(end) {
            self.alive_at_end = true;
        }
        to
    }
}

/// [`reads_through_prose`] by a lazy DFA built for the gate alone: what the walk must agree
/// with.
#[cfg(test)]
fn reads_through_prose_by_dfa(gate: &Hir) -> bool {
    use regex_automata::hybrid::dfa::DFA;
    use regex_automata::nfa::thompson::{self, WhichCaptures};
    let Ok(nfa) = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_from_hir(gate)
    else {
        return false;
    };
    let Ok(dfa) = DFA::builder().build_from_nfa(nfa) else {
        return false;
    };
    let mut cache = dfa.create_cache();
    let input = Input::new(PROSE).anchored(Anchored::Yes);
    let Ok(mut state) = dfa.start_state_forward(&mut cache, &input) else {
        return false;
    };
    for &b in PROSE.as_bytes() {
        match dfa.next_state(&mut cache, state, b) {
            Ok(next) if !next.is_dead() => state = next,
            _ => return false,
        }
    }
    true
}

impl Group {
    fn new(gates: Vec<(usize, Gate)>, start_anchored: bool) -> Group {
        let mut distinct: Vec<Hir> = Vec::new();
        let mut max_chars: Vec<Option<usize>> = Vec::new();
        let mut rules: Vec<Vec<usize>> = Vec::new();
        for (rule, gate) in gates {
            match distinct.iter().position(|g| *g == gate.hir) {
                Some(i) => {
                    rules[i].push(rule);
                    max_chars[i] = max_chars[i].zip(gate.max_chars).map(|(a, b)| a.max(b));
                }
                None => {
                    distinct.push(gate.hir);
                    max_chars.push(gate.max_chars);
                    rules.push(vec![rule]);
                }
            }
        }
        Group {
            max_chars,
            gates: distinct.into(),
            parts: Arc::default(),
            rules,
            start_anchored,
            nfa_limit: NFA_LIMIT,
        }
    }

    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            let mut parts = Parts::default();
            // Whole-line gates that can read on through prose (`^.*X$`, `^[^。]*X$`) stay
            // alive to a line's end together: joined with the others, the DFA's states are
            // their product, a new one for most bytes of a new line. Alone, each stays small.
            let (long, short): (Vec<usize>, Vec<usize>) = (0..self.gates.len())
                .partition(|&g| self.start_anchored && reads_through_prose(&self.gates[g]));
            if !short.is_empty() {
                self.build(&short, &mut parts);
            }
            for gate in long {
                self.build(&[gate], &mut parts);
            }
            parts.bounds = (parts.joined.iter())
                .map(|(_, gates)| {
                    gates
                        .iter()
                        .try_fold(0, |most: usize, &g| Some(most.max(self.max_chars[g]?)))
                })
                .collect();
            parts.widest = parts.bounds.iter().flatten().copied().max().unwrap_or(0);
            parts
        })
    }

    /// Join `gates` in one DFA, or split them in halves until each half builds.
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
        let mut input = Input::new(text);
        if self.start_anchored {
            input = input.anchored(Anchored::Yes);
        }
        // The text's visible characters, counted up to the widest bound asked about.
        let mut visible: Option<usize> = None;
        for ((regex, gates), bound) in parts.joined.iter().zip(&parts.bounds) {
            if let Some(bound) = *bound {
                let count = *visible.get_or_insert_with(|| visible_chars(text, parts.widest));
                if count > bound {
                    continue;
                }
            }
            // Most lines match no gate: a plain search says so at a fraction of the cost of
            // the overlapping one, which is kept for the lines where some gate matches.
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
        let whole = Group::new(gates(12), true);
        let mut split = Group::new(gates(12), true);
        // Room for a few gates at a time, not for twelve.
        let one = regex_automata::nfa::thompson::NFA::compiler()
            .configure(
                regex_automata::nfa::thompson::Config::new()
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::None),
            )
            .build_from_hir(&Group::new(gates(1), true).gates[0])
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
    fn a_gate_that_reads_through_prose_gets_a_dfa_of_its_own_and_tells_the_same() {
        let group = Group::new(
            vec![
                (0, gate(r"^\s*.*（记者\p{Han}{2,3}）$")),
                (1, gate(r"^\s*\d{4}-\d{2}-\d{2}\s*$")),
                (2, gate(r"^\s*.*[▲▼]\s*\d+$")),
            ],
            true,
        );
        assert!(reads_through_prose(&group.gates[0]) && reads_through_prose(&group.gates[2]));
        assert!(!reads_through_prose(&group.gates[1]));
        let joined: Vec<Vec<usize>> = group.parts().joined.iter().map(|j| j.1.clone()).collect();
        assert_eq!(joined, vec![vec![1], vec![0], vec![2]]);
        let hits = |text: &str| found(|t, b| group.add_hits(t, b), text);
        assert_eq!(hits("本报讯，今天上午（记者王小明）"), vec![0]);
        assert_eq!(hits("2026-12-03"), vec![1]);
        assert_eq!(hits("指数 3,245 ▲ 12"), vec![2]);
        assert!(hits("今天天气很好。").is_empty());
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
    fn rules_with_the_same_gate_share_one_pattern() {
        let group = Group::new(vec![(2, gate(r"^\d+$")), (5, gate(r"^\d+$"))], true);
        assert_eq!(group.gates.len(), 1);
        let mut bits = RuleBits::default();
        group.add_hits("2024", &mut bits);
        assert_eq!(bits.iter().collect::<Vec<_>>(), vec![2, 5]);
    }

    #[test]
    fn the_prose_walk_agrees_with_a_dfa_on_every_built_in_gate() {
        let set = crate::rules::RuleSet::builtin().unwrap();
        let mut long = 0;
        for rule in set.rules() {
            let Some(Gate { hir: gate, .. }) = rule.shape_gate() else {
                continue;
            };
            let by_dfa = reads_through_prose_by_dfa(&gate);
            assert_eq!(reads_through_prose(&gate), by_dfa, "{}", rule.id());
            long += usize::from(by_dfa);
        }
        assert!(long > 0, "some built-in gate reads through prose");
    }

    #[test]
    fn the_prose_walk_follows_loops_literals_and_ends() {
        let long = |p: &str| {
            let walked = reads_through_prose(&hir(p));
            assert_eq!(walked, reads_through_prose_by_dfa(&hir(p)), "{p}");
            walked
        };
        assert!(long(r"^\s*.*X$") && long(r"^\p{Han}*.*$") && long(r"^(?:\d+|.*)$"));
        assert!(long(r"^据介绍.{0,400}") && long(&format!("^{PROSE}$")));
        assert!(!long(r"^据介绍，该项目") && !long(r"^据说") && !long(r"^[^。]*X$"));
        assert!(!long(r"^\p{Han}+$") && !long(r"^.{0,20}X$"));
    }
}
