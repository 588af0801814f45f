//! Rules over runs of lines: a trigger line and the items after it (`drop-block`: a
//! `相关阅读` heading and the headlines under it), and the leftovers after the body
//! (`drop-tail`: small groups of short lines set apart by blank lines at the end of a page).

use super::context::Context;
use super::pattern::Pattern;
use super::predicates::LineShape;
use super::spec::{RepeatSpec, SetApartSpec, StopSpec};
use super::Zone;
use crate::chars::{is_blank_line, trim_blank};
use crate::document::{Document, Line};
use crate::edit::{Edit, RuleId};
use std::ops::Range;

/// How many content lines under a title bar may hold its heading (`repeats = "title"`).
const HEADING_WINDOW: usize = 10;

#[derive(Debug, Clone)]
pub(crate) struct DropBlock {
    pub trigger: Pattern,
    /// Lines that are no trigger though `trigger` matches them.
    pub trigger_unless: Option<Pattern>,
    pub item: LineShape,
    /// A line directly above the trigger (no blank between) of this shape goes too.
    pub above: Option<LineShape>,
    /// The nearest line above the trigger that is not blank has this shape, or there is none
    /// (every block but the first: that one may stand under the page's title).
    pub follows: Option<LineShape>,
    /// Some item must have this shape, or the block stays.
    pub required_item: Option<LineShape>,
    /// Items of this shape stay while the rest of the block goes.
    pub keep_item: Option<LineShape>,
    /// The line right under the block must have this shape, or the block stays.
    pub below: Option<LineShape>,
    /// Fewer blocks than this in the document: none goes.
    pub min_blocks: usize,
    /// Some line of the document must match this, or no block goes.
    pub page_has: Option<Pattern>,
    /// The `page_has` line must stand above the first block.
    pub page_has_above: bool,
    pub stop: StopSpec,
    pub gap: usize,
    pub drop_trigger: bool,
    pub min_items: usize,
    pub max_items: usize,
    pub keep_last: bool,
    /// Keep the last item when the line right after it is text (see the spec).
    pub keep_last_before_text: bool,
    /// Keep the last item when a sentence follows somewhere below (see the spec).
    pub keep_last_before_sentence: bool,
    /// The items are copies of the trigger: the trigger and all but the last copy go.
    pub keep_last_copy: bool,
    /// Only the trigger and the `required_item` items go; the other items stay.
    pub keep_items: bool,
    /// What items must repeat (see [`repeats`]).
    pub repeats: Option<RepeatSpec>,
    /// With `repeats = "title"`: when the bar names its site (the trigger's `site` group), the
    /// lines between the bar and its heading go too if every one is an item and two at least
    /// have the `required_item` shape.
    pub drop_between: bool,
    pub zone: Zone,
}

