// Two passes (pipeline/multi_pass.h): first every character is repaired on its own
// (encoding, invisible and odd characters, NFC), then the layout of spaces and lines.
#include "stages/unicode/unicode_stage.h"

#include <unicode/normalizer2.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "pipeline/multi_pass.h"
#include "pipeline/utf8.h"
#include "stages/unicode/html_entities.h"
#include "stages/unicode/mojibake.h"

namespace mtclean {
namespace {

enum Rule : uint16_t {
  kInvalidUtf8,
  kMojibakeFirst,  // one rule per code page, in mojibake::CodePage order
  kLossyUtf8 = kMojibakeFirst + mojibake::kNumCodePages,
  kCesu8,
  kMojibakeAmbiguous,
  kHtmlEntity,
  kC1Control,
  kControlChar,
  kInvisibleChar,
  kOddSpace,
  kLineEnding,
  kNfc,
  kFoldQuotes,
  kSpaceRun,
  kTrailingSpace,
  kBlankLines,
  kDocumentEdges,
};

constexpr std::array<RuleInfo, 25> kRules = {{
    {"invalid-utf8", "bytes that are not UTF-8: a lone byte read as Windows-1252, a broken sequence as U+FFFD",
     "caf\\xE9", "café"},
    {"mojibake-cp1252", "UTF-8 that was decoded as Windows-1252 or Latin-1, once or more",
     "JosÃ© said â€œyesâ€\\x9d", "José said “yes”"},
    {"mojibake-cp1251", "UTF-8 that was decoded as Windows-1251 (Cyrillic)", "РґРѕСЂРѕРіРµ", "дороге"},
    {"mojibake-cp1250", "UTF-8 that was decoded as Windows-1250 (Central European)", "Ř±Řł", "رس"},
    {"mojibake-cp1253", "UTF-8 that was decoded as Windows-1253 (Greek)", "Ξ±Ξ»", "αλ"},
    {"mojibake-cp1254", "UTF-8 that was decoded as Windows-1254 (Turkish)", "Ğ´Ğ°", "да"},
    {"mojibake-cp1257", "UTF-8 that was decoded as Windows-1257 (Baltic)", "Š´Š¾Š¼Š°", "дома"},
    {"mojibake-macroman", "UTF-8 that was decoded as MacRoman", "g√¢teaux", "gâteaux"},
    {"mojibake-cp437", "UTF-8 that was decoded as DOS code page 437", "caf├⌐", "café"},
    {"mojibake-koi8r", "UTF-8 that was decoded as KOI8-R", "п°п╬я│п╨п╡п╟", "Москва"},
    {"lossy-utf8", "mojibake with a lost byte: the one plausible character, or U+FFFD for the sequence",
     "Ð ÑƒÑ\\uFFFDÑ\\uFFFDÐºÐ¸Ð¹", "Ру\\uFFFD\\uFFFDкий"},
    {"cesu-8", "an emoji written as a CESU-8 surrogate pair", "\\xED\\xA0\\xBD\\xED\\xB8\\x80", "😀"},
    {"mojibake-ambiguous", "flag: two code pages give different plausible repairs; left as it is", "", ""},
    {"html-entity", "an HTML character reference left in text (not in markup)", "AT&amp;T &#8217;", "AT&T ’"},
    {"c1-control", "a C1 control where a Windows-1252 character was meant", "it\\u0092s", "it’s"},
    {"control-char", "control characters other than tab and newline are removed", "a\\u0000b", "ab"},
    {"invisible-char", "zero-width spaces, soft hyphens, byte-order marks, stray bidi controls are removed",
     "Ka\\u200Bbul", "Kabul"},
    {"odd-space", "no-break, thin, ideographic and other odd spaces become a plain space", "10\\u00A0km",
     "10 km"},
    {"line-ending", "CR LF, CR and Unicode line separators become LF", "a\\r\\nb", "a\\nb"},
    {"nfc", "Unicode canonical composition (NFC)", "Jose\\u0301", "José"},
    {"fold-quotes", "curly quotes become straight ones (only with fold_quotes=true)", "“it’s”",
     "\"it's\""},
    {"space-run", "a run of spaces inside a line becomes one space", "the  city", "the city"},
    {"trailing-space", "spaces at the end of a line are removed", "end.  \\n", "end.\\n"},
    {"blank-lines", "more than max_blank_lines empty lines in a row are collapsed", "a\\n\\n\\n\\nb",
     "a\\n\\nb"},
    {"document-edges", "blank lines at the start and end of the document are removed, one final newline kept",
     "\\n\\ntext\\n\\n", "text\\n"},
}};

constexpr std::array<OptionInfo, 3> kOptions = {{
    {"fold_quotes", OptionType::kBool, "false", "turn curly quotes and apostrophes into ASCII ones"},
    {"collapse_spaces", OptionType::kBool, "true", "collapse runs of spaces inside a line"},
    {"max_blank_lines", OptionType::kInt, "1", "empty lines allowed in a row (-1: keep all)"},
}};

constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = true;
  t['\n'] = t['\t'] = true;
  t['&'] = false;  // may start an HTML character reference
  return t;
}();

// Printable ASCII but '&', tab and newline need nothing from the character pass. Skips them
// eight bytes at a time while no byte has its high bit set or is below 0x20 or is DEL or '&'
// (measured: about twice as fast as a byte loop on English news).
size_t SkipPlainBytes(std::string_view s, size_t pos) {
  while (true) {
    while (pos + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + pos, 8);
      if (((w & swar::kHigh) | swar::BytesBelow(w, 0x20) | swar::BytesEqual(w, 0x7F) |
           swar::BytesEqual(w, '&')) != 0)
        break;
      pos += 8;
    }
    size_t stop = std::min(s.size(), pos + 8);
    while (pos < stop && kPlainByte[static_cast<unsigned char>(s[pos])]) ++pos;
    if (pos < stop || pos >= s.size()) return pos;
  }
}

