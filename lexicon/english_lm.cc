#include "lexicon/english_lm.h"

#include <err.h>
#include <logmath.h>
#include <ngram_model.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "pipeline/data_files.h"

namespace mtclean {
namespace {
// The Sphinx library logs to stderr and keeps its log settings process-wide.
std::mutex& LibraryMutex() {
  static std::mutex m;
  return m;
}
// Scores come in the log base of the logmath object (1.0001): to log10.
constexpr double kBase = 1.0001;
const double kToLog10 = std::log10(kBase);
// The library's "zero" is a huge negative number; no real probability is below this.
constexpr float kFloor = -12.0f;
}  // namespace

StatusOr<std::unique_ptr<EnglishLanguageModel>> EnglishLanguageModel::Load(const std::string& path) {
  std::unique_ptr<EnglishLanguageModel> lm(new EnglishLanguageModel());
  std::lock_guard<std::mutex> lock(LibraryMutex());
  err_set_logfp(nullptr);  // its progress lines are no user's business
  lm->logmath_ = logmath_init(kBase, 0, 0);
  if (lm->logmath_ == nullptr) return Status::Error("cannot set up the Sphinx log tables");
  lm->model_ = ngram_model_read(nullptr, path.c_str(), NGRAM_AUTO, lm->logmath_);
  if (lm->model_ == nullptr)
    return Status::Error("cannot read the English language model " + path +
                         " (Debian pocketsphinx-en-us: run scripts/setup.sh)");
  lm->start_ = ngram_wid(lm->model_, "<s>");
  lm->unknown_ = ngram_unknown_wid(lm->model_);
  return lm;
}

EnglishLanguageModel::~EnglishLanguageModel() {
  std::lock_guard<std::mutex> lock(LibraryMutex());
  if (model_ != nullptr) ngram_model_free(model_);
  if (logmath_ != nullptr) logmath_free(logmath_);
}

void EnglishLanguageModel::Score(std::span<const std::string_view> words, std::vector<WordScore>* out) const {
  out->assign(words.size(), WordScore{});
  std::lock_guard<std::mutex> lock(mutex_);
  int32_t history[2] = {start_, start_};  // the word before, the one before that
  int32_t known_history = 1;
  ids_.clear();
  for (size_t i = 0; i < words.size(); ++i) {
    word_.assign(words[i]);
    const int32_t id = ngram_wid(model_, word_.c_str());
    WordScore& w = (*out)[i];
    w.unknown = id == unknown_ || id < 0;
    int32_t used = 0;
    const int32_t p = ngram_ng_prob(model_, id, history, known_history, &used);
    w.ngram = used;
    w.log10_prob = std::max(kFloor, static_cast<float>(p * kToLog10));
    history[1] = history[0];
    history[0] = id;
    known_history = std::min<int32_t>(known_history + 1, 2);
    ids_.push_back(id);
  }
  // The words alone after the sentence: the library remembers the last history it looked up
  // and reads the next look-up from there, so histories must not alternate with none.
  for (size_t i = 0; i < words.size(); ++i) {
    int32_t used = 0;
    const int32_t u = ngram_ng_prob(model_, ids_[i], nullptr, 0, &used);
    (*out)[i].log10_unigram = std::max(kFloor, static_cast<float>(u * kToLog10));
  }
}

std::string DefaultEnglishLanguageModelPath() { return PathFromEnv("MTCLEAN_ENGLISH_LM", MTCLEAN_DEFAULT_ENGLISH_LM); }

}  // namespace mtclean
