#include "lexicon/english_lm.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "pipeline/data_files.h"

namespace mtclean {
namespace {
constexpr char kMagic[8] = {'M', 'T', 'C', 'E', 'L', 'M', '2', '\0'};
// Scores are in the log base of Sphinx's logmath object (1.0001): to log10.
constexpr double kBase = 1.0001;
const double kToLog10 = std::log10(kBase);
// No real probability is below this (the library's "zero" is a huge negative number).
constexpr float kFloor = -12.0f;
constexpr int32_t kLogZero = -2'000'000'000;
constexpr size_t kQuantValues = 65536;

uint64_t WordHash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }
size_t Align8(size_t n) { return (n + 7) & ~size_t{7}; }
}  // namespace

// The image: this header, then its sections at the offsets it gives (each 8-byte aligned).
struct EnglishLanguageModel::Header {
  char magic[8];
  uint32_t words, bigrams, trigrams, vocab_slots;
  int32_t start, unknown;
  uint64_t unigram_prob, unigram_backoff, unigram_next, bigram_records, trigram_word, trigram_prob,
      bigram_prob_values, bigram_backoff_values, trigram_prob_values, vocab_slots_at, word_offsets,
      word_chars, size;
};

Status EnglishLanguageModel::Write(const Tables& t, const std::string& path) {
  const uint32_t words = static_cast<uint32_t>(t.words.size());
  const uint32_t bigrams = static_cast<uint32_t>(t.bigram_word.size());
  const uint32_t trigrams = static_cast<uint32_t>(t.trigram_word.size());
  if (t.unigram_next.size() != words + size_t{1} || t.bigram_next.size() != bigrams + size_t{1} ||
      t.bigram_prob_values.size() != kQuantValues ||
      t.bigram_backoff_values.size() != kQuantValues ||
      t.trigram_prob_values.size() != kQuantValues)
    return Status::Error("English model tables of inconsistent sizes");
  uint32_t slots = 1024;
  while (slots < 2 * words) slots *= 2;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.words = words, h.bigrams = bigrams, h.trigrams = trigrams, h.vocab_slots = slots;
  h.start = h.unknown = -1;
  size_t chars = 0;
  for (uint32_t i = 0; i < words; ++i) {
    chars += t.words[i].size();
    if (t.words[i] == "<s>") h.start = static_cast<int32_t>(i);
    if (t.words[i] == "<UNK>" || t.words[i] == "<unk>") h.unknown = static_cast<int32_t>(i);
  }
  size_t at = Align8(sizeof h);
  auto place = [&](uint64_t* field, size_t bytes) {
    *field = at;
    at = Align8(at + bytes);
  };
  place(&h.unigram_prob, words * sizeof(float));
  place(&h.unigram_backoff, words * sizeof(float));
  place(&h.unigram_next, (words + size_t{1}) * sizeof(uint32_t));
  place(&h.bigram_records, (bigrams + size_t{1}) * sizeof(Bigram));
  place(&h.trigram_word, trigrams * sizeof(uint32_t));
  place(&h.trigram_prob, trigrams * sizeof(uint16_t));
  place(&h.bigram_prob_values, kQuantValues * sizeof(float));
  place(&h.bigram_backoff_values, kQuantValues * sizeof(float));
  place(&h.trigram_prob_values, kQuantValues * sizeof(float));
  place(&h.vocab_slots_at, slots * sizeof(uint32_t));
  place(&h.word_offsets, (words + size_t{1}) * sizeof(uint32_t));
  place(&h.word_chars, chars);
  h.size = at;
  std::vector<uint8_t> image(at, 0);
  std::memcpy(image.data(), &h, sizeof h);
  auto put = [&](uint64_t offset, const void* data, size_t bytes) {
    if (bytes > 0) std::memcpy(image.data() + offset, data, bytes);
  };
  put(h.unigram_prob, t.unigram_prob.data(), words * sizeof(float));
  put(h.unigram_backoff, t.unigram_backoff.data(), words * sizeof(float));
  put(h.unigram_next, t.unigram_next.data(), t.unigram_next.size() * sizeof(uint32_t));
  std::vector<Bigram> records(bigrams + size_t{1}, Bigram{0, 0, 0});
  for (uint32_t i = 0; i < bigrams; ++i)
    records[i] = {t.bigram_word[i], uint32_t{t.bigram_prob[i]} << 16 | t.bigram_backoff[i],
                  t.bigram_next[i]};
  records[bigrams].next = t.bigram_next[bigrams];
  put(h.bigram_records, records.data(), records.size() * sizeof(Bigram));
  put(h.trigram_word, t.trigram_word.data(), trigrams * sizeof(uint32_t));
  put(h.trigram_prob, t.trigram_prob.data(), trigrams * sizeof(uint16_t));
  put(h.bigram_prob_values, t.bigram_prob_values.data(), kQuantValues * sizeof(float));
  put(h.bigram_backoff_values, t.bigram_backoff_values.data(), kQuantValues * sizeof(float));
  put(h.trigram_prob_values, t.trigram_prob_values.data(), kQuantValues * sizeof(float));
  auto* vocab = reinterpret_cast<uint32_t*>(image.data() + h.vocab_slots_at);
  auto* offsets = reinterpret_cast<uint32_t*>(image.data() + h.word_offsets);
  char* pool = reinterpret_cast<char*>(image.data() + h.word_chars);
  uint32_t offset = 0;
  for (uint32_t i = 0; i < words; ++i) {
    offsets[i] = offset;
    std::memcpy(pool + offset, t.words[i].data(), t.words[i].size());
    offset += static_cast<uint32_t>(t.words[i].size());
    // A word listed twice keeps its first id, as the library's hash table does.
    for (uint32_t s = static_cast<uint32_t>(WordHash(t.words[i])) & (slots - 1);;
         s = (s + 1) & (slots - 1)) {
      if (vocab[s] == 0) {
        vocab[s] = i + 1;
        break;
      }
      if (t.words[vocab[s] - 1] == t.words[i]) break;
    }
  }
  offsets[words] = offset;
  return WriteFileWhole(path, image.data(), image.size());
}

