#include "pipeline/stats.h"

#include <nlohmann/json.hpp>

namespace mtclean {

StageStats& StageStats::operator+=(const StageStats& o) {
  docs_in += o.docs_in;
  docs_changed += o.docs_changed;
  docs_dropped += o.docs_dropped;
  bytes_in += o.bytes_in;
  bytes_out += o.bytes_out;
  nanoseconds += o.nanoseconds;
  if (edits_per_rule.size() < o.edits_per_rule.size()) edits_per_rule.resize(o.edits_per_rule.size());
  if (flags_per_rule.size() < o.flags_per_rule.size()) flags_per_rule.resize(o.flags_per_rule.size());
  for (size_t i = 0; i < o.edits_per_rule.size(); ++i) edits_per_rule[i] += o.edits_per_rule[i];
  for (size_t i = 0; i < o.flags_per_rule.size(); ++i) flags_per_rule[i] += o.flags_per_rule[i];
  return *this;
}

std::string RunStatsToJson(const RunStats& s, const Pipeline& pipeline) {
  nlohmann::ordered_json j;
  j["pipeline"] = pipeline.spec().source;
  j["documents"] = {{"in", s.docs_in},
                    {"out", s.docs_out},
                    {"dropped", s.docs_dropped},
                    {"rejected", s.docs_rejected}};
  j["bytes"] = {{"in", s.bytes_in}, {"out", s.bytes_out}};
  j["seconds"] = s.seconds;
  j["mb_per_second"] = s.seconds > 0 ? static_cast<double>(s.bytes_in) / 1e6 / s.seconds : 0.0;
  nlohmann::ordered_json stages = nlohmann::ordered_json::array();
  for (size_t i = 0; i < s.stages.size() && i < pipeline.size(); ++i) {
    const StageStats& st = s.stages[i];
    const Stage& stage = pipeline.stage(i);
    nlohmann::ordered_json rules = nlohmann::ordered_json::object();
    auto infos = stage.rules();
    for (size_t r = 0; r < infos.size(); ++r) {
      uint64_t edits = r < st.edits_per_rule.size() ? st.edits_per_rule[r] : 0;
      uint64_t flags = r < st.flags_per_rule.size() ? st.flags_per_rule[r] : 0;
      if (edits + flags == 0) continue;
      rules[std::string(infos[r].id)] = {{"edits", edits}, {"flags", flags}};
    }
    double secs = static_cast<double>(st.nanoseconds) / 1e9;
    stages.push_back({{"stage", stage.name()},
                      {"documents", {{"in", st.docs_in}, {"changed", st.docs_changed},
                                     {"dropped", st.docs_dropped}}},
                      {"bytes", {{"in", st.bytes_in}, {"out", st.bytes_out}}},
                      {"cpu_seconds", secs},
                      {"mb_per_cpu_second",
                       secs > 0 ? static_cast<double>(st.bytes_in) / 1e6 / secs : 0.0},
                      {"rules", rules}});
  }
  j["stages"] = stages;
  return j.dump(2) + "\n";
}

std::string StageSummaryLine(const StageStats& st, const Stage& stage) {
  uint64_t edits = 0, flags = 0;
  std::string detail;
  auto infos = stage.rules();
  for (size_t r = 0; r < infos.size(); ++r) {
    uint64_t e = r < st.edits_per_rule.size() ? st.edits_per_rule[r] : 0;
    uint64_t f = r < st.flags_per_rule.size() ? st.flags_per_rule[r] : 0;
    edits += e;
    flags += f;
    if (e + f == 0) continue;
    if (!detail.empty()) detail += ", ";
    detail += std::string(infos[r].id) + " " + std::to_string(e + f);
  }
  std::string line = std::string(stage.name()) + ": " + std::to_string(st.docs_in) + " docs, " +
                     std::to_string(st.docs_changed) + " changed, " +
                     std::to_string(st.docs_dropped) + " dropped; " + std::to_string(edits) +
                     " edits, " + std::to_string(flags) + " flags";
  if (!detail.empty()) line += " (" + detail + ")";
  return line;
}

}  // namespace mtclean
