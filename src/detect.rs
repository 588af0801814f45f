//! Encoding detection for doctidy: BOMs, UTF-16/32 without BOM, escape
//! encodings, strict UTF-8, then chardetng plus a CJK plausibility check.
//!
//! Everything is cheap on the common path (valid UTF-8); the statistical
//! parts only ever look at a bounded prefix.

use std::fmt;
use std::sync::OnceLock;

use encoding_rs::{
    DecoderResult, EncoderResult, Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, IBM866,
    ISO_2022_JP, ISO_8859_10, ISO_8859_13, ISO_8859_14, ISO_8859_15, ISO_8859_16, ISO_8859_2,
    ISO_8859_3, ISO_8859_4, ISO_8859_5, ISO_8859_6, ISO_8859_7, ISO_8859_8, KOI8_R, KOI8_U,
    MACINTOSH, REPLACEMENT, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1250, WINDOWS_1251,
    WINDOWS_1252, WINDOWS_1253, WINDOWS_1254, WINDOWS_1255, WINDOWS_1256, WINDOWS_1257,
    WINDOWS_1258, WINDOWS_874, X_MAC_CYRILLIC,
};

/// Statistical steps never look further than this (chardetng is slow).
const PREFIX: usize = 64 * 1024;
/// First, cheaper pass of the BOM-less UTF-16 check.
const QUICK: usize = 4 * 1024;
/// Below this many bytes >= 0x80 a legacy guess is reported as low confidence.
const FEW_HIGH_BYTES: usize = 12;

/// An encoding doctidy can read and write: everything encoding_rs has, plus UTF-32 (which it lacks).
///
/// HZ-GB-2312 is carried as `Rs(encoding_rs::REPLACEMENT)` because encoding_rs
/// maps the HZ label to its replacement encoding; this module decodes and
/// encodes HZ itself and [`Charset::name`] reports it as "HZ-GB-2312".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    Rs(&'static Encoding),
    Utf32Le,
    Utf32Be,
}

impl Charset {
    /// The HZ-GB-2312 7-bit encoding (see the type docs).
    pub const HZ: Charset = Charset::Rs(REPLACEMENT);

    pub fn name(&self) -> &'static str {
        match self {
            Charset::Rs(e) if *e == REPLACEMENT => "HZ-GB-2312",
            Charset::Rs(e) => e.name(),
            Charset::Utf32Le => "UTF-32LE",
            Charset::Utf32Be => "UTF-32BE",
        }
    }

    pub fn is_utf8(&self) -> bool {
        *self == Charset::Rs(UTF_8)
    }

    /// The byte-order mark of this encoding, if it has one.
    fn bom(&self) -> &'static [u8] {
        match self {
            Charset::Utf32Le => &[0xFF, 0xFE, 0, 0],
            Charset::Utf32Be => &[0, 0, 0xFE, 0xFF],
            Charset::Rs(e) if *e == UTF_8 => &[0xEF, 0xBB, 0xBF],
            Charset::Rs(e) if *e == UTF_16LE => &[0xFF, 0xFE],
            Charset::Rs(e) if *e == UTF_16BE => &[0xFE, 0xFF],
            Charset::Rs(e) if *e == GB18030 => &[0x84, 0x31, 0x95, 0x33],
            Charset::Rs(_) => &[],
        }
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

/// How the detector decided; printed in reports as the kebab-case string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Bom,
    Utf16NulPattern,
    Utf32NulPattern,
    EscapeSequences,
    Utf8Valid,
    Ascii,
    Statistical,
    CjkCheck,
    Override,
    Empty,
}

impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Bom => "bom",
            Reason::Utf16NulPattern => "utf16-nul-pattern",
            Reason::Utf32NulPattern => "utf32-nul-pattern",
            Reason::EscapeSequences => "escape-sequences",
            Reason::Utf8Valid => "utf8-valid",
            Reason::Ascii => "ascii",
            Reason::Statistical => "statistical",
            Reason::CjkCheck => "cjk-check",
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

