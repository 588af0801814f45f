//! A rule file to a compiled rule: its spec checked, patterns expanded and compiled, the kind
//! turned into what [`Rule::apply`] runs.

use super::fragments::Fragments;
use super::pattern::{self, Pattern};
use super::predicates::{LineShape, Predicates};
use super::spec::{self, KindSpec, RuleSpec, Shape, ZoneSpec};
use super::{blocks, protect, punct, Rule, RuleError, RuleKind, Zone};

impl Rule {
    /// Parse one rule file and compile it: its patterns with `fragments` (and the file's
    /// own), its kind into the form rules run.
    pub(super) fn compile(
        origin: &str,
        text: &str,
        fragments: &Fragments,
    ) -> Result<Rule, RuleError> {
        let spec = RuleSpec::parse(text).map_err(|message| RuleError::Invalid {
            file: origin.to_string(),
            message,
        })?;
        let id = spec.id.clone();
        let invalid = |message: String| RuleError::Invalid {
            file: origin.to_string(),
            message: format!("rule {id}: {message}"),
        };
        let kind_name = spec::KINDS
            .iter()
            .map(|(name, _)| *name)
            .find(|name| kind_of(&spec.kind) == *name)
            .expect("every kind is listed");
        let compile = |sources: Vec<String>,
                       anchored: bool,
                       traditional: bool,
                       needs: Option<Vec<String>>,
                       max_chars: Option<usize>| {
            Pattern::compile(
                &sources,
                pattern::Options {
                    anchored,
                    traditional,
                    fragments,
                    local: &spec.fragments,
                    needs,
                    max_chars,
                },
            )
            .map_err(invalid)
        };
        let zone_of = |zone: ZoneSpec, zone_lines: Option<usize>| -> Result<Zone, RuleError> {
            let n = zone_lines.unwrap_or(5);
            Ok(match zone {
                ZoneSpec::Top | ZoneSpec::Bottom if n == 0 => {
                    return Err(invalid("`zone_lines` must be at least 1".into()))
                }
                ZoneSpec::Top => Zone::Top(n),
                ZoneSpec::Bottom => Zone::Bottom(n),
                _ if zone_lines.is_some() => {
                    return Err(invalid(
                        "`zone_lines` counts from the top or the bottom; it needs zone = \"top\" or \"bottom\""
                            .into(),
                    ))
                }
                ZoneSpec::Any => Zone::Any,
                ZoneSpec::FirstLine => Zone::Top(1),
                ZoneSpec::LastLine => Zone::Bottom(1),
            })
        };
        let shape_of = |shape: Shape, traditional: bool| -> Result<LineShape, RuleError> {
            let mut sources = shape.patterns.clone();
            sources.extend(shape.pattern.clone());
            let predicates = Predicates::of_shape(&shape).map_err(invalid)?;
            if sources.is_empty() && predicates.is_empty() {
                return Err(invalid(
                    "a line shape needs a pattern or a predicate".into(),
                ));
            }
            Ok(LineShape {
                pattern: if sources.is_empty() {
                    None
                } else {
                    Some(compile(
                        sources,
                        true,
                        traditional,
                        None,
                        predicates.max_chars,
                    )?)
                },
                unless: match shape.unless {
                    Some(unless) => Some(Box::new(compile(
                        vec![unless],
                        true,
                        traditional,
                        None,
                        predicates.max_chars,
                    )?)),
                    None => None,
                },
                predicates,
            })
        };
        let kind = match spec.kind.clone() {
            KindSpec::DropLine {
                pattern,
                patterns,
                needs,
                traditional,
                zone,
                zone_lines,
                min_lines,
                unless,
                max_chars,
                min_chars,
                han_ratio,
                symbol_ratio,
                ends_with_sentence_punct,
                no_han_outside_quotes,
                is_link_list,
                edge_sentences,
            } => {
                let mut shape = shape_of(
                    Shape {
                        pattern,
                        patterns,
                        unless,
                        max_chars,
                        min_chars,
                        han_ratio,
                        symbol_ratio,
                        ends_with_sentence_punct,
                        no_han_outside_quotes,
                        is_link_list,
                    },
                    traditional,
                )?;
                if let (Some(needs), Some(p)) = (needs, shape.pattern.as_mut()) {
                    p.declare_needs(needs, traditional).map_err(invalid)?;
                }
                RuleKind::DropLine {
                    shape,
                    zone: zone_of(zone, zone_lines)?,
                    min_lines: min_lines.unwrap_or(1).max(1),
                    edge_sentences,
                }
            }
            KindSpec::Replace {
                pattern,
                mut patterns,
                needs,
                traditional,
                replace,
                zone,
                zone_lines,
                min_lines,
                numbered,
            } => {
                patterns.extend(pattern);
                let pattern = compile(patterns, false, traditional, needs, None)?;
                if numbered && !(pattern.names_group("k") && pattern.names_group("n")) {
                    return Err(invalid(
                        "`numbered = true` needs the groups `(?P<k>…)` and `(?P<n>…)` in the pattern"
                            .into(),
                    ));
                }
                RuleKind::Replace {
                    pattern,
                    replacement: replace,
                    zone: zone_of(zone, zone_lines)?,
                    min_lines: min_lines.unwrap_or(1).max(1),
                    numbered,
                }
            }
            KindSpec::DropBlock {
                trigger,
                trigger_unless,
                item,
                above,
                follows,
                required_item,
                keep_item,
                below,
                min_blocks,
                page_has,
                page_has_above,
                stop,
                gap,
                drop_trigger,
                min_items,
                max_items,
                keep_last,
                keep_last_before_text,
                keep_last_before_sentence,
                keep_last_copy,
                keep_items,
                repeats,
                drop_between,
                traditional,
                zone,
                zone_lines,
            } => {
                if gap.is_some() && stop != spec::StopSpec::Gap {
                    return Err(invalid("`gap` needs stop = \"gap\"".into()));
                }
                if (keep_last || keep_last_before_text || keep_last_before_sentence)
                    && matches!(
                        stop,
                        spec::StopSpec::End | spec::StopSpec::Group | spec::StopSpec::Required
                    )
                {
                    return Err(invalid(
                        "`keep_last` needs stop = \"prose\" or \"gap\"".into(),
                    ));
                }
                if stop == spec::StopSpec::Required && required_item.is_none() {
                    return Err(invalid("stop = \"required\" needs `required_item`".into()));
                }
                if page_has_above && page_has.is_none() {
                    return Err(invalid("`page_has_above` needs `page_has`".into()));
                }
                if keep_items && required_item.is_none() {
                    return Err(invalid("`keep_items` needs `required_item`".into()));
                }
                if keep_last_copy && repeats != Some(spec::RepeatSpec::Trigger) {
                    return Err(invalid(
                        "`keep_last_copy` needs repeats = \"trigger\"".into(),
                    ));
                }
                if drop_between && repeats != Some(spec::RepeatSpec::Title) {
                    return Err(invalid("`drop_between` needs repeats = \"title\"".into()));
                }
                let trigger = compile(vec![trigger], true, traditional, None, None)?;
                if drop_between && !trigger.names_group("site") {
                    return Err(invalid(
                        "`drop_between` needs a `(?P<site>…)` group in the trigger".into(),
                    ));
                }
                let trigger_unless = (trigger_unless)
                    .map(|u| compile(vec![u], true, traditional, None, None))
                    .transpose()?;
                if repeats == Some(spec::RepeatSpec::Title) && !trigger.names_group("title") {
                    return Err(invalid(
                        "repeats = \"title\" needs a `(?P<title>…)` group in the trigger".into(),
                    ));
                }
                RuleKind::DropBlock(Box::new(blocks::DropBlock {
                    trigger,
                    trigger_unless,
                    item: shape_of(item, traditional)?,
                    above: above.map(|a| shape_of(a, traditional)).transpose()?,
                    follows: follows.map(|s| shape_of(*s, traditional)).transpose()?,
                    required_item: (required_item.map(|s| shape_of(s, traditional))).transpose()?,
                    keep_item: (keep_item.map(|s| shape_of(*s, traditional))).transpose()?,
                    below: below.map(|s| shape_of(*s, traditional)).transpose()?,
                    min_blocks: min_blocks.unwrap_or(1),
                    page_has: page_has
                        .map(|p| compile(vec![p], true, traditional, None, None))
                        .transpose()?,
                    page_has_above,
                    stop,
                    gap: gap.unwrap_or(1).max(1),
                    drop_trigger,
                    min_items: min_items.unwrap_or(1),
                    max_items: max_items.unwrap_or(20),
                    keep_last,
                    keep_last_before_text,
                    keep_last_before_sentence,
                    keep_last_copy,
                    keep_items,
                    repeats,
                    drop_between,
                    zone: zone_of(zone, zone_lines)?,
                }))
            }
            KindSpec::DropTail {
                body,
                item,
                keep,
                max_group_lines,
                gap,
                set_apart,
                not_set_apart_by,
            } => RuleKind::DropTail(Box::new(blocks::DropTail {
                body: shape_of(body, true)?,
                item: shape_of(item, true)?,
                keep: keep.map(|k| shape_of(k, true)).transpose()?,
                max_group_lines: max_group_lines.unwrap_or(3),
                gap: gap.unwrap_or(1),
                set_apart,
                not_set_apart_by: fragments.expand_ids(&not_set_apart_by).map_err(invalid)?,
            })),
            KindSpec::Protect {
                fences,
                indented_code,
                introduced_code,
                introduced_data,
                data_intro,
                data_unless,
                data_intro_ends,
                data_intro_cues,
                setext_headings,
                code_intro_unless,
                keep_lines,
                keep_between,
            } => {
                let keep = |p: String| compile(vec![p], true, false, None, None);
                let p = protect::Protect {
                    fences,
                    indented_code,
                    introduced_code,
                    introduced_data,
                    setext_headings,
                    code_intro_unless: code_intro_unless.map(keep).transpose()?,
                    data_intro: data_intro.map(keep).transpose()?,
                    data_unless: data_unless.map(keep).transpose()?,
                    data_intro_ends,
                    data_intro_cues,
                    keep_lines: keep_lines.map(keep).transpose()?,
                    keep_between: match keep_between {
                        Some([b, e]) => Some((keep(b)?, keep(e)?)),
                        None => None,
                    },
                };
                if !fences
                    && !indented_code
                    && !introduced_code
                    && !introduced_data
                    && !setext_headings
                    && p.keep_lines.is_none()
                    && p.keep_between.is_none()
                {
                    return Err(invalid(
                        "protect needs fences, indented_code, introduced_code, introduced_data, setext_headings, keep_lines or keep_between".into(),
                    ));
                }
                RuleKind::Protect(Box::new(p))
            }
            KindSpec::CjkPunctuation { map, brackets } => {
                RuleKind::CjkPunctuation(punct::PunctMap::new(&map, &brackets).map_err(invalid)?)
            }
            KindSpec::UnicodeNfc {} => RuleKind::UnicodeNfc,
            KindSpec::HtmlEntities {} => RuleKind::HtmlEntities,
            KindSpec::StripIndent {} => RuleKind::StripIndent,
            KindSpec::TrailingWhitespace {} => RuleKind::TrailingWhitespace,
            KindSpec::BlankLines {} => RuleKind::BlankLines,
            KindSpec::FinalNewline {} => RuleKind::FinalNewline,
            KindSpec::JsonRecord {} => RuleKind::JsonRecord,
        };
        let category = spec
            .category
            .clone()
            .unwrap_or_else(|| default_category(&kind).to_string());
        Ok(Rule {
            id: spec.id.as_str().into(),
            description: spec.description.trim().to_string(),
            origin: origin.to_string(),
            kind,
            kind_name,
            category,
            after: spec.after,
            cases: spec.cases,
        })
    }

