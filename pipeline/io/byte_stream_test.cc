#include "pipeline/io/byte_stream.h"

#include <catch2/catch.hpp>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <string>

namespace mtclean {
namespace {

std::string TempPath(const std::string& name) {
  // One name per process: two test runs on one machine must not share files.
  return (std::filesystem::temp_directory_path() / ("mtclean_test_" + std::to_string(getpid()) + "_" + name)).string();
}

void WriteFile(const std::string& path, const std::string& data) {
  auto w = OpenByteWriter(path);
  REQUIRE(w.ok());
  for (size_t pos = 0; pos < data.size(); pos += 7777)
    REQUIRE((*w)->Write(std::string_view(data).substr(pos, 7777)).ok());
  REQUIRE((*w)->Commit().ok());
}

std::string ReadFile(const std::string& path) {
  auto r = OpenByteReader(path);
  REQUIRE(r.ok());
  std::string out;
  REQUIRE(ReadAll(**r, &out).ok());
  return out;
}

TEST_CASE("byte streams round-trip plain, gzip and zstd") {
  std::string data;
  for (int i = 0; i < 20000; ++i) data += "line " + std::to_string(i) + " é\n";
  for (const char* ext : {".txt", ".gz", ".zst"}) {
    std::string path = TempPath(std::string("rt") + ext);
    WriteFile(path, data);
    CHECK(ReadFile(path) == data);
    std::remove(path.c_str());
  }
}

TEST_CASE("a compressed file is recognised by its bytes, not its name") {
  std::string gz = TempPath("sniff.gz"), renamed = TempPath("sniff.data");
  WriteFile(gz, "hello\n");
  std::filesystem::rename(gz, renamed);
  CHECK(ReadFile(renamed) == "hello\n");
  std::remove(renamed.c_str());
}

TEST_CASE("a writer through a link writes the file the link names, and keeps the link") {
  // As `--edits /dev/stdout` of a shell that sent stdout to a file: the link must stay a link.
  std::string file = TempPath("linked.txt"), link = TempPath("link.txt");
  WriteFile(file, "old\n");
  std::filesystem::create_symlink(file, link);
  WriteFile(link, "new\n");
  CHECK(std::filesystem::is_symlink(link));
  CHECK(ReadFile(file) == "new\n");
  // A path under /proc (here the descriptor of an open file) is written in place.
  FILE* f = std::fopen(file.c_str(), "w+");
  REQUIRE(f != nullptr);
  WriteFile("/proc/self/fd/" + std::to_string(fileno(f)), "through the descriptor\n");
  std::fclose(f);
  CHECK(ReadFile(file) == "through the descriptor\n");
  std::remove(link.c_str());
  std::remove(file.c_str());
}

TEST_CASE("an uncommitted writer leaves no file behind") {
  std::string path = TempPath("uncommitted.txt");
  {
    auto w = OpenByteWriter(path);
    REQUIRE(w.ok());
    REQUIRE((*w)->Write("partial").ok());
  }
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("line reader: long lines, no final newline, empty file") {
  std::string path = TempPath("lines.txt");
  std::string long_line(5 << 20, 'x');
  WriteFile(path, "a\n" + long_line + "\n\nlast");
  auto r = OpenByteReader(path);
  REQUIRE(r.ok());
  LineReader lines(std::move(*r));
  std::string line;
  std::vector<size_t> sizes;
  while (true) {
    auto more = lines.Next(&line);
    REQUIRE(more.ok());
    if (!*more) break;
    sizes.push_back(line.size());
  }
  CHECK(sizes == std::vector<size_t>{1, long_line.size(), 0, 4});
  CHECK(lines.line_number() == 4);
  WriteFile(path, "");
  auto r2 = OpenByteReader(path);
  REQUIRE(r2.ok());
  LineReader empty(std::move(*r2));
  auto more = empty.Next(&line);
  REQUIRE(more.ok());
  CHECK_FALSE(*more);
  std::remove(path.c_str());
}

TEST_CASE("errors name the file") {
  auto r = OpenByteReader("/no/such/file.txt");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "cannot read /no/such/file.txt: No such file or directory");
  std::string corrupt = TempPath("corrupt.gz");
  {
    FILE* f = std::fopen(corrupt.c_str(), "wb");
    std::fputs("\x1f\x8b garbage that is not deflate", f);
    std::fclose(f);
  }
  auto g = OpenByteReader(corrupt);
  REQUIRE(g.ok());
  std::string out;
  Status st = ReadAll(**g, &out);
  CHECK_FALSE(st.ok());
  CHECK(st.message().find(corrupt) != std::string::npos);
  std::remove(corrupt.c_str());
}

}  // namespace
}  // namespace mtclean
