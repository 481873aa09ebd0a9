#include "stages/unicode/mojibake.h"

#include <array>
#include <vector>

#include "pipeline/utf8.h"

namespace mtclean::mojibake {
namespace {

// Windows-1252 0x80..0x9F; -1 where the code page leaves the byte undefined.
constexpr std::array<int32_t, 32> kCp1252High = {
    0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, -1,     0x017D, -1,
    -1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1,     0x017E, 0x0178};

bool IsQuoteOrDash(int32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201C: case 0x201D: case 0x201E:
    case 0x2039: case 0x203A: case 0x00AB: case 0x00BB: case 0x2013: case 0x2014:
    case 0x2026: case 0x2022:
      return true;
    default:
      return false;
  }
}

enum class Script { kLatin, kOther, kImplausible };

// What a decoded two-byte character is worth as a repair.
Script ClassifyTwoByte(int32_t cp) {
  if (cp >= 0xA0 && cp <= 0x17F) return Script::kLatin;  // Latin-1 Supplement, Extended-A
  if ((cp >= 0x386 && cp <= 0x3CE) ||                      // Greek letters
      (cp >= 0x400 && cp <= 0x4FF) ||                      // Cyrillic
      (cp >= 0x5D0 && cp <= 0x5EA) ||                      // Hebrew letters
      (cp >= 0x60C && cp <= 0x6FF))                        // Arabic
    return Script::kOther;
  return Script::kImplausible;  // IPA, combining marks, NKo, ...: real text, not mojibake
}

struct Decoded {
  int32_t cp;        // the repaired character, or the original when not repaired
  int consumed;      // how many input characters it covers
  Script script;     // for two-byte repairs
};

// One pass over the code points of a run; returns whether anything was repaired.
bool RepairOnce(const std::vector<int32_t>& in, int32_t before, int32_t after,
                std::vector<int32_t>* out) {
  std::vector<Decoded> d;
  for (size_t k = 0; k < in.size();) {
    int lead = Cp1252Byte(in[k]);
    int len = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (lead > 0xF4) len = 0;
    if (len > 0 && k + static_cast<size_t>(len) <= in.size()) {
      std::string bytes(1, static_cast<char>(lead));
      bool ok = true;
      for (int c = 1; c < len && ok; ++c) {
        int b = Cp1252Byte(in[k + static_cast<size_t>(c)]);
        ok = b >= 0x80 && b <= 0xBF;
        bytes.push_back(static_cast<char>(b));
      }
      int32_t cp;
      if (ok && utf8::Decode(bytes, 0, &cp) == len) {
        Script script = len == 2 ? ClassifyTwoByte(cp) : Script::kLatin;
        if (script != Script::kImplausible && !(cp >= 0xE000 && cp <= 0xF8FF)) {
          d.push_back({cp, len, script});
          k += static_cast<size_t>(len);
          continue;
        }
      }
    }
    d.push_back({in[k], 0, Script::kLatin});
    ++k;
  }

  // Context checks for two-byte repairs, which real text can imitate.
  bool changed = false;
  size_t pos = 0;  // index into `in` of d[i]'s first character
  out->clear();
  for (size_t i = 0; i < d.size(); ++i) {
    const Decoded& x = d[i];
    size_t width = x.consumed == 0 ? 1 : static_cast<size_t>(x.consumed);
    bool accept = x.consumed > 0;
    if (accept && x.consumed == 2) {
      int32_t prev = pos == 0 ? before : in[pos - 1];
      int32_t next = pos + 2 < in.size() ? in[pos + 2] : after;
      if (x.script == Script::kOther) {
        // A lone Cyrillic or Arabic letter inside Latin text is more likely real text.
        bool neighbour = (i > 0 && d[i - 1].consumed == 2 && d[i - 1].script == Script::kOther) ||
                         (i + 1 < d.size() && d[i + 1].consumed == 2 &&
                          d[i + 1].script == Script::kOther);
        accept = neighbour;
      } else if (IsQuoteOrDash(in[pos + 1])) {
        // "Ã“SCAR", "ZoÃ«" are repairs; "NÃO”" (a capital before a closing quote) is text.
        accept = utf8::IsLetter(next) || utf8::IsLower(prev);
      } else if (x.cp == 0xA0) {
        accept = in[pos] == 0xC2;  // "Â" + no-break space
      }
    }
    if (accept) {
      out->push_back(x.cp);
      changed = true;
    } else {
      for (size_t c = 0; c < width; ++c) out->push_back(in[pos + c]);
    }
    pos += width;
  }
  return changed;
}

}  // namespace

int Cp1252Byte(int32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return cp;  // Latin-1, and C1 controls read as Latin-1
  for (size_t i = 0; i < kCp1252High.size(); ++i)
    if (kCp1252High[i] == cp) return static_cast<int>(0x80 + i);
  return -1;
}

int32_t Cp1252ToUnicode(uint8_t byte) {
  if (byte >= 0x80 && byte <= 0x9F) return kCp1252High[byte - 0x80];
  return byte;
}

size_t CandidateRunLength(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size()) {
    int32_t cp;
    int n = utf8::Decode(text, end, &cp);
    if (n <= 0 || cp < 0x80 || Cp1252Byte(cp) < 0) break;
    end += static_cast<size_t>(n);
  }
  return end - pos;
}

bool RepairRun(std::string_view text, size_t begin, size_t end, std::string* fixed) {
  std::vector<int32_t> cps, next;
  for (size_t p = begin; p < end;) {
    int32_t cp;
    int n = utf8::Decode(text, p, &cp);
    if (n <= 0) return false;
    cps.push_back(cp);
    p += static_cast<size_t>(n);
  }
  if (cps.size() < 2) return false;
  int32_t before = utf8::Previous(text, begin);
  int32_t after = utf8::At(text, end);
  bool any = false;
  // Repeat while it repairs (each round shortens the run, so this ends): text encoded
  // twice needs two rounds, and leaving a repairable remainder would make a second cleaning
  // change the output again.
  while (RepairOnce(cps, before, after, &next)) {
    cps.swap(next);
    any = true;
  }
  if (!any) return false;
  fixed->clear();
  for (int32_t cp : cps) utf8::Append(fixed, cp);
  return true;
}

}  // namespace mtclean::mojibake
