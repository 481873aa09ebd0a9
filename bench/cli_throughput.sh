#!/usr/bin/env bash
# Times the CLI on a large JSONL corpus and prints MB/s and peak memory, at two corpus sizes
# (memory must stay flat as the input grows) and for 1 and 2 workers.
#   bench/cli_throughput.sh [BUILD_DIR=build] [BIG_MB=256]
# The corpus is the samples' paragraphs shuffled into documents (English news), with
# encoding and punctuation damage in one document out of five.
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

make_corpus 64 "$WORK/corpus-64.jsonl"
make_corpus "$BIG_MB" "$WORK/corpus-$BIG_MB.jsonl"
printf "%-22s %5s %10s %10s %12s\n" corpus jobs seconds MB/s peak_RSS_MB
for corpus in "$WORK/corpus-64.jsonl" "$WORK/corpus-$BIG_MB.jsonl"; do
  mb=$(python3 -c "import os; print(os.path.getsize('$corpus') / 1e6)")
  for jobs in 1 2; do
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$BUILD/mtclean" clean "$corpus" -o "$WORK/out.jsonl" -j "$jobs" -q
    read -r secs kb < "$WORK/time.txt"
    python3 -c "print('%-22s %5d %10.2f %10.1f %12.1f' % ('$(basename "$corpus")', $jobs, $secs, $mb / max($secs, 1e-9), $kb / 1024))"
  done
done
rm -f "$WORK/out.jsonl"
