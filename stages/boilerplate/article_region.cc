#include "stages/boilerplate/article_region.h"

#include <algorithm>
#include <vector>

#include "pipeline/utf8.h"
#include "stages/boilerplate/line_evidence.h"
#include "stages/boilerplate/prose.h"
#include "stages/boilerplate/repetitions.h"

namespace mtclean::boilerplate {
namespace {

// Whether the lines right before and after content line c are chrome (removed by evidence,
// a symbol line too, or for where they stand; a duplicate is not): a sentence alone between
// two chrome lines is part of the box they make ("Es gibt noch keine Kommentare." between a
// comment heading and its form).
bool IsolatedInChrome(const PageScratch& s, size_t c, bool head) {
  if (c == 0 || c + 1 >= s.content.size()) return false;
  auto chrome = [](const Line& l) { return l.rule >= 0 && l.rule != kDuplicate; };
  // Above the article, a title removed for where it stands is no chrome box's edge: a
  // subtitle under it is the page's (a recipe's "the creamiest cake I know!").
  const Line& before = s.lines[s.content[c - 1]];
  if (head && before.rule == kChromeContext) return false;
  return chrome(before) && chrome(s.lines[s.content[c + 1]]);
}

// Chrome that ends an article: what follows it is the page's, not the article's.
bool ClosesArticle(int rule) {
  return rule == kRelatedLinks || rule == kComments || rule == kCommentForm || rule == kFooter ||
         rule == kPrivacyLink || rule == kShareWidget || rule == kLinkList || rule == kAuthorBox;
}

// Whether content line c comes right after a "Related" or "Read more" line (images between):
// a title there is another page's.
bool AfterRelatedHeading(std::string_view text, const PageScratch& s, size_t c) {
  while (c-- > 0) {
    const Line& l = s.lines[s.content[c]];
    if (l.rule == kPhotoCaption) continue;
    if (l.rule == kReadMore) return true;
    // A title written twice is another page's too, but no heading of what follows it.
    return l.rule == kRelatedLinks &&
           !LineEvidence::DoubledText(Trim(text.substr(l.begin, l.end - l.begin)));
  }
  return false;
}

// The list items that make a list of sentences (steps, conditions, a product's features):
// three or more items in a row (pictures between them allowed), each prose or ending with a
// full stop, most ending or holding a sentence, none a teaser cut with an ellipsis, the list
// not under a "Related" heading. Such a list is content wherever it stands; a list of other
// pages' titles is not.
std::vector<bool> SentenceLists(std::string_view text, PageScratch& s) {
  std::vector<bool> marked(s.content.size(), false);
  for (size_t c = 0; c < s.content.size();) {
    size_t e = c, items = 0, sentences = 0;
    for (; e < s.content.size(); ++e) {
      Line& l = s.lines[s.content[e]];
      if (l.rule == kPhotoCaption) continue;  // a step's picture
      if (IsEvidence(l) && l.rule != kLinkList) break;
      const std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
      if (!IsBulletStart(raw) || CutWithEllipsis(raw)) break;  // a cut teaser: another page's
      const std::string_view body = LineEvidence::WithoutTrailingPicture(raw);
      const bool full_stop = !body.empty() && body.back() == '.';
      if (!l.prose && !full_stop) break;
      ++items;
      const LineShape& shape = ShapeOfLine(text, l);
      sentences += full_stop || shape.sentence_end || shape.sentence_inside;
    }
    if (items >= 3 && 2 * sentences > items && !AfterRelatedHeading(text, s, c))
      for (size_t k = c; k < e; ++k) marked[k] = s.lines[s.content[k]].rule != kPhotoCaption;
    c = e + 1;
  }
  return marked;
}

// Whether a title-like content line c after the article's last paragraph is still the
// article's: a heading over a sentence, a row of a list or table (four lines in a row, or a
// data line or a short label next to it), a reference, a quotation's source ("— Name
// (@handle)", "... (Albert Einstein)"), a headline with its summary. Otherwise it is the title
// of another page.
bool ArticlesOwnTitle(std::string_view text, const PageScratch& s, size_t c) {
  auto raw = [&](size_t k) {
    const Line& l = s.lines[s.content[k]];
    return Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
  };
  const std::string_view line = raw(c);
  // A heading right above a sentence ("The bottom line" / "BED is a recognized condition.").
  if (c + 1 < s.content.size()) {
    const Line& next = s.lines[s.content[c + 1]];
    if (next.rule < 0 && next.prose && next.sentence && !IsBulletStart(raw(c + 1))) return true;
  }
  // A run of four lines or more with no chrome between them is a list of the article's (tour
  // dates, products with their links); teasers stand between pictures, dates and buttons.
  auto plain = [&](size_t k) {
    return s.lines[s.content[k]].rule < 0 && !s.lines[s.content[k]].paragraph;
  };
  // (Three lines each way at most: every title of a long run asks, and the answer is the same.)
  size_t first = c, last = c;
  while (first > 0 && c - first < 3 && plain(first - 1)) --first;
  while (last + 1 < s.content.size() && last - c < 3 && plain(last + 1)) ++last;
  if (last - first + 1 >= 4) return true;
  // A reference ("[2] Joint Commission ..."), a story's source, a headline and its summary.
  if (line.starts_with("[") || line.ends_with("]") || s.lines[s.content[c]].shape.sentence_inside)
    return true;
  if (line.ends_with(")") || line.starts_with("\xE2\x80\x94") || line.starts_with("\xE2\x80\x93"))
    return true;
  for (size_t k : {c - 1, c + 1}) {
    if (k >= s.content.size() || s.lines[s.content[k]].rule >= 0) continue;
    if (IsDataLine(raw(k))) return true;
  }
  const Line& before = s.lines[s.content[c - 1]];
  return before.rule < 0 && before.fold.words() <= 2 && !before.prose && !raw(c - 1).ends_with(":");
}

}  // namespace

bool TitleLike(std::string_view text, const Line& l) {
  std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
  // The words of the kept text: a line cut by a site name is judged by what stays of it.
  const size_t words =
      l.keep_begin != l.begin || l.keep_end != l.end ? CountWords(raw) : l.fold.words();
  if (raw.empty() || words < 3 || words > 30) return false;
  // The first letter or digit, after a list bullet and an opening quote.
  int32_t first = 0;
  for (size_t pos = 0; pos < raw.size();) {
    const int n = utf8::Decode(raw, pos, &first);
    if (utf8::IsLetter(first) || utf8::IsDigit(first)) break;
    pos += static_cast<size_t>(n > 0 ? n : -n);
  }
  const int32_t last = utf8::Previous(raw, raw.size());
  return (utf8::IsUpper(first) || utf8::IsDigit(first)) && last != '.' && last != ':' && last != ',' &&
         last != ';';
}

void ArticleRegion::JudgeProse(std::string_view text, Line& l, bool know_language) const {
  const LineShape& shape = ShapeOfLine(text, l);
  l.prose = IsProse(shape, know_language);
  l.paragraph = l.prose && IsParagraph(shape);
  // A teaser cut off with an ellipsis is no finished sentence.
  std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
  l.sentence = shape.sentence_end && !CutWithEllipsis(raw);
}

void ArticleRegion::WrappedParagraphs(std::string_view text, PageScratch& s) const {
  auto continues = [&](size_t c) {
    if (c + 1 >= s.content.size() || s.content[c + 1] != s.content[c] + 1) return false;
    const Line& a = s.lines[s.content[c]];
    const Line& b = s.lines[s.content[c + 1]];
    if (a.rule >= 0 || b.rule >= 0 || a.fold.words() == 0 || b.fold.words() == 0) return false;
    std::string_view ra = Trim(text.substr(a.keep_begin, a.keep_end - a.keep_begin));
    std::string_view rb = Trim(text.substr(b.keep_begin, b.keep_end - b.keep_begin));
    if (ra.empty() || rb.empty() || IsBulletStart(rb)) return false;
    const int32_t end = utf8::Previous(ra, ra.size());
    if (end == ',' || end == ';' || end == '-') return true;
    return !IsSentenceEnd(end) && end != ':' && utf8::IsLower(utf8::At(rb, 0));
  };
  for (size_t c = 0; c < s.content.size();) {
    size_t e = c;
    while (continues(e)) ++e;
    if (e > c) {
      size_t words = 0, stopwords = 0, chars = 0;
      for (size_t k = c; k <= e; ++k) {
        const Line& l = s.lines[s.content[k]];
        words += l.fold.words();
        stopwords += l.stopwords;
        chars += l.keep_end - l.keep_begin;
      }
      // The run is one piece of prose: its lines are a sentence if its last line ends one.
      const bool sentence = s.lines[s.content[e]].sentence;
      if (words >= 8 && stopwords * 100 >= 15 * words)
        for (size_t k = c; k <= e; ++k) {
          Line& l = s.lines[s.content[k]];
          l.prose = true;
          l.paragraph |= chars >= 140;
          l.sentence = sentence;
        }
    }
    c = e + 1;
  }
}

void ArticleRegion::MenuRuns(std::string_view text, PageScratch& s) const {
  auto is_item = [&](size_t i) {
    const Line& l = s.lines[i];
    if (l.rule >= 0 || l.prose || l.words > 4 || l.fold.words() == 0) return false;
    std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    int32_t last = utf8::Previous(raw, raw.size());
    return !IsSentenceEnd(last) && last != ':' && last != ',' && last != ';';
  };
  ForEachRunNotIntroduced(text, s, 3, is_item, [&](size_t k) { s.lines[s.content[k]].menu = true; });
}

void ArticleRegion::Decide(std::string_view text, PageScratch& s, bool know_language) const {
  std::vector<size_t> kept;  // content lines not removed by evidence
  for (size_t i : s.content) {
    Line& l = s.lines[i];
    l.menu = false;
    // Every line is judged, chrome too: a link list's items may turn out the article's, and
    // the line objects are reused from page to page (a flag not set here is the last page's).
    JudgeProse(text, l, know_language);
    if (l.rule >= 0) continue;
    // Site chrome that no phrase list knows: the same line, no paragraph, in many pages.
    if (s.corpus != nullptr && options_.repeated_min_pages > 0 && !l.paragraph && l.fold.words() >= 2 &&
        s.corpus->Documents(LineCounts::Hash(l.fold.text)) >= options_.repeated_min_pages) {
      l.rule = kRepeated;
      continue;
    }
    kept.push_back(i);
  }
  WrappedParagraphs(text, s);
  // Only evidence on a line removes it (and repeats judged without an article).
  auto evidence_only = [&] {
    JudgeRepetitions(text, s, kNone);
    for (size_t i : kept) s.lines[i].keep = s.lines[i].rule < 0;
  };
  // Where the stage cannot judge the page's language, or is told not to look at context.
  if (!options_.classify || !know_language) return evidence_only();
  MenuRuns(text, s);
  // Reader comments: everything after the first comment header that follows prose.
  size_t first_prose = s.content.size();
  for (size_t c = 0; c < s.content.size() && first_prose == s.content.size(); ++c)
    if (s.lines[s.content[c]].rule < 0 && s.lines[s.content[c]].prose) first_prose = c;
  if (first_prose == s.content.size()) return evidence_only();  // no prose at all: a message, a list
  // A thread has two headers at least, or a comment form or counter before its first: one
  // "X says:" alone introduces a quotation ("Die Redaktion sagt:"), and what follows it is
  // the article's.
  size_t headers = 0;
  bool form = false;
  for (size_t c = first_prose + 1; c < s.content.size(); ++c) {
    const int rule = s.lines[s.content[c]].rule;
    headers += rule == kComments;
    form |= rule == kCommentForm && headers == 0;
  }
  for (size_t c = first_prose + 1; c < s.content.size() && (headers >= 2 || (headers == 1 && form)); ++c) {
    if (s.lines[s.content[c]].rule != kComments) continue;
    for (size_t k = c + 1; k < s.content.size(); ++k) {
      Line& l = s.lines[s.content[k]];
      if (l.rule < 0 || l.weak) l.rule = kComments, l.weak = false;
    }
    break;
  }
  // Lines with evidence cut the page into segments (menus do not: an article's own lists
  // would cut it in two). The article is the segment with the most paragraph text, with
  // every segment of at least half as much (a page may hold several articles), joined with
  // prose next to them across short runs of inline chrome (an advertisement marker, a
  // caption). Inside the article only evidence removes a line: its lists, headings and short
  // lines stay.
  struct Segment { size_t begin, end, prose_chars, first_prose, last_prose; };
  std::vector<Segment> segments;
  for (size_t c = 0; c < s.content.size();) {
    if (IsEvidence(s.lines[s.content[c]])) {
      ++c;
      continue;
    }
    Segment seg{c, c, 0, s.content.size(), 0};
    for (; c < s.content.size() && !IsEvidence(s.lines[s.content[c]]); ++c) {
      const Line& l = s.lines[s.content[c]];
      if (l.rule >= 0 || !l.prose) continue;
      if (l.paragraph) seg.prose_chars += l.keep_end - l.keep_begin;
      seg.first_prose = std::min(seg.first_prose, c);
      if (l.paragraph) seg.last_prose = c;  // the article ends with its last paragraph
    }
    seg.end = c;
    segments.push_back(seg);
  }
  size_t main = 0;
  for (size_t k = 0; k < segments.size(); ++k)
    if (segments[k].prose_chars > segments[main].prose_chars) main = k;
  auto inline_gap = [&](size_t a, size_t b) {
    size_t n = 0;
    for (size_t c = a; c < b; ++c) {
      const Line& l = s.lines[s.content[c]];
      if (!IsEvidence(l)) continue;
      if (l.rule == kLinkList) continue;  // a list between paragraphs: the article's own
      ++n;
      if (!IsInlineRule(l.rule)) return false;
    }
    return n <= 6;
  };
  // A comment form or thread, an author's box or the site's footer after the main segment ends
  // the page's articles: a segment past one is no more of them, whatever its prose (teasers
  // with their summaries, a list of other stories).
  auto ends_articles = [&](size_t a, size_t b) {
    for (size_t c = a; c < b; ++c) {
      const Line& l = s.lines[s.content[c]];
      if (IsEvidence(l) && (l.rule == kCommentForm || l.rule == kComments || l.rule == kAuthorBox ||
                            l.rule == kFooter))
        return true;
    }
    return false;
  };
  size_t lo = segments.size(), hi = 0;
  for (size_t k = 0; k < segments.size(); ++k)
    if (2 * segments[k].prose_chars >= segments[main].prose_chars &&
        !(k > main && ends_articles(segments[main].end, segments[k].begin)))
      lo = std::min(lo, k), hi = k;
  while (lo > 0 && segments[lo - 1].prose_chars > 0 && inline_gap(segments[lo - 1].end, segments[lo].begin)) --lo;
  while (hi + 1 < segments.size() && segments[hi + 1].prose_chars > 0 &&
         inline_gap(segments[hi].end, segments[hi + 1].begin))
    ++hi;
  size_t block_first = segments[lo].first_prose, block_last = segments[hi].last_prose;
  // The article starts with its own text, not with the title of a related page shown above it.
  while (block_first < block_last && !s.lines[s.content[block_first]].paragraph &&
         AfterRelatedHeading(text, s, block_first))
    ++block_first;
  // A list that touches the article is the article's (a recipe's ingredients before its steps,
  // the points after its last paragraph), with the line that introduces it ("Zutaten:").
  auto list_line = [&](size_t c) {
    const Line& l = s.lines[s.content[c]];
    if (l.rule >= 0 && l.rule != kLinkList) return false;
    std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    return IsBulletStart(raw) || (!raw.empty() && raw.back() == ':' && l.fold.words() <= 6);
  };
  // Back over the list and the line that introduces it, and over an advertisement marker
  // between them ("Osoby niewidome:" / "REKLAMA" / "• Gdy spotkasz...").
  for (size_t c = block_first; c > 0;) {
    size_t k = c - 1;
    while (k > 0 && s.lines[s.content[k]].rule == kAdvertising) --k;
    if (!list_line(k)) break;
    block_first = c = k;
  }
  while (block_last + 1 < s.content.size() && list_line(block_last + 1)) ++block_last;
  size_t first_paragraph = block_first;
  while (first_paragraph < block_last && !s.lines[s.content[first_paragraph]].paragraph) ++first_paragraph;
  JudgeRepetitions(text, s, first_paragraph);
  // Before the article, the page's head: from the top to the last chrome line before the
  // article everything goes (what follows that line, the title, a date, a lead, stays).
  // After it, the page's foot: from the first chrome line after the article to the end.
  size_t head_end = 0;  // content index just past the head
  for (size_t c = 0; c < block_first; ++c)
    if (IsEvidence(s.lines[s.content[c]])) head_end = c + 1;
  size_t foot_begin = s.content.size();
  for (size_t c = block_last + 1; c < s.content.size() && foot_begin == s.content.size(); ++c)
    if (IsEvidence(s.lines[s.content[c]])) foot_begin = c;
  size_t head_begin = head_end, foot_end = foot_begin;
  for (size_t c = 0; c < head_end && head_begin == head_end; ++c)
    if (IsEvidence(s.lines[s.content[c]])) head_begin = c;
  for (size_t c = foot_begin; c < s.content.size(); ++c)
    if (IsEvidence(s.lines[s.content[c]])) foot_end = c + 1;
  // Where the first chrome after the article is a line that ends articles (a related-links
  // heading, a comment form, a list of other pages' titles, share buttons, a copyright or
  // policy line), the article is over: everything after it is the page's foot, paragraphs
  // too (author boxes, teasers of other articles, the site's blurb). A later article of the
  // page would have been part of the article block (segments of half its prose or more).
  // Chrome that also stands inside articles (a "Related" link, a caption) may come first, when
  // no paragraph stands between.
  bool closed = false;
  for (size_t c = foot_begin; c < s.content.size() && !closed; ++c) {
    const Line& l = s.lines[s.content[c]];
    if (l.rule < 0 && l.paragraph) break;
    if (!IsEvidence(l)) continue;
    if (ClosesArticle(l.rule))
      closed = true;
    else if (!IsInlineRule(l.rule))
      break;
  }
  // Kept from the first round: later rounds see the page without the closing line.
  if (closed && s.closed_line == kNone) s.closed_line = s.content[foot_begin];
  // Elsewhere outside the article, a line that is no prose goes when it sits in a chrome
  // region: evidence (or the page's edge) before it and after it, with only lines that are no
  // prose between.
  // Walking back from a line (or forward), whether evidence (or the page's edge) comes before
  // the article or prose: `beyond` is the walk's answer from the next line on. The answers are
  // carried along the page, one pass each way (a page of thousands of short lines must not be
  // walked once per line): forward ones before the decisions below, backward ones as they are
  // made, since a line removed here borders the next one as chrome does.
  auto step = [&](size_t k, bool beyond) {
    if (k >= block_first && k <= block_last) return false;
    const Line& n = s.lines[s.content[k]];
    if (IsEvidence(n)) return true;
    if (n.rule >= 0) return beyond;  // a duplicate, a symbol line: walk on
    return n.prose ? false : beyond;
  };
  std::vector<bool>& border_after = s.border_after;
  // The article's tags, date or category between its last paragraph and a line that ends
  // articles ("Kategorie: News", "Publiziert: 03.04.2020"): one or two lines that are no prose,
  // not introduced by a colon (a list of the article's would be).
  size_t tail_end = block_last + 1;
  auto ends_with_colon = [&](size_t c) {
    const Line& l = s.lines[s.content[c]];
    const std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    return !raw.empty() && raw.back() == ':';
  };
  {
    size_t k = block_last + 1, lines = 0;
    bool ok = !ends_with_colon(block_last);
    for (; k < s.content.size() && ok; ++k) {
      const Line& n = s.lines[s.content[k]];
      if (IsEvidence(n)) break;
      if (n.rule >= 0) continue;
      ok = !n.prose && !ends_with_colon(k) && ++lines <= 2;
    }
    if (ok && k < s.content.size() && ClosesArticle(s.lines[s.content[k]].rule)) tail_end = k;
  }
  for (size_t c = block_first; c <= block_last; ++c) {
    Line& l = s.lines[s.content[c]];
    if (l.soft) l.rule = -1;  // a heading of the article's
  }
  // A bulleted list inside the article is the article's own unless every item reads as the
  // title of another page (related articles between paragraphs).
  for (size_t c = block_first; c <= block_last;) {
    if (s.lines[s.content[c]].rule != kLinkList) {
      ++c;
      continue;
    }
    size_t e = c;
    bool titles = true;
    for (; e <= block_last && s.lines[s.content[e]].rule == kLinkList; ++e) {
      const Line& l = s.lines[s.content[e]];
      titles = titles && TitleLike(text, l) &&
               text.substr(l.keep_begin, l.keep_end - l.keep_begin).find(':') == std::string_view::npos;
    }
    for (size_t k = c; k < e && !titles; ++k) s.lines[s.content[k]].rule = -1;
    c = e;
  }
  // The heading of a list of other pages' titles goes with it ("Empfohlene Beiträge",
  // "More Great WIRED Stories"): a short line that is no sentence, right before the list.
  for (size_t c = 1; c < s.content.size(); ++c) {
    if (s.lines[s.content[c]].rule != kLinkList || s.lines[s.content[c - 1]].rule >= 0) continue;
    Line& h = s.lines[s.content[c - 1]];
    std::string_view raw = Trim(text.substr(h.keep_begin, h.keep_end - h.keep_begin));
    if (raw.empty() || IsBulletStart(raw) || h.paragraph || h.fold.words() == 0 || h.fold.words() > 6) continue;
    const int32_t last = utf8::Previous(raw, raw.size());
    if (last == '.' || last == '!' || last == '?' || last == ',') continue;
    h.rule = kLinkList;
  }
  const std::vector<bool> sentence_list = SentenceLists(text, s);
  // The page's last paragraph: a title after it heads no article text.
  size_t last_paragraph = 0;
  for (size_t c = 0; c < s.content.size(); ++c)
    if (s.lines[s.content[c]].rule < 0 && s.lines[s.content[c]].paragraph) last_paragraph = c;
  border_after.assign(s.content.size(), true);
  for (size_t c = s.content.size(); c-- > 1;) border_after[c - 1] = step(c, border_after[c]);
  bool border_before = true;  // for line c, updated as the loop passes each line
  for (size_t c = 0; c < s.content.size(); ++c) {
    if (c > 0) border_before = step(c - 1, border_before);
    Line& l = s.lines[s.content[c]];
    if (l.rule >= 0) continue;
    bool keep;
    const bool region = (c >= head_begin && c < head_end) || (c >= foot_begin && c < foot_end);
    const std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    if (c >= block_first && c <= block_last) keep = true;
    // Data is the article's wherever it stands: a recipe's ingredients, a data sheet's values;
    // so is a list of sentences (a recipe's steps after the share buttons).
    else if (IsDataLine(raw) || sentence_list[c])
      keep = true;
    // After the article's end paragraphs go too (author boxes, teasers' summaries, which
    // run to fifteen words and more); a short sentence (ten words at most) that does not
    // stand alone between chrome lines stays ("UP NEXT" / "Thunder: Host the Lakers on
    // Friday." closes an agency's sports story).
    else if (closed && c >= foot_begin)
      keep = l.prose && l.sentence && l.words <= 10 && !IsolatedInChrome(s, c, false);
    else if (l.paragraph) keep = true;
    // After the article, a title with no paragraph after it heads nothing: another page's.
    else if (c > block_last && c > last_paragraph && !l.sentence && l.fold.words() >= 4 &&
             TitleLike(text, l) && !ArticlesOwnTitle(text, s, c))
      keep = false;
    // The title right under a "Related" line is another page's.
    else if (AfterRelatedHeading(text, s, c) && TitleLike(text, l))
      keep = false;
    // In the page's head and foot a sentence stays unless it stands alone between chrome
    // lines; headlines there are the teasers of other pages.
    else if (region)
      keep = l.prose && l.sentence && !IsolatedInChrome(s, c, c < block_first);
    else if (l.prose) keep = true;
    else if (l.menu) keep = false;
    // The article's tags and date before the line that ends it.
    else if (c > block_last && c < tail_end)
      keep = false;
    else
      keep = !(border_before && border_after[c]);
    l.keep = keep;
    if (!keep) l.rule = l.menu ? kMenu : kChromeContext;
  }
  // A line that introduces data kept for what it is ("Für den Mürbeteig:" before "150 g
  // Mehl") is the data's heading: it stays with it.
  for (size_t c = s.content.size(); c-- > 1;) {
    const Line& next = s.lines[s.content[c]];
    Line& h = s.lines[s.content[c - 1]];
    if (!next.keep || (h.rule != kChromeContext && h.rule != kMenu)) continue;
    const std::string_view raw = Trim(text.substr(h.keep_begin, h.keep_end - h.keep_begin));
    const std::string_view data = Trim(text.substr(next.keep_begin, next.keep_end - next.keep_begin));
    if (raw.empty() || h.fold.words() > 6 || !IsDataLine(data)) continue;
    // Without its colon, a title over a table of three rows or more ("Calendário da Stock Car
    // 2018" / "1a etapa: 10 de março – Interlagos" / ...).
    size_t rows = 0;
    for (size_t k = c; k < s.content.size() && rows < 3; ++k, ++rows) {
      const Line& row = s.lines[s.content[k]];
      if (!row.keep ||
          !IsDataLine(Trim(text.substr(row.keep_begin, row.keep_end - row.keep_begin))))
        break;
    }
    if (raw.back() != ':' && !(rows >= 3 && TitleLike(text, h))) continue;
    h.rule = -1;
    h.keep = true;
  }
  if (options_.keep_headline) KeepHeadline(text, s, block_first);
}

void ArticleRegion::KeepHeadline(std::string_view text, PageScratch& s, size_t article_first) const {
  // Back from the article over its byline, date, share buttons and caption (up to a dozen
  // lines), to the first line that reads as a title; a title already kept ends the search.
  for (size_t c = std::min(article_first, s.content.size()), seen = 0; c-- > 0 && seen < 12;) {
    Line& l = s.lines[s.content[c]];
    // What stands between a headline and its text does not count: a caption, a byline, a date,
    // share buttons, a "Related" box.
    const int r = l.rule;
    seen += !(r == kPhotoCaption || r == kByline || r == kDateline || r == kShareWidget ||
              r == kAdvertising || r == kReadMore || r == kRelatedLinks);
    const bool title = TitleLike(text, l) && !AfterRelatedHeading(text, s, c);
    if (l.keep && title) return;
    if (!title || (l.rule != kMenu && l.rule != kChromeContext)) continue;
    l.keep = true;
    l.rule = -1;
    return;
  }
}

bool RemovesMostProse(std::string_view text, PageScratch& s) {
  size_t prose = 0, removed = 0, after_close = 0, kept = 0;
  for (size_t i : s.content) {
    Line& l = s.lines[i];
    // A reader-comment thread is no article prose (its removal needs a thread: two headers or
    // a comment form before them); nor is a cookie notice, a long paragraph of legal prose
    // that says what it is in its first words, nor another page's title written twice.
    if (l.rule == kComments || l.rule == kCookieNotice || l.rule == kRelatedLinks) continue;
    const LineShape& shape = ShapeOfLine(text, l);  // the kept part of a line cut by a site name
    if (!IsProse(shape, true) || !IsParagraph(shape)) continue;
    const size_t size = l.keep_end - l.keep_begin;
    prose += size;
    if (l.rule >= 0) removed += size;
    // After the line that ended the article, removals are the page's foot by design (teasers
    // and their summaries can outweigh a short article); they count only when the article
    // kept is short itself (less than 1,000 characters of paragraphs): then doubt keeps.
    if (l.rule == kChromeContext && s.closed_line != kNone && i > s.closed_line)
      after_close += size;
    else if (l.rule < 0)
      kept += size;
  }
  if (kept >= 1000) removed -= after_close, prose -= after_close;
  return prose >= 400 && 2 * removed > prose;
}

void KeepParagraphRuns(PageScratch& s) {
  auto by_position = [](const Line& l) { return l.rule == kChromeContext || l.rule == kMenu; };
  // A line continues a run if it is prose, or a short heading right before a paragraph.
  auto continues = [&](size_t c) {
    const Line& l = s.lines[s.content[c]];
    if (l.rule >= 0 && !by_position(l)) return false;
    if (l.paragraph || l.prose) return true;
    return l.words <= 6 && c + 1 < s.content.size() && s.lines[s.content[c + 1]].paragraph &&
           (s.lines[s.content[c + 1]].rule < 0 || by_position(s.lines[s.content[c + 1]]));
  };
  for (size_t c = 0; c < s.content.size();) {
    size_t e = c, chars = 0, paragraphs = 0;
    bool kept = false;  // a paragraph of the run stays
    while (e < s.content.size() && continues(e)) {
      const Line& l = s.lines[s.content[e]];
      if (l.paragraph) chars += l.keep_end - l.keep_begin, ++paragraphs, kept |= !by_position(l);
      ++e;
    }
    // Five paragraphs in a row at least: a site's legal notes and teasers come in twos and threes.
    if (!kept && paragraphs >= 5 && chars >= 400)
      for (size_t k = c; k < e; ++k) {
        Line& l = s.lines[s.content[k]];
        if (by_position(l)) l.rule = -1, l.keep = true;
      }
    c = e > c ? e : c + 1;
  }
}

}  // namespace mtclean::boilerplate
