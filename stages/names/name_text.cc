// Reading the text around a name: its words, whether it starts a sentence, what the words
// around it ask for (a place, a person), and a few helpers every mechanism shares.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "lexicon/accent_model.h"
#include "pipeline/long_tokens.h"
#include "pipeline/utf8.h"
#include "stages/names/names_internal.h"
#include "stages/names/respelling_rules.h"

namespace mtclean {
namespace names {

// Lower-case words inside names: "Tamim bin Hamad", "Ursula von der Leyen", "Sistan and
// Baluchestan", "Salah ad Din". A run of capitalised words goes on through them.
bool IsNameParticle(std::string_view w) {
  // Runs for every lower-case word: words of up to five letters packed into an integer, and
  // compared with the particles packed so at compile time.
  if (w.empty() || w.size() > 5) return false;
  auto pack = [](std::string_view p) {
    uint64_t v = p.size();
    for (char c : p) v = v << 8 | static_cast<unsigned char>(c);
    return v;
  };
  using namespace std::string_view_literals;
  static constexpr std::array kParticles = {
      "al"sv, "el"sv, "ad"sv, "ud"sv, "ul"sv, "ur"sv, "as"sv, "at"sv, "an"sv, "bin"sv, "ibn"sv,
      "bint"sv, "von"sv, "van"sv, "der"sv, "den"sv, "de"sv, "del"sv, "della"sv, "di"sv, "da"sv,
      "do"sv, "dos"sv, "du"sv, "la"sv, "le"sv, "e"sv, "i"sv, "y"sv, "and"sv, "ben"sv, "ter"sv,
      "ten"sv,
      // The Arabic article assimilated ("ar-Raqqa", "ash-Sham", "adh-Dhahab") and as French
      // and German write it ("ach-Charqiya", "asch-Scharqiyya").
      "ar"sv, "az"sv, "ash"sv, "ath"sv, "adh"sv, "ach"sv, "asch"sv, "ech"sv, "esch"sv};
  static const auto kPacked = [&] {
    std::array<uint64_t, kParticles.size()> packed{};
    for (size_t i = 0; i < kParticles.size(); ++i) packed[i] = pack(kParticles[i]);
    std::sort(packed.begin(), packed.end());
    return packed;
  }();
  return std::binary_search(kPacked.begin(), kPacked.end(), pack(w));
}

// The consonant skeleton of a folded name's letters alone ("jalal-abad" as "jalalabad").
std::string SkeletonOfLetters(std::string_view folded) { return Skeleton(NameLetters(folded)); }

// How a repair writes an entity: its English name where the data gives one ("Khost"), else
// its canonical name; without the word for its kind of division, and without the marks of a
// scholarly romanisation ("Sīrjān", "Al Aḩmadī"), which the country's languages do not write;
// marks they write stay ("Béjaïa", "Tétouan").
std::string EnglishSpelling(const Gazetteer::Entry& c, CountryLetters& letters) {
  const std::string_view name = WithoutAdminWord(c.english);
  if (!c.country.empty() && letters.Writes(c.country, name)) return std::string(name);
  return WithoutMarks(name);
}

// "Nasa" is NASA: a word English knows in another case is no unknown name.
bool KnownInAnyCase(EnglishWords& english, std::string_view word) {
  if (english.Known(word)) return true;
  std::string lower, upper;
  for (size_t pos = 0; pos < word.size();) {
    int32_t cp;
    int n = utf8::Decode(word, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : 1);
    if (cp < 0) return false;
    utf8::Append(&lower, utf8proc_tolower(cp));
    utf8::Append(&upper, utf8proc_toupper(cp));
  }
  return english.Known(lower) || english.Known(upper);
}

// Whether the apostrophe before `at` makes a possessive: "s" and no letter after it
// ("Qatar's", "Qatar’s": the name is Qatar).
static bool Possessive(std::string_view text, size_t at) {
  return at < text.size() && (text[at] == 's' || text[at] == 'S') &&
         (at + 1 == text.size() || !utf8::IsLetter(utf8::At(text, at + 1)));
}

size_t TrailingAyn(std::string_view text, size_t begin, size_t end) {
  if (end >= text.size() || end == begin) return 0;
  int32_t cp;
  const int n = utf8::Decode(text, end, &cp);
  if (n <= 0 || !(cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x02BE || cp == 0x02BF))
    return 0;
  const size_t after = end + static_cast<size_t>(n);
  if (after < text.size() && utf8::IsLetter(utf8::At(text, after))) return 0;
  if (text[end - 1] == 's' || text[end - 1] == 'S') return 0;  // "Jones’"
  // A quotation opened on the line before the name, and not closed: the sign closes it.
  const size_t line = text.rfind('\n', begin);
  const std::string_view before =
      text.substr(line == std::string_view::npos ? 0 : line + 1,
                  begin - (line == std::string_view::npos ? 0 : line + 1));
  const size_t open = before.rfind("\u2018");
  if (open != std::string_view::npos && before.find("\u2019", open) == std::string_view::npos)
    return 0;
  for (size_t q = before.find('\''); q != std::string_view::npos; q = before.find('\'', q + 1))
    if (q == 0 || before[q - 1] == ' ' || before[q - 1] == '(') return 0;
  return static_cast<size_t>(n);
}

void Tokenize(std::string_view text, std::vector<Word>& words) {
  words.clear();
  LongTokens long_tokens(text);  // a base64 image's letter runs are no names
  auto ascii_letter = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  for (size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    int32_t cp = byte;
    size_t len = 1;
    if (byte >= 0x80) {  // ASCII, the common case, needs no decoding
      int n = utf8::Decode(text, pos, &cp);
      len = static_cast<size_t>(n > 0 ? n : -n);
    } else if (!ascii_letter(byte)) {
      ++pos;
      continue;
    }
    if (byte >= 0x80 && !utf8::IsLetter(cp)) {
      pos += len;
      continue;
    }
    size_t b = pos;
    bool cap = utf8::IsUpper(cp);
    while (pos < text.size()) {
      const auto c = static_cast<unsigned char>(text[pos]);
      if (c < 0x80) {
        if (ascii_letter(c) || ((c == '-' || (c == '\'' && !Possessive(text, pos + 1))) &&
                                pos + 1 < text.size() && utf8::IsLetter(utf8::At(text, pos + 1)))) {
          ++pos;
          continue;
        }
        break;
      }
      int n = utf8::Decode(text, pos, &cp);
      const size_t width = static_cast<size_t>(n > 0 ? n : -n);
      // A typographic apostrophe or an ayn's sign inside a name is the word's, as "'" is
      // ("Ta’izz", "Fargʻona").
      const bool inside = (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB ||
                           cp == 0x02BF || cp == 0x02BE) &&
                          pos + width < text.size() && utf8::IsLetter(utf8::At(text, pos + width)) &&
                          !Possessive(text, pos + width);
      if (!(utf8::IsLetter(cp) || utf8::IsMark(cp) || inside)) break;
      pos += width;
    }
    std::string_view token = text.substr(b, pos - b);
    bool particle = !cap && IsNameParticle(token);
    // "al-Assad", "el-Sisi": a short particle joined to a capitalised name.
    if (!cap) {
      size_t hyphen = token.find('-');
      if (hyphen != std::string_view::npos && hyphen <= 4 && hyphen + 1 < token.size() &&
          IsNameParticle(token.substr(0, hyphen)) &&
          std::isupper(static_cast<unsigned char>(token[hyphen + 1])))
        cap = true;
    }
    if (long_tokens.Contains(b)) continue;
    words.push_back({b, pos, cap, particle});
  }
}

// Whether most lower-case words (a sample of up to 400) are English words.
bool MostlyEnglish(std::string_view text, NamesScratch& s) {
  size_t seen = 0, known = 0;
  for (size_t k = 0; k < s.words.size() && seen < 400; ++k) {
    if (s.words[k].capitalised) continue;
    ++seen;
    known +=
        s.english->Known(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin)) ? 1 : 0;
  }
  return seen < 20 ? seen == 0 || known * 10 >= seen * 7 : known * 10 >= seen * 8;
}

bool Adjacent(std::string_view text, const Word& a, const Word& b) {
  return b.begin == a.end + 1 && text[a.end] == ' ';
}

// "Syrian", "Afghan", "Chinese": an English word with a demonym's ending whose first four
// letters begin the name of a country.
bool Demonym(const NamesData& d, NamesScratch& s, std::string_view word) {
  using namespace std::string_view_literals;
  if (word.size() < 5) return false;
  bool ending = false;
  for (std::string_view suffix : {"an"sv, "ese"sv, "i"sv, "ish"sv, "ic"sv})
    ending |= word.substr(word.size() - suffix.size()) == suffix;
  if (!ending) return false;
  std::string folded = FoldName(word);
  return folded.size() >= 5 && d.country_prefixes.count(folded.substr(0, 4)) > 0 &&
         s.english->Known(word);
}

bool SentenceStart(std::string_view text, size_t pos) {
  while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '"' || text[pos - 1] == '\xE2'))
    --pos;
  if (pos == 0) return true;
  char c = text[pos - 1];
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' ||
         static_cast<unsigned char>(c) == 0x9C;
}

