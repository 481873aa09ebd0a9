// Evidence a line gives of its own: phrases of the lists, copyright and licence lines, image
// placeholders, menus on one line, datelines, bylines, comment headers, captions, runs of
// bulleted link titles, site names after a title and breadcrumbs before it.
#ifndef MTCLEAN_STAGES_BOILERPLATE_LINE_EVIDENCE_H_
#define MTCLEAN_STAGES_BOILERPLATE_LINE_EVIDENCE_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/word_table.h"
#include "stages/boilerplate/page_lines.h"
#include "stages/boilerplate/phrase_list.h"

namespace mtclean::boilerplate {

class LineEvidence {
 public:
  // A title written twice in one line, as a link's text and its image's ("Best deals of 2019
  // Best deals of 2019", "MoreBikesMoreBikes"): a teaser of another page.
  static bool DoubledText(std::string_view raw);
  // Whether the text after a label's colon is a list of names ("Mode, Outdoor, Winter"), no
  // sentence.
  static bool LabelledList(std::string_view rest);
  // Digits with a currency sign and nothing else that reads: "$139.00", "40,000 ₩".
  static bool IsPrice(std::string_view raw);
  // "25 thoughts on “X”", "5 Antworten zu „X“", "One response to X": a post's comment count.
  static bool CommentCountHeading(std::string_view raw, const FoldedLine& f);
  // The line with a space put where a lower-case letter meets a capital ("FacebookTwitter").
  static std::string SplitGluedWords(std::string_view raw);
  struct Data {
    PhraseList phrases;
    WordSet date_words, site_words, breadcrumb_roots, comment_verbs;
    WordSet author_words;  // what an author box says its person is or does (writer, schreibt)
    WordSet box_which, box_what;  // words of the headings of related-pages boxes
    std::vector<std::string> agencies;  // longest first
    std::vector<std::string> agencies_sorted;  // for a credit alone on its line
    std::vector<std::string> image_banks;      // sorted; credits with no separator before them
    std::array<bool, 256> agency_last_bytes{};
  };
  explicit LineEvidence(Data data) : data_(std::move(data)) {}

  // Line i's own evidence: a phrase of the lists (whole line, line prefix, glued "Read more:"),
  // a copyright or licence line, an image placeholder, a menu on one line, a dateline, a
  // comment header, a byline. Sets the line's rule (and `weak`, `soft`, `glued_from`).
  void Judge(std::string_view text, PageScratch& s, size_t i) const;

  // Two or more bulleted titles in a row (blank lines between allowed), none a sentence, and
  // not introduced by a line ending with a colon (an article's own list: "The demands:").
  void LinkLists(std::string_view text, PageScratch& s) const;

  // Captions: "Photo: ...", or a short line ending with an agency credit ("in Moscow.AFP",
  // "... / Reuters", "(EPA)"), and the alt text just before such a caption.
  void Captions(std::string_view text, PageScratch& s) const;

  // The author's box: a short line with a name (two or three capitalised words), and within
  // the next three lines (chrome between not counted) a paragraph that opens with that name (or its
  // first word) and says in its first twenty words that the person writes (author_words.txt). Both
  // go.
  void AuthorBoxes(std::string_view text, PageScratch& s) const;

  bool EndsWithCredit(std::string_view raw) const;

  // Site names after titles, breadcrumbs before them, and which line each line repeats
  // (judged later, by JudgeRepetitions, once the article is known).
  void SuffixesBreadcrumbsRepeats(std::string_view text, PageScratch& s) const;

  // The line without a picture's placeholder glued to its end and invisible characters after
  // it ("... till fragrant.[step-3]" is a sentence).
  static std::string_view WithoutTrailingPicture(std::string_view raw);

 private:
  // "the ministry.Read more: X": a glued phrase right after a sentence end, with its colon.
  void GluedPhrase(std::string_view text, Line& l) const;

  // "[name-of-file_2]" (no spaces, a digit, '-' or '_' in it), "[    ]" or "photo-12.jpg",
  // alone on the line.
  static bool ImagePlaceholder(std::string_view raw);
  // A copyright sign after a caption's text with no year: the photo's credit, not the site's.
  static bool CaptionCredit(std::string_view raw);

  // A menu on one line: three or more short items between separators that sentences do not
  // use ("Home | About | Contact", "Impressum · Datenschutz · Kontakt").
  static bool InlineMenu(std::string_view raw, const FoldedLine& fold);

  // A line of month and weekday names (date_words) and numbers: "18 marca 2021", "Jun 18th".
  // `raw` is the trimmed line, `line` the line as folded (the fold's word offsets are in it).
  bool IsDateline(const FoldedLine& f, std::string_view raw, std::string_view line) const;
  // "By Jane Doe Feb 8, 2020 5 min read": "By", capitalised names, then only a date and a
  // reading time. `line` is the line as folded.
  bool DatedByline(const FoldedLine& f, std::string_view line) const;

  // The heading of a box that lists other pages: two to six words, no sentence, with a word
  // saying which pages and one saying what is listed, and these half of the line ("Verwandte
  // Links", "More Great WIRED Stories", "Noticias relacionadas").
  bool BoxHeading(std::string_view raw, const FoldedLine& f) const;

  // Whether the words of `raw` from word `from` on all start with a capital letter.
  static bool AllCapitalised(std::string_view raw, size_t from);

  // Where a site name after a title starts (" | Afghanistan News", " - Kabul Times"), or npos.
  size_t SiteSuffixStart(std::string_view raw, PageScratch& s) const;

  Data data_;
};

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_LINE_EVIDENCE_H_
