// mtclean: the command-line tool. `mtclean --help` and `mtclean clean --help` explain use.
//
// Exit codes (scripts rely on them):
//   0  every document was cleaned and written
//   1  an input could not be read or an output written (one line on stderr says which)
//   2  wrong usage or a wrong pipeline file (the line names file, line and what was expected)
//   3  the run finished, but some records were rejected (reported on stderr with file:line)
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "mtclean/pipeline.h"
#include "pipeline/batch_runner.h"
#include "pipeline/io/byte_stream.h"
#include "pipeline/report/review.h"
#include "pipeline/io/byte_stream.h"
#include "pipeline/stage_registry.h"
#include "pipeline/stats.h"
#include "tools/mtclean/progress.h"

namespace fs = std::filesystem;

namespace mtclean {
namespace {

constexpr int kExitOk = 0, kExitIo = 1, kExitUsage = 2, kExitRejected = 3;

struct CleanArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;  // "", text, jsonl
  std::string text_field = "text", id_field = "id";
  std::string edits, stats, rejected;
  std::string pipeline = "default";
  std::string data_dir;
  std::string language;
  std::string corpus_stats_in, corpus_stats_out;
  bool no_observe = false;
  int jobs = 0;
  bool quiet = false;
  std::string html;           // --html DIR: a review report
  bool diff = false;          // `mtclean diff`: print the changes instead of the clean text
  std::string color = "auto";  // diff: always, never, auto (a terminal)
  std::string shard;           // "K/N": only the input files whose index is K modulo N
  bool shard_from_slurm = false;
};

// The shard this run takes, from --shard K/N or Slurm's array variables: {K, N}, or {0, 1}.
StatusOr<std::pair<long, long>> ShardOf(const CleanArgs& args) {
  long k = 0, n = 1;
  if (args.shard_from_slurm) {
    const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
    const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
    const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
    if (!id || !count)
      return Status::Error("--shard-from-slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set (run as a Slurm array job)");
    k = std::strtol(id, nullptr, 10) - (min ? std::strtol(min, nullptr, 10) : 0);
    n = std::strtol(count, nullptr, 10);
  } else if (!args.shard.empty()) {
    char* end = nullptr;
    k = std::strtol(args.shard.c_str(), &end, 10);
    if (!end || *end != '/') return Status::Error("--shard " + args.shard + ": expected K/N, e.g. 0/8");
    n = std::strtol(end + 1, &end, 10);
    if (*end != '\0') return Status::Error("--shard " + args.shard + ": expected K/N, e.g. 0/8");
  }
  if (n < 1 || k < 0 || k >= n)
    return Status::Error("shard " + std::to_string(k) + "/" + std::to_string(n) + ": K must be in 0..N-1");
  return std::pair<long, long>{k, n};
}

// Keeps the plan's inputs of this shard: file i (in the plan's deterministic order, folders
// walked in name order) belongs to shard i mod N.
StatusOr<std::vector<BatchInput>> TakeShard(StatusOr<std::vector<BatchInput>> plan, const CleanArgs& args) {
  if (!plan.ok()) return plan;
  auto shard = ShardOf(args);
  if (!shard.ok()) return shard.status();
  auto [k, n] = *shard;
  if (n == 1) return plan;
  std::vector<BatchInput> mine;
  for (size_t i = 0; i < plan->size(); ++i)
    if (static_cast<long>(i % static_cast<size_t>(n)) == k) mine.push_back((*plan)[i]);
  return mine;
}

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "mtclean: %s\n", message.c_str());
  return code;
}

