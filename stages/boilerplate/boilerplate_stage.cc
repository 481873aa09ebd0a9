// The boilerplate stage: keeps the article, removes the page around it, line by line.
//
// Every non-blank line is looked at in three steps:
//   1. evidence of its own: a phrase of the phrase lists, a dateline, a byline, a photo
//      caption, a run of bulleted link titles; partial repairs inside a kept line (a
//      breadcrumb before a title, a site name after it, "Read more: X" glued to a sentence);
//   2. duplicates: a line equal to an earlier one after folding case, spaces, punctuation,
//      breadcrumb and site name is removed, the first kept;
//   3. the rest is classified as jusText does, by length and the share of function words
//      (stop words), then revised by its neighbours: a short line between article
//      paragraphs is article, between chrome it is chrome. The headline just before the
//      article is kept.
// Rules and examples: stages/boilerplate/README.md.
#include "stages/boilerplate/boilerplate_stage.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/data_files.h"
#include "pipeline/utf8.h"
#include "lexicon/word_table.h"
#include "stages/boilerplate/line_counts.h"
#include "stages/boilerplate/phrase_list.h"
#include "stages/boilerplate/prose.h"

namespace mtclean {
namespace {

using boilerplate::Fold;
using boilerplate::FoldedLine;
using boilerplate::MatchKind;
using boilerplate::PhraseList;

// Rule ids: the first ones are named by the phrase files.
enum Rule : uint16_t {
  kCommentForm, kCookieNotice, kPrivacyLink, kShareWidget, kNewsletter, kReadMore,
  kRelatedLinks, kSourceLink, kTrustBox, kNavigation, kFooter, kByline, kAdvertising,
  kComments, kRepeated, kDuplicate, kBreadcrumb, kSiteSuffix, kPhotoCaption, kDateline, kLinkList, kMenu,
  kChromeContext, kDoubtfulPage,
};

constexpr std::array<RuleInfo, 24> kRules = {{
    {"comment-form", "comment forms and counters", "Leave a Reply", "(removed)"},
    {"cookie-notice", "cookie and consent notices", "This website uses cookies to improve your experience.", "(removed)"},
    {"privacy-link", "privacy, terms and policy links", "Privacy Policy", "(removed)"},
    {"share-widget", "share buttons", "Share on Facebook", "(removed)"},
    {"newsletter", "newsletter, subscription and log-in calls", "Sign up for our newsletter", "(removed)"},
    {"read-more", "\"Read more: X\" lines, also glued to a sentence end", "the ministry.Read more: X", "the ministry."},
    {"related-links", "headings of related-article lists", "You may also like", "(removed)"},
    {"source-link", "source links", "Source link", "(removed)"},
    {"trust-box", "trust and credit boxes", "The Trust Project", "(removed)"},
    {"navigation", "navigation and menu items", "Skip to content", "(removed)"},
    {"footer", "footers and copyright lines", "All rights reserved.", "(removed)"},
    {"byline", "bylines", "by admin", "(removed)"},
    {"advertising", "advertisement markers", "Advertisement", "(removed)"},
    {"comments", "reader comments: everything from the first comment header (\"X says:\") on", "joetoronto says:",
     "(removed)"},
    {"repeated-across-pages", "a line that is no article paragraph and stands in several pages of the batch (site chrome)",
     "Subscribe to the Kabul Daily app", "(removed)"},
    {"duplicate", "a line repeated in the document (folding case, spaces, punctuation, breadcrumb, site name); the first stays",
     "Title\\n\\nTitle", "Title"},
    {"breadcrumb", "a breadcrumb trail, alone or before a title", "Home World The Taliban advance", "The Taliban advance"},
    {"site-suffix", "a site name after a title", "The Taliban advance | Afghanistan News", "The Taliban advance"},
    {"photo-caption", "photo captions with an agency credit, and the alt text before them", "Delawar in Moscow.AFP",
     "(removed)"},
    {"dateline", "a line that is only a date or time", "Thursday, August 5", "(removed)"},
    {"link-list", "a run of bulleted link titles", "• Afghan women armed against the Taliban", "(removed)"},
    {"menu", "outside the article, three or more short lines in a row that are no sentences", "Home\\nWorld\\nPolitics",
     "(removed)"},
    {"chrome-context", "outside the article, a line that is no prose between chrome before and after it", "Know more",
     "(removed)"},
    {"doubtful-page", "a flag: removing the chrome found would take most of the page's prose, so nothing is removed",
     "(a page whose article looks like its chrome)", "(flagged)"},
}};

constexpr std::array<OptionInfo, 5> kOptions = {{
    {"min_confidence", OptionType::kDouble, "0.9",
     "a removal whose rule is right less often than this on the dev sets (rule_confidence.tsv) is flagged instead"},
    {"repeated_min_pages", OptionType::kInt, "5",
     "a non-paragraph line in at least this many pages of the batch is site chrome (0: off)"},
    {"languages", OptionType::kString, "en,es,fr,de,pt,it,nl,pl",
     "phrase and stop-word lists to load (dictionaries/boilerplate/<lang>.txt)"},
    {"classify", OptionType::kBool, "true",
     "remove lines by their shape and neighbours too (off: phrases, duplicates and structure only)"},
    {"keep_headline", OptionType::kBool, "true", "keep the title line just before the article"},
}};

constexpr size_t kNone = static_cast<size_t>(-1);

struct Line {
  size_t begin = 0, end = 0;  // raw span, without the newline
  FoldedLine fold;
  size_t words = 0, stopwords = 0;
  std::array<uint16_t, 64> stop_counts{};  // stop words of each language's list
  bool prose = false;         // reads as prose of the page's language (prose.h)
  bool paragraph = false;     // prose long enough to be an article paragraph: never removed by position
  bool sentence = false;      // ends like a sentence
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

class BoilerplateScratch : public StageScratch {
 public:
  std::vector<Line> lines;  // the first num_lines are the current document's
  size_t num_lines = 0;
  std::vector<size_t> position;  // line index -> index in `content`
  std::vector<size_t> content;  // indexes of non-blank lines
  // Folded line keys (views into the lines' folded text) -> line index.
  std::unordered_map<std::string_view, size_t> keys;
  FoldedLine tmp;
  const boilerplate::LineCounts* corpus = nullptr;  // batch line counts, if observed
  std::vector<size_t> all_content, survivors;
};

bool IsSentenceEnd(int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x201D || cp == '"' ||
         cp == 0x00BB || cp == ')';
}

bool IsBulletStart(std::string_view t) {
  // Markers of HTML list items in text dumps; "*" and "-" also mark footnotes and dialogue.
  for (std::string_view b : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xBA", "\xE2\x96\xAA",
                             "\xE2\x97\x8B", "\xE2\x96\xA0", "\xE2\x97\xA6"})
    if (t.size() > b.size() && t.compare(0, b.size(), b) == 0 &&
        (t[b.size()] == ' ' || t[b.size()] == '\t'))
      return true;
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

class BoilerplateStage : public Stage {
 public:
  struct Data {
    PhraseList phrases;
    // Stop word -> bit set of the languages whose list has it: one look-up per word
    // serves every language (measured: a set per language made this stage 6x slower).
    boilerplate::StopWords stop_words;
    WordSet date_words, site_words, breadcrumb_roots, comment_verbs;
    std::vector<std::string> agencies;  // longest first
    // Per rule: the share of its removals that were right on the dev sets.
    std::array<float, kRules.size()> confidence{};
    std::array<bool, 256> agency_last_bytes{};
  };

