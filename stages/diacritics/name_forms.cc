// Names in their gazetteer form: stray accents go ("Kabúl"), a name's own language's
// diacritics come back where the document lost diacritics ("Sao Paulo").

#include "pipeline/utf8.h"
#include "stages/diacritics/diacritics_internal.h"

namespace mtclean {
namespace diacritics {

// Whether every word of `span` with letters beyond ASCII is spelled so in English place
// names (d.english_accented).
bool EnglishWritesAccented(const DiacriticsData& d, std::string_view span) {
  if (d.english_accented.empty()) return false;
  for (size_t b = 0, pos = 0; pos <= span.size(); ++pos) {
    if (pos < span.size() && span[pos] != ' ' && span[pos] != '-') continue;
    const std::string_view word = span.substr(b, pos - b);
    b = pos + 1;
    const bool ascii = std::all_of(word.begin(), word.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && d.english_accented.count(word) == 0) return false;
  }
  return true;
}

// Names written with stray accents, or without their own diacritics, take the gazetteer's
// spelling: runs of one to three capitalised words.
void NameForms(const DiacriticsData& d, std::string_view text, DiacriticsScratch& s,
               EnglishWords& english) {
  s.marked_names.clear();
  s.native_accents.clear();
  s.stray_accents = 0;
  if (d.gazetteer == nullptr) return;
  for (size_t k = 0; k < s.words.size(); ++k) {
    if (!utf8::IsUpper(utf8::At(text, s.words[k].begin))) continue;
    for (size_t len = 3; len >= 1; --len) {
      if (k + len > s.words.size()) continue;
      bool run = true;
      for (size_t j = k + 1; j < k + len; ++j)
        run &= s.words[j].begin == s.words[j - 1].end + 1 && text[s.words[j - 1].end] == ' ' &&
               utf8::IsUpper(utf8::At(text, s.words[j].begin));
      if (!run) continue;
      // Only spans with a word English does not know, or with accents, can be a name
      // to respell (most capitalised words are English); decisions are cached.
      bool candidate = false, english_span = true;
      for (size_t j = k; j < k + len; ++j) english_span &= s.word_language[j] == "en";
      if (!english_span) continue;  // a Spanish span writes "Talibán" its own way
      for (size_t j = k; j < k + len && !candidate; ++j) {
        std::string_view w = text.substr(s.words[j].begin, s.words[j].end - s.words[j].begin);
        candidate = !s.words[j].ascii || !KnownInAnyCase(english, w);
      }
      if (!candidate) continue;
      const size_t begin = s.words[k].begin, end = s.words[k + len - 1].end;
      std::string_view span = text.substr(begin, end - begin);
      auto cached = s.name_cache.find(std::string(span));
      if (cached == s.name_cache.end()) {
        if (s.name_cache.size() > kMaxCacheEntries) s.name_cache.clear();
        cached =
            s.name_cache.emplace(std::string(span), NameForm(d, span, s, english, k, len)).first;
      }
      const DiacriticsScratch::NameChoice& choice = cached->second;
      if (choice.name.empty()) continue;
      if (!choice.country.empty() && DocumentCountries(d, text, s).count(choice.country) == 0)
        continue;
      bool plain = true;
      for (size_t j = k; j < k + len; ++j) plain &= s.words[j].ascii;
      if (!plain && !choice.native) ++s.stray_accents;
      (plain           ? s.marked_names
       : choice.native ? s.native_accents
                       : s.pending)
          .push_back({begin, end, choice.name, kNameForm, 0.85f});
      k += len - 1;
      break;
    }
  }
}

DiacriticsScratch::NameChoice NameForm(const DiacriticsData& d, std::string_view span,
                                       DiacriticsScratch& s, EnglishWords& english, size_t k,
                                       size_t len) {
  bool ascii = true;
  for (size_t j = k; j < k + len; ++j) ascii &= s.words[j].ascii;
  const std::string folded = FoldName(span);
  const Gazetteer::Entry* best = nullptr;
  auto found = d.gazetteer->FindByName(folded);
  for (const auto& e : found) {
    if (e.prominence < 5.0f || FoldName(e.name) != folded) continue;
    if (best == nullptr || e.prominence > best->prominence) best = &e;
  }
  if (best == nullptr || best->name == span) return {};
  if (!ascii) {
    // Stray accents: the gazetteer writes the name otherwise ("Kabúl"), and English does
    // not know the accented spelling.
    if (KnownInAnyCase(english, span)) return {};
    if (SameLetters(span, best->name)) return {};  // "Cimișlia", "Cimişlia": one letter
    // English names of places write it so ("Laâyoune": libgeonames' English catalogue).
    if (EnglishWritesAccented(d, span)) return {};
    // Stray accents are a source language's: "Kyōto"'s macron is a romanisation's.
    bool source = false;
    for (const auto& lang : d.source_languages)
      source = source || s.country_letters.LanguageWrites(lang, span);
    if (!source) return {};
    // Accents its country's official languages write ("Témara": French is written in
    // Morocco; "México") may be the place's own spelling: they wait for the document's
    // evidence (NameForms). "ú" is written in no language of Afghanistan: "Kabúl" is a
    // translation's. (The gazetteer's alternate names cannot tell: GeoNames lists "Cabúl"
    // and "Trípoli" among them.)
    // Any place of the name counts ("Cádiz" is Spain's, though the Philippines' is larger).
    bool native = false;
    for (const auto& e : found)
      native = native || (e.prominence >= 5.0f && FoldName(e.name) == folded &&
                          s.country_letters.Writes(e.country, span));
    return {OrthographicDiacritics(best->name) ? std::string(best->name) : WithoutMarks(best->name),
            "", native};
  }
  // A plain spelling of a name with diacritics ("Sao Paulo"): unless English writes it so
  // itself ("Montreal") or the house style keeps ASCII.
  if (d.ascii_names || !OrthographicDiacritics(best->name)) return {};
  if (KnownInAnyCase(english, span)) return {};
  bool all_known = true;
  for (size_t pos = 0, b = 0; pos <= span.size(); ++pos)
    if (pos == span.size() || span[pos] == ' ') {
      all_known &= KnownInAnyCase(english, span.substr(b, pos - b));
      b = pos + 1;
    }
  if (all_known) return {};
  // A town's ASCII spelling may be another place's English name ("Rio Grande", the
  // river): below a million people, only in a document that names the town's country.
  if (best->prominence < 6.0f) return {std::string(best->name), std::string(best->country)};
  return {std::string(best->name), "", false};
}

}  // namespace diacritics
}  // namespace mtclean
