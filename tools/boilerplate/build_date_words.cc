// Writes the words of date lines in every language the boilerplate stage judges: the month
// and weekday names of each language's CLDR data through ICU (wide and abbreviated, the form
// used inside a date and the one that stands alone: Polish "marca" beside "marzec"), folded
// to lower case, one per line. The stage reads it beside dictionaries/boilerplate/dates.txt.
//   build_date_words STOPWORDS_ISO_JSON OUT
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace {

void AddWords(const icu::UnicodeString* names, int32_t count, const icu::Locale& locale, std::set<std::string>& out) {
  for (int32_t i = 0; i < count; ++i) {
    icu::UnicodeString name(names[i]);
    name.toLower(locale);
    std::string utf8;
    name.toUTF8String(utf8);
    // "janv." -> "janv"; "5月" and other words with digits are no use to a line of words.
    size_t start = 0;
    for (size_t end; start <= utf8.size(); start = end + 1) {
      end = utf8.find(' ', start);
      if (end == std::string::npos) end = utf8.size();
      std::string word = utf8.substr(start, end - start);
      while (!word.empty() && word.back() == '.') word.pop_back();
      if (word.size() >= 2 && word.find_first_of("0123456789") == std::string::npos) out.insert(word);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: build_date_words STOPWORDS_ISO_JSON OUT\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "build_date_words: cannot read " << argv[1] << "\n";
    return 1;
  }
  const nlohmann::json lists = nlohmann::json::parse(in);
  std::set<std::string> words;
  for (const auto& [lang, unused] : lists.items()) {
    const icu::Locale locale(lang.c_str());
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(locale, status);
    if (U_FAILURE(status)) continue;
    using S = icu::DateFormatSymbols;
    for (S::DtContextType context : {S::FORMAT, S::STANDALONE})
      for (S::DtWidthType width : {S::WIDE, S::ABBREVIATED}) {
        int32_t n = 0;
        const icu::UnicodeString* months = symbols.getMonths(n, context, width);
        AddWords(months, n, locale, words);
        const icu::UnicodeString* days = symbols.getWeekdays(n, context, width);
        AddWords(days, n, locale, words);
      }
  }
  std::ofstream out(argv[2]);
  out << "# Month and weekday names of every stopwords-iso language, from CLDR through ICU; written by\n"
         "# tools/boilerplate/build_date_words.cc at build time. Licence: Unicode-3.0 (CLDR data).\n";
  for (const std::string& w : words) out << w << "\n";
  if (!out) {
    std::cerr << "build_date_words: cannot write " << argv[2] << "\n";
    return 1;
  }
  std::cerr << "build_date_words: " << words.size() << " words -> " << argv[2] << "\n";
  return 0;
}
