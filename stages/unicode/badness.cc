#include "stages/unicode/badness.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "pipeline/utf8.h"
#include "stages/unicode/alphabets.h"

namespace mtclean::mojibake {
namespace {

enum class Kind : uint8_t {
  kSpace,
  kDigit,
  kAsciiPunct,
  kLetter,
  kMark,         // combining
  kOpenQuote,    // ‘ “ „ ‚ « ‹
  kCloseQuote,   // ’ ” » ›: also end words ("JOSÉ’s", "NÃO”")
  kDash,
  kEllipsis,
  kBullet,       // • ·
  kWordSymbol,   // ™ ® ° ª º ¹ ² ³ µ №: written right after words and numbers
  kSymbol,       // ¡ ¢ £ ¥ § ¶ ¼ ½ ¾ ¿ × ÷ ± €: beside numbers, seldom inside words
  kOdd,          // spacing accents, © ¤ ¦ ¬ ƒ † ‡ ‰, maths, box drawing: never inside words
  kControl,      // C0/C1 controls
  kFormat,       // invisible format characters
  kBroken,       // unassigned, private use, noncharacters
  kReplacement,  // U+FFFD
  kOther,        // emoji, CJK punctuation, other symbols
};

struct CharInfo {
  Kind kind = Kind::kOther;
  bool upper = false, lower = false, ascii = false, latin = false, rare = false, nbsp = false;
  bool micro = false;  // µ, a unit prefix written before letters ("µm")
  int script = 0;  // USCRIPT_*, Han/kana/bopomofo folded into Han
};

bool IsCommonScript(int s) {
  switch (s) {
    case USCRIPT_LATIN: case USCRIPT_GREEK: case USCRIPT_CYRILLIC: case USCRIPT_ARMENIAN:
    case USCRIPT_HEBREW: case USCRIPT_ARABIC: case USCRIPT_DEVANAGARI: case USCRIPT_BENGALI:
    case USCRIPT_GURMUKHI: case USCRIPT_GUJARATI: case USCRIPT_ORIYA: case USCRIPT_TAMIL:
    case USCRIPT_TELUGU: case USCRIPT_KANNADA: case USCRIPT_MALAYALAM: case USCRIPT_SINHALA:
    case USCRIPT_THAI: case USCRIPT_LAO: case USCRIPT_TIBETAN: case USCRIPT_MYANMAR:
    case USCRIPT_GEORGIAN: case USCRIPT_HANGUL: case USCRIPT_ETHIOPIC: case USCRIPT_KHMER:
    case USCRIPT_HAN:
      return true;
    default:
      return false;
  }
}

// Letters of common scripts that real text rarely uses: phonetic and historic letters,
// what two-byte mis-decodings of Latin text tend to land on.
bool IsRareLetterOfCommonScript(int32_t cp) {
  if (cp >= 0x180 && cp <= 0x24F)  // Latin Extended-B, but Romanian, pinyin, Vietnamese letters
    return !(cp >= 0x218 && cp <= 0x21B) && !(cp >= 0x1CD && cp <= 0x1DC) && cp != 0x1A0 &&
           cp != 0x1A1 && cp != 0x1AF && cp != 0x1B0;
  return (cp >= 0x250 && cp <= 0x2FF) ||     // IPA, modifier letters
         (cp >= 0x1D00 && cp <= 0x1DBF) ||   // phonetic extensions
         (cp >= 0x3E2 && cp <= 0x3EF) ||     // Coptic in the Greek block
         (cp >= 0x460 && cp <= 0x48F) ||     // historic Cyrillic
         (cp >= 0x500 && cp <= 0x52F) ||     // Cyrillic supplement
         (cp >= 0x750 && cp <= 0x77F) ||     // Arabic supplement
         (cp >= 0xFB00 && cp <= 0xFB06) ||   // ligatures "ﬁ"
         (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF);  // Latin Ext-C/D
}

CharInfo Classify(int32_t cp) {
  CharInfo c;
  c.ascii = cp < 0x80;
  if (cp == ' ' || cp == '\t' || cp == '\n') return c.kind = Kind::kSpace, c;
  if (cp >= '0' && cp <= '9') return c.kind = Kind::kDigit, c;
  switch (cp) {
    case 0x2018: case 0x201C: case 0x201E: case 0x201A: case 0xAB: case 0x2039:
      return c.kind = Kind::kOpenQuote, c;
    case 0x2019: case 0x201D: case 0xBB: case 0x203A:
      return c.kind = Kind::kCloseQuote, c;
    case 0x2013: case 0x2014:
      return c.kind = Kind::kDash, c;
    case 0x2026:
      return c.kind = Kind::kEllipsis, c;
    case 0x2022: case 0xB7:
      return c.kind = Kind::kBullet, c;
    case 0x2122: case 0xAE: case 0xB0: case 0xAA: case 0xBA: case 0xB9: case 0xB2: case 0xB3:
    case 0xB5: case 0x2116:
      c.micro = cp == 0xB5;
      return c.kind = Kind::kWordSymbol, c;
    case 0xA1: case 0xA2: case 0xA3: case 0xA5: case 0xA7: case 0xB6: case 0xBC: case 0xBD:
    case 0xBE: case 0xBF: case 0xD7: case 0xF7: case 0xB1: case 0x20AC:
      return c.kind = Kind::kSymbol, c;
    case 0xA4: case 0xA6: case 0xA8: case 0xA9: case 0xAC: case 0xAF: case 0xB4: case 0xB8:
    case 0x192: case 0x2020: case 0x2021: case 0x2030: case 0xAD:
      return c.kind = Kind::kOdd, c;
    case 0xFFFD:
      return c.kind = Kind::kReplacement, c;
    // Joiners and the keycap inside emoji sequences; zero-width spaces between words of
    // Thai, Khmer and Myanmar text.
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0x20E3:
      return c;
    default:
      break;
  }
  if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) return c;  // emoji
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return c.kind = Kind::kControl, c;
  if ((cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x25FF))  // arrows, maths, boxes
    return c.kind = Kind::kOdd, c;
  if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return c.kind = Kind::kBroken, c;
  switch (u_charType(cp)) {
    case U_UPPERCASE_LETTER: case U_TITLECASE_LETTER:
      c.upper = true;
      [[fallthrough]];
    case U_LOWERCASE_LETTER: case U_MODIFIER_LETTER: case U_OTHER_LETTER: {
      c.lower = u_charType(cp) == U_LOWERCASE_LETTER;
      c.kind = Kind::kLetter;
      UErrorCode status = U_ZERO_ERROR;
      int s = uscript_getScript(cp, &status);
      if (s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_BOPOMOFO) s = USCRIPT_HAN;
      // Letters every script shares (the kana length mark "ー") mix with any.
      c.script = s == USCRIPT_COMMON || s == USCRIPT_INHERITED ? 0 : s;
      c.latin = s == USCRIPT_LATIN;
      c.rare = c.script != 0 && (!IsCommonScript(s) || IsRareLetterOfCommonScript(cp));
      return c;
    }
    case U_NON_SPACING_MARK: case U_COMBINING_SPACING_MARK: case U_ENCLOSING_MARK: {
      c.kind = Kind::kMark;
      UErrorCode status = U_ZERO_ERROR;
      int s = uscript_getScript(cp, &status);
      c.script = s == USCRIPT_INHERITED || s == USCRIPT_COMMON ? 0 : s;
      // The generic accents: text in NFC has them only where no letter is precomposed.
      c.rare = cp >= 0x300 && cp <= 0x36F;
      return c;
    }
    case U_DECIMAL_DIGIT_NUMBER:
      return c.kind = Kind::kDigit, c;
    case U_SPACE_SEPARATOR:
      c.kind = Kind::kSpace;
      c.nbsp = cp == 0xA0;
      c.rare = cp != 0xA0 && cp != 0x202F && cp != 0x2009 && cp != 0x3000;
      return c;
    case U_MODIFIER_SYMBOL:  // spacing accents
      return c.kind = c.ascii ? Kind::kAsciiPunct : Kind::kOdd, c;
    case U_FORMAT_CHAR:
      return c.kind = Kind::kFormat, c;
    case U_PRIVATE_USE_CHAR: case U_UNASSIGNED: case U_SURROGATE:
      return c.kind = Kind::kBroken, c;
    default:
      if (c.ascii) return c.kind = Kind::kAsciiPunct, c;
      // Rare punctuation of the General Punctuation block (‐ ‒ ― ‖ ‗ ...): only the
      // marks classified above are common there.
      c.rare = cp >= 0x2000 && cp <= 0x206F;
      return c;
  }
}

bool IsCjk(int script) { return script == USCRIPT_HAN || script == USCRIPT_HANGUL; }

bool IsWordChar(int32_t cp) { return utf8::IsLetter(cp) || utf8::IsMark(cp); }

bool IsNonAsciiUpper(const CharInfo& c) { return c.kind == Kind::kLetter && c.upper && !c.ascii; }
bool IsSymbolLike(Kind k) { return k == Kind::kSymbol || k == Kind::kOdd; }
bool IsPunctLike(Kind k) {
  return k == Kind::kOpenQuote || k == Kind::kCloseQuote || k == Kind::kDash || k == Kind::kBullet ||
         k == Kind::kEllipsis || k == Kind::kWordSymbol;
}

// The oddness of the pair (w[i], w[i+1]).
int PairBadness(const CharInfo& prev, const CharInfo& a, const CharInfo& b, bool has_prev) {
  const CharInfo* before = has_prev ? &prev : nullptr;
  int bad = 0;
  bool a_letter = a.kind == Kind::kLetter, b_letter = b.kind == Kind::kLetter;
  // A capital after a lower-case letter, where either is not ASCII ("JosÃ©", "РџСЂ").
  if (a_letter && a.lower && b_letter && b.upper && (!a.ascii || !b.ascii)) ++bad;
  // A capital beside a symbol or an opening quote ("Ã©", "Ã“SCAR", "Â£"); ™ and ° only
  // after a lone capital (a capitals word ends "AHÅ™"), a no-break space only after one
  // standing alone ("10Â km").
  if (IsNonAsciiUpper(a)) {
    switch (b.kind) {
      case Kind::kSymbol: case Kind::kOdd: case Kind::kOpenQuote: case Kind::kDash:
      case Kind::kEllipsis: case Kind::kBullet: case Kind::kControl: case Kind::kFormat:
        ++bad;
        break;
      case Kind::kWordSymbol:
        if (!(before && before->kind == Kind::kLetter && before->upper)) ++bad;
        break;
      case Kind::kSpace:
        if (b.nbsp && !(before && before->kind == Kind::kLetter)) ++bad;
        break;
      default:
        break;
    }
  }
  if (a.kind == Kind::kDigit && IsNonAsciiUpper(b) && b.latin) ++bad;
  // A lower-case accented letter before a symbol or control ("â€", "ð\x9f").
  // ... or before a superscript or ordinal ("áº»"), which follow digits and capitals.
  if (a_letter && a.lower && !a.ascii &&
      (IsSymbolLike(b.kind) || b.kind == Kind::kControl || b.kind == Kind::kFormat ||
       b.kind == Kind::kWordSymbol))
    ++bad;
  // Accents, maths, box drawing touching a letter.
  if ((a.kind == Kind::kOdd && b_letter) || (a_letter && b.kind == Kind::kOdd)) ++bad;
  // Two symbols side by side, or a symbol beside a quote or dash ("×‘", "€™").
  if ((IsSymbolLike(a.kind) && (IsSymbolLike(b.kind) || IsPunctLike(b.kind))) ||
      (IsPunctLike(a.kind) && IsSymbolLike(b.kind)))
    ++bad;
  // A closing quote run into an opening one ("á»«" for "ừ"), an opening quote inside a
  // word ("рџ‘ї").
  if (a.kind == Kind::kCloseQuote && b.kind == Kind::kOpenQuote) ++bad;
  if (a.kind == Kind::kOpenQuote && b_letter && before && before->kind == Kind::kLetter) ++bad;
  // A symbol or superscript inside a word ("Ã£o", "MÃ²r").
  if ((a.kind == Kind::kSymbol || (a.kind == Kind::kWordSymbol && !a.micro)) && b_letter && before &&
      before->kind == Kind::kLetter)
    ++bad;
  // Letters of two scripts inside one word ("Bront녔").
  // Latin beside Han or Hangul is how CJK text writes "URL이", "HTML5播放".
  if (a_letter && b_letter && a.script != b.script && a.script != 0 && b.script != 0 &&
      !((a.latin && IsCjk(b.script)) || (b.latin && IsCjk(a.script))))
    bad += 2;
  // A generic combining accent with nothing to combine with (vowel signs of Indic and
  // Myanmar text typed in visual order start words), or a mark of another script ("â۪").
  if (b.kind == Kind::kMark && b.script == 0 && a.kind != Kind::kLetter && a.kind != Kind::kMark &&
      a.kind != Kind::kReplacement)
    ++bad;
  if (b.kind == Kind::kMark && a_letter && b.script != 0 && b.script != a.script) bad += 2;
  return bad;
}

int SingleBadness(const CharInfo& c) {
  switch (c.kind) {
    case Kind::kControl: case Kind::kBroken: return 3;
    case Kind::kReplacement: case Kind::kFormat: return 1;
    default: return c.rare ? 1 : 0;
  }
}

}  // namespace

