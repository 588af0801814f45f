//! Line rules: drop a whole line of page furniture, or rewrite matches inside lines.

use super::context::Context;
use super::edges::edge_cuts;
use super::pattern::Pattern;
use super::predicates::LineShape;
use super::Zone;
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use regex::Regex;
use std::ops::Range;

/// Drop every line that drop-line rule `r` matches inside `zone`. Zones count only the lines
/// no drop-line rule of the set matches, so a zone does not move when other furniture is
/// removed and a second run drops nothing more (idempotence).
/// `min_lines`: drop nothing unless at least this many lines (of the zone) match. With
/// `edges` (the rule's shape, when it takes `edge_sentences`), a line that does not match as
/// a whole loses a first or last sentence that does (see `edges`).
pub(crate) fn drop_lines(
    r: usize,
    id: &RuleId,
    (zone, min_lines, edges): (Zone, usize, Option<&LineShape>),
    doc: &mut Document,
    edits: &mut Vec<Edit>,
    ctx: &mut Context,
) {
    if zone != Zone::Any {
        ctx.update_zones(doc);
    }
    let lines = ctx.zone_lines(zone, &doc.lines);
    let mut drop: Vec<usize> = Vec::new();
    // In a later pass, only the lines changed since the rule last ran (see `Line::visit`).
    let changed_after =
        (zone == Zone::Any && min_lines == 1 && doc.pass.number > 1).then(|| doc.pass.before());
    let mut walk = ctx.walk(r, lines, &doc.lines, changed_after);
    while let Some(i) = walk.next(ctx) {
        let line = &mut doc.lines[i];
        // A line the pass before left alone was tried then; only a zone can have moved.
        if line
            .facts
            .as_ref()
            .is_some_and(|f| f.is_current() && !f.candidates.get(r))
        {
            continue; // the prefilter's verdict, without the per-rule bookkeeping
        }
        let visit = zone != Zone::Any || min_lines > 1 || line.visit(doc.pass);
        if visit && ctx.line_matches(r, line) {
            drop.push(i);
        } else if let Some(shape) = edges.filter(|_| visit && !line.protected && !line.gone) {
            // Again on its own output, as `replace` does: a glued chain loses one item a cut,
            // and later passes skip a rule's own output.
            for _ in 0..MAX_REWRITES {
                let cut = edge_cuts(&line.text)
                    .into_iter()
                    .find(|(_, sentence)| shape.matches(sentence))
                    .map(|(cut, _)| cut);
                // A line another rule drops whole (a caption with its source glued on) goes
                // whole, whichever of the two rules runs first.
                let Some(cut) = cut.filter(|_| ctx.is_content(line)) else {
                    break;
                };
                line.rewrite(id, doc.input, vec![(cut, String::new())], edits);
                // The line has new edges: the prefilter must look at them afresh.
                if let Some(facts) = line.facts.as_mut() {
                    facts.pending.full = true;
                }
                // What is left may be a line the rule drops (`来源：某报 某某.来源：某报`).
                if ctx.line_matches(r, line) {
                    drop.push(i);
                    break;
                }
            }
        }
    }
    if drop.len() >= min_lines {
        doc.drop_indexes(id, &drop, edits);
    }
}

/// Replace every match of `pattern` inside each line (of the zone) with `replacement`;
/// with `min_lines` above one, only when at least that many lines (of the zone) match, and
/// with `numbered`, only when those lines count themselves 1, 2, 3… (see [`counts_up`]).
pub(crate) fn replace(
    r: usize,
    id: &RuleId,
    (pattern, replacement): (&Pattern, &str),
    (zone, min_lines, numbered): (Zone, usize, bool),
    doc: &mut Document,
    edits: &mut Vec<Edit>,
    ctx: &mut Context,
) {
    if zone != Zone::Any {
        ctx.update_zones(doc);
    }
    let lines = ctx.zone_lines(zone, &doc.lines);
    // A rule that counts its lines looks at all of them in every pass, as a zone rule does.
    let counted = min_lines > 1 || numbered;
    let whole = zone != Zone::Any || counted;
    let changed_after = (!whole && doc.pass.number > 1).then(|| doc.pass.before());
    let mut chosen = Vec::new();
    let mut walk = ctx.walk(r, lines, &doc.lines, changed_after);
    while let Some(i) = walk.next(ctx) {
        let line = &mut doc.lines[i];
        // In a zone, a line the pass before left alone may have just come inside it.
        let visit = if whole {
            !line.protected && !line.gone
        } else {
            line.visit(doc.pass)
        };
        if visit && ctx.candidates(line).get(r) && (!counted || pattern.is_match(&line.text)) {
            chosen.push(i);
        }
    }
    if chosen.len() < min_lines {
        return;
    }
    if numbered {
        let texts = chosen.iter().map(|&i| &doc.lines[i].text[..]);
        if !counts_up(pattern, texts) {
            return;
        }
    }
    for i in chosen {
        let line = &mut doc.lines[i];
        // Again on its own output until it settles: a cut can bring a new match to the line's
        // end (`”来源：某报。来源：某报` loses one source, then the other), and later passes
        // skip a rule's own output.
        for _ in 0..MAX_REWRITES {
            let changes =
                minimal_changes(&line.text, pattern.replacements(&line.text, replacement));
            if changes.is_empty() {
                break;
            }
            line.rewrite(id, doc.input, changes, edits);
        }
    }
}

