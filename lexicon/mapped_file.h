// Model images built at build time: mapped read-only and read in place at run time (one copy
// in memory for every worker and process), written whole (to a temporary, then renamed).
#ifndef MTCLEAN_LEXICON_MAPPED_FILE_H_
#define MTCLEAN_LEXICON_MAPPED_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mtclean/status.h"

namespace mtclean {

// A file mapped read-only; unmapped when destroyed. Movable, not copyable.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
  }
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Maps `path`; `what` names the model in the error ("cannot read accent model PATH ...").
  static StatusOr<MappedFile> Open(const std::string& path, const std::string& what);
  // Whether the file starts with `magic` (false when it cannot be read): an image, not text.
  static bool StartsWith(const std::string& path, std::string_view magic);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Writes `size` bytes to `path` through a temporary file renamed into place, so a reader never
// maps half an image.
Status WriteFileWhole(const std::string& path, const uint8_t* data, size_t size);

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_MAPPED_FILE_H_
