//! A rule's compiled pattern: fragments expanded, traditional forms added, compiled once into
//! a regex that never falls back to the bounded backtracker, with the literals one of which
//! every match must hold (what the prefilter looks for).

use super::forward::Forward;
use super::fragments::Fragments;
use super::literals::{is_common, required_literals, LastChars};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Lazy-DFA cache per regex and thread. The default (2 MB) is too small for the patterns with
/// large Unicode classes: the DFA gives up and searches fall back to slower engines.
const DFA_CACHE: usize = 8 << 20;

/// The most spellings (simplified, traditional and variant forms) a `needs` literal may have.
const MAX_SPELLINGS: usize = 64;

/// For a whole-line pattern that only asks for one character of a small set anywhere in the
/// line (`^.*[。！？].*$`): that set. Each call of such a pattern walked the whole line in a
/// lazy DFA, at about 3,000 instructions a line.
fn holds_one_of(hir: &Hir) -> Option<Box<[char]>> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let any_run = |h: &Hir| match h.kind() {
        HirKind::Repetition(r) if r.min == 0 && r.max.is_none() => {
            matches!(r.sub.kind(), HirKind::Class(Class::Unicode(c))
                if c.ranges().len() == 2
                    && (c.ranges()[0].start(), c.ranges()[0].end()) == ('\0', '\u{9}')
                    && (c.ranges()[1].start(), c.ranges()[1].end()) == ('\u{B}', '\u{10FFFF}'))
        }
        _ => false,
    };
    let [start, open, middle, close, end] = &parts[..] else {
        return None;
    };
    if *start.kind() != HirKind::Look(Look::Start)
        || *end.kind() != HirKind::Look(Look::End)
        || !any_run(open)
        || !any_run(close)
    {
        return None;
    }
    let chars: Vec<char> = match middle.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let mut chars = text.chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(vec![c])?
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut chars = Vec::new();
            for range in class.ranges() {
                if range.end() as u32 - range.start() as u32 > 16 {
                    return None;
                }
                chars.extend(range.start()..=range.end());
            }
            chars
        }
        _ => return None,
    };
    (chars.len() <= 32 && !chars.contains(&'\n')).then(|| chars.into_boxed_slice())
}

/// How a rule's pattern text becomes a regex.
pub(crate) struct Options<'a> {
    /// The whole line must match (`^(?:…)$`).
    pub anchored: bool,
    /// Simplified characters also match their traditional forms and back.
    pub traditional: bool,
    pub fragments: &'a Fragments,
    /// The rule file's own fragments.
    pub local: &'a BTreeMap<String, String>,
    /// Literals the rule declares every match holds (`needs`), instead of finding them.
    pub needs: Option<Vec<String>>,
    /// The rule's `max_chars`, which every text the pattern is tried on keeps to.
    pub max_chars: Option<usize>,
}

/// What a pattern matched against whole lines is asked through, built on first use.
#[derive(Debug)]
struct LineMatcher {
    /// The characters a match can end with: a line ending in another is refused without a
    /// search.
    last: Option<LastChars>,
    /// For a pattern without named groups, the one question asked of it (does the line
    /// match?), answered searching forward only from the line's start.
    forward: Option<Forward>,
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// Built on first use: a run that never tries the rule (most rules on most small files,
    /// every rule for `rules list`) does not pay for compiling it, which is most of what
    /// loading the rules costs.
    regex: Arc<OnceLock<meta::Regex>>,
    /// For a whole-line pattern: the characters its match ends with and its forward matcher.
    line: Arc<OnceLock<LineMatcher>>,
    /// The pattern as compiled (fragments expanded, traditional forms added): what
    /// `rules show` prints.
    pub source: String,
    /// Every match holds one of these; `None` when no such literal set was found.
    pub needs: Option<Vec<String>>,
    /// The compiled syntax tree, from which [`Pattern::gate`] is built.
    hir: Hir,
    /// Matched against the whole trimmed line.
    anchored: bool,
    /// The rule's `max_chars`: no text with more visible characters is tried.
    pub max_chars: Option<usize>,
    /// The characters one of which the line must hold, when that is all the pattern says
    /// (`.*。.*`, `.*[。！？].*`): a scan for them instead of a regex search.
    holds_one_of: Option<Box<[char]>>,
}

