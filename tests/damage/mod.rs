//! The damage set: the project's own texts in UTF-8, GBK and Big5, clean and with one defect
//! each, every variant paired with the text a right decoding gives.
//!
//! The texts are `corpus/expected/**/*.txt` (those with at least [`MIN_CJK`] hanzi) for UTF-8
//! and GBK, and their traditional versions in `tests/damage/traditional/` for Big5 (see the
//! README there); the mostly-ASCII lines come from the corpus and `corpus/README.md`. Lines an
//! encoding cannot represent are left out of that encoding's text. The damage comes from a tiny
//! xorshift generator seeded by each text's name and encoding (no new dependency), so the set
//! is the same on every run and machine, and adding a text does not move the damage in the
//! others.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, BIG5, GBK, UTF_8};

/// A text needs this many hanzi to be used: the very short corpus files say little.
const MIN_CJK: usize = 50;
/// Variants of each kind per text and encoding.
const STRAY: usize = 10;
const DROPPED: usize = 10;
const CUT: usize = 3;
const PASTED: usize = 2;
const LEAD_ASCII: usize = 3;
const SLICE_CLEAN: usize = 5;
const SLICE_STRAY: usize = 15;
/// Stray-byte variants per mostly-ASCII line.
const ASCII_STRAY: usize = 3;
/// Slices are this many characters long...
const SLICE_CHARS: usize = 10;
/// ... of which at least this many are not ASCII, so that a slice is Chinese text.
const SLICE_MIN_NON_ASCII: usize = 8;
/// A line pasted in the other encoding (or cut inside a character) has at least this many
/// non-ASCII characters, so the damage is in Chinese text.
const LINE_MIN_NON_ASCII: usize = 5;
/// Mostly-ASCII lines are at least this long.
const ASCII_LINE_MIN: usize = 24;

/// The encoding a variant was written in; `Ascii` is the mostly-ASCII lines, the same bytes
/// in all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Enc {
    Utf8,
    Gbk,
    Big5,
    Ascii,
}

impl Enc {
    pub const ALL: [Enc; 4] = [Enc::Utf8, Enc::Gbk, Enc::Big5, Enc::Ascii];

    /// The folder name in the set.
    pub fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "utf-8",
            Enc::Gbk => "gbk",
            Enc::Big5 => "big5",
            Enc::Ascii => "ascii",
        }
    }

    /// The encoding_rs encoding its bytes are in.
    pub fn rs(self) -> &'static Encoding {
        match self {
            Enc::Utf8 | Enc::Ascii => UTF_8,
            Enc::Gbk => GBK,
            Enc::Big5 => BIG5,
        }
    }

    /// The encoding a pasted line is in: GBK in UTF-8 text, UTF-8 in GBK and Big5 text.
    fn other(self) -> Enc {
        match self {
            Enc::Utf8 | Enc::Ascii => Enc::Gbk,
            Enc::Gbk | Enc::Big5 => Enc::Utf8,
        }
    }
}

/// What was done to the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The whole text, undamaged.
    Clean,
    /// One byte 0x80-0xFF inserted anywhere.
    Stray,
    /// One byte of a multi-byte character removed.
    Dropped,
    /// The file ends inside a multi-byte character (everything after it lost).
    CutLast,
    /// One line in the other encoding.
    Pasted,
    /// A line cut after the lead byte of a character, the next line following (GBK, Big5).
    LeadAscii,
    /// A mostly-ASCII line with one high byte inserted.
    AsciiStray,
    /// Ten characters of the text, undamaged.
    SliceClean,
    /// Ten characters of the text with one stray byte.
    SliceStray,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Clean,
        Kind::Stray,
        Kind::Dropped,
        Kind::CutLast,
        Kind::Pasted,
        Kind::LeadAscii,
        Kind::AsciiStray,
        Kind::SliceClean,
        Kind::SliceStray,
    ];

    /// The folder name in the set.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Clean => "clean",
            Kind::Stray => "stray",
            Kind::Dropped => "dropped",
            Kind::CutLast => "cut-last",
            Kind::Pasted => "pasted-line",
            Kind::LeadAscii => "lead-ascii",
            Kind::AsciiStray => "ascii-stray",
            Kind::SliceClean => "slice-clean",
            Kind::SliceStray => "slice-stray",
        }
    }

    /// Clean files must decode right; damaged ones must never be written as mojibake.
    pub fn damaged(self) -> bool {
        !matches!(self, Kind::Clean | Kind::SliceClean)
    }
}