// Expands the inputs into (input file, output file) pairs; directories are walked in name
// order and mirrored under the output directory.
StatusOr<std::vector<BatchInput>> PlanInputs(const CleanArgs& args) {
  std::vector<BatchInput> plan;
  auto format_of = [&](const std::string& path) {
    if (args.format == "jsonl") return Format::kJsonl;
    if (args.format == "text") return Format::kText;
    return GuessFormat(path);
  };
  std::vector<std::string> inputs = args.inputs;
  if (inputs.empty()) inputs.push_back("-");
  bool output_is_dir = !args.output.empty() &&
                       (inputs.size() > 1 || fs::is_directory(args.output) ||
                        args.output.back() == '/' || fs::is_directory(inputs[0]));
  for (const std::string& in : inputs) {
    if (in == "-") {
      if (output_is_dir) return Status::Error("stdin ('-') cannot be mixed with other inputs");
      plan.push_back({"-", "-", args.output.empty() ? "-" : args.output, format_of(args.output)});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(in, ec);
    if (ec || !fs::exists(status)) return Status::Error("cannot read " + in + ": no such file or directory");
    if (fs::is_directory(status)) {
      if (args.output.empty())
        return Status::Error(in + " is a directory: give an output directory with -o");
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::end(it);
           it.increment(ec))
        if (it->is_regular_file()) files.push_back(it->path());
      if (ec) return Status::Error("cannot list " + in + ": " + ec.message());
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) {
        fs::path rel = fs::relative(f, in);
        fs::path out = fs::path(args.output) / (inputs.size() > 1 ? fs::path(in).filename() / rel : rel);
        plan.push_back({f.string(), f.string(), out.string(), format_of(f.string())});
      }
      continue;
    }
    if (access(in.c_str(), R_OK) != 0) return Status::Error("cannot read " + in + ": permission denied");
    std::string out = args.output.empty() ? "-"
                      : output_is_dir     ? (fs::path(args.output) / fs::path(in).filename()).string()
                                          : args.output;
    plan.push_back({in, in, out, format_of(in)});
  }
  for (const BatchInput& p : plan) {
    if (p.output_path == "-" || p.path == "-") continue;
    std::error_code ec;
    if (fs::exists(p.output_path) && fs::equivalent(p.path, p.output_path, ec))
      return Status::Error("refusing to overwrite the input " + p.path + " (choose another -o)");
    fs::create_directories(fs::path(p.output_path).parent_path().empty()
                               ? fs::path(".")
                               : fs::path(p.output_path).parent_path(),
                           ec);
    if (ec) return Status::Error("cannot create the directory for " + p.output_path + ": " + ec.message());
  }
  return plan;
}

// Inputs for a pass that only reads them: files and the files of folders, nothing written.
StatusOr<std::vector<BatchInput>> PlanInputsForReading(const CleanArgs& args) {
  std::vector<BatchInput> plan;
  for (const std::string& in : args.inputs) {
    std::error_code ec;
    if (!fs::exists(in, ec)) return Status::Error("cannot read " + in + ": no such file or directory");
    std::vector<fs::path> files;
    if (fs::is_directory(in)) {
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::end(it); it.increment(ec))
        if (it->is_regular_file()) files.push_back(it->path());
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(in);
    }
    for (const fs::path& f : files) {
      Format format = args.format == "jsonl" ? Format::kJsonl
                      : args.format == "text" ? Format::kText
                                              : GuessFormat(f.string());
      plan.push_back({f.string(), f.string(), "", format});
    }
  }
  return plan;
}

