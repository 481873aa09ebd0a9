#include "pipeline/data_files.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "mtclean/pipeline.h"
#include "pipeline/utf8.h"

namespace mtclean {

std::string PathFromEnv(const char* variable, const std::string& fallback) {
  if (const char* env = std::getenv(variable); env != nullptr && *env != '\0') return env;
  return fallback;
}

std::string DefaultDataDir() { return PathFromEnv("MTCLEAN_DATA_DIR", MTCLEAN_DEFAULT_DATA_DIR); }

namespace {
StatusOr<std::vector<std::string>> ReadLines(const std::string& path, const char* hint) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot read data file " + path + ": " + std::strerror(errno) + hint);
  std::vector<std::string> lines;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!utf8::IsValid(line))
      return Status::Error(path + ":" + std::to_string(line_no) + ": not valid UTF-8");
    lines.push_back(line);
  }
  return lines;
}
}  // namespace

StatusOr<std::vector<std::string>> ReadDataLines(const std::string& data_dir,
                                                 const std::string& relative_path) {
  return ReadLines(data_dir + "/" + relative_path,
                   " (set MTCLEAN_DATA_DIR or --data-dir to the dictionaries/ folder)");
}

StatusOr<std::vector<std::string>> ReadLinesAt(const std::string& path) { return ReadLines(path, ""); }

StatusOr<std::vector<std::string>> ReadOptionalLines(const std::string& path) {
  if (path == "none" || !std::filesystem::exists(path)) return std::vector<std::string>{};
  return ReadLinesAt(path);
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

}  // namespace mtclean
