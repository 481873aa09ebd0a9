// Folding of lines into comparable keys, and the boilerplate phrase lists of
// dictionaries/boilerplate/<lang>.txt.
#ifndef MTCLEAN_STAGES_BOILERPLATE_PHRASE_LIST_H_
#define MTCLEAN_STAGES_BOILERPLATE_PHRASE_LIST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/word_table.h"
#include "mtclean/status.h"

namespace mtclean::boilerplate {

// A line folded for comparison: lower-case words of letters, separated by single spaces;
// digits, punctuation and symbols separate words and are dropped, apostrophes are dropped
// without separating ("We'll" -> "well"). `word_starts[i]` is the byte offset in the raw
// line where folded word i starts, `word_ends[i]` where it ends.
struct FoldedLine {
  std::string text;
  std::vector<size_t> word_starts, word_ends;
  std::vector<size_t> offsets;  // where folded word i starts in `text`
  size_t words() const { return word_starts.size(); }
  // What the prose test needs of the raw line, gathered in the same pass (prose.h):
  size_t code_points = 0;      // not counting spaces
  size_t spaceless = 0;        // of scripts written without spaces (Han, kana, Thai, ...)
  int32_t first = 0;           // the first code point that is no space
  int32_t last = 0, before_last = 0;  // the last two that are no space
  bool sentence_inside = false;  // a sentence end or comma followed by a space and more text
  size_t separators = 0;         // menu separators: | · • » ›
};
void Fold(std::string_view raw, FoldedLine* out);

// Marks that end a sentence: . ! ? … and the full stops and marks of CJK, Devanagari, Arabic.
inline bool IsSentenceEndMark(int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
         cp == 0x0964 || cp == 0x06D4 || cp == 0x061F;
}

// Scripts whose words are not separated by spaces: Han, kana, Thai, Lao, Khmer, Myanmar.
inline bool IsSpacelessScript(int32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x0E00 && cp <= 0x0EFF) ||
         (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x1000 && cp <= 0x109F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

enum class MatchKind { kLine, kPrefix, kGlued, kInside };

struct Phrase {
  std::string folded;
  uint16_t rule;  // index into the stage's rules
  MatchKind kind;
};

// All phrase files of the given languages, merged. Thread-safe after loading.
class PhraseList {
 public:
  // Reads boilerplate/<lang>.txt for each language; errors name file and line.
  // Every phrase's rule must be one of `rules`.
  // `extra_files`: more phrase files of the same format by path (lists made at build time); a
  // missing one is skipped.
  static StatusOr<PhraseList> Load(const std::string& data_dir,
                                   const std::vector<std::string>& languages,
                                   const std::vector<std::string_view>& rules,
                                   const std::vector<std::string>& extra_files = {});

  // The phrase matching the whole folded line, or null.
  const Phrase* MatchLine(std::string_view folded) const;
  // Whether the whole folded line is two or more whole-line phrases one after the other
  // ("kommentar verfassen antwort abbrechen", "share tweet email"): the first of them, or
  // null. At most 16 words. `multiword` tells whether one of them has two words or more.
  const Phrase* MatchLineSequence(std::string_view folded, size_t* pieces, bool* multiword) const;
  // The longest prefix or glued phrase the folded text starts with (at a word boundary).
  const Phrase* MatchPrefix(std::string_view folded) const;
  // The longest glued phrase `folded` starts with.
  const Phrase* MatchGlued(std::string_view folded) const;
  // A phrase of kind `inside` anywhere in the folded line, at word boundaries; `last_word`,
  // when given, is set to the index of the match's last word.
  const Phrase* MatchInside(std::string_view folded, size_t* last_word = nullptr) const;
  size_t size() const { return phrases_.size(); }

 private:
  std::vector<Phrase> phrases_;
  // Probed with views of the folded line (no string built per look-up: a line with no
  // whole-line phrase tries every run of its words in MatchLineSequence).
  WordMap<size_t> line_index_;
  // First word -> phrases (prefix and glued) starting with it.
  WordMap<std::vector<size_t>> prefix_index_;
  // First word -> phrases of kind `inside` starting with it.
  std::unordered_map<std::string, std::vector<size_t>, StringHash, std::equal_to<>> inside_index_;
};

// A set of lower-case words read from a data file (stop words, date words, ...).
StatusOr<std::unordered_set<std::string>> LoadWordSet(const std::string& data_dir,
                                                       const std::string& relative_path);

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_PHRASE_LIST_H_
