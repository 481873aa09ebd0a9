#!/usr/bin/env python3
"""Mojibake repair measured on real multilingual text, mis-decoded by Python's codecs.

The text is WordPress's own translations in Debian's wordpress-l10n (63 languages: Latin,
Cyrillic, Greek, Arabic, Hebrew, CJK, Thai, Georgian, Indic scripts), unpacked by
scripts/setup.sh. Python's codecs, not the stage's ICU tables, do the mis-decoding:

  * positives: a string (or one span of it, inside the correct rest) encoded as UTF-8 and
    decoded through a single-byte code page, once or twice, some with emoji added, some
    with a lost byte (an undefined byte read as U+FFFD, a no-break space turned into a
    space). Restored means the unicode stage's output equals its output on the original;
    where a byte is truly lost, U+FFFD in place of that character also counts.
  * negatives: every string as it is, plus tests/fixtures/unicode/correct_text.txt (correct
    text that looks like mojibake). Any edit by a mojibake rule is a false change.

Usage: bench/mojibake_eval.py [--mtclean build/mtclean] [--cases 2000] [--check]
       [--show-failures N]
--check exits 1 unless at least 95% are restored and there is no false change.
"""
import argparse
import collections
import gettext
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L10N = os.path.join(ROOT, 'third_party', 'debian', 'wordpress-l10n')
CORRECT = os.path.join(ROOT, 'tests', 'fixtures', 'unicode', 'correct_text.txt')
MOJIBAKE_RULES_PREFIX = ('mojibake', 'lossy-utf8', 'cesu-8')

# Which code pages can mis-decode which scripts' UTF-8 (every page reads any UTF-8, but a
# page whose bytes are undefined where the text needs them cannot, or only lossily).
PAGES = ['latin-1', 'cp1252', 'cp1251', 'cp1250', 'cp1253', 'cp1254', 'cp1257',
         'mac_roman', 'cp437', 'koi8_r']
WEIGHTS = [3, 10, 4, 2, 1, 1, 1, 2, 1, 2]


def script_of(lang):
    table = {'ru': 'Cyrillic', 'uk': 'Cyrillic', 'bg': 'Cyrillic', 'sr': 'Cyrillic', 'mk': 'Cyrillic',
             'el': 'Greek', 'ar': 'Arabic', 'fa': 'Arabic', 'ur': 'Arabic', 'ug': 'Arabic', 'ckb': 'Arabic',
             'he': 'Hebrew', 'zh': 'CJK', 'ja': 'CJK', 'ko': 'CJK', 'th': 'Thai', 'ka': 'Georgian',
             'bn': 'Indic', 'ta': 'Indic', 'si': 'Indic', 'my': 'Myanmar'}
    return table.get(lang.split('_')[0], 'Latin')


def load_strings():
    by_script = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(L10N, '*.mo'))):
        lang = os.path.basename(path)[:-3]
        if lang.startswith('en'):
            continue
        with open(path, 'rb') as f:
            catalog = gettext.GNUTranslations(f)._catalog
        seen = set()
        for key in sorted(catalog, key=str):
            text = catalog[key]
            if not isinstance(text, str) or len(text) < 12 or text in seen or '\x00' in text:
                continue
            if not any(ord(c) > 127 for c in text):
                continue
            seen.add(text)
            by_script[script_of(lang)].append((lang, text))
    return by_script


def emoji_list():
    out = []
    for cp in list(range(0x1F300, 0x1F650)) + list(range(0x1F680, 0x1F6C6)) + list(range(0x1F90C, 0x1F9FF)):
        try:
            unicodedata.name(chr(cp))
            out.append(chr(cp))
        except ValueError:
            pass
    return out + ['\u2764\ufe0f', '\u2705', '\u2728', '\u26bd']


def misdecode(text, page, lost):
    """text's UTF-8 read through `page`. lost='fffd': undefined bytes become U+FFFD (else
    they are read as C1 controls, as browsers do); lost='space': no-break spaces become
    spaces. Returns (mojibake, the original with every truly lost character as U+FFFD)."""
    data = text.encode('utf-8')
    out, lossy_original = [], []
    # Decode character by character so we know which original characters lost a byte.
    for ch in text:
        b = ch.encode('utf-8')
        piece = ''
        lost_here = False
        for byte in b:
            try:
                piece += bytes([byte]).decode(page)
            except UnicodeDecodeError:
                if lost == 'fffd':
                    piece += '\ufffd'
                    lost_here = True
                else:
                    piece += chr(byte)  # sloppy: the C1 control
        out.append(piece)
        lossy_original.append('\ufffd' if lost_here and len(b) > 1 else ch)
    moji = ''.join(out)
    if lost == 'space':
        moji = moji.replace('\xa0', ' ')
    assert data  # keep the encoder honest
    return moji, ''.join(lossy_original)


