// The data's spellings of places: another language's (an exonym: "Damasco"), and a
// romanisation's marks on a place's name ("Herāt").
#include <algorithm>

#include "lexicon/accent_model.h"
#include "pipeline/utf8.h"
#include "stages/names/names_internal.h"
#include "stages/names/place_evidence.h"
#include "stages/names/respelling_rules.h"
#include "stages/names/romanisation_marks.h"

namespace mtclean {
namespace names {

// The decision for a span with romanisation marks (OnlyRomanisationMarks) whose spelling
// without them is a name or exonym of a prominent place: true with `r` set (replaced,
// flagged when places of different English names are as prominent, or left when the
// place's country or English writes those marks); false when it names no such place.
bool RomanisedPlace(const NamesData& d, std::string_view span, const std::string& folded,
                    NamesScratch& s, SpanResult& r) {
  constexpr float kProminent = 4.0f;
  // A place of any size whose own name is spelled so, marks and all, in a country that writes
  // them, is named so ("Nīca", a Latvian parish, is no Nice, "Nica" to Romanian), unless a
  // prominent place is spelled so too, or another language calls one so ("Jerusalén", a
  // Colombian town and Spanish for Jerusalem).
  bool own_elsewhere = false, prominent_alike = !d.gazetteer->FindByExonym(folded).empty();
  std::vector<Gazetteer::Entry> places;  // the prominent ones, most prominent first
  for (const auto& c : d.gazetteer->FindByName(folded)) {
    if (c.prominence >= kProminent) places.push_back(c);
    if (!IsPlace(c)) continue;
    own_elsewhere |= c.name == span && s.country_letters.Writes(c.country, span);
    prominent_alike |= c.prominence >= kProminent && c.form == span;
  }
  if (own_elsewhere && !prominent_alike) {
    r.kind = SpanResult::kHandled;
    return true;
  }
  const size_t names = places.size();  // then another language's spellings ("Tahār": Takhar)
  for (const auto& c : d.gazetteer->FindByExonym(folded, 5.0f)) places.push_back(c);
  const Gazetteer::Entry* best = nullptr;
  for (const auto& c : places)
    if (IsPlace(c) && (best == nullptr || c.prominence > best->prominence)) best = &c;
  if (best == nullptr) return false;
  // (A place of a country the document talks about is the answer over one of a country it
  // does not: "Tetuán" among Moroccan towns is Tétouan, not Madrid's Tetuán de las Victorias.)
  const bool best_here = s.countries.count(std::string(best->country)) > 0;
  for (size_t i = 0; i < places.size(); ++i) {
    const auto& c = places[i];
    // (Nor does another country's place keep the marks then: "Orán" beside Algerian towns is
    // Oran, though Argentina's Orán writes them.)
    if (best_here && s.countries.count(std::string(c.country)) == 0) continue;
    // Spelled as the country writes it, or as English does ("Kyōto", "Curaçao" in CLDR),
    // unless that place is 100 times less prominent than another so spelled: Colombia's
    // municipality of Jerusalén does not keep Spanish's Jerusalem so.
    // Another language's spelling of a place ("Brésil") is not the country's, whatever
    // letters the country writes, unless the country's names include it.
    if (!IsPlace(c) || c.prominence < best->prominence - 2.0f) continue;
    // (Its own name: the canonical one GeoNames gives, not any of the alternates it lists,
    // which hold other languages' names too: "Pérouse", French for Perugia.)
    auto canonical = [&](const Gazetteer::Entry& n) {
      return FoldName(WithoutAdminWord(n.name)) == folded ||
             FoldName(WithoutAdminWord(n.english)) == folded;
    };
    const bool own_name = (i < names && canonical(c)) ||
                          std::any_of(places.begin(), places.begin() + names,
                                      [&](const auto& n) { return n.id == c.id && canonical(n); });
    if ((own_name && s.country_letters.Writes(c.country, span)) ||
        WithoutAdminWord(c.english) == span) {
      r.kind = SpanResult::kHandled;
      return true;
    }
  }
  const std::string english = EnglishSpelling(*best, s.country_letters);
  // Only the marks go, unless the data says another language spells the place so: "Amará"
  // is not "Al ‘Amarah".
  const bool exonym = best >= places.data() + names;
  if (!exonym && SkeletonOfLetters(FoldName(english)) != SkeletonOfLetters(folded)) return false;
  // (A division and its seat are one answer: Samangan province and its capital Aibak,
  // which GeoNames also calls Samangan.)
  auto seat_of = [](const Gazetteer::Entry& city, const Gazetteer::Entry& division) {
    return division.type == EntityType::kAdmin1 && (city.capital & kSeatOfDivision) != 0 &&
           city.region == division.region && city.region != 0;
  };
  bool other_answer = false;
  for (const auto& c : places)
    other_answer |= c.prominence >= best->prominence - 1.0f && IsPlace(c) && !seat_of(c, *best) &&
                    !seat_of(*best, c) &&
                    (!best_here || s.countries.count(std::string(c.country)) > 0) &&
                    FoldName(EnglishSpelling(c, s.country_letters)) != FoldName(english);
  r.rule = kRomanisation;
  r.replacement = english;
  r.confidence = other_answer ? 0.6f : 0.9f;
  r.kind = english == span                    ? SpanResult::kHandled
           : r.confidence >= d.min_confidence ? SpanResult::kReplace
                                              : SpanResult::kFlag;
  return true;
}

// Another language's own spelling of a place (CLDR territories and exemplar cities,
// iso-codes divisions: "Damasco", "Jartum", "Dschuzdschan"): the data knows it, no
// rules or guessing are needed. One place (places spelled alike count as one) is a
// repair; several are flagged. A place whose own name it is must be far less prominent
// (the village of Siria in Romania is no Syria).
// Only a whole run of capitalised words: inside a longer one it is part of another
// name ("Casey Mittelstadt" is no "Baia Sprie", which German calls Mittelstadt), and
// only prominent places (cities of 100,000 and more, divisions, countries).
// `known_prominence`: of the places whose own name the span is (-1: none), and their
// `known_countries`. True with `r` set when the data knows the spelling.
bool PlaceExonym(const NamesData& d, NamesScratch& s, std::string_view span,
                 const std::string& folded, char context, float known_prominence,
                 const std::vector<std::string_view>& known_countries, SpanResult& r) {
  auto hits = d.gazetteer->FindByExonym(folded);
  // A spelling English may share ("Alepo", "Dahuk") only where the document shows a
  // translation otherwise: another language's spelling of a name, or a name repaired.
  if (s.translated_names || s.repaired_a_name)
    for (auto& c : d.gazetteer->FindByWeakExonym(folded)) hits.push_back(c);
  std::vector<Gazetteer::Entry>
      alike_here;  // prominent places of the document's countries spelled alike
  // (by their own or English names: one of the many alternates GeoNames lists, Libya's
  // "Berta" for Al Qubbah, is no reason to doubt "Beyrouth")
  if (!hits.empty() && !s.countries.empty())
    for (const auto& o : d.gazetteer->FindBySkeleton(Skeleton(folded), 3.0f))
      if (s.countries.count(std::string(o.country)) > 0 &&
          (o.form == o.name || o.form == o.english))
        alike_here.push_back(o);
  std::vector<std::pair<std::string, std::string>> places;  // their own and English names
  const Gazetteer::Entry* top = nullptr;
  bool top_here = false;  // `top` lies in a country the document talks about
  for (const auto& c : hits) {
    // A smaller place (a town of 10,000, a district) where the document talks about its
    // country: "Taounate" beside Fès and Oujda.
    const bool of_here = s.countries.count(std::string(c.country)) > 0;
    if (c.prominence < (of_here ? 4.0f : 5.0f)) continue;
    if (context == 'c' && c.type == EntityType::kCountry)
      continue;  // "the city of Islandia" is no Iceland
    // A place whose own name the span is must be far less prominent, unless it lies in a
    // country the document does not talk about, this place in one it does, and it is at most
    // ten times as prominent ("Florencia" beside Italian towns is Florence, not Colombia's
    // Florencia; "Lagos" stays Nigeria's, though Spanish calls South Sudan's Lakes so).
    const bool own_elsewhere =
        of_here && known_prominence <= c.prominence + 1.0f &&
        std::none_of(known_countries.begin(), known_countries.end(),
                     [&](std::string_view k) { return s.countries.count(std::string(k)) > 0; });
    if (known_prominence >= 0 && c.prominence < known_prominence + 2 && !own_elsewhere) continue;
    // The English name without the letters English lacks is how English writes it
    // ("Chelmno" for Chełmno), whichever language also does.
    if (LatinAscii(c.english) == span) continue;
    // A place of the country whose own name the span is: the town and its division
    // ("Sekong", the capital of Xekong province), not another language's spelling.
    if (std::find(known_countries.begin(), known_countries.end(), c.country) !=
        known_countries.end())
      continue;
    // A spelling that differs from the English name only as romanisations do ("Djalalabad",
    // French for Jalal-Abad in Kyrgyzstan) is no exonym of a place of another country when a
    // place of the document's countries is spelled alike, and at least as close: in a text
    // on Afghanistan it is Jalalabad (a Japanese Yamaga, one skeleton with Jamaica, is no
    // reason to doubt "Jamaika").
    const std::string english_folded = FoldName(WithoutAdminWord(c.english));
    if (s.countries.count(std::string(c.country)) == 0 &&
        SkeletonOfLetters(folded) == SkeletonOfLetters(english_folded) &&
        std::any_of(alike_here.begin(), alike_here.end(), [&](const auto& o) {
          return o.country != c.country &&
                 Levenshtein(FoldName(o.form), folded) <= Levenshtein(english_folded, folded);
        }))
      continue;
    // (A place of a country the document talks about outdoes any other: German
    // "asch-Scharqiyya" beside "Ägypten" is Egypt's Sharqia, not Saudi Arabia's Eastern
    // Province, which German writes alike.)
    if (top != nullptr && of_here != top_here) {
      if (!of_here) continue;
      places.clear(), top = nullptr;
    }
    places.push_back({FoldName(WithoutAdminWord(c.name)),
                      FoldName(WithoutAdminWord(EnglishSpelling(c, s.country_letters)))});
    if (top == nullptr || c.prominence > top->prominence) top = &c, top_here = of_here;
  }
  if (top == nullptr) return false;
  r.rule = kExonym;
  r.replacement = EnglishSpelling(*top, s.country_letters);
  r.confidence = OneAnswer(places) ? 0.9f : 0.5f;
  r.kind = r.confidence >= d.min_confidence ? SpanResult::kReplace : SpanResult::kFlag;
  return true;
}

// A place's own name in its language ("Sevilla", "Luzern", "Rheinland-Pfalz") where English
// has a name of its own for it ("Seville"), in a document that shows a translation (another
// language's spelling of a name): the translation kept the source's name, which English
// writes its way. True with `r` set when the span is such a name of one place (places
// spelled alike with one English name count as one), as prominent as a prominent place is
// (a city of 100,000, a division, a country), and no place so named is called so in English.
// The English name must be one English is known to write (WordNet's names), or the same
// name romanised otherwise (SameNameRomanised: "Matruh", "Matrouh"): CLDR's English names
// have slips ("Marl" for Marlborough).
bool OwnNameInTranslation(const NamesData& d, NamesScratch& s, std::string_view span,
                          const std::string& folded, SpanResult& r) {
  constexpr float kProminent = 5.0f;
  // A name English writes itself (WordNet: "New York City", whose GeoNames English name is
  // "New York") stays.
  if (d.english_names.count(folded) > 0) return false;
  const Gazetteer::Entry* top = nullptr;                    // into `named`
  std::vector<std::pair<std::string, std::string>> places;  // their own and English names
  const std::vector<Gazetteer::Entry> named = d.gazetteer->FindByName(folded, 4.0f);
  std::vector<std::string_view> small_alike;  // countries of smaller places English calls so
  for (const auto& c : named) {
    // (Without another language's spelling in the document, only a place of a country whose
    // orthography its names show: "Samux" beside "Xaçmaz".)
    if (!IsPlace(c) ||
        (!s.translated_names && s.own_orthography.count(std::string(c.country)) == 0))
      continue;
    const std::string english = FoldName(WithoutAdminWord(c.english));
    // A place English calls so; a smaller one with no English name of its own, in the
    // country of the place so named, says nothing (the town of Xaçmaz beside its district,
    // Khachmaz; Navarre, Florida, is another).
    if (english == folded) {
      if (c.prominence >= kProminent || c.english != c.name) return false;
      small_alike.push_back(c.country);
      continue;
    }
    // A shorter name of it inside its own ("New York" of "New York City") is no other name.
    if (folded.find(english) != std::string::npos) return false;
    if (FoldName(WithoutAdminWord(c.name)) != folded || c.prominence < kProminent) continue;
    if (d.english_names.count(english) == 0 && !SameNameRomanised(english, folded)) continue;
    places.push_back({FoldName(WithoutAdminWord(c.name)), english});
    if (top == nullptr || c.prominence > top->prominence) top = &c;
  }
  if (top == nullptr || !OneAnswer(places)) return false;
  for (std::string_view country : small_alike)
    if (country != top->country) return false;
  r.rule = kExonym;
  r.replacement = EnglishSpelling(*top, s.country_letters);
  if (WithoutMarks(r.replacement) == WithoutMarks(span)) return false;
  r.confidence = 0.85f;
  r.kind = r.confidence >= d.min_confidence ? SpanResult::kReplace : SpanResult::kFlag;
  return true;
}

std::string OwnOrthography(const NamesData& d, NamesScratch& s, std::string_view span,
                           const std::string& folded) {
  constexpr float kProminent = 5.0f;
  // (Asked of every capitalised span: ICU's transliteration only for the few beyond ASCII
  // that name such a place.)
  if (utf8::IsAscii(span) || d.english_names.count(folded) > 0) return "";
  std::string ascii;
  for (const auto& c : d.gazetteer->FindByName(folded, kProminent)) {
    if (!IsPlace(c) || c.type == EntityType::kCountry) continue;
    if (FoldName(WithoutAdminWord(c.name)) != folded) continue;
    const std::string english = FoldName(WithoutAdminWord(c.english));
    if (english == folded || !SameNameRomanised(english, folded) ||
        !s.country_letters.Writes(c.country, span))
      continue;
    if (ascii.empty()) ascii = LatinAscii(span);
    if (LatinAscii(WithoutAdminWord(c.english)) != ascii) return std::string(c.country);
  }
  return "";
}

bool TranslationAccents(const NamesData& d, NamesScratch& s, std::string_view span,
                        const std::string& folded) {
  constexpr float kProminent = 5.0f;
  if (!OnlyTranslationAccents(span)) return false;
  std::string ascii;
  bool accents_added = false;
  // (Any place so named whose country or English writes the accents: they are no sign.)
  for (const auto& c : d.gazetteer->FindByName(folded, kProminent)) {
    if (!IsPlace(c)) continue;
    const std::string_view english = WithoutAdminWord(c.english);
    if (english == span || s.country_letters.Writes(c.country, span)) return false;
    if (ascii.empty()) ascii = LatinAscii(span);
    accents_added |= LatinAscii(english) == ascii;
  }
  return accents_added;
}

}  // namespace names
}  // namespace mtclean
