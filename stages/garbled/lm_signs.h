// How unlikely a sentence is as English, read off a word trigram model (lexicon/english_lm.h):
// the places where a word is much less likely after the words before it than it is alone
// (a dropped verb, two words swapped, a source-language word order), how unlikely the whole
// sentence is, and its length (machine translation breaks long sentences most). The features
// are weighed by a logistic model trained on synthetic corruptions of clean English and
// calibrated on real machine translation (bench/train_garbled_lm.py writes the weights to
// dictionaries/garbled/lm_weights.tsv).
#ifndef MTCLEAN_STAGES_GARBLED_LM_SIGNS_H_
#define MTCLEAN_STAGES_GARBLED_LM_SIGNS_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/english_lm.h"
#include "mtclean/status.h"

namespace mtclean::garbled {

// The features, in the order of kLmFeatureNames.
enum LmFeature {
  kMinSurprise,       // the lowest log10 P(w | context) - log10 P(w) of a known word
  kMinSurprisePair,   // the lowest mean of that over two neighbouring words
  kMeanSurprise,      // its mean over the sentence
  kShareSurprised,    // the share of words whose context makes them 3 times less likely
  kShareVerySurprised,  // ... 10 times less likely
  kMeanLogProb,       // mean log10 P(w | context)
  kMinWindowLogProb,  // the lowest mean log10 P over three neighbouring words
  kLmFeatureCount
};
inline constexpr std::array<std::string_view, kLmFeatureCount> kLmFeatureNames = {
    "min_surprise", "min_surprise_pair", "mean_surprise", "share_surprised", "share_very_surprised",
    "mean_logprob", "min_window_logprob"};

struct LmFeatures {
  size_t words = 0;
  std::array<double, kLmFeatureCount> values{};
  std::string least_likely;  // the two neighbouring words of kMinSurprisePair ("continue would")
};

// The sentence's words as the model spells them: lower case, split at hyphens and other
// marks, an apostrophe kept inside a word ("don't", "minister's"). Written one after another
// into `buffer`, which `out` views.
void LmWords(std::string_view sentence, std::string* buffer, std::vector<std::string_view>* out);

// Features of a sentence of at least three words (else words < 3 and no values).
LmFeatures SentenceFeatures(const EnglishLanguageModel& lm, std::string_view sentence);

// The trained and calibrated weights.
struct LmWeights {
  std::array<double, kLmFeatureCount> mean{}, scale{}, weight{};
  double bias = 0, length = 0;          // z = bias + sum weight*(x-mean)/scale + length*ln(words)
  double calibration_slope = 1, calibration_offset = 0;  // P(garbled) = 1/(1+exp(-(slope*z+offset)))
  double threshold = 0;  // z from which the sign fires (reached by 1% of clean English sentences)
  static StatusOr<LmWeights> Load(const std::string& path);
  double Raw(const LmFeatures& f) const;
  // The calibrated probability that a sentence whose raw score is z is garbled.
  double Probability(double z) const;
};

}  // namespace mtclean::garbled

#endif  // MTCLEAN_STAGES_GARBLED_LM_SIGNS_H_
