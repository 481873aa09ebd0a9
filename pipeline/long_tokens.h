// Runs of non-space characters longer than any word of prose: a base64 image, a minified
// script, a hash. The word-level stages skip the letters inside them (their letter runs are
// no words), which keeps their work linear in the input whatever its shape.
#ifndef MTCLEAN_PIPELINE_LONG_TOKENS_H_
#define MTCLEAN_PIPELINE_LONG_TOKENS_H_

#include <cstddef>
#include <string_view>

namespace mtclean {

// Bytes; German compounds and hyphenated phrases stay well below.
constexpr size_t kLongestToken = 100;

// Answers, for positions in increasing order, whether a position lies in such a run; each byte
// of the text is looked at a bounded number of times over all the calls.
class LongTokens {
 public:
  explicit LongTokens(std::string_view text) : text_(text) {}
  bool Contains(size_t pos) {
    if (pos >= end_) {
      size_t begin = pos;
      while (begin > end_ && !Space(text_[begin - 1])) --begin;
      size_t end = pos;
      while (end < text_.size() && !Space(text_[end])) ++end;
      begin_ = begin;
      end_ = end == pos ? pos + 1 : end;
    }
    return pos >= begin_ && end_ - begin_ > kLongestToken;
  }

 private:
  static bool Space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  std::string_view text_;
  size_t begin_ = 0, end_ = 0;  // the run that holds the last position asked
};

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_LONG_TOKENS_H_
