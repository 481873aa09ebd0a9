// The Python binding: a thin layer over include/mtclean/pipeline.h and the batch runner,
// kept to plain types (str, bytes, lists, dicts) so it could move to nanobind unchanged.
// The friendly API (Result objects, docstrings, stubs) is python/mtclean/__init__.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "mtclean/pipeline.h"
#include "pipeline/batch_runner.h"
#include "pipeline/io/edit_log.h"
#include "pipeline/stage_registry.h"
#include "pipeline/stats.h"

namespace py = pybind11;

namespace mtclean {
namespace {

// Errors carry the CLI's messages (a bad pipeline file names file and line).
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename T>
T Check(StatusOr<T> v) {
  if (!v.ok()) throw Error(v.status().message());
  return std::move(*v);
}

void Check(const Status& s) {
  if (!s.ok()) throw Error(s.message());
}

// One cleaned document as plain data: the text, the edit log lines (the CLI's format,
// edits and flags in order), and whether it was dropped.
struct Cleaned {
  std::string text;
  std::string log;
  bool dropped = false;
  std::string drop_reason;
};

Cleaned ToCleaned(const Pipeline& pipeline, const Document& doc, const CleanResult& r) {
  Cleaned c;
  c.text = r.text;
  AppendEditLog(doc.id, doc.text, r, pipeline, &c.log);
  c.dropped = r.dropped;
  c.drop_reason = r.drop_reason;
  return c;
}

// A pipeline, the batch knowledge it cleans with (may be null), and a free list of workers
// (a worker is not thread-safe; clean() may be called from several Python threads).
class PyPipeline {
 public:
  PyPipeline(std::shared_ptr<const Pipeline> pipeline, std::shared_ptr<const CorpusKnowledge> knowledge)
      : pipeline_(std::move(pipeline)), knowledge_(std::move(knowledge)) {}

  static std::shared_ptr<PyPipeline> Create(const std::string& spec_text, bool is_text,
                                            const std::string& data_dir) {
    PipelineSpec spec = is_text ? Check(ParsePipelineSpec(spec_text, "<stages>")) : Check(LoadPipelineSpec(spec_text));
    StageEnvironment env{data_dir.empty() ? DefaultDataDir() : data_dir};
    std::unique_ptr<Pipeline> p = Check(Pipeline::Create(spec, env));
    return std::make_shared<PyPipeline>(std::shared_ptr<const Pipeline>(std::move(p)), nullptr);
  }

  const Pipeline& pipeline() const { return *pipeline_; }

  Cleaned Clean(const Document& doc) {
    std::unique_ptr<Pipeline::Worker> w = Take();
    Cleaned c = ToCleaned(*pipeline_, doc, w->Clean(doc));
    Give(std::move(w));
    return c;
  }

