//! HZ-GB-2312 (RFC 1843), the 7-bit escape form of GB2312 used in old mail and Usenet
//! posts: encoding_rs only offers the replacement encoding for this label.

use encoding_rs::GBK;

use super::errors::EncodeError;
use super::lossless::decode_clean;

/// Small HZ-GB-2312 (RFC 1843) decoder: encoding_rs only offers the
/// replacement encoding for this label. `base` offsets error positions.
pub(super) fn hz_decode(body: &[u8], base: usize) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(body.len());
    let mut gb = false;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b == b'~' {
            match body.get(i + 1) {
                Some(b'~') if !gb => out.push('~'),
                Some(b'{') => gb = true,
                Some(b'}') => gb = false,
                Some(b'\n') if !gb => {}
                Some(&x) => {
                    return Err((base + i, format!("invalid HZ escape ~{}", x as char)));
                }
                None => return Err((base + i, "truncated sequence at end of file".into())),
            }
            i += 2;
        } else if b >= 0x80 {
            return Err((base + i, format!("invalid byte sequence 0x{b:02X}")));
        } else if gb && b != b'\n' && b != b'\r' {
            let Some(&t) = body.get(i + 1) else {
                return Err((base + i, "truncated sequence at end of file".into()));
            };
            let ok = (0x21..=0x7E).contains(&b) && (0x21..=0x7E).contains(&t);
            let c = ok
                .then(|| decode_clean(GBK, &[b | 0x80, t | 0x80], true))
                .flatten()
                .and_then(|s| s.chars().next());
            match c {
                Some(c) => out.push(c),
                None => {
                    return Err((
                        base + i,
                        format!("invalid byte sequence 0x{b:02X} 0x{t:02X}"),
                    ))
                }
            }
            i += 2;
        } else {
            // A newline ends GB mode, as common HZ decoders do.
            if b == b'\n' {
                gb = false;
            }
            out.push(b as char);
            i += 1;
        }
    }
    Ok(out)
}

pub(super) fn hz_encode(text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let mut gb = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            if gb {
                out.extend_from_slice(b"~}");
                gb = false;
            }
            if c == '~' {
                out.extend_from_slice(b"~~");
            } else {
                out.push(c as u8);
            }
            continue;
        }
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = GBK.encode(c.encode_utf8(&mut buf));
        match &bytes[..] {
            [l, t] if !unmappable && (0xA1..=0xFE).contains(l) && (0xA1..=0xFE).contains(t) => {
                if !gb {
                    out.extend_from_slice(b"~{");
                    gb = true;
                }
                out.extend_from_slice(&[l & 0x7F, t & 0x7F]);
            }
            _ => {
                return Err(EncodeError {
                    encoding: "HZ-GB-2312",
                    ch: c,
                    char_index: i,
                })
            }
        }
    }
    if gb {
        out.extend_from_slice(b"~}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hz_errors() {
        assert_eq!(hz_decode(b"a~{VP~}b", 0).unwrap(), "a\u{4E2D}b");
        assert_eq!(hz_decode(b"~~x", 0).unwrap(), "~x");
        assert_eq!(hz_decode(b"ab~x", 0).unwrap_err().0, 2);
        assert_eq!(hz_decode(b"~{<", 0).unwrap_err().0, 2);
    }
}
