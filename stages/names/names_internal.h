// The names stage's shared parts: its data, the worker's scratch, and the mechanisms its
// files hold (names_stage.cc wires them): reading the text around a name (name_text.cc),
// the data's spellings of places (exonym_decision.cc), names from Cyrillic
// (cyrillic_names.cc), one name spelled several ways (spelling_consistency.cc).
#ifndef MTCLEAN_STAGES_NAMES_NAMES_INTERNAL_H_
#define MTCLEAN_STAGES_NAMES_NAMES_INTERNAL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/country_letters.h"
#include "lexicon/english_words.h"
#include "lexicon/gazetteer.h"
#include "lexicon/word_table.h"
#include "mtclean/stage.h"
#include "pipeline/multi_pass.h"
#include "stages/names/candidates.h"
#include "stages/names/cyrillic_habits.h"

namespace mtclean {
namespace names {

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

struct Word {
  size_t begin, end;
  bool capitalised;  // or a particle joined to a name by a hyphen ("al-Assad")
  bool particle;     // a lower-case word names have inside ("bin", "von", "and")
};

// What to do with a span of capitalised words.
struct SpanResult {
  enum Kind : uint8_t { kNone, kHandled, kReplace, kFlag } kind = kNone;
  std::string replacement;
  uint16_t rule = kTransliteration;
  float confidence = 0;
  std::string skeleton;  // of an unknown single word, for the consistency check
};

// How many pages of the batch spell each capitalised word each way. Observing only counts
// spellings (cheap: it runs over every page before cleaning); merging, which gives the
// knowledge the cleaning reads, also indexes the spellings by skeleton. Bounded: past
// kMaxEntries new spellings are not counted.
class NameCounts : public CorpusStats {
 public:
  static constexpr size_t kMaxEntries = size_t{1} << 21;
  void Add(const std::string& spelling, uint32_t n = 1) {
    auto it = counts_.find(spelling);
    if (it != counts_.end())
      it->second += n;
    else if (counts_.size() < kMaxEntries)
      counts_.emplace(spelling, n);
  }
  // Spellings of one skeleton with their page counts; null when none (or not merged yet).
  const std::unordered_map<std::string, uint32_t>* Group(const std::string& skeleton) const {
    auto it = index_.find(skeleton);
    return it == index_.end() ? nullptr : &it->second;
  }
  void Merge(const CorpusStats& other) override {
    for (const auto& [spelling, n] : static_cast<const NameCounts&>(other).counts_)
      Add(spelling, n);
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
          static_cast<uint32_t>(
              std::strtoul(std::string(line.substr(tab + 1)).c_str(), nullptr, 10)));
    }
    BuildIndex();
    return {};
  }

 private:
  void BuildIndex() {
    index_.clear();
    for (const auto& [spelling, n] : counts_)
      index_[Skeleton(FoldName(spelling))].emplace(spelling, n);
  }
  std::unordered_map<std::string, uint32_t> counts_;
  std::unordered_map<std::string, std::unordered_map<std::string, uint32_t>> index_;
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
    std::string own_orthography;  // OwnOrthography's country
    // Of a single word: the languages (bits, CyrillicHabits' order) whose transcription of
    // Cyrillic it is, ending as such names do ("Owtscharow": German), and those of them whose
    // letters or ending tell it from an English name ("Partlow" does not: cyrillic_habits.h).
    uint8_t cyrillic = 0, cyrillic_telling = 0;
  };
  WordMap<SpanPlace> country_of;
  CountryLetters country_letters;
  std::unordered_map<std::string, std::string>
      place_of_country;           // a place seen naming each country
  bool translated_names = false;  // the document spells a name as another language does
  bool translated_before = false;    // it did as it came in, before the earlier stages
  std::vector<Word> original_words;  // of the document as it came in
  // The countries whose names the document writes in their own orthography (OwnOrthography).
  std::unordered_set<std::string> own_orthography;
  // Words transcribed from Cyrillic, by language (CyrillicHabits' order), whether one tells
  // itself from an English name, and the language of which the document has two or more, one
  // telling (-1: none).
  std::vector<std::vector<std::string_view>> cyrillic_words;
  std::vector<bool> cyrillic_telling;
  int cyrillic_language = -1;
  bool repaired_a_name = false;  // a name of the document was repaired (any pass)
  MultiPassBuffers buffers;
  const NameCounts* batch = nullptr;  // spellings across the batch, if observed
  // Single words repaired in the document, and surnames of names repaired in full (spelling
  // -> repair); in the current pass, single words no span decided anything about (indices
  // into `words`).
  std::unordered_map<std::string, std::string> resolved;
  std::vector<size_t> unresolved;
};

