// Letters English text lost with their accents ("Irn" for Irán): the word putting one back
// gives, when a source language writes it with an accent there, and the document shows the
// artefact.

#include <algorithm>

#include "pipeline/utf8.h"
#include "stages/diacritics/diacritics_internal.h"

namespace mtclean {
namespace diacritics {

const AccentModel* EnglishCounts(const DiacriticsData& d) {
  return d.english_counts ? d.english_counts->get() : nullptr;
}

void English(const DiacriticsData& d, std::string_view text, DiacriticsScratch& s) {
  EnglishWords* english = Dictionary(d, s, "en");
  if (english == nullptr) return;
  s.repaired.clear();
  s.countries_ready = false;
  NameForms(d, text, s, *english);
  std::vector<std::pair<size_t, std::string>> weak;  // (word, repair)
  std::unordered_set<std::string> sure;
  std::vector<int> votes(d.source_languages.size(), 0);  // the source language, guessed
  for (size_t k = 0; k < s.words.size(); ++k) {
    const Word& w = s.words[k];
    if (w.end - w.begin < 3 || !w.ascii || s.word_language[k] != "en") continue;
    // Acronyms ("PTI") are not words that lost a letter.
    if (w.end - w.begin >= 2 && std::isupper(static_cast<unsigned char>(text[w.begin + 1])))
      continue;
    std::string_view word = text.substr(w.begin, w.end - w.begin);
    // Most words lost nothing: one English knows (the build's list of Hunspell's forms, a
    // hash look-up; Hunspell itself for the rest) or one of the 40,000 commonest (the
    // English counts: "email" is no broken word, though Hunspell does not know it).
    if (KnownInAnyCase(*english, word) || CommonEnglish(d, word)) continue;
    if (!WholeWord(text, w)) continue;
    auto it = s.english_cache.find(std::string(word));
    if (it == s.english_cache.end()) {
      if (s.english_cache.size() > kMaxCacheEntries) s.english_cache.clear();
      it = s.english_cache.emplace(std::string(word), DroppedLetter(d, word, *english)).first;
    }
    const DropDecision& decision = it->second;
    if (decision.kind == DropDecision::kFlag) {
      // Places in several countries: the one of a country the document names.
      std::string only_place;
      int in_document = 0;
      if (!decision.places.empty()) {
        const auto& countries = DocumentCountries(d, text, s);
        for (const auto& [place, country] : decision.places)
          if (countries.count(country) > 0) only_place = place, ++in_document;
      }
      if (in_document == 1) {
        s.pending.push_back({w.begin, w.end, only_place, kDroppedLetter, 0.8f});
        s.repaired[k] = only_place;
      } else {
        s.pending.push_back({w.begin, w.end, "", kUncertain, 0.5f});
      }
    } else if (decision.kind == DropDecision::kWeak) {
      weak.emplace_back(k, decision.repair);
    } else if (decision.kind == DropDecision::kSure) {
      s.pending.push_back({w.begin, w.end, decision.repair, kDroppedLetter, 0.85f});
      s.repaired[k] = decision.repair;
      if (sure.insert(decision.repair).second)
        for (size_t l = 0; l < votes.size(); ++l) votes[l] += (decision.languages >> l) & 1;
    }
  }
  // One word alone is no evidence of the artefact: clean English has rare words and
  // quotations that look so ("statu quo", "Ibn Saud"). Repairs stand when the document
  // has at least two different ones; a lone one is flagged.
  // Unless the repair is a common English word (10,000 or more in the counts) and the
  // broken form a lower-case word of no language the stage knows ("decisin" for
  // "decision").
  if (sure.size() == 1 && !LoneRepairStands(d, *sure.begin(), text, s)) {
    for (Pending& p : s.pending)
      if (p.rule == kDroppedLetter) p = {p.begin, p.end, "", kUncertain, 0.6f};
    s.repaired.clear();
  }
  // A document with two different sure repairs shows the artefact: words English knows
  // but rarely writes ("Pars") may be broken too, when the language the other repairs
  // came from (the guessed source language) spells them with the accent.
  if (sure.size() >= 2) {
    const size_t source =
        static_cast<size_t>(std::max_element(votes.begin(), votes.end()) - votes.begin());
    const uint32_t only = 1u << source;
    for (size_t k = 0; k < s.words.size(); ++k) {
      const Word& w = s.words[k];
      if (s.repaired.count(k) > 0 || w.end - w.begin < 3 || !w.ascii ||
          s.word_language[k] != "en" || !WholeWord(text, w))
        continue;
      std::string_view word = text.substr(w.begin, w.end - w.begin);
      std::string key = std::string(word) + '\t' + std::to_string(only);
      auto it = s.known_cache.find(key);
      if (it == s.known_cache.end()) {
        if (s.known_cache.size() > kMaxCacheEntries) s.known_cache.clear();
        // Words English knows but rarely writes ("Pars"), and words it does not know that
        // are common in the source language ("pera": Spanish for pear, here "ópera"
        // broken), are read as broken when a much commoner English word comes back.
        const bool known = KnownInAnyCase(*english, word);
        it = s.known_cache
                 .emplace(std::move(key), DroppedLetter(d, word, *english, known, only, !known))
                 .first;
      }
      if (it->second.kind != DropDecision::kSure) continue;
      s.pending.push_back({w.begin, w.end, it->second.repair, kDroppedLetter, 0.8f});
      s.repaired[k] = it->second.repair;
    }
  }
  // Weak repairs stand when another word of the document was surely repaired.
  for (const auto& [k, repair] : weak) {
    if (sure.size() < 2) {
      s.pending.push_back({s.words[k].begin, s.words[k].end, "", kUncertain, 0.5f});
      continue;
    }
    s.pending.push_back({s.words[k].begin, s.words[k].end, repair, kDroppedLetter, 0.8f});
    s.repaired[k] = repair;
  }
  if (!s.repaired.empty())
    ShortenedForms(d, text, s, *english);  // a document that shows the artefact
  // English writes most foreign names without their diacritics ("Sao Paulo", "Antonio
  // Guterres"): a plain name takes them only where the document lost diacritics (a letter
  // dropped with its accent was put back) or writes the name with them elsewhere.
  for (Pending& p : s.marked_names)
    if (!s.repaired.empty() || text.find(p.replacement) != std::string_view::npos)
      s.pending.push_back(std::move(p));
  // Accents a place's country writes ("Témara", "México", "Chișinău") go only where the
  // document shows a translation's artefacts: stray accents on a name whose country writes
  // no such accent ("Kabúl"), or letters dropped with their accents.
  if (s.stray_accents > 0 || !s.repaired.empty())
    for (Pending& p : s.native_accents) s.pending.push_back(std::move(p));
  s.marked_names.clear();
  s.native_accents.clear();
}

// "the Talib already control": a word that lost an accented vowel and what followed it
// is repaired only when the document writes the full name at least twice (repaired or
// not) and a source language spells that name with an accent on the vowel that is gone.
void ShortenedForms(const DiacriticsData& d, std::string_view text, DiacriticsScratch& s,
                    EnglishWords& english) {
  std::unordered_map<std::string, int> names;
  auto final_form = [&](size_t k) {
    auto it = s.repaired.find(k);
    return it != s.repaired.end()
               ? it->second
               : std::string(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin));
  };
  for (size_t k = 0; k < s.words.size(); ++k)
    if (utf8::IsUpper(utf8::At(text, s.words[k].begin)) && s.words[k].end - s.words[k].begin >= 5)
      ++names[final_form(k)];
  for (size_t k = 0; k < s.words.size(); ++k) {
    const Word& w = s.words[k];
    if (s.repaired.count(k) > 0 || !w.ascii || w.end - w.begin < 4 || s.word_language[k] != "en")
      continue;
    std::string_view word = text.substr(w.begin, w.end - w.begin);
    if (!utf8::IsUpper(utf8::At(word, 0)) || KnownInAnyCase(english, word)) continue;
    for (const auto& [name, count] : names) {
      if (count < 2 || name.size() <= word.size() || name.size() > word.size() + 2 ||
          name.compare(0, word.size(), word) != 0)
        continue;
      const char vowel = name[word.size()];
      if (vowel != 'a' && vowel != 'e' && vowel != 'i' && vowel != 'o' && vowel != 'u') continue;
      if (!SpelledWithAccent(d, name, word.size(), s)) continue;
      s.pending.push_back({w.begin, w.end, name, kDroppedLetter, 0.8f});
      break;
    }
  }
}

// How often a source language writes `word` so, in any case: its word counts (the accent
// model), 0 for a form they do not list. (Its Hunspell dictionary knows more forms, but
// opening one takes 10-30 MB, and on English text most candidates are no word of any
// language.)
uint64_t SourceCount(const DiacriticsData& d, const std::string& lang, std::string_view word) {
  auto model = d.models.find(lang);
  return model == d.models.end() ? 0 : model->second->FormCount(word);
}

// Whether a source language's dictionary spells `name` with an accent on its letter at `i`.
bool SpelledWithAccent(const DiacriticsData& d, const std::string& name, size_t i,
                       DiacriticsScratch& s) {
  for (const auto& lang : d.source_languages) {
    EnglishWords* dict = Dictionary(d, s, lang);
    if (dict == nullptr) continue;
    for (const auto& a : AccentedLetters(lang)) {
      if (a.base != name[i]) continue;
      std::string spelled = name.substr(0, i) + a.letter + name.substr(i + 1);
      if (KnownInAnyCase(*dict, spelled)) return true;
    }
  }
  return false;
}

// The countries a document names (ISO codes), computed once per document when needed.
const std::unordered_set<std::string>& DocumentCountries(const DiacriticsData& d,
                                                         std::string_view text,
                                                         DiacriticsScratch& s) {
  if (s.countries_ready) return s.countries;
  s.countries_ready = true;
  s.countries.clear();
  for (size_t k = 0; k < s.words.size(); ++k) {
    if (!utf8::IsUpper(utf8::At(text, s.words[k].begin))) continue;
    for (size_t len = 1; len <= 3 && k + len <= s.words.size(); ++len) {
      std::string span(text.substr(s.words[k].begin, s.words[k + len - 1].end - s.words[k].begin));
      for (const auto& e : d.gazetteer->FindByName(FoldName(span)))
        if (e.type == EntityType::kCountry) s.countries.insert(std::string(e.country));
    }
  }
  return s.countries;
}

// A whole word: not the "aren" of "aren't", the "ers" of "'ers" or "49ers" ("Irn's" is
// whole).
bool WholeWord(std::string_view text, const Word& w) {
  auto joiner_at = [&](size_t pos) {  // ' - ’ ‐ at pos
    if (pos >= text.size()) return false;
    if (text[pos] == '\'' || text[pos] == '-') return true;
    std::string_view three = text.substr(pos, 3);
    return three == "\u2019" || three == "\u2010";
  };
  auto joiner_before = [&](size_t pos) {
    return (pos >= 1 && (text[pos - 1] == '\'' || text[pos - 1] == '-')) ||
           (pos >= 3 &&
            (text.substr(pos - 3, 3) == "\u2019" || text.substr(pos - 3, 3) == "\u2010"));
  };
  auto possessive = [&](size_t pos) {
    size_t n = text[pos] == '\'' ? 1 : 3;
    return pos + n < text.size() && text[pos + n] == 's' &&
           (pos + n + 1 >= text.size() ||
            !std::isalpha(static_cast<unsigned char>(text[pos + n + 1])));
  };
  auto digit = [&](size_t pos) {
    return pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]));
  };
  if (joiner_before(w.begin) || (joiner_at(w.end) && !possessive(w.end))) return false;
  return !((w.begin > 0 && digit(w.begin - 1)) || digit(w.end));
}

