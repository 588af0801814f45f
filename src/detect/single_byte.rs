//! Single-byte check: chardetng knows only some single-byte encodings (no
//! ISO-8859-3/10/13/15/16, no Mac encodings) and sometimes confuses close
//! siblings (ISO-8859-2 vs windows-1252). Every single-byte reading is scored
//! by how well its letters fit one language's alphabet and by the debris that
//! wrong readings leave (symbols inside words, case flips inside words, C1
//! controls); chardetng's guess is kept unless another reading is clearly better.

use encoding_rs::{
    Encoding, IBM866, ISO_8859_10, ISO_8859_13, ISO_8859_14, ISO_8859_15, ISO_8859_16, ISO_8859_2,
    ISO_8859_3, ISO_8859_4, ISO_8859_5, ISO_8859_6, ISO_8859_7, ISO_8859_8, KOI8_R, KOI8_U,
    MACINTOSH, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1253, WINDOWS_1254, WINDOWS_1255,
    WINDOWS_1256, WINDOWS_1257, WINDOWS_1258, WINDOWS_874, X_MAC_CYRILLIC,
};

use super::high_bytes;
use super::lossless::decode_clean;
use super::score::NO_READING;

// The numbers below came with the single-byte check in d5eaef3, measured on the public
// labelled sets (525 files, 25k slices; see the module docs of `detect`).

/// Bytes of high-byte words the single-byte check looks at: every reading of every one of
/// the 27 encodings is scored, so the sample is kept to a quarter of the 64 KiB prefix.
const SINGLE_BYTE_SAMPLE: usize = 16 * 1024;

/// Another reading replaces chardetng's guess only when it scores this much higher, plus
/// [`SWITCH_MARGIN_PER_HIGH_BYTE`] per byte >= 0x80, so that near-ties stay with chardetng.
const SWITCH_MARGIN_BASE: f32 = 1.5;
/// See [`SWITCH_MARGIN_BASE`]: both scores are sums over the same bytes, so the margin grows.
const SWITCH_MARGIN_PER_HIGH_BYTE: f32 = 0.02;

/// A C1 control (U+0080-U+009F) is what a wrong single-byte table leaves; real text has none.
const C1_CONTROL_PENALTY: f32 = 10.0;
/// An uppercase letter right after a lowercase one ("cÃ©"): a case flip inside a word.
const CASE_FLIP_PENALTY: f32 = 2.0;
/// A letter right after a letter of another script: scripts do not mix inside a word.
const SCRIPT_MIX_PENALTY: f32 = 3.0;
/// A lone non-ASCII letter next to a digit: usually a symbol (°, ², ½) read in the wrong table.
const LONE_LETTER_BY_DIGIT_PENALTY: f32 = 2.0;
/// An apostrophe, middle dot or soft hyphen between letters is how real words look.
const JOINER_IN_WORD_BONUS: f32 = 1.0;
/// Any other non-letter between two letters: a letter was misread as a symbol.
const SYMBOL_IN_WORD_PENALTY: f32 = 3.0;
/// An odd symbol ([`is_odd_symbol`]) touching a word, or ¤ anywhere.
const ODD_SYMBOL_PENALTY: f32 = 2.0;
/// Each letter outside the alphabet being tried counts this much (inside ones count 1), so a
/// reading must fit an alphabet by more than two to one to score at all.
const OUTSIDE_ALPHABET_WEIGHT: f32 = -2.0;

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
            pen -= C1_CONTROL_PENALTY;
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
                pen -= CASE_FLIP_PENALTY;
            }
            if pl && letter_script(p) != letter_script(c) {
                pen -= SCRIPT_MIX_PENALTY;
            }
            if !pl && !nl && (p.is_ascii_digit() || next.is_ascii_digit()) {
                pen -= LONE_LETTER_BY_DIGIT_PENALTY;
            }
        } else if matches!(c, '\u{2019}' | '·' | '\u{AD}') && pl && nl {
            pen += JOINER_IN_WORD_BONUS;
        } else if pl && nl {
            pen -= SYMBOL_IN_WORD_PENALTY;
        } else if (pl || nl) && is_odd_symbol(c) || c == '¤' {
            pen -= ODD_SYMBOL_PENALTY;
        }
    }
    if counts.is_empty() {
        return pen;
    }
    let fit = |inside: &dyn Fn(char) -> bool| -> f32 {
        counts
            .iter()
            .map(|(&c, &n)| {
                if inside(c) {
                    n as f32
                } else {
                    OUTSIDE_ALPHABET_WEIGHT * n as f32
                }
            })
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
                    _ => OUTSIDE_ALPHABET_WEIGHT * n,
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

/// The words of `p` that hold a byte >= 0x80 (space separated): only they can read
/// differently in different single-byte encodings.
fn high_byte_words(p: &[u8]) -> Vec<u8> {
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
    words
}

/// Does `p` read as text in the single-byte encoding `enc`: letters of one alphabet, no C1
/// controls, no symbols inside words? What a wrong reading leaves (debris) scores below zero.
pub(super) fn single_byte_plausible(enc: &'static Encoding, p: &[u8], last: bool) -> bool {
    let words = high_byte_words(p);
    decode_clean(enc, &words, last).is_some_and(|t| {
        !t.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) && single_byte_score(&t) >= 0.0
    })
}

/// chardetng's single-byte guess, or a clearly better single-byte reading.
pub(super) fn single_byte_check(
    p: &[u8],
    last: bool,
    guess: &'static Encoding,
) -> &'static Encoding {
    // Only words with a byte >= 0x80 can score differently: decode just
    // those (space separated), not the ASCII bulk, for each candidate.
    let words = high_byte_words(p);
    let score = |e: &'static Encoding| decode_clean(e, &words, last).map(|t| single_byte_score(&t));
    let guess_score = score(guess).unwrap_or(NO_READING);
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
    if best.1
        >= guess_score
            + SWITCH_MARGIN_BASE
            + SWITCH_MARGIN_PER_HIGH_BYTE * high_bytes(&words) as f32
    {
        best.0
    } else {
        guess
    }
}
