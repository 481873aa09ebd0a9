// The records of an accent model's binary image (lexicon/accent_model.h): fixed-size, 8-byte
// aligned, written by the build and read in place through mmap. Change kAccentMagic when a
// record changes, so an old image is refused with a clear message instead of misread.
#ifndef MTCLEAN_LEXICON_ACCENT_MODEL_RECORDS_H_
#define MTCLEAN_LEXICON_ACCENT_MODEL_RECORDS_H_

#include <cstdint>

#include "lexicon/accent_model.h"

namespace mtclean {

inline constexpr char kAccentMagic[8] = {'M', 'T', 'A', 'C', 'C', '0', '1', '\n'};

struct AccentModel::Header {
  char magic[8];
  uint64_t total;         // words counted
  uint64_t slots;         // slots of plain spellings (a power of two)
  uint64_t plains;        // plain records
  uint64_t forms;         // form records
  uint64_t pair_slots[4]; // left, right, ending left, ending right (powers of two, or 0)
  uint64_t attested;      // attested-accent keys
  uint64_t strings;       // bytes of strings (padded to 8)
};

struct AccentModel::PlainRecord {
  uint64_t count;         // of all its forms
  uint32_t text;          // offset of the spelling in the strings
  uint32_t first_form;    // index of its first form record
  uint16_t length;        // of the spelling, in bytes
  uint16_t forms;         // how many form records follow first_form
  uint32_t unused;
};

// How often the form is seen in the prose (and capitalised inside a sentence there), with how
// many different neighbours left and right; the same for its ending (Ending()).
struct AccentModel::FormRecord {
  uint64_t count;
  uint32_t text, ending;  // offsets in the strings
  uint16_t length, ending_length;
  uint32_t seen, capitalised, left_types, right_types;
  uint32_t ending_seen, ending_left_types, ending_right_types;
};

struct AccentModel::PairSlot {
  uint64_t key;  // PairHash of the pair; 0: empty (a hash of 0 is stored as 1)
  uint32_t count;
  uint32_t unused;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_ACCENT_MODEL_RECORDS_H_
