#include "stages/boilerplate/line_counts.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace mtclean::boilerplate {

uint64_t LineCounts::Hash(std::string_view folded_line) {
  return XXH3_64bits(folded_line.data(), folded_line.size());
}

size_t LineCounts::Slot(uint64_t hash, size_t row) const {
  // Row r uses bits of a remixed hash, so the rows are independent enough.
  uint64_t h = hash * (0x9E3779B97F4A7C15ULL + 2 * row) ^ (hash >> (17 + 7 * row));
  return row * kWidth + static_cast<size_t>(h & (kWidth - 1));
}

void LineCounts::AddDocument(std::vector<uint64_t>& line_hashes) {
  std::sort(line_hashes.begin(), line_hashes.end());
  line_hashes.erase(std::unique(line_hashes.begin(), line_hashes.end()), line_hashes.end());
  for (uint64_t h : line_hashes)
    for (size_t r = 0; r < kRows; ++r) {
      uint8_t& c = counters_[Slot(h, r)];
      if (c < kMaxCount) ++c;
    }
  ++documents_;
}

uint32_t LineCounts::Documents(uint64_t hash) const {
  uint32_t best = kMaxCount;
  for (size_t r = 0; r < kRows; ++r) best = std::min<uint32_t>(best, counters_[Slot(hash, r)]);
  return best;
}

void LineCounts::Merge(const CorpusStats& other) {
  const auto& o = static_cast<const LineCounts&>(other);
  if (documents_ == 0) {  // nothing counted yet (the first worker's counts): a copy
    counters_ = o.counters_;
    documents_ = o.documents_;
    return;
  }
  // A saturating add of bytes (kMaxCount is UINT8_MAX), which the compiler makes a vector
  // loop of: 4 MB of counters.
  static_assert(kMaxCount == UINT8_MAX);
  uint8_t* mine = counters_.data();
  const uint8_t* theirs = o.counters_.data();
  for (size_t i = 0; i < counters_.size(); ++i) {
    const uint8_t sum = static_cast<uint8_t>(mine[i] + theirs[i]);
    mine[i] = sum < mine[i] ? uint8_t{UINT8_MAX} : sum;
  }
  documents_ += o.documents_;
}

void LineCounts::Serialize(std::string* out) const {
  out->append(reinterpret_cast<const char*>(&documents_), sizeof documents_);
  out->append(reinterpret_cast<const char*>(counters_.data()), counters_.size() * sizeof(uint8_t));
}

Status LineCounts::Deserialize(std::string_view in) {
  if (in.size() != sizeof documents_ + counters_.size() * sizeof(uint8_t))
    return Status::Error("line counts of the wrong size (" + std::to_string(in.size()) + " bytes)");
  std::memcpy(&documents_, in.data(), sizeof documents_);
  std::memcpy(counters_.data(), in.data() + sizeof documents_, counters_.size() * sizeof(uint8_t));
  return {};
}

}  // namespace mtclean::boilerplate
