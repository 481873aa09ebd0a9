#include "stages/unicode/mojibake.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include <unicode/uchar.h>

#include "pipeline/utf8.h"
#include "stages/unicode/badness.h"

namespace mtclean::mojibake {
namespace {

constexpr int32_t kReplacement = 0xFFFD;
constexpr int kContext = 3;  // characters of context each side when judging a change

bool IsContinuation(int b) { return b >= 0x80 && b <= 0xBF; }

// UTF-8 sequence length a lead byte announces; 0 if b is not a lead byte.
int SequenceLength(int b) { return b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0; }

// The code point of a complete sequence, or -1 (overlong, surrogate, out of range).
int32_t DecodeSequence(const uint8_t* b, int len) {
  std::string_view s(reinterpret_cast<const char*>(b), static_cast<size_t>(len));
  int32_t cp;
  return utf8::Decode(s, 0, &cp) == len ? cp : -1;
}

// Whether a decoded character can be text at all: controls, unassigned code points,
// noncharacters and private use never are.
bool IsText(int32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return false;  // C1 stays: a step of double mojibake via Latin-1
  if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return false;
  int8_t type = u_charType(cp);
  return type != U_UNASSIGNED && type != U_PRIVATE_USE_CHAR;
}

// One character of a run, as a byte of some code page.
struct Slot {
  int byte = -1;              // the byte, -1 when the code page cannot write the character
  bool space_wild = false;    // a space that may stand for a lost byte A0
  bool lost_wild = false;     // U+FFFD that may stand for an undefined byte
};

struct DecodeResult {
  std::vector<int32_t> cps;
  bool changed = false, lossy = false, cesu = false;
};

// The bytes a slot can be at continuation position `index` of a sequence led by `lead`.
void SlotBytes(const Slot& s, CodePage page, std::vector<uint8_t>* out) {
  out->clear();
  if (IsContinuation(s.byte)) out->push_back(static_cast<uint8_t>(s.byte));
  if (s.space_wild) out->push_back(0xA0);
  if (s.lost_wild)
    for (uint8_t b : UndefinedContinuationBytes(page)) out->push_back(b);
}

// Decodes the run `in` through `page`: every lead byte followed by the continuation bytes
// it needs becomes the character they encode; everything else stays as it is.
// `before` and `after` are the characters around the run (a space consumed as A0 before a word is kept as
// the word's separator when the decoded letter ends a word).
DecodeResult DecodeThrough(CodePage page, std::span<const int32_t> in, int32_t before, int32_t after) {
  const bool nbsp = Info(page).a0_is_nbsp;
  const bool undefined = !UndefinedContinuationBytes(page).empty();
  std::vector<Slot> slots(in.size());
  for (size_t k = 0; k < in.size(); ++k) {
    int32_t cp = in[k];
    Slot& s = slots[k];
    if (cp == ' ') {
      s.byte = 0x20;
      s.space_wild = nbsp;
    } else if (cp == kReplacement) {
      s.lost_wild = undefined;
    } else {
      uint8_t b = EncodeByte(page, cp);
      s.byte = b == 0 ? -1 : b;
    }
  }
  DecodeResult r;
  std::vector<uint8_t> options[3];
  for (size_t k = 0; k < in.size();) {
    int len = SequenceLength(slots[k].byte);
    bool decoded = false;
    if (len > 0 && k + static_cast<size_t>(len) <= in.size()) {
      const int lead = slots[k].byte;
      bool lost = false;
      for (int j = 1; j < len; ++j) {
        const Slot& s = slots[k + static_cast<size_t>(j)];
        SlotBytes(s, page, &options[j - 1]);
        lost |= s.lost_wild && !IsContinuation(s.byte);
      }
      // CESU-8: a surrogate pair written as two three-byte sequences ("í ½í¸€"). A lost
      // byte is not guessed inside one.
      if (lead == 0xED && k + 6 <= in.size() && slots[k + 3].byte == 0xED && !slots[k + 1].lost_wild &&
          !slots[k + 4].lost_wild) {
        std::vector<uint8_t> low, last;
        SlotBytes(slots[k + 4], page, &low);
        SlotBytes(slots[k + 5], page, &last);
        char pair[6] = {'\xED', 0, 0, '\xED', 0, 0};
        int32_t cp = -1;
        for (uint8_t b1 : options[0])
          for (uint8_t b2 : options[1])
            for (uint8_t b4 : low)
              for (uint8_t b5 : last) {
                if (cp >= 0) continue;
                pair[1] = static_cast<char>(b1), pair[2] = static_cast<char>(b2);
                pair[4] = static_cast<char>(b4), pair[5] = static_cast<char>(b5);
                if (DecodeCesuPair(std::string_view(pair, 6), 0, &cp) != 6) cp = -1;
              }
        if (cp >= 0) {
          r.cps.push_back(cp);
          r.cesu = r.changed = true;
          k += 6;
          continue;
        }
      }
      // Every way the slots can be filled; a lost byte leaves several.
      std::vector<int32_t> found;
      uint8_t bytes[4] = {static_cast<uint8_t>(lead), 0, 0, 0};
      size_t n1 = options[0].size(), n2 = len > 2 ? options[1].size() : 1,
             n3 = len > 3 ? options[2].size() : 1;
      for (size_t a = 0; a < n1; ++a)
        for (size_t b = 0; b < n2; ++b)
          for (size_t c = 0; c < n3; ++c) {
            bytes[1] = options[0][a];
            if (len > 2) bytes[2] = options[1][b];
            if (len > 3) bytes[3] = options[2][c];
            int32_t cp = DecodeSequence(bytes, len);
            if (cp >= 0 && IsText(cp) && std::find(found.begin(), found.end(), cp) == found.end())
              found.push_back(cp);
          }
      if (!found.empty()) {
        int32_t cp = found[0];
        if (lost) {
          // A lost byte: the one common character it could have been that fits best after
          // the character before, or U+FFFD for the whole sequence (the rest of it was not
          // text either).
          int32_t prev = r.cps.empty() ? before : r.cps.back();
          int best_score = 1 << 20, count = 0;
          for (int32_t f : found) {
            if (!IsCommonCharacter(f)) continue;
            const int32_t pair[2] = {prev < 0 ? ' ' : prev, f};
            int score = Badness(pair, 1, 2);
            if (score < best_score) best_score = score, cp = f, count = 0;
            if (score == best_score) ++count;
          }
          if (count != 1) cp = kReplacement;
          r.lossy = true;
        } else if (found.size() > 1) {
          cp = -1;  // cannot happen without a lost byte; be safe
        }
        // A space read as A0 that ends the run, before a word: "HoÃ n" is "Hoàn", but
        // "voilÃ le" is "voilà le" whose two spaces were collapsed. A lower-case letter
        // could be either: leave it.
        const size_t end = k + static_cast<size_t>(len);
        const bool ambiguous_space = slots[end - 1].space_wild && slots[end - 1].byte == 0x20 &&
                                     end == in.size() && cp >= 0 && utf8::IsLower(cp) && after >= 0 && after < 0x80 &&
                                     utf8::IsAlnum(after);
        if (cp >= 0 && !ambiguous_space) {
          r.cps.push_back(cp);
          k = end;
          decoded = true;
        }
      }
    }
    if (decoded) {
      r.changed = true;
      continue;
    }
    r.cps.push_back(in[k]);
    ++k;
  }
  return r;
}

// Up to kContext code points before `begin` and after `end`.
void Context(std::string_view text, size_t begin, size_t end, std::vector<int32_t>* before,
             std::vector<int32_t>* after) {
  before->clear();
  after->clear();
  size_t p = begin;
  for (int i = 0; i < kContext && p > 0; ++i) {
    size_t q = utf8::PreviousStart(text, p);
    int32_t cp = utf8::At(text, q);
    before->insert(before->begin(), cp < 0 ? kReplacement : cp);
    p = q;
  }
  p = end;
  for (int i = 0; i < kContext && p < text.size(); ++i) {
    int32_t cp;
    int n = utf8::Decode(text, p, &cp);
    after->push_back(n > 0 ? cp : kReplacement);
    p += static_cast<size_t>(n > 0 ? n : -n);
  }
}

// Badness of `run` in its context, over the part that differs from the other version
// (the first `prefix` and last `suffix` characters are shared).
int LocalBadness(const std::vector<int32_t>& before, std::span<const int32_t> run,
                 const std::vector<int32_t>& after, size_t prefix, size_t suffix) {
  std::vector<int32_t> w(before);
  w.insert(w.end(), run.begin(), run.end());
  w.insert(w.end(), after.begin(), after.end());
  return Badness(w, before.size() + prefix, before.size() + run.size() - suffix);
}

size_t CommonPrefix(std::span<const int32_t> a, std::span<const int32_t> b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

size_t CommonSuffix(std::span<const int32_t> a, std::span<const int32_t> b, size_t prefix) {
  size_t n = 0;
  while (n + prefix < a.size() && n + prefix < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
  return n;
}

// Whether code page `page` could turn two neighbours into (part of) one sequence.
uint16_t PairPages(int32_t a, int32_t b) {
  uint16_t lead = LeadPages(a);
  if (lead == 0) return 0;
  uint16_t cont = ContinuationPages(b);
  if (b == ' ') cont |= PagesWithNbspA0();
  if (b == kReplacement) cont |= PagesWithUndefinedBytes();
  return lead & cont;
}

}  // namespace

int32_t Cp1252ToUnicode(uint8_t byte) {
  if (byte < 0x80) return byte;
  int32_t cp = DecodeByte(CodePage::kCp1252, byte);
  return cp >= 0x80 && cp <= 0x9F ? -1 : cp;
}

int DecodeCesuPair(std::string_view s, size_t pos, int32_t* cp) {
  if (pos + 6 > s.size()) return 0;
  auto b = [&](size_t i) { return static_cast<uint8_t>(s[pos + i]); };
  if (b(0) != 0xED || b(1) < 0xA0 || b(1) > 0xAF || !IsContinuation(b(2)) || b(3) != 0xED ||
      b(4) < 0xB0 || b(4) > 0xBF || !IsContinuation(b(5)))
    return 0;
  int32_t hi = 0xD000 | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  int32_t lo = 0xD000 | ((b(4) & 0x3F) << 6) | (b(5) & 0x3F);
  *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
  return 6;
}

CandidateRun FindCandidateRun(std::string_view text, size_t pos) {
  CandidateRun run;
  size_t end = pos;
  int32_t prev = -1;
  uint16_t pages = 0;
  // A long run (a paragraph of Cyrillic mojibake) is judged in pieces that end at a space,
  // which keeps the work per byte bounded.
  constexpr size_t kLongRun = 1024;
  while (end < text.size()) {
    if (end - pos >= kLongRun && text[end] == ' ') break;
    int32_t cp;
    int n = utf8::Decode(text, end, &cp);
    if (n <= 0) break;
    if (cp == ' ') {
      // One space after a non-ASCII character: maybe a no-break space that became a space.
      if (prev < 0x80) break;
      uint16_t here = PairPages(prev, cp);
      int32_t next = utf8::At(text, end + 1);
      if (next < 0x80) {  // it ends the run, and belongs to it only if it may be A0
        if (here != 0) ++end;
        pages |= here;
        break;
      }
      pages |= here;
    } else if (cp < 0x80) {
      break;
    } else if (prev >= 0) {
      pages |= PairPages(prev, cp);
    }
    prev = cp;
    end += static_cast<size_t>(n);
  }
  run.length = end - pos;
  run.possible = pages != 0;
  return run;
}

RunRepair RepairRun(std::string_view text, size_t begin, size_t end, uint16_t preferred_pages) {
  RunRepair result;
  struct Node {
    std::vector<int32_t> cps;
    CodePage page = CodePage::kCp1252;  // of the first decoding
    bool lossy = false, cesu = false;
    int bad = 0;                        // of the whole run, lost bytes not counted
  };
  Node orig;
  utf8::CodePoints(text.substr(begin, end - begin), &orig.cps);
  if (orig.cps.size() < 2 || std::find(orig.cps.begin(), orig.cps.end(), -1) != orig.cps.end()) return result;
  std::vector<int32_t> before, after;
  Context(text, begin, end, &before, &after);
  const int32_t next = after.empty() ? -1 : after[0];
  const int32_t prev = before.empty() ? -1 : before.back();
  const auto fffd = [](std::span<const int32_t> v) {
    return static_cast<int>(std::count(v.begin(), v.end(), kReplacement));
  };
  orig.bad = LocalBadness(before, orig.cps, after, 0, 0) - fffd(orig.cps);
  if (orig.bad <= 0) return result;  // nothing odd: correct text, whatever it could decode to
  result.odd = true;

  // Breadth first over decodings: a double encoding is undone at depth 2, and its first step
  // may look no better than the original ("Г°ЕёЛњ" -> "ðŸ˜" -> an emoji).
  constexpr int kMaxDepth = 3;
  constexpr size_t kMaxLevel = 8;
  std::vector<Node> level{orig};
  for (int depth = 1; depth <= kMaxDepth; ++depth) {
    std::vector<Node> found;
    for (const Node& node : level) {
      // Only the code pages that could join two of its neighbours into one sequence.
      uint16_t pages = 0;
      for (size_t i = 1; i < node.cps.size(); ++i) pages |= PairPages(node.cps[i - 1], node.cps[i]);
      for (int p = 0; p < kNumCodePages; ++p) {
        if (!(pages & (1u << p))) continue;
        CodePage page = static_cast<CodePage>(p);
        DecodeResult c = DecodeThrough(page, node.cps, prev, next);
        if (!c.changed || c.cps == node.cps || c.cps == orig.cps) continue;
        if (std::any_of(found.begin(), found.end(), [&](const Node& f) { return f.cps == c.cps; })) continue;
        Node n;
        n.cps = std::move(c.cps);
        n.page = depth == 1 ? page : node.page;
        n.lossy = node.lossy || c.lossy;
        n.cesu = node.cesu || c.cesu;
        n.bad = LocalBadness(before, n.cps, after, 0, 0) - fffd(n.cps);
        found.push_back(std::move(n));
      }
    }
    if (found.empty()) break;
    // A repair: less odd than the original over the run, nothing odd left where it changed
    // anything but lost bytes; the least odd wins, and two different ones tie.
    std::vector<const Node*> best;
    for (const Node& n : found) {
      if (n.bad >= orig.bad) continue;
      size_t prefix = CommonPrefix(orig.cps, n.cps);
      size_t suffix = CommonSuffix(orig.cps, n.cps, prefix);
      std::span<const int32_t> changed(n.cps.data() + prefix, n.cps.size() - prefix - suffix);
      if (LocalBadness(before, n.cps, after, prefix, suffix) > fffd(changed)) continue;
      if (!best.empty() && n.bad < best[0]->bad) best.clear();
      if (best.empty() || n.bad == best[0]->bad) best.push_back(&n);
    }
    // A tie is settled by the code pages this document's other repairs went through (a
    // page is mis-decoded one way throughout), else it is an ambiguity.
    if (best.size() > 1) {
      std::vector<const Node*> preferred;
      for (const Node* n : best)
        if (preferred_pages & (1u << static_cast<int>(n->page))) preferred.push_back(n);
      if (preferred.size() == 1) best = preferred;
    }
    if (!best.empty()) {
      if (best.size() > 1) {
        result.verdict = Verdict::kAmbiguous;
        return result;
      }
      result.verdict = Verdict::kRepair;
      result.page = best[0]->page;
      result.lossy = best[0]->lossy;
      result.cesu = best[0]->cesu;
      for (int32_t cp : best[0]->cps) utf8::Append(&result.text, cp);
      return result;
    }
    std::sort(found.begin(), found.end(), [](const Node& x, const Node& y) { return x.bad < y.bad; });
    if (found.size() > kMaxLevel) found.resize(kMaxLevel);
    level = std::move(found);
  }
  return result;
}

}  // namespace mtclean::mojibake