StatusOr<std::unique_ptr<EnglishLanguageModel>> EnglishLanguageModel::Load(const std::string& path) {
  auto image = MappedFile::Open(path, "English language model");
  if (!image.ok()) return image.status();
  Header h;
  if (image->size() < sizeof h)
    return Status::Error(path + ": not an English model image (rebuild it)");
  std::memcpy(&h, image->data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.size != image->size() ||
      h.vocab_slots == 0 || (h.vocab_slots & (h.vocab_slots - 1)) != 0)
    return Status::Error(path + ": not an English model image of this version (rebuild it)");
  std::unique_ptr<EnglishLanguageModel> lm(new EnglishLanguageModel());
  const uint8_t* base = image->data();
  lm->vocabulary_ = h.words;
  lm->vocab_mask_ = h.vocab_slots - 1;
  lm->start_ = h.start;
  lm->unknown_ = h.unknown;
  lm->unigram_prob_ = reinterpret_cast<const float*>(base + h.unigram_prob);
  lm->unigram_backoff_ = reinterpret_cast<const float*>(base + h.unigram_backoff);
  lm->unigram_next_ = reinterpret_cast<const uint32_t*>(base + h.unigram_next);
  lm->bigrams_ = reinterpret_cast<const Bigram*>(base + h.bigram_records);
  lm->trigram_word_ = reinterpret_cast<const uint32_t*>(base + h.trigram_word);
  lm->trigram_prob_ = reinterpret_cast<const uint16_t*>(base + h.trigram_prob);
  lm->bigram_prob_values_ = reinterpret_cast<const float*>(base + h.bigram_prob_values);
  lm->bigram_backoff_values_ = reinterpret_cast<const float*>(base + h.bigram_backoff_values);
  lm->trigram_prob_values_ = reinterpret_cast<const float*>(base + h.trigram_prob_values);
  lm->vocab_slots_ = reinterpret_cast<const uint32_t*>(base + h.vocab_slots_at);
  lm->word_offsets_ = reinterpret_cast<const uint32_t*>(base + h.word_offsets);
  lm->word_chars_ = reinterpret_cast<const char*>(base + h.word_chars);
  lm->image_ = std::move(*image);
  return lm;
}

int32_t EnglishLanguageModel::WordId(std::string_view word) const {
  for (uint32_t s = static_cast<uint32_t>(WordHash(word)) & vocab_mask_;;
       s = (s + 1) & vocab_mask_) {
    const uint32_t slot = vocab_slots_[s];
    if (slot == 0) return unknown_;  // the library answers its unknown word's id (or none)
    const uint32_t id = slot - 1;
    if (std::string_view(word_chars_ + word_offsets_[id],
                         word_offsets_[id + 1] - word_offsets_[id]) == word)
      return static_cast<int32_t>(id);
  }
}

namespace {
// Where an interpolation search between record `before` (key `before_value`) and record
// `after` (key `after_value`), both outside what is left, looks for `key` next.
int64_t Pivot(int64_t before, int64_t after, uint64_t before_value, uint64_t after_value,
              uint32_t key) {
  return before + 1 +
         static_cast<int64_t>((key - before_value) * static_cast<uint64_t>(after - before - 1) /
                              (after_value - before_value + 1));
}
}  // namespace

// The entries of a range are sorted by word id, and ids are spread evenly: an interpolation
// search finds one in a probe or two.
template <class KeyOf>
int64_t EnglishLanguageModel::FindIn(uint32_t begin, uint32_t end, uint32_t key,
                                     KeyOf key_of) const {
  int64_t before = static_cast<int64_t>(begin) - 1, after = end;
  uint64_t before_value = 0, after_value = vocabulary_;
  while (after - before > 1) {
    const int64_t pivot = Pivot(before, after, before_value, after_value, key);
    const uint32_t at = key_of(pivot);
    if (at < key) {
      before = pivot, before_value = at;
    } else if (at > key) {
      after = pivot, after_value = at;
    } else {
      return pivot;
    }
  }
  return -1;
}

