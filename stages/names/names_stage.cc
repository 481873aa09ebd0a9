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
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
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
#include "pipeline/long_tokens.h"
#include "pipeline/multi_pass.h"
#include "pipeline/utf8.h"
#include "stages/names/candidates.h"
#include "stages/names/cyrillic_habits.h"
#include "stages/names/place_evidence.h"
#include "stages/names/respelling_rules.h"
#include "stages/names/romanisation_marks.h"

namespace mtclean {
namespace {

// Each per-worker cache of decisions is emptied when it holds this many: the common words it
// exists for come back at once, and memory stays bounded on text that never repeats.
constexpr size_t kMaxCacheEntries = 16384;

enum Rule : uint16_t {
  kTransliteration,
  kCapitalOf,
  kSameName,
  kAdminTerm,
  kSpellingVariant,
  kUnknownName,
  kInconsistent,
  kExonym,
  kRomanisation,
  kCyrillic
};

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

struct Word {
  size_t begin, end;
  bool capitalised;  // or a particle joined to a name by a hyphen ("al-Assad")
  bool particle;     // a lower-case word names have inside ("bin", "von", "and")
};

// Lower-case words inside names: "Tamim bin Hamad", "Ursula von der Leyen", "Sistan and
// Baluchestan", "Salah ad Din". A run of capitalised words goes on through them.
bool IsNameParticle(std::string_view w) {
  // Runs for every lower-case word: words of up to five letters packed into an integer, and
  // compared with the particles packed so at compile time.
  if (w.empty() || w.size() > 5) return false;
  auto pack = [](std::string_view p) {
    uint64_t v = p.size();
    for (char c : p) v = v << 8 | static_cast<unsigned char>(c);
    return v;
  };
  using namespace std::string_view_literals;
  static constexpr std::array kParticles = {
      "al"sv,  "el"sv,  "ad"sv,  "ud"sv,  "ul"sv, "ur"sv, "as"sv, "at"sv,    "an"sv, "bin"sv, "ibn"sv, "bint"sv,
      "von"sv, "van"sv, "der"sv, "den"sv, "de"sv, "del"sv, "della"sv, "di"sv, "da"sv,  "do"sv,  "dos"sv, "du"sv,
      "la"sv,  "le"sv,  "e"sv,   "i"sv,   "y"sv,  "and"sv, "ben"sv, "ter"sv, "ten"sv};
  static const auto kPacked = [&] {
    std::array<uint64_t, kParticles.size()> packed{};
    for (size_t i = 0; i < kParticles.size(); ++i) packed[i] = pack(kParticles[i]);
    std::sort(packed.begin(), packed.end());
    return packed;
  }();
  return std::binary_search(kPacked.begin(), kPacked.end(), pack(w));
}

// The consonant skeleton of a folded name's letters alone ("jalal-abad" as "jalalabad").
std::string SkeletonOfLetters(std::string_view folded) {
  std::string letters;
  for (char c : folded)
    if (c != ' ' && c != '-' && c != '\'') letters.push_back(c);
  return Skeleton(letters);
}

// Whether a span's context asks for a place: "X province", "the capital of X" ('p'), "the
// city of X" ('c', a settlement).
bool AsksForPlace(char context) { return context == 'p' || context == 'c'; }

// The rule set of letters OCR misreads, kept apart from the source languages' (Explained,
// batch spellings: a misreading is no reason to take two names for one).
constexpr std::string_view kMisreadings = "ocr";

// How a repair writes an entity: its English name where the data gives one ("Khost"), else
// its canonical name; without the word for its kind of division, and without the marks of a
// scholarly romanisation ("Sīrjān", "Al Aḩmadī"), which the country's languages do not write;
// marks they write stay ("Béjaïa", "Tétouan").
std::string EnglishSpelling(const Gazetteer::Entry& c, CountryLetters& letters) {
  const std::string_view name = WithoutAdminWord(c.english);
  if (!c.country.empty() && letters.Writes(c.country, name)) return std::string(name);
  return WithoutMarks(name);
}

// "Nasa" is NASA: a word English knows in another case is no unknown name.
bool KnownInAnyCase(EnglishWords& english, std::string_view word) {
  if (english.Known(word)) return true;
  std::string lower, upper;
  for (size_t pos = 0; pos < word.size();) {
    int32_t cp;
    int n = utf8::Decode(word, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : 1);
    if (cp < 0) return false;
    utf8::Append(&lower, utf8proc_tolower(cp));
    utf8::Append(&upper, utf8proc_toupper(cp));
  }
  return english.Known(lower) || english.Known(upper);
}

// How many pages of the batch spell each capitalised word each way. Observing only counts
// spellings (cheap: it runs over every page before cleaning); merging, which gives the
// knowledge the cleaning reads, also indexes the spellings by skeleton. Bounded: past
// kMaxEntries new spellings are not counted.
class NameCounts : public CorpusStats {
 public:
  static constexpr size_t kMaxEntries = size_t{1} << 21;
  void Add(const std::string& spelling, uint32_t n = 1) {
    auto it = counts_.find(spelling);
    if (it != counts_.end()) it->second += n;
    else if (counts_.size() < kMaxEntries) counts_.emplace(spelling, n);
  }
  // Spellings of one skeleton with their page counts; null when none (or not merged yet).
  const std::unordered_map<std::string, uint32_t>* Group(const std::string& skeleton) const {
    auto it = index_.find(skeleton);
    return it == index_.end() ? nullptr : &it->second;
  }
  void Merge(const CorpusStats& other) override {
    for (const auto& [spelling, n] : static_cast<const NameCounts&>(other).counts_) Add(spelling, n);
    BuildIndex();
  }
  void Serialize(std::string* out) const override {
    for (const auto& [spelling, n] : counts_) *out += spelling + '\t' + std::to_string(n) + '\n';
  }
  Status Deserialize(std::string_view in) override {
    while (!in.empty()) {
      size_t nl = in.find('\n');
      std::string_view line = in.substr(0, nl);
      in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
      size_t tab = line.rfind('\t');
      if (tab == std::string_view::npos) return Status::Error("malformed name counts");
      Add(std::string(line.substr(0, tab)),
          static_cast<uint32_t>(std::strtoul(std::string(line.substr(tab + 1)).c_str(), nullptr, 10)));
    }
    BuildIndex();
    return {};
  }

