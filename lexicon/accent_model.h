// Accented word forms of one language with their counts, and the contexts that tell apart
// forms with the same plain spelling ("a"/"à", "esta"/"está"), compiled at build time by
// tools/accents/build_accent_model from Debian's onboard-data word counts and the Debian
// Handbook's prose. Immutable and thread-safe once loaded.
//
//   auto m = mtclean::AccentModel::Load("build/accents/fr.accents");
//   auto c = (*m)->Choose("a", /*previous*/ "il", /*next*/ "mange");   // c.form == "a"
//   auto d = (*m)->Choose("a", "jusqu", "paris");                      // d.form == "à"
#ifndef MTCLEAN_LEXICON_ACCENT_MODEL_H_
#define MTCLEAN_LEXICON_ACCENT_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/lazy_model.h"
#include "lexicon/word_table.h"
#include "mtclean/status.h"

namespace mtclean {

// Lower case, per code point ("État" -> "état").
std::string LowerWord(std::string_view word);
// Lower case without diacritics ("État" -> "etat"); letters stay letters ("ß" stays).
std::string PlainWord(std::string_view word);
// The same case, without diacritics ("Maīdān Khūlah" -> "Maidan Khulah": English news text
// writes names without scholarly marks).
std::string WithoutMarks(std::string_view text);

class AccentModel {
 public:
  static StatusOr<std::unique_ptr<AccentModel>> Load(const std::string& path);
  // The ending whose contexts words share: the last two letters of a word of five or more
  // ("utilisé" -> "sé"... "é" with the letter before), else "".
  static std::string Ending(std::string_view form);

  struct Form {
    std::string form;
    uint64_t count;
    // Filled by Load from the counts, for Choose to find beside the form: how often the
    // form is seen in the prose (and capitalised inside a sentence there), with how many
    // different neighbours left and right; the same for its ending.
    uint32_t seen = 0, capitalised = 0, left_types = 0, right_types = 0;
    std::string ending;
    uint32_t ending_seen = 0, ending_left_types = 0, ending_right_types = 0;
  };
  // The forms (lower case) whose plain spelling is `plain`; empty when none is known.
  const std::vector<Form>& Forms(std::string_view plain) const;
  // The forms of `plain` when one of them carries accents. Null when the counts do not
  // know `plain` (*known false) or write it only so, without accents ("avec": most words of
  // a text, told from the table's slot alone; a 32-bit tag stands for the spelling there,
  // so one unknown word in four billion or so is taken for such a word, and left as it is).
  const std::vector<Form>* AccentedForms(std::string_view plain, bool* known) const;

  struct Choice {
    std::string_view form;  // empty when `plain` is unknown
    double probability = 0;  // of the chosen form among the forms of `plain`
  };
  // The most likely form of `plain` between two plain neighbours ("" at a sentence edge):
  // the form's frequency (as a capitalised word inside a sentence, when `capitalised`)
  // weighed by how often it follows `previous` and precedes `next`.
  Choice Choose(std::string_view plain, std::string_view previous, std::string_view next,
                bool capitalised = false) const;

  // Whether the counts write the accented letter `accented` after the letter `left`, and
  // before the letter `right` (0: the word's edge), those taken without their own accents:
  // "é" after "t" is, "é" between "w" and "k" is not. Spares the dictionary spellings a
  // language never writes when an unknown word's accents are guessed.
  bool AccentAttested(int32_t left, int32_t accented, int32_t right) const;

  // How often words spell `plain` once stripped of their accents, per word of the counts
  // (0 when unknown): which language a stripped text is in.
  double PlainFrequency(std::string_view plain) const;

 private:
  // Plain spellings with their forms and total count, in an open-addressing table keyed
  // by the spelling's hash: the look-up of every word of a text, one cache miss or two
  // where a node-based map costs several.
  struct Plain {
    std::string plain;
    std::vector<Form> forms;
    uint64_t count = 0;
  };
  std::vector<Plain> plains_;
  // Per slot: the spelling's hash's high 32 bits, then kOnlyPlain, then index + 1 into
  // plains_ (0: empty); a power of two of them.
  std::vector<uint64_t> slots_;
  static constexpr uint64_t kOnlyPlain = uint64_t{1} << 31;
  const Plain* FindPlain(std::string_view plain) const;
  // The slot of `plain` (0: unknown). With `trust_only_plain`, a slot whose tag matches and
  // whose spelling is written only plain is taken without comparing the spelling.
  uint64_t FindSlot(std::string_view plain, bool trust_only_plain) const;
  static size_t Index(uint64_t slot) { return (slot & (kOnlyPlain - 1)) - 1; }
  HashCountTable left_, right_;  // PairHash(plain, form), PairHash(form, plain)
  HashCountTable ending_left_, ending_right_;
  uint64_t total_ = 0;
  std::unordered_set<uint64_t> attested_;  // AccentKey(left, accented, any), (any, accented, right)
  static constexpr int32_t kAnyLetter = 0x1FFFFF;
  static uint64_t AccentKey(int32_t left, int32_t accented, int32_t right) {
    return uint64_t(uint32_t(left)) << 42 | uint64_t(uint32_t(accented)) << 21 | uint64_t(uint32_t(right));
  }
};

// An accent model read the first time a document needs it (lexicon/lazy_model.h).
class LazyAccentModel : public LazyModel<AccentModel> {
 public:
  explicit LazyAccentModel(std::string path) : LazyModel(std::move(path), "accent model") {}
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ACCENT_MODEL_H_
