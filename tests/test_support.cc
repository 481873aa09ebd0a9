#include "tests/test_support.h"

#include <catch2/catch.hpp>

#include "pipeline/edit_compose.h"
#include "pipeline/utf8.h"

namespace mtclean::testing {

std::unique_ptr<Pipeline> MakePipeline(const std::string& spec_text) {
  auto spec = ParsePipelineSpec(spec_text, "test");
  INFO(spec.status().message());
  REQUIRE(spec.ok());
  auto pipeline = Pipeline::Create(*spec, StageEnvironment{MTCLEAN_SOURCE_DIR "/dictionaries"});
  INFO(pipeline.status().message());
  REQUIRE(pipeline.ok());
  return std::move(pipeline).value();
}

std::string CheckResult(Pipeline& pipeline, const std::string& original, const CleanResult& r,
                        const std::string& language) {
  if (!utf8::IsValid(r.text)) return "output is not valid UTF-8";
  if (std::string e = CheckEditInvariants(r.edits, original, r.text); !e.empty()) return e;
  for (const Edit& f : r.flags)
    if (f.in_begin > f.in_end || f.in_end > original.size()) return "flag out of bounds";
  auto worker = pipeline.NewWorker();
  Document again{"again", r.text, language, ""};
  const CleanResult& r2 = worker->Clean(again);
  if (r2.text != r.text) return "not idempotent: second run gives \"" + r2.text + "\"";
  return "";
}

std::string Clean(const std::string& spec_text, const std::string& text, const std::string& language) {
  auto pipeline = MakePipeline(spec_text);
  auto worker = pipeline->NewWorker();
  Document doc{"test", text, language, ""};
  CleanResult r = worker->Clean(doc);
  std::string problem = CheckResult(*pipeline, text, r, language);
  INFO("input: " << text);
  CHECK(problem == "");
  return r.text;
}

}  // namespace mtclean::testing
