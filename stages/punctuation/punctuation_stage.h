// The `punctuation` stage: spacing and doubling of punctuation, missing spaces after
// sentence ends, and curly-quote pairs. Rules and examples: stages/punctuation/README.md.
#ifndef MTCLEAN_STAGES_PUNCTUATION_PUNCTUATION_STAGE_H_
#define MTCLEAN_STAGES_PUNCTUATION_PUNCTUATION_STAGE_H_

#include <string_view>

#include "mtclean/stage.h"

namespace mtclean {

const StageDescriptor& PunctuationStageDescriptor();

// Whether `token` (a run of non-space characters) is a URL, e-mail address, domain or file
// name, whose dots and colons must never be touched.
bool LooksLikeAddressOrFile(std::string_view token);

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_PUNCTUATION_PUNCTUATION_STAGE_H_
