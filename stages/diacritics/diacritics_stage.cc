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

#include <utf8proc.h>

#include <cstdio>  // before CLD2's header, which uses FILE
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/accent_model.h"
#include "lexicon/english_words.h"
#include "lexicon/gazetteer.h"
#include "pipeline/data_files.h"
#include "pipeline/multi_pass.h"
#include "pipeline/long_tokens.h"
#include "pipeline/utf8.h"
#include "lexicon/country_letters.h"
#include "stages/names/names_stage.h"
#include "stages/punctuation/punctuation_stage.h"

namespace mtclean {
namespace {

// Each per-worker cache of decisions is emptied when it holds this many: the common words it
// exists for come back at once, and memory stays bounded on text that never repeats.
constexpr size_t kMaxCacheEntries = 16384;

enum Rule : uint16_t { kRestoreStripped, kRestoreWord, kDroppedLetter, kNameForm, kUncertain };

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

// Hunspell dictionary file of each language.
// Share of words that carry a diacritic in ordinary text of each language (measured on the
// Debian Handbook); a document below a fifth of it was stripped.
double TypicalAccentRate(const std::string& lang) {
  if (lang == "fr") return 0.14;
  if (lang == "es") return 0.10;
  if (lang == "pt") return 0.12;
  if (lang == "de") return 0.06;
  if (lang == "cs") return 0.35;
  return 0.1;
}

// The letters each source language writes with an accent, and the English letter under it.
struct Accented {
  const char* letter;
  char base;
};
const std::vector<Accented>& AccentedLetters(const std::string& lang) {
  static const std::unordered_map<std::string, std::vector<Accented>> kLetters = {
      {"es", {{"á", 'a'}, {"é", 'e'}, {"í", 'i'}, {"ó", 'o'}, {"ú", 'u'}, {"ñ", 'n'}, {"ü", 'u'}}},
      {"fr", {{"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"à", 'a'}, {"â", 'a'}, {"î", 'i'}, {"ô", 'o'}, {"û", 'u'},
              {"ç", 'c'}, {"ë", 'e'}, {"ï", 'i'}}},
      {"pt", {{"á", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"à", 'a'}, {"é", 'e'}, {"ê", 'e'}, {"í", 'i'}, {"ó", 'o'},
              {"ô", 'o'}, {"õ", 'o'}, {"ú", 'u'}, {"ç", 'c'}}},
      {"de", {{"ä", 'a'}, {"ö", 'o'}, {"ü", 'u'}}},
      {"cs", {{"á", 'a'}, {"é", 'e'}, {"í", 'i'}, {"ó", 'o'}, {"ú", 'u'}, {"ů", 'u'}, {"ý", 'y'}, {"č", 'c'},
              {"ř", 'r'}, {"š", 's'}, {"ž", 'z'}, {"ě", 'e'}, {"ň", 'n'}, {"ť", 't'}, {"ď", 'd'}}},
  };
  static const std::vector<Accented> kNone;
  auto it = kLetters.find(lang);
  return it == kLetters.end() ? kNone : it->second;
}

struct Word {
  size_t begin, end;
  bool ascii;
};

void Tokenize(std::string_view text, std::vector<Word>& words) {
  words.clear();
  // The letters of a run of non-space characters longer than any word (pipeline/long_tokens.h)
  // are neither restored nor repaired: a page with a base64 image costs what its prose costs.
  LongTokens long_tokens(text);
  for (size_t pos = 0; pos < text.size();) {
    int32_t cp = static_cast<unsigned char>(text[pos]);
    size_t len = 1;
    if (cp >= 0x80) {
      int n = utf8::Decode(text, pos, &cp);
      len = static_cast<size_t>(n > 0 ? n : -n);
    }
    if (cp < 0 || !utf8::IsLetter(cp)) {
      pos += len;
      continue;
    }
    size_t b = pos;
    bool ascii = true;
    while (pos < text.size()) {
      const auto c = static_cast<unsigned char>(text[pos]);
      if (c < 0x80) {
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
          ++pos;
          continue;
        }
        break;
      }
      int n = utf8::Decode(text, pos, &cp);
      if (cp < 0 || !(utf8::IsLetter(cp) || utf8::IsMark(cp))) break;
      ascii = false;
      pos += static_cast<size_t>(n > 0 ? n : -n);
    }
    if (long_tokens.Contains(b)) continue;
    words.push_back({b, pos, ascii});
  }
  // Words of URLs, e-mail addresses and file names ("/educacao-saude/") are no prose.
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  size_t out = 0;
  for (size_t k = 0, chunk_begin = 0, chunk_end = 0; k < words.size(); ++k) {
    // Most words stand between spaces, or end with one mark before a space: no address.
    const size_t b = words[k].begin, e = words[k].end;
    const bool open_before = b == 0 || space(text[b - 1]);
    const bool closed_after = e == text.size() || space(text[e]) ||
                              ((e + 1 == text.size() || space(text[e + 1])) && text[e] != '/' && text[e] != '@');
    if (open_before && closed_after) {
      words[out++] = words[k];
      continue;
    }
    if (words[k].begin >= chunk_end) {  // the run of non-space characters holding the word
      chunk_begin = words[k].begin;
      while (chunk_begin > 0 && !space(text[chunk_begin - 1])) --chunk_begin;
      chunk_end = words[k].end;
      while (chunk_end < text.size() && !space(text[chunk_end])) ++chunk_end;
    }
    std::string_view chunk = text.substr(chunk_begin, chunk_end - chunk_begin);
    // Only a chunk with an inner '.', ':', '/' or '@' can be an address (most are a word
    // with its punctuation).
    std::string_view inner = chunk.substr(0, chunk.size() > 1 ? chunk.size() - 1 : 0);
    if (inner.find_first_of("./:@") != std::string_view::npos &&
        (chunk.find_first_of("/@") != std::string_view::npos || LooksLikeAddressOrFile(chunk)))
      continue;
    words[out++] = words[k];
  }
  words.resize(out);
}

// `form` (lower case) written with the case of `original`: "État" for "Etat", "ÉTÉ" for "ETE".
std::string WithCaseOf(std::string_view original, std::string_view form) {
  size_t upper = 0, letters = 0;
  for (size_t pos = 0; pos < original.size();) {
    int32_t cp;
    int n = utf8::Decode(original, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    ++letters;
    upper += cp >= 0 && utf8::IsUpper(cp) ? 1 : 0;
  }
  std::string out;
  bool first = true;
  for (size_t pos = 0; pos < form.size();) {
    int32_t cp;
    int n = utf8::Decode(form, pos, &cp);
    pos += static_cast<size_t>(n > 0 ? n : -n);
    if (cp < 0) continue;
    bool up = (upper == letters && letters > 1) || (first && upper > 0 && utf8::IsUpper(utf8::At(original, 0)));
    utf8::Append(&out, up ? utf8proc_toupper(cp) : cp);
    first = false;
  }
  return out;
}

// Whether two spellings differ only in how a letter is encoded: Romanian's s and t with a
// comma below (ș ț, the standard's) or with a cedilla (ş ţ, older fonts').
bool SameLetters(std::string_view a, std::string_view b) {
  auto norm = [](std::string_view t) {
    std::string out;
    for (size_t pos = 0; pos < t.size();) {
      int32_t cp = 0;
      const int n = utf8::Decode(t, pos, &cp);
      const size_t len = static_cast<size_t>(n > 0 ? n : -n);
      if (cp == 0x015F) out += "\xC8\x99";       // ş -> ș
      else if (cp == 0x015E) out += "\xC8\x98";  // Ş -> Ș
      else if (cp == 0x0163) out += "\xC8\x9B";  // ţ -> ț
      else if (cp == 0x0162) out += "\xC8\x9A";  // Ţ -> Ț
      else out.append(t.substr(pos, len));
      pos += len;
    }
    return out;
  };
  return norm(a) == norm(b);
}

// Whether a name's diacritics are those of its own language's spelling (São, Bogotá, Kraków,
// Erdoğan) and not a scholarly transliteration's (Kandahār, Maīdān): macrons and dots below
// are not written in English text.
bool OrthographicDiacritics(std::string_view name) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                    static_cast<utf8proc_ssize_t>(name.size()), &mapped, UTF8PROC_DECOMPOSE);
  if (n < 0) return false;
  std::string_view s(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
  bool any = false, ok = true;
  for (size_t pos = 0; pos < s.size();) {
    int32_t cp;
    int len = utf8::Decode(s, pos, &cp);
    pos += static_cast<size_t>(len > 0 ? len : -len);
    if (cp < 0x80) continue;
    any = true;
    switch (cp) {
      case 0x300: case 0x301: case 0x302: case 0x303: case 0x306: case 0x307: case 0x308: case 0x30A:
      case 0x30B: case 0x30C: case 0x327: case 0x328:
        break;
      default:
        if (!utf8::IsLetter(cp) || cp > 0x24F) ok = false;  // ł, ø, ß are letters of Latin Extended
    }
  }
  std::free(mapped);
  return any && ok;
}

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
  CLD2::ResultChunkVector chunks;  // in offsets of the text
  std::vector<std::string_view> word_language;  // CLD2's static codes and model keys
  std::string main_language, result;
};

class DiacriticsScratch : public StageScratch {
 public:
  DetectedLanguages detected;  // of the last plain text CLD2 read
  MultiPassBuffers buffers;
  std::vector<Pending> pending;
  std::vector<char> in_language;  // per word, for the language being restored
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
  std::string plain;                 // the text without diacritics, for CLD2
  std::vector<size_t> plain_offsets;  // offset in the text of each byte of `plain`
  WorkerDictionaries dictionaries;
  std::unordered_map<size_t, std::string> repaired;  // word index -> repair, in this document
  std::unordered_set<std::string> countries;  // that the document names
  bool countries_ready = false;
  std::unordered_map<std::string, DropDecision> english_cache;
  std::unordered_map<std::string, DropDecision> known_cache;  // words English knows, by language
  // A name's spelling in the gazetteer, where it is to be respelled ("" where not).
  struct NameChoice {
    std::string name;
    std::string country;    // only in a document that names this country (a town's plain name)
    bool native = false;    // the accents are ones its country's official languages write
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

class DiacriticsStage : public Stage {
 public:
  struct Data {
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
  explicit DiacriticsStage(Data d) : d_(std::move(d)) {}

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
  const AccentModel* EnglishCounts() const { return d_.english_counts ? d_.english_counts->get() : nullptr; }

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
    const std::string main_language = Languages(in, document, s);
    const bool english = main_language == "en";
    if (english) English(in, s);
    // Each accented language the document holds (a French page quoting English commands
    // is restored where it is French).
    std::vector<std::string_view> seen;
    for (std::string_view lang : s.word_language)
      if (!lang.empty() && std::find(seen.begin(), seen.end(), lang) == seen.end()) seen.push_back(lang);
    for (std::string_view lang : seen)
      if (d_.models.count(std::string(lang)) > 0) Restore(in, std::string(lang), lang == main_language, s);
    std::stable_sort(s.pending.begin(), s.pending.end());
    for (const Pending& p : s.pending) {
      if (p.replacement.empty()) rw.Flag(p.begin, p.end, p.rule, p.confidence);
      else rw.Replace(p.begin, p.end, p.replacement, p.rule, p.confidence);  // an overlap is ignored
    }
    return !english;
  }

