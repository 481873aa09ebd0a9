#!/usr/bin/env python3
"""Measures accent restoration on real prose stripped of its diacritics.

  bench/accents_eval.py [BUILD_DIR=build] [LANGS=fr,es] [SPLIT=test] [STAGE_OPTIONS]

Text: Debian documentation in French and Spanish, which nothing in mtclean is built from
(the accent models count onboard-data and the Debian Handbook). Its prose paragraphs are stripped of every diacritic (é->e, ñ->n, ç->c), cleaned
by `mtclean clean -p diacritics` with the language left to detection, and compared word
by word with the original. Prints word accuracy overall and on the words that carry a
diacritic, beside two baselines: leaving the text stripped, and always taking the most
frequent form of the accent model.

Set ACCENTS_EVAL_ERRORS=1 for the commonest errors, ACCENTS_EVAL_CONTEXT=<word> for the
words around each error on that word (reference or output).

SPLIT: `dev` is Debian Reference (looked at while the stage was built), `test` the Debian New
Maintainers' Guide (packages maint-guide-fr/-es: measured, never looked at or tuned on).
"""
import gzip, json, os, re, subprocess, sys, tempfile, unicodedata, collections

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build")
LANGS = (sys.argv[2] if len(sys.argv) > 2 else "fr,es").split(",")
SPLIT = sys.argv[3] if len(sys.argv) > 3 else "test"
OPTIONS = sys.argv[4] if len(sys.argv) > 4 else ""  # e.g. current_orthography=true
BOOKS = {"dev": "/usr/share/debian-reference/debian-reference.{0}.txt.gz",
         "test": "/usr/share/doc/maint-guide-{0}/maint-guide.{0}.txt.gz"}
MAX_WORDS = 60000
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

def strip(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))

ENGLISH = set(l.strip() for l in open(os.path.join(SRC, "dictionaries/stopwords/en.txt"), encoding="utf-8")
              if l.strip() and not l.startswith("#"))

def prose(lang):
    """Paragraphs of running text in the language: lines with at least 8 words, mostly
    letters, no commands, and not left in English (the book is partly untranslated: a line
    a third of whose words are English stop words is English)."""
    text = gzip.open(BOOKS[SPLIT].format(lang), "rt", encoding="utf-8").read()
    paras, words = [], 0
    for line in text.split("\n"):
        line = line.strip()
        if len(line.split()) < 8 or re.search(r"[$#{}<>|/=_]|\s-{1,2}\w", line):
            continue
        letters = sum(c.isalpha() or c.isspace() for c in line)
        if letters < 0.9 * len(line):
            continue
        tokens = WORD.findall(line.lower())
        if sum(t in ENGLISH for t in tokens) * 3 >= len(tokens):
            continue
        paras.append(line)
        words += len(line.split())
        if words >= MAX_WORDS:
            break
    return paras

def model_top(lang):
    top = {}
    for line in open(os.path.join(BUILD, "accents", lang + ".accents.tsv"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] != "u":
            continue
        key = strip(f[1])
        n = int(f[2])
        if key not in top or n > top[key][1]:
            top[key] = (f[1], n)
    return {k: v[0] for k, v in top.items()}

def with_case(orig, form):
    if orig.isupper() and len(orig) > 1:
        return form.upper()
    if orig[:1].isupper():
        return form[:1].upper() + form[1:]
    return form

HUNSPELL = {"fr": "fr_FR", "es": "es_ES", "pt": "pt_PT", "de": "de_DE", "cs": "cs_CZ"}

def reference_typos(lang, errors):
    """The (reference, output) pairs whose reference word Hunspell rejects and whose output
    it accepts."""
    words = sorted({w for pair in errors for w in pair})
    if not words or lang not in HUNSPELL:
        return set()
    run = subprocess.run(["hunspell", "-d", HUNSPELL[lang], "-l"], input="\n".join(words), capture_output=True,
                         text=True)
    rejected = set(run.stdout.split())
    return {(g, o) for (g, o) in errors if g in rejected and o not in rejected}

def main():
    for lang in LANGS:
        paras = prose(lang)
        docs = ["\n".join(paras[i:i + 5]) for i in range(0, len(paras), 5)]
        tmp = tempfile.mkdtemp()
        with open(os.path.join(tmp, "in.jsonl"), "w", encoding="utf-8") as f:
            for k, d in enumerate(docs):
                f.write(json.dumps({"id": str(k), "text": strip(d)}, ensure_ascii=False) + "\n")
        pipe = os.path.join(tmp, "p.pipeline")
        open(pipe, "w").write("diacritics %s\n" % OPTIONS)
        subprocess.run([os.path.join(BUILD, "mtclean"), "clean", os.path.join(tmp, "in.jsonl"), "-o",
                        os.path.join(tmp, "out.jsonl"), "-p", pipe, "-q"], check=True)
        outs = [json.loads(l)["text"] for l in open(os.path.join(tmp, "out.jsonl"), encoding="utf-8")]
        top = model_top(lang)
        n = right = accented = accented_right = base_right = freq_right = freq_acc_right = 0
        errors = collections.Counter()
        for gold_doc, out_doc in zip(docs, outs):
            gold, out = WORD.findall(gold_doc), WORD.findall(out_doc)
            if len(gold) != len(out):
                print("  word count differs in a document: skipped")
                continue
            for i, (g, o) in enumerate(zip(gold, out)):
                if o != g and os.environ.get("ACCENTS_EVAL_CONTEXT") in (g, o):
                    print("  %s -> %s: %s" % (g, o, " ".join(out[max(0, i - 5):i + 6])))
                n += 1
                has = strip(g) != g
                s = strip(g)
                freq = with_case(s, top.get(s.lower(), s.lower()))
                right += o == g
                base_right += s == g
                freq_right += freq == g
                if has:
                    accented += 1
                    accented_right += o == g
                    freq_acc_right += freq == g
                if o != g:
                    errors[(g, o)] += 1
        print("%s (%s): %d words (%d with diacritics), %d documents" % (lang, SPLIT, n, accented, len(docs)))
        print("  mtclean:               %.2f%% of words, %.2f%% of words with diacritics" %
              (100.0 * right / n, 100.0 * accented_right / max(1, accented)))
        print("  left stripped:         %.2f%% of words, 0.00%% of words with diacritics" % (100.0 * base_right / n))
        print("  most frequent form:    %.2f%% of words, %.2f%% of words with diacritics" %
              (100.0 * freq_right / n, 100.0 * freq_acc_right / max(1, accented)))
        # The reference translations have typos of their own (`no esta preparado` for
        # `está`): differences where Hunspell rejects the reference's word and accepts
        # mtclean's are counted apart, as an upper bound on the true accuracy.
        misspelled = reference_typos(lang, errors)
        typo_count = sum(c for (g, o), c in errors.items() if (g, o) in misspelled)
        print("  mtclean, reference typos excused: %.2f%% of words (%d differences where Hunspell rejects "
              "the reference and accepts mtclean's word)" % (100.0 * (right + typo_count) / n, typo_count))
        if os.environ.get("ACCENTS_EVAL_ERRORS"):
            print("  errors:", errors.most_common(30))

main()
