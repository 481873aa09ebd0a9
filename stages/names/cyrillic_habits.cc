#include "stages/names/cyrillic_habits.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "lexicon/accent_model.h"  // LowerWord
#include "pipeline/utf8.h"

namespace mtclean {

namespace {

// Whether `s` ends with `end` and has more before it.
bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.ends_with(end);
}

}  // namespace

StatusOr<CyrillicHabits> CyrillicHabits::Parse(const std::vector<std::string>& lines,
                                               const std::string& path) {
  CyrillicHabits h;
  for (const std::string& line : lines) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab + 1 == line.size())
      return Status::Error(path + ": expected language<TAB>letters[<TAB>english]: " + line);
    const std::string language = line.substr(0, tab);
    auto at = std::find(h.languages_.begin(), h.languages_.end(), language);
    if (at == h.languages_.end()) {
      h.languages_.push_back(language);
      h.schemes_.emplace_back();
      at = h.languages_.end() - 1;
    }
    Scheme& scheme = h.schemes_[static_cast<size_t>(at - h.languages_.begin())];
    std::vector<std::string> fields;
    for (size_t from = tab + 1;;) {
      const size_t next = line.find('\t', from);
      fields.push_back(line.substr(from, next == std::string::npos ? next : next - from));
      if (next == std::string::npos) break;
      from = next + 1;
    }
    const bool english_too = fields.back() == "english";
    if (english_too) fields.pop_back();
    const std::string& letters = fields[0];
    if (fields.size() == 1 && letters.size() > 1 &&
        (letters.front() == '-' || letters.back() == '-')) {
      const bool ending = letters.front() == '-';
      (ending ? scheme.endings : scheme.initials)
          .push_back(
              {ending ? letters.substr(1) : letters.substr(0, letters.size() - 1), !english_too});
      continue;
    }
    if (fields.size() != 2 || letters.empty() || fields[1].empty())
      return Status::Error(
          path +
          ": expected language<TAB>letters<TAB>english[<TAB>english], or an -ending or "
          "initial-: " +
          line);
    scheme.longest = std::max(scheme.longest, letters.size() - (letters.back() == '$' ? 1 : 0));
    scheme.groups[letters] = {fields[1], false, !english_too};
  }
  // A group English's transcription never writes ("w", "ou", "tsch") shows the language's
  // transcription; one it writes too ("ch", French for English "sh", English's own for "ch")
  // shows nothing: English "Ovcharov" reads as French, and must stay.
  std::unordered_set<std::string> english;
  for (const Scheme& scheme : h.schemes_)
    for (const auto& [letters, group] : scheme.groups) english.insert(group.english);
  for (Scheme& scheme : h.schemes_)
    for (auto& [letters, group] : scheme.groups)
      group.distinctive =
          letters.substr(0, letters.size() - (letters.back() == '$' ? 1 : 0)) != group.english &&
          english.count(letters) == 0;
  return h;
}

bool CyrillicHabits::Marked(std::string_view word, size_t language, bool* telling,
                            bool* telling_ending) const {
  const Scheme& scheme = schemes_[language];
  // Endings are lower-case ASCII, as the word's end is when it is a name; its first letter is
  // a capital, so an initial is compared without case.
  bool marked = false, tells = false;
  for (const auto& end : scheme.endings)
    if (EndsWith(word, end.letters)) marked = true, tells |= end.telling;
  if (telling_ending != nullptr) *telling_ending = tells;
  for (const auto& initial : scheme.initials) {
    if (word.size() <= initial.letters.size()) continue;
    bool same = true;
    for (size_t i = 0; i < initial.letters.size() && same; ++i)
      same = (word[i] | 0x20) == initial.letters[i];
    if (same) marked = true, tells |= initial.telling;
  }
  if (telling != nullptr) *telling = tells;
  return marked;
}

std::string CyrillicHabits::English(std::string_view word, size_t language, bool* telling,
                                    bool* reads) const {
  if (reads != nullptr) *reads = false;
  const Scheme& scheme = schemes_[language];
  // A name is written capitalised, each part of it: "JobNew", "UnitNew" are a program's.
  // (The case of each part's first letter, in order, for the English spelling.)
  std::vector<bool> capitals;
  for (size_t pos = 0, part_start = 0; pos < word.size();) {
    int32_t cp;
    const int n = utf8::Decode(word, pos, &cp);
    if (n <= 0) return "";
    if (cp == '-')
      part_start = pos + 1;
    else if (pos == part_start)
      capitals.push_back(utf8::IsUpper(cp));
    else if (utf8::IsUpper(cp))
      return "";
    pos += static_cast<size_t>(n);
  }
  const std::string lower = LowerWord(word);  // valid UTF-8: decoded above
  if (lower.empty()) return "";
  std::string out;
  bool distinctive = false, tells = false;
  size_t part = 0;
  bool capital = !capitals.empty() && capitals[0];
  for (size_t pos = 0; pos < lower.size();) {
    if (lower[pos] == '-') {  // "Tour-Sarkissian": each part reads on its own
      out += '-';
      ++pos;
      ++part;
      capital = part < capitals.size() && capitals[part];
      continue;
    }
    // The longest group first: "tsch" before "sch", "ch" and "t"; one that ends a word
    // ("tschow$") before one anywhere.
    const size_t part_end = std::min(lower.find('-', pos), lower.size());
    size_t len = std::min(scheme.longest, lower.size() - pos);
    for (; len > 0; --len) {
      auto it = scheme.groups.end();
      if (pos + len == part_end) it = scheme.groups.find(lower.substr(pos, len) + '$');
      if (it == scheme.groups.end()) it = scheme.groups.find(lower.substr(pos, len));
      if (it == scheme.groups.end()) continue;
      if (it->second.english == "!") return "";  // a group the transcription never writes
      const size_t first = out.size();
      out += it->second.english;
      distinctive |= it->second.distinctive;
      tells |= it->second.distinctive && it->second.telling;
      if (capital && first < out.size() && out[first] >= 'a' && out[first] <= 'z')
        out[first] = static_cast<char>(out[first] - 'a' + 'A');
      capital = false;
      pos += len;
      break;
    }
    if (len == 0) return "";  // a letter the transcription does not write
  }
  if (reads != nullptr) *reads = true;
  if (!distinctive || out == word) return "";
  if (telling != nullptr) *telling = tells;
  return out;
}

}  // namespace mtclean
