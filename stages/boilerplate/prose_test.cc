#include "stages/boilerplate/prose.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace mtclean::boilerplate {
namespace {

LineShape Shape(const std::string& line, size_t stopwords) {
  FoldedLine f;
  Fold(line, &f);
  return ShapeOf(line, f, stopwords);
}

TEST_CASE("prose: sentences and paragraphs in a language we can judge") {
  // A short sentence with a function word is prose, not a paragraph.
  LineShape s = Shape("Jalrez fell after three days of fighting.", 2);
  CHECK(s.words == 7);
  CHECK(s.sentence_end);
  CHECK(IsProse(s, true));
  CHECK_FALSE(IsParagraph(s));
  // A headline without function words, a menu: no prose.
  CHECK_FALSE(IsProse(Shape("World Politics Business Tech Sports Culture Opinion Video", 0), true));
  // A long line with function words is a paragraph, however it ends.
  std::string para =
      "The United States and its allies, which have kept a military presence in the country for two "
      "decades, began to withdraw their forces in May.";
  LineShape p = Shape(para, 9);
  CHECK(IsProse(p, true));
  CHECK(IsParagraph(p));
  // A closing quote after the full stop still ends a sentence.
  CHECK(Shape("\xE2\x80\x9CIt is over.\xE2\x80\x9D", 1).sentence_end);
}

TEST_CASE("prose: without a stop-word list, length and punctuation decide") {
  std::string is1 = "Ríkisstjórnin kynnti í dag nýja áætlun um uppbyggingu hleðslustöðva.";
  CHECK(IsProse(Shape(is1, 0), false));
  CHECK_FALSE(IsProse(Shape("Stutt lína hér", 0), false));
  // Scripts without spaces between words: code points and sentence marks.
  LineShape zh = Shape("\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94\xE5\xBE\x88\xE5\xA5\xBD\xEF\xBC\x8C"
                       "\xE6\x88\x91\xE4\xBB\xAC\xE5\x8E\xBB\xE5\x85\xAC\xE5\x9B\xAD\xE6\x95\xA3\xE6\xAD\xA5"
                       "\xE5\x90\xA7\xE3\x80\x82\xE4\xBB\x96\xE8\xAF\xB4\xE5\xA5\xBD\xE7\x9A\x84\xE3\x80\x82",
                       0);
  CHECK(zh.spaceless_script);
  CHECK(IsProse(zh, false));
}

TEST_CASE("stop words: curated lists first, stopwords-iso for the rest, folded as lines are") {
  auto dir = std::filesystem::temp_directory_path() / ("mtclean_prose_test." + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "stopwords");
  std::ofstream(dir / "stopwords" / "en.txt") << "# curated\nthe\nof\n";
  std::ofstream(dir / "iso.json") << R"({"en": ["zzz"], "is": ["og", "að", "ekki"], "fr": ["aujourd'hui", "le"]})";
  auto words = StopWords::Load(dir.string(), {"en", "xx"}, (dir / "iso.json").string());
  REQUIRE(words.ok());
  REQUIRE(words->languages() == 3);  // en (curated), is, fr; xx has no list anywhere
  CHECK(words->name(0) == "en");
  CHECK(words->Find("the") == 1u);
  CHECK(words->Find("zzz") == 0u);  // the curated list wins over stopwords-iso's
  CHECK(words->Find("ekki") != 0u);
  CHECK(words->Find("aujourdhui") != 0u);  // apostrophe folded away, as in lines
  auto missing = StopWords::Load(dir.string(), {"en"}, (dir / "nope.json").string());
  CHECK_FALSE(missing.ok());
  std::filesystem::remove_all(dir);
}

TEST_CASE("stop words: a table of many thousand words grows and finds them all") {
  StopWordTable table;
  for (int i = 0; i < 20000; ++i) table.Add("w" + std::to_string(i), uint64_t{1} << (i % 64));
  for (int i = 0; i < 20000; i += 997) CHECK(table.Find("w" + std::to_string(i)) == uint64_t{1} << (i % 64));
  CHECK(table.Find("absent") == 0u);
}

}  // namespace
}  // namespace mtclean::boilerplate

TEST_CASE("prose: lines that measure or state a value") {
  using mtclean::boilerplate::IsFactLine;
  using mtclean::boilerplate::IsQuantityLine;
  CHECK(IsQuantityLine("65 g Margarine oder Butter"));
  CHECK(IsQuantityLine("120g kway teow (flat rice noodles)"));
  CHECK(IsQuantityLine("2 EL Zucker"));
  CHECK(IsQuantityLine("0,5s Genauigkeitsklasse"));
  CHECK_FALSE(IsQuantityLine("3 Kommentare"));       // a counter: the word is no unit
  CHECK_FALSE(IsQuantityLine("1/199 Simone32x"));    // a gallery counter and a user name
  CHECK_FALSE(IsQuantityLine("5 Dinge, die du wissen musst"));
  CHECK_FALSE(IsQuantityLine("Butter"));
  // Fractions, ranges and the longer units of cooking ("tbsp", "Becher", "cucharadas").
  CHECK(IsQuantityLine("1 tbsp minced garlic"));
  CHECK(IsQuantityLine("1 1/2-2 tbsp kecap manis (sweet soya sauce)"));
  CHECK(IsQuantityLine("1 \xE2\x80\x93 1 1/2 tbsp light soya sauce"));
  CHECK(IsQuantityLine("3 Becher Schmand, je ca. 200 g"));
  CHECK(IsQuantityLine("2 Dose/n Mandarine(n), je ca. 300 - 350 g"));
  CHECK(IsQuantityLine("2 cucharadas de aceite de oliva"));
  CHECK_FALSE(IsQuantityLine("4 ways to save money this winter"));     // no unit
  CHECK_FALSE(IsQuantityLine("2020 Audi e-tron Sportback revealed"));  // a year and a name
  CHECK_FALSE(IsQuantityLine("10 Emerging Cloud Computing Trends To Watch In 2020"));
  CHECK(IsFactLine("Ort: Kasberg im Frankenland", true));
  CHECK(IsFactLine("Einsendeschluss: 03.11.2019 (Poststempel)", false));
  CHECK_FALSE(IsFactLine("Ort: Kasberg im Frankenland", false));  // no list item, no number
  CHECK_FALSE(IsFactLine("Skoda: Der lange Weg zum Strom", true));  // a headline: too long a value
  CHECK_FALSE(IsFactLine("Kategorie: News", false));
  CHECK_FALSE(IsFactLine("ort: x", true));
}
