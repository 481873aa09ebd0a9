// The edit log: one JSON object per line per edit or flag, offsets into the original.
#ifndef MTCLEAN_PIPELINE_IO_EDIT_LOG_H_
#define MTCLEAN_PIPELINE_IO_EDIT_LOG_H_

#include <string>
#include <string_view>

#include "mtclean/pipeline.h"

namespace mtclean {

// Appends the log lines of one cleaned document, in order of position:
// {"doc","stage","rule","action","start","end","before","after","confidence"}; "features":
// [names] when the edit carries the signs behind it (Stage::features()); "evidence": what
// the stage saw, in words, when it says (a flag of the garbled stage); and, when
// edits of several stages touched the same bytes, "merged": [earlier stages].
void AppendEditLog(std::string_view doc_id, std::string_view original, const CleanResult& result,
                   const Pipeline& pipeline, std::string* out);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_IO_EDIT_LOG_H_
