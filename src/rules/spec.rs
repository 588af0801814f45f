//! The TOML schema of a rule file (`rules/NN-name.toml`; `rules/README.md` documents it).
//! Every rule has `id`, `description`, `kind` and `[[case]]`s; the other keys depend on the kind,
//! one [`KindSpec`] variant per kind. A key the rule's kind does not use is an error naming the
//! key and the keys the kind takes, so a typo, or a key copied from another kind of rule, fails
//! loudly instead of being silently ignored.

use serde::Deserialize;
use std::collections::BTreeMap;

mod parse;

/// One rule file.
#[derive(Debug)]
pub(crate) struct RuleSpec {
    pub id: String,
    pub description: String,
    pub kind: KindSpec,
    pub cases: Vec<CaseSpec>,
    /// The rule's own named fragments (`[fragments]`), besides the shared ones.
    pub fragments: BTreeMap<String, String>,
    /// What the rule is about, for `rules list` (`furniture`, `punctuation`, ...).
    pub category: Option<String>,
    /// Ids of rules this one must run after (checked when the set is loaded).
    pub after: Vec<String>,
}

/// The keys of every rule, whatever its kind (`case` is the `[[case]]` array).
pub(crate) const COMMON_KEYS: &[&str] = &[
    "id",
    "description",
    "kind",
    "case",
    "fragments",
    "category",
    "after",
];

/// Every kind as written in `kind = "..."`, with the keys it takes besides [`COMMON_KEYS`]: the
/// variants of [`KindSpec`] and their fields (a test keeps the two in step).
pub(crate) const KINDS: &[(&str, &[&str])] = &[
    (
        "drop-line",
        &[
            "pattern",
            "patterns",
            "needs",
            "traditional",
            "zone",
            "zone_lines",
            "min_lines",
            "unless",
            "max_chars",
            "min_chars",
            "han_ratio",
            "symbol_ratio",
            "ends_with_sentence_punct",
            "no_han_outside_quotes",
            "is_link_list",
            "edge_sentences",
        ],
    ),
    (
        "replace",
        &[
            "pattern",
            "patterns",
            "needs",
            "traditional",
            "replace",
            "zone",
            "zone_lines",
            "min_lines",
            "numbered",
        ],
    ),
    (
        "drop-block",
        &[
            "trigger",
            "trigger_unless",
            "item",
            "above",
            "follows",
            "required_item",
            "keep_item",
            "below",
            "min_blocks",
            "page_has",
            "page_has_above",
            "stop",
            "gap",
            "drop_trigger",
            "min_items",
            "max_items",
            "keep_last",
            "keep_last_before_text",
            "keep_last_before_sentence",
            "keep_last_copy",
            "keep_items",
            "repeats",
            "drop_between",
            "traditional",
            "zone",
            "zone_lines",
        ],
    ),
    (
        "drop-tail",
        &[
            "body",
            "item",
            "keep",
            "max_group_lines",
            "gap",
            "set_apart",
            "not_set_apart_by",
        ],
    ),
    (
        "protect",
        &[
            "fences",
            "indented_code",
            "introduced_code",
            "introduced_data",
            "data_intro",
            "data_unless",
            "data_intro_ends",
            "data_intro_cues",
            "setext_headings",
            "code_intro_unless",
            "keep_lines",
            "keep_between",
        ],
    ),
    ("cjk-punctuation", &["map", "brackets"]),
    ("unicode-nfc", &[]),
    ("html-entities", &[]),
    ("strip-indent", &[]),
    ("trailing-whitespace", &[]),
    ("blank-lines", &[]),
    ("final-newline", &[]),
    ("json-record", &[]),
];