  // Cleans every document on at most `jobs` threads, in input order.
  std::vector<Cleaned> CleanBatch(const std::vector<Document>& docs, int jobs) {
    std::vector<Cleaned> out(docs.size());
    jobs = std::max(1, jobs);
    if (jobs == 1) {
      std::unique_ptr<Pipeline::Worker> w = Take();
      for (size_t i = 0; i < docs.size(); ++i) out[i] = ToCleaned(*pipeline_, docs[i], w->Clean(docs[i]));
      Give(std::move(w));
      return out;
    }
    // No more threads than asked: cluster workers share machines.
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(jobs));
    tbb::task_arena arena(jobs);
    tbb::enumerable_thread_specific<std::unique_ptr<Pipeline::Worker>> workers([&] { return NewWorker(); });
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), 8), [&](const tbb::blocked_range<size_t>& r) {
        Pipeline::Worker& w = *workers.local();
        for (size_t i = r.begin(); i < r.end(); ++i) out[i] = ToCleaned(*pipeline_, docs[i], w.Clean(docs[i]));
      });
    });
    return out;
  }

  // The batch knowledge of the documents, as bytes (mergeable, see Merge).
  py::bytes Observe(const std::vector<Document>& docs) {
    CorpusKnowledge k = pipeline_->NewCorpusKnowledge();
    std::string bytes;
    {
      py::gil_scoped_release release;
      std::unique_ptr<Pipeline::Worker> w = Take();
      for (const Document& d : docs) w->Observe(d, k);
      Give(std::move(w));
      bytes = pipeline_->SerializeKnowledge(k);
    }
    return py::bytes(bytes);
  }

  py::bytes Merge(const std::vector<std::string>& parts) const {
    CorpusKnowledge k = pipeline_->NewCorpusKnowledge();
    for (const std::string& p : parts) k.Merge(Check(pipeline_->DeserializeKnowledge(p, "<knowledge>")));
    return py::bytes(pipeline_->SerializeKnowledge(k));
  }

  std::shared_ptr<PyPipeline> WithKnowledge(const std::string& bytes) const {
    auto k = std::make_shared<CorpusKnowledge>(Check(pipeline_->DeserializeKnowledge(bytes, "<knowledge>")));
    return std::make_shared<PyPipeline>(pipeline_, std::move(k));
  }

  bool needs_observation() const { return pipeline_->NeedsObservation(); }

 private:
  std::unique_ptr<Pipeline::Worker> NewWorker() const {
    auto w = pipeline_->NewWorker();
    w->SetCorpus(knowledge_.get());
    return w;
  }
  std::unique_ptr<Pipeline::Worker> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return NewWorker();
    auto w = std::move(free_.back());
    free_.pop_back();
    return w;
  }
  void Give(std::unique_ptr<Pipeline::Worker> w) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(w));
  }

  std::shared_ptr<const Pipeline> pipeline_;
  std::shared_ptr<const CorpusKnowledge> knowledge_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Pipeline::Worker>> free_;
};

Document ToDocument(const py::handle& item, const std::string& text_field, const std::string& id_field,
                    size_t index) {
  Document d;
  if (py::isinstance<py::str>(item)) {
    d.text = item.cast<std::string>();
  } else if (py::isinstance<py::dict>(item)) {
    py::dict rec = item.cast<py::dict>();
    if (!rec.contains(text_field))
      throw Error("document " + std::to_string(index) + " has no \"" + text_field + "\" field");
    d.text = rec[py::str(text_field)].cast<std::string>();
    if (rec.contains(id_field)) d.id = py::str(rec[py::str(id_field)]).cast<std::string>();
    if (rec.contains("language")) d.language = rec["language"].cast<std::string>();
  } else {
    throw Error("document " + std::to_string(index) + " is neither a str nor a dict");
  }
  if (d.id.empty()) d.id = std::to_string(index);
  return d;
}

std::vector<Document> ToDocuments(const py::iterable& items, const std::string& text_field,
                                  const std::string& id_field) {
  std::vector<Document> docs;
  size_t i = 0;
  for (const py::handle& item : items) docs.push_back(ToDocument(item, text_field, id_field, i++));
  return docs;
}

py::tuple ToTuple(const Cleaned& c) {
  return py::make_tuple(c.text, c.log, c.dropped, c.drop_reason);
}

// The CLI's batch run over files, for the Dask runner: same reader, writers, edit log and
// stats as `mtclean clean`, so the bytes are the same.
std::string RunFiles(const PyPipeline& p, const std::vector<std::string>& inputs,
                     const std::vector<std::string>& outputs, const std::string& format,
                     const std::string& text_field, const std::string& id_field, const std::string& edits,
                     const std::string& corpus_stats_in, int jobs) {
  if (inputs.size() != outputs.size()) throw Error("inputs and outputs differ in number");
  std::vector<BatchInput> plan;
  for (size_t i = 0; i < inputs.size(); ++i)
    plan.push_back({inputs[i], inputs[i], outputs[i],
                    format == "jsonl"  ? Format::kJsonl
                    : format == "text" ? Format::kText
                                       : GuessFormat(inputs[i])});
  BatchOptions options;
  options.records.text_field = text_field;
  options.records.id_field = id_field;
  options.jobs = std::max(1, jobs);
  options.edits_path = edits;
  options.observe = false;
  options.corpus_stats_in = corpus_stats_in;
  StatusOr<RunStats> stats = [&] {
    py::gil_scoped_release release;
    return RunBatch(p.pipeline(), plan, options);
  }();
  return RunStatsToJson(Check(std::move(stats)), p.pipeline());
}

