// The `names` stage: repairs names of places, people and organisations that reached English
// through another language's spelling rules ("Yalalabad" -> "Jalalabad"), and only
// when it is sure. Rules and examples: stages/names/README.md.
//
// A candidate is a run of capitalised words with a word English does not know (Hunspell)
// and a spelling the gazetteer does not know. The gazetteer's skeleton key gives the names
// it may stand for; a name is taken only when the source language's transliteration rules
// (dictionaries/transliteration/<lang>.tsv) turn its English spelling into the candidate,
// with few rule applications, and no other name explains it as well. A name that shares the
// skeleton but is not explained by the rules is flagged, not changed.
#include "stages/names/names_stage.h"

#include <unicode/locid.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/accent_model.h"
#include "lexicon/country_letters.h"
#include "lexicon/english_words.h"
#include "lexicon/gazetteer.h"
#include "lexicon/phonetic_key.h"
#include "pipeline/data_files.h"
#include "pipeline/multi_pass.h"
#include "pipeline/utf8.h"
#include "stages/names/candidates.h"
#include "stages/names/cyrillic_habits.h"
#include "stages/names/names_internal.h"
#include "stages/names/place_evidence.h"
#include "stages/names/respelling_rules.h"
#include "stages/names/romanisation_marks.h"

namespace mtclean {
namespace {

using namespace names;  // names_internal.h

constexpr std::array<RuleInfo, 10> kRules = {{
    {"transliteration", "a name spelled by another language's rules becomes its English form",
     "Yalalabad", "Jalalabad"},
    {"capital-of",
     "a name said to be the capital of a division or country that sounds like its capital becomes "
     "the capital's name",
     "Kaabol, the capital of Afghanistan", "Kabul, the capital of Afghanistan"},
    {"same-name", "a spelling repaired elsewhere in the document is repaired the same way",
     "Kaabol, the capital of Afghanistan ... in Kaabol",
     "Kabul, the capital of Afghanistan ... in Kabul"},
    {"admin-term",
     "a translated word for a first-level division becomes the one English uses for that country",
     "Badghis State", "Badghis Province"},
    {"spelling-variant", "a name spelled two ways in a document takes its better attested spelling",
     "Dostom ... Dostum ... Dostum", "Dostum ... Dostum ... Dostum"},
    {"unknown-name",
     "flag: a name the gazetteer may know under another spelling, not sure enough to change",
     "Kandhar", "(flagged)"},
    {"inconsistent-spelling", "flag: one name spelled several ways, none better attested",
     "Rashid ... Rasid", "(flagged)"},
    {"exonym",
     "a place spelled as Spanish, French, German, Italian or Portuguese write it (CLDR, iso-codes) "
     "becomes its English name",
     "Damasco", "Damascus"},
    {"romanisation",
     "a place written with a romanisation's marks its country does not write becomes its English "
     "name",
     "Herāt", "Herat"},
    {"cyrillic-transcription",
     "a name from Cyrillic as German, French or Spanish transcribe it becomes the English "
     "transcription, where the document has two such names",
     "Rumen Owtscharow ... Tanju Kirjakow", "Rumen Ovcharov ... Tanyu Kiryakov"},
}};

constexpr std::array<OptionInfo, 6> kOptions = {{
    {"english_names", OptionType::kString, "",
     "names English writes, one per line, left as they are (default: $MTCLEAN_ENGLISH_NAMES or the "
     "build's list of WordNet's; 'none')"},
    {"gazetteer", OptionType::kString, "",
     "compiled gazetteer (default: $MTCLEAN_GAZETTEER or the build's)"},
    {"learned_rules", OptionType::kString, "",
     "rewrites learned from names in both languages, <lang>.tsv (default: $MTCLEAN_LEARNED_RULES "
     "or the build's; 'none': hand-written rules only)"},
    {"source_languages", OptionType::kString, "es,fr,de,it,pt",
     "languages the text may have been translated from"},
    {"dictionary", OptionType::kString, "/usr/share/hunspell/en_US",
     "Hunspell dictionary of English, without extension"},
    {"min_confidence", OptionType::kDouble, "0.8",
     "repairs below this confidence are flagged instead"},
}};

class NamesStage : public Stage {
 public:
  explicit NamesStage(NamesData d) : d_(std::move(d)) {}

  std::string_view name() const override { return "names"; }

  std::unique_ptr<CorpusStats> NewCorpusStats() const override { return std::make_unique<NameCounts>(); }

  // Counts, per page, the spellings of capitalised words that are not sentence-initial
  // (whether English knows them is decided when cleaning).
  void Observe(std::string_view text, CorpusStats& stats) const override {
    std::vector<Word> words;
    Tokenize(text, words);
    std::unordered_set<std::string> seen;
    for (const Word& w : words) {
      if (!w.capitalised || w.end - w.begin < 4 || SentenceStart(text, w.begin)) continue;
      std::string spelling(text.substr(w.begin, w.end - w.begin));
      if (seen.insert(spelling).second) static_cast<NameCounts&>(stats).Add(spelling);
    }
  }
  std::span<const RuleInfo> rules() const override { return kRules; }
  std::unique_ptr<StageScratch> NewScratch() const override {
    auto s = std::make_unique<NamesScratch>();
    auto words = EnglishWords::Open(d_.dictionary);
    if (words.ok()) s->english = std::move(*words);
    return s;
  }

