// Small UTF-8 helpers on top of utf8proc, shared by stages.
#ifndef MTCLEAN_PIPELINE_UTF8_H_
#define MTCLEAN_PIPELINE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mtclean::utf8 {

// Decodes the code point at s[pos]. Returns its length in bytes (>= 1) and sets *cp, or
// returns the negative length of an invalid sequence (at least 1 byte) with *cp = -1.
int Decode(std::string_view s, size_t pos, int32_t* cp);
void Append(std::string* out, int32_t cp);
bool IsValid(std::string_view s);
// Whether every byte of `s` is ASCII (the common case that needs no Unicode tables).
inline bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
// Start of the code point that ends just before `pos` (for looking backwards).
size_t PreviousStart(std::string_view s, size_t pos);
// Code point before pos, or -1 at the start.
int32_t Previous(std::string_view s, size_t pos);
// Code point at pos, or -1 at the end or on an invalid byte.
int32_t At(std::string_view s, size_t pos);
// The code points of s, in *out (replaced); -1 for each invalid sequence.
void CodePoints(std::string_view s, std::vector<int32_t>* out);

bool IsLetter(int32_t cp);       // general category L*
bool IsUpper(int32_t cp);        // Lu / Lt
bool IsLower(int32_t cp);        // Ll
bool IsDigit(int32_t cp);        // Nd
bool IsAlnum(int32_t cp);
bool IsMark(int32_t cp);         // M*
bool IsSpace(int32_t cp);        // Zs, tab
bool IsPunctuation(int32_t cp);  // P*
bool IsCurrency(int32_t cp);     // Sc: $ € £ ¥ ₩ ...

}  // namespace mtclean::utf8

namespace mtclean::swar {

// Byte-parallel tests on eight bytes loaded little-endian (exact, no false positives).
constexpr uint64_t kHigh = 0x8080808080808080ULL;
constexpr uint64_t kOnes = 0x0101010101010101ULL;
// High bit set in every byte of w equal to `byte`.
inline uint64_t BytesEqual(uint64_t w, uint8_t byte) {
  uint64_t x = w ^ (kOnes * byte);
  return ~(((x & ~kHigh) + ~kHigh) | x) & kHigh;
}
// High bit set in every byte of w below `limit` (limit <= 0x80).
inline uint64_t BytesBelow(uint64_t w, uint8_t limit) {
  return ~(((w & ~kHigh) + kOnes * (0x80 - limit)) | w) & kHigh;
}

}  // namespace mtclean::swar

#endif  // MTCLEAN_PIPELINE_UTF8_H_
