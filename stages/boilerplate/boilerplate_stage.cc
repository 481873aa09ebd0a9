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
#include <fstream>
#include <numeric>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/data_files.h"
#include "pipeline/utf8.h"
#include "lexicon/word_table.h"
#include "stages/boilerplate/line_counts.h"
#include "stages/boilerplate/article_region.h"
#include "stages/boilerplate/line_evidence.h"
#include "stages/boilerplate/page_lines.h"
#include "stages/boilerplate/phrase_list.h"
#include "stages/boilerplate/prose.h"

namespace mtclean {
namespace {

using namespace boilerplate;  // the stage's own parts: stages/boilerplate/*.h

constexpr std::array<RuleInfo, 25> kRules = {{
    {"comment-form", "comment forms and counters", "Leave a Reply", "(removed)"},
    {"cookie-notice", "cookie and consent notices",
     "This website uses cookies to improve your experience.", "(removed)"},
    {"privacy-link", "privacy, terms and policy links", "Privacy Policy", "(removed)"},
    {"share-widget", "share buttons", "Share on Facebook", "(removed)"},
    {"newsletter", "newsletter, subscription and log-in calls", "Sign up for our newsletter",
     "(removed)"},
    {"read-more", "\"Read more: X\" lines, also glued to a sentence end",
     "the ministry.Read more: X", "the ministry."},
    {"related-links", "headings of related-article lists", "You may also like", "(removed)"},
    {"source-link", "source links", "Source link", "(removed)"},
    {"trust-box", "trust and credit boxes", "The Trust Project", "(removed)"},
    {"navigation", "navigation and menu items", "Skip to content", "(removed)"},
    {"footer", "footers and copyright lines", "All rights reserved.", "(removed)"},
    {"byline", "bylines", "by admin", "(removed)"},
    {"advertising", "advertisement markers", "Advertisement", "(removed)"},
    {"comments", "reader comments: everything from the first comment header (\"X says:\") on",
     "joetoronto says:", "(removed)"},
    {"repeated-across-pages",
     "a line that is no article paragraph and stands in several pages of the batch (site chrome)",
     "Subscribe to the Kabul Daily app", "(removed)"},
    {"duplicate",
     "a line repeated in the document (folding case, spaces, punctuation, breadcrumb, site name); "
     "the first stays",
     "Title\\n\\nTitle", "Title"},
    {"breadcrumb", "a breadcrumb trail, alone or before a title", "Home World The Taliban advance",
     "The Taliban advance"},
    {"site-suffix", "a site name after a title", "The Taliban advance | Afghanistan News",
     "The Taliban advance"},
    {"photo-caption", "photo captions with an agency credit, and the alt text before them",
     "Delawar in Moscow.AFP", "(removed)"},
    {"dateline", "a line that is only a date or time", "Thursday, August 5", "(removed)"},
    {"link-list", "a run of bulleted link titles", "• Afghan women armed against the Taliban",
     "(removed)"},
    {"menu", "outside the article, three or more short lines in a row that are no sentences",
     "Home\\nWorld\\nPolitics", "(removed)"},
    {"chrome-context",
     "outside the article, a line that is no prose between chrome before and after it", "Know more",
     "(removed)"},
    {"doubtful-page",
     "a flag: removing the chrome found would take most of the page's prose, so nothing is removed",
     "(a page whose article looks like its chrome)", "(flagged)"},
    {"author-box",
     "the author's box: a name, and a paragraph opening with it that says the person writes",
     "Dallas Robinson\\nDallas Robinson is a freelance writer living in Minneapolis", "(removed)"},
}};

static_assert(kRules.size() == kRuleCount, "one rule table entry per rule id (page_lines.h)");

constexpr std::array<OptionInfo, 5> kOptions = {{
    {"min_confidence", OptionType::kDouble, "0.9",
     "a removal whose rule is right less often than this on the dev sets (rule_confidence.tsv) is "
     "flagged instead"},
    {"repeated_min_pages", OptionType::kInt, "5",
     "a non-paragraph line in at least this many pages of the batch is site chrome (0: off; at "
     "most 255)"},
    {"languages", OptionType::kString, "en,es,fr,de,pt,it,nl,pl",
     "phrase and stop-word lists to load (dictionaries/boilerplate/<lang>.txt)"},
    {"classify", OptionType::kBool, "true",
     "remove lines by their shape and neighbours too (off: phrases, duplicates and structure "
     "only)"},
    {"keep_headline", OptionType::kBool, "true", "keep the title line just before the article"},
}};

class BoilerplateStage : public Stage {
 public:
  struct Data {
    std::unique_ptr<LineEvidence> evidence;
    // Stop word -> bit set of the languages whose list has it: one look-up per word serves
    // every language.
    StopWords stop_words;
    // Per rule: the share of its removals that were right on the dev sets.
    std::array<float, kRules.size()> confidence{};
  };

