//! Seven-bit escape encodings (ISO-2022-JP, HZ-GB-2312), recognised in pure-ASCII input.

use super::hz::hz_decode;

pub(super) fn has_iso2022jp_escapes(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| {
        matches!(
            w,
            [0x1B, b'$', b'B'] | [0x1B, b'$', b'@'] | [0x1B, b'(', b'J'] | [0x1B, b'(', b'I']
        )
    })
}

pub(super) fn looks_like_hz(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"~{") && hz_decode(bytes, 0).is_ok_and(|s| !s.is_ascii())
}