struct NamesData {
  std::shared_ptr<const Gazetteer> gazetteer;
  // Source language -> its rules, then the common ones of ar.tsv; the first `distinctive`
  // rules are the language's own.
  std::vector<SourceLanguageRules> languages;
  std::vector<std::string> source_languages;  // their names
  WordSet english_names;                      // folded
  // Countries whose names English romanises from the Arabic script (CLDR's likely script of
  // the country's language: Afghanistan, Iran, Iraq, Pakistan...). The common variation of
  // ar.tsv (vowels, q/k) explains only their names: Pinyin or Cyrillic romanisations do not
  // vary so, and "Shanshan" is no "Shenzhen".
  std::unordered_set<std::string> arabic_script_countries;
  std::unordered_set<std::string> latin_script_countries;
  // Each country's likeliest language (CLDR likely subtags: ES -> es): a source language
  // writes the names of its own countries as they are, or by an exonym; its transliteration
  // habits are for foreign names ("Castile-La Mancha" is no Spanish "Castille" spelt short).
  std::unordered_map<std::string, std::string> country_language;
  std::unordered_map<std::string, std::string> admin1_terms;  // country -> "Province"
  std::unordered_set<std::string> admin_words;
  std::unordered_set<std::string> titles;            // "President", "Minister"
  std::unordered_set<std::string> country_prefixes;  // first four letters of country names
  CyrillicHabits cyrillic;                           // dictionaries/transliteration/cyrillic.tsv
  std::string dictionary;
  double min_confidence = 0.8;
};

// ---- Helpers (name_text.cc) ----

// Lower-case words inside names: "Tamim bin Hamad", "Ursula von der Leyen", "Sistan and
// Baluchestan", "Salah ad Din". A run of capitalised words goes on through them.
bool IsNameParticle(std::string_view w);

// The consonant skeleton of a folded name's letters alone ("jalal-abad" as "jalalabad").
std::string SkeletonOfLetters(std::string_view folded);

// Whether a span's context asks for a place: "X province", "the capital of X" ('p'), "the
// city of X" ('c', a settlement).
inline bool AsksForPlace(char context) { return context == 'p' || context == 'c'; }

// How a repair writes an entity: its English name where the data gives one ("Khost"), else
// its canonical name; without the word for its kind of division, and without the marks of a
// scholarly romanisation ("Sīrjān", "Al Aḩmadī"), which the country's languages do not write;
// marks they write stay ("Béjaïa", "Tétouan").
std::string EnglishSpelling(const Gazetteer::Entry& c, CountryLetters& letters);

// "Nasa" is NASA: a word English knows in another case is no unknown name.
bool KnownInAnyCase(EnglishWords& english, std::string_view word);

// ---- Reading the text around a name (name_text.cc) ----

// The words of a text (letters, with inner hyphens and apostrophes), each marked capitalised
// or a name particle; the letter runs of long tokens (a base64 image) are left out.
void Tokenize(std::string_view text, std::vector<Word>& words);

// Whether most lower-case words (a sample of up to 400) are English words.
bool MostlyEnglish(std::string_view text, NamesScratch& s);

// The bytes of an ayn's or hamza's sign that ends the name text[begin, end) ("Ad Dali’",
// "Wadi ash-Shati'"), which a repair replaces with it; 0 where there is none, or the sign may
// be a possessive's ("Jones’") or close a quotation opened before the name on its line.
size_t TrailingAyn(std::string_view text, size_t begin, size_t end);

// Whether word `b` follows word `a` after one space.
bool Adjacent(std::string_view text, const Word& a, const Word& b);

// "Syrian", "Afghan", "Chinese": an English word with a demonym's ending whose first four
// letters begin the name of a country.
bool Demonym(const NamesData& d, NamesScratch& s, std::string_view word);

// Whether `pos` begins a sentence (past spaces and opening quotes).
bool SentenceStart(std::string_view text, size_t pos);

// Whether `word` is `lower` in any case: ASCII, without allocating (this runs per span).
bool IsWord(std::string_view word, std::string_view lower);

// Whether word `k`, next to word `of` with one space between, continues its name: a
// capitalised word or a name particle ("di", "al").
bool AdjacentNameWord(std::string_view text, const NamesScratch& s, size_t k, size_t of);

// What the words around a span ask for: 'p' a place ("X province", "the city of X"),
// 'h' a person ("spokesman X", "X said"), '-' nothing.
char Context(std::string_view text, const NamesScratch& s, size_t b, size_t e);

// "X, the capital of Y" / "the capital of Y, X": the division or country Y whose seat X is
// said to be (its RegionId), or 0.
uint32_t CapitalOfContext(const NamesData& d, std::string_view text, const NamesScratch& s,
                          size_t b, size_t e);

