// The lines of a page as the boilerplate stage's mechanisms see them, and what they share:
// the rule ids, a line's evidence and classes, the per-worker scratch, small text helpers.
#ifndef MTCLEAN_STAGES_BOILERPLATE_PAGE_LINES_H_
#define MTCLEAN_STAGES_BOILERPLATE_PAGE_LINES_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mtclean/stage.h"
#include "pipeline/utf8.h"
#include "stages/boilerplate/line_counts.h"
#include "stages/boilerplate/phrase_list.h"
#include "stages/boilerplate/prose.h"

namespace mtclean::boilerplate {

// Rule ids, in the order of the stage's rule table (boilerplate_stage.cc); the first ones are
// named by the phrase files.
enum Rule : uint16_t {
  kCommentForm,
  kCookieNotice,
  kPrivacyLink,
  kShareWidget,
  kNewsletter,
  kReadMore,
  kRelatedLinks,
  kSourceLink,
  kTrustBox,
  kNavigation,
  kFooter,
  kByline,
  kAdvertising,
  kComments,
  kRepeated,
  kDuplicate,
  kBreadcrumb,
  kSiteSuffix,
  kPhotoCaption,
  kDateline,
  kLinkList,
  kMenu,
  kChromeContext,
  kDoubtfulPage,
  kAuthorBox,
};
constexpr size_t kRuleCount = kAuthorBox + 1;

constexpr size_t kNone = static_cast<size_t>(-1);

struct Line {
  size_t begin = 0, end = 0;  // raw span, without the newline
  FoldedLine fold;
  size_t words = 0, stopwords = 0;
  bool prose = false;         // reads as prose of the page's language (prose.h)
  bool paragraph = false;     // prose long enough to be an article paragraph: never removed by position
  bool sentence = false;      // ends like a sentence
  // The line's shape (prose.h) for the text between shape_begin and shape_end: computed once,
  // again only when a breadcrumb or site name cut changes the kept text.
  LineShape shape;
  size_t shape_begin = kNone, shape_end = kNone;
  bool menu = false;          // one of a run of short lines that are no sentences
  bool soft = false;          // removed by a one-word phrase: chrome outside the article only
  size_t dup_of = kNone;      // the line this one repeats (folded), if any
  bool blank = true;
  int rule = -1;              // whole line removed by this rule
  bool weak = false;          // removed, but not evidence of chrome around it
  // Partial removals inside a kept line.
  size_t keep_begin = 0, keep_end = 0;  // the line's text without breadcrumb and site name
  int prefix_rule = -1, suffix_rule = -1;
  size_t glued_from = std::string_view::npos;  // "Read more: X" glued: removed from here
  bool keep = false;
};

class PageScratch : public StageScratch {
 public:
  std::vector<Line> lines;  // the first num_lines are the current document's
  size_t num_lines = 0;
  std::vector<size_t> position;  // line index -> index in `content`
  std::vector<size_t> content;  // indexes of non-blank lines
  std::vector<uint64_t> masks;   // per folded word of the content lines: its stop-word languages
  std::array<size_t, 3> top_languages{0, 1, 2};  // the last page's three commonest, sorted
  // Folded line keys (views into the lines' folded text) -> line index.
  std::unordered_map<std::string_view, size_t> keys;
  FoldedLine tmp;
  const LineCounts* corpus = nullptr;  // batch line counts, if observed
  std::vector<size_t> all_content, survivors;
  std::vector<size_t> run;  // content indexes of a run of list items being judged
  std::vector<bool> border_after;  // per content line: chrome follows it (article_region.cc)
  // The line (an index into `lines`) that ended the article, when one did (article_region.cc):
  // what follows it is the page's, by design, whatever its prose.
  size_t closed_line = kNone;
};

inline bool IsSentenceEnd(int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x201D || cp == '"' ||
         cp == 0x00BB || cp == ')';
}

inline bool IsBulletStart(std::string_view t) {
  // Markers of HTML list items in text dumps; "*" and "-" also mark footnotes and dialogue.
  for (std::string_view b :
       {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xBA", "\xE2\x96\xAA", "\xE2\x97\x8B", "\xE2\x96\xA0",
        "\xE2\x97\xA6", "\xE2\x96\xA1", "\xE2\x98\x86", "\xE2\x97\x8F"})
    if (t.size() > b.size() && t.compare(0, b.size(), b) == 0 &&
        (t[b.size()] == ' ' || t[b.size()] == '\t'))
      return true;
  return false;
}

// The text of a list item after its bullet ("• 65 g Butter" -> "65 g Butter").
inline std::string_view WithoutBullet(std::string_view t) {
  if (!IsBulletStart(t)) return t;
  const size_t space = t.find_first_of(" \t");
  t.remove_prefix(space);
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  return t;
}

// A line of data (prose.h): a quantity, or a short "name: value" fact (a list item's, or with
// a number). `raw` is the trimmed line.
inline bool IsDataLine(std::string_view raw) {
  return IsQuantityLine(WithoutBullet(raw)) || IsFactLine(WithoutBullet(raw), IsBulletStart(raw));
}

// A teaser cut off with an ellipsis ("... the new rules …"): no finished sentence.
inline bool CutWithEllipsis(std::string_view raw) {
  return raw.ends_with("...") || raw.ends_with("\xE2\x80\xA6");
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

inline std::string_view Word(const FoldedLine& f, size_t w) {
  size_t end = w + 1 < f.words() ? f.offsets[w + 1] - 1 : f.text.size();
  return std::string_view(f.text).substr(f.offsets[w], end - f.offsets[w]);
}

// Lines removed by their own evidence mark where chrome is; duplicates do not (a headline
// repeated inside the article is no sign of a footer).
inline bool IsEvidence(const Line& l) { return l.rule >= 0 && l.rule != kDuplicate && !l.weak; }

// Chrome that also sits inside articles, so it does not mark where the article ends.
inline bool IsInlineRule(int rule) {
  return rule == kAdvertising || rule == kRepeated || rule == kReadMore || rule == kPhotoCaption || rule == kShareWidget ||
         rule == kNewsletter || rule == kLinkList || rule == kDateline || rule == kByline ||
         rule == kSourceLink;
}

// Three to thirty words, a capital (or an opening quote) first, no sentence or list end.
bool TitleLike(std::string_view text, const Line& l);

// The shape of the line's kept text, cached in the line.
inline const LineShape& ShapeOfLine(std::string_view text, Line& l) {
  if (l.shape_begin != l.keep_begin || l.shape_end != l.keep_end) {
    // The whole line was folded: the fold has its shape; a line cut by a site name is read again.
    l.shape = l.keep_begin == l.begin && l.keep_end == l.end
                  ? ShapeFromFold(l.fold, l.stopwords)
                  : ShapeOf(Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin)), l.fold, l.stopwords);
    l.shape_begin = l.keep_begin;
    l.shape_end = l.keep_end;
  }
  return l.shape;
}

// Calls mark(c) for every content index c of each run of at least `min_run` lines in a row
// for which is_item(line index) holds, unless the line before the run ends with a colon (an
// article's own list: "The demands:").
template <typename IsItem, typename Mark>
void ForEachRunNotIntroduced(std::string_view text, const PageScratch& s, size_t min_run, IsItem is_item, Mark mark) {
  for (size_t c = 0; c < s.content.size();) {
    size_t e = c;
    while (e < s.content.size() && is_item(s.content[e])) ++e;
    bool introduced = false;
    if (c > 0) {
      const Line& before = s.lines[s.content[c - 1]];
      std::string_view raw = Trim(text.substr(before.begin, before.end - before.begin));
      introduced = !raw.empty() && raw.back() == ':';
    }
    if (e - c >= min_run && !introduced)
      for (size_t k = c; k < e; ++k) mark(k);
    c = e > c ? e : c + 1;
  }
}

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_PAGE_LINES_H_
