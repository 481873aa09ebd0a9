#include "pipeline/io/document_io.h"

#include <nlohmann/json.hpp>
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

void AppendJsonString(std::string_view s, std::string* out) {
  out->append(nlohmann::json(std::string(s)).dump(-1, ' ', false,
                                                  nlohmann::json::error_handler_t::replace));
}

void AppendJsonlWithText(std::string_view line, const JsonlRecord& record, std::string_view text,
                         std::string* out) {
  out->append(line.substr(0, record.text_begin));
  AppendJsonString(text, out);
  out->append(TrimRight(line.substr(record.text_end)));
  out->push_back('\n');
}

}  // namespace mtclean
