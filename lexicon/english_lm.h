// A word trigram model of English: the CMU Sphinx US English model (Debian
// pocketsphinx-en-us, 72k words, 2.0M bigrams, 1.7M trigrams, BSD-2). The build reads Sphinx's
// trie file (tools/garbled/build_english_lm.cc) and writes its tables unpacked into an image
// (build/garbled/en-us.elm, 38 MB) that every worker and process maps and reads in place: no
// load at start-up, one copy in memory, no lock (the Sphinx library kept look-up state inside
// the model: each worker read its own 38 MB copy and serialised its queries). Scores are the
// library's own, to the last unit (english_lm_test.cc compares them on a real text). Words
// are looked up in lower case.
#ifndef MTCLEAN_LEXICON_ENGLISH_LM_H_
#define MTCLEAN_LEXICON_ENGLISH_LM_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/mapped_file.h"
#include "mtclean/status.h"

namespace mtclean {

class EnglishLanguageModel {
 public:
  struct WordScore {
    float log10_prob = 0;     // log10 P(word | the two words before), with back-off
    float log10_unigram = 0;  // log10 P(word) alone
    int ngram = 0;            // the longest n-gram the model knew (1: back-off to the word alone)
    bool unknown = false;     // not in the model's vocabulary
  };

  // The tables of a trigram model as Sphinx's trie keeps them: for each word, the bigrams
  // that end with it, sorted by the word before; for each bigram, the trigrams that end with
  // it, sorted by the word before those. Weights are codes into 65,536 quantised values per
  // kind (scores in Sphinx's log base 1.0001).
  struct Tables {
    std::vector<std::string> words;  // by id
    std::vector<float> unigram_prob, unigram_backoff;
    std::vector<uint32_t> unigram_next;  // words + 1: the word's bigrams are [next[w], next[w+1])
    std::vector<uint32_t> bigram_word;   // the word before
    std::vector<uint16_t> bigram_prob, bigram_backoff;  // codes
    std::vector<uint32_t> bigram_next;   // bigrams + 1: its trigrams are [next[b], next[b+1])
    std::vector<uint32_t> trigram_word;  // the word two before
    std::vector<uint16_t> trigram_prob;  // code
    std::vector<float> bigram_prob_values, bigram_backoff_values,
        trigram_prob_values;  // 65,536 each
  };
  // Writes the image of `tables` (build time).
  static Status Write(const Tables& tables, const std::string& path);

  static StatusOr<std::unique_ptr<EnglishLanguageModel>> Load(const std::string& path);

  // Scores each word of a sentence (lower case) after the sentence start and the words
  // before it.
  void Score(std::span<const std::string_view> words, std::vector<WordScore>* out) const;

  // The id of a word, or -1.
  int32_t WordId(std::string_view word) const;

 private:
  struct Header;
  EnglishLanguageModel() = default;
  // A bigram: the word before, the weights' codes (probability << 16 | back-off), the first of
  // its trigrams (the next record's `next` ends them). One record, so that the probe that
  // finds a bigram brings its weights along.
  struct Bigram {
    uint32_t word, codes, next;
  };
  // Sphinx's ngram_ng_prob: the score of `word` after `history` (the word before first), in
  // log base 1.0001, and the order of the n-gram used. `context`: the bigram of the two words
  // of the history (-1: none), which the word before found as its own bigram. `*bigram`: this
  // word's bigram with the word before (-1: none).
  int32_t Prob(int32_t word, const int32_t* history, int n_history, int64_t context,
               int64_t* bigram, int* used) const;
  // The bigram of `word` after `before`, or -1.
  int64_t FindBigram(uint32_t word, uint32_t before) const;
  // The record of `key` among [begin, end) (`key_of(i)` the key of record i), or -1.
  template <class KeyOf>
  int64_t FindIn(uint32_t begin, uint32_t end, uint32_t key, KeyOf key_of) const;

  MappedFile image_;
  uint32_t vocabulary_ = 0, vocab_mask_ = 0;
  int32_t start_ = -1, unknown_ = -1;
  const float* unigram_prob_ = nullptr;
  const float* unigram_backoff_ = nullptr;
  const uint32_t* unigram_next_ = nullptr;
  const Bigram* bigrams_ = nullptr;  // bigrams + 1 (the last holds only `next`)
  const uint32_t* trigram_word_ = nullptr;
  const uint16_t* trigram_prob_ = nullptr;
  const float* bigram_prob_values_ = nullptr;
  const float* bigram_backoff_values_ = nullptr;
  const float* trigram_prob_values_ = nullptr;
  const uint32_t* vocab_slots_ = nullptr;   // id + 1, 0: empty
  const uint32_t* word_offsets_ = nullptr;  // words + 1
  const char* word_chars_ = nullptr;
};

// The image the build made from Debian's pocketsphinx-en-us, or $MTCLEAN_ENGLISH_LM.
std::string DefaultEnglishLanguageModelPath();

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_LM_H_