impl Detection {
    fn new(charset: Charset, confidence: Confidence, reason: Reason) -> Self {
        Detection {
            charset,
            bom_len: 0,
            confidence,
            reason,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub encoding: &'static str,
    /// Byte offset in the whole file of the first bad sequence.
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    pub encoding: &'static str,
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

// ---------------------------------------------------------------------------
// Detection pipeline
// ---------------------------------------------------------------------------

/// Guess the encoding, most decisive evidence first (see the module docs).
pub fn detect(bytes: &[u8]) -> Detection {
    use Confidence::*;
    if bytes.is_empty() {
        return Detection::new(Charset::Rs(UTF_8), High, Reason::Empty);
    }
    if let Some(charset) = bom_charset(bytes) {
        return Detection {
            charset,
            bom_len: charset.bom().len(),
            confidence: High,
            reason: Reason::Bom,
        };
    }
    // Valid UTF-8 without NULs is not read as BOM-less UTF-16/32 when it has an odd length or
    // Latin-1 characters (an NBSP left by cleaning): those are everyday UTF-8, and a wide
    // reading of them would not even decode.
    let plain_utf8 = !bytes.contains(&0)
        && std::str::from_utf8(bytes).is_ok_and(|t| {
            bytes.len() % 2 == 1 || t.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c))
        });
    if !plain_utf8 {
        if let Some(d) = detect_utf32(bytes) {
            return d;
        }
        if let Some(d) = detect_utf16(bytes) {
            return d;
        }
    }
    let ascii = bytes.is_ascii();
    if ascii {
        if has_iso2022jp_escapes(bytes) {
            return Detection::new(Charset::Rs(ISO_2022_JP), High, Reason::EscapeSequences);
        }
        if looks_like_hz(bytes) {
            return Detection::new(Charset::HZ, High, Reason::EscapeSequences);
        }
        return Detection::new(Charset::Rs(UTF_8), High, Reason::Ascii);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => utf8_or_gbk_trap(bytes, text),
        Err(_) if mostly_utf8(bytes) => Detection::new(Charset::Rs(UTF_8), Low, Reason::Utf8Valid),
        Err(_) => statistical(bytes),
    }
}

/// Forced encoding (--encoding NAME): still strips a BOM of that same encoding if present.
pub fn forced(bytes: &[u8], charset: Charset) -> Detection {
    let bom = charset.bom();
    let bom_len = if !bom.is_empty() && bytes.starts_with(bom) {
        bom.len()
    } else {
        0
    };
    Detection {
        charset,
        bom_len,
        confidence: Confidence::High,
        reason: Reason::Override,
    }
}

/// UTF-32 BOMs come first: FF FE 00 00 also starts with the UTF-16LE BOM.
fn bom_charset(bytes: &[u8]) -> Option<Charset> {
    [
        Charset::Utf32Le,
        Charset::Utf32Be,
        Charset::Rs(UTF_8),
        Charset::Rs(UTF_16LE),
        Charset::Rs(UTF_16BE),
        Charset::Rs(GB18030),
    ]
    .into_iter()
    .find(|c| bytes.starts_with(c.bom()))
}

fn even_prefix(bytes: &[u8], limit: usize, unit: usize) -> &[u8] {
    let n = bytes.len().min(limit);
    &bytes[..n - n % unit]
}

fn detect_utf32(bytes: &[u8]) -> Option<Detection> {
    let p = even_prefix(bytes, PREFIX, 4);
    if p.is_empty() || !p.contains(&0) {
        return None;
    }
    let mut best: Option<(Charset, Score)> = None;
    for (charset, be) in [(Charset::Utf32Le, false), (Charset::Utf32Be, true)] {
        let mut sc = Scorer::default();
        let ok = p.chunks_exact(4).all(|u| {
            let u = [u[0], u[1], u[2], u[3]];
            let v = if be {
                u32::from_be_bytes(u)
            } else {
                u32::from_le_bytes(u)
            };
            char::from_u32(v).map(|c| sc.push(c)).is_some()
        });
        let s = sc.finish();
        if ok && s.plausible() && best.is_none_or(|(_, b)| s.sum > b.sum) {
            best = Some((charset, s));
        }
    }
    let (charset, _) = best?;
    let conf = if bytes.len().is_multiple_of(4) {
        Confidence::High
    } else {
        Confidence::Low
    };
    Some(Detection::new(charset, conf, Reason::Utf32NulPattern))
}

fn score_utf16(p: &[u8], be: bool) -> Score {
    let unit = |u: &[u8]| {
        if be {
            u16::from_be_bytes([u[0], u[1]])
        } else {
            u16::from_le_bytes([u[0], u[1]])
        }
    };
    let mut n = p.len() / 2;
    // A high surrogate cut off by the prefix end is not evidence against UTF-16.
    if n > 1 && (0xD800..0xDC00).contains(&unit(&p[2 * n - 2..])) {
        n -= 1;
    }
    let mut sc = Scorer::default();
    for r in char::decode_utf16(p[..2 * n].chunks_exact(2).map(unit)) {
        match r {
            Ok(c) => sc.push(c),
            Err(_) => sc.push_bad(),
        }
    }
    sc.finish()
}

fn detect_utf16(bytes: &[u8]) -> Option<Detection> {
    if bytes.len() < 2 {
        return None;
    }
    let has_nul = even_prefix(bytes, PREFIX, 2).contains(&0);
    let conf_len = if bytes.len().is_multiple_of(2) {
        Confidence::High
    } else {
        Confidence::Low
    };
    let orientations = [
        (Charset::Rs(UTF_16LE), false),
        (Charset::Rs(UTF_16BE), true),
    ];
    if has_nul {
        let p = even_prefix(bytes, PREFIX, 2);
        let le = score_utf16(p, false);
        let be = score_utf16(p, true);
        let (charset, s, other) = if le.sum >= be.sum {
            (orientations[0].0, le, be)
        } else {
            (orientations[1].0, be, le)
        };
        if !s.plausible() {
            return None;
        }
        let clear = !other.plausible() || other.sum * 2.0 < s.sum;
        let conf = if clear { conf_len } else { Confidence::Low };
        return Some(Detection::new(charset, conf, Reason::Utf16NulPattern));
    }
    // No NUL at all: only text made purely of chars >= U+0100 (CJK) can look
    // like this, so demand that nearly every unit is a common CJK character,
    // first on a small prefix (cheap rejection of legacy text), then on the
    // bounded prefix, and finally that it beats every legacy reading.
    let quick = even_prefix(bytes, QUICK, 2);
    let full = even_prefix(bytes, PREFIX, 2);
    let mut best: Option<(Charset, Score)> = None;
    for (charset, be) in orientations {
        if !score_utf16(quick, be).strict_cjk() {
            continue;
        }
        let s = if full.len() > quick.len() {
            score_utf16(full, be)
        } else {
            score_utf16(quick, be)
        };
        if s.strict_cjk() && best.is_none_or(|(_, b)| s.sum > b.sum) {
            best = Some((charset, s));
        }
    }
    let (charset, s) = best?;
    let ascii = full.is_ascii();
    if ascii && (s.units < 2 || s.rare > 0 || full.contains(&b' ')) {
        return None;
    }
    let last = full.len() == bytes.len();
    // Pure ASCII was judged by the stricter rule above; its ASCII reading
    // always scores 1 per byte, so a sum comparison would say nothing more.
    let legacy = if ascii {
        f32::MIN / 4.0
    } else {
        best_legacy_sum(full, last)
    };
    let margin = 0.5 + 0.05 * s.units as f32;
    if s.sum <= legacy + margin {
        return None;
    }
    let conf = if ascii || s.units < 4 || s.sum < legacy + 2.0 * margin {
        Confidence::Low
    } else {
        conf_len
    };
    Some(Detection::new(charset, conf, Reason::Utf16NulPattern))
}

/// Best score of the bytes read as an ASCII-compatible legacy encoding.
fn best_legacy_sum(p: &[u8], last: bool) -> f32 {
    let mut best = f32::MIN;
    if let Ok(s) = std::str::from_utf8(p) {
        best = score_str(s).sum;
    }
    for enc in [GBK, BIG5, SHIFT_JIS, EUC_JP, EUC_KR] {
        if let Some(s) = decode_clean(enc, p, last) {
            best = best.max(score_str(&s).sum);
        }
    }
    best
}

fn has_iso2022jp_escapes(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| {
        matches!(
            w,
            [0x1B, b'$', b'B'] | [0x1B, b'$', b'@'] | [0x1B, b'(', b'J'] | [0x1B, b'(', b'I']
        )
    })
}

fn looks_like_hz(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"~{") && hz_decode(bytes, 0).is_ok_and(|s| !s.is_ascii())
}

/// Valid UTF-8: keep it, unless it is the GBK trap (short GBK text whose
/// bytes happen to form 2-byte UTF-8 sequences like "系统" = "ϵͳ").
fn utf8_or_gbk_trap(bytes: &[u8], text: &str) -> Detection {
    let utf8 = Detection::new(Charset::Rs(UTF_8), Confidence::High, Reason::Utf8Valid);
    // GBK lead bytes that are valid UTF-8 leads only make 2-byte sequences;
    // a 3/4-byte UTF-8 sequence is practically never GBK.
    if bytes.iter().any(|&b| b >= 0xE0) {
        return utf8;
    }
    // Latin-1 characters (NBSP, ©, é, ü: lead bytes C2/C3) are everyday UTF-8; reading them as
    // GBK would turn a cleaned `&nbsp;` into 聽 on the next run. Only exotic 2-byte UTF-8
    // (ϵͳ) is the trap.
    if text.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) {
        return utf8;
    }
    let p = &bytes[..bytes.len().min(PREFIX)];
    let ptext = &text[..floor_char_boundary(text, p.len())];
    let u = score_non_ascii(ptext);
    let Some(g) = decode_clean(GBK, p, p.len() == bytes.len()) else {
        return utf8;
    };
    let g = score_non_ascii(&g);
    if g.units > 0 && g.avg() >= 2.0 && g.rare * 5 <= g.units && u.avg() < 0.5 {
        let short = high_bytes(p) < 4 * FEW_HIGH_BYTES;
        let conf = if short {
            Confidence::Low
        } else {
            Confidence::High
        };
        return Detection::new(Charset::Rs(GBK), conf, Reason::CjkCheck);
    }
    if u.avg() < 0.5 || high_bytes(p) < FEW_HIGH_BYTES && g.units > 0 && g.avg() >= 2.0 {
        return Detection {
            confidence: Confidence::Low,
            ..utf8
        };
    }
    utf8
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Invalid UTF-8 but clearly meant as UTF-8 (a stray bad byte or a cut-off
/// last character): report UTF-8 so decode() names the bad offset.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut errors = 0usize;
    let mut multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                multibyte += good.iter().filter(|&&b| b >= 0xC0).count();
                errors += 1;
                if errors > 16 {
                    return false;
                }
                match e.error_len() {
                    Some(n) => rest = &rest[e.valid_up_to() + n..],
                    // A cut-off last character is the classic truncated file.
                    None => {
                        errors -= 1;
                        break;
                    }
                }
            }
        }
    }
    multibyte >= 8 && errors * 100 <= multibyte
}

fn high_bytes(p: &[u8]) -> usize {
    p.iter().filter(|&&b| b >= 0x80).count()
}

