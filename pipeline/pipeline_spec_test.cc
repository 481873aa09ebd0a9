#include <catch2/catch.hpp>

#include "mtclean/pipeline.h"

namespace mtclean {
namespace {

TEST_CASE("pipeline spec: the default preset parses") {
  auto spec = LoadPipelineSpec("default");
  REQUIRE(spec.ok());
  REQUIRE(spec->stages.size() >= 2);
  CHECK(spec->stages[0].name == "unicode");
  CHECK(spec->stages[0].options.GetString("fold_quotes") == "false");  // defaults filled in
}

TEST_CASE("pipeline spec: mistakes name the file, the line and what was expected") {
  auto unknown = ParsePipelineSpec("# comment\nunicode\nfoo\n", "my.pipeline");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().rfind("my.pipeline:3: unknown stage 'foo'", 0) == 0);
  CHECK(unknown.status().message().find("unicode, boilerplate, punctuation") != std::string::npos);

  auto bad_option = ParsePipelineSpec("unicode colour=red", "p");
  REQUIRE_FALSE(bad_option.ok());
  CHECK(bad_option.status().message() ==
        "p:1: stage 'unicode' has no option 'colour' (expected one of: fold_quotes, "
        "collapse_spaces, max_blank_lines)");

  auto bad_value = ParsePipelineSpec("\nunicode fold_quotes=maybe", "p");
  REQUIRE_FALSE(bad_value.ok());
  CHECK(bad_value.status().message() ==
        "p:2: option 'fold_quotes' of stage 'unicode' expects true or false, got 'maybe'");

  auto not_kv = ParsePipelineSpec("unicode fold_quotes", "p");
  REQUIRE_FALSE(not_kv.ok());
  CHECK(not_kv.status().message().find("expected key=value") != std::string::npos);

  CHECK_FALSE(ParsePipelineSpec("# nothing\n", "p").ok());
  CHECK_FALSE(LoadPipelineSpec("no-such-preset").ok());
  CHECK_FALSE(LoadPipelineSpec("/no/such/file.pipeline").ok());
}

TEST_CASE("pipeline: a missing dictionary is a clear error") {
  auto spec = ParsePipelineSpec("punctuation abbreviations=none.txt", "p");
  REQUIRE(spec.ok());
  auto pipeline = Pipeline::Create(*spec, StageEnvironment{"/nonexistent"});
  REQUIRE_FALSE(pipeline.ok());
  CHECK(pipeline.status().message().find("p:1: stage 'punctuation': cannot read data file "
                                         "/nonexistent/none.txt") == 0);
}

}  // namespace
}  // namespace mtclean