  BoilerplateStage(Data data, const StageOptions& options)
      : d_(std::move(data)),
        repeated_min_pages_(static_cast<uint32_t>(std::max<int64_t>(0, options.GetInt("repeated_min_pages")))),
        region_({repeated_min_pages_, options.GetBool("classify"), options.GetBool("keep_headline")}),
        min_confidence_(static_cast<float>(options.GetDouble("min_confidence"))) {}

  std::string_view name() const override { return "boilerplate"; }
  // Removing a line changes its neighbours' context (a second "Read more:" line glued to
  // debris is judged against the first): found by the fuzzer, tests/fuzz_corpus/
  // regression-boilerplate-second-run. Run until it removes nothing more.
  bool idempotent() const override { return false; }
  std::span<const RuleInfo> rules() const override { return kRules; }
  std::unique_ptr<StageScratch> NewScratch() const override {
    return std::make_unique<PageScratch>();
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
    auto& s = static_cast<PageScratch&>(*ctx.scratch);
    s.corpus = static_cast<const LineCounts*>(ctx.corpus);
    SplitLines(text, s);
    if (s.content.empty()) return;
    const bool know_language = CountStopwords(s);
    for (size_t i : s.content) d_.evidence->Judge(text, s, i);
    Decide(text, s, know_language);
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
      d_.evidence->Judge(text, s, i);
      if (l.rule < 0 && l.words <= 40 && d_.evidence->EndsWithCredit(Trim(text.substr(l.begin, l.end - l.begin))))
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
      Decide(text, s, know_language);
    }
    s.content.swap(s.all_content);
    Emit(text, s, ctx.rewriter);
  }

 private:
  // The steps that look at more than one line.
  void Decide(std::string_view text, PageScratch& s, bool know_language) const {
    d_.evidence->LinkLists(text, s);
    d_.evidence->Captions(text, s);
    d_.evidence->AuthorBoxes(text, s);
    d_.evidence->SuffixesBreadcrumbsRepeats(text, s);
    region_.Decide(text, s, know_language);
  }