/// Steps 6 and 7: chardetng on a bounded prefix, then the CJK check.
fn statistical(bytes: &[u8]) -> Detection {
    let p = &bytes[..bytes.len().min(PREFIX)];
    let last = p.len() == bytes.len();
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(p, last);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    let few = high_bytes(p) < FEW_HIGH_BYTES;
    let four_byte = has_gb18030_four_byte(bytes);
    let gbk_like = if four_byte { GB18030 } else { GBK };
    if guess == GBK && four_byte {
        let conf = if few {
            Confidence::Low
        } else {
            Confidence::High
        };
        return Detection::new(Charset::Rs(GB18030), conf, Reason::CjkCheck);
    }
    let statistical =
        |enc: &'static Encoding, conf| Detection::new(Charset::Rs(enc), conf, Reason::Statistical);
    if !paired_high_bytes(p) {
        let conf = if few {
            Confidence::Low
        } else {
            Confidence::High
        };
        if is_double_byte(guess) {
            return statistical(guess, conf);
        }
        return statistical(single_byte_check(p, last, guess), conf);
    }
    // Candidates are scored as if more input followed: a file cut inside its last character
    // must still be recognised (and then fail to decode with the offset), not read as Latin.
    let guess_score = decode_clean(guess, p, false).map(|s| score_str(&s).sum);
    let mut cands: Vec<(&'static Encoding, f32)> = [gbk_like, BIG5, SHIFT_JIS, EUC_JP, EUC_KR]
        .into_iter()
        .filter_map(|e| decode_clean(e, p, false).map(|s| (e, score_str(&s).sum)))
        .collect();
    cands.sort_by(|a, b| b.1.total_cmp(&a.1));
    let margin = 0.1 * high_bytes(p) as f32 + 1.0;
    let close = |a: f32, b: f32| (a - b).abs() < margin;
    let guess_margin = if is_double_byte(guess) { margin } else { 0.0 };
    let Some(&(best, best_sum)) = cands.first() else {
        if is_double_byte(guess) {
            return statistical(guess, Confidence::Low);
        }
        return statistical(single_byte_check(p, last, guess), Confidence::Low);
    };
    let runner_up_close = cands.get(1).is_some_and(|&(_, s)| close(s, best_sum));
    let chosen_is_guess = best == guess || (guess == GBK && best == GB18030);
    let enc = match guess_score {
        // A single-byte guess for paired high bytes gets no benefit of doubt.
        Some(g) if !chosen_is_guess && g + guess_margin >= best_sum => {
            if is_double_byte(guess) {
                guess
            } else {
                single_byte_check(p, last, guess)
            }
        }
        _ => best,
    };
    let changed = enc != guess;
    let conf = if few || runner_up_close || changed && guess_score.is_some() {
        Confidence::Low
    } else {
        Confidence::High
    };
    let reason = if changed {
        Reason::CjkCheck
    } else {
        Reason::Statistical
    };
    Detection::new(Charset::Rs(enc), conf, reason)
}

// ---------------------------------------------------------------------------
// Single-byte check: chardetng knows only some single-byte encodings (no
// ISO-8859-3/10/13/15/16, no Mac encodings) and sometimes confuses close
// siblings (ISO-8859-2 vs windows-1252). Every single-byte reading is scored
// by how well its letters fit one language's alphabet and by the debris that
// wrong readings leave (symbols inside words, case flips inside words, C1
// controls); chardetng's guess is kept unless another reading is clearly better.
// ---------------------------------------------------------------------------

/// Bytes of high-byte words the single-byte check looks at.
const SINGLE_BYTE_SAMPLE: usize = 16 * 1024;

/// Ordered by how common each is, so that ties go to the more common one.
const SINGLE_BYTE: [&Encoding; 27] = [
    WINDOWS_1252,
    WINDOWS_1250,
    WINDOWS_1251,
    WINDOWS_1253,
    WINDOWS_1254,
    WINDOWS_1255,
    WINDOWS_1256,
    WINDOWS_1257,
    WINDOWS_874,
    WINDOWS_1258,
    ISO_8859_15,
    ISO_8859_2,
    ISO_8859_5,
    ISO_8859_7,
    ISO_8859_8,
    ISO_8859_6,
    ISO_8859_4,
    ISO_8859_13,
    ISO_8859_16,
    ISO_8859_3,
    ISO_8859_10,
    ISO_8859_14,
    KOI8_R,
    KOI8_U,
    IBM866,
    X_MAC_CYRILLIC,
    MACINTOSH,
];

/// Non-ASCII lowercase letters of European languages' alphabets.
const LATIN_ALPHABETS: [&str; 27] = [
    "àâæçéèêëîïôœùûüÿ",       // French
    "äöüß",                   // German
    "áéíñóúü",                // Spanish
    "áâãàçéêíóôõú",           // Portuguese
    "àèéìíòóù",               // Italian
    "àçèéíïòóú",              // Catalan
    "áéëíïóöüè",              // Dutch
    "æøåé",                   // Danish, Norwegian
    "åäöé",                   // Swedish
    "åäöšž",                  // Finnish
    "áðéíóúýþæö",             // Icelandic
    "áéíóú",                  // Irish
    "äöõüšž",                 // Estonian
    "áéíóöőúüű",              // Hungarian
    "ąćęłńóśźż",              // Polish
    "áčďéěíňóřšťúůýž",        // Czech
    "áäčďéíĺľňóôŕšťúýž",      // Slovak
    "čšžćđ",                  // Slovene, Croatian, Bosnian
    "ăâîșțşţ",                // Romanian
    "āčēģīķļņšūž",            // Latvian
    "ąčęėįšųūž",              // Lithuanian
    "ċġħżàèìòù",              // Maltese
    "ĉĝĥĵŝŭ",                 // Esperanto
    "çğıöşüâîû",              // Turkish
    "çë",                     // Albanian
    "àáâãèéêìíòóôõùúýăđĩũơư", // Vietnamese
    "ŵŷâêîôûáéíóúẁẃ",         // Welsh
];

const CYRILLIC_ALPHABETS: [&str; 6] = [
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", // Russian
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", // Ukrainian
    "абвгдеёжзійклмнопрстуўфхцчшыьэюя",  // Belarusian
    "абвгдежзийклмнопрстуфхцчшщъьюя",    // Bulgarian
    "абвгдђежзијклљмнњопрстћуфхцчџш",    // Serbian
    "абвгдѓежзѕијклљмнњопрстќуфхцчџш",   // Macedonian
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum LetterScript {
    Latin,
    Cyrillic,
    Greek,
    Hebrew,
    Arabic,
    Thai,
    Other,
}

fn letter_script(c: char) -> LetterScript {
    match c as u32 {
        0..=0x24F | 0x1E00..=0x1EFF => LetterScript::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => LetterScript::Greek,
        0x400..=0x52F => LetterScript::Cyrillic,
        0x590..=0x5FF => LetterScript::Hebrew,
        0x600..=0x6FF => LetterScript::Arabic,
        0xE00..=0xE7F => LetterScript::Thai,
        _ => LetterScript::Other,
    }
}

/// Combining marks and other signs that sit inside words of some scripts.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x591..=0x5C7 | 0x5F3 | 0x5F4 | 0x200C..=0x200F | 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0xE31 | 0xE34..=0xE3A | 0xE47..=0xE4E)
}

/// Symbols that a wrong reading puts where a letter belongs.
fn is_odd_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}' | '\u{2C0}'..='\u{2DD}' | '\u{2020}'..='\u{2022}' | '\u{2030}' | '\u{2122}' | '\u{2219}'..='\u{25FF}')
        && !matches!(
            c,
            '«' | '»' | '°' | '§' | '¡' | '¿' | '·' | '\u{AD}' | '€' | '²' | '³' | '¹'
        )
}

