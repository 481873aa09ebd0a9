#include "tools/gazetteer/exonyms.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tests/test_support.h"

namespace mtclean {
namespace {

// A CLDR tree with the subdivision names of three languages, as Debian's unicode-cldr-core lays
// it out. One per process: ctest runs the test cases as parallel processes, which must not
// rewrite the files another is reading.
std::string WriteCldr() {
  static const testing::TempPath temp{std::filesystem::temp_directory_path() /
                                      ("mtclean_cldr_test." + std::to_string(getpid()))};
  const std::filesystem::path& dir = temp.path;
  std::filesystem::create_directories(dir / "common" / "subdivisions");
  auto write = [&](const char* lang, const std::string& body) {
    std::ofstream(dir / "common" / "subdivisions" / (std::string(lang) + ".xml"))
        << "<ldml>\n\t<localeDisplayNames>\n\t\t<subdivisions>\n"
        << body << "\t\t</subdivisions>\n</ldml>\n";
  };
  write("en",
        "\t\t\t<subdivision type=\"afkho\">Khost</subdivision>\n"
        "\t\t\t<subdivision type=\"afbds\">Badakhshan</subdivision>\n"
        "\t\t\t<subdivision type=\"afhel\">Helmand</subdivision>\n"
        "\t\t\t<subdivision type=\"azxac\">Khachmaz</subdivision>\n"
        "\t\t\t<subdivision type=\"itbi\">Biella</subdivision>\n"
        "\t\t\t<subdivision type=\"cz121\">Prague 21</subdivision>\n"
        // A made-up country's divisions (QZ), for the links by a division's kind and by near names.
        "\t\t\t<subdivision type=\"qzzor\">Zorvania</subdivision>\n"
        "\t\t\t<subdivision type=\"qzkel\">Kelmark Krai</subdivision>\n"
        "\t\t\t<subdivision type=\"qztav\">Tavrenistan</subdivision>\n"
        "\t\t\t<subdivision type=\"qzsco\">Scotwick</subdivision>\n"
        "\t\t\t<subdivision type=\"qzsho\">Shotwick</subdivision>\n"
        "\t\t\t<subdivision type=\"qzsqu\">Saint Quarlin</subdivision>\n"
        // Another's (QY): a division whose English name has another's consonant skeleton.
        "\t\t\t<subdivision type=\"qybey\">Beylagon</subdivision>\n"
        "\t\t\t<subdivision type=\"qytuv\">Tulvarm</subdivision>\n"
        // Divisions GeoNames lacks (QX), one with a doubtful English name.
        "\t\t\t<subdivision type=\"qxvel\">Velmora-Tazrit</subdivision>\n"
        "\t\t\t<subdivision type=\"qxqum\">Jazirat Qumra</subdivision>\n"
        // A county and a municipality whose name has the county's skeleton (QW).
        "\t\t\t<subdivision type=\"qwvlc\">Velnius County</subdivision>\n"
        "\t\t\t<subdivision type=\"qwvlm\">Velniaus Municipality</subdivision>\n");
  write("de",
        "\t\t\t<subdivision type=\"afkho\" draft=\"contributed\">Chost</subdivision>\n"
        "\t\t\t<subdivision type=\"afbds\">Badachschan</subdivision>\n"
        "\t\t\t<subdivision type=\"afbds\" alt=\"variant\">Badachstan</subdivision>\n"
        "\t\t\t<subdivision type=\"afhel\">Helmand</subdivision>\n"
        "\t\t\t<subdivision type=\"itbi\">Provinz Biella</subdivision>\n"
        "\t\t\t<subdivision type=\"cz121\">Prag 21</subdivision>\n"
        "\t\t\t<subdivision type=\"qzzor\">Sorwanien</subdivision>\n"
        "\t\t\t<subdivision type=\"qzkel\">Region Kelmark</subdivision>\n"
        "\t\t\t<subdivision type=\"qztav\">Tawrenistan</subdivision>\n"
        "\t\t\t<subdivision type=\"qzsho\">Schotwick</subdivision>\n"
        "\t\t\t<subdivision type=\"qzsqu\">Sankt Quarlin</subdivision>\n"
        "\t\t\t<subdivision type=\"qxvel\">Welmora-Tasrit</subdivision>\n"
        "\t\t\t<subdivision type=\"qxqum\">Kumra</subdivision>\n");
  write("es",
        "\t\t\t<subdivision type=\"afkho\">Provincia de Jost</subdivision>\n"
        "\t\t\t<subdivision type=\"afbds\">Badakhshán</subdivision>\n"
        "\t\t\t<subdivision type=\"qxqum\">Provincia de Kumra</subdivision>\n");
  write("fr",
        "\t\t\t<subdivision type=\"afkho\">Khôst</subdivision>\n"
        "\t\t\t<subdivision type=\"azxac\">Khatchmaz</subdivision>\n");
  write("it", "\t\t\t<subdivision type=\"azxac\">Khachmas</subdivision>\n");
  write("pt", "\t\t\t<subdivision type=\"azxac\">Khachmas</subdivision>\n");
  return dir.string();
}

TEST_CASE("exonyms: CLDR's subdivision names give how other languages write divisions") {
  std::vector<GazetteerEntry> entries(3);
  entries[0].name = "Khowst";  // GeoNames romanises it apart from CLDR's English "Khost"
  entries[1].name = "Badakhshan Province";
  entries[2].name = "Helmand";
  for (auto& e : entries) e.type = EntityType::kAdmin1, e.country = "AF", e.prominence = 5.5f;
  std::vector<NamePair> pairs;
  const size_t added =
      AddCldrSubdivisionExonyms({"de", "es", "fr"}, WriteCldr(), "", &entries, &pairs);
  // A language's own spellings; the word for a province goes; "Khôst" is the English name
  // with an accent, and "Badakhshán" differs only in it: no exonym. An alternative name
  // (alt="variant") is left out; "Helmand" is spelled as English does.
  CHECK(entries[0].exonyms == std::vector<std::string>{"Chost", "Jost"});
  CHECK(entries[0].english == "Khost");  // what repairs write
  CHECK(entries[2].english.empty());
  CHECK(entries[1].exonyms == std::vector<std::string>{"Badachschan"});
  CHECK(entries[2].exonyms.empty());
  // (And the divisions of the fixture no entry is, each an entry of its own: below.)
  CHECK(added >= 3);
  CHECK(entries[0].exonyms.size() + entries[1].exonyms.size() == 3);
  CHECK(std::count_if(pairs.begin(), pairs.end(),
                      [](const NamePair& p) { return p.foreign == "Jost"; }) == 1);
  // No CLDR there: nothing added, no error.
  std::vector<GazetteerEntry> none(entries);
  CHECK(AddCldrSubdivisionExonyms({"de"}, "/nonexistent", "", &none, nullptr) == 0);
}

// Names fold without their digits: a numbered district would be taken for its city.
TEST_CASE("exonyms: numbered districts name no division") {
  std::vector<GazetteerEntry> entries(1);
  entries[0].name = "Prague";
  entries[0].type = EntityType::kAdmin1, entries[0].country = "CZ", entries[0].prominence = 6.1f;
  AddCldrSubdivisionExonyms({"de"}, WriteCldr(), "", &entries, nullptr);
  CHECK(entries[0].english.empty());
  CHECK(entries[0].exonyms.empty());
  CHECK(std::none_of(entries.begin(), entries.end(),
                     [](const GazetteerEntry& e) { return e.name == "Prague 21"; }));
}

TEST_CASE("exonyms: a division no entry is becomes one, unless CLDR's English is doubtful") {
  // Made-up QX divisions GeoNames lacks. "Velmora-Tazrit": every word in the other languages'
  // names, romanised. "Jazirat Qumra": "Jazirat" is no English word and in none of theirs.
  const std::unordered_set<std::string> english_words = {"island", "province"};
  std::vector<GazetteerEntry> entries;
  AddCldrSubdivisionExonyms({"de", "es"}, WriteCldr(), "", &entries, nullptr, &english_words);
  auto named = [&](const std::string& name) {
    return std::find_if(entries.begin(), entries.end(),
                        [&](const GazetteerEntry& e) { return e.name == name; });
  };
  const auto velmora = named("Velmora-Tazrit");
  REQUIRE(velmora != entries.end());
  CHECK(velmora->country == "QX");
  CHECK(velmora->type == EntityType::kAdmin2);  // ISO 3166-2 does not list it first-level
  CHECK(velmora->exonyms == std::vector<std::string>{"Welmora-Tasrit"});
  CHECK(named("Jazirat Qumra") == entries.end());
  // Without English words, nothing is doubted.
  std::vector<GazetteerEntry> all;
  AddCldrSubdivisionExonyms({"de", "es"}, WriteCldr(), "", &all, nullptr);
  CHECK(std::any_of(all.begin(), all.end(),
                    [](const GazetteerEntry& e) { return e.name == "Jazirat Qumra"; }));
}

TEST_CASE(
    "exonyms: a division found by its ISO code, and spellings English writes are no exonyms") {
  // iso-codes names AZ-XAC as GeoNames does, "Xaçmaz"; CLDR's English is "Khachmaz", which no
  // name or skeleton links to it.
  const std::filesystem::path iso =
      std::filesystem::temp_directory_path() /
      ("mtclean_iso_3166-2_test." + std::to_string(getpid()) + ".json");
  std::ofstream(iso) << R"({"3166-2": [{"code": "AZ-XAC", "name": "Xaçmaz", "type": "Rayon"}]})";
  std::vector<GazetteerEntry> entries(2);
  entries[0].name = "Xaçmaz", entries[0].type = EntityType::kAdmin1;
  entries[1].name = "Xaçmaz",
  entries[1].type = EntityType::kCity;  // the town, which French calls "Khachmaz"
  entries[1].exonyms = {"Khachmaz"};
  for (auto& e : entries) e.country = "AZ", e.prominence = 5.5f;
  AddCldrSubdivisionExonyms({"fr", "it", "pt"}, WriteCldr(), iso.string(), &entries, nullptr);
  CHECK(entries[0].english == "Khachmaz");
  // French alone writes "Khatchmaz": an exonym. Italian and Portuguese share "Khachmas",
  // which differs from the English name only as romanisations do: English may write it too,
  // a weak exonym.
  CHECK(entries[0].exonyms == std::vector<std::string>{"Khatchmaz"});
  CHECK(entries[0].weak_exonyms == std::vector<std::string>{"Khachmas"});
  // Without the code the English name links to nothing.
  std::vector<GazetteerEntry> unlinked(1, entries[0]);
  unlinked[0].english.clear(), unlinked[0].exonyms.clear();
  AddCldrSubdivisionExonyms({"fr"}, WriteCldr(), "", &unlinked, nullptr);
  CHECK(unlinked[0].english.empty());
  // The town's French "Khachmaz" is English for the division of its country: dropped.
  CHECK(DropEnglishSpellings(WriteCldr(), &entries) == 1);
  CHECK(entries[1].exonyms.empty());
  CHECK(entries[0].exonyms == std::vector<std::string>{"Khatchmaz"});
  std::filesystem::remove(iso);
}

TEST_CASE("exonyms: a division's ISO code is a surer link than a consonant skeleton") {
  // "Beylagon" is "Beyləgon" by its code, not "Balakon District", which has its skeleton;
  // nor does that skeleton make the country's codes untrusted (made-up names).
  const std::filesystem::path iso = std::filesystem::temp_directory_path() /
                                    ("mtclean_iso_3166-2_qy." + std::to_string(getpid()) + ".json");
  std::ofstream(iso) << R"({"3166-2": [{"code": "QY-BEY", "name": "Beyləgon", "type": "Rayon"}]})";
  std::vector<GazetteerEntry> entries(2);
  entries[0].name = "Balakon District", entries[1].name = "Beyləgon";
  for (auto& e : entries) e.country = "QY", e.prominence = 5.5f, e.type = EntityType::kAdmin1;
  AddCldrSubdivisionExonyms({"de"}, WriteCldr(), iso.string(), &entries, nullptr);
  CHECK(entries[0].english.empty());
  CHECK(entries[1].english == "Beylagon");
  std::filesystem::remove(iso);
}

TEST_CASE("exonyms: no skeleton links a name to a division another name spells") {
  std::vector<GazetteerEntry> entries(1);
  entries[0].name = "Velnius", entries[0].country = "QW";
  entries[0].type = EntityType::kAdmin1, entries[0].prominence = 6.0f;
  AddCldrSubdivisionExonyms({"de"}, WriteCldr(), "", &entries, nullptr);
  CHECK(entries[0].english.empty());  // "Velnius County" is its name; not the municipality's
}

TEST_CASE("exonyms: a second-level division that is one of ISO's first level is as prominent") {
  // GeoNames puts Palestine's governorates at its second level, ISO 3166-2 at its first; a
  // province with a parent in ISO stays as it is (made-up QY; Italy's Biella).
  const std::filesystem::path iso =
      std::filesystem::temp_directory_path() /
      ("mtclean_iso_3166-2_levels." + std::to_string(getpid()) + ".json");
  std::ofstream(iso) << R"({"3166-2": [{"code": "QY-TUV", "name": "Tulvarm", "type": "Governorate"},
      {"code": "IT-BI", "name": "Biella", "parent": "21", "type": "Province"}]})";
  std::vector<GazetteerEntry> entries(2);
  entries[0].name = "Tulvarm", entries[0].country = "QY";
  entries[1].name = "Biella", entries[1].country = "IT";
  for (auto& e : entries) e.prominence = 4.0f, e.type = EntityType::kAdmin2;
  AddCldrSubdivisionExonyms({"de"}, WriteCldr(), iso.string(), &entries, nullptr);
  CHECK(entries[0].prominence == 5.5f);
  CHECK(entries[1].prominence == 4.0f);
  std::filesystem::remove(iso);
}

