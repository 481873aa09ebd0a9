// A small model of edited English: a part-of-speech tagger (a trigram hidden Markov model in
// the manner of TnT) and the word statistics the garbled stage reads its features from,
// counted at build time from the POS-tagged Brown corpus by tools/grammar/
// build_english_grammar. Immutable and thread-safe once loaded.
//
//   auto g = mtclean::EnglishGrammar::Load("build/grammar/en.grammar");
//   std::vector<std::string_view> tokens = {"I", "need", "to", "go", "."};
//   mtclean::EnglishGrammar::Tagging t;
//   (*g)->TagSentence(tokens, &t);  // t.tags: ppss vb to vb .
#ifndef MTCLEAN_LEXICON_ENGLISH_GRAMMAR_H_
#define MTCLEAN_LEXICON_ENGLISH_GRAMMAR_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lexicon/word_table.h"
#include "mtclean/status.h"

namespace mtclean {

// Brown's tag without title, headline and foreign-word marks, negation or contractions:
// "nn-tl" -> "nn", "fw-nn" -> "nn", "md*" -> "md", "ppss+md" -> "ppss".
std::string BrownBaseTag(std::string_view tag);
std::string LowerAscii(std::string_view word);
// Whether a Brown text (such as "cd10") is one of those left out for tuning: every
// `every`th by its number (never when `every` is 0).
bool IsBrownDevText(std::string_view name, int every);

class EnglishGrammar {
 public:
  static StatusOr<std::unique_ptr<EnglishGrammar>> Load(const std::string& path);

  using TagId = uint8_t;
  static constexpr TagId kNoTag = 255;
  TagId Tag(std::string_view name) const;  // kNoTag when unknown
  std::string_view TagName(TagId tag) const {
    return tag < tag_names_.size() ? std::string_view(tag_names_[tag]) : std::string_view("?");
  }
  size_t tag_count() const { return tag_names_.size(); }

  // Everything known of a word (lower case), from one look-up; null when Brown lacks it.
  struct TagCount {
    TagId tag;
    uint32_t count;
  };
  struct WordInfo {
    std::vector<TagCount> tags;
    std::vector<float> log_emission;  // log P(word | tag) for each of `tags`
    uint64_t count = 0;
    uint32_t lower_inside = 0, capital_inside = 0;  // inside a sentence
    // For each tag the word has 50 times or more: the tags that followed it.
    std::vector<std::pair<TagId, std::vector<TagCount>>> next;
  };
  const WordInfo* Find(std::string_view lower) const;

  struct Tagging {
    std::vector<TagId> tags;
    // -log P(tag | the two tags before) along the best path: how surprising each step is.
    std::vector<float> surprise;
    // Work space of the tagger, kept to reuse its memory.
    struct State {
      TagId prev, tag;
      float score;
      int back;  // index of the state before, in the previous column
    };
    std::vector<State> states;
    std::vector<size_t> column_begin;
    std::vector<std::pair<TagId, float>> candidates;
    std::array<int32_t, 256> where{};  // previous tag -> its state in the column being built
  };
  // The most likely tags of one sentence's tokens (words, numbers and punctuation, as
  // written; the first token starts the sentence).
  // `infos`, if given, holds Find() of each token (lower case) already looked up.
  void TagSentence(std::span<const std::string_view> tokens, Tagging* out,
                   std::span<const WordInfo* const> infos = {}) const;


  // Statistics of words, lower case.
  uint64_t WordCount(std::string_view lower) const;
  uint64_t WordTagCount(std::string_view lower, TagId tag) const;
  // Inside a sentence: how often the word was written lower case and capitalised.
  std::pair<uint64_t, uint64_t> CapitalCounts(std::string_view lower) const;
  // After the word of `info` tagged `tag` (only for pairs seen 50 times or more; else total is 0): how
  // often `next` followed, of `total`.
  struct NextTag {
    uint64_t count = 0, total = 0;
  };
  static NextTag NextTagAfter(const WordInfo& info, TagId tag, TagId next);
  // How often `second` followed `first`, for pairs of frequent words (kFrequentPairWord
  // times or more each; the count of other pairs is not kept, and is 0 here).
  static constexpr uint64_t kFrequentPairWord = 200;
  uint64_t PairCount(std::string_view first, std::string_view second) const;
  // How often the word, with its tag, ended a sentence just before the full stop.
  uint64_t BeforeEndCount(std::string_view lower, TagId tag) const;
  // How often a word with this tag ends a sentence, of all words with it.
  double EndRate(TagId tag) const { return tag < end_rate_.size() ? end_rate_[tag] : 0; }
  double TagProbability(TagId tag) const;
  uint64_t total_tokens() const { return total_tokens_; }

 private:
  EnglishGrammar() = default;
  // log P(word | tag) for each tag the word can take, for tagging.
  void Candidates(std::string_view token, bool sentence_start, const WordInfo* const* info,
                  std::vector<std::pair<TagId, float>>* out) const;
  float Transition(TagId t1, TagId t2, TagId t3) const {
    return static_cast<float>(transition_[(static_cast<size_t>(t1) * tag_names_.size() + t2) * tag_names_.size() + t3]) /
           kTransitionScale;
  }

  std::vector<std::string> tag_names_;
  WordMap<TagId> tag_ids_;
  std::vector<uint64_t> tag_counts_;
  uint64_t total_tokens_ = 0;
  TagId start_ = kNoTag, end_ = kNoTag;
  // log P(t3 | t1, t2), interpolated, dense, in 1/512ths: half the memory of floats, so
  // more of the table stays in cache (the tagger's look-up per state).
  static constexpr float kTransitionScale = 512;
  std::vector<int16_t> transition_;
  WordMap<WordInfo> lexicon_;
  WordMap<std::vector<TagCount>> suffixes_;
  // Keyed by PairHash of (word, word) and (word, tag): no string is built per look-up.
  HashCountTable pairs_, before_end_;
  std::vector<double> end_rate_;
  TagId np_ = kNoTag, nn_ = kNoTag, cd_ = kNoTag, od_ = kNoTag;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_GRAMMAR_H_
