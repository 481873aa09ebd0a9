#include "stages/boilerplate/repetitions.h"

namespace mtclean::boilerplate {
namespace {

// Folding drops digits: rows of a table of results differ in them only.
bool SameDigits(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  for (;; ++i, ++j) {
    while (i < a.size() && (a[i] < '0' || a[i] > '9')) ++i;
    while (j < b.size() && (b[j] < '0' || b[j] > '9')) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i] != b[j]) return false;
  }
}

}  // namespace

void JudgeRepetitions(std::string_view text, PageScratch& s, size_t first) {
  s.position.assign(s.num_lines, kNone);
  for (size_t c = 0; c < s.content.size(); ++c) s.position[s.content[c]] = c;
  for (size_t c = 0; c < s.content.size(); ++c) {
    Line& l = s.lines[s.content[c]];
    if (l.rule >= 0 || l.dup_of == kNone || s.position[l.dup_of] == kNone) continue;
    const size_t a = s.position[l.dup_of];
    const Line& orig = s.lines[l.dup_of];
    // Folding drops digits: rows of a table of results differ in them only.
    if (!SameDigits(text.substr(l.keep_begin, l.keep_end - l.keep_begin),
                    text.substr(orig.keep_begin, orig.keep_end - orig.keep_begin)))
      continue;
    bool artefact = false;
    // Back to back: every line from the first copy up to this one is repeated just after.
    const size_t d = c - a;
    if (d <= 20 && c + d <= s.content.size()) {
      artefact = true;
      for (size_t t = 0; t < d && artefact; ++t)
        artefact = s.lines[s.content[c + t]].dup_of == s.content[a + t];
    }
    std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    const int32_t end = utf8::Previous(raw, raw.size());
    const bool sentence = IsSentenceEnd(end) || end == ':';
    // The headline reads as a title with a function word (a table's header has none).
    const bool headline = !orig.paragraph && orig.stopwords > 0 && TitleLike(text, orig);
    if (!sentence && headline && (first == kNone ? a == 0 : a < first && c > first)) artefact = true;
    if (artefact) l.rule = kDuplicate;
  }
}

}  // namespace mtclean::boilerplate
