// MB/s per stage and for the whole default chain, on English news text (the articles in
// samples/, cut into documents of their real size and repeated to ~8 MB), and on unique
// English prose no cache has met (the *Unique benchmarks: one pass, a fresh worker, over
// bench/unique_prose.py's JSONL, by default where bench/cli_throughput.sh writes it, else
// $MTCLEAN_UNIQUE_PROSE). Run:
//   build/stage_bench [--benchmark_filter=unicode]
// "bytes_per_second" is per core: each benchmark runs on one thread.
#include <benchmark/benchmark.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "mtclean/pipeline.h"
#include "pipeline/io/byte_stream.h"
#include "pipeline/io/document_io.h"

namespace {

// The texts repeated, in order, until they make ~8 MB (nothing if there are none).
std::vector<std::string> RepeatTo8MB(const std::vector<std::string>& texts) {
  std::vector<std::string> docs;
  size_t total = 0;
  while (total < (8u << 20) && !texts.empty())
    for (const auto& t : texts) {
      docs.push_back(t);
      total += t.size();
    }
  return docs;
}

std::vector<std::string> LoadDocs(bool damaged) {
  std::vector<std::string> articles;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(MTCLEAN_SOURCE_DIR "/samples"))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (damaged) {  // the same text with the damage the stages repair, every ~300 bytes
      std::string out;
      for (size_t i = 0; i < text.size(); ++i) {
        out.push_back(text[i]);
        if (i % 300 == 299 && text[i] == ' ') out += "â€™ Ã© \xC2\xA0 . , ";
      }
      text = out;
    }
    articles.push_back(text);
  }
  return RepeatTo8MB(articles);
}

// The HTML of the Debian Handbook's French pages (Debian package debian-handbook), in name
// order; none when it is not installed.
std::vector<std::string> HandbookFrenchPages() {
  std::vector<std::string> pages;
  const std::filesystem::path dir = "/usr/share/doc/debian-handbook/html/fr-FR";
  if (!std::filesystem::exists(dir)) return pages;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".html") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
  }
  return pages;
}

// A file's text, gzip or zstd compressed or not; "" when it cannot be read.
std::string ReadText(const std::string& path) {
  auto reader = mtclean::OpenByteReader(path);
  std::string text;
  if (!reader.ok() || !mtclean::ReadAll(**reader, &text).ok()) return "";
  return text;
}

std::string StripMarks(const std::string& text) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                    static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
  std::string out = n > 0 ? std::string(reinterpret_cast<char*>(mapped), static_cast<size_t>(n)) : std::string();
  std::free(mapped);
  return out;
}

// The French paragraphs (<div class="para">) of the Debian Handbook's French pages, stripped of their
// accents, five to a document, to ~8 MB: plain French prose, as a French news corpus would
// be (the whole pages, below, mix in untranslated English and commands, so each goes
// through CLD2 span by span). A paragraph is French when a fiftieth of its bytes at least
// are accented letters.
std::vector<std::string> HandbookFrenchProse() {
  std::vector<std::string> docs;
  std::string doc;
  int in_doc = 0;
  for (const std::string& html : HandbookFrenchPages()) {
    const std::string open = "<div class=\"para\">";
    for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
      const size_t end = html.find("</div>", at);
      if (end == std::string::npos) break;
      std::string text;
      bool tag = false;
      for (size_t i = at; i < end; ++i) {
        if (html[i] == '<') tag = true;
        else if (html[i] == '>') tag = false;
        else if (!tag) text += html[i] == '\n' ? ' ' : html[i];
      }
      const std::string plain = StripMarks(text);
      if (text.size() < 200 || (text.size() - plain.size()) * 50 < text.size()) continue;
      doc += plain + "\n\n";
      if (++in_doc == 5) {
        docs.push_back(doc);
        doc.clear();
        in_doc = 0;
      }
    }
  }
  return docs;
}
std::vector<std::string> StrippedFrenchProse() { return RepeatTo8MB(HandbookFrenchProse()); }

