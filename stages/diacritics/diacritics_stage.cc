// The `diacritics` stage: accents that a careless encoder dropped. Rules and figures:
// stages/diacritics/README.md.
//
// In a language that writes accents (fr, es, pt, de, cs), a document whose words carry far
// fewer accents than the language does was stripped: every word takes its most likely
// accented form (lexicon/accent_model.h: word counts and the neighbours that tell "a" from
// "à"). In a document that kept its accents, only words the language's Hunspell dictionary
// rejects are restored.
//
// In English text, an accented letter may have been dropped with its accent ("Irn" for
// Spanish "Irán"): a word English and the gazetteer do not know becomes the English word
// or name that putting one letter back gives, when a source language's dictionary spells
// that word with an accent on that very letter. Names take their gazetteer form: stray
// accents go ("Kabúl"), and the diacritics of a name's own language come back ("Sao Paulo"),
// unless English has the plain spelling itself ("Montreal") or `ascii_names` is set.
#include "stages/diacritics/diacritics_stage.h"

#include <filesystem>

#include "pipeline/data_files.h"
#include "stages/diacritics/diacritics_internal.h"
#include "stages/names/names_stage.h"

namespace mtclean {
namespace {

using namespace diacritics;  // diacritics_internal.h

constexpr std::array<RuleInfo, 5> kRules = {{
    {"restore-stripped", "a document stripped of its accents: each word takes its most likely accented form",
     "il a ete a Paris", "il a été à Paris"},
    {"restore-word", "a word the language's dictionary rejects takes the accented form it knows", "Le marche a ete",
     "Le marché a été"},
    {"dropped-letter", "English text: a letter dropped with its accent is put back (the source language spells it with one)",
     "Irn", "Iran"},
    {"name-form", "English text: a name takes its gazetteer spelling (stray accents off, its own language's accents on)",
     "Sao Paulo", "São Paulo"},
    {"uncertain", "flag: a dropped letter or accent, not sure enough which", "Pars", "(flagged)"},
}};

constexpr std::array<OptionInfo, 10> kOptions = {{
    {"language", OptionType::kString, "auto", "the documents' language (auto: the document's metadata, else CLD2)"},
    {"languages", OptionType::kString, "fr,es,pt,de,cs", "languages whose accents are restored"},
    {"source_languages", OptionType::kString, "es,fr,pt,de",
     "English text: languages it may have been translated from (their dictionaries vouch for dropped letters)"},
    {"ascii_names", OptionType::kBool, "false", "English text: keep names in plain ASCII (house styles that do)"},
    {"current_orthography", OptionType::kBool, "false",
     "write forms the current norm no longer accents plainly (Spanish solo, este: dictionaries/diacritics/<lang>.unaccented.txt)"},
    {"accents_dir", OptionType::kString, "", "accent models (default: $MTCLEAN_ACCENTS_DIR or the build's)"},
    {"hunspell_dir", OptionType::kString, "/usr/share/hunspell", "Hunspell dictionaries"},
    {"gazetteer", OptionType::kString, "", "compiled gazetteer (default: as the names stage)"},
    {"english_accented", OptionType::kString, "",
     "spellings beyond ASCII that English place names use, one per line (default: $MTCLEAN_ENGLISH_ACCENTED or the build's, from libgeonames; 'none')"},
    {"min_confidence", OptionType::kDouble, "0.8", "below this a repair of a single word is flagged instead"},
}};

class DiacriticsStage : public Stage {
 public:
  explicit DiacriticsStage(DiacriticsData d) : d_(std::move(d)) {}

  std::string_view name() const override { return "diacritics"; }
  std::span<const RuleInfo> rules() const override { return kRules; }
  std::unique_ptr<StageScratch> NewScratch() const override { return std::make_unique<DiacriticsScratch>(); }

  // English repairs change what the next pass sees (a repaired word vouches for others, a
  // letter put back changes the language CLD2 reads), so the stage runs until a pass changes
  // nothing (pipeline/multi_pass.h). A pass of restorations alone is final (OnePass).
  void Process(std::string_view in, StageContext& ctx) const override {
    auto& s = static_cast<DiacriticsScratch&>(*ctx.scratch);
    RunPassesToFixpoint(in, ctx, s.buffers, 1,
                        [&](int, std::string_view text, TextRewriter& rw) { return OnePass(text, ctx.document, s, rw); });
  }

