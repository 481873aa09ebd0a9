#include "stages/punctuation/punctuation_stage.h"

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace mtclean {
namespace {

using testing::Clean;

std::string P(const std::string& s) { return Clean("punctuation", s); }

TEST_CASE("punctuation: space before punctuation") {
  CHECK(P("the district of Kunduz .") == "the district of Kunduz.");
  CHECK(P("in the province , said") == "in the province, said");
  CHECK(P("Why ? Because") == "Why? Because");
  CHECK(P("escaped from Galano Central Prison .\nNext") == "escaped from Galano Central Prison.\nNext");
  CHECK(P("“the end” .") == "“the end”.");
}

TEST_CASE("punctuation: stacked punctuation") {
  CHECK(P("Reconciliation. .") == "Reconciliation.");
  CHECK(P("heavy losses. , We are") == "heavy losses. We are");
  CHECK(P("yes, , no") == "yes, no");
  CHECK(P("Acme Ltd.. All rights") == "Acme Ltd. All rights");
  CHECK(P("first,. second") == "first. second");
  // A spaced stack is debris, not a convention of spacing before ; ! ? (two such marks):
  // the space before it goes too, in one pass (the fuzzer found the second pass changing it).
  CHECK(P("He left ; ; then came back.") == "He left; then came back.");
  CHECK(P(P("He left ; ; then came back.")) == "He left; then came back.");
}

TEST_CASE("punctuation: missing space after a sentence end") {
  CHECK(P("the ministry.Read more: X") == "the ministry. Read more: X");
  CHECK(P("delegation in Moscow.AFP") == "delegation in Moscow. AFP");
  CHECK(P("he said.”The next") == "he said.” The next");
  CHECK(P("Really?Yes") == "Really? Yes");
}

TEST_CASE("punctuation: quotation marks") {
  CHECK(P("“We will stay in Afghanistan“Shahabuddin Delawar said.") ==
        "“We will stay in Afghanistan” Shahabuddin Delawar said.");
  CHECK(P("is “tired of the Kabul authorities. ” Officials") ==
        "is “tired of the Kabul authorities.” Officials");
  CHECK(P("he said“We will") == "he said “We will");
  CHECK(P("“ We will win”, he said") == "“We will win”, he said");
  CHECK(P("the “war”was over") == "the “war” was over");
}

TEST_CASE("punctuation: what must never change") {
  const char* clean[] = {
      "The U.S. Army and the U.K. government.",
      "He arrived at 6:30 p.m. local time, and left at 7 a.m., officials said.",
      "Growth was 3.5 percent, or 1,037 soldiers, in 2.5 hours.",
      "See https://example.com/a.b?x=1, or www.un.org. Write to press@un.org.",
      "Open report.pdf and data.csv, then Node.js.",
      "Acme Inc., the firm, and Gen. Smith spoke; Washington, D.C., was calm.",
      "Wait... what? And . . . then… nothing.",
      "John F. Kennedy and J.R.R. Tolkien.",
      "The score was 3 : 2 at the end.",
      "“A quote that opens here\n“and goes on in the next paragraph.”",
      "ASP.NET and example.Com are names.",
      "Sen. Ben Sasse, R-Neb., called it a crisis; Sacramento, Calif., too.",
      "Unter dem Motto „Take C.A.R.E“, was für Curiosity steht.",
      "추억을 간직하는 게 잘못이냐”고 말하기도 했다. “이하늘 형님",
      "他说“你好”我们",
      "KBS 예능국의 아..\nLoading..\nat that point,...\nRead more",
      "[button link=”http://www.example.com/review/” type=”big” newwindow=”yes”]",
      "Follow Mixi.Media News.",
      "Visit Amazon.com today.",
      "",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK(P(text) == text);
  }
}

TEST_CASE("punctuation: French spacing is kept for French text") {
  CHECK(Clean("punctuation", "Pourquoi ? Parce que ; voilà : fini !", "fr") ==
        "Pourquoi ? Parce que ; voilà : fini !");
}

TEST_CASE("punctuation: French spacing seen in the text is kept when no language is given") {
  const std::string fr = "Vive le professeur Raoult ! Pourquoi ? Parce que ; voilà.";
  CHECK(Clean("punctuation", fr) == fr);
  // One stray space before a question mark in English text is still debris.
  CHECK(Clean("punctuation", "Why did they go ? Nobody knows. They left! It was late.") ==
        "Why did they go? Nobody knows. They left! It was late.");
}

TEST_CASE("punctuation: an unbalanced quote is flagged, not changed") {
  auto pipeline = testing::MakePipeline("punctuation");
  auto worker = pipeline->NewWorker();
  Document doc{"d", "He said “we will stay.\n\nNext paragraph.", "", ""};
  const CleanResult& r = worker->Clean(doc);
  CHECK(r.text == doc.text);
  REQUIRE(r.flags.size() == 1);
  CHECK(pipeline->RuleId(r.flags[0]) == "unbalanced-quote");
  CHECK(r.flags[0].in_begin == doc.text.find("“"));
}

TEST_CASE("LooksLikeAddressOrFile") {
  CHECK(LooksLikeAddressOrFile("https://x.org/a"));
  CHECK(LooksLikeAddressOrFile("press@un.org."));
  CHECK(LooksLikeAddressOrFile("report.pdf,"));
  CHECK(LooksLikeAddressOrFile("(www.bbc.co.uk)"));
  CHECK_FALSE(LooksLikeAddressOrFile("ministry.Read"));
  CHECK_FALSE(LooksLikeAddressOrFile("Moscow.AFP"));
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

TEST_CASE("punctuation: a chain of glued sentences is repaired in one run") {
  // Found by the fuzzer: each dot used to see the previous glued sentence as an initialism.
  CHECK(testing::Clean("punctuation", "Kabul.Taliban.Forces.Moved.On") ==
        "Kabul. Taliban. Forces. Moved. On");
  CHECK(testing::Clean("punctuation", "at 6 p.m.Local time, e.g.The") == "at 6 p.m.Local time, e.g.The");
}

}  // namespace
}  // namespace mtclean