// French prose that no cache has seen: the Handbook's paragraphs as above, then the Debian
// Reference and the New Maintainers' Guide in French (Debian packages debian-reference-fr,
// maint-guide-fr), stripped, five paragraphs to a document, each read once: ~1.6 MB.
std::vector<std::string> UnseenFrenchProse() {
  std::vector<std::string> docs = HandbookFrenchProse();
  for (const char* path : {"/usr/share/debian-reference/debian-reference.fr.txt.gz",
                           "/usr/share/doc/maint-guide-fr/maint-guide.fr.txt.gz"}) {
    const std::string text = ReadText(path);
    std::string doc;
    int in_doc = 0;
    for (size_t at = 0; at < text.size();) {
      size_t end = text.find("\n\n", at);
      if (end == std::string::npos) end = text.size();
      doc += StripMarks(text.substr(at, end - at)) + "\n\n";
      at = end + 2;
      if (++in_doc == 5) {
        docs.push_back(std::move(doc));
        doc.clear();
        in_doc = 0;
      }
    }
    if (!doc.empty()) docs.push_back(std::move(doc));
  }
  return docs;
}

// French prose stripped of its accents, as the diacritics stage meets it: the Debian
// Handbook's French pages (Debian package debian-handbook), tags removed, to ~8 MB.
std::vector<std::string> StrippedFrench() {
  std::vector<std::string> pages;
  for (const std::string& html : HandbookFrenchPages()) {
    std::string text;
    bool tag = false;
    for (char c : html) {
      if (c == '<') tag = true;
      else if (c == '>') tag = false, text += ' ';
      else if (!tag) text += c;
    }
    pages.push_back(StripMarks(text));
  }
  return RepeatTo8MB(pages);
}

// The texts of bench/unique_prose.py's JSONL; none when it has not been written.
std::vector<std::string> UniqueProse() {
  const char* env = std::getenv("MTCLEAN_UNIQUE_PROSE");
  const std::string path = env != nullptr ? env : "/tmp/mtclean-bench/unique-prose.jsonl";
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> docs;
  mtclean::JsonlParser parser;
  mtclean::RecordOptions options;
  options.format = mtclean::Format::kJsonl;
  mtclean::JsonlRecord record;
  for (std::string line; std::getline(in, line);)
    if (parser.Parse(line, options, path, &record).ok()) docs.push_back(record.doc.text);
  return docs;
}

