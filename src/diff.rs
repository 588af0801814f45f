//! Unified diffs of exactly the bytes that change, so `git apply` and `patch -p1` accept them
//! against the source tree (also for CRLF, BOM and legacy-encoded inputs).

use similar::TextDiff;
use std::time::Duration;

/// The unified diff turning `old` into `new`, with `--- a/REL` / `+++ b/REL` headers;
/// empty when they are equal.
pub fn unified(old: &[u8], new: &[u8], rel: &str) -> Vec<u8> {
    if old == new {
        return Vec::new();
    }
    let diff = TextDiff::configure()
        .timeout(Duration::from_secs(10))
        .diff_lines(old, new);
    let mut out = Vec::new();
    diff.unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{rel}"), &format!("b/{rel}"))
        .to_writer(&mut out)
        .expect("writing to a Vec cannot fail");
    out
}

/// Colour a unified diff for a terminal: removed red, added green, hunk headers cyan.
pub fn colorize(diff: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive(|&b| b == b'\n') {
        let color: &[u8] = if line.starts_with(b"---") || line.starts_with(b"+++") {
            b"\x1b[1m"
        } else if line.starts_with(b"@@") {
            b"\x1b[36m"
        } else if line.starts_with(b"-") {
            b"\x1b[31m"
        } else if line.starts_with(b"+") {
            b"\x1b[32m"
        } else {
            b""
        };
        if color.is_empty() {
            out.extend_from_slice(line);
        } else {
            let body = line.strip_suffix(b"\n").unwrap_or(line);
            out.extend_from_slice(color);
            out.extend_from_slice(body);
            out.extend_from_slice(b"\x1b[0m");
            if body.len() < line.len() {
                out.push(b'\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_hunks() {
        let d = String::from_utf8(unified(
            "a\nb,c\n".as_bytes(),
            "a\nb，c\n".as_bytes(),
            "x/y.txt",
        ))
        .unwrap();
        assert!(
            d.starts_with("--- a/x/y.txt\n+++ b/x/y.txt\n@@ -1,2 +1,2 @@\n a\n-b,c\n+b，c\n"),
            "{d}"
        );
        assert!(unified(b"same", b"same", "x").is_empty());
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let d = String::from_utf8(unified(b"a", b"a\n", "f")).unwrap();
        assert!(d.contains("\\ No newline at end of file"), "{d}");
    }
}