/// One file of the set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Where it goes in the set's folder: `gbk/stray/0042.txt`.
    pub path: String,
    pub enc: Enc,
    pub kind: Kind,
    pub bytes: Vec<u8>,
    /// What a right decoding gives (for a cut file: the text before the cut character).
    pub original: String,
    /// Character index in `original` where the damage is.
    pub spot: usize,
    /// Where the text came from and what was done, for reports.
    pub note: String,
}

/// The whole set, in a fixed order.
pub fn generate() -> Vec<Variant> {
    let mut set = Set::default();
    for (name, enc, text) in texts() {
        text_variants(&mut set, &name, enc, &text);
    }
    for line in ascii_lines() {
        ascii_variants(&mut set, &line);
    }
    set.variants
}

/// Write every variant under `dir`.
pub fn write(set: &[Variant], dir: &Path) {
    for v in set {
        let path = dir.join(&v.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &v.bytes).unwrap();
    }
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every `.txt` file under `root` as (path relative to it, text), sorted; files that are not
/// UTF-8 (the raw corpus's legacy files) are left out.
fn read_texts(root: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
                    let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                    out.push((rel.replace('\\', "/"), text));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn cjk_count(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count()
}

/// (name, encoding, text) for every text of the set: simplified texts in UTF-8 and GBK, their
/// traditional versions in Big5, each with only the lines its encoding represents.
fn texts() -> Vec<(String, Enc, String)> {
    let traditional = repo("tests/damage/traditional");
    let mut out = Vec::new();
    for (rel, text) in read_texts(&repo("corpus/expected")) {
        if cjk_count(&text) < MIN_CJK {
            continue;
        }
        let big5 = std::fs::read_to_string(traditional.join(&rel)).ok();
        let sources = [
            (Enc::Utf8, Some(&text)),
            (Enc::Gbk, Some(&text)),
            (Enc::Big5, big5.as_ref()),
        ];
        for (enc, source) in sources {
            let Some(source) = source else { continue };
            let kept = representable(source, enc);
            if cjk_count(&kept) >= MIN_CJK {
                out.push((rel.clone(), enc, kept));
            }
        }
    }
    out
}

/// The lines of `text` that `enc` encodes losslessly (GBK lacks 𠮷, Big5 lacks simplified
/// forms and some symbols).
fn representable(text: &str, enc: Enc) -> String {
    let lines: Vec<&str> = text
        .split_inclusive('\n')
        .filter(|line| encode(line, enc).is_some())
        .collect();
    lines.concat()
}

/// Pure-ASCII lines with mostly letters from the project's own texts: English sentences,
/// leftover page code, the corpus README's prose.
fn ascii_lines() -> Vec<String> {
    let mut sources = read_texts(&repo("corpus"));
    let readme = std::fs::read_to_string(repo("corpus/README.md")).unwrap();
    sources.push(("README.md".into(), readme));
    let mut lines: Vec<String> = sources
        .iter()
        .flat_map(|(_, text)| text.lines())
        .map(str::trim)
        .filter(|l| {
            let letters = l.chars().filter(char::is_ascii_alphabetic).count();
            l.is_ascii() && l.len() >= ASCII_LINE_MIN && 2 * letters >= l.len()
        })
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// A text's bytes and the byte offset of each character, with the end as a last entry.
struct Encoded {
    bytes: Vec<u8>,
    starts: Vec<usize>,
}

impl Encoded {
    /// Byte range of character `i`.
    fn span(&self, i: usize) -> std::ops::Range<usize> {
        self.starts[i]..self.starts[i + 1]
    }

    /// The character a byte offset falls in (or starts).
    fn char_at(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }
}

/// Encode character by character (UTF-8, GBK and Big5 have no state), or `None` if a
/// character does not survive the round trip.
fn encode(text: &str, enc: Enc) -> Option<Encoded> {
    let mut bytes = Vec::with_capacity(text.len() * 2);
    let mut starts = Vec::with_capacity(text.len() + 1);
    for c in text.chars() {
        starts.push(bytes.len());
        bytes.extend_from_slice(&encode_char(c, enc)?);
    }
    starts.push(bytes.len());
    Some(Encoded { bytes, starts })
}

/// Each character's bytes in each encoding (`None`: it has none).
type CharBytes = HashMap<(Enc, char), Option<Vec<u8>>>;

thread_local! {
    /// encoding_rs finds a hanzi's GBK or Big5 bytes by searching its tables, slow enough
    /// without optimisation to dominate the set's generation; the texts share their hanzi.
    static CHARS: RefCell<CharBytes> = RefCell::default();
}

/// One character's bytes, if it has any in `enc` that decode back to it.
fn encode_char(c: char, enc: Enc) -> Option<Vec<u8>> {
    CHARS.with_borrow_mut(|cache| {
        cache
            .entry((enc, c))
            .or_insert_with(|| {
                let mut utf8 = [0u8; 4];
                let (bytes, _, unmappable) = enc.rs().encode(c.encode_utf8(&mut utf8));
                let (back, malformed) = enc.rs().decode_without_bom_handling(&bytes);
                (!unmappable && !malformed && back.chars().eq([c])).then(|| bytes.into_owned())
            })
            .clone()
    })
}

/// xorshift64: a dependency-free generator, seeded by the FNV-1a hash of a name.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        let mut h: u64 = 0xCBF2_9CE4_8422_2325;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        Rng(h | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn high_byte(&mut self) -> u8 {
        0x80 + self.below(0x80) as u8
    }
}

/// The variants so far, numbered per encoding and kind.
#[derive(Default)]
struct Set {
    variants: Vec<Variant>,
    numbers: BTreeMap<(Enc, Kind), usize>,
}

impl Set {
    fn push(
        &mut self,
        enc: Enc,
        kind: Kind,
        bytes: Vec<u8>,
        original: String,
        spot: usize,
        note: String,
    ) {
        let n = self.numbers.entry((enc, kind)).or_default();
        *n += 1;
        let path = format!("{}/{}/{:04}.txt", enc.name(), kind.name(), n);
        self.variants.push(Variant {
            path,
            enc,
            kind,
            bytes,
            original,
            spot,
            note,
        });
    }
}

/// Insert `byte` at `at`.
fn inserted(bytes: &[u8], at: usize, byte: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out.insert(at, byte);
    out
}

/// Every variant of one text in one encoding.
fn text_variants(set: &mut Set, name: &str, enc: Enc, text: &str) {
    let e = encode(text, enc).expect("representable() kept only lines that encode");
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let len = e.bytes.len();
    let sub = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let multi: Vec<usize> = (0..n).filter(|&i| e.span(i).len() >= 2).collect();
    let mut rng = Rng::new(&format!("{name}/{}", enc.name()));
    let at_src = |what: String| format!("{name}: {what}");

    set.push(
        enc,
        Kind::Clean,
        e.bytes.clone(),
        text.into(),
        0,
        at_src(format!("{len} bytes")),
    );

    for _ in 0..STRAY {
        let at = rng.below(len + 1);
        let b = rng.high_byte();
        let note = at_src(format!("0x{b:02X} inserted at byte {at} of {len}"));
        set.push(
            enc,
            Kind::Stray,
            inserted(&e.bytes, at, b),
            text.into(),
            e.char_at(at),
            note,
        );
    }

    for _ in 0..DROPPED {
        let i = rng.pick(&multi);
        let span = e.span(i);
        let k = span.start + rng.below(span.len());
        let mut bytes = e.bytes.clone();
        let b = bytes.remove(k);
        let note = at_src(format!(
            "byte {k} (0x{b:02X}, part of '{}') dropped",
            chars[i]
        ));
        set.push(enc, Kind::Dropped, bytes, text.into(), i, note);
    }

    // The first cut is inside the text's own last multi-byte character, the others inside one
    // in its second half: a file whose end was lost.
    let late: Vec<usize> = multi.iter().copied().filter(|&i| i >= n / 2).collect();
    for c in 0..CUT {
        let i = if c == 0 {
            *multi.last().unwrap()
        } else {
            rng.pick(&late)
        };
        let span = e.span(i);
        let keep = span.start + 1 + rng.below(span.len() - 1);
        let note = at_src(format!(
            "cut inside '{}': {keep} of {len} bytes kept",
            chars[i]
        ));
        set.push(
            enc,
            Kind::CutLast,
            e.bytes[..keep].to_vec(),
            sub(0, i),
            i,
            note,
        );
    }

    // Lines as character ranges (without their '\n').
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    if start < n {
        lines.push(start..n);
    }
    let chinese: Vec<_> = lines
        .iter()
        .filter(|r| {
            chars[(*r).clone()].iter().filter(|c| !c.is_ascii()).count() >= LINE_MIN_NON_ASCII
        })
        .cloned()
        .collect();

    let other = enc.other();
    let mut pasted: Vec<_> = chinese
        .iter()
        .filter(|r| encode(&sub(r.start, r.end), other).is_some())
        .cloned()
        .collect();
    for _ in 0..PASTED.min(pasted.len()) {
        let r = pasted.remove(rng.below(pasted.len()));
        let line = encode(&sub(r.start, r.end), other).unwrap().bytes;
        let bytes = [
            &e.bytes[..e.starts[r.start]],
            &line[..],
            &e.bytes[e.starts[r.end]..],
        ]
        .concat();
        let note = at_src(format!(
            "line at byte {} ({} chars) in {}",
            e.starts[r.start],
            r.len(),
            other.rs().name()
        ));
        set.push(enc, Kind::Pasted, bytes, text.into(), r.start, note);
    }

    if matches!(enc, Enc::Gbk | Enc::Big5) && !chinese.is_empty() {
        for _ in 0..LEAD_ASCII {
            let r = rng.pick(&chinese);
            let in_line: Vec<usize> = r.clone().filter(|&i| e.span(i).len() >= 2).collect();
            let i = rng.pick(&in_line);
            let lead = e.starts[i];
            let bytes = [&e.bytes[..=lead], &e.bytes[e.starts[r.end]..]].concat();
            let original = sub(0, i) + &sub(r.end, n);
            let note = at_src(format!(
                "line cut after lead byte 0x{:02X} of '{}' at byte {lead}",
                e.bytes[lead], chars[i]
            ));
            set.push(enc, Kind::LeadAscii, bytes, original, i, note);
        }
    }

    // Slice starts whose ten characters are mostly not ASCII.
    let starts: Vec<usize> = (0..n.saturating_sub(SLICE_CHARS))
        .filter(|&a| {
            chars[a..a + SLICE_CHARS]
                .iter()
                .filter(|c| !c.is_ascii())
                .count()
                >= SLICE_MIN_NON_ASCII
        })
        .collect();
    if starts.is_empty() {
        return;
    }
    for s in 0..SLICE_CLEAN + SLICE_STRAY {
        let a = rng.pick(&starts);
        let bytes = &e.bytes[e.starts[a]..e.starts[a + SLICE_CHARS]];
        let original = sub(a, a + SLICE_CHARS);
        if s < SLICE_CLEAN {
            let note = at_src(format!("characters {a}..{}", a + SLICE_CHARS));
            set.push(enc, Kind::SliceClean, bytes.to_vec(), original, 0, note);
        } else {
            let at = rng.below(bytes.len() + 1);
            let b = rng.high_byte();
            let spot = e.char_at(e.starts[a] + at) - a;
            let note = at_src(format!(
                "characters {a}..{}, 0x{b:02X} inserted at byte {at} of {}",
                a + SLICE_CHARS,
                bytes.len()
            ));
            set.push(
                enc,
                Kind::SliceStray,
                inserted(bytes, at, b),
                original,
                spot,
                note,
            );
        }
    }
}

/// A mostly-ASCII line (with its line break) and one high byte in it.
fn ascii_variants(set: &mut Set, line: &str) {
    let text = format!("{line}\n");
    let mut rng = Rng::new(line);
    for _ in 0..ASCII_STRAY {
        let at = rng.below(text.len() + 1);
        let b = rng.high_byte();
        let note = format!("{:?}: 0x{b:02X} inserted at byte {at}", truncate(line, 30));
        set.push(
            Enc::Ascii,
            Kind::AsciiStray,
            inserted(text.as_bytes(), at, b),
            text.clone(),
            at,
            note,
        );
    }
}

/// The first `n` characters of `s`, with `…` if there were more.
pub fn truncate(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}
