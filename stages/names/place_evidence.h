// What the gazetteer's answers for a span say about places: which country a span names, and
// whether several places found for a spelling are one answer. Pure functions of the entries,
// used by the names stage to decide a document's countries and an exonym's confidence.
#ifndef MTCLEAN_STAGES_NAMES_PLACE_EVIDENCE_H_
#define MTCLEAN_STAGES_NAMES_PLACE_EVIDENCE_H_

#include <string>
#include <utility>
#include <vector>

#include "lexicon/gazetteer.h"

namespace mtclean {

// A place with a country (not a person, an organisation, or a place of no country).
bool IsPlace(const Gazetteer::Entry& c);

// The country `entries` (the places and countries a span names) point to: a country's own
// code; "=" and the country whose capital they name ("Baku" names Azerbaijan as "Azerbaijan"
// does); or "~" and the country of the one country whose sizeable places they are (a
// division, a city of 100,000; any place the exonym data lists when `all_sizeable`: the
// sources name notable places only); "" when they name no one country.
std::string CountryNamed(const std::vector<Gazetteer::Entry>& entries, bool all_sizeable);

// Whether places found for one spelling, given by their own and their English names (folded),
// are one answer: all linked by a name they share, their own or their English one (Libya's
// division Surt and its town Sirte are both Sirte in English; Abu Dhabi, the emirate and the
// city, however English names the city's district).
bool OneAnswer(const std::vector<std::pair<std::string, std::string>>& places);

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_PLACE_EVIDENCE_H_
