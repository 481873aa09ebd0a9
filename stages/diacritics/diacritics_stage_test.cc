#include "stages/diacritics/diacritics_stage.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "lexicon/accent_model.h"
#include "stages/names/names_stage.h"
#include "tests/test_support.h"

namespace mtclean {
namespace {

// The stage needs the build's accent models and gazetteer (scripts/setup.sh, then build).
bool DataPresent() {
  if (std::filesystem::exists(DefaultAccentsDir() + "/fr.accents") && std::filesystem::exists(DefaultGazetteerPath()))
    return true;
  WARN("no accent models or gazetteer in the build (run scripts/setup.sh, then build): skipped");
  return false;
}

std::string D(const std::string& text, const std::string& options = "") {
  return testing::Clean("diacritics " + options, text);
}

TEST_CASE("diacritics: a French text stripped of its accents gets them back") {
  if (!DataPresent()) return;
  CHECK(D("Le probleme est deja tres simple, et le systeme est stable depuis des annees.") ==
        "Le problème est déjà très simple, et le système est stable depuis des années.");
  // Context tells forms apart: "où" (where) after a noun, "ou" (or) between two choices.
  CHECK(D("Il a passe l'ete dans la ville ou il est ne, et il y reviendra l'annee prochaine.") ==
        "Il a passé l'été dans la ville où il est né, et il y reviendra l'année prochaine.");
}

TEST_CASE("diacritics: a token no word is as long as is left alone, and its letters are no words") {
  if (!DataPresent()) return;
  // A base64 image in a stripped French page: its letter runs ("ete", "ou") are not restored,
  // and the prose around it still is.
  std::string blob;
  for (int i = 0; i < 20000; ++i) blob += i % 3 == 0 ? "ete+" : i % 3 == 1 ? "ou/9" : "Deja";
  const std::string in = "Le probleme est deja tres simple, et le systeme est stable depuis des annees. " + blob +
                         " Il a passe l'ete dans la ville ou il est ne.";
  const std::string out = D(in);
  CHECK(out.find(blob) != std::string::npos);
  CHECK(out.find("Le problème est déjà très simple") != std::string::npos);
}

TEST_CASE("diacritics: Spanish, and the language given instead of detected") {
  if (!DataPresent()) return;
  CHECK(D("La informacion del gobierno esta disponible en la pagina, segun el ministerio de educacion.") ==
        "La información del gobierno está disponible en la página, según el ministerio de educación.");
  CHECK(D("La cancion", "language=es") == "La canción");
  // The counts follow the older norm ("sólo"); current orthography writes "solo".
  CHECK(D("Solo tengo una casa y solo quiero vivir en ella.", "language=es") ==
        "Sólo tengo una casa y sólo quiero vivir en ella.");
  CHECK(D("Solo tengo una casa y solo quiero vivir en ella.", "language=es current_orthography=true") ==
        "Solo tengo una casa y solo quiero vivir en ella.");
}

TEST_CASE("diacritics: stripped Spanish that CLD2 reads as another language is still Spanish") {
  if (!DataPresent()) return;
  // Without accents CLD2 reads these as Galician and Indonesian: Spanish word counts know
  // nine words in ten, so they are Spanish.
  CHECK(D("Utilidades fundamentales para el cifrado y la recompilacion") ==
        "Utilidades fundamentales para el cifrado y la recompilación");
  CHECK(D("Los paquetes fundamentales para la recompilacion") == "Los paquetes fundamentales para la recompilación");
  // Galician itself, accents kept, is not Spanish to be respelled.
  const std::string galician = "O goberno aprobou onte unha nova lei sobre a educación, que entrará en vigor o "
                               "próximo ano nas escolas de Galicia.";
  CHECK(D(galician) == galician);
}

TEST_CASE("diacritics: stripped Spanish quoting commands is Spanish, though CLD2 may call it English") {
  if (!DataPresent()) return;
  CHECK(D("* Todas las ordenes de instalacion necesitan privilegios\n* A diferencia de aptitude que usa "
          "expresiones regulares\nordenes para la gestion de paquetes usan patrones como el\n* apt-file(1) que "
          "esta en el paquete apt-file necesita ejecutar") ==
        "* Todas las órdenes de instalación necesitan privilegios\n* A diferencia de aptitude que usa "
        "expresiones regulares\nórdenes para la gestión de paquetes usan patrones como el\n* apt-file(1) que "
        "está en el paquete apt-file necesita ejecutar");
  // English stays English.
  const std::string english = "Run apt-file update before you search, then apt-file search with the pattern.";
  CHECK(D(english) == english);
}

TEST_CASE("diacritics: a stripped text cleaned twice is cleaned once") {
  if (!DataPresent()) return;
  // A word the document writes capitalised inside a sentence is a name where a sentence
  // starts with it too: restored in the first run, it must count the same in the second.
  for (const char* text : {"Le rapport de l'Etat est publie chaque annee. Etat des lieux: le ministere a ete clair.",
                           "Debian es un sistema libre. El proyecto Debian tiene una version estable."}) {
    const std::string once = D(text);
    CHECK(D(once) == once);
  }
  CHECK(D("Debian es un sistema libre. El proyecto Debian tiene una version estable.") ==
        "Debian es un sistema libre. El proyecto Debian tiene una versión estable.");
}

TEST_CASE("diacritics: a text that kept its accents only loses the words its dictionary rejects") {
  if (!DataPresent()) return;
  CHECK(D("Le problème est très simple et le systeme fonctionne déjà très bien depuis des années.") ==
        "Le problème est très simple et le système fonctionne déjà très bien depuis des années.");
  // "a" (has) and "ou" (or) are words: in an accented text they stay as written.
  const std::string kept = "Il a été élu à Paris, où il a vécu des années, ou presque, avec sa famille.";
  CHECK(D(kept) == kept);
}

TEST_CASE("diacritics: English text gets back letters dropped with their accent") {
  if (!DataPresent()) return;
  CHECK(D("The Talibn took the city on Sunday, officials in Irn and Pakistan said.") ==
        "The Taliban took the city on Sunday, officials in Iran and Pakistan said.");
  // A name the dictionaries do not list: the Spanish accent of a word ending in -n.
  CHECK(D("The Talibn advanced in the province of Badakhshn, officials said on Monday.") ==
        "The Taliban advanced in the province of Badakhshan, officials said on Monday.");
  // A place English and the gazetteer know, which the Spanish counts may lack: Spanish
  // stress puts the accent on the vowel before a final n, or on a final vowel (Canadá). Not
  // a name English alone knows: "Camern" (Camerún) is no Cameron.
  CHECK(D("The Talibn met envoys from Pakistn and Canad in Irn on Monday.") ==
        "The Taliban met envoys from Pakistan and Canada in Iran on Monday.");
  CHECK(D("The Talibn met envoys from Camern in Irn on Monday.") ==
        "The Taliban met envoys from Camern in Iran on Monday.");
  // A shortened form is repaired only when the document writes the full name twice.
  CHECK(D("The Talibn said in Irn that the Talibn and the Talib already control the north of the country.") ==
        "The Taliban said in Iran that the Taliban and the Taliban already control the north of the country.");
  // One broken word alone is no evidence of the artefact: flagged, not changed.
  auto pipeline = testing::MakePipeline("diacritics");
  auto worker = pipeline->NewWorker();
  Document lone{"d", "The Talibn took the city on Sunday, the officials said in a statement.", "", ""};
  const CleanResult& r = worker->Clean(lone);
  CHECK(r.text == lone.text);
  REQUIRE(r.flags.size() == 1);
  CHECK(pipeline->RuleId(r.flags[0]) == "uncertain");
  CHECK(D("Officials said the Talib already control the north of the country, the report said.") ==
        "Officials said the Talib already control the north of the country, the report said.");
  // Alone, a capitalised word is repaired to a common English word no name is spelled like
  // (the gazetteer knows no "Germn"), and a name stays ("Ibn" is one).
  CHECK(D("The Germn ambassador met the minister on Monday, officials said.") ==
        "The German ambassador met the minister on Monday, officials said.");
  const std::string name = "King Ibn Saud met the minister on Monday, officials said.";
  CHECK(D(name) == name);
}

TEST_CASE("diacritics: in a document that shows the artefact, rare words may be broken common ones") {
  if (!DataPresent()) return;
  // Two sure repairs vouched for by Spanish: "Pars" (a rare English word) is Paris.
  CHECK(D("The Talibn envoy flew from Irn to Pars on Monday, officials said in a statement.") ==
        "The Taliban envoy flew from Iran to Paris on Monday, officials said in a statement.");
  CHECK(D("The envoy flew from Tehran to Pars on Monday, officials said in a statement.") ==
        "The envoy flew from Tehran to Pars on Monday, officials said in a statement.");
}

TEST_CASE("diacritics: clean English stays as it is") {
  if (!DataPresent()) return;
  const char* clean[] = {
      "The employes of the San Francisco 49ers aren't happy, the PTI said in a statement on "
      "Monday.",
      "Officials in Montreal, Zurich and Quebec said the Liste of names was published by the "
      "ministry.",
      "Jin and Idal met the governor of the province on Monday, and the talks went on until late "
      "at night.",
      "The report was sent to https://example.org/educacao-saude/seminario and to info@example.org "
      "today.",
      // Abbreviations of manual pages: no source language writes "emergé" or "báts" commonly
      // (Hunspell's dictionaries of four languages together knew some such rare forms).
      "Takes a syslog log level, one of emerg, alert, crit, err, warning, notice, info or debug.",
      "bts controls the bug tracking system from the command line.",
      // Names of things a source language's word counts list: no broken English word.
      "A command to erase n characters (equivalent to writing n blanks without moving the cursor) "
      "can be given "
      "as ech with one parameter.",
      "The search keyword of the resolv.conf file can be overridden for one process by setting an "
      "environment "
      "variable.",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK(D(text) == text);
  }
}

TEST_CASE("diacritics: English that another language's counts also know stays English") {
  if (!DataPresent()) return;
  // The Czech counts (from a translated manual) know the English of its commands and
  // examples: this technical English once read as Czech, and "terminal" became "terminál".
  const std::string text =
      "The sharing type is a per-mount-point setting; some mounts may be marked as shared (with "
      "each shared mount being a member of a distinct peer group), while others are private (or "
      "slaved or unbindable).\n\n"
      "Note that a mount's sharing type decides whether mount (2) and umount (2) of mounts right "
      "under the mount's point are passed on. Thus, the sharing type does not affect the events of "
      "grandchildren and further removed mounts. What happens if the mount itself is unmounted is "
      "decided by the sharing type in effect for the parent's mount.\n\n"
      "From a second terminal window, we then use nsenter (1) to enter the mount and user "
      "namespaces of \"ns2\". In that terminal window, we then bind mount /srv/a at the location "
      "/srv/ppp .\n\n"
      "Trying to unlink, rename, or remove a file or directory that was a mount point in another "
      "namespace would fail with the error EBUSY . That behavior had technical problems of "
      "enforcement (e.g., for NFS) and allowed denial-of-service attacks against more privileged "
      "users (i.e., keeping files from being updated by bind mounting on top of them).";
  CHECK(D(text) == text);
}

// Western Sahara's official language does not write "â", but English names of places do
// (libgeonames' English catalogue: "Laâyoune-Sakia El Hamra"): no stray accent.
TEST_CASE("diacritics: accents English place names write are no stray accents") {
  if (!DataPresent()) return;
  const std::string text = "Officials in Laâyoune said on Tuesday that roads had reopened after the floods.";
  CHECK(D(text) == text);
  CHECK(D(text, "english_accented=none") != text);
}

TEST_CASE("diacritics: names take the gazetteer's spelling in English text") {
  if (!DataPresent()) return;
  // A stray accent of a translation's source language goes: no language of Afghanistan
  // writes "ú". English writes "Sao Paulo" itself: it stays where nothing else lost an accent.
  CHECK(D("The delegation flew from Sao Paulo to Kabúl on Monday, officials said in a statement.") ==
        "The delegation flew from Sao Paulo to Kabul on Monday, officials said in a statement.");
  // It takes its diacritics where the document writes it so elsewhere.
  CHECK(D("The delegation flew from Sao Paulo to Kabul on Monday. In São Paulo, officials said nothing.") ==
        "The delegation flew from São Paulo to Kabul on Monday. In São Paulo, officials said nothing.");
  // Accents a place's country writes ("Témara": French is written in Morocco) are its own
  // spelling, unless the document shows stray accents on other names.
  CHECK(D("The governor of Témara announced new measures against the spread of the disease.") ==
        "The governor of Témara announced new measures against the spread of the disease.");
  CHECK(D("The governor of Témara flew to Kabúl to discuss the spread of the disease.") ==
        "The governor of Temara flew to Kabul to discuss the spread of the disease.");
  // Any place of the name counts: Spain writes "Cádiz" (the Philippines' Cadiz is larger).
  CHECK(D("Thousands of people have left Cádiz since fighting began in the spring.") ==
        "Thousands of people have left Cádiz since fighting began in the spring.");
  // No source language writes a macron: "Kyōto" is a romanisation, no translation's accent.
  CHECK(D("The governor of Kyōto announced new measures against the spread of the disease.") ==
        "The governor of Kyōto announced new measures against the spread of the disease.");
  // Romanian's comma below and the older cedilla are one letter.
  CHECK(D("Thousands of people have left Cimișlia since fighting began in the spring.") ==
        "Thousands of people have left Cimișlia since fighting began in the spring.");
  // House styles that keep ASCII.
  CHECK(D("The delegation flew from Sao Paulo to Kabúl on Monday, officials said in a statement.",
          "ascii_names=true") == "The delegation flew from Sao Paulo to Kabul on Monday, officials said in a statement.");
}

TEST_CASE("diacritics: a missing accent model is a clear error") {
  auto spec = ParsePipelineSpec("diacritics accents_dir=/no/such/dir", "p");
  REQUIRE(spec.ok());
  auto p = Pipeline::Create(*spec, StageEnvironment{MTCLEAN_SOURCE_DIR "/dictionaries"});
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message().find("cannot read accent model /no/such/dir/fr.accents") != std::string::npos);
}

}  // namespace
}  // namespace mtclean
