#include "lexicon/english_words.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <set>
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

// The same on every word of a real text (Debian's copy of the GPL), capitalised and with a
// letter dropped, where the list alone answers (WordForms::Settles).
TEST_CASE("EnglishWords: the list's answers agree with Hunspell's on a real text") {
  const std::string dictionary = "/usr/share/hunspell/en_US";
  std::ifstream in("/usr/share/common-licenses/GPL-3");
  if (access((dictionary + ".dic").c_str(), R_OK) != 0 || !in) return;
  auto forms = WordForms::ForDictionary("en_US");
  if (forms == nullptr) return;  // built without unmunch
  auto listed = EnglishWords::Open(dictionary);
  auto hunspell = EnglishWords::Open(dictionary, false);
  REQUIRE(listed.ok());
  REQUIRE(hunspell.ok());
  std::set<std::string> words;
  std::string word;
  for (char c; in.get(c);) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += c;
      continue;
    }
    if (word.size() >= 2) {
      words.insert(word);
      words.insert(static_cast<char>(std::toupper(static_cast<unsigned char>(word[0]))) + word.substr(1));
      words.insert(word.substr(0, word.size() / 2) + word.substr(word.size() / 2 + 1));
    }
    word.clear();
  }
  REQUIRE(words.size() > 3000);
  size_t settled = 0, disagree = 0;
  for (const std::string& w : words) {
    if (!forms->Settles(w)) continue;
    ++settled;
    if ((*listed)->Known(w) != (*hunspell)->Known(w)) {
      ++disagree;
      WARN(w);
    }
  }
  CHECK(settled > 2000);
  CHECK(disagree == 0);
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
