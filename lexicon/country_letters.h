// Which letters the official languages of a country write, from CLDR's territory data and
// exemplar characters through ICU: "é" is written in Morocco (French is de facto official
// there), "ú" is not in Afghanistan.
// A name of a place that carries accents its country's languages write ("Témara") is spelled
// as it is spelled there, not with stray accents of a translation's source language ("Kabúl").
#ifndef MTCLEAN_LEXICON_COUNTRY_LETTERS_H_
#define MTCLEAN_LEXICON_COUNTRY_LETTERS_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include <unicode/uniset.h>

namespace mtclean {

// Not thread-safe: one per worker. The sets are read from ICU per country, on first use.
class CountryLetters {
 public:
  CountryLetters();
  ~CountryLetters();
  CountryLetters(const CountryLetters&) = delete;
  CountryLetters& operator=(const CountryLetters&) = delete;

  // Whether every letter of `text` beyond ASCII is a letter of an official language of
  // `country` (ISO 3166 alpha-2, e.g. "MA"): CLDR's standard exemplar characters, both cases,
  // of the languages CLDR's territory data calls official or de facto official there. False
  // for a country CLDR has no such language for.
  bool Writes(std::string_view country, std::string_view text);
  // Whether every letter of `text` beyond ASCII is a letter of `language` (e.g. "es"):
  // CLDR's standard exemplar characters, both cases.
  bool LanguageWrites(std::string_view language, std::string_view text);
  // Whether each letter of `text` beyond ASCII is a letter of one of `languages` at least
  // ("Souwaïdá": ï is French, á Spanish; "Štip": none of them writes š).
  bool LanguagesWrite(std::span<const std::string> languages, std::string_view text);

 private:
  const icu::UnicodeSet& LettersOf(const std::string& country);
  const icu::UnicodeSet& LanguageLetters(const std::string& language);
  std::unordered_map<std::string, std::unique_ptr<icu::UnicodeSet>> sets_, language_sets_;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_COUNTRY_LETTERS_H_
