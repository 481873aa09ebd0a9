#include "lexicon/gazetteer.h"

#include "lexicon/phonetic_key.h"

#include <catch2/catch.hpp>
#include <string>
#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace mtclean {
namespace {

TEST_CASE("FoldName: ASCII names fold as through utf8proc") {
  // A letter with an accent sends a name down utf8proc's path; the ASCII rest must fold the same.
  for (const char* name : {"Kabul", "Qal'ah-ye Now", "O`Neil  2nd St.", "  MAIDAN wardak!", "al-Qaeda", "x"})
    CHECK(FoldName(std::string(name) + " \u00c9") == FoldName(name) + " e");
}

TEST_CASE("FoldName: case, diacritics, punctuation") {
  CHECK(FoldName("Maīdān Wardak") == "maidan wardak");
  CHECK(FoldName("Qal‘ah-ye Now") == "qalah ye now");
  CHECK(FoldName("Recep Tayyip Erdoğan") == "recep tayyip erdogan");
  CHECK(FoldName("  São  Paulo! ") == "sao paulo");
  CHECK(FoldName("Zabihulá") == "zabihula");
}

TEST_CASE("Skeleton: spellings that transliteration produces share one key") {
  // Spanish writes English w as u, j as y, sh as s, and adds accents.
  CHECK(Skeleton(FoldName("Maidan Uardak")) == Skeleton(FoldName("Maidan Wardak")));
  CHECK(Skeleton(FoldName("Zabihulá Muyahid")) == Skeleton(FoldName("Zabihullah Mujahid")));
  CHECK(Skeleton(FoldName("Daulat Sah")) == Skeleton(FoldName("Dawlat Shah")));
  CHECK(Skeleton(FoldName("Rashij")) == Skeleton(FoldName("Rasij")));
  CHECK(Skeleton(FoldName("Dostom")) == Skeleton(FoldName("Dostum")));
  // French ou/dj/ch, German sch/w, Arabic q/k and vowel variation.
  CHECK(Skeleton(FoldName("Djalalabad")) == Skeleton(FoldName("Jalalabad")));
  CHECK(Skeleton(FoldName("Mohamed")) == Skeleton(FoldName("Muhammad")));
  CHECK(Skeleton(FoldName("Qandahar")) == Skeleton(FoldName("Kandahar")));
  // Different names stay apart.
  CHECK(Skeleton(FoldName("Kabul")) != Skeleton(FoldName("Kunduz")));
  CHECK(Skeleton(FoldName("Herat")) != Skeleton(FoldName("Helmand")));
}

TEST_CASE("Gazetteer: a fixture compiles, maps and answers") {
  std::vector<GazetteerEntry> entries = {
      {"Maidan Wardak Province",
       EntityType::kAdmin1,
       "AF",
       5.5f,
       {"Maidan Wardak", "Wardak"},
       "AF.27",
       0,
       {},
       "",
       {}},
      {"Kabul",
       EntityType::kCity,
       "AF",
       6.5f,
       {"Kaboul", "Kābul"},
       "AF.13",
       kSeatOfCountry,
       {},
       "",
       {}},
      {"Zabihullah Mujahid", EntityType::kPerson, "AF", 8, {}, "", 0, {}, "", {}},
      {"Khowst", EntityType::kAdmin1, "AF", 5.0f, {}, "AF.37", 0, {}, "Khost", {}},  // CLDR's
                                                                                     // English name
  };
  auto path = (std::filesystem::temp_directory_path() / ("mtclean_fixture_gazetteer." + std::to_string(getpid()) + ".bin")).string();
  REQUIRE(WriteGazetteer(entries, path).ok());
  auto g = Gazetteer::Open(path);
  REQUIRE(g.ok());
  // The English name where the data gives one, else the canonical name.
  REQUIRE((*g)->FindByName("khowst").size() == 1);
  CHECK((*g)->FindByName("khowst")[0].english == "Khost");
  CHECK((*g)->FindByName("kabul")[0].english == "Kabul");
  REQUIRE(g.ok());
  CHECK((*g)->size() == 4);
  auto kabul = (*g)->FindByName("kaboul");
  REQUIRE(kabul.size() == 1);
  CHECK(kabul[0].name == "Kabul");
  CHECK(kabul[0].country == "AF");
  CHECK(kabul[0].type == EntityType::kCity);
  auto wardak = (*g)->FindBySkeleton(Skeleton(FoldName("Maidan Uardak")));
  REQUIRE(wardak.size() == 1);
  CHECK(wardak[0].name == "Maidan Wardak Province");
  CHECK((*g)->FindByName("nowhere").empty());
  // By sound: the Spanish reading of "Kabul" is its English one.
  auto by_sound = (*g)->FindByPhonetic(EnglishPhoneticKey("kabul"));
  REQUIRE(by_sound.size() == 1);
  CHECK(by_sound[0].name == "Kabul");
  // The seat of a country, and the region a place lies in.
  auto capital = (*g)->CapitalsOf(RegionId("AF"));
  REQUIRE(capital.size() == 1);
  CHECK(capital[0].name == "Kabul");
  CHECK(capital[0].region == RegionId("AF.13"));
  CHECK(capital[0].capital == kSeatOfCountry);
  CHECK((*g)->CapitalsOf(RegionId("AF.13")).empty());
  CHECK((*g)->CapitalsOf(0).empty());
  std::filesystem::remove(path);

  std::ofstream(path) << "not a gazetteer at all, just text";
  auto bad = Gazetteer::Open(path);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("not a gazetteer") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("Gazetteer: the compiled real data finds prominent names from broken spellings") {
  const std::string path = MTCLEAN_BINARY_DIR "/gazetteer.bin";
  if (!std::filesystem::exists(path)) {
    WARN("no " << path << " (run scripts/setup.sh, then build): skipped");
    return;
  }
  auto g = Gazetteer::Open(path);
  REQUIRE(g.ok());
  CHECK((*g)->size() > 200000);
  auto has = [&](const std::vector<Gazetteer::Entry>& found, std::string_view name) {
    for (const auto& e : found)
      if (e.name == name) return true;
    return false;
  };
  CHECK(has((*g)->FindBySkeleton(Skeleton(FoldName("Maidan Uardak"))), "Maidan Wardak Province"));
  CHECK(has((*g)->FindBySkeleton(Skeleton(FoldName("Zabihulá Muyahid"))), "Zabihullah Mujahid"));
  CHECK(has((*g)->FindByName(FoldName("Jalrēz")), "Jalrēz"));
  CHECK(has((*g)->FindByName("afghanistan"), "Afghanistan"));
  CHECK(has((*g)->FindByName("badghis"), "Badghis"));
  // The capital of Badghis province, and of Afghanistan.
  uint32_t badghis = 0;
  for (const auto& e : (*g)->FindByName("badghis"))
    if (e.type == EntityType::kAdmin1) badghis = e.region;
  CHECK(has((*g)->CapitalsOf(badghis), "Qala i Naw"));
  CHECK(has((*g)->CapitalsOf(RegionId("AF")), "Kabul"));
  CHECK(has((*g)->FindByPhonetic(EnglishPhoneticKey("shiraz")), "Shiraz"));
}

}  // namespace
}  // namespace mtclean
