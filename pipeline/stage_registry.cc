#include "pipeline/stage_registry.h"

#include <cerrno>
#include <cstdlib>

namespace mtclean {

const StageDescriptor* FindStage(std::string_view name) {
  for (const StageDescriptor& d : AllStages())
    if (d.name == name) return &d;
  return nullptr;
}

// Values were checked by the spec parser; these only convert.
bool StageOptions::GetBool(std::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() && (it->second == "true" || it->second == "1" || it->second == "yes");
}
int64_t StageOptions::GetInt(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? 0 : std::strtoll(it->second.c_str(), nullptr, 10);
}
double StageOptions::GetDouble(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? 0.0 : std::strtod(it->second.c_str(), nullptr);
}
const std::string& StageOptions::GetString(std::string_view name) const {
  static const std::string kEmpty;
  auto it = values_.find(name);
  return it == values_.end() ? kEmpty : it->second;
}

}  // namespace mtclean