impl Pattern {
    /// Compile the alternatives `sources` (in order) as one pattern.
    pub(crate) fn compile(sources: &[String], options: Options) -> Result<Pattern, String> {
        if sources.is_empty() {
            return Err("needs `pattern` or `patterns`".into());
        }
        let mut expanded = Vec::with_capacity(sources.len());
        for source in sources {
            expanded.push(options.fragments.expand(options.local, source)?);
        }
        let joined = expanded
            .iter()
            // A verbose alternative may end in a `#` comment: a line break ends it.
            .map(|a| {
                if a.trim_start().starts_with("(?x)") {
                    format!("(?:{a}\n)")
                } else {
                    format!("(?:{a})")
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        let written = if options.anchored {
            format!("^(?:{joined})$")
        } else {
            joined
        };
        // Parsed once, joined and widened to the other forms of its characters in the same
        // parse (parsing each alternative alone, and the widened text again, were half of
        // loading the rules); on an error, the alternative at fault is named.
        let parsed = if options.traditional {
            crate::chars::parse_with_traditional(&written)
        } else {
            regex_syntax::ast::parse::Parser::new()
                .parse(&written)
                .map(|ast| (written.clone(), ast))
                .map_err(|e| e.to_string())
        };
        let translated = parsed.and_then(|(source, ast)| {
            regex_syntax::hir::translate::Translator::new()
                .translate(&written, &ast)
                .map(|hir| (source, hir))
                .map_err(|e| e.to_string())
        });
        let (source, hir) = translated.map_err(|joined| {
            let alone = expanded
                .iter()
                .find_map(|e| regex_syntax::Parser::new().parse(e).err());
            format!("bad pattern: {}", alone.map_or(joined, |e| e.to_string()))
        })?;
        // Under `max_chars`, a count of visible characters that reaches the bound is no
        // bound: `[^()\s]{1,120}` in a rule of at most 120 characters is `[^()\s]+`, one
        // loop instead of 120 copies of a Unicode class in the automaton.
        let hir = match options.max_chars {
            Some(most) => unbound_counts(&hir, most),
            None => hir,
        };
        // A set with a short literal of common characters (`年`, `-`, `：`) lets nearly every
        // line through: the scan would cost more than trying the pattern.
        let found = required_literals(&hir)
            .map(|r| r.literals)
            .filter(|l| !l.iter().any(|x| is_common(x) && x.chars().count() <= 2));
        let mut pattern = Pattern {
            regex: Arc::default(),
            line: Arc::default(),
            source,
            needs: found,
            holds_one_of: if options.anchored {
                holds_one_of(&hir)
            } else {
                None
            },
            hir,
            anchored: options.anchored,
            max_chars: options.max_chars,
        };
        if let Some(needs) = options.needs {
            pattern.declare_needs(needs, options.traditional)?;
        }
        Ok(pattern)
    }

    /// Literals the rule declares every match holds (`needs`), in place of those found in the
    /// pattern. With `traditional`, the pattern matches the other forms of its characters: so
    /// must the literals, or the prefilter would keep `圖為` from a rule that needs `图为`. A
    /// literal with too many spellings is refused: set aside silently, it took the rule's whole
    /// list with it (`trailer-chain-inline` declared 153 literals that no line was ever
    /// filtered by, because one of them, `人赞同了该回答`, has more than 64 spellings).
    pub(crate) fn declare_needs(
        &mut self,
        needs: Vec<String>,
        traditional: bool,
    ) -> Result<(), String> {
        if needs.iter().any(String::is_empty) {
            return Err("`needs` holds an empty literal, which every line holds".into());
        }
        if !traditional {
            self.needs = Some(needs);
            return Ok(());
        }
        let mut all = Vec::new();
        for literal in &needs {
            let forms = crate::chars::all_forms(literal, MAX_SPELLINGS).ok_or_else(|| {
                format!(
                    "`needs` literal {literal:?} has more than {MAX_SPELLINGS} spellings in \
                     traditional and simplified forms; a shorter part of it filters as well"
                )
            })?;
            all.extend(forms);
        }
        all.sort();
        all.dedup();
        self.needs = Some(all);
        Ok(())
    }
    /// A pattern that matches every line (untrimmed) on which this one can match, in a form a
    /// lazy DFA always runs: Unicode word boundaries become empty, and an anchored pattern
    /// (matched on the trimmed line) is wrapped in `^blank*(?:…)blank*$` with its own anchors
    /// emptied. One DFA over all such gates tells, in one pass, which rules to try
    /// (see `shape_set`).
    pub(crate) fn gate(&self) -> Hir {
        if !self.anchored {
            return relax(&self.hir, false);
        }
        let blanks = Hir::repetition(regex_syntax::hir::Repetition {
            min: 0,
            max: None,
            greedy: true,
            sub: Box::new(blank_class()),
        });
        Hir::concat(vec![
            Hir::look(Look::Start),
            blanks.clone(),
            relax(&self.hir, true),
            blanks,
            Hir::look(Look::End),
        ])
    }

    /// The most visible characters a text this pattern matches can hold: the rule's
    /// `max_chars`, or for a whole-line pattern with a longest match, that match's length in
    /// bytes (a character is at least one), whichever is less.
    pub(crate) fn most_visible_chars(&self) -> Option<usize> {
        let longest = (self.anchored)
            .then(|| self.hir.properties().maximum_len())
            .flatten();
        match (self.max_chars, longest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn regex(&self) -> &meta::Regex {
        self.regex.get_or_init(|| {
            meta::Builder::new()
                .configure(
                    meta::Config::new()
                        .backtrack(false)
                        .dfa(false)
                        // No size limit: the pattern parsed at load, and nothing else can fail.
                        .nfa_size_limit(None)
                        // A whole-line pattern needs its groups only if it names them (a
                        // block's `title`).
                        .which_captures(if self.anchored && !self.names_groups() {
                            WhichCaptures::Implicit
                        } else {
                            WhichCaptures::All
                        })
                        .hybrid_cache_capacity(DFA_CACHE),
                )
                .build_from_hir(&self.hir)
                .expect("a pattern that parsed builds without a size limit")
        })
    }

    fn names_groups(&self) -> bool {
        self.hir.properties().explicit_captures_len() > 0
    }

    /// Does the pattern have a group called `name`?
    pub(crate) fn names_group(&self, name: &str) -> bool {
        fn find(hir: &Hir, name: &str) -> bool {
            match hir.kind() {
                HirKind::Capture(c) => c.name.as_deref() == Some(name) || find(&c.sub, name),
                HirKind::Repetition(r) => find(&r.sub, name),
                HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(|h| find(h, name)),
                _ => false,
            }
        }
        find(&self.hir, name)
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        match &self.holds_one_of {
            Some(chars) => !text.contains('\n') && text.contains(&chars[..]),
            None => self.matches(text),
        }
    }

    /// The regex's verdict on `text`, from the whole-line matcher when the pattern has one.
    fn matches(&self, text: &str) -> bool {
        let line = self.line.get_or_init(|| LineMatcher {
            last: self.anchored.then(|| LastChars::of(&self.hir)).flatten(),
            forward: (self.anchored && !self.names_groups())
                .then_some(())
                .and_then(|_| {
                    Forward::build(&[&self.hir], MatchKind::LeftmostFirst, None, DFA_CACHE)
                }),
        });
        if let (Some(last), Some(c)) = (&line.last, text.chars().next_back()) {
            if !last.holds(c) {
                return false;
            }
        }
        match &line.forward {
            Some(forward) => forward.is_match(&Input::new(text).anchored(Anchored::Yes)),
            None => self.regex().is_match(text),
        }
    }

    /// [`Pattern::is_match`] for the patterns the prefilter does not serve (protect): a
    /// line without any of a few required literals is refused without running the regex.
    pub(crate) fn is_match_alone(&self, text: &str) -> bool {
        match &self.needs {
            Some(needs) if needs.len() <= 4 => {
                needs.iter().any(|n| text.contains(n.as_str())) && self.matches(text)
            }
            _ => self.matches(text),
        }
    }

    /// The text of group `name` in the first match in `text`, if the pattern matches and the
    /// group took part.
    pub(crate) fn group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        let [group] = self.groups(text, [name]);
        group
    }

    /// [`Pattern::group`] for several groups of the same match, found in one search.
    pub(crate) fn groups<'t, const N: usize>(
        &self,
        text: &'t str,
        names: [&str; N],
    ) -> [Option<&'t str>; N] {
        let regex = self.regex();
        let mut caps = regex.create_captures();
        regex.search_captures(&regex_automata::Input::new(text), &mut caps);
        names.map(|name| caps.get_group_by_name(name).map(|span| &text[span.range()]))
    }

    /// Every non-empty match, with its replacement expanded from `template` (`$1`, `${name}`).
    /// Matches are found with the lazy DFA; the slower capture search runs only on a match,
    /// and only when the template uses groups.
    pub(crate) fn replacements(
        &self,
        text: &str,
        template: &str,
    ) -> Vec<(std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        let mut caps: Option<Captures> = None;
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = self.regex().search(&Input::new(text).span(at..text.len())) else {
                break;
            };
            if m.is_empty() {
                // Step over one character: empty matches delete nothing.
                at = m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let after = if template.contains('$') {
                let caps = caps.get_or_insert_with(|| self.regex().create_captures());
                let exact = Input::new(text).span(m.range()).anchored(Anchored::Yes);
                self.regex().search_captures(&exact, caps);
                let mut after = String::new();
                caps.interpolate_string_into(text, template, &mut after);
                after
            } else {
                template.to_string()
            };
            out.push((m.range(), after));
            at = m.end();
        }
        out
    }
}

/// The characters [`crate::chars::trim_blank`] trims: white space but line breaks, and the
/// invisibles.
fn blank_class() -> Hir {
    regex_syntax::Parser::new()
        .parse(r"[\s\x{200B}\x{2060}\x{FEFF}&&[^\n\r]]")
        .expect("a valid class")
}

/// `hir` with every count of a class of visible characters (no space in it) whose upper
/// bound is at least `most` left open above: in a text of at most `most` visible characters,
/// the two match the same.
fn unbound_counts(hir: &Hir, most: usize) -> Hir {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let visible = matches!(rep.sub.kind(), HirKind::Class(class) if !holds_a_space(class));
            Hir::repetition(regex_syntax::hir::Repetition {
                sub: Box::new(unbound_counts(&rep.sub, most)),
                min: rep.min,
                max: rep.max.filter(|&max| !(visible && max as usize >= most)),
                greedy: rep.greedy,
            })
        }
        HirKind::Capture(cap) => Hir::capture(regex_syntax::hir::Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(unbound_counts(&cap.sub, most)),
        }),
        HirKind::Concat(subs) => {
            Hir::concat(subs.iter().map(|s| unbound_counts(s, most)).collect())
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|s| unbound_counts(s, most)).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// Does the class hold a character that `max_chars` does not count (white space)?
fn holds_a_space(class: &Class) -> bool {
    match class {
        Class::Unicode(c) => SPACES
            .iter()
            .any(|&s| c.iter().any(|r| (r.start()..=r.end()).contains(&s))),
        Class::Bytes(c) => SPACES
            .iter()
            .filter(|s| s.is_ascii())
            .any(|&s| c.iter().any(|r| (r.start()..=r.end()).contains(&(s as u8)))),
    }
}

/// Every character [`crate::chars::is_space`] holds (a test keeps the two the same).
const SPACES: &[char] = &[
    '\t', '\u{b}', '\u{c}', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}',
    '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}',
    '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

/// `hir` with every assertion a lazy DFA cannot run (Unicode word boundaries) made empty, and
/// with `anchors` the line anchors too; captures are dropped. What is left matches wherever
/// `hir` does, and perhaps more.
fn relax(hir: &Hir, anchors: bool) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => {
            let unicode_word = matches!(
                look,
                Look::WordUnicode
                    | Look::WordUnicodeNegate
                    | Look::WordStartUnicode
                    | Look::WordEndUnicode
                    | Look::WordStartHalfUnicode
                    | Look::WordEndHalfUnicode
            );
            let anchor = matches!(
                look,
                Look::Start
                    | Look::End
                    | Look::StartLF
                    | Look::EndLF
                    | Look::StartCRLF
                    | Look::EndCRLF
            );
            if unicode_word || (anchors && anchor) {
                Hir::empty()
            } else {
                hir.clone()
            }
        }
        // A counted repetition becomes an open one (`{2,30}` → `+`): each count is a copy of
        // its part in the automaton, and the gate need not count.
        HirKind::Repetition(rep) => Hir::repetition(regex_syntax::hir::Repetition {
            sub: Box::new(relax(&rep.sub, anchors)),
            min: rep.min.min(1),
            max: rep.max.filter(|&max| max <= 1),
            greedy: rep.greedy,
        }),
        HirKind::Capture(cap) => relax(&cap.sub, anchors),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| relax(s, anchors)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|s| relax(s, anchors)).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(pattern: &str) -> Option<Vec<String>> {
        compiled(pattern, false).needs
    }

