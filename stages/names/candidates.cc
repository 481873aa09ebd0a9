#include "stages/names/candidates.h"

#include <algorithm>

#include "lexicon/phonetic_key.h"

namespace mtclean {

CandidateList FindCandidates(const CandidateSources& from, const std::string& folded, float floor) {
  const Gazetteer& g = *from.gazetteer;
  CandidateList made;
  auto found = g.FindBySkeleton(Skeleton(folded), floor);
  for (auto& c : g.FindByName(folded, floor)) {
    if (FoldName(c.name) == folded) continue;
    c.form = c.name;  // an exonym: judge the canonical name against it
    found.push_back(c);
  }
  std::vector<std::string> variants;
  for (const auto& lang : from.languages)
    ReverseVariants(folded, lang.rules, lang.distinctive, 2, 256, &variants);
  std::sort(variants.begin(), variants.end());
  variants.erase(std::unique(variants.begin(), variants.end()), variants.end());
  // (All at once: a hundred look-ups of which most miss the cache.)
  thread_local std::vector<std::pair<Gazetteer::Key, std::string>> lookups;
  lookups.clear();
  for (const std::string& v : variants) {
    lookups.emplace_back(Gazetteer::Key::kName, v);
    lookups.emplace_back(Gazetteer::Key::kSkeleton, Skeleton(v));
  }
  for (const std::string& reading : PhoneticReadings(folded, 16))
    lookups.emplace_back(Gazetteer::Key::kPhonetic, reading);
  g.FindMany(lookups, floor, &found);
  // A careless encoder drops an accented letter with its accent: Spanish accents the vowel
  // before a final n or s of a word stressed on its last syllable ("Macrón" -> "Macrn").
  // Names spelled exactly so but for that vowel are explained.
  const size_t last = folded.size();
  if (last >= 4 && (folded[last - 1] == 'n' || folded[last - 1] == 's') &&
      std::string_view("aeiou").find(folded[last - 2]) == std::string_view::npos &&
      folded[last - 2] != ' ')
    for (char v : std::string_view("aeiou")) {
      std::string variant = folded.substr(0, last - 1) + v + folded.substr(last - 1);
      for (auto& c : g.FindByName(variant, floor)) found.push_back(c);
      made.dropped_vowel.push_back(std::move(variant));
    }
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const auto& x, const auto& y) { return x.id == y.id && x.form == y.form; }),
      found.end());
  for (const auto& c : found) made.list.push_back({c.id, c.form, std::nullopt});
  return made;
}

const CandidateJudgement& Judge(const CandidateSources& from, Candidate& candidate,
                                const Gazetteer::Entry& c, const std::string& folded, bool single,
                                const CandidateList& list) {
  if (candidate.judgement) return *candidate.judgement;
  CandidateJudgement j;
  const std::string form = FoldName(c.form), name = FoldName(c.name);
  j.answer = FoldName(WithoutAdminWord(c.name));
  j.canonical = form == j.answer || form == name;
  j.other_alternate = form != name && form != j.answer;
  j.distance = static_cast<uint32_t>(Levenshtein(form, folded));
  // A repair needs a rule of the source language itself ("w" written "u", "j" written "y");
  // vowel variation alone ("Thani"/"Thane") is how English romanisations differ, and is only
  // flagged.
  j.derived = std::find(list.dropped_vowel.begin(), list.dropped_vowel.end(), form) !=
              list.dropped_vowel.end();
  const std::string country(c.country);
  const bool romanised_from_arabic =
      country.empty() || from.arabic_script_countries->count(country) > 0;
  const auto home =
      country.empty() ? from.country_language->end() : from.country_language->find(country);
  // A place (not a person: people's names go through their own romanisations) of a country
  // that writes the Latin script, whose English name is its own spelling, keeps that
  // spelling through a translation (Hungary's Fejér is Fejér to Spanish too): a source
  // language's habits of transcribing other scripts explain none of its misspellings
  // ("Feyer" is a conductor), only misread letters do. (Azerbaijan's Yevlax is Yevlakh in
  // English, from the Russian: transcribed.)
  const bool latin_home = c.type != EntityType::kPerson && c.type != EntityType::kOrganisation &&
                          !country.empty() && from.latin_script_countries != nullptr &&
                          from.latin_script_countries->count(country) > 0 &&
                          name == FoldName(c.english);
  for (const auto& lang : from.languages) {
    if (home != from.country_language->end() && home->second == lang.name) continue;
    if (latin_home && lang.name != kMisreadingRules) continue;
    const std::span<const RulePairs::value_type> rules(
        lang.rules.data(), romanised_from_arabic ? lang.rules.size() : lang.distinctive);
    const Derivation dv = Derive(form, folded, rules, lang.distinctive, single ? 3 : 4);
    if (dv.applications > 0 && dv.distinctive > 0)
      j.derived = true;
    else if (dv.applications > 0)
      j.near_by_rules = true;
  }
  candidate.judgement = std::move(j);
  return *candidate.judgement;
}

CandidateList& CandidateCache::Get(const CandidateSources& from, const std::string& folded,
                                   bool single, float floor) {
  // (`single` is part of the key: a single word's candidates are judged with fewer rules.)
  std::string key = folded;
  key += '\x1f';
  key += single ? '1' : '0';
  key += std::to_string(floor);
  auto it = lists_.find(key);
  if (it != lists_.end()) return it->second;
  if (held_ > kMaxCandidates) lists_.clear(), held_ = 0;
  CandidateList made = FindCandidates(from, folded, floor);
  held_ += made.list.size() + 1;
  return lists_.emplace(std::move(key), std::move(made)).first->second;
}

}  // namespace mtclean
