//! What the detector reports: the charset, the BOM length, how sure it is and why.

use super::charset::Charset;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    High,
    Low,
}

impl Confidence {
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
    Bom,
    Utf16NulPattern,
    Utf32NulPattern,
    EscapeSequences,
    Utf8Valid,
    Ascii,
    Statistical,
    CjkCheck,
    Override,
    Empty,
}

impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Bom => "bom",
            Reason::Utf16NulPattern => "utf16-nul-pattern",
            Reason::Utf32NulPattern => "utf32-nul-pattern",
            Reason::EscapeSequences => "escape-sequences",
            Reason::Utf8Valid => "utf8-valid",
            Reason::Ascii => "ascii",
            Reason::Statistical => "statistical",
            Reason::CjkCheck => "cjk-check",
            Reason::Override => "override",
            Reason::Empty => "empty",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detection {
    pub charset: Charset,
    pub bom_len: usize,
    pub confidence: Confidence,
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
