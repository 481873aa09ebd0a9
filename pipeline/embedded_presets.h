// Presets from pipeline/presets/*.pipeline, compiled in by cmake/EmbedPresets.cmake.
#ifndef MTCLEAN_PIPELINE_EMBEDDED_PRESETS_H_
#define MTCLEAN_PIPELINE_EMBEDDED_PRESETS_H_

#include <string_view>
#include <vector>

namespace mtclean {

struct EmbeddedPreset {
  std::string_view name;
  std::string_view text;
};
const std::vector<EmbeddedPreset>& EmbeddedPresets();

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_EMBEDDED_PRESETS_H_