TEST_CASE("exonyms: a consonant skeleton alone links no names that begin apart") {
  // "Biella" (a province, GeoNames' second level) and "Apulia" (a region) share a skeleton.
  std::vector<GazetteerEntry> entries(1);
  entries[0].name = "Apulia", entries[0].type = EntityType::kAdmin1, entries[0].country = "IT";
  entries[0].prominence = 6.6f;
  AddCldrSubdivisionExonyms({"de"}, WriteCldr(), "", &entries, nullptr);
  CHECK(entries[0].english.empty());
  CHECK(entries[0].exonyms.empty());
}

TEST_CASE("exonyms: divisions named with their kind, or one letter apart, are linked") {
  // GeoNames names divisions with the word for their kind ("... Republic", "Republic of ...",
  // "... Krai") and romanises some a letter apart from CLDR's English ("-iya", "-ia").
  std::vector<GazetteerEntry> entries(5);
  entries[0].name = "Zorvaniya Republic";
  entries[1].name = "Kelmark Krai";
  entries[2].name = "Republic of Tavrenistan";
  entries[3].name = "Scotwick";
  entries[4].name = "St.-Quarlin";  // saint abbreviated
  for (auto& e : entries) e.type = EntityType::kAdmin1, e.country = "QZ", e.prominence = 5.5f;
  AddCldrSubdivisionExonyms({"de"}, WriteCldr(), "", &entries, nullptr);
  CHECK(entries[0].english == "Zorvania");
  CHECK(entries[0].exonyms == std::vector<std::string>{"Sorwanien"});
  // German's "Region Kelmark" is the division's name without its kind: no exonym.
  CHECK(entries[1].english.empty());
  CHECK(entries[1].exonyms.empty());
  CHECK(entries[2].english == "Tavrenistan");
  CHECK(entries[2].exonyms == std::vector<std::string>{"Tawrenistan"});
  // "Shotwick", a letter from Scotwick, names another division (CLDR names Scotwick too),
  // one GeoNames' first level lacks: it takes nothing of Scotwick's.
  CHECK(entries[3].english.empty());
  CHECK(entries[3].exonyms.empty());
  CHECK(entries[4].english == "Saint Quarlin");
  CHECK(entries[4].exonyms == std::vector<std::string>{"Sankt Quarlin"});
}