  static void PlainWords(std::string_view text, DiacriticsScratch& s) {
    s.plain_words.clear();
    s.plain_spans.clear();
    for (const Word& w : s.words) {
      const size_t at = s.plain_words.size();
      std::string_view word = text.substr(w.begin, w.end - w.begin);
      if (w.ascii)
        for (char c : word) s.plain_words.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
      else
        s.plain_words += PlainWord(word);
      s.plain_spans.emplace_back(static_cast<uint32_t>(at), static_cast<uint32_t>(s.plain_words.size() - at));
    }
  }

  // The language of each word (s.word_language) and of most of the document: the option,
  // else the document's metadata, else CLD2's per-span detection (spans it cannot tell take
  // the document's language).
  std::string Languages(std::string_view text, const Document& doc, DiacriticsScratch& s) const {
    std::string& main_language = s.main_language;
    main_language.clear();
    if (d_.language != "auto") main_language = d_.language;
    else if (!doc.language.empty()) main_language = doc.language.substr(0, doc.language.find_first_of("-_"));
    s.word_language.assign(s.words.size(), std::string_view(main_language));
    if (!main_language.empty()) return main_language;
    if (const std::string* plainly = PlainlyOneLanguage(s)) {
      main_language = *plainly;
      s.word_language.assign(s.words.size(), std::string_view(main_language));
      return main_language;
    }
    // CLD2 reads the text without its accents: what the stage restores must not change
    // which language a span is, or a second run would decide otherwise. The same plain
    // text (the next pass after restorations) reuses the last answer: CLD2 and the
    // re-decision of its spans are most of the stage's time on accented languages.
    PlainWithOffsets(text, s);
    DetectedLanguages& detected = s.detected;
    if (detected.plain != s.plain || detected.word_language.size() != s.words.size()) {
      detected.plain = s.plain;
      detected.result = DetectLanguages(s);
      detected.main_language = main_language;
      detected.word_language = s.word_language;
    }
    main_language = detected.main_language;
    s.word_language = detected.word_language;  // views of static codes and model keys
    return detected.result;
  }

