#!/usr/bin/env python3
"""Build a mixed-encoding benchmark corpus from the project's own samples.

Usage: make_mixed_corpus.py OUT_DIR [TOTAL_MB]

Takes the UTF-8 texts under corpus/raw (written for this project) and writes copies in the
encodings doctidy meets in the wild, in equal shares, until about TOTAL_MB (default 64) MB:
UTF-8, UTF-8 with BOM, GBK, GB18030, UTF-16LE/BE (with and without BOM), CRLF variants, and
Big5 / Shift_JIS for the samples that fit those character sets.
"""
import os
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
out = Path(sys.argv[1])
total = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 64_000_000

texts = []
for p in sorted((root / "corpus" / "raw").rglob("*")):
    if p.is_file():
        try:
            texts.append(p.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError:
            pass  # the corpus also holds legacy-encoded samples; they are covered below
# Traditional-Chinese and Japanese text for Big5 / Shift_JIS, which cannot hold simplified hanzi.
texts_big5 = ["市議會今日通過交通改善方案，預計明年完成捷運延伸工程，並增設公車專用道。\n" * 40]
texts_sjis = ["市立図書館は来月から開館時間を延長し、夜九時まで利用できるようになります。\n" * 40]

variants = [
    ("utf-8", lambda t: t.encode("utf-8"), texts),
    ("utf-8-bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), texts),
    ("gbk", lambda t: t.encode("gbk", errors="ignore"), texts),
    ("gb18030", lambda t: t.encode("gb18030"), texts),
    ("gbk-crlf", lambda t: t.replace("\n", "\r\n").encode("gbk", errors="ignore"), texts),
    ("utf-16le-bom", lambda t: t.encode("utf-16"), texts),
    ("utf-16le", lambda t: t.encode("utf-16-le"), texts),
    ("utf-16be", lambda t: t.encode("utf-16-be"), texts),
    ("big5", lambda t: t.encode("big5"), texts_big5),
    ("shift_jis", lambda t: t.encode("shift_jis"), texts_sjis),
]

written = 0
i = 0
while written < total:
    name, enc, pool = variants[i % len(variants)]
    text = pool[(i // len(variants)) % len(pool)]
    data = enc(text)
    d = out / name
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{i:06d}.txt").write_bytes(data)
    written += len(data)
    i += 1
print(f"{i} files, {written / 1e6:.1f} MB in {out}")
