// Golden tests: samples/*.txt against samples/expected/, and the one-line cases of
// tests/golden/cases.tsv, through the default preset. Every case also checks the invariants
// (valid UTF-8, edits account for the diff, idempotence), and the batch runner must write
// the same bytes with one worker and with two.
//
// To regenerate the expected files after a deliberate change, run
//   MTCLEAN_REGENERATE=1 build/unit_tests "[golden]"
// and review `git diff samples/expected tests/golden` line by line before committing.
#include <catch2/catch.hpp>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/batch_runner.h"
#include "pipeline/io/byte_stream.h"
#include "pipeline/utf8.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;

namespace mtclean {
namespace {

const fs::path kSource = MTCLEAN_SOURCE_DIR;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Regenerate() { return std::getenv("MTCLEAN_REGENERATE") != nullptr; }

std::string DefaultSpec() {
  auto spec = LoadPipelineSpec("default");
  REQUIRE(spec.ok());
  std::string text;
  for (const auto& s : spec->stages) {
    text += s.name;
    for (const auto& [k, v] : s.options.values()) text += " " + k + "=" + v;
    text += "\n";
  }
  return text;
}

// Decodes the escapes of cases.tsv: \n \t \\ \xHH.
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char c = s[++i];
    if (c == 'n') out.push_back('\n');
    else if (c == 't') out.push_back('\t');
    else if (c == 'r') out.push_back('\r');
    else if (c == 'x' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else out.push_back(c);
  }
  return out;
}

std::vector<fs::path> SampleInputs() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kSource / "samples"))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("golden: samples clean to their expected output", "[golden]") {
  auto pipeline = testing::MakePipeline(DefaultSpec());
  auto worker = pipeline->NewWorker();
  auto files = SampleInputs();
  REQUIRE(files.size() >= 4);
  for (const fs::path& input : files) {
    fs::path expected_path = kSource / "samples" / "expected" / input.filename();
    Document doc{input.filename().string(), Slurp(input), "", ""};
    CleanResult r = worker->Clean(doc);
    INFO(input.filename().string());
    CHECK(testing::CheckResult(*pipeline, doc.text, r) == "");
    if (Regenerate()) {
      std::ofstream(expected_path, std::ios::binary) << r.text;
      continue;
    }
    REQUIRE(fs::exists(expected_path));
    CHECK(r.text == Slurp(expected_path));
  }
}

TEST_CASE("golden: one-line cases", "[golden]") {
  auto pipeline = testing::MakePipeline(DefaultSpec());
  auto worker = pipeline->NewWorker();
  std::ifstream in(kSource / "tests" / "golden" / "cases.tsv");
  REQUIRE(in);
  std::string line;
  int cases = 0, line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string input = Unescape(line.substr(0, tab)), expected = Unescape(line.substr(tab + 1));
    Document doc{"case", input, "", ""};
    CleanResult r = worker->Clean(doc);
    INFO("cases.tsv:" << line_no << ": " << line);
    CHECK(r.text == expected);
    CHECK(testing::CheckResult(*pipeline, input, r) == "");
    ++cases;
  }
  CHECK(cases >= 20);
}

TEST_CASE("golden: batch output is byte-identical for one and two workers", "[golden]") {
  auto pipeline = testing::MakePipeline(DefaultSpec());
  // One folder per process: two test runs on one machine (a CI check beside a developer's)
  // must not remove each other's files.
  fs::path dir = fs::temp_directory_path() / ("mtclean_golden_batch." + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A JSONL corpus of the samples' paragraphs and the cases, many times over, plus a
  // malformed line, so batches split in different places.
  std::string jsonl;
  int n = 0;
  for (int copy = 0; copy < 40; ++copy)
    for (const fs::path& input : SampleInputs()) {
      std::string text = Slurp(input);
      if (copy % 3 == 1) text = "JosÃ© said\r\n\r\n" + text + "\n\nKunduz . , and the ministry.Read more: X\r\n";
      jsonl += "{\"id\":\"d" + std::to_string(n++) + "\",\"text\":";
      std::string escaped;
      for (char c : text) {
        if (c == '"' || c == '\\') escaped += '\\', escaped += c;
        else if (c == '\n') escaped += "\\n";
        else if (c == '\r') escaped += "\\r";
        else escaped += c;
      }
      jsonl += "\"" + escaped + "\",\"keep\":[1, 2.50]}\n";
      if (n == 7) jsonl += "{broken json\n";
    }
  std::ofstream(dir / "in.jsonl", std::ios::binary) << jsonl;

  std::string outputs[2], logs[2];
  for (int jobs : {1, 2}) {
    std::string out = (dir / ("out" + std::to_string(jobs) + ".jsonl")).string();
    std::string edits = (dir / ("edits" + std::to_string(jobs) + ".jsonl")).string();
    BatchOptions options;
    options.jobs = jobs;
    options.edits_path = edits;
    auto stats = RunBatch(*pipeline, {{(dir / "in.jsonl").string(), "in", out, Format::kJsonl}}, options);
    REQUIRE(stats.ok());
    CHECK(stats->docs_in == static_cast<uint64_t>(n + 1));
    CHECK(stats->docs_out == static_cast<uint64_t>(n));
    CHECK(stats->docs_rejected == 1u);
    outputs[jobs - 1] = Slurp(out);
    logs[jobs - 1] = Slurp(edits);
  }
  CHECK(outputs[0].size() > 100000);
  CHECK(logs[0].find("\"rule\":\"mojibake-cp1252\"") != std::string::npos);
  CHECK(outputs[0] == outputs[1]);
  CHECK(logs[0] == logs[1]);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mtclean
