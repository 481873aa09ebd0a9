// Fuzz target for the whole default pipeline: any bytes in, and the invariants of
// docs/architecture.md must hold (valid UTF-8 out, edits account for the whole diff,
// cleaning the output again changes nothing). Builds with libFuzzer or, by default, with
// replay_main.cc, which runs the files of tests/fuzz_corpus/ under ctest.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "mtclean/pipeline.h"
#include "pipeline/edit_compose.h"
#include "pipeline/utf8.h"

namespace {
void Check(bool ok, const char* what, const std::string& detail) {
  if (ok) return;
  std::fprintf(stderr, "invariant failed: %s %s\n", what, detail.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto pipeline = [] {
    auto p = mtclean::Pipeline::FromPreset("default");
    if (!p.ok()) {
      std::fprintf(stderr, "%s\n", p.status().message().c_str());
      std::abort();
    }
    return std::move(p).value();
  }();
  static auto worker = pipeline->NewWorker();
  mtclean::Document doc{"fuzz", std::string(reinterpret_cast<const char*>(data), size), "", ""};
  const mtclean::CleanResult& r = worker->Clean(doc);
  std::string out = r.text;
  Check(mtclean::utf8::IsValid(out), "valid UTF-8", "");
  Check(mtclean::CheckEditInvariants(r.edits, doc.text, out).empty(), "edit invariants",
        mtclean::CheckEditInvariants(r.edits, doc.text, out));
  for (const auto& f : r.flags) Check(f.in_begin <= f.in_end && f.in_end <= doc.text.size(), "flag bounds", "");
  mtclean::Document again{"fuzz", out, "", ""};
  const mtclean::CleanResult& r2 = worker->Clean(again);
  Check(r2.text == out && r2.edits.empty(), "idempotence", out + " -> " + r2.text);
  return 0;
}