  // A repair can change what its neighbours look like ("Yalalabad" next to a name
  // spelled two ways), so the stage runs until a pass changes nothing (pipeline/multi_pass.h);
  // the per-worker cache makes the passes after the first cheap.
  void Process(std::string_view in, StageContext& ctx) const override {
    auto& s = static_cast<NamesScratch&>(*ctx.scratch);
    if (s.english == nullptr) return;
    s.batch = static_cast<const NameCounts*>(ctx.corpus);
    s.repaired_a_name = false;
    // (Kept over the passes: a repair written after a later one is dropped from its pass, and
    // the next pass no longer sees the name it came from.)
    s.resolved.clear();
    s.translated_before = ctx.document.text != in && TranslatedBefore(ctx.document.text, s);
    RunPassesToFixpoint(in, ctx, s.buffers, 1,
                        [&](int, std::string_view text, TextRewriter& rw) { OnePass(text, s, rw); });
  }

 private:
  // What a span of `len` words (capitalised first) says of the document's places (cached).
  WordMap<NamesScratch::SpanPlace>::iterator PlaceOf(std::string_view span, size_t len,
                                                     NamesScratch& s) const {
    auto it = s.country_of.find(span);
    if (it == s.country_of.end()) {
      const std::string folded = FoldName(span);
      const std::vector<Gazetteer::Entry> exonym_of = d_.gazetteer->FindByExonym(folded);
      NamesScratch::SpanPlace place;
      place.country = CountryNamed(d_.gazetteer->FindByName(folded, 4.0f), false);
      // Another language's spelling of a place, which English does not write (WordNet,
      // Hunspell: "Maurice" is French for Mauritius and an English name): the document's
      // names went through a translation.
      // (Hunspell is asked of a single word only: knowing each part of "Kongo-Brazzaville"
      // says nothing of the whole.)
      const bool one_word = span.find_first_of(" -") == std::string_view::npos;
      // So do a translation's accents on a place's name ("Irán": TranslationAccents).
      place.translated = (d_.english_names.count(folded) == 0 && !exonym_of.empty() &&
                          !(one_word && KnownInAnyCase(*s.english, span))) ||
                         (len == 1 && TranslationAccents(d_, s, span, folded));
      place.own_orthography = OwnOrthography(d_, s, span, folded);
      if (!place.own_orthography.empty() && one_word && KnownInAnyCase(*s.english, span))
        place.own_orthography.clear();
      if (place.translated) place.country_by_exonym = CountryNamed(exonym_of, true);
      if (len == 1) CyrillicOf(d_, span, folded, s, place);
      // (Not a word of English: "Mobile", "Reading" say nothing of a country.)
      for (std::string* c : {&place.country, &place.country_by_exonym})
        if (!c->empty() && ((*c)[0] == '~' || (*c)[0] == '=') && s.english->Known(LowerWord(span)))
          c->clear();
      if (s.country_of.size() > kMaxCacheEntries) s.country_of.clear();
      it = s.country_of.emplace(std::string(span), std::move(place)).first;
    }
    return it;
  }

  // Whether a word of the document as it came in, with letters beyond ASCII, showed a
  // translation where an earlier stage has since written it as English does ("Jérusalem",
  // which the diacritics stage made "Jerusalem").
  bool TranslatedBefore(std::string_view original, NamesScratch& s) const {
    // (Most documents have no Latin letter with an accent, U+00C0 to U+024F: no words to read.)
    if (std::none_of(original.begin(), original.end(), [](char c) {
          const auto b = static_cast<unsigned char>(c);
          return b >= 0xC3 && b <= 0xC9;
        }))
      return false;
    Tokenize(original, s.original_words);
    for (const Word& w : s.original_words) {
      if (!w.capitalised) continue;
      const std::string_view word = original.substr(w.begin, w.end - w.begin);
      if (utf8::IsAscii(word)) continue;
      if (PlaceOf(word, 1, s)->second.translated) return true;
    }
    return false;
  }

