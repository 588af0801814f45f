//! Placeholder detector (UTF-8 and BOMs only) with the final API; replaced by the full pipeline.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    Rs(&'static encoding_rs::Encoding),
    Utf32Le,
    Utf32Be,
}
impl Charset {
    pub fn name(&self) -> &'static str {
        match self {
            Charset::Rs(e) => e.name(),
            Charset::Utf32Le => "UTF-32LE",
            Charset::Utf32Be => "UTF-32BE",
        }
    }
    pub fn is_utf8(&self) -> bool {
        *self == Charset::Rs(encoding_rs::UTF_8)
    }
}
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Bom,
    Utf8Valid,
    Ascii,
    Override,
    Empty,
}
impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Bom => "bom",
            Reason::Utf8Valid => "utf8-valid",
            Reason::Ascii => "ascii",
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
pub fn detect(bytes: &[u8]) -> Detection {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    Detection {
        charset: Charset::Rs(encoding_rs::UTF_8),
        bom_len: if bom { 3 } else { 0 },
        confidence: Confidence::High,
        reason: if bom {
            Reason::Bom
        } else if bytes.is_empty() {
            Reason::Empty
        } else {
            Reason::Utf8Valid
        },
    }
}
pub fn forced(bytes: &[u8], charset: Charset) -> Detection {
    let mut d = detect(bytes);
    d.charset = charset;
    d.reason = Reason::Override;
    d
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub encoding: &'static str,
    pub offset: usize,
    pub detail: String,
}
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode as {}: {} at byte {}",
            self.encoding, self.detail, self.offset
        )
    }
}
impl std::error::Error for DecodeError {}
pub fn decode(bytes: &[u8], det: &Detection) -> Result<String, DecodeError> {
    let body = &bytes[det.bom_len..];
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(DecodeError {
            encoding: "UTF-8",
            offset: det.bom_len + e.valid_up_to(),
            detail: "invalid byte sequence".into(),
        }),
    }
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    pub encoding: &'static str,
    pub ch: char,
    pub char_index: usize,
}
impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} cannot be written in {}", self.ch, self.encoding)
    }
}
impl std::error::Error for EncodeError {}
pub fn encode(text: &str, _charset: Charset, with_bom: bool) -> Result<Vec<u8>, EncodeError> {
    let mut v = if with_bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    v.extend_from_slice(text.as_bytes());
    Ok(v)
}
pub fn charset_for_label(label: &str) -> Option<Charset> {
    encoding_rs::Encoding::for_label(label.as_bytes()).map(Charset::Rs)
}
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    bytes.starts_with(b"\x89PNG").then_some("PNG image")
}
