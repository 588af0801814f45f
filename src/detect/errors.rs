//! What goes wrong reading or writing an encoding, with the place it went wrong.

use std::fmt;

/// Bytes that are not valid in the encoding they were read as: the input is refused, never
/// decoded with U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The encoding's name.
    pub encoding: &'static str,
    /// Byte offset in the whole file of the first bad sequence.
    pub offset: usize,
    /// What is wrong there (`invalid byte sequence 0xC3 0x28`).
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

/// A character the target encoding cannot represent (`--keep-encoding` on a GBK file that
/// cleaning gave a character outside GBK).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    /// The encoding's name.
    pub encoding: &'static str,
    /// The character.
    pub ch: char,
    /// Index of `ch` counted in chars (not bytes) of the text.
    pub char_index: usize,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot encode '{}' (U+{:04X}, character {}) in {}",
            self.ch, self.ch as u32, self.char_index, self.encoding
        )
    }
}

impl std::error::Error for EncodeError {}