/// Do the matches in `texts` (one per line, in order) count 1, 2, 3… of one total, the way
/// a gallery numbers its pictures (`1/8`, `2/8`, …)? The groups `k` and `n` of each line's
/// first match; the run must reach its total or hold three at least, so two fractions that
/// happen to read `1/2`, `2/2` do, and `1/3` of the respondents beside `2/3` of the homes do
/// not (a run of two short of its total).
fn counts_up<'t>(pattern: &Pattern, texts: impl Iterator<Item = &'t str>) -> bool {
    let mut seen = 0;
    let mut total = None;
    for text in texts {
        let number = |name| {
            pattern
                .group(text, name)
                .and_then(|g| g.trim().parse::<usize>().ok())
        };
        let (Some(k), Some(n)) = (number("k"), number("n")) else {
            return false;
        };
        if k != seen + 1 || k > n || total.is_some_and(|t| t != n) {
            return false;
        }
        seen = k;
        total = Some(n);
    }
    total.is_some_and(|n| seen == n || seen >= 3)
}

/// Each change narrowed to what it changes: a pattern that matches a whole line to cut its
/// lead (`^lead(?P<rest>.*)$` → `${rest}`) changes only the lead, and the edit says so. The
/// rest of the line then keeps its own input positions, so a later edit inside it is placed
/// exactly (not on the span of the whole first rewrite).
fn minimal_changes(
    text: &str,
    changes: Vec<(Range<usize>, String)>,
) -> Vec<(Range<usize>, String)> {
    changes
        .into_iter()
        .filter_map(|(range, after)| {
            let before = &text[range.clone()];
            // A cut lead: what stays is the match's end, so the edit is its start, even when
            // the lead begins with the character the kept text begins with (记者…）记录 → 记录).
            if after.len() < before.len()
                && before.ends_with(after.as_str())
                && !before.starts_with(after.as_str())
            {
                return Some((range.start..range.end - after.len(), String::new()));
            }
            let prefix = common_prefix(before, &after);
            let suffix = common_suffix(&before[prefix..], &after[prefix..]);
            let narrowed = range.start + prefix..range.end - suffix;
            let after = after[prefix..after.len() - suffix].to_string();
            (!narrowed.is_empty() || !after.is_empty()).then_some((narrowed, after))
        })
        .collect()
}

/// Rewrites of one line by one `replace` rule in one pass, at most: each one shortens or
/// changes the line, and a rule that kept matching its own output would be a bug, not a page.
const MAX_REWRITES: usize = 8;

/// Put each line in Unicode NFC: decomposed accents (`e` + U+0301) compose, and CJK
/// compatibility ideographs (U+F900 block) become their unified forms, so equal text is equal
/// bytes. One edit per changed character run.
pub(crate) fn nfc(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>, ctx: &Context) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    for line in &mut doc.lines {
        if !line.visit(doc.pass)
            || ctx.surely_nfc(line)
            || is_nfc_quick(line.text.chars()) == IsNormalized::Yes
        {
            continue;
        }
        let normalized: String = line.text.nfc().collect();
        if normalized == line.text {
            continue;
        }
        // Report the changed span: the common prefix and suffix stay out of the edit.
        let changes = minimal_changes(&line.text, vec![(0..line.text.len(), normalized)]);
        line.rewrite(id, doc.input, changes, edits);
    }
}

/// Every character of `text` is [`crate::chars::is_nfc_safe`].
#[cfg(test)]
fn surely_nfc(text: &str) -> bool {
    text.chars().all(|c| crate::chars::is_nfc_safe(c as u32))
}

/// Bytes of the longest common prefix of `a` and `b`, at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Bytes of the longest common suffix of `a` and `b`, at a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Decode the HTML entities that scraping leaves in text (`&nbsp;`, `&quot;`, `&#8220;`).
/// Unknown names stay as they are: guessing would corrupt text that merely contains `&x;`.
pub(crate) fn html_entities(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    static ENTITY: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});").expect("entity regex")
    });
    static ENTITY_NAME: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"^(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
            .expect("entity name regex")
    });
    for line in &mut doc.lines {
        // A line that talks about entities (`HTML实体&lt;表示…`) quotes them: leave it as written.
        if !line.visit(doc.pass)
            || !line.text.contains('&')
            || ["实体", "转义", "HTML", "entity", "Entity"]
                .iter()
                .any(|w| line.text.contains(w))
        {
            continue;
        }
        let mut changes = Vec::new();
        for m in ENTITY.find_iter(&line.text) {
            let Some(c) = entity_char(&m.as_str()[1..m.as_str().len() - 1]) else {
                continue;
            };
            // `&amp;lt;` is the text `&lt;`: decoding it would create an entity that the next
            // run decodes again, so an escaped entity is left as it is (idempotence).
            if c == '&' && ENTITY_NAME.is_match(&line.text[m.end()..]) {
                continue;
            }
            changes.push((m.range(), c.to_string()));
        }
        line.rewrite(id, doc.input, changes, edits);
    }
}

