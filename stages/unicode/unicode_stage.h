// The `unicode` stage: makes the bytes of a document a clean, normalised UTF-8 text.
// Rules and examples: stages/unicode/README.md.
#ifndef MTCLEAN_STAGES_UNICODE_UNICODE_STAGE_H_
#define MTCLEAN_STAGES_UNICODE_UNICODE_STAGE_H_

#include "mtclean/stage.h"

namespace mtclean {

const StageDescriptor& UnicodeStageDescriptor();

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_UNICODE_UNICODE_STAGE_H_
