// Bounded work on any input: the default chain's cost grows in proportion to the input, whatever
// its shape (issue 18). Each shape is cleaned at two sizes, 4x apart; the CPU time of the larger
// may be at most 10x the smaller's (a quadratic stage would take 16x). CPU time of the cleaning
// call alone, after a warm-up of the same shape that loads every lazily read model, so start-up
// costs do not hide a slope; sizes large enough (256 KiB / 1 MiB) that the slope shows.
#include <catch2/catch.hpp>
#include <ctime>
#include <random>
#include <string>

#include "mtclean/pipeline.h"
#include "tests/test_support.h"

namespace mtclean {
namespace {

std::string Shape(const std::string& name, size_t n) {
  std::string out;
  out.reserve(n + 128);
  std::mt19937 rng(7);
  if (name == "one huge token") {  // a base64 image in a scraped page
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    while (out.size() < n) out.push_back(alphabet[rng() % 64]);
  } else if (name == "tiny lines") {
    while (out.size() < n) out += "a\n";
  } else if (name == "only punctuation") {
    while (out.size() < n) out += ". , ! ? ; : - \xE2\x80\x9C \xE2\x80\x9D ";
  } else if (name == "one word repeated") {
    while (out.size() < n) out += "Talibn ";
  } else if (name == "one long line of prose") {  // sentences that never end a line
    while (out.size() < n)
      out += "The minister said on Friday that the talks with the insurgents in Doha would continue next week. ";
  } else if (name ==
             "an article and thousands of titles") {  // links after it, no prose to stop a walk
    out =
        "The minister said on Friday that the talks with the insurgents in Doha would continue "
        "next week, "
        "and that the delegations had agreed on a timetable for the withdrawal of the foreign "
        "forces.\n\n";
    for (size_t k = 0; out.size() < n; ++k)
      out += "Title Of Another Page Number " + std::to_string(k) + " Here\n";
  } else if (name == "paragraphs of prose") {
    while (out.size() < n)
      out += "The governor of Kandahar said the the road to the border was open again, and traders from "
             "Pakistan crossed it on Monday for the first time in a month.\n\n";
  }
  return out;
}

double CpuSeconds(Pipeline::Worker& worker, const std::string& text) {
  const std::clock_t start = std::clock();
  worker.Clean({"d", text, "", ""});
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

TEST_CASE("linearity: the default chain's work grows with the input, whatever its shape", "[slow]") {
  auto spec = LoadPipelineSpec("default");
  REQUIRE(spec.ok());
  std::string text;
  for (const auto& s : spec->stages) text += s.name + "\n";
  auto pipeline = testing::MakePipeline(text);
  auto worker = pipeline->NewWorker();
  for (const char* shape :
       {"one huge token", "tiny lines", "only punctuation", "one word repeated",
        "one long line of prose", "an article and thousands of titles", "paragraphs of prose"}) {
    INFO(shape);
    CpuSeconds(*worker, Shape(shape, 16 << 10));  // warm-up: models read on first use
    const double small = CpuSeconds(*worker, Shape(shape, 256 << 10));
    const double large = CpuSeconds(*worker, Shape(shape, 1 << 20));
    INFO("256 KiB: " << small << " s, 1 MiB: " << large << " s");
    // 20 ms of slack: clock() ticks coarsely and tiny times are noise.
    CHECK(large <= 10 * small + 0.02);
  }
}

}  // namespace
}  // namespace mtclean
