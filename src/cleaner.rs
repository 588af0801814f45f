//! The pure core: bytes or text in, [`Cleaned`] out. No I/O, no printing, no threads: a
//! [`Cleaner`] is built once and shared by whatever calls it (the CLI's workers, a Python
//! binding, a JSON Lines loop).

use crate::detect::{self, Charset, Confidence, DecodeError, Detection, EncodeError};
use crate::document::{newline_style, Document, Newline};
use crate::edit::{Edit, RuleId};
use crate::rules::RuleSet;

/// A decoded input and what the decoder found out about it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text without its BOM, line endings as they were.
    pub text: String,
    /// The encoding found, how sure the detector is and why.
    pub detection: Detection,
    /// The line-ending style of the text.
    pub newline: Newline,
    /// Damaged spots replaced with U+FFFD ([`CleanOptions::replace_invalid`]); empty otherwise.
    pub replaced: Vec<Replacement>,
}

/// One damaged spot that decoding replaced with U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The rejected bytes' range in the input bytes.
    pub input: std::ops::Range<usize>,
    /// Where the U+FFFD is in the decoded text (byte offset).
    pub at: usize,
    /// The rejected bytes, for reports.
    pub bytes: Vec<u8>,
}

impl Decoded {
    /// The encoding the input was decoded from.
    pub fn charset(&self) -> Charset {
        self.detection.charset
    }
    /// Did the input start with a byte-order mark?
    pub fn bom(&self) -> bool {
        self.detection.bom_len > 0
    }
}

/// What the cleaned bytes are written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    /// UTF-8 without BOM, LF line endings (converting is part of the cleanup).
    #[default]
    Utf8,
    /// The input's own encoding, BOM and line-ending style (`--keep-encoding`).
    Original,
}

/// How a [`Cleaner`] treats its inputs. `Default` suits text handed over as a string
/// (a JSON field, a Python `str`): no final line break is added.
#[derive(Debug, Clone, Default)]
pub struct CleanOptions {
    /// End a non-empty text with exactly one line break (files: yes; bare strings: usually no).
    pub final_newline: bool,
    /// Decode bytes as this encoding instead of detecting it.
    pub encoding: Option<Charset>,
    /// What [`Cleaner::clean_bytes`] encodes the cleaned text as.
    pub target: Target,
    /// Decode a damaged input anyway, each damaged spot replaced with U+FFFD and recorded as a
    /// `decode.replace` edit (for the encodings encoding_rs decodes). Off: damage is an error.
    pub replace_invalid: bool,
    /// Refuse a detection below this confidence (`Confidence::High`: never guess).
    pub min_confidence: Option<Confidence>,
}

impl CleanOptions {
    /// The options for whole files: a final line break, detected encoding, UTF-8 output.
    pub fn for_files() -> Self {
        CleanOptions {
            final_newline: true,
            ..CleanOptions::default()
        }
    }
}

/// The cleaned text and every change that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The cleaned text (UTF-8, LF line endings unless the target keeps the original's).
    pub text: String,
    /// Every change, each placed in the input and naming its rule.
    pub edits: Vec<Edit>,
    /// For each line of `text`, the 1-based input line it came from (rules drop and rewrite
    /// lines but never move or add them): what lets a diff or a review page pair lines exactly.
    pub origins: Vec<usize>,
    /// The rules reached a fixed point: cleaning `text` again changes nothing. When false,
    /// rules were still changing the text after the last allowed pass (rules that undo each
    /// other), and `still_changing` names them.
    pub converged: bool,
    /// The rules that changed something in the last pass when the rules did not converge.
    pub still_changing: Vec<RuleId>,
}

/// A cleaned input given as bytes: how it was read, what the rules did, what to write.
#[derive(Debug, Clone)]
pub struct CleanedBytes {
    /// The decoded input.
    pub decoded: Decoded,
    /// The cleaned text and its edits.
    pub cleaned: Cleaned,
    /// The bytes of the cleaned file, encoded as the options' [`Target`] says.
    pub bytes: Vec<u8>,
}

