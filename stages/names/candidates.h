// The gazetteer's candidates for a span of capitalised words English does not know: names
// with the same skeleton, names the source languages' rules, read backwards, spell out ("Jan"
// may be "Khan", "Guardak" may be "Wardak"), names that sound alike when a letter is read the
// way a source language reads it, and names with a vowel a careless encoder dropped put back
// ("Macrn"). They depend on the span's letters alone, not on its document: a worker keeps
// them by spelling (CandidateCache), and the stage chooses among them per document (by the
// countries the document names, the context of the span). Each candidate's judgement (how far
// its spelling is from the span's, whether a source language's rules explain it) is made once,
// when a document first lets the candidate through.
#ifndef MTCLEAN_STAGES_NAMES_CANDIDATES_H_
#define MTCLEAN_STAGES_NAMES_CANDIDATES_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/gazetteer.h"
#include "stages/names/respelling_rules.h"

namespace mtclean {

// A source language's respelling rules, then the common ones of ar.tsv; the first
// `distinctive` are the language's own.
// The rule set of letters OCR misreads ("rn" for "m"), read like a source language's, and
// kept apart from them where spellings are compared (Explained, batch spellings: a
// misreading is no reason to take two names for one).
inline constexpr std::string_view kMisreadingRules = "ocr";

struct SourceLanguageRules {
  std::string name;
  RulePairs rules;
  size_t distinctive;
};

// What a candidate's spelling says against the span's.
struct CandidateJudgement {
  std::string answer;      // the canonical name folded, without its admin word
  uint32_t distance = 0;   // Levenshtein, matched spelling to span
  bool canonical = false;  // the matched spelling is the canonical name
  bool other_alternate =
      false;                   // the matched spelling is neither the canonical name nor the answer
  bool derived = false;        // a source language's own rule (or a dropped vowel) explains it
  bool near_by_rules = false;  // only rules that English romanisations share explain it
};

// (Small: a worker keeps tens of thousands.)
struct Candidate {
  uint32_t id;                                  // the gazetteer entry
  std::string_view form;                        // the spelling that matched (in the gazetteer)
  std::optional<CandidateJudgement> judgement;  // made when first needed
};

struct CandidateList {
  std::vector<Candidate> list;             // by entry id
  std::vector<std::string> dropped_vowel;  // the span's spellings with a vowel put back
};

// What the candidates are found and judged with (the stage's data, borrowed).
struct CandidateSources {
  const Gazetteer* gazetteer = nullptr;
  std::span<const SourceLanguageRules> languages;
  // Countries whose names English romanises from the Arabic script: the common variation of
  // ar.tsv explains only their names.
  const std::unordered_set<std::string>* arabic_script_countries = nullptr;
  // Each country's likeliest language: its own habits are not applied to its own names.
  const std::unordered_map<std::string, std::string>* country_language = nullptr;
  // Countries whose likeliest script is Latin: their places' names are spelled as they write
  // them, whatever the language of a text.
  const std::unordered_set<std::string>* latin_script_countries = nullptr;
};

// The candidates of `folded` (a single word's or a longer span's) of prominence `floor` and up.
CandidateList FindCandidates(const CandidateSources& from, const std::string& folded, float floor);

// The judgement of a candidate, made on first call (`c` is its entry, with c.form its matched
// spelling).
const CandidateJudgement& Judge(const CandidateSources& from, Candidate& candidate,
                                const Gazetteer::Entry& c, const std::string& folded, bool single,
                                const CandidateList& list);

// A worker's candidates by spelling, bounded (the oldest go all at once).
class CandidateCache {
 public:
  CandidateList& Get(const CandidateSources& from, const std::string& folded, bool single,
                     float floor);

 private:
  static constexpr size_t kMaxCandidates = 30000;  // a few MB
  std::unordered_map<std::string, CandidateList> lists_;
  size_t held_ = 0;
};

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_CANDIDATES_H_
