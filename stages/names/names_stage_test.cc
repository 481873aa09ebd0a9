#include "stages/names/names_stage.h"

#include <catch2/catch.hpp>
#include <string>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>

#include "lexicon/gazetteer.h"
#include "tests/test_support.h"

namespace mtclean {
namespace {

// A fixture gazetteer of a few real names, so the tests do not depend on GeoNames. One per
// process: ctest runs the test cases as parallel processes.
std::string FixtureGazetteer() {
  static const testing::TempPath file{[] {
    std::vector<GazetteerEntry> entries = {
        {"Maidan Wardak Province",
         EntityType::kAdmin1,
         "AF",
         5.5f,
         {"Maidan Wardak", "Wardak"},
         "AF.27",
         0,
         {},
         "",
         {}},
        {"Badghis", EntityType::kAdmin1, "AF", 5.5f, {}, "AF.02", 0, {}, "", {}},
        // GeoNames knows no population for it: only its being the seat of Badghis finds it.
        {"Qala i Naw",
         EntityType::kCity,
         "AF",
         0,
         {"Qala Nau", "Kala Nao", "Qala-e-Nau"},
         "AF.02",
         kSeatOfDivision,
         {},
         "",
         {}},
        {"Kabul",
         EntityType::kCity,
         "AF",
         6.6f,
         {"Kaboul", "Kabol"},
         "AF.13",
         kSeatOfCountry,
         {},
         "",
         {}},
        {"Kunduz",
         EntityType::kCity,
         "AF",
         5.4f,
         {"Koundouz", "Kundus"},
         "AF.24",
         kSeatOfDivision,
         {},
         "",
         {}},
        {"Afghanistan", EntityType::kCountry, "AF", 8, {}, "AF", 0, {}, "", {}},
        {"Zabihullah Mujahid", EntityType::kPerson, "AF", 8, {}, "", 0, {}, "", {}},
        {"Raman", EntityType::kCity, "TR", 5.1f, {}, "TR.72", 0, {}, "", {}},
        {"Bashar al-Assad", EntityType::kPerson, "SY", 8, {}, "", 0, {}, "", {}},
        {"Syria", EntityType::kCountry, "SY", 8, {}, "SY", 0, {"Siria", "Syrie", "Syrien"}, "", {}},
        {"Damascus",
         EntityType::kCity,
         "SY",
         6.2f,
         {},
         "SY.13",
         kSeatOfCountry,
         {"Damasco", "Damas", "Damaskus"},
         "",
         {}},
        {"Khost",
         EntityType::kAdmin1,
         "AF",
         4.98f,
         {"Khowst", "Khost Province"},
         "AF.37",
         0,
         {},
         "",
         {}},
        {"Laghman", EntityType::kAdmin1, "AF", 5.1f, {"Laghman Province"}, "AF.35", 0, {}, "", {}},
        {"Shenzhen", EntityType::kCity, "CN", 7.1f, {}, "CN.30", 0, {"Shenzen"}, "", {}},
        {"China", EntityType::kCountry, "CN", 9, {}, "CN", 0, {}, "", {}},
        // (An exonym made up for the test, with a letter Spanish writes.)
        {"Valencia", EntityType::kCity, "ES", 6.1f, {}, "ES.60", 0, {"Valénce"}, "", {}},
        // (A French district spelled so, made up: far less prominent.)
        {"Valénce", EntityType::kAdmin2, "FR", 4.0f, {}, "FR.84", 0, {}, "", {}},
        // A division and its seat, which English names alike and GeoNames apart (made-up
        // exonyms).
        {"Surt", EntityType::kAdmin1, "LY", 5.5f, {}, "LY.60", 0, {"Syrtis"}, "Sirte", {}},
        {"Sirte", EntityType::kCity, "LY", 5.1f, {}, "LY.60", kSeatOfDivision, {"Syrtis"}, "", {}},
        // A town of Afghanistan with Shenzhen's consonants (made up), and a made-up exonym of
        // Shenzhen above.
        {"Sanzon", EntityType::kCity, "AF", 4.0f, {}, "AF.13", 0, {}, "", {}},
        // A province and its seat, which also goes by the province's name (made up).
        {"Doranak", EntityType::kAdmin1, "AF", 5.5f, {}, "AF.90", 0, {}, "", {}},
        {"Kelat", EntityType::kCity, "AF", 4.7f, {"Doranak"}, "AF.90", kSeatOfDivision, {}, "", {}},
        // A city whose alternates (as GeoNames lists them) hold another language's name with a
        // letter its country writes, which the exonym data also gives (made up).
        {"Trevona", EntityType::kCity, "IT", 5.1f, {"Trévone"}, "IT.16", 0, {"Trévone"}, "", {}},
        // Two cities of two countries that GeoNames both also calls "Tetavan", about as
        // prominent (made up).
        {"Tetavouan", EntityType::kCity, "QM", 5.5f, {"Tetavan"}, "QM.01", 0, {}, "", {}},
        {"Tetavan de las Flores",
         EntityType::kCity,
         "QS",
         5.2f,
         {"Tetavan"},
         "QS.01",
         0,
         {},
         "",
         {}},
        {"Quarmania", EntityType::kCountry, "QM", 8, {}, "QM", 0, {}, "", {}},
        // A city, and a smaller one of a country that writes "á", whose English name is the
        // first's with an accent (made up).
        {"Orvan", EntityType::kCity, "QM", 5.8f, {}, "QM.04", 0, {}, "", {}},
        {"San Pedro de Orván",
         EntityType::kCity,
         "AR",
         4.9f,
         {"Orván"},
         "AR.01",
         0,
         {},
         "Orván",
         {}},
        // A city another language calls as a city of another country is called, which is about
        // as prominent (made up).
        {"Corvenna", EntityType::kCity, "QM", 5.6f, {}, "QM.02", 0, {"Corvenza"}, "", {}},
        {"Corvenza", EntityType::kCity, "QS", 5.2f, {}, "QS.02", 0, {}, "", {}},
        // A town the data also spells in two words, and another a letter from that (made up).
        {"DuQarvel", EntityType::kCity, "QM", 4.0f, {"Du Qarvel"}, "QM.06", 0, {}, "", {}},
        {"Du Qarvil", EntityType::kCity, "QM", 3.4f, {}, "QM.06", 0, {}, "", {}},
        // A division of a country that writes the Latin script, spelled in English as there
        // (made up), and the country.
        {"Tejér", EntityType::kAdmin1, "HU", 5.6f, {"Tejer"}, "HU.91", 0, {}, "", {}},
        {"Hungary", EntityType::kCountry, "HU", 8, {}, "HU", 0, {}, "", {}},
        // A division whose English name is not its canonical one (made up): found by it, as the
        // build makes every English name a key.
        {"Velkovo Kray",
         EntityType::kAdmin1,
         "QM",
         6.0f,
         {"Velkovo Krai"},
         "QM.05",
         0,
         {},
         "Velkovo Krai",
         {}},
        // A division the data names with a word for its kind other than its country's usual
        // one (made up).
        {"Helvan", EntityType::kAdmin1, "AF", 5.5f, {"Helvan Region"}, "AF.91", 0, {}, "", {}},
        // A prominent city, and a parish of a country that writes "ī" whose name has one
        // (made up).
        {"Nivas", EntityType::kCity, "FR", 5.5f, {}, "FR.93", 0, {}, "", {}},
        {"Nīvas", EntityType::kCity, "LV", 2.0f, {}, "LV.01", 0, {}, "", {}},
        // A city whose own name English romanises otherwise (made up).
        {"Karvuh", EntityType::kCity, "QM", 5.4f, {}, "QM.03", 0, {}, "Karvouh", {}},
        // Divisions of a country whose orthography English romanises otherwise (Azerbaijani
        // writes kh as x, ch as ç), and the district's town of the same name (made up).
        {"Qaxçan", EntityType::kAdmin1, "AZ", 5.5f, {}, "AZ.77", 0, {}, "Qakhchan", {}},
        {"Qaxçan", EntityType::kCity, "AZ", 4.5f, {}, "AZ.77", 0, {}, "", {}},
        {"Lemux", EntityType::kAdmin1, "AZ", 5.5f, {}, "AZ.78", 0, {}, "Lemukh", {}},
    };
    auto p = (std::filesystem::temp_directory_path() / ("mtclean_names_fixture." + std::to_string(getpid()) + ".bin")).string();
    REQUIRE(WriteGazetteer(entries, p).ok());
    return p;
  }()};
  return file.path.string();
}

std::string N(const std::string& text) { return testing::Clean("names gazetteer=" + FixtureGazetteer(), text); }

TEST_CASE("names: stages that name the same gazetteer share one mapping of it") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  auto first = OpenStageGazetteer("");
  auto second = OpenStageGazetteer(DefaultGazetteerPath());
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->get() == second->get());
}

