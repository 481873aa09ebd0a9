// Whether a word is an English word, by Hunspell with Debian's en_US dictionary.
//
// Hunspell is not thread-safe and slow: a stage keeps one EnglishWords per worker (in its
// StageScratch), and each instance caches its answers per distinct word (the last 260,000 or so).
#ifndef MTCLEAN_LEXICON_ENGLISH_WORDS_H_
#define MTCLEAN_LEXICON_ENGLISH_WORDS_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/word_table.h"
#include "mtclean/status.h"

class Hunspell;

namespace mtclean {

// The Debian Hunspell dictionary of a language code ("fr" -> "fr_FR", "en" -> "en_US");
// other codes are taken as dictionary names ("en_GB").
std::string HunspellDictionaryName(const std::string& lang);

class EnglishWords {
 public:
  // `dictionary` is the path without extension (/usr/share/hunspell/en_US).
  static StatusOr<std::unique_ptr<EnglishWords>> Open(const std::string& dictionary);
  // Whether Open would find the dictionary's files, without reading them (a factory checks
  // at start-up; each worker opens its own handle when it needs it).
  static Status Check(const std::string& dictionary);
  ~EnglishWords();
  bool Known(std::string_view word);

 private:
  EnglishWords() = default;
  std::unique_ptr<Hunspell> hunspell_;
  // Answers by the word's hash, direct-mapped: one memory access per look-up, and bounded
  // memory on endless corpora (a new word takes its slot's place).
  static constexpr size_t kCacheSlots = size_t{1} << 18;
  std::vector<uint64_t> cache_;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_WORDS_H_
