#include "pipeline/long_tokens.h"

#include <catch2/catch.hpp>
#include <string>

namespace mtclean {
namespace {

TEST_CASE("LongTokens: positions inside runs of non-space characters longer than any word") {
  const std::string blob(5000, 'Q');
  const std::string text = "a word " + blob + " and\nmore words " + std::string(kLongestToken, 'x') + " end";
  LongTokens long_tokens(text);
  const size_t blob_at = text.find(blob);
  for (size_t pos = 0; pos < text.size(); ++pos) {
    INFO(pos);
    const bool in_blob = pos >= blob_at && pos < blob_at + blob.size();
    // A run exactly kLongestToken long is still a word's length.
    CHECK(long_tokens.Contains(pos) == in_blob);
  }
  // Asked only at some positions, in order, the answers are the same.
  LongTokens sparse(text);
  CHECK_FALSE(sparse.Contains(0));
  CHECK(sparse.Contains(blob_at + 4000));
  CHECK_FALSE(sparse.Contains(text.find("more")));
  CHECK_FALSE(sparse.Contains(text.size() - 1));
}

}  // namespace
}  // namespace mtclean