// German writes kh as ch (Charkiw, Chabarowsk): no hand-written rule says so, the rewrites
// the build learned from names in both languages do.
TEST_CASE("names: rewrites learned from exonym data repair names nobody wrote a rule for") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  // ("Chost" itself is German's exonym of Khost in CLDR's subdivision names: the data knows it.)
  const std::string text =
      "The Taliban attacked a police post in Chowst province in eastern Afghanistan on Monday.";
  CHECK(testing::Clean("names", text) ==
        "The Taliban attacked a police post in Khowst province in eastern Afghanistan on Monday.");
  CHECK(testing::Clean("names learned_rules=none", text) == text);
  // (An exonym's repair writes the English name CLDR gives, Khost, not GeoNames' Khowst.)
  CHECK(testing::Clean("names learned_rules=none", "Officials in Chost province said on Monday.") ==
        "Officials in Khost province said on Monday.");
}

// A single word is repaired only to a place of a country the document names: by the
// country's name, or by two different places of its own.
TEST_CASE("names: two places of one country name it") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  // (A spelling the data lists, German's "Badachschan" in CLDR, needs no such evidence.)
  CHECK(testing::Clean(
            "names",
            "The governors of Kandahar and Herat met in Farjab on Monday to discuss security.") ==
        "The governors of Kandahar and Herat met in Faryab on Monday to discuss security.");
  const std::string one_place =
      "The governor of Kandahar met officials in Farjab on Monday to discuss security.";
  CHECK(testing::Clean("names", one_place) == one_place);
  CHECK(
      testing::Clean("names", "The governor of Kandahar met officials in Badachschan on Monday.") ==
      "The governor of Kandahar met officials in Badakhshan on Monday.");
}

