//! Half-width punctuation inside Chinese prose becomes full-width, decided by context: the
//! nearest "strong" character on either side (skipping spaces, quotes and other punctuation)
//! must be CJK. `3:2`, `a.php?id=1` and `Hello, world` stay as they are.

use crate::chars::{is_cjk, is_space};
use crate::document::Document;
use crate::edit::{Edit, RuleId};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default)]
pub struct PunctMap {
    single: HashMap<char, char>,
    /// open → (close, full_open, full_close)
    open: HashMap<char, (char, char, char)>,
    /// close → open, for the full-width close too, so `（…)` pairs up.
    close: HashMap<char, char>,
    neutral: Vec<char>,
}

fn one_char(s: &str) -> Result<char, String> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!("{s:?} must be exactly one character")),
    }
}

impl PunctMap {
    pub fn new(map: &BTreeMap<String, String>, brackets: &[[String; 4]]) -> Result<Self, String> {
        let mut p = PunctMap::default();
        for (from, to) in map {
            p.single.insert(one_char(from)?, one_char(to)?);
        }
        for [o, c, fo, fc] in brackets {
            let (o, c, fo, fc) = (one_char(o)?, one_char(c)?, one_char(fo)?, one_char(fc)?);
            p.open.insert(o, (c, fo, fc));
            p.open.insert(fo, (c, fo, fc));
            p.close.insert(c, o);
            p.close.insert(fc, o);
        }
        if p.single.is_empty() && p.open.is_empty() {
            return Err("cjk-punctuation needs `map` or `brackets`".into());
        }
        p.neutral = p
            .single
            .keys()
            .chain(p.open.keys())
            .chain(p.close.keys())
            .copied()
            .collect();
        p.neutral
            .extend(['"', '\'', '“', '”', '‘', '’', '.', '…', '-', '—']);
        Ok(p)
    }

    fn is_neutral(&self, c: char) -> bool {
        is_space(c) || self.neutral.contains(&c) || self.single.values().any(|&v| v == c)
    }

    /// Nearest strong character before `i` (exclusive) / after `i` (exclusive).
    fn strong_before(&self, chars: &[char], i: usize) -> Option<char> {
        chars[..i]
            .iter()
            .rev()
            .copied()
            .find(|&c| !self.is_neutral(c))
    }
    fn strong_after(&self, chars: &[char], i: usize) -> Option<char> {
        chars[i + 1..]
            .iter()
            .copied()
            .find(|&c| !self.is_neutral(c))
    }
    fn cjk_side(&self, chars: &[char], i: usize) -> bool {
        self.strong_before(chars, i).is_some_and(is_cjk)
            || self.strong_after(chars, i).is_some_and(is_cjk)
    }
}

/// `(column, before, after)` of one conversion.
type Change = (usize, String, String);

pub fn apply(id: &RuleId, map: &PunctMap, doc: &mut Document, edits: &mut Vec<Edit>) {
    for line in &mut doc.lines {
        if line.text.is_ascii()
            || !line.text.chars().any(|c| {
                map.single.contains_key(&c)
                    || map.open.contains_key(&c)
                    || map.close.contains_key(&c)
            })
        {
            continue;
        }
        if let Some((text, changes)) = convert_line(map, &line.text) {
            for (column, before, after) in changes {
                edits.push(Edit {
                    rule: id.clone(),
                    line: line.origin,
                    column,
                    before,
                    after,
                });
            }
            line.text = text;
        }
    }
}

