//! Damage: where bytes fail to decode in an encoding, counted as *spots* (maximal runs of
//! rejected bytes), not as bad bytes. A file with one stray byte, one dropped byte or one line
//! pasted from another encoding has one spot; a file in another encoding altogether has spots
//! all over. A sequence cut by the very end of the input is not a spot: it is how truncated
//! files end, and it says nothing against the encoding.

use encoding_rs::{DecoderResult, Encoding};
use std::ops::Range;

/// An encoding's reading of some bytes, damage included.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    /// The text, with U+FFFD for each rejected run.
    pub text: String,
    /// Byte ranges the decoder rejected, merged when adjacent, in order.
    pub spots: Vec<Range<usize>>,
    /// Where in `text` the U+FFFD of each spot is.
    pub marks: Vec<usize>,
    /// The input ends inside a character.
    pub cut_at_end: bool,
}

impl Reading {
    /// Decodes with no damage at all (a cut at the end aside).
    pub(crate) fn is_clean(&self) -> bool {
        self.spots.is_empty()
    }
}

/// Read `bytes` as `enc`, recording every rejected run. `last`: the bytes are the whole
/// input (else a sequence cut by their end is simply where the sample stops).
pub(crate) fn read(enc: &'static Encoding, bytes: &[u8], last: bool) -> Reading {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2 + 4);
    let mut spots: Vec<Range<usize>> = Vec::new();
    let mut cut_at_end = false;
    let mut marks = Vec::new();
    let mut pos = 0;
    loop {
        if text.capacity() - text.len() < 16 {
            text.reserve(bytes.len() - pos + 16);
        }
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, last);
        let end = pos + read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                text.reserve(bytes.len() - end + 16);
                pos = end;
            }
            DecoderResult::Malformed(bad, after) => {
                let stop = end - after as usize;
                let start = stop.saturating_sub(bad as usize);
                if last
                    && stop >= bytes.len()
                    && after == 0
                    && bad > 0
                    && is_truncation(enc, &bytes[start..])
                {
                    cut_at_end = true;
                } else {
                    // One U+FFFD per spot: a run of rejected bytes is one piece of damage.
                    match spots.last_mut() {
                        Some(prev) if prev.end >= start => prev.end = prev.end.max(stop),
                        _ => {
                            marks.push(text.len());
                            text.push('\u{FFFD}');
                            spots.push(start..stop);
                        }
                    }
                }
                pos = end;
            }
        }
        if pos >= bytes.len() && !last {
            break;
        }
    }
    Reading {
        text,
        spots,
        marks,
        cut_at_end,
    }
}

/// Could `tail` (the rejected bytes at the very end) be the start of a character the file
/// was cut inside? A lone lead byte is; an invalid byte is not.
fn is_truncation(enc: &'static Encoding, tail: &[u8]) -> bool {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(16);
    let (result, _) = decoder.decode_to_string_without_replacement(tail, &mut out, false);
    matches!(result, DecoderResult::InputEmpty) && out.is_empty()
}

/// What the bytes say about being UTF-8: how many valid multi-byte characters, how many of
/// the bytes >= 0x80 sit in them, and the damaged spots.
#[derive(Debug, Clone, Default)]
pub(crate) struct Utf8Evidence {
    /// Valid multi-byte sequences.
    pub multibyte: usize,
    /// Of those, two-byte ones (Latin, Greek, Cyrillic: and GBK's lookalikes).
    pub two_byte: usize,
    /// Bytes >= 0x80 inside valid sequences.
    pub high_in_valid: usize,
    /// All bytes >= 0x80.
    pub high: usize,
    /// Maximal runs of invalid bytes (a character cut at the very end is not one).
    pub spots: usize,
}

/// Damaged spots may be at most one per this many valid multi-byte characters: a 10-character
/// line with one stray byte is UTF-8 with an error; legacy text read as UTF-8 has spots all
/// over (and most of its high bytes outside valid sequences, the stronger test).
const VALID_PER_SPOT: usize = 4;

