//! The TOML schema of a rule file (`rules/NN-name.toml`). Unknown keys are errors, so a typo
//! in a rule file fails loudly instead of silently disabling a pattern.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub description: String,
    pub kind: KindSpec,
    /// `drop-line`, `replace`: regular expressions (Rust `regex` syntax). A `drop-line` pattern
    /// must match the whole line, ignoring surrounding spaces; several patterns are alternatives.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Also match the traditional forms of the simplified characters in the patterns
    /// (`责任编辑` → `責任編輯`); on by default.
    #[serde(default = "yes")]
    pub traditional: bool,
    /// `replace`: the replacement template (`$1`, `${name}`).
    #[serde(default)]
    pub replace: Option<String>,
    /// `drop-line`: where in the document the line must be.
    #[serde(default)]
    pub zone: ZoneSpec,
    /// `drop-line` with `zone = "top"` or `"bottom"`: how many non-blank lines from that end.
    #[serde(default)]
    pub zone_lines: Option<usize>,
    /// `cjk-punctuation`: ASCII punctuation → its full-width form when next to CJK text.
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// `cjk-punctuation`: bracket pairs converted together, `[open, close, full_open, full_close]`.
    #[serde(default)]
    pub brackets: Vec<[String; 4]>,
    #[serde(default, rename = "case")]
    pub cases: Vec<CaseSpec>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum KindSpec {
    DropLine,
    Replace,
    CjkPunctuation,
    UnicodeNfc,
    HtmlEntities,
    StripIndent,
    TrailingWhitespace,
    BlankLines,
    FinalNewline,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ZoneSpec {
    #[default]
    Any,
    Top,
    Bottom,
}

/// An example the rule must turn `input` into `expected` (run alone, not with the other rules).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    pub input: String,
    pub expected: String,
    /// For readers of the rule file; the loader only checks it is a string.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}
