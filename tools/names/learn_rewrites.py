#!/usr/bin/env python3
"""Learns how a language respells names, from names both English and that language write.

  learn_rewrites.py PAIRS.tsv OUT_DIR [--languages es,fr,de] [--common ar.tsv]

PAIRS.tsv: lang<TAB>English name<TAB>the language's name<TAB>source (build_gazetteer
--name-pairs: CLDR territories and exemplar cities, iso-codes' ISO 3166-2 translations,
libgeonames). iso-codes' pairs are left out: its "English" names of divisions are the local
official romanisations ("Jizzax", "Samux"), and the other languages' translations spell them
as English does ("Djizak", "Samukh"), which taught "English x is French kh" backwards. For
each language, writes OUT_DIR/<lang>.tsv in the format of dictionaries/transliteration/*.tsv
(english<TAB>foreign, folded), the rewrites that language makes most reliably:

- Pairs are cut into words; only words of names with as many words on both sides, and only
  respellings (at most half their letters changed), count: "Vereinigte Arabische Emirate"
  teaches nothing, "Chost" for "Khost" does.
- Each word pair is aligned by edit distance; a run of changed letters is a rewrite
  ("kh" -> "j"), also counted with a letter of context on either side and both ("sh" ->
  "sch" is an inserted "c" between s and h).
- A rewrite is kept when it is seen in at least MIN_COUNT words and is what the language
  does with those English letters at least MIN_SHARE of the times they occur in an aligned
  word; rewrites every English romanisation shows (--common: the vowel and q/k variation of
  ar.tsv, and any change of vowels and y alone: Oromia, Oromiya) are left out, so that a
  learned rule is a sign of the language.
"""
import argparse
import collections
import os
import re
import sys
import unicodedata

MIN_COUNT = 4
MIN_SHARE = 0.2
MAX_RULES = 40
MAX_LEN = 4  # letters on either side of a rewrite


def fold(name):
    """Lower case, accents off, letters and spaces only (hyphens and apostrophes are spaces)."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ł", "l").replace("đ", "d")
    return re.sub(r"[^a-z]+", " ", s).split()


def align(a, b):
    """Levenshtein alignment of a and b: a list of (a_piece, b_piece) ops, matches as (x, x)."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    ops, i, j = [], n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and a[i - 1] == b[j - 1] and d[i][j] == d[i - 1][j - 1]:
            ops.append((a[i - 1], b[j - 1])); i -= 1; j -= 1
        elif i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + 1:
            ops.append((a[i - 1], b[j - 1])); i -= 1; j -= 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            ops.append((a[i - 1], "")); i -= 1
        else:
            ops.append(("", b[j - 1])); j -= 1
    return ops[::-1], d[n][m]


def rewrites(english, foreign):
    """The rewrites that turn `english` into `foreign` (one word each), with context variants."""
    ops, _ = align(english, foreign)
    out = set()
    k = 0
    while k < len(ops):
        if ops[k][0] == ops[k][1]:
            k += 1
            continue
        start = k
        while k < len(ops) and ops[k][0] != ops[k][1]:
            k += 1
        e = "".join(o[0] for o in ops[start:k])
        f = "".join(o[1] for o in ops[start:k])
        left = ops[start - 1][0] if start > 0 else ""
        right = ops[k][0] if k < len(ops) else ""
        for l, r in ((left, ""), ("", right), (left, right), ("", "")):
            if (e or l or r) and len(l + e + r) <= MAX_LEN and len(l + f + r) <= MAX_LEN + 1:
                if not (l + e + r):
                    continue
                out.add((l + e + r, l + f + r))
    return out


def vowels_only(english, foreign):
    """Whether the rewrite changes vowels (and y) only: English romanisations themselves vary
    so (Oromia, Oromiya; Fuad, Fouad), so it is no sign of a language."""
    i = 0
    while i < min(len(english), len(foreign)) and english[i] == foreign[i]:
        i += 1
    j = 0
    while j < min(len(english), len(foreign)) - i and english[-1 - j] == foreign[-1 - j]:
        j += 1
    changed = english[i:len(english) - j] + foreign[i:len(foreign) - j]
    return all(c in "aeiouy" for c in changed)