  void OnePass(std::string_view text, NamesScratch& s, TextRewriter& rw) const {
    Tokenize(text, s.words);
    if (!MostlyEnglish(text, s)) return;  // names are repaired in English text only
    // The countries the document names, by their names or by a place of their own (a
    // division, or a city of 100,000 people, that no other country has a place of some size
    // called so: "Bamiyan" names Afghanistan): a single word is repaired only to a name of
    // one of them.
    s.countries.clear();
    s.place_of_country.clear();
    s.translated_names = s.translated_before;
    s.own_orthography.clear();
    s.cyrillic_words.assign(d_.cyrillic.languages().size(), {});
    s.cyrillic_telling.assign(d_.cyrillic.languages().size(), false);
    for (size_t k = 0; k < s.words.size(); ++k) {
      if (!s.words[k].capitalised) continue;
      for (size_t len = 1; len <= 3 && k + len <= s.words.size(); ++len) {
        const std::string_view span = text.substr(s.words[k].begin, s.words[k + len - 1].end - s.words[k].begin);
        auto it = PlaceOf(span, len, s);
        // (Not in a club's name or a quotation of that language: "the Germania club".)
        const bool translated = it->second.translated &&
                                (len == 1 || s.words[k + len - 1].capitalised) &&
                                Context(text, s, k, k + len) != 'o';
        s.translated_names |= translated;
        if (!it->second.own_orthography.empty() && (len == 1 || s.words[k + len - 1].capitalised) &&
            Context(text, s, k, k + len) != 'o')
          s.own_orthography.insert(it->second.own_orthography);
        for (size_t l = 0; l < s.cyrillic_words.size(); ++l) {
          auto& seen = s.cyrillic_words[l];
          if ((it->second.cyrillic >> l & 1) != 0 &&
              std::find(seen.begin(), seen.end(), it->first) == seen.end())
            seen.push_back(it->first);
          if ((it->second.cyrillic_telling >> l & 1) != 0) s.cyrillic_telling[l] = true;
        }
        // Another language's spelling names a country as the English one does ("Marruecos"),
        // and so does a division or town the data gives another language's name for
        // ("Yerada", Jerada), however small (the sources name notable places only): as a
        // whole name, not inside one ("Piazza di Spagna" in Rome).
        const bool whole_name =
            (k == 0 || !AdjacentNameWord(text, s, k - 1, k)) &&
            (k + len == s.words.size() || !AdjacentNameWord(text, s, k + len, k + len - 1));
        const std::string& country = it->second.country.empty() && translated && whole_name
                                         ? it->second.country_by_exonym
                                         : it->second.country;
        if (country.empty()) continue;
        if (country[0] != '~') {
          s.countries.insert(country[0] == '=' ? country.substr(1) : country);
          continue;
        }
        const auto [seen, first] = s.place_of_country.emplace(country.substr(1), it->first);
        if (!first && seen->second != it->first) s.countries.insert(seen->first);
      }
    }
    s.place_of_country.clear();
    s.cyrillic_language = -1;
    for (size_t l = 0; l < s.cyrillic_words.size(); ++l)
      if (s.cyrillic_words[l].size() >= 2 && s.cyrillic_telling[l] &&
          (s.cyrillic_language < 0 ||
           s.cyrillic_words[l].size() > s.cyrillic_words[s.cyrillic_language].size()))
        s.cyrillic_language = static_cast<int>(l);
    std::vector<std::string> sorted(s.countries.begin(), s.countries.end());
    std::sort(sorted.begin(), sorted.end());
    s.country_signature.clear();
    for (const auto& c : sorted) s.country_signature += "\x1f" + c;
    std::map<std::string, std::vector<size_t>> unknown_by_skeleton;  // for consistency
    s.unresolved.clear();
    for (size_t w = 0; w < s.words.size();) {
      if (!s.words[w].capitalised) {
        ++w;
        continue;
      }
      size_t e = w + 1;
      for (;;) {
        size_t k = e;  // particles, then a capitalised word, all adjacent
        while (k < s.words.size() && s.words[k].particle && k - e < 2 && Adjacent(text, s.words[k - 1], s.words[k])) ++k;
        if (k < s.words.size() && s.words[k].capitalised && Adjacent(text, s.words[k - 1], s.words[k])) e = k + 1;
        else break;
      }
      e = WithLowerCaseTail(text, s, w, e);
      w = RepairRun(text, s, w, e, rw, unknown_by_skeleton);
    }
    SameName(text, s, unknown_by_skeleton, rw);
    Consistency(d_, text, s, unknown_by_skeleton, rw);
  }

  // The run [w, e) with the one or two lower-case words after it, where the data knows them
  // together as another language's name of a prominent place (French "Pays basque", German
  // "An-Nil al-azraq") and the run alone names nothing ("Porto said" is Porto and a verb,
  // though Italian calls Port Said "Porto Said"); else `e`.
  size_t WithLowerCaseTail(std::string_view text, const NamesScratch& s, size_t w, size_t e) const {
    size_t best = e;
    for (size_t k = e; k < s.words.size() && k < e + 2; ++k) {
      if (s.words[k].capitalised || !Adjacent(text, s.words[k - 1], s.words[k])) break;
      const std::string folded =
          FoldName(text.substr(s.words[w].begin, s.words[k].end - s.words[w].begin));
      for (const auto& c : d_.gazetteer->FindByExonym(folded, 5.0f))
        if (IsPlace(c)) best = k + 1;
    }
    if (best == e) return e;
    const std::string run =
        FoldName(text.substr(s.words[w].begin, s.words[e - 1].end - s.words[w].begin));
    return d_.gazetteer->FindByName(run).empty() && d_.gazetteer->FindByExonym(run).empty() ? best
                                                                                            : e;
  }

