#include "pipeline/batch_runner.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

#include "pipeline/io/byte_stream.h"
#include "pipeline/io/edit_log.h"
#include "pipeline/utf8.h"
#include "stages/unicode/mojibake.h"

namespace mtclean {
namespace {

constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kBatchDocs = 512;

struct Record {
  std::string raw;   // text document, or one JSONL line
  size_t line = 0;   // JSONL line number
};

struct Batch {
  size_t input_index = 0;
  bool last_of_input = false;
  std::vector<Record> records;
  // Filled by a worker:
  std::string output, edit_log, rejected;
  std::vector<std::string> warnings;
  // Only when BatchOptions::on_document is set: each document and its result.
  std::vector<std::pair<Document, CleanResult>> reviewed;
  uint64_t bytes_in = 0, docs_out = 0, docs_dropped = 0, docs_rejected = 0;
};

struct WorkerState {
  std::unique_ptr<Pipeline::Worker> worker;
  JsonlParser parser;
  JsonlRecord record;
};

// Invalid UTF-8 inside a JSONL line makes it unparseable JSON: repair those bytes first, as
// the unicode stage would (a lone byte read as Windows-1252), and say so.
bool RepairLineEncoding(std::string* line) {
  if (utf8::IsValid(*line)) return false;
  std::string fixed;
  fixed.reserve(line->size() + 16);
  for (size_t pos = 0; pos < line->size();) {
    int32_t cp;
    int n = utf8::Decode(*line, pos, &cp);
    if (n > 0) {
      fixed.append(*line, pos, static_cast<size_t>(n));
      pos += static_cast<size_t>(n);
      continue;
    }
    utf8::Append(&fixed, mojibake::InvalidSequenceReplacement(static_cast<uint8_t>((*line)[pos]),
                                                              static_cast<size_t>(-n)));
    pos += static_cast<size_t>(-n);
  }
  line->swap(fixed);
  return true;
}

class Reader {
 public:
  Reader(const std::vector<BatchInput>& inputs) : inputs_(inputs) {}

  // Next batch, nullopt at the end; an I/O error ends the run.
  std::optional<Batch> Next(Status* error) {
    while (index_ < inputs_.size()) {
      const BatchInput& in = inputs_[index_];
      if (!open_) {
        auto reader = OpenByteReader(in.path);
        if (!reader.ok()) {
          *error = reader.status();
          return std::nullopt;
        }
        open_ = true;
        if (in.format == Format::kText) {
          Batch b;
          b.input_index = index_;
          b.last_of_input = true;
          b.records.emplace_back();
          if (Status st = ReadAll(**reader, &b.records.back().raw); !st.ok()) {
            *error = st;
            return std::nullopt;
          }
          ++index_;
          open_ = false;
          return b;
        }
        lines_.emplace(std::move(*reader));
      }
      Batch b;
      b.input_index = index_;
      size_t bytes = 0;
      std::string line;
      while (bytes < kBatchBytes && b.records.size() < kBatchDocs) {
        auto more = lines_->Next(&line);
        if (!more.ok()) {
          *error = more.status();
          return std::nullopt;
        }
        if (!*more) {
          b.last_of_input = true;
          break;
        }
        bytes += line.size();
        b.records.push_back({std::move(line), lines_->line_number()});
        line = std::string();
      }
      if (b.last_of_input) {
        lines_.reset();
        open_ = false;
        ++index_;
      }
      return b;
    }
    return std::nullopt;
  }