/// Plausibility of a single-byte reading (higher is better).
fn single_byte_score(text: &str) -> f32 {
    let mut pen = 0.0f32;
    let mut counts: std::collections::HashMap<char, u32> = Default::default();
    // is_alphabetic is slow outside ASCII: look it up once per char.
    let cs: Vec<(char, bool)> = text.chars().map(|c| (c, c.is_alphabetic())).collect();
    for (i, &(c, alpha)) in cs.iter().enumerate() {
        let (p, pl) = if i > 0 { cs[i - 1] } else { (' ', false) };
        let (next, nl) = cs.get(i + 1).copied().unwrap_or((' ', false));
        if c.is_ascii() {
            continue;
        }
        if ('\u{80}'..='\u{9F}').contains(&c) {
            pen -= 10.0;
            continue;
        }
        if is_mark(c) {
            continue;
        }
        if alpha && !matches!(c, 'ª' | 'º' | 'µ') {
            let lower = c.to_lowercase().next().unwrap_or(c);
            if !lower.is_ascii() {
                *counts.entry(lower).or_default() += 1;
            }
            if c.is_uppercase() && p.is_lowercase() {
                pen -= 2.0;
            }
            if pl && letter_script(p) != letter_script(c) {
                pen -= 3.0;
            }
            if !pl && !nl && (p.is_ascii_digit() || next.is_ascii_digit()) {
                pen -= 2.0;
            }
        } else if matches!(c, '\u{2019}' | '·' | '\u{AD}') && pl && nl {
            pen += 1.0;
        } else if pl && nl {
            pen -= 3.0;
        } else if (pl || nl) && is_odd_symbol(c) || c == '¤' {
            pen -= 2.0;
        }
    }
    if counts.is_empty() {
        return pen;
    }
    let fit = |inside: &dyn Fn(char) -> bool| -> f32 {
        counts
            .iter()
            .map(|(&c, &n)| if inside(c) { n as f32 } else { -2.0 * n as f32 })
            .sum()
    };
    // Latin text often quotes words of a second language (French names in
    // Maltese): letters of a secondary alphabet count a little, not against.
    let masks: Vec<(u32, f32)> = counts
        .iter()
        .map(|(&c, &n)| {
            let m = LATIN_ALPHABETS
                .iter()
                .enumerate()
                .filter(|(_, a)| a.contains(c))
                .fold(0u32, |m, (i, _)| m | 1 << i);
            (m, n as f32)
        })
        .collect();
    let mut best = f32::MIN;
    for i in 0..LATIN_ALPHABETS.len() {
        for j in 0..LATIN_ALPHABETS.len() {
            let f: f32 = masks
                .iter()
                .map(|&(m, n)| match (m >> i & 1, m >> j & 1) {
                    (1, _) => n,
                    (_, 1) => 0.0,
                    _ => -2.0 * n,
                })
                .sum();
            best = best.max(f);
        }
    }
    for a in CYRILLIC_ALPHABETS {
        best = best.max(fit(&|c| a.contains(c)));
    }
    best = best.max(fit(&|c| ('\u{3AC}'..='\u{3CE}').contains(&c) || c == 'ΐ'));
    best = best.max(fit(&|c| ('\u{5D0}'..='\u{5EA}').contains(&c)));
    best = best.max(fit(&|c| matches!(c as u32, 0x621..=0x64A | 0x66E..=0x6D3)));
    best = best.max(fit(&|c| ('\u{E01}'..='\u{E4E}').contains(&c)));
    best + pen
}

/// chardetng's single-byte guess, or a clearly better single-byte reading.
fn single_byte_check(p: &[u8], last: bool, guess: &'static Encoding) -> &'static Encoding {
    // Only words with a byte >= 0x80 can score differently: decode just
    // those (space separated), not the ASCII bulk, for each candidate.
    let mut words = Vec::new();
    for w in p.split(|b| b.is_ascii_whitespace()) {
        if words.len() >= SINGLE_BYTE_SAMPLE {
            break;
        }
        if w.iter().any(|&b| b >= 0x80) {
            words.extend_from_slice(w);
            words.push(b' ');
        }
    }
    let score = |e: &'static Encoding| decode_clean(e, &words, last).map(|t| single_byte_score(&t));
    let guess_score = score(guess).unwrap_or(f32::MIN / 4.0);
    let mut best = (guess, guess_score);
    for e in SINGLE_BYTE {
        if e == guess {
            continue;
        }
        if let Some(s) = score(e) {
            if s > best.1 {
                best = (e, s);
            }
        }
    }
    // Both readings are sums over the same bytes: demand a margin that
    // grows with the text, so near-ties stay with chardetng.
    if best.1 >= guess_score + 1.5 + 0.02 * high_bytes(&words) as f32 {
        best.0
    } else {
        guess
    }
}

fn is_double_byte(e: &'static Encoding) -> bool {
    [GBK, GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR].contains(&e)
}

/// Four-byte GB18030 sequences (0x81-0xFE 0x30-0x39 0x81-0xFE 0x30-0x39)
/// never occur in GBK, so they tell the two apart.
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1..i + 4) {
            Some([b1, b2, b3])
                if (0x30..=0x39).contains(b1)
                    && (0x81..=0xFE).contains(b2)
                    && (0x30..=0x39).contains(b3) =>
            {
                return true
            }
            _ => i += 2,
        }
    }
    false
}

/// Text "full of paired high bytes": most bytes >= 0x80 are a lead byte
/// followed by a plausible double-byte trail byte.
fn paired_high_bytes(p: &[u8]) -> bool {
    let (mut paired, mut single) = (0usize, 0usize);
    let mut i = 0;
    while i < p.len() {
        if p[i] < 0x80 {
            i += 1;
            continue;
        }
        match p.get(i + 1) {
            Some(&t) if t >= 0x40 && t != 0x7F && t != 0xFF => {
                paired += 1;
                i += 2;
            }
            Some(_) => {
                single += 1;
                i += 1;
            }
            None => break,
        }
    }
    paired >= 2 && single * 10 <= paired
}

/// Lossless decode for scoring; a sequence cut by the prefix end is fine.
fn decode_clean(enc: &'static Encoding, p: &[u8], last: bool) -> Option<String> {
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec.max_utf8_buffer_length_without_replacement(p.len())?;
    let mut out = String::with_capacity(cap);
    let (res, _) = dec.decode_to_string_without_replacement(p, &mut out, last);
    (res == DecoderResult::InputEmpty).then_some(out)
}

// ---------------------------------------------------------------------------
// Plausibility scoring
// ---------------------------------------------------------------------------

/// Sum of per-character plausibility weights, plus counts used by the rules.
#[derive(Clone, Copy, Debug, Default)]
struct Score {
    sum: f32,
    units: usize,
    /// Control characters, private use, U+FFFD, unpaired surrogates.
    bad: usize,
    /// Valid but unlikely characters (rare hanzi, odd blocks).
    rare: usize,
    /// Strong CJK evidence: common hanzi, kana, common hangul, CJK punctuation.
    good: usize,
    /// Non-ASCII characters with a positive weight (includes `good`).
    ok: usize,
}

impl Score {
    fn avg(&self) -> f32 {
        if self.units == 0 {
            0.0
        } else {
            self.sum / self.units as f32
        }
    }

    /// Good enough to be text when NULs already rule out legacy encodings.
    fn plausible(&self) -> bool {
        self.units > 0 && self.bad * 50 <= self.units && self.avg() >= 0.5
    }

    /// UTF-16 without any NUL: essentially only common CJK characters.
    fn strict_cjk(&self) -> bool {
        self.units > 0
            && self.bad == 0
            && self.rare * 20 <= self.units
            && self.ok * 10 >= self.units * 9
            && self.good * 2 >= self.units
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    None,
    Latin,
    Greek,
    Cyrillic,
    Other(u32),
}

#[derive(Default)]
struct Scorer {
    s: Score,
    only_non_ascii: bool,
    prev_script: Option<Script>,
    prev_lower: bool,
    prev_non_ascii_latin: bool,
    word_has_ascii_letter: bool,
    last2: [Option<char>; 2],
}

impl Scorer {
    fn push_bad(&mut self) {
        self.shift(Some('\u{FFFD}'));
        self.s.units += 1;
        self.s.bad += 1;
        self.s.sum -= 8.0;
        self.prev_script = None;
    }

    /// A lone ASCII letter glued to non-ASCII text ("N体t") is what a wrong
    /// reading of UTF-16 or double-byte text produces; take back its weight.
    fn shift(&mut self, next: Option<char>) {
        let [before, mid] = self.last2;
        self.last2 = [mid, next];
        if !mid.is_some_and(|m| m.is_ascii_alphabetic()) {
            return;
        }
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        if !alnum(before) && !alnum(next) && (wide(before) || wide(next)) {
            self.s.sum -= 1.0;
        }
    }

    /// ASCII glued to non-Latin non-ASCII ("合/e") is rare in real text but
    /// typical of a wrong reading; digits next to hanzi are common, so cheap.
    fn transition(&mut self, c: char) {
        let prev = self.last2[0];
        let Some(p) = prev else { return };
        let (a, w) = match (p.is_ascii(), c.is_ascii()) {
            (true, false) => (p, c),
            (false, true) => (c, p),
            _ => return,
        };
        if a.is_ascii_whitespace() || weight(w).1 == Script::Latin {
            return;
        }
        self.s.sum -= if a.is_ascii_digit() { 0.3 } else { 1.0 };
    }

