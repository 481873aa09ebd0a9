#include "stages/names/cyrillic_habits.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "pipeline/data_files.h"

namespace mtclean {
namespace {

// The transcriptions of dictionaries/transliteration/cyrillic.tsv; the names are made up.
const CyrillicHabits& Habits() {
  static const CyrillicHabits habits = [] {
    auto lines = ReadDataLines(MTCLEAN_SOURCE_DIR "/dictionaries", "transliteration/cyrillic.tsv");
    REQUIRE(lines.ok());
    auto parsed = CyrillicHabits::Parse(*lines, "cyrillic.tsv");
    REQUIRE(parsed.ok());
    return std::move(*parsed);
  }();
  return habits;
}

size_t Language(const std::string& name) {
  const auto& all = Habits().languages();
  const auto it = std::find(all.begin(), all.end(), name);
  REQUIRE(it != all.end());
  return static_cast<size_t>(it - all.begin());
}

TEST_CASE("cyrillic habits: German and French transcriptions read as English writes them") {
  const size_t de = Language("de"), fr = Language("fr"), es = Language("es");
  CHECK(Habits().English("Tschalkow", de) == "Chalkov");
  CHECK(Habits().English("Worobjew", de) == "Vorobyev");
  CHECK(Habits().English("Wadim", de) == "Vadim");
  CHECK(Habits().English("Koudriavtseva", fr) == "Kudriavtseva");
  CHECK(Habits().English("Ioulia", fr) == "Yulia");
  CHECK(Habits().English("Mijaíl", es) == "Mikhail");
  // After ch, sh and shch, ё is "o" to German and Spanish, "e" to English news.
  CHECK(Habits().English("Pugatschow", de) == "Pugachev");
  CHECK(Habits().English("Jrushchov", es) == "Khrushchev");
  CHECK(Habits().English("Tschowan", de) == "Chovan");  // not inside a word
  // Each part of a hyphenated name keeps its capital.
  CHECK(Habits().English("Tour-Sarkissian", fr) == "Tur-Sarkisyan");
  // Armenian names through French: "h" for հ, "-ian" for -ян (English -yan); French writes
  // ш as "ch", so a word with "sh" is no French transcription.
  CHECK(Habits().English("Haroutiounian", fr) == "Harutyunyan");
  CHECK(Habits().English("Vardoukian", fr) == "Vardukyan");
  CHECK(Habits().English("Parshian", fr).empty());
  CHECK(Habits().English("Hovik", fr).empty());  // the same in English
  // е after "a" is "e" to French, "ye" to English; Kyrgyz ө, ү keep their marks in French.
  CHECK(Habits().English("Temirbaev", fr) == "Temirbayev");
  CHECK(Habits().English("Tölöbek", fr) == "Tolobek");
  // Spelled as English would: nothing to respell, but it reads as the transcription.
  bool reads = false;
  CHECK(Habits().English("Karieva", fr, nullptr, &reads).empty());
  CHECK(reads);
  CHECK(Habits().English("Hovik", de, nullptr, &reads).empty());
  CHECK_FALSE(reads);  // German writes no "h" alone
  // Letters the transcription does not write: no transcription of it ("h" alone, "c", "v" in
  // German).
  CHECK(Habits().English("Hrant", de).empty());
  CHECK(Habits().English("Chalkov", de).empty());
  // English's own transcription also reads as French ("ch" is French for "sh"): nothing in it
  // is French's alone, so it stays.
  CHECK(Habits().English("Chalkov", fr).empty());
  CHECK(Habits().English("Martin", de).empty());  // the same in English
  // A program's names in camel case are no person's: each part of a name is capitalised.
  CHECK(Habits().English("JobNew", de).empty());
  CHECK(Habits().English("UnitNew", de).empty());
}

TEST_CASE("cyrillic habits: the endings of names from Cyrillic, and where the letters show it") {
  const size_t de = Language("de"), fr = Language("fr");
  CHECK(Habits().Marked("Tschalkow", de));
  CHECK(Habits().Marked("Zarikjan", de));
  CHECK(Habits().Marked("Tschimed", de));  // an initial
  CHECK(Habits().Marked("Koudriavtseva", fr));
  // Polish names are written as Poland writes them, w and all: "-ski" is no sign.
  CHECK_FALSE(Habits().Marked("Kowalski", de));
  CHECK_FALSE(Habits().Marked("Schmidt", de));
  CHECK_FALSE(Habits().Marked("Walid", de));
  // English surnames end in "-ow" and write "w" too: such a name alone does not tell itself from
  // an English one; "tsch", or an ending English names lack, does.
  bool telling = true;
  CHECK(Habits().Marked("Partlow", de, &telling));
  CHECK_FALSE(telling);
  CHECK(Habits().English("Brownlow", de, &telling) == "Brovnlov");
  CHECK_FALSE(telling);
  CHECK(Habits().English("Tschalkow", de, &telling) == "Chalkov");
  CHECK(telling);
  CHECK(Habits().Marked("Kunarowa", de, &telling));
  CHECK(telling);
  // An initial tells as its letters do, not as an ending.
  bool by_ending = true;
  CHECK(Habits().Marked("Tschimed", de, &telling, &by_ending));
  CHECK(telling);
  CHECK_FALSE(by_ending);
  CHECK(Habits().Marked("Gelachvili", fr, &telling, &by_ending));
  CHECK(by_ending);
}

TEST_CASE("cyrillic habits: a malformed line is a clear error") {
  auto bad = CyrillicHabits::Parse({"de"}, "x.tsv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("x.tsv") != std::string::npos);
  CHECK_FALSE(CyrillicHabits::Parse({"de\tow"}, "x.tsv").ok());  // neither -ending nor initial-
  CHECK_FALSE(CyrillicHabits::Parse({"de\tw\tv\tv"}, "x.tsv").ok());
  CHECK(CyrillicHabits::Parse({"de\tw\tv\tenglish", "de\t-ow\tenglish"}, "x.tsv").ok());
}

}  // namespace
}  // namespace mtclean
