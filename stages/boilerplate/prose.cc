#include "stages/boilerplate/prose.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lexicon/accent_model.h"  // LowerWord
#include "lexicon/word_table.h"
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
bool IsClosing(int32_t cp) { return cp == '"' || cp == 0x201D || cp == 0x00BB || cp == 0x2019 || cp == ')'; }
}  // namespace

LineShape ShapeOf(std::string_view raw, const FoldedLine& fold, size_t stopwords) {
  LineShape s;
  s.words = fold.words();
  s.stopwords = stopwords;
  size_t spaceless = 0;
  // Byte offsets of the last two code points that are no space; a code point is decoded only
  // where it matters (most of a line is ASCII, or letters whose value does not matter here).
  size_t last = std::string_view::npos, before_last = std::string_view::npos;
  auto at = [&](size_t pos) -> int32_t {
    if (pos == std::string_view::npos) return 0;
    const auto byte = static_cast<unsigned char>(raw[pos]);
    return byte < 0x80 ? byte : utf8::At(raw, pos);
  };
  for (size_t pos = 0; pos < raw.size();) {
    const auto byte = static_cast<unsigned char>(raw[pos]);
    if (byte == ' ' || byte == '\t' || byte == '\r') {
      const int32_t end = at(last);
      if (IsSentenceEndMark(end) || end == ',' || end == ';') s.sentence_inside = true;
      ++pos;
      continue;
    }
    const size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (last == std::string_view::npos) {
      const int32_t first = byte < 0x80 ? byte : utf8::At(raw, pos);
      s.starts_upper = first < 0x80 ? !(first >= 'a' && first <= 'z') : (utf8::IsUpper(first) || !utf8::IsLetter(first));
    }
    ++s.code_points;
    // Scripts without spaces are in the three-byte range: Thai (E0 B8), Myanmar and Khmer (E1),
    // kana and Han (E3 to E9), compatibility ideographs and full-width marks (EF).
    if (byte == 0xE0 || byte == 0xE1 || (byte >= 0xE3 && byte <= 0xE9) || byte == 0xEF) {
      const int32_t cp = utf8::At(raw, pos);
      if (IsSpacelessScript(cp)) {
        ++spaceless;
        const int32_t prev = at(last);
        if (IsSentenceEndMark(prev) || prev == 0x3001 || prev == 0xFF0C) s.sentence_inside = true;
      }
    }
    before_last = last;
    last = pos;
    pos += std::min(length, raw.size() - pos);
  }
  s.spaceless_script = spaceless * 2 > s.code_points;
  const int32_t end = at(last);
  s.sentence_end = IsSentenceEndMark(end) || (IsClosing(end) && IsSentenceEndMark(at(before_last)));
  return s;
}

