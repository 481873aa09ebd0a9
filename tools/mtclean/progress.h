// A one-line progress display on stderr: documents, MB read, MB/s. Redraws at most five
// times a second; only used when stderr is a terminal.
#ifndef MTCLEAN_TOOLS_MTCLEAN_PROGRESS_H_
#define MTCLEAN_TOOLS_MTCLEAN_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace mtclean {

class ProgressLine {
 public:
  explicit ProgressLine(uint64_t total_bytes) : total_bytes_(total_bytes) {}
  void Update(uint64_t docs, uint64_t bytes, bool force = false);
  // Starts a new pass ("observing", "cleaning"): the label shows in front, rates restart.
  void Phase(const std::string& label);
  void Finish();  // clears the line

 private:
  uint64_t total_bytes_;  // 0 when unknown (stdin, compressed input)
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
  std::string label_;
};

}  // namespace mtclean

#endif  // MTCLEAN_TOOLS_MTCLEAN_PROGRESS_H_
