//! Strict decoding and encoding: never a U+FFFD, and every error names the offset or the
//! character. Adds what encoding_rs lacks: UTF-32, and strict UTF-16 with surrogate errors
//! (HZ-GB-2312 lives in `hz`).

use encoding_rs::{
    DecoderResult, EncoderResult, Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS,
    UTF_16BE, UTF_16LE, UTF_8,
};
use std::ops::Range;

use super::charset::Charset;
use super::damage;
use super::debris;
use super::detection::{Detection, Reason};
use super::errors::{DecodeError, EncodeError};
use super::hz::{hz_decode, hz_encode};
use super::iso2022kr::{iso2022kr_decode, iso2022kr_encode};
use super::johab::{johab_decode, johab_encode};
use super::legacy::is_double_byte;
use super::score::score_non_ascii;

/// Strict decode of bytes[det.bom_len..]; never inserts U+FFFD. An error names the place, the
/// number of damaged spots and, when the damaged bytes read cleanly in another encoding, which.
pub fn decode(bytes: &[u8], det: &Detection) -> Result<String, DecodeError> {
    let start = det.bom_len.min(bytes.len());
    let body = &bytes[start..];
    let err = |at: usize, detail: String| describe(bytes, start, det.charset, start + at, detail);
    match det.charset {
        Charset::Unknown => Err(unknown(bytes)),
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
        Charset::Iso2022Kr => iso2022kr_decode(body).map_err(|(o, d)| err(o, d)),
        Charset::Johab => johab_decode(body).map_err(|(o, d)| err(o, d)),
        Charset::Rs(e) => {
            let mut dec = e.new_decoder_without_bom_handling();
            let cap = dec
                .max_utf8_buffer_length_without_replacement(body.len())
                .unwrap_or(usize::MAX / 2);
            let mut out = String::with_capacity(cap);
            let (res, read) = dec.decode_to_string_without_replacement(body, &mut out, true);
            match res {
                DecoderResult::InputEmpty => {
                    if det.reason != Reason::Override && is_double_byte(e) {
                        if let Some(line) = pasted_utf8(body, e) {
                            let mut error = err(
                                line.start,
                                format!("bytes that read as UTF-8 inside {} text", e.name()),
                            );
                            error.reads_as = Some((start + line.start..start + line.end, "UTF-8"));
                            return Err(error);
                        }
                        // The frequency tables are Chinese: Japanese and Korean text is not
                        // judged by them.
                        let chinese = [GBK, GB18030, BIG5].contains(&e);
                        let shifted = chinese
                            .then(|| debris::shift_repairable(e, body, &out))
                            .flatten()
                            .or_else(|| {
                                if !chinese {
                                    return None;
                                }
                                debris::shift_debris(&out).map(|at| {
                                    let prefix: String = out.chars().take(at).collect();
                                    e.encode(&prefix).0.len()
                                })
                            });
                        if let Some(offset) = shifted {
                            return Err(err(
                                offset,
                                "characters that look shifted by a stray or missing byte".into(),
                            ));
                        }
                    }
                    Ok(out)
                }
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

/// The 1-based line and column (in characters) of byte `offset` of the file.
fn place(bytes: &[u8], start: usize, charset: Charset, offset: usize) -> (usize, usize) {
    let offset = offset.clamp(start, bytes.len());
    let before: String = match charset {
        Charset::Rs(e) => e
            .decode_without_bom_handling(&bytes[start..offset])
            .0
            .into_owned(),
        _ => String::from_utf8_lossy(&bytes[start..offset]).into_owned(),
    };
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The error for the first damage at `offset`, with its place, the file's damaged spots and
/// another encoding the damaged lines read cleanly as.
fn describe(
    bytes: &[u8],
    start: usize,
    charset: Charset,
    offset: usize,
    detail: String,
) -> DecodeError {
    let (line, column) = place(bytes, start, charset, offset);
    let (spots, reads_as) = match charset {
        Charset::Rs(e) => {
            let reading = damage::read(e, &bytes[start..], true);
            let reads_as = reading
                .spots
                .first()
                .zip(reading.spots.last())
                .and_then(|(first, last)| reads_as(&bytes[start..], e, first.start..last.end))
                .map(|(range, name)| (start + range.start..start + range.end, name));
            (reading.spots.len(), reads_as)
        }
        _ => (0, None),
    };
    DecodeError {
        encoding: charset.name(),
        offset,
        line,
        column,
        detail,
        spots,
        reads_as,
    }
}

/// Lines holding damage (`damaged`, a byte range of `body`) read cleanly as another encoding:
/// the lines and its name. Only CJK readings count (and UTF-8), so that any bytes reading as
/// Latin-1 says nothing.
fn reads_as(
    body: &[u8],
    enc: &'static Encoding,
    damaged: Range<usize>,
) -> Option<(Range<usize>, &'static str)> {
    let line_start = |at: usize| {
        body[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    };
    let line_end = |at: usize| {
        body[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |i| at + i)
    };
    let mut lines = line_start(damaged.start)..line_end(damaged.end.min(body.len()));
    if lines.len() > READS_AS_MAX_BYTES {
        lines = lines.start..line_end(damaged.start + 1);
    }
    let span = &body[lines.clone()];
    let others = [UTF_8, GBK, BIG5, SHIFT_JIS, EUC_KR, EUC_JP];
    others
        .into_iter()
        .filter(|&o| o != enc && !(enc == GB18030 && o == GBK))
        .find(|&o| {
            let reading = damage::read(o, span, true);
            if !reading.is_clean() || reading.cut_at_end {
                return false;
            }
            let score = score_non_ascii(&reading.text);
            score.units > 0 && score.bad == 0 && score.good * 2 >= score.units
        })
        .map(|o| (lines, o.name()))
}

/// Damaged lines longer than this are named by the first damaged line alone.
const READS_AS_MAX_BYTES: usize = 64 * 1024;

/// A line of a cleanly decoded double-byte file that is valid UTF-8 and reads as CJK only as
/// UTF-8: a line pasted from a UTF-8 file, which the double-byte decoder turns into mojibake
/// without an error (UTF-8's bytes are valid GBK pairs).
fn pasted_utf8(body: &[u8], enc: &'static Encoding) -> Option<Range<usize>> {
    let mut start = 0;
    for line in body.split(|&b| b == b'\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        if line.is_ascii() {
            continue;
        }
        let Ok(text) = std::str::from_utf8(line) else {
            continue;
        };
        let utf8 = score_non_ascii(text);
        if utf8.units < PASTED_MIN_CHARS || utf8.bad > 0 || utf8.good * 10 < utf8.units * 9 {
            continue;
        }
        let legacy = score_non_ascii(&enc.decode_without_bom_handling(line).0);
        if legacy.good * 2 < legacy.units {
            return Some(range);
        }
    }
    None
}

/// A pasted UTF-8 line is named when it holds at least this many CJK characters: two
/// characters of a genuine GBK line can also be valid UTF-8 by chance.
const PASTED_MIN_CHARS: usize = 3;

/// No encoding reads the bytes: name the first byte >= 0x80.
fn unknown(bytes: &[u8]) -> DecodeError {
    let offset = bytes.iter().position(|&b| b >= 0x80).unwrap_or(0);
    let (line, column) = place(bytes, 0, Charset::Unknown, offset);
    DecodeError {
        encoding: Charset::Unknown.name(),
        offset,
        line,
        column,
        detail: format!(
            "no encoding reads these bytes as text (not UTF-8, no double-byte encoding reads \
             them as CJK, no single-byte one as letters); the first byte >= 0x80 is 0x{:02X}",
            bytes.get(offset).copied().unwrap_or(0)
        ),
        spots: 0,
        reads_as: None,
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
        Charset::Iso2022Kr => iso2022kr_encode(text, &mut out)?,
        Charset::Johab => johab_encode(text, &mut out)?,
        Charset::Unknown => {
            return Err(EncodeError {
                encoding: charset.name(),
                ch: text.chars().next().unwrap_or(' '),
                char_index: 0,
            })
        }
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
