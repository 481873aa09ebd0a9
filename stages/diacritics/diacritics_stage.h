// The `diacritics` stage: accents a careless encoder dropped, and letters dropped with them
// in English text. See stages/diacritics/README.md.
#ifndef MTCLEAN_STAGES_DIACRITICS_DIACRITICS_STAGE_H_
#define MTCLEAN_STAGES_DIACRITICS_DIACRITICS_STAGE_H_

#include <string>

#include "mtclean/stage.h"

namespace mtclean {

const StageDescriptor& DiacriticsStageDescriptor();
// $MTCLEAN_ENGLISH_ACCENTED, else the build's list of spellings beyond ASCII of English place names.
std::string DefaultEnglishAccented();

}  // namespace mtclean

#endif  // MTCLEAN_STAGES_DIACRITICS_DIACRITICS_STAGE_H_