  // CLD2's spans of s.plain, re-decided by the accent models (RedecideAccentedSpans).
  std::string DetectLanguages(DiacriticsScratch& s) const {
    std::string& main_language = s.main_language;
    DetectedLanguages& detected = s.detected;
    detected.chunks.clear();
    CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language top3[3];
    int percent3[3], text_bytes = 0;
    double scores3[3];
    bool reliable = false;
    const int length = static_cast<int>(std::min<size_t>(s.plain.size(), size_t{1} << 30));
    CLD2::ExtDetectLanguageSummary(s.plain.data(), length, true, &hints, CLD2::kCLDFlagBestEffort, top3, percent3,
                                   scores3, &detected.chunks, &text_bytes, &reliable);
    std::vector<CLD2::ResultChunk>& chunks = detected.chunks;
    for (auto& chunk : chunks) {  // back to offsets in the text
      const size_t begin = static_cast<size_t>(chunk.offset), end = begin + static_cast<size_t>(chunk.bytes);
      const size_t from = s.plain_offsets[std::min(begin, s.plain.size())];
      const size_t to = s.plain_offsets[std::min(end, s.plain.size())];
      chunk.offset = static_cast<int>(from);
      chunk.bytes = static_cast<int32_t>(to - from);
    }
    s.word_language.assign(s.words.size(), std::string_view());
    if (text_bytes < 20 || top3[0] == CLD2::UNKNOWN_LANGUAGE) return "";
    // A static string of CLD2's: the words' views of it outlive this pass.
    std::string_view main_code = CLD2::LanguageCode(top3[0]);
    // Text stripped of its accents looks like a neighbour language (Spanish like Galician):
    // a language the stage restores among CLD2's top three, with a fifth of the text, wins.
    if (main_code != "en" && d_.models.count(std::string(main_code)) == 0)
      for (int i = 1; i < 3; ++i)
        if (top3[i] != CLD2::UNKNOWN_LANGUAGE && percent3[i] >= 20 && d_.models.count(CLD2::LanguageCode(top3[i])) > 0) {
          main_code = CLD2::LanguageCode(top3[i]);
          percent3[0] = std::max(percent3[0], 50);
          break;
        }
    main_language = std::string(main_code);
    size_t c = 0;
    std::string_view chunk_language;  // of chunk c, as the words take it
    size_t language_of = SIZE_MAX;
    for (size_t k = 0; k < s.words.size(); ++k) {
      const auto at = static_cast<int>(s.words[k].begin);
      while (c < chunks.size() && chunks[c].offset + chunks[c].bytes <= at) ++c;
      std::string_view lang = main_code;
      if (c < chunks.size() && chunks[c].offset <= at) {
        if (language_of != c) {
          // A span of a language the stage does not restore, inside a document of one it
          // does, is taken for the document's ("Relacion de paquetes" looks Galician).
          const auto l = static_cast<CLD2::Language>(chunks[c].lang1);
          std::string_view code = l == CLD2::UNKNOWN_LANGUAGE ? "" : CLD2::LanguageCode(l);
          chunk_language = code == "en" || d_.models.count(std::string(code)) > 0 ? code : main_code;
          language_of = c;
        }
        lang = chunk_language;
      }
      s.word_language[k] = lang;
    }
    if (!RedecideAccentedSpans(s)) return percent3[0] >= 50 ? main_language : "";
    return main_language;
  }

  // Prose plainly in one language needs no detector (CLD2 costs more than the rest of the
  // stage): a third of its words that language's function words, and hardly any (one in 25)
  // function words of the other languages — a French page quoting English commands, or
  // mixing in Spanish, goes to CLD2 span by span. English also needs hardly an accented
  // letter. Null when not plain.
  const std::string* PlainlyOneLanguage(DiacriticsScratch& s) const {
    const size_t n = d_.function_word_languages.size();
    std::array<size_t, 32> of{};
    size_t sampled = 0, accented = 0;
    std::vector<uint32_t> masks;
    for (size_t k = 0; k < s.words.size() && sampled < 2000; ++k, ++sampled) {
      const Word& w = s.words[k];
      if (!w.ascii) ++accented;
      if (w.end - w.begin > 7) continue;
      const auto bits = static_cast<uint32_t>(d_.function_words.Find(s.Plain(k)));
      if (bits == 0) continue;
      masks.push_back(bits);
      for (size_t i = 0; i < n; ++i) of[i] += (bits >> i) & 1;
    }
    if (sampled < 20) return nullptr;
    const size_t best = static_cast<size_t>(std::max_element(of.begin(), of.begin() + n) - of.begin());
    size_t others = 0;  // function words of other languages only
    for (uint32_t m : masks) others += (m >> best & 1) == 0 ? 1 : 0;
    const std::string& lang = d_.function_word_languages[best];
    if (of[best] * 3 < sampled || others * 25 > sampled) return nullptr;
    if (lang == "en" ? accented * 100 > sampled : d_.models.count(lang) == 0) return nullptr;
    return &lang;
  }

  // Whether the first forty words of s.words[begin, end) hold two function words or more of
  // the languages with an accent model that are no English function words (function_words:
  // the stop-word lists, without accents).
  bool ForeignFunctionWords(const DiacriticsScratch& s, size_t begin, size_t end) const {
    size_t found = 0;
    for (size_t k = begin; k < end && k < begin + 40; ++k) {
      const auto bits = static_cast<uint32_t>(d_.function_words.Find(s.Plain(k)));
      found += (bits & d_.english_function_bit) == 0 && (bits & d_.restorable_function_bits) != 0 ? 1 : 0;
    }
    return found >= 2;
  }

