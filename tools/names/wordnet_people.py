#!/usr/bin/env python3
"""Lists the people of WordNet with their full names, for the gazetteer.

  wordnet_people.py /usr/share/wordnet/data.noun SKIP.tsv OUT.tsv

WordNet 3.0 (Debian wordnet-base) names about 3,800 people as instances of a kind of person
("Yasser Arafat" is an instance of "statesman"), with the spellings English writes them in
("Muammar al-Qaddafi, Muammar el-Qaddafi"; "Saddam Hussein, Saddam bin Hussein at-Takriti").
Written in the format of dictionaries/gazetteer/people.tsv (name, type, country, prominence,
alternates, source): only full names of two words or more (a surname alone, "Hussein", is
several people and a word of many texts), the one that ends with the synset's surname first;
country unknown ("-"); prominence 6, as WordNet says nothing of fame. People SKIP.tsv lists
(a people.tsv) are left to it.
"""
import os
import re
import sys

NAME = re.compile(r"^[A-Z][A-Za-z.'-]*( [A-Za-z][A-Za-z.'-]*)+$")


def main():
    src, skip, out = sys.argv[1], sys.argv[2], sys.argv[3]
    known = set()
    for line in open(skip, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        known.add(fields[0])
        known.update(a for a in fields[4].split(",") if a)
    people = []
    for line in open(src, encoding="latin-1"):
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        if len(fields) < 4 or fields[1] != "18" or fields[2] != "n":
            continue  # lexicographer file 18: noun.person
        count = int(fields[3], 16)
        lemmas = [lemma.replace("_", " ") for lemma in fields[4:4 + 2 * count:2]]
        if "@i" not in fields[4 + 2 * count:]:
            continue  # a kind of person, not a person
        full = [name for name in lemmas if NAME.match(name)]
        if not full or any(name in known for name in full):
            continue
        surname = lemmas[0]
        full.sort(key=lambda name: (name.split(" ")[-1] != surname, len(name.split(" "))))
        people.append((full[0], full[1:], fields[0]))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write("# People of WordNet 3.0 (tools/names/wordnet_people.py); WordNet 3.0 licence\n")
        for name, alternates, offset in sorted(people):
            f.write("%s\tperson\t-\t6\t%s\twordnet-3.0:%s-n\n" % (name, ",".join(alternates), offset))
    os.replace(out + ".tmp", out)
    print("wordnet_people: %d people -> %s" % (len(people), out), file=sys.stderr)


if __name__ == "__main__":
    main()
