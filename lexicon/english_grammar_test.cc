#include "lexicon/english_grammar.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <string>
#include <vector>

#include "stages/garbled/garbled_stage.h"

namespace mtclean {
namespace {

TEST_CASE("english grammar: Brown tags reduce to their base") {
  CHECK(BrownBaseTag("nn-tl") == "nn");
  CHECK(BrownBaseTag("fw-nn-tl") == "nn");
  CHECK(BrownBaseTag("md*") == "md");
  CHECK(BrownBaseTag("ppss+md") == "ppss");
  CHECK(BrownBaseTag("np$") == "np$");
  CHECK(BrownBaseTag("*") == "*");  // "not"
  CHECK(BrownBaseTag(".-hl") == ".");
  CHECK(IsBrownDevText("cd10", 10));
  CHECK_FALSE(IsBrownDevText("cd11", 10));
  CHECK_FALSE(IsBrownDevText("cd10", 0));
}

// The model the build counted from the Brown corpus (scripts/setup.sh fetches it).
const EnglishGrammar* Model() {
  static std::unique_ptr<EnglishGrammar> model = [] {
    auto g = EnglishGrammar::Load(DefaultGrammarPath());
    return g.ok() ? std::move(*g) : nullptr;
  }();
  if (model == nullptr) WARN("no English grammar model in the build (run scripts/setup.sh, then build): skipped");
  return model.get();
}

std::vector<std::string> Tags(const EnglishGrammar& g, std::vector<std::string_view> tokens) {
  EnglishGrammar::Tagging t;
  g.TagSentence(tokens, &t);
  std::vector<std::string> out;
  for (auto tag : t.tags) out.emplace_back(g.TagName(tag));
  return out;
}

TEST_CASE("english grammar: the tagger reads sentences it never saw") {
  const EnglishGrammar* g = Model();
  if (g == nullptr) return;
  CHECK(Tags(*g, {"I", "need", "to", "go", "home", "."}) ==
        std::vector<std::string>{"ppss", "vb", "to", "vb", "nr", "."});
  // "to" before a noun phrase is a preposition; "will" after a noun a modal.
  CHECK(Tags(*g, {"The", "ministers", "will", "travel", "to", "the", "capital", "."}) ==
        std::vector<std::string>{"at", "nns", "md", "vb", "in", "at", "nn", "."});
  // Unknown words: a capital inside a sentence is a name, an ending tells the rest.
  CHECK(Tags(*g, {"Officials", "met", "Zabrowski", "in", "Kandahar", "yesterday", "."})[2] == "np");
  CHECK(Tags(*g, {"They", "were", "outflanking", "the", "rebels", "."})[2] == "vbg");
  // Acronyms are names, not the word their letters spell ("US" is no pronoun).
  CHECK(Tags(*g, {"The", "US", "president", "spoke", "."})[1] == "np");
}

TEST_CASE("english grammar: word statistics") {
  const EnglishGrammar* g = Model();
  if (g == nullptr) return;
  CHECK(g->WordCount("the") > 40000);
  CHECK(g->WordCount("qwzxv") == 0);
  // "taking" is written lower case inside sentences: a capital there is no habit of English.
  const auto [lower, capital] = g->CapitalCounts("taking");
  CHECK(lower > 50);
  CHECK(capital * 50 <= lower + capital);
  // "that that" is English, "the the" is not.
  CHECK(g->PairCount("that", "that") > 0);
  CHECK(g->PairCount("the", "the") == 0);
  CHECK(g->PairCount("of", "the") > 1000);
  CHECK(g->TagProbability(g->Tag("nn")) > 0.1);
  CHECK(g->Tag("no-such-tag") == EnglishGrammar::kNoTag);
}

TEST_CASE("english grammar: a missing or broken model is a clear error") {
  auto missing = EnglishGrammar::Load("/no/such/en.grammar");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("/no/such/en.grammar") != std::string::npos);
  const std::string path = std::filesystem::temp_directory_path() / ("mtclean-grammar-" + std::to_string(getpid()));
  {
    std::ofstream out(path);
    out << "t\tnn\t10\nw\tcat\tnn\n";
  }
  auto broken = EnglishGrammar::Load(path);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().message().find(path + ":2: malformed") != std::string::npos);
  // An image cut short (a build that stopped half-way) is refused, not read past its end.
  {
    std::ofstream out(path, std::ios::binary);
    out << "MTGRAM01" << std::string(200, '\1');
  }
  broken = EnglishGrammar::Load(path);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().message().find("not an English grammar model of this version") !=
        std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("english grammar: the text form compiles to the image the build maps") {
  // A tiny model in the text form: the image written from it, mapped, answers the same.
  const std::string dir =
      std::filesystem::temp_directory_path() / ("mtclean-grammar-img-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir + "/g.txt");
    out << "l\t0.1\t0.3\t0.6\nt\t<s>\t2\nt\tat\t2\nt\tnn\t3\nt\tvbd\t2\nt\t.\t2\n"
           "b\t<s>\tat\t2\nb\tat\tnn\t2\nb\tnn\tvbd\t2\ng\t<s>\tat\tnn\t2\n"
           "w\tthe\tat\t2\nw\tcat\tnn\t2\nw\tran\tvbd\t2\nw\tdog\tnn\t1\nx\tog\tnn\t12\n"
           "k\tcat\t2\t0\nn\tthe\tat\tnn\t2\np\tthe\tcat\t2\ne\tran\tvbd\t2\n";
  }
  auto text = EnglishGrammar::Load(dir + "/g.txt");
  REQUIRE(text.ok());
  REQUIRE((*text)->WriteImage(dir + "/g.img").ok());
  auto image = EnglishGrammar::Load(dir + "/g.img");
  REQUIRE(image.ok());
  for (const auto* g : {text->get(), image->get()}) {
    CHECK(g->WordCount("cat") == 2);
    CHECK(g->WordCount("bird") == 0);
    CHECK(g->WordTagCount("ran", g->Tag("vbd")) == 2);
    CHECK(g->CapitalCounts("cat") == std::pair<uint64_t, uint64_t>{2, 0});
    CHECK(g->PairCount("the", "cat") == 2);
    CHECK(g->BeforeEndCount("ran", g->Tag("vbd")) == 2);
    const auto* the = g->Find("the");
    REQUIRE(the != nullptr);
    CHECK(EnglishGrammar::NextTagAfter(*the, g->Tag("at"), g->Tag("nn")).count == 2);
    CHECK(Tags(*g, {"The", "cat", "ran", "."}) == std::vector<std::string>{"at", "nn", "vbd", "."});
    CHECK(Tags(*g, {"The", "hog", "ran", "."})[1] == "nn");  // unknown: by its ending
  }
  std::ifstream a(dir + "/g.img", std::ios::binary);
  char magic[8];
  a.read(magic, 8);
  CHECK(std::string(magic, 8) == "MTGRAM01");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mtclean