// A name of several words English knows each ("Cap" and "Occidental": French for Western
// Cape) is still one English does not write, when the data lists it as another language's;
// and such a name shows that the document's names went through a translation.
TEST_CASE("names: an exonym made of English words") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names",
                       "Officials in Cap-Occidental said on Monday that the roads had reopened.") ==
        "Officials in Western Cape said on Monday that the roads had reopened.");
}

// A country's capital names it as its name does: "Dushanbe" lets a single word be a place of
// Tajikistan (Spanish writes Khujand "Jujand").
TEST_CASE("names: a national capital names its country") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names", "Officials in Jujand said the road to Dushanbe reopened.") ==
        "Officials in Khujand said the road to Dushanbe reopened.");
  const std::string alone = "Officials in Jujand said the road reopened.";
  CHECK(testing::Clean("names", alone) == alone);
}

// WordNet lists the spellings English itself writes; it lists some foreign ones too, which a
// document whose other names show a translation does not keep.
TEST_CASE("names: spellings English writes stay, unless the document shows a translation") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  const std::string english = "South Viet Nam has received aid from the United States since 1954, and Luxemburg sent doctors.";
  CHECK(testing::Clean("names", english) == english);
  CHECK(testing::Clean("names english_names=none", english) != english);
  CHECK(testing::Clean("names", "The delegation travelled from Damasco to Marruecos on Monday, the ministry said.") ==
        "The delegation travelled from Damascus to Morocco on Monday, the ministry said.");
}

// A town or district under 100,000 people is repaired from another language's spelling only
// where the document names its country, by any language's name for it; a name inside a
// longer one ("Piazza di Spagna") names no country, and the English name without the letters
// English lacks is English ("Chelmno", whichever language also writes it so).
TEST_CASE("names: another language's names of a country's smaller places") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(
      testing::Clean("names", "The governor of Mequinez met officials from Marruecos on Monday.") ==
      "The governor of Meknès met officials from Morocco on Monday.");
  const std::string no_country = "The governor of Mequinez met officials on Monday.";
  CHECK(testing::Clean("names", no_country) == no_country);
  const std::string inside_a_name =
      "We met at the Piazza di Spagna in Rome. The mayor of Mequinez came too.";
  CHECK(testing::Clean("names", inside_a_name) == inside_a_name);
  CHECK(testing::Clean("names",
                       "The camp at Chelmno was opened in 1941, historians in Polonia said.") ==
        "The camp at Chelmno was opened in 1941, historians in Poland said.");
}

// The people of WordNet are in the gazetteer with their full names (build/names/
// wordnet_people.tsv): a German text writes "Jassir Arafat".
TEST_CASE("names: people of WordNet spelled by a source language's rules") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names",
                       "In a statement on Monday, Jassir Arafat said the talks would continue.") ==
        "In a statement on Monday, Yasser Arafat said the talks would continue.");
  const std::string english = "Muammar el-Qaddafi met foreign diplomats in the capital.";
  CHECK(testing::Clean("names", english) == english);
}

// Hunspell's en_US knows some foreign spellings of places as names ("Beyrouth", "Maroc"): in a
// document that writes other names as another language does they are that language's exonyms
// all the same; a word English uses in lower case ("Island", German for Iceland) never is.
TEST_CASE(
    "names: an exonym English's dictionary knows is repaired only where the document is "
    "translated") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean(
            "names",
            "The delegation travelled from Damasco to Beyrouth on Monday, the ministry said.") ==
        "The delegation travelled from Damascus to Beirut on Monday, the ministry said.");
  const std::string island =
      "The delegation travelled from Damasco to the Island of Skye on Monday.";
  CHECK(testing::Clean("names", island) ==
        "The delegation travelled from Damascus to the Island of Skye on Monday.");
  const std::string english =
      "The shop sold bags of Maroc leather and silk from Beyrouth, the owner said.";
  CHECK(testing::Clean("names", english) == english);
}

// No source language writes "š": a name with it is spelled as its own country spells it.
TEST_CASE("names: a name in letters no source language writes stays") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  const std::string text = "The mayor of Štip met the mayor of Probištip in North Macedonia on Monday.";
  CHECK(testing::Clean("names", text) == text);
}

