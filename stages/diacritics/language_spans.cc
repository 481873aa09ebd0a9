// The language of each span of a document: the option, the metadata, else CLD2 on the text
// without its accents, corrected where function words or the dictionaries disagree.
#include <cld2/public/encodings.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "pipeline/utf8.h"
#include "stages/diacritics/diacritics_internal.h"

namespace mtclean {
namespace diacritics {

void PlainWords(std::string_view text, DiacriticsScratch& s) {
  s.plain_words.clear();
  s.plain_spans.clear();
  for (const Word& w : s.words) {
    const size_t at = s.plain_words.size();
    std::string_view word = text.substr(w.begin, w.end - w.begin);
    if (w.ascii)
      for (char c : word)
        s.plain_words.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
    else
      s.plain_words += PlainWord(word);
    s.plain_spans.emplace_back(static_cast<uint32_t>(at),
                               static_cast<uint32_t>(s.plain_words.size() - at));
  }
}

// The language of each word (s.word_language) and of most of the document: the option,
// else the document's metadata, else CLD2's per-span detection (spans it cannot tell take
// the document's language).
std::string Languages(const DiacriticsData& d, std::string_view text, const Document& doc,
                      DiacriticsScratch& s) {
  std::string& main_language = s.main_language;
  main_language.clear();
  if (d.language != "auto")
    main_language = d.language;
  else if (!doc.language.empty())
    main_language = doc.language.substr(0, doc.language.find_first_of("-_"));
  s.word_language.assign(s.words.size(), std::string_view(main_language));
  if (!main_language.empty()) return main_language;
  if (const std::string* plainly = PlainlyOneLanguage(d, s)) {
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
    detected.result = DetectLanguages(d, s);
    detected.main_language = main_language;
    detected.word_language = s.word_language;
  }
  main_language = detected.main_language;
  s.word_language = detected.word_language;  // views of static codes and model keys
  return detected.result;
}

// CLD2's spans of s.plain, re-decided by the accent models (RedecideAccentedSpans).
std::string DetectLanguages(const DiacriticsData& d, DiacriticsScratch& s) {
  std::string& main_language = s.main_language;
  DetectedLanguages& detected = s.detected;
  detected.chunks.clear();
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3], text_bytes = 0;
  double scores3[3];
  bool reliable = false;
  const int length = static_cast<int>(std::min<size_t>(s.plain.size(), size_t{1} << 30));
  CLD2::ExtDetectLanguageSummary(s.plain.data(), length, true, &hints, CLD2::kCLDFlagBestEffort,
                                 top3, percent3, scores3, &detected.chunks, &text_bytes, &reliable);
  std::vector<CLD2::ResultChunk>& chunks = detected.chunks;
  for (auto& chunk : chunks) {  // back to offsets in the text
    const size_t begin = static_cast<size_t>(chunk.offset),
                 end = begin + static_cast<size_t>(chunk.bytes);
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
  if (main_code != "en" && d.models.count(std::string(main_code)) == 0)
    for (int i = 1; i < 3; ++i)
      if (top3[i] != CLD2::UNKNOWN_LANGUAGE && percent3[i] >= 20 &&
          d.models.count(CLD2::LanguageCode(top3[i])) > 0) {
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
        chunk_language = code == "en" || d.models.count(std::string(code)) > 0 ? code : main_code;
        language_of = c;
      }
      lang = chunk_language;
    }
    s.word_language[k] = lang;
  }
  if (!RedecideAccentedSpans(d, s)) return percent3[0] >= 50 ? main_language : "";
  return main_language;
}

// Prose plainly in one language needs no detector (CLD2 costs more than the rest of the
// stage): a third of its words that language's function words, and hardly any (one in 25)
// function words of the other languages — a French page quoting English commands, or
// mixing in Spanish, goes to CLD2 span by span. English also needs hardly an accented
// letter. Null when not plain.
const std::string* PlainlyOneLanguage(const DiacriticsData& d, DiacriticsScratch& s) {
  const size_t n = d.function_word_languages.size();
  std::array<size_t, 32> of{};
  size_t sampled = 0, accented = 0;
  std::vector<uint32_t> masks;
  for (size_t k = 0; k < s.words.size() && sampled < 2000; ++k, ++sampled) {
    const Word& w = s.words[k];
    if (!w.ascii) ++accented;
    if (w.end - w.begin > 7) continue;
    const auto bits = static_cast<uint32_t>(d.function_words.Find(s.Plain(k)));
    if (bits == 0) continue;
    masks.push_back(bits);
    for (size_t i = 0; i < n; ++i) of[i] += (bits >> i) & 1;
  }
  if (sampled < 20) return nullptr;
  const size_t best =
      static_cast<size_t>(std::max_element(of.begin(), of.begin() + n) - of.begin());
  size_t others = 0;  // function words of other languages only
  for (uint32_t m : masks) others += (m >> best & 1) == 0 ? 1 : 0;
  const std::string& lang = d.function_word_languages[best];
  if (of[best] * 3 < sampled || others * 25 > sampled) return nullptr;
  if (lang == "en" ? accented * 100 > sampled : d.models.count(lang) == 0) return nullptr;
  return &lang;
}

