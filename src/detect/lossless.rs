//! Lossless decoding of a sample for scoring: a candidate that needs a replacement character
//! is not a reading of the text.

use encoding_rs::{DecoderResult, Encoding};

/// Lossless decode for scoring; a sequence cut by the prefix end is fine.
pub(super) fn decode_clean(enc: &'static Encoding, p: &[u8], last: bool) -> Option<String> {
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec.max_utf8_buffer_length_without_replacement(p.len())?;
    let mut out = String::with_capacity(cap);
    let (res, _) = dec.decode_to_string_without_replacement(p, &mut out, last);
    (res == DecoderResult::InputEmpty).then_some(out)
}
