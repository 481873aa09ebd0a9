#include "mtclean/pipeline.h"

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace mtclean {
namespace {

TEST_CASE("pipeline: a later stage's repair that gives an earlier stage work is finished") {
  // punctuation deletes the space in "Ñ ”", which joins a mojibake sequence ("Ñ”" is "є")
  // that only the unicode stage (earlier in the chain) repairs; read with the space as a
  // lost no-break space it would be the rare "Ѡ", so the first pass leaves it. A second
  // cleaning must change nothing.
  std::string out = testing::Clean("unicode\npunctuation", "“Test Ð¿Ñ ””");
  CHECK(out == "“Test пє”");
}

TEST_CASE("pipeline: statistics count each document once per stage") {
  auto pipeline = testing::MakePipeline("unicode\npunctuation");
  auto worker = pipeline->NewWorker();
  worker->Clean({"a", "“Test Ð¿Ñ ””", "", ""});
  worker->Clean({"b", "clean text.", "", ""});
  const auto& stats = worker->stats();
  REQUIRE(stats.size() == 2);
  CHECK(stats[0].docs_in == 2);
  CHECK(stats[1].docs_in == 2);
  CHECK(stats[0].docs_changed == 1);  // the rerun repaired the mojibake
  CHECK(stats[1].docs_changed == 1);
}

TEST_CASE("pipeline: edits of the result point into the original document") {
  auto pipeline = testing::MakePipeline("unicode\npunctuation");
  auto worker = pipeline->NewWorker();
  Document doc{"d", "Kunduz\xC2\xA0. Then  JosÃ© left.", "", ""};
  const CleanResult& r = worker->Clean(doc);
  CHECK(r.text == "Kunduz. Then José left.");
  CHECK(testing::CheckResult(*pipeline, doc.text, r) == "");
  REQUIRE(r.edits.size() == 3);
  // The no-break space (unicode) and its removal (punctuation) are one edit of both stages.
  CHECK(doc.text.substr(r.edits[0].in_begin, r.edits[0].in_end - r.edits[0].in_begin) == "\xC2\xA0");
  CHECK(pipeline->stage(r.edits[0].stage).name() == "punctuation");
  CHECK(r.edits[0].merged_stages == 1u);
  CHECK(pipeline->RuleId(r.edits[2]) == "mojibake-cp1252");
}

}  // namespace
}  // namespace mtclean