  BoilerplateStage(Data data, const StageOptions& options)
      : d_(std::move(data)),
        repeated_min_pages_(static_cast<uint32_t>(std::max<int64_t>(0, options.GetInt("repeated_min_pages")))),
        classify_(options.GetBool("classify")),
        keep_headline_(options.GetBool("keep_headline")),
        min_confidence_(static_cast<float>(options.GetDouble("min_confidence"))) {}

  std::string_view name() const override { return "boilerplate"; }
  // Removing a line changes its neighbours' context (a second "Read more:" line glued to
  // debris is judged against the first): found by the fuzzer, tests/fuzz_corpus/
  // regression-boilerplate-second-run. Run until it removes nothing more.
  bool idempotent() const override { return false; }
  std::span<const RuleInfo> rules() const override { return kRules; }
  std::unique_ptr<StageScratch> NewScratch() const override {
    return std::make_unique<BoilerplateScratch>();
  }

  std::unique_ptr<CorpusStats> NewCorpusStats() const override {
    if (repeated_min_pages_ == 0) return nullptr;
    return std::make_unique<boilerplate::LineCounts>();
  }

  void Observe(std::string_view text, CorpusStats& stats) const override {
    std::vector<uint64_t> hashes;
    FoldedLine fold;
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      Fold(text.substr(start, end - start), &fold);
      if (fold.words() >= 2) hashes.push_back(boilerplate::LineCounts::Hash(fold.text));
      start = end + 1;
    }
    static_cast<boilerplate::LineCounts&>(stats).AddDocument(hashes);
  }

  void Process(std::string_view text, StageContext& ctx) const override {
    auto& s = static_cast<BoilerplateScratch&>(*ctx.scratch);
    s.corpus = static_cast<const boilerplate::LineCounts*>(ctx.corpus);
    SplitLines(text, s);
    if (s.content.empty()) return;
    CountStopwords(s);
    const int language = ChooseLanguage(s);
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      l.stopwords = LineStopwords(l);
      LineEvidence(text, s, i);
    }
    Decide(text, s, language);
    // A title without its breadcrumb or site name, or a line without its glued "Read more",
    // may be chrome of its own ("by admin | Site"): judge what is left of such lines as the
    // next cleaning would see it.
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      const bool glued = l.glued_from != std::string_view::npos;
      if (l.rule >= 0 || (l.prefix_rule < 0 && l.suffix_rule < 0 && !glued)) continue;
      const size_t begin = l.begin, end = l.end, glued_from = l.glued_from;
      l.begin = l.keep_begin;
      l.end = std::min(l.keep_end, glued_from);
      Fold(text.substr(l.begin, l.end - l.begin), &l.fold);
      l.words = CountWords(text.substr(l.begin, l.end - l.begin));
      LineEvidence(text, s, i);
      if (l.rule < 0 && l.words <= 40 && EndsWithCredit(Trim(text.substr(l.begin, l.end - l.begin))))
        l.rule = kPhotoCaption;  // "Title | Site" that leaves "... AFP/Getty Images"
      l.begin = begin;
      l.end = end;
      l.glued_from = glued_from;
      Fold(text.substr(begin, end - begin), &l.fold);
      l.words = CountWords(text.substr(begin, end - begin));
      if (l.rule >= 0) l.prefix_rule = l.suffix_rule = -1;  // the whole line goes
    }
    // Removing a line changes its neighbours' context: a second cleaning would judge the
    // survivors among themselves. So the decisions that depend on context are made again
    // over the survivors until they remove nothing more (the line-local analysis is kept),
    // which makes the stage idempotent in one run.
    s.all_content = s.content;
    for (int round = 0; round < 8; ++round) {
      s.survivors.clear();
      for (size_t i : s.content)
        if (s.lines[i].rule < 0) s.survivors.push_back(i);
      if (s.survivors.size() == s.content.size()) break;
      s.content.swap(s.survivors);
      // Breadcrumbs and site names found stay found: the next cleaning would see the line
      // without them.
      for (size_t i : s.content) s.lines[i].keep = false;
      int lang = ChooseLanguage(s);
      for (size_t i : s.content)
        s.lines[i].stopwords = LineStopwords(s.lines[i]);
      Decide(text, s, lang);
    }
    s.content.swap(s.all_content);
    Emit(text, s, ctx.rewriter);
  }

 private:
  // The steps that look at more than one line.
  void Decide(std::string_view text, BoilerplateScratch& s, int language) const {
    LinkLists(text, s);
    Captions(text, s);
    SuffixesBreadcrumbsDuplicates(text, s);
    Classify(text, s, language >= 0);
  }

  void SplitLines(std::string_view text, BoilerplateScratch& s) const {
    s.content.clear();
    size_t n = 0;
    for (size_t start = 0; start <= text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      if (s.lines.size() <= n) s.lines.emplace_back();
      Line& l = s.lines[n];
      l.begin = start;
      l.end = end;
      std::string_view raw = text.substr(start, end - start);
      l.blank = Trim(raw).empty();
      l.rule = l.prefix_rule = l.suffix_rule = -1;
      l.weak = false;
      l.soft = false;
      l.glued_from = std::string_view::npos;
      l.keep = false;
      l.dup_of = kNone;
      l.keep_begin = start;
      l.keep_end = end;
      if (!l.blank) {
        Fold(raw, &l.fold);
        l.words = CountWords(raw);
        s.content.push_back(n);
      }
      ++n;
      if (end == text.size()) break;
      start = end + 1;
    }
    // Lines past n keep their buffers for the next document (measured: reallocating the
    // folded words of every line was a fifth of this stage's time on web pages).
    s.num_lines = n;
  }

