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
#include "lexicon/mapped_file.h"
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
  // Reads a model: the binary image build_accent_model writes (mmap-ed: nothing to parse,
  // the pages a run touches are read, and every worker and process shares them), or the
  // text form it is compiled from (tests; `<lang>.accents.tsv` beside the build's models).
  static StatusOr<std::unique_ptr<AccentModel>> Load(const std::string& path);
  // Writes the model as a binary image, atomically (build time).
  Status WriteBinary(const std::string& path) const;
  ~AccentModel();
  AccentModel(const AccentModel&) = delete;
  AccentModel& operator=(const AccentModel&) = delete;

  // The ending whose contexts words share: the last two letters of a word of five or more
  // ("utilisé" -> "sé"... "é" with the letter before), else "".
  static std::string Ending(std::string_view form);

  // One form of a plain spelling (lower case), as stored in the image.
  struct FormRecord;
  struct Form {
    std::string_view form;
    uint64_t count = 0;
  };
  // The forms of one plain spelling: a view into the image.
  class FormList {
   public:
    FormList() = default;
    FormList(const AccentModel* model, const FormRecord* first, size_t n) : model_(model), first_(first), n_(n) {}
    size_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    Form operator[](size_t i) const;
    class iterator {
     public:
      iterator(const FormList* list, size_t i) : list_(list), i_(i) {}
      Form operator*() const { return (*list_)[i_]; }
      iterator& operator++() { return ++i_, *this; }
      bool operator!=(const iterator& o) const { return i_ != o.i_; }

     private:
      const FormList* list_;
      size_t i_;
    };
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, n_}; }

   private:
    const AccentModel* model_ = nullptr;
    const FormRecord* first_ = nullptr;
    size_t n_ = 0;
  };
  // The forms (lower case) whose plain spelling is `plain`; empty when none is known.
  FormList Forms(std::string_view plain) const;
  // The forms of `plain` when one of them carries accents. Empty when the counts do not
  // know `plain` (*known false) or write it only so, without accents ("avec": most words of
  // a text, told from the table's slot alone; a 32-bit tag stands for the spelling there,
  // so one unknown word in four billion or so is taken for such a word, and left as it is).
  FormList AccentedForms(std::string_view plain, bool* known) const;

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
  // How often the counts write `word` so (any case, the accents as written), in all, and
  // as a share of all words.
  uint64_t FormCount(std::string_view word) const;
  double FormFrequency(std::string_view word) const {
    return total_ == 0 ? 0 : static_cast<double>(FormCount(word)) / static_cast<double>(total_);
  }

 private:
  AccentModel() = default;
  struct Header;
  struct PlainRecord;
  struct PairSlot;
  // The image (accent_model_image.cc): either mmap-ed or compiled from text into `owned_`.
  // Sections, each a multiple of 8 bytes: the slots of plain spellings (an open-addressing
  // table keyed by the spelling's hash: per slot the hash's high 32 bits, kOnlyPlain, then
  // index + 1 into the plain records, 0 empty), plain records, form records, four pair tables
  // (left, right, ending left, ending right; open addressing on PairHash keys), the sorted
  // attested-accent keys, then the strings.
  static StatusOr<std::unique_ptr<AccentModel>> CompileText(const std::string& path);
  Status Attach(const uint8_t* data, size_t size, const std::string& path);
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  MappedFile mapped_;            // when the image is a file
  std::vector<uint64_t> owned_;  // the image when compiled from text (8-byte aligned)

  uint64_t total_ = 0;
  const uint64_t* slots_ = nullptr;
  size_t slot_count_ = 0;
  const PlainRecord* plains_ = nullptr;
  const FormRecord* forms_ = nullptr;
  struct PairTable {
    const PairSlot* slots = nullptr;
    size_t count = 0;  // a power of two, or 0
    uint32_t Find(uint64_t key) const;
  };
  PairTable left_, right_, ending_left_, ending_right_;
  const uint64_t* attested_ = nullptr;
  size_t attested_count_ = 0;
  const char* strings_ = nullptr;
  std::string_view String(uint32_t offset, uint32_t length) const { return {strings_ + offset, length}; }

  static constexpr uint64_t kOnlyPlain = uint64_t{1} << 31;
  const PlainRecord* FindPlain(std::string_view plain) const;
  // The slot of `plain` (0: unknown). With `trust_only_plain`, a slot whose tag matches and
  // whose spelling is written only plain is taken without comparing the spelling.
  uint64_t FindSlot(std::string_view plain, bool trust_only_plain) const;
  static size_t Index(uint64_t slot) { return (slot & (kOnlyPlain - 1)) - 1; }
  FormList FormsOf(const PlainRecord& p) const;
  static constexpr int32_t kAnyLetter = 0x1FFFFF;
  static uint64_t AccentKey(int32_t left, int32_t accented, int32_t right) {
    return uint64_t(uint32_t(left)) << 42 | uint64_t(uint32_t(accented)) << 21 | uint64_t(uint32_t(right));
  }
  friend class FormList;
};

// An accent model read the first time a document needs it (lexicon/lazy_model.h).
// $MTCLEAN_ACCENTS_DIR, else the accent models the build compiled (build/accents).
std::string DefaultAccentsDir();

class LazyAccentModel : public LazyModel<AccentModel> {
 public:
  explicit LazyAccentModel(std::string path) : LazyModel(std::move(path), "accent model") {}
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ACCENT_MODEL_H_
