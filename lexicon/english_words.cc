#include "lexicon/english_words.h"

#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <hunspell/hunspell.hxx>
#include <mutex>

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

namespace {
constexpr char kFormsMagic[8] = {'M', 'T', 'C', 'W', 'R', 'D', '1', '\0'};
// A spelling's key in the table; 0 marks an empty slot.
uint64_t FormKey(std::string_view spelling) {
  const uint64_t h = XXH3_64bits(spelling.data(), spelling.size());
  return h == 0 ? 1 : h;
}
}  // namespace

Status WordForms::Write(const std::vector<std::string>& forms, const std::string& path) {
  // At most half full: a probe that misses ends at an empty slot within a slot or two.
  uint64_t slots = 1024;
  while (slots < 2 * forms.size()) slots *= 2;
  std::vector<uint64_t> image(2 + slots, 0);
  std::memcpy(image.data(), kFormsMagic, sizeof kFormsMagic);
  image[1] = slots;
  uint64_t* table = image.data() + 2;
  for (const std::string& form : forms) {
    const uint64_t key = FormKey(form);
    for (uint64_t i = key & (slots - 1);; i = (i + 1) & (slots - 1)) {
      if (table[i] == key) break;
      if (table[i] == 0) {
        table[i] = key;
        break;
      }
    }
  }
  return WriteFileWhole(path, reinterpret_cast<const uint8_t*>(image.data()),
                        image.size() * sizeof(uint64_t));
}

std::shared_ptr<const WordForms> WordForms::ForDictionary(const std::string& name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const WordForms>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(name); it != loaded.end()) return it->second;
  const std::string path =
      PathFromEnv("MTCLEAN_WORDS_DIR", MTCLEAN_DEFAULT_WORDS_DIR) + "/" + name + ".forms";
  std::shared_ptr<WordForms> forms;
  if (MappedFile::StartsWith(path, std::string_view(kFormsMagic, sizeof kFormsMagic))) {
    auto image = MappedFile::Open(path, "word forms");
    if (image.ok() && image->size() >= 2 * sizeof(uint64_t)) {
      uint64_t slots;
      std::memcpy(&slots, image->data() + sizeof(uint64_t), sizeof slots);
      if (slots != 0 && (slots & (slots - 1)) == 0 &&
          image->size() == (2 + slots) * sizeof(uint64_t)) {
        forms = std::make_shared<WordForms>();
        forms->image_ = std::move(*image);
        forms->slots_ = reinterpret_cast<const uint64_t*>(forms->image_.data()) + 2;
        forms->mask_ = slots - 1;
      }
    }
  }
  loaded.emplace(name, forms);
  return forms;
}

bool WordForms::Listed(std::string_view spelling) const {
  const uint64_t key = FormKey(spelling);
  for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
    if (slots_[i] == key) return true;
    if (slots_[i] == 0) return false;
  }
}

bool WordForms::Cased(std::string_view word) const {
  if (Listed(word)) return true;
  if (!std::isupper(static_cast<unsigned char>(word[0]))) return false;
  bool upper_rest = true, lower_rest = true;
  char lower[64], capitalised[64];  // Answer takes words of up to 64 bytes
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (i > 0) upper_rest &= !std::islower(c), lower_rest &= !std::isupper(c);
    lower[i] = static_cast<char>(std::tolower(c));
    capitalised[i] = i == 0 ? word[0] : lower[i];
  }
  const std::string_view as_lower(lower, word.size()), as_capitalised(capitalised, word.size());
  if (lower_rest) return Listed(as_lower);                            // "Paris", "The", "Let's"
  if (upper_rest) return Listed(as_lower) || Listed(as_capitalised);  // "NATO", "PARIS"
  return false;                                                       // "McDonald": as written only
}

std::optional<bool> WordForms::Answer(std::string_view word) const {
  if (word.empty() || word.size() > 64) return std::nullopt;
  // Hunspell reads the typographic apostrophe as the plain one (en_US.aff: ICONV).
  std::string plain;
  if (word.find("\xE2\x80\x99") != std::string_view::npos) {
    for (size_t p = 0; p < word.size();) {
      if (word.compare(p, 3, "\xE2\x80\x99") == 0) {
        plain += '\'';
        p += 3;
      } else {
        plain += word[p++];
      }
    }
    word = plain;
  }
  bool hyphen = false, lower = false;
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (i == 0 ? !std::isalpha(c) : !std::isalpha(c) && c != '\'' && c != '-') return std::nullopt;
    hyphen |= c == '-';
    lower |= std::islower(c) != 0;
  }
  if (!hyphen) return Cased(word);
  // Hunspell breaks a compound at its hyphens (en_US has no BREAK line: the default "-"), but
  // reads an upper-case one otherwise: left to it.
  if (!lower || word.back() == '-') return std::nullopt;
  if (Cased(word)) return true;
  for (size_t b = 0; b <= word.size();) {
    size_t e = word.find('-', b);
    if (e == std::string_view::npos) e = word.size();
    if (e == b) return std::nullopt;  // "--"
    const std::string_view part = word.substr(b, e - b);
    if (!std::isalpha(static_cast<unsigned char>(part[0]))) return std::nullopt;
    if (!Cased(part)) return false;
    b = e + 1;
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
  // Answers are cached by the word's hash (62 bits) in a small direct-mapped table that stays
  // in the cache (the commonest words of a text come back all the time; the 4 MB table of
  // forms would miss it): a slot holds the last word that fell there, with bit 1 set when it
  // is occupied and bit 0 when the word is known.
  const uint64_t key = XXH3_64bits(word.data(), word.size()) & ~uint64_t{3};
  if (cache_.empty()) cache_.assign(kCacheSlots, 0);
  uint64_t& slot = cache_[(key >> 2) & (kCacheSlots - 1)];
  if ((slot & ~uint64_t{3}) == key && (slot & 2) != 0) return (slot & 1) != 0;
  // The table settles a word in lower case, capitalised or in capitals, with apostrophes and
  // hyphens: on English text Hunspell is seldom asked at all.
  const std::optional<bool> settled = forms_ != nullptr ? forms_->Answer(word) : std::nullopt;
  const bool known = settled ? *settled : speller_->Spell(aff_, dic_, std::string(word));
  slot = key | 2 | (known ? 1 : 0);
  return known;
}

}  // namespace mtclean
