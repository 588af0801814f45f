//! Unified diffs of exactly the bytes that change, so `git apply` and `patch -p1` accept them
//! against the source tree (also for CRLF, BOM and legacy-encoded inputs).

use similar::{capture_diff_slices_deadline, group_diff_ops, Algorithm, DiffOp, DiffTag};
use std::io::Write;
use std::time::{Duration, Instant};

/// The unified diff turning `old` into `new`, with `--- a/REL` / `+++ b/REL` headers;
/// empty when they are equal. Lines are split on `\n` only, as git and patch(1) split them
/// (a lone `\r`, or a 0x0A byte inside UTF-16, is not a line end for them either).
///
/// `origins`, when given, is the cleaner's own record of which input line (1-based) each
/// output line came from: the diff then pairs every line with its cleaned self instead of
/// guessing an alignment. It must describe `\n`-split lines of `old`.
pub(crate) fn unified(old: &[u8], new: &[u8], name: &[u8], origins: Option<&[usize]>) -> Vec<u8> {
    if old == new {
        return Vec::new();
    }
    let (a, b) = (split_lines(old), split_lines(new));
    let ops = match origins {
        Some(origins)
            if origins.len() == b.len() && origins.iter().all(|&o| o >= 1 && o <= a.len()) =>
        {
            aligned_ops(&a, &b, origins)
        }
        _ => {
            let deadline = Instant::now() + Duration::from_secs(10);
            capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline))
        }
    };
    let mut out = Vec::new();
    for (marker, side) in [("--- ", "a/"), ("+++ ", "b/")] {
        out.extend_from_slice(marker.as_bytes());
        out.extend_from_slice(&header_name(side, name));
        out.push(b'\n');
    }
    for hunk in group_diff_ops(ops, 3) {
        let (Some(first), Some(last)) = (hunk.first(), hunk.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            hunk_range(&old_range),
            hunk_range(&new_range)
        );
        for op in &hunk {
            let (tag, olds, news) = op.as_tag_tuple();
            if matches!(tag, DiffTag::Equal) {
                olds.for_each(|i| push_line(&mut out, b' ', a[i]));
                continue;
            }
            olds.for_each(|i| push_line(&mut out, b'-', a[i]));
            news.for_each(|i| push_line(&mut out, b'+', b[i]));
        }
    }
    out
}

/// `a/NAME` as a diff header carries it. A name with a control character, a quote, a
/// backslash or bytes that are not UTF-8 is quoted the way git quotes it
/// (`"a/\344\270\255\n.txt"`), which git apply and patch(1) both read; a name with a space
/// ends with a tab, as GNU diff writes it (patch(1) otherwise stops at the space).
pub(crate) fn header_name(side: &str, name: &[u8]) -> Vec<u8> {
    let unusual = |b: u8| b < 0x20 || b == 0x7f || b == b'"' || b == b'\\';
    if name.iter().any(|&b| unusual(b)) || std::str::from_utf8(name).is_err() {
        let mut out = vec![b'"'];
        for &b in side.as_bytes().iter().chain(name) {
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b if !(0x20..0x7f).contains(&b) => {
                    out.extend_from_slice(format!("\\{b:03o}").as_bytes())
                }
                b => out.push(b),
            }
        }
        out.push(b'"');
        return out;
    }
    let mut out = [side.as_bytes(), name].concat();
    if name.contains(&b' ') {
        out.push(b'\t');
    }
    out
}

