//! Line rules: drop a whole line of page furniture, or rewrite matches inside lines.

use super::Zone;
use crate::chars::{is_blank_line, trim_blank};
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use regex::Regex;

/// Drop every line whose visible content matches `pattern` (anchored) inside `zone`.
/// `furniture` are the patterns of every line-dropping rule of the set: zones count only the
/// lines none of them matches, so a zone does not move when other furniture is removed and a
/// second run drops nothing more (idempotence).
pub(crate) fn drop_lines(
    id: &RuleId,
    pattern: &Regex,
    zone: Zone,
    furniture: &[Regex],
    doc: &mut Document,
    edits: &mut Vec<Edit>,
) {
    let in_zone = (zone != Zone::Any).then(|| {
        zone_mask(doc, zone, |text| {
            let t = trim_blank(text);
            pattern.is_match(t) || furniture.iter().any(|f| f.is_match(t))
        })
    });
    doc.drop_lines(
        id,
        |index, line| {
            in_zone.as_ref().is_none_or(|m| m[index])
                && !is_blank_line(&line.text)
                && pattern.is_match(trim_blank(&line.text))
        },
        edits,
    );
}

/// Which lines lie within the zone: those with fewer than `n` content lines (non-blank, not
/// furniture) between them and that end of the text.
fn zone_mask(doc: &Document, zone: Zone, is_furniture: impl Fn(&str) -> bool) -> Vec<bool> {
    let len = doc.lines.len();
    let (n, order): (usize, Box<dyn Iterator<Item = usize>>) = match zone {
        Zone::Any => return vec![true; len],
        Zone::Top(n) => (n, Box::new(0..len)),
        Zone::Bottom(n) => (n, Box::new((0..len).rev())),
    };
    let mut mask = vec![false; len];
    let mut content = 0;
    for i in order {
        if content >= n {
            break;
        }
        mask[i] = true;
        let text = &doc.lines[i].text;
        if !is_blank_line(text) && !is_furniture(text) {
            content += 1;
        }
    }
    mask
}

/// Replace every match of `pattern` inside each line with `replacement`.
pub(crate) fn replace(
    id: &RuleId,
    pattern: &Regex,
    replacement: &str,
    doc: &mut Document,
    edits: &mut Vec<Edit>,
) {
    for line in &mut doc.lines {
        if !pattern.is_match(&line.text) {
            continue;
        }
        let mut changes = Vec::new();
        for caps in pattern.captures_iter(&line.text) {
            let m = caps.get(0).expect("group 0");
            if m.as_str().is_empty() {
                continue;
            }
            let mut after = String::new();
            caps.expand(replacement, &mut after);
            changes.push((m.range(), after));
        }
        line.rewrite(id, doc.input, changes, edits);
    }
}

/// Put each line in Unicode NFC: decomposed accents (`e` + U+0301) compose, and CJK
/// compatibility ideographs (U+F900 block) become their unified forms, so equal text is equal
/// bytes. One edit per changed character run.
pub(crate) fn nfc(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    for line in &mut doc.lines {
        if line.text.is_ascii() || is_nfc_quick(line.text.chars()) == IsNormalized::Yes {
            continue;
        }
        let normalized: String = line.text.nfc().collect();
        if normalized == line.text {
            continue;
        }
        // Report the changed span: the common prefix and suffix stay out of the edit.
        let prefix = common_prefix(&line.text, &normalized);
        let suffix = common_suffix(&line.text[prefix..], &normalized[prefix..]);
        let after = normalized[prefix..normalized.len() - suffix].to_string();
        let range = prefix..line.text.len() - suffix;
        line.rewrite(id, doc.input, vec![(range, after)], edits);
    }
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
        if !line.text.contains('&')
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
    use super::*;

    fn doc(text: &str) -> Document<'_> {
        Document::parse(text)
    }

    #[test]
    fn zones_count_content_lines_only() {
        let d = doc("t\n\nx\n\nf\ny\nx\nz\n");
        let furniture = |t: &str| t == "f";
        let mask = zone_mask(&d, Zone::Top(2), furniture);
        assert_eq!(
            mask,
            vec![true, true, true, false, false, false, false, false]
        );
        let mask = zone_mask(&d, Zone::Top(3), furniture);
        assert_eq!(mask, vec![true, true, true, true, true, true, false, false]);
        let mask = zone_mask(&d, Zone::Bottom(1), furniture);
        assert_eq!(
            mask,
            vec![false, false, false, false, false, false, false, true]
        );
    }

    #[test]
    fn drop_records_original_line_numbers() {
        let id: RuleId = "x".into();
        let re = Regex::new("^(?:x)$").unwrap();
        let mut d = doc("a\n x \nb\nx\n");
        let mut edits = Vec::new();
        drop_lines(&id, &re, Zone::Any, &[], &mut d, &mut edits);
        assert_eq!(d.render("\n"), "a\nb\n");
        assert_eq!(edits.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(edits[0].before, " x ");
    }

    #[test]
    fn replace_columns_are_characters() {
        let id: RuleId = "zw".into();
        let re = Regex::new("\u{200b}").unwrap();
        let mut d = doc("中\u{200b}文\u{200b}\n");
        let mut edits = Vec::new();
        replace(&id, &re, "", &mut d, &mut edits);
        assert_eq!(d.render("\n"), "中文\n");
        assert_eq!(edits.iter().map(|e| e.column).collect::<Vec<_>>(), [2, 4]);
    }
}
