// One left-to-right pass per line, repeated until stable (pipeline/multi_pass.h), so that
// e.g. "losses . , We" first loses its stray space and then its stacked comma.
#include "stages/punctuation/punctuation_stage.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>
#include <unordered_set>

#include "pipeline/data_files.h"
#include "pipeline/multi_pass.h"
#include "pipeline/utf8.h"

namespace mtclean {
namespace {

enum Rule : uint16_t {
  kSpaceBeforePunct,
  kStackedPunct,
  kMissingSpaceAfterSentence,
  kQuoteDirection,
  kSpaceAroundQuote,
  kSpaceInsideQuotes,
  kUnbalancedQuote,
};

constexpr std::array<RuleInfo, 7> kRules = {{
    {"space-before-punct", "a space before . , ; : ! ? is removed", "Kunduz .", "Kunduz."},
    {"stacked-punct", "two stacked marks become the stronger one (ellipses and \"Inc.,\" stay)",
     "losses. , We", "losses. We"},
    {"missing-space-after-sentence",
     "a space is inserted between a sentence end and a capitalised word glued to it",
     "the ministry.Read", "the ministry. Read"},
    {"quote-direction", "an opening quote mark that closes an open quotation becomes a closing one",
     "“of Afghanistan“Shahabuddin said", "“of Afghanistan” Shahabuddin said"},
    {"space-around-quote", "a space is inserted between a word and a quotation glued to it",
     "he said“We", "he said “We"},
    {"space-inside-quotes", "spaces just inside quotation marks are removed", "the authorities. ”",
     "the authorities.”"},
    {"unbalanced-quote", "flag: a quotation mark without its pair in the paragraph", "“never closed",
     "(flagged)"},
}};

constexpr std::array<OptionInfo, 1> kOptions = {{
    {"abbreviations", OptionType::kString, "abbreviations/en.txt",
     "abbreviation list, relative to the data directory"},
}};

constexpr std::string_view kOpenQuote = "\xE2\x80\x9C";   // “
constexpr std::string_view kCloseQuote = "\xE2\x80\x9D";  // ”

// Bytes where a rule can start: sentence punctuation (which looks back for a space before
// it) or the lead byte of “ ”.
constexpr std::array<bool, 256> kMayStartRule = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view(".,;:!?\xE2")) t[c] = true;
  return t;
}();

// The next position at or after i whose byte can start a rule; eight bytes at a time.
size_t SkipToRuleStart(std::string_view line, size_t i) {
  using namespace swar;
  for (; i + 8 <= line.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, line.data() + i, 8);
    uint64_t hits = BytesEqual(w, '.') | BytesEqual(w, ',') | BytesEqual(w, ';') |
                    BytesEqual(w, ':') | BytesEqual(w, '!') | BytesEqual(w, '?') |
                    BytesEqual(w, 0xE2);
    if (hits != 0) return i + static_cast<size_t>(__builtin_ctzll(hits)) / 8;
  }
  while (i < line.size() && !kMayStartRule[static_cast<unsigned char>(line[i])]) ++i;
  return i;
}