impl DropBlock {
    /// Apply the block rule (number `r` of the pass's rules): the prefilter's verdict on
    /// its trigger decides which lines are tried as triggers.
    pub(crate) fn apply(
        &self,
        r: usize,
        id: &RuleId,
        doc: &mut Document,
        edits: &mut Vec<Edit>,
        ctx: &mut Context,
    ) {
        if self.zone != Zone::Any {
            ctx.update_zones(doc);
        }
        let mut triggers = Vec::new();
        let zone = ctx.zone_lines(self.zone, &doc.lines);
        let mut walk = ctx.walk(r, zone, &doc.lines, None);
        while let Some(i) = walk.next(ctx) {
            let line = &mut doc.lines[i];
            if !line.protected && !line.gone && ctx.candidates(line).get(r) {
                triggers.push(i);
            }
        }
        let mut drop: Vec<usize> = Vec::new();
        let lines = &doc.lines;
        let above = TextAbove::new(lines);
        // Lines before this were taken by a block already.
        let mut free = 0;
        let mut blocks = 0;
        // A trigger without literals (a name) can be most short lines: its first item, rare,
        // is asked first.
        let item_first = self.repeats != Some(RepeatSpec::Title) && self.trigger.needs.is_none();
        for t in triggers {
            if t < free
                || trim_blank(&lines[t].text).is_empty()
                || !ctx.in_zone(self.zone, t, lines)
                || (item_first && !self.first_item_follows(lines, t, &above))
                || !matches_line(&self.trigger, &lines[t])
                || (self.trigger_unless.as_ref()).is_some_and(|u| matches_line(u, &lines[t]))
                || (blocks > 0 && !self.follows_its_shape(lines, t))
            {
                continue;
            }
            if self.repeats == Some(RepeatSpec::Title) {
                // The title bar goes. With `drop_between`, when the bar names a site (its
                // `site` group), so do the lines between it and the heading if every one is an
                // item and two at least have the `required_item` shape (the site's interface
                // words): its menu, not a list or a poem under a title shaped like a bar.
                let bar = trim_blank(&lines[t].text);
                let [title, site] = self.trigger.groups(bar, ["title", "site"]);
                let site = self.drop_between && site.is_some();
                if let Some(h) = title.and_then(|title| self.heading_below(lines, t, title, site)) {
                    drop.push(t);
                    blocks += 1;
                    let between: Vec<usize> = (t + 1..h)
                        .filter(|&i| !lines[i].gone && !is_blank_line(&lines[i].text))
                        .collect();
                    if site
                        && between
                            .iter()
                            .all(|&i| !lines[i].protected && self.item.matches_line(&lines[i]))
                        && (self.required_item.is_none()
                            || between
                                .iter()
                                .filter(|&&i| self.is_required(&lines[i]))
                                .count()
                                >= 2)
                    {
                        drop.extend(between);
                    }
                    free = h;
                }
                continue;
            }
            let (items, next) = self.items_after(doc, t, &above);
            let required = |items: &Vec<usize>| {
                self.required_item.is_none() || items.iter().any(|&i| self.is_required(&lines[i]))
            };
            // The line right under the block (no blank line between) has the `below` shape.
            let fits_below = |items: &Vec<usize>| {
                self.below.as_ref().is_none_or(|shape| {
                    let last = items.last().copied().unwrap_or(t);
                    lines.get(last + 1).is_some_and(|l| {
                        !l.gone && !is_blank_line(&l.text) && shape.matches_line(l)
                    })
                })
            };
            if let Some(items) = items.filter(|items| {
                items.len() >= self.min_items && required(items) && fits_below(items)
            }) {
                blocks += 1;
                if self.keep_last_copy {
                    // The title bar goes, the heading over the text stays.
                    if let Some((_, earlier)) = items.split_last() {
                        drop.push(t);
                        drop.extend(earlier);
                    }
                    free = next.max(t + 1);
                    continue;
                }
                if let Some(a) = self.line_above(lines, t, free, &items) {
                    drop.push(a);
                }
                if self.drop_trigger {
                    drop.push(t);
                }
                let kept =
                    |i: usize| (self.keep_item.as_ref()).is_some_and(|k| k.matches_line(&lines[i]));
                if self.keep_items {
                    drop.extend(items.into_iter().filter(|&i| self.is_required(&lines[i])));
                } else {
                    drop.extend(items.into_iter().filter(|&i| !kept(i)));
                }
            }
            free = next.max(t + 1);
        }
        // The page's mark last: most pages hold no block, and the search reads every line.
        let first = drop.iter().min().copied().unwrap_or(0);
        if !drop.is_empty() && blocks >= self.min_blocks && self.page_holds_its_mark(lines, first) {
            doc.drop_indexes(id, &drop, edits);
        }
    }

    /// Has the line the `required_item` shape (or is there no such condition)?
    fn is_required(&self, line: &Line) -> bool {
        (self.required_item.as_ref()).is_none_or(|shape| shape.matches_line(line))
    }

    /// Does some line of the document match `page_has` (or is there no such condition)? With
    /// `page_has_above`, a line above `first`, the first line the blocks drop.
    fn page_holds_its_mark(&self, lines: &[Line], first: usize) -> bool {
        let Some(mark) = &self.page_has else {
            return true;
        };
        let end = if self.page_has_above {
            first
        } else {
            lines.len()
        };
        lines[..end]
            .iter()
            .any(|l| !l.gone && !trim_blank(&l.text).is_empty() && matches_line(mark, l))
    }