int64_t EnglishLanguageModel::FindBigram(uint32_t word, uint32_t before) const {
  return FindIn(unigram_next_[word], unigram_next_[word + 1], before,
                [this](int64_t i) { return bigrams_[i].word; });
}

// As Sphinx's trie model scores (lm_trie_score): the trigram if the model has it; else the
// bigram and the back-off weight of the two words before; else the word alone and the
// back-off weights of the word before and of the two. Sums are of floats in the same order
// as the library's, truncated to its integer score.
int32_t EnglishLanguageModel::Prob(int32_t word, const int32_t* history, int n_history,
                                   int64_t context, int64_t* bigram, int* used) const {
  *bigram = -1;
  if (word < 0) return kLogZero;  // no word of the model (and it has no unknown word)
  for (int i = 0; i < n_history; ++i)
    if (history[i] < 0) {
      n_history = i;
      break;
    }
  const auto w = static_cast<uint32_t>(word);
  float prob = unigram_prob_[w];
  *used = 1;
  if (n_history == 0) return static_cast<int32_t>(prob);
  const auto h0 = static_cast<uint32_t>(history[0]);
  const int64_t b = *bigram = FindBigram(w, h0);
  if (n_history == 1) {
    if (b >= 0) {
      *used = 2;
      return static_cast<int32_t>(bigram_prob_values_[bigrams_[b].codes >> 16]);
    }
    return static_cast<int32_t>(prob + unigram_backoff_[h0]);
  }
  // The back-off weights of the history: of the word before, and of the two words before.
  const float backoff0 = unigram_backoff_[h0];
  const float backoff1 =
      context >= 0 ? bigram_backoff_values_[bigrams_[context].codes & 0xFFFF] : 0.0f;
  if (b < 0) {
    prob += backoff0;
    prob += backoff1;
    return static_cast<int32_t>(prob);
  }
  *used = 2;
  prob = bigram_prob_values_[bigrams_[b].codes >> 16];
  const auto h1 = static_cast<uint32_t>(history[1]);
  const int64_t trigram = FindIn(bigrams_[b].next, bigrams_[b + 1].next, h1,
                                 [this](int64_t i) { return trigram_word_[i]; });
  if (trigram < 0) return static_cast<int32_t>(prob + backoff1);
  *used = 3;
  return static_cast<int32_t>(trigram_prob_values_[trigram_prob_[trigram]]);
}

void EnglishLanguageModel::Score(std::span<const std::string_view> words, std::vector<WordScore>* out) const {
  out->assign(words.size(), WordScore{});
  int32_t history[2] = {start_, start_};  // the word before, the one before that
  int known_history = 1;
  int64_t context = -1;  // the bigram of the two words before: the word before found it
  // The look-ups miss the cache (the tables are 38 MB): ask for each word's lines ahead, so
  // that the misses of a sentence overlap instead of following one another. First the words'
  // entries, then where each word's bigram search will look first.
  thread_local std::vector<int32_t> ids;
  ids.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    ids[i] = WordId(words[i]);
    if (ids[i] >= 0)
      __builtin_prefetch(unigram_next_ + ids[i]), __builtin_prefetch(unigram_prob_ + ids[i]);
  }
  for (size_t i = 1; i < words.size(); ++i) {
    if (ids[i] < 0 || ids[i - 1] < 0) continue;
    const uint32_t begin = unigram_next_[ids[i]], end = unigram_next_[ids[i] + 1];
    if (end > begin)  // FindBigram's first probe
      __builtin_prefetch(bigrams_ + Pivot(int64_t{begin} - 1, end, 0, vocabulary_,
                                          static_cast<uint32_t>(ids[i - 1])));
  }
  for (size_t i = 0; i < words.size(); ++i) {
    const int32_t id = ids[i];
    WordScore& w = (*out)[i];
    w.unknown = id == unknown_ || id < 0;
    int used = 0;
    int64_t bigram = -1;
    const int32_t p = Prob(id, history, known_history, context, &bigram, &used);
    w.ngram = used;
    w.log10_prob = std::max(kFloor, static_cast<float>(p * kToLog10));
    // The word alone: its unigram (the library's score without a history).
    w.log10_unigram =
        id < 0 ? kFloor
               : std::max(kFloor,
                          static_cast<float>(static_cast<int32_t>(unigram_prob_[id]) * kToLog10));
    history[1] = history[0];
    history[0] = id;
    known_history = std::min(known_history + 1, 2);
    context = bigram;
  }
}

std::string DefaultEnglishLanguageModelPath() { return PathFromEnv("MTCLEAN_ENGLISH_LM", MTCLEAN_DEFAULT_ENGLISH_LM); }

}  // namespace mtclean
