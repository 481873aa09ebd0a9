#!/usr/bin/env bash
# build_gazetteer reads every input format it documents (a GeoNames dump, alternateNamesV2,
# admin JSON, the TSV), reports a bad line with file and line, and the names stage uses the
# result.   tests/gazetteer_build_test.sh BUILD_GAZETTEER MTCLEAN SOURCE_DIR
set -u
BUILD=$1; MTCLEAN=$2; F=$3/tests/fixtures/gazetteer
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
"$BUILD" -o "$T/g.bin" --geonames "$F/geonames.txt" --alternate-names "$F/alternateNamesV2.txt" \
  --admin1 "$F/admin1.json" --tsv "$F/people.tsv" 2>"$T/err" || fail "build exit $?: $(cat "$T/err")"
grep -q "5 entries" "$T/err" || fail "expected 5 entries: $(cat "$T/err")"
"$BUILD" -o "$T/bad.bin" --tsv "$F/bad.tsv" 2>"$T/err" && fail "a bad TSV must fail"
grep -q "bad.tsv:1: unknown type 'wizard'" "$T/err" || fail "bad TSV message: $(cat "$T/err")"
out=$(echo "The militants fled Badghis State, and Zabihulá Muyahid said the fighting in Afghanistan went on." |
      "$MTCLEAN" clean -p <(echo "names gazetteer=$T/g.bin") -q)
[ "$out" == "The militants fled Badghis Province, and Zabihullah Mujahid said the fighting in Afghanistan went on." ] ||
  fail "names with the built gazetteer: $out"
[ $failures -eq 0 ] && echo "gazetteer build: all checks passed"
exit $failures
