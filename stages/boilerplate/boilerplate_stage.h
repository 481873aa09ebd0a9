// The `boilerplate` stage: removes the web page around an article, and repeated lines.
// Rules and examples: stages/boilerplate/README.md.
#ifndef MTCLEAN_STAGES_BOILERPLATE_BOILERPLATE_STAGE_H_
#define MTCLEAN_STAGES_BOILERPLATE_BOILERPLATE_STAGE_H_

#include "mtclean/stage.h"

namespace mtclean {

const StageDescriptor& BoilerplateStageDescriptor();

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_BOILERPLATE_BOILERPLATE_STAGE_H_