// ---- The data's spellings of places (exonym_decision.cc) ----

// The decision for a span with romanisation marks (OnlyRomanisationMarks) whose spelling
// without them is a name or exonym of a prominent place: true with `r` set (replaced,
// flagged when places of different English names are as prominent, or left when the
// place's country or English writes those marks); false when it names no such place.
bool RomanisedPlace(const NamesData& d, std::string_view span, const std::string& folded,
                    NamesScratch& s, SpanResult& r);

// Another language's own spelling of a place (CLDR territories and exemplar cities,
// iso-codes divisions: "Damasco", "Jartum", "Dschuzdschan"): the data knows it, no
// rules or guessing are needed. One place (places spelled alike count as one) is a
// repair; several are flagged. A place whose own name it is must be far less prominent
// (the village of Siria in Romania is no Syria).
// Only a whole run of capitalised words: inside a longer one it is part of another
// name ("Casey Mittelstadt" is no "Baia Sprie", which German calls Mittelstadt), and
// only prominent places (cities of 100,000 and more, divisions, countries).
// `known_prominence`: of the places whose own name the span is (-1: none), and their
// `known_countries`. True with `r` set when the data knows the spelling.
bool OwnNameInTranslation(const NamesData& d, NamesScratch& s, std::string_view span,
                          const std::string& folded, SpanResult& r);
// Whether `span` (folded: `folded`) is a prominent place's own name written with letters of its
// language's orthography ("Xaçmaz": Azerbaijani writes kh as x, ch as ç), where English
// writes the same name romanised otherwise ("Khachmaz"), more than by leaving marks out
// ("Zürich" is Zurich): evidence that the text's names of that country went through its
// spelling: its country's other names in the document are read as that language writes them
// too (OwnNameInTranslation). Only letters the country writes (not a scholarly romanisation's
// marks: "Aḑ Ḑāli"), and not a country's name ("Türkiye"). The place's country, or "".
std::string OwnOrthography(const NamesData& d, NamesScratch& s, std::string_view span,
                           const std::string& folded);
// Whether `span` (folded: `folded`) is a prominent place's name with the accents a
// translation puts on it (OnlyTranslationAccents: Spanish "Irán", French "Hérât"), which
// neither English nor the place's country writes: evidence that the text was translated.
bool TranslationAccents(const NamesData& d, NamesScratch& s, std::string_view span,
                        const std::string& folded);
bool PlaceExonym(const NamesData& d, NamesScratch& s, std::string_view span,
                 const std::string& folded, char context, float known_prominence,
                 const std::vector<std::string_view>& known_countries, SpanResult& r);

// ---- Names from Cyrillic (cyrillic_names.cc) ----

// Sets `place`'s Cyrillic bits: the languages whose transcription of Cyrillic the single word
// `word` is, ending as such names do, when neither English nor the gazetteer knows it
// ("Pankow" is Berlin's), and those of them whose letters or ending tell it from an English
// name.
void CyrillicOf(const NamesData& d, std::string_view word, const std::string& folded,
                NamesScratch& s, NamesScratch::SpanPlace& place);

// The span [b, e) as English transcribes a name from Cyrillic that a source language
// transcribed its way (cyrillic_habits.h): one of its words must end as such names do
// ("Dessislava Taneva": the first name shows the transcription, the surname the ending).
// Words English knows stay ("Martin"), as do words that read as an English word ("Walid" is
// no "Valid"). A repair where the document has two such words of that language; a flag
// where it has one.
bool CyrillicRespelling(const NamesData& d, std::string_view text, NamesScratch& s, size_t b,
                        size_t e, SpanResult& r);

// ---- One name spelled several ways (spelling_consistency.cc) ----

// A word repaired where its context said what it is ("X, the capital of Y") is repaired
// the same way where nothing says it ("fled from X"); it then leaves the consistency check.
void SameName(std::string_view text, NamesScratch& s,
              std::map<std::string, std::vector<size_t>>& unknown, TextRewriter& rw);

// Whether a source language's rules turn one spelling into the other (either way).
bool Explained(const NamesData& d, const std::string& x, const std::string& y);

// One unknown name spelled several ways ("Rashid", "Rasid"): the better attested spelling
// wins when there is one, else every spelling is flagged.
void Consistency(const NamesData& d, std::string_view text, NamesScratch& s,
                 const std::map<std::string, std::vector<size_t>>& unknown, TextRewriter& rw);

}  // namespace names
}  // namespace mtclean

#endif  // MTCLEAN_STAGES_NAMES_NAMES_INTERNAL_H_