int RunClean(const CleanArgs& args) {
  auto spec = LoadPipelineSpec(args.pipeline);
  if (!spec.ok()) return Fail(kExitUsage, spec.status().message());
  StageEnvironment env{args.data_dir.empty() ? DefaultDataDir() : args.data_dir};
  auto pipeline = Pipeline::Create(*spec, env);
  if (!pipeline.ok()) return Fail(kExitUsage, pipeline.status().message());
  // `diff` writes no clean text: its inputs are only read (stdin too).
  auto plan = !args.diff ? TakeShard(PlanInputs(args), args)
              : args.inputs.empty() || (args.inputs.size() == 1 && args.inputs[0] == "-")
                  ? StatusOr<std::vector<BatchInput>>(std::vector<BatchInput>{
                        {"-", "-", "-", args.format == "jsonl" ? Format::kJsonl : Format::kText}})
                  : TakeShard(PlanInputsForReading(args), args);
  if (!plan.ok()) return Fail(kExitIo, plan.status().message());

  BatchOptions options;
  options.records.text_field = args.text_field;
  options.records.id_field = args.id_field;
  options.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.edits_path = args.edits;
  options.rejected_path = args.rejected;
  options.language = args.language;
  options.observe = !args.no_observe;
  options.corpus_stats_in = args.corpus_stats_in;
  options.corpus_stats_out = args.corpus_stats_out;
  options.on_warning = [](const std::string& w) { std::fprintf(stderr, "mtclean: %s\n", w.c_str()); };
  uint64_t total = 0;
  for (const BatchInput& in : *plan) {
    std::error_code ec;
    if (in.path != "-") total += fs::file_size(in.path, ec);
  }
  bool show_progress = !args.quiet && isatty(STDERR_FILENO) && !(plan->size() == 1 && (*plan)[0].path == "-");
  ProgressLine progress(total);
  if (show_progress) {
    options.on_progress = [&](uint64_t d, uint64_t b) { progress.Update(d, b); };
    options.on_phase = [&](const std::string& phase) { progress.Phase(phase); };
  }

  // Review: the diff on stdout instead of the clean text, and/or an HTML report.
  std::unique_ptr<HtmlReport> report;
  if (!args.html.empty()) report = std::make_unique<HtmlReport>(**pipeline, args.html);
  Status review_error;
  DiffStyle style;
  style.color = args.color == "always" || (args.color == "auto" && isatty(STDOUT_FILENO));
  std::unique_ptr<ByteWriter> diff_out;
  if (args.diff) {
    options.discard_output = true;
    auto w = OpenByteWriter(args.output.empty() ? "-" : args.output);
    if (!w.ok()) return Fail(kExitIo, w.status().message());
    diff_out = std::move(*w);
  }
  if (report != nullptr || args.diff) {
    options.on_document = [&](const Document& doc, const CleanResult& r) {
      if (!review_error.ok()) return;
      if (report != nullptr) review_error = report->Add(doc, r);
      if (args.diff && review_error.ok() && (!r.edits.empty() || !r.flags.empty() || r.dropped)) {
        std::string text;
        AppendTerminalDiff(**pipeline, doc, r, style, &text);
        text += '\n';
        review_error = diff_out->Write(text);
      }
    };
  }

  auto stats = RunBatch(**pipeline, *plan, options);
  if (show_progress) progress.Finish();
  if (!stats.ok()) return Fail(kExitIo, stats.status().message());
  if (review_error.ok() && diff_out != nullptr) review_error = diff_out->Commit();
  if (review_error.ok() && report != nullptr) review_error = report->Finish(&*stats);
  if (!review_error.ok()) return Fail(kExitIo, review_error.message());

  if (!args.stats.empty()) {
    auto w = OpenByteWriter(args.stats);
    Status st = w.ok() ? (*w)->Write(RunStatsToJson(*stats, **pipeline)) : w.status();
    if (st.ok()) st = (*w)->Commit();
    if (!st.ok()) return Fail(kExitIo, st.message());
  }
  if (!args.quiet) {
    std::fprintf(stderr, "mtclean: %llu documents in, %llu out, %llu dropped, %llu rejected; %.2f MB in %.2f s (%.1f MB/s)\n",
                 static_cast<unsigned long long>(stats->docs_in), static_cast<unsigned long long>(stats->docs_out),
                 static_cast<unsigned long long>(stats->docs_dropped), static_cast<unsigned long long>(stats->docs_rejected),
                 static_cast<double>(stats->bytes_in) / 1e6, stats->seconds,
                 stats->seconds > 0 ? static_cast<double>(stats->bytes_in) / 1e6 / stats->seconds : 0.0);
    for (size_t i = 0; i < (*pipeline)->size(); ++i)
      std::fprintf(stderr, "  %s\n", StageSummaryLine(stats->stages[i], (*pipeline)->stage(i)).c_str());
    if (!args.output.empty() && !args.diff) std::fprintf(stderr, "  clean text: %s\n", args.output.c_str());
    if (!args.html.empty()) std::fprintf(stderr, "  report:     %s/index.html\n", args.html.c_str());
    if (!args.edits.empty()) std::fprintf(stderr, "  edit log:   %s\n", args.edits.c_str());
    if (!args.stats.empty()) std::fprintf(stderr, "  stats:      %s\n", args.stats.c_str());
  }
  return stats->docs_rejected > 0 ? kExitRejected : kExitOk;
}

