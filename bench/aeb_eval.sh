#!/usr/bin/env bash
# Article-body extraction on ../shared/dev/aeb (121 real pages with human-marked bodies):
#   bench/aeb_eval.sh [BUILD_DIR=build] [PIPELINE=default] [AEB_DIR=../shared/dev/aeb]
# Prints the F1 of ../shared/bench/aeb_score.py on the cleaned pages, then the share of
# words that survive when the gold bodies themselves are cleaned (clean text must stay).
# The pages are evaluation data only: nothing of them is copied into the repository.
set -euo pipefail
BUILD=${1:-build}
PIPELINE=${2:-default}
SRC=$(cd "$(dirname "$0")/.." && pwd)
AEB=${3:-$SRC/../shared/dev/aeb}
SCORE=$SRC/../shared/bench/aeb_score.py
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/in" "$W/gold"
for f in "$AEB"/*.input.txt; do n=$(basename "$f" .input.txt); cp "$f" "$W/in/$n.txt"; done
for f in "$AEB"/*.gold.txt; do n=$(basename "$f" .gold.txt); cp "$f" "$W/gold/$n.txt"; done
"$BUILD/mtclean" clean "$W/in" -o "$W/out" -p "$PIPELINE" -q --edits "${AEB_EDITS:-$W/edits.jsonl}"
"$BUILD/mtclean" clean "$W/gold" -o "$W/goldout" -p "$PIPELINE" -q
mkdir -p "$W/scored"
for f in "$W"/out/*.txt; do cp "$f" "$W/scored/$(basename "$f" .txt).out.txt"; done
python3 "$SCORE" "$AEB" "$W/scored" ${AEB_VERBOSE:+-v}
python3 - "$W/gold" "$W/goldout" <<'PY'
import collections, glob, os, re, sys
tok = re.compile(r"\w+")
total = kept = 0
worst = []
for g in sorted(glob.glob(sys.argv[1] + "/*.txt")):
    a = collections.Counter(tok.findall(open(g, encoding="utf-8").read()))
    o = os.path.join(sys.argv[2], os.path.basename(g))
    b = collections.Counter(tok.findall(open(o, encoding="utf-8").read())) if os.path.exists(o) else collections.Counter()
    n, k = sum(a.values()), sum((a & b).values())
    total += n; kept += k
    if n: worst.append((k / n, os.path.basename(g)))
worst.sort()
print("gold words kept %.4f (%d of %d); lowest pages: %s" % (kept / max(total, 1), kept, total,
      ", ".join("%s %.3f" % (name, r) for r, name in worst[:5])))
PY
