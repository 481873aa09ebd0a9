#!/usr/bin/env bash
# The command-line contract that scripts rely on (issue #2), checked end to end:
#   tests/cli_test.sh path/to/mtclean SOURCE_DIR
set -u
MTCLEAN=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { [ "$1" == "$2" ] || fail "$3: expected [$2], got [$1]"; }

# stdin -> stdout, nothing else on stdout
out=$(printf 'Kunduz .\n' | "$MTCLEAN" clean 2>"$T/err")
expect_eq "$out" "Kunduz." "stdin to stdout"
out=$(printf 'a . .\n' | "$MTCLEAN" clean - 2>/dev/null)
expect_eq "$out" "a." "'-' is stdin"

# a file to a file, a folder to a mirrored folder, with edit log and stats
"$MTCLEAN" clean "$SRC/samples/001_0baa4093cd508048.txt" -o "$T/one.txt" -q || fail "file to file exit $?"
cmp -s "$T/one.txt" "$SRC/samples/expected/001_0baa4093cd508048.txt" || fail "file to file output"
mkdir -p "$T/in/sub"
cp "$SRC"/samples/*.txt "$T/in/"
printf 'nested  text .\n' > "$T/in/sub/nested.txt"
"$MTCLEAN" clean "$T/in" -o "$T/out" --edits "$T/edits.jsonl" --stats "$T/stats.json" -q || fail "dir exit $?"
[ -f "$T/out/sub/nested.txt" ] || fail "folder not mirrored"
expect_eq "$(cat "$T/out/sub/nested.txt")" "nested text." "nested file cleaned"
for f in "$SRC"/samples/*.txt; do
  cmp -s "$T/out/$(basename "$f")" "$SRC/samples/expected/$(basename "$f")" || fail "dir output $(basename "$f")"
done
python3 - "$T/edits.jsonl" "$T/in" "$T/out" "$T/stats.json" <<'PY' || fail "edit log does not reproduce the outputs"
import json, sys, os, collections
log, indir, outdir, stats = sys.argv[1:]
edits = collections.defaultdict(list)
for line in open(log, encoding="utf-8"):
    e = json.loads(line)
    assert set(e) >= {"doc", "stage", "rule", "action", "start", "end", "before", "after", "confidence"}, e
    assert e["action"] in ("replace", "insert", "delete", "flag") and 0 <= e["confidence"] <= 1
    edits[e["doc"]].append(e)
for doc, es in edits.items():
    src = open(doc, "rb").read()
    rel = os.path.relpath(doc, indir)
    out, pos = b"", 0
    for e in es:
        assert src[e["start"]:e["end"]] == e["before"].encode(), (doc, e)
        if e["action"] == "flag": continue
        assert e["start"] >= pos, ("unsorted", e)
        out += src[pos:e["start"]] + e["after"].encode()
        pos = e["end"]
    out += src[pos:]
    assert out == open(os.path.join(outdir, rel), "rb").read(), doc
s = json.load(open(stats))
assert s["documents"]["in"] == 5 and s["documents"]["out"] == 5, s["documents"]
assert len(s["stages"]) >= 3 and s["stages"][0]["stage"] == "unicode", s["stages"]
PY

# JSONL: passthrough, ids, compression, order, and the same bytes for -j1 and -j2
python3 - "$T/corpus.jsonl" "$SRC/samples" <<'PY'
import json, sys, glob
with open(sys.argv[1], "w", encoding="utf-8") as f:
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[2] + "/*.txt"))]
    for i in range(400):
        body = json.dumps(texts[i % len(texts)] + " extra .", ensure_ascii=False)
        f.write('{"url": "u%d", "body": %s, "n": 1.50}\n' % (i, body))
PY
"$MTCLEAN" clean "$T/corpus.jsonl" --text-field body --id-field url -o "$T/j1.jsonl.zst" --edits "$T/e1.jsonl" -j 1 -q || fail "jsonl -j1 exit $?"
"$MTCLEAN" clean "$T/corpus.jsonl" --text-field body --id-field url -o "$T/j2.jsonl.zst" --edits "$T/e2.jsonl" -j 2 -q || fail "jsonl -j2 exit $?"
zstd -dcq "$T/j1.jsonl.zst" > "$T/j1.jsonl"
zstd -dcq "$T/j2.jsonl.zst" > "$T/j2.jsonl"
cmp -s "$T/j1.jsonl" "$T/j2.jsonl" || fail "-j1 and -j2 outputs differ"
cmp -s "$T/e1.jsonl" "$T/e2.jsonl" || fail "-j1 and -j2 edit logs differ"
expect_eq "$(wc -l < "$T/j1.jsonl")" "400" "jsonl line count"
expect_eq "$(head -c 23 "$T/j1.jsonl")" '{"url": "u0", "body": "' "jsonl passthrough"
grep -q '"n": 1.50}$' "$T/j1.jsonl" || fail "other fields must pass through byte for byte"
grep -q '"doc":"u399"' "$T/e1.jsonl" || fail "edit log uses the id field"
gzip -c "$T/corpus.jsonl" > "$T/corpus.jsonl.gz"
"$MTCLEAN" clean "$T/corpus.jsonl.gz" --text-field body -o "$T/g.jsonl.gz" -q || fail "gz exit $?"
expect_eq "$(gzip -dc "$T/g.jsonl.gz" | wc -l)" "400" "gz round trip"

# Bad input: a malformed JSONL line is reported with its line number, the rest processed
printf '{"text":"a ."}\n{"text": broken\n{"text":"b ."}\n{"other":1}\n' > "$T/bad.jsonl"
"$MTCLEAN" clean "$T/bad.jsonl" -o "$T/bad.out.jsonl" --rejected "$T/rejected.jsonl" --stats "$T/bad.stats.json" -q 2>"$T/err"
rc=$?
expect_eq "$rc" "3" "exit code with rejected records"
grep -q "bad.jsonl:2: malformed JSON" "$T/err" || fail "line number of a malformed line: $(cat "$T/err")"
grep -q "bad.jsonl:4: no \"text\" field" "$T/err" || fail "missing text field reported"
expect_eq "$(cat "$T/bad.out.jsonl")" $'{"text":"a."}\n{"text":"b."}' "good lines still processed"
expect_eq "$(wc -l < "$T/rejected.jsonl")" "2" "rejected lines kept verbatim"
python3 -c "import json,sys; d=json.load(open('$T/bad.stats.json'))['documents']; assert d['in']==d['out']+d['dropped']+d['rejected']==4, d" || fail "documents in = out + dropped + rejected"

# Invalid UTF-8, NUL bytes, empty documents, a 50 MB line without a newline
printf 'caf\xe9\x00 au lait\xff' | "$MTCLEAN" clean > "$T/bin.txt" 2>/dev/null || fail "binary input exit $?"
python3 -c "open('$T/bin.txt','rb').read().decode('utf-8')" || fail "output is not UTF-8"
expect_eq "$(cat "$T/bin.txt")" "café au laitÿ" "bytes repaired"
: > "$T/empty.txt"
"$MTCLEAN" clean "$T/empty.txt" -o "$T/empty.out" -q || fail "empty exit $?"
[ -f "$T/empty.out" ] && [ ! -s "$T/empty.out" ] || fail "empty document gives an empty output"
python3 -c "import sys; sys.stdout.write('word . ' * 7_500_000)" > "$T/long.txt"
"$MTCLEAN" clean "$T/long.txt" -o "$T/long.out" -q || fail "50 MB line exit $?"
expect_eq "$(head -c 12 "$T/long.out")" "word. word. " "50 MB line cleaned"
printf '{"text":"caf\xe9 ."}\n' > "$T/latin1.jsonl"
expect_eq "$("$MTCLEAN" clean "$T/latin1.jsonl" 2>"$T/err")" '{"text":"café."}' "invalid UTF-8 inside JSONL"
grep -q "latin1.jsonl:1: invalid UTF-8 repaired" "$T/err" || fail "JSONL encoding repair reported"

# A pipe or device as output is written, never replaced by a renamed file
mkfifo "$T/fifo"
cat "$T/fifo" > "$T/fifo.out" &
reader=$!
echo "Kunduz ." | "$MTCLEAN" clean --edits "$T/fifo" -q > /dev/null || fail "edits to a FIFO exit $?"
wait $reader
[ -p "$T/fifo" ] || fail "the FIFO was replaced by a file"
grep -q '"rule":"space-before-punct"' "$T/fifo.out" || fail "edit log written to the FIFO"

# Errors: one clear line, non-zero exit
"$MTCLEAN" clean "$T/does-not-exist.txt" -o "$T/x" 2>"$T/err"
expect_eq "$?" "1" "missing input exit"
expect_eq "$(cat "$T/err")" "mtclean: cannot read $T/does-not-exist.txt: no such file or directory" "missing input message"
printf 'unicode\npunctuation colour=red\n' > "$T/bad.pipeline"
echo x | "$MTCLEAN" clean -p "$T/bad.pipeline" 2>"$T/err" >/dev/null
expect_eq "$?" "2" "bad pipeline exit"
grep -q "bad.pipeline:2: stage 'punctuation' has no option 'colour'" "$T/err" || fail "bad pipeline message: $(cat "$T/err")"
expect_eq "$(wc -l < "$T/err")" "1" "one line for a config error"
echo x | "$MTCLEAN" clean --bogus >/dev/null 2>&1
expect_eq "$?" "2" "unknown flag exit"
[ ! -e "$T/x" ] || fail "nothing written when the input is missing"

# Batch knowledge: a line that no phrase list knows but that stands in many pages is chrome;
# observe + merge-stats over shards gives the same result as one run over everything.
mkdir -p "$T/site/a" "$T/site/b"
for i in $(seq 1 12); do
  d=$([ $i -le 6 ] && echo a || echo b)
  python3 - "$T/site/$d/p$i.txt" "$SRC/samples/004_f484baaed8a32eec.txt" "$i" <<'PY'
import sys
body = open(sys.argv[2], encoding="utf-8").read().split("\n\n")
i = int(sys.argv[3])
text = "Get the Kabul Daily app on your phone\n\n" + "\n\n".join(body[i % 4: i % 4 + 8]) + "\n"
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
done
"$MTCLEAN" clean "$T/site" -o "$T/site-out" --edits "$T/site-edits.jsonl" -q || fail "site clean exit $?"
grep -rq "Kabul Daily app" "$T/site-out" && fail "a line repeated across pages stays"
expect_eq "$(grep '"rule":"repeated-across-pages"' "$T/site-edits.jsonl" | grep -c '"before":"Get the Kabul Daily')" "12" "repeated line removed in every page"
"$MTCLEAN" clean "$T/site" -o "$T/site-noobs" --no-observe -q || fail "no-observe exit $?"
grep -rq "Kabul Daily app" "$T/site-noobs" || fail "--no-observe skips the first pass"
"$MTCLEAN" observe "$T/site/a" -o "$T/a.stats" || fail "observe exit $?"
"$MTCLEAN" observe "$T/site/b" -o "$T/b.stats" || fail "observe exit $?"
"$MTCLEAN" merge-stats "$T/a.stats" "$T/b.stats" -o "$T/ab.stats" || fail "merge-stats exit $?"
"$MTCLEAN" clean "$T/site" -o "$T/site-merged" --corpus-stats "$T/ab.stats" -q || fail "clean with stats exit $?"
diff -r "$T/site-out" "$T/site-merged" >/dev/null || fail "sharded observation differs from one pass"
echo x > "$T/bogus.stats"
"$MTCLEAN" clean "$T/site" -o "$T/x2" --corpus-stats "$T/bogus.stats" -q 2>"$T/err"
expect_eq "$?" "1" "bad stats file exit"
grep -q "not an mtclean corpus statistics file" "$T/err" || fail "bad stats file message"

# Names across a batch: the page that spells a name the rare way takes the batch's spelling
mkdir -p "$T/names"
for i in 1 2 3 4; do
  echo "The takeover of the district was confirmed on Monday by the provincial parliamentarian Mahdi Rashij, who said that the fighting had lasted three days." > "$T/names/p$i.txt"
done
echo "The parliamentarian Rasij has said that at least seven agents died and that several members of the security forces were captured." > "$T/names/p5.txt"
"$MTCLEAN" clean "$T/names" -o "$T/names-out" -q || fail "names batch exit $?"
grep -q "The parliamentarian Rashij has said" "$T/names-out/p5.txt" || fail "batch spelling: $(cat "$T/names-out/p5.txt")"
cmp -s "$T/names/p1.txt" "$T/names-out/p1.txt" || fail "the well attested spelling stays"

# stages lists every rule
"$MTCLEAN" stages > "$T/stages.txt" || fail "stages exit"
for r in mojibake nfc odd-space space-before-punct stacked-punct missing-space-after-sentence quote-direction; do
  grep -q "$r" "$T/stages.txt" || fail "stages lacks rule $r"
done

# diff: the changes, not the clean text; no colours unless asked (or a terminal)
out=$(printf 'Kunduz .\n' | "$MTCLEAN" diff -q) || fail "diff exit $?"
expect_eq "$(sed -n 3p <<<"$out")" "Kunduz[- -]#1." "diff marks the change"
grep -q "#1 punctuation/space-before-punct 0.95" <<<"$out" || fail "diff tags the change: $out"
grep -q $'\x1b' <<<"$out" && fail "diff coloured when not a terminal"
out=$(printf 'Kunduz .\n' | "$MTCLEAN" diff --color always -q)
grep -q $'\x1b\[31m' <<<"$out" || fail "diff --color always"
"$MTCLEAN" diff "$SRC/samples" -o "$T/samples.diff" --no-color -q || fail "diff of a folder exit $?"
grep -q "^=== .*001_0baa4093cd508048.txt ===" "$T/samples.diff" || fail "diff of a folder: no document header"
[ -e "$T/samples.diff" ] && [ ! -d "$T/samples.diff" ] || fail "diff -o is one file"
out=$(printf 'Nothing to change here.\n' | "$MTCLEAN" diff -q)
expect_eq "$out" "" "diff of a clean document is empty"
# --html writes a report beside the clean text
"$MTCLEAN" clean "$SRC/samples/001_0baa4093cd508048.txt" -o "$T/h.txt" --html "$T/report" -q || fail "--html exit $?"
[ -f "$T/report/index.html" ] && [ -f "$T/report/docs/1.html" ] || fail "--html files"
cmp -s "$T/h.txt" "$SRC/samples/expected/001_0baa4093cd508048.txt" || fail "--html changes the clean text"

if [ $failures -gt 0 ]; then echo "$failures failure(s)" >&2; exit 1; fi
echo "cli contract: all checks passed"
