#include "tools/gazetteer/exonyms.h"

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "stages/names/respelling_rules.h"

namespace mtclean {
namespace {

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// msgid -> msgstr of a GNU .mo catalogue (empty when it cannot be read).
std::unordered_map<std::string, std::string> ReadMo(const std::string& path) {
  std::unordered_map<std::string, std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    if (at + 4 <= data.size()) std::memcpy(&v, data.data() + at, 4);
    return v;
  };
  if (data.size() < 28 || u32(0) != 0x950412de) return out;  // little-endian catalogues only
  const uint32_t n = u32(8), originals = u32(12), translations = u32(16);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t ol = u32(originals + 8 * i), oo = u32(originals + 8 * i + 4);
    uint32_t tl = u32(translations + 8 * i), to = u32(translations + 8 * i + 4);
    if (static_cast<size_t>(oo) + ol > data.size() || static_cast<size_t>(to) + tl > data.size()) break;
    out.emplace(data.substr(oo, ol), data.substr(to, tl));
  }
  return out;
}

// A folded name without a leading Arabic article, which romanisations write as "al", "el",
// or assimilated ("ar", "as", "ash", "at", "ad", "an", "az").
std::string WithoutArticle(const std::string& folded) {
  size_t space = folded.find(' ');
  if (space == std::string::npos) return folded;
  static const char* const kArticles[] = {"al", "el", "ar", "as", "ash", "at", "ath", "ad", "adh", "an", "az"};
  for (const char* a : kArticles)
    if (folded.compare(0, space, a) == 0) return folded.substr(space + 1);
  return folded;
}

// A division's name folded without the words that say what kind of division it is, at
// either end, in English or as iso-codes romanises Russian ("Tatarstan Republic",
// "Tatarstan, Respublika", "Republic of Tyva", "Perm Krai", "Amurskaja oblast'"): GeoNames,
// iso-codes and CLDR name one division with different such words, or none.
std::string DivisionCore(std::string_view name) {
  std::string folded = FoldName(WithoutAdminWord(name));
  // "St.-Petersburg", "St Helena" (folded "st petersburg"): the abbreviation of saint written out.
  if (folded.rfind("st ", 0) == 0) folded.replace(0, 3, "saint ");
  static const char* const kPrefixes[] = {"republic of ", "autonomous republic of ",
                                          "province of "};
  static const char* const kSuffixes[] = {" autonomous okrug",
                                          " autonomous oblast",
                                          " autonomous region",
                                          " autonomous district",
                                          " avtonomnyy okrug",
                                          " avtonomnyj okrug",
                                          " avtonomnaja oblast'",
                                          " avtonomnaya oblast'",
                                          ", respublika",
                                          " respublika",
                                          " republic",
                                          " kray",
                                          " krai",
                                          " kraj",
                                          " okrug",
                                          " oblast'",
                                          " oblast",
                                          " province",
                                          " region",
                                          " governorate"};
  for (bool changed = true; changed;) {
    changed = false;
    for (const char* p : kPrefixes) {
      const size_t n = std::strlen(p);
      if (folded.size() > n + 2 && folded.compare(0, n, p) == 0) folded.erase(0, n), changed = true;
    }
    for (const char* x : kSuffixes) {
      const size_t n = std::strlen(x);
      if (folded.size() > n + 2 && folded.compare(folded.size() - n, n, x) == 0)
        folded.erase(folded.size() - n), changed = true;
    }
  }
  return folded;
}

// Whether two folded names are one name romanised apart: the same first letter, and a letter
// apart, two for names longer than eight letters ("Adygeya", "Adygea"; "Kalmykiya", "Kalmykia").
bool RomanisedApart(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || a[0] != b[0]) return false;
  const size_t longer = std::max(a.size(), b.size()), shorter = std::min(a.size(), b.size());
  const size_t allowed = longer <= 8 ? 1 : 2;
  return longer - shorter <= allowed && Levenshtein(a, b) <= allowed;
}

