#include "pipeline/io/byte_stream.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace mtclean {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A FILE* with a few bytes already read (for sniffing the format) put back in front.
class RawFile {
 public:
  RawFile(FILE* f, std::string path, bool owned) : f_(f), path_(std::move(path)), owned_(owned) {}
  ~RawFile() {
    if (owned_ && f_ != nullptr) std::fclose(f_);
  }
  size_t Peek(char* buf, size_t n) {
    prefix_.resize(n);
    size_t got = std::fread(prefix_.data(), 1, n, f_);
    prefix_.resize(got);
    std::memcpy(buf, prefix_.data(), got);
    return got;
  }
  StatusOr<size_t> Read(char* buf, size_t n) {
    if (prefix_pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(buf, prefix_.data() + prefix_pos_, k);
      prefix_pos_ += k;
      return k;
    }
    size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) return Status::Error("cannot read " + path_ + ": " + ErrnoText());
    return got;
  }
  const std::string& path() const { return path_; }

 private:
  FILE* f_;
  std::string path_;
  bool owned_;
  std::string prefix_;
  size_t prefix_pos_ = 0;
};

class PlainReader : public ByteReader {
 public:
  explicit PlainReader(std::unique_ptr<RawFile> f) : f_(std::move(f)) {}
  StatusOr<size_t> Read(char* buf, size_t n) override { return f_->Read(buf, n); }

 private:
  std::unique_ptr<RawFile> f_;
};

class GzipReader : public ByteReader {
 public:
  explicit GzipReader(std::unique_ptr<RawFile> f) : f_(std::move(f)), in_(1 << 16) {
    inflateInit2(&z_, 16 + MAX_WBITS);
  }
  ~GzipReader() override { inflateEnd(&z_); }
  StatusOr<size_t> Read(char* buf, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n && !done_) {
      if (z_.avail_in == 0) {
        auto got = f_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (in_member_) return Status::Error(f_->path() + ": truncated gzip data");
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(*got);
      }
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {  // concatenated members are one stream
        in_member_ = false;
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::Error(f_->path() + ": corrupt gzip data (" + (z_.msg ? z_.msg : "?") + ")");
      }
    }
    return n - z_.avail_out;
  }

 private:
  std::unique_ptr<RawFile> f_;
  std::vector<char> in_;
  z_stream z_{};
  bool done_ = false, in_member_ = false;
};

class ZstdReader : public ByteReader {
 public:
  explicit ZstdReader(std::unique_ptr<RawFile> f)
      : f_(std::move(f)), in_(ZSTD_DStreamInSize()), ctx_(ZSTD_createDCtx()) {}
  ~ZstdReader() override { ZSTD_freeDCtx(ctx_); }
  StatusOr<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0 && !done_) {
      if (input_.pos == input_.size) {
        auto got = f_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (pending_) return Status::Error(f_->path() + ": truncated zstd data");
          done_ = true;
          break;
        }
        input_ = ZSTD_inBuffer{in_.data(), *got, 0};
      }
      size_t rc = ZSTD_decompressStream(ctx_, &out, &input_);
      if (ZSTD_isError(rc))
        return Status::Error(f_->path() + ": corrupt zstd data (" + ZSTD_getErrorName(rc) + ")");
      pending_ = rc != 0;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<RawFile> f_;
  std::vector<char> in_;
  ZSTD_DCtx* ctx_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool done_ = false, pending_ = false;
};

