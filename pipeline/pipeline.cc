#include "mtclean/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "pipeline/edit_compose.h"
#include "pipeline/stage_registry.h"

namespace mtclean {

StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineSpec& spec,
                                                     const StageEnvironment& env) {
  auto pipeline = std::unique_ptr<Pipeline>(new Pipeline());
  pipeline->spec_ = spec;
  if (spec.stages.size() > 32)
    return Status::Error(spec.source + ": at most 32 stages are supported");
  for (const StageSpec& s : spec.stages) {
    const StageDescriptor* desc = FindStage(s.name);
    if (desc == nullptr) return Status::Error(s.origin + ": unknown stage '" + s.name + "'");
    auto stage = desc->create(s.options, env);
    if (!stage.ok()) return Status::Error(s.origin + ": stage '" + s.name + "': " +
                                          stage.status().message());
    pipeline->stages_.push_back(std::move(stage).value());
  }
  return pipeline;
}

StatusOr<std::unique_ptr<Pipeline>> Pipeline::FromPreset(std::string_view name_or_path) {
  auto spec = LoadPipelineSpec(name_or_path);
  if (!spec.ok()) return spec.status();
  return Create(*spec, StageEnvironment{DefaultDataDir()});
}

Pipeline::Worker::Worker(const Pipeline& pipeline) : pipeline_(pipeline) {
  for (const auto& stage : pipeline.stages_) {
    scratch_.push_back(stage->NewScratch());
    StageStats st;
    st.edits_per_rule.assign(stage->rules().size(), 0);
    st.flags_per_rule.assign(stage->rules().size(), 0);
    stats_.push_back(std::move(st));
  }
}

const CleanResult& Pipeline::Worker::Clean(const Document& doc) {
  CleanResult& r = result_;
  r.text = doc.text;
  r.edits.clear();
  r.flags.clear();
  r.dropped = false;
  r.drop_reason.clear();
  r.drop_stage = -1;
  TextRewriter rewriter;
  // Stages run in order; when one changes the text, every other stage may have new work
  // (punctuation deleting a space can join the halves of a mojibake sequence), so the
  // lowest-numbered stage that has not seen the current text runs next, until all have.
  // Each stage is idempotent on its own, so a clean document costs one run per stage and a
  // repaired one usually a rerun of the cheap stages before the last that changed it.
  const size_t n = pipeline_.stages_.size();
  pending_.assign(n, 1);
  runs_.assign(n, 0);
  changed_.assign(n, 0);
  for (size_t budget = 8 * n; budget > 0; --budget) {
    size_t i = 0;
    while (i < n && !pending_[i]) ++i;
    if (i == n) break;
    pending_[i] = 0;
    const Stage& stage = *pipeline_.stages_[i];
    StageStats& st = stats_[i];
    const bool first_run = runs_[i]++ == 0;
    auto t0 = std::chrono::steady_clock::now();
    rewriter.Reset(r.text, &buffer_, &stage_edits_, &stage_flags_);
    StageContext ctx{doc, scratch_[i].get(), rewriter, false, {},
                     corpus_ != nullptr && i < corpus_->stages.size() ? corpus_->stages[i].get() : nullptr};
    stage.Process(r.text, ctx);
    rewriter.Finish();
    const auto stage_index = static_cast<uint16_t>(i);
    // Flags are in this stage's input coordinates: map them to the original. A rerun finds
    // the same spans again, so only the first run's flags are kept.
    if (first_run)
      for (Edit f : stage_flags_) {
        f.stage = stage_index;
        f.in_begin = MapToInput(r.edits, f.in_begin, false);
        f.in_end = std::max(f.in_begin, MapToInput(r.edits, f.in_end, true));
        f.out_begin = f.out_end = 0;
        r.flags.push_back(f);
        ++st.flags_per_rule[f.rule];
      }
    if (first_run) {
      ++st.docs_in;
      st.bytes_in += r.text.size();
    }
    if (!stage_edits_.empty()) {
      if (!changed_[i]) ++st.docs_changed;
      changed_[i] = 1;
      for (Edit& e : stage_edits_) {
        e.stage = stage_index;
        ++st.edits_per_rule[e.rule];
      }
      ComposeEdits(r.edits, stage_edits_, &composed_);
      r.edits.swap(composed_);
      r.text.swap(buffer_);
      for (size_t j = 0; j < n; ++j) pending_[j] = j != i || !stage.idempotent();
    }
    if (first_run) st.bytes_out += r.text.size();
    st.nanoseconds += static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                std::chrono::steady_clock::now() - t0)
                                                .count());
    if (ctx.drop) {
      ++st.docs_dropped;
      r.dropped = true;
      r.drop_reason = ctx.drop_reason;
      r.drop_stage = static_cast<int>(i);
      break;
    }
  }
  std::stable_sort(r.flags.begin(), r.flags.end(),
                   [](const Edit& a, const Edit& b) { return a.in_begin < b.in_begin; });
  return r;
}