std::string OptionTypeName(OptionType t) {
  switch (t) {
    case OptionType::kBool: return "bool";
    case OptionType::kInt: return "int";
    case OptionType::kDouble: return "number";
    case OptionType::kString: return "string";
  }
  return "?";
}

int RunStages() {
  std::printf("Stages (use them in a pipeline file, one per line: `name option=value ...`)\n");
  for (const StageDescriptor& d : AllStages()) {
    std::printf("\n%.*s: %.*s\n  rules:\n", static_cast<int>(d.name.size()), d.name.data(),
                static_cast<int>(d.summary.size()), d.summary.data());
    for (const RuleInfo& r : d.rules)
      std::printf("    %-30.*s %.*s\n%34s e.g. %.*s  ->  %.*s\n", static_cast<int>(r.id.size()), r.id.data(),
                  static_cast<int>(r.summary.size()), r.summary.data(), "",
                  static_cast<int>(r.example_before.size()), r.example_before.data(),
                  static_cast<int>(r.example_after.size()), r.example_after.data());
    std::printf("  options:%s\n", d.options.empty() ? " none" : "");
    for (const OptionInfo& o : d.options)
      std::printf("    %s (%s, default %.*s): %.*s\n", std::string(o.name).c_str(),
                  OptionTypeName(o.type).c_str(), static_cast<int>(o.default_value.size()),
                  o.default_value.data(), static_cast<int>(o.help.size()), o.help.data());
  }
  std::printf("\nPresets (-p NAME):");
  for (const auto& p : PresetNames()) std::printf(" %s", p.c_str());
  std::printf("\n");
  return kExitOk;
}

}  // namespace
}  // namespace mtclean

