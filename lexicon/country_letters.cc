#include "lexicon/country_letters.h"

#include <algorithm>

#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/ulocdata.h>
#include <unicode/uniset.h>
#include <unicode/uset.h>

#include "pipeline/utf8.h"

namespace mtclean {

namespace {

// CLDR's standard exemplar characters of `language`, both cases.
void AddExemplars(const char* language, icu::UnicodeSet* letters) {
  UErrorCode status = U_ZERO_ERROR;
  ULocaleData* data = ulocdata_open(language, &status);
  if (U_FAILURE(status)) return;
  USet* set = ulocdata_getExemplarSet(data, nullptr, USET_ADD_CASE_MAPPINGS, ULOCDATA_ES_STANDARD, &status);
  if (U_SUCCESS(status) && set != nullptr) letters->addAll(*icu::UnicodeSet::fromUSet(set));
  if (set != nullptr) uset_close(set);
  ulocdata_close(data);
}

// Whether `written(cp)` holds for every letter of `text` beyond ASCII.
template <typename Written>
bool EachLetter(std::string_view text, Written written) {
  for (size_t pos = 0; pos < text.size();) {
    int32_t cp = 0;
    const int n = utf8::Decode(text, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    if (cp < 0x80 || !utf8::IsLetter(cp)) continue;
    if (!written(cp)) return false;
  }
  return true;
}

// Whether every letter of `text` beyond ASCII is in `letters`.
bool AllIn(const icu::UnicodeSet& letters, std::string_view text) {
  return !letters.isEmpty() && EachLetter(text, [&](int32_t cp) { return letters.contains(cp); });
}

}  // namespace

CountryLetters::CountryLetters() = default;
CountryLetters::~CountryLetters() = default;

const icu::UnicodeSet& CountryLetters::LettersOf(const std::string& country) {
  auto it = sets_.find(country);
  if (it != sets_.end()) return *it->second;
  // The official languages of the country (CLDR supplemental territoryInfo: official or de
  // facto official; regional languages such as Catalan in Spain are not the country's).
  auto letters = std::make_unique<icu::UnicodeSet>();
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* supplemental = ures_openDirect(nullptr, "supplementalData", &status);
  UResourceBundle* territories = ures_getByKey(supplemental, "territoryInfo", nullptr, &status);
  UResourceBundle* territory = ures_getByKey(territories, country.c_str(), nullptr, &status);
  const int32_t languages = U_SUCCESS(status) ? ures_getSize(territory) : 0;
  UResourceBundle* language = nullptr;
  for (int32_t i = 0; i < languages; ++i) {
    UErrorCode st = U_ZERO_ERROR;
    language = ures_getByIndex(territory, i, language, &st);
    if (U_FAILURE(st) || ures_getType(language) != URES_TABLE) continue;
    int32_t length = 0;
    const UChar* official = ures_getStringByKey(language, "officialStatus", &length, &st);
    if (U_FAILURE(st) || official == nullptr) continue;
    const icu::UnicodeString status_name(official, length);
    if (status_name != u"official" && status_name != u"de_facto_official") continue;
    AddExemplars(ures_getKey(language), letters.get());
  }
  if (language != nullptr) ures_close(language);
  if (territory != nullptr) ures_close(territory);
  if (territories != nullptr) ures_close(territories);
  if (supplemental != nullptr) ures_close(supplemental);
  letters->freeze();
  return *sets_.emplace(country, std::move(letters)).first->second;
}

const icu::UnicodeSet& CountryLetters::LanguageLetters(const std::string& language) {
  auto it = language_sets_.find(language);
  if (it != language_sets_.end()) return *it->second;
  auto letters = std::make_unique<icu::UnicodeSet>();
  AddExemplars(language.c_str(), letters.get());
  letters->freeze();
  return *language_sets_.emplace(language, std::move(letters)).first->second;
}

bool CountryLetters::Writes(std::string_view country, std::string_view text) {
  return country.size() == 2 && AllIn(LettersOf(std::string(country)), text);
}

bool CountryLetters::LanguageWrites(std::string_view language, std::string_view text) {
  return AllIn(LanguageLetters(std::string(language)), text);
}

bool CountryLetters::LanguagesWrite(std::span<const std::string> languages, std::string_view text) {
  return EachLetter(text, [&](int32_t cp) {
    return std::any_of(languages.begin(), languages.end(),
                       [&](const std::string& lang) { return LanguageLetters(lang).contains(cp); });
  });
}

}  // namespace mtclean