    fn push(&mut self, c: char) {
        if !self.only_non_ascii {
            self.shift(Some(c));
            self.transition(c);
        }
        let (w, script) = weight(c);
        let ascii = c.is_ascii();
        let mut w = w;
        if script != Script::None {
            let upper = c.is_uppercase();
            if !ascii {
                if let Some(prev) = self.prev_script {
                    if prev != Script::None && prev != script {
                        w -= 3.0;
                    } else if prev == script && self.prev_lower && upper {
                        w -= 1.5;
                    }
                }
                if script == Script::Latin
                    && self.prev_non_ascii_latin
                    && !self.word_has_ascii_letter
                {
                    w -= 2.0;
                }
            }
            if ascii {
                self.word_has_ascii_letter = true;
            }
            self.prev_lower = c.is_lowercase();
            self.prev_non_ascii_latin = !ascii && script == Script::Latin;
            self.prev_script = Some(script);
        } else {
            self.prev_script = None;
            self.prev_lower = false;
            self.prev_non_ascii_latin = false;
            self.word_has_ascii_letter = false;
        }
        if ascii && self.only_non_ascii {
            return;
        }
        self.s.units += 1;
        self.s.sum += w;
        if w <= -5.0 {
            self.s.bad += 1;
        } else if w < 0.0 {
            self.s.rare += 1;
        } else if !ascii && w > 0.0 {
            self.s.ok += 1;
            if w >= 2.0 {
                self.s.good += 1;
            }
        }
    }

    fn finish(mut self) -> Score {
        if !self.only_non_ascii {
            self.shift(None);
        }
        self.s
    }
}

fn score_str(s: &str) -> Score {
    let mut sc = Scorer::default();
    s.chars().for_each(|c| sc.push(c));
    sc.finish()
}

/// Like score_str but ASCII only shapes context, so averages compare the
/// non-ASCII parts of two readings.
fn score_non_ascii(s: &str) -> Score {
    let mut sc = Scorer {
        only_non_ascii: true,
        ..Scorer::default()
    };
    s.chars().for_each(|c| sc.push(c));
    sc.finish()
}

/// Weight of one character: positive for what Chinese/Japanese/Korean/Western
/// documents are made of, negative for what mis-decoding produces.
fn weight(c: char) -> (f32, Script) {
    let u = c as u32;
    let n = Script::None;
    match u {
        0x09 | 0x0A | 0x0D => (1.0, n),
        0x20..=0x7E => {
            if c.is_ascii_alphabetic() {
                (1.0, Script::Latin)
            } else if c.is_ascii_alphanumeric() || b" .,;:!?'\"()-/".contains(&(u as u8)) {
                (1.0, n)
            } else {
                (0.3, n)
            }
        }
        0x00..=0x1F | 0x7F..=0x9F => (-8.0, n),
        0xD7 | 0xF7 => (0.2, n),
        0xA0..=0xBF => (0.2, n),
        0xC0..=0xFF => (1.0, Script::Latin),
        0x100..=0x17F => (0.6, Script::Latin),
        0x180..=0x24F => (-1.0, Script::Latin),
        0x250..=0x36F => (-2.0, n),
        0x386..=0x3CE => (1.0, Script::Greek),
        0x370..=0x3FF => (-2.0, Script::Greek),
        0x400..=0x45F => (1.0, Script::Cyrillic),
        0x460..=0x52F => (-1.0, Script::Cyrillic),
        0x530..=0x7FF => (0.3, Script::Other(u >> 7)),
        0x2010..=0x2027 | 0x2030..=0x203B | 0x20AC | 0x2116 | 0x2122 => (1.0, n),
        0x2000..=0x206F => (-1.0, n),
        0x2100..=0x2BFF => (0.0, n),
        0x3000..=0x303F => (2.0, n),
        0x3041..=0x3096 | 0x309B..=0x309E | 0x30A1..=0x30FE => (3.0, n),
        0x3100..=0x31FF => (0.0, n),
        0x3200..=0x33FF => (-0.5, n),
        0x3400..=0x4DBF => (-2.0, n),
        0x4E00..=0x9FFF => match hanzi_tier(c) {
            1 => (3.0, n),
            2 => (2.0, n),
            3 => (1.0, n),
            _ => (-0.5, n),
        },
        0xA000..=0xABFF => (-3.0, n),
        0xAC00..=0xD7A3 => match hangul_tier(c) {
            2 => (3.0, n),
            1 => (2.0, n),
            _ => (-1.5, n),
        },
        0xE000..=0xF8FF => (-5.0, n),
        0xF900..=0xFAFF => (-2.0, n),
        0xFE30..=0xFE4F => (0.5, n),
        0xFF01..=0xFF5E => (2.0, n),
        0xFF61..=0xFF9F => (-0.5, n),
        0xFFE0..=0xFFE6 => (1.0, n),
        0xFFFD => (-10.0, n),
        0xFB00..=0xFFFF => (-2.0, n),
        0x1F300..=0x1FAFF => (0.5, n),
        0x20000..=0x3FFFF => (-1.0, n),
        _ => (-1.0, n),
    }
}

/// Most frequent hangul syllables of Korean prose.
const HANGUL_TOP: &str = "이다는에의하고을를가지서기한로사도일리대어시니자있으나정인수아해요들부주국게보전과적라무장제세구상여동면경만성분소스우것년위원문마거신화던했된와야내되공중결회관발생방식연계개물오행선운미학초후통말없까데진모려저실터번단현업조금";

struct Tables {
    /// 0 = rare, 1 = tier 1, 2 = tier 2, 3 = other level-1 GB2312/Big5
    /// characters; indexed by code point - 0x4E00.
    hanzi: Vec<u8>,
    /// 0 = not in KS X 1001, 1 = KS X 1001, 2 = very frequent.
    hangul: Vec<u8>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut hanzi = vec![0u8; 0xA000 - 0x4E00];
        for (tier, list) in [(2u8, TIER2), (1u8, TIER1)] {
            for c in list.chars() {
                hanzi[c as usize - 0x4E00] = tier;
            }
        }
        // Level 1 of GB2312 (0xB0A1..=0xD7FE) and Big5 (0xA440..=0xC67E) are
        // the standard "frequently used" sets; they fill gaps in the tiers.
        let mut level1 = Vec::new();
        for lead in 0xB0u8..=0xD7 {
            (0xA1u8..=0xFE).for_each(|t| level1.extend_from_slice(&[lead, t]));
        }
        let (gb, _) = GBK.decode_without_bom_handling(&level1);
        let mut big5_level1 = Vec::new();
        for lead in 0xA4u8..=0xC6 {
            let trails = (0x40u8..=0x7E).chain(0xA1..=0xFE);
            trails.for_each(|t| big5_level1.extend_from_slice(&[lead, t]));
        }
        let (b5, _) = BIG5.decode_without_bom_handling(&big5_level1);
        // JIS X 0208 level 1 (Shift_JIS 0x889F..=0x9872): the common
        // Japanese kanji, including shinjitai forms absent from GB2312/Big5.
        let mut jis_level1 = Vec::new();
        for lead in 0x88u8..=0x98 {
            for t in (0x40u8..=0x7E).chain(0x80..=0xFC) {
                let code = u16::from_be_bytes([lead, t]);
                if (0x889F..=0x9872).contains(&code) {
                    jis_level1.extend_from_slice(&[lead, t]);
                }
            }
        }
        let (jis, _) = SHIFT_JIS.decode_without_bom_handling(&jis_level1);
        for c in gb.chars().chain(b5.chars()).chain(jis.chars()) {
            if let Some(t) = hanzi.get_mut((c as usize).wrapping_sub(0x4E00)) {
                if *t == 0 {
                    *t = 3;
                }
            }
        }
        // KS X 1001 hangul = EUC-KR rows 0xB0..=0xC8 with trail 0xA1..=0xFE.
        let mut ksx = Vec::with_capacity(25 * 94 * 2);
        for lead in 0xB0u8..=0xC8 {
            for trail in 0xA1u8..=0xFE {
                ksx.extend_from_slice(&[lead, trail]);
            }
        }
        let (text, _) = EUC_KR.decode_without_bom_handling(&ksx);
        let mut hangul = vec![0u8; 0xD7A4 - 0xAC00];
        for c in text
            .chars()
            .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
        {
            hangul[c as usize - 0xAC00] = 1;
        }
        for c in HANGUL_TOP.chars() {
            hangul[c as usize - 0xAC00] = 2;
        }
        Tables { hanzi, hangul }
    })
}

