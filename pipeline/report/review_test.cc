#include "pipeline/report/review.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "tests/test_support.h"

namespace mtclean {
namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("review: changes and flags in order, with what a reviewer needs") {
  auto pipeline = testing::MakePipeline("punctuation");
  auto worker = pipeline->NewWorker();
  Document doc{"d", "Kunduz . The “quote never closed.\nlosses. , We left.", "", ""};
  const CleanResult r = worker->Clean(doc);
  const auto changes = ReviewChanges(*pipeline, doc, r);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].before == " ");
  CHECK(changes[0].after.empty());
  CHECK(changes[0].stage == "punctuation");
  CHECK(changes[0].rule == "space-before-punct");
  CHECK(changes[1].flag);
  CHECK(changes[1].rule == "unbalanced-quote");
  CHECK(changes[2].before == ". ,");
  CHECK(changes[2].after == ".");
  CHECK(LowRisk(changes[0]));
  CHECK_FALSE(LowRisk(changes[1]));  // a flag is never low risk
  ReviewChange removal{0, 5, "Hello", "", "boilerplate", "byline", 0.95f, false, {}, ""};
  CHECK_FALSE(LowRisk(removal));  // removing words is never low risk

  std::string plain;
  AppendTerminalDiff(*pipeline, doc, r, DiffStyle{false, 60}, &plain);
  CHECK(plain.find("=== d ===  2 changes, 1 flags") != std::string::npos);
  CHECK(plain.find("@@ line 1 @@") != std::string::npos);
  CHECK(plain.find("Kunduz[- -]#1.") != std::string::npos);
  CHECK(plain.find("#1 punctuation/space-before-punct 0.95") != std::string::npos);
  CHECK(plain.find("\u2691#2") != std::string::npos);
  CHECK(plain.find("@@ line 2 @@") != std::string::npos);
  CHECK(plain.find("losses[-. ,-]{+.+}#3 We left.") != std::string::npos);
  CHECK(plain.find('\x1b') == std::string::npos);  // no colour asked, none given
  std::string coloured;
  AppendTerminalDiff(*pipeline, doc, r, DiffStyle{true, 60}, &coloured);
  CHECK(coloured.find("\x1b[31m[- -]\x1b[0m") != std::string::npos);
}

TEST_CASE("review: the HTML report counts what the edits say, paginates its index") {
  auto pipeline = testing::MakePipeline("punctuation");
  auto worker = pipeline->NewWorker();
  const auto dir = std::filesystem::temp_directory_path() / ("mtclean-report-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  HtmlReport report(*pipeline, dir.string());
  const size_t n = HtmlReport::kDocsPerIndexPage + 1;
  for (size_t i = 0; i < n; ++i) {
    // Document 7 has two changes, the others one: it comes first in the index.
    Document doc{"doc" + std::to_string(i), i == 7 ? "a . b ." : "a .", "", ""};
    REQUIRE(report.Add(doc, worker->Clean(doc)).ok());
  }
  REQUIRE(report.Finish(nullptr).ok());
  const std::string index = Read(dir / "index.html");
  CHECK(index.find("<span id=\"documents\">" + std::to_string(n) + "</span>") != std::string::npos);
  CHECK(index.find("<span id=\"total-changes\">" + std::to_string(n + 1) + "</span>") != std::string::npos);
  CHECK(index.find("href=\"index-2.html\"") != std::string::npos);
  CHECK(index.find("<tr class=\"doc\"><td><a href=\"docs/8.html\">doc7</a>") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "index-2.html"));
  const std::string page = Read(dir / "docs" / "8.html");
  CHECK(page.find("data-stage=\"punctuation\" data-rule=\"space-before-punct\"") != std::string::npos);
  CHECK(page.find("<del> </del>") != std::string::npos);
  // Text is escaped: no markup of the document reaches the page.
  Document html{"<script>", "<b>x</b> .", "", ""};
  REQUIRE(report.Add(html, worker->Clean(html)).ok());
  const std::string escaped = Read(dir / "docs" / (std::to_string(n + 1) + ".html"));
  CHECK(escaped.find("<b>x</b>") == std::string::npos);
  CHECK(escaped.find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mtclean
