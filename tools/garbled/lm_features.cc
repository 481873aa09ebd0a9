// Prints the English-model features of the garbled stage (stages/garbled/lm_signs.h) for
// each line of stdin, one sentence per line, as TSV: words, then the features in order.
// bench/train_garbled_lm.py trains and calibrates their weights from these.
//   lm_features [MODEL] < sentences.txt
#include <cstdio>
#include <iostream>
#include <string>

#include "lexicon/english_lm.h"
#include "stages/garbled/lm_signs.h"

int main(int argc, char** argv) {
  using namespace mtclean;
  const std::string path = argc > 1 ? argv[1] : DefaultEnglishLanguageModelPath();
  auto lm = EnglishLanguageModel::Load(path);
  if (!lm.ok()) {
    std::fprintf(stderr, "lm_features: %s\n", lm.status().message().c_str());
    return 1;
  }
  std::cout << "words";
  for (auto name : garbled::kLmFeatureNames) std::cout << '\t' << name;
  std::cout << '\n';
  std::string line;
  while (std::getline(std::cin, line)) {
    const garbled::LmFeatures f = garbled::SentenceFeatures(**lm, line);
    std::cout << f.words;
    for (double v : f.values) std::cout << '\t' << v;
    std::cout << '\n';
  }
  return 0;
}