fn hanzi_tier(c: char) -> u8 {
    tables().hanzi[c as usize - 0x4E00]
}

fn hangul_tier(c: char) -> u8 {
    tables().hangul[c as usize - 0xAC00]
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

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
        Charset::Rs(e) if e == REPLACEMENT => hz_decode(body, 0).map_err(|(o, d)| err(o, d)),
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

/// Small HZ-GB-2312 (RFC 1843) decoder: encoding_rs only offers the
/// replacement encoding for this label. `base` offsets error positions.
fn hz_decode(body: &[u8], base: usize) -> Result<String, (usize, String)> {
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

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

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
        Charset::Rs(e) if e == REPLACEMENT => hz_encode(text, &mut out)?,
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

fn hz_encode(text: &str, out: &mut Vec<u8>) -> Result<(), EncodeError> {
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

// ---------------------------------------------------------------------------
// Labels and binary sniffing
// ---------------------------------------------------------------------------

/// Labels users type: everything encoding_rs::Encoding::for_label accepts plus common Windows/Unix aliases.
pub fn charset_for_label(label: &str) -> Option<Charset> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    let rs = |e: &'static Encoding| Some(Charset::Rs(e));
    match l.as_str() {
        "cp936" | "ms936" | "windows-936" | "gb2312" | "gb-2312" | "936" => return rs(GBK),
        "gb18030" | "gb-18030" | "cp54936" => return rs(GB18030),
        "cp932" | "ms932" | "sjis" | "shift-jis" | "shiftjis" | "windows-31j" | "932" => {
            return rs(SHIFT_JIS)
        }
        "cp949" | "ms949" | "uhc" | "windows-949" | "949" | "euckr" => return rs(EUC_KR),
        "eucjp" => return rs(EUC_JP),
        "utf16" | "utf-16" | "utf16le" | "utf-16le" | "ucs-2" | "ucs2" => return rs(UTF_16LE),
        "utf16be" | "utf-16be" => return rs(UTF_16BE),
        "utf32" | "utf-32" | "utf32le" | "utf-32le" | "ucs-4" | "ucs4" => {
            return Some(Charset::Utf32Le)
        }
        "utf32be" | "utf-32be" => return Some(Charset::Utf32Be),
        "utf8" | "utf-8" | "utf8-bom" | "utf-8-bom" | "utf-8-sig" | "utf8-sig" => return rs(UTF_8),
        "latin1" | "latin-1" | "l1" => return rs(encoding_rs::WINDOWS_1252),
        "big5-hkscs" | "big5hkscs" | "cp950" | "ms950" | "950" => return rs(BIG5),
        "hz" | "hz-gb-2312" | "hzgb" | "hz-gb2312" => return Some(Charset::HZ),
        _ => {}
    }
    let windows = l
        .strip_prefix("cp")
        .filter(|n| n.len() == 4 && n.starts_with("125"))
        .map(|n| format!("windows-{n}"));
    let tries = [
        windows,
        Some(l.clone()),
        Some(l.replace('-', "_")),
        Some(l.replace('-', "")),
    ];
    tries
        .into_iter()
        .flatten()
        .find_map(|t| Encoding::for_label(t.as_bytes()))
        .filter(|e| *e != REPLACEMENT && *e != encoding_rs::X_USER_DEFINED)
        .map(Charset::Rs)
}

/// Known binary formats (by magic), or NUL-heavy data that is not plausible UTF-16/32.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "zip archive (or docx/xlsx/epub)"),
        (b"PK\x05\x06", "zip archive (empty)"),
        (b"PK\x07\x08", "zip archive (spanned)"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x28\xB5\x2F\xFD", "zstd archive"),
        (b"7z\xBC\xAF\x27\x1C", "7z archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"\x7FELF", "ELF executable"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "OLE2 document (doc/xls/ppt)",
        ),
        (b"\xCA\xFE\xBA\xBE", "Mach-O or Java class file"),
        (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
        (b"\xCE\xFA\xED\xFE", "Mach-O executable"),
        (b"\x00asm", "WebAssembly module"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"OggS", "Ogg media"),
        (b"fLaC", "FLAC audio"),
        (b"RIFF", "RIFF media (WAV/AVI/WebP)"),
        (b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"wOFF", "WOFF font"),
        (b"wOF2", "WOFF2 font"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(64)];
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some("MP4/QuickTime media");
    }
    if bytes.starts_with(b"MZ") && head.contains(&0) {
        return Some("Windows executable");
    }
    if bytes.starts_with(b"BZh") && bytes.get(4..10) == Some(b"1AY&SY") {
        return Some("bzip2 archive");
    }
    if bytes.starts_with(b"ID3") && head.contains(&0) {
        return Some("MP3 audio");
    }
    let p = &bytes[..bytes.len().min(8192)];
    let nul = p.iter().filter(|&&b| b == 0).count();
    let ctl = p
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | 0x09 | 0x0A | 0x0C | 0x0D | 0x1B))
        .count();
    let suspicious = nul + ctl;
    if suspicious == 0 || (suspicious < 8 && suspicious * 50 < p.len()) {
        return None;
    }
    if bom_charset(bytes).is_some_and(|c| c != Charset::Rs(UTF_8) && c != Charset::Rs(GB18030)) {
        return None;
    }
    if detect_utf32(bytes).is_some() || detect_utf16(bytes).is_some() {
        return None;
    }
    Some(if nul > 0 {
        "binary data (NUL bytes)"
    } else {
        "binary data (control bytes)"
    })
}

