//! The literals every match of a pattern holds (found in its syntax tree), which the prefilter
//! looks for before a rule's regex is tried, how well a set of them filters Chinese prose, and
//! the characters a match can end with or start with.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

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
                                    .flat_map(|p| {
                                        r.literals.iter().map(move |s| [p.as_str(), s].concat())
                                    })
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

/// [`COMMON`] sorted, for a binary search (a scan of its 500 characters per character asked was
/// a tenth of finding the built-in rules' literals).
static COMMON_SORTED: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut chars: Vec<char> = COMMON.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    chars
});

fn is_common_char(c: char) -> bool {
    COMMON_SORTED.binary_search(&c).is_ok()
}

pub(crate) fn is_common(literal: &str) -> bool {
    literal.chars().all(is_common_char)
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

/// The characters a whole-line pattern's match can end with: a line that ends otherwise is
/// refused without a search. Most furniture patterns cannot end in `。`, which ends most lines
/// of prose (measured: about a fifth of whole-line searches on the eval pages refused so).
#[derive(Debug, Clone)]
pub(crate) struct LastChars(Box<[(char, char)]>);

/// More ranges than this and the set is no filter worth keeping.
const MAX_LAST_RANGES: usize = 256;

impl LastChars {
    /// The set for `hir`, or `None` when a match may end with any character (or with nothing).
    pub(crate) fn of(hir: &Hir) -> Option<LastChars> {
        // No character passed over: the line's very last character is asked.
        let (mut ranges, may_be_empty) = edge(hir, End::Last, &ClassUnicode::empty())?;
        if may_be_empty {
            return None;
        }
        ranges.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a as u32 <= last.1 as u32 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        (merged.len() <= MAX_LAST_RANGES).then(|| LastChars(merged.into()))
    }

    /// Can a match end with `c`?
    pub(crate) fn holds(&self, c: char) -> bool {
        let i = self.0.partition_point(|&(_, end)| end < c);
        self.0.get(i).is_some_and(|&(start, _)| start <= c)
    }
}

/// A set of more characters than this says too little of a line to be worth asking.
const MAX_REQUIRED: usize = 512;

/// Characters one of which every match of `hir` holds (as ranges), or `None` when no set of at
/// most [`MAX_REQUIRED`] is known. Where a pattern has no required literal it often still has a
/// required character: the colon of `标签\s*[:：]…`, the bar of a nav row, the `©` of a notice.
/// Of the parts a match must hold, the set with the fewest common characters is kept (a rare
/// character tells more lines apart), then the smallest.
pub(crate) fn required_chars(hir: &Hir) -> Option<Vec<(char, char)>> {
    let size =
        |r: &[(char, char)]| -> usize { r.iter().map(|&(a, b)| b as usize - a as usize + 1).sum() };
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let c = (text.chars().find(|&c| !is_common_char(c))).or(text.chars().next())?;
            Some(vec![(c, c)])
        }
        HirKind::Class(Class::Unicode(class)) => {
            let ranges: Vec<(char, char)> = class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect();
            (size(&ranges) <= MAX_REQUIRED).then_some(ranges)
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Repetition(rep) if rep.min == 0 => None,
        HirKind::Repetition(rep) => required_chars(&rep.sub),
        HirKind::Capture(cap) => required_chars(&cap.sub),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required_chars(sub)?);
            }
            (size(&all) <= MAX_REQUIRED).then_some(all)
        }
        HirKind::Concat(subs) => {
            let common = |r: &[(char, char)]| {
                (COMMON.chars())
                    .filter(|&c| r.iter().any(|&(a, b)| a <= c && c <= b))
                    .count()
            };
            (subs.iter().filter_map(required_chars)).min_by_key(|r| (common(r), size(r)))
        }
    }
}

/// Which end of a match [`visible_edge`] looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    First,
    Last,
}

/// The characters that can be the first (or last) visible character of a match of `hir` (blank
/// characters, `chars::is_blank`, passed over), or `None` when a match may be all blank or the
/// set is not known: then any text may match as far as its edges tell.
pub(crate) fn visible_edge(hir: &Hir, end: End) -> Option<Vec<(char, char)>> {
    let (ranges, all_blank) = edge(hir, end, blank_chars())?;
    (!all_blank).then_some(ranges)
}

/// [`crate::chars::is_blank`] as a class: spaces but line breaks (all of them at or below
/// U+3000), and the invisibles.
fn blank_chars() -> &'static ClassUnicode {
    static BLANKS: std::sync::OnceLock<ClassUnicode> = std::sync::OnceLock::new();
    BLANKS.get_or_init(|| {
        ClassUnicode::new(
            (0..=0x3000u32)
                .chain([0xFEFF])
                .filter_map(char::from_u32)
                .filter(|&c| crate::chars::is_blank(c))
                .map(|c| ClassUnicodeRange::new(c, c)),
        )
    })
}

