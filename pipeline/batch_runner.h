// Cleaning many documents on many cores with bounded memory and ordered output.
//
// A serial reader fills batches (about 1 MB of text each) from the inputs in order, N
// workers each clean whole batches with their own Pipeline::Worker, and a serial writer
// writes outputs, the edit log and rejects in input order (oneTBB's parallel_pipeline with
// at most 2N+2 batches in flight). Memory is bounded by the batches in flight, not by the
// corpus, and the bytes written are the same for any number of workers.
#ifndef MTCLEAN_PIPELINE_BATCH_RUNNER_H_
#define MTCLEAN_PIPELINE_BATCH_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "mtclean/pipeline.h"
#include "pipeline/io/document_io.h"
#include "pipeline/stats.h"

namespace mtclean {

struct BatchInput {
  std::string path;         // "-" for stdin
  std::string id;           // document id for text files (the path as the user gave it)
  std::string output_path;  // "-" for stdout; inputs sharing an output path append to it
  Format format = Format::kText;
};

struct BatchOptions {
  RecordOptions records;  // fields; the format comes from each BatchInput
  int jobs = 1;
  std::string edits_path;     // empty: no edit log
  std::string rejected_path;  // empty: rejected records are only reported
  std::string language;       // passed to stages as Document::language when set
  // Batch knowledge (see CorpusStats): observed in a first pass over the inputs unless
  // `observe` is false or stdin is an input; loaded from `corpus_stats_in` instead when set;
  // saved to `corpus_stats_out` when set.
  bool observe = true;
  std::string corpus_stats_in, corpus_stats_out;
  // Called from the writer thread after each batch: documents and input bytes so far.
  std::function<void(uint64_t docs, uint64_t bytes)> on_progress;
  // Called when a pass over the inputs starts: "observing" (the first pass), "cleaning".
  std::function<void(const std::string& phase)> on_phase;
  // Called for every rejected record and warning, in input order ("file:line: why").
  std::function<void(const std::string&)> on_warning;
  // Called from the writer thread for every document, in input order, with its original
  // text and what the pipeline made of it (review: `mtclean diff`, --html reports).
  std::function<void(const Document& original, const CleanResult& result)> on_document;
  // Clean text not written (`mtclean diff`): the outputs of the inputs are ignored.
  bool discard_output = false;
};

// Returns the run's statistics, or the first I/O error (reading or writing a file), which
// stops the run.
// Only observes the inputs and writes the batch knowledge to options.corpus_stats_out (the
// first step of a distributed run).
Status ObserveBatch(const Pipeline& pipeline, const std::vector<BatchInput>& inputs,
                    const BatchOptions& options);
// Merges saved batch knowledge files into one.
Status MergeCorpusStats(const Pipeline& pipeline, const std::vector<std::string>& paths,
                        const std::string& out_path);
StatusOr<RunStats> RunBatch(const Pipeline& pipeline, const std::vector<BatchInput>& inputs,
                            const BatchOptions& options);

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_BATCH_RUNNER_H_
