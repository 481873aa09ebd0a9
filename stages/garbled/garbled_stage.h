// The `garbled` stage: sentences machine translation left broken (a word loop, a capital in
// mid-sentence, a sentence cut in half, tags no English sentence has) are repaired where it
// is safe and flagged with the evidence otherwise. See stages/garbled/README.md.
#ifndef MTCLEAN_STAGES_GARBLED_GARBLED_STAGE_H_
#define MTCLEAN_STAGES_GARBLED_GARBLED_STAGE_H_

#include <string>

#include "mtclean/stage.h"

namespace mtclean {

const StageDescriptor& GarbledStageDescriptor();
// $MTCLEAN_GRAMMAR, else the model the build counted (build/grammar/en.grammar).
std::string DefaultGrammarPath();

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_GARBLED_GARBLED_STAGE_H_