    /// Where `title`, the title of the title bar at `t` (the trigger's `title` group), is printed alone
    /// in one of the next [`HEADING_WINDOW`] lines (the heading over the text), if it is: the
    /// first such line. Between them a page may put its search box and counters. A bar that
    /// names a site (`site_bar`) may have its menu between, so the heading is looked for
    /// twice as far, and may be another part of the bar than the first (a novel site's bar
    /// names the book, then the chapter, and the page's heading is the chapter).
    fn heading_below(
        &self,
        lines: &[Line],
        t: usize,
        title: &str,
        site_bar: bool,
    ) -> Option<usize> {
        let title = trim_blank(title);
        let window = if site_bar {
            2 * HEADING_WINDOW
        } else {
            HEADING_WINDOW
        };
        let below: Vec<usize> = (t + 1..lines.len())
            .filter(|&i| !lines[i].gone && !is_blank_line(&lines[i].text))
            .take(window)
            .collect();
        let first = |is: &dyn Fn(&str) -> bool| {
            below.iter().copied().find(|&i| {
                let heading = trim_blank(&lines[i].text);
                is(heading) || is(without_edge_tags(heading))
            })
        };
        first(&|text| text == title).or_else(|| {
            let segments = site_bar.then(|| bar_segments(trim_blank(&lines[t].text)))?;
            first(&|text| segments.contains(&text))
        })
    }

    /// Does the nearest line above the trigger at `t` that is not blank have the `follows`
    /// shape (or is there no such line, or no such condition)?
    fn follows_its_shape(&self, lines: &[Line], t: usize) -> bool {
        let Some(shape) = &self.follows else {
            return true;
        };
        let above = lines[..t]
            .iter()
            .rev()
            .find(|l| !l.gone && !is_blank_line(&l.text));
        above.is_none_or(|l| !l.protected && shape.matches_line(l))
    }

    /// The line directly above the trigger at `t`, if it has the `above` shape, one of the
    /// block's `items` repeats it (the poster's name in the post stamp), and no block before
    /// took it (it is at `free` or later). Without the repeat, the last line of the post
    /// above could go.
    fn line_above(&self, lines: &[Line], t: usize, free: usize, items: &[usize]) -> Option<usize> {
        let above = self.above.as_ref()?;
        let a = t.checked_sub(1).filter(|&a| a >= free)?;
        let line = &lines[a];
        let text = trim_blank(&line.text);
        let fits = !line.protected && !text.is_empty() && above.matches_line(line);
        let named = items.iter().any(|&i| lines[i].text.contains(text));
        (fits && named).then_some(a)
    }

    /// Can the block under the trigger at `t` have an item: is the first line after it that
    /// `items_after` would look at an item? A necessary condition only (blank lines are passed
    /// over whatever the gap), asked before a trigger without literals.
    fn first_item_follows(&self, lines: &[Line], t: usize, above: &TextAbove) -> bool {
        if self.min_items == 0 {
            return true;
        }
        let mut j = below_trigger(lines, t);
        while j < lines.len() && is_blank_line(&lines[j].text) {
            if self.stop == StopSpec::Group || (self.stop == StopSpec::Gap && self.gap <= 1) {
                return false;
            }
            j += 1;
        }
        j < lines.len() && self.is_item(lines, t, j, above)
    }

    /// Is line `j` an item of the block whose trigger is at `t`: not protected, of the item
    /// shape, and repeating what it must repeat?
    fn is_item(&self, lines: &[Line], t: usize, j: usize, above: &TextAbove) -> bool {
        let line = &lines[j];
        let text = trim_blank(&line.text);
        !line.protected
            && self.item.matches_line(line)
            && self
                .repeats
                .is_none_or(|how| repeats(how, text, t, j, above))
    }

