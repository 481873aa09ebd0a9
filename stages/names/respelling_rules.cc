#include "stages/names/respelling_rules.h"

#include <algorithm>
#include <array>

#include "lexicon/gazetteer.h"

namespace mtclean {

size_t Levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string NameLetters(std::string_view folded) {
  std::string out;
  for (char c : folded)
    if (c != ' ' && c != '-' && c != '\'') out.push_back(c);
  return out;
}

bool SameNameRomanised(std::string_view a, std::string_view b) {
  const std::string x = NameLetters(a), y = NameLetters(b);
  if (Skeleton(x) == Skeleton(y)) return true;
  const size_t shorter = std::min(x.size(), y.size());
  return shorter >= 4 && Levenshtein(x, y) <= std::min<size_t>(3, shorter / 2);
}

Derivation Derive(std::string_view english, std::string_view source,
                  std::span<const RulePairs::value_type> rules, size_t distinctive_rules,
                  int budget) {
  const size_t n = english.size(), m = source.size();
  std::vector<Derivation> best((n + 1) * (m + 1));
  auto at = [&](size_t i, size_t j) -> Derivation& { return best[i * (m + 1) + j]; };
  at(0, 0) = {0, 0};
  auto better = [](const Derivation& a, const Derivation& b) {  // is a better than b?
    if (b.applications < 0) return true;
    return a.applications < b.applications ||
           (a.applications == b.applications && a.distinctive > b.distinctive);
  };
  for (size_t i = 0; i <= n; ++i)
    for (size_t j = 0; j <= m; ++j) {
      Derivation d = at(i, j);
      if (d.applications < 0) continue;
      auto relax = [&](size_t i2, size_t j2, Derivation c) {
        if (i2 <= n && j2 <= m && c.applications <= budget && better(c, at(i2, j2))) at(i2, j2) = c;
      };
      if (i < n && j < m && english[i] == source[j]) relax(i + 1, j + 1, d);
      for (size_t r = 0; r < rules.size(); ++r) {
        const auto& [e, s] = rules[r];
        if (english.substr(i, e.size()) == e && source.substr(j, s.size()) == s)
          relax(i + e.size(), j + s.size(),
                {d.applications + 1, d.distinctive + (r < distinctive_rules ? 1 : 0)});
      }
    }
  return at(n, m);
}

void ReverseVariants(const std::string& source, const RulePairs& rules, size_t distinctive,
                     int max_rules, size_t cap, std::vector<std::string>* out) {
  // Breadth first: every spelling one rule away, then two, ... so that a cap never hides a
  // close spelling behind far ones. Each level applies its rule after the previous one.
  // (The cap is each language's own: one language's many variants leave the next its share.)
  // A level's spellings are those of `out` it added (by index: `out` grows as they are
  // read), each with the position its rules resume from.
  constexpr size_t kSource = static_cast<size_t>(-1);
  const size_t limit = out->size() + cap;
  const size_t count = std::min(distinctive, rules.size());
  // The rules by the first letter they replace, each letter's in rule order: a position tries
  // only the rules that can apply there (the same ones, in the same order, as trying all).
  // Letter c's rules are by_first[first_begin[c], first_begin[c + 1]).
  std::array<uint32_t, 257> first_begin{};
  for (size_t r = 0; r < count; ++r)
    if (!rules[r].second.empty()) ++first_begin[static_cast<unsigned char>(rules[r].second[0]) + 1];
  for (size_t c = 0; c < 256; ++c) first_begin[c + 1] += first_begin[c];
  thread_local std::vector<uint32_t> by_first;
  by_first.resize(first_begin[256]);
  std::array<uint32_t, 256> fill{};
  std::copy(first_begin.begin(), first_begin.begin() + 256, fill.begin());
  for (size_t r = 0; r < count; ++r)
    if (!rules[r].second.empty())
      by_first[fill[static_cast<unsigned char>(rules[r].second[0])]++] = static_cast<uint32_t>(r);
  thread_local std::vector<std::pair<size_t, size_t>> level, next;  // (index in out, resume)
  level.assign(1, {kSource, 0});
  for (int depth = 0; depth < max_rules && !level.empty(); ++depth) {
    next.clear();
    for (const auto& [index, from] : level) {
      for (size_t pos = from;; ++pos) {
        const std::string& spelling = index == kSource ? source : (*out)[index];
        if (pos >= spelling.size()) break;
        const auto letter = static_cast<unsigned char>(spelling[pos]);
        for (uint32_t k = first_begin[letter]; k < first_begin[letter + 1]; ++k) {
          const std::string& at =
              index == kSource ? source : (*out)[index];  // `out` may have grown
          const auto& [e, src] = rules[by_first[k]];
          if (at.compare(pos, src.size(), src) != 0) continue;
          std::string v;
          v.reserve(at.size() + e.size());
          v.append(at, 0, pos).append(e).append(at, pos + src.size());
          out->push_back(std::move(v));
          next.emplace_back(out->size() - 1, pos + e.size());
          if (out->size() >= limit) return;
        }
      }
    }
    level.swap(next);
  }
}

StatusOr<RulePairs> ParseRules(const std::vector<std::string>& lines, const std::string& path) {
  RulePairs rules;
  for (const std::string& l : lines) {
    size_t tab = l.find('\t');
    if (tab == std::string::npos)
      return Status::Error(path + ": expected english<TAB>source in '" + l + "'");
    // Folded like the text it is matched against ("ï" -> "i").
    rules.emplace_back(FoldName(l.substr(0, tab)), FoldName(l.substr(tab + 1)));
  }
  return rules;
}

}  // namespace mtclean
