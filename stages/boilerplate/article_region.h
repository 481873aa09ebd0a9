// Where the article is, and what around it goes for where it stands: prose and paragraphs in
// the page's language, menus, the article's block of segments, the page's head and foot
// between chrome lines, the headline kept. Runs after the line evidence (line_evidence.h).
#ifndef MTCLEAN_STAGES_BOILERPLATE_ARTICLE_REGION_H_
#define MTCLEAN_STAGES_BOILERPLATE_ARTICLE_REGION_H_

#include <cstdint>
#include <string_view>

#include "stages/boilerplate/page_lines.h"

namespace mtclean::boilerplate {

class ArticleRegion {
 public:
  struct Options {
    uint32_t repeated_min_pages = 5;  // a line in this many pages of the batch is chrome (0: off)
    bool classify = true;             // remove lines for where they stand, not only by evidence
    bool keep_headline = true;        // keep the title line just before the article
  };
  explicit ArticleRegion(Options options) : options_(options) {}

  // Decides every line the evidence left: sets `rule` for those that go and `keep` for those
  // that stay. A paragraph (prose.h) is never removed here.
  void Decide(std::string_view text, PageScratch& s, bool know_language) const;

 private:
  // Whether a line's words make prose in the page's language (see prose.h).
  void JudgeProse(std::string_view text, Line& l, bool know_language) const;

  // A paragraph the page wraps over several lines ("... in Wiesen, Felder und Wälder," then
  // "eingebettet ..."): lines with no blank line between, each but the last ending inside a
  // sentence (a comma, or no punctuation before a line in lower case). When the lines read as
  // prose together, each is prose and, if long enough together, a paragraph.
  void WrappedParagraphs(std::string_view text, PageScratch& s) const;

  // A menu: three or more short lines in a row (blank lines between allowed) that are not
  // sentences and not introduced by a colon ("Home", "World", "Politics", "Search").
  void MenuRuns(std::string_view text, PageScratch& s) const;

  // The title just before the first article paragraph stays: the last title-like line
  // among the few lines before it.
  void KeepHeadline(std::string_view text, PageScratch& s, size_t article_first) const;

  Options options_;
};

// Whether the removals decided would take most of the page's paragraphs: then the page is
// not what the stage thinks it is (an article that looks like chrome), and nothing goes.
bool RemovesMostProse(std::string_view text, PageScratch& s);

// Five paragraphs or more in a row (prose lines and short headings between them allowed) are
// article text whatever the segments said: when every paragraph of such a run was removed for
// where it stands (a menu whose entries carry blurbs taken for the article, the article in the
// foot after it), the run's lines removed so stay. Lines removed by their own evidence still go.
void KeepParagraphRuns(PageScratch& s);

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_ARTICLE_REGION_H_
