// A word trigram model of English: the CMU Sphinx US English model (Debian
// pocketsphinx-en-us, 72k words, 2.0M bigrams, 1.7M trigrams, BSD-2), read by the Sphinx
// library of Debian (libsphinxbase). Words are looked up in lower case. The library keeps
// look-up state inside the model (a look-up depends on the one before it), so each worker of
// the garbled stage reads its own copy (38 MB, 0.06 s), and a copy's queries are serialised
// by a lock taken once per sentence. The library reads the model into memory: an mmap-ed
// reader of its trie format would share one copy (issue 18).
#ifndef MTCLEAN_LEXICON_ENGLISH_LM_H_
#define MTCLEAN_LEXICON_ENGLISH_LM_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mtclean/status.h"

struct ngram_model_s;
struct logmath_s;

namespace mtclean {

class EnglishLanguageModel {
 public:
  struct WordScore {
    float log10_prob = 0;     // log10 P(word | the two words before), with back-off
    float log10_unigram = 0;  // log10 P(word) alone
    int ngram = 0;            // the longest n-gram the model knew (1: back-off to the word alone)
    bool unknown = false;     // not in the model's vocabulary
  };

  static StatusOr<std::unique_ptr<EnglishLanguageModel>> Load(const std::string& path);
  ~EnglishLanguageModel();

  // Scores each word of a sentence (lower case) after the sentence start and the words
  // before it.
  void Score(std::span<const std::string_view> words, std::vector<WordScore>* out) const;

 private:
  EnglishLanguageModel() = default;
  ngram_model_s* model_ = nullptr;
  logmath_s* logmath_ = nullptr;
  int32_t start_ = 0, unknown_ = 0;
  mutable std::mutex mutex_;
  mutable std::string word_;  // a NUL-terminated copy for the library, under the lock
  mutable std::vector<int32_t> ids_;  // the sentence's word ids, under the lock
};

// The model in Debian's pocketsphinx-en-us, or $MTCLEAN_ENGLISH_LM.
std::string DefaultEnglishLanguageModelPath();

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_LM_H_
