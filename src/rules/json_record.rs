//! A crawler's record saved as pretty-printed JSON (`{`, `"url": "…",`, `"content": [`, one
//! string of the text a line, `],`, `"read_count": 12873`, `}`): the text's strings are
//! unwrapped, every other line (keys, counters, brackets, the comments of other users) goes.
//! The other rules then see the text as lines of prose (a `▶ 听全文` player line inside the
//! content array goes as it would anywhere).
//!
//! Only a whole document that reads as one record is touched: its first line opens an object,
//! its last closes one, every line is a part of the record, and some text field holds Chinese.
//! A `package.json` or a config quoted in a post has no such field and stays; a record this
//! reader cannot follow (prose between its lines) is left to the line rules.

use crate::chars::{is_blank_line, is_cjk};
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use std::ops::Range;

/// Fields a crawler keeps the text (or its title) in; an array of them is the text's
/// paragraphs (`"paragraphs": [`).
const TEXT_KEYS: [&str; 17] = [
    "content",
    "contents",
    "text",
    "texts",
    "body",
    "article",
    "paragraphs",
    "paras",
    "fulltext",
    "full_text",
    "main_text",
    "title",
    "summary",
    "description",
    "desc",
    "abstract",
    "longtext",
];

/// What becomes of one line.
#[derive(Debug, PartialEq)]
enum Fate {
    Drop,
    Keep,
    /// Keep only the string at this byte range of the line, without its escapes.
    Unwrap(Range<usize>),
}

pub(crate) fn apply(id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
    // Every document passes here: one look at its first line before any list is made.
    let opens = (doc.lines.iter().find(|l| !is_blank_line(&l.text)))
        .is_some_and(|l| l.text.trim_start().starts_with('{'));
    if !opens {
        return;
    }
    let texts: Vec<&str> = doc.lines.iter().map(|l| &*l.text).collect();
    let Some(fates) = read_record(&texts) else {
        return;
    };
    let mut drop = Vec::new();
    for (i, fate) in fates.into_iter().enumerate() {
        match fate {
            Fate::Drop => drop.push(i),
            Fate::Keep => {}
            Fate::Unwrap(content) => {
                // The quotes, the key and each escape are edits of their own, so what later
                // rules cut from the text is placed exactly in the record.
                let line = &mut doc.lines[i];
                let changes = unwrap_changes(&line.text, content);
                line.rewrite(id, doc.input, changes, edits);
            }
        }
    }
    doc.drop_indexes(id, &drop, edits);
}

/// Is `text` one crawler's record whose text this kind unwraps? The CLI, which refuses JSON
/// files as data, cleans such a file as the document it carries.
pub fn is_text_record(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    read_record(&lines).is_some()
}

/// Text a reader would call prose: ten Chinese characters or more, with a clause's or a
/// sentence's mark (a translation file's `"title": "标题"` is no article).
fn is_prose(text: &str) -> bool {
    text.chars().filter(|&c| is_cjk(c)).count() >= 10
        && text.contains(['。', '，', '！', '？', '；', '：'])
}

/// Where a line sits in the record.
#[derive(Clone, Copy, PartialEq)]
enum Inside {
    /// An object, or an array of data (tags, picture links, comments).
    Data,
    /// The array of a text field: its strings are the text.
    TextArray,
}