    /// The item lines after the trigger at `t`, and where scanning goes on; `None` when the
    /// stop condition is not met (so even `min_items = 0` drops nothing).
    fn items_after(
        &self,
        doc: &Document,
        t: usize,
        above: &TextAbove,
    ) -> (Option<Vec<usize>>, usize) {
        let lines = &doc.lines;
        let first = below_trigger(lines, t);
        if self.stop == StopSpec::Group {
            // The lines right under the trigger, up to the first blank line: all items, or none.
            let end = lines[first..]
                .iter()
                .position(|l| is_blank_line(&l.text))
                .map_or(lines.len(), |p| first + p);
            let fits = end - first <= self.max_items
                && (first..end).all(|j| self.is_item(lines, t, j, above));
            return (fits.then(|| (first..end).collect()), end.max(first));
        }
        let mut items = Vec::new();
        let mut blanks = 0;
        let mut j = first;
        while j < lines.len() && items.len() < self.max_items {
            let line = &lines[j];
            if is_blank_line(&line.text) {
                blanks += 1;
                if self.stop == StopSpec::Gap && blanks >= self.gap {
                    break;
                }
                j += 1;
                continue;
            }
            if !self.is_item(lines, t, j, above) {
                if self.stop == StopSpec::End {
                    return (None, t + 1);
                }
                break;
            }
            blanks = 0;
            items.push(j);
            j += 1;
            if self.stop == StopSpec::Required && self.is_required(&lines[j - 1]) {
                return (Some(items), j);
            }
        }
        if self.stop == StopSpec::Required {
            return (None, t + 1);
        }
        if self.stop == StopSpec::End
            && lines[j.min(lines.len())..]
                .iter()
                .any(|l| !is_blank_line(&l.text))
        {
            return (None, t + 1);
        }
        // More text after the block: its last line may head that text (a sub-head), so it stays.
        let text_follows = || {
            lines[j.min(lines.len())..]
                .iter()
                .any(|l| !is_blank_line(&l.text))
        };
        // The same, counting only sentences: a list at the article's end is followed by more
        // furniture (a share bar, a script, a footer), and then its last headline goes too.
        let sentence_follows = || {
            lines[j.min(lines.len())..]
                .iter()
                .any(|l| reads_as_sentence(trim_blank(&l.text)))
        };
        // A paragraph right under the last item (twenty characters or more, with a sentence's
        // end): that item is its sub-head, unless it is split like a headline (`某某推新平台 居民
        // 可网上追踪`, `发布会：谈色彩`). More furniture or a headline under it is no such sign.
        let text_right_after = || {
            items.last().is_some_and(|&last| {
                let item = trim_blank(&lines[last].text);
                let headline = item.contains(|c: char| {
                    c.is_whitespace() || matches!(c, '：' | ':' | '|' | '｜' | '\u{3000}')
                });
                !headline
                    && lines.get(last + 1).is_some_and(|l| {
                        let text = trim_blank(&l.text);
                        text.chars().count() >= 20 && text.contains(['。', '！', '？'])
                    })
            })
        };
        if (self.keep_last && text_follows())
            || (self.keep_last_before_text && text_right_after())
            || (self.keep_last_before_sentence && sentence_follows())
        {
            if let Some(last) = items.pop() {
                return (Some(items), last);
            }
        }
        (Some(items), j)
    }
}

/// The first line under the trigger at `t` that may be an item: past the trigger's own
/// Markdown underline (`相关菜谱` over `----`), which goes with it.
fn below_trigger(lines: &[Line], t: usize) -> usize {
    t + 1 + usize::from(lines.get(t + 1).is_some_and(|l| l.underline))
}

/// A line of body text, where a share bar, a counter, a script, a menu or a footer is none:
/// a clause's or a sentence's mark (a verse, a line of dialogue), twenty characters with Han and
/// no field's colon (a table's row, not a footer's `客服信箱：…`), English prose, or a code fence.
fn reads_as_sentence(text: &str) -> bool {
    if text.starts_with("```") || text.starts_with("~~~") {
        return true;
    }
    if text.contains(['|', '｜', '©']) {
        return false;
    }
    let chars = text.chars().count();
    (chars >= 4 && text.contains(['。', '！', '？', '，', '；', '、', '“', '”', '「', '」']))
        || (chars >= 20
            && !text.contains(['：', ':'])
            && text.chars().any(super::predicates::is_han))
        || (chars >= 10 && (text.contains(", ") || text.contains(". ") || text.ends_with('.')))
}

/// Does `pattern` match the line as a whole, as written or as its reader sees it?
fn matches_line(pattern: &Pattern, line: &Line) -> bool {
    pattern.is_match(trim_blank(&line.text)) || line.view().is_some_and(|v| pattern.is_match(v))
}

/// How far back (bytes of text) a quote's words are looked for: a forum page of some
/// forty posts fits; a long document full of quotes does not turn quadratic.
const REPEAT_WINDOW_BYTES: usize = 64 * 1024;

/// The block's lines, and the same joined by line breaks, made on the first look: one search
/// over the text above an item instead of one per line above it (most of whose cost is the call).
struct TextAbove<'l> {
    lines: &'l [Line<'l>],
    joined: std::cell::OnceCell<(String, Vec<usize>)>,
}

