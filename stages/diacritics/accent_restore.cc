// Accents restored in a language that writes them: every word of a stripped text, else the
// words the language's dictionary rejects (lexicon/accent_model.h).
#include <xxhash.h>

#include <algorithm>

#include "pipeline/utf8.h"
#include "stages/diacritics/diacritics_internal.h"

namespace mtclean {
namespace diacritics {

// `main`: the document is mostly in `lang`; then words of spans CLD2 took for English that
// English does not know ("Relacion de paquetes" in a list of English titles) are its too.
void Restore(const DiacriticsData& d, std::string_view text, const std::string& lang, bool main,
             DiacriticsScratch& s) {
  const AccentModel& model = *d.models.at(lang);
  EnglishWords* english = main ? Dictionary(d, s, "en") : nullptr;
  std::vector<char>& in_language = s.in_language;
  in_language.assign(s.words.size(), 0);
  for (size_t k = 0; k < s.words.size(); ++k) {
    if (s.word_language[k] == lang) in_language[k] = 1;
    if (english == nullptr || s.word_language[k] != "en") continue;
    std::string_view w = text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
    in_language[k] = !KnownInAnyCase(*english, w);
  }
  size_t accented = 0, counted = 0;
  for (size_t k = 0; k < s.words.size(); ++k) {
    const Word& w = s.words[k];
    if (w.end - w.begin < 2 || !in_language[k]) continue;
    ++counted;
    accented += w.ascii ? 0 : 1;
  }
  if (counted == 0) return;
  // Stripped: far fewer accents than the language writes (a short text: none at all).
  const bool stripped = counted < 8
                            ? accented == 0
                            : static_cast<double>(accented) <
                                  0.2 * TypicalAccentRate(lang) * static_cast<double>(counted);
  // The language's dictionary, opened when a word first needs it (10-30 MB), and only for
  // the document's main language: in a span of another one (a quotation, or English CLD2
  // misjudged: "Kernighan and Ritchie" read as Czech) only the word counts restore.
  auto dict = [&]() -> EnglishWords* { return main ? Dictionary(d, s, lang) : nullptr; };
  auto plain = [&](size_t k) -> std::string_view {
    // A sentence break between two words is an empty neighbour, as in the model.
    return k < s.words.size() ? s.Plain(k) : std::string_view();
  };
  // Whether word k-1 and word k are in one sentence: no sentence punctuation and no blank
  // line between them (a single line break inside a sentence is hard wrapping).
  auto joined = [&](size_t k) {
    if (k == 0 || k >= s.words.size()) return false;
    std::string_view gap = text.substr(s.words[k - 1].end, s.words[k].begin - s.words[k - 1].end);
    return gap.find_first_of(".!?;:()") == std::string_view::npos &&
           gap.find("\n\n") == std::string_view::npos;
  };
  // Words the document writes capitalised inside a sentence are names here ("Debian"):
  // where a sentence starts with one, it is the name too, not the verb "debían". (With or
  // without accents: a word this pass restores must count the same in the next run.)
  std::vector<std::string_view>& names = s.names_here;
  names.clear();
  for (size_t k = 1; k < s.words.size(); ++k)
    if (in_language[k] && utf8::IsUpper(utf8::At(text, s.words[k].begin)) && joined(k))
      names.push_back(s.Plain(k));
  std::sort(names.begin(), names.end());
  for (size_t k = 0; k < s.words.size(); ++k) {
    const Word& w = s.words[k];
    if (!w.ascii || !in_language[k]) continue;
    std::string_view original = text.substr(w.begin, w.end - w.begin);
    const std::string_view p = s.Plain(k);
    bool known = false;
    const AccentModel::FormList forms = model.AccentedForms(p, &known);
    if (known && forms.empty()) continue;  // most words ("avec"): nothing to restore
    if (!stripped) {
      // A document that kept its accents: only words the dictionary rejects.
      if (dict() == nullptr || dict()->Known(original) || dict()->Known(p)) continue;
    }
    const bool joined_before = joined(k);
    const std::string_view prev = joined_before ? plain(k - 1) : std::string_view();
    const std::string_view next = joined(k + 1) ? plain(k + 1) : std::string_view();
    // A capital where no sentence starts marks a name ("Debian").
    const bool capitalised = utf8::IsUpper(utf8::At(original, 0)) &&
                             (joined_before || std::binary_search(names.begin(), names.end(), p));
    // Decisions repeat ("de la", "a la"): cached per worker by the word and its neighbours.
    AccentModel::Choice c;
    if (forms.size() == 1) {
      c = {forms[0].form, 1.0};
    } else if (!forms.empty()) {
      std::string& key = s.key;
      key.assign(lang);
      key.append(1, '\t')
          .append(prev)
          .append(1, '\t')
          .append(p)
          .append(1, '\t')
          .append(next)
          .append(capitalised ? "\t1" : "\t0");
      const uint64_t hash = XXH3_64bits(key.data(), key.size()),
                     stored = hash | 1;  // 0 marks empty
      auto& cached = s.choice_cache[hash & (s.choice_cache.size() - 1)];
      if (cached.key != stored) cached = {stored, model.Choose(p, prev, next, capitalised)};
      c = cached.choice;
    }
    std::string form;
    double confidence = c.probability;
    if (!c.form.empty()) {
      form = std::string(c.form);
    } else if (dict() != nullptr && !dict()->Known(original) && !dict()->Known(p)) {
      form = GuessAccents(d, lang, p, *dict(), s);  // unknown to the counts: ask the dictionary
      confidence = 0.7;
    }
    if (auto u = d.unaccented.find(lang); u != d.unaccented.end() && u->second.count(form) > 0)
      form = std::string(p);
    if (form.empty() || form == p) continue;
    std::string replacement = WithCaseOf(original, form);
    const uint16_t rule = stripped ? kRestoreStripped : kRestoreWord;
    if (stripped || confidence >= d.min_confidence)
      s.pending.push_back({w.begin, w.end, std::move(replacement), rule,
                           static_cast<float>(std::max(confidence, 0.5))});
    else
      s.pending.push_back({w.begin, w.end, "", kUncertain, static_cast<float>(confidence)});
  }
}

// The one spelling with one or two accented letters that the dictionary knows, or "".
// Only accents the counts write between the same letters are tried (AccentAttested): a
// dictionary look-up of a new word costs microseconds, and unknown words are mostly
// names and commands that take none.
std::string GuessAccents(const DiacriticsData& d, const std::string& lang,
                         std::string_view plain_view, EnglishWords& dict, DiacriticsScratch& s) {
  const std::string plain(plain_view);
  const std::string key = lang + '\t' + plain;
  auto cached = s.restore_cache.find(key);
  if (cached != s.restore_cache.end()) return cached->second;
  const AccentModel& model = *d.models.at(lang);
  std::vector<int32_t> letters;  // of `plain`
  utf8::CodePoints(plain, &letters);
  // Each (position, accented letter) the counts attest, then spellings of one or two.
  std::vector<std::pair<size_t, int32_t>> options;
  for (size_t i = 0; i < letters.size(); ++i)
    for (const auto& a : AccentedLetters(lang)) {
      if (letters[i] != a.base) continue;
      const int32_t accented = utf8::At(a.letter, 0);
      if (model.AccentAttested(i > 0 ? letters[i - 1] : 0, accented,
                               i + 1 < letters.size() ? letters[i + 1] : 0))
        options.emplace_back(i, accented);
    }
  auto spelled = [&](std::initializer_list<std::pair<size_t, int32_t>> changes) {
    std::string out;
    for (size_t i = 0; i < letters.size(); ++i) {
      int32_t cp = letters[i];
      for (const auto& [at, accented] : changes)
        if (at == i) cp = accented;
      utf8::Append(&out, cp);
    }
    return out;
  };
  std::vector<std::string> found;
  for (const auto& o : options)
    if (std::string v = spelled({o}); dict.Known(v)) found.push_back(std::move(v));
  if (found.empty() && options.size() <= 40)  // two accented letters ("deja" -> "déjà")
    for (size_t x = 0; x < options.size() && found.size() < 2; ++x)
      for (size_t y = x + 1; y < options.size() && found.size() < 2; ++y)
        if (options[x].first != options[y].first)
          if (std::string v = spelled({options[x], options[y]}); dict.Known(v))
            found.push_back(std::move(v));
  std::string answer = found.size() == 1 ? found[0] : "";
  if (s.restore_cache.size() > kMaxCacheEntries) s.restore_cache.clear();
  s.restore_cache.emplace(key, answer);
  return answer;
}

}  // namespace diacritics
}  // namespace mtclean
