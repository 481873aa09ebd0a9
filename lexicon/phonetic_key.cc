#include "lexicon/phonetic_key.h"

#include <algorithm>
#include <array>
#include <functional>

namespace mtclean {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// One grapheme of the spelling and the sounds it may stand for; the English one first.
struct Slot {
  std::vector<std::string_view> sounds;
};

// Splits a folded spelling into graphemes, longest first, with the readings of English,
// Spanish, French and German (Beider-Morse's "approximate" rules, cut down to the letters
// that transliterated names show).
std::vector<Slot> Graphemes(std::string_view s) {
  std::vector<Slot> slots;
  auto at = [&](size_t i) { return i < s.size() ? s[i] : ' '; };
  for (size_t i = 0; i < s.size();) {
    auto starts = [&](std::string_view g) { return s.substr(i, g.size()) == g; };
    auto take = [&](size_t n, std::initializer_list<std::string_view> sounds) {
      slots.push_back({std::vector<std::string_view>(sounds)});
      i += n;
    };
    const char c = s[i], next = at(i + 1);
    if (c == ' ' || c == '-') { ++i; continue; }
    if (starts("tsch")) { take(4, {"C"}); continue; }
    if (starts("dsch")) { take(4, {"J"}); continue; }
    if (starts("sch")) { take(3, {"S"}); continue; }
    if (starts("tch")) { take(3, {"C"}); continue; }
    if (starts("dzh")) { take(3, {"J"}); continue; }
    if (starts("dj")) { take(2, {"J"}); continue; }
    if (starts("ch")) { take(2, {"C", "S", "X"}); continue; }  // English, French, German
    if (starts("sh") || starts("zh")) { take(2, {"S"}); continue; }
    if (starts("kh")) { take(2, {"X"}); continue; }
    if (starts("gh")) { take(2, {"K"}); continue; }
    if (starts("ph")) { take(2, {"F"}); continue; }
    if (starts("th")) { take(2, {"T"}); continue; }
    if (starts("dh")) { take(2, {"D"}); continue; }
    if (starts("ck")) { take(2, {"K"}); continue; }
    if (starts("gu") && IsVowel(at(i + 2))) { take(2, {"KW", "W", "K"}); continue; }  // Spanish gu = w
    if (starts("qu") && IsVowel(at(i + 2))) { take(2, {"KW", "K"}); continue; }
    if (starts("ou")) {  // French ou = English u, and w before a vowel
      if (IsVowel(at(i + 2))) take(2, {"V", "W"});
      else take(2, {"V"});
      continue;
    }
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': take(1, {"V"}); break;
      case 'u':  // Spanish writes English w as u before a vowel
        if (IsVowel(next) && i > 0) take(1, {"V", "W"});
        else if (IsVowel(next)) take(1, {"W", "V"});
        else take(1, {"V"});
        break;
      case 'y': if (IsVowel(next)) take(1, {"Y", "J"}); else take(1, {"V"}); break;  // Spanish y = English j
      case 'j': take(1, {"J", "X", "Y"}); break;  // English, Spanish, German
      case 'x': take(1, {"KS", "X"}); break;
      case 'c': if (next == 'e' || next == 'i' || next == 'y') take(1, {"S"}); else take(1, {"K"}); break;
      case 'g': if (next == 'e' || next == 'i') take(1, {"K", "J", "X"}); else take(1, {"K"}); break;
      case 'q': case 'k': take(1, {"K"}); break;
      case 's': case 'z': take(1, {"S"}); break;
      case 'w': case 'v': take(1, {"W"}); break;
      case 'f': take(1, {"F"}); break;
      case 'b': case 'p': take(1, {"B"}); break;
      case 't': take(1, {"T"}); break;
      case 'd': take(1, {"D"}); break;
      case 'h': take(1, {""}); break;  // silent in Spanish and French, dropped by careless spellers
      case 'l': take(1, {"L"}); break;
      case 'm': take(1, {"M"}); break;
      case 'n': take(1, {"N"}); break;
      case 'r': take(1, {"R"}); break;
      default: {  // a letter outside ASCII stays itself (a whole UTF-8 sequence)
        size_t n = 1;
        while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
        slots.push_back({{s.substr(i, n)}});
        i += n;
      }
    }
  }
  return slots;
}

// Joins the chosen sounds; a sound repeated with nothing between is one ("ss", vowel runs).
std::string Join(const std::vector<Slot>& slots, const std::vector<size_t>& choice) {
  std::string key;
  for (size_t k = 0; k < slots.size(); ++k) {
    for (char c : slots[k].sounds[choice[k]])
      if (key.empty() || key.back() != c) key.push_back(c);
  }
  return key;
}

}  // namespace

std::string EnglishPhoneticKey(std::string_view folded) {
  auto slots = Graphemes(folded);
  return Join(slots, std::vector<size_t>(slots.size(), 0));
}

std::vector<std::string> PhoneticReadings(std::string_view folded, size_t cap) {
  auto slots = Graphemes(folded);
  std::vector<size_t> ambiguous;
  for (size_t k = 0; k < slots.size(); ++k)
    if (slots[k].sounds.size() > 1) ambiguous.push_back(k);
  std::vector<std::string> out;
  std::vector<size_t> choice(slots.size(), 0);
  auto add = [&] {
    std::string key = Join(slots, choice);
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
  };
  // Readings with 0, 1, 2 and 3 letters read the non-English way, until the cap. Readings
  // often coincide ("uuu..."), so the combinations tried are bounded too, not only the keys.
  size_t tried = 0;
  const size_t max_tried = 8 * cap;
  std::function<void(size_t, int)> vary = [&](size_t from, int left) {
    if (out.size() >= cap || tried >= max_tried) return;
    if (left == 0) {
      ++tried;
      add();
      return;
    }
    for (size_t a = from; a < ambiguous.size() && out.size() < cap && tried < max_tried; ++a) {
      size_t k = ambiguous[a];
      for (size_t alt = 1; alt < slots[k].sounds.size() && out.size() < cap; ++alt) {
        choice[k] = alt;
        vary(a + 1, left - 1);
        choice[k] = 0;
      }
    }
  };
  for (int deviations = 0; deviations <= std::min<int>(3, static_cast<int>(ambiguous.size())) && out.size() < cap;
       ++deviations)
    vary(0, deviations);
  return out;
}

}  // namespace mtclean
