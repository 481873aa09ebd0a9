#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "stages/names/names_internal.h"

namespace mtclean {
namespace names {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<Word> words;
  Tokenize(text, words);
  std::vector<std::string> out;
  for (const Word& w : words) out.emplace_back(text.substr(w.begin, w.end - w.begin));
  return out;
}

TEST_CASE("name text: an apostrophe or an ayn's sign inside a name is part of it") {
  // Straight or typographic, and the modifier letters romanisations write for ayn and hamza.
  CHECK(Words("left Qa'rum on Monday") ==
        std::vector<std::string>{"left", "Qa'rum", "on", "Monday"});
  CHECK(Words("left Qa\u2019rum on Monday") ==
        std::vector<std::string>{"left", "Qa\u2019rum", "on", "Monday"});
  CHECK(Words("left Qa\u02BFrum") == std::vector<std::string>{"left", "Qa\u02BFrum"});
  // A possessive's is no part of the name.
  CHECK(Words("Qatar's emir") == std::vector<std::string>{"Qatar", "s", "emir"});
  CHECK(Words("Qatar\u2019s emir") == std::vector<std::string>{"Qatar", "s", "emir"});
  CHECK(Words("Ka'sim said") == std::vector<std::string>{"Ka'sim", "said"});  // no possessive
  // Closing a quotation, it is no part of the word.
  CHECK(Words("\u2018Qarum\u2019 said") == std::vector<std::string>{"Qarum", "said"});
  CHECK(Words("the villagers\u2019 wells") ==
        std::vector<std::string>{"the", "villagers", "wells"});
}

// The size of the sign after the name text[begin, end), where it is the name's.
size_t Ayn(std::string_view text, std::string_view name) {
  const size_t begin = text.find(name);
  return TrailingAyn(text, begin, begin + name.size());
}

TEST_CASE("name text: the Arabic article joined to a name is part of a capitalised word") {
  std::vector<Word> words;
  for (const char* text : {"to al-Raqqa", "to ar-Raqqa", "to asch-Scharqa", "to ach-Charqa"}) {
    Tokenize(text, words);
    REQUIRE(words.size() == 2);
    CHECK(words[1].capitalised);
  }
  Tokenize("to aschen-Scharqa", words);  // no article
  CHECK_FALSE(words[1].capitalised);
}

TEST_CASE("name text: an ayn's sign that ends a name is the name's, a quotation's is not") {
  CHECK(Ayn("sent to Ad Dali\u2019 after clashes", "Ad Dali") == 3);
  CHECK(Ayn("sent to Ad Dali' after clashes", "Ad Dali") == 1);
  CHECK(Ayn("sent to Ad Dali\u02BF.", "Ad Dali") == 2);
  CHECK(Ayn("sent to Ad Dali after clashes", "Ad Dali") == 0);
  CHECK(Ayn("the Jones\u2019 house", "Jones") == 0);  // a possessive's
  // Closing a quotation opened before the name on its line.
  CHECK(Ayn("he said \u2018the Dali\u2019 was calm", "Dali") == 0);
  CHECK(Ayn("he said 'the Dali' was calm", "Dali") == 0);
  CHECK(Ayn("\u2018No,\u2019 he said.\nsent to Dali\u2019 after", "Dali") == 3);
}

}  // namespace
}  // namespace names
}  // namespace mtclean