 private:
  // True when the pass's output is final, so that no round is spent confirming it.
  // Restorations alone are: they keep the text without accents as it was, so the words and
  // their languages are the same the next time; a word left plain would be chosen plain
  // again from the same plain neighbours (or the dictionary, once the span counts as having
  // kept its accents, would not reject it); a restored word carries accents and is not
  // looked at again. Every language's changes are written together, in text order (a
  // TextRewriter drops a change before an earlier one: a Spanish line restored after a
  // French one once hid the French repairs until the next round;
  // tests/fuzz_corpus/regression-diacritics-second-pass).
  bool OnePass(std::string_view in, const Document& document, DiacriticsScratch& s, TextRewriter& rw) const {
    Tokenize(in, s.words);
    PlainWords(in, s);
    s.pending.clear();
    const std::string main_language = Languages(d_, in, document, s);
    const bool english = main_language == "en";
    if (english) English(d_, in, s);
    // Each accented language the document holds (a French page quoting English commands
    // is restored where it is French).
    std::vector<std::string_view> seen;
    for (std::string_view lang : s.word_language)
      if (!lang.empty() && std::find(seen.begin(), seen.end(), lang) == seen.end()) seen.push_back(lang);
    for (std::string_view lang : seen)
      if (d_.models.count(std::string(lang)) > 0)
        Restore(d_, in, std::string(lang), lang == main_language, s);
    std::stable_sort(s.pending.begin(), s.pending.end());
    for (const Pending& p : s.pending) {
      if (p.replacement.empty()) rw.Flag(p.begin, p.end, p.rule, p.confidence);
      else rw.Replace(p.begin, p.end, p.replacement, p.rule, p.confidence);  // an overlap is ignored
    }
    return !english;
  }

  // ---- Accented languages ----

  // ---- English ----

  DiacriticsData d_;
};

}  // namespace

std::string DefaultEnglishAccented() {
  return PathFromEnv("MTCLEAN_ENGLISH_ACCENTED", MTCLEAN_DEFAULT_ENGLISH_ACCENTED);
}

const StageDescriptor& DiacriticsStageDescriptor() {
  static const StageDescriptor kDescriptor{
      "diacritics",
      "restores accents a careless encoder dropped, and letters dropped with them in English text",
      kRules, kOptions,
      [](const StageOptions& options,
         const StageEnvironment& env) -> StatusOr<std::unique_ptr<Stage>> {
        DiacriticsData d;
        d.language = options.GetString("language");
        d.languages = SplitList(options.GetString("languages"));
        d.source_languages = SplitList(options.GetString("source_languages"));
        d.ascii_names = options.GetBool("ascii_names");
        if (options.GetBool("current_orthography"))
          for (const auto& lang : d.languages) {
            const std::string file = "diacritics/" + lang + ".unaccented.txt";
            if (!std::filesystem::exists(env.data_dir + "/" + file)) continue;
            auto forms = ReadDataLines(env.data_dir, file);
            if (!forms.ok()) return forms.status();
            d.unaccented[lang].insert(forms->begin(), forms->end());
          }
        d.hunspell_dir = options.GetString("hunspell_dir");
        d.min_confidence = options.GetDouble("min_confidence");
        const std::string dir = options.GetString("accents_dir").empty() ? DefaultAccentsDir() : options.GetString("accents_dir");
        for (const auto& lang : d.languages) {
          LazyAccentModel model(dir + "/" + lang + ".accents");
          if (Status st = model.Check(); !st.ok()) return st;
          d.models.emplace(lang, std::move(model));
        }
        for (const auto& lang : d.source_languages) {
          if (Status st = EnglishWords::Check(d.hunspell_dir + "/" + HunspellDictionaryName(lang)); !st.ok())
            return st;
        }
        if (auto en = std::make_unique<LazyAccentModel>(dir + "/en.accents"); en->Check().ok())
          d.english_counts = std::move(en);
        std::vector<std::string> listed = {"en", "it"};
        listed.insert(listed.end(), d.languages.begin(), d.languages.end());
        for (const auto& lang : listed) {
          const std::string file = "stopwords/" + lang + ".txt";
          if (lang != "en" && !std::filesystem::exists(env.data_dir + "/" + file)) continue;
          if (std::find(d.function_word_languages.begin(), d.function_word_languages.end(), lang) !=
                  d.function_word_languages.end() ||
              d.function_word_languages.size() == 8)
            continue;
          auto stop = ReadDataLines(env.data_dir, file);
          if (!stop.ok()) return stop.status();
          const auto bit = static_cast<uint8_t>(1u << d.function_word_languages.size());
          if (lang == "en")
            d.english_function_bit |= bit;
          else if (d.models.count(lang) > 0)
            d.restorable_function_bits |= bit;
          d.function_word_languages.push_back(lang);
          for (const auto& w : *stop)
            if (w.size() >= 2 && w.find('\'') == std::string::npos)
              d.function_words.Add(PlainWord(w), bit);
        }
        if (Status st = EnglishWords::Check(d.hunspell_dir + "/en_US"); !st.ok()) return st;
        auto g = OpenStageGazetteer(options.GetString("gazetteer"));
        if (!g.ok()) return g.status();
        d.gazetteer = std::move(*g);
        const std::string accented_option = options.GetString("english_accented");
        auto accented = ReadOptionalLines(accented_option.empty() ? DefaultEnglishAccented() : accented_option);
        if (!accented.ok()) return accented.status();
        d.english_accented.insert(accented->begin(), accented->end());
        return std::unique_ptr<Stage>(std::make_unique<DiacriticsStage>(std::move(d)));
      }};
  return kDescriptor;
}

}  // namespace mtclean