fn entity_char(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok()?
    } else {
        return Some(match name {
            "nbsp" => '\u{a0}',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "bull" => '•',
            "copy" => '©',
            "reg" => '®',
            "times" => '×',
            "divide" => '÷',
            "yen" => '¥',
            "emsp" => '\u{2003}',
            "ensp" => '\u{2002}',
            "thinsp" => '\u{2009}',
            _ => return None,
        });
    };
    char::from_u32(code).filter(|c| !c.is_control() || *c == '\t')
}

#[cfg(test)]
mod tests {
    use crate::rules::Rule;

    fn run(rule: &str, text: &str) -> (String, Vec<crate::edit::Edit>) {
        Rule::from_toml("t.toml", rule).unwrap().apply_to_text(text)
    }

    #[test]
    fn zones_count_content_lines_only() {
        let rule = "id='f'\ndescription='d'\nkind='drop-line'\npattern='f'\n";
        let top =
            "id='t'\ndescription='d'\nkind='drop-line'\npattern='x'\nzone='top'\nzone_lines=2\n";
        let mut set = crate::rules::RuleSet::default();
        set.add_str("1-f.toml", rule).unwrap();
        set.add_str("2-t.toml", top).unwrap();
        let cleaner = crate::Cleaner::new(set, crate::CleanOptions::default());
        // `f` and `x` are furniture: they do not count, so the second `x` is still within
        // two content lines of the top; the third, after `y` and `z`, is not.
        assert_eq!(cleaner.clean("x\n\nf\nx\ny\nz\nx\n").text, "\ny\nz\nx\n");
    }

    #[test]
    fn a_cut_lead_is_reported_at_the_start_even_when_it_begins_like_the_rest() {
        let (text, edits) = run(
            "id='l'\ndescription='d'\nkind='replace'\npattern='^记者注意到，(?P<rest>记.*)$'\nreplace='${rest}'\n",
            "记者注意到，记录了变化。\n",
        );
        assert_eq!(text, "记录了变化。\n");
        assert_eq!(
            (edits[0].column, edits[0].before.as_str()),
            (1, "记者注意到，")
        );
    }

    #[test]
    fn drop_records_original_line_numbers() {
        let (text, edits) = run(
            "id='x'\ndescription='d'\nkind='drop-line'\npattern='x'\n",
            "a\n x \nb\nx\n",
        );
        assert_eq!(text, "a\nb\n");
        assert_eq!(edits.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(edits[0].before, " x ");
    }

    #[test]
    fn replace_columns_are_characters() {
        let (text, edits) = run(
            "id='zw'\ndescription='d'\nkind='replace'\npattern=\"\\u200b\"\nreplace=''\n",
            "中\u{200b}文\u{200b}\n",
        );
        assert_eq!(text, "中文\n");
        assert_eq!(edits.iter().map(|e| e.column).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn quick_nfc_scan_agrees_with_the_full_check() {
        use unicode_normalization::UnicodeNormalization;
        for text in [
            "abc",
            "中文，“引号”——《书》【注】…。",
            "ｆｕｌｌ！",
            "e\u{301}",
            "\u{F900}",
            "か\u{3099}",
            "\u{2000}",
        ] {
            let nfc: String = text.nfc().collect();
            assert!(!super::surely_nfc(text) || nfc == text, "{text:?}");
        }
        assert!(super::surely_nfc("中文，“引号”——《书》【注】…。ｆｕｌｌ！"));
        assert!(!super::surely_nfc("e\u{301}"));
        assert!(super::surely_nfc("é·ü中\u{3000}文"));
        assert!(!super::surely_nfc("中\u{302A}"));
        assert!(super::surely_nfc("气温38℃，●重点▲提示①"));
        assert!(!super::surely_nfc("\u{2126}")); // OHM SIGN: NFC makes it Ω
    }

    #[test]
    fn every_nfc_safe_character_stays_put_after_any_starter() {
        use unicode_normalization::UnicodeNormalization;
        // Starters that compose with what follows them (e + U+0301, か + U+3099, ᄀ + ᅡ).
        let before = ['a', 'e', '中', 'か', '\u{1100}', '\u{AC00}'];
        for code in 0..0x10000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if !crate::chars::is_nfc_safe(code) {
                continue;
            }
            for b in before {
                let text: String = [b, c].into_iter().collect();
                let nfc: String = text.nfc().collect();
                assert_eq!(nfc, text, "U+{code:04X} after {b}");
            }
        }
    }

    #[test]
    fn replace_in_the_last_line_only() {
        let rule = "id='r'\ndescription='d'\nkind='replace'\npattern='（完）'\nreplace=''\nzone='last-line'\n";
        let (text, _) = run(rule, "甲（完）\n乙（完）\n\n");
        assert_eq!(text, "甲（完）\n乙\n\n");
    }
}