/// The fate of every line, or `None` when the lines are not one record with a text.
fn read_record(lines: &[&str]) -> Option<Vec<Fate>> {
    let first = lines.iter().position(|l| !is_blank_line(l))?;
    let last = lines.iter().rposition(|l| !is_blank_line(l))?;
    if !lines[first].trim_start().starts_with('{') || !lines[last].trim_end().ends_with('}') {
        return None;
    }
    let mut fates = Vec::with_capacity(lines.len());
    let mut stack: Vec<Inside> = Vec::new();
    // Inside a string that runs over lines: whether it is text.
    let mut open_string: Option<bool> = None;
    let mut has_text = false;
    for (i, line) in lines.iter().enumerate() {
        if is_blank_line(line) || i < first || i > last {
            fates.push(Fate::Keep);
            continue;
        }
        if let Some(is_text) = open_string {
            has_text |= is_text && is_prose(line);
            let fate = match closing_quote(line) {
                None if is_text => Fate::Keep,
                None => Fate::Drop,
                Some(at) => {
                    let rest = line[at + 1..].trim();
                    let closes = rest.trim_start_matches(',').trim_start();
                    let depth = closes.chars().filter(|c| matches!(c, '}' | ']')).count();
                    if !closes.chars().all(|c| matches!(c, '}' | ']' | ',' | ' '))
                        || depth > stack.len()
                    {
                        return None;
                    }
                    stack.truncate(stack.len() - depth);
                    open_string = None;
                    if is_text {
                        Fate::Unwrap(0..at)
                    } else {
                        Fate::Drop
                    }
                }
            };
            fates.push(fate);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (fate, text_found) = read_line(line.trim(), &mut stack, &mut open_string)?;
        has_text |= text_found;
        fates.push(match fate {
            Fate::Unwrap(r) => Fate::Unwrap(r.start + lead..r.end + lead),
            other => other,
        });
    }
    (has_text && stack.is_empty() && open_string.is_none()).then_some(fates)
}

/// One line outside any open string: its fate, and whether it held Chinese text of a text
/// field. Moves `stack` over the brackets it opens and closes; sets `open_string` when it
/// ends inside a string.
fn read_line(
    line: &str,
    stack: &mut Vec<Inside>,
    open_string: &mut Option<bool>,
) -> Option<(Fate, bool)> {
    let mut p = Reader { s: line, at: 0 };
    // Closing brackets alone (`],` `},` `}`).
    if p.closers(stack)? {
        return Some((Fate::Drop, false));
    }
    // An object on one line inside the record (a comment with its user and time).
    if p.peek() == Some('{') && !stack.is_empty() {
        let start = p.at;
        if p.value().is_some() {
            p.blanks();
            p.eat(',');
            return p.closers_or_done(stack)?.then_some((Fate::Drop, false));
        }
        p.at = start;
    }
    // An opening bracket first (`{`, or `{"spider": "…", …` on the first line).
    if p.eat('{') || p.eat('[') {
        stack.push(Inside::Data);
    }
    p.blanks();
    if p.done() {
        return Some((Fate::Drop, false));
    }
    // An item of an array: a string of the text, or data.
    if p.peek() == Some('"') && stack.last() == Some(&Inside::TextArray) {
        let start = p.at;
        let end = p.string()?;
        p.blanks();
        p.eat(',');
        p.blanks();
        if !p.closers_or_done(stack)? {
            return None;
        }
        let prose = is_prose(&unescape(&line[start + 1..end - 1]));
        return Some((Fate::Unwrap(start + 1..end - 1), prose));
    }
    // `"key": value` pairs.
    let mut fate = Fate::Drop;
    let mut found_text = false;
    let mut pairs = 0;
    loop {
        p.blanks();
        if p.peek() != Some('"') {
            // Array items that are not text (numbers, a list of links).
            if pairs == 0 && stack.last() == Some(&Inside::Data) {
                p.value()?;
                p.blanks();
                p.eat(',');
                return p.closers_or_done(stack)?.then_some((Fate::Drop, false));
            }
            return None;
        }
        let key_start = p.at;
        let key_end = p.string()?;
        let key = &line[key_start + 1..key_end - 1];
        p.blanks();
        if !p.eat(':') {
            // A string item of a data array (a tag, a link).
            if pairs == 0 && stack.last() == Some(&Inside::Data) {
                p.blanks();
                p.eat(',');
                return p.closers_or_done(stack)?.then_some((Fate::Drop, false));
            }
            return None;
        }
        pairs += 1;
        p.blanks();
        let is_text = TEXT_KEYS.contains(&key.to_ascii_lowercase().as_str());
        match p.peek()? {
            '[' | '{' if p.rest().trim() == "[" || p.rest().trim() == "{" => {
                // The key opens a container whose items follow on the next lines.
                let text_array = is_text && p.peek() == Some('[');
                stack.push(if text_array {
                    Inside::TextArray
                } else {
                    Inside::Data
                });
                return (pairs == 1).then_some((Fate::Drop, false));
            }
            '"' if !p.string_closes() => {
                // A string that runs over lines (a post's text with its line breaks kept).
                if pairs > 1 {
                    return None;
                }
                *open_string = Some(is_text);
                let value = &line[p.at + 1..];
                let prose = is_text && is_prose(value);
                return Some(if is_text {
                    (Fate::Unwrap(p.at + 1..line.len()), prose)
                } else {
                    (Fate::Drop, false)
                });
            }
            _ => {}
        }
        let start = p.at;
        p.value()?;
        let value = &line[start..p.at];
        if is_text && value.starts_with('"') && value.chars().any(is_cjk) {
            // The text of the record: the line becomes it (alone on its line, or nothing).
            if pairs > 1 || value.contains("\\n") {
                return None;
            }
            found_text = is_prose(&unescape(&value[1..value.len() - 1]));
            fate = Fate::Unwrap(start + 1..p.at - 1);
        }
        p.blanks();
        if p.eat(',') {
            p.blanks();
            if p.done() {
                break;
            }
            if p.peek() == Some('"') {
                if found_text {
                    return None;
                }
                continue;
            }
        }
        if !p.closers_or_done(stack)? {
            return None;
        }
        break;
    }
    Some((fate, found_text))
}

/// The byte offset of the first quote in `line` that no backslash escapes.
fn closing_quote(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// A JSON string's characters without their escapes (`\"` → `"`, `\u4e2d` → `中`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    while let Some(i) = s[at..].find('\\') {
        let i = at + i;
        let (len, text) = escape_at(&s[i..]);
        out.push_str(&s[at..i]);
        out.push_str(&text);
        at = i + len;
    }
    out.push_str(&s[at..]);
    out
}

