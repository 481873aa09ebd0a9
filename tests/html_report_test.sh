#!/usr/bin/env bash
# The HTML review report, opened as a person would, in headless Chromium (Debian packages
# chromium and chromium-driver; scripts/setup.sh installs them):
#   tests/html_report_test.sh path/to/mtclean SOURCE_DIR [SCREENSHOT.png]
# - the counts the index shows match the edit log of the same run;
# - on a document's page, the stage filter (#hide=STAGE in the URL, as the checkboxes do)
#   hides exactly that stage's changes, and the low-risk toggle exactly the low-risk ones;
# - the pages render without errors in the console.
# Exits 77 (skipped) without Chromium.
set -u
MTCLEAN=$1
SRC=$2
SHOT=${3:-}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "chromium not installed (scripts/setup.sh): skipped"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { [ "$1" == "$2" ] || fail "$3: expected [$2], got [$1]"; }
# The DOM after the page's scripts ran; console messages go to $T/console.log.
dom() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" \
    --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom "$1" 2>>"$T/console.log"
}

mkdir -p "$T/in"
cp "$SRC"/samples/*.txt "$T/in/"
"$MTCLEAN" clean "$T/in" -o "$T/out" --edits "$T/edits.jsonl" --html "$T/report" -q || fail "clean --html exit $?"
[ -f "$T/report/index.html" ] || { fail "no index.html"; exit 1; }

# The index's counts against the edit log.
changes=$(grep -c '"action":"\(replace\|insert\|delete\)"' "$T/edits.jsonl")
flags=$(grep -c '"action":"flag"' "$T/edits.jsonl")
docs=$(ls "$T/in" | wc -l)
index=$(dom "file://$T/report/index.html")
expect_eq "$(grep -o 'id="total-changes">[0-9]*' <<<"$index" | grep -o '[0-9]*$')" "$changes" "changes on the index"
expect_eq "$(grep -o 'id="total-flags">[0-9]*' <<<"$index" | grep -o '[0-9]*$')" "$flags" "flags on the index"
expect_eq "$(grep -o 'id="documents">[0-9]*' <<<"$index" | grep -o '[0-9]*$')" "$docs" "documents on the index"
expect_eq "$(grep -o '<tr class="doc">' <<<"$index" | wc -l)" "$docs" "document rows"
# The rule table adds up to the totals.
rule_changes=$(grep -o '<tr data-stage="[^"]*" data-rule="[^"]*"><td>[^<]*</td><td>[^<]*</td><td class="n">[0-9]*' <<<"$index" |
  grep -o '[0-9]*$' | awk '{s += $1} END {print s}')
expect_eq "$rule_changes" "$changes" "changes per rule add up"

# The page of the most changed document (the first row of the index).
page=$(grep -o '<tr class="doc"><td><a href="[^"]*"' <<<"$index" | head -1 | grep -o 'docs/[0-9]*\.html')
[ -n "$page" ] || fail "no document link"
all=$(dom "file://$T/report/$page")
total=$(grep -o 'data-stage="[a-z-]*" data-rule' <<<"$all" | wc -l)
expect_eq "$(grep -o 'id="shown">[0-9]*' <<<"$all" | grep -o '[0-9]*$')" "$total" "every change shown at first"
expect_eq "$(grep -o 'class="[a-z]* s[0-9] hidden"' <<<"$all" | wc -l)" "0" "nothing hidden at first"
stage=$(grep -o 'data-stage="[a-z-]*" data-rule' <<<"$all" | head -1 | cut -d'"' -f2)
of_stage=$(grep -o "data-stage=\"$stage\" data-rule" <<<"$all" | wc -l)
filtered=$(dom "file://$T/report/$page#hide=$stage")
hidden=$(grep -o "class=\"[a-z]* s[0-9] hidden\" data-stage=\"[a-z-]*\"" <<<"$filtered")
expect_eq "$(wc -l <<<"$hidden" | tr -d ' ')" "$of_stage" "the filter hides the stage's changes ($stage)"
expect_eq "$(grep -vc "data-stage=\"$stage\"" <<<"$hidden")" "0" "the filter hides only that stage"
expect_eq "$(grep -o 'id="shown">[0-9]*' <<<"$filtered" | grep -o '[0-9]*$')" "$((total - of_stage))" "shown after filtering"
low=$(grep -o 'data-lowrisk="1"' <<<"$all" | wc -l)
lowrisk=$(dom "file://$T/report/$page#lowrisk=1")
expect_eq "$(grep -o 'class="[a-z]* s[0-9] hidden"[^>]*data-lowrisk="1"' <<<"$lowrisk" | wc -l)" "$low" "the toggle hides the low-risk changes"
expect_eq "$(grep -o 'class="[a-z]* s[0-9] hidden"[^>]*data-lowrisk="0"' <<<"$lowrisk" | wc -l)" "0" "and only those"

# No errors in the console of any page opened.
if grep -i 'Uncaught\|CONSOLE.*error' "$T/console.log" >/dev/null; then
  fail "console errors: $(grep -i 'Uncaught\|CONSOLE.*error' "$T/console.log" | head -3)"
fi
if [ -n "$SHOT" ]; then
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" --hide-scrollbars \
    --window-size=1200,1400 --virtual-time-budget=3000 --screenshot="$SHOT" "file://$T/report/$page" 2>/dev/null
  [ -s "$SHOT" ] || fail "no screenshot"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "html report: all checks passed"
