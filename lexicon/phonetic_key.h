// Phonetic keys in the manner of Beider-Morse: a spelling is read as sounds, and a letter
// that other languages read differently gives several readings ("j" is English dʒ, Spanish
// x, German y). A name in the gazetteer is read the English way and gets one key; a
// spelling found in a text gets every reading a source language may have meant (capped),
// and the two match when one reading agrees.
//
//   EnglishPhoneticKey("khan")      == "XVN"
//   PhoneticReadings("jan")          contains "XVN"   (Spanish j = English kh)
//   EnglishPhoneticKey("shiraz")    == "SVRVS"
//   PhoneticReadings("chiraz")       contains "SVRVS" (French ch = English sh)
//
// Sound classes: V vowel, K k/q/c/g/gh, X kh (and Spanish j, German ch), J dʒ (j, dj, dsch),
// Y consonant y, C tʃ (ch, tsch), S s/z/sh/sch/zh, W w/v (and u, ou before a vowel), F f/ph,
// T t/th, D d/dh, B b/p, M, N, L, R; h is silent in the key. Inputs are folded
// (lexicon/gazetteer.h FoldName): lower case, no diacritics.
#ifndef MTCLEAN_LEXICON_PHONETIC_KEY_H_
#define MTCLEAN_LEXICON_PHONETIC_KEY_H_

#include <string>
#include <string_view>
#include <vector>

namespace mtclean {

// The English reading of a folded spelling: one key.
std::string EnglishPhoneticKey(std::string_view folded);

// Readings of a folded spelling that English, Spanish, French or German letters allow, the
// English one first, in order of how many letters (at most three) are read the non-English
// way; at most `cap`, and at most 8 × `cap` combinations tried.
std::vector<std::string> PhoneticReadings(std::string_view folded, size_t cap = 16);

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_PHONETIC_KEY_H_
