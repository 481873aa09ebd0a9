#include "lexicon/phonetic_key.h"

#include <catch2/catch.hpp>

#include "lexicon/gazetteer.h"

namespace mtclean {
namespace {

bool Matches(std::string_view text_spelling, std::string_view english_spelling) {
  const std::string key = EnglishPhoneticKey(FoldName(english_spelling));
  for (const auto& reading : PhoneticReadings(FoldName(text_spelling)))
    if (reading == key) return true;
  return false;
}

TEST_CASE("PhoneticKey: the English reading of a spelling") {
  CHECK(EnglishPhoneticKey("khan") == "XVN");
  CHECK(EnglishPhoneticKey("shiraz") == "SVRVS");
  CHECK(EnglishPhoneticKey("kandahar") == "KVNDVR");  // h is silent, vowels run together
  CHECK(EnglishPhoneticKey("") == "");
}

TEST_CASE("PhoneticKey: a source language's reading of a letter finds the English name") {
  CHECK(Matches("Jan", "Khan"));                 // Spanish j
  CHECK(Matches("Chiraz", "Shiraz"));            // French ch
  CHECK(Matches("Yalalabad", "Jalalabad"));      // Spanish y
  CHECK(Matches("Guardak", "Wardak"));           // Spanish gu
  CHECK(Matches("Uardak", "Wardak"));            // Spanish u
  CHECK(Matches("Baschar", "Bashar"));           // German sch
  CHECK(Matches("Madsched", "Majed"));           // German dsch
  CHECK(Matches("Kandaar", "Kandahar"));         // a dropped h
  CHECK(Matches("Djalalabad", "Jalalabad"));     // French dj
  CHECK(Matches("Kermansa", "Kermanshah"));
  CHECK(Matches("Ouardak", "Wardak"));           // French ou
}

TEST_CASE("PhoneticKey: different names keep different keys") {
  CHECK_FALSE(Matches("Kabul", "Kunduz"));
  CHECK_FALSE(Matches("Herat", "Helmand"));
  CHECK_FALSE(Matches("Jalalabad", "Islamabad"));
  CHECK_FALSE(Matches("Mosul", "Basra"));
}

TEST_CASE("PhoneticReadings: English first, bounded, no duplicates") {
  auto r = PhoneticReadings("jajajajajajaja", 16);
  REQUIRE(!r.empty());
  CHECK(r.front() == EnglishPhoneticKey("jajajajajajaja"));
  CHECK(r.size() == 16);
  std::sort(r.begin(), r.end());
  CHECK(std::adjacent_find(r.begin(), r.end()) == r.end());
  CHECK(PhoneticReadings("kabul").size() == 1);
  // Readings that coincide ("u" as a vowel or as w, between vowels) must not make the
  // search exponential (fuzzer: 60 such letters hung it).
  std::string coinciding;
  for (int i = 0; i < 60; ++i) coinciding += "uu";
  CHECK(PhoneticReadings(coinciding).size() <= 16);
}

}  // namespace
}  // namespace mtclean
