#include "stages/garbled/lm_signs.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "pipeline/utf8.h"

namespace mtclean::garbled {
namespace {
// Probabilities below this are all "never seen": the floor keeps one unknown word from
// outweighing the rest of the sentence.
constexpr double kFloor = -7.0;
}  // namespace

void LmWords(std::string_view sentence, std::string* buffer, std::vector<std::string_view>* out) {
  buffer->clear();
  thread_local std::vector<std::pair<size_t, size_t>> spans;  // (start, length) in `buffer`
  spans.clear();
  size_t start = 0;  // where the current word began
  auto flush = [&] {
    while (buffer->size() > start && buffer->back() == '\'') buffer->pop_back();
    if (buffer->size() > start) spans.emplace_back(start, buffer->size() - start);
    start = buffer->size();
  };
  for (size_t pos = 0; pos < sentence.size();) {
    const auto byte = static_cast<unsigned char>(sentence[pos]);
    if (byte < 0x80) {  // ASCII, the common case, without a look-up
      if ((byte >= '0' && byte <= '9') || ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z'))
        buffer->push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte | 0x20 : byte));
      else if (byte == '\'' && buffer->size() > start)
        buffer->push_back('\'');
      else
        flush();
      ++pos;
      continue;
    }
    int32_t cp = 0;
    const int n = utf8::Decode(sentence, pos, &cp);
    const size_t len = static_cast<size_t>(n > 0 ? n : -n);
    if (cp == 0x2019 && buffer->size() > start) {
      buffer->push_back('\'');
    } else if (utf8::IsLetter(cp) || utf8::IsMark(cp)) {
      buffer->append(sentence.substr(pos, len));  // a letter English rarely writes: an unknown word
    } else {
      flush();
    }
    pos += len;
  }
  flush();
  out->clear();
  for (const auto& [at, length] : spans)
    out->push_back(std::string_view(*buffer).substr(at, length));
}

LmFeatures SentenceFeatures(const EnglishLanguageModel& lm, std::string_view sentence) {
  LmFeatures f;
  thread_local std::string buffer;
  thread_local std::vector<std::string_view> words;
  thread_local std::vector<EnglishLanguageModel::WordScore> scores;
  LmWords(sentence, &buffer, &words);
  f.words = words.size();
  if (words.size() < 3) return f;
  lm.Score(words, &scores);
  std::vector<double> surprise, logprob;
  std::vector<size_t> at;  // the word of each surprise
  for (size_t i = 0; i < scores.size(); ++i) {
    const double p = std::max(kFloor, static_cast<double>(scores[i].log10_prob));
    logprob.push_back(p);
    // The first word has no context; an unknown word says nothing of its context.
    if (i > 0 && !scores[i].unknown) {
      surprise.push_back(p - std::max(kFloor, static_cast<double>(scores[i].log10_unigram)));
      at.push_back(i);
    }
  }
  if (surprise.empty()) surprise.push_back(0), at.push_back(0);
  auto& v = f.values;
  v[kMinSurprise] = *std::min_element(surprise.begin(), surprise.end());
  v[kMinSurprisePair] = surprise[0];
  size_t worst = 0;
  for (size_t i = 0; i + 1 < surprise.size(); ++i)
    if ((surprise[i] + surprise[i + 1]) / 2 < v[kMinSurprisePair])
      v[kMinSurprisePair] = (surprise[i] + surprise[i + 1]) / 2, worst = i;
  const size_t from = at[worst] > 0 ? at[worst] - 1 : 0;
  const size_t to = std::min(words.size(), at[std::min(worst + 1, at.size() - 1)] + 1);
  for (size_t k = from; k < to; ++k) (f.least_likely += k > from ? " " : "") += words[k];
  double sum = 0;
  size_t surprised = 0, very = 0;
  for (double s : surprise) {
    sum += s;
    surprised += s < -0.5 ? 1 : 0;
    very += s < -1.0 ? 1 : 0;
  }
  v[kMeanSurprise] = sum / static_cast<double>(surprise.size());
  v[kShareSurprised] = static_cast<double>(surprised) / static_cast<double>(surprise.size());
  v[kShareVerySurprised] = static_cast<double>(very) / static_cast<double>(surprise.size());
  double total = 0;
  for (double p : logprob) total += p;
  v[kMeanLogProb] = total / static_cast<double>(logprob.size());
  v[kMinWindowLogProb] = 0;
  for (size_t i = 0; i + 2 < logprob.size(); ++i)
    v[kMinWindowLogProb] = std::min(v[kMinWindowLogProb], (logprob[i] + logprob[i + 1] + logprob[i + 2]) / 3);
  return f;
}

StatusOr<LmWeights> LmWeights::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read " + path);
  LmWeights w;
  std::array<bool, kLmFeatureCount> seen{};
  std::string line;
  for (int lineno = 1; std::getline(in, line); ++lineno) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    double a = 0, b = 0, c = 0;
    fields >> name >> a;
    auto bad = [&] { return Status::Error(path + ":" + std::to_string(lineno) + ": cannot read '" + line + "'"); };
    if (fields.fail()) return bad();
    if (name == "bias") w.bias = a;
    else if (name == "threshold") w.threshold = a;
    else if (name == "length") w.length = a;
    else if (name == "calibration") {
      fields >> b;
      if (fields.fail()) return bad();
      w.calibration_slope = a, w.calibration_offset = b;
    } else {
      auto it = std::find(kLmFeatureNames.begin(), kLmFeatureNames.end(), name);
      if (it == kLmFeatureNames.end())
        return Status::Error(path + ":" + std::to_string(lineno) + ": unknown feature '" + name + "'");
      fields >> b >> c;
      if (fields.fail() || b <= 0) return bad();
      const size_t k = static_cast<size_t>(it - kLmFeatureNames.begin());
      w.mean[k] = a, w.scale[k] = b, w.weight[k] = c;
      seen[k] = true;
    }
  }
  for (size_t k = 0; k < kLmFeatureCount; ++k)
    if (!seen[k]) return Status::Error(path + ": no weight for " + std::string(kLmFeatureNames[k]));
  return w;
}

double LmWeights::Raw(const LmFeatures& f) const {
  double z = bias + length * std::log(static_cast<double>(std::max<size_t>(f.words, 1)));
  for (size_t k = 0; k < kLmFeatureCount; ++k) z += weight[k] * (f.values[k] - mean[k]) / scale[k];
  return z;
}

double LmWeights::Probability(double z) const {
  return 1.0 / (1.0 + std::exp(-(calibration_slope * z + calibration_offset)));
}

}  // namespace mtclean::garbled
