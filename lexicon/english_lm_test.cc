#include "lexicon/english_lm.h"

#include <err.h>
#include <logmath.h>
#include <ngram_model.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <string>
#include <vector>

namespace mtclean {
namespace {

// The image scores every word as the Sphinx library scores it from Debian's file: the
// words of a real text (Debian's copy of the GPL) and the same words in another order, so
// that trigrams, bigrams, back-offs and unknown words all occur.
TEST_CASE("EnglishLanguageModel: the image scores as the Sphinx library does") {
  std::ifstream in("/usr/share/common-licenses/GPL-3");
  if (!in || access(MTCLEAN_SPHINX_LM, R_OK) != 0) return;
  auto lm = EnglishLanguageModel::Load(DefaultEnglishLanguageModelPath());
  REQUIRE(lm.ok());
  err_set_logfp(nullptr);
  logmath_t* logmath = logmath_init(1.0001, 0, 0);
  ngram_model_t* sphinx = ngram_model_read(nullptr, MTCLEAN_SPHINX_LM, NGRAM_AUTO, logmath);
  REQUIRE(sphinx != nullptr);

  std::vector<std::string> words;
  std::string word;
  for (char c; in.get(c);) {
    if (std::isalpha(static_cast<unsigned char>(c)) || (c == '\'' && !word.empty())) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  REQUIRE(words.size() > 5000);
  std::vector<std::string> shuffled = words;
  std::reverse(shuffled.begin(), shuffled.end());
  words.insert(words.end(), shuffled.begin(), shuffled.end());
  words.push_back("xyzzyplugh");  // no word of the model

  size_t compared = 0, trigrams = 0, backed_off = 0, unknown = 0, differ = 0;
  for (size_t from = 0; from + 12 <= words.size(); from += 12) {
    std::vector<std::string_view> sentence(words.begin() + static_cast<long>(from),
                                           words.begin() + static_cast<long>(from) + 12);
    std::vector<EnglishLanguageModel::WordScore> scores;
    (*lm)->Score(sentence, &scores);
    int32_t history[2] = {ngram_wid(sphinx, "<s>"), ngram_wid(sphinx, "<s>")};
    int32_t known = 1;
    for (size_t i = 0; i < sentence.size(); ++i) {
      const std::string w(sentence[i]);
      const int32_t id = ngram_wid(sphinx, w.c_str());
      int32_t used = 0;
      const int32_t p = ngram_ng_prob(sphinx, id, history, known, &used);
      const float expected = std::max(-12.0f, static_cast<float>(p * std::log10(1.0001)));
      ++compared;
      trigrams += used == 3 ? 1 : 0;
      backed_off += used == 1 ? 1 : 0;
      unknown += scores[i].unknown ? 1 : 0;
      if (scores[i].log10_prob != expected || scores[i].ngram != used) {
        if (++differ <= 5)
          WARN(w << ": " << scores[i].log10_prob << " (" << scores[i].ngram << ") vs " << expected
                 << " (" << used << ")");
      }
      history[1] = history[0];
      history[0] = id;
      known = std::min(known + 1, 2);
    }
  }
  // The words alone.
  for (size_t i = 0; i < 2000; ++i) {
    const std::vector<std::string_view> one = {words[i]};
    std::vector<EnglishLanguageModel::WordScore> scores;
    (*lm)->Score(one, &scores);
    int32_t used = 0;
    const int32_t u = ngram_ng_prob(sphinx, ngram_wid(sphinx, words[i].c_str()), nullptr, 0, &used);
    if (scores[0].log10_unigram != std::max(-12.0f, static_cast<float>(u * std::log10(1.0001))))
      ++differ;
  }
  ngram_model_free(sphinx);
  logmath_free(logmath);
  CHECK(compared > 10000);
  CHECK(trigrams > 1000);
  CHECK(backed_off > 100);
  CHECK(unknown > 0);
  CHECK(differ == 0);
}

}  // namespace
}  // namespace mtclean
