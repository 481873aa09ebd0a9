// Documents in and out of files: plain text (one file, one document) and JSONL (one
// document per line, the text in one field, every other byte of the line passed through).
#ifndef MTCLEAN_PIPELINE_IO_DOCUMENT_IO_H_
#define MTCLEAN_PIPELINE_IO_DOCUMENT_IO_H_

#include <memory>
#include <string>
#include <string_view>

#include "mtclean/document.h"
#include "mtclean/status.h"

namespace mtclean {

enum class Format { kText, kJsonl };

// .jsonl, .ndjson, .json (before an optional .gz or .zst) are JSONL; everything else text.
Format GuessFormat(std::string_view path);

struct RecordOptions {
  Format format = Format::kText;
  std::string text_field = "text";
  std::string id_field = "id";
};

// A JSONL line parsed in place: the document, and where its text value sits in the line so
// the output can replace exactly those bytes.
struct JsonlRecord {
  Document doc;
  size_t text_begin = 0, text_end = 0;  // the text value's JSON token in the line
};

// Parses JSONL lines; one per worker (simdjson's parser is not thread-safe).
class JsonlParser {
 public:
  JsonlParser();
  ~JsonlParser();
  JsonlParser(JsonlParser&&) noexcept;
  JsonlParser& operator=(JsonlParser&&) noexcept;
  // `where` ("file:line") prefixes error messages and is the id when the line has none.
  Status Parse(std::string_view line, const RecordOptions& options, const std::string& where,
               JsonlRecord* record);

 private:
  // simdjson stays out of this header: its types depend on compile definitions
  // (SIMDJSON_THREADS_ENABLED) that only the library's own files are built with.
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends `line` with its text value replaced by `text` (JSON-escaped) and a newline.
void AppendJsonlWithText(std::string_view line, const JsonlRecord& record, std::string_view text,
                         std::string* out);
// Appends `s` as a JSON string literal; invalid UTF-8 becomes U+FFFD.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_IO_DOCUMENT_IO_H_
