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

// The same on every word of a real text (Debian's copy of the GPL, with its hyphenated
// compounds and contractions), capitalised, in capitals and with a letter dropped, where the
// table alone answers (WordForms::Answer).
TEST_CASE("EnglishWords: the table's answers agree with Hunspell's on a real text") {
  const std::string dictionary = "/usr/share/hunspell/en_US";
  std::ifstream in("/usr/share/common-licenses/GPL-3");
  if (access((dictionary + ".dic").c_str(), R_OK) != 0 || !in) return;
  auto forms = WordForms::ForDictionary("en_US");
  if (forms == nullptr) return;  // built without unmunch
  auto hunspell = EnglishWords::Open(dictionary, false);
  REQUIRE(hunspell.ok());
  std::set<std::string> words;
  std::string word;
  for (char c; in.get(c);) {
    if (std::isalpha(static_cast<unsigned char>(c)) || ((c == '-' || c == '\'') && !word.empty())) {
      word += c;
      continue;
    }
    if (word.size() >= 2) {
      std::string upper = word;
      for (char& u : upper) u = static_cast<char>(std::toupper(static_cast<unsigned char>(u)));
      words.insert(word);
      words.insert(upper);
      words.insert(static_cast<char>(std::toupper(static_cast<unsigned char>(word[0]))) + word.substr(1));
      words.insert(word.substr(0, word.size() / 2) + word.substr(word.size() / 2 + 1));
    }
    word.clear();
  }
  REQUIRE(words.size() > 3000);
  size_t settled = 0, compounds = 0, disagree = 0;
  for (const std::string& w : words) {
    const std::optional<bool> answer = forms->Answer(w);
    if (!answer) continue;
    ++settled;
    compounds += w.find_first_of("-'") != std::string::npos ? 1 : 0;
    if (*answer != (*hunspell)->Known(w)) {
      ++disagree;
      WARN(w);
    }
  }
  CHECK(settled > 3500);
  CHECK(compounds > 50);
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

TEST_CASE("WordForms: Hunspell's casing rules, apostrophes and compounds") {
  auto forms = WordForms::ForDictionary("en_US");
  if (forms == nullptr) return;  // built without unmunch
  for (const char* word : {"house", "House", "HOUSE", "Paris", "PARIS", "don't", "Don't", "DON'T",
                           "don\u2019t", "re-installation", "Point-to-Point", "URLs", "URLS"})
    CHECK(forms->Answer(word) == std::optional<bool>(true));
  for (const char* word : {"paris", "hOUSE", "decisin", "well-knwn", "Mcdonald"})
    CHECK(forms->Answer(word) == std::optional<bool>(false));
  // Left to Hunspell: digits, other letters, upper-case compounds, a hyphen at an end.
  for (const char* word : {"21st", "caf\u00e9", "DVD-ROM", "pre-", "-ly", "x--y"})
    CHECK_FALSE(forms->Answer(word));
}

}  // namespace
}  // namespace mtclean
