#include "lexicon/english_words.h"

#include <hunspell/hunspell.hxx>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <xxhash.h>

#include "pipeline/data_files.h"

namespace mtclean {

namespace {
// Hunspell keeps one process-wide UTF-8 table, counted by its constructors and destructors
// without a lock (csutil's initialize_utf_tbl / free_utf_tbl): two workers opening a
// dictionary at once both allocate it and one copy leaks (LeakSanitizer saw it in CI).
// Every Hunspell object is made under this mutex.
std::mutex& HunspellLifetimeMutex() {
  static std::mutex mutex;
  return mutex;
}
size_t hunspell_objects_made = 0;  // guarded by HunspellLifetimeMutex
}  // namespace

size_t HunspellObjectsMade() {
  std::lock_guard<std::mutex> lock(HunspellLifetimeMutex());
  return hunspell_objects_made;
}

// One Hunspell object per dictionary for the whole process, shared by every stage and
// worker: a dictionary takes 10-30 MB and 0.05-0.3 s to open, and the workers' caches and
// word lists in front of it leave it the few words they have not seen. Hunspell is not
// thread-safe (its affix manager keeps state between calls): a call holds the mutex.
struct SharedSpeller {
  std::once_flag opened;
  std::mutex mutex;
  std::unique_ptr<Hunspell> hunspell;

  static SharedSpeller& For(const std::string& dic) {
    static std::mutex mutex;
    // Never destroyed: closing the dictionaries at exit costs time and frees nothing the
    // process still needs (and a worker thread may still hold one).
    static auto* spellers = new std::unordered_map<std::string, std::unique_ptr<SharedSpeller>>();
    std::lock_guard<std::mutex> lock(mutex);
    auto& speller = (*spellers)[dic];
    if (speller == nullptr) speller = std::make_unique<SharedSpeller>();
    return *speller;
  }

  bool Spell(const std::string& aff, const std::string& dic, const std::string& word) {
    std::call_once(opened, [&] {
      std::lock_guard<std::mutex> lock(HunspellLifetimeMutex());
      hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
      ++hunspell_objects_made;
    });
    std::lock_guard<std::mutex> lock(mutex);
    return hunspell->spell(word);
  }
};

Status EnglishWords::Check(const std::string& dictionary) {
  std::string aff = dictionary + ".aff", dic = dictionary + ".dic";
  if (access(aff.c_str(), R_OK) != 0 || access(dic.c_str(), R_OK) != 0)
    return Status::Error("cannot read the Hunspell dictionary " + dic +
                         " (Debian packages hunspell-*; scripts/setup.sh installs them)");
  return Status();
}

StatusOr<std::unique_ptr<EnglishWords>> EnglishWords::Open(const std::string& dictionary, bool listed_forms) {
  if (Status st = Check(dictionary); !st.ok()) return st;
  std::string aff = dictionary + ".aff", dic = dictionary + ".dic";
  auto words = std::unique_ptr<EnglishWords>(new EnglishWords());
  words->aff_ = std::move(aff);
  words->dic_ = std::move(dic);
  words->speller_ = &SharedSpeller::For(words->dic_);
  if (listed_forms) words->forms_ = WordForms::ForDictionary(std::filesystem::path(dictionary).filename().string());
  return words;
}

std::shared_ptr<const WordForms> WordForms::ForDictionary(const std::string& name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const WordForms>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(name); it != loaded.end()) return it->second;
  const std::string dir = PathFromEnv("MTCLEAN_WORDS_DIR", MTCLEAN_DEFAULT_WORDS_DIR);
  std::shared_ptr<WordForms> forms;
  if (std::ifstream in(dir + "/" + name + ".words"); in) {
    forms = std::make_shared<WordForms>();
    for (std::string line; std::getline(in, line);) {
      // "word", "word/flags" or "word<tab>morphology"
      const std::string_view word = std::string_view(line).substr(0, line.find_first_of("/\t "));
      if (!word.empty()) forms->hashes_.push_back(XXH3_64bits(word.data(), word.size()));
    }
    std::sort(forms->hashes_.begin(), forms->hashes_.end());
  }
  loaded.emplace(name, forms);
  return forms;
}

bool WordForms::Listed(std::string_view spelling) const {
  return std::binary_search(hashes_.begin(), hashes_.end(), XXH3_64bits(spelling.data(), spelling.size()));
}

bool WordForms::Accepts(std::string_view word) const {
  if (word.empty() || word.size() > 64) return false;
  bool upper_rest = true, lower_rest = true;
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (!std::isalpha(c)) return false;
    if (i > 0) upper_rest &= std::isupper(c) != 0, lower_rest &= std::islower(c) != 0;
  }
  if (Listed(word)) return true;
  if (!std::isupper(static_cast<unsigned char>(word[0])) || word.size() < 2) return false;
  std::string lower(word), capitalised(word);
  for (size_t i = 0; i < word.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
    if (i > 0) capitalised[i] = lower[i];
  }
  if (lower_rest) return Listed(lower);                           // "Paris", "The"
  if (upper_rest) return Listed(lower) || Listed(capitalised);    // "NATO", "PARIS"
  return false;
}

bool WordForms::Settles(std::string_view word) const {
  if (word.size() < 2 || word.size() > 64) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (i == 0 ? !std::isalpha(c) : !std::islower(c)) return false;
  }
  return true;
}

std::string HunspellDictionaryName(const std::string& lang) {
  static const std::unordered_map<std::string, std::string> kNames = {
      {"en", "en_US"}, {"fr", "fr_FR"}, {"es", "es_ES"}, {"pt", "pt_PT"},
      {"de", "de_DE"}, {"cs", "cs_CZ"}, {"it", "it_IT"}};
  auto it = kNames.find(lang);
  return it == kNames.end() ? lang : it->second;
}

EnglishWords::~EnglishWords() = default;

EnglishWords* WorkerDictionaries::Get(const std::string& hunspell_dir, const std::string& lang) {
  auto it = open_.find(lang);
  if (it == open_.end()) {
    auto opened = EnglishWords::Open(hunspell_dir + "/" + HunspellDictionaryName(lang));
    it = open_.emplace(lang, opened.ok() ? std::move(*opened) : nullptr).first;
  }
  return it->second.get();
}

bool EnglishWords::Known(std::string_view word) {
  // The word's hash (62 bits) is its identity in the cache: a slot holds the last word that
  // fell there, with bit 1 set when it is occupied and bit 0 when Hunspell knows it.
  const uint64_t key = XXH3_64bits(word.data(), word.size()) & ~uint64_t{3};
  if (cache_.empty()) cache_.assign(kCacheSlots, 0);
  uint64_t& slot = cache_[(key >> 2) & (kCacheSlots - 1)];
  if ((slot & ~uint64_t{3}) == key && (slot & 2) != 0) return (slot & 1) != 0;
  // The list settles a listed form, and any word in lower case or capitalised; Hunspell
  // answers for the rest (upper-case and mixed-case words, compounds, numbers). On English
  // text it is then seldom asked at all.
  const bool listed = forms_ != nullptr && forms_->Accepts(word);
  const bool known = listed || (!(forms_ != nullptr && forms_->Settles(word)) && speller_->Spell(aff_, dic_, std::string(word)));
  slot = key | 2 | (known ? 1 : 0);
  return known;
}

}  // namespace mtclean
