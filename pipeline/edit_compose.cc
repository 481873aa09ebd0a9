#include "pipeline/edit_compose.h"

#include <algorithm>
#include <string>

namespace mtclean {
namespace {

struct Span {
  size_t begin, end;
  bool empty() const { return begin == end; }
};

// Whether an edit's span in B must merge with a cluster's span in B. Non-empty spans merge
// only when they share bytes; an empty span (a pure insertion or deletion point) merges with
// anything it touches, since its position relative to the other edit would be ambiguous.
bool Interacts(Span s, Span cluster) {
  if (s.empty() || cluster.empty()) return s.begin <= cluster.end && cluster.begin <= s.end;
  return std::max(s.begin, cluster.begin) < std::min(s.end, cluster.end);
}

}  // namespace

void ComposeEdits(const std::vector<Edit>& first, const std::vector<Edit>& second,
                  std::vector<Edit>* out) {
  out->clear();
  out->reserve(first.size() + second.size());
  size_t i = 0, j = 0;
  // For positions outside any edit: b = a + shift1, c = b + shift2 (as signed offsets).
  long long shift1 = 0, shift2 = 0;
  auto span1 = [&](size_t k) { return Span{first[k].out_begin, first[k].out_end}; };
  auto span2 = [&](size_t k) { return Span{second[k].in_begin, second[k].in_end}; };
  auto delta1 = [&](size_t k) {
    return static_cast<long long>(first[k].out_end - first[k].out_begin) -
           static_cast<long long>(first[k].in_end - first[k].in_begin);
  };
  auto delta2 = [&](size_t k) {
    return static_cast<long long>(second[k].out_end - second[k].out_begin) -
           static_cast<long long>(second[k].in_end - second[k].in_begin);
  };

  while (i < first.size() || j < second.size()) {
    bool seed_first = j >= second.size() ||
                      (i < first.size() && span1(i).begin <= span2(j).begin);
    Span cluster = seed_first ? span1(i) : span2(j);
    size_t i0 = i, j0 = j;
    if (seed_first) ++i; else ++j;
    // A cluster grows only across the two lists: two edits of the same list never merge
    // with each other unless an edit of the other list joins them.
    for (bool grew = true; grew;) {
      grew = false;
      if (i < first.size() && (j > j0) && Interacts(span1(i), cluster)) {
        cluster.end = std::max(cluster.end, span1(i).end);
        ++i;
        grew = true;
      }
      if (j < second.size() && (i > i0) && Interacts(span2(j), cluster)) {
        cluster.end = std::max(cluster.end, span2(j).end);
        ++j;
        grew = true;
      }
    }
    long long shift1_before = shift1, shift2_before = shift2;
    for (size_t k = i0; k < i; ++k) shift1 += delta1(k);
    for (size_t k = j0; k < j; ++k) shift2 += delta2(k);

    Edit e;
    if (j == j0) {  // only an edit of `first`: its output moves by shift2
      e = first[i0];
      e.out_begin = static_cast<size_t>(static_cast<long long>(e.out_begin) + shift2_before);
      e.out_end = static_cast<size_t>(static_cast<long long>(e.out_end) + shift2_before);
    } else if (i == i0) {  // only an edit of `second`: its input maps back by shift1
      e = second[j0];
      e.in_begin = static_cast<size_t>(static_cast<long long>(e.in_begin) - shift1_before);
      e.in_end = static_cast<size_t>(static_cast<long long>(e.in_end) - shift1_before);
    } else {  // a merge
      const Edit& last2 = second[j - 1];
      e = last2;
      e.in_begin = (first[i0].out_begin == cluster.begin)
                       ? first[i0].in_begin
                       : static_cast<size_t>(static_cast<long long>(cluster.begin) - shift1_before);
      e.in_end = (first[i - 1].out_end == cluster.end)
                     ? first[i - 1].in_end
                     : static_cast<size_t>(static_cast<long long>(cluster.end) - shift1);
      e.out_begin = (second[j0].in_begin == cluster.begin)
                        ? second[j0].out_begin
                        : static_cast<size_t>(static_cast<long long>(cluster.begin) + shift2_before);
      e.out_end = (last2.in_end == cluster.end)
                      ? last2.out_end
                      : static_cast<size_t>(static_cast<long long>(cluster.end) + shift2);
      for (size_t k = i0; k < i; ++k) {
        e.confidence = std::min(e.confidence, first[k].confidence);
        e.merged_stages |= first[k].merged_stages;
        if (first[k].stage != e.stage) e.merged_stages |= 1u << (first[k].stage & 31);
      }
      for (size_t k = j0; k < j; ++k) e.confidence = std::min(e.confidence, second[k].confidence);
    }
    out->push_back(e);
  }
}

size_t MapToInput(const std::vector<Edit>& edits, size_t pos, bool is_end) {
  // The last edit whose output starts at or before pos.
  auto it = std::upper_bound(edits.begin(), edits.end(), pos,
                             [](size_t p, const Edit& e) { return p < e.out_begin; });
  if (it == edits.begin()) return pos;
  const Edit& e = *std::prev(it);
  if (pos >= e.out_end) return e.in_end + (pos - e.out_end);  // unchanged text after it
  return is_end ? e.in_end : e.in_begin;
}

std::string CheckEditInvariants(const std::vector<Edit>& edits, std::string_view a,
                                std::string_view b) {
  size_t a_pos = 0, b_pos = 0;
  for (size_t k = 0; k < edits.size(); ++k) {
    const Edit& e = edits[k];
    std::string where = "edit " + std::to_string(k) + ": ";
    if (e.in_begin > e.in_end || e.out_begin > e.out_end) return where + "inverted span";
    if (e.in_end > a.size() || e.out_end > b.size()) return where + "out of bounds";
    if (e.in_begin < a_pos || e.out_begin < b_pos) return where + "unsorted or overlapping";
    if (e.in_begin - a_pos != e.out_begin - b_pos ||
        a.substr(a_pos, e.in_begin - a_pos) != b.substr(b_pos, e.out_begin - b_pos))
      return where + "text between edits differs";
    a_pos = e.in_end;
    b_pos = e.out_end;
  }
  if (a.substr(a_pos) != b.substr(b_pos)) return "text after the last edit differs";
  return {};
}

}  // namespace mtclean