 private:
  void BuildIndex() {
    index_.clear();
    for (const auto& [spelling, n] : counts_) index_[Skeleton(FoldName(spelling))].emplace(spelling, n);
  }
  std::unordered_map<std::string, uint32_t> counts_;
  std::unordered_map<std::string, std::unordered_map<std::string, uint32_t>> index_;
};

// What to do with a span of capitalised words.
struct SpanResult {
  enum Kind : uint8_t { kNone, kHandled, kReplace, kFlag } kind = kNone;
  std::string replacement;
  uint16_t rule = kTransliteration;
  float confidence = 0;
  std::string skeleton;  // of an unknown single word, for the consistency check
};

class NamesScratch : public StageScratch {
 public:
  std::unique_ptr<EnglishWords> english;
  std::vector<Word> words;
  std::unordered_set<std::string> countries;  // of the current document
  std::string country_signature;              // the same, sorted, as a cache key part
  std::unordered_map<std::string, SpanResult> cache;
  CandidateCache candidates;  // by spelling, across documents (candidates.h)
  // A capitalised span -> the country it names ("~AF": a place of it), or "", and whether
  // it is another language's spelling of a place.
  struct SpanPlace {
    // The country the span names (CountryNamed: by a country's name or its capital, or "~"
    // and a place's country: a place alone is no proof, two different ones are); by the
    // English or GeoNames names, and by other languages' names (exonyms).
    std::string country, country_by_exonym;
    bool translated = false;
    // Of a single word: the languages (bits, CyrillicHabits' order) whose transcription of
    // Cyrillic it is, ending as such names do ("Owtscharow": German), and those of them whose
    // letters or ending tell it from an English name ("Partlow" does not: cyrillic_habits.h).
    uint8_t cyrillic = 0, cyrillic_telling = 0;
  };
  WordMap<SpanPlace> country_of;
  CountryLetters country_letters;
  std::unordered_map<std::string, std::string> place_of_country;  // a place seen naming each country
  bool translated_names = false;  // the document spells a name as another language does
  // Words transcribed from Cyrillic, by language (CyrillicHabits' order), whether one tells
  // itself from an English name, and the language of which the document has two or more, one
  // telling (-1: none).
  std::vector<std::vector<std::string_view>> cyrillic_words;
  std::vector<bool> cyrillic_telling;
  int cyrillic_language = -1;
  bool repaired_a_name = false;   // a name of the document was repaired (any pass)
  MultiPassBuffers buffers;
  const NameCounts* batch = nullptr;  // spellings across the batch, if observed
  // In the current pass: single words repaired (spelling -> repair), and single words no
  // span decided anything about (indices into `words`).
  std::unordered_map<std::string, std::string> resolved;
  std::vector<size_t> unresolved;
};

class NamesStage : public Stage {
 public:
  struct Data {
    std::shared_ptr<const Gazetteer> gazetteer;
    // Source language -> its rules, then the common ones of ar.tsv; the first `distinctive`
    // rules are the language's own.
    using Language = SourceLanguageRules;
    std::vector<Language> languages;
    std::vector<std::string> source_languages;  // their names
    WordSet english_names;  // folded
    // Countries whose names English romanises from the Arabic script (CLDR's likely script of
    // the country's language: Afghanistan, Iran, Iraq, Pakistan...). The common variation of
    // ar.tsv (vowels, q/k) explains only their names: Pinyin or Cyrillic romanisations do not
    // vary so, and "Shanshan" is no "Shenzhen".
    std::unordered_set<std::string> arabic_script_countries;
    // Each country's likeliest language (CLDR likely subtags: ES -> es): a source language
    // writes the names of its own countries as they are, or by an exonym; its transliteration
    // habits are for foreign names ("Castile-La Mancha" is no Spanish "Castille" spelt short).
    std::unordered_map<std::string, std::string> country_language;
    std::unordered_map<std::string, std::string> admin1_terms;    // country -> "Province"
    std::unordered_set<std::string> admin_words;
    std::unordered_set<std::string> titles;            // "President", "Minister"
    std::unordered_set<std::string> country_prefixes;  // first four letters of country names
    CyrillicHabits cyrillic;                           // dictionaries/transliteration/cyrillic.tsv
    std::string dictionary;
    double min_confidence = 0.8;
  };
  explicit NamesStage(Data d) : d_(std::move(d)) {}

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
    RunPassesToFixpoint(in, ctx, s.buffers, 1,
                        [&](int, std::string_view text, TextRewriter& rw) { OnePass(text, s, rw); });
  }