  // Repairs within the capitalised words [w, e); returns where to continue.
  size_t RepairRun(std::string_view text, NamesScratch& s, size_t w, size_t e, TextRewriter& rw,
                   std::map<std::string, std::vector<size_t>>& unknown) const {
    // A sentence-initial English word ("The", "However") is not part of the name.
    // (Unless the whole run is a name: "Maidan Wardak" begins with an English word.)
    if (w == 0 || SentenceStart(text, s.words[w].begin)) {
      std::string_view first = text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin);
      if (e - w > 1 && s.english->Known(first) &&
          d_.gazetteer
              ->FindByName(
                  FoldName(text.substr(s.words[w].begin, s.words[e - 1].end - s.words[w].begin)))
              .empty())
        ++w;
    }
    // Nor are titles and nationalities in front of it ("Syrian President X"), unless the
    // whole run is a name.
    auto title = [&](size_t k) {
      std::string_view word = text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
      return !s.words[k].particle &&
             (d_.titles.count(std::string(word)) > 0 || Demonym(d_, s, word));
    };
    if (e - w > 1 && title(w) &&
        d_.gazetteer->FindByName(FoldName(text.substr(s.words[w].begin, s.words[e - 1].end - s.words[w].begin))).empty()) {
      while (e - w > 1 && title(w)) ++w;
    }
    // Translated admin word after a first-level division: "Badghis State".
    if (e - w >= 2) {
      std::string_view last = text.substr(s.words[e - 1].begin, s.words[e - 1].end - s.words[e - 1].begin);
      // "Georgia Department of Archives" names an agency, not a division.
      const bool agency = e < s.words.size() && !s.words[e].capitalised && s.words[e].begin == s.words[e - 1].end + 1 &&
                          (text.substr(s.words[e].begin, s.words[e].end - s.words[e].begin) == "of" ||
                           text.substr(s.words[e].begin, s.words[e].end - s.words[e].begin) == "for");
      if (!agency && d_.admin_words.count(std::string(last)) > 0) {
        std::string place = FoldName(text.substr(s.words[w].begin, s.words[e - 2].end - s.words[w].begin));
        // (Not where the data names the division so: "Asir Region" is CLDR's English.)
        const auto named_so = d_.gazetteer->FindByName(
            FoldName(text.substr(s.words[w].begin, s.words[e - 1].end - s.words[w].begin)));
        for (const auto& entry : d_.gazetteer->FindByName(place)) {
          if (entry.type != EntityType::kAdmin1) continue;
          if (std::any_of(named_so.begin(), named_so.end(),
                          [&](const auto& n) { return n.id == entry.id; }))
            break;
          auto term = d_.admin1_terms.find(std::string(entry.country));
          if (term != d_.admin1_terms.end() && term->second != last) {
            rw.Replace(s.words[e - 1].begin, s.words[e - 1].end, term->second, kAdminTerm, 0.85f);
          }
          break;
        }
      }
    }
    // Longest spans first, at most five words (particles count); a span neither starts nor
    // ends with a particle.
    for (size_t b = w; b < e;) {
      size_t done = b + 1;
      for (size_t len = std::min<size_t>(5, e - b); len >= 1 && !s.words[b].particle; --len) {
        if (s.words[b + len - 1].particle) continue;
        if (TrySpan(text, s, b, b + len, b == w && b + len == e, rw, unknown)) {
          done = b + len;
          break;
        }
      }
      b = done;
    }
    return e;
  }

  // Whether the span [b, e) was handled (a known name, or repaired, or flagged).
  // Decisions are cached per worker by the span's text (and, for a single word, the
  // countries of the document): names repeat across a corpus, and deciding one takes
  // hundreds of gazetteer look-ups (measured: the stage was 1.2 MB/s without the cache).
  bool TrySpan(std::string_view text, NamesScratch& s, size_t b, size_t e, bool whole_run, TextRewriter& rw,
               std::map<std::string, std::vector<size_t>>& unknown) const {
    size_t begin = s.words[b].begin, end = s.words[e - 1].end;
    const char context = Context(text, s, b, e);
    const uint32_t capital_of = CapitalOfContext(d_, text, s, b, e);
    std::string key(text.substr(begin, end - begin));
    key += whole_run ? "\x1f" "1" : "\x1f" "0";
    key += context;
    key.append(reinterpret_cast<const char*>(&capital_of), sizeof capital_of);
    if (e - b == 1) key += s.country_signature;
    key += s.translated_names ? "\x1f" "t" : "";
    for (const std::string& c : s.own_orthography) key += "\x1fo" + c;
    key += static_cast<char>('0' + 1 + s.cyrillic_language);
    key += s.repaired_a_name ? "\x1f"
                               "r"
                             : "";
    auto it = s.cache.find(key);
    if (it == s.cache.end()) {
      if (s.cache.size() > kMaxCacheEntries) s.cache.clear();
      it = s.cache.emplace(std::move(key), DecideSpan(text, s, b, e, whole_run, context, capital_of)).first;
    }
    const SpanResult& r = it->second;
    switch (r.kind) {
      case SpanResult::kReplace:
        rw.Replace(begin, end + TrailingAyn(text, begin, end), r.replacement, r.rule, r.confidence);
        s.repaired_a_name = true;
        // The same spelling elsewhere in the document, where nothing told what it is, is
        // the same name.
        if (e - b == 1) s.resolved.emplace(std::string(text.substr(begin, end - begin)), r.replacement);
        else
          SurnameOf(text, s, b, e, r);
        return true;
      case SpanResult::kFlag:
        rw.Flag(begin, end, kUnknownName, r.confidence);
        return true;
      case SpanResult::kHandled:
        return true;
      case SpanResult::kNone:
        if (e - b == 1) s.unresolved.push_back(b);
        if (!r.skeleton.empty()) unknown[r.skeleton].push_back(b);
        return false;
    }
    return false;
  }

