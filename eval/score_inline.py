#!/usr/bin/env python3
"""Score doctidy on an inline set: spans marked ⟦…⟧ cut exactly, body text kept.
usage: eval/score_inline.py BIN [SETDIR] [-v]   (default eval/inline)"""
import json, os, subprocess, sys, tempfile, unicodedata
args = [a for a in sys.argv[1:] if a != '-v']
bin_ = args[0]
setdir = args[1] if len(args) > 1 else 'eval/inline'
verbose = '-v' in sys.argv
def solid(ch): return not (ch.isspace() or unicodedata.category(ch)[0] in 'PZ' or ch in '\u3000\xa0')
for part in ('news', 'other'):
    d = os.path.join(setdir, part)
    if not os.path.isdir(d): continue
    tmp = tempfile.mkdtemp()
    pages = {}
    for name in sorted(os.listdir(d)):
        if not name.endswith('.txt'): continue
        src = open(os.path.join(d, name), encoding='utf-8').read()
        raw = bytearray(); spans = []; start = None; lineno = 1; line_of = {}
        for ch in src:
            if ch == '⟦': start = len(raw); continue
            if ch == '⟧': spans.append((start, len(raw), lineno)); start = None; continue
            if ch == '\n': lineno += 1
            raw += ch.encode()
        open(os.path.join(tmp, name), 'wb').write(bytes(raw))
        pages[name] = (bytes(raw), spans)
    out = subprocess.run([bin_, 'check', '--format', 'json', '--explain', tmp], capture_output=True, text=True).stdout
    cut = {n: bytearray(len(pages[n][0])) for n in pages}
    for l in out.splitlines():
        e = json.loads(l)
        if e.get('type') != 'edit': continue
        n = os.path.basename(e['path']); r = e['range']
        # bytes removed: whole range when the replacement is empty, else the part not kept
        if e['after'] == '' or e['after'] not in e['before']:
            keep = set()
            if e['after'] and e['after'] not in e['before']:
                # a rewrite (punctuation): not a cut
                continue
            for k in range(r['start'], r['end']): cut[n][k] = 1
        else:
            b = e['before']; a = e['after']; i = b.find(a)
            pre = len(b[:i].encode()); post = len(b[i+len(a):].encode())
            for k in range(r['start'], r['start'] + pre): cut[n][k] = 1
            for k in range(r['end'] - post, r['end']): cut[n][k] = 1
    tot = ok = 0; lost_lines = 0
    for n, (raw, spans) in pages.items():
        text = raw.decode()
        inspan = bytearray(len(raw))
        for s, e_, ln in spans:
            for k in range(s, e_): inspan[k] = 1
            tot += 1
            seg = raw[s:e_]
            need = [k for k in range(s, e_) if solid(raw[k:k+1].decode('utf-8', 'ignore') or 'x')]
            covered = all(cut[n][k] for k in range(s, e_) if (raw[k] & 0xC0) != 0x80 and solid(raw[k:].decode('utf-8','ignore')[:1] or ' '))
            if covered: ok += 1
            elif verbose: print(f'  left {part}/{n}:{ln}: {seg.decode()[:80]}')
        # body lost: a solid character outside every span cut, on lines holding a span
        span_lines = {ln for _, _, ln in spans}
        pos = 0
        for ln, line in enumerate(text.split('\n'), 1):
            b = line.encode(); lost = []
            if ln in span_lines:
                k = pos
                for ch in line:
                    w = len(ch.encode())
                    if cut[n][k] and not inspan[k] and solid(ch): lost.append(ch)
                    k += w
            if lost:
                lost_lines += 1
                print(f'  LOST {part}/{n}:{ln}: {"".join(lost)[:60]}  | {line[:60]}')
            pos += len(b) + 1
    print(f'{part}: spans cut {ok}/{tot} = {100*ok/max(tot,1):.1f} %, lines with body cut {lost_lines}')
