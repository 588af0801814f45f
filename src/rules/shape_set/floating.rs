//! The floating gates (not anchored at a line's start): joined in multi-pattern lazy DFAs,
//! since a search must read the whole line for them anyway.

use super::{distinct, Gate};
use crate::line_facts::RuleBits;
use crate::rules::forward::Forward;
use regex_automata::{Input, MatchKind, PatternSet};
use regex_syntax::hir::Hir;
use std::sync::{Arc, OnceLock};

/// The lazy DFA's cache for the joined floating gates. Too small a cache and the DFA keeps
/// clearing it and building the same states again. Memory is taken only as states are built.
const DFA_CACHE: usize = 64 << 20;

/// The NFA size limit of one joined DFA. A group whose gates do not fit is split in halves
/// until each part does.
const NFA_LIMIT: usize = 32 << 20;

/// Gates joined in multi-pattern lazy DFAs (as few as fit the NFA limit), and the rules of
/// each gate (rules with the same gate share it).
#[derive(Debug, Clone, Default)]
pub(super) struct Group {
    pub(super) gates: Arc<[Hir]>,
    /// Built on the first search, so that commands that clean nothing do not pay for it.
    parts: Arc<OnceLock<Parts>>,
    /// The rules of each gate.
    rules: Vec<Vec<usize>>,
    pub(super) nfa_limit: usize,
}

/// The DFAs of a group, each with the gates it joins (by index), and the gates that could
/// not be built even alone (their rules are tried on every line).
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub(super) joined: Vec<(Forward, Vec<usize>)>,
    pub(super) unbuilt: Vec<usize>,
}

impl Group {
    pub(super) fn new(gates: Vec<(usize, Gate)>) -> Group {
        let (gates, rules) = distinct(gates);
        Group {
            gates: gates.into_iter().map(|g| g.hir).collect(),
            parts: Arc::default(),
            rules,
            nfa_limit: NFA_LIMIT,
        }
    }

    pub(super) fn parts(&self) -> &Parts {
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

    pub(super) fn add_hits(&self, text: &str, bits: &mut RuleBits) {
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
