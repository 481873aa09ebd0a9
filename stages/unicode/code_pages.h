// The single-byte code pages that UTF-8 gets mis-decoded through (Windows-125x, MacRoman,
// DOS 437, KOI8-R), read from ICU's converters once, on first use, into flat tables.
//
// Mojibake repair needs the other direction too: which byte a character came from. Bytes a
// code page leaves undefined are read as C1 controls, as browsers and ICU do ("sloppy"
// decoding), so "â€\x9d" still maps back to E2 80 9D. Windows-1252 also takes every C1
// control, because UTF-8 read as Latin-1 leaves them ("â\x80\x99").
#ifndef MTCLEAN_STAGES_UNICODE_CODE_PAGES_H_
#define MTCLEAN_STAGES_UNICODE_CODE_PAGES_H_

#include <cstdint>
#include <span>
#include <string_view>

namespace mtclean::mojibake {

enum class CodePage : uint8_t {
  kCp1252,  // Western European, and Latin-1
  kCp1251,  // Cyrillic
  kCp1250,  // Central European
  kCp1253,  // Greek
  kCp1254,  // Turkish
  kCp1257,  // Baltic
  kMacRoman,
  kCp437,   // DOS
  kKoi8R,
};
inline constexpr int kNumCodePages = 9;

struct CodePageInfo {
  const char* icu_name;
  const char* rule;        // edit-log rule of a repair through this code page
  bool a0_is_nbsp;         // byte A0 reads as a no-break space, which often becomes a space
};
const CodePageInfo& Info(CodePage page);

// The byte (0x80..0xFF) `page` writes `cp` as, or 0 when it has none.
uint8_t EncodeByte(CodePage page, int32_t cp);
// The character `page` reads byte b (0x80..0xFF) as; undefined bytes read as Latin-1.
int32_t DecodeByte(CodePage page, uint8_t b);
// The bytes 0x80..0xBF `page` leaves undefined: a decoder that replaced them by U+FFFD lost
// one of these.
std::span<const uint8_t> UndefinedContinuationBytes(CodePage page);

// Bit k set when code page k writes cp as a UTF-8 lead byte (C2..F4) / continuation byte
// (80..BF). The cheap test that two neighbouring characters could be one mis-decoded
// sequence at all.
uint16_t LeadPages(int32_t cp);
uint16_t ContinuationPages(int32_t cp);
// Bit k set when code page k has undefined continuation bytes / reads A0 as a no-break space.
uint16_t PagesWithUndefinedBytes();
uint16_t PagesWithNbspA0();

}  // namespace mtclean::mojibake

#endif  // MTCLEAN_STAGES_UNICODE_CODE_PAGES_H_