// Whether `word` is `lower` in any case: ASCII, without allocating (this runs per span).
bool IsWord(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i)
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(word[i]))) != lower[i])
      return false;
  return true;
}

// Whether word `k`, next to word `of` with one space between, continues its name: a
// capitalised word or a name particle ("di", "al").
bool AdjacentNameWord(std::string_view text, const NamesScratch& s, size_t k, size_t of) {
  const auto& [first, second] =
      k < of ? std::pair(s.words[k], s.words[of]) : std::pair(s.words[of], s.words[k]);
  return second.begin == first.end + 1 && text[first.end] == ' ' &&
         (s.words[k].capitalised || s.words[k].particle);
}

// `whole_run`: the span is all of its run of capitalised words; a name inside a longer run
// ("Thani" in "Hamad Al Thani") is only ever flagged.
// What the words around a span ask for: 'p' a place ("X province", "the city of X"),
// 'h' a person ("spokesman X", "X said"), '-' nothing.
char Context(std::string_view text, const NamesScratch& s, size_t b, size_t e) {
  auto is = [](std::string_view word, std::initializer_list<std::string_view> options) {
    for (std::string_view o : options)
      if (IsWord(word, o)) return true;
    return false;
  };
  auto word = [&](size_t k) {
    return text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
  };
  if (e < s.words.size() && s.words[e].begin == s.words[e - 1].end + 1 &&
      is(word(e), {"province", "district", "city", "state", "region", "department", "governorate",
                   "prefecture", "oblast"}))
    return 'p';
  if (b > 0) {
    std::string_view prev = word(b - 1);
    if (is(prev, {"spokesman", "spokeswoman", "spokesperson", "minister", "president", "commander",
                  "leader", "envoy", "mr", "mrs", "ms", "chief", "secretary"}))
      return 'h';
    // An initial before it ("J. Smith", "Via di S. Alessio"): a person's name.
    if (prev.size() == 1 && prev[0] >= 'A' && prev[0] <= 'Z' && s.words[b - 1].end < text.size() &&
        text[s.words[b - 1].end] == '.')
      return 'h';
    // "the capital of X", "the province of X": places; "the city of X" a settlement ('c').
    if (b > 1 && is(prev, {"of", "in", "near"}) && is(word(b - 2), {"city", "town", "village"}))
      return 'c';
    if (b > 1 && is(prev, {"of", "in", "near"}) &&
        is(word(b - 2), {"province", "capital", "district"}))
      return 'p';
  }
  // Part of the name of a club, a street, a building ("the Germania club"), or inside a
  // phrase of another language ("superieure de la Louisiane", "annee (Bruxelles)": a
  // lower-case word next to it, name particles aside, that English does not know): spelled as
  // that name or language spells it ('o').
  if (e < s.words.size() &&
      is(word(e), {"club",    "society",    "hotel",       "street",     "avenue", "road",
                   "square",  "bank",       "company",     "league",     "team",   "school",
                   "college", "institute",  "church",      "cathedral",  "hall",   "theatre",
                   "theater", "restaurant", "association", "foundation", "lodge",  "brewery"}))
    return 'o';
  auto foreign = [&](size_t k) {
    std::string_view w = word(k);
    return !s.words[k].capitalised && !w.empty() && utf8::IsLower(utf8::At(w, 0)) &&
           !KnownInAnyCase(*s.english, w);
  };
  size_t before = b;  // the word before it, past name particles ("de la")
  while (before > 0 && b - before < 3 && s.words[before - 1].particle) --before;
  if ((before > 0 && foreign(before - 1)) || (e < s.words.size() && foreign(e))) return 'o';
  return '-';
}

