// Running a stage as several passes until nothing changes.
//
// Some repairs create work for others (a mojibake repair yields a no-break space; deleting a
// stacked full stop leaves a space before a comma). Rather than making one scan anticipate
// every interaction, a stage writes simple left-to-right passes and runs them here: each pass
// reads the previous one's output, their edits are composed, and the list of passes repeats
// until a round changes nothing. This is what makes cleaning idempotent: a second run of the
// stage over its own output finds nothing to do.
#ifndef MTCLEAN_PIPELINE_MULTI_PASS_H_
#define MTCLEAN_PIPELINE_MULTI_PASS_H_

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "mtclean/stage.h"
#include "pipeline/edit_compose.h"

namespace mtclean {

// Buffers reused across documents; keep one in the stage's per-worker scratch.
struct MultiPassBuffers {
  std::string current, next;
  std::vector<Edit> composed, pass_edits, pass_flags, flags, tmp;
  TextRewriter rewriter;
};

// run_pass(index, input, rewriter) runs pass `index` of `num_passes`. It may return a bool:
// true when the stage knows that another round would change nothing (its edits cannot
// create work for itself), which saves the round that would only confirm it.
template <typename RunPass>
void RunPassesToFixpoint(std::string_view in, StageContext& ctx, MultiPassBuffers& b,
                         int num_passes, RunPass&& run_pass, int max_rounds = 8) {
  b.composed.clear();
  b.flags.clear();
  std::string_view cur = in;
  for (int round = 0; round < max_rounds; ++round) {
    bool changed = false, final = true;
    for (int p = 0; p < num_passes; ++p) {
      b.rewriter.Reset(cur, &b.next, &b.pass_edits, &b.pass_flags);
      if constexpr (std::is_same_v<decltype(run_pass(p, cur, b.rewriter)), bool>)
        final &= run_pass(p, cur, b.rewriter);
      else
        run_pass(p, cur, b.rewriter), final = false;
      b.rewriter.Finish();
      if (round == 0)  // later rounds re-find the same spans; keep the first flags only
        for (Edit f : b.pass_flags) {
          f.in_begin = MapToInput(b.composed, f.in_begin, false);
          f.in_end = std::max(f.in_begin, MapToInput(b.composed, f.in_end, true));
          b.flags.push_back(f);
        }
      if (b.pass_edits.empty()) continue;
      changed = true;
      ComposeEdits(b.composed, b.pass_edits, &b.tmp);
      b.composed.swap(b.tmp);
      b.current.swap(b.next);
      cur = b.current;
    }
    if (!changed || final) break;
  }
  if (!b.composed.empty() || !b.flags.empty()) ctx.rewriter.Adopt(cur, b.composed, b.flags);
}

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_MULTI_PASS_H_
