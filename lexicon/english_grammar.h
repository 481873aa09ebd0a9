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

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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

  struct Tagging {
    std::vector<TagId> tags;
    // -log P(tag | the two tags before) along the best path: how surprising each step is.
    std::vector<float> surprise;
  };
  // The most likely tags of one sentence's tokens (words, numbers and punctuation, as
  // written; the first token starts the sentence).
  void TagSentence(std::span<const std::string_view> tokens, Tagging* out) const;

  // Statistics of words, lower case.
  uint64_t WordCount(std::string_view lower) const;
  uint64_t WordTagCount(std::string_view lower, TagId tag) const;
  // Inside a sentence: how often the word was written lower case and capitalised.
  std::pair<uint64_t, uint64_t> CapitalCounts(std::string_view lower) const;
  // After `lower` tagged `tag` (only for pairs seen 50 times or more; else total is 0): how
  // often `next` followed, of `total`.
  struct NextTag {
    uint64_t count = 0, total = 0;
  };
  NextTag NextTagAfter(std::string_view lower, TagId tag, TagId next) const;
  // Pairs of frequent words (200 times or more each): how often `second` followed `first`;
  // -1 when either word is not frequent.
  int64_t PairCount(std::string_view first, std::string_view second) const;
  // How often the word, with its tag, ended a sentence just before the full stop.
  uint64_t BeforeEndCount(std::string_view lower, TagId tag) const;
  // How often a word with this tag ends a sentence, of all words with it.
  double EndRate(TagId tag) const { return tag < end_rate_.size() ? end_rate_[tag] : 0; }
  double TagProbability(TagId tag) const;
  uint64_t total_tokens() const { return total_tokens_; }

 private:
  EnglishGrammar() = default;
  struct TagCount {
    TagId tag;
    uint32_t count;
  };
  // log P(word | tag) for each tag the word can take, for tagging.
  void Candidates(std::string_view token, bool sentence_start, std::vector<std::pair<TagId, float>>* out) const;
  float Transition(TagId t1, TagId t2, TagId t3) const {
    return transition_[(static_cast<size_t>(t1) * tag_names_.size() + t2) * tag_names_.size() + t3];
  }

  std::vector<std::string> tag_names_;
  WordMap<TagId> tag_ids_;
  std::vector<uint64_t> tag_counts_;
  uint64_t total_tokens_ = 0;
  TagId start_ = kNoTag, end_ = kNoTag;
  std::vector<float> transition_;  // log P(t3 | t1, t2), interpolated, dense
  WordMap<std::vector<TagCount>> lexicon_, suffixes_;
  WordMap<uint64_t> word_counts_;
  WordMap<std::pair<uint32_t, uint32_t>> capitals_;
  WordMap<std::vector<TagCount>> next_tags_;  // key: word '\t' tag name
  WordMap<uint32_t> pairs_;                   // key: word1 ' ' word2
  WordMap<uint32_t> before_end_;              // key: word '\t' tag name
  std::vector<double> end_rate_;
  static constexpr uint64_t kFrequentPairWord = 200;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_GRAMMAR_H_
