#include "stages/boilerplate/line_counts.h"

#include <catch2/catch.hpp>

namespace mtclean::boilerplate {
namespace {

TEST_CASE("line counts: documents per line, merge and save") {
  LineCounts a, b;
  uint64_t chrome = LineCounts::Hash("get the app"), article = LineCounts::Hash("the taliban said");
  for (int i = 0; i < 3; ++i) {
    std::vector<uint64_t> doc = {chrome, chrome, LineCounts::Hash("line " + std::to_string(i))};
    a.AddDocument(doc);  // a line twice in one document counts once
  }
  std::vector<uint64_t> doc = {chrome, article};
  b.AddDocument(doc);
  CHECK(a.Documents(chrome) == 3);
  CHECK(a.Documents(article) == 0);
  a.Merge(b);
  CHECK(a.Documents(chrome) == 4);
  CHECK(a.Documents(article) == 1);
  CHECK(a.documents() == 4);
  LineCounts fresh;  // merged into before counting anything: a copy
  fresh.Merge(a);
  CHECK(fresh.Documents(chrome) == 4);
  CHECK(fresh.documents() == 4);
  std::string bytes;
  a.Serialize(&bytes);
  LineCounts c;
  REQUIRE(c.Deserialize(bytes).ok());
  CHECK(c.Documents(chrome) == 4);
  CHECK(c.documents() == 4);
  CHECK_FALSE(c.Deserialize("short").ok());
}

TEST_CASE("line counts: a count stops at the most the stage asks for") {
  // 8-bit counters: a line in 300 pages counts 255 ("in 5 pages or more" is all the stage asks).
  LineCounts a, b;
  const uint64_t chrome = LineCounts::Hash("share this article");
  for (int i = 0; i < 300; ++i) {
    std::vector<uint64_t> doc = {chrome};
    (i % 2 ? a : b).AddDocument(doc);
  }
  CHECK(a.Documents(chrome) == 150);
  a.Merge(b);
  CHECK(a.Documents(chrome) == LineCounts::kMaxCount);
  CHECK(a.documents() == 300);
  std::string bytes;
  a.Serialize(&bytes);
  CHECK(bytes.size() == sizeof(uint64_t) + LineCounts::kRows * LineCounts::kWidth);  // 4 MiB
}

TEST_CASE("line counts: collisions only over-estimate, and rarely") {
  LineCounts counts;
  std::vector<uint64_t> doc;
  for (int i = 0; i < 200000; ++i) doc.push_back(LineCounts::Hash("line " + std::to_string(i)));
  counts.AddDocument(doc);
  int wrong = 0;
  for (int i = 0; i < 200000; ++i) wrong += counts.Documents(LineCounts::Hash("line " + std::to_string(i))) != 1;
  CHECK(wrong < 1000);  // a line sharing all four counters with another: (0.2)^4 of them
  int false_hits = 0;
  for (int i = 0; i < 100000; ++i) false_hits += counts.Documents(LineCounts::Hash("other " + std::to_string(i))) > 0;
  CHECK(false_hits < 500);  // 200k lines in 4 x 1M counters: about 0.2%
}

}  // namespace
}  // namespace mtclean::boilerplate
