#include <cassert>

#include "mtclean/stage.h"

namespace mtclean {

void TextRewriter::Reset(std::string_view in, std::string* out, std::vector<Edit>* edits,
                         std::vector<Edit>* flags) {
  in_ = in;
  out_ = out;
  edits_ = edits;
  flags_ = flags;
  cursor_ = 0;
  out_->clear();
  edits_->clear();
  flags_->clear();
}

bool TextRewriter::Replace(size_t begin, size_t end, std::string_view replacement,
                           uint16_t rule, float confidence) {
  assert(begin <= end && end <= in_.size());
  if (begin < cursor_ || end > in_.size() || begin > end) return false;
  if (in_.substr(begin, end - begin) == replacement) return false;
  out_->append(in_.substr(cursor_, begin - cursor_));
  Edit e;
  e.in_begin = begin;
  e.in_end = end;
  e.out_begin = out_->size();
  out_->append(replacement);
  e.out_end = out_->size();
  e.rule = rule;
  e.confidence = confidence;
  edits_->push_back(e);
  cursor_ = end;
  return true;
}

void TextRewriter::Flag(size_t begin, size_t end, uint16_t rule, float confidence, uint32_t features,
                        std::string evidence) {
  Edit e;
  e.in_begin = begin;
  e.in_end = end;
  e.out_begin = begin;
  e.out_end = end;
  e.rule = rule;
  e.confidence = confidence;
  e.features = features;
  e.is_flag = true;
  e.evidence = std::move(evidence);
  flags_->push_back(e);
}

void TextRewriter::Adopt(std::string_view output, const std::vector<Edit>& edits,
                         const std::vector<Edit>& flags) {
  assert(cursor_ == 0 && edits_->empty());
  out_->assign(output);
  edits_->assign(edits.begin(), edits.end());
  flags_->insert(flags_->end(), flags.begin(), flags.end());
  cursor_ = in_.size();
}

void TextRewriter::Finish() {
  // Without edits the output is the input: the caller keeps the input and nothing is copied.
  if (!edits_->empty()) out_->append(in_.substr(cursor_));
  cursor_ = in_.size();
}

}  // namespace mtclean