int main(int argc, char** argv) {
  using namespace mtclean;
  CLI::App app{
      "mtclean: cleans scraped, machine-translated text and explains every change.\n\n"
      "Examples:\n"
      "  mtclean clean < page.txt > clean.txt           one document, stdin to stdout\n"
      "  mtclean clean corpus/ -o clean/ --edits e.jsonl  a folder to a mirrored folder\n"
      "  mtclean clean in.jsonl.zst -o out.jsonl.zst -j 8 --stats stats.json\n"
      "  mtclean diff page.txt | less -R                  what it would change, and why\n"
      "  mtclean clean corpus/ -o clean/ --html review/  and a report to open in a browser\n"
      "  mtclean stages                                  what each stage fixes, its rules\n\n"
      "Exit codes: 0 ok; 1 input or output error; 2 usage or pipeline error;\n"
      "3 finished, but some records were rejected (see stderr)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "mtclean 0.1.0");

  CleanArgs args;
  // `clean` and `diff` read the same inputs with the same options.
  auto add_clean_options = [&](CLI::App* cmd, const char* output_help) {
    cmd->add_option("inputs", args.inputs, "files or folders; none or '-' reads one document from stdin");
    cmd->add_option("-o,--output", args.output, output_help);
    cmd->add_option("--format", args.format,
                    "input format; default: from the extension (.jsonl, .ndjson, .json are JSONL)")
        ->check(CLI::IsMember({"text", "jsonl"}));
    cmd->add_option("--text-field", args.text_field, "JSONL field holding the text")->capture_default_str();
    cmd->add_option("--id-field", args.id_field, "JSONL field holding the document id")->capture_default_str();
    cmd->add_option("--edits", args.edits, "write the edit log (JSONL, one line per edit or flag)");
    cmd->add_option("-p,--pipeline", args.pipeline, "preset name or pipeline file")->capture_default_str();
    cmd->add_option("-j,--jobs", args.jobs, "worker threads (default: all cores); output is the same for any N")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--stats", args.stats, "write per-stage counts as JSON");
    cmd->add_option("--rejected", args.rejected, "write rejected JSONL records here, verbatim");
    cmd->add_option("--language", args.language, "language of the documents (e.g. en, fr), if known");
    cmd->add_option("--data-dir", args.data_dir, "dictionaries folder (default: $MTCLEAN_DATA_DIR or the build's)");
    cmd->add_option("--html", args.html,
                    "also write a review report to this folder: index.html for the batch, a page per document");
    cmd->add_flag("-q,--quiet", args.quiet, "no progress or summary on stderr");
  };
  CLI::App* clean = app.add_subcommand("clean", "clean documents (text files, folders, JSONL; .gz/.zst too)");
  add_clean_options(clean, "output file, or folder for several inputs or a folder input (default: stdout)");
  CLI::App* diff = app.add_subcommand(
      "diff", "show what `clean` would change, word by word, each change with its stage, rule and confidence");
  add_clean_options(diff, "write the diff to this file (default: stdout)");
  diff->add_flag_callback("--no-color", [&] { args.color = "never"; }, "no colours (they are off when not a terminal)");
  diff->add_option("--color", args.color, "always, never or auto (a terminal)")
      ->check(CLI::IsMember({"always", "never", "auto"}));
  auto add_corpus_options = [&](CLI::App* cmd) {
    cmd->add_option("--corpus-stats", args.corpus_stats_in,
                    "use this batch knowledge (from `observe` or `merge-stats`) instead of a first pass");
    cmd->add_option("--corpus-stats-out", args.corpus_stats_out, "save the batch knowledge of the first pass");
    cmd->add_flag("--no-observe", args.no_observe,
                  "skip the first pass over the inputs (lines repeated across pages are then not known)");
  };
  add_corpus_options(clean);
  add_corpus_options(diff);
  // Engine-neutral shards: the same split for Slurm arrays, GNU parallel, xargs.
  auto add_shard_options = [&](CLI::App* cmd) {
    cmd->add_option("--shard", args.shard,
                    "K/N: only the input files whose index is K modulo N (0 <= K < N; folders are walked in name order)");
    cmd->add_flag("--shard-from-slurm", args.shard_from_slurm,
                  "take K/N from SLURM_ARRAY_TASK_ID (minus SLURM_ARRAY_TASK_MIN) and SLURM_ARRAY_TASK_COUNT");
  };
  add_shard_options(clean);
  app.add_subcommand("stages", "list every stage with its rules, examples and options");

  // A distributed run: `observe` each shard, `merge-stats` the results, then `clean` every
  // shard with --corpus-stats merged.bin.
  CLI::App* observe = app.add_subcommand("observe", "only gather batch knowledge (lines repeated across pages) into -o FILE");
  observe->add_option("inputs", args.inputs, "files or folders")->required();
  observe->add_option("-o,--output", args.corpus_stats_out, "where to write the knowledge")->required();
  observe->add_option("-p,--pipeline", args.pipeline, "preset name or pipeline file")->capture_default_str();
  observe->add_option("--format", args.format)->check(CLI::IsMember({"text", "jsonl"}));
  observe->add_option("--text-field", args.text_field)->capture_default_str();
  add_shard_options(observe);
  observe->add_option("-j,--jobs", args.jobs)->check(CLI::PositiveNumber);
  std::vector<std::string> merge_inputs;
  CLI::App* merge = app.add_subcommand("merge-stats", "merge the knowledge files of several shards into -o FILE");
  merge->add_option("files", merge_inputs, "files written by `observe` or --corpus-stats-out")->required();
  merge->add_option("-o,--output", args.corpus_stats_out, "the merged file")->required();
  merge->add_option("-p,--pipeline", args.pipeline, "the pipeline they were made with")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (app.got_subcommand("stages")) return RunStages();
  if (app.got_subcommand("observe") || app.got_subcommand("merge-stats")) {
    auto spec = LoadPipelineSpec(args.pipeline);
    if (!spec.ok()) return Fail(2, spec.status().message());
    auto pipeline = Pipeline::Create(*spec, StageEnvironment{DefaultDataDir()});
    if (!pipeline.ok()) return Fail(2, pipeline.status().message());
    Status st;
    if (app.got_subcommand("merge-stats")) {
      st = MergeCorpusStats(**pipeline, merge_inputs, args.corpus_stats_out);
    } else {
      auto plan = TakeShard(PlanInputsForReading(args), args);
      if (!plan.ok()) return Fail(1, plan.status().message());
      BatchOptions options;
      options.records.text_field = args.text_field;
      options.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      options.corpus_stats_out = args.corpus_stats_out;
      st = ObserveBatch(**pipeline, *plan, options);
    }
    return st.ok() ? 0 : Fail(1, st.message());
  }
  args.diff = app.got_subcommand("diff");
  return RunClean(args);
}