// Writes to `path.tmp-PID` and renames on Commit (stdout, devices: writes directly).
class FileSink {
 public:
  static StatusOr<std::unique_ptr<FileSink>> Open(const std::string& path) {
    auto sink = std::unique_ptr<FileSink>(new FileSink());
    sink->path_ = path;
    if (path == "-") {
      sink->f_ = stdout;
      return sink;
    }
    // A device or pipe (/dev/stderr, a FIFO), and anything under /dev or /proc, is written
    // directly: there is nothing to rename, and /dev/stdout of a shell that sent stdout to a
    // file is a link to that file, which a rename would replace by a file of its own.
    struct stat st {};
    const bool system_path = path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0;
    if (system_path || (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))) {
      sink->f_ = std::fopen(path.c_str(), "wb");
      if (sink->f_ == nullptr) return Status::Error("cannot write " + path + ": " + ErrnoText());
      sink->direct_ = true;
      return sink;
    }
    // A symbolic link: the file it names is replaced, and the link stays.
    sink->target_ = path;
    if (lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
      if (char* real = realpath(path.c_str(), nullptr); real != nullptr) {
        sink->target_ = real;
        std::free(real);
      }
    }
    sink->tmp_ = sink->target_ + ".tmp-" + std::to_string(getpid());
    sink->f_ = std::fopen(sink->tmp_.c_str(), "wb");
    if (sink->f_ == nullptr) return Status::Error("cannot write " + path + ": " + ErrnoText());
    return sink;
  }
  ~FileSink() {
    if (f_ != nullptr && f_ != stdout) {
      std::fclose(f_);
      if (!direct_) std::remove(tmp_.c_str());
    }
  }
  Status Write(const void* data, size_t n) {
    if (n > 0 && std::fwrite(data, 1, n, f_) != n)
      return Status::Error("cannot write " + path_ + ": " + ErrnoText());
    return {};
  }
  Status Commit() {
    if (f_ == stdout) {
      f_ = nullptr;
      if (std::fflush(stdout) != 0) return Status::Error("cannot write to stdout: " + ErrnoText());
      return {};
    }
    FILE* f = f_;
    f_ = nullptr;
    if (std::fclose(f) != 0) {
      if (!direct_) std::remove(tmp_.c_str());
      return Status::Error("cannot write " + path_ + ": " + ErrnoText());
    }
    if (direct_) return {};
    if (std::rename(tmp_.c_str(), target_.c_str()) != 0) {
      std::remove(tmp_.c_str());
      return Status::Error("cannot rename " + tmp_ + " to " + target_ + ": " + ErrnoText());
    }
    return {};
  }
  const std::string& path() const { return path_; }

 private:
  FileSink() = default;
  FILE* f_ = nullptr;
  std::string path_, target_, tmp_;
  bool direct_ = false;
};

class PlainWriter : public ByteWriter {
 public:
  explicit PlainWriter(std::unique_ptr<FileSink> s) : s_(std::move(s)) {}
  Status Write(std::string_view b) override { return s_->Write(b.data(), b.size()); }
  Status Commit() override { return s_->Commit(); }

 private:
  std::unique_ptr<FileSink> s_;
};

class GzipWriter : public ByteWriter {
 public:
  explicit GzipWriter(std::unique_ptr<FileSink> s) : s_(std::move(s)), out_(1 << 16) {
    deflateInit2(&z_, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  }
  ~GzipWriter() override { deflateEnd(&z_); }
  Status Write(std::string_view b) override { return Deflate(b, Z_NO_FLUSH); }
  Status Commit() override {
    if (Status st = Deflate({}, Z_FINISH); !st.ok()) return st;
    return s_->Commit();
  }

 private:
  Status Deflate(std::string_view b, int flush) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b.data()));
    z_.avail_in = static_cast<uInt>(b.size());
    int rc;
    do {
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      rc = deflate(&z_, flush);
      if (Status st = s_->Write(out_.data(), out_.size() - z_.avail_out); !st.ok()) return st;
    } while (z_.avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return {};
  }
  std::unique_ptr<FileSink> s_;
  std::vector<char> out_;
  z_stream z_{};
};

class ZstdWriter : public ByteWriter {
 public:
  explicit ZstdWriter(std::unique_ptr<FileSink> s)
      : s_(std::move(s)), out_(ZSTD_CStreamOutSize()), ctx_(ZSTD_createCCtx()) {}
  ~ZstdWriter() override { ZSTD_freeCCtx(ctx_); }
  Status Write(std::string_view b) override { return Compress(b, ZSTD_e_continue); }
  Status Commit() override {
    if (Status st = Compress({}, ZSTD_e_end); !st.ok()) return st;
    return s_->Commit();
  }

