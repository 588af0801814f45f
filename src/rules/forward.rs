//! A regex that is only searched forward: a lazy DFA over a Thompson NFA, with the PikeVM for
//! the searches the DFA gives up on. Asking whether a line matches, or which of several
//! patterns match it, needs nothing more; a meta regex would also compile the reverse NFA
//! (to find where a match starts), which was some 45 % of compiling the built-in rules and
//! the shape gates, paid by every run.

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternSet};
use regex_syntax::hir::Hir;

/// Makes a thread's caches (the bounds meta's own pool asks for).
type CacheMaker =
    Box<dyn Fn() -> Caches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

struct Caches {
    dfa: DfaCache,
    pikevm: pikevm::Cache,
}

pub(crate) struct Forward {
    dfa: DFA,
    /// For a search the DFA gives up on (a Unicode word boundary by a non-ASCII character,
    /// a cache cleared too often).
    pikevm: PikeVM,
    caches: Pool<Caches, CacheMaker>,
}

impl Forward {
    /// One matcher over `hirs` (pattern `i` is `hirs[i]`), its NFA held to `nfa_limit`, with
    /// a lazy-DFA cache of `cache` bytes per thread; `None` if it does not build (over the
    /// limit).
    pub(crate) fn build(
        hirs: &[&Hir],
        kind: MatchKind,
        nfa_limit: Option<usize>,
        cache: usize,
    ) -> Option<Forward> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(nfa_limit),
            )
            .build_many_from_hir(hirs)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(kind)
                    .cache_capacity(cache)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let pikevm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(kind))
            .build_from_nfa(nfa)
            .ok()?;
        let (d, p) = (dfa.clone(), pikevm.clone());
        let maker: CacheMaker = Box::new(move || Caches {
            dfa: d.create_cache(),
            pikevm: p.create_cache(),
        });
        Some(Forward {
            dfa,
            pikevm,
            caches: Pool::new(maker),
        })
    }

    /// Does some pattern match in `input`? Stops at the first match state.
    pub(crate) fn is_match(&self, input: &Input) -> bool {
        let input = input.clone().earliest(true);
        let mut caches = self.caches.get();
        match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            Ok(found) => found.is_some(),
            Err(_) => self.pikevm.is_match(&mut caches.pikevm, input),
        }
    }

    /// Add to `found` every pattern that matches in `input` (built with `MatchKind::All`).
    pub(crate) fn which_overlapping_matches(&self, input: &Input, found: &mut PatternSet) {
        let mut caches = self.caches.get();
        if self
            .dfa
            .try_which_overlapping_matches(&mut caches.dfa, input, found)
            .is_err()
        {
            self.pikevm
                .which_overlapping_matches(&mut caches.pikevm, input, found);
        }
    }

    pub(crate) fn pattern_len(&self) -> usize {
        self.pikevm.pattern_len()
    }
}

impl std::fmt::Debug for Forward {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forward")
            .field("patterns", &self.pattern_len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::Anchored;

    fn hir(pattern: &str) -> Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

    #[test]
    fn answers_as_a_meta_regex_does() {
        let pattern = r"^(?:责任编辑|责编)[:：]\s*\p{Han}{2,4}$";
        let forward =
            Forward::build(&[&hir(pattern)], MatchKind::LeftmostFirst, None, 1 << 20).unwrap();
        let meta = regex_automata::meta::Regex::new(pattern).unwrap();
        for text in [
            "责任编辑：王小明",
            "责编: 李四",
            "责任编辑：王小明。",
            "他是责编：张三",
            "",
        ] {
            let input = Input::new(text).anchored(Anchored::Yes);
            assert_eq!(forward.is_match(&input), meta.is_match(text), "{text}");
        }
    }

    #[test]
    fn a_search_the_dfa_gives_up_on_goes_to_the_pikevm() {
        // A Unicode word boundary: the lazy DFA quits on the first non-ASCII byte.
        let forward = Forward::build(
            &[&hir(r"\b编辑\b")],
            MatchKind::LeftmostFirst,
            None,
            1 << 20,
        )
        .unwrap();
        assert!(forward.is_match(&Input::new("编辑 王五")));
        assert!(!forward.is_match(&Input::new("王五编辑部")));
    }

    #[test]
    fn tells_every_pattern_that_matches() {
        let (a, b, c) = (hir(r"^\d+$"), hir(r"^\d{4}$"), hir(r"^[a-z]+$"));
        let forward = Forward::build(&[&a, &b, &c], MatchKind::All, None, 1 << 20).unwrap();
        let mut found = PatternSet::new(forward.pattern_len());
        forward.which_overlapping_matches(&Input::new("2024"), &mut found);
        let ids: Vec<usize> = found.iter().map(|p| p.as_usize()).collect();
        assert_eq!(ids, vec![0, 1]);
    }

    #[test]
    fn an_nfa_over_the_limit_does_not_build() {
        let big = hir(r"\p{Han}{50}");
        assert!(Forward::build(&[&big], MatchKind::All, Some(1000), 1 << 20).is_none());
        assert!(Forward::build(&[&big], MatchKind::All, None, 1 << 20).is_some());
    }
}