// What `folded`, a spelling `languages_using` of the exonym languages give a place whose
// names fold to `canonical` and `english`, is. The data says what English writes; a spelling
// it does not list is another language's (an exonym: "Dahuk" for Dohuk, "Bizerta" for
// Bizerte), unless several languages share it and it differs from the English name only in
// what romanisations vary: that may be a romanisation English news uses too ("Aqtobe" and
// "Aktobe" have one consonant skeleton; "Al Rayyan", "Ar Rayyan" one Arabic article), a weak
// exonym, which counts only where a document shows a translation otherwise.
enum class Spelling { kEnglish, kWeakExonym, kExonym };
Spelling ClassifySpelling(const std::string& folded, int languages_using,
                          const std::string& canonical, const std::string& english) {
  if (folded.empty() || folded == canonical || folded == english) return Spelling::kEnglish;
  if (languages_using < 2) return Spelling::kExonym;
  const std::string key = Skeleton(WithoutArticle(folded));
  return key != Skeleton(WithoutArticle(canonical)) && key != Skeleton(WithoutArticle(english))
             ? Spelling::kExonym
             : Spelling::kWeakExonym;
}

// Adds `form` to the exonyms or weak exonyms of `e` as ClassifySpelling says (once); true if
// it was added.
bool AddSpelling(GazetteerEntry& e, const std::string& form, Spelling kind) {
  std::vector<std::string>& list = kind == Spelling::kExonym ? e.exonyms : e.weak_exonyms;
  if (kind == Spelling::kEnglish || std::find(list.begin(), list.end(), form) != list.end())
    return false;
  list.push_back(form);
  return true;
}

// The entry of `type` in `country` whose name folds to `folded` (the most prominent), or -1.
class Index {
 public:
  explicit Index(const std::vector<GazetteerEntry>& entries) {
    for (size_t i = 0; i < entries.size(); ++i) {
      const GazetteerEntry& e = entries[i];
      const bool division = e.type == EntityType::kAdmin1 || e.type == EntityType::kAdmin2;
      std::string key = Key(e.type, e.country,
                            division ? DivisionCore(e.name) : FoldName(WithoutAdminWord(e.name)));
      auto it = best_.find(key);
      if (it == best_.end() || entries[it->second].prominence < e.prominence) best_[key] = i;
    }
  }
  long Find(EntityType type, const std::string& country, const std::string& folded) const {
    auto it = best_.find(Key(type, country, folded));
    return it == best_.end() ? -1 : static_cast<long>(it->second);
  }

 private:
  static std::string Key(EntityType type, const std::string& country, const std::string& folded) {
    return std::to_string(static_cast<int>(type)) + "|" + country + "|" + folded;
  }
  std::unordered_map<std::string, size_t> best_;
};

}  // namespace

