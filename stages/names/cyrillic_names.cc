// Names from Cyrillic as a source language transcribes them (cyrillic_habits.h), in the
// stage: which words of a document show it, and the repair of a span.
#include <algorithm>

#include "lexicon/accent_model.h"
#include "stages/names/names_internal.h"

namespace mtclean {
namespace names {

// Sets `place`'s Cyrillic bits: the languages whose transcription of Cyrillic the single word
// `word` is, ending as such names do, when neither English nor the gazetteer knows it
// ("Pankow" is Berlin's), and those of them whose letters or ending tell it from an English
// name.
void CyrillicOf(const NamesData& d, std::string_view word, const std::string& folded,
                NamesScratch& s, NamesScratch::SpanPlace& place) {
  for (size_t l = 0; l < d.cyrillic.languages().size() && l < 8; ++l) {
    bool telling_ending = false, telling_letters = false, reads = false;
    if (!d.cyrillic.Marked(word, l, &telling_ending)) continue;
    // (A word spelled as English would, with an ending English names lack, shows the
    // transcription too: French "Alieva".)
    if (d.cyrillic.English(word, l, &telling_letters, &reads).empty() && !(reads && telling_ending))
      continue;
    place.cyrillic |= static_cast<uint8_t>(1u << l);
    if (telling_ending || telling_letters) place.cyrillic_telling |= static_cast<uint8_t>(1u << l);
  }
  if (place.cyrillic != 0 &&
      (KnownInAnyCase(*s.english, word) || d.english_names.count(folded) > 0 ||
       !d.gazetteer->FindByName(folded).empty()))
    place.cyrillic = place.cyrillic_telling = 0;
}

// The span [b, e) as English transcribes a name from Cyrillic that a source language
// transcribed its way (cyrillic_habits.h): one of its words must end as such names do
// ("Dessislava Taneva": the first name shows the transcription, the surname the ending).
// Words English knows stay ("Martin"), as do words that read as an English word ("Walid" is
// no "Valid"). A repair where the document has two such words of that language, or the name
// both an ending and letters that tell it from an English name; a flag otherwise.
bool CyrillicRespelling(const NamesData& d, std::string_view text, NamesScratch& s, size_t b,
                        size_t e, SpanResult& r) {
  for (size_t l = 0; l < d.cyrillic.languages().size() && l < 8; ++l) {
    if (s.cyrillic_language >= 0 && static_cast<size_t>(s.cyrillic_language) != l) continue;
    // (First the cheap test of the endings: most spans have none.)
    bool any_marked = false;
    for (size_t k = b; k < e && !any_marked; ++k)
      any_marked =
          d.cyrillic.Marked(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin), l);
    if (!any_marked) continue;
    bool marked = false, changed = false, telling = false, telling_end = false,
         telling_letters_any = false;
    std::string out;
    size_t last = s.words[b].begin;
    for (size_t k = b; k < e; ++k) {
      if (s.words[k].particle) continue;
      const std::string_view word =
          text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
      std::string english;
      const bool known = KnownInAnyCase(*s.english, word);
      bool telling_letters = false, telling_ending = false, by_ending = false;
      if (!known) english = d.cyrillic.English(word, l, &telling_letters);
      if (!known && d.cyrillic.Marked(word, l, &telling_ending, &by_ending)) {
        const std::string folded = FoldName(word);
        if (d.english_names.count(folded) > 0 || !d.gazetteer->FindByName(folded).empty())
          return false;
        marked = true;
        telling |= telling_ending;
        telling_end |= by_ending;
      } else if (!english.empty() && s.english->Known(LowerWord(english))) {
        english.clear();
      }
      changed |= !english.empty();
      telling |= !english.empty() && telling_letters;
      telling_letters_any |= !english.empty() && telling_letters;
      out.append(text.substr(last, s.words[k].begin - last));
      out += english.empty() ? std::string(word) : english;
      last = s.words[k].end;
    }
    // (Alone, a name English names could be is no sign: "Partlow".)
    if (!marked || !changed || (!telling && static_cast<int>(l) != s.cyrillic_language)) continue;
    out.append(text.substr(last, s.words[e - 1].end - last));
    r.rule = kCyrillic;
    r.replacement = std::move(out);
    // A repair where the document shows the transcription in two words, or the name does in an
    // ending and letters English names have neither of ("Davitachvili": "-chvili", "ch"; an
    // initial "Tsch-" and its letters are one sign, not two).
    r.confidence =
        static_cast<int>(l) == s.cyrillic_language || (telling_end && telling_letters_any) ? 0.85f
                                                                                           : 0.6f;
    r.kind = r.confidence >= d.min_confidence ? SpanResult::kReplace : SpanResult::kFlag;
    return true;
  }
  return false;
}

}  // namespace names
}  // namespace mtclean
