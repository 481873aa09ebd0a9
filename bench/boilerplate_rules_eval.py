#!/usr/bin/python3
"""Which boilerplate rule removes what, on real pages with known answers.

Usage (from the project root, after a build):
  bench/boilerplate_rules_eval.py [--build build] [--pipeline default] [--traf DIR] [--aeb DIR] [-v RULE]

Cleans ../shared/dev/traf (pages with 'keep' and 'absent' snippets) and ../shared/dev/aeb
(pages with their human-marked article body) each as one batch, as a corpus run would, with
the edit log, and judges every boilerplate deletion and flag:
  - traf: a deletion that covers part of a 'keep' snippet is wrong, one that covers part of an
    'absent' snippet is right (others are not judged);
  - aeb: a deleted line whose words stand in the gold body (>= 60% of its 4-word shingles; a line
    of fewer than six words must be a line of the body) is wrong, otherwise right.
Prints, per rule: deletions judged right / wrong, their precision (the share of right ones:
the figure the stage's confidences come from), and how many keep snippets each rule lost.
With -v RULE, prints the wrong deletions of that rule. With --write-confidence FILE, writes
each rule's precision (rule<TAB>precision<TAB>judged) for dictionaries/boilerplate/rule_confidence.tsv
(rules judged fewer than 20 times get no figure: the stage's default, 0.9, stands).
These sets are for evaluation only: nothing of them goes into the product.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
TOK = re.compile(r"\w+")


def run(build, pipeline, docs, tmp, name):
    src, dst, edits = (os.path.join(tmp, name + x) for x in (".in.jsonl", ".out.jsonl", ".edits.jsonl"))
    with open(src, "w", encoding="utf-8") as f:
        for k, text in docs:
            f.write(json.dumps({"id": k, "text": text}, ensure_ascii=False) + "\n")
    subprocess.run([os.path.join(build, "mtclean"), "clean", src, "-o", dst, "-p", pipeline, "-q",
                    "--edits", edits], check=True)
    by_doc = collections.defaultdict(list)
    for line in open(edits, encoding="utf-8"):
        e = json.loads(line)
        if e["stage"] == "boilerplate" or "boilerplate" in e.get("merged", []):
            by_doc[e["doc"]].append(e)
    return by_doc


def byte_spans(text, snippet):
    """Byte spans of `snippet` in `text`, whitespace folded (the scorer folds it too)."""
    words = snippet.split()
    if not words:
        return []
    pat = re.compile(r"\s+".join(re.escape(w) for w in words))
    raw = text.encode("utf-8")
    out = []
    for m in pat.finditer(text):
        b = len(text[:m.start()].encode("utf-8"))
        out.append((b, b + len(m.group(0).encode("utf-8"))))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--pipeline", default="default")
    ap.add_argument("--traf", default=os.path.join(SHARED, "dev", "traf"))
    ap.add_argument("--aeb", default=os.path.join(SHARED, "dev", "aeb"))
    ap.add_argument("-v", dest="verbose", default=None, help="print the wrong deletions of this rule")
    ap.add_argument("--write-confidence", default=None, help="write per-rule precision to this file")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    right, wrong, lost = collections.Counter(), collections.Counter(), collections.Counter()
    flag_right, flag_wrong = collections.Counter(), collections.Counter()

    def judge(rule, action, ok, doc, what):
        if action == "flag":
            (flag_right if ok else flag_wrong)[rule] += 1
        else:
            (right if ok else wrong)[rule] += 1
        if not ok and a.verbose == rule:
            print(f"  {doc} {action}: {what[:140]!r}")

    # traf: snippets.
    keys = sorted(f[:-4] for f in os.listdir(a.traf) if f.endswith(".tsv"))
    texts = {k: open(os.path.join(a.traf, k + ".input.txt"), encoding="utf-8", errors="replace").read()
             for k in keys}
    edits = run(a.build, a.pipeline, [(k, texts[k]) for k in keys], tmp, "traf")
    for k in keys:
        keep, absent = [], []
        for line in open(os.path.join(a.traf, k + ".tsv"), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            kind, snip = line.split("\t", 1)
            spans = byte_spans(texts[k], snip)
            (keep if kind == "keep" else absent).extend(spans)
        raw = texts[k].encode("utf-8")
        for e in edits.get(k, []):
            if e["action"] not in ("delete", "flag"):
                continue
            s, t = e["start"], e["end"]
            hits_keep = [sp for sp in keep if sp[0] < t and s < sp[1]]
            hits_absent = [sp for sp in absent if sp[0] < t and s < sp[1]]
            if hits_keep:
                judge(e["rule"], e["action"], False, "traf/" + k, raw[s:t].decode("utf-8", "replace"))
                if e["action"] != "flag":
                    lost[e["rule"]] += len(hits_keep)
            elif hits_absent:
                judge(e["rule"], e["action"], True, "traf/" + k, "")
    # aeb: gold bodies.
    keys = sorted(f[:-10] for f in os.listdir(a.aeb) if f.endswith(".input.txt"))
    texts = {k: open(os.path.join(a.aeb, k + ".input.txt"), encoding="utf-8", errors="replace").read()
             for k in keys}
    edits = run(a.build, a.pipeline, [(k, texts[k]) for k in keys], tmp, "aeb")
    for k in keys:
        gold_raw = open(os.path.join(a.aeb, k + ".gold.txt"), encoding="utf-8").read()
        gold = TOK.findall(gold_raw)
        gold_lines = {" ".join(TOK.findall(line)) for line in gold_raw.splitlines()}
        grams = collections.Counter(tuple(gold[i:i + 4]) for i in range(max(0, len(gold) - 3)))
        raw = texts[k].encode("utf-8")
        for e in edits.get(k, []):
            if e["action"] not in ("delete", "flag"):
                continue
            toks = TOK.findall(raw[e["start"]:e["end"]].decode("utf-8", "replace"))
            if not toks:
                continue
            if len(toks) < 6:  # a short line is the body's when the body has it as a line
                in_gold = " ".join(toks) in gold_lines
            else:
                mine = [tuple(toks[i:i + 4]) for i in range(len(toks) - 3)]
                in_gold = sum(g in grams for g in mine) >= 0.6 * len(mine)
            judge(e["rule"], e["action"], not in_gold, "aeb/" + k, " ".join(toks))
    rules = sorted(set(right) | set(wrong) | set(flag_right) | set(flag_wrong))
    print(f"{'rule':24} {'right':>6} {'wrong':>6} {'prec':>6} {'keeplost':>8}   flags right/wrong")
    for r in sorted(rules, key=lambda r: -(right[r] + wrong[r])):
        n = right[r] + wrong[r]
        p = right[r] / n if n else float("nan")
        print(f"{r:24} {right[r]:6d} {wrong[r]:6d} {p:6.3f} {lost[r]:8d}   {flag_right[r]}/{flag_wrong[r]}")
    if a.write_confidence:
        with open(a.write_confidence, "w", encoding="utf-8") as f:
            f.write("# Per boilerplate rule: the share of its removals (and flags) judged right on the dev\n"
                    "# sets, and how many were judged; written by bench/boilerplate_rules_eval.py\n"
                    "# --write-confidence. The stage's edits carry it as their confidence; a rule below the\n"
                    "# stage's min_confidence only flags. Rules judged fewer than 20 times are not listed.\n")
            for r in sorted(rules):
                n = right[r] + wrong[r] + flag_right[r] + flag_wrong[r]
                if n >= 20:
                    f.write(f"{r}\t{(right[r] + flag_right[r]) / n:.3f}\t{n}\n")
    n = sum(right.values()) + sum(wrong.values())
    print(f"{'all':24} {sum(right.values()):6d} {sum(wrong.values()):6d} "
          f"{sum(right.values()) / max(1, n):6.3f} {sum(lost.values()):8d}")


if __name__ == "__main__":
    main()
