#include "stages/names/place_evidence.h"

#include <catch2/catch.hpp>

namespace mtclean {
namespace {

Gazetteer::Entry Place(EntityType type, std::string_view country, float prominence,
                       uint8_t capital = 0) {
  Gazetteer::Entry e{};
  e.type = type;
  e.country = country;
  e.prominence = prominence;
  e.capital = capital;
  return e;
}

TEST_CASE("place evidence: the country a span names") {
  // A country's name names it; a place alone only marks its country ("~"), which two
  // different places make sure; a capital names its country as the country's name does.
  CHECK(CountryNamed({Place(EntityType::kCountry, "AF", 8)}, false) == "AF");
  CHECK(CountryNamed({Place(EntityType::kAdmin1, "AF", 5.5f)}, false) == "~AF");
  CHECK(CountryNamed({Place(EntityType::kCity, "TJ", 5.9f, kSeatOfCountry)}, false) == "=TJ");
  // A town of 10,000 says nothing, unless the exonym data lists it (`all_sizeable`).
  CHECK(CountryNamed({Place(EntityType::kAdmin2, "MA", 4.0f)}, false).empty());
  CHECK(CountryNamed({Place(EntityType::kAdmin2, "MA", 4.0f)}, true) == "~MA");
  // Places of two countries spelled alike, or a person so named: no one country.
  CHECK(CountryNamed({Place(EntityType::kCity, "ES", 5.2f), Place(EntityType::kCity, "MA", 5.5f)},
                     false)
            .empty());
  CHECK(
      CountryNamed({Place(EntityType::kCity, "ES", 5.2f), Place(EntityType::kPerson, "", 6)}, false)
          .empty());
  CHECK(CountryNamed({}, false).empty());
}

TEST_CASE("place evidence: places linked by their own or English names are one answer") {
  // Libya's division Surt (English Sirte) and its town Sirte.
  CHECK(OneAnswer({{"surt", "sirte"}, {"sirte", "sirte"}}));
  // An emirate and its city, English naming the city's district otherwise, linked by their
  // own name; a chain of links counts.
  CHECK(OneAnswer(
      {{"abu dhabi", "abu dhabi"}, {"abu dhabi", "abu dhabi island"}, {"x", "abu dhabi island"}}));
  CHECK_FALSE(OneAnswer({{"tunis", "tunis"}, {"tunisia", "tunisia"}}));
  CHECK_FALSE(OneAnswer({}));
}

}  // namespace
}  // namespace mtclean
