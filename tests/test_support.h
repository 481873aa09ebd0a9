// Helpers shared by the unit tests: run one stage or a preset over a string.
#ifndef MTCLEAN_TESTS_TEST_SUPPORT_H_
#define MTCLEAN_TESTS_TEST_SUPPORT_H_

#include <filesystem>
#include <memory>
#include <string>

#include "mtclean/pipeline.h"

namespace mtclean::testing {

// A pipeline of the spec text (e.g. "unicode fold_quotes=true"), with the source tree's
// dictionaries. Fails the test when the spec is wrong.
std::unique_ptr<Pipeline> MakePipeline(const std::string& spec_text);

// Cleans `text` with a pipeline of `spec_text` and returns the clean text, after checking
// the invariants every result must meet (valid UTF-8, edits account for the diff,
// cleaning again changes nothing).
std::string Clean(const std::string& spec_text, const std::string& text,
                  const std::string& language = "");

// A file or folder removed, with all it holds, when it goes out of scope (for one per test
// process, a function's static: ctest runs the test cases as parallel processes).
struct TempPath {
  std::filesystem::path path;
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// The same checks on a result; returns "" or what failed.
std::string CheckResult(Pipeline& pipeline, const std::string& original, const CleanResult& r,
                        const std::string& language = "");

}  // namespace mtclean::testing

#endif  // MTCLEAN_TESTS_TEST_SUPPORT_H_
