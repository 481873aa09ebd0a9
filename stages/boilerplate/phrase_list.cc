#include "stages/boilerplate/phrase_list.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <fstream>

#include "pipeline/data_files.h"
#include "pipeline/utf8.h"

namespace mtclean::boilerplate {

void Fold(std::string_view raw, FoldedLine* out) {
  out->text.clear();
  out->word_starts.clear();
  out->word_ends.clear();
  out->offsets.clear();
  out->code_points = out->spaceless = 0;
  out->first = out->last = out->before_last = 0;
  out->sentence_inside = false;
  out->separators = 0;
  bool in_word = false;
  bool after_end = false;  // a space after a sentence end or a comma: more text makes it inside
  // Every code point that is no space, for the prose test.
  auto note = [&](int32_t cp) {
    if (after_end) out->sentence_inside = true;
    after_end = false;
    if (out->code_points++ == 0) out->first = cp;
    out->separators += cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == 0xBB || cp == 0x203A;
    if (cp >= 0x0E00 && IsSpacelessScript(cp)) {
      ++out->spaceless;
      if (IsSentenceEndMark(out->last) || out->last == 0x3001 || out->last == 0xFF0C) out->sentence_inside = true;
    }
    out->before_last = out->last;
    out->last = cp;
  };
  auto start_word = [&](size_t pos) {
    if (!out->text.empty()) out->text.push_back(' ');
    out->offsets.push_back(out->text.size());
    out->word_starts.push_back(pos);
    out->word_ends.push_back(pos);
    in_word = true;
  };
  for (size_t pos = 0; pos < raw.size();) {
    // ASCII, the common case, without a look-up.
    const auto byte = static_cast<unsigned char>(raw[pos]);
    if (byte < 0x80 && byte != '\'') {
      if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') {
        if (!in_word) start_word(pos);
        // The whole run of ASCII letters at once: this is the hottest path of the stage.
        size_t end = pos + 1;
        while (end < raw.size() && (static_cast<unsigned char>(raw[end]) | 0x20) >= 'a' &&
               (static_cast<unsigned char>(raw[end]) | 0x20) <= 'z')
          ++end;
        const size_t old = out->text.size(), n = end - pos;
        out->text.append(raw.data() + pos, n);
        char* lowered = out->text.data() + old;
        for (size_t k = 0; k < n; ++k) lowered[k] = static_cast<char>(lowered[k] | 0x20);
        out->word_ends.back() = end;
        // note() for each letter, without its tests for separators and scripts, which no
        // ASCII letter is.
        if (after_end) out->sentence_inside = true;
        after_end = false;
        if (out->code_points == 0) out->first = byte;
        out->code_points += n;
        out->before_last = n >= 2 ? static_cast<unsigned char>(raw[end - 2]) : out->last;
        out->last = static_cast<unsigned char>(raw[end - 1]);
        pos = end;
      } else {
        in_word = false;
        ++pos;
        if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\n') {
          after_end |= IsSentenceEndMark(out->last) || out->last == ',' || out->last == ';';
        } else {
          note(byte);
        }
      }
      continue;
    }
    int32_t cp;
    int n = utf8::Decode(raw, pos, &cp);
    size_t len = static_cast<size_t>(n > 0 ? n : -n);
    if (cp == 0xA0 || cp == 0x3000) after_end |= IsSentenceEndMark(out->last) || out->last == ',' || out->last == ';';
    else note(cp);
    bool apostrophe = cp == '\'' || cp == 0x2019;
    if (utf8::IsLetter(cp) || (in_word && (utf8::IsMark(cp) || apostrophe))) {
      if (!in_word) start_word(pos);
      if (!apostrophe && !utf8::IsMark(cp)) {
        if (cp < 0x80) out->text.push_back(static_cast<char>(cp | (cp >= 'A' && cp <= 'Z' ? 0x20 : 0)));
        else utf8::Append(&out->text, utf8proc_tolower(cp));
      }
      out->word_ends.back() = pos + len;
    } else {
      in_word = false;
    }
    pos += len;
  }
}

namespace {

bool StartsWithWords(std::string_view text, std::string_view phrase) {
  return text.size() >= phrase.size() && text.compare(0, phrase.size(), phrase) == 0 &&
         (text.size() == phrase.size() || text[phrase.size()] == ' ');
}

}  // namespace