/// `kind` and the keys that depend on it. serde refuses unknown keys here too
/// (`deny_unknown_fields`), but [`RuleSpec::parse`] checks them first, for a message that names
/// the rule and the keys its kind takes.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum KindSpec {
    /// Drop every line that matches as a whole: the patterns (any of them), if given, and
    /// every predicate given.
    DropLine {
        /// Regular expressions (Rust `regex` syntax); several patterns are alternatives.
        #[serde(default)]
        pattern: Option<String>,
        #[serde(default)]
        patterns: Vec<String>,
        /// Literals one of which every match holds, for the prefilter (found from the pattern
        /// when not given).
        #[serde(default)]
        needs: Option<Vec<String>>,
        /// Also match the other forms of the patterns' characters, traditional for simplified
        /// and simplified for traditional (`责任编辑` → `責任編輯`, see
        /// `chars::parse_with_traditional`); on by default.
        #[serde(default = "yes")]
        traditional: bool,
        /// Where in the document the line must be.
        #[serde(default)]
        zone: ZoneSpec,
        /// With `zone = "top"` or `"bottom"`: how many content lines from that end (5 if
        /// not given).
        #[serde(default)]
        zone_lines: Option<usize>,
        /// Drop only when at least this many lines of the document match (1 if not given): a
        /// stamp printed over every post is the page's template; one such line in an article
        /// is text.
        #[serde(default)]
        min_lines: Option<usize>,
        /// A line this pattern matches (as a whole) stays, though the patterns match it: the
        /// exception a regex without look-around cannot say (`MIT © 2023 X`, a licence).
        #[serde(default)]
        unless: Option<String>,
        #[serde(default)]
        max_chars: Option<usize>,
        #[serde(default)]
        min_chars: Option<usize>,
        #[serde(default)]
        han_ratio: Option<Ratio>,
        #[serde(default)]
        symbol_ratio: Option<Ratio>,
        #[serde(default)]
        ends_with_sentence_punct: Option<bool>,
        #[serde(default)]
        no_han_outside_quotes: Option<bool>,
        #[serde(default)]
        is_link_list: Option<bool>,
        /// Also cut the first or last sentence (or two) of a longer line when that text alone
        /// is a line the rule drops: a caption or promo a flattened page glued onto a paragraph.
        #[serde(default)]
        edge_sentences: bool,
    },
    /// Replace every match of the patterns inside each line (of the zone).
    Replace {
        #[serde(default)]
        pattern: Option<String>,
        #[serde(default)]
        patterns: Vec<String>,
        #[serde(default)]
        needs: Option<Vec<String>>,
        #[serde(default = "yes")]
        traditional: bool,
        /// The replacement template (`$1`, `${name}`).
        replace: String,
        #[serde(default)]
        zone: ZoneSpec,
        #[serde(default)]
        zone_lines: Option<usize>,
        /// Rewrite only when at least this many lines (of the zone) match (1 if not given).
        #[serde(default)]
        min_lines: Option<usize>,
        /// The matches number themselves (groups `k` and `n`: a gallery's `3/8`): rewrite only
        /// when, in the order of the lines, they count 1, 2, 3… of the same `n`.
        #[serde(default)]
        numbered: bool,
    },
    /// Drop a trigger line (a heading such as `相关阅读`) and the lines of the item shape
    /// after it, up to the stop condition.
    DropBlock {
        /// The trigger line's pattern (matched as a whole line).
        trigger: String,
        /// A line this pattern matches (whole) is no trigger: the "but not" of a trigger written
        /// as a shape (a name, but not a forum's floor word).
        #[serde(default)]
        trigger_unless: Option<String>,
        /// The shape of the lines the block consists of.
        item: Shape,
        /// The shape of a line directly above the trigger that goes with the block when an item
        /// repeats it (a poster's name over the rank box, named again in the post stamp).
        #[serde(default)]
        above: Option<Shape>,
        /// The shape the nearest line above the trigger that is not blank must have, for every
        /// block but the first (a trigger at the top of the text passes): a poster's name opens
        /// a floor, under the stamp or the reply buttons of the post before.
        #[serde(default)]
        follows: Option<Box<Shape>>,
        /// The shape one of the items at least must have, or nothing is dropped (a post stamp
        /// among the card lines under a poster's name).
        #[serde(default)]
        required_item: Option<Shape>,
        /// Items of this shape stay while the rest of the block goes: a front matter's
        /// `title:` line, the page's headline, whose label `title-label` then cuts.
        #[serde(default)]
        keep_item: Option<Box<Shape>>,
        /// The shape the line right under the block (no blank line between) must have, or the
        /// block stays: a poster's name and badge go only over the words of a post.
        #[serde(default)]
        below: Option<Box<Shape>>,
        /// Fewer blocks than this in the document: none is dropped (1 if not given).
        #[serde(default)]
        min_blocks: Option<usize>,
        /// A pattern some line of the document must match as a whole, or no block is dropped:
        /// the page's own evidence of what it is (a forum's post stamp).
        #[serde(default)]
        page_has: Option<String>,
        /// With `page_has`: the mark must stand above the first block (a comment section's
        /// heading comes before the comments; a diary's last line does not make it one).
        #[serde(default)]
        page_has_above: bool,
        #[serde(default)]
        stop: StopSpec,
        /// With `stop = "gap"`: this many blank lines in a row end the block (1 if not given).
        #[serde(default)]
        gap: Option<usize>,
        /// Drop the trigger line too (default).
        #[serde(default = "yes")]
        drop_trigger: bool,
        /// Fewer items than this after the trigger: no block (1 if not given).
        #[serde(default)]
        min_items: Option<usize>,
        /// At most this many items (20 if not given).
        #[serde(default)]
        max_items: Option<usize>,
        /// Keep the last item when more text follows the block: a plain list's last line may be
        /// the sub-head of the next section (false if not given).
        #[serde(default)]
        keep_last: bool,
        /// Keep the last item only when text follows it directly, with no blank line between:
        /// a related list running straight into a sub-head and its paragraph.
        #[serde(default)]
        keep_last_before_text: bool,
        /// Keep the last item only when a sentence follows somewhere below: a related list at the
        /// article's end, followed by nothing but more furniture, goes whole.
        #[serde(default)]
        keep_last_before_sentence: bool,
        /// With `repeats = "trigger"`: the trigger and every copy but the last go, so a title
        /// printed as the page's title bar and again over the text keeps the heading.
        #[serde(default)]
        keep_last_copy: bool,
        /// With `required_item`: the items are the evidence and stay, except those of the
        /// `required_item` shape; a commenter's name goes, the comment under it stays.
        #[serde(default)]
        keep_items: bool,
        /// Every item must repeat what stands earlier in the document (a quoted post, a title
        /// printed twice).
        #[serde(default)]
        repeats: Option<RepeatSpec>,
        /// With `repeats = "title"` and a `site` group in the trigger: when the bar names its
        /// site, the lines between it and its heading go too, when every one has the `item`
        /// shape and two at least the `required_item` shape (a site's menu above the heading).
        #[serde(default)]
        drop_between: bool,
        #[serde(default = "yes")]
        traditional: bool,
        /// Where the trigger must be.
        #[serde(default)]
        zone: ZoneSpec,
        #[serde(default)]
        zone_lines: Option<usize>,
    },
    /// After the last line of the body shape, drop the small groups of item-shaped lines that
    /// blank lines set apart (end-of-page leftovers).
    DropTail {
        /// What a body line looks like; the tail starts after the last one.
        body: Shape,
        /// What every line of a dropped group looks like.
        item: Shape,
        /// A group holding a line of this shape stays (a sub-head, a date alone).
        #[serde(default)]
        keep: Option<Shape>,
        /// A group of more lines than this is kept (3 if not given).
        #[serde(default)]
        max_group_lines: Option<usize>,
        /// Blank lines that must set a group apart from what comes before it (1 if not given).
        #[serde(default)]
        gap: Option<usize>,
        /// What sets groups apart: blank lines, or lines other rules removed as furniture.
        #[serde(default)]
        set_apart: SetApartSpec,
        /// With `set_apart = "furniture"`: rules whose removals do not set groups apart
        /// (stamps and counters frame people's posts; what stands between them is text).
        #[serde(default)]
        not_set_apart_by: Vec<String>,
    },
    /// Lines no other rule may change or drop: fenced code, indented code without Chinese
    /// prose, lines a user marks.
    Protect {
        /// Markdown code fences (``` or ~~~) and the lines between them.
        #[serde(default)]
        fences: bool,
        /// Blocks indented by four spaces or a tab, after a blank line, with no Han outside
        /// string literals and comments.
        #[serde(default)]
        indented_code: bool,
        /// Unfenced code right after a line of prose ending in a colon.
        #[serde(default)]
        introduced_code: bool,
        /// Fields and settings (`key: value` lines) right after a line of prose that
        /// introduces them.
        #[serde(default)]
        introduced_data: bool,
        /// With `introduced_data`: the words a line that introduces data holds.
        #[serde(default)]
        data_intro: Option<String>,
        /// With `introduced_data`: a field line that marks a crawler's record, not data shown.
        #[serde(default)]
        data_unless: Option<String>,
        /// With `introduced_data`: the endings of a line that introduces data by them alone
        /// (a colon, `如下`).
        #[serde(default)]
        data_intro_ends: Vec<String>,
        /// With `introduced_data`: the words that, near the end of a sentence with a comma,
        /// point at what follows (`这样`, `下面`).
        #[serde(default)]
        data_intro_cues: Vec<String>,
        /// The underline of a Markdown heading (`===` or `---` right under a heading's line).
        #[serde(default)]
        setext_headings: bool,
        /// With `introduced_code`: the lines ending in a colon that introduce nothing.
        #[serde(default)]
        code_intro_unless: Option<String>,
        /// Lines matching this pattern.
        #[serde(default)]
        keep_lines: Option<String>,
        /// `[begin, end]` patterns: the lines from a begin line to the next end line.
        #[serde(default)]
        keep_between: Option<[String; 2]>,
    },
    /// Half-width punctuation next to CJK text becomes full-width.
    CjkPunctuation {
        /// ASCII mark → its full-width form.
        #[serde(default)]
        map: BTreeMap<String, String>,
        /// Bracket pairs converted together, `[open, close, full_open, full_close]`.
        #[serde(default)]
        brackets: Vec<[String; 4]>,
    },
    // The kinds without parameters are empty struct variants, not unit variants: serde lets a
    // unit variant of an internally tagged enum ignore any other key, deny_unknown_fields or not.
    UnicodeNfc {},
    HtmlEntities {},
    StripIndent {},
    TrailingWhitespace {},
    BlankLines {},
    FinalNewline {},
    JsonRecord {},
}

