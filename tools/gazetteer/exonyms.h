// Exonyms for the gazetteer: how other languages write countries, cities and first-level
// divisions, from CLDR (through ICU: territory names, time-zone exemplar cities) and from
// iso-codes' translations of ISO 3166-2 (Debian's /usr/share/locale/<lang>/iso_3166-2.mo), from
// libgeonames, and from CLDR's subdivision names (Debian unicode-cldr-core).
#ifndef MTCLEAN_TOOLS_GAZETTEER_EXONYMS_H_
#define MTCLEAN_TOOLS_GAZETTEER_EXONYMS_H_

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/gazetteer.h"

namespace mtclean {

// One name as English and another language write it ("de", "Khost", "Chost"), for learning
// how each language respells names (tools/names/learn_rewrites.py).
struct NamePair {
  std::string lang, english, foreign;
  // "cldr" (territories, exemplar cities), "iso-codes" (whose "English" names of divisions
  // are the local official romanisation: "Jizzax", "Samux"), "libgeonames".
  std::string source;
};

// Adds to `entries` the exonyms in `languages` (e.g. {"es", "fr", "de"}) of countries (by
// code), of time-zone cities (matched by English name and country) and, when
// `iso3166_2_json` is given, of first-level divisions (matched by name and country, names
// translated by `locale_dir`/<lang>/LC_MESSAGES/iso_3166-2.mo). Returns how many were added.
// `pairs`, when given, receives every translation matched to an entry, the same spelling
// and those not added as exonyms too.
size_t AddExonyms(const std::vector<std::string>& languages, const std::string& iso3166_2_json,
                  const std::string& locale_dir, std::vector<GazetteerEntry>* entries,
                  std::vector<NamePair>* pairs = nullptr);

// Adds the names libgeonames (Debian libgeonames-common: `locale_dir`/<lang>/LC_MESSAGES/
// geonames.mo, GeoNames ids, or a first-level division's code, to each language's preferred
// name) gives the entries in `by_geonameid`, where they differ from its English name. Returns
// how many were added.
size_t AddGeoNamesExonyms(const std::vector<std::string>& languages, const std::string& locale_dir,
                          const std::unordered_map<std::string, size_t>& by_geonameid,
                          std::vector<GazetteerEntry>* entries, std::vector<NamePair>* pairs = nullptr);

// Adds how `languages` write first- and second-level divisions in CLDR's subdivision names
// (Debian unicode-cldr-core: `cldr_dir`/common/subdivisions/<lang>.xml, keyed by ISO 3166-2
// code): a division is matched by its ISO 3166-2 code through iso-codes' `iso3166_2_json`
// (when given), else by its English CLDR name and country; CLDR's English name becomes its
// English name, and a spelling English does not write becomes an exonym. A division GeoNames
// lacks becomes an entry of its own. With `english_words` (lower-case), a code whose English
// name has a word that is neither English nor in the other languages' names is left alone.
// Returns how many were added; a missing file adds none.
size_t AddCldrSubdivisionExonyms(const std::vector<std::string>& languages,
                                 const std::string& cldr_dir, const std::string& iso3166_2_json,
                                 std::vector<GazetteerEntry>* entries,
                                 std::vector<NamePair>* pairs = nullptr,
                                 const std::unordered_set<std::string>* english_words = nullptr);

// Drops every exonym that English writes for a place of the same country: the canonical
// and English names of `entries`, and CLDR's English subdivision names (`cldr_dir`), matched
// to an entry or not. French writes "Khachmaz" for the town of Xaçmaz, and English for its
// district; "Al Rayyan" is French for the city and English for the municipality. Returns
// how many were dropped.
size_t DropEnglishSpellings(const std::string& cldr_dir, std::vector<GazetteerEntry>* entries);

// The spellings with letters beyond ASCII that libgeonames' English catalogue writes
// (`locale_dir`/en/LC_MESSAGES/geonames.mo): whole names and their words ("Laâyoune-Sakia
// El Hamra", "Laâyoune"), sorted.
std::vector<std::string> EnglishAccentedSpellings(const std::string& locale_dir);

}  // namespace mtclean

#endif  // MTCLEAN_TOOLS_GAZETTEER_EXONYMS_H_
