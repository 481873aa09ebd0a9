#include "stages/names/candidates.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "stages/names/names_stage.h"

namespace mtclean {
namespace {

// Spanish writes English w as u and sh as s (two of dictionaries/transliteration/es.tsv).
const std::vector<SourceLanguageRules> kSpanish = {{"es", {{"w", "u"}, {"sh", "s"}}, 2}};
const std::unordered_set<std::string> kArabicScript = {"AF"};
const std::unordered_map<std::string, std::string> kLanguages = {{"ES", "es"}};

TEST_CASE("candidates: a respelled name finds its English spelling, which the rules explain") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  auto g = Gazetteer::Open(DefaultGazetteerPath());
  REQUIRE(g.ok());
  const CandidateSources from{g->get(), kSpanish, &kArabicScript, &kLanguages};
  CandidateList found = FindCandidates(from, "maidan uardak", 3.0f);
  bool wardak = false;
  for (Candidate& c : found.list) {
    Gazetteer::Entry e = (*g)->Get(c.id);
    e.form = c.form;
    if (e.country != "AF" || FoldName(WithoutAdminWord(e.name)) != "maidan wardak") continue;
    const CandidateJudgement& j = Judge(from, c, e, "maidan uardak", false, found);
    wardak |= j.derived && j.answer == "maidan wardak";
    CHECK(&Judge(from, c, e, "maidan uardak", false, found) == &j);  // judged once
  }
  CHECK(wardak);
  // The floor leaves out what no repair may reach: no candidate of a single unknown word is
  // below a city of 100,000.
  for (const Candidate& c : FindCandidates(from, "daulat", 5.0f).list)
    CHECK((*g)->Get(c.id).prominence >= 5.0f);
}

TEST_CASE("candidates: a worker keeps a spelling's candidates for the next document") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  auto g = Gazetteer::Open(DefaultGazetteerPath());
  REQUIRE(g.ok());
  const CandidateSources from{g->get(), kSpanish, &kArabicScript, &kLanguages};
  CandidateCache cache;
  CandidateList& first = cache.Get(from, "kunduz", true, 5.0f);
  CHECK(&cache.Get(from, "kunduz", true, 5.0f) == &first);
  CHECK(&cache.Get(from, "kunduz", false, 3.0f) != &first);  // another floor, another list
  CHECK(cache.Get(from, "kunduz", true, 5.0f).list.size() ==
        FindCandidates(from, "kunduz", 5.0f).list.size());
}

}  // namespace
}  // namespace mtclean