TEST_CASE("names: names spelled by Spanish or French rules take their English form") {
  CHECK(N("The Taliban took a district in Maidan Uardak province, near Kabul in Afghanistan.") ==
        "The Taliban took a district in Maidan Wardak province, near Kabul in Afghanistan.");
  CHECK(N("The spokesman, Zabihulá Muyahid, said the talks would resume.") ==
        "The spokesman, Zabihullah Mujahid, said the talks would resume.");
  // An exonym in English text: French "Koundouz" for Kunduz, the country named.
  CHECK(N("The fighting in Koundouz went on, officials in Afghanistan said on Monday.") ==
        "The fighting in Kunduz went on, officials in Afghanistan said on Monday.");
  // Spanish has no "gh": "Lagman" is Laghman.
  CHECK(N("The governor of Lagman province in Afghanistan said the roads were closed.") ==
        "The governor of Laghman province in Afghanistan said the roads were closed.");
  // Spanish writes "sh" as "s" and no doubled consonant: "Basar al-Asad".
  CHECK(N("Syrian President Basar al-Asad met the envoy in Damascus on Monday.") ==
        "Syrian President Bashar al-Assad met the envoy in Damascus on Monday.");
}

TEST_CASE("names: another language's spelling the data knows becomes the English name") {
  // Exonyms from CLDR and iso-codes, compiled into the gazetteer with the entry.
  CHECK(N("Officials in Damasco said on Tuesday that roads had reopened.") ==
        "Officials in Damascus said on Tuesday that roads had reopened.");
  CHECK(N("The governor of Syrien announced new measures.") == "The governor of Syria announced new measures.");
  // Not a person's name, and not where the English spelling is already used.
  CHECK(N("The spokesman Damas declined to comment.") == "The spokesman Damas declined to comment.");
  CHECK(N("Officials in Damascus said so.") == "Officials in Damascus said so.");
  CHECK(N("The DAMASCO program was ended.") == "The DAMASCO program was ended.");  // an acronym
  CHECK(N("The winger Casey Damasco scored twice.") == "The winger Casey Damasco scored twice.");  // a surname
}

// Letters a country writes keep its own names as they are ("Mohammédia", below), not
// another language's spelling of them; a lower-case word of that language beside a name
// makes it part of a phrase of that language.
TEST_CASE("names: another language's spelling in letters the country writes is still an exonym") {
  // (The fixture's French district spelled so, 100 times less prominent, does not keep it.)
  CHECK(N("Thousands of people have left Valénce since the spring.") ==
        "Thousands of people have left Valencia since the spring.");
  CHECK(N("The Valénce ésportiva won.") == "The Valénce ésportiva won.");
}

// Places that share their own or their English name are one answer, not a choice to flag.
TEST_CASE("names: a division and its seat that English names alike are one answer") {
  CHECK(N("Thousands of people have left Syrtis since the spring.") ==
        "Thousands of people have left Sirte since the spring.");
  // A romanisation's marks on a name both have: the division's.
  CHECK(N("Thousands of people have left Dōrānak since the spring.") ==
        "Thousands of people have left Doranak since the spring.");
}

// A place of the document's countries with the exonym's consonants makes it doubtful only
// when it is spelled at least as close ("Djalalabad" in a text on Afghanistan): a town
// "Sanzon" of Afghanistan is no reason to doubt that "Shenzen" is Shenzhen.
TEST_CASE("names: a place spelled alike but farther does not keep an exonym") {
  CHECK(N("Officials in Kabul said the envoy flew to Shenzen on Monday.") ==
        "Officials in Kabul said the envoy flew to Shenzhen on Monday.");
}

TEST_CASE("names: correct and unknown names stay") {
  const char* clean[] = {
      "Zabihullah Mujahid said the Taliban had taken Kabul and Maidan Wardak in Afghanistan.",
      "Mohib-ul Rahman, a member of the provincial council, said the troops had left.",  // Raman is no repair
      "Officials said Parise and Buser met the governor on Monday.",                    // surnames
      "The Chargers lost to the Chiefs on Monday night, and the coach was not happy.",
      // Vowel variation is how names romanised from the Arabic script differ, not Pinyin:
      // a company named after Shanshan county is no misspelt Shenzhen.
      "Shanshan signed an agreement with the carbon institute in China.",
      // Already one of the place's names: not respelled as another of them ("Dayr al Balah").
      "Thousands of people have left Deir el-Balah since fighting began in the spring.",
      // Spanish writes Spain's names as they are: its habits ("ll" written "l") are for
      // foreign names, so "Castile" is no "Castille" spelt short.
      "Security forces were sent to Castile-La Mancha after clashes overnight, a spokesman said.",
      // A town is no exonym of its own country's division ("Sekong", capital of Xekong).
      "The governor of Sekong announced new measures against the spread of the disease.",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK(N(text) == text);
  }
  // A single word is repaired only to a name of a country the document talks about.
  CHECK(N("The fighting in Koundouz went on, officials said on Monday.") ==
        "The fighting in Koundouz went on, officials said on Monday.");
}

