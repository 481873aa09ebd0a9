#include "lexicon/english_words.h"

#include <hunspell/hunspell.hxx>
#include <unistd.h>

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
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  if (cache_.size() > 200000) cache_.clear();  // bounded memory on endless corpora
  bool known = hunspell_->spell(std::string(word));
  cache_.emplace(std::string(word), known);
  return known;
}

}  // namespace mtclean