int Badness(std::span<const int32_t> window, size_t from, size_t to) {
  size_t n = window.size();
  to = std::min(to, n);
  int bad = 0;
  // Three neighbours at a time: a pair's rules look one character further back.
  CharInfo w[3];
  size_t first = from > 0 ? from - 1 : 0;
  if (first > 0) w[0] = Classify(window[first - 1]);
  if (first < n) w[1] = Classify(window[first]);
  for (size_t i = first; i < n; ++i) {
    if (i >= from && i < to) bad += SingleBadness(w[1]);
    if (i + 1 >= n || i >= to) break;
    w[2] = Classify(window[i + 1]);
    bad += PairBadness(w[0], w[1], w[2], i > 0);
    w[0] = w[1];
    w[1] = w[2];
  }
  // Words whose letters in [from, to) no one alphabet has together ("иїґйџї"). Letters of
  // the context are left out: they may be the next run's mojibake.
  for (size_t i = from; i < to;) {
    if (!IsWordChar(window[i])) {
      ++i;
      continue;
    }
    uint64_t mask = ~uint64_t{0};
    bool constrained = false;
    for (; i < to && IsWordChar(window[i]); ++i)
      if (window[i] >= 0x80 && utf8::IsLetter(window[i])) {
        mask &= AlphabetMask(window[i]);
        constrained = true;
      }
    if (constrained && mask == 0) ++bad;
  }
  return bad;
}

bool IsCommonCharacter(int32_t cp) {
  CharInfo c = Classify(cp);
  switch (c.kind) {
    case Kind::kLetter: case Kind::kMark: return !c.rare;
    case Kind::kOpenQuote: case Kind::kCloseQuote: case Kind::kDash: case Kind::kEllipsis:
    case Kind::kBullet:
      return true;
    case Kind::kOther:  // sentence marks of other scripts: "။", "।", "。"
      return !c.rare && u_ispunct(cp);
    default:
      return false;
  }
}

}  // namespace mtclean::mojibake