 private:
  void OnePass(std::string_view text, NamesScratch& s, TextRewriter& rw) const {
    Tokenize(text, s.words);
    if (!MostlyEnglish(text, s)) return;  // names are repaired in English text only
    // The countries the document names, by their names or by a place of their own (a
    // division, or a city of 100,000 people, that no other country has a place of some size
    // called so: "Bamiyan" names Afghanistan): a single word is repaired only to a name of
    // one of them.
    s.countries.clear();
    s.place_of_country.clear();
    s.translated_names = false;
    s.cyrillic_words.assign(d_.cyrillic.languages().size(), {});
    s.cyrillic_telling.assign(d_.cyrillic.languages().size(), false);
    for (size_t k = 0; k < s.words.size(); ++k) {
      if (!s.words[k].capitalised) continue;
      for (size_t len = 1; len <= 3 && k + len <= s.words.size(); ++len) {
        const std::string_view span = text.substr(s.words[k].begin, s.words[k + len - 1].end - s.words[k].begin);
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
          place.translated = d_.english_names.count(folded) == 0 && !exonym_of.empty() &&
                             !(one_word && KnownInAnyCase(*s.english, span));
          if (place.translated) place.country_by_exonym = CountryNamed(exonym_of, true);
          if (len == 1) CyrillicOf(span, folded, s, place);
          // (Not a word of English: "Mobile", "Reading" say nothing of a country.)
          for (std::string* c : {&place.country, &place.country_by_exonym})
            if (!c->empty() && ((*c)[0] == '~' || (*c)[0] == '=') &&
                s.english->Known(LowerWord(span)))
              c->clear();
          if (s.country_of.size() > kMaxCacheEntries) s.country_of.clear();
          it = s.country_of.emplace(std::string(span), std::move(place)).first;
        }
        // (Not in a club's name or a quotation of that language: "the Germania club".)
        const bool translated = it->second.translated &&
                                (len == 1 || s.words[k + len - 1].capitalised) &&
                                Context(text, s, k, k + len) != 'o';
        s.translated_names |= translated;
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
    s.resolved.clear();
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
      w = RepairRun(text, s, w, e, rw, unknown_by_skeleton);
    }
    SameName(text, s, unknown_by_skeleton, rw);
    Consistency(text, s, unknown_by_skeleton, rw);
  }