// Most frequent hanzi (simplified and traditional forms), from word
// frequencies of a general Chinese lexicon; tier 1 about the top 800.
const TIER1: &str = concat!(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部",
    "能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山",
    "水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向",
    "治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首",
    "共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五",
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增",
    "历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑革该持始英克士尔让拉思根格造较际亲单朝红",
    "型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源",
    "息语股铁断派速怎需片爱律纪支早况病境证编越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚",
    "般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严",
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗",
    "章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印亿沙母酒助闻超审待压升送监策略限竟香配藏",
    "敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎",
    "讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶瞭國為這個來會時齣學說傢們於後發對長過業裏經麵門動進區開産軍還種現機體錶與當兩實",
    "麼隻關從製內沒將員東頭間無見閤戰點場嚮數樣問並萬級應資務迴係氣漢總電聲設義統處馬兒領隊計彆權話報給變書幾華議稱決張導術纔",
    "結師達題條規縣風運組聽濟黨論強黃選記卻職號類傳帶乾農邊據聯廣質陽難曆專認車颱遊舉綫團備爭眾連調轉該剋爾讓較際親單紅價約亞",
    "則屬積圖韆準極裝許參觀魚辦復遠構隨劃勢熱網語鐵斷愛紀況證編滿覺雙樂標確織誌項飛節龍響藥輕擊請離顯羅營視護創餘興雖費試寶識",
    "維宮環鬥鄉責嚴橋僅勝殺圍態楊負層須續狀銀範緻終錢賽獨細衝獲習醫盡臉彈樓藝陸協鎮檢寫蘇驗緊勞戶優財養適陳衛雲傷絕階劉剛億聞",
    "審壓監敵蘭溫園樹徵詞島預繼執誰驚畫輯劍談禮願築亂講臨揮闆鬍歐葉",
);
const TIER2: &str = concat!(
    "简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某顾曲楚典朱毒菜判救宋茶洪含顺啊鲜败货矿端",
    "兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶",
    "牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂姓泽吸侧庆妈遇追甲馆补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀",
    "软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟概酸操诸绿佛荣针托宽折野付午肯库厚缺罢耳屋嘴末谢巨培页瓦款犯困店智拥雪翻圣戏旗吉",
    "婚奖岩疑币圆歌廷健卡烧析讨跑烟误仙疗舞亡闭汽伸脱秋姐繁侵川莫麻秀借寻私岗卷跳丽横驻套兼您君丁束纸夺袁灯坏坦丝径购阴床瞧择",
    "墓宪峰遍鲁庙掉丹桃御舰避售怒课播拔奥延虚隐粮络遭摇潜庄混厅婆奴鼓赵访睡震予童徐韦殖抓拜吨扬址洛休纵逃染纷贸透汇灭蛋森仪塔",
    "距狐融郡缓聚盖拍迹忠释润粉涓孔岭搜紫虑促抵钢塞寺津液码虎坛珍硬梁奔累役偏迫锛凡损壁哭替税综伦冰盟挂韩竞乌尤弱铺妹秦尊竹珠",
    "迅脉泥鬼纯睛刑途隆潮幅杯握谋剂幸奉乘抱朋谓频崇壮骑紝恐享鸡虫绍铜呈泛械摆欲奶敬措爆暴签猛郭嘉障缩亦废搞胞埃曰撤暖寒订俗绩",
    "阻盐萨勒忘奏孝贴灰梅触玩默醒胸莲篇柱裁啦淡抢捕闹纺截讯朗誉雅忍梦伙勇峡徒丈尾迷唱泉泰佳残闪伍呀疾署剩贼冠倾豆申贫诺麦泪羊",
    "尖辈镜涉贡爹缘摩妻殊贝零映甘骂糖岳饮奋棉雕跃汗冒渡努赞启阁斤裂患伏池鹿洗劲晋倍圈媒箭沟锋胆凭挑抬闯隔弄曹汤苗迁叹唯振储贯",
    "彻桌祭符僧衡炸旋喊凤黎郎援肥磁忌赏辽祥董仁辛瑞询敏浪貌毁昨巧腿抽荷陷焦净腹弃乃湘亩滑狗冬宏皆番尸伟桂览恢龄绕趣晶坡魏摸伴",
    "墨浓绪舍蓝荡阅井鸿旦惯症鸟窗扎辞聘穷堰宇键荒递恨隶厉杜闲腰袭侍灾涨叔湿寨幕豪郑磨浮薄券赤腐译租氧戴邓煤肠牧孤诏妙旨堡册锅",
    "胖柳阔吹丘趋锦颜悬陶拳诚尺晓插蒋艇勤穴摄燕垂罚辆戒稀腾粗袋绘炎氏肩枝狂泊估杭扑臂哲寡偷懂琴悲盾炒稍矛愈籍颁吐呆违亭眉撞贷",
    "刊巡屈堆曼饰碎滚悉寄浜迟描污辅魔烦鼻盗餐幼凉仗冈澳驾銆菌肚肃爸仰抚慈扶盆仿炼纲倘碗杰忧惜扫暂祝跨渔宾漫寿猪涌凝邻赴恰劝仇",
    "践顷赋悄莱拟贤愤姆乏轰粒逼傅陕昆溶葬燃魂挺腊耐犹辉乳陪颇斜棋殑熊浅沈姊返翼丧拖惨俊驱袖惠涂添牵咸详碰割侯纤柔档糊岂跪拒覆",
    "绣吓宿偶揭赖烤卢娃颗邮扇伐循衰弦凯羽枚帅锁疏搭俱帐胶赫鐨埋蒸壳剉彼脏箱浙弯瓜挡拱筹疆肿膜刷杆凶债甜泡玄贾谱夹遣薪灌咬尘填",
    "廊钻丛狼牢脊熙卒碑漠躲削徽踏贺朵遵狠菲撒扰蛇锡炉纹匹亏鉴慕跌慌穆邀芳爬豫吾奸棒淮捷耕艘齿醉脂兽滴盈卵滋柴溪妃浠碍瓶辩遂怨",
    "拨肌俘挖恒励鸣肝腔偿秒拦允塑拆靖耗凌披胁吏纽烂尝垸辟耶艰佩敦疼荐厘匠柏悠壤拾乔轴妖喷掩璃孟轨歇猜晨坊桑堤畅瞎氨辨鞋昏恭畜",
    "浩迪雾丢咨擦窝洁飘捉搬奈肤愁砖辣幽嘛赢藕挤舒狮耀诊扣篮尿唤梯勾霍舌侠筋枢屏衙殷栏纠链恋惧笼寸冶弥晃叙吊哩稿娜剥拼欺榜囊汪",
    "逆骗堪猎棺胎俩郊掘匆缝乙藻携慧函辱扯嫩癌悟滩祸秉慰驰狱砍糕漏吞纬茅渠催踪叛浑牲杖鞭腺邪欣汝碳彭咐椒绳颈漆遥夷郁斑忆阀卑宴",
    "抑逻嫁扭胃仔恼贪兆庸屽僭疯侦鹰驶斩鹤猴蜂瘦赐闷柄椅轿拓扮砂傻粘辐啥鏄伪抛玻昂圳侨吟刃饱吕玛碱冯仓钦哼庞儒叉泄臭艾蓉鼠祯捧",
    "舱坝芙瘤勃敲帽吻契舟夸葡剪抖霸艳宸聪仆躺瑶谦炭卧袍猫珊溜漂衔苍坑串浆碧巷咽铸押惩迈锐颤疲滨履盒宅喀饿缠翁幻逢扁旱罕怜姻蓄",
    "磷惟槸帕掠稻劫撑姿肾胀慎哨摔谨鹅丑塘肺镑趁蜀兑哦贞禧葛仲惑蔡踢妥筒诞禀朴祀饼萄狭澶杩赔绵诱卜陀呵抹疫辰顽蓬摊倡浦账矩翠煌",
    "茂畏劣氛廉鸭瓷戈秩弗悔尉挣拐鼎芦睁脾聊株枯纱幺冻唇茫哀芬轩蛮醇棍晕嫂宙酷郧欠稷鹏孕槽栖吩姚昭罐叠墩盼舆芒酬斥捐斋簡眠脆萧",
    "璋皱卿蚀淋卓翰钉棣丫宰阐翅沃挨霖哄爵涔衫逊铭戚旺硕擅嫌赌隋肖饶沪雇罩煎丐掷誓摘竴冤坤屁竭屾宛菱厌矮潭渊俺崖氢棚喇涵裕溃堵",
    "媳抄鍙怔蒂肢瑜泌甫檐鏈寂颠撰逝霜羞铅佐帖硫蹈鍦瞬痕爽挽禅娶柯屯韵婴悦肴螺凑兹烛歼毅杉慨钧渗蜜遮窑谐厦柜匈喉愧栽扔苯谊肆霞",
    "吵屼笉夕壶赚尹窄弓谭盲勋饲窟俞嗣煮巾裤膨奠瞪珞愚膏喘姜膀蔬糟僚匾妄畴喂沔耻牺旭妨硅崩雌陛卸砸贩竖佸攀晒伞惹裹屠汁擒鳞佣渴",
    "浣叩龟雀掀唉泼亥僵屡瞒哊璇厮刮钩桐谅隙丞盯霉侄逸浸爪阙坟咳宠脖彪朕虹衍甸鳍讼虾芝涛巩熔峻怖嘿磕洒掏枣滞鈥舅昔哑焕娱芯衷捞",
    "卦旬矣茨蜡喻挪婶琉枕娇豹厨傲腕巢氯燥焚乖嘱禄赠晌鍚琦铃雁姨蹄焰虏鍒粑饥潘兀捏缔歪蕴鸦嘻俯锻骤庵吁剿禽勉膝捣茎晴厢匀灏涯梨",
    "蒲驼匪撕嗯樊搏缚垄寓愣斌麋劈旷舵薛沸丸泳绸炬缴寰贱躯褐酶嚷拌颂帜陡鍏募佑皖鎴绑啡仑麓鏉帘镖钠刹妆禾藤弊痴哇凰歧驴铝闸喃滥",
    "耍桶酱惶躬熬娥剅啸淘裙骚亨勘窃挫凿塌咖垫芽凸钙框哟翔逮舶锥怡魄灶浴蔽橡懒硝晰盏赦庐谕鄙拂菩栗琳沼圭屿砌倚棵瑰羲酿诈锌杏婉",
    "沦卤躁斧淳兔凛哎阮淫剖蕲烹姥咕蚕兜璧搅帆暇趟裸購粹吼哗冀呜瞻搁乞骇炕垮拘岃嵌笛鹃菊淀肪鞍愉犬弧蹲椎阎浏诵烘榴腥裘萝颊蟹灿",
    "摧棱琼骄凄怯淑梢丙暮媚钊沫糯驳崔谏炳畔缅襟锤觅鍑拢胪诀奢苹叮榨瀹沾傚渝枉辜髓坠瑟棕萍贿泣嫣峨憾胺甩陂寇烯钓瞅沧坪暑耸垒傍",
    "睹垜薯溢鏃谜咋缁嗓贬窜戟葱屑湁胚犁莎囚颖诡腻藩彦勫巍痒蹇芷赣湪沐膊婢粤喧逛贮恍菇諲邢绮厥澄邵耽讽衬恕烫毯仕昼闽拚勿繖桓钾",
    "膛歉膳詹坎敛碌狄沽侮垱寝妾嗽埔眷揪牡毙荫涡鍐桩锣釜瀛缮梳揽咀雍铲倦岱厄弘淤尴玲鎵祠恳粥衢戳秃瀑搂迭垃缸郝挠莽瑙瞄粟跋呐歹",
    "豚驿圾胳魁诧绒鞑谎尬陌粬讳蝶咒裔凳梭涅杈泻苇焉娟迦巫扒翊敷谣隅撇凹蚁氮苑妓綘潇禹朽寮郢伽粪诛醋栋谴隧簇踩礁庶衮笅堕噪嘲濂",
    "鲟彝柬斐沛卞篷祁耿嚼宦溯黔浇敞绞瓣傛窦蕃嶅汰鲍遏魅槐鞘钞徙讶碟琐琢滤嗤鐪蠢锰嵋擔歲荊貴轄幫塊額錯劇歡夠孫陣銷堅練腳讀測吳",
    "寜換異顧麯硃順鮮敗貨礦歸買險評嗎廠遺筆輸鬆漸頂訓錄畢豐獻爺納鍾腦飯擴齊趕訴詩礎屆濛靜盤賣灣減靈雜澤側慶媽館補舊輪婦載懷軟",
    "槍牆惡榖頓穩諸綠榮針寬摺庫罷謝頁睏擁聖戲奬幣圓燒討煙誤療閉脫鞦藉尋崗捲麗橫駐紙奪燈壞絲徑陰擇憲魯廟禦艦課奧虛隱糧絡搖潛莊",
    "廳趙訪韋噸揚縱紛貿匯滅儀緩蓋跡釋潤嶺慮鋼碼壇纍錛損稅綜倫掛韓競烏鋪脈純謀劑謂頻壯騎雞蟲紹銅擺簽縮廢訂績鹽薩貼觸蓮搶鬧紡訊",
    "譽夢夥峽殘閃賊傾貧諾麥淚輩鏡貢緣貝罵嶽飲奮躍贊啓閣勁晉溝鋒膽憑闖湯遷嘆儲貫徹鏇鳳賞遼詢毀淨棄畝鼕屍偉覽齡繞濃緒捨藍蕩閱鴻",
    "慣癥鳥紮辭窮鍵遞隸厲閑襲災漲濕鄭譯鄧腸詔冊鍋闊趨錦顔懸誠曉蔣攝罰輛騰繪撲頒違貸飾滾遲汙輔煩盜涼岡駕肅撫煉綱傑憂掃暫漁賓壽",
    "豬湧鄰勸踐頃賦萊擬賢憤轟陝臘猶輝頗淺瀋喪慘驅塗牽鹹詳縴檔豈綉嚇賴盧顆郵凱帥鎖帳膠殼髒彎擋籌腫債賈譜夾塵鑽叢賀擾爐紋虧鑒齒",
    "獸礙辯撥勵鳴償攔淩脅紐爛嘗闢艱薦喬軸噴軌暢霧丟谘窩潔飄膚磚贏擠獅診籃喚俠樞欄糾戀懼籠彌敘剝騙獵倆縫攜灘禍馳獄緯蹤渾繩頸遙",
    "鬱憶閥邏惱貪瘋偵鷹駛斬鶴賜悶轎輻僞拋僑飽呂瑪堿馮倉欽龐禎艙壩誇艷聰僕瑤謙臥貓銜蒼漿鑄懲邁銳顫濱餓纏憐撐腎脹謹鵝醜鎊兌貞誕",
    "稟樸餅狹榪賠綿誘蔔嗬頑攤賬鴨掙蘆睜紗凍軒蠻暈鄖鵬棲疊輿齋蕭皺蝕釘闡遜銘碩賭饒滬擲厭淵氫潰簷顛鉛禪韻嬰悅湊茲燭殲鈞滲窯諧廈",
    "櫃誼壺賺譚勛飼褲薑疇恥犧矽販竪曬傘鱗傭龜潑屢瞞璿廝颳鈎諒黴闕墳寵鰭訟蝦濤鞏灑棗滯啞煥娛撈蠟嬸嬌廚囑祿贈鈴虜飢締蘊鴉鍛驟籲",
    "搗莖廂勻灝駝縛壟曠綢繳賤軀頌幟綁侖簾鏢鈉妝癡驢鋁閘濫醬嘯騷竊鑿墊鈣喲錐竈懶盞廬諭嶼釀詐鋅淪鹵凜蘄蠶攪嘩嗚擱駭鵑澱閻瀏誦蘿",
    "頰燦瓊驕淒釗駁諫緬錘覓攏臚訣蘋墜賄釣滄聳壘謎緇貶竄蔥穎詭膩彥癢贛粵貯綺諷襯燙晝閩鉀斂壋寢斃蔭渦樁鑼繕攬鏟尷懇禿摟撓驛詫絨",
    "韃謊諱瀉葦謠蟻瀟糞誅棟譴袞墮鱘澆絞竇鮑鈔訝瑣濾錳",
);