  // Each line's stop words for every language; the document's language is the list that
  // covers most of its words, or -1 when none covers enough (a language without a list:
  // then length alone classifies).
  void CountStopwords(BoilerplateScratch& s) const {
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      l.stop_counts.fill(0);
      const FoldedLine& f = l.fold;
      for (size_t w = 0; w < f.words(); ++w) {
        for (uint64_t bits = d_.stop_words.Find(Word(f, w)); bits != 0; bits &= bits - 1)
          ++l.stop_counts[static_cast<size_t>(__builtin_ctzll(bits))];
      }
    }
  }

  // A line's stop words in the language it reads best in: the page's language, or another (an
  // English quotation on a German page, an English article under a Japanese site's menus).
  size_t LineStopwords(const Line& l) const {
    uint16_t best = 0;
    for (size_t k = 0; k < d_.stop_words.languages(); ++k) best = std::max(best, l.stop_counts[k]);
    return best;
  }

  int ChooseLanguage(const BoilerplateScratch& s) const {
    std::array<size_t, 64> totals{};
    const size_t languages = d_.stop_words.languages();
    size_t words = 0;
    for (size_t i : s.content) {
      const Line& l = s.lines[i];
      words += l.fold.words();
      for (size_t k = 0; k < languages; ++k) totals[k] += l.stop_counts[k];
    }
    size_t best = 0;
    for (size_t k = 1; k < languages; ++k)
      if (totals[k] > totals[best]) best = k;
    if (languages == 0 || words == 0 || static_cast<double>(totals[best]) < 0.15 * static_cast<double>(words))
      return -1;
    return static_cast<int>(best);
  }

  static std::string_view Word(const FoldedLine& f, size_t w) {
    size_t end = w + 1 < f.words() ? f.offsets[w + 1] - 1 : f.text.size();
    return std::string_view(f.text).substr(f.offsets[w], end - f.offsets[w]);
  }

  void LineEvidence(std::string_view text, BoilerplateScratch& s, size_t i) const {
    Line& l = s.lines[i];
    std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
    const FoldedLine& f = l.fold;
    if (f.words() == 0) {  // only symbols, digits, punctuation: "•", "0", "|"
      // A thematic break ("___", "* * *") is the article's.
      if (raw.find_first_not_of("_-=*~ ") == std::string_view::npos) return;
      if (l.words <= 3) {
        l.rule = kNavigation;
        l.weak = true;  // removed, but no sign of where the article ends
      }
      return;
    }
    const bool quoted = raw.rfind("\xE2\x80\x9C", 0) == 0 || raw.rfind("\"", 0) == 0 ||
                        raw.rfind("\xC2\xAB", 0) == 0;
    if (const auto* p = d_.phrases.MatchLine(f.text); p != nullptr && !quoted) {
      l.rule = p->rule;
      // A single word ("Archive", "Links", "Weiter") is also a heading an article may use: it
      // marks chrome around the article, but inside it stays.
      l.soft = f.words() == 1 && p->rule != kAdvertising;
      return;
    }
    if (const auto* p = d_.phrases.MatchPrefix(f.text); p != nullptr && !quoted) {
      size_t phrase_words = static_cast<size_t>(std::count(p->folded.begin(), p->folded.end(), ' ')) + 1;
      // "Read more: X" needs its colon (or a short line); other phrases need a short line,
      // or to be a whole sentence of it: an article sentence may begin with the same words.
      std::string_view line = text.substr(l.begin, l.end - l.begin);
      bool colon = false;
      for (size_t k = f.word_ends[phrase_words - 1]; k < line.size(); ++k) {
        if (line[k] == ' ') continue;
        colon = line[k] == ':';
        break;
      }
      // Short phrases ("posted on") also open real sentences: the longer the phrase, the
      // longer the line it may condemn.
      // A single word ("Foto", "Stand", "Quelle") opens too many sentences: it needs its colon.
      bool short_line = l.words <= 6 * phrase_words + 4 && (phrase_words > 1 || colon);
      if (p->kind == MatchKind::kGlued ? (colon || l.words <= 6) : short_line) {
        l.rule = p->rule;
        return;
      }
    }
    GluedPhrase(text, l);
    // "© 2019 CBS Interactive Inc. All Rights Reserved.", "(c) Site", "Text: X – © Agentur",
    // a licence line ("... licensed under a Creative Commons ... licence").
    if (((raw.rfind("(c) ", 0) == 0 || raw.rfind("(C) ", 0) == 0 || raw.find("\xC2\xA9") != std::string_view::npos) &&
         l.words <= 30) ||
        (l.words <= 40 && f.text.find("creative commons") != std::string::npos)) {
      l.rule = kFooter;
      return;
    }
    // "[vw-id-concept-6-1]", "[                    ]": an image's file name or an empty form
    // field where a text dump shows them; no sign of where the article ends.
    if (ImagePlaceholder(raw)) {
      l.rule = kPhotoCaption;
      l.weak = true;
      return;
    }
    if (InlineMenu(raw)) {
      l.rule = kNavigation;
      return;
    }
    if (IsDateline(f, raw)) {
      l.rule = kDateline;
      return;
    }
    // "thelastchargersfan says:", "Milan on September 12, 2018 at 4:47 pm said:"
    if (l.words <= 15 && raw.back() == ':' &&
        d_.comment_verbs.find(Word(f, f.words() - 1)) != d_.comment_verbs.end()) {
      l.rule = kComments;
      return;
    }
    if (Word(f, 0) == "by" && f.words() >= 2 && f.words() <= 5 && l.words <= 6 && AllCapitalised(raw, 1)) {
      l.rule = kByline;
      return;
    }
  }

  // "the ministry.Read more: X": a glued phrase right after a sentence end, with its colon.
  void GluedPhrase(std::string_view text, Line& l) const {
    // Every "Read more:" glued after a sentence end: (where the cut would start, its colon).
    const FoldedLine& f = l.fold;
    std::vector<std::pair<size_t, size_t>> found;
    for (size_t w = 1; w < f.words(); ++w) {
      size_t gap_begin = l.begin + f.word_ends[w - 1], gap_end = l.begin + f.word_starts[w];
      size_t stop_at = std::string_view::npos;
      for (size_t k = gap_begin; k < gap_end; ++k)
        if (text[k] == '.' || text[k] == '!' || text[k] == '?') stop_at = k;
      if (stop_at == std::string_view::npos) continue;
      const auto* p = d_.phrases.MatchGlued(std::string_view(f.text).substr(f.offsets[w]));
      if (p == nullptr) continue;
      size_t last = w + static_cast<size_t>(std::count(p->folded.begin(), p->folded.end(), ' '));
      size_t k = l.begin + f.word_ends[last];
      while (k < l.end && text[k] == ' ') ++k;
      if (k < l.end && text[k] == ':') found.emplace_back(stop_at + 1, k);
    }
    // From the last one back: each cut needs a short link title up to the next cut, so that
    // the line a cut leaves offers no further cut to a second cleaning.
    size_t end = l.end;
    for (size_t i = found.size(); i-- > 0;) {
      if (end - found[i].second >= 300) break;
      l.glued_from = found[i].first;
      end = found[i].first;
    }
  }

  // "[name-of-file_2]" (no spaces, a digit, '-' or '_' in it) or "[    ]", alone on the line.
  static bool ImagePlaceholder(std::string_view raw) {
    if (raw.size() < 3 || raw.front() != '[' || raw.back() != ']') return false;
    std::string_view inner = raw.substr(1, raw.size() - 2);
    if (inner.find_first_not_of(' ') == std::string_view::npos) return true;
    if (inner.find_first_of(" []") != std::string_view::npos) return false;
    return inner.find_first_of("-_0123456789") != std::string_view::npos;
  }

  // A menu on one line: three or more short items between separators that sentences do not
  // use ("Home | About | Contact", "Impressum · Datenschutz · Kontakt").
  static bool InlineMenu(std::string_view raw) {
    size_t items = 1, words = 0, most = 0;
    bool in_word = false;
    for (size_t pos = 0; pos < raw.size();) {
      int32_t cp;
      int n = utf8::Decode(raw, pos, &cp);
      pos += static_cast<size_t>(n > 0 ? n : -n);
      if (cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == 0xBB || cp == 0x203A) {
        ++items;
        words = 0;
        in_word = false;
        continue;
      }
      const bool space = cp == ' ' || cp == '\t' || cp == 0xA0;
      if (!space && !in_word) most = std::max(most, ++words);
      in_word = !space;
    }
    if (items < 3 || most > 4) return false;
    return !IsSentenceEnd(utf8::Previous(raw, raw.size()));
  }

  bool IsDateline(const FoldedLine& f, std::string_view raw) const {
    if (f.words() == 0 || f.words() > 10) return false;
    bool digit = false;
    for (char c : raw) digit |= c >= '0' && c <= '9';
    if (!digit && f.words() < 2) return false;
    for (size_t w = 0; w < f.words(); ++w)
      if (d_.date_words.find(Word(f, w)) == d_.date_words.end()) return false;
    return true;
  }

  // Whether the words of `raw` from word `from` on all start with a capital letter.
  static bool AllCapitalised(std::string_view raw, size_t from) {
    size_t w = 0;
    bool in = false;
    for (size_t pos = 0; pos < raw.size();) {
      int32_t cp;
      int n = utf8::Decode(raw, pos, &cp);
      bool space = cp == ' ' || cp == '\t';
      if (!space && !in) {
        if (w >= from && !utf8::IsUpper(cp)) return false;
        ++w;
      }
      in = !space;
      pos += static_cast<size_t>(n > 0 ? n : -n);
    }
    return w > from;
  }

  // Two or more bulleted titles in a row (blank lines between allowed), none a sentence, and
  // not introduced by a line ending with a colon (an article's own list: "The demands:").
  void LinkLists(std::string_view text, BoilerplateScratch& s) const {
    auto is_link = [&](size_t i) {
      const Line& l = s.lines[i];
      std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
      if (l.rule >= 0 || !IsBulletStart(raw) || l.words > 20 || l.fold.words() == 0) return false;
      // An item that starts with a number is a quantity or a step ("• 2 cups of flour").
      size_t item = raw.find(' ');
      while (item < raw.size() && raw[item] == ' ') ++item;
      if (item < raw.size() && raw[item] >= '0' && raw[item] <= '9') return false;
      // "• Ort: Kasberg", "• Effektiver Jahreszins: 3,9 Prozent": facts, not links.
      const size_t colon = raw.find(": ");
      if (colon != std::string_view::npos && CountWords(raw.substr(item, colon - item)) <= 3) return false;
      return !IsSentenceEnd(utf8::Previous(raw, raw.size()));
    };
    for (size_t c = 0; c < s.content.size();) {
      size_t e = c;
      while (e < s.content.size() && is_link(s.content[e])) ++e;
      bool introduced = false;
      if (c > 0) {
        const Line& before = s.lines[s.content[c - 1]];
        std::string_view raw = Trim(text.substr(before.begin, before.end - before.begin));
        introduced = !raw.empty() && raw.back() == ':';
      }
      if (e - c >= 2 && !introduced)
        for (size_t k = c; k < e; ++k) s.lines[s.content[k]].rule = kLinkList;
      c = e > c ? e : c + 1;
    }
  }

  // Captions: "Photo: ...", or a short line ending with an agency credit ("in Moscow.AFP",
  // "... / Reuters", "(EPA)"), and the alt text just before such a caption.
  void Captions(std::string_view text, BoilerplateScratch& s) const {
    for (size_t c = 0; c < s.content.size(); ++c) {
      Line& l = s.lines[s.content[c]];
      if (l.rule >= 0 || l.words > 40) continue;
      std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
      std::string_view first = l.fold.words() > 0 ? Word(l.fold, 0) : std::string_view();
      bool caption = (first == "photo" || first == "image" || first == "foto" || first == "picture") &&
                     raw.find(':') != std::string_view::npos && raw.find(':') < 30;
      caption = caption || EndsWithCredit(raw);
      if (!caption) continue;
      l.rule = kPhotoCaption;
      if (c > 0) {
        Line& prev = s.lines[s.content[c - 1]];
        if (prev.rule < 0 && prev.words <= 12 && prev.fold.words() >= 2 &&
            l.fold.text.compare(0, prev.fold.offsets[std::min<size_t>(2, prev.fold.words() - 1)],
                                prev.fold.text, 0,
                                prev.fold.offsets[std::min<size_t>(2, prev.fold.words() - 1)]) == 0)
          prev.rule = kPhotoCaption;
      }
    }
  }

  bool EndsWithCredit(std::string_view raw) const {
    if (!raw.empty() && raw.back() == ')') raw.remove_suffix(1);
    // Only agencies whose last byte is the line's last byte need comparing.
    if (raw.empty() || !d_.agency_last_bytes[static_cast<unsigned char>(raw.back())]) return false;
    for (const std::string& a : d_.agencies) {
      if (raw.size() <= a.size() || raw.compare(raw.size() - a.size(), a.size(), a) != 0) continue;
      std::string_view before = raw.substr(0, raw.size() - a.size());
      char glued = before.back();  // "in Moscow.AFP", "(Reuters", "Photo/EPA"
      if (glued == '.' || glued == '/' || glued == '|' || glued == '(' || glued == ':') return true;
      if (glued != ' ') continue;
      std::string_view t = Trim(before);
      if (t.empty()) return false;
      char sep = t.back();
      if (sep == '/' || sep == '|' || sep == '(' || sep == ':') return true;
      // "in Moscow. AFP", as punctuation repair leaves a glued credit: only on a short line,
      // since news agencies also sign the last paragraph of an article ("... the US. PTI").
      if (sep == '.') return CountWords(t) <= 20;
      if (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x94" || t.substr(t.size() - 3) == "\xE2\x80\x93"))
        return true;
      if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA9") return true;  // ©
      return false;
    }
    return false;
  }

  // Where a site name after a title starts (" | Afghanistan News", " - Kabul Times"), or npos.
  size_t SiteSuffixStart(std::string_view raw, BoilerplateScratch& s) const {
    size_t bar = raw.rfind(" | ");
    if (bar != std::string_view::npos && bar > 0 && CountWords(raw.substr(bar + 3)) <= 6) return bar;
    for (std::string_view dash : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
      size_t d = raw.rfind(dash);
      if (d == std::string_view::npos || d == 0) continue;
      std::string_view tail = raw.substr(d + dash.size());
      Fold(tail, &s.tmp);
      if (CountWords(tail) <= 5 && s.tmp.words() > 0 &&
          d_.site_words.find(Word(s.tmp, s.tmp.words() - 1)) != d_.site_words.end())
        return d;
    }
    return std::string_view::npos;
  }

  void SuffixesBreadcrumbsDuplicates(std::string_view text, BoilerplateScratch& s) const {
    // Site names after titles.
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      if (l.rule >= 0) continue;
      std::string_view raw = text.substr(l.begin, l.end - l.begin);
      if (l.words > 30 || IsSentenceEnd(utf8::Previous(Trim(raw), Trim(raw).size()))) continue;
      // Most lines have neither separator: check for their bytes first.
      if (raw.find('|') == std::string_view::npos && raw.find(" -") == std::string_view::npos &&
          raw.find("\xE2\x80") == std::string_view::npos)
        continue;
      // "Title | Section | Site": cut site names off while the rest still ends with one, so
      // that the title left is what a second cleaning would leave too.
      size_t end = raw.size();
      for (size_t cut; (cut = SiteSuffixStart(raw.substr(0, end), s)) != std::string_view::npos;) {
        std::string_view rest = Trim(raw.substr(0, cut));
        Fold(rest, &s.tmp);
        if (s.tmp.words() == 0) break;  // no title before it: not a title with a site name
        end = cut;
        if (IsSentenceEnd(utf8::Previous(rest, rest.size()))) break;
      }
      if (end < raw.size()) {
        l.keep_end = l.begin + end;
        l.suffix_rule = kSiteSuffix;
      }
    }
    // Keys of what remains of each line; then breadcrumbs found through them.
    auto key_of = [&](const Line& l, size_t from_word) {
      const FoldedLine& f = l.fold;
      size_t end_word = from_word;
      // What the next cleaning would see of the line: no breadcrumb, site name or glued link.
      const size_t limit = std::min(l.keep_end, l.glued_from);
      while (end_word < f.words() && l.begin + f.word_ends[end_word] <= limit) ++end_word;
      if (end_word <= from_word) return std::string_view();
      size_t b = f.offsets[from_word];
      size_t e = f.offsets[end_word - 1] + Word(f, end_word - 1).size();
      return std::string_view(f.text).substr(b, e - b);
    };
    s.keys.clear();
    for (size_t i : s.content)
      if (s.lines[i].rule < 0) s.keys.emplace(key_of(s.lines[i], 0), i);
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      if (l.rule >= 0 || l.fold.words() < 2) continue;
      size_t root_words = 0;
      if (d_.breadcrumb_roots.find(Word(l.fold, 0)) != d_.breadcrumb_roots.end()) root_words = 1;
      if (l.fold.words() > 2 &&
          d_.breadcrumb_roots.find(std::string_view(l.fold.text).substr(0, l.fold.offsets[2] - 1)) !=
              d_.breadcrumb_roots.end())
        root_words = 2;
      if (root_words == 0) continue;
      std::string_view raw = text.substr(l.begin, l.keep_end - l.begin);
      // "Home › World › Asia": a trail of short items, or a trail before a title.
      size_t sep_end = 0;
      for (std::string_view sep : {"\xE2\x80\xBA", "\xC2\xBB", ">", "/", "|"}) {
        size_t p = raw.rfind(sep);
        if (p != std::string_view::npos && p < 80) sep_end = std::max(sep_end, p + sep.size());
      }
      if (sep_end > 0) {
        if (CountWords(raw.substr(sep_end)) <= 4) {
          l.rule = kBreadcrumb;
        } else {
          while (sep_end < raw.size() && raw[sep_end] == ' ') ++sep_end;
          l.keep_begin = l.begin + sep_end;
          l.prefix_rule = kBreadcrumb;
        }
        continue;
      }
      // "Home World Title" where "Title" is another line of the page.
      for (size_t k = root_words; k <= root_words + 3 && k < l.fold.words(); ++k) {
        auto it = s.keys.find(key_of(l, k));
        if (it != s.keys.end() && it->second != i) {
          l.keep_begin = l.begin + l.fold.word_starts[k];
          l.prefix_rule = kBreadcrumb;
          break;
        }
      }
    }
    // Duplicates: found here, judged by Duplicates() once the article is known.
    s.keys.clear();
    for (size_t i : s.content) s.lines[i].dup_of = kNone;
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      if (l.rule >= 0) continue;
      size_t from = 0;
      while (from < l.fold.words() && l.begin + l.fold.word_starts[from] < l.keep_begin) ++from;
      std::string_view key = key_of(l, from);
      if (key.size() < 20 || std::count(key.begin(), key.end(), ' ') < 3) continue;
      auto [it, fresh] = s.keys.emplace(key, i);
      if (!fresh) l.dup_of = it->second;
    }
  }

  // Whether a line's words make prose in the page's language (see prose.h).
  void JudgeProse(std::string_view text, Line& l, bool know_language) const {
    std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    const boilerplate::LineShape shape = boilerplate::ShapeOf(raw, l.fold, l.stopwords);
    l.prose = boilerplate::IsProse(shape, know_language);
    l.paragraph = l.prose && boilerplate::IsParagraph(shape);
    l.sentence = shape.sentence_end;
  }

  // A paragraph the page wraps over several lines ("... in Wiesen, Felder und Wälder," then
  // "eingebettet ..."): lines with no blank line between, each but the last ending inside a
  // sentence (a comma, or no punctuation before a line in lower case). When the lines read as
  // prose together, each is prose and, if long enough together, a paragraph.
  void WrappedParagraphs(std::string_view text, BoilerplateScratch& s) const {
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
        if (words >= 8 && stopwords * 100 >= 15 * words)
          for (size_t k = c; k <= e; ++k) {
            Line& l = s.lines[s.content[k]];
            l.prose = true;
            l.paragraph |= chars >= 140;
          }
      }
      c = e + 1;
    }
  }

  // A menu: three or more short lines in a row (blank lines between allowed) that are not
  // sentences and not introduced by a colon ("Home", "World", "Politics", "Search").
  void MenuRuns(std::string_view text, BoilerplateScratch& s) const {
    auto is_item = [&](size_t i) {
      const Line& l = s.lines[i];
      if (l.rule >= 0 || l.prose || l.words > 4 || l.fold.words() == 0) return false;
      std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
      int32_t last = utf8::Previous(raw, raw.size());
      return !IsSentenceEnd(last) && last != ':' && last != ',' && last != ';';
    };
    for (size_t c = 0; c < s.content.size();) {
      size_t e = c;
      while (e < s.content.size() && is_item(s.content[e])) ++e;
      bool introduced = false;
      if (c > 0) {
        const Line& before = s.lines[s.content[c - 1]];
        std::string_view raw = Trim(text.substr(before.begin, before.end - before.begin));
        introduced = !raw.empty() && raw.back() == ':';
      }
      if (e - c >= 3 && !introduced)
        for (size_t k = c; k < e; ++k) s.lines[s.content[k]].menu = true;
      c = e > c ? e : c + 1;
    }
  }

  static bool SameDigits(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    for (;; ++i, ++j) {
      while (i < a.size() && (a[i] < '0' || a[i] > '9')) ++i;
      while (j < b.size() && (b[j] < '0' || b[j] > '9')) ++j;
      if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
      if (a[i] != b[j]) return false;
    }
  }

  // A repeated line goes only where the repetition is an artefact of the page, never where the
  // article repeats itself (an interview's questions, a refrain, a shop's "Buy now" lines):
  //   - a block repeated back to back (the same lines again right after them);
  //   - the headline printed again inside the article: a copy, after the article's first
  //     paragraph, of a line before it that is no sentence (the title, a dek). Copies before
  //     the article stay (the title listed in a menu, then as the headline).
  // `first`: the article's first content index (kNone when none is known).
  void Duplicates(std::string_view text, BoilerplateScratch& s, size_t first) const {
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

  void Classify(std::string_view text, BoilerplateScratch& s, bool know_language) const {
    std::vector<size_t> kept;  // content lines not removed by evidence
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      l.menu = false;
      if (l.rule >= 0) continue;
      JudgeProse(text, l, know_language);
      // Site chrome that no phrase list knows: the same line, no paragraph, in many pages.
      if (s.corpus != nullptr && repeated_min_pages_ > 0 && !l.paragraph && l.fold.words() >= 2 &&
          s.corpus->Documents(boilerplate::LineCounts::Hash(l.fold.text)) >= repeated_min_pages_) {
        l.rule = kRepeated;
        continue;
      }
      kept.push_back(i);
    }
    WrappedParagraphs(text, s);
    // Where the stage cannot judge the page's language, or is told not to look at context,
    // only evidence on a line removes it.
    if (!classify_ || !know_language) {
      Duplicates(text, s, kNone);
      for (size_t i : kept) s.lines[i].keep = s.lines[i].rule < 0;
      return;
    }
    MenuRuns(text, s);
    // Reader comments: everything after the first comment header that follows prose.
    size_t first_prose = s.content.size();
    for (size_t c = 0; c < s.content.size() && first_prose == s.content.size(); ++c)
      if (s.lines[s.content[c]].rule < 0 && s.lines[s.content[c]].prose) first_prose = c;
    if (first_prose == s.content.size()) {  // no prose at all: a message, a list
      Duplicates(text, s, kNone);
      for (size_t i : kept) s.lines[i].keep = s.lines[i].rule < 0;
      return;
    }
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
    // Lines with evidence, and menus, cut the page into segments. The article is the segment
    // with the most prose, with every segment of at least half as much (a page may hold
    // several articles), joined with prose next to them across short runs of inline chrome
    // (an advertisement marker, a caption). Inside the article only evidence removes a line:
    // its lists, headings and short lines stay.
    // Menus are chrome but no border: an article's own lists would cut it in two.
    auto is_border = [&](const Line& l) { return IsEvidence(l); };
    struct Segment { size_t begin, end, prose_chars, first_prose, last_prose; };
    std::vector<Segment> segments;
    for (size_t c = 0; c < s.content.size();) {
      if (is_border(s.lines[s.content[c]])) {
        ++c;
        continue;
      }
      Segment seg{c, c, 0, s.content.size(), 0};
      for (; c < s.content.size() && !is_border(s.lines[s.content[c]]); ++c) {
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
        if (!is_border(l)) continue;
        if (l.rule == kLinkList) continue;  // a list between paragraphs: the article's own
        ++n;
        if (l.menu || !(IsInlineRule(l.rule) || l.soft)) return false;
      }
      return n <= 6;
    };
    size_t lo = segments.size(), hi = 0;
    for (size_t k = 0; k < segments.size(); ++k)
      if (2 * segments[k].prose_chars >= segments[main].prose_chars) lo = std::min(lo, k), hi = k;
    while (lo > 0 && segments[lo - 1].prose_chars > 0 && inline_gap(segments[lo - 1].end, segments[lo].begin)) --lo;
    while (hi + 1 < segments.size() && segments[hi + 1].prose_chars > 0 &&
           inline_gap(segments[hi].end, segments[hi + 1].begin))
      ++hi;
    const size_t block_first = segments[lo].first_prose, block_last = segments[hi].last_prose;
    size_t first_paragraph = block_first;
    while (first_paragraph < block_last && !s.lines[s.content[first_paragraph]].paragraph) ++first_paragraph;
    Duplicates(text, s, first_paragraph);
    // Before the article, the page's head: from the top to the last chrome line before the
    // article everything goes (what follows that line, the title, a date, a lead, stays).
    // After it, the page's foot: from the first chrome line after the article to the end.
    size_t head_end = 0;  // content index just past the head
    for (size_t c = 0; c < block_first; ++c)
      if (is_border(s.lines[s.content[c]])) head_end = c + 1;
    size_t foot_begin = s.content.size();
    for (size_t c = block_last + 1; c < s.content.size() && foot_begin == s.content.size(); ++c)
      if (is_border(s.lines[s.content[c]])) foot_begin = c;
    size_t head_begin = head_end, foot_end = foot_begin;
    for (size_t c = 0; c < head_end && head_begin == head_end; ++c)
      if (is_border(s.lines[s.content[c]])) head_begin = c;
    for (size_t c = foot_begin; c < s.content.size(); ++c)
      if (is_border(s.lines[s.content[c]])) foot_end = c + 1;
    // Elsewhere outside the article, a line that is no prose goes when it sits in a chrome
    // region: chrome (evidence or a menu) before it and after it, with only lines that are no
    // prose between.
    auto chrome_border = [&](size_t c, int dir) {
      for (long k = static_cast<long>(c) + dir; k >= 0 && k < static_cast<long>(s.content.size()); k += dir) {
        const size_t kc = static_cast<size_t>(k);
        if (kc >= block_first && kc <= block_last) return false;
        const Line& n = s.lines[s.content[kc]];
        if (is_border(n)) return true;
        if (n.rule >= 0) continue;  // a duplicate, a symbol line
        if (n.prose) return false;
      }
      return true;  // the edge of the page
    };
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
    for (size_t c = 0; c < s.content.size(); ++c) {
      Line& l = s.lines[s.content[c]];
      if (l.rule >= 0) continue;
      bool keep;
      const bool region = (c >= head_begin && c < head_end) || (c >= foot_begin && c < foot_end);
      if (c >= block_first && c <= block_last) keep = true;
      else if (l.paragraph) keep = true;
      // In the page's head and foot a sentence stays unless it stands alone between chrome
      // lines; headlines there are the teasers of other pages.
      else if (region) keep = l.prose && l.sentence && !IsolatedInChrome(s, c, is_border);
      else if (l.prose) keep = true;
      else if (l.menu) keep = false;
      else keep = !(chrome_border(c, -1) && chrome_border(c, +1));
      l.keep = keep;
      if (!keep) l.rule = l.menu ? kMenu : kChromeContext;
    }
    if (keep_headline_) KeepHeadline(text, s, block_first);
  }

  // Whether the lines right before and after content line c are chrome (a border, or a line
  // removed by evidence): a sentence alone between two chrome lines is part of the box they
  // make ("Es gibt noch keine Kommentare." between a comment heading and its form).
  template <typename IsBorder>
  static bool IsolatedInChrome(const BoilerplateScratch& s, size_t c, IsBorder is_border) {
    if (c == 0 || c + 1 >= s.content.size()) return false;
    const Line& before = s.lines[s.content[c - 1]];
    const Line& after = s.lines[s.content[c + 1]];
    return (is_border(before) || (before.rule >= 0 && before.rule != kDuplicate)) &&
           (is_border(after) || (after.rule >= 0 && after.rule != kDuplicate));
  }

  // Lines removed by their own evidence mark where chrome is; duplicates do not (a headline
  // repeated inside the article is no sign of a footer).
  static bool IsEvidence(const Line& l) { return l.rule >= 0 && l.rule != kDuplicate && !l.weak; }

  // Chrome that also sits inside articles, so it does not mark where the article ends.
  static bool IsInlineRule(int rule) {
    return rule == kAdvertising || rule == kRepeated || rule == kReadMore || rule == kPhotoCaption || rule == kShareWidget ||
           rule == kNewsletter || rule == kLinkList || rule == kDateline || rule == kByline ||
           rule == kSourceLink;
  }

  // A short sentence of prose: ends like a sentence, starts with a capital, and (when the
  // language is known) has a function word.
  bool SentenceLike(std::string_view text, const Line& l) const {
    std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    if (l.fold.words() < 3 || raw.empty()) return false;
    int32_t last = utf8::Previous(raw, raw.size());
    return IsSentenceEnd(last) && last != ')' && utf8::IsUpper(utf8::At(raw, 0)) && l.stopwords > 0;
  }

  // The title just before the first article paragraph stays: the last title-like line
  // among the few lines before it.
  void KeepHeadline(std::string_view text, BoilerplateScratch& s, size_t article_first) const {
    // Back from the article over its byline, date, share buttons and caption (up to a dozen
    // lines), to the first line that reads as a title; a title already kept ends the search.
    for (size_t c = std::min(article_first, s.content.size()), seen = 0; c-- > 0 && seen < 12; ++seen) {
      Line& l = s.lines[s.content[c]];
      const bool title = TitleLike(text, l);
      if (l.keep && title) return;
      if (!title || (l.rule != kMenu && l.rule != kChromeContext)) continue;
      l.keep = true;
      l.rule = -1;
      return;
    }
  }

  // Three to thirty words, a capital (or an opening quote) first, no sentence or list end.
  static bool TitleLike(std::string_view text, const Line& l) {
    std::string_view raw = Trim(text.substr(l.keep_begin, l.keep_end - l.keep_begin));
    if (raw.empty() || l.fold.words() < 3 || l.fold.words() > 30) return false;
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

  // Whether the removals decided would take most of the page's prose: then the page is not
  // what the stage thinks it is (an article that looks like chrome), and nothing goes.
  bool RemovesMostProse(std::string_view text, const BoilerplateScratch& s) const {
    size_t prose = 0, removed = 0;
    for (size_t i : s.content) {
      const Line& l = s.lines[i];
      std::string_view raw = Trim(text.substr(l.begin, l.end - l.begin));
      const boilerplate::LineShape shape = boilerplate::ShapeOf(raw, l.fold, l.stopwords);
      if (!boilerplate::IsProse(shape, true) || !boilerplate::IsParagraph(shape)) continue;
      prose += raw.size();
      if (l.rule >= 0) removed += raw.size();
    }
    return prose >= 400 && 2 * removed > prose;
  }

  void Emit(std::string_view text, BoilerplateScratch& s, TextRewriter& rw) const {
    if (RemovesMostProse(text, s)) {
      rw.Flag(0, text.size(), kDoubtfulPage, 0.5f);
      return;
    }
    // A removal whose rule is often wrong on the dev sets is only flagged.
    auto remove = [&](size_t begin, size_t end, int rule) {
      const float confidence = d_.confidence[static_cast<size_t>(rule)];
      if (confidence < min_confidence_) rw.Flag(begin, end, static_cast<uint16_t>(rule), confidence);
      else rw.Delete(begin, end, static_cast<uint16_t>(rule), confidence);
    };
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      if (l.rule >= 0 && d_.confidence[static_cast<size_t>(l.rule)] < min_confidence_) {
        rw.Flag(l.begin, l.end, static_cast<uint16_t>(l.rule), d_.confidence[static_cast<size_t>(l.rule)]);
        l.rule = -1;
        l.prefix_rule = l.suffix_rule = -1;
        l.glued_from = std::string_view::npos;
      }
    }
    // A removed line takes its newline and the blank lines after it. Removed lines after the
    // last kept one start right after that line's newline, so the text still ends cleanly.
    size_t last_kept = std::string_view::npos;
    for (size_t i : s.content)
      if (s.lines[i].rule < 0) last_kept = i;
    bool first_trailing = true;
    for (size_t c = 0; c < s.content.size(); ++c) {
      size_t i = s.content[c];
      Line& l = s.lines[i];
      size_t next_begin = c + 1 < s.content.size() ? s.lines[s.content[c + 1]].begin : text.size();
      if (l.rule >= 0) {
        size_t b = l.begin;
        if (last_kept != std::string_view::npos && i > last_kept && first_trailing) {
          b = std::min(l.begin, s.lines[last_kept].end + 1);
          first_trailing = false;
        }
        remove(b, next_begin, l.rule);
        continue;
      }
      if (l.prefix_rule >= 0) remove(l.begin, l.keep_begin, l.prefix_rule);
      if (l.glued_from != std::string_view::npos && l.glued_from < l.keep_end) remove(l.glued_from, l.keep_end, kReadMore);
      if (l.suffix_rule >= 0) remove(std::max(l.keep_end, rw.cursor()), l.end, l.suffix_rule);
    }
  }

  Data d_;
  uint32_t repeated_min_pages_;
  bool classify_;
  bool keep_headline_;
  float min_confidence_;
};