/// Diff operations from the origin of each new line: input lines no output line came from
/// were removed; a line that came through changed is replaced, in place.
fn aligned_ops(a: &[&[u8]], b: &[&[u8]], origins: &[usize]) -> Vec<DiffOp> {
    let mut ops: Vec<DiffOp> = Vec::new();
    let mut next_old = 0;
    for (j, &origin) in origins.iter().enumerate() {
        let i = origin - 1;
        if i < next_old {
            // Not monotonic: fall back to the generic diff rather than emit a wrong one.
            return capture_diff_slices_deadline(Algorithm::Myers, a, b, None);
        }
        if i > next_old {
            ops.push(DiffOp::Delete {
                old_index: next_old,
                old_len: i - next_old,
                new_index: j,
            });
        }
        match ops.last_mut() {
            Some(DiffOp::Equal { old_index, len, .. })
                if a[i] == b[j] && *old_index + *len == i =>
            {
                *len += 1
            }
            _ if a[i] == b[j] => ops.push(DiffOp::Equal {
                old_index: i,
                new_index: j,
                len: 1,
            }),
            _ => ops.push(DiffOp::Replace {
                old_index: i,
                old_len: 1,
                new_index: j,
                new_len: 1,
            }),
        }
        next_old = i + 1;
    }
    if next_old < a.len() {
        ops.push(DiffOp::Delete {
            old_index: next_old,
            old_len: a.len() - next_old,
            new_index: b.len(),
        });
    }
    ops
}

/// Lines with their `\n`; the last one may lack it.
fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// `start,len` in unified-diff form (1-based; an empty range names the line before it).
fn hunk_range(r: &std::ops::Range<usize>) -> String {
    match r.len() {
        0 => format!("{},0", r.start),
        1 => format!("{}", r.start + 1),
        n => format!("{},{n}", r.start + 1),
    }
}

fn push_line(out: &mut Vec<u8>, tag: u8, line: &[u8]) {
    out.push(tag);
    out.extend_from_slice(line);
    if !line.ends_with(b"\n") {
        out.extend_from_slice(b"\n\\ No newline at end of file\n");
    }
}

/// Colour a unified diff for a terminal: removed red, added green, hunk headers cyan.
pub(super) fn colorize(diff: &[u8]) -> Vec<u8> {
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
            b"x/y.txt",
            None,
        ))
        .unwrap();
        assert!(
            d.starts_with("--- a/x/y.txt\n+++ b/x/y.txt\n@@ -1,2 +1,2 @@\n a\n-b,c\n+b，c\n"),
            "{d}"
        );
        assert!(unified(b"same", b"same", b"x", None).is_empty());
    }

    #[test]
    fn origins_pair_each_line_with_its_cleaned_self() {
        let old = "标题\n\n日期行\n\n  一,二\n\n  三,四\n".as_bytes();
        let new = "标题\n\n一，二\n\n三，四\n".as_bytes();
        let d = String::from_utf8(unified(old, new, b"f", Some(&[1, 2, 5, 6, 7]))).unwrap();
        assert_eq!(
            d,
            "--- a/f\n+++ b/f\n@@ -1,7 +1,5 @@\n 标题\n \n-日期行\n-\n-  一,二\n+一，二\n \n-  三,四\n+三，四\n"
        );
    }

    #[test]
    fn lone_cr_is_not_a_line_end() {
        let d = String::from_utf8(unified(b"a\rb\nc\n", b"a\rb\nd\n", b"f", None)).unwrap();
        assert_eq!(d, "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\rb\n-c\n+d\n");
    }

    #[test]
    fn legacy_bytes_are_kept_exactly() {
        let d = unified(b"\xd6\xd0,\n", "中，\n".as_bytes(), b"g.txt", None);
        assert!(d.windows(4).any(|w| w == b"-\xd6\xd0,"), "{d:?}");
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let d = String::from_utf8(unified(b"a", b"a\n", b"f", None)).unwrap();
        assert!(d.contains("\\ No newline at end of file"), "{d}");
    }

    #[test]
    fn unusual_names_are_quoted_as_git_quotes_them() {
        assert_eq!(header_name("a/", b"x y.txt"), b"a/x y.txt\t");
        assert_eq!(
            header_name("a/", "中.txt".as_bytes()),
            "a/中.txt".as_bytes()
        );
        assert_eq!(header_name("a/", b"new\nline.txt"), br#""a/new\nline.txt""#);
        assert_eq!(header_name("b/", b"\xd6\xd0.txt"), br#""b/\326\320.txt""#);
        assert_eq!(
            header_name("a/", b"say \"hi\".txt"),
            br#""a/say \"hi\".txt""#
        );
    }
}