def make_cases(n, seed):
    rnd = random.Random(seed)
    by_script = load_strings()
    scripts = sorted(by_script)
    emojis = emoji_list()
    cases = []
    while len(cases) < n:
        script = rnd.choice(scripts)
        lang, text = rnd.choice(by_script[script])
        kind = []
        if rnd.random() < 0.15:
            words = text.split(' ')
            for _ in range(rnd.randint(1, 2)):
                words.insert(rnd.randint(0, len(words)), rnd.choice(emojis))
            text = ' '.join(words)
            kind.append('emoji')
        page = rnd.choices(PAGES, WEIGHTS)[0]
        lost = rnd.choices([None, 'fffd', 'space'], [8, 1, 1])[0]
        if lost == 'fffd' and page not in ('cp1252', 'cp1251', 'cp1250', 'cp1253', 'cp1257'):
            lost = None
        span = rnd.random() < 0.3
        target = text
        if span:  # one stretch of words mis-decoded inside correct text
            words = text.split(' ')
            i = rnd.randrange(len(words))
            j = min(len(words), i + rnd.randint(1, 3))
            target = ' '.join(words[i:j])
            if not any(ord(c) > 127 for c in target):
                continue
        moji, lossy_orig = misdecode(target, page, lost)
        double = rnd.random() < 0.12
        if double:  # the mojibake saved as UTF-8 and mis-decoded again
            moji, _ = misdecode(moji, rnd.choice(['cp1252', 'cp1252', 'cp1251', 'latin-1']), None)
            kind.append('double')
        if span:
            prefix = ' '.join(text.split(' ')[:i])
            suffix = ' '.join(text.split(' ')[j:])
            join = lambda a, m, b: (a + ' ' if a else '') + m + (' ' + b if b else '')
            moji, lossy_orig = join(prefix, moji, suffix), join(prefix, lossy_orig, suffix)
            kind.append('span')
        if moji == text:
            continue
        kind.append(page)
        if lost:
            kind.append('lost-' + lost)
        cases.append({'id': 'm%05d' % len(cases), 'text': moji, 'original': text,
                      'lossy': lossy_orig, 'script': script, 'lang': lang, 'kind': kind})
    negatives = [{'id': 'n%06d' % k, 'text': t, 'script': s, 'lang': l}
                 for k, (s, l, t) in enumerate((s, l, t) for s in scripts for l, t in by_script[s])]
    with open(CORRECT, encoding='utf-8') as f:
        for k, line in enumerate(f):
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                negatives.append({'id': 'f%04d' % k, 'text': line, 'script': 'fixture', 'lang': '-'})
    return cases, negatives


def clean(mtclean, docs, workdir, name):
    """Runs the unicode stage alone over docs; returns ({id: text}, {id: [rules]})."""
    inp = os.path.join(workdir, name + '.jsonl')
    out = os.path.join(workdir, name + '.out.jsonl')
    edits = os.path.join(workdir, name + '.edits.jsonl')
    pipe = os.path.join(workdir, 'unicode.pipeline')
    with open(pipe, 'w') as f:
        f.write('unicode\n')
    with open(inp, 'w', encoding='utf-8') as f:
        for d in docs:
            f.write(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n')
    subprocess.run([mtclean, 'clean', inp, '-o', out, '--edits', edits, '-p', pipe, '-q', '--no-observe'],
                   check=True)
    texts, rules = {}, collections.defaultdict(list)
    with open(out, encoding='utf-8') as f:
        for line in f:
            r = json.loads(line)
            texts[r['id']] = r['text']
    with open(edits, encoding='utf-8') as f:
        for line in f:
            e = json.loads(line)
            rules[e['doc']].append(e)
    return texts, rules


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--mtclean', default=os.path.join(ROOT, 'build', 'mtclean'))
    ap.add_argument('--cases', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=14)
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--show-failures', type=int, default=0)
    args = ap.parse_args()
    if not glob.glob(os.path.join(L10N, '*.mo')):
        sys.exit('no wordpress-l10n in third_party/debian: run scripts/setup.sh')
    cases, negatives = make_cases(args.cases, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        originals = [{'id': c['id'] + 'o', 'text': c['original']} for c in cases]
        originals += [{'id': c['id'] + 'l', 'text': c['lossy']} for c in cases]
        ref, _ = clean(args.mtclean, originals, tmp, 'ref')
        got, _ = clean(args.mtclean, cases, tmp, 'cases')
        neg_out, neg_edits = clean(args.mtclean, negatives, tmp, 'neg')

    by = collections.defaultdict(lambda: [0, 0, 0])  # restored, untouched, wrong
    failures = []
    for c in cases:
        out = got[c['id']]
        ok = out in (ref[c['id'] + 'o'], ref[c['id'] + 'l'])
        untouched = out == ref.get(c['id'] + 'x', None) or out == c['text']
        slot = 0 if ok else 1 if untouched else 2
        for key in [c['script']] + c['kind'] + ['all']:
            by[key][slot] += 1
        if not ok:
            failures.append((c, out))
    false_changes = []
    neg_bytes = 0
    for d in negatives:
        neg_bytes += len(d['text'].encode('utf-8'))
        bad = [e for e in neg_edits.get(d['id'], []) if e.get('rule', '').startswith(MOJIBAKE_RULES_PREFIX)]
        if bad:
            false_changes.append((d, bad))

    print('%-12s %8s %9s %9s %7s' % ('cases', 'n', 'restored', 'untouched', 'wrong'))
    for key in sorted(by, key=lambda k: (k != 'all', k)):
        r, u, w = by[key]
        n = r + u + w
        print('%-12s %8d %8.1f%% %8.1f%% %6.1f%%' % (key, n, 100.0 * r / n, 100.0 * u / n, 100.0 * w / n))
    print('negatives: %d texts, %.2f MB, %d changed by mojibake rules' %
          (len(negatives), neg_bytes / 1e6, len(false_changes)))
    for c, out in failures[:args.show_failures]:
        print('FAIL %s %s\n  in:  %r\n  out: %r\n  want:%r' % (c['id'], ' '.join(c['kind']), c['text'][:160],
                                                         out[:160], c['original'][:160]))
    for d, bad in false_changes[:max(args.show_failures, 10)]:
        print('FALSE CHANGE %s %r: %s' % (d['id'], d['text'][:120],
                                         ', '.join('%s %r->%r' % (e['rule'], e.get('before'), e.get('after')) for e in bad[:3])))
    restored = by['all'][0] / max(1, sum(by['all']))
    if args.check and (restored < 0.95 or false_changes or neg_bytes < 1e6):
        sys.exit(1)


if __name__ == '__main__':
    main()
