#include "tools/mtclean/progress.h"

#include <cstdio>

namespace mtclean {

void ProgressLine::Update(uint64_t docs, uint64_t bytes, bool force) {
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(bytes) / 1e6;
  char bar[24] = "";
  if (total_bytes_ > 0) {
    int filled = static_cast<int>(20.0 * static_cast<double>(bytes) / static_cast<double>(total_bytes_));
    if (filled > 20) filled = 20;
    for (int i = 0; i < 20; ++i) bar[i] = i < filled ? '#' : '.';
    bar[20] = '\0';
    std::fprintf(stderr, "\r%s[%s] %llu docs, %.1f / %.1f MB, %.1f MB/s   ", label_.c_str(), bar,
                 static_cast<unsigned long long>(docs), mb, static_cast<double>(total_bytes_) / 1e6,
                 secs > 0 ? mb / secs : 0.0);
  } else {
    std::fprintf(stderr, "\r%s%llu docs, %.1f MB, %.1f MB/s   ", label_.c_str(), static_cast<unsigned long long>(docs),
                 mb, secs > 0 ? mb / secs : 0.0);
  }
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Phase(const std::string& label) {
  label_ = label + ": ";
  start_ = std::chrono::steady_clock::now();
  last_ = {};
}

void ProgressLine::Finish() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace mtclean
