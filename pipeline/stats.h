// Run-level counters and their JSON form (the --stats file).
#ifndef MTCLEAN_PIPELINE_STATS_H_
#define MTCLEAN_PIPELINE_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "mtclean/pipeline.h"

namespace mtclean {

struct RunStats {
  uint64_t docs_in = 0;        // documents read (including rejected records)
  uint64_t docs_out = 0;       // documents written
  uint64_t docs_dropped = 0;   // dropped by a stage, with a reason
  uint64_t docs_rejected = 0;  // unreadable records (malformed JSONL, missing text field)
  uint64_t bytes_in = 0, bytes_out = 0;
  double seconds = 0;
  std::vector<StageStats> stages;  // one per pipeline stage, merged over workers
};

std::string RunStatsToJson(const RunStats& stats, const Pipeline& pipeline);
// "unicode: 4 docs, 3 changed, 0 dropped; 12 edits (mojibake 3, nfc 9)".
std::string StageSummaryLine(const StageStats& stats, const Stage& stage);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_STATS_H_