size_t AddExonyms(const std::vector<std::string>& languages, const std::string& iso3166_2_json,
                  const std::string& locale_dir, std::vector<GazetteerEntry>* entries,
                  std::vector<NamePair>* pairs) {
  size_t added = 0;
  auto pair = [&](const std::string& lang, const std::string& english, const std::string& foreign,
                  const char* source) {
    if (pairs != nullptr && !english.empty() && !foreign.empty()) pairs->push_back({lang, english, foreign, source});
  };
  auto add = [&](GazetteerEntry& e, const std::string& name) {
    if (!name.empty() && FoldName(name) != FoldName(e.name)) {
      e.exonyms.push_back(name);
      ++added;
    }
  };
  // Countries: CLDR territory names.
  for (GazetteerEntry& e : *entries) {
    if (e.type != EntityType::kCountry || e.country.size() != 2) continue;
    icu::Locale territory("", e.country.c_str());
    icu::UnicodeString english_name;
    territory.getDisplayCountry(icu::Locale("en"), english_name);
    if (Utf8(english_name) != e.country && Utf8(english_name) != e.name)
      e.english = Utf8(english_name);
    for (const std::string& lang : languages) {
      icu::UnicodeString name;
      territory.getDisplayCountry(icu::Locale(lang.c_str()), name);
      const std::string spelled = Utf8(name);
      if (spelled == e.country) continue;
      add(e, spelled);
      pair(lang, e.name, spelled, "cldr");
    }
  }
  Index index(*entries);
  // Cities: CLDR exemplar cities of the time zones.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> english(icu::TimeZoneNames::createInstance(icu::Locale("en"), status));
  std::vector<std::unique_ptr<icu::TimeZoneNames>> names;
  for (const std::string& lang : languages)
    names.emplace_back(icu::TimeZoneNames::createInstance(icu::Locale(lang.c_str()), status));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_SUCCESS(status) && english) {
    while (const icu::UnicodeString* zone = zones->snext(status)) {
      char region[8] = {};
      UErrorCode s = U_ZERO_ERROR;
      icu::TimeZone::getRegion(*zone, region, sizeof region, s);
      icu::UnicodeString en;
      english->getExemplarLocationName(*zone, en);
      long id = index.Find(EntityType::kCity, region, FoldName(Utf8(en)));
      if (id < 0) continue;
      if (Utf8(en) != (*entries)[static_cast<size_t>(id)].name)
        (*entries)[static_cast<size_t>(id)].english = Utf8(en);
      for (size_t l = 0; l < names.size(); ++l) {
        if (!names[l]) continue;
        icu::UnicodeString local;
        names[l]->getExemplarLocationName(*zone, local);
        add((*entries)[static_cast<size_t>(id)], Utf8(local));
        pair(languages[l], Utf8(en), Utf8(local), "cldr");
      }
    }
  }
  // First-level divisions: iso-codes' translations of ISO 3166-2.
  if (!iso3166_2_json.empty()) {
    std::ifstream in(iso3166_2_json);
    nlohmann::json j;
    try {
      in >> j;
    } catch (const std::exception& ex) {
      std::cerr << "build_gazetteer: " << iso3166_2_json << ": " << ex.what() << "\n";
      return added;
    }
    std::vector<std::unordered_map<std::string, std::string>> catalogues;
    for (const std::string& lang : languages)
      catalogues.push_back(ReadMo(locale_dir + "/" + lang + "/LC_MESSAGES/iso_3166-2.mo"));
    for (const auto& sub : j["3166-2"]) {
      std::string code = sub.value("code", ""), name = sub.value("name", "");
      if (code.size() < 4 || name.empty()) continue;
      long id = index.Find(EntityType::kAdmin1, code.substr(0, 2), DivisionCore(name));
      if (id < 0) continue;
      // iso-codes names divisions in a local romanisation ("Samux"), which is no exonym.
      GazetteerEntry& e = (*entries)[static_cast<size_t>(id)];
      std::unordered_map<std::string, int> languages_with;
      std::vector<std::string> forms;
      for (size_t l = 0; l < catalogues.size(); ++l) {
        auto it = catalogues[l].find(name);
        if (it == catalogues[l].end()) continue;
        pair(languages[l], name, it->second, "iso-codes");
        if (FoldName(it->second) == FoldName(name)) continue;
        if (languages_with[FoldName(it->second)]++ == 0) forms.push_back(it->second);
      }
      for (const std::string& form : forms)
        added += AddSpelling(e, form,
                             ClassifySpelling(FoldName(form), languages_with[FoldName(form)],
                                              FoldName(e.name), FoldName(e.english)));
    }
  }
  return added;
}

