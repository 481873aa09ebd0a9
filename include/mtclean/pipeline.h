// Pipeline: an ordered chain of stages, and the per-worker runner that cleans documents.
//
// A Pipeline is created once from a validated spec and is immutable and thread-safe. Each
// thread that cleans documents makes its own Pipeline::Worker (not thread-safe, reused for
// every document so buffers and caches stay warm). Example:
//
//   auto pipeline = mtclean::Pipeline::FromPreset("default");
//   if (!pipeline.ok()) { std::cerr << pipeline.status().message() << "\n"; return 1; }
//   auto worker = (*pipeline)->NewWorker();
//   const mtclean::CleanResult& r = worker->Clean({.id = "a", .text = raw});
//   // r.text is clean; r.edits map every change back to byte offsets in `raw`.
#ifndef MTCLEAN_PIPELINE_H_
#define MTCLEAN_PIPELINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mtclean/document.h"
#include "mtclean/edit.h"
#include "mtclean/stage.h"
#include "mtclean/status.h"

namespace mtclean {

struct StageSpec {
  std::string name;
  StageOptions options;  // every declared option, defaults filled in
  std::string origin;    // "file:line" for messages
};

struct PipelineSpec {
  std::string source;  // preset name or file path
  std::vector<StageSpec> stages;
};

// Parses the pipeline format (see pipeline/presets/default.pipeline): one stage per line,
// `name key=value ...`, `#` comments. Everything is validated against the registry.
StatusOr<PipelineSpec> ParsePipelineSpec(std::string_view text, std::string_view source);
// `name_or_path`: a preset name ("default") or a path to a pipeline file.
StatusOr<PipelineSpec> LoadPipelineSpec(std::string_view name_or_path);
std::vector<std::string> PresetNames();

// Directory the stages read their data from: $MTCLEAN_DATA_DIR, else the build default.
std::string DefaultDataDir();

struct StageStats {
  uint64_t docs_in = 0, docs_changed = 0, docs_dropped = 0;
  uint64_t bytes_in = 0, bytes_out = 0;
  uint64_t nanoseconds = 0;
  std::vector<uint64_t> edits_per_rule;  // indexed like the stage's rules()
  std::vector<uint64_t> flags_per_rule;
  StageStats& operator+=(const StageStats& other);
};

struct CleanResult {
  std::string text;          // the clean text
  std::vector<Edit> edits;   // original -> text, sorted, non-overlapping
  std::vector<Edit> flags;   // spans of the original marked for review, sorted
  bool dropped = false;
  std::string drop_reason;
  int drop_stage = -1;
};

// The batch knowledge of every stage that observes (null entries for those that do not).
struct CorpusKnowledge {
  std::vector<std::unique_ptr<CorpusStats>> stages;
  void Merge(const CorpusKnowledge& other);
};

class Pipeline {
 public:
  static StatusOr<std::unique_ptr<Pipeline>> Create(const PipelineSpec& spec,
                                                    const StageEnvironment& env);
  static StatusOr<std::unique_ptr<Pipeline>> FromPreset(std::string_view name_or_path);

  class Worker {
   public:
    explicit Worker(const Pipeline& pipeline);
    // Cleans one document. The result stays valid until the next call.
    const CleanResult& Clean(const Document& doc);
    const std::vector<StageStats>& stats() const { return stats_; }
    // Feeds one document's raw text to the observing stages.
    void Observe(const Document& doc, CorpusKnowledge& knowledge) const;
    // Knowledge to clean with from now on (may be null); must outlive the worker's use.
    void SetCorpus(const CorpusKnowledge* knowledge) { corpus_ = knowledge; }

   private:
    const Pipeline& pipeline_;
    std::vector<std::unique_ptr<StageScratch>> scratch_;
    std::vector<StageStats> stats_;
    CleanResult result_;
    std::string buffer_;
    std::vector<Edit> stage_edits_, stage_flags_, composed_;
    std::vector<uint8_t> pending_, runs_, changed_;  // per stage, for the current document
    const CorpusKnowledge* corpus_ = nullptr;
  };

  std::unique_ptr<Worker> NewWorker() const { return std::make_unique<Worker>(*this); }
  size_t size() const { return stages_.size(); }
  const Stage& stage(size_t i) const { return *stages_[i]; }
  std::string_view RuleId(const Edit& e) const { return stages_[e.stage]->rules()[e.rule].id; }
  const PipelineSpec& spec() const { return spec_; }

  // Whether any stage learns from the batch before cleaning (then batch runs read their
  // input twice), and empty knowledge for them.
  bool NeedsObservation() const;
  CorpusKnowledge NewCorpusKnowledge() const;
  // The knowledge as bytes (a header naming the pipeline's stages, then each stage's part),
  // and back; loading checks that the file was made by the same stages.
  std::string SerializeKnowledge(const CorpusKnowledge& knowledge) const;
  StatusOr<CorpusKnowledge> DeserializeKnowledge(std::string_view bytes, const std::string& origin) const;

 private:
  PipelineSpec spec_;
  std::vector<std::unique_ptr<Stage>> stages_;
};

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_H_
