// Whether a word is an English word, by Hunspell with Debian's en_US dictionary.
//
// Hunspell is slow: a stage keeps one EnglishWords per worker (in its StageScratch), and each
// instance caches its answers in 8,192 slots; behind the cache, a mapped table of the
// dictionary's forms (WordForms) settles most words, and the process opens each dictionary
// once, shared by all stages and workers, for the rest.
#ifndef MTCLEAN_LEXICON_ENGLISH_WORDS_H_
#define MTCLEAN_LEXICON_ENGLISH_WORDS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/mapped_file.h"
#include "lexicon/word_table.h"
#include "mtclean/status.h"

namespace mtclean {

struct SharedSpeller;  // english_words.cc

// The Debian Hunspell dictionary of a language code ("fr" -> "fr_FR", "en" -> "en_US");
// other codes are taken as dictionary names ("en_GB").
std::string HunspellDictionaryName(const std::string& lang);

// Every word form of a Hunspell dictionary, as Hunspell's unmunch lists them, with the
// upper-case spellings of mixed-case forms Hunspell accepts ("URLS"): an image built at build
// time (tools/words/build_word_forms.cc, build/words/<dictionary>.forms), an open-addressing
// table of the spellings' hashes mapped read-only and shared by every worker and process. One
// probe (one cache miss) answers a word.
class WordForms {
 public:
  // Null when the build made no image for the dictionary (unmunch missing).
  static std::shared_ptr<const WordForms> ForDictionary(const std::string& name);
  // Writes the image of `forms` (build time).
  static Status Write(const std::vector<std::string>& forms, const std::string& path);
  // Hunspell's answer for `word` where the table settles it, with Hunspell's casing rules (as
  // written; a capitalised or upper-case word as the lower-case form; an upper-case word as
  // the capitalised form), its apostrophes (' and ’) and its hyphens (a compound is known when
  // each of its parts is: "re-installation", "Point-to-Point"). Empty for what only Hunspell
  // answers: digits, other letters, upper-case compounds ("DVD-ROM"), a hyphen at either end.
  // Agrees with Hunspell on every word of bench/unique_prose.py's 8 MB (65,000 words) that
  // it settles (english_words_test.cc checks a text that ships with Debian).
  std::optional<bool> Answer(std::string_view word) const;

 private:
  bool Listed(std::string_view spelling) const;
  bool Cased(std::string_view word) const;  // letters and apostrophes, no hyphen
  MappedFile image_;
  const uint64_t* slots_ = nullptr;
  uint64_t mask_ = 0;
};

class EnglishWords {
 public:
  // `dictionary` is the path without extension (/usr/share/hunspell/en_US).
  // `listed_forms`: answer from the build's list of the dictionary's forms where it can
  // (WordForms), before asking Hunspell.
  static StatusOr<std::unique_ptr<EnglishWords>> Open(const std::string& dictionary, bool listed_forms = true);
  // Whether Open would find the dictionary's files, without reading them (a factory checks
  // at start-up; each worker opens its own handle when it needs it).
  static Status Check(const std::string& dictionary);
  ~EnglishWords();
  bool Known(std::string_view word);

 private:
  EnglishWords() = default;
  std::string aff_, dic_;
  // The process's one Hunspell object for the dictionary (english_words.cc), opened on the
  // first word the listed forms do not settle: most runs of English text ask the list only,
  // and a process that cleans "hi" never reads the dictionary.
  SharedSpeller* speller_ = nullptr;
  std::shared_ptr<const WordForms> forms_;  // may be null
  // Answers by the word's hash, direct-mapped: one memory access per look-up, 64 KB that stay
  // in the processor's cache, bounded on endless corpora (a new word takes its slot's place).
  static constexpr size_t kCacheSlots = size_t{1} << 13;
  std::vector<uint64_t> cache_;
};

// How many Hunspell objects this process has made: one per dictionary it needed, whatever
// the number of stages and workers that ask it.
size_t HunspellObjectsMade();

// A worker's Hunspell dictionaries by language code ("es") or dictionary name ("en_GB"),
// each opened on first use; null for one that cannot be opened.
class WorkerDictionaries {
 public:
  EnglishWords* Get(const std::string& hunspell_dir, const std::string& lang);

 private:
  std::unordered_map<std::string, std::unique_ptr<EnglishWords>> open_;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_WORDS_H_
