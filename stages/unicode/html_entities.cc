#include "stages/unicode/html_entities.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "pipeline/utf8.h"
#include "stages/unicode/mojibake.h"

namespace mtclean::html {
namespace {

struct Entity {
  std::string_view name, value;
};

constexpr Entity kEntities[] = {
#include "generated/html_entities.inc"
};

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

}  // namespace

size_t DecodeEntity(std::string_view s, size_t pos, std::string* value) {
  constexpr size_t kLongestName = 40;
  size_t p = pos + 1;
  if (p >= s.size()) return 0;
  value->clear();
  if (s[p] == '#') {
    ++p;
    bool hex = p < s.size() && (s[p] == 'x' || s[p] == 'X');
    if (hex) ++p;
    size_t digits_begin = p;
    int64_t cp = 0;
    while (p < s.size() && p - digits_begin < 8) {
      char c = s[p];
      int d = c >= '0' && c <= '9' ? c - '0'
              : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
      if (d < 0) break;
      cp = cp * (hex ? 16 : 10) + d;
      ++p;
    }
    if (p == digits_begin || p >= s.size() || s[p] != ';') return 0;
    if (cp >= 0x80 && cp <= 0x9F) cp = mojibake::Cp1252ToUnicode(static_cast<uint8_t>(cp));
    bool control = cp < 0x20 && cp != '\t' && cp != '\n';
    if (cp <= 0 || control || cp == 0x7F || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    utf8::Append(value, static_cast<int32_t>(cp));
    return p + 1 - pos;
  }
  size_t name_begin = p;
  while (p < s.size() && p - name_begin <= kLongestName && IsAsciiAlnum(s[p])) ++p;
  if (p == name_begin || p >= s.size() || s[p] != ';') return 0;
  std::string_view name = s.substr(name_begin, p - name_begin);
  auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                             [](const Entity& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kEntities) || it->name != name) return 0;
  *value = it->value;
  return p + 1 - pos;
}

bool LooksLikeMarkup(std::string_view doc) {
  for (size_t p = doc.find('<'); p != std::string_view::npos; p = doc.find('<', p + 1)) {
    std::string_view rest = doc.substr(p + 1, 4);
    if ((rest.size() >= 2 && rest[0] == '/' && ((rest[1] | 0x20) >= 'a' && (rest[1] | 0x20) <= 'z')) ||
        rest.starts_with("br>") || rest.starts_with("br/") || rest.starts_with("br ") || rest.starts_with("p>"))
      return true;
  }
  return false;
}

}  // namespace mtclean::html