size_t AddGeoNamesExonyms(const std::vector<std::string>& languages, const std::string& locale_dir,
                          const std::unordered_map<std::string, size_t>& by_geonameid,
                          std::vector<GazetteerEntry>* entries, std::vector<NamePair>* pairs) {
  const auto english = ReadMo(locale_dir + "/en/LC_MESSAGES/geonames.mo");
  // Per place, its spellings in the languages.
  std::unordered_map<std::string, std::unordered_map<std::string, std::pair<std::string, int>>> forms;
  for (const std::string& lang : languages)
    for (const auto& [id, name] : ReadMo(locale_dir + "/" + lang + "/LC_MESSAGES/geonames.mo")) {
      if (name.empty() || by_geonameid.count(id) == 0) continue;
      if (pairs != nullptr) {
        auto en = english.find(id);
        pairs->push_back(
            {lang, en != english.end() ? en->second : (*entries)[by_geonameid.at(id)].name, name, "libgeonames"});
      }
      auto& slot = forms[id][FoldName(name)];
      if (slot.second++ == 0) slot.first = name;
    }
  size_t added = 0;
  for (const auto& [id, spellings] : forms) {
    GazetteerEntry& e = (*entries)[by_geonameid.at(id)];
    auto en = english.find(id);
    // A division by its code only where the catalogue's English name is the division's name:
    // GeoNames renumbers divisions ("Ho-Chi-Minh-Stadt" came under another Vietnamese
    // province's code), and libgeonames and the admin1 list are of different years.
    const bool division_code = id.find('.') != std::string::npos;
    if (division_code &&
        (en == english.end() || !RomanisedApart(DivisionCore(en->second), DivisionCore(e.name))))
      continue;
    // (Not a division's, by its code: libgeonames' English names of divisions are its own
    // romanisations, "Banzart" for Bizerte, where GeoNames' and CLDR's are what news writes.)
    if (en != english.end() && e.english.empty() && en->second != e.name && !division_code)
      e.english = en->second;
    // (A division's names compared without the words for its kind.)
    const auto fold = [&](const std::string& name) {
      return division_code ? DivisionCore(name) : FoldName(name);
    };
    const std::string canonical = fold(e.name);
    const std::string english_name = en != english.end() ? fold(en->second) : canonical;
    // A division's name differing from the English one only as romanisations do ("Amran",
    // "Omran"; "Socotra", "Soqatra": libgeonames' French for Yemen's divisions is mostly such)
    // is no sign of a translation, however many languages write it: left out.
    for (const auto& [folded, slot] : spellings) {
      const Spelling kind = ClassifySpelling(
          folded, division_code ? std::max(slot.second, 2) : slot.second, canonical, english_name);
      if (division_code && kind == Spelling::kWeakExonym) continue;
      added += AddSpelling(e, slot.first, kind);
    }
  }
  return added;
}

