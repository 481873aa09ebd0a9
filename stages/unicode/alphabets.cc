#include "stages/unicode/alphabets.h"

#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>

#include <array>
#include <unordered_map>

namespace mtclean::mojibake {
namespace {

// Languages written in Latin or Cyrillic letters with CLDR exemplar sets (at most 64).
constexpr std::array<const char*, 62> kLanguages = {
    "af", "az", "bs", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fo",
    "fr", "ga", "gd", "gl", "ha", "haw", "hr", "hu", "id", "ig", "is", "it", "kl", "lb", "lt",
    "lv", "mi", "ms", "mt", "nl", "nb", "pl", "pt", "ro", "rm", "sk", "sl", "sq", "sv", "sw",
    "tk", "tr", "uz", "vi", "wo", "yo", "zu",
    "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"};

struct Masks {
  std::unordered_map<int32_t, uint64_t> mask;
  Masks() {
    for (size_t k = 0; k < kLanguages.size(); ++k) {
      UErrorCode status = U_ZERO_ERROR;
      ULocaleData* data = ulocdata_open(kLanguages[k], &status);
      if (U_FAILURE(status)) continue;
      // The standard letters only: the auxiliary sets (loanwords) are broad enough to
      // pair almost any two accented letters.
      for (auto kind : {ULOCDATA_ES_STANDARD}) {
        status = U_ZERO_ERROR;
        USet* set = ulocdata_getExemplarSet(data, nullptr, 0, kind, &status);
        if (U_FAILURE(status) || !set) continue;
        for (int32_t i = 0; i < uset_getItemCount(set); ++i) {
          UChar32 start, end;
          UChar str[8];
          UErrorCode s = U_ZERO_ERROR;
          int32_t len = uset_getItem(set, i, &start, &end, str, 8, &s);
          if (len != 0) continue;  // a string item ("ch"): its letters are listed anyway
          for (UChar32 c = start; c <= end; ++c)
            if (c >= 0x80) mask[u_tolower(c)] |= uint64_t{1} << k;
        }
        uset_close(set);
      }
      ulocdata_close(data);
    }
  }
};

}  // namespace

uint64_t AlphabetMask(int32_t cp) {
  if (cp < 0x80) return ~uint64_t{0};
  UErrorCode status = U_ZERO_ERROR;
  int script = uscript_getScript(cp, &status);
  if (script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC) return ~uint64_t{0};
  static const Masks masks;
  auto it = masks.mask.find(u_tolower(cp));
  return it == masks.mask.end() ? 0 : it->second;
}

}  // namespace mtclean::mojibake