    /// The zone a line rule or block trigger must lie in.
    pub(crate) fn zone(&self) -> Option<Zone> {
        match &self.kind {
            RuleKind::DropLine { zone, .. } | RuleKind::Replace { zone, .. } => Some(*zone),
            RuleKind::DropBlock(b) => Some(b.zone),
            _ => None,
        }
    }
}

/// The `kind = "..."` name of a kind.
fn kind_of(kind: &KindSpec) -> &'static str {
    match kind {
        KindSpec::DropLine { .. } => "drop-line",
        KindSpec::Replace { .. } => "replace",
        KindSpec::DropBlock { .. } => "drop-block",
        KindSpec::DropTail { .. } => "drop-tail",
        KindSpec::Protect { .. } => "protect",
        KindSpec::CjkPunctuation { .. } => "cjk-punctuation",
        KindSpec::UnicodeNfc {} => "unicode-nfc",
        KindSpec::HtmlEntities {} => "html-entities",
        KindSpec::StripIndent {} => "strip-indent",
        KindSpec::TrailingWhitespace {} => "trailing-whitespace",
        KindSpec::BlankLines {} => "blank-lines",
        KindSpec::FinalNewline {} => "final-newline",
        KindSpec::JsonRecord {} => "json-record",
    }
}

/// The category of a rule that names none.
fn default_category(kind: &RuleKind) -> &'static str {
    match kind {
        RuleKind::DropLine { .. }
        | RuleKind::DropBlock(_)
        | RuleKind::DropTail(_)
        | RuleKind::JsonRecord => "furniture",
        RuleKind::Replace { .. } => "furniture",
        RuleKind::Protect(_) => "protect",
        RuleKind::CjkPunctuation(_) => "punctuation",
        RuleKind::UnicodeNfc | RuleKind::HtmlEntities => "text",
        RuleKind::StripIndent
        | RuleKind::TrailingWhitespace
        | RuleKind::BlankLines
        | RuleKind::FinalNewline => "whitespace",
    }
}