 private:
  const std::vector<BatchInput>& inputs_;
  size_t index_ = 0;
  bool open_ = false;
  std::optional<LineReader> lines_;
};

void CleanBatch(const Pipeline& pipeline, const BatchInput& in, const BatchOptions& options,
                bool want_log, WorkerState& ws, Batch& b) {
  for (Record& rec : b.records) {
    b.bytes_in += rec.raw.size();
    if (in.format == Format::kText) {
      Document doc{in.id, std::move(rec.raw), options.language, {}};
      const CleanResult& r = ws.worker->Clean(doc);
      if (want_log) AppendEditLog(doc.id, doc.text, r, pipeline, &b.edit_log);
      if (options.on_document) b.reviewed.emplace_back(doc, r);
      if (r.dropped) {
        ++b.docs_dropped;
      } else {
        b.output.append(r.text);
        ++b.docs_out;
      }
      continue;
    }
    std::string where = (in.path == "-" ? "<stdin>" : in.path) + ":" + std::to_string(rec.line);
    if (rec.raw.empty() || rec.raw.find_first_not_of(" \t\r") == std::string::npos) continue;
    Status st = ws.parser.Parse(rec.raw, options.records, where, &ws.record);
    // simdjson validates UTF-8 as it parses; only a line it rejects is checked and repaired.
    if (!st.ok() && RepairLineEncoding(&rec.raw)) {
      b.warnings.push_back(where + ": invalid UTF-8 repaired before parsing");
      st = ws.parser.Parse(rec.raw, options.records, where, &ws.record);
    }
    if (!st.ok()) {
      ++b.docs_rejected;
      b.warnings.push_back(st.message());
      b.rejected.append(rec.raw);
      b.rejected.push_back('\n');
      continue;
    }
    ws.record.doc.language = options.language;
    const CleanResult& r = ws.worker->Clean(ws.record.doc);
    if (want_log) AppendEditLog(ws.record.doc.id, ws.record.doc.text, r, pipeline, &b.edit_log);
    if (options.on_document) b.reviewed.emplace_back(ws.record.doc, r);
    if (r.dropped) {
      ++b.docs_dropped;
    } else {
      AppendJsonlWithText(rec.raw, ws.record, r.text, &b.output);
      ++b.docs_out;
    }
  }
  b.records.clear();
  b.records.shrink_to_fit();
}

// First pass: every worker observes into its own knowledge; merged at the end.
StatusOr<CorpusKnowledge> Observe(const Pipeline& pipeline, const std::vector<BatchInput>& inputs,
                                  const BatchOptions& options) {
  int jobs = std::max(1, options.jobs);
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(jobs));
  struct ObserverState {
    std::unique_ptr<Pipeline::Worker> worker;
    CorpusKnowledge knowledge;
    JsonlParser parser;
    JsonlRecord record;
  };
  tbb::enumerable_thread_specific<ObserverState> observers(
      [&] { return ObserverState{pipeline.NewWorker(), pipeline.NewCorpusKnowledge(), {}, {}}; });
  Status error;
  Reader reader(inputs);
  if (options.on_phase) options.on_phase("observing");
  uint64_t docs = 0, bytes = 0;
  tbb::parallel_pipeline(
      static_cast<size_t>(2 * jobs + 2),
      tbb::make_filter<void, std::shared_ptr<Batch>>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> std::shared_ptr<Batch> {
            auto b = error.ok() ? reader.Next(&error) : std::nullopt;
            if (!b) {
              fc.stop();
              return nullptr;
            }
            // Progress of the first pass, as read (this filter is serial).
            docs += b->records.size();
            for (const Record& r : b->records) bytes += r.raw.size();
            if (options.on_progress) options.on_progress(docs, bytes);
            return std::make_shared<Batch>(std::move(*b));
          }) &
          tbb::make_filter<std::shared_ptr<Batch>, void>(
              tbb::filter_mode::parallel, [&](std::shared_ptr<Batch> b) {
                ObserverState& os = observers.local();
                const BatchInput& in = inputs[b->input_index];
                for (Record& rec : b->records) {
                  if (in.format == Format::kText) {
                    os.worker->Observe(Document{in.id, std::move(rec.raw), options.language, {}}, os.knowledge);
                    continue;
                  }
                  RepairLineEncoding(&rec.raw);
                  if (os.parser.Parse(rec.raw, options.records, in.path, &os.record).ok())
                    os.worker->Observe(os.record.doc, os.knowledge);
                }
              }));
  if (!error.ok()) return error;
  CorpusKnowledge merged = pipeline.NewCorpusKnowledge();
  for (const ObserverState& os : observers) merged.Merge(os.knowledge);
  return merged;
}

Status WriteKnowledge(const Pipeline& pipeline, const CorpusKnowledge& k, const std::string& path) {
  auto w = OpenByteWriter(path);
  if (!w.ok()) return w.status();
  if (Status st = (*w)->Write(pipeline.SerializeKnowledge(k)); !st.ok()) return st;
  return (*w)->Commit();
}

StatusOr<CorpusKnowledge> ReadKnowledge(const Pipeline& pipeline, const std::string& path) {
  auto r = OpenByteReader(path);
  if (!r.ok()) return r.status();
  std::string bytes;
  if (Status st = ReadAll(**r, &bytes); !st.ok()) return st;
  return pipeline.DeserializeKnowledge(bytes, path);
}

}  // namespace

Status ObserveBatch(const Pipeline& pipeline, const std::vector<BatchInput>& inputs,
                    const BatchOptions& options) {
  auto k = Observe(pipeline, inputs, options);
  if (!k.ok()) return k.status();
  return WriteKnowledge(pipeline, *k, options.corpus_stats_out);
}

Status MergeCorpusStats(const Pipeline& pipeline, const std::vector<std::string>& paths,
                        const std::string& out_path) {
  CorpusKnowledge merged = pipeline.NewCorpusKnowledge();
  for (const std::string& p : paths) {
    auto k = ReadKnowledge(pipeline, p);
    if (!k.ok()) return k.status();
    merged.Merge(*k);
  }
  return WriteKnowledge(pipeline, merged, out_path);
}

