// The words of a text, and the letters and accents of the languages the stage reads.
#include <utf8proc.h>

#include "pipeline/long_tokens.h"
#include "pipeline/utf8.h"
#include "stages/diacritics/diacritics_internal.h"
#include "stages/punctuation/punctuation_stage.h"  // LooksLikeAddressOrFile

namespace mtclean {
namespace diacritics {

// Share of words that carry a diacritic in ordinary text of each language (measured on the
// Debian Handbook); a document below a fifth of it was stripped.
double TypicalAccentRate(const std::string& lang) {
  if (lang == "fr") return 0.14;
  if (lang == "es") return 0.10;
  if (lang == "pt") return 0.12;
  if (lang == "de") return 0.06;
  if (lang == "cs") return 0.35;
  return 0.1;
}

const std::vector<Accented>& AccentedLetters(const std::string& lang) {
  static const std::unordered_map<std::string, std::vector<Accented>> kLetters = {
      {"es", {{"á", 'a'}, {"é", 'e'}, {"í", 'i'}, {"ó", 'o'}, {"ú", 'u'}, {"ñ", 'n'}, {"ü", 'u'}}},
      {"fr",
       {{"é", 'e'},
        {"è", 'e'},
        {"ê", 'e'},
        {"à", 'a'},
        {"â", 'a'},
        {"î", 'i'},
        {"ô", 'o'},
        {"û", 'u'},
        {"ç", 'c'},
        {"ë", 'e'},
        {"ï", 'i'}}},
      {"pt",
       {{"á", 'a'},
        {"â", 'a'},
        {"ã", 'a'},
        {"à", 'a'},
        {"é", 'e'},
        {"ê", 'e'},
        {"í", 'i'},
        {"ó", 'o'},
        {"ô", 'o'},
        {"õ", 'o'},
        {"ú", 'u'},
        {"ç", 'c'}}},
      {"de", {{"ä", 'a'}, {"ö", 'o'}, {"ü", 'u'}}},
      {"cs",
       {{"á", 'a'},
        {"é", 'e'},
        {"í", 'i'},
        {"ó", 'o'},
        {"ú", 'u'},
        {"ů", 'u'},
        {"ý", 'y'},
        {"č", 'c'},
        {"ř", 'r'},
        {"š", 's'},
        {"ž", 'z'},
        {"ě", 'e'},
        {"ň", 'n'},
        {"ť", 't'},
        {"ď", 'd'}}},
  };
  static const std::vector<Accented> kNone;
  auto it = kLetters.find(lang);
  return it == kLetters.end() ? kNone : it->second;
}

void Tokenize(std::string_view text, std::vector<Word>& words) {
  words.clear();
  // The letters of a run of non-space characters longer than any word (pipeline/long_tokens.h)
  // are neither restored nor repaired: a page with a base64 image costs what its prose costs.
  LongTokens long_tokens(text);
  for (size_t pos = 0; pos < text.size();) {
    int32_t cp = static_cast<unsigned char>(text[pos]);
    size_t len = 1;
    if (cp >= 0x80) {
      int n = utf8::Decode(text, pos, &cp);
      len = static_cast<size_t>(n > 0 ? n : -n);
    }
    if (cp < 0 || !utf8::IsLetter(cp)) {
      pos += len;
      continue;
    }
    size_t b = pos;
    bool ascii = true;
    while (pos < text.size()) {
      const auto c = static_cast<unsigned char>(text[pos]);
      if (c < 0x80) {
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
          ++pos;
          continue;
        }
        break;
      }
      int n = utf8::Decode(text, pos, &cp);
      if (cp < 0 || !(utf8::IsLetter(cp) || utf8::IsMark(cp))) break;
      ascii = false;
      pos += static_cast<size_t>(n > 0 ? n : -n);
    }
    if (long_tokens.Contains(b)) continue;
    words.push_back({b, pos, ascii});
  }
  // Words of URLs, e-mail addresses and file names ("/educacao-saude/") are no prose.
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  size_t out = 0;
  for (size_t k = 0, chunk_begin = 0, chunk_end = 0; k < words.size(); ++k) {
    // Most words stand between spaces, or end with one mark before a space: no address.
    const size_t b = words[k].begin, e = words[k].end;
    const bool open_before = b == 0 || space(text[b - 1]);
    const bool closed_after =
        e == text.size() || space(text[e]) ||
        ((e + 1 == text.size() || space(text[e + 1])) && text[e] != '/' && text[e] != '@');
    if (open_before && closed_after) {
      words[out++] = words[k];
      continue;
    }
    if (words[k].begin >= chunk_end) {  // the run of non-space characters holding the word
      chunk_begin = words[k].begin;
      while (chunk_begin > 0 && !space(text[chunk_begin - 1])) --chunk_begin;
      chunk_end = words[k].end;
      while (chunk_end < text.size() && !space(text[chunk_end])) ++chunk_end;
    }
    std::string_view chunk = text.substr(chunk_begin, chunk_end - chunk_begin);
    // Only a chunk with an inner '.', ':', '/' or '@' can be an address (most are a word
    // with its punctuation).
    std::string_view inner = chunk.substr(0, chunk.size() > 1 ? chunk.size() - 1 : 0);
    if (inner.find_first_of("./:@") != std::string_view::npos &&
        (chunk.find_first_of("/@") != std::string_view::npos || LooksLikeAddressOrFile(chunk)))
      continue;
    words[out++] = words[k];
  }
  words.resize(out);
}

// `form` (lower case) written with the case of `original`: "État" for "Etat", "ÉTÉ" for "ETE".
std::string WithCaseOf(std::string_view original, std::string_view form) {
  size_t upper = 0, letters = 0;
  for (size_t pos = 0; pos < original.size();) {
    int32_t cp;
    int n = utf8::Decode(original, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    ++letters;
    upper += cp >= 0 && utf8::IsUpper(cp) ? 1 : 0;
  }
  std::string out;
  bool first = true;
  for (size_t pos = 0; pos < form.size();) {
    int32_t cp;
    int n = utf8::Decode(form, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    if (cp < 0) continue;
    bool up = (upper == letters && letters > 1) ||
              (first && upper > 0 && utf8::IsUpper(utf8::At(original, 0)));
    utf8::Append(&out, up ? utf8proc_toupper(cp) : cp);
    first = false;
  }
  return out;
}

// Whether two spellings differ only in how a letter is encoded: Romanian's s and t with a
// comma below (ș ț, the standard's) or with a cedilla (ş ţ, older fonts').
bool SameLetters(std::string_view a, std::string_view b) {
  auto norm = [](std::string_view t) {
    std::string out;
    for (size_t pos = 0; pos < t.size();) {
      int32_t cp = 0;
      const int n = utf8::Decode(t, pos, &cp);
      const size_t len = static_cast<size_t>(n > 0 ? n : -n);
      if (cp == 0x015F)
        out += "\xC8\x99";  // ş -> ș
      else if (cp == 0x015E)
        out += "\xC8\x98";  // Ş -> Ș
      else if (cp == 0x0163)
        out += "\xC8\x9B";  // ţ -> ț
      else if (cp == 0x0162)
        out += "\xC8\x9A";  // Ţ -> Ț
      else
        out.append(t.substr(pos, len));
      pos += len;
    }
    return out;
  };
  return norm(a) == norm(b);
}

// Whether a name's diacritics are those of its own language's spelling (São, Bogotá, Kraków,
// Erdoğan) and not a scholarly transliteration's (Kandahār, Maīdān): macrons and dots below
// are not written in English text.
bool OrthographicDiacritics(std::string_view name) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                   static_cast<utf8proc_ssize_t>(name.size()), &mapped, UTF8PROC_DECOMPOSE);
  if (n < 0) return false;
  std::string_view s(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  bool any = false, ok = true;
  for (size_t pos = 0; pos < s.size();) {
    int32_t cp;
    int len = utf8::Decode(s, pos, &cp);
    pos += static_cast<size_t>(len > 0 ? len : -len);
    if (cp < 0x80) continue;
    any = true;
    switch (cp) {
      case 0x300:
      case 0x301:
      case 0x302:
      case 0x303:
      case 0x306:
      case 0x307:
      case 0x308:
      case 0x30A:
      case 0x30B:
      case 0x30C:
      case 0x327:
      case 0x328:
        break;
      default:
        if (!utf8::IsLetter(cp) || cp > 0x24F) ok = false;  // ł, ø, ß are letters of Latin Extended
    }
  }
  std::free(mapped);
  return any && ok;
}

}  // namespace diacritics
}  // namespace mtclean