/// Why bytes could not be cleaned.
#[derive(Debug, thiserror::Error)]
pub enum BytesError {
    /// The input is not text in the detected (or forced) encoding.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The cleaned text cannot be written back in the input's own encoding.
    #[error(transparent)]
    Encode(#[from] EncodeError),
}

/// Cleans texts with one rule set and one set of options. Build it once; it is `Send + Sync`,
/// so threads can share it behind an `Arc` or a reference.
///
/// ```
/// use doctidy::{Cleaner, CleanOptions, RuleSet};
/// let cleaner = Cleaner::new(RuleSet::builtin()?, CleanOptions::default());
/// let cleaned = cleaner.clean("正文,内容\n责任编辑: 王五");
/// assert_eq!(cleaned.text, "正文，内容\n");
/// // Edits come in the order the rules made them, each placed in the input.
/// let comma = cleaned.edits.iter().find(|e| &*e.rule == "cjk-punctuation").unwrap();
/// assert_eq!((comma.line, comma.column, comma.range.clone()), (1, 3, 6..7));
/// # Ok::<(), doctidy::RuleError>(())
/// ```
#[derive(Debug)]
pub struct Cleaner {
    rules: RuleSet,
    options: CleanOptions,
}

impl Cleaner {
    /// A cleaner applying `rules` as `options` say.
    pub fn new(rules: RuleSet, options: CleanOptions) -> Self {
        Cleaner { rules, options }
    }

    /// The rules this cleaner applies.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Its options.
    pub fn options(&self) -> &CleanOptions {
        &self.options
    }

    /// Clean a text that is already Unicode. Line endings become LF; no final line break is
    /// added unless the options ask for one.
    pub fn clean(&self, text: &str) -> Cleaned {
        let mut edits = Vec::new();
        let newline = newline_style(text);
        if !matches!(newline, Newline::Lf | Newline::None) {
            edits.push(Edit::whole_file("decode.newline", newline.as_str(), "lf"));
        }
        self.run_rules(text, "\n", edits)
    }

    /// Detect (unless the options force an encoding) and decode strictly: bytes that do not
    /// decode cleanly are an error, never text with U+FFFD in it.
    pub fn decode(&self, bytes: &[u8]) -> Result<Decoded, DecodeError> {
        self.decode_as(bytes, self.detect(bytes))
    }

    /// The encoding these bytes will be decoded as: the forced one, or the detector's answer.
    pub fn detect(&self, bytes: &[u8]) -> Detection {
        match self.options.encoding {
            Some(charset) => detect::forced(bytes, charset),
            None => detect::detect(bytes),
        }
    }

    /// Decode with a detection already made (see [`Cleaner::detect`]), as [`Cleaner::decode`]
    /// does: low confidence refused if the options say so, damage an error or replaced.
    pub fn decode_as(&self, bytes: &[u8], detection: Detection) -> Result<Decoded, DecodeError> {
        if self.options.min_confidence == Some(Confidence::High)
            && detection.confidence == Confidence::Low
        {
            return Err(DecodeError {
                encoding: detection.charset.name(),
                offset: 0,
                line: 0,
                column: 0,
                detail: format!(
                    "detected with low confidence ({}); --min-confidence high refuses to guess \
                     (pass --encoding)",
                    detection.reason.as_str()
                ),
                spots: 0,
                reads_as: None,
            });
        }
        let (text, replaced) = match detect::decode(bytes, &detection) {
            Ok(text) => (text, Vec::new()),
            Err(e) => match self.replaced(bytes, &detection) {
                Some(lossy) if self.options.replace_invalid => lossy,
                _ => return Err(e),
            },
        };
        let newline = newline_style(&text);
        Ok(Decoded {
            text,
            detection,
            newline,
            replaced,
        })
    }

    /// The text with each damaged spot replaced by U+FFFD, for encodings encoding_rs decodes.
    fn replaced(&self, bytes: &[u8], detection: &Detection) -> Option<(String, Vec<Replacement>)> {
        let Charset::Rs(enc) = detection.charset else {
            return None;
        };
        let start = detection.bom_len.min(bytes.len());
        let body = &bytes[start..];
        let mut reading = crate::detect::read_damaged(enc, body);
        if reading.cut_at_end {
            let from = reading.spots.last().map_or(0, |s| s.end);
            let cut = from.max(body.len().saturating_sub(3))..body.len();
            reading.marks.push(reading.text.len());
            reading.text.push('\u{FFFD}');
            reading.spots.push(cut);
        }
        let replaced = reading
            .spots
            .iter()
            .zip(&reading.marks)
            .map(|(spot, &at)| Replacement {
                input: start + spot.start..start + spot.end,
                at,
                bytes: body[spot.clone()].to_vec(),
            })
            .collect();
        Some((reading.text, replaced))
    }

