#include "stages/boilerplate/prose.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/data_files.h"
#include "pipeline/utf8.h"

namespace mtclean::boilerplate {

void StopWords::AddLanguage(const std::string& name, const std::vector<std::string>& words) {
  const uint64_t bit = uint64_t{1} << names_.size();
  names_.push_back(name);
  FoldedLine f;
  for (const std::string& w : words) {
    // Folded as lines are ("we'll" -> "well"), so a look-up of a line's word finds it.
    Fold(w, &f);
    if (f.words() == 1) table_.Add(f.text, bit);
  }
}

StatusOr<StopWords> StopWords::Load(const std::string& data_dir, const std::vector<std::string>& curated,
                                    const std::string& iso_path) {
  StopWords out;
  for (const std::string& lang : curated) {
    if (std::find(out.names_.begin(), out.names_.end(), lang) != out.names_.end()) continue;
    // Languages without a curated list take stopwords-iso's below.
    if (!std::ifstream(data_dir + "/stopwords/" + lang + ".txt")) continue;
    auto words = ReadDataLines(data_dir, "stopwords/" + lang + ".txt");
    if (!words.ok()) return words.status();
    out.AddLanguage(lang, *words);
  }
  if (iso_path.empty()) return out;
  std::ifstream in(iso_path);
  if (!in) return Status::Error(iso_path + ": cannot read the stopwords-iso lists (run scripts/setup.sh)");
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return Status::Error(iso_path + ": not a JSON object of stop-word lists");
  for (const auto& [lang, list] : json.items()) {
    if (std::find(out.names_.begin(), out.names_.end(), lang) != out.names_.end() || !list.is_array()) continue;
    if (out.names_.size() == 64) break;
    std::vector<std::string> words;
    for (const auto& w : list)
      if (w.is_string()) words.push_back(w.get<std::string>());
    out.AddLanguage(lang, words);
  }
  return out;
}

namespace {
bool IsSentenceEndCp(int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
         cp == 0x0964 || cp == 0x06D4 || cp == 0x061F;
}
bool IsClosing(int32_t cp) { return cp == '"' || cp == 0x201D || cp == 0x00BB || cp == 0x2019 || cp == ')'; }
// Scripts whose words are not separated by spaces: Han, kana, Thai, Lao, Khmer, Myanmar.
bool Spaceless(int32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x0E00 && cp <= 0x0EFF) ||
         (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x1000 && cp <= 0x109F) || (cp >= 0xF900 && cp <= 0xFAFF);
}
}  // namespace

LineShape ShapeOf(std::string_view raw, const FoldedLine& fold, size_t stopwords) {
  LineShape s;
  s.words = fold.words();
  s.stopwords = stopwords;
  size_t spaceless = 0;
  int32_t last = 0, before_last = 0;
  bool first = true;
  for (size_t pos = 0; pos < raw.size();) {
    int32_t cp;
    int n = utf8::Decode(raw, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    if (cp == ' ' || cp == '\t' || cp == '\r') {
      if (IsSentenceEndCp(last) || last == ',' || last == ';') s.sentence_inside = true;
      continue;
    }
    if (first) {
      s.starts_upper = utf8::IsUpper(cp) || utf8::IsDigit(cp) || !utf8::IsLetter(cp);
      first = false;
    }
    ++s.code_points;
    if (cp >= 0x0E00 && Spaceless(cp)) {
      ++spaceless;
      if (IsSentenceEndCp(last) || last == 0x3001 || last == 0xFF0C) s.sentence_inside = true;
    }
    before_last = last;
    last = cp;
  }
  s.spaceless_script = spaceless * 2 > s.code_points;
  s.sentence_end = IsSentenceEndCp(last) || (IsClosing(last) && IsSentenceEndCp(before_last));
  return s;
}

bool IsProse(const LineShape& s, bool know_language) {
  if (s.spaceless_script) return s.code_points >= 20 && (s.sentence_end || s.sentence_inside);
  if (!know_language) return s.words >= 8 && (s.sentence_end || s.sentence_inside);
  // A sentence with a function word ("Jalrez fell after three days of fighting.").
  if (s.words >= 4 && s.sentence_end && s.stopwords >= 1) return true;
  // A paragraph's worth of words with function words among them, however it ends (a line cut
  // by the page's layout, a list item that is a whole sentence).
  if (s.words >= 8 && s.stopwords * 100 >= 15 * s.words) return true;
  return s.words >= 20 && s.stopwords >= 2 && s.sentence_inside;
}

bool IsParagraph(const LineShape& s) {
  if (s.spaceless_script) return s.code_points >= 60;
  return s.code_points >= 110 && (s.sentence_end || s.sentence_inside);
}

}  // namespace mtclean::boilerplate
