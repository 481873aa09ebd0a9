// What a reviewer sees of cleaned documents: `mtclean diff` on a terminal (a word-level
// diff in the manner of `git diff --word-diff`, each change tagged with its stage, rule and
// confidence), and `--html DIR`, a self-contained report (no network, no external scripts)
// with an index of the batch and a page per document.
//
//   mtclean::HtmlReport report(pipeline, "report/");
//   report.Add(document, result);            // for every document, in order
//   report.Finish(run_stats);                // the index pages
//
// Not thread-safe: feed it from one thread (BatchOptions::on_document does).
#ifndef MTCLEAN_PIPELINE_REPORT_REVIEW_H_
#define MTCLEAN_PIPELINE_REPORT_REVIEW_H_

#include <map>
#include <string>
#include <vector>

#include "mtclean/pipeline.h"
#include "mtclean/status.h"
#include "pipeline/stats.h"

namespace mtclean {

// One change or flag of a document, as a reviewer reads it.
struct ReviewChange {
  size_t begin = 0, end = 0;  // span in the original text
  std::string before, after;  // after is empty for a deletion and for a flag
  std::string stage, rule;
  float confidence = 1;
  bool flag = false;
  std::vector<std::string> features;  // the signs behind a flag, if the stage gives them
  std::string evidence;               // what the stage saw, in words, if it says
};

// The changes and flags of a result, in order of position (a flag after the edits at its
// position).
std::vector<ReviewChange> ReviewChanges(const Pipeline& pipeline, const Document& original, const CleanResult& result);

// Changes at or above this confidence, of rules that never remove text, are "low risk": the
// HTML report can hide them to show what needs a look.
bool LowRisk(const ReviewChange& change);

struct DiffStyle {
  bool color = true;    // ANSI colours (red deletions, green insertions, yellow flags)
  size_t context = 60;  // bytes of unchanged text shown on each side of a change
};

// Appends the diff of one document: a header, then each original line with changes, cut to
// `context` around them, its changes marked [-before-]{+after+} (flags ⚑[…]) with a number,
// and under it one line per change: stage/rule, confidence, the evidence of flags.
void AppendTerminalDiff(const Pipeline& pipeline, const Document& original, const CleanResult& result,
                        const DiffStyle& style, std::string* out);

class HtmlReport {
 public:
  // Documents per index page: 10,000 documents open as 50 light pages.
  static constexpr size_t kDocsPerIndexPage = 200;

  HtmlReport(const Pipeline& pipeline, std::string dir);
  // Writes the page of one document (dir/docs/N.html); an I/O error is returned.
  Status Add(const Document& original, const CleanResult& result);
  // Writes the index pages (dir/index.html, dir/index-2.html, ...): the batch's counts (from
  // `stats`, the run's --stats, when given) and the documents, most changed first.
  Status Finish(const RunStats* stats);

 private:
  struct DocSummary {
    std::string id, page;
    size_t changes = 0, flags = 0;
    bool dropped = false;
  };
  const Pipeline& pipeline_;
  std::string dir_;
  std::vector<DocSummary> docs_;
  std::map<std::pair<std::string, std::string>, std::pair<size_t, size_t>> by_rule_;  // -> changes, flags
  Status status_;
};

}  // namespace mtclean

#endif  // MTCLEAN_PIPELINE_REPORT_REVIEW_H_
