#include "pipeline/io/edit_log.h"

#include <cmath>
#include <cstdio>

#include "pipeline/io/document_io.h"

namespace mtclean {
namespace {

void AppendOne(std::string_view doc_id, std::string_view original, const std::string& text,
               const Edit& e, const Pipeline& pipeline, std::string* out) {
  char number[32];
  out->append("{\"doc\":");
  AppendJsonString(doc_id, out);
  out->append(",\"stage\":");
  AppendJsonString(pipeline.stage(e.stage).name(), out);
  out->append(",\"rule\":");
  AppendJsonString(pipeline.RuleId(e), out);
  out->append(",\"action\":\"");
  out->append(EditActionName(e.action()));
  out->append("\",\"start\":");
  out->append(std::to_string(e.in_begin));
  out->append(",\"end\":");
  out->append(std::to_string(e.in_end));
  out->append(",\"before\":");
  AppendJsonString(original.substr(e.in_begin, e.in_end - e.in_begin), out);
  out->append(",\"after\":");
  AppendJsonString(e.is_flag ? std::string_view() : std::string_view(text).substr(
                                                        e.out_begin, e.out_end - e.out_begin),
                   out);
  std::snprintf(number, sizeof number, "%.2f", static_cast<double>(e.confidence));
  out->append(",\"confidence\":");
  out->append(number);
  // A list of the names whose bits are set.
  auto append_names = [&](const char* key, uint32_t bits, size_t count, auto name_of) {
    if (bits == 0) return;
    out->append(",\"").append(key).append("\":[");
    bool first = true;
    for (size_t i = 0; i < count && i < 32; ++i) {
      if ((bits >> i & 1u) == 0) continue;
      if (!first) out->push_back(',');
      first = false;
      AppendJsonString(name_of(i), out);
    }
    out->push_back(']');
  };
  const auto features = pipeline.stage(e.stage).features();
  append_names("features", e.features, features.size(), [&](size_t i) { return features[i]; });
  append_names("merged", e.merged_stages, pipeline.size(), [&](size_t i) { return pipeline.stage(i).name(); });
  if (!e.evidence.empty()) {
    out->append(",\"evidence\":");
    AppendJsonString(e.evidence, out);
  }
  out->append("}\n");
}

}  // namespace

std::string_view EditActionName(EditAction action) {
  switch (action) {
    case EditAction::kReplace: return "replace";
    case EditAction::kInsert: return "insert";
    case EditAction::kDelete: return "delete";
    case EditAction::kFlag: return "flag";
  }
  return "replace";
}

void AppendEditLog(std::string_view doc_id, std::string_view original, const CleanResult& result,
                   const Pipeline& pipeline, std::string* out) {
  size_t i = 0, j = 0;
  while (i < result.edits.size() || j < result.flags.size()) {
    bool take_edit = j == result.flags.size() ||
                     (i < result.edits.size() && result.edits[i].in_begin <= result.flags[j].in_begin);
    const Edit& e = take_edit ? result.edits[i++] : result.flags[j++];
    AppendOne(doc_id, original, result.text, e, pipeline, out);
  }
}

}  // namespace mtclean