StatusOr<PhraseList> PhraseList::Load(const std::string& data_dir,
                                      const std::vector<std::string>& languages,
                                      const std::vector<std::string_view>& rules,
                                      const std::vector<std::string>& extra_files) {
  PhraseList list;
  std::vector<std::string> paths;
  for (const std::string& lang : languages) paths.push_back(data_dir + "/boilerplate/" + lang + ".txt");
  for (const std::string& path : extra_files)
    if (std::ifstream(path)) paths.push_back(path);
  for (const std::string& path : paths) {
    std::ifstream in(path);
    if (!in) return Status::Error("cannot read data file " + path);
    std::string line;
    for (size_t line_no = 1; std::getline(in, line); ++line_no) {
      if (line.empty() || line[0] == '#') continue;
      size_t t1 = line.find('\t'), t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string::npos)
        return Status::Error(path + ":" + std::to_string(line_no) +
                             ": expected rule<TAB>match<TAB>phrase");
      Phrase p;
      std::string rule = line.substr(0, t1);
      size_t r = 0;
      while (r < rules.size() && rules[r] != rule) ++r;
      if (r == rules.size())
        return Status::Error(path + ":" + std::to_string(line_no) + ": unknown rule '" + rule + "'");
      p.rule = static_cast<uint16_t>(r);
      std::string kind = line.substr(t1 + 1, t2 - t1 - 1);
      if (kind == "line") p.kind = MatchKind::kLine;
      else if (kind == "prefix") p.kind = MatchKind::kPrefix;
      else if (kind == "glued") p.kind = MatchKind::kGlued;
      else if (kind == "inside") p.kind = MatchKind::kInside;
      else
        return Status::Error(path + ":" + std::to_string(line_no) + ": match must be line, prefix, glued or inside, got '" +
                             kind + "'");
      FoldedLine folded;
      Fold(std::string_view(line).substr(t2 + 1), &folded);
      if (folded.text.empty())
        return Status::Error(path + ":" + std::to_string(line_no) + ": empty phrase");
      p.folded = folded.text;
      list.phrases_.push_back(std::move(p));
    }
  }
  for (size_t i = 0; i < list.phrases_.size(); ++i) {
    const Phrase& p = list.phrases_[i];
    if (p.kind == MatchKind::kLine) {
      list.line_index_.emplace(p.folded, i);
    } else if (p.kind == MatchKind::kInside) {
      list.inside_index_[p.folded.substr(0, p.folded.find(' '))].push_back(i);
    } else {
      list.prefix_index_[p.folded.substr(0, p.folded.find(' '))].push_back(i);
      // A glued phrase alone on its line ("Related") is chrome too.
      if (p.kind == MatchKind::kGlued) list.line_index_.emplace(p.folded, i);
    }
  }
  return list;
}

const Phrase* PhraseList::MatchLine(std::string_view folded) const {
  auto it = line_index_.find(folded);
  return it == line_index_.end() ? nullptr : &phrases_[it->second];
}

const Phrase* PhraseList::MatchLineSequence(std::string_view folded, size_t* pieces,
                                            bool* multiword) const {
  constexpr size_t kMaxWords = 16;
  std::array<size_t, kMaxWords + 1> starts{};  // byte offsets of the words, and the end
  size_t n = 0;
  for (size_t at = 0; at <= folded.size() && !folded.empty(); ++n) {
    if (n == kMaxWords) return nullptr;
    starts[n] = at;
    const size_t space = folded.find(' ', at);
    at = space == std::string_view::npos ? folded.size() + 1 : space + 1;
  }
  if (n < 2) return nullptr;
  starts[n] = folded.size() + 1;
  // best[k]: the fewest pieces covering words [k, n) (0 for k == n, kNoWay when none do),
  // preferring longer first pieces; next[k] the end of the first piece.
  constexpr size_t kNoWay = ~size_t{0};
  std::array<size_t, kMaxWords + 1> best{}, next{};
  std::array<const Phrase*, kMaxWords + 1> first{};
  best[n] = 0;
  for (size_t k = n; k-- > 0;) {
    best[k] = kNoWay;
    for (size_t e = n; e > k; --e) {
      if (best[e] == kNoWay) continue;
      auto it = line_index_.find(folded.substr(starts[k], starts[e] - 1 - starts[k]));
      if (it == line_index_.end() || best[e] + 1 >= best[k]) continue;
      best[k] = best[e] + 1, next[k] = e, first[k] = &phrases_[it->second];
    }
  }
  if (best[0] == kNoWay || best[0] < 2) return nullptr;
  *pieces = best[0];
  *multiword = false;
  for (size_t k = 0; k < n; k = next[k]) *multiword |= next[k] - k >= 2;
  return first[0];
}

const Phrase* PhraseList::MatchPrefix(std::string_view folded) const {
  auto it = prefix_index_.find(folded.substr(0, folded.find(' ')));
  if (it == prefix_index_.end()) return nullptr;
  const Phrase* best = nullptr;
  for (size_t i : it->second) {
    const Phrase& p = phrases_[i];
    if (StartsWithWords(folded, p.folded) && (best == nullptr || p.folded.size() > best->folded.size()))
      best = &p;
  }
  return best;
}

const Phrase* PhraseList::MatchGlued(std::string_view folded) const {
  const Phrase* p = MatchPrefix(folded);
  return p != nullptr && p->kind == MatchKind::kGlued ? p : nullptr;
}

const Phrase* PhraseList::MatchInside(std::string_view folded, size_t* last_word) const {
  if (inside_index_.empty()) return nullptr;
  for (size_t at = 0, word = 0; at < folded.size(); ++word) {
    const size_t space = folded.find(' ', at);
    const std::string_view rest = folded.substr(at);
    if (auto it = inside_index_.find(rest.substr(0, space == std::string_view::npos ? rest.size() : space - at));
        it != inside_index_.end())
      for (size_t i : it->second)
        if (StartsWithWords(rest, phrases_[i].folded)) {
          if (last_word != nullptr)
            *last_word = word + static_cast<size_t>(std::count(phrases_[i].folded.begin(), phrases_[i].folded.end(), ' '));
          return &phrases_[i];
        }
    if (space == std::string_view::npos) break;
    at = space + 1;
  }
  return nullptr;
}

StatusOr<std::unordered_set<std::string>> LoadWordSet(const std::string& data_dir,
                                                       const std::string& relative_path) {
  auto lines = ReadDataLines(data_dir, relative_path);
  if (!lines.ok()) return lines.status();
  std::unordered_set<std::string> set;
  for (const std::string& l : *lines) set.insert(l);
  return set;
}

}  // namespace mtclean::boilerplate
