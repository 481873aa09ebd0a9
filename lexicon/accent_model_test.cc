#include "lexicon/accent_model.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace mtclean {
namespace {

TEST_CASE("PlainWord and LowerWord") {
  CHECK(LowerWord("État") == "état");
  CHECK(PlainWord("État") == "etat");
  CHECK(PlainWord("Ñandú") == "nandu");
  CHECK(PlainWord("Straße") == "straße");  // a letter, not an accent
  CHECK(PlainWord("ASCII") == "ascii");
}

TEST_CASE("AccentModel::Ending: the last two letters of longer words") {
  CHECK(AccentModel::Ending("utilisé") == "sé");
  CHECK(AccentModel::Ending("utilise") == "se");
  CHECK(AccentModel::Ending("a") == "");
  CHECK(AccentModel::Ending("déjà") == "");
}

// A model small enough to reason about: "a" and "à" equally frequent; "à" seen before
// "paris" and after "jusqu", "a" after "il".
std::string FixtureModel() {
  auto path = (std::filesystem::temp_directory_path() / ("mtclean_fixture." + std::to_string(getpid()) + ".accents")).string();
  std::ofstream(path) << "u\ta\t1000\nu\tà\t1000\nu\tété\t500\nu\tdebian\t200\nu\tdebían\t5000\n"
                         "t\ta\t100\nt\tà\t100\n"
                         "l\til\ta\t60\nl\tjusqu\tà\t30\nr\tà\tparis\t40\nr\ta\tete\t50\n"
                         "c\tdebian\t150\n";
  return path;
}

TEST_CASE("AccentModel: the forms of a plain spelling, and the neighbours that choose") {
  auto m = AccentModel::Load(FixtureModel());
  REQUIRE(m.ok());
  CHECK((*m)->Forms("a").size() == 2);
  CHECK((*m)->Forms("nothing").empty());
  CHECK((*m)->Choose("ete", "", "").form == "été");  // one form: no context needed
  CHECK((*m)->Choose("ete", "", "").probability == 1.0);
  CHECK((*m)->Choose("a", "il", "ete").form == "a");
  CHECK((*m)->Choose("a", "jusqu", "paris").form == "à");
  CHECK((*m)->Choose("a", "jusqu", "paris").probability > 0.9);
  CHECK((*m)->Choose("unknown", "", "").form.empty());
  // A capitalised word inside a sentence is a name: "Debian", though the verb is commoner.
  CHECK((*m)->Choose("debian", "", "").form == "debían");
  CHECK((*m)->Choose("debian", "el", "es", /*capitalised=*/true).form == "debian");
}

TEST_CASE("LazyAccentModel: checked at set-up, read once on first use, by any thread") {
  CHECK_FALSE(LazyAccentModel("/no/such/model").Check().ok());
  LazyAccentModel lazy(FixtureModel());
  REQUIRE(lazy.Check().ok());
  const AccentModel* seen[2] = {nullptr, nullptr};
  std::thread a([&] { seen[0] = lazy.get(); }), b([&] { seen[1] = lazy.get(); });
  a.join();
  b.join();
  REQUIRE(seen[0] != nullptr);
  CHECK(seen[0] == seen[1]);
  CHECK(lazy->Choose("a", "jusqu", "paris").form == "à");
}

TEST_CASE("AccentModel: the binary image answers as the text it was compiled from") {
  auto text = AccentModel::Load(FixtureModel());
  REQUIRE(text.ok());
  const auto binary_path = (std::filesystem::temp_directory_path() / ("mtclean_fixture_bin." + std::to_string(getpid()) + ".accents")).string();
  REQUIRE((*text)->WriteBinary(binary_path).ok());
  auto binary = AccentModel::Load(binary_path);
  REQUIRE(binary.ok());
  for (const char* plain : {"a", "ete", "debian", "nothing"}) {
    CHECK((*binary)->Forms(plain).size() == (*text)->Forms(plain).size());
    CHECK((*binary)->PlainFrequency(plain) == (*text)->PlainFrequency(plain));
  }
  CHECK((*binary)->Forms("a")[1].count == 1000);
  bool known = false;
  CHECK((*binary)->AccentedForms("ete", &known).size() == 1);
  CHECK(known);
  CHECK((*binary)->AccentedForms("zzz", &known).empty());
  CHECK_FALSE(known);
  const auto choice = (*binary)->Choose("a", "jusqu", "paris");
  CHECK(choice.form == "à");
  CHECK(choice.probability == (*text)->Choose("a", "jusqu", "paris").probability);
  CHECK((*binary)->Choose("debian", "el", "es", true).form == "debian");
  CHECK((*binary)->AccentAttested('t', U'\u00e9', 0));       // "été" ends so
  CHECK_FALSE((*binary)->AccentAttested('w', U'\u00e9', 'k'));

  // A truncated image is refused with a message, not read out of bounds.
  std::filesystem::resize_file(binary_path, std::filesystem::file_size(binary_path) - 8);
  auto truncated = AccentModel::Load(binary_path);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.status().message().find("rebuild it") != std::string::npos);
  std::filesystem::remove(binary_path);
}

TEST_CASE("AccentModel: a malformed file names its line") {
  auto path = (std::filesystem::temp_directory_path() / ("mtclean_bad." + std::to_string(getpid()) + ".accents")).string();
  std::ofstream(path) << "u\ta\t1\nx\tbroken\n";
  auto m = AccentModel::Load(path);
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().message().find(":2: malformed") != std::string::npos);
  CHECK_FALSE(AccentModel::Load("/no/such/model").ok());
}

}  // namespace
}  // namespace mtclean