void CorpusKnowledge::Merge(const CorpusKnowledge& other) {
  for (size_t i = 0; i < stages.size() && i < other.stages.size(); ++i)
    if (stages[i] != nullptr && other.stages[i] != nullptr) stages[i]->Merge(*other.stages[i]);
}

bool Pipeline::NeedsObservation() const {
  for (const auto& stage : stages_)
    if (stage->NewCorpusStats() != nullptr) return true;
  return false;
}

CorpusKnowledge Pipeline::NewCorpusKnowledge() const {
  CorpusKnowledge k;
  for (const auto& stage : stages_) k.stages.push_back(stage->NewCorpusStats());
  return k;
}

void Pipeline::Worker::Observe(const Document& doc, CorpusKnowledge& knowledge) const {
  for (size_t i = 0; i < pipeline_.stages_.size() && i < knowledge.stages.size(); ++i)
    if (knowledge.stages[i] != nullptr) pipeline_.stages_[i]->Observe(doc.text, *knowledge.stages[i]);
}

namespace {
constexpr std::string_view kKnowledgeMagic = "mtclean-corpus-stats 1\n";

void AppendSized(std::string* out, std::string_view part) {
  uint64_t n = part.size();
  out->append(reinterpret_cast<const char*>(&n), sizeof n);
  out->append(part);
}

bool ReadSized(std::string_view* in, std::string_view* part) {
  uint64_t n;
  if (in->size() < sizeof n) return false;
  std::memcpy(&n, in->data(), sizeof n);
  in->remove_prefix(sizeof n);
  if (in->size() < n) return false;
  *part = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}
}  // namespace

std::string Pipeline::SerializeKnowledge(const CorpusKnowledge& knowledge) const {
  std::string out(kKnowledgeMagic);
  for (size_t i = 0; i < stages_.size(); ++i) {
    AppendSized(&out, stages_[i]->name());
    std::string part;
    if (i < knowledge.stages.size() && knowledge.stages[i] != nullptr) knowledge.stages[i]->Serialize(&part);
    AppendSized(&out, part);
  }
  return out;
}

StatusOr<CorpusKnowledge> Pipeline::DeserializeKnowledge(std::string_view bytes,
                                                         const std::string& origin) const {
  if (bytes.substr(0, kKnowledgeMagic.size()) != kKnowledgeMagic)
    return Status::Error(origin + ": not an mtclean corpus statistics file");
  bytes.remove_prefix(kKnowledgeMagic.size());
  CorpusKnowledge k = NewCorpusKnowledge();
  for (size_t i = 0; i < stages_.size(); ++i) {
    std::string_view name, part;
    if (!ReadSized(&bytes, &name) || !ReadSized(&bytes, &part))
      return Status::Error(origin + ": truncated corpus statistics");
    if (name != stages_[i]->name())
      return Status::Error(origin + ": made by a pipeline with stage '" + std::string(name) +
                           "' where this one has '" + std::string(stages_[i]->name()) + "'");
    if (k.stages[i] != nullptr && !part.empty())
      if (Status st = k.stages[i]->Deserialize(part); !st.ok())
        return Status::Error(origin + ": " + st.message());
  }
  return k;
}

}  // namespace mtclean
