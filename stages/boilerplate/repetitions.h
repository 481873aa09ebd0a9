// Repeated lines: which repetitions are artefacts of the page (a block printed twice, the
// headline again inside the article) and which the article makes itself (an interview's
// questions, a refrain, a shop's "Buy now" lines).
#ifndef MTCLEAN_STAGES_BOILERPLATE_REPETITIONS_H_
#define MTCLEAN_STAGES_BOILERPLATE_REPETITIONS_H_

#include <string_view>

#include "stages/boilerplate/page_lines.h"

namespace mtclean::boilerplate {

// Marks as `kDuplicate` the repeats (Line::dup_of, found by the line evidence) that are
// artefacts. `first`: the article's first paragraph (content index), kNone when unknown.
void JudgeRepetitions(std::string_view text, PageScratch& s, size_t first);

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_REPETITIONS_H_
