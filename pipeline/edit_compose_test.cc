#include "pipeline/edit_compose.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

namespace mtclean {
namespace {

// An edit of in[in_begin, in_end) to out[out_begin, out_end) by a stage's rule.
Edit E(size_t in_begin, size_t in_end, size_t out_begin, size_t out_end, uint16_t stage, uint16_t rule,
       float confidence) {
  Edit e;
  e.in_begin = in_begin, e.in_end = in_end, e.out_begin = out_begin, e.out_end = out_end;
  e.stage = stage, e.rule = rule, e.confidence = confidence;
  return e;
}

// Random non-overlapping edits over `in`; returns the output and fills `edits`.
std::string RandomEdits(std::mt19937& rng, const std::string& in, std::vector<Edit>* edits,
                        uint16_t stage) {
  edits->clear();
  std::string out;
  size_t pos = 0;
  std::uniform_int_distribution<int> coin(0, 3), len(0, 3), letter('a', 'z');
  while (pos <= in.size()) {
    if (coin(rng) == 0) {
      size_t del = std::min<size_t>(static_cast<size_t>(len(rng)), in.size() - pos);
      std::string ins;
      for (int k = len(rng); k > 0; --k) ins.push_back(static_cast<char>(letter(rng)));
      if (del > 0 || !ins.empty()) {
        Edit e;
        e.in_begin = pos;
        e.in_end = pos + del;
        e.out_begin = out.size();
        out += ins;
        e.out_end = out.size();
        e.stage = stage;
        edits->push_back(e);
        pos += del;
      }
    }
    if (pos < in.size()) out.push_back(in[pos]);
    ++pos;
  }
  return out;
}

std::string Apply(const std::string& a, const std::vector<Edit>& edits, const std::string& c) {
  std::string out;
  size_t pos = 0;
  for (const Edit& e : edits) {
    out += a.substr(pos, e.in_begin - pos);
    out += c.substr(e.out_begin, e.out_end - e.out_begin);
    pos = e.in_end;
  }
  return out + a.substr(pos);
}

TEST_CASE("composition of random edit lists accounts for the whole diff") {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string a;
    std::uniform_int_distribution<int> size(0, 20), letter('A', 'Z');
    for (int k = size(rng); k > 0; --k) a.push_back(static_cast<char>(letter(rng)));
    std::vector<Edit> e1, e2, composed;
    std::string b = RandomEdits(rng, a, &e1, 0);
    std::string c = RandomEdits(rng, b, &e2, 1);
    ComposeEdits(e1, e2, &composed);
    INFO("a=" << a << " b=" << b << " c=" << c);
    REQUIRE(CheckEditInvariants(composed, a, c) == "");
    REQUIRE(Apply(a, composed, c) == c);
  }
}

TEST_CASE("overlapping edits merge and keep both stages") {
  // "abcdef": stage 0 replaces "cd" by "X"; stage 1 replaces "bX" by "Y".
  std::vector<Edit> e1 = {E(2, 4, 2, 3, 0, 0, 0.9f)};
  std::vector<Edit> e2 = {E(1, 3, 1, 2, 1, 5, 0.8f)};
  std::vector<Edit> out;
  ComposeEdits(e1, e2, &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].in_begin == 1);
  CHECK(out[0].in_end == 4);
  CHECK(out[0].out_begin == 1);
  CHECK(out[0].out_end == 2);
  CHECK(out[0].stage == 1);
  CHECK(out[0].rule == 5);
  CHECK(out[0].merged_stages == 1u);
  CHECK(out[0].confidence == Approx(0.8f));
}

TEST_CASE("separate edits keep their own attribution and shift") {
  // "hello world": stage 0 deletes "hello " (0..6); stage 1 replaces "world" (0..5 in B).
  std::vector<Edit> e1 = {E(0, 6, 0, 0, 0, 1, 1.0f)};
  std::vector<Edit> e2 = {E(0, 5, 0, 5, 1, 2, 1.0f)};
  std::vector<Edit> out;
  ComposeEdits(e1, e2, &out);
  // The deletion point touches the replaced span, so they merge into one edit.
  REQUIRE(out.size() == 1);
  CHECK(out[0].in_begin == 0);
  CHECK(out[0].in_end == 11);

  e1 = {E(0, 1, 0, 2, 0, 1, 1.0f)};   // "a" -> "aa" at the start
  e2 = {E(5, 6, 5, 5, 1, 2, 1.0f)};   // delete a byte further on
  ComposeEdits(e1, e2, &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].stage == 0);
  CHECK(out[1].stage == 1);
  CHECK(out[1].in_begin == 4);
  CHECK(out[1].in_end == 5);
  CHECK(out[1].out_begin == 5);
}

TEST_CASE("MapToInput maps positions back through edits") {
  // A = "abcdef" -> B = "abXYZef" (cd -> XYZ at 2..4 -> 2..5)
  std::vector<Edit> e = {E(2, 4, 2, 5, 0, 0, 1.0f)};
  CHECK(MapToInput(e, 1, false) == 1);
  CHECK(MapToInput(e, 3, false) == 2);
  CHECK(MapToInput(e, 3, true) == 4);
  CHECK(MapToInput(e, 5, false) == 4);
  CHECK(MapToInput(e, 6, false) == 5);
}

TEST_CASE("CheckEditInvariants catches a log that misses a change") {
  CHECK(CheckEditInvariants({}, "abc", "abd") != "");
  CHECK(CheckEditInvariants({E(2, 3, 2, 3, 0, 0, 1.0f)}, "abc", "abd") == "");
  CHECK(CheckEditInvariants({E(2, 3, 2, 4, 0, 0, 1.0f)}, "abc", "abd") != "");
}

}  // namespace
}  // namespace mtclean