impl Utf8Evidence {
    /// Most valid sequences are two-byte ones: the shape of GBK text that happens to be valid
    /// UTF-8 in places (系统 is "ϵͳ"), not of damaged Chinese UTF-8 (three-byte sequences).
    pub(crate) fn mostly_two_byte(&self) -> bool {
        self.two_byte * 2 > self.multibyte
    }

    /// Meant as UTF-8, damaged: most high bytes sit in valid sequences, there are some, and
    /// the spots are few beside them. Whole GBK, Big5, Shift_JIS or EUC texts put well under
    /// half their high bytes in valid UTF-8 sequences (about one in six for GBK), so this can
    /// be strict and still catch ten characters with one stray byte.
    pub(crate) fn damaged_utf8(&self) -> bool {
        self.multibyte >= 1
            && self.high_in_valid * 2 > self.high
            && self.spots * VALID_PER_SPOT <= self.multibyte
    }
}

/// Count the UTF-8 evidence of `bytes` (which failed strict UTF-8).
pub(crate) fn utf8_evidence(bytes: &[u8]) -> Utf8Evidence {
    let mut ev = Utf8Evidence {
        high: bytes.iter().filter(|&&b| b >= 0x80).count(),
        ..Default::default()
    };
    let mut rest = bytes;
    let mut in_spot = false;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => (
                // The prefix up to the error is valid by definition.
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
                Some(e),
            ),
        };
        if !valid.is_empty() {
            in_spot = false;
        }
        for c in valid.chars().filter(|c| !c.is_ascii()) {
            ev.multibyte += 1;
            ev.two_byte += usize::from(c.len_utf8() == 2);
            ev.high_in_valid += c.len_utf8();
        }
        let Some(e) = error else { break };
        match e.error_len() {
            Some(n) => {
                if !in_spot {
                    ev.spots += 1;
                    in_spot = true;
                }
                rest = &rest[e.valid_up_to() + n..];
            }
            None => break, // cut inside the last character
        }
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK, UTF_8};

    #[test]
    fn spots_are_runs_and_a_cut_end_is_not_one() {
        let r = read(UTF_8, "正常的文字\u{0}后面".as_bytes(), true);
        assert!(r.is_clean());
        let bytes = ["正常的文字".as_bytes(), b"\xff\xfe\xfa", "后面".as_bytes()].concat();
        let r = read(UTF_8, &bytes, true);
        assert_eq!(r.spots, vec![15..18]);
        let cut = &"七个汉字的句子".as_bytes()[..20];
        let r = read(UTF_8, cut, true);
        assert!(r.is_clean() && r.cut_at_end);
        let (gbk, _, _) = GBK.encode("中文测试");
        let r = read(GBK, &gbk[..7], true);
        assert!(r.is_clean() && r.cut_at_end, "{r:?}");
        let mut stray = gbk.to_vec();
        stray.insert(4, b'a');
        stray.insert(4, 0xD6);
        let r = read(GBK, &stray, true);
        assert_eq!(r.spots.len(), 0, "a lead byte before ASCII... {r:?}");
        let r = read(BIG5, b"\xa4\xa4 \xff x", true);
        assert_eq!(r.spots, vec![3..4]);
    }

    #[test]
    fn utf8_evidence_tells_damage_from_legacy_text() {
        let bytes = ["正常的文字".as_bytes(), b"\xff\xfe\xfa", "后面".as_bytes()].concat();
        assert!(utf8_evidence(&bytes).damaged_utf8());
        let cut = &"七个汉字的句子".as_bytes()[..20];
        assert!(utf8_evidence(cut).damaged_utf8());
        let (gbk, _, _) = GBK.encode("这是一段普通的中文新闻稿件，内容涉及城市建设和交通。");
        assert!(
            !utf8_evidence(&gbk).damaged_utf8(),
            "{:?}",
            utf8_evidence(&gbk)
        );
        let (big5, _, _) = BIG5.encode("這是一段普通的中文新聞稿件，內容涉及城市建設和交通。");
        assert!(!utf8_evidence(&big5).damaged_utf8());
        assert!(!utf8_evidence(b"caf\xe9 and cr\xe8me").damaged_utf8());
    }
}
