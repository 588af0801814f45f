#!/usr/bin/env python3
"""Score doctidy on a labelled line set: furniture lines removed, body lines lost.
usage: eval/score_lines.py BIN [SETDIR] [-v]   (default eval/lines: news/ and other/, NN.txt labelled B|/F|/E|)"""
import json, os, subprocess, sys, tempfile
args = [a for a in sys.argv[1:] if a != '-v']
bin_ = args[0]
setdir = args[1] if len(args) > 1 else 'eval/lines'
verbose = '-v' in sys.argv
for part in ('news', 'other'):
    d = os.path.join(setdir, part)
    if not os.path.isdir(d): continue
    tmp = tempfile.mkdtemp()
    labels = {}
    for name in sorted(os.listdir(d)):
        if not name.endswith('.txt'): continue
        raw, lab = [], []
        for line in open(os.path.join(d, name), encoding='utf-8').read().split('\n'):
            if line == '' : continue
            tag, _, text = line.partition('|')
            if tag not in ('B', 'F', 'E'):
                print('bad label', name, line[:40]); continue
            raw.append('' if tag == 'E' else text); lab.append(tag)
        open(os.path.join(tmp, name), 'w', encoding='utf-8').write('\n'.join(raw) + '\n')
        labels[name] = (raw, lab)
    out = subprocess.run([bin_, 'check', '--format', 'json', '--explain', tmp], capture_output=True, text=True).stdout
    removed = {n: set() for n in labels}
    for l in out.splitlines():
        e = json.loads(l)
        if e.get('type') != 'edit': continue
        n = os.path.basename(e['path'])
        if e['after'] == '' and e['column'] == 0 and e['before'] != '':
            removed[n].add(e['line'])
    f_tot = f_rm = b_lost = 0
    for n, (raw, lab) in labels.items():
        for i, (t, tag) in enumerate(zip(raw, lab), 1):
            if tag == 'F':
                f_tot += 1
                if i in removed[n]: f_rm += 1
                elif verbose: print(f'  left {part}/{n}:{i}: {t[:90]}')
            elif tag == 'B' and i in removed[n]:
                b_lost += 1
                print(f'  LOST {part}/{n}:{i}: {t[:90]}')
    print(f'{part}: furniture removed {f_rm}/{f_tot} = {100*f_rm/max(f_tot,1):.1f} %, body lines lost {b_lost}')
