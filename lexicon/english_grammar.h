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

#include "lexicon/mapped_file.h"
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
  // The binary image build_english_grammar writes (mmap-ed, read in place), or the text
  // form it counts first (compiled in memory: for tools and tests).
  static StatusOr<std::unique_ptr<EnglishGrammar>> Load(const std::string& path);
  // Writes the model as the binary image Load maps.
  Status WriteImage(const std::string& path) const;
  ~EnglishGrammar();
  EnglishGrammar(const EnglishGrammar&) = delete;
  EnglishGrammar& operator=(const EnglishGrammar&) = delete;

  using TagId = uint8_t;
  static constexpr TagId kNoTag = 255;
  TagId Tag(std::string_view name) const;  // kNoTag when unknown
  std::string_view TagName(TagId tag) const {
    return tag < tag_names_.size() ? std::string_view(tag_names_[tag]) : std::string_view("?");
  }
  size_t tag_count() const { return tag_names_.size(); }

  // Everything known of a word (lower case), from one look-up; null when Brown lacks it.
  // A record of the model's image, read in place: its tags, their log P(word | tag), and
  // for each tag the word has 50 times or more, the tags that followed it.
  struct TagCount {
    TagId tag;
    uint32_t count;
  };
  struct NextTagCount {
    TagId tag, next;  // `next` followed the word tagged `tag`
    uint32_t count;
  };
  struct WordInfo {
    uint32_t count;
    uint32_t lower_inside, capital_inside;  // inside a sentence: written lower case, capitalised
    uint16_t tag_count, next_count;
    uint32_t word_size;
    std::span<const TagCount> tags() const {
      return {reinterpret_cast<const TagCount*>(this + 1), tag_count};
    }
    std::span<const float> log_emission() const {  // log P(word | tag) for each of tags()
      return {reinterpret_cast<const float*>(tags().data() + tag_count), tag_count};
    }
    std::span<const NextTagCount> next() const {
      return {reinterpret_cast<const NextTagCount*>(log_emission().data() + tag_count), next_count};
    }
    std::string_view word() const {
      return {reinterpret_cast<const char*>(next().data() + next_count), word_size};
    }
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

  struct Header;  // english_grammar_image.cc
  static StatusOr<std::unique_ptr<EnglishGrammar>> CompileText(const std::string& path);
  // Points the tables into the image `data` (mapped, or owned_); checks its layout.
  Status Attach(const uint8_t* data, size_t size, const std::string& path);
  // The record of `key` in a table of the image keyed by the key's hash, or null.
  const WordInfo* FindRecord(std::span<const HashCountSlot> table, std::string_view key) const;

  // The image: mapped from the file, or compiled from the text form into owned_.
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  MappedFile mapped_;
  std::vector<uint8_t> owned_;

  std::vector<std::string> tag_names_;  // read from the image once, with their ids
  WordMap<TagId> tag_ids_;
  std::span<const uint64_t> tag_counts_;
  uint64_t total_tokens_ = 0;
  TagId start_ = kNoTag, end_ = kNoTag;
  // log P(t3 | t1, t2), interpolated, dense, in 1/512ths: half the memory of floats, so
  // more of the table stays in cache (the tagger's look-up per state).
  static constexpr float kTransitionScale = 512;
  std::span<const int16_t> transition_;
  // Word -> its record, and word ending -> the tags of rare words with it (a record too),
  // keyed by the hash of the word; the slot's count is where the record starts, plus one.
  std::span<const HashCountSlot> words_, suffixes_;
  const uint8_t* records_ = nullptr;
  // Keyed by PairHash of (word, word) and (word, tag): no string is built per look-up.
  std::span<const HashCountSlot> pairs_, before_end_;
  std::span<const double> end_rate_;
  TagId np_ = kNoTag, nn_ = kNoTag, cd_ = kNoTag, od_ = kNoTag;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ENGLISH_GRAMMAR_H_