TEST_CASE("names: translated admin words and spelling variants") {
  CHECK(N("The militants fled Badghis State in the west of Afghanistan.") ==
        "The militants fled Badghis Province in the west of Afghanistan.");
  // A division the data names with that word ("Helvan Region", made up) keeps it.
  CHECK(N("The militants fled Helvan Region in the west of Afghanistan.") ==
        "The militants fled Helvan Region in the west of Afghanistan.");
  CHECK(N("The militants fled Helvan State in the west of Afghanistan.") ==
        "The militants fled Helvan Province in the west of Afghanistan.");
  // An agency named after the division is no division.
  CHECK(N("The Badghis Department of Health in Afghanistan said so.") ==
        "The Badghis Department of Health in Afghanistan said so.");
  auto pipeline = testing::MakePipeline("names gazetteer=" + FixtureGazetteer());
  auto worker = pipeline->NewWorker();
  Document doc{"d", "The takeover was confirmed by Rashij, a parliamentarian. Rasij said seven died.", "", ""};
  const CleanResult& r = worker->Clean(doc);
  CHECK(r.text == doc.text);  // one each: no better attested spelling, both flagged
  REQUIRE(r.flags.size() == 2);
  CHECK(pipeline->RuleId(r.flags[0]) == "inconsistent-spelling");
  // The better attested spelling wins in a document whose names went through a translation
  // ("Damasco"); in one that shows none, edited English has typos and old spellings too:
  // flagged.
  Document three{
      "d", "Dostom met the envoy from Damasco. Later Dostum spoke, and Dostum left for the north.",
      "", ""};
  CHECK(worker->Clean(three).text ==
        "Dostum met the envoy from Damascus. Later Dostum spoke, and Dostum left for the north.");
  Document english{
      "d",
      "Dostom met the envoy. Later Dostum spoke, and Dostum left for the north of the country.", "",
      ""};
  const CleanResult& e = worker->Clean(english);
  CHECK(e.text == english.text);
  REQUIRE(e.flags.size() == 1);
  CHECK(pipeline->RuleId(e.flags[0]) == "inconsistent-spelling");
}

// An acronym is no transliteration: "IRQ" is one letter from Iraq, but nothing to repair or
// flag (technical prose writes a quarter of its unknown capitalised words in capitals).
TEST_CASE("names: words in capitals are neither repaired nor flagged") {
  auto pipeline = testing::MakePipeline("names");
  auto worker = pipeline->NewWorker();
  for (const char* text : {"Each device raises an IRQ when data arrives, and the driver reads it.",
                           "The controller speaks SATA, and the disks hold LVM volumes."}) {
    INFO(text);
    const CleanResult& r = worker->Clean(Document{"d", text, "", ""});
    CHECK(r.text == text);
    CHECK(r.flags.empty());
  }
}

TEST_CASE("names: text that is not English is left alone") {
  std::string spanish = "El portavoz de los talibanes, Zabihulá Muyahid, dijo que las conversaciones continuarán "
                        "en Doha y que la provincia de Maidan Uardak está bajo su control.";
  CHECK(N(spanish) == spanish);
}

TEST_CASE("names: a missing gazetteer is a clear error") {
  auto spec = ParsePipelineSpec("names gazetteer=/no/such/gazetteer.bin", "p");
  REQUIRE(spec.ok());
  auto p = Pipeline::Create(*spec, StageEnvironment{MTCLEAN_SOURCE_DIR "/dictionaries"});
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message().find("cannot read gazetteer /no/such/gazetteer.bin") != std::string::npos);
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

TEST_CASE("names: the capital of a division is its seat, and the repair holds in the whole document") {
  // The fixture's Qala i Naw has no population: only the context finds it, by sound.
  CHECK(N("The army retook Calanau, the capital of Badghis State, on Sunday. Prisoners fled Calanau Central Prison. "
          "Afghanistan said so.") ==
        "The army retook Qala i Naw, the capital of Badghis Province, on Sunday. Prisoners fled Qala i Naw Central "
        "Prison. Afghanistan said so.");
  CHECK(N("In the capital of Afghanistan, Kaabol, the talks went on.") ==
        "In the capital of Afghanistan, Kabul, the talks went on.");
  // A name that does not sound like the seat stays: the writer may mean another town.
  CHECK(N("The army retook Lashkargah, the capital of Badghis province.") ==
        "The army retook Lashkargah, the capital of Badghis province.");
  // No capital context: a word that sounds like a small town is left alone.
  CHECK(N("The army retook Calanau on Sunday in Afghanistan.") == "The army retook Calanau on Sunday in Afghanistan.");
}

TEST_CASE("names: titles before a name and particles inside it") {
  CHECK(N("Syrian President Baschar al-Assad met the envoy in Syria.") ==
        "Syrian President Bashar al-Assad met the envoy in Syria.");
  CHECK(N("President Bashar al-Assad met the envoy in Syria.") == "President Bashar al-Assad met the envoy in Syria.");
}