/// The changes that leave of `line` only the string at `content`, without its escapes: the
/// text around it goes, and each escape becomes its character.
fn unwrap_changes(line: &str, content: Range<usize>) -> Vec<(Range<usize>, String)> {
    let mut changes = vec![(0..content.start, String::new())];
    let s = &line[content.clone()];
    let mut at = 0;
    while let Some(i) = s[at..].find('\\') {
        let i = at + i;
        let (len, text) = escape_at(&s[i..]);
        changes.push((content.start + i..content.start + i + len, text));
        at = i + len;
    }
    changes.push((content.end..line.len(), String::new()));
    changes
}

/// The escape `s` starts with (at a backslash): its length in bytes and what it stands for.
fn escape_at(s: &str) -> (usize, String) {
    let mut chars = s[1..].chars();
    match chars.next() {
        None => (1, "\\".into()),
        Some('t') => (2, "\t".into()),
        // `\n` stays as written: a line rewrite cannot break the line.
        Some('n') => (2, "\\n".into()),
        Some('u') => {
            let hex: String = chars.take(4).collect();
            let len = 2 + hex.len();
            match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                Some(c) if hex.len() == 4 => (len, c.to_string()),
                _ => (len, s[..len].to_string()),
            }
        }
        Some(other) => (1 + other.len_utf8(), other.to_string()),
    }
}