LineShape ShapeFromFold(const FoldedLine& fold, size_t stopwords) {
  LineShape s;
  s.words = fold.words();
  s.stopwords = stopwords;
  s.code_points = fold.code_points;
  s.sentence_inside = fold.sentence_inside;
  const int32_t first = fold.first;
  s.starts_upper = first < 0x80 ? !(first >= 'a' && first <= 'z') : (utf8::IsUpper(first) || !utf8::IsLetter(first));
  s.spaceless_script = fold.spaceless * 2 > fold.code_points;
  s.sentence_end = IsSentenceEndMark(fold.last) || (IsClosing(fold.last) && IsSentenceEndMark(fold.before_last));
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

namespace {
// Units of cooking and shopping longer than three letters, in the languages of the pages
// (lower case): "1 tbsp minced garlic", "3 Becher Schmand", "2 cucharadas de aceite". A
// closed list: "4 ways to save" or "2020 Audi e-tron" measure nothing.
bool LongUnit(std::string_view unit) {
  static const WordSet kUnits = {
      "tbsp", "tbsps", "tbs", "tsp", "tsps", "cup", "cups", "pinch", "clove", "cloves", "slice", "slices", "can",
      "cans", "pack", "packs", "stick", "sticks", "sprig", "sprigs", "bunch", "becher", "dose", "dosen", "dose/n",
      "prise", "prisen", "bund", "zehe", "zehen", "zehe/n", "stück", "scheibe", "scheiben", "päckchen", "tasse",
      "tassen", "glas", "gläser", "cuillère", "cuillères", "pincée", "gousse", "gousses", "tranche", "tranches",
      "sachet", "cucharada", "cucharadas", "cucharadita", "cucharaditas", "taza", "tazas", "pizca", "diente",
      "dientes", "cucchiaio", "cucchiai", "cucchiaino", "cucchiaini", "pizzico", "spicchio", "spicchi", "colher",
      "colheres", "xícara", "xícaras", "pitada", "dente", "dentes", "eetlepel", "theelepel", "kopje", "snufje",
      "łyżka", "łyżki", "łyżeczka", "łyżeczki", "szklanka", "szklanki", "szczypta"};
  return kUnits.count(LowerWord(unit)) > 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool IsQuantityLine(std::string_view raw) {
  // "65 g Margarine oder Butter", "120g kway teow (flat rice noodles)", "2 EL Zucker", "1 1/2-2
  // tbsp kecap manis": a number (a fraction, a range), a unit (one to three letters, glued
  // or not, or a known longer one), and what is measured.
  size_t pos = 0;
  auto skip_spaces = [&] { while (pos < raw.size() && (raw[pos] == ' ' || raw[pos] == '\t')) ++pos; };
  skip_spaces();
  if (pos >= raw.size() || !IsDigit(raw[pos])) return false;
  // Numbers, fractions and ranges: "1", "0,5", "1/2", "1-2", "1 – 1 1/2".
  for (;;) {
    while (pos < raw.size() && (IsDigit(raw[pos]) || raw[pos] == ',' || raw[pos] == '.' || raw[pos] == '/' || raw[pos] == '-'))
      ++pos;
    size_t next = pos;
    while (next < raw.size() && raw[next] == ' ') ++next;
    if (raw.substr(next, 3) == "\xE2\x80\x93") {  // an en dash between two numbers
      next += 3;
      while (next < raw.size() && raw[next] == ' ') ++next;
    }
    if (next < raw.size() && next > pos && IsDigit(raw[next])) {
      pos = next;
      continue;
    }
    break;
  }
  skip_spaces();
  const size_t unit_begin = pos;
  while (pos < raw.size() && (std::isalpha(static_cast<unsigned char>(raw[pos])) || static_cast<unsigned char>(raw[pos]) >= 0x80))
    ++pos;
  if (raw.substr(pos, 2) == "/n") pos += 2;  // "Dose/n"
  const std::string_view unit = raw.substr(unit_begin, pos - unit_begin);
  const bool ascii_unit = std::all_of(unit.begin(), unit.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  if (unit.empty() || !((ascii_unit && unit.size() <= 3) || LongUnit(unit))) return false;
  if (pos < raw.size() && raw[pos] != ' ' && raw[pos] != '.') return false;
  if (pos < raw.size() && raw[pos] == '.') ++pos;
  return CountWords(raw.substr(pos)) >= 1;  // what is measured
}

bool IsFactLine(std::string_view raw, bool list_item) {
  // "Ort: Kasberg im Frankenland", "Nennversorgungsspannung: 220...240VAC": a name of one to
  // three words, its colon, and a value of one to four.
  const size_t colon = raw.find(": ");
  if (colon == std::string_view::npos || colon == 0 || !utf8::IsUpper(utf8::At(raw, 0))) return false;
  const std::string_view key = raw.substr(0, colon), value = raw.substr(colon + 2);
  const size_t key_words = CountWords(key), value_words = CountWords(value);
  // A headline is written so too ("Skoda: Der lange Weg zum Strom"): a value is short, and
  // a list item's or a number ("Einsendeschluss: 03.11.2019").
  const bool number = std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  return key_words >= 1 && key_words <= 3 && value_words >= 1 && value_words <= 4 && (list_item || number) &&
         value.find(": ") == std::string_view::npos;
}

}  // namespace mtclean::boilerplate