namespace {

// code -> name of a CLDR subdivisions file ('<subdivision type="afkho">Khost</subdivision>'),
// entities decoded; alternative names (alt="...") left out. Empty when it cannot be read.
std::unordered_map<std::string, std::string> ReadCldrSubdivisions(const std::string& path) {
  std::unordered_map<std::string, std::string> out;
  std::ifstream in(path);
  const std::string open = "<subdivision type=\"";
  for (std::string line; std::getline(in, line);) {
    const size_t at = line.find(open);
    if (at == std::string::npos) continue;
    const size_t code_end = line.find('"', at + open.size());
    const size_t text = line.find('>', code_end);
    const size_t close = line.find("</subdivision>", text);
    if (code_end == std::string::npos || text == std::string::npos || close == std::string::npos)
      continue;
    if (line.compare(code_end + 1, 5, " alt=") == 0) continue;
    std::string name = line.substr(text + 1, close - text - 1);
    for (const auto& [entity, ch] : {std::pair<std::string, std::string>{"&amp;", "&"},
                                     {"&apos;", "'"},
                                     {"&quot;", "\""},
                                     {"&lt;", "<"},
                                     {"&gt;", ">"}})
      for (size_t k = name.find(entity); k != std::string::npos; k = name.find(entity, k + 1))
        name.replace(k, entity.size(), ch);
    out.emplace(line.substr(at + open.size(), code_end - at - open.size()), name);
  }
  return out;
}

// A division's name without the word for its kind that another language puts before or
// after it ("Provincia de Jost" -> "Jost", "Gouvernorat de Sfax" -> "Sfax", "Provinz
// Kandahar" -> "Kandahar"): English text carries the name, and says "province" itself.
std::string WithoutForeignAdminWord(const std::string& name) {
  static const char* const kBefore[] = {
      "Provincia de ",     "Provincia di ",   "Provincia del ",    "Província de ",
      "Province de ",      "Province du ",    "Province d’",       "Province d'",
      "Région de ",        "Region de ",      "Región de ",        "Región del ",
      "Regione di ",       "Département de ", "Département du ",   "Departamento de ",
      "Departamento del ", "Distrito de ",    "District de ",      "Gouvernorat de ",
      "Gouvernorat d’",    "Gouvernorat d'",  "Governatorato di ", "Gobernación de ",
      "Governorado de ",   "Estado de ",      "Stato di ",         "Wilaya de ",
      "Wilaya d’",         "Wilaya d'",       "Comté de ",         "Condado de ",
      "Contea di ",        "Oblast de ",      "Óblast de ",        "Oblast di ",
      "Provinz ",          "Gouvernement ",   "Regierungsbezirk ", "Distrikt ",
      "Bezirk ",           "Region ",         "Präfektur ",        "Prefectura de ",
      "Préfecture de ",    "Prefettura di ",  "Emirato de ",       "Émirat de ",
      "Emirat ",           "Municipio de ",   "Município de ",     "Canton de ",
      "Cantón de "};
  for (const char* p : kBefore) {
    const size_t n = std::strlen(p);
    if (name.size() > n && name.compare(0, n, p) == 0) return name.substr(n);
  }
  static const char* const kAfter[] = {" Province", " (Provinz)", "-Provinz",    " Provinz",
                                       " Oblast",   " megye",     " Governorate"};
  for (const char* p : kAfter) {
    const size_t n = std::strlen(p);
    if (name.size() > n && name.compare(name.size() - n, n, p) == 0)
      return name.substr(0, name.size() - n);
  }
  return name;
}

// The country of a CLDR subdivision code ("azxac" -> "AZ").
std::string CountryOfCldrCode(const std::string& code) {
  std::string country = code.substr(0, 2);
  for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return country;
}

}  // namespace

// Whether CLDR's English name of subdivision `code` (folded: `folded_en`) has a word of four
// letters or more that is no English word and no romanisation of a word of any of the other
// languages' names of it (see AddCldrSubdivisionExonyms).
bool EnglishDoubtful(const std::string& code, const std::string& folded_en,
                     const std::vector<std::unordered_map<std::string, std::string>>& names,
                     const std::unordered_set<std::string>& english_words) {
  std::vector<std::string> foreign_words;
  for (const auto& language : names) {
    auto it = language.find(code);
    if (it == language.end()) continue;
    std::istringstream words(FoldName(it->second));
    for (std::string w; words >> w;) foreign_words.push_back(w);
  }
  if (foreign_words.empty()) return false;
  std::string letters;
  for (const std::string& w : foreign_words) letters += w;
  std::istringstream words(folded_en);
  for (std::string w; words >> w;) {
    if (w.size() < 4 || english_words.count(w) > 0 || letters.find(w) != std::string::npos)
      continue;
    const bool romanised = std::any_of(foreign_words.begin(), foreign_words.end(),
                                       [&](const auto& f) { return SameNameRomanised(f, w); });
    if (!romanised) return true;
  }
  return false;
}