impl<'l> TextAbove<'l> {
    fn new(lines: &'l [Line<'l>]) -> Self {
        TextAbove {
            lines,
            joined: std::cell::OnceCell::new(),
        }
    }

    /// The last [`REPEAT_WINDOW_BYTES`] (or fewer) of the text before line `j`.
    fn before(&self, j: usize) -> &[u8] {
        let (text, starts) = self.joined.get_or_init(|| {
            let mut text = String::new();
            let mut starts = Vec::with_capacity(self.lines.len());
            for line in self.lines {
                starts.push(text.len());
                text.push_str(&line.text);
                text.push('\n');
            }
            (text, starts)
        });
        let end = starts[j];
        &text.as_bytes()[end.saturating_sub(REPEAT_WINDOW_BYTES)..end]
    }
}

/// The parts of a title bar between its `_`, `|`, `｜` and ` - ` separators but the last (the
/// site's name), of four characters or more (`星河_第一百二十七章 旧港_某某书阁`).
fn bar_segments(bar: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = bar
        .split(['_', '|', '｜'])
        .flat_map(|p| p.split(" - "))
        .map(trim_blank)
        .collect();
    parts.pop();
    parts.retain(|p| p.chars().count() >= 4);
    parts
}

/// A heading without the short bracketed tags a forum prints at its ends: a thread's category
/// before it and a button after it (`[钓获分享] 夜钓记 [复制链接]`, `【求助】冬天怎么钓`).
fn without_edge_tags(heading: &str) -> &str {
    const MAX_TAG_CHARS: usize = 10;
    // A tag: at most ten characters between its brackets, none of them a bracket.
    let is_tag = |inner: &str| {
        inner.chars().count() <= MAX_TAG_CHARS && !inner.contains(['[', '【', ']', '】'])
    };
    let mut rest = heading;
    for (open, close) in [('[', ']'), ('【', '】')] {
        if rest.starts_with(open) {
            if let Some(end) = rest.find(close) {
                let after = trim_blank(&rest[end + close.len_utf8()..]);
                if is_tag(&rest[open.len_utf8()..end]) && !after.is_empty() {
                    rest = after;
                }
            }
        }
        if rest.ends_with(close) {
            if let Some(start) = rest.rfind(open) {
                let inner = &rest[start + open.len_utf8()..rest.len() - close.len_utf8()];
                if start > 0 && is_tag(inner) {
                    rest = trim_blank(&rest[..start]);
                }
            }
        }
    }
    rest
}