// A GNU .mo catalogue of `entries` (msgid -> msgstr), as libgeonames ships them.
void WriteMo(const std::filesystem::path& path,
             std::vector<std::pair<std::string, std::string>> entries) {
  std::sort(entries.begin(), entries.end());  // catalogues sort their keys
  const uint32_t n = static_cast<uint32_t>(entries.size());
  std::string strings;
  std::vector<uint32_t> table;  // (length, offset) of originals, then of translations
  const uint32_t strings_at = 28 + 16 * n;
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& [id, text] : entries) {
      const std::string& s = pass == 0 ? id : text;
      table.push_back(static_cast<uint32_t>(s.size()));
      table.push_back(strings_at + static_cast<uint32_t>(strings.size()));
      strings += s;
      strings += '\0';
    }
  const uint32_t header[7] = {0x950412de, 0, n, 28, 28 + 8 * n, 0, 0};
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(header), sizeof header);
  out.write(reinterpret_cast<const char*>(table.data()),
            static_cast<std::streamsize>(table.size() * 4));
  out << strings;
}

TEST_CASE("exonyms: libgeonames' names of divisions, by code, where its English name is theirs") {
  const testing::TempPath temp{std::filesystem::temp_directory_path() /
                               ("mtclean_geonames_mo_test." + std::to_string(getpid()))};
  const std::filesystem::path& dir = temp.path;
  // QZ.01 is the division of that name; QZ.02 names another one than the list's QZ.02 (a
  // renumbering between the two sources' years).
  WriteMo(dir / "en/LC_MESSAGES/geonames.mo", {{"QZ.01", "Zorvaniya"}, {"QZ.02", "Pelham Coast"}});
  WriteMo(dir / "de/LC_MESSAGES/geonames.mo", {{"QZ.01", "Sorwanien"}, {"QZ.02", "Pelhamküste"}});
  WriteMo(dir / "fr/LC_MESSAGES/geonames.mo", {{"QZ.01", "Zourvania"}});
  std::vector<GazetteerEntry> entries(2);
  entries[0].name = "Zorvania Republic", entries[0].region = "QZ.01";
  entries[1].name = "Kelmark Krai", entries[1].region = "QZ.02";
  for (auto& e : entries) e.type = EntityType::kAdmin1, e.country = "QZ", e.prominence = 5.5f;
  const std::unordered_map<std::string, size_t> by_code = {{"QZ.01", 0}, {"QZ.02", 1}};
  AddGeoNamesExonyms({"de", "fr"}, dir.string(), by_code, &entries);
  // German's name is an exonym; French's differs from the English one only as romanisations
  // do: left out. The catalogue's English romanisation is not taken for the English name.
  CHECK(entries[0].exonyms == std::vector<std::string>{"Sorwanien"});
  CHECK(entries[0].weak_exonyms.empty());
  CHECK(entries[0].english.empty());
  CHECK(entries[1].exonyms.empty());
}

TEST_CASE("exonyms: CLDR's English name of a division anywhere is no other place's exonym") {
  // "Zentro" (made up) is CLDR's English name of a division of QY, and Portuguese for QZ's
  // Centerland.
  const std::filesystem::path cldr = std::filesystem::temp_directory_path() /
                                     ("mtclean_cldr_drop_test." + std::to_string(getpid()));
  const testing::TempPath temp{cldr};
  std::filesystem::create_directories(cldr / "common" / "subdivisions");
  std::ofstream(cldr / "common" / "subdivisions" / "en.xml")
      << "<ldml><subdivisions>\n\t<subdivision "
         "type=\"qyzen\">Zentro</subdivision>\n</subdivisions></ldml>\n";
  std::vector<GazetteerEntry> entries(1);
  entries[0].name = "Centerland", entries[0].type = EntityType::kAdmin1, entries[0].country = "QZ";
  entries[0].exonyms = {"Zentro", "Centerlandia"};
  CHECK(DropEnglishSpellings(cldr.string(), &entries) == 1);
  CHECK(entries[0].exonyms == std::vector<std::string>{"Centerlandia"});
}

}  // namespace
}  // namespace mtclean
