// Byte streams for files and stdin/stdout, with gzip and zstd, and a line reader.
//
// Readers detect compression from the first bytes (gzip 1F 8B, zstd 28 B5 2F FD), so a
// compressed stdin works too; writers compress by the file name's extension (.gz, .zst) and
// write to a temporary name that Commit() renames, so a crash never leaves a half file under
// the final name. Not thread-safe; one owner at a time.
#ifndef MTCLEAN_PIPELINE_IO_BYTE_STREAM_H_
#define MTCLEAN_PIPELINE_IO_BYTE_STREAM_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "mtclean/status.h"

namespace mtclean {

class ByteReader {
 public:
  virtual ~ByteReader() = default;
  // Reads up to n bytes; 0 at the end.
  virtual StatusOr<size_t> Read(char* buf, size_t n) = 0;
};

class ByteWriter {
 public:
  virtual ~ByteWriter() = default;
  virtual Status Write(std::string_view bytes) = 0;
  // Flushes, closes and moves the file to its final name. Without it the temporary file is
  // removed when the writer is destroyed.
  virtual Status Commit() = 0;
};

// "-" is stdin / stdout.
StatusOr<std::unique_ptr<ByteReader>> OpenByteReader(const std::string& path);
StatusOr<std::unique_ptr<ByteWriter>> OpenByteWriter(const std::string& path);

// Reads everything (for text documents, which are one file each).
Status ReadAll(ByteReader& reader, std::string* out);

// Lines of a stream, without their '\n' (a final '\r' is kept: it is data).
class LineReader {
 public:
  explicit LineReader(std::unique_ptr<ByteReader> reader) : reader_(std::move(reader)) {}
  // Returns false at the end; *line is valid until the next call.
  StatusOr<bool> Next(std::string* line);
  size_t line_number() const { return line_number_; }

 private:
  std::unique_ptr<ByteReader> reader_;
  std::string buffer_;
  size_t start_ = 0;
  bool eof_ = false;
  size_t line_number_ = 0;
};

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_IO_BYTE_STREAM_H_
