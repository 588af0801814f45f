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

mod branches;
mod edge_index;
mod floating;
mod whole_line;

use crate::line_facts::RuleBits;
use floating::Group;
use regex_syntax::hir::{Hir, Look};
use whole_line::WholeLine;

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
