// Edit: one change a stage made, as byte spans in its input and output.
//
// Edits are small and trivially copyable; the text before and after is recovered from the
// input and output when a log is written (as ICU's Edits does). Inside one list, edits are
// sorted by position and do not overlap, and the bytes between two edits are identical in
// input and output, so a list accounts for the whole difference between the two texts.
// Flags mark a span without changing it (in_* == the span, out_* unused).
#ifndef MTCLEAN_EDIT_H_
#define MTCLEAN_EDIT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mtclean {

enum class EditAction : uint8_t { kReplace, kInsert, kDelete, kFlag };

std::string_view EditActionName(EditAction action);

struct Edit {
  size_t in_begin = 0;   // span in the input (after composition: in the original document)
  size_t in_end = 0;
  size_t out_begin = 0;  // span in the output
  size_t out_end = 0;
  uint16_t stage = 0;    // index of the stage in the pipeline
  uint16_t rule = 0;     // index into that stage's rule table
  // Other stages whose edits touched the same bytes and were merged into this one
  // (bit i = stage i); zero for most edits.
  uint32_t merged_stages = 0;
  float confidence = 1.0f;
  // What the stage saw, as bits of its Stage::features() (the garbled stage's flag says
  // which signs of a garbled sentence fired); zero for most edits.
  uint32_t features = 0;
  bool is_flag = false;
  // For a flag, what the stage saw, in words (the garbled stage: the English model's score and
  // the sentence's least likely words); empty for most edits.
  std::string evidence;

  EditAction action() const {
    if (is_flag) return EditAction::kFlag;
    if (in_begin == in_end) return EditAction::kInsert;
    if (out_begin == out_end) return EditAction::kDelete;
    return EditAction::kReplace;
  }
};

}  // namespace mtclean

#endif  // MTCLEAN_EDIT_H_