  // A person's name respelled in full ("Wolodymyr Selenskyj": Volodymyr Zelenskyy) is their
  // surname respelled alone where the document goes on with it ("Selenskyj said"): news names
  // a person in full once. Only a respelling by a language's rules, word for word, of a
  // capitalised last word of four letters or more.
  static void SurnameOf(std::string_view text, NamesScratch& s, size_t b, size_t e,
                        const SpanResult& r) {
    if (r.rule != kTransliteration && r.rule != kCyrillic) return;
    const Word& last = s.words[e - 1];
    const std::string_view surname = text.substr(last.begin, last.end - last.begin);
    const size_t space = r.replacement.rfind(' ');
    if (!last.capitalised || last.particle || surname.size() < 4 || space == std::string::npos)
      return;
    size_t words = 1;
    for (size_t k = b; k + 1 < e; ++k) words += s.words[k].particle ? 0 : 1;
    const std::string_view replacement(r.replacement);
    if (static_cast<size_t>(std::count(replacement.begin(), replacement.end(), ' ')) + 1 != words)
      return;
    const std::string_view respelled = replacement.substr(space + 1);
    if (respelled != surname) s.resolved.emplace(std::string(surname), std::string(respelled));
  }

  // The decision for the span [b, e), in the order of the mechanisms' certainty: the data's
  // spellings first, then the rules. `whole_run`: the span is all of its run of capitalised
  // words; a name inside a longer run ("Thani" in "Hamad Al Thani") is only ever flagged.
  SpanResult DecideSpan(std::string_view text, NamesScratch& s, size_t b, size_t e, bool whole_run,
                        char context, uint32_t capital_of) const {
    size_t begin = s.words[b].begin, end = s.words[e - 1].end;
    std::string_view span = text.substr(begin, end - begin);
    SpanResult r;
    std::string folded = FoldName(span);
    if (folded.empty()) return r;
    // A place's own name, kept by a translation, where English has another
    // (OwnNameInTranslation: "Sevilla", "Xaçmaz", though Azerbaijan writes its marks).
    if (context != 'o' && context != 'h' && whole_run &&
        (s.translated_names || !s.own_orthography.empty()) &&
        OwnNameInTranslation(d_, s, span, folded, r))
      return r;
    // A place's name with the marks of a romanisation its country does not write ("Herāt",
    // "Qundūz", "Khôst", "Lorestán": romanisations of Pashto and Persian, a French or Spanish
    // text's accents) is written as English writes it. Marks the country writes ("Témara",
    // Morocco writes French) are its own spelling.
    if (context != 'o' && context != 'h' && whole_run && OnlyRomanisationMarks(span))
      if (RomanisedPlace(d_, span, folded, s, r)) return r;
    // A name written with letters no source language writes ("Štip", "Probištip": CLDR's
    // exemplar characters) was not spelled by a translation's rules: it is left as it is.
    if (!s.country_letters.LanguagesWrite(d_.source_languages, span)) {
      r.kind = SpanResult::kHandled;
      return r;
    }
    // A spelling English itself writes ("Teheran", "Rumania", "Viet Nam": WordNet) is no
    // artefact, unless the document writes other names as another language does (WordNet
    // also lists "Marruecos" and "Bagdad", which a text translated from Spanish carries).
    if (!s.translated_names && d_.english_names.count(folded) > 0) {
      r.kind = SpanResult::kHandled;
      return r;
    }
    // A name spelled as the gazetteer's canonical form is right. Spelled as an alternate (an
    // exonym: "Kaboul", "Kundus"), it is repaired below when the rules explain it; either
    // way, the most prominent name with this exact spelling must be outdone to change it.
    float known_prominence = -1;
    std::vector<uint32_t> spelled_so;  // entities one of whose names the span is
    std::vector<std::string_view> known_countries;  // of the places whose own name it is
    // A person's alternates are English spellings too ("Sergei Lavrov"), not exonyms.
    for (const auto& c : d_.gazetteer->FindByName(folded)) {
      spelled_so.push_back(c.id);
      const bool person = c.type == EntityType::kPerson || c.type == EntityType::kOrganisation;
      // (Its own name, or its English one: "Stavropol Krai", GeoNames' "Stavropol Kray".)
      const bool own =
          FoldName(c.name) == folded || (c.english != c.name && FoldName(c.english) == folded);
      if (person || own) known_prominence = std::max(known_prominence, c.prominence);
      if (!person && own) known_countries.push_back(c.country);
    }
    if (known_prominence >= 0 && e - b > 1) {
      r.kind = SpanResult::kHandled;
      return r;
    }
    bool any_unknown = false;
    for (size_t k = b; k < e; ++k)
      any_unknown |= !KnownInAnyCase(*s.english, text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin));
    // Several words English knows each may still make a name English does not write
    // ("Cap-Occidental", French for Western Cape): the data's exonyms say so.
    if (!any_unknown && (e - b > 1 || span.find('-') != std::string_view::npos) &&
        !d_.gazetteer->FindByExonym(folded).empty())
      any_unknown = true;
    // Words English knows ("Maroc", "Beyrouth", "Libia" are in Hunspell's en_US) are no
    // artefact, unless the document writes other names as another language does: then the
    // data's exonyms are read for them too, and nothing else.
    // (Only names English knows as names: "Island", German for Iceland, is an English word.)
    bool common_word = false;
    for (size_t k = b; k < e && !any_unknown; ++k)
      common_word |= s.english->Known(
          LowerWord(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin)));
    const bool only_exonym = !any_unknown && !common_word && s.translated_names;
    if (!any_unknown && !only_exonym) {
      if (e - b == 1) r.kind = SpanResult::kHandled;
      return r;
    }
    // An acronym in capitals ("DACA" is no Portuguese "Daca", Dhaka) is not a spelling.
    bool has_lower = false;
    for (size_t p = 0; p < span.size();) {
      int32_t cp;
      int n = utf8::Decode(span, p, &cp);
      has_lower |= n > 0 && utf8::IsLower(cp);
      p += static_cast<size_t>(n > 0 ? n : 1);
    }
    // Another language's own spelling of a place, which the data knows ("Damasco": no rules
    // needed), as a whole run of capitalised words ("Casey Mittelstadt" is no "Baia Sprie",
    // which German calls Mittelstadt): PlaceExonym, exonym_decision.cc.
    if (context != 'h' && context != 'o' && has_lower && whole_run &&
        (known_prominence < 0 || e - b == 1) &&
        PlaceExonym(d_, s, span, folded, context, known_prominence, known_countries, r))
      return r;
    if (only_exonym) {
      if (e - b == 1) r.kind = SpanResult::kHandled;
      return r;
    }
    // A span in capitals is an acronym ("LVM", "SATA": a quarter of the capitalised words of
    // technical prose that English does not know) or a heading's style: its letters are no
    // transliteration to read backwards, and a repair would change its case. Only the
    // consistency check below still sees it.
    if (!has_lower) {
      if (e - b == 1) r.skeleton = Skeleton(folded);
      return r;
    }
    // Said to be the capital of a division: its seat, when the span sounds like it. The
    // context names the entity, so no prominence, country or source-language rule is needed
    // (GeoNames gives many provincial capitals no population).
    if (capital_of != 0 && known_prominence < 0) {
      const std::vector<std::string> readings = PhoneticReadings(folded, 16);
      for (const auto& capital : d_.gazetteer->CapitalsOf(capital_of)) {
        bool sounds_alike = false;
        for (const std::string& reading : readings)
          for (const auto& c : d_.gazetteer->FindByPhonetic(reading)) sounds_alike |= c.id == capital.id;
        if (!sounds_alike) continue;
        r.kind = SpanResult::kReplace;
        r.rule = kCapitalOf;
        r.replacement = EnglishSpelling(capital, s.country_letters);
        r.confidence = 0.85f;
        if (!whole_run) r.kind = SpanResult::kFlag, r.confidence = 0.6f;
        return r;
      }
    }
    // The gazetteer's candidates (candidates.h). Only names of prominence 3 and up are ever
    // repaired to, a single word only to one of 5 unless the context asks for a division (the
    // test below): the look-ups leave the rest out (a skeleton matches thousands of hamlets).
    constexpr float kCandidate = 3.0f, kSingleWord = 5.0f;
    const bool single = e - b == 1;
    const float floor = single && !AsksForPlace(context) ? kSingleWord : kCandidate;
    const CandidateSources from{d_.gazetteer.get(), d_.languages, &d_.arabic_script_countries,
                                &d_.country_language, &d_.latin_script_countries};
    CandidateList& candidates = s.candidates.Get(from, folded, single, floor);
    // Single unknown words match many small places: only prominent names count alone.
    const float min_prominence = single ? kSingleWord : kCandidate;
    std::optional<Gazetteer::Entry> best;
    bool best_canonical = false;
    std::unordered_set<std::string> answers;  // entities spelled alike are one answer
    bool near = false;
    for (Candidate& cand : candidates.list) {
      Gazetteer::Entry c = d_.gazetteer->Get(cand.id);
      c.form = cand.form;
      const bool place = c.type != EntityType::kPerson && c.type != EntityType::kOrganisation;
      // "X province": the context narrows the answers to divisions, where a less prominent
      // name is as sure as a prominent one alone.
      const bool division = c.type == EntityType::kAdmin1 || c.type == EntityType::kAdmin2;
      const float needed = AsksForPlace(context) && division ? kCandidate : min_prominence;
      if (c.prominence < needed || !utf8::IsUpper(utf8::At(c.form, 0))) continue;
      if ((AsksForPlace(context) && !place) || (context == 'h' && c.type != EntityType::kPerson))
        continue;
      if (known_prominence >= 0 && c.prominence < known_prominence + 2) continue;
      // A single word may be anybody's surname ("Parise", "Buser"): only a name of a
      // country the document talks about is taken for it, or a country itself ("Japn").
      if (single && c.type != EntityType::kCountry &&
          (c.country.empty() || s.countries.count(std::string(c.country)) == 0))
        continue;
      const CandidateJudgement& j = Judge(from, cand, c, folded, single, candidates);
      // A span that is already one of this entity's names is not respelled as another of its
      // alternates ("Deir el-Balah" is no "Dayr al Balah"); only its English name repairs it.
      if (std::find(spelled_so.begin(), spelled_so.end(), c.id) != spelled_so.end() &&
          j.other_alternate)
        continue;
      // Worth a flag: a prominent name one or two letters away, or one the rules explain
      // without a rule of the source language's own; not for a span the data knows as a
      // name ("Du Pont", one of DuPont's, is not near Dupont).
      if (spelled_so.empty()) {
        near |= single ? (j.distance <= 1 && c.prominence >= 5.5f) : j.distance <= 2;
        near |= j.near_by_rules;
      }
      if (!j.derived) continue;
      // Entities spelled alike (the city and the province of Kabul, alternates of one
      // city) are one answer.
      answers.insert(j.answer);
      // The English name is the canonical one (without its admin word: "Maidan Wardak" of
      // "Maidan Wardak Province"); an alternate ("Kermansah") only when the rules explain no
      // canonical spelling.
      if (!best || c.prominence > best->prominence ||
          (c.prominence == best->prominence && j.canonical && !best_canonical)) {
        best = c;
        best_canonical = j.canonical;
      }
    }
    if (best) {
      // The spelling that matched, without diacritics.
      std::string repl = WithoutMarks(best->form);
      float confidence = answers.size() == 1 ? 0.9f : 0.75f;
      if (!whole_run) confidence = std::min(confidence, 0.6f);
      // A single word explained only by an alternate spelling (another language's
      // romanisation of a foreign city: a surname may match one) is not sure enough.
      if (e - b == 1 && !best_canonical) confidence = std::min(confidence, 0.6f);
      r.kind = confidence >= d_.min_confidence ? SpanResult::kReplace : SpanResult::kFlag;
      r.replacement = repl;
      r.confidence = confidence;
      return r;
    }
    // A name from Cyrillic as the source language's press transcribes it, which no data
    // lists: its English transcription.
    if (whole_run && context != 'o' && CyrillicRespelling(d_, text, s, b, e, r)) return r;
    if (near) {
      r.kind = SpanResult::kFlag;
      r.confidence = 0.5f;
      return r;
    }
    if (e - b == 1) r.skeleton = Skeleton(folded);
    return r;
  }

  NamesData d_;
};