/// The characters one end of a match can be, `blanks` passed over, and whether a match can be
/// all blank (then what comes after it, or before it, decides).
fn edge(hir: &Hir, end: End, blanks: &ClassUnicode) -> Option<(Vec<(char, char)>, bool)> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((Vec::new(), true)),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let is_blank = |c: char| {
                blanks
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= c && c <= r.end())
            };
            let visible = |c: &char| !is_blank(*c);
            let c = match end {
                End::First => text.chars().find(visible),
                End::Last => text.chars().rev().find(visible),
            };
            Some(c.map_or((Vec::new(), true), |c| (vec![(c, c)], false)))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let (mut visible, mut blank) = (class.clone(), class.clone());
            visible.difference(blanks);
            blank.intersect(blanks);
            let has_blank = !blank.ranges().is_empty();
            let ranges = visible.ranges().iter().map(|r| (r.start(), r.end()));
            Some((ranges.collect(), has_blank))
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(rep) => {
            let (ranges, all_blank) = edge(&rep.sub, end, blanks)?;
            Some((ranges, all_blank || rep.min == 0))
        }
        HirKind::Capture(cap) => edge(&cap.sub, end, blanks),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            let mut all_blank = false;
            for sub in subs {
                let (ranges, blank) = edge(sub, end, blanks)?;
                all.extend(ranges);
                all_blank |= blank;
            }
            Some((all, all_blank))
        }
        HirKind::Concat(subs) => {
            let mut all = Vec::new();
            let ordered: Box<dyn Iterator<Item = &Hir>> = match end {
                End::First => Box::new(subs.iter()),
                End::Last => Box::new(subs.iter().rev()),
            };
            for sub in ordered {
                let (ranges, all_blank) = edge(sub, end, blanks)?;
                all.extend(ranges);
                if !all_blank {
                    return Some((all, false));
                }
            }
            Some((all, true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{visible_edge, End, LastChars};

    type Ranges = Option<Vec<(char, char)>>;

    fn edges(pattern: &str) -> (Ranges, Ranges) {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        (
            visible_edge(&hir, End::First),
            visible_edge(&hir, End::Last),
        )
    }

    #[test]
    fn a_required_character_is_one_every_match_holds_and_the_rarest_set_is_kept() {
        let required = |pattern: &str| {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            super::required_chars(&hir)
        };
        // The bar, not the open runs around it.
        assert_eq!(
            required(r"^\S+\s*[|｜]\s*\S+$"),
            Some(vec![('|', '|'), ('｜', '｜')])
        );
        // Of a literal, a character outside the common ones.
        assert_eq!(required(r"^责任编辑：\p{Han}+$"), Some(vec![('责', '责')]));
        // Each alternative must hold one: the sets are joined.
        assert_eq!(
            required(r"^(?:©|版权)"),
            Some(vec![('©', '©'), ('版', '版')])
        );
        // An optional part, a class too wide to tell lines apart, an alternative without one.
        assert_eq!(required(r"^(?:【广告】)?.*$"), None);
        assert_eq!(required(r"^\p{Han}+$"), None);
        assert_eq!(required(r"^(?:©|.+)$"), None);
        // Sound: every text a pattern matches holds a character of its set.
        for (pattern, texts) in [
            (
                r"^\s*\d{4}-\d{2}-\d{2}\s*$",
                &["2019-05-03", " 2024-11-30 "][..],
            ),
            (
                r"^(?:相关阅读|延伸阅读)[:：]?$",
                &["相关阅读：", "延伸阅读"][..],
            ),
            (
                r"^[^。]{1,20}[（(]\s*[图圖]\s*[)）]$",
                &["大桥通车（图）", "x(圖)"][..],
            ),
        ] {
            let set = required(pattern).unwrap();
            let regex = regex::Regex::new(pattern).unwrap();
            for text in texts {
                assert!(regex.is_match(text), "{pattern} {text}");
                let held = text
                    .chars()
                    .any(|c| set.iter().any(|&(a, b)| a <= c && c <= b));
                assert!(held, "{pattern} requires {set:?}, which {text} lacks");
            }
        }
    }

    #[test]
    fn a_match_s_visible_edges_pass_over_blanks_and_optional_parts() {
        let (first, last) = edges(r"^\s*(?:责任编辑|责编)[:：]\s*\p{Han}{2,4}[)）]?\s*$");
        // `\s` holds line breaks, which a line never holds.
        let first = first.unwrap();
        assert!(first.contains(&('责', '责')) && first.iter().all(|&(a, _)| a == '责' || a < ' '));
        let last = last.unwrap();
        assert!(last.contains(&(')', ')')) && last.contains(&('）', '）')));
        assert!(last.iter().any(|&(a, b)| a <= '王' && '王' <= b));
        // A class with spaces in it: its visible part, or what follows when it is all blank.
        let (first, _) = edges(r"^[^|]{0,3}X");
        let first = first.unwrap();
        assert!(first
            .iter()
            .all(|&(a, b)| !(a..=b).contains(&' ') && !(a..=b).contains(&'\u{3000}')));
        assert!(first.iter().any(|&(a, b)| a <= 'X' && 'X' <= b));
        // A match that may be all blank tells nothing.
        assert_eq!(edges(r"^\s*$"), (None, None));
        assert_eq!(edges(r"^(?:\d+|\s*)$").0, None);
    }

    fn last(pattern: &str) -> Option<LastChars> {
        LastChars::of(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    #[test]
    fn a_match_ends_with_the_last_piece_or_what_comes_before_an_optional_one() {
        let set = last(r"^(?:责任编辑[:：]\s*\p{Han}{2,3}\s*[)）]?)$").unwrap();
        for c in ['）', ')', '王', '\u{3000}'] {
            assert!(set.holds(c), "{c}");
        }
        for c in ['。', '！', 'a', '1'] {
            assert!(!set.holds(c), "{c}");
        }
        let alternatives = last(r"^(?:来源|出处)：\S+?(?:网|报)$").unwrap();
        assert!(alternatives.holds('网') && alternatives.holds('报') && !alternatives.holds('社'));
    }

    #[test]
    fn a_pattern_that_ends_anyhow_or_matches_nothing_gives_no_set() {
        assert!(last(r"^(?:.+)$").is_some_and(|s| s.holds('。') && s.holds('a')));
        assert!(last(r"^(?:.*)$").is_none());
        assert!(last(r"^(?:a?)$").is_none());
    }
}