  // Stripped of its accents, Spanish can read as French to CLD2 ("gestion de paquetes"):
  // a run of words CLD2 gives to a language the stage restores is given to whichever of
  // those languages' word counts make its words most likely (words no language knows, such
  // as names, do not vote). Then a language the stage restores that has most of the words
  // is the document's (s.main_language; true), though CLD2 put English first by bytes.
  bool RedecideAccentedSpans(DiacriticsScratch& s) const {
    if (d_.models.size() < 2) return false;
    // The models are read when a run first needs them: a run CLD2 calls English needs them
    // only when it holds function words of a language the stage restores (below).
    std::vector<std::pair<std::string_view, const AccentModel*>> candidates;
    auto load_candidates = [&] {
      if (!candidates.empty()) return;
      for (const auto& [lang, model] : d_.models) candidates.emplace_back(lang, model.get());
      // English votes too, by its own counts: CLD2 can read a stripped Spanish paragraph that
      // quotes a command or two as English (99%, "apt-file que esta en el paquete").
      if (EnglishCounts() != nullptr) candidates.emplace_back("en", EnglishCounts());
    };
    auto restored = [&](std::string_view lang) { return d_.models.count(std::string(lang)) > 0; };
    std::vector<double> score(d_.models.size() + 1);
    std::vector<size_t> known_by(d_.models.size() + 1);  // words of two letters or more each knows
    std::unordered_map<std::string_view, size_t> words_of;
    for (size_t begin = 0; begin < s.words.size();) {
      size_t end = begin + 1;
      while (end < s.words.size() && s.word_language[end] == s.word_language[begin]) ++end;
      const std::string_view cld_language = s.word_language[begin];
      bool other = !restored(cld_language) && !cld_language.empty();
      // A run CLD2 calls English is another language stripped of its accents only if it
      // has that language's function words ("que", "de la", "und"); most English runs have
      // none but homographs ("a", "in"), and are settled by that look-up alone.
      if (other && cld_language == "en" && !ForeignFunctionWords(s, begin, end)) other = false;
      if (restored(cld_language) || other) {
        load_candidates();
        std::fill(score.begin(), score.end(), 0.0);
        std::fill(known_by.begin(), known_by.end(), 0);
        size_t voters = 0, long_words = 0;
        // Forty words that some language knows tell the run's language as well as all would.
        for (size_t k = begin; k < end && voters < 40; ++k) {
          const std::string_view plain = s.Plain(k);
          long_words += s.words[k].end - s.words[k].begin >= 2 ? 1 : 0;
          double known = 0;
          for (size_t i = 0; i < candidates.size(); ++i) {
            const double f = candidates[i].second->PlainFrequency(plain);
            score[i] += std::log(std::max(f, 1e-8));
            known += f;
            known_by[i] += f > 0 && s.words[k].end - s.words[k].begin >= 2 ? 1 : 0;
          }
          if (known == 0)  // a word no language knows: take its votes back
            for (double& sc : score) sc -= std::log(1e-8);
          else
            ++voters;
        }
        size_t best = 0, cld = 0;
        for (size_t i = 0; i < candidates.size(); ++i) {
          if (score[i] > score[best]) best = i;
          if (candidates[i].first == cld_language) cld = i;
        }
        if (other) {
          // A language the stage has no counts for (stripped Spanish reads as Galician to
          // CLD2), or English, becomes one it has only when that language knows nine words
          // in ten (and, against English, is clearly likelier).
          const bool english = cld_language == "en";
          if (long_words >= 3 && known_by[best] * 10 >= long_words * 9 &&
              candidates[best].first != "en" &&
              (!english || (score[best] - score[cld] >= 1.0 &&
                            !ReadsAsEnglish(s, begin, end, *candidates[best].second))))
            for (size_t k = begin; k < end; ++k) s.word_language[k] = candidates[best].first;
        } else {
          // CLD2's language stays unless another is clearly likelier (e = 2.7 times); a run
          // that reads as English is English.
          if (voters == 0 || score[best] - score[cld] < 1.0) best = cld;
          const auto en = std::find_if(candidates.begin(), candidates.end(),
                                       [](const auto& c) { return c.first == "en"; });
          if (en != candidates.end() && candidates[best].first != "en" &&
              ReadsAsEnglish(s, begin, end, *candidates[best].second))
            best = static_cast<size_t>(en - candidates.begin());
          // Views of the models' keys, which outlive the scratch's main_language.
          for (size_t k = begin; k < end; ++k) s.word_language[k] = candidates[best].first;
        }
      }
      words_of[s.word_language[begin]] += end - begin;
      begin = end;
    }
    std::string_view most_words;
    size_t most = 0;
    for (const auto& [lang, n] : words_of)
      if (n > most) most = n, most_words = lang;
    if (!restored(most_words) || most * 2 < s.words.size()) return false;
    s.main_language = std::string(most_words);
    return true;
  }

  // Whether a run reads as English rather than as the language of `counts`: fewer than one
  // in ten of its first forty words (of two letters or more) are that language's alone
  // (known to its counts, unknown to English's dictionary and counts). The counts of a language may
  // know English too (the Czech ones, from a translated manual, know the English of its
  // commands and examples), so knowing a run's words is no sign; knowing what English does
  // not is ("que", "esta", "paquete" in stripped Spanish).
  bool ReadsAsEnglish(DiacriticsScratch& s, size_t begin, size_t end,
                      const AccentModel& counts) const {
    EnglishWords* english = Dictionary(s, "en");
    if (english == nullptr) return false;
    size_t words = 0, theirs = 0;
    for (size_t k = begin; k < end && words < 40; ++k) {
      const Word& w = s.words[k];
      if (w.end - w.begin < 2) continue;
      ++words;
      const std::string_view plain = s.Plain(k);
      theirs += counts.PlainFrequency(plain) > 0 && !KnownInAnyCase(*english, plain) &&
                        (EnglishCounts() == nullptr || EnglishCounts()->PlainFrequency(plain) == 0)
                    ? 1
                    : 0;
    }
    return words >= 10 && theirs * 10 < words;
  }

  // s.plain: the text with its diacritics removed (letter by letter), and for each of its
  // bytes (and its end) the offset in the text.
  static void PlainWithOffsets(std::string_view text, DiacriticsScratch& s) {
    s.plain.clear();
    s.plain_offsets.clear();
    for (size_t pos = 0; pos < text.size();) {
      const auto byte = static_cast<unsigned char>(text[pos]);
      if (byte < 0x80) {
        s.plain.push_back(text[pos]);
        s.plain_offsets.push_back(pos++);
        continue;
      }
      int32_t cp;
      int n = utf8::Decode(text, pos, &cp);
      const size_t len = static_cast<size_t>(n > 0 ? n : -n);
      utf8proc_int32_t decomposed[8];
      utf8proc_ssize_t m = cp < 0 ? -1 : utf8proc_decompose_char(cp, decomposed, 8, UTF8PROC_DECOMPOSE, nullptr);
      std::string out;
      if (m > 0 && m <= 8) {
        for (utf8proc_ssize_t i = 0; i < m; ++i)
          if (!utf8::IsMark(decomposed[i])) utf8::Append(&out, decomposed[i]);
      } else {
        out.assign(text.substr(pos, len));
      }
      for (char c : out) {
        s.plain.push_back(c);
        s.plain_offsets.push_back(pos);
      }
      pos += len;
    }
    s.plain_offsets.push_back(text.size());
  }

  EnglishWords* Dictionary(DiacriticsScratch& s, const std::string& lang) const {
    return s.dictionaries.Get(d_.hunspell_dir, lang);
  }

