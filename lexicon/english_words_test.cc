#include "lexicon/english_words.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <unistd.h>

namespace mtclean {
namespace {

// The build's list of en_US word forms must answer as Hunspell does: it only spares the
// look-up, never changes the answer.
TEST_CASE("EnglishWords: the listed word forms answer as Hunspell does") {
  const std::string dictionary = "/usr/share/hunspell/en_US";
  if (access((dictionary + ".dic").c_str(), R_OK) != 0) return;
  auto listed = EnglishWords::Open(dictionary);
  auto hunspell = EnglishWords::Open(dictionary, false);
  REQUIRE(listed.ok());
  REQUIRE(hunspell.ok());
  for (const char* word : {"house", "houses", "House", "HOUSE", "walked", "Paris", "paris", "PARIS", "NATO", "nato",
                           "Iran", "Irn", "decision", "decisin", "colour", "color", "Mcdonald", "McDonald", "the",
                           "The", "tHe", "Taliban", "talibn", "unhappiest", "xyzzy", "a", "A", "I", "i"})
    CHECK((*listed)->Known(word) == (*hunspell)->Known(word));
}

// Each stage and worker keeps its own EnglishWords (and cache), but a dictionary is opened
// once per process: it takes 10-30 MB.
TEST_CASE("EnglishWords: the instances of one dictionary share one Hunspell object") {
  const std::string dictionary = "/usr/share/hunspell/en_GB";
  if (access((dictionary + ".dic").c_str(), R_OK) != 0) return;
  const size_t before = HunspellObjectsMade();
  auto first = EnglishWords::Open(dictionary, false);
  auto second = EnglishWords::Open(dictionary, false);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK((*first)->Known("colour"));
  std::thread other([&] { CHECK((*second)->Known("favourite")); });
  other.join();
  CHECK_FALSE((*second)->Known("colourz"));
  CHECK(HunspellObjectsMade() - before <= 1);
}

TEST_CASE("WordForms: Hunspell's casing rules") {
  auto forms = WordForms::ForDictionary("en_US");
  if (forms == nullptr) return;  // built without unmunch
  CHECK(forms->Accepts("house"));
  CHECK(forms->Accepts("House"));
  CHECK(forms->Accepts("HOUSE"));
  CHECK(forms->Accepts("Paris"));
  CHECK(forms->Accepts("PARIS"));
  CHECK_FALSE(forms->Accepts("paris"));  // a name is written with its capital
  CHECK_FALSE(forms->Accepts("hOUSE"));
  CHECK_FALSE(forms->Accepts("decisin"));
  CHECK_FALSE(forms->Accepts("don't"));  // not letters only: left to Hunspell
}

}  // namespace
}  // namespace mtclean
