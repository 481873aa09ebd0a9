#include "pipeline/utf8.h"

#include <catch2/catch.hpp>
#include <cstring>

#include <utf8proc.h>

namespace mtclean {
namespace {

uint64_t Load(const char* s) {
  uint64_t w;
  std::memcpy(&w, s, 8);
  return w;
}

TEST_CASE("swar byte tests are exact") {
  for (int b = 0; b < 256; ++b) {
    char buf[8] = {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'};
    buf[3] = static_cast<char>(b);
    uint64_t w = Load(buf);
    INFO(b);
    CHECK((swar::BytesEqual(w, ' ') != 0) == (b == ' '));
    CHECK((swar::BytesEqual(w, 0x7F) != 0) == (b == 0x7F));
    CHECK((swar::BytesBelow(w, 0x20) != 0) == (b < 0x20));
  }
}

TEST_CASE("utf8: decode, validity, neighbours") {
  int32_t cp;
  CHECK(utf8::Decode("é", 0, &cp) == 2);
  CHECK(cp == 0xE9);
  CHECK(utf8::Decode("\xE2\x80", 0, &cp) == -2);  // truncated: both bytes in one error
  CHECK(utf8::Decode("\xFF", 0, &cp) == -1);
  CHECK(utf8::IsValid("plain ascii text, long enough for words “and” more"));
  CHECK_FALSE(utf8::IsValid("plain ascii text, long enough\xC3"));
  CHECK_FALSE(utf8::IsValid("\xED\xA0\x80"));  // surrogate
  CHECK(utf8::Previous("aé", 3) == 0xE9);
  CHECK(utf8::At("aé", 1) == 0xE9);
  CHECK(utf8::IsUpper(0xC9));
  CHECK(utf8::IsLetter(0x0645));  // Arabic meem
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

TEST_CASE("utf8: ASCII fast paths agree with the Unicode categories") {
  for (int32_t cp = 1; cp < 0x80; ++cp) {
    INFO(cp);
    auto c = utf8proc_category(cp);
    CHECK(utf8::IsPunctuation(cp) == (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO));
    CHECK(utf8::IsLetter(cp) == (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO));
    CHECK_FALSE(utf8::IsMark(cp));
  }
}

}  // namespace
}  // namespace mtclean
