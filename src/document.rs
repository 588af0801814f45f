//! A decoded text as lines that remember which input line they came from, so that every edit
//! can name a line of the original even after earlier rules dropped lines.

/// Line-ending style found in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Newline {
    /// No line break at all.
    None,
    Lf,
    Crlf,
    Cr,
    Mixed,
}

impl Newline {
    pub fn as_str(self) -> &'static str {
        match self {
            Newline::None => "none",
            Newline::Lf => "lf",
            Newline::Crlf => "crlf",
            Newline::Cr => "cr",
            Newline::Mixed => "mixed",
        }
    }

    /// The byte sequence written for this style when the original style is kept.
    pub fn sequence(self) -> &'static str {
        match self {
            Newline::Crlf => "\r\n",
            Newline::Cr => "\r",
            _ => "\n",
        }
    }
}

/// The line-ending style of a text.
pub fn newline_style(text: &str) -> Newline {
    let bytes = text.as_bytes();
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => crlf = true,
            b'\n' => lf = true,
            _ if bytes.get(i + 1) != Some(&b'\n') => cr = true,
            _ => {}
        }
    }
    match (lf, crlf, cr) {
        (false, false, false) => Newline::None,
        (true, false, false) => Newline::Lf,
        (false, true, false) => Newline::Crlf,
        (false, false, true) => Newline::Cr,
        _ => Newline::Mixed,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// 1-based number of the input line this came from.
    pub origin: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<Line>,
    /// Whether the text ended with a line break.
    pub final_newline: bool,
}

impl Document {
    /// Split on `\n`, `\r\n` and lone `\r` (the style is [`newline_style`]'s business).
    pub fn parse(text: &str) -> Document {
        let mut lines = Vec::new();
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push(&text[start..i]);
                    start = i + 1;
                }
                b'\r' => {
                    lines.push(&text[start..i]);
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        let final_newline = start == bytes.len() && !bytes.is_empty();
        if start < bytes.len() {
            lines.push(&text[start..]);
        }
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                origin: i + 1,
            })
            .collect();
        Document {
            lines,
            final_newline,
        }
    }

    /// Join the lines with `newline`, ending with one when `final_newline` is set.
    pub fn render(&self, newline: &str) -> String {
        let size: usize = self
            .lines
            .iter()
            .map(|l| l.text.len() + newline.len())
            .sum();
        let mut out = String::with_capacity(size);
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push_str(newline);
            }
            out.push_str(&line.text);
        }
        if self.final_newline && !self.lines.is_empty() {
            out.push_str(newline);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_styles_and_origins() {
        let d = Document::parse("a\r\nb\r\n");
        assert_eq!(newline_style("a\r\nb\r\n"), Newline::Crlf);
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.lines[1].origin, 2);
        assert!(d.final_newline);
        let d = Document::parse("a\nb\rc");
        assert_eq!(newline_style("a\nb\rc"), Newline::Mixed);
        assert_eq!(
            d.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert!(!d.final_newline);
        assert_eq!(d.render("\n"), "a\nb\nc");
    }

    #[test]
    fn empty_text() {
        let d = Document::parse("");
        assert_eq!(newline_style(""), Newline::None);
        assert!(d.lines.is_empty());
        assert_eq!(d.render("\n"), "");
    }

    #[test]
    fn blank_last_line_kept() {
        let d = Document::parse("a\n\n");
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.render("\n"), "a\n\n");
    }
}
