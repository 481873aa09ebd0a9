#include "stages/names/romanisation_marks.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <memory>

#include "pipeline/utf8.h"

namespace mtclean {

namespace {

bool RomanisationMark(utf8proc_int32_t mark) {
  switch (mark) {
    case 0x0300:
    case 0x0301:
    case 0x0302:
    case 0x0303:  // grave, acute, circumflex, tilde
    case 0x0304:
    case 0x0306:
    case 0x0307:
    case 0x0308:  // macron, breve, dot above, diaeresis
    case 0x0323:
    case 0x0324:
    case 0x0326:
    case 0x0327:  // dot, diaeresis, comma below; cedilla
    case 0x032E:
    case 0x0331:  // breve below, macron below
      return true;
    default:
      return false;
  }
}

// The accents Spanish, French, Portuguese, Italian and German put on names: grave, acute,
// circumflex, tilde, diaeresis, cedilla.
bool TranslationAccent(utf8proc_int32_t mark) {
  return (mark >= 0x0300 && mark <= 0x0303) || mark == 0x0308 || mark == 0x0327;
}

// Whether `span` has letters beyond ASCII and each is an ASCII letter with marks `allowed`.
template <typename Allowed>
bool OnlyMarks(std::string_view span, Allowed allowed) {
  bool marked = false;
  for (size_t pos = 0; pos < span.size();) {
    int32_t cp;
    const int n = utf8::Decode(span, pos, &cp);
    if (n <= 0) return false;
    pos += static_cast<size_t>(n);
    if (cp < 0x80) continue;
    utf8proc_int32_t parts[8];
    int last_boundclass = 0;
    const utf8proc_ssize_t count =
        utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &last_boundclass);
    if (count < 2 || parts[0] >= 0x80 || !((parts[0] | 0x20) >= 'a' && (parts[0] | 0x20) <= 'z'))
      return false;
    for (utf8proc_ssize_t i = 1; i < count; ++i)
      if (!allowed(parts[i])) return false;
    marked = true;
  }
  return marked;
}

}  // namespace

bool OnlyRomanisationMarks(std::string_view span) { return OnlyMarks(span, RomanisationMark); }

bool OnlyTranslationAccents(std::string_view span) { return OnlyMarks(span, TranslationAccent); }

std::string LatinAscii(std::string_view text) {
  // One transliterator per thread: ICU's are not safe to share, and making one costs more
  // than a thousand uses.
  thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (to_ascii == nullptr) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  to_ascii->transliterate(u);
  std::string out;
  return u.toUTF8String(out);
}

}  // namespace mtclean