  // ---- Accented languages ----

  // `main`: the document is mostly in `lang`; then words of spans CLD2 took for English that
  // English does not know ("Relacion de paquetes" in a list of English titles) are its too.
  void Restore(std::string_view text, const std::string& lang, bool main, DiacriticsScratch& s) const {
    const AccentModel& model = *d_.models.at(lang);
    EnglishWords* english = main ? Dictionary(s, "en") : nullptr;
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
    const bool stripped = counted < 8 ? accented == 0
                                      : static_cast<double>(accented) <
                                            0.2 * TypicalAccentRate(lang) * static_cast<double>(counted);
    // The language's dictionary, opened when a word first needs it (10-30 MB), and only for
    // the document's main language: in a span of another one (a quotation, or English CLD2
    // misjudged: "Kernighan and Ritchie" read as Czech) only the word counts restore.
    auto dict = [&]() -> EnglishWords* { return main ? Dictionary(s, lang) : nullptr; };
    auto plain = [&](size_t k) -> std::string_view {
      // A sentence break between two words is an empty neighbour, as in the model.
      return k < s.words.size() ? s.Plain(k) : std::string_view();
    };
    // Whether word k-1 and word k are in one sentence: no sentence punctuation and no blank
    // line between them (a single line break inside a sentence is hard wrapping).
    auto joined = [&](size_t k) {
      if (k == 0 || k >= s.words.size()) return false;
      std::string_view gap = text.substr(s.words[k - 1].end, s.words[k].begin - s.words[k - 1].end);
      return gap.find_first_of(".!?;:()") == std::string_view::npos && gap.find("\n\n") == std::string_view::npos;
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
        key.append(1, '\t').append(prev).append(1, '\t').append(p).append(1, '\t').append(next).append(capitalised ? "\t1" : "\t0");
        const uint64_t hash = XXH3_64bits(key.data(), key.size()), stored = hash | 1;  // 0 marks empty
        auto& cached = s.choice_cache[hash & (s.choice_cache.size() - 1)];
        if (cached.key != stored) cached = {stored, model.Choose(p, prev, next, capitalised)};
        c = cached.choice;
      }
      std::string form;
      double confidence = c.probability;
      if (!c.form.empty()) {
        form = std::string(c.form);
      } else if (dict() != nullptr && !dict()->Known(original) && !dict()->Known(p)) {
        form = GuessAccents(lang, p, *dict(), s);  // unknown to the counts: ask the dictionary
        confidence = 0.7;
      }
      if (auto u = d_.unaccented.find(lang); u != d_.unaccented.end() && u->second.count(form) > 0) form = std::string(p);
      if (form.empty() || form == p) continue;
      std::string replacement = WithCaseOf(original, form);
      const uint16_t rule = stripped ? kRestoreStripped : kRestoreWord;
      if (stripped || confidence >= d_.min_confidence)
        s.pending.push_back({w.begin, w.end, std::move(replacement), rule, static_cast<float>(std::max(confidence, 0.5))});
      else
        s.pending.push_back({w.begin, w.end, "", kUncertain, static_cast<float>(confidence)});
    }
  }

