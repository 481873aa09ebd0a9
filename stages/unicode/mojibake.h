// Mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1 ("Ã©" for "é",
// "â€™" for "’"), once or twice.
//
// The repair re-encodes a run of such characters to the bytes they came from and decodes
// those as UTF-8, but only where the result is a plausible character in its context: a
// three- or four-byte sequence always qualifies (no real text contains "â€™"); a two-byte
// one must give a Latin letter or symbol used in words, or a run of at least two letters of
// one other script (Greek, Cyrillic, Hebrew, Arabic). A pair whose second character is a
// quote or dash ("NÃO”") is repaired only inside a word, so correct capitals before a
// closing quote stay as they are. Thread-safe, no state.
#ifndef MTCLEAN_STAGES_UNICODE_MOJIBAKE_H_
#define MTCLEAN_STAGES_UNICODE_MOJIBAKE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace mtclean::mojibake {

// The Windows-1252 byte for a code point, reading U+0080..U+009F as Latin-1 would;
// -1 if the code point has no single-byte form.
int Cp1252Byte(int32_t cp);
// The code point Windows-1252 gives a byte (0x80..0xFF); -1 for the five undefined bytes.
int32_t Cp1252ToUnicode(uint8_t byte);

// What replaces an invalid UTF-8 sequence of `length` bytes starting with `first_byte`: a
// lone byte is most likely Windows-1252 (Latin-1 text inside UTF-8), so it is read as such;
// a broken multi-byte sequence, or a byte the code page leaves undefined, is U+FFFD.
inline int32_t InvalidSequenceReplacement(uint8_t first_byte, size_t length) {
  int32_t guess = length == 1 ? Cp1252ToUnicode(first_byte) : -1;
  return guess >= 0 ? guess : 0xFFFD;
}

// Length in bytes of the run of characters starting at text[pos] that could be mojibake
// (every character has a byte >= 0x80 in Windows-1252); 0 if text[pos] cannot start one.
size_t CandidateRunLength(std::string_view text, size_t pos);

// Repairs text[begin, end) (a candidate run), looking at the characters around it for
// context. Returns true and sets *fixed when something was repaired; applies the repair
// again while it keeps succeeding, which undoes double (or deeper) encoding.
bool RepairRun(std::string_view text, size_t begin, size_t end, std::string* fixed);

}  // namespace mtclean::mojibake

#endif  // MTCLEAN_STAGES_UNICODE_MOJIBAKE_H_