TEST_CASE("names: the context asks for a place or a person") {
  // "spokesman X" wants a person: a place spelled alike is no answer, so nothing changes.
  CHECK(N("The spokesman Koundouz said on Monday that Afghanistan was calm.") ==
        "The spokesman Koundouz said on Monday that Afghanistan was calm.");
  CHECK(N("The governor of the city of Koundouz in Afghanistan resigned.") ==
        "The governor of the city of Kunduz in Afghanistan resigned.");
  // "X province" asks for a division: one less prominent than a single word needs alone is
  // enough there (GeoNames gives Khost 4.98), and nowhere else.
  CHECK(N("Fighters attacked a police post in Jost province in Afghanistan on Monday.") ==
        "Fighters attacked a police post in Khost province in Afghanistan on Monday.");
  CHECK(N("Officials said Jost had left Afghanistan on Monday.") ==
        "Officials said Jost had left Afghanistan on Monday.");
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

TEST_CASE("names: a romanisation's marks its country does not write go") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names", "Officials in Herāt said on Monday that Afghanistan was calm.") ==
        "Officials in Herat said on Monday that Afghanistan was calm.");
  // Spelled without its marks, "Qunduz" is an alternate of Kunduz: its English name.
  CHECK(testing::Clean("names", "Fighting went on in Qundūz on Monday.") ==
        "Fighting went on in Kunduz on Monday.");
  // Morocco writes French: "Mohammédia" is its own spelling. English writes "Kyōto" (CLDR),
  // and Slavic names with a caron ("Štip").
  for (const char* kept :
       {"Officials in Mohammédia said on Monday that Morocco was calm.",
        "Officials in Kyōto said on Monday.", "Officials in Štip said on Monday."})
    CHECK(testing::Clean("names", kept) == kept);
}

TEST_CASE("names: a place of the document's country is the answer over another country's") {
  // Alone, the accented spelling could be either city: flagged. In a text on the first
  // city's country, it is that city.
  const std::string alone = "The governor of Tetaván announced new measures on Monday.";
  CHECK(N(alone) == alone);
  CHECK(N("Officials in Quarmania said the governor of Tetaván announced new measures.") ==
        "Officials in Quarmania said the governor of Tetavouan announced new measures.");
  // Another country's place spelled so, accent and all, keeps it alone, not beside the first
  // city's country.
  const std::string accented = "The governor of Orván announced new measures on Monday.";
  CHECK(N(accented) == accented);
  CHECK(N("Officials in Quarmania said the governor of Orván announced new measures.") ==
        "Officials in Quarmania said the governor of Orvan announced new measures.");
  // Another language's name of a city that is also a city's own name elsewhere: kept alone,
  // the first city's English name in a text on its country.
  const std::string own = "The governor of Corvenza announced new measures on Monday.";
  CHECK(N(own) == own);
  CHECK(N("Officials in Quarmania said the governor of Corvenza announced new measures.") ==
        "Officials in Quarmania said the governor of Corvenna announced new measures.");
}

TEST_CASE("names: a surname is no place of a Latin-script country respelled by a source language") {
  // Spanish writes English "j" as "y" in names from other scripts; Hungary's names keep their
  // own "j" in every language: "Teyer" is no Tejér, though the text names Hungary.
  const std::string text = "Teyer's recording was made in Hungary last year, the label said.";
  CHECK(N(text) == text);
}

TEST_CASE("names: a span the data knows as a name is not flagged for being near another") {
  auto pipeline = testing::MakePipeline("names gazetteer=" + FixtureGazetteer());
  auto worker = pipeline->NewWorker();
  Document doc{"d", "Its purchases from Du Qarvel compared favorably with the others.", "", ""};
  const CleanResult& r = worker->Clean(doc);
  CHECK(r.text == doc.text);
  CHECK(r.flags.empty());
}

TEST_CASE("names: a repair that adds words is not made again where the text has them") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  // "Wardak" alone is Maidan Wardak; a sentence that begins with the full name (its first
  // word an English one, "maidan") keeps it, and cleaning again changes nothing (the repair
  // was made again and again, "Maidan Maidan ... Wardak", one "Maidan" a pass).
  const std::string in =
      "The Taliban took Wardak on Monday, officials in Afghanistan said. Maidan Wardak province "
      "was quiet, the officials said.";
  const std::string out = testing::Clean("names", in);
  CHECK(out ==
        "The Taliban took Maidan Wardak on Monday, officials in Afghanistan said. Maidan Wardak "
        "province was quiet, the officials said.");
  CHECK(testing::Clean("names", out) == out);
}

TEST_CASE("names: a place's English name is its own") {
  const std::string english = "Officials in Velkovo Krai said on Monday that the roads were open.";
  CHECK(N(english) == english);
}

TEST_CASE("names: a small place's own name, marks and all, is no prominent place's") {
  const std::string parish = "Officials in Nīvas said on Monday that the roads were open.";
  CHECK(N(parish) == parish);
}

TEST_CASE("names: a place's own name a translation kept takes its English name") {
  // In English text the own name stays; beside another language's name of a place (a
  // translation's), it is the English one.
  const std::string alone = "Officials in Karvuh said on Monday that the roads were open.";
  CHECK(N(alone) == alone);
  CHECK(N("Officials in Damasco said on Monday. The governor of Karvuh agreed.") ==
        "Officials in Damascus said on Monday. The governor of Karvouh agreed.");
}

