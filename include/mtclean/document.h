// Document: the unit that flows through a pipeline.
#ifndef MTCLEAN_DOCUMENT_H_
#define MTCLEAN_DOCUMENT_H_

#include <string>

namespace mtclean {

struct Document {
  std::string id;               // file path, JSONL id field, or "FILE:LINE"
  std::string text;             // UTF-8 (stages repair it when it is not)
  std::string language;         // BCP-47 code if known ("en"), empty when unknown
  std::string source_language;  // language the text was translated from, if known
};

}  // namespace mtclean

#endif  // MTCLEAN_DOCUMENT_H_