// WordPress's page chrome in its translations, collected at build time
// (MTCLEAN_WORDPRESS_PHRASES overrides; skipped when missing).
std::string WordPressPhrasesPath() {
  if (const char* env = std::getenv("MTCLEAN_WORDPRESS_PHRASES"); env != nullptr) return env;
  return MTCLEAN_DEFAULT_WORDPRESS_PHRASES;
}

// The stopwords-iso lists fetched by scripts/setup.sh (MTCLEAN_STOPWORDS_ISO overrides).
std::string StopWordsIsoPath() {
  if (const char* env = std::getenv("MTCLEAN_STOPWORDS_ISO"); env != nullptr) return env;
  return MTCLEAN_DEFAULT_STOPWORDS_ISO;
}

}  // namespace

const StageDescriptor& BoilerplateStageDescriptor() {
  static const StageDescriptor kDescriptor{
      "boilerplate",
      "removes the page around the article (comment forms, cookie notices, menus, captions, "
      "related links, footers) and repeated lines, saying why for each",
      kRules,
      kOptions,
      [](const StageOptions& options, const StageEnvironment& env)
          -> StatusOr<std::unique_ptr<Stage>> {
        BoilerplateStage::Data data;
        std::vector<std::string> languages = SplitList(options.GetString("languages"));
        std::vector<std::string_view> rule_ids;
        for (const RuleInfo& r : kRules) rule_ids.push_back(r.id);
        auto phrases = boilerplate::PhraseList::Load(env.data_dir, languages, rule_ids, {WordPressPhrasesPath()});
        if (!phrases.ok()) return phrases.status();
        data.phrases = std::move(*phrases);
        auto load_set = [&](const std::string& rel, WordSet* out) -> Status {
          auto words = ReadDataLines(env.data_dir, rel);
          if (!words.ok()) return words.status();
          out->insert(words->begin(), words->end());
          return {};
        };
        // Stop words of every language stopwords-iso lists, the curated lists where we have one.
        auto stop_words = boilerplate::StopWords::Load(env.data_dir, languages, StopWordsIsoPath());
        if (!stop_words.ok()) return stop_words.status();
        data.stop_words = std::move(*stop_words);
        if (Status st = load_set("boilerplate/dates.txt", &data.date_words); !st.ok()) return st;
        if (Status st = load_set("boilerplate/site_name_words.txt", &data.site_words); !st.ok()) return st;
        if (Status st = load_set("boilerplate/breadcrumb_roots.txt", &data.breadcrumb_roots); !st.ok()) return st;
        if (Status st = load_set("boilerplate/comment_verbs.txt", &data.comment_verbs); !st.ok()) return st;
        data.confidence.fill(0.9f);
        auto confidence = ReadDataLines(env.data_dir, "boilerplate/rule_confidence.tsv");
        if (!confidence.ok()) return confidence.status();
        for (const std::string& line : *confidence) {
          const size_t tab = line.find('\t');
          const std::string rule = line.substr(0, tab);
          size_t r = 0;
          while (r < kRules.size() && kRules[r].id != rule) ++r;
          if (r == kRules.size() || tab == std::string::npos)
            return Status::Error("boilerplate/rule_confidence.tsv: unknown rule or no figure in '" + line + "'");
          data.confidence[r] = std::strtof(line.c_str() + tab + 1, nullptr);
        }
        auto agencies = ReadDataLines(env.data_dir, "boilerplate/agencies.txt");
        if (!agencies.ok()) return agencies.status();
        data.agencies = std::move(*agencies);
        for (const std::string& a : data.agencies)
          if (!a.empty()) data.agency_last_bytes[static_cast<unsigned char>(a.back())] = true;
        std::sort(data.agencies.begin(), data.agencies.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        return std::unique_ptr<Stage>(std::make_unique<BoilerplateStage>(std::move(data), options));
      }};
  return kDescriptor;
}

}  // namespace mtclean