StatusOr<RunStats> RunBatch(const Pipeline& pipeline, const std::vector<BatchInput>& inputs,
                            const BatchOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  // Batch knowledge first: loaded, or observed in a pass of its own over the inputs.
  CorpusKnowledge knowledge;
  bool have_knowledge = false;
  if (!options.corpus_stats_in.empty()) {
    auto k = ReadKnowledge(pipeline, options.corpus_stats_in);
    if (!k.ok()) return k.status();
    knowledge = std::move(*k);
    have_knowledge = true;
  } else if (options.observe && pipeline.NeedsObservation() &&
             std::none_of(inputs.begin(), inputs.end(), [](const BatchInput& in) { return in.path == "-"; })) {
    auto k = Observe(pipeline, inputs, options);
    if (!k.ok()) return k.status();
    knowledge = std::move(*k);
    have_knowledge = true;
  }
  if (have_knowledge && !options.corpus_stats_out.empty())
    if (Status st = WriteKnowledge(pipeline, knowledge, options.corpus_stats_out); !st.ok()) return st;
  int jobs = std::max(1, options.jobs);
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<size_t>(jobs));
  tbb::enumerable_thread_specific<WorkerState> workers(
      [&] {
        WorkerState ws{pipeline.NewWorker(), {}, {}};
        if (have_knowledge) ws.worker->SetCorpus(&knowledge);
        return ws;
      });

  std::unique_ptr<ByteWriter> edit_log, rejected;
  if (!options.edits_path.empty()) {
    auto w = OpenByteWriter(options.edits_path);
    if (!w.ok()) return w.status();
    edit_log = std::move(*w);
  }
  if (!options.rejected_path.empty()) {
    auto w = OpenByteWriter(options.rejected_path);
    if (!w.ok()) return w.status();
    rejected = std::move(*w);
  }

  RunStats stats;
  Status error;
  Reader reader(inputs);
  if (options.on_phase) options.on_phase("cleaning");
  std::unique_ptr<ByteWriter> out;
  std::string out_path;
  bool want_log = edit_log != nullptr;

  auto write = [&](ByteWriter* w, std::string_view bytes) {
    if (w != nullptr && !bytes.empty() && error.ok()) error = w->Write(bytes);
  };

  tbb::parallel_pipeline(
      static_cast<size_t>(2 * jobs + 2),
      tbb::make_filter<void, std::shared_ptr<Batch>>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> std::shared_ptr<Batch> {
            if (!error.ok()) {
              fc.stop();
              return nullptr;
            }
            auto b = reader.Next(&error);
            if (!b) {
              fc.stop();
              return nullptr;
            }
            return std::make_shared<Batch>(std::move(*b));
          }) &
          tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<Batch>>(
              tbb::filter_mode::parallel,
              [&](std::shared_ptr<Batch> b) {
                CleanBatch(pipeline, inputs[b->input_index], options, want_log, workers.local(), *b);
                return b;
              }) &
          tbb::make_filter<std::shared_ptr<Batch>, void>(
              tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Batch> b) {
                const BatchInput& in = inputs[b->input_index];
                if (error.ok() && !options.discard_output && (out == nullptr || out_path != in.output_path)) {
                  if (out != nullptr) error = out->Commit();
                  out.reset();
                  if (error.ok()) {
                    auto w = OpenByteWriter(in.output_path);
                    if (w.ok()) out = std::move(*w);
                    else error = w.status();
                    out_path = in.output_path;
                  }
                }
                write(out.get(), b->output);
                write(edit_log.get(), b->edit_log);
                write(rejected.get(), b->rejected);
                if (options.on_warning)
                  for (const auto& w : b->warnings) options.on_warning(w);
                if (options.on_document)
                  for (const auto& [doc, result] : b->reviewed) options.on_document(doc, result);
                stats.docs_in += b->docs_out + b->docs_dropped + b->docs_rejected;
                stats.docs_out += b->docs_out;
                stats.docs_dropped += b->docs_dropped;
                stats.docs_rejected += b->docs_rejected;
                stats.bytes_in += b->bytes_in;
                stats.bytes_out += b->output.size();
                if (options.on_progress) options.on_progress(stats.docs_in, stats.bytes_in);
              }));

  if (error.ok() && out != nullptr) error = out->Commit();
  if (error.ok() && edit_log != nullptr) error = edit_log->Commit();
  if (error.ok() && rejected != nullptr) error = rejected->Commit();
  if (!error.ok()) return error;

  stats.stages.resize(pipeline.size());
  for (const WorkerState& ws : workers)
    for (size_t i = 0; i < pipeline.size(); ++i) stats.stages[i] += ws.worker->stats()[i];
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace mtclean
