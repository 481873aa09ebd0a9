#include "lexicon/english_words.h"

#include <hunspell/hunspell.hxx>
#include <unistd.h>
#include <xxhash.h>

namespace mtclean {

Status EnglishWords::Check(const std::string& dictionary) {
  std::string aff = dictionary + ".aff", dic = dictionary + ".dic";
  if (access(aff.c_str(), R_OK) != 0 || access(dic.c_str(), R_OK) != 0)
    return Status::Error("cannot read the Hunspell dictionary " + dic +
                         " (Debian packages hunspell-*; scripts/setup.sh installs them)");
  return Status();
}

StatusOr<std::unique_ptr<EnglishWords>> EnglishWords::Open(const std::string& dictionary) {
  if (Status st = Check(dictionary); !st.ok()) return st;
  std::string aff = dictionary + ".aff", dic = dictionary + ".dic";
  auto words = std::unique_ptr<EnglishWords>(new EnglishWords());
  words->hunspell_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  return words;
}

std::string HunspellDictionaryName(const std::string& lang) {
  static const std::unordered_map<std::string, std::string> kNames = {
      {"en", "en_US"}, {"fr", "fr_FR"}, {"es", "es_ES"}, {"pt", "pt_PT"},
      {"de", "de_DE"}, {"cs", "cs_CZ"}, {"it", "it_IT"}};
  auto it = kNames.find(lang);
  return it == kNames.end() ? lang : it->second;
}

EnglishWords::~EnglishWords() = default;

bool EnglishWords::Known(std::string_view word) {
  // The word's hash (62 bits) is its identity in the cache: a slot holds the last word that
  // fell there, with bit 1 set when it is occupied and bit 0 when Hunspell knows it.
  const uint64_t key = XXH3_64bits(word.data(), word.size()) & ~uint64_t{3};
  if (cache_.empty()) cache_.assign(kCacheSlots, 0);
  uint64_t& slot = cache_[(key >> 2) & (kCacheSlots - 1)];
  if ((slot & ~uint64_t{3}) == key && (slot & 2) != 0) return (slot & 1) != 0;
  const bool known = hunspell_->spell(std::string(word));
  slot = key | 2 | (known ? 1 : 0);
  return known;
}

}  // namespace mtclean