// "X, the capital of Y" / "the capital of Y, X": the division or country Y whose seat X is
// said to be (its RegionId), or 0.
uint32_t CapitalOfContext(const NamesData& d, std::string_view text, const NamesScratch& s,
                          size_t b, size_t e) {
  auto word = [&](size_t k) {
    return text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
  };
  auto lower_is = [&](size_t k, std::string_view w) { return IsWord(word(k), w); };
  auto between = [&](size_t k) {
    return text.substr(s.words[k].end, s.words[k + 1].begin - s.words[k].end);
  };
  // The region named by the capitalised words [from, to), without a trailing admin word.
  auto region = [&](size_t from, size_t to) -> uint32_t {
    for (size_t end = to; end > from; --end) {
      std::string folded =
          FoldName(text.substr(s.words[from].begin, s.words[end - 1].end - s.words[from].begin));
      for (const auto& c : d.gazetteer->FindByName(folded)) {
        if (c.type == EntityType::kAdmin1 && c.region != 0) return c.region;
        if (c.type == EntityType::kCountry && !c.country.empty()) return RegionId(c.country);
      }
      if (end - from < 2) break;
      std::string last(word(end - 1));
      if (d.admin_words.count(last) == 0 && last != "province" && last != "state") break;
    }
    return 0;
  };
  // After: ", the (provincial) capital (city) of Y".
  if (e + 2 < s.words.size() && between(e - 1).find(',') != std::string_view::npos) {
    size_t k = e;
    if (lower_is(k, "the")) ++k;
    if (k < s.words.size() && (lower_is(k, "provincial") || lower_is(k, "regional"))) ++k;
    if (k + 1 < s.words.size() && lower_is(k, "capital")) {
      ++k;
      if (lower_is(k, "city")) ++k;
      if (k + 1 < s.words.size() && lower_is(k, "of")) {
        size_t from = k + 1, to = from;
        while (to < s.words.size() && to - from < 3 && s.words[to].capitalised &&
               (to == from || Adjacent(text, s.words[to - 1], s.words[to])))
          ++to;
        if (to > from) return region(from, to);
      }
    }
  }
  // Before: "the capital of Y, X".
  if (b >= 3 && between(b - 1).find(',') != std::string_view::npos) {
    size_t to = b, from = b;
    while (from > 0 && to - from < 3 && s.words[from - 1].capitalised &&
           (from == to || Adjacent(text, s.words[from - 1], s.words[from])))
      --from;
    if (from < to && from >= 2 && lower_is(from - 1, "of") && lower_is(from - 2, "capital"))
      return region(from, to);
  }
  return 0;
}

}  // namespace names
}  // namespace mtclean