 private:
  Status Compress(std::string_view b, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{b.data(), b.size(), 0};
    size_t remaining;
    do {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      remaining = ZSTD_compressStream2(ctx_, &out, &in, mode);
      if (ZSTD_isError(remaining))
        return Status::Error(s_->path() + ": zstd error " + ZSTD_getErrorName(remaining));
      if (Status st = s_->Write(out_.data(), out.pos); !st.ok()) return st;
    } while (mode == ZSTD_e_end ? remaining != 0 : in.pos < in.size);
    return {};
  }
  std::unique_ptr<FileSink> s_;
  std::vector<char> out_;
  ZSTD_CCtx* ctx_;
};

}  // namespace

StatusOr<std::unique_ptr<ByteReader>> OpenByteReader(const std::string& path) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::Error("cannot read " + path + ": " + ErrnoText());
  auto raw = std::make_unique<RawFile>(f, path == "-" ? "<stdin>" : path, path != "-");
  char magic[4] = {0, 0, 0, 0};
  size_t got = raw->Peek(magic, 4);
  if (got == 0 && std::ferror(f)) return Status::Error("cannot read " + path + ": " + ErrnoText());
  auto b = [&](int i) { return static_cast<unsigned char>(magic[i]); };
  if (got >= 2 && b(0) == 0x1F && b(1) == 0x8B)
    return std::unique_ptr<ByteReader>(std::make_unique<GzipReader>(std::move(raw)));
  if (got >= 4 && b(0) == 0x28 && b(1) == 0xB5 && b(2) == 0x2F && b(3) == 0xFD)
    return std::unique_ptr<ByteReader>(std::make_unique<ZstdReader>(std::move(raw)));
  return std::unique_ptr<ByteReader>(std::make_unique<PlainReader>(std::move(raw)));
}

StatusOr<std::unique_ptr<ByteWriter>> OpenByteWriter(const std::string& path) {
  auto sink = FileSink::Open(path);
  if (!sink.ok()) return sink.status();
  if (EndsWith(path, ".gz"))
    return std::unique_ptr<ByteWriter>(std::make_unique<GzipWriter>(std::move(*sink)));
  if (EndsWith(path, ".zst"))
    return std::unique_ptr<ByteWriter>(std::make_unique<ZstdWriter>(std::move(*sink)));
  return std::unique_ptr<ByteWriter>(std::make_unique<PlainWriter>(std::move(*sink)));
}

Status ReadAll(ByteReader& reader, std::string* out) {
  out->clear();
  size_t chunk = 1 << 16;
  while (true) {
    size_t old = out->size();
    out->resize(old + chunk);
    auto got = reader.Read(out->data() + old, chunk);
    if (!got.ok()) return got.status();
    out->resize(old + *got);
    if (*got == 0) return {};
    if (chunk < (1 << 24)) chunk *= 2;
  }
}

StatusOr<bool> LineReader::Next(std::string* line) {
  size_t search_from = start_;
  while (true) {
    size_t nl = buffer_.find('\n', search_from);
    if (nl != std::string::npos) {
      line->assign(buffer_, start_, nl - start_);
      start_ = nl + 1;
      ++line_number_;
      return true;
    }
    if (eof_) {
      if (start_ >= buffer_.size()) return false;
      line->assign(buffer_, start_, std::string::npos);
      start_ = buffer_.size();
      ++line_number_;
      return true;
    }
    // Drop consumed bytes, then read more; a long line grows the buffer as needed.
    buffer_.erase(0, start_);
    start_ = 0;
    search_from = buffer_.size();
    size_t chunk = std::max<size_t>(1 << 20, buffer_.size());
    buffer_.resize(search_from + chunk);
    auto got = reader_->Read(buffer_.data() + search_from, chunk);
    if (!got.ok()) return got.status();
    buffer_.resize(search_from + *got);
    if (*got == 0) eof_ = true;
  }
}

}  // namespace mtclean