#[cfg(test)]
mod tests {
    use super::*;

    fn u16b(s: &str, be: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn strings() {
        assert_eq!(Reason::Utf16NulPattern.as_str(), "utf16-nul-pattern");
        assert_eq!(Reason::CjkCheck.as_str(), "cjk-check");
        assert_eq!(Confidence::Low.as_str(), "low");
        assert_eq!(Charset::Utf32Be.name(), "UTF-32BE");
        assert_eq!(Charset::HZ.name(), "HZ-GB-2312");
        assert!(Charset::Rs(UTF_8).is_utf8());
        assert!(!Charset::Rs(GBK).is_utf8());
    }

    #[test]
    fn bom_order() {
        assert_eq!(
            bom_charset(&[0xFF, 0xFE, 0, 0, 0x41]),
            Some(Charset::Utf32Le)
        );
        assert_eq!(
            bom_charset(&[0xFF, 0xFE, 0x41, 0]),
            Some(Charset::Rs(UTF_16LE))
        );
        assert_eq!(bom_charset(&[0, 0, 0xFE, 0xFF]), Some(Charset::Utf32Be));
        assert_eq!(bom_charset(b"abc"), None);
    }

    #[test]
    fn gb18030_four_byte_scan() {
        let (b, _, _) = GB18030.encode("中\u{20000}");
        assert!(has_gb18030_four_byte(&b));
        let (b, _, _) = GBK.encode("中文字符");
        assert!(!has_gb18030_four_byte(&b));
    }

    #[test]
    fn scoring_prefers_right_reading() {
        let text = "今年经济运行总体平稳";
        let (gbk, _, _) = GBK.encode(text);
        let right = score_str(&decode_clean(GBK, &gbk, true).unwrap()).sum;
        let wrong = decode_clean(BIG5, &gbk, true).map_or(f32::MIN, |s| score_str(&s).sum);
        assert!(right > wrong, "{right} vs {wrong}");
        // GBK bytes read as UTF-16 are not strict CJK.
        assert!(!score_utf16(&gbk[..gbk.len() & !1], false).strict_cjk());
        assert!(score_utf16(&u16b(text, false), false).strict_cjk());
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

    #[test]
    fn hz_errors() {
        assert_eq!(hz_decode(b"a~{VP~}b", 0).unwrap(), "a\u{4E2D}b");
        assert_eq!(hz_decode(b"~~x", 0).unwrap(), "~x");
        assert_eq!(hz_decode(b"ab~x", 0).unwrap_err().0, 2);
        assert_eq!(hz_decode(b"~{<", 0).unwrap_err().0, 2);
    }

    #[test]
    fn ascii_is_not_utf16() {
        for s in ["no", "Test", "none", "README", "Hello world", "OK\r\n"] {
            let d = detect(s.as_bytes());
            assert_eq!(d.charset.name(), "UTF-8", "{s}");
        }
    }
}