// Observes the files and writes their knowledge to `out_path` (what `mtclean observe` does).
void ObserveFiles(const PyPipeline& p, const std::vector<std::string>& inputs, const std::string& format,
                       const std::string& text_field, const std::string& out_path, int jobs) {
  std::vector<BatchInput> plan;
  for (const std::string& in : inputs)
    plan.push_back({in, in, "",
                    format == "jsonl"  ? Format::kJsonl
                    : format == "text" ? Format::kText
                                       : GuessFormat(in)});
  BatchOptions options;
  options.records.text_field = text_field;
  options.jobs = std::max(1, jobs);
  options.corpus_stats_out = out_path;
  Status st;
  {
    py::gil_scoped_release release;
    st = ObserveBatch(p.pipeline(), plan, options);
  }
  Check(st);
}

py::list Stages() {
  py::list out;
  for (const StageDescriptor& d : AllStages()) {
    py::list rules, options;
    for (const RuleInfo& r : d.rules)
      rules.append(py::dict(py::arg("id") = std::string(r.id), py::arg("summary") = std::string(r.summary),
                            py::arg("example_before") = std::string(r.example_before),
                            py::arg("example_after") = std::string(r.example_after)));
    for (const OptionInfo& o : d.options) {
      const char* type = o.type == OptionType::kBool ? "bool"
                         : o.type == OptionType::kInt ? "int"
                         : o.type == OptionType::kDouble ? "number" : "string";
      options.append(py::dict(py::arg("name") = std::string(o.name), py::arg("type") = type,
                              py::arg("default") = std::string(o.default_value),
                              py::arg("help") = std::string(o.help)));
    }
    out.append(py::dict(py::arg("name") = std::string(d.name), py::arg("summary") = std::string(d.summary),
                        py::arg("rules") = rules, py::arg("options") = options));
  }
  return out;
}

}  // namespace
}  // namespace mtclean

PYBIND11_MODULE(_mtclean, m) {
  using namespace mtclean;
  m.doc() = "mtclean's C++ core; use the `mtclean` package, not this module.";
  py::register_exception<Error>(m, "Error", PyExc_ValueError);

  py::class_<PyPipeline, std::shared_ptr<PyPipeline>>(m, "_Pipeline")
      .def_static("create", &PyPipeline::Create, py::arg("spec"), py::arg("is_text"), py::arg("data_dir"))
      .def("clean",
           [](PyPipeline& p, const std::string& text, const std::string& id, const std::string& language) {
             Document d{id, text, language, ""};
             Cleaned c;
             {
               py::gil_scoped_release release;
               c = p.Clean(d);
             }
             return ToTuple(c);
           })
      .def("clean_batch",
           [](PyPipeline& p, const py::iterable& items, int jobs, const std::string& text_field,
              const std::string& id_field) {
             std::vector<Document> docs = ToDocuments(items, text_field, id_field);
             std::vector<Cleaned> out;
             {
               py::gil_scoped_release release;
               out = p.CleanBatch(docs, jobs);
             }
             py::list results;
             for (const Cleaned& c : out) results.append(ToTuple(c));
             return results;
           })
      .def("observe",
           [](PyPipeline& p, const py::iterable& items, const std::string& text_field, const std::string& id_field) {
             return p.Observe(ToDocuments(items, text_field, id_field));
           })
      .def("merge", &PyPipeline::Merge)
      .def("with_knowledge", [](const PyPipeline& p, const py::bytes& b) { return p.WithKnowledge(std::string(b)); })
      .def("needs_observation", &PyPipeline::needs_observation)
      .def("run_files", &RunFiles)
      .def("observe_files", &ObserveFiles);
  m.def("stages", &Stages);
  m.def("presets", [] { return PresetNames(); });
}
