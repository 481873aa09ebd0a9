// How a source language respells names: rules "english -> source" (dictionaries/
// transliteration/<lang>.tsv, and those the build learns), read both ways. Derive tells
// whether and how a text's spelling comes from an English one; ReverseVariants lists the
// English spellings a text's spelling may come from.
#ifndef MTCLEAN_STAGES_NAMES_RESPELLING_RULES_H_
#define MTCLEAN_STAGES_NAMES_RESPELLING_RULES_H_

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mtclean/status.h"

namespace mtclean {

using RulePairs = std::vector<std::pair<std::string, std::string>>;  // english -> source

// Edit distance (insertions, deletions, substitutions of bytes).
size_t Levenshtein(std::string_view a, std::string_view b);

// A folded name's letters, without its spaces, hyphens and apostrophes ("sar e pul": "sarepul").
std::string NameLetters(std::string_view folded);

// Whether two folded names are one name romanised two ways: one consonant skeleton of their
// letters, or a few letters apart for their length ("samux", "samukh"); "marl" is no
// "marlborough", "beni" no "fahs".
bool SameNameRomanised(std::string_view a, std::string_view b);

// How `source` can be written from `english`: the fewest rule applications, and among those
// how many used one of the first `distinctive_rules` rules (the source language's own, not
// the vowel and q/k variations every English romanisation shows). {-1, 0} when it cannot
// within `budget`; {0, 0} for equal spellings. Both folded.
struct Derivation {
  int applications = -1;
  int distinctive = 0;
};
Derivation Derive(std::string_view english, std::string_view source,
                  std::span<const RulePairs::value_type> rules, size_t distinctive_rules,
                  int budget);

// English spellings `source` may come from: the first `distinctive` rules applied in
// reverse (source -> English) at up to `max_rules` places, breadth first; at most `cap`
// variants appended to `out`.
void ReverseVariants(const std::string& source, const RulePairs& rules, size_t distinctive,
                     int max_rules, size_t cap, std::vector<std::string>* out);

// Rules from the lines of a rules file ("english<TAB>source", folded as names are); an
// error naming `path` for a line without a tab.
StatusOr<RulePairs> ParseRules(const std::vector<std::string>& lines, const std::string& path);

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_RESPELLING_RULES_H_