  // The one spelling with one or two accented letters that the dictionary knows, or "".
  // Only accents the counts write between the same letters are tried (AccentAttested): a
  // dictionary look-up of a new word costs microseconds, and unknown words are mostly
  // names and commands that take none.
  std::string GuessAccents(const std::string& lang, std::string_view plain_view, EnglishWords& dict,
                           DiacriticsScratch& s) const {
    const std::string plain(plain_view);
    const std::string key = lang + '\t' + plain;
    auto cached = s.restore_cache.find(key);
    if (cached != s.restore_cache.end()) return cached->second;
    const AccentModel& model = *d_.models.at(lang);
    std::vector<int32_t> letters;  // of `plain`
    utf8::CodePoints(plain, &letters);
    // Each (position, accented letter) the counts attest, then spellings of one or two.
    std::vector<std::pair<size_t, int32_t>> options;
    for (size_t i = 0; i < letters.size(); ++i)
      for (const auto& a : AccentedLetters(lang)) {
        if (letters[i] != a.base) continue;
        const int32_t accented = utf8::At(a.letter, 0);
        if (model.AccentAttested(i > 0 ? letters[i - 1] : 0, accented, i + 1 < letters.size() ? letters[i + 1] : 0))
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
            if (std::string v = spelled({options[x], options[y]}); dict.Known(v)) found.push_back(std::move(v));
    std::string answer = found.size() == 1 ? found[0] : "";
    if (s.restore_cache.size() > kMaxCacheEntries) s.restore_cache.clear();
    s.restore_cache.emplace(key, answer);
    return answer;
  }

  // ---- English ----

  void English(std::string_view text, DiacriticsScratch& s) const {
    EnglishWords* english = Dictionary(s, "en");
    if (english == nullptr) return;
    s.repaired.clear();
    s.countries_ready = false;
    NameForms(text, s, *english);
    std::vector<std::pair<size_t, std::string>> weak;  // (word, repair)
    std::unordered_set<std::string> sure;
    std::vector<int> votes(d_.source_languages.size(), 0);  // the source language, guessed
    for (size_t k = 0; k < s.words.size(); ++k) {
      const Word& w = s.words[k];
      if (w.end - w.begin < 3 || !w.ascii || s.word_language[k] != "en") continue;
      // Acronyms ("PTI") are not words that lost a letter.
      if (w.end - w.begin >= 2 && std::isupper(static_cast<unsigned char>(text[w.begin + 1]))) continue;
      if (!WholeWord(text, w)) continue;
      std::string_view word = text.substr(w.begin, w.end - w.begin);
      // Most words lost nothing: one English knows (the build's list of Hunspell's forms, a
      // hash look-up; Hunspell itself for the rest) or one of the 40,000 commonest (the
      // English counts: "email" is no broken word, though Hunspell does not know it).
      if (KnownInAnyCase(*english, word) || CommonEnglish(word)) continue;
      auto it = s.english_cache.find(std::string(word));
      if (it == s.english_cache.end()) {
        if (s.english_cache.size() > kMaxCacheEntries) s.english_cache.clear();
        it = s.english_cache.emplace(std::string(word), DroppedLetter(word, *english)).first;
      }
      const DropDecision& d = it->second;
      if (d.kind == DropDecision::kFlag) {
        // Places in several countries: the one of a country the document names.
        std::string only_place;
        int in_document = 0;
        if (!d.places.empty()) {
          const auto& countries = DocumentCountries(text, s);
          for (const auto& [place, country] : d.places)
            if (countries.count(country) > 0) only_place = place, ++in_document;
        }
        if (in_document == 1) {
          s.pending.push_back({w.begin, w.end, only_place, kDroppedLetter, 0.8f});
          s.repaired[k] = only_place;
        } else {
          s.pending.push_back({w.begin, w.end, "", kUncertain, 0.5f});
        }
      } else if (d.kind == DropDecision::kWeak) {
        weak.emplace_back(k, d.repair);
      } else if (d.kind == DropDecision::kSure) {
        s.pending.push_back({w.begin, w.end, d.repair, kDroppedLetter, 0.85f});
        s.repaired[k] = d.repair;
        if (sure.insert(d.repair).second)
          for (size_t l = 0; l < votes.size(); ++l) votes[l] += (d.languages >> l) & 1;
      }
    }
    // One word alone is no evidence of the artefact: clean English has rare words and
    // quotations that look so ("statu quo", "Ibn Saud"). Repairs stand when the document
    // has at least two different ones; a lone one is flagged.
    // Unless the repair is a common English word (10,000 or more in the counts) and the
    // broken form a lower-case word of no language the stage knows ("decisin" for
    // "decision").
    if (sure.size() == 1 && !LoneRepairStands(*sure.begin(), text, s)) {
      for (Pending& p : s.pending)
        if (p.rule == kDroppedLetter) p = {p.begin, p.end, "", kUncertain, 0.6f};
      s.repaired.clear();
    }
    // A document with two different sure repairs shows the artefact: words English knows
    // but rarely writes ("Pars") may be broken too, when the language the other repairs
    // came from (the guessed source language) spells them with the accent.
    if (sure.size() >= 2) {
      const size_t source = static_cast<size_t>(std::max_element(votes.begin(), votes.end()) - votes.begin());
      const uint32_t only = 1u << source;
      for (size_t k = 0; k < s.words.size(); ++k) {
        const Word& w = s.words[k];
        if (s.repaired.count(k) > 0 || w.end - w.begin < 3 || !w.ascii || s.word_language[k] != "en" ||
            !WholeWord(text, w))
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
          it = s.known_cache.emplace(std::move(key), DroppedLetter(word, *english, known, only, !known)).first;
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
    if (!s.repaired.empty()) ShortenedForms(text, s, *english);  // a document that shows the artefact
    // English writes most foreign names without their diacritics ("Sao Paulo", "Antonio
    // Guterres"): a plain name takes them only where the document lost diacritics (a letter
    // dropped with its accent was put back) or writes the name with them elsewhere.
    for (Pending& p : s.marked_names)
      if (!s.repaired.empty() || text.find(p.replacement) != std::string_view::npos) s.pending.push_back(std::move(p));
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
  void ShortenedForms(std::string_view text, DiacriticsScratch& s, EnglishWords& english) const {
    std::unordered_map<std::string, int> names;
    auto final_form = [&](size_t k) {
      auto it = s.repaired.find(k);
      return it != s.repaired.end() ? it->second
                                    : std::string(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin));
    };
    for (size_t k = 0; k < s.words.size(); ++k)
      if (utf8::IsUpper(utf8::At(text, s.words[k].begin)) && s.words[k].end - s.words[k].begin >= 5)
        ++names[final_form(k)];
    for (size_t k = 0; k < s.words.size(); ++k) {
      const Word& w = s.words[k];
      if (s.repaired.count(k) > 0 || !w.ascii || w.end - w.begin < 4 || s.word_language[k] != "en") continue;
      std::string_view word = text.substr(w.begin, w.end - w.begin);
      if (!utf8::IsUpper(utf8::At(word, 0)) || KnownInAnyCase(english, word)) continue;
      for (const auto& [name, count] : names) {
        if (count < 2 || name.size() <= word.size() || name.size() > word.size() + 2 || name.compare(0, word.size(), word) != 0)
          continue;
        const char vowel = name[word.size()];
        if (vowel != 'a' && vowel != 'e' && vowel != 'i' && vowel != 'o' && vowel != 'u') continue;
        if (!SpelledWithAccent(name, word.size(), s)) continue;
        s.pending.push_back({w.begin, w.end, name, kDroppedLetter, 0.8f});
        break;
      }
    }
  }

  // Whether every word of `span` with letters beyond ASCII is spelled so in English place
  // names (d_.english_accented).
  bool EnglishWritesAccented(std::string_view span) const {
    if (d_.english_accented.empty()) return false;
    for (size_t b = 0, pos = 0; pos <= span.size(); ++pos) {
      if (pos < span.size() && span[pos] != ' ' && span[pos] != '-') continue;
      const std::string_view word = span.substr(b, pos - b);
      b = pos + 1;
      const bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      if (!ascii && d_.english_accented.count(word) == 0) return false;
    }
    return true;
  }

  // How often a source language writes `word` so, in any case: its word counts (the accent
  // model), 0 for a form they do not list. (Its Hunspell dictionary knows more forms, but
  // opening one takes 10-30 MB, and on English text most candidates are no word of any
  // language.)
  uint64_t SourceCount(const std::string& lang, std::string_view word) const {
    auto model = d_.models.find(lang);
    return model == d_.models.end() ? 0 : model->second->FormCount(word);
  }

  // Whether a source language's dictionary spells `name` with an accent on its letter at `i`.
  bool SpelledWithAccent(const std::string& name, size_t i, DiacriticsScratch& s) const {
    for (const auto& lang : d_.source_languages) {
      EnglishWords* dict = Dictionary(s, lang);
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
  const std::unordered_set<std::string>& DocumentCountries(std::string_view text, DiacriticsScratch& s) const {
    if (s.countries_ready) return s.countries;
    s.countries_ready = true;
    s.countries.clear();
    for (size_t k = 0; k < s.words.size(); ++k) {
      if (!utf8::IsUpper(utf8::At(text, s.words[k].begin))) continue;
      for (size_t len = 1; len <= 3 && k + len <= s.words.size(); ++len) {
        std::string span(text.substr(s.words[k].begin, s.words[k + len - 1].end - s.words[k].begin));
        for (const auto& e : d_.gazetteer->FindByName(FoldName(span)))
          if (e.type == EntityType::kCountry) s.countries.insert(std::string(e.country));
      }
    }
    return s.countries;
  }

  // A whole word: not the "aren" of "aren't", the "ers" of "'ers" or "49ers" ("Irn's" is
  // whole).
  static bool WholeWord(std::string_view text, const Word& w) {
    auto joiner_at = [&](size_t pos) {  // ' - ’ ‐ at pos
      if (pos >= text.size()) return false;
      if (text[pos] == '\'' || text[pos] == '-') return true;
      std::string_view three = text.substr(pos, 3);
      return three == "\u2019" || three == "\u2010";
    };
    auto joiner_before = [&](size_t pos) {
      return (pos >= 1 && (text[pos - 1] == '\'' || text[pos - 1] == '-')) ||
             (pos >= 3 && (text.substr(pos - 3, 3) == "\u2019" || text.substr(pos - 3, 3) == "\u2010"));
    };
    auto possessive = [&](size_t pos) {
      size_t n = text[pos] == '\'' ? 1 : 3;
      return pos + n < text.size() && text[pos + n] == 's' &&
             (pos + n + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[pos + n + 1])));
    };
    auto digit = [&](size_t pos) { return pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); };
    if (joiner_before(w.begin) || (joiner_at(w.end) && !possessive(w.end))) return false;
    return !((w.begin > 0 && digit(w.begin - 1)) || digit(w.end));
  }

  // Whether a dictionary knows the word as written or in lower case.
  static bool KnownInAnyCase(EnglishWords& dictionary, std::string_view word) {
    return dictionary.Known(word) || dictionary.Known(LowerWord(word));
  }

  // Whether the English counts know the word's spelling, in any case and with or without
  // accents ("cafe" is counted as "café").
  bool CommonEnglish(std::string_view word) const {
    return EnglishCounts() != nullptr && EnglishCounts()->PlainFrequency(PlainWord(word)) > 0;
  }

  // How often English writes a word (onboard-data's English counts, any case), or 0.
  uint64_t EnglishCount(std::string_view word) const {
    return EnglishCounts() == nullptr ? 0 : EnglishCounts()->FormCount(word);
  }

  // The English word that `word` was before it lost a letter with its accent: a sure or
  // weak repair, a flag when several readings remain, or nothing.
  // `known`: the pass over words English knows, in a document that shows the artefact
  // ("Pars" is a rare word, "Paris" a common one): a candidate must be written at least a
  // hundred times as often as the word (onboard-data's English counts).
  // `only`: the source languages (bits) that may vouch; 0 for all.
  // `foreign_ok`: in a document that shows the artefact, a common word of another language
  // may be broken English too, when the English word is common (10,000 or more).
  DropDecision DroppedLetter(std::string_view word, EnglishWords& english,
                             bool known = false, uint32_t only = 0, bool foreign_ok = false) const {
    if (KnownInAnyCase(english, word) != known) return {};
    const uint64_t word_count = known ? EnglishCount(word) : 0;
    // Words that lost nothing, whatever letter would make them English; asked only of a word
    // with a candidate repair (most unknown words of a text have none, and these look-ups
    // touch every source language's counts).
    auto lost_nothing = [&]() -> bool {
      // A common word of another language quoted as it is ("Liste") lost nothing. (Rare
      // ones are more likely broken English: "rea" is Spanish too, but mostly "área".)
      if (!foreign_ok)
        for (const auto& lang : d_.source_languages)
          if (SourceCount(lang, word) >= 1000) return true;
      // A place of some size spelled so is no broken word (a capitalised one: "fusin" is no
      // "Fusin", an old spelling of Fuxin).
      const std::string folded = FoldName(word);
      if (d_.gazetteer != nullptr)
        for (const auto& e : d_.gazetteer->FindByName(folded, 4.0f))
          if (e.prominence >= 4.0f && utf8::IsUpper(utf8::At(word, 0))) return true;
      // Nor is a word a source language writes with accents on the letters it has (a French
      // "employés" stripped, or an old English "employes"): it lost accents, not a letter.
      // (A common word of the language, by its counts: Spanish Hunspell also knows rare verb
      // forms like "cañad", which would hide "Canad" for "Canadá".)
      // (Once the document's source language is known, only that language's spelling counts:
      // Portuguese "pêra" says nothing of "pera" in a text translated from Spanish.)
      for (size_t l = 0; l < d_.source_languages.size(); ++l) {
        if (only != 0 && (only >> l & 1u) == 0) continue;
        auto model = d_.models.find(d_.source_languages[l]);
        if (model == d_.models.end()) continue;
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
    auto common = [&](const std::string& candidate) { return EnglishCounts() == nullptr || CommonEnglish(candidate); };
    auto english_word = [&](const std::string& candidate) { return common(candidate) && english.Known(candidate); };
    std::string country;  // of the place name_known last found, or ""
    auto name_known = [&](const std::string& candidate) {  // a name English or the gazetteer knows
      country.clear();
      bool known_name = common(candidate) && english.Known(candidate) && !english.Known(LowerWord(candidate));
      if (d_.gazetteer != nullptr)
        // (With the floor, a look-up of a spelling no city of 100,000 has, most of them,
        // is answered from the gazetteer's small filter of such keys.)
        for (const auto& e : d_.gazetteer->FindByName(FoldName(candidate), 5.0f))
          if (e.prominence >= 5.0f && FoldName(e.name) == FoldName(candidate)) {
            if (e.type != EntityType::kPerson && e.type != EntityType::kOrganisation) country = e.country;
            known_name = true;
          }
      return known_name;
    };
    // The bit of Spanish among the source languages, whose spelling rule vouches below (0: none).
    const auto es = std::find(d_.source_languages.begin(), d_.source_languages.end(), "es");
    const uint32_t spanish_bit =
        es == d_.source_languages.end() ? 0u : 1u << (es - d_.source_languages.begin());
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
        if (known && EnglishCount(candidate) < (word_count > 0 ? 100 * word_count : 50000)) continue;
        if (foreign_ok && EnglishCount(candidate) < 10000) continue;
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
        for (size_t l = 0; l < d_.source_languages.size(); ++l) {
          const std::string& lang = d_.source_languages[l];
          for (const auto& a : AccentedLetters(lang)) {
            if (a.base != base) continue;
            std::string spelled = std::string(word.substr(0, i)) + a.letter + std::string(word.substr(i));
            if (lost_capital) spelled = WithCaseOf("Xx", spelled);  // "África"
            if (SourceCount(lang, spelled) > 0) supported |= 1u << l;
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
    if (repairs.size() > 1 && EnglishCounts() != nullptr) {
      std::string commonest;
      uint64_t best = 0, second = 0;
      for (const auto& [candidate, info] : repairs) {
        const uint64_t n = EnglishCount(candidate);
        if (n > best) second = best, best = n, commonest = candidate;
        else second = std::max(second, n);
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
  bool LoneRepairStands(const std::string& repair, std::string_view text, DiacriticsScratch& s) const {
    if (EnglishCount(repair) < 10000) return false;
    for (const auto& [k, r] : s.repaired) {
      if (r != repair) continue;
      const std::string broken(text.substr(s.words[k].begin, s.words[k].end - s.words[k].begin));
      if (utf8::IsUpper(utf8::At(broken, 0))) return false;  // a name ("Ibn Saud") is no sure sign
      for (const auto& lang : d_.source_languages)
        if (SourceCount(lang, broken) > 0) return false;
    }
    return true;
  }

  // Names written with stray accents, or without their own diacritics, take the gazetteer's
  // spelling: runs of one to three capitalised words.
  void NameForms(std::string_view text, DiacriticsScratch& s, EnglishWords& english) const {
    s.marked_names.clear();
    s.native_accents.clear();
    s.stray_accents = 0;
    if (d_.gazetteer == nullptr) return;
    for (size_t k = 0; k < s.words.size(); ++k) {
      if (!utf8::IsUpper(utf8::At(text, s.words[k].begin))) continue;
      for (size_t len = 3; len >= 1; --len) {
        if (k + len > s.words.size()) continue;
        bool run = true;
        for (size_t j = k + 1; j < k + len; ++j)
          run &= s.words[j].begin == s.words[j - 1].end + 1 && text[s.words[j - 1].end] == ' ' &&
                 utf8::IsUpper(utf8::At(text, s.words[j].begin));
        if (!run) continue;
        // Only spans with a word English does not know, or with accents, can be a name
        // to respell (most capitalised words are English); decisions are cached.
        bool candidate = false, english_span = true;
        for (size_t j = k; j < k + len; ++j) english_span &= s.word_language[j] == "en";
        if (!english_span) continue;  // a Spanish span writes "Talibán" its own way
        for (size_t j = k; j < k + len && !candidate; ++j) {
          std::string_view w = text.substr(s.words[j].begin, s.words[j].end - s.words[j].begin);
          candidate = !s.words[j].ascii || !KnownInAnyCase(english, w);
        }
        if (!candidate) continue;
        const size_t begin = s.words[k].begin, end = s.words[k + len - 1].end;
        std::string_view span = text.substr(begin, end - begin);
        auto cached = s.name_cache.find(std::string(span));
        if (cached == s.name_cache.end()) {
          if (s.name_cache.size() > kMaxCacheEntries) s.name_cache.clear();
          cached = s.name_cache.emplace(std::string(span), NameForm(span, s, english, k, len)).first;
        }
        const DiacriticsScratch::NameChoice& choice = cached->second;
        if (choice.name.empty()) continue;
        if (!choice.country.empty() && DocumentCountries(text, s).count(choice.country) == 0) continue;
        bool plain = true;
        for (size_t j = k; j < k + len; ++j) plain &= s.words[j].ascii;
        if (!plain && !choice.native) ++s.stray_accents;
        (plain ? s.marked_names : choice.native ? s.native_accents : s.pending)
            .push_back({begin, end, choice.name, kNameForm, 0.85f});
        k += len - 1;
        break;
      }
    }
  }

  DiacriticsScratch::NameChoice NameForm(std::string_view span, DiacriticsScratch& s, EnglishWords& english,
                                         size_t k, size_t len) const {
    bool ascii = true;
    for (size_t j = k; j < k + len; ++j) ascii &= s.words[j].ascii;
    const std::string folded = FoldName(span);
    const Gazetteer::Entry* best = nullptr;
    auto found = d_.gazetteer->FindByName(folded);
    for (const auto& e : found) {
      if (e.prominence < 5.0f || FoldName(e.name) != folded) continue;
      if (best == nullptr || e.prominence > best->prominence) best = &e;
    }
    if (best == nullptr || best->name == span) return {};
    if (!ascii) {
      // Stray accents: the gazetteer writes the name otherwise ("Kabúl"), and English does
      // not know the accented spelling.
      if (KnownInAnyCase(english, span)) return {};
      if (SameLetters(span, best->name)) return {};  // "Cimișlia", "Cimişlia": one letter
      // English names of places write it so ("Laâyoune": libgeonames' English catalogue).
      if (EnglishWritesAccented(span)) return {};
      // Stray accents are a source language's: "Kyōto"'s macron is a romanisation's.
      bool source = false;
      for (const auto& lang : d_.source_languages) source = source || s.country_letters.LanguageWrites(lang, span);
      if (!source) return {};
      // Accents its country's official languages write ("Témara": French is written in
      // Morocco; "México") may be the place's own spelling: they wait for the document's
      // evidence (NameForms). "ú" is written in no language of Afghanistan: "Kabúl" is a
      // translation's. (The gazetteer's alternate names cannot tell: GeoNames lists "Cabúl"
      // and "Trípoli" among them.)
      // Any place of the name counts ("Cádiz" is Spain's, though the Philippines' is larger).
      bool native = false;
      for (const auto& e : found)
        native = native || (e.prominence >= 5.0f && FoldName(e.name) == folded && s.country_letters.Writes(e.country, span));
      return {OrthographicDiacritics(best->name) ? std::string(best->name) : WithoutMarks(best->name), "", native};
    }
    // A plain spelling of a name with diacritics ("Sao Paulo"): unless English writes it so
    // itself ("Montreal") or the house style keeps ASCII.
    if (d_.ascii_names || !OrthographicDiacritics(best->name)) return {};
    if (KnownInAnyCase(english, span)) return {};
    bool all_known = true;
    for (size_t pos = 0, b = 0; pos <= span.size(); ++pos)
      if (pos == span.size() || span[pos] == ' ') {
        all_known &= KnownInAnyCase(english, span.substr(b, pos - b));
        b = pos + 1;
      }
    if (all_known) return {};
    // A town's ASCII spelling may be another place's English name ("Rio Grande", the
    // river): below a million people, only in a document that names the town's country.
    if (best->prominence < 6.0f) return {std::string(best->name), std::string(best->country)};
    return {std::string(best->name), "", false};
  }


  Data d_;
};

}  // namespace

std::string DefaultEnglishAccented() {
  return PathFromEnv("MTCLEAN_ENGLISH_ACCENTED", MTCLEAN_DEFAULT_ENGLISH_ACCENTED);
}

const StageDescriptor& DiacriticsStageDescriptor() {
  static const StageDescriptor kDescriptor{
      "diacritics",
      "restores accents a careless encoder dropped, and letters dropped with them in English text",
      kRules,
      kOptions,
      [](const StageOptions& options, const StageEnvironment& env) -> StatusOr<std::unique_ptr<Stage>> {
        DiacriticsStage::Data d;
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
          if (lang == "en") d.english_function_bit |= bit;
          else if (d.models.count(lang) > 0) d.restorable_function_bits |= bit;
          d.function_word_languages.push_back(lang);
          for (const auto& w : *stop)
            if (w.size() >= 2 && w.find('\'') == std::string::npos) d.function_words.Add(PlainWord(w), bit);
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