/// A cursor over one line of JSON.
struct Reader<'a> {
    s: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn rest(&self) -> &str {
        &self.s[self.at..]
    }

    fn done(&self) -> bool {
        self.at >= self.s.len()
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(c);
        if yes {
            self.at += c.len_utf8();
        }
        yes
    }

    fn blanks(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += self.peek().map_or(1, char::len_utf8);
        }
    }

    /// A line of closing brackets only (with commas): pops them. `None` if more close than
    /// are open.
    fn closers(&mut self, stack: &mut Vec<Inside>) -> Option<bool> {
        let rest = self.rest().trim();
        if rest.is_empty() || !rest.chars().all(|c| matches!(c, '}' | ']' | ',' | ' ')) {
            return Some(false);
        }
        let depth = rest.chars().filter(|c| matches!(c, '}' | ']')).count();
        if depth == 0 || depth > stack.len() {
            return None;
        }
        stack.truncate(stack.len() - depth);
        Some(true)
    }

    /// The rest of the line is closing brackets (popped) or nothing.
    fn closers_or_done(&mut self, stack: &mut Vec<Inside>) -> Option<bool> {
        self.blanks();
        if self.done() {
            return Some(true);
        }
        self.closers(stack)
    }

    /// Does the string that starts here close on this line?
    fn string_closes(&self) -> bool {
        closing_quote(&self.s[self.at + 1..]).is_some()
    }

    /// A string starting here: moves past it, returns where it ends (after its quote).
    fn string(&mut self) -> Option<usize> {
        if !self.eat('"') {
            return None;
        }
        let end = self.at + closing_quote(&self.s[self.at..])? + 1;
        self.at = end;
        Some(end)
    }

    /// A whole value on this line: a string, a number or word, or an array or object.
    fn value(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        match self.peek()? {
            '"' => {
                self.string()?;
            }
            '[' | '{' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        '"' => {
                            self.string()?;
                            continue;
                        }
                        '[' | '{' => depth += 1,
                        ']' | '}' => depth -= 1,
                        _ => {}
                    }
                    self.at += self.peek()?.len_utf8();
                    if depth == 0 {
                        break;
                    }
                }
            }
            c if c == '-' || c.is_ascii_alphanumeric() => {
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
                {
                    self.at += 1;
                }
            }
            _ => return None,
        }
        Some(start..self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's fate as a test compares it: an unwrapped line as the text it becomes.
    #[derive(Debug, PartialEq)]
    enum Seen {
        Drop,
        Keep,
        Unwrapped(String),
    }
    use Seen::Unwrapped;

    /// Each line's fate, an unwrapped line's as the text it becomes.
    fn fates(text: &str) -> Option<Vec<Seen>> {
        let lines: Vec<&str> = text.lines().collect();
        let fates = read_record(&lines)?;
        Some(
            fates
                .into_iter()
                .zip(&lines)
                .map(|(f, l)| seen(f, l))
                .collect(),
        )
    }

    fn seen(fate: Fate, line: &str) -> Seen {
        match fate {
            Fate::Drop => Seen::Drop,
            Fate::Keep => Seen::Keep,
            Fate::Unwrap(content) => {
                let mut text = line.to_string();
                for (range, after) in unwrap_changes(line, content).into_iter().rev() {
                    text.replace_range(range, &after);
                }
                Unwrapped(text)
            }
        }
    }

    #[test]
    fn a_record_with_a_text_array_keeps_only_its_strings() {
        let text = "{\n  \"url\": \"https://a.cn/p/1\",\n  \"content\": [\n    \"第一段，说的是那年冬天的事。\",\n    \"第二段\\\"引号\\\"。\"\n  ],\n  \"tags\": [\"汽车\", \"人工智能\"],\n  \"read_count\": 12873\n}";
        let f = fates(text).unwrap();
        assert_eq!(f[0], Seen::Drop);
        assert_eq!(f[1], Seen::Drop);
        assert_eq!(f[2], Seen::Drop);
        assert_eq!(f[3], Unwrapped("第一段，说的是那年冬天的事。".into()));
        assert_eq!(f[4], Unwrapped("第二段\"引号\"。".into()));
        assert!(f[5..].iter().all(|f| *f == Seen::Drop));
    }

    #[test]
    fn a_string_over_several_lines_loses_its_key_and_quotes() {
        let text = "{\n  \"_id\": \"49873\",\n  \"user\": {\n    \"screen_name\": \"老周\"\n  },\n  \"content\": \"第一行\n第二行，说的是那年冬天的事。\n最后一行。\",\n  \"comments\": [\n    {\"user\": \"甲\", \"text\": \"好\"}\n  ],\n  \"status\": \"ok\"\n}";
        let f = fates(text).unwrap();
        assert_eq!(f[5], Unwrapped("第一行".into()));
        assert_eq!(f[6], Seen::Keep);
        assert_eq!(f[7], Unwrapped("最后一行。".into()));
        assert_eq!(f.iter().filter(|f| **f == Seen::Drop).count(), 10);
    }

    #[test]
    fn code_and_config_without_a_chinese_text_field_stay() {
        assert!(fates("{\n  \"name\": \"my-app\",\n  \"version\": \"1.0.0\"\n}").is_none());
        assert!(fates("{\n  \"title\": \"a\",\n  \"id\": 3\n}").is_none());
        // Prose between the record's lines: not one record.
        assert!(fates("{\n  \"content\": \"正文。\",\n这是一句话。\n}").is_none());
        // Brackets that do not balance.
        assert!(fates("{\n  \"content\": \"正文。\"\n}\n}").is_none());
    }

    #[test]
    fn an_unwrapped_line_changes_only_its_quotes_key_and_escapes() {
        let line = r#"  "content": "甲\u4e2d乙\n丙\"丁",  "#;
        let start = line.find('甲').unwrap();
        let end = line.rfind('"').unwrap();
        let changes = unwrap_changes(line, start..end);
        let kept: Vec<(&str, &str)> = changes
            .iter()
            .filter(|(r, after)| line[r.clone()] != **after)
            .map(|(r, after)| (&line[r.clone()], after.as_str()))
            .collect();
        assert_eq!(
            kept,
            vec![
                (r#"  "content": ""#, ""),
                (r"\u4e2d", "中"),
                (r#"\""#, "\""),
                (r#"",  "#, ""),
            ]
        );
        assert_eq!(
            seen(Fate::Unwrap(start..end), line),
            Unwrapped(r#"甲中乙\n丙"丁"#.into())
        );
    }
}