TEST_CASE("names: a place's own name in its country's orthography takes its English name") {
  // The orthography shows in letters English does not write so ("ç", "x" for kh): the name,
  // and the country's other names in the document, are the English romanisation.
  CHECK(N("Officials in Qaxçan said on Monday. The governor of Lemux agreed.") ==
        "Officials in Qakhchan said on Monday. The governor of Lemukh agreed.");
  // In plain letters, alone, nothing shows it.
  const std::string plain = "The governor of Lemux announced new measures.";
  CHECK(N(plain) == plain);
  // Another country's own name beside it is no name of that orthography.
  CHECK(N("Officials in Qaxçan said on Monday. The governor of Karvuh agreed.") ==
        "Officials in Qakhchan said on Monday. The governor of Karvuh agreed.");
}

// A translation's accents on a place's name ("Irán": Spanish) show a translation as another
// language's spelling does, also where an earlier stage of the chain took them off.
TEST_CASE("names: a translation's accents on a place's name show a translation") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  // Alone, WordNet's "Bagdad" is a spelling English writes.
  const std::string alone = "Security forces were sent to Bagdad on Monday.";
  CHECK(testing::Clean("names", alone) == alone);
  const std::string marked =
      "Officials in Irán said on Monday. Security forces were sent to Bagdad.";
  const std::string english =
      "Officials in Iran said on Monday. Security forces were sent to Baghdad.";
  CHECK(testing::Clean("names", marked) == english);
  CHECK(testing::Clean("diacritics\nnames", marked) == english);
  // Accents its country writes are no translation's ("Bogotá").
  const std::string own =
      "Officials in Bogotá said on Monday. Security forces were sent to Bagdad.";
  CHECK(testing::Clean("names", own) == own);
}

// Another language's name of two places of different countries ("asch-Scharqiyya": German
// for Egypt's Sharqia and for Saudi Arabia's Eastern Province) is flagged alone, and is the
// place of the country the document talks about beside it.
TEST_CASE("names: an exonym of places of two countries is the one of the document's country") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  const std::string alone = "Officials in asch-Scharqiyya said on Monday that the roads were open.";
  CHECK(testing::Clean("names", alone) == alone);
  CHECK(testing::Clean("names",
                       "Officials in asch-Scharqiyya said on Monday that the roads in Ägypten "
                       "were open.") ==
        "Officials in Al Sharqia said on Monday that the roads in Egypt were open.");
}

// Another language writes some names with lower-case words ("Pays basque"): the data's
// exonym takes them in, unless the capitalised word names a place alone ("Porto said": the
// city and a verb, though Italian writes Port Said "Porto Said").
TEST_CASE("names: an exonym with lower-case words but no name swallowing the next verb") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names", "Security forces were sent to Pays basque after clashes.") ==
        "Security forces were sent to Basque Country after clashes.");
  const std::string porto = "Officials in Porto said on Monday that the roads were open.";
  CHECK(testing::Clean("names", porto) == porto);
}

// News names a person in full once, then by the surname: a full name respelled respells the
// surname alone, also where a later repair of the document came first in its pass (the
// made-up names of Wadim Tschalkow and Juri Worobjew are repaired after the surname).
TEST_CASE("names: a surname alone after the full name is respelled the same way") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names",
                       "Wolodymyr Selenskyj met the envoy in Kiew on Monday. Selenskyj said the "
                       "talks were over.") ==
        "Volodymyr Zelenskyy met the envoy in Kyiv on Monday. Zelenskyy said the talks were over.");
  CHECK(
      testing::Clean("names",
                     "Wolodymyr Selenskyj met the envoy in Kiew on Monday. Selenskyj said the "
                     "talks were over.\n\n"
                     "Wadim Tschalkow met Juri Worobjew.") ==
      "Volodymyr Zelenskyy met the envoy in Kyiv on Monday. Zelenskyy said the talks were over.\n\n"
      "Vadim Chalkov met Yuri Vorobyev.");
}

// A place's own name is its canonical one: an alternate in the country's letters may be
// another language's ("Pérouse", French for Perugia, which GeoNames lists among its names).
TEST_CASE("names: another language's name among a place's alternates is no own spelling") {
  CHECK(N("The governor of Trévone announced new measures against the spread of the disease.") ==
        "The governor of Trevona announced new measures against the spread of the disease.");
  CHECK(N("The governor of Trevona announced new measures against the spread of the disease.") ==
        "The governor of Trevona announced new measures against the spread of the disease.");
}