    /// Clean a decoded input, recording the changes decoding makes to the file as a whole
    /// (encoding, BOM, line endings) when the target is UTF-8.
    pub fn clean_decoded(&self, decoded: &Decoded) -> Cleaned {
        let mut edits: Vec<Edit> = decoded
            .replaced
            .iter()
            .map(|r| replacement_edit(&decoded.text, r))
            .collect();
        let newline = decoded.newline;
        let sequence = match self.options.target {
            Target::Utf8 => {
                if !decoded.charset().is_utf8() {
                    edits.push(Edit::whole_file(
                        "decode.encoding",
                        decoded.charset().name(),
                        "UTF-8",
                    ));
                }
                if decoded.bom() {
                    edits.push(Edit::whole_file("decode.bom", "\u{FEFF}", ""));
                }
                if !matches!(newline, Newline::Lf | Newline::None) {
                    edits.push(Edit::whole_file("decode.newline", newline.as_str(), "lf"));
                }
                "\n"
            }
            Target::Original => {
                if newline == Newline::Mixed {
                    edits.push(Edit::whole_file("decode.newline", "mixed", "lf"));
                }
                newline.sequence()
            }
        };
        self.run_rules(&decoded.text, sequence, edits)
    }

    /// The bytes to write for a cleaned text, as the options' target says.
    pub fn encode(&self, cleaned: &Cleaned, decoded: &Decoded) -> Result<Vec<u8>, EncodeError> {
        match self.options.target {
            Target::Utf8 => Ok(cleaned.text.clone().into_bytes()),
            Target::Original => detect::encode(&cleaned.text, decoded.charset(), decoded.bom()),
        }
    }

    /// Detect, decode, clean and encode one input given as bytes.
    pub fn clean_bytes(&self, bytes: &[u8]) -> Result<CleanedBytes, BytesError> {
        let decoded = self.decode(bytes)?;
        let cleaned = self.clean_decoded(&decoded);
        let bytes = self.encode(&cleaned, &decoded)?;
        Ok(CleanedBytes {
            decoded,
            cleaned,
            bytes,
        })
    }

