// Mojibake: UTF-8 that was decoded through a single-byte code page ("Ã©" for "é" through
// Windows-1252, "РґРѕ" for "до" through Windows-1251, "√©" through MacRoman), once or
// more, sometimes with a byte lost on the way (a no-break space that became a space, an
// undefined byte that became U+FFFD).
//
// The decision procedure: a run of characters that could be such bytes is encoded back
// through every code page that can write it and the bytes decoded as UTF-8 (CESU-8
// surrogate pairs too). A candidate is kept only when it is less odd than the run as it
// stands (badness.h) and leaves nothing odd but truly lost bytes; two different clean
// candidates are an ambiguity, flagged and left alone. Rounds repeat on the result, which
// undoes double encoding. No pattern list: "Brontë…”" stays because "Bront녔" is odder.
// Thread-safe, no state.
#ifndef MTCLEAN_STAGES_UNICODE_MOJIBAKE_H_
#define MTCLEAN_STAGES_UNICODE_MOJIBAKE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "stages/unicode/code_pages.h"

namespace mtclean::mojibake {

// The code point Windows-1252 gives a byte (0x80..0xFF); -1 for the five undefined bytes.
int32_t Cp1252ToUnicode(uint8_t byte);

// What replaces an invalid UTF-8 sequence of `length` bytes starting with `first_byte`: a
// lone byte is most likely Windows-1252 (Latin-1 text inside UTF-8), so it is read as such;
// a broken multi-byte sequence, or a byte the code page leaves undefined, is U+FFFD.
inline int32_t InvalidSequenceReplacement(uint8_t first_byte, size_t length) {
  int32_t guess = length == 1 ? Cp1252ToUnicode(first_byte) : -1;
  return guess >= 0 ? guess : 0xFFFD;
}

// A CESU-8 surrogate pair (six bytes ED A0..AF xx ED B0..BF xx) at s[pos]: returns 6 and
// sets *cp to the character it encodes, or returns 0.
int DecodeCesuPair(std::string_view s, size_t pos, int32_t* cp);

// The run starting at text[pos] that could be mis-decoded UTF-8: non-ASCII characters,
// with single spaces between or after them (a lost no-break space). `possible` is false
// when no two neighbours in it could be one sequence through any code page: the cheap
// test that keeps correct text off the expensive path.
struct CandidateRun {
  size_t length = 0;  // bytes
  bool possible = false;
};
CandidateRun FindCandidateRun(std::string_view text, size_t pos);

enum class Verdict { kKeep, kRepair, kAmbiguous };

struct RunRepair {
  Verdict verdict = Verdict::kKeep;
  std::string text;                    // the repaired run (kRepair)
  CodePage page = CodePage::kCp1252;   // the code page of the first round
  bool lossy = false;                  // a lost byte was guessed, or stays as U+FFFD
  bool cesu = false;                   // a CESU-8 surrogate pair was joined
  bool odd = false;                    // the run looked odd (repaired or not)
};

// Judges text[begin, end), a candidate run, with the characters around it as context.
// `preferred_pages` (bit k: code page k) settles a tie between clean candidates: the pages
// the document's other repairs went through.
RunRepair RepairRun(std::string_view text, size_t begin, size_t end, uint16_t preferred_pages = 0);

}  // namespace mtclean::mojibake

#endif  // MTCLEAN_STAGES_UNICODE_MOJIBAKE_H_