/// Does the (trimmed) line `text` (line `j`) repeat what stands in the lines above it (the
/// trigger at `t` among them)? Dropping it then loses no words. A forum quotes a post by
/// repeating its first words (`Text`): ten characters at least, because a short reply
/// (`同意楼上。`, `顶，支持楼主！`) may well repeat words said before, and stays; only the
/// text just above is searched, and a quote from farther back stays, as when unsure. A novel
/// page prints the chapter title twice (`Trigger`). A table of contents lists the
/// sub-headings printed further down (`Below`).
fn repeats(how: RepeatSpec, text: &str, t: usize, j: usize, above: &TextAbove) -> bool {
    match how {
        RepeatSpec::Trigger => {
            let title = trim_blank(&above.lines[t].text);
            title == text || without_edge_tags(text) == title
        }
        RepeatSpec::Below => above.lines[j + 1..]
            .iter()
            .any(|l| !l.gone && trim_blank(&l.text) == text),
        // A title bar has no items: `DropBlock::heading_below` looks for its heading.
        RepeatSpec::Title => false,
        RepeatSpec::Text => {
            let core = text
                .trim_end_matches(['…', '.', '。', '⋯'])
                .trim_end_matches(crate::chars::is_space);
            // A match of valid UTF-8 in valid UTF-8 starts on a character boundary, even
            // where the window's start cuts a character.
            core.chars().count() >= 10
                && memchr::memmem::find(above.before(j), core.as_bytes()).is_some()
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct DropTail {
    pub body: LineShape,
    pub item: LineShape,
    pub keep: Option<LineShape>,
    pub max_group_lines: usize,
    pub gap: usize,
    pub set_apart: SetApartSpec,
    /// Rules whose removals do not set groups apart.
    pub not_set_apart_by: Vec<String>,
}

impl DropTail {
    pub(crate) fn apply(&self, id: &RuleId, doc: &mut Document, edits: &mut Vec<Edit>) {
        let lines = &doc.lines;
        let Some(last_body) = lines
            .iter()
            .rposition(|l| !is_blank_line(&l.text) && self.body.matches_line(l))
        else {
            return;
        };
        let groups = match self.set_apart {
            SetApartSpec::Blanks => self.groups_set_apart_by_blanks(lines, last_body),
            SetApartSpec::Furniture => {
                groups_between_furniture(lines, last_body, edits, &self.not_set_apart_by)
            }
        };
        let mut drop: Vec<usize> = Vec::new();
        for group in groups {
            let content: Vec<&Line> = lines[group.clone()]
                .iter()
                .filter(|l| !is_blank_line(&l.text))
                .collect();
            let fits = content.len() <= self.max_group_lines
                && !lines[group.clone()].iter().any(|l| l.protected)
                && content.iter().all(|l| self.item.matches_line(l))
                && !(self.keep.as_ref()).is_some_and(|k| content.iter().any(|l| k.matches_line(l)));
            if fits {
                drop.extend(group.filter(|&i| !is_blank_line(&lines[i].text)));
            }
        }
        if !drop.is_empty() {
            doc.drop_indexes(id, &drop, edits);
        }
    }

    /// The groups of lines (no blank line between them) after `last_body` that at least
    /// `gap` blank lines set apart from what comes before.
    fn groups_set_apart_by_blanks(&self, lines: &[Line], last_body: usize) -> Vec<Range<usize>> {
        let mut groups = Vec::new();
        let mut i = last_body + 1;
        let mut blanks = 0;
        while i < lines.len() {
            if is_blank_line(&lines[i].text) {
                blanks += 1;
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && !is_blank_line(&lines[i].text) {
                i += 1;
            }
            if blanks >= self.gap {
                groups.push(start..i);
            }
            blanks = 0;
        }
        groups
    }
}

/// The groups after `last_body` that sit between two places where a rule removed lines that
/// were not blank (`edits` say which), or between one and the end of the text: page chrome
/// that other rules did not know, bounded by chrome they did. The group right under the last
/// body line is never one (nothing was removed above it). A group that runs to the end of the
/// text needs two lines removed above it: one removed line can be a caption inside the body,
/// and the text after it the body's last words.
/// Removals by the rules in `ignored` do not count.
fn groups_between_furniture(
    lines: &[Line],
    last_body: usize,
    edits: &[Edit],
    ignored: &[String],
) -> Vec<Range<usize>> {
    let mut removed: Vec<usize> = edits
        .iter()
        .filter(|e| e.is_line_removal() && !is_blank_line(&e.before))
        .filter(|e| !ignored.iter().any(|id| *e.rule == **id))
        .map(|e| e.line)
        .collect();
    removed.sort_unstable();
    // How many lines were removed between input lines `a` and `b`?
    let removed_between = |a: usize, b: usize| {
        removed.partition_point(|&o| o < b) - removed.partition_point(|&o| o <= a)
    };
    let mut groups = Vec::new();
    let mut start: Option<usize> = None;
    for i in last_body + 1..lines.len() {
        if removed_between(lines[i - 1].origin, lines[i].origin) > 0 {
            if let Some(s) = start.take() {
                groups.push(s..i);
            }
            start = Some(i);
        }
    }
    if let Some(s) = start {
        let last = lines[lines.len() - 1].origin;
        let closed_below = removed_between(last, usize::MAX) > 0;
        if closed_below || removed_between(lines[s - 1].origin, lines[s].origin) >= 2 {
            groups.push(s..lines.len());
        }
    }
    // A group must hold some content (a run of blank lines between two removals is none).
    groups.retain(|g| lines[g.clone()].iter().any(|l| !is_blank_line(&l.text)));
    groups
}

#[cfg(test)]
mod tests {
    use super::without_edge_tags;

    #[test]
    fn a_headings_category_and_button_tags_are_set_aside() {
        assert_eq!(
            without_edge_tags("[钓获分享] 夜钓记：鲫鱼开口了 [复制链接]"),
            "夜钓记：鲫鱼开口了"
        );
        assert_eq!(without_edge_tags("【求助】冬天怎么钓"), "冬天怎么钓");
        // A heading that is only a tag, a long bracket, and brackets inside stay as they are.
        assert_eq!(without_edge_tags("[复制链接]"), "[复制链接]");
        assert_eq!(
            without_edge_tags("[这是一段很长很长很长的方括号里的话] 标题"),
            "[这是一段很长很长很长的方括号里的话] 标题"
        );
        assert_eq!(without_edge_tags("标题[1]正文"), "标题[1]正文");
        assert_eq!(without_edge_tags("【关闭窗口】"), "【关闭窗口】");
        assert_eq!(without_edge_tags("【专题】【快讯】标题"), "【快讯】标题");
    }
}
