#!/usr/bin/env bash
# Times the CLI and prints MB/s and peak memory:
#   bench/cli_throughput.sh [BUILD_DIR=build] [BIG_MB=256]
# 1. Unique English prose (bench/unique_prose.py: the Debian Handbook, GNU info manuals, manual
#    pages, the Brown corpus; 8 MB, no paragraph twice): each stage alone and the default chain,
#    at -j1, the chain also at -j2, next to gzip -6 on the same bytes (machines differ).
# 2. The samples' paragraphs shuffled into a big corpus (English news, encoding and punctuation
#    damage in one document out of five): repeated text, which flatters every cache, at two
#    sizes (memory must stay flat as the input grows) and for 1 and 2 workers.
set -euo pipefail
BUILD=${1:-build}
BIG_MB=${2:-256}
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=${TMPDIR:-/tmp}/mtclean-bench
mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')"; exit 1; }

make_corpus() {  # make_corpus MB PATH
  [ -f "$2" ] && return
  python3 - "$1" "$2" "$SRC/samples" <<'PY'
import json, random, sys, glob
mb, path, samples = int(sys.argv[1]), sys.argv[2], sys.argv[3]
paras = [p for f in sorted(glob.glob(samples + "/*.txt")) for p in open(f, encoding="utf-8").read().split("\n\n") if p.strip()]
rng = random.Random(1)
damage = ["â€™", "Ã©", "\u00a0", " .", ". ,", "\u200b", "\r\n"]
size, n = 0, 0
with open(path, "w", encoding="utf-8") as f:
    while size < mb * 1_000_000:
        text = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(5, 25)))
        if n % 5 == 0:
            words = text.split(" ")
            for _ in range(5):
                i = rng.randrange(len(words)); words[i] += rng.choice(damage)
            text = " ".join(words)
        line = json.dumps({"id": "doc%d" % n, "url": "https://example.org/%d" % n, "text": text}, ensure_ascii=False)
        f.write(line + "\n"); size += len(line.encode()) + 1; n += 1
PY
}

row() {  # row LABEL JOBS CORPUS PIPELINE
  local mb
  mb=$(python3 -c "import os; print(os.path.getsize('$3') / 1e6)")
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$BUILD/mtclean" clean "$3" -o "$WORK/out.jsonl" -j "$2" -p "$4" -q
  read -r secs kb < "$WORK/time.txt"
  python3 -c "print('%-34s %5d %10.2f %10.2f %12.1f' % ('$1', $2, $secs, $mb / max($secs, 1e-9), $kb / 1024))"
}

UNIQUE="$WORK/unique-prose.jsonl"
[ -f "$UNIQUE" ] || /usr/bin/python3 "$SRC/bench/unique_prose.py" "$UNIQUE" 8 >&2
printf "%-34s %5s %10s %10s %12s\n" "unique English prose, 8 MB" jobs seconds MB/s peak_RSS_MB
start=$(date +%s.%N)
gzip -6 -c "$UNIQUE" > /dev/null
python3 -c "import os; s=$(date +%s.%N)-$start; print('%-34s %5d %10.2f %10.2f' % ('gzip -6 (for scale)', 1, s, os.path.getsize('$UNIQUE') / 1e6 / s))"
for stage in unicode punctuation boilerplate diacritics names garbled; do
  printf '%s\n' "$stage" > "$WORK/$stage.pipeline"
  row "$stage alone" 1 "$UNIQUE" "$WORK/$stage.pipeline"
done
printf 'unicode\npunctuation\n' > "$WORK/cheap.pipeline"
row "unicode + punctuation" 1 "$UNIQUE" "$WORK/cheap.pipeline"
row "default chain" 1 "$UNIQUE" default
row "default chain" 2 "$UNIQUE" default

make_corpus 64 "$WORK/corpus-64.jsonl"
make_corpus "$BIG_MB" "$WORK/corpus-$BIG_MB.jsonl"
printf "\n%-34s %5s %10s %10s %12s\n" "repeated samples (default chain)" jobs seconds MB/s peak_RSS_MB
for corpus in "$WORK/corpus-64.jsonl" "$WORK/corpus-$BIG_MB.jsonl"; do
  for jobs in 1 2; do
    row "$(basename "$corpus")" "$jobs" "$corpus" default
  done
done
rm -f "$WORK/out.jsonl"