size_t AddCldrSubdivisionExonyms(const std::vector<std::string>& languages,
                                 const std::string& cldr_dir, const std::string& iso3166_2_json,
                                 std::vector<GazetteerEntry>* entries, std::vector<NamePair>* pairs,
                                 const std::unordered_set<std::string>* english_words) {
  const auto english = ReadCldrSubdivisions(cldr_dir + "/common/subdivisions/en.xml");
  if (english.empty()) return 0;
  std::vector<std::unordered_map<std::string, std::string>> names;
  for (const std::string& lang : languages)
    names.push_back(ReadCldrSubdivisions(cldr_dir + "/common/subdivisions/" + lang + ".xml"));
  Index index(*entries);
  // CLDR's code ("azxac") -> the division iso-codes names under that ISO 3166-2 code
  // ("AZ-XAC", "Xaçmaz"): the surest link, where CLDR's English name is another romanisation
  // ("Khachmaz") than GeoNames'.
  std::unordered_map<std::string, long> by_code;
  std::unordered_set<std::string> first_level;  // CLDR's codes of ISO's first-level divisions
  if (!iso3166_2_json.empty()) {
    std::ifstream in(iso3166_2_json);
    nlohmann::json j;
    try {
      in >> j;
      for (const auto& sub : j["3166-2"]) {
        std::string code = sub.value("code", ""), name = sub.value("name", "");
        if (code.size() < 4 || code[2] != '-' || name.empty()) continue;
        std::string key = code.substr(0, 2) + code.substr(3);
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!sub.contains("parent")) first_level.insert(key);
        long id = index.Find(EntityType::kAdmin1, code.substr(0, 2), DivisionCore(name));
        if (id >= 0) by_code.emplace(key, id);
      }
    } catch (const std::exception& ex) {
      std::cerr << "build_gazetteer: " << iso3166_2_json << ": " << ex.what() << "\n";
    }
  }
  // Country|skeleton -> the first-level division so spelt (-1 when two are); country -> the
  // first-level divisions' names (their cores, without the article).
  std::unordered_map<std::string, long> by_skeleton;
  std::unordered_map<std::string, std::vector<std::pair<std::string, long>>> admin1_cores;
  for (size_t i = 0; i < entries->size(); ++i) {
    const GazetteerEntry& e = (*entries)[i];
    if (e.type != EntityType::kAdmin1) continue;
    admin1_cores[e.country].emplace_back(WithoutArticle(DivisionCore(e.name)),
                                         static_cast<long>(i));
    auto [it, fresh] = by_skeleton.emplace(
        e.country + "|" + Skeleton(WithoutArticle(DivisionCore(e.name))), static_cast<long>(i));
    if (!fresh) it->second = -1;
  }
  // The first-level division CLDR's English name names where GeoNames and CLDR romanise it
  // apart ("Khowst", "Khost") and no code links them: the one with the same consonant skeleton.
  // (A skeleton alone is a weak link: "Biella" and "Apulia" have one. The names must begin
  // alike and be about as long, as "Khost" and "Khowst" are.)
  auto by_skeleton_of = [&](const std::string& country, const std::string& folded_en) {
    auto it = by_skeleton.find(country + "|" + Skeleton(WithoutArticle(folded_en)));
    if (it != by_skeleton.end() && it->second >= 0) {
      const std::string other =
          WithoutArticle(DivisionCore((*entries)[static_cast<size_t>(it->second)].name));
      const std::string mine = WithoutArticle(folded_en);
      const size_t longer = std::max(other.size(), mine.size()),
                   shorter = std::min(other.size(), mine.size());
      if (!other.empty() && !mine.empty() && other[0] == mine[0] && longer - shorter <= 2)
        return it->second;
    }
    return -1L;
  };
  // Else the one division of the country no other CLDR name was linked to, whose name is
  // that name romanised apart (RomanisedApart). (CLDR names many divisions GeoNames' first level
  // lacks, such as the Shetland Islands: a letter or two from Scotland, which CLDR names too.)
  std::unordered_set<long> claimed;
  auto near_name = [&](const std::string& country, const std::string& folded_en) {
    const std::string mine = WithoutArticle(folded_en);
    const auto near = admin1_cores.find(country);
    if (mine.size() < 4 || near == admin1_cores.end()) return -1L;
    long found = -1;
    for (const auto& [core, id] : near->second) {
      if (!RomanisedApart(core, mine)) continue;
      if (found >= 0 && found != id) return -1L;  // two divisions so near: neither
      found = id;
    }
    return found >= 0 && claimed.count(found) == 0 ? found : -1L;
  };
  // A country's codes are trusted only when they never contradict its names (spelled so): ISO
  // renumbers divisions ("IR-06" was Khuzestan in iso-codes and is Bushehr in CLDR).
  std::unordered_set<std::string> codes_disagree;
  for (const auto& [code, en] : english) {
    auto by_iso = code.size() < 3 ? by_code.end() : by_code.find(code);
    if (by_iso == by_code.end()) continue;
    const long named = index.Find(EntityType::kAdmin1, CountryOfCldrCode(code), DivisionCore(en));
    if (named >= 0 && named != by_iso->second) codes_disagree.insert(CountryOfCldrCode(code));
  }
  // The name spelled so, else the trusted code (a skeleton is the weaker link: "Beylagan" and
  // "Balakan" have one), else the skeleton.
  // The divisions another code's English name spells exactly: no skeleton links to them
  // ("Vilniaus Municipality" has the skeleton of Vilnius, which "Vilnius County" names).
  std::unordered_set<long> spelled;
  for (const auto& [code, en] : english)
    if (const long id = index.Find(EntityType::kAdmin1, CountryOfCldrCode(code), DivisionCore(en));
        id >= 0)
      spelled.insert(id);
  auto linked = [&](const std::string& code, const std::string& country,
                    const std::string& folded_en) {
    long id = index.Find(EntityType::kAdmin1, country, folded_en);
    auto by_iso = by_code.find(code);
    if (id < 0 && by_iso != by_code.end() && codes_disagree.count(country) == 0)
      id = by_iso->second;
    if (id < 0) {
      const long alike = by_skeleton_of(country, folded_en);
      if (alike >= 0 && spelled.count(alike) == 0) id = alike;
    }
    // Else a second-level division.
    if (id < 0) id = index.Find(EntityType::kAdmin2, country, folded_en);
    return id;
  };
  for (const auto& [code, en] : english)
    if (code.size() >= 3) {
      const long id = linked(code, CountryOfCldrCode(code), DivisionCore(en));
      if (id >= 0) claimed.insert(id);
    }
  size_t added = 0;
  for (const auto& [code, en] : english) {
    if (code.size() < 3) continue;
    // Numbered districts ("Prague 21") fold to their city's name without the number: they
    // are no names of it.
    if (std::any_of(en.begin(), en.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const std::string country = CountryOfCldrCode(code);
    const std::string folded_en = DivisionCore(en);
    // CLDR's English name with a word that is neither English nor in the other languages'
    // names, romanised or not, is doubtful: a slip ("Arkhabil Suqutra" for Socotra, which all
    // of them write so), or another place than theirs ("Fahs-Beni Makada", where they write
    // the neighbouring "Fahs-Anjra"). The code is left alone.
    if (english_words != nullptr && EnglishDoubtful(code, folded_en, names, *english_words))
      continue;
    long id = linked(code, country, folded_en);
    if (id < 0) id = near_name(country, folded_en);
    // A division CLDR names and GeoNames' lists lack (Morocco's regions before 2015, "Fahs-Beni
    // Makada"), where no place of its country is so named: an entry of its own, a first-level
    // division where ISO 3166-2 lists it so, else a second-level one.
    if (id < 0 && !country.empty() && index.Find(EntityType::kCity, country, folded_en) < 0 &&
        index.Find(EntityType::kAdmin2, country, folded_en) < 0) {
      GazetteerEntry division;
      division.name = en;
      division.country = country;
      const bool first = first_level.count(code) > 0;
      division.type = first ? EntityType::kAdmin1 : EntityType::kAdmin2;
      division.prominence = first ? 5.5f : 4.0f;
      entries->push_back(std::move(division));
      id = static_cast<long>(entries->size() - 1);
    }
    if (id < 0) continue;
    GazetteerEntry& e = (*entries)[static_cast<size_t>(id)];
    // A second-level division in GeoNames that is one of ISO 3166-2's first level
    // (Palestine's governorates) is as prominent as a first-level one by default.
    if (e.type == EntityType::kAdmin2 && first_level.count(code) > 0)
      e.prominence = std::max(e.prominence, 5.5f);
    // CLDR's English name is the one English news writes ("Khost", where GeoNames has "Khowst").
    if (WithoutAdminWord(en) != WithoutAdminWord(e.name)) e.english = en;
    std::unordered_map<std::string, int> languages_with;
    std::vector<std::string> forms;
    for (size_t l = 0; l < names.size(); ++l) {
      auto it = names[l].find(code);
      if (it == names[l].end()) continue;
      const std::string foreign = WithoutForeignAdminWord(it->second);
      if (pairs != nullptr) pairs->push_back({languages[l], en, foreign, "cldr-subdivisions"});
      if (languages_with[FoldName(foreign)]++ == 0) forms.push_back(foreign);
    }
    for (const std::string& form : forms) {
      // The division's name without its kind ("Kelmark" of "Kelmark Krai") is English's too.
      if (FoldName(form) == DivisionCore(e.name) || FoldName(form) == folded_en) continue;
      added += AddSpelling(e, form,
                           ClassifySpelling(FoldName(form), languages_with[FoldName(form)],
                                            FoldName(e.name), FoldName(en)));
    }
  }
  return added;
}

size_t DropEnglishSpellings(const std::string& cldr_dir, std::vector<GazetteerEntry>* entries) {
  // What English calls each country's places: canonical and English names of the entries,
  // and CLDR's English names of subdivisions, matched to an entry or not.
  std::unordered_set<std::string> english;
  for (const GazetteerEntry& e : *entries) {
    english.insert(e.country + '|' + FoldName(WithoutAdminWord(e.name)));
    if (!e.english.empty()) english.insert(e.country + '|' + FoldName(WithoutAdminWord(e.english)));
  }
  // CLDR's English names of divisions, of any country: another language's name of one place
  // that English gives another place ("Leste", Portuguese for Iceland's East, is a province
  // of Guinea-Bissau) is no sign of a translation.
  std::unordered_set<std::string> division_english;
  for (const auto& [code, en] : ReadCldrSubdivisions(cldr_dir + "/common/subdivisions/en.xml")) {
    if (code.size() < 3) continue;
    english.insert(CountryOfCldrCode(code) + '|' + FoldName(WithoutAdminWord(en)));
    division_english.insert(FoldName(WithoutAdminWord(en)));
  }
  size_t dropped = 0;
  for (GazetteerEntry& e : *entries)
    for (auto* list : {&e.exonyms, &e.weak_exonyms}) {
      const size_t before = list->size();
      std::erase_if(*list, [&](const std::string& x) {
        return english.count(e.country + '|' + FoldName(x)) > 0 ||
               division_english.count(FoldName(x)) > 0;
      });
      dropped += before - list->size();
    }
  return dropped;
}

std::vector<std::string> EnglishAccentedSpellings(const std::string& locale_dir) {
  std::set<std::string> out;
  auto beyond_ascii = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  };
  for (const auto& [id, name] : ReadMo(locale_dir + "/en/LC_MESSAGES/geonames.mo")) {
    if (!beyond_ascii(name)) continue;
    out.insert(name);
    for (size_t b = 0, pos = 0; pos <= name.size(); ++pos)
      if (pos == name.size() || name[pos] == ' ' || name[pos] == '-') {
        if (pos > b && beyond_ascii(std::string_view(name).substr(b, pos - b))) out.insert(name.substr(b, pos - b));
        b = pos + 1;
      }
  }
  return {out.begin(), out.end()};
}

}  // namespace mtclean
