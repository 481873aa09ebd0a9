#include "stages/names/respelling_rules.h"

#include <algorithm>
#include <catch2/catch.hpp>

namespace mtclean {
namespace {

// Spanish writes English j as y and kh as j; the last rule is the vowel variation every
// romanisation shows (not distinctive).
const RulePairs kSpanish = {{"j", "y"}, {"kh", "j"}, {"u", "o"}};

TEST_CASE("respelling rules: a derivation counts its rules and the language's own") {
  const Derivation jalalabad = Derive("jalalabad", "yalalabad", kSpanish, 2, 3);
  CHECK(jalalabad.applications == 1);
  CHECK(jalalabad.distinctive == 1);
  const Derivation khost = Derive("khost", "jost", kSpanish, 2, 3);
  CHECK(khost.applications == 1);
  CHECK(khost.distinctive == 1);
  // Vowel variation alone: a derivation, not the language's own.
  const Derivation dostum = Derive("dostum", "dostom", kSpanish, 2, 3);
  CHECK(dostum.applications == 1);
  CHECK(dostum.distinctive == 0);
  CHECK(Derive("kabul", "kabul", kSpanish, 2, 3).applications == 0);
  CHECK(Derive("kabul", "herat", kSpanish, 2, 3).applications == -1);  // no rules explain it
  CHECK(Derive("jajaj", "yayay", kSpanish, 2, 2).applications == -1);  // three, over budget
}

TEST_CASE("respelling rules: reversed, they list the English spellings a text's may come from") {
  std::vector<std::string> variants;
  ReverseVariants("jost", kSpanish, 2, 2, 256, &variants);
  CHECK(std::find(variants.begin(), variants.end(), "khost") != variants.end());
  variants.clear();
  ReverseVariants("yayay", kSpanish, 2, 2, 2, &variants);
  CHECK(variants.size() == 2);    // the cap
  CHECK(variants[0] == "jayay");  // one rule away before two
}

TEST_CASE("respelling rules: a rules file's line without a tab is an error that names the file") {
  auto ok = ParseRules({"kh\tJ", "w\tgu"}, "es.tsv");
  REQUIRE(ok.ok());
  CHECK(*ok == RulePairs{{"kh", "j"}, {"w", "gu"}});
  auto bad = ParseRules({"kh j"}, "es.tsv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("es.tsv") != std::string::npos);
}

}  // namespace
}  // namespace mtclean
