#include "stages/unicode/code_pages.h"

#include <unicode/ucnv.h>

#include <array>
#include <vector>

namespace mtclean::mojibake {
namespace {

constexpr std::array<CodePageInfo, kNumCodePages> kInfo = {{
    {"windows-1252", "mojibake-cp1252", true},
    {"windows-1251", "mojibake-cp1251", true},
    {"windows-1250", "mojibake-cp1250", true},
    {"windows-1253", "mojibake-cp1253", true},
    {"windows-1254", "mojibake-cp1254", true},
    {"windows-1257", "mojibake-cp1257", true},
    {"macintosh", "mojibake-macroman", false},
    {"ibm-437", "mojibake-cp437", false},
    {"KOI8-R", "mojibake-koi8r", false},
}};

// Characters below this have flat reverse tables; the few above (MacRoman's ligatures and
// Apple logo) are looked up in a short list.
constexpr int32_t kFlatLimit = 0x2600;

struct Tables {
  std::array<std::array<int32_t, 128>, kNumCodePages> decode{};
  std::array<std::vector<uint8_t>, kNumCodePages> undefined_continuation;
  std::vector<std::array<uint8_t, kNumCodePages>> encode;  // [cp][page], for cp < kFlatLimit
  struct Far { int32_t cp; uint8_t page, byte; };
  std::vector<Far> far;
  std::vector<uint16_t> lead, continuation;  // [cp], for cp < kFlatLimit
  uint16_t with_undefined = 0, with_nbsp = 0;

  Tables() : encode(kFlatLimit), lead(kFlatLimit), continuation(kFlatLimit) {
    for (int p = 0; p < kNumCodePages; ++p) {
      UErrorCode status = U_ZERO_ERROR;
      UConverter* conv = ucnv_open(kInfo[static_cast<size_t>(p)].icu_name, &status);
      for (int b = 0x80; b <= 0xFF; ++b) {
        int32_t cp = b;  // Latin-1 when ICU lacks the converter (never on Debian's ICU)
        if (U_SUCCESS(status)) {
          char in = static_cast<char>(b);
          UChar out[4];
          UErrorCode s = U_ZERO_ERROR;
          int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &s);
          cp = U_SUCCESS(s) && n == 1 ? out[0] : 0xFFFD;
        }
        bool undefined = cp == 0xFFFD || cp == 0x1A || (cp >= 0x80 && cp <= 0x9F);
        if (cp == 0xFFFD || cp == 0x1A) cp = b;  // read as Latin-1, as lenient decoders do
        decoded(p, b) = cp;
        if (undefined && b <= 0xBF) {
          undefined_continuation[static_cast<size_t>(p)].push_back(static_cast<uint8_t>(b));
          with_undefined |= static_cast<uint16_t>(1u << p);
        }
        Add(p, cp, static_cast<uint8_t>(b));
      }
      if (conv) ucnv_close(conv);
      if (kInfo[static_cast<size_t>(p)].a0_is_nbsp) with_nbsp |= static_cast<uint16_t>(1u << p);
    }
    // UTF-8 read as Latin-1 leaves every C1 control: Windows-1252 takes them all.
    for (int32_t cp = 0x80; cp <= 0x9F; ++cp)
      if (encode[static_cast<size_t>(cp)][0] == 0) Add(0, cp, static_cast<uint8_t>(cp));
  }

  int32_t& decoded(int p, int b) { return decode[static_cast<size_t>(p)][static_cast<size_t>(b - 0x80)]; }

  void Add(int p, int32_t cp, uint8_t b) {
    uint16_t bit = static_cast<uint16_t>(1u << p);
    if (cp < kFlatLimit) {
      encode[static_cast<size_t>(cp)][static_cast<size_t>(p)] = b;
      if (b >= 0xC2 && b <= 0xF4) lead[static_cast<size_t>(cp)] |= bit;
      if (b <= 0xBF) continuation[static_cast<size_t>(cp)] |= bit;
    } else {
      far.push_back({cp, static_cast<uint8_t>(p), b});
    }
  }
};

const Tables& T() {
  static const Tables tables;
  return tables;
}

const Tables::Far* FindFar(CodePage page, int32_t cp) {
  for (const auto& f : T().far)
    if (f.cp == cp && f.page == static_cast<uint8_t>(page)) return &f;
  return nullptr;
}

}  // namespace

const CodePageInfo& Info(CodePage page) { return kInfo[static_cast<size_t>(page)]; }

uint8_t EncodeByte(CodePage page, int32_t cp) {
  if (cp < 0x80) return 0;
  if (cp < kFlatLimit) return T().encode[static_cast<size_t>(cp)][static_cast<size_t>(page)];
  const auto* f = FindFar(page, cp);
  return f ? f->byte : 0;
}

int32_t DecodeByte(CodePage page, uint8_t b) {
  return b < 0x80 ? b : T().decode[static_cast<size_t>(page)][b - 0x80u];
}

std::span<const uint8_t> UndefinedContinuationBytes(CodePage page) {
  return T().undefined_continuation[static_cast<size_t>(page)];
}

uint16_t LeadPages(int32_t cp) {
  if (cp < 0x80) return 0;
  if (cp < kFlatLimit) return T().lead[static_cast<size_t>(cp)];
  uint16_t pages = 0;
  for (const auto& f : T().far)
    if (f.cp == cp && f.byte >= 0xC2 && f.byte <= 0xF4) pages |= static_cast<uint16_t>(1u << f.page);
  return pages;
}

uint16_t ContinuationPages(int32_t cp) {
  if (cp < 0x80) return 0;
  if (cp < kFlatLimit) return T().continuation[static_cast<size_t>(cp)];
  uint16_t pages = 0;
  for (const auto& f : T().far)
    if (f.cp == cp && f.byte <= 0xBF) pages |= static_cast<uint16_t>(1u << f.page);
  return pages;
}

uint16_t PagesWithUndefinedBytes() { return T().with_undefined; }
uint16_t PagesWithNbspA0() { return T().with_nbsp; }

}  // namespace mtclean::mojibake
