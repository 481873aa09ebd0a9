// One name spelled several ways in a document or across the batch: the better attested
// spelling, or flags.
#include <algorithm>

#include "stages/names/names_internal.h"
#include "stages/names/respelling_rules.h"

namespace mtclean {
namespace names {

// A word repaired where its context said what it is ("X, the capital of Y") is repaired
// the same way where nothing says it ("fled from X"); it then leaves the consistency check.
void SameName(std::string_view text, NamesScratch& s,
              std::map<std::string, std::vector<size_t>>& unknown, TextRewriter& rw) {
  if (s.resolved.empty()) return;
  std::unordered_set<size_t> done;
  for (size_t w : s.unresolved) {
    const std::string_view word = text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin);
    auto it = s.resolved.find(std::string(word));
    if (it == s.resolved.end() || !done.insert(w).second) continue;
    // A repair that adds words around this one ("Wardak": "Maidan Wardak") is not made where
    // the text already has them: cleaning again must change nothing.
    const std::string_view repair = it->second;
    const size_t at = repair.find(word);
    if (at != std::string_view::npos && at <= s.words[w].begin &&
        text.substr(s.words[w].begin - at, repair.size()) == repair)
      continue;
    rw.Replace(s.words[w].begin, s.words[w].end, it->second, kSameName, 0.8f);
  }
  for (auto& [skeleton, words] : unknown)
    words.erase(
        std::remove_if(words.begin(), words.end(), [&](size_t w) { return done.count(w) > 0; }),
        words.end());
}

// Whether a source language's rules turn one spelling into the other (either way).
bool Explained(const NamesData& d, const std::string& x, const std::string& y) {
  std::string a = FoldName(x), b = FoldName(y);
  if (a == b) return false;
  // A rule of the language itself, or, in longer names, the vowel variation of
  // romanisations ("Dostom"/"Dostum"); short names that differ by a vowel ("Jong"/"Jang")
  // are as often two different names.
  const bool long_name = std::min(a.size(), b.size()) >= 6;
  for (const auto& lang : d.languages) {
    if (lang.name == kMisreadingRules) continue;  // a misreading does not make two names one
    for (const Derivation& dv : {Derive(a, b, lang.rules, lang.distinctive, 2),
                                 Derive(b, a, lang.rules, lang.distinctive, 2)})
      if (dv.distinctive > 0 || (dv.applications > 0 && long_name)) return true;
  }
  return false;
}

// One unknown name spelled several ways ("Rashid", "Rasid"): the better attested spelling
// wins when there is one, else every spelling is flagged.
void Consistency(const NamesData& d, std::string_view text, NamesScratch& s,
                 const std::map<std::string, std::vector<size_t>>& unknown, TextRewriter& rw) {
  std::vector<std::pair<size_t, std::string>> changes;  // (word, replacement)
  std::vector<size_t> flags;
  for (const auto& [skeleton, words] : unknown) {
    if (skeleton.size() < 3) continue;
    std::map<std::string, int> counts;
    for (size_t w : words)
      ++counts[std::string(text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin))];
    if (counts.size() < 2) continue;
    std::string top;
    int top_count = 0, ties = 0;
    for (const auto& [spelling, n] : counts) {
      if (n > top_count)
        top = spelling, top_count = n, ties = 0;
      else if (n == top_count)
        ++ties;
    }
    for (size_t w : words) {
      std::string spelling(text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin));
      if (spelling == top && ties == 0) continue;
      if (spelling == top) {  // a tie: compare with another spelling of the group
        for (const auto& [other, n] : counts)
          if (other != top) {
            spelling = other;
            break;
          }
        if (Explained(d, top, spelling)) flags.push_back(w);
        continue;
      }
      // Only a difference that a source language's rules explain is one name spelled two
      // ways ("Dostom"/"Dostum"); "Zelensky"/"Zelenskiy" or "XBox"/"Xbox" are left alone.
      if (!Explained(d, top, spelling)) continue;
      if (ties > 0) {
        flags.push_back(w);
      } else {
        changes.emplace_back(w, top);
      }
    }
  }
  // Edited English spells a name two ways too, a typo or an old spelling ("Grevile",
  // "Ffortescue" beside "Greville", "Fortescue" in Brown): in one document a spelling is
  // changed only where the document's names went through a translation (another language's
  // spelling of a name, or a name repaired); elsewhere it is flagged. (Across the batch the
  // batch's own counts are the evidence, below.)
  if (!s.translated_names && !s.repaired_a_name) {
    for (const auto& change : changes) flags.push_back(change.first);
    changes.clear();
  }
  // Across the batch: a name the document spells one way, which the batch spells another
  // way at least three times as often (and at least three times), takes the batch's.
  if (s.batch != nullptr) {
    for (const auto& [skeleton, words] : unknown) {
      if (skeleton.size() < 3) continue;
      const auto* group = s.batch->Group(skeleton);
      if (group == nullptr || group->size() < 2) continue;
      std::string best;
      uint32_t best_n = 0;
      for (const auto& [spelling, n] : *group)
        if (n > best_n || (n == best_n && spelling < best)) best = spelling, best_n = n;
      for (size_t w : words) {
        std::string spelling(text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin));
        auto own = group->find(spelling);
        uint32_t own_n = own == group->end() ? 0 : own->second;
        bool already = std::any_of(changes.begin(), changes.end(),
                                   [&](const auto& c) { return c.first == w; }) ||
                       std::find(flags.begin(), flags.end(), w) != flags.end();
        // Across pages only a source language's rule that writes the batch's spelling the
        // way this page does counts ("Rashid" written "Rasid"): "Jaffray" is no "Jeffrey",
        // and a spelling of another source language is no better than this one.
        if (already || spelling == best || best_n < 3 || best_n < 3 * own_n) continue;
        // "Brown" is an English word and a common name: "Broun" may be another person.
        if (KnownInAnyCase(*s.english, best)) continue;
        // The batch's spelling may itself be a broken form of a gazetteer name (every page
        // of a Spanish batch writes "Yalalabad"): then the pages are left to the gazetteer.
        bool gazetteer_near = false;
        const std::string best_folded = FoldName(best);
        for (const auto& c : d.gazetteer->FindBySkeleton(Skeleton(best_folded)))
          gazetteer_near |= c.prominence >= 5.0f && Levenshtein(FoldName(c.form), best_folded) <= 2;
        if (gazetteer_near) continue;
        bool derived = false;
        for (const auto& lang : d.languages)
          derived |= lang.name != kMisreadingRules &&
                     Derive(FoldName(best), FoldName(spelling), lang.rules, lang.distinctive, 2)
                             .distinctive > 0;
        if (!derived) continue;
        changes.emplace_back(w, best);
      }
    }
  }
  std::sort(changes.begin(), changes.end());
  for (const auto& [w, repl] : changes)
    rw.Replace(s.words[w].begin, s.words[w].end, repl, kSpellingVariant, 0.8f);
  for (size_t w : flags) rw.Flag(s.words[w].begin, s.words[w].end, kInconsistent, 0.5f);
}

}  // namespace names
}  // namespace mtclean
