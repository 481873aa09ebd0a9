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
#include <unordered_map>

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

// Whether `folded`, a spelling `languages_using` of the exonym languages give a place whose
// names fold to `canonical` and `english`, is an exonym: a language's own spelling. One that
// several share ("Aqtobe", "Samukh") is a romanisation English news uses too, and so is one
// that differs from the English name only in what romanisations vary ("Dohuk" and "Dihok"
// have one consonant skeleton; "Al Rayyan", "Ar Rayyan" one Arabic article).
bool OwnSpelling(const std::string& folded, int languages_using, const std::string& canonical,
                 const std::string& english) {
  if (languages_using != 1 || folded == canonical || folded == english) return false;
  const std::string key = Skeleton(WithoutArticle(folded));
  return key != Skeleton(WithoutArticle(canonical)) && key != Skeleton(WithoutArticle(english));
}

// The entry of `type` in `country` whose name folds to `folded` (the most prominent), or -1.
class Index {
 public:
  explicit Index(const std::vector<GazetteerEntry>& entries) {
    for (size_t i = 0; i < entries.size(); ++i) {
      const GazetteerEntry& e = entries[i];
      std::string key = Key(e.type, e.country, FoldName(WithoutAdminWord(e.name)));
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
      long id = index.Find(EntityType::kAdmin1, code.substr(0, 2), FoldName(WithoutAdminWord(name)));
      if (id < 0) continue;
      // iso-codes names divisions in a local romanisation ("Samux"); a translation that two
      // languages share ("Samukh" in French and German) is another romanisation, which
      // English news uses too. Only a language's own spelling ("Dschuzdschan") is an exonym.
      std::unordered_map<std::string, int> languages_with;
      std::vector<std::string> forms;
      for (size_t l = 0; l < catalogues.size(); ++l) {
        auto it = catalogues[l].find(name);
        if (it == catalogues[l].end()) continue;
        pair(languages[l], name, it->second, "iso-codes");
        if (it->second == name) continue;
        if (languages_with[FoldName(it->second)]++ == 0) forms.push_back(it->second);
      }
      for (const std::string& form : forms)
        if (languages_with[FoldName(form)] == 1) add((*entries)[static_cast<size_t>(id)], form);
    }
  }
  return added;
}

size_t AddGeoNamesExonyms(const std::vector<std::string>& languages, const std::string& locale_dir,
                          const std::unordered_map<std::string, size_t>& by_geonameid,
                          std::vector<GazetteerEntry>* entries, std::vector<NamePair>* pairs) {
  const auto english = ReadMo(locale_dir + "/en/LC_MESSAGES/geonames.mo");
  // Per place, the spellings and how many of the languages use each: a spelling several
  // share ("Aqtobe") is a romanisation English news uses too, only a language's own
  // ("Jartum") is an exonym.
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
    const std::string canonical = FoldName(e.name);
    const std::string english_name = en != english.end() ? FoldName(en->second) : canonical;
    for (const auto& [folded, slot] : spellings) {
      if (!OwnSpelling(folded, slot.second, canonical, english_name)) continue;
      e.exonyms.push_back(slot.first);
      ++added;
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

}  // namespace

size_t AddCldrSubdivisionExonyms(const std::vector<std::string>& languages,
                                 const std::string& cldr_dir, std::vector<GazetteerEntry>* entries,
                                 std::vector<NamePair>* pairs) {
  const auto english = ReadCldrSubdivisions(cldr_dir + "/common/subdivisions/en.xml");
  if (english.empty()) return 0;
  std::vector<std::unordered_map<std::string, std::string>> names;
  for (const std::string& lang : languages)
    names.push_back(ReadCldrSubdivisions(cldr_dir + "/common/subdivisions/" + lang + ".xml"));
  Index index(*entries);
  // Country|skeleton -> the first-level division so spelt (-1 when two are).
  std::unordered_map<std::string, long> by_skeleton;
  for (size_t i = 0; i < entries->size(); ++i) {
    const GazetteerEntry& e = (*entries)[i];
    if (e.type != EntityType::kAdmin1) continue;
    auto [it, fresh] = by_skeleton.emplace(
        e.country + "|" + Skeleton(WithoutArticle(FoldName(WithoutAdminWord(e.name)))),
        static_cast<long>(i));
    if (!fresh) it->second = -1;
  }
  size_t added = 0;
  for (const auto& [code, en] : english) {
    if (code.size() < 3) continue;
    std::string country = code.substr(0, 2);
    for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string folded_en = FoldName(WithoutAdminWord(en));
    long id = index.Find(EntityType::kAdmin1, country, folded_en);
    // GeoNames and CLDR romanise some divisions apart ("Khowst", "Khost"): the one first-level
    // division of the country with the same consonant skeleton; else a second-level one.
    if (id < 0) {
      auto it = by_skeleton.find(country + "|" + Skeleton(WithoutArticle(folded_en)));
      if (it != by_skeleton.end() && it->second >= 0) id = it->second;
    }
    if (id < 0) id = index.Find(EntityType::kAdmin2, country, folded_en);
    if (id < 0) continue;
    GazetteerEntry& e = (*entries)[static_cast<size_t>(id)];
    // How many languages write each spelling: only a language's own is an exonym (OwnSpelling).
    std::unordered_map<std::string, int> languages_with;
    std::vector<std::string> forms;
    for (size_t l = 0; l < names.size(); ++l) {
      auto it = names[l].find(code);
      if (it == names[l].end()) continue;
      const std::string foreign = WithoutForeignAdminWord(it->second);
      if (pairs != nullptr) pairs->push_back({languages[l], en, foreign, "cldr-subdivisions"});
      const std::string folded = FoldName(foreign);
      if (folded == FoldName(en) || folded == FoldName(e.name)) continue;
      if (languages_with[folded]++ == 0) forms.push_back(foreign);
    }
    for (const std::string& form : forms) {
      const std::string folded = FoldName(form);
      if (!OwnSpelling(folded, languages_with[folded], FoldName(e.name), FoldName(en))) continue;
      if (std::find(e.exonyms.begin(), e.exonyms.end(), form) != e.exonyms.end()) continue;
      e.exonyms.push_back(form);
      ++added;
    }
  }
  return added;
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