  void SplitLines(std::string_view text, PageScratch& s) const {
    s.content.clear();
    s.closed_line = kNone;
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
      l.prose = l.paragraph = l.sentence = l.menu = false;
      l.dup_of = kNone;
      l.shape_begin = kNone;  // lines are reused from the last document
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

  // The stop words of each line, in the language it reads best in. Every word is looked up
  // once in the lists of all languages (a bit per language); the page's three commonest
  // languages, counted over its first 2,000 stop words, are the ones a line is counted in: the
  // page's own, or that of a quotation or of an article under another language's menus. Returns
  // whether the commonest covers enough of those words (15%) to judge prose by; when none does
  // (a language without a list), the stage judges by evidence alone.
  bool CountStopwords(PageScratch& s) const {
    s.masks.clear();
    std::array<uint32_t, 64> totals{};
    size_t words = 0, hits = 0;
    // Lines are counted at once in the languages the worker's last page had (pages of a batch
    // mostly share theirs), and again below only when this page's turn out otherwise.
    const std::array<size_t, 3> guess = s.top_languages;
    // A line's stop words in the one of `languages` it has most of; its words' masks start at
    // s.masks[first].
    auto stopwords_in = [&](size_t first, size_t n, const std::array<size_t, 3>& languages) {
      std::array<size_t, 3> counts{};
      for (size_t w = first; w < first + n; ++w)
        for (size_t j = 0; j < languages.size(); ++j) counts[j] += (s.masks[w] >> languages[j]) & 1u;
      return *std::max_element(counts.begin(), counts.end());
    };
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      const FoldedLine& f = l.fold;
      const size_t first = s.masks.size();
      for (size_t w = 0; w < f.words(); ++w) {
        const uint64_t bits = d_.stop_words.Find(Word(f, w));
        s.masks.push_back(bits);
        if (hits >= 2000) continue;
        ++words;
        if (bits == 0) continue;
        ++hits;
        for (uint64_t b = bits; b != 0; b &= b - 1) ++totals[static_cast<size_t>(__builtin_ctzll(b))];
      }
      l.stopwords = stopwords_in(first, f.words(), guess);
    }
    std::array<size_t, 64> order;
    std::iota(order.begin(), order.end(), size_t{0});
    const size_t languages = std::max<size_t>(d_.stop_words.languages(), 3);
    std::partial_sort(order.begin(), order.begin() + 3, order.begin() + static_cast<long>(languages),
                      [&](size_t a, size_t b) { return totals[a] > totals[b] || (totals[a] == totals[b] && a < b); });
    std::array<size_t, 3> top = {order[0], order[1], order[2]};
    std::sort(top.begin(), top.end());
    if (top != guess) {
      size_t first = 0;
      for (size_t i : s.content) {
        Line& l = s.lines[i];
        l.stopwords = stopwords_in(first, l.fold.words(), top);
        first += l.fold.words();
      }
      s.top_languages = top;
    }
    return d_.stop_words.languages() > 0 && words > 0 && 100 * totals[order[0]] >= 15 * words;
  }

