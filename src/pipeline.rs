//! The pure core: bytes → [`Decoded`] → rules → [`Cleaned`]. No I/O, no printing.

use crate::detect::{self, Charset, DecodeError, Detection, EncodeError};
use crate::document::{newline_style, Document, Newline};
use crate::edit::Edit;
use crate::rules::RuleSet;

/// A decoded input and what the decoder found out about it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text without its BOM, line endings as they were.
    pub text: String,
    pub detection: Detection,
    pub newline: Newline,
}

impl Decoded {
    pub fn charset(&self) -> Charset {
        self.detection.charset
    }
    pub fn bom(&self) -> bool {
        self.detection.bom_len > 0
    }
}

/// Detect (or take the forced encoding) and decode strictly: a file that does not decode
/// cleanly is an error, never text with U+FFFD in it.
pub fn decode(bytes: &[u8], forced: Option<Charset>) -> Result<Decoded, DecodeError> {
    let detection = match forced {
        Some(charset) => detect::forced(bytes, charset),
        None => detect::detect(bytes),
    };
    let text = detect::decode(bytes, &detection)?;
    let newline = newline_style(&text);
    Ok(Decoded {
        text,
        detection,
        newline,
    })
}

/// What the output is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    /// UTF-8 without BOM, LF line endings (converting is part of the cleanup).
    #[default]
    Utf8,
    /// The input's own encoding, BOM and line-ending style (`--keep-encoding`).
    Original,
}

/// The cleaned text and every change that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub edits: Vec<Edit>,
    /// For each line of `text`, the 1-based input line it came from (rules drop and rewrite
    /// lines but never move or add them): what lets a diff or a review page pair lines exactly.
    pub origins: Vec<usize>,
}

/// Run the rules over a decoded text.
pub fn clean(decoded: &Decoded, rules: &RuleSet, target: Target) -> Cleaned {
    let mut edits = Vec::new();
    if target == Target::Utf8 {
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
    }
    let mut doc = Document::parse(&decoded.text);
    let newline = decoded.newline;
    let sequence = match target {
        Target::Utf8 => {
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
    rules.apply(&mut doc, &mut edits);
    Cleaned {
        text: doc.render(sequence),
        edits,
        origins: doc.lines.iter().map(|l| l.origin).collect(),
    }
}

/// Clean a text that is already UTF-8 (library convenience; `[[case]]`-free callers, tests).
pub fn clean_str(text: &str, rules: &RuleSet) -> Cleaned {
    let decoded = Decoded {
        text: text.to_string(),
        detection: Detection {
            charset: Charset::Rs(encoding_rs::UTF_8),
            bom_len: 0,
            confidence: detect::Confidence::High,
            reason: detect::Reason::Utf8Valid,
        },
        newline: newline_style(text),
    };
    clean(&decoded, rules, Target::Utf8)
}

/// The bytes to write for a cleaned text.
pub fn encode_output(
    cleaned: &Cleaned,
    decoded: &Decoded,
    target: Target,
) -> Result<Vec<u8>, EncodeError> {
    match target {
        Target::Utf8 => Ok(cleaned.text.clone().into_bytes()),
        Target::Original => detect::encode(&cleaned.text, decoded.charset(), decoded.bom()),
    }
}
