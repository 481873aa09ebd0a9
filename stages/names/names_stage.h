// The `names` stage: names broken by another language's spelling rules, repaired against the
// gazetteer (lexicon/gazetteer.h) when sure, flagged otherwise. See stages/names/README.md.
#ifndef MTCLEAN_STAGES_NAMES_NAMES_STAGE_H_
#define MTCLEAN_STAGES_NAMES_NAMES_STAGE_H_

#include <memory>
#include <string>

#include "lexicon/gazetteer.h"
#include "mtclean/stage.h"

namespace mtclean {

const StageDescriptor& NamesStageDescriptor();
// $MTCLEAN_GAZETTEER, else the gazetteer the build compiled.
std::string DefaultGazetteerPath();
// The gazetteer a stage's `gazetteer` option names (empty: the default), with an error that
// says how to get one. Stages that name the same file share one mapping of it (mapped
// twice, its 40 MB counted twice in the process's memory).
StatusOr<std::shared_ptr<const Gazetteer>> OpenStageGazetteer(const std::string& option);

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_NAMES_STAGE_H_
