// Parser and validator for pipeline files (format in pipeline/presets/README.md).
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "mtclean/pipeline.h"
#include "pipeline/embedded_presets.h"
#include "pipeline/stage_registry.h"

namespace mtclean {
namespace {

std::string Join(const std::vector<std::string_view>& items) {
  std::string s;
  for (auto item : items) {
    if (!s.empty()) s += ", ";
    s += item;
  }
  return s;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Checks `value` against the option's type; returns what was expected, or "" when fine.
std::string CheckValue(const OptionInfo& opt, const std::string& value) {
  switch (opt.type) {
    case OptionType::kBool:
      if (value == "true" || value == "false" || value == "1" || value == "0" ||
          value == "yes" || value == "no")
        return {};
      return "true or false";
    case OptionType::kInt: {
      errno = 0;
      char* end = nullptr;
      std::strtoll(value.c_str(), &end, 10);
      if (!value.empty() && *end == '\0' && errno == 0) return {};
      return "an integer";
    }
    case OptionType::kDouble: {
      errno = 0;
      char* end = nullptr;
      std::strtod(value.c_str(), &end);
      if (!value.empty() && *end == '\0' && errno == 0) return {};
      return "a number";
    }
    case OptionType::kString:
      return {};
  }
  return {};
}

}  // namespace

StatusOr<PipelineSpec> ParsePipelineSpec(std::string_view text, std::string_view source) {
  PipelineSpec spec;
  spec.source = std::string(source);
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == text.npos ? std::string_view() : text.substr(nl + 1);
    if (size_t hash = line.find('#'); hash != line.npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;

    std::string where = std::string(source) + ":" + std::to_string(line_no) + ": ";
    std::vector<std::string_view> words;
    for (size_t pos = 0; pos < line.size();) {
      size_t end = line.find_first_of(" \t", pos);
      if (end == line.npos) end = line.size();
      if (end > pos) words.push_back(line.substr(pos, end - pos));
      pos = end + 1;
    }
    const StageDescriptor* desc = FindStage(words[0]);
    if (desc == nullptr) {
      std::vector<std::string_view> known;
      for (const auto& d : AllStages()) known.push_back(d.name);
      return Status::Error(where + "unknown stage '" + std::string(words[0]) +
                           "' (expected one of: " + Join(known) + ")");
    }
    StageSpec stage;
    stage.name = std::string(desc->name);
    stage.origin = std::string(source) + ":" + std::to_string(line_no);
    for (const OptionInfo& opt : desc->options)
      stage.options.Set(std::string(opt.name), std::string(opt.default_value));
    for (size_t w = 1; w < words.size(); ++w) {
      size_t eq = words[w].find('=');
      if (eq == std::string_view::npos || eq == 0)
        return Status::Error(where + "expected key=value after stage '" + stage.name +
                             "', got '" + std::string(words[w]) + "'");
      std::string key(words[w].substr(0, eq)), value(words[w].substr(eq + 1));
      const OptionInfo* opt = nullptr;
      for (const OptionInfo& o : desc->options)
        if (o.name == key) opt = &o;
      if (opt == nullptr) {
        std::vector<std::string_view> names;
        for (const OptionInfo& o : desc->options) names.push_back(o.name);
        return Status::Error(where + "stage '" + stage.name + "' has no option '" + key +
                             "' (expected one of: " + (names.empty() ? "none" : Join(names)) + ")");
      }
      if (std::string expected = CheckValue(*opt, value); !expected.empty())
        return Status::Error(where + "option '" + key + "' of stage '" + stage.name +
                             "' expects " + expected + ", got '" + value + "'");
      stage.options.Set(key, value);
    }
    spec.stages.push_back(std::move(stage));
  }
  if (spec.stages.empty())
    return Status::Error(std::string(source) + ": no stages (expected one stage name per line)");
  return spec;
}

std::vector<std::string> PresetNames() {
  std::vector<std::string> names;
  for (const auto& p : EmbeddedPresets()) names.emplace_back(p.name);
  return names;
}

StatusOr<PipelineSpec> LoadPipelineSpec(std::string_view name_or_path) {
  bool looks_like_path = name_or_path.find('/') != name_or_path.npos ||
                         name_or_path.find('.') != name_or_path.npos;
  if (!looks_like_path) {
    for (const auto& p : EmbeddedPresets())
      if (p.name == name_or_path)
        return ParsePipelineSpec(p.text, "pipeline/presets/" + std::string(p.name) + ".pipeline");
  }
  std::ifstream in{std::string(name_or_path)};
  if (!in) {
    std::vector<std::string_view> names;
    for (const auto& p : EmbeddedPresets()) names.push_back(p.name);
    return Status::Error("pipeline '" + std::string(name_or_path) +
                         "' is neither a preset (" + Join(names) + ") nor a readable file");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return ParsePipelineSpec(buf.str(), name_or_path);
}

}  // namespace mtclean