    fn run_rules(&self, text: &str, newline: &str, mut edits: Vec<Edit>) -> Cleaned {
        let mut doc = Document::parse(text);
        let convergence = self
            .rules
            .apply(&mut doc, &mut edits, self.options.final_newline);
        Cleaned {
            text: doc.render(newline),
            edits,
            origins: doc.lines.iter().map(|l| l.origin).collect(),
            converged: convergence.converged,
            still_changing: convergence.still_changing,
        }
    }
}

/// The `decode.replace` edit for one replaced spot, placed at its U+FFFD in the text.
fn replacement_edit(text: &str, r: &Replacement) -> Edit {
    let before = &text[..r.at];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count()
        + 1;
    let hex: Vec<String> = r.bytes.iter().map(|b| format!("0x{b:02X}")).collect();
    Edit {
        rule: "decode.replace".into(),
        line,
        column: text[line_start..r.at].chars().count() + 1,
        range: r.at..r.at + '\u{FFFD}'.len_utf8(),
        pass: 0,
        before: format!("bytes {} at byte {}", hex.join(" "), r.input.start),
        after: "\u{FFFD}".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner() -> Cleaner {
        Cleaner::new(RuleSet::builtin().unwrap(), CleanOptions::default())
    }

    #[test]
    fn cleaner_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Cleaner>();
    }

    #[test]
    fn text_gets_no_final_newline_unless_asked() {
        assert_eq!(cleaner().clean("中文,中文").text, "中文，中文");
        let files = Cleaner::new(RuleSet::builtin().unwrap(), CleanOptions::for_files());
        assert_eq!(files.clean("中文,中文").text, "中文，中文\n");
    }

    #[test]
    fn a_replace_rule_settles_on_its_own_output_in_one_run() {
        // Cutting the glued source at the end brings another one to the end of the line.
        let once = cleaner().clean("”来源：某报é?来源：某报“").text;
        assert_eq!(once, "”");
        assert_eq!(cleaner().clean(&once).text, once);
    }

    #[test]
    fn a_rule_no_line_named_at_first_still_runs_after_a_rewrite_names_it() {
        // No line holds `编辑` until the zero-width space goes: the editor-credit rule,
        // skipped for documents where no line may match it, must still see the line.
        let cleaned = cleaner().clean("今天的新闻正文在这里写完了。\n责任编\u{200b}辑：张三\n");
        assert_eq!(cleaned.text, "今天的新闻正文在这里写完了。\n");
        assert!(cleaned.edits.iter().any(|e| &*e.rule == "editor-credit"));
    }

    #[test]
    fn edits_are_placed_in_the_input() {
        // The indent is stripped and an entity decoded before the comma converts: the comma's
        // edit still names its input column and bytes.
        let input = "a\n\u{3000}\u{3000}正文&amp;内容,好\n";
        let cleaned = cleaner().clean(input);
        assert_eq!(cleaned.text, "a\n正文&内容，好\n");
        let comma = cleaned
            .edits
            .iter()
            .find(|e| &*e.rule == "cjk-punctuation")
            .unwrap();
        assert_eq!((comma.line, comma.column), (2, 12));
        assert_eq!(&input[comma.range.clone()], ",");
        let entity = cleaned
            .edits
            .iter()
            .find(|e| &*e.rule == "html-entities")
            .unwrap();
        assert_eq!(&input[entity.range.clone()], "&amp;");
        assert_eq!(entity.column, 5);
    }

    #[test]
    fn rewritten_spans_map_back_to_their_input() {
        // Zero-width characters go first, then punctuation next to where they were.
        let input = "中\u{200b}文\u{200b},好";
        let cleaned = cleaner().clean(input);
        assert_eq!(cleaned.text, "中文，好");
        for e in &cleaned.edits {
            assert_eq!(e.line, 1);
            let shown = &input[e.range.clone()];
            assert!(shown.contains(e.before.trim()), "{e:?} covers {shown:?}");
        }
    }

    #[test]
    fn dropping_the_last_line_keeps_the_break_before_it() {
        let cleaned = Cleaner::new(RuleSet::builtin().unwrap(), CleanOptions::for_files())
            .clean("正文。\n责任编辑: 王五");
        assert_eq!(cleaned.text, "正文。\n");
        let rules: Vec<&str> = cleaned.edits.iter().map(|e| &*e.rule).collect();
        assert_eq!(rules, ["editor-credit"]);
    }

    #[test]
    fn damaged_input_is_refused_or_replaced_as_asked() {
        let bytes = [
            "正常的文字".as_bytes(),
            b"\xff\xfe",
            "后面的内容".as_bytes(),
        ]
        .concat();
        let strict = Cleaner::new(RuleSet::builtin().unwrap(), CleanOptions::for_files());
        let e = strict.clean_bytes(&bytes).unwrap_err().to_string();
        assert!(e.contains("at byte 15 (line 1, column 6)"), "{e}");
        let options = CleanOptions {
            replace_invalid: true,
            ..CleanOptions::for_files()
        };
        let lenient = Cleaner::new(RuleSet::builtin().unwrap(), options);
        let file = lenient.clean_bytes(&bytes).unwrap();
        assert_eq!(file.cleaned.text, "正常的文字\u{FFFD}后面的内容\n");
        let edit = &file.cleaned.edits[0];
        assert_eq!(&*edit.rule, "decode.replace");
        assert_eq!((edit.line, edit.column), (1, 6));
        assert_eq!(edit.before, "bytes 0xFF 0xFE at byte 15");
    }

    #[test]
    fn convergence_is_reported() {
        let cleaned = cleaner().clean("中文,中文");
        assert!(cleaned.converged && cleaned.still_changing.is_empty());
        assert!(cleaned.edits.iter().all(|e| e.pass == 1));
    }

    #[test]
    fn rules_that_undo_each_other_do_not_converge() {
        let mut rules = RuleSet::default();
        let rule = |id: &str, from: &str, to: &str| {
            format!(
                "id='{id}'\ndescription='d'\nkind='replace'\npattern='{from}'\nreplace='{to}'\n"
            )
        };
        rules.add_str("01-a.toml", &rule("a", "x", "y")).unwrap();
        rules.add_str("02-b.toml", &rule("b", "y", "x")).unwrap();
        let cleaned = Cleaner::new(rules, CleanOptions::default()).clean("x");
        assert!(!cleaned.converged);
        assert_eq!(cleaned.still_changing.len(), 2);
        assert_eq!(cleaned.edits.last().unwrap().pass, crate::rules::MAX_PASSES);
    }
}
