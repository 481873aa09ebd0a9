// How many documents of a batch contain each line, in bounded memory: a count-min sketch
// (4 rows of 2^20 counters, 4 MiB) over 64-bit hashes (xxHash3) of folded lines, as CCNet
// counts paragraph hashes. A counter saturates at kMaxCount: the stage asks only whether a
// line stands in a few pages (`repeated_min_pages`, 5), and 8 bits halve the memory. Counts can
// only be over-estimated, by collisions, so a line is never thought rarer than it is. Merging adds
// counters; the batch size is counted too. Not thread-safe: one per worker, merged at the end.
#ifndef MTCLEAN_STAGES_BOILERPLATE_LINE_COUNTS_H_
#define MTCLEAN_STAGES_BOILERPLATE_LINE_COUNTS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "mtclean/stage.h"

namespace mtclean::boilerplate {

class LineCounts : public CorpusStats {
 public:
  static constexpr size_t kRows = 4, kWidth = size_t{1} << 20;
  static constexpr uint32_t kMaxCount = UINT8_MAX;
  LineCounts() : counters_(kRows * kWidth, 0) {}

  static uint64_t Hash(std::string_view folded_line);
  // Adds one document: each distinct hash counts once.
  void AddDocument(std::vector<uint64_t>& line_hashes);
  // Documents seen containing the line (an upper bound, at most kMaxCount).
  uint32_t Documents(uint64_t hash) const;
  uint64_t documents() const { return documents_; }

  void Merge(const CorpusStats& other) override;
  void Serialize(std::string* out) const override;
  Status Deserialize(std::string_view in) override;

 private:
  size_t Slot(uint64_t hash, size_t row) const;
  std::vector<uint8_t> counters_;
  uint64_t documents_ = 0;
};

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_LINE_COUNTS_H_
