#include "pipeline/io/document_io.h"

#include <cstring>

#include "pipeline/utf8.h"

#include <simdjson.h>

namespace mtclean {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Format GuessFormat(std::string_view path) {
  if (EndsWith(path, ".gz")) path.remove_suffix(3);
  else if (EndsWith(path, ".zst")) path.remove_suffix(4);
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson") || EndsWith(path, ".json"))
    return Format::kJsonl;
  return Format::kText;
}

struct JsonlParser::Impl {
  simdjson::ondemand::parser parser;
  std::string padded;
};

JsonlParser::JsonlParser() : impl_(std::make_unique<Impl>()) {}
JsonlParser::~JsonlParser() = default;
JsonlParser::JsonlParser(JsonlParser&&) noexcept = default;
JsonlParser& JsonlParser::operator=(JsonlParser&&) noexcept = default;

Status JsonlParser::Parse(std::string_view line, const RecordOptions& options,
                          const std::string& where, JsonlRecord* record) {
  std::string& padded_ = impl_->padded;
  padded_.assign(line);
  padded_.append(simdjson::SIMDJSON_PADDING, '\0');
  auto fail = [&](std::string_view what, simdjson::error_code err = simdjson::SUCCESS) {
    std::string msg = where + ": " + std::string(what);
    if (err != simdjson::SUCCESS) msg += std::string(" (") + simdjson::error_message(err) + ")";
    return Status::Error(msg);
  };
  simdjson::ondemand::document doc;
  if (auto err = impl_->parser.iterate(padded_.data(), line.size(), padded_.size()).get(doc))
    return fail("malformed JSON", err);
  simdjson::ondemand::object obj;
  if (auto err = doc.get_object().get(obj))
    return fail(err == simdjson::INCORRECT_TYPE ? "expected a JSON object" : "malformed JSON", err);
  bool have_text = false, have_id = false;
  record->doc.id.clear();
  for (auto field_result : obj) {
    simdjson::ondemand::field field;
    if (auto err = std::move(field_result).get(field)) return fail("malformed JSON", err);
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return fail("malformed key", err);
    simdjson::ondemand::value value = field.value();
    if (!have_text && key == options.text_field) {
      std::string_view token = value.raw_json_token();
      std::string_view text;
      if (auto err = value.get_string().get(text))
        return fail("field \"" + options.text_field + "\" is not a string", err);
      token = TrimRight(token);
      record->text_begin = static_cast<size_t>(token.data() - padded_.data());
      record->text_end = record->text_begin + token.size();
      record->doc.text.assign(text);
      have_text = true;
    } else if (!have_id && key == options.id_field) {
      std::string_view token = value.raw_json_token();
      std::string_view id;
      if (value.get_string().get(id) == simdjson::SUCCESS) {
        record->doc.id.assign(id);
      } else {
        record->doc.id.assign(TrimRight(token));
      }
      have_id = true;
    }
  }
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS)
    return fail("malformed JSON (text after the object)");
  if (!have_text) return fail("no \"" + options.text_field + "\" field (set --text-field)");
  if (!have_id) record->doc.id = where;
  return {};
}

// Hand-written rather than nlohmann::json::dump, which took 35% of a whole CLI run on
// JSONL news text: this copies runs of plain bytes and escapes only what JSON requires.
void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes copied as they are
  for (size_t i = 0; i < s.size();) {
    uint64_t w;
    if (i + 8 <= s.size()) {  // eight plain ASCII bytes at a time
      std::memcpy(&w, s.data() + i, 8);
      if (((w & swar::kHigh) | swar::BytesBelow(w, 0x20) | swar::BytesEqual(w, '"') |
           swar::BytesEqual(w, '\\')) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      int32_t cp;
      int n = utf8::Decode(s, i, &cp);
      if (n > 0) {
        i += static_cast<size_t>(n);
        continue;
      }
      out->append(s.substr(run, i - run));
      out->append("\xEF\xBF\xBD");  // U+FFFD for bytes that are not UTF-8
      i += static_cast<size_t>(-n);
      run = i;
      continue;
    }
    out->append(s.substr(run, i - run));
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
    ++i;
    run = i;
  }
  out->append(s.substr(run));
  out->push_back('"');
}

void AppendJsonlWithText(std::string_view line, const JsonlRecord& record, std::string_view text,
                         std::string* out) {
  out->append(line.substr(0, record.text_begin));
  AppendJsonString(text, out);
  out->append(TrimRight(line.substr(record.text_end)));
  out->push_back('\n');
}

}  // namespace mtclean