// Whether the first forty words of s.words[begin, end) hold two function words or more of
// the languages with an accent model that are no English function words (function_words:
// the stop-word lists, without accents).
bool ForeignFunctionWords(const DiacriticsData& d, const DiacriticsScratch& s, size_t begin,
                          size_t end) {
  size_t found = 0;
  for (size_t k = begin; k < end && k < begin + 40; ++k) {
    const auto bits = static_cast<uint32_t>(d.function_words.Find(s.Plain(k)));
    found +=
        (bits & d.english_function_bit) == 0 && (bits & d.restorable_function_bits) != 0 ? 1 : 0;
  }
  return found >= 2;
}

// Stripped of its accents, Spanish can read as French to CLD2 ("gestion de paquetes"):
// a run of words CLD2 gives to a language the stage restores is given to whichever of
// those languages' word counts make its words most likely (words no language knows, such
// as names, do not vote). Then a language the stage restores that has most of the words
// is the document's (s.main_language; true), though CLD2 put English first by bytes.
bool RedecideAccentedSpans(const DiacriticsData& d, DiacriticsScratch& s) {
  if (d.models.size() < 2) return false;
  // The models are read when a run first needs them: a run CLD2 calls English needs them
  // only when it holds function words of a language the stage restores (below).
  std::vector<std::pair<std::string_view, const AccentModel*>> candidates;
  auto load_candidates = [&] {
    if (!candidates.empty()) return;
    for (const auto& [lang, model] : d.models) candidates.emplace_back(lang, model.get());
    // English votes too, by its own counts: CLD2 can read a stripped Spanish paragraph that
    // quotes a command or two as English (99%, "apt-file que esta en el paquete").
    if (EnglishCounts(d) != nullptr) candidates.emplace_back("en", EnglishCounts(d));
  };
  auto restored = [&](std::string_view lang) { return d.models.count(std::string(lang)) > 0; };
  std::vector<double> score(d.models.size() + 1);
  std::vector<size_t> known_by(d.models.size() + 1);  // words of two letters or more each knows
  std::unordered_map<std::string_view, size_t> words_of;
  for (size_t begin = 0; begin < s.words.size();) {
    size_t end = begin + 1;
    while (end < s.words.size() && s.word_language[end] == s.word_language[begin]) ++end;
    const std::string_view cld_language = s.word_language[begin];
    bool other = !restored(cld_language) && !cld_language.empty();
    // A run CLD2 calls English is another language stripped of its accents only if it
    // has that language's function words ("que", "de la", "und"); most English runs have
    // none but homographs ("a", "in"), and are settled by that look-up alone.
    if (other && cld_language == "en" && !ForeignFunctionWords(d, s, begin, end)) other = false;
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
                          !ReadsAsEnglish(d, s, begin, end, *candidates[best].second))))
          for (size_t k = begin; k < end; ++k) s.word_language[k] = candidates[best].first;
      } else {
        // CLD2's language stays unless another is clearly likelier (e = 2.7 times); a run
        // that reads as English is English.
        if (voters == 0 || score[best] - score[cld] < 1.0) best = cld;
        const auto en = std::find_if(candidates.begin(), candidates.end(),
                                     [](const auto& c) { return c.first == "en"; });
        if (en != candidates.end() && candidates[best].first != "en" &&
            ReadsAsEnglish(d, s, begin, end, *candidates[best].second))
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
bool ReadsAsEnglish(const DiacriticsData& d, DiacriticsScratch& s, size_t begin, size_t end,
                    const AccentModel& counts) {
  EnglishWords* english = Dictionary(d, s, "en");
  if (english == nullptr) return false;
  size_t words = 0, theirs = 0;
  for (size_t k = begin; k < end && words < 40; ++k) {
    const Word& w = s.words[k];
    if (w.end - w.begin < 2) continue;
    ++words;
    const std::string_view plain = s.Plain(k);
    theirs += counts.PlainFrequency(plain) > 0 && !KnownInAnyCase(*english, plain) &&
                      (EnglishCounts(d) == nullptr || EnglishCounts(d)->PlainFrequency(plain) == 0)
                  ? 1
                  : 0;
  }
  return words >= 10 && theirs * 10 < words;
}

// s.plain: the text with its diacritics removed (letter by letter), and for each of its
// bytes (and its end) the offset in the text.
void PlainWithOffsets(std::string_view text, DiacriticsScratch& s) {
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
    utf8proc_ssize_t m =
        cp < 0 ? -1 : utf8proc_decompose_char(cp, decomposed, 8, UTF8PROC_DECOMPOSE, nullptr);
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

EnglishWords* Dictionary(const DiacriticsData& d, DiacriticsScratch& s, const std::string& lang) {
  return s.dictionaries.Get(d.hunspell_dir, lang);
}

}  // namespace diacritics
}  // namespace mtclean
