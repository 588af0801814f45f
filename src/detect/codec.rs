//! Strict decoding and encoding: never a U+FFFD, and every error names the offset or the
//! character. Adds what encoding_rs lacks: UTF-32, and strict UTF-16 with surrogate errors
//! (HZ-GB-2312 lives in `hz`).

use encoding_rs::{DecoderResult, EncoderResult, UTF_16BE, UTF_16LE, UTF_8};

use super::charset::Charset;
use super::detection::Detection;
use super::errors::{DecodeError, EncodeError};
use super::hz::{hz_decode, hz_encode};

/// Strict decode of bytes[det.bom_len..]; never inserts U+FFFD.
pub fn decode(bytes: &[u8], det: &Detection) -> Result<String, DecodeError> {
    let start = det.bom_len.min(bytes.len());
    let body = &bytes[start..];
    let name = det.charset.name();
    let err = |offset: usize, detail: String| DecodeError {
        encoding: name,
        offset: start + offset,
        detail,
    };
    match det.charset {
        Charset::Utf32Le | Charset::Utf32Be => {
            decode_utf32(body, det.charset == Charset::Utf32Be).map_err(|(o, d)| err(o, d))
        }
        Charset::Rs(e) if e == UTF_8 => match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => {
                let at = e.valid_up_to();
                Err(match e.error_len() {
                    Some(n) => err(at, invalid_detail(body, at, n)),
                    None => err(at, "truncated sequence at end of file".into()),
                })
            }
        },
        Charset::Rs(e) if e == UTF_16LE || e == UTF_16BE => {
            decode_utf16(body, e == UTF_16BE).map_err(|(o, d)| err(o, d))
        }
        Charset::Hz => hz_decode(body, 0).map_err(|(o, d)| err(o, d)),
        Charset::Rs(e) => {
            let mut dec = e.new_decoder_without_bom_handling();
            let cap = dec
                .max_utf8_buffer_length_without_replacement(body.len())
                .unwrap_or(usize::MAX / 2);
            let mut out = String::with_capacity(cap);
            let (res, read) = dec.decode_to_string_without_replacement(body, &mut out, true);
            match res {
                DecoderResult::InputEmpty => Ok(out),
                DecoderResult::Malformed(bad, after) => {
                    let at = read - after as usize - bad as usize;
                    let end = at + bad as usize;
                    if end >= body.len() {
                        Err(err(at, "truncated sequence at end of file".into()))
                    } else {
                        Err(err(at, invalid_detail(body, at, bad as usize)))
                    }
                }
                DecoderResult::OutputFull => Err(err(read, "output buffer overflow".into())),
            }
        }
    }
}

/// "invalid byte sequence 0xC3 0x28": the bad bytes plus the byte that
/// exposed them, which is what a person needs to see.
fn invalid_detail(body: &[u8], at: usize, bad: usize) -> String {
    let end = (at + bad.max(1) + 1).min(body.len()).min(at + 4);
    let hex: Vec<String> = body[at..end].iter().map(|b| format!("0x{b:02X}")).collect();
    format!("invalid byte sequence {}", hex.join(" "))
}

fn decode_utf16(body: &[u8], be: bool) -> Result<String, (usize, String)> {
    let pairs = body.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|u| {
        if be {
            u16::from_be_bytes([u[0], u[1]])
        } else {
            u16::from_le_bytes([u[0], u[1]])
        }
    });
    let mut out = String::with_capacity(body.len() / 2 * 3);
    let mut pos = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                out.push(c);
                pos += 2 * c.len_utf16();
            }
            Err(e) => {
                let s = e.unpaired_surrogate();
                let what = if pos + 2 == body.len() - body.len() % 2 && s < 0xDC00 {
                    "truncated sequence at end of file".to_string()
                } else {
                    format!("unpaired surrogate 0x{s:04X}")
                };
                return Err((pos, what));
            }
        }
    }
    if odd {
        return Err((body.len() - 1, "odd number of bytes for UTF-16".into()));
    }
    Ok(out)
}