  static void Tokenize(std::string_view text, std::vector<Word>& words) {
    words.clear();
    LongTokens long_tokens(text);  // a base64 image's letter runs are no names
    auto ascii_letter = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
    for (size_t pos = 0; pos < text.size();) {
      const auto byte = static_cast<unsigned char>(text[pos]);
      int32_t cp = byte;
      size_t len = 1;
      if (byte >= 0x80) {  // ASCII, the common case, needs no decoding
        int n = utf8::Decode(text, pos, &cp);
        len = static_cast<size_t>(n > 0 ? n : -n);
      } else if (!ascii_letter(byte)) {
        ++pos;
        continue;
      }
      if (byte >= 0x80 && !utf8::IsLetter(cp)) {
        pos += len;
        continue;
      }
      size_t b = pos;
      bool cap = utf8::IsUpper(cp);
      while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c < 0x80) {
          if (ascii_letter(c) || ((c == '-' || c == '\'') && pos + 1 < text.size() &&
                                  utf8::IsLetter(utf8::At(text, pos + 1)))) {
            ++pos;
            continue;
          }
          break;
        }
        int n = utf8::Decode(text, pos, &cp);
        if (!(utf8::IsLetter(cp) || utf8::IsMark(cp))) break;
        pos += static_cast<size_t>(n > 0 ? n : -n);
      }
      std::string_view token = text.substr(b, pos - b);
      bool particle = !cap && IsNameParticle(token);
      // "al-Assad", "el-Sisi": a short particle joined to a capitalised name.
      if (!cap) {
        size_t hyphen = token.find('-');
        if (hyphen != std::string_view::npos && hyphen <= 3 && hyphen + 1 < token.size() &&
            IsNameParticle(token.substr(0, hyphen)) && std::isupper(static_cast<unsigned char>(token[hyphen + 1])))
          cap = true;
      }
      if (long_tokens.Contains(b)) continue;
      words.push_back({b, pos, cap, particle});
    }
  }

  // Whether most lower-case words (a sample of up to 400) are English words.
  static bool MostlyEnglish(std::string_view text, NamesScratch& s) {
    size_t seen = 0, known = 0;
    for (size_t k = 0; k < s.words.size() && seen < 400; ++k) {
      if (s.words[k].capitalised) continue;
      ++seen;
      known += s.english->Known(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin)) ? 1 : 0;
    }
    return seen < 20 ? seen == 0 || known * 10 >= seen * 7 : known * 10 >= seen * 8;
  }

  static bool Adjacent(std::string_view text, const Word& a, const Word& b) {
    return b.begin == a.end + 1 && text[a.end] == ' ';
  }

  // Repairs within the capitalised words [w, e); returns where to continue.
  size_t RepairRun(std::string_view text, NamesScratch& s, size_t w, size_t e, TextRewriter& rw,
                   std::map<std::string, std::vector<size_t>>& unknown) const {
    // A sentence-initial English word ("The", "However") is not part of the name.
    if (w == 0 || SentenceStart(text, s.words[w].begin)) {
      std::string_view first = text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin);
      if (e - w > 1 && s.english->Known(first)) ++w;
    }
    // Nor are titles and nationalities in front of it ("Syrian President X"), unless the
    // whole run is a name.
    auto title = [&](size_t k) {
      std::string_view word = text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
      return !s.words[k].particle && (d_.titles.count(std::string(word)) > 0 || Demonym(s, word));
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
        for (const auto& entry : d_.gazetteer->FindByName(place)) {
          if (entry.type != EntityType::kAdmin1) continue;
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

  // "Syrian", "Afghan", "Chinese": an English word with a demonym's ending whose first four
  // letters begin the name of a country.
  bool Demonym(NamesScratch& s, std::string_view word) const {
    using namespace std::string_view_literals;
    if (word.size() < 5) return false;
    bool ending = false;
    for (std::string_view suffix : {"an"sv, "ese"sv, "i"sv, "ish"sv, "ic"sv})
      ending |= word.substr(word.size() - suffix.size()) == suffix;
    if (!ending) return false;
    std::string folded = FoldName(word);
    return folded.size() >= 5 && d_.country_prefixes.count(folded.substr(0, 4)) > 0 && s.english->Known(word);
  }

  static bool SentenceStart(std::string_view text, size_t pos) {
    while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '"' || text[pos - 1] == '\xE2')) --pos;
    if (pos == 0) return true;
    char c = text[pos - 1];
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || static_cast<unsigned char>(c) == 0x9C;
  }

  // Whether the span [b, e) was handled (a known name, or repaired, or flagged).
  // Decisions are cached per worker by the span's text (and, for a single word, the
  // countries of the document): names repeat across a corpus, and deciding one takes
  // hundreds of gazetteer look-ups (measured: the stage was 1.2 MB/s without the cache).
  bool TrySpan(std::string_view text, NamesScratch& s, size_t b, size_t e, bool whole_run, TextRewriter& rw,
               std::map<std::string, std::vector<size_t>>& unknown) const {
    size_t begin = s.words[b].begin, end = s.words[e - 1].end;
    const char context = Context(text, s, b, e);
    const uint32_t capital_of = CapitalOfContext(text, s, b, e);
    std::string key(text.substr(begin, end - begin));
    key += whole_run ? "\x1f" "1" : "\x1f" "0";
    key += context;
    key.append(reinterpret_cast<const char*>(&capital_of), sizeof capital_of);
    if (e - b == 1) key += s.country_signature;
    key += s.translated_names ? "\x1f" "t" : "";
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
        rw.Replace(begin, end, r.replacement, r.rule, r.confidence);
        s.repaired_a_name = true;
        // The same spelling elsewhere in the document, where nothing told what it is, is
        // the same name.
        if (e - b == 1) s.resolved.emplace(std::string(text.substr(begin, end - begin)), r.replacement);
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

  // Whether `word` is `lower` in any case: ASCII, without allocating (this runs per span).
  static bool IsWord(std::string_view word, std::string_view lower) {
    if (word.size() != lower.size()) return false;
    for (size_t i = 0; i < lower.size(); ++i)
      if (static_cast<char>(std::tolower(static_cast<unsigned char>(word[i]))) != lower[i]) return false;
    return true;
  }

  // Whether word `k`, next to word `of` with one space between, continues its name: a
  // capitalised word or a name particle ("di", "al").
  static bool AdjacentNameWord(std::string_view text, const NamesScratch& s, size_t k, size_t of) {
    const auto& [first, second] =
        k < of ? std::pair(s.words[k], s.words[of]) : std::pair(s.words[of], s.words[k]);
    return second.begin == first.end + 1 && text[first.end] == ' ' &&
           (s.words[k].capitalised || s.words[k].particle);
  }

  // `whole_run`: the span is all of its run of capitalised words; a name inside a longer run
  // ("Thani" in "Hamad Al Thani") is only ever flagged.
  // What the words around a span ask for: 'p' a place ("X province", "the city of X"),
  // 'h' a person ("spokesman X", "X said"), '-' nothing.
  char Context(std::string_view text, const NamesScratch& s, size_t b, size_t e) const {
    auto is = [](std::string_view word, std::initializer_list<std::string_view> options) {
      for (std::string_view o : options)
        if (IsWord(word, o)) return true;
      return false;
    };
    auto word = [&](size_t k) { return text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin); };
    if (e < s.words.size() && s.words[e].begin == s.words[e - 1].end + 1 &&
        is(word(e), {"province", "district", "city", "state", "region", "department", "governorate",
                     "prefecture", "oblast"}))
      return 'p';
    if (b > 0) {
      std::string_view prev = word(b - 1);
      if (is(prev, {"spokesman", "spokeswoman", "spokesperson", "minister", "president", "commander", "leader",
                    "envoy", "mr", "mrs", "ms", "chief", "secretary"}))
        return 'h';
      // An initial before it ("J. Smith", "Via di S. Alessio"): a person's name.
      if (prev.size() == 1 && prev[0] >= 'A' && prev[0] <= 'Z' &&
          s.words[b - 1].end < text.size() && text[s.words[b - 1].end] == '.')
        return 'h';
      // "the capital of X", "the province of X": places; "the city of X" a settlement ('c').
      if (b > 1 && is(prev, {"of", "in", "near"}) && is(word(b - 2), {"city", "town", "village"}))
        return 'c';
      if (b > 1 && is(prev, {"of", "in", "near"}) &&
          is(word(b - 2), {"province", "capital", "district"}))
        return 'p';
    }
    // Part of the name of a club, a street, a building ("the Germania club"), or inside a
    // phrase of another language ("superieure de la Louisiane", "annee (Bruxelles)": a
    // lower-case word next to it, name particles aside, that English does not know): spelled as
    // that name or language spells it ('o').
    if (e < s.words.size() &&
        is(word(e), {"club",    "society",    "hotel",       "street",     "avenue", "road",
                     "square",  "bank",       "company",     "league",     "team",   "school",
                     "college", "institute",  "church",      "cathedral",  "hall",   "theatre",
                     "theater", "restaurant", "association", "foundation", "lodge",  "brewery"}))
      return 'o';
    auto foreign = [&](size_t k) {
      std::string_view w = word(k);
      return !s.words[k].capitalised && !w.empty() && utf8::IsLower(utf8::At(w, 0)) &&
             !KnownInAnyCase(*s.english, w);
    };
    size_t before = b;  // the word before it, past name particles ("de la")
    while (before > 0 && b - before < 3 && s.words[before - 1].particle) --before;
    if ((before > 0 && foreign(before - 1)) || (e < s.words.size() && foreign(e))) return 'o';
    return '-';
  }

  // The decision for a span with romanisation marks (OnlyRomanisationMarks) whose spelling
  // without them is a name or exonym of a prominent place: true with `r` set (replaced,
  // flagged when places of different English names are as prominent, or left when the
  // place's country or English writes those marks); false when it names no such place.
  bool RomanisedPlace(std::string_view span, const std::string& folded, NamesScratch& s,
                      SpanResult& r) const {
    constexpr float kProminent = 4.0f;
    std::vector<Gazetteer::Entry> places;
    for (const auto& c : d_.gazetteer->FindByName(folded, kProminent)) places.push_back(c);
    const size_t names = places.size();  // then another language's spellings ("Tahār": Takhar)
    for (const auto& c : d_.gazetteer->FindByExonym(folded, 5.0f)) places.push_back(c);
    const Gazetteer::Entry* best = nullptr;
    for (const auto& c : places)
      if (IsPlace(c) && (best == nullptr || c.prominence > best->prominence)) best = &c;
    if (best == nullptr) return false;
    for (size_t i = 0; i < places.size(); ++i) {
      const auto& c = places[i];
      // Spelled as the country writes it, or as English does ("Kyōto", "Curaçao" in CLDR),
      // unless that place is 100 times less prominent than another so spelled: Colombia's
      // municipality of Jerusalén does not keep Spanish's Jerusalem so.
      // Another language's spelling of a place ("Brésil") is not the country's, whatever
      // letters the country writes, unless the country's names include it.
      if (!IsPlace(c) || c.prominence < best->prominence - 2.0f) continue;
      const bool own_name = i < names || std::any_of(places.begin(), places.begin() + names,
                                                     [&](const auto& n) { return n.id == c.id; });
      if ((own_name && s.country_letters.Writes(c.country, span)) ||
          WithoutAdminWord(c.english) == span) {
        r.kind = SpanResult::kHandled;
        return true;
      }
    }
    const std::string english = EnglishSpelling(*best, s.country_letters);
    // Only the marks go, unless the data says another language spells the place so: "Amará"
    // is not "Al ‘Amarah".
    const bool exonym = best >= places.data() + names;
    if (!exonym && SkeletonOfLetters(FoldName(english)) != SkeletonOfLetters(folded)) return false;
    // (A division and its seat are one answer: Samangan province and its capital Aibak,
    // which GeoNames also calls Samangan.)
    auto seat_of = [](const Gazetteer::Entry& city, const Gazetteer::Entry& division) {
      return division.type == EntityType::kAdmin1 && (city.capital & kSeatOfDivision) != 0 &&
             city.region == division.region && city.region != 0;
    };
    bool other_answer = false;
    for (const auto& c : places)
      other_answer |= c.prominence >= best->prominence - 1.0f && IsPlace(c) && !seat_of(c, *best) &&
                      !seat_of(*best, c) &&
                      FoldName(EnglishSpelling(c, s.country_letters)) != FoldName(english);
    r.rule = kRomanisation;
    r.replacement = english;
    r.confidence = other_answer ? 0.6f : 0.9f;
    r.kind = english == span                     ? SpanResult::kHandled
             : r.confidence >= d_.min_confidence ? SpanResult::kReplace
                                                 : SpanResult::kFlag;
    return true;
  }

  // The languages (bits) whose transcription of Cyrillic the single word `word` is, ending as
  // such names do, when neither English nor the gazetteer knows it ("Pankow" is Berlin's).
  void CyrillicOf(std::string_view word, const std::string& folded, NamesScratch& s,
                  NamesScratch::SpanPlace& place) const {
    for (size_t l = 0; l < d_.cyrillic.languages().size() && l < 8; ++l) {
      bool telling_ending = false, telling_letters = false;
      if (!d_.cyrillic.Marked(word, l, &telling_ending) ||
          d_.cyrillic.English(word, l, &telling_letters).empty())
        continue;
      place.cyrillic |= static_cast<uint8_t>(1u << l);
      if (telling_ending || telling_letters)
        place.cyrillic_telling |= static_cast<uint8_t>(1u << l);
    }
    if (place.cyrillic != 0 &&
        (KnownInAnyCase(*s.english, word) || d_.english_names.count(folded) > 0 ||
         !d_.gazetteer->FindByName(folded).empty()))
      place.cyrillic = place.cyrillic_telling = 0;
  }

  // The span [b, e) as English transcribes a name from Cyrillic that a source language
  // transcribed its way (cyrillic_habits.h): one of its words must end as such names do
  // ("Dessislava Taneva": the first name shows the transcription, the surname the ending).
  // Words English knows stay ("Martin"), as do words that read as an English word ("Walid" is
  // no "Valid"). A repair where the document has two such words of that language; a flag
  // where it has one.
  bool CyrillicRespelling(std::string_view text, NamesScratch& s, size_t b, size_t e,
                          SpanResult& r) const {
    for (size_t l = 0; l < d_.cyrillic.languages().size() && l < 8; ++l) {
      if (s.cyrillic_language >= 0 && static_cast<size_t>(s.cyrillic_language) != l) continue;
      // (First the cheap test of the endings: most spans have none.)
      bool any_marked = false;
      for (size_t k = b; k < e && !any_marked; ++k)
        any_marked = d_.cyrillic.Marked(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin), l);
      if (!any_marked) continue;
      bool marked = false, changed = false, telling = false;
      std::string out;
      size_t last = s.words[b].begin;
      for (size_t k = b; k < e; ++k) {
        if (s.words[k].particle) continue;
        const std::string_view word =
            text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin);
        std::string english;
        const bool known = KnownInAnyCase(*s.english, word);
        bool telling_letters = false, telling_ending = false;
        if (!known) english = d_.cyrillic.English(word, l, &telling_letters);
        if (!known && d_.cyrillic.Marked(word, l, &telling_ending)) {
          const std::string folded = FoldName(word);
          if (d_.english_names.count(folded) > 0 || !d_.gazetteer->FindByName(folded).empty())
            return false;
          marked = true;
          telling |= telling_ending;
        } else if (!english.empty() && s.english->Known(LowerWord(english))) {
          english.clear();
        }
        changed |= !english.empty();
        telling |= !english.empty() && telling_letters;
        out.append(text.substr(last, s.words[k].begin - last));
        out += english.empty() ? std::string(word) : english;
        last = s.words[k].end;
      }
      // (Alone, a name English names could be is no sign: "Partlow".)
      if (!marked || !changed || (!telling && static_cast<int>(l) != s.cyrillic_language)) continue;
      out.append(text.substr(last, s.words[e - 1].end - last));
      r.rule = kCyrillic;
      r.replacement = std::move(out);
      r.confidence = static_cast<int>(l) == s.cyrillic_language ? 0.85f : 0.6f;
      r.kind = r.confidence >= d_.min_confidence ? SpanResult::kReplace : SpanResult::kFlag;
      return true;
    }
    return false;
  }

  SpanResult DecideSpan(std::string_view text, NamesScratch& s, size_t b, size_t e, bool whole_run,
                        char context, uint32_t capital_of) const {
    size_t begin = s.words[b].begin, end = s.words[e - 1].end;
    std::string_view span = text.substr(begin, end - begin);
    SpanResult r;
    std::string folded = FoldName(span);
    if (folded.empty()) return r;
    // A place's name with the marks of a romanisation its country does not write ("Herāt",
    // "Qundūz", "Khôst", "Lorestán": romanisations of Pashto and Persian, a French or Spanish
    // text's accents) is written as English writes it. Marks the country writes ("Témara",
    // Morocco writes French) are its own spelling.
    if (context != 'o' && context != 'h' && whole_run && OnlyRomanisationMarks(span))
      if (RomanisedPlace(span, folded, s, r)) return r;
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
      if (person || FoldName(c.name) == folded) known_prominence = std::max(known_prominence, c.prominence);
      if (!person && FoldName(c.name) == folded) known_countries.push_back(c.country);
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
    // Another language's own spelling of a place (CLDR territories and exemplar cities,
    // iso-codes divisions: "Damasco", "Jartum", "Dschuzdschan"): the data knows it, no
    // rules or guessing are needed. One place (places spelled alike count as one) is a
    // repair; several are flagged. A place whose own name it is must be far less prominent
    // (the village of Siria in Romania is no Syria).
    // An acronym in capitals ("DACA" is no Portuguese "Daca", Dhaka) is not a spelling.
    bool has_lower = false;
    for (size_t p = 0; p < span.size();) {
      int32_t cp;
      int n = utf8::Decode(span, p, &cp);
      has_lower |= n > 0 && utf8::IsLower(cp);
      p += static_cast<size_t>(n > 0 ? n : 1);
    }
    // Only a whole run of capitalised words: inside a longer one it is part of another
    // name ("Casey Mittelstadt" is no "Baia Sprie", which German calls Mittelstadt), and
    // only prominent places (cities of 100,000 and more, divisions, countries).
    if (context != 'h' && context != 'o' && has_lower && whole_run &&
        (known_prominence < 0 || e - b == 1)) {
      auto hits = d_.gazetteer->FindByExonym(folded);
      // A spelling English may share ("Alepo", "Dahuk") only where the document shows a
      // translation otherwise: another language's spelling of a name, or a name repaired.
      if (s.translated_names || s.repaired_a_name)
        for (auto& c : d_.gazetteer->FindByWeakExonym(folded)) hits.push_back(c);
      std::vector<Gazetteer::Entry>
          alike_here;  // prominent places of the document's countries spelled alike
      // (by their own or English names: one of the many alternates GeoNames lists, Libya's
      // "Berta" for Al Qubbah, is no reason to doubt "Beyrouth")
      if (!hits.empty() && !s.countries.empty())
        for (const auto& o : d_.gazetteer->FindBySkeleton(Skeleton(folded), 3.0f))
          if (s.countries.count(std::string(o.country)) > 0 &&
              (o.form == o.name || o.form == o.english))
            alike_here.push_back(o);
      std::vector<std::pair<std::string, std::string>> places;  // their own and English names
      const Gazetteer::Entry* top = nullptr;
      for (const auto& c : hits) {
        // A smaller place (a town of 10,000, a district) where the document talks about its
        // country: "Taounate" beside Fès and Oujda.
        const bool of_here = s.countries.count(std::string(c.country)) > 0;
        if (c.prominence < (of_here ? 4.0f : 5.0f)) continue;
        if (context == 'c' && c.type == EntityType::kCountry)
          continue;  // "the city of Islandia" is no Iceland
        if (known_prominence >= 0 && c.prominence < known_prominence + 2) continue;
        // The English name without the letters English lacks is how English writes it
        // ("Chelmno" for Chełmno), whichever language also does.
        if (LatinAscii(c.english) == span) continue;
        // A place of the country whose own name the span is: the town and its division
        // ("Sekong", the capital of Xekong province), not another language's spelling.
        if (std::find(known_countries.begin(), known_countries.end(), c.country) != known_countries.end()) continue;
        // A spelling that differs from the English name only as romanisations do ("Djalalabad",
        // French for Jalal-Abad in Kyrgyzstan) is no exonym of a place of another country when a
        // place of the document's countries is spelled alike, and at least as close: in a text
        // on Afghanistan it is Jalalabad (a Japanese Yamaga, one skeleton with Jamaica, is no
        // reason to doubt "Jamaika").
        const std::string english_folded = FoldName(WithoutAdminWord(c.english));
        if (s.countries.count(std::string(c.country)) == 0 &&
            SkeletonOfLetters(folded) == SkeletonOfLetters(english_folded) &&
            std::any_of(alike_here.begin(), alike_here.end(), [&](const auto& o) {
              return o.country != c.country &&
                     Levenshtein(FoldName(o.form), folded) <= Levenshtein(english_folded, folded);
            }))
          continue;
        places.push_back({FoldName(WithoutAdminWord(c.name)),
                          FoldName(WithoutAdminWord(EnglishSpelling(c, s.country_letters)))});
        if (top == nullptr || c.prominence > top->prominence) top = &c;
      }
      if (top != nullptr) {
        r.rule = kExonym;
        r.replacement = EnglishSpelling(*top, s.country_letters);
        r.confidence = OneAnswer(places) ? 0.9f : 0.5f;
        r.kind = r.confidence >= d_.min_confidence ? SpanResult::kReplace : SpanResult::kFlag;
        return r;
      }
    }
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
                                &d_.country_language};
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
      // without a rule of the source language's own.
      near |= single ? (j.distance <= 1 && c.prominence >= 5.5f) : j.distance <= 2;
      near |= j.near_by_rules;
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
    if (whole_run && context != 'o' && CyrillicRespelling(text, s, b, e, r)) return r;
    if (near) {
      r.kind = SpanResult::kFlag;
      r.confidence = 0.5f;
      return r;
    }
    if (e - b == 1) r.skeleton = Skeleton(folded);
    return r;
  }

  // A word repaired where its context said what it is ("X, the capital of Y") is repaired
  // the same way where nothing says it ("fled from X"); it then leaves the consistency check.
  void SameName(std::string_view text, NamesScratch& s, std::map<std::string, std::vector<size_t>>& unknown,
                TextRewriter& rw) const {
    if (s.resolved.empty()) return;
    std::unordered_set<size_t> done;
    for (size_t w : s.unresolved) {
      auto it = s.resolved.find(std::string(text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin)));
      if (it == s.resolved.end() || !done.insert(w).second) continue;
      rw.Replace(s.words[w].begin, s.words[w].end, it->second, kSameName, 0.8f);
    }
    for (auto& [skeleton, words] : unknown)
      words.erase(std::remove_if(words.begin(), words.end(), [&](size_t w) { return done.count(w) > 0; }),
                  words.end());
  }

  // "X, the capital of Y" / "the capital of Y, X": the division or country Y whose seat X is
  // said to be (its RegionId), or 0.
  uint32_t CapitalOfContext(std::string_view text, const NamesScratch& s, size_t b, size_t e) const {
    auto word = [&](size_t k) { return text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin); };
    auto lower_is = [&](size_t k, std::string_view w) { return IsWord(word(k), w); };
    auto between = [&](size_t k) { return text.substr(s.words[k].end, s.words[k + 1].begin - s.words[k].end); };
    // The region named by the capitalised words [from, to), without a trailing admin word.
    auto region = [&](size_t from, size_t to) -> uint32_t {
      for (size_t end = to; end > from; --end) {
        std::string folded = FoldName(text.substr(s.words[from].begin, s.words[end - 1].end - s.words[from].begin));
        for (const auto& c : d_.gazetteer->FindByName(folded)) {
          if (c.type == EntityType::kAdmin1 && c.region != 0) return c.region;
          if (c.type == EntityType::kCountry && !c.country.empty()) return RegionId(c.country);
        }
        if (end - from < 2) break;
        std::string last(word(end - 1));
        if (d_.admin_words.count(last) == 0 && last != "province" && last != "state") break;
      }
      return 0;
    };
    // After: ", the (provincial) capital (city) of Y".
    if (e + 2 < s.words.size() && between(e - 1).find(',') != std::string_view::npos) {
      size_t k = e;
      if (lower_is(k, "the")) ++k;
      if (k < s.words.size() && (lower_is(k, "provincial") || lower_is(k, "regional"))) ++k;
      if (k + 1 < s.words.size() && lower_is(k, "capital")) {
        ++k;
        if (lower_is(k, "city")) ++k;
        if (k + 1 < s.words.size() && lower_is(k, "of")) {
          size_t from = k + 1, to = from;
          while (to < s.words.size() && to - from < 3 && s.words[to].capitalised &&
                 (to == from || Adjacent(text, s.words[to - 1], s.words[to])))
            ++to;
          if (to > from) return region(from, to);
        }
      }
    }
    // Before: "the capital of Y, X".
    if (b >= 3 && between(b - 1).find(',') != std::string_view::npos) {
      size_t to = b, from = b;
      while (from > 0 && to - from < 3 && s.words[from - 1].capitalised &&
             (from == to || Adjacent(text, s.words[from - 1], s.words[from])))
        --from;
      if (from < to && from >= 2 && lower_is(from - 1, "of") && lower_is(from - 2, "capital")) return region(from, to);
    }
    return 0;
  }

  // Whether a source language's rules turn one spelling into the other (either way).
  bool Explained(const std::string& x, const std::string& y) const {
    std::string a = FoldName(x), b = FoldName(y);
    if (a == b) return false;
    // A rule of the language itself, or, in longer names, the vowel variation of
    // romanisations ("Dostom"/"Dostum"); short names that differ by a vowel ("Jong"/"Jang")
    // are as often two different names.
    const bool long_name = std::min(a.size(), b.size()) >= 6;
    for (const auto& lang : d_.languages) {
      if (lang.name == kMisreadings) continue;  // a misreading does not make two names one
      for (const Derivation& dv : {Derive(a, b, lang.rules, lang.distinctive, 2), Derive(b, a, lang.rules, lang.distinctive, 2)})
        if (dv.distinctive > 0 || (dv.applications > 0 && long_name)) return true;
    }
    return false;
  }

  // One unknown name spelled several ways ("Rashid", "Rasid"): the better attested spelling
  // wins when there is one, else every spelling is flagged.
  void Consistency(std::string_view text, NamesScratch& s,
                   const std::map<std::string, std::vector<size_t>>& unknown, TextRewriter& rw) const {
    std::vector<std::pair<size_t, std::string>> changes;  // (word, replacement)
    std::vector<size_t> flags;
    for (const auto& [skeleton, words] : unknown) {
      if (skeleton.size() < 3) continue;
      std::map<std::string, int> counts;
      for (size_t w : words) ++counts[std::string(text.substr(s.words[w].begin, s.words[w].end - s.words[w].begin))];
      if (counts.size() < 2) continue;
      std::string top;
      int top_count = 0, ties = 0;
      for (const auto& [spelling, n] : counts) {
        if (n > top_count) top = spelling, top_count = n, ties = 0;
        else if (n == top_count) ++ties;
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
          if (Explained(top, spelling)) flags.push_back(w);
          continue;
        }
        // Only a difference that a source language's rules explain is one name spelled two
        // ways ("Dostom"/"Dostum"); "Zelensky"/"Zelenskiy" or "XBox"/"Xbox" are left alone.
        if (!Explained(top, spelling)) continue;
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
          bool already = std::any_of(changes.begin(), changes.end(), [&](const auto& c) { return c.first == w; }) ||
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
          for (const auto& c : d_.gazetteer->FindBySkeleton(Skeleton(best_folded)))
            gazetteer_near |= c.prominence >= 5.0f && Levenshtein(FoldName(c.form), best_folded) <= 2;
          if (gazetteer_near) continue;
          bool derived = false;
          for (const auto& lang : d_.languages)
            derived |= lang.name != kMisreadings &&
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

  Data d_;
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
      "repairs names broken by another language's spelling rules, against a gazetteer, and flags doubtful ones",
      kRules,
      kOptions,
      [](const StageOptions& options, const StageEnvironment& env) -> StatusOr<std::unique_ptr<Stage>> {
        NamesStage::Data d;
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
            if (std::find(rules->begin(), rules->end(), rule) == rules->end()) rules->push_back(std::move(rule));
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
                                     std::string(kMisreadings) + ".tsv");
        if (!ocr.ok()) return ocr.status();
        // Alone, without the vowel variation of romanisations: a misreading is of letters, and
        // is no reason to take two names of a document for one (Explained, batch spellings).
        if (!ocr->empty()) {
          const size_t own = ocr->size();
          d.languages.push_back({std::string(kMisreadings), std::move(*ocr), own});
        }
        for (const auto& [country, likely] : LikelyLanguages()) {
          if (likely.second == "Arab") d.arabic_script_countries.insert(country);
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
