//! The prefilter for rules without a required literal (a code line, a bare date, a pen name in
//! brackets): their patterns' gates (see `Pattern::gate`) joined in one multi-pattern lazy DFA,
//! so that one pass over a line tells which of them can match it, instead of one regex search
//! per rule per line (~3,000 instructions each, for some 45 rules).

use crate::line_facts::RuleBits;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::{Hir, Look};
use std::sync::{Arc, OnceLock};

/// The lazy DFA's cache for the joined gates. Too small a cache and the DFA keeps clearing it
/// and building the same states again: with the ~80 gates of 251 rules, 16 MB made cleaning
/// 10× slower (1 MB/s), nearly all of it in determinization. Memory is taken only as states
/// are built.
const DFA_CACHE: usize = 64 << 20;

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

/// Gates joined in one multi-pattern lazy DFA, and the rule of each.
#[derive(Debug, Clone, Default)]
struct Group {
    gates: Arc<[Hir]>,
    /// Built on the first search, so that commands that clean nothing do not pay for it;
    /// `None` if it could not be built (every rule of the group is then tried).
    regex: Arc<OnceLock<Option<meta::Regex>>>,
    rules: Vec<usize>,
    start_anchored: bool,
}

impl ShapeSet {
    /// `gates`: (rule, gate) pairs.
    pub(crate) fn new(gates: Vec<(usize, Hir)>) -> ShapeSet {
        let mut gated = RuleBits::default();
        let (mut anchored, mut floating) = (Vec::new(), Vec::new());
        for (rule, gate) in gates {
            gated.set(rule);
            if gate.properties().look_set_prefix().contains(Look::Start) {
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

impl Group {
    fn new(gates: Vec<(usize, Hir)>, start_anchored: bool) -> Group {
        let (rules, gates): (Vec<usize>, Vec<Hir>) = gates.into_iter().unzip();
        Group {
            gates: gates.into(),
            regex: Arc::default(),
            rules,
            start_anchored,
        }
    }

    fn regex(&self) -> Option<&meta::Regex> {
        self.regex
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(
                        meta::Config::new()
                            .match_kind(MatchKind::All)
                            .backtrack(false)
                            .dfa(false)
                            .onepass(false)
                            .which_captures(WhichCaptures::None)
                            .nfa_size_limit(Some(32 << 20))
                            .hybrid_cache_capacity(DFA_CACHE),
                    )
                    .build_many_from_hir(&self.gates)
                    .ok()
            })
            .as_ref()
    }

    fn add_hits(&self, text: &str, bits: &mut RuleBits) {
        if self.rules.is_empty() {
            return;
        }
        let Some(regex) = self.regex() else {
            self.rules.iter().for_each(|&r| bits.set(r));
            return;
        };
        let mut input = Input::new(text);
        if self.start_anchored {
            input = input.anchored(Anchored::Yes);
        }
        // Most lines match no gate: a plain search says so at a fraction of the cost of the
        // overlapping one, which is kept for the lines where some gate matches.
        if !regex.is_match(input.clone()) {
            return;
        }
        let mut found = PatternSet::new(regex.pattern_len());
        regex.which_overlapping_matches(&input, &mut found);
        for pattern in found.iter() {
            bits.set(self.rules[pattern.as_usize()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
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
}