fn yes() -> bool {
    true
}

/// A line shape: a pattern (any of `patterns`) and predicates, all of which must hold.
#[derive(Debug, Deserialize, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Shape {
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    /// A line this pattern matches (whole) does not have the shape, whatever else holds: the
    /// "but not" a regex without look-ahead cannot say (a numbered sub-head is no headline).
    #[serde(default)]
    pub unless: Option<String>,
    #[serde(default)]
    pub max_chars: Option<usize>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub han_ratio: Option<Ratio>,
    #[serde(default)]
    pub symbol_ratio: Option<Ratio>,
    #[serde(default)]
    pub ends_with_sentence_punct: Option<bool>,
    #[serde(default)]
    pub no_han_outside_quotes: Option<bool>,
    #[serde(default)]
    pub is_link_list: Option<bool>,
}

/// Bounds of a ratio (`han_ratio = { min = 0.5 }`), each optional, both inclusive.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ratio {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ZoneSpec {
    #[default]
    Any,
    Top,
    Bottom,
    FirstLine,
    LastLine,
}

/// What sets the groups of a `drop-tail` apart.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SetApartSpec {
    /// `gap` blank lines before the group.
    #[default]
    Blanks,
    /// Furniture removed right above the group, and right below it or only blank lines after
    /// it: a group sits between two pieces of page chrome.
    Furniture,
}