TEST_CASE(
    "names: no exonym inside a club's or a street's name, a person's, or another language's "
    "phrase") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names", "He flew to Germania on Monday.") ==
        "He flew to Germany on Monday.");
  // A spelling several languages share, which differs from the English only as romanisations
  // do (Spanish and Portuguese "Alepo"), only where the document shows a translation otherwise.
  CHECK(testing::Clean("names", "Officials in Alepo said on Monday.") ==
        "Officials in Alepo said on Monday.");
  CHECK(testing::Clean("names",
                       "Officials in Alepo said on Monday. The envoy flew in from Damasco.") ==
        "Officials in Aleppo said on Monday. The envoy flew in from Damascus.");
  // A division weighs what its towns' people do together (the build): Pennsylvania outweighs
  // Colombia's town of Pensilvania, which Spanish writes alike.
  CHECK(testing::Clean("names", "Officials in Pensilvania said on Monday.") ==
        "Officials in Pennsylvania said on Monday.");
  for (const char* kept : {"He dined at the Germania club on Monday.",
                           "They walked along the Via di S. Alessio on Monday.",
                           "The Conseil superieure de la Louisiane met on Monday.",
                           "The city of Islandia is a string of islands."})
    CHECK(testing::Clean("names", kept) == kept);
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

// Italian writes kh as ch and sh as s (Badachsan): no hand-written file; the build learns
// it from CLDR's, iso-codes' and libgeonames' Italian names.
TEST_CASE("names: Italian and Portuguese respellings come from the learned rewrites alone") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  const std::string text =
      "Fighters attacked a post in Badachsan province in Afghanistan on Monday.";
  CHECK(testing::Clean("names", text) ==
        "Fighters attacked a post in Badakhshan province in Afghanistan on Monday.");
  CHECK(testing::Clean("names source_languages=es,fr,de", text) == text);
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

// Letters misread by OCR (dictionaries/transliteration/ocr.tsv) explain a repair as a source
// language's rules do, but never make two names of a document one.
TEST_CASE("names: letters OCR misreads") {
  if (!std::filesystem::exists(DefaultGazetteerPath())) return;
  CHECK(testing::Clean("names",
                       "Fighters attacked a post in Helrnand province in Afghanistan on Monday.") ==
        "Fighters attacked a post in Helmand province in Afghanistan on Monday.");
  CHECK(testing::Clean("names", "Officials in KabuI said on Monday that Afghanistan was calm.") ==
        "Officials in Kabul said on Monday that Afghanistan was calm.");
  // A country needs no other mention of itself: "Japn" (Spanish Japón, its accented letter
  // dropped) is Japan.
  CHECK(testing::Clean("names", "Officials in Japn said on Tuesday.") ==
        "Officials in Japan said on Tuesday.");
  // A digit is no letter misread: names fold without them ("Bío Bío" is no "Bolo Bolo").
  CHECK(testing::Clean("names", "Officials in Bío Bío said on Tuesday.") ==
        "Officials in Bío Bío said on Tuesday.");
}

// People no data lists, transcribed from Cyrillic as a German or French press writes them
// (made-up names): the document's two such names show the habit, and English transcribes them
// its way; one alone is flagged; English spellings and English surnames ending so stay.
TEST_CASE("names: names from Cyrillic as German or French transcribe them") {
  CHECK(N("Wadim Tschalkow met diplomats on Monday.\n\nA spokesman for Juri Worobjew declined to "
          "comment.") ==
        "Vadim Chalkov met diplomats on Monday.\n\nA spokesman for Yuri Vorobyev declined to "
        "comment.");
  CHECK(N("Ioulia Koudriavtseva met diplomats.\n\nThe plan was criticised by Boris Tchalkov, who "
          "called it a mistake.") ==
        "Yulia Kudriavtseva met diplomats.\n\nThe plan was criticised by Boris Chalkov, who called "
        "it a mistake.");
  // A name spelled as English would, with an ending English names lack ("-ieva"), shows the
  // French transcription the other name of the document is in.
  CHECK(N("Madina Karieva met diplomats on Monday.\n\nA spokesman for Nurbek Tolobaev declined "
          "to comment.") ==
        "Madina Karieva met diplomats on Monday.\n\nA spokesman for Nurbek Tolobayev declined "
        "to comment.");
  // Alone, a name with an ending and letters English names have neither of is one.
  CHECK(N("Zurab Gelachvili met diplomats on Monday.") ==
        "Zurab Gelashvili met diplomats on Monday.");
  // (An initial "Tsch-" and its letters are one sign: flagged.)
  const std::string initial = "The Tschilwak cadenza was played on Monday.";
  CHECK(N(initial) == initial);
  auto pipeline = testing::MakePipeline("names gazetteer=" + FixtureGazetteer());
  auto worker = pipeline->NewWorker();
  Document alone{"d", "Wadim Tschalkow met diplomats on Monday.", "", ""};
  const CleanResult& result = worker->Clean(alone);
  CHECK(result.text == alone.text);
  CHECK(result.flags.size() == 1);
  const char* stay[] = {
      "Vadim Chalkov met diplomats on Monday.\n\nA spokesman for Yuri Vorobyev declined to "
      "comment.",
      "Cady Partlow met Simms Purdew on Monday, and Brownlow Killebrew said so.",
  };
  for (const char* text : stay) {
    INFO(text);
    Document doc{"d", text, "", ""};
    const CleanResult& r = worker->Clean(doc);
    CHECK(r.text == doc.text);
    CHECK(r.flags.empty());
  }
}

}  // namespace
}  // namespace mtclean
