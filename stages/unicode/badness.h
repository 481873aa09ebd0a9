// How odd a stretch of text looks: the measure that decides whether a mis-decoding
// candidate is more plausible than the text as it stands.
//
// Mojibake leaves characters next to each other that real text almost never puts together:
// a capital "Ã" after a lower-case letter ("JosÃ©"), a symbol inside a word ("Ã©t"), two
// unrelated symbols ("×‘"), letters of two scripts inside one word, C1 controls. Correct
// text that happens to contain such characters ("AHÅ™", "Brontë…”", "NÃO”") puts them in
// places real text uses them. Each odd thing adds to the score; a repair must lower it and
// leave nothing odd but truly lost bytes.
#ifndef MTCLEAN_STAGES_UNICODE_BADNESS_H_
#define MTCLEAN_STAGES_UNICODE_BADNESS_H_

#include <cstddef>
#include <cstdint>
#include <span>

namespace mtclean::mojibake {

// The oddness of window[from, to) in its context: characters in [from, to) count on their
// own (controls, unassigned or rare characters), and every pair of neighbours touching it
// counts (odd classes side by side, scripts mixed inside a word). Lost bytes (U+FFFD)
// count 1 each.
int Badness(std::span<const int32_t> window, size_t from, size_t to);

// Whether cp is a character running text commonly has: a letter or mark of a living script
// or a common punctuation mark. The characters a lost byte may be guessed as.
bool IsCommonCharacter(int32_t cp);

}  // namespace mtclean::mojibake

#endif  // MTCLEAN_STAGES_UNICODE_BADNESS_H_
