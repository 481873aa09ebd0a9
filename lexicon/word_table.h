// Word tables probed with string_views, without building a std::string per look-up.
#ifndef MTCLEAN_LEXICON_WORD_TABLE_H_
#define MTCLEAN_LEXICON_WORD_TABLE_H_

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace mtclean {

// Transparent hashing, so maps and sets of std::string can be probed with a string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename T>
using WordMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

// Stop words -> language bits, for the hottest look-ups (every word of every line): words
// of up to 8 bytes are packed into a 64-bit key of an open-addressing table; longer ones go
// to a map, and words longer than the longest stop word cost nothing. Measured in the
// boilerplate stage: 1.6x faster for the whole stage than std::unordered_map<std::string>.
class StopWordTable {
 public:
  void Add(std::string_view word, uint64_t bits) {
    max_len_ = std::max(max_len_, word.size());
    if (word.size() > 8) {
      long_[std::string(word)] |= bits;
      const uint64_t f = FilterBit(LongKey(word));
      filter_[f >> 6] |= uint64_t{1} << (f & 63);
      return;
    }
    // Kept at most half full, so a probe ends soon at an empty slot.
    if (2 * (used_ + 1) > slots_.size()) Grow();
    const uint64_t key = Pack(word);
    if (Insert(key, bits)) ++used_;
    const uint64_t f = FilterBit(key);
    filter_[f >> 6] |= uint64_t{1} << (f & 63);
  }
  uint64_t Find(std::string_view word) const {
    if (word.size() > max_len_ || word.empty()) return 0;
    // Most words of a text are no stop word: a 32 KB bit filter answers most of them without
    // touching the table (with many languages' lists it is too big to stay in the cache) or
    // hashing a long word for the map.
    if (word.size() > 8) {
      const uint64_t f = FilterBit(LongKey(word));
      if ((filter_[f >> 6] >> (f & 63) & 1) == 0) return 0;
      auto it = long_.find(word);
      return it == long_.end() ? 0 : it->second;
    }
    uint64_t key = Pack(word);
    const uint64_t f = FilterBit(key);
    if ((filter_[f >> 6] >> (f & 63) & 1) == 0) return 0;
    for (size_t i = Mix(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == key) return slots_[i].bits;
      if (slots_[i].key == 0) return 0;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint64_t bits = 0;
  };
  // Whether the key was new.
  bool Insert(uint64_t key, uint64_t bits) {
    for (size_t i = Mix(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].key == 0 || slots_[i].key == key) {
        const bool fresh = slots_[i].key == 0;
        slots_[i].key = key;
        slots_[i].bits |= bits;
        return fresh;
      }
    }
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1 << 12, old.size() * 2), Slot{});
    for (const Slot& slot : old)
      if (slot.key != 0) Insert(slot.key, slot.bits);
  }
  // Bytes of the word, and its length in the top byte, so no key of a word is 0.
  static uint64_t Pack(std::string_view w) {
    uint64_t k = 0;
    std::memcpy(&k, w.data(), w.size());
    return k ^ (uint64_t{w.size()} << 60) ^ (uint64_t{1} << 63);
  }
  static size_t Mix(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ULL) >> 40); }
  // A bit of the filter, from other bits of the key's hash than the slot's.
  static uint64_t FilterBit(uint64_t k) { return ((k * 0xC2B2AE3D27D4EB4FULL) >> 45) & (kFilterBits - 1); }
  static constexpr uint64_t kFilterBits = uint64_t{1} << 18;
  // A key of a word longer than 8 bytes for the filter: its first and last 8 bytes, its length.
  static uint64_t LongKey(std::string_view w) {
    uint64_t head, tail;
    std::memcpy(&head, w.data(), 8);
    std::memcpy(&tail, w.data() + w.size() - 8, 8);
    return head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ w.size();
  }
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64);
  std::vector<Slot> slots_;
  size_t used_ = 0;
  WordMap<uint64_t> long_;
  size_t max_len_ = 0;
};

// Two words as one 64-bit key (the second hashed with the first's hash as its seed): pair
// tables keep hashes, not strings (a third of the memory; a collision between two of a few
// hundred thousand pairs is vanishingly rare).
inline uint64_t PairHash(std::string_view a, std::string_view b) {
  return XXH3_64bits_withSeed(b.data(), b.size(), XXH3_64bits(a.data(), a.size()));
}

// One slot of a HashCountTable; the layout a model image stores too (16 bytes).
struct HashCountSlot {
  uint64_t key = 0;  // 0: empty
  uint32_t count = 0;
  uint32_t unused = 0;
};

// Counts keyed by 64-bit hashes (of word pairs, say), in an open-addressing table: one
// memory access per look-up, where std::unordered_map costs two or three. Its slots can be
// written into a model image and probed there in place (Find over a span).
class HashCountTable {
 public:
  // The count of `key`, inserted as 0 when absent.
  uint32_t& operator[](uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    key = Stored(key);
    size_t i = key & (slots_.size() - 1);
    while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & (slots_.size() - 1);
    if (slots_[i].key == 0) slots_[i].key = key, ++size_;
    return slots_[i].count;
  }
  // The count of `key`; 0 when absent.
  uint32_t Find(uint64_t key) const { return Find(slots_, key); }
  // The same in slots laid out by a table (a power of two of them, or none).
  static uint32_t Find(std::span<const HashCountSlot> slots, uint64_t key) {
    if (slots.empty()) return 0;
    key = Stored(key);
    for (size_t i = key & (slots.size() - 1);; i = (i + 1) & (slots.size() - 1)) {
      if (slots[i].key == key) return slots[i].count;
      if (slots[i].key == 0) return 0;
    }
  }
  std::span<const HashCountSlot> slots() const { return slots_; }

 private:
  // Keys are hashes already: their low bits index the table. 0 marks an empty slot.
  static uint64_t Stored(uint64_t key) { return key == 0 ? 1 : key; }
  void Grow() {
    std::vector<HashCountSlot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, old.size() * 2), HashCountSlot{});
    for (const HashCountSlot& s : old) {
      if (s.key == 0) continue;
      size_t i = s.key & (slots_.size() - 1);
      while (slots_[i].key != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::vector<HashCountSlot> slots_;
  size_t size_ = 0;
};

}  // namespace mtclean

#endif  // MTCLEAN_LEXICON_WORD_TABLE_H_