// First position in [from, to) where two spaces follow each other, or `to`. Eight bytes at
// a time: std::string_view::find("  ") stops at every single space (measured: its memchr
// calls were 13% of a CLI run).
size_t FindDoubleSpace(std::string_view s, size_t from, size_t to) {
  size_t i = from;
  for (; i + 9 <= to; i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t spaces = swar::BytesEqual(w, ' ');
    if (spaces == 0) continue;
    uint64_t pairs = spaces & (spaces >> 8);
    if (pairs != 0) return i + static_cast<size_t>(__builtin_ctzll(pairs)) / 8;
    if ((spaces >> 63) != 0 && s[i + 8] == ' ') return i + 7;
  }
  for (; i + 1 < to; ++i)
    if (s[i] == ' ' && s[i + 1] == ' ') return i;
  return to;
}

bool IsOddSpace(int32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool IsRtlLetter(int32_t cp) { return (cp >= 0x590 && cp <= 0x8FF) || (cp >= 0xFB1D && cp <= 0xFEFC); }

// Characters that are invisible and carry no meaning in running text. Joiners and
// direction marks do carry meaning in Arabic, Persian and Indic text and emoji, so they are
// removed only between characters that cannot use them.
bool IsRemovableInvisible(int32_t cp, int32_t prev, int32_t next) {
  switch (cp) {
    case 0x200B: case 0x2060: case 0xFEFF: case 0x00AD: case 0x180E:
    case 0x2061: case 0x2062: case 0x2063: case 0x2064:
    case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
    case 0x2066: case 0x2067: case 0x2068: case 0x2069:
      return true;
    case 0x200C: case 0x200D:  // zero-width (non-)joiner
      return (prev < 0x80) && (next < 0x80);
    case 0x200E: case 0x200F:  // left-to-right / right-to-left mark
      return !IsRtlLetter(prev) && !IsRtlLetter(next);
    default:
      return false;
  }
}

// Replaces text[begin, end) by `fixed`, leaving out the characters both share at the ends,
// so the edit covers only what changed.
void ReplaceChangedPart(std::string_view text, size_t begin, size_t end, std::string_view fixed,
                        TextRewriter& rw, uint16_t rule, float confidence) {
  std::string_view old = text.substr(begin, end - begin);
  size_t prefix = 0;
  while (prefix < old.size() && prefix < fixed.size() && old[prefix] == fixed[prefix]) ++prefix;
  while (prefix > 0 && prefix < old.size() && (static_cast<unsigned char>(old[prefix]) & 0xC0) == 0x80) --prefix;
  size_t suffix = 0;
  while (suffix < old.size() - prefix && suffix < fixed.size() - prefix &&
         old[old.size() - 1 - suffix] == fixed[fixed.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 && (static_cast<unsigned char>(old[old.size() - suffix]) & 0xC0) == 0x80) --suffix;
  rw.Replace(begin + prefix, end - suffix, fixed.substr(prefix, fixed.size() - prefix - suffix), rule, confidence);
}

class UnicodeScratch : public StageScratch {
 public:
  MultiPassBuffers buffers;
  std::string tmp;
};

class UnicodeStage : public Stage {
 public:
  explicit UnicodeStage(const StageOptions& options)
      : fold_quotes_(options.GetBool("fold_quotes")),
        collapse_spaces_(options.GetBool("collapse_spaces")),
        max_blank_lines_(options.GetInt("max_blank_lines")) {
    UErrorCode status = U_ZERO_ERROR;
    nfc_ = icu::Normalizer2::getNFCInstance(status);  // a shared, thread-safe singleton
  }

  std::string_view name() const override { return "unicode"; }
  // A run's repairs vote for the code pages of the document, and the votes guide its later
  // passes; a second run starts without them, and may still find a span to decode (bytes
  // that were invalid UTF-8, decoded through Windows-1252 one by one, then read as mojibake
  // with a lost byte: the fuzzer, tests/fuzz_corpus/regression-unicode-second-run). Run
  // until it changes nothing.
  bool idempotent() const override { return false; }
  std::span<const RuleInfo> rules() const override { return kRules; }
  std::unique_ptr<StageScratch> NewScratch() const override {
    return std::make_unique<UnicodeScratch>();
  }

  void Process(std::string_view in, StageContext& ctx) const override {
    auto& scratch = static_cast<UnicodeScratch&>(*ctx.scratch);
    uint16_t page_votes = 0;
    RunPassesToFixpoint(in, ctx, scratch.buffers, 2,
                        [&](int pass, std::string_view text, TextRewriter& rw) {
                          if (pass == 0) CharacterPass(text, rw, scratch.tmp, page_votes);
                          else LayoutPass(text, rw);
                        });
  }

 private:
  // page_votes: the code pages the document's mojibake repairs went through so far (kept
  // across the passes over one document).
  void CharacterPass(std::string_view s, TextRewriter& rw, std::string& tmp, uint16_t& page_votes) const {
    size_t pos = 0;
    size_t checked_until = 0;  // end of the last mojibake candidate run judged
    int markup = -1;           // whether the document is markup; found out at the first '&'
    while (pos < s.size()) {
      pos = SkipPlainBytes(s, pos);
      if (pos >= s.size()) break;
      const auto byte = static_cast<unsigned char>(s[pos]);
      if (byte == '\r') {
        size_t len = pos + 1 < s.size() && s[pos + 1] == '\n' ? 2 : 1;
        rw.Replace(pos, pos + len, "\n", kLineEnding, 1.0f);
        pos += len;
        continue;
      }
      if (byte == '&') {
        size_t len = html::DecodeEntity(s, pos, &tmp);
        if (len > 0 && markup < 0) markup = html::LooksLikeMarkup(s) ? 1 : 0;
        if (len > 0 && markup == 0) rw.Replace(pos, pos + len, tmp, kHtmlEntity, 0.95f);
        pos += len > 0 ? len : 1;
        continue;
      }
      if (byte < 0x80) {  // C0 controls and DEL
        rw.Delete(pos, pos + 1, kControlChar, 1.0f);
        ++pos;
        continue;
      }
      int32_t cp;
      int n = utf8::Decode(s, pos, &cp);
      if (n < 0) {
        size_t len = static_cast<size_t>(-n);
        tmp.clear();
        if (mojibake::DecodeCesuPair(s, pos, &cp) == 6) {
          utf8::Append(&tmp, cp);
          rw.Replace(pos, pos + 6, tmp, kCesu8, 0.95f);
          pos += 6;
          continue;
        }
        int32_t replacement = mojibake::InvalidSequenceReplacement(byte, len);
        utf8::Append(&tmp, replacement);
        rw.Replace(pos, pos + len, tmp, kInvalidUtf8, replacement != 0xFFFD ? 0.7f : 0.5f);
        pos += len;
        continue;
      }
      // A run is judged whole at its first character; the rest of it is not examined again
      // (that would make a long run quadratic). An odd run that cannot be repaired whole
      // is judged again word by word, once: one undecodable word keeps the others.
      if (pos >= checked_until) {
        mojibake::CandidateRun run = mojibake::FindCandidateRun(s, pos);
        const size_t run_end = pos + run.length;
        checked_until = run_end;
        if (run.possible) {
          mojibake::RunRepair whole = JudgeRun(s, pos, run_end, rw, page_votes);
          if (whole.verdict == mojibake::Verdict::kRepair) {
            pos = run_end;
            continue;
          }
          bool any = false;
          if (whole.verdict == mojibake::Verdict::kKeep && whole.odd &&
              s.substr(pos, run.length).find(' ') != std::string_view::npos) {
            for (size_t a = pos; a < run_end;) {
              size_t b = std::min(run_end, s.find(' ', a));
              if (b > a) any |= JudgeRun(s, a, b, rw, page_votes).verdict == mojibake::Verdict::kRepair;
              a = b + 1;
            }
          }
          if (any) {  // the words left get their characters looked at in the next round
            pos = run_end;
            continue;
          }
        }
      }
      size_t end = pos + static_cast<size_t>(n);
      if (cp >= 0x80 && cp <= 0x9F) {
        int32_t meant = mojibake::Cp1252ToUnicode(static_cast<uint8_t>(cp));
        tmp.clear();
        if (meant >= 0) utf8::Append(&tmp, meant);
        rw.Replace(pos, end, tmp, kC1Control, 0.8f);
      } else if (IsOddSpace(cp)) {
        rw.Replace(pos, end, " ", kOddSpace, 1.0f);
      } else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
        rw.Replace(pos, end, "\n", kLineEnding, 1.0f);
      } else if (IsRemovableInvisible(cp, utf8::Previous(s, pos), utf8::At(s, end))) {
        rw.Delete(pos, end, kInvisibleChar, 0.99f);
      } else if (fold_quotes_ && (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B)) {
        rw.Replace(pos, end, "'", kFoldQuotes, 1.0f);
      } else if (fold_quotes_ && (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F)) {
        rw.Replace(pos, end, "\"", kFoldQuotes, 1.0f);
      } else if (!nfc_->isInert(cp)) {
        // A mark that composes with the ASCII letter before it starts its segment there.
        size_t start = pos;
        if (pos > 0 && static_cast<unsigned char>(s[pos - 1]) < 0x80 && pos - 1 >= rw.cursor() &&
            !nfc_->hasBoundaryBefore(cp))
          start = pos - 1;
        pos = Normalize(s, start, rw, tmp);
        continue;
      }
      pos = end;
    }
  }

  // Judges a candidate run and writes its repair (or its ambiguity flag).
  mojibake::RunRepair JudgeRun(std::string_view s, size_t begin, size_t end, TextRewriter& rw,
                               uint16_t& page_votes) const {
    mojibake::RunRepair repair = mojibake::RepairRun(s, begin, end, page_votes);
    if (repair.verdict == mojibake::Verdict::kRepair) {
      page_votes |= static_cast<uint16_t>(1u << static_cast<int>(repair.page));
      uint16_t rule = static_cast<uint16_t>(kMojibakeFirst + static_cast<int>(repair.page));
      if (repair.cesu) rule = kCesu8;
      if (repair.lossy) rule = kLossyUtf8;
      ReplaceChangedPart(s, begin, end, repair.text, rw, rule, repair.lossy ? 0.8f : 0.95f);
    } else if (repair.verdict == mojibake::Verdict::kAmbiguous) {
      rw.Flag(begin, end, kMojibakeAmbiguous, 0.5f);
    }
    return repair;
  }

  // Normalises the segment starting at `pos` up to the next character that starts a new
  // composition; returns the end of the segment.
  size_t Normalize(std::string_view s, size_t pos, TextRewriter& rw, std::string& tmp) const {
    int32_t cp;
    int n = utf8::Decode(s, pos, &cp);
    size_t end = pos + static_cast<size_t>(n > 0 ? n : 1);
    while (end < s.size()) {
      n = utf8::Decode(s, end, &cp);
      if (n <= 0 || nfc_->hasBoundaryBefore(cp)) break;
      end += static_cast<size_t>(n);
    }
    std::string_view segment = s.substr(pos, end - pos);
    UErrorCode status = U_ZERO_ERROR;
    if (nfc_->isNormalizedUTF8(segment, status) || U_FAILURE(status)) return end;
    tmp.clear();
    icu::StringByteSink<std::string> sink(&tmp);
    status = U_ZERO_ERROR;
    nfc_->normalizeUTF8(0, segment, sink, nullptr, status);
    if (U_SUCCESS(status)) rw.Replace(pos, end, tmp, kNfc, 1.0f);
    return end;
  }

  // Spaces and line breaks. Runs of horizontal space are handled whole, so that deleting
  // one never leaves another for the next run to find.
  void LayoutPass(std::string_view s, TextRewriter& rw) const {
    size_t pos = 0;
    // Leading blank lines (and spaces on them).
    size_t first_text = pos;
    size_t last_break = std::string_view::npos;
    while (first_text < s.size() && (s[first_text] == ' ' || s[first_text] == '\n')) {
      if (s[first_text] == '\n') last_break = first_text;
      ++first_text;
    }
    if (last_break != std::string_view::npos) {
      rw.Delete(0, last_break + 1, kDocumentEdges, 1.0f);
      pos = last_break + 1;
    }
    while (pos < s.size()) {
      size_t line_end = s.find('\n', pos);
      if (line_end == std::string_view::npos) line_end = s.size();
      size_t first = pos;  // indentation is kept
      while (first < line_end && s[first] == ' ') ++first;
      size_t text_end = line_end;
      while (text_end > first && s[text_end - 1] == ' ') --text_end;
      if (collapse_spaces_) {
        for (size_t run = FindDoubleSpace(s, first, text_end); run < text_end;
             run = FindDoubleSpace(s, run, text_end)) {
          size_t run_end = run;
          while (run_end < text_end && s[run_end] == ' ') ++run_end;
          rw.Replace(run, run_end, " ", kSpaceRun, 1.0f);
          run = run_end;
        }
      }
      if (text_end < line_end && first < line_end)
        rw.Delete(text_end, line_end, kTrailingSpace, 1.0f);
      if (line_end == s.size()) {
        if (first == line_end && first > pos) rw.Delete(pos, line_end, kTrailingSpace, 1.0f);
        return;
      }
      // A run of line breaks, with any spaces on the empty lines between them.
      size_t breaks = 1, last = line_end;
      for (size_t p = line_end + 1; p < s.size() && (s[p] == ' ' || s[p] == '\n'); ++p)
        if (s[p] == '\n') {
          ++breaks;
          last = p;
        }
      size_t end = last + 1;
      bool at_end = true;
      for (size_t p = end; p < s.size() && at_end; ++p) at_end = s[p] == ' ';
      if (at_end) {
        rw.Replace(line_end, s.size(), "\n", kDocumentEdges, 1.0f);
        return;
      }
      size_t keep = breaks;
      if (max_blank_lines_ >= 0 && breaks > static_cast<size_t>(max_blank_lines_) + 1)
        keep = static_cast<size_t>(max_blank_lines_) + 1;
      if (keep != breaks || end - line_end != breaks)
        rw.Replace(line_end, end, std::string(keep, '\n'), kBlankLines, 1.0f);
      pos = end;
    }
  }

  bool fold_quotes_;
  bool collapse_spaces_;
  int64_t max_blank_lines_;
  const icu::Normalizer2* nfc_;
};

}  // namespace

const StageDescriptor& UnicodeStageDescriptor() {
  static const StageDescriptor kDescriptor{
      "unicode",
      "repairs encoding damage and normalises characters, spaces and line breaks",
      kRules,
      kOptions,
      [](const StageOptions& options, const StageEnvironment&)
          -> StatusOr<std::unique_ptr<Stage>> {
        UErrorCode status = U_ZERO_ERROR;
        icu::Normalizer2::getNFCInstance(status);
        if (U_FAILURE(status))
          return Status::Error(std::string("ICU NFC data unavailable: ") + u_errorName(status));
        return std::unique_ptr<Stage>(std::make_unique<UnicodeStage>(options));
      }};
  return kDescriptor;
}

}  // namespace mtclean