/// Returns the converted line and `(column, before, after)` per conversion; a conversion's
/// `before` includes the spaces it absorbed (full-width punctuation carries its own spacing).
fn convert_line(map: &PunctMap, line: &str) -> Option<(String, Vec<Change>)> {
    let chars: Vec<char> = line.chars().collect();
    let mut target: Vec<Option<char>> = vec![None; chars.len()];

    for (i, &c) in chars.iter().enumerate() {
        if let Some(&full) = map.single.get(&c) {
            if map.cjk_side(&chars, i) {
                target[i] = Some(full);
            }
        }
    }
    // Brackets convert as pairs: when the content holds CJK or the pair sits next to CJK.
    let mut stack: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if map.open.contains_key(&c) {
            stack.push(i);
        } else if let Some(&open_of) = map.close.get(&c) {
            let Some(pos) = stack
                .iter()
                .rposition(|&o| map.open[&chars[o]].0 == map.open[&open_of].0)
            else {
                continue;
            };
            let o = stack[pos];
            stack.truncate(pos);
            let (_, full_open, full_close) = map.open[&chars[o]];
            let cjk = chars[o + 1..i]
                .iter()
                .any(|&c| is_cjk(c) && c != full_open && c != full_close)
                || map.strong_before(&chars, o).is_some_and(is_cjk)
                || map.strong_after(&chars, i).is_some_and(is_cjk);
            if cjk {
                if chars[o] != full_open {
                    target[o] = Some(full_open);
                }
                if chars[i] != full_close {
                    target[i] = Some(full_close);
                }
            }
        }
    }
    if target.iter().all(Option::is_none) {
        return None;
    }
    // Each conversion absorbs the spaces next to it that no earlier conversion took.
    let mut owner: Vec<Option<usize>> = vec![None; chars.len()];
    for i in (0..chars.len()).filter(|&i| target[i].is_some()) {
        owner[i] = Some(i);
        let mut j = i;
        while j > 0 && is_space(chars[j - 1]) && owner[j - 1].is_none() {
            j -= 1;
            owner[j] = Some(i);
        }
        let mut k = i + 1;
        while k < chars.len() && is_space(chars[k]) && owner[k].is_none() {
            owner[k] = Some(i);
            k += 1;
        }
    }
    // A line's leading spaces are indentation, not spacing around punctuation.
    let lead = chars.iter().take_while(|&&c| is_space(c)).count();
    owner[..lead].fill(None);
    let mut out = String::with_capacity(line.len() + 8);
    let mut changes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match owner[i] {
            None => {
                out.push(chars[i]);
                i += 1;
            }
            Some(o) => {
                let start = i;
                while i < chars.len() && owner[i] == Some(o) {
                    i += 1;
                }
                let full = target[o].expect("owner is a conversion");
                out.push(full);
                changes.push((
                    start + 1,
                    chars[start..i].iter().collect(),
                    full.to_string(),
                ));
            }
        }
    }
    Some((out, changes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> PunctMap {
        let m: BTreeMap<String, String> = [
            (",", "，"),
            (":", "："),
            (";", "；"),
            ("?", "？"),
            ("!", "！"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        PunctMap::new(&m, &[["(".into(), ")".into(), "（".into(), "）".into()]]).unwrap()
    }

    fn conv(s: &str) -> String {
        convert_line(&map(), s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn converts_by_context() {
        assert_eq!(conv("中文,中文"), "中文，中文");
        assert_eq!(conv("上升了34.59%,其中"), "上升了34.59%，其中");
        assert_eq!(conv("网址:http://a.cn/?x=1,2"), "网址：http://a.cn/?x=1,2");
        assert_eq!(conv("比分3:2,胜"), "比分3:2，胜");
        assert_eq!(conv("Hello, world"), "Hello, world");
        assert_eq!(conv("“好”,他说"), "“好”，他说");
        assert_eq!(conv("真的?!"), "真的？！");
        assert_eq!(conv("时间: 10:30"), "时间：10:30");
    }

    #[test]
    fn brackets_pair_up() {
        assert_eq!(
            conv("社工1427人(其中专业社工471人),分别"),
            "社工1427人（其中专业社工471人），分别"
        );
        assert_eq!(conv("世界卫生组织 (WHO) 发布"), "世界卫生组织（WHO）发布");
        assert_eq!(conv("f(a) + g(b)"), "f(a) + g(b)");
        assert_eq!(conv("县(市)"), "县（市）");
        assert_eq!(conv("（注释)"), "（注释）");
        assert_eq!(conv("未闭合(括号"), "未闭合(括号");
    }

    #[test]
    fn keeps_indentation_and_reports_columns() {
        let (t, ch) = convert_line(&map(), "  记者:张三").unwrap();
        assert_eq!(t, "  记者：张三");
        assert_eq!(ch, vec![(5, ":".to_string(), "：".to_string())]);
    }
}