fn decode_utf32(body: &[u8], be: bool) -> Result<String, (usize, String)> {
    let units = body.chunks_exact(4);
    let rest = units.remainder().len();
    let mut out = String::with_capacity(body.len());
    for (i, u) in units.enumerate() {
        let u = [u[0], u[1], u[2], u[3]];
        let v = if be {
            u32::from_be_bytes(u)
        } else {
            u32::from_le_bytes(u)
        };
        match char::from_u32(v) {
            Some(c) => out.push(c),
            None => return Err((i * 4, format!("invalid code point 0x{v:X}"))),
        }
    }
    if rest != 0 {
        return Err((
            body.len() - rest,
            "byte count not a multiple of 4 for UTF-32".into(),
        ));
    }
    Ok(out)
}

/// Encode text back (used by --keep-encoding). Error if a char is unrepresentable: name the char and its index.
pub fn encode(text: &str, charset: Charset, with_bom: bool) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::with_capacity(text.len() + 4);
    if with_bom {
        out.extend_from_slice(charset.bom());
    }
    match charset {
        Charset::Utf32Le => text
            .chars()
            .for_each(|c| out.extend_from_slice(&(c as u32).to_le_bytes())),
        Charset::Utf32Be => text
            .chars()
            .for_each(|c| out.extend_from_slice(&(c as u32).to_be_bytes())),
        Charset::Rs(e) if e == UTF_8 => out.extend_from_slice(text.as_bytes()),
        Charset::Rs(e) if e == UTF_16LE => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
        Charset::Rs(e) if e == UTF_16BE => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
        Charset::Hz => hz_encode(text, &mut out)?,
        Charset::Rs(e) => {
            let mut enc = e.new_encoder();
            let need = enc
                .max_buffer_length_from_utf8_without_replacement(text.len())
                .unwrap_or(text.len() * 4 + 16);
            let start = out.len();
            out.resize(start + need, 0);
            let (res, read, written) =
                enc.encode_from_utf8_without_replacement(text, &mut out[start..], true);
            match res {
                EncoderResult::InputEmpty => out.truncate(start + written),
                EncoderResult::Unmappable(ch) => {
                    let at = read - ch.len_utf8();
                    return Err(EncodeError {
                        encoding: charset.name(),
                        ch,
                        char_index: text[..at].chars().count(),
                    });
                }
                EncoderResult::OutputFull => unreachable!("buffer sized by encoding_rs"),
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::forced;

    fn u16b(s: &str, be: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn utf16_decode_errors() {
        let mut b = u16b("ab", false);
        b.extend_from_slice(&[0x00, 0xDC]); // lone low surrogate
        b.extend_from_slice(&u16b("c", false));
        let d = forced(&b, Charset::Rs(UTF_16LE));
        let e = decode(&b, &d).unwrap_err();
        assert_eq!(
            (e.offset, e.detail.as_str()),
            (4, "unpaired surrogate 0xDC00")
        );
        let mut t = u16b("ab", true);
        t.extend_from_slice(&[0xD8, 0x40]); // high surrogate at end
        let d = forced(&t, Charset::Rs(UTF_16BE));
        let e = decode(&t, &d).unwrap_err();
        assert_eq!(
            (e.offset, e.detail.as_str()),
            (4, "truncated sequence at end of file")
        );
    }

    #[test]
    fn utf32_decode_errors() {
        let b = [0x41, 0, 0, 0, 0, 0, 0x11, 0];
        let e = decode(&b, &forced(&b, Charset::Utf32Le)).unwrap_err();
        assert_eq!(e.offset, 4);
        let e = decode(&b[..6], &forced(&b, Charset::Utf32Le)).unwrap_err();
        assert_eq!(e.offset, 4);
    }
}