// Whether a dictionary knows the word as written or in lower case.
bool KnownInAnyCase(EnglishWords& dictionary, std::string_view word) {
  return dictionary.Known(word) || dictionary.Known(LowerWord(word));
}

// Whether the English counts know the word's spelling, in any case and with or without
// accents ("cafe" is counted as "café").
bool CommonEnglish(const DiacriticsData& d, std::string_view word) {
  return EnglishCounts(d) != nullptr && EnglishCounts(d)->PlainFrequency(PlainWord(word)) > 0;
}

// How often English writes a word (onboard-data's English counts, any case), or 0.
uint64_t EnglishCount(const DiacriticsData& d, std::string_view word) {
  return EnglishCounts(d) == nullptr ? 0 : EnglishCounts(d)->FormCount(word);
}

// The English word that `word` was before it lost a letter with its accent: a sure or
// weak repair, a flag when several readings remain, or nothing.
// `known`: the pass over words English knows, in a document that shows the artefact
// ("Pars" is a rare word, "Paris" a common one): a candidate must be written at least a
// hundred times as often as the word (onboard-data's English counts).
// `only`: the source languages (bits) that may vouch; 0 for all.
// `foreign_ok`: in a document that shows the artefact, a common word of another language
// may be broken English too, when the English word is common (10,000 or more).
DropDecision DroppedLetter(const DiacriticsData& d, std::string_view word, EnglishWords& english,
                           bool known, uint32_t only, bool foreign_ok) {
  if (KnownInAnyCase(english, word) != known) return {};
  const uint64_t word_count = known ? EnglishCount(d, word) : 0;
  // Words that lost nothing, whatever letter would make them English; asked only of a word
  // with a candidate repair (most unknown words of a text have none, and these look-ups
  // touch every source language's counts).
  auto lost_nothing = [&]() -> bool {
    // A common word of another language quoted as it is ("Liste") lost nothing. (Rare
    // ones are more likely broken English: "rea" is Spanish too, but mostly "área".)
    if (!foreign_ok)
      for (const auto& lang : d.source_languages)
        if (SourceCount(d, lang, word) >= 1000) return true;
    // A place of some size spelled so is no broken word (a capitalised one: "fusin" is no
    // "Fusin", an old spelling of Fuxin).
    const std::string folded = FoldName(word);
    if (d.gazetteer != nullptr)
      for (const auto& e : d.gazetteer->FindByName(folded, 4.0f))
        if (e.prominence >= 4.0f && utf8::IsUpper(utf8::At(word, 0))) return true;
    // Nor is a word a source language writes with accents on the letters it has (a French
    // "employés" stripped, or an old English "employes"): it lost accents, not a letter.
    // (A common word of the language, by its counts: Spanish Hunspell also knows rare verb
    // forms like "cañad", which would hide "Canad" for "Canadá".)
    // (Once the document's source language is known, only that language's spelling counts:
    // Portuguese "pêra" says nothing of "pera" in a text translated from Spanish.)
    for (size_t l = 0; l < d.source_languages.size(); ++l) {
      if (only != 0 && (only >> l & 1u) == 0) continue;
      auto model = d.models.find(d.source_languages[l]);
      if (model == d.models.end()) continue;
      const std::string plain = PlainWord(word);
      for (const auto& f : model->second->Forms(plain))
        if (f.form != plain && f.count >= 100) return true;
    }
    return false;
  };
  const bool capitalised = utf8::IsUpper(utf8::At(word, 0));
  // Most candidates are no words: the counts of the 40,000 commonest words and the
  // gazetteer (hash look-ups) turn them down before Hunspell (microseconds each) is asked.
  // (Any form of the spelling: "cafe" is counted as "café".)
  auto common = [&](const std::string& candidate) {
    return EnglishCounts(d) == nullptr || CommonEnglish(d, candidate);
  };
  auto english_word = [&](const std::string& candidate) {
    return common(candidate) && english.Known(candidate);
  };
  std::string country;  // of the place name_known last found, or ""
  auto name_known = [&](const std::string& candidate) {  // a name English or the gazetteer knows
    country.clear();
    bool known_name =
        common(candidate) && english.Known(candidate) && !english.Known(LowerWord(candidate));
    if (d.gazetteer != nullptr)
      // (With the floor, a look-up of a spelling no city of 100,000 has, most of them,
      // is answered from the gazetteer's small filter of such keys.)
      for (const auto& e : d.gazetteer->FindByName(FoldName(candidate), 5.0f))
        if (e.prominence >= 5.0f && FoldName(e.name) == FoldName(candidate)) {
          if (e.type != EntityType::kPerson && e.type != EntityType::kOrganisation)
            country = e.country;
          known_name = true;
        }
    return known_name;
  };
  // The bit of Spanish among the source languages, whose spelling rule vouches below (0: none).
  const auto es = std::find(d.source_languages.begin(), d.source_languages.end(), "es");
  const uint32_t spanish_bit =
      es == d.source_languages.end() ? 0u : 1u << (es - d.source_languages.begin());
  std::unordered_map<std::string, std::pair<bool, uint32_t>> repairs;  // -> (weak, languages)
  std::vector<std::pair<std::string, std::string>> places;  // supported place names, with country
  for (size_t i = 0; i <= word.size(); ++i) {
    for (const char base : {'a', 'e', 'i', 'o', 'u', 'n', 'c', 'y'}) {
      if (i == 0 && capitalised) continue;  // the capital is the word's first letter
      std::string candidate = std::string(word.substr(0, i)) + base + std::string(word.substr(i));
      // The dropped letter may have been the capital ("frica" for "África").
      if (i == 0 && !english_word(candidate)) candidate[0] = static_cast<char>(std::toupper(base));
      const bool lost_capital = i == 0 && std::isupper(static_cast<unsigned char>(candidate[0]));
      // A capitalised word is most often a name: repaired to a name, it is sure; to a
      // common word ("Unin" for "Union", but "Idal" is no "Ideal") only where the document
      // shows the artefact elsewhere (weak).
      // A lower-case word is repaired to a word, a capitalised one to a word or a name.
      // (Asked once: a gazetteer look-up; `country` is the place's it finds.)
      const bool named = (capitalised || lost_capital) && name_known(candidate);
      const std::string named_country = named ? country : std::string();
      if (!english_word(candidate) && !named) continue;
      // The counts list the 40,000 commonest words: a word missing from them is rare, but
      // how rare is unknown, so the candidate must be among the very common.
      if (known && EnglishCount(d, candidate) < (word_count > 0 ? 100 * word_count : 50000))
        continue;
      if (foreign_ok && EnglishCount(d, candidate) < 10000) continue;
      const bool weak = (capitalised || lost_capital) && !named;
      // A source language must spell the word with an accent on that very letter: its
      // dictionary says so, or, for a name it does not list, Spanish spelling does (a
      // word stressed on its last syllable and ending in n or s carries the accent there:
      // Pakistán, Irán; names from Persian and Arabic mostly are such words).
      uint32_t supported = 0;  // languages that vouch
      const bool vowel = base == 'a' || base == 'e' || base == 'i' || base == 'o' || base == 'u';
      const std::string_view after = word.substr(i);
      // (Not for a word English knows, "Lemn" is no lemon, "Camern" no Cameron, but for a
      // prominent place of the gazetteer: "Pakistn", which the Spanish counts may lack.)
      // A word so stressed that ends in a vowel carries the accent on it too: a place's
      // last letter gone, an a or a u (Canadá, Panamá, Perú, Bakú; not "Delawar", whose e
      // Spanish would not accent: Shahabuddin Delawar is no Delaware).
      const bool place = capitalised && named && !named_country.empty();
      const bool accented_ending = (after.size() == 1 && (after[0] == 'n' || after[0] == 's')) ||
                                   (after.empty() && place && (base == 'a' || base == 'u'));
      if ((!english.Known(candidate) || place) && !lost_capital && vowel && word.size() >= 5 &&
          accented_ending)
        supported |= spanish_bit;
      for (size_t l = 0; l < d.source_languages.size(); ++l) {
        const std::string& lang = d.source_languages[l];
        for (const auto& a : AccentedLetters(lang)) {
          if (a.base != base) continue;
          std::string spelled =
              std::string(word.substr(0, i)) + a.letter + std::string(word.substr(i));
          if (lost_capital) spelled = WithCaseOf("Xx", spelled);  // "África"
          if (SourceCount(d, lang, spelled) > 0) supported |= 1u << l;
        }
      }
      if (only != 0) supported &= only;
      if (supported != 0) {
        repairs[candidate] = {weak, supported};
        if (place) places.emplace_back(candidate, named_country);
      }
    }
  }
  if (!repairs.empty() && lost_nothing()) return {};
  // Several readings, one of them far commoner in English than the others ("mster":
  // master, not mister; Spanish writes máster and míster): that one.
  if (repairs.size() > 1 && EnglishCounts(d) != nullptr) {
    std::string commonest;
    uint64_t best = 0, second = 0;
    for (const auto& [candidate, info] : repairs) {
      const uint64_t n = EnglishCount(d, candidate);
      if (n > best)
        second = best, best = n, commonest = candidate;
      else
        second = std::max(second, n);
    }
    if (best >= 20 * std::max<uint64_t>(second, 1) && best >= 1000) {
      const auto info = repairs.at(commonest);
      repairs.clear();
      repairs.emplace(commonest, info);
    }
  }
  if (repairs.size() > 1) {
    DropDecision flag{DropDecision::kFlag, "", 0, {}};
    if (places.size() == repairs.size()) flag.places = std::move(places);
    return flag;
  }
  if (repairs.empty()) return {};
  const auto& [repair, info] = *repairs.begin();
  return {info.first ? DropDecision::kWeak : DropDecision::kSure, repair, info.second, {}};
}

// Whether the document's only sure repair stands alone: a common English word (10,000 or
// more in the counts) put back into lower-case words no source language knows.
bool LoneRepairStands(const DiacriticsData& d, const std::string& repair, std::string_view text,
                      DiacriticsScratch& s) {
  if (EnglishCount(d, repair) < 10000) return false;
  for (const auto& [k, r] : s.repaired) {
    if (r != repair) continue;
    const std::string broken(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin));
    // A capitalised word may be a name written so ("Ibn Saud"): only one the gazetteer does
    // not know, whose repair is a common word English also capitalises ("Germn": German).
    if (utf8::IsUpper(utf8::At(broken, 0)) &&
        (d.gazetteer == nullptr || !d.gazetteer->FindByName(FoldName(broken)).empty()))
      return false;
    for (const auto& lang : d.source_languages)
      if (SourceCount(d, lang, broken) > 0) return false;
  }
  return true;
}

}  // namespace diacritics
}  // namespace mtclean
