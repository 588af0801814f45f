//! What the detector reports: the charset, the BOM length, how sure it is and why.

use super::charset::Charset;

/// How sure the detector is. Low means the evidence was thin (few high bytes, a short text):
/// the answer is likely but worth a look, and `--encoding` settles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    /// Decisive evidence (a BOM, valid UTF-8 with multi-byte sequences, plenty of text).
    High,
    /// A best guess from little evidence.
    Low,
}

impl Confidence {
    /// `high` or `low`, as reports print it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Low => "low",
        }
    }
}

/// How the detector decided; printed in reports as the kebab-case string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A byte-order mark.
    Bom,
    /// Where the NUL bytes of BOM-less UTF-16 fall.
    Utf16NulPattern,
    /// Where the NUL bytes of BOM-less UTF-32 fall.
    Utf32NulPattern,
    /// ISO-2022-JP or HZ escape sequences.
    EscapeSequences,
    /// The bytes are valid UTF-8 with multi-byte sequences.
    Utf8Valid,
    /// Most high bytes form valid UTF-8 and the invalid ones are a few damaged spots.
    Utf8Damaged,
    /// Only ASCII bytes.
    Ascii,
    /// The statistical detector (chardetng) on a bounded prefix.
    Statistical,
    /// The double-byte reading that reads as common CJK text.
    CjkCheck,
    /// Forced with `--encoding`.
    Override,
    /// No encoding reads the bytes as text.
    Unknown,
    /// No bytes at all.
    Empty,
}

impl Reason {
    /// The kebab-case name reports print.
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Bom => "bom",
            Reason::Utf16NulPattern => "utf16-nul-pattern",
            Reason::Utf32NulPattern => "utf32-nul-pattern",
            Reason::EscapeSequences => "escape-sequences",
            Reason::Utf8Valid => "utf8-valid",
            Reason::Utf8Damaged => "utf8-with-errors",
            Reason::Ascii => "ascii",
            Reason::Statistical => "statistical",
            Reason::CjkCheck => "cjk-check",
            Reason::Override => "override",
            Reason::Unknown => "unknown",
            Reason::Empty => "empty",
        }
    }
}

/// The detector's answer for one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detection {
    /// The encoding.
    pub charset: Charset,
    /// Bytes of byte-order mark at the start (0 without one).
    pub bom_len: usize,
    /// How sure the detector is.
    pub confidence: Confidence,
    /// What decided it.
    pub reason: Reason,
}

impl Detection {
    pub(super) fn new(charset: Charset, confidence: Confidence, reason: Reason) -> Self {
        Detection {
            charset,
            bom_len: 0,
            confidence,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        assert_eq!(Reason::Utf16NulPattern.as_str(), "utf16-nul-pattern");
        assert_eq!(Reason::CjkCheck.as_str(), "cjk-check");
        assert_eq!(Confidence::Low.as_str(), "low");
    }
}