bool IsStackable(char c) { return c == '.' || c == ',' || c == ';' || c == ':'; }
bool IsSentencePunct(char c) { return IsStackable(c) || c == '!' || c == '?'; }
bool IsClosingQuoteCp(int32_t cp) { return cp == 0x201D || cp == 0x2019 || cp == '"' || cp == '\''; }
bool IsClosingCp(int32_t cp) { return IsClosingQuoteCp(cp) || cp == ')' || cp == ']'; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::unordered_set<std::string>& TldsAndExtensions() {
  static const auto* kSet = new std::unordered_set<std::string>{
      "com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "io", "co", "uk", "us",
      "de", "fr", "es", "it", "pt", "ru", "cn", "jp", "in", "af", "pk", "ir", "qa", "tr", "eu",
      "ca", "au", "br", "mx", "ar", "nl", "be", "ch", "se", "no", "dk", "fi", "pl", "cz", "tv",
      "me", "ly", "ai", "app", "dev", "news", "html", "htm", "php", "asp", "aspx", "jsp", "txt",
      "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "json", "xml", "jpg", "jpeg",
      "png", "gif", "svg", "webp", "mp3", "mp4", "avi", "mov", "zip", "gz", "tar", "rar", "exe",
      "py", "js", "cpp", "h", "md",
      // newer generic domains that also occur as brand names ("Mixi.Media")
      "media", "online", "site", "store", "shop", "blog", "live", "tech", "cloud", "digital"};
  return *kSet;
}

// Letters of scripts that put spaces between words and quotation marks (Latin, Greek,
// Cyrillic, Armenian) and digits. Korean particles and Chinese or Japanese text attach to
// quotation marks ("잘못이냐”고"), so glued quotes there are left alone.
bool IsSpacedWordChar(int32_t cp) {
  return utf8::IsDigit(cp) || (utf8::IsLetter(cp) && cp < 0x0590);
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t'; }

// The run of non-space bytes around pos.
std::string_view TokenAround(std::string_view line, size_t pos) {
  size_t b = pos, e = pos;
  while (b > 0 && !IsAsciiSpace(line[b - 1])) --b;
  while (e < line.size() && !IsAsciiSpace(line[e])) ++e;
  return line.substr(b, e - b);
}

// The letters that end just before pos, with the inner dots of an initialism or abbreviation
// ("U.S", "p.m", "e.g": letter groups of at most two letters). A longer group before a dot
// ends the word there, so "Kabul.Taliban" gives "Taliban": whether a dot counts must not
// depend on whether an earlier dot got its space in the same pass.
std::string_view WordBefore(std::string_view line, size_t pos) {
  // Start of the run of letters ending at `end`.
  auto group_start = [&](size_t end) {
    size_t b = end;
    while (b > 0 && utf8::IsLetter(utf8::Previous(line, b))) b = utf8::PreviousStart(line, b);
    return b;
  };
  auto letters = [&](size_t b, size_t e) {
    size_t n = 0;
    for (size_t p = b; p < e; ++n) {
      int32_t cp;
      p += static_cast<size_t>(std::max(1, utf8::Decode(line, p, &cp)));
    }
    return n;
  };
  size_t b = group_start(pos);
  size_t last_group = letters(b, pos);
  while (last_group > 0 && last_group <= 2 && b >= 2 && line[b - 1] == '.') {
    size_t prev = group_start(b - 1);
    size_t n = letters(prev, b - 1);
    if (n == 0 || n > 2) break;
    b = prev;
    last_group = n;
  }
  return line.substr(b, pos - b);
}

class PunctuationScratch : public StageScratch {
 public:
  MultiPassBuffers buffers;
};

class PunctuationStage : public Stage {
 public:
  explicit PunctuationStage(std::unordered_set<std::string> abbreviations)
      : abbreviations_(std::move(abbreviations)) {}

  std::string_view name() const override { return "punctuation"; }
  std::span<const RuleInfo> rules() const override { return kRules; }
  std::unique_ptr<StageScratch> NewScratch() const override {
    return std::make_unique<PunctuationScratch>();
  }

  void Process(std::string_view in, StageContext& ctx) const override {
    auto& scratch = static_cast<PunctuationScratch&>(*ctx.scratch);
    // French typography puts a space before ! ? ; — given the language, or seen in the text
    // itself (so a French page whose language nobody gave keeps its spaces).
    bool french = ctx.document.language == "fr" || SpacedHighPunctuation(in);
    RunPassesToFixpoint(in, ctx, scratch.buffers, 1,
                        [&](int, std::string_view text, TextRewriter& rw) {
                          size_t start = 0;
                          while (start <= text.size()) {
                            size_t end = text.find('\n', start);
                            if (end == std::string_view::npos) end = text.size();
                            Line(text, start, end, french, rw);
                            start = end + 1;
                          }
                        });
  }

 private:
  bool IsAbbreviation(std::string_view word) const {
    if (word.size() == 1 && utf8::IsUpper(static_cast<unsigned char>(word[0]))) return true;  // initial
    return abbreviations_.count(std::string(word)) > 0;
  }

  // Whether the full stop after `word` more likely ends an abbreviation than a sentence:
  // a listed one, an initialism, or a short capitalised word ("Neb.", "Calif.", "Corp.").
  // Used only where the alternative is deleting a mark, so it errs towards keeping.
  bool LikelyAbbreviation(std::string_view word) const {
    if (IsAbbreviation(word) || word.find('.') != std::string_view::npos) return true;
    size_t letters = 0;
    for (size_t p = 0; p < word.size(); ++letters) {
      int32_t cp;
      p += static_cast<size_t>(std::max(1, utf8::Decode(word, p, &cp)));
    }
    return letters <= 5 && utf8::IsUpper(utf8::At(word, 0));
  }

  // One line: text[begin, end). Positions given to the rewriter are offsets in `text`.
  void Line(std::string_view text, size_t begin, size_t end, bool french, TextRewriter& rw) const {
    std::string_view line = text.substr(begin, end - begin);
    bool quote_open = false;
    size_t open_at = 0;
    // „…“ (German, Czech, Polish) closes with the mark English opens with: leave such lines'
    // quotes alone.
    // Looked up once per line, at its first quotation mark: looking them up at every mark
    // made a line of a thousand marks quadratic (the fuzzer found it).
    bool quotes_scanned = false, low_high_quotes = false;
    size_t first_open = std::string_view::npos, last_close = std::string_view::npos;
    for (size_t i = 0; i < line.size();) {
      // Most bytes can start no rule: skip them without a call (measured: comparing every
      // byte against the quote marks cost half the stage's time).
      i = SkipToRuleStart(line, i);
      if (i >= line.size()) break;
      char c = line[i];
      if (IsSentencePunct(c) && i > 0 && line[i - 1] == ' ') {
        size_t sp = i - 1;
        while (sp > 0 && line[sp - 1] == ' ') --sp;
        if (sp > 0 && SpaceBeforePunctApplies(line, sp, i, french))
          rw.Delete(begin + sp, begin + i, kSpaceBeforePunct, 0.95f);
      }
      if (IsStackable(c)) {
        size_t next = Stack(line, begin, i, rw);
        if (next == i + 1 && c == '.') MissingSpace(line, begin, i, rw);
        i = next;
        continue;
      }
      if (c == '!' || c == '?') {
        MissingSpace(line, begin, i, rw);
        ++i;
        continue;
      }
      // c == '\xE2': the lead byte of “ and ”
      if (!quotes_scanned) {
        quotes_scanned = true;
        low_high_quotes = line.find("\xE2\x80\x9E", i) != std::string_view::npos;
        first_open = line.find(kOpenQuote, i);
        last_close = line.rfind(kCloseQuote);
      }
      if (low_high_quotes) {
        ++i;
        continue;
      }
      if (line.compare(i, 3, kOpenQuote) == 0) {
        OpenQuote(line, begin, i, last_close, quote_open, open_at, rw);
        i += 3;
        continue;
      }
      if (line.compare(i, 3, kCloseQuote) == 0) {
        CloseQuote(line, begin, i, first_open, quote_open, rw);
        i += 3;
        continue;
      }
      ++i;
    }
    if (quote_open) {
      // By convention a quotation that goes on in the next paragraph leaves its quote open
      // there and reopens it at the start of the next one.
      size_t next = end + 1;
      while (next < text.size() && (text[next] == '\n' || text[next] == ' ')) ++next;
      if (next >= text.size() || text.compare(next, 3, kOpenQuote) != 0)
        rw.Flag(begin + open_at, begin + open_at + 3, kUnbalancedQuote, 0.5f);
    }
  }

  // Spaces line[i, j) before the mark line[j].
  // Whether the text writes ! ? ; after a space (or a no-break space) at least twice and at
  // least as often as right after a word: a convention, not debris to repair.
  static bool SpacedHighPunctuation(std::string_view text) {
    size_t spaced = 0, tight = 0;
    for (size_t i = 1; i < text.size(); ++i) {
      const char c = text[i];
      if (c != '!' && c != '?' && c != ';') continue;
      const char before = text[i - 1];
      // A mark after a spaced stack of marks ("; ;") is part of that debris, which the stack
      // rule merges into one: counted, the merged text would read otherwise, and cleaning it
      // again would change it (the fuzzer found it).
      size_t p = i - 1;
      while (p > 0 && text[p] == ' ') --p;
      if (p < i - 1 && IsSentencePunct(text[p])) continue;
      if (before == ' ' || (i >= 2 && text[i - 2] == '\xC2' && before == '\xA0') ||
          (i >= 3 && text.substr(i - 3, 3) == "\xE2\x80\xAF"))
        ++spaced;
      else if (before != '!' && before != '?' && before != '\n')
        ++tight;
    }
    return spaced >= 2 && spaced >= tight;
  }

  static bool SpaceBeforePunctApplies(std::string_view line, size_t i, size_t j, bool french) {
    char p = line[j];
    if (french && (p == ';' || p == ':' || p == '!' || p == '?')) return false;  // French spacing
    if (p == '.') {  // " ..." or " . . .": an ellipsis, or a stack that Stack() resolves first
      size_t k = j + 1;
      while (k < line.size() && line[k] == ' ') ++k;
      if (k < line.size() && line[k] == '.') return false;
    }
    int32_t before = utf8::Previous(line, i);
    if (!(utf8::IsAlnum(before) || IsClosingCp(before))) return false;
    if (j + 1 == line.size()) return true;
    int32_t after = utf8::At(line, j + 1);
    if (p == ':' && utf8::IsDigit(before)) return false;  // "3 : 2", a score
    return after == ' ' || after == '\t' || IsClosingQuoteCp(after) || after == ')' ||
           (after < 0x80 && IsSentencePunct(static_cast<char>(after)));
  }

  // Stacked marks starting at line[j]; returns where scanning continues.
  size_t Stack(std::string_view line, size_t begin, size_t j, TextRewriter& rw) const {
    std::string marks;
    size_t k = j, stack_end = j;
    while (true) {
      size_t m = k;
      while (m < line.size() && line[m] == ' ') ++m;
      if (m < line.size() && IsStackable(line[m]) && (m == k || marks.size() > 0)) {
        marks.push_back(line[m]);
        k = m + 1;
        stack_end = k;
        continue;
      }
      break;
    }
    if (marks.size() < 2) return j + 1;
    bool all_dots = marks.find_first_not_of('.') == std::string::npos;
    if (all_dots && marks.size() >= 3) return stack_end;  // an ellipsis, spaced or not
    if (j > 0 && line[j - 1] == '.') return stack_end;    // part of a longer dot run
    // Two dots in a row are an ellipsis too ("아..", "Loading..", "point,..."), except after
    // an abbreviation's own stop ("Ltd..").
    if (line.substr(j, stack_end - j).find("..") != std::string_view::npos &&
        !(marks == ".." && IsAbbreviation(WordBefore(line, j))))
      return stack_end;
    // What follows must end the stack: space, end, closing quote or bracket, or a letter
    // after a space (handled by the space rule). "1..10", "../x" and ",5" are not debris.
    int32_t after = utf8::At(line, stack_end);
    if (!(after < 0 || after == ' ' || after == '\t' || IsClosingCp(after))) return stack_end;
    if (LooksLikeAddressOrFile(TokenAround(line, j))) return stack_end;
    if (marks[0] == '.' && marks.size() == 2 && marks[1] != '.' &&
        LikelyAbbreviation(WordBefore(line, j)))
      return stack_end;  // "Inc., " "U.S.: " "R-Neb., "
    char keep = marks.find('.') != std::string::npos   ? '.'
                : marks.find(';') != std::string::npos ? ';'
                : marks.find(':') != std::string::npos ? ':'
                                                       : ',';
    rw.Replace(begin + j, begin + stack_end, std::string(1, keep), kStackedPunct, 0.9f);
    return stack_end;
  }

  // A sentence mark at line[j] glued to a capitalised word: "ministry.Read".
  void MissingSpace(std::string_view line, size_t begin, size_t j, TextRewriter& rw) const {
    size_t q = j + 1;
    int32_t next = utf8::At(line, q);
    if (next == 0x201D) return;  // .”The: the quote rules insert the space after the quote
    if (next == 0x2019) q += 3;
    else if (next == '"') q += 1;
    int32_t first = utf8::At(line, q);
    if (!utf8::IsUpper(first)) return;
    size_t second_pos = q;
    int32_t tmp;
    second_pos += static_cast<size_t>(std::max(1, utf8::Decode(line, q, &tmp)));
    if (!utf8::IsLetter(utf8::At(line, second_pos))) return;
    std::string_view word = WordBefore(line, j);
    if (word.size() < 2 || word.find('.') != std::string_view::npos) return;
    int32_t last = utf8::Previous(line, j);
    if (line[j] == '.' && !utf8::IsLower(last)) return;  // "U.S.Army", "ASP.NET"
    std::string_view token = TokenAround(line, j);
    if (LooksLikeAddressOrFile(token)) return;
    rw.Insert(begin + q, " ", kMissingSpaceAfterSentence, 0.9f);
  }

  void OpenQuote(std::string_view line, size_t begin, size_t q, size_t last_close, bool& open,
                 size_t& open_at,
                 TextRewriter& rw) const {
    int32_t prev = utf8::Previous(line, q);
    int32_t next = utf8::At(line, q + 3);
    bool prev_is_text = prev >= 0 && prev != ' ' && prev != '\t' && prev != '(' && prev != '[' &&
                        prev != 0x2014 && prev != 0x2013 && prev != 0x2018 && prev != '/';
    if (open && prev_is_text && (next < 0 || next == ' ' || utf8::IsLetter(next) ||
                                 utf8::IsPunctuation(next))) {
      // “ ... Afghanistan“Shahabuddin: the second mark closes the quotation.
      std::string fix(kCloseQuote);
      if (IsSpacedWordChar(next)) fix += ' ';
      rw.Replace(begin + q, begin + q + 3, fix, kQuoteDirection, 0.85f);
      open = false;
      return;
    }
    if (prev_is_text && (IsSpacedWordChar(prev) || prev == ',' || prev == ':'))
      rw.Insert(begin + q, " ", kSpaceAroundQuote, 0.9f);
    if (next == ' ') {
      size_t e = q + 3;
      while (e < line.size() && line[e] == ' ') ++e;
      if (e < line.size() && utf8::IsAlnum(utf8::At(line, e)) &&
          last_close != std::string_view::npos && last_close > e)
        rw.Delete(begin + q + 3, begin + e, kSpaceInsideQuotes, 0.9f);
    }
    open = true;
    open_at = q;
  }

  void CloseQuote(std::string_view line, size_t begin, size_t q, size_t first_open, bool& open,
                  TextRewriter& rw) const {
    int32_t prev = utf8::Previous(line, q);
    int32_t next = utf8::At(line, q + 3);
    if (prev == ' ' && open) {
      size_t s = q;
      while (s > 0 && line[s - 1] == ' ') --s;
      int32_t before = utf8::Previous(line, s);
      bool ends_text = utf8::IsAlnum(before) || before == '.' || before == ',' || before == '!' ||
                       before == '?';
      if (ends_text && (next < 0 || next == ' ' || utf8::IsPunctuation(next))) {
        rw.Delete(begin + s, begin + q, kSpaceInsideQuotes, 0.9f);
        prev = before;
      }
    }
    if (IsSpacedWordChar(next) && prev != ' ' && prev >= 0 && prev != '=' &&
        !LooksLikeAddressOrFile(TokenAround(line, q + 3)))  // markup: link=”http://…”
      rw.Insert(begin + q + 3, " ", kSpaceAroundQuote, 0.9f);
    if (!open && first_open == std::string_view::npos && q > 0)
      rw.Flag(begin + q, begin + q + 3, kUnbalancedQuote, 0.4f);
    open = false;
  }

  std::unordered_set<std::string> abbreviations_;
};

}  // namespace

bool LooksLikeAddressOrFile(std::string_view token) {
  // Trim quotes and brackets and sentence marks around the token.
  while (!token.empty() && std::string_view("\"'([<").find(token.front()) != std::string_view::npos)
    token.remove_prefix(1);
  while (!token.empty() &&
         std::string_view("\"').,;:!?]>").find(token.back()) != std::string_view::npos)
    token.remove_suffix(1);
  std::string lower = AsciiLower(token);
  if (lower.find("://") != std::string::npos || lower.rfind("www.", 0) == 0) return true;
  if (lower.find('/') != std::string::npos || lower.find('\\') != std::string::npos) return true;
  if (size_t at = lower.find('@'); at != std::string::npos && lower.find('.', at) != std::string::npos)
    return true;
  size_t dot = lower.rfind('.');
  if (dot == std::string::npos || dot == 0) return false;
  for (char c : lower)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  return TldsAndExtensions().count(lower.substr(dot + 1)) > 0;
}

const StageDescriptor& PunctuationStageDescriptor() {
  static const StageDescriptor kDescriptor{
      "punctuation",
      "repairs spacing and doubling of punctuation and quotation marks",
      kRules,
      kOptions,
      [](const StageOptions& options, const StageEnvironment& env)
          -> StatusOr<std::unique_ptr<Stage>> {
        auto lines = ReadDataLines(env.data_dir, options.GetString("abbreviations"));
        if (!lines.ok()) return lines.status();
        std::unordered_set<std::string> set(lines->begin(), lines->end());
        return std::unique_ptr<Stage>(std::make_unique<PunctuationStage>(std::move(set)));
      }};
  return kDescriptor;
}

}  // namespace mtclean