void RunPipeline(benchmark::State& state, const std::string& spec_text, bool damaged,
                 std::vector<std::string> (*load)() = nullptr) {
  auto spec = mtclean::ParsePipelineSpec(spec_text, "bench");
  auto pipeline = mtclean::Pipeline::Create(*spec, {MTCLEAN_SOURCE_DIR "/dictionaries"});
  if (!pipeline.ok()) {
    state.SkipWithError(pipeline.status().message().c_str());
    return;
  }
  auto worker = (*pipeline)->NewWorker();
  std::vector<std::string> docs = load != nullptr ? load() : LoadDocs(damaged);
  if (docs.empty()) {
    state.SkipWithError(
        "no input text (scripts/setup.sh installs debian-handbook; bench/unique_prose.py writes "
        "the unique prose)");
    return;
  }
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  mtclean::Document doc;
  // A worker's one-time set-up (Hunspell dictionaries open on first use) is not the rate.
  for (size_t i = 0; i < std::min<size_t>(docs.size(), 20); ++i) {
    doc.text = docs[i];
    benchmark::DoNotOptimize(worker->Clean(doc).text.data());
  }
  for (auto _ : state) {
    for (const auto& text : docs) {
      doc.text = text;
      benchmark::DoNotOptimize(worker->Clean(doc).text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// A fresh worker for each round, its dictionaries opened on a line of French before the
// clock runs: the rate on text none of the stage's caches has met.
void BM_DiacriticsUnseenFrenchProse(benchmark::State& state) {
  auto spec = mtclean::ParsePipelineSpec("diacritics", "bench");
  auto pipeline = mtclean::Pipeline::Create(*spec, {MTCLEAN_SOURCE_DIR "/dictionaries"});
  if (!pipeline.ok()) {
    state.SkipWithError(pipeline.status().message().c_str());
    return;
  }
  const std::vector<std::string> docs = UnseenFrenchProse();
  if (docs.empty()) {
    state.SkipWithError("no input text (install debian-handbook: scripts/setup.sh)");
    return;
  }
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  // A worker opens a Hunspell dictionary when a language first needs it (a fraction of a
  // second each): a page of each language's Debian Reference, stripped, opens them.
  std::string warm_up = "il a ete a Paris avec sa famille, ou il est reste deux ans.";
  for (const char* lang : {"es", "pt", "de"})
    warm_up += "\n\n" + StripMarks(ReadText("/usr/share/debian-reference/debian-reference." + std::string(lang) +
                                             ".txt.gz").substr(0, 20000));
  mtclean::Document doc;
  for (auto _ : state) {
    state.PauseTiming();
    auto worker = (*pipeline)->NewWorker();
    doc.text = warm_up;
    benchmark::DoNotOptimize(worker->Clean(doc).text.data());
    if (state.range(0) == 1)  // the same text once before: the rate with warm caches
      for (const auto& text : docs) {
        doc.text = text;
        benchmark::DoNotOptimize(worker->Clean(doc).text.data());
      }
    state.ResumeTiming();
    for (const auto& text : docs) {
      doc.text = text;
      benchmark::DoNotOptimize(worker->Clean(doc).text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_Unicode(benchmark::State& s) { RunPipeline(s, "unicode", false); }
void BM_Punctuation(benchmark::State& s) { RunPipeline(s, "punctuation", false); }
void BM_UnicodePunctuation(benchmark::State& s) { RunPipeline(s, "unicode\npunctuation", false); }
void BM_Names(benchmark::State& s) { RunPipeline(s, "names", false); }
void BM_Boilerplate(benchmark::State& s) { RunPipeline(s, "boilerplate", false); }
void BM_Diacritics(benchmark::State& s) { RunPipeline(s, "diacritics", false); }
void BM_Garbled(benchmark::State& s) { RunPipeline(s, "garbled", false); }
void BM_DiacriticsStrippedFrench(benchmark::State& s) { RunPipeline(s, "diacritics", false, StrippedFrench); }
void BM_DiacriticsStrippedFrenchProse(benchmark::State& s) {
  RunPipeline(s, "diacritics", false, StrippedFrenchProse);
}
void BM_DefaultChain(benchmark::State& s) {
  auto spec = mtclean::LoadPipelineSpec("default");
  std::string text;
  for (const auto& st : spec->stages) text += st.name + "\n";
  RunPipeline(s, text, false);
}
// Unique prose, one pass each (Iterations(1)): a second pass would meet warm caches.
void BM_UnicodeUnique(benchmark::State& s) { RunPipeline(s, "unicode", false, UniqueProse); }
void BM_PunctuationUnique(benchmark::State& s) {
  RunPipeline(s, "punctuation", false, UniqueProse);
}
void BM_BoilerplateUnique(benchmark::State& s) {
  RunPipeline(s, "boilerplate", false, UniqueProse);
}
void BM_DiacriticsUnique(benchmark::State& s) { RunPipeline(s, "diacritics", false, UniqueProse); }
void BM_NamesUnique(benchmark::State& s) { RunPipeline(s, "names", false, UniqueProse); }
void BM_GarbledUnique(benchmark::State& s) { RunPipeline(s, "garbled", false, UniqueProse); }
void BM_DefaultChainUnique(benchmark::State& s) {
  auto spec = mtclean::LoadPipelineSpec("default");
  std::string text;
  for (const auto& st : spec->stages) text += st.name + "\n";
  RunPipeline(s, text, false, UniqueProse);
}
void BM_UnicodeDamaged(benchmark::State& s) { RunPipeline(s, "unicode", true); }
void BM_PunctuationDamaged(benchmark::State& s) { RunPipeline(s, "punctuation", true); }

// Inputs that once made a stage quadratic: a long line of quote marks, a long run of
// Windows-1252 bytes. MB/s here should be of the same order as on news text.
void BM_AdversarialLines(benchmark::State& state) {
  std::string quotes, cp1252;
  for (int i = 0; i < 20000; ++i) quotes += i % 3 ? "\xE2\x80\x9D" : "\xE2\x80\x9C a";
  for (int i = 0; i < 60000; ++i) cp1252 += static_cast<char>(0x80 + i % 0x40);
  auto pipeline = mtclean::Pipeline::FromPreset("default");
  auto worker = (*pipeline)->NewWorker();
  for (auto _ : state) {
    benchmark::DoNotOptimize(worker->Clean({"q", quotes, "", ""}).text.data());
    benchmark::DoNotOptimize(worker->Clean({"c", cp1252, "", ""}).text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * (quotes.size() + cp1252.size())));
}

BENCHMARK(BM_AdversarialLines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Unicode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Punctuation)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UnicodePunctuation)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Names)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Boilerplate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Diacritics)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Garbled)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DiacriticsStrippedFrench)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DiacriticsStrippedFrenchProse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DiacriticsUnseenFrenchProse)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultChain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UnicodeUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PunctuationUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BoilerplateUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DiacriticsUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NamesUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GarbledUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultChainUnique)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UnicodeDamaged)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PunctuationDamaged)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