    fn strs(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|s| s.to_string()).collect())
    }

    /// A whole-line pattern without fragments.
    fn compiled(pattern: &str, traditional: bool) -> Pattern {
        let fragments = Fragments::default();
        Pattern::compile(
            &[pattern.to_string()],
            Options {
                anchored: true,
                traditional,
                fragments: &fragments,
                local: &BTreeMap::new(),
                needs: None,
                max_chars: None,
            },
        )
        .unwrap()
    }

    #[test]
    fn a_count_of_visible_characters_up_to_max_chars_is_left_open() {
        let hir = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        let open = unbound_counts(&hir(r"a[^()\s]{1,120}(?P<t>\p{Han}{2,8})\s{0,200}"), 100);
        assert_eq!(open, hir(r"a[^()\s]{1,}(?P<t>\p{Han}{2,8})\s{0,200}"));
        // A class with a space in it counts characters max_chars does not.
        let kept = unbound_counts(&hir(r"[^。]{1,120}"), 100);
        assert_eq!(kept, hir(r"[^。]{1,120}"));
        // Below the bound, the count still says something.
        assert_eq!(unbound_counts(&hir(r"\d{1,20}"), 100), hir(r"\d{1,20}"));
    }

    #[test]
    fn the_spaces_max_chars_skips_are_every_space() {
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| crate::chars::is_space(c))
            .collect();
        assert_eq!(spaces, SPACES);
    }

    #[test]
    fn a_whole_line_pattern_gives_its_named_group() {
        let p = compiled(r"(?P<title>[^_]{2,20}?)_\S{1,10}", false);
        assert!(p.names_group("title") && !p.names_group("site"));
        assert_eq!(p.group("第三章 归途_书友网", "title"), Some("第三章 归途"));
        assert_eq!(p.group("没有分隔符", "title"), None);
        assert!(!compiled(r"\d+", false).names_group("title"));
    }

    #[test]
    fn a_pattern_asking_for_one_character_anywhere_is_a_scan_with_the_regex_verdict() {
        let lines = ["他说。好", "。", "没有句号", "", "a\n。", "问号？", "!"];
        for pattern in [".*。.*", ".*[。！？!?].*"] {
            let p = compiled(pattern, true);
            assert!(p.holds_one_of.is_some(), "{pattern}");
            for line in lines {
                assert_eq!(
                    p.is_match(line),
                    p.regex().is_match(line),
                    "{pattern} {line:?}"
                );
            }
        }
        for pattern in [".*。", "x.*。.*", ".*图为.*", ".*\\p{Han}.*", "(?s).*。.*"] {
            assert!(compiled(pattern, true).holds_one_of.is_none(), "{pattern}");
        }
    }

    #[test]
    fn finds_the_literals_every_match_holds() {
        assert_eq!(needs(r"\s*责任编辑\s*[:：]\s*\w+"), strs(&["责任编辑"]));
        assert_eq!(needs("(?:上一页|下一页).*"), strs(&["上一页", "下一页"]));
        assert_eq!(
            needs("[来來]源[:：]"),
            strs(&["來源:", "來源：", "来源:", "来源："])
        );
        assert_eq!(needs(r"\d+"), None);
        assert_eq!(needs(r"[0-9]+期"), strs(&["期"]));
        // A short literal of common characters lets nearly every line through.
        assert_eq!(needs(r"[0-9]+年"), None);
        assert_eq!(needs(r".*"), None);
        assert_eq!(needs(r"(?:编辑)?\d"), None);
        assert_eq!(needs("a|.*"), None);
        // A branch with an open part is not one literal: `返回体育频道首页` must get through.
        let set = needs(r"返回(?:首页|\p{Han}{1,6}首页)").expect("literals");
        assert!(
            set.iter().any(|l| "返回体育频道首页".contains(l.as_str())),
            "{set:?}"
        );
    }

    #[test]
    fn replacements_expand_groups_and_skip_empty_matches() {
        let fragments = Fragments::default();
        let p = Pattern::compile(
            &["(x*)([0-9])".to_string()],
            Options {
                anchored: false,
                traditional: false,
                fragments: &fragments,
                local: &BTreeMap::new(),
                needs: None,
                max_chars: None,
            },
        )
        .unwrap();
        assert_eq!(
            p.replacements("a1 xx2", "<$2>"),
            vec![(1..2, "<1>".to_string()), (3..6, "<2>".to_string())]
        );
    }

    #[test]
    fn declared_needs_get_their_traditional_forms_and_a_literal_with_too_many_is_refused() {
        let mut p = compiled("图为.*", true);
        p.declare_needs(vec!["图为".into()], true).unwrap();
        assert!(p.needs.as_ref().unwrap().contains(&"圖為".to_string()));
        let err = p
            .declare_needs(vec!["赞同".into(), "人赞同了该回答".into()], true)
            .unwrap_err();
        assert!(err.contains("人赞同了该回答"), "{err}");
    }
}