// The rules of a file that may be missing (none then), or of "none".
StatusOr<RulePairs> LoadOptionalRules(const std::string& path) {
  auto lines = ReadOptionalLines(path);
  if (!lines.ok()) return lines.status();
  return ParseRules(*lines, path);
}

StatusOr<RulePairs> LoadRules(const std::string& data_dir, const std::string& lang) {
  auto lines = ReadDataLines(data_dir, "transliteration/" + lang + ".tsv");
  if (!lines.ok()) return lines.status();
  return ParseRules(*lines, data_dir + "/transliteration/" + lang + ".tsv");
}


// Each country's likeliest language and its script (CLDR likely subtags through ICU:
// und_AF -> fa_Arab_AF, und_ES -> es_Latn_ES).
std::unordered_map<std::string, std::pair<std::string, std::string>> LikelyLanguages() {
  std::unordered_map<std::string, std::pair<std::string, std::string>> out;
  for (const char* const* cc = icu::Locale::getISOCountries(); *cc != nullptr; ++cc) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale("und", *cc);
    locale.addLikelySubtags(status);
    if (U_SUCCESS(status)) out[*cc] = {locale.getLanguage(), locale.getScript()};
  }
  return out;
}

}  // namespace

std::string DefaultGazetteerPath() { return PathFromEnv("MTCLEAN_GAZETTEER", MTCLEAN_DEFAULT_GAZETTEER); }