  void Emit(std::string_view text, PageScratch& s, TextRewriter& rw) const {
    KeepParagraphRuns(s);
    if (RemovesMostProse(text, s)) {
      rw.Flag(0, text.size(), kDoubtfulPage, 0.5f);
      return;
    }
    // A removal whose rule is often wrong on the dev sets is only flagged; a whole line so
    // flagged stays, first, so that the lines around it are cut as around a kept line.
    auto confidence = [&](int rule) { return d_.confidence[static_cast<size_t>(rule)]; };
    auto remove = [&](size_t begin, size_t end, int rule) {
      if (confidence(rule) < min_confidence_) rw.Flag(begin, end, static_cast<uint16_t>(rule), confidence(rule));
      else rw.Delete(begin, end, static_cast<uint16_t>(rule), confidence(rule));
    };
    for (size_t i : s.content) {
      Line& l = s.lines[i];
      if (l.rule >= 0 && confidence(l.rule) < min_confidence_) {
        rw.Flag(l.begin, l.end, static_cast<uint16_t>(l.rule), confidence(l.rule));
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
  ArticleRegion region_;
  float min_confidence_;
};

// WordPress's page chrome in its translations, collected at build time
// (MTCLEAN_WORDPRESS_PHRASES overrides; skipped when missing).
std::string WordPressPhrasesPath() {
  if (const char* env = std::getenv("MTCLEAN_WORDPRESS_PHRASES"); env != nullptr) return env;
  return MTCLEAN_DEFAULT_WORDPRESS_PHRASES;
}

// Month and weekday names of every language, from CLDR through ICU at build time
// (MTCLEAN_DATE_WORDS overrides; skipped when missing: dates.txt still covers six languages).
std::string DateWordsPath() {
  if (const char* env = std::getenv("MTCLEAN_DATE_WORDS"); env != nullptr) return env;
  return MTCLEAN_DEFAULT_DATE_WORDS;
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
      kRules, kOptions,
      [](const StageOptions& options,
         const StageEnvironment& env) -> StatusOr<std::unique_ptr<Stage>> {
        if (options.GetInt("repeated_min_pages") > LineCounts::kMaxCount)
          return Status::Error("boilerplate: repeated_min_pages is at most " +
                               std::to_string(LineCounts::kMaxCount) +
                               " (the batch's line counts stop there)");
        BoilerplateStage::Data data;
        LineEvidence::Data evidence;
        std::vector<std::string> languages = SplitList(options.GetString("languages"));
        std::vector<std::string_view> rule_ids;
        for (const RuleInfo& r : kRules) rule_ids.push_back(r.id);
        auto phrases = PhraseList::Load(env.data_dir, languages, rule_ids, {WordPressPhrasesPath()});
        if (!phrases.ok()) return phrases.status();
        evidence.phrases = std::move(*phrases);
        auto load_set = [&](const std::string& rel, WordSet* out) -> Status {
          auto words = ReadDataLines(env.data_dir, rel);
          if (!words.ok()) return words.status();
          out->insert(words->begin(), words->end());
          return {};
        };
        // Stop words of every language stopwords-iso lists, the curated lists where we have one.
        auto stop_words = StopWords::Load(env.data_dir, languages, StopWordsIsoPath());
        if (!stop_words.ok()) return stop_words.status();
        data.stop_words = std::move(*stop_words);
        if (Status st = load_set("boilerplate/dates.txt", &evidence.date_words); !st.ok())
          return st;
        if (std::ifstream dates(DateWordsPath()); dates)
          for (std::string line; std::getline(dates, line);)
            if (!line.empty() && line[0] != '#') evidence.date_words.insert(line);
        if (Status st = load_set("boilerplate/site_name_words.txt", &evidence.site_words); !st.ok())
          return st;
        if (Status st = load_set("boilerplate/breadcrumb_roots.txt", &evidence.breadcrumb_roots); !st.ok())
          return st;
        if (Status st = load_set("boilerplate/comment_verbs.txt", &evidence.comment_verbs); !st.ok())
          return st;
        if (Status st = load_set("boilerplate/author_words.txt", &evidence.author_words); !st.ok())
          return st;
        auto box_words = ReadDataLines(env.data_dir, "boilerplate/box_headings.txt");
        if (!box_words.ok()) return box_words.status();
        for (const std::string& line : *box_words) {
          const size_t tab = line.find('\t');
          const std::string kind = line.substr(0, tab);
          if (tab == std::string::npos || (kind != "which" && kind != "what"))
            return Status::Error("boilerplate/box_headings.txt: want 'which<TAB>word' or 'what<TAB>word', not '" + line + "'");
          (kind == "which" ? evidence.box_which : evidence.box_what).insert(line.substr(tab + 1));
        }
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
        evidence.agencies = std::move(*agencies);
        auto banks = ReadDataLines(env.data_dir, "boilerplate/image_banks.txt");
        if (!banks.ok()) return banks.status();
        evidence.image_banks = std::move(*banks);
        std::sort(evidence.image_banks.begin(), evidence.image_banks.end());
        evidence.agencies.insert(evidence.agencies.end(), evidence.image_banks.begin(),
                                 evidence.image_banks.end());
        for (const std::string& a : evidence.agencies)
          if (!a.empty()) evidence.agency_last_bytes[static_cast<unsigned char>(a.back())] = true;
        std::sort(evidence.agencies.begin(), evidence.agencies.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        evidence.agencies_sorted = evidence.agencies;
        std::sort(evidence.agencies_sorted.begin(), evidence.agencies_sorted.end());
        data.evidence = std::make_unique<LineEvidence>(std::move(evidence));
        return std::unique_ptr<Stage>(std::make_unique<BoilerplateStage>(std::move(data), options));
      }};
  return kDescriptor;
}

}  // namespace mtclean
