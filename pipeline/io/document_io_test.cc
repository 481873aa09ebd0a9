#include "pipeline/io/document_io.h"

#include <catch2/catch.hpp>

namespace mtclean {
namespace {

TEST_CASE("JSONL: text is replaced, every other byte passes through") {
  JsonlParser parser;
  RecordOptions options;
  JsonlRecord rec;
  std::string line = R"({"id": 17, "meta": {"n": 1.50, "tags": ["a"]}, "text": "caf\u00e9 \"x\"\n", "z": null})";
  REQUIRE(parser.Parse(line, options, "f:1", &rec).ok());
  CHECK(rec.doc.id == "17");
  CHECK(rec.doc.text == "café \"x\"\n");
  std::string out;
  AppendJsonlWithText(line, rec, "clean “text”", &out);
  CHECK(out == R"({"id": 17, "meta": {"n": 1.50, "tags": ["a"]}, "text": "clean “text”", "z": null})" "\n");
}

TEST_CASE("JSONL: custom fields and missing id") {
  JsonlParser parser;
  RecordOptions options;
  options.text_field = "body";
  options.id_field = "url";
  JsonlRecord rec;
  REQUIRE(parser.Parse(R"({"url":"http://x","body":"hi"})", options, "f:2", &rec).ok());
  CHECK(rec.doc.id == "http://x");
  REQUIRE(parser.Parse(R"({"body":"hi"})", options, "f:3", &rec).ok());
  CHECK(rec.doc.id == "f:3");
}

TEST_CASE("JSONL: malformed records are rejected with their place") {
  JsonlParser parser;
  RecordOptions options;
  JsonlRecord rec;
  Status st = parser.Parse(R"({"text": "unterminated)", options, "in.jsonl:7", &rec);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().rfind("in.jsonl:7: ", 0) == 0);
  CHECK_FALSE(parser.Parse(R"({"other": 1})", options, "f:1", &rec).ok());
  CHECK(parser.Parse(R"({"other": 1})", options, "f:1", &rec).message().find("no \"text\" field") !=
        std::string::npos);
  CHECK_FALSE(parser.Parse(R"({"text": 5})", options, "f:1", &rec).ok());
  CHECK_FALSE(parser.Parse(R"([1,2])", options, "f:1", &rec).ok());
  CHECK_FALSE(parser.Parse(R"({"text": "a"} trailing)", options, "f:1", &rec).ok());
}

TEST_CASE("format is guessed from the extension") {
  CHECK(GuessFormat("a.jsonl") == Format::kJsonl);
  CHECK(GuessFormat("a.jsonl.zst") == Format::kJsonl);
  CHECK(GuessFormat("a.ndjson.gz") == Format::kJsonl);
  CHECK(GuessFormat("a.txt.gz") == Format::kText);
  CHECK(GuessFormat("-") == Format::kText);
}

}  // namespace
}  // namespace mtclean

namespace mtclean {
namespace {

TEST_CASE("JSON strings: escapes, and U+FFFD for bytes that are not UTF-8") {
  std::string out;
  AppendJsonString("a\"b\\c\nd\te\x01 “é”\x7f", &out);
  CHECK(out == "\"a\\\"b\\\\c\\nd\\te\\u0001 “é”\x7f\"");
  out.clear();
  AppendJsonString("ok\xff", &out);
  CHECK(out == "\"ok\xEF\xBF\xBD\"");
  // What we write, a JSON parser reads back.
  JsonlParser parser;
  JsonlRecord rec;
  std::string text = "line\none \"q\" \\ \x02 tab\t café";
  std::string line = "{\"text\":";
  AppendJsonString(text, &line);
  line += "}";
  REQUIRE(parser.Parse(line, RecordOptions{}, "f:1", &rec).ok());
  CHECK(rec.doc.text == text);
}

}  // namespace
}  // namespace mtclean
