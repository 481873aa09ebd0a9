#include "pipeline/utf8.h"

#include <utf8proc.h>

#include <cstring>

namespace mtclean::utf8 {

int Decode(std::string_view s, size_t pos, int32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {  // the common case, without a call
    *cp = c;
    return 1;
  }
  utf8proc_int32_t out;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                                        static_cast<utf8proc_ssize_t>(s.size() - pos), &out);
  if (n > 0) {
    *cp = out;
    return static_cast<int>(n);
  }
  // Invalid: report the maximal prefix that could start a sequence, at least one byte
  // (the "maximal subpart" practice of Unicode ch. 3, so one bad byte costs one U+FFFD).
  *cp = -1;
  size_t len = 1;
  int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
  while (need-- > 0 && pos + len < s.size() &&
         (static_cast<unsigned char>(s[pos + len]) & 0xC0) == 0x80)
    ++len;
  return -static_cast<int>(len);
}

void Append(std::string* out, int32_t cp) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

bool IsValid(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    // Eight ASCII bytes at a time; only other bytes need decoding.
    constexpr uint64_t kHigh = 0x8080808080808080ULL;
    uint64_t w;
    if (pos + 8 <= s.size() && (std::memcpy(&w, s.data() + pos, 8), (w & kHigh) == 0)) {
      pos += 8;
      continue;
    }
    int32_t cp;
    int n = Decode(s, pos, &cp);
    if (n < 0) return false;
    pos += static_cast<size_t>(n);
  }
  return true;
}

size_t PreviousStart(std::string_view s, size_t pos) {
  if (pos == 0) return 0;
  size_t p = pos - 1;
  while (p > 0 && pos - p < 4 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
  return p;
}

int32_t Previous(std::string_view s, size_t pos) {
  if (pos == 0) return -1;
  size_t p = PreviousStart(s, pos);
  int32_t cp;
  return Decode(s, p, &cp) > 0 ? cp : -1;
}

int32_t At(std::string_view s, size_t pos) {
  if (pos >= s.size()) return -1;
  int32_t cp;
  return Decode(s, pos, &cp) > 0 ? cp : -1;
}

void CodePoints(std::string_view s, std::vector<int32_t>* out) {
  out->clear();
  for (size_t pos = 0; pos < s.size();) {
    int32_t cp;
    const int n = Decode(s, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    out->push_back(cp);
  }
}

namespace {
utf8proc_category_t Category(int32_t cp) {
  return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}
}  // namespace

bool IsLetter(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
bool IsUpper(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return cp >= 'A' && cp <= 'Z';
  auto c = Category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
bool IsLower(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return cp >= 'a' && cp <= 'z';
  return Category(cp) == UTF8PROC_CATEGORY_LL;
}
bool IsDigit(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return cp >= '0' && cp <= '9';
  return Category(cp) == UTF8PROC_CATEGORY_ND;
}
bool IsAlnum(int32_t cp) { return IsLetter(cp) || IsDigit(cp); }
bool IsMark(int32_t cp) {
  if (cp < 0x80) return false;
  auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}
bool IsSpace(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return cp == ' ' || cp == '\t';
  return Category(cp) == UTF8PROC_CATEGORY_ZS;
}
bool IsCurrency(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return cp == '$';
  return Category(cp) == UTF8PROC_CATEGORY_SC;
}

bool IsPunctuation(int32_t cp) {
  if (cp >= 0 && cp < 0x80)  // general category P* in ASCII ($ + < = > ^ ` | ~ are symbols)
    return cp != 0 && std::string_view("!\"#%&'()*,-./:;?@[\\]_{}").find(static_cast<char>(cp)) !=
                          std::string_view::npos;
  auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

}  // namespace mtclean::utf8
