// Composition of edit lists: the runner keeps one list from the original document to the
// current text and folds every stage's list into it, so the final log points into the
// original bytes.
#ifndef MTCLEAN_PIPELINE_EDIT_COMPOSE_H_
#define MTCLEAN_PIPELINE_EDIT_COMPOSE_H_

#include <string>
#include <string_view>
#include <vector>

#include "mtclean/edit.h"

namespace mtclean {

// first: A -> B, second: B -> C (both sorted, non-overlapping, no flags). Writes A -> C to
// `out`. Edits of `second` that touch bytes changed by `first` are merged into one edit that
// carries the later stage and rule, the lower confidence and the earlier stage in
// merged_stages. A linear merge: O(|first| + |second|).
void ComposeEdits(const std::vector<Edit>& first, const std::vector<Edit>& second,
                  std::vector<Edit>* out);

// Maps a position of B back to A through `edits` (A -> B). A position inside a changed span
// maps to the start of that span's input (is_end == false) or to its end (is_end == true).
size_t MapToInput(const std::vector<Edit>& edits, size_t pos, bool is_end);

// Checks the invariants of an A -> B list against the two texts: sorted, in bounds,
// non-overlapping, and every byte between edits identical. Returns an empty string when
// all hold, else what failed (for tests and fuzzers).
std::string CheckEditInvariants(const std::vector<Edit>& edits, std::string_view a,
                                std::string_view b);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_EDIT_COMPOSE_H_
