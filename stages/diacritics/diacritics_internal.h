// The diacritics stage's shared parts: its data, a worker's scratch, and the mechanisms its
// files hold (diacritics_stage.cc wires them): the words of a text (diacritics_text.cc), the
// language of each span (language_spans.cc), accents restored in languages that write them
// (accent_restore.cc), letters English lost with their accents (dropped_letters.cc), and
// names in their gazetteer form (name_forms.cc).
#ifndef MTCLEAN_STAGES_DIACRITICS_DIACRITICS_INTERNAL_H_
#define MTCLEAN_STAGES_DIACRITICS_DIACRITICS_INTERNAL_H_

#include <cld2/public/compact_lang_det.h>

#include <cstdint>
#include <cstdio>  // before CLD2's header, which uses FILE
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/accent_model.h"
#include "lexicon/country_letters.h"
#include "lexicon/english_words.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lazy_model.h"
#include "lexicon/word_table.h"
#include "mtclean/pipeline.h"
#include "mtclean/stage.h"
#include "pipeline/multi_pass.h"

namespace mtclean {
namespace diacritics {

// Each per-worker cache of decisions is emptied when it holds this many: the common words it
// exists for come back at once, and memory stays bounded on text that never repeats.
constexpr size_t kMaxCacheEntries = 16384;

enum Rule : uint16_t { kRestoreStripped, kRestoreWord, kDroppedLetter, kNameForm, kUncertain };

// The letters each source language writes with an accent, and the English letter under it.
struct Accented {
  const char* letter;
  char base;
};

struct Word {
  size_t begin, end;
  bool ascii;
};

// What became of a word English may have broken: nothing, a flag (several readings), a
// weak or a sure repair, and which source languages (bits of `source_languages`) vouched.
struct DropDecision {
  enum Kind : uint8_t { kNone, kFlag, kWeak, kSure } kind = kNone;
  std::string repair;
  uint32_t languages = 0;
  // A flag between names of places: each with its country, for the document to choose
  // ("Mardn": Mardan in Pakistan, Mardin in Turkey).
  std::vector<std::pair<std::string, std::string>> places;
};

// A change decided before it is written: English text is looked at in several passes, and a
// TextRewriter takes changes in text order.
struct Pending {
  size_t begin, end;
  std::string replacement;  // empty: a flag
  uint16_t rule;
  float confidence;
  bool operator<(const Pending& o) const { return begin < o.begin; }
};

// CLD2's answer for one plain (accent-stripped) text, spans in offsets of that text.
struct DetectedLanguages {
  std::string plain;
  CLD2::ResultChunkVector chunks;               // in offsets of the text
  std::vector<std::string_view> word_language;  // CLD2's static codes and model keys
  std::string main_language, result;
};

class DiacriticsScratch : public StageScratch {
 public:
  DetectedLanguages detected;  // of the last plain text CLD2 read
  MultiPassBuffers buffers;
  std::vector<Pending> pending;
  std::vector<char> in_language;             // per word, for the language being restored
  std::vector<std::string_view> names_here;  // plain words capitalised inside a sentence, sorted
  // Each word lower case without diacritics (PlainWord), computed once per pass.
  std::string plain_words;
  std::vector<std::pair<uint32_t, uint32_t>> plain_spans;  // offset, length in plain_words
  std::string_view Plain(size_t k) const {
    return std::string_view(plain_words).substr(plain_spans[k].first, plain_spans[k].second);
  }
  std::string key;  // reused to build cache keys
  std::vector<Word> words;
  // The language of each word: views of `main_language` or of CLD2's static codes.
  std::vector<std::string_view> word_language;
  std::string main_language;
  std::string plain;                  // the text without diacritics, for CLD2
  std::vector<size_t> plain_offsets;  // offset in the text of each byte of `plain`
  WorkerDictionaries dictionaries;
  std::unordered_map<size_t, std::string> repaired;  // word index -> repair, in this document
  std::unordered_set<std::string> countries;         // that the document names
  bool countries_ready = false;
  std::unordered_map<std::string, DropDecision> english_cache;
  std::unordered_map<std::string, DropDecision> known_cache;  // words English knows, by language
  // A name's spelling in the gazetteer, where it is to be respelled ("" where not).
  struct NameChoice {
    std::string name;
    std::string country;  // only in a document that names this country (a town's plain name)
    bool native = false;  // the accents are ones its country's official languages write
  };
  std::unordered_map<std::string, NameChoice> name_cache;
  // Respellings that wait for the document's evidence: plain names that would take
  // diacritics ("Sao Paulo" -> "São Paulo"), made only where the document lost diacritics;
  // accents their country writes ("Témara"), taken off only where the document shows a
  // translation's artefacts (stray accents on another name, letters dropped with accents).
  std::vector<Pending> marked_names, native_accents;
  size_t stray_accents = 0;  // names respelled whose accents their country does not write
  CountryLetters country_letters;
  // The model's choice for a word between two neighbours, by the hash of (language,
  // neighbours, word, capital): a direct-mapped cache, one memory access per look-up where a
  // map of strings cost three; a new key overwrites the slot's. Forms point into the model.
  struct CachedChoice {
    uint64_t key = 0;  // 0: empty
    AccentModel::Choice choice;
  };
  std::vector<CachedChoice> choice_cache = std::vector<CachedChoice>(size_t{1} << 15);
  std::unordered_map<std::string, std::string> restore_cache;  // lang + word -> accented form or ""
};

struct DiacriticsData {
  std::string language = "auto";
  std::vector<std::string> languages, source_languages;
  bool ascii_names = false;
  // Language -> forms its current orthography writes plain ("sólo" -> "solo"), if asked.
  std::unordered_map<std::string, std::unordered_set<std::string>> unaccented;
  std::string hunspell_dir;
  std::unordered_map<std::string, LazyAccentModel> models;  // read when a document needs one
  std::shared_ptr<const Gazetteer> gazetteer;
  WordSet english_accented;  // spellings beyond ASCII of English place names
  double min_confidence = 0.8;
  // Function words of two letters or more (dictionaries/stopwords/<lang>.txt, without
  // their accents), of English and of each language with an accent model (and Italian,
  // which has none): word -> bit i for function_word_languages[i].
  StopWordTable function_words;
  std::vector<std::string> function_word_languages;
  // Bits of function_words: English's, and those of the languages with an accent model.
  uint32_t english_function_bit = 0, restorable_function_bits = 0;
  std::unique_ptr<LazyAccentModel> english_counts;  // build/accents/en.accents, if built
};

// ---- The words of a text (diacritics_text.cc) ----

// Share of words that carry a diacritic in ordinary text of each language (measured on the
// Debian Handbook); a document below a fifth of it was stripped.
double TypicalAccentRate(const std::string& lang);

// The letters each source language writes with an accent, and the English letter under it.
const std::vector<Accented>& AccentedLetters(const std::string& lang);

// The words of a text (letters and marks), the letters of long tokens left out.
void Tokenize(std::string_view text, std::vector<Word>& words);

// `form` (lower case) written with the case of `original`: "État" for "Etat", "ÉTÉ" for "ETE".
std::string WithCaseOf(std::string_view original, std::string_view form);

// Whether two spellings differ only in how a letter is encoded: Romanian's s and t with a
// comma below (ș ț, the standard's) or with a cedilla (ş ţ, older fonts').
bool SameLetters(std::string_view a, std::string_view b);

// Whether a name's diacritics are those of its own language's spelling (São, Bogotá, Kraków,
// Erdoğan) and not a scholarly transliteration's (Kandahār, Maīdān): macrons and dots below
// are not written in English text.
bool OrthographicDiacritics(std::string_view name);

// ---- The language of each span (language_spans.cc) ----

// Each word in lower case without diacritics (s.plain_words), once per pass.
void PlainWords(std::string_view text, DiacriticsScratch& s);

// The language of each word (s.word_language) and of most of the document: the option,
// else the document's metadata, else CLD2's per-span detection (spans it cannot tell take
// the document's language).
std::string Languages(const DiacriticsData& d, std::string_view text, const Document& doc,
                      DiacriticsScratch& s);

// CLD2's spans of s.plain, re-decided by the accent models (RedecideAccentedSpans).
std::string DetectLanguages(const DiacriticsData& d, DiacriticsScratch& s);

// Prose plainly in one language needs no detector (CLD2 costs more than the rest of the
// stage): a third of its words that language's function words, and hardly any (one in 25)
// function words of the other languages — a French page quoting English commands, or
// mixing in Spanish, goes to CLD2 span by span. English also needs hardly an accented
// letter. Null when not plain.
const std::string* PlainlyOneLanguage(const DiacriticsData& d, DiacriticsScratch& s);

// Whether the first forty words of s.words[begin, end) hold two function words or more of
// the languages with an accent model that are no English function words (function_words:
// the stop-word lists, without accents).
bool ForeignFunctionWords(const DiacriticsData& d, const DiacriticsScratch& s, size_t begin,
                          size_t end);

// Stripped of its accents, Spanish can read as French to CLD2 ("gestion de paquetes"):
// a run of words CLD2 gives to a language the stage restores is given to whichever of
// those languages' word counts make its words most likely (words no language knows, such
// as names, do not vote). Then a language the stage restores that has most of the words
// is the document's (s.main_language; true), though CLD2 put English first by bytes.
bool RedecideAccentedSpans(const DiacriticsData& d, DiacriticsScratch& s);

// Whether a run reads as English rather than as the language of `counts`: fewer than one
// in ten of its first forty words (of two letters or more) are that language's alone
// (known to its counts, unknown to English's dictionary and counts). The counts of a language may
// know English too (the Czech ones, from a translated manual, know the English of its
// commands and examples), so knowing a run's words is no sign; knowing what English does
// not is ("que", "esta", "paquete" in stripped Spanish).
bool ReadsAsEnglish(const DiacriticsData& d, DiacriticsScratch& s, size_t begin, size_t end,
                    const AccentModel& counts);

// s.plain: the text with its diacritics removed (letter by letter), and for each of its
// bytes (and its end) the offset in the text.
void PlainWithOffsets(std::string_view text, DiacriticsScratch& s);

// The worker's Hunspell dictionary of `lang`, opened when first asked for.
EnglishWords* Dictionary(const DiacriticsData& d, DiacriticsScratch& s, const std::string& lang);

// ---- Accents restored in languages that write them (accent_restore.cc) ----

// `main`: the document is mostly in `lang`; then words of spans CLD2 took for English that
// English does not know ("Relacion de paquetes" in a list of English titles) are its too.
void Restore(const DiacriticsData& d, std::string_view text, const std::string& lang, bool main,
             DiacriticsScratch& s);

// The one spelling with one or two accented letters that the dictionary knows, or "".
// Only accents the counts write between the same letters are tried (AccentAttested): a
// dictionary look-up of a new word costs microseconds, and unknown words are mostly
// names and commands that take none.
std::string GuessAccents(const DiacriticsData& d, const std::string& lang,
                         std::string_view plain_view, EnglishWords& dict, DiacriticsScratch& s);

// ---- Letters English lost with their accents (dropped_letters.cc) ----

// English's word counts (build/accents/en.accents), or null when the build made none.
const AccentModel* EnglishCounts(const DiacriticsData& d);

// The repairs of English text: letters lost with their accents, shortened forms, names
// (s.pending).
void English(const DiacriticsData& d, std::string_view text, DiacriticsScratch& s);

// "the Talib already control": a word that lost an accented vowel and what followed it
// is repaired only when the document writes the full name at least twice (repaired or
// not) and a source language spells that name with an accent on the vowel that is gone.
void ShortenedForms(const DiacriticsData& d, std::string_view text, DiacriticsScratch& s,
                    EnglishWords& english);

// How often a source language writes `word` so, in any case: its word counts (the accent
// model), 0 for a form they do not list. (Its Hunspell dictionary knows more forms, but
// opening one takes 10-30 MB, and on English text most candidates are no word of any
// language.)
uint64_t SourceCount(const DiacriticsData& d, const std::string& lang, std::string_view word);

// Whether a source language's dictionary spells `name` with an accent on its letter at `i`.
bool SpelledWithAccent(const DiacriticsData& d, const std::string& name, size_t i,
                       DiacriticsScratch& s);

// The countries a document names (ISO codes), computed once per document when needed.
const std::unordered_set<std::string>& DocumentCountries(const DiacriticsData& d,
                                                         std::string_view text,
                                                         DiacriticsScratch& s);

// A whole word: not the "aren" of "aren't", the "ers" of "'ers" or "49ers" ("Irn's" is
// whole).
bool WholeWord(std::string_view text, const Word& w);

// Whether a dictionary knows the word as written or in lower case.
bool KnownInAnyCase(EnglishWords& dictionary, std::string_view word);

// Whether the English counts know the word's spelling, in any case and with or without
// accents ("cafe" is counted as "café").
bool CommonEnglish(const DiacriticsData& d, std::string_view word);

// How often English writes a word (onboard-data's English counts, any case), or 0.
uint64_t EnglishCount(const DiacriticsData& d, std::string_view word);

// The English word that `word` was before it lost a letter with its accent: a sure or
// weak repair, a flag when several readings remain, or nothing.
// `known`: the pass over words English knows, in a document that shows the artefact
// ("Pars" is a rare word, "Paris" a common one): a candidate must be written at least a
// hundred times as often as the word (onboard-data's English counts).
// `only`: the source languages (bits) that may vouch; 0 for all.
// `foreign_ok`: in a document that shows the artefact, a common word of another language
// may be broken English too, when the English word is common (10,000 or more).
DropDecision DroppedLetter(const DiacriticsData& d, std::string_view word, EnglishWords& english,
                           bool known = false, uint32_t only = 0, bool foreign_ok = false);

// Whether the document's only sure repair stands alone: a common English word (10,000 or
// more in the counts) put back into lower-case words no source language knows.
bool LoneRepairStands(const DiacriticsData& d, const std::string& repair, std::string_view text,
                      DiacriticsScratch& s);

// ---- Names in their gazetteer form (name_forms.cc) ----

// Whether every word of `span` with letters beyond ASCII is spelled so in English place
// names (d.english_accented).
bool EnglishWritesAccented(const DiacriticsData& d, std::string_view span);

// Names written with stray accents, or without their own diacritics, take the gazetteer's
// spelling: runs of one to three capitalised words.
void NameForms(const DiacriticsData& d, std::string_view text, DiacriticsScratch& s,
               EnglishWords& english);

// The gazetteer's spelling of the name words[k, k + len) stand for, if it is to be respelled.
DiacriticsScratch::NameChoice NameForm(const DiacriticsData& d, std::string_view span,
                                       DiacriticsScratch& s, EnglishWords& english, size_t k,
                                       size_t len);

}  // namespace diacritics
}  // namespace mtclean

#endif  // MTCLEAN_STAGES_DIACRITICS_DIACRITICS_INTERNAL_H_
