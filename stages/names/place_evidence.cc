#include "stages/names/place_evidence.h"

#include <algorithm>

namespace mtclean {

bool IsPlace(const Gazetteer::Entry& c) {
  return c.type != EntityType::kPerson && c.type != EntityType::kOrganisation && !c.country.empty();
}

std::string CountryNamed(const std::vector<Gazetteer::Entry>& entries, bool all_sizeable) {
  std::string country, place_country;
  bool one_country = true, capital = false;
  for (const auto& c : entries) {
    if (c.type == EntityType::kCountry) country = std::string(c.country);
    capital |= (c.capital & kSeatOfCountry) != 0 && c.prominence >= 5.0f;
    if (!IsPlace(c)) {
      one_country = false;
      continue;
    }
    if (!place_country.empty() && place_country != c.country) one_country = false;
    const bool sizeable = c.type == EntityType::kAdmin1 || c.prominence >= 5.0f ||
                          (all_sizeable && c.prominence >= 4.0f);
    if (sizeable && place_country.empty()) place_country = std::string(c.country);
  }
  if (country.empty() && one_country && !place_country.empty())
    country = (capital ? "=" : "~") + place_country;
  return country;
}

bool OneAnswer(const std::vector<std::pair<std::string, std::string>>& places) {
  if (places.empty()) return false;
  std::vector<bool> linked(places.size(), false);
  linked[0] = true;
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < places.size(); ++i)
      for (size_t j = 0; j < places.size() && !linked[i]; ++j)
        if (linked[j] &&
            (places[i].first == places[j].first || places[i].second == places[j].second ||
             places[i].first == places[j].second || places[i].second == places[j].first))
          linked[i] = grew = true;
  }
  return std::all_of(linked.begin(), linked.end(), [](bool b) { return b; });
}

}  // namespace mtclean