/// Where a `drop-block` ends.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum StopSpec {
    /// At the first line that is not an item (blank lines in between are passed over).
    #[default]
    Prose,
    /// At the first run of `gap` blank lines, or the first line that is not an item.
    Gap,
    /// The items must run to the end of the text; otherwise nothing is dropped.
    End,
    /// The items are the lines right under the trigger, up to the first blank line or the end
    /// of the text, and every one of them must be an item; otherwise nothing is dropped.
    Group,
    /// At the first item of the `required_item` shape, which ends the block; when a line that is
    /// not an item comes first, nothing is dropped.
    Required,
}

/// What a `drop-block` item must repeat: dropping it then loses no words of the document.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RepeatSpec {
    /// The trigger line, the very same (blanks around aside).
    Trigger,
    /// Text within an earlier line: ten characters or more, a trailing ellipsis aside.
    Text,
    /// A line further down, the very same: a table of contents repeats the sub-headings.
    Below,
    /// The trigger's `title` group: a title bar (`第三章 归途_某某小说_某某网`) repeats the
    /// heading under it with the site's name after it. The trigger alone goes, when one of
    /// the ten content lines under it is the title alone.
    Title,
}

/// An example the rule must turn `input` into `expected` (run alone, not with the other rules).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct CaseSpec {
    pub input: String,
    pub expected: String,
    /// Run the rules that come before this one first (for a rule that acts on what they
    /// removed), not the rule alone.
    #[serde(default)]
    pub earlier: bool,
    /// For readers of the rule file; the loader only checks it is a string.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}
