// Which languages' alphabets have a letter: read from CLDR's exemplar characters (through
// ICU) for the languages written in Latin and Cyrillic letters.
//
// Mojibake turns words into letter soup that no language writes: "иїґйџї" (CJK read as
// Windows-1251) mixes Ukrainian ї and ґ with Serbian џ; "Ã¶Ã" puts ã beside ö. A word
// whose non-ASCII letters share no alphabet is one of the signs badness.cc counts.
#ifndef MTCLEAN_STAGES_UNICODE_ALPHABETS_H_
#define MTCLEAN_STAGES_UNICODE_ALPHABETS_H_

#include <cstdint>

namespace mtclean::mojibake {

// Bit k set when language k's alphabet has cp (case-insensitive). All bits for ASCII and
// for letters of other scripts, which this does not judge.
uint64_t AlphabetMask(int32_t cp);

}  // namespace mtclean::mojibake

#endif  // MTCLEAN_STAGES_UNICODE_ALPHABETS_H_