def learn(pairs, common):
    counts = collections.Counter()
    words = []
    for english, foreign in pairs:
        ew, fw = fold(english), fold(foreign)
        if len(ew) != len(fw):
            continue
        for e, f in zip(ew, fw):
            if len(e) < 3 or len(f) < 3:
                continue
            _, dist = align(e, f)
            if dist * 2 > max(len(e), len(f)):
                continue  # a translation, not a respelling
            words.append(e)
            for rw in rewrites(e, f):
                counts[rw] += 1
    occurrences = collections.Counter()
    patterns = {e for e, _ in counts}
    for w in words:
        for p in patterns:
            if p in w:
                occurrences[p] += 1
    rules = []
    for (e, f), n in counts.items():
        if e == f or not e or not f or n < MIN_COUNT or (e, f) in common or vowels_only(e, f):
            continue
        share = n / max(1, occurrences[e])
        if share >= MIN_SHARE:
            rules.append((n, share, e, f))
    # A rewrite seen almost only inside a longer one is that one ("k" -> "c" is "kh" -> "ch":
    # Kabul keeps its k).
    def extends(long_rule, short_rule):
        (le, lf), (se, sf) = long_rule, short_rule
        for i in range(len(le) - len(se) + 1):
            if le[i:i + len(se)] == se and lf.startswith(le[:i]) and lf.endswith(le[i + len(se):]) \
                    and lf[i:len(lf) - (len(le) - i - len(se))] == sf and le != se:
                return True
        return False
    rules = [r for r in rules
             if not any(extends((e2, f2), (r[2], r[3])) and n2 >= 0.8 * r[0] for n2, _, e2, f2 in rules)]
    # A rule that is a longer form of a kept one adds nothing ("ov" -> "ow" beside "v" -> "w")
    # unless it is far more reliable.
    rules.sort(key=lambda r: (-r[0], r[2], r[3]))
    kept = []
    for n, share, e, f in rules:
        redundant = any(e2 in e and e.replace(e2, f2, 1) == f and s2 + 0.3 >= share for _, s2, e2, f2 in kept)
        if not redundant:
            kept.append((n, share, e, f))
    return kept[:MAX_RULES], len(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs")
    ap.add_argument("out_dir")
    ap.add_argument("--languages", default="es,fr,de")
    ap.add_argument("--common", help="rules every romanisation shows (english<TAB>variant), left out")
    args = ap.parse_args()
    common = set()
    if args.common:
        for line in open(args.common, encoding="utf-8"):
            if line.strip() and not line.startswith("#") and "\t" in line:
                e, f = line.rstrip("\n").split("\t")[:2]
                common.add((e, f))
    by_lang = collections.defaultdict(list)
    for line in open(args.pairs, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3 and (len(parts) < 4 or parts[3] != "iso-codes"):
            by_lang[parts[0]].append((parts[1], parts[2]))
    os.makedirs(args.out_dir, exist_ok=True)
    for lang in args.languages.split(","):
        rules, n_words = learn(by_lang.get(lang, []), common)
        path = os.path.join(args.out_dir, lang + ".tsv")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            out.write("# How %s respells English names, learned by tools/names/learn_rewrites.py from %d word\n" % (lang, n_words))
            out.write("# pairs of CLDR, iso-codes and libgeonames names (build_gazetteer --name-pairs).\n")
            out.write("# Format: english<TAB>%s. Before each rule: words seen with it, share of its letters.\n" % lang)
            for n, share, e, f in rules:
                out.write("# %d words, %.2f\n%s\t%s\n" % (n, share, e, f))
        os.replace(path + ".tmp", path)
        print("learn_rewrites: %s: %d rules from %d word pairs -> %s" % (lang, len(rules), n_words, path), file=sys.stderr)


if __name__ == "__main__":
    main()
