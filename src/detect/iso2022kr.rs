//! ISO-2022-KR (RFC 1557), the 7-bit form of EUC-KR used in old Korean mail: a designator
//! `ESC $ ) C`, then SO (0x0E) shifts to two-byte KS X 1001 (each byte less 0x80) and SI (0x0F)
//! back to ASCII. encoding_rs only offers the replacement encoding for this label.

use encoding_rs::EUC_KR;

use super::errors::EncodeError;
use super::lossless::decode_clean;

/// The designator that announces KS X 1001 as the shifted set.
pub(super) const DESIGNATOR: &[u8] = b"\x1B$)C";
const SO: u8 = 0x0E;
const SI: u8 = 0x0F;

/// ASCII text that designates KS X 1001 and shifts into it.
pub(super) fn looks_like_iso2022kr(bytes: &[u8]) -> bool {
    bytes.windows(DESIGNATOR.len()).any(|w| w == DESIGNATOR) && bytes.contains(&SO)
}

/// Strict decoder; errors are `(offset, detail)`. A line break ends the shifted state, as
/// RFC 1557 has every line end in ASCII.
pub(super) fn iso2022kr_decode(body: &[u8]) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(body.len());
    let mut shifted = false;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if body[i..].starts_with(DESIGNATOR) {
            i += DESIGNATOR.len();
            continue;
        }
        match b {
            SO => shifted = true,
            SI => shifted = false,
            b'\n' | b'\r' => {
                shifted = false;
                out.push(b as char);
            }
            0x80.. => return Err((i, format!("invalid byte sequence 0x{b:02X}"))),
            _ if shifted => {
                let Some(&t) = body.get(i + 1) else {
                    return Err((i, "truncated sequence at end of file".into()));
                };
                let c = ((0x21..=0x7E).contains(&b) && (0x21..=0x7E).contains(&t))
                    .then(|| decode_clean(EUC_KR, &[b | 0x80, t | 0x80], true))
                    .flatten()
                    .and_then(|s| s.chars().next());
                match c {
                    Some(c) => out.push(c),
                    None => return Err((i, format!("invalid byte sequence 0x{b:02X} 0x{t:02X}"))),
                }
                i += 1;
            }
            _ => out.push(b as char),
        }
        i += 1;
    }
    Ok(out)
}

/// Encoder: the designator first, then SO/SI around every run of KS X 1001 characters, and
/// SI before each line break.
pub(super) fn iso2022kr_encode(text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    out.extend_from_slice(DESIGNATOR);
    let mut shifted = false;
    for (index, c) in text.chars().enumerate() {
        if c.is_ascii() {
            if shifted {
                out.push(SI);
                shifted = false;
            }
            out.push(c as u8);
            continue;
        }
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = EUC_KR.encode(c.encode_utf8(&mut buf));
        if unmappable || bytes.len() != 2 || bytes[0] < 0xA1 || bytes[1] < 0xA1 {
            return Err(EncodeError {
                encoding: "ISO-2022-KR",
                ch: c,
                char_index: index,
            });
        }
        if !shifted {
            out.push(SO);
            shifted = true;
        }
        out.extend_from_slice(&[bytes[0] & 0x7F, bytes[1] & 0x7F]);
    }
    if shifted {
        out.push(SI);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = "서울 날씨 맑음\n내일은 비\n";
        let mut bytes = Vec::new();
        iso2022kr_encode(text, &mut bytes).unwrap();
        assert!(bytes.is_ascii() && looks_like_iso2022kr(&bytes));
        assert_eq!(iso2022kr_decode(&bytes).unwrap(), text);
    }
}
