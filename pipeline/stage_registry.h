// The registry of stages known to this build (listed in stages/all_stages.cc).
#ifndef MTCLEAN_PIPELINE_STAGE_REGISTRY_H_
#define MTCLEAN_PIPELINE_STAGE_REGISTRY_H_

#include <span>
#include <string_view>

#include "mtclean/stage.h"

namespace mtclean {

// Every stage, in the order `mtclean stages` lists them. Defined in stages/all_stages.cc:
// an explicit list, because self-registering statics are dropped by the linker from
// static libraries.
std::span<const StageDescriptor> AllStages();
const StageDescriptor* FindStage(std::string_view name);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_STAGE_REGISTRY_H_
