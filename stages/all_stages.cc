// Every stage this build knows, in the order `mtclean stages` lists them. Add new stages here.
#include <vector>

#include "pipeline/stage_registry.h"
#include "stages/boilerplate/boilerplate_stage.h"
#include "stages/diacritics/diacritics_stage.h"
#include "stages/garbled/garbled_stage.h"
#include "stages/names/names_stage.h"
#include "stages/punctuation/punctuation_stage.h"
#include "stages/unicode/unicode_stage.h"

namespace mtclean {

std::span<const StageDescriptor> AllStages() {
  static const std::vector<StageDescriptor> kStages = {
      UnicodeStageDescriptor(),
      BoilerplateStageDescriptor(),
      PunctuationStageDescriptor(),
      DiacriticsStageDescriptor(),
      NamesStageDescriptor(),
      GarbledStageDescriptor(),
  };
  return kStages;
}

}  // namespace mtclean
