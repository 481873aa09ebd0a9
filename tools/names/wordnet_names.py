#!/usr/bin/env python3
"""Lists the names English writes for places and people: WordNet's instance nouns.

  wordnet_names.py /usr/share/wordnet/data.noun OUT.txt

WordNet (Debian wordnet-base) lists proper names as instances of a class ("Teheran, Tehran,
capital of Iran" is an instance of "national capital"), with the variant spellings English
uses (Teheran, Rumania, Luxemburg, Viet Nam, Djakarta). The names stage never "repairs" a
spelling English itself writes. One name per line, as WordNet writes it (underscores as spaces).
"""
import os
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    names = set()
    for line in open(src, encoding="latin-1"):
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        if len(fields) < 4 or fields[2] != "n":
            continue
        count = int(fields[3], 16)
        lemmas = fields[4:4 + 2 * count:2]
        rest = fields[4 + 2 * count:]
        if "@i" not in rest:
            continue  # not an instance: a common noun
        for lemma in lemmas:
            name = lemma.replace("_", " ")
            if name[:1].isupper():
                names.add(name)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write("# English names of WordNet's instance nouns (tools/names/wordnet_names.py)\n")
        for name in sorted(names):
            f.write(name + "\n")
    os.replace(out + ".tmp", out)
    print("wordnet_names: %d names -> %s" % (len(names), out), file=sys.stderr)


if __name__ == "__main__":
    main()
