// Prose in the page's own language: stop words of many languages (the curated lists of
// dictionaries/stopwords/ where there is one, the npm stopwords-iso lists for the rest), the
// language whose list covers most of a page's words, and whether a line reads as prose.
#ifndef MTCLEAN_STAGES_BOILERPLATE_PROSE_H_
#define MTCLEAN_STAGES_BOILERPLATE_PROSE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/word_table.h"
#include "mtclean/status.h"
#include "stages/boilerplate/phrase_list.h"

namespace mtclean::boilerplate {

// Stop word -> bit set of the languages whose list has it: one look-up per word serves every
// language (at most 64).
class StopWords {
 public:
  // The curated lists data_dir/stopwords/<lang>.txt of `curated`, then every other language of
  // the stopwords-iso JSON file at `iso_path` (skipped when the path is empty).
  static StatusOr<StopWords> Load(const std::string& data_dir, const std::vector<std::string>& curated,
                                  const std::string& iso_path);

  uint64_t Find(std::string_view folded_word) const { return table_.Find(folded_word); }
  size_t languages() const { return names_.size(); }
  const std::string& name(size_t k) const { return names_[k]; }

 private:
  void AddLanguage(const std::string& name, const std::vector<std::string>& words);
  StopWordTable table_;
  std::vector<std::string> names_;
};

// What a line is made of, for the prose test.
struct LineShape {
  size_t words = 0;        // folded words (letters)
  size_t stopwords = 0;    // of them, stop words of the page's language
  size_t code_points = 0;  // of the line's text, spaces not counted
  bool sentence_end = false;     // ends like a sentence (. ! ? … and closing quotes)
  bool sentence_inside = false;  // has a sentence end followed by more text, or a comma
  bool starts_upper = false;
  bool spaceless_script = false;  // mostly CJK or Thai: words are not separated by spaces
};

LineShape ShapeOf(std::string_view raw, const FoldedLine& fold, size_t stopwords);
// The same for the whole line `fold` was folded from, from what Fold gathered (no second pass).
LineShape ShapeFromFold(const FoldedLine& fold, size_t stopwords);

// Whether a line reads as prose of a language we can judge (`know_language`): a sentence with
// function words of the page's language, or a long run of words with enough of them. Prose is
// never removed for its position or shape, only by evidence of its own.
bool IsProse(const LineShape& shape, bool know_language);

// Whether a prose line is long enough to be an article paragraph (not a headline, a teaser, a
// caption): such lines are never removed for where they stand.
bool IsParagraph(const LineShape& shape);

// Words of a line: runs of characters between spaces and tabs.
inline size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// Whether a line (a list bullet stripped) measures something: a number, a unit of one to three
// letters and what is measured ("65 g Margarine oder Butter", "120g kway teow"): a recipe's
// ingredients or a product's data, the article's own even where chrome surrounds it.
bool IsQuantityLine(std::string_view raw);

// Whether a line states a fact as "name: value" ("Ort: Kasberg im Frankenland",
// "Nennversorgungsspannung: 220...240VAC"): a data sheet's or a contest's details. `raw` is
// without its list bullet, `list_item` whether it had one.
bool IsFactLine(std::string_view raw, bool list_item);

}  // namespace mtclean::boilerplate

#endif  // MTCLEAN_STAGES_BOILERPLATE_PROSE_H_
