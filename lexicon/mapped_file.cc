#include "lexicon/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

namespace mtclean {

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    this->~MappedFile();
    data_ = other.data_, size_ = other.size_;
    other.data_ = nullptr;
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
}

StatusOr<MappedFile> MappedFile::Open(const std::string& path, const std::string& what) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0)
    return Status::Error("cannot read " + what + " " + path +
                         " (run scripts/setup.sh, then build)");
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size == 0) {
    ::close(fd);
    return Status::Error(path + ": not " + what + " (empty)");
  }
  void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED)
    return Status::Error("cannot map " + what + " " + path + ": " + std::strerror(errno));
  MappedFile f;
  f.data_ = static_cast<const uint8_t*>(p);
  f.size_ = static_cast<size_t>(st.st_size);
  return f;
}

bool MappedFile::StartsWith(const std::string& path, std::string_view magic) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  std::vector<char> head(magic.size());
  const bool same = ::pread(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()) &&
                    std::memcmp(head.data(), magic.data(), magic.size()) == 0;
  ::close(fd);
  return same;
}

Status WriteFileWhole(const std::string& path, const uint8_t* data, size_t size) {
  const std::string tmp = path + ".tmp." + std::to_string(getpid());
  std::ofstream out(tmp, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) return Status::Error("cannot write " + tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::Error("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  return Status();
}

}  // namespace mtclean
