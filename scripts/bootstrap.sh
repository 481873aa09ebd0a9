#!/usr/bin/env bash
# The newcomer's first command: install what is missing, build, and clean the bundled
# samples. After it, the tool is at build/mtclean.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default
echo
build/mtclean clean samples/ -o build/samples-clean --edits build/samples-edits.jsonl \
  --stats build/samples-stats.json
echo
echo "Compare an input with its clean text, e.g.:"
echo "  diff samples/001_0baa4093cd508048.txt build/samples-clean/001_0baa4093cd508048.txt"
