//! What goes wrong reading or writing an encoding, with the place it went wrong.

use std::fmt;

/// Bytes that are not valid in the encoding they were read as: the input is refused, never
/// decoded with U+FFFD (unless the caller asks for replacement). It names the place, how much
/// of the file is damaged, and where the damaged bytes read as another encoding: what a person
/// needs to repair a mixed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The encoding's name (`unknown` when no encoding reads the bytes).
    pub encoding: &'static str,
    /// Byte offset in the whole file of the first damage.
    pub offset: usize,
    /// 1-based line of that byte; 0 when the error is not about a place.
    pub line: usize,
    /// 1-based column (in characters) of that byte in its line.
    pub column: usize,
    /// What is wrong there (`invalid bytes 0xFF 0xFE`).
    pub detail: String,
    /// Damaged spots (maximal runs of invalid bytes) in the whole file; 0 when not counted.
    pub spots: usize,
    /// Bytes around the damage that decode cleanly in another encoding, and its name.
    pub reads_as: Option<(std::ops::Range<usize>, &'static str)>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.encoding == "unknown" {
            write!(f, "cannot decode: {}", self.detail)?;
        } else {
            write!(f, "cannot decode as {}: {}", self.encoding, self.detail)?;
        }
        if self.line > 0 {
            write!(
                f,
                " at byte {} (line {}, column {})",
                self.offset, self.line, self.column
            )?;
        }
        match self.spots {
            0 => {}
            1 => write!(f, "; 1 damaged spot, the rest decodes cleanly")?,
            n => write!(f, "; {n} damaged spots")?,
        }
        if let Some((range, encoding)) = &self.reads_as {
            write!(
                f,
                "; bytes {}\u{2013}{} read as {encoding}",
                range.start, range.end
            )?;
        }
        Ok(())
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