StatusOr<std::shared_ptr<const Gazetteer>> OpenStageGazetteer(const std::string& option) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::weak_ptr<const Gazetteer>> open;
  const std::string path = option.empty() ? DefaultGazetteerPath() : option;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto shared = open[path].lock()) return shared;
  auto g = Gazetteer::Open(path);
  if (!g.ok()) return Status::Error(g.status().message() + " (run scripts/setup.sh, then build)");
  std::shared_ptr<const Gazetteer> shared = std::move(*g);
  open[path] = shared;
  return shared;
}

const StageDescriptor& NamesStageDescriptor() {
  static const StageDescriptor kDescriptor{
      "names",
      "repairs names broken by another language's spelling rules, against a gazetteer, and flags "
      "doubtful ones",
      kRules, kOptions,
      [](const StageOptions& options,
         const StageEnvironment& env) -> StatusOr<std::unique_ptr<Stage>> {
        NamesData d;
        auto g = OpenStageGazetteer(options.GetString("gazetteer"));
        if (!g.ok()) return g.status();
        d.gazetteer = std::move(*g);
        auto common = LoadRules(env.data_dir, "ar");
        if (!common.ok()) return common.status();
        // The language's own rules: written by hand from its conventions, and learned from
        // the names it writes otherwise than English.
        // (tools/names/learn_rewrites.py: the build's <dir>/<lang>.tsv, if it made one.)
        const std::string learned_dir = options.GetString("learned_rules");
        const std::string dir = learned_dir.empty() ? PathFromEnv("MTCLEAN_LEARNED_RULES",
                                                                  MTCLEAN_DEFAULT_LEARNED_RULES)
                                                    : learned_dir;
        for (const std::string& lang : SplitList(options.GetString("source_languages"))) {
          // Hand-written rules where the data is silent (Spanish, French, German); Italian
          // and Portuguese have only the learned ones.
          const std::string hand_written = env.data_dir + "/transliteration/" + lang + ".tsv";
          auto rules = LoadOptionalRules(hand_written);
          if (!rules.ok()) return rules.status();
          const std::string path = dir == "none" ? dir : dir + "/" + lang + ".tsv";
          auto learned = LoadOptionalRules(path);
          if (!learned.ok()) return learned.status();
          for (auto& rule : *learned)
            if (std::find(rules->begin(), rules->end(), rule) == rules->end())
              rules->push_back(std::move(rule));
          if (rules->empty() && path == "none") continue;  // hand-written rules only: it has none
          if (rules->empty())
            return Status::Error("names: no transliteration rules for source language '" + lang +
                                 "' (" + hand_written + ", " + path + ")");
          size_t own = rules->size();
          rules->insert(rules->end(), common->begin(), common->end());
          d.languages.push_back({lang, std::move(*rules), own});
          d.source_languages.push_back(lang);
        }
        // Letters misread by OCR ("Helrnand", "Kandaliar"): one more set of rules, read for every
        // country's names (dictionaries/transliteration/ocr.tsv).
        auto ocr = LoadOptionalRules(env.data_dir + "/transliteration/" +
                                     std::string(kMisreadingRules) + ".tsv");
        if (!ocr.ok()) return ocr.status();
        // Alone, without the vowel variation of romanisations: a misreading is of letters, and
        // is no reason to take two names of a document for one (Explained, batch spellings).
        if (!ocr->empty()) {
          const size_t own = ocr->size();
          d.languages.push_back({std::string(kMisreadingRules), std::move(*ocr), own});
        }
        for (const auto& [country, likely] : LikelyLanguages()) {
          if (likely.second == "Arab") d.arabic_script_countries.insert(country);
          if (likely.second == "Latn") d.latin_script_countries.insert(country);
          d.country_language[country] = likely.first;
        }
        const std::string names_option = options.GetString("english_names");
        auto names = ReadOptionalLines(names_option.empty()
                                           ? PathFromEnv("MTCLEAN_ENGLISH_NAMES", MTCLEAN_DEFAULT_ENGLISH_NAMES)
                                           : names_option);
        if (!names.ok()) return names.status();
        for (const std::string& name : *names) d.english_names.insert(FoldName(name));
        auto terms = ReadDataLines(env.data_dir, "gazetteer/admin1_terms.tsv");
        if (!terms.ok()) return terms.status();
        for (const std::string& l : *terms) {
          size_t tab = l.find('\t');
          if (tab != std::string::npos) d.admin1_terms[l.substr(0, tab)] = l.substr(tab + 1);
        }
        auto words = ReadDataLines(env.data_dir, "gazetteer/admin_words.txt");
        if (!words.ok()) return words.status();
        d.admin_words.insert(words->begin(), words->end());
        auto titles = ReadDataLines(env.data_dir, "gazetteer/titles.txt");
        if (!titles.ok()) return titles.status();
        d.titles.insert(titles->begin(), titles->end());
        for (uint32_t id = 0; id < d.gazetteer->size(); ++id) {
          auto entry = d.gazetteer->Get(id);
          if (entry.type == EntityType::kCountry && entry.name.size() >= 4)
            d.country_prefixes.insert(FoldName(entry.name).substr(0, 4));
        }
        auto cyrillic_lines = ReadDataLines(env.data_dir, "transliteration/cyrillic.tsv");
        if (!cyrillic_lines.ok()) return cyrillic_lines.status();
        auto cyrillic =
            CyrillicHabits::Parse(*cyrillic_lines, env.data_dir + "/transliteration/cyrillic.tsv");
        if (!cyrillic.ok()) return cyrillic.status();
        d.cyrillic = std::move(*cyrillic);
        d.dictionary = options.GetString("dictionary");
        if (Status st = EnglishWords::Check(d.dictionary); !st.ok()) return st;
        d.min_confidence = options.GetDouble("min_confidence");
        return std::unique_ptr<Stage>(std::make_unique<NamesStage>(std::move(d)));
      }};
  return kDescriptor;
}

}  // namespace mtclean
