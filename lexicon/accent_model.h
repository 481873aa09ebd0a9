// Accented word forms of one language with their counts, and the contexts that tell apart
// forms with the same plain spelling ("a"/"à", "esta"/"está"), compiled at build time by
// tools/accents/build_accent_model from Debian's onboard-data word counts and the Debian
// Handbook's prose. Immutable and thread-safe once loaded.
//
//   auto m = mtclean::AccentModel::Load("build/accents/fr.accents");
//   auto c = (*m)->Choose("a", /*previous*/ "il", /*next*/ "mange");   // c.form == "a"
//   auto d = (*m)->Choose("a", "jusqu", "paris");                      // d.form == "à"
#ifndef MTCLEAN_LEXICON_ACCENT_MODEL_H_
#define MTCLEAN_LEXICON_ACCENT_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/word_table.h"
#include "mtclean/status.h"

namespace mtclean {

// Lower case, per code point ("État" -> "état").
std::string LowerWord(std::string_view word);
// Lower case without diacritics ("État" -> "etat"); letters stay letters ("ß" stays).
std::string PlainWord(std::string_view word);
// The same case, without diacritics ("Maīdān Khūlah" -> "Maidan Khulah": English news text
// writes names without scholarly marks).
std::string WithoutMarks(std::string_view text);

class AccentModel {
 public:
  static StatusOr<std::unique_ptr<AccentModel>> Load(const std::string& path);
  // The ending whose contexts words share: the last two letters of a word of five or more
  // ("utilisé" -> "sé"... "é" with the letter before), else "".
  static std::string Ending(std::string_view form);

  struct Form {
    std::string form;
    uint64_t count;
  };
  // The forms (lower case) whose plain spelling is `plain`; empty when none is known.
  const std::vector<Form>& Forms(std::string_view plain) const;

  struct Choice {
    std::string_view form;  // empty when `plain` is unknown
    double probability = 0;  // of the chosen form among the forms of `plain`
  };
  // The most likely form of `plain` between two plain neighbours ("" at a sentence edge):
  // the form's frequency (as a capitalised word inside a sentence, when `capitalised`)
  // weighed by how often it follows `previous` and precedes `next`.
  Choice Choose(std::string_view plain, std::string_view previous, std::string_view next,
                bool capitalised = false) const;

  // How often words spell `plain` once stripped of their accents, per word of the counts
  // (0 when unknown): which language a stripped text is in.
  double PlainFrequency(std::string_view plain) const;

 private:
  // Plain spellings with their forms and total count, in an open-addressing table keyed
  // by the spelling's hash: the look-up of every word of a text, one cache miss or two
  // where a node-based map costs several.
  struct Plain {
    std::string plain;
    std::vector<Form> forms;
    uint64_t count = 0;
  };
  std::vector<Plain> plains_;
  std::vector<uint32_t> slots_;  // index + 1 into plains_, 0 empty; size a power of two
  const Plain* FindPlain(std::string_view plain) const;
  static uint64_t PairKey(std::string_view a, std::string_view b);
  std::unordered_map<uint64_t, uint32_t> left_, right_;  // PairKey(plain, form), PairKey(form, plain)
  std::unordered_map<uint64_t, uint32_t> ending_left_, ending_right_;
  WordMap<uint32_t> ending_seen_;
  // How many different neighbours a form or ending was seen with, left and right.
  WordMap<uint32_t> left_types_, right_types_, ending_left_types_, ending_right_types_;
  WordMap<uint32_t> seen_;         // occurrences of a form in the prose
  WordMap<uint32_t> capitalised_;  // ... with a capital inside a sentence
  uint64_t total_ = 0;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ACCENT_MODEL_H_
