//! The literals every match of a pattern holds (found in its syntax tree), which the prefilter
//! looks for before a rule's regex is tried, and how well a set of them filters Chinese prose.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A set of literals, one of which every match of a pattern holds; `exact` when the pattern
/// matches exactly these strings (so neighbours can be joined: `[来來]源` → 来源, 來源).
pub(crate) struct Required {
    pub(crate) literals: Vec<String>,
    exact: bool,
}

/// More literals than this and the set filters nothing worth its cost.
const MAX_LITERALS: usize = 512;
/// A class of more characters than this is no literal.
const MAX_CLASS: usize = 64;

pub(crate) fn required_literals(hir: &Hir) -> Option<Required> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(Required {
            literals: vec![String::from_utf8(lit.0.to_vec()).ok()?],
            exact: true,
        }),
        HirKind::Class(Class::Unicode(class)) => {
            let mut literals = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    if literals.len() == MAX_CLASS {
                        return None;
                    }
                    literals.push(c.to_string());
                }
            }
            Some(Required {
                literals,
                exact: true,
            })
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Repetition(rep) if rep.min == 0 => None,
        HirKind::Repetition(rep) => required_literals(&rep.sub).map(|r| Required {
            exact: r.exact && rep.max == Some(1) && rep.min == 1,
            ..r
        }),
        HirKind::Capture(cap) => required_literals(&cap.sub),
        HirKind::Alternation(subs) => {
            let mut literals = Vec::new();
            let mut exact = true;
            for sub in subs {
                let r = required_literals(sub)?;
                exact &= r.exact;
                literals.extend(r.literals);
                if literals.len() > MAX_LITERALS {
                    return None;
                }
            }
            literals.sort();
            literals.dedup();
            Some(Required { literals, exact })
        }
        HirKind::Concat(subs) => {
            // Runs of exact neighbours join into longer literals; the best set wins.
            let mut best: Option<Required> = None;
            let mut run: Option<Vec<String>> = None;
            // Every part exact: only then is the concatenation one literal set.
            let mut all_exact = true;
            let consider = |candidate: Required, best: &mut Option<Required>| {
                if best.as_ref().is_none_or(|b| score(&candidate) > score(b)) {
                    *best = Some(candidate);
                }
            };
            for sub in subs {
                match required_literals(sub) {
                    Some(r) if r.exact => {
                        run = Some(match run.take() {
                            None => r.literals,
                            Some(prefix) if prefix.len() * r.literals.len() <= MAX_LITERALS => {
                                prefix
                                    .iter()
                                    .flat_map(|p| r.literals.iter().map(move |s| format!("{p}{s}")))
                                    .collect()
                            }
                            Some(prefix) => {
                                consider(inexact(prefix), &mut best);
                                r.literals
                            }
                        });
                    }
                    other => {
                        all_exact = false;
                        if let Some(prefix) = run.take() {
                            consider(inexact(prefix), &mut best);
                        }
                        if let Some(r) = other {
                            consider(r, &mut best);
                        }
                    }
                }
            }
            let whole = !subs.is_empty() && all_exact && best.is_none();
            if let Some(prefix) = run.take() {
                if whole {
                    // Every part was exact: the concatenation is.
                    return Some(Required {
                        literals: prefix,
                        exact: true,
                    });
                }
                consider(inexact(prefix), &mut best);
            }
            best.map(|b| Required { exact: false, ..b })
        }
    }
}

fn inexact(literals: Vec<String>) -> Required {
    Required {
        literals,
        exact: false,
    }
}

/// Characters most lines of Chinese prose hold: the most frequent hanzi, punctuation, digits.
/// A literal made only of these filters little (`第`, `共`, `年`, `-`), so a set without such
/// literals is preferred to a set with them.
const COMMON: &str = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那\
    得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其\
    些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将\
    两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给\
    世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平共\
    ，。、：；“”‘’（）《》！？…—·0123456789-./:,;()[]!? \
    abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\t\u{a0}\u{3000}";

pub(crate) fn is_common(literal: &str) -> bool {
    literal.chars().all(|c| COMMON.contains(c))
}

/// How well a literal set filters: no literal made only of common characters, then its
/// shortest literal (longer is rarer), then fewer literals.
fn score(r: &Required) -> (bool, usize, std::cmp::Reverse<usize>) {
    let shortest = r
        .literals
        .iter()
        .map(|l| l.chars().count())
        .min()
        .unwrap_or(0);
    let rare = !r.literals.iter().any(|l| is_common(l));
    (rare, shortest, std::cmp::Reverse(r.literals.len()))
}
