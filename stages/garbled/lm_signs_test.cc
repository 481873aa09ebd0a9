#include "stages/garbled/lm_signs.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "tests/test_support.h"

namespace mtclean::garbled {
namespace {

// The model is Debian's pocketsphinx-en-us (scripts/setup.sh installs it).
const EnglishLanguageModel* Model() {
  static const auto lm = [] {
    auto loaded = EnglishLanguageModel::Load(DefaultEnglishLanguageModelPath());
    return loaded.ok() ? std::move(*loaded) : nullptr;
  }();
  if (lm == nullptr) WARN("no English language model (run scripts/setup.sh): skipped");
  return lm.get();
}

TEST_CASE("lm signs: words as the model spells them") {
  std::string buffer;
  std::vector<std::string_view> words;
  LmWords("Don't go \xE2\x80\x94 the state-owned firm\xE2\x80\x99s 37% stake, Zabihull\xC3\xA1.",
          &buffer, &words);
  CHECK(words == std::vector<std::string_view>{"don't", "go", "the", "state", "owned", "firm's",
                                               "37", "stake", "zabihull\xC3\xA1"});
  LmWords("' quoted ' ...", &buffer, &words);
  CHECK(words == std::vector<std::string_view>{"quoted"});
  LmWords("rock 'n' roll's", &buffer, &words);  // apostrophes inside a word only
  CHECK(words == std::vector<std::string_view>{"rock", "n", "roll's"});
}

TEST_CASE("lm signs: a word out of place is a surprise the sentence as written is not") {
  const EnglishLanguageModel* lm = Model();
  if (lm == nullptr) return;
  const LmFeatures fluent = SentenceFeatures(*lm, "The minister said on Friday that the talks would continue next week.");
  const LmFeatures swapped = SentenceFeatures(*lm, "The minister said on Friday that the talks continue would next week.");
  const LmFeatures dropped = SentenceFeatures(*lm, "The minister said on Friday that the would continue next week.");
  CHECK(fluent.words == 12);
  // Two neighbours each less likely in their context than alone: the swap.
  CHECK(swapped.values[kMinSurprisePair] < fluent.values[kMinSurprisePair] - 0.5);
  CHECK(swapped.values[kMinSurprise] < fluent.values[kMinSurprise]);
  CHECK(dropped.values[kMinSurprise] < fluent.values[kMinSurprise] - 0.5);
  // The evidence a reviewer reads: the least likely neighbours, with the word before them.
  CHECK(swapped.least_likely.find("continue would") != std::string::npos);
  CHECK(swapped.values[kMeanLogProb] < fluent.values[kMeanLogProb]);
  CHECK(SentenceFeatures(*lm, "Yes, indeed.").words == 2);  // too short to judge
}

TEST_CASE("lm signs: the weights file is checked") {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("mtclean_lm_weights." + std::to_string(getpid()) + ".tsv")).string();
  auto write = [&](const std::string& text) { std::ofstream(path) << text; };
  std::string good = "# comment\n";
  for (auto name : kLmFeatureNames) good += std::string(name) + "\t0\t1\t0.5\n";
  write(good + "bias\t-1\nlength\t0.5\ncalibration\t2\t-1\nthreshold\t3\n");
  auto w = LmWeights::Load(path);
  REQUIRE(w.ok());
  CHECK(w->threshold == 3);
  LmFeatures f;
  f.words = 1;  // ln 1 = 0: z = bias + 0.5 * sum of the values
  f.values[kMinSurprise] = 2;
  CHECK(w->Raw(f) == Approx(0.0));
  CHECK(w->Probability(0.5) == Approx(0.5));
  write("bias\t-1\n");
  auto missing = LmWeights::Load(path);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("no weight for min_surprise") != std::string::npos);
  write(good + "nonsense\t1\t2\t3\n");
  auto unknown = LmWeights::Load(path);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find(path + ":" + std::to_string(kLmFeatureCount + 2) + ": unknown feature") !=
        std::string::npos);
  std::filesystem::remove(path);
  CHECK_FALSE(LmWeights::Load(path).ok());
}

TEST_CASE("lm signs: the stage flags from the trained threshold, with the calibrated confidence") {
  if (Model() == nullptr) return;
  const std::string sentence = "The minister said on Friday that the talks would continue next week.\n";
  // A clean sentence of ordinary length stays unflagged; with the threshold moved below every
  // score, the English-model sign fires on it alone, weighing its calibrated probability.
  auto flags = [&](const std::string& options) {
    auto pipeline = testing::MakePipeline("garbled " + options);
    auto worker = pipeline->NewWorker();
    return worker->Clean({"d", sentence, "", ""}).flags;
  };
  CHECK(flags("").empty());
  const auto forced = flags("lm_shift=-100 flag_above=0.01");
  REQUIRE(forced.size() == 1);
  CHECK(forced[0].confidence > 0.01f);
  CHECK(forced[0].confidence < 0.5f);  // an ordinary sentence: most such are not garbled
  CHECK(forced[0].evidence.starts_with("English model: score "));
  CHECK(forced[0].evidence.find("12 words; least likely: ") != std::string::npos);
}

}  // namespace
}  // namespace mtclean::garbled
